//! A JSON Schema (draft-07) of the language for editors (VS Code, yaml-language-server),
//! generated from the field tables in [`fields`], so it cannot drift from what lowering checks.
//! `schemas/asl.schema.json` is its output; `tests/json_schema.rs` keeps the two equal.
//!
//! Every object of a definition becomes one entry of `definitions`: its fields (the table rows
//! its variant and query language allow) with `additionalProperties: false`, `required` from
//! [`GroupKind::Required`] groups, and exclusive groups as `dependencies` that forbid the other
//! fields (an editor then says "Property `TimeoutSecondsPath` is not allowed" at the right key).
//! State types are told apart by `if Type == X then ...`, never `oneOf`. The query language
//! splits the schema in two: a state's fields, and whether `{% ... %}` strings stand for values,
//! depend on its effective language (its own `QueryLanguage`, else the top level's), and the
//! states of Parallel branches and Map processors inherit the top level's, as in lowering; so
//! definitions carry the languages they were built for in their names (`Task.JSONata`,
//! `Map.JSONata.inJSONPath`). The few constraints that lowering states in code rather than in
//! tables (Choice rule forms, `States` not empty, state name lengths, Distributed Map and CSV
//! header combinations) are written here next to a pointer to that code.

use serde_json::{Map, Value, json};

use super::QueryLanguage;
use super::fields::{self, ANY, FieldSpec, Group, GroupKind, Lang, NESTED_RULE, Set, TOP_RULE, Ty};
use super::lower::MAX_STATE_NAME_CHARS;

/// The schema's `$id`: a name, not a download location (editors are given a path or URL).
pub const SCHEMA_ID: &str = "urn:asl-lint:schema:asl";

/// A whole `${...}` / `#{...}` substitution, as [`super::is_placeholder`] accepts it.
const PLACEHOLDER_PATTERN: &str = r"^[$#]\{[^{}]+\}$";
/// A JSONata expression string, as `is_jsonata` accepts it.
const JSONATA_PATTERN: &str = r"^\{%[\s\S]*%\}$";
/// The RFC 3339 profile of `is_rfc3339`: uppercase `T` and `Z`, optional fraction.
const TIMESTAMP_PATTERN: &str = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$";
/// A Map `Label`: no blanks, control characters or characters AWS forbids in names.
const LABEL_PATTERN: &str = "^[^\\s\\u0000-\\u001f\\u007f-\\u009f<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/]*$";
const LABEL_MAX_CHARS: u64 = 40;

/// Choice rule fields that hold rules: `And`, `Or` (arrays) and `Not` (one rule).
const COMBINATORS: &[&str] = &["And", "Or", "Not"];

/// Which object a field holds, by field name: the field tables name fields, lowering decides
/// which table checks each one's value (`lower.rs`, `lower/map.rs`, `lower/choice.rs`).
const NESTED: &[(&str, Nested)] = &[
    ("States", Nested::States),
    ("Branches", Nested::Branch),
    ("ItemProcessor", Nested::ItemProcessor),
    ("Iterator", Nested::ItemProcessor),
    ("ProcessorConfig", Nested::Plain("ProcessorConfig")),
    ("Retry", Nested::Plain("Retrier")),
    ("Catch", Nested::Plain("Catcher")),
    ("Credentials", Nested::Plain("Credentials")),
    ("ItemReader", Nested::Plain("ItemReader")),
    ("ReaderConfig", Nested::Plain("ReaderConfig")),
    ("ItemBatcher", Nested::Plain("ItemBatcher")),
    ("ResultWriter", Nested::Plain("ResultWriter")),
    ("WriterConfig", Nested::Plain("WriterConfig")),
    ("Choices", Nested::Rule(TOP_RULE)),
    ("And", Nested::Rule(NESTED_RULE)),
    ("Or", Nested::Rule(NESTED_RULE)),
    ("Not", Nested::Rule(NESTED_RULE)),
];

