//! `DefinitionString`: the JSON text of a definition rebuilt from a template string, or from
//! `Fn::Sub` / `Fn::Join`, with a piecewise map from every byte of the built text back to the
//! template.
//!
//! Literal parts are copied byte for byte and map through [`StringPositions`] of the template
//! string they come from (escapes and YAML quoting included). An intrinsic part (`Ref`,
//! `Fn::GetAtt`, ...) becomes a placeholder: `${Name}` inside a JSON string, `"${Name}"` outside
//! one (so that `"TimeoutSeconds": ${Timeout}` still parses); its bytes map to the intrinsic's
//! span. A `${X}` of a literal part outside JSON strings is quoted the same way.

use std::ops::Range;

use super::substitutions::{self, Use};
use crate::syntax::strings::StringPositions;
use crate::syntax::{Format, Node, Span, Value};

/// A definition's JSON text and where each of its bytes came from in the template.
#[derive(Debug, Clone)]
pub struct BuiltText {
    pub text: String,
    segments: Vec<Segment>,
    positions: Vec<StringPositions>,
}

#[derive(Debug, Clone)]
struct Segment {
    /// Where the segment starts in the built text; it ends where the next one starts.
    start: usize,
    origin: Origin,
}

#[derive(Debug, Clone, Copy)]
enum Origin {
    /// Bytes copied from template string `positions[index]`, starting at its decoded offset `at`.
    Literal { index: usize, at: usize },
    /// Bytes made up here (a placeholder, a quote): they all map to this template span.
    Made(Span),
}

impl BuiltText {
    /// The template span of the built-text span `span`.
    pub fn map(&self, span: Span) -> Span {
        let start = self.map_offset(span.start);
        if span.is_empty() {
            return Span::at(start.start);
        }
        let end = self.map_offset(span.end - 1);
        if end.end <= start.start {
            return start;
        }
        Span::new(start.start, end.end)
    }

    /// The template span of the built byte at `offset` (the last byte when past the end).
    fn map_offset(&self, offset: usize) -> Span {
        let offset = offset.min(self.text.len().saturating_sub(1));
        let i = self
            .segments
            .partition_point(|s| s.start <= offset)
            .saturating_sub(1);
        let Some(segment) = self.segments.get(i) else {
            return Span::default();
        };
        match segment.origin {
            Origin::Made(span) => span,
            Origin::Literal { index, at } => {
                let decoded = at + (offset - segment.start);
                self.positions[index].span(decoded..decoded + 1)
            }
        }
    }
}

/// Builds the text of a `DefinitionString` value: a string, `Fn::Sub` or `Fn::Join`. `None`
/// for anything else (another intrinsic function, a number). Placeholders met in literal text
/// are added to `uses`.
pub(crate) fn build(
    value: &Node,
    text: &str,
    format: Format,
    uses: &mut Vec<Use>,
) -> Option<BuiltText> {
    let mut b = Builder {
        text,
        format,
        out: BuiltText {
            text: String::new(),
            segments: Vec::new(),
            positions: Vec::new(),
        },
        in_string: false,
        escaped: false,
        uses,
    };
    match &value.value {
        Value::String(s) => b.literal(value, s, false),
        Value::Object(_)
            if intrinsic(value).is_some_and(|(n, _)| n == "Fn::Sub" || n == "Fn::Join") =>
        {
            b.part(value, 0)
        }
        _ => return None,
    }
    Some(b.out)
}

/// The function name and argument of a one-key intrinsic object.
pub(crate) fn intrinsic(node: &Node) -> Option<(&str, &Node)> {
    match node.as_object()? {
        [m] if m.key.name == "Ref" || m.key.name.starts_with("Fn::") => {
            Some((m.key.name.as_str(), &m.value))
        }
        _ => None,
    }
}

/// Parts nested deeper than this are left as placeholders.
const MAX_NESTING: usize = 16;

struct Builder<'a> {
    text: &'a str,
    format: Format,
    out: BuiltText,
    /// The JSON lexer state at the end of the text built so far.
    in_string: bool,
    escaped: bool,
    uses: &'a mut Vec<Use>,
}

