//! Where JSONPath states hold paths and payload templates: the facts the path, template and
//! intrinsic rules share (rules.md 5.8, 5.9). Only states whose effective language is JSONPath.

use crate::ast::{
    ChoiceRule, ChoiceRuleKind, Field, Pointer, QueryLanguage, State, StateKind, StateMachine,
};
use crate::lang::intrinsic;
use crate::syntax::strings::StringPositions;
use crate::syntax::{Node, Span, Value};

use super::Context;

/// What a string field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SiteKind {
    /// `InputPath`, `OutputPath`: any Path.
    Path,
    /// `ItemsPath`, `*SecondsPath`, `TimestampPath`, Choice `Variable` and `*Path` operands, …
    Reference,
    /// `ResultPath`: a Reference Path into the state's input (`$…` only).
    ResultPath,
    /// `ErrorPath`, `CausePath`: a Path or a string-returning intrinsic call.
    ErrorPath,
    /// The value of a `.$` key in a payload template: a Path or an intrinsic call.
    Dynamic,
}

/// One string that holds a path or an intrinsic call.
#[derive(Debug, Clone)]
pub(crate) struct Site<'a> {
    pub kind: SiteKind,
    /// The field or key name, for messages (`InputPath`, `bucket.$`).
    pub field: &'a str,
    pub value: &'a str,
    pub span: Span,
    pub pointer: Pointer,
}

impl Site<'_> {
    /// The source span of the byte range `range` of the value.
    pub fn span_of(&self, cx: &Context<'_>, range: std::ops::Range<usize>) -> Span {
        StringPositions::new(cx.text, cx.format, self.span, self.value).span(range)
    }

    /// The value is a call rather than a path (it does not start with `$`).
    pub fn is_call(&self) -> bool {
        !self.value.trim_start().starts_with('$')
    }
}

/// A payload template (`Parameters`, `ResultSelector`, `ItemSelector`, `Credentials`, JSONPath
/// `Assign`, ItemReader/ResultWriter `Parameters`, `BatchInput`).
#[derive(Debug, Clone)]
pub(crate) struct Template<'a> {
    pub field: &'static str,
    pub node: &'a Node,
    pub pointer: &'a Pointer,
}

/// Whether `s` is or contains a `${…}` or `#{…}` substitution placeholder: the text after
/// substitution is unknown, so it is never an error.
pub(crate) fn is_placeholder(s: &str) -> bool {
    crate::ast::is_placeholder(s.trim()) || !crate::ast::placeholder_ranges(s).is_empty()
}

/// The JSONPath states of the machine.
pub(crate) fn jsonpath_states(machine: &StateMachine) -> impl Iterator<Item = &State> {
    machine
        .scope
        .all_states()
        .into_iter()
        .map(|(_, s)| s)
        .filter(|s| s.language == QueryLanguage::JsonPath)
}

/// Every payload template of the JSONPath states.
pub(crate) fn templates<'a>(machine: &'a StateMachine) -> Vec<Template<'a>> {
    let mut out = Vec::new();
    for state in jsonpath_states(machine) {
        let mut add = |field: &'static str, f: &'a Option<Field<Node>>| {
            if let Some(f) = f {
                out.push(Template {
                    field,
                    node: &f.value,
                    pointer: &f.pointer,
                });
            }
        };
        add("Parameters", &state.io.parameters);
        add("ResultSelector", &state.io.result_selector);
        add("Assign", &state.assign);
        for catcher in &state.catch {
            add("Assign", &catcher.assign);
        }
        match &state.kind {
            StateKind::Task(task) => add("Credentials", &task.credentials),
            StateKind::Choice(choice) => {
                for rule in &choice.choices {
                    add("Assign", &rule.assign);
                }
            }
            StateKind::Map(map) => {
                add("ItemSelector", &map.item_selector);
                if let Some(reader) = &map.item_reader {
                    add("Parameters", &reader.parameters);
                }
                if let Some(batcher) = &map.item_batcher {
                    add("BatchInput", &batcher.batch_input);
                }
                if let Some(writer) = &map.result_writer {
                    add("Parameters", &writer.parameters);
                }
            }
            _ => {}
        }
    }
    out
}