#[derive(Debug, Clone, Copy)]
enum Nested {
    /// A map of state names to states, in the top level's language.
    States,
    Branch,
    ItemProcessor,
    /// An object with its own table in [`PLAIN`].
    Plain(&'static str),
    /// A Choice rule at this depth.
    Rule(Set),
}

/// The objects with a table and no states inside: name, table, groups.
const PLAIN: &[(&str, fields::Shape)] = &[
    (
        "ProcessorConfig",
        (fields::PROCESSOR_CONFIG, fields::NO_GROUPS),
    ),
    ("Retrier", (fields::RETRIER, fields::RETRIER_GROUPS)),
    ("Catcher", (fields::CATCHER, fields::CATCHER_GROUPS)),
    (
        "Credentials",
        (fields::CREDENTIALS, fields::CREDENTIALS_GROUPS),
    ),
    (
        "ItemReader",
        (fields::ITEM_READER, fields::ITEM_READER_GROUPS),
    ),
    (
        "ReaderConfig",
        (fields::READER_CONFIG, fields::READER_CONFIG_GROUPS),
    ),
    (
        "ItemBatcher",
        (fields::ITEM_BATCHER, fields::ITEM_BATCHER_GROUPS),
    ),
    ("ResultWriter", (fields::RESULT_WRITER, fields::NO_GROUPS)),
    (
        "WriterConfig",
        (fields::WRITER_CONFIG, fields::WRITER_CONFIG_GROUPS),
    ),
];

/// Short texts for editors' hovers; the generator adds the type, the query language and the
/// field of the other language.
const DESCRIPTIONS: &[(&str, &str)] = &[
    ("Comment", "A human-readable description"),
    ("StartAt", "The name of the state to start with"),
    ("States", "The states, by name"),
    ("Version", "The version of the Amazon States Language"),
    (
        "TimeoutSeconds",
        "The most seconds this may run before it fails with `States.Timeout`",
    ),
    (
        "QueryLanguage",
        "The language of paths and expressions: `JSONPath` (the default) or `JSONata`",
    ),
    ("Type", "The state's type"),
    ("Next", "The name of the state to go to next"),
    (
        "End",
        "`true` when the execution (or branch) ends after this state",
    ),
    ("InputPath", "The part of the state input to use"),
    ("OutputPath", "The part of the state output to pass on"),
    (
        "Parameters",
        "A payload template: the input of the task, branch or iteration",
    ),
    ("ResultSelector", "A payload template applied to the result"),
    (
        "ResultPath",
        "Where in the input to put the result; `null` discards it",
    ),
    ("Result", "The output of the Pass state"),
    (
        "Arguments",
        "The input of the task or branches: an object or a JSONata expression",
    ),
    ("Output", "The output of the state"),
    ("Assign", "Variables to set, by name"),
    ("Retry", "Retriers, tried in order when the state fails"),
    (
        "Catch",
        "Catchers: where to go when the state fails after its retries",
    ),
    ("Resource", "The ARN of the task or integration to run"),
    (
        "TimeoutSecondsPath",
        "A reference path to the timeout in seconds",
    ),
    (
        "HeartbeatSeconds",
        "The most seconds between heartbeats from the task",
    ),
    (
        "HeartbeatSecondsPath",
        "A reference path to the heartbeat interval in seconds",
    ),
    ("Credentials", "The role the task assumes"),
    (
        "Choices",
        "The rules, tried in order; the first that matches chooses `Next`",
    ),
    ("Default", "The state to go to when no rule matches"),
    ("Seconds", "How long to wait, in seconds"),
    (
        "SecondsPath",
        "A reference path to how long to wait, in seconds",
    ),
    (
        "Timestamp",
        "When to stop waiting (RFC 3339, for example `2026-01-31T23:59:59Z`)",
    ),
    ("TimestampPath", "A reference path to when to stop waiting"),
    ("Error", "The error name"),
    ("ErrorPath", "A reference path to the error name"),
    ("Cause", "The cause of the error"),
    ("CausePath", "A reference path to the cause"),
    ("Branches", "The branches, run in parallel"),
    ("ItemProcessor", "The states run for each item, and how"),
    ("Iterator", "Deprecated: use `ItemProcessor`"),
    ("ItemsPath", "A reference path to the array to iterate over"),
    ("Items", "The array to iterate over"),
    ("ItemSelector", "A template for each item's input"),
    (
        "MaxConcurrency",
        "How many iterations may run at once; 0 means no limit",
    ),
    ("ItemReader", "Where a Distributed Map reads its items"),
    (
        "ItemBatcher",
        "How a Distributed Map groups items into batches",
    ),
    ("ResultWriter", "Where a Distributed Map writes its results"),
    ("Label", "A label for the Map Run (at most 40 characters)"),
    (
        "ToleratedFailurePercentage",
        "The percentage of failed items tolerated",
    ),
    (
        "ToleratedFailureCount",
        "The number of failed items tolerated",
    ),
    (
        "ProcessorConfig",
        "`Mode` (`INLINE` or `DISTRIBUTED`) and, for Distributed, `ExecutionType`",
    ),
    (
        "ErrorEquals",
        "The error names this handles; `States.ALL` matches any",
    ),
    ("IntervalSeconds", "Seconds before the first retry"),
    ("MaxAttempts", "The most retries; 0 never retries"),
    (
        "BackoffRate",
        "The multiplier of the interval after each retry",
    ),
    ("MaxDelaySeconds", "The longest interval between retries"),
    ("JitterStrategy", "`FULL` randomizes the intervals"),
    ("Variable", "A reference path to the value to compare"),
    (
        "Condition",
        "A JSONata expression that gives `true` or `false`",
    ),
    ("And", "Matches when every rule matches"),
    ("Or", "Matches when any rule matches"),
    ("Not", "Matches when the rule does not match"),
];

/// The JSON Schema of a state machine definition, generated from the field tables.
pub fn generate() -> Value {
    let mut g = Gen::default();
    let jsonpath = g.scope("Machine", fields::MACHINE, fields::MACHINE_GROUPS, JSONPATH);
    let jsonata = g.scope("Machine", fields::MACHINE, fields::MACHINE_GROUPS, JSONATA);
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_ID,
        "title": "AWS Step Functions state machine (Amazon States Language)",
        "description": "A state machine definition; generated by asl-lint from its field tables",
        "type": "object",
        "if": lang_is(JSONATA),
        "then": reference(&jsonata),
        "else": reference(&jsonpath),
        "definitions": Value::Object(g.defs),
    })
}

