//! Retrier settings that do nothing or undo each other (rules.md 5.5, 5.7).

use super::Context;
use crate::ast::Retrier;
use crate::declare_rule;
use crate::diagnostics::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Reports Retriers whose settings have no effect: `MaxAttempts: 0` (the error is never
    /// retried), `MaxDelaySeconds` with `BackoffRate: 1` (the interval never grows, so there is
    /// nothing to cap), and `MaxDelaySeconds` not above `IntervalSeconds` (every retry waits the
    /// cap).
    ///
    /// ## Why is this bad?
    /// Each is a retry policy that does not do what it reads like (rules.md 5.5 and 5.7): usually
    /// a typo in a number, or a copy-pasted Retrier.
    ///
    /// ## Example
    /// ```json
    /// { "ErrorEquals": ["States.Timeout"], "BackoffRate": 1, "MaxDelaySeconds": 60 }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "ErrorEquals": ["States.Timeout"], "BackoffRate": 2, "MaxDelaySeconds": 60 }
    /// ```
    pub(crate) static INEFFECTIVE_RETRIER = {
        name: "ineffective-retrier",
        severity: Warning,
        aws_code: None,
        summary: "a Retrier whose settings have no effect",
    }
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (_, state) in cx.machine.scope.all_states() {
        for (i, retrier) in state.retry.iter().enumerate() {
            check_retrier(i, retrier, out);
        }
    }
}

fn check_retrier(i: usize, r: &Retrier, out: &mut Vec<Diagnostic>) {
    if let Some(attempts) = r.max_attempts.as_ref().filter(|a| a.value == 0) {
        out.push(
            Diagnostic::new(
                &INEFFECTIVE_RETRIER,
                attempts.span,
                format!("`Retry[{i}]` never retries: `MaxAttempts` is 0"),
            )
            .help("remove the Retrier, or set `MaxAttempts` to the number of retries you want")
            .pointer(attempts.pointer.as_str()),
        );
    }
    let flat = r.backoff_rate.as_ref().filter(|b| b.value == 1.0);
    if let (Some(rate), Some(cap)) = (flat, &r.max_delay_seconds) {
        out.push(
            Diagnostic::new(
                &INEFFECTIVE_RETRIER,
                cap.key_span,
                format!("`MaxDelaySeconds` has no effect in `Retry[{i}]`: with `BackoffRate: 1` the interval never grows"),
            )
            .label(rate.span, "the interval stays the same")
            .help("raise `BackoffRate` above 1, or remove `MaxDelaySeconds`")
            .pointer(cap.pointer.as_str()),
        );
        return;
    }
    let interval = r.interval_seconds.as_ref().map_or(1, |f| f.value);
    if let Some(cap) = r.max_delay_seconds.as_ref().filter(|m| m.value <= interval) {
        out.push(
            Diagnostic::new(
                &INEFFECTIVE_RETRIER,
                cap.span,
                format!(
                    "`MaxDelaySeconds` ({}) is not above the first interval ({interval} s) in `Retry[{i}]`: every retry waits {} s",
                    cap.value, cap.value
                ),
            )
            .help("raise `MaxDelaySeconds`, or lower `IntervalSeconds`")
            .pointer(cap.pointer.as_str()),
        );
    }
}
