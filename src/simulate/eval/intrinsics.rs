//! The intrinsic functions of JSONPath states (`States.Format(...)` and the 17 others), with the
//! behaviour recorded from AWS (`../shared/oracle/executions/intrinsic_functions__*`):
//!
//! | function | behaviour |
//! |---|---|
//! | `States.Format` | strings inserted raw, other scalars as JSON (`null`, `1.1`, `true`); `\{` `\}` `\'` `\\` are escapes |
//! | `States.StringToJson` | `""` gives `null` |
//! | `States.JsonToString` | compact JSON |
//! | `States.ArrayRange` | `end` included when reached; at most 1000 items |
//! | `States.ArrayContains`, `States.ArrayUnique` | deep equality, numbers by value |
//! | `States.MathAdd` | each operand rounded as Java's `Math.round` (half up: `-1.5` → `-1`), then added |
//! | `States.MathRandom` | `java.util.Random(seed).nextInt(end - start) + start`: `end` excluded |
//! | `States.StringSplit` | every character of the delimiter splits; empty pieces are dropped |
//! | `States.Hash` | lower-case hex of MD5, SHA-1, SHA-256, SHA-384 or SHA-512 |
//! | `States.JsonMerge` | shallow: the second object's members win; `true` (deep) fails |
//!
//! Bad arguments fail with `States.IntrinsicFailure`.

use md5::Md5;
use serde_json::{Map, Value};
use sha1::Sha1;
use sha2::{Digest, Sha256, Sha384, Sha512};

use super::{Failure, Scope, compact, json_equal, select};
use crate::lang::intrinsic::{self, Expr, ExprKind, HASH_ALGORITHMS, MAX_RANGE_ITEMS};
use crate::lang::jsonata::eval::Randomness;

const INTRINSIC_FAILURE: &str = "States.IntrinsicFailure";

/// The most characters `Base64Encode`, `Base64Decode` and `Hash` accept (AWS quota).
const MAX_STRING_CHARS: usize = 10_000;

thread_local! {
    /// Parsed calls (see [`super::memoized`]).
    static CALLS: super::Memo<Result<Expr, String>> = std::cell::RefCell::default();
}

/// Evaluates one intrinsic call.
pub(super) fn evaluate(
    call: &str,
    scope: &Scope<'_>,
    random: &Randomness,
) -> Result<Value, Failure> {
    let parsed = super::memoized(&CALLS, call, |call| {
        intrinsic::parse(call).map_err(|e| e.message)
    });
    let expr = parsed.as_ref().as_ref().map_err(|message| {
        Failure::new(
            INTRINSIC_FAILURE,
            format!(
                "The intrinsic function `{}` is not valid: {message}",
                call.trim(),
            ),
        )
    })?;
    Evaluator {
        text: call,
        scope,
        random,
    }
    .expr(expr)
}

struct Evaluator<'a, 'b> {
    text: &'a str,
    scope: &'a Scope<'b>,
    random: &'a Randomness,
}

/// An argument: its value, and for literal strings the text with its escapes.
struct Arg {
    value: Value,
    raw: Option<String>,
}

fn fail(function: &str, detail: impl std::fmt::Display) -> Failure {
    Failure::new(
        INTRINSIC_FAILURE,
        format!("Invalid arguments in {function}: {detail}"),
    )
}

impl Evaluator<'_, '_> {
    fn expr(&self, expr: &Expr) -> Result<Value, Failure> {
        Ok(self.arg(expr)?.value)
    }

    fn arg(&self, expr: &Expr) -> Result<Arg, Failure> {
        let value = match &expr.kind {
            ExprKind::String(raw) => {
                return Ok(Arg {
                    value: Value::String(unescape(raw)),
                    raw: Some(raw.clone()),
                });
            }
            ExprKind::Number(n) => number(*n),
            ExprKind::Bool(b) => Value::Bool(*b),
            ExprKind::Null => Value::Null,
            ExprKind::Path(_) => {
                let text = self.text.get(expr.range.clone()).unwrap_or_default();
                select(text.trim(), self.scope)?
            }
            ExprKind::Call(call) => {
                let args = call
                    .args
                    .iter()
                    .map(|a| self.arg(a))
                    .collect::<Result<Vec<_>, _>>()?;
                self.call(&call.name, args)?
            }
        };
        Ok(Arg { value, raw: None })
    }

