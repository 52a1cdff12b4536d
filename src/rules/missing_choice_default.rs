//! Choice states without a `Default` (rules.md 5.6).

use super::Context;
use crate::ast::StateKind;
use crate::declare_rule;
use crate::diagnostics::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Reports a Choice state without `Default`, unless one of its rules always matches.
    ///
    /// ## Why is this bad?
    /// When no rule matches, the execution fails (rules.md 5.6 names the error
    /// `States.NoChoiceMatched`; emulators checked against AWS report `States.Runtime`, "Failed to
    /// transition out of the state").
    /// Input that nobody expected is exactly when that happens, so the failure shows up in
    /// production rather than in tests.
    ///
    /// ## Example
    /// ```json
    /// { "Type": "Choice", "Choices": [{ "Variable": "$.status", "StringEquals": "done", "Next": "Finish" }] }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "Type": "Choice", "Choices": [{ "Variable": "$.status", "StringEquals": "done", "Next": "Finish" }],
    ///   "Default": "WaitAndPoll" }
    /// ```
    pub(crate) static MISSING_CHOICE_DEFAULT = {
        name: "missing-choice-default",
        severity: Warning,
        aws_code: None,
        summary: "a Choice state without `Default`",
    }
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (_, state) in cx.machine.scope.all_states() {
        let StateKind::Choice(choice) = &state.kind else {
            continue;
        };
        if choice.default.is_some()
            || choice.choices.is_empty()
            || choice.choices.iter().any(super::choice_logic::always_true)
        {
            continue;
        }
        out.push(
            Diagnostic::new(
                &MISSING_CHOICE_DEFAULT,
                state.name_span,
                format!("Choice state `{}` has no `Default`: input that matches no rule fails the execution", state.name),
            )
            .help("add `\"Default\"` naming the state for everything else, or a Fail state that says what was unexpected")
            .pointer(state.pointer.as_str()),
        );
    }
}
