//! The state loop: one state at a time, Retry and Catch, the context object, the event log.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use serde_json::{Map, Value, json};

use super::clock::{self, Clock};
use super::eval::{Context, Failure};
use super::history::{self, Event, History};
use super::mocks::Mocks;
use super::trace::{Entry, EntryKind};
use super::{Execution, MAX_EVENTS_ERROR, Options, Status, Stopped};
use crate::ast::{
    Catcher, Field, QueryLanguage, Retrier, Scope, State, StateKind, StateMachine,
    over_payload_limit,
};
use crate::lang::jsonata::eval::Randomness;
use crate::syntax::Node;

/// An error raised by a state (a Fail state, a mocked task, a failed evaluation), as it travels
/// up to a Retry, a Catch, or the end of the execution. The cause is complete (prefix included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Raised {
    pub error: Option<String>,
    pub cause: Option<String>,
}

impl Raised {
    pub fn new(error: impl Into<String>, cause: impl Into<String>) -> Self {
        Raised {
            error: Some(error.into()),
            cause: Some(cause.into()),
        }
    }

    /// `{"Error": ..., "Cause": ...}`, as Catch passes it on.
    pub fn error_output(&self) -> Value {
        let mut out = Map::new();
        if let Some(error) = &self.error {
            out.insert("Error".into(), error.clone().into());
        }
        if let Some(cause) = &self.cause {
            out.insert("Cause".into(), cause.clone().into());
        }
        Value::Object(out)
    }
}

/// Why a state did not complete.
#[derive(Debug, Clone)]
pub(super) enum Halt {
    /// An error, which Retry and Catch may handle.
    Fail(Raised),
    /// The run ends now, whatever the definition says.
    Abort(Abort),
}

#[derive(Debug, Clone)]
pub(super) enum Abort {
    Stopped(Stopped),
    MaxEvents,
    TimedOut,
}

impl From<Abort> for Halt {
    fn from(abort: Abort) -> Self {
        Halt::Abort(abort)
    }
}

/// The variables a scope sees, and the Map item it processes.
#[derive(Debug, Clone, Default)]
pub(super) struct Frame {
    pub variables: Map<String, Value>,
    pub map_item: Option<(usize, Value)>,
}

impl Frame {
    /// The frame of a Parallel branch or Map iteration: it reads the outer variables; what it
    /// assigns stays inside.
    pub fn child(&self, map_item: Option<(usize, Value)>) -> Frame {
        Frame {
            variables: self.variables.clone(),
            map_item,
        }
    }
}

/// What one attempt at a state produced.
#[derive(Debug)]
pub(super) struct Done {
    pub output: Value,
    /// Variables assigned (committed after the state's output is computed).
    pub assigned: Option<Map<String, Value>>,
    /// The next state, `None` at the end of the scope.
    pub next: Option<String>,
}

/// A state being run: what its processing needs to know.
pub(super) struct Current<'s> {
    pub state: &'s State,
    /// The id of its `...StateEntered` event.
    pub entered: u64,
    pub retry_count: usize,
}

pub(super) struct Executor<'a> {
    pub machine: &'a StateMachine,
    pub mocks: &'a Mocks,
    pub options: &'a Options,
    pub history: History,
    pub trace: Vec<Entry>,
    pub clock: Clock,
    pub random: Randomness,
    /// Calls made so far to each mocked state, retries included.
    pub calls: HashMap<String, usize>,
    /// `Execution` and `StateMachine` of the context object.
    pub context_base: Rc<Map<String, Value>>,
    pub deadline_ms: Option<i64>,
    /// Nesting of Parallel branches and Map iterations (for the trace's indentation).
    pub depth: usize,
    /// Payload templates of the definition as JSON, converted once (by address: they live as
    /// long as the machine).
    templates: RefCell<HashMap<*const Node, Rc<Value>>>,
}

