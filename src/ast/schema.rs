//! The table-driven check of one object: every member against its [`FieldSpec`] row, then the
//! [`Group`] constraints. Reports each problem once and hands back the members that passed.

use super::QueryLanguage;
use super::codes::{
    CONFLICTING_FIELDS, INVALID_TYPE, INVALID_VALUE, MISSING_FIELD, OUT_OF_RANGE,
    QUERY_LANGUAGE_MISMATCH, UNKNOWN_FIELD, UNSUPPORTED_FIELD,
};
use super::fields::{FieldSpec, Group, GroupKind, Lang, Set, Ty, is_known_anywhere};
use super::pointer::Pointer;
use crate::diagnostics::Diagnostic;
use crate::suggest::closest;
use crate::syntax::{Member, Node, Span, Value};

/// How messages name a variant ("a `Pass` state"), and a function listing the variants a row allows.
pub(crate) type VariantNames<'a> = (&'a str, fn(Set) -> String);

/// The object being checked and how to talk about it.
pub(crate) struct ObjectCx<'n, 'a> {
    pub node: &'n Node,
    pub pointer: &'a Pointer,
    /// How messages name the object: "state `A`", "the top level", "`Retry[0]` of state `A`".
    pub what: &'a str,
    /// Where findings about absent fields point: the object's key, or its opening bracket.
    pub anchor: Span,
    pub lang: QueryLanguage,
    /// The variant bit rows are matched against (a state type, a rule depth, or `ANY`).
    pub variant: Set,
    /// How messages name the variant ("a `Pass` state"), and the variants a row allows.
    pub variants: Option<VariantNames<'a>>,
}

/// The members that passed their row's checks, by name (with duplicate keys, the last).
pub(crate) struct Checked<'a> {
    members: Vec<&'a Member>,
}

impl<'a> Checked<'a> {
    pub fn get(&self, name: &str) -> Option<&'a Member> {
        self.members
            .iter()
            .rev()
            .find(|m| m.key.name == name)
            .copied()
    }
}

/// Checks every member of `cx.node` (an object) against `table` and `groups`. Members for which
/// `skip` is true are left to the caller. Returns the members that passed.
pub(crate) fn check_object<'a>(
    cx: &ObjectCx<'a, '_>,
    table: &'static [FieldSpec],
    groups: &'static [Group],
    skip: &dyn Fn(&str) -> bool,
    out: &mut Vec<Diagnostic>,
) -> Checked<'a> {
    let members = cx.node.as_object().unwrap_or_default();
    let mut accepted = Vec::with_capacity(members.len());
    for member in members {
        if skip(&member.key.name) {
            continue;
        }
        if let Some(row) = allowed_row(cx, table, member, out) {
            if check_member(cx, row, member, out) {
                accepted.push(member);
            }
        }
    }
    for group in groups.iter().filter(|g| g.on & cx.variant != 0) {
        check_group(cx, group, members, &accepted, out);
    }
    Checked { members: accepted }
}

/// The row for `member` if the field is allowed here in this language; otherwise reports why not.
fn allowed_row(
    cx: &ObjectCx<'_, '_>,
    table: &'static [FieldSpec],
    member: &Member,
    out: &mut Vec<Diagnostic>,
) -> Option<&'static FieldSpec> {
    let name = member.key.name.as_str();
    let pointer = cx.pointer.key(name);
    let Some(row) = table
        .iter()
        .find(|f| f.name == name && f.on & cx.variant != 0)
    else {
        out.push(not_allowed(cx, table, member).pointer(pointer.as_str()));
        return None;
    };
    let wrong_lang = match row.lang {
        Lang::Both => false,
        Lang::JsonPath => cx.lang == QueryLanguage::Jsonata,
        Lang::Jsonata => cx.lang == QueryLanguage::JsonPath,
    };
    if !wrong_lang {
        return Some(row);
    }
    let needs = match row.lang {
        Lang::Jsonata => QueryLanguage::Jsonata,
        _ => QueryLanguage::JsonPath,
    };
    let mut d = Diagnostic::new(
        &QUERY_LANGUAGE_MISMATCH,
        member.key.span,
        format!(
            "field `{name}` is only supported when the query language is `{}`, but {} uses `{}`",
            needs.as_str(),
            cx.what,
            cx.lang.as_str()
        ),
    )
    .pointer(pointer.as_str());
    if let Some(instead) = row.instead {
        d = d.help(format!("use `{instead}` instead"));
    }
    out.push(d);
    None
}

