//! YAML into the spanned tree, from saphyr-parser's events.

use super::Parsed;

/// Parses the first document of `text`.
pub fn parse(_text: &str) -> Parsed {
    Parsed::default()
}
