//! The fixture harness: every file under `fixtures/` is checked, and its findings in the concise
//! format are compared with the `.out` file beside it (`bad-typo.json` -> `bad-typo.out`).
//! Run with `ASL_LINT_BLESS=1` to write the `.out` files after a deliberate change, then review
//! the diff. Under `fixtures/rules/<rule>/`, `bad-*` files must trigger `<rule>` and `ok-*` files
//! must not; every rule has at least one of each, and a snapshot of its human rendering.
//! `.toml` fixtures (under `invalid-config/`) are checked as configuration files, and the
//! fixtures of an opt-in rule run with that rule switched on.
//! A fixture whose file name contains `.express.` (`bad-sync.express.json`) is checked as an
//! Express state machine (`--type express`); all others as Standard.
//! Templates (`fixtures/templates/`, and template fixtures of the template rules) are checked
//! through the template path; the `.out` of a SAM template also holds the findings in the
//! `DefinitionUri` files it names.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use asl_lint::diagnostics::Severity;
use asl_lint::diagnostics::render::{self, OutputFormat, RenderOptions};
use asl_lint::source::SourceFile;
use asl_lint::syntax::Format;
use asl_lint::{CheckOptions, FileReport, rules};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn fixture_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![Path::new(ROOT).join("fixtures")];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).expect("fixtures directory") {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if Format::from_path(&path).is_some() || is_toml(&path) {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn relative(path: &Path) -> String {
    path.strip_prefix(ROOT)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// `.toml` fixtures are configuration files (under `fixtures/rules/invalid-config/`): they are
/// checked as configuration, and their findings rendered like any other.
fn is_toml(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "toml")
}

fn check_config(path: &Path) -> FileReport {
    let text = fs::read_to_string(path).expect("fixture is readable");
    let pyproject = path
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with("pyproject"))
        || path.to_string_lossy().contains("pyproject");
    let diagnostics = match asl_lint::config::Config::parse(path, &text, pyproject) {
        Ok(_) => Vec::new(),
        Err(err) => err.diagnostics,
    };
    FileReport {
        source: SourceFile::new(relative(path), text, Format::Json),
        diagnostics,
    }
}

fn check(path: &Path) -> FileReport {
    if is_toml(path) {
        return check_config(path);
    }
    let bytes = fs::read(path).expect("fixture is readable");
    let format = Format::from_path(path).expect("fixture has a known extension");
    let source = SourceFile::from_bytes(relative(path), bytes, format);
    let mut options = CheckOptions::default();
    // An opt-in rule's own fixtures run with the rule switched on.
    if let Some(rule) = rule_of(path).filter(|r| rules::groups::OPT_IN.contains(&r.as_str())) {
        options
            .rules
            .select(None, &[rule], &[])
            .expect("the fixture directory names a rule");
    }
    if path.to_string_lossy().contains(".express.") {
        options.machine_type = asl_lint::MachineType::Express;
    }
    let diagnostics = asl_lint::check_source(&source, &options);
    FileReport {
        source,
        diagnostics,
    }
}

/// The report on a fixture followed by the reports on the definition files it links to (a SAM
/// template's `DefinitionUri`), as `check` prints them.
fn check_with_linked(path: &Path) -> Vec<FileReport> {
    let report = check(path);
    if is_toml(path) {
        return vec![report];
    }
    let mut options = CheckOptions::default();
    if path.to_string_lossy().contains(".express.") {
        options.machine_type = asl_lint::MachineType::Express;
    }
    let linked = asl_lint::check_document(&report.source, &options, false)
        .map(|c| c.linked)
        .unwrap_or_default();
    std::iter::once(report).chain(linked).collect()
}

fn render(format: OutputFormat, report: &FileReport) -> String {
    let mut out = Vec::new();
    render::render(
        format,
        std::slice::from_ref(report),
        &RenderOptions { color: false },
        &mut out,
    )
    .expect("rendering to memory");
    String::from_utf8(out).expect("rendered output is UTF-8")
}

/// The rule directory a fixture belongs to, if it sits under `fixtures/rules/<rule>/`.
fn rule_of(path: &Path) -> Option<String> {
    let rel = path
        .strip_prefix(Path::new(ROOT).join("fixtures/rules"))
        .ok()?;
    Some(
        rel.components()
            .next()?
            .as_os_str()
            .to_string_lossy()
            .into_owned(),
    )
}

#[test]
fn fixtures_match_their_expected_output() {
    let bless = std::env::var("ASL_LINT_BLESS").is_ok_and(|v| v == "1");
    let mut failures = Vec::new();
    let mut stems = BTreeMap::new();
    for path in fixture_files() {
        let expected_path = path.with_extension("out");
        if let Some(previous) = stems.insert(expected_path.clone(), path.clone()) {
            failures.push(format!(
                "{} and {} share one .out file",
                relative(&previous),
                relative(&path)
            ));
        }
        let actual: String = check_with_linked(&path)
            .iter()
            .map(|report| render(OutputFormat::Concise, report))
            .collect();
        if bless {
            fs::write(&expected_path, &actual).expect("write .out");
            continue;
        }
        let expected = fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != actual {
            failures.push(format!(
                "{}: output differs from {}\n--- expected\n{expected}--- actual\n{actual}",
                relative(&path),
                relative(&expected_path)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n(set ASL_LINT_BLESS=1 to accept)",
        failures.join("\n")
    );
}

#[test]
fn bad_fixtures_trigger_their_rule_and_ok_fixtures_do_not() {
    let mut failures = Vec::new();
    for path in fixture_files() {
        let Some(rule) = rule_of(&path) else { continue };
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let report = check(&path);
        let fired = report.diagnostics.iter().any(|d| d.rule.name == rule);
        if name.starts_with("bad-") && !fired {
            failures.push(format!("{} does not trigger `{rule}`", relative(&path)));
        }
        if name.starts_with("ok-") && fired {
            failures.push(format!("{} triggers `{rule}`", relative(&path)));
        }
        if name.starts_with("ok-") && report.count(Severity::Error) > 0 {
            failures.push(format!(
                "{} has errors: {:?}",
                relative(&path),
                report
                    .diagnostics
                    .iter()
                    .map(|d| &d.message)
                    .collect::<Vec<_>>()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `fixtures/accepted/` holds definitions of every shape AWS accepts (rules.md): no errors.
#[test]
fn accepted_definitions_get_no_errors() {
    let accepted = Path::new(ROOT).join("fixtures/accepted");
    let mut checked = 0;
    let mut failures = Vec::new();
    for path in fixture_files().iter().filter(|p| p.starts_with(&accepted)) {
        checked += 1;
        let report = check(path);
        for d in report
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
        {
            let (line, column) = report.source.line_col(d.span.start);
            failures.push(format!(
                "{}:{line}:{column}: [{}] {}",
                relative(path),
                d.rule.name,
                d.message
            ));
        }
    }
    assert!(checked >= 4, "fixtures/accepted/ holds the accepted shapes");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_rule_has_ok_and_bad_fixtures() {
    let files = fixture_files();
    let mut missing = Vec::new();
    for rule in rules::ALL {
        let in_dir: Vec<String> = files
            .iter()
            .filter(|p| rule_of(p).as_deref() == Some(rule.name))
            .map(|p| {
                p.file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        for prefix in ["ok-", "bad-"] {
            if !in_dir.iter().any(|n| n.starts_with(prefix)) {
                missing.push(format!(
                    "fixtures/rules/{}/ has no {prefix}* fixture",
                    rule.name
                ));
            }
        }
    }
    let dirs: Vec<String> = files.iter().filter_map(|p| rule_of(p)).collect();
    for dir in dirs {
        if rules::find(&dir).is_none() {
            missing.push(format!("fixtures/rules/{dir}/ names no rule"));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// Each finding that is about a field or a state points at the line where that key or value is
/// written: the line holds the last segment of the finding's JSON pointer.
#[test]
fn findings_point_at_the_line_of_the_offending_key_or_value() {
    let mut failures = Vec::new();
    for path in fixture_files() {
        let report = check(&path);
        let text = &report.source.text;
        for d in &report.diagnostics {
            let Some(pointer) = &d.pointer else { continue };
            let Some(last) = pointer.rsplit('/').next() else {
                continue;
            };
            let last = last.replace("~1", "/").replace("~0", "~");
            if last.is_empty() || last.parse::<usize>().is_ok() {
                continue;
            }
            let (line, _) = report.source.line_col(d.span.start);
            let line_text = text.lines().nth(line - 1).unwrap_or_default();
            if !line_text.contains(&last) {
                failures.push(format!(
                    "{}:{line}: [{}] points at `{}`, which does not mention `{last}`",
                    relative(&path),
                    d.rule.name,
                    line_text.trim()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn human_rendering_snapshots() {
    insta::glob!(
        "../fixtures/rules",
        "*/bad-*.{json,yaml,yml,toml}",
        |path| {
            let report = check(path);
            let text = render(OutputFormat::Human, &report);
            insta::assert_snapshot!(text);
        }
    );
}
