//! The findings of lowering: the shape of the definition, checked once from the field tables.

use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a definition whose top level is not a JSON object (an array, a string, a number).
    ///
    /// ## Why is this bad?
    /// A state machine definition is an object with `StartAt` and `States`. AWS answers
    /// `Definition must be a valid JSON object`.
    ///
    /// ## Example
    /// ```json
    /// [{ "StartAt": "A", "States": {} }]
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "StartAt": "A", "States": { "A": { "Type": "Succeed" } } }
    /// ```
    pub static DEFINITION_NOT_OBJECT = {
        name: "definition-not-object",
        severity: Error,
        aws_code: Some("SCHEMA_VALIDATION_FAILED"),
        summary: "the definition is not a JSON object",
    }
}

declare_rule! {
    /// ## What it does
    /// Reports a definition longer than 1,048,576 characters as JSON text.
    ///
    /// ## Why is this bad?
    /// This is a hard AWS quota: `CreateStateMachine` and `UpdateStateMachine` refuse larger
    /// definitions.
    ///
    /// ## Example
    /// A Pass state whose `Result` embeds a large data set.
    ///
    /// Use instead: keep data in S3 or DynamoDB and read it at run time; split very large
    /// machines into nested state machines.
    ///
    /// ## References
    /// - <https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html>
    pub static DEFINITION_TOO_LARGE = {
        name: "definition-too-large",
        severity: Error,
        aws_code: Some("SCHEMA_VALIDATION_FAILED"),
        summary: "the definition exceeds the 1 MB quota",
    }
}

declare_rule! {
    /// ## What it does
    /// Reports a definition with more than 100,000 Choice rules, nested `And`, `Or` and `Not`
    /// rules included. asl-lint checks nothing more in it.
    ///
    /// ## Why is this bad?
    /// AWS's 1 MiB definition quota (rules.md 5.15) leaves room for fewer than 90,000 rules
    /// (`{"Not":` is seven characters), so AWS would refuse such a definition. A rule costs
    /// asl-lint far more memory than its text, so the limit keeps a run bounded on any input.
    ///
    /// ## Example
    /// A Choice state of 400 rules, each a `Not` nested 256 deep.
    ///
    /// Use instead: write each test once; split large decision tables over several Choice
    /// states, or look the answer up in a Task.
    pub static TOO_MANY_CHOICE_RULES = {
        name: "too-many-choice-rules",
        severity: Error,
        aws_code: None,
        summary: "a definition with more Choice rules than asl-lint checks",
    }
}

declare_rule! {
    /// ## What it does
    /// Reports a definition with more than 50,000 states, nested ones included. asl-lint
    /// checks nothing more in it.
    ///
    /// ## Why is this bad?
    /// AWS's 1 MiB definition quota (rules.md 5.15) leaves room for about 45,000 of the
    /// smallest possible states, so AWS would refuse such a definition
    /// (`definition-too-large`). The limit bounds asl-lint's memory and time on any input.
    ///
    /// ## Example
    /// A generated definition of 60,000 Pass states.
    ///
    /// Use instead: split the workflow into state machines that start each other (a Task with
    /// `arn:aws:states:::states:startExecution.sync:2`).
    pub static TOO_MANY_STATES = {
        name: "too-many-states",
        severity: Error,
        aws_code: None,
        summary: "a definition with more states than asl-lint checks",
    }
}

declare_rule! {
    /// ## What it does
    /// Reports a field that the Amazon States Language does not define anywhere, with the closest
    /// known field as a suggestion when there is one.
    ///
    /// ## Why is this bad?
    /// AWS rejects unknown fields (`SCHEMA_VALIDATION_FAILED`). An unknown field is usually a typo
    /// (`ResultsPath`, `next`), and the intended setting silently has no effect in tools that
    /// ignore it.
    ///
    /// ## Example
    /// ```json
    /// { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Nxet": "Done" }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Done" }
    /// ```
    pub static UNKNOWN_FIELD = {
        name: "unknown-field",
        severity: Error,
        aws_code: Some("SCHEMA_VALIDATION_FAILED"),
        summary: "a field that the Amazon States Language does not define",
    }
}

declare_rule! {
    /// ## What it does
    /// Reports a field that exists in the Amazon States Language but not where it is written:
    /// `TimeoutSeconds` on a Pass state, `Retry` on a Choice state, `QueryLanguage` inside an
    /// `ItemProcessor`.
    ///
    /// ## Why is this bad?
    /// AWS rejects it with `Field 'X' is not supported`. The setting was probably meant for
    /// another state or another level of the definition.
    ///
    /// ## Example
    /// ```json
    /// { "Type": "Pass", "TimeoutSeconds": 30, "End": true }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "Type": "Pass", "End": true }
    /// ```
    pub static UNSUPPORTED_FIELD = {
        name: "unsupported-field",
        severity: Error,
        aws_code: Some("SCHEMA_VALIDATION_FAILED"),
        summary: "a known field in a place that does not allow it",
    }
}

