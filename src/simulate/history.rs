//! The execution history, shaped like AWS's `GetExecutionHistory`: numbered events
//! (`ExecutionStarted` is 1), each with the id of the event before it, a type such as
//! `PassStateEntered` or `TaskScheduled`, and the data it carries.

use serde_json::{Map, Value};

/// One history event. Fields a type does not carry are `None`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Event {
    pub id: u64,
    /// `previousEventId`.
    pub prev: u64,
    /// `ExecutionStarted`, `PassStateEntered`, `TaskScheduled`, `MapIterationStarted`...
    pub kind: String,
    /// The state's name (state and Map iteration events).
    pub name: Option<String>,
    pub input: Option<Value>,
    pub output: Option<Value>,
    /// Variables the state assigned, each value as compact JSON text (as AWS shows them).
    pub assigned_variables: Option<Map<String, Value>>,
    /// `MapIteration*`: the item's index.
    pub index: Option<usize>,
    /// `MapStateStarted`: the number of items.
    pub length: Option<usize>,
    pub error: Option<String>,
    pub cause: Option<String>,
    /// `TaskScheduled`: the resource called.
    pub resource: Option<String>,
    /// `TaskScheduled`: the task's parameters (its effective input).
    pub parameters: Option<Value>,
    /// Virtual time of the event.
    pub timestamp: String,
}

impl Event {
    pub fn new(kind: impl Into<String>) -> Self {
        Event {
            kind: kind.into(),
            ..Event::default()
        }
    }

    pub fn name(mut self, name: &str) -> Self {
        self.name = Some(name.to_string());
        self
    }

    pub fn input(mut self, input: &Value) -> Self {
        self.input = Some(input.clone());
        self
    }

    pub fn output(mut self, output: &Value) -> Self {
        self.output = Some(output.clone());
        self
    }

    pub fn failure(mut self, error: Option<&str>, cause: Option<&str>) -> Self {
        self.error = error.map(str::to_string);
        self.cause = cause.map(str::to_string);
        self
    }

    /// The event as JSON, with the key names of the oracle's recorded histories.
    pub fn to_json(&self) -> Value {
        let mut out = Map::new();
        out.insert("id".into(), self.id.into());
        out.insert("prev".into(), self.prev.into());
        out.insert("type".into(), self.kind.clone().into());
        out.insert("timestamp".into(), self.timestamp.clone().into());
        let mut put = |key: &str, value: Option<Value>| {
            if let Some(value) = value {
                out.insert(key.into(), value);
            }
        };
        put("name", self.name.clone().map(Value::String));
        put("resource", self.resource.clone().map(Value::String));
        put("parameters", self.parameters.clone());
        put("input", self.input.clone());
        put("output", self.output.clone());
        put(
            "assignedVariables",
            self.assigned_variables.clone().map(Value::Object),
        );
        put("index", self.index.map(Value::from));
        put("length", self.length.map(Value::from));
        put("error", self.error.clone().map(Value::String));
        put("cause", self.cause.clone().map(Value::String));
        Value::Object(out)
    }
}

/// The events recorded so far. Inside a distributed Map's child executions the history is
/// muted: AWS records those in the child executions, not in the parent's history.
#[derive(Debug, Default)]
pub struct History {
    pub events: Vec<Event>,
    muted: usize,
    /// Every event, muted ones included (for `--max-events`).
    pub total: usize,
}

impl History {
    /// Records `event` and returns its id (the id it would have had, when muted).
    pub fn push(&mut self, mut event: Event, timestamp: String) -> u64 {
        self.total += 1;
        let id = self.events.len() as u64 + 1;
        if self.muted > 0 {
            return id;
        }
        event.id = id;
        // AWS: the first state entered follows event 0, like ExecutionStarted.
        event.prev = if id <= 2 { 0 } else { id - 1 };
        event.timestamp = timestamp;
        self.events.push(event);
        id
    }

    pub fn mute(&mut self) {
        self.muted += 1;
    }

    pub fn unmute(&mut self) {
        self.muted = self.muted.saturating_sub(1);
    }
}
