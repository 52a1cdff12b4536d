//! The functions a JSONata expression in Step Functions can call: JSONata's built-ins and the
//! ones Step Functions adds. Shared by the linter's function and variable rules.

/// The built-in functions of JSONata 2.0.6 (`functions.js` and `jsonata.js` of the reference
/// implementation), `$eval` left out.
pub const BUILTINS: &[&str] = &[
    "abs",
    "append",
    "assert",
    "average",
    "base64decode",
    "base64encode",
    "boolean",
    "ceil",
    "clone",
    "contains",
    "count",
    "decodeUrl",
    "decodeUrlComponent",
    "distinct",
    "each",
    "encodeUrl",
    "encodeUrlComponent",
    "error",
    "exists",
    "filter",
    "floor",
    "formatBase",
    "formatInteger",
    "formatNumber",
    "fromMillis",
    "join",
    "keys",
    "length",
    "lookup",
    "lowercase",
    "map",
    "match",
    "max",
    "merge",
    "millis",
    "min",
    "not",
    "now",
    "number",
    "pad",
    "parseInteger",
    "power",
    "random",
    "reduce",
    "replace",
    "reverse",
    "round",
    "shuffle",
    "sift",
    "single",
    "sort",
    "split",
    "spread",
    "sqrt",
    "string",
    "substring",
    "substringAfter",
    "substringBefore",
    "sum",
    "toMillis",
    "trim",
    "type",
    "uppercase",
    "zip",
];

/// The functions Step Functions adds.
pub const STEP_FUNCTIONS: &[&str] = &["hash", "parse", "partition", "random", "range", "uuid"];

/// Whether `$name` (without `$`) is a function Step Functions' JSONata knows.
pub fn is_function(name: &str) -> bool {
    BUILTINS.contains(&name) || STEP_FUNCTIONS.contains(&name)
}
