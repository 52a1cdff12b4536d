//! JSONPath Choice rules, with AWS's type rules (checked against
//! `../shared/oracle/choice/`): a comparison whose Variable (or `...Path` operand) has the wrong
//! type is false, never an error; `1` equals `1.0`; strings compare by UTF-16 code units, as
//! Java's `String.compareTo`; timestamps are compared as instants.

use std::cmp::Ordering;

use serde_json::Value;

use super::{Failure, Scope, is_present, select};
use crate::ast::{ChoiceRule, ChoiceRuleKind, Test};

/// Evaluates a rule: `Condition` (JSONata) and rules that could not be read are false.
pub(super) fn evaluate(rule: &ChoiceRule, scope: &Scope<'_>) -> Result<bool, Failure> {
    match &rule.kind {
        ChoiceRuleKind::And(rules) => {
            for r in rules {
                if !evaluate(r, scope)? {
                    return Ok(false);
                }
            }
            Ok(true)
        }
        ChoiceRuleKind::Or(rules) => {
            for r in rules {
                if evaluate(r, scope)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        ChoiceRuleKind::Not(inner) => Ok(!evaluate(inner, scope)?),
        ChoiceRuleKind::Comparison {
            variable,
            operator,
            operand,
        } => {
            let operand = operand.value.to_json();
            if operator.test == Test::IsPresent {
                let want = operand.as_bool().unwrap_or(true);
                return Ok(is_present(&variable.value, scope) == want);
            }
            let value = select(&variable.value, scope)?;
            let operand = if operator.path {
                let Some(path) = operand.as_str() else {
                    return Ok(false);
                };
                select(path, scope)?
            } else {
                operand
            };
            Ok(compare(operator.test, &value, &operand))
        }
        ChoiceRuleKind::Condition(_) | ChoiceRuleKind::Invalid => Ok(false),
    }
}

/// One comparison: `value` is the Variable's value, `operand` the literal or the value of the
/// `...Path` operand.
pub(super) fn compare(test: Test, value: &Value, operand: &Value) -> bool {
    use Test as T;
    let is = |check: bool| operand.as_bool().is_some_and(|want| want == check);
    match test {
        T::StringEquals => strings(value, operand) == Some(Ordering::Equal),
        T::StringLessThan => strings(value, operand) == Some(Ordering::Less),
        T::StringGreaterThan => strings(value, operand) == Some(Ordering::Greater),
        T::StringLessThanEquals => matches!(
            strings(value, operand),
            Some(Ordering::Less | Ordering::Equal)
        ),
        T::StringGreaterThanEquals => matches!(
            strings(value, operand),
            Some(Ordering::Greater | Ordering::Equal)
        ),
        T::StringMatches => match (value, operand) {
            (Value::String(s), Value::String(pattern)) => wildcard_match(pattern, s),
            _ => false,
        },
        T::NumericEquals => numbers(value, operand) == Some(Ordering::Equal),
        T::NumericLessThan => numbers(value, operand) == Some(Ordering::Less),
        T::NumericGreaterThan => numbers(value, operand) == Some(Ordering::Greater),
        T::NumericLessThanEquals => matches!(
            numbers(value, operand),
            Some(Ordering::Less | Ordering::Equal)
        ),
        T::NumericGreaterThanEquals => matches!(
            numbers(value, operand),
            Some(Ordering::Greater | Ordering::Equal)
        ),
        T::BooleanEquals => match (value, operand) {
            (Value::Bool(a), Value::Bool(b)) => a == b,
            _ => false,
        },
        T::TimestampEquals => timestamps(value, operand) == Some(Ordering::Equal),
        T::TimestampLessThan => timestamps(value, operand) == Some(Ordering::Less),
        T::TimestampGreaterThan => timestamps(value, operand) == Some(Ordering::Greater),
        T::TimestampLessThanEquals => matches!(
            timestamps(value, operand),
            Some(Ordering::Less | Ordering::Equal)
        ),
        T::TimestampGreaterThanEquals => matches!(
            timestamps(value, operand),
            Some(Ordering::Greater | Ordering::Equal)
        ),
        T::IsNull => is(value.is_null()),
        T::IsPresent => is(true),
        T::IsNumeric => is(value.is_number()),
        T::IsString => is(value.is_string()),
        T::IsBoolean => is(value.is_boolean()),
        T::IsTimestamp => is(value.as_str().and_then(parse_timestamp).is_some()),
    }
}

fn strings(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::String(a), Value::String(b)) => Some(a.encode_utf16().cmp(b.encode_utf16())),
        _ => None,
    }
}

