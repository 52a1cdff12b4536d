//! asl-lint: a linter for AWS Step Functions state machines written in the Amazon States Language.
//!
//! The pipeline, each stage reading only the output of the one before:
//! [`source`] (files and positions) -> [`syntax`] (spanned JSON/YAML tree) -> [`ast`] (typed
//! state machine and structural findings) -> [`analysis`] (the state graph) -> [`rules`] (checks over the typed machine) ->
//! [`diagnostics`] (findings and their renderers).
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod analysis;
pub mod ast;
pub mod config;
pub mod diagnostics;
mod embedded;
pub mod iac;
pub mod lang;
pub mod rules;
pub mod simulate;
pub mod source;
pub mod suggest;
pub mod suppress;
pub mod syntax;

use diagnostics::{Diagnostic, sort_and_dedup};
use source::SourceFile;
use syntax::Span;

/// Which kind of state machine a definition is for (Express has extra restrictions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MachineType {
    #[default]
    Standard,
    Express,
}

/// Settings for one `check` run.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    pub machine_type: MachineType,
    /// Which rules run, and their severities.
    pub rules: rules::RuleSettings,
}

/// One file and what was found in it.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub source: SourceFile,
    pub diagnostics: Vec<Diagnostic>,
}

impl FileReport {
    pub fn count(&self, severity: diagnostics::Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// What checking one document found.
#[derive(Debug, Clone, Default)]
pub struct Checked {
    /// The findings in the document, sorted by position and without repeats.
    pub diagnostics: Vec<Diagnostic>,
    /// Reports on the definition files a template names (SAM `DefinitionUri`), checked with the
    /// template's substitutions and type.
    pub linked: Vec<FileReport>,
}

/// Checks one source: parse, lower to the typed AST, run the rules. A template (CloudFormation,
/// SAM, Serverless, CDK output) has each of its state machines checked, with positions in the
/// template. Findings come back sorted by position and without repeats. Never panics on any
/// input.
pub fn check_source(source: &SourceFile, options: &CheckOptions) -> Vec<Diagnostic> {
    check_document(source, options, false)
        .map(|c| c.diagnostics)
        .unwrap_or_default()
}

/// Like [`check_source`], for files found by walking a directory: `None` when the document is
/// neither a state machine (its top level is not an object with `StartAt` and `States`) nor a
/// template with at least one state machine, so that other JSON and YAML files are passed over.
pub fn check_if_state_machine(
    source: &SourceFile,
    options: &CheckOptions,
) -> Option<Vec<Diagnostic>> {
    check_document(source, options, true).map(|c| c.diagnostics)
}

/// Checks a definition or a template, with the reports of the files a template links to.
/// `sniff`: the file was found by walking a directory, so `None` unless it is a state machine
/// or a template with one.
pub fn check_document(source: &SourceFile, options: &CheckOptions, sniff: bool) -> Option<Checked> {
    suggest::with_budget(|| check_document_within_budget(source, options, sniff))
}

fn check_document_within_budget(
    source: &SourceFile,
    options: &CheckOptions,
    sniff: bool,
) -> Option<Checked> {
    let text = &source.text;
    let asl_text = text.contains("StartAt") && text.contains("States");
    if sniff && !asl_text && !iac::may_be_template(text) {
        return None;
    }
    let parsed = syntax::parse(&source.text, source.format);
    let is_asl = parsed
        .root
        .as_ref()
        .is_some_and(|r| r.get("StartAt").is_some() && r.get("States").is_some());
    if !is_asl {
        if parsed.root.as_ref().is_some_and(iac::is_template) {
            let (checked, machines) = embedded::check_template(source, parsed, options);
            return (!sniff || machines > 0).then_some(checked);
        }
        if sniff {
            return None;
        }
    }
    Some(Checked {
        diagnostics: check_parsed(source, parsed, options),
        linked: Vec::new(),
    })
}

/// The `invalid-utf8` finding of a source read from bytes that were not UTF-8.
fn utf8_finding(source: &SourceFile) -> Option<Diagnostic> {
    let offset = source.invalid_utf8_at?;
    let end = source.clamp(offset + 3).max(offset);
    Some(
        Diagnostic::new(
            &syntax::codes::INVALID_UTF8,
            Span::new(offset, end),
            "the file is not valid UTF-8: bad byte sequence here",
        )
        .help("save the file as UTF-8"),
    )
}

fn check_parsed(
    source: &SourceFile,
    parsed: syntax::Parsed,
    options: &CheckOptions,
) -> Vec<Diagnostic> {
    let mut found: Vec<Diagnostic> = utf8_finding(source).into_iter().collect();
    found.extend(parsed.diagnostics);
    let chars = parsed
        .root
        .as_ref()
        .map_or(0, |root| definition_chars(source, root));
    let mut diagnostics = check_tree(
        parsed.root.as_ref(),
        found,
        &source.text,
        source.format,
        options,
        chars,
        None,
    );
    sort_and_dedup(&mut diagnostics);
    diagnostics
}

/// Lowers and checks the definition `root` read from `text`, after the findings `found` so far;
/// applies the rule selection and suppressions (`within`: only YAML comments in that range, for
/// a machine inside a template). Unsorted.
fn check_tree(
    root: Option<&syntax::Node>,
    found: Vec<Diagnostic>,
    text: &str,
    format: syntax::Format,
    options: &CheckOptions,
    definition_chars: usize,
    within: Option<Span>,
) -> Vec<Diagnostic> {
    let mut diagnostics = found;
    let mut machine = None;
    if let Some(root) = root {
        let lowered = ast::lower(root, definition_chars);
        diagnostics.extend(lowered.diagnostics);
        if let Some(lowered_machine) = lowered.machine {
            let graph = analysis::Graph::build(&lowered_machine);
            let variables = analysis::variables::Variables::compute(&graph, root, text, format);
            let cx = rules::Context {
                machine: &lowered_machine,
                graph: &graph,
                variables: &variables,
                root,
                text,
                format,
                options,
            };
            rules::check(&cx, &mut diagnostics);
            machine = Some(lowered_machine);
        }
    }
    options.rules.apply(&mut diagnostics);
    suppress::apply(
        text,
        format,
        machine.as_ref(),
        &options.rules,
        &mut diagnostics,
        within,
    );
    options.rules.apply(&mut diagnostics);
    diagnostics
}

/// Draws the state graph of one source (`asl-lint graph`). `Err` with the findings (sorted)
/// when the definition cannot be read as a state machine; other findings do not stop the
/// drawing.
pub fn draw_source(
    source: &SourceFile,
    format: analysis::graph::render::GraphFormat,
) -> Result<String, Vec<Diagnostic>> {
    let parsed = syntax::parse(&source.text, source.format);
    let mut diagnostics = parsed.diagnostics;
    if let Some(root) = parsed.root {
        let lowered = ast::lower(&root, definition_chars(source, &root));
        if let Some(machine) = lowered.machine {
            let graph = analysis::Graph::build(&machine);
            return Ok(analysis::graph::render::render(&graph, format));
        }
        diagnostics.extend(lowered.diagnostics);
    }
    sort_and_dedup(&mut diagnostics);
    Err(diagnostics)
}

/// The length of the definition as AWS would receive it: the JSON text as written, or for YAML
/// the compact JSON it converts to.
fn definition_chars(source: &SourceFile, root: &syntax::Node) -> usize {
    match source.format {
        syntax::Format::Json => source.text.trim().chars().count(),
        syntax::Format::Yaml => root.to_json().to_string().chars().count(),
    }
}
