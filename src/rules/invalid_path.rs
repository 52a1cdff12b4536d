//! Paths that AWS rejects: syntax, Reference Path restrictions, ResultPath roots (rules.md 5.8).
use super::Context;
use super::sites::{Site, SiteKind, sites};
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::lang::intrinsic::looks_like_call;
use crate::lang::path::{self, PathError, PathKind, Root};

declare_rule! {
    /// ## What it does
    /// Checks every path of a JSONPath state: `InputPath` and `OutputPath` (Paths); `ResultPath`,
    /// `ItemsPath`, `*SecondsPath`, `TimestampPath`, `MaxConcurrencyPath`, `Tolerated*Path`,
    /// `MaxItemsPath`, the ItemBatcher `*Path` fields, Choice `Variable` and `*Path` operands
    /// (Reference Paths); `ErrorPath` and `CausePath`; and the values of `.$` keys in payload
    /// templates. The finding points at the offending character inside the string.
    ///
    /// ## Why is this bad?
    /// AWS rejects the definition (SCHEMA_VALIDATION_FAILED). A path starts with `$` (the input),
    /// `$$` (the Context object) or `$name` (a variable). Reference Paths name a single value, so
    /// they cannot use `..`, `*`, `?`, `@`, `,` or `:` (rules.md 5.8, ASL specification).
    /// `ResultPath` writes into the state's input: it cannot start with `$$` or name a variable.
    /// Names with dashes and non-ASCII letters are fine (`$.detail-type`).
    ///
    /// ## Example
    /// ```json
    /// { "Type": "Pass", "ResultPath": "$.items[*]", "End": true }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "Type": "Pass", "ResultPath": "$.items", "End": true }
    /// ```
    pub(crate) static INVALID_PATH = {
        name: "invalid-path",
        severity: Error,
        aws_code: Some("SCHEMA_VALIDATION_FAILED"),
        summary: "a path field or `.$` value that is not a valid JSONPath for its field",
    }
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for site in sites(cx.machine) {
        if let Some(error) = problem(&site) {
            report(cx, &site, error, out);
        }
    }
}

fn problem(site: &Site<'_>) -> Option<PathError> {
    let kind = match site.kind {
        SiteKind::Path => PathKind::Path,
        SiteKind::Reference | SiteKind::ResultPath => PathKind::Reference,
        // Calls are the intrinsic rule's business, other non-path text in templates the
        // payload-template rule's.
        SiteKind::ErrorPath if site.is_call() && starts_like_call(site.value) => return None,
        SiteKind::Dynamic if site.is_call() => return None,
        SiteKind::ErrorPath | SiteKind::Dynamic => PathKind::Path,
    };
    if site.is_call() && looks_like_call(site.value) {
        let start = site.value.len() - site.value.trim_start().len();
        let end = site.value.find('(').unwrap_or(site.value.len());
        return Some(PathError {
            range: start..end,
            message: "intrinsic functions are not allowed here".to_string(),
        });
    }
    let parsed = match path::parse(site.value, kind) {
        Ok(parsed) => parsed,
        Err(error) => return Some(error),
    };
    if site.kind != SiteKind::ResultPath {
        return None;
    }
    let root_len = site.value.len() - site.value.trim_start().len();
    match parsed.root {
        Root::Input => None,
        Root::Context => Some(PathError {
            range: root_len..root_len + 2,
            message: "`ResultPath` cannot write into the Context object `$$`".to_string(),
        }),
        Root::Variable(name) => Some(PathError {
            range: root_len..root_len + 1 + name.len(),
            message: format!("`ResultPath` cannot write into the variable `${name}`"),
        }),
    }
}

/// Starts with a letter and has a `(`: the intrinsic rule parses it.
fn starts_like_call(value: &str) -> bool {
    let v = value.trim_start();
    v.starts_with(|c: char| c.is_ascii_alphabetic()) && v.contains('(')
}

fn report(cx: &Context<'_>, site: &Site<'_>, error: PathError, out: &mut Vec<Diagnostic>) {
    let what = match site.kind {
        SiteKind::Path => "a path",
        SiteKind::Reference | SiteKind::ResultPath => "a reference path",
        SiteKind::ErrorPath => "a path or an intrinsic function call",
        SiteKind::Dynamic => "a valid JSONPath or a valid intrinsic function call",
    };
    let help = match site.kind {
        SiteKind::ResultPath if error.message.contains("cannot write") => {
            "`ResultPath` takes a path starting with `$`; store values in variables with `Assign`"
        }
        SiteKind::Reference | SiteKind::ResultPath => {
            "a reference path names one value: `$.field`, `$['field']`, `$.list[0]`"
        }
        _ => {
            "paths look like `$.field`, `$['a b']`, `$.list[0]`, `$$.Execution.Id` or `$variable.field`"
        }
    };
    out.push(
        Diagnostic::new(
            &INVALID_PATH,
            site.span_of(cx, error.range.clone()),
            format!("`{}` must be {what}: {}", site.field, error.message),
        )
        .primary_label(short_label(&error.message))
        .help(help)
        .pointer(site.pointer.as_str()),
    );
}

fn short_label(message: &str) -> String {
    message.split(';').next().unwrap_or(message).to_string()
}
