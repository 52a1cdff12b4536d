//! An HTTP task (`arn:aws:states:::http:invoke`) needs `ApiEndpoint`, `Method` and
//! `Authentication.ConnectionArn` (rules.md 5.12).
use super::Context;
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::lang::arn::{self, Resource};
use crate::syntax::Node;

declare_rule! {
    /// ## What it does
    /// Checks that each HTTP task (`Resource` `arn:<p>:states:::http:invoke`) gives, in its
    /// `Parameters` (JSONPath) or `Arguments` (JSONata) object, `ApiEndpoint`, `Method` and
    /// `Authentication.ConnectionArn` (or `InvocationConfig.ConnectionArn`, the newer form); each
    /// may be written `Name.$` in JSONPath. An `Arguments`
    /// that is one JSONata expression is not checked.
    ///
    /// ## Why is this bad?
    /// AWS documents these fields as required ("HTTP Task fields" in "Call HTTPS APIs in Step
    /// Functions workflows"); without them every run of the task fails. rules.md 5.12 marks the
    /// rule "(verify)": it is an error because the task cannot succeed, whether or not AWS
    /// rejects the definition up front.
    ///
    /// ## Example
    /// ```json
    /// { "Type": "Task", "Resource": "arn:aws:states:::http:invoke",
    ///   "Parameters": { "ApiEndpoint": "https://api.example.com/v1/items" }, "End": true }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "Type": "Task", "Resource": "arn:aws:states:::http:invoke",
    ///   "Parameters": { "ApiEndpoint": "https://api.example.com/v1/items", "Method": "GET",
    ///     "Authentication": { "ConnectionArn": "arn:aws:events:us-east-1:123456789012:connection/c/1" } },
    ///   "End": true }
    /// ```
    pub(crate) static HTTP_TASK_FIELDS = {
        name: "http-task-fields",
        severity: Error,
        aws_code: None,
        summary: "an HTTP task without ApiEndpoint, Method or Authentication.ConnectionArn",
    }
}

fn has(node: &Node, name: &str) -> bool {
    node.get(name).is_some() || node.get(&format!("{name}.$")).is_some()
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (state, resource) in cx.machine.scope.task_resources() {
        let is_http = matches!(
            arn::parse_resource(&resource.value),
            Ok(Resource::Optimized { service, api, .. }) if service == "http" && api == "invoke"
        );
        if !is_http {
            continue;
        }
        let payload = state.io.parameters.as_ref().or(state.io.arguments.as_ref());
        let Some(payload) = payload else {
            out.push(
                Diagnostic::new(
                    &HTTP_TASK_FIELDS,
                    resource.span,
                    format!(
                        "HTTP task `{}` has no `Parameters` or `Arguments` to say what to call",
                        state.name
                    ),
                )
                .help("add `ApiEndpoint`, `Method` and `Authentication: { ConnectionArn }`")
                .pointer(resource.pointer.as_str()),
            );
            continue;
        };
        if payload.value.as_object().is_none() {
            continue; // a JSONata expression
        }
        let mut missing = Vec::new();
        for name in ["ApiEndpoint", "Method"] {
            if !has(&payload.value, name) {
                missing.push(format!("`{name}`"));
            }
        }
        // The connection is `Authentication.ConnectionArn`, or, in the newer form,
        // `InvocationConfig.ConnectionArn`.
        let connection = ["Authentication", "InvocationConfig"].iter().any(|holder| {
            payload.value.get(&format!("{holder}.$")).is_some()
                || payload.value.get(holder).is_some_and(|m| {
                    m.value.as_object().is_none() || has(&m.value, "ConnectionArn")
                })
        });
        if !connection {
            missing.push("`Authentication.ConnectionArn`".to_string());
        }
        if missing.is_empty() {
            continue;
        }
        let field = payload
            .pointer
            .as_str()
            .rsplit('/')
            .next()
            .unwrap_or_default();
        out.push(
            Diagnostic::new(
                &HTTP_TASK_FIELDS,
                payload.key_span,
                format!(
                    "HTTP task `{}` lacks {} in `{field}`",
                    state.name,
                    missing.join(", ")
                ),
            )
            .primary_label("required by the HTTP task")
            .help("an HTTP task needs `ApiEndpoint`, `Method` and `Authentication: { ConnectionArn }` (an EventBridge connection)")
            .pointer(payload.pointer.as_str()),
        );
    }
}
