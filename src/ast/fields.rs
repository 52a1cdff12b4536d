//! The field tables: which fields each ASL object allows, their types, ranges, enums and query
//! language, and which fields are required or exclusive. One row per fact, so a new AWS field is a
//! one-line change. Sources: the ASL specification (states-language.net), the AWS Step Functions
//! developer guide, and `../shared/spec/rules.md` sections 5.1 and 5.3 to 5.5.

use super::{Operator, Test};

/// A set of object variants a row applies to: state types for [`STATE`], rule depth for
/// [`CHOICE_RULE`], and [`ANY`] for objects with one variant.
pub(crate) type Set = u16;

pub(crate) const PASS: Set = 1 << 0;
pub(crate) const TASK: Set = 1 << 1;
pub(crate) const CHOICE: Set = 1 << 2;
pub(crate) const WAIT: Set = 1 << 3;
pub(crate) const SUCCEED: Set = 1 << 4;
pub(crate) const FAIL: Set = 1 << 5;
pub(crate) const PARALLEL: Set = 1 << 6;
pub(crate) const MAP: Set = 1 << 7;
pub(crate) const ALL_STATES: Set = 0xff;
/// States that move on with `Next` or stop with `End`.
pub(crate) const FLOWING: Set = PASS | TASK | WAIT | PARALLEL | MAP;
/// Rows of objects that have one variant.
pub(crate) const ANY: Set = 0xffff;
/// A Choice rule directly in `Choices`.
pub(crate) const TOP_RULE: Set = 1 << 0;
/// A Choice rule inside `And`, `Or` or `Not`.
pub(crate) const NESTED_RULE: Set = 1 << 1;

/// The eight state types, with the bit each has in a [`Set`].
pub(crate) const STATE_TYPES: &[(&str, Set)] = &[
    ("Pass", PASS),
    ("Task", TASK),
    ("Choice", CHOICE),
    ("Wait", WAIT),
    ("Succeed", SUCCEED),
    ("Fail", FAIL),
    ("Parallel", PARALLEL),
    ("Map", MAP),
];

/// The largest timeout and wait AWS accepts (`Maximum value is 99999999`).
pub(crate) const MAX_SECONDS: i64 = 99_999_999;
/// The largest value AWS accepts for integers without a documented bound.
const MAX_INT: i64 = i64::MAX;
pub(crate) const QUERY_LANGUAGES: &[&str] = &["JSONPath", "JSONata"];

/// What a field's value must be.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Ty {
    String,
    Bool,
    /// Only `true` (`End`).
    True,
    /// An integer in `min..=max`.
    Int(i64, i64),
    /// A number in `min..=max`.
    Number(f64, f64),
    Enum(&'static [&'static str]),
    /// A path or intrinsic string; its syntax is checked by the path rules.
    Path,
    /// A path string or `null`.
    NullablePath,
    /// An RFC 3339 timestamp string.
    Timestamp,
    /// A Map `Label`: at most 40 characters, none of them blank, special or control.
    Label,
    Object,
    /// An array of objects; `true` when it must not be empty.
    Array(bool),
    /// A non-empty array of strings (`ErrorEquals`).
    Strings,
    /// Any JSON value.
    Any,
}

/// Which query language a field belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    Both,
    JsonPath,
    Jsonata,
}

/// One row: a field of one kind of object.
#[derive(Debug)]
pub(crate) struct FieldSpec {
    pub name: &'static str,
    pub ty: Ty,
    pub lang: Lang,
    /// In JSONata states, a `{% ... %}` string may stand for the value.
    pub expr: bool,
    /// The variants that allow the field.
    pub on: Set,
    /// The field of the other query language that does the same job.
    pub instead: Option<&'static str>,
}

impl FieldSpec {
    const fn new(name: &'static str, ty: Ty, on: Set) -> Self {
        FieldSpec {
            name,
            ty,
            lang: Lang::Both,
            expr: false,
            on,
            instead: None,
        }
    }

    /// JSONPath only; `instead` names what JSONata states use.
    const fn jsonpath(mut self, instead: Option<&'static str>) -> Self {
        self.lang = Lang::JsonPath;
        self.instead = instead;
        self
    }

    /// JSONata only; `instead` names what JSONPath states use.
    const fn jsonata(mut self, instead: Option<&'static str>) -> Self {
        self.lang = Lang::Jsonata;
        self.instead = instead;
        self
    }

    /// May be a JSONata string in JSONata states.
    const fn expr(mut self) -> Self {
        self.expr = true;
        self
    }
}

