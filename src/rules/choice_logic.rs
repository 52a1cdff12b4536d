//! What the Choice rules share: when a rule always matches, and a canonical form of a rule's test
//! for comparing two rules. Not a rule itself.

use crate::ast::{ChoiceRule, ChoiceRuleKind, Dyn, Test};

/// Whether `rule` matches every input: `Condition: true` (or `{% true %}`), `IsPresent: true` on
/// `$`, or an `Or` with such a rule.
pub(crate) fn always_true(rule: &ChoiceRule) -> bool {
    match &rule.kind {
        ChoiceRuleKind::Condition(condition) => match &condition.value {
            Dyn::Lit(b) => *b,
            Dyn::Expr(e) => e.trim_start_matches("{%").trim_end_matches("%}").trim() == "true",
        },
        ChoiceRuleKind::Comparison {
            variable,
            operator,
            operand,
        } => {
            variable.value == "$"
                && operator.test == Test::IsPresent
                && operand.value.as_bool() == Some(true)
        }
        ChoiceRuleKind::Or(rules) => rules.iter().any(always_true),
        _ => false,
    }
}

/// The test of `rule` written out canonically (no spans, no `Next`), so that two rules with the
/// same test compare equal. Nesting is bounded by the syntax tree's depth limit.
pub(crate) fn canonical(rule: &ChoiceRule) -> String {
    match &rule.kind {
        ChoiceRuleKind::Comparison {
            variable,
            operator,
            operand,
        } => format!(
            "({} {} {})",
            variable.value,
            operator.name,
            operand.value.to_json()
        ),
        ChoiceRuleKind::And(rules) => list("and", rules),
        ChoiceRuleKind::Or(rules) => list("or", rules),
        ChoiceRuleKind::Not(rule) => format!("(not {})", canonical(rule)),
        ChoiceRuleKind::Condition(condition) => match &condition.value {
            Dyn::Lit(b) => format!("(condition {b})"),
            Dyn::Expr(e) => format!(
                "(condition {})",
                e.split_whitespace().collect::<Vec<_>>().join(" ")
            ),
        },
        ChoiceRuleKind::Invalid => String::from("(invalid)"),
    }
}

fn list(op: &str, rules: &[ChoiceRule]) -> String {
    let parts: Vec<String> = rules.iter().map(canonical).collect();
    format!("({op} {})", parts.join(" "))
}
