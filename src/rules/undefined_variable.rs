//! Variables read where no path, or not every path, has assigned them (rules.md 5.11).
use std::collections::HashSet;

use super::Context;
use crate::analysis::NodeId;
use crate::analysis::variables::{AssignSite, Defined, Read};
use crate::declare_rule;
use crate::diagnostics::{Diagnostic, Severity};
use crate::suggest::closest;

declare_rule! {
    /// ## What it does
    /// Follows every path from each scope's `StartAt` (Next, Default, Choice rules, Catch) and
    /// reports a `$name` read in a state where no path to the state assigns `name` (an error),
    /// or only some paths do (a warning). A state's `Assign` applies when the state succeeds;
    /// a Catcher's `Assign` on its catch edge only; a Choice rule's `Assign` on that rule's
    /// edge. Parallel branches and inline Map iterations can read what is assigned before
    /// their Parallel or Map state; a Distributed Map's child workflow cannot read outer
    /// variables at all. Variables assigned inside a branch or iteration are not visible
    /// outside it. Reads that tolerate an undefined value (inside `$exists(...)`, left of `??`
    /// or `?:`) are not reported.
    ///
    /// ## Why is this bad?
    /// Reading a variable that was never assigned fails the execution with
    /// `States.QueryEvaluationError` (JSONata) or `States.Runtime` (JSONPath); the AWS console
    /// warns about undefined variables (rules.md 5.11; statelint #67). When only some paths
    /// assign it, the executions that take the other paths fail.
    ///
    /// ## Example
    /// ```json
    /// "Check": { "Type": "Choice", "Choices": [
    ///   { "Condition": "{% $retries > 3 %}", "Next": "Give up" } ], "Default": "Work" }
    /// ```
    ///
    /// Use instead: assign `retries` on every path before `Check`:
    /// ```json
    /// "Start": { "Type": "Pass", "Assign": { "retries": 0 }, "Next": "Check" }
    /// ```
    pub(crate) static UNDEFINED_VARIABLE = {
        name: "undefined-variable",
        severity: Error,
        aws_code: None,
        summary: "a variable read before any path (error) or every path (warning) assigns it",
    }
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let names: Vec<&str> = (0..cx.graph.node_count())
        .flat_map(|i| cx.variables.state(NodeId::new(i)).assigns.iter())
        .map(|a| a.name.as_str())
        .collect();
    let assigned: HashSet<&str> = names.iter().copied().collect();
    for i in 0..cx.graph.node_count() {
        let node = NodeId::new(i);
        let state = cx.graph.state(node);
        for read in &cx.variables.state(node).reads {
            if read.guarded || output_path_after_assign(cx, node, read) {
                continue;
            }
            let name = &read.name;
            let d = match cx.variables.defined(cx.graph, node, name) {
                Defined::Always | Defined::Unknown => continue,
                Defined::Sometimes => {
                    let mut d = Diagnostic::new(
                        &UNDEFINED_VARIABLE,
                        read.span,
                        format!("`${name}` is assigned on some paths to `{}` but not on all", state.name),
                    )
                    .primary_label("may be undefined here")
                    .help(format!("assign `{name}` on every path that leads to `{}`", state.name));
                    d.severity = Severity::Warning;
                    d
                }
                Defined::OuterOfDistributed => Diagnostic::new(
                    &UNDEFINED_VARIABLE,
                    read.span,
                    format!(
                        "`${name}` is assigned outside the Distributed Map, and its child workflow cannot read outer variables"
                    ),
                )
                .primary_label("not visible in a Distributed Map")
                .help("pass the value to each child workflow with the Map state's `ItemSelector` and read it from the item's input"),
                Defined::Never => {
                    let mut d = Diagnostic::new(
                        &UNDEFINED_VARIABLE,
                        read.span,
                        format!("`${name}` is not assigned on any path to `{}`", state.name),
                    )
                    .primary_label("undefined variable");
                    d = match closest(name, names.iter().copied()) {
                        Some(c) if c != name => d.help(format!("did you mean `${c}`?")),
                        _ if assigned.contains(name.as_str()) => d.help(format!(
                            "`{name}` is assigned only where `{}` cannot see it (after it, or in another branch or iteration)",
                            state.name
                        )),
                        _ => d.help(format!("assign `{name}` with `Assign` in a state before `{}`", state.name)),
                    };
                    d
                }
            };
            out.push(d.pointer(read.pointer.as_str()));
        }
    }
}

/// JSONPath `OutputPath` is applied after the state's `Assign` (LocalStack's
/// `base_evaluation_order_pass_state` reads a variable the same state assigns there): such a
/// read is not reported.
fn output_path_after_assign(cx: &Context<'_>, node: NodeId, read: &Read) -> bool {
    read.pointer.as_str().ends_with("/OutputPath")
        && cx
            .variables
            .state(node)
            .assigns
            .iter()
            .any(|a| a.site == AssignSite::State && a.name == read.name)
}
