//! Groups of rules, for `select` and `ignore` in the configuration and on the command line
//! (`--select choice`, `ignore = ["best-practice"]`). Every rule is in exactly one group; `all`
//! names every rule. A new rule is one line here.

/// Group name, then the names of its rules.
pub static GROUPS: &[(&str, &[&str])] = &[
    (
        "syntax",
        &[
            "duplicate-key",
            "empty-document",
            "invalid-utf8",
            "nesting-too-deep",
            "syntax-error",
            "yaml-alias-limit",
            "yaml-multiple-documents",
            "yaml-non-json-value",
            "yaml-non-string-key",
            "yaml-tag",
        ],
    ),
    (
        "structure",
        &[
            "conflicting-fields",
            "definition-not-object",
            "definition-too-large",
            "deprecated-field",
            "inline-map-distributed-field",
            "invalid-state-name",
            "invalid-type",
            "invalid-value",
            "missing-field",
            "out-of-range",
            "query-language-mismatch",
            "unknown-field",
            "unsupported-field",
        ],
    ),
    (
        "flow",
        &[
            "cycle-without-exit",
            "deep-nesting",
            "duplicate-state-name",
            "missing-terminal-state",
            "missing-transition-target",
            "unbounded-loop",
            "unreachable-loop",
            "unreachable-state",
        ],
    ),
    (
        "choice",
        &[
            "contradictory-choice-rule",
            "missing-choice-default",
            "string-matches-escape",
            "unreachable-choice-rule",
        ],
    ),
    (
        "error-handling",
        &[
            "ineffective-retrier",
            "misplaced-states-all",
            "shadowed-error-handler",
            "unknown-error-name",
            "unretriable-error",
        ],
    ),
    (
        "paths",
        &[
            "invalid-intrinsic",
            "invalid-path",
            "invalid-payload-template",
            "missing-dollar-suffix",
            "missing-task-token",
            "path-in-static-field",
            "static-pass-result",
            "unknown-context-field",
        ],
    ),
    (
        "resources",
        &[
            "http-task-fields",
            "invalid-resource",
            "invalid-role-arn",
            "non-arn-resource",
            "unknown-integration",
        ],
    ),
    (
        "express",
        &[
            "express-distributed-map",
            "express-duration-over-limit",
            "express-unsupported-integration",
        ],
    ),
    (
        "best-practice",
        &[
            "callback-without-heartbeat",
            "duration-over-limit",
            "heartbeat-exceeds-timeout",
            "lambda-without-retry",
            "payload-too-large",
            "task-without-timeout",
        ],
    ),
    (
        "templates",
        &[
            "definition-not-local",
            "undeclared-substitution",
            "unused-substitution",
        ],
    ),
    (
        "meta",
        &[
            "invalid-config",
            "unresolved-placeholder",
            "unused-suppression",
        ],
    ),
];

/// Rules that run only when selected by name or group (`extend-select`): style and policy
/// checks that many projects do not want.
pub static OPT_IN: &[&str] = &["lambda-without-retry", "unresolved-placeholder"];

/// The rules of group `name`, or `None` when there is no such group.
pub fn group(name: &str) -> Option<&'static [&'static str]> {
    GROUPS
        .iter()
        .find(|(g, _)| *g == name)
        .map(|(_, rules)| *rules)
}
