//! Workflow variables (rules.md 5.11), computed once per machine: what each state assigns and
//! reads, and which variables are defined when each state is entered.
//!
//! **Assignments.** A state's `Assign` applies on every way out of the state that is not an
//! error (a Choice state's on every rule and on `Default`); a Catcher's `Assign` applies on its
//! catch edge only (the state's own `Assign` does not run when the state fails); a Choice rule's
//! `Assign` applies on that rule's edge, together with the state-level one. In JSONPath states
//! a key `name.$` assigns `name`.
//!
//! **Reads.** JSONata states: every `{% %}` string anywhere in the state's own fields (not in
//! its Parallel branches or item processor, which are states of their own). A `$name` is a
//! variable unless it is `$`, `$$`, `$states`, a local (`$x :=` in the expression, a lambda
//! parameter, `@$x`, `#$i`), or a function (`$name(...)`, `~> $name`, or a built-in's name
//! that no state assigns). JSONPath states: paths starting `$name` in path fields (`*Path`,
//! Choice `Variable`) and in `.$` values of payload templates, and such paths as intrinsic
//! arguments. `$`, `$.x`, `$$.x` and `${...}` placeholders are not variables.
//!
//! **Flow.** Per scope, a forward data-flow analysis over [`Graph`] computes the variables
//! assigned on *every* path (must) and on *some* path (may) from the scope's `StartAt` to the
//! entry of each state, iterated to a fixpoint with bit sets. Parallel branches and inline Map
//! iterations start with what is defined on entry to their Parallel or Map state; Distributed
//! Map child workflows start with nothing (they cannot read outer variables). Assignments in a
//! nested scope never leave it. Scopes whose graph is not fully known (a `${...}` transition)
//! and unreachable states are not analysed ([`Defined::Unknown`]).

use std::collections::{HashMap, HashSet};

use crate::ast::{Pointer, QueryLanguage, ScopeKind, StateKind};
use crate::lang::intrinsic::{self, ExprKind};
use crate::lang::jsonata::{self, Kind};
use crate::lang::path::{self, PathKind, Root};
use crate::syntax::strings::StringPositions;
use crate::syntax::{Format, Member, Node, Span, Value};

use super::graph::{EdgeKind, Graph, NodeId, ScopeId};

/// The longest variable name AWS accepts (verify: AWS documents 80 characters).
pub const MAX_NAME_LEN: usize = 80;

/// Where an `Assign` is written, which decides the edges it applies on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssignSite {
    /// The state's own `Assign`: every edge but the Catch edges.
    State,
    /// `Catch[i].Assign`: the catch edge `i` only.
    Catch(usize),
    /// `Choices[i].Assign`: the edge of rule `i` only.
    Choice(usize),
}

impl AssignSite {
    /// The field as written: `Assign`, `Catch[0].Assign`, `Choices[1].Assign`.
    pub fn field(self) -> String {
        match self {
            AssignSite::State => "Assign".to_string(),
            AssignSite::Catch(i) => format!("Catch[{i}].Assign"),
            AssignSite::Choice(i) => format!("Choices[{i}].Assign"),
        }
    }
}

/// One variable assigned: one key of an `Assign` object.
#[derive(Debug, Clone)]
pub struct Assignment<'a> {
    /// The variable's name (`x` for a JSONPath key `x.$`).
    pub name: String,
    /// The key as written.
    pub key: &'a str,
    pub key_span: Span,
    /// The pointer of the key's value.
    pub pointer: Pointer,
    pub site: AssignSite,
}

/// Which field of its state a read is written in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadIn {
    /// The value of key `key` of an `Assign`.
    Assign { site: AssignSite, key: String },
    /// The `Output` next to that `Assign` (the state's, a Catcher's or a Choice rule's).
    Output(AssignSite),
    /// Any other field.
    Other,
}

/// One read of a variable.
#[derive(Debug, Clone)]
pub struct Read {
    pub name: String,
    /// The name in the source (`$` included for JSONata, the `name` of `$name` for JSONPath).
    pub span: Span,
    /// The pointer of the string holding the read.
    pub pointer: Pointer,
    pub place: ReadIn,
    /// Whether the read tolerates an undefined variable: inside `$exists(...)` or on the left
    /// of `??` or `?:` (JSONata).
    pub guarded: bool,
    /// `$name` was a built-in function's name used as a value (`$map($a, $string)`): a read
    /// only when some state assigns that name.
    function_name: bool,
}

