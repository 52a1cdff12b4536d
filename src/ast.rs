//! The typed AST of a state machine, lowered from the syntax tree.
//!
//! Lowering checks shape once, from the field tables in [`fields`]: unknown and misplaced fields,
//! value types, ranges and enums, required and mutually exclusive fields, fields of the wrong
//! query language. Rules then read a typed machine and never re-check shape. A field whose value
//! had the wrong type is absent from the AST (and was reported); everything else is kept, so one
//! problem never hides another.

pub mod codes;
pub(crate) mod fields;
pub mod json_schema;
mod lower;
mod pointer;
mod quota;
mod schema;

pub use lower::{Lowered, lower};
pub use pointer::Pointer;
pub use quota::{MAX_PAYLOAD_BYTES, over_payload_limit};
pub use schema::{is_placeholder, placeholder_ranges};

use crate::syntax::{Node, Span};

/// A field's value with where it was read: the value's span, the key's span and its JSON pointer.
#[derive(Debug, Clone, PartialEq)]
pub struct Field<T> {
    pub value: T,
    pub span: Span,
    pub key_span: Span,
    pub pointer: Pointer,
}

/// A value that is either written out or, in JSONata states, computed by a `{% ... %}` expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Dyn<T> {
    Lit(T),
    /// The whole JSONata string, `{%` and `%}` included.
    Expr(String),
}

/// The language of paths and expressions in a state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QueryLanguage {
    #[default]
    JsonPath,
    Jsonata,
}

impl QueryLanguage {
    pub fn as_str(self) -> &'static str {
        match self {
            QueryLanguage::JsonPath => "JSONPath",
            QueryLanguage::Jsonata => "JSONata",
        }
    }
}

/// A whole definition.
#[derive(Debug, Clone, PartialEq)]
pub struct StateMachine {
    pub span: Span,
    pub comment: Option<Field<String>>,
    pub version: Option<Field<String>>,
    pub timeout_seconds: Option<Field<i64>>,
    pub query_language: Option<Field<QueryLanguage>>,
    /// The language states use when they do not set their own.
    pub default_language: QueryLanguage,
    /// The top-level `StartAt` and `States`.
    pub scope: Scope,
}

/// Where a set of states sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    /// The top level of the machine.
    Machine,
    /// One of a Parallel state's `Branches`.
    Branch,
    /// A Map state's `ItemProcessor` (or the deprecated `Iterator`).
    ItemProcessor,
}

/// A `StartAt` with its `States`: the top level, a Parallel branch or a Map's item processor.
/// State names are looked up, and transitions resolved, within one scope.
#[derive(Debug, Clone, PartialEq)]
pub struct Scope {
    pub kind: ScopeKind,
    /// The object that holds `StartAt` and `States`.
    pub span: Span,
    pub pointer: Pointer,
    pub start_at: Option<Field<String>>,
    /// The span of the `States` object, when there is one.
    pub states_span: Option<Span>,
    /// In source order.
    pub states: Vec<State>,
}

impl Scope {
    /// The state called `name` in this scope (a linear search: for repeated lookups build a map).
    pub fn state(&self, name: &str) -> Option<&State> {
        self.states.iter().find(|s| s.name == name)
    }

    /// Every state of this scope and of the scopes nested in it (Parallel branches, Map item
    /// processors), each with the scope that holds it, depth-first in source order. Iterative, so
    /// any nesting depth is safe.
    pub fn all_states(&self) -> Vec<(&Scope, &State)> {
        let mut out = Vec::new();
        let mut stack = vec![(self, 0usize)];
        while let Some((scope, next)) = stack.pop() {
            let Some(state) = scope.states.get(next) else {
                continue;
            };
            out.push((scope, state));
            stack.push((scope, next + 1));
            for child in state.child_scopes().into_iter().rev() {
                stack.push((child, 0));
            }
        }
        out
    }

    /// Every Task state with a `Resource`, here and in the nested scopes, with its resource,
    /// in the order of [`Scope::all_states`].
    pub fn task_resources(&self) -> Vec<(&State, &Field<String>)> {
        self.all_states()
            .into_iter()
            .filter_map(|(_, state)| match &state.kind {
                StateKind::Task(task) => Some((state, task.resource.as_ref()?)),
                _ => None,
            })
            .collect()
    }
}

/// One state.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub name: String,
    pub name_span: Span,
    /// The state's object.
    pub span: Span,
    pub pointer: Pointer,
    pub kind: StateKind,
    pub comment: Option<Field<String>>,
    pub query_language: Option<Field<QueryLanguage>>,
    /// The effective language: the state's own, else the machine's, else JSONPath.
    pub language: QueryLanguage,
    pub transition: Transition,
    pub io: Io,
    pub retry: Vec<Retrier>,
    pub catch: Vec<Catcher>,
    /// `Assign` (both languages).
    pub assign: Option<Field<Node>>,
}

impl State {
    pub fn type_name(&self) -> &'static str {
        self.kind.type_name()
    }

    /// The scopes directly inside this state: a Parallel state's branches, a Map's processor.
    pub fn child_scopes(&self) -> Vec<&Scope> {
        match &self.kind {
            StateKind::Parallel(parallel) => parallel.branches.iter().collect(),
            StateKind::Map(map) => map.processor.iter().map(|p| &p.scope).collect(),
            _ => Vec::new(),
        }
    }
}

