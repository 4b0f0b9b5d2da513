//! The bilingual document as XLIFF 1.2 and 2.x both see it: files of
//! units, each unit a paragraph of segments, with the matches and glossary
//! entries attached to them. Plain structs with owned strings: the writer
//! takes them by reference, the reader builds them once.

use std::fmt;
use std::str::FromStr;

/// An XLIFF version tarjuman reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Version {
    /// XLIFF 1.2 (OASIS Standard 2008): what every CAT tool reads.
    #[default]
    V1_2,
    /// XLIFF 2.0 (2014).
    V2_0,
    /// XLIFF 2.1 (2018): 2.0 with the ITS module; the same namespace.
    V2_1,
}

impl Version {
    pub fn as_str(self) -> &'static str {
        match self {
            Version::V1_2 => "1.2",
            Version::V2_0 => "2.0",
            Version::V2_1 => "2.1",
        }
    }

    /// Whether this is XLIFF 2.x.
    pub fn is_2(self) -> bool {
        !matches!(self, Version::V1_2)
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Version {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "1.2" => Ok(Version::V1_2),
            "2.0" | "2" => Ok(Version::V2_0),
            "2.1" => Ok(Version::V2_1),
            _ => Err(format!(
                "`{s}` is not an XLIFF version tarjuman knows (1.2, 2.0 or 2.1)"
            )),
        }
    }
}

/// An XLIFF document: one source and one target language, one or more
/// files (tarjuman writes one file per release).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    pub version: Version,
    /// BCP 47 tags as written (`en`, `ur-PK`).
    pub source_lang: String,
    pub target_lang: Option<String>,
    pub files: Vec<File>,
}

/// One original document inside an XLIFF document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct File {
    /// The 2.x file `id` (1.2 has none: the reader numbers them `f1`, …).
    pub id: String,
    /// The original document's name (`original`).
    pub original: String,
    /// 1.2 `datatype` (`plaintext` for a release).
    pub datatype: Option<String>,
    pub units: Vec<Unit>,
    /// 1-based line and column of the `<file>` start tag (0 when built in
    /// memory).
    pub line: usize,
    pub column: usize,
}

/// A unit: one paragraph, heading or list item of the release.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Unit {
    pub id: String,
    /// What the unit is in its document: 1.2 `restype` (`x-paragraph`,
    /// `x-heading-2`, `x-list-item`), 2.x `type` (`tj:paragraph`, …).
    /// Kept as written; [`Unit::block`] interprets tarjuman's own values.
    pub kind: Option<String>,
    /// 1.2 `resname`, 2.x `name`: for a list item, its marker (`-`, `2.`).
    pub name: Option<String>,
    /// `translate="no"`.
    pub translate: bool,
    /// The unit's content in order: segments and the text between them.
    pub parts: Vec<Part>,
    pub notes: Vec<Note>,
    pub matches: Vec<AltMatch>,
    pub terms: Vec<GlossEntry>,
    /// 1-based line and column of the unit's start tag (0 when built in
    /// memory).
    pub line: usize,
    pub column: usize,
}

/// What a unit is in tarjuman's own exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Block {
    Paragraph,
    /// A heading of level 1–6.
    Heading(u8),
    ListItem,
}

impl Block {
    /// The 1.2 `restype` for this block.
    pub fn restype(self) -> String {
        match self {
            Block::Paragraph => "x-paragraph".into(),
            Block::Heading(level) => format!("x-heading-{level}"),
            Block::ListItem => "x-list-item".into(),
        }
    }

    /// The 2.x unit `type` for this block.
    pub fn unit_type(self) -> String {
        match self {
            Block::Paragraph => "tj:paragraph".into(),
            Block::Heading(level) => format!("tj:heading-{level}"),
            Block::ListItem => "tj:list-item".into(),
        }
    }

    /// Reads a `restype` or `type` written by [`Block::restype`] or
    /// [`Block::unit_type`].
    pub fn parse(kind: &str) -> Option<Block> {
        let name = kind
            .strip_prefix("x-")
            .or_else(|| kind.strip_prefix("tj:"))?;
        match name {
            "paragraph" => Some(Block::Paragraph),
            "list-item" => Some(Block::ListItem),
            _ => {
                let level: u8 = name.strip_prefix("heading-")?.parse().ok()?;
                (1..=6).contains(&level).then_some(Block::Heading(level))
            }
        }
    }
}

