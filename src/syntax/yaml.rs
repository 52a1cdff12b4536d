//! YAML into the spanned tree, from saphyr-parser's events.
//!
//! The tree is built iteratively from the event stream with an explicit stack of open mappings
//! and sequences, so nesting depth never costs native stack. Notes on the mapping to JSON:
//!
//! - Plain scalars are resolved by the YAML 1.2 core schema; quoted and block scalars are strings.
//! - Aliases are expanded by copying the anchored node. The copy's outer span is the alias (`*a`),
//!   the spans inside it are those of the anchored text, so findings inside a copy point at the
//!   text that has to change. Expansion is bounded (`yaml-alias-limit`).
//! - Merge keys (`<<: *a`, `<<: [*a, *b]`) are applied as YAML 1.1 loaders (and CloudFormation)
//!   do: explicit keys win, then earlier merged mappings over later ones.
//! - saphyr-parser reports positions in characters; they are converted to byte offsets here.
//! - saphyr-parser limits flow nesting (`[`, `{`) to 255 levels itself and reports "recursion
//!   limit exceeded"; that becomes `nesting-too-deep`. Its parser and scanner keep explicit
//!   stacks (no recursion per level) when driven through `next_event`, which is what is used here.

mod repair;
mod scalar;
#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Tag};

use self::scalar::Resolved;
use super::{Key, MAX_DEPTH, MAX_VALUES, Member, Node, Parsed, Span, Value, codes};
use crate::diagnostics::Diagnostic;

/// Alias copies may create at most this many nodes, plus [`NODES_PER_EVENT`] per parser event.
const MAX_NODES: usize = 100_000;
/// The node budget grows with the size of the document so large files without aliases never hit it.
const NODES_PER_EVENT: usize = 10;
/// The estimated memory alias copies may take.
const MAX_ALIAS_BYTES: usize = 16 << 20;
/// The rough cost of one node in the byte estimate, besides its strings.
const NODE_BYTES: usize = 64;

/// Parses the first document of `text`. When saphyr rejects a continuation line of a flow
/// collection or a quoted scalar for its indentation (PyYAML and CloudFormation accept those),
/// the text is re-indented and parsed again, positions mapped back ([`repair`]).
pub fn parse(text: &str) -> Parsed {
    let parsed = parse_once(text);
    let indentation = parsed
        .diagnostics
        .iter()
        .any(|d| d.rule.name == codes::SYNTAX_ERROR.name && d.message.contains("indented less"));
    if !indentation {
        return parsed;
    }
    let Some(repaired) = repair::reindent(text) else {
        return parsed;
    };
    let mut second = parse_once(&repaired.text);
    if second
        .diagnostics
        .iter()
        .any(|d| d.rule.name == codes::SYNTAX_ERROR.name)
    {
        return parsed;
    }
    repaired.map_back(second.root.as_mut(), &mut second.diagnostics);
    second
}

fn parse_once(text: &str) -> Parsed {
    let mut builder = Builder::new(text);
    let mut parser = Parser::new_from_str(text);
    let mut documents = 0usize;
    let mut failed = false;
    let mut values = 0usize;
    while let Some(result) = parser.next_event() {
        let (event, span) = match result {
            Ok(ok) => ok,
            Err(error) => {
                builder.scan_error(&error);
                failed = true;
                break;
            }
        };
        builder.events += 1;
        let span = builder.span(span);
        if matches!(
            event,
            Event::Scalar(..)
                | Event::Alias(_)
                | Event::SequenceStart(..)
                | Event::MappingStart(..)
        ) {
            values += 1;
            if values > MAX_VALUES {
                // Nothing more is read, and nothing of the file is checked.
                let mut diagnostics = builder.diagnostics;
                diagnostics.push(super::too_many_values(span));
                return Parsed {
                    root: None,
                    diagnostics,
                };
            }
        }
        match event {
            Event::StreamStart | Event::Nothing | Event::DocumentEnd => {}
            Event::StreamEnd => break,
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    builder.diagnostics.push(
                        Diagnostic::new(
                            &codes::YAML_MULTIPLE_DOCUMENTS,
                            span,
                            "this file holds more than one YAML document; only the first is checked",
                        )
                        .help("keep one state machine definition per file"),
                    );
                    break;
                }
            }
            Event::Scalar(value, style, anchor, tag) => {
                builder.scalar(&value, style, anchor, tag.as_deref(), span)
            }
            Event::Alias(id) => builder.alias(id, span),
            Event::SequenceStart(anchor, tag) => {
                builder.start(Kind::Seq(Vec::new()), anchor, tag.as_deref(), span)
            }
            Event::MappingStart(anchor, tag) => {
                builder.start(Kind::Map(MapFrame::default()), anchor, tag.as_deref(), span)
            }
            Event::SequenceEnd | Event::MappingEnd => builder.end(span),
        }
        builder.previous_end = span.end;
    }
    builder.finish(failed)
}

