//! A Distributed Map's `ItemReader` and `ResultWriter`.
//!
//! The reader is mocked like a Task, under the Map state's name (see [`super::mocks`]): the
//! response's result is what the reader reads, interpreted by `ReaderConfig.InputType`: CSV text
//! (`CSVHeaderLocation` `FIRST_ROW` or `GIVEN` with `CSVHeaders`, `CSVDelimiter`), a JSON array
//! (or JSON text; `ItemsPointer` selects an array inside an object), JSON Lines text, or, for
//! other readers (S3 `listObjectsV2`, manifests), an array of items. `MaxItems`/`MaxItemsPath`
//! then limit the items. A `Throw` response fails the Map with that error.
//!
//! With a `ResultWriter` that exports to S3 (`Resource` and `Parameters`/`Arguments`), the Map's
//! result is what AWS returns in that case, `{"MapRunArn", "ResultWriterDetails": {"Bucket",
//! "Key"}}` with the key of the manifest (`<Prefix>/<map run id>/manifest.json`); with only
//! `WriterConfig`, the results are returned, flattened by `"Transformation": "FLATTEN"` (`NONE`
//! is simulated like `COMPACT`: the per-execution metadata AWS adds is not reproduced).

use serde_json::{Map, Value, json};

use super::Stopped;
use super::eval::{self, Failure};
use super::executor::{Abort, Current, Executor, Frame, Halt, Raised};
use super::io::{jsonata_expr, shown};
use super::mocks::Outcome;
use super::trace::EntryKind;
use crate::ast::{self, Dyn, QueryLanguage};
use crate::lang::jsonata::eval::Bindings;

const READER_FAILED: &str = "States.ItemReaderFailed";

fn reader_failed(cause: impl Into<String>) -> Failure {
    Failure {
        error: READER_FAILED.into(),
        cause: cause.into(),
    }
}

impl<'a> Executor<'a> {
    /// The items a Map state's `ItemReader` reads, from the Map's mock.
    pub(super) fn read_items(
        &mut self,
        current: &Current<'a>,
        reader: &ast::ItemReader,
        effective: &Value,
        bindings: &Bindings,
        frame: &Frame,
    ) -> Result<Vec<Value>, Halt> {
        let state = current.state;
        let resource = reader
            .resource
            .as_ref()
            .map_or(String::new(), |r| r.value.clone());
        // What the reader would ask for (bucket, key...): evaluated, as AWS would, and shown.
        let arguments = match (state.language, &reader.parameters, &reader.arguments) {
            (QueryLanguage::JsonPath, Some(template), _) => {
                let context = self.context(current, frame);
                let scope = eval::Scope {
                    input: effective,
                    context: &context,
                    variables: &frame.variables,
                };
                Some(
                    eval::evaluate_template(&self.template(&template.value), &scope, &self.random)
                        .map_err(|f| self.prefixed(current, f))?,
                )
            }
            (QueryLanguage::Jsonata, _, Some(node)) => {
                Some(self.jsonata_node(current, &node.value, "ItemReader/Arguments", bindings)?)
            }
            _ => None,
        };
        if let Some(arguments) = &arguments {
            self.note_step("itemReaderParameters", arguments);
        }
        let call = self.calls.entry(state.name.clone()).or_insert(0);
        let number = *call;
        *call += 1;
        let Some(response) = self.mocks.response(&state.name, number).cloned() else {
            return Err(Halt::Abort(Abort::Stopped(Stopped::UnmockedItemReader {
                state: state.name.clone(),
                resource,
            })));
        };
        self.note(EntryKind::Call {
            number,
            resource: resource.clone(),
        });
        let delay_ms = (response.delay_seconds * 1000.0).round() as i64;
        if delay_ms > 0 {
            self.clock.advance(delay_ms);
            self.note(EntryKind::Ran {
                seconds: delay_ms as f64 / 1000.0,
                until: self.clock.now(),
                timed_out: None,
            });
            self.check_deadline()?;
        }
        let content = match response.outcome {
            Outcome::Return(content) => content,
            Outcome::Throw { error, cause } => return Err(Halt::Fail(Raised { error, cause })),
        };
        let config = reader.reader_config.clone().unwrap_or_default();
        let mut items = parse_items(&config, content).map_err(|f| self.prefixed(current, f))?;
        if let Some(max) = self.max_items(current, &config, effective, bindings, frame)? {
            items.truncate(usize::try_from(max).unwrap_or(usize::MAX));
        }
        self.note_step("afterItemReader", &Value::Array(items.clone()));
        Ok(items)
    }

