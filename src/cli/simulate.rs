//! `asl-lint simulate FILE --input JSON|@FILE`: dry-run a state machine offline, with mocked
//! tasks, on a virtual clock.

use std::path::{Path, PathBuf};

use asl_lint::FileReport;
use asl_lint::diagnostics::render::{self, OutputFormat, RenderOptions};
use asl_lint::simulate::{self, Mocks, Options, SimulateError, Status as RunStatus, Unmocked};
use asl_lint::source::SourceFile;
use clap::ValueEnum;
use serde_json::Value;

use super::Status;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The definition to run (JSON or YAML). It is checked first: errors stop the run.
    file: PathBuf,

    /// The execution input: JSON text, or `@FILE` to read it from a file. Default: `{}`.
    #[arg(long, value_name = "JSON|@FILE")]
    input: Option<String>,

    /// Mocked task results: Step Functions Local's mock configuration file, or the short form
    /// `{"StateName": result}` (see schemas/mocks.schema.json).
    #[arg(long, value_name = "FILE")]
    mocks: Option<PathBuf>,

    /// The test case of a Step Functions Local mock file.
    #[arg(long, value_name = "NAME")]
    test_case: Option<String>,

    /// The state machine of a Step Functions Local mock file that describes several (default:
    /// the only one, else the definition's file stem).
    #[arg(long, value_name = "NAME")]
    machine: Option<String>,

    /// JSON merged over the context object (`{"Execution": {"StartTime": "..."}}`).
    #[arg(long, value_name = "JSON")]
    context: Option<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    format: FormatArg,

    /// Stop after this many history events (AWS's limit is 25,000).
    #[arg(long, value_name = "N", default_value_t = simulate::DEFAULT_MAX_EVENTS)]
    max_events: usize,

    /// Seed for random intrinsics and retry jitter, so that runs repeat.
    #[arg(long, value_name = "N")]
    seed: Option<u64>,

    /// What a Task without a mock does: `echo` returns its input (default: stop the run).
    #[arg(long, value_enum, value_name = "MODE")]
    unmocked: Option<UnmockedArg>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    /// Each state with its data after every processing step, then the result.
    Human,
    /// `{"status", "output", "error", "cause", "events"}`.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum UnmockedArg {
    Echo,
}

/// Stack size of the simulating thread: Parallel and Map recurse once per nesting level.
const STACK_SIZE: usize = 64 << 20;

pub fn run(args: Args) -> Status {
    let handle = std::thread::Builder::new()
        .stack_size(STACK_SIZE)
        .spawn(move || run_on_thread(&args));
    match handle.map(std::thread::JoinHandle::join) {
        Ok(Ok(status)) => status,
        _ => {
            eprintln!("error: the simulation thread failed");
            Status::Failure
        }
    }
}

fn run_on_thread(args: &Args) -> Status {
    let Some(source) = read_source(&args.file) else {
        return Status::Failure;
    };
    let input = match &args.input {
        None => Value::Object(serde_json::Map::new()),
        Some(text) => match json_argument("--input", text) {
            Ok(value) => value,
            Err(()) => return Status::Failure,
        },
    };
    let context = match &args.context {
        None => None,
        Some(text) => match json_argument("--context", text) {
            Ok(value) => Some(value),
            Err(()) => return Status::Failure,
        },
    };
    let stem = args
        .file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned());
    let stem = stem.map(|s| s.trim_end_matches(".asl").to_string());
    let mocks = match &args.mocks {
        None => Mocks::default(),
        Some(path) => {
            let Some(mock_source) = read_source(path) else {
                return Status::Failure;
            };
            let selection = simulate::mocks::Selection {
                machine: args.machine.as_deref(),
                file_stem: stem.as_deref(),
                test_case: args.test_case.as_deref(),
            };
            match Mocks::load(&mock_source, &selection) {
                Ok(mocks) => mocks,
                Err(err) => {
                    eprintln!("error: {err}");
                    return Status::Failure;
                }
            }
        }
    };
    let options = Options {
        context,
        max_events: args.max_events,
        seed: args.seed,
        unmocked: match args.unmocked {
            Some(UnmockedArg::Echo) => Unmocked::Echo,
            None => Unmocked::Stop,
        },
        machine_name: args
            .machine
            .clone()
            .or(stem)
            .unwrap_or_else(|| "StateMachine".into()),
        trace: matches!(args.format, FormatArg::Human),
    };
    let execution = match simulate::simulate_source(&source, input, &mocks, &options) {
        Ok(execution) => execution,
        Err(SimulateError::Definition(diagnostics)) => {
            print_diagnostics(source, diagnostics);
            eprintln!(
                "error: `{}` has errors: AWS would not accept it, so it was not run",
                args.file.display()
            );
            return Status::Findings;
        }
        Err(SimulateError::Stopped(stopped)) => {
            eprintln!("error: {stopped}");
            return Status::Failure;
        }
    };
    let text = match args.format {
        FormatArg::Human => simulate::trace::render_human(&execution),
        FormatArg::Json => serde_json::to_string_pretty(&execution).unwrap_or_default() + "\n",
    };
    let printed = super::print_out(&text);
    if printed != Status::Clean {
        return printed;
    }
    match execution.status {
        RunStatus::Succeeded => Status::Clean,
        RunStatus::Failed | RunStatus::TimedOut => Status::Findings,
    }
}

fn read_source(path: &Path) -> Option<SourceFile> {
    match asl_lint::source::read_file(path) {
        Ok(bytes) => Some(SourceFile::from_bytes_at(
            path.display().to_string(),
            bytes,
            path,
        )),
        Err(err) => {
            eprintln!("error: cannot read `{}`: {err}", path.display());
            None
        }
    }
}

/// A JSON value given on the command line, or `@FILE` (JSON or YAML).
fn json_argument(option: &str, text: &str) -> Result<Value, ()> {
    if let Some(path) = text.strip_prefix('@') {
        let source = read_source(Path::new(path)).ok_or(())?;
        let parsed = asl_lint::syntax::parse(&source.text, source.format);
        if let (Some(root), None) = (&parsed.root, parsed.diagnostics.first()) {
            return Ok(root.to_json());
        }
        let message = parsed
            .diagnostics
            .first()
            .map_or_else(|| "empty file".to_string(), |d| d.message.clone());
        eprintln!("error: `{path}` (given to {option}) is not valid JSON: {message}");
        return Err(());
    }
    serde_json::from_str(text).map_err(|err| {
        eprintln!("error: {option} is not valid JSON ({err}); use `{option} @FILE` to read a file");
    })
}

fn print_diagnostics(source: SourceFile, diagnostics: Vec<asl_lint::diagnostics::Diagnostic>) {
    let report = FileReport {
        source,
        diagnostics,
    };
    let mut text = Vec::new();
    let options = RenderOptions { color: false };
    if render::render(
        OutputFormat::Concise,
        std::slice::from_ref(&report),
        &options,
        &mut text,
    )
    .is_ok()
    {
        eprint!("{}", String::from_utf8_lossy(&text));
    }
}
