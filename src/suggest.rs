//! "Did you mean" suggestions for misspelt field names and values.
//!
//! Each suggestion compares a word with every candidate, and a file may hold as many misspelt
//! words as candidates, so the comparisons a file may spend are bounded: at most
//! [`MAX_CANDIDATES`] per suggestion and [`BUDGET_PER_FILE`] in all ([`with_budget`], which
//! `check_document` wraps around each file). Past either, no suggestion is made: the findings
//! stay, only their "did you mean" goes.

use std::cell::Cell;

/// The most candidates a suggestion looks at: past it (a definition with thousands of states or
/// variables) no suggestion is made, so that a file with as many misspellings as names stays
/// linear, not quadratic, in its size.
pub const MAX_CANDIDATES: usize = 2_000;

/// The most candidate comparisons the suggestions for one file may make.
pub const BUDGET_PER_FILE: usize = 1_000_000;

thread_local! {
    /// Comparisons left for the file being checked on this thread (unbounded outside
    /// [`with_budget`]).
    static BUDGET: Cell<usize> = const { Cell::new(usize::MAX) };
}

/// Runs `check` (one file's check) with a fresh budget of [`BUDGET_PER_FILE`] comparisons.
pub fn with_budget<T>(check: impl FnOnce() -> T) -> T {
    let outer = BUDGET.replace(BUDGET_PER_FILE);
    let result = check();
    BUDGET.set(outer);
    result
}

/// Takes `n` comparisons from the budget; `false` (and the budget spent) when fewer are left.
fn spend(n: usize) -> bool {
    let left = BUDGET.get();
    BUDGET.set(left.saturating_sub(n));
    left >= n
}

/// Words longer than this many characters are not compared (no field or state name a typo is
/// likely in is that long).
const MAX_CHARS: usize = 64;

/// The candidate closest to `word`, if it is close enough to be a likely typo: the same letters
/// in another case, or within an edit distance of about a third of the word's length. `None`
/// when there are more than [`MAX_CANDIDATES`] candidates.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    if BUDGET.get() == 0 {
        return None;
    }
    let mut all = Vec::new();
    for candidate in candidates {
        if all.len() == MAX_CANDIDATES {
            return None;
        }
        all.push(candidate);
    }
    if !spend(all.len()) {
        return None;
    }
    let word_chars = Lowered::new(word)?;
    let limit = (word_chars.len / 3).clamp(1, 4);
    let mut best: Option<(usize, &str)> = None;
    for candidate in all {
        if candidate == word {
            continue;
        }
        let Some(other) = Lowered::new(candidate) else {
            continue;
        };
        // The distance is at least the difference in length.
        if word_chars.len.abs_diff(other.len) > limit {
            continue;
        }
        let distance = edit_distance(&word_chars, &other);
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// A word's characters in lower case, without allocating; `None` past [`MAX_CHARS`].
struct Lowered {
    chars: [char; MAX_CHARS],
    len: usize,
}

impl Lowered {
    fn new(word: &str) -> Option<Self> {
        let mut lowered = Lowered {
            chars: ['\0'; MAX_CHARS],
            len: 0,
        };
        for c in word.chars().flat_map(char::to_lowercase) {
            *lowered.chars.get_mut(lowered.len)? = c;
            lowered.len += 1;
        }
        Some(lowered)
    }

    fn chars(&self) -> &[char] {
        &self.chars[..self.len]
    }
}

/// Optimal string alignment distance (Levenshtein plus adjacent transpositions), by characters,
/// with three rows on the stack.
fn edit_distance(a: &Lowered, b: &Lowered) -> usize {
    let (a, b) = (a.chars(), b.chars());
    let mut before = [0usize; MAX_CHARS + 1];
    let mut previous: [usize; MAX_CHARS + 1] = std::array::from_fn(|j| j);
    let mut current = [0usize; MAX_CHARS + 1];
    for i in 1..=a.len() {
        current[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(before[j - 2] + 1);
            }
            current[j] = v;
        }
        before = previous;
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIELDS: &[&str] = &["Next", "End", "Resource", "ResultPath", "TimeoutSeconds"];

    #[test]
    fn finds_typos_and_case_mistakes() {
        assert_eq!(closest("Nxet", FIELDS.iter().copied()), Some("Next"));
        assert_eq!(closest("next", FIELDS.iter().copied()), Some("Next"));
        assert_eq!(closest("Resorce", FIELDS.iter().copied()), Some("Resource"));
        assert_eq!(
            closest("TimeoutSecond", FIELDS.iter().copied()),
            Some("TimeoutSeconds")
        );
    }

    #[test]
    fn distances() {
        let d =
            |a: &str, b: &str| edit_distance(&Lowered::new(a).unwrap(), &Lowered::new(b).unwrap());
        assert_eq!(d("kitten", "sitting"), 3);
        assert_eq!(d("ab", "ba"), 1);
        assert_eq!(d("", "abc"), 3);
        assert_eq!(d("Next", "next"), 0);
        assert_eq!(d("états", "etats"), 1);
    }

    #[test]
    fn many_candidates_make_no_suggestion() {
        let names: Vec<String> = (0..=MAX_CANDIDATES).map(|i| format!("b{i}")).collect();
        assert_eq!(closest("b", names.iter().map(String::as_str)), None);
        assert_eq!(
            closest("b", names[..10].iter().map(String::as_str)),
            Some("b0")
        );
    }

    #[test]
    fn a_file_spends_a_bounded_number_of_comparisons() {
        let names: Vec<String> = (0..1000).map(|i| format!("b{i}")).collect();
        let calls = BUDGET_PER_FILE / names.len();
        with_budget(|| {
            for _ in 0..calls {
                assert_eq!(closest("b1x", names.iter().map(String::as_str)), Some("b1"));
            }
            assert_eq!(closest("b1x", names.iter().map(String::as_str)), None);
        });
        // A new file gets a new budget, and outside a file there is none.
        with_budget(|| assert!(closest("b1x", names.iter().map(String::as_str)).is_some()));
        assert!(closest("b1x", names.iter().map(String::as_str)).is_some());
    }

    #[test]
    fn stays_quiet_when_nothing_is_close() {
        assert_eq!(closest("Banana", FIELDS.iter().copied()), None);
        assert_eq!(closest("X", FIELDS.iter().copied()), None);
    }
}
