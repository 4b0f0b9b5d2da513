//! SRX 2.0 segmentation rules.
//!
//! An SRX file (Segmentation Rules eXchange, LISA/OSCAR 2008) holds named
//! rule sets (`<languagerule>`) and a list of language maps that say which
//! rule sets apply to which language. This is the format OmegaT, Okapi,
//! LanguageTool and most CAT tools ship their rules in, so a user's
//! segmentation can follow the tool the translators use.
//!
//! # What the rules mean
//!
//! A rule is a pair of regexes, `beforebreak` and `afterbreak` (a missing
//! one is empty and matches anywhere), and a verdict (`break="yes"`, the
//! default, or `"no"`). At a position of the text, the **first** rule, in
//! order, whose `beforebreak` matches text ending exactly there and whose
//! `afterbreak` matches text starting exactly there decides; where no rule
//! matches, there is no break. Both regexes see the whole block of text
//! (`^`, `$`, `\b` and look-around refer to the block, not to the break).
//! With `cascade="yes"` the rules of every matching `<languagemap>` are
//! concatenated in map order; with `cascade="no"` only the first matching
//! map counts. A language pattern must match the whole language code.
//! It matches case-insensitively, which SRX does not say (a regex is
//! case-sensitive), but BCP 47 tags are case-insensitive and the files
//! OmegaT ships write `EN.*` for codes that tools write `en-US`.
//!
//! # How it is applied
//!
//! Running every rule at every position would cost rules × characters, and
//! finding `beforebreak` matches with a plain forward search would miss
//! match ends (non-overlapping iteration reports one end per start). So:
//!
//! 1. every `beforebreak` is compiled as a look-behind `(?<=…)`, which asks
//!    "does a match end exactly here?" and sees the text before the
//!    position; every `afterbreak` is tested as a search anchored at the
//!    position;
//! 2. each *break* rule proposes candidates: the start of every `afterbreak`
//!    match found by a forward search (restarting one character after each
//!    start, so no start is missed), or every end found by the look-behind
//!    when `afterbreak` is empty; a candidate remembers the first break rule
//!    that proposed it;
//! 3. a candidate is a break unless a *no-break* rule earlier than that
//!    break rule matches there. The no-break rules between two break rules
//!    are grouped by `afterbreak`, and the look-behinds of a group are
//!    joined into one alternation, so a file with hundreds of abbreviation
//!    rules costs a few checks per candidate, not hundreds.
//!
//! # Regex syntax
//!
//! SRX regexes are ICU/Java syntax; they are translated into `fancy_regex`
//! syntax ([`java`]) with ICU's Unicode semantics, which is also what Java
//! gives with `(?U)`: `\d \s \w \b` and the POSIX classes (`\p{Alpha}`,
//! `\p{Punct}`, …) are Unicode-aware and `(?i)` folds Cyrillic. A rule
//! written for Java's ASCII defaults can therefore match more than it did
//! in a Java tool. Whatever cannot be translated faithfully is an error that
//! names the file, the rule set, the rule and its line, never a rule
//! silently dropped: see [`SrxError::UnsupportedRegex`].
//!
//! # Reading files
//!
//! The file is UTF-8 (a BOM is allowed) or UTF-16 with a BOM. A DOCTYPE
//! that declares entities is refused, and nothing is ever fetched. SRX 1.0
//! files are read too (with a single `<maprule>`). `<formathandle>` and
//! elements of other namespaces (tools' extensions) are ignored; any other
//! unknown element is an error, since a misspelt one would drop rules. Regexes
//! are translated and compiled by [`Srx::rules_for`], for the rule sets
//! the language uses only (a file may have rules for languages whose
//! regexes tarjuman cannot translate); [`Srx::validate`] checks them all.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use fancy_regex::{Regex, RegexInput};
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::{NsReader, XmlVersion};

/// The namespaces of SRX 2.0 and 1.0; elements without a namespace are
/// read as SRX too.
const SRX_NAMESPACES: [&str; 2] = ["http://www.lisa.org/srx20", "http://www.lisa.org/srx10"];

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

/// A place in an SRX file: 1-based line, and 1-based column counted in
/// code points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SrxLocation {
    /// The file, as given to [`Srx::load`] or [`Srx::parse`].
    pub path: Arc<Path>,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in code points.
    pub column: usize,
}

impl fmt::Display for SrxLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.path.display(), self.line, self.column)
    }
}

/// Which regex of an SRX file an error is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegexSite {
    /// The `<beforebreak>` or `<afterbreak>` of a rule.
    Rule {
        /// The `languagerulename` of the rule set.
        rule_set: Arc<str>,
        /// The rule's number within its rule set, from 1.
        rule: usize,
        /// Which of the two regexes.
        part: RulePart,
    },
    /// The `languagepattern` of a `<languagemap>`.
    LanguageMap {
        /// The pattern as written.
        pattern: Arc<str>,
    },
}

impl fmt::Display for RegexSite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RegexSite::Rule {
                rule_set,
                rule,
                part,
            } => write!(f, "languagerule \"{rule_set}\", rule {rule}, {part}"),
            RegexSite::LanguageMap { pattern } => {
                write!(f, "languagemap languagepattern \"{pattern}\"")
            }
        }
    }
}

/// The two regexes of a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RulePart {
    /// `<beforebreak>`: text that must end at the break.
    BeforeBreak,
    /// `<afterbreak>`: text that must start at the break.
    AfterBreak,
}

impl fmt::Display for RulePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RulePart::BeforeBreak => "<beforebreak>",
            RulePart::AfterBreak => "<afterbreak>",
        })
    }
}

/// An error reading an SRX file, compiling its rules or applying them.
///
/// Every variant names the file; all but [`Io`](Self::Io) and
/// [`NoLanguageMap`](Self::NoLanguageMap) also give a line and column
/// ([`SrxError::location`]).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SrxError {
    /// The file could not be read.
    #[error("{}: cannot read SRX file: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why reading failed.
        #[source]
        source: std::io::Error,
    },
    /// The file is not well-formed XML, or not UTF-8 / UTF-16 text.
    #[error("{at}: malformed XML: {message}")]
    Xml {
        /// Where the parser stopped.
        at: SrxLocation,
        /// What is wrong.
        message: String,
    },
    /// The file has a DOCTYPE that declares entities. Entities can fetch
    /// files or URLs (XXE) or expand exponentially (billion laughs), and
    /// SRX needs none, so such files are refused outright.
    #[error("{at}: DOCTYPE with entity declarations is refused (SRX needs no entities)")]
    Doctype {
        /// The DOCTYPE.
        at: SrxLocation,
    },
    /// Well-formed XML that is not SRX 2.0 (or 1.0) as tarjuman reads it: a
    /// wrong root or version, a missing required attribute, a bad attribute
    /// value, an unexpected element, a duplicate rule set name, a
    /// `<languagemap>` naming a rule set that does not exist.
    #[error("{at}: invalid SRX: {message}")]
    Invalid {
        /// The offending element.
        at: SrxLocation,
        /// What is wrong.
        message: String,
    },
    /// A regex construct that cannot be translated faithfully from
    /// Java/ICU syntax: Java-only classes (`\p{javaLowerCase}`), Unicode
    /// blocks tarjuman does not know, `\X`, `\G`, `\N{…}`, `\b{…}`, the
    /// `x`, `d` and `-u` inline flags, `--` inside a class, malformed
    /// escapes and repetitions, unbalanced parentheses (see [`java`]).
    #[error(
        "{at}: {site}: unsupported regex construct `{construct}` at character {offset}: {reason}"
    )]
    UnsupportedRegex {
        /// The `<beforebreak>`, `<afterbreak>` or `<languagemap>` element.
        at: SrxLocation,
        /// Which regex.
        site: RegexSite,
        /// The construct, as written.
        construct: String,
        /// Where it starts in the regex, in characters from 1.
        offset: usize,
        /// Why it is refused, and what to write instead when there is a way.
        reason: String,
    },
    /// The regex engine refused a translated regex (a syntax error in the
    /// file, an unknown property name, a size limit).
    #[error("{at}: {site}: invalid regex: {message}")]
    Regex {
        /// The `<beforebreak>`, `<afterbreak>` or `<languagemap>` element.
        at: SrxLocation,
        /// Which regex.
        site: RegexSite,
        /// The engine's message.
        message: String,
    },
    /// No `<languagemap>` matches the language: segmenting with no rules at
    /// all is almost certainly a mistake (a typo in the code, or the wrong
    /// file), so it is an error rather than an empty rule set.
    #[error(
        "{}: no languagemap matches language `{lang}` (language patterns: {})",
        path.display(),
        quoted_list(patterns)
    )]
    NoLanguageMap {
        /// The file.
        path: PathBuf,
        /// The language code asked for.
        lang: String,
        /// Every `languagepattern` of the file, in order.
        patterns: Vec<String>,
    },
    /// A regex gave up on a text (its backtracking budget ran out). Only
    /// [`SrxRules::try_breaks`] reports it. No-break rules that share an
    /// afterbreak are run together; for them, the first of the group is
    /// named.
    #[error("{at}: {site}: regex failed on the text: {message}")]
    Runtime {
        /// The `<beforebreak>` or `<afterbreak>` element.
        at: SrxLocation,
        /// Which regex.
        site: RegexSite,
        /// The engine's message.
        message: String,
    },
}

impl SrxError {
    /// The SRX file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            SrxError::Io { path, .. } | SrxError::NoLanguageMap { path, .. } => path,
            SrxError::Xml { at, .. }
            | SrxError::Doctype { at }
            | SrxError::Invalid { at, .. }
            | SrxError::UnsupportedRegex { at, .. }
            | SrxError::Regex { at, .. }
            | SrxError::Runtime { at, .. } => &at.path,
        }
    }

    /// Where in the file, when the error is about one place.
    pub fn location(&self) -> Option<&SrxLocation> {
        match self {
            SrxError::Io { .. } | SrxError::NoLanguageMap { .. } => None,
            SrxError::Xml { at, .. }
            | SrxError::Doctype { at }
            | SrxError::Invalid { at, .. }
            | SrxError::UnsupportedRegex { at, .. }
            | SrxError::Regex { at, .. }
            | SrxError::Runtime { at, .. } => Some(at),
        }
    }

    /// The 1-based line, when the error is about one place.
    pub fn line(&self) -> Option<usize> {
        self.location().map(|at| at.line)
    }

    /// The 1-based column in code points, when the error is about one place.
    pub fn column(&self) -> Option<usize> {
        self.location().map(|at| at.column)
    }
}

