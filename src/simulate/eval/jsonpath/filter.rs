//! Filters `[?(...)]`: their expressions, parsing and evaluation.

use serde_json::Value;

use super::{Compiled, Parser, compile, evaluate, indefinite, merge_leaf};

/// A filter expression.
#[derive(Debug, Clone, PartialEq)]
pub(in crate::simulate::eval) enum Expr {
    Or(Box<Expr>, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    Compare(Operand, CmpOp, Operand),
    /// `@.x` alone: whether the path exists.
    Exists(Operand),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::simulate::eval) enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    In,
    Nin,
    Contains,
    Size,
    Empty,
}

#[derive(Debug, Clone, PartialEq)]
pub(in crate::simulate::eval) enum Operand {
    /// `@...` (relative) or `$...` (from the root).
    Path {
        relative: bool,
        path: Compiled,
    },
    Literal(Value),
}

pub(super) fn test(expr: &Expr, root: &Value, item: &Value) -> bool {
    match expr {
        Expr::Or(a, b) => test(a, root, item) || test(b, root, item),
        Expr::And(a, b) => test(a, root, item) && test(b, root, item),
        Expr::Not(a) => !test(a, root, item),
        Expr::Exists(operand) => operand_value(operand, root, item).is_some(),
        Expr::Compare(left, op, right) => {
            let (Some(l), Some(r)) = (
                operand_value(left, root, item),
                operand_value(right, root, item),
            ) else {
                return false;
            };
            compare(&l, *op, &r)
        }
    }
}

fn operand_value(operand: &Operand, root: &Value, item: &Value) -> Option<Value> {
    match operand {
        Operand::Literal(v) => Some(v.clone()),
        Operand::Path { relative, path } => {
            let start = if *relative { item } else { root };
            if path.is_definite() {
                evaluate(path, start).ok()
            } else {
                let found: Vec<Value> = indefinite(&path.segs, root, start)
                    .into_iter()
                    .cloned()
                    .collect();
                Some(Value::Array(merge_leaf(&path.segs, found)))
            }
        }
    }
}

fn compare(l: &Value, op: CmpOp, r: &Value) -> bool {
    use std::cmp::Ordering;
    let order = || -> Option<Ordering> {
        match (l, r) {
            (Value::Number(a), Value::Number(b)) => a.as_f64()?.partial_cmp(&b.as_f64()?),
            (Value::String(a), Value::String(b)) => Some(a.encode_utf16().cmp(b.encode_utf16())),
            _ => None,
        }
    };
    match op {
        CmpOp::Eq => super::super::json_equal(l, r),
        CmpOp::Ne => !super::super::json_equal(l, r),
        CmpOp::Lt => order() == Some(Ordering::Less),
        CmpOp::Le => matches!(order(), Some(Ordering::Less | Ordering::Equal)),
        CmpOp::Gt => order() == Some(Ordering::Greater),
        CmpOp::Ge => matches!(order(), Some(Ordering::Greater | Ordering::Equal)),
        CmpOp::In => r
            .as_array()
            .is_some_and(|items| items.iter().any(|x| super::super::json_equal(l, x))),
        CmpOp::Nin => r
            .as_array()
            .is_some_and(|items| !items.iter().any(|x| super::super::json_equal(l, x))),
        CmpOp::Contains => match (l, r) {
            (Value::Array(items), _) => items.iter().any(|x| super::super::json_equal(x, r)),
            (Value::String(s), Value::String(sub)) => s.contains(sub.as_str()),
            _ => false,
        },
        CmpOp::Size => {
            let size = match l {
                Value::Array(items) => items.len(),
                Value::String(s) => s.chars().count(),
                _ => return false,
            };
            r.as_f64() == Some(size as f64)
        }
        CmpOp::Empty => {
            let empty = match l {
                Value::Array(items) => items.is_empty(),
                Value::String(s) => s.is_empty(),
                _ => return false,
            };
            r.as_bool() == Some(empty)
        }
    }
}