    fn call(&self, name: &str, args: Vec<Arg>) -> Result<Value, Failure> {
        let Some(signature) = intrinsic::signature(name) else {
            return Err(Failure::new(
                INTRINSIC_FAILURE,
                format!("Unknown intrinsic function {name}"),
            ));
        };
        let n = args.len();
        if n < signature.min || signature.max.is_some_and(|max| n > max) {
            return Err(fail(name, format!("found {n} arguments")));
        }
        if name == "States.Format" {
            return format(args);
        }
        let values: Vec<Value> = args.into_iter().map(|a| a.value).collect();
        let v = &values;
        match name {
            "States.Array" => Ok(Value::Array(values)),
            "States.ArrayContains" => {
                let items = array(name, v, 0)?;
                Ok(Value::Bool(items.iter().any(|x| json_equal(x, &v[1]))))
            }
            "States.ArrayGetItem" => {
                let items = array(name, v, 0)?;
                let index = integer(name, v, 1)?;
                usize::try_from(index)
                    .ok()
                    .and_then(|i| items.get(i))
                    .cloned()
                    .ok_or_else(|| {
                        fail(
                            name,
                            format!(
                                "index {index} is out of bounds for an array of {} items",
                                items.len()
                            ),
                        )
                    })
            }
            "States.ArrayLength" => Ok(Value::from(array(name, v, 0)?.len())),
            "States.ArrayPartition" => partition(name, v),
            "States.ArrayRange" => range(name, v),
            "States.ArrayUnique" => {
                let mut unique: Vec<Value> = Vec::new();
                for item in array(name, v, 0)? {
                    if !unique.iter().any(|u| json_equal(u, item)) {
                        unique.push(item.clone());
                    }
                }
                Ok(Value::Array(unique))
            }
            "States.Base64Encode" => {
                let s = limited(name, v, 0)?;
                Ok(Value::String(base64_encode(s.as_bytes())))
            }
            "States.Base64Decode" => {
                let s = limited(name, v, 0)?;
                let bytes = base64_decode(s)
                    .ok_or_else(|| fail(name, "the argument is not valid Base64"))?;
                String::from_utf8(bytes)
                    .map(Value::String)
                    .map_err(|_| fail(name, "the decoded data is not UTF-8 text"))
            }
            "States.Hash" => hash(name, v),
            "States.JsonMerge" => merge(name, v),
            "States.JsonToString" => Ok(Value::String(compact(&v[0]))),
            "States.MathAdd" => {
                let a = rounded(name, v, 0)?;
                let b = rounded(name, v, 1)?;
                a.checked_add(b)
                    .map(Value::from)
                    .ok_or_else(|| fail(name, "the sum is too large"))
            }
            "States.MathRandom" => self.math_random(name, v),
            "States.StringSplit" => {
                let s = string(name, v, 0)?;
                let delimiters = string(name, v, 1)?;
                Ok(Value::Array(
                    s.split(|c: char| delimiters.contains(c))
                        .filter(|piece| !piece.is_empty())
                        .map(|piece| Value::String(piece.to_string()))
                        .collect(),
                ))
            }
            "States.StringToJson" => {
                let s = string(name, v, 0)?;
                if s.trim().is_empty() {
                    return Ok(Value::Null);
                }
                serde_json::from_str(s)
                    .map_err(|e| fail(name, format!("the string is not valid JSON: {e}")))
            }
            "States.UUID" => Ok(Value::String(uuid(self.random))),
            _ => Err(Failure::new(
                INTRINSIC_FAILURE,
                format!("Unknown intrinsic function {name}"),
            )),
        }
    }

    fn math_random(&self, name: &str, v: &[Value]) -> Result<Value, Failure> {
        let start = rounded(name, v, 0)?;
        let end = rounded(name, v, 1)?;
        let seed = match v.get(2) {
            Some(_) => rounded(name, v, 2)?,
            #[allow(clippy::cast_possible_wrap, reason = "any 64 bits make a seed")]
            None => self.random.next_u64() as i64,
        };
        let bound = end
            .checked_sub(start)
            .and_then(|b| i32::try_from(b).ok())
            .filter(|b| *b > 0)
            .ok_or_else(|| {
                fail(
                    name,
                    format!("the start {start} must be less than the end {end}"),
                )
            })?;
        Ok(Value::from(
            start + i64::from(JavaRandom::new(seed).next_int(bound)),
        ))
    }
}

/// A literal number: an integer when it has no fraction.
fn number(n: f64) -> Value {
    #[allow(
        clippy::cast_possible_truncation,
        reason = "checked to be integral and in range"
    )]
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        return Value::from(n as i64);
    }
    serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number)
}

