//! The JSONata syntax tree: one [`Node`] per construct, each with the byte span it was parsed
//! from. The shape follows the syntax (as the reference parser's tree before its post-pass),
//! except that a chain `a.b.c` is one [`Kind::Path`] with its steps in order.

use crate::syntax::Span;

/// One node of the tree.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub kind: Kind,
    /// Bytes of the expression string this node was parsed from, tokens and brackets included.
    pub span: Span,
}

/// A name with its span: a lambda parameter or a bound variable (without the `$`).
#[derive(Debug, Clone, PartialEq)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// `"text"` or `'text'`, escapes decoded.
    Str(String),
    Num(f64),
    Bool(bool),
    Null,
    /// `/pattern/flags` (flags: `i`, `m`).
    Regex {
        pattern: String,
        flags: String,
    },
    /// A field name, plain or quoted with backticks; also `and`, `or`, `in` used as names.
    Name(String),
    /// `$name` without the `$`: `$` is the empty name (the context), `$$` is `"$"` (the root).
    Var(String),
    /// `*`: every field of the context.
    Wildcard,
    /// `**`: every descendant of the context.
    Descendant,
    /// `%`: the parent of the context.
    Parent,
    /// `a.b.c`: two or more steps, in order.
    Path(Vec<Node>),
    /// `-x`.
    Neg(Box<Node>),
    Binary {
        op: BinaryOp,
        lhs: Box<Node>,
        rhs: Box<Node>,
    },
    /// `[a, b, c]`; an item may be a [`BinaryOp::Range`].
    Array(Vec<Node>),
    /// `{k: v, ...}`: pairs in order.
    Object(Vec<(Node, Node)>),
    /// `step[predicate]`: an index or a filter.
    Filter {
        lhs: Box<Node>,
        predicate: Box<Node>,
    },
    /// `step[]`: keep singleton arrays.
    KeepArray(Box<Node>),
    /// `step{k: v, ...}`: grouping.
    Group {
        lhs: Box<Node>,
        pairs: Vec<(Node, Node)>,
    },
    /// `lhs^(<a, >b)`: order-by.
    Sort {
        lhs: Box<Node>,
        terms: Vec<SortTerm>,
    },
    /// `step@$v`: bind each item of the step to `$v`, keep the context.
    Focus {
        lhs: Box<Node>,
        var: Ident,
    },
    /// `step#$i`: bind the position of each item to `$i`.
    Index {
        lhs: Box<Node>,
        var: Ident,
    },
    /// `f(a, b)`; `partial` when an argument is the placeholder `?`.
    Call {
        procedure: Box<Node>,
        args: Vec<Node>,
        partial: bool,
    },
    /// `?` as an argument of a partial application.
    Placeholder,
    /// `function($a, $b)<sig>{body}` or with `λ`.
    Lambda {
        params: Vec<Ident>,
        signature: Option<super::signature::Signature>,
        body: Box<Node>,
    },
    /// `cond ? then : else` (`else` optional).
    Condition {
        condition: Box<Node>,
        then: Box<Node>,
        otherwise: Option<Box<Node>>,
    },
    /// `(a; b; c)`: evaluated in order, the value is the last one's.
    Block(Vec<Node>),
    /// `$v := value`.
    Bind {
        var: Ident,
        value: Box<Node>,
    },
    /// `lhs ~> rhs`: function application chain.
    Apply {
        lhs: Box<Node>,
        rhs: Box<Node>,
    },
    /// `| pattern | update, delete |`.
    Transform {
        pattern: Box<Node>,
        update: Box<Node>,
        delete: Option<Box<Node>>,
    },
}

/// One term of an order-by: `>expr` is descending, `<expr` and `expr` ascending.
#[derive(Debug, Clone, PartialEq)]
pub struct SortTerm {
    pub descending: bool,
    pub expr: Node,
}

/// Infix operators that combine two values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryOp {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    /// `&`: string concatenation.
    Concat,
    And,
    Or,
    In,
    /// `a..b`, only inside an array constructor.
    Range,
    /// `a ?: b`: `a` when it is truthy, else `b` (JSONata 2.1).
    Default,
    /// `a ?? b`: `a` when it exists, else `b` (JSONata 2.1).
    Coalesce,
}