/// Positions in characters (as saphyr counts) to byte offsets.
enum Offsets {
    Ascii(usize),
    /// The byte offset of every character, and the text length at the end.
    Table(Vec<usize>),
}

impl Offsets {
    fn new(text: &str) -> Self {
        if text.is_ascii() {
            Offsets::Ascii(text.len())
        } else {
            let mut table: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            table.push(text.len());
            Offsets::Table(table)
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        match self {
            Offsets::Ascii(len) => char_index.min(*len),
            Offsets::Table(table) => table.get(char_index).or(table.last()).copied().unwrap_or(0),
        }
    }
}

/// A node built, with its cost: the number of nodes in it and an estimate of its memory.
#[derive(Clone)]
struct Built {
    node: Node,
    size: usize,
    bytes: usize,
}

/// How a completed node reads when it stands in key position.
enum KeyForm {
    /// A string key; `merge` when it is the plain `<<` merge key.
    Str { name: String, merge: bool },
    /// A plain scalar that resolves to something else (`200`, `true`, `null`): kept as its text.
    NonString { text: String, kind: &'static str },
    /// A mapping or sequence: the member is dropped.
    Collection(&'static str),
    /// A placeholder for something already reported: dropped without a word.
    Silent,
}

struct Item {
    built: Built,
    key: KeyForm,
    /// `.inf` / `.nan`: reported when the scalar lands in value position.
    non_json: bool,
}

enum Pending {
    NoKey,
    Key { key: Key, merge: bool },
    Dropped,
}

struct MapFrame {
    members: Vec<Member>,
    pending: Pending,
    /// Where each key was first seen, for `duplicate-key`.
    seen: HashMap<String, Span>,
    /// Mappings to merge in (`<<`), in priority order, and where the first merge key stood.
    merges: Vec<Node>,
    merge_at: Option<usize>,
}

impl Default for MapFrame {
    fn default() -> Self {
        MapFrame {
            members: Vec::new(),
            pending: Pending::NoKey,
            seen: HashMap::new(),
            merges: Vec::new(),
            merge_at: None,
        }
    }
}

enum Kind {
    Seq(Vec<Node>),
    Map(MapFrame),
}

struct Frame {
    kind: Kind,
    start: usize,
    end: usize,
    flow: bool,
    anchor: usize,
    size: usize,
    bytes: usize,
    damaged: bool,
    /// A tag other than the core schema's, kept on the node.
    tag: Option<Box<str>>,
}

enum Anchored {
    Node(Built),
    /// Too large to keep a copy of; any alias to it is over the limit.
    TooLarge,
}

struct Builder<'t> {
    text: &'t str,
    offsets: Offsets,
    diagnostics: Vec<Diagnostic>,
    anchors: HashMap<usize, Anchored>,
    stack: Vec<Frame>,
    root: Option<Node>,
    events: usize,
    nodes: usize,
    alias_bytes: usize,
    alias_limit_reported: bool,
    depth_reported: bool,
    /// While skipping a collection nested too deep: how many levels are open, and where it began.
    skipping: usize,
    skip_start: usize,
    /// Where the previous event ended: a block scalar's `|` or `>` header lies after it.
    previous_end: usize,
}

impl<'t> Builder<'t> {
    fn new(text: &'t str) -> Self {
        Builder {
            text,
            offsets: Offsets::new(text),
            diagnostics: Vec::new(),
            anchors: HashMap::new(),
            stack: Vec::new(),
            root: None,
            events: 0,
            nodes: 0,
            alias_bytes: 0,
            alias_limit_reported: false,
            depth_reported: false,
            skipping: 0,
            skip_start: 0,
            previous_end: 0,
        }
    }

