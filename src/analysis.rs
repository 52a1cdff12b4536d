//! Facts about a lowered machine, computed once and shared by the rules and the `graph` command.
//!
//! - [`graph`]: the state graph (scopes, transitions, reachability, cycles) and its DOT and
//!   Mermaid renderings.

pub mod graph;
pub mod variables;

pub use graph::{EdgeKind, Graph, NodeId, ScopeId, ScopeInfo, TransitionInfo};
