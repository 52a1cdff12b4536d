//! `asl-lint rules`: every rule, one per line.

use asl_lint::rules;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print the list as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> super::Status {
    if args.json {
        let list: Vec<serde_json::Value> = rules::ALL
            .iter()
            .map(|r| {
                serde_json::json!({
                    "name": r.name,
                    "severity": r.severity.as_str(),
                    "summary": r.summary,
                    "aws_code": r.aws_code,
                })
            })
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&list).unwrap_or_default()
        );
        return super::Status::Clean;
    }
    let width = rules::ALL.iter().map(|r| r.name.len()).max().unwrap_or(0);
    for rule in rules::ALL {
        println!(
            "{:width$}  {:7}  {}",
            rule.name,
            rule.severity.as_str(),
            rule.summary
        );
    }
    super::Status::Clean
}
