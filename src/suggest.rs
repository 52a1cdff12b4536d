//! "Did you mean" suggestions for misspelt field names and values.

/// The candidate closest to `word`, if it is close enough to be a likely typo: the same letters
/// in another case, or within an edit distance of about a third of the word's length.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).clamp(1, 4);
    let lower = word.to_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        if candidate == word {
            continue;
        }
        let distance = if candidate.to_lowercase() == lower {
            0
        } else {
            edit_distance(&lower, &candidate.to_lowercase())
        };
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// Optimal string alignment distance (Levenshtein plus adjacent transpositions), by characters.
/// Inputs longer than 64 characters are not compared (no field name is that long).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len() > 64 || b.len() > 64 {
        return usize::MAX;
    }
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for (i, row) in d.chunks_mut(width).enumerate() {
        row[0] = i;
    }
    for (j, cell) in d.iter_mut().take(width).enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = v;
        }
    }
    d[a.len() * width + b.len()]
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
    fn stays_quiet_when_nothing_is_close() {
        assert_eq!(closest("Banana", FIELDS.iter().copied()), None);
        assert_eq!(closest("X", FIELDS.iter().copied()), None);
    }
}
