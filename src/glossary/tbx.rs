//! TBX: ISO 30042:2019 TBX-Basic in DCT style (written and read) and the
//! older TBX 2008 `<martif>` form (read).
//!
//! What tarjuman writes validates against the TBX core structure
//! (`TBXcoreStructV03.rng`) and the TBX-Basic DCT rules
//! (`TBX-Basic_DCT.nvdl`: the dialect's Schematron plus the Basic and Min
//! modules). TBX-Basic has a data category for most of the model; for the
//! rest it has only the free-text `<note>`, so those travel in notes of the
//! form `key: value` that a person reading the file in any TBX tool
//! understands, and that tarjuman reads back:
//!
//! | model | TBX-Basic DCT |
//! | --- | --- |
//! | concept id | `<conceptEntry id="…">` (must be an XML name) |
//! | subject | `<min:subjectField>` (concept level) |
//! | kind | `<note>kind: person</note>` at concept level: TBX-Basic has no concept-type category, and `subjectField` is taken by the subject |
//! | concept note | `<note>` at concept level |
//! | term | `<langSec xml:lang="…"><termSec><term>` |
//! | status | `<min:administrativeStatus>`: `preferredTerm-admn-sts`, `admittedTerm-admn-sts`, `deprecatedTerm-admn-sts`, `supersededTerm-admn-sts` (= forbidden) |
//! | part of speech | `<min:partOfSpeech>` when it is one of Min's values (`noun`, `verb`, `adjective`, `adverb`, `other`), else `<note>partOfSpeech: properNoun</note>` |
//! | matching | `<note>match: exact</note>`, `<note>match: stem</note>`, or for explicit forms `<note>forms: Чижов \| Чижова \| …</note>` (forms separated by `\|`, each trimmed) |
//! | term note | `<note>` at term level |
//!
//! Forms are a note and not extra `termSec`s: they are what recognition
//! needs, not terms a translator should pick, and a tool showing 26 admitted
//! Russian "terms" for one name would mislead. The price: a concept-level
//! note that is exactly `kind: <a kind>`, or a term-level note that starts
//! with `forms:`, `match:` or `partOfSpeech:`, is read as that property.
//!
//! Reading accepts TBX 2019 in DCT and DCA style (`<termNote
//! type="administrativeStatus">`, `<descrip type="subjectField">`) and TBX
//! 2008 (`martif`/`termEntry`/`langSet`/`tig` or `ntig`/`term`), with
//! `xml:lang` or the older `lang`. The reader streams (quick-xml), refuses
//! DOCTYPEs that declare entities, never fetches anything, and reports every
//! problem with file, line and column.

use std::path::Path;

use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;

use super::{
    Concept, Glossary, GlossaryError, Kind, LineCounter, Matching, Status, Term, UnknownStatus,
    concept_ids, decode,
};
use crate::lang::is_language_tag;

/// The TBX 2019 namespace.
pub const TBX_NS: &str = "urn:iso:std:iso:30042:ed-2";
/// The TBX-Min module namespace (DCT elements `min:…`).
pub const MIN_NS: &str = "http://www.tbxinfo.net/ns/min";
/// The TBX-Basic module namespace (DCT elements `basic:…`).
pub const BASIC_NS: &str = "http://www.tbxinfo.net/ns/basic";

/// Min's picklist for `partOfSpeech`.
const PARTS_OF_SPEECH: [&str; 5] = ["adjective", "noun", "other", "verb", "adverb"];

// ---------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------

/// Reads a TBX file's bytes (UTF-8, or UTF-16 with a BOM); `path` is for
/// error messages.
pub fn read(bytes: &[u8], path: &Path) -> Result<Glossary, GlossaryError> {
    let text = decode(bytes, path)?;
    parse(&text, path)
}

/// Reads TBX from text.
pub fn parse(text: &str, path: &Path) -> Result<Glossary, GlossaryError> {
    parse_with(text, path, None)
}

