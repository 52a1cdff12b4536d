//! Every state is the target of `StartAt` or of some transition of its scope (rules.md 5.2).
use super::Context;
use crate::analysis::{Graph, NodeId, ScopeInfo};
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::suggest::closest;

declare_rule! {
    /// ## What it does
    /// Reports a state that neither its scope's `StartAt` nor any `Next`, `Default`,
    /// `Choices[].Next` or `Catch[].Next` of the same scope names.
    ///
    /// This follows AWS's reference-based check (rules.md 5.2): a state that only other
    /// unreachable states go to passes it, so it is not an error here either; when a
    /// group of states only go to each other and nothing from `StartAt` leads to them,
    /// `unreachable-loop` warns instead.
    ///
    /// Not checked, so that one mistake gives one finding: a scope whose `StartAt` or
    /// transitions are `${...}` placeholders or whose `StartAt` names no state; a scope with a
    /// state that has neither `Next` nor `End` (often a misspelt `Next`); a scope with no
    /// terminal state (`missing-terminal-state`; AWS skips this walk then too, rules.md 4.4);
    /// and a state that a misspelt transition was probably meant to name (the "did you mean"
    /// of `missing-transition-target`).
    ///
    /// ## Why is this bad?
    /// AWS rejects the definition with `MISSING_TRANSITION_TARGET: State "X" is not reachable.`
    /// (rules.md 4.4, 5.2). Usually a `Next` was misspelt or forgotten.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "StartAt": "Start",
    ///   "States": {
    ///     "Start": { "Type": "Pass", "End": true },
    ///     "Orphan": { "Type": "Succeed" }
    ///   }
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {
    ///   "StartAt": "Start",
    ///   "States": {
    ///     "Start": { "Type": "Pass", "Next": "Done" },
    ///     "Done": { "Type": "Succeed" }
    ///   }
    /// }
    /// ```
    pub(crate) static UNREACHABLE_STATE = {
        name: "unreachable-state",
        severity: Error,
        aws_code: Some("MISSING_TRANSITION_TARGET"),
        summary: "a state that no StartAt, Next, Default or Catch names",
    }
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let graph = cx.graph;
    for (id, scope) in graph.scopes().iter().enumerate() {
        // A state without `Next` or `End` (often a misspelt `Next`) may be meant to go anywhere.
        let lacks = scope.nodes.iter().any(|&n| graph.lacks_transition(n));
        // Like AWS, a scope with no terminal state is reported as such and not walked.
        let no_end = !scope.nodes.iter().any(|&n| graph.might_end(n));
        if scope.has_placeholder || scope.start.is_none() || lacks || no_end {
            continue;
        }
        let meant = meant_targets(graph, scope);
        for &node in &scope.nodes {
            let state = graph.state(node);
            // A repeated name is reported as a duplicate key; only the first is looked up.
            if graph.is_referenced(node)
                || graph.lookup(id, &state.name) != Some(node)
                || meant.contains(&node)
            {
                continue;
            }
            out.push(
                Diagnostic::new(
                    &UNREACHABLE_STATE,
                    state.name_span,
                    format!(
                        "state `{}` is not reachable: no `StartAt`, `Next`, `Default` or \
                         `Catch` {} names it",
                        state.name,
                        graph.describe_scope(id)
                    ),
                )
                .primary_label("never entered")
                .help("add a `Next` (or a Choice rule or Catcher) that goes to it, or remove it")
                .pointer(state.pointer.as_str()),
            );
        }
    }
}

/// The states that transitions naming no state were probably meant for: the "did you mean"
/// of `missing-transition-target`.
fn meant_targets(graph: &Graph<'_>, scope: &ScopeInfo<'_>) -> Vec<NodeId> {
    let names = || scope.scope.states.iter().map(|s| s.name.as_str());
    let wrong: Vec<&str> = scope
        .nodes
        .iter()
        .flat_map(|&n| graph.transitions_from(n))
        .filter(|t| t.to.is_none())
        .map(|t| t.field.value.as_str())
        .collect();
    wrong
        .into_iter()
        .filter_map(|w| closest(w, names()))
        .filter_map(|name| scope.lookup(name))
        .collect()
}
