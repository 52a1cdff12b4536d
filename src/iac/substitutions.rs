//! `${Name}` placeholders in template definitions and what declares them:
//! `DefinitionSubstitutions` keys, and for `Fn::Sub` text also parameters, resources, the
//! `Fn::Sub` variables and pseudo parameters.

use std::collections::HashSet;
use std::ops::Range;
use std::rc::Rc;

use super::codes::{UNDECLARED_SUBSTITUTION, UNUSED_SUBSTITUTION};
use crate::diagnostics::Diagnostic;
use crate::syntax::strings::StringPositions;
use crate::syntax::{Format, Key, Node, Span, Value};

/// One placeholder written in a definition.
#[derive(Debug, Clone)]
pub struct Use {
    pub name: String,
    pub span: Span,
    /// Written in `Fn::Sub` text: resolved by `Fn::Sub` (parameters, resources, variables)
    /// rather than by `DefinitionSubstitutions`.
    pub sub: bool,
}

impl Use {
    /// The use of the placeholder `${inner}`. In `Fn::Sub` text `${!X}` is the literal `${X}`,
    /// which `DefinitionSubstitutions` then resolves; elsewhere `${!X}` is plain text.
    pub fn new(inner: &str, span: Span, sub: bool) -> Option<Use> {
        let inner = inner.trim();
        let (name, sub) = match inner.strip_prefix('!') {
            Some(rest) if sub => (rest.trim(), false),
            Some(_) => return None,
            None => (inner, sub),
        };
        (!name.is_empty()).then(|| Use {
            name: name.to_string(),
            span,
            sub,
        })
    }
}

/// What a state machine resource declares.
#[derive(Debug, Clone, Default)]
pub struct Declared {
    /// The keys of `DefinitionSubstitutions` (empty when it is absent).
    pub keys: Vec<Key>,
    /// Names `Fn::Sub` resolves in the whole template: parameters and resources (shared by
    /// its state machines, not copied for each).
    pub template_names: Rc<HashSet<String>>,
    /// The variables of this machine's `Fn::Sub`.
    pub sub_variables: HashSet<String>,
}

impl Declared {
    /// Every name `Fn::Sub` resolves for this machine.
    pub fn sub_names(&self) -> impl Iterator<Item = &str> {
        self.template_names
            .iter()
            .chain(&self.sub_variables)
            .map(String::as_str)
    }

    fn sub_resolves_name(&self, name: &str) -> bool {
        self.template_names.contains(name) || self.sub_variables.contains(name)
    }
}

/// Every `${...}` in `s`: the byte range of the whole placeholder and its inner text.
pub fn placeholders(s: &str) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = s[from..].find("${") {
        let start = from + at;
        let Some(close) = s[start + 2..].find('}') else {
            break;
        };
        let end = start + 2 + close + 1;
        out.push((start..end, s[start + 2..end - 1].to_string()));
        from = end;
    }
    out
}

/// The placeholders of the string values of `root` (a definition written in the template or in
/// a file), leaving out intrinsic function objects, whose text `Fn::Sub` resolves.
pub fn scan_tree(root: &Node, text: &str, format: Format, out: &mut Vec<Use>) {
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        match &node.value {
            Value::String(s) if s.contains("${") => {
                let positions = StringPositions::new(text, format, node.span, s);
                for (range, inner) in placeholders(s) {
                    out.extend(Use::new(&inner, positions.span(range), false));
                }
            }
            Value::Array(items) => stack.extend(items.iter().rev()),
            Value::Object(_) if super::text::intrinsic(node).is_some() => {}
            Value::Object(members) => stack.extend(members.iter().rev().map(|m| &m.value)),
            _ => {}
        }
    }
}

/// Placeholders that nothing declares (`undeclared-substitution`, at the use) and declared
/// keys that no placeholder uses (`unused-substitution`, at the key).
pub fn check(uses: &[Use], declared: &Declared) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let keys: HashSet<&str> = declared.keys.iter().map(|k| k.name.as_str()).collect();
    let mut undeclared = Vec::new();
    for u in uses {
        if keys.contains(u.name.as_str()) || (u.sub && sub_resolves(&u.name, declared)) {
            continue;
        }
        let message = if u.sub {
            format!(
                "`${{{}}}` is not a parameter, a resource, a `Fn::Sub` variable, a pseudo parameter or a `DefinitionSubstitutions` key",
                u.name
            )
        } else {
            format!(
                "`${{{}}}` is not declared in `DefinitionSubstitutions`",
                u.name
            )
        };
        let mut candidates: Vec<&str> = keys.iter().copied().collect();
        if u.sub {
            candidates.extend(declared.sub_names());
            candidates.extend(PSEUDO_PARAMETERS);
        }
        let d = Diagnostic::new(&UNDECLARED_SUBSTITUTION, u.span, message);
        let d = match crate::suggest::closest(&u.name, candidates) {
            Some(close) => d.help(format!("did you mean `{close}`?")),
            None if u.sub => d.help(format!(
                "declare `{}` as a parameter or a variable of the `Fn::Sub`",
                u.name
            )),
            None => d.help(format!(
                "add `{}` to the resource's `DefinitionSubstitutions`",
                u.name
            )),
        };
        undeclared.push(d);
    }
    let used: HashSet<&str> = uses.iter().map(|u| u.name.as_str()).collect();
    let unused = declared
        .keys
        .iter()
        .filter(|k| !used.contains(k.name.as_str()))
        .map(|k| {
            Diagnostic::new(
                &UNUSED_SUBSTITUTION,
                k.span,
                format!(
                    "`DefinitionSubstitutions` declares `{}`, but the definition has no `${{{}}}`",
                    k.name, k.name
                ),
            )
            .help("remove the key, or use it in the definition")
        })
        .collect();
    (undeclared, unused)
}

/// CloudFormation's pseudo parameters.
const PSEUDO_PARAMETERS: [&str; 8] = [
    "AWS::AccountId",
    "AWS::NotificationARNs",
    "AWS::NoValue",
    "AWS::Partition",
    "AWS::Region",
    "AWS::StackId",
    "AWS::StackName",
    "AWS::URLSuffix",
];

/// Whether `Fn::Sub` resolves `${name}`: a pseudo parameter, a parameter, a resource (or one of
/// its attributes, `${Res.Arn}`) or a variable of the `Fn::Sub`.
fn sub_resolves(name: &str, declared: &Declared) -> bool {
    let base = name.split('.').next().unwrap_or(name);
    name.starts_with("AWS::")
        || declared.sub_resolves_name(name)
        || declared.sub_resolves_name(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_and_escapes() {
        let p = placeholders("a ${X} b ${!Y} ${AWS::Region} ${");
        let inner: Vec<&str> = p.iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(inner, ["X", "!Y", "AWS::Region"]);
        assert_eq!(p[0].0, 2..6);
        assert!(Use::new("!Y", Span::default(), false).is_none());
        let u = Use::new("!Y", Span::default(), true).unwrap();
        assert_eq!((u.name.as_str(), u.sub), ("Y", false));
    }
}
