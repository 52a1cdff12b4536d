//! A hand-written JSON parser that keeps byte spans, reports duplicate keys and recovers from errors.
//!
//! Strict RFC 8259, as AWS reads definitions: no comments, no trailing commas, no single quotes,
//! white space is space, tab, CR and LF. A leading UTF-8 byte order mark is skipped. Every error is
//! a [`codes::SYNTAX_ERROR`] diagnostic, and parsing goes on where it can:
//!
//! - a missing `,` between members or elements is reported and assumed;
//! - a trailing comma is reported and ignored;
//! - a comment is reported and skipped; a single-quoted string is reported and read as a string;
//! - a bad value is dropped and the tokens up to the next `,`, `}` or `]` at the same depth are
//!   skipped; the object or array that lost it is marked [`Node::damaged`].
//!
//! - a closing bracket of the wrong kind that closes an enclosing object or array ends the
//!   current one (reported as unclosed, damaged); otherwise it is taken as this one's closer;
//! - a string with a raw line break continues when a closing quote follows that looks like the
//!   end of a string (the line break is reported as a control character); otherwise the string is
//!   reported as unterminated and ends at the line break;
//! - at the end of the text, only the first error is reported, not one per unclosed bracket.
//!
//! At most 50 syntax errors are reported, then one "too many syntax errors; stopping" and the
//! parse ends. Objects and arrays deeper than [`MAX_DEPTH`] are reported
//! once each ([`codes::NESTING_TOO_DEEP`]) and skipped by a flat bracket-matching scan, so the
//! parser never recurses deeper than [`MAX_DEPTH`] levels whatever the input.
//!
//! A `\uXXXX` escape naming a lone surrogate decodes to U+FFFD without an error: Jackson, the
//! parser AWS uses, accepts such strings.

mod lexer;
#[cfg(test)]
mod tests;

use std::collections::HashMap;

use lexer::{Lexer, Tok, Token};

use super::{Key, MAX_DEPTH, MAX_VALUES, Member, Node, Number, Parsed, Span, Value, codes};
use crate::diagnostics::Diagnostic;

/// Parses `text` as one JSON value.
pub fn parse(text: &str) -> Parsed {
    let mut parser = Parser {
        lx: Lexer::new(text),
        peeked: None,
        last_end: 0,
        open: Vec::new(),
        eof_reported: false,
        values: 0,
    };
    let root = parser.document();
    Parsed {
        // Past the value limit the rest of the text was not read: nothing more is checked.
        root: root.filter(|_| parser.values <= MAX_VALUES),
        diagnostics: parser.lx.diagnostics,
    }
}

/// Objects with more members than this are checked for duplicate keys with a hash map.
const SMALL_OBJECT: usize = 8;

struct Parser<'a> {
    lx: Lexer<'a>,
    peeked: Option<Token>,
    /// The end of the last token consumed.
    last_end: usize,
    /// The opening brackets of the objects and arrays being read (`{` or `[`), outermost first.
    open: Vec<u8>,
    /// An error at the end of the text was reported: the enclosing unclosed objects and arrays
    /// say nothing more.
    eof_reported: bool,
    /// Values read so far (at most [`MAX_VALUES`] are).
    values: usize,
}

