//! States that only go to each other, with nothing from `StartAt` leading to them (rules.md 5.2).
use super::Context;
use crate::declare_rule;
use crate::diagnostics::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Reports a loop of states that are named only by each other: every one of them is the
    /// target of some transition, so AWS accepts the definition, but no path from the scope's
    /// `StartAt` ever enters the loop. Graph reachability, unlike AWS's reference-based check
    /// (`unreachable-state`), finds them.
    ///
    /// ## Why is this bad?
    /// The states never run: dead code, usually a forgotten or misspelt `Next` into the loop.
    /// rules.md 5.2 asks for true graph reachability as a warning beside AWS's check.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "StartAt": "Start",
    ///   "States": {
    ///     "Start": { "Type": "Succeed" },
    ///     "Poll": { "Type": "Wait", "Seconds": 5, "Next": "Again" },
    ///     "Again": { "Type": "Pass", "Next": "Poll" }
    ///   }
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {
    ///   "StartAt": "Start",
    ///   "States": {
    ///     "Start": { "Type": "Succeed" }
    ///   }
    /// }
    /// ```
    pub(crate) static UNREACHABLE_LOOP = {
        name: "unreachable-loop",
        severity: Warning,
        aws_code: None,
        summary: "states that only go to each other and that StartAt never leads to",
    }
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let graph = cx.graph;
    for cycle in graph.cycles() {
        let first = cycle[0];
        let scope = graph.scope(graph.scope_of(first));
        let lacks = scope.nodes.iter().any(|&n| graph.lacks_transition(n));
        if scope.has_placeholder || scope.start.is_none() || lacks || graph.is_reachable(first) {
            continue;
        }
        // Only loops that every member enters from inside: an unnamed state leading here is
        // already an `unreachable-state` error.
        let entered_from_orphan = cycle.iter().any(|&n| {
            graph
                .predecessors(n)
                .any(|p| cycle.binary_search(&p).is_err() && !graph.is_reachable(p))
        });
        if entered_from_orphan {
            continue;
        }
        let state = graph.state(first);
        let names = super::cycle_without_exit::names(graph, &cycle);
        out.push(
            Diagnostic::new(
                &UNREACHABLE_LOOP,
                state.name_span,
                format!(
                    "{names} {}: no path from `StartAt` {} leads to {}",
                    if cycle.len() == 1 {
                        "only goes to itself"
                    } else {
                        "only go to each other"
                    },
                    graph.describe_scope(graph.scope_of(first)),
                    if cycle.len() == 1 { "it" } else { "them" },
                ),
            )
            .primary_label("never entered")
            .help("go to the loop from a reachable state, or remove it")
            .pointer(state.pointer.as_str()),
        );
    }
}