/// What one state assigns and reads.
#[derive(Debug, Clone, Default)]
pub struct StateVars<'a> {
    pub assigns: Vec<Assignment<'a>>,
    pub reads: Vec<Read>,
    /// `$name`s in strings that did not parse, for [`Variables::is_used`] only.
    loose: Vec<String>,
}

/// Whether a variable is defined on entry to a state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Defined {
    /// Assigned on every path from the scope's start (or before the enclosing state).
    Always,
    /// Assigned on some paths only.
    Sometimes,
    /// Assigned on no path.
    Never,
    /// Not assigned in a Distributed Map's child workflow, but defined (on some path) before
    /// the Map state: child workflows cannot read it.
    OuterOfDistributed,
    /// The state is unreachable or its scope's graph is not fully known.
    Unknown,
}

/// A set of variable indices.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Bits(Vec<u64>);

impl Bits {
    fn empty(n: usize) -> Self {
        Bits(vec![0; n.div_ceil(64)])
    }
    fn full(n: usize) -> Self {
        let mut b = Bits(vec![u64::MAX; n.div_ceil(64)]);
        if n % 64 != 0
            && let Some(last) = b.0.last_mut()
        {
            *last = (1u64 << (n % 64)) - 1;
        }
        b
    }
    fn insert(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }
    fn contains(&self, i: usize) -> bool {
        self.0[i / 64] & (1 << (i % 64)) != 0
    }
    fn union(&mut self, other: &Bits) {
        self.0.iter_mut().zip(&other.0).for_each(|(a, b)| *a |= b);
    }
    fn intersect(&mut self, other: &Bits) {
        self.0.iter_mut().zip(&other.0).for_each(|(a, b)| *a &= b);
    }
}

/// The variables of one machine. See the module documentation.
#[derive(Debug, Clone)]
pub struct Variables<'a> {
    states: Vec<StateVars<'a>>,
    index: HashMap<String, usize>,
    /// Per node: (must, may) on entry, when known.
    entry: Vec<Option<(Bits, Bits)>>,
    /// Per scope: what is defined on some path before a Distributed Map, for its child scope.
    outer_of_distributed: Vec<Option<Bits>>,
    /// Per scope: whether its parent is a Distributed Map.
    distributed: Vec<bool>,
    /// Per scope: names assigned in it (the enclosing scopes it can read are walked on demand,
    /// so nothing is copied per scope: a machine with thousands of scopes stays linear).
    assigned_in: Vec<HashSet<String>>,
    /// Per scope: names read in it or in the scopes nested in it that can read it.
    read_below: Vec<HashSet<String>>,
    /// Set when the data flow was skipped for [`MAX_FLOW_PAIRS`]: (states, variables).
    skipped: Option<(usize, usize)>,
}

/// The most (state, variable) pairs the data-flow analysis follows. It keeps two bit sets of
/// every variable for every state, so its memory grows with states x variables: this bounds it
/// at 128 MiB. A definition within AWS's 1 MiB limit stays under it (23,200 Pass states each
/// assigning a variable of its own take 1.7 MB).
pub const MAX_FLOW_PAIRS: usize = 1 << 29;

impl<'a> Variables<'a> {
    /// Collects the assignments and reads of every state and runs the data-flow analysis.
    pub fn compute(graph: &Graph<'a>, root: &'a Node, text: &str, format: Format) -> Self {
        let objects = objects_by_span(root);
        let mut states: Vec<StateVars<'a>> = (0..graph.node_count())
            .map(|i| {
                let state = graph.state(NodeId::new(i));
                objects
                    .get(&(state.span.start, state.span.end))
                    .map(|node| collect(state.language, node, &state.pointer, text, format))
                    .unwrap_or_default()
            })
            .collect();
        // Intern every assigned name; reads of names nobody assigns need no bit.
        let mut index = HashMap::new();
        for s in &states {
            for a in &s.assigns {
                let next = index.len();
                index.entry(a.name.clone()).or_insert(next);
            }
        }
        for s in &mut states {
            s.reads
                .retain(|r| !r.function_name || index.contains_key(&r.name));
        }
        let scopes = graph.scopes().len();
        let mut v = Variables {
            states,
            index,
            entry: vec![None; graph.node_count()],
            outer_of_distributed: vec![None; scopes],
            distributed: vec![false; scopes],
            assigned_in: vec![HashSet::new(); scopes],
            read_below: vec![HashSet::new(); scopes],
            skipped: None,
        };
        v.scope_sets(graph);
        let pairs = graph.node_count().saturating_mul(v.index.len());
        if pairs > MAX_FLOW_PAIRS {
            // Without entry sets, `defined` answers from the scopes alone: `Unknown` for a
            // name assigned where the state can see it, `Never` otherwise.
            v.skipped = Some((graph.node_count(), v.index.len()));
            return v;
        }
        for id in 0..scopes {
            v.flow(graph, id);
        }
        v
    }