declare_rule! {
    /// ## What it does
    /// Reports a field of the other query language: a JSONPath-only field (`Parameters`,
    /// `ResultPath`, `InputPath`, `ItemsPath`, `*Path` fields, Choice `Variable` and operators) in
    /// a state whose effective `QueryLanguage` is JSONata, or a JSONata-only field (`Arguments`,
    /// `Output`, `Items`, Choice `Condition`) in a JSONPath state. Also reports a state that sets
    /// `QueryLanguage: JSONPath` when the machine's top level is JSONata.
    ///
    /// The effective language is the state's own `QueryLanguage`, else the top level's, else
    /// JSONPath. States inside a Parallel branch or a Map's `ItemProcessor` inherit the
    /// machine's top level, not the enclosing state (as AWS does).
    ///
    /// ## Why is this bad?
    /// AWS rejects it: `The QueryLanguage is set to 'JSONPath', but field 'Output' is only
    /// supported for the 'JSONata' QueryLanguage`.
    ///
    /// ## Example
    /// ```json
    /// { "QueryLanguage": "JSONata", "StartAt": "A", "States": {
    ///   "A": { "Type": "Pass", "Parameters": { "x": 1 }, "End": true } } }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "QueryLanguage": "JSONata", "StartAt": "A", "States": {
    ///   "A": { "Type": "Pass", "Output": { "x": 1 }, "End": true } } }
    /// ```
    pub static QUERY_LANGUAGE_MISMATCH = {
        name: "query-language-mismatch",
        severity: Error,
        aws_code: Some("SCHEMA_VALIDATION_FAILED"),
        summary: "a field of the other query language",
    }
}

declare_rule! {
    /// ## What it does
    /// Reports a required field that is absent: `StartAt` and `States` at the top level and in
    /// every branch and item processor, `Type` on every state, `Resource` on a Task, `Choices` on a
    /// Choice, `Branches` on a Parallel, `ErrorEquals` on a retrier or catcher, `Next` on a
    /// catcher; and groups where one of several fields is required: `Next` or `End` on Pass,
    /// Task, Wait, Parallel and Map states, one of `Seconds`, `SecondsPath`, `Timestamp` or
    /// `TimestampPath` on a Wait, `ItemProcessor` (or `Iterator`) on a Map.
    ///
    /// ## Why is this bad?
    /// AWS rejects the definition (`These fields are required: [States, StartAt]`).
    ///
    /// ## Example
    /// ```json
    /// { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke" }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true }
    /// ```
    pub static MISSING_FIELD = {
        name: "missing-field",
        severity: Error,
        aws_code: Some("SCHEMA_VALIDATION_FAILED"),
        summary: "a required field is absent",
    }
}

declare_rule! {
    /// ## What it does
    /// Reports fields that exclude each other but are both set: `Next` and `End`,
    /// `TimeoutSeconds` and `TimeoutSecondsPath`, `Seconds` and `Timestamp`, `Error` and
    /// `ErrorPath`, `ItemProcessor` and `Iterator`, `ItemSelector` and `Parameters`, a Choice
    /// rule with two operators, and the like.
    ///
    /// ## Why is this bad?
    /// AWS rejects the definition: only one of the two can take effect, and which one is meant is
    /// unclear.
    ///
    /// ## Example
    /// ```json
    /// { "Type": "Wait", "Seconds": 10, "Timestamp": "2026-01-01T00:00:00Z", "End": true }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "Type": "Wait", "Seconds": 10, "End": true }
    /// ```
    pub static CONFLICTING_FIELDS = {
        name: "conflicting-fields",
        severity: Error,
        aws_code: Some("SCHEMA_VALIDATION_FAILED"),
        summary: "two fields that exclude each other are both set",
    }
}

declare_rule! {
    /// ## What it does
    /// Reports a field whose value has the wrong JSON type: a string where a number is needed
    /// (`"TimeoutSeconds": "30"`), an object where a string is needed, a state that is not an
    /// object. In JSONata states, fields that accept expressions also accept a `{% ... %}` string;
    /// `${...}` placeholders (filled in by CloudFormation, SAM, Serverless or Terraform) satisfy
    /// any scalar field.
    ///
    /// ## Why is this bad?
    /// AWS rejects the definition (`SCHEMA_VALIDATION_FAILED`).
    ///
    /// ## Example
    /// ```json
    /// { "Type": "Wait", "Seconds": "10", "End": true }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "Type": "Wait", "Seconds": 10, "End": true }
    /// ```
    pub static INVALID_TYPE = {
        name: "invalid-type",
        severity: Error,
        aws_code: Some("SCHEMA_VALIDATION_FAILED"),
        summary: "a field's value has the wrong JSON type",
    }
}