    fn span(&self, span: saphyr_parser::Span) -> Span {
        let start = self.offsets.byte(span.start.index());
        let end = self.offsets.byte(span.end.index()).max(start);
        Span::new(start, end)
    }

    fn node_budget(&self) -> usize {
        MAX_NODES.saturating_add(self.events.saturating_mul(NODES_PER_EVENT))
    }

    /// Skips the node properties (`&anchor`, `!tag`) at the start of an event's span. Returns the
    /// offset of the content and the span of the tag, if one was seen.
    fn content_start(&self, span: Span) -> (usize, Option<Span>) {
        let bytes = self.text.as_bytes();
        let end = span.end.min(bytes.len());
        let mut i = span.start.min(end);
        let mut tag = None;
        loop {
            match bytes.get(i) {
                Some(b'&' | b'!') if i < end => {
                    let token_start = i;
                    while i < end && !is_separator(bytes[i]) {
                        i += 1;
                    }
                    if bytes[token_start] == b'!' {
                        tag = Some(Span::new(token_start, i));
                    }
                }
                _ => return (i, tag),
            }
            // White space, line breaks and comments between properties and content.
            while i < end {
                match bytes[i] {
                    b' ' | b'\t' | b'\r' | b'\n' => i += 1,
                    b'#' => {
                        while i < end && bytes[i] != b'\n' {
                            i += 1;
                        }
                    }
                    _ => break,
                }
            }
        }
    }

    fn scalar(
        &mut self,
        value: &str,
        style: ScalarStyle,
        anchor: usize,
        tag: Option<&Tag>,
        span: Span,
    ) {
        if self.skipping > 0 {
            return;
        }
        self.nodes += 1;
        let (mut content, tag_span) = self.content_start(span);
        if matches!(style, ScalarStyle::Literal | ScalarStyle::Folded)
            && !matches!(self.text.as_bytes().get(content), Some(b'|' | b'>'))
        {
            // saphyr starts a block scalar's span at its first line of content: start it at the
            // header instead, on the line of its key.
            let from = self.previous_end.min(content);
            if let Some(header) = self.text[from..content].find(['|', '>']) {
                content = from + header;
            }
        }
        let value_span = Span::new(content, span.end.max(content));
        let plain = style == ScalarStyle::Plain;
        let mut resolved = if plain {
            scalar::resolve_plain(value)
        } else {
            Resolved::String
        };
        if let Some(tag) = tag {
            let tag_span = tag_span.unwrap_or(value_span);
            match core_suffix(tag) {
                Some("str") => resolved = Resolved::String,
                Some("null") if scalar::is_null(value) => resolved = Resolved::Null,
                Some("bool") if scalar::as_bool(value).is_some() => {
                    resolved = scalar::as_bool(value).map_or(Resolved::String, Resolved::Bool)
                }
                Some("int" | "float") if scalar::as_number(value).is_some() => {
                    resolved = scalar::as_number(value).map_or(Resolved::String, Resolved::Number)
                }
                Some("null" | "bool" | "int" | "float") => {}
                _ => self.report_tag(tag, tag_span),
            }
        }
        let non_json = resolved == Resolved::NonJson;
        let (node_value, key) = match resolved {
            Resolved::String => (
                Value::String(value.to_owned()),
                KeyForm::Str {
                    name: value.to_owned(),
                    merge: plain && value == "<<" && tag.is_none(),
                },
            ),
            Resolved::Null => (Value::Null, non_string(value, "null")),
            Resolved::Bool(b) => (Value::Bool(b), non_string(value, "a boolean")),
            Resolved::Number(n) => (Value::Number(n), non_string(value, "a number")),
            Resolved::NonJson => (
                Value::String(value.to_owned()),
                non_string(value, "a floating-point number"),
            ),
        };
        let mut node = Node::new(node_value, value_span);
        node.tag = tag
            .filter(|t| core_suffix(t).is_none())
            .map(|t| tag_name(t).into_boxed_str());
        let built = Built {
            node,
            size: 1,
            bytes: NODE_BYTES + value.len(),
        };
        self.remember(anchor, &built);
        self.push(Item {
            built,
            key,
            non_json,
        });
    }

