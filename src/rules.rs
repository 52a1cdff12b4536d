//! The registry of rules: every kind of finding the tool can report, in one alphabetical list,
//! and the checks that run over the typed AST.
//!
//! Findings about text and shape are reported while parsing ([`crate::syntax::codes`]) and
//! lowering ([`crate::ast::codes`]); they are listed here so that every name the tool can print
//! has documentation (`asl-lint explain NAME`) and can be selected or ignored.

mod callback_without_heartbeat;
mod choice_logic;
mod contradictory_choice_rule;
mod cycle_without_exit;
mod deep_nesting;
pub mod docs;
mod duplicate_state_name;
mod duration_over_limit;
mod durations;
mod errors;
mod express_distributed_map;
mod express_duration_over_limit;
mod express_unsupported_integration;
pub mod groups;
mod heartbeat_exceeds_timeout;
mod http_task_fields;
mod ineffective_retrier;
mod invalid_intrinsic;
mod invalid_jsonata;
mod invalid_path;
mod invalid_payload_template;
mod invalid_resource;
mod invalid_role_arn;
mod invalid_variable_name;
mod jsonata_function_arguments;
mod jsonata_sites;
mod jsonata_top_level_reference;
mod lambda_without_retry;
pub mod meta;
mod misplaced_states_all;
mod missing_choice_default;
mod missing_dollar_suffix;
mod missing_task_token;
mod missing_terminal_state;
mod missing_transition_target;
mod non_arn_resource;
mod outer_variable_assignment;
mod path_in_static_field;
mod payload_too_large;
mod same_state_variable_read;
pub mod selection;
mod shadowed_error_handler;
mod sites;
mod state_machine_encryption;
mod state_machine_logging;
mod state_machine_tracing;
mod static_pass_result;
mod string_matches_escape;
mod task_without_timeout;
mod unavailable_states_field;
mod unbounded_loop;
mod unclosed_jsonata;
mod undefined_variable;
mod unevaluated_jsonata;
mod unknown_context_field;
mod unknown_error_name;
mod unknown_integration;
mod unknown_jsonata_function;
mod unreachable_choice_rule;
mod unreachable_loop;
mod unreachable_state;
mod unresolved_placeholder;
mod unretriable_error;
mod unused_variable;
mod variable_analysis_limit;

use crate::CheckOptions;
use crate::analysis::Graph;
use crate::ast::StateMachine;
use crate::ast::codes as ast;
use crate::diagnostics::{Diagnostic, RuleMeta};
use crate::iac::codes as iac;
use crate::syntax::codes as syntax;
use crate::syntax::{Format, Node};
pub use selection::RuleSettings;

/// Every rule, sorted by name.
pub static ALL: &[&RuleMeta] = &[
    &callback_without_heartbeat::CALLBACK_WITHOUT_HEARTBEAT,
    &ast::CONFLICTING_FIELDS,
    &contradictory_choice_rule::CONTRADICTORY_CHOICE_RULE,
    &cycle_without_exit::CYCLE_WITHOUT_EXIT,
    &deep_nesting::DEEP_NESTING,
    &iac::DEFINITION_NOT_LOCAL,
    &ast::DEFINITION_NOT_OBJECT,
    &ast::DEFINITION_TOO_LARGE,
    &ast::DEPRECATED_FIELD,
    &syntax::DUPLICATE_KEY,
    &duplicate_state_name::DUPLICATE_STATE_NAME,
    &duration_over_limit::DURATION_OVER_LIMIT,
    &syntax::EMPTY_DOCUMENT,
    &express_distributed_map::EXPRESS_DISTRIBUTED_MAP,
    &express_duration_over_limit::EXPRESS_DURATION_OVER_LIMIT,
    &express_unsupported_integration::EXPRESS_UNSUPPORTED_INTEGRATION,
    &heartbeat_exceeds_timeout::HEARTBEAT_EXCEEDS_TIMEOUT,
    &http_task_fields::HTTP_TASK_FIELDS,
    &ineffective_retrier::INEFFECTIVE_RETRIER,
    &ast::INLINE_MAP_DISTRIBUTED_FIELD,
    &meta::INVALID_CONFIG,
    &invalid_intrinsic::INVALID_INTRINSIC,
    &invalid_jsonata::INVALID_JSONATA,
    &invalid_path::INVALID_PATH,
    &invalid_payload_template::INVALID_PAYLOAD_TEMPLATE,
    &invalid_resource::INVALID_RESOURCE,
    &invalid_role_arn::INVALID_ROLE_ARN,
    &ast::INVALID_STATE_NAME,
    &ast::INVALID_TYPE,
    &syntax::INVALID_UTF8,
    &ast::INVALID_VALUE,
    &invalid_variable_name::INVALID_VARIABLE_NAME,
    &jsonata_function_arguments::JSONATA_FUNCTION_ARGUMENTS,
    &jsonata_top_level_reference::JSONATA_TOP_LEVEL_REFERENCE,
    &lambda_without_retry::LAMBDA_WITHOUT_RETRY,
    &misplaced_states_all::MISPLACED_STATES_ALL,
    &missing_choice_default::MISSING_CHOICE_DEFAULT,
    &missing_dollar_suffix::MISSING_DOLLAR_SUFFIX,
    &ast::MISSING_FIELD,
    &missing_task_token::MISSING_TASK_TOKEN,
    &missing_terminal_state::MISSING_TERMINAL_STATE,
    &missing_transition_target::MISSING_TRANSITION_TARGET,
    &syntax::NESTING_TOO_DEEP,
    &non_arn_resource::NON_ARN_RESOURCE,
    &ast::OUT_OF_RANGE,
    &outer_variable_assignment::OUTER_VARIABLE_ASSIGNMENT,
    &path_in_static_field::PATH_IN_STATIC_FIELD,
    &payload_too_large::PAYLOAD_TOO_LARGE,
    &ast::QUERY_LANGUAGE_MISMATCH,
    &same_state_variable_read::SAME_STATE_VARIABLE_READ,
    &shadowed_error_handler::SHADOWED_ERROR_HANDLER,
    &state_machine_encryption::STATE_MACHINE_ENCRYPTION,
    &state_machine_logging::STATE_MACHINE_LOGGING,
    &state_machine_tracing::STATE_MACHINE_TRACING,
    &static_pass_result::STATIC_PASS_RESULT,
    &string_matches_escape::STRING_MATCHES_ESCAPE,
    &syntax::SYNTAX_ERROR,
    &task_without_timeout::TASK_WITHOUT_TIMEOUT,
    &ast::TOO_MANY_CHOICE_RULES,
    &ast::TOO_MANY_STATES,
    &syntax::TOO_MANY_VALUES,
    &unavailable_states_field::UNAVAILABLE_STATES_FIELD,
    &unbounded_loop::UNBOUNDED_LOOP,
    &unclosed_jsonata::UNCLOSED_JSONATA,
    &iac::UNDECLARED_SUBSTITUTION,
    &undefined_variable::UNDEFINED_VARIABLE,
    &unevaluated_jsonata::UNEVALUATED_JSONATA,
    &unknown_context_field::UNKNOWN_CONTEXT_FIELD,
    &unknown_error_name::UNKNOWN_ERROR_NAME,
    &ast::UNKNOWN_FIELD,
    &unknown_integration::UNKNOWN_INTEGRATION,
    &unknown_jsonata_function::UNKNOWN_JSONATA_FUNCTION,
    &unreachable_choice_rule::UNREACHABLE_CHOICE_RULE,
    &unreachable_loop::UNREACHABLE_LOOP,
    &unreachable_state::UNREACHABLE_STATE,
    &unresolved_placeholder::UNRESOLVED_PLACEHOLDER,
    &unretriable_error::UNRETRIABLE_ERROR,
    &ast::UNSUPPORTED_FIELD,
    &iac::UNUSED_SUBSTITUTION,
    &meta::UNUSED_SUPPRESSION,
    &unused_variable::UNUSED_VARIABLE,
    &variable_analysis_limit::VARIABLE_ANALYSIS_LIMIT,
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
    /// The state graph, built once per machine.
    pub graph: &'a Graph<'a>,
    /// Workflow variables: assignments, reads and what is defined where, computed once.
    pub variables: &'a crate::analysis::variables::Variables<'a>,
    pub text: &'a str,
    pub format: Format,
    pub options: &'a CheckOptions,
}

