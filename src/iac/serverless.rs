//! Serverless Framework (`serverless-step-functions`): `stepFunctions.stateMachines.<name>`
//! with `definition` and `type`. `${self:...}`, `${opt:...}`, `${sls:...}` and `#{...}` are
//! the framework's variables: placeholders, never substitution errors.

use super::codes::DEFINITION_NOT_LOCAL;
use super::{Body, Cx, Embedded, Template};
use crate::MachineType;
use crate::diagnostics::Diagnostic;
use crate::syntax::{Node, Value};

pub(super) fn extract(cx: &Cx<'_>, root: &Node, out: &mut Template) {
    let Some(machines) = root
        .get("stepFunctions")
        .and_then(|s| s.value.get("stateMachines"))
        .and_then(|m| m.value.as_object())
    else {
        return;
    };
    for member in machines {
        let name = member.key.name.clone();
        let Some(definition) = member.value.get("definition") else {
            continue;
        };
        let machine_type = member
            .value
            .get("type")
            .and_then(|t| t.value.as_str())
            .map(|t| {
                if t.eq_ignore_ascii_case("express") {
                    MachineType::Express
                } else {
                    MachineType::Standard
                }
            });
        let value = &definition.value;
        let mut uses = Vec::new();
        let body = match &value.value {
            Value::Object(_) => Body::Tree(value.clone()),
            Value::String(s) if !s.trim_start().starts_with("${") => {
                match super::text::build(value, cx.text, cx.format, &mut uses) {
                    Some(built) => Body::Text(built, value.span),
                    None => continue,
                }
            }
            _ => {
                out.diagnostics.push(
                    Diagnostic::new(
                        &DEFINITION_NOT_LOCAL,
                        value.span,
                        format!(
                            "[{name}] the definition is {}, not written here; it is not checked",
                            super::describe(value)
                        ),
                    )
                    .help("check the definition file itself"),
                );
                continue;
            }
        };
        out.machines.push(Embedded {
            name,
            machine_type,
            body,
            declared: None,
            uses,
        });
    }
}