    fn report_tag(&mut self, tag: &Tag, span: Span) {
        let name = tag_name(tag);
        self.diagnostics.push(
            Diagnostic::new(
                &codes::YAML_TAG,
                span,
                format!(
                    "YAML tag `{name}` is not part of the Amazon States Language; the value is read as if it had no tag"
                ),
            )
            .help(
                "a definition must convert to JSON, which has no tags: write the final value \
                 (CloudFormation resolves tags such as `!Sub` only inside a template)",
            ),
        );
    }

    fn alias(&mut self, id: usize, span: Span) {
        if self.skipping > 0 {
            return;
        }
        let placeholder = Item {
            built: Built {
                node: Node::new(Value::Null, span),
                size: 1,
                bytes: NODE_BYTES,
            },
            key: KeyForm::Silent,
            non_json: false,
        };
        if self.alias_limit_reported {
            self.push(placeholder);
            return;
        }
        let name = self
            .text
            .get(span.start..span.end)
            .unwrap_or("*")
            .to_owned();
        let budget = self.node_budget();
        let (nodes, alias_bytes) = (self.nodes, self.alias_bytes);
        let copy = match self.anchors.get(&id) {
            Some(Anchored::Node(built))
                if nodes.saturating_add(built.size) <= budget
                    && alias_bytes.saturating_add(built.bytes) <= MAX_ALIAS_BYTES =>
            {
                Some(built.clone())
            }
            Some(_) => {
                self.alias_limit_reported = true;
                self.diagnostics.push(
                    Diagnostic::new(
                        &codes::YAML_ALIAS_LIMIT,
                        span,
                        format!(
                            "the alias `{name}` expands the document beyond the limit of {MAX_NODES} nodes \
                             (plus {NODES_PER_EVENT} per element written) or {} MiB; it and any later aliases are read as null",
                            MAX_ALIAS_BYTES >> 20
                        ),
                    )
                    .help("write the data out, or share smaller pieces"),
                );
                None
            }
            None => {
                if self.stack.iter().any(|f| f.anchor == id) {
                    self.diagnostics.push(
                        Diagnostic::new(
                            &codes::YAML_ALIAS_LIMIT,
                            span,
                            format!(
                                "the alias `{name}` refers to a node that contains it, which has no end; it is read as null"
                            ),
                        )
                        .help("YAML aliases cannot be recursive in JSON: write the data out"),
                    );
                }
                // Otherwise the anchor was inside a part skipped as too deep (already reported).
                None
            }
        };
        let Some(mut built) = copy else {
            self.push(placeholder);
            return;
        };
        self.nodes += built.size;
        self.alias_bytes += built.bytes;
        built.node.span = span;
        let key = match &built.node.value {
            Value::String(s) => KeyForm::Str {
                name: s.clone(),
                merge: false,
            },
            Value::Null => non_string("null", "null"),
            Value::Bool(b) => non_string(if *b { "true" } else { "false" }, "a boolean"),
            Value::Number(n) => non_string(&n.text, "a number"),
            Value::Array(_) => KeyForm::Collection("a sequence"),
            Value::Object(_) => KeyForm::Collection("a mapping"),
        };
        self.push(Item {
            built,
            key,
            non_json: false,
        });
    }

    fn start(&mut self, kind: Kind, anchor: usize, tag: Option<&Tag>, span: Span) {
        if self.skipping > 0 {
            self.skipping += 1;
            return;
        }
        self.nodes += 1;
        let (content, tag_span) = self.content_start(span);
        if let Some(tag) = tag {
            let ok = match kind {
                Kind::Seq(_) => core_suffix(tag) == Some("seq"),
                Kind::Map(_) => core_suffix(tag) == Some("map"),
            };
            if !ok {
                self.report_tag(tag, tag_span.unwrap_or(Span::at(content)));
            }
        }
        if self.stack.len() >= MAX_DEPTH {
            if !self.depth_reported {
                self.depth_reported = true;
                self.diagnostics.push(
                    Diagnostic::new(
                        &codes::NESTING_TOO_DEEP,
                        Span::new(content, span.end.max(content)),
                        format!(
                            "mappings and sequences are nested more than {MAX_DEPTH} levels deep here; the content below is skipped"
                        ),
                    )
                    .help("flatten the data, or pass it in as execution input"),
                );
            }
            self.skipping = 1;
            self.skip_start = content;
            return;
        }
        let flow = matches!(self.text.as_bytes().get(content), Some(b'[' | b'{'));
        self.stack.push(Frame {
            kind,
            start: content,
            end: if flow { span.end.max(content) } else { content },
            flow,
            anchor,
            size: 1,
            bytes: NODE_BYTES,
            damaged: false,
            tag: tag
                .filter(|t| core_suffix(t).is_none())
                .map(|t| tag_name(t).into_boxed_str()),
        });
    }