fn quoted_list(items: &[String]) -> String {
    if items.is_empty() {
        return "none".to_owned();
    }
    items
        .iter()
        .map(|item| format!("\"{item}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

// ---------------------------------------------------------------------------
// The document model
// ---------------------------------------------------------------------------

/// A line and column in the file (1-based, columns in code points).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pos {
    line: usize,
    column: usize,
}

/// A parsed SRX document; [`Srx::rules_for`] gives the rules of a language.
#[derive(Debug)]
pub struct Srx {
    path: PathBuf,
    cascade: bool,
    rule_sets: Vec<RuleSet>,
    maps: Vec<LanguageMap>,
}

#[derive(Debug)]
struct RuleSet {
    name: String,
    rules: Vec<Rule>,
}

#[derive(Debug)]
struct Rule {
    breaks: bool,
    before: Pattern,
    after: Pattern,
}

/// A regex as written in the file, and where.
#[derive(Debug)]
struct Pattern {
    source: String,
    at: Pos,
}

#[derive(Debug)]
struct LanguageMap {
    pattern: String,
    regex: Regex,
    rule_set: usize,
    at: Pos,
}

impl Srx {
    /// Reads an SRX 2.0 (or 1.0) file: UTF-8, or UTF-16 with a BOM.
    pub fn load(path: &Path) -> Result<Self, SrxError> {
        let bytes = std::fs::read(path).map_err(|source| SrxError::Io {
            path: path.to_owned(),
            source,
        })?;
        let text = decode(&bytes, path)?;
        Self::parse(&text, path)
    }

    /// Parses an SRX document; `path` is used in error messages only.
    pub fn parse(xml: &str, path: &Path) -> Result<Self, SrxError> {
        let doc = xml.strip_prefix('\u{feff}').unwrap_or(xml);
        let root = xml_tree::read(doc, path)?;
        Builder { path }.srx(&root)
    }

    /// Whether the header says `cascade="yes"`.
    pub fn cascade(&self) -> bool {
        self.cascade
    }

    /// The names of the rule sets (`languagerulename`), in file order.
    pub fn rule_set_names(&self) -> impl Iterator<Item = &str> {
        self.rule_sets.iter().map(|set| set.name.as_str())
    }

    /// The language patterns of the `<languagemap>`s, in file order.
    pub fn language_patterns(&self) -> impl Iterator<Item = &str> {
        self.maps.iter().map(|map| map.pattern.as_str())
    }

    /// The names of the rule sets that apply to `lang`, in the order their
    /// rules apply: every matching map with `cascade="yes"`, the first one
    /// otherwise. Empty if no map matches.
    pub fn rule_sets_for(&self, lang: &str) -> Result<Vec<&str>, SrxError> {
        Ok(self
            .matching_sets(lang)?
            .into_iter()
            .filter_map(|index| self.rule_sets.get(index))
            .map(|set| set.name.as_str())
            .collect())
    }

    /// The rules that apply to `lang` (a language code such as `en` or
    /// `ru-RU`), cascaded, translated and compiled.
    ///
    /// An error if no `<languagemap>` matches `lang`
    /// ([`SrxError::NoLanguageMap`]), or if a regex of the rule sets used
    /// cannot be translated or compiled.
    pub fn rules_for(&self, lang: &str) -> Result<SrxRules, SrxError> {
        let sets = self.matching_sets(lang)?;
        if sets.is_empty() {
            return Err(SrxError::NoLanguageMap {
                path: self.path.clone(),
                lang: lang.to_owned(),
                patterns: self.maps.iter().map(|map| map.pattern.clone()).collect(),
            });
        }
        let rules = sets
            .iter()
            .filter_map(|&index| self.rule_sets.get(index))
            .flat_map(|set| {
                set.rules
                    .iter()
                    .enumerate()
                    .map(move |(i, rule)| (set.name.as_str(), i + 1, rule))
            });
        compile::rules(self, rules, true)
    }

    /// Translates and compiles every regex of every rule set, used by a
    /// language or not: a lint for SRX files.
    pub fn validate(&self) -> Result<(), SrxError> {
        for set in &self.rule_sets {
            let rules = set
                .rules
                .iter()
                .enumerate()
                .map(|(i, rule)| (set.name.as_str(), i + 1, rule));
            compile::rules(self, rules, false)?;
        }
        Ok(())
    }

    /// Indices of the rule sets for `lang`, in order, without repeats (a
    /// rule set applied twice decides nothing the first time did not).
    fn matching_sets(&self, lang: &str) -> Result<Vec<usize>, SrxError> {
        let mut sets = Vec::new();
        for map in &self.maps {
            let hit = map.regex.is_match(lang).map_err(|e| SrxError::Runtime {
                at: self.location(map.at),
                site: RegexSite::LanguageMap {
                    pattern: Arc::from(map.pattern.as_str()),
                },
                message: e.to_string(),
            })?;
            if hit {
                if !sets.contains(&map.rule_set) {
                    sets.push(map.rule_set);
                }
                if !self.cascade {
                    break;
                }
            }
        }
        Ok(sets)
    }

    fn location(&self, pos: Pos) -> SrxLocation {
        location(&self.path, pos)
    }
}

fn location(path: &Path, pos: Pos) -> SrxLocation {
    SrxLocation {
        path: Arc::from(path),
        line: pos.line,
        column: pos.column,
    }
}

/// Turns the file's bytes into text: UTF-8 (BOM or not) or UTF-16 with a BOM.
fn decode(bytes: &[u8], path: &Path) -> Result<String, SrxError> {
    let utf16 = |big_endian: bool, body: &[u8]| -> Result<String, SrxError> {
        let units = body.chunks(2).map(|pair| match pair {
            [a, b] if big_endian => u16::from_be_bytes([*a, *b]),
            [a, b] => u16::from_le_bytes([*a, *b]),
            _ => 0xFFFF,
        });
        let mut text = String::with_capacity(body.len() / 2);
        for unit in char::decode_utf16(units) {
            match unit {
                Ok(c) if body.len() % 2 == 0 => text.push(c),
                _ => {
                    return Err(xml_error_at(path, &text, text.len(), "invalid UTF-16"));
                }
            }
        }
        Ok(text)
    };
    match bytes {
        [0xFE, 0xFF, body @ ..] => utf16(true, body),
        [0xFF, 0xFE, body @ ..] => utf16(false, body),
        _ => match std::str::from_utf8(bytes) {
            Ok(text) => Ok(text.to_owned()),
            Err(e) => {
                let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
                let prefix = String::from_utf8_lossy(valid);
                let prefix = prefix.strip_prefix('\u{feff}').unwrap_or(&prefix);
                Err(xml_error_at(
                    path,
                    prefix,
                    prefix.len(),
                    "not UTF-8 text (tarjuman reads SRX as UTF-8, or UTF-16 with a BOM)",
                ))
            }
        },
    }
}

fn xml_error_at(path: &Path, doc: &str, offset: usize, message: &str) -> SrxError {
    SrxError::Xml {
        at: location(path, LineCounter::new(doc).pos(offset)),
        message: message.to_owned(),
    }
}

/// Turns byte offsets into lines and columns, moving forward through the
/// document so that positioning every element costs one pass in all.
#[derive(Debug)]
struct LineCounter<'a> {
    doc: &'a str,
    offset: usize,
    pos: Pos,
}

impl<'a> LineCounter<'a> {
    fn new(doc: &'a str) -> Self {
        LineCounter {
            doc,
            offset: 0,
            pos: Pos { line: 1, column: 1 },
        }
    }

    fn pos(&mut self, offset: usize) -> Pos {
        let mut target = offset.min(self.doc.len());
        while target > 0 && !self.doc.is_char_boundary(target) {
            target -= 1;
        }
        if target < self.offset {
            *self = LineCounter::new(self.doc);
        }
        for c in self
            .doc
            .get(self.offset..target)
            .unwrap_or_default()
            .chars()
        {
            if c == '\n' {
                self.pos.line += 1;
                self.pos.column = 1;
            } else {
                self.pos.column += 1;
            }
        }
        self.offset = target;
        self.pos
    }
}

// ---------------------------------------------------------------------------
// XML: a small owned tree (SRX files are rule lists, not data streams)
// ---------------------------------------------------------------------------

mod xml_tree {
    //! Reads the XML into a tree of [`Node`]s, with the position of every
    //! element, refusing entity declarations.

    use super::*;

    /// SRX needs six levels; a limit keeps a hostile file from making the
    /// tree (and dropping it, which recurses) as deep as it likes.
    const MAX_DEPTH: usize = 64;

    /// An element: SRX (or no namespace) or foreign (another namespace,
    /// e.g. a tool's extensions, which SRX allows and tarjuman ignores).
    #[derive(Debug)]
    pub(super) struct Node {
        pub(super) name: String,
        pub(super) foreign: bool,
        /// Unprefixed attributes, in order.
        pub(super) attrs: Vec<(String, String)>,
        pub(super) children: Vec<Node>,
        /// The element's own text (CDATA and references resolved).
        pub(super) text: String,
        /// Where its first non-whitespace text starts.
        pub(super) text_at: Option<Pos>,
        pub(super) at: Pos,
    }

    impl Node {
        pub(super) fn attr(&self, name: &str) -> Option<&str> {
            self.attrs
                .iter()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.as_str())
        }
    }

    pub(super) fn read(doc: &str, path: &Path) -> Result<Node, SrxError> {
        let mut reader = NsReader::from_str(doc);
        let mut lines = LineCounter::new(doc);
        let mut stack: Vec<Node> = Vec::new();
        let mut root: Option<Node> = None;
        let xml_error = |lines: &mut LineCounter<'_>, offset: u64, message: String| SrxError::Xml {
            at: location(path, lines.pos(to_usize(offset))),
            message,
        };
        loop {
            let start = reader.buffer_position();
            let (ns, event) = match reader.read_resolved_event() {
                Ok(read) => read,
                Err(e) => {
                    let offset = reader.error_position();
                    return Err(xml_error(&mut lines, offset, e.to_string()));
                }
            };
            let pos = lines.pos(to_usize(start));
            let foreign = match ns {
                ResolveResult::Unbound => false,
                ResolveResult::Bound(ns) => !SRX_NAMESPACES.contains(&ns.as_ref()),
                ResolveResult::Unknown(prefix) => {
                    return Err(xml_error(
                        &mut lines,
                        start,
                        format!("undeclared namespace prefix `{prefix}`"),
                    ));
                }
            };
            match event {
                Event::Start(_) if stack.len() >= MAX_DEPTH => {
                    return Err(xml_error(
                        &mut lines,
                        start,
                        format!("elements nested more than {MAX_DEPTH} deep"),
                    ));
                }
                Event::Start(e) => stack.push(node(&e, foreign, pos, path)?),
                Event::Empty(e) => {
                    let node = node(&e, foreign, pos, path)?;
                    attach(node, &mut stack, &mut root, path)?;
                }
                Event::End(_) => {
                    if let Some(node) = stack.pop() {
                        attach(node, &mut stack, &mut root, path)?;
                    }
                }
                Event::Text(t) => {
                    // Errors about stray text point at the text, not at the
                    // indentation before it.
                    let raw: &str = &t;
                    let lead = raw.len() - raw.trim_start_matches([' ', '\t', '\r', '\n']).len();
                    let pos = lines.pos(to_usize(start).saturating_add(lead));
                    add_text(&mut stack, &t.xml10_content(), pos, path)?;
                }
                Event::CData(t) => add_text(&mut stack, &t.xml10_content(), pos, path)?,
                Event::GeneralRef(r) => {
                    let c = match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        Ok(None) => match quick_xml::escape::resolve_xml_entity(&r) {
                            Some(s) => s.to_owned(),
                            None => {
                                return Err(SrxError::Xml {
                                    at: location(path, pos),
                                    message: format!("undefined entity `&{};`", &*r),
                                });
                            }
                        },
                        Err(e) => {
                            return Err(SrxError::Xml {
                                at: location(path, pos),
                                message: e.to_string(),
                            });
                        }
                    };
                    add_text(&mut stack, &c, pos, path)?;
                }
                Event::DocType(d) => {
                    if d.contains("<!ENTITY") {
                        return Err(SrxError::Doctype {
                            at: location(path, pos),
                        });
                    }
                }
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
                Event::Eof => break,
            }
        }
        if let Some(open) = stack.last() {
            return Err(SrxError::Xml {
                at: location(path, lines.pos(doc.len())),
                message: format!(
                    "unexpected end of file: <{}> (line {}) is not closed",
                    open.name, open.at.line
                ),
            });
        }
        root.ok_or_else(|| SrxError::Xml {
            at: location(path, lines.pos(doc.len())),
            message: "no root element".to_owned(),
        })
    }

    fn to_usize(offset: u64) -> usize {
        usize::try_from(offset).unwrap_or(usize::MAX)
    }

    fn node(e: &BytesStart<'_>, foreign: bool, at: Pos, path: &Path) -> Result<Node, SrxError> {
        let mut attrs = Vec::new();
        for attr in e.attributes() {
            let attr = attr.map_err(|e| SrxError::Xml {
                at: location(path, at),
                message: e.to_string(),
            })?;
            let key = attr.key.as_ref();
            if key == "xmlns" || key.contains(':') {
                continue;
            }
            let value = attr
                .normalized_value(XmlVersion::Implicit1_0)
                .map_err(|e| SrxError::Xml {
                    at: location(path, at),
                    message: e.to_string(),
                })?;
            attrs.push((key.to_owned(), value.into_owned()));
        }
        Ok(Node {
            name: e.local_name().as_ref().to_owned(),
            foreign,
            attrs,
            children: Vec::new(),
            text: String::new(),
            text_at: None,
            at,
        })
    }

    fn attach(
        node: Node,
        stack: &mut [Node],
        root: &mut Option<Node>,
        path: &Path,
    ) -> Result<(), SrxError> {
        if let Some(parent) = stack.last_mut() {
            parent.children.push(node);
        } else if root.is_some() {
            return Err(SrxError::Xml {
                at: location(path, node.at),
                message: format!("a second root element <{}>", node.name),
            });
        } else {
            *root = Some(node);
        }
        Ok(())
    }

    fn add_text(stack: &mut [Node], text: &str, at: Pos, path: &Path) -> Result<(), SrxError> {
        let blank = text.chars().all(|c| matches!(c, ' ' | '\t' | '\r' | '\n'));
        match stack.last_mut() {
            Some(node) => {
                if !blank && node.text_at.is_none() {
                    node.text_at = Some(at);
                }
                node.text.push_str(text);
                Ok(())
            }
            None if blank => Ok(()),
            None => Err(SrxError::Xml {
                at: location(path, at),
                message: "text outside the root element".to_owned(),
            }),
        }
    }
}

// ---------------------------------------------------------------------------
// From the tree to the model, checking SRX's structure
// ---------------------------------------------------------------------------

struct Builder<'p> {
    path: &'p Path,
}

