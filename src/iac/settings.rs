//! The settings of each state machine resource of a template (rules.md 5.17), for the
//! `resource-config` rules: the `Properties` of CloudFormation and SAM resources, and the
//! settings beside a Serverless Framework machine's `definition`. Every state machine resource
//! is listed, wherever its definition is (inline, S3, a local file).

use super::cfn::{CFN, SAM};
use crate::syntax::{Member, Node, Span};

/// How a template writes a state machine resource, which decides the property names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// `AWS::StepFunctions::StateMachine` (CloudFormation, CDK output).
    CloudFormation,
    /// `AWS::Serverless::StateMachine`.
    Sam,
    /// `stepFunctions.stateMachines.<name>` of `serverless-step-functions`.
    Serverless,
}

/// One state machine resource of a template.
#[derive(Debug, Clone)]
pub struct Resource {
    /// The logical id, or the Serverless machine's key.
    pub name: String,
    pub dialect: Dialect,
    /// The span of the logical id (or machine) key.
    pub key: Span,
    /// The `Properties` key and mapping (CloudFormation, SAM), or the machine's key and
    /// mapping (Serverless); `None` when the resource has no `Properties`.
    pub properties: Option<(Span, Node)>,
}

impl Resource {
    /// Where a finding about a missing setting points: the `Properties` key, or the logical id
    /// when there are no `Properties`.
    pub fn anchor(&self) -> Span {
        self.properties.as_ref().map_or(self.key, |(key, _)| *key)
    }

    /// The property `name`.
    pub fn get(&self, name: &str) -> Option<&Member> {
        self.properties.as_ref()?.1.get(name)
    }
}

/// Whether the linter cannot judge `node` because it is computed when the stack deploys: an
/// intrinsic function (`!Ref`, `!If`, `Fn::ImportValue`) or a string with a variable
/// (`${self:custom.level}`, `${Level}`).
pub fn is_computed(node: &Node) -> bool {
    super::text::intrinsic(node).is_some() || node.as_str().is_some_and(|s| s.contains("${"))
}

/// The state machine resources of template `root` (short forms already expanded).
pub(super) fn collect(root: &Node) -> Vec<Resource> {
    let mut out = Vec::new();
    let sections = [
        root.get("Resources"),
        root.get("resources").and_then(|r| r.value.get("Resources")),
    ];
    for members in sections
        .into_iter()
        .flatten()
        .filter_map(|s| s.value.as_object())
    {
        for member in members {
            let dialect = match member.value.get("Type").and_then(|t| t.value.as_str()) {
                Some(CFN) => Dialect::CloudFormation,
                Some(SAM) => Dialect::Sam,
                _ => continue,
            };
            out.push(Resource {
                name: member.key.name.clone(),
                dialect,
                key: member.key.span,
                properties: member
                    .value
                    .get("Properties")
                    .map(|p| (p.key.span, p.value.clone())),
            });
        }
    }
    let machines = root
        .get("stepFunctions")
        .and_then(|s| s.value.get("stateMachines"))
        .and_then(|m| m.value.as_object());
    for member in machines.into_iter().flatten() {
        if member.value.as_object().is_none() {
            continue;
        }
        out.push(Resource {
            name: member.key.name.clone(),
            dialect: Dialect::Serverless,
            key: member.key.span,
            properties: Some((member.key.span, member.value.clone())),
        });
    }
    out
}