/// The finding for a field that no row of `table` allows in this variant.
fn not_allowed(cx: &ObjectCx<'_, '_>, table: &'static [FieldSpec], member: &Member) -> Diagnostic {
    let name = member.key.name.as_str();
    let span = member.key.span;
    if let Some(other) = table.iter().find(|f| f.name == name) {
        let Some((phrase, names)) = cx.variants else {
            return Diagnostic::new(
                &UNSUPPORTED_FIELD,
                span,
                format!("field `{name}` is not supported in {}", cx.what),
            );
        };
        return Diagnostic::new(
            &UNSUPPORTED_FIELD,
            span,
            format!("field `{name}` is not supported on {phrase}"),
        )
        .help(format!("`{name}` is allowed on {}", names(other.on)));
    }
    if is_known_anywhere(name) {
        return Diagnostic::new(
            &UNSUPPORTED_FIELD,
            span,
            format!("field `{name}` is not supported in {}", cx.what),
        );
    }
    let candidates = table
        .iter()
        .filter(|f| f.on & cx.variant != 0)
        .map(|f| f.name);
    let d = Diagnostic::new(
        &UNKNOWN_FIELD,
        span,
        format!("unknown field `{name}` in {}", cx.what),
    );
    match closest(name, candidates) {
        Some(suggestion) => d.help(format!("did you mean `{suggestion}`?")),
        None => d,
    }
}

/// Checks a member's value against its row; true when it passed.
fn check_member(
    cx: &ObjectCx<'_, '_>,
    row: &FieldSpec,
    member: &Member,
    out: &mut Vec<Diagnostic>,
) -> bool {
    let expr_ok = row.expr && cx.lang == QueryLanguage::Jsonata;
    match check_value(row.name, row.ty, expr_ok, &member.value) {
        Ok(()) => true,
        Err(d) => {
            out.push((*d).pointer(cx.pointer.key(row.name).as_str()));
            false
        }
    }
}

/// Checks `value` against `ty`. With `expr_ok`, a JSONata `{% ... %}` string is accepted too.
/// A `${...}` placeholder is accepted wherever a scalar is expected.
pub(crate) fn check_value(
    name: &str,
    ty: Ty,
    expr_ok: bool,
    value: &Node,
) -> Result<(), Box<Diagnostic>> {
    if let Value::String(s) = &value.value {
        if (expr_ok && is_jsonata(s)) || (is_placeholder(s) && is_scalar(ty)) {
            return Ok(());
        }
    }
    if is_scalar(ty) && is_template_intrinsic(value) {
        return Ok(());
    }
    let type_error = || {
        let d = Diagnostic::new(
            &INVALID_TYPE,
            value.span,
            format!(
                "`{name}` must be {}, found {}",
                describe(ty, expr_ok),
                found(value)
            ),
        );
        match type_help(ty, value, expr_ok) {
            Some(help) => d.help(help),
            None => d,
        }
    };
    match (ty, &value.value) {
        (Ty::Any, _) => Ok(()),
        (Ty::String | Ty::Path, Value::String(_)) => Ok(()),
        (Ty::NullablePath, Value::String(_) | Value::Null) => Ok(()),
        (Ty::Bool, Value::Bool(_)) => Ok(()),
        (Ty::Object, Value::Object(_)) => Ok(()),
        (Ty::True, Value::Bool(true)) => Ok(()),
        (Ty::True, Value::Bool(false)) => Err(Box::new(
            Diagnostic::new(
                &INVALID_VALUE,
                value.span,
                format!("`{name}` can only be `true`"),
            )
            .help(format!(
                "remove `{name}: false`; a state without `End` needs `Next`"
            )),
        )),
        (Ty::Int(min, max), Value::Number(n)) => {
            check_range(name, value.span, n, min as f64, max as f64, true)
        }
        (Ty::Number(min, max), Value::Number(n)) => {
            check_range(name, value.span, n, min, max, false)
        }
        (Ty::Enum(allowed), Value::String(s)) => check_enum(name, value.span, s, allowed),
        (Ty::Timestamp, Value::String(s)) => check_timestamp(name, value.span, s),
        (Ty::Label, Value::String(s)) => check_label(name, value.span, s),
        (Ty::Array(non_empty), Value::Array(items)) => {
            check_non_empty(name, value.span, items.is_empty() && non_empty)
        }
        (Ty::Strings, Value::Array(items)) => check_strings(name, value.span, items),
        _ => Err(Box::new(type_error())),
    }
}