impl Parser<'_> {
    fn peek(&mut self) -> &Token {
        if self.peeked.is_none() {
            self.peeked = Some(self.lx.next_token());
        }
        self.peeked.as_ref().expect("just filled")
    }

    fn peek_kind(&mut self) -> &Tok {
        &self.peek().kind
    }

    fn bump(&mut self) -> Token {
        let token = match self.peeked.take() {
            Some(t) => t,
            None => self.lx.next_token(),
        };
        self.last_end = token.span.end;
        token
    }

    fn document(&mut self) -> Option<Node> {
        if *self.peek_kind() == Tok::Eof && !self.lx.stopped {
            let blank = self
                .lx
                .text
                .trim_start_matches('\u{feff}')
                .trim_matches([' ', '\t', '\r', '\n'])
                .is_empty();
            let message = if blank {
                "the file is empty"
            } else {
                "the file holds no JSON value"
            };
            self.lx.diagnostics.push(
                Diagnostic::new(&codes::EMPTY_DOCUMENT, Span::at(0), message).help(
                    "a state machine definition is a JSON object with `StartAt` and `States`",
                ),
            );
            return None;
        }
        let root = self.value(0);
        let token = self.peek();
        if token.kind != Tok::Eof {
            let span = token.span;
            let d = Diagnostic::new(
                &codes::SYNTAX_ERROR,
                span,
                "unexpected text after the top-level value",
            )
            .primary_label("the document should end here")
            .help("a JSON document holds exactly one value; remove this text, or wrap the values in an array");
            self.lx.error(d);
        }
        root
    }

    /// How a token is named in "found ..." messages.
    fn describe(&self, token: &Token) -> String {
        match &token.kind {
            Tok::LBrace => "`{`".into(),
            Tok::RBrace => "`}`".into(),
            Tok::LBracket => "`[`".into(),
            Tok::RBracket => "`]`".into(),
            Tok::Colon => "`:`".into(),
            Tok::Comma => "`,`".into(),
            Tok::Str(_) => "`\"`".into(),
            Tok::Num(_) | Tok::Word | Tok::Bad => format!("`{}`", self.token_text(token, 30)),
            Tok::Invalid(c) if c.is_control() || c.is_whitespace() => {
                format!("U+{:04X}", *c as u32)
            }
            Tok::Invalid(c) => format!("`{c}`"),
            Tok::Eof => "end of file".into(),
        }
    }

    /// The text of `token`, cut to `max` characters.
    fn token_text(&self, token: &Token, max: usize) -> String {
        let text = &self.lx.text[token.span.start..token.span.end];
        match text.char_indices().nth(max) {
            Some((i, _)) => format!("{}…", &text[..i]),
            None => text.to_owned(),
        }
    }

    /// Reports an unexpected token: "{expected}, found {token}". At the end of the text only the
    /// first such error is reported.
    fn unexpected(&mut self, expected: &str, label: &str, help: Option<&str>) {
        let token = self.peek();
        let span = token.span;
        let eof = token.kind == Tok::Eof;
        if eof {
            // A string left open at the end of the text was reported as such.
            if self.eof_reported || self.lx.unterminated_end == Some(self.lx.text.len()) {
                return;
            }
            self.eof_reported = true;
        }
        let token = self.peeked.as_ref().expect("peeked above");
        let message = format!("{expected}, found {}", self.describe(token));
        let mut d = Diagnostic::new(&codes::SYNTAX_ERROR, span, message).primary_label(label);
        if let Some(help) = help {
            d = d.help(help);
        }
        self.lx.error(d);
    }

    /// Reports an unexpected token like [`Self::unexpected`], with a label on the opening
    /// bracket at `open` of the object or array being read.
    fn unexpected_in(&mut self, expected: &str, label: &str, open: Span, help: Option<&str>) {
        let before = self.lx.diagnostics.len();
        self.unexpected(expected, label, help);
        if self.lx.diagnostics.len() > before {
            let last = self.lx.diagnostics.pop().expect("one was added");
            let bracket = &self.lx.text[open.start..open.end];
            let last = last.label(open, format!("this `{bracket}` is not closed"));
            self.lx.diagnostics.push(last);
        }
    }

    /// Reports the value past [`MAX_VALUES`] (once) and skips the rest of the text; every
    /// enclosing object and array then ends quietly at the end of the text.
    fn too_many_values(&mut self) {
        if self.values == MAX_VALUES + 1 {
            let at = self.peek().span;
            self.lx.diagnostics.push(super::too_many_values(at));
        }
        self.lx.pos = self.lx.text.len();
        self.peeked = None;
        self.eof_reported = true;
    }

    /// A value, or `None` (reported) when there is none at this point. `depth` is the number of
    /// objects and arrays around it.
    fn value(&mut self, depth: usize) -> Option<Node> {
        self.values += 1;
        if self.values > MAX_VALUES {
            self.too_many_values();
            return None;
        }
        match self.peek_kind() {
            Tok::LBrace | Tok::LBracket => {
                let open = self.bump();
                let bracket = if open.kind == Tok::LBrace { b'{' } else { b'[' };
                if depth >= MAX_DEPTH {
                    let end = self.lx.skip_nested();
                    self.last_end = end;
                    self.lx.diagnostics.push(
                        Diagnostic::new(
                            &codes::NESTING_TOO_DEEP,
                            open.span,
                            format!(
                                "objects and arrays are nested more than {MAX_DEPTH} levels deep"
                            ),
                        )
                        .primary_label(format!(
                            "this `{}` is at depth {}; it and its content are skipped",
                            bracket as char,
                            depth + 1
                        ))
                        .help("flatten the data, or pass it in as execution input"),
                    );
                    return None;
                }
                self.open.push(bracket);
                let node = if bracket == b'{' {
                    self.object(open.span, depth + 1)
                } else {
                    self.array(open.span, depth + 1)
                };
                self.open.pop();
                Some(node)
            }
            Tok::Str(_) => {
                let token = self.bump();
                let Tok::Str(s) = token.kind else {
                    unreachable!()
                };
                Some(Node::new(Value::String(s), token.span))
            }
            Tok::Num(v) => {
                let v = *v;
                let token = self.bump();
                let text = &self.lx.text[token.span.start..token.span.end];
                Some(Node::new(Value::Number(Number::new(text, v)), token.span))
            }
            Tok::Word => {
                let token = self.bump();
                let text = &self.lx.text[token.span.start..token.span.end];
                let value = match text {
                    "true" => Value::Bool(true),
                    "false" => Value::Bool(false),
                    "null" => Value::Null,
                    _ => {
                        self.bad_word(&token);
                        return None;
                    }
                };
                Some(Node::new(value, token.span))
            }
            Tok::Bad => {
                self.bump();
                None
            }
            Tok::Comma | Tok::RBrace | Tok::RBracket | Tok::Eof => {
                self.unexpected("expected a value", "expected a value here", None);
                None
            }
            Tok::Colon | Tok::Invalid(_) => {
                self.unexpected("expected a value", "expected a value here", None);
                self.skip_to_separator();
                None
            }
        }
    }

    /// Reports a bare word where a value was expected.
    fn bad_word(&mut self, token: &Token) {
        let text = self.token_text(token, 30);
        let help = match text.as_str() {
            "True" | "TRUE" => "JSON literals are lower case: `true`".to_owned(),
            "False" | "FALSE" => "JSON literals are lower case: `false`".to_owned(),
            "None" | "NULL" | "Null" | "nil" | "undefined" => "write `null`".to_owned(),
            "NaN" | "Infinity" => {
                "JSON has no NaN or infinity; use `null` or a finite number".to_owned()
            }
            _ => format!("if this is text, put it in double quotes: `\"{text}\"`"),
        };
        let d = Diagnostic::new(
            &codes::SYNTAX_ERROR,
            token.span,
            format!("expected a value, found `{text}`"),
        )
        .primary_label("not a JSON value")
        .help(help);
        self.lx.error(d);
    }

    /// Skips tokens up to the next `,`, `}` or `]` at this depth (or the end of the text),
    /// brackets opened on the way included. The token in view must not be `,`, `}` or `]`.
    fn skip_to_separator(&mut self) {
        let mut nesting = 0usize;
        loop {
            match self.peek_kind() {
                Tok::Eof => return,
                Tok::Comma | Tok::RBrace | Tok::RBracket if nesting == 0 => return,
                Tok::LBrace | Tok::LBracket => nesting += 1,
                Tok::RBrace | Tok::RBracket => nesting -= 1,
                _ => {}
            }
            self.bump();
        }
    }

    /// A closing bracket that does not match the `open` one of the object or array being read.
    /// When it closes an enclosing one, this one was left unclosed: report and leave the bracket
    /// for the enclosing one. Otherwise it is taken as a wrong closing bracket for this one.
    /// Returns true when this object or array is unclosed (and so damaged).
    fn wrong_closer(&mut self, expected: &str, open: Span) -> bool {
        let found = if *self.peek_kind() == Tok::RBrace {
            b'{'
        } else {
            b'['
        };
        let outer = &self.open[..self.open.len().saturating_sub(1)];
        if outer.contains(&found) {
            self.unexpected_in(expected, "unexpected closing bracket", open, None);
            true
        } else {
            let closer = if found == b'{' { '[' } else { '{' };
            let wanted = if closer == '{' { "}" } else { "]" };
            let d = Diagnostic::new(
                &codes::SYNTAX_ERROR,
                self.peek().span,
                format!("mismatched closing bracket: expected `{wanted}`"),
            )
            .primary_label(format!("expected `{wanted}`"))
            .label(open, format!("to close this `{closer}`"))
            .help(format!("replace it with `{wanted}`"));
            self.lx.error(d);
            self.bump();
            false
        }
    }

    fn trailing_comma(&mut self, comma: Span, closer: char) {
        let d = Diagnostic::new(
            &codes::SYNTAX_ERROR,
            comma,
            format!("trailing comma before `{closer}`"),
        )
        .primary_label("trailing comma")
        .help("remove it: JSON does not allow a comma after the last item");
        self.lx.error(d);
    }

    /// A missing comma before the token in view, unless the previous token was a string
    /// without its closing quote (already reported; the comma may well be inside it).
    fn missing_comma(&mut self, expected: &str, what: &str) {
        if self.lx.unterminated_end == Some(self.last_end) {
            return;
        }
        let help = format!("add a `,` between the {what}");
        let prev = Span::at(self.last_end);
        let before = self.lx.diagnostics.len();
        self.unexpected(expected, "expected `,`", Some(&help));
        if self.lx.diagnostics.len() > before {
            let last = self.lx.diagnostics.pop().expect("one was added");
            self.lx
                .diagnostics
                .push(last.label(prev, "a `,` is probably missing here"));
        }
    }

    /// The members of an object whose `{` at `open` was just read.
    fn object(&mut self, open: Span, depth: usize) -> Node {
        let mut members: Vec<Member> = Vec::new();
        let mut damaged = false;
        let mut last_comma: Option<Span> = None;
        'members: loop {
            // The key.
            let key = match self.peek_kind() {
                Tok::Str(_) => {
                    let token = self.bump();
                    let Tok::Str(name) = token.kind else {
                        unreachable!()
                    };
                    Key {
                        name,
                        span: token.span,
                    }
                }
                Tok::Word | Tok::Num(_) | Tok::Bad => {
                    let token = self.bump();
                    let name = self.lx.text[token.span.start..token.span.end].to_owned();
                    if token.kind != Tok::Bad {
                        let d = Diagnostic::new(
                            &codes::SYNTAX_ERROR,
                            token.span,
                            format!("unquoted key `{}`", self.token_text(&token, 30)),
                        )
                        .primary_label("keys must be strings in double quotes")
                        .help(format!("put the key in double quotes: `\"{name}\"`"));
                        self.lx.error(d);
                    }
                    Key {
                        name,
                        span: token.span,
                    }
                }
                Tok::RBrace => {
                    if let Some(comma) = last_comma {
                        self.trailing_comma(comma, '}');
                    }
                    self.bump();
                    break;
                }
                Tok::RBracket => {
                    damaged |= self.wrong_closer("expected a key or `}`", open);
                    break;
                }
                Tok::Eof => {
                    self.unexpected_in("expected a key or `}`", "expected a key", open, None);
                    damaged = true;
                    break;
                }
                Tok::Comma => {
                    self.unexpected(
                        "expected a key",
                        "expected a key",
                        Some("remove the extra `,`"),
                    );
                    last_comma = Some(self.bump().span);
                    continue;
                }
                Tok::LBrace | Tok::LBracket | Tok::Colon | Tok::Invalid(_) => {
                    self.unexpected(
                        "expected a key in double quotes",
                        "expected a key",
                        Some("each member of an object is a key in double quotes, `:` and a value"),
                    );
                    self.skip_to_separator();
                    damaged = true;
                    if *self.peek_kind() == Tok::Comma {
                        last_comma = Some(self.bump().span);
                    } else {
                        last_comma = None;
                    }
                    continue;
                }
            };
            last_comma = None;

            // The colon.
            let has_value = match self.peek_kind() {
                Tok::Colon => {
                    self.bump();
                    true
                }
                Tok::Invalid('=') => {
                    self.unexpected(
                        "expected `:` after the key",
                        "expected `:`",
                        Some("write `:` between a key and its value"),
                    );
                    self.bump();
                    true
                }
                Tok::Str(_) | Tok::Num(_) | Tok::Word | Tok::Bad | Tok::LBrace | Tok::LBracket => {
                    self.unexpected(
                        "expected `:` after the key",
                        "expected `:`",
                        Some("write `:` between a key and its value"),
                    );
                    true
                }
                Tok::Invalid(_) => {
                    self.unexpected("expected `:` after the key", "expected `:`", None);
                    self.skip_to_separator();
                    false
                }
                Tok::Eof => {
                    self.unexpected_in("expected `:` after the key", "expected `:`", open, None);
                    false
                }
                Tok::Comma | Tok::RBrace | Tok::RBracket => {
                    self.unexpected(
                        "expected `:` after the key",
                        "expected `:`",
                        Some("every key needs a value: `\"Key\": value`"),
                    );
                    false
                }
            };

            // The value.
            match has_value.then(|| self.value(depth)).flatten() {
                Some(value) => members.push(Member { key, value }),
                None => damaged = true,
            }

            // The separator.
            loop {
                match self.peek_kind() {
                    Tok::Comma => {
                        last_comma = Some(self.bump().span);
                        continue 'members;
                    }
                    Tok::RBrace => {
                        self.bump();
                        break 'members;
                    }
                    Tok::RBracket => {
                        damaged |=
                            self.wrong_closer("expected `,` or `}` after an object member", open);
                        break 'members;
                    }
                    Tok::Eof => {
                        self.unexpected_in(
                            "expected `,` or `}` after an object member",
                            "expected `,` or `}`",
                            open,
                            None,
                        );
                        damaged = true;
                        break 'members;
                    }
                    Tok::Str(_) | Tok::Word => {
                        self.missing_comma("expected `,` or `}` after an object member", "members");
                        continue 'members;
                    }
                    _ => {
                        self.unexpected(
                            "expected `,` or `}` after an object member",
                            "expected `,` or `}`",
                            None,
                        );
                        self.skip_to_separator();
                        damaged = true;
                        // Loop: the separator found (or the end) is handled above.
                    }
                }
            }
        }
        check_duplicates(&members, &mut self.lx.diagnostics);
        let mut node = Node::new(Value::Object(members), Span::new(open.start, self.last_end));
        node.damaged = damaged;
        node
    }

    /// The elements of an array whose `[` at `open` was just read.
    fn array(&mut self, open: Span, depth: usize) -> Node {
        let mut items = Vec::new();
        let mut damaged = false;
        let mut last_comma: Option<Span> = None;
        'items: loop {
            match self.peek_kind() {
                Tok::RBracket => {
                    if let Some(comma) = last_comma {
                        self.trailing_comma(comma, ']');
                    }
                    self.bump();
                    break;
                }
                Tok::RBrace => {
                    damaged |= self.wrong_closer("expected a value or `]`", open);
                    break;
                }
                Tok::Eof => {
                    self.unexpected_in("expected a value or `]`", "expected a value", open, None);
                    damaged = true;
                    break;
                }
                _ => {}
            }
            match self.value(depth) {
                Some(value) => items.push(value),
                None => damaged = true,
            }
            last_comma = None;
            loop {
                match self.peek_kind() {
                    Tok::Comma => {
                        last_comma = Some(self.bump().span);
                        continue 'items;
                    }
                    Tok::RBracket => {
                        self.bump();
                        break 'items;
                    }
                    Tok::RBrace => {
                        damaged |=
                            self.wrong_closer("expected `,` or `]` after an array element", open);
                        break 'items;
                    }
                    Tok::Eof => {
                        self.unexpected_in(
                            "expected `,` or `]` after an array element",
                            "expected `,` or `]`",
                            open,
                            None,
                        );
                        damaged = true;
                        break 'items;
                    }
                    Tok::Str(_)
                    | Tok::Num(_)
                    | Tok::Word
                    | Tok::Bad
                    | Tok::LBrace
                    | Tok::LBracket => {
                        self.missing_comma(
                            "expected `,` or `]` after an array element",
                            "elements",
                        );
                        continue 'items;
                    }
                    Tok::Colon | Tok::Invalid(_) => {
                        self.unexpected(
                            "expected `,` or `]` after an array element",
                            "expected `,` or `]`",
                            None,
                        );
                        self.skip_to_separator();
                        damaged = true;
                    }
                }
            }
        }
        let mut node = Node::new(Value::Array(items), Span::new(open.start, self.last_end));
        node.damaged = damaged;
        node
    }
}

/// Reports each key that repeats an earlier key of the same object.
fn check_duplicates(members: &[Member], diagnostics: &mut Vec<Diagnostic>) {
    let mut report = |first: &Key, again: &Key| {
        diagnostics.push(
            Diagnostic::new(
                &codes::DUPLICATE_KEY,
                again.span,
                format!("duplicate key `{}` in this object", again.name),
            )
            .primary_label("defined again here")
            .label(first.span, "first defined here")
            .help("AWS silently keeps only one of the values; remove the other"),
        );
    };
    if members.len() <= SMALL_OBJECT {
        for (i, m) in members.iter().enumerate() {
            if let Some(first) = members[..i].iter().find(|f| f.key.name == m.key.name) {
                report(&first.key, &m.key);
            }
        }
    } else {
        let mut seen: HashMap<&str, &Key> = HashMap::with_capacity(members.len());
        for m in members {
            match seen.get(m.key.name.as_str()) {
                Some(first) => report(first, &m.key),
                None => {
                    seen.insert(&m.key.name, &m.key);
                }
            }
        }
    }
}
