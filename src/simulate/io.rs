//! One attempt at a state: input and output processing in both query languages, and the work
//! of Pass, Task, Choice, Wait, Succeed and Fail states (Parallel and Map are in `fanout`).
//!
//! JSONPath: InputPath -> Parameters -> result -> ResultSelector -> Assign -> ResultPath ->
//! OutputPath. `Assign` reads the result after ResultSelector as `$` (the effective input in
//! states without a result), and its values take effect after the state: OutputPath still sees
//! the old ones (oracle: `BASE_EVALUATION_ORDER_PASS_STATE`).
//! JSONata: Arguments -> result -> Output and Assign, every expression with the old variables.

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::clock;
use super::eval::{self, Context, Failure};
use super::executor::{Abort, Current, Done, Executor, Frame, Halt, Raised};
use super::history::Event;
use super::mocks::{Outcome, Response};
use super::trace::EntryKind;
use super::{Stopped, Unmocked};
use crate::ast::{self, ChoiceRuleKind, Dyn, Field, QueryLanguage, State, StateKind, Transition};
use crate::lang::jsonata::eval::{Bindings, Dialect, Limits, States, evaluate_field};
use crate::syntax::Node;

/// A Task's time limits, in seconds.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct TaskLimits {
    timeout: Option<i64>,
    heartbeat: Option<i64>,
}

/// Whether `s` is a `{% ... %}` JSONata expression; its inner text.
pub(super) fn jsonata_expr(s: &str) -> Option<&str> {
    s.strip_prefix("{%")?.strip_suffix("%}").map(str::trim)
}

fn scope<'s>(input: &'s Value, context: &'s Context<'s>, frame: &'s Frame) -> eval::Scope<'s> {
    eval::Scope {
        input,
        context,
        variables: &frame.variables,
    }
}

/// Where the state goes on success: its `Next`; none for a Succeed state (which never moves on).
fn next_of(state: &State) -> Option<String> {
    if matches!(state.kind, StateKind::Succeed) {
        return None;
    }
    match &state.transition {
        Transition::Next(next) => Some(next.value.clone()),
        _ => None,
    }
}

fn runtime(cause: impl Into<String>) -> Failure {
    Failure {
        error: "States.Runtime".into(),
        cause: cause.into(),
    }
}

fn query_error(cause: impl Into<String>) -> Failure {
    Failure {
        error: "States.QueryEvaluationError".into(),
        cause: cause.into(),
    }
}

