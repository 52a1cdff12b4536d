//! Function signatures, `<n-n:n>`: one type letter per parameter (`b n s l a o f j x`, or a
//! choice `(ns)`), `-` (the context may stand in for it), `?` (optional), `+` (one or more),
//! a subtype for arrays and functions (`a<n>`, `f<n:n>`), and a result type after `:`.
//! As in the reference, letters it does not know are skipped, and the result type is kept as
//! text only.

use super::Error;
use crate::syntax::Span;

#[derive(Debug, Clone, PartialEq)]
pub struct Signature {
    /// The signature as written, `<` and `>` included, whitespace removed.
    pub text: String,
    pub span: Span,
    pub params: Vec<SigParam>,
    /// The text after `:`, if any (`n`, `a<n>`).
    pub result: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct SigParam {
    /// One type letter, or a choice such as `(ns)`.
    pub types: String,
    /// `a<n>`: `n`.
    pub subtype: Option<String>,
    /// `-`: the context is used when the argument is missing.
    pub context: bool,
    /// `?`.
    pub optional: bool,
    /// `+`.
    pub one_or_more: bool,
}

/// Parses `text` (starting with `<`), which was written at `span`.
pub(crate) fn parse(text: &str, span: Span) -> Result<Signature, Error> {
    let chars: Vec<char> = text.chars().collect();
    let mut params: Vec<SigParam> = Vec::new();
    let mut result = None;
    let mut i = 1;
    let err = |code: &'static str, at: usize, value: String| {
        let at = span.start + at.min(span.end - span.start);
        Error::new(code, at, at + 1).value(&value)
    };
    while i < chars.len() {
        let c = chars[i];
        match c {
            ':' => {
                let rest: String = chars[i + 1..].iter().collect();
                let rest = rest.strip_suffix('>').unwrap_or(&rest).to_string();
                result = Some(rest);
                break;
            }
            's' | 'n' | 'b' | 'l' | 'o' | 'a' | 'f' | 'j' | 'x' => params.push(SigParam {
                types: c.to_string(),
                ..SigParam::default()
            }),
            '-' | '?' | '+' => {
                if let Some(last) = params.last_mut() {
                    match c {
                        '-' => last.context = true,
                        '?' => last.optional = true,
                        _ => last.one_or_more = true,
                    }
                }
            }
            '(' => {
                let end = closing(&chars, i, '(', ')');
                let choice: String = chars[i + 1..end.min(chars.len())].iter().collect();
                if choice.contains('<') {
                    return Err(err("S0402", i, choice));
                }
                params.push(SigParam {
                    types: format!("({choice})"),
                    ..SigParam::default()
                });
                i = end;
            }
            '<' => {
                let Some(last) = params
                    .last_mut()
                    .filter(|p| p.types == "a" || p.types == "f")
                else {
                    let prev = params.last().map(|p| p.types.clone()).unwrap_or_default();
                    return Err(err("S0401", i, prev));
                };
                let end = closing(&chars, i, '<', '>');
                last.subtype = Some(chars[i + 1..end.min(chars.len())].iter().collect());
                i = end;
            }
            _ => {}
        }
        i += 1;
    }
    Ok(Signature {
        text: text.to_string(),
        span,
        params,
        result,
    })
}

/// The index of the bracket that closes the one at `start`, or the end.
fn closing(chars: &[char], start: usize, open: char, close: char) -> usize {
    let mut depth = 1;
    let mut i = start + 1;
    while i < chars.len() {
        if chars[i] == open {
            depth += 1;
        } else if chars[i] == close {
            depth -= 1;
            if depth == 0 {
                return i;
            }
        }
        i += 1;
    }
    chars.len()
}
