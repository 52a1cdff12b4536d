//! Static durations beyond the 5-minute limit of Express workflows (rules.md 5.14).
use super::Context;
use super::durations::static_durations;
use crate::declare_rule;
use crate::diagnostics::Diagnostic;

declare_rule! {
    /// ## What it does
    /// In an Express state machine (`--type express`), and in the child workflows of a
    /// Distributed Map with `ExecutionType: EXPRESS`, warns about static durations longer than
    /// 5 minutes (300 s): the machine's `TimeoutSeconds`, a Wait state's `Seconds` and a Task's
    /// `TimeoutSeconds`.
    ///
    /// ## Why is this bad?
    /// An Express execution runs for at most 5 minutes: a longer wait or timeout can never be
    /// reached, and the execution fails with `States.Timeout` first (rules.md 5.14).
    ///
    /// ## Example
    /// ```json
    /// { "Type": "Wait", "Seconds": 600, "Next": "Check" }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "Type": "Wait", "Seconds": 60, "Next": "Check" }
    /// ```
    pub(crate) static EXPRESS_DURATION_OVER_LIMIT = {
        name: "express-duration-over-limit",
        severity: Warning,
        aws_code: None,
        summary: "a static duration longer than the 5 minutes an Express execution may run",
    }
}

const LIMIT: i64 = 300;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for d in static_durations(cx) {
        if !d.express || d.seconds <= LIMIT {
            continue;
        }
        let (span, pointer, what, n) = (d.span, d.pointer, d.what, d.seconds);
        out.push(
            Diagnostic::new(
                &EXPRESS_DURATION_OVER_LIMIT,
                span,
                format!("{what} is {n} seconds, longer than the 300 seconds an Express execution may run"),
            )
            .help("shorten it to at most 300 seconds, or use a Standard workflow")
            .pointer(pointer),
        );
    }
}
