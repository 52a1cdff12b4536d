//! `asl-lint rules`: every rule, one per line.

use asl_lint::rules;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Same as `--format json`.
    #[arg(long, hide = true)]
    json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// One rule per line: name, severity, summary.
    Table,
    /// A JSON array of objects with name, severity, summary, aws_code and docs.
    Json,
}

pub fn run(args: Args) -> super::Status {
    if args.json || args.format == Format::Json {
        let list: Vec<serde_json::Value> = rules::ALL
            .iter()
            .map(|r| {
                serde_json::json!({
                    "name": r.name,
                    "severity": r.severity.as_str(),
                    "summary": r.summary,
                    "aws_code": r.aws_code,
                    "docs": r.docs_text(),
                })
            })
            .collect();
        let mut text = serde_json::to_string_pretty(&list).unwrap_or_default();
        text.push('\n');
        return super::print_out(&text);
    }
    let width = rules::ALL.iter().map(|r| r.name.len()).max().unwrap_or(0);
    let mut text = String::new();
    for rule in rules::ALL {
        text.push_str(&format!(
            "{:width$}  {:7}  {}\n",
            rule.name,
            rule.severity.as_str(),
            rule.summary
        ));
    }
    super::print_out(&text)
}
