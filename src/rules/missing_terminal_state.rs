//! Every scope has a state that ends it: Succeed, Fail or `End: true` (rules.md 5.2).
use super::Context;
use crate::declare_rule;
use crate::diagnostics::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Reports a `States` object (the top level, a Parallel branch or a Map item processor)
    /// with no terminal state: no Succeed, no Fail and no state with `"End": true`. A state
    /// whose type is a `${...}` placeholder, that lacks both `Next` and `End`, or whose
    /// transition names no state (each reported on its own) might be the intended end and keeps
    /// the scope from being reported: one mistake, one finding. (AWS reports both.)
    ///
    /// ## Why is this bad?
    /// AWS rejects the definition with `MISSING_END_STATE: Workflow has no terminal state`
    /// (rules.md 4.4, 5.2): the execution could never finish.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "StartAt": "A",
    ///   "States": {
    ///     "A": { "Type": "Pass", "Next": "B" },
    ///     "B": { "Type": "Pass", "Next": "A" }
    ///   }
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {
    ///   "StartAt": "A",
    ///   "States": {
    ///     "A": { "Type": "Pass", "Next": "B" },
    ///     "B": { "Type": "Pass", "End": true }
    ///   }
    /// }
    /// ```
    pub(crate) static MISSING_TERMINAL_STATE = {
        name: "missing-terminal-state",
        severity: Error,
        aws_code: Some("MISSING_END_STATE"),
        summary: "a scope with no Succeed, Fail or End state",
    }
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let graph = cx.graph;
    for (id, scope) in graph.scopes().iter().enumerate() {
        if scope.nodes.is_empty() || scope.nodes.iter().any(|&n| graph.might_end(n)) {
            continue;
        }
        let (span, pointer) = match &scope.scope.start_at {
            Some(start) => (start.span, start.pointer.clone()),
            None => (scope.scope.span, scope.scope.pointer.clone()),
        };
        out.push(
            Diagnostic::new(
                &MISSING_TERMINAL_STATE,
                span,
                format!(
                    "no state {} ends the execution: there is no Succeed or Fail state and no \
                     `\"End\": true`",
                    graph.describe_scope(id)
                ),
            )
            .primary_label("the execution starts here and never ends")
            .help("give the last state `\"End\": true` instead of `Next`, or add a Succeed state")
            .pointer(pointer.as_str()),
        );
    }
}
