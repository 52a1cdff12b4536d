//! Positions inside string values: maps a byte range of a decoded string back to the bytes of the
//! source text it was read from, through JSON escapes, YAML escapes, quote doubling and line
//! folding.
//!
//! The mapping is exact or absent: the raw text is decoded again here and compared with the value
//! the parser produced; when they differ, or the scalar is a kind this module does not decode
//! (block scalars, aliases), every range maps to the whole value span. A position is never wrong,
//! only sometimes coarse.

use std::ops::Range;

use super::{Format, Span};

/// Where each character of a decoded string came from.
#[derive(Debug, Clone)]
pub struct StringPositions {
    whole: Span,
    /// One entry per decoded character: (decoded offset, source start, source end). Empty when
    /// the mapping is not exact.
    chars: Vec<(usize, usize, usize)>,
    /// The decoded length and the source offset just after the last character.
    end: (usize, usize),
    exact: bool,
}

impl StringPositions {
    /// Maps the string `value` read from `text` at `span` (the quoted token in JSON; the scalar,
    /// quotes or block header included, in YAML).
    pub fn new(text: &str, format: Format, span: Span, value: &str) -> Self {
        let inexact = StringPositions {
            whole: span,
            chars: Vec::new(),
            end: (0, span.end),
            exact: false,
        };
        let Some(raw) = text.get(span.start..span.end) else {
            return inexact;
        };
        let decoded = match format {
            Format::Json => raw
                .strip_prefix('"')
                .and_then(|r| r.strip_suffix('"'))
                .and_then(|inner| decode_json(inner, span.start + 1)),
            Format::Yaml => decode_yaml(raw, span.start),
        };
        match decoded {
            Some(d) if d.text == value => StringPositions {
                whole: span,
                end: (d.text.len(), d.end),
                chars: d.chars,
                exact: true,
            },
            _ => inexact,
        }
    }

    /// Whether ranges map to exact positions (otherwise to the whole value).
    pub fn is_exact(&self) -> bool {
        self.exact
    }

    /// The source span of the decoded byte range `range` (clamped to the string); the whole value
    /// span when the mapping is not exact.
    pub fn span(&self, range: Range<usize>) -> Span {
        if !self.exact {
            return self.whole;
        }
        let start = self.source_start(range.start);
        if range.end <= range.start {
            return Span::at(start);
        }
        let end = self.source_end(range.end);
        Span::new(start, end.max(start))
    }

    /// The source offset where decoded byte `at` starts (the end of the string past its end).
    fn source_start(&self, at: usize) -> usize {
        if at >= self.end.0 {
            return self.end.1;
        }
        let i = self.chars.partition_point(|c| c.0 <= at).saturating_sub(1);
        self.chars[i].1
    }

    /// The source offset just after the character that holds decoded byte `at - 1`.
    fn source_end(&self, at: usize) -> usize {
        if at >= self.end.0 {
            return self.end.1;
        }
        let i = self.chars.partition_point(|c| c.0 < at).saturating_sub(1);
        self.chars[i].2
    }
}

/// Shortcut: the source span of decoded `range` of the string `value` at `span`.
pub fn locate(text: &str, format: Format, span: Span, value: &str, range: Range<usize>) -> Span {
    StringPositions::new(text, format, span, value).span(range)
}

struct Decoded {
    text: String,
    chars: Vec<(usize, usize, usize)>,
    end: usize,
}

impl Decoded {
    fn new() -> Self {
        Decoded {
            text: String::new(),
            chars: Vec::new(),
            end: 0,
        }
    }

    fn push(&mut self, c: char, start: usize, end: usize) {
        self.chars.push((self.text.len(), start, end));
        self.text.push(c);
    }
}

fn hex(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(s, 16).ok()
}