impl BinaryOp {
    /// The operator as written.
    pub fn as_str(self) -> &'static str {
        match self {
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
            BinaryOp::Mod => "%",
            BinaryOp::Eq => "=",
            BinaryOp::Ne => "!=",
            BinaryOp::Lt => "<",
            BinaryOp::Le => "<=",
            BinaryOp::Gt => ">",
            BinaryOp::Ge => ">=",
            BinaryOp::Concat => "&",
            BinaryOp::And => "and",
            BinaryOp::Or => "or",
            BinaryOp::In => "in",
            BinaryOp::Range => "..",
            BinaryOp::Default => "?:",
            BinaryOp::Coalesce => "??",
        }
    }

    pub(crate) fn from_token(op: &str) -> Option<BinaryOp> {
        Some(match op {
            "+" => BinaryOp::Add,
            "-" => BinaryOp::Sub,
            "*" => BinaryOp::Mul,
            "/" => BinaryOp::Div,
            "%" => BinaryOp::Mod,
            "=" => BinaryOp::Eq,
            "!=" => BinaryOp::Ne,
            "<" => BinaryOp::Lt,
            "<=" => BinaryOp::Le,
            ">" => BinaryOp::Gt,
            ">=" => BinaryOp::Ge,
            "&" => BinaryOp::Concat,
            "and" => BinaryOp::And,
            "or" => BinaryOp::Or,
            "in" => BinaryOp::In,
            "?:" => BinaryOp::Default,
            "??" => BinaryOp::Coalesce,
            _ => return None,
        })
    }
}

impl Node {
    pub(crate) fn new(kind: Kind, span: Span) -> Self {
        Node { kind, span }
    }

    /// The direct children, in source order.
    pub fn children(&self) -> Vec<&Node> {
        let mut out = Vec::new();
        match &self.kind {
            Kind::Str(_)
            | Kind::Num(_)
            | Kind::Bool(_)
            | Kind::Null
            | Kind::Regex { .. }
            | Kind::Name(_)
            | Kind::Var(_)
            | Kind::Wildcard
            | Kind::Descendant
            | Kind::Parent
            | Kind::Placeholder => {}
            Kind::Path(items) | Kind::Array(items) | Kind::Block(items) => out.extend(items),
            Kind::Neg(inner) | Kind::KeepArray(inner) => out.push(&**inner),
            Kind::Binary { lhs, rhs, .. } | Kind::Apply { lhs, rhs } => {
                out.push(&**lhs);
                out.push(&**rhs);
            }
            Kind::Object(pairs) => pairs.iter().for_each(|(k, v)| out.extend([k, v])),
            Kind::Filter { lhs, predicate } => out.extend([&**lhs, &**predicate]),
            Kind::Group { lhs, pairs } => {
                out.push(&**lhs);
                pairs.iter().for_each(|(k, v)| out.extend([k, v]));
            }
            Kind::Sort { lhs, terms } => {
                out.push(&**lhs);
                out.extend(terms.iter().map(|t| &t.expr));
            }
            Kind::Focus { lhs, .. } | Kind::Index { lhs, .. } => out.push(&**lhs),
            Kind::Call {
                procedure, args, ..
            } => {
                out.push(&**procedure);
                out.extend(args);
            }
            Kind::Lambda { body, .. } => out.push(&**body),
            Kind::Condition {
                condition,
                then,
                otherwise,
            } => {
                out.extend([&**condition, &**then]);
                out.extend(otherwise.as_deref());
            }
            Kind::Bind { value, .. } => out.push(&**value),
            Kind::Transform {
                pattern,
                update,
                delete,
            } => {
                out.extend([&**pattern, &**update]);
                out.extend(delete.as_deref());
            }
        }
        out
    }

    /// This node and all below it, depth first, parents before children, in source order.
    /// Uses its own stack, so it is safe on any tree the parser returns.
    pub fn descendants(&self) -> impl Iterator<Item = &Node> {
        let mut stack = vec![self];
        std::iter::from_fn(move || {
            let node = stack.pop()?;
            stack.extend(node.children().into_iter().rev());
            Some(node)
        })
    }
}