impl Unit {
    /// The block this unit stands for, if tarjuman wrote it.
    pub fn block(&self) -> Option<Block> {
        self.kind.as_deref().and_then(Block::parse)
    }

    pub fn segments(&self) -> impl Iterator<Item = &Segment> {
        self.parts.iter().filter_map(|part| match part {
            Part::Segment(segment) => Some(segment),
            Part::Ignorable { .. } => None,
        })
    }

    pub fn segments_mut(&mut self) -> impl Iterator<Item = &mut Segment> {
        self.parts.iter_mut().filter_map(|part| match part {
            Part::Segment(segment) => Some(segment),
            Part::Ignorable { .. } => None,
        })
    }
}

/// A piece of a unit's content.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    Segment(Segment),
    /// Text between segments (usually the space after a sentence): 1.2
    /// text outside the `mrk`s of `seg-source`, 2.x `<ignorable>`.
    Ignorable {
        source: Content,
        target: Option<Content>,
    },
}

/// One sentence and its translation.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Segment {
    /// 1.2 `mid`, 2.x segment `id`.
    pub id: String,
    pub source: Content,
    pub target: Option<Content>,
    pub state: State,
    /// 1.2 `state-qualifier`; 2.x `subState`.
    pub qualifier: Option<String>,
    /// 1-based line and column of the target (else the source) content.
    pub line: usize,
    pub column: usize,
    /// Byte offsets, in the file read, of the start tags holding the
    /// source and the target (`<source>`, `<target>` or a segment `mrk`):
    /// where a check's finding in the text points. 0 and `None` for
    /// segments not read from a file.
    pub source_at: usize,
    pub target_at: Option<usize>,
}

/// How far a segment's translation has come, on one scale for both
/// versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, PartialOrd, Ord)]
pub enum State {
    /// Nothing done (1.2 `new`, `needs-translation`, `needs-*`; 2.x
    /// `initial`; no state at all).
    #[default]
    Initial,
    /// Pre-filled or changed, to be checked (1.2 `needs-review-*`).
    NeedsReview,
    /// Translated (1.2 `translated`; 2.x `translated`).
    Translated,
    /// Reviewed (1.2 `signed-off`; 2.x `reviewed`).
    Reviewed,
    /// Final (1.2 `final` or `approved="yes"`; 2.x `final`).
    Final,
}

impl State {
    /// Whether a translator has confirmed the translation: what `xliff
    /// import` takes into the memory.
    pub fn is_confirmed(self) -> bool {
        self >= State::Translated
    }

    /// Reads a 1.2 `state` (unknown values, `x-…` included, are
    /// `Initial`).
    pub fn from_1_2(state: &str) -> State {
        match state {
            "translated" => State::Translated,
            "signed-off" => State::Reviewed,
            "final" => State::Final,
            s if s.starts_with("needs-review") => State::NeedsReview,
            _ => State::Initial,
        }
    }

    /// Whether `state` is one XLIFF 1.2 defines, a tool's own (`x-…`), or
    /// a `needs-…` some tools write outside the list (`needs-review`, read
    /// as needing review); empty is no state.
    pub fn is_1_2(state: &str) -> bool {
        state.is_empty()
            || state.starts_with("x-")
            || state.starts_with("needs-")
            || matches!(
                state,
                "final"
                    | "needs-adaptation"
                    | "needs-l10n"
                    | "needs-review-adaptation"
                    | "needs-review-l10n"
                    | "needs-review-translation"
                    | "needs-translation"
                    | "new"
                    | "signed-off"
                    | "translated"
            )
    }

    /// Whether `state` is one XLIFF 2 defines (a tool's own goes in
    /// `subState`).
    pub fn is_2(state: &str) -> bool {
        matches!(state, "initial" | "translated" | "reviewed" | "final")
    }

    /// Reads a 2.x `state`.
    pub fn from_2(state: &str) -> State {
        match state {
            "translated" => State::Translated,
            "reviewed" => State::Reviewed,
            "final" => State::Final,
            _ => State::Initial,
        }
    }
}

/// Segment content: text with inline codes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Content(pub Vec<Inline>);

/// A piece of content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Code(Code),
}

