//! Expanding a glob given as a path (for shells that do not, or quoted on purpose).
//!
//! The glob is split into a literal directory prefix and the rest; the prefix is walked like any
//! directory (ignore files, hidden entries, `node_modules` and `--exclude` apply, anchored at the
//! prefix), and every file whose path matches the whole glob is taken, whatever its name, as if
//! the user had named it. `*` and `?` do not cross `/`; `**` does.

use std::path::{Path, PathBuf};

use globset::GlobBuilder;

use super::{Found, display_path, walk};

const META: [char; 4] = ['*', '?', '[', '{'];

/// Whether `path` holds a glob metacharacter.
pub(super) fn is_glob(path: &Path) -> bool {
    path.to_str().is_some_and(|s| s.contains(META))
}

/// Adds the files `pattern` matches. Errors are messages for the input.
pub(super) fn expand(
    pattern: &Path,
    excludes: &[String],
    found: &mut Found,
) -> Result<(), Vec<String>> {
    let Some(text) = pattern.to_str() else {
        return Err(vec!["the glob is not valid UTF-8".to_string()]);
    };
    let text = text.strip_prefix("./").unwrap_or(text);
    let matcher = GlobBuilder::new(text)
        .literal_separator(true)
        .build()
        .map_err(|err| vec![format!("invalid glob: {}", err.kind())])?
        .compile_matcher();
    let (root, rest) = split(text);
    if !root.is_dir() {
        return Err(vec!["no files match".to_string()]);
    }
    let max_depth = (!rest.contains("**")).then(|| rest.split('/').count());
    let walk = walk::walker(&root, excludes, max_depth).map_err(|err| vec![err.to_string()])?;
    let mut errors = Vec::new();
    let mut matched = false;
    for entry in walk {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                errors.push(err.to_string());
                continue;
            }
        };
        let path = display_path(entry.path());
        if !entry.file_type().is_some_and(|t| t.is_file()) || !matcher.is_match(&path) {
            continue;
        }
        matched = true;
        found.push(path, false);
    }
    if !matched {
        errors.push("no files match".to_string());
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// The leading components without metacharacters (the directory to walk, `.` when none) and the
/// rest of the pattern.
fn split(pattern: &str) -> (PathBuf, &str) {
    let mut literal_end = 0;
    for (i, _) in pattern.match_indices('/') {
        if pattern[..i].contains(META) {
            break;
        }
        literal_end = i;
    }
    let (root, rest) = (&pattern[..literal_end], &pattern[literal_end..]);
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    match root {
        "" if pattern.starts_with('/') => (PathBuf::from("/"), rest),
        "" => (PathBuf::from("."), rest),
        _ => (PathBuf::from(root), rest),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_the_literal_prefix() {
        assert_eq!(split("*.json"), (PathBuf::from("."), "*.json"));
        assert_eq!(split("a/b/*.json"), (PathBuf::from("a/b"), "*.json"));
        assert_eq!(split("a/*/c.json"), (PathBuf::from("a"), "*/c.json"));
        assert_eq!(split("a/**/c.json"), (PathBuf::from("a"), "**/c.json"));
        assert_eq!(split("/tmp/x/*.json"), (PathBuf::from("/tmp/x"), "*.json"));
        assert_eq!(split("/*.json"), (PathBuf::from("/"), "*.json"));
    }
}