impl<'a> Executor<'a> {
    pub fn new(machine: &'a StateMachine, mocks: &'a Mocks, options: &'a Options) -> Self {
        let random = options
            .seed
            .map_or_else(Randomness::from_entropy, Randomness::seeded);
        Executor {
            machine,
            mocks,
            options,
            history: History::default(),
            trace: Vec::new(),
            clock: Clock::starting_at(0),
            random,
            calls: HashMap::new(),
            context_base: Rc::default(),
            deadline_ms: None,
            depth: 0,
            templates: RefCell::default(),
        }
    }

    /// A payload template of the definition (`Parameters`, `ResultSelector`, `Assign`...) as
    /// JSON, converted the first time a run evaluates it.
    pub fn template(&self, node: &'a Node) -> Rc<Value> {
        let mut templates = self.templates.borrow_mut();
        let json = templates
            .entry(std::ptr::from_ref(node))
            .or_insert_with(|| Rc::new(node.to_json()));
        Rc::clone(json)
    }

    pub fn execute(mut self, input: Value) -> Result<Execution, Stopped> {
        self.context_base = Rc::new(self.base_context(&input));
        let start = self
            .context_base
            .get("Execution")
            .and_then(|e| e.get("StartTime"))
            .and_then(Value::as_str)
            .and_then(clock::parse_timestamp)
            .or_else(|| clock::parse_timestamp(clock::DEFAULT_START))
            .unwrap_or(0);
        self.clock = Clock::starting_at(start);
        self.deadline_ms = self
            .machine
            .timeout_seconds
            .as_ref()
            .map(|t| start.saturating_add(t.value.saturating_mul(1000)));
        let _ = self.history.push(
            Event::new("ExecutionStarted").input(&input),
            self.clock.now_ms,
        );
        let mut frame = Frame::default();
        let machine = self.machine;
        let result = self.run_scope(&machine.scope, input, &mut frame);
        let (status, output, error, cause, kind) = match result {
            Ok(output) => (
                Status::Succeeded,
                Some(output),
                None,
                None,
                "ExecutionSucceeded",
            ),
            Err(Halt::Fail(raised)) => (
                Status::Failed,
                None,
                raised.error,
                raised.cause,
                "ExecutionFailed",
            ),
            Err(Halt::Abort(Abort::Stopped(stopped))) => return Err(stopped),
            Err(Halt::Abort(Abort::MaxEvents)) => (
                Status::Failed,
                None,
                Some(MAX_EVENTS_ERROR.to_string()),
                Some(format!(
                    "the execution reached {} history events (`--max-events`): it may loop forever",
                    self.options.max_events
                )),
                "ExecutionFailed",
            ),
            Err(Halt::Abort(Abort::TimedOut)) => (
                Status::TimedOut,
                None,
                Some("States.Timeout".to_string()),
                Some(format!(
                    "the execution ran longer than its TimeoutSeconds ({} s of virtual time)",
                    self.machine.timeout_seconds.as_ref().map_or(0, |t| t.value)
                )),
                "ExecutionTimedOut",
            ),
        };
        let mut last = Event::new(kind).failure(error.as_deref(), cause.as_deref());
        if let Some(output) = &output {
            last = last.output(output);
        }
        self.history.push(last, self.clock.now_ms);
        if self.tracing() {
            self.trace.push(Entry {
                depth: 0,
                kind: EntryKind::Finished {
                    status: status.as_str(),
                    output: output.clone(),
                    error: error.clone(),
                    cause: cause.clone(),
                },
            });
        }
        Ok(Execution {
            status,
            output,
            error,
            cause,
            events: self.history.events,
            trace: self.trace,
            duration_seconds: self.clock.elapsed_seconds(),
        })
    }

    fn base_context(&self, input: &Value) -> Map<String, Value> {
        let name = &self.options.machine_name;
        let prefix = "arn:aws:states:us-east-1:123456789012";
        let mut base = json!({
            "Execution": {
                "Id": format!("{prefix}:execution:{name}:simulation"),
                "Input": input,
                "Name": "simulation",
                "RoleArn": "arn:aws:iam::123456789012:role/asl-lint-simulate",
                "StartTime": clock::DEFAULT_START,
                "RedriveCount": 0,
            },
            "StateMachine": {
                "Id": format!("{prefix}:stateMachine:{name}"),
                "Name": name,
            },
        });
        if let Some(extra) = &self.options.context {
            merge(&mut base, extra);
        }
        match base {
            Value::Object(map) => map,
            _ => Map::new(),
        }
    }