/// How a state ends: `Next`, `End: true`, or neither (Choice, Succeed, Fail, or a mistake).
#[derive(Debug, Clone, PartialEq)]
pub enum Transition {
    Next(Field<String>),
    /// The span of the `End` key.
    End(Span),
    None,
}

/// Input and output processing. Which of these a state may have depends on its type and language.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Io {
    /// `InputPath` (JSONPath); `None` inside the field means `null`.
    pub input_path: Option<Field<Option<String>>>,
    /// `OutputPath` (JSONPath); `None` inside the field means `null`.
    pub output_path: Option<Field<Option<String>>>,
    /// `Parameters` (JSONPath): a payload template.
    pub parameters: Option<Field<Node>>,
    /// `ResultSelector` (JSONPath): a payload template.
    pub result_selector: Option<Field<Node>>,
    /// `ResultPath` (JSONPath); `None` inside the field means `null` (discard the result).
    pub result_path: Option<Field<Option<String>>>,
    /// `Arguments` (JSONata): an object or a JSONata string.
    pub arguments: Option<Field<Node>>,
    /// `Output` (JSONata): any value.
    pub output: Option<Field<Node>>,
}

/// The type-specific part of a state.
#[derive(Debug, Clone, PartialEq)]
pub enum StateKind {
    Pass(Pass),
    Task(Task),
    Choice(Choice),
    Wait(Wait),
    Succeed,
    Fail(Fail),
    Parallel(Parallel),
    Map(Box<Map>),
    /// `Type` is missing, invalid or a `${...}` placeholder: nothing more is known.
    Unknown,
}