impl Builder<'_> {
    fn invalid(&self, at: Pos, message: impl Into<String>) -> SrxError {
        SrxError::Invalid {
            at: location(self.path, at),
            message: message.into(),
        }
    }

    fn srx(&self, root: &xml_tree::Node) -> Result<Srx, SrxError> {
        if root.foreign || root.name != "srx" {
            return Err(self.invalid(
                root.at,
                format!("the root element is <{}>, not SRX's <srx>", root.name),
            ));
        }
        let version = self.required(root, "version")?;
        let v1 = match version {
            "2.0" => false,
            "1.0" => true,
            other => {
                return Err(self.invalid(
                    root.at,
                    format!("SRX version \"{other}\" is not supported (2.0 or 1.0)"),
                ));
            }
        };
        self.no_text(root)?;
        let header = self.only_child(root, "header")?;
        let body = self.only_child(root, "body")?;
        self.allow_children(root, &["header", "body"])?;

        self.required_yes_no(header, "segmentsubflows")?;
        let cascade = if v1 {
            self.optional_yes_no(header, "cascade")?.unwrap_or(false)
        } else {
            self.required_yes_no(header, "cascade")?
        };
        // <formathandle> says how inline formatting is split; tarjuman
        // segments plain text, so it has nothing to act on.
        self.allow_children(header, &["formathandle"])?;
        self.no_text(header)?;

        self.no_text(body)?;
        self.allow_children(body, &["languagerules", "maprules"])?;
        let language_rules = self.only_child(body, "languagerules")?;
        let map_rules = self.only_child(body, "maprules")?;

        let rule_sets = self.rule_sets(language_rules)?;
        let maps = self.maps(map_rules, &rule_sets, v1)?;
        Ok(Srx {
            path: self.path.to_owned(),
            cascade,
            rule_sets,
            maps,
        })
    }

    fn rule_sets(&self, parent: &xml_tree::Node) -> Result<Vec<RuleSet>, SrxError> {
        self.no_text(parent)?;
        self.allow_children(parent, &["languagerule"])?;
        let mut sets: Vec<(RuleSet, Pos)> = Vec::new();
        for node in srx_children(parent, "languagerule") {
            let name = self.required(node, "languagerulename")?;
            if let Some((_, first)) = sets.iter().find(|(set, _)| set.name == name) {
                return Err(self.invalid(
                    node.at,
                    format!(
                        "a second languagerule named \"{name}\" (the first is on line {})",
                        first.line
                    ),
                ));
            }
            self.no_text(node)?;
            self.allow_children(node, &["rule"])?;
            let rules = srx_children(node, "rule")
                .map(|rule| self.rule(rule))
                .collect::<Result<Vec<_>, _>>()?;
            sets.push((
                RuleSet {
                    name: name.to_owned(),
                    rules,
                },
                node.at,
            ));
        }
        Ok(sets.into_iter().map(|(set, _)| set).collect())
    }

    fn rule(&self, node: &xml_tree::Node) -> Result<Rule, SrxError> {
        let breaks = self.optional_yes_no(node, "break")?.unwrap_or(true);
        self.no_text(node)?;
        self.allow_children(node, &["beforebreak", "afterbreak"])?;
        let pattern = |name: &str| -> Result<Pattern, SrxError> {
            let mut found = srx_children(node, name);
            let Some(element) = found.next() else {
                return Ok(Pattern {
                    source: String::new(),
                    at: node.at,
                });
            };
            if let Some(second) = found.next() {
                return Err(self.invalid(second.at, format!("a second <{name}> in one rule")));
            }
            if let Some(child) = element.children.first() {
                return Err(self.invalid(
                    child.at,
                    format!("<{name}> holds a regex, not elements like <{}>", child.name),
                ));
            }
            Ok(Pattern {
                source: element.text.clone(),
                at: element.at,
            })
        };
        Ok(Rule {
            breaks,
            before: pattern("beforebreak")?,
            after: pattern("afterbreak")?,
        })
    }

    fn maps(
        &self,
        parent: &xml_tree::Node,
        rule_sets: &[RuleSet],
        v1: bool,
    ) -> Result<Vec<LanguageMap>, SrxError> {
        self.no_text(parent)?;
        // SRX 1.0 wraps the maps in named <maprule>s, of which a tool
        // picked one; with a single one there is nothing to pick.
        let wrappers: Vec<_> = srx_children(parent, "maprule").collect();
        let holder = if v1 && !wrappers.is_empty() {
            self.allow_children(parent, &["maprule"])?;
            match wrappers.as_slice() {
                [only] => {
                    self.no_text(only)?;
                    *only
                }
                [_, second, ..] => {
                    return Err(self.invalid(
                        second.at,
                        format!(
                            "this SRX 1.0 file has {} <maprule>s and tarjuman cannot choose one: \
                             keep one, or convert the file to SRX 2.0",
                            wrappers.len()
                        ),
                    ));
                }
                [] => parent,
            }
        } else {
            parent
        };
        self.allow_children(holder, &["languagemap"])?;
        let mut maps = Vec::new();
        for node in srx_children(holder, "languagemap") {
            let pattern = self.required(node, "languagepattern")?;
            let name = self.required(node, "languagerulename")?;
            let Some(rule_set) = rule_sets.iter().position(|set| set.name == name) else {
                return Err(self.invalid(
                    node.at,
                    format!(
                        "languagemap \"{pattern}\" names languagerule \"{name}\", which does not \
                         exist (rule sets: {})",
                        quoted_list(&rule_sets.iter().map(|s| s.name.clone()).collect::<Vec<_>>())
                    ),
                ));
            };
            let site = RegexSite::LanguageMap {
                pattern: Arc::from(pattern),
            };
            let translated = compile::translate(self.path, pattern, node.at, &site, true)?;
            let regex = compile::build(
                self.path,
                &format!(r"(?i)\A(?:{})\z", translated.pattern),
                node.at,
                &site,
            )?;
            maps.push(LanguageMap {
                pattern: pattern.to_owned(),
                regex,
                rule_set,
                at: node.at,
            });
        }
        Ok(maps)
    }

    fn required<'n>(&self, node: &'n xml_tree::Node, name: &str) -> Result<&'n str, SrxError> {
        node.attr(name).ok_or_else(|| {
            self.invalid(
                node.at,
                format!("<{}> lacks the required attribute `{name}`", node.name),
            )
        })
    }

    fn optional_yes_no(&self, node: &xml_tree::Node, name: &str) -> Result<Option<bool>, SrxError> {
        match node.attr(name) {
            None => Ok(None),
            Some("yes") => Ok(Some(true)),
            Some("no") => Ok(Some(false)),
            Some(other) => Err(self.invalid(
                node.at,
                format!(
                    "<{}> has {name}=\"{other}\"; it must be \"yes\" or \"no\"",
                    node.name
                ),
            )),
        }
    }

    fn required_yes_no(&self, node: &xml_tree::Node, name: &str) -> Result<bool, SrxError> {
        self.required(node, name)?;
        Ok(self.optional_yes_no(node, name)?.unwrap_or(false))
    }

    fn only_child<'n>(
        &self,
        node: &'n xml_tree::Node,
        name: &str,
    ) -> Result<&'n xml_tree::Node, SrxError> {
        let mut found = srx_children(node, name);
        let Some(first) = found.next() else {
            return Err(self.invalid(node.at, format!("<{}> lacks a <{name}>", node.name)));
        };
        if let Some(second) = found.next() {
            return Err(self.invalid(second.at, format!("a second <{name}> in <{}>", node.name)));
        }
        Ok(first)
    }

    /// SRX elements other than `allowed` are errors (a misspelt
    /// `<languagerule>` would otherwise drop its rules); elements of other
    /// namespaces are tool extensions and are skipped.
    fn allow_children(&self, node: &xml_tree::Node, allowed: &[&str]) -> Result<(), SrxError> {
        match node
            .children
            .iter()
            .find(|child| !child.foreign && !allowed.contains(&child.name.as_str()))
        {
            Some(child) => Err(self.invalid(
                child.at,
                format!("unexpected element <{}> in <{}>", child.name, node.name),
            )),
            None => Ok(()),
        }
    }

    fn no_text(&self, node: &xml_tree::Node) -> Result<(), SrxError> {
        match node.text_at {
            Some(at) => Err(self.invalid(at, format!("unexpected text in <{}>", node.name))),
            None => Ok(()),
        }
    }
}

fn srx_children<'n, 's>(
    node: &'n xml_tree::Node,
    name: &'s str,
) -> impl Iterator<Item = &'n xml_tree::Node> + use<'n, 's> {
    node.children
        .iter()
        .filter(move |child| !child.foreign && child.name == name)
}

// ---------------------------------------------------------------------------
// Compiled rules
// ---------------------------------------------------------------------------

/// The rules of an SRX file that apply to one language, compiled.
#[derive(Debug)]
pub struct SrxRules {
    /// The break rules, in order, with their index among all rules.
    breakers: Vec<Check>,
    /// The no-break rules, grouped (see the module docs).
    guards: Vec<Check>,
}

/// One test at a position: a look-behind for `beforebreak` (or several
/// joined), an anchored `afterbreak`; `None` matches anywhere.
#[derive(Debug)]
struct Check {
    /// The smallest index, among the language's rules, of the rules this
    /// check stands for.
    first: usize,
    before: Option<Regex>,
    after: Option<Regex>,
    /// How many rules this check stands for.
    members: usize,
    /// The rule it stands for (the first, for joined rules).
    origin: Origin,
}

/// Where a check comes from, for error messages.
#[derive(Debug)]
struct Origin {
    path: Arc<Path>,
    rule_set: Arc<str>,
    rule: usize,
    before: Pos,
    after: Pos,
}

impl SrxRules {
    /// Appends to `out` the byte offsets where `text` breaks: sorted,
    /// unique, on char boundaries, strictly between `0` and `text.len()`.
    ///
    /// A rule whose regex gives up on the text (its backtracking budget
    /// runs out, which takes a pathological regex) counts as not matching
    /// there; [`try_breaks`](Self::try_breaks) reports it instead.
    pub fn breaks(&self, text: &str, out: &mut Vec<usize>) {
        let mut found = Vec::new();
        // Cannot fail: errors are taken as "no match" in lenient mode.
        if self.scan(text, &mut found, false).is_ok() {
            out.extend(found);
        }
    }

    /// Like [`breaks`](Self::breaks), but a regex that gives up is an error.
    pub fn try_breaks(&self, text: &str, out: &mut Vec<usize>) -> Result<(), SrxError> {
        let mut found = Vec::new();
        self.scan(text, &mut found, true)?;
        out.extend(found);
        Ok(())
    }

    /// The number of rules (after cascading).
    pub fn len(&self) -> usize {
        self.breakers.len() + self.guards.iter().map(|guard| guard.members).sum::<usize>()
    }

    /// Whether there are no rules at all (then nothing ever breaks).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn scan(&self, text: &str, out: &mut Vec<usize>, strict: bool) -> Result<(), SrxError> {
        let mut candidates: Vec<(usize, usize)> = Vec::new();
        for rule in &self.breakers {
            rule.positions(text, strict, &mut |p| candidates.push((p, rule.first)))?;
        }
        candidates.sort_unstable();
        // Sorted by (position, rule): the first of each position is the
        // first break rule that matches there.
        candidates.dedup_by_key(|(p, _)| *p);
        'candidates: for (p, first_break) in candidates {
            for guard in self.guards.iter().take_while(|g| g.first < first_break) {
                if guard.matches_at(text, p, strict)? {
                    continue 'candidates;
                }
            }
            out.push(p);
        }
        Ok(())
    }
}

impl Check {
    /// Whether the check holds at `p`.
    fn matches_at(&self, text: &str, p: usize, strict: bool) -> Result<bool, SrxError> {
        if let Some(before) = &self.before {
            if !self.anchored(before, RulePart::BeforeBreak, text, p, strict)? {
                return Ok(false);
            }
        }
        match &self.after {
            Some(after) => self.anchored(after, RulePart::AfterBreak, text, p, strict),
            None => Ok(true),
        }
    }

    /// Whether `regex` matches starting exactly at `p`.
    fn anchored(
        &self,
        regex: &Regex,
        part: RulePart,
        text: &str,
        p: usize,
        strict: bool,
    ) -> Result<bool, SrxError> {
        // `is_match_input` ignores `anchored` for regexes that fancy-regex
        // hands to regex-automata (0.20); `find_input` honours it, and the
        // start is checked in case it did not.
        let input = RegexInput::new(text).from_pos(p).anchored(true);
        match regex.find_input(input) {
            Ok(found) => Ok(found.is_some_and(|m| m.start() == p)),
            Err(e) if strict => Err(self.runtime(part, &e)),
            Err(_) => Ok(false),
        }
    }

    /// Calls `found` with every position strictly inside `text` where the
    /// check holds, in increasing order.
    fn positions(
        &self,
        text: &str,
        strict: bool,
        found: &mut dyn FnMut(usize),
    ) -> Result<(), SrxError> {
        // The regex whose match starts are the candidates: the afterbreak
        // (a forward search, fast when the afterbreak is selective, as
        // `\s` or `\s+\p{Lu}` are), else the beforebreak's look-behind
        // (an empty match at each end).
        let (scanner, part, rest) = match (&self.after, &self.before) {
            (Some(after), before) => (after, RulePart::AfterBreak, before.as_ref()),
            (None, Some(before)) => (before, RulePart::BeforeBreak, None),
            (None, None) => {
                text.char_indices()
                    .map(|(p, _)| p)
                    .filter(|&p| p > 0)
                    .for_each(found);
                return Ok(());
            }
        };
        let mut from = next_boundary(text, 0);
        while from < text.len() {
            let input = RegexInput::new(text).from_pos(from);
            let (p, sure) = match scanner.find_input(input) {
                Ok(Some(m)) => (m.start(), true),
                Ok(None) => break,
                Err(e) if strict => return Err(self.runtime(part, &e)),
                // Lenient: check this position the slow way, then go on.
                Err(_) => (from, false),
            };
            if p >= text.len() {
                break;
            }
            let hit = if sure {
                match rest {
                    Some(before) => {
                        self.anchored(before, RulePart::BeforeBreak, text, p, strict)?
                    }
                    None => true,
                }
            } else {
                self.matches_at(text, p, strict)?
            };
            if hit {
                found(p);
            }
            from = next_boundary(text, p);
        }
        Ok(())
    }

    fn runtime(&self, part: RulePart, e: &fancy_regex::Error) -> SrxError {
        let o = &self.origin;
        let pos = match part {
            RulePart::BeforeBreak => o.before,
            RulePart::AfterBreak => o.after,
        };
        SrxError::Runtime {
            at: SrxLocation {
                path: Arc::clone(&o.path),
                line: pos.line,
                column: pos.column,
            },
            site: RegexSite::Rule {
                rule_set: Arc::clone(&o.rule_set),
                rule: o.rule,
                part,
            },
            message: e.to_string(),
        }
    }
}

/// The char boundary after the character at `p` (or `text.len()`).
fn next_boundary(text: &str, p: usize) -> usize {
    text.get(p..)
        .and_then(|rest| rest.chars().next())
        .map_or(text.len(), |c| p + c.len_utf8())
}

mod compile {
    //! Translating and compiling the rules of one language.

    use super::*;

    pub(super) fn translate(
        path: &Path,
        source: &str,
        at: Pos,
        site: &RegexSite,
        capture: bool,
    ) -> Result<java::Translated, SrxError> {
        java::translate(source, capture).map_err(|e| SrxError::UnsupportedRegex {
            at: location(path, at),
            site: site.clone(),
            construct: e.construct,
            offset: e.offset + 1,
            reason: e.reason,
        })
    }

    pub(super) fn build(
        path: &Path,
        pattern: &str,
        at: Pos,
        site: &RegexSite,
    ) -> Result<Regex, SrxError> {
        Regex::new(pattern).map_err(|e| SrxError::Regex {
            at: location(path, at),
            site: site.clone(),
            message: e.to_string(),
        })
    }

