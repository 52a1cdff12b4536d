//! The spanned syntax tree shared by the JSON and YAML parsers.
//!
//! Every key and every value carries the byte span it was read from. Line and column numbers are
//! never computed here: renderers derive them from spans through [`crate::source::SourceFile`].

pub mod codes;
pub mod json;
pub mod strings;
pub mod yaml;

use std::fmt;

use crate::diagnostics::Diagnostic;

/// Objects and arrays nested deeper than this are reported (`nesting-too-deep`) and not built.
/// Real definitions stay far below it; the bound keeps every recursive walk of the tree safe.
pub const MAX_DEPTH: usize = 256;

/// The most values (objects, arrays, strings, numbers, booleans, nulls) a document may hold;
/// past it the document is not read further ([`codes::TOO_MANY_VALUES`]). A definition within
/// AWS's 1 MiB limit holds at most 524,288 (`[1,1,...]`), so this only refuses files AWS
/// refuses too; it bounds the syntax tree at about 75 MB.
pub const MAX_VALUES: usize = 1 << 20;

/// The finding of both parsers at the value past [`MAX_VALUES`], which starts at `at`.
fn too_many_values(at: Span) -> Diagnostic {
    Diagnostic::new(
        &codes::TOO_MANY_VALUES,
        at,
        format!(
            "the document holds more than {MAX_VALUES} values; asl-lint stops reading here and checks nothing in this file"
        ),
    )
    .primary_label(format!("value number {}", MAX_VALUES + 1))
    .help("AWS accepts definitions of at most 1 MiB (about 524,288 values): keep large data in S3")
}

/// A half-open byte range `start..end` in the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// An empty span at `offset`.
    pub fn at(offset: usize) -> Self {
        Span {
            start: offset,
            end: offset,
        }
    }

    /// The smallest span that covers both.
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
}

/// The source language of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Yaml,
}

/// A number as written. `value` is the nearest `f64`; `text` keeps the spelling for messages.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    pub text: String,
    pub value: f64,
}

impl Number {
    pub fn new(text: impl Into<String>, value: f64) -> Self {
        Number {
            text: text.into(),
            value,
        }
    }

    /// The value as an integer, when it is integral and fits in `i64` (`1.0` counts, as in JSON Schema).
    pub fn as_i64(&self) -> Option<i64> {
        let v = self.value;
        if v.is_finite() && v.fract() == 0.0 && (-9.2e18..=9.2e18).contains(&v) {
            Some(v as i64)
        } else {
            None
        }
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// An object key: state names are keys, so keys have spans like values.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub name: String,
    pub span: Span,
}

/// One `key: value` pair of an object, in source order. Duplicate keys are kept (and reported).
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub key: Key,
    pub value: Node,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Node>),
    Object(Vec<Member>),
}

/// A value and the span of its text (for strings, the quotes included where there are quotes).
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Span,
    /// The parser dropped part of this object or array after a syntax error, so a missing
    /// member is not evidence of a mistake: checks for required fields should stay quiet.
    pub damaged: bool,
    /// The YAML tag written on the value (`!Sub`, `!GetAtt`), if any other than the core-schema
    /// tags; always `None` in JSON. Plain definitions report tags (`yaml-tag`); templates read
    /// CloudFormation's short forms through it (`crate::iac`).
    pub tag: Option<Box<str>>,
}

impl Node {
    pub fn new(value: Value, span: Span) -> Self {
        Node {
            value,
            span,
            damaged: false,
            tag: None,
        }
    }

    pub fn as_object(&self) -> Option<&[Member]> {
        match &self.value {
            Value::Object(members) => Some(members),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self.value {
            Value::Bool(b) => Some(b),
            _ => None,
        }
    }

    pub fn as_number(&self) -> Option<&Number> {
        match &self.value {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    /// The member named `name` of an object; with duplicate keys, the last one (as AWS's parser).
    pub fn get(&self, name: &str) -> Option<&Member> {
        self.as_object()?.iter().rev().find(|m| m.key.name == name)
    }

    /// The JSON type name of the value, for messages: `null`, `boolean`, `number`, `string`, `array`, `object`.
    pub fn type_name(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        }
    }

    /// Converts to a `serde_json::Value` (for data such as `Result`; duplicate keys: last wins).
    pub fn to_json(&self) -> serde_json::Value {
        match &self.value {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Number(n) => number_to_json(n),
            Value::String(s) => serde_json::Value::String(s.clone()),
            Value::Array(items) => {
                serde_json::Value::Array(items.iter().map(Node::to_json).collect())
            }
            Value::Object(members) => serde_json::Value::Object(
                members
                    .iter()
                    .map(|m| (m.key.name.clone(), m.value.to_json()))
                    .collect(),
            ),
        }
    }
}

fn number_to_json(n: &Number) -> serde_json::Value {
    if let Ok(i) = n.text.parse::<i64>() {
        return serde_json::Value::from(i);
    }
    serde_json::Number::from_f64(n.value)
        .map(serde_json::Value::Number)
        .unwrap_or(serde_json::Value::Null)
}

/// What a parser produced: the tree (absent when nothing usable was read) and its findings.
#[derive(Debug, Default)]
pub struct Parsed {
    pub root: Option<Node>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses `text` as `format`. Never panics; every problem becomes a diagnostic.
pub fn parse(text: &str, format: Format) -> Parsed {
    match format {
        Format::Json => json::parse(text),
        Format::Yaml => yaml::parse(text),
    }
}
