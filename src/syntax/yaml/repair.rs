//! A second chance for YAML that PyYAML and CloudFormation accept but saphyr-parser rejects:
//! continuation lines of a flow collection (`KeyPolicy: {` ... `}`) or of a multi-line quoted
//! scalar that are indented no more than the key they belong to. Such lines are re-indented one
//! column past the key, which changes no value (indentation inside flow collections and the
//! leading blanks of folded quoted lines carry no meaning), and every position found in the
//! repaired text is mapped back to the original.

use super::super::{Node, Span, Value};
use crate::diagnostics::Diagnostic;

/// The repaired text and where it inserted blanks.
pub(super) struct Repaired {
    pub text: String,
    /// `(offset in the repaired text, blanks inserted there)`, in order.
    inserted: Vec<(usize, usize)>,
}

impl Repaired {
    /// The original offset of repaired offset `r` (inside inserted blanks: the line start).
    pub fn original(&self, r: usize) -> usize {
        let mut shift = 0;
        for &(at, count) in &self.inserted {
            if r < at {
                break;
            }
            if r < at + count {
                return at - shift;
            }
            shift += count;
        }
        r - shift
    }

    fn span(&self, span: Span) -> Span {
        Span::new(self.original(span.start), self.original(span.end))
    }

    /// Maps every span of `root` and of `diagnostics` back to the original text.
    pub fn map_back(&self, root: Option<&mut Node>, diagnostics: &mut [Diagnostic]) {
        if let Some(root) = root {
            let mut stack = vec![root];
            while let Some(node) = stack.pop() {
                node.span = self.span(node.span);
                match &mut node.value {
                    Value::Array(items) => stack.extend(items.iter_mut()),
                    Value::Object(members) => {
                        for member in members.iter_mut() {
                            member.key.span = self.span(member.key.span);
                        }
                        stack.extend(members.iter_mut().map(|m| &mut m.value));
                    }
                    _ => {}
                }
            }
        }
        for d in diagnostics {
            d.span = self.span(d.span);
            for label in &mut d.labels {
                label.span = self.span(label.span);
            }
        }
    }
}

/// The text with under-indented continuation lines re-indented, or `None` when no line needed it.
pub(super) fn reindent(text: &str) -> Option<Repaired> {
    let mut out = String::with_capacity(text.len() + 256);
    let mut inserted = Vec::new();
    let mut state = State::default();
    for line in text.split_inclusive('\n') {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let blank = line.trim().is_empty();
        if let Some(block) = state.block_indent {
            if blank || indent > block {
                out.push_str(line);
                continue;
            }
            state.block_indent = None;
        }
        let continuing = state.flow_depth > 0 || state.quote.is_some();
        if continuing && !blank && indent <= state.anchor_indent {
            let add = state.anchor_indent + 1 - indent;
            inserted.push((out.len(), add));
            out.extend(std::iter::repeat_n(' ', add));
        }
        out.push_str(line);
        state.scan(line, indent, continuing);
    }
    (!inserted.is_empty()).then_some(Repaired {
        text: out,
        inserted,
    })
}

#[derive(Default)]
struct State {
    flow_depth: usize,
    quote: Option<char>,
    /// The indentation of the line where the open flow collection or quoted scalar began.
    anchor_indent: usize,
    /// Inside a block scalar (`|`, `>`) whose header line has this indentation.
    block_indent: Option<usize>,
}

impl State {
    fn scan(&mut self, line: &str, indent: usize, continuing: bool) {
        let mut previous = ' ';
        let mut first = true;
        let mut chars = line.char_indices().peekable();
        while let Some((_, c)) = chars.next() {
            if let Some(q) = self.quote {
                match c {
                    '\\' if q == '"' => {
                        chars.next();
                    }
                    '\'' if q == '\'' && chars.peek().is_some_and(|&(_, n)| n == '\'') => {
                        chars.next();
                    }
                    c if c == q => self.quote = None,
                    _ => {}
                }
                previous = c;
                continue;
            }
            match c {
                '#' if previous.is_whitespace() => break,
                '"' | '\'' if first || ":-[{,?".contains(previous) => {
                    if self.flow_depth == 0 {
                        self.anchor_indent = indent;
                    }
                    self.quote = Some(c);
                }
                '[' | '{' if first || ":-[{,?".contains(previous) || self.flow_depth > 0 => {
                    if self.flow_depth == 0 {
                        self.anchor_indent = indent;
                    }
                    self.flow_depth += 1;
                }
                ']' | '}' if self.flow_depth > 0 => self.flow_depth -= 1,
                _ => {}
            }
            if !c.is_whitespace() {
                previous = c;
                first = false;
            }
        }
        if self.flow_depth == 0 && self.quote.is_none() && !continuing && block_header(line) {
            self.block_indent = Some(indent);
        }
    }
}

/// Whether `line` ends with a block scalar indicator (`key: |`, `- >-`, `key: |2+`).
fn block_header(line: &str) -> bool {
    let code = match line.find(" #") {
        Some(i) => &line[..i],
        None => line,
    };
    let trimmed = code.trim_end();
    let Some(last_word) = trimmed.rsplit([' ', '\t']).next() else {
        return false;
    };
    let mut chars = last_word.chars();
    matches!(chars.next(), Some('|' | '>'))
        && chars.all(|c| c == '+' || c == '-' || c.is_ascii_digit())
        && (trimmed.len() == last_word.len()
            || trimmed[..trimmed.len() - last_word.len()]
                .trim_end()
                .ends_with([':', '-']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flow_collections_closed_at_the_key_column_are_reindented() {
        let text = "A:\n  Policy: {\n    \"a\": 1\n  }\nB: 2\n";
        let repaired = reindent(text).expect("a repair");
        assert_eq!(repaired.text, "A:\n  Policy: {\n    \"a\": 1\n   }\nB: 2\n");
        let brace = repaired.text.rfind('}').unwrap();
        assert_eq!(repaired.original(brace), text.rfind('}').unwrap());
        let b = repaired.text.find("B:").unwrap();
        assert_eq!(repaired.original(b), text.find("B:").unwrap());
    }

    #[test]
    fn quoted_scalars_and_block_scalars() {
        let text = "V: \"{\n  \\\"x\\\": 1\n}\"\nS: |\n  [ not flow\nT: 1\n";
        let repaired = reindent(text).expect("a repair");
        assert_eq!(
            repaired.text,
            "V: \"{\n  \\\"x\\\": 1\n }\"\nS: |\n  [ not flow\nT: 1\n"
        );
        assert!(reindent("A: it's fine\nB: [1,\n    2]\n").is_none());
    }

    #[test]
    fn apostrophes_in_plain_scalars_are_not_quotes() {
        assert!(reindent("Description: It's a key's value\nNext: [a,\n  b]\n").is_none());
    }
}
