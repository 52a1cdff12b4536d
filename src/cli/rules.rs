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
