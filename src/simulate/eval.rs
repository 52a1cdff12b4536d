//! JSONPath-mode data processing, intrinsic functions and Choice rules, with AWS's semantics
//! (the contract with the executor: `/work/notes/simulate-api.md`).
//!
//! - [`select`] and [`is_present`]: paths with Jayway JsonPath's semantics ([`jsonpath`]).
//! - [`apply_result_path`] and [`evaluate_template`]: `ResultPath` and payload templates
//!   ([`template`]).
//! - [`evaluate_intrinsic`]: the 18 `States.*` functions ([`intrinsics`]).
//! - [`evaluate_choice`]: JSONPath Choice rules ([`choice`]).
//!
//! Failures carry AWS's error name and the cause text that follows AWS's prefix
//! "An error occurred while executing the state 'X' (entered at the event id #N). ".

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::thread::LocalKey;

use serde_json::{Map, Value};

use crate::lang::jsonata::eval::Randomness;
use crate::lang::path::Root;

mod choice;
mod intrinsics;
mod jsonpath;
mod template;
#[cfg(test)]
mod tests;

/// An error raised while running a state, named as AWS names it. `cause` is the text AFTER
/// AWS's prefix "An error occurred while executing the state 'X' (entered at the event id #N). ",
/// which the executor adds (only it knows the state and the event id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// "States.Runtime", "States.IntrinsicFailure", "States.ResultPathMatchFailure"...
    pub error: String,
    pub cause: String,
}

impl Failure {
    pub(crate) fn new(error: &str, cause: impl Into<String>) -> Self {
        Failure {
            error: error.to_string(),
            cause: cause.into(),
        }
    }

    pub(crate) fn runtime(cause: impl Into<String>) -> Self {
        Self::new(RUNTIME, cause)
    }
}

const RUNTIME: &str = "States.Runtime";

/// Parsed texts (paths, intrinsic calls) by their text, per thread: a loop evaluates the same
/// few texts again and again. Cleared when it holds [`MEMO_LIMIT`] texts, so it stays small.
type Memo<T> = RefCell<HashMap<Box<str>, Rc<T>>>;

const MEMO_LIMIT: usize = 1024;

/// `parse(text)`, from `memo` when this thread parsed `text` before.
fn memoized<T: 'static>(
    memo: &'static LocalKey<Memo<T>>,
    text: &str,
    parse: impl FnOnce(&str) -> T,
) -> Rc<T> {
    memo.with(|memo| {
        if let Some(parsed) = memo.borrow().get(text) {
            return Rc::clone(parsed);
        }
        let parsed = Rc::new(parse(text));
        let mut memo = memo.borrow_mut();
        if memo.len() >= MEMO_LIMIT {
            memo.clear();
        }
        memo.insert(text.into(), Rc::clone(&parsed));
        parsed
    })
}

thread_local! {
    static PATHS: Memo<Result<jsonpath::Compiled, String>> = RefCell::default();
}

/// A compiled path (see [`memoized`]).
fn compiled(path: &str) -> Rc<Result<jsonpath::Compiled, String>> {
    memoized(&PATHS, path, jsonpath::compile)
}

/// The context object (`$$`), built the first time a path reads it: most states never do, and
/// it holds a copy of the execution's input.
pub struct Context<'a> {
    value: OnceCell<Value>,
    build: Box<dyn Fn() -> Value + 'a>,
}

impl<'a> Context<'a> {
    /// A context object that `build` makes when first read.
    pub fn new(build: impl Fn() -> Value + 'a) -> Self {
        Context {
            value: OnceCell::new(),
            build: Box::new(build),
        }
    }

    /// A context object already built.
    pub fn of(value: Value) -> Self {
        Context {
            value: OnceCell::from(value),
            build: Box::new(|| Value::Null),
        }
    }

    pub fn get(&self) -> &Value {
        self.value.get_or_init(|| (self.build)())
    }
}

impl std::fmt::Debug for Context<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.value.get() {
            Some(value) => f.debug_tuple("Context").field(value).finish(),
            None => f.write_str("Context(not built)"),
        }
    }
}

