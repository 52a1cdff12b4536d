//! JSONPath as Step Functions accepts it (rules.md 5.8): Paths, Reference Paths, context paths
//! (`$$.…`) and variable paths (`$name.…`).
//!
//! AWS evaluates paths with Jayway JsonPath, which is lenient: a dot-notation name is everything up
//! to the next `.`, `[` or `(`, so dashes, unicode and most punctuation are fine (statelint
//! false positives #17, #23), and `.[0]` is the same as `[0]`. This parser accepts that grammar and
//! rejects only what cannot be a path. Positions are byte offsets in the decoded string.

use std::ops::Range;

/// Which grammar a field takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathKind {
    /// Any JSONPath: wildcards, slices, unions, deep scans and filters are allowed.
    Path,
    /// A Reference Path: a single node, so no `..`, `*`, `?`, `@`, `,`, `:` (ASL spec).
    Reference,
}

/// What a path starts from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Root {
    /// `$`: the state's input (or the result, where the field says so).
    Input,
    /// `$$`: the Context object.
    Context,
    /// `$name`: a variable (JSONPath states with variables).
    Variable(String),
}

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// `.name` or `['name']`.
    Name(String),
    /// `[3]` or `[-1]`.
    Index(i64),
    /// `.*` or `[*]`.
    Wildcard,
    /// `..` (followed by the step it scans for).
    DeepScan,
    /// `[0:2]`, `[1:]`.
    Slice,
    /// `['a','b']` or `[0,1]`.
    Union,
    /// `[?(...)]` or `[(...)]`.
    Filter,
    /// `.length()` and the other Jayway functions.
    Function(String),
}

/// A parsed path: its root and its steps, each with its byte range in the string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Path {
    pub root: Root,
    pub steps: Vec<(Step, Range<usize>)>,
}

impl Path {
    /// The names of the leading `.name` steps (for context paths).
    pub fn leading_names(&self) -> impl Iterator<Item = (&str, &Range<usize>)> {
        self.steps.iter().map_while(|(step, range)| match step {
            Step::Name(name) => Some((name.as_str(), range)),
            _ => None,
        })
    }
}

/// A syntax error: where in the string, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathError {
    pub range: Range<usize>,
    pub message: String,
}

impl PathError {
    fn new(range: Range<usize>, message: impl Into<String>) -> Self {
        PathError {
            range,
            message: message.into(),
        }
    }
}

/// Parses `s` as a path of `kind`. White space around the path is ignored (Jayway trims it).
pub fn parse(s: &str, kind: PathKind) -> Result<Path, PathError> {
    let start = s.len() - s.trim_start().len();
    let end = s.trim_end().len().max(start);
    let mut p = Parser {
        s,
        i: start,
        end,
        kind,
    };
    let root = p.root()?;
    let mut steps = Vec::new();
    while p.i < p.end {
        p.step(&mut steps)?;
    }
    Ok(Path { root, steps })
}

/// Whether `s` reads as a path at a glance (`$`, `$.…`, `$[…`, `$$…`, `$name…`): used to tell a
/// misplaced path from ordinary text.
pub fn looks_like_path(s: &str) -> bool {
    let s = s.trim();
    s == "$" || s.starts_with("$.") || s.starts_with("$[") || s.starts_with("$$")
}

/// The fields of the Context object (AWS: "Accessing execution data from the Context object").
/// `*` marks a field whose value is data of any shape: anything may follow it.
pub const CONTEXT_FIELDS: &[(&str, &[&str])] = &[
    (
        "Execution",
        &[
            "Id",
            "Input*",
            "Name",
            "RoleArn",
            "StartTime",
            "RedriveCount",
            "RedriveTime",
        ],
    ),
    ("State", &["EnteredTime", "Name", "RetryCount"]),
    ("StateMachine", &["Id", "Name"]),
    ("Task", &["Token"]),
    ("Map", &["Item"]),
];

/// The fields of `$$.Map.Item`: Index and Value; Key for JSON-object items, Source in
/// Distributed Map item readers.
const MAP_ITEM_FIELDS: &[&str] = &["Index", "Value*", "Key", "Source*"];

