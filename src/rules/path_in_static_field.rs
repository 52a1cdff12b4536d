//! A field that takes plain text given a path, which is never evaluated there (AWS NO_PATH,
//! rules.md 5.8).
use super::Context;
use super::sites::jsonpath_states;
use crate::ast::{ChoiceRule, ChoiceRuleKind, Field, Pointer, StateKind, Test};
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::lang::path::looks_like_path;
use crate::syntax::Span;

declare_rule! {
    /// ## What it does
    /// Flags a path-looking string (`$.…`, `$$.…`, `$[…`) in a JSONPath-state field that takes
    /// plain text and has a `…Path` twin: a Fail state's `Error` and `Cause`, and the string
    /// operands of Choice rules (`StringEquals`, `StringLessThan`, …, `StringMatches`).
    ///
    /// ## Why is this bad?
    /// The value is used as written: `"Cause": "$.message"` fails with the literal text
    /// `$.message`, and `"StringEquals": "$.expected"` compares with the text `$.expected`. AWS
    /// warns about it (NO_PATH, rules.md 4.4 and 5.8). Numeric and timestamp fields given a string
    /// are reported by `invalid-type` and `invalid-value`.
    ///
    /// ## Example
    /// ```json
    /// { "Type": "Fail", "Error": "Failed", "Cause": "$.message" }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "Type": "Fail", "Error": "Failed", "CausePath": "$.message" }
    /// ```
    pub(crate) static PATH_IN_STATIC_FIELD = {
        name: "path-in-static-field",
        severity: Warning,
        aws_code: Some("NO_PATH"),
        summary: "a path given to a field that takes plain text, where the `…Path` field was meant",
    }
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for state in jsonpath_states(cx.machine) {
        match &state.kind {
            StateKind::Fail(fail) => {
                for (name, field) in [("Error", &fail.error), ("Cause", &fail.cause)] {
                    if let Some(Field {
                        value,
                        span,
                        pointer,
                        ..
                    }) = field
                    {
                        report(name, value, *span, pointer, out);
                    }
                }
            }
            StateKind::Choice(choice) => {
                for rule in choice.choices.iter().flat_map(ChoiceRule::self_and_nested) {
                    if let ChoiceRuleKind::Comparison {
                        operator, operand, ..
                    } = &rule.kind
                        && !operator.path
                        && is_string_test(operator.test)
                        && let Some(value) = operand.value.as_str()
                    {
                        report(operator.name, value, operand.span, &operand.pointer, out);
                    }
                }
            }
            _ => {}
        }
    }
}

fn is_string_test(test: Test) -> bool {
    matches!(
        test,
        Test::StringEquals
            | Test::StringLessThan
            | Test::StringGreaterThan
            | Test::StringLessThanEquals
            | Test::StringGreaterThanEquals
            | Test::StringMatches
    )
}

fn report(name: &str, value: &str, span: Span, pointer: &Pointer, out: &mut Vec<Diagnostic>) {
    if !looks_like_path(value) || value.trim() == "$" {
        return;
    }
    out.push(
        Diagnostic::new(
            &PATH_IN_STATIC_FIELD,
            span,
            format!("`{name}` takes plain text, so `{value}` is used as written and not as a path"),
        )
        .primary_label("looks like a path")
        .help(format!(
            "to use the value at this path, write `{name}Path` instead of `{name}`"
        ))
        .pointer(pointer.as_str()),
    );
}
