//! `asl-lint explain NAME`: a rule's documentation.

use asl_lint::rules;
use asl_lint::suggest::closest;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The rule's name, as printed in brackets after the severity (e.g. `unknown-field`).
    rule: String,
}

pub fn run(args: Args) -> super::Status {
    let Some(rule) = rules::find(&args.rule) else {
        eprintln!("error: there is no rule called `{}`", args.rule);
        if let Some(close) = closest(&args.rule, rules::ALL.iter().map(|r| r.name)) {
            eprintln!("help: did you mean `{close}`?");
        }
        eprintln!("help: `asl-lint rules` lists every rule");
        return super::Status::Failure;
    };
    let text = rules::docs::page(rule);
    super::print_out(&text)
}
