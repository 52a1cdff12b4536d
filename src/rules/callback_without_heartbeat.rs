//! A callback or activity Task without a heartbeat (rules.md 5.12).
use super::Context;
use super::express_unsupported_integration::states_in_express;
use super::task_without_timeout::waits_for;
use crate::ast::StateKind;
use crate::declare_rule;
use crate::diagnostics::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Warns about Tasks that wait for a `.waitForTaskToken` callback or an activity worker and
    /// set neither `HeartbeatSeconds` nor `HeartbeatSecondsPath`.
    ///
    /// ## Why is this bad?
    /// If the worker dies or the token is lost, only a heartbeat notices early
    /// (`States.HeartbeatTimeout`); otherwise the Task waits until its `TimeoutSeconds`, or up to
    /// a year without one (rules.md 5.12).
    ///
    /// ## Example
    /// ```json
    /// { "Type": "Task", "Resource": "arn:aws:states:us-east-1:123456789012:activity:approve",
    ///   "TimeoutSeconds": 86400, "End": true }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "Type": "Task", "Resource": "arn:aws:states:us-east-1:123456789012:activity:approve",
    ///   "TimeoutSeconds": 86400, "HeartbeatSeconds": 300, "End": true }
    /// ```
    pub(crate) static CALLBACK_WITHOUT_HEARTBEAT = {
        name: "callback-without-heartbeat",
        severity: Warning,
        aws_code: None,
        summary: "a .waitForTaskToken or activity Task without HeartbeatSeconds",
    }
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (_, state, express) in states_in_express(cx) {
        if express {
            continue; // waiting Tasks are errors there (`express-unsupported-integration`)
        }
        let StateKind::Task(task) = &state.kind else {
            continue;
        };
        if task.heartbeat_seconds.is_some() || task.heartbeat_seconds_path.is_some() {
            continue;
        }
        let Some(resource) = &task.resource else {
            continue;
        };
        let Some(what) = waits_for(&resource.value).filter(|w| !w.contains("job")) else {
            continue;
        };
        out.push(
            Diagnostic::new(
                &CALLBACK_WITHOUT_HEARTBEAT,
                resource.span,
                format!("Task `{}` waits for {what} without `HeartbeatSeconds`", state.name),
            )
            .help("set `HeartbeatSeconds` and have the worker call `SendTaskHeartbeat`, so a lost worker fails fast with `States.HeartbeatTimeout`")
            .pointer(resource.pointer.as_str()),
        );
    }
}
