//! RFC 6901 JSON pointers, built as lowering walks down the tree.

use std::fmt;

/// A JSON pointer such as `/States/Choose/Choices/0/Next`. The root is the empty string.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct Pointer(String);

impl Pointer {
    pub fn root() -> Self {
        Pointer(String::new())
    }

    /// The pointer to member `key` of the object this pointer names (`~` and `/` escaped).
    pub fn key(&self, key: &str) -> Self {
        let mut s = String::with_capacity(self.0.len() + key.len() + 1);
        s.push_str(&self.0);
        s.push('/');
        for c in key.chars() {
            match c {
                '~' => s.push_str("~0"),
                '/' => s.push_str("~1"),
                c => s.push(c),
            }
        }
        Pointer(s)
    }

    /// The pointer to item `index` of the array this pointer names.
    pub fn index(&self, index: usize) -> Self {
        Pointer(format!("{}/{index}", self.0))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            f.write_str("/")
        } else {
            f.write_str(&self.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_tilde_and_slash() {
        let p = Pointer::root().key("States").key("a/b~c").index(2);
        assert_eq!(p.as_str(), "/States/a~1b~0c/2");
    }

    #[test]
    fn root_displays_as_slash() {
        assert_eq!(Pointer::root().to_string(), "/");
        assert_eq!(Pointer::root().key("StartAt").to_string(), "/StartAt");
    }
}
