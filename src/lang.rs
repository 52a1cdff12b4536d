//! Languages inside strings: JSONPath, intrinsic functions, JSONata, ARNs.

pub mod jsonata;
