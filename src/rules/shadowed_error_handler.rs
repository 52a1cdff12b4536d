//! Retriers and Catchers that can never match because an earlier one matches first (rules.md 5.7).

use std::collections::HashMap;

use super::Context;
use crate::ast::Field;
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::syntax::Span;

declare_rule! {
    /// ## What it does
    /// Reports a Retrier or Catcher all of whose error names are already matched by earlier
    /// entries of the same `Retry` or `Catch`: the same name, or `States.TaskFailed` (which
    /// matches every error except `States.Timeout` and the other `States.` errors) before a
    /// custom error name.
    ///
    /// ## Why is this bad?
    /// Step Functions uses the first entry whose `ErrorEquals` matches, so the later entry is
    /// dead code: its retry policy or fallback never applies (rules.md 5.7).
    ///
    /// ## Example
    /// ```json
    /// "Retry": [
    ///   { "ErrorEquals": ["States.TaskFailed"], "MaxAttempts": 2 },
    ///   { "ErrorEquals": ["Lambda.TooManyRequestsException"], "MaxAttempts": 6 }
    /// ]
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// "Retry": [
    ///   { "ErrorEquals": ["Lambda.TooManyRequestsException"], "MaxAttempts": 6 },
    ///   { "ErrorEquals": ["States.TaskFailed"], "MaxAttempts": 2 }
    /// ]
    /// ```
    pub(crate) static SHADOWED_ERROR_HANDLER = {
        name: "shadowed-error-handler",
        severity: Warning,
        aws_code: None,
        summary: "a Retrier or Catcher that an earlier one always matches first",
    }
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (_, state) in cx.machine.scope.all_states() {
        let retriers: Vec<_> = state
            .retry
            .iter()
            .map(|r| (&r.error_equals, r.span))
            .collect();
        check_list("Retry", "Retrier", &retriers, out);
        let catchers: Vec<_> = state
            .catch
            .iter()
            .map(|c| (&c.error_equals, c.span))
            .collect();
        check_list("Catch", "Catcher", &catchers, out);
    }
}

fn check_list(
    field: &str,
    what: &str,
    entries: &[(&Vec<Field<String>>, Span)],
    out: &mut Vec<Diagnostic>,
) {
    // The first entry naming each error, and the first naming States.TaskFailed, among the
    // entries before the current one: one pass, however many entries there are.
    let mut first: HashMap<&str, usize> = HashMap::new();
    let mut first_task_failed: Option<usize> = None;
    for (i, (errors, _)) in entries.iter().enumerate() {
        if let Some(j) = shadowed_by(errors, &first, first_task_failed) {
            let names: Vec<String> = errors.iter().map(|e| format!("`{}`", e.value)).collect();
            out.push(
                Diagnostic::new(
                    &SHADOWED_ERROR_HANDLER,
                    errors[0].span.cover(errors[errors.len() - 1].span),
                    format!(
                        "`{field}[{i}]` can never match: {} {} already handled by an earlier {what}",
                        names.join(", "),
                        if names.len() == 1 { "is" } else { "are" }
                    ),
                )
                .label(entries[j].1, format!("`{field}[{j}]` matches first"))
                .help(format!(
                    "move `{field}[{i}]` before `{field}[{j}]`, or remove it"
                ))
                .pointer(errors[0].pointer.as_str()),
            );
        }
        for error in errors.iter() {
            first.entry(error.value.as_str()).or_insert(i);
            if error.value == "States.TaskFailed" {
                first_task_failed.get_or_insert(i);
            }
        }
    }
}

/// The entry that shadows an entry naming `errors`: the latest of the earliest entries that
/// match each name first, when every name has one (`None` for an empty list).
fn shadowed_by(
    errors: &[Field<String>],
    first: &HashMap<&str, usize>,
    first_task_failed: Option<usize>,
) -> Option<usize> {
    let mut latest = None;
    for name in errors {
        let exact = first.get(name.value.as_str()).copied();
        let broad = first_task_failed.filter(|_| matches_first("States.TaskFailed", &name.value));
        let earliest = match (exact, broad) {
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => return None,
        };
        latest = Some(latest.map_or(earliest, |k: usize| k.max(earliest)));
    }
    latest
}

/// Whether an earlier `ErrorEquals` entry `earlier` matches error `name` (so a later entry for
/// `name` is never used). An early `States.ALL` is `misplaced-states-all`'s finding, not this one.
fn matches_first(earlier: &str, name: &str) -> bool {
    earlier == name || (earlier == "States.TaskFailed" && !name.starts_with("States."))
}