/// For a context path, the first name that is not a field of the Context object, with the names
/// that would fit there.
pub fn unknown_context_field(path: &Path) -> Option<(Range<usize>, &str, Vec<&'static str>)> {
    if path.root != Root::Context {
        return None;
    }
    let mut names = path.leading_names();
    let (top, range) = names.next()?;
    let Some((_, fields)) = CONTEXT_FIELDS.iter().find(|(name, _)| *name == top) else {
        return Some((
            range.clone(),
            top,
            CONTEXT_FIELDS.iter().map(|(n, _)| *n).collect(),
        ));
    };
    let mut fields: &[&str] = fields;
    let mut nested_map = top == "Map";
    for (name, range) in names {
        let found = fields.iter().find(|f| f.trim_end_matches('*') == name);
        let Some(found) = found else {
            let candidates = fields.iter().map(|f| f.trim_end_matches('*')).collect();
            return Some((range.clone(), name, candidates));
        };
        if found.ends_with('*') {
            return None;
        }
        if nested_map && name == "Item" {
            fields = MAP_ITEM_FIELDS;
            nested_map = false;
        } else {
            return None;
        }
    }
    None
}

struct Parser<'a> {
    s: &'a str,
    i: usize,
    end: usize,
    kind: PathKind,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.s[self.i..self.end].chars().next()
    }

    fn at(&self, prefix: &str) -> bool {
        self.s[self.i..self.end].starts_with(prefix)
    }

    fn char_range(&self) -> Range<usize> {
        let len = self.peek().map_or(0, char::len_utf8);
        self.i..self.i + len
    }

    fn root(&mut self) -> Result<Root, PathError> {
        if !self.at("$") {
            let found = match self.peek() {
                Some(c) => format!("found `{c}`"),
                None => "found nothing".to_string(),
            };
            return Err(PathError::new(
                self.char_range(),
                format!("a path must start with `$`, {found}"),
            ));
        }
        self.i += 1;
        if self.at("$") {
            self.i += 1;
            return Ok(Root::Context);
        }
        let name_len = self.s[self.i..self.end]
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(self.end - self.i);
        if name_len == 0 {
            return Ok(Root::Input);
        }
        let name = &self.s[self.i..self.i + name_len];
        if !name.starts_with(|c: char| c.is_alphabetic() || c == '_') {
            return Err(PathError::new(
                self.i..self.i + name_len,
                format!(
                    "a variable name cannot start with `{}`",
                    name.chars().next().unwrap_or_default()
                ),
            ));
        }
        self.i += name_len;
        Ok(Root::Variable(name.to_string()))
    }

    fn not_in_reference(&self, range: Range<usize>, what: &str) -> Result<(), PathError> {
        if self.kind == PathKind::Reference {
            return Err(PathError::new(
                range,
                format!("{what} is not allowed in a reference path, which names a single value"),
            ));
        }
        Ok(())
    }

    fn step(&mut self, steps: &mut Vec<(Step, Range<usize>)>) -> Result<(), PathError> {
        let start = self.i;
        if self.at("..") {
            self.not_in_reference(start..start + 2, "`..` (deep scan)")?;
            self.i += 2;
            steps.push((Step::DeepScan, start..self.i));
            if self.at("[") {
                return self.bracket(steps);
            }
            return self.dotted(start, steps);
        }
        if self.at(".") {
            self.i += 1;
            if self.at("[") {
                return self.bracket(steps);
            }
            return self.dotted(start, steps);
        }
        if self.at("[") {
            return self.bracket(steps);
        }
        let c = self.peek().unwrap_or(' ');
        let message = if c.is_whitespace() {
            "unexpected space; use bracket notation `['a b']` for names with spaces".to_string()
        } else {
            format!("unexpected `{c}`; expected `.` or `[` here")
        };
        Err(PathError::new(self.char_range(), message))
    }

    /// A name, `*` or function after `.` or `..`; `start` is where the dots began.
    fn dotted(
        &mut self,
        start: usize,
        steps: &mut Vec<(Step, Range<usize>)>,
    ) -> Result<(), PathError> {
        if self.at("*") {
            self.not_in_reference(self.i..self.i + 1, "`*` (wildcard)")?;
            self.i += 1;
            steps.push((Step::Wildcard, start..self.i));
            return Ok(());
        }
        let rest = &self.s[self.i..self.end];
        let len = rest
            .find(|c: char| c == '.' || c == '[' || c == '(' || c.is_whitespace())
            .unwrap_or(rest.len());
        if len == 0 {
            return Err(PathError::new(
                start..self.i,
                "expected a field name after `.`",
            ));
        }
        let name = rest[..len].to_string();
        self.i += len;
        if self.at("(") {
            self.not_in_reference(start..self.i, "a function call")?;
            if !self.at("()") {
                return Err(PathError::new(
                    self.char_range(),
                    "path functions such as `length()` take no arguments here",
                ));
            }
            self.i += 2;
            steps.push((Step::Function(name), start..self.i));
            return Ok(());
        }
        steps.push((Step::Name(name), start..self.i));
        Ok(())
    }

    fn bracket(&mut self, steps: &mut Vec<(Step, Range<usize>)>) -> Result<(), PathError> {
        let start = self.i;
        self.i += 1;
        self.skip_spaces();
        let step = match self.peek() {
            Some('\'' | '"') => self.quoted_names(start)?,
            Some('*') => {
                self.not_in_reference(self.i..self.i + 1, "`*` (wildcard)")?;
                self.i += 1;
                Step::Wildcard
            }
            Some('?' | '(') => {
                let what = if self.at("?") {
                    "a filter `[?(...)]`"
                } else {
                    "a script `[(...)]`"
                };
                self.not_in_reference(start..self.i + 1, what)?;
                self.expression(start)?;
                Step::Filter
            }
            Some(c) if c == '-' || c == ':' || c.is_ascii_digit() => self.indexes()?,
            _ => {
                let message = match self.peek() {
                    Some(c) => format!(
                        "unexpected `{c}` in brackets; expected an index, `*`, a quoted name or a filter"
                    ),
                    None => "unclosed `[`".to_string(),
                };
                return Err(PathError::new(
                    if self.i < self.end {
                        self.char_range()
                    } else {
                        start..start + 1
                    },
                    message,
                ));
            }
        };
        self.skip_spaces();
        if !self.at("]") {
            return Err(self.expected_close(start));
        }
        self.i += 1;
        steps.push((step, start..self.i));
        Ok(())
    }

    fn expected_close(&self, open: usize) -> PathError {
        match self.peek() {
            Some(c) => PathError::new(self.char_range(), format!("unexpected `{c}`; expected `]`")),
            None => PathError::new(open..open + 1, "unclosed `[`"),
        }
    }

    fn skip_spaces(&mut self) {
        while self.peek().is_some_and(|c| c == ' ') {
            self.i += 1;
        }
    }

    /// `'a'`, `"a"` or a union `'a','b'`.
    fn quoted_names(&mut self, open: usize) -> Result<Step, PathError> {
        let mut names = Vec::new();
        loop {
            let quote_at = self.i;
            let quote = self.peek().unwrap_or('\'');
            self.i += 1;
            let mut name = String::new();
            loop {
                match self.peek() {
                    None => {
                        return Err(PathError::new(
                            quote_at..quote_at + 1,
                            format!("unclosed `{quote}` in a bracketed name"),
                        ));
                    }
                    Some('\\') => {
                        self.i += 1;
                        if let Some(c) = self.peek() {
                            name.push(c);
                            self.i += c.len_utf8();
                        }
                    }
                    Some(c) if c == quote => {
                        self.i += 1;
                        break;
                    }
                    Some(c) => {
                        name.push(c);
                        self.i += c.len_utf8();
                    }
                }
            }
            names.push(name);
            self.skip_spaces();
            if !self.at(",") {
                break;
            }
            self.not_in_reference(self.i..self.i + 1, "`,` (a union of names)")?;
            self.i += 1;
            self.skip_spaces();
            if !matches!(self.peek(), Some('\'' | '"')) {
                return Err(match self.peek() {
                    Some(_) => {
                        PathError::new(self.char_range(), "expected a quoted name after `,`")
                    }
                    None => PathError::new(open..open + 1, "unclosed `[`"),
                });
            }
        }
        Ok(if names.len() == 1 {
            Step::Name(names.pop().unwrap_or_default())
        } else {
            Step::Union
        })
    }

    /// `3`, `-1`, `0:2`, `:2`, `1:`, `0:10:2`, `0,1,2`.
    fn indexes(&mut self) -> Result<Step, PathError> {
        let start = self.i;
        let rest = &self.s[self.i..self.end];
        let len = rest
            .find(|c: char| !(c.is_ascii_digit() || matches!(c, '-' | ':' | ',' | ' ')))
            .unwrap_or(rest.len());
        let text = rest[..len].trim_end();
        self.i += text.len();
        let range = start..self.i;
        if let Some(at) = text.find(':') {
            self.not_in_reference(start + at..start + at + 1, "`:` (an array slice)")?;
            let parts: Vec<&str> = text.split(':').map(str::trim).collect();
            let ok = parts.len() <= 3
                && parts
                    .iter()
                    .all(|p| p.is_empty() || p.parse::<i64>().is_ok());
            return if ok {
                Ok(Step::Slice)
            } else {
                Err(PathError::new(
                    range,
                    format!("`{text}` is not an array slice"),
                ))
            };
        }
        if let Some(at) = text.find(',') {
            self.not_in_reference(start + at..start + at + 1, "`,` (a union of indexes)")?;
            let ok = text.split(',').all(|p| p.trim().parse::<i64>().is_ok());
            return if ok {
                Ok(Step::Union)
            } else {
                Err(PathError::new(
                    range,
                    format!("`{text}` is not a list of indexes"),
                ))
            };
        }
        text.parse::<i64>()
            .map(Step::Index)
            .map_err(|_| PathError::new(range, format!("`{text}` is not an array index")))
    }

    /// A filter `?(...)` or script `(...)`: balanced parentheses, quotes respected.
    fn expression(&mut self, open: usize) -> Result<(), PathError> {
        if self.at("?") {
            self.i += 1;
            if !self.at("(") {
                return Err(PathError::new(
                    self.char_range(),
                    "expected `(` after `?` in a filter `[?(...)]`",
                ));
            }
        }
        let paren = self.i;
        let mut depth = 0usize;
        let mut quote: Option<char> = None;
        while let Some(c) = self.peek() {
            self.i += c.len_utf8();
            match (quote, c) {
                (Some(_), '\\') => {
                    if let Some(n) = self.peek() {
                        self.i += n.len_utf8();
                    }
                }
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '\'' | '"') => quote = Some(c),
                (None, '(') => depth += 1,
                (None, ')') => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return Ok(());
                    }
                }
                _ => {}
            }
        }
        let _ = open;
        Err(PathError::new(paren..paren + 1, "unclosed `(` in a filter"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PATHS_OK: &[&str] = &[
        "$",
        "$.a",
        "$.a.b[0]",
        "$['a b']",
        "$[\"a\"]",
        "$.detail-type",
        "$.délai.名前",
        "$.a[-1]",
        "$.a[*]",
        "$.a.*",
        "$.a[0:2]",
        "$.a[1:]",
        "$.a[0,1]",
        "$.[*].['bucket', 'key']",
        "$..a",
        "$..[0]",
        "$.a[?(@.x > 1)]",
        "$.a[?(@.t == 'a)b')].v",
        "$.Snapshots.[0].State",
        "$.[0]",
        "$[*][*]",
        "$.a.length()",
        "$$",
        "$$.Execution.Id",
        "$$.Map.Item.Value.x",
        "$var",
        "$var.field[0]",
        " $.a ",
        "$.${Placeholder}",
        "$[(@.length-1)]",
    ];

    const REFERENCE_OK: &[&str] = &[
        "$",
        "$.a.b",
        "$['a'].b[3]",
        "$.a[-1]",
        "$.a-b.ü",
        "$$.Task.Token",
        "$x.y",
    ];

    /// (path, kind, the offending text, a word of the message).
    const ERRORS: &[(&str, PathKind, &str, &str)] = &[
        ("a.b", PathKind::Path, "a", "must start with `$`"),
        ("", PathKind::Path, "", "must start with `$`"),
        ("$.", PathKind::Path, ".", "field name"),
        ("$.a.", PathKind::Path, ".", "field name"),
        ("$.a b", PathKind::Path, " ", "space"),
        ("$.a[", PathKind::Path, "[", "unclosed"),
        ("$.a[0", PathKind::Path, "[", "unclosed"),
        ("$.a[x]", PathKind::Path, "x", "in brackets"),
        ("$.a['x]", PathKind::Path, "'", "unclosed"),
        ("$.a[?(@.x]", PathKind::Path, "(", "unclosed"),
        ("$1", PathKind::Path, "1", "variable name"),
        ("$.a[*]", PathKind::Reference, "*", "wildcard"),
        ("$.a.*", PathKind::Reference, "*", "wildcard"),
        ("$..a", PathKind::Reference, "..", "deep scan"),
        ("$.a[0:1]", PathKind::Reference, ":", "slice"),
        ("$.a[0,1]", PathKind::Reference, ",", "union"),
        ("$.a[?(@.x)]", PathKind::Reference, "[?", "filter"),
        ("$.a.length()", PathKind::Reference, ".length", "function"),
    ];

    #[test]
    fn accepts_what_aws_accepts() {
        for p in PATHS_OK {
            assert!(
                parse(p, PathKind::Path).is_ok(),
                "{p}: {:?}",
                parse(p, PathKind::Path)
            );
        }
        for p in REFERENCE_OK {
            let r = parse(p, PathKind::Reference);
            assert!(r.is_ok(), "{p}: {r:?}");
        }
    }

    #[test]
    fn errors_point_at_the_offending_text() {
        for (p, kind, text, word) in ERRORS {
            let err = parse(p, *kind).expect_err(p);
            assert_eq!(&&p[err.range.clone()], text, "{p}: {err:?}");
            assert!(err.message.contains(word), "{p}: {}", err.message);
        }
    }

    #[test]
    fn roots_and_steps() {
        let p = parse("$x.a['b'][2]", PathKind::Reference).unwrap();
        assert_eq!(p.root, Root::Variable("x".into()));
        let steps: Vec<&Step> = p.steps.iter().map(|(s, _)| s).collect();
        assert_eq!(
            steps,
            [
                &Step::Name("a".into()),
                &Step::Name("b".into()),
                &Step::Index(2)
            ]
        );
        assert_eq!(
            parse("$$.Task", PathKind::Path).unwrap().root,
            Root::Context
        );
    }

    #[test]
    fn context_fields() {
        let unknown = |s: &str| {
            let p = parse(s, PathKind::Path).unwrap();
            unknown_context_field(&p).map(|(r, name, _)| (s[r].to_string(), name.to_string()))
        };
        for ok in [
            "$$",
            "$$.Execution.Input.any.thing",
            "$$.Map.Item.Value.x",
            "$$.Map.Item.Index",
            "$$.Task.Token",
            "$$.State.RetryCount",
            "$$.StateMachine",
            "$.Foo",
        ] {
            assert_eq!(unknown(ok), None, "{ok}");
        }
        assert_eq!(unknown("$$.Foo"), Some((".Foo".into(), "Foo".into())));
        assert_eq!(
            unknown("$$.Task.Tokn"),
            Some((".Tokn".into(), "Tokn".into()))
        );
        assert_eq!(
            unknown("$$.Map.Item.Val"),
            Some((".Val".into(), "Val".into()))
        );
        assert_eq!(unknown("$$.Execution.Id.x"), None);
    }
}
