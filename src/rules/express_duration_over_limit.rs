//! Static durations beyond the 5-minute limit of Express workflows (rules.md 5.14).
use super::Context;
use super::express_unsupported_integration::states_in_express;
use crate::MachineType;
use crate::ast::{Dyn, Field, StateKind};
use crate::declare_rule;
use crate::diagnostics::Diagnostic;

declare_rule! {
    /// ## What it does
    /// In an Express state machine (`--type express`), and in the child workflows of a
    /// Distributed Map with `ExecutionType: EXPRESS`, warns about static durations longer than
    /// 5 minutes (300 s): the machine's `TimeoutSeconds`, a Wait state's `Seconds` and a Task's
    /// `TimeoutSeconds`.
    ///
    /// ## Why is this bad?
    /// An Express execution runs for at most 5 minutes: a longer wait or timeout can never be
    /// reached, and the execution fails with `States.Timeout` first (rules.md 5.14).
    ///
    /// ## Example
    /// ```json
    /// { "Type": "Wait", "Seconds": 600, "Next": "Check" }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "Type": "Wait", "Seconds": 60, "Next": "Check" }
    /// ```
    pub(crate) static EXPRESS_DURATION_OVER_LIMIT = {
        name: "express-duration-over-limit",
        severity: Warning,
        aws_code: None,
        summary: "a static duration longer than the 5 minutes an Express execution may run",
    }
}

const LIMIT: i64 = 300;

fn over(field: &Option<Field<Dyn<i64>>>) -> Option<(&Field<Dyn<i64>>, i64)> {
    let field = field.as_ref()?;
    match field.value {
        Dyn::Lit(n) if n > LIMIT => Some((field, n)),
        _ => None,
    }
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let push = |out: &mut Vec<Diagnostic>, span, pointer: &str, what: String, n: i64| {
        out.push(
            Diagnostic::new(
                &EXPRESS_DURATION_OVER_LIMIT,
                span,
                format!("{what} is {n} seconds, longer than the 300 seconds an Express execution may run"),
            )
            .help("shorten it to at most 300 seconds, or use a Standard workflow")
            .pointer(pointer),
        );
    };
    if cx.options.machine_type == MachineType::Express
        && let Some(t) = &cx.machine.timeout_seconds
        && t.value > LIMIT
    {
        push(
            out,
            t.span,
            t.pointer.as_str(),
            "the state machine's `TimeoutSeconds`".to_string(),
            t.value,
        );
    }
    for (_, state, express) in states_in_express(cx) {
        if !express {
            continue;
        }
        let found = match &state.kind {
            StateKind::Wait(wait) => over(&wait.seconds).map(|f| (f, "`Seconds` of Wait state")),
            StateKind::Task(task) => {
                over(&task.timeout_seconds).map(|f| (f, "`TimeoutSeconds` of Task state"))
            }
            _ => None,
        };
        if let Some(((field, n), what)) = found {
            push(
                out,
                field.span,
                field.pointer.as_str(),
                format!("{what} `{}`", state.name),
                n,
            );
        }
    }
}