impl Parser<'_> {
    pub(super) fn or_expr(&mut self) -> Result<Expr, String> {
        let mut left = self.and_expr()?;
        loop {
            self.skip_spaces();
            if !self.at("||") {
                return Ok(left);
            }
            self.i += 2;
            let right = self.and_expr()?;
            left = Expr::Or(Box::new(left), Box::new(right));
        }
    }

    fn and_expr(&mut self) -> Result<Expr, String> {
        let mut left = self.unary()?;
        loop {
            self.skip_spaces();
            if !self.at("&&") {
                return Ok(left);
            }
            self.i += 2;
            let right = self.unary()?;
            left = Expr::And(Box::new(left), Box::new(right));
        }
    }

    fn unary(&mut self) -> Result<Expr, String> {
        self.skip_spaces();
        if self.at("!") && !self.at("!=") {
            self.i += 1;
            return Ok(Expr::Not(Box::new(self.unary()?)));
        }
        if self.at("(") {
            self.i += 1;
            let inner = self.or_expr()?;
            self.skip_spaces();
            if !self.at(")") {
                return Err("expected `)` in the filter".into());
            }
            self.i += 1;
            return Ok(inner);
        }
        let left = self.operand()?;
        self.skip_spaces();
        let ops: [(&str, CmpOp); 11] = [
            ("==", CmpOp::Eq),
            ("!=", CmpOp::Ne),
            ("<=", CmpOp::Le),
            (">=", CmpOp::Ge),
            ("<", CmpOp::Lt),
            (">", CmpOp::Gt),
            ("nin ", CmpOp::Nin),
            ("in ", CmpOp::In),
            ("contains ", CmpOp::Contains),
            ("size ", CmpOp::Size),
            ("empty ", CmpOp::Empty),
        ];
        if self.at("=~") {
            return Err("regular expressions (`=~`) in filters are not supported".into());
        }
        let Some((text, op)) = ops.iter().find(|(text, _)| self.at(text)) else {
            return Ok(Expr::Exists(left));
        };
        self.i += text.len();
        let right = self.operand()?;
        Ok(Expr::Compare(left, *op, right))
    }

    fn operand(&mut self) -> Result<Operand, String> {
        self.skip_spaces();
        match self.peek() {
            Some('@' | '$') => {
                let relative = self.at("@");
                let start = self.i;
                self.i += 1;
                let end = self.path_end();
                let text = format!("${}", &self.s[start + 1..end]);
                self.i = end;
                let path = compile(&text)?;
                Ok(Operand::Path { relative, path })
            }
            Some(_) => self.literal().map(Operand::Literal),
            None => Err("expected a value in the filter".into()),
        }
    }

    /// Where a path inside a filter ends: at a space, operator or `)` outside brackets.
    fn path_end(&self) -> usize {
        let mut depth = 0usize;
        let mut quote: Option<char> = None;
        for (at, c) in self.rest().char_indices() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '\'' | '"') => quote = Some(c),
                (None, '[') => depth += 1,
                (None, ']') => depth = depth.saturating_sub(1),
                (None, '(') if self.rest()[at..].starts_with("()") => {}
                (None, ')') if self.rest()[..at].ends_with('(') => {}
                (None, c) if depth == 0 && (c.is_whitespace() || "=!<>&|)".contains(c)) => {
                    return self.i + at;
                }
                _ => {}
            }
        }
        self.s.len()
    }

    fn literal(&mut self) -> Result<Value, String> {
        self.skip_spaces();
        match self.peek() {
            Some('\'' | '"') => self.quoted().map(Value::String),
            Some('[') => {
                self.i += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_spaces();
                    if self.at("]") {
                        self.i += 1;
                        return Ok(Value::Array(items));
                    }
                    items.push(self.literal()?);
                    self.skip_spaces();
                    if self.at(",") {
                        self.i += 1;
                    }
                }
            }
            Some(_) => {
                let len = self
                    .rest()
                    .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | '.')))
                    .unwrap_or(self.rest().len());
                let word = &self.rest()[..len];
                let value = match word {
                    "true" => Value::Bool(true),
                    "false" => Value::Bool(false),
                    "null" => Value::Null,
                    _ => serde_json::from_str::<Value>(word)
                        .ok()
                        .filter(Value::is_number)
                        .ok_or_else(|| format!("`{word}` is not a value"))?,
                };
                self.i += len;
                Ok(value)
            }
            None => Err("expected a value".into()),
        }
    }
}
