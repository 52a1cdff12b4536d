//! A Lambda Task with no Retrier for Lambda's transient errors (rules.md 5.7, 5.12).
use super::Context;
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::lang::arn::{self, Resource};

declare_rule! {
    /// ## What it does
    /// Reports Tasks that invoke a Lambda function (a function ARN or `lambda:invoke`) and have no
    /// Retrier matching any of `Lambda.ServiceException`, `Lambda.AWSLambdaException`,
    /// `Lambda.SdkClientException`, `Lambda.TooManyRequestsException`, `States.TaskFailed` or
    /// `States.ALL`.
    ///
    /// rules.md marks this best practice "opt-in": the rule runs only when selected
    /// (`extend-select = ["lambda-without-retry"]` or `--extend-select lambda-without-retry`).
    ///
    /// ## Why is this bad?
    /// Lambda occasionally returns transient service errors; AWS recommends retrying them in
    /// every Lambda task ("Handle transient Lambda service exceptions").
    ///
    /// ## Example
    /// ```json
    /// { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
    ///   "Parameters": { "FunctionName": "f" }, "End": true }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
    ///   "Parameters": { "FunctionName": "f" },
    ///   "Retry": [ { "ErrorEquals": [ "Lambda.ServiceException", "Lambda.AWSLambdaException",
    ///     "Lambda.SdkClientException", "Lambda.TooManyRequestsException" ],
    ///     "IntervalSeconds": 1, "MaxAttempts": 3, "BackoffRate": 2 } ],
    ///   "End": true }
    /// ```
    pub(crate) static LAMBDA_WITHOUT_RETRY = {
        name: "lambda-without-retry",
        severity: Warning,
        aws_code: None,
        summary: "a Lambda Task with no Retrier for Lambda's transient service errors",
    }
}

const COVERING: &[&str] = &[
    "Lambda.ServiceException",
    "Lambda.AWSLambdaException",
    "Lambda.SdkClientException",
    "Lambda.TooManyRequestsException",
    "States.TaskFailed",
    "States.ALL",
];

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (state, resource) in cx.machine.scope.task_resources() {
        let lambda = match arn::parse_resource(&resource.value) {
            Ok(Resource::Lambda { .. }) => true,
            Ok(Resource::Optimized { service, api, .. }) => service == "lambda" && api == "invoke",
            _ => false,
        };
        if !lambda {
            continue;
        }
        let covered = state
            .retry
            .iter()
            .flat_map(|r| &r.error_equals)
            .any(|e| COVERING.contains(&e.value.as_str()));
        if covered {
            continue;
        }
        out.push(
            Diagnostic::new(
                &LAMBDA_WITHOUT_RETRY,
                resource.span,
                format!(
                    "Lambda Task `{}` does not retry Lambda's transient service errors",
                    state.name
                ),
            )
            .help("add a Retrier for `Lambda.ServiceException`, `Lambda.AWSLambdaException`, `Lambda.SdkClientException` and `Lambda.TooManyRequestsException`")
            .pointer(resource.pointer.as_str()),
        );
    }
}