/// Reads TBX from text; with `unknown`, an unknown status is recorded there
/// (the term becomes admitted) instead of being an error.
pub(crate) fn parse_with(
    text: &str,
    path: &Path,
    unknown: Option<&mut Vec<UnknownStatus>>,
) -> Result<Glossary, GlossaryError> {
    Parser {
        unknown,
        path,
        lines: LineCounter::new(text),
        glossary: Glossary::default(),
        root_seen: false,
        ids: Default::default(),
        depth: 0,
        concept: None,
        lang: None,
        term: None,
        capture: None,
    }
    .run(text)
}

/// Which namespace an element is in, as far as TBX cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ns {
    /// TBX 2019 core, or no namespace (TBX 2008).
    Core,
    Min,
    Basic,
    Other,
}

/// What the text of the element being captured becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Term,
    Status,
    PartOfSpeech,
    Subject,
    Note,
}

#[derive(Debug)]
struct Capture {
    field: Field,
    /// Depth of the captured element.
    depth: usize,
    text: String,
    /// Where its text starts (or its start tag ends, if it has none).
    at: (usize, usize),
    text_seen: bool,
}

#[derive(Debug)]
struct TermDraft {
    lang: String,
    text: Option<(String, (usize, usize))>,
    status: Option<Status>,
    part_of_speech: Option<String>,
    matching: Matching,
    notes: Vec<String>,
    depth: usize,
    at: (usize, usize),
}

#[derive(Debug)]
struct Parser<'a> {
    /// Where unknown statuses go when reading leniently.
    unknown: Option<&'a mut Vec<UnknownStatus>>,
    path: &'a Path,
    lines: LineCounter<'a>,
    glossary: Glossary,
    root_seen: bool,
    depth: usize,
    concept: Option<(Concept, usize, Vec<String>)>,
    /// The line of each concept id seen: ids are unique (in CSV, rows
    /// with one id are one concept, so a repeated id would merge two).
    ids: rustc_hash::FxHashMap<String, usize>,
    /// The language of the open `langSec`/`langSet` and its depth.
    lang: Option<(String, usize)>,
    term: Option<TermDraft>,
    capture: Option<Capture>,
}

impl<'a> Parser<'a> {
    fn at(&mut self, offset: u64) -> (usize, usize) {
        self.lines
            .pos(usize::try_from(offset).unwrap_or(usize::MAX))
    }

    fn syntax(&self, (line, column): (usize, usize), message: impl Into<String>) -> GlossaryError {
        GlossaryError::Syntax {
            path: self.path.to_owned(),
            line,
            column,
            message: message.into(),
        }
    }

    fn invalid(&self, (line, column): (usize, usize), message: impl Into<String>) -> GlossaryError {
        GlossaryError::Invalid {
            path: self.path.to_owned(),
            line,
            column,
            message: message.into(),
        }
    }

