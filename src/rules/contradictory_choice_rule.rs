//! `And` rules whose parts cannot all be true (rules.md 5.6).

use super::Context;
use crate::ast::{ChoiceRule, ChoiceRuleKind, StateKind, Test};
use crate::declare_rule;
use crate::diagnostics::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Reports an `And` whose comparisons on the same `Variable` contradict each other:
    /// `IsPresent: false` with a test of the value, two equality tests with different values,
    /// or two different `Is<Type>: true` tests.
    ///
    /// ## Why is this bad?
    /// The `And` can never be true, so its `Next` is never taken (rules.md 5.6). It is usually a
    /// copy-paste slip or an `And` that should be an `Or`.
    ///
    /// ## Example
    /// ```json
    /// { "And": [
    ///     { "Variable": "$.status", "StringEquals": "done" },
    ///     { "Variable": "$.status", "StringEquals": "failed" }
    ///   ], "Next": "Report" }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "Or": [
    ///     { "Variable": "$.status", "StringEquals": "done" },
    ///     { "Variable": "$.status", "StringEquals": "failed" }
    ///   ], "Next": "Report" }
    /// ```
    pub(crate) static CONTRADICTORY_CHOICE_RULE = {
        name: "contradictory-choice-rule",
        severity: Warning,
        aws_code: None,
        summary: "an `And` choice rule that can never be true",
    }
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (_, state) in cx.machine.scope.all_states() {
        let StateKind::Choice(choice) = &state.kind else {
            continue;
        };
        for rule in choice.choices.iter().flat_map(ChoiceRule::self_and_nested) {
            if let ChoiceRuleKind::And(parts) = &rule.kind {
                check_and(parts, out);
            }
        }
    }
}

/// One literal comparison of an `And`: variable, test, operand.
struct Literal<'r> {
    rule: &'r ChoiceRule,
    variable: &'r str,
    test: Test,
    operand: serde_json::Value,
}

fn check_and(parts: &[ChoiceRule], out: &mut Vec<Diagnostic>) {
    let literals: Vec<Literal<'_>> = parts
        .iter()
        .filter_map(|rule| match &rule.kind {
            ChoiceRuleKind::Comparison {
                variable,
                operator,
                operand,
            } if !operator.path => Some(Literal {
                rule,
                variable: &variable.value,
                test: operator.test,
                operand: operand.value.to_json(),
            }),
            _ => None,
        })
        .collect();
    for (i, b) in literals.iter().enumerate() {
        let Some(a) = literals[..i]
            .iter()
            .find(|a| a.variable == b.variable && contradicts(a, b))
        else {
            continue;
        };
        out.push(
            Diagnostic::new(
                &CONTRADICTORY_CHOICE_RULE,
                b.rule.span,
                format!(
                    "this `And` can never be true: `{}` cannot pass both tests",
                    b.variable
                ),
            )
            .label(a.rule.span, "contradicted by this test")
            .help("check the values, or use `Or` if either test should do")
            .pointer(b.rule.pointer.as_str()),
        );
        // One finding per `And` is enough to send the reader there.
        return;
    }
}

fn contradicts(a: &Literal<'_>, b: &Literal<'_>) -> bool {
    let absent = |l: &Literal<'_>| l.test == Test::IsPresent && l.operand == false;
    let value_test = |l: &Literal<'_>| !matches!(l.test, Test::IsPresent | Test::IsNull);
    let equality = |t: Test| {
        matches!(
            t,
            Test::StringEquals | Test::NumericEquals | Test::BooleanEquals | Test::TimestampEquals
        )
    };
    let type_test = |t: Test| {
        matches!(
            t,
            Test::IsNumeric | Test::IsString | Test::IsBoolean | Test::IsTimestamp
        )
    };
    (absent(a) && value_test(b))
        || (absent(b) && value_test(a))
        || (a.test == b.test && equality(a.test) && a.operand != b.operand)
        || (a.test != b.test
            && type_test(a.test)
            && type_test(b.test)
            && a.operand == true
            && b.operand == true
            // A timestamp is also a string.
            && !matches!((a.test, b.test), (Test::IsString, Test::IsTimestamp) | (Test::IsTimestamp, Test::IsString)))
}
