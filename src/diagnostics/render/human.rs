//! `--format human`: rustc-style snippets drawn by `codespan-reporting`.
//!
//! ```text
//! error[duplicate-key]: key `Next` appears twice in the same object
//!   ┌─ machine.asl.json:4:50
//!   │
//! 4 │     "Démarrer": { "Type": "Pass", "Next": "Fin", "Next": "Fin" },
//!   │                                   ------         ^^^^^^ defined again here
//!   │                                   │
//!   │                                   first defined here
//!   │
//!   = help: remove one of the two keys
//!   = note: AWS reports this as SCHEMA_VALIDATION_FAILED
//! ```
//!
//! `codespan-reporting` has no `info` severity: info findings are headed `note[rule]`.
//! Spans are clamped to the text and to character boundaries first, so a span at the end of the
//! file or past it still renders.

use std::io::{self, Write};

use codespan_reporting::diagnostic::{Diagnostic as Snippet, Label as SnippetLabel};
use codespan_reporting::files::{Error as FilesError, SimpleFile};
use codespan_reporting::term::{self, Config, termcolor::Ansi};

use crate::FileReport;
use crate::diagnostics::{Diagnostic, Severity};
use crate::source::SourceFile;
use crate::syntax::Span;

pub(super) fn render(reports: &[FileReport], color: bool, out: &mut dyn Write) -> io::Result<()> {
    let config = Config::default();
    for report in reports {
        let file = SimpleFile::new(report.source.name.as_str(), report.source.text.as_str());
        for d in &report.diagnostics {
            let snippet = snippet(&report.source, d);
            let emitted = if color {
                term::emit_to_write_style(&mut Ansi::new(&mut *out), &config, &file, &snippet)
            } else {
                term::emit_to_io_write(&mut *out, &config, &file, &snippet)
            };
            emitted.map_err(into_io)?;
        }
    }
    Ok(())
}

fn snippet(source: &SourceFile, d: &Diagnostic) -> Snippet<()> {
    let severity = match d.severity {
        Severity::Error => codespan_reporting::diagnostic::Severity::Error,
        Severity::Warning => codespan_reporting::diagnostic::Severity::Warning,
        Severity::Info => codespan_reporting::diagnostic::Severity::Note,
    };
    let primary = SnippetLabel::primary((), range(source, d.span))
        .with_message(d.primary_label.as_deref().unwrap_or(""));
    let secondary = d.labels.iter().map(|label| {
        SnippetLabel::secondary((), range(source, label.span)).with_message(&label.message)
    });
    let mut notes = Vec::new();
    if let Some(help) = &d.help {
        notes.push(format!("help: {help}"));
    }
    if let Some(code) = d.aws_code {
        notes.push(format!("note: AWS reports this as {code}"));
    }
    Snippet::new(severity)
        .with_code(d.rule.name)
        .with_message(&d.message)
        .with_labels_iter(std::iter::once(primary).chain(secondary))
        .with_notes(notes)
}

/// `span` as a byte range that starts and ends on character boundaries inside the text.
fn range(source: &SourceFile, span: Span) -> std::ops::Range<usize> {
    let start = source.clamp(span.start);
    let end = source.clamp(span.end).max(start);
    start..end
}

fn into_io(err: FilesError) -> io::Error {
    match err {
        FilesError::Io(err) => err,
        other => io::Error::other(other.to_string()),
    }
}
