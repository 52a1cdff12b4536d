//! Strings of JSONata fields that open a JSONata expression and do not close it (rules.md 5.10).
use super::Context;
use super::jsonata_sites::sites;
use crate::declare_rule;
use crate::diagnostics::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Checks the strings of a JSONata state's fields that take JSONata (`Arguments`, `Output`,
    /// `Assign`, `Items`, `ItemSelector`, `Error`, `Cause`, ... at any depth) for a string that
    /// starts with `{%` but does not end with `%}`, for instance because of a missing `}` or of
    /// whitespace after `%}`.
    ///
    /// Whitespace inside the delimiters is JSONata whitespace: `{%$states.input%}` and an
    /// expression on several lines are both fine (AWS's own samples have both).
    ///
    /// ## Why is this bad?
    /// AWS refuses the definition: `SCHEMA_VALIDATION_FAILED: JSONata string must start with {%
    /// and end with %}` (rules.md 5.10).
    ///
    /// ## Example
    /// ```json
    /// { "Type": "Pass", "Output": "{% $states.input.total %", "End": true }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "Type": "Pass", "Output": "{% $states.input.total %}", "End": true }
    /// ```
    pub(crate) static UNCLOSED_JSONATA = {
        name: "unclosed-jsonata",
        severity: Error,
        aws_code: Some("SCHEMA_VALIDATION_FAILED"),
        summary: "a string that starts with `{%` but does not end with `%}`",
    }
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for site in sites(cx) {
        let value = site.value;
        if !value.starts_with("{%") || site.is_expr() {
            continue;
        }
        let trimmed = value.trim_end();
        let help = if trimmed.len() >= 4 && trimmed.ends_with("%}") {
            "remove the whitespace after `%}`".to_string()
        } else if trimmed.ends_with('%') {
            "add the missing `}` at the end".to_string()
        } else {
            "end the expression with `%}`, or remove the `{%` to write a literal string".to_string()
        };
        out.push(
            Diagnostic::new(
                &UNCLOSED_JSONATA,
                site.span,
                format!(
                    "`{}` opens a JSONata expression with `{{%` but does not end with `%}}`",
                    site.field
                ),
            )
            .primary_label("JSONata string must start with `{%` and end with `%}`")
            .help(help)
            .pointer(site.pointer.as_str()),
        );
    }
}
