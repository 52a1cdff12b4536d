//! Tokens of JSON text, with the lexical errors reported as they are met.
//!
//! The lexer is lenient so that the parser can go on after an error: a bad escape is kept as
//! written, a comment is skipped like white space, a single-quoted string is read as a string,
//! a number with leading zeros keeps its value. Each of these is reported once, here.

use crate::diagnostics::Diagnostic;
use crate::syntax::{Span, codes};

/// At most this many syntax errors are reported per file; then parsing stops.
pub(super) const MAX_SYNTAX_ERRORS: usize = 50;

const VALID_ESCAPES: &str =
    "valid escapes are `\\\"`, `\\\\`, `\\/`, `\\b`, `\\f`, `\\n`, `\\r`, `\\t` and `\\uXXXX`";

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
    LBrace,
    RBrace,
    LBracket,
    RBracket,
    Colon,
    Comma,
    /// A string, its escapes decoded.
    Str(String),
    /// A number (its text is the token's span); possibly repaired after a reported error.
    Num(f64),
    /// A run of letters, digits, `_`, `$` and `-` starting with a letter, `_` or `$`:
    /// `true`, `false`, `null`, or an unquoted key or word.
    Word,
    /// Something already reported by the lexer that cannot stand for a value (a malformed number).
    Bad,
    /// A character that starts no token.
    Invalid(char),
    Eof,
}

#[derive(Debug)]
pub(super) struct Token {
    pub kind: Tok,
    pub span: Span,
}

pub(super) struct Lexer<'a> {
    pub text: &'a str,
    bytes: &'a [u8],
    pub pos: usize,
    pub diagnostics: Vec<Diagnostic>,
    errors: usize,
    /// The error cap was reached: every further token is `Eof`.
    pub stopped: bool,
    /// The span of the last syntax error, so that the same place is not reported twice in a row.
    last_error: Option<Span>,
    /// The end of the last string that had no closing quote.
    pub unterminated_end: Option<usize>,
}

impl<'a> Lexer<'a> {
    pub fn new(text: &'a str) -> Self {
        let pos = if text.starts_with('\u{feff}') { 3 } else { 0 };
        Lexer {
            text,
            bytes: text.as_bytes(),
            pos,
            diagnostics: Vec::new(),
            errors: 0,
            stopped: false,
            last_error: None,
            unterminated_end: None,
        }
    }

    /// Records a syntax error (`SYNTAX_ERROR` diagnostics only), honouring the cap.
    pub fn error(&mut self, diagnostic: Diagnostic) {
        if self.stopped || self.last_error == Some(diagnostic.span) {
            return;
        }
        self.last_error = Some(diagnostic.span);
        if self.errors == MAX_SYNTAX_ERRORS {
            self.diagnostics.push(
                Diagnostic::new(
                    &codes::SYNTAX_ERROR,
                    diagnostic.span,
                    "too many syntax errors; stopping",
                )
                .help(format!(
                    "fix the errors above; only the first {MAX_SYNTAX_ERRORS} are reported"
                )),
            );
            self.stopped = true;
            return;
        }
        self.errors += 1;
        self.diagnostics.push(diagnostic);
    }

    fn syntax(&mut self, span: Span, message: impl Into<String>, help: impl Into<String>) {
        let d = Diagnostic::new(&codes::SYNTAX_ERROR, span, message).help(help);
        self.error(d);
    }

    /// The next token. After the error cap, always `Eof`.
    pub fn next_token(&mut self) -> Token {
        let len = self.bytes.len();
        loop {
            if self.stopped {
                return self.token(Tok::Eof, len, len);
            }
            while self.pos < len && matches!(self.bytes[self.pos], b' ' | b'\t' | b'\n' | b'\r') {
                self.pos += 1;
            }
            let start = self.pos;
            let Some(&b) = self.bytes.get(start) else {
                return self.token(Tok::Eof, len, len);
            };
            let single = match b {
                b'{' => Some(Tok::LBrace),
                b'}' => Some(Tok::RBrace),
                b'[' => Some(Tok::LBracket),
                b']' => Some(Tok::RBracket),
                b':' => Some(Tok::Colon),
                b',' => Some(Tok::Comma),
                _ => None,
            };
            if let Some(kind) = single {
                self.pos += 1;
                return self.token(kind, start, start + 1);
            }
            match b {
                b'"' => return self.string(start),
                b'-' | b'+' | b'0'..=b'9' => return self.number(start),
                b'.' if self.bytes.get(start + 1).is_some_and(u8::is_ascii_digit) => {
                    return self.number(start);
                }
                b'a'..=b'z' | b'A'..=b'Z' | b'_' | b'$' => {
                    let mut end = start + 1;
                    while end < len
                        && matches!(self.bytes[end], b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'_' | b'$' | b'-')
                    {
                        end += 1;
                    }
                    self.pos = end;
                    return self.token(Tok::Word, start, end);
                }
                b'\'' => return self.single_quoted(start),
                b'/' if matches!(self.bytes.get(start + 1), Some(b'/' | b'*')) => {
                    self.comment(start)
                }
                b'#' => self.comment(start),
                _ => {
                    let c = self.text[start..].chars().next().unwrap_or('\u{fffd}');
                    let end = start + c.len_utf8();
                    if c.is_whitespace() || c == '\u{feff}' {
                        self.syntax(
                            Span::new(start, end),
                            format!(
                                "unexpected white space character U+{:04X}: JSON allows only space, tab, CR and LF",
                                c as u32
                            ),
                            "replace it with a plain space",
                        );
                        self.pos = end;
                        continue;
                    }
                    self.pos = end;
                    return self.token(Tok::Invalid(c), start, end);
                }
            }
        }
    }

