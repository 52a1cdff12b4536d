//! DOT and Mermaid drawings of the state graph (`asl-lint graph`).
//!
//! Both formats draw the same picture: each scope's states, with the scopes of Parallel
//! branches and Map item processors as nested clusters (`subgraph cluster_N` in DOT,
//! `subgraph ... end` in Mermaid); a start marker per scope pointing at its `StartAt` state; an
//! end marker per scope that its Succeed, Fail and `End: true` states point at; transitions
//! labelled with the field they come from (`Choices[0]`, `Default`, `Catch: States.ALL`);
//! states that cannot be reached from `StartAt` dashed and grey; and transitions that name no
//! state drawn to a red "no such state" node. Node ids are generated (`n0`, `s0`, ...); state
//! names only appear, escaped, in labels. All nodes are declared inside their scope first and
//! every edge afterwards, at the top level, so that no edge pulls a node into the wrong cluster.

use std::fmt::Write;

use super::{EdgeKind, Graph, NodeId, ScopeId, TransitionInfo};
use crate::ast::{ScopeKind, StateKind, Transition};

/// The output format of [`render`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphFormat {
    /// Graphviz DOT (`dot -Tsvg`).
    Dot,
    /// A Mermaid `flowchart TD`.
    Mermaid,
}

/// Draws `graph` in `format`.
pub fn render(graph: &Graph<'_>, format: GraphFormat) -> String {
    let picture = Picture::new(graph);
    match format {
        GraphFormat::Dot => picture.dot(),
        GraphFormat::Mermaid => picture.mermaid(),
    }
}

/// The drawing-independent facts: which scopes nest in which, which scopes need an end marker,
/// and every edge to draw.
struct Picture<'g, 'a> {
    graph: &'g Graph<'a>,
    children: Vec<Vec<ScopeId>>,
    has_end: Vec<bool>,
    edges: Vec<Edge>,
    /// The nodes drawn for transitions that name no state (`m0`, `m1`, ...): the scope of the
    /// transition and the label.
    missing: Vec<(ScopeId, String)>,
}

/// One arrow: from and to are node ids as written in the output.
struct Edge {
    from: String,
    to: String,
    label: Option<String>,
    style: EdgeStyle,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum EdgeStyle {
    Normal,
    /// Catch transitions.
    Error,
    /// From a Parallel or Map state into its branches, and from a start marker.
    Structure,
}

impl<'g, 'a> Picture<'g, 'a> {
    fn new(graph: &'g Graph<'a>) -> Self {
        let scopes = graph.scopes();
        let mut children = vec![Vec::new(); scopes.len()];
        for (id, scope) in scopes.iter().enumerate() {
            if let Some(parent) = scope.parent_scope {
                children[parent].push(id);
            }
        }
        let has_end = scopes
            .iter()
            .map(|s| s.nodes.iter().any(|&n| graph.is_terminal(n)))
            .collect();
        let mut picture = Picture {
            graph,
            children,
            has_end,
            edges: Vec::new(),
            missing: Vec::new(),
        };
        picture.collect_edges();
        picture
    }

    fn collect_edges(&mut self) {
        let graph = self.graph;
        for (id, scope) in graph.scopes().iter().enumerate() {
            if let Some(start) = scope.start {
                self.edges.push(Edge {
                    from: format!("s{id}"),
                    to: node_id(start),
                    label: None,
                    style: EdgeStyle::Normal,
                });
            }
            for &node in &scope.nodes {
                self.collect_state_edges(id, node);
            }
        }
    }

    fn collect_state_edges(&mut self, scope: ScopeId, node: NodeId) {
        let graph = self.graph;
        for t in graph.transitions_from(node) {
            let to = match t.to {
                Some(to) => node_id(to),
                None => {
                    let id = format!("m{}", self.missing.len());
                    let note = if t.is_placeholder() {
                        "placeholder"
                    } else {
                        "no such state"
                    };
                    self.missing
                        .push((scope, format!("{}\n({note})", t.field.value)));
                    id
                }
            };
            let style = match t.kind {
                EdgeKind::Catch(_) => EdgeStyle::Error,
                _ => EdgeStyle::Normal,
            };
            self.edges.push(Edge {
                from: node_id(node),
                to,
                label: edge_label(graph, t),
                style,
            });
        }
        if graph.is_terminal(node) {
            self.edges.push(Edge {
                from: node_id(node),
                to: format!("e{scope}"),
                label: None,
                style: EdgeStyle::Normal,
            });
        }
        let inside = self.children[scope]
            .iter()
            .filter(|&&c| graph.scope(c).parent == Some(node));
        let entries: Vec<Edge> = inside
            .map(|child| Edge {
                from: node_id(node),
                to: format!("s{child}"),
                label: None,
                style: EdgeStyle::Structure,
            })
            .collect();
        self.edges.extend(entries);
    }

