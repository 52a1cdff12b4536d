//! Map states: the item processor and the Distributed Map configuration objects (rules.md 5.13).

use super::super::codes::{INLINE_MAP_DISTRIBUTED_FIELD, MISSING_FIELD, UNSUPPORTED_FIELD};
use super::super::fields;
use super::super::{
    ItemBatcher, ItemProcessor, ItemReader, Map, Pointer, QueryLanguage, ReaderConfig,
    ResultWriter, ScopeKind,
};
use super::{Checked, Lowerer, dyn_int, field, node_field, string};
use crate::diagnostics::Diagnostic;
use crate::syntax::Node;

impl Lowerer {
    pub(super) fn map(
        &mut self,
        c: &Checked<'_>,
        p: &Pointer,
        what: &str,
        lang: QueryLanguage,
    ) -> Map {
        let processor = self.processor(c, p, what);
        if let Some(processor) = &processor {
            if !processor.is_distributed() {
                self.distributed_only(c, p, what, processor.field_name);
            }
        }
        Map {
            processor,
            items_path: string(c, "ItemsPath", p),
            items: node_field(c, "Items", p),
            item_selector: node_field(c, "ItemSelector", p),
            max_concurrency: dyn_int(c, "MaxConcurrency", p),
            max_concurrency_path: string(c, "MaxConcurrencyPath", p),
            item_reader: self.item_reader(c, p, what, lang),
            item_batcher: self.item_batcher(c, p, what, lang),
            result_writer: self.result_writer(c, p, what, lang),
            label: string(c, "Label", p),
            tolerated_failure_percentage: field(c, "ToleratedFailurePercentage", p, |v| {
                super::dyn_of(v, |v| v.as_number().map(|n| n.value))
            }),
            tolerated_failure_percentage_path: string(c, "ToleratedFailurePercentagePath", p),
            tolerated_failure_count: dyn_int(c, "ToleratedFailureCount", p),
            tolerated_failure_count_path: string(c, "ToleratedFailureCountPath", p),
        }
    }

    /// Warns about the fields that only a Distributed Map reads, on an inline Map (rules.md 5.13
    /// lists it as an error to verify; real definitions do it, so it is a warning).
    fn distributed_only(&mut self, c: &Checked<'_>, p: &Pointer, what: &str, processor: &str) {
        for name in fields::DISTRIBUTED_ONLY {
            let Some(member) = c.get(name) else { continue };
            self.out.push(
                Diagnostic::new(
                    &INLINE_MAP_DISTRIBUTED_FIELD,
                    member.key.span,
                    format!("`{name}` only applies to a Distributed Map, but {what} is an inline Map"),
                )
                .help(format!(
                    "set `\"ProcessorConfig\": {{\"Mode\": \"DISTRIBUTED\", \"ExecutionType\": \"STANDARD\"}}` in `{processor}`, or remove `{name}`"
                ))
                .pointer(p.key(name).as_str()),
            );
        }
    }

    fn processor(&mut self, c: &Checked<'_>, p: &Pointer, what: &str) -> Option<ItemProcessor> {
        let (field_name, member) = ["ItemProcessor", "Iterator"]
            .into_iter()
            .find_map(|name| c.get(name).map(|m| (name, m)))?;
        let pointer = p.key(field_name);
        let what = format!("`{field_name}` of {what}");
        let (scope, checked) = self.sub_scope(
            ScopeKind::ItemProcessor,
            &member.value,
            &pointer,
            &what,
            member.key.span,
            fields::ITEM_PROCESSOR,
        )?;
        let mut processor = ItemProcessor {
            field_name,
            key_span: member.key.span,
            mode: None,
            execution_type: None,
            scope,
        };
        let Some(config) = checked.get("ProcessorConfig") else {
            return Some(processor);
        };
        let config_pointer = pointer.key("ProcessorConfig");
        let config_what = format!("`ProcessorConfig` of {what}");
        let lang = self.machine_lang;
        let Some(cc) = self.nested(
            &config.value,
            &config_pointer,
            &config_what,
            config.key.span,
            lang,
            (fields::PROCESSOR_CONFIG, fields::NO_GROUPS),
        ) else {
            return Some(processor);
        };
        processor.mode = string(&cc, "Mode", &config_pointer);
        processor.execution_type = string(&cc, "ExecutionType", &config_pointer);
        if processor.is_distributed()
            && config.value.get("ExecutionType").is_none()
            && !config.value.damaged
        {
            self.out.push(
                Diagnostic::new(
                    &MISSING_FIELD,
                    config.key.span,
                    format!("missing required field `ExecutionType` in {config_what}: a `DISTRIBUTED` Map needs it"),
                )
                .help("set `ExecutionType` to `STANDARD` or `EXPRESS` (the type of the child workflow executions)")
                .pointer(config_pointer.as_str()),
            );
        }
        Some(processor)
    }