    /// `ReaderConfig.MaxItems` or `MaxItemsPath`.
    fn max_items(
        &self,
        current: &Current<'a>,
        config: &ast::ReaderConfig,
        effective: &Value,
        bindings: &Bindings,
        frame: &Frame,
    ) -> Result<Option<i64>, Halt> {
        match (
            config.max_items.as_ref().map(|f| &f.value),
            &config.max_items_path,
        ) {
            (Some(Dyn::Lit(n)), _) => Ok(Some(*n)),
            (Some(Dyn::Expr(text)), _) => {
                let node = crate::syntax::Node::new(
                    crate::syntax::Value::String(text.clone()),
                    crate::syntax::Span::at(0),
                );
                let value = self.jsonata_node(current, &node, "MaxItems", bindings)?;
                value.as_i64().filter(|n| *n >= 0).map(Some).ok_or_else(|| {
                    self.prefixed(
                        current,
                        Failure {
                            error: "States.QueryEvaluationError".into(),
                            cause: format!(
                                "The JSONata expression '{}' specified for the field 'MaxItems' returned an unexpected data type: {}",
                                jsonata_expr(text).unwrap_or(text),
                                shown(&value)
                            ),
                        },
                    )
                })
            }
            (None, Some(path)) => {
                let context = self.context(current, frame);
                let scope = eval::Scope {
                    input: effective,
                    context: &context,
                    variables: &frame.variables,
                };
                let value =
                    eval::select(&path.value, &scope).map_err(|f| self.prefixed(current, f))?;
                value.as_i64().filter(|n| *n >= 0).map(Some).ok_or_else(|| {
                    self.prefixed(
                        current,
                        Failure {
                            error: "States.Runtime".into(),
                            cause: format!(
                                "The MaxItemsPath field refers to value \"{}\" which is not a valid integer: {}",
                                shown(&value),
                                path.value
                            ),
                        },
                    )
                })
            }
            (None, None) => Ok(None),
        }
    }

    /// The Map's result: its iterations' outputs, or what its `ResultWriter` makes of them.
    pub(super) fn write_results(
        &mut self,
        current: &Current<'a>,
        map: &ast::Map,
        outputs: Vec<Value>,
        effective: &Value,
        bindings: &Bindings,
        frame: &Frame,
    ) -> Result<Value, Halt> {
        let Some(writer) = &map.result_writer else {
            return Ok(Value::Array(outputs));
        };
        let state = current.state;
        let arguments = match state.language {
            QueryLanguage::Jsonata => match &writer.arguments {
                Some(node) => Some(self.jsonata_node(
                    current,
                    &node.value,
                    "ResultWriter/Arguments",
                    bindings,
                )?),
                None => None,
            },
            QueryLanguage::JsonPath => match &writer.parameters {
                Some(template) => {
                    let context = self.context(current, frame);
                    let scope = eval::Scope {
                        input: effective,
                        context: &context,
                        variables: &frame.variables,
                    };
                    Some(
                        eval::evaluate_template(
                            &self.template(&template.value),
                            &scope,
                            &self.random,
                        )
                        .map_err(|f| self.prefixed(current, f))?,
                    )
                }
                None => None,
            },
        };
        let Some(arguments) = arguments.filter(|_| writer.resource.is_some()) else {
            // WriterConfig alone: the results, transformed.
            let flatten = writer
                .transformation
                .as_ref()
                .is_some_and(|t| t.value == "FLATTEN");
            if !flatten {
                return Ok(Value::Array(outputs));
            }
            let mut flat = Vec::with_capacity(outputs.len());
            for output in outputs {
                match output {
                    Value::Array(items) => flat.extend(items),
                    other => flat.push(other),
                }
            }
            return Ok(Value::Array(flat));
        };
        let text = |key: &str| {
            arguments
                .get(key)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string()
        };
        let bucket = text("Bucket");
        let prefix = text("Prefix");
        let run_id = format!("00000000-0000-4000-8000-{:012}", current.entered);
        let prefix = prefix.trim_end_matches('/');
        let key = if prefix.is_empty() {
            format!("{run_id}/manifest.json")
        } else {
            format!("{prefix}/{run_id}/manifest.json")
        };
        let label = map
            .label
            .as_ref()
            .map_or(state.name.as_str(), |l| l.value.as_str());
        let machine = &self.options.machine_name;
        Ok(json!({
            "MapRunArn": format!(
                "arn:aws:states:us-east-1:123456789012:mapRun:{machine}/{label}:{run_id}"
            ),
            "ResultWriterDetails": {"Bucket": bucket, "Key": key},
        }))
    }
}

