//! A rule's documentation page, the same text for `asl-lint explain NAME` and for the generated
//! `docs/rules/NAME.md` (kept in step by `tests/docs.rs`), and the index of all rules.

use super::groups::{GROUPS, OPT_IN};
use crate::diagnostics::RuleMeta;

/// The group a rule belongs to.
pub fn group_of(rule: &RuleMeta) -> Option<&'static str> {
    GROUPS
        .iter()
        .find(|(_, rules)| rules.contains(&rule.name))
        .map(|(g, _)| *g)
}

/// The Markdown page of `rule`.
pub fn page(rule: &RuleMeta) -> String {
    let mut out = format!("# {}\n\n{}\n\n", rule.name, capitalize(rule.summary));
    out.push_str(&format!("- Default severity: {}\n", rule.severity.as_str()));
    if let Some(group) = group_of(rule) {
        out.push_str(&format!("- Group: `{group}`\n"));
    }
    match rule.aws_code {
        Some(code) => out.push_str(&format!("- AWS reports it as: `{code}`\n")),
        None => out.push_str("- AWS reports it as: (no AWS code)\n"),
    }
    if OPT_IN.contains(&rule.name) {
        out.push_str(&format!(
            "- Off by default: enable it with `extend-select = [\"{}\"]`\n",
            rule.name
        ));
    }
    out.push('\n');
    out.push_str(&rule.docs_text());
    out
}

/// The index of every rule, by group.
pub fn index() -> String {
    let mut out = String::from(
        "# Rules\n\nGenerated from the rules' own documentation (`asl-lint explain NAME` prints the same\n\
         text); `tests/docs.rs` keeps these files in step with the code.\n",
    );
    for (group, names) in GROUPS {
        out.push_str(&format!(
            "\n## `{group}`\n\n| rule | severity | summary |\n|---|---|---|\n"
        ));
        for name in *names {
            let Some(rule) = super::find(name) else {
                continue;
            };
            let note = if OPT_IN.contains(name) {
                " (opt-in)"
            } else {
                ""
            };
            out.push_str(&format!(
                "| [`{name}`]({name}.md) | {}{note} | {} |\n",
                rule.severity.as_str(),
                rule.summary.replace('|', "\\|")
            ));
        }
    }
    out
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect::<String>() + ".",
        None => String::new(),
    }
}
