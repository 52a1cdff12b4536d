//! Task `Resource` values (rules.md 5.12): ARNs of every partition, Lambda function and activity
//! ARNs, optimized integrations `arn:<p>:states:::<service>:<api>[.sync|.sync:2|.waitForTaskToken]`,
//! AWS SDK integrations `arn:<p>:states:::aws-sdk:<service>:<action>[.waitForTaskToken]` and the
//! HTTP task `arn:<p>:states:::http:invoke`.
//!
//! `${...}` and `#{...}` substitution placeholders may stand anywhere in the text
//! (`arn:${AWS::Partition}:states:::lambda:invoke`): a part that holds one is "dynamic" and is
//! never judged, so a placeholder never causes an error.

/// Partitions AWS has published. Others are accepted by the parser (new ones appear) and left to
/// the rules to judge.
pub const KNOWN_PARTITIONS: &[&str] = &[
    "aws",
    "aws-cn",
    "aws-us-gov",
    "aws-iso",
    "aws-iso-b",
    "aws-iso-e",
    "aws-iso-f",
    "aws-eusc",
];

/// What stands for a placeholder in the masked text the parser works on.
const MASK: char = '\u{1}';

/// How a Task waits for an integration: the suffix of the resource's API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pattern {
    /// No suffix: call the API and go on when it answers.
    RequestResponse,
    /// `.sync`: run a job and wait for it to finish.
    Sync,
    /// `.sync:2`: like `.sync`, with a JSON (not string) output (Step Functions `startExecution`).
    Sync2,
    /// `.waitForTaskToken`: wait for a callback with the task token.
    WaitForTaskToken,
}

impl Pattern {
    /// The suffix as written after the API name (empty for request-response).
    pub fn suffix(self) -> &'static str {
        match self {
            Pattern::RequestResponse => "",
            Pattern::Sync => ".sync",
            Pattern::Sync2 => ".sync:2",
            Pattern::WaitForTaskToken => ".waitForTaskToken",
        }
    }

    /// Whether Step Functions waits for a job or a callback (not allowed in Express machines).
    pub fn waits(self) -> bool {
        self != Pattern::RequestResponse
    }
}

const RR: &[Pattern] = &[Pattern::RequestResponse];
const RR_SYNC: &[Pattern] = &[Pattern::RequestResponse, Pattern::Sync];
const RR_WAIT: &[Pattern] = &[Pattern::RequestResponse, Pattern::WaitForTaskToken];
const RR_SYNC_WAIT: &[Pattern] = &[
    Pattern::RequestResponse,
    Pattern::Sync,
    Pattern::WaitForTaskToken,
];
const ALL: &[Pattern] = &[
    Pattern::RequestResponse,
    Pattern::Sync,
    Pattern::Sync2,
    Pattern::WaitForTaskToken,
];

/// One optimized integration: the service name in `arn:<p>:states:::<service>:<api>`, the
/// integration patterns it supports and the APIs it offers.
#[derive(Debug)]
pub struct Integration {
    pub service: &'static str,
    /// The product name, for messages.
    pub title: &'static str,
    pub patterns: &'static [Pattern],
    pub apis: &'static [&'static str],
}