    fn token(&self, kind: Tok, start: usize, end: usize) -> Token {
        Token {
            kind,
            span: Span::new(start, end),
        }
    }

    /// Skips a `//`, `/* */` or `#` comment at `start`, reporting it.
    fn comment(&mut self, start: usize) {
        let len = self.bytes.len();
        let end = if self.bytes[start] == b'/' && self.bytes[start + 1] == b'*' {
            match find(&self.bytes[start + 2..], b"*/") {
                Some(i) => start + 2 + i + 2,
                None => len,
            }
        } else {
            match self.bytes[start..].iter().position(|&b| b == b'\n') {
                Some(i) => start + i,
                None => len,
            }
        };
        self.pos = end;
        let d = Diagnostic::new(
            &codes::SYNTAX_ERROR,
            Span::new(start, end),
            "comments are not allowed in JSON",
        )
        .primary_label("comment")
        .help("remove the comment; a `Comment` field can hold a description of the state machine or a state");
        self.error(d);
    }

    /// A double-quoted string starting at `start`.
    fn string(&mut self, start: usize) -> Token {
        let bytes = self.bytes;
        let len = bytes.len();
        let mut pos = start + 1;
        let mut out = String::new();
        let mut segment = pos;
        let mut control_reported = false;
        // A closing quote found ahead when a raw line break was met: up to it, line breaks are
        // part of the string (reported once) rather than the end of an unterminated string.
        let mut multiline_until = 0;
        loop {
            while pos < len {
                let b = bytes[pos];
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                pos += 1;
            }
            if pos >= len {
                out.push_str(&self.text[segment..len]);
                return self.unterminated(start, len, out);
            }
            let b = bytes[pos];
            match b {
                b'"' => {
                    let value = if out.is_empty() {
                        self.text[segment..pos].to_owned()
                    } else {
                        out.push_str(&self.text[segment..pos]);
                        out
                    };
                    self.pos = pos + 1;
                    return self.token(Tok::Str(value), start, pos + 1);
                }
                b'\\' => {
                    out.push_str(&self.text[segment..pos]);
                    pos = self.escape(pos, &mut out);
                    segment = pos;
                }
                _ => {
                    if (b == b'\n' || b == b'\r') && pos >= multiline_until {
                        match self.closing_quote_ahead(pos) {
                            Some(q) => multiline_until = q,
                            None => {
                                out.push_str(&self.text[segment..pos]);
                                return self.unterminated(start, pos, out);
                            }
                        }
                    }
                    if !control_reported {
                        control_reported = true;
                        let help = match b {
                            b'\n' => "write it as `\\n`".to_owned(),
                            b'\r' => "write it as `\\r`".to_owned(),
                            b'\t' => "write it as `\\t`".to_owned(),
                            _ => format!("write it as `\\u{:04X}`", b),
                        };
                        self.syntax(
                            Span::new(pos, pos + 1),
                            format!("control character U+{b:04X} must be escaped in a string"),
                            help,
                        );
                    }
                    pos += 1;
                }
            }
        }
    }