    fn run(mut self, text: &'a str) -> Result<Glossary, GlossaryError> {
        let mut reader = NsReader::from_str(text);
        loop {
            let start = reader.buffer_position();
            let (ns, event) = match reader.read_resolved_event() {
                Ok(read) => read,
                Err(e) => {
                    let at = self.at(reader.error_position());
                    return Err(self.syntax(at, e.to_string()));
                }
            };
            let at = self.at(start);
            let ns = match ns {
                ResolveResult::Unbound => Ns::Core,
                ResolveResult::Bound(ns) => match ns.as_ref() {
                    TBX_NS => Ns::Core,
                    MIN_NS => Ns::Min,
                    BASIC_NS => Ns::Basic,
                    _ => Ns::Other,
                },
                ResolveResult::Unknown(prefix) => {
                    return Err(self.syntax(at, format!("undeclared namespace prefix `{prefix}`")));
                }
            };
            match event {
                Event::Start(e) => {
                    self.depth += 1;
                    let after = self.at(reader.buffer_position());
                    self.start(&e, ns, at, after)?;
                }
                Event::Empty(e) => {
                    self.depth += 1;
                    let after = self.at(reader.buffer_position());
                    self.start(&e, ns, at, after)?;
                    self.end(at)?;
                    self.depth -= 1;
                }
                Event::End(_) => {
                    self.end(at)?;
                    self.depth = self.depth.saturating_sub(1);
                }
                Event::Text(t) => {
                    let raw: &str = &t;
                    if let Some((i, c)) = crate::text::first_non_xml_char(raw) {
                        let at = self.at(start.saturating_add(i as u64));
                        let message =
                            format!("character U+{:04X} is not allowed in XML", u32::from(c));
                        return Err(self.syntax(at, message));
                    }
                    let lead = raw.len() - raw.trim_start_matches([' ', '\t', '\r', '\n']).len();
                    let text_at = self.at(start.saturating_add(lead as u64));
                    let content = t.xml10_content();
                    self.text(&content, text_at, raw.len() > lead);
                }
                Event::CData(t) => {
                    if let Some((i, c)) = crate::text::first_non_xml_char(&t) {
                        // After `<![CDATA[`.
                        let at = self.at(start.saturating_add(9 + i as u64));
                        let message =
                            format!("character U+{:04X} is not allowed in XML", u32::from(c));
                        return Err(self.syntax(at, message));
                    }
                    let content = t.xml10_content();
                    self.text(&content, at, true);
                }
                Event::GeneralRef(r) => {
                    let c = crate::text::resolve_reference(&r)
                        .map_err(|message| self.syntax(at, message))?;
                    if let Some((_, bad)) = crate::text::first_non_xml_char(&c) {
                        let message = format!(
                            "character U+{:04X} is not allowed in XML, written as a \
                             reference or not",
                            u32::from(bad)
                        );
                        return Err(self.syntax(at, message));
                    }
                    self.text(&c, at, true);
                }
                Event::DocType(d) => {
                    if d.contains("<!ENTITY") {
                        return Err(GlossaryError::Doctype {
                            path: self.path.to_owned(),
                            line: at.0,
                            column: at.1,
                        });
                    }
                }
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
                Event::Eof => break,
            }
        }
        let end = self.at(text.len() as u64);
        if self.depth > 0 {
            return Err(self.syntax(end, "unexpected end of file: elements are not closed"));
        }
        if !self.root_seen {
            return Err(self.syntax(end, "no root element: not a TBX file"));
        }
        Ok(self.glossary)
    }

