//! The typed AST of a state machine.

use crate::diagnostics::Diagnostic;
use crate::syntax::Node;

#[derive(Debug)]
pub struct StateMachine {}

#[derive(Debug, Default)]
pub struct Lowered {
    pub machine: Option<StateMachine>,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn lower(_root: &Node, _source_len: usize) -> Lowered {
    Lowered::default()
}
