//! Express workflows cannot run a Distributed Map (rules.md 5.13, 5.14).
use super::Context;
use crate::MachineType;
use crate::ast::StateKind;
use crate::declare_rule;
use crate::diagnostics::Diagnostic;

declare_rule! {
    /// ## What it does
    /// In an Express state machine (`--type express`), reports Map states whose
    /// `ProcessorConfig.Mode` is `DISTRIBUTED`.
    ///
    /// Only the machine type is considered: a Distributed Map nested in the `EXPRESS` child
    /// workflows of another Distributed Map is not reported (not confirmed against AWS).
    ///
    /// ## Why is this bad?
    /// AWS documents the Distributed Map as not supported in Express workflows (rules.md 5.13,
    /// 5.14); it starts child workflow executions, which only a Standard parent can do.
    ///
    /// ## Example
    /// ```json
    /// { "Type": "Map", "ItemProcessor": { "ProcessorConfig": { "Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS" },
    ///   "StartAt": "P", "States": { "P": { "Type": "Pass", "End": true } } }, "End": true }
    /// ```
    ///
    /// Use instead (in an Express machine):
    /// ```json
    /// { "Type": "Map", "ItemProcessor": { "ProcessorConfig": { "Mode": "INLINE" },
    ///   "StartAt": "P", "States": { "P": { "Type": "Pass", "End": true } } }, "End": true }
    /// ```
    pub(crate) static EXPRESS_DISTRIBUTED_MAP = {
        name: "express-distributed-map",
        severity: Error,
        aws_code: Some("SCHEMA_VALIDATION_FAILED"),
        summary: "a Distributed Map in an Express state machine",
    }
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if cx.options.machine_type != MachineType::Express {
        return;
    }
    for (_, state) in cx.machine.scope.all_states() {
        let StateKind::Map(map) = &state.kind else {
            continue;
        };
        let Some(processor) = &map.processor else {
            continue;
        };
        let Some(mode) = processor
            .mode
            .as_ref()
            .filter(|_| processor.is_distributed())
        else {
            continue;
        };
        out.push(
            Diagnostic::new(
                &EXPRESS_DISTRIBUTED_MAP,
                mode.span,
                format!(
                    "Map state `{}` is a Distributed Map, which Express state machines do not support",
                    state.name
                ),
            )
            .primary_label("not available in Express workflows")
            .help("use `\"Mode\": \"INLINE\"`, or run this machine as a Standard workflow")
            .pointer(mode.pointer.as_str()),
        );
    }
}
