//! The mini-languages inside JSONPath-state strings, each a parser with byte positions in the
//! decoded string (map them to the source with [`crate::syntax::strings`]).
//!
//! - [`path`]: Paths, Reference Paths, context paths `$$.…` and variable paths `$name.…`.
//! - [`intrinsic`]: intrinsic function calls `States.Format('{}', $.a)` and their signatures.

pub mod intrinsic;
pub mod path;