    /// The context object (`$$`, `$states.context`) for the current state, built when first
    /// read.
    pub fn context<'c>(&self, current: &Current<'c>, frame: &'c Frame) -> Context<'c> {
        let base = Rc::clone(&self.context_base);
        let now_ms = self.clock.now_ms;
        let state = current.state;
        let (entered, retry_count) = (current.entered, current.retry_count);
        let map_item = frame.map_item.as_ref();
        Context::new(move || {
            let mut context = (*base).clone();
            context.insert(
                "State".into(),
                json!({
                    "EnteredTime": clock::format_timestamp(now_ms),
                    "Name": state.name,
                    "RetryCount": retry_count,
                }),
            );
            if let StateKind::Task(task) = &state.kind {
                let resource = task.resource.as_ref().map_or("", |r| r.value.as_str());
                if resource.ends_with(".waitForTaskToken") {
                    context.insert(
                        "Task".into(),
                        json!({"Token": format!("simulated-token-{entered}")}),
                    );
                }
            }
            if let Some((index, value)) = map_item {
                context.insert(
                    "Map".into(),
                    json!({"Item": {"Index": index, "Value": value}}),
                );
            }
            Value::Object(context)
        })
    }

    /// Whether the trace is recorded; callers check it before copying data for an entry.
    pub fn tracing(&self) -> bool {
        self.options.trace
    }

    /// Records an event; `Err` when `--max-events` is reached.
    pub fn emit(&mut self, event: Event) -> Result<u64, Abort> {
        if self.history.total >= self.options.max_events {
            return Err(Abort::MaxEvents);
        }
        Ok(self.history.push(event, self.clock.now_ms))
    }

    /// Adds a trace entry (when the trace is recorded: see [`Executor::tracing`]).
    pub fn note(&mut self, kind: EntryKind) {
        if !self.tracing() {
            return;
        }
        self.trace.push(Entry {
            depth: self.depth,
            kind,
        });
    }

    /// Runs the states of `scope` from its `StartAt` to an end; loops iterate here.
    pub fn run_scope(
        &mut self,
        scope: &'a Scope,
        input: Value,
        frame: &mut Frame,
    ) -> Result<Value, Halt> {
        let index: HashMap<&str, &State> =
            scope.states.iter().map(|s| (s.name.as_str(), s)).collect();
        let mut name = scope
            .start_at
            .as_ref()
            .map(|s| s.value.clone())
            .unwrap_or_default();
        let mut input = input;
        loop {
            let Some(state) = index.get(name.as_str()).copied() else {
                return Err(Halt::Fail(Raised::new(
                    "States.Runtime",
                    format!("the state `{name}` does not exist"),
                )));
            };
            let done = self.run_state(state, input, frame)?;
            match done.next {
                Some(next) => {
                    name = next;
                    input = done.output;
                }
                None => return Ok(done.output),
            }
        }
    }

