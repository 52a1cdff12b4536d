//! `StringMatches` patterns with escapes the operator does not define (rules.md 5.6).

use super::Context;
use crate::ast::{ChoiceRule, ChoiceRuleKind, StateKind, Test};
use crate::declare_rule;
use crate::diagnostics::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Reports a backslash in a `StringMatches` pattern that is not followed by `*` or `\`.
    ///
    /// ## Why is this bad?
    /// `StringMatches` knows one wildcard, `*`, and two escapes: `\*` for a literal star and `\\`
    /// for a literal backslash (in JSON text: `"\\*"` and `"\\\\"`). It is not a regular
    /// expression: `\d` or `\.` do not mean what they would in a regex (rules.md 5.6).
    ///
    /// ## Example
    /// ```json
    /// { "Variable": "$.file", "StringMatches": "log-\\d+.txt", "Next": "Logs" }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "Variable": "$.file", "StringMatches": "log-*.txt", "Next": "Logs" }
    /// ```
    pub(crate) static STRING_MATCHES_ESCAPE = {
        name: "string-matches-escape",
        severity: Warning,
        aws_code: None,
        summary: "a `StringMatches` pattern with an escape other than `\\*` or `\\\\`",
    }
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (_, state) in cx.machine.scope.all_states() {
        let StateKind::Choice(choice) = &state.kind else {
            continue;
        };
        for rule in choice.choices.iter().flat_map(ChoiceRule::self_and_nested) {
            let ChoiceRuleKind::Comparison {
                operator, operand, ..
            } = &rule.kind
            else {
                continue;
            };
            if operator.test != Test::StringMatches || operator.path {
                continue;
            }
            if let Some(bad) = operand.value.as_str().and_then(bad_escape) {
                out.push(
                    Diagnostic::new(
                        &STRING_MATCHES_ESCAPE,
                        operand.span,
                        format!("`\\{bad}` is not an escape in a `StringMatches` pattern; only `\\*` and `\\\\` are"),
                    )
                    .help("StringMatches is not a regular expression: use `*` as the only wildcard")
                    .pointer(operand.pointer.as_str()),
                );
            }
        }
    }
}

/// The character after the first backslash that does not start `\*` or `\\`, if any (a
/// trailing backslash reads as `\` followed by nothing, shown as a space).
fn bad_escape(pattern: &str) -> Option<char> {
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('*' | '\\') => {}
                Some(other) => return Some(other),
                None => return Some(' '),
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::bad_escape;

    #[test]
    fn only_star_and_backslash_escapes_are_allowed() {
        assert_eq!(bad_escape("log-*.txt"), None);
        assert_eq!(bad_escape(r"a\*b\\c"), None);
        assert_eq!(bad_escape(r"log-\d+"), Some('d'));
        assert_eq!(bad_escape("ends\\"), Some(' '));
    }
}
