//! An `Assign` value or `Output` that reads a variable the same `Assign` sets: it sees the old
//! value (rules.md 5.11).
use std::collections::HashMap;

use super::Context;
use crate::analysis::NodeId;
use crate::analysis::variables::{AssignSite, Assignment, ReadIn};
use crate::declare_rule;
use crate::diagnostics::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Reports a read of `$x` in an `Assign` value of another key of the same `Assign`, or in
    /// the `Output` next to an `Assign` that sets `x` (the state's, a Catcher's, a Choice
    /// rule's; a Choice rule also sees the state-level `Assign`). A key reading its own old
    /// value (`"count": "{% $count + 1 %}"`) is the usual counter idiom and is not reported.
    ///
    /// ## Why is this bad?
    /// All expressions of an `Assign` and the `Output` of the same state are evaluated with the
    /// values variables had when the state was entered; the new values are visible only from
    /// the next state on (rules.md 5.11: "referencing a variable assigned in the same block
    /// reads the *old* value"). Reading `$x` next to its assignment usually expects the new
    /// value and gets the old one (or none, failing the state).
    ///
    /// ## Example
    /// ```json
    /// { "Assign": { "price": "{% $states.input.price %}", "total": "{% $price * 2 %}" } }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "Assign": { "price": "{% $states.input.price %}", "total": "{% $states.input.price * 2 %}" } }
    /// ```
    pub(crate) static SAME_STATE_VARIABLE_READ = {
        name: "same-state-variable-read",
        severity: Warning,
        aws_code: None,
        summary: "an `Assign` value or `Output` reads a variable the same `Assign` sets (the old value)",
    }
}

/// Whether an `Assign` at `assigned` is evaluated together with the field at `read`.
fn together(assigned: AssignSite, read: AssignSite) -> bool {
    assigned == read || (assigned == AssignSite::State && matches!(read, AssignSite::Choice(_)))
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for i in 0..cx.graph.node_count() {
        let vars = cx.variables.state(NodeId::new(i));
        if vars.reads.is_empty() {
            continue;
        }
        // The assignments of this state by name: a state may assign thousands of variables.
        let mut by_name: HashMap<&str, Vec<&Assignment<'_>>> = HashMap::new();
        for a in &vars.assigns {
            by_name.entry(a.name.as_str()).or_default().push(a);
        }
        for read in &vars.reads {
            let (site, own_key) = match &read.place {
                ReadIn::Assign { site, key } => (*site, Some(key.as_str())),
                ReadIn::Output(site) => (*site, None),
                ReadIn::Other => continue,
            };
            if own_key == Some(read.name.as_str()) {
                continue;
            }
            let Some(a) = by_name
                .get(read.name.as_str())
                .and_then(|same| same.iter().find(|a| together(a.site, site)))
            else {
                continue;
            };
            let field = if own_key.is_some() {
                "the same `Assign`"
            } else {
                "this state's `Output`"
            };
            out.push(
                Diagnostic::new(
                    &SAME_STATE_VARIABLE_READ,
                    read.span,
                    format!(
                        "`${}` is assigned in {} and read in {field}: this reads the value from before the state",
                        read.name,
                        a.site.field(),
                    ),
                )
                .primary_label("reads the old value")
                .label(a.key_span, "assigned here")
                .help("compute the value from the same source instead (for example `$states.input` or `$states.result`)")
                .pointer(read.pointer.as_str()),
            );
        }
    }
}
