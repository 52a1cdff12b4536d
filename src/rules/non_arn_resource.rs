//! A Task `Resource` that is not an ARN at all: usually a template token (rules.md 5.12).
use super::Context;
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::lang::arn::{self, ResourceError};

declare_rule! {
    /// ## What it does
    /// Reports a Task whose `Resource` is a string that is not an ARN and not a `${...}` or
    /// `#{...}` placeholder: `_tbd_`, `%LAMBDA_ARN%`, `{{ arn }}`, `foo:bar`.
    ///
    /// ## Why is this bad?
    /// AWS accepts only ARNs here and rejects anything else with `INVALID_RESOURCE` (rules.md
    /// 5.12). Such values are nearly always tokens of a templating step that replaces them before
    /// deployment (test suites and build scripts use `_tbd_`, `%NAME%`, `{{name}}`), so this is a
    /// warning rather than an error: if nothing replaces the token, deployment fails. Malformed
    /// ARNs (`arn:...` that do not parse) are errors, reported by `invalid-resource`.
    ///
    /// ## Example
    /// ```json
    /// { "Type": "Task", "Resource": "_tbd_", "End": true }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true }
    /// ```
    pub(crate) static NON_ARN_RESOURCE = {
        name: "non-arn-resource",
        severity: Warning,
        aws_code: Some("INVALID_RESOURCE"),
        summary: "a Task Resource that is not an ARN (often an unreplaced template token)",
    }
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (state, resource) in cx.machine.scope.task_resources() {
        if super::invalid_resource::follows_yaml_tag(cx.text, resource.span.start) {
            continue;
        }
        if !matches!(
            arn::parse_resource(&resource.value),
            Err(ResourceError::NotArn)
        ) {
            continue;
        }
        out.push(
            Diagnostic::new(
                &NON_ARN_RESOURCE,
                resource.span,
                format!(
                    "the `Resource` of state `{}` is not an ARN: `{}`; AWS rejects it unless a templating step replaces it",
                    state.name, resource.value
                ),
            )
            .primary_label("not an ARN")
            .help(super::invalid_resource::HELP_KINDS)
            .pointer(resource.pointer.as_str()),
        );
    }
}
