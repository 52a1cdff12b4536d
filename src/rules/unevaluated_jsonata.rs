//! Strings that look like JSONata expressions but are literal text (rules.md 5.10).
use super::Context;
use super::jsonata_sites::{is_expr, sites};
use crate::declare_rule;
use crate::diagnostics::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Checks the strings of a JSONata state's fields that take JSONata for one that looks like
    /// an expression but does not start with `{%`: whitespace before `{%`, or a string that ends
    /// with `%}` with no `{%` at all.
    ///
    /// ## Why is this bad?
    /// Only a string that starts with `{%` and ends with `%}` is evaluated; any other string is
    /// used as it is, so the state passes the expression's text on instead of its value. AWS
    /// accepts the definition (as far as we know), so this is a warning (rules.md 5.10).
    ///
    /// ## Example
    /// ```json
    /// { "Type": "Pass", "Output": { "total": " {% $states.input.total %}" }, "End": true }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "Type": "Pass", "Output": { "total": "{% $states.input.total %}" }, "End": true }
    /// ```
    pub(crate) static UNEVALUATED_JSONATA = {
        name: "unevaluated-jsonata",
        severity: Warning,
        aws_code: None,
        summary: "a string that looks like a JSONata expression but is used as literal text",
    }
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for site in sites(cx) {
        let value = site.value;
        if value.starts_with("{%") {
            continue;
        }
        let trimmed = value.trim();
        let help = if is_expr(trimmed) {
            "remove the whitespace before `{%`"
        } else if trimmed.ends_with("%}") && !trimmed.contains("{%") {
            "start the expression with `{%`"
        } else {
            continue;
        };
        out.push(
            Diagnostic::new(
                &UNEVALUATED_JSONATA,
                site.span,
                format!(
                    "this string in `{}` is not evaluated: a JSONata expression must start with `{{%` and end with `%}}`",
                    site.field
                ),
            )
            .primary_label("used as literal text")
            .help(help)
            .pointer(site.pointer.as_str()),
        );
    }
}
