//! `States.*` error names that Step Functions does not define (rules.md 5.7).

use super::Context;
use super::errors::{STATES_ERRORS, is_states_error};
use crate::ast::StateKind;
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::suggest::closest;

declare_rule! {
    /// ## What it does
    /// Reports names in a Retrier's or Catcher's `ErrorEquals` that start with `States.` but are
    /// not errors Step Functions defines, such as `States.TimeOut`. Names that a Fail state of
    /// the same machine raises (`"Error": "States.QuorumMet"`) are not reported.
    ///
    /// ## Why is this bad?
    /// The `States.` prefix is reserved for the service's own errors. A misspelt one is accepted
    /// by AWS but never matches anything, so the retry or the fallback silently never happens
    /// (rules.md 5.7).
    ///
    /// ## Example
    /// ```json
    /// "Retry": [{ "ErrorEquals": ["States.TimeOut"], "MaxAttempts": 2 }]
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// "Retry": [{ "ErrorEquals": ["States.Timeout"], "MaxAttempts": 2 }]
    /// ```
    pub(crate) static UNKNOWN_ERROR_NAME = {
        name: "unknown-error-name",
        severity: Warning,
        aws_code: None,
        summary: "a `States.` error name that Step Functions does not define",
    }
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let states = cx.machine.scope.all_states();
    // A Fail state may raise its own `States.` name, and a Catcher may then match it.
    let raised: Vec<&str> = states
        .iter()
        .filter_map(|(_, state)| match &state.kind {
            StateKind::Fail(fail) => fail.error.as_ref().map(|e| e.value.as_str()),
            _ => None,
        })
        .collect();
    for (_, state) in &states {
        let handlers = state.retry.iter().map(|r| &r.error_equals);
        let handlers = handlers.chain(state.catch.iter().map(|c| &c.error_equals));
        for name in handlers.flatten() {
            if !name.value.starts_with("States.")
                || is_states_error(&name.value)
                || raised.contains(&name.value.as_str())
            {
                continue;
            }
            let mut d = Diagnostic::new(
                &UNKNOWN_ERROR_NAME,
                name.span,
                format!(
                    "`{}` is not an error Step Functions defines, so it never matches",
                    name.value
                ),
            )
            .pointer(name.pointer.as_str());
            if let Some(known) = closest(&name.value, STATES_ERRORS.iter().map(|(n, _)| *n)) {
                d = d.help(format!("did you mean `{known}`?"));
            } else {
                d = d.help("error names starting with `States.` are reserved; name your own errors without that prefix");
            }
            out.push(d);
        }
    }
}