    /// After a raw line break at `pos` inside a string: the next `"` when it looks like the end
    /// of this string (followed by `,`, `:`, `}`, `]` or the end of the text), else `None`
    /// (the string was never closed and the next `"` opens another one).
    fn closing_quote_ahead(&self, pos: usize) -> Option<usize> {
        let mut q = pos;
        loop {
            q += self.bytes[q..].iter().position(|&b| b == b'"')?;
            if self.bytes[q - 1] != b'\\' {
                break;
            }
            q += 1;
        }
        let after = self.bytes[q + 1..]
            .iter()
            .find(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'));
        match after {
            None | Some(b',' | b':' | b'}' | b']') => Some(q),
            Some(_) => None,
        }
    }

    fn unterminated(&mut self, start: usize, end: usize, value: String) -> Token {
        self.pos = end;
        self.unterminated_end = Some(end);
        let d = Diagnostic::new(
            &codes::SYNTAX_ERROR,
            Span::new(start, end),
            "unterminated string",
        )
        .primary_label("this string has no closing `\"`")
        .help("add a `\"` at the end of the string");
        self.error(d);
        self.token(Tok::Str(value), start, end)
    }

    /// Decodes the escape at `pos` (a backslash) into `out`; returns the position after it.
    fn escape(&mut self, pos: usize, out: &mut String) -> usize {
        let Some(&e) = self.bytes.get(pos + 1) else {
            return pos + 1; // the string is unterminated; reported by the caller
        };
        let simple = match e {
            b'"' => Some('"'),
            b'\\' => Some('\\'),
            b'/' => Some('/'),
            b'b' => Some('\u{8}'),
            b'f' => Some('\u{c}'),
            b'n' => Some('\n'),
            b'r' => Some('\r'),
            b't' => Some('\t'),
            _ => None,
        };
        if let Some(c) = simple {
            out.push(c);
            return pos + 2;
        }
        if e == b'u' {
            return self.unicode_escape(pos, out);
        }
        let c = self.text[pos + 1..].chars().next().unwrap_or('\u{fffd}');
        if c.is_control() {
            self.syntax(
                Span::new(pos, pos + 1),
                format!(
                    "invalid escape in string: `\\` followed by U+{:04X}",
                    c as u32
                ),
                format!("{VALID_ESCAPES}; to write a backslash, use `\\\\`"),
            );
            out.push('\\');
            return pos + 1;
        }
        let end = pos + 1 + c.len_utf8();
        self.syntax(
            Span::new(pos, end),
            format!("invalid escape `\\{c}` in string"),
            format!("{VALID_ESCAPES}; to write a backslash, use `\\\\`"),
        );
        out.push('\\');
        out.push(c);
        end
    }

    /// `\uXXXX` at `pos`, with surrogate pairs. A lone surrogate becomes U+FFFD without an error
    /// (Jackson, AWS's parser, accepts them).
    fn unicode_escape(&mut self, pos: usize, out: &mut String) -> usize {
        let Some(code) = self.hex4(pos + 2) else {
            let digits = self.bytes[pos + 2..]
                .iter()
                .take(4)
                .take_while(|b| b.is_ascii_hexdigit())
                .count();
            let end = pos + 2 + digits;
            let mut shown = self.text[pos..end].to_owned();
            if let Some(c) = self.text[end..].chars().next() {
                if c != '"' && !c.is_control() {
                    shown.push(c);
                }
            }
            self.syntax(
                Span::new(pos, end),
                format!("invalid unicode escape `{shown}`: expected four hex digits after `\\u`"),
                "write a code point as `\\u` and four hex digits, such as `\\u00e9`",
            );
            out.push('\u{fffd}');
            return end;
        };
        let mut end = pos + 6;
        let c = match code {
            0xD800..=0xDBFF => {
                let low = if self.bytes.get(end) == Some(&b'\\')
                    && self.bytes.get(end + 1) == Some(&b'u')
                {
                    self.hex4(end + 2).filter(|l| (0xDC00..=0xDFFF).contains(l))
                } else {
                    None
                };
                match low {
                    Some(low) => {
                        end += 6;
                        char::from_u32(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00))
                    }
                    None => None,
                }
            }
            _ => char::from_u32(code),
        };
        out.push(c.unwrap_or('\u{fffd}'));
        end
    }

    fn hex4(&self, at: usize) -> Option<u32> {
        let digits = self.bytes.get(at..at + 4)?;
        let mut v = 0;
        for &d in digits {
            v = v * 16 + (d as char).to_digit(16)?;
        }
        Some(v)
    }

    /// A string in single quotes (reported), read up to the closing `'` on the same line.
    fn single_quoted(&mut self, start: usize) -> Token {
        self.syntax(
            Span::new(start, start + 1),
            "unexpected `'`: JSON strings use double quotes",
            "use `\"` around strings and keys",
        );
        let bytes = self.bytes;
        let mut pos = start + 1;
        let mut out = String::new();
        while pos < bytes.len() && !matches!(bytes[pos], b'\'' | b'\n' | b'\r') {
            if bytes[pos] == b'\\' && pos + 1 < bytes.len() && bytes[pos + 1] == b'\'' {
                out.push('\'');
                pos += 2;
                continue;
            }
            let c = self.text[pos..].chars().next().unwrap_or('\u{fffd}');
            out.push(c);
            pos += c.len_utf8();
        }
        let end = if bytes.get(pos) == Some(&b'\'') {
            pos + 1
        } else {
            pos
        };
        self.pos = end;
        self.token(Tok::Str(out), start, end)
    }