/// One rule's check: reads the context, pushes findings.
pub type Check = fn(&Context<'_>, &mut Vec<Diagnostic>);

/// The checks that run over a lowered machine, one per rule file under `src/rules/`. The
/// structural findings have already been reported by lowering.
static CHECKS: &[Check] = &[
    callback_without_heartbeat::check,
    contradictory_choice_rule::check,
    cycle_without_exit::check,
    deep_nesting::check,
    duplicate_state_name::check,
    duration_over_limit::check,
    express_distributed_map::check,
    express_duration_over_limit::check,
    express_unsupported_integration::check,
    heartbeat_exceeds_timeout::check,
    http_task_fields::check,
    ineffective_retrier::check,
    invalid_intrinsic::check,
    invalid_jsonata::check,
    invalid_path::check,
    invalid_payload_template::check,
    invalid_resource::check,
    invalid_role_arn::check,
    invalid_variable_name::check,
    jsonata_function_arguments::check,
    jsonata_top_level_reference::check,
    lambda_without_retry::check,
    misplaced_states_all::check,
    missing_choice_default::check,
    missing_dollar_suffix::check,
    missing_task_token::check,
    missing_terminal_state::check,
    missing_transition_target::check,
    non_arn_resource::check,
    outer_variable_assignment::check,
    path_in_static_field::check,
    payload_too_large::check,
    same_state_variable_read::check,
    shadowed_error_handler::check,
    static_pass_result::check,
    string_matches_escape::check,
    task_without_timeout::check,
    unavailable_states_field::check,
    unbounded_loop::check,
    unclosed_jsonata::check,
    undefined_variable::check,
    unevaluated_jsonata::check,
    unknown_context_field::check,
    unknown_error_name::check,
    unknown_integration::check,
    unknown_jsonata_function::check,
    unreachable_choice_rule::check,
    unreachable_loop::check,
    unreachable_state::check,
    unresolved_placeholder::check,
    unretriable_error::check,
    unused_variable::check,
    variable_analysis_limit::check,
];

/// Runs every check over a lowered machine.
pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for check in CHECKS {
        check(cx, out);
    }
}

/// One check of a template's state machine resource (its settings, not its definition).
pub type ResourceCheck = fn(&crate::iac::settings::Resource, &mut Vec<Diagnostic>);

/// The checks that run once per state machine resource of a template (`resource-config`).
static RESOURCE_CHECKS: &[ResourceCheck] = &[
    state_machine_encryption::check,
    state_machine_logging::check,
    state_machine_tracing::check,
];

/// Runs every resource check over one state machine resource of a template.
pub fn check_resource(resource: &crate::iac::settings::Resource, out: &mut Vec<Diagnostic>) {
    for check in RESOURCE_CHECKS {
        check(resource, out);
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
