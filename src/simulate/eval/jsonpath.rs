//! JSONPath evaluation with Jayway JsonPath's semantics (the library AWS evaluates paths with).
//!
//! `crate::lang::path` checks a path's syntax for the linter but does not keep slices, unions or
//! filters, so this module has its own small compiler into [`Seg`]s and an evaluator:
//! - a *definite* path (only single names and single indexes) gives the value, or an error
//!   worded as Jayway words it (`No results for path: $['a']`, `Missing property in path $['a']`);
//! - an *indefinite* path (wildcards, `..`, slices, unions, filters) gives the array of matches,
//!   possibly empty; missing properties are skipped;
//! - several quoted names at the end (`$['a','b']`) give an object of the names present (Jayway's
//!   "merge" case, which counts as definite);
//! - a trailing function (`.length()`, `.sum()`...) applies to what the path before it gives.
//!
//! Filters support `@` and `$` paths, literals, `==` `!=` `<` `<=` `>` `>=` `in` `nin` `contains`
//! `size` `empty`, `&&`, `||`, `!` and parentheses; `=~` (regular expressions) is not supported.

use serde_json::{Map, Value};

use crate::lang::path::Root;

mod filter;

use filter::{Expr, test};

/// One step of a compiled path.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Seg {
    /// `.a`, `['a']`, `['a','b']`.
    Names(Vec<String>),
    /// `[0]`, `[-1]`, `[0,2]`.
    Indexes(Vec<i64>),
    /// `[start:end:step]`.
    Slice(Option<i64>, Option<i64>, Option<i64>),
    /// `.*`, `[*]`.
    Wildcard,
    /// `..` followed by the step it looks for everywhere below.
    Scan(Box<Seg>),
    /// `[?(...)]`.
    Filter(Box<Expr>),
    /// `.length()` and the other Jayway functions (last step only).
    Function(String),
}

/// A compiled path: its root and steps.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Compiled {
    pub root: Root,
    pub segs: Vec<Seg>,
}

impl Compiled {
    /// Whether the path names at most one value (Jayway's `isDefinite`).
    pub fn is_definite(&self) -> bool {
        is_definite(&self.segs)
    }
}

fn is_definite(segs: &[Seg]) -> bool {
    let n = segs.len();
    segs.iter().enumerate().all(|(i, seg)| match seg {
        Seg::Names(names) => names.len() == 1 || i + 1 == n,
        Seg::Indexes(indexes) => indexes.len() == 1,
        Seg::Function(_) => true,
        _ => false,
    })
}

/// Why a path has no value: Jayway's message (AWS prefixes it with `Invalid path '...' : `).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Miss(pub String);

/// Compiles `text`; `Err` with a message when it is not a path.
pub(super) fn compile(text: &str) -> Result<Compiled, String> {
    let mut p = Parser {
        s: text.trim(),
        i: 0,
    };
    let root = p.root()?;
    let mut segs = Vec::new();
    while p.i < p.s.len() {
        let seg = p.seg()?;
        if let Some(Seg::Function(name)) = segs.last() {
            return Err(format!("nothing may follow the function `{name}()`"));
        }
        segs.push(seg);
    }
    Ok(Compiled { root, segs })
}

/// Evaluates `path` on `root`: a definite path's value (a [`Miss`] when it has none), or the
/// array of an indefinite path's matches.
pub(super) fn evaluate(path: &Compiled, root: &Value) -> Result<Value, Miss> {
    let (body, function) = match path.segs.split_last() {
        Some((Seg::Function(name), body)) => (body, Some(name.as_str())),
        _ => (path.segs.as_slice(), None),
    };
    let value = if is_definite(body) {
        definite(body, root)?
    } else {
        let found = indefinite(body, root, root).into_iter().cloned().collect();
        Value::Array(merge_leaf(body, found))
    };
    match function {
        None => Ok(value),
        Some(name) => apply_function(name, &value).ok_or_else(|| {
            Miss(format!(
                "Function {name}() can not be applied to {}",
                type_name(&value)
            ))
        }),
    }
}

/// Jayway's rendering of a path (`$['a'][0]`), as it appears in its messages.
pub(super) fn render(segs: &[Seg]) -> String {
    let mut out = String::from("$");
    for seg in segs {
        render_seg(seg, &mut out);
    }
    out
}

