//! `$states.*` fields that do not exist where an expression reads them (rules.md 5.10).
use super::Context;
use super::jsonata_sites::{Place, Site, parsed};
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::lang::jsonata::{Kind, Node};
use crate::suggest::closest;

declare_rule! {
    /// ## What it does
    /// Checks the `$states` fields a JSONata expression reads. `$states.input` and
    /// `$states.context` exist everywhere; `$states.result` only in the `Output` and `Assign` of a
    /// Task, Map or Parallel state (not in a Catcher's); `$states.errorOutput` only in a
    /// Catcher's `Output` and `Assign`. There are no other fields.
    ///
    /// ## Why is this bad?
    /// AWS refuses the definition: `UNSUPPORTED_JSONATA_EXPRESSION: Field '$states.errorOutput'
    /// does not exist.` (rules.md 5.10; sst #6110, floci #2745).
    ///
    /// ## Example
    /// ```json
    /// { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
    ///   "Arguments": { "FunctionName": "f", "Payload": "{% $states.result %}" }, "End": true }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
    ///   "Arguments": { "FunctionName": "f", "Payload": "{% $states.input %}" },
    ///   "Output": "{% $states.result.Payload %}", "End": true }
    /// ```
    pub(crate) static UNAVAILABLE_STATES_FIELD = {
        name: "unavailable-states-field",
        severity: Error,
        aws_code: Some("UNSUPPORTED_JSONATA_EXPRESSION"),
        summary: "a `$states` field that does not exist where the expression reads it",
    }
}

const FIELDS: &[&str] = &["input", "result", "errorOutput", "context"];

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (site, ast) in parsed(cx) {
        for node in ast.nodes() {
            let Kind::Path(steps) = &node.kind else {
                continue;
            };
            let [first, second, ..] = steps.as_slice() else {
                continue;
            };
            if !matches!(&first.kind, Kind::Var(v) if v == "states") {
                continue;
            }
            let Some((field, span)) = step_name(second) else {
                continue;
            };
            let Some((message, help)) = problem(&site, field) else {
                continue;
            };
            let span = site.expr_span(cx, first.span.start..span.end);
            out.push(
                Diagnostic::new(&UNAVAILABLE_STATES_FIELD, span, message)
                    .primary_label(format!("`$states.{field}` does not exist here"))
                    .help(help)
                    .pointer(site.pointer.as_str()),
            );
        }
    }
}

/// The field name a path step reads, looking through predicates and bindings on it.
fn step_name(step: &Node) -> Option<(&str, crate::syntax::Span)> {
    let mut node = step;
    loop {
        match &node.kind {
            Kind::Name(name) => return Some((name, node.span)),
            Kind::Filter { lhs, .. }
            | Kind::Group { lhs, .. }
            | Kind::Sort { lhs, .. }
            | Kind::Focus { lhs, .. }
            | Kind::Index { lhs, .. }
            | Kind::KeepArray(lhs) => node = lhs,
            _ => return None,
        }
    }
}

fn problem(site: &Site<'_>, field: &str) -> Option<(String, String)> {
    let owner = format!("{} state `{}`", site.state.type_name(), site.state.name);
    let place = match site.place {
        Place::Catcher => format!("a Catcher's `{}` in {owner}", site.field),
        _ => format!("`{}` of {owner}", site.field),
    };
    match field {
        "input" | "context" => None,
        "result" if site.has_result() => None,
        "errorOutput" if site.has_error_output() => None,
        "result" => Some((
            format!("`$states.result` does not exist in {place}"),
            "`$states.result` exists only in the `Output` and `Assign` of a Task, Map or Parallel state; use `$states.input` or a variable".to_string(),
        )),
        "errorOutput" => Some((
            format!("`$states.errorOutput` does not exist in {place}"),
            "`$states.errorOutput` exists only in a Catcher's `Output` and `Assign`".to_string(),
        )),
        other => Some((
            format!("`$states` has no field `{other}`"),
            match closest(other, FIELDS.iter().copied()) {
                Some(c) => format!("did you mean `$states.{c}`?"),
                None => "the fields are `input`, `context`, `result` and `errorOutput`".to_string(),
            },
        )),
    }
}
