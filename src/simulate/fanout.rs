//! Parallel and Map states: their branches and iterations run one after the other (the order of
//! results is the order of branches and items, whatever `MaxConcurrency` says), each in a frame
//! of its own that reads the outer variables.

use serde_json::{Map, Value};

use super::eval::{self, Failure};
use super::executor::{Current, Done, Executor, Frame, Halt, Raised};
use super::history::Event;
use super::io::{jsonata_expr, shown};
use super::trace::EntryKind;
use crate::ast::{self, Dyn, Field, QueryLanguage, StateKind, Transition};
use crate::syntax::Node;

fn runtime(cause: impl Into<String>) -> Failure {
    Failure {
        error: "States.Runtime".into(),
        cause: cause.into(),
    }
}

/// How many failed items a distributed Map tolerates.
#[derive(Debug, Default, Clone, Copy)]
struct Tolerance {
    count: Option<i64>,
    percentage: Option<f64>,
}

impl Tolerance {
    fn any(self) -> bool {
        self.count.is_some() || self.percentage.is_some()
    }

    /// AWS: the Map Run fails when either threshold is exceeded.
    fn exceeded(self, failed: usize, total: usize) -> bool {
        let by_count = self.count.is_some_and(|c| failed as i64 > c);
        let by_percentage = self
            .percentage
            .is_some_and(|p| failed as f64 * 100.0 / total.max(1) as f64 > p);
        by_count || by_percentage
    }
}

impl<'a> Executor<'a> {
    pub(super) fn fanout(
        &mut self,
        current: &Current<'a>,
        raw: &Value,
        frame: &mut Frame,
    ) -> Result<Done, Halt> {
        let state = current.state;
        let jsonata = state.language == QueryLanguage::Jsonata;
        let context = self.context(current, frame);
        let effective = if jsonata {
            match &state.io.arguments {
                Some(node) => {
                    let bindings = self.bindings(raw, &context, frame);
                    self.jsonata_node(current, &node.value, "Arguments", &bindings)?
                }
                None => raw.clone(),
            }
        } else {
            let effective = self.input_path(current, raw, frame)?;
            if matches!(state.kind, StateKind::Parallel(_)) {
                self.parameters(current, &effective, frame)?
            } else {
                effective.into_owned()
            }
        };
        let result = match &state.kind {
            StateKind::Parallel(parallel) => self.parallel(parallel, &effective, frame)?,
            StateKind::Map(map) => self.map(current, map, raw, &effective, frame)?,
            _ => unreachable!("fanout() is called for Parallel and Map states"),
        };
        let (output, assigned) = if jsonata {
            self.jsonata_finish(current, raw, Some(result), frame)?
        } else {
            self.jsonpath_finish(current, raw, &effective, Some(result), frame)?
        };
        let next = match &state.transition {
            Transition::Next(next) => Some(next.value.clone()),
            _ => None,
        };
        Ok(Done {
            output,
            assigned,
            next,
        })
    }

    fn parallel(
        &mut self,
        parallel: &'a ast::Parallel,
        input: &Value,
        frame: &Frame,
    ) -> Result<Value, Halt> {
        self.emit(Event::new("ParallelStateStarted"))?;
        let mut outputs = Vec::with_capacity(parallel.branches.len());
        for (i, branch) in parallel.branches.iter().enumerate() {
            self.note(EntryKind::Branch { index: i });
            let mut child = frame.child(None);
            self.depth += 1;
            let result = self.run_scope(branch, input.clone(), &mut child);
            self.depth -= 1;
            outputs.push(result?);
        }
        self.emit(Event::new("ParallelStateSucceeded"))?;
        Ok(Value::Array(outputs))
    }

