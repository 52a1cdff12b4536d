//! `asl-lint config --show [PATH]`: the effective settings for a file or directory.

use std::path::PathBuf;

use asl_lint::config::{self, Config};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print the effective settings: the configuration file that applies, the rules that run
    /// with their severities, the type, excludes and per-file settings.
    #[arg(long)]
    show: bool,

    /// The file or directory to show the settings for (default: the current directory).
    path: Option<PathBuf>,

    /// Use this configuration file instead of searching for one.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

pub fn run(args: Args) -> super::Status {
    if !args.show {
        eprintln!("error: nothing to do; use `asl-lint config --show [PATH]`");
        return super::Status::Failure;
    }
    let path = args.path.unwrap_or_else(|| PathBuf::from("."));
    let dir = if path.is_dir() {
        path.clone()
    } else {
        path.parent()
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("."))
    };
    let file = args.config.or_else(|| config::find(&dir));
    let loaded = match file.as_deref().map(Config::load) {
        None => None,
        Some(Ok(config)) => config,
        Some(Err(err)) => {
            for d in &err.diagnostics {
                let (line, column) = err.source.line_col(d.span.start);
                eprintln!(
                    "{}:{line}:{column}: error[{}] {}",
                    err.source.name, d.rule.name, d.message
                );
            }
            return super::Status::Failure;
        }
    };
    let text = match &loaded {
        Some(config) => {
            let options = config.options_for(&path);
            config::describe(Some(config), &options.rules, options.machine_type)
        }
        None => {
            let options = asl_lint::CheckOptions::default();
            config::describe(None, &options.rules, options.machine_type)
        }
    };
    super::print_out(&text)
}
