//! JSONata expressions that do not parse (rules.md 5.10).
use super::Context;
use super::jsonata_sites::sites;
use crate::declare_rule;
use crate::diagnostics::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Parses every `{% ... %}` string of a JSONata state (`Arguments`, `Output`, `Assign`,
    /// `Items`, `ItemSelector`, `Condition`, the numeric fields, `Error`, `Cause`, ... at any
    /// depth) and reports the first syntax error, with JSONata's own error code (`S0202`, `S0207`,
    /// ...) at the character where the parser stopped.
    ///
    /// ## Why is this bad?
    /// AWS parses every JSONata expression when the state machine is created or validated and
    /// refuses the definition with `INVALID_JSONATA_EXPRESSION` (rules.md 5.10; measured by
    /// others, floci #2745).
    ///
    /// ## Example
    /// ```json
    /// { "Type": "Pass", "Output": "{% $sum($states.input.items %}", "End": true }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "Type": "Pass", "Output": "{% $sum($states.input.items) %}", "End": true }
    /// ```
    pub(crate) static INVALID_JSONATA = {
        name: "invalid-jsonata",
        severity: Error,
        aws_code: Some("INVALID_JSONATA_EXPRESSION"),
        summary: "a JSONata expression that does not parse",
    }
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for site in sites(cx) {
        let Some(Err(error)) = site.parse() else {
            continue;
        };
        let span = site.expr_span(cx, error.offset..error.end);
        let mut d = Diagnostic::new(
            &INVALID_JSONATA,
            span,
            format!("invalid JSONata expression in `{}`: {}", site.field, error),
        )
        .primary_label(error.code)
        .pointer(site.pointer.as_str());
        if let Some(help) = help(&error, site.expr().unwrap_or("")) {
            d = d.help(help);
        }
        out.push(d);
    }
}

/// A hint for the common mistakes.
fn help(error: &crate::lang::jsonata::Error, expr: &str) -> Option<&'static str> {
    if expr.trim_start().starts_with("$.") || expr.contains("[?(") {
        return Some("this is JSONPath; JSONata states read the input as `$states.input`");
    }
    if error.code == "S0101" && expr.contains('"') {
        return Some("check the quotes: a string literal ends at the next quote of the same kind");
    }
    None
}
