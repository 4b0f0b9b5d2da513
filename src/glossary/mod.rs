//! Glossaries: concepts with terms in several languages.
//!
//! The model is concept-oriented, as TBX is: a [`Concept`] (a person, a
//! title, an institution, a place, an event) has terms per language, each
//! with a [`Status`] that says whether translators should use it. The file
//! formats (TBX, CSV/TSV) read into and write from this model; recognition
//! and lint work on it.
//!
//! [`Glossary::load`] and [`Glossary::save`] pick the format by extension:
//! `.tbx` and `.xml` are TBX ([`tbx`]), `.csv` comma-separated and `.tsv`
//! and `.txt` tab-separated values ([`csv`]). Saving writes a temporary file
//! beside the target and renames it, so a failed run leaves no half-written
//! glossary.

pub mod csv;
pub mod lint;
pub mod recognize;
pub mod tbx;

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// A glossary: concepts in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Glossary {
    pub concepts: Vec<Concept>,
}

/// One concept and its terms in every language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Concept {
    /// Unique within the glossary (`seed-001`).
    pub id: String,
    pub kind: Option<Kind>,
    /// Subject field (TBX `subjectField`), free text.
    pub subject: Option<String>,
    pub note: Option<String>,
    pub terms: Vec<Term>,
    /// Where the concept starts in its file (1-based line), for diagnostics.
    pub line: usize,
}

/// What a concept names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Person,
    Title,
    Org,
    Place,
    Event,
}

/// One term of a concept in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// BCP 47 tag as written in the file (`en`, `ru`, `ur-PK`).
    pub lang: String,
    pub text: String,
    pub status: Status,
    /// Part of speech (TBX `partOfSpeech`), free text (`noun`, `properNoun`).
    pub part_of_speech: Option<String>,
    pub matching: Matching,
    pub note: Option<String>,
    /// 1-based line and column of the term's text in its file.
    pub line: usize,
    pub column: usize,
}

/// Whether translators should use a term (TBX administrative status).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// The term to use (TBX `preferredTerm-admn-sts`).
    Preferred,
    /// Acceptable (`admittedTerm-admn-sts`).
    Admitted,
    /// To be avoided (`deprecatedTerm-admn-sts`).
    Deprecated,
    /// Wrong: a misspelling or a form that must not be used
    /// (`supersededTerm-admn-sts` in TBX, `forbidden` in CSV).
    Forbidden,
}

/// How a term is recognized in text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Matching {
    /// The language's default: stemming where the language inflects.
    #[default]
    Default,
    /// Exactly (after the matching keys: case, Unicode forms, letter folding).
    Exact,
    /// Every word by its stem (Russian cases).
    Stem,
    /// Exactly one of these forms (the term itself is always one).
    Forms(Vec<String>),
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Person,
        Kind::Title,
        Kind::Org,
        Kind::Place,
        Kind::Event,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Title => "title",
            Kind::Org => "org",
            Kind::Place => "place",
            Kind::Event => "event",
        }
    }
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Preferred,
        Status::Admitted,
        Status::Deprecated,
        Status::Forbidden,
    ];

    /// The name used in CSV files and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Preferred => "preferred",
            Status::Admitted => "admitted",
            Status::Deprecated => "deprecated",
            Status::Forbidden => "forbidden",
        }
    }

    /// Whether using the term is a finding (deprecated or forbidden).
    pub fn is_discouraged(self) -> bool {
        matches!(self, Status::Deprecated | Status::Forbidden)
    }
}

/// A status value that [`Glossary::parse_lenient`] did not know: the strict
/// readers refuse the file, the lenient path records it here and gives the
/// term [`Status::Admitted`] (neither preferred nor discouraged, so no other
/// finding depends on the guess).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownStatus {
    /// The value as written.
    pub value: String,
    /// Index of the concept in [`Glossary::concepts`].
    pub concept: usize,
    /// 1-based line and column of the value in the file.
    pub line: usize,
    pub column: usize,
}

/// A glossary read by [`Glossary::parse_lenient`], with what the strict
/// readers would have refused.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lenient {
    pub glossary: Glossary,
    pub unknown_statuses: Vec<UnknownStatus>,
}

/// A status or kind name that is not one of the known ones.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} `{value}`: expected one of {expected}")]
pub struct UnknownName {
    pub what: &'static str,
    pub value: String,
    pub expected: String,
}

impl FromStr for Status {
    type Err = UnknownName;

    /// Accepts the CSV names and the TBX values (`preferredTerm-admn-sts`,
    /// `supersededTerm-admn-sts`, …), case-insensitively.
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        let name = value.trim().to_ascii_lowercase();
        let name = name.strip_suffix("term-admn-sts").unwrap_or(&name);
        Ok(match name {
            "preferred" => Status::Preferred,
            "admitted" => Status::Admitted,
            "deprecated" => Status::Deprecated,
            "forbidden" | "superseded" => Status::Forbidden,
            _ => {
                return Err(UnknownName {
                    what: "status",
                    value: value.to_owned(),
                    expected: Status::ALL.map(Status::as_str).join(", "),
                });
            }
        })
    }
}