/// Decodes the text between the quotes of a JSON string starting at source offset `base`.
fn decode_json(inner: &str, base: usize) -> Option<Decoded> {
    let mut out = Decoded::new();
    let mut i = 0;
    while i < inner.len() {
        let c = inner[i..].chars().next()?;
        if c != '\\' {
            out.push(c, base + i, base + i + c.len_utf8());
            i += c.len_utf8();
            continue;
        }
        let esc = *inner.as_bytes().get(i + 1)?;
        let (ch, len) = match esc {
            b'"' => ('"', 2),
            b'\\' => ('\\', 2),
            b'/' => ('/', 2),
            b'b' => ('\u{8}', 2),
            b'f' => ('\u{c}', 2),
            b'n' => ('\n', 2),
            b'r' => ('\r', 2),
            b't' => ('\t', 2),
            b'u' => utf16_escape(inner, i)?,
            _ => return None,
        };
        out.push(ch, base + i, base + i + len);
        i += len;
    }
    out.end = base + inner.len();
    Some(out)
}

/// `\uXXXX`, or a surrogate pair `\uXXXX\uXXXX`, at `i`: the character and the escape's length.
fn utf16_escape(s: &str, i: usize) -> Option<(char, usize)> {
    let hi = hex(s.get(i + 2..i + 6)?)?;
    if (0xD800..0xDC00).contains(&hi) {
        if s.get(i + 6..i + 8)? != "\\u" {
            return None;
        }
        let lo = hex(s.get(i + 8..i + 12)?)?;
        if !(0xDC00..0xE000).contains(&lo) {
            return None;
        }
        let code = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
        return Some((char::from_u32(code)?, 12));
    }
    Some((char::from_u32(hi)?, 6))
}

/// Decodes a YAML flow scalar (plain, single- or double-quoted) whose raw text starts at `base`.
/// Literal block scalars (`|`) are decoded too; folded ones (`>`) and aliases give `None`.
fn decode_yaml(raw: &str, base: usize) -> Option<Decoded> {
    match raw.as_bytes().first()? {
        b'"' => decode_yaml_quoted(raw.strip_prefix('"')?.strip_suffix('"')?, base + 1, true),
        b'\'' => decode_yaml_quoted(raw.strip_prefix('\'')?.strip_suffix('\'')?, base + 1, false),
        b'|' => decode_literal_block(raw, base),
        b'>' | b'*' | b'&' | b'!' => None,
        _ => {
            if raw.contains(['\n', '\r']) {
                return None;
            }
            let mut out = Decoded::new();
            for (i, c) in raw.char_indices() {
                out.push(c, base + i, base + i + c.len_utf8());
            }
            out.end = base + raw.len();
            Some(out)
        }
    }
}

/// A literal block scalar (`|`, `|-`, `|+`; an explicit indentation indicator gives `None`):
/// each content line without its indentation, line breaks kept, then the chomping.
fn decode_literal_block(raw: &str, base: usize) -> Option<Decoded> {
    let header_end = raw.find('\n')?;
    let header = raw[1..header_end].trim_end_matches('\r');
    let header = header.split('#').next().unwrap_or_default().trim_end();
    let chomp = match header {
        "" => ' ',
        "-" | "+" => header.chars().next()?,
        _ => return None,
    };
    let body = &raw[header_end + 1..];
    let indent = body
        .split('\n')
        .map(|l| l.trim_end_matches('\r'))
        .find(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches(' ').len())?;
    let mut out = Decoded::new();
    let mut at = header_end + 1;
    for line in body.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let spaces = content.len() - content.trim_start_matches(' ').len();
        if !content.trim().is_empty() && spaces < indent {
            break;
        }
        let start = at + indent.min(content.len());
        for (i, c) in content.get(indent..).unwrap_or_default().char_indices() {
            out.push(c, base + start + i, base + start + i + c.len_utf8());
        }
        if line.ends_with('\n') {
            out.push('\n', base + at + content.len(), base + at + line.len());
        }
        at += line.len();
    }
    out.end = base + at;
    let keep = out.text.trim_end_matches('\n').len();
    let keep = match chomp {
        '+' => out.text.len(),
        '-' => keep,
        _ if keep == 0 => 0,
        _ => (keep + 1).min(out.text.len()),
    };
    out.text.truncate(keep);
    out.chars.retain(|c| c.0 < keep);
    if let Some(last) = out.chars.last() {
        out.end = last.2;
    }
    Some(out)
}

