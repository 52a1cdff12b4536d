//! `${...}` and `#{...}` placeholders left in a definition (opt-in; rules.md 5.16).

use super::Context;
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::syntax::{Node, Value};

declare_rule! {
    /// ## What it does
    /// Reports every string that still contains a `${...}` or `#{...}` substitution
    /// placeholder. Off by default: enable it with `extend-select = ["unresolved-placeholder"]`
    /// or `placeholders = "deny"` for definitions that are deployed as they are, without
    /// `DefinitionSubstitutions` or a templating step.
    ///
    /// ## Why is this bad?
    /// Without a substitution step, AWS receives the placeholder text itself: a `Resource` of
    /// `${LambdaArn}` is not an ARN, and a `TimeoutSeconds` of `${Timeout}` is not a number.
    ///
    /// ## Example
    /// ```json
    /// { "Type": "Task", "Resource": "${ProcessOrderArn}", "End": true }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:process-order", "End": true }
    /// ```
    pub(crate) static UNRESOLVED_PLACEHOLDER = {
        name: "unresolved-placeholder",
        severity: Error,
        aws_code: None,
        summary: "a `${...}` or `#{...}` placeholder left in the definition",
    }
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let mut stack: Vec<&Node> = vec![cx.root];
    while let Some(node) = stack.pop() {
        match &node.value {
            Value::String(s) => {
                if let Some(placeholder) = first_placeholder(s) {
                    out.push(
                        Diagnostic::new(
                            &UNRESOLVED_PLACEHOLDER,
                            node.span,
                            format!("`{placeholder}` is a placeholder that nothing substitutes here"),
                        )
                        .help("substitute it before deployment (DefinitionSubstitutions, a template), or write the value"),
                    );
                }
            }
            Value::Array(items) => stack.extend(items.iter().rev()),
            Value::Object(members) => stack.extend(members.iter().rev().map(|m| &m.value)),
            _ => {}
        }
    }
}

/// The first `${...}` or `#{...}` in `s`.
fn first_placeholder(s: &str) -> Option<&str> {
    let range = crate::ast::placeholder_ranges(s).into_iter().next()?;
    Some(&s[range])
}

#[cfg(test)]
mod tests {
    use super::first_placeholder;

    #[test]
    fn finds_placeholders_anywhere_in_a_string() {
        assert_eq!(first_placeholder("${Arn}"), Some("${Arn}"));
        assert_eq!(
            first_placeholder("arn:${AWS::Partition}:states"),
            Some("${AWS::Partition}")
        );
        assert_eq!(first_placeholder("#{AWS::Region}"), Some("#{AWS::Region}"));
        assert_eq!(first_placeholder("${}"), None);
        assert_eq!(first_placeholder("$.path"), None);
    }
}
