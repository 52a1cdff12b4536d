//! Which files to check: paths, directories, globs and standard input.

use std::fmt;
use std::path::PathBuf;

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
    let _ = options;
    let mut discovery = Discovery::default();
    for path in paths {
        discovery.files.push(Candidate {
            path: path.clone(),
            must_sniff: false,
        });
    }
    Ok(discovery)
}
