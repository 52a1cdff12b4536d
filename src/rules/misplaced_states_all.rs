//! `States.ALL` must be alone in its `ErrorEquals` and in the last Retrier or Catcher (rules.md 5.7).

use super::Context;
use crate::ast::Field;
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::syntax::Span;

declare_rule! {
    /// ## What it does
    /// Reports `States.ALL` in an `ErrorEquals` that lists other errors too, and a Retrier or
    /// Catcher with `States.ALL` that is followed by another one in the same `Retry` or `Catch`.
    ///
    /// ## Why is this bad?
    /// The language requires `States.ALL` to appear alone and in the last entry, and AWS rejects
    /// the definition otherwise: `States.ALL` matches every error, so anything after it could
    /// never run (rules.md 5.7).
    ///
    /// ## Example
    /// ```json
    /// "Catch": [
    ///   { "ErrorEquals": ["States.ALL"], "Next": "Failed" },
    ///   { "ErrorEquals": ["States.Timeout"], "Next": "TimedOut" }
    /// ]
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// "Catch": [
    ///   { "ErrorEquals": ["States.Timeout"], "Next": "TimedOut" },
    ///   { "ErrorEquals": ["States.ALL"], "Next": "Failed" }
    /// ]
    /// ```
    pub(crate) static MISPLACED_STATES_ALL = {
        name: "misplaced-states-all",
        severity: Error,
        aws_code: Some("SCHEMA_VALIDATION_FAILED"),
        summary: "`States.ALL` not alone in its ErrorEquals or not in the last Retrier or Catcher",
    }
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (_, state) in cx.machine.scope.all_states() {
        let retriers = state.retry.iter().map(|r| (&r.error_equals, r.span));
        check_list("Retry", "Retrier", retriers.collect(), out);
        let catchers = state.catch.iter().map(|c| (&c.error_equals, c.span));
        check_list("Catch", "Catcher", catchers.collect(), out);
    }
}

fn check_list(
    field: &str,
    what: &str,
    entries: Vec<(&Vec<Field<String>>, Span)>,
    out: &mut Vec<Diagnostic>,
) {
    let last = entries.len().saturating_sub(1);
    for (i, (errors, _)) in entries.iter().enumerate() {
        let Some(all) = errors.iter().find(|e| e.value == "States.ALL") else {
            continue;
        };
        if errors.len() > 1 {
            out.push(
                Diagnostic::new(
                    &MISPLACED_STATES_ALL,
                    all.span,
                    format!("`States.ALL` must be the only error in `{field}[{i}].ErrorEquals`"),
                )
                .primary_label("matches every error")
                .help("remove the other names: `States.ALL` already matches them")
                .pointer(all.pointer.as_str()),
            );
        }
        if i < last {
            let (_, next_span) = entries[i + 1];
            out.push(
                Diagnostic::new(
                    &MISPLACED_STATES_ALL,
                    all.span,
                    format!("the {what} with `States.ALL` must be the last in `{field}`, but `{field}[{i}]` is followed by {} more", last - i),
                )
                .label(next_span, "this can never match")
                .help(format!("move `{field}[{i}]` to the end"))
                .pointer(all.pointer.as_str()),
            );
        }
    }
}
