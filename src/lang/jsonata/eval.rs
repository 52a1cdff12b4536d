//! Evaluating JSONata expressions for the simulator: `$states` and workflow variables bound,
//! the functions Step Functions adds (`$partition`, `$range`, `$hash`, `$random`, `$uuid`,
//! `$parse`), `$eval` refused as AWS does, and limits on time and depth so that no expression
//! hangs the simulator or overflows its stack.
//!
//! ```
//! use asl_lint::lang::jsonata::eval::{Bindings, evaluate, evaluate_field};
//! use serde_json::json;
//! let mut bindings = Bindings::default();
//! bindings.states.input = json!({"items": [{"price": 5}, {"price": 20}]});
//! bindings.variables.insert("limit".into(), json!(10));
//! let value = evaluate("$states.input.items[price > $limit].price", &json!(null), &bindings);
//! assert_eq!(value.unwrap(), Some(json!(20)));
//! let err = evaluate_field("$states.input.missing", "Output", &json!(null), &bindings).unwrap_err();
//! assert_eq!(err.error, "States.QueryEvaluationError");
//! assert_eq!(
//!     err.cause,
//!     "The JSONata expression '$states.input.missing' specified for the field 'Output' \
//!      returned nothing (undefined)."
//! );
//! ```
//!
//! # Why the `jsonata-core` crate, not an evaluator over our own tree
//! Decided for issue 4 (December 2026) by measuring, in this repository:
//! - **Conformance**: `jsonata-core` 2.2.13 (MIT) passes 1643 of the 1645 evaluation cases of
//!   the reference suite (`tests/jsonata_eval_suite.rs` prints the rate and holds a floor); the
//!   two misses hold a lone surrogate (`'\uD800'`), which a Rust string cannot. JSONata's
//!   evaluation semantics (sequences and their flattening, singleton unwrapping, path tuples for
//!   `@` and `#`, `%` parents, ~70 built-ins with picture-string date and number formatting)
//!   are most of the language: an evaluator over our own tree would pass a fraction of the suite
//!   in the time this issue has, and each miss is a simulated result that differs from AWS.
//! - **What the simulator needs is there**: variables bound before evaluation
//!   (`Context::bind`), host functions (`register_fn`, and `register_fn_override` for
//!   `$random` with a seed and to refuse `$eval`), a wall-clock timeout (`D1012`) and a depth
//!   limit (`D1011`), errors that carry the reference's codes.
//! - **Cost**: with `default-features = false` it does not pull `simd-json`. It adds 17 crates
//!   (MIT, Apache-2.0, Zlib for `foldhash`); a clean debug build here took 58 s of CPU
//!   instead of 35 s (user time, 2 shared cores). Its own `unsafe` is only in its Python and C bindings (features
//!   off); it uses `stacker`/`psm` (assembly that grows the stack), so deep recursion cannot
//!   overflow ours.
//! - **Where it differs**: some messages are worded differently from jsonata-js (`$abs('x')`:
//!   `T0410: Argument 1 must be Number`, where jsonata-js and AWS say `Argument 1 of function
//!   "abs" does not match function signature`): codes match, the text of a cause may not.
//! - **What it changes**: it turns on serde_json's `preserve_order` for the whole build, so
//!   `serde_json::Map` keeps insertion order instead of sorting keys: JSON objects keep the
//!   order they were written in, as in JavaScript and on AWS. Two renderer snapshots (GitLab,
//!   SARIF) changed order for it (`line` before `column` now); nothing else did.
//!
//! Our own parser still runs first: syntax errors get its codes and byte offsets, the ones the
//! linter reports; the crate's parser only sees expressions ours accepts.
//!
//! # Step Functions' dialect
//! With [`Dialect::StepFunctions`] (the default), `$eval` fails with `T1006` as on AWS, and the
//! six functions of `transforming-data.html` ("JSONata functions provided by Step Functions")
//! are bound; see [`aws_functions`] for their semantics. [`Dialect::Reference`] is plain
//! JSONata, for the reference test suite.

mod aws_functions;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use jsonata_core::evaluator::{Context, Evaluator, EvaluatorError, EvaluatorOptions};
use jsonata_core::value::JValue;
use serde_json::Value;

/// What an expression sees besides its input: `$states` and the workflow variables, plus how
/// it is evaluated.
#[derive(Debug, Clone, Default)]
pub struct Bindings {
    /// The reserved variable `$states`.
    pub states: States,
    /// Workflow variables by name (without `$`).
    pub variables: serde_json::Map<String, Value>,
    pub limits: Limits,
    /// Where `$random()` and `$uuid()` draw from; clones share one stream.
    pub random: Randomness,
    pub dialect: Dialect,
}

