//! Intrinsic function calls of JSONPath states (rules.md 5.9): `States.Format('x {}', $.a)`.
//!
//! [`parse`] reads a call into a tree with byte positions (offsets in the decoded string);
//! [`check`] compares a parsed call with [`FUNCTIONS`], the one table of signatures.

use std::ops::Range;

use super::path::{self, PathError, PathKind};

/// At most this many calls nested in one another (AWS quota, rules.md 5.9).
pub const MAX_NESTING: usize = 10;

/// The type of an argument or a result, as far as it is known without running anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Any,
    String,
    Integer,
    Boolean,
    Array,
    Object,
    /// A JSON value that is not an array or object (`States.Format` arguments).
    Scalar,
    /// Only a path (`States.JsonToString`).
    PathOnly,
}

impl Kind {
    pub fn describe(self) -> &'static str {
        match self {
            Kind::Any => "any value",
            Kind::String => "a string",
            Kind::Integer => "an integer",
            Kind::Boolean => "a boolean",
            Kind::Array => "an array",
            Kind::Object => "an object",
            Kind::Scalar => "a string, number, boolean or null",
            Kind::PathOnly => "a path",
        }
    }
}

/// One intrinsic function's signature.
#[derive(Debug)]
pub struct Signature {
    pub name: &'static str,
    pub min: usize,
    /// `None`: any number.
    pub max: Option<usize>,
    /// The kind of each argument; the last one repeats for variadic functions.
    pub args: &'static [Kind],
    pub returns: Kind,
}

const fn sig(
    name: &'static str,
    min: usize,
    max: Option<usize>,
    args: &'static [Kind],
    returns: Kind,
) -> Signature {
    Signature {
        name,
        min,
        max,
        args,
        returns,
    }
}

use Kind::{Any, Array, Boolean, Integer, Object, PathOnly, Scalar, String as Str};

/// Every intrinsic function (AWS "Intrinsic functions for JSONPath states"; rules.md 5.9).
pub static FUNCTIONS: &[Signature] = &[
    sig("States.Array", 0, None, &[Any], Array),
    sig("States.ArrayContains", 2, Some(2), &[Array, Any], Boolean),
    sig("States.ArrayGetItem", 2, Some(2), &[Array, Integer], Any),
    sig("States.ArrayLength", 1, Some(1), &[Array], Integer),
    sig(
        "States.ArrayPartition",
        2,
        Some(2),
        &[Array, Integer],
        Array,
    ),
    sig(
        "States.ArrayRange",
        3,
        Some(3),
        &[Integer, Integer, Integer],
        Array,
    ),
    sig("States.ArrayUnique", 1, Some(1), &[Array], Array),
    sig("States.Base64Decode", 1, Some(1), &[Str], Str),
    sig("States.Base64Encode", 1, Some(1), &[Str], Str),
    sig("States.Format", 1, None, &[Str, Scalar], Str),
    sig("States.Hash", 2, Some(2), &[Any, Str], Str),
    sig(
        "States.JsonMerge",
        3,
        Some(3),
        &[Object, Object, Boolean],
        Object,
    ),
    sig("States.JsonToString", 1, Some(1), &[PathOnly], Str),
    sig("States.MathAdd", 2, Some(2), &[Integer, Integer], Integer),
    sig(
        "States.MathRandom",
        2,
        Some(3),
        &[Integer, Integer, Integer],
        Integer,
    ),
    sig("States.StringSplit", 2, Some(2), &[Str, Str], Array),
    sig("States.StringToJson", 1, Some(1), &[Str], Any),
    sig("States.UUID", 0, Some(0), &[], Str),
];

/// The algorithms `States.Hash` accepts.
pub const HASH_ALGORITHMS: &[&str] = &["MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512"];

/// The most elements `States.ArrayRange` may produce.
pub const MAX_RANGE_ITEMS: f64 = 1000.0;

/// The signature of the function called `name`.
pub fn signature(name: &str) -> Option<&'static Signature> {
    FUNCTIONS.iter().find(|f| f.name == name)
}

