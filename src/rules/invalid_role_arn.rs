//! A literal `Credentials.RoleArn` that is not an IAM role ARN (rules.md 5.12).
use super::Context;
use crate::ast::StateKind;
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::lang::arn;

declare_rule! {
    /// ## What it does
    /// Checks a Task's `Credentials.RoleArn` when it is written out: it must be an IAM role ARN,
    /// `arn:<partition>:iam::<account>:role/<name>`. `RoleArn.$` paths, JSONata expressions and
    /// `${...}` placeholders are not judged (a placeholder may stand for any part).
    ///
    /// ## Why is this bad?
    /// Step Functions assumes this role to run the task; anything but a role ARN makes every run
    /// of the task fail (rules.md 5.12).
    ///
    /// ## Example
    /// ```json
    /// { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
    ///   "Credentials": { "RoleArn": "TaskRole" }, "End": true }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
    ///   "Credentials": { "RoleArn": "arn:aws:iam::123456789012:role/TaskRole" }, "End": true }
    /// ```
    pub(crate) static INVALID_ROLE_ARN = {
        name: "invalid-role-arn",
        severity: Error,
        aws_code: None,
        summary: "a Credentials RoleArn that is not an IAM role ARN",
    }
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (_, state) in cx.machine.scope.all_states() {
        let StateKind::Task(task) = &state.kind else {
            continue;
        };
        let Some(credentials) = &task.credentials else {
            continue;
        };
        let Some(member) = credentials.value.get("RoleArn") else {
            continue;
        };
        let Some(value) = member.value.as_str() else {
            continue;
        };
        let value = value.trim();
        if value.starts_with("{%") || value.starts_with("${") || value.starts_with("#{") {
            continue;
        }
        let problem = match arn::parse_arn(value) {
            None => Some("is not an ARN"),
            Some(a) if arn::is_dynamic(&a.service) || arn::is_dynamic(&a.resource) => None,
            Some(a) if a.service != "iam" || !a.resource.starts_with("role/") => {
                Some("is not an IAM role ARN")
            }
            Some(_) => None,
        };
        let Some(problem) = problem else { continue };
        out.push(
            Diagnostic::new(
                &INVALID_ROLE_ARN,
                member.value.span,
                format!(
                    "`Credentials.RoleArn` of Task `{}` {problem}: `{value}`",
                    state.name
                ),
            )
            .help("write `arn:<partition>:iam::<account>:role/<name>`, or take it from the input with `RoleArn.$`")
            .pointer(credentials.pointer.key("RoleArn").as_str()),
        );
    }
}