fn is_scalar(ty: Ty) -> bool {
    !matches!(ty, Ty::Object | Ty::Array(_) | Ty::Strings | Ty::Any)
}

/// Whether `s` is a JSONata expression string: it starts with `{%` and ends with `%}`.
pub fn is_jsonata(s: &str) -> bool {
    s.len() >= 4 && s.starts_with("{%") && s.ends_with("%}")
}

/// Whether `value` is a CloudFormation intrinsic function object (`{"Ref": ...}`,
/// `{"Fn::GetAtt": [...]}`, ...) standing where a scalar will be after the template is deployed.
pub fn is_template_intrinsic(value: &Node) -> bool {
    match value.as_object() {
        Some([member]) => member.key.name == "Ref" || member.key.name.starts_with("Fn::"),
        _ => false,
    }
}

/// The byte ranges of the `${...}` and `#{...}` substitution placeholders in `s` (non-empty,
/// with no braces inside), in order.
pub fn placeholder_ranges(s: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = [s[from..].find("${"), s[from..].find("#{")]
        .into_iter()
        .flatten()
        .min()
    {
        let start = from + at;
        let inner = &s[start + 2..];
        match inner.find('}') {
            Some(end) if end > 0 && !inner[..end].contains('{') => {
                out.push(start..start + 2 + end + 1);
                from = start + 2 + end + 1;
            }
            _ => from = start + 2,
        }
    }
    out
}

/// Whether `s` is entirely a `${...}` or `#{...}` substitution placeholder.
pub fn is_placeholder(s: &str) -> bool {
    let inner = s
        .strip_prefix("${")
        .or_else(|| s.strip_prefix("#{"))
        .and_then(|rest| rest.strip_suffix('}'));
    inner.is_some_and(|inner| !inner.is_empty() && !inner.contains(['{', '}']))
}

fn check_range(
    name: &str,
    span: Span,
    n: &crate::syntax::Number,
    min: f64,
    max: f64,
    integer: bool,
) -> Result<(), Box<Diagnostic>> {
    if integer && n.as_i64().is_none() {
        return Err(Box::new(Diagnostic::new(
            &INVALID_TYPE,
            span,
            format!("`{name}` must be an integer, found `{n}`"),
        )));
    }
    let v = n.value;
    let bound = if v < min {
        format!("at least {}", fmt_bound(min))
    } else if v > max {
        format!("at most {}", fmt_bound(max))
    } else {
        return Ok(());
    };
    Err(Box::new(Diagnostic::new(
        &OUT_OF_RANGE,
        span,
        format!("`{name}` must be {bound}, found `{n}`"),
    )))
}

