//! A Task that waits for a job, a callback or an activity with no timeout (rules.md 5.12).
use super::Context;
use super::express_unsupported_integration::states_in_express;
use crate::ast::StateKind;
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::lang::arn::{self, Resource};

declare_rule! {
    /// ## What it does
    /// Warns about Tasks that wait for something outside Step Functions — an activity, a
    /// `.sync` / `.sync:2` job or a `.waitForTaskToken` callback — and set neither
    /// `TimeoutSeconds` nor `TimeoutSecondsPath`.
    ///
    /// Tasks in Express workflows are left to `express-unsupported-integration`. Request-response calls (including Lambda) are not reported: the called service's own
    /// time limit bounds them (Lambda 15 minutes, HTTP tasks 60 seconds), so a missing timeout
    /// cannot leave the execution stuck. This is a deliberate narrowing of rules.md 5.12 to keep
    /// the warning about real risks.
    ///
    /// ## Why is this bad?
    /// Without a timeout AWS waits up to 99,999,999 seconds: a lost callback, a dead activity
    /// worker or a hung job keeps the execution open until the execution limit (a year for
    /// Standard workflows), with nothing to catch (rules.md 5.12; AWS best practice "Use timeouts
    /// to avoid stuck executions").
    ///
    /// ## Example
    /// ```json
    /// { "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
    ///   "HeartbeatSeconds": 600, "End": true }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
    ///   "HeartbeatSeconds": 600, "TimeoutSeconds": 86400, "End": true }
    /// ```
    pub(crate) static TASK_WITHOUT_TIMEOUT = {
        name: "task-without-timeout",
        severity: Warning,
        aws_code: None,
        summary: "a Task waiting for a job, callback or activity without TimeoutSeconds",
    }
}

/// What a Task waits for, if it validly waits for something outside Step Functions.
pub(super) fn waits_for(resource: &str) -> Option<&'static str> {
    match arn::parse_resource(resource) {
        Ok(Resource::Activity { .. }) => Some("an activity"),
        // Invalid patterns are `invalid-resource`'s: one finding per mistake.
        Ok(Resource::Optimized {
            service, pattern, ..
        }) if arn::integration(&service).is_some_and(|i| !i.patterns.contains(&pattern)) => None,
        Ok(Resource::Sdk {
            pattern: arn::Pattern::Sync | arn::Pattern::Sync2,
            ..
        }) => None,
        Ok(Resource::Optimized { pattern, .. } | Resource::Sdk { pattern, .. }) => match pattern {
            arn::Pattern::Sync | arn::Pattern::Sync2 => Some("a job (`.sync`)"),
            arn::Pattern::WaitForTaskToken => Some("a callback (`.waitForTaskToken`)"),
            arn::Pattern::RequestResponse => None,
        },
        _ => None,
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
        if task.timeout_seconds.is_some() || task.timeout_seconds_path.is_some() {
            continue;
        }
        let Some(resource) = &task.resource else {
            continue;
        };
        let Some(what) = waits_for(&resource.value) else {
            continue;
        };
        out.push(
            Diagnostic::new(
                &TASK_WITHOUT_TIMEOUT,
                state.name_span,
                format!("Task `{}` waits for {what} but has no `TimeoutSeconds`", state.name),
            )
            .label(resource.span, "waits here")
            .help("set `TimeoutSeconds` (or `TimeoutSecondsPath`) to the longest the wait may take, and catch `States.Timeout`")
            .pointer(state.pointer.as_str()),
        );
    }
}
