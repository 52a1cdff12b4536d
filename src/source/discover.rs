//! Which files to check: paths, directories and globs (standard input is handled by the caller).
//!
//! The rules, modelled on ruff:
//! - No paths means `.`.
//! - A path to a file is always checked, whatever its name and even when an `--exclude` matches
//!   it: the user asked for it.
//! - A directory is walked recursively ([`walk`]), honouring `.gitignore`, `.ignore` and
//!   `.git/info/exclude` (also outside a git repository), skipping hidden files and directories and
//!   any directory named `node_modules` (never wanted, and often huge). It yields `*.asl.json`,
//!   `*.asl.yaml` and `*.asl.yml` as they are, and any other `*.json`, `*.yaml` or `*.yml` with
//!   [`Candidate::must_sniff`] set.
//! - A path that does not exist but holds a glob metacharacter (`*?[{`) is expanded ([`glob`]):
//!   every file it matches is checked as if it had been named.
//! - `--exclude` patterns are gitignore lines: without a `/` they match a file or directory name at
//!   any depth; with one they are anchored to the walk root. Excluded directories are not entered.
//! - A file reached twice is listed once, at its first place.

mod glob;
#[cfg(test)]
mod tests;
mod walk;

use std::collections::HashMap;
use std::fmt;
use std::path::{Component, Path, PathBuf};

/// Settings for [`discover`].
#[derive(Debug, Clone, Default)]
pub struct DiscoverOptions {
    /// Gitignore-style globs of files and directories to leave out.
    pub excludes: Vec<String>,
}

/// One file to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub path: PathBuf,
    /// Found by walking a directory under a generic name (`*.json`): check it only if its
    /// content is a state machine.
    pub must_sniff: bool,
}

/// An input that could not be used (missing path, unreadable directory).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscoverError {
    pub input: String,
    pub message: String,
}

/// What [`discover`] found, in a stable order.
#[derive(Debug, Clone, Default)]
pub struct Discovery {
    pub files: Vec<Candidate>,
    pub errors: Vec<DiscoverError>,
}

/// An `--exclude` pattern that is not a valid glob.
#[derive(Debug, Clone)]
pub struct ExcludeError {
    pub pattern: String,
    pub message: String,
}

impl fmt::Display for ExcludeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}`: {}", self.pattern, self.message)
    }
}

/// Expands `paths` (empty means `.`) into the files to check.
pub fn discover(paths: &[PathBuf], options: &DiscoverOptions) -> Result<Discovery, ExcludeError> {
    walk::Excludes::validate(&options.excludes)?;
    let default = [PathBuf::from(".")];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    let mut found = Found::default();
    for path in paths {
        let input = path.display().to_string();
        let result = match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk::walk_dir(path, &options.excludes, &mut found),
            Ok(_) => {
                found.push(path.clone(), false);
                Ok(())
            }
            Err(err) if err.kind() == std::io::ErrorKind::NotFound && glob::is_glob(path) => {
                glob::expand(path, &options.excludes, &mut found)
            }
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                Err(vec!["no such file or directory".to_string()])
            }
            Err(err) => Err(vec![err.to_string()]),
        };
        if let Err(messages) = result {
            found
                .errors
                .extend(messages.into_iter().map(|message| DiscoverError {
                    input: input.clone(),
                    message,
                }));
        }
    }
    Ok(found.finish())
}

/// The files found so far, without repeats.
#[derive(Default)]
struct Found {
    files: Vec<Candidate>,
    errors: Vec<DiscoverError>,
    /// Index in `files` of each path, by its [`normalized`] form.
    index: HashMap<PathBuf, usize>,
}

impl Found {
    /// Adds a file unless it is already there. A file named explicitly (`must_sniff == false`)
    /// after it was found by a walk keeps its first place but is no longer sniffed.
    fn push(&mut self, path: PathBuf, must_sniff: bool) {
        let key = normalized(&path);
        if let Some(&i) = self.index.get(&key) {
            self.files[i].must_sniff &= must_sniff;
            return;
        }
        self.index.insert(key, self.files.len());
        self.files.push(Candidate { path, must_sniff });
    }

    fn finish(self) -> Discovery {
        Discovery {
            files: self.files,
            errors: self.errors,
        }
    }
}

/// `path` without `.` components, so that `./a.json` and `a.json` compare equal.
fn normalized(path: &Path) -> PathBuf {
    path.components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect()
}

/// A walked path as shown to the user: `./dir/a.json` becomes `dir/a.json`.
fn display_path(path: &Path) -> PathBuf {
    match path.strip_prefix(".") {
        Ok(rest) if !rest.as_os_str().is_empty() => rest.to_path_buf(),
        _ => path.to_path_buf(),
    }
}