use Ty::*;
type F = FieldSpec;

/// The top level of a definition.
pub(crate) const MACHINE: &[FieldSpec] = &[
    F::new("Comment", String, ANY),
    F::new("StartAt", String, ANY),
    F::new("States", Object, ANY),
    F::new("Version", Enum(&["1.0"]), ANY),
    F::new("TimeoutSeconds", Int(1, MAX_SECONDS), ANY),
    F::new("QueryLanguage", Enum(QUERY_LANGUAGES), ANY),
];

/// Every field of every state type (rules.md 5.3).
pub(crate) const STATE: &[FieldSpec] = &[
    F::new(
        "Type",
        Enum(&[
            "Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map",
        ]),
        ALL_STATES,
    ),
    F::new("Comment", String, ALL_STATES),
    F::new("QueryLanguage", Enum(QUERY_LANGUAGES), ALL_STATES),
    F::new("Next", String, FLOWING),
    F::new("End", True, FLOWING),
    F::new("InputPath", NullablePath, ALL_STATES & !FAIL).jsonpath(Some("Arguments")),
    F::new("OutputPath", NullablePath, ALL_STATES & !FAIL).jsonpath(Some("Output")),
    // Any JSON value: statelint (built from the spec's j2119 rules) accepts a string or an
    // array here, and nothing we know of shows AWS rejecting one.
    F::new("Parameters", Any, PASS | TASK | PARALLEL | MAP).jsonpath(Some("Arguments")),
    F::new("ResultSelector", Object, TASK | PARALLEL | MAP).jsonpath(Some("Output")),
    F::new("ResultPath", NullablePath, PASS | TASK | PARALLEL | MAP).jsonpath(Some("Output")),
    F::new("Result", Any, PASS).jsonpath(Some("Output")),
    F::new("Arguments", Object, TASK | PARALLEL)
        .jsonata(Some("Parameters"))
        .expr(),
    F::new("Output", Any, ALL_STATES & !FAIL).jsonata(Some("OutputPath")),
    F::new("Assign", Object, ALL_STATES & !(SUCCEED | FAIL)),
    F::new("Retry", Array(false), TASK | PARALLEL | MAP),
    F::new("Catch", Array(false), TASK | PARALLEL | MAP),
    // Task
    F::new("Resource", String, TASK),
    F::new("TimeoutSeconds", Int(1, MAX_SECONDS), TASK).expr(),
    F::new("TimeoutSecondsPath", Path, TASK).jsonpath(Some("TimeoutSeconds")),
    F::new("HeartbeatSeconds", Int(1, MAX_SECONDS), TASK).expr(),
    F::new("HeartbeatSecondsPath", Path, TASK).jsonpath(Some("HeartbeatSeconds")),
    F::new("Credentials", Object, TASK),
    // Choice
    F::new("Choices", Array(true), CHOICE),
    F::new("Default", String, CHOICE),
    // Wait
    F::new("Seconds", Int(0, MAX_SECONDS), WAIT).expr(),
    F::new("SecondsPath", Path, WAIT).jsonpath(Some("Seconds")),
    F::new("Timestamp", Timestamp, WAIT).expr(),
    F::new("TimestampPath", Path, WAIT).jsonpath(Some("Timestamp")),
    // Fail
    F::new("Error", String, FAIL).expr(),
    F::new("ErrorPath", Path, FAIL).jsonpath(Some("Error")),
    F::new("Cause", String, FAIL).expr(),
    F::new("CausePath", Path, FAIL).jsonpath(Some("Cause")),
    // Parallel
    F::new("Branches", Array(true), PARALLEL),
    // Map
    F::new("ItemProcessor", Object, MAP),
    F::new("Iterator", Object, MAP),
    F::new("ItemsPath", Path, MAP).jsonpath(Some("Items")),
    F::new("Items", Array(false), MAP)
        .jsonata(Some("ItemsPath"))
        .expr(),
    F::new("ItemSelector", Object, MAP).expr(),
    F::new("MaxConcurrency", Int(0, MAX_INT), MAP).expr(),
    F::new("MaxConcurrencyPath", Path, MAP).jsonpath(Some("MaxConcurrency")),
    F::new("ItemReader", Object, MAP),
    F::new("ItemBatcher", Object, MAP),
    F::new("ResultWriter", Object, MAP),
    F::new("Label", Label, MAP),
    F::new("ToleratedFailurePercentage", Number(0.0, 100.0), MAP).expr(),
    F::new("ToleratedFailurePercentagePath", Path, MAP)
        .jsonpath(Some("ToleratedFailurePercentage")),
    F::new("ToleratedFailureCount", Int(0, MAX_INT), MAP).expr(),
    F::new("ToleratedFailureCountPath", Path, MAP).jsonpath(Some("ToleratedFailureCount")),
];

