//! `asl-lint graph FILE`: the state graph as Graphviz DOT or a Mermaid flowchart.

use std::path::PathBuf;

use asl_lint::FileReport;
use asl_lint::analysis::graph::render::GraphFormat;
use asl_lint::diagnostics::render::{self, OutputFormat, RenderOptions};
use asl_lint::source::SourceFile;
use clap::ValueEnum;

use super::Status;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The definition to draw (JSON or YAML).
    file: PathBuf,

    /// Output format: Graphviz DOT (`| dot -Tsvg > graph.svg`) or a Mermaid flowchart (for
    /// Markdown, `mmdc`, mermaid.live).
    #[arg(long, value_enum, default_value_t = FormatArg::Dot)]
    format: FormatArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    Dot,
    Mermaid,
}

pub fn run(args: Args) -> Status {
    let bytes = match asl_lint::source::read_file(&args.file) {
        Ok(bytes) => bytes,
        Err(err) => {
            eprintln!("error: cannot read `{}`: {err}", args.file.display());
            return Status::Failure;
        }
    };
    let source = SourceFile::from_bytes_at(args.file.display().to_string(), bytes, &args.file);
    let graph_format = match args.format {
        FormatArg::Dot => GraphFormat::Dot,
        FormatArg::Mermaid => GraphFormat::Mermaid,
    };
    match asl_lint::draw_source(&source, graph_format) {
        Ok(text) => super::print_out(&text),
        Err(diagnostics) => {
            let report = FileReport {
                source,
                diagnostics,
            };
            let mut text = Vec::new();
            let options = RenderOptions { color: false };
            let rendered = render::render(
                OutputFormat::Concise,
                std::slice::from_ref(&report),
                &options,
                &mut text,
            );
            if rendered.is_ok() {
                eprint!("{}", String::from_utf8_lossy(&text));
            }
            eprintln!(
                "error: `{}` is not a state machine that can be drawn",
                args.file.display()
            );
            Status::Findings
        }
    }
}
