//! Findings about the tool's own inputs: the configuration file and suppression comments. They
//! are reported by [`crate::config`] and [`crate::suppress`]; their documentation lives here.

use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports problems in `asl-lint.toml` (or `[tool.asl-lint]` in `pyproject.toml`): TOML
    /// syntax errors, unknown keys, values of the wrong type, and unknown rule or group names in
    /// `select`, `ignore`, `extend-select`, `[severity]` and `[per-file-ignores]`.
    ///
    /// ## Why is this bad?
    /// A misspelt key or rule name would otherwise be ignored silently, and the linter would not
    /// run the way the file says. The run stops with exit status 2.
    ///
    /// ## Example
    /// ```toml
    /// ignore = ["missing-choice-defualt"]
    /// ```
    ///
    /// Use instead:
    /// ```toml
    /// ignore = ["missing-choice-default"]
    /// ```
    pub static INVALID_CONFIG = {
        name: "invalid-config",
        severity: Error,
        aws_code: None,
        summary: "a configuration file that cannot be used as written",
    }
}

declare_rule! {
    /// ## What it does
    /// Reports suppression directives (`# asl-lint: ignore[rule]` in YAML, or
    /// `asl-lint: ignore[rule]` in a state's `Comment`) that suppressed nothing, and directives
    /// that name no rule.
    ///
    /// ## Why is this bad?
    /// A directive that no longer matches a finding hides nothing today but will hide the next
    /// real problem of that kind; a misspelt rule name suppresses nothing at all.
    ///
    /// ## Example
    /// ```yaml
    /// Wait:  # asl-lint: ignore[missing-choice-default]
    ///   Type: Wait
    ///   Seconds: 5
    ///   End: true
    /// ```
    ///
    /// Use instead: remove the directive.
    /// ```yaml
    /// Wait:
    ///   Type: Wait
    ///   Seconds: 5
    ///   End: true
    /// ```
    pub static UNUSED_SUPPRESSION = {
        name: "unused-suppression",
        severity: Warning,
        aws_code: None,
        summary: "a suppression directive that suppresses nothing",
    }
}