/// The fields of `$states`; the ones a state does not have at this point are `None`.
#[derive(Debug, Clone, Default)]
pub struct States {
    /// `$states.input`: the state's input.
    pub input: Value,
    /// `$states.context`: the context object.
    pub context: Value,
    /// `$states.result`: the task or branch result (in `Output` and `Assign`).
    pub result: Option<Value>,
    /// `$states.errorOutput`: the error caught (in a `Catch`).
    pub error_output: Option<Value>,
}

/// Bounds on one evaluation; going past one is an error, never a hang.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Wall-clock time (`D1012` when exceeded).
    pub timeout: Duration,
    /// Depth of nested evaluation, as jsonata-js's `stack` option counts it (`D1011`).
    pub max_depth: usize,
    /// Items in one sequence built while evaluating (a range, a map, a filter...): `D2015`
    /// past it. jsonata-js has no such bound (its range operator alone allows 10,000,000
    /// items, about 800 MB here); `None` leaves jsonata's own limits.
    pub max_sequence: Option<usize>,
}

/// The default [`Limits::max_sequence`]: four times more items than AWS's 256 KiB payload
/// limit lets a result hold (`[0,0,...]` is two bytes an item), about 100 MB at most.
pub const MAX_SEQUENCE: usize = 1_000_000;

impl Default for Limits {
    fn default() -> Self {
        Limits {
            timeout: Duration::from_secs(1),
            max_depth: 500,
            max_sequence: Some(MAX_SEQUENCE),
        }
    }
}

/// Which functions an expression can call.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Dialect {
    /// JSONata as Step Functions runs it: its six functions added, `$eval` refused.
    #[default]
    StepFunctions,
    /// Plain JSONata 2.x, as the reference test suite expects.
    Reference,
}

/// The source of `$random()` and `$uuid()`: a seeded stream (the simulator's `--seed`), so runs
/// repeat, or one seeded from the process's hash randomness. Clones share the stream.
#[derive(Debug, Clone)]
pub struct Randomness(Arc<AtomicU64>);

impl Randomness {
    pub fn seeded(seed: u64) -> Self {
        Randomness(Arc::new(AtomicU64::new(seed)))
    }

    /// A stream that differs from run to run.
    pub fn from_entropy() -> Self {
        use std::hash::{BuildHasher, Hasher};
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos()),
        );
        Self::seeded(hasher.finish())
    }

    /// The next 64 random bits (splitmix64).
    pub(crate) fn next_u64(&self) -> u64 {
        let state = self
            .0
            .fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed)
            .wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

impl Default for Randomness {
    fn default() -> Self {
        Self::from_entropy()
    }
}

/// Why an expression has no value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvalError {
    /// JSONata's code (`S0202`, `T2001`, `D1011`...) where the error has one.
    pub code: Option<String>,
    /// What went wrong, as JSONata words it (without the code).
    pub message: String,
}

impl EvalError {
    fn new(code: &str, message: impl Into<String>) -> Self {
        EvalError {
            code: Some(code.to_string()),
            message: message.into(),
        }
    }

    /// Splits `T0410: message` into its code and message; the engine sometimes puts a prefix
    /// in front (`Parse error: Invalid syntax: T1006: ...`), which goes.
    fn from_text(text: &str) -> Self {
        let starts = std::iter::once(0).chain(text.match_indices(": ").map(|(i, _)| i + 2));
        for start in starts {
            let rest = &text[start..];
            if let Some(code) = jsonata_core::evaluator::error_code_prefix(rest) {
                return EvalError::new(code, rest[code.len() + 1..].trim_start());
            }
        }
        EvalError {
            code: None,
            message: text.to_string(),
        }
    }
}

impl From<EvaluatorError> for EvalError {
    fn from(err: EvaluatorError) -> Self {
        EvalError::from_text(err.message())
    }
}

