//! Mocked task results, in two forms (both described by `schemas/mocks.schema.json`):
//!
//! - Step Functions Local's mock configuration file, read as is:
//!   `{"StateMachines": {M: {"TestCases": {T: {State: ResponseName}}}},
//!     "MockedResponses": {ResponseName: {"0": {"Return": V}, "1-2": {"Throw": {"Error", "Cause"}}}}}`;
//!   calls are counted per state, retries included (`"0"` is the first call).
//! - The short form for quick runs: `{State: V}` (every call returns `V`),
//!   `{State: {"Throw": {"Error": E, "Cause": C}}}`, `{State: {"Return": V}}`, or a list of those
//!   for successive calls (the last one repeats).
//!
//! Past the last numbered response of a Step Functions Local file the last one repeats too.
//!
//! asl-lint extension (both forms): `"Delay": seconds` beside `Return` or `Throw` is how long the
//! call takes on the virtual clock, so that `TimeoutSeconds` and `HeartbeatSeconds` can fire.
//! Step Functions Local has no such key; files without it read as before.
//!
//! A Distributed Map's `ItemReader` is mocked like a Task, under the Map state's name: the
//! response's result is what the reader reads (an array of items, or the text of a CSV, JSON or
//! JSON Lines file).

use std::collections::HashMap;

use serde_json::Value;

use crate::source::SourceFile;
use crate::syntax::{self, Node};

/// The mock schema, shipped for editors and used to validate mock files.
pub const SCHEMA: &str = include_str!("../../schemas/mocks.schema.json");

/// What one call of a mocked task does: its outcome, after `delay_seconds` of virtual time.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    pub outcome: Outcome,
    /// `"Delay"` (asl-lint extension): seconds the call takes; 0 without it.
    pub delay_seconds: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Return(Value),
    Throw {
        error: Option<String>,
        cause: Option<String>,
    },
}

impl Response {
    /// An immediate `Return`.
    pub fn returning(value: Value) -> Self {
        Response {
            outcome: Outcome::Return(value),
            delay_seconds: 0.0,
        }
    }
}

/// The responses of the mocked states, by state name, one per call.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Mocks {
    states: HashMap<String, Vec<Response>>,
}

/// Why a mock file cannot be used: a message, with the place in the file when there is one
/// (`file:line:col`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MockError {
    pub location: Option<String>,
    pub message: String,
}

impl std::fmt::Display for MockError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.location {
            Some(location) => write!(f, "{location}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// Which machine and test case of a Step Functions Local file to use.
#[derive(Debug, Clone, Default)]
pub struct Selection<'a> {
    /// `--machine`, else the only machine, else the definition file's stem.
    pub machine: Option<&'a str>,
    /// The definition's file stem, tried when there are several machines.
    pub file_stem: Option<&'a str>,
    /// `--test-case`.
    pub test_case: Option<&'a str>,
}

impl Mocks {
    /// The mocked responses of `state`, one per call; `None` when the state is not mocked.
    pub fn responses(&self, state: &str) -> Option<&[Response]> {
        self.states.get(state).map(Vec::as_slice)
    }

    /// The response to call number `call` (0-based) of `state`.
    pub fn response(&self, state: &str, call: usize) -> Option<&Response> {
        let responses = self.states.get(state)?;
        responses.get(call).or_else(|| responses.last())
    }

    pub fn is_empty(&self) -> bool {
        self.states.is_empty()
    }

    /// Reads a mock file (JSON or YAML): parsed with asl-lint's own parser, validated against the
    /// schema (errors point into the file), then read in whichever form it is.
    pub fn load(source: &SourceFile, selection: &Selection<'_>) -> Result<Mocks, MockError> {
        let parsed = syntax::parse(&source.text, source.format);
        let Some(root) = parsed.root else {
            let message = parsed
                .diagnostics
                .first()
                .map_or_else(|| "empty file".to_string(), |d| d.message.clone());
            return Err(MockError {
                location: Some(source.name.clone()),
                message: format!("not valid JSON or YAML: {message}"),
            });
        };
        if let Some(d) = parsed.diagnostics.first() {
            return Err(located(source, d.span.start, &d.message));
        }
        let value = root.to_json();
        validate(source, &root, &value)?;
        if is_local_form(&value) {
            from_local(&value, selection)
        } else {
            Ok(from_short(&value))
        }
    }

    /// Reads the short form from a JSON value (no validation; for tests and library users).
    pub fn from_short_form(value: &Value) -> Mocks {
        from_short(value)
    }
}

fn located(source: &SourceFile, offset: usize, message: &str) -> MockError {
    let (line, col) = source.line_col(offset);
    MockError {
        location: Some(format!("{}:{line}:{col}", source.name)),
        message: message.to_string(),
    }
}

fn is_local_form(value: &Value) -> bool {
    value.get("StateMachines").is_some() || value.get("MockedResponses").is_some()
}

fn validate(source: &SourceFile, root: &Node, value: &Value) -> Result<(), MockError> {
    let schema: Value = serde_json::from_str(SCHEMA).expect("the mock schema is valid JSON");
    let validator = jsonschema::validator_for(&schema).expect("the mock schema compiles");
    // The schema's `oneOf` would blame the whole file; validate against the form it is in.
    let form = if is_local_form(value) {
        "#/definitions/local"
    } else {
        "#/definitions/short"
    };
    let mut sub = schema.clone();
    if let Value::Object(map) = &mut sub {
        map.remove("oneOf");
        map.insert("$ref".into(), Value::String(form.into()));
    }
    let validator = jsonschema::validator_for(&sub).unwrap_or(validator);
    let Some(error) = validator.iter_errors(value).next() else {
        return Ok(());
    };
    let pointer = error.instance_path().to_string();
    let node = node_at(root, &pointer);
    let message = if pointer.is_empty() {
        format!("invalid mock file: {error}")
    } else {
        format!("invalid mock file at `{pointer}`: {error}")
    };
    Err(located(source, node.span.start, &message))
}

/// The node a JSON pointer leads to (as far as it goes).
fn node_at<'a>(root: &'a Node, pointer: &str) -> &'a Node {
    let mut node = root;
    for token in pointer.split('/').skip(1) {
        let token = token.replace("~1", "/").replace("~0", "~");
        let next = if let Some(member) = node.get(&token) {
            Some(&member.value)
        } else {
            token
                .parse::<usize>()
                .ok()
                .and_then(|i| node.as_array().and_then(|items| items.get(i)))
        };
        match next {
            Some(next) => node = next,
            None => break,
        }
    }
    node
}