const JSONPATH: QueryLanguage = QueryLanguage::JsonPath;
const JSONATA: QueryLanguage = QueryLanguage::Jsonata;

/// The languages a definition is built for: the object's own (effective) language and the top
/// level's, which nested scopes inherit.
#[derive(Debug, Clone, Copy)]
struct Cx {
    lang: QueryLanguage,
    machine: QueryLanguage,
}

struct Gen {
    defs: Map<String, Value>,
}

impl Gen {
    /// Adds the definition `name` built by `build` unless it exists; returns `name`.
    fn define(&mut self, name: String, build: impl FnOnce(&mut Self) -> Value) -> String {
        if !self.defs.contains_key(&name) {
            // Reserve the name first: definitions refer to themselves (nested Choice rules).
            self.defs.insert(name.clone(), Value::Null);
            let value = build(self);
            self.defs.insert(name.clone(), value);
        }
        name
    }

    /// The top level, a Parallel branch or a Map item processor: `StartAt` and `States` of
    /// `machine`'s language.
    fn scope(
        &mut self,
        base: &str,
        table: &'static [FieldSpec],
        groups: &'static [Group],
        machine: QueryLanguage,
    ) -> String {
        let name = format!("{base}.{}", machine.as_str());
        let cx = Cx {
            lang: machine,
            machine,
        };
        self.define(name, |g| g.object(table, groups, ANY, cx))
    }

    /// The schema of an object described by `table` for `variant`, in `cx`'s languages.
    fn object(
        &mut self,
        table: &'static [FieldSpec],
        groups: &'static [Group],
        variant: Set,
        cx: Cx,
    ) -> Value {
        let rows: Vec<&FieldSpec> = table
            .iter()
            .filter(|f| f.on & variant != 0 && allowed_in(f.lang, cx.lang))
            .collect();
        let mut properties = Map::new();
        for row in &rows {
            properties.insert(row.name.to_string(), self.field(row, cx));
        }
        let mut schema = json!({
            "type": "object",
            "properties": properties,
            "additionalProperties": false,
        });
        let allowed: Vec<&str> = rows.iter().map(|f| f.name).collect();
        apply_groups(&mut schema, groups, variant, &allowed);
        schema
    }

