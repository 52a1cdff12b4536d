//! Lowering: syntax tree -> typed [`StateMachine`], with every structural finding.

mod choice;
mod map;

use super::codes::{
    DEFINITION_NOT_OBJECT, DEFINITION_TOO_LARGE, DEPRECATED_FIELD, INVALID_STATE_NAME,
    INVALID_TYPE, INVALID_VALUE, MISSING_FIELD, QUERY_LANGUAGE_MISMATCH, TOO_MANY_CHOICE_RULES,
    TOO_MANY_STATES,
};
use super::fields::{self, ANY, FieldSpec, Set, Shape};
use super::pointer::Pointer;
use super::schema::{
    Checked, ObjectCx, VariantNames, check_object, found, is_jsonata, is_placeholder, not_an_object,
};
use super::{
    Catcher, Dyn, Fail, Field, Io, Parallel, Pass, QueryLanguage, Retrier, Scope, ScopeKind, State,
    StateKind, StateMachine, Task, Transition, Wait,
};
use crate::diagnostics::Diagnostic;
use crate::suggest::closest;
use crate::syntax::{Key, Member, Node, Span, Value};

/// AWS's quota on the length of a definition, in characters.
pub const MAX_DEFINITION_CHARS: usize = 1_048_576;

/// The most states (nested ones included) a definition may have for asl-lint to check it
/// ([`TOO_MANY_STATES`]). AWS's 1 MiB quota allows about 45,000 of the smallest states
/// (`"a1":{"Type":"Succeed"},`), so this refuses nothing AWS accepts; it bounds the typed tree,
/// the graph and every analysis.
pub const MAX_STATES: usize = 50_000;

/// The most Choice rules (nested `And`, `Or` and `Not` rules included) a definition may have
/// for asl-lint to check it ([`TOO_MANY_CHOICE_RULES`]). A rule costs far more than its text
/// (`{"Not":` is seven characters), and AWS's 1 MiB quota allows fewer than 90,000.
pub const MAX_CHOICE_RULES: usize = 100_000;

/// States (nested ones included) and Choice rules (nested ones included) in the definition
/// `root`, counted until one passes its limit (iteratively, so any nesting is safe).
fn count_states_and_rules(root: &Node) -> (usize, usize) {
    let (mut states, mut rules) = (0, 0);
    let mut scopes = vec![root];
    while let Some(scope) = scopes.pop() {
        let Some(members) = scope.get("States").and_then(|m| m.value.as_object()) else {
            continue;
        };
        for state in members {
            states += 1;
            let value = &state.value;
            for field in ["ItemProcessor", "Iterator"] {
                if let Some(processor) = value.get(field) {
                    scopes.push(&processor.value);
                }
            }
            if let Some(branches) = value.get("Branches").and_then(|b| b.value.as_array()) {
                scopes.extend(branches.iter());
            }
            let mut pending: Vec<&Node> = value
                .get("Choices")
                .and_then(|c| c.value.as_array())
                .map(|c| c.iter().collect())
                .unwrap_or_default();
            while let Some(rule) = pending.pop() {
                rules += 1;
                if rules > MAX_CHOICE_RULES {
                    return (states, rules);
                }
                for list in ["And", "Or"] {
                    if let Some(parts) = rule.get(list).and_then(|p| p.value.as_array()) {
                        pending.extend(parts.iter());
                    }
                }
                if let Some(not) = rule.get("Not") {
                    pending.push(&not.value);
                }
            }
            if states > MAX_STATES {
                return (states, rules);
            }
        }
    }
    (states, rules)
}

/// AWS's limit on the length of a state name, in characters.
pub const MAX_STATE_NAME_CHARS: usize = 80;

