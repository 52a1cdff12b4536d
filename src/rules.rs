//! The registry of rules: every kind of finding the tool can report, in one alphabetical list,
//! and the checks that run over the typed AST.
//!
//! Findings about text and shape are reported while parsing ([`crate::syntax::codes`]) and
//! lowering ([`crate::ast::codes`]); they are listed here so that every name the tool can print
//! has documentation (`asl-lint explain NAME`) and can be selected or ignored.

use crate::CheckOptions;
use crate::ast::StateMachine;
use crate::ast::codes as ast;
use crate::diagnostics::{Diagnostic, RuleMeta};
use crate::syntax::Format;
use crate::syntax::codes as syntax;

mod callback_without_heartbeat;
mod duration_over_limit;
mod express_distributed_map;
mod express_duration_over_limit;
mod express_unsupported_integration;
mod heartbeat_exceeds_timeout;
mod http_task_fields;
mod invalid_resource;
mod invalid_role_arn;
mod lambda_without_retry;
mod payload_too_large;
mod task_without_timeout;
mod unknown_integration;

/// Every rule, sorted by name.
pub static ALL: &[&RuleMeta] = &[
    &callback_without_heartbeat::CALLBACK_WITHOUT_HEARTBEAT,
    &ast::CONFLICTING_FIELDS,
    &ast::DEFINITION_NOT_OBJECT,
    &ast::DEFINITION_TOO_LARGE,
    &ast::DEPRECATED_FIELD,
    &syntax::DUPLICATE_KEY,
    &duration_over_limit::DURATION_OVER_LIMIT,
    &syntax::EMPTY_DOCUMENT,
    &express_distributed_map::EXPRESS_DISTRIBUTED_MAP,
    &express_duration_over_limit::EXPRESS_DURATION_OVER_LIMIT,
    &express_unsupported_integration::EXPRESS_UNSUPPORTED_INTEGRATION,
    &heartbeat_exceeds_timeout::HEARTBEAT_EXCEEDS_TIMEOUT,
    &http_task_fields::HTTP_TASK_FIELDS,
    &ast::INLINE_MAP_DISTRIBUTED_FIELD,
    &invalid_resource::INVALID_RESOURCE,
    &invalid_role_arn::INVALID_ROLE_ARN,
    &ast::INVALID_STATE_NAME,
    &ast::INVALID_TYPE,
    &syntax::INVALID_UTF8,
    &ast::INVALID_VALUE,
    &lambda_without_retry::LAMBDA_WITHOUT_RETRY,
    &ast::MISSING_FIELD,
    &syntax::NESTING_TOO_DEEP,
    &ast::OUT_OF_RANGE,
    &payload_too_large::PAYLOAD_TOO_LARGE,
    &ast::QUERY_LANGUAGE_MISMATCH,
    &syntax::SYNTAX_ERROR,
    &task_without_timeout::TASK_WITHOUT_TIMEOUT,
    &ast::UNKNOWN_FIELD,
    &unknown_integration::UNKNOWN_INTEGRATION,
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
    duration_over_limit::check,
    express_distributed_map::check,
    express_duration_over_limit::check,
    express_unsupported_integration::check,
    heartbeat_exceeds_timeout::check,
    http_task_fields::check,
    invalid_resource::check,
    invalid_role_arn::check,
    lambda_without_retry::check,
    payload_too_large::check,
    task_without_timeout::check,
    unknown_integration::check,
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
