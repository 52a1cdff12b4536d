//! Payload templates (`Parameters`, `ResultSelector`, `ItemSelector`, JSONPath `Assign`...) and
//! `ResultPath`.

use serde_json::{Map, Value};

use super::jsonpath::Seg;
use super::{Failure, Scope, compact, intrinsics, select};
use crate::lang::jsonata::eval::Randomness;
use crate::lang::path::Root;

/// Evaluates a template: a `key.$` member becomes `key` with the value of its path or intrinsic
/// call; everything else is copied, objects and arrays recursively.
pub(super) fn evaluate(
    template: &Value,
    scope: &Scope<'_>,
    random: &Randomness,
) -> Result<Value, Failure> {
    match template {
        Value::Object(members) => {
            let mut out = Map::new();
            for (key, value) in members {
                match key.strip_suffix(".$") {
                    Some(name) => {
                        out.insert(name.to_string(), dynamic(key, value, scope, random)?);
                    }
                    None => {
                        out.insert(key.clone(), evaluate(value, scope, random)?);
                    }
                }
            }
            Ok(Value::Object(out))
        }
        Value::Array(items) => items
            .iter()
            .map(|item| evaluate(item, scope, random))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array),
        other => Ok(other.clone()),
    }
}

/// The value of one `key.$` member.
fn dynamic(
    key: &str,
    value: &Value,
    scope: &Scope<'_>,
    random: &Randomness,
) -> Result<Value, Failure> {
    let Value::String(expr) = value else {
        return Err(Failure::runtime(format!(
            "The value for the field '{key}' must be a STRING that contains a JSONPath or an intrinsic function, but was {}",
            compact(value)
        )));
    };
    if !expr.trim_start().starts_with('$') {
        return intrinsics::evaluate(expr, scope, random);
    }
    select(expr, scope).map_err(|_| {
        Failure::runtime(format!(
            "The JSONPath '{expr}' specified for the field '{key}' could not be found in the input '{}'",
            compact(scope.input)
        ))
    })
}

/// `input` with `result` put at `path` (a Reference Path: names and indexes only).
pub(super) fn apply_result_path(
    input: &Value,
    path: &str,
    result: Value,
) -> Result<Value, Failure> {
    let fail = || {
        Failure::new(
            "States.ResultPathMatchFailure",
            format!(
                "Unable to apply ReferencePath {path} to input {}",
                compact(input)
            ),
        )
    };
    let compiled = super::compiled(path);
    let compiled = compiled.as_ref().as_ref().map_err(|_| fail())?;
    if compiled.root != Root::Input {
        return Err(fail());
    }
    let mut output = input.clone();
    let mut slot = &mut output;
    for seg in &compiled.segs {
        slot = match seg {
            Seg::Names(names) if names.len() == 1 => {
                let Value::Object(map) = slot else {
                    return Err(fail());
                };
                map.entry(names[0].clone())
                    .or_insert_with(|| Value::Object(Map::new()))
            }
            Seg::Indexes(indexes) if indexes.len() == 1 => {
                let Value::Array(items) = slot else {
                    return Err(fail());
                };
                let len = i64::try_from(items.len()).map_err(|_| fail())?;
                let at = if indexes[0] < 0 {
                    len + indexes[0]
                } else {
                    indexes[0]
                };
                let at = usize::try_from(at).map_err(|_| fail())?;
                items.get_mut(at).ok_or_else(fail)?
            }
            _ => return Err(fail()),
        };
    }
    *slot = result;
    Ok(output)
}
