//! Source files: their text, their format, and the mapping from byte offsets to lines and columns.

pub mod discover;

use std::io::Read;
use std::path::Path;

use crate::syntax::Format;

/// The largest file asl-lint reads: AWS accepts definitions of at most 1 MiB and templates of
/// at most 1 MB, so anything much larger is refused before it is read, not copied several times
/// over (bytes, text, tree).
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Reads a file of at most [`MAX_FILE_BYTES`]; a larger one is an `InvalidData` error that says
/// so, found from its length before reading (and, for a file that grows meanwhile, by reading
/// no more than one byte past the limit).
pub fn read_file(path: &Path) -> std::io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    let len = file.metadata()?.len();
    if len > MAX_FILE_BYTES {
        return Err(too_large(len));
    }
    read_limited(file, len as usize)
}

/// Reads `reader` (standard input, a file) to its end, refusing more than [`MAX_FILE_BYTES`].
pub fn read_limited(reader: impl Read, expected: usize) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(expected);
    reader.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

fn too_large(len: u64) -> std::io::Error {
    let mib = |n: u64| n as f64 / (1024.0 * 1024.0);
    let size = if len > MAX_FILE_BYTES + 1 {
        format!("{:.1} MiB", mib(len))
    } else {
        "over 16 MiB".to_string()
    };
    std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        format!(
            "the file is {size}, larger than asl-lint reads ({:.0} MiB; AWS accepts definitions of \
             at most 1 MiB)",
            mib(MAX_FILE_BYTES)
        ),
    )
}

/// One file (or standard input) as read, with a line index for rendering positions.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The name shown in output: the path as given or found, or the `--stdin-filename`.
    pub name: String,
    /// The text; invalid UTF-8 sequences are replaced by U+FFFD (see `invalid_utf8_at`).
    pub text: String,
    pub format: Format,
    /// Byte offset (in `text`) of the first invalid UTF-8 sequence of the original bytes.
    pub invalid_utf8_at: Option<usize>,
    line_starts: Vec<usize>,
    ascii: bool,
}

impl SourceFile {
    /// A source from text that is known to be valid UTF-8.
    pub fn new(name: impl Into<String>, text: impl Into<String>, format: Format) -> Self {
        let text = text.into();
        let line_starts = line_starts(&text);
        let ascii = text.is_ascii();
        SourceFile {
            name: name.into(),
            text,
            format,
            invalid_utf8_at: None,
            line_starts,
            ascii,
        }
    }

    /// A source from raw bytes whose format comes from `path`'s extension, or from the content
    /// when the extension says nothing (`.json` vs `.yaml`, else a sniff of the text).
    pub fn from_bytes_at(name: impl Into<String>, bytes: Vec<u8>, path: &Path) -> Self {
        let format = Format::from_path(path)
            .unwrap_or_else(|| Format::sniff(&String::from_utf8_lossy(&bytes)));
        SourceFile::from_bytes(name, bytes, format)
    }

    /// A source from raw bytes: invalid UTF-8 is replaced and its first position remembered.
    pub fn from_bytes(name: impl Into<String>, bytes: Vec<u8>, format: Format) -> Self {
        match String::from_utf8(bytes) {
            Ok(text) => SourceFile::new(name, text, format),
            Err(err) => {
                let valid_up_to = err.utf8_error().valid_up_to();
                let text = String::from_utf8_lossy(err.as_bytes()).into_owned();
                let mut file = SourceFile::new(name, text, format);
                file.invalid_utf8_at = Some(valid_up_to);
                file
            }
        }
    }

    /// The 1-based line and 1-based column (counted in characters) of a byte offset.
    /// Offsets past the end, or inside a character, are clamped to a valid position.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self.clamp(offset);
        let line = self.line_index(offset);
        let start = self.line_starts[line];
        let column = if self.ascii {
            offset - start
        } else {
            self.text[start..offset].chars().count()
        };
        (line + 1, column + 1)
    }

    /// The 0-based index of the line holding `offset`.
    pub fn line_index(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// Byte offsets at which each line starts (the first is 0).
    pub fn line_starts(&self) -> &[usize] {
        &self.line_starts
    }

    /// `offset` moved back to the nearest character boundary at or before it, and within the text.
    pub fn clamp(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

impl Format {
    /// The format a path's extension names: `.yaml` and `.yml` are YAML, `.json` (and `.json5`,
    /// read as JSON) is JSON; other extensions give `None`.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "yaml" | "yml" => Some(Format::Yaml),
            "json" | "json5" => Some(Format::Json),
            _ => None,
        }
    }

    /// Guesses from content: JSON when the first non-blank character opens an object or array,
    /// YAML otherwise (YAML is a superset of JSON for that case anyway).
    pub fn sniff(text: &str) -> Format {
        match text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .chars()
            .next()
        {
            Some('{') | Some('[') => Format::Json,
            _ => Format::Yaml,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let file = SourceFile::new("t", "ab\nçé x\n", Format::Json);
        assert_eq!(file.line_col(0), (1, 1));
        assert_eq!(file.line_col(3), (2, 1));
        // `x` is after two 2-byte characters and a space: byte 3 + 5, column 4.
        assert_eq!(file.line_col(8), (2, 4));
        assert_eq!(file.line_col(999), (3, 1));
    }

    #[test]
    fn invalid_utf8_is_replaced_and_located() {
        let file = SourceFile::from_bytes("t", b"{\"a\": \"\xff\"}".to_vec(), Format::Json);
        assert_eq!(file.invalid_utf8_at, Some(7));
        assert!(file.text.contains('\u{fffd}'));
    }

    #[test]
    fn offsets_inside_a_character_are_clamped() {
        let file = SourceFile::new("t", "é", Format::Json);
        assert_eq!(file.line_col(1), (1, 1));
    }
}
