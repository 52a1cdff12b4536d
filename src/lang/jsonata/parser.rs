//! A Pratt (top-down operator precedence) parser with the reference implementation's binding
//! powers and error codes. Errors the reference finds in its post-parse stage live in `check`.

use super::ast::{BinaryOp, Ident, Kind, Node, SortTerm};
use super::lexer::{Lexer, Tok, Token};
use super::{Error, MAX_DEPTH, signature};
use crate::syntax::Span;

/// Left binding power of each operator, from the reference's `operators` table as its symbol
/// table uses it (operators with no infix meaning bind with 0). `??` and `?:` are JSONata 2.1's.
fn lbp(tok: &Tok) -> u8 {
    let Tok::Op(op) = tok else { return 0 };
    match *op {
        "[" | "(" | "@" | "#" => 80,
        "." => 75,
        "{" => 70,
        "*" | "/" | "%" => 60,
        "+" | "-" | "&" => 50,
        "=" | "!=" | "<" | "<=" | ">" | ">=" | "^" | "~>" | "in" | "??" | "?:" => 40,
        "and" => 30,
        "or" => 25,
        "?" => 20,
        ":=" => 10,
        _ => 0,
    }
}

/// Operator tokens the grammar knows; any other (`!`, `~`) is S0204 as soon as it is read.
fn known(op: &str) -> bool {
    !matches!(op, "!" | "~")
}

pub(crate) struct Parser<'a> {
    src: &'a str,
    lexer: Lexer<'a>,
    tok: Token,
    prev_end: usize,
    depth: usize,
    /// An error the reference reports only after parsing (an operand missing at the end).
    pub deferred: Option<Error>,
}

impl<'a> Parser<'a> {
    pub fn new(src: &'a str) -> Self {
        Parser {
            src,
            lexer: Lexer::new(src),
            tok: Token {
                kind: Tok::End,
                span: Span::at(0),
            },
            prev_end: 0,
            depth: 0,
            deferred: None,
        }
    }

    /// The whole expression.
    pub fn parse(&mut self) -> Result<Node, Error> {
        self.advance(None, false)?;
        let node = self.expression(0)?;
        if self.tok.kind != Tok::End {
            return Err(self.error_here("S0201"));
        }
        Ok(node)
    }

