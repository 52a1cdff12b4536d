//! Literal payloads larger than the 256 KiB payload quota (rules.md 5.15).
use super::Context;
use crate::ast::{Field, MAX_PAYLOAD_BYTES, StateKind, over_payload_limit};
use crate::declare_rule;
use crate::diagnostics::Diagnostic;
use crate::syntax::{Format, Node};

declare_rule! {
    /// ## What it does
    /// Warns when a literal `Result`, `Parameters`, `Arguments`, `Output` or `Assign` value is
    /// larger than 256 KiB (262,144 bytes) as compact JSON.
    ///
    /// ## Why is this bad?
    /// Step Functions limits the input and output of a state, and the data passed between
    /// states, to 256 KiB as a UTF-8 string: a state producing such a value fails with
    /// `States.DataLimitExceeded` (rules.md 5.15). Store large data in S3 and pass its location.
    ///
    /// ## Example
    /// ```json
    /// { "Type": "Pass", "Result": { "rows": [ "... 300 KB of data ..." ] }, "End": true }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "Type": "Pass", "Result": { "bucket": "my-bucket", "key": "rows.json" }, "End": true }
    /// ```
    pub(crate) static PAYLOAD_TOO_LARGE = {
        name: "payload-too-large",
        severity: Warning,
        aws_code: None,
        summary: "a literal payload larger than the 256 KiB Step Functions passes between states",
    }
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (_, state) in cx.machine.scope.all_states() {
        let result = match &state.kind {
            StateKind::Pass(pass) => pass.result.as_ref(),
            _ => None,
        };
        let fields: [(Option<&Field<Node>>, &str); 5] = [
            (result, "Result"),
            (state.io.parameters.as_ref(), "Parameters"),
            (state.io.arguments.as_ref(), "Arguments"),
            (state.io.output.as_ref(), "Output"),
            (state.assign.as_ref(), "Assign"),
        ];
        for (field, name) in fields {
            let Some(field) = field else { continue };
            if cx.format == Format::Json && field.span.len() <= MAX_PAYLOAD_BYTES {
                continue; // compact JSON is never longer than the JSON text
            }
            let json = field.value.to_json();
            if !over_payload_limit(&json) {
                continue;
            }
            let size = json.to_string().len();
            out.push(
                Diagnostic::new(
                    &PAYLOAD_TOO_LARGE,
                    field.key_span,
                    format!(
                        "`{name}` of state `{}` is {size} bytes, over the 262144-byte (256 KiB) payload limit",
                        state.name
                    ),
                )
                .help("keep large data in S3 (or DynamoDB) and pass a reference to it")
                .pointer(field.pointer.as_str()),
            );
        }
    }
}
