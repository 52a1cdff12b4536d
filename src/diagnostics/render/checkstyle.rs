//! `--format checkstyle`: Checkstyle XML (version 4.3), read by many CI plugins and by
//! reviewdog. Every checked file appears, with one `error` element per finding; `source` is
//! `asl-lint.<rule>`.

use std::io::{self, Write};

use super::{Range, xml::escape};
use crate::FileReport;

pub(super) fn render(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<checkstyle version="4.3">"#)?;
    for report in reports {
        writeln!(out, r#"  <file name="{}">"#, escape(&report.source.name))?;
        for d in &report.diagnostics {
            let r = Range::of(&report.source, d.span);
            writeln!(
                out,
                r#"    <error line="{}" column="{}" severity="{}" message="{}" source="asl-lint.{}"/>"#,
                r.line,
                r.column,
                d.severity.as_str(),
                escape(&d.message),
                d.rule.name
            )?;
        }
        writeln!(out, "  </file>")?;
    }
    writeln!(out, "</checkstyle>")
}