/// Removes the backslash of each escape (`\'` → `'`, `\\` → `\`).
fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(n) = chars.next() {
                out.push(n);
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn format(args: Vec<Arg>) -> Result<Value, Failure> {
    const NAME: &str = "States.Format";
    let mut args = args.into_iter();
    let template = match args.next() {
        Some(Arg { raw: Some(raw), .. }) => raw,
        Some(Arg {
            value: Value::String(s),
            ..
        }) => s,
        _ => return Err(fail(NAME, "the first argument must be a string")),
    };
    let mut values = Vec::new();
    for arg in args {
        values.push(match arg.value {
            Value::String(s) => s,
            Value::Array(_) | Value::Object(_) => {
                return Err(fail(
                    NAME,
                    "the values must be strings, numbers, booleans or null",
                ));
            }
            other => compact(&other),
        });
    }
    let mut out = String::new();
    let mut values = values.into_iter();
    let mut used = 0usize;
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            }
            '{' if chars.peek() == Some(&'}') => {
                chars.next();
                used += 1;
                let value = values.next().ok_or_else(|| {
                    fail(
                        NAME,
                        "the template has more placeholders than values were given",
                    )
                })?;
                out.push_str(&value);
            }
            c => out.push(c),
        }
    }
    if values.next().is_some() {
        return Err(fail(
            NAME,
            format!("the template has {used} placeholders but more values were given"),
        ));
    }
    Ok(Value::String(out))
}

fn array<'v>(name: &str, v: &'v [Value], i: usize) -> Result<&'v Vec<Value>, Failure> {
    v.get(i)
        .and_then(Value::as_array)
        .ok_or_else(|| fail(name, format!("argument {} must be an array", i + 1)))
}

fn string<'v>(name: &str, v: &'v [Value], i: usize) -> Result<&'v str, Failure> {
    v.get(i)
        .and_then(Value::as_str)
        .ok_or_else(|| fail(name, format!("argument {} must be a string", i + 1)))
}

fn limited<'v>(name: &str, v: &'v [Value], i: usize) -> Result<&'v str, Failure> {
    let s = string(name, v, i)?;
    if s.chars().count() > MAX_STRING_CHARS {
        return Err(fail(
            name,
            format!("the input string is longer than {MAX_STRING_CHARS} characters"),
        ));
    }
    Ok(s)
}

/// An integer argument: a number without a fraction.
fn integer(name: &str, v: &[Value], i: usize) -> Result<i64, Failure> {
    let n = v.get(i).and_then(Value::as_f64);
    match n {
        #[allow(clippy::cast_possible_truncation, reason = "checked to be integral")]
        Some(n) if n.fract() == 0.0 && n.abs() < 9.0e18 => Ok(n as i64),
        _ => Err(fail(name, format!("argument {} must be an integer", i + 1))),
    }
}

/// A number rounded as Java's `Math.round`: half up (`2.5` → `3`, `-2.5` → `-2`).
fn rounded(name: &str, v: &[Value], i: usize) -> Result<i64, Failure> {
    if let Some(n) = v.get(i).and_then(Value::as_i64) {
        return Ok(n);
    }
    match v.get(i).and_then(Value::as_f64) {
        #[allow(clippy::cast_possible_truncation, reason = "checked to be in range")]
        Some(n) if n.abs() < 9.0e18 => Ok((n + 0.5).floor() as i64),
        _ => Err(fail(name, format!("argument {} must be a number", i + 1))),
    }
}

fn partition(name: &str, v: &[Value]) -> Result<Value, Failure> {
    let items = array(name, v, 0)?;
    let size = integer(name, v, 1)?;
    let size = usize::try_from(size)
        .ok()
        .filter(|s| *s > 0)
        .ok_or_else(|| fail(name, "the chunk size must be a positive integer"))?;
    Ok(Value::Array(
        items
            .chunks(size)
            .map(|chunk| Value::Array(chunk.to_vec()))
            .collect(),
    ))
}

fn range(name: &str, v: &[Value]) -> Result<Value, Failure> {
    let start = integer(name, v, 0)?;
    let end = integer(name, v, 1)?;
    let step = integer(name, v, 2)?;
    if step == 0 {
        return Err(fail(name, "the step must not be 0"));
    }
    let (span, step_wide) = (i128::from(end) - i128::from(start), i128::from(step));
    let mut count = span / step_wide;
    if span % step_wide != 0 && (span < 0) != (step_wide < 0) {
        count -= 1;
    }
    let count = count + 1;
    let count = count.max(0);
    #[allow(clippy::cast_possible_truncation, reason = "a small constant")]
    if count > MAX_RANGE_ITEMS as i128 {
        return Err(fail(
            name,
            format!("the range has {count} items, more than the {MAX_RANGE_ITEMS} allowed"),
        ));
    }
    let mut items = Vec::new();
    let mut x = start;
    for _ in 0..count {
        items.push(Value::from(x));
        x = x.saturating_add(step);
    }
    Ok(Value::Array(items))
}