    fn end(&mut self, span: Span) {
        if self.skipping > 0 {
            self.skipping -= 1;
            if self.skipping == 0 {
                let node = Node::new(Value::Null, Span::new(self.skip_start, span.end));
                if let Some(parent) = self.stack.last_mut() {
                    parent.damaged = true;
                }
                self.push(Item {
                    built: Built {
                        node,
                        size: 1,
                        bytes: NODE_BYTES,
                    },
                    key: KeyForm::Silent,
                    non_json: false,
                });
            }
            return;
        }
        let Some(mut frame) = self.stack.pop() else {
            return;
        };
        if frame.flow {
            frame.end = frame.end.max(span.end);
        }
        let item = self.close(frame, false);
        self.push(item);
    }

    /// Turns a frame into its node. `damaged` when closed early after a syntax error.
    fn close(&mut self, mut frame: Frame, damaged: bool) -> Item {
        let span = Span::new(frame.start, frame.end.max(frame.start));
        let (value, key) = match frame.kind {
            Kind::Seq(items) => (Value::Array(items), KeyForm::Collection("a sequence")),
            Kind::Map(map) => (
                Value::Object(merge(map, &mut frame.damaged)),
                KeyForm::Collection("a mapping"),
            ),
        };
        let mut node = Node::new(value, span);
        node.damaged = frame.damaged || damaged;
        node.tag = frame.tag;
        let built = Built {
            node,
            size: frame.size,
            bytes: frame.bytes,
        };
        self.remember(frame.anchor, &built);
        Item {
            built,
            key,
            non_json: false,
        }
    }

    /// Keeps a copy of an anchored node for its aliases.
    fn remember(&mut self, anchor: usize, built: &Built) {
        if anchor == 0 {
            return;
        }
        let entry = if self.nodes.saturating_add(built.size) <= self.node_budget() {
            self.nodes += built.size;
            Anchored::Node(built.clone())
        } else {
            Anchored::TooLarge
        };
        self.anchors.insert(anchor, entry);
    }

    /// Adds a completed node to the open collection (or makes it the root).
    fn push(&mut self, item: Item) {
        let Item {
            built,
            key,
            non_json,
        } = item;
        let Some(frame) = self.stack.last_mut() else {
            if non_json {
                self.diagnostics.push(non_json_diagnostic(&built.node));
            }
            if self.root.is_none() {
                self.root = Some(built.node);
            }
            return;
        };
        frame.size = frame.size.saturating_add(built.size);
        frame.bytes = frame.bytes.saturating_add(built.bytes);
        if !frame.flow {
            frame.end = frame.end.max(built.node.span.end);
        }
        let map = match &mut frame.kind {
            Kind::Seq(items) => {
                if non_json {
                    self.diagnostics.push(non_json_diagnostic(&built.node));
                }
                items.push(built.node);
                return;
            }
            Kind::Map(map) => map,
        };
        match std::mem::replace(&mut map.pending, Pending::NoKey) {
            Pending::NoKey => {
                let span = built.node.span;
                frame.bytes = frame.bytes.saturating_add(24);
                map.pending = match key {
                    KeyForm::Str { name, merge } => Pending::Key {
                        key: Key { name, span },
                        merge,
                    },
                    KeyForm::NonString { text, kind } => {
                        self.diagnostics.push(
                            Diagnostic::new(
                                &codes::YAML_NON_STRING_KEY,
                                span,
                                format!(
                                    "mapping key `{text}` is {kind} in YAML, not a string; it is read as the string \"{text}\" as written"
                                ),
                            )
                            .help(format!(
                                "JSON keys are strings: AWS tools that convert YAML (CloudFormation among them) stringify such a key, not always as written (`0x1F` may become \"31\"); quote it: \"{text}\""
                            )),
                        );
                        Pending::Key {
                            key: Key { name: text, span },
                            merge: false,
                        }
                    }
                    KeyForm::Collection(kind) => {
                        self.diagnostics.push(
                            Diagnostic::new(
                                &codes::YAML_NON_STRING_KEY,
                                span,
                                format!(
                                    "this mapping key is {kind}, which JSON cannot have as a key; the member is dropped"
                                ),
                            )
                            .help("use a string key"),
                        );
                        Pending::Dropped
                    }
                    KeyForm::Silent => Pending::Dropped,
                };
            }
            Pending::Dropped => {}
            Pending::Key { key, merge } => {
                if non_json {
                    self.diagnostics.push(non_json_diagnostic(&built.node));
                }
                if merge && add_merge(map, &built.node) {
                    return;
                }
                if let Some(first) = map.seen.get(&key.name) {
                    self.diagnostics.push(
                        Diagnostic::new(
                            &codes::DUPLICATE_KEY,
                            key.span,
                            format!("duplicate key `{}` in this mapping", key.name),
                        )
                        .label(*first, "first defined here")
                        .help("AWS silently keeps only one of the values; remove the other"),
                    );
                } else {
                    map.seen.insert(key.name.clone(), key.span);
                }
                map.members.push(Member {
                    key,
                    value: built.node,
                });
            }
        }
    }