/// The optimized integrations and the patterns each supports.
///
/// Source: the table "Optimized integrations in Step Functions" on the AWS page "Integrating
/// optimized services with Step Functions",
/// <https://docs.aws.amazon.com/step-functions/latest/dg/integrate-optimized.html> (also
/// `connect-supported-services.html`), and the API lists of each service's page
/// (`connect-<service>.html`), read 2026-12. Patterns are per service (the union over its APIs),
/// so a pattern is never refused for an API that supports it; `.sync:2` is documented only for
/// Step Functions `startExecution`. `s3` holds the Distributed Map ItemReader/ResultWriter APIs and
/// `http` the HTTP task.
pub static OPTIMIZED: &[Integration] = &[
    Integration {
        service: "apigateway",
        title: "Amazon API Gateway",
        patterns: RR_WAIT,
        apis: &["invoke"],
    },
    Integration {
        service: "athena",
        title: "Amazon Athena",
        patterns: RR_SYNC,
        apis: &[
            "startQueryExecution",
            "stopQueryExecution",
            "getQueryExecution",
            "getQueryResults",
        ],
    },
    Integration {
        service: "batch",
        title: "AWS Batch",
        patterns: RR_SYNC,
        apis: &["submitJob"],
    },
    Integration {
        service: "bedrock",
        title: "Amazon Bedrock",
        patterns: RR_SYNC_WAIT,
        apis: &["invokeModel", "createModelCustomizationJob"],
    },
    Integration {
        service: "codebuild",
        title: "AWS CodeBuild",
        patterns: RR_SYNC,
        apis: &[
            "startBuild",
            "stopBuild",
            "batchDeleteBuilds",
            "batchGetReports",
            "startBuildBatch",
            "stopBuildBatch",
            "retryBuildBatch",
            "deleteBuildBatch",
        ],
    },
    Integration {
        service: "databrew",
        title: "AWS Glue DataBrew",
        patterns: RR_SYNC,
        apis: &["startJobRun"],
    },
    Integration {
        service: "dynamodb",
        title: "Amazon DynamoDB",
        patterns: RR,
        apis: &["getItem", "putItem", "updateItem", "deleteItem"],
    },
    Integration {
        service: "ecs",
        title: "Amazon ECS/Fargate",
        patterns: RR_SYNC_WAIT,
        apis: &["runTask"],
    },
    Integration {
        service: "eks",
        title: "Amazon EKS",
        patterns: RR_SYNC_WAIT,
        apis: &[
            "createCluster",
            "deleteCluster",
            "createFargateProfile",
            "deleteFargateProfile",
            "createNodegroup",
            "deleteNodegroup",
            "runJob",
            "call",
        ],
    },
    Integration {
        service: "elasticmapreduce",
        title: "Amazon EMR",
        patterns: RR_SYNC,
        apis: &[
            "createCluster",
            "terminateCluster",
            "addStep",
            "cancelStep",
            "setClusterTerminationProtection",
            "modifyInstanceFleetByName",
            "modifyInstanceGroupByName",
        ],
    },
    Integration {
        service: "emr-containers",
        title: "Amazon EMR on EKS",
        patterns: RR_SYNC,
        apis: &[
            "createVirtualCluster",
            "deleteVirtualCluster",
            "startJobRun",
        ],
    },
    Integration {
        service: "emr-serverless",
        title: "Amazon EMR Serverless",
        patterns: RR_SYNC,
        apis: &[
            "createApplication",
            "startApplication",
            "stopApplication",
            "deleteApplication",
            "startJobRun",
            "cancelJobRun",
        ],
    },
    Integration {
        service: "events",
        title: "Amazon EventBridge",
        patterns: RR_WAIT,
        apis: &["putEvents"],
    },
    Integration {
        service: "glue",
        title: "AWS Glue",
        patterns: RR_SYNC,
        apis: &["startJobRun"],
    },
    Integration {
        service: "http",
        title: "HTTP task",
        patterns: RR,
        apis: &["invoke"],
    },
    Integration {
        service: "lambda",
        title: "AWS Lambda",
        patterns: RR_WAIT,
        apis: &["invoke"],
    },
    Integration {
        service: "mediaconvert",
        title: "AWS Elemental MediaConvert",
        patterns: RR_SYNC,
        apis: &["createJob"],
    },
    Integration {
        service: "s3",
        title: "Amazon S3 (Distributed Map)",
        patterns: RR,
        apis: &["getObject", "listObjectsV2", "putObject"],
    },
    Integration {
        service: "sagemaker",
        title: "Amazon SageMaker AI",
        patterns: RR_SYNC,
        apis: &[
            "createEndpoint",
            "createEndpointConfig",
            "createHyperParameterTuningJob",
            "createLabelingJob",
            "createModel",
            "createProcessingJob",
            "createTrainingJob",
            "createTransformJob",
            "updateEndpoint",
        ],
    },
    Integration {
        service: "sns",
        title: "Amazon SNS",
        patterns: RR_WAIT,
        apis: &["publish"],
    },
    Integration {
        service: "sqs",
        title: "Amazon SQS",
        patterns: RR_WAIT,
        apis: &["sendMessage"],
    },
    Integration {
        service: "states",
        title: "AWS Step Functions",
        patterns: ALL,
        apis: &["startExecution"],
    },
];