fn hash(name: &str, v: &[Value]) -> Result<Value, Failure> {
    let data = match v.first() {
        Some(Value::String(s)) => s.clone(),
        Some(other) => compact(other),
        None => String::new(),
    };
    if data.chars().count() > MAX_STRING_CHARS {
        return Err(fail(
            name,
            format!("the input is longer than {MAX_STRING_CHARS} characters"),
        ));
    }
    let algorithm = string(name, v, 1)?;
    let bytes = data.as_bytes();
    let digest: Vec<u8> = match algorithm {
        "MD5" => Md5::digest(bytes).to_vec(),
        "SHA-1" => Sha1::digest(bytes).to_vec(),
        "SHA-256" => Sha256::digest(bytes).to_vec(),
        "SHA-384" => Sha384::digest(bytes).to_vec(),
        "SHA-512" => Sha512::digest(bytes).to_vec(),
        _ => {
            return Err(fail(
                name,
                format!(
                    "the algorithm `{algorithm}` is not one of {}",
                    HASH_ALGORITHMS.join(", ")
                ),
            ));
        }
    };
    Ok(Value::String(hex(&digest)))
}

fn merge(name: &str, v: &[Value]) -> Result<Value, Failure> {
    let object = |i: usize| {
        v.get(i)
            .and_then(Value::as_object)
            .ok_or_else(|| fail(name, format!("argument {} must be an object", i + 1)))
    };
    let (a, b) = (object(0)?, object(1)?);
    match v.get(2) {
        Some(Value::Bool(false)) => {}
        Some(Value::Bool(true)) => {
            return Err(fail(
                name,
                "only a shallow merge is supported: the third argument must be false",
            ));
        }
        _ => return Err(fail(name, "argument 3 must be a boolean")),
    }
    let mut merged: Map<String, Value> = a.clone();
    merged.extend(b.iter().map(|(k, v)| (k.clone(), v.clone())));
    Ok(Value::Object(merged))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::new(), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

fn uuid(random: &Randomness) -> String {
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&random.next_u64().to_be_bytes());
    bytes[8..].copy_from_slice(&random.next_u64().to_be_bytes());
    bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
    let h = hex(&bytes);
    format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    )
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(BASE64[((n >> (18 - 6 * k)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let body = text.trim_end_matches('=');
    if text.len() % 4 != 0 || text.len() - body.len() > 2 {
        return None;
    }
    let mut out = Vec::with_capacity(body.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0u32;
    for c in body.bytes() {
        let digit = BASE64.iter().position(|&b| b == c)?;
        acc = (acc << 6) | u32::try_from(digit).ok()?;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(u8::try_from((acc >> bits) & 0xff).ok()?);
        }
    }
    Some(out)
}

/// `java.util.Random`: the 48-bit linear congruential generator of the Java API documentation.
struct JavaRandom(u64);

impl JavaRandom {
    const MULTIPLIER: u64 = 0x5_DEEC_E66D;
    const MASK: u64 = (1 << 48) - 1;

    fn new(seed: i64) -> Self {
        #[allow(clippy::cast_sign_loss, reason = "the seed's bits")]
        JavaRandom((seed as u64 ^ Self::MULTIPLIER) & Self::MASK)
    }

    fn next(&mut self, bits: u32) -> i32 {
        self.0 = (self.0.wrapping_mul(Self::MULTIPLIER).wrapping_add(0xB)) & Self::MASK;
        #[allow(clippy::cast_possible_truncation, reason = "Java's (int) cast")]
        let value = (self.0 >> (48 - bits)) as i32;
        value
    }

    /// `nextInt(bound)`, `bound > 0`.
    fn next_int(&mut self, bound: i32) -> i32 {
        let mut r = self.next(31);
        let m = bound - 1;
        if bound & m == 0 {
            #[allow(clippy::cast_possible_truncation, reason = "Java's (int) cast")]
            return ((i64::from(bound) * i64::from(r)) >> 31) as i32;
        }
        let mut u = r;
        loop {
            r = u % bound;
            if u.wrapping_sub(r).wrapping_add(m) >= 0 {
                return r;
            }
            u = self.next(31);
        }
    }
}

#[cfg(test)]
pub(super) fn java_next_int(seed: i64, bound: i32) -> i32 {
    JavaRandom::new(seed).next_int(bound)
}

#[cfg(test)]
pub(super) fn base64_roundtrip(s: &str) -> Option<String> {
    String::from_utf8(base64_decode(&base64_encode(s.as_bytes()))?).ok()
}
