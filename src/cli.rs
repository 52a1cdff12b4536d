//! The command line: clap definitions and one module per subcommand.
#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "the CLI is where output is printed"
)]

mod check;
mod completions;
mod config;
mod explain;
mod graph;
mod rules;
mod simulate;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// How the process ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// No errors (warnings do not fail the run).
    Clean = 0,
    /// At least one error was found.
    Findings = 1,
    /// The tool could not do its job: bad arguments, an unreadable file.
    Failure = 2,
}

impl From<Status> for ExitCode {
    fn from(status: Status) -> ExitCode {
        ExitCode::from(status as u8)
    }
}

/// Linter and validator for AWS Step Functions state machines (Amazon States Language).
#[derive(Debug, Parser)]
#[command(name = "asl-lint", version, about, long_about = None, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check state machine definitions (JSON or YAML) and report problems.
    Check(check::Args),
    /// Show the documentation of a rule.
    Explain(explain::Args),
    /// Draw a definition's state graph as Graphviz DOT or a Mermaid flowchart.
    Graph(graph::Args),
    /// Dry-run a state machine on an input, offline, with mocked tasks (virtual clock).
    Simulate(simulate::Args),
    /// List every rule with its severity and summary.
    Rules(rules::Args),
    /// Show the effective configuration (`--show`).
    Config(config::Args),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(completions::CompletionArgs),
    /// Print the man page (roff), e.g. `asl-lint manpage > asl-lint.1`.
    Manpage(completions::ManArgs),
}

/// Writes `text` to standard output. A closed pipe (`asl-lint rules | head`) is not an error;
/// any other write failure is.
fn print_out(text: &str) -> Status {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Status::Clean,
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Status::Clean,
        Err(err) => {
            eprintln!("error: cannot write to standard output: {err}");
            Status::Failure
        }
    }
}

pub fn run() -> Status {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return match err.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    Status::Clean
                }
                _ => Status::Failure,
            };
        }
    };
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Graph(args) => graph::run(args),
        Command::Rules(args) => rules::run(args),
        Command::Simulate(args) => simulate::run(args),
        Command::Config(args) => config::run(args),
        Command::Completions(args) => completions::completions(args),
        Command::Manpage(args) => completions::manpage(args),
    }
}