impl Builder<'_> {
    /// One part of a `Fn::Join` (or the whole value).
    fn part(&mut self, node: &Node, depth: usize) {
        if let Value::String(s) = &node.value {
            return self.literal(node, s, false);
        }
        match intrinsic(node) {
            Some(("Fn::Sub", arg)) if depth < MAX_NESTING => self.sub(node, arg),
            Some(("Fn::Join", arg)) if depth < MAX_NESTING => self.join(node, arg, depth),
            _ => self.opaque(node),
        }
    }

    fn sub(&mut self, node: &Node, arg: &Node) {
        let template = match &arg.value {
            Value::Array(items) => items.first(),
            Value::String(_) => Some(arg),
            _ => None,
        };
        match template {
            Some(
                t @ Node {
                    value: Value::String(s),
                    ..
                },
            ) => self.literal(t, s, true),
            _ => self.opaque(node),
        }
    }

    fn join(&mut self, node: &Node, arg: &Node, depth: usize) {
        let (Some(delimiter), Some(parts)) = (
            arg.as_array()
                .and_then(|a| a.first())
                .filter(|d| d.as_str().is_some()),
            arg.as_array()
                .and_then(|a| a.get(1))
                .and_then(Node::as_array),
        ) else {
            return self.opaque(node);
        };
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                self.literal(delimiter, delimiter.as_str().unwrap_or_default(), false);
            }
            self.part(part, depth + 1);
        }
    }

    /// A placeholder for a value only known at deployment.
    fn opaque(&mut self, node: &Node) {
        let label = match intrinsic(node) {
            Some((
                "Ref",
                Node {
                    value: Value::String(s),
                    ..
                },
            )) => s.clone(),
            Some(("Fn::GetAtt", arg)) => match &arg.value {
                Value::String(s) => s.clone(),
                Value::Array(items) => items
                    .iter()
                    .filter_map(Node::as_str)
                    .collect::<Vec<_>>()
                    .join("."),
                _ => "Fn::GetAtt".into(),
            },
            Some((name, _)) => name.to_string(),
            None => "value".into(),
        };
        let label = label.replace(['{', '}', '"', '\\'], "");
        let made = if self.in_string {
            format!("${{{label}}}")
        } else {
            format!("\"${{{label}}}\"")
        };
        self.made(&made, node.span);
    }

    fn made(&mut self, s: &str, span: Span) {
        self.out.segments.push(Segment {
            start: self.out.text.len(),
            origin: Origin::Made(span),
        });
        self.out.text.push_str(s);
    }

    /// Copies the template string `s` (the value of `node`), quoting `${...}` placeholders that
    /// stand outside JSON strings. `sub`: the text is a `Fn::Sub` template.
    fn literal(&mut self, node: &Node, s: &str, sub: bool) {
        let index = self.out.positions.len();
        self.out
            .positions
            .push(StringPositions::new(self.text, self.format, node.span, s));
        let positions = &self.out.positions[index];
        for (range, name) in substitutions::placeholders(s) {
            let span = positions.span(range.start..range.end);
            self.uses.extend(Use::new(&name, span, sub));
        }
        let bytes = s.as_bytes();
        let mut run = 0;
        let mut i = 0;
        while i < bytes.len() {
            if !self.in_string && bytes[i] == b'$' && bytes.get(i + 1) == Some(&b'{') {
                if let Some(close) = s[i..].find('}') {
                    let end = i + close + 1;
                    self.copy(index, s, run..i);
                    let span = self.out.positions[index].span(i..end);
                    self.made("\"", span);
                    self.copy(index, s, i..end);
                    self.made("\"", span);
                    run = end;
                    i = end;
                    continue;
                }
            }
            self.lex(bytes[i]);
            i += 1;
        }
        self.copy(index, s, run..bytes.len());
    }

    /// Copies `s[range]`, the decoded bytes `range` of template string `index`.
    fn copy(&mut self, index: usize, s: &str, range: Range<usize>) {
        if range.is_empty() {
            return;
        }
        self.out.segments.push(Segment {
            start: self.out.text.len(),
            origin: Origin::Literal {
                index,
                at: range.start,
            },
        });
        self.out.text.push_str(&s[range]);
    }

    /// Advances the JSON string state over one byte.
    fn lex(&mut self, b: u8) {
        if self.in_string {
            if self.escaped {
                self.escaped = false;
            } else if b == b'\\' {
                self.escaped = true;
            } else if b == b'"' {
                self.in_string = false;
            }
        } else if b == b'"' {
            self.in_string = true;
        }
    }
}