/// The optimized integration called `service`.
pub fn integration(service: &str) -> Option<&'static Integration> {
    OPTIMIZED.iter().find(|i| i.service == service)
}

/// An ARN split into its parts. `resource` is everything after the fifth colon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arn {
    pub partition: String,
    pub service: String,
    pub region: String,
    pub account: String,
    pub resource: String,
}

/// A parsed Task `Resource`. Text parts may hold [`is_dynamic`] placeholders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resource {
    /// The value is a placeholder, or its shape is hidden by one: nothing can be judged.
    Dynamic,
    /// `arn:<p>:lambda:<region>:<account>:function:<name>[:<version or alias>]`.
    Lambda {
        arn: Arn,
        function: String,
        qualifier: Option<String>,
    },
    /// `arn:<p>:states:<region>:<account>:activity:<name>`.
    Activity { arn: Arn, name: String },
    /// `arn:<p>:states:::<service>:<api>[pattern]` (also the HTTP task and `states:` itself).
    Optimized {
        arn: Arn,
        service: String,
        api: String,
        pattern: Pattern,
    },
    /// `arn:<p>:states:::aws-sdk:<service>:<action>[pattern]`.
    Sdk {
        arn: Arn,
        service: String,
        action: String,
        pattern: Pattern,
    },
    /// Any other well-formed ARN (another service, or a `states` ARN of another kind).
    Other(Arn),
}

/// Why a `Resource` cannot be what Step Functions runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResourceError {
    /// Does not start with `arn:`.
    NotArn,
    /// `arn:` with fewer than six colon-separated parts, or an empty partition or service.
    MalformedArn,
    /// A Lambda ARN whose resource part is not `function:<name>[:<qualifier>]`.
    MalformedLambda(&'static str),
    /// An integration without `<service>:<api>`.
    MissingApi,
    /// An API suffix that is not `.sync`, `.sync:2` or `.waitForTaskToken`.
    UnknownPattern(String),
    /// A `${` or `#{` with no closing `}`.
    UnclosedPlaceholder,
}

/// Whether a part of a parsed resource holds a placeholder.
pub fn is_dynamic(part: &str) -> bool {
    part.contains(MASK)
}

