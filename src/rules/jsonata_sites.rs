//! Where JSONata states hold JSONata: every string of a field that AWS evaluates when it is a
//! `{% ... %}` expression (rules.md 5.10), with the state, the field and the place it sits (which
//! decides whether `$states.result` and `$states.errorOutput` exist there). Shared by the JSONata
//! rules; only states whose effective language is JSONata.

use crate::ast::{
    ChoiceRule, ChoiceRuleKind, Dyn, Field, Pointer, QueryLanguage, State, StateKind,
};
use crate::lang::jsonata;
use crate::syntax::strings::StringPositions;
use crate::syntax::{Node, Span, Value};

use super::Context;
use super::sites::is_placeholder;

/// Where a field sits, for the `$states` fields it may read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    /// The state's own `Output`.
    Output,
    /// The state's own `Assign`.
    Assign,
    /// A Catcher's `Output` or `Assign`.
    Catcher,
    /// Anything else: `Arguments`, `Items`, a Choice rule's fields, numbers, ...
    Other,
}

/// One string of a JSONata-capable field of a JSONata state.
#[derive(Debug, Clone)]
pub(crate) struct Site<'a> {
    pub state: &'a State,
    /// The field that holds the string (`Arguments`, `Output`, `Condition`, ...).
    pub field: &'static str,
    pub place: Place,
    /// The whole string, delimiters included.
    pub value: &'a str,
    pub span: Span,
    pub pointer: Pointer,
}

impl Site<'_> {
    /// Whether the string is a JSONata expression (`{%` ... `%}`).
    pub fn is_expr(&self) -> bool {
        is_expr(self.value)
    }

    /// The expression between the delimiters, when the string is one.
    pub fn expr(&self) -> Option<&str> {
        self.is_expr().then(|| &self.value[2..self.value.len() - 2])
    }

    /// Parses the expression (`None` when the string is not one).
    pub fn parse(&self) -> Option<Result<jsonata::Ast, jsonata::Error>> {
        self.expr().map(jsonata::parse)
    }

    /// The source span of a byte range of the expression (offsets inside the delimiters).
    pub fn expr_span(&self, cx: &Context<'_>, range: std::ops::Range<usize>) -> Span {
        StringPositions::new(cx.text, cx.format, self.span, self.value)
            .span(range.start + 2..range.end + 2)
    }

    /// Whether `$states.result` exists here: a Task, Map or Parallel state's own `Output` or
    /// `Assign`.
    pub fn has_result(&self) -> bool {
        matches!(self.place, Place::Output | Place::Assign)
            && matches!(
                self.state.kind,
                StateKind::Task(_) | StateKind::Map(_) | StateKind::Parallel(_)
            )
    }

    /// Whether `$states.errorOutput` exists here: a Catcher's `Output` or `Assign`.
    pub fn has_error_output(&self) -> bool {
        self.place == Place::Catcher
    }
}

/// Whether `s` is a JSONata expression string: it starts with `{%` and ends with `%}` (as
/// lowering decides).
pub(crate) fn is_expr(s: &str) -> bool {
    s.len() >= 4 && s.starts_with("{%") && s.ends_with("%}")
}

/// Every string of every JSONata-capable field of the JSONata states, in source order of states.
/// Strings with a `${...}` substitution placeholder are left out.
pub(crate) fn sites<'a>(cx: &Context<'a>) -> Vec<Site<'a>> {
    let mut out = Vec::new();
    for (_, state) in cx.machine.scope.all_states() {
        if state.language == QueryLanguage::Jsonata {
            state_sites(state, &mut out);
        }
    }
    out.retain(|s| !is_placeholder(s.value));
    out
}

/// The JSONata expressions of the machine, parsed once, with their sites.
pub(crate) fn parsed<'a>(cx: &Context<'a>) -> Vec<(Site<'a>, jsonata::Ast)> {
    sites(cx)
        .into_iter()
        .filter_map(|site| match site.parse() {
            Some(Ok(ast)) => Some((site, ast)),
            _ => None,
        })
        .collect()
}

struct Collector<'a, 'o> {
    state: &'a State,
    out: &'o mut Vec<Site<'a>>,
}

