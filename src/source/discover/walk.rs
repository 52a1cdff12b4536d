//! Walking a directory: ignore files, hidden entries, `node_modules` and `--exclude`.

use std::path::Path;

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use ignore::{DirEntry, WalkBuilder};

use super::{ExcludeError, Found, display_path};

/// The `--exclude` patterns as one gitignore file rooted at a walk root.
#[derive(Clone)]
pub(super) struct Excludes(Gitignore);

impl Excludes {
    /// Checks every pattern once, before anything is walked.
    pub(super) fn validate(patterns: &[String]) -> Result<(), ExcludeError> {
        Excludes::new(Path::new("."), patterns).map(|_| ())
    }

    pub(super) fn new(root: &Path, patterns: &[String]) -> Result<Excludes, ExcludeError> {
        let mut builder = GitignoreBuilder::new(root);
        // Git reads `a[` as a literal; on the command line it is far more likely a mistake.
        builder.allow_unclosed_class(false);
        for pattern in patterns {
            builder
                .add_line(None, pattern)
                .map_err(|err| ExcludeError {
                    pattern: pattern.clone(),
                    message: err.to_string(),
                })?;
        }
        let gitignore = builder.build().map_err(|err| ExcludeError {
            pattern: patterns.join(", "),
            message: err.to_string(),
        })?;
        Ok(Excludes(gitignore))
    }

    fn excludes(&self, entry: &DirEntry) -> bool {
        let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
        self.0.matched(entry.path(), is_dir).is_ignore()
    }
}

/// The walker every directory and glob walk uses: sorted by name, honouring ignore files even
/// outside a git repository, skipping hidden entries, `node_modules` and the excludes. The root
/// itself is never filtered.
pub(super) fn walker(
    root: &Path,
    patterns: &[String],
    max_depth: Option<usize>,
) -> Result<ignore::Walk, ExcludeError> {
    let excludes = Excludes::new(root, patterns)?;
    let walk = WalkBuilder::new(root)
        .standard_filters(true)
        .require_git(false)
        .max_depth(max_depth)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(move |entry| {
            entry.depth() == 0 || !(is_node_modules(entry) || excludes.excludes(entry))
        })
        .build();
    Ok(walk)
}

fn is_node_modules(entry: &DirEntry) -> bool {
    entry.file_name() == "node_modules" && entry.file_type().is_some_and(|t| t.is_dir())
}

/// Walks `root` and adds the JSON and YAML files under it. Errors are messages for the input.
pub(super) fn walk_dir(
    root: &Path,
    patterns: &[String],
    found: &mut Found,
) -> Result<(), Vec<String>> {
    let walk = walker(root, patterns, None).map_err(|err| vec![err.to_string()])?;
    let mut errors = Vec::new();
    for entry in walk {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                errors.push(err.to_string());
                continue;
            }
        };
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let Some(kind) = kind(entry.path()) else {
            continue;
        };
        found.push(display_path(entry.path()), kind == Kind::Generic);
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `*.asl.json`, `*.asl.yaml`, `*.asl.yml`.
    Asl,
    /// Any other `*.json`, `*.yaml`, `*.yml`.
    Generic,
}

/// Whether a file name marks a state machine, might hold one, or neither (case-insensitive).
fn kind(path: &Path) -> Option<Kind> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    let stem = [".json", ".yaml", ".yml"]
        .into_iter()
        .find_map(|ext| name.strip_suffix(ext))?;
    if stem.ends_with(".asl") {
        Some(Kind::Asl)
    } else {
        Some(Kind::Generic)
    }
}