    /// A rule, translated.
    struct Prepared<'a> {
        index: usize,
        rule: &'a Rule,
        rule_set: Arc<str>,
        number: usize,
        before: Option<java::Translated>,
        after: Option<java::Translated>,
    }

    impl Prepared<'_> {
        fn site(&self, part: RulePart) -> RegexSite {
            RegexSite::Rule {
                rule_set: Arc::clone(&self.rule_set),
                rule: self.number,
                part,
            }
        }

        fn origin(&self, path: &Arc<Path>) -> Origin {
            Origin {
                path: Arc::clone(path),
                rule_set: Arc::clone(&self.rule_set),
                rule: self.number,
                before: self.rule.before.at,
                after: self.rule.after.at,
            }
        }
    }

    /// Compiles `rules` (rule set name, number in the set, rule), in order.
    /// With `group`, no-break rules are grouped as the module docs say.
    pub(super) fn rules<'a>(
        srx: &Srx,
        rules: impl Iterator<Item = (&'a str, usize, &'a Rule)>,
        group: bool,
    ) -> Result<SrxRules, SrxError> {
        let path: Arc<Path> = Arc::from(srx.path.as_path());
        let path = &path;
        let mut rule_set_name: Option<Arc<str>> = None;
        let mut prepared = Vec::new();
        for (index, (rule_set, number, rule)) in rules.enumerate() {
            let rule_set = match &rule_set_name {
                Some(name) if &**name == rule_set => Arc::clone(name),
                _ => Arc::from(rule_set),
            };
            rule_set_name = Some(Arc::clone(&rule_set));
            let mut p = Prepared {
                index,
                rule,
                rule_set,
                number,
                before: None,
                after: None,
            };
            if !rule.before.source.is_empty() {
                let site = p.site(RulePart::BeforeBreak);
                p.before = Some(translate(
                    path,
                    &rule.before.source,
                    rule.before.at,
                    &site,
                    true,
                )?);
            }
            if !rule.after.source.is_empty() {
                let site = p.site(RulePart::AfterBreak);
                p.after = Some(translate(
                    path,
                    &rule.after.source,
                    rule.after.at,
                    &site,
                    true,
                )?);
            }
            prepared.push(p);
        }

        let mut breakers = Vec::new();
        let mut guards = Vec::new();
        let mut band: Vec<&Prepared<'_>> = Vec::new();
        for p in &prepared {
            if p.rule.breaks {
                guards.extend(band_checks(path, &band, group)?);
                band.clear();
                breakers.push(single(path, p)?);
            } else {
                band.push(p);
            }
        }
        guards.extend(band_checks(path, &band, group)?);
        guards.sort_by_key(|guard| guard.first);
        Ok(SrxRules { breakers, guards })
    }

    /// One rule, one check.
    fn single(path: &Arc<Path>, p: &Prepared<'_>) -> Result<Check, SrxError> {
        let before = match &p.before {
            Some(t) => Some(build(
                path,
                &format!("(?<={})", t.pattern),
                p.rule.before.at,
                &p.site(RulePart::BeforeBreak),
            )?),
            None => None,
        };
        let after = match &p.after {
            Some(t) => Some(build(
                path,
                &t.pattern,
                p.rule.after.at,
                &p.site(RulePart::AfterBreak),
            )?),
            None => None,
        };
        Ok(Check {
            first: p.index,
            before,
            after,
            members: 1,
            origin: p.origin(path),
        })
    }

    /// The checks for a run of no-break rules with no break rule between
    /// them: the order among them does not matter (only whether any of
    /// them matches), so rules with the same afterbreak share one check.
    fn band_checks(
        path: &Arc<Path>,
        band: &[&Prepared<'_>],
        group: bool,
    ) -> Result<Vec<Check>, SrxError> {
        if !group {
            return band.iter().map(|p| single(path, p)).collect();
        }
        let mut checks = Vec::new();
        // Rules with back references keep their own groups and are alone.
        let mut groups: Vec<(Option<&str>, Vec<&Prepared<'_>>)> = Vec::new();
        for &p in band {
            let refs = [&p.before, &p.after]
                .iter()
                .any(|t| t.as_ref().is_some_and(|t| t.backrefs));
            if refs {
                checks.push(single(path, p)?);
                continue;
            }
            let key = p.after.as_ref().map(|t| t.pattern.as_str());
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, members)) => members.push(p),
                None => groups.push((key, vec![p])),
            }
        }
        for (_, members) in groups {
            match members.as_slice() {
                [only] => checks.push(single(path, only)?),
                _ => checks.extend(joined(path, &members)?),
            }
        }
        Ok(checks)
    }

    /// One check for no-break rules that share an afterbreak: their
    /// beforebreaks joined in one look-behind, groups made non-capturing.
    fn joined(path: &Arc<Path>, members: &[&Prepared<'_>]) -> Result<Vec<Check>, SrxError> {
        let Some(lead) = members.iter().min_by_key(|p| p.index).copied() else {
            return Ok(Vec::new());
        };
        // An empty beforebreak matches anywhere, and so does the group's.
        let any_empty = members.iter().any(|p| p.before.is_none());
        let mut alternatives = Vec::new();
        if !any_empty {
            for p in members {
                let site = p.site(RulePart::BeforeBreak);
                let t = translate(path, &p.rule.before.source, p.rule.before.at, &site, false)?;
                alternatives.push(format!("(?:{})", t.pattern));
            }
        }
        let before = if any_empty {
            None
        } else {
            let pattern = format!("(?<={})", alternatives.join("|"));
            match Regex::new(&pattern) {
                Ok(regex) => Some(regex),
                // Joined, they are too much for the engine (a size limit):
                // check them one by one, which also reports a rule that
                // does not compile alone.
                Err(_) => return members.iter().map(|p| single(path, p)).collect(),
            }
        };
        let after = match &lead.after {
            Some(t) => Some(build(
                path,
                &t.pattern,
                lead.rule.after.at,
                &lead.site(RulePart::AfterBreak),
            )?),
            None => None,
        };
        Ok(vec![Check {
            first: lead.index,
            before,
            after,
            members: members.len(),
            origin: lead.origin(path),
        }])
    }
}

// ---------------------------------------------------------------------------
// Java / ICU regex syntax → fancy-regex syntax
// ---------------------------------------------------------------------------

pub mod java {
    //! Translation of SRX regexes (Java / ICU syntax) into `fancy_regex`
    //! syntax, with ICU's Unicode semantics (Java's with `(?U)`).
    //!
    //! Translated: `\uXXXX` (and surrogate pairs), `\xhh`, `\x{h…}`, `\0ooo`,
    //! `\cX`, `\a`, `\e`; `\h \H \v \V \R` (Java's meaning: `\h` is
    //! horizontal space, not a hex digit); `\Q…\E`; `\Z`, `$` and `.` with
    //! Java's line terminators; `^`/`$` under `(?m)`; general categories,
    //! scripts, binary properties (`\p{IsAlphabetic}`), POSIX classes
    //! (`\p{Punct}`) and common blocks (`\p{InCyrillic}`); back references
    //! (Java's rule for `\12`); possessive and lazy quantifiers; the inline
    //! flags `i s m u U`. Character classes keep Java's unions and `&&`.
    //!
    //! Refused: `\p{java…}`, unknown blocks and properties, `\X`, `\G`,
    //! `\N{…}`, `\b{…}`, unknown escapes, the flags `x`, `d`, `-u`, `-U`,
    //! `--` inside a class, malformed `{…}` repetitions, lone surrogates,
    //! unbalanced parentheses (which would let a rule escape the group it
    //! is wrapped in) and unclosed classes.