    fn start(
        &mut self,
        e: &BytesStart<'_>,
        ns: Ns,
        at: (usize, usize),
        after: (usize, usize),
    ) -> Result<(), GlossaryError> {
        let name = e.local_name();
        let name: &str = name.as_ref();
        if !self.root_seen {
            self.root_seen = true;
            if ns != Ns::Core || !matches!(name, "tbx" | "martif") {
                return Err(self.invalid(
                    at,
                    format!("the root element is <{name}>, not TBX's <tbx> or <martif>"),
                ));
            }
            return Ok(());
        }
        if self.capture.is_some() {
            // Inline markup (`<hi>`, `<foreign>`) inside captured text.
            return Ok(());
        }
        let field = match (ns, name) {
            (Ns::Core, "conceptEntry" | "termEntry") => {
                if self.concept.is_some() {
                    return Err(self.invalid(at, format!("<{name}> inside another concept")));
                }
                let id = self.attr(e, &["id"], at)?.unwrap_or_default();
                if !id.is_empty() {
                    if let Some(line) = self.ids.get(&id) {
                        let message = format!(
                            "concept id `{id}` is also the id of the concept at line {line}: \
                             ids are unique"
                        );
                        return Err(self.invalid(at, message));
                    }
                    self.ids.insert(id.clone(), at.0);
                }
                let concept = Concept {
                    id,
                    line: at.0,
                    ..Concept::default()
                };
                self.concept = Some((concept, self.depth, Vec::new()));
                None
            }
            (Ns::Core, "langSec" | "langSet") => {
                if self.concept.is_none() {
                    return Err(self.invalid(at, format!("<{name}> outside a concept")));
                }
                let Some(lang) = self.attr(e, &["xml:lang", "lang"], at)? else {
                    return Err(self.invalid(at, format!("<{name}> without xml:lang")));
                };
                self.lang = Some((lang, self.depth));
                None
            }
            (Ns::Core, "termSec" | "tig" | "ntig") => {
                let Some((lang, _)) = &self.lang else {
                    return Err(self.invalid(at, format!("<{name}> outside a language section")));
                };
                if self.term.is_some() {
                    return Err(self.invalid(at, format!("<{name}> inside another term")));
                }
                self.term = Some(TermDraft {
                    lang: lang.clone(),
                    text: None,
                    status: None,
                    part_of_speech: None,
                    matching: Matching::Default,
                    notes: Vec::new(),
                    depth: self.depth,
                    at,
                });
                None
            }
            (Ns::Core, "term") => match &self.term {
                Some(term) if term.text.is_some() => {
                    return Err(self.invalid(at, "a second <term> in one term section"));
                }
                Some(_) => Some(Field::Term),
                None => return Err(self.invalid(at, "<term> outside a term section")),
            },
            (Ns::Core, "termNote") => match self.attr(e, &["type"], at)?.as_deref() {
                Some("administrativeStatus") => Some(Field::Status),
                Some("partOfSpeech") => Some(Field::PartOfSpeech),
                _ => None,
            },
            (Ns::Core, "descrip") => match self.attr(e, &["type"], at)?.as_deref() {
                Some("subjectField") => Some(Field::Subject),
                _ => None,
            },
            (Ns::Core, "note") => Some(Field::Note),
            (Ns::Min, "administrativeStatus") => Some(Field::Status),
            (Ns::Min, "partOfSpeech") => Some(Field::PartOfSpeech),
            (Ns::Min, "subjectField") => Some(Field::Subject),
            _ => None,
        };
        if let Some(field) = field {
            let term_level = matches!(field, Field::Status | Field::PartOfSpeech);
            if term_level && self.term.is_none() {
                return Err(self.invalid(at, format!("<{name}> outside a term section")));
            }
            if field == Field::Subject && self.concept.is_none() {
                return Err(self.invalid(at, "subjectField outside a concept"));
            }
            self.capture = Some(Capture {
                field,
                depth: self.depth,
                text: String::new(),
                at: after,
                text_seen: false,
            });
        }
        Ok(())
    }

    /// The first of `names` among the element's attributes.
    fn attr(
        &self,
        e: &BytesStart<'_>,
        names: &[&str],
        at: (usize, usize),
    ) -> Result<Option<String>, GlossaryError> {
        for attr in e.attributes() {
            let attr = attr.map_err(|err| self.syntax(at, err.to_string()))?;
            let key: &str = attr.key.as_ref();
            if names.contains(&key) {
                let value = attr
                    .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .map_err(|err| self.syntax(at, err.to_string()))?;
                return Ok(Some(value.into_owned()));
            }
        }
        Ok(None)
    }

    fn text(&mut self, text: &str, at: (usize, usize), visible: bool) {
        if let Some(capture) = &mut self.capture {
            if visible && !capture.text_seen {
                capture.text_seen = true;
                capture.at = at;
            }
            capture.text.push_str(text);
        }
    }

    fn end(&mut self, at: (usize, usize)) -> Result<(), GlossaryError> {
        if let Some(capture) = self.capture.take_if(|c| c.depth == self.depth) {
            return self.finish_capture(capture);
        }
        if self.capture.is_some() {
            return Ok(());
        }
        if self.term.as_ref().is_some_and(|t| t.depth == self.depth) {
            if let Some(draft) = self.term.take() {
                self.finish_term(draft)?;
            }
        } else if self.lang.as_ref().is_some_and(|(_, d)| *d == self.depth) {
            self.lang = None;
        } else if self
            .concept
            .as_ref()
            .is_some_and(|(_, d, _)| *d == self.depth)
            && let Some((mut concept, _, notes)) = self.concept.take()
        {
            if concept.terms.is_empty() {
                return Err(self.invalid(
                    (concept.line, at.1),
                    format!("concept `{}` has no terms", concept.id),
                ));
            }
            if !notes.is_empty() {
                concept.note = Some(notes.join("\n"));
            }
            self.glossary.concepts.push(concept);
        }
        Ok(())
    }