/// A Parallel branch and a Map's `ItemProcessor` / `Iterator`. `QueryLanguage` is not allowed
/// here (AWS: `Field 'QueryLanguage' is not supported`): nested states inherit the machine's.
pub(crate) const BRANCH: &[FieldSpec] = &[
    F::new("Comment", String, ANY),
    F::new("StartAt", String, ANY),
    F::new("States", Object, ANY),
];

pub(crate) const ITEM_PROCESSOR: &[FieldSpec] = &[
    F::new("Comment", String, ANY),
    F::new("StartAt", String, ANY),
    F::new("States", Object, ANY),
    F::new("ProcessorConfig", Object, ANY),
];

pub(crate) const PROCESSOR_CONFIG: &[FieldSpec] = &[
    F::new("Mode", Enum(&["INLINE", "DISTRIBUTED"]), ANY),
    F::new("ExecutionType", Enum(&["STANDARD", "EXPRESS"]), ANY),
];

pub(crate) const RETRIER: &[FieldSpec] = &[
    F::new("ErrorEquals", Strings, ANY),
    F::new("IntervalSeconds", Int(1, MAX_SECONDS), ANY),
    F::new("MaxAttempts", Int(0, MAX_SECONDS), ANY),
    F::new("BackoffRate", Number(1.0, f64::MAX), ANY),
    F::new("MaxDelaySeconds", Int(1, 31_622_400), ANY),
    F::new("JitterStrategy", Enum(&["FULL", "NONE"]), ANY),
    F::new("Comment", String, ANY),
];

pub(crate) const CATCHER: &[FieldSpec] = &[
    F::new("ErrorEquals", Strings, ANY),
    F::new("Next", String, ANY),
    F::new("ResultPath", NullablePath, ANY).jsonpath(Some("Output")),
    F::new("Output", Any, ANY).jsonata(Some("ResultPath")),
    F::new("Assign", Object, ANY),
    F::new("Comment", String, ANY),
];

pub(crate) const CREDENTIALS: &[FieldSpec] = &[
    F::new("RoleArn", String, ANY).expr(),
    F::new("RoleArn.$", Path, ANY).jsonpath(Some("RoleArn")),
];

pub(crate) const ITEM_READER: &[FieldSpec] = &[
    F::new("Resource", String, ANY),
    F::new("ReaderConfig", Object, ANY),
    F::new("Parameters", Object, ANY).jsonpath(Some("Arguments")),
    F::new("Arguments", Object, ANY)
        .jsonata(Some("Parameters"))
        .expr(),
];

pub(crate) const READER_CONFIG: &[FieldSpec] = &[
    F::new(
        "InputType",
        Enum(&["CSV", "JSON", "JSONL", "MANIFEST", "PARQUET"]),
        ANY,
    ),
    F::new("CSVHeaderLocation", Enum(&["FIRST_ROW", "GIVEN"]), ANY),
    F::new("CSVHeaders", Any, ANY),
    F::new(
        "CSVDelimiter",
        Enum(&["COMMA", "PIPE", "SEMICOLON", "SPACE", "TAB"]),
        ANY,
    ),
    F::new("MaxItems", Int(1, 100_000_000), ANY).expr(),
    F::new("MaxItemsPath", Path, ANY).jsonpath(Some("MaxItems")),
    F::new("ManifestType", Enum(&["S3_INVENTORY", "ATHENA_DATA"]), ANY),
    F::new("ItemsPointer", String, ANY),
];

pub(crate) const ITEM_BATCHER: &[FieldSpec] = &[
    F::new("MaxItemsPerBatch", Int(1, MAX_INT), ANY).expr(),
    F::new("MaxItemsPerBatchPath", Path, ANY).jsonpath(Some("MaxItemsPerBatch")),
    F::new("MaxInputBytesPerBatch", Int(1, 262_144), ANY).expr(),
    F::new("MaxInputBytesPerBatchPath", Path, ANY).jsonpath(Some("MaxInputBytesPerBatch")),
    F::new("BatchInput", Object, ANY).expr(),
];

