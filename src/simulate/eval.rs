//! STUB until branch sim-eval is merged.
//!
//! JSONPath-mode data processing with the signatures of `notes/simulate-api.md`, implemented
//! crudely so that branch `sim-core` compiles and simple machines run: definite paths of names
//! and indexes, `ResultPath` by names, payload templates, no intrinsic functions, Choice
//! comparisons without timestamps or wildcards. Branch `sim-eval` replaces this file.

use serde_json::{Map, Value};

use crate::ast::{ChoiceRule, ChoiceRuleKind, Test};
use crate::lang::jsonata::eval::Randomness;
use crate::lang::path::{self, PathKind, Root, Step};

/// An error raised while running a state, named as AWS names it. `cause` is the text AFTER
/// AWS's prefix "An error occurred while executing the state 'X' (entered at the event id #N). ",
/// which the executor adds (only it knows the state and the event id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub error: String,
    pub cause: String,
}

impl Failure {
    fn runtime(cause: impl Into<String>) -> Self {
        Failure {
            error: "States.Runtime".into(),
            cause: cause.into(),
        }
    }
}

/// What paths, templates and intrinsics can read.
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    pub input: &'a Value,
    pub context: &'a Value,
    pub variables: &'a Map<String, Value>,
}

/// The value of a Path (stub: definite paths of names and indexes only).
pub fn select(path: &str, scope: &Scope<'_>) -> Result<Value, Failure> {
    let no_results = || {
        Failure::runtime(format!(
            "Invalid path '{path}' : No results for path: {}",
            jayway(path)
        ))
    };
    let parsed = path::parse(path, PathKind::Path).map_err(|_| no_results())?;
    let mut current = match &parsed.root {
        Root::Input => scope.input,
        Root::Context => scope.context,
        Root::Variable(name) => scope.variables.get(name).ok_or_else(no_results)?,
    };
    for (step, _) in &parsed.steps {
        current = match (step, current) {
            (Step::Name(name), Value::Object(map)) => map.get(name).ok_or_else(no_results)?,
            (Step::Index(i), Value::Array(items)) => {
                let index = if *i < 0 {
                    items.len().checked_sub(i.unsigned_abs() as usize)
                } else {
                    usize::try_from(*i).ok()
                };
                index.and_then(|i| items.get(i)).ok_or_else(no_results)?
            }
            _ => return Err(no_results()),
        };
    }
    Ok(current.clone())
}

/// `$.a.b` as Jayway prints it: `$['a']['b']`.
fn jayway(path: &str) -> String {
    let Ok(parsed) = path::parse(path, PathKind::Path) else {
        return path.to_string();
    };
    let mut out = String::from("$");
    for (step, _) in &parsed.steps {
        match step {
            Step::Name(name) => out.push_str(&format!("['{name}']")),
            Step::Index(i) => out.push_str(&format!("[{i}]")),
            _ => out.push_str("[*]"),
        }
    }
    out
}

/// Whether a path matches anything (Choice `IsPresent`); never fails.
pub fn is_present(path: &str, scope: &Scope<'_>) -> bool {
    select(path, scope).is_ok()
}

/// `ResultPath` (stub: `$` and `$.a.b` only).
pub fn apply_result_path(
    input: &Value,
    result_path: &str,
    result: Value,
) -> Result<Value, Failure> {
    let failure = || Failure {
        error: "States.ResultPathMatchFailure".into(),
        cause: format!("Unable to apply ResultPath '{result_path}' to input '{input}'"),
    };
    let parsed = path::parse(result_path, PathKind::Reference).map_err(|_| failure())?;
    let mut output = input.clone();
    let mut slot = &mut output;
    for (step, _) in &parsed.steps {
        let Step::Name(name) = step else {
            return Err(failure());
        };
        let Value::Object(map) = slot else {
            return Err(failure());
        };
        slot = map
            .entry(name.clone())
            .or_insert_with(|| Value::Object(Map::new()));
        if slot.is_null() {
            *slot = Value::Object(Map::new());
        }
    }
    *slot = result;
    Ok(output)
}