impl std::fmt::Display for EvalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.code {
            Some(code) => write!(f, "{code}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for EvalError {}

/// A run-time error as Step Functions reports it: an error name and its cause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatesError {
    pub error: &'static str,
    pub cause: String,
}

/// Evaluates `expr` (the text between `{%` and `%}`) against `input` (the context value `$`).
/// `Ok(None)` is JSONata's undefined: the expression yields nothing.
pub fn evaluate(
    expr: &str,
    input: &Value,
    bindings: &Bindings,
) -> Result<Option<Value>, EvalError> {
    evaluate_on(expr, Some(input), bindings)
}

/// [`evaluate`] with an input that may be undefined (`None`), as JSONata allows.
pub fn evaluate_on(
    expr: &str,
    input: Option<&Value>,
    bindings: &Bindings,
) -> Result<Option<Value>, EvalError> {
    if let Err(err) = super::parse(expr) {
        return Err(EvalError::new(err.code, err.message));
    }
    let ast = jsonata_core::parser::parse(expr)
        .map_err(|err| EvalError::from_text(&err.display_message()))?;
    let mut evaluator = Evaluator::with_options(context(bindings), options(&bindings.limits));
    register_functions(&mut evaluator, bindings)?;
    let input = input.map_or(JValue::Undefined, |input| JValue::from(input.clone()));
    let value = evaluator.evaluate(&ast, &input)?;
    to_json(&value)
}

/// Evaluates the expression of one field the way a state does: a value, or
/// `States.QueryEvaluationError` when the expression fails or yields nothing. `field` is the
/// field's path in the state (`Output`, `Output/result`, `Arguments/items[0]`); the cause is
/// AWS's text without its opening sentence ("An error occurred while executing the state 'S'
/// (entered at the event id #2). "), which the simulator, knowing the state, puts in front.
pub fn evaluate_field(
    expr: &str,
    field: &str,
    input: &Value,
    bindings: &Bindings,
) -> Result<Value, StatesError> {
    let sentence = format!("The JSONata expression '{expr}' specified for the field '{field}'");
    let cause = match evaluate(expr, input, bindings) {
        Ok(Some(value)) => return Ok(value),
        Ok(None) => format!("{sentence} returned nothing (undefined)."),
        // AWS: ". T0410: Argument 1 of ..." after a coded error, ": message" otherwise.
        Err(err @ EvalError { code: Some(_), .. }) => {
            format!("{sentence} threw an error during evaluation. {err}")
        }
        Err(err) => format!("{sentence} threw an error during evaluation: {err}"),
    };
    Err(StatesError {
        error: "States.QueryEvaluationError",
        cause,
    })
}

fn context(bindings: &Bindings) -> Context {
    let mut context = Context::new();
    for (name, value) in &bindings.variables {
        context.bind(name.clone(), JValue::from(value.clone()));
    }
    let states = &bindings.states;
    let mut object = serde_json::Map::new();
    object.insert("input".into(), states.input.clone());
    object.insert("context".into(), states.context.clone());
    if let Some(result) = &states.result {
        object.insert("result".into(), result.clone());
    }
    if let Some(error_output) = &states.error_output {
        object.insert("errorOutput".into(), error_output.clone());
    }
    context.bind("states".into(), JValue::from(Value::Object(object)));
    context
}

fn options(limits: &Limits) -> EvaluatorOptions {
    EvaluatorOptions {
        timeout_ms: Some(u64::try_from(limits.timeout.as_millis()).unwrap_or(u64::MAX)),
        max_stack_depth: Some(limits.max_depth),
        max_sequence_length: limits.max_sequence,
        ..EvaluatorOptions::default()
    }
}

fn register_functions(evaluator: &mut Evaluator, bindings: &Bindings) -> Result<(), EvalError> {
    if bindings.dialect == Dialect::Reference {
        return Ok(());
    }
    evaluator.register_fn_override("eval", |_: &[JValue]| {
        Err(EvaluatorError::EvaluationError(
            "T1006: Attempted to invoke a non-function".into(),
        ))
    })?;
    aws_functions::register(evaluator, &bindings.random)?;
    Ok(())
}

/// A JSONata value as JSON: `None` for undefined (and for a function, which JSON cannot hold);
/// whole numbers as integers, as JavaScript prints them.
fn to_json(value: &JValue) -> Result<Option<Value>, EvalError> {
    Ok(Some(match value {
        JValue::Undefined | JValue::Lambda(_) | JValue::Builtin { .. } | JValue::Regex { .. } => {
            return Ok(None);
        }
        JValue::Null => Value::Null,
        JValue::Bool(b) => Value::Bool(*b),
        JValue::Number(n) => number(*n)?,
        JValue::String(s) => Value::String(s.to_string()),
        JValue::Array(items) => {
            let mut out = Vec::with_capacity(items.len());
            for item in items.iter() {
                // JSON.stringify writes a function in an array as null.
                out.push(to_json(item)?.unwrap_or(Value::Null));
            }
            Value::Array(out)
        }
        JValue::Object(map) => {
            let mut out = serde_json::Map::new();
            for (key, item) in map.iter() {
                if let Some(item) = to_json(item)? {
                    out.insert(key.clone(), item);
                }
            }
            Value::Object(out)
        }
    }))
}

pub(crate) fn number(n: f64) -> Result<Value, EvalError> {
    const SAFE: f64 = 9_007_199_254_740_992.0; // 2^53
    if n.fract() == 0.0 && n.abs() < SAFE {
        #[allow(clippy::cast_possible_truncation, reason = "whole and below 2^53")]
        return Ok(Value::from(n as i64));
    }
    serde_json::Number::from_f64(n)
        .map(Value::Number)
        .ok_or_else(|| EvalError::new("D1001", format!("Number out of range: {n}")))
}

#[cfg(test)]
mod tests;
