//! The `asl-lint` command: argument parsing and the exit code. The work is in the library.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::run().into()
}
