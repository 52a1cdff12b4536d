//! Configuration: `asl-lint.toml` (or `.asl-lint.toml`, or `[tool.asl-lint]` in
//! `pyproject.toml`), found by walking up from each checked file.
//!
//! ```toml
//! select = ["all"]                      # rules or groups; default: every rule not opt-in
//! extend-select = ["unresolved-placeholder"]
//! ignore = ["missing-choice-default"]
//! warnings-as-errors = false
//! type = "standard"                     # or "express": the default state machine type
//! placeholders = "allow"                # or "deny": ${...} placeholders are errors
//! exclude = ["cdk.out", "vendor/**"]    # left out when searching directories
//!
//! [severity]                            # per-rule severity: "error", "warning" or "info"
//! missing-choice-default = "error"
//!
//! [per-file-ignores]                    # globs relative to the configuration file
//! "legacy/**" = ["deprecated-field"]
//!
//! [types]                               # the state machine type per glob
//! "express/**" = "express"
//! ```
//!
//! Every problem (TOML syntax, unknown keys, wrong types, unknown rule or group names) is an
//! `invalid-config` finding with its position in the configuration file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobMatcher};
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostics::{Diagnostic, Severity};
use crate::rules::RuleSettings;
use crate::rules::meta::INVALID_CONFIG;
use crate::rules::selection::expand;
use crate::source::SourceFile;
use crate::syntax::{Format, Span};
use crate::{CheckOptions, MachineType};

