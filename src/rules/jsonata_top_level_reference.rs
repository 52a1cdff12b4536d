//! JSONata expressions that read a field of the context at the top level (rules.md 5.10).
use super::Context;
use super::jsonata_sites::parsed;
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::lang::jsonata::{Kind, Node};
use crate::syntax::Span;

declare_rule! {
    /// ## What it does
    /// Reports a field name, `$` or `$$` read at the top level of a JSONata expression: as the
    /// first step of a path, or as an operand, argument or value evaluated there (once per name
    /// and expression). Names inside a
    /// predicate, a later path step, a grouping, an order-by or a function body are read from
    /// the items they apply to and are fine (`$states.input.items[price > 10]`).
    ///
    /// ## Why is this bad?
    /// A Step Functions JSONata expression has no context value: the input is
    /// `$states.input` and variables are `$name`. AWS refuses the definition:
    /// `UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'phone' at the top level is not supported.`
    /// (rules.md 4.4 and 5.10, measured by others, floci #2670).
    ///
    /// ## Example
    /// ```json
    /// { "Type": "Pass", "Output": { "v": "{% phone %}" }, "End": true }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "Type": "Pass", "Output": { "v": "{% $states.input.phone %}" }, "End": true }
    /// ```
    pub(crate) static JSONATA_TOP_LEVEL_REFERENCE = {
        name: "jsonata-top-level-reference",
        severity: Error,
        aws_code: Some("UNSUPPORTED_JSONATA_EXPRESSION"),
        summary: "a JSONata expression that reads a field, `$` or `$$` at the top level",
    }
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (site, ast) in parsed(cx) {
        for (name, span) in top_level_references(&ast.root) {
            let shown = match name {
                "" => "$",
                "$" => "$$",
                n => n,
            };
            let help = match name {
                "" | "$" => "read the state input as `$states.input`".to_string(),
                n => {
                    format!("read the state input as `$states.input.{n}`, or a variable as `${n}`")
                }
            };
            out.push(
                Diagnostic::new(
                    &JSONATA_TOP_LEVEL_REFERENCE,
                    site.expr_span(cx, span.start..span.end),
                    format!("reference to `{shown}` at the top level is not supported"),
                )
                .primary_label("no context value at the top level")
                .help(help)
                .pointer(site.pointer.as_str()),
            );
        }
    }
}

/// The field names (and `$`, `""`, and `$$`, `"$"`) evaluated in the top-level context.
fn top_level_references(root: &Node) -> Vec<(&str, Span)> {
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        match &node.kind {
            Kind::Name(name) => out.push((name.as_str(), node.span)),
            Kind::Var(name) if name.is_empty() || name == "$" => {
                out.push((name.as_str(), node.span));
            }
            Kind::Path(steps) => stack.extend(steps.first()),
            Kind::Filter { lhs, .. }
            | Kind::Group { lhs, .. }
            | Kind::Sort { lhs, .. }
            | Kind::Focus { lhs, .. }
            | Kind::Index { lhs, .. }
            | Kind::KeepArray(lhs) => stack.push(lhs),
            // A function body and a transform read what they are applied to.
            Kind::Lambda { .. } | Kind::Transform { .. } => {}
            _ => stack.extend(node.children().into_iter().rev()),
        }
    }
    // One finding per name, at its first use (AWS reports each name once).
    out.sort_by_key(|(_, span)| span.start);
    let mut seen = std::collections::HashSet::new();
    out.retain(|(name, _)| seen.insert(*name));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::jsonata::parse;

    fn refs(expr: &str) -> Vec<String> {
        let ast = parse(expr).unwrap();
        top_level_references(&ast.root)
            .into_iter()
            .map(|(n, _)| n.to_string())
            .collect()
    }

    #[test]
    fn finds_bare_names_at_the_top_level_only() {
        assert_eq!(refs("phone"), ["phone"]);
        assert_eq!(refs("a.b + c[0]"), ["a", "c"]);
        assert_eq!(refs("price * price"), ["price"]);
        assert_eq!(refs("$ ~> $count()"), [""]);
        assert_eq!(refs("$$.x"), ["$"]);
        assert_eq!(refs("{'k': v}"), ["v"]);
        assert!(refs("$states.input.items[price > 10].name").is_empty());
        assert!(refs("$x.a^(b){c: d}").is_empty());
        assert!(refs("$map($states.input, function($v) { $v.name & x })").is_empty());
        assert!(refs("($x := $states.input; $x.a)").is_empty());
        assert!(refs("$states.input.items[$ > 1]").is_empty());
    }
}