/// One argument or call, with its byte range in the string.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub range: Range<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// The string as written between the quotes (escapes kept: `\\{` stays two characters).
    String(String),
    Number(f64),
    Bool(bool),
    Null,
    Path(path::Path),
    Call(Call),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    pub name: String,
    pub name_range: Range<usize>,
    pub args: Vec<Expr>,
    /// Where `(` and `)` are.
    pub open: usize,
    pub close: usize,
}

impl Expr {
    /// What the expression evaluates to, as far as known.
    pub fn kind(&self) -> Kind {
        match &self.kind {
            ExprKind::String(_) => Kind::String,
            ExprKind::Number(n) if n.fract() == 0.0 => Kind::Integer,
            ExprKind::Number(_) => Kind::Scalar,
            ExprKind::Bool(_) => Kind::Boolean,
            ExprKind::Null => Kind::Scalar,
            ExprKind::Path(_) => Kind::Any,
            ExprKind::Call(call) => signature(&call.name).map_or(Kind::Any, |s| s.returns),
        }
    }

    pub fn is_literal(&self) -> bool {
        !matches!(self.kind, ExprKind::Path(_) | ExprKind::Call(_))
    }
}

/// Whether `s` reads as an intrinsic call at a glance: `Name.Name(…)`.
pub fn looks_like_call(s: &str) -> bool {
    let s = s.trim();
    let Some(open) = s.find('(') else {
        return false;
    };
    let name = s[..open].trim_end();
    s.ends_with(')')
        && name.contains('.')
        && !name.starts_with('$')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
}

/// A syntax or signature error: where in the string and what is wrong.
pub type Error = PathError;

fn err(range: Range<usize>, message: impl Into<String>) -> Error {
    Error {
        range,
        message: message.into(),
    }
}

/// Parses `s` as one intrinsic call (white space around it is ignored).
pub fn parse(s: &str) -> Result<Expr, Error> {
    let mut p = Parser { s, i: 0 };
    p.skip_spaces();
    let start = p.i;
    if !p.rest().starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Err(err(
            p.char_range(),
            "expected an intrinsic function call such as `States.Format(...)`",
        ));
    }
    let call = p.call(1)?;
    p.skip_spaces();
    if p.i < s.len() {
        return Err(err(
            p.char_range(),
            format!("unexpected `{}` after the call", p.peek().unwrap_or(' ')),
        ));
    }
    Ok(Expr {
        range: start..call.close + 1,
        kind: ExprKind::Call(call),
    })
}

struct Parser<'a> {
    s: &'a str,
    i: usize,
}