fn render_seg(seg: &Seg, out: &mut String) {
    match seg {
        Seg::Names(names) => {
            let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
            out.push_str(&format!("[{}]", quoted.join(",")));
        }
        Seg::Indexes(indexes) => {
            let list: Vec<String> = indexes.iter().map(i64::to_string).collect();
            out.push_str(&format!("[{}]", list.join(",")));
        }
        Seg::Slice(a, b, _) => {
            let show = |v: &Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
            out.push_str(&format!("[{}:{}]", show(a), show(b)));
        }
        Seg::Wildcard => out.push_str("[*]"),
        Seg::Scan(inner) => {
            out.push_str("..");
            render_seg(inner, out);
        }
        Seg::Filter(_) => out.push_str("[?]"),
        Seg::Function(name) => out.push_str(&format!(".{name}()")),
    }
}

fn definite(segs: &[Seg], root: &Value) -> Result<Value, Miss> {
    let mut current = root;
    let last = segs.len().saturating_sub(1);
    for (i, seg) in segs.iter().enumerate() {
        let next = match seg {
            Seg::Names(names) if names.len() > 1 => {
                let Value::Object(map) = current else {
                    return Err(no_results(segs));
                };
                let merged: Map<String, Value> = names
                    .iter()
                    .filter_map(|n| map.get(n).map(|v| (n.clone(), v.clone())))
                    .collect();
                return Ok(Value::Object(merged));
            }
            Seg::Names(names) => {
                let name = names.first().map_or("", String::as_str);
                match current {
                    Value::Object(map) => match map.get(name) {
                        Some(v) => v,
                        None if i == last => return Err(no_results(segs)),
                        None => {
                            return Err(Miss(format!(
                                "Missing property in path {}",
                                render(&segs[..=i])
                            )));
                        }
                    },
                    _ => return Err(no_results(segs)),
                }
            }
            Seg::Indexes(indexes) => {
                let index = indexes.first().copied().unwrap_or(0);
                match current {
                    Value::Array(items) => match resolve_index(index, items.len()) {
                        Some(at) => &items[at],
                        None => return Err(no_results(segs)),
                    },
                    Value::Null => {
                        return Err(Miss(format!("The path {} is null", render(&segs[..i]))));
                    }
                    _ => return Err(no_results(segs)),
                }
            }
            _ => return Err(no_results(segs)),
        };
        current = next;
    }
    Ok(current.clone())
}

fn no_results(segs: &[Seg]) -> Miss {
    Miss(format!("No results for path: {}", render(segs)))
}

fn resolve_index(index: i64, len: usize) -> Option<usize> {
    let len = i64::try_from(len).ok()?;
    let at = if index < 0 { len + index } else { index };
    (0..len).contains(&at).then(|| usize::try_from(at).ok())?
}

/// The matches of an indefinite path, in Jayway's order.
fn indefinite<'a>(segs: &[Seg], root: &'a Value, start: &'a Value) -> Vec<&'a Value> {
    let mut current = vec![start];
    let n = segs.len();
    for (i, seg) in segs.iter().enumerate() {
        let leaf = i + 1 == n;
        let mut next = Vec::new();
        for value in current {
            step(seg, leaf, root, value, &mut next);
        }
        current = next;
    }
    current
}

/// Applies one step to one value, pushing what it matches. A multi-name leaf pushes the whole
/// object, which [`merge_leaf`] then projects onto the names.
fn step<'a>(seg: &Seg, leaf: bool, root: &'a Value, value: &'a Value, out: &mut Vec<&'a Value>) {
    match seg {
        Seg::Names(names) => {
            if let Value::Object(map) = value {
                if leaf && names.len() > 1 {
                    if names.iter().any(|n| map.contains_key(n)) {
                        out.push(value);
                    }
                    return;
                }
                out.extend(names.iter().filter_map(|n| map.get(n)));
            }
        }
        Seg::Indexes(indexes) => {
            if let Value::Array(items) = value {
                out.extend(
                    indexes
                        .iter()
                        .filter_map(|&i| resolve_index(i, items.len()).map(|at| &items[at])),
                );
            }
        }
        Seg::Slice(start, end, stride) => {
            if let Value::Array(items) = value {
                out.extend(slice(items, *start, *end, *stride));
            }
        }
        Seg::Wildcard => match value {
            Value::Object(map) => out.extend(map.values()),
            Value::Array(items) => out.extend(items.iter()),
            _ => {}
        },
        Seg::Scan(inner) => scan(inner, leaf, root, value, out, 0),
        Seg::Filter(expr) => match value {
            Value::Array(items) => {
                out.extend(items.iter().filter(|item| test(expr, root, item)));
            }
            Value::Object(_) if test(expr, root, value) => out.push(value),
            _ => {}
        },
        Seg::Function(_) => {}
    }
}