    /// A translated regex.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Translated {
        /// The regex in `fancy_regex` syntax.
        pub pattern: String,
        /// Whether it has back references (so its groups must stay
        /// capturing and numbered as written).
        pub backrefs: bool,
    }

    /// A construct that has no faithful translation.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Unsupported {
        /// The construct as written.
        pub construct: String,
        /// Where it starts, in characters from 0.
        pub offset: usize,
        /// Why, and what to write instead when there is a way.
        pub reason: String,
    }

    /// Translates `source`. Without `capture`, groups are made
    /// non-capturing (for joining regexes that have no back references).
    pub fn translate(source: &str, capture: bool) -> Result<Translated, Unsupported> {
        let mut t = Translator {
            chars: source.chars().collect(),
            pos: 0,
            out: String::with_capacity(source.len() + 8),
            flags: vec![Flags::default()],
            open: Vec::new(),
            groups: 0,
            backrefs: false,
            capture,
            classes: 0,
        };
        t.run()?;
        Ok(Translated {
            pattern: t.out,
            backrefs: t.backrefs,
        })
    }

    /// `.` without `(?s)`: anything but a line terminator.
    const DOT: &str = r"[^\n\r\x{85}\x{2028}\x{2029}]";
    const DOT_ALL: &str = r"(?s:.)";
    /// `$` without `(?m)`, and `\Z`: the end, or before a line terminator
    /// that ends the text (but not inside a final `\r\n`).
    const DOLLAR: &str = r"(?:\z|(?=(?:\r\n|[\n\r\x{85}\x{2028}\x{2029}])\z)(?:(?<!\r)|(?!\n)))";
    /// `^` with `(?m)`: the start, or after a line terminator that does
    /// not end the text (and not inside `\r\n`).
    const CARET_MULTILINE: &str =
        r"(?:\A|(?<=[\n\r\x{85}\x{2028}\x{2029}])(?:(?<!\r)|(?!\n))(?!\z))";
    /// `$` with `(?m)`: the end, or before a line terminator (not inside
    /// `\r\n`).
    const DOLLAR_MULTILINE: &str = r"(?:\z|(?=[\n\r\x{85}\x{2028}\x{2029}])(?:(?<!\r)|(?!\n)))";
    /// `\h`: Java's horizontal whitespace.
    const HORIZONTAL: &str =
        r"\t\x{20}\x{A0}\x{1680}\x{180E}\x{2000}-\x{200A}\x{202F}\x{205F}\x{3000}";
    /// `\v`: Java's (8+) vertical whitespace.
    const VERTICAL: &str = r"\n\x{B}\f\r\x{85}\x{2028}\x{2029}";
    /// `\R`: a line break, `\r\n` as one.
    const LINEBREAK: &str = r"(?>\r\n|[\n\x{B}\f\r\x{85}\x{2028}\x{2029}])";
    /// Characters that must be escaped to be literal, in or out of a class.
    const META: &str = r"\.+*?()|[]{}^$#&-~";

    #[derive(Debug, Clone, Copy, Default)]
    struct Flags {
        dotall: bool,
        multiline: bool,
    }

    struct Translator {
        chars: Vec<char>,
        pos: usize,
        out: String,
        /// Flags in force, one entry per open group.
        flags: Vec<Flags>,
        /// Where the open groups start.
        open: Vec<usize>,
        /// Capturing groups opened so far (for Java's `\12` rule).
        groups: usize,
        backrefs: bool,
        capture: bool,
        /// Classes open inside the current one (they nest by recursion).
        classes: usize,
    }

    /// How deep character classes may nest (`[a[b[c]]]` is 3).
    const MAX_CLASS_DEPTH: usize = 16;

    impl Translator {
        fn peek(&self) -> Option<char> {
            self.chars.get(self.pos).copied()
        }

        fn peek_at(&self, ahead: usize) -> Option<char> {
            self.chars.get(self.pos + ahead).copied()
        }

        fn bump(&mut self) -> Option<char> {
            let c = self.peek()?;
            self.pos += 1;
            Some(c)
        }

        fn eat(&mut self, c: char) -> bool {
            let hit = self.peek() == Some(c);
            if hit {
                self.pos += 1;
            }
            hit
        }

        fn flags(&self) -> Flags {
            self.flags.last().copied().unwrap_or_default()
        }

        /// An error for the construct from `start` to the current position.
        fn unsupported(&self, start: usize, reason: impl Into<String>) -> Unsupported {
            let end = self.pos.max(start + 1).min(self.chars.len());
            Unsupported {
                construct: self
                    .chars
                    .get(start..end)
                    .map(|s| s.iter().collect())
                    .unwrap_or_default(),
                offset: start,
                reason: reason.into(),
            }
        }

        fn run(&mut self) -> Result<(), Unsupported> {
            while let Some(c) = self.bump() {
                let start = self.pos - 1;
                match c {
                    '\\' => self.escape(start, false)?,
                    '[' => self.class(start)?,
                    '(' => self.group(start)?,
                    // Unbalanced parentheses would let a rule escape the
                    // group it is wrapped in: `a)|(b` is not `(?<=a)|(b)`.
                    ')' if self.flags.len() < 2 => {
                        return Err(self.unsupported(start, "unmatched `)`"));
                    }
                    ')' => {
                        self.flags.pop();
                        self.open.pop();
                        self.out.push(')');
                    }
                    '.' if self.flags().dotall => self.out.push_str(DOT_ALL),
                    '.' => self.out.push_str(DOT),
                    '^' if self.flags().multiline => self.out.push_str(CARET_MULTILINE),
                    '^' => self.out.push_str(r"\A"),
                    '$' if self.flags().multiline => self.out.push_str(DOLLAR_MULTILINE),
                    '$' => self.out.push_str(DOLLAR),
                    '{' => self.repetition(start)?,
                    '*' | '+' | '?' | '|' => self.out.push(c),
                    _ => literal(&mut self.out, c),
                }
            }
            if self.flags.len() > 1 {
                return Err(Unsupported {
                    construct: "(".to_owned(),
                    offset: self.open.last().copied().unwrap_or(0),
                    reason: "unclosed group".to_owned(),
                });
            }
            Ok(())
        }

        /// `{n}`, `{n,}`, `{n,m}`; Java refuses any other `{`.
        fn repetition(&mut self, start: usize) -> Result<(), Unsupported> {
            let digits = |t: &mut Self| {
                let from = t.pos;
                while t.peek().is_some_and(|c| c.is_ascii_digit()) {
                    t.pos += 1;
                }
                t.chars
                    .get(from..t.pos)
                    .map(|s| s.iter().collect::<String>())
                    .unwrap_or_default()
            };
            let low = digits(self);
            let mut text = format!("{{{low}");
            if self.eat(',') {
                text.push(',');
                text.push_str(&digits(self));
            }
            if low.is_empty() || !self.eat('}') {
                return Err(self.unsupported(
                    start,
                    "illegal repetition: Java accepts only {n}, {n,} and {n,m} (write \\{ for a brace)",
                ));
            }
            text.push('}');
            self.out.push_str(&text);
            Ok(())
        }

        fn group(&mut self, start: usize) -> Result<(), Unsupported> {
            let flags = self.flags();
            if !self.eat('?') {
                self.groups += 1;
                self.enter(start, flags);
                self.out.push_str(if self.capture { "(" } else { "(?:" });
                return Ok(());
            }
            match (self.peek(), self.peek_at(1)) {
                (Some(c @ (':' | '=' | '!' | '>')), _) => {
                    self.pos += 1;
                    self.out.push_str("(?");
                    self.out.push(c);
                }
                (Some('<'), Some(c @ ('=' | '!'))) => {
                    self.pos += 2;
                    self.out.push_str("(?<");
                    self.out.push(c);
                }
                (Some('<'), Some(c)) if c.is_ascii_alphabetic() => {
                    self.pos += 1;
                    let name = self.group_name(start)?;
                    self.groups += 1;
                    if self.capture {
                        self.out.push_str(&format!("(?<{name}>"));
                    } else {
                        self.out.push_str("(?:");
                    }
                }
                _ => return self.flag_group(start),
            }
            self.enter(start, flags);
            Ok(())
        }

        /// A group opens at `start`, with `flags` in force inside.
        fn enter(&mut self, start: usize, flags: Flags) {
            self.flags.push(flags);
            self.open.push(start);
        }

        /// After `<`: a group name and `>`.
        fn group_name(&mut self, start: usize) -> Result<String, Unsupported> {
            let mut name = String::new();
            loop {
                match self.bump() {
                    Some('>') if !name.is_empty() => return Ok(name),
                    Some(c) if c.is_ascii_alphanumeric() => name.push(c),
                    _ => {
                        return Err(self.unsupported(
                            start,
                            "a group name is an ASCII letter, then letters and digits, then `>`",
                        ));
                    }
                }
            }
        }

        /// `(?flags)` or `(?flags:…)`; only `i` is left to the engine, the
        /// others are applied here.
        fn flag_group(&mut self, start: usize) -> Result<(), Unsupported> {
            let mut flags = self.flags();
            let mut case: Option<bool> = None;
            let mut on = true;
            let mut any = false;
            let scoped = loop {
                let Some(c) = self.bump() else {
                    return Err(self.unsupported(start, "unterminated group"));
                };
                any |= c.is_ascii_alphabetic();
                match c {
                    '-' if on => on = false,
                    'i' => case = Some(on),
                    's' => flags.dotall = on,
                    'm' => flags.multiline = on,
                    // Unicode case folding and classes: always on here.
                    'u' | 'U' if on => {}
                    'u' | 'U' => {
                        return Err(self.unsupported(
                            start,
                            "turning Unicode matching off is not supported: tarjuman always \
                             matches with Unicode semantics",
                        ));
                    }
                    'x' => {
                        return Err(self.unsupported(
                            start,
                            "comments mode (?x) is not supported: remove the flag, the spaces \
                             and the comments",
                        ));
                    }
                    'd' => {
                        return Err(
                            self.unsupported(start, "UNIX_LINES mode (?d) is not supported")
                        );
                    }
                    ')' | ':' if !any => {
                        return Err(self.unsupported(start, "a flag group without flags"));
                    }
                    ')' => break false,
                    ':' => break true,
                    '#' | 'P' | '\'' | '(' | '|' => {
                        return Err(self.unsupported(
                            start,
                            "not Java syntax (no comments, conditionals or (?P…) groups)",
                        ));
                    }
                    other => {
                        return Err(
                            self.unsupported(start, format!("unknown inline flag `{other}`"))
                        );
                    }
                }
            };
            let case = match case {
                Some(true) => "i",
                Some(false) => "-i",
                None => "",
            };
            if scoped {
                self.enter(start, flags);
                self.out.push_str(&format!("(?{case}:"));
            } else {
                if let Some(top) = self.flags.last_mut() {
                    *top = flags;
                }
                // `(?:)` rather than nothing keeps a quantifier after the
                // flags an error, as in Java.
                self.out.push_str(&if case.is_empty() {
                    "(?:)".to_owned()
                } else {
                    format!("(?{case})")
                });
            }
            Ok(())
        }

        fn class(&mut self, start: usize) -> Result<(), Unsupported> {
            self.out.push('[');
            if self.eat('^') {
                self.out.push('^');
            }
            let mut first = true;
            loop {
                let Some(c) = self.bump() else {
                    return Err(self.unsupported(start, "unclosed character class"));
                };
                let at = self.pos - 1;
                match c {
                    ']' if !first => {
                        self.out.push(']');
                        return Ok(());
                    }
                    '[' if self.classes >= MAX_CLASS_DEPTH => {
                        return Err(self.unsupported(at, "character classes nested too deeply"));
                    }
                    '[' => {
                        self.classes += 1;
                        self.class(at)?;
                        self.classes -= 1;
                    }
                    '\\' => self.escape(at, true)?,
                    '&' if self.peek() == Some('&') => {
                        self.pos += 1;
                        self.out.push_str("&&");
                    }
                    '-' if self.peek() == Some('-') => {
                        self.pos += 1;
                        return Err(self.unsupported(
                            at,
                            "`--` in a character class means a range or a literal in Java but \
                             a set difference here: escape the hyphen (\\-)",
                        ));
                    }
                    '-' => self.out.push('-'),
                    _ => literal(&mut self.out, c),
                }
                first = false;
            }
        }

        fn escape(&mut self, start: usize, in_class: bool) -> Result<(), Unsupported> {
            let Some(c) = self.bump() else {
                return Err(self.unsupported(start, "a backslash at the end of the regex"));
            };
            match c {
                '1'..='9' if !in_class => self.backref(c),
                '0' => {
                    let value = self.octal(start)?;
                    self.code_point(start, value)?;
                }
                'x' => {
                    let value = if self.eat('{') {
                        let value = self.hex(start, 1, 8)?;
                        if !self.eat('}') {
                            return Err(self.unsupported(start, "\\x{…} without its `}`"));
                        }
                        value
                    } else {
                        self.hex(start, 2, 2)?
                    };
                    self.code_point(start, value)?;
                }
                'u' => {
                    let value = self.utf16_escape(start)?;
                    self.code_point(start, value)?;
                }
                't' => self.out.push_str(r"\t"),
                'n' => self.out.push_str(r"\n"),
                'r' => self.out.push_str(r"\r"),
                'f' => self.out.push_str(r"\f"),
                'a' => self.out.push_str(r"\x{7}"),
                'e' => self.out.push_str(r"\x{1B}"),
                'c' => {
                    let Some(x) = self.bump() else {
                        return Err(self.unsupported(start, "\\c needs a character after it"));
                    };
                    self.code_point(start, u32::from(x) ^ 64)?;
                }
                'd' | 'D' | 's' | 'S' | 'w' | 'W' => {
                    self.out.push('\\');
                    self.out.push(c);
                }
                'h' => self.set(HORIZONTAL, false),
                'H' => self.set(HORIZONTAL, true),
                'v' => self.set(VERTICAL, false),
                'V' => self.set(VERTICAL, true),
                'p' | 'P' => self.property(start, c == 'P')?,
                'Q' => self.quote(),
                'R' | 'b' | 'B' | 'A' | 'z' | 'Z' | 'k' if in_class => {
                    return Err(self.unsupported(
                        start,
                        format!("\\{c} cannot stand inside a character class"),
                    ));
                }
                '1'..='9' => {
                    return Err(self.unsupported(
                        start,
                        "a back reference cannot stand inside a character class",
                    ));
                }
                'R' => self.out.push_str(LINEBREAK),
                'b' if self.peek() == Some('{') => {
                    return Err(self.unsupported(
                        start,
                        "\\b{…} boundaries (graphemes, words) are not supported",
                    ));
                }
                'b' => self.out.push_str(r"\b"),
                'B' => self.out.push_str(r"\B"),
                'A' => self.out.push_str(r"\A"),
                'z' => self.out.push_str(r"\z"),
                'Z' => self.out.push_str(DOLLAR),
                'k' => {
                    if !self.eat('<') {
                        return Err(self.unsupported(start, "\\k must be followed by <name>"));
                    }
                    let name = self.group_name(start)?;
                    self.backrefs = true;
                    self.out.push_str(&format!(r"\k<{name}>"));
                }
                'G' => {
                    return Err(self.unsupported(
                        start,
                        "\\G (the end of the previous match) means nothing for SRX rules, \
                         which are tried at every position",
                    ));
                }
                'X' => {
                    return Err(
                        self.unsupported(start, "\\X (a grapheme cluster) is not supported")
                    );
                }
                'N' => {
                    return Err(self.unsupported(
                        start,
                        "named characters \\N{…} are not supported: write \\x{…}",
                    ));
                }
                'E' => {
                    return Err(self.unsupported(start, "\\E without a \\Q before it"));
                }
                c if c.is_ascii_alphabetic() => {
                    return Err(self.unsupported(
                        start,
                        format!("unknown escape \\{c} (Java refuses it too)"),
                    ));
                }
                // A backslash before anything else makes it literal.
                c => literal(&mut self.out, c),
            }
            Ok(())
        }

        /// After `\` and a digit 1–9: Java reads `\12` as group 12 if that
        /// many groups are open so far, else as group 1 and a `2`.
        fn backref(&mut self, digit: char) {
            let mut group = digit.to_digit(10).unwrap_or(0) as usize;
            while let Some(next) = self.peek().and_then(|c| c.to_digit(10)) {
                let longer = group * 10 + next as usize;
                if longer > self.groups {
                    break;
                }
                group = longer;
                self.pos += 1;
            }
            self.backrefs = true;
            // The group keeps a following digit from joining the number.
            self.out.push_str(&format!(r"(?:\{group})"));
        }

        /// After `\0`: one to three octal digits, at most 0377.
        fn octal(&mut self, start: usize) -> Result<u32, Unsupported> {
            let digit = |t: &Self, ahead: usize| t.peek_at(ahead).and_then(|c| c.to_digit(8));
            let Some(first) = digit(self, 0) else {
                return Err(self.unsupported(start, "\\0 must be followed by octal digits"));
            };
            self.pos += 1;
            let mut value = first;
            if let Some(second) = digit(self, 0) {
                self.pos += 1;
                value = value * 8 + second;
                if let Some(third) = digit(self, 0).filter(|_| first <= 3) {
                    self.pos += 1;
                    value = value * 8 + third;
                }
            }
            Ok(value)
        }

        fn hex(&mut self, start: usize, min: usize, max: usize) -> Result<u32, Unsupported> {
            let mut value: u32 = 0;
            let mut count = 0;
            while count < max {
                let Some(d) = self.peek().and_then(|c| c.to_digit(16)) else {
                    break;
                };
                self.pos += 1;
                count += 1;
                value = value.saturating_mul(16).saturating_add(d);
            }
            if count < min {
                return Err(self.unsupported(start, "too few hexadecimal digits"));
            }
            Ok(value)
        }

        /// After `\u`: four hex digits; a high surrogate must be followed
        /// by `\u` and a low one (Java's way to write a supplementary
        /// character).
        fn utf16_escape(&mut self, start: usize) -> Result<u32, Unsupported> {
            let high = self.hex(start, 4, 4)?;
            if !(0xD800..0xDC00).contains(&high) {
                return Ok(high);
            }
            if self.peek() == Some('\\') && self.peek_at(1) == Some('u') {
                self.pos += 2;
                let low = self.hex(start, 4, 4)?;
                if (0xDC00..0xE000).contains(&low) {
                    return Ok(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00));
                }
            }
            Err(self.unsupported(
                start,
                "a lone UTF-16 surrogate matches nothing in UTF-8 text",
            ))
        }

        fn code_point(&mut self, start: usize, value: u32) -> Result<(), Unsupported> {
            if char::from_u32(value).is_none() {
                return Err(
                    self.unsupported(start, format!("U+{value:X} is not a Unicode scalar value"))
                );
            }
            self.out.push_str(&format!(r"\x{{{value:X}}}"));
            Ok(())
        }

        /// A set of class items, as a class (nested in a class, a union).
        fn set(&mut self, items: &str, negated: bool) {
            self.out
                .push_str(&format!("[{}{items}]", if negated { "^" } else { "" }));
        }

        fn quote(&mut self) {
            while let Some(c) = self.bump() {
                if c == '\\' && self.peek() == Some('E') {
                    self.pos += 1;
                    return;
                }
                literal(&mut self.out, c);
            }
        }

        fn property(&mut self, start: usize, negated: bool) -> Result<(), Unsupported> {
            let name = if self.eat('{') {
                let mut name = String::new();
                loop {
                    match self.bump() {
                        Some('}') => break name,
                        Some(c) => name.push(c),
                        None => return Err(self.unsupported(start, "\\p{ without its `}`")),
                    }
                }
            } else {
                match self.bump() {
                    Some(c) if c.is_ascii_alphabetic() => c.to_string(),
                    _ => return Err(self.unsupported(start, "\\p needs a name")),
                }
            };
            let class =
                properties::resolve(&name).map_err(|reason| self.unsupported(start, reason))?;
            class.write(&mut self.out, negated);
            Ok(())
        }
    }

    /// Writes `c` so that it matches itself, in or out of a class.
    fn literal(out: &mut String, c: char) {
        if META.contains(c) {
            out.push('\\');
        }
        out.push(c);
    }

    mod properties {
        //! `\p{…}` names: Java's and ICU's, with Unicode semantics.

        /// A property as the engine writes it.
        pub(super) enum Class {
            /// `\p{name}`.
            Property(String),
            /// A class body, written `[body]`.
            Set(String),
            /// A class body, written `[^body]`.
            NotSet(String),
        }

        impl Class {
            /// Writes the class, or its complement if `negated` (`\P{…}`).
            pub(super) fn write(&self, out: &mut String, negated: bool) {
                let (body, complement) = match self {
                    Class::Property(name) => {
                        out.push_str(if negated { r"\P{" } else { r"\p{" });
                        out.push_str(name);
                        out.push('}');
                        return;
                    }
                    Class::Set(body) => (body, negated),
                    Class::NotSet(body) => (body, !negated),
                };
                out.push_str(if complement { "[^" } else { "[" });
                out.push_str(body);
                out.push(']');
            }
        }

        /// General categories, as Java and ICU spell them (case matters).
        const CATEGORIES: [&str; 38] = [
            "L", "Lu", "Ll", "Lt", "Lm", "Lo", "LC", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No",
            "P", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "S", "Sm", "Sc", "Sk", "So", "Z", "Zs",
            "Zl", "Zp", "C", "Cc", "Cf", "Co", "Cs", "Cn",
        ];

        /// The complement of `\p{Graph}`.
        const NOT_GRAPH: &str = r"\p{White_Space}\p{Cc}\p{Cs}\p{Cn}";
        const BLANK: &str = r"\p{White_Space}&&[^\p{Zl}\p{Zp}\n\x{B}\f\r\x{85}]";

        pub(super) fn resolve(name: &str) -> Result<Class, String> {
            if let Some((key, value)) = name.split_once('=') {
                return match loose(key).as_str() {
                    "gc" | "generalcategory" => category(value)
                        .or_else(|| validated(&format!("gc={value}")))
                        .ok_or_else(|| format!("unknown general category `{value}`")),
                    "sc" | "script" => script(value),
                    "blk" | "block" => block(value),
                    _ => Err(format!("unknown property `{key}`")),
                };
            }
            if name.starts_with("java") {
                return Err(
                    "Java-only property (a java.lang.Character method) with no Unicode \
                     equivalent here: use a Unicode one such as \\p{Ll}, \\p{Lu} or \\p{IsAlphabetic}"
                        .to_owned(),
                );
            }
            if let Some(block_name) = name.strip_prefix("In") {
                return block(block_name);
            }
            let bare = name.strip_prefix("Is").unwrap_or(name);
            if let Some(class) = category(bare)
                .or_else(|| posix(bare))
                .or_else(|| binary(bare))
            {
                return Ok(class);
            }
            script(bare)
        }

        fn loose(name: &str) -> String {
            name.chars()
                .filter(|c| !matches!(c, ' ' | '_' | '-'))
                .flat_map(char::to_lowercase)
                .collect()
        }

        fn category(name: &str) -> Option<Class> {
            CATEGORIES
                .contains(&name)
                .then(|| Class::Property(name.to_owned()))
        }

        /// Java's POSIX classes, with the Unicode meaning Java gives them
        /// under `(?U)` (UTS #18).
        fn posix(name: &str) -> Option<Class> {
            let property = |p: &str| Some(Class::Property(p.to_owned()));
            let set = |s: &str| Some(Class::Set(s.to_owned()));
            match name {
                "Lower" => property("Lowercase"),
                "Upper" => property("Uppercase"),
                "ASCII" => set(r"\x{0}-\x{7F}"),
                "Alpha" => property("Alphabetic"),
                "Digit" => property("Nd"),
                "Alnum" => set(r"\p{Alphabetic}\p{Nd}"),
                "Punct" => property("P"),
                "Graph" => Some(Class::NotSet(NOT_GRAPH.to_owned())),
                "Print" => set(&format!("[^{NOT_GRAPH}][{BLANK}]&&[^\\p{{Cc}}]")),
                "Blank" => set(BLANK),
                "Cntrl" => property("Cc"),
                "XDigit" => set(r"\p{Nd}\p{Hex_Digit}"),
                "Space" => property("White_Space"),
                "all" => set(r"\x{0}-\x{10FFFF}"),
                "L1" => set(r"\x{0}-\x{FF}"),
                _ => None,
            }
        }

        /// Binary properties (Java writes them `\p{IsAlphabetic}`).
        fn binary(name: &str) -> Option<Class> {
            let property = |p: &str| Some(Class::Property(p.to_owned()));
            match loose(name).as_str() {
                "alphabetic" => property("Alphabetic"),
                "letter" => property("L"),
                "ideographic" => property("Ideographic"),
                "lowercase" => property("Lowercase"),
                "uppercase" => property("Uppercase"),
                "titlecase" => property("Lt"),
                "whitespace" => property("White_Space"),
                "control" => property("Cc"),
                "punctuation" => property("P"),
                "hexdigit" => property("Hex_Digit"),
                "digit" => property("Nd"),
                "joincontrol" => property("Join_Control"),
                "noncharactercodepoint" => property("Noncharacter_Code_Point"),
                "emoji" => property("Emoji"),
                "emojipresentation" => property("Emoji_Presentation"),
                "emojimodifier" => property("Emoji_Modifier"),
                "emojimodifierbase" => property("Emoji_Modifier_Base"),
                "emojicomponent" => property("Emoji_Component"),
                "extendedpictographic" => property("Extended_Pictographic"),
                "assigned" => Some(Class::NotSet(r"\p{Cn}".to_owned())),
                "alnum" => Some(Class::Set(r"\p{Alphabetic}\p{Nd}".to_owned())),
                "word" => Some(Class::Set(r"\w".to_owned())),
                "blank" => Some(Class::Set(BLANK.to_owned())),
                "graph" => Some(Class::NotSet(NOT_GRAPH.to_owned())),
                _ => None,
            }
        }

        fn script(name: &str) -> Result<Class, String> {
            validated(&format!("sc={name}")).ok_or_else(|| {
                format!(
                    "unknown property `{name}`: not a general category, POSIX class, binary \
                     property or script"
                )
            })
        }

        /// `Some` if the engine knows `\p{name}`.
        fn validated(name: &str) -> Option<Class> {
            let plain = name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | ' ' | '='));
            (plain && fancy_regex::Regex::new(&format!(r"\p{{{name}}}")).is_ok())
                .then(|| Class::Property(name.to_owned()))
        }

        /// Unicode blocks (the engine has no block property), by their
        /// fixed ranges.
        fn block(name: &str) -> Result<Class, String> {
            let range = match loose(name).as_str() {
                "basiclatin" => (0x0000, 0x007F),
                "latin1supplement" => (0x0080, 0x00FF),
                "latinextendeda" => (0x0100, 0x017F),
                "latinextendedb" => (0x0180, 0x024F),
                "ipaextensions" => (0x0250, 0x02AF),
                "spacingmodifierletters" => (0x02B0, 0x02FF),
                "combiningdiacriticalmarks" => (0x0300, 0x036F),
                "greek" | "greekandcoptic" => (0x0370, 0x03FF),
                "cyrillic" => (0x0400, 0x04FF),
                "cyrillicsupplement" | "cyrillicsupplementary" => (0x0500, 0x052F),
                "armenian" => (0x0530, 0x058F),
                "hebrew" => (0x0590, 0x05FF),
                "arabic" => (0x0600, 0x06FF),
                "syriac" => (0x0700, 0x074F),
                "arabicsupplement" => (0x0750, 0x077F),
                "thaana" => (0x0780, 0x07BF),
                "arabicextendeda" => (0x08A0, 0x08FF),
                "devanagari" => (0x0900, 0x097F),
                "bengali" => (0x0980, 0x09FF),
                "gurmukhi" => (0x0A00, 0x0A7F),
                "thai" => (0x0E00, 0x0E7F),
                "georgian" => (0x10A0, 0x10FF),
                "hanguljamo" => (0x1100, 0x11FF),
                "cyrillicextendedc" => (0x1C80, 0x1C8F),
                "latinextendedadditional" => (0x1E00, 0x1EFF),
                "greekextended" => (0x1F00, 0x1FFF),
                "generalpunctuation" => (0x2000, 0x206F),
                "superscriptsandsubscripts" => (0x2070, 0x209F),
                "currencysymbols" => (0x20A0, 0x20CF),
                "letterlikesymbols" => (0x2100, 0x214F),
                "numberforms" => (0x2150, 0x218F),
                "arrows" => (0x2190, 0x21FF),
                "mathematicaloperators" => (0x2200, 0x22FF),
                "cyrillicextendeda" => (0x2DE0, 0x2DFF),
                "supplementalpunctuation" => (0x2E00, 0x2E7F),
                "cjksymbolsandpunctuation" => (0x3000, 0x303F),
                "hiragana" => (0x3040, 0x309F),
                "katakana" => (0x30A0, 0x30FF),
                "cjkunifiedideographs" => (0x4E00, 0x9FFF),
                "cyrillicextendedb" => (0xA640, 0xA69F),
                "hangulsyllables" => (0xAC00, 0xD7AF),
                "arabicpresentationformsa" => (0xFB50, 0xFDFF),
                "combininghalfmarks" => (0xFE20, 0xFE2F),
                "cjkcompatibilityforms" => (0xFE30, 0xFE4F),
                "arabicpresentationformsb" => (0xFE70, 0xFEFF),
                "halfwidthandfullwidthforms" => (0xFF00, 0xFFEF),
                "specials" => (0xFFF0, 0xFFFF),
                _ => {
                    return Err(format!(
                        "Unicode block `{name}` is not in tarjuman's table: use a script \
                         (\\p{{Is{name}}}) or a range ([\\x{{…}}-\\x{{…}}])"
                    ));
                }
            };
            Ok(Class::Set(format!(
                r"\x{{{:X}}}-\x{{{:X}}}",
                range.0, range.1
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An SRX document with `rules` as the body of one languagerule
    /// "Test", mapped from every language.
    fn doc(rules: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0">
  <header segmentsubflows="yes" cascade="no"/>
  <body>
    <languagerules>
      <languagerule languagerulename="Test">
{rules}
      </languagerule>
    </languagerules>
    <maprules>
      <languagemap languagepattern=".*" languagerulename="Test"/>
    </maprules>
  </body>
</srx>
"#
        )
    }

    fn parse(xml: &str) -> Result<Srx, SrxError> {
        Srx::parse(xml, Path::new("test.srx"))
    }

    fn rules(rules: &str) -> SrxRules {
        parse(&doc(rules)).unwrap().rules_for("en").unwrap()
    }

    fn breaks(rules: &SrxRules, text: &str) -> Vec<usize> {
        let mut out = Vec::new();
        rules.try_breaks(text, &mut out).unwrap();
        out
    }

    /// The sentences of `text`, trimmed, as `ranges_between` makes them.
    fn sentences<'t>(rules: &SrxRules, text: &'t str) -> Vec<&'t str> {
        let mut ranges = Vec::new();
        super::super::ranges_between(text, &breaks(rules, text), &mut ranges);
        ranges.into_iter().map(|r| &text[r]).collect()
    }

    fn fixture(name: &str) -> Srx {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/srx")
            .join(name);
        Srx::load(&path).unwrap()
    }

    const PERIOD_SPACE: &str =
        r"<rule break='yes'><beforebreak>\.</beforebreak><afterbreak>\s</afterbreak></rule>";

    #[test]
    fn a_break_rule_fires_where_both_sides_match_and_nowhere_else() {
        let r = rules(PERIOD_SPACE);
        assert_eq!(breaks(&r, "One. Two. Three."), vec![4, 9]);
        assert_eq!(breaks(&r, "No break.here"), Vec::<usize>::new());
        assert_eq!(
            breaks(&r, "Trailing. "),
            Vec::<usize>::new()
                .into_iter()
                .chain([9])
                .collect::<Vec<_>>()
        );
        assert_eq!(
            sentences(&r, "One. Two.  Three."),
            vec!["One.", "Two.", "Three."]
        );
    }

    #[test]
    fn no_rule_means_no_break() {
        let r = rules("");
        assert!(r.is_empty());
        assert!(breaks(&r, "One. Two. Three.").is_empty());
    }

    #[test]
    fn an_exception_before_the_break_rule_wins() {
        let r = rules(&format!(
            r"<rule break='no'><beforebreak>\bMr\.</beforebreak><afterbreak>\s</afterbreak></rule>
              {PERIOD_SPACE}"
        ));
        assert_eq!(
            sentences(&r, "He met Mr. Borisov. Then he left."),
            vec!["He met Mr. Borisov.", "Then he left."]
        );
        // Only "Mr." is exempt: "Dr." and a word ending in "mr" are not.
        assert_eq!(breaks(&r, "Dr. Khan. Zmr. X"), vec![3, 9, 14]);
    }

    #[test]
    fn the_first_matching_rule_decides() {
        // The same two rules in both orders.
        let exception =
            r"<rule break='no'><beforebreak>Mr\.</beforebreak><afterbreak>\s</afterbreak></rule>";
        let text = "Mr. Borisov";
        assert!(breaks(&rules(&format!("{exception}{PERIOD_SPACE}")), text).is_empty());
        assert_eq!(
            breaks(&rules(&format!("{PERIOD_SPACE}{exception}")), text),
            vec![3]
        );
        // A later break rule cannot override an earlier exception either.
        let any =
            r"<rule break='yes'><beforebreak></beforebreak><afterbreak>\s</afterbreak></rule>";
        assert!(breaks(&rules(&format!("{exception}{any}")), text).is_empty());
    }

    #[test]
    fn missing_regexes_match_anywhere_and_break_defaults_to_yes() {
        // Only an afterbreak: break before every digit (not at 0).
        let r = rules(r"<rule><afterbreak>\d</afterbreak></rule>");
        assert_eq!(breaks(&r, "1a2b3"), vec![2, 4]);
        // Only a beforebreak: break after every "۔" (not at the end).
        let r = rules(r"<rule><beforebreak>۔</beforebreak></rule>");
        assert_eq!(breaks(&r, "الف۔ب۔"), vec![8]);
        // Neither: break everywhere, on char boundaries.
        let r = rules("<rule/>");
        assert_eq!(breaks(&r, "аб"), vec![2]);
    }

    #[test]
    fn every_end_of_a_beforebreak_counts_not_only_non_overlapping_ones() {
        // A forward search finds "abc" once; the rule matches after a, b and c.
        let r = rules(r"<rule><beforebreak>\w+</beforebreak><afterbreak>\w</afterbreak></rule>");
        assert_eq!(breaks(&r, "abc"), vec![1, 2]);
        // Alternatives of different lengths from one start.
        let r = rules(r"<rule><beforebreak>a|ab</beforebreak><afterbreak>[bc]</afterbreak></rule>");
        assert_eq!(breaks(&r, "abc"), vec![1, 2]);
    }

    #[test]
    fn regexes_see_the_whole_block() {
        // `^` is the start of the block, not of the break's neighbourhood.
        let r = rules(&format!(
            r"<rule break='no'><beforebreak>^\s*\d+\.</beforebreak><afterbreak>\s</afterbreak></rule>
              {PERIOD_SPACE}"
        ));
        assert_eq!(breaks(&r, "1. Trade. 2. Energy."), vec![9, 12]);
        // Look-around reaches past the break in both directions.
        let r = rules(
            r"<rule><beforebreak>(?&lt;=x)\.</beforebreak><afterbreak>\s(?=Y)</afterbreak></rule>",
        );
        assert_eq!(breaks(&r, "x. Y. x. Z"), vec![2]);
    }

    #[test]
    fn breaks_are_sorted_unique_and_on_char_boundaries() {
        let r = rules(
            r"<rule><beforebreak>[۔؟]</beforebreak></rule>
              <rule><afterbreak>\s</afterbreak></rule>
              <rule><beforebreak>\.</beforebreak><afterbreak>\s</afterbreak></rule>",
        );
        let text = "ایک۔ دو؟ تین. چار";
        let found = breaks(&r, text);
        assert!(found.windows(2).all(|w| w[0] < w[1]));
        assert!(
            found
                .iter()
                .all(|&p| p > 0 && p < text.len() && text.is_char_boundary(p))
        );
        assert_eq!(found.len(), 3);
    }

    #[test]
    fn breaks_appends_to_out() {
        let r = rules(PERIOD_SPACE);
        let mut out = vec![0];
        r.breaks("A. B", &mut out);
        assert_eq!(out, vec![0, 2]);
    }

    // ---- cascade -------------------------------------------------------

    fn cascading(cascade: &str) -> Srx {
        parse(&format!(
            r#"<srx version="2.0"><header segmentsubflows="no" cascade="{cascade}"/><body>
<languagerules>
  <languagerule languagerulename="English">
    <rule break="no"><beforebreak>\bMr\.</beforebreak><afterbreak>\s</afterbreak></rule>
  </languagerule>
  <languagerule languagerulename="Default">
    <rule><beforebreak>\.</beforebreak><afterbreak>\s</afterbreak></rule>
  </languagerule>
</languagerules>
<maprules>
  <languagemap languagepattern="EN.*" languagerulename="English"/>
  <languagemap languagepattern=".*" languagerulename="Default"/>
</maprules></body></srx>"#
        ))
        .unwrap()
    }

    #[test]
    fn cascade_yes_concatenates_every_matching_map_in_order() {
        let srx = cascading("yes");
        assert!(srx.cascade());
        assert_eq!(
            srx.rule_sets_for("en-US").unwrap(),
            vec!["English", "Default"]
        );
        assert_eq!(srx.rule_sets_for("ru").unwrap(), vec!["Default"]);
        let r = srx.rules_for("en-US").unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!(breaks(&r, "Mr. Chizhov spoke. He left."), vec![18]);
    }

    #[test]
    fn cascade_no_takes_the_first_matching_map_only() {
        let srx = cascading("no");
        assert_eq!(srx.rule_sets_for("en").unwrap(), vec!["English"]);
        // English alone has an exception and no break rule: no breaks.
        assert!(breaks(&srx.rules_for("en").unwrap(), "Mr. Chizhov spoke. He left.").is_empty());
        assert_eq!(srx.rule_sets_for("ru").unwrap(), vec!["Default"]);
    }

    #[test]
    fn language_patterns_match_the_whole_code_case_insensitively() {
        let srx = cascading("yes");
        assert_eq!(srx.rule_sets_for("en").unwrap(), vec!["English", "Default"]);
        assert_eq!(
            srx.rule_sets_for("EN-gb").unwrap(),
            vec!["English", "Default"]
        );
        // Anchored: "en" inside a code is not a match.
        assert_eq!(srx.rule_sets_for("ten").unwrap(), vec!["Default"]);
    }

    #[test]
    fn no_matching_map_is_an_error_listing_the_patterns() {
        let srx =
            parse(&doc(PERIOD_SPACE).replace("languagepattern=\".*\"", "languagepattern=\"en.*\""))
                .unwrap();
        let err = srx.rules_for("ur").unwrap_err();
        assert!(
            matches!(&err, SrxError::NoLanguageMap { lang, patterns, .. }
            if lang == "ur" && patterns == &["en.*".to_owned()])
        );
        assert_eq!(
            err.to_string(),
            "test.srx: no languagemap matches language `ur` (language patterns: \"en.*\")"
        );
        assert_eq!(err.path(), Path::new("test.srx"));
        assert_eq!(err.line(), None);
    }

    // ---- errors --------------------------------------------------------

    #[test]
    fn an_unsupported_construct_names_the_file_rule_set_rule_and_line() {
        let xml = doc(&format!(
            "{PERIOD_SPACE}\n<rule break='no'>\n  <beforebreak>\\p{{javaLowerCase}}\\.</beforebreak>\n</rule>"
        ));
        let err = parse(&xml).unwrap().rules_for("en").unwrap_err();
        match &err {
            SrxError::UnsupportedRegex {
                at,
                site,
                construct,
                offset,
                ..
            } => {
                assert_eq!(
                    site,
                    &RegexSite::Rule {
                        rule_set: Arc::from("Test"),
                        rule: 2,
                        part: RulePart::BeforeBreak
                    }
                );
                assert_eq!(construct, r"\p{javaLowerCase}");
                assert_eq!(*offset, 1);
                assert_eq!((at.line, at.column), (9, 3));
            }
            other => panic!("unexpected {other:?}"),
        }
        let message = err.to_string();
        assert!(
            message.starts_with(
                "test.srx:9:3: languagerule \"Test\", rule 2, <beforebreak>: unsupported regex \
                 construct `\\p{javaLowerCase}` at character 1: Java-only property"
            ),
            "{message}"
        );
        // validate() finds it too, and so does the fixture.
        assert!(parse(&xml).unwrap().validate().is_err());
        let err = fixture("unsupported-regex.srx")
            .rules_for("en")
            .unwrap_err();
        assert_eq!((err.line(), err.column()), (Some(14), Some(11)));
        assert!(
            err.to_string()
                .contains("languagerule \"English\", rule 2, <afterbreak>")
        );
    }

    #[test]
    fn unused_rule_sets_are_not_compiled_but_validate_checks_them() {
        let xml = r#"<srx version="2.0"><header segmentsubflows="no" cascade="no"/><body>
<languagerules>
  <languagerule languagerulename="Thai"><rule><beforebreak>\X</beforebreak></rule></languagerule>
  <languagerule languagerulename="English"><rule><beforebreak>\.</beforebreak></rule></languagerule>
</languagerules>
<maprules>
  <languagemap languagepattern="th.*" languagerulename="Thai"/>
  <languagemap languagepattern="en.*" languagerulename="English"/>
</maprules></body></srx>"#;
        let srx = parse(xml).unwrap();
        assert!(srx.rules_for("en").is_ok());
        assert!(matches!(
            srx.rules_for("th"),
            Err(SrxError::UnsupportedRegex { .. })
        ));
        assert!(matches!(
            srx.validate(),
            Err(SrxError::UnsupportedRegex { .. })
        ));
    }

    #[test]
    fn a_regex_the_engine_rejects_names_the_rule() {
        let err = parse(&doc(r"<rule><beforebreak>*\.</beforebreak></rule>"))
            .unwrap()
            .rules_for("en")
            .unwrap_err();
        assert!(matches!(err, SrxError::Regex { .. }), "{err:?}");
        assert!(
            err.to_string().starts_with(
                "test.srx:7:7: languagerule \"Test\", rule 1, <beforebreak>: invalid regex"
            ),
            "{err}"
        );
    }

    #[test]
    fn malformed_xml_gives_line_and_column() {
        let err = parse("<srx version=\"2.0\">\n  <header segmentsubflows=\"yes\" cascade=\"no\">\n  </heder>\n</srx>").unwrap_err();
        assert!(matches!(err, SrxError::Xml { .. }), "{err:?}");
        assert_eq!((err.line(), err.column()), (Some(3), Some(3)), "{err}");

        // Columns count code points, not bytes.
        let err =
            parse("<srx version=\"2.0\"><!-- ۔۔۔ --> <a b=\"1\" b=\"2\"/></srx>").unwrap_err();
        assert!(matches!(err, SrxError::Xml { .. }), "{err:?}");
        assert_eq!(err.line(), Some(1));

        let err = fixture_error("malformed.srx");
        assert!(matches!(err, SrxError::Xml { .. }), "{err:?}");
        assert_eq!(err.line(), Some(9), "{err}");

        let err = parse("<srx version=\"2.0\">\n<header>").unwrap_err();
        assert!(matches!(err, SrxError::Xml { .. }), "{err:?}");
        assert!(err.to_string().contains("not closed"), "{err}");

        let err = parse("<srx version=\"2.0\">&nbsp;</srx>").unwrap_err();
        assert!(
            err.to_string().contains("undefined entity `&nbsp;`"),
            "{err}"
        );
    }

    fn fixture_error(name: &str) -> SrxError {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/srx")
            .join(name);
        let err = Srx::load(&path).unwrap_err();
        assert_eq!(err.path(), path.as_path());
        err
    }

    #[test]
    fn a_doctype_with_entities_is_refused() {
        let laughs = r#"<?xml version="1.0"?>
<!DOCTYPE srx [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
]>
<srx version="2.0"><header segmentsubflows="no" cascade="no"/><body><languagerules/><maprules/></body></srx>"#;
        let err = parse(laughs).unwrap_err();
        assert!(matches!(err, SrxError::Doctype { .. }), "{err:?}");
        assert_eq!((err.line(), err.column()), (Some(2), Some(1)));

        let xxe = r#"<!DOCTYPE srx [<!ENTITY x SYSTEM "file:///etc/passwd">]><srx version="2.0">&x;</srx>"#;
        assert!(matches!(parse(xxe), Err(SrxError::Doctype { .. })));

        // A DOCTYPE without entities is harmless (and never fetched).
        let plain = doc(PERIOD_SPACE).replacen(
            "<srx ",
            "<!DOCTYPE srx SYSTEM \"http://example.org/srx20.dtd\">\n<srx ",
            1,
        );
        assert!(parse(&plain).is_ok());
    }

    #[test]
    fn structure_errors_name_the_element() {
        let cases = [
            (
                doc("").replace(" version=\"2.0\"", ""),
                "lacks the required attribute `version`",
            ),
            (
                doc("").replace("2.0", "3.0"),
                "SRX version \"3.0\" is not supported",
            ),
            (
                doc("").replace(" cascade=\"no\"", ""),
                "lacks the required attribute `cascade`",
            ),
            (
                doc("").replace("cascade=\"no\"", "cascade=\"maybe\""),
                "it must be \"yes\" or \"no\"",
            ),
            (
                doc("").replace("languagerulename=\"Test\"/>", "languagerulename=\"Tset\"/>"),
                "names languagerule \"Tset\", which does not exist",
            ),
            (
                doc("").replace(" languagepattern=\".*\"", ""),
                "lacks the required attribute `languagepattern`",
            ),
            (doc("<rule break='perhaps'/>"), "break=\"perhaps\""),
            (
                doc("<rule><beforebreak>a</beforebreak><beforebreak>b</beforebreak></rule>"),
                "a second <beforebreak>",
            ),
            (doc("<rul/>"), "unexpected element <rul> in <languagerule>"),
            (
                doc("stray text"),
                "test.srx:7:1: invalid SRX: unexpected text in <languagerule>",
            ),
            (
                doc("").replace(
                    "<languagerule ",
                    "<languagerule languagerulename=\"Test\"/><languagerule ",
                ),
                "a second languagerule named \"Test\"",
            ),
            (
                "<srs version=\"2.0\"/>".to_owned(),
                "the root element is <srs>",
            ),
        ];
        for (xml, expected) in cases {
            let err = parse(&xml).unwrap_err();
            assert!(matches!(err, SrxError::Invalid { .. }), "{err:?}");
            assert!(err.to_string().contains(expected), "{err} / {expected}");
            assert!(err.line().is_some());
        }
    }

    #[test]
    fn foreign_elements_and_formathandle_are_ignored() {
        let srx = fixture("newsroom.srx");
        assert!(!srx.cascade());
        assert_eq!(
            srx.language_patterns().collect::<Vec<_>>(),
            ["EN.*", "RU.*", "UR.*", ".*"]
        );
        srx.validate().unwrap();
    }

    #[test]
    fn srx_1_0_with_one_maprule_is_read() {
        let xml = r#"<srx version="1.0"><header segmentsubflows="yes"/><body>
<languagerules><languagerule languagerulename="Default">
  <rule><beforebreak>\.</beforebreak><afterbreak>\s</afterbreak></rule>
</languagerule></languagerules>
<maprules><maprule maprulename="Standard">
  <languagemap languagepattern=".*" languagerulename="Default"/>
</maprule></maprules></body></srx>"#;
        let srx = parse(xml).unwrap();
        assert!(!srx.cascade());
        assert_eq!(breaks(&srx.rules_for("en").unwrap(), "A. B"), vec![2]);
        let two = xml.replace(
            "</maprule></maprules>",
            "</maprule><maprule maprulename=\"Other\"/></maprules>",
        );
        assert!(
            parse(&two)
                .unwrap_err()
                .to_string()
                .contains("cannot choose")
        );
    }

    #[test]
    fn utf16_and_bom_files_are_read() {
        let xml = doc(PERIOD_SPACE);
        let dir = tempfile::tempdir().unwrap();
        let mut le = vec![0xFF, 0xFE];
        le.extend(xml.encode_utf16().flat_map(u16::to_le_bytes));
        let mut be = vec![0xFE, 0xFF];
        be.extend(xml.encode_utf16().flat_map(u16::to_be_bytes));
        let mut bom = "\u{feff}".as_bytes().to_vec();
        bom.extend(xml.as_bytes());
        for (name, bytes) in [("le.srx", le), ("be.srx", be), ("bom.srx", bom)] {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            let srx = Srx::load(&path).unwrap();
            assert_eq!(breaks(&srx.rules_for("en").unwrap(), "A. B"), vec![2]);
        }
        let path = dir.path().join("latin1.srx");
        std::fs::write(&path, b"<srx version=\"2.0\">\n \xE9</srx>").unwrap();
        let err = Srx::load(&path).unwrap_err();
        assert_eq!((err.line(), err.column()), (Some(2), Some(2)), "{err}");
        let err = Srx::load(&dir.path().join("missing.srx")).unwrap_err();
        assert!(matches!(err, SrxError::Io { .. }));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let deep = format!(
            "<srx version=\"2.0\">{}",
            "<x:a xmlns:x=\"urn:x\">".repeat(1000)
        );
        let err = parse(&deep).unwrap_err();
        assert!(
            err.to_string().contains("nested more than 64 deep"),
            "{err}"
        );
        let err = parse(&doc(&format!(
            "<rule><beforebreak>{}</beforebreak></rule>",
            "(".repeat(1000)
        )))
        .unwrap()
        .rules_for("en")
        .unwrap_err();
        assert!(matches!(err, SrxError::UnsupportedRegex { .. }), "{err:?}");
        let balanced = format!("{}a{}", "(".repeat(5000), ")".repeat(5000));
        let err = parse(&doc(&format!(
            "<rule><beforebreak>{balanced}</beforebreak></rule>"
        )))
        .unwrap()
        .rules_for("en")
        .unwrap_err();
        assert!(matches!(err, SrxError::Regex { .. }), "{err:?}");
    }

    #[test]
    fn reading_never_panics_on_truncated_or_garbled_input() {
        let xml = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/srx/press.srx"),
        )
        .unwrap();
        let cuts = xml.char_indices().map(|(i, _)| i).step_by(7);
        for cut in cuts {
            if let Ok(srx) = parse(&xml[..cut]) {
                let _ = srx.rules_for("en");
            }
            let garbled = format!("{}<&]]>{}", &xml[..cut], &xml[cut..]);
            let _ = parse(&garbled);
        }
    }

    #[test]
    fn a_regex_that_gives_up_is_reported_by_try_breaks_only() {
        let r = rules(&format!(
            "{PERIOD_SPACE}\n<rule><afterbreak>(a|aa)+(?&lt;=b)</afterbreak></rule>"
        ));
        let text = format!("x. {}c", "a".repeat(24));
        let mut out = Vec::new();
        let err = r.try_breaks(&text, &mut out).unwrap_err();
        assert!(matches!(err, SrxError::Runtime { .. }), "{err:?}");
        assert!(
            err.to_string()
                .starts_with("test.srx:8:7: languagerule \"Test\", rule 2, <afterbreak>"),
            "{err}"
        );
        assert!(out.is_empty());
        r.breaks(&text, &mut out);
        assert_eq!(out, vec![2]);
    }

    // ---- the fixtures --------------------------------------------------

    #[test]
    fn press_fixture_english() {
        let r = fixture("press.srx").rules_for("en").unwrap();
        let text = "Russian Senator Vladimir A. Chizhov met Senator Mushahid Hussain. \
                    H.E. Albert P. Khorev and Mr. Igor Borisov attended on Feb. 7 at No. 5 \
                    Constitution Ave. The talks covered trade, energy, etc. and more! \
                    Was it useful? \"Yes.\" (Both agreed.) The end.";
        assert_eq!(
            sentences(&r, text),
            vec![
                "Russian Senator Vladimir A. Chizhov met Senator Mushahid Hussain.",
                "H.E. Albert P. Khorev and Mr. Igor Borisov attended on Feb. 7 at No. 5 Constitution Ave.",
                "The talks covered trade, energy, etc. and more!",
                "Was it useful?",
                "\"Yes.\"",
                "(Both agreed.)",
                "The end.",
            ]
        );
    }

    #[test]
    fn press_fixture_russian() {
        let r = fixture("press.srx").rules_for("ru-RU").unwrap();
        let text = "Сенатор В. А. Чижов прибыл в Исламабад 7 февраля 2024 г. в качестве \
                    наблюдателя. Его встретил г-н М. Хусейн, т. е. председатель комитета. \
                    Обсуждались торговля, энергетика и т. д. Стороны договорились о встрече.";
        assert_eq!(
            sentences(&r, text),
            vec![
                "Сенатор В. А. Чижов прибыл в Исламабад 7 февраля 2024 г. в качестве наблюдателя.",
                "Его встретил г-н М. Хусейн, т. е. председатель комитета.",
                "Обсуждались торговля, энергетика и т. д.",
                "Стороны договорились о встрече.",
            ]
        );
    }

    #[test]
    fn press_fixture_urdu() {
        let r = fixture("press.srx").rules_for("ur").unwrap();
        let text = "سینیٹر مشاہد حسین سید نے روسی وفد کا خیرمقدم کیا۔ کیا انتخابات پر بات ہوئی؟ \
                    جی ہاں۔\u{201D}اگلا جملہ Mr. Borisov کے ساتھ۔";
        assert_eq!(
            sentences(&r, text),
            vec![
                "سینیٹر مشاہد حسین سید نے روسی وفد کا خیرمقدم کیا۔",
                "کیا انتخابات پر بات ہوئی؟",
                "جی ہاں۔\u{201D}",
                "اگلا جملہ Mr. Borisov کے ساتھ۔",
            ]
        );
    }

    #[test]
    fn press_fixture_other_languages_get_the_shared_sets() {
        let srx = fixture("press.srx");
        assert_eq!(
            srx.rule_sets_for("fr").unwrap(),
            vec!["Latin titles", "Sentence ends"]
        );
        srx.validate().unwrap();
    }

    #[test]
    fn newsroom_fixture_uses_the_first_map_only() {
        let srx = fixture("newsroom.srx");
        assert_eq!(
            srx.rule_sets_for("en-US").unwrap(),
            vec!["English newsroom"]
        );
        let r = srx.rules_for("en-US").unwrap();
        assert_eq!(
            sentences(
                &r,
                "Mr. Khorev arrived on Feb. 12. He met the U.S. envoy. Done."
            ),
            vec![
                "Mr. Khorev arrived on Feb. 12.",
                "He met the U.S. envoy.",
                "Done."
            ]
        );
        let r = srx.rules_for("ru").unwrap();
        assert_eq!(
            sentences(&r, "В. А. Чижов прибыл в 2024 г. на выборы. Они прошли."),
            vec!["В. А. Чижов прибыл в 2024 г. на выборы.", "Они прошли."]
        );
        assert_eq!(srx.rule_sets_for("fr").unwrap(), vec!["Fallback"]);
    }

    // ---- the optimized scan agrees with the definition -------------------

    /// The definition, literally: at every position, the first rule whose
    /// both sides match decides.
    fn reference(srx: &Srx, lang: &str, text: &str) -> Vec<usize> {
        let sets = srx.matching_sets(lang).unwrap();
        let mut compiled = Vec::new();
        for set in sets.iter().filter_map(|&i| srx.rule_sets.get(i)) {
            for rule in &set.rules {
                let build = |source: &str, lookbehind: bool| {
                    (!source.is_empty()).then(|| {
                        let t = java::translate(source, true).unwrap();
                        let p = if lookbehind {
                            format!("(?<={})", t.pattern)
                        } else {
                            t.pattern
                        };
                        Regex::new(&p).unwrap()
                    })
                };
                compiled.push((
                    rule.breaks,
                    build(&rule.before.source, true),
                    build(&rule.after.source, false),
                ));
            }
        }
        let at = |re: &Option<Regex>, p: usize| {
            re.as_ref().is_none_or(|re| {
                re.find_input(RegexInput::new(text).from_pos(p).anchored(true))
                    .unwrap()
                    .is_some_and(|m| m.start() == p)
            })
        };
        text.char_indices()
            .map(|(p, _)| p)
            .filter(|&p| p > 0)
            .filter(|&p| {
                compiled
                    .iter()
                    .find(|(_, b, a)| at(b, p) && at(a, p))
                    .is_some_and(|(breaks, _, _)| *breaks)
            })
            .collect()
    }

    #[test]
    fn the_scan_agrees_with_the_definition() {
        let texts = [
            "Russian Senator Vladimir A. Chizhov met Mr. Igor Borisov. H.E. Albert P. Khorev \
             spoke on Feb. 14! Did U.S. and U.N. envoys come? \"Yes.\" No. 5 etc. and more... End.",
            "Сенатор В. А. Чижов прибыл 7 февраля 2024 г. в качестве наблюдателя, т. е. \
             официально. Он сказал: «Всё хорошо». И т. д. Конец… Да!",
            "سینیٹر مشاہد حسین سید نے خیرمقدم کیا۔ کیا بات ہوئی؟جی ہاں۔ Mr. Borisov بھی۔",
            "1. Trade. 2. Energy.  3) Finance.\nNew line. a.b.c. x",
        ];
        for (file, langs) in [
            ("press.srx", ["en", "ru", "ur", "fr"]),
            ("newsroom.srx", ["en", "ru", "ur", "fr"]),
        ] {
            let srx = fixture(file);
            for lang in langs {
                let grouped = srx.rules_for(lang).unwrap();
                let rules: Vec<_> = srx
                    .matching_sets(lang)
                    .unwrap()
                    .into_iter()
                    .filter_map(|i| srx.rule_sets.get(i))
                    .flat_map(|set| {
                        set.rules
                            .iter()
                            .enumerate()
                            .map(move |(i, rule)| (set.name.as_str(), i + 1, rule))
                    })
                    .collect();
                let plain = compile::rules(&srx, rules.into_iter(), false).unwrap();
                for text in texts {
                    let expected = reference(&srx, lang, text);
                    assert_eq!(breaks(&grouped, text), expected, "{file} {lang} {text}");
                    assert_eq!(breaks(&plain, text), expected, "{file} {lang} {text}");
                }
            }
        }
    }

    #[test]
    fn the_scan_agrees_with_the_definition_on_interleaved_rules() {
        // Exceptions and breaks interleaved, shared afterbreaks, empty sides,
        // back references.
        let srx = parse(&doc(
            r"<rule break='no'><beforebreak>\bMr\.</beforebreak><afterbreak>\s</afterbreak></rule>
              <rule break='no'><beforebreak>\bDr\.</beforebreak><afterbreak>\s</afterbreak></rule>
              <rule break='yes'><beforebreak>[.!?]</beforebreak><afterbreak>\s+\p{Lu}</afterbreak></rule>
              <rule break='no'><beforebreak>(\w)\1\.</beforebreak><afterbreak>\s</afterbreak></rule>
              <rule break='no'><afterbreak>\s+\p{Ll}</afterbreak></rule>
              <rule break='no'><beforebreak>\b\p{Lu}\.</beforebreak><afterbreak>\s</afterbreak></rule>
              <rule break='yes'><beforebreak>[.!?]</beforebreak><afterbreak>\s</afterbreak></rule>
              <rule break='yes'><beforebreak>\w+</beforebreak><afterbreak>-</afterbreak></rule>",
        ))
        .unwrap();
        let r = srx.rules_for("en").unwrap();
        for text in [
            "Mr. Smith met Dr. Jones. Then A. B. Cee left. Goodbye all. Bee. x. Y",
            "Hall. Mall. Zz. word-word-word. A.",
            "",
            ".",
            " . . ",
        ] {
            assert_eq!(breaks(&r, text), reference(&srx, "en", text), "{text}");
        }
    }

    // ---- regex translation ----------------------------------------------

    fn tr(source: &str) -> String {
        java::translate(source, true).unwrap().pattern
    }

    fn refused(source: &str) -> java::Unsupported {
        java::translate(source, true).unwrap_err()
    }

    fn is_match(java: &str, text: &str) -> bool {
        Regex::new(&tr(java)).unwrap().is_match(text).unwrap()
    }

    #[test]
    fn escapes_translate_to_the_same_characters() {
        assert_eq!(tr(r"\u0020\u06D4"), r"\x{20}\x{6D4}");
        assert_eq!(tr(r"\uD83D\uDE00"), r"\x{1F600}");
        assert_eq!(
            tr(r"\x41\x{1F600}\0101\cM\e"),
            r"\x{41}\x{1F600}\x{41}\x{D}\x{1B}"
        );
        assert_eq!(tr(r"\Q.*\E+"), r"\.\*+");
        assert_eq!(tr(r"[\Q-]\E]"), r"[\-\]]");
        assert_eq!(tr(r"\<\'\#"), r"<'\#");
        assert_eq!(tr("a{2}b{1,}c{1,3}?d++"), "a{2}b{1,}c{1,3}?d++");
        assert!(is_match(r"\u0020", " "));
        assert!(is_match(r"^a++$", "aaa"));
        assert!(!is_match(r"a++a", "aaa"), "possessive");
        assert!(is_match(r"\Q(Mr.)\E", "(Mr.)"));
    }

    #[test]
    fn java_classes_keep_java_meanings() {
        // \h is horizontal space in Java, a hex digit in fancy-regex.
        assert!(is_match(r"^\h$", "\u{a0}"));
        assert!(!is_match(r"\h", "a"));
        assert!(is_match(r"^\H$", "a"));
        assert!(is_match(r"^\v$", "\u{2028}"));
        assert!(is_match(r"^\R$", "\r\n"));
        // `.` stops at Java's line terminators, unless (?s).
        assert!(!is_match(r"a.b", "a\rb"));
        assert!(!is_match(r"a.b", "a\u{2028}b"));
        assert!(is_match(r"(?s)a.b", "a\rb"));
        assert!(is_match(r"a(?s:.)b", "a\nb"));
        // `$` is the end, or before a final line terminator.
        assert!(is_match(r"a$", "a\r\n"));
        assert!(!is_match(r"a$", "a\nb"));
        assert!(is_match(r"(?m)a$", "a\nb"));
        assert!(is_match(r"(?m)^b", "a\nb"));
        assert!(!is_match(r"(?m)^b", "ab"));
        assert!(!is_match(r"a\Z", "a\n\n"));
        // Unicode semantics, as ICU (and Java with (?U)).
        assert!(is_match(r"^\w+$", "Чижов"));
        assert!(is_match(r"^\d$", "۵"));
        assert!(is_match(r"(?i)^чижов$", "ЧИЖОВ"));
        assert!(is_match(r"(?iu)^чижов$", "ЧИЖОВ"));
        assert!(is_match(r"(?U)^\s$", "\u{a0}"));
    }

    #[test]
    fn properties_map_to_unicode_ones() {
        for (java, yes, no) in [
            (r"\p{Lu}", "Ч", "ч"),
            (r"\p{Ll}", "ч", "Ч"),
            (r"\p{L}", "ی", "1"),
            (r"\pL", "ی", "1"),
            (r"\p{IsL}", "ی", "1"),
            (r"\p{Nd}", "۵", "a"),
            (r"\p{P}", "۔", "a"),
            (r"\p{IsAlphabetic}", "ہ", "1"),
            (r"\p{Alpha}", "ہ", "1"),
            (r"\p{IsLowercase}", "a", "A"),
            (r"\p{Upper}", "Ж", "ж"),
            (r"\p{Punct}", "؟", "a"),
            (r"\p{Space}", "\u{a0}", "a"),
            (r"\p{Blank}", "\t", "\n"),
            (r"\p{Graph}", "a", " "),
            (r"\p{Print}", " ", "\u{7}"),
            (r"\p{Alnum}", "۵", "."),
            (r"\p{XDigit}", "f", "g"),
            (r"\p{ASCII}", "a", "é"),
            (r"\p{IsCyrillic}", "ж", "z"),
            (r"\p{IsArabic}", "ک", "z"),
            (r"\p{Cyrillic}", "ж", "z"),
            (r"\p{sc=Arab}", "ک", "z"),
            (r"\p{script=Latin}", "z", "ж"),
            (r"\p{gc=Lu}", "Z", "z"),
            (r"\p{general_category=Uppercase_Letter}", "Z", "z"),
            (r"\p{InCyrillic}", "ж", "z"),
            (r"\p{InBasicLatin}", "z", "ж"),
            (r"\p{In Arabic}", "ک", "z"),
            (r"\p{block=Arabic}", "ک", "z"),
            (r"\p{IsWhite_Space}", " ", "a"),
            (r"\p{IsAssigned}", "a", "\u{378}"),
            (r"[\p{L}&&[^\p{Lu}]]", "ж", "Ж"),
            (r"[a-d[m-p]]", "n", "e"),
            (r"[\p{Graph}&&\p{ASCII}]", "a", "ж"),
            (r"[^\h]", "a", " "),
        ] {
            let re = Regex::new(&format!("^(?:{})$", tr(java))).unwrap();
            assert!(re.is_match(yes).unwrap(), "{java} should match {yes:?}");
            assert!(!re.is_match(no).unwrap(), "{java} should not match {no:?}");
            let negated = java.replacen(r"\p", r"\P", 1);
            if negated != java && !java.starts_with('[') {
                let re = Regex::new(&format!("^(?:{})$", tr(&negated))).unwrap();
                assert!(re.is_match(no).unwrap(), "{negated} should match {no:?}");
            }
        }
    }

    #[test]
    fn back_references_follow_java() {
        assert!(is_match(r"^(a)\1$", "aa"));
        // One group: \11 is group 1 then "1".
        assert!(is_match(r"^(a)\11$", "aa1"));
        assert!(is_match(r"^(?<x>a)\k<x>$", "aa"));
        assert!(java::translate(r"(a)\1", true).unwrap().backrefs);
        assert!(!java::translate(r"(a)b", true).unwrap().backrefs);
        assert_eq!(
            java::translate(r"(a)(?<n>b)", false).unwrap().pattern,
            "(?:a)(?:b)"
        );
    }

    #[test]
    fn untranslatable_constructs_are_refused_with_a_reason() {
        for (source, construct, offset) in [
            (r"\p{javaLowerCase}", r"\p{javaLowerCase}", 0),
            (r"a\p{InKlingon}", r"\p{InKlingon}", 1),
            (r"\p{Klingon}", r"\p{Klingon}", 0),
            (r"\p{foo=bar}", r"\p{foo=bar}", 0),
            (r"x\X", r"\X", 1),
            (r"\Ga", r"\G", 0),
            (r"\N{BULLET}", r"\N", 0),
            (r"\b{g}", r"\b", 0),
            (r"(?x)a b", "(?x", 0),
            (r"(?d).", "(?d", 0),
            (r"(?-u)a", "(?-u", 0),
            (r"(?#note)", "(?#", 0),
            (r"[a--b]", "--", 2),
            (r"a{,2}", "{,2", 1),
            (r"a{x}", "{", 1),
            (r"\uD800", r"\uD800", 0),
            (r"\y", r"\y", 0),
            (r"\E", r"\E", 0),
            (r"[\b]", r"\b", 1),
            (r"a\", r"\", 1),
            (r"\x{110000}", r"\x{110000}", 0),
            (r"a)|(b", ")", 1),
            (r"x(a(b)", "(", 1),
            (r"[a", "[a", 0),
            (r"(?)", "(?)", 0),
            (&format!("{}a", "[".repeat(100)), "[", 17),
        ] {
            let e = refused(source);
            assert_eq!(
                (e.construct.as_str(), e.offset),
                (construct, offset),
                "{source}: {}",
                e.reason
            );
            assert!(!e.reason.is_empty());
        }
    }
}
