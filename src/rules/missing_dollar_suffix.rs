//! A template key without `.$` whose value looks like a path or a call (AWS NO_DOLLAR, rules.md 5.8).
use super::Context;
use super::sites::{looks_dynamic, members, templates};
use crate::declare_rule;
use crate::diagnostics::Diagnostic;

declare_rule! {
    /// ## What it does
    /// In the payload templates of JSONPath states, flags a key that does not end in `.$` whose
    /// string value looks like a path (`$.…`, `$$.…`) or an intrinsic call (`States.…(…)`).
    ///
    /// ## Why is this bad?
    /// Without `.$` the value is passed on as the literal text `$.name` instead of the data it
    /// names. AWS warns about it (NO_DOLLAR, rules.md 4.4 and 5.8).
    ///
    /// ## Example
    /// ```json
    /// { "Parameters": { "id": "$$.Execution.Id" } }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "Parameters": { "id.$": "$$.Execution.Id" } }
    /// ```
    pub(crate) static MISSING_DOLLAR_SUFFIX = {
        name: "missing-dollar-suffix",
        severity: Warning,
        aws_code: Some("NO_DOLLAR"),
        summary: "a payload template key without `.$` whose value looks like a path or intrinsic call",
    }
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for template in templates(cx.machine) {
        for (member, pointer) in members(template.node, template.pointer) {
            let Some(value) = member.value.as_str() else {
                continue;
            };
            if member.key.name.ends_with(".$") || !looks_dynamic(value) {
                continue;
            }
            out.push(
                Diagnostic::new(
                    &MISSING_DOLLAR_SUFFIX,
                    member.key.span,
                    format!(
                        "`{}` holds `{value}` as plain text: the key does not end in `.$`",
                        member.key.name
                    ),
                )
                .primary_label("add `.$` to this key")
                .label(member.value.span, "looks like a path or intrinsic call")
                .help(format!(
                    "rename the key to `{}.$` to use the value it names",
                    member.key.name
                ))
                .pointer(pointer.as_str()),
            );
        }
    }
}