/// What lowering produced: the machine (absent when the top level is not an object) and findings.
#[derive(Debug, Default)]
pub struct Lowered {
    pub machine: Option<StateMachine>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Lowers a parsed definition. `definition_chars` is the length of the definition as JSON text,
/// for the size quota.
pub fn lower(root: &Node, definition_chars: usize) -> Lowered {
    let mut cx = Lowerer::default();
    let machine = cx.machine(root, definition_chars);
    Lowered {
        machine,
        diagnostics: cx.out,
    }
}

#[derive(Default)]
struct Lowerer {
    out: Vec<Diagnostic>,
    /// The top level's language, inherited by every state that does not set its own.
    machine_lang: QueryLanguage,
}

/// The span of an object's first character: where findings about a whole object point when it has
/// no key (the top level, an array entry).
fn opening(node: &Node) -> Span {
    Span::new(node.span.start, (node.span.start + 1).min(node.span.end))
}

impl Lowerer {
    fn machine(&mut self, root: &Node, definition_chars: usize) -> Option<StateMachine> {
        if root.as_object().is_none() {
            self.out.push(
                Diagnostic::new(
                    &DEFINITION_NOT_OBJECT,
                    opening(root),
                    format!(
                        "a state machine definition must be a JSON object, found {}",
                        found(root)
                    ),
                )
                .help("write an object with `StartAt` and `States`")
                .pointer(""),
            );
            return None;
        }
        // Past either count, nothing more is lowered: the typed tree would cost far more than
        // the text (and AWS refuses such a definition anyway).
        let (states, rules) = count_states_and_rules(root);
        let too_large = [
            (
                rules > MAX_CHOICE_RULES,
                &TOO_MANY_CHOICE_RULES,
                format!("more than {MAX_CHOICE_RULES} Choice rules (nested ones included)"),
                "too many Choice rules to check",
                "AWS's 1 MiB definition quota allows fewer than 90,000: split the decisions over several Choice states or state machines",
            ),
            (
                states > MAX_STATES,
                &TOO_MANY_STATES,
                format!("more than {MAX_STATES} states"),
                "too many states to check",
                "AWS's 1 MiB definition quota allows about 45,000 states: split the workflow into state machines that start each other",
            ),
        ];
        if let Some((_, rule, what, label, help)) = too_large.into_iter().find(|t| t.0) {
            let at = root.get("States").map_or(opening(root), |m| m.key.span);
            self.out.push(
                Diagnostic::new(
                    rule,
                    at,
                    format!("the definition has {what}; asl-lint checks nothing more in it"),
                )
                .primary_label(label)
                .help(help)
                .pointer("/States"),
            );
            return None;
        }
        if definition_chars > MAX_DEFINITION_CHARS {
            self.out.push(Diagnostic::new(
                &DEFINITION_TOO_LARGE,
                opening(root),
                format!("the definition is {definition_chars} characters long; AWS accepts at most {MAX_DEFINITION_CHARS}"),
            ));
        }
        let pointer = Pointer::root();
        let ql = root
            .get("QueryLanguage")
            .and_then(|m| language_of(&m.value));
        self.machine_lang = ql.unwrap_or_default();
        let ocx = self.object_cx(root, &pointer, "the top level", opening(root), ANY, None);
        let checked = check_object(
            &ocx,
            fields::MACHINE,
            fields::MACHINE_GROUPS,
            &|_| false,
            &mut self.out,
        );
        let scope = self.scope(ScopeKind::Machine, root, &pointer, &checked);
        Some(StateMachine {
            span: root.span,
            comment: string(&checked, "Comment", &pointer),
            version: string(&checked, "Version", &pointer),
            timeout_seconds: int(&checked, "TimeoutSeconds", &pointer),
            query_language: ql
                .and_then(|lang| field(&checked, "QueryLanguage", &pointer, |_| Some(lang))),
            default_language: self.machine_lang,
            scope,
        })
    }

    fn object_cx<'n, 'a>(
        &self,
        node: &'n Node,
        pointer: &'a Pointer,
        what: &'a str,
        anchor: Span,
        variant: Set,
        variants: Option<VariantNames<'a>>,
    ) -> ObjectCx<'n, 'a> {
        ObjectCx {
            node,
            pointer,
            what,
            anchor,
            lang: self.machine_lang,
            variant,
            variants,
        }
    }

