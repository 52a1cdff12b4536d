//! Renderers: one module per output format, each over the same `&[FileReport]`.

use std::io::{self, Write};

use crate::FileReport;

/// The output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// rustc-style snippets with labels and help.
    Human,
    /// One line per finding: `path:line:col: severity[rule] message`.
    Concise,
    /// One JSON document, version 1.
    Json,
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
    let _ = (format, options);
    for report in reports {
        for d in &report.diagnostics {
            let (line, col) = report.source.line_col(d.span.start);
            writeln!(
                out,
                "{}:{}:{}: {}[{}] {}",
                report.source.name,
                line,
                col,
                d.severity.as_str(),
                d.rule.name,
                d.message
            )?;
        }
    }
    Ok(())
}

/// The one-line summary printed to stderr after human output.
pub fn summary(reports: &[FileReport]) -> String {
    let errors: usize = reports
        .iter()
        .map(|r| r.count(crate::diagnostics::Severity::Error))
        .sum();
    format!("{} files checked, {errors} errors", reports.len())
}
