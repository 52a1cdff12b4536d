//! The execution history, shaped like AWS's `GetExecutionHistory`: numbered events
//! (`ExecutionStarted` is 1), each with the id of the event before it, a type such as
//! `PassStateEntered` or `TaskScheduled`, and the data it carries.

use std::borrow::Cow;

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value};

use super::clock;

/// One history event. Fields a type does not carry are `None`; the ones few types carry are in
/// [`Details`], boxed, so that the common events (two per state) stay small.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Event {
    pub id: u64,
    /// `previousEventId`.
    pub prev: u64,
    /// `ExecutionStarted`, `PassStateEntered`, `TaskScheduled`, `MapIterationStarted`...
    pub kind: Cow<'static, str>,
    /// Virtual time of the event, in milliseconds since the Unix epoch (formatted by
    /// [`Event::timestamp`]).
    pub timestamp_ms: i64,
    /// The state's name (state and Map iteration events).
    pub name: Option<String>,
    pub input: Option<Value>,
    pub output: Option<Value>,
    pub details: Option<Box<Details>>,
}

/// What only some events carry.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Details {
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
}

static NO_DETAILS: Details = Details {
    assigned_variables: None,
    index: None,
    length: None,
    error: None,
    cause: None,
    resource: None,
    parameters: None,
};

impl Event {
    pub fn new(kind: impl Into<Cow<'static, str>>) -> Self {
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
        if error.is_some() || cause.is_some() {
            let details = self.details_mut();
            details.error = error.map(str::to_string);
            details.cause = cause.map(str::to_string);
        }
        self
    }

    /// The fields only some events carry (all `None` when this one carries none).
    pub fn details(&self) -> &Details {
        self.details.as_deref().unwrap_or(&NO_DETAILS)
    }

    pub fn details_mut(&mut self) -> &mut Details {
        self.details.get_or_insert_default()
    }

    /// The virtual time of the event, as AWS writes timestamps.
    pub fn timestamp(&self) -> String {
        clock::format_timestamp(self.timestamp_ms)
    }

    /// The event as JSON, with the key names of the oracle's recorded histories (the same as
    /// its [`Serialize`] form).
    pub fn to_json(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

impl Serialize for Event {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("id", &self.id)?;
        map.serialize_entry("prev", &self.prev)?;
        map.serialize_entry("type", &*self.kind)?;
        map.serialize_entry("timestamp", &self.timestamp())?;
        let details = self.details();
        if let Some(name) = &self.name {
            map.serialize_entry("name", name)?;
        }
        if let Some(resource) = &details.resource {
            map.serialize_entry("resource", resource)?;
        }
        if let Some(parameters) = &details.parameters {
            map.serialize_entry("parameters", parameters)?;
        }
        if let Some(input) = &self.input {
            map.serialize_entry("input", input)?;
        }
        if let Some(output) = &self.output {
            map.serialize_entry("output", output)?;
        }
        if let Some(assigned) = &details.assigned_variables {
            map.serialize_entry("assignedVariables", assigned)?;
        }
        if let Some(index) = details.index {
            map.serialize_entry("index", &index)?;
        }
        if let Some(length) = details.length {
            map.serialize_entry("length", &length)?;
        }
        if let Some(error) = &details.error {
            map.serialize_entry("error", error)?;
        }
        if let Some(cause) = &details.cause {
            map.serialize_entry("cause", cause)?;
        }
        map.end()
    }
}

/// The type of a state's event: `PassStateEntered`, `MapStateExited`, `ParallelStateFailed`.
/// The common ones are static strings, as the simulator emits two of them per state.
pub fn state_event(type_name: &str, what: &str) -> Cow<'static, str> {
    const EVENTS: &[(&str, &str, &str)] = &[
        ("Pass", "Entered", "PassStateEntered"),
        ("Pass", "Exited", "PassStateExited"),
        ("Task", "Entered", "TaskStateEntered"),
        ("Task", "Exited", "TaskStateExited"),
        ("Choice", "Entered", "ChoiceStateEntered"),
        ("Choice", "Exited", "ChoiceStateExited"),
        ("Wait", "Entered", "WaitStateEntered"),
        ("Wait", "Exited", "WaitStateExited"),
        ("Succeed", "Entered", "SucceedStateEntered"),
        ("Succeed", "Exited", "SucceedStateExited"),
        ("Fail", "Entered", "FailStateEntered"),
        ("Parallel", "Entered", "ParallelStateEntered"),
        ("Parallel", "Exited", "ParallelStateExited"),
        ("Map", "Entered", "MapStateEntered"),
        ("Map", "Exited", "MapStateExited"),
    ];
    EVENTS
        .iter()
        .find(|(t, w, _)| *t == type_name && *w == what)
        .map_or_else(
            || Cow::Owned(format!("{type_name}State{what}")),
            |(_, _, event)| Cow::Borrowed(*event),
        )
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
    pub fn push(&mut self, mut event: Event, timestamp_ms: i64) -> u64 {
        self.total += 1;
        let id = self.events.len() as u64 + 1;
        if self.muted > 0 {
            return id;
        }
        event.id = id;
        // AWS: the first state entered follows event 0, like ExecutionStarted.
        event.prev = if id <= 2 { 0 } else { id - 1 };
        event.timestamp_ms = timestamp_ms;
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
