//! What the simulator saw, step by step, and its two renderings: JSON (the status and the
//! execution history, [`super::Execution::to_json`]) and the human trace ([`render_human`]),
//! which shows each state entered with its input, the data after each processing step (like
//! TestState's inspection data), the chosen Choice branch and why, retries with their virtual
//! delays, the virtual time (when each state is entered, what each mocked call took, timeouts),
//! and the final result.

use std::fmt::Write;

use serde_json::{Map, Value};

use super::Execution;

/// One line (or block) of the human trace.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Nesting: Parallel branches and Map iterations are indented.
    pub depth: usize,
    pub kind: EntryKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum EntryKind {
    Entered {
        state: String,
        type_name: &'static str,
        input: Value,
        /// Virtual seconds since the execution started.
        elapsed_seconds: f64,
    },
    /// Data after a processing step: `afterInputPath`, `afterParameters`, `arguments`,
    /// `result`, `afterResultSelector`, `afterResultPath`.
    Step {
        label: &'static str,
        value: Value,
    },
    /// A mocked task call (0-based call number of this state).
    Call {
        number: usize,
        resource: String,
    },
    /// The virtual time a mocked call took (its `Delay`), or until it timed out.
    Ran {
        seconds: f64,
        until: String,
        /// `TimeoutSeconds` or `HeartbeatSeconds` when that limit ended the call.
        timed_out: Option<&'static str>,
    },
    Choice {
        why: String,
        next: String,
    },
    Waited {
        seconds: f64,
        until: String,
    },
    Failed {
        error: Option<String>,
        cause: Option<String>,
    },
    Retry {
        attempt: usize,
        delay_seconds: f64,
    },
    Caught {
        error: Option<String>,
        next: String,
    },
    Variables(Map<String, Value>),
    Exited {
        output: Value,
        next: Option<String>,
    },
    Branch {
        index: usize,
    },
    Iteration {
        index: usize,
    },
    Finished {
        status: &'static str,
        output: Option<Value>,
        error: Option<String>,
        cause: Option<String>,
    },
}

/// The most characters of a value the trace shows for each step; the final output is shown
/// whole, and `--format json` has every value whole.
pub const MAX_SHOWN_CHARS: usize = 1000;

/// A value as compact JSON, cut after [`MAX_SHOWN_CHARS`] characters.
struct Brief<'a>(&'a Value);

impl std::fmt::Display for Brief<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = self.0.to_string();
        match text.char_indices().nth(MAX_SHOWN_CHARS) {
            None => f.write_str(&text),
            Some((cut, _)) => write!(
                f,
                "{}... ({} bytes in all; --format json shows it whole)",
                &text[..cut],
                text.len()
            ),
        }
    }
}

/// The human trace of an execution.
pub fn render_human(execution: &Execution) -> String {
    let mut out = String::new();
    for entry in &execution.trace {
        let pad = "  ".repeat(entry.depth);
        let line = match &entry.kind {
            EntryKind::Entered {
                state,
                type_name,
                input,
                elapsed_seconds,
            } => format!(
                "{pad}> {state} ({type_name}) at t+{elapsed_seconds} s\n{pad}    input: {}",
                Brief(input)
            ),
            EntryKind::Step { label, value } => format!("{pad}    {label}: {}", Brief(value)),
            EntryKind::Call { number, resource } => {
                format!("{pad}    call #{number} of the mock ({resource})")
            }
            EntryKind::Ran {
                seconds,
                until,
                timed_out: None,
            } => format!("{pad}    took {seconds} s (virtual clock now {until})"),
            EntryKind::Ran {
                seconds,
                until,
                timed_out: Some(field),
            } => {
                format!("{pad}    timed out after {seconds} s ({field}; virtual clock now {until})")
            }
            EntryKind::Choice { why, next } if next.is_empty() => format!("{pad}    choice: {why}"),
            EntryKind::Choice { why, next } => format!("{pad}    choice: {why} -> {next}"),
            EntryKind::Waited { seconds, until } => {
                format!("{pad}    waited {seconds} s (virtual clock now {until})")
            }
            EntryKind::Failed { error, cause } => format!(
                "{pad}    failed: {}{}",
                error.as_deref().unwrap_or("(no error)"),
                cause
                    .as_deref()
                    .map(|c| format!(" ({c})"))
                    .unwrap_or_default()
            ),
            EntryKind::Retry {
                attempt,
                delay_seconds,
            } => format!("{pad}    retry #{attempt} after {delay_seconds} s (virtual)"),
            EntryKind::Caught { error, next } => format!(
                "{pad}    caught {} -> {next}",
                error.as_deref().unwrap_or("(no error)")
            ),
            EntryKind::Variables(variables) => {
                format!(
                    "{pad}    variables: {}",
                    Brief(&Value::Object(variables.clone()))
                )
            }
            EntryKind::Exited { output, next } => match next {
                Some(next) => format!("{pad}    output: {}\n{pad}    next: {next}", Brief(output)),
                None => format!("{pad}    output: {}", Brief(output)),
            },
            EntryKind::Branch { index } => format!("{pad}  branch {index}:"),
            EntryKind::Iteration { index } => format!("{pad}  iteration {index}:"),
            EntryKind::Finished {
                status,
                output,
                error,
                cause,
            } => {
                let mut text = format!(
                    "{status} after {} events, {} s of virtual time",
                    execution.events.len(),
                    execution.duration_seconds
                );
                if let Some(output) = output {
                    let _ = write!(text, "\noutput: {output}");
                }
                if let Some(error) = error {
                    let _ = write!(text, "\nerror: {error}");
                }
                if let Some(cause) = cause {
                    let _ = write!(text, "\ncause: {cause}");
                }
                text
            }
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}