    /// `(states, variables)` when the data flow was skipped because the definition has more
    /// than [`MAX_FLOW_PAIRS`] of them.
    pub fn skipped(&self) -> Option<(usize, usize)> {
        self.skipped
    }

    /// What state `node` assigns and reads.
    pub fn state(&self, node: NodeId) -> &StateVars<'a> {
        &self.states[node.index()]
    }

    /// Whether the parent of scope `id` is a Distributed Map.
    pub fn is_distributed(&self, id: ScopeId) -> bool {
        self.distributed[id]
    }

    /// Whether `name` is defined on entry to `node`.
    pub fn defined(&self, graph: &Graph<'_>, node: NodeId, name: &str) -> Defined {
        let scope = graph.scope_of(node);
        let Some((must, may)) = &self.entry[node.index()] else {
            return if self.is_visible(graph, scope, name) {
                Defined::Unknown
            } else {
                Defined::Never
            };
        };
        let Some(&i) = self.index.get(name) else {
            return Defined::Never;
        };
        if must.contains(i) {
            Defined::Always
        } else if may.contains(i) {
            Defined::Sometimes
        } else if self.outer_of_distributed[scope]
            .as_ref()
            .is_some_and(|outer| outer.contains(i))
        {
            Defined::OuterOfDistributed
        } else {
            Defined::Never
        }
    }

    /// Whether `name` is assigned in scope `id` or in an enclosing scope it can read.
    fn is_visible(&self, graph: &Graph<'_>, mut id: ScopeId, name: &str) -> bool {
        loop {
            if self.assigned_in[id].contains(name) {
                return true;
            }
            match (self.distributed[id], graph.scope(id).parent_scope) {
                (false, Some(parent)) => id = parent,
                _ => return false,
            }
        }
    }

    /// Whether `name`, assigned in scope `id`, is read in that scope or in a nested scope that
    /// can read it.
    pub fn is_used(&self, id: ScopeId, name: &str) -> bool {
        self.read_below[id].contains(name)
    }

    /// The scopes that enclose `id` and whose variables it can read (nearest first), stopping
    /// at a Distributed Map.
    pub fn readable_ancestors(&self, graph: &Graph<'_>, mut id: ScopeId) -> Vec<ScopeId> {
        let mut out = Vec::new();
        while !self.distributed[id] {
            let Some(parent) = graph.scope(id).parent_scope else {
                break;
            };
            out.push(parent);
            id = parent;
        }
        out
    }

    fn scope_sets(&mut self, graph: &Graph<'_>) {
        let n = graph.scopes().len();
        for id in 0..n {
            let info = graph.scope(id);
            self.distributed[id] = info.scope.kind == ScopeKind::ItemProcessor
                && info.parent.is_some_and(|p| match &graph.state(p).kind {
                    StateKind::Map(map) => {
                        map.processor.as_ref().is_some_and(|p| p.is_distributed())
                    }
                    _ => false,
                });
        }
        for id in 0..n {
            self.assigned_in[id] = graph
                .scope(id)
                .nodes
                .iter()
                .flat_map(|&node| self.states[node.index()].assigns.iter())
                .map(|a| a.name.clone())
                .collect();
            let reads: Vec<String> = graph
                .scope(id)
                .nodes
                .iter()
                .flat_map(|&node| {
                    let s = &self.states[node.index()];
                    s.reads
                        .iter()
                        .map(|r| r.name.clone())
                        .chain(s.loose.iter().cloned())
                })
                .collect();
            let mut scope = id;
            loop {
                self.read_below[scope].extend(reads.iter().cloned());
                match (self.distributed[scope], graph.scope(scope).parent_scope) {
                    (false, Some(parent)) => scope = parent,
                    _ => break,
                }
            }
        }
    }

    /// The data-flow analysis of one scope; its parent scope is done already.
    fn flow(&mut self, graph: &Graph<'_>, id: ScopeId) {
        let info = graph.scope(id);
        let n = self.index.len();
        let Some(start) = info.start else {
            return;
        };
        if info.has_placeholder {
            return;
        }
        let (entry_must, entry_may) = match info.parent {
            None => (Bits::empty(n), Bits::empty(n)),
            Some(parent) => match &self.entry[parent.index()] {
                None => return,
                Some(_) if self.distributed[id] => {
                    self.outer_of_distributed[id] = self.entry[parent.index()]
                        .as_ref()
                        .map(|(_, may)| may.clone());
                    (Bits::empty(n), Bits::empty(n))
                }
                Some((must, may)) => (must.clone(), may.clone()),
            },
        };
        // Reverse postorder from the start, iteratively.
        let order = reverse_postorder(graph, start);
        // Positions of this scope's states only: a vector over every state of the machine
        // would make the analysis quadratic in the number of scopes.
        let pos: HashMap<NodeId, usize> = order
            .iter()
            .enumerate()
            .map(|(i, &node)| (node, i))
            .collect();
        let mut must: Vec<Bits> = order.iter().map(|_| Bits::full(n)).collect();
        let mut may: Vec<Bits> = order.iter().map(|_| Bits::empty(n)).collect();
        must[0] = entry_must.clone();
        may[0] = entry_may.clone();
        // Out-sets per edge, computed from the source's in-sets.
        let mut changed = true;
        while changed {
            changed = false;
            for (i, &node) in order.iter().enumerate() {
                let (m, y) = (must[i].clone(), may[i].clone());
                for t in graph.transitions_from(node) {
                    let Some(to) = t.to else { continue };
                    let Some(&j) = pos.get(&to) else {
                        continue;
                    };
                    let gen_bits = self.gen_bits(node, t.kind, n);
                    let mut out_must = m.clone();
                    out_must.union(&gen_bits);
                    let mut out_may = y.clone();
                    out_may.union(&gen_bits);
                    let mut new_must = must[j].clone();
                    new_must.intersect(&out_must);
                    let mut new_may = may[j].clone();
                    new_may.union(&out_may);
                    if new_must != must[j] || new_may != may[j] {
                        must[j] = new_must;
                        may[j] = new_may;
                        changed = true;
                    }
                }
            }
        }
        for ((node, m), y) in order.into_iter().zip(must).zip(may) {
            self.entry[node.index()] = Some((m, y));
        }
    }

    /// The variables an edge of `node` assigns.
    fn gen_bits(&self, node: NodeId, kind: EdgeKind, n: usize) -> Bits {
        let mut bits = Bits::empty(n);
        for a in &self.states[node.index()].assigns {
            let applies = match (a.site, kind) {
                (AssignSite::State, EdgeKind::Catch(_)) => false,
                (AssignSite::State, _) => true,
                (AssignSite::Catch(i), EdgeKind::Catch(j)) => i == j,
                (AssignSite::Choice(i), EdgeKind::Choice(j)) => i == j,
                _ => false,
            };
            if applies && let Some(&i) = self.index.get(&a.name) {
                bits.insert(i);
            }
        }
        bits
    }
}

