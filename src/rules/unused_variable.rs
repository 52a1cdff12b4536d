//! Variables assigned and never read where they are visible (rules.md 5.11).
use super::Context;
use crate::analysis::NodeId;
use crate::declare_rule;
use crate::diagnostics::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Reports an `Assign` key whose variable is read nowhere it is visible: not in any state
    /// of the scope that assigns it, nor in the Parallel branches and inline Map iterations
    /// nested in that scope. Reads in expressions that do not parse still count.
    ///
    /// ## Why is this bad?
    /// An unused variable is dead code, or a sign that a read is misspelt or sits in a scope
    /// that cannot see it (a variable assigned in a branch is not visible after the Parallel
    /// state). Variables also count toward the execution's size limits (rules.md 5.11).
    ///
    /// ## Example
    /// ```json
    /// "Start": { "Type": "Pass", "Assign": { "orderId": "{% $states.input.id %}" }, "End": true }
    /// ```
    ///
    /// Use instead: read `$orderId` in a later state, or remove the assignment.
    pub(crate) static UNUSED_VARIABLE = {
        name: "unused-variable",
        severity: Warning,
        aws_code: None,
        summary: "a variable that is assigned but never read",
    }
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for i in 0..cx.graph.node_count() {
        let node = NodeId::new(i);
        let scope = cx.graph.scope_of(node);
        for a in &cx.variables.state(node).assigns {
            // An invalid name is reported by `invalid-variable-name` (and cannot be read).
            if cx.variables.is_used(scope, &a.name)
                || a.key.contains("${")
                || super::invalid_variable_name::problem(&a.name).is_some()
            {
                continue;
            }
            out.push(
                Diagnostic::new(
                    &UNUSED_VARIABLE,
                    a.key_span,
                    format!(
                        "variable `{}` is assigned but never read {}",
                        a.name,
                        cx.graph.describe_scope(scope)
                    ),
                )
                .primary_label("never read")
                .help(
                    "read it as `$".to_string()
                        + &a.name
                        + "` in a later state, or remove the assignment",
                )
                .pointer(a.pointer.as_str()),
            );
        }
    }
}
