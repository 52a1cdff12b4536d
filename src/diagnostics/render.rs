//! Renderers: one module per output format, each over the same `&[FileReport]`.