    /// The title of a nested scope's cluster: "`Fulfil` branch 1", "`Each line` item processor".
    fn scope_title(&self, id: ScopeId) -> String {
        let info = self.graph.scope(id);
        let Some(parent) = info.parent else {
            return "state machine".to_string();
        };
        let name = &self.graph.state(parent).name;
        match info.scope.kind {
            ScopeKind::Branch => format!("{name} · branch {}", info.branch + 1),
            _ => format!("{name} · item processor"),
        }
    }

    /// The "no such state" nodes of scope `id`, with their numbers.
    fn missing_in(&self, id: ScopeId) -> impl Iterator<Item = (usize, &String)> {
        let all = self.missing.iter().enumerate();
        all.filter(move |(_, (scope, _))| *scope == id)
            .map(|(i, (_, label))| (i, label))
    }

    fn state_label(&self, node: NodeId) -> (String, String) {
        let state = self.graph.state(node);
        let kind = match &state.kind {
            StateKind::Unknown => "?",
            kind => kind.type_name(),
        };
        (state.name.clone(), kind.to_string())
    }

    // ----- DOT -----

    fn dot(&self) -> String {
        let mut out = String::new();
        out.push_str("digraph \"state machine\" {\n");
        out.push_str("  graph [rankdir=TB, fontname=\"Helvetica\", fontsize=11];\n");
        out.push_str("  node [shape=box, style=rounded, fontname=\"Helvetica\", fontsize=11];\n");
        out.push_str("  edge [fontname=\"Helvetica\", fontsize=9];\n");
        self.dot_scope(0, 1, &mut out);
        for edge in &self.edges {
            let mut attrs = Vec::new();
            if let Some(label) = &edge.label {
                attrs.push(format!("label=\"{}\"", dot_escape(label)));
            }
            match edge.style {
                EdgeStyle::Normal => {}
                EdgeStyle::Error => attrs.push("style=dashed, color=red".to_string()),
                EdgeStyle::Structure => attrs.push("style=dotted".to_string()),
            }
            let attrs = if attrs.is_empty() {
                String::new()
            } else {
                format!(" [{}]", attrs.join(", "))
            };
            let _ = writeln!(out, "  {} -> {}{attrs};", edge.from, edge.to);
        }
        out.push_str("}\n");
        out
    }

    fn dot_scope(&self, id: ScopeId, indent: usize, out: &mut String) {
        let pad = "  ".repeat(indent);
        let _ = writeln!(
            out,
            "{pad}s{id} [label=\"start\", shape=circle, style=filled, fillcolor=black, \
             fontcolor=white, width=0.3, fixedsize=true, fontsize=7];"
        );
        if self.has_end[id] {
            let _ = writeln!(
                out,
                "{pad}e{id} [label=\"end\", shape=doublecircle, width=0.3, fixedsize=true, \
                 fontsize=7];"
            );
        }
        for &node in &self.graph.scope(id).nodes {
            let (name, kind) = self.state_label(node);
            let label = dot_escape(&format!("{name}\n{kind}"));
            let _ = writeln!(
                out,
                "{pad}{} [label=\"{label}\"{}];",
                node_id(node),
                self.dot_style(node)
            );
        }
        for (i, label) in self.missing_in(id) {
            let _ = writeln!(
                out,
                "{pad}m{i} [label=\"{}\", style=dashed, color=red, fontcolor=red];",
                dot_escape(label)
            );
        }
        for &child in &self.children[id] {
            let _ = writeln!(out, "{pad}subgraph cluster_{child} {{");
            let _ = writeln!(
                out,
                "{pad}  label=\"{}\"; style=dashed; color=grey60;",
                dot_escape(&self.scope_title(child))
            );
            self.dot_scope(child, indent + 1, out);
            let _ = writeln!(out, "{pad}}}");
        }
    }

    fn dot_style(&self, node: NodeId) -> String {
        let state = self.graph.state(node);
        let reachable = self.graph.is_reachable(node);
        let mut style = vec![if matches!(state.kind, StateKind::Choice(_)) {
            "solid"
        } else {
            "rounded"
        }];
        let mut attrs = String::new();
        match state.kind {
            StateKind::Succeed => {
                style.push("filled");
                attrs.push_str(", fillcolor=palegreen");
            }
            StateKind::Fail(_) => {
                style.push("filled");
                attrs.push_str(", fillcolor=mistyrose");
            }
            StateKind::Choice(_) => attrs.push_str(", shape=diamond"),
            _ => {}
        }
        if matches!(state.transition, Transition::End(_)) {
            attrs.push_str(", peripheries=2");
        }
        if !reachable {
            style.push("dashed");
            attrs.push_str(", color=grey50, fontcolor=grey50");
        }
        if style == ["rounded"] {
            attrs
        } else {
            format!(", style=\"{}\"{attrs}", style.join(","))
        }
    }

