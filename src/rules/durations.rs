//! The static durations of a machine, for the duration limit rules: the machine's
//! `TimeoutSeconds`, each Wait state's `Seconds` and each Task's `TimeoutSeconds`, each with
//! whether it runs in an Express execution. Not a rule itself.

use super::Context;
use super::express_unsupported_integration::states_in_express;
use crate::MachineType;
use crate::ast::{Dyn, StateKind};
use crate::syntax::Span;

/// One literal duration.
pub(super) struct StaticDuration<'a> {
    pub span: Span,
    pub pointer: &'a str,
    /// How messages name it ("the state machine's `TimeoutSeconds`").
    pub what: String,
    pub seconds: i64,
    /// It runs in an Express execution (the machine, or a Distributed Map's EXPRESS children).
    pub express: bool,
}

pub(super) fn static_durations<'a>(cx: &Context<'a>) -> Vec<StaticDuration<'a>> {
    let mut out = Vec::new();
    if let Some(t) = &cx.machine.timeout_seconds {
        out.push(StaticDuration {
            span: t.span,
            pointer: t.pointer.as_str(),
            what: "the state machine's `TimeoutSeconds`".to_string(),
            seconds: t.value,
            express: cx.options.machine_type == MachineType::Express,
        });
    }
    for (_, state, express) in states_in_express(cx) {
        let (field, what) = match &state.kind {
            StateKind::Wait(wait) => (&wait.seconds, "`Seconds` of Wait state"),
            StateKind::Task(task) => (&task.timeout_seconds, "`TimeoutSeconds` of Task state"),
            _ => continue,
        };
        if let Some(field) = field
            && let Dyn::Lit(seconds) = field.value
        {
            out.push(StaticDuration {
                span: field.span,
                pointer: field.pointer.as_str(),
                what: format!("{what} `{}`", state.name),
                seconds,
                express,
            });
        }
    }
    out
}