/// A value as AWS quotes it in messages: strings as they are, other values as JSON.
pub(super) fn shown(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

impl<'a> Executor<'a> {
    /// Runs the state's work once (Retry calls it again).
    pub(super) fn attempt(
        &mut self,
        current: &Current<'a>,
        raw: &Value,
        frame: &mut Frame,
    ) -> Result<Done, Halt> {
        let state = current.state;
        match &state.kind {
            StateKind::Parallel(_) | StateKind::Map(_) => self.fanout(current, raw, frame),
            StateKind::Fail(fail) => Err(self.fail_state(current, fail, raw, frame)),
            StateKind::Choice(_) => self.choice(current, raw, frame),
            _ => self.simple(current, raw, frame),
        }
    }

    /// Pass, Task, Wait, Succeed: effective input, then the state's work, then the output.
    fn simple(&mut self, current: &Current<'a>, raw: &Value, frame: &Frame) -> Result<Done, Halt> {
        let state = current.state;
        let next = next_of(state);
        if state.language == QueryLanguage::Jsonata {
            let context = self.context(current, frame);
            let bindings = self.bindings(raw, &context, frame);
            let result = match &state.kind {
                StateKind::Task(_) => {
                    let arguments = match &state.io.arguments {
                        Some(node) => {
                            self.jsonata_node(current, &node.value, "Arguments", &bindings)?
                        }
                        None => raw.clone(),
                    };
                    self.note_step("arguments", &arguments);
                    let limits = self.task_limits(current, raw, Some(&bindings), frame)?;
                    let result = self.call_task(current, &arguments, limits)?;
                    Some(result)
                }
                StateKind::Wait(wait) => {
                    self.wait(current, wait, raw, &bindings, frame)?;
                    None
                }
                _ => None,
            };
            let (output, assigned) = self.jsonata_finish(current, raw, result, frame)?;
            return Ok(Done {
                output,
                assigned,
                next,
            });
        }
        let effective = self.input_path(current, raw, frame)?;
        let result = match &state.kind {
            StateKind::Pass(pass) => {
                let parameters = self.parameters(current, &effective, frame)?;
                Some(match &pass.result {
                    Some(result) => result.value.to_json(),
                    None => parameters,
                })
            }
            StateKind::Task(_) => {
                let parameters = self.parameters(current, &effective, frame)?;
                let limits = self.task_limits(current, &effective, None, frame)?;
                Some(self.call_task(current, &parameters, limits)?)
            }
            StateKind::Wait(wait) => {
                let bindings = self.no_bindings();
                self.wait(current, wait, &effective, &bindings, frame)?;
                None
            }
            _ => None,
        };
        let (output, assigned) = self.jsonpath_finish(current, raw, &effective, result, frame)?;
        Ok(Done {
            output,
            assigned,
            next,
        })
    }

    /// JSONPath after the result: ResultSelector, Assign, ResultPath, OutputPath. Without a
    /// result (Choice, Wait, Succeed) the effective input goes to OutputPath.
    pub(super) fn jsonpath_finish(
        &mut self,
        current: &Current<'a>,
        raw: &Value,
        effective: &Value,
        result: Option<Value>,
        frame: &Frame,
    ) -> Result<(Value, Option<Map<String, Value>>), Halt> {
        let state = current.state;
        let context = self.context(current, frame);
        let Some(result) = result else {
            let assigned = match &state.assign {
                Some(assign) => Some(self.jsonpath_assign(
                    current,
                    assign,
                    &scope(effective, &context, frame),
                )?),
                None => None,
            };
            let output = self.output_path(current, effective.clone(), &context, frame)?;
            return Ok((output, assigned));
        };
        self.note_step("result", &result);
        let selected = match &state.io.result_selector {
            Some(selector) => {
                let value = eval::evaluate_template(
                    &self.template(&selector.value),
                    &scope(&result, &context, frame),
                    &self.random,
                )
                .map_err(|f| self.prefixed(current, f))?;
                self.note_step("afterResultSelector", &value);
                value
            }
            None => result,
        };
        let assigned = match &state.assign {
            Some(assign) => {
                Some(self.jsonpath_assign(current, assign, &scope(&selected, &context, frame))?)
            }
            None => None,
        };
        let after_result_path = match &state.io.result_path {
            None => selected,
            Some(Field { value: None, .. }) => raw.clone(),
            Some(Field {
                value: Some(path), ..
            }) => eval::apply_result_path(raw, path, selected)
                .map_err(|f| self.prefixed(current, f))?,
        };
        self.note_step("afterResultPath", &after_result_path);
        let output = self.output_path(current, after_result_path, &context, frame)?;
        Ok((output, assigned))
    }

    /// JSONata after the result: Output (default: the result, else the input) and Assign, both
    /// with `$states.result` and the old variables.
    pub(super) fn jsonata_finish(
        &mut self,
        current: &Current<'a>,
        raw: &Value,
        result: Option<Value>,
        frame: &Frame,
    ) -> Result<(Value, Option<Map<String, Value>>), Halt> {
        let state = current.state;
        let context = self.context(current, frame);
        let mut bindings = self.bindings(raw, &context, frame);
        if let Some(result) = &result {
            self.note_step("result", result);
        }
        bindings.states.result = result.clone();
        let output = match &state.io.output {
            Some(node) => self.jsonata_node(current, &node.value, "Output", &bindings)?,
            None => result.unwrap_or_else(|| raw.clone()),
        };
        let assigned = match &state.assign {
            Some(node) => Some(self.jsonata_assign(current, &node.value, &bindings)?),
            None => None,
        };
        Ok((output, assigned))
    }

    /// The effective input: `raw` itself unless an `InputPath` selects from it.
    pub(super) fn input_path<'v>(
        &mut self,
        current: &Current<'a>,
        raw: &'v Value,
        frame: &Frame,
    ) -> Result<Cow<'v, Value>, Halt> {
        let value = match &current.state.io.input_path {
            None => return Ok(Cow::Borrowed(raw)),
            Some(Field { value: None, .. }) => Value::Object(Map::new()),
            Some(Field {
                value: Some(path), ..
            }) => {
                let context = self.context(current, frame);
                let scope = eval::Scope {
                    input: raw,
                    context: &context,
                    variables: &frame.variables,
                };
                eval::select(path, &scope).map_err(|f| self.prefixed(current, f))?
            }
        };
        self.note_step("afterInputPath", &value);
        Ok(Cow::Owned(value))
    }

    pub(super) fn parameters(
        &mut self,
        current: &Current<'a>,
        effective: &Value,
        frame: &Frame,
    ) -> Result<Value, Halt> {
        let Some(parameters) = &current.state.io.parameters else {
            return Ok(effective.clone());
        };
        let context = self.context(current, frame);
        let scope = eval::Scope {
            input: effective,
            context: &context,
            variables: &frame.variables,
        };
        let value =
            eval::evaluate_template(&self.template(&parameters.value), &scope, &self.random)
                .map_err(|f| self.prefixed(current, f))?;
        self.note_step("afterParameters", &value);
        Ok(value)
    }

    /// The state's output: `value` itself unless an `OutputPath` selects from it.
    fn output_path(
        &mut self,
        current: &Current<'a>,
        value: Value,
        context: &Context<'_>,
        frame: &Frame,
    ) -> Result<Value, Halt> {
        match &current.state.io.output_path {
            None => Ok(value),
            Some(Field { value: None, .. }) => Ok(Value::Object(Map::new())),
            Some(Field {
                value: Some(path), ..
            }) => {
                let scope = eval::Scope {
                    input: &value,
                    context,
                    variables: &frame.variables,
                };
                eval::select(path, &scope).map_err(|f| self.prefixed(current, f))
            }
        }
    }

    /// A JSONPath `Assign` template, evaluated against `scope`.
    pub(super) fn jsonpath_assign(
        &mut self,
        current: &Current<'a>,
        assign: &Field<Node>,
        scope: &eval::Scope<'_>,
    ) -> Result<Map<String, Value>, Halt> {
        match eval::evaluate_template(&self.template(&assign.value), scope, &self.random) {
            Ok(Value::Object(map)) => Ok(map),
            Ok(_) => Ok(Map::new()),
            Err(f) => Err(self.prefixed(current, f)),
        }
    }

    pub(super) fn bindings(&self, input: &Value, context: &Context<'_>, frame: &Frame) -> Bindings {
        Bindings {
            states: States {
                input: input.clone(),
                context: context.get().clone(),
                result: None,
                error_output: None,
            },
            variables: frame.variables.clone(),
            random: self.random.clone(),
            limits: Limits::default(),
            dialect: Dialect::default(),
        }
    }

    /// Bindings for a JSONPath state, which evaluates no JSONata (cheaper than `default()`,
    /// which seeds a new random stream).
    pub(super) fn no_bindings(&self) -> Bindings {
        Bindings {
            states: States::default(),
            variables: Map::new(),
            random: self.random.clone(),
            limits: Limits::default(),
            dialect: Dialect::default(),
        }
    }

    /// A JSONata field: `{% %}` strings evaluated, objects and arrays walked, other values as
    /// written. `field` names the place for error causes (`Output/result`).
    pub(super) fn jsonata_node(
        &self,
        current: &Current<'a>,
        node: &Node,
        field: &str,
        bindings: &Bindings,
    ) -> Result<Value, Halt> {
        use crate::syntax::Value as V;
        match &node.value {
            V::String(s) => match jsonata_expr(s) {
                Some(expr) => evaluate_field(expr, field, &bindings.states.input, bindings)
                    .map_err(|e| {
                        self.prefixed(
                            current,
                            Failure {
                                error: e.error.into(),
                                cause: e.cause,
                            },
                        )
                    }),
                None => Ok(Value::String(s.clone())),
            },
            V::Object(members) => {
                let mut out = Map::new();
                for member in members {
                    let path = format!("{field}/{}", member.key.name);
                    out.insert(
                        member.key.name.clone(),
                        self.jsonata_node(current, &member.value, &path, bindings)?,
                    );
                }
                Ok(Value::Object(out))
            }
            V::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    out.push(self.jsonata_node(
                        current,
                        item,
                        &format!("{field}[{i}]"),
                        bindings,
                    )?);
                }
                Ok(Value::Array(out))
            }
            _ => Ok(node.to_json()),
        }
    }

    /// A JSONata `Assign` object: each value evaluated with the old variables.
    pub(super) fn jsonata_assign(
        &self,
        current: &Current<'a>,
        node: &Node,
        bindings: &Bindings,
    ) -> Result<Map<String, Value>, Halt> {
        match self.jsonata_node(current, node, "Assign", bindings)? {
            Value::Object(map) => Ok(map),
            _ => Ok(Map::new()),
        }
    }

    pub(super) fn note_step(&mut self, label: &'static str, value: &Value) {
        if !self.tracing() {
            return;
        }
        self.note(EntryKind::Step {
            label,
            value: value.clone(),
        });
    }

    /// A Task's `TimeoutSeconds` and `HeartbeatSeconds` (or their paths, read from the effective
    /// input; JSONata expressions evaluated with `bindings`).
    fn task_limits(
        &self,
        current: &Current<'a>,
        input: &Value,
        bindings: Option<&Bindings>,
        frame: &Frame,
    ) -> Result<TaskLimits, Halt> {
        let StateKind::Task(task) = &current.state.kind else {
            return Ok(TaskLimits::default());
        };
        let context = self.context(current, frame);
        let scope = eval::Scope {
            input,
            context: &context,
            variables: &frame.variables,
        };
        let seconds = |literal: &Option<Field<Dyn<i64>>>,
                       path: &Option<Field<String>>,
                       field: &str|
         -> Result<Option<i64>, Halt> {
            match (literal.as_ref().map(|f| &f.value), path) {
                (Some(Dyn::Lit(n)), _) => Ok(Some(*n)),
                (Some(Dyn::Expr(text)), _) => {
                    let default = Bindings::default();
                    let value =
                        self.jsonata_text(current, text, field, bindings.unwrap_or(&default))?;
                    match value.as_i64().filter(|n| *n > 0) {
                        Some(n) => Ok(Some(n)),
                        None => Err(self.prefixed(current, query_error(format!(
                            "The JSONata expression '{}' specified for the field '{field}' returned an unexpected data type: {}",
                            jsonata_expr(text).unwrap_or(text),
                            shown(&value)
                        )))),
                    }
                }
                (None, Some(path)) => {
                    let value =
                        eval::select(&path.value, &scope).map_err(|f| self.prefixed(current, f))?;
                    match value.as_i64().filter(|n| *n > 0) {
                        Some(n) => Ok(Some(n)),
                        None => Err(self.prefixed(
                            current,
                            runtime(format!(
                                "The {field}Path field refers to value \"{}\" which is not a valid positive integer: {}",
                                shown(&value),
                                path.value
                            )),
                        )),
                    }
                }
                (None, None) => Ok(None),
            }
        };
        Ok(TaskLimits {
            timeout: seconds(
                &task.timeout_seconds,
                &task.timeout_seconds_path,
                "TimeoutSeconds",
            )?,
            heartbeat: seconds(
                &task.heartbeat_seconds,
                &task.heartbeat_seconds_path,
                "HeartbeatSeconds",
            )?,
        })
    }

    /// Calls a mocked task: TaskScheduled, TaskStarted, then TaskSucceeded, TaskFailed or
    /// TaskTimedOut. The call takes the mock's `Delay` on the virtual clock; a delay longer than
    /// `TimeoutSeconds` ends it with `States.Timeout` after TimeoutSeconds, and for a callback
    /// (`.waitForTaskToken`) or activity task, which sends no heartbeats here, a delay longer
    /// than `HeartbeatSeconds` ends it with `States.HeartbeatTimeout` after HeartbeatSeconds,
    /// whichever comes first.
    fn call_task(
        &mut self,
        current: &Current<'a>,
        parameters: &Value,
        limits: TaskLimits,
    ) -> Result<Value, Halt> {
        let state = current.state;
        let resource = match &state.kind {
            StateKind::Task(task) => task
                .resource
                .as_ref()
                .map_or(String::new(), |r| r.value.clone()),
            _ => String::new(),
        };
        let mut scheduled = Event::new("TaskScheduled");
        scheduled.details_mut().resource = Some(resource.clone());
        scheduled.details_mut().parameters = Some(parameters.clone());
        self.emit(scheduled)?;
        self.emit(Event::new("TaskStarted"))?;
        let call = self.calls.entry(state.name.clone()).or_insert(0);
        let number = *call;
        *call += 1;
        let response = match self.mocks.response(&state.name, number) {
            Some(response) => response.clone(),
            None if self.options.unmocked == Unmocked::Echo => {
                Response::returning(parameters.clone())
            }
            None => {
                return Err(Halt::Abort(Abort::Stopped(Stopped::Unmocked {
                    state: state.name.clone(),
                    resource,
                })));
            }
        };
        let callback = resource.ends_with(".waitForTaskToken") || resource.contains(":activity:");
        self.note(EntryKind::Call {
            number,
            resource: resource.clone(),
        });
        let delay_ms = (response.delay_seconds * 1000.0).round() as i64;
        let heartbeat = limits.heartbeat.filter(|_| callback);
        let expired = [
            (limits.timeout, "States.Timeout", "TimeoutSeconds"),
            (heartbeat, "States.HeartbeatTimeout", "HeartbeatSeconds"),
        ]
        .into_iter()
        .filter_map(|(limit, error, field)| {
            let ms = limit?.saturating_mul(1000);
            (delay_ms > ms).then_some((ms, error, field))
        })
        .min_by_key(|(ms, _, _)| *ms);
        let from = self.clock.now_ms;
        self.clock
            .advance(expired.map_or(delay_ms, |(ms, _, _)| ms));
        if self.clock.now_ms > from {
            self.note(EntryKind::Ran {
                seconds: (self.clock.now_ms - from) as f64 / 1000.0,
                until: self.clock.now(),
                timed_out: expired.map(|(_, _, field)| field),
            });
        }
        self.check_deadline()?;
        if let Some((_, error, _)) = expired {
            let mut event = Event::new("TaskTimedOut").failure(Some(error), None);
            event.details_mut().resource = Some(resource);
            self.emit(event)?;
            return Err(Halt::Fail(Raised {
                error: Some(error.to_string()),
                cause: None,
            }));
        }
        match response.outcome {
            Outcome::Return(value) => {
                self.emit(Event::new("TaskSucceeded").output(&value))?;
                Ok(value)
            }
            Outcome::Throw { error, cause } => {
                self.emit(Event::new("TaskFailed").failure(error.as_deref(), cause.as_deref()))?;
                Err(Halt::Fail(Raised { error, cause }))
            }
        }
    }

    /// Moves the virtual clock to the end of a Wait state.
    fn wait(
        &mut self,
        current: &Current<'a>,
        wait: &ast::Wait,
        input: &Value,
        bindings: &Bindings,
        frame: &Frame,
    ) -> Result<(), Halt> {
        let context = self.context(current, frame);
        let scope = eval::Scope {
            input,
            context: &context,
            variables: &frame.variables,
        };
        let until_ms = if let Some(seconds) = &wait.seconds {
            let seconds = match &seconds.value {
                Dyn::Lit(n) => *n,
                Dyn::Expr(text) => {
                    let value = self.jsonata_text(current, text, "Seconds", bindings)?;
                    value.as_i64().ok_or_else(|| {
                        self.prefixed(
                            current,
                            query_error(format!(
                                "The Seconds field must be an integer but was: {}",
                                shown(&value)
                            )),
                        )
                    })?
                }
            };
            self.clock
                .now_ms
                .saturating_add(seconds.max(0).saturating_mul(1000))
        } else if let Some(path) = &wait.seconds_path {
            let value = eval::select(&path.value, &scope).map_err(|f| self.prefixed(current, f))?;
            let Some(seconds) = value.as_i64() else {
                return Err(self.prefixed(
                    current,
                    runtime(format!(
                        "The SecondsPath parameter cannot be parsed as a long value: {} == {}",
                        path.value,
                        shown(&value)
                    )),
                ));
            };
            self.clock
                .now_ms
                .saturating_add(seconds.max(0).saturating_mul(1000))
        } else if let Some(timestamp) = &wait.timestamp {
            let text = match &timestamp.value {
                Dyn::Lit(s) => Value::String(s.clone()),
                Dyn::Expr(text) => self.jsonata_text(current, text, "Timestamp", bindings)?,
            };
            let parsed = text.as_str().and_then(clock::parse_timestamp);
            parsed.ok_or_else(|| {
                self.prefixed(current, query_error(format!(
                    "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: {}",
                    shown(&text)
                )))
            })?
        } else if let Some(path) = &wait.timestamp_path {
            let value = eval::select(&path.value, &scope).map_err(|f| self.prefixed(current, f))?;
            let parsed = value.as_str().and_then(clock::parse_timestamp);
            parsed.ok_or_else(|| {
                self.prefixed(current, runtime(format!(
                    "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: {} == {}",
                    path.value,
                    shown(&value)
                )))
            })?
        } else {
            self.clock.now_ms
        };
        let from = self.clock.now_ms;
        self.clock.advance_to(until_ms);
        self.note(EntryKind::Waited {
            seconds: (self.clock.now_ms - from) as f64 / 1000.0,
            until: self.clock.now(),
        });
        self.check_deadline()?;
        Ok(())
    }

    /// Evaluates a whole-field `{% %}` string.
    fn jsonata_text(
        &self,
        current: &Current<'a>,
        text: &str,
        field: &str,
        bindings: &Bindings,
    ) -> Result<Value, Halt> {
        let node = Node::new(
            crate::syntax::Value::String(text.to_string()),
            crate::syntax::Span::at(0),
        );
        self.jsonata_node(current, &node, field, bindings)
    }

    fn choice(&mut self, current: &Current<'a>, raw: &Value, frame: &Frame) -> Result<Done, Halt> {
        let state = current.state;
        let StateKind::Choice(choice) = &state.kind else {
            unreachable!("choice() is called for Choice states");
        };
        let jsonata = state.language == QueryLanguage::Jsonata;
        let effective = if jsonata {
            Cow::Borrowed(raw)
        } else {
            self.input_path(current, raw, frame)?
        };
        let context = self.context(current, frame);
        let bindings = if jsonata {
            self.bindings(raw, &context, frame)
        } else {
            self.no_bindings()
        };
        let mut chosen = None;
        for (i, rule) in choice.choices.iter().enumerate() {
            let matched = match &rule.kind {
                ChoiceRuleKind::Condition(condition) => match &condition.value {
                    Dyn::Lit(b) => *b,
                    Dyn::Expr(text) => {
                        match self.jsonata_text(current, text, "Condition", &bindings)? {
                            Value::Bool(b) => b,
                            other => {
                                return Err(self.prefixed(current, query_error(format!(
                                "The JSONata expression '{}' specified for the field 'Condition' returned an unexpected data type: {}",
                                jsonata_expr(text).unwrap_or(text),
                                shown(&other)
                            ))));
                            }
                        }
                    }
                },
                _ => {
                    let scope = eval::Scope {
                        input: &effective,
                        context: &context,
                        variables: &frame.variables,
                    };
                    eval::evaluate_choice(rule, &scope).map_err(|f| self.prefixed(current, f))?
                }
            };
            if matched {
                chosen = Some((i, rule));
                break;
            }
        }
        let tracing = self.tracing();
        let (next, assign, output_field, why) = match chosen {
            Some((i, rule)) => (
                rule.next.as_ref().map(|n| n.value.clone()),
                rule.assign.as_ref(),
                rule.output.as_ref(),
                if tracing {
                    format!("Choices[{i}] matched: {}", describe_rule(&rule.kind))
                } else {
                    String::new()
                },
            ),
            None => match &choice.default {
                Some(default) => (
                    Some(default.value.clone()),
                    state.assign.as_ref(),
                    state.io.output.as_ref(),
                    "no rule matched: Default".to_string(),
                ),
                None => {
                    self.note(EntryKind::Choice {
                        why: "no rule matched and there is no Default".into(),
                        next: String::new(),
                    });
                    // The language spec names States.NoChoiceMatched, but AWS fails the
                    // execution with States.Runtime, "a failure to transition out of the state"
                    // (AWS docs, Choice state), in this wording (emulators checked against AWS;
                    // the oracle has no such case). History: ChoiceStateEntered, ExecutionFailed.
                    return Err(self.prefixed(
                        current,
                        runtime(
                            "Failed to transition out of the state. The state does not point to a next state.",
                        ),
                    ));
                }
            },
        };
        if tracing {
            self.note(EntryKind::Choice {
                why,
                next: next.clone().unwrap_or_default(),
            });
        }
        if jsonata {
            let output = match output_field {
                Some(node) => self.jsonata_node(current, &node.value, "Output", &bindings)?,
                None => raw.clone(),
            };
            let assigned = match assign {
                Some(node) => Some(self.jsonata_assign(current, &node.value, &bindings)?),
                None => None,
            };
            return Ok(Done {
                output,
                assigned,
                next,
            });
        }
        let scope = eval::Scope {
            input: &effective,
            context: &context,
            variables: &frame.variables,
        };
        let assigned = match assign {
            Some(assign) => Some(self.jsonpath_assign(current, assign, &scope)?),
            None => None,
        };
        let output = self.output_path(current, effective.into_owned(), &context, frame)?;
        Ok(Done {
            output,
            assigned,
            next,
        })
    }

    fn fail_state(
        &mut self,
        current: &Current<'a>,
        fail: &ast::Fail,
        raw: &Value,
        frame: &Frame,
    ) -> Halt {
        let context = self.context(current, frame);
        let bindings = if current.state.language == QueryLanguage::Jsonata {
            self.bindings(raw, &context, frame)
        } else {
            self.no_bindings()
        };
        let scope = eval::Scope {
            input: raw,
            context: &context,
            variables: &frame.variables,
        };
        let text = |literal: &Option<Field<String>>,
                    path: &Option<Field<String>>,
                    name: &str|
         -> Result<Option<String>, Halt> {
            if let Some(literal) = literal {
                if let Some(_expr) = jsonata_expr(&literal.value)
                    .filter(|_| current.state.language == QueryLanguage::Jsonata)
                {
                    return self
                        .jsonata_text(current, &literal.value, name, &bindings)
                        .map(|v| Some(shown(&v)));
                }
                return Ok(Some(literal.value.clone()));
            }
            let Some(path) = path else { return Ok(None) };
            let value = if path.value.starts_with("States.") {
                eval::evaluate_intrinsic(&path.value, &scope, &self.random)
            } else {
                eval::select(&path.value, &scope)
            };
            value
                .map(|v| Some(shown(&v)))
                .map_err(|f| self.prefixed(current, f))
        };
        let error = match text(&fail.error, &fail.error_path, "Error") {
            Ok(error) => error,
            Err(halt) => return halt,
        };
        let cause = match text(&fail.cause, &fail.cause_path, "Cause") {
            Ok(cause) => cause,
            Err(halt) => return halt,
        };
        Halt::Fail(Raised { error, cause })
    }
}

/// A rule in a line, for the trace.
fn describe_rule(kind: &ChoiceRuleKind) -> String {
    match kind {
        ChoiceRuleKind::Comparison {
            variable,
            operator,
            operand,
        } => {
            format!(
                "{} {} {}",
                variable.value,
                operator.name,
                operand.value.to_json()
            )
        }
        ChoiceRuleKind::And(rules) => format!("And({} rules)", rules.len()),
        ChoiceRuleKind::Or(rules) => format!("Or({} rules)", rules.len()),
        ChoiceRuleKind::Not(rule) => format!("Not({})", describe_rule(&rule.kind)),
        ChoiceRuleKind::Condition(condition) => match &condition.value {
            Dyn::Lit(b) => format!("Condition {b}"),
            Dyn::Expr(text) => format!("Condition {text}"),
        },
        ChoiceRuleKind::Invalid => "an invalid rule".into(),
    }
}