/// `{"Return": V}`, `{"Throw": {...}}`, either with `"Delay": seconds`, or (short form) a plain
/// result. An object with other keys, or a `Delay` that is not a number, is a plain result.
fn response(value: &Value) -> Response {
    let Some(map) = value.as_object() else {
        return Response::returning(value.clone());
    };
    let delay = map.get("Delay");
    let delay_seconds = delay.and_then(Value::as_f64).filter(|d| *d >= 0.0);
    let keys = map.len() - usize::from(delay.is_some());
    if keys == 1 && (delay.is_none() || delay_seconds.is_some()) {
        let delay_seconds = delay_seconds.unwrap_or(0.0);
        if let Some(throw) = map.get("Throw") {
            let text = |key: &str| throw.get(key).and_then(Value::as_str).map(str::to_string);
            return Response {
                outcome: Outcome::Throw {
                    error: text("Error"),
                    cause: text("Cause"),
                },
                delay_seconds,
            };
        }
        if let Some(ret) = map.get("Return") {
            return Response {
                outcome: Outcome::Return(ret.clone()),
                delay_seconds,
            };
        }
    }
    Response::returning(value.clone())
}

fn from_short(value: &Value) -> Mocks {
    let mut mocks = Mocks::default();
    let Some(map) = value.as_object() else {
        return mocks;
    };
    for (state, mock) in map {
        let responses = match mock {
            Value::Array(items) => items.iter().map(response).collect(),
            other => vec![response(other)],
        };
        mocks.states.insert(state.clone(), responses);
    }
    mocks
}

fn from_local(value: &Value, selection: &Selection<'_>) -> Result<Mocks, MockError> {
    let error = |message: String| MockError {
        location: None,
        message,
    };
    let machines = value
        .get("StateMachines")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let names: Vec<&String> = machines.keys().collect();
    let machine = match selection.machine {
        Some(name) => name.to_string(),
        None if names.len() == 1 => names[0].clone(),
        None => match selection.file_stem.filter(|s| machines.contains_key(*s)) {
            Some(stem) => stem.to_string(),
            None => {
                return Err(error(format!(
                    "the mock file describes {} state machines ({}): choose one with `--machine NAME`",
                    names.len(),
                    list(&names)
                )));
            }
        },
    };
    let Some(cases) = machines
        .get(&machine)
        .and_then(|m| m.get("TestCases"))
        .and_then(Value::as_object)
    else {
        return Err(error(format!(
            "the mock file has no state machine `{machine}` (it has: {})",
            list(&names)
        )));
    };
    let case_names: Vec<&String> = cases.keys().collect();
    let case = match selection.test_case {
        Some(name) => name.to_string(),
        None if case_names.len() == 1 => case_names[0].clone(),
        None => {
            return Err(error(format!(
                "choose a test case with `--test-case NAME` (`{machine}` has: {})",
                list(&case_names)
            )));
        }
    };
    let Some(states) = cases.get(&case).and_then(Value::as_object) else {
        return Err(error(format!(
            "state machine `{machine}` has no test case `{case}` (it has: {})",
            list(&case_names)
        )));
    };
    let responses = value.get("MockedResponses").and_then(Value::as_object);
    let mut mocks = Mocks::default();
    for (state, name) in states {
        let name = name.as_str().unwrap_or_default();
        let Some(calls) = responses
            .and_then(|r| r.get(name))
            .and_then(Value::as_object)
        else {
            return Err(error(format!(
                "test case `{case}` mocks state `{state}` with response `{name}`, which is not in `MockedResponses`"
            )));
        };
        mocks.states.insert(state.clone(), numbered(calls));
    }
    Ok(mocks)
}

/// `{"0": r, "1-2": r}` as one response per call.
fn numbered(calls: &serde_json::Map<String, Value>) -> Vec<Response> {
    let mut slots: Vec<(usize, Response)> = Vec::new();
    for (key, value) in calls {
        let (from, to) = match key.split_once('-') {
            Some((a, b)) => (
                a.trim().parse::<usize>().ok(),
                b.trim().parse::<usize>().ok(),
            ),
            None => (
                key.trim().parse::<usize>().ok(),
                key.trim().parse::<usize>().ok(),
            ),
        };
        let (Some(from), Some(to)) = (from, to) else {
            continue;
        };
        for call in from..=to.min(from + 10_000) {
            slots.push((call, response(value)));
        }
    }
    slots.sort_by_key(|(call, _)| *call);
    slots.into_iter().map(|(_, r)| r).collect()
}

fn list(names: &[&String]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