    fn finish_capture(&mut self, capture: Capture) -> Result<(), GlossaryError> {
        let Capture {
            field, text, at, ..
        } = capture;
        match field {
            Field::Term => {
                if let Some(term) = &mut self.term {
                    term.text = Some((text, at));
                }
            }
            Field::Status => {
                let status = match (text.parse::<Status>(), &mut self.unknown) {
                    (Ok(status), _) => status,
                    (Err(_), Some(unknown)) => {
                        unknown.push(UnknownStatus {
                            value: text.trim().to_owned(),
                            concept: self.glossary.concepts.len(),
                            line: at.0,
                            column: at.1,
                        });
                        Status::Admitted
                    }
                    (Err(e), None) => return Err(self.invalid(at, e.to_string())),
                };
                if let Some(term) = &mut self.term {
                    term.status = Some(status);
                }
            }
            Field::PartOfSpeech => {
                if let Some(term) = &mut self.term {
                    term.part_of_speech = Some(text.trim().to_owned());
                }
            }
            Field::Subject => {
                if let Some((concept, _, _)) = &mut self.concept {
                    concept.subject = Some(text.trim().to_owned());
                }
            }
            Field::Note => {
                if let Some(term) = &mut self.term {
                    term_note(term, text);
                } else if let Some((concept, _, notes)) = &mut self.concept {
                    match concept_kind(&text) {
                        Some(kind) if concept.kind.is_none() => concept.kind = Some(kind),
                        _ => notes.push(text),
                    }
                }
            }
        }
        Ok(())
    }

    fn finish_term(&mut self, draft: TermDraft) -> Result<(), GlossaryError> {
        let Some((text, (line, column))) = draft.text else {
            return Err(self.invalid(draft.at, "a term section without <term>"));
        };
        let term = Term {
            lang: draft.lang,
            text,
            status: draft.status.unwrap_or(Status::Preferred),
            part_of_speech: draft.part_of_speech,
            matching: draft.matching,
            note: (!draft.notes.is_empty()).then(|| draft.notes.join("\n")),
            line,
            column,
        };
        match &mut self.concept {
            Some((concept, _, _)) => concept.terms.push(term),
            None => return Err(self.invalid(draft.at, "a term outside a concept")),
        }
        Ok(())
    }
}

/// `kind: person` (a concept-level note) as a kind.
fn concept_kind(note: &str) -> Option<Kind> {
    note.trim().strip_prefix("kind:")?.parse().ok()
}

/// A term-level note: a property in `key: value` form, or a plain note.
fn term_note(term: &mut TermDraft, note: String) {
    let trimmed = note.trim_start();
    if let Some(forms) = trimmed.strip_prefix("forms:") {
        term.matching = Matching::Forms(
            forms
                .split('|')
                .map(str::trim)
                .filter(|f| !f.is_empty())
                .map(str::to_owned)
                .collect(),
        );
    } else if let Some(mode) = trimmed.strip_prefix("match:") {
        match mode.trim() {
            "exact" => term.matching = Matching::Exact,
            "stem" => term.matching = Matching::Stem,
            "default" => term.matching = Matching::Default,
            _ => term.notes.push(note),
        }
    } else if let Some(pos) = trimmed.strip_prefix("partOfSpeech:") {
        term.part_of_speech = Some(pos.trim().to_owned());
    } else {
        term.notes.push(note);
    }
}

// ---------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------