pub(crate) const RESULT_WRITER: &[FieldSpec] = &[
    F::new("Resource", String, ANY),
    F::new("Parameters", Object, ANY).jsonpath(Some("Arguments")),
    F::new("Arguments", Object, ANY)
        .jsonata(Some("Parameters"))
        .expr(),
    F::new("WriterConfig", Object, ANY),
];

pub(crate) const WRITER_CONFIG: &[FieldSpec] = &[
    F::new("OutputType", Enum(&["JSON", "JSONL"]), ANY),
    F::new("Transformation", Enum(&["NONE", "COMPACT", "FLATTEN"]), ANY),
];

/// The fields of a Choice rule other than its comparison operator ([`OPERATORS`]).
pub(crate) const CHOICE_RULE: &[FieldSpec] = &[
    F::new("Variable", Path, TOP_RULE | NESTED_RULE).jsonpath(Some("Condition")),
    F::new("And", Array(true), TOP_RULE | NESTED_RULE).jsonpath(Some("Condition")),
    F::new("Or", Array(true), TOP_RULE | NESTED_RULE).jsonpath(Some("Condition")),
    F::new("Not", Object, TOP_RULE | NESTED_RULE).jsonpath(Some("Condition")),
    F::new("Condition", Bool, TOP_RULE)
        .jsonata(Some("Variable"))
        .expr(),
    F::new("Next", String, TOP_RULE),
    F::new("Comment", String, TOP_RULE | NESTED_RULE),
    F::new("Assign", Object, TOP_RULE),
    F::new("Output", Any, TOP_RULE).jsonata(None),
];

/// The comparison operators of JSONPath Choice rules and the operand each takes (rules.md 5.6).
pub(crate) const OPERATORS: &[(Operator, Ty)] = &[
    (op("StringEquals", Test::StringEquals, false), String),
    (op("StringEqualsPath", Test::StringEquals, true), Path),
    (op("StringLessThan", Test::StringLessThan, false), String),
    (op("StringLessThanPath", Test::StringLessThan, true), Path),
    (
        op("StringGreaterThan", Test::StringGreaterThan, false),
        String,
    ),
    (
        op("StringGreaterThanPath", Test::StringGreaterThan, true),
        Path,
    ),
    (
        op("StringLessThanEquals", Test::StringLessThanEquals, false),
        String,
    ),
    (
        op("StringLessThanEqualsPath", Test::StringLessThanEquals, true),
        Path,
    ),
    (
        op(
            "StringGreaterThanEquals",
            Test::StringGreaterThanEquals,
            false,
        ),
        String,
    ),
    (
        op(
            "StringGreaterThanEqualsPath",
            Test::StringGreaterThanEquals,
            true,
        ),
        Path,
    ),
    (op("StringMatches", Test::StringMatches, false), String),
    (
        op("NumericEquals", Test::NumericEquals, false),
        Number(f64::MIN, f64::MAX),
    ),
    (op("NumericEqualsPath", Test::NumericEquals, true), Path),
    (
        op("NumericLessThan", Test::NumericLessThan, false),
        Number(f64::MIN, f64::MAX),
    ),
    (op("NumericLessThanPath", Test::NumericLessThan, true), Path),
    (
        op("NumericGreaterThan", Test::NumericGreaterThan, false),
        Number(f64::MIN, f64::MAX),
    ),
    (
        op("NumericGreaterThanPath", Test::NumericGreaterThan, true),
        Path,
    ),
    (
        op("NumericLessThanEquals", Test::NumericLessThanEquals, false),
        Number(f64::MIN, f64::MAX),
    ),
    (
        op(
            "NumericLessThanEqualsPath",
            Test::NumericLessThanEquals,
            true,
        ),
        Path,
    ),
    (
        op(
            "NumericGreaterThanEquals",
            Test::NumericGreaterThanEquals,
            false,
        ),
        Number(f64::MIN, f64::MAX),
    ),
    (
        op(
            "NumericGreaterThanEqualsPath",
            Test::NumericGreaterThanEquals,
            true,
        ),
        Path,
    ),
    (op("BooleanEquals", Test::BooleanEquals, false), Bool),
    (op("BooleanEqualsPath", Test::BooleanEquals, true), Path),
    (
        op("TimestampEquals", Test::TimestampEquals, false),
        Timestamp,
    ),
    (op("TimestampEqualsPath", Test::TimestampEquals, true), Path),
    (
        op("TimestampLessThan", Test::TimestampLessThan, false),
        Timestamp,
    ),
    (
        op("TimestampLessThanPath", Test::TimestampLessThan, true),
        Path,
    ),
    (
        op("TimestampGreaterThan", Test::TimestampGreaterThan, false),
        Timestamp,
    ),
    (
        op("TimestampGreaterThanPath", Test::TimestampGreaterThan, true),
        Path,
    ),
    (
        op(
            "TimestampLessThanEquals",
            Test::TimestampLessThanEquals,
            false,
        ),
        Timestamp,
    ),
    (
        op(
            "TimestampLessThanEqualsPath",
            Test::TimestampLessThanEquals,
            true,
        ),
        Path,
    ),
    (
        op(
            "TimestampGreaterThanEquals",
            Test::TimestampGreaterThanEquals,
            false,
        ),
        Timestamp,
    ),
    (
        op(
            "TimestampGreaterThanEqualsPath",
            Test::TimestampGreaterThanEquals,
            true,
        ),
        Path,
    ),
    (op("IsNull", Test::IsNull, false), Bool),
    (op("IsPresent", Test::IsPresent, false), Bool),
    (op("IsNumeric", Test::IsNumeric, false), Bool),
    (op("IsString", Test::IsString, false), Bool),
    (op("IsBoolean", Test::IsBoolean, false), Bool),
    (op("IsTimestamp", Test::IsTimestamp, false), Bool),
];

