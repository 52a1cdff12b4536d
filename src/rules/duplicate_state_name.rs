//! State names are unique in the whole machine, nested scopes included (rules.md 5.2).
use super::Context;
use crate::declare_rule;
use crate::diagnostics::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Reports a state whose name is already used by a state of another scope: the top level,
    /// a Parallel branch or a Map item processor. (The same name twice in one `States` object is
    /// a `duplicate-key`.) The later state, in the order of the text, is reported.
    ///
    /// ## Why is this bad?
    /// AWS rejects the definition with `DUPLICATE_STATE_NAME` (rules.md 4.4, 5.2): state names
    /// identify states in the execution history, metrics and logs, so they must be unique in the
    /// whole machine although transitions only look within their scope.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "StartAt": "Work",
    ///   "States": {
    ///     "Work": {
    ///       "Type": "Parallel",
    ///       "Branches": [{ "StartAt": "Work", "States": { "Work": { "Type": "Succeed" } } }],
    ///       "End": true
    ///     }
    ///   }
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {
    ///   "StartAt": "Work",
    ///   "States": {
    ///     "Work": {
    ///       "Type": "Parallel",
    ///       "Branches": [{ "StartAt": "Step", "States": { "Step": { "Type": "Succeed" } } }],
    ///       "End": true
    ///     }
    ///   }
    /// }
    /// ```
    pub(crate) static DUPLICATE_STATE_NAME = {
        name: "duplicate-state-name",
        severity: Error,
        aws_code: Some("DUPLICATE_STATE_NAME"),
        summary: "a state name used by a state of another scope",
    }
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let graph = cx.graph;
    // The first state of each repeated name, by position in the text.
    let mut firsts = std::collections::HashMap::new();
    for scope in graph.scopes() {
        for &node in &scope.nodes {
            let state = graph.state(node);
            let same = graph.named(&state.name);
            if same.len() < 2 {
                continue;
            }
            let first = *firsts.entry(state.name.as_str()).or_insert_with(|| {
                let by_position = |&&n: &&_| graph.state(n).name_span.start;
                same.iter().min_by_key(by_position).copied().unwrap_or(node)
            });
            if first == node || graph.scope_of(first) == graph.scope_of(node) {
                continue;
            }
            let first_state = graph.state(first);
            out.push(
                Diagnostic::new(
                    &DUPLICATE_STATE_NAME,
                    state.name_span,
                    format!(
                        "the state name `{}` is already used {}; names must be unique in the \
                         whole state machine",
                        state.name,
                        graph.describe_scope(graph.scope_of(first))
                    ),
                )
                .primary_label("used again here")
                .label(first_state.name_span, "first used here")
                .help("rename one of the states (and the transitions that name it)")
                .pointer(state.pointer.as_str()),
            );
        }
    }
}
