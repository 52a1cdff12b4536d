//! A state machine resource that logs nothing to CloudWatch Logs (rules.md 5.17).
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::iac::settings::{Dialect, Resource, is_computed};

declare_rule! {
    /// ## What it does
    /// Reports a state machine resource of a template whose executions are not logged to
    /// CloudWatch Logs: it has no logging configuration (CloudFormation `LoggingConfiguration`,
    /// SAM `Logging`, Serverless `loggingConfig`), its level (`Level`, `level`) is `OFF` or
    /// missing (the default is `OFF`), or it turns logging on with no log group in
    /// `Destinations` (`destinations`), which CloudFormation rejects.
    ///
    /// Any level other than `OFF` passes (`ALL`, `ERROR`, `FATAL`), as rules.md 5.17 asks
    /// (`Level` not `OFF`); so does the AWS runbook AWS-EnableStepFunctionsStateMachineLogging
    /// (a minimum level of `ALL`, `ERROR` or `FATAL`). cdk-nag's AwsSolutions-SF1 is stricter
    /// and wants `ALL`; checkov's CKV_AWS_285 (Terraform `aws_sfn_state_machine`)
    /// wants `include_execution_data = true`. `IncludeExecutionData` is not required here:
    /// logging execution data copies every input and output into the logs, a privacy
    /// trade-off each project makes for itself. Values computed when the stack deploys
    /// (`!Ref`, `!If`, `${self:custom.level}`) are not judged.
    ///
    /// The rule is off by default; `--select resource-config` (or `extend-select`) runs it.
    ///
    /// ## Why is this bad?
    /// Without logs, a failed execution of an Express workflow leaves no trace at all (Express
    /// workflows have no execution history in the console), and a Standard workflow's history
    /// is kept only 90 days and cannot be searched or alarmed on.
    ///
    /// ## Example
    /// ```yaml
    /// Machine:
    ///   Type: AWS::StepFunctions::StateMachine
    ///   Properties:
    ///     RoleArn: !GetAtt MachineRole.Arn
    ///     DefinitionS3Location: { Bucket: my-bucket, Key: machine.asl.json }
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// Machine:
    ///   Type: AWS::StepFunctions::StateMachine
    ///   Properties:
    ///     RoleArn: !GetAtt MachineRole.Arn
    ///     DefinitionS3Location: { Bucket: my-bucket, Key: machine.asl.json }
    ///     LoggingConfiguration:
    ///       Level: ERROR
    ///       Destinations:
    ///         - CloudWatchLogsLogGroup: { LogGroupArn: !GetAtt MachineLogs.Arn }
    /// ```
    pub(crate) static STATE_MACHINE_LOGGING = {
        name: "state-machine-logging",
        severity: Warning,
        aws_code: None,
        summary: "a template's state machine resource that logs nothing to CloudWatch Logs",
    }
}

pub(crate) fn check(resource: &Resource, out: &mut Vec<Diagnostic>) {
    let (config, level, destinations) = match resource.dialect {
        Dialect::CloudFormation => ("LoggingConfiguration", "Level", "Destinations"),
        Dialect::Sam => ("Logging", "Level", "Destinations"),
        Dialect::Serverless => ("loggingConfig", "level", "destinations"),
    };
    let help = format!("set `{level}: ALL` (or `ERROR`) and a log group in `{destinations}`");
    let Some(cfg) = resource.get(config) else {
        out.push(
            Diagnostic::new(
                &STATE_MACHINE_LOGGING,
                resource.anchor(),
                format!("the state machine has no `{config}`, so its executions are not logged"),
            )
            .primary_label(format!("no `{config}` here"))
            .help(format!("add `{config}`: {help}")),
        );
        return;
    };
    if is_computed(&cfg.value) || cfg.value.as_object().is_none() {
        return;
    }
    let Some(lvl) = cfg.value.get(level) else {
        out.push(
            Diagnostic::new(
                &STATE_MACHINE_LOGGING,
                cfg.key.span,
                format!("`{config}` has no `{level}`, which defaults to `OFF`: nothing is logged"),
            )
            .primary_label(format!("no `{level}`"))
            .help(help),
        );
        return;
    };
    if is_computed(&lvl.value) {
        return;
    }
    if lvl
        .value
        .as_str()
        .is_some_and(|l| l.eq_ignore_ascii_case("OFF"))
    {
        out.push(
            Diagnostic::new(
                &STATE_MACHINE_LOGGING,
                lvl.value.span,
                format!("`{level}` is `OFF`: the state machine's executions are not logged"),
            )
            .primary_label("logging is off")
            .help(help),
        );
        return;
    }
    let empty = match cfg.value.get(destinations) {
        None => true,
        Some(d) => d.value.as_array().is_some_and(<[_]>::is_empty),
    };
    if empty {
        out.push(
            Diagnostic::new(
                &STATE_MACHINE_LOGGING,
                cfg.key.span,
                format!(
                    "`{config}` turns logging on but names no log group in `{destinations}`, which CloudFormation rejects"
                ),
            )
            .primary_label(format!("no `{destinations}`"))
            .label(lvl.value.span, "logging is on here")
            .help(format!(
                "add the log group's ARN to `{destinations}` (`CloudWatchLogsLogGroup.LogGroupArn`)"
            )),
        );
    }
}