impl<'a> Collector<'a, '_> {
    /// Every string in `node`, at any depth (values only; keys are never evaluated).
    fn node(&mut self, field: &'static str, place: Place, f: &'a Option<Field<Node>>) {
        let Some(f) = f else { return };
        let mut stack = vec![(&f.value, f.pointer.clone())];
        while let Some((node, pointer)) = stack.pop() {
            match &node.value {
                Value::String(s) => self.out.push(Site {
                    state: self.state,
                    field,
                    place,
                    value: s,
                    span: node.span,
                    pointer,
                }),
                Value::Object(members) => {
                    for m in members.iter().rev() {
                        stack.push((&m.value, pointer.key(&m.key.name)));
                    }
                }
                Value::Array(items) => {
                    for (i, item) in items.iter().enumerate().rev() {
                        stack.push((item, pointer.index(i)));
                    }
                }
                _ => {}
            }
        }
    }

    fn dynamic<T>(&mut self, field: &'static str, f: &'a Option<Field<Dyn<T>>>) {
        if let Some(Field {
            value: Dyn::Expr(s),
            span,
            pointer,
            ..
        }) = f
        {
            self.push(field, s, *span, pointer);
        }
    }

    fn string(&mut self, field: &'static str, f: &'a Option<Field<String>>) {
        if let Some(f) = f {
            self.push(field, &f.value, f.span, &f.pointer);
        }
    }

    fn push(&mut self, field: &'static str, value: &'a str, span: Span, pointer: &Pointer) {
        self.out.push(Site {
            state: self.state,
            field,
            place: Place::Other,
            value,
            span,
            pointer: pointer.clone(),
        });
    }

    fn choice_rule(&mut self, rule: &'a ChoiceRule) {
        if let ChoiceRuleKind::Condition(f) = &rule.kind
            && let Dyn::Expr(s) = &f.value
        {
            self.push("Condition", s, f.span, &f.pointer);
        }
        self.node("Output", Place::Other, &rule.output);
        self.node("Assign", Place::Other, &rule.assign);
    }
}

fn state_sites<'a>(state: &'a State, out: &mut Vec<Site<'a>>) {
    let mut c = Collector { state, out };
    c.node("Arguments", Place::Other, &state.io.arguments);
    match &state.kind {
        StateKind::Task(t) => {
            c.dynamic("TimeoutSeconds", &t.timeout_seconds);
            c.dynamic("HeartbeatSeconds", &t.heartbeat_seconds);
            c.node("Credentials", Place::Other, &t.credentials);
        }
        StateKind::Wait(w) => {
            c.dynamic("Seconds", &w.seconds);
            c.dynamic("Timestamp", &w.timestamp);
        }
        StateKind::Fail(f) => {
            c.string("Error", &f.error);
            c.string("Cause", &f.cause);
        }
        StateKind::Choice(choice) => {
            for rule in &choice.choices {
                c.choice_rule(rule);
            }
        }
        StateKind::Map(m) => {
            c.node("Items", Place::Other, &m.items);
            c.node("ItemSelector", Place::Other, &m.item_selector);
            c.dynamic("MaxConcurrency", &m.max_concurrency);
            c.dynamic(
                "ToleratedFailurePercentage",
                &m.tolerated_failure_percentage,
            );
            c.dynamic("ToleratedFailureCount", &m.tolerated_failure_count);
            if let Some(reader) = &m.item_reader {
                c.node("Arguments", Place::Other, &reader.arguments);
                if let Some(config) = &reader.reader_config {
                    c.dynamic("MaxItems", &config.max_items);
                }
            }
            if let Some(b) = &m.item_batcher {
                c.dynamic("MaxItemsPerBatch", &b.max_items_per_batch);
                c.dynamic("MaxInputBytesPerBatch", &b.max_input_bytes_per_batch);
                c.node("BatchInput", Place::Other, &b.batch_input);
            }
            if let Some(writer) = &m.result_writer {
                c.node("Arguments", Place::Other, &writer.arguments);
            }
        }
        _ => {}
    }
    c.node("Output", Place::Output, &state.io.output);
    c.node("Assign", Place::Assign, &state.assign);
    for catcher in &state.catch {
        c.node("Output", Place::Catcher, &catcher.output);
        c.node("Assign", Place::Catcher, &catcher.assign);
    }
}