declare_rule! {
    /// ## What it does
    /// Reports a value of the right type that is not one of the allowed values: a state `Type`,
    /// `QueryLanguage`, `JitterStrategy`, `ProcessorConfig.Mode` or reader setting outside its
    /// enumeration; `End: false`; a `Version` other than `"1.0"`; an empty `Choices`,
    /// `Branches`, `ErrorEquals`, `And` or `Or`; a timestamp that is not RFC 3339; a Map `Label`
    /// with forbidden characters. Suggests the closest allowed value.
    ///
    /// ## Why is this bad?
    /// AWS rejects the definition: `The field 'Type' should have one of these values: [Task,
    /// Wait, Pass, Succeed, Fail, Choice, Parallel, Map]`, `Value cannot be empty`.
    ///
    /// ## Example
    /// ```json
    /// { "Type": "task", "Resource": "arn:aws:states:::lambda:invoke", "End": true }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true }
    /// ```
    pub static INVALID_VALUE = {
        name: "invalid-value",
        severity: Error,
        aws_code: Some("SCHEMA_VALIDATION_FAILED"),
        summary: "a value that is not one of the allowed values",
    }
}

declare_rule! {
    /// ## What it does
    /// Reports a number outside its allowed range: timeouts and heartbeats (1 to 99,999,999
    /// seconds), Wait `Seconds` (0 to 99,999,999), retrier `IntervalSeconds` (at least 1),
    /// `MaxAttempts` (at least 0), `BackoffRate` (at least 1.0), `MaxDelaySeconds` (1 to
    /// 31,622,400), `ToleratedFailurePercentage` (0 to 100), `MaxConcurrency` (at least 0),
    /// and integers written with a fraction.
    ///
    /// ## Why is this bad?
    /// AWS rejects the definition (`Maximum value is 99999999`).
    ///
    /// ## Example
    /// ```json
    /// { "ErrorEquals": ["States.ALL"], "BackoffRate": 0.5 }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "ErrorEquals": ["States.ALL"], "BackoffRate": 2 }
    /// ```
    pub static OUT_OF_RANGE = {
        name: "out-of-range",
        severity: Error,
        aws_code: Some("SCHEMA_VALIDATION_FAILED"),
        summary: "a number outside its allowed range",
    }
}

declare_rule! {
    /// ## What it does
    /// Reports a state name that is empty or longer than 80 characters.
    ///
    /// ## Why is this bad?
    /// AWS rejects the definition with `INVALID_STATE_NAME`. Names with spaces and non-ASCII
    /// letters are accepted by AWS and are not reported.
    ///
    /// ## Example
    /// A state named `""`, or one with a 100-character name.
    ///
    /// Use instead: a short, descriptive name of 1 to 80 characters.
    ///
    /// ## References
    /// - <https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html>
    pub static INVALID_STATE_NAME = {
        name: "invalid-state-name",
        severity: Error,
        aws_code: Some("INVALID_STATE_NAME"),
        summary: "a state name that is empty or longer than 80 characters",
    }
}

declare_rule! {
    /// ## What it does
    /// Reports fields that AWS still accepts but has replaced: a Map state's `Iterator` (use
    /// `ItemProcessor`) and a Map state's `Parameters` (use `ItemSelector`).
    ///
    /// ## Why is this bad?
    /// New features (Distributed mode, `ProcessorConfig`) are only documented for the new fields,
    /// and tools and readers expect them.
    ///
    /// ## Example
    /// ```json
    /// { "Type": "Map", "Iterator": { "StartAt": "A", "States": { "A": { "Type": "Succeed" } } }, "End": true }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "Type": "Map", "ItemProcessor": { "StartAt": "A", "States": { "A": { "Type": "Succeed" } } }, "End": true }
    /// ```
    pub static DEPRECATED_FIELD = {
        name: "deprecated-field",
        severity: Warning,
        aws_code: None,
        summary: "a field that AWS has replaced with a newer one",
    }
}

declare_rule! {
    /// ## What it does
    /// Reports the Distributed Map fields (`ItemReader`, `ItemBatcher`, `ResultWriter`, `Label`,
    /// `ToleratedFailurePercentage`, `ToleratedFailureCount` and their `Path` forms) on a Map whose
    /// `ProcessorConfig.Mode` is not `DISTRIBUTED` (an inline Map, the default).
    ///
    /// ## Why is this bad?
    /// AWS documents these fields for Distributed Map only. Definitions that set them on an inline
    /// Map exist in the wild, so this is a warning rather than an error, but the intent was almost
    /// certainly a Distributed Map: an inline Map does not read items from S3, batch them, write
    /// results to S3 or tolerate failures.
    ///
    /// ## Example
    /// ```json
    /// { "Type": "Map", "Label": "Rows", "ItemReader": { "Resource": "arn:aws:states:::s3:getObject", "Parameters": { "Bucket": "b", "Key": "k" } },
    ///   "ItemProcessor": { "StartAt": "A", "States": { "A": { "Type": "Succeed" } } }, "End": true }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "Type": "Map", "Label": "Rows", "ItemReader": { "Resource": "arn:aws:states:::s3:getObject", "Parameters": { "Bucket": "b", "Key": "k" } },
    ///   "ItemProcessor": { "ProcessorConfig": { "Mode": "DISTRIBUTED", "ExecutionType": "STANDARD" },
    ///                      "StartAt": "A", "States": { "A": { "Type": "Succeed" } } }, "End": true }
    /// ```
    pub static INLINE_MAP_DISTRIBUTED_FIELD = {
        name: "inline-map-distributed-field",
        severity: Warning,
        aws_code: None,
        summary: "a Distributed Map field on an inline Map",
    }
}