    /// The schema of one field's value.
    fn field(&mut self, row: &FieldSpec, cx: Cx) -> Value {
        let nested = NESTED.iter().find(|(n, _)| *n == row.name).map(|(_, k)| *k);
        let base = match nested {
            Some(kind) => self.nested(kind, row.ty, cx),
            None => ty_schema(row.ty),
        };
        let mut alternatives = vec![base];
        if is_scalar(row.ty) {
            alternatives.push(json!({ "$ref": def_ref("Substitution") }));
        }
        if row.expr && cx.lang == JSONATA {
            alternatives.push(json!({ "$ref": def_ref("JSONata") }));
        }
        let mut schema = if alternatives.len() == 1 {
            alternatives.remove(0)
        } else {
            json!({ "anyOf": alternatives })
        };
        if let Some(text) = describe(row, cx) {
            if schema.get("$ref").is_some() {
                schema = json!({ "allOf": [schema] });
            }
            schema["description"] = Value::String(text);
        }
        schema
    }

    /// The schema of a field that holds other objects.
    fn nested(&mut self, kind: Nested, ty: Ty, cx: Cx) -> Value {
        let item = match kind {
            Nested::States => return self.states(cx.machine),
            Nested::Branch => {
                self.scope("Branch", fields::BRANCH, fields::SCOPE_GROUPS, cx.machine)
            }
            Nested::ItemProcessor => self.scope(
                "ItemProcessor",
                fields::ITEM_PROCESSOR,
                fields::SCOPE_GROUPS,
                cx.machine,
            ),
            Nested::Plain(name) => self.plain(name, cx),
            Nested::Rule(depth) => self.rule(depth, cx),
        };
        match ty {
            Ty::Array(non_empty) => {
                let mut schema = json!({ "type": "array", "items": reference(&item) });
                if non_empty {
                    schema["minItems"] = json!(1);
                }
                schema
            }
            _ => reference(&item),
        }
    }

    fn plain(&mut self, name: &'static str, cx: Cx) -> String {
        let (_, (table, groups)) = PLAIN
            .iter()
            .find(|(n, _)| *n == name)
            .expect("every plain object has a table");
        let sensitive = table.iter().any(|f| f.lang != Lang::Both || f.expr);
        let def = if sensitive {
            format!("{name}.{}", cx.lang.as_str())
        } else {
            name.to_string()
        };
        self.define(def, |g| {
            let mut schema = g.object(table, groups, ANY, cx);
            extra_constraints(name, &mut schema);
            schema
        })
    }

    /// `States`: at least one state, names of 1 to 80 characters (`lower.rs`: `scope`,
    /// `check_state_name`).
    fn states(&mut self, machine: QueryLanguage) -> Value {
        let state = self.state(machine);
        json!({
            "type": "object",
            "description": "The states, by name",
            "minProperties": 1,
            "propertyNames": { "minLength": 1, "maxLength": MAX_STATE_NAME_CHARS },
            "additionalProperties": reference(&state),
        })
    }

    /// A state in a scope of `machine`'s language: `Type` decides its fields, its own
    /// `QueryLanguage` (else `machine`) their language (`lower.rs`: `state`, `state_language`).
    fn state(&mut self, machine: QueryLanguage) -> String {
        let name = format!("State.in{}", machine.as_str());
        self.define(name, |g| {
            let jsonata = g.state_types(JSONATA, machine);
            let mut schema = json!({
                "type": "object",
                "required": ["Type"],
                "properties": {
                    "Type": {
                        "description": "The state's type",
                        "anyOf": [
                            { "enum": fields::STATE_TYPES.iter().map(|(n, _)| *n).collect::<Vec<_>>() },
                            { "$ref": def_ref("Placeholder") },
                        ],
                    },
                },
            });
            if machine == JSONATA {
                // States cannot switch back to JSONPath under a JSONata top level.
                schema["properties"]["QueryLanguage"] = json!({ "not": { "const": "JSONPath" } });
                schema["allOf"] = json!([reference(&jsonata)]);
            } else {
                let jsonpath = g.state_types(JSONPATH, machine);
                schema["if"] = lang_is(JSONATA);
                schema["then"] = reference(&jsonata);
                schema["else"] = reference(&jsonpath);
            }
            schema
        })
    }

