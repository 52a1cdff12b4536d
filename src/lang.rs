//! The languages inside a definition's strings: resource ARNs (and, elsewhere, paths).
pub mod arn;
