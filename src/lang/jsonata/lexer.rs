//! The JSONata tokenizer: one token at a time, on demand, because whether `/` starts a regular
//! expression or is a division depends on where the parser is (the reference does the same).

use super::Error;
use crate::syntax::Span;

/// One token and the bytes it covers.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Token {
    pub kind: Tok,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tok {
    /// Punctuation and the word operators `and`, `or`, `in`.
    Op(&'static str),
    Name(String),
    /// `$name` without the `$`: `$` is `""`, `$$` is `"$"`.
    Var(String),
    Str(String),
    Num(f64),
    Bool(bool),
    Null,
    Regex {
        pattern: String,
        flags: String,
    },
    End,
}

/// Operators made of two characters, longest match first.
const DOUBLE: [&str; 9] = ["..", ":=", "!=", ">=", "<=", "**", "~>", "?:", "??"];

/// Characters that end a name; each one is also a one-character operator token. `!` and `~` are
/// not operators on their own but still end names (as in the reference).
const SINGLE: [&str; 26] = [
    ".", "[", "]", "{", "}", "(", ")", ",", "@", "#", ";", ":", "?", "+", "-", "*", "/", "%", "|",
    "=", "<", ">", "^", "&", "!", "~",
];

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{b}')
}

fn single_op(c: char) -> Option<&'static str> {
    let mut buf = [0u8; 4];
    let s: &str = c.encode_utf8(&mut buf);
    SINGLE.iter().copied().find(|op| *op == s)
}

pub(crate) struct Lexer<'a> {
    src: &'a str,
    pos: usize,
}

impl<'a> Lexer<'a> {
    pub fn new(src: &'a str) -> Self {
        Lexer { src, pos: 0 }
    }

