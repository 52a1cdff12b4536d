//! The registry of rules: every kind of finding the tool can report, in one alphabetical list,
//! and the checks that run over the typed AST.
//!
//! Findings about text and shape are reported while parsing ([`crate::syntax::codes`]) and
//! lowering ([`crate::ast::codes`]); they are listed here so that every name the tool can print
//! has documentation (`asl-lint explain NAME`) and can be selected or ignored.

mod choice_logic;
mod contradictory_choice_rule;
mod errors;
pub mod groups;
mod ineffective_retrier;
mod invalid_intrinsic;
mod invalid_path;
mod invalid_payload_template;
pub mod meta;
mod misplaced_states_all;
mod missing_choice_default;
mod missing_dollar_suffix;
mod missing_task_token;
mod path_in_static_field;
pub mod selection;
mod shadowed_error_handler;
mod sites;
mod static_pass_result;
mod string_matches_escape;
mod unknown_context_field;
mod unknown_error_name;
mod unreachable_choice_rule;
mod unresolved_placeholder;
mod unretriable_error;

use crate::CheckOptions;
use crate::ast::StateMachine;
use crate::ast::codes as ast;
use crate::diagnostics::{Diagnostic, RuleMeta};
use crate::syntax::codes as syntax;
use crate::syntax::{Format, Node};
pub use selection::RuleSettings;

/// Every rule, sorted by name.
pub static ALL: &[&RuleMeta] = &[
    &ast::CONFLICTING_FIELDS,
    &contradictory_choice_rule::CONTRADICTORY_CHOICE_RULE,
    &ast::DEFINITION_NOT_OBJECT,
    &ast::DEFINITION_TOO_LARGE,
    &ast::DEPRECATED_FIELD,
    &syntax::DUPLICATE_KEY,
    &syntax::EMPTY_DOCUMENT,
    &ineffective_retrier::INEFFECTIVE_RETRIER,
    &ast::INLINE_MAP_DISTRIBUTED_FIELD,
    &meta::INVALID_CONFIG,
    &invalid_intrinsic::INVALID_INTRINSIC,
    &invalid_path::INVALID_PATH,
    &invalid_payload_template::INVALID_PAYLOAD_TEMPLATE,
    &ast::INVALID_STATE_NAME,
    &ast::INVALID_TYPE,
    &syntax::INVALID_UTF8,
    &ast::INVALID_VALUE,
    &misplaced_states_all::MISPLACED_STATES_ALL,
    &missing_choice_default::MISSING_CHOICE_DEFAULT,
    &missing_dollar_suffix::MISSING_DOLLAR_SUFFIX,
    &ast::MISSING_FIELD,
    &missing_task_token::MISSING_TASK_TOKEN,
    &syntax::NESTING_TOO_DEEP,
    &ast::OUT_OF_RANGE,
    &path_in_static_field::PATH_IN_STATIC_FIELD,
    &ast::QUERY_LANGUAGE_MISMATCH,
    &shadowed_error_handler::SHADOWED_ERROR_HANDLER,
    &static_pass_result::STATIC_PASS_RESULT,
    &string_matches_escape::STRING_MATCHES_ESCAPE,
    &syntax::SYNTAX_ERROR,
    &unknown_context_field::UNKNOWN_CONTEXT_FIELD,
    &unknown_error_name::UNKNOWN_ERROR_NAME,
    &ast::UNKNOWN_FIELD,
    &unreachable_choice_rule::UNREACHABLE_CHOICE_RULE,
    &unresolved_placeholder::UNRESOLVED_PLACEHOLDER,
    &unretriable_error::UNRETRIABLE_ERROR,
    &ast::UNSUPPORTED_FIELD,
    &meta::UNUSED_SUPPRESSION,
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
    /// The syntax tree the machine was lowered from.
    pub root: &'a Node,
    pub text: &'a str,
    pub format: Format,
    pub options: &'a CheckOptions,
}

/// One rule's check: reads the context, pushes findings.
pub type Check = fn(&Context<'_>, &mut Vec<Diagnostic>);

/// The checks that run over a lowered machine, one per rule file under `src/rules/`. The
/// structural findings have already been reported by lowering.
static CHECKS: &[Check] = &[
    contradictory_choice_rule::check,
    ineffective_retrier::check,
    invalid_intrinsic::check,
    invalid_path::check,
    invalid_payload_template::check,
    misplaced_states_all::check,
    missing_choice_default::check,
    missing_dollar_suffix::check,
    missing_task_token::check,
    path_in_static_field::check,
    shadowed_error_handler::check,
    static_pass_result::check,
    string_matches_escape::check,
    unknown_context_field::check,
    unknown_error_name::check,
    unreachable_choice_rule::check,
    unresolved_placeholder::check,
    unretriable_error::check,
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