/// The names looked for in each directory, in order.
pub const FILE_NAMES: &[&str] = &["asl-lint.toml", ".asl-lint.toml", "pyproject.toml"];

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    select: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    extend_select: Vec<Spanned<String>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    warnings_as_errors: Option<bool>,
    #[serde(rename = "type")]
    machine_type: Option<TypeName>,
    placeholders: Option<Placeholders>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<Spanned<String>, SeverityName>,
    #[serde(default)]
    per_file_ignores: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
    #[serde(default)]
    types: BTreeMap<Spanned<String>, TypeName>,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum TypeName {
    Standard,
    Express,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum SeverityName {
    Error,
    Warning,
    Info,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum Placeholders {
    Allow,
    Deny,
}

#[derive(Debug, Deserialize)]
struct Pyproject {
    tool: Option<PyprojectTool>,
}

#[derive(Debug, Deserialize)]
struct PyprojectTool {
    #[serde(rename = "asl-lint")]
    asl_lint: Option<Raw>,
}

/// A loaded, checked configuration file.
#[derive(Debug)]
pub struct Config {
    /// The file it came from.
    pub path: PathBuf,
    /// The directory globs are relative to.
    pub dir: PathBuf,
    /// The rule settings for files without a per-file ignore.
    pub rules: RuleSettings,
    pub machine_type: MachineType,
    /// Gitignore-style patterns for discovery.
    pub exclude: Vec<String>,
    per_file_ignores: Vec<(String, GlobMatcher, Vec<&'static str>)>,
    types: Vec<(String, GlobMatcher, MachineType)>,
}

/// Why a configuration could not be used: the file (for rendering) and its findings.
#[derive(Debug)]
pub struct ConfigError {
    pub source: SourceFile,
    pub diagnostics: Vec<Diagnostic>,
}

impl Config {
    /// Reads and checks `path`. `Ok(None)` for a `pyproject.toml` without `[tool.asl-lint]`.
    pub fn load(path: &Path) -> Result<Option<Config>, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|err| ConfigError {
            source: SourceFile::new(display_name(path), "", Format::Json),
            diagnostics: vec![Diagnostic::new(
                &INVALID_CONFIG,
                Span::at(0),
                format!("cannot read the configuration file: {err}"),
            )],
        })?;
        let pyproject = path.file_name().is_some_and(|n| n == "pyproject.toml");
        Config::parse(path, &text, pyproject)
    }

    /// Checks the text of a configuration file found at `path`.
    pub fn parse(path: &Path, text: &str, pyproject: bool) -> Result<Option<Config>, ConfigError> {
        let source = || SourceFile::new(display_name(path), text, Format::Json);
        let raw = if pyproject {
            match toml::from_str::<Pyproject>(text) {
                Ok(p) => match p.tool.and_then(|t| t.asl_lint) {
                    Some(raw) => raw,
                    None => return Ok(None),
                },
                Err(err) => return Err(toml_error(source(), &err)),
            }
        } else {
            toml::from_str::<Raw>(text).map_err(|err| toml_error(source(), &err))?
        };
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let mut problems = Vec::new();
        let config = Config::from_raw(path, dir, raw, &mut problems);
        crate::diagnostics::sort_and_dedup(&mut problems);
        if problems.is_empty() {
            Ok(Some(config))
        } else {
            Err(ConfigError {
                source: source(),
                diagnostics: problems,
            })
        }
    }

    fn from_raw(path: &Path, dir: PathBuf, raw: Raw, problems: &mut Vec<Diagnostic>) -> Config {
        let names = |list: &[Spanned<String>], problems: &mut Vec<Diagnostic>| -> Vec<String> {
            list.iter()
                .filter(|s| known(s, problems))
                .map(|s| s.get_ref().clone())
                .collect()
        };
        let select = raw.select.as_ref().map(|s| names(s.get_ref(), problems));
        let extend = names(&raw.extend_select, problems);
        let ignore = names(&raw.ignore, problems);
        let mut rules = RuleSettings::default();
        let mut extend = extend;
        if raw.placeholders == Some(Placeholders::Deny) {
            extend.push("unresolved-placeholder".to_string());
        }
        // Every name was checked above, so the selection cannot fail.
        let _ = rules.select(select.as_deref(), &extend, &ignore);
        rules.warnings_as_errors = raw.warnings_as_errors.unwrap_or(false);
        for (name, severity) in &raw.severity {
            if let Some(rule) = rule_name(name, problems) {
                rules.severity.insert(
                    rule,
                    match severity {
                        SeverityName::Error => Severity::Error,
                        SeverityName::Warning => Severity::Warning,
                        SeverityName::Info => Severity::Info,
                    },
                );
            }
        }
        let per_file_ignores = raw
            .per_file_ignores
            .iter()
            .filter_map(|(glob, list)| {
                let matcher = matcher(glob, problems)?;
                let rules = list
                    .iter()
                    .filter(|s| known(s, problems))
                    .flat_map(|s| expand(s.get_ref()).unwrap_or_default())
                    .collect();
                Some((glob.get_ref().clone(), matcher, rules))
            })
            .collect();
        let types = raw
            .types
            .iter()
            .filter_map(|(glob, t)| {
                Some((
                    glob.get_ref().clone(),
                    matcher(glob, problems)?,
                    machine_type(*t),
                ))
            })
            .collect();
        Config {
            path: path.to_path_buf(),
            dir,
            rules,
            machine_type: raw.machine_type.map(machine_type).unwrap_or_default(),
            exclude: raw.exclude.iter().map(|s| s.get_ref().clone()).collect(),
            per_file_ignores,
            types,
        }
    }

    /// The options for checking `file` (a path as found; made relative to this file's
    /// directory for the globs).
    pub fn options_for(&self, file: &Path) -> CheckOptions {
        let relative = relative_to(file, &self.dir);
        let mut rules = self.rules.clone();
        let ignored: Vec<String> = self
            .per_file_ignores
            .iter()
            .filter(|(_, m, _)| m.is_match(&relative))
            .flat_map(|(_, _, r)| r.iter().map(|s| s.to_string()))
            .collect();
        if !ignored.is_empty() {
            let _ = rules.select(None, &[], &ignored);
        }
        let machine_type = self
            .types
            .iter()
            .rev()
            .find(|(_, m, _)| m.is_match(&relative))
            .map_or(self.machine_type, |(_, _, t)| *t);
        CheckOptions {
            machine_type,
            rules,
        }
    }

    /// A description of the effective settings, for `asl-lint config --show`.
    pub fn show(&self) -> String {
        describe(Some(self), &self.rules, self.machine_type)
    }
}

/// The effective settings as TOML-like text: where they come from, the rules that run, and the
/// overrides.
pub fn describe(
    config: Option<&Config>,
    rules: &RuleSettings,
    machine_type: MachineType,
) -> String {
    let mut out = String::new();
    match config {
        Some(c) => out.push_str(&format!("# from {}\n", display_name(&c.path))),
        None => out.push_str("# no configuration file: defaults\n"),
    }
    let type_name = match machine_type {
        MachineType::Standard => "standard",
        MachineType::Express => "express",
    };
    out.push_str(&format!("type = \"{type_name}\"\n"));
    out.push_str(&format!(
        "warnings-as-errors = {}\n",
        rules.warnings_as_errors
    ));
    if let Some(c) = config {
        out.push_str(&format!("exclude = {:?}\n", c.exclude));
    }
    out.push_str("enabled = [\n");
    for rule in rules.enabled_rules() {
        let severity = rules
            .severity
            .get(rule.name)
            .copied()
            .unwrap_or(rule.severity);
        out.push_str(&format!(
            "    \"{}\",  # {}\n",
            rule.name,
            severity.as_str()
        ));
    }
    out.push_str("]\n");
    if let Some(c) = config {
        if !c.per_file_ignores.is_empty() {
            out.push_str("\n[per-file-ignores]\n");
            for (glob, _, rules) in &c.per_file_ignores {
                out.push_str(&format!("{glob:?} = {rules:?}\n"));
            }
        }
        if !c.types.is_empty() {
            out.push_str("\n[types]\n");
            for (glob, _, t) in &c.types {
                let t = if *t == MachineType::Express {
                    "express"
                } else {
                    "standard"
                };
                out.push_str(&format!("{glob:?} = \"{t}\"\n"));
            }
        }
    }
    out
}

/// The nearest configuration file at or above `dir`: the first of [`FILE_NAMES`] in a directory
/// (a `pyproject.toml` counts only with a `[tool.asl-lint]` table).
pub fn find(dir: &Path) -> Option<PathBuf> {
    let start = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    for ancestor in start.ancestors() {
        for name in FILE_NAMES {
            let candidate = ancestor.join(name);
            if !candidate.is_file() {
                continue;
            }
            if *name == "pyproject.toml" {
                let has_table =
                    std::fs::read_to_string(&candidate).is_ok_and(|t| t.contains("[tool.asl-lint"));
                if !has_table {
                    continue;
                }
            }
            return Some(candidate);
        }
    }
    None
}

fn machine_type(t: TypeName) -> MachineType {
    match t {
        TypeName::Standard => MachineType::Standard,
        TypeName::Express => MachineType::Express,
    }
}

fn span_of<T>(s: &Spanned<T>) -> Span {
    let r = s.span();
    Span::new(r.start, r.end)
}

/// Whether a selector names a rule, a group or `all`; reports it otherwise.
fn known(s: &Spanned<String>, problems: &mut Vec<Diagnostic>) -> bool {
    match expand(s.get_ref()) {
        Ok(_) => true,
        Err(unknown) => {
            let mut d = Diagnostic::new(
                &INVALID_CONFIG,
                span_of(s),
                format!("`{}` is not a rule, a group or `all`", unknown.name),
            );
            d = match unknown.suggestion {
                Some(close) => d.help(format!("did you mean `{close}`?")),
                None => d.help("`asl-lint rules` lists every rule"),
            };
            problems.push(d);
            false
        }
    }
}

/// The rule a `[severity]` key names (groups are not allowed there).
fn rule_name(s: &Spanned<String>, problems: &mut Vec<Diagnostic>) -> Option<&'static str> {
    if let Some(rule) = crate::rules::find(s.get_ref()) {
        return Some(rule.name);
    }
    let names = crate::rules::ALL.iter().map(|r| r.name);
    let d = Diagnostic::new(
        &INVALID_CONFIG,
        span_of(s),
        format!("`{}` is not a rule", s.get_ref()),
    );
    problems.push(match crate::suggest::closest(s.get_ref(), names) {
        Some(close) => d.help(format!("did you mean `{close}`?")),
        None => d.help("severities are set per rule; `asl-lint rules` lists them"),
    });
    None
}

