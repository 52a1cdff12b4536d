//! The JSONata functions Step Functions adds ("JSONata functions provided by Step Functions" in
//! the developer guide's `transforming-data.html`), with the behaviour AWS was seen to have:
//!
//! | function | result |
//! |---|---|
//! | `$partition(array, size)` | `array` cut into arrays of `size` items, the last one shorter |
//! | `$range(start, end, step)` | `start`, `start + step`, ... up to and including `end` |
//! | `$hash(string, algorithm)` | lower-case hex digest; `MD5`, `SHA-1`, `SHA-256`, `SHA-384`, `SHA-512` |
//! | `$random()`, `$random(seed)` | a number in [0, 1); with a seed, `java.util.Random(seed).nextDouble()` (AWS gives 0.7275636800328681 for 42) |
//! | `$uuid()` | a version 4 UUID, lower case |
//! | `$parse(string)` | the JSON value the string holds |
//!
//! Wrong argument types fail with JSONata's `T0410`, like a built-in whose signature does not
//! match. `$random()` and `$uuid()` draw from the [`Randomness`] of the bindings, so a seeded
//! simulation repeats them.

use jsonata_core::evaluator::{Evaluator, EvaluatorError};
use jsonata_core::value::JValue;
use md5::Md5;
use sha1::Sha1;
use sha2::{Digest, Sha256, Sha384, Sha512};

use super::{EvalError, Randomness};

type Result<T> = std::result::Result<T, EvaluatorError>;

/// The most items `$range` makes: its result is held in memory (JSONata's own `[a..b]` stops
/// at 10,000,000 with `D2014`).
const MAX_RANGE: f64 = 10_000_000.0;

pub(super) fn register(
    evaluator: &mut Evaluator,
    random: &Randomness,
) -> std::result::Result<(), EvalError> {
    evaluator.register_fn("partition", partition)?;
    evaluator.register_fn("range", range)?;
    evaluator.register_fn("hash", hash)?;
    evaluator.register_fn("parse", parse)?;
    let stream = random.clone();
    evaluator.register_fn_override("random", move |args: &[JValue]| {
        random_number(args, &stream)
    })?;
    let stream = random.clone();
    evaluator.register_fn("uuid", move |args: &[JValue]| uuid(args, &stream))?;
    Ok(())
}

fn signature_error(function: &str, argument: usize) -> EvaluatorError {
    EvaluatorError::TypeError(format!(
        "T0410: Argument {argument} of function \"{function}\" does not match function signature"
    ))
}

fn arity(function: &str, args: &[JValue], min: usize, max: usize) -> Result<()> {
    if args.len() > max {
        return Err(signature_error(function, max + 1));
    }
    if args.len() < min {
        return Err(signature_error(function, args.len() + 1));
    }
    Ok(())
}

fn integer(function: &str, args: &[JValue], index: usize) -> Result<f64> {
    match args.get(index) {
        Some(JValue::Number(n)) if n.fract() == 0.0 => Ok(*n),
        _ => Err(signature_error(function, index + 1)),
    }
}

fn string<'a>(function: &str, args: &'a [JValue], index: usize) -> Result<&'a str> {
    args.get(index)
        .and_then(JValue::as_str)
        .ok_or_else(|| signature_error(function, index + 1))
}

fn partition(args: &[JValue]) -> Result<JValue> {
    arity("partition", args, 2, 2)?;
    let items: Vec<JValue> = match &args[0] {
        JValue::Array(items) => items.iter().cloned().collect(),
        JValue::Undefined => return Ok(JValue::Undefined),
        single => vec![single.clone()],
    };
    let size = integer("partition", args, 1)?;
    if size < 1.0 {
        return Err(EvaluatorError::EvaluationError(format!(
            "The size argument of $partition must be a positive integer, but was {size}"
        )));
    }
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "whole, >= 1"
    )]
    let size = size.min(usize::MAX as f64) as usize;
    let chunks = items.chunks(size).map(|c| JValue::array(c.to_vec()));
    Ok(JValue::array(chunks.collect()))
}

