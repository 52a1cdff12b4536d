//! Calls of JSONata functions that Step Functions does not have (rules.md 5.10).
use std::collections::HashSet;

use super::Context;
use super::jsonata_sites::parsed;
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::lang::jsonata::functions::{BUILTINS, STEP_FUNCTIONS, is_function};
use crate::lang::jsonata::{Ast, Kind};
use crate::suggest::closest;

declare_rule! {
    /// ## What it does
    /// Checks every `$name(...)` call of a JSONata expression against the functions Step
    /// Functions provides: the JSONata 2.0.6 built-ins except `$eval`, and Step Functions'
    /// `$partition`, `$range`, `$hash`, `$random`, `$uuid` and `$parse`. A name bound in the
    /// expression itself (`$f := function($x) {...}`, a lambda parameter) is a call of that
    /// function and is not checked.
    ///
    /// ## Why is this bad?
    /// Step Functions variables hold JSON values, never functions, so a call of any other name
    /// fails the state (`States.QueryEvaluationError`, JSONata `T1006`) whenever it is evaluated.
    /// AWS documents `$eval` as unavailable (use `$parse`), and measured runs fail with `T1006`
    /// (rules.md 5.10; floci #2737).
    ///
    /// ## Example
    /// ```json
    /// { "Type": "Pass", "Output": "{% $eval($states.input.body) %}", "End": true }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "Type": "Pass", "Output": "{% $parse($states.input.body) %}", "End": true }
    /// ```
    pub(crate) static UNKNOWN_JSONATA_FUNCTION = {
        name: "unknown-jsonata-function",
        severity: Error,
        aws_code: None,
        summary: "a call of a JSONata function that Step Functions does not provide",
    }
}

/// The names an expression binds itself: `$x :=`, lambda parameters, `@$x`, `#$i`.
pub(crate) fn bound_names(ast: &Ast) -> HashSet<&str> {
    let mut out = HashSet::new();
    for node in ast.nodes() {
        match &node.kind {
            Kind::Bind { var, .. } | Kind::Focus { var, .. } | Kind::Index { var, .. } => {
                out.insert(var.name.as_str());
            }
            Kind::Lambda { params, .. } => out.extend(params.iter().map(|p| p.name.as_str())),
            _ => {}
        }
    }
    out
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (site, ast) in parsed(cx) {
        let bound = bound_names(&ast);
        for (name, span) in ast.function_calls() {
            if bound.contains(name) || is_function(name) {
                continue;
            }
            let (message, help) = if name == "eval" {
                (
                    "Step Functions does not support `$eval`".to_string(),
                    "use `$parse` to read JSON from a string".to_string(),
                )
            } else {
                let candidates = BUILTINS.iter().chain(STEP_FUNCTIONS).copied();
                (
                    format!("unknown JSONata function `${name}`"),
                    match closest(name, candidates) {
                        Some(c) => format!("did you mean `${c}`?"),
                        None => "Step Functions provides the JSONata built-ins and `$partition`, `$range`, `$hash`, `$random`, `$uuid`, `$parse`; variables cannot hold functions".to_string(),
                    },
                )
            };
            out.push(
                Diagnostic::new(
                    &UNKNOWN_JSONATA_FUNCTION,
                    site.expr_span(cx, span.start..span.end),
                    message,
                )
                .primary_label("not a function")
                .help(help)
                .pointer(site.pointer.as_str()),
            );
        }
    }
}