/// The glossary as TBX-Basic (ISO 30042:2019, DCT style); `path` is for
/// errors. A concept without an id gets `c<N>`, `N` its position.
pub fn write(glossary: &Glossary, path: &Path) -> Result<String, GlossaryError> {
    let unrepresentable = |message: String| GlossaryError::Unrepresentable {
        path: path.to_owned(),
        message,
    };
    let mut out = String::with_capacity(256 + glossary.concepts.len() * 512);
    out.push_str(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<tbx type=\"TBX-Basic\" style=\"dct\" xml:lang=\"en\"",
        " xmlns=\"urn:iso:std:iso:30042:ed-2\"",
        " xmlns:basic=\"http://www.tbxinfo.net/ns/basic\"",
        " xmlns:min=\"http://www.tbxinfo.net/ns/min\">\n",
        "  <tbxHeader>\n    <fileDesc>\n      <sourceDesc>\n",
        "        <p>Written by tarjuman (TBX-Basic, DCT style).</p>\n",
        "      </sourceDesc>\n    </fileDesc>\n  </tbxHeader>\n",
        "  <text>\n    <body>\n",
    ));
    let mut ids = rustc_hash::FxHashSet::default();
    for (concept, id) in glossary
        .concepts
        .iter()
        .zip(concept_ids(&glossary.concepts))
    {
        if !is_ncname(&id) {
            return Err(unrepresentable(format!(
                "concept id `{id}` is not an XML name (TBX ids start with a letter or `_` \
                 and hold letters, digits, `.`, `-`, `_`)"
            )));
        }
        if !ids.insert(id.clone()) {
            return Err(unrepresentable(format!("duplicate concept id `{id}`")));
        }
        if concept.terms.is_empty() {
            return Err(unrepresentable(format!(
                "concept `{id}` has no terms (TBX needs at least one)"
            )));
        }
        out.push_str(&format!(
            "      <conceptEntry id=\"{}\">\n",
            escape(&id, path)?
        ));
        if let Some(subject) = &concept.subject {
            element(&mut out, 8, "min:subjectField", subject, path)?;
        }
        if let Some(kind) = concept.kind {
            element(&mut out, 8, "note", &format!("kind: {kind}"), path)?;
        }
        if let Some(note) = &concept.note {
            element(&mut out, 8, "note", note, path)?;
        }
        for lang in languages(&concept.terms) {
            if !is_language_tag(lang) {
                return Err(unrepresentable(format!(
                    "concept `{id}`: `{lang}` is not a language tag TBX accepts (like `en` or `ur-PK`)"
                )));
            }
            out.push_str(&format!("        <langSec xml:lang=\"{lang}\">\n"));
            for term in concept.terms.iter().filter(|t| t.lang == lang) {
                write_term(&mut out, term, &id, path)?;
            }
            out.push_str("        </langSec>\n");
        }
        out.push_str("      </conceptEntry>\n");
    }
    out.push_str("    </body>\n  </text>\n</tbx>\n");
    Ok(out)
}

fn write_term(out: &mut String, term: &Term, id: &str, path: &Path) -> Result<(), GlossaryError> {
    out.push_str("          <termSec>\n");
    element(out, 12, "term", &term.text, path)?;
    let status = match term.status {
        Status::Preferred => "preferredTerm-admn-sts",
        Status::Admitted => "admittedTerm-admn-sts",
        Status::Deprecated => "deprecatedTerm-admn-sts",
        Status::Forbidden => "supersededTerm-admn-sts",
    };
    element(out, 12, "min:administrativeStatus", status, path)?;
    let mut notes = Vec::new();
    match term.part_of_speech.as_deref() {
        Some(pos) if PARTS_OF_SPEECH.contains(&pos) => {
            element(out, 12, "min:partOfSpeech", pos, path)?;
        }
        Some(pos) => notes.push(format!("partOfSpeech: {pos}")),
        None => {}
    }
    match &term.matching {
        Matching::Default => {}
        Matching::Exact => notes.push("match: exact".to_owned()),
        Matching::Stem => notes.push("match: stem".to_owned()),
        Matching::Forms(forms) => {
            if let Some(bad) = forms.iter().find(|f| f.contains('|') || f.trim() != *f) {
                return Err(GlossaryError::Unrepresentable {
                    path: path.to_owned(),
                    message: format!(
                        "concept `{id}`: the form `{bad}` contains `|` or surrounding spaces"
                    ),
                });
            }
            notes.push(format!("forms: {}", forms.join(" | ")));
        }
    }
    if let Some(note) = &term.note {
        notes.push(note.clone());
    }
    for note in &notes {
        element(out, 12, "note", note, path)?;
    }
    out.push_str("          </termSec>\n");
    Ok(())
}

