//! A Task `Resource` naming an integration or ARN kind asl-lint does not know (rules.md 5.12).
use super::Context;
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::lang::arn::{self, Resource};
use crate::suggest::closest;

declare_rule! {
    /// ## What it does
    /// Warns when a Task's `Resource` is a well-formed ARN that asl-lint does not recognise as
    /// something Step Functions can run: an optimized integration service or API missing from
    /// AWS's table (`arn:aws:states:::dynamo:putItem`, `arn:aws:states:::lambda:listFunctions`),
    /// an ARN of another service (`arn:aws:sqs:...`), a `states` ARN that is not an activity
    /// (`...:stateMachine:...`), or an unknown partition.
    ///
    /// This is a warning, not an error: AWS adds integrations often and the table in asl-lint
    /// (see `src/lang/arn.rs`) can lag behind. Typos get a "did you mean".
    ///
    /// ## Why is this bad?
    /// AWS rejects resources it does not recognise (`INVALID_RESOURCE`), and an API that is not
    /// optimized must go through the AWS SDK integration (`arn:aws:states:::aws-sdk:<service>:<action>`).
    ///
    /// ## Example
    /// ```json
    /// { "Type": "Task", "Resource": "arn:aws:states:::lambda:listFunctions", "End": true }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "Type": "Task", "Resource": "arn:aws:states:::aws-sdk:lambda:listFunctions", "End": true }
    /// ```
    pub(crate) static UNKNOWN_INTEGRATION = {
        name: "unknown-integration",
        severity: Warning,
        aws_code: Some("INVALID_RESOURCE"),
        summary: "a Task Resource naming a service, API or ARN kind that Step Functions is not known to run",
    }
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (state, resource) in cx.machine.scope.task_resources() {
        let at = |message: String, help: String| {
            Diagnostic::new(&UNKNOWN_INTEGRATION, resource.span, message)
                .help(help)
                .pointer(resource.pointer.as_str())
        };
        let name = &state.name;
        let parsed = arn::parse_resource(&resource.value);
        let partition = match &parsed {
            Ok(
                Resource::Lambda { arn, .. }
                | Resource::Activity { arn, .. }
                | Resource::Optimized { arn, .. }
                | Resource::Sdk { arn, .. }
                | Resource::Other(arn),
            ) => Some(arn.partition.as_str()),
            _ => None,
        };
        if let Some(p) = partition
            && !arn::is_dynamic(p)
            && !arn::KNOWN_PARTITIONS.contains(&p)
        {
            let help = match closest(p, arn::KNOWN_PARTITIONS.iter().copied()) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("the partitions are {}", arn::KNOWN_PARTITIONS.join(", ")),
            };
            out.push(at(
                format!("unknown partition `{p}` in the `Resource` of state `{name}`"),
                help,
            ));
            continue;
        }
        match parsed {
            Ok(Resource::Optimized {
                service, api, arn, ..
            }) => match arn::integration(&service) {
                None => {
                    let help = match closest(&service, arn::OPTIMIZED.iter().map(|i| i.service)) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => format!(
                            "for an AWS SDK call write `arn:{}:states:::aws-sdk:{service}:{api}`",
                            arn.partition
                        ),
                    };
                    out.push(at(
                        format!("`{service}` is not an optimized integration (state `{name}`)"),
                        help,
                    ));
                }
                Some(integration) if !integration.apis.contains(&api.as_str()) => {
                    let help = match closest(&api, integration.apis.iter().copied()) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => format!(
                            "its optimized APIs are {}; for other APIs write `arn:{}:states:::aws-sdk:{service}:{api}`",
                            integration.apis.join(", "),
                            arn.partition
                        ),
                    };
                    out.push(at(
                        format!(
                            "{} has no optimized API `{api}` (state `{name}`)",
                            integration.title
                        ),
                        help,
                    ));
                }
                Some(_) => {}
            },
            Ok(Resource::Other(arn)) => {
                let help = if arn.service == "states" {
                    "to run another state machine use `arn:aws:states:::states:startExecution` with `StateMachineArn` in the parameters"
                        .to_string()
                } else {
                    format!(
                        "a Task runs a Lambda function, an activity or an integration; to call {} write `arn:{}:states:::aws-sdk:{}:<action>`",
                        arn.service, arn.partition, arn.service
                    )
                };
                out.push(at(
                    format!(
                        "the `Resource` of state `{name}` is a `{}` ARN, which a Task cannot run",
                        arn.service
                    ),
                    help,
                ));
            }
            _ => {}
        }
    }
}
