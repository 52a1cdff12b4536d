//! `asl-lint check`: find the files, check them in parallel, render the findings.

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use asl_lint::config::{self, Config, ConfigError};
use asl_lint::diagnostics::Severity;
use asl_lint::diagnostics::render::{self, OutputFormat, RenderOptions};
use asl_lint::source::discover::{self, DiscoverOptions};
use asl_lint::source::{SourceFile, read_file};
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

    /// The state machine type, for the rules that differ between Standard and Express
    /// (default: the configuration's `type`, else standard).
    #[arg(long = "type", value_enum)]
    machine_type: Option<TypeArg>,

    /// Run only these rules or groups (comma-separated; `all` for every rule). Replaces the
    /// configuration's `select`.
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    select: Option<Vec<String>>,

    /// Also run these rules or groups (comma-separated), on top of the selection.
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    extend_select: Vec<String>,

    /// Do not run these rules or groups (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    ignore: Vec<String>,

    /// Report warnings as errors, so that they fail the run.
    #[arg(long)]
    warnings_as_errors: bool,

    /// Use this configuration file for every checked file, instead of searching for
    /// `asl-lint.toml` or `pyproject.toml` from each file upwards.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    config: Option<PathBuf>,

    /// Ignore every configuration file: defaults and command-line options only.
    #[arg(long)]
    isolated: bool,

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
    let mut configs = match Configs::new(&args) {
        Ok(configs) => configs,
        Err(status) => return status,
    };
    let mut failed = false;
    let mut reports = Vec::new();
    let reads_stdin = args.paths.iter().any(|p| p.as_os_str() == "-");
    if reads_stdin {
        let options = match configs.options_for(Path::new("."), &args) {
            Ok(options) => options,
            Err(status) => return status,
        };
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
        match check_paths(&paths, &args, &mut configs) {
            Ok((mut found, ok)) => {
                reports.append(&mut found);
                failed |= !ok;
            }
            Err(status) => return status,
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

/// The configuration files in play: one given with `--config`, none with `--isolated`, or the
/// nearest one above each checked file (loaded once per file).
struct Configs {
    fixed: Option<Option<Arc<Config>>>,
    /// The configuration that applies to the current directory: its `exclude` drives discovery.
    root: Option<Arc<Config>>,
    by_path: HashMap<PathBuf, Option<Arc<Config>>>,
}

impl Configs {
    fn new(args: &Args) -> Result<Configs, Status> {
        let fixed = if args.isolated {
            Some(None)
        } else if let Some(path) = &args.config {
            match Config::load(path) {
                Ok(Some(config)) => Some(Some(Arc::new(config))),
                Ok(None) => {
                    eprintln!("error: `{}` has no [tool.asl-lint] table", path.display());
                    return Err(Status::Failure);
                }
                Err(err) => return Err(report_config_error(&err)),
            }
        } else {
            None
        };
        let mut configs = Configs {
            fixed,
            root: None,
            by_path: HashMap::new(),
        };
        configs.root = configs.config_for_dir(Path::new("."))?;
        Ok(configs)
    }

    fn config_for_dir(&mut self, dir: &Path) -> Result<Option<Arc<Config>>, Status> {
        if let Some(fixed) = &self.fixed {
            return Ok(fixed.clone());
        }
        let Some(path) = config::find(dir) else {
            return Ok(None);
        };
        if let Some(known) = self.by_path.get(&path) {
            return Ok(known.clone());
        }
        let loaded = match Config::load(&path) {
            Ok(config) => config.map(Arc::new),
            Err(err) => return Err(report_config_error(&err)),
        };
        self.by_path.insert(path, loaded.clone());
        Ok(loaded)
    }

    /// The options for checking `file`: its configuration, then the command line on top.
    fn options_for(&mut self, file: &Path, args: &Args) -> Result<CheckOptions, Status> {
        let dir = match file.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        let mut options = match self.config_for_dir(dir)? {
            Some(config) => config.options_for(file),
            None => CheckOptions::default(),
        };
        if let Some(t) = args.machine_type {
            options.machine_type = match t {
                TypeArg::Standard => MachineType::Standard,
                TypeArg::Express => MachineType::Express,
            };
        }
        if let Err(unknown) =
            options
                .rules
                .select(args.select.as_deref(), &args.extend_select, &args.ignore)
        {
            eprintln!("error: `{}` is not a rule, a group or `all`", unknown.name);
            if let Some(close) = unknown.suggestion {
                eprintln!("help: did you mean `{close}`?");
            }
            return Err(Status::Failure);
        }
        options.rules.warnings_as_errors |= args.warnings_as_errors;
        Ok(options)
    }
}

/// Prints the findings in a configuration file (concise, to stderr); the run cannot go on.
fn report_config_error(err: &ConfigError) -> Status {
    let report = FileReport {
        source: err.source.clone(),
        diagnostics: err.diagnostics.clone(),
    };
    let mut out = Vec::new();
    let _ = render::render(
        OutputFormat::Concise,
        std::slice::from_ref(&report),
        &RenderOptions { color: false },
        &mut out,
    );
    eprint!("{}", String::from_utf8_lossy(&out));
    eprintln!(
        "error: the configuration file `{}` is invalid",
        err.source.name
    );
    Status::Failure
}

fn read_stdin(name: Option<&str>) -> std::io::Result<SourceFile> {
    let bytes = asl_lint::source::read_limited(std::io::stdin().lock(), 0)?;
    let name = name.unwrap_or("<stdin>");
    Ok(SourceFile::from_bytes_at(name, bytes, Path::new(name)))
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
    args: &Args,
    configs: &mut Configs,
) -> Result<(Vec<FileReport>, bool), Status> {
    let mut excludes = args.exclude.clone();
    if let Some(root) = &configs.root {
        excludes.extend(root.exclude.iter().cloned());
    }
    let discovery = discover::discover(paths, &DiscoverOptions { excludes }).map_err(|err| {
        eprintln!("error: invalid exclude pattern: {err}");
        Status::Failure
    })?;
    let mut ok = discovery.errors.is_empty();
    for err in &discovery.errors {
        eprintln!("error: {}: {}", err.input, err.message);
    }
    let mut jobs = Vec::with_capacity(discovery.files.len());
    for candidate in &discovery.files {
        jobs.push((candidate, configs.options_for(&candidate.path, args)?));
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .stack_size(STACK_SIZE)
        .build()
        .map_err(|err| {
            eprintln!("error: cannot start worker threads: {err}");
            Status::Failure
        })?;
    let results: Vec<Result<Vec<FileReport>, String>> = pool.install(|| {
        jobs.par_iter()
            .map(|(candidate, options)| check_file(&candidate.path, candidate.must_sniff, options))
            .collect()
    });
    let mut reports = Vec::with_capacity(results.len());
    let mut linked = Vec::new();
    for result in results {
        match result {
            Ok(found) => {
                let mut found = found.into_iter();
                reports.extend(found.next());
                linked.extend(found);
            }
            Err(message) => {
                eprintln!("error: {message}");
                ok = false;
            }
        }
    }
    Ok((prefer_linked(reports, linked), ok))
}

/// A definition file that a template names is reported as the template sees it (with its
/// substitutions and type), in place of its own check when the walk found it too.
fn prefer_linked(reports: Vec<FileReport>, linked: Vec<FileReport>) -> Vec<FileReport> {
    let key = |name: &str| std::fs::canonicalize(name).unwrap_or_else(|_| PathBuf::from(name));
    let linked_paths: std::collections::HashSet<PathBuf> =
        linked.iter().map(|r| key(&r.source.name)).collect();
    let mut out: Vec<FileReport> = reports
        .into_iter()
        .filter(|r| !linked_paths.contains(&key(&r.source.name)))
        .collect();
    out.extend(linked);
    out
}

/// The report on one file: none when a walked file is not a state machine or template; for a
/// template, also the reports on the definition files it names.
fn check_file(
    path: &Path,
    must_sniff: bool,
    options: &CheckOptions,
) -> Result<Vec<FileReport>, String> {
    let bytes =
        read_file(path).map_err(|err| format!("cannot read `{}`: {err}", path.display()))?;
    // Paths found under the implicit `.` are shown as `a/b.json`, not `./a/b.json`.
    let name = path.strip_prefix(".").unwrap_or(path).display().to_string();
    let source = SourceFile::from_bytes_at(name, bytes, path);
    let Some(checked) = asl_lint::check_document(&source, options, must_sniff) else {
        return Ok(Vec::new());
    };
    let mut reports = vec![FileReport {
        source,
        diagnostics: checked.diagnostics,
    }];
    reports.extend(checked.linked);
    Ok(reports)
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