/// The body of a quoted YAML scalar, with escapes (`double`) or `''` (single), and line folding.
fn decode_yaml_quoted(inner: &str, base: usize, double: bool) -> Option<Decoded> {
    let bytes = inner.as_bytes();
    let mut out = Decoded::new();
    let mut i = 0;
    while i < inner.len() {
        let c = inner[i..].chars().next()?;
        match c {
            ' ' | '\t' => {
                // Trailing white space before a line break is dropped by folding.
                let run = inner[i..].len() - inner[i..].trim_start_matches([' ', '\t']).len();
                if matches!(bytes.get(i + run), Some(b'\n' | b'\r')) {
                    i += run;
                } else {
                    out.push(c, base + i, base + i + 1);
                    i += 1;
                }
            }
            '\n' | '\r' => i = fold(inner, i, base, &mut out),
            '\'' if !double => {
                if bytes.get(i + 1) != Some(&b'\'') {
                    return None;
                }
                out.push('\'', base + i, base + i + 2);
                i += 2;
            }
            '\\' if double => {
                let next = *bytes.get(i + 1)?;
                if matches!(next, b'\n' | b'\r') {
                    // An escaped line break: nothing, and the next line's indentation is dropped.
                    let mut j = i + 1;
                    if inner[j..].starts_with("\r\n") {
                        j += 2;
                    } else {
                        j += 1;
                    }
                    i = j + inner[j..].len() - inner[j..].trim_start_matches([' ', '\t']).len();
                    continue;
                }
                let (ch, len) = yaml_escape(inner, i)?;
                out.push(ch, base + i, base + i + len);
                i += len;
            }
            _ => {
                out.push(c, base + i, base + i + c.len_utf8());
                i += c.len_utf8();
            }
        }
    }
    out.end = base + inner.len();
    Some(out)
}

/// Folds the line break at `i`: one space, or one `\n` per empty line that follows; the next
/// line's indentation is dropped. Returns where the next content starts.
fn fold(inner: &str, i: usize, base: usize, out: &mut Decoded) -> usize {
    let skip_break = |j: usize| {
        if inner[j..].starts_with("\r\n") {
            j + 2
        } else {
            j + 1
        }
    };
    let skip_blank =
        |j: usize| j + inner[j..].len() - inner[j..].trim_start_matches([' ', '\t']).len();
    let mut j = skip_blank(skip_break(i));
    let mut empty = 0;
    while matches!(inner.as_bytes().get(j), Some(b'\n' | b'\r')) {
        empty += 1;
        j = skip_blank(skip_break(j));
    }
    if empty == 0 {
        out.push(' ', base + i, base + j);
    } else {
        for _ in 0..empty {
            out.push('\n', base + i, base + j);
        }
    }
    j
}

