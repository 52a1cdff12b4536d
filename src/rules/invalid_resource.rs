//! A Task `Resource` that Step Functions cannot run: not an ARN, a malformed Lambda ARN, or an
//! integration pattern the service does not offer (rules.md 5.12).
use super::Context;
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::lang::arn::{self, Pattern, Resource, ResourceError};

declare_rule! {
    /// ## What it does
    /// Checks each Task's `Resource` that is written as an ARN (a value that is not an ARN at all
    /// is `non-arn-resource`): it must be a complete ARN (of any partition: `aws`, `aws-cn`,
    /// `aws-us-gov`, `aws-iso*`, ...), a Lambda function ARN must be
    /// `arn:<p>:lambda:<region>:<account>:function:<name>[:<version or alias>]`, an integration
    /// must name `<service>:<api>`, its suffix must be `.sync`, `.sync:2` or `.waitForTaskToken`,
    /// the optimized service must support that pattern (DynamoDB has no `.sync`, `.sync:2` is only
    /// for `states:startExecution`), and AWS SDK integrations (`aws-sdk:<service>:<action>`) never
    /// take `.sync`.
    ///
    /// `${...}` and `#{...}` placeholders (CloudFormation, SAM, Terraform, Serverless) are
    /// accepted anywhere in the value; a part that holds one is not judged. Unknown services and
    /// APIs are reported by `unknown-integration` (a warning: new integrations appear often).
    ///
    /// ## Why is this bad?
    /// AWS rejects the definition with `INVALID_RESOURCE` / `SCHEMA_VALIDATION_FAILED` (rules.md
    /// 4.4 and 5.12); the pattern table is AWS's "Optimized integrations in Step Functions".
    ///
    /// ## Example
    /// ```json
    /// { "Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem.sync", "End": true }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem", "End": true }
    /// ```
    pub(crate) static INVALID_RESOURCE = {
        name: "invalid-resource",
        severity: Error,
        aws_code: Some("INVALID_RESOURCE"),
        summary: "a malformed Task Resource ARN, or an integration pattern its service does not support",
    }
}

pub(super) const HELP_KINDS: &str = "use a Lambda function ARN, an activity ARN, or an integration such as `arn:aws:states:::lambda:invoke`";

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (state, resource) in cx.machine.scope.task_resources() {
        if follows_yaml_tag(cx.text, resource.span.start) {
            // `!GetAtt Fn.Arn` and the like: reported once, by `yaml-tag`.
            continue;
        }
        let value = &resource.value;
        let at = |message: String, help: String| {
            Diagnostic::new(&INVALID_RESOURCE, resource.span, message)
                .help(help)
                .pointer(resource.pointer.as_str())
        };
        let name = &state.name;
        match arn::parse_resource(value) {
            // Not an ARN at all (usually a template token): `non-arn-resource`, a warning.
            Err(ResourceError::NotArn) => {}
            Err(ResourceError::UnclosedPlaceholder) => out.push(at(
                format!("unclosed placeholder in the `Resource` of state `{name}`: `{value}`"),
                "close the placeholder with `}`, as in `${LambdaArn}`".to_string(),
            )),
            Err(ResourceError::MalformedArn) => out.push(at(
                format!("the `Resource` of state `{name}` is not a complete ARN: `{value}`"),
                "an ARN is `arn:<partition>:<service>:<region>:<account>:<resource>`".to_string(),
            )),
            Err(ResourceError::MalformedLambda(why)) => out.push(at(
                format!("malformed Lambda function ARN in state `{name}`: {why}"),
                "write `arn:<partition>:lambda:<region>:<account>:function:<name>[:<version or alias>]`"
                    .to_string(),
            )),
            Err(ResourceError::MissingApi) => out.push(at(
                format!("the integration in state `{name}` names no API: `{value}`"),
                "write `arn:<partition>:states:::<service>:<api>` or `arn:<partition>:states:::aws-sdk:<service>:<action>`"
                    .to_string(),
            )),
            Err(ResourceError::UnknownPattern(suffix)) => out.push(at(
                format!("unknown integration pattern `{suffix}` in state `{name}`"),
                "the patterns are `.sync`, `.sync:2` and `.waitForTaskToken` (none for request-response)"
                    .to_string(),
            )),
            Ok(Resource::Optimized {
                service,
                api,
                pattern,
                ..
            }) => {
                let Some(integration) = arn::integration(&service) else {
                    continue;
                };
                if integration.patterns.contains(&pattern) {
                    continue;
                }
                let supported: Vec<String> = integration
                    .patterns
                    .iter()
                    .map(|p| match p {
                        Pattern::RequestResponse => "request-response (no suffix)".to_string(),
                        p => format!("`{}`", p.suffix()),
                    })
                    .collect();
                out.push(
                    at(
                        format!(
                            "{} does not support `{}`: `{service}:{api}{}` in state `{name}`",
                            integration.title,
                            pattern.suffix(),
                            pattern.suffix()
                        ),
                        format!("{} supports {}", integration.title, supported.join(", ")),
                    )
                    .primary_label("unsupported integration pattern"),
                );
            }
            Ok(Resource::Sdk {
                service,
                action,
                pattern: pattern @ (Pattern::Sync | Pattern::Sync2),
                ..
            }) => {
                let help = match arn::integration(&service) {
                    Some(i) if i.patterns.contains(&Pattern::Sync) => format!(
                        "use the optimized integration `arn:aws:states:::{service}:<api>.sync` to wait for the job, or drop `{}`",
                        pattern.suffix()
                    ),
                    _ => format!(
                        "drop `{}` and poll for completion, or wait for a callback with `.waitForTaskToken`",
                        pattern.suffix()
                    ),
                };
                out.push(at(
                    format!(
                        "AWS SDK integrations do not support `{}`: `aws-sdk:{service}:{action}` in state `{name}`",
                        pattern.suffix()
                    ),
                    help,
                ));
            }
            Ok(_) => {}
        }
    }
}

/// Whether the value at `start` is written after a YAML tag (`Resource: !GetAtt Fn.Arn`).
pub(super) fn follows_yaml_tag(text: &str, start: usize) -> bool {
    text.get(..start)
        .and_then(|before| before.trim_end().rsplit([' ', '\t', '\n']).next())
        .is_some_and(|token| token.starts_with('!'))
}
