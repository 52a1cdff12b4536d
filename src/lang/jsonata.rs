//! JSONata expressions (the `{% ... %}` strings of `QueryLanguage: JSONata` machines): a parser
//! that gives every node its byte span and reports JSONata's own error codes.
//!
//! ```
//! use asl_lint::lang::jsonata;
//! let ast = jsonata::parse("$states.input.items[price > 10].$uppercase(name)").unwrap();
//! let calls: Vec<_> = ast.function_calls().map(|(name, _span)| name).collect();
//! assert_eq!(calls, ["uppercase"]);
//! let err = jsonata::parse("[1, 2)").unwrap_err();
//! assert_eq!((err.code, err.offset), ("S0202", 5));
//! ```
//!
//! # Why our own parser
//! Decided for issue 4 after looking at the Rust crates (December 2026):
//! - `jsonata-core` 2.2.13 (MIT, active, claims the whole reference suite): its `AstNode` has no
//!   positions at all, and its parse errors carry no offset; it is an evaluator first (see the
//!   report on issue 4 for what it could do for the simulator).
//! - `jsonata-rs` 0.3.4 (Apache-2.0, Stedi, "incomplete", alpha): nodes carry one `char_index`
//!   (a character index of the start, no end, not bytes), in a bumpalo arena.
//! - `jsonata` 0.0.0: a placeholder.
//!
//! None gives a span for every node, which every rule and every simulator error message needs,
//! and the grammar is small (the reference parser is about 1,400 lines of JavaScript), so it is
//! written here: a Pratt parser with the binding powers of the reference's `parser.js`
//! (jsonata-js 2.x, with the 2.1 operators `??` and `?:`), the same token rules, the same error
//! codes at the same points, and the reference's post-parse checks (S0209, S0210, S0213,
//! S0215 to S0217). `tests/jsonata_suite.rs` holds it to the reference test suite.
//!
//! # Limits
//! Nesting deeper than [`MAX_DEPTH`] (brackets, or operators applied one to another) is the
//! error `L0001`, asl-lint's own code: the parser and every walk over the tree stay within the
//! stack. The parser never panics.

mod ast;
mod check;
pub mod eval;
pub mod functions;
mod lexer;
mod parser;
mod signature;
#[cfg(test)]
mod tests;

pub use ast::{BinaryOp, Ident, Kind, Node, SortTerm};
pub use signature::{SigParam, Signature};

use crate::syntax::Span;

/// The deepest nesting accepted.
pub const MAX_DEPTH: usize = 200;

/// A parsed expression.
#[derive(Debug, Clone, PartialEq)]
pub struct Ast {
    pub root: Node,
}

/// Why an expression does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// JSONata's code (`S0202`), or `L0001` for nesting deeper than [`MAX_DEPTH`].
    pub code: &'static str,
    /// What is wrong, in the project's message style.
    pub message: String,
    /// Byte offset into the expression of the offending token (its length for the end).
    pub offset: usize,
    /// Byte offset where the offending token ends.
    pub end: usize,
}

impl Error {
    pub(crate) fn new(code: &'static str, offset: usize, end: usize) -> Self {
        Error {
            code,
            message: template(code).to_string(),
            offset,
            end: end.max(offset),
        }
    }

    /// Fills `{token}` in the message.
    pub(crate) fn token(mut self, token: &str) -> Self {
        self.message = self.message.replace("{token}", token);
        self
    }

    /// Fills `{value}` in the message.
    pub(crate) fn value(mut self, value: &str) -> Self {
        self.message = self.message.replace("{value}", value);
        self
    }

