//! Express workflows run request-response integrations only: no `.sync`, no
//! `.waitForTaskToken`, no activities (rules.md 5.13, 5.14).
use super::Context;
use crate::MachineType;
use crate::ast::{Scope, State, StateKind};
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::lang::arn::{self, Pattern, Resource};

declare_rule! {
    /// ## What it does
    /// In an Express state machine (`--type express`), and in the child workflows of a
    /// Distributed Map whose `ProcessorConfig.ExecutionType` is `EXPRESS` (even inside a Standard
    /// machine), reports Tasks that wait: `.sync`, `.sync:2` and `.waitForTaskToken`
    /// integrations and activity ARNs.
    ///
    /// ## Why is this bad?
    /// AWS rejects the definition (`SCHEMA_VALIDATION_FAILED`) with `Express state machine does
    /// not support '.sync' service integration`, `... '.waitForTaskToken' service integration`
    /// or `Express state machine does not support Activity ARN` (rules.md 4.4, 5.14).
    ///
    /// ## Example
    /// ```json
    /// { "Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2", "End": true }
    /// ```
    ///
    /// Use instead (in an Express machine):
    /// ```json
    /// { "Type": "Task", "Resource": "arn:aws:states:::states:startExecution", "End": true }
    /// ```
    pub(crate) static EXPRESS_UNSUPPORTED_INTEGRATION = {
        name: "express-unsupported-integration",
        severity: Error,
        aws_code: Some("SCHEMA_VALIDATION_FAILED"),
        summary: "a .sync or .waitForTaskToken integration, or an activity, in an Express workflow",
    }
}

/// Every state with whether it runs in an Express workflow: all of them in an Express machine,
/// and those inside the item processor of a Distributed Map with `ExecutionType: EXPRESS`.
pub(super) fn states_in_express<'a>(cx: &Context<'a>) -> Vec<(&'a Scope, &'a State, bool)> {
    let mut out = Vec::new();
    let express = cx.options.machine_type == MachineType::Express;
    let mut stack = vec![(&cx.machine.scope, express)];
    while let Some((scope, express)) = stack.pop() {
        for state in &scope.states {
            out.push((scope, state, express));
            match &state.kind {
                StateKind::Parallel(p) => stack.extend(p.branches.iter().map(|b| (b, express))),
                StateKind::Map(m) => {
                    if let Some(processor) = &m.processor {
                        let child_express = processor.is_distributed()
                            && processor
                                .execution_type
                                .as_ref()
                                .is_some_and(|t| t.value == "EXPRESS");
                        stack.push((&processor.scope, express || child_express));
                    }
                }
                _ => {}
            }
        }
    }
    out
}

fn where_(cx: &Context<'_>) -> &'static str {
    if cx.options.machine_type == MachineType::Express {
        "an Express state machine"
    } else {
        "a Distributed Map with `ExecutionType: EXPRESS`"
    }
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (_, state, express) in states_in_express(cx) {
        if !express {
            continue;
        }
        let StateKind::Task(task) = &state.kind else {
            continue;
        };
        let Some(resource) = &task.resource else {
            continue;
        };
        let (message, help) = match arn::parse_resource(&resource.value) {
            Ok(Resource::Optimized { pattern, .. } | Resource::Sdk { pattern, .. })
                if pattern.waits() =>
            {
                let shown = if pattern == Pattern::Sync2 {
                    ".sync"
                } else {
                    pattern.suffix()
                };
                (
                    format!("Express state machine does not support '{shown}' service integration"),
                    format!(
                        "state `{}` is in {}: use the request-response form (drop `{}`), or run this part in a Standard workflow",
                        state.name,
                        where_(cx),
                        pattern.suffix()
                    ),
                )
            }
            Ok(Resource::Activity { .. }) => (
                "Express state machine does not support Activity ARN".to_string(),
                format!(
                    "state `{}` is in {}: call a Lambda function or a service instead, or use a Standard workflow",
                    state.name,
                    where_(cx)
                ),
            ),
            _ => continue,
        };
        out.push(
            Diagnostic::new(&EXPRESS_UNSUPPORTED_INTEGRATION, resource.span, message)
                .primary_label("not available in Express workflows")
                .help(help)
                .pointer(resource.pointer.as_str()),
        );
    }
}
