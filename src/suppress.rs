//! Suppression directives: `# asl-lint: ignore[rule, ...]` comments in YAML (on the line of the
//! finding, or alone on the line above it), and `asl-lint: ignore[rule, ...]` inside a state's
//! `Comment` (both languages; JSON has no comments), which covers the whole state, or inside the
//! top-level `Comment`, which covers the whole file. Directives that suppress nothing are
//! reported as `unused-suppression`.

use crate::ast::StateMachine;
use crate::diagnostics::Diagnostic;
use crate::rules::RuleSettings;
use crate::rules::meta::UNUSED_SUPPRESSION;
use crate::syntax::{Format, Span};

const MARKER: &str = "asl-lint:";

/// One directive: the rules it names, where it is written, and the byte range it covers.
#[derive(Debug)]
struct Directive {
    rules: Vec<String>,
    /// The directive text, for findings about the directive itself.
    span: Span,
    covers: Span,
}

/// Removes the findings that a directive suppresses and reports unused directives (when the
/// `unused-suppression` rule is enabled).
/// `within`: only YAML comments inside this range count (a state machine in a template: the
/// other machines' comments are not its own).
pub fn apply(
    text: &str,
    format: Format,
    machine: Option<&StateMachine>,
    settings: &RuleSettings,
    diagnostics: &mut Vec<Diagnostic>,
    within: Option<Span>,
) {
    let mut directives = Vec::new();
    if format == Format::Yaml {
        let start = within.map_or(0, |w| w.start.min(text.len()));
        let end = within.map_or(text.len(), |w| w.end.clamp(start, text.len()));
        if let Some(part) = text.get(start..end) {
            directives.extend(yaml_directives(part).into_iter().map(|mut d| {
                d.span = Span::new(d.span.start + start, d.span.end + start);
                d.covers = Span::new(d.covers.start + start, d.covers.end + start);
                d
            }));
        }
    }
    if let Some(machine) = machine {
        directives.extend(comment_directives(text, machine));
    }
    if directives.is_empty() {
        return;
    }
    let mut used: Vec<Vec<bool>> = directives
        .iter()
        .map(|d| vec![false; d.rules.len()])
        .collect();
    // A sweep over positions: the directives that cover each finding are the few still open
    // where it starts, so many findings and many directives stay n log n, not n x m.
    let mut by_start: Vec<usize> = (0..directives.len()).collect();
    by_start.sort_by_key(|&i| directives[i].covers.start);
    let mut findings: Vec<usize> = (0..diagnostics.len()).collect();
    findings.sort_by_key(|&k| diagnostics[k].span.start);
    let mut suppressed = vec![false; diagnostics.len()];
    let mut open: Vec<usize> = Vec::new();
    let mut next = 0;
    for k in findings {
        let at = diagnostics[k].span.start;
        while let Some(&i) = by_start
            .get(next)
            .filter(|&&i| directives[i].covers.start <= at)
        {
            open.push(i);
            next += 1;
        }
        open.retain(|&i| directives[i].covers.end >= at);
        for &i in &open {
            for (j, rule) in directives[i].rules.iter().enumerate() {
                if rule == diagnostics[k].rule.name {
                    used[i][j] = true;
                    suppressed[k] = true;
                }
            }
        }
    }
    let mut index = 0;
    diagnostics.retain(|_| {
        index += 1;
        !suppressed[index - 1]
    });
    if !settings.is_enabled(UNUSED_SUPPRESSION.name) {
        return;
    }
    for (i, d) in directives.iter().enumerate() {
        for (j, rule) in d.rules.iter().enumerate() {
            if used[i][j] {
                continue;
            }
            let finding = match crate::rules::find(rule) {
                None => {
                    let names = crate::rules::ALL.iter().map(|r| r.name);
                    let d = Diagnostic::new(
                        &UNUSED_SUPPRESSION,
                        d.span,
                        format!("`{rule}` in this suppression is not a rule"),
                    );
                    match crate::suggest::closest(rule, names) {
                        Some(close) => d.help(format!("did you mean `{close}`?")),
                        None => d.help("`asl-lint rules` lists every rule"),
                    }
                }
                Some(meta) if settings.is_enabled(meta.name) => Diagnostic::new(
                    &UNUSED_SUPPRESSION,
                    d.span,
                    format!("this suppression of `{rule}` suppresses nothing"),
                )
                .help("remove it"),
                // A directive for a rule that is switched off is not evidence of anything.
                Some(_) => continue,
            };
            diagnostics.push(finding);
        }
    }
}

