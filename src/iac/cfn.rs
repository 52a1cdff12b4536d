//! CloudFormation `AWS::StepFunctions::StateMachine` and SAM `AWS::Serverless::StateMachine`
//! resources (CDK output is CloudFormation JSON).

use super::codes::DEFINITION_NOT_LOCAL;
use super::substitutions::Declared;
use super::{Body, Cx, Embedded, Template};
use crate::MachineType;
use crate::diagnostics::Diagnostic;
use crate::syntax::{Node, Span, Value};

pub(super) const CFN: &str = "AWS::StepFunctions::StateMachine";
pub(super) const SAM: &str = "AWS::Serverless::StateMachine";

/// The state machines among `resources` (the `Resources` mapping of template `root`).
pub(super) fn extract(cx: &Cx<'_>, root: &Node, resources: &Node, out: &mut Template) {
    let Some(members) = resources.as_object() else {
        return;
    };
    let mut names = std::collections::HashSet::new();
    for key in ["Parameters", "Resources"] {
        if let Some(section) = root.get(key).and_then(|s| s.value.as_object()) {
            names.extend(section.iter().map(|m| m.key.name.clone()));
        }
    }
    names.extend(members.iter().map(|m| m.key.name.clone()));
    let names = std::rc::Rc::new(names);
    for member in members {
        let kind = member.value.get("Type").and_then(|t| t.value.as_str());
        let sam = match kind {
            Some(CFN) => false,
            Some(SAM) => true,
            _ => continue,
        };
        let Some(props) = member.value.get("Properties") else {
            continue;
        };
        let name = member.key.name.clone();
        let mut declared = Declared {
            keys: Vec::new(),
            template_names: std::rc::Rc::clone(&names),
            sub_variables: std::collections::HashSet::new(),
        };
        if let Some(subs) = props.value.get("DefinitionSubstitutions") {
            if let Some(members) = subs.value.as_object() {
                declared.keys = members.iter().map(|m| m.key.clone()).collect();
            }
        }
        let type_key = if sam { "Type" } else { "StateMachineType" };
        let machine_type = props
            .value
            .get(type_key)
            .and_then(|t| t.value.as_str())
            .map(|t| {
                if t.eq_ignore_ascii_case("EXPRESS") {
                    MachineType::Express
                } else {
                    MachineType::Standard
                }
            });
        let mut uses = Vec::new();
        let Some(body) = body(cx, &name, &props.value, &mut declared, &mut uses, out) else {
            continue;
        };
        out.machines.push(Embedded {
            name,
            machine_type,
            body,
            declared: Some(declared),
            uses,
        });
    }
}

/// The definition of one resource, from whichever property holds it.
fn body(
    cx: &Cx<'_>,
    name: &str,
    props: &Node,
    declared: &mut Declared,
    uses: &mut Vec<super::Use>,
    out: &mut Template,
) -> Option<Body> {
    let mut skipped = |span: Span, what: String| {
        out.diagnostics.push(
            Diagnostic::new(
                &DEFINITION_NOT_LOCAL,
                span,
                format!("[{name}] {what}; it is not checked"),
            )
            .help("check the definition file itself"),
        );
        None
    };
    if let Some(def) = props.get("Definition") {
        let value = &def.value;
        return match &value.value {
            Value::Object(_) if super::text::intrinsic(value).is_none() => {
                super::substitutions::scan_tree(value, cx.text, cx.format, uses);
                Some(Body::Tree(value.clone()))
            }
            _ => definition_string(cx, name, value, declared, uses, out),
        };
    }
    if let Some(def) = props.get("DefinitionString") {
        return definition_string(cx, name, &def.value, declared, uses, out);
    }
    if let Some(def) = props.get("DefinitionS3Location") {
        return skipped(
            def.key.span,
            "the definition is read from S3 (`DefinitionS3Location`)".into(),
        );
    }
    let def = props.get("DefinitionUri")?;
    match def.value.as_str() {
        Some(uri) if !uri.starts_with("s3://") && !uri.contains("${") => Some(Body::File {
            path: uri.to_string(),
            span: def.value.span,
        }),
        _ => skipped(
            def.value.span,
            format!(
                "the definition is {} (`DefinitionUri`), not a local file",
                super::describe(&def.value)
            ),
        ),
    }
}

/// A `DefinitionString` (or a `Definition` given as text): a string, `Fn::Sub` or `Fn::Join`.
fn definition_string(
    cx: &Cx<'_>,
    name: &str,
    value: &Node,
    declared: &mut Declared,
    uses: &mut Vec<super::Use>,
    out: &mut Template,
) -> Option<Body> {
    collect_sub_variables(value, declared);
    if let Some(built) = super::text::build(value, cx.text, cx.format, uses) {
        return Some(Body::Text(built, value.span));
    }
    out.diagnostics.push(
        Diagnostic::new(
            &DEFINITION_NOT_LOCAL,
            value.span,
            format!(
                "[{name}] the definition is {}; it is not checked",
                super::describe(value)
            ),
        )
        .help("write the definition as a mapping, a string, or a `Fn::Sub` of a string"),
    );
    None
}

/// Adds the variable names of every `Fn::Sub` with a variable map inside `value`.
fn collect_sub_variables(value: &Node, declared: &mut Declared) {
    let mut stack = vec![value];
    while let Some(node) = stack.pop() {
        if let Some(("Fn::Sub", arg)) = super::text::intrinsic(node) {
            if let Some(vars) = arg
                .as_array()
                .and_then(|a| a.get(1))
                .and_then(Node::as_object)
            {
                declared
                    .sub_variables
                    .extend(vars.iter().map(|m| m.key.name.clone()));
            }
        }
        match &node.value {
            Value::Array(items) => stack.extend(items.iter()),
            Value::Object(members) => stack.extend(members.iter().map(|m| &m.value)),
            _ => {}
        }
    }
}