impl FromStr for Kind {
    type Err = UnknownName;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Kind::ALL
            .into_iter()
            .find(|kind| value.trim().eq_ignore_ascii_case(kind.as_str()))
            .ok_or_else(|| UnknownName {
                what: "kind",
                value: value.to_owned(),
                expected: Kind::ALL.map(Kind::as_str).join(", "),
            })
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Concept {
    /// The terms of the concept in `lang` (primary subtag compared
    /// case-insensitively: `en-US` is `en`).
    pub fn terms_in<'a>(&'a self, lang: &'a str) -> impl Iterator<Item = &'a Term> + 'a {
        self.terms
            .iter()
            .filter(move |term| same_language(&term.lang, lang))
    }

    /// The preferred term in `lang`, or the first admitted one.
    pub fn preferred<'a>(&'a self, lang: &'a str) -> Option<&'a Term> {
        self.terms_in(lang)
            .find(|t| t.status == Status::Preferred)
            .or_else(|| self.terms_in(lang).find(|t| t.status == Status::Admitted))
    }
}

/// Whether two BCP 47 tags name the same language (primary subtags equal,
/// case-insensitively).
pub fn same_language(a: &str, b: &str) -> bool {
    crate::lang::primary(a).eq_ignore_ascii_case(crate::lang::primary(b))
}

/// A glossary file format, chosen by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// TBX: ISO 30042:2019 TBX-Basic (DCT style) written; 2019 and 2008 read.
    Tbx,
    /// Comma-separated values (`.csv`).
    Csv,
    /// Tab-separated values (`.tsv`, `.txt`).
    Tsv,
}

impl Format {
    /// The format of `path` by its extension (case-insensitive).
    pub fn of(path: &Path) -> Result<Format, GlossaryError> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("tbx" | "xml") => Ok(Format::Tbx),
            Some("csv") => Ok(Format::Csv),
            Some("tsv" | "txt") => Ok(Format::Tsv),
            _ => Err(GlossaryError::UnknownFormat {
                path: path.to_owned(),
            }),
        }
    }
}

/// Why a glossary could not be read or written. Every problem inside a
/// file names the file, a 1-based line and a 1-based column counted in
/// code points.
#[derive(Debug, thiserror::Error)]
pub enum GlossaryError {
    /// The file could not be read.
    #[error("{}: cannot read glossary", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The file (or its temporary file) could not be written or renamed.
    #[error("{}: cannot write glossary", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The extension names no glossary format.
    #[error(
        "{}: unknown glossary format (expected .tbx or .xml for TBX, .csv, .tsv or .txt)",
        path.display()
    )]
    UnknownFormat { path: PathBuf },
    /// The text is not well-formed: bad XML, bad quoting, not UTF-8.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    /// A DOCTYPE that declares entities (refused: no XXE, no billion laughs).
    #[error(
        "{}:{line}:{column}: DOCTYPE with entity declarations refused (tarjuman expands no entities and fetches nothing)",
        path.display()
    )]
    Doctype {
        path: PathBuf,
        line: usize,
        column: usize,
    },
    /// Well-formed, but not a glossary as tarjuman reads it: a wrong root
    /// element, an unknown status or column, a term outside a concept.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Invalid {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    /// The glossary cannot be written in the format asked for (a concept
    /// without terms in TBX, an id that is not an XML name, a form that
    /// contains the `|` separator).
    #[error("{}: {message}", path.display())]
    Unrepresentable { path: PathBuf, message: String },
}

impl GlossaryError {
    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            GlossaryError::Read { path, .. }
            | GlossaryError::Write { path, .. }
            | GlossaryError::UnknownFormat { path }
            | GlossaryError::Syntax { path, .. }
            | GlossaryError::Doctype { path, .. }
            | GlossaryError::Invalid { path, .. }
            | GlossaryError::Unrepresentable { path, .. } => path,
        }
    }

    /// Line and column (1-based) when the error is inside the file.
    pub fn position(&self) -> Option<(usize, usize)> {
        match self {
            GlossaryError::Syntax { line, column, .. }
            | GlossaryError::Doctype { line, column, .. }
            | GlossaryError::Invalid { line, column, .. } => Some((*line, *column)),
            _ => None,
        }
    }
}

impl Glossary {
    /// Reads a glossary, the format chosen by the extension.
    pub fn load(path: &Path) -> Result<Glossary, GlossaryError> {
        let format = Format::of(path)?;
        let bytes = std::fs::read(path).map_err(|source| GlossaryError::Read {
            path: path.to_owned(),
            source,
        })?;
        Glossary::parse(&bytes, path, format)
    }

