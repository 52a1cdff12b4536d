//! The state graph of a machine, built once: one node per state, grouped by scope (the top level,
//! each Parallel branch, each Map item processor), and one edge per transition that names a state
//! of its own scope (`Next`, `Default`, `Choices[i].Next`, `Catch[i].Next`).
//!
//! Transitions never cross scopes: a name is looked up only in the scope of the state that writes
//! it, through a per-scope hash map, so building and every query are linear in the machine size.
//! Every walk is iterative, so any nesting depth and any chain length is safe.

pub mod render;

use std::collections::{HashMap, VecDeque};

use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};

use crate::ast::{
    Field, Scope, ScopeKind, State, StateKind, StateMachine, Transition, is_placeholder,
};

/// A state: its index in the graph.
pub type NodeId = NodeIndex<u32>;

/// A scope: its index in [`Graph::scopes`]; the top level is 0.
pub type ScopeId = usize;

/// Which field a transition is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EdgeKind {
    /// `Next` of a state.
    Next,
    /// `Default` of a Choice state.
    Default,
    /// `Choices[i].Next` (top-level rules only).
    Choice(usize),
    /// `Catch[i].Next`.
    Catch(usize),
}

impl EdgeKind {
    /// The field as written in the definition: `Next`, `Default`, `Choices[0].Next`,
    /// `Catch[1].Next`.
    pub fn field(self) -> String {
        match self {
            EdgeKind::Next => "Next".to_string(),
            EdgeKind::Default => "Default".to_string(),
            EdgeKind::Choice(i) => format!("Choices[{i}].Next"),
            EdgeKind::Catch(i) => format!("Catch[{i}].Next"),
        }
    }
}

/// One transition as written, whether or not it names a state of its scope.
#[derive(Debug, Clone)]
pub struct TransitionInfo<'a> {
    pub from: NodeId,
    pub kind: EdgeKind,
    /// The field holding the target's name; its span is the name's string.
    pub field: &'a Field<String>,
    /// The state it names in the same scope; `None` when there is none (or it is a placeholder).
    pub to: Option<NodeId>,
}

impl TransitionInfo<'_> {
    /// Whether the target is a `${...}` substitution placeholder (resolved at deployment).
    pub fn is_placeholder(&self) -> bool {
        is_placeholder(&self.field.value)
    }
}

/// One scope: a `StartAt` with its `States`.
#[derive(Debug, Clone)]
pub struct ScopeInfo<'a> {
    pub scope: &'a Scope,
    /// The Parallel or Map state holding this scope; `None` at the top level.
    pub parent: Option<NodeId>,
    /// The scope holding the parent state; `None` at the top level.
    pub parent_scope: Option<ScopeId>,
    /// The branch index in a Parallel state (0 for a Map's item processor).
    pub branch: usize,
    /// How many Parallel and Map states enclose this scope (0 at the top level).
    pub depth: usize,
    /// The states in source order.
    pub nodes: Vec<NodeId>,
    /// The state `StartAt` names, if it names one.
    pub start: Option<NodeId>,
    /// Whether `StartAt` or some transition of this scope is a `${...}` placeholder: the
    /// graph is then not fully known.
    pub has_placeholder: bool,
    names: HashMap<&'a str, NodeId>,
}

impl<'a> ScopeInfo<'a> {
    /// The state called `name` in this scope (the first one if the name is repeated).
    pub fn lookup(&self, name: &str) -> Option<NodeId> {
        self.names.get(name).copied()
    }

    /// The names of this scope's states.
    pub fn names(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.names.keys().copied()
    }
}

/// The state graph of one machine. See the module documentation.
#[derive(Debug, Clone)]
pub struct Graph<'a> {
    graph: DiGraph<&'a State, usize>,
    node_scope: Vec<ScopeId>,
    scopes: Vec<ScopeInfo<'a>>,
    transitions: Vec<TransitionInfo<'a>>,
    /// `transitions[first_transition[n]..first_transition[n + 1]]` leave node `n`.
    first_transition: Vec<usize>,
    reachable: Vec<bool>,
    referenced: Vec<bool>,
    by_name: HashMap<&'a str, Vec<NodeId>>,
}

impl<'a> Graph<'a> {
    /// Builds the graph of `machine`.
    pub fn build(machine: &'a StateMachine) -> Self {
        let mut g = Graph {
            graph: DiGraph::default(),
            node_scope: Vec::new(),
            scopes: Vec::new(),
            transitions: Vec::new(),
            first_transition: Vec::new(),
            reachable: Vec::new(),
            referenced: Vec::new(),
            by_name: HashMap::new(),
        };
        g.add_scopes(&machine.scope);
        g.add_transitions();
        g.compute_reachability();
        g
    }

