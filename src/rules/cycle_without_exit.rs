//! A reachable loop from which no terminal state can be reached (rules.md 5.2).
use super::Context;
use crate::analysis::{Graph, NodeId};
use crate::declare_rule;
use crate::diagnostics::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Reports a loop of states (a strongly connected component of the state graph) that is
    /// reachable from `StartAt` and from which no path leads to a Succeed, Fail or `End: true`
    /// state: once entered, the execution can only go round.
    ///
    /// A Task that fails ends the execution, but only with an error, so it does not count as a
    /// way out. A state whose exit is unknown (a `${...}` placeholder, a missing `Next` or a
    /// `Next` naming no state, reported on their own) counts as one. Scopes without any terminal state are left to
    /// `missing-terminal-state`.
    ///
    /// ## Why is this bad?
    /// The execution never ends normally: it runs until the Standard workflow's one-year
    /// limit or the 25,000-event history quota stops it with an error (rules.md 5.2, 5.15).
    /// AWS accepts the definition as long as the scope has some terminal state, so this is a
    /// warning.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "StartAt": "Check",
    ///   "States": {
    ///     "Check": {
    ///       "Type": "Choice",
    ///       "Choices": [{ "Variable": "$.skip", "BooleanEquals": true, "Next": "Done" }],
    ///       "Default": "Poll"
    ///     },
    ///     "Poll": { "Type": "Wait", "Seconds": 5, "Next": "Again" },
    ///     "Again": { "Type": "Pass", "Next": "Poll" },
    ///     "Done": { "Type": "Succeed" }
    ///   }
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {
    ///   "StartAt": "Check",
    ///   "States": {
    ///     "Check": {
    ///       "Type": "Choice",
    ///       "Choices": [{ "Variable": "$.skip", "BooleanEquals": true, "Next": "Done" }],
    ///       "Default": "Poll"
    ///     },
    ///     "Poll": { "Type": "Wait", "Seconds": 5, "Next": "Check" },
    ///     "Done": { "Type": "Succeed" }
    ///   }
    /// }
    /// ```
    pub(crate) static CYCLE_WITHOUT_EXIT = {
        name: "cycle-without-exit",
        severity: Warning,
        aws_code: None,
        summary: "a reachable loop from which no Succeed, Fail or End state can be reached",
    }
}

/// At most this many transitions of the loop are labelled.
const MAX_LABELS: usize = 4;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let graph = cx.graph;
    let cycles = graph.cycles();
    if cycles.is_empty() {
        return;
    }
    let finish = graph.can_finish();
    for cycle in cycles {
        let first = cycle[0];
        let id = graph.scope_of(first);
        let scope = graph.scope(id);
        let has_terminal = scope.nodes.iter().any(|&n| graph.might_end(n));
        if !graph.is_reachable(first) || finish[first.index()] || !has_terminal {
            continue;
        }
        let state = graph.state(first);
        let mut d = Diagnostic::new(
            &CYCLE_WITHOUT_EXIT,
            state.name_span,
            format!(
                "{} form a loop with no way out: no Succeed, Fail or `End: true` state can be \
                 reached from it",
                names(graph, &cycle)
            ),
        )
        .primary_label("the loop starts here")
        .help("add a Choice rule that leaves the loop for a state that ends the execution")
        .pointer(state.pointer.as_str());
        let inside = cycle.iter().flat_map(|&n| graph.transitions_from(n));
        let back = inside.filter(|t| t.to.is_some_and(|to| cycle.binary_search(&to).is_ok()));
        for t in back.take(MAX_LABELS) {
            d = d.label(t.field.span, "stays in the loop");
        }
        out.push(d);
    }
}

/// "state `A`" / "states `A` and `B`" / "states `A`, `B`, `C` and 2 more" for messages.
pub(super) fn names(graph: &Graph<'_>, nodes: &[NodeId]) -> String {
    const SHOWN: usize = 3;
    let quoted: Vec<String> = nodes
        .iter()
        .take(SHOWN)
        .map(|&n| format!("`{}`", graph.state(n).name))
        .collect();
    match nodes.len() {
        1 => format!("state {}", quoted[0]),
        2 => format!("states {} and {}", quoted[0], quoted[1]),
        3 => format!("states {}, {} and {}", quoted[0], quoted[1], quoted[2]),
        n => format!("states {} and {} more", quoted.join(", "), n - SHOWN),
    }
}
