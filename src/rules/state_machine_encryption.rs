//! A state machine resource not encrypted with a customer managed KMS key (rules.md 5.17).
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::iac::settings::{Dialect, Resource, is_computed};

declare_rule! {
    /// ## What it does
    /// Reports an `AWS::StepFunctions::StateMachine` resource that is not encrypted with a
    /// customer managed KMS key: it has no `EncryptionConfiguration`, its `Type` is not
    /// `CUSTOMER_MANAGED_KMS_KEY` (`AWS_OWNED_KEY` is the default), or it names no `KmsKeyId`.
    /// Values computed when the stack deploys (`!Ref`, `!If`) are not judged.
    ///
    /// SAM's `AWS::Serverless::StateMachine` has no encryption property yet
    /// (aws/serverless-application-model#3925), so a SAM resource is reported only when it
    /// writes an `EncryptionConfiguration` that does not name a customer managed key; the
    /// Serverless Framework plugin (`serverless-step-functions`) has no encryption setting, so
    /// its machines are not checked.
    ///
    /// rules.md 5.17 asks for this check. Neither checkov nor cdk-nag has a state machine
    /// rule for it; it follows their customer managed key checks for other services (checkov's
    /// `*UsesCMK` checks). The rule is off by default; `--select resource-config` (or
    /// `extend-select`) runs it.
    ///
    /// ## Why is this bad?
    /// Step Functions encrypts the definition and the execution history (inputs, outputs,
    /// errors) at rest with an AWS owned key by default. Only a customer managed key lets the
    /// account control and audit who can decrypt them, and revoke access by disabling the key,
    /// which many compliance regimes require.
    ///
    /// ## Example
    /// ```yaml
    /// Machine:
    ///   Type: AWS::StepFunctions::StateMachine
    ///   Properties:
    ///     DefinitionS3Location: { Bucket: my-bucket, Key: machine.asl.json }
    ///     EncryptionConfiguration:
    ///       Type: AWS_OWNED_KEY
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// Machine:
    ///   Type: AWS::StepFunctions::StateMachine
    ///   Properties:
    ///     DefinitionS3Location: { Bucket: my-bucket, Key: machine.asl.json }
    ///     EncryptionConfiguration:
    ///       Type: CUSTOMER_MANAGED_KMS_KEY
    ///       KmsKeyId: !GetAtt MachineKey.Arn
    /// ```
    pub(crate) static STATE_MACHINE_ENCRYPTION = {
        name: "state-machine-encryption",
        severity: Warning,
        aws_code: None,
        summary: "a template's state machine resource not encrypted with a customer managed KMS key",
    }
}

const CONFIG: &str = "EncryptionConfiguration";
const CMK: &str = "CUSTOMER_MANAGED_KMS_KEY";
const HELP: &str =
    "set `EncryptionConfiguration` to `Type: CUSTOMER_MANAGED_KMS_KEY` and the key in `KmsKeyId`";

pub(crate) fn check(resource: &Resource, out: &mut Vec<Diagnostic>) {
    if resource.dialect == Dialect::Serverless {
        return;
    }
    let Some(cfg) = resource.get(CONFIG) else {
        if resource.dialect == Dialect::CloudFormation {
            out.push(
                Diagnostic::new(
                    &STATE_MACHINE_ENCRYPTION,
                    resource.anchor(),
                    format!(
                        "the state machine has no `{CONFIG}`, so it is encrypted with an AWS owned key, not a customer managed KMS key"
                    ),
                )
                .primary_label(format!("no `{CONFIG}` here"))
                .help(HELP),
            );
        }
        return;
    };
    if is_computed(&cfg.value) || cfg.value.as_object().is_none() {
        return;
    }
    let kind = cfg.value.get("Type");
    match kind {
        Some(t) if is_computed(&t.value) => return,
        Some(t) if t.value.as_str() == Some(CMK) => {}
        Some(t) => {
            let what = t
                .value
                .as_str()
                .map_or_else(|| "not a string".to_string(), |s| format!("`{s}`"));
            out.push(
                Diagnostic::new(
                    &STATE_MACHINE_ENCRYPTION,
                    t.value.span,
                    format!("`Type` is {what}, not `{CMK}`: the state machine is not encrypted with a customer managed KMS key"),
                )
                .primary_label("not a customer managed key")
                .help(HELP),
            );
            return;
        }
        None => {
            out.push(
                Diagnostic::new(
                    &STATE_MACHINE_ENCRYPTION,
                    cfg.key.span,
                    format!("`{CONFIG}` has no `Type`, so the state machine is not encrypted with a customer managed KMS key"),
                )
                .primary_label("no `Type`")
                .help(HELP),
            );
            return;
        }
    }
    if cfg.value.get("KmsKeyId").is_none() {
        out.push(
            Diagnostic::new(
                &STATE_MACHINE_ENCRYPTION,
                cfg.key.span,
                format!("`{CONFIG}` asks for `{CMK}` but names no `KmsKeyId`"),
            )
            .primary_label("no `KmsKeyId`")
            .help("name the key (its ARN, alias ARN, key id or alias) in `KmsKeyId`"),
        );
    }
}
