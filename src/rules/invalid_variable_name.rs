//! Variable names an `Assign` may not use: JSONata identifier syntax and the reserved `states`
//! (rules.md 5.11).
use super::Context;
use crate::analysis::NodeId;
use crate::analysis::variables::MAX_NAME_LEN;
use crate::ast::{QueryLanguage, is_placeholder};
use crate::declare_rule;
use crate::diagnostics::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Checks the keys of every `Assign` (a state's, a Catcher's, a Choice rule's): a variable
    /// name starts with a letter or `_`, goes on with letters, digits and `_`, and has at most
    /// 80 characters; it must not be `states`. In JSONPath states a key `name.$` assigns
    /// `name` (the suffix only says the value is a path), so the name is checked without it.
    ///
    /// ## Why is this bad?
    /// Variables are read as `$name` in JSONata and JSONPath, so a name must be an identifier
    /// (rules.md 5.11: "Variable name syntax (JSONata identifier rules)"); `$states` is the
    /// reserved variable that holds the state's input, result, error output and context ("A
    /// state MUST NOT assign a value to states"). AWS rejects the definition. The exact AWS
    /// character classes are Unicode identifier classes and the length limit is 80 characters
    /// (AWS docs, "Passing data between states with variables"; verify): this rule accepts
    /// any Unicode letter or digit.
    ///
    /// ## Example
    /// ```json
    /// { "Assign": { "order-id": "{% $states.input.id %}", "states": 1 } }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "Assign": { "orderId": "{% $states.input.id %}", "count": 1 } }
    /// ```
    pub(crate) static INVALID_VARIABLE_NAME = {
        name: "invalid-variable-name",
        severity: Error,
        aws_code: None,
        summary: "an `Assign` key that is not a valid variable name, or the reserved `states`",
    }
}

/// What is wrong with `name` as a variable name, if anything.
pub(crate) fn problem(name: &str) -> Option<String> {
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return Some("a variable name cannot be empty".to_string());
    };
    if name == "states" {
        return Some(
            "`states` is reserved: `$states` holds the state's input, result and context"
                .to_string(),
        );
    }
    if !(first.is_alphabetic() || first == '_') {
        return Some(format!(
            "variable name `{name}` must start with a letter or `_`, not `{first}`"
        ));
    }
    if let Some(bad) = chars.find(|c| !(c.is_alphanumeric() || *c == '_')) {
        return Some(format!(
            "variable name `{name}` may contain only letters, digits and `_`, not `{bad}`"
        ));
    }
    let len = name.chars().count();
    (len > MAX_NAME_LEN)
        .then(|| format!("variable name `{name}` has {len} characters; the most is {MAX_NAME_LEN}"))
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for i in 0..cx.graph.node_count() {
        let node = NodeId::new(i);
        let state = cx.graph.state(node);
        for a in &cx.variables.state(node).assigns {
            if is_placeholder(a.key) || a.key.contains("${") {
                continue;
            }
            let Some(message) = problem(&a.name) else {
                continue;
            };
            let mut d = Diagnostic::new(&INVALID_VARIABLE_NAME, a.key_span, message)
                .primary_label("not a valid variable name")
                .pointer(a.pointer.as_str());
            d = if a.name == "states" {
                d.help("choose another name")
            } else if state.language == QueryLanguage::Jsonata && a.key.ends_with(".$") {
                d.help("in JSONata states remove the `.$` suffix: every `{% %}` value is evaluated")
            } else {
                d.help("use letters, digits and `_`, starting with a letter or `_`")
            };
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::problem;

    #[test]
    fn names() {
        for ok in ["x", "_x", "orderId2", "prénom", "a_b"] {
            assert_eq!(problem(ok), None, "{ok}");
        }
        for bad in ["", "states", "1x", "a-b", "a.b", "a b", &"x".repeat(81)] {
            assert!(problem(bad).is_some(), "{bad}");
        }
    }
}