    /// Checks the object in field `name` of the Map against `table`; its pointer and checked
    /// members, or `None` when absent or not an object.
    fn map_object<'a>(
        &mut self,
        c: &Checked<'a>,
        name: &str,
        p: &Pointer,
        what: &str,
        lang: QueryLanguage,
        (table, groups): fields::Shape,
    ) -> Option<(&'a Node, Pointer, Checked<'a>)> {
        let member = c.get(name)?;
        let pointer = p.key(name);
        let what = format!("`{name}` of {what}");
        let checked = self.nested(
            &member.value,
            &pointer,
            &what,
            member.key.span,
            lang,
            (table, groups),
        )?;
        Some((&member.value, pointer, checked))
    }

    fn item_reader(
        &mut self,
        c: &Checked<'_>,
        p: &Pointer,
        what: &str,
        lang: QueryLanguage,
    ) -> Option<ItemReader> {
        let (node, pointer, checked) = self.map_object(
            c,
            "ItemReader",
            p,
            what,
            lang,
            (fields::ITEM_READER, fields::ITEM_READER_GROUPS),
        )?;
        let reader_what = format!("`ItemReader` of {what}");
        let reader_config = self
            .map_object(
                &checked,
                "ReaderConfig",
                &pointer,
                &reader_what,
                lang,
                (fields::READER_CONFIG, fields::READER_CONFIG_GROUPS),
            )
            .map(|(config, rp, rc)| {
                self.reader_combinations(config, &rc, &rp, &reader_what);
                (rp, rc)
            })
            .map(|(rp, rc)| ReaderConfig {
                input_type: string(&rc, "InputType", &rp),
                csv_header_location: string(&rc, "CSVHeaderLocation", &rp),
                csv_headers: node_field(&rc, "CSVHeaders", &rp),
                csv_delimiter: string(&rc, "CSVDelimiter", &rp),
                max_items: dyn_int(&rc, "MaxItems", &rp),
                max_items_path: string(&rc, "MaxItemsPath", &rp),
                manifest_type: string(&rc, "ManifestType", &rp),
                items_pointer: string(&rc, "ItemsPointer", &rp),
            });
        Some(ItemReader {
            span: node.span,
            resource: string(&checked, "Resource", &pointer),
            reader_config,
            parameters: node_field(&checked, "Parameters", &pointer),
            arguments: node_field(&checked, "Arguments", &pointer),
            pointer,
        })
    }

    /// `CSVHeaderLocation: GIVEN` needs `CSVHeaders`, and `CSVHeaders` needs `GIVEN`;
    /// `ItemsPointer` reads JSON input only (rules.md 5.13).
    fn reader_combinations(&mut self, config: &Node, rc: &Checked<'_>, rp: &Pointer, what: &str) {
        let location = rc.get("CSVHeaderLocation").and_then(|m| m.value.as_str());
        let input_type = rc.get("InputType").and_then(|m| m.value.as_str());
        let what = format!("`ReaderConfig` of {what}");
        if location == Some("GIVEN") && config.get("CSVHeaders").is_none() && !config.damaged {
            let key = rc
                .get("CSVHeaderLocation")
                .map_or(config.span, |m| m.key.span);
            self.out.push(
                Diagnostic::new(
                    &MISSING_FIELD,
                    key,
                    format!("{what} has `CSVHeaderLocation: GIVEN` but no `CSVHeaders`"),
                )
                .help("list the column names in `CSVHeaders`, or read them from the file with `FIRST_ROW`")
                .pointer(rp.as_str()),
            );
        }
        if let Some(headers) = rc.get("CSVHeaders") {
            if location != Some("GIVEN") {
                self.out.push(
                    Diagnostic::new(
                        &UNSUPPORTED_FIELD,
                        headers.key.span,
                        format!("field `CSVHeaders` is only supported with `CSVHeaderLocation: GIVEN` in {what}"),
                    )
                    .help("set `CSVHeaderLocation` to `GIVEN`, or remove `CSVHeaders`")
                    .pointer(rp.key("CSVHeaders").as_str()),
                );
            }
        }
        if let Some(pointer) = rc.get("ItemsPointer") {
            if input_type.is_some_and(|t| t != "JSON") {
                self.out.push(
                    Diagnostic::new(
                        &UNSUPPORTED_FIELD,
                        pointer.key.span,
                        format!("field `ItemsPointer` is only supported with `InputType: JSON` in {what}"),
                    )
                    .pointer(rp.key("ItemsPointer").as_str()),
                );
            }
        }
    }

    fn item_batcher(
        &mut self,
        c: &Checked<'_>,
        p: &Pointer,
        what: &str,
        lang: QueryLanguage,
    ) -> Option<ItemBatcher> {
        let (node, pointer, checked) = self.map_object(
            c,
            "ItemBatcher",
            p,
            what,
            lang,
            (fields::ITEM_BATCHER, fields::ITEM_BATCHER_GROUPS),
        )?;
        Some(ItemBatcher {
            span: node.span,
            max_items_per_batch: dyn_int(&checked, "MaxItemsPerBatch", &pointer),
            max_items_per_batch_path: string(&checked, "MaxItemsPerBatchPath", &pointer),
            max_input_bytes_per_batch: dyn_int(&checked, "MaxInputBytesPerBatch", &pointer),
            max_input_bytes_per_batch_path: string(&checked, "MaxInputBytesPerBatchPath", &pointer),
            batch_input: node_field(&checked, "BatchInput", &pointer),
            pointer,
        })
    }

    fn result_writer(
        &mut self,
        c: &Checked<'_>,
        p: &Pointer,
        what: &str,
        lang: QueryLanguage,
    ) -> Option<ResultWriter> {
        let (node, pointer, checked) = self.map_object(
            c,
            "ResultWriter",
            p,
            what,
            lang,
            (fields::RESULT_WRITER, fields::NO_GROUPS),
        )?;
        let writer_what = format!("`ResultWriter` of {what}");
        let config = self.map_object(
            &checked,
            "WriterConfig",
            &pointer,
            &writer_what,
            lang,
            (fields::WRITER_CONFIG, fields::WRITER_CONFIG_GROUPS),
        );
        let (output_type, transformation) = match &config {
            Some((_, wp, wc)) => (
                string(wc, "OutputType", wp),
                string(wc, "Transformation", wp),
            ),
            None => (None, None),
        };
        Some(ResultWriter {
            span: node.span,
            resource: string(&checked, "Resource", &pointer),
            parameters: node_field(&checked, "Parameters", &pointer),
            arguments: node_field(&checked, "Arguments", &pointer),
            output_type,
            transformation,
            pointer,
        })
    }
}