    /// Checks a nested object (a branch, a retrier, an item reader...) against its table, or
    /// reports that it is not an object. `None` when it is not an object.
    #[allow(clippy::too_many_arguments)]
    fn nested<'a>(
        &mut self,
        node: &'a Node,
        pointer: &Pointer,
        what: &str,
        anchor: Span,
        lang: QueryLanguage,
        (table, groups): Shape,
    ) -> Option<Checked<'a>> {
        if let Some(d) = not_an_object(node, pointer, what) {
            self.out.push(d);
            return None;
        }
        let mut ocx = self.object_cx(node, pointer, what, anchor, ANY, None);
        ocx.lang = lang;
        Some(check_object(&ocx, table, groups, &|_| false, &mut self.out))
    }

    /// A `StartAt` + `States` pair read from an object whose fields were already checked.
    fn scope(
        &mut self,
        kind: ScopeKind,
        node: &Node,
        pointer: &Pointer,
        checked: &Checked<'_>,
    ) -> Scope {
        let mut scope = Scope {
            kind,
            span: node.span,
            pointer: pointer.clone(),
            start_at: string(checked, "StartAt", pointer),
            states_span: None,
            states: Vec::new(),
        };
        let Some(states) = checked.get("States") else {
            return scope;
        };
        scope.states_span = Some(states.value.span);
        let members = states.value.as_object().unwrap_or_default();
        if members.is_empty() && !states.value.damaged {
            self.out.push(
                Diagnostic::new(
                    &INVALID_VALUE,
                    states.value.span,
                    "`States` must contain at least one state",
                )
                .pointer(pointer.key("States").as_str()),
            );
        }
        let states_pointer = pointer.key("States");
        scope.states = members
            .iter()
            .map(|m| self.state(m, &states_pointer))
            .collect();
        scope
    }

    /// A Parallel branch or a Map item processor: its own table, then its scope.
    fn sub_scope<'a>(
        &mut self,
        kind: ScopeKind,
        node: &'a Node,
        pointer: &Pointer,
        what: &str,
        anchor: Span,
        table: &'static [FieldSpec],
    ) -> Option<(Scope, Checked<'a>)> {
        let lang = self.machine_lang;
        let checked = self.nested(
            node,
            pointer,
            what,
            anchor,
            lang,
            (table, fields::SCOPE_GROUPS),
        )?;
        let scope = self.scope(kind, node, pointer, &checked);
        Some((scope, checked))
    }

    fn state(&mut self, member: &Member, states_pointer: &Pointer) -> State {
        let Key {
            name,
            span: name_span,
        } = &member.key;
        let node = &member.value;
        let pointer = states_pointer.key(name);
        self.check_state_name(&member.key, &pointer);
        let mut state = State {
            name: name.clone(),
            name_span: *name_span,
            span: node.span,
            pointer: pointer.clone(),
            kind: StateKind::Unknown,
            comment: None,
            query_language: None,
            language: self.machine_lang,
            transition: Transition::None,
            io: Io::default(),
            retry: Vec::new(),
            catch: Vec::new(),
            assign: None,
        };
        if let Some(d) = not_an_object(node, &pointer, &format!("state `{name}`")) {
            self.out.push(d);
            return state;
        }
        let Some((type_name, bit)) = self.state_type(name, *name_span, node, &pointer) else {
            return state;
        };
        state.language = self.state_language(name, node, &pointer);
        let what = format!("state `{name}`");
        let phrase = format!("a `{type_name}` state");
        let mut ocx = self.object_cx(
            node,
            &pointer,
            &what,
            *name_span,
            bit,
            Some((&phrase, state_types_phrase)),
        );
        ocx.lang = state.language;
        let checked = check_object(
            &ocx,
            fields::STATE,
            fields::STATE_GROUPS,
            &|_| false,
            &mut self.out,
        );
        self.deprecations(bit, &checked, &pointer);
        state.comment = string(&checked, "Comment", &pointer);
        state.query_language = field(&checked, "QueryLanguage", &pointer, language_of);
        state.transition = transition(&checked, &pointer);
        state.io = io(&checked, &pointer);
        state.assign = node_field(&checked, "Assign", &pointer);
        state.retry = self.retriers(&checked, &pointer, &what, state.language);
        state.catch = self.catchers(&checked, &pointer, &what, state.language);
        state.kind = self.kind(type_name, &checked, &pointer, &what, state.language);
        state
    }

    fn check_state_name(&mut self, key: &Key, pointer: &Pointer) {
        let chars = key.name.chars().count();
        let message = if chars == 0 {
            "a state name must not be empty".to_string()
        } else if chars > MAX_STATE_NAME_CHARS {
            format!(
                "state name is {chars} characters long; AWS accepts at most {MAX_STATE_NAME_CHARS}"
            )
        } else {
            return;
        };
        self.out.push(
            Diagnostic::new(&INVALID_STATE_NAME, key.span, message).pointer(pointer.as_str()),
        );
    }

    /// The state's `Type`, or `None` (reported, unless it is a placeholder) when it is unusable.
    fn state_type(
        &mut self,
        name: &str,
        name_span: Span,
        node: &Node,
        pointer: &Pointer,
    ) -> Option<(&'static str, Set)> {
        let Some(member) = node.get("Type") else {
            if !node.damaged {
                self.out.push(
                    Diagnostic::new(&MISSING_FIELD, name_span, format!("missing required field `Type` in state `{name}`"))
                        .help("set `Type` to one of `Pass`, `Task`, `Choice`, `Wait`, `Succeed`, `Fail`, `Parallel`, `Map`")
                        .pointer(pointer.as_str()),
                );
            }
            return None;
        };
        let value = &member.value;
        let Some(text) = value.as_str() else {
            self.out.push(
                Diagnostic::new(
                    &INVALID_TYPE,
                    value.span,
                    format!("`Type` must be a string, found {}", found(value)),
                )
                .pointer(pointer.key("Type").as_str()),
            );
            return None;
        };
        if let Some(&(type_name, bit)) = fields::STATE_TYPES.iter().find(|(n, _)| *n == text) {
            return Some((type_name, bit));
        }
        if !is_placeholder(text) {
            let d = Diagnostic::new(
                &INVALID_VALUE,
                value.span,
                format!("`Type` must be one of `Pass`, `Task`, `Choice`, `Wait`, `Succeed`, `Fail`, `Parallel`, `Map`, found `{text}`"),
            )
            .pointer(pointer.key("Type").as_str());
            let names = fields::STATE_TYPES.iter().map(|(n, _)| *n);
            self.out.push(match closest(text, names) {
                Some(s) => d.help(format!("did you mean `{s}`?")),
                None => d,
            });
        }
        None
    }

    /// The state's effective query language; reports a JSONPath state in a JSONata machine.
    fn state_language(&mut self, name: &str, node: &Node, pointer: &Pointer) -> QueryLanguage {
        let Some(member) = node.get("QueryLanguage") else {
            return self.machine_lang;
        };
        let Some(own) = language_of(&member.value) else {
            return self.machine_lang;
        };
        if own == QueryLanguage::JsonPath && self.machine_lang == QueryLanguage::Jsonata {
            self.out.push(
                Diagnostic::new(
                    &QUERY_LANGUAGE_MISMATCH,
                    member.value.span,
                    format!("state `{name}` sets the query language to `JSONPath`, but the top level sets `JSONata`"),
                )
                .help("states can switch from JSONPath to JSONata, not back: remove this `QueryLanguage` or set the top level to `JSONPath`")
                .pointer(pointer.key("QueryLanguage").as_str()),
            );
        }
        own
    }

    fn deprecations(&mut self, bit: Set, checked: &Checked<'_>, pointer: &Pointer) {
        for (on, name, instead) in DEPRECATED {
            let Some(member) = checked.get(name).filter(|_| on & bit != 0) else {
                continue;
            };
            self.out.push(
                Diagnostic::new(
                    &DEPRECATED_FIELD,
                    member.key.span,
                    format!("`{name}` is deprecated in Map states"),
                )
                .help(format!("use `{instead}` instead"))
                .pointer(pointer.key(name).as_str()),
            );
        }
    }

    fn kind(
        &mut self,
        type_name: &str,
        c: &Checked<'_>,
        p: &Pointer,
        what: &str,
        lang: QueryLanguage,
    ) -> StateKind {
        match type_name {
            "Pass" => StateKind::Pass(Pass {
                result: node_field(c, "Result", p),
            }),
            "Task" => StateKind::Task(Task {
                resource: string(c, "Resource", p),
                timeout_seconds: dyn_int(c, "TimeoutSeconds", p),
                timeout_seconds_path: string(c, "TimeoutSecondsPath", p),
                heartbeat_seconds: dyn_int(c, "HeartbeatSeconds", p),
                heartbeat_seconds_path: string(c, "HeartbeatSecondsPath", p),
                credentials: self.credentials(c, p, what, lang),
            }),
            "Choice" => StateKind::Choice(self.choice(c, p, what, lang)),
            "Wait" => StateKind::Wait(Wait {
                seconds: dyn_int(c, "Seconds", p),
                seconds_path: string(c, "SecondsPath", p),
                timestamp: field(c, "Timestamp", p, dyn_string),
                timestamp_path: string(c, "TimestampPath", p),
            }),
            "Succeed" => StateKind::Succeed,
            "Fail" => StateKind::Fail(Fail {
                error: string(c, "Error", p),
                error_path: string(c, "ErrorPath", p),
                cause: string(c, "Cause", p),
                cause_path: string(c, "CausePath", p),
            }),
            "Parallel" => StateKind::Parallel(self.parallel(c, p, what)),
            "Map" => StateKind::Map(Box::new(self.map(c, p, what, lang))),
            _ => StateKind::Unknown,
        }
    }

    fn credentials(
        &mut self,
        c: &Checked<'_>,
        p: &Pointer,
        what: &str,
        lang: QueryLanguage,
    ) -> Option<Field<Node>> {
        let member = c.get("Credentials")?;
        let pointer = p.key("Credentials");
        let what = format!("`Credentials` of {what}");
        self.nested(
            &member.value,
            &pointer,
            &what,
            member.key.span,
            lang,
            (fields::CREDENTIALS, fields::CREDENTIALS_GROUPS),
        );
        node_field(c, "Credentials", p)
    }

    fn parallel(&mut self, c: &Checked<'_>, p: &Pointer, what: &str) -> Parallel {
        let Some(member) = c.get("Branches") else {
            return Parallel::default();
        };
        let items = member.value.as_array().unwrap_or_default();
        let base = p.key("Branches");
        let mut branches = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let pointer = base.index(i);
            let what = format!("`Branches[{i}]` of {what}");
            if let Some((scope, _)) = self.sub_scope(
                ScopeKind::Branch,
                item,
                &pointer,
                &what,
                opening(item),
                fields::BRANCH,
            ) {
                branches.push(scope);
            }
        }
        Parallel { branches }
    }

    fn retriers(
        &mut self,
        c: &Checked<'_>,
        p: &Pointer,
        what: &str,
        lang: QueryLanguage,
    ) -> Vec<Retrier> {
        let entries = self.entries(
            c,
            "Retry",
            p,
            what,
            lang,
            (fields::RETRIER, fields::RETRIER_GROUPS),
        );
        entries
            .into_iter()
            .map(|(node, pointer, checked)| Retrier {
                span: node.span,
                error_equals: strings(&checked, "ErrorEquals", &pointer),
                interval_seconds: int(&checked, "IntervalSeconds", &pointer),
                max_attempts: int(&checked, "MaxAttempts", &pointer),
                backoff_rate: field(&checked, "BackoffRate", &pointer, |v| {
                    v.as_number().map(|n| n.value)
                }),
                max_delay_seconds: int(&checked, "MaxDelaySeconds", &pointer),
                jitter_strategy: string(&checked, "JitterStrategy", &pointer),
                comment: string(&checked, "Comment", &pointer),
                pointer,
            })
            .collect()
    }

    fn catchers(
        &mut self,
        c: &Checked<'_>,
        p: &Pointer,
        what: &str,
        lang: QueryLanguage,
    ) -> Vec<Catcher> {
        let entries = self.entries(
            c,
            "Catch",
            p,
            what,
            lang,
            (fields::CATCHER, fields::CATCHER_GROUPS),
        );
        entries
            .into_iter()
            .map(|(node, pointer, checked)| Catcher {
                span: node.span,
                error_equals: strings(&checked, "ErrorEquals", &pointer),
                next: string(&checked, "Next", &pointer),
                result_path: nullable_string(&checked, "ResultPath", &pointer),
                output: node_field(&checked, "Output", &pointer),
                assign: node_field(&checked, "Assign", &pointer),
                comment: string(&checked, "Comment", &pointer),
                pointer,
            })
            .collect()
    }

    /// The objects of an array field (`Retry`, `Catch`), each checked against `table`.
    #[allow(clippy::too_many_arguments)]
    fn entries<'a>(
        &mut self,
        c: &Checked<'a>,
        name: &str,
        p: &Pointer,
        what: &str,
        lang: QueryLanguage,
        (table, groups): Shape,
    ) -> Vec<(&'a Node, Pointer, Checked<'a>)> {
        let Some(member) = c.get(name) else {
            return Vec::new();
        };
        let base = p.key(name);
        let items = member.value.as_array().unwrap_or_default();
        let mut entries = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let pointer = base.index(i);
            let what = format!("`{name}[{i}]` of {what}");
            if let Some(checked) =
                self.nested(item, &pointer, &what, opening(item), lang, (table, groups))
            {
                entries.push((item, pointer, checked));
            }
        }
        entries
    }
}