    /// Adds every scope and state, depth-first in source order (parents before children).
    fn add_scopes(&mut self, top: &'a Scope) {
        // (scope, parent state, parent scope, branch index, depth)
        type Pending<'a> = (&'a Scope, Option<NodeId>, Option<ScopeId>, usize, usize);
        let mut stack: Vec<Pending<'a>> = vec![(top, None, None, 0, 0)];
        while let Some((scope, parent, parent_scope, branch, depth)) = stack.pop() {
            let id = self.scopes.len();
            let mut info = ScopeInfo {
                scope,
                parent,
                parent_scope,
                branch,
                depth,
                nodes: Vec::with_capacity(scope.states.len()),
                start: None,
                has_placeholder: scope
                    .start_at
                    .as_ref()
                    .is_some_and(|s| is_placeholder(&s.value)),
                names: HashMap::with_capacity(scope.states.len()),
            };
            let mut children = Vec::new();
            for state in &scope.states {
                let node = self.graph.add_node(state);
                self.node_scope.push(id);
                info.nodes.push(node);
                info.names.entry(state.name.as_str()).or_insert(node);
                self.by_name
                    .entry(state.name.as_str())
                    .or_default()
                    .push(node);
                for (i, child) in state.child_scopes().into_iter().enumerate() {
                    children.push((child, Some(node), Some(id), i, depth + 1));
                }
            }
            info.start = scope
                .start_at
                .as_ref()
                .and_then(|s| info.names.get(s.value.as_str()).copied());
            self.scopes.push(info);
            stack.extend(children.into_iter().rev());
        }
    }

    fn add_transitions(&mut self) {
        for index in 0..self.graph.node_count() {
            let from = NodeIndex::new(index);
            self.first_transition.push(self.transitions.len());
            let state: &'a State = self.graph[from];
            for (kind, field) in written_transitions(state) {
                let scope = &mut self.scopes[self.node_scope[index]];
                let placeholder = is_placeholder(&field.value);
                scope.has_placeholder |= placeholder;
                let to = scope.lookup(&field.value);
                if let Some(to) = to {
                    self.graph.add_edge(from, to, self.transitions.len());
                }
                self.transitions.push(TransitionInfo {
                    from,
                    kind,
                    field,
                    to,
                });
            }
        }
        self.first_transition.push(self.transitions.len());
    }

    fn compute_reachability(&mut self) {
        let n = self.graph.node_count();
        self.reachable = vec![false; n];
        self.referenced = vec![false; n];
        for t in &self.transitions {
            if let Some(to) = t.to {
                self.referenced[to.index()] = true;
            }
        }
        let mut queue = VecDeque::new();
        for scope in &self.scopes {
            if let Some(start) = scope.start {
                self.referenced[start.index()] = true;
                self.reachable[start.index()] = true;
                queue.push_back(start);
            }
        }
        while let Some(node) = queue.pop_front() {
            for next in self.graph.neighbors(node) {
                if !self.reachable[next.index()] {
                    self.reachable[next.index()] = true;
                    queue.push_back(next);
                }
            }
        }
    }

    /// Every scope; the top level first, then depth-first in source order.
    pub fn scopes(&self) -> &[ScopeInfo<'a>] {
        &self.scopes
    }

    pub fn scope(&self, id: ScopeId) -> &ScopeInfo<'a> {
        &self.scopes[id]
    }

    /// The number of states in the whole machine.
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// The state of a node.
    pub fn state(&self, node: NodeId) -> &'a State {
        self.graph[node]
    }

    /// The scope holding a node.
    pub fn scope_of(&self, node: NodeId) -> ScopeId {
        self.node_scope[node.index()]
    }

    /// The state called `name` in scope `scope`.
    pub fn lookup(&self, scope: ScopeId, name: &str) -> Option<NodeId> {
        self.scopes[scope].lookup(name)
    }

    /// Every state called `name`, in any scope, in the order they were added.
    pub fn named(&self, name: &str) -> &[NodeId] {
        self.by_name.get(name).map_or(&[], Vec::as_slice)
    }

    /// Every transition as written, grouped by source state.
    pub fn transitions(&self) -> &[TransitionInfo<'a>] {
        &self.transitions
    }

    /// The transitions written in `node`, in field order (Next/Default, Choices, Catch).
    pub fn transitions_from(&self, node: NodeId) -> &[TransitionInfo<'a>] {
        let i = node.index();
        &self.transitions[self.first_transition[i]..self.first_transition[i + 1]]
    }

    /// The states `node` can go to (repeats removed), within its scope.
    pub fn successors(&self, node: NodeId) -> Vec<NodeId> {
        let mut out: Vec<NodeId> = self
            .transitions_from(node)
            .iter()
            .filter_map(|t| t.to)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The states that go to `node`.
    pub fn predecessors(&self, node: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        self.graph.neighbors_directed(node, Direction::Incoming)
    }

    /// Whether `node` can be reached from its scope's `StartAt`.
    pub fn is_reachable(&self, node: NodeId) -> bool {
        self.reachable[node.index()]
    }

    /// Whether `node` is its scope's `StartAt` or the target of some transition of its scope
    /// (from any state, reachable or not): AWS's notion of reachable.
    pub fn is_referenced(&self, node: NodeId) -> bool {
        self.referenced[node.index()]
    }

    /// Whether the state ends its scope's execution: Succeed, Fail or `End: true`.
    pub fn is_terminal(&self, node: NodeId) -> bool {
        let state = self.graph[node];
        matches!(state.kind, StateKind::Succeed | StateKind::Fail(_))
            || matches!(state.transition, Transition::End(_))
    }

    /// Whether the state's way out is not known: its `Type` is missing or a placeholder, or a
    /// state that needs `Next` or `End` has neither (a finding of its own, often a misspelt
    /// `Next`). Rules that look for missing exits count such states as possible exits.
    pub fn is_open(&self, node: NodeId) -> bool {
        let state = self.graph[node];
        match state.kind {
            StateKind::Unknown => true,
            _ => self.lacks_transition(node),
        }
    }

    /// Whether a state that needs `Next` or `End` (any type but Choice, Succeed and Fail) has
    /// neither.
    pub fn lacks_transition(&self, node: NodeId) -> bool {
        let state = self.graph[node];
        let needs = !matches!(
            state.kind,
            StateKind::Choice(_) | StateKind::Succeed | StateKind::Fail(_)
        );
        needs && matches!(state.transition, Transition::None)
    }

    /// Whether some transition of the state names no state of its scope (a placeholder or a
    /// missing target): where it leads is not known.
    pub fn has_unresolved(&self, node: NodeId) -> bool {
        self.transitions_from(node).iter().any(|t| t.to.is_none())
    }

    /// Whether the execution might end at this state, as far as the definition tells:
    /// [`Graph::is_terminal`], [`Graph::is_open`] or [`Graph::has_unresolved`].
    pub fn might_end(&self, node: NodeId) -> bool {
        self.is_terminal(node) || self.is_open(node) || self.has_unresolved(node)
    }

    /// The strongly connected components that form cycles (two or more states, or one state
    /// that goes to itself), each in source order, the components in source order of their
    /// first state. Components never span scopes.
    pub fn cycles(&self) -> Vec<Vec<NodeId>> {
        // Kosaraju, not Tarjan: petgraph's tarjan_scc recurses once per state of a chain.
        let mut out: Vec<Vec<NodeId>> = petgraph::algo::kosaraju_scc(&self.graph)
            .into_iter()
            .filter(|c| c.len() > 1 || self.graph.contains_edge(c[0], c[0]))
            .map(|mut c| {
                c.sort_unstable();
                c
            })
            .collect();
        out.sort_unstable_by_key(|c| c[0]);
        out
    }

    /// For every node: whether a state that [`Graph::might_end`] the execution can be reached
    /// from it.
    pub fn can_finish(&self) -> Vec<bool> {
        let n = self.graph.node_count();
        let mut finish = vec![false; n];
        let mut queue = VecDeque::new();
        for (index, finishes) in finish.iter_mut().enumerate() {
            let node = NodeIndex::new(index);
            if self.might_end(node) {
                *finishes = true;
                queue.push_back(node);
            }
        }
        while let Some(node) = queue.pop_front() {
            for prev in self.predecessors(node) {
                if !finish[prev.index()] {
                    finish[prev.index()] = true;
                    queue.push_back(prev);
                }
            }
        }
        finish
    }

    /// Where scope `id` is, for messages: "at the top level", "in branch 2 of `P`", "in the
    /// item processor of `M`".
    pub fn describe_scope(&self, id: ScopeId) -> String {
        let info = &self.scopes[id];
        let Some(parent) = info.parent else {
            return "at the top level".to_string();
        };
        let name = &self.graph[parent].name;
        match info.scope.kind {
            ScopeKind::Branch => format!("in branch {} of `{name}`", info.branch + 1),
            _ => format!("in the item processor of `{name}`"),
        }
    }

    /// Whether scope `ancestor` encloses scope `id` (directly or not).
    pub fn encloses(&self, ancestor: ScopeId, mut id: ScopeId) -> bool {
        while let Some(parent) = self.scopes[id].parent_scope {
            if parent == ancestor {
                return true;
            }
            id = parent;
        }
        false
    }
}

