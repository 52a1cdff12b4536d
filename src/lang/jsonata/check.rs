//! The errors the reference parser finds after building its tree (its `processAST` stage):
//! literal steps in a path (S0213), predicates and groups after a group (S0209, S0210),
//! a focus binding after a predicate or an order-by (S0215, S0216), and a parent `%` that no
//! step can resolve (S0217). Recursion is bounded by the parser's depth limit.

use super::Error;
use super::ast::{Kind, Node};

pub(crate) fn check(root: &Node) -> Result<(), Error> {
    structure(root)?;
    if matches!(root.kind, Kind::Parent) || !seek(root)?.is_empty() {
        return Err(parent_error(root));
    }
    Ok(())
}

fn parent_error(node: &Node) -> Error {
    Error::new("S0217", node.span.start, node.span.end)
}

/// The wrappers a step can carry (`a[0]`, `a[]`, `a{..}`, `a@$v`, `a#$i`), outermost first.
fn chain(node: &Node) -> impl Iterator<Item = &Node> {
    std::iter::successors(Some(node), |n| match &n.kind {
        Kind::Filter { lhs, .. }
        | Kind::KeepArray(lhs)
        | Kind::Group { lhs, .. }
        | Kind::Focus { lhs, .. }
        | Kind::Index { lhs, .. } => Some(&**lhs),
        _ => None,
    })
}

/// The step under its wrappers.
fn base(node: &Node) -> &Node {
    chain(node).last().unwrap_or(node)
}

fn has_group(node: &Node) -> bool {
    chain(node).any(|n| matches!(n.kind, Kind::Group { .. }))
}

fn structure(node: &Node) -> Result<(), Error> {
    match &node.kind {
        Kind::Path(steps) => {
            for step in steps {
                if matches!(step.kind, Kind::Num(_) | Kind::Bool(_) | Kind::Null) {
                    return Err(Error::new("S0213", step.span.start, step.span.end));
                }
            }
        }
        Kind::Filter { lhs, .. } if has_group(lhs) => {
            return Err(Error::new("S0209", node.span.start, node.span.end));
        }
        Kind::Group { lhs, .. } if has_group(lhs) => {
            return Err(Error::new("S0210", node.span.start, node.span.end));
        }
        Kind::Focus { lhs, .. } => {
            if chain(lhs).any(|n| matches!(n.kind, Kind::Filter { .. })) {
                return Err(Error::new("S0215", node.span.start, node.span.end));
            }
            if matches!(lhs.kind, Kind::Sort { .. }) {
                return Err(Error::new("S0216", node.span.start, node.span.end));
            }
        }
        _ => {}
    }
    node.children().into_iter().try_for_each(structure)
}

/// One step of a path as the reference flattens it: an order-by is a step of its own after the
/// steps it sorts.
#[derive(Clone, Copy)]
enum Step<'a> {
    Node(&'a Node),
    Sort(&'a Node),
}

fn flatten<'a>(node: &'a Node, out: &mut Vec<Step<'a>>) {
    match &node.kind {
        Kind::Path(steps) => steps.iter().for_each(|s| flatten(s, out)),
        Kind::Sort { lhs, .. } => {
            flatten(lhs, out);
            out.push(Step::Sort(node));
        }
        _ => out.push(Step::Node(node)),
    }
}

/// The levels (how many steps up) of the `%` inside `node` that are not resolved within it.
fn seek(node: &Node) -> Result<Vec<u32>, Error> {
    let mut out = Vec::new();
    match &node.kind {
        Kind::Parent => out.push(1),
        Kind::Path(_) | Kind::Sort { .. } => {
            let mut steps = Vec::new();
            flatten(node, &mut steps);
            if let Some(Step::Node(first)) = steps.first()
                && matches!(first.kind, Kind::Parent)
            {
                out.push(1);
            }
            for i in 1..steps.len() {
                let slots = match steps[i] {
                    Step::Node(step) => seek(step)?,
                    Step::Sort(sort) => sort_slots(sort)?,
                };
                for level in slots {
                    if let Some(level) = resolve(level, &steps[..i])? {
                        out.push(level);
                    }
                }
            }
        }
        Kind::Filter { lhs, predicate } => {
            out = seek(lhs)?;
            for level in seek(predicate)? {
                let level = if level == 1 {
                    seek_parent(base(lhs), level)?
                } else {
                    level - 1
                };
                if level > 0 {
                    out.push(level);
                }
            }
        }
        Kind::KeepArray(lhs)
        | Kind::Group { lhs, .. }
        | Kind::Focus { lhs, .. }
        | Kind::Index { lhs, .. } => out = seek(lhs)?,
        Kind::Call { args, .. } => {
            for arg in args {
                out.extend(seek(arg)?);
            }
        }
        Kind::Lambda { .. } | Kind::Transform { .. } | Kind::Apply { .. } => {}
        Kind::Bind { value, .. } => out = seek(value)?,
        _ => {
            for child in node.children() {
                out.extend(seek(child)?);
            }
        }
    }
    Ok(out)
}

fn sort_slots(sort: &Node) -> Result<Vec<u32>, Error> {
    let Kind::Sort { terms, .. } = &sort.kind else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for term in terms {
        out.extend(seek(&term.expr)?);
    }
    Ok(out)
}

fn is_focus(step: Step) -> bool {
    let Step::Node(node) = step else { return false };
    chain(node).any(|n| matches!(n.kind, Kind::Focus { .. }))
}

/// Walks back over `before` (the steps before the one holding the `%`) until the level is used
/// up; what is left over goes further out.
fn resolve(mut level: u32, before: &[Step]) -> Result<Option<u32>, Error> {
    let mut index = before.len();
    while level > 0 {
        if index == 0 {
            return Ok(Some(level));
        }
        index -= 1;
        let mut step = before[index];
        while index > 0 && is_focus(step) && is_focus(before[index - 1]) {
            index -= 1;
            step = before[index];
        }
        level = match step {
            Step::Node(node) => seek_parent(node, level)?,
            Step::Sort(sort) => return Err(parent_error(sort)),
        };
    }
    Ok(None)
}

/// What a step does to a pending `%` level: a name or a wildcard uses one up, a `%` adds one.
fn seek_parent(node: &Node, level: u32) -> Result<u32, Error> {
    let node = base(node);
    match &node.kind {
        Kind::Name(_) | Kind::Wildcard => Ok(level - 1),
        Kind::Parent => Ok(level + 1),
        Kind::Block(items) => match items.last() {
            Some(last) => seek_parent(last, level),
            None => Ok(level),
        },
        Kind::Path(_) | Kind::Sort { .. } => {
            let mut steps = Vec::new();
            flatten(node, &mut steps);
            let Some((last, before)) = steps.split_last() else {
                return Ok(level);
            };
            let level = match last {
                Step::Node(n) => seek_parent(n, level)?,
                Step::Sort(s) => return Err(parent_error(s)),
            };
            Ok(resolve(level, before)?.unwrap_or(0))
        }
        _ => Err(parent_error(node)),
    }
}
