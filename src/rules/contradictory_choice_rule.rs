//! `And` rules whose parts cannot all be true (rules.md 5.6).

use std::collections::HashMap;

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
    // What the earlier literals of each variable were, so that each literal is compared with
    // a few of them, not all: an `And` may have thousands of parts.
    let mut earlier: HashMap<&str, Earlier> = HashMap::new();
    for (i, b) in literals.iter().enumerate() {
        let seen = earlier.entry(b.variable).or_default();
        let found = seen.candidates().find(|&j| contradicts(&literals[j], b));
        seen.add(i, b, &literals);
        let Some(a) = found.map(|j| &literals[j]) else {
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

/// The earlier literals of one variable that a new one can contradict, by index: the first of
/// each test, and for each test the first whose operand differs from that test's first (so an
/// equality with any operand finds its earliest contradiction). Every pair `contradicts`
/// reports involves one of these: an absence test, a value test, a type test, or two
/// equalities of different operands.
#[derive(Default)]
struct Earlier {
    /// (test, first index, first index with another operand).
    by_test: Vec<(Test, usize, Option<usize>)>,
}

impl Earlier {
    fn add(&mut self, i: usize, literal: &Literal<'_>, literals: &[Literal<'_>]) {
        match self.by_test.iter_mut().find(|(t, _, _)| *t == literal.test) {
            None => self.by_test.push((literal.test, i, None)),
            Some((_, first, other)) => {
                if other.is_none() && literals[*first].operand != literal.operand {
                    *other = Some(i);
                }
            }
        }
    }

    /// Candidate indexes, earliest first.
    fn candidates(&self) -> impl Iterator<Item = usize> {
        let mut all: Vec<usize> = self
            .by_test
            .iter()
            .flat_map(|&(_, first, other)| std::iter::once(first).chain(other))
            .collect();
        all.sort_unstable();
        all.into_iter()
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
