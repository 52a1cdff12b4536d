//! `--format concise`: one line per finding, `path:line:col: severity[rule] message`.

use std::io::{self, Write};

use crate::FileReport;

pub(super) fn render(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    for report in reports {
        for d in &report.diagnostics {
            let (line, column) = report.source.line_col(d.span.start);
            writeln!(
                out,
                "{}:{line}:{column}: {}[{}] {}",
                report.source.name,
                d.severity.as_str(),
                d.rule.name,
                d.message
            )?;
        }
    }
    Ok(())
}