    /// A number at `start`, validated against the JSON grammar.
    fn number(&mut self, start: usize) -> Token {
        let bytes = self.bytes;
        let mut end = start + 1;
        while end < bytes.len() {
            match bytes[end] {
                b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' | b'.' | b'_' => end += 1,
                b'+' | b'-' if matches!(bytes[end - 1], b'e' | b'E') => end += 1,
                _ => break,
            }
        }
        self.pos = end;
        let text = &self.text[start..end];
        let span = Span::new(start, end);
        match check_number(text.as_bytes()) {
            Ok(()) => {
                let value = text.parse::<f64>().unwrap_or(f64::NAN);
                self.token(Tok::Num(value), start, end)
            }
            Err((message, help)) => {
                self.syntax(span, message, help);
                let repaired = text
                    .strip_prefix('+')
                    .unwrap_or(text)
                    .parse::<f64>()
                    .ok()
                    .filter(|v| v.is_finite());
                match repaired {
                    Some(v) => self.token(Tok::Num(v), start, end),
                    None => self.token(Tok::Bad, start, end),
                }
            }
        }
    }

    /// Skips the rest of an object or array whose opening bracket was just read, without
    /// building it: bracket matching over the raw text, stepping over strings. Returns the end.
    pub fn skip_nested(&mut self) -> usize {
        let bytes = self.bytes;
        let mut depth = 1usize;
        let mut pos = self.pos;
        while pos < bytes.len() {
            match bytes[pos] {
                b'"' => {
                    pos += 1;
                    while pos < bytes.len() {
                        match bytes[pos] {
                            b'"' => break,
                            b'\\' => pos += 2,
                            _ => pos += 1,
                        }
                    }
                }
                b'[' | b'{' => depth += 1,
                b']' | b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        self.pos = pos + 1;
                        return self.pos;
                    }
                }
                _ => {}
            }
            pos += 1;
        }
        self.pos = bytes.len();
        self.pos
    }
}

/// Checks `text` (a run of number-like characters) against the JSON number grammar
/// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
fn check_number(text: &[u8]) -> Result<(), (String, String)> {
    let shown = String::from_utf8_lossy(text);
    let fail = |m: &str, h: &str| Err((m.to_owned(), h.to_owned()));
    let mut i = 0;
    let digits = |i: &mut usize| {
        let s = *i;
        while *i < text.len() && text[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - s
    };
    match text.first() {
        Some(b'+') => return fail("numbers cannot start with `+`", "remove the `+`"),
        Some(b'.') => {
            return Err((
                "numbers must have a digit before the decimal point".to_owned(),
                format!("write `0{shown}`"),
            ));
        }
        Some(b'-') => i += 1,
        _ => {}
    }
    if text.get(i) == Some(&b'0') && text.get(i + 1).is_some_and(u8::is_ascii_digit) {
        return fail(
            "numbers cannot have leading zeros",
            "remove the leading zeros; to keep them, write the value as a string",
        );
    }
    if text.get(i) == Some(&b'0') && matches!(text.get(i + 1), Some(b'x' | b'X')) {
        return Err((
            format!("invalid number `{shown}`: JSON numbers are decimal"),
            "write the number in decimal".to_owned(),
        ));
    }
    if digits(&mut i) == 0 {
        let rest = &text[i..];
        if rest.eq_ignore_ascii_case(b"infinity") || rest.eq_ignore_ascii_case(b"inf") {
            return fail(
                "JSON has no infinity",
                "use a large finite number, or `null`",
            );
        }
        return fail("expected a digit after `-`", "write a number such as `-1`");
    }
    if text.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return Err((
                "expected a digit after the decimal point".to_owned(),
                format!("write `{shown}0` or remove the `.`"),
            ));
        }
    }
    if matches!(text.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(text.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return fail(
                "expected a digit in the exponent",
                "write an exponent such as `1e10`, or remove the `e`",
            );
        }
    }
    if i < text.len() {
        return Err((
            format!("invalid number `{shown}`"),
            "a JSON number is digits with an optional `-`, fraction and exponent, such as `-1.5e3`; to keep this text, write it as a string".to_owned(),
        ));
    }
    Ok(())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