    /// Parses a glossary's bytes in `format`; `path` names it in errors
    /// (and, for headerless TSV, carries the languages: `terms.en-ru.txt`).
    pub fn parse(bytes: &[u8], path: &Path, format: Format) -> Result<Glossary, GlossaryError> {
        match format {
            Format::Tbx => tbx::read(bytes, path),
            Format::Csv => csv::read(bytes, path, b','),
            Format::Tsv => csv::read(bytes, path, b'\t'),
        }
    }

    /// Parses a glossary's decoded text like [`Glossary::parse`], but reads
    /// an unknown status value as [`Status::Admitted`] and records it
    /// instead of failing: `glossary lint` reports it as a finding and goes
    /// on. Everything else that is malformed is still an error.
    pub fn parse_lenient(
        text: &str,
        path: &Path,
        format: Format,
    ) -> Result<Lenient, GlossaryError> {
        let mut unknown = Vec::new();
        let glossary = match format {
            Format::Tbx => tbx::parse_with(text, path, Some(&mut unknown)),
            Format::Csv => csv::parse_with(text, path, b',', Some(&mut unknown)),
            Format::Tsv => csv::parse_with(text, path, b'\t', Some(&mut unknown)),
        }?;
        Ok(Lenient {
            glossary,
            unknown_statuses: unknown,
        })
    }

    /// Writes the glossary in the format of the extension, through a
    /// temporary file in the same folder that is renamed into place.
    pub fn save(&self, path: &Path) -> Result<(), GlossaryError> {
        let format = Format::of(path)?;
        let text = self.to_format(path, format)?;
        write_atomically(path, text.as_bytes())
    }

    /// The glossary as the text of a file in `format`; `path` is for errors.
    pub fn to_format(&self, path: &Path, format: Format) -> Result<String, GlossaryError> {
        match format {
            Format::Tbx => tbx::write(self, path),
            Format::Csv => csv::write(self, path, b','),
            Format::Tsv => csv::write(self, path, b'\t'),
        }
    }
}

/// Writes `bytes` to `path` atomically (see [`crate::io::write_atomically`]).
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), GlossaryError> {
    crate::io::write_atomically(path, |out| out.write_all(bytes)).map_err(|source| {
        GlossaryError::Write {
            path: path.to_owned(),
            source,
        }
    })
}

pub(crate) use crate::text::position::LineCounter;

/// Decodes a file's bytes: UTF-8 (a BOM is dropped) or UTF-16 with a BOM.
pub(crate) fn decode(bytes: &[u8], path: &Path) -> Result<String, GlossaryError> {
    // ASCII with zero bytes between: UTF-16 that lost its byte-order mark,
    // which as UTF-8 would be text full of U+0000.
    if matches!(bytes, [a, 0, b, 0, ..] | [0, a, 0, b, ..] if *a != 0 && a.is_ascii() && b.is_ascii())
    {
        return Err(GlossaryError::Syntax {
            path: path.to_owned(),
            line: 1,
            column: 1,
            message: "the file looks like UTF-16 without a byte-order mark: save it as UTF-8, \
                      or UTF-16 with one"
                .to_owned(),
        });
    }
    crate::text::position::decode(bytes).map_err(|stop| GlossaryError::Syntax {
        path: path.to_owned(),
        line: stop.line,
        column: stop.column,
        message: if stop.utf16 {
            "invalid UTF-16".to_owned()
        } else {
            "not UTF-8 text (glossaries are read as UTF-8, or UTF-16 with a BOM)".to_owned()
        },
    })
}

/// The concepts' ids, with `c<N>` (`N` the 1-based position, `c<N>-2`, … if
/// taken) for concepts without one: every reader and writer names an
/// anonymous concept the same way.
pub(crate) fn concept_ids(concepts: &[Concept]) -> Vec<String> {
    let taken: rustc_hash::FxHashSet<&str> = concepts.iter().map(|c| c.id.as_str()).collect();
    concepts
        .iter()
        .enumerate()
        .map(|(n, concept)| {
            if !concept.id.is_empty() {
                return concept.id.clone();
            }
            let base = format!("c{}", n + 1);
            let mut id = base.clone();
            let mut k = 1;
            while taken.contains(id.as_str()) {
                k += 1;
                id = format!("{base}-{k}");
            }
            id
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_from_csv_and_tbx_names() {
        assert_eq!("preferred".parse(), Ok(Status::Preferred));
        assert_eq!("Admitted".parse(), Ok(Status::Admitted));
        assert_eq!("deprecatedTerm-admn-sts".parse(), Ok(Status::Deprecated));
        assert_eq!("supersededTerm-admn-sts".parse(), Ok(Status::Forbidden));
        let err = "favourite".parse::<Status>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown status `favourite`: expected one of preferred, admitted, deprecated, forbidden"
        );
    }

    #[test]
    fn languages_compare_by_primary_subtag() {
        assert!(same_language("en-US", "EN"));
        assert!(!same_language("ur", "ru"));
    }
}
