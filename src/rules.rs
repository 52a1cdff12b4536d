//! The registry of rules: every kind of finding the tool can report, in one alphabetical list,
//! and the checks that run over the typed AST.
//!
//! Findings about text and shape are reported while parsing ([`crate::syntax::codes`]) and
//! lowering ([`crate::ast::codes`]); they are listed here so that every name the tool can print
//! has documentation (`asl-lint explain NAME`) and can be selected or ignored.

use crate::CheckOptions;
use crate::analysis::Graph;
use crate::ast::StateMachine;
use crate::ast::codes as ast;
use crate::diagnostics::{Diagnostic, RuleMeta};
use crate::syntax::Format;
use crate::syntax::codes as syntax;

mod cycle_without_exit;
mod deep_nesting;
mod duplicate_state_name;
mod missing_terminal_state;
mod missing_transition_target;
mod unbounded_loop;
mod unreachable_loop;
mod unreachable_state;

/// Every rule, sorted by name.
pub static ALL: &[&RuleMeta] = &[
    &ast::CONFLICTING_FIELDS,
    &cycle_without_exit::CYCLE_WITHOUT_EXIT,
    &deep_nesting::DEEP_NESTING,
    &ast::DEFINITION_NOT_OBJECT,
    &ast::DEFINITION_TOO_LARGE,
    &ast::DEPRECATED_FIELD,
    &syntax::DUPLICATE_KEY,
    &duplicate_state_name::DUPLICATE_STATE_NAME,
    &syntax::EMPTY_DOCUMENT,
    &ast::INLINE_MAP_DISTRIBUTED_FIELD,
    &ast::INVALID_STATE_NAME,
    &ast::INVALID_TYPE,
    &syntax::INVALID_UTF8,
    &ast::INVALID_VALUE,
    &ast::MISSING_FIELD,
    &missing_terminal_state::MISSING_TERMINAL_STATE,
    &missing_transition_target::MISSING_TRANSITION_TARGET,
    &syntax::NESTING_TOO_DEEP,
    &ast::OUT_OF_RANGE,
    &ast::QUERY_LANGUAGE_MISMATCH,
    &syntax::SYNTAX_ERROR,
    &unbounded_loop::UNBOUNDED_LOOP,
    &ast::UNKNOWN_FIELD,
    &unreachable_loop::UNREACHABLE_LOOP,
    &unreachable_state::UNREACHABLE_STATE,
    &ast::UNSUPPORTED_FIELD,
    &syntax::YAML_ALIAS_LIMIT,
    &syntax::YAML_MULTIPLE_DOCUMENTS,
    &syntax::YAML_NON_JSON_VALUE,
    &syntax::YAML_NON_STRING_KEY,
    &syntax::YAML_TAG,
];

/// The rule called `name`.
pub fn find(name: &str) -> Option<&'static RuleMeta> {
    ALL.iter().copied().find(|r| r.name == name)
}

/// What a rule's check reads: the lowered machine, the text it came from (to point inside
/// strings), and the run's options.
pub struct Context<'a> {
    pub machine: &'a StateMachine,
    /// The state graph, built once per machine.
    pub graph: &'a Graph<'a>,
    pub text: &'a str,
    pub format: Format,
    pub options: &'a CheckOptions,
}

/// One rule's check: reads the context, pushes findings.
pub type Check = fn(&Context<'_>, &mut Vec<Diagnostic>);

/// The checks that run over a lowered machine, one per rule file under `src/rules/`. The
/// structural findings have already been reported by lowering.
static CHECKS: &[Check] = &[
    cycle_without_exit::check,
    deep_nesting::check,
    duplicate_state_name::check,
    missing_terminal_state::check,
    missing_transition_target::check,
    unbounded_loop::check,
    unreachable_loop::check,
    unreachable_state::check,
];

/// Runs every check over a lowered machine.
pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for check in CHECKS {
        check(cx, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_and_unique() {
        let names: Vec<&str> = ALL.iter().map(|r| r.name).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(names, sorted);
    }

    #[test]
    fn names_are_kebab_case_and_name_the_pattern() {
        for rule in ALL {
            assert!(
                rule.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{} is not kebab-case",
                rule.name
            );
            for prefix in ["no-", "check-", "disallow-"] {
                assert!(
                    !rule.name.starts_with(prefix),
                    "{} starts with {prefix}",
                    rule.name
                );
            }
        }
    }

    #[test]
    fn every_rule_is_documented_with_the_fixed_headings() {
        for rule in ALL {
            let docs = rule.docs_text();
            for heading in ["## What it does", "## Why is this bad?", "## Example"] {
                assert!(docs.contains(heading), "{} lacks `{heading}`", rule.name);
            }
            assert!(
                !rule.summary.is_empty() && !rule.summary.ends_with('.'),
                "{}: summary",
                rule.name
            );
        }
    }
}
