//! Checking a template: each state machine [`crate::iac::extract`] finds goes through the same
//! pipeline as a definition file, and its findings are moved to template positions.
//!
//! Every finding about a definition starts with `[LogicalId] ` (the resource's logical id, or
//! the Serverless machine's name): the message is the one text every output format shows in
//! full (concise, human, JSON, SARIF, ...), while labels are dropped by some, and the file name
//! alone does not say which of several machines of a template is meant. Findings in a SAM
//! `DefinitionUri` file are reported in that file, with `[LogicalId in template.yaml] `.

use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::iac::{self, Body, Embedded};
use crate::source::SourceFile;
use crate::syntax::{self, Format, Parsed, codes};
use crate::{CheckOptions, Checked, FileReport};

/// Checks the state machines of a template. Also returns how many there are.
pub(crate) fn check_template(
    source: &SourceFile,
    parsed: Parsed,
    options: &CheckOptions,
) -> (Checked, usize) {
    let Parsed { root, diagnostics } = parsed;
    let mut checked = Checked {
        diagnostics: Vec::new(),
        linked: Vec::new(),
    };
    let Some(root) = root else {
        return (checked, 0);
    };
    let template = iac::extract(root, &source.text, source.format);
    let mut out = template.diagnostics;
    out.extend(crate::utf8_finding(source));
    for d in diagnostics {
        if is_cfn_tag_finding(&d, &source.text) {
            continue;
        }
        let inside = template.machines.iter().find(|m| {
            m.body
                .template_span()
                .is_some_and(|s| s.start <= d.span.start && d.span.start < s.end.max(s.start + 1))
        });
        let fatal = [codes::SYNTAX_ERROR.name, codes::NESTING_TOO_DEEP.name];
        match inside {
            Some(machine) => out.extend(prefixed(vec![d], &machine.name)),
            None if fatal.contains(&d.rule.name) => out.push(d),
            None => {}
        }
    }
    for machine in &template.machines {
        check_machine(source, machine, options, &mut out, &mut checked.linked);
    }
    // The settings of each state machine resource (`resource-config`), once per resource.
    // `# asl-lint: ignore[...]` comments of the template suppress them; whether a directive is
    // unused is left to the definitions' checks, which see the comments inside definitions.
    let quiet = crate::rules::RuleSettings {
        enabled: Some(Default::default()),
        ..Default::default()
    };
    for resource in &template.resources {
        let mut found = Vec::new();
        crate::rules::check_resource(resource, &mut found);
        options.rules.apply(&mut found);
        crate::suppress::apply(&source.text, source.format, None, &quiet, &mut found, None);
        out.extend(prefixed(found, &resource.name));
    }
    options.rules.apply(&mut out);
    crate::diagnostics::sort_and_dedup(&mut out);
    checked.diagnostics = out;
    (checked, template.machines.len())
}

/// Findings of the template's parser are reported when they stop the template from being read,
/// or lie inside a definition; CloudFormation's short-form tags are not findings in a template.
fn is_cfn_tag_finding(d: &Diagnostic, text: &str) -> bool {
    d.rule.name == codes::YAML_TAG.name
        && text
            .get(d.span.start..d.span.end)
            .is_some_and(iac::is_cfn_tag)
}

fn check_machine(
    source: &SourceFile,
    machine: &Embedded,
    options: &CheckOptions,
    out: &mut Vec<Diagnostic>,
    linked: &mut Vec<FileReport>,
) {
    let mut options = options.clone();
    if let Some(t) = machine.machine_type {
        options.machine_type = t;
    }
    let mut uses = machine.uses.clone();
    let mut found = match &machine.body {
        Body::Tree(node) => {
            let chars = node.to_json().to_string().chars().count();
            crate::check_tree(
                Some(node),
                Vec::new(),
                &source.text,
                source.format,
                &options,
                chars,
                Some(node.span),
            )
        }
        Body::Text(built, _) => {
            let parsed = syntax::json::parse(&built.text);
            let chars = built.text.trim().chars().count();
            let mut found = crate::check_tree(
                parsed.root.as_ref(),
                parsed.diagnostics,
                &built.text,
                Format::Json,
                &options,
                chars,
                None,
            );
            for d in &mut found {
                d.span = built.map(d.span);
                for label in &mut d.labels {
                    label.span = built.map(label.span);
                }
            }
            found
        }
        Body::File { path, span } => {
            let Some(file) = read_linked(source, path) else {
                out.push(
                    Diagnostic::new(
                        &iac::codes::DEFINITION_NOT_LOCAL,
                        *span,
                        format!(
                            "[{}] the definition file `{path}` (`DefinitionUri`) is not found; it is not checked",
                            machine.name
                        ),
                    )
                    .help("the path is relative to the template's directory"),
                );
                return;
            };
            let parsed = syntax::parse(&file.text, file.format);
            if let Some(root) = &parsed.root {
                iac::substitutions::scan_tree(root, &file.text, file.format, &mut uses);
            }
            let mut found = crate::check_parsed(&file, parsed, &options);
            if let Some(declared) = &machine.declared {
                let (undeclared, unused) = iac::substitutions::check(&uses, declared);
                found.extend(undeclared);
                out.extend(prefixed(unused, &machine.name));
            }
            options.rules.apply(&mut found);
            crate::diagnostics::sort_and_dedup(&mut found);
            let name = format!("{} in {}", machine.name, source.name);
            linked.push(FileReport {
                diagnostics: prefixed(found, &name),
                source: file,
            });
            return;
        }
    };
    if let Some(declared) = &machine.declared {
        let (undeclared, unused) = iac::substitutions::check(&uses, declared);
        found.extend(undeclared);
        found.extend(unused);
    }
    out.extend(prefixed(found, &machine.name));
}

fn prefixed(mut found: Vec<Diagnostic>, name: &str) -> Vec<Diagnostic> {
    for d in &mut found {
        d.message = format!("[{name}] {}", d.message);
    }
    found
}

/// Reads the file a `DefinitionUri` names, relative to the template's directory.
fn read_linked(template: &SourceFile, uri: &str) -> Option<SourceFile> {
    let dir = Path::new(&template.name).parent().unwrap_or(Path::new(""));
    let path = dir.join(uri);
    let bytes = crate::source::read_file(&path).ok()?;
    let name = path.display().to_string();
    let name = name.strip_prefix("./").unwrap_or(&name).to_string();
    Some(SourceFile::from_bytes_at(name, bytes, &path))
}
