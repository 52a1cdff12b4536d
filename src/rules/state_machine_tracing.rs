//! A state machine resource without X-Ray tracing (rules.md 5.17).
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::iac::settings::{Dialect, Resource, is_computed};

declare_rule! {
    /// ## What it does
    /// Reports a state machine resource of a template that does not turn on AWS X-Ray
    /// tracing: no tracing configuration (CloudFormation `TracingConfiguration`, SAM
    /// `Tracing`, Serverless `tracingConfig`), or one whose `Enabled` (`enabled`) is missing
    /// (the default is `false`) or `false`. Values computed when the stack deploys (`!Ref`,
    /// `!If`, `${self:custom.tracing}`) are not judged.
    ///
    /// This is the check of cdk-nag's AwsSolutions-SF2 ("X-Ray tracing") and of checkov's
    /// CKV_AWS_284 ("Ensure State Machine has X-Ray tracing enabled", Terraform
    /// `tracing_configuration.enabled`). The rule is off by default;
    /// `--select resource-config` (or `extend-select`) runs it.
    ///
    /// ## Why is this bad?
    /// Without tracing, the time an execution spends in each state and in the services it
    /// calls is not recorded, and the execution is missing from the traces of the requests
    /// that started it.
    ///
    /// ## Example
    /// ```yaml
    /// Machine:
    ///   Type: AWS::Serverless::StateMachine
    ///   Properties:
    ///     DefinitionUri: statemachine/machine.asl.json
    ///     Tracing:
    ///       Enabled: false
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// Machine:
    ///   Type: AWS::Serverless::StateMachine
    ///   Properties:
    ///     DefinitionUri: statemachine/machine.asl.json
    ///     Tracing:
    ///       Enabled: true
    /// ```
    pub(crate) static STATE_MACHINE_TRACING = {
        name: "state-machine-tracing",
        severity: Warning,
        aws_code: None,
        summary: "a template's state machine resource without X-Ray tracing",
    }
}

pub(crate) fn check(resource: &Resource, out: &mut Vec<Diagnostic>) {
    let (config, enabled) = match resource.dialect {
        Dialect::CloudFormation => ("TracingConfiguration", "Enabled"),
        Dialect::Sam => ("Tracing", "Enabled"),
        Dialect::Serverless => ("tracingConfig", "enabled"),
    };
    let help = format!("set `{config}` to `{enabled}: true`");
    let Some(cfg) = resource.get(config) else {
        out.push(
            Diagnostic::new(
                &STATE_MACHINE_TRACING,
                resource.anchor(),
                format!("the state machine has no `{config}`, so X-Ray tracing is off"),
            )
            .primary_label(format!("no `{config}` here"))
            .help(help),
        );
        return;
    };
    if is_computed(&cfg.value) || cfg.value.as_object().is_none() {
        return;
    }
    let Some(on) = cfg.value.get(enabled) else {
        out.push(
            Diagnostic::new(
                &STATE_MACHINE_TRACING,
                cfg.key.span,
                format!(
                    "`{config}` has no `{enabled}`, which defaults to `false`: X-Ray tracing is off"
                ),
            )
            .primary_label(format!("no `{enabled}`"))
            .help(help),
        );
        return;
    };
    let is_true = on.value.as_bool() == Some(true)
        || on
            .value
            .as_str()
            .is_some_and(|s| s.eq_ignore_ascii_case("true"));
    if !is_true && !is_computed(&on.value) {
        out.push(
            Diagnostic::new(
                &STATE_MACHINE_TRACING,
                on.value.span,
                format!("`{enabled}` is not `true`: X-Ray tracing is off"),
            )
            .primary_label("tracing is off")
            .help(help),
        );
    }
}