impl Parser<'_> {
    fn rest(&self) -> &str {
        &self.s[self.i..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn char_range(&self) -> Range<usize> {
        self.i..self.i + self.peek().map_or(0, char::len_utf8)
    }

    fn skip_spaces(&mut self) {
        self.i = self.s.len() - self.rest().trim_start().len();
    }

    fn call(&mut self, depth: usize) -> Result<Call, Error> {
        let start = self.i;
        let len = self
            .rest()
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '_'))
            .unwrap_or(self.rest().len());
        self.i += len;
        let name_range = start..self.i;
        let name = self.s[name_range.clone()].to_string();
        self.skip_spaces();
        if self.peek() != Some('(') {
            let found = match self.peek() {
                Some(c) => format!("found `{c}`"),
                None => "found the end".to_string(),
            };
            return Err(err(
                if self.i < self.s.len() {
                    self.char_range()
                } else {
                    name_range
                },
                format!("expected `(` after `{name}`, {found}"),
            ));
        }
        if depth > MAX_NESTING {
            return Err(err(
                name_range,
                format!("intrinsic functions are nested more than {MAX_NESTING} deep"),
            ));
        }
        let open = self.i;
        self.i += 1;
        let mut args = Vec::new();
        self.skip_spaces();
        if self.peek() == Some(')') {
            let close = self.i;
            self.i += 1;
            return Ok(Call {
                name,
                name_range,
                args,
                open,
                close,
            });
        }
        loop {
            self.skip_spaces();
            args.push(self.arg(depth)?);
            self.skip_spaces();
            match self.peek() {
                Some(',') => self.i += 1,
                Some(')') => {
                    let close = self.i;
                    self.i += 1;
                    return Ok(Call {
                        name,
                        name_range,
                        args,
                        open,
                        close,
                    });
                }
                Some(c) => {
                    return Err(err(
                        self.char_range(),
                        format!("unexpected `{c}`; expected `,` or `)`"),
                    ));
                }
                None => return Err(err(open..open + 1, "unclosed `(`")),
            }
        }
    }

    fn arg(&mut self, depth: usize) -> Result<Expr, Error> {
        let start = self.i;
        let kind = match self.peek() {
            Some('\'') => ExprKind::String(self.string()?),
            Some('$') => ExprKind::Path(self.path()?),
            Some(c) if c == '-' || c == '+' || c.is_ascii_digit() => self.number()?,
            Some(c) if c.is_ascii_alphabetic() => {
                let word_len = self
                    .rest()
                    .find(|c: char| !c.is_ascii_alphanumeric())
                    .unwrap_or(self.rest().len());
                let word = &self.rest()[..word_len];
                let after = self.rest()[word_len..].trim_start();
                let literal = match word {
                    "true" => Some(ExprKind::Bool(true)),
                    "false" => Some(ExprKind::Bool(false)),
                    "null" => Some(ExprKind::Null),
                    _ => None,
                };
                match literal {
                    Some(lit) if !after.starts_with(['.', '(']) => {
                        self.i += word_len;
                        lit
                    }
                    _ => ExprKind::Call(self.call(depth + 1)?),
                }
            }
            Some('"') => {
                return Err(err(
                    self.char_range(),
                    "string arguments are written in single quotes: `'text'`",
                ));
            }
            Some(c) => {
                return Err(err(
                    self.char_range(),
                    format!(
                        "unexpected `{c}`; expected a path, a string in single quotes, a number, `true`, `false`, `null` or a call"
                    ),
                ));
            }
            None => return Err(err(self.i..self.i, "expected an argument")),
        };
        Ok(Expr {
            kind,
            range: start..self.i,
        })
    }

    /// `'…'` with `\'`, `\{`, `\}`, `\\` (and any other character after `\`) as escapes.
    fn string(&mut self) -> Result<String, Error> {
        let open = self.i;
        self.i += 1;
        let mut out = String::new();
        loop {
            let Some(c) = self.peek() else {
                return Err(err(open..open + 1, "unclosed string: `'` expected"));
            };
            self.i += c.len_utf8();
            match c {
                '\'' => return Ok(out),
                '\\' => {
                    let Some(n) = self.peek() else {
                        return Err(err(open..open + 1, "unclosed string: `'` expected"));
                    };
                    self.i += n.len_utf8();
                    out.push('\\');
                    out.push(n);
                }
                c => out.push(c),
            }
        }
    }

    /// A path argument: up to the next `,` or `)` outside brackets, parentheses and quotes.
    fn path(&mut self) -> Result<path::Path, Error> {
        let start = self.i;
        let mut depth = 0usize;
        let mut quote: Option<char> = None;
        let mut escaped = false;
        let rest = &self.s[start..];
        for (at, c) in rest.char_indices() {
            if escaped {
                escaped = false;
                continue;
            }
            match (quote, c) {
                (Some(_), '\\') => escaped = true,
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '\'' | '"') => quote = Some(c),
                (None, '[' | '(') => depth += 1,
                (None, ']') => depth = depth.saturating_sub(1),
                (None, ')') if depth > 0 => depth -= 1,
                (None, c) if depth == 0 && (c == ',' || c == ')' || c.is_whitespace()) => {
                    self.i = start + at;
                    break;
                }
                _ => {}
            }
            self.i = start + at + c.len_utf8();
        }
        let text = self.s[start..self.i].trim_end();
        path::parse(text, PathKind::Path)
            .map_err(|e| err(start + e.range.start..start + e.range.end, e.message))
    }

    fn number(&mut self) -> Result<ExprKind, Error> {
        let start = self.i;
        let len = self
            .rest()
            .find(|c: char| !(c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E')))
            .unwrap_or(self.rest().len());
        self.i += len;
        let text = &self.s[start..self.i];
        text.parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .map(ExprKind::Number)
            .ok_or_else(|| err(start..self.i, format!("`{text}` is not a number")))
    }
}

/// Checks a parsed call against the signatures: unknown functions, arity, literal argument types
/// and the per-function rules of rules.md 5.9. Returns every problem found, outermost first.
pub fn check(expr: &Expr) -> Vec<Error> {
    let mut out = Vec::new();
    let mut stack = vec![expr];
    while let Some(expr) = stack.pop() {
        let ExprKind::Call(call) = &expr.kind else {
            continue;
        };
        check_call(call, &mut out);
        stack.extend(call.args.iter().rev());
    }
    out
}

fn check_call(call: &Call, out: &mut Vec<Error>) {
    let Some(sig) = signature(&call.name) else {
        let mut message = format!("unknown intrinsic function `{}`", call.name);
        if let Some(close) = crate::suggest::closest(&call.name, FUNCTIONS.iter().map(|f| f.name)) {
            message.push_str(&format!("; did you mean `{close}`?"));
        }
        out.push(err(call.name_range.clone(), message));
        return;
    };
    let n = call.args.len();
    if n < sig.min || sig.max.is_some_and(|max| n > max) {
        let expected = match sig.max {
            Some(max) if max == sig.min => format!("{max}"),
            Some(max) => format!("{} to {max}", sig.min),
            None => format!("at least {}", sig.min),
        };
        let plural = if expected == "1" { "" } else { "s" };
        out.push(err(
            call.open..call.close + 1,
            format!(
                "`{}` takes {expected} argument{plural}, found {n}",
                sig.name
            ),
        ));
    }
    for (i, arg) in call.args.iter().enumerate() {
        let Some(want) = sig.args.get(i).or(sig.args.last()) else {
            continue;
        };
        if let Some(problem) = mismatch(*want, arg) {
            out.push(err(
                arg.range.clone(),
                format!(
                    "argument {} of `{}` must be {}, {problem}",
                    i + 1,
                    sig.name,
                    want.describe()
                ),
            ));
        }
    }
    special_rules(call, out);
}

/// Why `arg` cannot be of kind `want`, when that is certain.
fn mismatch(want: Kind, arg: &Expr) -> Option<String> {
    let have = arg.kind();
    let found = |what: &str| Some(format!("found {what}"));
    match want {
        Kind::Any => None,
        Kind::PathOnly => match &arg.kind {
            ExprKind::Path(_) => None,
            ExprKind::Call(_) => None,
            _ => found(literal_name(arg)),
        },
        _ if have == Kind::Any => None,
        Kind::Scalar => match have {
            Kind::Array | Kind::Object => found(have.describe()),
            _ => None,
        },
        Kind::Integer if matches!(arg.kind, ExprKind::Number(_)) && have != Kind::Integer => {
            found("a number with a fraction")
        }
        _ if have == want => None,
        _ if have == Kind::Scalar && want != Kind::Integer => found(literal_name(arg)),
        _ => found(if arg.is_literal() {
            literal_name(arg)
        } else {
            have.describe()
        }),
    }
}

fn literal_name(arg: &Expr) -> &'static str {
    match &arg.kind {
        ExprKind::String(_) => "a string",
        ExprKind::Number(_) => "a number",
        ExprKind::Bool(_) => "a boolean",
        ExprKind::Null => "`null`",
        ExprKind::Path(_) => "a path",
        ExprKind::Call(_) => "a call",
    }
}