fn range(args: &[JValue]) -> Result<JValue> {
    arity("range", args, 2, 3)?;
    let start = integer("range", args, 0)?;
    let end = integer("range", args, 1)?;
    let step = if args.len() == 3 {
        integer("range", args, 2)?
    } else {
        1.0
    };
    if step == 0.0 {
        return Err(EvaluatorError::EvaluationError(
            "The step argument of $range must not be zero".into(),
        ));
    }
    let count = ((end - start) / step).floor() + 1.0;
    if count > MAX_RANGE {
        return Err(EvaluatorError::EvaluationError(format!(
            "D2014: The size of the sequence allocated by $range must not exceed 1e7, \
             but would be {count}"
        )));
    }
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "0 ..= 1e7"
    )]
    let count = count.max(0.0) as usize;
    #[allow(clippy::cast_precision_loss, reason = "count is at most 1e7")]
    let mut items: Vec<JValue> = (0..count)
        .map(|i| JValue::Number(start + step * i as f64))
        .collect();
    // AWS returns a JSONata sequence, and a sequence of one item is that item: the oracle
    // records `$range(1, 9, 9)` as `1`, not `[1]`.
    if items.len() == 1 {
        return Ok(items.remove(0));
    }
    Ok(JValue::array(items))
}

fn hash(args: &[JValue]) -> Result<JValue> {
    arity("hash", args, 2, 2)?;
    if args[0].is_undefined() {
        return Ok(JValue::Undefined);
    }
    let data = string("hash", args, 0)?.as_bytes();
    let algorithm = string("hash", args, 1)?;
    let digest = match algorithm {
        "MD5" => hex(&Md5::digest(data)),
        "SHA-1" => hex(&Sha1::digest(data)),
        "SHA-256" => hex(&Sha256::digest(data)),
        "SHA-384" => hex(&Sha384::digest(data)),
        "SHA-512" => hex(&Sha512::digest(data)),
        _ => {
            return Err(EvaluatorError::EvaluationError(format!(
                "The hash algorithm \"{algorithm}\" is not supported: use one of MD5, SHA-1, \
                 SHA-256, SHA-384, SHA-512"
            )));
        }
    };
    Ok(JValue::from(digest))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::new(), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

fn parse(args: &[JValue]) -> Result<JValue> {
    arity("parse", args, 1, 1)?;
    if args[0].is_undefined() {
        return Ok(JValue::Undefined);
    }
    let text = string("parse", args, 0)?;
    let value: serde_json::Value = serde_json::from_str(text).map_err(|err| {
        EvaluatorError::EvaluationError(format!("The string is not valid JSON: {err}"))
    })?;
    Ok(JValue::from(value))
}

fn random_number(args: &[JValue], stream: &Randomness) -> Result<JValue> {
    arity("random", args, 0, 1)?;
    let Some(seed) = args.first() else {
        #[allow(clippy::cast_precision_loss, reason = "53 bits fit")]
        return Ok(JValue::Number(
            (stream.next_u64() >> 11) as f64 / TWO_POW_53,
        ));
    };
    let JValue::Number(seed) = seed else {
        return Err(signature_error("random", 1));
    };
    #[allow(
        clippy::cast_possible_truncation,
        reason = "Java casts the seed to a long too"
    )]
    Ok(JValue::Number(java_random_double(*seed as i64)))
}

const TWO_POW_53: f64 = 9_007_199_254_740_992.0;

/// `new java.util.Random(seed).nextDouble()`: the 48-bit linear congruential generator of the
/// Java API documentation.
pub(super) fn java_random_double(seed: i64) -> f64 {
    const MULTIPLIER: u64 = 0x5_DEEC_E66D;
    const MASK: u64 = (1 << 48) - 1;
    #[allow(clippy::cast_sign_loss, reason = "the seed's bits")]
    let mut state = (seed as u64 ^ MULTIPLIER) & MASK;
    let mut next = |bits: u32| {
        state = (state.wrapping_mul(MULTIPLIER).wrapping_add(0xB)) & MASK;
        state >> (48 - bits)
    };
    let high = next(26);
    let low = next(27);
    #[allow(clippy::cast_precision_loss, reason = "53 bits fit")]
    let value = ((high << 27) + low) as f64;
    value / TWO_POW_53
}

fn uuid(args: &[JValue], stream: &Randomness) -> Result<JValue> {
    arity("uuid", args, 0, 0)?;
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&stream.next_u64().to_be_bytes());
    bytes[8..].copy_from_slice(&stream.next_u64().to_be_bytes());
    bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
    let hex = hex(&bytes);
    let text = format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    );
    Ok(JValue::from(text))
}