/// The items in what a reader read.
fn parse_items(config: &ast::ReaderConfig, content: Value) -> Result<Vec<Value>, Failure> {
    let input_type = config.input_type.as_ref().map(|t| t.value.as_str());
    match (input_type, content) {
        (Some("CSV"), Value::String(text)) => parse_csv(config, &text),
        (Some("CSV"), other) => Err(reader_failed(format!(
            "the mock of a CSV ItemReader must be the text of the CSV file, not {}",
            kind_of(&other)
        ))),
        (Some("JSONL"), Value::String(text)) => text
            .lines()
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty())
            .map(|(i, line)| {
                serde_json::from_str(line)
                    .map_err(|e| reader_failed(format!("line {} is not valid JSON: {e}", i + 1)))
            })
            .collect(),
        (_, Value::String(text)) => {
            let value: Value = serde_json::from_str(&text)
                .map_err(|e| reader_failed(format!("the object read is not valid JSON: {e}")))?;
            json_items(config, value)
        }
        (_, value) => json_items(config, value),
    }
}

/// A JSON value read: an array of items, or an object with `ItemsPointer` leading to one.
fn json_items(config: &ast::ReaderConfig, value: Value) -> Result<Vec<Value>, Failure> {
    let value = match &config.items_pointer {
        Some(pointer) => value.pointer(&pointer.value).cloned().ok_or_else(|| {
            reader_failed(format!(
                "ItemsPointer `{}` does not point into the object read",
                pointer.value
            ))
        })?,
        None => value,
    };
    match value {
        Value::Array(items) => Ok(items),
        other => Err(reader_failed(format!(
            "the ItemReader must read a JSON array, but read {}",
            kind_of(&other)
        ))),
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// CSV rows as objects of strings keyed by the headers (`FIRST_ROW`, the default, or `GIVEN`).
fn parse_csv(config: &ast::ReaderConfig, text: &str) -> Result<Vec<Value>, Failure> {
    let delimiter = match config.csv_delimiter.as_ref().map(|d| d.value.as_str()) {
        Some("PIPE") => '|',
        Some("SEMICOLON") => ';',
        Some("SPACE") => ' ',
        Some("TAB") => '\t',
        _ => ',',
    };
    let mut rows = csv_records(text, delimiter)?.into_iter();
    let given = config
        .csv_header_location
        .as_ref()
        .is_some_and(|l| l.value == "GIVEN");
    let headers: Vec<String> = if given {
        config
            .csv_headers
            .as_ref()
            .map(|h| h.value.to_json())
            .and_then(|h| h.as_array().cloned())
            .unwrap_or_default()
            .iter()
            .map(shown)
            .collect()
    } else {
        rows.next().unwrap_or_default()
    };
    if headers.is_empty() {
        return Err(reader_failed("the CSV file has no headers"));
    }
    rows.enumerate()
        .map(|(i, fields)| {
            if fields.len() != headers.len() {
                return Err(reader_failed(format!(
                    "CSV row {} has {} fields, but there are {} headers",
                    i + 1 + usize::from(!given),
                    fields.len(),
                    headers.len()
                )));
            }
            let row: Map<String, Value> = headers
                .iter()
                .cloned()
                .zip(fields.into_iter().map(Value::String))
                .collect();
            Ok(Value::Object(row))
        })
        .collect()
}

/// RFC 4180 records: quoted fields (with `""` for a quote), CRLF or LF line ends; blank lines
/// are skipped.
fn csv_records(text: &str, delimiter: char) -> Result<Vec<Vec<String>>, Failure> {
    let mut records = Vec::new();
    let mut record: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    let mut line = 1;
    let mut started = false;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    field.push(c);
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => {
                quoted = true;
                started = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                line += 1;
                if started || !field.is_empty() || !record.is_empty() {
                    record.push(std::mem::take(&mut field));
                    records.push(std::mem::take(&mut record));
                }
                started = false;
            }
            c if c == delimiter => {
                record.push(std::mem::take(&mut field));
                started = true;
            }
            _ => {
                field.push(c);
                started = true;
            }
        }
    }
    if quoted {
        return Err(reader_failed(format!(
            "the CSV file has an unclosed quote (line {line})"
        )));
    }
    if started || !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(value: Value) -> ast::ReaderConfig {
        let text = json!({
            "StartAt": "M",
            "States": {"M": {
                "Type": "Map", "End": true,
                "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": value,
                               "Parameters": {"Bucket": "b", "Key": "k"}},
                "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                                  "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}
            }}
        })
        .to_string();
        let parsed = crate::syntax::parse(&text, crate::syntax::Format::Json);
        let machine = crate::ast::lower(parsed.root.as_ref().unwrap(), text.len())
            .machine
            .unwrap();
        let crate::ast::StateKind::Map(map) = &machine.scope.states[0].kind else {
            panic!("a Map state");
        };
        map.item_reader
            .clone()
            .unwrap()
            .reader_config
            .unwrap_or_default()
    }

    #[test]
    fn csv_first_row_quotes_and_crlf() {
        let items = parse_items(
            &config(json!({"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"})),
            json!("id,name\r\n1,\"Smith, \"\"J\"\"\"\r\n\r\n2,\"multi\nline\"\r\n"),
        )
        .unwrap();
        assert_eq!(
            items,
            vec![
                json!({"id": "1", "name": "Smith, \"J\""}),
                json!({"id": "2", "name": "multi\nline"})
            ]
        );
    }

    #[test]
    fn csv_given_headers_and_delimiter() {
        let items = parse_items(
            &config(json!({"InputType": "CSV", "CSVHeaderLocation": "GIVEN",
                           "CSVHeaders": ["a", "b"], "CSVDelimiter": "SEMICOLON"})),
            json!("1;2\n3;"),
        )
        .unwrap();
        assert_eq!(
            items,
            vec![json!({"a": "1", "b": "2"}), json!({"a": "3", "b": ""})]
        );
        let err = parse_items(
            &config(json!({"InputType": "CSV", "CSVHeaderLocation": "GIVEN", "CSVHeaders": ["a"]})),
            json!("1,2"),
        )
        .unwrap_err();
        assert_eq!(err.error, READER_FAILED);
        assert!(err.cause.contains("row 1 has 2 fields"), "{}", err.cause);
    }

    #[test]
    fn json_jsonl_and_items_pointer() {
        let json_config = config(json!({"InputType": "JSON"}));
        assert_eq!(
            parse_items(&json_config, json!("[1, {\"a\": 2}]")).unwrap(),
            vec![json!(1), json!({"a": 2})]
        );
        assert_eq!(
            parse_items(&json_config, json!([3])).unwrap(),
            vec![json!(3)]
        );
        assert!(parse_items(&json_config, json!({"a": 1})).is_err());
        let pointer = config(json!({"InputType": "JSON", "ItemsPointer": "/data/items"}));
        assert_eq!(
            parse_items(&pointer, json!({"data": {"items": [1, 2]}})).unwrap(),
            vec![json!(1), json!(2)]
        );
        let jsonl = config(json!({"InputType": "JSONL"}));
        assert_eq!(
            parse_items(&jsonl, json!("{\"a\":1}\n\n[2]\n")).unwrap(),
            vec![json!({"a": 1}), json!([2])]
        );
        assert!(
            parse_items(&jsonl, json!("{oops"))
                .unwrap_err()
                .cause
                .contains("line 1")
        );
    }
}