/// A JSONPath payload template: `.$` keys evaluated as paths (stub: no intrinsics).
pub fn evaluate_template(
    template: &Value,
    scope: &Scope<'_>,
    random: &Randomness,
) -> Result<Value, Failure> {
    match template {
        Value::Object(members) => {
            let mut out = Map::new();
            for (key, value) in members {
                match (key.strip_suffix(".$"), value) {
                    (Some(name), Value::String(expr)) => {
                        let value = if expr.starts_with("States.") {
                            evaluate_intrinsic(expr, scope, random)?
                        } else {
                            select(expr, scope)?
                        };
                        out.insert(name.to_string(), value);
                    }
                    _ => {
                        out.insert(key.clone(), evaluate_template(value, scope, random)?);
                    }
                }
            }
            Ok(Value::Object(out))
        }
        Value::Array(items) => items
            .iter()
            .map(|item| evaluate_template(item, scope, random))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array),
        other => Ok(other.clone()),
    }
}

/// An intrinsic call (stub: not supported).
pub fn evaluate_intrinsic(
    call: &str,
    _scope: &Scope<'_>,
    _random: &Randomness,
) -> Result<Value, Failure> {
    Err(Failure {
        error: "States.IntrinsicFailure".into(),
        cause: format!("intrinsic functions are not implemented in the stub evaluator: {call}"),
    })
}

/// A JSONPath Choice rule (stub: no timestamps, no wildcards in StringMatches).
pub fn evaluate_choice(rule: &ChoiceRule, scope: &Scope<'_>) -> Result<bool, Failure> {
    match &rule.kind {
        ChoiceRuleKind::And(rules) => {
            for rule in rules {
                if !evaluate_choice(rule, scope)? {
                    return Ok(false);
                }
            }
            Ok(true)
        }
        ChoiceRuleKind::Or(rules) => {
            for rule in rules {
                if evaluate_choice(rule, scope)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        ChoiceRuleKind::Not(rule) => Ok(!evaluate_choice(rule, scope)?),
        ChoiceRuleKind::Condition(_) | ChoiceRuleKind::Invalid => Ok(false),
        ChoiceRuleKind::Comparison {
            variable,
            operator,
            operand,
        } => {
            if operator.test == Test::IsPresent {
                let want = operand.value.as_bool().unwrap_or(true);
                return Ok(is_present(&variable.value, scope) == want);
            }
            let value = select(&variable.value, scope)?;
            let operand = if operator.path {
                select(operand.value.as_str().unwrap_or("$"), scope)?
            } else {
                operand.value.to_json()
            };
            Ok(compare(operator.test, &value, &operand))
        }
    }
}

fn compare(test: Test, value: &Value, operand: &Value) -> bool {
    use std::cmp::Ordering::{Equal, Greater, Less};
    let ordering = match (value, operand) {
        (Value::String(a), Value::String(b)) => Some(a.cmp(b)),
        (Value::Number(a), Value::Number(b)) => a.as_f64().partial_cmp(&b.as_f64()),
        _ => None,
    };
    let string = value.is_string() && operand.is_string();
    let number = value.is_number() && operand.is_number();
    match test {
        Test::StringEquals => string && ordering == Some(Equal),
        Test::StringLessThan => string && ordering == Some(Less),
        Test::StringGreaterThan => string && ordering == Some(Greater),
        Test::StringLessThanEquals => string && ordering.is_some_and(|o| o != Greater),
        Test::StringGreaterThanEquals => string && ordering.is_some_and(|o| o != Less),
        Test::StringMatches => string && value == operand,
        Test::NumericEquals => number && ordering == Some(Equal),
        Test::NumericLessThan => number && ordering == Some(Less),
        Test::NumericGreaterThan => number && ordering == Some(Greater),
        Test::NumericLessThanEquals => number && ordering.is_some_and(|o| o != Greater),
        Test::NumericGreaterThanEquals => number && ordering.is_some_and(|o| o != Less),
        Test::BooleanEquals => value.is_boolean() && value == operand,
        Test::IsNull => value.is_null() == operand.as_bool().unwrap_or(true),
        Test::IsNumeric => value.is_number() == operand.as_bool().unwrap_or(true),
        Test::IsString => value.is_string() == operand.as_bool().unwrap_or(true),
        Test::IsBoolean => value.is_boolean() == operand.as_bool().unwrap_or(true),
        Test::IsPresent
        | Test::IsTimestamp
        | Test::TimestampEquals
        | Test::TimestampLessThan
        | Test::TimestampGreaterThan
        | Test::TimestampLessThanEquals
        | Test::TimestampGreaterThanEquals => false,
    }
}