/// The transitions written in a state, in field order.
fn written_transitions(state: &State) -> Vec<(EdgeKind, &Field<String>)> {
    let mut out = Vec::new();
    if let Transition::Next(next) = &state.transition {
        out.push((EdgeKind::Next, next));
    }
    if let StateKind::Choice(choice) = &state.kind {
        for (i, rule) in choice.choices.iter().enumerate() {
            if let Some(next) = &rule.next {
                out.push((EdgeKind::Choice(i), next));
            }
        }
        if let Some(default) = &choice.default {
            out.push((EdgeKind::Default, default));
        }
    }
    for (i, catcher) in state.catch.iter().enumerate() {
        if let Some(next) = &catcher.next {
            out.push((EdgeKind::Catch(i), next));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::{Format, parse};

    fn machine(text: &str) -> StateMachine {
        let root = parse(text, Format::Json).root.expect("parses");
        crate::ast::lower(&root, text.len())
            .machine
            .expect("lowers")
    }

    fn names(graph: &Graph<'_>, nodes: impl IntoIterator<Item = NodeId>) -> Vec<String> {
        nodes
            .into_iter()
            .map(|n| graph.state(n).name.clone())
            .collect()
    }

    const NESTED: &str = r#"{
      "StartAt": "A",
      "States": {
        "A": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
               "Catch": [{ "ErrorEquals": ["States.ALL"], "Next": "F" }], "Next": "C" },
        "C": { "Type": "Choice", "Choices": [{ "Variable": "$.x", "IsPresent": true, "Next": "P" }],
               "Default": "A" },
        "P": { "Type": "Parallel", "Branches": [
                 { "StartAt": "B1", "States": { "B1": { "Type": "Pass", "Next": "Nope" } } }
               ], "End": true },
        "F": { "Type": "Fail" },
        "X": { "Type": "Pass", "Next": "Y" },
        "Y": { "Type": "Pass", "Next": "X" }
      }
    }"#;

    #[test]
    fn scopes_edges_and_lookups() {
        let m = machine(NESTED);
        let g = Graph::build(&m);
        assert_eq!(g.scopes().len(), 2);
        assert_eq!(g.scope(1).depth, 1);
        assert_eq!(g.describe_scope(1), "in branch 1 of `P`");
        let a = g.lookup(0, "A").expect("A");
        assert_eq!(names(&g, g.successors(a)), ["C", "F"]);
        let kinds: Vec<String> = g
            .transitions_from(a)
            .iter()
            .map(|t| t.kind.field())
            .collect();
        assert_eq!(kinds, ["Next", "Catch[0].Next"]);
        assert_eq!(g.lookup(0, "B1"), None, "no lookups across scopes");
        let b1 = g.lookup(1, "B1").expect("B1");
        assert!(g.has_unresolved(b1));
        assert_eq!(g.named("B1"), [b1]);
    }

    #[test]
    fn reachability_terminals_and_cycles() {
        let m = machine(NESTED);
        let g = Graph::build(&m);
        let node = |name: &str| g.lookup(0, name).expect("state");
        assert!(g.is_reachable(node("F")));
        assert!(!g.is_reachable(node("X")) && g.is_referenced(node("X")));
        assert!(g.is_terminal(node("P")) && g.is_terminal(node("F")));
        assert!(!g.is_terminal(node("A")));
        let cycles: Vec<Vec<String>> = g.cycles().into_iter().map(|c| names(&g, c)).collect();
        assert_eq!(cycles, [vec!["A", "C"], vec!["X", "Y"]]);
        let finish = g.can_finish();
        assert!(finish[node("A").index()]);
        assert!(!finish[node("X").index()]);
    }

    #[test]
    fn a_long_chain_is_linear_and_iterative() {
        let n = 20_000;
        let mut text = String::from(r#"{"StartAt": "S0", "States": {"#);
        for i in 0..n {
            text.push_str(&format!(
                r#""S{i}": {{"Type": "Pass", "Next": "S{}"}},"#,
                i + 1
            ));
        }
        text.push_str(&format!(r#""S{n}": {{"Type": "Succeed"}}}}}}"#));
        let m = machine(&text);
        let started = std::time::Instant::now();
        let g = Graph::build(&m);
        let finish = g.can_finish();
        assert!(g.cycles().is_empty());
        assert!((0..=n).all(|i| g.is_reachable(NodeIndex::new(i)) && finish[i]));
        assert!(
            started.elapsed().as_secs() < 5,
            "took {:?}",
            started.elapsed()
        );
    }
}