fn matcher(glob: &Spanned<String>, problems: &mut Vec<Diagnostic>) -> Option<GlobMatcher> {
    match Glob::new(glob.get_ref()) {
        Ok(g) => Some(g.compile_matcher()),
        Err(err) => {
            problems.push(Diagnostic::new(
                &INVALID_CONFIG,
                span_of(glob),
                format!("`{}` is not a valid glob: {}", glob.get_ref(), err.kind()),
            ));
            None
        }
    }
}

fn toml_error(source: SourceFile, err: &toml::de::Error) -> ConfigError {
    let span = err
        .span()
        .map_or(Span::at(0), |r| Span::new(r.start, r.end));
    let message = err.message().trim().to_string();
    ConfigError {
        source,
        diagnostics: vec![Diagnostic::new(&INVALID_CONFIG, span, message)],
    }
}

/// The path as shown in findings: relative to the current directory when it is under it.
fn display_name(path: &Path) -> String {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
        .display()
        .to_string()
}

/// `file` relative to `dir` when it is under it (both made absolute), else as given.
fn relative_to(file: &Path, dir: &Path) -> PathBuf {
    let file_abs = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
    let dir_abs = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    file_abs
        .strip_prefix(&dir_abs)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| file.to_path_buf())
}

#[cfg(test)]
mod tests;