/// An inline code: formatting or a placeholder the translator must keep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code {
    pub kind: CodeKind,
    /// The element (`g`, `x`, `bx`, `ex`, `ph`, `bpt`, `ept`, `it`, `pc`,
    /// `sc`, `ec`, `mrk`, `sm`, `em`).
    pub element: String,
    /// `id` (or `rid` for a closing code that refers to its opening one).
    pub id: String,
    /// Native data, where the format carries it (1.2 `ph`/`bpt` content).
    pub data: Option<String>,
}

/// Where an inline code stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeKind {
    Open,
    Close,
    Standalone,
}

impl Content {
    /// Content of plain text.
    pub fn text(text: impl Into<String>) -> Content {
        let text = text.into();
        if text.is_empty() {
            Content(Vec::new())
        } else {
            Content(vec![Inline::Text(text)])
        }
    }

    /// The text without codes.
    pub fn plain(&self) -> String {
        let mut out = String::new();
        for inline in &self.0 {
            if let Inline::Text(text) = inline {
                out.push_str(text);
            }
        }
        out
    }

    pub fn codes(&self) -> impl Iterator<Item = &Code> {
        self.0.iter().filter_map(|inline| match inline {
            Inline::Code(code) => Some(code),
            Inline::Text(_) => None,
        })
    }

    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|inline| match inline {
            Inline::Text(text) => text.is_empty(),
            Inline::Code(_) => false,
        })
    }

    /// Appends text, merging it with text before it.
    pub fn push_text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        if let Some(Inline::Text(last)) = self.0.last_mut() {
            last.push_str(text);
        } else {
            self.0.push(Inline::Text(text.to_owned()));
        }
    }
}

/// A note on a unit.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Note {
    /// 1.2 `from`; 2.x `category`.
    pub from: Option<String>,
    pub text: String,
}

/// A translation proposed from the memory (1.2 `alt-trans`, 2.x
/// `mtc:match`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AltMatch {
    /// The segment it is for (1.2 `mid`; 2.x `ref` without the `#`).
    pub segment: String,
    /// The match percentage (100 identical, 101 in context).
    pub quality: Option<f64>,
    /// Where it comes from (the TMX file).
    pub origin: Option<String>,
    pub source: Content,
    pub target: Content,
}

/// A glossary term found in a segment (1.2 `<note from="glossary">`, 2.x
/// `gls:glossEntry`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GlossEntry {
    /// The segment it was found in.
    pub segment: String,
    /// The term as the glossary writes it.
    pub term: String,
    /// The glossary it comes from.
    pub origin: Option<String>,
    /// Translations in the target language, preferred first, with their
    /// status (`preferred`, `admitted`, …).
    pub translations: Vec<(String, String)>,
    /// A note for the translator (forbidden forms, the concept's note).
    pub note: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_parse_and_print() {
        for v in [Version::V1_2, Version::V2_0, Version::V2_1] {
            assert_eq!(v.as_str().parse::<Version>(), Ok(v));
        }
        assert!("1.1".parse::<Version>().is_err());
    }

    #[test]
    fn blocks_round_trip_through_both_spellings() {
        for block in [Block::Paragraph, Block::Heading(3), Block::ListItem] {
            assert_eq!(Block::parse(&block.restype()), Some(block));
            assert_eq!(Block::parse(&block.unit_type()), Some(block));
        }
        assert_eq!(Block::parse("x-heading-7"), None);
        assert_eq!(Block::parse("string"), None);
    }

    #[test]
    fn states_order_and_confirmation() {
        assert!(!State::from_1_2("needs-review-translation").is_confirmed());
        assert!(State::from_1_2("signed-off").is_confirmed());
        assert!(State::from_2("final").is_confirmed());
        assert!(!State::from_2("initial").is_confirmed());
        assert!(!State::from_1_2("x-custom").is_confirmed());
    }

    #[test]
    fn content_text_merges_and_drops_codes() {
        let mut c = Content::text("a");
        c.push_text("b");
        c.0.push(Inline::Code(Code {
            kind: CodeKind::Standalone,
            element: "x".into(),
            id: "1".into(),
            data: None,
        }));
        c.push_text("c");
        assert_eq!(c.plain(), "abc");
        assert_eq!(c.0.len(), 3);
        assert!(Content::text("").is_empty());
    }
}