/// `..X`: X applied to the value and every value below it, parents before children.
fn scan<'a>(
    inner: &Seg,
    leaf: bool,
    root: &'a Value,
    value: &'a Value,
    out: &mut Vec<&'a Value>,
    depth: usize,
) {
    if depth > 512 {
        return;
    }
    step(inner, leaf, root, value, out);
    match value {
        Value::Object(map) => {
            for child in map.values() {
                scan(inner, leaf, root, child, out, depth + 1);
            }
        }
        Value::Array(items) => {
            for child in items {
                scan(inner, leaf, root, child, out, depth + 1);
            }
        }
        _ => {}
    }
}

fn slice(
    items: &[Value],
    start: Option<i64>,
    end: Option<i64>,
    stride: Option<i64>,
) -> impl Iterator<Item = &Value> {
    let len = i64::try_from(items.len()).unwrap_or(i64::MAX);
    let clamp = |v: i64| if v < 0 { (len + v).max(0) } else { v.min(len) };
    let from = clamp(start.unwrap_or(0));
    let to = clamp(end.unwrap_or(len));
    let stride = stride.filter(|s| *s > 0).unwrap_or(1);
    (from..to)
        .step_by(usize::try_from(stride).unwrap_or(1))
        .filter_map(move |i| usize::try_from(i).ok().and_then(|i| items.get(i)))
}

/// Projects the objects kept by a multi-name leaf onto those names.
fn merge_leaf(segs: &[Seg], values: Vec<Value>) -> Vec<Value> {
    let Some(Seg::Names(names)) = segs.last() else {
        return values;
    };
    if names.len() < 2 {
        return values;
    }
    values
        .into_iter()
        .map(|v| match v {
            Value::Object(map) => Value::Object(
                names
                    .iter()
                    .filter_map(|n| map.get(n).map(|x| (n.clone(), x.clone())))
                    .collect(),
            ),
            other => other,
        })
        .collect()
}

fn apply_function(name: &str, value: &Value) -> Option<Value> {
    let numbers = || -> Option<Vec<f64>> {
        value
            .as_array()?
            .iter()
            .map(Value::as_f64)
            .collect::<Option<Vec<f64>>>()
            .filter(|v| !v.is_empty())
    };
    let number = |f: f64| serde_json::Number::from_f64(f).map(Value::Number);
    match name {
        "length" | "size" => match value {
            Value::Array(items) => Some(Value::from(items.len())),
            Value::Object(map) => Some(Value::from(map.len())),
            Value::String(s) => Some(Value::from(s.chars().count())),
            _ => None,
        },
        "sum" => number(numbers()?.iter().sum()),
        "min" => number(numbers()?.into_iter().fold(f64::INFINITY, f64::min)),
        "max" => number(numbers()?.into_iter().fold(f64::NEG_INFINITY, f64::max)),
        "avg" => {
            let v = numbers()?;
            #[allow(clippy::cast_precision_loss, reason = "array lengths are small")]
            number(v.iter().sum::<f64>() / v.len() as f64)
        }
        "keys" => Some(Value::Array(
            value
                .as_object()?
                .keys()
                .cloned()
                .map(Value::String)
                .collect(),
        )),
        "first" => value.as_array()?.first().cloned(),
        "last" => value.as_array()?.last().cloned(),
        _ => None,
    }
}

pub(super) fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

// ---- parsing ----

struct Parser<'a> {
    s: &'a str,
    i: usize,
}

