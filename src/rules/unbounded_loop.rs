//! A loop whose states never change the data its Choice rules test (rules.md 5.2, 5.15).
use super::Context;
use crate::analysis::NodeId;
use crate::ast::{ChoiceRule, ChoiceRuleKind, Dyn, Io, State, StateKind};
use crate::declare_rule;
use crate::diagnostics::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Reports a reachable loop that can only be left through Choice rules and in which no
    /// state can change the data those rules test: every state of the loop is a Choice, a
    /// Wait or a Pass state with no `InputPath`, `OutputPath`, `Parameters`, `Result`,
    /// `ResultPath`, `Output` or `Assign` (and no `Assign` or `Output` on its Choice rules), and
    /// no rule reads the context object (`$$`, `$states.context`) or the clock (`$now()`,
    /// `$millis()`) or `$random()`. Such a loop leaves on its first pass or never.
    ///
    /// This is deliberately narrow. Loops with a Task (polling a job's status), a Map or
    /// Parallel, or a Pass that updates a counter are common and fine, and no bound can be
    /// proven or disproven for them statically, so they are not reported.
    ///
    /// ## Why is this bad?
    /// If the Choice does not leave the loop the first time, it never will: the execution
    /// spins until the 25,000-event history quota or the one-year limit ends it (rules.md
    /// 5.15 asks to lint unbounded loops). Usually the state that should refresh the data (a
    /// Task, or a Pass that counts) is missing from the loop.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "StartAt": "Ready?",
    ///   "States": {
    ///     "Ready?": {
    ///       "Type": "Choice",
    ///       "Choices": [{ "Variable": "$.ready", "BooleanEquals": true, "Next": "Done" }],
    ///       "Default": "Wait"
    ///     },
    ///     "Wait": { "Type": "Wait", "Seconds": 10, "Next": "Ready?" },
    ///     "Done": { "Type": "Succeed" }
    ///   }
    /// }
    /// ```
    ///
    /// Use instead: refresh the data inside the loop.
    /// ```json
    /// {
    ///   "StartAt": "Get status",
    ///   "States": {
    ///     "Get status": {
    ///       "Type": "Task",
    ///       "Resource": "arn:aws:states:::lambda:invoke",
    ///       "Parameters": { "FunctionName": "status", "Payload.$": "$" },
    ///       "OutputPath": "$.Payload",
    ///       "Next": "Ready?"
    ///     },
    ///     "Ready?": {
    ///       "Type": "Choice",
    ///       "Choices": [{ "Variable": "$.ready", "BooleanEquals": true, "Next": "Done" }],
    ///       "Default": "Wait"
    ///     },
    ///     "Wait": { "Type": "Wait", "Seconds": 10, "Next": "Get status" },
    ///     "Done": { "Type": "Succeed" }
    ///   }
    /// }
    /// ```
    pub(crate) static UNBOUNDED_LOOP = {
        name: "unbounded-loop",
        severity: Warning,
        aws_code: None,
        summary: "a loop whose states never change the data its Choice rules test",
    }
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let graph = cx.graph;
    for cycle in graph.cycles() {
        let first = cycle[0];
        if !graph.is_reachable(first) || !cycle.iter().all(|&n| inert(graph.state(n))) {
            continue;
        }
        let leaves = |n: &NodeId| {
            let outside = |t: &crate::analysis::TransitionInfo<'_>| {
                t.to.is_none_or(|to| cycle.binary_search(&to).is_err())
            };
            graph.transitions_from(*n).iter().any(outside)
        };
        let Some(&exit) = cycle.iter().find(|n| leaves(n)) else {
            continue; // no way out at all: `cycle-without-exit`
        };
        let state = graph.state(first);
        let exit_state = graph.state(exit);
        let d = Diagnostic::new(
            &UNBOUNDED_LOOP,
            state.name_span,
            format!(
                "{} loop without changing the data that `{}` tests: if the loop is not \
                     left on the first pass, it is never left",
                super::cycle_without_exit::names(graph, &cycle),
                exit_state.name
            ),
        )
        .primary_label("the loop starts here")
        .help("refresh the data in the loop (a Task that reads the status, or a Pass that counts)")
        .pointer(state.pointer.as_str());
        out.push(if exit == first {
            d
        } else {
            d.label(exit_state.name_span, "the loop is left only here")
        });
    }
}

/// Whether the state passes its input on unchanged and cannot fail or branch on anything but
/// its input.
fn inert(state: &State) -> bool {
    if state.assign.is_some() || !io_is_empty(&state.io) {
        return false;
    }
    match &state.kind {
        StateKind::Pass(pass) => pass.result.is_none(),
        StateKind::Wait(_) => true,
        StateKind::Choice(choice) => choice.choices.iter().all(rule_is_inert),
        _ => false,
    }
}

fn io_is_empty(io: &Io) -> bool {
    io.input_path.is_none()
        && io.output_path.is_none()
        && io.parameters.is_none()
        && io.result_selector.is_none()
        && io.result_path.is_none()
        && io.arguments.is_none()
        && io.output.is_none()
}

/// A Choice rule (with the rules nested in it) that assigns nothing and reads neither the
/// context object nor the clock.
fn rule_is_inert(rule: &ChoiceRule) -> bool {
    for rule in rule.self_and_nested() {
        if rule.assign.is_some() || rule.output.is_some() {
            return false;
        }
        match &rule.kind {
            ChoiceRuleKind::Comparison {
                variable, operand, ..
            } => {
                let reads_context = |s: &str| s.starts_with("$$");
                if reads_context(&variable.value)
                    || operand.value.as_str().is_some_and(reads_context)
                {
                    return false;
                }
            }
            ChoiceRuleKind::And(_) | ChoiceRuleKind::Not(_) | ChoiceRuleKind::Or(_) => {}
            ChoiceRuleKind::Condition(condition) => {
                if let Dyn::Expr(expr) = &condition.value {
                    let varying = ["$states.context", "$now", "$millis", "$random"];
                    if varying.iter().any(|v| expr.contains(v)) {
                        return false;
                    }
                }
            }
            ChoiceRuleKind::Invalid => return false,
        }
    }
    true
}
