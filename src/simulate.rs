//! Dry-run a state machine (issue 6).
//!
//! The simulator is a second consumer of the typed AST: [`run`] walks a [`StateMachine`] one
//! state at a time, as AWS does, on a virtual clock, with mocked task results, and records an
//! execution history shaped like AWS's ([`history`]) plus inspection data for the human trace
//! ([`trace`]).
//!
//! - [`executor`]: the state loop, Retry and Catch, the context object, the event log.
//! - [`io`]: input and output processing of both query languages (JSONPath via [`eval`],
//!   JSONata via `lang::jsonata::eval`).
//! - [`fanout`]: Parallel and Map (inline and distributed); [`reader`]: a Distributed Map's
//!   mocked `ItemReader` and its `ResultWriter`.
//! - [`eval`]: JSONPath paths, ResultPath, payload templates, intrinsics, Choice rules.
//! - [`mocks`], [`clock`], [`history`], [`trace`].
//!
//! Loops in a definition are iterations of the state loop, never recursion; only Parallel
//! branches and Map iterations recurse, so the stack depth is bounded by the nesting of the
//! definition.

pub mod clock;
pub mod eval;
mod executor;
mod fanout;
pub mod history;
mod io;
pub mod mocks;
mod reader;
pub mod trace;

use serde_json::Value;

use crate::ast::StateMachine;
use crate::diagnostics::Diagnostic;
use crate::source::SourceFile;
pub use history::Event;
pub use mocks::Mocks;

/// AWS's limit on the events of one execution history, the default of `--max-events`.
pub const DEFAULT_MAX_EVENTS: usize = 25_000;

/// The error of an execution ended by `--max-events` (not an AWS error name).
pub const MAX_EVENTS_ERROR: &str = "asl-lint.MaxEventsExceeded";

/// What a Task without a mock does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Unmocked {
    /// The simulation stops with [`Stopped::Unmocked`].
    #[default]
    Stop,
    /// The task returns its effective input.
    Echo,
}

/// Settings of one simulated execution.
#[derive(Debug, Clone)]
pub struct Options {
    /// Merged over the context object the simulator builds (`Execution`, `StateMachine`...);
    /// `Execution.StartTime` also sets the virtual clock's start.
    pub context: Option<Value>,
    /// Stop after this many history events (child executions of distributed Maps included).
    pub max_events: usize,
    /// Seed of `States.MathRandom`, `States.UUID`, `$random()`, `$uuid()` and retry jitter;
    /// `None` draws a different stream each run.
    pub seed: Option<u64>,
    pub unmocked: Unmocked,
    /// The state machine's name, for the context object and ARNs.
    pub machine_name: String,
    /// Record the step-by-step trace that [`trace::render_human`] prints (inputs, data after
    /// each processing step, Choice reasons). The history is always recorded; without the trace
    /// a run copies about half as much data.
    pub trace: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            context: None,
            max_events: DEFAULT_MAX_EVENTS,
            seed: None,
            unmocked: Unmocked::Stop,
            machine_name: "StateMachine".into(),
            trace: true,
        }
    }
}

/// How an execution ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Succeeded,
    Failed,
    TimedOut,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Succeeded => "SUCCEEDED",
            Status::Failed => "FAILED",
            Status::TimedOut => "TIMED_OUT",
        }
    }
}

/// A finished simulated execution.
#[derive(Debug, Clone)]
pub struct Execution {
    pub status: Status,
    /// The execution's output (when it succeeded).
    pub output: Option<Value>,
    pub error: Option<String>,
    pub cause: Option<String>,
    /// The execution history, as AWS records it.
    pub events: Vec<Event>,
    /// Inspection data for the human trace.
    pub trace: Vec<trace::Entry>,
    /// Virtual seconds from start to end.
    pub duration_seconds: f64,
}

impl Execution {
    /// `{"status", "output", "error", "cause", "events"}` (the same as its [`Serialize`] form,
    /// which writes the text without building this value).
    pub fn to_json(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

impl serde::Serialize for Execution {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(5))?;
        map.serialize_entry("status", self.status.as_str())?;
        map.serialize_entry("output", &self.output)?;
        map.serialize_entry("error", &self.error)?;
        map.serialize_entry("cause", &self.cause)?;
        map.serialize_entry("events", &self.events)?;
        map.end()
    }
}

/// Why a simulation could not run to the end of the execution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stopped {
    /// A Task state has no mock (and `--unmocked echo` was not given).
    Unmocked { state: String, resource: String },
    /// A Map state's `ItemReader` has no mock (`--unmocked echo` does not apply: there is no
    /// input to echo that would stand for the items of an S3 object).
    UnmockedItemReader { state: String, resource: String },
}

impl std::fmt::Display for Stopped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Stopped::Unmocked { state, resource } => write!(
                f,
                "Task state `{state}` (resource `{resource}`) has no mock: add \
                 `\"{state}\": <result>` (or `{{\"Throw\": {{\"Error\": ..., \"Cause\": ...}}}}`) \
                 to a `--mocks` file, or pass `--unmocked echo` to have tasks return their input"
            ),
            Stopped::UnmockedItemReader { state, resource } => write!(
                f,
                "the ItemReader of Map state `{state}` (resource `{resource}`) has no mock: add \
                 `\"{state}\": {{\"Return\": [<items>]}}` (or the text of the CSV, JSON or JSON \
                 Lines object it reads) to a `--mocks` file"
            ),
        }
    }
}

/// Why [`simulate_source`] did not run.
#[derive(Debug, Clone)]
pub enum SimulateError {
    /// The definition has errors (AWS would refuse to create it); sorted findings, all of them.
    Definition(Vec<Diagnostic>),
    Stopped(Stopped),
}

/// Simulates one execution of `machine` on `input`.
pub fn run(
    machine: &StateMachine,
    input: Value,
    mocks: &Mocks,
    options: &Options,
) -> Result<Execution, Stopped> {
    executor::Executor::new(machine, mocks, options).execute(input)
}

/// Error rules about what fails when the machine runs, not what AWS refuses to create: the
/// simulator runs such definitions and shows the failure, as AWS would (oracle:
/// `BASE_UNDEFINED_OUTPUT*` are accepted by AWS and fail with States.QueryEvaluationError).
const RUN_TIME_RULES: &[&str] = &["undefined-variable"];

/// Checks `source` (errors stop the run, as AWS would refuse the definition), then simulates it.
pub fn simulate_source(
    source: &SourceFile,
    input: Value,
    mocks: &Mocks,
    options: &Options,
) -> Result<Execution, SimulateError> {
    let diagnostics: Vec<Diagnostic> = crate::check_source(source, &crate::CheckOptions::default())
        .into_iter()
        .filter(|d| {
            d.severity == crate::diagnostics::Severity::Error && !RUN_TIME_RULES.contains(&d.name())
        })
        .collect();
    let errors = !diagnostics.is_empty();
    let parsed = crate::syntax::parse(&source.text, source.format);
    let machine = parsed
        .root
        .as_ref()
        .and_then(|root| crate::ast::lower(root, source.text.len()).machine);
    match machine {
        Some(machine) if !errors => {
            run(&machine, input, mocks, options).map_err(SimulateError::Stopped)
        }
        _ => Err(SimulateError::Definition(diagnostics)),
    }
}
