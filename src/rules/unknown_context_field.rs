//! Context-object paths that name a field the Context object does not have (rules.md 5.8).
use super::Context;
use super::sites::{Site, SiteKind, sites};
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::lang::intrinsic::{self, ExprKind};
use crate::lang::path::{self, Path, PathKind};
use crate::suggest::closest;

declare_rule! {
    /// ## What it does
    /// Checks `$$.…` paths of JSONPath states (in path fields, `.$` values and intrinsic call
    /// arguments) against the fields of the Context object: `Execution` (`Id`, `Input`, `Name`,
    /// `RoleArn`, `StartTime`, `RedriveCount`, `RedriveTime`), `State` (`EnteredTime`, `Name`,
    /// `RetryCount`), `StateMachine` (`Id`, `Name`), `Task` (`Token`) and `Map.Item` (`Index`,
    /// `Value`, `Key`, `Source`).
    ///
    /// ## Why is this bad?
    /// A path to a field that does not exist fails the state at run time (`States.Runtime`).
    /// AWS adds Context fields from time to time, so this is a warning (rules.md 5.8).
    ///
    /// ## Example
    /// ```json
    /// { "Parameters": { "token.$": "$$.Task.TaskToken" } }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "Parameters": { "token.$": "$$.Task.Token" } }
    /// ```
    pub(crate) static UNKNOWN_CONTEXT_FIELD = {
        name: "unknown-context-field",
        severity: Warning,
        aws_code: None,
        summary: "a `$$.` path to a field the Context object does not have",
    }
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for site in sites(cx.machine) {
        // A `$$` ResultPath is already an error (`invalid-path`).
        if !site.value.contains("$$") || site.kind == SiteKind::ResultPath {
            continue;
        }
        if site.is_call() {
            let Ok(expr) = intrinsic::parse(site.value) else {
                continue;
            };
            let mut stack = vec![&expr];
            while let Some(e) = stack.pop() {
                match &e.kind {
                    ExprKind::Path(p) => report(cx, &site, p, e.range.start, out),
                    ExprKind::Call(call) => stack.extend(call.args.iter()),
                    _ => {}
                }
            }
        } else if let Ok(p) = path::parse(site.value, PathKind::Path) {
            report(cx, &site, &p, 0, out);
        }
    }
}

fn report(cx: &Context<'_>, site: &Site<'_>, p: &Path, base: usize, out: &mut Vec<Diagnostic>) {
    let Some((range, name, candidates)) = path::unknown_context_field(p) else {
        return;
    };
    let mut d = Diagnostic::new(
        &UNKNOWN_CONTEXT_FIELD,
        site.span_of(cx, base + range.start..base + range.end),
        format!("the Context object has no field `{name}` here"),
    )
    .primary_label("unknown Context field")
    .pointer(site.pointer.as_str());
    d = match closest(name, candidates.iter().copied()) {
        Some(c) => d.help(format!("did you mean `{c}`?")),
        None => d.help(format!("fields here: `{}`", candidates.join("`, `"))),
    };
    out.push(d);
}
