//! `--format json`: one pretty-printed document, version 1.
//!
//! ```json
//! {
//!   "version": 1,
//!   "diagnostics": [
//!     {
//!       "file": "machine.asl.json",
//!       "line": 3, "column": 5, "end_line": 3, "end_column": 11,
//!       "severity": "error",
//!       "rule": "missing-transition-target",
//!       "message": "...",
//!       "pointer": "/States/A/Next",
//!       "aws_code": null,
//!       "help": null,
//!       "labels": [{ "line": 2, "column": 5, "end_line": 2, "end_column": 8, "message": "..." }]
//!     }
//!   ],
//!   "summary": { "files": 1, "errors": 1, "warnings": 0, "infos": 0 }
//! }
//! ```
//!
//! Lines and columns are 1-based; columns count characters (Unicode scalar values), not bytes.
//! The end is exclusive, as in LSP: `end_column` is the column just past the last character, so an
//! empty span has `end_line == line` and `end_column == column`. `pointer`, `aws_code` and `help`
//! are `null` when absent; `labels` is `[]` when there are none.

use std::io::{self, Write};

use serde::Serialize;

use super::{Range, Totals};
use crate::FileReport;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: &'a str,
    #[serde(flatten)]
    range: Range,
    severity: &'static str,
    rule: &'static str,
    message: &'a str,
    pointer: Option<&'a str>,
    aws_code: Option<&'static str>,
    help: Option<&'a str>,
    labels: Vec<JsonLabel<'a>>,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    #[serde(flatten)]
    range: Range,
    message: &'a str,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

pub(super) fn render(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    let totals = Totals::of(reports);
    let document = Document {
        version: 1,
        diagnostics: reports
            .iter()
            .flat_map(|report| report.diagnostics.iter().map(move |d| (report, d)))
            .map(|(report, d)| JsonDiagnostic {
                file: &report.source.name,
                range: Range::of(&report.source, d.span),
                severity: d.severity.as_str(),
                rule: d.rule.name,
                message: &d.message,
                pointer: d.pointer.as_deref(),
                aws_code: d.aws_code,
                help: d.help.as_deref(),
                labels: d
                    .labels
                    .iter()
                    .map(|label| JsonLabel {
                        range: Range::of(&report.source, label.span),
                        message: &label.message,
                    })
                    .collect(),
            })
            .collect(),
        summary: Summary {
            files: totals.files,
            errors: totals.errors,
            warnings: totals.warnings,
            infos: totals.infos,
        },
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}
