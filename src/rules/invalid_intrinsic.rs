//! Intrinsic function calls that AWS rejects or that fail on every run (rules.md 5.9).
use super::Context;
use super::sites::{Site, SiteKind, sites};
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::lang::intrinsic::{self, ExprKind};

declare_rule! {
    /// ## What it does
    /// Parses every intrinsic function call (the value of a `.$` key in a payload template, or
    /// `ErrorPath` / `CausePath` of a Fail state) and checks it against the signatures of the
    /// 18 `States.*` functions: unknown names (with a suggestion), the number of arguments, the
    /// types of literal arguments and of nested calls, at most 10 nested calls, the number of `{}`
    /// in a literal `States.Format` template, `States.ArrayRange` steps and sizes, `States.Hash`
    /// algorithms and `States.JsonMerge`'s third argument. `ErrorPath` and `CausePath` take only
    /// string-returning functions: `States.Format`, `States.JsonToString`, `States.ArrayGetItem`,
    /// `States.Base64Encode`, `States.Base64Decode`, `States.Hash` and `States.UUID`.
    ///
    /// ## Why is this bad?
    /// AWS rejects a call it cannot parse or does not know (SCHEMA_VALIDATION_FAILED, "The value
    /// for the field 'x.$' must be a valid JSONPath or a valid intrinsic function call"); a call
    /// with literal arguments of the wrong type fails every run with `States.IntrinsicFailure`
    /// (rules.md 5.9). String arguments use single quotes; `'`, `{`, `}` and `\` inside them are
    /// escaped with a backslash.
    ///
    /// ## Example
    /// ```json
    /// { "Parameters": { "greeting.$": "States.Format('Hello {} {}', $.name)" } }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "Parameters": { "greeting.$": "States.Format('Hello {} {}', $.first, $.last)" } }
    /// ```
    pub(crate) static INVALID_INTRINSIC = {
        name: "invalid-intrinsic",
        severity: Error,
        aws_code: Some("SCHEMA_VALIDATION_FAILED"),
        summary: "an intrinsic function call that does not parse or does not match its function's signature",
    }
}

/// The functions whose result is a string (rules.md 5.9), the only ones `ErrorPath` and
/// `CausePath` accept.
const STRING_FUNCTIONS: &[&str] = &[
    "States.Format",
    "States.JsonToString",
    "States.ArrayGetItem",
    "States.Base64Encode",
    "States.Base64Decode",
    "States.Hash",
    "States.UUID",
];

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for site in sites(cx.machine) {
        if !matches!(site.kind, SiteKind::Dynamic | SiteKind::ErrorPath) || !is_call(&site) {
            continue;
        }
        let expr = match intrinsic::parse(site.value) {
            Ok(expr) => expr,
            Err(error) => {
                report(cx, &site, error, "invalid intrinsic function call", out);
                continue;
            }
        };
        for error in intrinsic::check(&expr) {
            report(cx, &site, error, "in this call", out);
        }
        if site.kind == SiteKind::ErrorPath
            && let ExprKind::Call(call) = &expr.kind
            && intrinsic::signature(&call.name).is_some()
            && !STRING_FUNCTIONS.contains(&call.name.as_str())
        {
            let error = intrinsic::Error {
                range: call.name_range.clone(),
                message: format!(
                    "`{}` takes only a function that returns a string, found `{}`",
                    site.field, call.name
                ),
            };
            report(cx, &site, error, "here", out);
        }
    }
}

/// Text the intrinsic rule owns: it does not start with `$` and starts like a function name.
/// (Other text is reported by the payload-template rule.)
fn is_call(site: &Site<'_>) -> bool {
    let v = site.value.trim_start();
    site.is_call() && v.starts_with(|c: char| c.is_ascii_alphabetic()) && v.contains('(')
}

fn report(
    cx: &Context<'_>,
    site: &Site<'_>,
    error: intrinsic::Error,
    context: &str,
    out: &mut Vec<Diagnostic>,
) {
    let label = error
        .message
        .split(';')
        .next()
        .unwrap_or(&error.message)
        .to_string();
    let mut d = Diagnostic::new(
        &INVALID_INTRINSIC,
        site.span_of(cx, error.range.clone()),
        format!("`{}`: {}", site.field, error.message),
    )
    .primary_label(if label.len() < 60 {
        label
    } else {
        context.to_string()
    })
    .pointer(site.pointer.as_str());
    if error.message.contains("single quotes") || error.message.contains("unclosed string") {
        d = d.help(
            "write strings in single quotes and escape `'`, `{`, `}` and `\\` with a backslash",
        );
    }
    out.push(d);
}