    /// One `if Type == X then X's fields` per state type.
    fn state_types(&mut self, lang: QueryLanguage, machine: QueryLanguage) -> String {
        let name = format!("StateTypes.{}.in{}", lang.as_str(), machine.as_str());
        self.define(name, |g| {
            let cx = Cx { lang, machine };
            let branches: Vec<Value> = fields::STATE_TYPES
                .iter()
                .map(|&(type_name, bit)| {
                    let def = g.state_type(type_name, bit, cx);
                    json!({
                        "if": { "properties": { "Type": { "const": type_name } }, "required": ["Type"] },
                        "then": reference(&def),
                    })
                })
                .collect();
            json!({ "allOf": branches })
        })
    }

    fn state_type(&mut self, type_name: &str, bit: Set, cx: Cx) -> String {
        let holds_scopes = fields::STATE.iter().any(|f| {
            f.on & bit != 0
                && NESTED.iter().any(|(n, k)| {
                    *n == f.name && matches!(k, Nested::Branch | Nested::ItemProcessor)
                })
        });
        let name = if holds_scopes {
            format!("{type_name}.{}.in{}", cx.lang.as_str(), cx.machine.as_str())
        } else {
            format!("{type_name}.{}", cx.lang.as_str())
        };
        self.define(name, |g| {
            let mut schema = g.object(fields::STATE, fields::STATE_GROUPS, bit, cx);
            schema["description"] = json!(format!("A `{type_name}` state ({})", cx.lang.as_str()));
            schema["properties"]["Type"] = json!({ "const": type_name });
            schema["required"] = union(&schema["required"], &["Type"]);
            schema
        })
    }

    /// A Choice rule (`lower/choice.rs`). JSONPath: `Variable` with one of the 39 operators, or
    /// one of `And`, `Or`, `Not`. JSONata: a `Condition`. Top-level rules need `Next`.
    fn rule(&mut self, depth: Set, cx: Cx) -> String {
        let place = if depth == TOP_RULE { "Top" } else { "Nested" };
        let name = format!("ChoiceRule{place}.{}", cx.lang.as_str());
        self.define(name, |g| {
            let mut schema = g.object(fields::CHOICE_RULE, fields::NO_GROUPS, depth, cx);
            let mut required: Vec<&str> = Vec::new();
            if depth == TOP_RULE {
                required.push("Next");
            }
            if cx.lang == JSONATA {
                required.push("Condition");
            } else {
                for (op, ty) in fields::OPERATORS {
                    let operand = g.field(&operator_row(op.name, *ty), cx);
                    schema["properties"][op.name] = operand;
                }
                let test = g.define("ChoiceTest".to_string(), |_| choice_test());
                push_all_of(&mut schema, vec![reference(&test)]);
            }
            schema["required"] = union(&schema["required"], &required);
            schema
        })
    }
}

/// A JSONPath rule tests exactly one thing: an operator (with `Variable`) or a combinator
/// (without). "At least one" is an `anyOf`; "at most one" forbids, for each test, the tests
/// after it, so an editor points at the second one.
fn choice_test() -> Value {
    let tests: Vec<&str> = fields::OPERATORS
        .iter()
        .map(|(op, _)| op.name)
        .chain(COMBINATORS.iter().copied())
        .collect();
    let mut dependencies = Map::new();
    for (i, test) in tests.iter().enumerate() {
        let mut forbidden: Map<String, Value> = tests[i + 1..]
            .iter()
            .map(|t| (t.to_string(), json!(false)))
            .collect();
        let mut dependency = json!({});
        if COMBINATORS.contains(test) {
            forbidden.insert("Variable".to_string(), json!(false));
        } else {
            dependency["required"] = json!(["Variable"]);
        }
        if !forbidden.is_empty() {
            dependency["properties"] = Value::Object(forbidden);
        }
        dependencies.insert(test.to_string(), dependency);
    }
    json!({
        "description": "A comparison (`Variable` with one operator) or one of `And`, `Or`, `Not`",
        "anyOf": tests.iter().map(|t| json!({ "required": [t] })).collect::<Vec<_>>(),
        "dependencies": dependencies,
    })
}

