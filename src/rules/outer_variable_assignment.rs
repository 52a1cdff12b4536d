//! Assigning, inside a Parallel branch or Map iteration, a variable the outer scope assigns
//! (rules.md 5.11).
use super::Context;
use crate::analysis::NodeId;
use crate::declare_rule;
use crate::diagnostics::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Reports an `Assign` key inside a Parallel branch or a Map item processor that names a
    /// variable some state of an enclosing scope assigns (up to a Distributed Map, whose child
    /// workflows have variables of their own).
    ///
    /// ## Why is this bad?
    /// Inner scopes can read outer variables but their assignments are not visible outside:
    /// the outer variable keeps its value, which is rarely what the author meant (return data
    /// with `Output` instead). rules.md 5.11 says AWS refuses to assign an outer-scope name from
    /// an inner scope, but the exact AWS error could not be verified, so this is a warning.
    ///
    /// ## Example
    /// ```json
    /// "Start": { "Type": "Pass", "Assign": { "total": 0 }, "Next": "Each" },
    /// "Each": { "Type": "Map", "ItemProcessor": { "StartAt": "Add", "States": {
    ///   "Add": { "Type": "Pass", "Assign": { "total": "{% $total + 1 %}" }, "End": true } } } }
    /// ```
    ///
    /// Use instead: return values with `Output` and assign in the Map state:
    /// ```json
    /// "Each": { "Type": "Map", "Assign": { "total": "{% $count($states.result) %}" } }
    /// ```
    pub(crate) static OUTER_VARIABLE_ASSIGNMENT = {
        name: "outer-variable-assignment",
        severity: Warning,
        aws_code: None,
        summary: "a Parallel branch or Map iteration assigns a variable of an enclosing scope",
    }
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for i in 0..cx.graph.node_count() {
        let node = NodeId::new(i);
        let scope = cx.graph.scope_of(node);
        let ancestors = cx.variables.readable_ancestors(cx.graph, scope);
        if ancestors.is_empty() {
            continue;
        }
        for a in &cx.variables.state(node).assigns {
            let outer = ancestors.iter().find_map(|&s| {
                cx.graph.scope(s).nodes.iter().find_map(|&n| {
                    cx.variables
                        .state(n)
                        .assigns
                        .iter()
                        .find(|o| o.name == a.name)
                        .map(|o| (n, o))
                })
            });
            let Some((outer_node, outer)) = outer else {
                continue;
            };
            out.push(
                Diagnostic::new(
                    &OUTER_VARIABLE_ASSIGNMENT,
                    a.key_span,
                    format!(
                        "`{}` is a variable of an enclosing scope (assigned in `{}`); it cannot be assigned {}",
                        a.name,
                        cx.graph.state(outer_node).name,
                        cx.graph.describe_scope(scope)
                    ),
                )
                .primary_label("assigns an outer variable")
                .label(outer.key_span, "assigned in the outer scope here")
                .help("use another name, or return the value with `Output` and assign it in the enclosing state")
                .pointer(a.pointer.as_str()),
            );
        }
    }
}
