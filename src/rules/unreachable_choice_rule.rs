//! Choice rules that can never be chosen because an earlier rule always wins (rules.md 5.6).

use std::collections::HashMap;

use super::Context;
use super::choice_logic::{always_true, canonical};
use crate::ast::StateKind;
use crate::declare_rule;
use crate::diagnostics::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Reports a Choice rule that follows a rule that always matches (`Condition: true`,
    /// `IsPresent: true` on `$`), or a rule with the same test as an earlier rule, and a `Default`
    /// after an always-matching rule.
    ///
    /// ## Why is this bad?
    /// Rules are tried in order and the first match wins, so these rules are dead: whatever they
    /// were meant to route goes elsewhere (rules.md 5.6).
    ///
    /// ## Example
    /// ```json
    /// "Choices": [
    ///   { "Variable": "$.status", "StringEquals": "done", "Next": "Finish" },
    ///   { "Variable": "$.status", "StringEquals": "done", "Next": "Archive" }
    /// ]
    /// ```
    ///
    /// Use instead: give the second rule the test it was meant to have, or remove it.
    /// ```json
    /// "Choices": [
    ///   { "Variable": "$.status", "StringEquals": "done", "Next": "Finish" },
    ///   { "Variable": "$.status", "StringEquals": "archived", "Next": "Archive" }
    /// ]
    /// ```
    pub(crate) static UNREACHABLE_CHOICE_RULE = {
        name: "unreachable-choice-rule",
        severity: Warning,
        aws_code: None,
        summary: "a Choice rule or Default that an earlier rule always pre-empts",
    }
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (_, state) in cx.machine.scope.all_states() {
        let StateKind::Choice(choice) = &state.kind else {
            continue;
        };
        // The first rule with each canonical test (a map: a Choice may have thousands).
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut catch_all: Option<usize> = None;
        for (i, rule) in choice.choices.iter().enumerate() {
            if let Some(j) = catch_all {
                out.push(
                    Diagnostic::new(
                        &UNREACHABLE_CHOICE_RULE,
                        rule.span,
                        format!(
                            "`Choices[{i}]` can never be chosen: `Choices[{j}]` always matches"
                        ),
                    )
                    .label(choice.choices[j].span, "always matches")
                    .help(format!(
                        "move `Choices[{j}]` to the end, or make it the `Default`"
                    ))
                    .pointer(rule.pointer.as_str()),
                );
                continue;
            }
            let key = canonical(rule);
            if let Some(j) = seen.get(&key) {
                out.push(
                    Diagnostic::new(
                        &UNREACHABLE_CHOICE_RULE,
                        rule.span,
                        format!("`Choices[{i}]` can never be chosen: `Choices[{j}]` has the same test and comes first"),
                    )
                    .label(choice.choices[*j].span, "same test")
                    .help("change the test, or remove the rule")
                    .pointer(rule.pointer.as_str()),
                );
            } else {
                seen.insert(key, i);
            }
            if always_true(rule) {
                catch_all = Some(i);
            }
        }
        if let (Some(j), Some(default)) = (catch_all, &choice.default) {
            out.push(
                Diagnostic::new(
                    &UNREACHABLE_CHOICE_RULE,
                    default.span,
                    format!("`Default` is never used: `Choices[{j}]` always matches"),
                )
                .label(choice.choices[j].span, "always matches")
                .help(format!(
                    "remove `Choices[{j}]` and let `Default` route everything else"
                ))
                .pointer(default.pointer.as_str()),
            );
        }
    }
}
