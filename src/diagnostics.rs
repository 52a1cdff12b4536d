//! Diagnostics: what every layer reports, and the metadata that names each kind of finding.
//!
//! A layer never formats or prints a diagnostic: it builds one with [`Diagnostic::new`] and the
//! builder methods, and a renderer in [`render`] turns a list of them into text.

pub mod render;

use crate::syntax::Span;

/// How serious a finding is. The order is from most to least serious.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// AWS rejects the definition, or it fails on every run.
    Error,
    /// A likely bug or a bad practice.
    Warning,
    /// Style.
    Info,
}

impl Severity {
    /// The lower-case name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// The identity and documentation of one kind of finding. Declared with [`declare_rule!`].
#[derive(Debug)]
pub struct RuleMeta {
    /// The stable kebab-case name: the one identifier in output, config and suppressions.
    pub name: &'static str,
    /// The default severity.
    pub severity: Severity,
    /// One line: what the rule flags.
    pub summary: &'static str,
    /// The documentation (the doc comment of the declaration), in Markdown.
    pub docs: &'static str,
    /// The code AWS uses for the same problem, where it has one.
    pub aws_code: Option<&'static str>,
}

impl RuleMeta {
    /// The documentation with the one leading space of each doc-comment line removed.
    pub fn docs_text(&self) -> String {
        let mut out = String::with_capacity(self.docs.len());
        for line in self.docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out
    }
}

/// Declares a `static` [`RuleMeta`]; the doc comment becomes its documentation.
///
/// ```ignore
/// declare_rule! {
///     /// ## What it does
///     /// ...
///     pub(crate) static UNKNOWN_FIELD = {
///         name: "unknown-field",
///         severity: Error,
///         aws_code: Some("SCHEMA_VALIDATION_FAILED"),
///         summary: "a field that ASL does not define",
///     }
/// }
/// ```
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis static $ident:ident = {
            name: $name:literal,
            severity: $severity:ident,
            aws_code: $aws:expr,
            summary: $summary:literal $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        $vis static $ident: $crate::diagnostics::RuleMeta = $crate::diagnostics::RuleMeta {
            name: $name,
            severity: $crate::diagnostics::Severity::$severity,
            summary: $summary,
            docs: concat!($($doc, "\n"),*),
            aws_code: $aws,
        };
    };
}

/// A secondary place related to a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// One finding in one file.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub rule: &'static RuleMeta,
    pub severity: Severity,
    pub message: String,
    /// Where the problem is: the key or value at fault.
    pub span: Span,
    /// A short text shown under the primary span in snippet renderings.
    pub primary_label: Option<String>,
    /// Related places (for example the first of two duplicate keys).
    pub labels: Vec<Label>,
    /// The remedy, where there is an obvious one.
    pub help: Option<String>,
    /// An RFC 6901 JSON pointer to the value at fault, where the finding is about a value.
    pub pointer: Option<String>,
    /// The code AWS reports for this problem, if any.
    pub aws_code: Option<&'static str>,
}

impl Diagnostic {
    /// A finding of `rule` at `span`, with the rule's severity and AWS code.
    pub fn new(rule: &'static RuleMeta, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            rule,
            severity: rule.severity,
            message: message.into(),
            span,
            primary_label: None,
            labels: Vec::new(),
            help: None,
            pointer: None,
            aws_code: rule.aws_code,
        }
    }

    /// Adds a secondary label.
    pub fn label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    /// Sets the text shown under the primary span.
    pub fn primary_label(mut self, message: impl Into<String>) -> Self {
        self.primary_label = Some(message.into());
        self
    }

    /// Sets the remedy.
    pub fn help(mut self, message: impl Into<String>) -> Self {
        self.help = Some(message.into());
        self
    }

    /// Sets the JSON pointer of the value at fault.
    pub fn pointer(mut self, pointer: impl Into<String>) -> Self {
        self.pointer = Some(pointer.into());
        self
    }

    /// The rule's name.
    pub fn name(&self) -> &'static str {
        self.rule.name
    }
}

/// Sorts diagnostics by position (then severity, rule and message) and removes exact repeats.
pub fn sort_and_dedup(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| {
        (
            a.span.start,
            a.span.end,
            a.severity,
            a.rule.name,
            &a.message,
        )
            .cmp(&(
                b.span.start,
                b.span.end,
                b.severity,
                b.rule.name,
                &b.message,
            ))
    });
    diagnostics
        .dedup_by(|a, b| a.span == b.span && a.rule.name == b.rule.name && a.message == b.message);
}
