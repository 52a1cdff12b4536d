//! Parallel and Map states nested too deeply (rules.md 5.2, TOO_DEEPLY_NESTED).
use super::Context;
use crate::declare_rule;
use crate::diagnostics::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Reports a Parallel or Map state nested inside more than `3` other Parallel or Map
    /// states (counting branches and item processors), once per deepest chain: the outermost
    /// state past the limit is reported.
    ///
    /// ## Why is this bad?
    /// AWS has a `TOO_DEEPLY_NESTED` error but does not document the limit (rules.md 4.4,
    /// 5.2), so this is a warning at a limit of our choosing. Three levels (a Map in a
    /// Parallel in a Map) cover the real workflows we have seen; beyond that, every level
    /// multiplies the concurrent executions, the execution history and the state-transition
    /// cost, and the definition becomes hard to read and test. A child workflow
    /// (`states:startExecution`) keeps each level separate.
    ///
    /// ## Example
    /// Five nested Map states (each item processor abridged):
    /// ```json
    /// { "StartAt": "L1", "States": { "L1": { "Type": "Map", "ItemProcessor": {
    ///   "StartAt": "L2", "States": { "L2": { "Type": "Map", "ItemProcessor": {
    ///   "StartAt": "L3", "States": { "L3": { "Type": "Map", "ItemProcessor": {
    ///   "StartAt": "L4", "States": { "L4": { "Type": "Map", "ItemProcessor": { "...": "..." },
    ///   "End": true } } }, "End": true } } }, "End": true } } }, "End": true } } }
    /// ```
    ///
    /// Use instead: move the inner levels into a child state machine started with
    /// `arn:aws:states:::states:startExecution.sync:2`.
    pub(crate) static DEEP_NESTING = {
        name: "deep-nesting",
        severity: Warning,
        aws_code: Some("TOO_DEEPLY_NESTED"),
        summary: "Parallel and Map states nested more than 3 deep",
    }
}

/// How many Parallel or Map states may enclose a Parallel or Map state.
const MAX_ENCLOSING: usize = 3;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let graph = cx.graph;
    for scope in graph.scopes() {
        if scope.depth != MAX_ENCLOSING {
            continue;
        }
        for &node in &scope.nodes {
            let state = graph.state(node);
            if state.child_scopes().is_empty() {
                continue;
            }
            out.push(
                Diagnostic::new(
                    &DEEP_NESTING,
                    state.name_span,
                    format!(
                        "the {} state `{}` is inside {MAX_ENCLOSING} levels of Parallel and Map \
                         states",
                        state.type_name(),
                        state.name
                    ),
                )
                .primary_label("nested too deeply")
                .help("move the inner levels into a child state machine (`states:startExecution`)")
                .pointer(state.pointer.as_str()),
            );
        }
    }
}