/// The checks that depend on literal values.
fn special_rules(call: &Call, out: &mut Vec<Error>) {
    let literal_str = |i: usize| match call.args.get(i).map(|a| &a.kind) {
        Some(ExprKind::String(s)) => Some(s.as_str()),
        _ => None,
    };
    let literal_num = |i: usize| match call.args.get(i).map(|a| &a.kind) {
        Some(ExprKind::Number(n)) => Some(*n),
        _ => None,
    };
    let range = |i: usize| {
        call.args
            .get(i)
            .map_or(call.name_range.clone(), |a| a.range.clone())
    };
    match call.name.as_str() {
        "States.Format" => {
            if let Some(template) = literal_str(0) {
                let holes = count_placeholders(template);
                let given = call.args.len() - 1;
                if holes != given {
                    out.push(err(
                        range(0),
                        format!(
                            "the template has {holes} `{{}}` placeholder{} but {given} value{} follow{}",
                            if holes == 1 { "" } else { "s" },
                            if given == 1 { "" } else { "s" },
                            if given == 1 { "s" } else { "" },
                        ),
                    ));
                }
            }
        }
        "States.ArrayPartition" if literal_num(1).is_some_and(|n| n < 1.0) => {
            out.push(err(range(1), "the chunk size must be a positive integer"));
        }
        "States.ArrayRange" => {
            let (Some(a), Some(b), Some(step)) = (literal_num(0), literal_num(1), literal_num(2))
            else {
                return;
            };
            if step == 0.0 {
                out.push(err(
                    range(2),
                    "the step of `States.ArrayRange` must not be 0",
                ));
            } else if ((b - a) / step).floor() + 1.0 > MAX_RANGE_ITEMS {
                out.push(err(
                    call.open..call.close + 1,
                    format!(
                        "`States.ArrayRange` may produce at most {MAX_RANGE_ITEMS} elements, this one produces {}",
                        ((b - a) / step).floor() + 1.0
                    ),
                ));
            }
        }
        "States.Hash" => {
            if let Some(alg) = literal_str(1).filter(|a| !HASH_ALGORITHMS.contains(a)) {
                let mut message = format!(
                    "`{alg}` is not a hash algorithm; expected one of `{}`",
                    HASH_ALGORITHMS.join("`, `")
                );
                if let Some(close) = crate::suggest::closest(alg, HASH_ALGORITHMS.iter().copied()) {
                    message = format!("`{alg}` is not a hash algorithm; did you mean `{close}`?");
                }
                out.push(err(range(1), message));
            }
        }
        "States.JsonMerge" => {
            if matches!(
                call.args.get(2).map(|a| &a.kind),
                Some(ExprKind::Bool(true))
            ) {
                out.push(err(
                    range(2),
                    "`States.JsonMerge` supports only a shallow merge: the third argument must be `false`",
                ));
            }
        }
        _ => {}
    }
}

