//! `cargo bench`: each stage of the pipeline (parse, lower, analyse, check, render) on the
//! shipped examples and on generated machines of 10 to 10,000 states, and the simulator on a
//! Pass/Choice counter loop (throughput = state transitions per second).
//!
//! `cargo bench -- parse` runs one group; `cargo bench -- --quick` is a fast smoke run.

#[path = "support/gen.rs"]
mod generate;

use std::hint::black_box;
use std::time::Duration;

use asl_lint::analysis::Graph;
use asl_lint::analysis::variables::Variables;
use asl_lint::diagnostics::render::{OutputFormat, RenderOptions, render};
use asl_lint::simulate::{self, Mocks, Options};
use asl_lint::source::SourceFile;
use asl_lint::syntax::{self, Format};
use asl_lint::{CheckOptions, FileReport, ast, check_source};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

const SIZES: [usize; 4] = [10, 100, 1_000, 10_000];

/// The inputs of the lint benchmarks: (name, source).
fn inputs() -> Vec<(String, SourceFile)> {
    let mut inputs = Vec::new();
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
    let mut paths: Vec<_> = std::fs::read_dir(examples)
        .expect("examples/")
        .map(|e| e.expect("entry").path())
        .collect();
    paths.sort();
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("example");
        let format = Format::from_path(&path).unwrap_or(Format::sniff(&text));
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .to_string();
        inputs.push((name.clone(), SourceFile::new(name, text, format)));
    }
    for n in SIZES {
        let value = generate::machine(n);
        let json = serde_json::to_string_pretty(&value).expect("json");
        inputs.push((
            format!("gen-{n}.json"),
            SourceFile::new("gen.json", json, Format::Json),
        ));
        let yaml = generate::to_yaml(&value);
        inputs.push((
            format!("gen-{n}.yaml"),
            SourceFile::new("gen.yaml", yaml, Format::Yaml),
        ));
    }
    inputs
}

fn bytes(source: &SourceFile) -> Throughput {
    Throughput::Bytes(source.text.len() as u64)
}

fn parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    for (name, source) in inputs() {
        group.throughput(bytes(&source));
        group.bench_function(&name, |b| {
            b.iter(|| syntax::parse(black_box(&source.text), source.format))
        });
    }
    group.finish();
}

fn lower(c: &mut Criterion) {
    let mut group = c.benchmark_group("lower");
    for (name, source) in inputs().into_iter().filter(|(n, _)| !n.ends_with(".yaml")) {
        let root = syntax::parse(&source.text, source.format)
            .root
            .expect("root");
        group.bench_function(&name, |b| {
            b.iter(|| ast::lower(black_box(&root), source.text.len()))
        });
    }
    group.finish();
}

fn analyse(c: &mut Criterion) {
    let mut group = c.benchmark_group("analyse");
    for (name, source) in inputs().into_iter().filter(|(n, _)| !n.ends_with(".yaml")) {
        let root = syntax::parse(&source.text, source.format)
            .root
            .expect("root");
        let machine = ast::lower(&root, source.text.len())
            .machine
            .expect("machine");
        group.bench_function(BenchmarkId::new("graph", &name), |b| {
            b.iter(|| Graph::build(black_box(&machine)).node_count())
        });
        let graph = Graph::build(&machine);
        group.bench_function(BenchmarkId::new("variables", &name), |b| {
            b.iter(|| {
                drop(Variables::compute(
                    &graph,
                    black_box(&root),
                    &source.text,
                    source.format,
                ))
            })
        });
    }
    group.finish();
}

fn check(c: &mut Criterion) {
    let mut group = c.benchmark_group("check");
    let options = CheckOptions::default();
    for (name, source) in inputs() {
        group.throughput(bytes(&source));
        group.bench_function(&name, |b| {
            b.iter(|| check_source(black_box(&source), &options))
        });
    }
    group.finish();
}

/// Rendering needs findings: the generated machines with a misspelt `TimeoutSecond` in every
/// Task (an `unknown-field` error with a suggestion each).
fn render_formats(c: &mut Criterion) {
    let mut group = c.benchmark_group("render");
    let options = CheckOptions::default();
    for n in SIZES {
        let json = serde_json::to_string_pretty(&generate::machine(n)).expect("json");
        let text = json.replace("\"TimeoutSeconds\"", "\"TimeoutSecond\"");
        let source = SourceFile::new("gen.json", text, Format::Json);
        let diagnostics = check_source(&source, &options);
        let reports = [FileReport {
            source,
            diagnostics,
        }];
        group.throughput(Throughput::Elements(reports[0].diagnostics.len() as u64));
        for (label, format) in [
            ("human", OutputFormat::Human),
            ("concise", OutputFormat::Concise),
            ("json", OutputFormat::Json),
        ] {
            group.bench_function(BenchmarkId::new(label, format!("gen-{n}")), |b| {
                b.iter(|| {
                    let mut out = Vec::with_capacity(1 << 16);
                    render(
                        format,
                        black_box(&reports),
                        &RenderOptions::default(),
                        &mut out,
                    )
                    .expect("render");
                    out
                })
            });
        }
    }
    group.finish();
}

fn simulate(c: &mut Criterion) {
    let mut group = c.benchmark_group("simulate");
    for iterations in [1_000, 10_000] {
        let text = generate::counter_loop(iterations).to_string();
        let root = syntax::parse(&text, Format::Json).root.expect("root");
        let machine = ast::lower(&root, text.len()).machine.expect("machine");
        let mocks = Mocks::default();
        let input = serde_json::json!({"count": 0});
        // `counter-loop`: the history only, as `--format json` runs; `counter-loop-traced`: also
        // the step-by-step trace that the human output prints.
        for (name, trace) in [("counter-loop", false), ("counter-loop-traced", true)] {
            let options = Options {
                max_events: usize::MAX,
                seed: Some(1),
                trace,
                ..Options::default()
            };
            let execution = simulate::run(&machine, input.clone(), &mocks, &options).expect("run");
            assert_eq!(execution.status, simulate::Status::Succeeded);
            assert_eq!(execution.trace.is_empty(), !trace);
            // Two transitions per iteration (Increment -> More?, More? -> Increment/Done).
            group.throughput(Throughput::Elements(2 * iterations as u64));
            group.bench_function(BenchmarkId::new(name, iterations), |b| {
                b.iter(|| simulate::run(&machine, black_box(input.clone()), &mocks, &options))
            });
        }
    }
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

criterion_group! {
    name = benches;
    config = config();
    targets = parse, lower, analyse, check, render_formats, simulate
}
criterion_main!(benches);
