//! Renderers: one module per output format, each over the same `&[FileReport]`.
//!
//! Every renderer turns byte spans into positions itself, through
//! [`SourceFile::line_col`](crate::source::SourceFile::line_col); nothing upstream computes lines.

mod checkstyle;
mod concise;
mod github;
mod gitlab;
mod human;
mod json;
mod junit;
mod sarif;
#[cfg(test)]
mod tests;
mod xml;

use std::io::{self, Write};

use crate::FileReport;
use crate::diagnostics::Severity;

/// The output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// rustc-style snippets with labels and help.
    Human,
    /// One line per finding: `path:line:col: severity[rule] message`.
    Concise,
    /// One JSON document, version 1.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// JUnit XML.
    Junit,
    /// Checkstyle XML.
    Checkstyle,
    /// GitLab Code Quality JSON.
    Gitlab,
}

/// Settings shared by the renderers.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    /// Use ANSI colours (human format only).
    pub color: bool,
}

/// Writes every finding of `reports` in `format`.
pub fn render(
    format: OutputFormat,
    reports: &[FileReport],
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        OutputFormat::Human => human::render(reports, options.color, out),
        OutputFormat::Concise => concise::render(reports, out),
        OutputFormat::Json => json::render(reports, out),
        OutputFormat::Sarif => sarif::render(reports, out),
        OutputFormat::Github => github::render(reports, out),
        OutputFormat::Junit => junit::render(reports, out),
        OutputFormat::Checkstyle => checkstyle::render(reports, out),
        OutputFormat::Gitlab => gitlab::render(reports, out),
    }
}

/// A span as 1-based lines and columns (columns in characters); the end is exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
struct Range {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

impl Range {
    fn of(source: &crate::source::SourceFile, span: crate::syntax::Span) -> Range {
        let (line, column) = source.line_col(span.start);
        let (end_line, end_column) = source.line_col(span.end.max(span.start));
        Range {
            line,
            column,
            end_line,
            end_column,
        }
    }
}

/// Finding counts over a set of reports.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Totals {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    /// Files with at least one finding.
    files_with_findings: usize,
}

impl Totals {
    fn of(reports: &[FileReport]) -> Totals {
        let mut totals = Totals {
            files: reports.len(),
            ..Totals::default()
        };
        for report in reports {
            totals.errors += report.count(Severity::Error);
            totals.warnings += report.count(Severity::Warning);
            totals.infos += report.count(Severity::Info);
            if !report.diagnostics.is_empty() {
                totals.files_with_findings += 1;
            }
        }
        totals
    }
}

/// The one-line summary printed to stderr after human output, for example
/// `Found 3 errors and 1 warning in 2 files (5 files checked).` or
/// `All checked: 5 files, no problems.`
pub fn summary(reports: &[FileReport]) -> String {
    let totals = Totals::of(reports);
    let checked = plural(totals.files, "file", "files");
    if totals.files_with_findings == 0 {
        return format!("All checked: {checked}, no problems.");
    }
    let counts: Vec<String> = [
        (totals.errors, "error", "errors"),
        (totals.warnings, "warning", "warnings"),
        (totals.infos, "info", "infos"),
    ]
    .into_iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, one, many)| plural(n, one, many))
    .collect();
    let found = join_and(&counts);
    let with = plural(totals.files_with_findings, "file", "files");
    format!("Found {found} in {with} ({checked} checked).")
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// `a`, `a and b`, `a, b and c`.
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
