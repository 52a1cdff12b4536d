use super::*;

fn parse(text: &str) -> Result<Option<Config>, ConfigError> {
    Config::parse(Path::new("/project/asl-lint.toml"), text, false)
}

fn problems(text: &str) -> Vec<(String, String)> {
    let err = parse(text).expect_err("the configuration is rejected");
    err.diagnostics
        .iter()
        .map(|d| {
            (
                text[d.span.start..d.span.end].to_string(),
                d.message.clone(),
            )
        })
        .collect()
}

#[test]
fn a_full_configuration_resolves() {
    let config = parse(
        r#"
select = ["structure", "choice"]
extend-select = ["unresolved-placeholder"]
ignore = ["missing-choice-default"]
warnings-as-errors = true
type = "express"
exclude = ["cdk.out"]

[severity]
deprecated-field = "error"

[per-file-ignores]
"legacy/**" = ["structure"]

[types]
"standard/**" = "standard"
"#,
    )
    .unwrap()
    .unwrap();
    assert!(config.rules.is_enabled("unknown-field"));
    assert!(config.rules.is_enabled("unreachable-choice-rule"));
    assert!(config.rules.is_enabled("unresolved-placeholder"));
    assert!(!config.rules.is_enabled("missing-choice-default"));
    assert!(!config.rules.is_enabled("syntax-error"));
    assert!(config.rules.warnings_as_errors);
    assert_eq!(
        config.rules.severity.get("deprecated-field"),
        Some(&Severity::Error)
    );
    assert_eq!(config.exclude, ["cdk.out"]);

    let plain = config.options_for(Path::new("/project/a.asl.json"));
    assert_eq!(plain.machine_type, MachineType::Express);
    assert!(plain.rules.is_enabled("unknown-field"));
    let legacy = config.options_for(Path::new("/project/legacy/old.asl.json"));
    assert!(!legacy.rules.is_enabled("unknown-field"));
    assert!(legacy.rules.is_enabled("unreachable-choice-rule"));
    let standard = config.options_for(Path::new("/project/standard/s.asl.json"));
    assert_eq!(standard.machine_type, MachineType::Standard);
}

#[test]
fn unknown_keys_and_names_are_reported_at_their_position() {
    let found = problems("ignore = [\"missing-choice-defualt\"]\n");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "\"missing-choice-defualt\"");
    assert!(
        found[0].1.contains("is not a rule, a group or `all`"),
        "{found:?}"
    );

    let found = problems("selekt = [\"all\"]\n");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "selekt");
    assert!(found[0].1.contains("unknown field"), "{found:?}");

    let found = problems("[severity]\nchoice = \"error\"\n");
    assert_eq!(found[0].0, "choice");

    let found = problems("type = \"fast\"\n");
    assert_eq!(found[0].0, "\"fast\"");

    let found = problems("select = [\n");
    assert_eq!(found.len(), 1);
}

#[test]
fn pyproject_without_the_table_is_not_a_configuration() {
    let path = Path::new("/p/pyproject.toml");
    assert!(
        Config::parse(path, "[project]\nname = \"x\"\n", true)
            .unwrap()
            .is_none()
    );
    let config = Config::parse(path, "[tool.asl-lint]\nignore = [\"choice\"]\n", true)
        .unwrap()
        .unwrap();
    assert!(!config.rules.is_enabled("missing-choice-default"));
    let err = Config::parse(path, "[tool.asl-lint]\nignor = []\n", true).unwrap_err();
    assert_eq!(err.diagnostics.len(), 1);
}

#[test]
fn placeholders_deny_enables_the_placeholder_rule() {
    let config = parse("placeholders = \"deny\"\n").unwrap().unwrap();
    assert!(config.rules.is_enabled("unresolved-placeholder"));
    let config = parse("placeholders = \"allow\"\n").unwrap().unwrap();
    assert!(!config.rules.is_enabled("unresolved-placeholder"));
}
