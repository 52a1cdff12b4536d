//! Which rules run and how severe their findings are: the result of `select`, `extend-select`,
//! `ignore`, severity overrides and `--warnings-as-errors`, from the configuration and the
//! command line.

use std::collections::{BTreeMap, BTreeSet};

use super::groups::{GROUPS, OPT_IN, group};
use crate::diagnostics::{Diagnostic, RuleMeta, Severity};

/// The resolved rule settings for one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleSettings {
    /// The rules that run; `None` means the default set (every rule except the opt-in ones).
    pub enabled: Option<BTreeSet<&'static str>>,
    /// Severity overrides by rule name.
    pub severity: BTreeMap<&'static str, Severity>,
    /// Report every warning as an error (so that it fails the run).
    pub warnings_as_errors: bool,
}

/// A name in `select`/`ignore` that is neither a rule, a group nor `all`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownSelector {
    pub name: String,
    /// A close rule or group name.
    pub suggestion: Option<&'static str>,
}

impl RuleSettings {
    /// Whether rule `name` runs.
    pub fn is_enabled(&self, name: &str) -> bool {
        match &self.enabled {
            Some(set) => set.contains(name),
            None => !OPT_IN.contains(&name),
        }
    }

    /// The rules that run, sorted.
    pub fn enabled_rules(&self) -> Vec<&'static RuleMeta> {
        super::ALL
            .iter()
            .copied()
            .filter(|r| self.is_enabled(r.name))
            .collect()
    }

    /// Drops the findings of rules that do not run and applies severity overrides and
    /// `warnings_as_errors`.
    pub fn apply(&self, diagnostics: &mut Vec<Diagnostic>) {
        diagnostics.retain(|d| self.is_enabled(d.rule.name));
        for d in diagnostics.iter_mut() {
            if let Some(severity) = self.severity.get(d.rule.name) {
                d.severity = *severity;
            }
            if self.warnings_as_errors && d.severity == Severity::Warning {
                d.severity = Severity::Error;
            }
        }
    }

    /// Applies a selection on top of these settings: `select` (when given) replaces the set,
    /// then `extend_select` adds and `ignore` removes rules. Names may be rules, groups or `all`.
    pub fn select(
        &mut self,
        select: Option<&[String]>,
        extend_select: &[String],
        ignore: &[String],
    ) -> Result<(), UnknownSelector> {
        let mut set: BTreeSet<&'static str> = match (select, &self.enabled) {
            (Some(names), _) => expand_all(names)?,
            (None, Some(set)) => set.clone(),
            (None, None) => super::ALL
                .iter()
                .map(|r| r.name)
                .filter(|n| !OPT_IN.contains(n))
                .collect(),
        };
        set.extend(expand_all(extend_select)?);
        for name in expand_all(ignore)? {
            set.remove(name);
        }
        self.enabled = Some(set);
        Ok(())
    }
}

fn expand_all(names: &[String]) -> Result<BTreeSet<&'static str>, UnknownSelector> {
    let mut out = BTreeSet::new();
    for name in names {
        out.extend(expand(name)?);
    }
    Ok(out)
}

/// The rules a selector names: a rule, a group, or `all`.
pub fn expand(name: &str) -> Result<Vec<&'static str>, UnknownSelector> {
    if name == "all" {
        return Ok(super::ALL.iter().map(|r| r.name).collect());
    }
    if let Some(rule) = super::find(name) {
        return Ok(vec![rule.name]);
    }
    if let Some(rules) = group(name) {
        return Ok(rules.to_vec());
    }
    let candidates = super::ALL
        .iter()
        .map(|r| r.name)
        .chain(GROUPS.iter().map(|(g, _)| *g))
        .chain(["all"]);
    Err(UnknownSelector {
        name: name.to_string(),
        suggestion: crate::suggest::closest(name, candidates),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn every_rule_is_in_exactly_one_group_and_groups_are_not_rule_names() {
        for rule in super::super::ALL {
            let groups: Vec<&str> = GROUPS
                .iter()
                .filter(|(_, rules)| rules.contains(&rule.name))
                .map(|(g, _)| *g)
                .collect();
            assert_eq!(groups.len(), 1, "{} is in groups {groups:?}", rule.name);
        }
        for (group, rules) in GROUPS {
            assert!(
                super::super::find(group).is_none(),
                "group {group} is also a rule"
            );
            for rule in *rules {
                assert!(
                    super::super::find(rule).is_some(),
                    "group {group} names unknown rule {rule}"
                );
            }
        }
    }

    #[test]
    fn defaults_leave_out_the_opt_in_rules() {
        let settings = RuleSettings::default();
        assert!(settings.is_enabled("unknown-field"));
        assert!(!settings.is_enabled("unresolved-placeholder"));
    }

    #[test]
    fn select_extend_and_ignore_take_rules_and_groups() {
        let mut settings = RuleSettings::default();
        settings
            .select(
                Some(&strings(&["choice"])),
                &strings(&["unknown-field"]),
                &strings(&["missing-choice-default"]),
            )
            .unwrap();
        assert!(settings.is_enabled("unreachable-choice-rule"));
        assert!(settings.is_enabled("unknown-field"));
        assert!(!settings.is_enabled("missing-choice-default"));
        assert!(!settings.is_enabled("syntax-error"));

        let mut settings = RuleSettings::default();
        settings
            .select(
                None,
                &strings(&["unresolved-placeholder"]),
                &strings(&["structure"]),
            )
            .unwrap();
        assert!(settings.is_enabled("unresolved-placeholder"));
        assert!(settings.is_enabled("syntax-error"));
        assert!(!settings.is_enabled("unknown-field"));
    }

    #[test]
    fn unknown_selectors_are_reported_with_a_suggestion() {
        let err = RuleSettings::default()
            .select(Some(&strings(&["unkown-field"])), &[], &[])
            .unwrap_err();
        assert_eq!(err.name, "unkown-field");
        assert_eq!(err.suggestion, Some("unknown-field"));
    }
}