/// `s` with each `${...}` / `#{...}` placeholder replaced by one mask character; an unclosed
/// placeholder masks the rest of the text.
fn mask(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = [rest.find("${"), rest.find("#{")]
        .into_iter()
        .flatten()
        .min()
    {
        out.push_str(&rest[..i]);
        out.push(MASK);
        match rest[i..].find('}') {
            Some(end) => rest = &rest[i + end + 1..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

/// Whether a `${` or `#{` is never closed (`${lambdaArn`).
fn has_unclosed_placeholder(s: &str) -> bool {
    let mut rest = s;
    while let Some(i) = [rest.find("${"), rest.find("#{")]
        .into_iter()
        .flatten()
        .min()
    {
        match rest[i..].find('}') {
            Some(end) => rest = &rest[i + end + 1..],
            None => return true,
        }
    }
    false
}

/// Splits an ARN (already masked) into its parts.
fn split_arn(s: &str) -> Result<Arn, ResourceError> {
    let mut parts = s.splitn(6, ':');
    let arn = parts.next().unwrap_or_default();
    if arn != "arn" {
        return Err(ResourceError::NotArn);
    }
    let (Some(partition), Some(service), Some(region), Some(account), Some(resource)) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return Err(ResourceError::MalformedArn);
    };
    if partition.is_empty() || service.is_empty() {
        return Err(ResourceError::MalformedArn);
    }
    Ok(Arn {
        partition: partition.to_string(),
        service: service.to_string(),
        region: region.to_string(),
        account: account.to_string(),
        resource: resource.to_string(),
    })
}

/// Parses any ARN (placeholders allowed): `None` when `s` is not `arn:` followed by five parts.
pub fn parse_arn(s: &str) -> Option<Arn> {
    split_arn(&mask(s)).ok()
}

/// Parses a Task `Resource`.
pub fn parse_resource(s: &str) -> Result<Resource, ResourceError> {
    if has_unclosed_placeholder(s) {
        return Err(ResourceError::UnclosedPlaceholder);
    }
    let masked = mask(s);
    if masked.starts_with(MASK) && !masked.starts_with(&format!("{MASK}:")) {
        // `${LambdaArn}` or `${Prefix}...`: the placeholder holds the ARN's head.
        return Ok(Resource::Dynamic);
    }
    let arn = split_arn(&masked)?;
    if is_dynamic(&arn.service) {
        return Ok(Resource::Dynamic);
    }
    match arn.service.as_str() {
        "lambda" => lambda(arn),
        "states" => states(arn),
        _ => Ok(Resource::Other(arn)),
    }
}

fn lambda(arn: Arn) -> Result<Resource, ResourceError> {
    let mut parts = arn.resource.splitn(3, ':');
    let kind = parts.next().unwrap_or_default();
    if is_dynamic(kind) {
        return Ok(Resource::Dynamic);
    }
    if kind != "function" {
        return Err(ResourceError::MalformedLambda(
            "the resource part must be `function:<name>`",
        ));
    }
    let function = parts.next().unwrap_or_default().to_string();
    if function.is_empty() {
        return Err(ResourceError::MalformedLambda("the function name is empty"));
    }
    if !is_dynamic(&function) && !function.chars().all(lambda_char) {
        return Err(ResourceError::MalformedLambda(
            "a function name holds only letters, digits, `-` and `_`",
        ));
    }
    let qualifier = parts.next().map(str::to_string);
    if let Some(q) = &qualifier {
        let ok = is_dynamic(q) || q == "$LATEST" || (!q.is_empty() && q.chars().all(lambda_char));
        if !ok {
            return Err(ResourceError::MalformedLambda(
                "a version or alias is `$LATEST`, a number, or letters, digits, `-` and `_`",
            ));
        }
    }
    Ok(Resource::Lambda {
        arn,
        function,
        qualifier,
    })
}

fn lambda_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == MASK
}

fn states(arn: Arn) -> Result<Resource, ResourceError> {
    let resource = arn.resource.clone();
    if let Some(name) = resource.strip_prefix("activity:") {
        return Ok(Resource::Activity {
            name: name.to_string(),
            arn,
        });
    }
    let first = resource.split(':').next().unwrap_or_default();
    if is_dynamic(first) {
        return Ok(Resource::Dynamic);
    }
    if ["stateMachine", "execution", "express", "mapRun", "activity"].contains(&first) {
        return Ok(Resource::Other(arn));
    }
    // An integration: `<service>:<api>[pattern]` or `aws-sdk:<service>:<action>[pattern]`.
    let (body, pattern) = split_pattern(&resource)?;
    let parts: Vec<&str> = body.split(':').collect();
    if parts.iter().any(|p| is_dynamic(p)) {
        return Ok(Resource::Dynamic);
    }
    match parts.as_slice() {
        ["aws-sdk", service, action] if !service.is_empty() && !action.is_empty() => {
            Ok(Resource::Sdk {
                service: service.to_string(),
                action: action.to_string(),
                pattern,
                arn,
            })
        }
        [service, api] if *service != "aws-sdk" && !service.is_empty() && !api.is_empty() => {
            Ok(Resource::Optimized {
                service: service.to_string(),
                api: api.to_string(),
                pattern,
                arn,
            })
        }
        _ => Err(ResourceError::MissingApi),
    }
}

/// Splits `lambda:invoke.waitForTaskToken` into `lambda:invoke` and its pattern.
fn split_pattern(resource: &str) -> Result<(&str, Pattern), ResourceError> {
    if let Some(body) = resource.strip_suffix(".sync:2") {
        return Ok((body, Pattern::Sync2));
    }
    let Some(dot) = resource.find('.') else {
        return Ok((resource, Pattern::RequestResponse));
    };
    let body = &resource[..dot];
    match &resource[dot..] {
        ".sync" => Ok((body, Pattern::Sync)),
        ".waitForTaskToken" => Ok((body, Pattern::WaitForTaskToken)),
        other if is_dynamic(other) => Ok((body, Pattern::RequestResponse)),
        other => Err(ResourceError::UnknownPattern(other.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn optimized(s: &str) -> (String, String, Pattern) {
        match parse_resource(s) {
            Ok(Resource::Optimized {
                service,
                api,
                pattern,
                ..
            }) => (service, api, pattern),
            other => panic!("{s}: {other:?}"),
        }
    }

    #[test]
    fn optimized_integrations_of_every_partition() {
        for p in KNOWN_PARTITIONS {
            let (s, a, pat) = optimized(&format!("arn:{p}:states:::lambda:invoke"));
            assert_eq!(
                (s.as_str(), a.as_str(), pat),
                ("lambda", "invoke", Pattern::RequestResponse)
            );
        }
        assert_eq!(
            optimized("arn:aws:states:::states:startExecution.sync:2").2,
            Pattern::Sync2
        );
        assert_eq!(
            optimized("arn:aws:states:::batch:submitJob.sync").2,
            Pattern::Sync
        );
        assert_eq!(
            optimized("arn:aws:states:::sqs:sendMessage.waitForTaskToken").2,
            Pattern::WaitForTaskToken
        );
        assert_eq!(optimized("arn:aws:states:::http:invoke").0, "http");
    }

    #[test]
    fn sdk_integrations() {
        match parse_resource("arn:aws-cn:states:::aws-sdk:s3:listBuckets.waitForTaskToken") {
            Ok(Resource::Sdk {
                service,
                action,
                pattern,
                ..
            }) => {
                assert_eq!((service.as_str(), action.as_str()), ("s3", "listBuckets"));
                assert_eq!(pattern, Pattern::WaitForTaskToken);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn lambda_and_activity_arns() {
        assert!(matches!(
            parse_resource("arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST"),
            Ok(Resource::Lambda { qualifier: Some(q), .. }) if q == "$LATEST"
        ));
        assert!(matches!(
            parse_resource("arn:aws:lambda:us-east-1:123456789012:function:f"),
            Ok(Resource::Lambda {
                qualifier: None,
                ..
            })
        ));
        assert!(matches!(
            parse_resource("arn:aws:lambda:us-east-1:1:function:f:"),
            Err(ResourceError::MalformedLambda(_))
        ));
        assert!(matches!(
            parse_resource("arn:aws:lambda:us-east-1:1:func:f"),
            Err(ResourceError::MalformedLambda(_))
        ));
        assert!(matches!(
            parse_resource("arn:aws-us-gov:states:us-gov-west-1:1:activity:a"),
            Ok(Resource::Activity { name, .. }) if name == "a"
        ));
    }

    #[test]
    fn placeholders_are_never_errors() {
        for s in [
            "${LambdaArn}",
            "#{Fn}",
            "arn:${AWS::Partition}:states:::lambda:invoke",
            "arn:aws:states:::${Service}:invoke",
            "arn:aws:states:::lambda:${Api}",
            "arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:${Name}",
            "arn:aws:lambda:::function:${fn_update_metadata}",
            "arn:aws:states:::lambda:invoke${Suffix}",
        ] {
            assert!(parse_resource(s).is_ok(), "{s}: {:?}", parse_resource(s));
        }
        assert_eq!(
            optimized("arn:${AWS::Partition}:states:::sqs:sendMessage.waitForTaskToken").2,
            Pattern::WaitForTaskToken
        );
    }

    #[test]
    fn not_arns_and_bad_suffixes() {
        assert_eq!(parse_resource("foo:bar"), Err(ResourceError::NotArn));
        assert_eq!(
            parse_resource("${lambdaArn"),
            Err(ResourceError::UnclosedPlaceholder)
        );
        assert_eq!(
            parse_resource("arn:aws:states"),
            Err(ResourceError::MalformedArn)
        );
        assert_eq!(
            parse_resource("arn:aws:states:::lambda:invoke.sync:3"),
            Err(ResourceError::UnknownPattern(".sync:3".to_string()))
        );
        assert_eq!(
            parse_resource("arn:aws:states:::lambda"),
            Err(ResourceError::MissingApi)
        );
        assert!(matches!(
            parse_resource("arn:aws:swf:us-east-1:1:task:X"),
            Ok(Resource::Other(_))
        ));
    }

    #[test]
    fn the_table_is_sorted_and_every_service_supports_request_response() {
        let names: Vec<&str> = OPTIMIZED.iter().map(|i| i.service).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        assert_eq!(names, sorted);
        assert!(
            OPTIMIZED
                .iter()
                .all(|i| i.patterns.contains(&Pattern::RequestResponse))
        );
    }
}
