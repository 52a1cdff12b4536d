//! `--format gitlab`: GitLab Code Quality (a JSON array of issues in the Code Climate subset
//! GitLab reads). Each issue has a description, the rule as `check_name`, a severity (`major`
//! for errors, `minor` for warnings, `info`), a location with begin and end positions, and a
//! fingerprint that stays the same while the file, rule, message and position do, so that
//! merge-request widgets can tell new findings from old ones.

use std::io::{self, Write};

use serde_json::json;

use super::Range;
use crate::FileReport;
use crate::diagnostics::Severity;

pub(super) fn render(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    let mut issues = Vec::new();
    for report in reports {
        for d in &report.diagnostics {
            let r = Range::of(&report.source, d.span);
            let severity = match d.severity {
                Severity::Error => "major",
                Severity::Warning => "minor",
                Severity::Info => "info",
            };
            let identity = format!(
                "{}\0{}\0{}\0{}\0{}",
                report.source.name, d.rule.name, d.message, r.line, r.column
            );
            issues.push(json!({
                "type": "issue",
                "description": d.message,
                "check_name": d.rule.name,
                "categories": ["Bug Risk"],
                "severity": severity,
                "fingerprint": fingerprint(&identity),
                "location": {
                    "path": report.source.name.replace('\\', "/"),
                    "positions": {
                        "begin": { "line": r.line, "column": r.column },
                        "end": { "line": r.end_line, "column": r.end_column },
                    },
                },
            }));
        }
    }
    serde_json::to_writer_pretty(&mut *out, &issues)?;
    writeln!(out)
}

/// A 128-bit FNV-1a hash of `s` as 32 hex digits: stable across runs and platforms.
fn fingerprint(s: &str) -> String {
    const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
    const PRIME: u128 = 0x0000000001000000000000000000013B;
    let hash = s
        .bytes()
        .fold(OFFSET, |h, b| (h ^ u128::from(b)).wrapping_mul(PRIME));
    format!("{hash:032x}")
}
