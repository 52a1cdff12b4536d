//! Calls of Step Functions' own JSONata functions with the wrong arguments (rules.md 5.10).
use std::collections::HashSet;

use super::Context;
use super::jsonata_sites::parsed;
use super::unknown_jsonata_function::bound_names;
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::lang::jsonata::Kind;
use crate::suggest::closest;

declare_rule! {
    /// ## What it does
    /// Checks the calls of the functions Step Functions adds to JSONata: the number of
    /// arguments of `$partition(array, size)`, `$range(start, end, step)`,
    /// `$hash(data, algorithm)`, `$random([seed])`, `$uuid()` and `$parse(json)`, and a literal
    /// `$hash` algorithm (`MD5`, `SHA-1`, `SHA-256`, `SHA-384`, `SHA-512`). A function applied
    /// with `~>` receives the left side as its first argument.
    ///
    /// ## Why is this bad?
    /// The call fails the state at run time (`States.QueryEvaluationError`). AWS does not check
    /// this when the definition is created, as far as we know, so it is a warning (rules.md
    /// 5.10).
    ///
    /// ## Example
    /// ```json
    /// { "Type": "Pass", "Output": "{% $hash($states.input.body, 'SHA256') %}", "End": true }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "Type": "Pass", "Output": "{% $hash($states.input.body, 'SHA-256') %}", "End": true }
    /// ```
    pub(crate) static JSONATA_FUNCTION_ARGUMENTS = {
        name: "jsonata-function-arguments",
        severity: Warning,
        aws_code: None,
        summary: "a call of a Step Functions JSONata function with the wrong arguments",
    }
}

/// Name, fewest and most arguments, and how to call it.
const SIGNATURES: &[(&str, usize, usize, &str)] = &[
    ("partition", 2, 2, "$partition(array, size)"),
    ("range", 3, 3, "$range(start, end, step)"),
    ("hash", 2, 2, "$hash(data, algorithm)"),
    ("random", 0, 1, "$random() or $random(seed)"),
    ("uuid", 0, 0, "$uuid()"),
    ("parse", 1, 1, "$parse(json)"),
];

const ALGORITHMS: &[&str] = &["MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512"];

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (site, ast) in parsed(cx) {
        let bound = bound_names(&ast);
        // Calls on the right of `~>` get the left side as their first argument.
        let applied: HashSet<usize> = ast
            .nodes()
            .filter_map(|n| match &n.kind {
                Kind::Apply { rhs, .. } => Some(rhs.span.start),
                _ => None,
            })
            .collect();
        for node in ast.nodes() {
            let Kind::Call {
                procedure,
                args,
                partial: false,
            } = &node.kind
            else {
                continue;
            };
            let Kind::Var(name) = &procedure.kind else {
                continue;
            };
            let Some(&(_, min, max, usage)) = SIGNATURES.iter().find(|s| s.0 == name) else {
                continue;
            };
            if bound.contains(name.as_str()) {
                continue;
            }
            let piped = usize::from(applied.contains(&node.span.start));
            let count = args.len() + piped;
            let span = |s: crate::syntax::Span| site.expr_span(cx, s.start..s.end);
            if count < min || count > max {
                let expected = match (min, max) {
                    (0, 0) => "no arguments".to_string(),
                    (a, b) if a == b => plural(a),
                    (a, b) => format!("{a} or {}", plural(b)),
                };
                out.push(
                    Diagnostic::new(
                        &JSONATA_FUNCTION_ARGUMENTS,
                        span(node.span),
                        format!("`${name}` takes {expected}, found {count}"),
                    )
                    .primary_label("wrong number of arguments")
                    .help(format!("call it as `{usage}`"))
                    .pointer(site.pointer.as_str()),
                );
                continue;
            }
            if name == "hash"
                && let Some(arg) = args.get(1 - piped)
                && let Kind::Str(algorithm) = &arg.kind
                && !ALGORITHMS.contains(&algorithm.as_str())
            {
                let help = match closest(algorithm, ALGORITHMS.iter().copied()) {
                    Some(c) => format!("did you mean `'{c}'`?"),
                    None => format!("use one of `{}`", ALGORITHMS.join("`, `")),
                };
                out.push(
                    Diagnostic::new(
                        &JSONATA_FUNCTION_ARGUMENTS,
                        span(arg.span),
                        format!("`$hash` does not support the algorithm `{algorithm}`"),
                    )
                    .primary_label("unknown algorithm")
                    .help(help)
                    .pointer(site.pointer.as_str()),
                );
            }
        }
    }
}

fn plural(n: usize) -> String {
    if n == 1 {
        "1 argument".to_string()
    } else {
        format!("{n} arguments")
    }
}