fn fmt_bound(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn check_enum(name: &str, span: Span, s: &str, allowed: &[&str]) -> Result<(), Box<Diagnostic>> {
    if allowed.contains(&s) {
        return Ok(());
    }
    let d = Diagnostic::new(
        &INVALID_VALUE,
        span,
        format!("`{name}` must be {}, found `{s}`", one_of(allowed)),
    );
    Err(Box::new(match closest(s, allowed.iter().copied()) {
        Some(suggestion) => d.help(format!("did you mean `{suggestion}`?")),
        None => d,
    }))
}

fn check_non_empty(name: &str, span: Span, empty: bool) -> Result<(), Box<Diagnostic>> {
    if !empty {
        return Ok(());
    }
    Err(Box::new(Diagnostic::new(
        &INVALID_VALUE,
        span,
        format!("`{name}` must not be empty"),
    )))
}

fn check_strings(name: &str, span: Span, items: &[Node]) -> Result<(), Box<Diagnostic>> {
    check_non_empty(name, span, items.is_empty())?;
    match items.iter().find(|item| item.as_str().is_none()) {
        None => Ok(()),
        Some(item) => Err(Box::new(Diagnostic::new(
            &INVALID_TYPE,
            item.span,
            format!(
                "every entry of `{name}` must be a string, found {}",
                found(item)
            ),
        ))),
    }
}

/// Characters AWS forbids in names that appear in metrics and ARNs (Map `Label`).
const FORBIDDEN_NAME_CHARS: &str = "<>{}[]?*\"#%\\^|~`$&,;:/";

fn check_label(name: &str, span: Span, s: &str) -> Result<(), Box<Diagnostic>> {
    let problem = if s.chars().count() > 40 {
        Some(format!(
            "`{name}` must be at most 40 characters long, found {}",
            s.chars().count()
        ))
    } else {
        s.chars()
            .find(|c| c.is_whitespace() || c.is_control() || FORBIDDEN_NAME_CHARS.contains(*c))
            .map(|c| {
                format!(
                    "`{name}` must not contain blanks, control characters or any of `{FORBIDDEN_NAME_CHARS}`, found {c:?}"
                )
            })
    };
    match problem {
        None => Ok(()),
        Some(message) => Err(Box::new(
            Diagnostic::new(&INVALID_VALUE, span, message).help("use letters, digits, `-` and `_`"),
        )),
    }
}

fn check_timestamp(name: &str, span: Span, s: &str) -> Result<(), Box<Diagnostic>> {
    if is_rfc3339(s) {
        return Ok(());
    }
    Err(Box::new(Diagnostic::new(
        &INVALID_VALUE,
        span,
        format!("`{name}` must be an RFC 3339 timestamp, found `{s}`"),
    )
    .help("write it like `2026-01-31T23:59:59Z` (uppercase `T` and `Z`) or with an offset like `+02:00`")))
}

/// The RFC 3339 profile of ISO 8601 that ASL requires: `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)`,
/// with an uppercase `T` and `Z`.
pub(crate) fn is_rfc3339(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        b.get(range.clone())
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
    };
    let num = |range: std::ops::Range<usize>| {
        s.get(range)
            .and_then(|t| t.parse::<u32>().ok())
            .unwrap_or(99)
    };
    if b.len() < 20
        || !digits(0..4)
        || b[4] != b'-'
        || !digits(5..7)
        || b[7] != b'-'
        || !digits(8..10)
        || b[10] != b'T'
    {
        return false;
    }
    if !digits(11..13) || b[13] != b':' || !digits(14..16) || b[16] != b':' || !digits(17..19) {
        return false;
    }
    let (month, day, hour, minute, second) =
        (num(5..7), num(8..10), num(11..13), num(14..16), num(17..19));
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return false;
    }
    let mut rest = &s[19..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let len = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if len == 0 {
            return false;
        }
        rest = &fraction[len..];
    }
    match rest.as_bytes() {
        [b'Z'] => true,
        [sign, h1, h2, b':', m1, m2] if (*sign == b'+' || *sign == b'-') => {
            [h1, h2, m1, m2].iter().all(|d| d.is_ascii_digit())
                && (h1 - b'0') * 10 + (h2 - b'0') <= 23
                && (m1 - b'0') * 10 + (m2 - b'0') <= 59
        }
        _ => false,
    }
}

