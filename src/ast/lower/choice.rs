//! Choice states and their rules (rules.md 5.6).

use super::super::codes::{CONFLICTING_FIELDS, MISSING_FIELD, QUERY_LANGUAGE_MISMATCH};
use super::super::fields::{self, NESTED_RULE, Set, TOP_RULE, Ty};
use super::super::schema::{check_object, check_value, either_of, not_an_object};
use super::super::{Choice, ChoiceRule, ChoiceRuleKind, Dyn, Operator, Pointer, QueryLanguage};
use super::{Checked, Lowerer, dyn_of, field, node_field, opening, string};
use crate::diagnostics::Diagnostic;
use crate::syntax::{Member, Node};

const COMBINATORS: &[&str] = &["And", "Or", "Not"];

fn operator(name: &str) -> Option<&'static (Operator, Ty)> {
    fields::OPERATORS.iter().find(|(op, _)| op.name == name)
}

/// Where a rule sits, for messages: its label (`Choices[0].And[1]`) and its state.
struct RulePlace<'a> {
    label: String,
    state: &'a str,
    depth: Set,
    lang: QueryLanguage,
}

impl RulePlace<'_> {
    fn what(&self) -> String {
        format!("choice rule `{}` of {}", self.label, self.state)
    }
}

impl Lowerer {
    pub(super) fn choice(
        &mut self,
        c: &Checked<'_>,
        p: &Pointer,
        what: &str,
        lang: QueryLanguage,
    ) -> Choice {
        let mut choice = Choice {
            choices: Vec::new(),
            default: string(c, "Default", p),
        };
        let Some(member) = c.get("Choices") else {
            return choice;
        };
        let base = p.key("Choices");
        for (i, item) in member
            .value
            .as_array()
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let place = RulePlace {
                label: format!("Choices[{i}]"),
                state: what,
                depth: TOP_RULE,
                lang,
            };
            choice.choices.push(self.rule(item, &base.index(i), &place));
        }
        choice
    }

    fn rule(&mut self, node: &Node, pointer: &Pointer, place: &RulePlace<'_>) -> ChoiceRule {
        let what = place.what();
        let mut rule = ChoiceRule {
            span: node.span,
            pointer: pointer.clone(),
            kind: ChoiceRuleKind::Invalid,
            next: None,
            comment: None,
            assign: None,
            output: None,
        };
        if let Some(d) = not_an_object(node, pointer, &what) {
            self.out.push(d);
            return rule;
        }
        let phrase = if place.depth == TOP_RULE {
            "a top-level choice rule"
        } else {
            "a choice rule nested in `And`, `Or` or `Not`"
        };
        let mut ocx = self.object_cx(
            node,
            pointer,
            &what,
            opening(node),
            place.depth,
            Some((phrase, rule_depth_phrase)),
        );
        ocx.lang = place.lang;
        let checked = check_object(
            &ocx,
            fields::CHOICE_RULE,
            fields::NO_GROUPS,
            &|n| operator(n).is_some(),
            &mut self.out,
        );
        if place.depth == TOP_RULE && node.get("Next").is_none() && !node.damaged {
            self.out.push(
                Diagnostic::new(
                    &MISSING_FIELD,
                    opening(node),
                    format!("missing required field `Next` in {what}"),
                )
                .help("name the state to go to when this rule matches")
                .pointer(pointer.as_str()),
            );
        }
        rule.next = string(&checked, "Next", pointer);
        rule.comment = string(&checked, "Comment", pointer);
        rule.assign = node_field(&checked, "Assign", pointer);
        rule.output = node_field(&checked, "Output", pointer);
        rule.kind = match place.lang {
            QueryLanguage::Jsonata => self.condition_rule(node, &checked, pointer, &what),
            QueryLanguage::JsonPath => self.jsonpath_rule(node, &checked, pointer, place),
        };
        rule
    }

    fn condition_rule(
        &mut self,
        node: &Node,
        checked: &Checked<'_>,
        pointer: &Pointer,
        what: &str,
    ) -> ChoiceRuleKind {
        for member in operator_members(node) {
            self.out.push(
                Diagnostic::new(
                    &QUERY_LANGUAGE_MISMATCH,
                    member.key.span,
                    format!("field `{}` is only supported when the query language is `JSONPath`, but {what} uses `JSONata`", member.key.name),
                )
                .help("write the test as a `Condition` with a JSONata expression")
                .pointer(pointer.key(&member.key.name).as_str()),
            );
        }
        // JSONPath operators or `Variable` were just reported as the wrong language; the missing
        // `Condition` is the same mistake.
        let jsonpath_form =
            node.get("Variable").is_some() || operator_members(node).next().is_some();
        if node.get("Condition").is_none() && !node.damaged && !jsonpath_form {
            self.out.push(
                Diagnostic::new(&MISSING_FIELD, opening(node), format!("missing required field `Condition` in {what}"))
                    .help("add `\"Condition\": \"{% ... %}\"` with a JSONata expression that gives a boolean")
                    .pointer(pointer.as_str()),
            );
        }
        let condition = field(checked, "Condition", pointer, |v| {
            dyn_of(v, |v| v.as_bool())
        });
        condition.map_or(
            ChoiceRuleKind::Invalid,
            |c: crate::ast::Field<Dyn<bool>>| ChoiceRuleKind::Condition(c),
        )
    }

    fn jsonpath_rule(
        &mut self,
        node: &Node,
        checked: &Checked<'_>,
        pointer: &Pointer,
        place: &RulePlace<'_>,
    ) -> ChoiceRuleKind {
        let what = place.what();
        let operators: Vec<&Member> = operator_members(node).collect();
        let combinators: Vec<&Member> = COMBINATORS.iter().filter_map(|n| node.get(n)).collect();
        self.check_rule_shape(node, &operators, &combinators, pointer, &what);
        let valid_ops: Vec<(&'static Operator, &Member)> = operators
            .iter()
            .filter_map(|m| self.check_operand(m, pointer).map(|op| (op, *m)))
            .collect();
        if let ([(operator, member)], Some(variable)) =
            (valid_ops.as_slice(), string(checked, "Variable", pointer))
        {
            if combinators.is_empty() {
                let operand = crate::ast::Field {
                    value: member.value.clone(),
                    span: member.value.span,
                    key_span: member.key.span,
                    pointer: pointer.key(&member.key.name),
                };
                return ChoiceRuleKind::Comparison {
                    variable,
                    operator,
                    operand,
                };
            }
        }
        if operators.is_empty() && combinators.len() == 1 {
            return self.combinator(checked, pointer, place);
        }
        ChoiceRuleKind::Invalid
    }

    /// Exactly one form per rule: a comparison (`Variable` + one operator) or one combinator.
    fn check_rule_shape(
        &mut self,
        node: &Node,
        operators: &[&Member],
        combinators: &[&Member],
        pointer: &Pointer,
        what: &str,
    ) {
        let variable = node.get("Variable");
        if operators.is_empty() && combinators.is_empty() {
            // A `Condition` here was reported as a JSONata field in a JSONPath state; a second
            // finding for the same mistake would be noise.
            if node.damaged || (variable.is_none() && node.get("Condition").is_some()) {
                return;
            }
            let (message, help) = match variable {
                Some(_) => (
                    format!("{what} has `Variable` but no comparison operator"),
                    "add an operator such as `StringEquals`, `NumericGreaterThan` or `IsPresent`"
                        .to_string(),
                ),
                None => (
                    format!(
                        "{what} needs a comparison (`Variable` with an operator) or {}",
                        either_of(COMBINATORS)
                    ),
                    "for example `\"Variable\": \"$.status\", \"StringEquals\": \"done\"`"
                        .to_string(),
                ),
            };
            self.out.push(
                Diagnostic::new(&MISSING_FIELD, opening(node), message)
                    .help(help)
                    .pointer(pointer.as_str()),
            );
            return;
        }
        let forms: Vec<&Member> = operators.iter().chain(combinators).copied().collect();
        if let [first, rest @ ..] = forms.as_slice() {
            for second in rest {
                self.out.push(
                    Diagnostic::new(
                        &CONFLICTING_FIELDS,
                        second.key.span,
                        format!(
                            "{what} can test only one thing, but has both `{}` and `{}`",
                            first.key.name, second.key.name
                        ),
                    )
                    .label(first.key.span, format!("`{}` is set here", first.key.name))
                    .help("combine several tests with `And` or `Or`, each in its own rule")
                    .pointer(pointer.key(&second.key.name).as_str()),
                );
            }
        }
        match (variable, operators.is_empty()) {
            (None, false) if !node.damaged => self.out.push(
                Diagnostic::new(
                    &MISSING_FIELD,
                    operators[0].key.span,
                    format!("missing required field `Variable` in {what}"),
                )
                .help("name the value to compare, for example `\"Variable\": \"$.status\"`")
                .pointer(pointer.as_str()),
            ),
            (Some(v), true) => self.out.push(
                Diagnostic::new(
                    &CONFLICTING_FIELDS,
                    v.key.span,
                    format!(
                        "`Variable` is not used with `{}` in {what}",
                        combinators[0].key.name
                    ),
                )
                .label(combinators[0].key.span, "the rule's test is here")
                .help("move the comparison into a rule inside the combinator")
                .pointer(pointer.key("Variable").as_str()),
            ),
            _ => {}
        }
    }

    /// The operator of `member`, when its operand has the type the operator needs.
    fn check_operand(&mut self, member: &Member, pointer: &Pointer) -> Option<&'static Operator> {
        let (op, ty) = operator(&member.key.name)?;
        match check_value(op.name, *ty, false, &member.value) {
            Ok(()) => Some(op),
            Err(d) => {
                self.out.push((*d).pointer(pointer.key(op.name).as_str()));
                None
            }
        }
    }

    fn combinator(
        &mut self,
        checked: &Checked<'_>,
        pointer: &Pointer,
        place: &RulePlace<'_>,
    ) -> ChoiceRuleKind {
        let nested = |label: String| RulePlace {
            label,
            state: place.state,
            depth: NESTED_RULE,
            lang: place.lang,
        };
        if let Some(member) = checked.get("Not") {
            let place = nested(format!("{}.Not", place.label));
            return ChoiceRuleKind::Not(Box::new(self.rule(
                &member.value,
                &pointer.key("Not"),
                &place,
            )));
        }
        for name in ["And", "Or"] {
            let Some(member) = checked.get(name) else {
                continue;
            };
            let base = pointer.key(name);
            let items = member.value.as_array().unwrap_or_default();
            let rules = items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    self.rule(
                        item,
                        &base.index(i),
                        &nested(format!("{}.{name}[{i}]", place.label)),
                    )
                })
                .collect();
            return if name == "And" {
                ChoiceRuleKind::And(rules)
            } else {
                ChoiceRuleKind::Or(rules)
            };
        }
        ChoiceRuleKind::Invalid
    }
}

fn operator_members(node: &Node) -> impl Iterator<Item = &Member> {
    node.as_object()
        .unwrap_or_default()
        .iter()
        .filter(|m| operator(&m.key.name).is_some())
}

fn rule_depth_phrase(on: Set) -> String {
    if on == TOP_RULE {
        "top-level choice rules (directly in `Choices`)".to_string()
    } else {
        "choice rules".to_string()
    }
}
