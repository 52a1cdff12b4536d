//! A Pass state's `Result` that holds paths, which are never evaluated there (AWS
//! PASS_RESULT_IS_STATIC, rules.md 4.4).
use super::Context;
use super::sites::{jsonpath_states, looks_dynamic};
use crate::ast::StateKind;
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::syntax::Value;

declare_rule! {
    /// ## What it does
    /// Flags a path-looking string (`$.…`, `$$.…`, `States.…(…)`) or a key ending in `.$` inside
    /// the `Result` of a JSONPath Pass state.
    ///
    /// ## Why is this bad?
    /// `Result` is static data: nothing in it is evaluated, so `"id.$": "$.id"` outputs the
    /// literal key `id.$` and text `$.id`. AWS warns about it (PASS_RESULT_IS_STATIC).
    ///
    /// ## Example
    /// ```json
    /// { "Type": "Pass", "Result": { "id.$": "$.id" }, "End": true }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "Type": "Pass", "Parameters": { "id.$": "$.id" }, "End": true }
    /// ```
    pub(crate) static STATIC_PASS_RESULT = {
        name: "static-pass-result",
        severity: Warning,
        aws_code: Some("PASS_RESULT_IS_STATIC"),
        summary: "a Pass state `Result` with paths in it, which are never evaluated",
    }
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for state in jsonpath_states(cx.machine) {
        let StateKind::Pass(pass) = &state.kind else {
            continue;
        };
        let Some(result) = &pass.result else {
            continue;
        };
        let mut stack = vec![(&result.value, result.pointer.clone())];
        while let Some((node, pointer)) = stack.pop() {
            match &node.value {
                Value::String(s) if looks_dynamic(s) => out.push(
                    Diagnostic::new(
                        &STATIC_PASS_RESULT,
                        node.span,
                        format!(
                            "`Result` of state `{}` holds the path `{s}` as plain text",
                            state.name
                        ),
                    )
                    .primary_label("not evaluated")
                    .help("use `Parameters` to build a value from paths; `Result` is static")
                    .pointer(pointer.as_str()),
                ),
                Value::Object(members) => {
                    for m in members.iter().rev() {
                        let p = pointer.key(&m.key.name);
                        if m.key.name.ends_with(".$") {
                            out.push(
                                Diagnostic::new(
                                    &STATIC_PASS_RESULT,
                                    m.key.span,
                                    format!(
                                        "`Result` of state `{}` is static: `{}` is not evaluated",
                                        state.name, m.key.name
                                    ),
                                )
                                .primary_label("`.$` has no effect in `Result`")
                                .help("use `Parameters` to build a value from paths; `Result` is static")
                                .pointer(p.as_str()),
                            );
                            continue;
                        }
                        stack.push((&m.value, p));
                    }
                }
                Value::Array(items) => {
                    for (i, item) in items.iter().enumerate().rev() {
                        stack.push((item, pointer.index(i)));
                    }
                }
                _ => {}
            }
        }
    }
}