    fn scan_error(&mut self, error: &ScanError) {
        let at = self.offsets.byte(error.marker().index());
        let info = error.info().trim().trim_end_matches('.');
        if info == "recursion limit exceeded" {
            if !self.depth_reported {
                self.depth_reported = true;
                self.diagnostics.push(
                    Diagnostic::new(
                        &codes::NESTING_TOO_DEEP,
                        Span::new(at, self.text.len().min(at + 1).max(at)),
                        "flow sequences and mappings are nested more than 255 levels deep here; the rest of the file is skipped",
                    )
                    .help("flatten the data, or pass it in as execution input"),
                );
            }
        } else {
            let end = self.text[at..]
                .chars()
                .next()
                .map_or(at, |c| at + c.len_utf8());
            let (message, help) = syntax_message(info);
            let mut diagnostic = Diagnostic::new(&codes::SYNTAX_ERROR, Span::new(at, end), message);
            if let Some(help) = help {
                diagnostic = diagnostic.help(help);
            }
            self.diagnostics.push(diagnostic);
        }
    }

    fn finish(mut self, failed: bool) -> Parsed {
        if failed {
            // Close what is open so the part read so far is still checked.
            self.skipping = 0;
            while let Some(mut frame) = self.stack.pop() {
                if let Kind::Map(map) = &mut frame.kind {
                    map.pending = Pending::NoKey;
                }
                let item = self.close(frame, true);
                self.push(item);
            }
            // saphyr stops at the first error, and mappings it closed on the way there (by a
            // dedent, say) may have lost members too: nothing read is known to be complete.
            if let Some(root) = &mut self.root {
                mark_damaged(root);
            }
        } else if self.root.as_ref().is_none_or(|r| r.value == Value::Null) {
            let span = self.root.as_ref().map_or(Span::at(0), |r| r.span);
            self.root = None;
            self.diagnostics.push(
                Diagnostic::new(
                    &codes::EMPTY_DOCUMENT,
                    span,
                    "the YAML document is empty: there is no state machine definition",
                )
                .help("write the definition as a mapping with `StartAt` and `States`"),
            );
        }
        Parsed {
            root: self.root,
            diagnostics: self.diagnostics,
        }
    }
}

/// Marks every object and array under `root` as damaged, without recursion.
fn mark_damaged(root: &mut Node) {
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        match &mut node.value {
            Value::Object(members) => {
                node.damaged = true;
                stack.extend(members.iter_mut().map(|m| &mut m.value));
            }
            Value::Array(items) => {
                node.damaged = true;
                stack.extend(items.iter_mut());
            }
            _ => {}
        }
    }
}

/// A clearer wording for saphyr-parser's most common error messages, and a remedy where one is
/// obvious. Other messages are passed on as they are.
fn syntax_message(info: &str) -> (String, Option<&'static str>) {
    let (message, help) = match info {
        "simple key expect ':'" | "simple key expected" => (
            "expected `key: value` here",
            Some(
                "check the indentation of this line and the one before, and that the key ends with `:`",
            ),
        ),
        "invalid indentation" | "invalid indentation in flow construct" => (
            "this line is indented less than the block it belongs to",
            Some(
                "indent the lines of a `{...}` or `[...]` value more than its key (some YAML loaders accept less, the YAML 1.2 specification does not)",
            ),
        ),
        "invalid indentation in quoted scalar" => (
            "a line of this quoted string is indented less than the block it belongs to",
            Some("indent the continuation lines of a quoted string more than its key"),
        ),
        "while parsing node, found unknown anchor" => (
            "this alias refers to an anchor that is not defined before it",
            Some("define the anchor (`&name`) before its first use (`*name`)"),
        ),
        "while scanning a quoted scalar, found unexpected end of stream" => (
            "this quoted string is never closed",
            Some("add the closing quote"),
        ),
        "unexpected eof" => ("the file ends in the middle of a value", None),
        "tab cannot be used as indentation"
        | "tabs disallowed in this context"
        | "tabs disallowed within this context (block indentation)" => (
            "a tab is used for indentation",
            Some("YAML indentation must use spaces"),
        ),
        "mapping values are not allowed in this context" => (
            "unexpected `:` here",
            Some("a value that contains `: ` must be quoted; otherwise check the indentation"),
        ),
        _ => return (format!("invalid YAML: {info}"), None),
    };
    (format!("invalid YAML: {message}"), help)
}

fn is_separator(b: u8) -> bool {
    matches!(
        b,
        b' ' | b'\t' | b'\r' | b'\n' | b',' | b'[' | b']' | b'{' | b'}'
    )
}

fn non_string(text: &str, kind: &'static str) -> KeyForm {
    KeyForm::NonString {
        text: text.to_owned(),
        kind,
    }
}

fn non_json_diagnostic(node: &Node) -> Diagnostic {
    let text = node.as_str().unwrap_or("");
    Diagnostic::new(
        &codes::YAML_NON_JSON_VALUE,
        node.span,
        format!("`{text}` is a YAML float with no JSON form; it is read as a string"),
    )
    .help("JSON numbers are finite: use a finite number")
}

/// The suffix of a core-schema tag (`!!str` -> `str`).
fn core_suffix(tag: &Tag) -> Option<&str> {
    tag.is_yaml_core_schema().then_some(tag.suffix.as_str())
}

fn tag_name(tag: &Tag) -> String {
    if tag.is_yaml_core_schema() {
        format!("!!{}", tag.suffix)
    } else if tag.handle == "!" {
        format!("!{}", tag.suffix)
    } else if tag.handle.is_empty() {
        format!("!<{}>", tag.suffix)
    } else {
        format!("{}{}", tag.handle, tag.suffix)
    }
}

/// Records the value of a `<<` key when it is a mapping or a sequence of mappings. Returns
/// whether it was one (otherwise the caller keeps it as an ordinary member).
fn add_merge(map: &mut MapFrame, value: &Node) -> bool {
    let sources: Vec<&Node> = match &value.value {
        Value::Object(_) => vec![value],
        Value::Array(items) if items.iter().all(|n| n.as_object().is_some()) => {
            items.iter().collect()
        }
        _ => return false,
    };
    map.merge_at.get_or_insert(map.members.len());
    map.merges.extend(sources.into_iter().cloned());
    true
}

/// The members of a mapping with its merge keys applied.
fn merge(map: MapFrame, damaged: &mut bool) -> Vec<Member> {
    let MapFrame {
        mut members,
        merges,
        merge_at,
        ..
    } = map;
    let Some(at) = merge_at else {
        return members;
    };
    let mut taken: HashSet<String> = members.iter().map(|m| m.key.name.clone()).collect();
    let mut merged = Vec::new();
    for source in merges {
        if source.damaged {
            *damaged = true;
        }
        let Value::Object(source_members) = source.value else {
            continue;
        };
        // Within one source, the last of duplicate keys counts (as everywhere else).
        let mut picked: Vec<Member> = Vec::new();
        for member in source_members.into_iter().rev() {
            if taken.insert(member.key.name.clone()) {
                picked.push(member);
            }
        }
        picked.reverse();
        merged.extend(picked);
    }
    let at = at.min(members.len());
    members.splice(at..at, merged);
    members
}