    // ----- Mermaid -----

    fn mermaid(&self) -> String {
        let mut out = String::from("flowchart TD\n");
        self.mermaid_scope(0, 1, &mut out);
        for edge in &self.edges {
            let arrow = match edge.style {
                EdgeStyle::Normal => "-->",
                EdgeStyle::Error | EdgeStyle::Structure => "-.->",
            };
            match &edge.label {
                Some(label) => {
                    let _ = writeln!(
                        out,
                        "  {} {arrow}|\"{}\"| {}",
                        edge.from,
                        mermaid_escape(label),
                        edge.to
                    );
                }
                None => {
                    let _ = writeln!(out, "  {} {arrow} {}", edge.from, edge.to);
                }
            }
        }
        out.push_str("  classDef marker fill:#222,stroke:#222,color:#fff\n");
        out.push_str("  classDef succeed fill:#d4f7d4,stroke:#2a7a2a\n");
        out.push_str("  classDef fail fill:#fde2e2,stroke:#a33\n");
        out.push_str("  classDef unreachable stroke-dasharray:5 5,stroke:#999,color:#999\n");
        out.push_str("  classDef missing stroke:#d00,color:#d00,stroke-dasharray:3 3\n");
        out
    }

    fn mermaid_scope(&self, id: ScopeId, indent: usize, out: &mut String) {
        let pad = "  ".repeat(indent);
        let _ = writeln!(out, "{pad}s{id}((\"start\")):::marker");
        if self.has_end[id] {
            let _ = writeln!(out, "{pad}e{id}(((\"end\"))):::marker");
        }
        for &node in &self.graph.scope(id).nodes {
            let (name, kind) = self.state_label(node);
            let text = format!("{}<br/>{kind}", mermaid_escape(&name));
            let state = self.graph.state(node);
            let shape = match state.kind {
                StateKind::Choice(_) => format!("{{\"{text}\"}}"),
                _ if matches!(state.transition, Transition::End(_)) => format!("([\"{text}\"])"),
                _ => format!("[\"{text}\"]"),
            };
            let class = if !self.graph.is_reachable(node) {
                ":::unreachable"
            } else {
                match state.kind {
                    StateKind::Succeed => ":::succeed",
                    StateKind::Fail(_) => ":::fail",
                    _ => "",
                }
            };
            let _ = writeln!(out, "{pad}{}{shape}{class}", node_id(node));
        }
        for (i, label) in self.missing_in(id) {
            let _ = writeln!(out, "{pad}m{i}[\"{}\"]:::missing", mermaid_escape(label));
        }
        for &child in &self.children[id] {
            let _ = writeln!(
                out,
                "{pad}subgraph c{child}[\"{}\"]",
                mermaid_escape(&self.scope_title(child))
            );
            let _ = writeln!(out, "{pad}  direction TB");
            self.mermaid_scope(child, indent + 1, out);
            let _ = writeln!(out, "{pad}end");
        }
    }
}

fn node_id(node: NodeId) -> String {
    format!("n{}", node.index())
}

/// The label of a transition: none for `Next`, else `Default`, `Choices[i]`, or
/// `Catch: States.TaskFailed, States.Timeout`.
fn edge_label(graph: &Graph<'_>, t: &TransitionInfo<'_>) -> Option<String> {
    match t.kind {
        EdgeKind::Next => None,
        EdgeKind::Default => Some("Default".to_string()),
        EdgeKind::Choice(i) => Some(format!("Choices[{i}]")),
        EdgeKind::Catch(i) => {
            let catcher = graph.state(t.from).catch.get(i)?;
            let errors: Vec<&str> = catcher
                .error_equals
                .iter()
                .map(|e| e.value.as_str())
                .collect();
            Some(format!("Catch: {}", shorten(&errors.join(", "), 60)))
        }
    }
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut short: String = text.chars().take(max - 1).collect();
    short.push('…');
    short
}

/// Escapes text for a DOT double-quoted string: `\` and `"`, and line breaks as `\n`.
pub fn dot_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for a Mermaid double-quoted label: the characters Mermaid would read as
/// markup or entities become entity codes (`#quot;`, `#35;`, `#lt;`, ...); line breaks
/// become `<br/>`.
pub fn mermaid_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '`' => out.push_str("#96;"),
            '|' => out.push_str("#124;"),
            '\n' => out.push_str("<br/>"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}
