//! `--format github`: GitHub Actions workflow commands, one per finding, which GitHub shows as
//! annotations on the pull request:
//! `::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=RULE::MESSAGE`.
//! Infos are `::notice`. Values are escaped as the Actions toolkit does (`%`, CR, LF everywhere;
//! also `:` and `,` in properties).

use std::io::{self, Write};

use super::Range;
use crate::FileReport;
use crate::diagnostics::Severity;

pub(super) fn render(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    for report in reports {
        for d in &report.diagnostics {
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let r = Range::of(&report.source, d.span);
            let mut text = d.message.clone();
            if let Some(help) = &d.help {
                text.push_str("\nhelp: ");
                text.push_str(help);
            }
            writeln!(
                out,
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                property(&report.source.name),
                r.line,
                r.column,
                r.end_line,
                r.end_column,
                property(d.rule.name),
                data(&text)
            )?;
        }
    }
    Ok(())
}

fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}
