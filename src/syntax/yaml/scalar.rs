//! Resolution of plain scalars by the YAML 1.2 core schema.

use crate::syntax::Number;

/// What a plain scalar means under the core schema.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Resolved {
    Null,
    Bool(bool),
    Number(Number),
    /// `.inf`, `-.inf`, `.nan` and their spellings: floats with no JSON form.
    NonJson,
    String,
}

/// Resolves a plain (unquoted, untagged) scalar.
pub(super) fn resolve_plain(text: &str) -> Resolved {
    if is_null(text) {
        return Resolved::Null;
    }
    if let Some(b) = as_bool(text) {
        return Resolved::Bool(b);
    }
    if let Some(n) = as_number(text) {
        return Resolved::Number(n);
    }
    if is_non_json_float(text) {
        return Resolved::NonJson;
    }
    Resolved::String
}

pub(super) fn is_null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

pub(super) fn as_bool(text: &str) -> Option<bool> {
    match text {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`, or a core-schema float
/// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`.
pub(super) fn as_number(text: &str) -> Option<Number> {
    if let Some(digits) = text.strip_prefix("0o") {
        return radix(digits, 8).map(|v| Number::new(text, v));
    }
    if let Some(digits) = text.strip_prefix("0x") {
        return radix(digits, 16).map(|v| Number::new(text, v));
    }
    if !is_decimal(text.as_bytes()) {
        return None;
    }
    // The grammar above is a subset of what `f64::from_str` accepts.
    text.parse::<f64>().ok().map(|v| Number::new(text, v))
}

fn radix(digits: &str, base: u32) -> Option<f64> {
    if digits.is_empty() {
        return None;
    }
    let mut value = 0.0f64;
    for c in digits.chars() {
        value = value * f64::from(base) + f64::from(c.to_digit(base)?);
    }
    Some(value)
}

fn is_decimal(b: &[u8]) -> bool {
    let mut i = 0;
    if matches!(b.first(), Some(b'-' | b'+')) {
        i = 1;
    }
    let int_start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let int_digits = i - int_start;
    let mut frac_digits = 0;
    if i < b.len() && b[i] == b'.' {
        i += 1;
        let frac_start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        frac_digits = i - frac_start;
    }
    if int_digits == 0 && frac_digits == 0 {
        return false;
    }
    if i < b.len() && matches!(b[i], b'e' | b'E') {
        i += 1;
        if i < b.len() && matches!(b[i], b'-' | b'+') {
            i += 1;
        }
        let exp_start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == exp_start {
            return false;
        }
    }
    i == b.len()
}

fn is_non_json_float(text: &str) -> bool {
    let unsigned = text
        .strip_prefix('-')
        .or_else(|| text.strip_prefix('+'))
        .unwrap_or(text);
    matches!(unsigned, ".inf" | ".Inf" | ".INF") || matches!(text, ".nan" | ".NaN" | ".NAN")
}