fn reverse_postorder(graph: &Graph<'_>, start: NodeId) -> Vec<NodeId> {
    let mut seen = HashSet::new();
    let mut post = Vec::new();
    let mut stack = vec![(start, 0usize)];
    seen.insert(start);
    while let Some((node, i)) = stack.pop() {
        let next = graph.successors(node);
        if let Some(&succ) = next.get(i) {
            stack.push((node, i + 1));
            if seen.insert(succ) {
                stack.push((succ, 0));
            }
        } else {
            post.push(node);
        }
    }
    post.reverse();
    post
}

/// Every object of the tree by its span. Iterative.
fn objects_by_span(root: &Node) -> HashMap<(usize, usize), &Node> {
    let mut out = HashMap::new();
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        match &node.value {
            Value::Object(members) => {
                out.insert((node.span.start, node.span.end), node);
                stack.extend(members.iter().map(|m| &m.value));
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    out
}

/// Fields of JSONPath states whose values are payload templates (only `.$` keys are dynamic).
const TEMPLATES: &[&str] = &[
    "Parameters",
    "ResultSelector",
    "ItemSelector",
    "Assign",
    "Credentials",
    "BatchInput",
];

/// Fields never read as expressions or paths.
const STATIC: &[&str] = &[
    "Type",
    "Comment",
    "Next",
    "End",
    "Default",
    "Resource",
    "QueryLanguage",
    "Result",
    "ResultPath",
    "ErrorEquals",
    "Label",
    "Branches",
    "ItemProcessor",
    "Iterator",
];

struct Collector<'a, 't> {
    language: QueryLanguage,
    text: &'t str,
    format: Format,
    out: StateVars<'a>,
}

fn collect<'a>(
    language: QueryLanguage,
    state: &'a Node,
    pointer: &Pointer,
    text: &str,
    format: Format,
) -> StateVars<'a> {
    let mut c = Collector {
        language,
        text,
        format,
        out: StateVars::default(),
    };
    let Some(members) = state.as_object() else {
        return c.out;
    };
    for m in members {
        let p = pointer.key(&m.key.name);
        match m.key.name.as_str() {
            "Assign" => c.assign(m, &p, AssignSite::State),
            "Output" => c.value(
                "Output",
                &m.value,
                &p,
                &ReadIn::Output(AssignSite::State),
                false,
            ),
            "Catch" => c.nested(m, &p, AssignSite::Catch),
            "Choices" => c.nested(m, &p, AssignSite::Choice),
            name if STATIC.contains(&name) => {}
            name => c.value(
                name,
                &m.value,
                &p,
                &ReadIn::Other,
                TEMPLATES.contains(&name),
            ),
        }
    }
    c.out
}

