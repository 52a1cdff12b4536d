//! `asl-lint check`: find the files, check them in parallel, render the findings.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use asl_lint::diagnostics::Severity;
use asl_lint::diagnostics::render::{self, OutputFormat, RenderOptions};
use asl_lint::source::SourceFile;
use asl_lint::source::discover::{self, DiscoverOptions};
use asl_lint::syntax::Format;
use asl_lint::{CheckOptions, FileReport, MachineType};
use clap::ValueEnum;
use rayon::prelude::*;

use super::Status;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files, directories or globs to check; `-` reads standard input. Directories are searched
    /// recursively (honouring .gitignore) for `*.asl.json`, `*.asl.yaml`, `*.asl.yml` and any
    /// other JSON or YAML file whose top level has `StartAt` and `States`. Default: `.`.
    paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    format: FormatArg,

    /// When to use colour in human output. `auto` means when standard output is a terminal and
    /// NO_COLOR is not set.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    color: ColorArg,

    /// The state machine type, for the rules that differ between Standard and Express.
    #[arg(long = "type", value_enum, default_value_t = TypeArg::Standard)]
    machine_type: TypeArg,

    /// Leave out files and directories matching this glob when searching directories
    /// (gitignore-like: a pattern without `/` matches a name anywhere). Repeatable.
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,

    /// The file name to report for standard input (`-`); its extension also picks JSON or YAML.
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    /// rustc-style snippets with labels and help.
    Human,
    /// One line per finding: `path:line:col: severity[rule] message`.
    Concise,
    /// One JSON document (version 1).
    Json,
    /// SARIF 2.1.0 (GitHub code scanning and other SARIF viewers).
    Sarif,
    /// GitHub Actions annotations (workflow commands).
    Github,
    /// JUnit XML.
    Junit,
    /// Checkstyle XML.
    Checkstyle,
    /// GitLab Code Quality JSON.
    Gitlab,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum TypeArg {
    Standard,
    Express,
}

/// Stack size of the checking threads: lowering recurses once per nesting level of the document.
const STACK_SIZE: usize = 16 << 20;

pub fn run(args: Args) -> Status {
    let options = CheckOptions {
        machine_type: match args.machine_type {
            TypeArg::Standard => MachineType::Standard,
            TypeArg::Express => MachineType::Express,
        },
    };
    let mut failed = false;
    let mut reports = Vec::new();
    let reads_stdin = args.paths.iter().any(|p| p.as_os_str() == "-");
    if reads_stdin {
        match read_stdin(args.stdin_filename.as_deref()) {
            Ok(source) => reports.push(check_one(source, &options)),
            Err(err) => {
                eprintln!("error: cannot read standard input: {err}");
                failed = true;
            }
        }
    }
    let paths: Vec<PathBuf> = args
        .paths
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .cloned()
        .collect();
    if !(reads_stdin && paths.is_empty()) {
        match check_paths(&paths, &args.exclude, &options) {
            Ok((mut found, ok)) => {
                reports.append(&mut found);
                failed |= !ok;
            }
            Err(message) => {
                eprintln!("error: {message}");
                return Status::Failure;
            }
        }
    }
    if let Err(err) = print(&args, &reports) {
        if err.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write the report: {err}");
            return Status::Failure;
        }
    }
    if failed {
        Status::Failure
    } else if reports.iter().any(|r| r.count(Severity::Error) > 0) {
        Status::Findings
    } else {
        Status::Clean
    }
}

fn read_stdin(name: Option<&str>) -> std::io::Result<SourceFile> {
    let mut bytes = Vec::new();
    std::io::stdin().lock().read_to_end(&mut bytes)?;
    let name = name.unwrap_or("<stdin>");
    let format = Format::from_path(Path::new(name))
        .unwrap_or_else(|| Format::sniff(&String::from_utf8_lossy(&bytes)));
    Ok(SourceFile::from_bytes(name, bytes, format))
}

fn check_one(source: SourceFile, options: &CheckOptions) -> FileReport {
    let diagnostics = asl_lint::check_source(&source, options);
    FileReport {
        source,
        diagnostics,
    }
}

/// Discovers and checks the files under `paths`. Returns the reports in discovery order and
/// whether every file could be read; `Err` when discovery itself could not run.
fn check_paths(
    paths: &[PathBuf],
    excludes: &[String],
    options: &CheckOptions,
) -> Result<(Vec<FileReport>, bool), String> {
    let discovery = discover::discover(
        paths,
        &DiscoverOptions {
            excludes: excludes.to_vec(),
        },
    )
    .map_err(|err| format!("invalid --exclude pattern: {err}"))?;
    let mut ok = discovery.errors.is_empty();
    for err in &discovery.errors {
        eprintln!("error: {}: {}", err.input, err.message);
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .stack_size(STACK_SIZE)
        .build()
        .map_err(|err| format!("cannot start worker threads: {err}"))?;
    let results: Vec<Result<Option<FileReport>, String>> = pool.install(|| {
        discovery
            .files
            .par_iter()
            .map(|candidate| check_file(&candidate.path, candidate.must_sniff, options))
            .collect()
    });
    let mut reports = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(Some(report)) => reports.push(report),
            Ok(None) => {}
            Err(message) => {
                eprintln!("error: {message}");
                ok = false;
            }
        }
    }
    Ok((reports, ok))
}

fn check_file(
    path: &Path,
    must_sniff: bool,
    options: &CheckOptions,
) -> Result<Option<FileReport>, String> {
    let bytes =
        std::fs::read(path).map_err(|err| format!("cannot read `{}`: {err}", path.display()))?;
    // Paths found under the implicit `.` are shown as `a/b.json`, not `./a/b.json`.
    let name = path.strip_prefix(".").unwrap_or(path).display().to_string();
    let format =
        Format::from_path(path).unwrap_or_else(|| Format::sniff(&String::from_utf8_lossy(&bytes)));
    let source = SourceFile::from_bytes(name, bytes, format);
    if !must_sniff {
        return Ok(Some(check_one(source, options)));
    }
    Ok(
        asl_lint::check_if_state_machine(&source, options).map(|diagnostics| FileReport {
            source,
            diagnostics,
        }),
    )
}

fn print(args: &Args, reports: &[FileReport]) -> std::io::Result<()> {
    let format = match args.format {
        FormatArg::Human => OutputFormat::Human,
        FormatArg::Concise => OutputFormat::Concise,
        FormatArg::Json => OutputFormat::Json,
        FormatArg::Sarif => OutputFormat::Sarif,
        FormatArg::Github => OutputFormat::Github,
        FormatArg::Junit => OutputFormat::Junit,
        FormatArg::Checkstyle => OutputFormat::Checkstyle,
        FormatArg::Gitlab => OutputFormat::Gitlab,
    };
    let color = match args.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    render::render(format, reports, &RenderOptions { color }, &mut out)?;
    out.flush()?;
    if format == OutputFormat::Human {
        eprintln!("{}", render::summary(reports));
    }
    Ok(())
}
