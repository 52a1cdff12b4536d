//! `HeartbeatSeconds` must be smaller than `TimeoutSeconds` (rules.md 5.4).
use super::Context;
use crate::ast::{Dyn, StateKind};
use crate::declare_rule;
use crate::diagnostics::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Reports a Task whose static `HeartbeatSeconds` is not smaller than its static
    /// `TimeoutSeconds`. Paths and JSONata expressions are not compared.
    ///
    /// ## Why is this bad?
    /// The ASL specification says "If provided, the `HeartbeatSeconds` interval MUST be smaller
    /// than the `TimeoutSeconds` value" (rules.md 5.4): a heartbeat that long can never fire
    /// before the task times out.
    ///
    /// ## Example
    /// ```json
    /// { "Type": "Task", "Resource": "arn:aws:states:us-east-1:123456789012:activity:a",
    ///   "TimeoutSeconds": 60, "HeartbeatSeconds": 120, "End": true }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "Type": "Task", "Resource": "arn:aws:states:us-east-1:123456789012:activity:a",
    ///   "TimeoutSeconds": 600, "HeartbeatSeconds": 120, "End": true }
    /// ```
    pub(crate) static HEARTBEAT_EXCEEDS_TIMEOUT = {
        name: "heartbeat-exceeds-timeout",
        severity: Error,
        aws_code: Some("SCHEMA_VALIDATION_FAILED"),
        summary: "a Task whose HeartbeatSeconds is not smaller than its TimeoutSeconds",
    }
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (_, state) in cx.machine.scope.all_states() {
        let StateKind::Task(task) = &state.kind else {
            continue;
        };
        let (Some(heartbeat), Some(timeout)) = (&task.heartbeat_seconds, &task.timeout_seconds)
        else {
            continue;
        };
        let (Dyn::Lit(h), Dyn::Lit(t)) = (&heartbeat.value, &timeout.value) else {
            continue;
        };
        if h < t {
            continue;
        }
        out.push(
            Diagnostic::new(
                &HEARTBEAT_EXCEEDS_TIMEOUT,
                heartbeat.span,
                format!(
                    "`HeartbeatSeconds` ({h}) of Task `{}` must be smaller than its `TimeoutSeconds` ({t})",
                    state.name
                ),
            )
            .label(timeout.span, "the timeout")
            .help("lower `HeartbeatSeconds` or raise `TimeoutSeconds`")
            .pointer(heartbeat.pointer.as_str()),
        );
    }
}