/// Fields that AWS accepts but has replaced: (state types, field, replacement).
const DEPRECATED: &[(Set, &str, &str)] = &[
    (fields::MAP, "Iterator", "ItemProcessor"),
    (fields::MAP, "Parameters", "ItemSelector"),
];

fn state_types_phrase(on: Set) -> String {
    format!("{} states", fields::state_type_names(on))
}

/// `JSONPath` or `JSONata`; any other string counts as JSONata (as AWS resolves it), after the
/// enum finding that lowering has already reported.
fn language_of(value: &Node) -> Option<QueryLanguage> {
    match value.as_str()? {
        "JSONPath" => Some(QueryLanguage::JsonPath),
        s if is_placeholder(s) => None,
        _ => Some(QueryLanguage::Jsonata),
    }
}

fn transition(c: &Checked<'_>, p: &Pointer) -> Transition {
    if let Some(next) = string(c, "Next", p) {
        return Transition::Next(next);
    }
    match c.get("End") {
        Some(member) if member.value.as_bool() == Some(true) => Transition::End(member.key.span),
        _ => Transition::None,
    }
}

fn io(c: &Checked<'_>, p: &Pointer) -> Io {
    Io {
        input_path: nullable_string(c, "InputPath", p),
        output_path: nullable_string(c, "OutputPath", p),
        parameters: node_field(c, "Parameters", p),
        result_selector: node_field(c, "ResultSelector", p),
        result_path: nullable_string(c, "ResultPath", p),
        arguments: node_field(c, "Arguments", p),
        output: node_field(c, "Output", p),
    }
}