    /// Enters a state, runs it (with its retries), handles a caught error, exits it.
    fn run_state(&mut self, state: &'a State, raw: Value, frame: &mut Frame) -> Result<Done, Halt> {
        let type_name = state.type_name();
        let entered = self.emit(
            Event::new(history::state_event(type_name, "Entered"))
                .name(&state.name)
                .input(&raw),
        )?;
        if self.tracing() {
            self.note(EntryKind::Entered {
                state: state.name.clone(),
                type_name,
                input: raw.clone(),
                elapsed_seconds: self.clock.elapsed_seconds(),
            });
        }
        let mut retried = vec![0usize; state.retry.len()];
        let mut retry_count = 0;
        loop {
            let current = Current {
                state,
                entered,
                retry_count,
            };
            let raised = match self.attempt(&current, &raw, frame) {
                Ok(done) => match data_limit_exceeded(state, &done.output) {
                    None => return self.exit(state, done, frame),
                    Some(raised) => raised,
                },
                Err(Halt::Abort(abort)) => return Err(Halt::Abort(abort)),
                Err(Halt::Fail(raised)) => raised,
            };
            if raised.error.as_deref() == Some("States.QueryEvaluationError") {
                self.emit(
                    Event::new("EvaluationFailed")
                        .failure(raised.error.as_deref(), raised.cause.as_deref()),
                )?;
            }
            self.note(EntryKind::Failed {
                error: raised.error.clone(),
                cause: raised.cause.clone(),
            });
            if let Some(delay_ms) = self.retry_delay(&state.retry, &raised, &mut retried) {
                retry_count += 1;
                self.clock.advance(delay_ms);
                self.check_deadline()?;
                self.note(EntryKind::Retry {
                    attempt: retry_count,
                    delay_seconds: delay_ms as f64 / 1000.0,
                });
                continue;
            }
            // States.Runtime ends the execution at once: no ...StateFailed (oracle: *_path_-1).
            if matches!(state.kind, StateKind::Parallel(_) | StateKind::Map(_))
                && raised.error.as_deref() != Some("States.Runtime")
            {
                self.emit(Event::new(history::state_event(type_name, "Failed")))?;
            }
            let Some(catcher) = state
                .catch
                .iter()
                .find(|c| error_matches(&c.error_equals, raised.error.as_deref()))
            else {
                return Err(Halt::Fail(raised));
            };
            let current = Current {
                state,
                entered,
                retry_count,
            };
            let done = self.catch(&current, catcher, &raw, &raised, frame)?;
            return self.exit(state, done, frame);
        }
    }

    /// Commits the assigned variables and records the state's exit.
    fn exit(&mut self, state: &State, done: Done, frame: &mut Frame) -> Result<Done, Halt> {
        if matches!(state.kind, StateKind::Fail(_)) {
            return Ok(done);
        }
        let mut event = Event::new(history::state_event(state.type_name(), "Exited"))
            .name(&state.name)
            .output(&done.output);
        if let Some(assigned) = &done.assigned {
            for (name, value) in assigned {
                frame.variables.insert(name.clone(), value.clone());
            }
            if !assigned.is_empty() {
                event.details_mut().assigned_variables = Some(
                    assigned
                        .iter()
                        .map(|(k, v)| (k.clone(), Value::String(v.to_string())))
                        .collect(),
                );
                if self.tracing() {
                    self.note(EntryKind::Variables(assigned.clone()));
                }
            }
        }
        self.emit(event)?;
        if self.tracing() {
            self.note(EntryKind::Exited {
                output: done.output.clone(),
                next: done.next.clone(),
            });
        }
        Ok(done)
    }

