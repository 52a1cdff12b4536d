//! `--format junit`: a JUnit XML report, for CI systems that show test results. One test suite
//! per checked file; one failing test case per error or warning (infos are left out), or one
//! passing case for a file with no findings.

use std::io::{self, Write};

use super::{Range, Totals, xml::escape};
use crate::FileReport;
use crate::diagnostics::Severity;

pub(super) fn render(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    let totals = Totals::of(reports);
    let cases = |r: &FileReport| {
        let failing = r
            .diagnostics
            .iter()
            .filter(|d| d.severity != Severity::Info)
            .count();
        failing.max(1)
    };
    let tests: usize = reports.iter().map(cases).sum();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="asl-lint" tests="{tests}" failures="{}" errors="0">"#,
        totals.errors + totals.warnings
    )?;
    for report in reports {
        let name = escape(&report.source.name);
        let findings: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.severity != Severity::Info)
            .collect();
        writeln!(
            out,
            r#"  <testsuite name="{name}" tests="{}" failures="{}" errors="0">"#,
            cases(report),
            findings.len()
        )?;
        if findings.is_empty() {
            writeln!(
                out,
                r#"    <testcase name="no problems" classname="{name}"/>"#
            )?;
        }
        for d in findings {
            let r = Range::of(&report.source, d.span);
            writeln!(
                out,
                r#"    <testcase name="{}[{}] at line {}, column {}" classname="{name}">"#,
                d.severity.as_str(),
                d.rule.name,
                r.line,
                r.column
            )?;
            writeln!(
                out,
                r#"      <failure type="{}" message="{}">{}:{}:{}: {}[{}] {}</failure>"#,
                d.rule.name,
                escape(&d.message),
                name,
                r.line,
                r.column,
                d.severity.as_str(),
                d.rule.name,
                escape(&d.message)
            )?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}