impl Parser<'_> {
    fn rest(&self) -> &str {
        &self.s[self.i..]
    }

    fn at(&self, prefix: &str) -> bool {
        self.rest().starts_with(prefix)
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn skip_spaces(&mut self) {
        self.i = self.s.len() - self.rest().trim_start().len();
    }

    fn root(&mut self) -> Result<Root, String> {
        if !self.at("$") {
            return Err("a path must start with `$`".into());
        }
        self.i += 1;
        if self.at("$") {
            self.i += 1;
            return Ok(Root::Context);
        }
        let len = self
            .rest()
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(self.rest().len());
        if len == 0 {
            return Ok(Root::Input);
        }
        let name = self.rest()[..len].to_string();
        self.i += len;
        Ok(Root::Variable(name))
    }

    fn seg(&mut self) -> Result<Seg, String> {
        if self.at("..") {
            self.i += 2;
            let inner = if self.at("[") {
                self.bracket()?
            } else {
                self.dotted()?
            };
            return Ok(Seg::Scan(Box::new(inner)));
        }
        if self.at(".") {
            self.i += 1;
            return if self.at("[") {
                self.bracket()
            } else {
                self.dotted()
            };
        }
        if self.at("[") {
            return self.bracket();
        }
        Err(format!(
            "unexpected `{}` in the path",
            self.peek().unwrap_or(' ')
        ))
    }

    fn dotted(&mut self) -> Result<Seg, String> {
        if self.at("*") {
            self.i += 1;
            return Ok(Seg::Wildcard);
        }
        let len = self
            .rest()
            .find(|c: char| c == '.' || c == '[' || c == '(' || c.is_whitespace())
            .unwrap_or(self.rest().len());
        if len == 0 {
            return Err("expected a name after `.`".into());
        }
        let name = self.rest()[..len].to_string();
        self.i += len;
        if self.at("()") {
            self.i += 2;
            return Ok(Seg::Function(name));
        }
        Ok(Seg::Names(vec![name]))
    }

    fn bracket(&mut self) -> Result<Seg, String> {
        self.i += 1;
        self.skip_spaces();
        let seg = match self.peek() {
            Some('\'' | '"') => {
                let mut names = vec![self.quoted()?];
                self.skip_spaces();
                while self.at(",") {
                    self.i += 1;
                    self.skip_spaces();
                    names.push(self.quoted()?);
                    self.skip_spaces();
                }
                Seg::Names(names)
            }
            Some('*') => {
                self.i += 1;
                Seg::Wildcard
            }
            Some('?') => {
                self.i += 1;
                self.skip_spaces();
                if !self.at("(") {
                    return Err("expected `(` after `?`".into());
                }
                self.i += 1;
                let expr = self.or_expr()?;
                self.skip_spaces();
                if !self.at(")") {
                    return Err("expected `)` to close the filter".into());
                }
                self.i += 1;
                Seg::Filter(Box::new(expr))
            }
            _ => self.indexes()?,
        };
        self.skip_spaces();
        if !self.at("]") {
            return Err("expected `]`".into());
        }
        self.i += 1;
        Ok(seg)
    }

    fn quoted(&mut self) -> Result<String, String> {
        let quote = self.peek().ok_or("expected a quoted name")?;
        if quote != '\'' && quote != '"' {
            return Err("expected a quoted name".into());
        }
        self.i += 1;
        let mut out = String::new();
        loop {
            let c = self.peek().ok_or("unclosed quoted name")?;
            self.i += c.len_utf8();
            match c {
                // Jayway skips the quote after a backslash but keeps both characters: the
                // name `a\"b` is written `['a\"b']` (oracle: ESCAPE_SEQUENCES_JSONPATH).
                '\\' => {
                    let n = self.peek().ok_or("unclosed quoted name")?;
                    self.i += n.len_utf8();
                    out.push('\\');
                    out.push(n);
                }
                c if c == quote => return Ok(out),
                c => out.push(c),
            }
        }
    }

    fn indexes(&mut self) -> Result<Seg, String> {
        let len = self
            .rest()
            .find(|c: char| !(c.is_ascii_digit() || matches!(c, '-' | ':' | ',' | ' ')))
            .unwrap_or(self.rest().len());
        let text = self.rest()[..len].trim().to_string();
        self.i += len;
        let number = |t: &str| -> Result<Option<i64>, String> {
            let t = t.trim();
            if t.is_empty() {
                return Ok(None);
            }
            t.parse()
                .map(Some)
                .map_err(|_| format!("`{t}` is not an index"))
        };
        if text.contains(':') {
            let parts: Vec<&str> = text.split(':').collect();
            if parts.len() > 3 {
                return Err(format!("`{text}` is not a slice"));
            }
            let part = |i: usize| parts.get(i).map_or(Ok(None), |p| number(p));
            return Ok(Seg::Slice(part(0)?, part(1)?, part(2)?));
        }
        let indexes = text
            .split(',')
            .map(|t| number(t)?.ok_or_else(|| format!("`{text}` is not an index")))
            .collect::<Result<Vec<i64>, String>>()?;
        Ok(Seg::Indexes(indexes))
    }
}