const fn op(name: &'static str, test: Test, path: bool) -> Operator {
    Operator { name, test, path }
}

/// How the fields of a [`Group`] relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GroupKind {
    /// Every field is required.
    Required,
    /// Exactly one of the fields is required.
    ExactlyOne,
    /// The fields are mutually exclusive.
    AtMostOne,
}

/// A constraint across fields of one object (rules.md 5.4).
#[derive(Debug)]
pub(crate) struct Group {
    pub kind: GroupKind,
    pub on: Set,
    pub fields: &'static [&'static str],
}

const fn group(kind: GroupKind, on: Set, fields: &'static [&'static str]) -> Group {
    Group { kind, on, fields }
}

use GroupKind::{AtMostOne, ExactlyOne, Required};

pub(crate) const MACHINE_GROUPS: &[Group] = &[group(Required, ANY, &["StartAt", "States"])];

pub(crate) const STATE_GROUPS: &[Group] = &[
    group(ExactlyOne, FLOWING, &["Next", "End"]),
    group(Required, TASK, &["Resource"]),
    group(AtMostOne, TASK, &["TimeoutSeconds", "TimeoutSecondsPath"]),
    group(
        AtMostOne,
        TASK,
        &["HeartbeatSeconds", "HeartbeatSecondsPath"],
    ),
    group(Required, CHOICE, &["Choices"]),
    group(
        ExactlyOne,
        WAIT,
        &["Seconds", "SecondsPath", "Timestamp", "TimestampPath"],
    ),
    group(AtMostOne, FAIL, &["Error", "ErrorPath"]),
    group(AtMostOne, FAIL, &["Cause", "CausePath"]),
    group(Required, PARALLEL, &["Branches"]),
    group(ExactlyOne, MAP, &["ItemProcessor", "Iterator"]),
    group(AtMostOne, MAP, &["ItemSelector", "Parameters"]),
    group(AtMostOne, MAP, &["MaxConcurrency", "MaxConcurrencyPath"]),
    group(
        AtMostOne,
        MAP,
        &[
            "ToleratedFailurePercentage",
            "ToleratedFailurePercentagePath",
        ],
    ),
    group(
        AtMostOne,
        MAP,
        &["ToleratedFailureCount", "ToleratedFailureCountPath"],
    ),
];

pub(crate) const SCOPE_GROUPS: &[Group] = &[group(Required, ANY, &["StartAt", "States"])];
pub(crate) const RETRIER_GROUPS: &[Group] = &[group(Required, ANY, &["ErrorEquals"])];
pub(crate) const CATCHER_GROUPS: &[Group] = &[group(Required, ANY, &["ErrorEquals", "Next"])];
pub(crate) const CREDENTIALS_GROUPS: &[Group] =
    &[group(ExactlyOne, ANY, &["RoleArn", "RoleArn.$"])];
pub(crate) const ITEM_READER_GROUPS: &[Group] = &[group(Required, ANY, &["Resource"])];
pub(crate) const READER_CONFIG_GROUPS: &[Group] =
    &[group(AtMostOne, ANY, &["MaxItems", "MaxItemsPath"])];
