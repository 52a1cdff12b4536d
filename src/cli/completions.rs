//! `asl-lint completions SHELL` and `asl-lint manpage`: shell completion scripts (clap_complete)
//! and a roff man page (clap_mangen), both generated from the same command definitions.

use clap::CommandFactory;
use clap_complete::Shell;

#[derive(Debug, clap::Args)]
pub struct CompletionArgs {
    /// The shell to write completions for.
    #[arg(value_enum)]
    shell: Shell,
}

#[derive(Debug, clap::Args)]
pub struct ManArgs {}

pub fn completions(args: CompletionArgs) -> super::Status {
    let mut command = super::Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut command, "asl-lint", &mut out);
    super::print_out(&String::from_utf8_lossy(&out))
}

pub fn manpage(_args: ManArgs) -> super::Status {
    let command = super::Cli::command();
    let mut out = Vec::new();
    if let Err(err) = clap_mangen::Man::new(command).render(&mut out) {
        eprintln!("error: cannot render the man page: {err}");
        return super::Status::Failure;
    }
    super::print_out(&String::from_utf8_lossy(&out))
}