/// The languages of `terms`, in order of first appearance.
pub(crate) fn languages(terms: &[Term]) -> Vec<&str> {
    let mut langs: Vec<&str> = Vec::new();
    for term in terms {
        if !langs.contains(&term.lang.as_str()) {
            langs.push(&term.lang);
        }
    }
    langs
}

fn element(
    out: &mut String,
    indent: usize,
    name: &str,
    text: &str,
    path: &Path,
) -> Result<(), GlossaryError> {
    let text = escape(text, path)?;
    out.push_str(&format!("{:indent$}<{name}>{text}</{name}>\n", ""));
    Ok(())
}

/// Escapes text for element content and attribute values; a character XML
/// cannot hold is an error.
fn escape(text: &str, path: &Path) -> Result<String, GlossaryError> {
    if let Some((_, c)) = crate::text::first_non_xml_char(text) {
        return Err(GlossaryError::Unrepresentable {
            path: path.to_owned(),
            message: format!("U+{:04X} cannot be written in XML", u32::from(c)),
        });
    }
    let mut out = String::with_capacity(text.len());
    crate::text::push_xml_escaped(&mut out, text);
    Ok(out)
}

/// An XML NCName, as TBX needs for `id` (a practical subset: letters,
/// digits, `.`, `-`, `_`, starting with a letter or `_`).
fn is_ncname(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<Glossary, GlossaryError> {
        parse(text, Path::new("t.tbx"))
    }

    #[test]
    fn reads_tbx_2008_martif() {
        let g = parse_str(
            r#"<?xml version="1.0"?>
<martif type="TBX" xml:lang="en"><martifHeader/><text><body>
<termEntry id="c1"><descrip type="subjectField">politics</descrip>
<langSet lang="en"><tig><term>Senate</term>
<termNote type="administrativeStatus">admittedTerm-admn-sts</termNote>
<termNote type="partOfSpeech">noun</termNote><note>upper house</note></tig></langSet>
<langSet xml:lang="ru"><ntig><termGrp><term>Сенат</term></termGrp></ntig></langSet>
</termEntry></body></text></martif>"#,
        )
        .unwrap();
        let c = &g.concepts[0];
        assert_eq!(c.id, "c1");
        assert_eq!(c.subject.as_deref(), Some("politics"));
        assert_eq!(c.line, 3);
        assert_eq!(c.terms[0].text, "Senate");
        assert_eq!(c.terms[0].status, Status::Admitted);
        assert_eq!(c.terms[0].part_of_speech.as_deref(), Some("noun"));
        assert_eq!(c.terms[0].note.as_deref(), Some("upper house"));
        assert_eq!((c.terms[0].line, c.terms[0].column), (4, 31));
        assert_eq!(c.terms[1].lang, "ru");
        assert_eq!(c.terms[1].status, Status::Preferred);
        assert_eq!((c.terms[1].line, c.terms[1].column), (7, 45));
    }

    #[test]
    fn round_trip_keeps_kind_forms_statuses_and_notes() {
        let g = Glossary {
            concepts: vec![Concept {
                id: "seed-001".into(),
                kind: Some(Kind::Person),
                subject: Some("politics & <defence>".into()),
                note: Some("line one\nline two".into()),
                line: 0,
                terms: vec![
                    term("en", "Chizhov", Status::Preferred, Matching::Exact, None),
                    term(
                        "en",
                        "Vladmir",
                        Status::Forbidden,
                        Matching::Default,
                        Some("typo"),
                    ),
                    term(
                        "ru",
                        "Чижов",
                        Status::Preferred,
                        Matching::Forms(vec!["Чижова".into(), "В. А. Чижов".into()]),
                        None,
                    ),
                    term("ur", "چیژوف", Status::Deprecated, Matching::Stem, None),
                ],
            }],
        };
        let text = write(&g, Path::new("t.tbx")).unwrap();
        let mut back = parse_str(&text).unwrap();
        for c in &mut back.concepts {
            c.line = 0;
            for t in &mut c.terms {
                t.line = 0;
                t.column = 0;
            }
        }
        assert_eq!(back, g);
    }

    fn term(
        lang: &str,
        text: &str,
        status: Status,
        matching: Matching,
        note: Option<&str>,
    ) -> Term {
        Term {
            lang: lang.into(),
            text: text.into(),
            status,
            part_of_speech: None,
            matching,
            note: note.map(Into::into),
            line: 0,
            column: 0,
        }
    }

    #[test]
    fn entity_declarations_are_refused() {
        let err =
            parse_str("<?xml version=\"1.0\"?>\n<!DOCTYPE tbx [<!ENTITY a \"aaaa\">]>\n<tbx/>")
                .unwrap_err();
        assert!(
            matches!(
                err,
                GlossaryError::Doctype {
                    line: 2,
                    column: 1,
                    ..
                }
            ),
            "{err}"
        );
    }

    #[test]
    fn errors_have_positions() {
        let err =
            parse_str("<tbx>\n  <text><body><conceptEntry id=\"a\">\n  <langSec>").unwrap_err();
        assert_eq!(err.position(), Some((3, 3)), "{err}");
        let concept = |id: &str| {
            format!(
                "<conceptEntry id=\"{id}\"><langSec xml:lang=\"en\"><termSec><term>x</term>\
                 </termSec></langSec></conceptEntry>\n"
            )
        };
        let err = parse_str(&format!(
            "<tbx><text><body>\n{}{}  {}</body></text></tbx>",
            concept("c1"),
            concept("c2"),
            concept("c1")
        ))
        .unwrap_err();
        assert_eq!(err.position(), Some((4, 3)), "{err}");
        assert!(
            err.to_string()
                .contains("concept id `c1` is also the id of the concept at line 2"),
            "{err}"
        );
        // A control character, raw or as a reference.
        for term in ["Se\u{1}n", "Se&#1;n"] {
            let err = parse_str(&format!(
                "<tbx><text><body>\n{}</body></text></tbx>",
                concept("c1").replace(">x<", &format!(">{term}<"))
            ))
            .unwrap_err();
            assert_eq!(err.position(), Some((2, 63)), "{err}");
            assert!(
                err.to_string().contains("U+0001 is not allowed in XML"),
                "{err}"
            );
        }
        let err = parse_str("<tbx><text>\n</body>").unwrap_err();
        assert!(
            matches!(err, GlossaryError::Syntax { line: 2, .. }),
            "{err}"
        );
        let err = parse_str("<html/>").unwrap_err();
        assert!(err.to_string().contains("not TBX"), "{err}");
        let err = parse_str(
            "<tbx><text><body><conceptEntry id=\"a\"><langSec xml:lang=\"en\"><termSec><term>x</term>\n<termNote type=\"administrativeStatus\">best</termNote></termSec></langSec></conceptEntry></body></text></tbx>",
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("t.tbx:2:39: unknown status `best`"),
            "{err}"
        );
    }

    #[test]
    fn unwritable_ids_are_errors() {
        let mut g = Glossary::default();
        g.concepts.push(Concept {
            id: "1".into(),
            terms: vec![term("en", "x", Status::Preferred, Matching::Default, None)],
            ..Concept::default()
        });
        assert!(write(&g, Path::new("t.tbx")).is_err());
    }
}