/// The number of `{}` in a `States.Format` template (escaped braces `\{` `\}` do not count).
pub fn count_placeholders(template: &str) -> usize {
    let mut count = 0;
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '{' if chars.peek() == Some(&'}') => {
                chars.next();
                count += 1;
            }
            _ => {}
        }
    }
    count
}

/// The calls in `expr`, outermost first.
pub fn calls(expr: &Expr) -> Vec<&Call> {
    let mut out = Vec::new();
    let mut stack = vec![expr];
    while let Some(e) = stack.pop() {
        if let ExprKind::Call(call) = &e.kind {
            out.push(call);
            stack.extend(call.args.iter().rev());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const OK: &[&str] = &[
        "States.UUID()",
        "States.Array()",
        "States.Format('x {}', $.a)",
        "  States.Format($.template, $.firstName, $.lastName)    ",
        "States.Format('Welcome to {} {}\\'s playlist.', $.firstName, $.lastName)",
        "States.Format('a \\{\\} {}', $$.Execution.Id)",
        "States.Array('Foo', 2020, $.someJson, null, true, -1.5)",
        "States.ArrayGetItem(States.StringSplit($$.Execution.Id, ':'), 6)",
        "States.JsonToString($.[?(@.year <= 1998)])",
        "States.ArrayGetItem($.r[?(@.k == 'a,b')].v, 0)",
        "States.MathAdd(States.ArrayLength($.x),-1)",
        "States.ArrayPartition($.inputArray,4)",
        "States.JsonMerge($json1, $json2, false)",
        "States.Hash($.x, 'SHA-256')",
        "States.ArrayRange(1, 1000, 1)",
        "States.MathRandom($.a, $.b, 3)",
        "States.Format('{}', States.Format('{}', States.UUID()))",
    ];

    /// (call, offending text, word of the message).
    const ERRORS: &[(&str, &str, &str)] = &[
        ("States.Format('x {}', $.a", "(", "unclosed"),
        ("States.Format('x {}, $.a)", "'", "unclosed string"),
        ("States.Format(\"x\")", "\"", "single quotes"),
        (
            "States.Formt('x')",
            "States.Formt",
            "did you mean `States.Format`",
        ),
        ("States.UUID(1)", "(1)", "takes 0 arguments"),
        ("States.ArrayLength()", "()", "takes 1 argument,"),
        ("States.MathRandom(1)", "(1)", "2 to 3"),
        (
            "States.Format('{} {}', $.a)",
            "'{} {}'",
            "2 `{}` placeholders but 1 value",
        ),
        (
            "States.Format('{}')",
            "'{}'",
            "1 `{}` placeholder but 0 values",
        ),
        ("States.MathAdd(1, 'a')", "'a'", "must be an integer"),
        ("States.MathAdd(1, 1.5)", "1.5", "fraction"),
        ("States.ArrayLength('abc')", "'abc'", "must be an array"),
        ("States.JsonToString('x')", "'x'", "must be a path"),
        (
            "States.ArrayLength(States.Format('x'))",
            "States.Format('x')",
            "found a string",
        ),
        (
            "States.Format('{}', States.Array(1))",
            "States.Array(1)",
            "found an array",
        ),
        ("States.ArrayRange(1, 5, 0)", "0", "must not be 0"),
        (
            "States.ArrayRange(0, 5000, 1)",
            "(0, 5000, 1)",
            "at most 1000",
        ),
        (
            "States.Hash($.x, 'SHA256')",
            "'SHA256'",
            "did you mean `SHA-256`",
        ),
        ("States.JsonMerge($.a, $.b, true)", "true", "shallow"),
        ("States.ArrayPartition($.a, 0)", "0", "positive"),
        ("States.Format('{}', $.a b)", "b", "expected `,` or `)`"),
        ("$.a", "$", "expected an intrinsic"),
        ("States.UUID() x", "x", "after the call"),
        ("States.Array(#)", "#", "unexpected `#`"),
    ];

    fn first_error(s: &str) -> Error {
        match parse(s) {
            Err(e) => e,
            Ok(expr) => check(&expr)
                .into_iter()
                .next()
                .unwrap_or_else(|| panic!("{s}: no error")),
        }
    }

    #[test]
    fn accepts_valid_calls() {
        for s in OK {
            let expr = parse(s).unwrap_or_else(|e| panic!("{s}: {e:?}"));
            assert_eq!(check(&expr), Vec::new(), "{s}");
        }
    }

    #[test]
    fn errors_point_at_the_offending_text() {
        for (s, text, word) in ERRORS {
            let e = first_error(s);
            assert_eq!(&&s[e.range.clone()], text, "{s}: {e:?}");
            assert!(e.message.contains(word), "{s}: {}", e.message);
        }
    }

    #[test]
    fn nesting_limit() {
        let nest = |n: usize| {
            let mut s = "$.a".to_string();
            for _ in 0..n {
                s = format!("States.StringToJson({s})");
            }
            s
        };
        assert!(parse(&nest(MAX_NESTING)).is_ok());
        let e = parse(&nest(MAX_NESTING + 1)).unwrap_err();
        assert!(e.message.contains("nested"), "{}", e.message);
    }

    #[test]
    fn the_table_has_every_function_once() {
        assert_eq!(FUNCTIONS.len(), 18);
        let mut names: Vec<&str> = FUNCTIONS.iter().map(|f| f.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), 18);
    }

    #[test]
    fn placeholders() {
        assert_eq!(count_placeholders("a {} b {}"), 2);
        assert_eq!(count_placeholders("a \\{} b"), 0);
        assert_eq!(count_placeholders("{}{}{"), 2);
    }
}
