//! JSONata expressions that do not parse (rules.md 5.10).
use super::Context;
use super::jsonata_sites::sites;
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::lang::jsonata::{self, BinaryOp, Kind};

declare_rule! {
    /// ## What it does
    /// Parses every `{% ... %}` string of a JSONata state (`Arguments`, `Output`, `Assign`,
    /// `Items`, `ItemSelector`, `Condition`, the numeric fields, `Error`, `Cause`, ... at any
    /// depth) and reports the first syntax error, with JSONata's own error code (`S0202`, `S0207`,
    /// ...) at the character where the parser stopped.
    ///
    /// It also reports the operators `?:` and `??`, which came with JSONata 2.1: Step Functions
    /// documents that it runs JSONata 2.0.6, whose parser rejects them.
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
        let error = match site.parse() {
            None => continue,
            Some(Ok(ast)) => {
                newer_operators(cx, &site, &ast, out);
                continue;
            }
            Some(Err(error)) => error,
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

/// `?:` and `??` came with JSONata 2.1; the 2.0.6 parser Step Functions runs rejects them.
fn newer_operators(
    cx: &Context<'_>,
    site: &super::jsonata_sites::Site<'_>,
    ast: &jsonata::Ast,
    out: &mut Vec<Diagnostic>,
) {
    let expr = site.expr().unwrap_or("");
    for node in ast.nodes() {
        let Kind::Binary {
            op: op @ (BinaryOp::Default | BinaryOp::Coalesce),
            lhs,
            rhs,
        } = &node.kind
        else {
            continue;
        };
        let token = op.as_str();
        let between = expr.get(lhs.span.end..rhs.span.start).unwrap_or("");
        let at = between
            .find(token)
            .map_or(lhs.span.end, |i| lhs.span.end + i);
        let instead = match op {
            BinaryOp::Default => "`a ? a : b`",
            _ => "`$exists(a) ? a : b`",
        };
        out.push(
            Diagnostic::new(
                &INVALID_JSONATA,
                site.expr_span(cx, at..at + token.len()),
                format!(
                    "invalid JSONata expression in `{}`: the `{token}` operator needs JSONata 2.1, and Step Functions runs JSONata 2.0.6",
                    site.field
                ),
            )
            .primary_label("not in JSONata 2.0.6")
            .help(format!("write {instead} instead"))
            .pointer(site.pointer.as_str()),
        );
    }
}

/// A hint for the common mistakes.
fn help(error: &jsonata::Error, expr: &str) -> Option<&'static str> {
    if expr.trim_start().starts_with("$.") || expr.contains("[?(") {
        return Some("this is JSONPath; JSONata states read the input as `$states.input`");
    }
    if error.code == "S0101" && expr.contains('"') {
        return Some("check the quotes: a string literal ends at the next quote of the same kind");
    }
    None
}
