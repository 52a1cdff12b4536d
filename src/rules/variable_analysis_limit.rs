//! A definition too large for the variable data-flow analysis (issue 8: limits).
use super::Context;
use crate::analysis::variables::MAX_FLOW_PAIRS;
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::syntax::Span;

declare_rule! {
    /// ## What it does
    /// Reports that the data-flow analysis of workflow variables was skipped because the
    /// definition has more states times variables than asl-lint follows (536,870,912 pairs:
    /// about 23,000 states each assigning a variable of its own). `undefined-variable` then
    /// reports only names that no state the read can see assigns; a variable assigned on
    /// some paths but not others goes unreported.
    ///
    /// ## Why is this bad?
    /// The analysis keeps, for every state, which variables are defined on entry, so its
    /// memory grows with states x variables; the limit keeps a run under about 128 MiB for
    /// it. Only a definition larger than AWS's 1 MiB limit (rules.md 5.15) reaches it, so the
    /// finding also means AWS would refuse the file (`definition-too-large`).
    ///
    /// ## Example
    /// A generated definition of 25,000 Pass states, each with `"Assign": {"vN": 1}`.
    ///
    /// Use instead: split the workflow into state machines that call each other (a Task with
    /// `arn:aws:states:::states:startExecution.sync:2`), each within AWS's limits.
    pub(crate) static VARIABLE_ANALYSIS_LIMIT = {
        name: "variable-analysis-limit",
        severity: Warning,
        aws_code: None,
        summary: "too many states and variables for the variable data-flow analysis",
    }
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some((states, variables)) = cx.variables.skipped() else {
        return;
    };
    let span = cx.machine.scope.states_span.unwrap_or(cx.machine.span);
    out.push(
        Diagnostic::new(
            &VARIABLE_ANALYSIS_LIMIT,
            Span::new(span.start, span.start + 1),
            format!(
                "{states} states and {variables} variables are more than the variable analysis \
                 follows ({} state-variable pairs, {MAX_FLOW_PAIRS} at most): variables \
                 assigned on some paths only are not reported",
                states.saturating_mul(variables)
            ),
        )
        .primary_label("too large to follow every variable through every state")
        .help("split the workflow into smaller state machines")
        .pointer("/States"),
    );
}