/// What paths, templates and intrinsics can read.
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    /// `$`.
    pub input: &'a Value,
    /// `$$` (the context object).
    pub context: &'a Context<'a>,
    /// `$name`.
    pub variables: &'a Map<String, Value>,
}

/// The value of a Path (InputPath, OutputPath, ItemsPath, *SecondsPath, TimestampPath, ErrorPath,
/// CausePath when not an intrinsic, Choice Variable, *Path operands): `$`, `$$`, `$var` roots;
/// Jayway semantics (a definite path gives the value, an indefinite one — wildcards, filters,
/// slices, `..` — gives an array). A path that matches nothing is a `States.Runtime` failure
/// with AWS's cause: "Invalid path '$.a' : No results for path: $['a']".
pub fn select(path: &str, scope: &Scope<'_>) -> Result<Value, Failure> {
    let invalid = |message: &str| Failure::runtime(format!("Invalid path '{path}' : {message}"));
    let compiled = compiled(path);
    let compiled = compiled.as_ref().as_ref().map_err(|m| invalid(m))?;
    let root = match &compiled.root {
        Root::Input => scope.input,
        Root::Context => scope.context.get(),
        Root::Variable(name) => scope
            .variables
            .get(name)
            .ok_or_else(|| invalid(&format!("The variable '{name}' is not defined")))?,
    };
    jsonpath::evaluate(compiled, root).map_err(|miss| invalid(&miss.0))
}

/// Whether a path matches anything (Choice `IsPresent`); never fails. An indefinite path is
/// present when it matches at least one value.
pub fn is_present(path: &str, scope: &Scope<'_>) -> bool {
    let compiled = compiled(path);
    let Ok(compiled) = compiled.as_ref() else {
        return false;
    };
    match select(path, scope) {
        Ok(Value::Array(items)) if !compiled.is_definite() => !items.is_empty(),
        Ok(_) => true,
        Err(_) => false,
    }
}

/// `ResultPath`: `input` with `result` placed at `result_path` (`$` replaces the whole input;
/// intermediate objects are created; AWS's States.ResultPathMatchFailure when it cannot be
/// applied, e.g. the input is not an object).
pub fn apply_result_path(
    input: &Value,
    result_path: &str,
    result: Value,
) -> Result<Value, Failure> {
    template::apply_result_path(input, result_path, result)
}

/// A JSONPath payload template (Parameters, ResultSelector, ItemSelector, JSONPath Assign,
/// Credentials, ItemReader/ResultWriter Parameters, ItemBatcher BatchInput): `.$` keys evaluated
/// as paths or intrinsic calls (the `.$` suffix dropped), recursively in objects and arrays.
pub fn evaluate_template(
    template: &Value,
    scope: &Scope<'_>,
    random: &Randomness,
) -> Result<Value, Failure> {
    template::evaluate(template, scope, random)
}

/// An intrinsic call `States.Format('{}', $.a)` evaluated with AWS's semantics and errors.
pub fn evaluate_intrinsic(
    call: &str,
    scope: &Scope<'_>,
    random: &Randomness,
) -> Result<Value, Failure> {
    intrinsics::evaluate(call, scope, random)
}

/// A JSONPath Choice rule (Comparison / And / Or / Not) against the scope (its `input` is the
/// state's effective input). A type mismatch is false, not an error; a missing Variable path is
/// a States.Runtime failure (AWS: "Invalid path ... : No results for path"), except under IsPresent.
/// `ChoiceRuleKind::Condition` (JSONata) is the executor's job: return Ok(false) for it.
pub fn evaluate_choice(rule: &crate::ast::ChoiceRule, scope: &Scope<'_>) -> Result<bool, Failure> {
    choice::evaluate(rule, scope)
}

/// JSON equality where numbers compare by value (`1` equals `1.0`), as Java's JSON nodes do
/// for the comparisons AWS makes.
fn json_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            x == y || (x.as_f64().is_some() && x.as_f64() == y.as_f64())
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| json_equal(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_equal(v, w)))
        }
        _ => a == b,
    }
}

/// Compact JSON text, as AWS shows values in its messages.
fn compact(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}