/// A YAML double-quoted escape at `i`: the character and the escape's length.
fn yaml_escape(s: &str, i: usize) -> Option<(char, usize)> {
    let esc = *s.as_bytes().get(i + 1)?;
    let simple = match esc {
        b'0' => '\0',
        b'a' => '\u{7}',
        b'b' => '\u{8}',
        b't' | b'\t' => '\t',
        b'n' => '\n',
        b'v' => '\u{b}',
        b'f' => '\u{c}',
        b'r' => '\r',
        b'e' => '\u{1b}',
        b' ' => ' ',
        b'"' => '"',
        b'/' => '/',
        b'\\' => '\\',
        b'N' => '\u{85}',
        b'_' => '\u{a0}',
        b'L' => '\u{2028}',
        b'P' => '\u{2029}',
        b'x' => return Some((char::from_u32(hex(s.get(i + 2..i + 4)?)?)?, 4)),
        b'u' => return Some((char::from_u32(hex(s.get(i + 2..i + 6)?)?)?, 6)),
        b'U' => return Some((char::from_u32(hex(s.get(i + 2..i + 10)?)?)?, 10)),
        _ => return None,
    };
    Some((simple, 2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::{Node, parse};

    /// The first string value in `text`, with its span.
    fn first_string(text: &str, format: Format) -> Node {
        let root = parse(text, format).root.expect("parses");
        let mut stack = vec![root];
        while let Some(node) = stack.pop() {
            if node.as_str().is_some() {
                return node;
            }
            if let Some(members) = node.as_object() {
                stack.extend(members.iter().rev().map(|m| m.value.clone()));
            }
            if let Some(items) = node.as_array() {
                stack.extend(items.iter().rev().cloned());
            }
        }
        panic!("no string in {text}");
    }

    /// The source text that decoded `needle` (its first occurrence) maps to.
    fn source_of(text: &str, format: Format, needle: &str) -> String {
        let node = first_string(text, format);
        let value = node.as_str().unwrap();
        let at = value.find(needle).expect("needle in value");
        let span = locate(text, format, node.span, value, at..at + needle.len());
        text[span.start..span.end].to_string()
    }

    #[test]
    fn json_plain_and_escapes() {
        let j = Format::Json;
        assert_eq!(source_of(r#"{"a": "$.x y"}"#, j, "y"), "y");
        assert_eq!(source_of(r#"{"a": "a\nb@c"}"#, j, "@"), "@");
        assert_eq!(source_of(r#"{"a": "a\nb@c"}"#, j, "\nb"), r"\nb");
        assert_eq!(source_of(r#"{"a": "q\"@"}"#, j, "\"@"), r#"\"@"#);
        assert_eq!(source_of(r#"{"a": "\u00e9@"}"#, j, "é"), r"\u00e9");
        assert_eq!(source_of(r#"{"a": "\u00e9@"}"#, j, "@"), "@");
        assert_eq!(
            source_of(r#"{"a": "\ud83d\ude00@"}"#, j, "😀"),
            r"\ud83d\ude00"
        );
        assert_eq!(source_of(r#"{"a": "\ud83d\ude00@"}"#, j, "@"), "@");
        assert_eq!(source_of(r#"{"a": "é€@"}"#, j, "@"), "@");
        assert_eq!(source_of(r#"{"a": "\\@"}"#, j, "@"), "@");
    }

    #[test]
    fn empty_range_at_the_end_points_before_the_closing_quote() {
        let text = r#"{"a": "$.x["}"#;
        let node = first_string(text, Format::Json);
        let span = locate(text, Format::Json, node.span, "$.x[", 4..4);
        assert_eq!(span, Span::at(text.rfind('"').unwrap()));
    }

    #[test]
    fn yaml_plain_single_and_double() {
        let y = Format::Yaml;
        assert_eq!(source_of("a: $.x@y\n", y, "@"), "@");
        assert_eq!(source_of("a: 'it''s @'\n", y, "@"), "@");
        assert_eq!(source_of("a: 'it''s @'\n", y, "'s"), "''s");
        assert_eq!(source_of("a: \"x\\ty@\"\n", y, "@"), "@");
        assert_eq!(source_of("a: \"\\x41\\U0001F600@\"\n", y, "@"), "@");
        assert_eq!(
            source_of("a: \"\\x41\\U0001F600@\"\n", y, "😀"),
            "\\U0001F600"
        );
        assert_eq!(source_of("a: !!str \"x@\"\n", y, "@"), "@");
    }

    #[test]
    fn yaml_folded_quoted_lines() {
        let y = Format::Yaml;
        let text = "a: \"one  \n   two @\"\n";
        assert_eq!(source_of(text, y, "@"), "@");
        let text = "a: 'one\n\n   two @'\n";
        assert_eq!(source_of(text, y, "@"), "@");
        let text = "a: \"one\\\n   two @\"\n";
        assert_eq!(source_of(text, y, "@"), "@");
    }

    #[test]
    fn yaml_literal_blocks() {
        let y = Format::Yaml;
        for text in [
            "a: |\n  {\n    \"x\": @\n  }\nb: 1\n",
            "a: !Sub |-\n  one\n\n  two @\n",
            "a: |+ # keep\n    one\n    two @\n\n",
            "a:\n  - |\n    x\n      y @\n",
        ] {
            assert_eq!(source_of(text, y, "@"), "@", "{text:?}");
        }
    }

    #[test]
    fn unmappable_scalars_give_the_whole_value() {
        let y = Format::Yaml;
        for text in [
            "a: |2\n  x @\n",
            "a: >\n  x\n  @\n",
            "a: plain\n  @ continued\n",
            "x: &v 'q@'\na: *v\n",
        ] {
            let root = parse(text, y).root.unwrap();
            let node = &root.get("a").unwrap().value;
            let value = node.as_str().unwrap();
            let at = value.find('@').unwrap();
            let span = locate(text, y, node.span, value, at..at + 1);
            assert_eq!(span, node.span, "{text:?}");
        }
    }
}
