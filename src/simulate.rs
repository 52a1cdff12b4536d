//! Dry-run a state machine (issue 6).

pub mod eval;
