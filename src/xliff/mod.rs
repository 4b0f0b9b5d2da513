//! XLIFF, the format translators' tools exchange: write 1.2 and 2.0/2.1,
//! read them back as CAT tools return them. A format, not a pipeline: what
//! goes into a unit is decided in [`crate::workflow`].

mod model;
mod read;
mod write;

use std::path::PathBuf;

pub use model::{
    AltMatch, Block, Code, CodeKind, Content, Document, File, GlossEntry, Inline, Note, Part,
    Segment, State, Unit, Version,
};
pub use read::{decode, parse, parse_text, read};
pub use write::{WriteOptions, write};

/// An XLIFF file that cannot be read or written.
#[derive(Debug, thiserror::Error)]
pub enum XliffError {
    /// The file could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Not well-formed XML.
    #[error("{}:{line}:{column}: malformed XML: {message}", path.display())]
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    /// Well-formed, but not XLIFF tarjuman can use: an unknown version, a
    /// missing attribute, duplicate ids, a DOCTYPE with entities.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Invalid {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    /// Text that XML cannot hold (a control character), found while
    /// writing.
    #[error("{message}")]
    Unwritable { message: String },
}
