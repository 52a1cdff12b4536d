//! Retriers for errors that Step Functions never retries (rules.md 5.7).

use super::Context;
use super::errors::TERMINAL_ERRORS;
use crate::declare_rule;
use crate::diagnostics::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Reports `States.Runtime` and `States.DataLimitExceeded` in a Retrier's `ErrorEquals`.
    ///
    /// ## Why is this bad?
    /// AWS documents these errors as terminal: they are never retried, and a Retrier (even one on
    /// `States.ALL`) does not apply to them (rules.md 5.7). Listing them suggests a retry that
    /// never happens. Catching them by name is a different matter and is not reported.
    ///
    /// ## Example
    /// ```json
    /// "Retry": [{ "ErrorEquals": ["States.Runtime"], "MaxAttempts": 3 }]
    /// ```
    ///
    /// Use instead: fix the cause (an invalid path, an oversized payload), or retry the errors
    /// that can be retried:
    /// ```json
    /// "Retry": [{ "ErrorEquals": ["States.TaskFailed"], "MaxAttempts": 3 }]
    /// ```
    pub(crate) static UNRETRIABLE_ERROR = {
        name: "unretriable-error",
        severity: Warning,
        aws_code: None,
        summary: "a Retrier for an error that Step Functions never retries",
    }
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (_, state) in cx.machine.scope.all_states() {
        for name in state.retry.iter().flat_map(|r| r.error_equals.iter()) {
            if !TERMINAL_ERRORS.contains(&name.value.as_str()) {
                continue;
            }
            out.push(
                Diagnostic::new(
                    &UNRETRIABLE_ERROR,
                    name.span,
                    format!("`{}` is never retried: it always fails the state", name.value),
                )
                .help("remove it from the Retrier; catch it with a Catcher if you need to react to it")
                .pointer(name.pointer.as_str()),
            );
        }
    }
}