    fn map(
        &mut self,
        current: &Current<'a>,
        map: &'a ast::Map,
        raw: &Value,
        effective: &Value,
        frame: &Frame,
    ) -> Result<Value, Halt> {
        let state = current.state;
        let jsonata = state.language == QueryLanguage::Jsonata;
        let context = self.context(current, frame);
        let bindings = self.bindings(raw, &context, frame);
        let items = if let Some(reader) = &map.item_reader {
            Value::Array(self.read_items(current, reader, effective, &bindings, frame)?)
        } else if jsonata {
            match &map.items {
                Some(node) => self.jsonata_node(current, &node.value, "Items", &bindings)?,
                None => raw.clone(),
            }
        } else {
            let path = map.items_path.as_ref().map_or("$", |p| p.value.as_str());
            let scope = eval::Scope {
                input: effective,
                context: &context,
                variables: &frame.variables,
            };
            eval::select(path, &scope).map_err(|f| self.prefixed(current, f))?
        };
        let Value::Array(items) = items else {
            let error = if jsonata {
                "States.QueryEvaluationError"
            } else {
                "States.Runtime"
            };
            return Err(self.prefixed(
                current,
                Failure {
                    error: error.into(),
                    cause: format!("Map state input must be an array but was: {}", items),
                },
            ));
        };
        // MaxConcurrencyPath is checked before MapStateStarted (oracle: max_concurrency_path_*).
        self.tolerance(current, map, effective, &bindings, frame, true)?;
        let Some(processor) = &map.processor else {
            return Ok(Value::Array(Vec::new()));
        };
        let distributed = processor.is_distributed();
        let selector = map.item_selector.as_ref().or(state.io.parameters.as_ref());
        let mut inputs = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            let item_frame = frame.child(Some((index, item.clone())));
            let Some(selector) = selector else {
                inputs.push(item.clone());
                continue;
            };
            let item_context = self.context(current, &item_frame);
            let value = if jsonata {
                let item_bindings = self.bindings(raw, &item_context, frame);
                self.jsonata_node(current, &selector.value, "ItemSelector", &item_bindings)?
            } else {
                let scope = eval::Scope {
                    input: effective,
                    context: &item_context,
                    variables: &frame.variables,
                };
                eval::evaluate_template(&self.template(&selector.value), &scope, &self.random)
                    .map_err(|f| self.prefixed(current, f))?
            };
            inputs.push(value);
        }
        if let Some(batcher) = &map.item_batcher {
            inputs = self.batches(current, batcher, inputs, effective, frame)?;
        }
        let mut started = Event::new("MapStateStarted");
        started.details_mut().length = Some(inputs.len());
        self.emit(started)?;
        // AWS evaluates the tolerated failures after MapStateStarted (oracle: *_path_-1).
        let tolerance = self.tolerance(current, map, effective, &bindings, frame, false)?;
        if distributed {
            self.emit(Event::new("MapRunStarted"))?;
            self.history.mute();
        }
        let run = self.iterations(
            current,
            &processor.scope,
            &items,
            inputs,
            tolerance,
            distributed,
            frame,
        );
        if distributed {
            self.history.unmute();
            let kind = if run.is_ok() {
                "MapRunSucceeded"
            } else {
                "MapRunFailed"
            };
            self.emit(Event::new(kind))?;
        }
        let outputs = run?;
        self.emit(Event::new("MapStateSucceeded"))?;
        self.write_results(current, map, outputs, effective, &bindings, frame)
    }

    #[allow(
        clippy::too_many_arguments,
        reason = "one call site, all of it the Map's state"
    )]
    fn iterations(
        &mut self,
        current: &Current<'a>,
        scope: &'a ast::Scope,
        items: &[Value],
        inputs: Vec<Value>,
        tolerance: Tolerance,
        distributed: bool,
        frame: &Frame,
    ) -> Result<Vec<Value>, Halt> {
        let total = inputs.len();
        let mut outputs = Vec::with_capacity(total);
        let mut failed = 0;
        for (index, input) in inputs.into_iter().enumerate() {
            let name = &current.state.name;
            let mut started = Event::new("MapIterationStarted").name(name);
            started.details_mut().index = Some(index);
            self.emit(started)?;
            self.note(EntryKind::Iteration { index });
            let item = items.get(index).cloned().unwrap_or(Value::Null);
            let mut child = frame.child(Some((index, item)));
            self.depth += 1;
            let result = self.run_scope(scope, input, &mut child);
            self.depth -= 1;
            let kind = if result.is_ok() {
                "MapIterationSucceeded"
            } else {
                "MapIterationFailed"
            };
            let mut ended = Event::new(kind).name(name);
            ended.details_mut().index = Some(index);
            self.emit(ended)?;
            match result {
                Ok(output) => outputs.push(output),
                Err(Halt::Fail(raised)) if distributed => {
                    failed += 1;
                    if !tolerance.any() || tolerance.exceeded(failed, total) {
                        return Err(Halt::Fail(Raised::new(
                            "States.ExceedToleratedFailureThreshold",
                            "The specified tolerated failure threshold was exceeded",
                        )));
                    }
                    outputs.push(raised.error_output());
                }
                Err(halt) => return Err(halt),
            }
        }
        Ok(outputs)
    }

    /// `ItemBatcher`: items grouped into `{"BatchInput": ..., "Items": [...]}`.
    fn batches(
        &mut self,
        current: &Current<'a>,
        batcher: &ast::ItemBatcher,
        inputs: Vec<Value>,
        effective: &Value,
        frame: &Frame,
    ) -> Result<Vec<Value>, Halt> {
        let context = self.context(current, frame);
        let scope = eval::Scope {
            input: effective,
            context: &context,
            variables: &frame.variables,
        };
        let number = |lit: &Option<Field<Dyn<i64>>>, path: &Option<Field<String>>| -> Option<i64> {
            match lit.as_ref().map(|f| &f.value) {
                Some(Dyn::Lit(n)) => Some(*n),
                _ => path
                    .as_ref()
                    .and_then(|p| eval::select(&p.value, &scope).ok())
                    .and_then(|v| v.as_i64()),
            }
        };
        let max_items = number(
            &batcher.max_items_per_batch,
            &batcher.max_items_per_batch_path,
        )
        .filter(|n| *n > 0)
        .map_or(usize::MAX, |n| usize::try_from(n).unwrap_or(usize::MAX));
        let max_bytes = number(
            &batcher.max_input_bytes_per_batch,
            &batcher.max_input_bytes_per_batch_path,
        )
        .filter(|n| *n > 0)
        .map_or(usize::MAX, |n| usize::try_from(n).unwrap_or(usize::MAX));
        let batch_input = match &batcher.batch_input {
            Some(template) => Some(
                eval::evaluate_template(&self.template(&template.value), &scope, &self.random)
                    .map_err(|f| self.prefixed(current, f))?,
            ),
            None => None,
        };
        let mut batches = Vec::new();
        let mut batch: Vec<Value> = Vec::new();
        let mut bytes = 0;
        for input in inputs {
            let size = input.to_string().len();
            if !batch.is_empty() && (batch.len() >= max_items || bytes + size > max_bytes) {
                batches.push(std::mem::take(&mut batch));
                bytes = 0;
            }
            bytes += size;
            batch.push(input);
        }
        if !batch.is_empty() {
            batches.push(batch);
        }
        Ok(batches
            .into_iter()
            .map(|items| {
                let mut out = Map::new();
                if let Some(batch_input) = &batch_input {
                    out.insert("BatchInput".into(), batch_input.clone());
                }
                out.insert("Items".into(), Value::Array(items));
                Value::Object(out)
            })
            .collect())
    }

    /// `ToleratedFailureCount`/`Percentage` and their paths, with AWS's errors; with
    /// `check_concurrency`, only validates `MaxConcurrencyPath` (which does not change results).
    fn tolerance(
        &mut self,
        current: &Current<'a>,
        map: &ast::Map,
        effective: &Value,
        bindings: &crate::lang::jsonata::eval::Bindings,
        frame: &Frame,
        check_concurrency: bool,
    ) -> Result<Tolerance, Halt> {
        let context = self.context(current, frame);
        let scope = eval::Scope {
            input: effective,
            context: &context,
            variables: &frame.variables,
        };
        let from_path = |field: &str, path: &Field<String>, float: bool| -> Result<f64, Failure> {
            let value = eval::select(&path.value, &scope)?;
            // AWS also takes a number written as a string ("1").
            let text = value.as_str().map(str::trim);
            let number = if float {
                value.as_f64().or_else(|| text.and_then(|t| t.parse().ok()))
            } else {
                value
                    .as_i64()
                    .or_else(|| text.and_then(|t| t.parse().ok()))
                    .map(|n| n as f64)
            };
            number.ok_or_else(|| {
                runtime(format!(
                    "The {field} field refers to value \"{}\" which is not a valid {}: {}",
                    shown(&value),
                    if float { "float" } else { "integer" },
                    path.value
                ))
            })
        };
        if check_concurrency {
            if let Some(path) = &map.max_concurrency_path {
                from_path("MaxConcurrencyPath", path, false)
                    .map_err(|f| self.prefixed(current, f))?;
            }
            return Ok(Tolerance::default());
        }
        let mut tolerance = Tolerance::default();
        let count = match (
            &map.tolerated_failure_count,
            &map.tolerated_failure_count_path,
        ) {
            (
                Some(Field {
                    value: Dyn::Lit(n), ..
                }),
                _,
            ) => Some(*n as f64),
            (
                Some(Field {
                    value: Dyn::Expr(text),
                    ..
                }),
                _,
            ) => Some(self.jsonata_number(current, text, "ToleratedFailureCount", bindings)?),
            (None, Some(path)) => Some(
                from_path("ToleratedFailureCountPath", path, false)
                    .map_err(|f| self.prefixed(current, f))?,
            ),
            (None, None) => None,
        };
        if let Some(count) = count {
            if count < 0.0 {
                return Err(self.prefixed(
                    current,
                    runtime("ToleratedFailureCount cannot be negative."),
                ));
            }
            tolerance.count = Some(count as i64);
        }
        let percentage = match (
            &map.tolerated_failure_percentage,
            &map.tolerated_failure_percentage_path,
        ) {
            (
                Some(Field {
                    value: Dyn::Lit(n), ..
                }),
                _,
            ) => Some(*n),
            (
                Some(Field {
                    value: Dyn::Expr(text),
                    ..
                }),
                _,
            ) => {
                Some(self.jsonata_number(current, text, "ToleratedFailurePercentage", bindings)?)
            }
            (None, Some(path)) => Some(
                from_path("ToleratedFailurePercentagePath", path, true)
                    .map_err(|f| self.prefixed(current, f))?,
            ),
            (None, None) => None,
        };
        if let Some(percentage) = percentage {
            if !(0.0..=100.0).contains(&percentage) {
                return Err(self.prefixed(
                    current,
                    runtime("ToleratedFailurePercentage must be between 0 and 100."),
                ));
            }
            tolerance.percentage = Some(percentage);
        }
        Ok(tolerance)
    }

    fn jsonata_number(
        &self,
        current: &Current<'a>,
        text: &str,
        field: &str,
        bindings: &crate::lang::jsonata::eval::Bindings,
    ) -> Result<f64, Halt> {
        let node = Node::new(
            crate::syntax::Value::String(text.to_string()),
            crate::syntax::Span::at(0),
        );
        let value = self.jsonata_node(current, &node, field, bindings)?;
        value.as_f64().ok_or_else(|| {
            self.prefixed(
                current,
                Failure {
                    error: "States.QueryEvaluationError".into(),
                    cause: format!(
                        "The JSONata expression '{}' specified for the field '{field}' returned an unexpected data type: {}",
                        jsonata_expr(text).unwrap_or(text),
                        shown(&value)
                    ),
                },
            )
        })
    }
}