    fn rest(&self) -> &'a str {
        &self.src[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn token(&self, kind: Tok, start: usize) -> Token {
        Token {
            kind,
            span: Span::new(start, self.pos),
        }
    }

    /// The next token. `operand` is true where an operand is expected, which is where a `/`
    /// starts a regular expression rather than being a division.
    pub fn next(&mut self, operand: bool) -> Result<Token, Error> {
        self.skip_space_and_comments()?;
        let start = self.pos;
        let Some(c) = self.peek() else {
            return Ok(self.token(Tok::End, start));
        };
        if operand && c == '/' {
            self.pos += 1;
            return self.regex(start);
        }
        if let Some(op) = DOUBLE
            .iter()
            .copied()
            .find(|op| self.rest().starts_with(op))
        {
            self.pos += 2;
            return Ok(self.token(Tok::Op(op), start));
        }
        if let Some(op) = single_op(c) {
            self.pos += 1;
            return Ok(self.token(Tok::Op(op), start));
        }
        if c == '"' || c == '\'' {
            return self.string(c, start);
        }
        if c.is_ascii_digit() {
            return self.number(start);
        }
        if c == '`' {
            let body = &self.rest()[1..];
            let Some(end) = body.find('`') else {
                self.pos = self.src.len();
                return Err(Error::new("S0105", start, self.pos));
            };
            self.pos += end + 2;
            return Ok(self.token(Tok::Name(body[..end].to_string()), start));
        }
        self.name(start)
    }

    fn skip_space_and_comments(&mut self) -> Result<(), Error> {
        loop {
            while self.peek().is_some_and(is_space) {
                self.pos += 1;
            }
            if !self.rest().starts_with("/*") {
                return Ok(());
            }
            let start = self.pos;
            let Some(end) = self.rest()[2..].find("*/") else {
                return Err(Error::new("S0106", start, self.src.len()));
            };
            self.pos += 2 + end + 2;
        }
    }

    fn name(&mut self, start: usize) -> Result<Token, Error> {
        let len = self
            .rest()
            .find(|c: char| is_space(c) || single_op(c).is_some())
            .unwrap_or(self.rest().len());
        let word = &self.rest()[..len];
        self.pos += len;
        let kind = if let Some(var) = word.strip_prefix('$') {
            Tok::Var(var.to_string())
        } else {
            match word {
                "and" => Tok::Op("and"),
                "or" => Tok::Op("or"),
                "in" => Tok::Op("in"),
                "true" => Tok::Bool(true),
                "false" => Tok::Bool(false),
                "null" => Tok::Null,
                _ => Tok::Name(word.to_string()),
            }
        };
        Ok(self.token(kind, start))
    }

    /// `0|[1-9][0-9]*` then an optional fraction and exponent, as JSON (no sign: `-` is an
    /// operator).
    fn number(&mut self, start: usize) -> Result<Token, Error> {
        let bytes = self.src.as_bytes();
        let digits = |mut i: usize| {
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            i
        };
        let mut end = if bytes[start] == b'0' {
            start + 1
        } else {
            digits(start)
        };
        if bytes.get(end) == Some(&b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) {
            end = digits(end + 1);
        }
        if matches!(bytes.get(end), Some(b'e' | b'E')) {
            let mut exp = end + 1;
            if matches!(bytes.get(exp), Some(b'+' | b'-')) {
                exp += 1;
            }
            if bytes.get(exp).is_some_and(u8::is_ascii_digit) {
                end = digits(exp);
            }
        }
        let text = &self.src[start..end];
        let value: f64 = text.parse().unwrap_or(f64::INFINITY);
        if !value.is_finite() {
            return Err(Error::new("S0102", start, end).token(text));
        }
        self.pos = end;
        Ok(self.token(Tok::Num(value), start))
    }

    fn string(&mut self, quote: char, start: usize) -> Result<Token, Error> {
        self.pos += 1;
        let mut out = String::new();
        let mut pending_high: Option<u32> = None;
        while let Some(c) = self.peek() {
            let at = self.pos;
            self.pos += c.len_utf8();
            if c == quote {
                flush_surrogate(&mut out, &mut pending_high);
                return Ok(self.token(Tok::Str(out), start));
            }
            if c != '\\' {
                flush_surrogate(&mut out, &mut pending_high);
                out.push(c);
                continue;
            }
            let Some(e) = self.peek() else { break };
            self.pos += e.len_utf8();
            let simple = match e {
                '"' => Some('"'),
                '\\' => Some('\\'),
                '/' => Some('/'),
                'b' => Some('\u{8}'),
                'f' => Some('\u{c}'),
                'n' => Some('\n'),
                'r' => Some('\r'),
                't' => Some('\t'),
                _ => None,
            };
            if let Some(s) = simple {
                flush_surrogate(&mut out, &mut pending_high);
                out.push(s);
                continue;
            }
            if e != 'u' {
                let end = self.pos;
                return Err(Error::new("S0103", at, end).token(&e.to_string()));
            }
            let hex = self
                .rest()
                .get(..4)
                .filter(|h| h.chars().all(|c| c.is_ascii_hexdigit()));
            let Some(code) = hex.and_then(|h| u32::from_str_radix(h, 16).ok()) else {
                return Err(Error::new("S0104", at, self.pos));
            };
            self.pos += 4;
            push_utf16(&mut out, &mut pending_high, code);
        }
        Err(Error::new("S0101", start, self.src.len()))
    }

    /// `/pattern/flags`; the opening `/` is consumed. A `/` inside brackets or after an odd
    /// number of backslashes does not close it. Flags are `i` and `m`.
    fn regex(&mut self, start: usize) -> Result<Token, Error> {
        let body_start = self.pos;
        let bytes = self.src.as_bytes();
        let mut depth = 0i32;
        let mut i = body_start;
        while i < bytes.len() {
            let b = bytes[i];
            let escaped = i > body_start && bytes[i - 1] == b'\\';
            if b == b'/' && depth == 0 && backslashes_before(bytes, i, body_start) % 2 == 0 {
                if i == body_start {
                    return Err(Error::new("S0301", start, i + 1));
                }
                let pattern = self.src[body_start..i].to_string();
                let mut end = i + 1;
                while matches!(bytes.get(end), Some(b'i' | b'm')) {
                    end += 1;
                }
                let flags = self.src[i + 1..end].to_string();
                self.pos = end;
                return Ok(self.token(Tok::Regex { pattern, flags }, start));
            }
            if matches!(b, b'(' | b'[' | b'{') && !escaped {
                depth += 1;
            }
            if matches!(b, b')' | b']' | b'}') && !escaped {
                depth -= 1;
            }
            i += 1;
        }
        self.pos = self.src.len();
        Err(Error::new("S0302", start, self.src.len()))
    }
}

fn backslashes_before(bytes: &[u8], i: usize, floor: usize) -> usize {
    let mut n = 0;
    while i > floor + n && bytes[i - n - 1] == b'\\' {
        n += 1;
    }
    n
}

/// Appends a UTF-16 code unit from a `\uXXXX` escape, pairing surrogates. A lone surrogate
/// (which a Rust string cannot hold) becomes U+FFFD.
fn push_utf16(out: &mut String, pending_high: &mut Option<u32>, code: u32) {
    if (0xDC00..0xE000).contains(&code) {
        if let Some(high) = pending_high.take() {
            let c = 0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00);
            out.push(char::from_u32(c).unwrap_or('\u{fffd}'));
        } else {
            out.push('\u{fffd}');
        }
        return;
    }
    flush_surrogate(out, pending_high);
    if (0xD800..0xDC00).contains(&code) {
        *pending_high = Some(code);
    } else {
        out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
    }
}

fn flush_surrogate(out: &mut String, pending_high: &mut Option<u32>) {
    if pending_high.take().is_some() {
        out.push('\u{fffd}');
    }
}