    /// The delay before the next retry, when a retrier takes the error.
    fn retry_delay(
        &mut self,
        retriers: &[Retrier],
        raised: &Raised,
        retried: &mut [usize],
    ) -> Option<i64> {
        let (i, retrier) = retriers
            .iter()
            .enumerate()
            .find(|(_, r)| error_matches(&r.error_equals, raised.error.as_deref()))?;
        let max_attempts = retrier.max_attempts.as_ref().map_or(3, |m| m.value);
        let done = retried[i];
        if i64::try_from(done).unwrap_or(i64::MAX) >= max_attempts {
            return None;
        }
        retried[i] += 1;
        let interval = retrier.interval_seconds.as_ref().map_or(1, |f| f.value) as f64;
        let rate = retrier.backoff_rate.as_ref().map_or(2.0, |f| f.value);
        let mut delay = interval * rate.powi(i32::try_from(done).unwrap_or(i32::MAX));
        if let Some(max) = &retrier.max_delay_seconds {
            delay = delay.min(max.value as f64);
        }
        if retrier
            .jitter_strategy
            .as_ref()
            .is_some_and(|j| j.value == "FULL")
        {
            let unit = (self.random.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
            delay *= unit;
        }
        Some((delay * 1000.0).round() as i64)
    }

    /// The output of a state whose error a catcher took.
    fn catch(
        &mut self,
        current: &Current<'a>,
        catcher: &Catcher,
        raw: &Value,
        raised: &Raised,
        frame: &Frame,
    ) -> Result<Done, Halt> {
        let state = current.state;
        let error_output = raised.error_output();
        let context = self.context(current, frame);
        let (output, assigned) = match state.language {
            QueryLanguage::JsonPath => {
                let scope = super::eval::Scope {
                    input: &error_output,
                    context: &context,
                    variables: &frame.variables,
                };
                let assigned = match &catcher.assign {
                    Some(assign) => Some(self.jsonpath_assign(current, assign, &scope)?),
                    None => None,
                };
                let output = match &catcher.result_path {
                    None => error_output.clone(),
                    Some(Field { value: None, .. }) => raw.clone(),
                    Some(Field {
                        value: Some(path), ..
                    }) => super::eval::apply_result_path(raw, path, error_output.clone())
                        .map_err(|f| self.prefixed(current, f))?,
                };
                (output, assigned)
            }
            QueryLanguage::Jsonata => {
                let mut bindings = self.bindings(raw, &context, frame);
                bindings.states.error_output = Some(error_output.clone());
                let output = match &catcher.output {
                    Some(node) => self.jsonata_node(current, &node.value, "Output", &bindings)?,
                    None => error_output.clone(),
                };
                let assigned = match &catcher.assign {
                    Some(node) => Some(self.jsonata_assign(current, &node.value, &bindings)?),
                    None => None,
                };
                (output, assigned)
            }
        };
        let next = catcher.next.as_ref().map(|n| n.value.clone());
        self.note(EntryKind::Caught {
            error: raised.error.clone(),
            next: next.clone().unwrap_or_default(),
        });
        Ok(Done {
            output,
            assigned,
            next,
        })
    }

    /// An evaluation failure as the state raises it: AWS's prefix in front of the cause.
    pub fn prefixed(&self, current: &Current<'a>, failure: Failure) -> Halt {
        Halt::Fail(Raised::new(
            failure.error,
            format!(
                "An error occurred while executing the state '{}' (entered at the event id #{}). {}",
                current.state.name, current.entered, failure.cause
            ),
        ))
    }

    pub fn check_deadline(&self) -> Result<(), Abort> {
        match self.deadline_ms {
            Some(deadline) if self.clock.now_ms > deadline => Err(Abort::TimedOut),
            _ => Ok(()),
        }
    }
}

/// Whether a Retry or Catch entry's `ErrorEquals` takes `error`. `States.ALL` takes everything
/// but `States.Runtime` and `States.DataLimitExceeded`, which are never caught;
/// `States.TaskFailed` takes everything but those and timeouts.
pub(super) fn error_matches(names: &[Field<String>], error: Option<&str>) -> bool {
    let error = error.unwrap_or("");
    let uncatchable = matches!(error, "States.Runtime" | "States.DataLimitExceeded");
    names.iter().any(|name| match name.value.as_str() {
        "States.ALL" => !uncatchable,
        "States.TaskFailed" => {
            !uncatchable && !matches!(error, "States.Timeout" | "States.HeartbeatTimeout")
        }
        other => other == error,
    })
}

/// `States.DataLimitExceeded` when a state's output is over AWS's 256 KiB quota, worded as AWS
/// words it (the task's resource, else the state's name). It bounds the data the simulator
/// carries from state to state, as it bounds AWS's.
fn data_limit_exceeded(state: &State, output: &Value) -> Option<Raised> {
    if !over_payload_limit(output) {
        return None;
    }
    let name = match &state.kind {
        StateKind::Task(task) => task.resource.as_ref().map_or("", |r| r.value.as_str()),
        _ => state.name.as_str(),
    };
    Some(Raised::new(
        "States.DataLimitExceeded",
        format!(
            "The state/task '{name}' returned a result with a size exceeding the maximum number of bytes service limit."
        ),
    ))
}

/// Merges `extra` into `base`, objects key by key.
fn merge(base: &mut Value, extra: &Value) {
    match (base, extra) {
        (Value::Object(base), Value::Object(extra)) => {
            for (key, value) in extra {
                match base.get_mut(key) {
                    Some(slot) => merge(slot, value),
                    None => {
                        base.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        (base, extra) => *base = extra.clone(),
    }
}