    fn text(&self, span: Span) -> &'a str {
        self.src.get(span.start..span.end).unwrap_or("")
    }

    fn error_here(&self, code: &'static str) -> Error {
        Error::new(code, self.tok.span.start, self.tok.span.end).token(self.text(self.tok.span))
    }

    fn is(&self, op: &str) -> bool {
        matches!(self.tok.kind, Tok::Op(o) if o == op)
    }

    /// Checks that the current token is `expected` (if given), then reads the next one.
    /// `after_operand` is true where the next token follows an operand (a `/` there divides).
    fn advance(
        &mut self,
        expected: Option<&'static str>,
        after_operand: bool,
    ) -> Result<(), Error> {
        if let Some(expected) = expected
            && !self.is(expected)
        {
            let code = if self.tok.kind == Tok::End {
                "S0203"
            } else {
                "S0202"
            };
            return Err(self.error_here(code).value(expected));
        }
        self.prev_end = self.tok.span.end;
        let next = self.lexer.next(!after_operand)?;
        if let Tok::Op(op) = next.kind
            && !known(op)
        {
            return Err(Error::new("S0204", next.span.start, next.span.end).token(op));
        }
        self.tok = next;
        Ok(())
    }

    fn expression(&mut self, rbp: u8) -> Result<Node, Error> {
        let saved = self.depth;
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Error::new("L0001", self.tok.span.start, self.tok.span.end));
        }
        let t = self.tok.clone();
        self.advance(None, true)?;
        let mut left = self.nud(t)?;
        while rbp < lbp(&self.tok.kind) {
            // Each operator applied in this loop deepens the tree: count it like nesting.
            self.depth += 1;
            if self.depth > MAX_DEPTH {
                return Err(Error::new("L0001", self.tok.span.start, self.tok.span.end));
            }
            let t = self.tok.clone();
            self.advance(None, false)?;
            left = self.led(t, left)?;
        }
        self.depth = saved;
        Ok(left)
    }

    fn span_from(&self, start: usize) -> Span {
        Span::new(start, self.prev_end.max(start))
    }

    fn nud(&mut self, t: Token) -> Result<Node, Error> {
        let start = t.span.start;
        let kind = match t.kind {
            Tok::Name(name) => Kind::Name(name),
            Tok::Var(name) => Kind::Var(name),
            Tok::Str(s) => Kind::Str(s),
            Tok::Num(n) => Kind::Num(n),
            Tok::Bool(b) => Kind::Bool(b),
            Tok::Null => Kind::Null,
            Tok::Regex { pattern, flags } => Kind::Regex { pattern, flags },
            Tok::End => {
                if self.deferred.is_none() {
                    self.deferred = Some(Error::new("S0207", start, start));
                }
                Kind::Null
            }
            Tok::Op(op @ ("and" | "or" | "in")) => Kind::Name(op.to_string()),
            Tok::Op("-") => Kind::Neg(Box::new(self.expression(70)?)),
            Tok::Op("*") => Kind::Wildcard,
            Tok::Op("**") => Kind::Descendant,
            Tok::Op("%") => Kind::Parent,
            Tok::Op("(") => self.block()?,
            Tok::Op("[") => self.array()?,
            Tok::Op("{") => Kind::Object(self.pairs()?),
            Tok::Op("|") => self.transform()?,
            Tok::Op(op) => {
                return Err(Error::new("S0211", start, t.span.end).token(op));
            }
        };
        Ok(Node::new(kind, self.span_from(start)))
    }

    fn block(&mut self) -> Result<Kind, Error> {
        let mut items = Vec::new();
        while !self.is(")") {
            items.push(self.expression(0)?);
            if !self.is(";") {
                break;
            }
            self.advance(Some(";"), false)?;
        }
        self.advance(Some(")"), true)?;
        Ok(Kind::Block(items))
    }

    fn array(&mut self) -> Result<Kind, Error> {
        let mut items = Vec::new();
        if !self.is("]") {
            loop {
                let mut item = self.expression(0)?;
                if self.is("..") {
                    self.advance(Some(".."), false)?;
                    let rhs = self.expression(0)?;
                    let span = item.span.cover(rhs.span);
                    item = Node::new(binary(BinaryOp::Range, item, rhs), span);
                }
                items.push(item);
                if !self.is(",") {
                    break;
                }
                self.advance(Some(","), false)?;
            }
        }
        self.advance(Some("]"), true)?;
        Ok(Kind::Array(items))
    }

    /// `k: v, ...}` after a `{`, closing brace included.
    fn pairs(&mut self) -> Result<Vec<(Node, Node)>, Error> {
        let mut pairs = Vec::new();
        if !self.is("}") {
            loop {
                let key = self.expression(0)?;
                self.advance(Some(":"), false)?;
                let value = self.expression(0)?;
                pairs.push((key, value));
                if !self.is(",") {
                    break;
                }
                self.advance(Some(","), false)?;
            }
        }
        self.advance(Some("}"), true)?;
        Ok(pairs)
    }

    fn transform(&mut self) -> Result<Kind, Error> {
        let pattern = Box::new(self.expression(0)?);
        self.advance(Some("|"), false)?;
        let update = Box::new(self.expression(0)?);
        let mut delete = None;
        if self.is(",") {
            self.advance(Some(","), false)?;
            delete = Some(Box::new(self.expression(0)?));
        }
        self.advance(Some("|"), false)?;
        Ok(Kind::Transform {
            pattern,
            update,
            delete,
        })
    }

    fn led(&mut self, t: Token, left: Node) -> Result<Node, Error> {
        let Tok::Op(op) = t.kind else {
            return Err(Error::new("S0201", t.span.start, t.span.end));
        };
        let start = left.span.start;
        let kind = match op {
            "." => {
                let rhs = self.expression(75)?;
                let mut steps = match left.kind {
                    Kind::Path(steps) => steps,
                    _ => vec![left],
                };
                steps.push(rhs);
                Kind::Path(steps)
            }
            "[" => return self.filter(left),
            "{" => Kind::Group {
                lhs: Box::new(left),
                pairs: self.pairs()?,
            },
            "^" => self.sort(left)?,
            ":=" => {
                let Kind::Var(name) = &left.kind else {
                    return Err(Error::new("S0212", left.span.start, left.span.end)
                        .token(self.text(left.span)));
                };
                let var = Ident {
                    name: name.clone(),
                    span: left.span,
                };
                Kind::Bind {
                    var,
                    value: Box::new(self.expression(9)?),
                }
            }
            "@" | "#" => {
                let rhs = self.expression(80)?;
                let Kind::Var(name) = rhs.kind else {
                    return Err(Error::new("S0214", rhs.span.start, rhs.span.end).token(op));
                };
                let var = Ident {
                    name,
                    span: rhs.span,
                };
                let lhs = Box::new(left);
                if op == "@" {
                    Kind::Focus { lhs, var }
                } else {
                    Kind::Index { lhs, var }
                }
            }
            "?" => {
                let then = Box::new(self.expression(0)?);
                let mut otherwise = None;
                if self.is(":") {
                    self.advance(Some(":"), false)?;
                    otherwise = Some(Box::new(self.expression(0)?));
                }
                Kind::Condition {
                    condition: Box::new(left),
                    then,
                    otherwise,
                }
            }
            "(" => return self.call(left),
            "~>" => Kind::Apply {
                lhs: Box::new(left),
                rhs: Box::new(self.expression(40)?),
            },
            "??" | "?:" => {
                let rhs = self.expression(0)?;
                binary(
                    BinaryOp::from_token(op).unwrap_or(BinaryOp::Coalesce),
                    left,
                    rhs,
                )
            }
            _ => {
                let Some(bin) = BinaryOp::from_token(op) else {
                    return Err(Error::new("S0201", t.span.start, t.span.end).token(op));
                };
                let rhs = self.expression(lbp(&t.kind))?;
                binary(bin, left, rhs)
            }
        };
        Ok(Node::new(kind, self.span_from(start)))
    }

    fn filter(&mut self, left: Node) -> Result<Node, Error> {
        let start = left.span.start;
        if self.is("]") {
            self.advance(Some("]"), false)?;
            return Ok(Node::new(
                Kind::KeepArray(Box::new(left)),
                self.span_from(start),
            ));
        }
        let predicate = Box::new(self.expression(0)?);
        self.advance(Some("]"), true)?;
        let kind = Kind::Filter {
            lhs: Box::new(left),
            predicate,
        };
        Ok(Node::new(kind, self.span_from(start)))
    }

    fn sort(&mut self, left: Node) -> Result<Kind, Error> {
        self.advance(Some("("), false)?;
        let mut terms = Vec::new();
        loop {
            let mut descending = false;
            if self.is("<") {
                self.advance(Some("<"), false)?;
            } else if self.is(">") {
                descending = true;
                self.advance(Some(">"), false)?;
            }
            let expr = self.expression(0)?;
            terms.push(SortTerm { descending, expr });
            if !self.is(",") {
                break;
            }
            self.advance(Some(","), false)?;
        }
        self.advance(Some(")"), false)?;
        Ok(Kind::Sort {
            lhs: Box::new(left),
            terms,
        })
    }

    fn call(&mut self, left: Node) -> Result<Node, Error> {
        let start = left.span.start;
        let mut args = Vec::new();
        let mut partial = false;
        if !self.is(")") {
            loop {
                if self.is("?") {
                    partial = true;
                    args.push(Node::new(Kind::Placeholder, self.tok.span));
                    self.advance(Some("?"), false)?;
                } else {
                    args.push(self.expression(0)?);
                }
                if !self.is(",") {
                    break;
                }
                self.advance(Some(","), false)?;
            }
        }
        self.advance(Some(")"), true)?;
        let is_lambda = matches!(&left.kind, Kind::Name(n) if n == "function" || n == "λ");
        if !is_lambda {
            let kind = Kind::Call {
                procedure: Box::new(left),
                args,
                partial,
            };
            return Ok(Node::new(kind, self.span_from(start)));
        }
        let mut params = Vec::new();
        for (index, arg) in args.into_iter().enumerate() {
            let Kind::Var(name) = arg.kind else {
                return Err(Error::new("S0208", arg.span.start, arg.span.end)
                    .token(self.text(arg.span))
                    .value(&(index + 1).to_string()));
            };
            params.push(Ident {
                name,
                span: arg.span,
            });
        }
        let signature = if self.is("<") {
            Some(self.signature()?)
        } else {
            None
        };
        self.advance(Some("{"), false)?;
        let body = Box::new(self.expression(0)?);
        self.advance(Some("}"), false)?;
        let kind = Kind::Lambda {
            params,
            signature,
            body,
        };
        Ok(Node::new(kind, self.span_from(start)))
    }

    /// `<...>` after a lambda's parameters: read tokens until the angle brackets balance, as the
    /// reference does, then parse the text they cover.
    fn signature(&mut self) -> Result<signature::Signature, Error> {
        let start = self.tok.span.start;
        let mut depth = 1;
        while depth > 0 && !self.is("{") && self.tok.kind != Tok::End {
            self.advance(None, false)?;
            if self.is(">") {
                depth -= 1;
            } else if self.is("<") {
                depth += 1;
            }
        }
        let end = self.tok.span.end;
        self.advance(Some(">"), false)?;
        let span = Span::new(start, end);
        let text: String = self
            .text(span)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        signature::parse(&text, span)
    }
}

fn binary(op: BinaryOp, lhs: Node, rhs: Node) -> Kind {
    Kind::Binary {
        op,
        lhs: Box::new(lhs),
        rhs: Box::new(rhs),
    }
}
