//! The registry of rules and the checks that run over the typed AST.

use crate::CheckOptions;
use crate::ast::StateMachine;
use crate::diagnostics::Diagnostic;

pub fn check(_machine: &StateMachine, _options: &CheckOptions, _out: &mut Vec<Diagnostic>) {}
