//! CloudFormation's YAML short forms (`!Sub`, `!GetAtt`, ...) read as their long forms
//! (`{"Fn::Sub": ...}`), so that the rest of the template code sees one spelling.

use crate::syntax::{Key, Member, Node, Span, Value};

/// The short-form tags CloudFormation defines (intrinsic functions and condition functions).
const TAGS: &[&str] = &[
    "!And",
    "!Base64",
    "!Cidr",
    "!Condition",
    "!Equals",
    "!FindInMap",
    "!GetAZs",
    "!GetAtt",
    "!If",
    "!ImportValue",
    "!Join",
    "!Length",
    "!Not",
    "!Or",
    "!Ref",
    "!Select",
    "!Split",
    "!Sub",
    "!ToJsonString",
    "!Transform",
];

/// Whether `tag` (as written, `!Sub`) is one of CloudFormation's short forms.
pub(crate) fn is_cfn_tag(tag: &str) -> bool {
    TAGS.contains(&tag)
}

/// Rewrites every node tagged with a CloudFormation short form into the long form: `!Ref X`
/// becomes `{"Ref": X}`, `!Condition X` becomes `{"Condition": X}`, `!Sub X` becomes
/// `{"Fn::Sub": X}`. The object keeps the node's span; its key is an empty span at its start.
pub(crate) fn expand(node: &mut Node) {
    match &mut node.value {
        Value::Array(items) => items.iter_mut().for_each(expand),
        Value::Object(members) => members.iter_mut().for_each(|m| expand(&mut m.value)),
        _ => {}
    }
    let Some(tag) = node.tag.take_if(|t| is_cfn_tag(t)) else {
        return;
    };
    let name = match &*tag {
        "!Ref" => "Ref".to_string(),
        "!Condition" => "Condition".to_string(),
        other => format!("Fn::{}", &other[1..]),
    };
    let span = node.span;
    let inner = std::mem::replace(node, Node::new(Value::Null, span));
    *node = Node::new(
        Value::Object(vec![Member {
            key: Key {
                name,
                span: Span::at(span.start),
            },
            value: inner,
        }]),
        span,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::yaml;

    #[test]
    fn short_forms_become_long_forms() {
        let text = "a: !Sub 'x ${Y}'\nb: !GetAtt [F, Arn]\nc: !Ref P\nd: !Foo q\n";
        let mut root = yaml::parse(text).root.unwrap();
        expand(&mut root);
        let json = root.to_json();
        assert_eq!(json["a"]["Fn::Sub"], "x ${Y}");
        assert_eq!(json["b"]["Fn::GetAtt"][1], "Arn");
        assert_eq!(json["c"]["Ref"], "P");
        assert_eq!(json["d"], "q", "other tags are left alone");
        assert_eq!(root.get("d").unwrap().value.tag.as_deref(), Some("!Foo"));
    }
}