/// A typed field from a checked member, when `convert` accepts its value.
fn field<T>(
    c: &Checked<'_>,
    name: &str,
    p: &Pointer,
    convert: impl Fn(&Node) -> Option<T>,
) -> Option<Field<T>> {
    let member = c.get(name)?;
    Some(Field {
        value: convert(&member.value)?,
        span: member.value.span,
        key_span: member.key.span,
        pointer: p.key(name),
    })
}

fn string(c: &Checked<'_>, name: &str, p: &Pointer) -> Option<Field<String>> {
    field(c, name, p, |v| v.as_str().map(str::to_string))
}

fn nullable_string(c: &Checked<'_>, name: &str, p: &Pointer) -> Option<Field<Option<String>>> {
    field(c, name, p, |v| match &v.value {
        Value::Null => Some(None),
        Value::String(s) => Some(Some(s.clone())),
        _ => None,
    })
}

fn node_field(c: &Checked<'_>, name: &str, p: &Pointer) -> Option<Field<Node>> {
    field(c, name, p, |v| Some(v.clone()))
}

fn int(c: &Checked<'_>, name: &str, p: &Pointer) -> Option<Field<i64>> {
    field(c, name, p, |v| v.as_number().and_then(|n| n.as_i64()))
}

fn dyn_of<T>(v: &Node, lit: impl Fn(&Node) -> Option<T>) -> Option<Dyn<T>> {
    match v.as_str() {
        Some(s) if is_jsonata(s) => Some(Dyn::Expr(s.to_string())),
        _ => lit(v).map(Dyn::Lit),
    }
}

fn dyn_int(c: &Checked<'_>, name: &str, p: &Pointer) -> Option<Field<Dyn<i64>>> {
    field(c, name, p, |v| {
        dyn_of(v, |v| v.as_number().and_then(|n| n.as_i64()))
    })
}

fn dyn_string(v: &Node) -> Option<Dyn<String>> {
    dyn_of(v, |v| v.as_str().map(str::to_string))
}

fn strings(c: &Checked<'_>, name: &str, p: &Pointer) -> Vec<Field<String>> {
    let Some(member) = c.get(name) else {
        return Vec::new();
    };
    let base = p.key(name);
    let items = member.value.as_array().unwrap_or_default();
    items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| {
            Some(Field {
                value: item.as_str()?.to_string(),
                span: item.span,
                key_span: member.key.span,
                pointer: base.index(i),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;
