//! The mini-languages inside a definition's strings, each a parser with byte positions in the
//! decoded string (map them to the source with [`crate::syntax::strings`]).
//!
//! - [`path`]: Paths, Reference Paths, context paths `$$.…` and variable paths `$name.…`.
//! - [`intrinsic`]: intrinsic function calls `States.Format('{}', $.a)` and their signatures.
//! - [`jsonata`]: JSONata expressions (the `{% ... %}` strings of JSONata states).
//! - [`arn`]: resource ARNs and the table of optimized service integrations.

pub mod arn;
pub mod intrinsic;
pub mod jsonata;
pub mod path;
