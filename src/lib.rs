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

/// Checks one source: parse, lower to the typed AST, run the rules. Findings come back sorted by
/// position and without repeats. Never panics on any input.
pub fn check_source(source: &SourceFile, options: &CheckOptions) -> Vec<Diagnostic> {
    let parsed = syntax::parse(&source.text, source.format);
    check_parsed(source, parsed, options)
}

/// Like [`check_source`], for files found by walking a directory: `None` when the document is not
/// a state machine (its top level is not an object with `StartAt` and `States`), so that other
/// JSON and YAML files are passed over.
pub fn check_if_state_machine(
    source: &SourceFile,
    options: &CheckOptions,
) -> Option<Vec<Diagnostic>> {
    if !(source.text.contains("StartAt") && source.text.contains("States")) {
        return None;
    }
    let parsed = syntax::parse(&source.text, source.format);
    let root = parsed.root.as_ref()?;
    if root.get("StartAt").is_none() || root.get("States").is_none() {
        return None;
    }
    Some(check_parsed(source, parsed, options))
}

fn check_parsed(
    source: &SourceFile,
    parsed: syntax::Parsed,
    options: &CheckOptions,
) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    if let Some(offset) = source.invalid_utf8_at {
        let end = source.clamp(offset + 3).max(offset);
        diagnostics.push(
            Diagnostic::new(
                &syntax::codes::INVALID_UTF8,
                Span::new(offset, end),
                "the file is not valid UTF-8: bad byte sequence here",
            )
            .help("save the file as UTF-8"),
        );
    }
    diagnostics.extend(parsed.diagnostics);
    let mut machine = None;
    if let Some(root) = parsed.root {
        let lowered = ast::lower(&root, definition_chars(source, &root));
        diagnostics.extend(lowered.diagnostics);
        if let Some(lowered_machine) = lowered.machine {
            let graph = analysis::Graph::build(&lowered_machine);
            let variables =
                analysis::variables::Variables::compute(&graph, &root, &source.text, source.format);
            let cx = rules::Context {
                machine: &lowered_machine,
                graph: &graph,
                variables: &variables,
                root: &root,
                text: &source.text,
                format: source.format,
                options,
            };
            rules::check(&cx, &mut diagnostics);
            machine = Some(lowered_machine);
        }
    }
    options.rules.apply(&mut diagnostics);
    suppress::apply(
        &source.text,
        source.format,
        machine.as_ref(),
        &options.rules,
        &mut diagnostics,
    );
    options.rules.apply(&mut diagnostics);
    sort_and_dedup(&mut diagnostics);
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