    pub fn span(&self) -> Span {
        Span::new(self.offset, self.end)
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for Error {}

/// Messages of the reference implementation (`jsonata.js`, `errorCodes`), in our message style.
fn template(code: &str) -> &'static str {
    match code {
        "S0101" => "string literal must be terminated by a matching quote",
        "S0102" => "number out of range: `{token}`",
        "S0103" => "unsupported escape sequence: `\\{token}`",
        "S0104" => "the escape sequence `\\u` must be followed by 4 hex digits",
        "S0105" => "quoted property name must be terminated with a backquote (`` ` ``)",
        "S0106" => "comment has no closing tag",
        "S0201" => "syntax error: `{token}`",
        "S0202" => "expected `{value}`, got `{token}`",
        "S0203" => "expected `{value}` before end of expression",
        "S0204" => "unknown operator: `{token}`",
        "S0207" => "unexpected end of expression",
        "S0208" => {
            "parameter {value} of function definition must be a variable name (start with `$`)"
        }
        "S0209" => "a predicate cannot follow a grouping expression in a step",
        "S0210" => "each step can only have one grouping expression",
        "S0211" => "the symbol `{token}` cannot be used as a unary operator",
        "S0212" => "the left side of `:=` must be a variable name (start with `$`)",
        "S0213" => "a literal value cannot be used as a step within a path expression",
        "S0214" => "the right side of `{token}` must be a variable name (start with `$`)",
        "S0215" => "a context variable binding must precede any predicates on a step",
        "S0216" => "a context variable binding must precede the order-by clause on a step",
        "S0217" => "the object representing the parent cannot be derived from this expression",
        "S0301" => "empty regular expressions are not allowed",
        "S0302" => "no terminating `/` in regular expression",
        "S0401" => "type parameters can only be applied to functions and arrays",
        "S0402" => "choice groups containing parameterized types are not supported",
        "L0001" => "the expression is nested too deeply",
        _ => "syntax error",
    }
}

/// Parses one JSONata expression (the text between `{%` and `%}`). Spans and offsets are byte
/// offsets into `expr`. Gives the first error, with the code the reference implementation
/// gives for it.
pub fn parse(expr: &str) -> Result<Ast, Error> {
    let mut parser = parser::Parser::new(expr);
    let root = parser.parse()?;
    if let Some(err) = parser.deferred.take() {
        return Err(err);
    }
    check::check(&root)?;
    Ok(Ast { root })
}

impl Ast {
    /// Every node, parents before children, in source order.
    pub fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.root.descendants()
    }

    /// Every call of a function by name, `$name(...)`, with the name (without `$`) and the span
    /// of `$name`. Calls of other expressions (`$f()()`, `(function($x){..})(1)`) are not listed.
    pub fn function_calls(&self) -> impl Iterator<Item = (&str, Span)> {
        self.nodes().filter_map(|node| match &node.kind {
            Kind::Call { procedure, .. } => match &procedure.kind {
                Kind::Var(name) => Some((name.as_str(), procedure.span)),
                _ => None,
            },
            _ => None,
        })
    }

    /// Every variable read, `$name` (without `$`; `$` itself is `""`, `$$` is `"$"`), with its
    /// span, function names in calls included. Bindings (`$x :=`, lambda parameters, `@$x`,
    /// `#$i`) are not reads and are not listed.
    pub fn variable_refs(&self) -> impl Iterator<Item = (&str, Span)> {
        self.nodes().filter_map(|node| match &node.kind {
            Kind::Var(name) => Some((name.as_str(), node.span)),
            _ => None,
        })
    }

    /// The steps of the top-level path (`a.b[0].c` gives `a`, `b[0]`, `c`), looking through an
    /// order-by or a grouping applied to the whole path (`a.b^(c)`, `a.b{k: v}`), which bind
    /// more loosely than `.`; any other expression is its own one step.
    pub fn top_level_steps(&self) -> &[Node] {
        let mut node = &self.root;
        while let Kind::Sort { lhs, .. } | Kind::Group { lhs, .. } = &node.kind {
            node = lhs;
        }
        match &node.kind {
            Kind::Path(steps) => steps,
            _ => std::slice::from_ref(node),
        }
    }
}
