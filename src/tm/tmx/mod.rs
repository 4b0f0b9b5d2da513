//! TMX, the translation memory exchange format: read 1.1–1.4b as a stream,
//! write 1.4b.

mod read;
mod stream;
mod write;

use std::path::PathBuf;

pub use read::{Reader, decode, parse, read_all};
pub use write::Writer;

/// A TMX file that cannot be read or written.
#[derive(Debug, thiserror::Error)]
pub enum TmxError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}:{line}:{column}: malformed XML: {message}", path.display())]
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{}:{line}:{column}: {message}", path.display())]
    Invalid {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{}:{line}:{column}: {message}", path.display())]
    Encoding {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "{}:{line}:{column}: the DOCTYPE declares entities; tarjuman does not expand \
         them (a safeguard against entity expansion attacks): remove the declarations",
        path.display()
    )]
    Doctype {
        path: PathBuf,
        line: usize,
        column: usize,
    },
    #[error("{}: {message}", path.display())]
    Unwritable { path: PathBuf, message: String },
}
