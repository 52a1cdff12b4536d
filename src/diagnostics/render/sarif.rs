//! `--format sarif`: one SARIF 2.1.0 log (OASIS), for GitHub code scanning and other viewers.
//!
//! One run; the driver lists the rules that appear in the results, each with its summary, its
//! documentation as help text and its default level. Regions use 1-based lines and columns
//! counted in Unicode code points (`columnKind: unicodeCodePoints`), the same as every other
//! format; the end column is exclusive, as SARIF defines it. Secondary labels become
//! `relatedLocations`. Artifact URIs are the file names as shown elsewhere, percent-encoded.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::Range;
use crate::FileReport;
use crate::diagnostics::{RuleMeta, Severity};
use crate::source::SourceFile;
use crate::syntax::Span;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub(super) fn render(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    let mut rules: Vec<&'static RuleMeta> = Vec::new();
    let mut results = Vec::new();
    for report in reports {
        for d in &report.diagnostics {
            let index = match rules.iter().position(|r| r.name == d.rule.name) {
                Some(i) => i,
                None => {
                    rules.push(d.rule);
                    rules.len() - 1
                }
            };
            let mut result = json!({
                "ruleId": d.rule.name,
                "ruleIndex": index,
                "level": level(d.severity),
                "message": { "text": message(&d.message, d.help.as_deref()) },
                "locations": [location(&report.source, d.span, None)],
            });
            if !d.labels.is_empty() {
                result["relatedLocations"] = d
                    .labels
                    .iter()
                    .enumerate()
                    .map(|(i, l)| {
                        let mut loc = location(&report.source, l.span, Some(&l.message));
                        loc["id"] = json!(i + 1);
                        loc
                    })
                    .collect();
            }
            let mut properties = serde_json::Map::new();
            if let Some(pointer) = &d.pointer {
                properties.insert("pointer".into(), json!(pointer));
            }
            if let Some(code) = d.aws_code {
                properties.insert("awsCode".into(), json!(code));
            }
            if !properties.is_empty() {
                result["properties"] = Value::Object(properties);
            }
            results.push(result);
        }
    }
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "asl-lint",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules.iter().map(|r| rule(r)).collect::<Vec<_>>(),
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

fn rule(rule: &RuleMeta) -> Value {
    let mut descriptor = json!({
        "id": rule.name,
        "shortDescription": { "text": rule.summary },
        "fullDescription": { "text": rule.summary },
        "help": { "text": rule.docs_text(), "markdown": rule.docs_text() },
        "defaultConfiguration": { "level": level(rule.severity) },
    });
    if let Some(code) = rule.aws_code {
        descriptor["properties"] = json!({ "awsCode": code });
    }
    descriptor
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The message, with the help appended: SARIF viewers show one text.
fn message(message: &str, help: Option<&str>) -> String {
    match help {
        Some(help) => format!("{message} (help: {help})"),
        None => message.to_string(),
    }
}

fn location(source: &SourceFile, span: Span, label: Option<&str>) -> Value {
    let range = Range::of(source, span);
    let mut location = json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri(&source.name) },
            "region": {
                "startLine": range.line,
                "startColumn": range.column,
                "endLine": range.end_line,
                "endColumn": range.end_column,
            },
        },
    });
    if let Some(text) = label {
        location["message"] = json!({ "text": text });
    }
    location
}

/// A relative URI reference for a file name: `\` becomes `/`, and everything but unreserved
/// characters and `/` is percent-encoded (as UTF-8).
pub(super) fn uri(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for byte in name.replace('\\', "/").bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}
