//! The error names Step Functions defines (ASL spec appendix A and the AWS developer guide),
//! shared by the Retry and Catch rules. A new AWS error name is a one-line change here.

/// `States.*` error names that AWS raises or matches, with what each means.
pub(crate) const STATES_ERRORS: &[(&str, &str)] = &[
    (
        "States.ALL",
        "matches any error except States.Runtime and States.DataLimitExceeded",
    ),
    ("States.BranchFailed", "a branch of a Parallel state failed"),
    (
        "States.DataLimitExceeded",
        "an output or result exceeded the payload quota; terminal",
    ),
    (
        "States.ExceedToleratedFailureThreshold",
        "a Map state exceeded its tolerated failures",
    ),
    (
        "States.HeartbeatTimeout",
        "a Task state sent no heartbeat in time",
    ),
    ("States.Http.Socket", "an HTTP task timed out on its socket"),
    ("States.IntrinsicFailure", "an intrinsic function failed"),
    (
        "States.ItemReaderFailed",
        "a Distributed Map could not read its items",
    ),
    (
        "States.NoChoiceMatched",
        "no Choice rule matched and there is no Default",
    ),
    (
        "States.ParameterPathFailure",
        "a path in a payload template matched nothing",
    ),
    ("States.Permissions", "the role lacks a permission"),
    ("States.QueryEvaluationError", "a JSONata expression failed"),
    (
        "States.ResultPathMatchFailure",
        "ResultPath could not be applied",
    ),
    (
        "States.ResultWriterFailed",
        "a Distributed Map could not write its results",
    ),
    (
        "States.Runtime",
        "a runtime error such as an invalid path; terminal",
    ),
    (
        "States.TaskFailed",
        "matches any Task failure except States.Timeout",
    ),
    (
        "States.Timeout",
        "a Task or the execution ran past its TimeoutSeconds",
    ),
];

/// Errors that no Retrier or Catcher can handle: the execution fails.
pub(crate) const TERMINAL_ERRORS: &[&str] = &["States.DataLimitExceeded", "States.Runtime"];

/// Whether `name` is one of [`STATES_ERRORS`].
pub(crate) fn is_states_error(name: &str) -> bool {
    STATES_ERRORS.iter().any(|(known, _)| *known == name)
}
