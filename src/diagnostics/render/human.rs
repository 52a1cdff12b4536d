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
//! file or past it still renders. A finding on a line longer than [`MAX_LINE`] bytes (a minified
//! definition, a CDK `DefinitionString`) shows only a window of that line around its primary
//! span, marked with `…`, at the true line and column.

use std::io::{self, Write};

use codespan_reporting::diagnostic::{Diagnostic as Snippet, Label as SnippetLabel};
use codespan_reporting::files::{Error as FilesError, Files, SimpleFile};
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
            let emitted = match Window::of(&report.source, d) {
                None => emit(
                    out,
                    color,
                    &config,
                    &file,
                    &snippet(&report.source, d, None),
                ),
                Some(window) => {
                    let snippet = snippet(&report.source, d, Some(&window));
                    emit(out, color, &config, &window, &snippet)
                }
            };
            emitted.map_err(into_io)?;
        }
    }
    Ok(())
}

fn emit<'f, F: Files<'f, FileId = ()>>(
    out: &mut dyn Write,
    color: bool,
    config: &Config,
    files: &'f F,
    snippet: &Snippet<()>,
) -> Result<(), FilesError> {
    if color {
        term::emit_to_write_style(&mut Ansi::new(out), config, files, snippet)
    } else {
        term::emit_to_io_write(out, config, files, snippet)
    }
}

/// Lines longer than this many bytes are shown as a window around the primary span.
pub const MAX_LINE: usize = 240;

/// Characters of context the window keeps on each side of the primary span.
const CONTEXT: usize = 60;

/// A window of one long line, as the only line of a file for `codespan-reporting`, which
/// reports the line's true number and true columns.
struct Window<'a> {
    name: &'a str,
    /// The window's text: `…` marks where the line was cut.
    text: String,
    line_number: usize,
    /// The part of the line shown, as byte offsets in the source.
    start: usize,
    end: usize,
    /// Bytes of the leading `…` (0 or 3).
    lead: usize,
    /// The 1-based column of the window's first character of the line.
    first_column: usize,
}

impl<'a> Window<'a> {
    /// The window for `d`, when its primary span is on a line longer than [`MAX_LINE`].
    fn of(source: &'a SourceFile, d: &Diagnostic) -> Option<Self> {
        let span = range(source, d.span);
        let line = source.line_index(span.start);
        let starts = source.line_starts();
        let line_start = starts[line];
        let line_end = starts.get(line + 1).map_or(source.text.len(), |&next| next);
        let text = source.text[line_start..line_end].trim_end_matches(['\n', '\r']);
        if text.len() <= MAX_LINE {
            return None;
        }
        let line_end = line_start + text.len();
        let back = |from: usize, chars: usize| {
            source.text[line_start..from]
                .char_indices()
                .rev()
                .nth(chars.saturating_sub(1))
                .map_or(line_start, |(i, _)| line_start + i)
        };
        let ahead = |from: usize, chars: usize| {
            source.text[from..line_end]
                .char_indices()
                .nth(chars)
                .map_or(line_end, |(i, _)| from + i)
        };
        let start = back(span.start.min(line_end), CONTEXT);
        let end = ahead(span.end.clamp(span.start, line_end).max(start), CONTEXT);
        let lead = if start > line_start { "…" } else { "" };
        let tail = if end < line_end { "…" } else { "" };
        Some(Window {
            name: &source.name,
            text: format!("{lead}{}{tail}\n", &source.text[start..end]),
            line_number: line + 1,
            start,
            end,
            lead: lead.len(),
            first_column: source.line_col(start).1,
        })
    }

    /// `span` in the window's text, when it is inside the window.
    fn place(&self, span: std::ops::Range<usize>) -> Option<std::ops::Range<usize>> {
        (span.start >= self.start && span.start <= self.end).then(|| {
            let from = span.start - self.start + self.lead;
            from..(span.end.min(self.end) - self.start + self.lead)
        })
    }
}

impl<'a> Files<'a> for Window<'_> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(&self.text)
    }

    fn line_index(&'a self, (): (), _byte_index: usize) -> Result<usize, FilesError> {
        Ok(0)
    }

    fn line_number(&'a self, (): (), _line_index: usize) -> Result<usize, FilesError> {
        Ok(self.line_number)
    }

    fn column_number(
        &'a self,
        (): (),
        _line_index: usize,
        byte_index: usize,
    ) -> Result<usize, FilesError> {
        let at = byte_index.clamp(self.lead, self.text.len());
        let chars = self
            .text
            .get(self.lead..at)
            .map_or(0, |t| t.chars().count());
        Ok(self.first_column + chars)
    }

    fn line_range(
        &'a self,
        (): (),
        line_index: usize,
    ) -> Result<std::ops::Range<usize>, FilesError> {
        match line_index {
            0 => Ok(0..self.text.len()),
            _ => Err(FilesError::LineTooLarge {
                given: line_index,
                max: 0,
            }),
        }
    }
}

/// The snippet of `d`; in a `window`, labels outside it become notes with their position.
fn snippet(source: &SourceFile, d: &Diagnostic, window: Option<&Window<'_>>) -> Snippet<()> {
    let severity = match d.severity {
        Severity::Error => codespan_reporting::diagnostic::Severity::Error,
        Severity::Warning => codespan_reporting::diagnostic::Severity::Warning,
        Severity::Info => codespan_reporting::diagnostic::Severity::Note,
    };
    let mut notes = Vec::new();
    let place = |span: Span| match window {
        None => Some(range(source, span)),
        Some(window) => window.place(range(source, span)),
    };
    let primary = SnippetLabel::primary((), place(d.span).unwrap_or(0..0))
        .with_message(d.primary_label.as_deref().unwrap_or(""));
    let mut secondary = Vec::new();
    for label in &d.labels {
        match place(label.span) {
            Some(at) => {
                secondary.push(SnippetLabel::secondary((), at).with_message(&label.message));
            }
            None => {
                let (line, column) = source.line_col(label.span.start);
                notes.push(format!(
                    "{}:{line}:{column}: {}",
                    source.name, label.message
                ));
            }
        }
    }
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
