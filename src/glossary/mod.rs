//! Glossaries: concepts with terms in several languages.
//!
//! The model is concept-oriented, as TBX is: a [`Concept`] (a person, a
//! title, an institution, a place, an event) has terms per language, each
//! with a [`Status`] that says whether translators should use it. The file
//! formats (TBX, CSV/TSV) read into and write from this model; recognition
//! and lint work on it.

use std::fmt;
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
    let primary = |tag: &str| {
        tag.split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase()
    };
    primary(a) == primary(b)
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