/// An operator as a table row, so its operand gets the same schema as a field of its type.
fn operator_row(name: &'static str, ty: Ty) -> FieldSpec {
    FieldSpec {
        name,
        ty,
        lang: Lang::JsonPath,
        expr: false,
        on: ANY,
        instead: Some("Condition"),
    }
}

/// Constraints that lowering states in code (`lower/map.rs`: `processor`,
/// `reader_combinations`).
fn extra_constraints(name: &str, schema: &mut Value) {
    let constraints = match name {
        "ProcessorConfig" => vec![json!({
            "if": { "properties": { "Mode": { "const": "DISTRIBUTED" } }, "required": ["Mode"] },
            "then": { "required": ["ExecutionType"] },
        })],
        "ReaderConfig" => vec![
            json!({
                "if": { "properties": { "CSVHeaderLocation": { "const": "GIVEN" } }, "required": ["CSVHeaderLocation"] },
                "then": { "required": ["CSVHeaders"] },
            }),
            json!({
                "if": { "required": ["CSVHeaders"] },
                "then": { "required": ["CSVHeaderLocation"], "properties": { "CSVHeaderLocation": { "const": "GIVEN" } } },
            }),
            json!({
                "if": { "required": ["ItemsPointer", "InputType"] },
                "then": { "properties": { "InputType": { "const": "JSON" } } },
            }),
        ],
        _ => return,
    };
    push_all_of(schema, constraints);
}

/// Appends `items` to the schema's `allOf`.
fn push_all_of(schema: &mut Value, items: Vec<Value>) {
    let mut all = schema["allOf"].as_array().cloned().unwrap_or_default();
    all.extend(items);
    schema["allOf"] = Value::Array(all);
}

/// `required` from [`GroupKind::Required`] groups; exactly-one groups as an `anyOf` of
/// `required`; exclusive pairs as `dependencies`. Only fields allowed here count: the others
/// are rejected by `additionalProperties` already.
fn apply_groups(schema: &mut Value, groups: &[Group], variant: Set, allowed: &[&str]) {
    let mut required: Vec<&str> = Vec::new();
    let mut any_of: Vec<Value> = Vec::new();
    let mut dependencies = Map::new();
    for group in groups.iter().filter(|g| g.on & variant != 0) {
        if group.kind == GroupKind::Required {
            required.extend(group.fields);
            continue;
        }
        let members: Vec<&str> = group
            .fields
            .iter()
            .copied()
            .filter(|f| allowed.contains(f))
            .collect();
        match (group.kind, members.as_slice()) {
            (GroupKind::ExactlyOne, [only]) => required.push(only),
            (GroupKind::ExactlyOne, _) => any_of.push(json!({
                "anyOf": members.iter().map(|f| json!({ "required": [f] })).collect::<Vec<_>>(),
            })),
            _ => {}
        }
        for (i, first) in members.iter().enumerate() {
            for second in &members[i + 1..] {
                let entry = dependencies
                    .entry(first.to_string())
                    .or_insert_with(|| json!({ "properties": {} }));
                entry["properties"][*second] = json!(false);
            }
        }
    }
    if !required.is_empty() {
        schema["required"] = json!(required);
    }
    if !any_of.is_empty() {
        schema["allOf"] = json!(any_of);
    }
    if !dependencies.is_empty() {
        schema["dependencies"] = Value::Object(dependencies);
    }
}

fn allowed_in(lang: Lang, state: QueryLanguage) -> bool {
    match lang {
        Lang::Both => true,
        Lang::JsonPath => state == JSONPATH,
        Lang::Jsonata => state == JSONATA,
    }
}

/// What a type's value must be, without placeholders or expressions.
fn ty_schema(ty: Ty) -> Value {
    match ty {
        Ty::String | Ty::Path => json!({ "type": "string" }),
        Ty::NullablePath => json!({ "type": ["string", "null"] }),
        Ty::Bool => json!({ "type": "boolean" }),
        Ty::True => json!({ "const": true }),
        Ty::Int(min, max) => {
            let mut schema = json!({ "type": "integer", "minimum": min });
            if max != i64::MAX {
                schema["maximum"] = json!(max);
            }
            schema
        }
        Ty::Number(min, max) => {
            let mut schema = json!({ "type": "number" });
            if min != f64::MIN {
                schema["minimum"] = json!(min);
            }
            if max != f64::MAX {
                schema["maximum"] = json!(max);
            }
            schema
        }
        Ty::Enum(values) => json!({ "enum": values }),
        Ty::Timestamp => json!({ "type": "string", "pattern": TIMESTAMP_PATTERN }),
        Ty::Label => json!({
            "type": "string",
            "maxLength": LABEL_MAX_CHARS,
            "pattern": LABEL_PATTERN,
        }),
        Ty::Object => json!({ "type": "object" }),
        Ty::Array(non_empty) => {
            let mut schema = json!({ "type": "array" });
            if non_empty {
                schema["minItems"] = json!(1);
            }
            schema
        }
        Ty::Strings => json!({ "type": "array", "minItems": 1, "items": { "type": "string" } }),
        Ty::Any => json!({}),
    }
}