pub(crate) const ITEM_BATCHER_GROUPS: &[Group] = &[
    group(
        AtMostOne,
        ANY,
        &["MaxItemsPerBatch", "MaxItemsPerBatchPath"],
    ),
    group(
        AtMostOne,
        ANY,
        &["MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath"],
    ),
];
/// Map fields that only a Distributed Map (`ProcessorConfig.Mode: DISTRIBUTED`) reads.
pub(crate) const DISTRIBUTED_ONLY: &[&str] = &[
    "ItemReader",
    "ItemBatcher",
    "ResultWriter",
    "Label",
    "ToleratedFailurePercentage",
    "ToleratedFailurePercentagePath",
    "ToleratedFailureCount",
    "ToleratedFailureCountPath",
];

/// The Amazon States Language service reports `Missing property "OutputType"` for an empty
/// `WriterConfig`; `Transformation` is optional.
pub(crate) const WRITER_CONFIG_GROUPS: &[Group] = &[group(Required, ANY, &["OutputType"])];
pub(crate) const NO_GROUPS: &[Group] = &[];

/// Every table, for telling a field that exists elsewhere (`unsupported-field`) from one that
/// exists nowhere (`unknown-field`).
pub(crate) const ALL_TABLES: &[&[FieldSpec]] = &[
    MACHINE,
    STATE,
    BRANCH,
    ITEM_PROCESSOR,
    PROCESSOR_CONFIG,
    RETRIER,
    CATCHER,
    CREDENTIALS,
    ITEM_READER,
    READER_CONFIG,
    ITEM_BATCHER,
    RESULT_WRITER,
    WRITER_CONFIG,
    CHOICE_RULE,
];

/// Whether `name` is a field of some ASL object or a Choice operator.
pub(crate) fn is_known_anywhere(name: &str) -> bool {
    ALL_TABLES
        .iter()
        .any(|table| table.iter().any(|f| f.name == name))
        || OPERATORS.iter().any(|(op, _)| op.name == name)
}

/// The names of the types a row applies to, for messages: `Task, Parallel and Map`.
pub(crate) fn state_type_names(on: Set) -> std::string::String {
    let names: Vec<&str> = STATE_TYPES
        .iter()
        .filter(|(_, bit)| on & bit != 0)
        .map(|(n, _)| *n)
        .collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        Some((last, _)) => (*last).to_string(),
        None => std::string::String::new(),
    }
}

/// A field table and its groups: the shape of one kind of object.
pub(crate) type Shape = (&'static [FieldSpec], &'static [Group]);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_table_lists_a_field_twice_for_the_same_variant() {
        for table in ALL_TABLES {
            for (i, a) in table.iter().enumerate() {
                for b in &table[i + 1..] {
                    assert!(
                        a.name != b.name || a.on & b.on == 0,
                        "`{}` appears twice",
                        a.name
                    );
                }
            }
        }
    }

    #[test]
    fn groups_name_fields_that_exist() {
        let tables: &[(&[FieldSpec], &[Group])] = &[
            (MACHINE, MACHINE_GROUPS),
            (STATE, STATE_GROUPS),
            (BRANCH, SCOPE_GROUPS),
            (ITEM_PROCESSOR, SCOPE_GROUPS),
            (RETRIER, RETRIER_GROUPS),
            (CATCHER, CATCHER_GROUPS),
            (CREDENTIALS, CREDENTIALS_GROUPS),
            (ITEM_READER, ITEM_READER_GROUPS),
            (READER_CONFIG, READER_CONFIG_GROUPS),
            (ITEM_BATCHER, ITEM_BATCHER_GROUPS),
        ];
        for (table, groups) in tables {
            for g in *groups {
                for name in g.fields {
                    let row = table.iter().find(|f| f.name == *name);
                    let row = row.unwrap_or_else(|| panic!("group names unknown field `{name}`"));
                    assert!(
                        row.on & g.on != 0,
                        "`{name}` is not allowed where its group applies"
                    );
                }
            }
        }
    }

    #[test]
    fn there_are_39_operators_with_unique_names() {
        assert_eq!(OPERATORS.len(), 39);
        let mut names: Vec<&str> = OPERATORS.iter().map(|(o, _)| o.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), 39);
    }

    #[test]
    fn type_names_read_naturally() {
        assert_eq!(
            state_type_names(TASK | PARALLEL | MAP),
            "Task, Parallel and Map"
        );
        assert_eq!(state_type_names(TASK), "Task");
    }
}