/// Every member of the objects in `node` (any depth), with the pointer of its value. Iterative.
pub(crate) fn members<'a>(
    node: &'a Node,
    pointer: &Pointer,
) -> Vec<(&'a crate::syntax::Member, Pointer)> {
    let mut out = Vec::new();
    let mut stack = vec![(node, pointer.clone())];
    while let Some((node, pointer)) = stack.pop() {
        match &node.value {
            Value::Object(members) => {
                for m in members.iter().rev() {
                    let p = pointer.key(&m.key.name);
                    stack.push((&m.value, p.clone()));
                    out.push((m, p));
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
    out.sort_by_key(|(m, _)| m.key.span.start);
    out
}

/// Every string field of the JSONPath states that holds a path or an intrinsic call.
pub(crate) fn sites(machine: &StateMachine) -> Vec<Site<'_>> {
    let mut out = Vec::new();
    for state in jsonpath_states(machine) {
        state_sites(state, &mut out);
    }
    for template in templates(machine) {
        for (member, pointer) in members(template.node, template.pointer) {
            let Some(value) = member.value.as_str() else {
                continue;
            };
            if member.key.name.ends_with(".$") {
                out.push(Site {
                    kind: SiteKind::Dynamic,
                    field: &member.key.name,
                    value,
                    span: member.value.span,
                    pointer,
                });
            }
        }
    }
    out.retain(|s| !is_placeholder(s.value));
    out
}

fn state_sites<'a>(state: &'a State, out: &mut Vec<Site<'a>>) {
    let mut add = |kind, field: &'static str, f: &'a Option<Field<String>>| {
        if let Some(f) = f {
            out.push(Site {
                kind,
                field,
                value: &f.value,
                span: f.span,
                pointer: f.pointer.clone(),
            });
        }
    };
    use SiteKind::{ErrorPath, Reference};
    match &state.kind {
        StateKind::Task(t) => {
            add(Reference, "TimeoutSecondsPath", &t.timeout_seconds_path);
            add(Reference, "HeartbeatSecondsPath", &t.heartbeat_seconds_path);
        }
        StateKind::Wait(w) => {
            add(Reference, "SecondsPath", &w.seconds_path);
            add(Reference, "TimestampPath", &w.timestamp_path);
        }
        StateKind::Fail(f) => {
            add(ErrorPath, "ErrorPath", &f.error_path);
            add(ErrorPath, "CausePath", &f.cause_path);
        }
        StateKind::Map(m) => {
            add(Reference, "ItemsPath", &m.items_path);
            add(Reference, "MaxConcurrencyPath", &m.max_concurrency_path);
            add(
                Reference,
                "ToleratedFailurePercentagePath",
                &m.tolerated_failure_percentage_path,
            );
            add(
                Reference,
                "ToleratedFailureCountPath",
                &m.tolerated_failure_count_path,
            );
            if let Some(config) = m
                .item_reader
                .as_ref()
                .and_then(|r| r.reader_config.as_ref())
            {
                add(Reference, "MaxItemsPath", &config.max_items_path);
            }
            if let Some(b) = &m.item_batcher {
                add(
                    Reference,
                    "MaxItemsPerBatchPath",
                    &b.max_items_per_batch_path,
                );
                add(
                    Reference,
                    "MaxInputBytesPerBatchPath",
                    &b.max_input_bytes_per_batch_path,
                );
            }
        }
        StateKind::Choice(c) => {
            for rule in c.choices.iter().flat_map(ChoiceRule::self_and_nested) {
                choice_sites(rule, out);
            }
        }
        _ => {}
    }
    let mut nullable = |kind, field: &'static str, f: &'a Option<Field<Option<String>>>| {
        if let Some(Field {
            value: Some(value),
            span,
            pointer,
            ..
        }) = f
        {
            out.push(Site {
                kind,
                field,
                value,
                span: *span,
                pointer: pointer.clone(),
            });
        }
    };
    nullable(SiteKind::Path, "InputPath", &state.io.input_path);
    nullable(SiteKind::Path, "OutputPath", &state.io.output_path);
    nullable(SiteKind::ResultPath, "ResultPath", &state.io.result_path);
    for catcher in &state.catch {
        nullable(SiteKind::ResultPath, "ResultPath", &catcher.result_path);
    }
}

fn choice_sites<'a>(rule: &'a ChoiceRule, out: &mut Vec<Site<'a>>) {
    let ChoiceRuleKind::Comparison {
        variable,
        operator,
        operand,
    } = &rule.kind
    else {
        return;
    };
    out.push(Site {
        kind: SiteKind::Reference,
        field: "Variable",
        value: &variable.value,
        span: variable.span,
        pointer: variable.pointer.clone(),
    });
    if let (true, Some(value)) = (operator.path, operand.value.as_str()) {
        out.push(Site {
            kind: SiteKind::Reference,
            field: operator.name,
            value,
            span: operand.span,
            pointer: operand.pointer.clone(),
        });
    }
}

/// Whether a string without `.$` looks like it was meant as a path or call (AWS NO_DOLLAR).
pub(crate) fn looks_dynamic(s: &str) -> bool {
    let s = s.trim();
    s.starts_with("$.")
        || s.starts_with("$$.")
        || s.starts_with("$[")
        || (s.starts_with("States.") && intrinsic::looks_like_call(s))
}