impl<'a> Collector<'a, '_> {
    /// `Catch` or `Choices`: an array of objects that may have `Assign` and `Output`.
    fn nested(&mut self, m: &'a Member, pointer: &Pointer, site: fn(usize) -> AssignSite) {
        let Some(items) = m.value.as_array() else {
            return;
        };
        for (i, item) in items.iter().enumerate() {
            let p = pointer.index(i);
            for m in item.as_object().unwrap_or_default() {
                let pm = p.key(&m.key.name);
                match m.key.name.as_str() {
                    "Assign" => self.assign(m, &pm, site(i)),
                    "Output" => {
                        self.value("Output", &m.value, &pm, &ReadIn::Output(site(i)), false)
                    }
                    name if STATIC.contains(&name) => {}
                    name => self.value(name, &m.value, &pm, &ReadIn::Other, false),
                }
            }
        }
    }

    fn assign(&mut self, m: &'a Member, pointer: &Pointer, site: AssignSite) {
        let Some(members) = m.value.as_object() else {
            // A whole-object expression names no variables (and is an error of its own).
            self.value("Assign", &m.value, pointer, &ReadIn::Other, true);
            return;
        };
        for m in members {
            let key = m.key.name.as_str();
            let p = pointer.key(key);
            let name = match self.language {
                QueryLanguage::JsonPath => key.strip_suffix(".$").unwrap_or(key),
                QueryLanguage::Jsonata => key,
            };
            self.out.assigns.push(Assignment {
                name: name.to_string(),
                key,
                key_span: m.key.span,
                pointer: p.clone(),
                site,
            });
            let place = ReadIn::Assign {
                site,
                key: name.to_string(),
            };
            if self.language == QueryLanguage::JsonPath && key.ends_with(".$") {
                if let Some(s) = m.value.as_str() {
                    self.jsonpath(s, m.value.span, &p, &place);
                }
            } else {
                self.value(key, &m.value, &p, &place, true);
            }
        }
    }

    /// Walks a value for reads. `template`: a JSONPath payload template, where only `.$` keys
    /// are dynamic; elsewhere in JSONPath states `*Path` and `Variable` keys are paths too.
    fn value(&mut self, key: &str, node: &Node, pointer: &Pointer, place: &ReadIn, template: bool) {
        let mut stack = vec![(node, pointer.clone(), template, is_path_key(key, template))];
        while let Some((node, pointer, template, dynamic)) = stack.pop() {
            match &node.value {
                Value::String(s) => match self.language {
                    QueryLanguage::Jsonata => self.jsonata(s, node.span, &pointer, place),
                    QueryLanguage::JsonPath if dynamic => {
                        self.jsonpath(s, node.span, &pointer, place)
                    }
                    QueryLanguage::JsonPath => {}
                },
                Value::Object(members) => {
                    for m in members.iter().rev() {
                        let key = m.key.name.as_str();
                        let dynamic = is_path_key(key, template);
                        let template = template || TEMPLATES.contains(&key);
                        stack.push((&m.value, pointer.key(key), template, dynamic));
                    }
                }
                Value::Array(items) => {
                    for (i, item) in items.iter().enumerate().rev() {
                        stack.push((item, pointer.index(i), template, false));
                    }
                }
                _ => {}
            }
        }
    }

    fn positions(&self, span: Span, s: &str) -> StringPositions {
        StringPositions::new(self.text, self.format, span, s)
    }

    fn push(&mut self, name: &str, span: Span, pointer: &Pointer, place: &ReadIn, how: Found) {
        self.out.reads.push(Read {
            name: name.to_string(),
            span,
            pointer: pointer.clone(),
            place: place.clone(),
            guarded: how.guarded,
            function_name: how.function,
        });
    }

    /// A path or intrinsic call of a JSONPath state.
    fn jsonpath(&mut self, s: &str, span: Span, pointer: &Pointer, place: &ReadIn) {
        if s.contains("${") || s.contains("#{") {
            return;
        }
        let mut found: Vec<(String, usize)> = Vec::new();
        let lead = s.len() - s.trim_start().len();
        if s.trim_start().starts_with('$') {
            if let Ok(p) = path::parse(s, PathKind::Path)
                && let Root::Variable(name) = p.root
            {
                found.push((name, lead + 1));
            }
        } else if let Ok(expr) = intrinsic::parse(s) {
            let mut stack = vec![&expr];
            while let Some(e) = stack.pop() {
                match &e.kind {
                    ExprKind::Path(p) => {
                        if let Root::Variable(name) = &p.root {
                            let at = s[e.range.clone()]
                                .find('$')
                                .map_or(e.range.start, |i| e.range.start + i);
                            found.push((name.clone(), at + 1));
                        }
                    }
                    ExprKind::Call(call) => stack.extend(call.args.iter()),
                    _ => {}
                }
            }
        }
        if found.is_empty() {
            return;
        }
        let positions = self.positions(span, s);
        for (name, at) in found {
            let span = positions.span(at..at + name.len());
            self.push(&name, span, pointer, place, Found::default());
        }
    }

    /// A `{% %}` string of a JSONata state.
    fn jsonata(&mut self, s: &str, span: Span, pointer: &Pointer, place: &ReadIn) {
        let Some(inner) = s
            .strip_prefix("{%")
            .and_then(|r| r.strip_suffix("%}"))
            .filter(|_| s.len() >= 4)
        else {
            return;
        };
        let Ok(ast) = jsonata::parse(inner) else {
            self.out.loose.extend(loose_names(inner));
            return;
        };
        let mut found = Vec::new();
        free_variables(&ast.root, &mut Vec::new(), false, &mut found);
        if found.is_empty() {
            return;
        }
        let positions = self.positions(span, s);
        for (name, range, how) in found {
            let span = positions.span(range.start + 2..range.end + 2);
            self.push(&name, span, pointer, place, how);
        }
    }
}