fn check_group(
    cx: &ObjectCx<'_, '_>,
    group: &Group,
    members: &[Member],
    accepted: &[&Member],
    out: &mut Vec<Diagnostic>,
) {
    // A misspelling of the field (`Nxet` for `Next`) was reported as unknown with a suggestion;
    // saying that `Next` is missing as well would report one mistake twice.
    let misspelt = |name: &str| {
        members.iter().any(|m| {
            m.key.name != name
                && !accepted.iter().any(|a| std::ptr::eq(*a, m))
                && closest(&m.key.name, [name]).is_some()
        })
    };
    let present = |name: &&str| members.iter().any(|m| m.key.name == *name) || misspelt(name);
    match group.kind {
        GroupKind::Required => {
            for name in group.fields.iter().filter(|n| !present(n)) {
                report_missing(
                    cx,
                    &format!("missing required field `{name}` in {}", cx.what),
                    out,
                );
            }
        }
        GroupKind::ExactlyOne if !group.fields.iter().any(&present) => {
            let message = format!("{} needs {}", cx.what, either_of(group.fields));
            report_missing(cx, &message, out);
        }
        GroupKind::ExactlyOne | GroupKind::AtMostOne => report_conflicts(cx, group, accepted, out),
    }
}

fn report_missing(cx: &ObjectCx<'_, '_>, message: &str, out: &mut Vec<Diagnostic>) {
    if cx.node.damaged {
        return;
    }
    out.push(Diagnostic::new(&MISSING_FIELD, cx.anchor, message).pointer(cx.pointer.as_str()));
}

fn report_conflicts(
    cx: &ObjectCx<'_, '_>,
    group: &Group,
    accepted: &[&Member],
    out: &mut Vec<Diagnostic>,
) {
    let set: Vec<&Member> = accepted
        .iter()
        .filter(|m| group.fields.contains(&m.key.name.as_str()))
        .copied()
        .collect();
    let Some((first, rest)) = set.split_first() else {
        return;
    };
    for second in rest.iter().filter(|m| m.key.name != first.key.name) {
        out.push(
            Diagnostic::new(
                &CONFLICTING_FIELDS,
                second.key.span,
                format!(
                    "`{}` and `{}` cannot both be set in {}",
                    first.key.name, second.key.name, cx.what
                ),
            )
            .label(first.key.span, format!("`{}` is set here", first.key.name))
            .help(format!("keep only one of {}", all_of(group.fields)))
            .pointer(cx.pointer.key(&second.key.name).as_str()),
        );
    }
}

