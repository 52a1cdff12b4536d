//! `StartAt`, `Next`, `Default`, `Choices[].Next` and `Catch[].Next` name a state of their own
//! scope (rules.md 5.2).
use super::Context;
use crate::analysis::{Graph, ScopeId};
use crate::ast::{Field, is_placeholder};
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::suggest::closest;

declare_rule! {
    /// ## What it does
    /// Checks that `StartAt`, `Next`, `Default`, `Choices[].Next` and `Catch[].Next` each name a
    /// state of the same `States` object: the top level, one Parallel branch or one Map item
    /// processor. Names are case-sensitive. `${...}` substitution placeholders are not checked.
    ///
    /// ## Why is this bad?
    /// AWS rejects the definition with `MISSING_TRANSITION_TARGET: Missing 'Next' target: X`
    /// (rules.md 4.4, 5.2). Transitions cannot leave or enter a Parallel branch or a Map item
    /// processor: a branch ends with `End: true` (or Succeed/Fail) and the Parallel or Map
    /// state's own `Next` continues.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "StartAt": "Start",
    ///   "States": {
    ///     "Start": { "Type": "Pass", "Next": "Finsh" },
    ///     "Finish": { "Type": "Succeed" }
    ///   }
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {
    ///   "StartAt": "Start",
    ///   "States": {
    ///     "Start": { "Type": "Pass", "Next": "Finish" },
    ///     "Finish": { "Type": "Succeed" }
    ///   }
    /// }
    /// ```
    pub(crate) static MISSING_TRANSITION_TARGET = {
        name: "missing-transition-target",
        severity: Error,
        aws_code: Some("MISSING_TRANSITION_TARGET"),
        summary: "a StartAt, Next, Default or Catch Next that names no state of its scope",
    }
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let graph = cx.graph;
    for (id, scope) in graph.scopes().iter().enumerate() {
        if let Some(start) = &scope.scope.start_at {
            let unknown = scope.start.is_none() && !is_placeholder(&start.value);
            if unknown && !scope.scope.states.is_empty() {
                out.push(report(graph, id, "StartAt", start));
            }
        }
    }
    for t in graph.transitions() {
        if t.to.is_none() && !t.is_placeholder() {
            let field = t.kind.field();
            let d = report(graph, graph.scope_of(t.from), &field, t.field);
            out.push(d.label(
                graph.state(t.from).name_span,
                format!("in state `{}`", graph.state(t.from).name),
            ));
        }
    }
}

fn report(graph: &Graph<'_>, scope: ScopeId, field: &str, target: &Field<String>) -> Diagnostic {
    let name = &target.value;
    let mut d = Diagnostic::new(
        &MISSING_TRANSITION_TARGET,
        target.span,
        format!(
            "`{field}` names `{name}`, but there is no state `{name}` {}",
            graph.describe_scope(scope)
        ),
    )
    .primary_label("no such state in this scope")
    .pointer(target.pointer.as_str());
    let elsewhere = graph
        .named(name)
        .iter()
        .find(|&&n| graph.scope_of(n) != scope)
        .copied();
    if let Some(other) = elsewhere {
        let other_scope = graph.scope_of(other);
        let where_ = if graph.encloses(other_scope, scope) {
            format!(
                "in an enclosing scope ({})",
                graph.describe_scope(other_scope)
            )
        } else {
            graph.describe_scope(other_scope)
        };
        d = d
            .label(
                graph.state(other).name_span,
                format!("`{name}` is defined here, {where_}"),
            )
            .help(
                "transitions cannot leave or enter a Parallel branch or a Map item processor: \
                 end the branch with `End: true` and continue from the Parallel or Map state's \
                 `Next`",
            );
    } else if let Some(close) = closest(name, state_names(graph, scope)) {
        d = d.help(format!("did you mean `{close}`?"));
    } else {
        d = d.help("name one of the states of this `States` object, or add the missing state");
    }
    d
}

/// The names of a scope's states in source order (so that suggestions do not depend on hashing).
fn state_names<'a>(graph: &Graph<'a>, scope: ScopeId) -> impl Iterator<Item = &'a str> {
    graph
        .scope(scope)
        .scope
        .states
        .iter()
        .map(|s| s.name.as_str())
}