/// The rule list of the first `asl-lint: ignore[...]` in `s`, and its byte range in `s`.
fn parse_directive(s: &str) -> Option<(Vec<String>, std::ops::Range<usize>)> {
    let start = s.find(MARKER)?;
    let rest = s[start + MARKER.len()..].trim_start();
    let rest = rest.strip_prefix("ignore")?.trim_start();
    let inner = rest.strip_prefix('[')?;
    let close = inner.find(']')?;
    let rules: Vec<String> = inner[..close]
        .split(',')
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty())
        .collect();
    let end = s.len() - inner.len() + close + 1;
    Some((rules, start..end))
}

/// Directives in YAML comments. A `#` starts a comment at the start of a line or after a blank,
/// outside quotes. A comment alone on its line covers the next line; otherwise its own line.
fn yaml_directives(text: &str) -> Vec<Directive> {
    let mut out = Vec::new();
    let lines: Vec<(usize, &str)> = line_ranges(text);
    for (i, (start, line)) in lines.iter().enumerate() {
        let Some(hash) = comment_start(line) else {
            continue;
        };
        let Some((rules, range)) = parse_directive(&line[hash..]) else {
            continue;
        };
        let span = Span::new(start + hash + range.start, start + hash + range.end);
        let alone = line[..hash].trim().is_empty();
        let covered = if alone {
            lines.get(i + 1)
        } else {
            Some(&lines[i])
        };
        let Some((cover_start, cover_line)) = covered else {
            continue;
        };
        out.push(Directive {
            rules,
            span,
            covers: Span::new(*cover_start, cover_start + cover_line.len()),
        });
    }
    out
}

fn line_ranges(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        out.push((start, line.trim_end_matches(['\n', '\r'])));
        start += line.len();
    }
    out
}

/// The byte index of the `#` that starts a comment in `line`, if any.
fn comment_start(line: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut previous = ' ';
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if (c == '"' || c == '\'')
                && (previous.is_whitespace() || ":[{,-".contains(previous)) =>
            {
                quote = Some(c)
            }
            None if c == '#' && previous.is_whitespace() => return Some(i),
            None => {}
        }
        previous = c;
    }
    None
}

/// Directives in `Comment` fields: a state's covers the state (its name included), the top
/// level's covers the file.
fn comment_directives(text: &str, machine: &StateMachine) -> Vec<Directive> {
    let mut out = Vec::new();
    if let Some(comment) = &machine.comment {
        if let Some((rules, _)) = parse_directive(&comment.value) {
            out.push(Directive {
                rules,
                span: comment.span,
                covers: Span::new(0, text.len()),
            });
        }
    }
    for (_, state) in machine.scope.all_states() {
        let Some(comment) = &state.comment else {
            continue;
        };
        let Some((rules, _)) = parse_directive(&comment.value) else {
            continue;
        };
        out.push(Directive {
            rules,
            span: comment.span,
            covers: Span::new(state.name_span.start.min(state.span.start), state.span.end),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives_name_rules_in_brackets() {
        let (rules, range) = parse_directive("x  asl-lint: ignore[a-b, c ] trailing").unwrap();
        assert_eq!(rules, ["a-b", "c"]);
        assert_eq!(
            &"x  asl-lint: ignore[a-b, c ] trailing"[range],
            "asl-lint: ignore[a-b, c ]"
        );
        assert!(parse_directive("asl-lint: ignore").is_none());
        assert!(parse_directive("nothing here").is_none());
    }

    #[test]
    fn comments_start_outside_quotes_after_a_blank() {
        assert_eq!(comment_start("a: b # c"), Some(5));
        assert_eq!(comment_start("# c"), Some(0));
        assert_eq!(comment_start("a: 'b # c'"), None);
        assert_eq!(comment_start("a: \"b # c\" # d"), Some(11));
        assert_eq!(comment_start("a: b#c"), None);
    }

    #[test]
    fn a_comment_alone_covers_the_next_line() {
        let text = "A: 1\n# asl-lint: ignore[x]\nB: 2 # asl-lint: ignore[y]\n";
        let directives = yaml_directives(text);
        assert_eq!(directives.len(), 2);
        let next = &text[directives[0].covers.start..directives[0].covers.end];
        assert_eq!(next, "B: 2 # asl-lint: ignore[y]");
        assert_eq!(directives[1].rules, ["y"]);
        assert_eq!(
            &text[directives[1].covers.start..directives[1].covers.end],
            next
        );
    }
}
