//! `.waitForTaskToken` tasks that never pass the task token on (rules.md 5.8).
use super::Context;
use crate::ast::QueryLanguage;
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::syntax::{Node, Value};

declare_rule! {
    /// ## What it does
    /// Flags a Task whose `Resource` ends in `.waitForTaskToken` when its `Parameters` (JSONPath)
    /// never use `$$.Task.Token`, or its `Arguments` (JSONata) never use
    /// `$states.context.Task.Token`.
    ///
    /// ## Why is this bad?
    /// The task waits until something calls `SendTaskSuccess` or `SendTaskFailure` with its
    /// token. If the token is not sent anywhere, nobody can, and the execution waits until the
    /// task's timeout, up to a year (rules.md 5.8).
    ///
    /// ## Example
    /// ```json
    /// { "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
    ///   "Parameters": { "QueueUrl": "https://sqs.us-east-1.amazonaws.com/1/q", "MessageBody.$": "$" },
    ///   "End": true }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
    ///   "Parameters": { "QueueUrl": "https://sqs.us-east-1.amazonaws.com/1/q",
    ///                   "MessageBody": { "input.$": "$", "token.$": "$$.Task.Token" } },
    ///   "End": true }
    /// ```
    pub(crate) static MISSING_TASK_TOKEN = {
        name: "missing-task-token",
        severity: Warning,
        aws_code: None,
        summary: "a `.waitForTaskToken` task that does not pass its task token",
    }
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (state, resource) in cx.machine.scope.task_resources() {
        if !resource.value.ends_with(".waitForTaskToken") {
            continue;
        }
        let (payload, token, field) = match state.language {
            QueryLanguage::JsonPath => (&state.io.parameters, "$$.Task.Token", "Parameters"),
            QueryLanguage::Jsonata => (
                &state.io.arguments,
                "$states.context.Task.Token",
                "Arguments",
            ),
        };
        if payload.as_ref().is_some_and(|p| mentions(&p.value, token)) {
            continue;
        }
        out.push(
            Diagnostic::new(
                &MISSING_TASK_TOKEN,
                resource.span,
                format!(
                    "state `{}` waits for a task token but does not pass `{token}` in `{field}`",
                    state.name
                ),
            )
            .primary_label("waits for a callback with the task token")
            .help(format!(
                "send the token with the request, for example `\"TaskToken{}\": \"{}\"`",
                if state.language == QueryLanguage::JsonPath {
                    ".$"
                } else {
                    ""
                },
                if state.language == QueryLanguage::JsonPath {
                    token.to_string()
                } else {
                    format!("{{% {token} %}}")
                }
            ))
            .pointer(resource.pointer.as_str()),
        );
    }
}

/// Whether any string in `node` contains `token`, or is a placeholder that may.
fn mentions(node: &Node, token: &str) -> bool {
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        match &node.value {
            Value::String(s) if s.contains(token) || s.contains("${") => return true,
            Value::Object(members) => stack.extend(members.iter().map(|m| &m.value)),
            Value::Array(items) => stack.extend(items.iter()),
            _ => {}
        }
    }
    false
}
