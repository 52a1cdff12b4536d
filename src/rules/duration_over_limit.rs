//! Static durations beyond the one-year limit of a Standard execution (rules.md 5.14).
use super::Context;
use super::durations::static_durations;
use crate::MachineType;
use crate::declare_rule;
use crate::diagnostics::Diagnostic;

declare_rule! {
    /// ## What it does
    /// In a Standard state machine, warns about static durations longer than one year
    /// (31,536,000 s): the machine's `TimeoutSeconds`, a Wait state's `Seconds` and a Task's
    /// `TimeoutSeconds`. (ASL allows up to 99,999,999; Express limits are checked by
    /// `express-duration-over-limit`.)
    ///
    /// ## Why is this bad?
    /// A Standard execution runs for at most one year, so the execution ends before such a wait
    /// or timeout is reached (rules.md 5.14, 5.15).
    ///
    /// ## Example
    /// ```json
    /// { "Type": "Wait", "Seconds": 40000000, "Next": "Check" }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "Type": "Wait", "Seconds": 2592000, "Next": "Check" }
    /// ```
    pub(crate) static DURATION_OVER_LIMIT = {
        name: "duration-over-limit",
        severity: Warning,
        aws_code: None,
        summary: "a static duration longer than the one year a Standard execution may run",
    }
}

const LIMIT: i64 = 31_536_000;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if cx.options.machine_type != MachineType::Standard {
        return;
    }
    for d in static_durations(cx) {
        if d.express || d.seconds <= LIMIT {
            continue;
        }
        let (span, pointer, what, n) = (d.span, d.pointer, d.what, d.seconds);
        out.push(
            Diagnostic::new(
                &DURATION_OVER_LIMIT,
                span,
                format!("{what} is {n} seconds, longer than the one year (31536000 seconds) an execution may run"),
            )
            .help("a Standard execution ends after one year: shorten the duration")
            .pointer(pointer),
        );
    }
}