/// Whether a `${...}` placeholder or a template intrinsic may stand for the value (as in
/// `schema::check_value`).
fn is_scalar(ty: Ty) -> bool {
    !matches!(ty, Ty::Object | Ty::Array(_) | Ty::Strings | Ty::Any)
}

/// The hover text of a field: its description, then what the tables say about its language.
fn describe(row: &FieldSpec, cx: Cx) -> Option<String> {
    let text = DESCRIPTIONS
        .iter()
        .find(|(n, _)| *n == row.name)
        .map(|(_, t)| *t)
        .or_else(|| {
            fields::OPERATORS
                .iter()
                .any(|(op, _)| op.name == row.name)
                .then_some("A comparison operator")
        })?;
    let mut text = text.to_string();
    match (row.lang, row.instead) {
        (Lang::JsonPath, Some(instead)) => {
            text.push_str(&format!(" (JSONPath only; JSONata uses `{instead}`)"));
        }
        (Lang::Jsonata, Some(instead)) => {
            text.push_str(&format!(" (JSONata only; JSONPath uses `{instead}`)"));
        }
        _ => {}
    }
    if row.expr && cx.lang == JSONATA {
        text.push_str("; may be a JSONata expression `{% ... %}`");
    }
    Some(text)
}

/// The common definitions every schema refers to.
fn common() -> Map<String, Value> {
    let mut defs = Map::new();
    defs.insert(
        "Placeholder".to_string(),
        json!({
            "description": "A `${Name}` or `#{Name}` substitution (DefinitionSubstitutions, Serverless, Terraform)",
            "type": "string",
            "pattern": PLACEHOLDER_PATTERN,
        }),
    );
    defs.insert(
        "TemplateIntrinsic".to_string(),
        json!({
            "description": "A CloudFormation intrinsic function (`Ref`, `Fn::...`) that the template replaces",
            "type": "object",
            "minProperties": 1,
            "maxProperties": 1,
            "propertyNames": { "pattern": "^(Ref$|Fn::)" },
        }),
    );
    defs.insert(
        "Substitution".to_string(),
        json!({
            "description": "A value filled in when the definition is deployed",
            "anyOf": [{ "$ref": def_ref("Placeholder") }, { "$ref": def_ref("TemplateIntrinsic") }],
        }),
    );
    defs.insert(
        "JSONata".to_string(),
        json!({
            "description": "A JSONata expression, evaluated when the state runs",
            "type": "string",
            "pattern": JSONATA_PATTERN,
        }),
    );
    defs
}

impl Default for Gen {
    fn default() -> Self {
        Gen { defs: common() }
    }
}

/// `{"properties": {"QueryLanguage": {"const": L}}, "required": ["QueryLanguage"]}`.
fn lang_is(lang: QueryLanguage) -> Value {
    json!({
        "properties": { "QueryLanguage": { "const": lang.as_str() } },
        "required": ["QueryLanguage"],
    })
}

fn def_ref(name: &str) -> String {
    format!("#/definitions/{name}")
}

fn reference(name: &str) -> Value {
    json!({ "$ref": def_ref(name) })
}

/// `existing` (an array or nothing) with `more` appended, without repeats.
fn union(existing: &Value, more: &[&str]) -> Value {
    let mut names: Vec<Value> = existing.as_array().cloned().unwrap_or_default();
    for name in more {
        if !names.iter().any(|n| n == name) {
            names.push(json!(name));
        }
    }
    json!(names)
}

#[cfg(test)]
mod tests;