fn numbers(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64()) {
            (Some(i), Some(j)) => Some(i.cmp(&j)),
            _ => x.as_f64()?.partial_cmp(&y.as_f64()?),
        },
        _ => None,
    }
}

fn timestamps(a: &Value, b: &Value) -> Option<Ordering> {
    let a = parse_timestamp(a.as_str()?)?;
    let b = parse_timestamp(b.as_str()?)?;
    Some(a.cmp(&b))
}

/// `StringMatches`: `*` matches any run of characters; `\*` is a literal `*` and `\\` a literal
/// backslash.
pub(super) fn wildcard_match(pattern: &str, text: &str) -> bool {
    #[derive(PartialEq)]
    enum Token {
        Star,
        Char(char),
    }
    let mut tokens = Vec::new();
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(n) => tokens.push(Token::Char(n)),
                None => tokens.push(Token::Char('\\')),
            },
            '*' => tokens.push(Token::Star),
            c => tokens.push(Token::Char(c)),
        }
    }
    let text: Vec<char> = text.chars().collect();
    // Greedy matching with backtracking to the last star: linear in practice.
    let (mut t, mut p) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match tokens.get(p) {
            Some(Token::Char(c)) if *c == text[t] => {
                t += 1;
                p += 1;
            }
            Some(Token::Star) => {
                star = Some((p, t));
                p += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    p = sp + 1;
                    t = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    tokens[p..].iter().all(|tok| *tok == Token::Star)
}

/// A timestamp as an instant: seconds since 1970 and nanoseconds.
pub(super) type Instant = (i64, u32);

/// Parses an ISO-8601 extended offset date-time as Java's `ISO_OFFSET_DATE_TIME` does (AWS's
/// wording in its errors): `2016-03-14T01:59:00Z`, `...T01:59Z`, `...T01:59:00.123+05:30`; the
/// offset is required; `T` and `Z` in either case.
pub(crate) fn parse_timestamp(text: &str) -> Option<Instant> {
    let b = text.as_bytes();
    let digits = |from: usize, n: usize| -> Option<i64> {
        let part = b.get(from..from + n)?;
        if !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        std::str::from_utf8(part).ok()?.parse().ok()
    };
    let year = digits(0, 4)?;
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let month = digits(5, 2)?;
    let day = digits(8, 2)?;
    if !matches!(b.get(10), Some(b'T' | b't')) {
        return None;
    }
    let hour = digits(11, 2)?;
    if b.get(13) != Some(&b':') {
        return None;
    }
    let minute = digits(14, 2)?;
    let mut i = 16;
    let mut second = 0;
    let mut nanos = 0u32;
    if b.get(i) == Some(&b':') {
        second = digits(i + 1, 2)?;
        i += 3;
        if b.get(i) == Some(&b'.') {
            i += 1;
            let start = i;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            let n = i - start;
            if n == 0 || n > 9 {
                return None;
            }
            let frac: u32 = text[start..i].parse().ok()?;
            nanos = frac * 10u32.pow(u32::try_from(9 - n).ok()?);
        }
    }
    let offset = match b.get(i)? {
        b'Z' | b'z' if i + 1 == b.len() => 0,
        sign @ (b'+' | b'-') => {
            let oh = digits(i + 1, 2)?;
            if b.get(i + 3) != Some(&b':') {
                return None;
            }
            let om = digits(i + 4, 2)?;
            let mut os = 0;
            let end = if b.get(i + 6) == Some(&b':') {
                os = digits(i + 7, 2)?;
                i + 9
            } else {
                i + 6
            };
            if end != b.len() || oh > 18 || om > 59 || os > 59 {
                return None;
            }
            let total = oh * 3600 + om * 60 + os;
            if *sign == b'-' { -total } else { total }
        }
        _ => return None,
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if day < 1 || day > days_in_month || hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let days = crate::simulate::clock::days_from_civil(year, month, day);
    Some((
        days * 86_400 + hour * 3600 + minute * 60 + second - offset,
        nanos,
    ))
}
