//! State machine definitions inside infrastructure templates (rules.md 5.16): CloudFormation
//! and SAM resources (JSON or YAML, short-form tags included), CDK output (CloudFormation JSON,
//! usually `Fn::Join`), and Serverless Framework `stepFunctions` sections.
//!
//! [`extract`] turns a parsed template into its state machines: each one's name (the logical
//! id or machine name), type, body and substitutions. A body is either a tree whose spans are
//! already template positions (`Definition`), a rebuilt JSON text with a map back to the
//! template ([`text::BuiltText`], for `DefinitionString`), or a local file (`DefinitionUri`).
//! Definitions that cannot be read locally become `definition-not-local` findings.

mod cfn;
pub mod codes;
mod serverless;
pub mod settings;
mod shorthand;
pub mod substitutions;
pub mod text;

use crate::MachineType;
use crate::diagnostics::Diagnostic;
use crate::syntax::{Format, Node, Span};
use substitutions::{Declared, Use};
use text::BuiltText;

/// A template and what was found in it.
#[derive(Debug, Default)]
pub struct Template {
    pub machines: Vec<Embedded>,
    /// Findings about the template itself (`definition-not-local`).
    pub diagnostics: Vec<Diagnostic>,
    /// Every state machine resource, for the checks of its settings (`resource-config`).
    pub resources: Vec<settings::Resource>,
}

/// One state machine of a template.
#[derive(Debug)]
pub struct Embedded {
    /// The resource's logical id, or the Serverless machine's key.
    pub name: String,
    /// The type the template gives, when it gives one literally.
    pub machine_type: Option<MachineType>,
    pub body: Body,
    /// What declares `${...}` placeholders; `None` where placeholders are not substitutions
    /// (Serverless variables).
    pub declared: Option<Declared>,
    /// The placeholders written in the template's text of the definition.
    pub uses: Vec<Use>,
}

/// Where a definition is.
#[derive(Debug)]
pub enum Body {
    /// Written as a mapping in the template: spans are template positions.
    Tree(Node),
    /// A `DefinitionString`: rebuilt JSON text, and the span of the property value.
    Text(BuiltText, Span),
    /// A SAM `DefinitionUri` naming a local file, relative to the template's directory.
    File { path: String, span: Span },
}

impl Body {
    /// The part of the template the definition is written in.
    pub fn template_span(&self) -> Option<Span> {
        match self {
            Body::Tree(node) => Some(node.span),
            Body::Text(_, span) => Some(*span),
            Body::File { .. } => None,
        }
    }
}

/// Cheap test on the text, before parsing: could this be a template with a state machine?
pub fn may_be_template(text: &str) -> bool {
    text.contains("StateMachine") || text.contains("stepFunctions")
}

/// Whether `root` is a template: a CloudFormation/SAM document (a `Resources` mapping or an
/// `AWSTemplateFormatVersion`) or a Serverless Framework service (`stepFunctions`, or
/// `service` with `provider`).
pub fn is_template(root: &Node) -> bool {
    let has = |k: &str| root.get(k).is_some();
    root.get("Resources")
        .is_some_and(|m| m.value.as_object().is_some())
        || has("AWSTemplateFormatVersion")
        || has("stepFunctions")
        || (has("service") && has("provider"))
}

/// Whether the tag written as `tag` is one of CloudFormation's short forms (`!Sub`).
pub fn is_cfn_tag(tag: &str) -> bool {
    shorthand::is_cfn_tag(tag)
}

/// The state machines of template `root`, parsed from `text`. Short-form tags are read as
/// their long forms.
pub fn extract(mut root: Node, text: &str, format: Format) -> Template {
    shorthand::expand(&mut root);
    let mut template = Template::default();
    let cx = Cx { text, format };
    template.resources = settings::collect(&root);
    if let Some(resources) = root.get("Resources") {
        cfn::extract(&cx, &root, &resources.value, &mut template);
    }
    // Serverless: CloudFormation resources under `resources.Resources`, and `stepFunctions`.
    if let Some(resources) = root.get("resources").and_then(|r| r.value.get("Resources")) {
        cfn::extract(&cx, &root, &resources.value, &mut template);
    }
    serverless::extract(&cx, &root, &mut template);
    template
}

/// The template text, for positions inside its strings.
struct Cx<'a> {
    text: &'a str,
    format: Format,
}

/// A short description of a property value that is not a definition, for messages.
fn describe(value: &Node) -> String {
    if let Some((name, _)) = text::intrinsic(value) {
        return format!("computed by `{name}`");
    }
    match value.as_str() {
        Some(s) => {
            let short: String = s.chars().take(60).collect();
            let more = if short.len() < s.len() { "..." } else { "" };
            format!("`{short}{more}`")
        }
        None if value.as_object().is_some() || value.as_array().is_some() => {
            format!("an {}", value.type_name())
        }
        None => format!("a {}", value.type_name()),
    }
}
