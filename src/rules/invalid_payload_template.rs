//! Payload templates: `.$` keys that hold neither a path nor a call, and keys that clash once
//! `.$` is removed (rules.md 5.8).
use std::collections::HashMap;

use super::Context;
use super::sites::{is_placeholder, members, templates};
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::syntax::Value;

declare_rule! {
    /// ## What it does
    /// In the payload templates of JSONPath states (`Parameters`, `ResultSelector`,
    /// `ItemSelector`, `Credentials`, `Assign`, ItemReader and ResultWriter `Parameters`,
    /// ItemBatcher `BatchInput`), at any depth: flags a key ending in `.$` whose value is not a
    /// string that starts like a path (`$`) or an intrinsic function call, and two keys that are
    /// the same once `.$` is removed (`"id"` and `"id.$"`).
    ///
    /// ## Why is this bad?
    /// AWS rejects the definition: "The value for the field 'k.$' must be a valid JSONPath or a
    /// valid intrinsic function call" (SCHEMA_VALIDATION_FAILED). The ASL specification says the
    /// keys of a template MUST stay unique after `.$` is removed, since both become the same
    /// output field (rules.md 5.8).
    ///
    /// ## Example
    /// ```json
    /// { "Parameters": { "bucket.$": "my-bucket", "key": "a", "key.$": "$.key" } }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "Parameters": { "bucket": "my-bucket", "key.$": "$.key" } }
    /// ```
    pub(crate) static INVALID_PAYLOAD_TEMPLATE = {
        name: "invalid-payload-template",
        severity: Error,
        aws_code: Some("SCHEMA_VALIDATION_FAILED"),
        summary: "a `.$` key without a path or call, or two template keys that clash without `.$`",
    }
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for template in templates(cx.machine) {
        let all = members(template.node, template.pointer);
        for (member, pointer) in &all {
            let Some(_) = member.key.name.strip_suffix(".$") else {
                continue;
            };
            let found = match &member.value.value {
                Value::String(s) if is_placeholder(s) => continue,
                Value::String(s) => {
                    let t = s.trim_start();
                    let call = t.starts_with(|c: char| c.is_ascii_alphabetic()) && t.contains('(');
                    if t.starts_with('$') || call {
                        continue;
                    }
                    if s.is_empty() {
                        "an empty string".to_string()
                    } else {
                        format!("`{s}`")
                    }
                }
                _ => match member.value.type_name() {
                    t @ ("array" | "object") => format!("an {t}"),
                    t => format!("a {t}"),
                },
            };
            out.push(
                Diagnostic::new(
                    &INVALID_PAYLOAD_TEMPLATE,
                    member.value.span,
                    format!(
                        "the value for the field `{}` must be a valid JSONPath or a valid intrinsic function call, found {found}",
                        member.key.name
                    ),
                )
                .primary_label("not a path or intrinsic call")
                .label(member.key.span, "`.$` makes this value a path")
                .help(
                    "use a path such as `$.field` or a call such as `States.Format(...)`, or remove `.$` from the key to pass the value as it is",
                )
                .pointer(pointer.as_str()),
            );
        }
        clashes(template.node, template.field, out);
    }
}

/// Keys of one object that are the same once `.$` is removed (exact duplicates are reported by
/// the parser as `duplicate-key`).
fn clashes(root: &crate::syntax::Node, field: &str, out: &mut Vec<Diagnostic>) {
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        match &node.value {
            Value::Object(members) => {
                let mut seen: HashMap<&str, &crate::syntax::Member> = HashMap::new();
                for m in members {
                    stack.push(&m.value);
                    let base = m.key.name.strip_suffix(".$").unwrap_or(&m.key.name);
                    if let Some(first) = seen.get(base)
                        && first.key.name != m.key.name
                    {
                        out.push(
                            Diagnostic::new(
                                &INVALID_PAYLOAD_TEMPLATE,
                                m.key.span,
                                format!(
                                    "`{}` and `{}` both set the field `{base}` in `{field}`",
                                    first.key.name, m.key.name
                                ),
                            )
                            .primary_label("second definition")
                            .label(first.key.span, "first definition")
                            .help("keep one of them"),
                        );
                    }
                    seen.entry(base).or_insert(m);
                }
            }
            Value::Array(items) => stack.extend(items.iter()),
            _ => {}
        }
    }
}