/// Whether a string under `key` is a path or intrinsic call in a JSONPath state: a `.$` key,
/// or outside payload templates a `*Path` key (not `ResultPath`, which is written to) or a
/// Choice rule's `Variable`.
fn is_path_key(key: &str, template: bool) -> bool {
    key.ends_with(".$")
        || (!template && key != "ResultPath" && (key.ends_with("Path") || key == "Variable"))
}

/// `$name`s in text that did not parse.
fn loose_names(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(at) = rest.find('$') {
        rest = &rest[at + 1..];
        let len = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        if len > 0 {
            out.push(rest[..len].to_string());
        }
        rest = &rest[len..];
    }
    out
}

/// How a `$name` is used in a JSONata expression.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Found {
    /// A built-in function's name.
    function: bool,
    /// Inside `$exists(...)` or on the left of `??` or `?:`.
    guarded: bool,
}

/// The free `$name`s of a JSONata expression, in source order, with the byte range of `$name`.
/// `bound` holds the locals in scope. The parser caps nesting at [`jsonata::MAX_DEPTH`], which
/// bounds the recursion.
fn free_variables(
    node: &jsonata::Node,
    bound: &mut Vec<String>,
    guarded: bool,
    out: &mut Vec<(String, std::ops::Range<usize>, Found)>,
) {
    match &node.kind {
        Kind::Var(name) => {
            if name.is_empty() || name == "$" || name == "states" || bound.contains(name) {
                return;
            }
            let how = Found {
                function: crate::lang::jsonata::functions::is_function(name),
                guarded,
            };
            out.push((name.clone(), node.span.start..node.span.end, how));
        }
        Kind::Block(items) => {
            let mark = bound.len();
            for item in items {
                free_variables(item, bound, guarded, out);
            }
            bound.truncate(mark);
        }
        Kind::Bind { var, value } => {
            free_variables(value, bound, guarded, out);
            bound.push(var.name.clone());
        }
        Kind::Lambda { params, body, .. } => {
            let mark = bound.len();
            bound.extend(params.iter().map(|p| p.name.clone()));
            free_variables(body, bound, guarded, out);
            bound.truncate(mark);
        }
        Kind::Focus { lhs, var } | Kind::Index { lhs, var } => {
            free_variables(lhs, bound, guarded, out);
            bound.push(var.name.clone());
        }
        Kind::Call {
            procedure, args, ..
        } => {
            let exists = matches!(&procedure.kind, Kind::Var(n) if n == "exists");
            if !matches!(procedure.kind, Kind::Var(_)) {
                free_variables(procedure, bound, guarded, out);
            }
            for arg in args {
                free_variables(arg, bound, guarded || exists, out);
            }
        }
        Kind::Apply { lhs, rhs } => {
            free_variables(lhs, bound, guarded, out);
            if !matches!(rhs.kind, Kind::Var(_)) {
                free_variables(rhs, bound, guarded, out);
            }
        }
        Kind::Condition {
            condition,
            then,
            otherwise,
        } => {
            let first = out.len();
            free_variables(condition, bound, guarded, out);
            let tested: Vec<String> = out[first..].iter().map(|(n, _, _)| n.clone()).collect();
            let first = out.len();
            free_variables(then, bound, guarded, out);
            // `$x ? $x.y : z`: the branch runs only when `$x` is defined.
            for read in &mut out[first..] {
                read.2.guarded |= tested.contains(&read.0);
            }
            if let Some(otherwise) = otherwise {
                free_variables(otherwise, bound, guarded, out);
            }
        }
        Kind::Binary {
            op: jsonata::BinaryOp::Coalesce | jsonata::BinaryOp::Default,
            lhs,
            rhs,
        } => {
            free_variables(lhs, bound, true, out);
            free_variables(rhs, bound, guarded, out);
        }
        _ => {
            for child in node.children() {
                free_variables(child, bound, guarded, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn free(expr: &str) -> Vec<String> {
        let ast = jsonata::parse(expr).expect("parses");
        let mut out = Vec::new();
        free_variables(&ast.root, &mut Vec::new(), false, &mut out);
        out.into_iter()
            .filter(|(_, _, f)| !f.function)
            .map(|(n, _, _)| n)
            .collect()
    }

    #[test]
    fn locals_functions_and_states_are_not_variables() {
        assert_eq!(free("$states.input.a & $x.b"), ["x"]);
        assert_eq!(free("($y := 1; $y + $z)"), ["z"]);
        assert_eq!(free("($y := $y + 1; $y)"), ["y"]);
        assert_eq!(free("$map($list, function($v) { $v * $k })"), ["list", "k"]);
        assert_eq!(free("$uppercase($name) ~> $trim"), ["name"]);
        assert_eq!(free("$ + $$.a"), Vec::<String>::new());
        assert_eq!(free("$map($a, $string)"), ["a"]);
        assert_eq!(free("$exists($a) ? $a : ($b ?? 1)"), ["a", "a", "b"]);
        let ast = jsonata::parse("$exists($a) ? $a.b : $c").expect("parses");
        let mut out = Vec::new();
        free_variables(&ast.root, &mut Vec::new(), false, &mut out);
        let guarded: Vec<bool> = out.iter().map(|r| r.2.guarded).collect();
        assert_eq!(guarded, [true, true, false]);
    }

    #[test]
    fn loose_names_scan() {
        assert_eq!(loose_names("$a + $b_2 ($"), ["a", "b_2"]);
    }
}