/// "`A` and `B`", "`A`, `B` and `C`".
fn all_of(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// "`A` or `B`", "one of `A`, `B` or `C`".
pub(crate) fn either_of(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, [first])) => format!("{first} or {last}"),
        Some((last, rest)) => format!("one of {} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

fn one_of(names: &[&str]) -> String {
    match names {
        [only] => format!("`{only}`"),
        _ => {
            let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            format!("one of {}", quoted.join(", "))
        }
    }
}

/// What a type expects, for messages.
fn describe(ty: Ty, expr_ok: bool) -> String {
    let base = match ty {
        Ty::String | Ty::Label => "a string".to_string(),
        Ty::Path => "a path string".to_string(),
        Ty::NullablePath => "a path string or `null`".to_string(),
        Ty::Bool => "`true` or `false`".to_string(),
        Ty::True => "`true`".to_string(),
        Ty::Int(min, max) if max == i64::MAX => format!("an integer of at least {min}"),
        Ty::Int(min, max) => format!("an integer from {min} to {max}"),
        Ty::Number(min, max) if max == f64::MAX && min == f64::MIN => "a number".to_string(),
        Ty::Number(min, max) if max == f64::MAX => {
            format!("a number of at least {}", fmt_bound(min))
        }
        Ty::Number(min, max) => format!("a number from {} to {}", fmt_bound(min), fmt_bound(max)),
        Ty::Enum(values) => one_of(values),
        Ty::Timestamp => "an RFC 3339 timestamp string".to_string(),
        Ty::Object => "an object".to_string(),
        Ty::Array(_) => "an array".to_string(),
        Ty::Strings => "a non-empty array of strings".to_string(),
        Ty::Any => "a JSON value".to_string(),
    };
    if expr_ok {
        format!("{base} or a JSONata expression `{{% ... %}}`")
    } else {
        base
    }
}

/// What a value is, for messages: "a string `\"10\"`", "`false`", "an object".
/// The finding for a value that must be an object and is not; `None` when it is an object.
pub(crate) fn not_an_object(node: &Node, pointer: &Pointer, what: &str) -> Option<Diagnostic> {
    if node.as_object().is_some() {
        return None;
    }
    Some(
        Diagnostic::new(
            &INVALID_TYPE,
            node.span,
            format!("{what} must be an object, found {}", found(node)),
        )
        .pointer(pointer.as_str()),
    )
}

pub(crate) fn found(value: &Node) -> String {
    match &value.value {
        Value::Null => "`null`".to_string(),
        Value::Bool(b) => format!("`{b}`"),
        Value::Number(n) => format!("`{n}`"),
        Value::String(s) => {
            let short: String = s.chars().take(40).collect();
            let ellipsis = if short.len() < s.len() { "..." } else { "" };
            format!("a string `\"{short}{ellipsis}\"`")
        }
        Value::Array(_) => "an array".to_string(),
        Value::Object(_) => "an object".to_string(),
    }
}

fn type_help(ty: Ty, value: &Node, expr_ok: bool) -> Option<String> {
    let s = value.as_str()?;
    let numeric = matches!(ty, Ty::Int(..) | Ty::Number(..));
    if numeric && s.trim().parse::<f64>().is_ok() {
        return Some("write the number without quotes".to_string());
    }
    if matches!(ty, Ty::Bool | Ty::True) && matches!(s, "true" | "false") {
        return Some("write the boolean without quotes".to_string());
    }
    if !expr_ok && is_jsonata(s) {
        return Some(
            "JSONata expressions are only evaluated in states whose query language is `JSONata`"
                .to_string(),
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_profile() {
        assert!(is_rfc3339("2016-03-14T01:59:00Z"));
        assert!(is_rfc3339("2016-03-14T01:59:00.123Z"));
        assert!(is_rfc3339("2016-03-14T01:59:00+01:00"));
        assert!(!is_rfc3339("2016-03-14t01:59:00Z"));
        assert!(!is_rfc3339("2016-03-14T01:59:00z"));
        assert!(!is_rfc3339("2016-03-14T01:59:00"));
        assert!(!is_rfc3339("2016-13-14T01:59:00Z"));
        assert!(!is_rfc3339("2016-03-14 01:59:00Z"));
        assert!(!is_rfc3339("é016-03-14T01:59:00Z"));
    }

    #[test]
    fn placeholders_and_jsonata() {
        assert!(is_placeholder("${Timeout}"));
        assert!(is_placeholder("#{AWS::Region}"));
        assert!(is_placeholder("${self:custom.timeout}"));
        assert!(!is_placeholder("arn:${Partition}:states"));
        assert!(!is_placeholder("${}"));
        assert!(is_jsonata("{% $states.input %}"));
        assert!(!is_jsonata("{% $states.input"));
        assert!(!is_jsonata("{%}"));
        let s = "arn:${AWS::Partition}:x:#{Region}:${}:${a{b}";
        let found: Vec<&str> = placeholder_ranges(s).into_iter().map(|r| &s[r]).collect();
        assert_eq!(found, ["${AWS::Partition}", "#{Region}"]);
    }

    #[test]
    fn template_intrinsics_are_single_ref_or_fn_members() {
        use crate::syntax::{Key, Member, Node, Span, Value};
        let object = |names: &[&str]| {
            let members = names
                .iter()
                .map(|name| Member {
                    key: Key {
                        name: name.to_string(),
                        span: Span::at(0),
                    },
                    value: Node::new(Value::String("x".into()), Span::at(0)),
                })
                .collect();
            Node::new(Value::Object(members), Span::at(0))
        };
        assert!(is_template_intrinsic(&object(&["Ref"])));
        assert!(is_template_intrinsic(&object(&["Fn::GetAtt"])));
        assert!(!is_template_intrinsic(&object(&["Ref", "Other"])));
        assert!(!is_template_intrinsic(&object(&["Reference"])));
        assert!(!is_template_intrinsic(&object(&[])));
    }

    #[test]
    fn either_of_reads_naturally() {
        assert_eq!(either_of(&["Next", "End"]), "`Next` or `End`");
        assert_eq!(either_of(&["A", "B", "C"]), "one of `A`, `B` or `C`");
    }
}