impl StateKind {
    pub fn type_name(&self) -> &'static str {
        match self {
            StateKind::Pass(_) => "Pass",
            StateKind::Task(_) => "Task",
            StateKind::Choice(_) => "Choice",
            StateKind::Wait(_) => "Wait",
            StateKind::Succeed => "Succeed",
            StateKind::Fail(_) => "Fail",
            StateKind::Parallel(_) => "Parallel",
            StateKind::Map(_) => "Map",
            StateKind::Unknown => "unknown",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Pass {
    /// `Result` (JSONPath): any value.
    pub result: Option<Field<Node>>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Task {
    pub resource: Option<Field<String>>,
    pub timeout_seconds: Option<Field<Dyn<i64>>>,
    pub timeout_seconds_path: Option<Field<String>>,
    pub heartbeat_seconds: Option<Field<Dyn<i64>>>,
    pub heartbeat_seconds_path: Option<Field<String>>,
    /// `Credentials`: an object with `RoleArn` or `RoleArn.$`.
    pub credentials: Option<Field<Node>>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Choice {
    pub choices: Vec<ChoiceRule>,
    pub default: Option<Field<String>>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Wait {
    pub seconds: Option<Field<Dyn<i64>>>,
    pub seconds_path: Option<Field<String>>,
    pub timestamp: Option<Field<Dyn<String>>>,
    pub timestamp_path: Option<Field<String>>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Fail {
    /// `Error`: a string, or a JSONata string in JSONata states.
    pub error: Option<Field<String>>,
    pub error_path: Option<Field<String>>,
    pub cause: Option<Field<String>>,
    pub cause_path: Option<Field<String>>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Parallel {
    pub branches: Vec<Scope>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Map {
    /// `ItemProcessor`, or the deprecated `Iterator`.
    pub processor: Option<ItemProcessor>,
    pub items_path: Option<Field<String>>,
    /// `Items` (JSONata): an array or a JSONata string.
    pub items: Option<Field<Node>>,
    /// `ItemSelector`: a payload template (or, in JSONata, a JSONata string).
    pub item_selector: Option<Field<Node>>,
    pub max_concurrency: Option<Field<Dyn<i64>>>,
    pub max_concurrency_path: Option<Field<String>>,
    pub item_reader: Option<ItemReader>,
    pub item_batcher: Option<ItemBatcher>,
    pub result_writer: Option<ResultWriter>,
    pub label: Option<Field<String>>,
    pub tolerated_failure_percentage: Option<Field<Dyn<f64>>>,
    pub tolerated_failure_percentage_path: Option<Field<String>>,
    pub tolerated_failure_count: Option<Field<Dyn<i64>>>,
    pub tolerated_failure_count_path: Option<Field<String>>,
}

/// A Map state's `ItemProcessor` (or `Iterator`): a scope plus its processor configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemProcessor {
    /// `ItemProcessor` or `Iterator`.
    pub field_name: &'static str,
    pub key_span: Span,
    /// `ProcessorConfig.Mode`: `INLINE` (the default) or `DISTRIBUTED`.
    pub mode: Option<Field<String>>,
    /// `ProcessorConfig.ExecutionType`: `STANDARD` or `EXPRESS`.
    pub execution_type: Option<Field<String>>,
    pub scope: Scope,
}

impl ItemProcessor {
    pub fn is_distributed(&self) -> bool {
        self.mode.as_ref().is_some_and(|m| m.value == "DISTRIBUTED")
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ItemReader {
    pub span: Span,
    pub pointer: Pointer,
    pub resource: Option<Field<String>>,
    pub reader_config: Option<ReaderConfig>,
    pub parameters: Option<Field<Node>>,
    pub arguments: Option<Field<Node>>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReaderConfig {
    pub input_type: Option<Field<String>>,
    pub csv_header_location: Option<Field<String>>,
    pub csv_headers: Option<Field<Node>>,
    pub csv_delimiter: Option<Field<String>>,
    pub max_items: Option<Field<Dyn<i64>>>,
    pub max_items_path: Option<Field<String>>,
    pub manifest_type: Option<Field<String>>,
    pub items_pointer: Option<Field<String>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ItemBatcher {
    pub span: Span,
    pub pointer: Pointer,
    pub max_items_per_batch: Option<Field<Dyn<i64>>>,
    pub max_items_per_batch_path: Option<Field<String>>,
    pub max_input_bytes_per_batch: Option<Field<Dyn<i64>>>,
    pub max_input_bytes_per_batch_path: Option<Field<String>>,
    pub batch_input: Option<Field<Node>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResultWriter {
    pub span: Span,
    pub pointer: Pointer,
    pub resource: Option<Field<String>>,
    pub parameters: Option<Field<Node>>,
    pub arguments: Option<Field<Node>>,
    pub output_type: Option<Field<String>>,
    pub transformation: Option<Field<String>>,
}

/// One entry of `Retry`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Retrier {
    pub span: Span,
    pub pointer: Pointer,
    pub error_equals: Vec<Field<String>>,
    pub interval_seconds: Option<Field<i64>>,
    pub max_attempts: Option<Field<i64>>,
    pub backoff_rate: Option<Field<f64>>,
    pub max_delay_seconds: Option<Field<i64>>,
    pub jitter_strategy: Option<Field<String>>,
    pub comment: Option<Field<String>>,
}

/// One entry of `Catch`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Catcher {
    pub span: Span,
    pub pointer: Pointer,
    pub error_equals: Vec<Field<String>>,
    pub next: Option<Field<String>>,
    pub result_path: Option<Field<Option<String>>>,
    pub output: Option<Field<Node>>,
    pub assign: Option<Field<Node>>,
    pub comment: Option<Field<String>>,
}

/// One rule of a Choice state: a top-level entry of `Choices`, or a rule nested in And/Or/Not.
#[derive(Debug, Clone, PartialEq)]
pub struct ChoiceRule {
    pub span: Span,
    pub pointer: Pointer,
    pub kind: ChoiceRuleKind,
    /// Top-level rules only.
    pub next: Option<Field<String>>,
    pub comment: Option<Field<String>>,
    pub assign: Option<Field<Node>>,
    /// JSONata rules only.
    pub output: Option<Field<Node>>,
}

impl ChoiceRule {
    /// This rule and every rule nested in it through `And`, `Or` and `Not`, without recursion.
    pub fn self_and_nested(&self) -> Vec<&ChoiceRule> {
        let mut out = Vec::new();
        let mut stack = vec![self];
        while let Some(rule) = stack.pop() {
            out.push(rule);
            match &rule.kind {
                ChoiceRuleKind::And(rules) | ChoiceRuleKind::Or(rules) => {
                    stack.extend(rules.iter().rev())
                }
                ChoiceRuleKind::Not(rule) => stack.push(rule),
                _ => {}
            }
        }
        out
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum ChoiceRuleKind {
    /// JSONPath: `Variable` compared with one operator.
    Comparison {
        variable: Field<String>,
        operator: &'static Operator,
        /// The operand as written (its type was checked against the operator).
        operand: Field<Node>,
    },
    And(Vec<ChoiceRule>),
    Or(Vec<ChoiceRule>),
    Not(Box<ChoiceRule>),
    /// JSONata: `Condition`, a boolean or a JSONata string.
    Condition(Field<Dyn<bool>>),
    /// The rule's shape was wrong (and reported); nothing more is known.
    Invalid,
}

/// A comparison operator of JSONPath Choice rules, from the table in [`fields::OPERATORS`].
#[derive(Debug, PartialEq, Eq)]
pub struct Operator {
    pub name: &'static str,
    pub test: Test,
    /// The `...Path` variant: the operand is a reference path to compare with.
    pub path: bool,
}

/// What a comparison tests, independent of whether its operand is a literal or a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Test {
    StringEquals,
    StringLessThan,
    StringGreaterThan,
    StringLessThanEquals,
    StringGreaterThanEquals,
    StringMatches,
    NumericEquals,
    NumericLessThan,
    NumericGreaterThan,
    NumericLessThanEquals,
    NumericGreaterThanEquals,
    BooleanEquals,
    TimestampEquals,
    TimestampLessThan,
    TimestampGreaterThan,
    TimestampLessThanEquals,
    TimestampGreaterThanEquals,
    IsNull,
    IsPresent,
    IsNumeric,
    IsString,
    IsBoolean,
    IsTimestamp,
}
