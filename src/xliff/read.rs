//! Reading XLIFF 1.2 and 2.0/2.1 as CAT tools send them back.
//!
//! The whole file is decoded to text first (the [`Document`] holds every
//! unit anyway), then read with quick-xml's namespace-aware pull reader.
//! Nothing recurses: groups and inline elements may nest as deep as a file
//! likes without exhausting the stack. The reader is strict where a wrong
//! guess would lose data or open a door (XML syntax, unknown versions,
//! duplicate ids, entity declarations, characters XML forbids) and lenient
//! where tools differ harmlessly: elements of other namespaces (memoQ,
//! Trados, Okapi, ITS) and XLIFF elements tarjuman has no use for are
//! skipped with their content, prefixed attributes are not looked at.
//!
//! Two exceptions, because the tools keep a segment's confirmation there
//! rather than in XLIFF's `state`:
//!
//! - Trados Studio (SDLXLIFF, and XLIFF 1.2 exported from Studio): the
//!   `conf` of each `<sdl:seg>` in a trans-unit's `<sdl:seg-defs>`
//!   (namespace `http://sdl.com/FileTypes/SdlXliff/1.0`), for the segment
//!   whose `mid` is its `id` (in a trans-unit without `seg-source`, for
//!   the only segment). `Draft`, `RejectedTranslation` and
//!   `RejectedSignOff` are [`State::NeedsReview`], `Translated` is
//!   [`State::Translated`], `ApprovedTranslation` [`State::Reviewed`],
//!   `ApprovedSignOff` [`State::Final`]; no `conf` is not translated.
//! - memoQ (XLIFF 1.2, namespace `MQXliff`): `mq:status` on a
//!   `<trans-unit>`, for all its segments. `Confirmed` and
//!   `ManuallyConfirmed` are [`State::Translated`], `Proofread`,
//!   `Reviewer1Confirmed` and `Reviewer2Confirmed` [`State::Reviewed`];
//!   `Edited`, `PartiallyEdited`, `Pretranslated`, `MachineTranslated` and
//!   `AssembledFromFragments` [`State::NeedsReview`]; `NotStarted` and
//!   `Rejected` [`State::Initial`].
//!
//! A segment's state is the more advanced of the XLIFF one (`state`,
//! `approved`) and the tool's: a tool's status never lowers it. Values
//! are compared regardless of case (memoQ's API spells `PreTranslated`);
//! unknown ones change nothing.

use std::borrow::Cow;
use std::mem::take;
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::{NsReader, XmlVersion};
use rustc_hash::FxHashMap;

use super::XliffError;
use super::model::{
    AltMatch, Code, CodeKind, Content, Document, File, GlossEntry, Inline, Note, Part, Segment,
    State, Unit, Version,
};
use crate::text::position::{LineCounter, line_column};

const NS_1_2: &str = "urn:oasis:names:tc:xliff:document:1.2";
const NS_2: &str = "urn:oasis:names:tc:xliff:document:2.0";
const NS_MTC: &str = "urn:oasis:names:tc:xliff:matches:2.0";
const NS_GLS: &str = "urn:oasis:names:tc:xliff:glossary:2.0";
/// Trados Studio's extensions (SDLXLIFF).
const NS_SDL: &str = "http://sdl.com/FileTypes/SdlXliff/1.0";
/// memoQ's extensions (MQXLIFF and memoQ's XLIFF 1.2 export).
const NS_MQ: &str = "MQXliff";

/// Reads the XLIFF file at `path`.
pub fn read(path: &Path) -> Result<Document, XliffError> {
    let bytes = std::fs::read(path).map_err(|source| XliffError::Io {
        path: path.to_owned(),
        source,
    })?;
    // UTF-8, the usual case, becomes text without a copy.
    if decoder(&bytes, path)?.is_none() {
        match String::from_utf8(bytes) {
            Ok(text) => {
                let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
                return parse_text(text, path);
            }
            Err(e) => return parse(e.as_bytes(), path),
        }
    }
    parse(&bytes, path)
}

/// Parses XLIFF from `bytes`; `path` names it in errors.
pub fn parse(bytes: &[u8], path: &Path) -> Result<Document, XliffError> {
    let text = decode(bytes, path)?;
    parse_text(&text, path)
}

/// Parses XLIFF text (already decoded, without a byte-order mark); the
/// positions in the document are offsets into `text`.
pub fn parse_text(text: &str, path: &Path) -> Result<Document, XliffError> {
    if let Some((offset, c)) = crate::text::first_non_xml_char(text) {
        let (line, column) = line_column(text, offset);
        return Err(XliffError::Invalid {
            path: path.to_owned(),
            line,
            column,
            message: forbidden_char_message(c),
        });
    }
    Parser::new(text, path).document()
}

// ---------------------------------------------------------------------------
// Bytes to text
// ---------------------------------------------------------------------------

/// The file's text: UTF-8 (BOM or not), UTF-16 (BOM, or recognized by the
/// declaration's first characters), or the encoding the XML declaration
/// names (any label of the WHATWG Encoding Standard, e.g. `windows-1251`).
pub fn decode(bytes: &[u8], path: &Path) -> Result<String, XliffError> {
    if let Some(encoding) = decoder(bytes, path)? {
        return decode_with(encoding, bytes, path);
    }
    crate::text::position::decode(bytes).map_err(|stop| XliffError::Invalid {
        path: path.to_owned(),
        line: stop.line,
        column: stop.column,
        message: if stop.utf16 {
            "invalid UTF-16".to_owned()
        } else {
            "not UTF-8 text: save the file as UTF-8, or declare its encoding".to_owned()
        },
    })
}

/// The encoding to decode `bytes` with; `None` for UTF-8 and UTF-16 with a
/// BOM (what [`crate::text::position::decode`] reads).
fn decoder(
    bytes: &[u8],
    path: &Path,
) -> Result<Option<&'static encoding_rs::Encoding>, XliffError> {
    match bytes {
        [0x3C, 0, 0x3F, 0, ..] => return Ok(Some(encoding_rs::UTF_16LE)),
        [0, 0x3C, 0, 0x3F, ..] => return Ok(Some(encoding_rs::UTF_16BE)),
        [0xEF, 0xBB, 0xBF, ..] | [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..] => return Ok(None),
        _ => {}
    }
    let Some((label, column)) = declared_encoding(bytes) else {
        return Ok(None);
    };
    match encoding_rs::Encoding::for_label_no_replacement(label.as_bytes()) {
        Some(e)
            if e == encoding_rs::UTF_8
                || e == encoding_rs::UTF_16LE
                || e == encoding_rs::UTF_16BE =>
        {
            Ok(None)
        }
        Some(e) => Ok(Some(e)),
        None => Err(XliffError::Invalid {
            path: path.to_owned(),
            line: 1,
            column,
            message: format!(
                "unknown encoding `{label}`: tarjuman reads UTF-8, UTF-16 and the encodings of \
                 the WHATWG Encoding Standard"
            ),
        }),
    }
}

/// Decodes `bytes` in `encoding`, refusing malformed input at its position.
fn decode_with(
    encoding: &'static encoding_rs::Encoding,
    bytes: &[u8],
    path: &Path,
) -> Result<String, XliffError> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(usize::MAX);
    let mut text = String::new();
    if text.try_reserve(capacity).is_err() {
        return Err(XliffError::Invalid {
            path: path.to_owned(),
            line: 1,
            column: 1,
            message: "the file is too large to decode".to_owned(),
        });
    }
    let (result, _) = decoder.decode_to_string_without_replacement(bytes, &mut text, true);
    match result {
        encoding_rs::DecoderResult::InputEmpty => Ok(text),
        _ => {
            let (line, column) = line_column(&text, text.len());
            Err(XliffError::Invalid {
                path: path.to_owned(),
                line,
                column,
                message: format!("bytes that are not {}", encoding.name()),
            })
        }
    }
}

/// The `encoding` of an ASCII XML declaration at the start of `bytes`, with
/// the 1-based column of its value.
fn declared_encoding(bytes: &[u8]) -> Option<(String, usize)> {
    let decl = bytes.strip_prefix(b"<?xml")?;
    let end = memchr::memmem::find(decl, b"?>")?;
    let decl = decl.get(..end)?;
    let at = memchr::memmem::find(decl, b"encoding")?;
    let rest = decl.get(at + "encoding".len()..)?.trim_ascii_start();
    let value = rest.strip_prefix(b"=")?.trim_ascii_start();
    let (&quote, value) = value.split_first()?;
    if quote != b'"' && quote != b'\'' {
        return None;
    }
    let close = memchr::memchr(quote, value)?;
    let label = std::str::from_utf8(value.get(..close)?).ok()?;
    let column = "<?xml".len() + (decl.len() - value.len()) + 1;
    Some((label.trim().to_owned(), column))
}

fn forbidden_char(text: &str) -> Option<char> {
    crate::text::first_non_xml_char(text).map(|(_, c)| c)
}

fn forbidden_char_message(c: char) -> String {
    format!("the character U+{:04X} is not allowed in XML", u32::from(c))
}

// ---------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------

/// The namespace of an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ns {
    Xliff12,
    Xliff2,
    /// No namespace: XLIFF 1.2 as old tools write it.
    None,
    Matches,
    Glossary,
    /// Trados Studio ([`NS_SDL`]).
    Sdl,
    Other,
}

fn classify(ns: &ResolveResult<'_>) -> Ns {
    match ns {
        ResolveResult::Unbound => Ns::None,
        ResolveResult::Bound(ns) => match ns.as_ref() {
            NS_1_2 => Ns::Xliff12,
            NS_2 => Ns::Xliff2,
            NS_MTC => Ns::Matches,
            NS_GLS => Ns::Glossary,
            NS_SDL => Ns::Sdl,
            _ => Ns::Other,
        },
        // An undeclared prefix: some tool's extension, written carelessly.
        ResolveResult::Unknown(_) => Ns::Other,
    }
}

/// The elements tarjuman reads; everything else is [`El::Other`] and
/// skipped with its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum El {
    File,
    Body,
    Group,
    TransUnit,
    Unit,
    Source,
    SegSource,
    Target,
    AltTrans,
    Notes,
    Note,
    Segment,
    Ignorable,
    G,
    X,
    Bx,
    Ex,
    Ph,
    Bpt,
    Ept,
    It,
    Sub,
    Mrk,
    Pc,
    Sc,
    Ec,
    Sm,
    Em,
    Cp,
    Matches,
    Match,
    Glossary,
    GlossEntry,
    Term,
    Translation,
    Definition,
    /// Trados `sdl:seg-defs`.
    SegDefs,
    /// Trados `sdl:seg`.
    SdlSeg,
    Other,
}

fn element_1_2(local: &str) -> El {
    match local {
        "file" => El::File,
        "body" => El::Body,
        "group" => El::Group,
        "trans-unit" => El::TransUnit,
        "source" => El::Source,
        "seg-source" => El::SegSource,
        "target" => El::Target,
        "alt-trans" => El::AltTrans,
        "note" => El::Note,
        "g" => El::G,
        "x" => El::X,
        "bx" => El::Bx,
        "ex" => El::Ex,
        "ph" => El::Ph,
        "bpt" => El::Bpt,
        "ept" => El::Ept,
        "it" => El::It,
        "sub" => El::Sub,
        "mrk" => El::Mrk,
        _ => El::Other,
    }
}

fn element_2(local: &str) -> El {
    match local {
        "file" => El::File,
        "group" => El::Group,
        "unit" => El::Unit,
        "source" => El::Source,
        "target" => El::Target,
        "notes" => El::Notes,
        "note" => El::Note,
        "segment" => El::Segment,
        "ignorable" => El::Ignorable,
        "pc" => El::Pc,
        "ph" => El::Ph,
        "sc" => El::Sc,
        "ec" => El::Ec,
        "mrk" => El::Mrk,
        "sm" => El::Sm,
        "em" => El::Em,
        "cp" => El::Cp,
        _ => El::Other,
    }
}

/// A start tag (or an empty element).
#[derive(Debug)]
struct Tag<'a> {
    el: El,
    ns: Ns,
    start: BytesStart<'a>,
    /// Byte offset of its `<`.
    at: usize,
    /// `<x/>`: no content and no end tag follow.
    empty: bool,
}

impl Tag<'_> {
    /// An unprefixed attribute's value (validated when the tag was read).
    fn attr(&self, name: &str) -> Option<Cow<'_, str>> {
        let mut attributes = self.start.attributes();
        // Duplicates were refused when the tag was read; checking again
        // would allocate on every lookup.
        attributes.with_checks(false);
        attributes
            .flatten()
            .find(|a| a.key.as_ref() == name)
            .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok())
    }

    /// Several attributes' values, in one pass over the tag.
    fn attrs<const N: usize>(&self, names: [&str; N]) -> [Option<Cow<'_, str>>; N] {
        let mut found: [Option<Cow<'_, str>>; N] = std::array::from_fn(|_| None);
        let mut attributes = self.start.attributes();
        attributes.with_checks(false);
        for a in attributes.flatten() {
            if let Some(slot) = names
                .iter()
                .position(|name| *name == a.key.0)
                .and_then(|i| found.get_mut(i))
            {
                *slot = a.normalized_value(XmlVersion::Implicit1_0).ok();
            }
        }
        found
    }

    fn string(&self, name: &str) -> Option<String> {
        self.attr(name).map(Cow::into_owned)
    }
}

/// What the document reader needs of an XML event.
#[derive(Debug)]
enum Ev<'a> {
    Open(Tag<'a>),
    End,
    /// Text, CDATA or a resolved reference.
    Text(Cow<'a, str>),
    /// The end of the file, after the root element.
    Eof,
}

// ---------------------------------------------------------------------------
// Content
// ---------------------------------------------------------------------------

/// Content split at 1.2 `<mrk mtype="seg">`s: one more gap than segments
/// (`gaps[0] segs[0] gaps[1] …`).
#[derive(Debug, Default)]
struct Split {
    gaps: Vec<Content>,
    segs: Vec<SegMrk>,
}

/// A 1.2 segment `mrk`.
#[derive(Debug)]
struct SegMrk {
    id: String,
    content: Content,
    line: usize,
    column: usize,
    /// Byte offset of its start tag.
    at: usize,
}

impl Split {
    /// The content with the segment markers dropped.
    fn flatten(self) -> Content {
        let mut out = Content::default();
        let mut segs = self.segs.into_iter();
        for gap in self.gaps {
            append(&mut out, gap);
            if let Some(seg) = segs.next() {
                append(&mut out, seg.content);
            }
        }
        out
    }
}

fn append(out: &mut Content, content: Content) {
    if out.0.is_empty() {
        *out = content;
        return;
    }
    for inline in content.0 {
        match inline {
            Inline::Text(text) => out.push_text(&text),
            code => out.0.push(code),
        }
    }
}

/// What to do at the end of an inline element.
#[derive(Debug)]
enum Frame {
    /// Close the code its start opened.
    Close(Code),
    /// End a segment `mrk`.
    Seg(SegMrk),
    /// Nothing (`sub` outside native code).
    Plain,
}

/// Content being read: the split so far, the content the next text goes
/// to, and what each open inline element does at its end.
#[derive(Debug, Default)]
struct Builder {
    split: Split,
    current: Content,
    stack: Vec<Frame>,
    /// Whether a segment `mrk` is open (one inside it is an ordinary code).
    in_seg: bool,
}

impl Builder {
    fn push(&mut self, code: Code) {
        self.current.0.push(Inline::Code(code));
    }

    /// The opening code of a paired element (`g`, `pc`, `mrk`), and its
    /// closing one now (`<g/>`) or at its end.
    fn paired(&mut self, element: &str, id: Option<Cow<'_, str>>, empty: bool) {
        let close = code(CodeKind::Close, element, id.clone(), None);
        self.push(code(CodeKind::Open, element, id, None));
        if empty {
            self.push(close);
        } else {
            self.stack.push(Frame::Close(close));
        }
    }
}

fn code(kind: CodeKind, element: &str, id: Option<Cow<'_, str>>, data: Option<String>) -> Code {
    Code {
        kind,
        element: element.to_owned(),
        id: id.map(Cow::into_owned).unwrap_or_default(),
        data,
    }
}

/// A `<target>` of 1.2, read.
#[derive(Debug)]
struct Target12 {
    split: Split,
    line: usize,
    column: usize,
    at: usize,
}

/// A segment of 2.x being read, with what its id needs.
#[derive(Debug)]
struct Pending2 {
    /// Index in the unit's parts.
    part: usize,
    /// Where its start tag is, if it has an `id`.
    id_at: Option<usize>,
}

// ---------------------------------------------------------------------------
// The reader
// ---------------------------------------------------------------------------

struct Parser<'a> {
    xml: NsReader<&'a [u8]>,
    text: &'a str,
    path: &'a Path,
    lines: LineCounter<'a>,
    version: Version,
    /// Start offsets of the open elements, innermost last.
    open: Vec<usize>,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str, path: &'a Path) -> Self {
        let mut xml = NsReader::from_str(text);
        let config = xml.config_mut();
        config.check_end_names = true;
        config.trim_text(false);
        Parser {
            xml,
            text,
            path,
            lines: LineCounter::new(text),
            version: Version::V1_2,
            open: Vec::new(),
        }
    }

    // -- errors and positions ----------------------------------------------

    fn pos(&mut self, offset: usize) -> (usize, usize) {
        self.lines.pos(offset)
    }

    fn syntax(&mut self, offset: usize, message: impl Into<String>) -> XliffError {
        let (line, column) = self.pos(offset);
        XliffError::Syntax {
            path: self.path.to_owned(),
            line,
            column,
            message: message.into(),
        }
    }

    /// Every segment of a 1.2 target answers one of the source's: a
    /// target `mrk` whose `mid` the `seg-source` lacks holds text that
    /// would be lost.
    fn check_target_mids(
        &self,
        unit: &str,
        source: &[SegMrk],
        target: &[SegMrk],
    ) -> Result<(), XliffError> {
        let index: Option<rustc_hash::FxHashSet<&str>> =
            (source.len() > 16).then(|| source.iter().map(|s| s.id.as_str()).collect());
        let known = |id: &str| match &index {
            Some(index) => index.contains(id),
            None => source.iter().any(|s| s.id == id),
        };
        match target.iter().find(|t| !known(&t.id)) {
            Some(orphan) => Err(self.invalid_at(
                orphan.line,
                orphan.column,
                format!(
                    "<trans-unit id=\"{unit}\">: the target's segment `{}` has no source \
                     segment with that `mid`; its text would be lost",
                    orphan.id
                ),
            )),
            None => Ok(()),
        }
    }

    fn invalid(&mut self, offset: usize, message: impl Into<String>) -> XliffError {
        let (line, column) = self.pos(offset);
        self.invalid_at(line, column, message)
    }

    fn invalid_at(&self, line: usize, column: usize, message: impl Into<String>) -> XliffError {
        XliffError::Invalid {
            path: self.path.to_owned(),
            line,
            column,
            message: message.into(),
        }
    }

    /// The end of the file inside an element.
    fn unclosed(&mut self) -> XliffError {
        let end = self.text.len();
        let Some(&open) = self.open.last() else {
            return self.syntax(end, "unexpected end of file");
        };
        let name: String = self
            .text
            .get(open + 1..)
            .unwrap_or_default()
            .chars()
            .take_while(|c| !c.is_whitespace() && !matches!(c, '>' | '/'))
            .collect();
        let (line, column) = self.pos(open);
        self.syntax(
            end,
            format!(
                "unexpected end of file: <{name}> (line {line}, column {column}) is not closed"
            ),
        )
    }

    // -- events -------------------------------------------------------------

    /// The next event that matters. Attributes of every start tag are
    /// checked here, references resolved, DOCTYPEs with entities refused.
    fn next(&mut self) -> Result<Ev<'a>, XliffError> {
        loop {
            let at = to_usize(self.xml.buffer_position());
            let (ns, event) = match self.xml.read_resolved_event() {
                Ok((ns, event)) => (classify(&ns), event),
                Err(e) => {
                    // Errors of the namespace resolver leave no error
                    // position: they are about the tag at `at`.
                    let at = to_usize(self.xml.error_position()).max(at);
                    return Err(self.syntax(at, e.to_string()));
                }
            };
            match event {
                Event::Start(start) => {
                    self.open.push(at);
                    return self.tag(start, ns, at, false).map(Ev::Open);
                }
                Event::Empty(start) => return self.tag(start, ns, at, true).map(Ev::Open),
                Event::End(_) => {
                    self.open.pop();
                    return Ok(Ev::End);
                }
                Event::Text(t) => return Ok(Ev::Text(t.xml10_content())),
                Event::CData(t) => return Ok(Ev::Text(t.xml10_content())),
                Event::GeneralRef(r) => {
                    let text = match crate::text::resolve_reference(&r) {
                        Ok(text) => text,
                        Err(message) => return Err(self.syntax(at, message)),
                    };
                    if let Some(c) = forbidden_char(&text) {
                        return Err(self.invalid(at, forbidden_char_message(c)));
                    }
                    return Ok(Ev::Text(Cow::Owned(text)));
                }
                Event::DocType(d) => {
                    if d.contains("<!ENTITY") {
                        return Err(self.invalid(
                            at,
                            "the DOCTYPE declares entities; tarjuman does not expand them \
                             (a safeguard against entity expansion attacks): remove the \
                             declarations",
                        ));
                    }
                }
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
                Event::Eof => {
                    if self.open.is_empty() {
                        return Ok(Ev::Eof);
                    }
                    return Err(self.unclosed());
                }
            }
        }
    }

    fn tag(
        &mut self,
        start: BytesStart<'a>,
        ns: Ns,
        at: usize,
        empty: bool,
    ) -> Result<Tag<'a>, XliffError> {
        // Duplicate names are checked here for the first few attributes
        // (quick-xml's own check allocates), by quick-xml beyond.
        let mut names: [&str; 8] = [""; 8];
        let mut attributes = start.attributes();
        attributes.with_checks(false);
        for (count, attr) in attributes.enumerate() {
            let attr = match attr {
                Ok(attr) => attr,
                Err(e) => return Err(self.syntax(at, e.to_string())),
            };
            let name = attr.key.0;
            if names.iter().take(count).any(|seen| *seen == name) {
                let message = format!("duplicate attribute `{name}`");
                return Err(self.syntax(at, message));
            }
            if let Some(slot) = names.get_mut(count) {
                *slot = name;
            } else if count == names.len()
                && let Some(Err(e)) = start.attributes().find(Result::is_err)
            {
                return Err(self.syntax(at, e.to_string()));
            }
            if attr.value.contains('<') {
                let key = attr.key.as_ref().to_owned();
                return Err(self.syntax(at, format!("`<` in the value of `{key}`")));
            }
            if attr.value.contains('&') {
                match attr.normalized_value(XmlVersion::Implicit1_0) {
                    Ok(value) => {
                        if let Some(c) = forbidden_char(&value) {
                            return Err(self.invalid(at, forbidden_char_message(c)));
                        }
                    }
                    Err(e) => return Err(self.syntax(at, e.to_string())),
                }
            }
        }
        let el = self.element(ns, start.local_name().as_ref());
        Ok(Tag {
            el,
            ns,
            start,
            at,
            empty,
        })
    }

    fn element(&self, ns: Ns, local: &str) -> El {
        let core = match ns {
            Ns::None => true,
            Ns::Xliff12 => !self.version.is_2(),
            Ns::Xliff2 => self.version.is_2(),
            Ns::Matches => {
                return match local {
                    "matches" => El::Matches,
                    "match" => El::Match,
                    _ => El::Other,
                };
            }
            Ns::Glossary => {
                return match local {
                    "glossary" => El::Glossary,
                    "glossEntry" => El::GlossEntry,
                    "term" => El::Term,
                    "translation" => El::Translation,
                    "definition" => El::Definition,
                    _ => El::Other,
                };
            }
            Ns::Sdl => {
                return match local {
                    "seg-defs" => El::SegDefs,
                    "seg" => El::SdlSeg,
                    _ => El::Other,
                };
            }
            Ns::Other => false,
        };
        match (core, self.version.is_2()) {
            (false, _) => El::Other,
            (true, false) => element_1_2(local),
            (true, true) => element_2(local),
        }
    }

    /// Skips an element tarjuman does not read, with its content.
    fn skip(&mut self, tag: &Tag<'a>) -> Result<(), XliffError> {
        if tag.empty {
            return Ok(());
        }
        let mut depth = 1usize;
        loop {
            match self.next()? {
                Ev::Open(t) if !t.empty => depth += 1,
                Ev::End => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(());
                    }
                }
                Ev::Eof => return Err(self.unclosed()),
                Ev::Open(_) | Ev::Text(_) => {}
            }
        }
    }

    /// All the text inside an element, nested elements' included (notes,
    /// glossary terms, the native code of `ph`/`bpt`/`ept`/`it`).
    fn text_of(&mut self, tag: &Tag<'a>) -> Result<String, XliffError> {
        let mut text = String::new();
        if tag.empty {
            return Ok(text);
        }
        let mut depth = 1usize;
        loop {
            match self.next()? {
                Ev::Text(t) => text.push_str(&t),
                Ev::Open(t) if !t.empty => depth += 1,
                Ev::Open(_) => {}
                Ev::End => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(text);
                    }
                }
                Ev::Eof => return Err(self.unclosed()),
            }
        }
    }

    // -- the document ---------------------------------------------------------

    fn document(mut self) -> Result<Document, XliffError> {
        let root = loop {
            let at = to_usize(self.xml.buffer_position());
            match self.next()? {
                Ev::Open(tag) => break tag,
                Ev::Text(t) if t.trim().is_empty() => {}
                Ev::Text(_) | Ev::End => {
                    let at = self.after_spaces(at);
                    return Err(self.syntax(at, "text before the root element"));
                }
                Ev::Eof => {
                    let end = self.text.len();
                    return Err(self.invalid(end, "no root element: not an XLIFF file"));
                }
            }
        };
        let mut doc = self.root(&root)?;
        if !root.empty {
            loop {
                match self.next()? {
                    Ev::Open(tag) if tag.el == El::File => {
                        let file = self.file(tag, doc.files.len(), &mut doc)?;
                        doc.files.push(file);
                    }
                    Ev::Open(tag) => self.skip(&tag)?,
                    Ev::End => break,
                    Ev::Text(_) => {}
                    Ev::Eof => return Err(self.unclosed()),
                }
            }
        }
        self.epilogue()?;
        if doc.files.is_empty() {
            return Err(self.invalid(root.at, "<xliff> has no <file>"));
        }
        Ok(doc)
    }

    /// The root element: is it XLIFF, which version, which languages.
    fn root(&mut self, root: &Tag<'a>) -> Result<Document, XliffError> {
        if root.start.local_name().as_ref() != "xliff"
            || !matches!(root.ns, Ns::Xliff12 | Ns::Xliff2 | Ns::None)
        {
            let name = root.start.name().as_ref().to_owned();
            return Err(self.invalid(
                root.at,
                format!("not an XLIFF file: the root element is <{name}>"),
            ));
        }
        let version = match root.attr("version").as_deref() {
            Some("1.2") => Version::V1_2,
            Some("2.0") => Version::V2_0,
            Some("2.1") => Version::V2_1,
            Some(other) => {
                let message =
                    format!("unknown XLIFF version `{other}` (tarjuman reads 1.2, 2.0 and 2.1)");
                return Err(self.invalid(root.at, message));
            }
            None => {
                return Err(self.invalid(
                    root.at,
                    "<xliff> has no `version` (tarjuman reads 1.2, 2.0 and 2.1)",
                ));
            }
        };
        match (version.is_2(), root.ns) {
            (true, Ns::Xliff12) => {
                return Err(self.invalid(
                    root.at,
                    format!("XLIFF {version} in the XLIFF 1.2 namespace `{NS_1_2}`"),
                ));
            }
            (false, Ns::Xliff2) => {
                return Err(self.invalid(
                    root.at,
                    format!("XLIFF 1.2 in the XLIFF 2 namespace `{NS_2}`"),
                ));
            }
            _ => {}
        }
        self.version = version;
        let mut doc = Document {
            version,
            ..Document::default()
        };
        if version.is_2() {
            let Some(source) = root.string("srcLang") else {
                return Err(self.invalid(root.at, "<xliff> has no `srcLang`"));
            };
            doc.source_lang = source;
            doc.target_lang = root.string("trgLang");
            self.check_languages(root, "srcLang", "trgLang", &mut doc)?;
        }
        Ok(doc)
    }

    /// The document's languages are language tags (the schemas'
    /// `xs:language`): a memory fed `zz-!!` could never look it up. `en_US`,
    /// as some tools write it, is read as `en-US`.
    fn check_languages(
        &mut self,
        tag: &Tag<'a>,
        source: &str,
        target: &str,
        doc: &mut Document,
    ) -> Result<(), XliffError> {
        let langs = [
            (source, Some(&mut doc.source_lang)),
            (target, doc.target_lang.as_mut()),
        ];
        for (name, value) in langs {
            let Some(value) = value else { continue };
            match crate::lang::file_tag(value) {
                Some(tag) => *value = tag,
                None => {
                    let message = format!(
                        "`{name}` is `{value}`, which is not a language tag (BCP 47, such \
                         as en, ur, ru-RU)"
                    );
                    return Err(self.invalid(tag.at, message));
                }
            }
        }
        Ok(())
    }

    /// After the root element: comments, processing instructions, spaces.
    fn epilogue(&mut self) -> Result<(), XliffError> {
        loop {
            let at = to_usize(self.xml.buffer_position());
            match self.next()? {
                Ev::Eof => return Ok(()),
                Ev::Text(t) if t.trim().is_empty() => {}
                _ => {
                    let at = self.after_spaces(at);
                    return Err(self.syntax(at, "content after the root element"));
                }
            }
        }
    }

    /// The offset of the first character at or after `at` that is not
    /// white space.
    fn after_spaces(&self, at: usize) -> usize {
        let rest = self.text.get(at..).unwrap_or_default();
        at + (rest.len() - rest.trim_start().len())
    }

    fn file(&mut self, tag: Tag<'a>, n: usize, doc: &mut Document) -> Result<File, XliffError> {
        let (line, column) = self.pos(tag.at);
        let mut file = File {
            original: tag.string("original").unwrap_or_default(),
            line,
            column,
            ..File::default()
        };
        if self.version.is_2() {
            file.id = tag.string("id").unwrap_or_else(|| format!("f{}", n + 1));
        } else {
            file.id = format!("f{}", n + 1);
            file.datatype = tag.string("datatype");
            self.languages_1_2(&tag, n, doc)?;
        }
        self.units(&tag, &mut file.units)?;
        self.check_unit_ids(&file.units)?;
        Ok(file)
    }

    /// A 1.2 file's languages: the document's if it is the first, else the
    /// same as the first's.
    fn languages_1_2(
        &mut self,
        tag: &Tag<'a>,
        n: usize,
        doc: &mut Document,
    ) -> Result<(), XliffError> {
        let Some(source) = tag.string("source-language") else {
            return Err(self.invalid(tag.at, "<file> has no `source-language`"));
        };
        let target = tag.string("target-language");
        // Compared as read for the first file (`en_US` as `en-US`).
        let source = crate::lang::file_tag(&source).unwrap_or(source);
        let target = target.map(|t| crate::lang::file_tag(&t).unwrap_or(t));
        if n == 0 {
            doc.source_lang = source;
            doc.target_lang = target;
            return self.check_languages(tag, "source-language", "target-language", doc);
        }
        if !source.eq_ignore_ascii_case(&doc.source_lang) {
            let message = format!(
                "this file's source-language `{source}` is not the first file's `{}`: \
                 tarjuman reads one language pair per XLIFF document",
                doc.source_lang
            );
            return Err(self.invalid(tag.at, message));
        }
        let same_target = match (&target, &doc.target_lang) {
            (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
            (None, None) => true,
            _ => false,
        };
        if !same_target {
            let message = format!(
                "this file's target-language `{}` is not the first file's `{}`: \
                 tarjuman reads one language pair per XLIFF document",
                target.as_deref().unwrap_or("(none)"),
                doc.target_lang.as_deref().unwrap_or("(none)")
            );
            return Err(self.invalid(tag.at, message));
        }
        Ok(())
    }

    /// The units of a file, in document order, through `body` and groups
    /// nested to any depth.
    fn units(&mut self, file: &Tag<'a>, units: &mut Vec<Unit>) -> Result<(), XliffError> {
        if file.empty {
            return Ok(());
        }
        // Open `body` and `group` elements inside the file.
        let mut depth = 0usize;
        loop {
            match self.next()? {
                Ev::Open(tag) => match tag.el {
                    El::Body | El::Group => {
                        if !tag.empty {
                            depth += 1;
                        }
                    }
                    El::TransUnit => units.push(self.unit_1_2(tag)?),
                    El::Unit => units.push(self.unit_2(tag)?),
                    _ => self.skip(&tag)?,
                },
                Ev::End => {
                    if depth == 0 {
                        return Ok(());
                    }
                    depth -= 1;
                }
                Ev::Text(_) => {}
                Ev::Eof => return Err(self.unclosed()),
            }
        }
    }

    fn check_unit_ids(&self, units: &[Unit]) -> Result<(), XliffError> {
        let mut seen: FxHashMap<&str, usize> = FxHashMap::default();
        seen.reserve(units.len());
        for unit in units {
            if let Some(first) = seen.insert(&unit.id, unit.line) {
                return Err(self.invalid_at(
                    unit.line,
                    unit.column,
                    format!("duplicate unit id `{}` (first at line {first})", unit.id),
                ));
            }
        }
        Ok(())
    }

    /// The attributes every unit has, its position, and whether it is
    /// `approved` (1.2).
    fn unit_start(&mut self, tag: &Tag<'a>) -> Result<(Unit, bool), XliffError> {
        let (line, column) = self.pos(tag.at);
        let [id, kind, name, translate, approved] = if self.version.is_2() {
            tag.attrs(["id", "type", "name", "translate", "approved"])
        } else {
            tag.attrs(["id", "restype", "resname", "translate", "approved"])
        };
        let Some(id) = id.map(Cow::into_owned) else {
            let element = if self.version.is_2() {
                "unit"
            } else {
                "trans-unit"
            };
            return Err(self.invalid(tag.at, format!("<{element}> has no `id`")));
        };
        let unit = Unit {
            id,
            kind: kind.map(Cow::into_owned),
            name: name.map(Cow::into_owned),
            translate: translate.as_deref() != Some("no"),
            line,
            column,
            ..Unit::default()
        };
        Ok((
            unit,
            !self.version.is_2() && approved.as_deref() == Some("yes"),
        ))
    }

    // -- XLIFF 1.2 ---------------------------------------------------------------

    fn unit_1_2(&mut self, tag: Tag<'a>) -> Result<Unit, XliffError> {
        let (mut unit, approved) = self.unit_start(&tag)?;
        // Read now: the trans-unit's namespace declarations are in scope.
        let memoq = self.memoq_status(&tag);
        // Trados `sdl:seg`s: their `id` and what their `conf` says.
        let mut sdl: Vec<(String, Option<State>)> = Vec::new();
        let mut source: Option<(Split, usize, usize, usize)> = None;
        let mut seg_source: Option<Split> = None;
        let mut seg_source_at = 0;
        let mut target: Option<Target12> = None;
        let mut state = State::Initial;
        let mut qualifier = None;
        let mut matches: Vec<(Option<String>, AltMatch)> = Vec::new();
        if !tag.empty {
            loop {
                match self.next()? {
                    Ev::Open(t) => match t.el {
                        El::Source if source.is_none() => {
                            let (line, column) = self.pos(t.at);
                            source = Some((self.content(&t)?, line, column, t.at));
                        }
                        El::SegSource if seg_source.is_none() => {
                            seg_source_at = t.at;
                            seg_source = Some(self.content(&t)?);
                        }
                        El::Target if target.is_none() => {
                            let (line, column) = self.pos(t.at);
                            let at = t.at;
                            let [s, q] = t.attrs(["state", "state-qualifier"]);
                            if let Some(s) = s.as_deref().filter(|s| !State::is_1_2(s)) {
                                let message = format!(
                                    "state `{s}` is not an XLIFF 1.2 state (new, translated, \
                                     needs-review-translation, signed-off, final, …; `x-…` for \
                                     a tool's own)"
                                );
                                return Err(self.invalid(at, message));
                            }
                            state = s.map_or(State::Initial, |s| State::from_1_2(&s));
                            qualifier = q.map(Cow::into_owned);
                            let split = self.content(&t)?;
                            target = Some(Target12 {
                                split,
                                line,
                                column,
                                at,
                            });
                        }
                        El::Source | El::SegSource | El::Target => {
                            let name = match t.el {
                                El::Source => "source",
                                El::SegSource => "seg-source",
                                _ => "target",
                            };
                            let message = format!(
                                "a second <{name}> in <trans-unit id=\"{}\">: XLIFF allows one",
                                unit.id
                            );
                            return Err(self.invalid(t.at, message));
                        }
                        El::AltTrans => matches.push(self.alt_trans(t)?),
                        El::SegDefs => self.seg_defs(&t, &mut sdl)?,
                        El::Note => {
                            let from = t.string("from");
                            let text = self.text_of(&t)?;
                            unit.notes.push(Note { from, text });
                        }
                        _ => self.skip(&t)?,
                    },
                    Ev::End => break,
                    Ev::Text(_) => {}
                    Ev::Eof => return Err(self.unclosed()),
                }
            }
        }
        let Some((source, line, column, source_at)) = source else {
            let message = format!("<trans-unit id=\"{}\"> has no <source>", unit.id);
            return Err(self.invalid(tag.at, message));
        };
        if approved {
            state = state.max(State::Final);
        }
        if let Some(memoq) = memoq {
            state = state.max(memoq);
        }
        unit.parts = match seg_source {
            Some(segs) if !segs.segs.is_empty() => {
                self.check_mids(&unit.id, &segs.segs)?;
                if let Some(t) = &target {
                    self.check_target_mids(&unit.id, &segs.segs, &t.split.segs)?;
                }
                let mut parts = segmented(segs, seg_source_at, target, state, qualifier.as_deref());
                apply_sdl_confs(&mut parts, &sdl);
                parts
            }
            _ => {
                let (line, column) = target
                    .as_ref()
                    .map_or((line, column), |t| (t.line, t.column));
                // The only segment: the only `sdl:seg`, else the one with
                // the unit's id.
                let conf = match sdl.as_slice() {
                    [(_, conf)] => *conf,
                    _ => sdl.iter().find(|(id, _)| *id == unit.id).and_then(|s| s.1),
                };
                let target_at = target.as_ref().map(|t| t.at);
                vec![Part::Segment(Segment {
                    id: unit.id.clone(),
                    source: source.flatten(),
                    source_at,
                    target_at,
                    target: target.map(|t| t.split.flatten()),
                    state: conf.map_or(state, |conf| state.max(conf)),
                    qualifier,
                    line,
                    column,
                })]
            }
        };
        let only = only_segment(&unit);
        unit.matches = matches
            .into_iter()
            .map(|(mid, mut m)| {
                m.segment = mid.unwrap_or_else(|| only.clone());
                m
            })
            .collect();
        Ok(unit)
    }

    /// memoQ's `mq:status` on a trans-unit, as a state (`None` when it has
    /// none, or one tarjuman does not know).
    fn memoq_status(&self, tag: &Tag<'a>) -> Option<State> {
        let mut attributes = tag.start.attributes();
        attributes.with_checks(false);
        for a in attributes.flatten() {
            if a.key.prefix().is_none() || a.key.local_name().as_ref() != "status" {
                continue;
            }
            let (ns, _) = self.xml.resolver().resolve_attribute(a.key);
            if !matches!(&ns, ResolveResult::Bound(ns) if ns.as_ref() == NS_MQ) {
                continue;
            }
            let value = a.normalized_value(XmlVersion::Implicit1_0).ok()?;
            return memoq_state(value.trim());
        }
        None
    }

    /// A Trados `sdl:seg-defs`: each `sdl:seg`'s `id` and `conf`.
    fn seg_defs(
        &mut self,
        tag: &Tag<'a>,
        sdl: &mut Vec<(String, Option<State>)>,
    ) -> Result<(), XliffError> {
        self.children(tag, |parser, t| {
            if t.el == El::SdlSeg {
                let [id, conf] = t.attrs(["id", "conf"]);
                if let Some(id) = id {
                    let state = conf.as_deref().and_then(|c| trados_state(c.trim()));
                    sdl.push((id.into_owned(), state));
                }
            }
            parser.skip(&t)
        })
    }

    /// Segment ids within a unit are unique.
    fn check_mids(&self, unit: &str, segs: &[SegMrk]) -> Result<(), XliffError> {
        let mut seen: FxHashMap<&str, usize> = FxHashMap::default();
        for seg in segs {
            if let Some(first) = seen.insert(&seg.id, seg.line) {
                return Err(self.invalid_at(
                    seg.line,
                    seg.column,
                    format!(
                        "duplicate segment id `{}` in unit `{unit}` (first at line {first})",
                        seg.id
                    ),
                ));
            }
        }
        Ok(())
    }

    fn alt_trans(&mut self, tag: Tag<'a>) -> Result<(Option<String>, AltMatch), XliffError> {
        let mid = tag.string("mid");
        let mut m = AltMatch {
            quality: tag.attr("match-quality").as_deref().and_then(parse_quality),
            origin: tag.string("origin"),
            ..AltMatch::default()
        };
        self.match_children(&tag, &mut m)?;
        Ok((mid, m))
    }

    /// The `source` and `target` of a 1.2 `alt-trans` or a 2.x `mtc:match`.
    fn match_children(&mut self, tag: &Tag<'a>, m: &mut AltMatch) -> Result<(), XliffError> {
        if tag.empty {
            return Ok(());
        }
        let (mut source, mut target) = (false, false);
        loop {
            match self.next()? {
                Ev::Open(t) => match t.el {
                    El::Source if !source => {
                        m.source = self.content(&t)?.flatten();
                        source = true;
                    }
                    El::Target if !target => {
                        m.target = self.content(&t)?.flatten();
                        target = true;
                    }
                    _ => self.skip(&t)?,
                },
                Ev::End => return Ok(()),
                Ev::Text(_) => {}
                Ev::Eof => return Err(self.unclosed()),
            }
        }
    }

    // -- inline content (both versions) ---------------------------------------

    /// The content of a `source`, `seg-source`, `target` or `mrk`, split at
    /// 1.2 segment `mrk`s (2.x has none).
    fn content(&mut self, tag: &Tag<'a>) -> Result<Split, XliffError> {
        let mut b = Builder::default();
        if !tag.empty {
            loop {
                match self.next()? {
                    Ev::Text(t) => b.current.push_text(&t),
                    Ev::Open(t) => self.inline(t, &mut b)?,
                    Ev::End => match b.stack.pop() {
                        None => break,
                        Some(Frame::Close(close)) => b.push(close),
                        Some(Frame::Seg(mut seg)) => {
                            seg.content = take(&mut b.current);
                            b.split.segs.push(seg);
                            b.in_seg = false;
                        }
                        Some(Frame::Plain) => {}
                    },
                    Ev::Eof => return Err(self.unclosed()),
                }
            }
        }
        b.split.gaps.push(b.current);
        Ok(b.split)
    }

    /// An inline element's start: a code, a segment `mrk`, or something to
    /// skip.
    fn inline(&mut self, tag: Tag<'a>, b: &mut Builder) -> Result<(), XliffError> {
        let v2 = self.version.is_2();
        match tag.el {
            El::Mrk if !v2 => {
                let [mtype, mid] = tag.attrs(["mtype", "mid"]);
                if b.in_seg || mtype.as_deref() != Some("seg") {
                    b.paired("mrk", mid, tag.empty);
                    return Ok(());
                }
                let Some(id) = mid.map(Cow::into_owned) else {
                    return Err(self.invalid(tag.at, "<mrk mtype=\"seg\"> has no `mid`"));
                };
                let (line, column) = self.pos(tag.at);
                let seg = SegMrk {
                    id,
                    content: Content::default(),
                    line,
                    column,
                    at: tag.at,
                };
                b.split.gaps.push(take(&mut b.current));
                if tag.empty {
                    b.split.segs.push(seg);
                } else {
                    b.stack.push(Frame::Seg(seg));
                    b.in_seg = true;
                }
            }
            El::G => b.paired("g", tag.attr("id"), tag.empty),
            El::Pc => b.paired("pc", tag.attr("id"), tag.empty),
            El::Mrk => b.paired("mrk", tag.attr("id"), tag.empty),
            El::X | El::Bx | El::Ex | El::Sc | El::Ec | El::Sm | El::Em | El::Cp => {
                let c = match tag.el {
                    El::X => code(CodeKind::Standalone, "x", tag.attr("id"), None),
                    El::Bx => code(CodeKind::Open, "bx", either(&tag, "rid", "id"), None),
                    El::Ex => code(CodeKind::Close, "ex", either(&tag, "rid", "id"), None),
                    El::Sc => code(CodeKind::Open, "sc", tag.attr("id"), None),
                    El::Ec => code(CodeKind::Close, "ec", either(&tag, "startRef", "id"), None),
                    El::Sm => code(CodeKind::Open, "sm", tag.attr("id"), None),
                    El::Em => code(CodeKind::Close, "em", either(&tag, "startRef", "id"), None),
                    _ => code(CodeKind::Standalone, "cp", None, tag.string("hex")),
                };
                b.push(c);
                self.skip(&tag)?;
            }
            El::Ph if v2 => {
                b.push(code(CodeKind::Standalone, "ph", tag.attr("id"), None));
                self.skip(&tag)?;
            }
            El::Ph | El::Bpt | El::Ept | El::It => {
                let (kind, element, id) = match tag.el {
                    El::Ph => (CodeKind::Standalone, "ph", tag.attr("id")),
                    El::It => (CodeKind::Standalone, "it", tag.attr("id")),
                    El::Bpt => (CodeKind::Open, "bpt", either(&tag, "rid", "id")),
                    _ => (CodeKind::Close, "ept", either(&tag, "rid", "id")),
                };
                let id = id.map(Cow::into_owned);
                let data = self.text_of(&tag)?;
                b.push(Code {
                    kind,
                    element: element.to_owned(),
                    id: id.unwrap_or_default(),
                    data: Some(data),
                });
            }
            El::Sub if !tag.empty => b.stack.push(Frame::Plain),
            _ => self.skip(&tag)?,
        }
        Ok(())
    }

    // -- XLIFF 2.x ---------------------------------------------------------------

    fn unit_2(&mut self, tag: Tag<'a>) -> Result<Unit, XliffError> {
        let (mut unit, _) = self.unit_start(&tag)?;
        let mut pending: Vec<Pending2> = Vec::new();
        let mut matches: Vec<(Option<String>, AltMatch)> = Vec::new();
        let mut terms: Vec<(Option<String>, GlossEntry)> = Vec::new();
        if !tag.empty {
            loop {
                match self.next()? {
                    Ev::Open(t) => match t.el {
                        El::Segment => {
                            let id_at = t.attr("id").map(|_| t.at);
                            let segment = self.segment_2(t)?;
                            pending.push(Pending2 {
                                part: unit.parts.len(),
                                id_at,
                            });
                            unit.parts.push(Part::Segment(segment));
                        }
                        El::Ignorable => {
                            let (source, target) = self.source_target_2(&t)?;
                            let Some(source) = source else {
                                return Err(self.invalid(t.at, "<ignorable> has no <source>"));
                            };
                            unit.parts.push(Part::Ignorable { source, target });
                        }
                        El::Notes => self.notes_2(&t, &mut unit.notes)?,
                        El::Matches => self.matches_2(&t, &mut matches)?,
                        El::Glossary => self.glossary_2(&t, &mut terms)?,
                        _ => self.skip(&t)?,
                    },
                    Ev::End => break,
                    Ev::Text(_) => {}
                    Ev::Eof => return Err(self.unclosed()),
                }
            }
        }
        if pending.is_empty() {
            let message = format!("<unit id=\"{}\"> has no <segment>", unit.id);
            return Err(self.invalid(tag.at, message));
        }
        self.segment_ids_2(&mut unit, &pending)?;
        let only = only_segment(&unit);
        unit.matches = matches
            .into_iter()
            .map(|(segment, mut m)| {
                m.segment = segment.unwrap_or_else(|| only.clone());
                m
            })
            .collect();
        unit.terms = terms
            .into_iter()
            .map(|(segment, mut entry)| {
                entry.segment = segment.unwrap_or_else(|| only.clone());
                entry
            })
            .collect();
        Ok(unit)
    }

    /// Refuses duplicate segment ids and names the segments without one
    /// `s<N>` (`N` their 1-based position among the unit's segments;
    /// `s<N>-2`, … if taken).
    fn segment_ids_2(&mut self, unit: &mut Unit, pending: &[Pending2]) -> Result<(), XliffError> {
        let id_of = |parts: &[Part], p: &Pending2| match parts.get(p.part) {
            Some(Part::Segment(s)) => s.id.clone(),
            _ => String::new(),
        };
        let mut taken: FxHashMap<String, usize> = FxHashMap::default();
        for p in pending {
            let Some(at) = p.id_at else { continue };
            let id = id_of(&unit.parts, p);
            if let Some(first) = taken.insert(id.clone(), at) {
                let (first_line, _) = self.pos(first);
                let message = format!(
                    "duplicate segment id `{id}` in unit `{}` (first at line {first_line})",
                    unit.id
                );
                return Err(self.invalid(at, message));
            }
        }
        for (n, p) in pending.iter().enumerate() {
            if p.id_at.is_some() {
                continue;
            }
            let base = format!("s{}", n + 1);
            let mut id = base.clone();
            let mut k = 1;
            while taken.contains_key(&id) {
                k += 1;
                id = format!("{base}-{k}");
            }
            taken.insert(id.clone(), 0);
            if let Some(Part::Segment(s)) = unit.parts.get_mut(p.part) {
                s.id = id;
            }
        }
        Ok(())
    }

    fn segment_2(&mut self, tag: Tag<'a>) -> Result<Segment, XliffError> {
        if let Some(state) = tag.attr("state").filter(|s| !State::is_2(s)) {
            let message = format!(
                "state `{state}` is not an XLIFF 2 state (initial, translated, reviewed, \
                 final; a tool's own goes in subState)"
            );
            return Err(self.invalid(tag.at, message));
        }
        let mut segment = Segment {
            id: tag.string("id").unwrap_or_default(),
            state: tag
                .attr("state")
                .map_or(State::Initial, |s| State::from_2(&s)),
            qualifier: tag.attr("subState").map(|q| {
                // tarjuman writes its qualifiers as `tj:exact-match`.
                q.strip_prefix("tj:").unwrap_or(&q).to_owned()
            }),
            ..Segment::default()
        };
        let mut source = None;
        let mut source_at = (0, 0);
        if !tag.empty {
            loop {
                match self.next()? {
                    Ev::Open(t) => match t.el {
                        El::Source if source.is_none() => {
                            source_at = self.pos(t.at);
                            segment.source_at = t.at;
                            source = Some(self.content(&t)?.flatten());
                        }
                        El::Target if segment.target.is_none() => {
                            (segment.line, segment.column) = self.pos(t.at);
                            segment.target_at = Some(t.at);
                            segment.target = Some(self.content(&t)?.flatten());
                        }
                        El::Source | El::Target => {
                            let name = if t.el == El::Source {
                                "source"
                            } else {
                                "target"
                            };
                            let message = format!(
                                "a second <{name}> in <segment id=\"{}\">: XLIFF allows one",
                                segment.id
                            );
                            return Err(self.invalid(t.at, message));
                        }
                        _ => self.skip(&t)?,
                    },
                    Ev::End => break,
                    Ev::Text(_) => {}
                    Ev::Eof => return Err(self.unclosed()),
                }
            }
        }
        let Some(source) = source else {
            return Err(self.invalid(tag.at, "<segment> has no <source>"));
        };
        segment.source = source;
        if segment.target.is_none() {
            (segment.line, segment.column) = source_at;
        }
        Ok(segment)
    }

    /// The `source` and `target` of an `ignorable`.
    fn source_target_2(
        &mut self,
        tag: &Tag<'a>,
    ) -> Result<(Option<Content>, Option<Content>), XliffError> {
        let (mut source, mut target) = (None, None);
        if tag.empty {
            return Ok((source, target));
        }
        loop {
            match self.next()? {
                Ev::Open(t) => match t.el {
                    El::Source if source.is_none() => source = Some(self.content(&t)?.flatten()),
                    El::Target if target.is_none() => target = Some(self.content(&t)?.flatten()),
                    _ => self.skip(&t)?,
                },
                Ev::End => return Ok((source, target)),
                Ev::Text(_) => {}
                Ev::Eof => return Err(self.unclosed()),
            }
        }
    }

    fn notes_2(&mut self, tag: &Tag<'a>, notes: &mut Vec<Note>) -> Result<(), XliffError> {
        self.children(tag, |parser, t| {
            if t.el == El::Note {
                let from = t.string("category");
                let text = parser.text_of(&t)?;
                notes.push(Note { from, text });
                Ok(())
            } else {
                parser.skip(&t)
            }
        })
    }

    fn matches_2(
        &mut self,
        tag: &Tag<'a>,
        matches: &mut Vec<(Option<String>, AltMatch)>,
    ) -> Result<(), XliffError> {
        self.children(tag, |parser, t| {
            if t.el != El::Match {
                return parser.skip(&t);
            }
            let segment = t.attr("ref").map(|r| fragment_id(&r));
            let mut m = AltMatch {
                quality: t.attr("matchQuality").as_deref().and_then(parse_quality),
                origin: t.string("origin"),
                ..AltMatch::default()
            };
            parser.match_children(&t, &mut m)?;
            matches.push((segment, m));
            Ok(())
        })
    }

    fn glossary_2(
        &mut self,
        tag: &Tag<'a>,
        terms: &mut Vec<(Option<String>, GlossEntry)>,
    ) -> Result<(), XliffError> {
        self.children(tag, |parser, t| {
            if t.el != El::GlossEntry {
                return parser.skip(&t);
            }
            let segment = t.attr("ref").map(|r| fragment_id(&r));
            let mut entry = GlossEntry::default();
            parser.children(&t, |parser, t| {
                match t.el {
                    El::Term => {
                        entry.origin = t.string("source");
                        entry.term = parser.text_of(&t)?;
                    }
                    El::Translation => {
                        let text = parser.text_of(&t)?;
                        entry.translations.push((text, String::new()));
                    }
                    El::Definition => {
                        let text = parser.text_of(&t)?;
                        entry.note = Some(match entry.note.take() {
                            Some(note) => format!("{note}\n{text}"),
                            None => text,
                        });
                    }
                    _ => parser.skip(&t)?,
                }
                Ok(())
            })?;
            terms.push((segment, entry));
            Ok(())
        })
    }

    /// Calls `each` on every child element of `tag` (which reads it to its
    /// end), ignoring text.
    fn children(
        &mut self,
        tag: &Tag<'a>,
        mut each: impl FnMut(&mut Self, Tag<'a>) -> Result<(), XliffError>,
    ) -> Result<(), XliffError> {
        if tag.empty {
            return Ok(());
        }
        loop {
            match self.next()? {
                Ev::Open(t) => each(self, t)?,
                Ev::End => return Ok(()),
                Ev::Text(_) => {}
                Ev::Eof => return Err(self.unclosed()),
            }
        }
    }
}

/// The parts of a 1.2 unit with a `seg-source`: a segment per `mrk`, the
/// text around them ignorable. Each segment's target is the target `mrk`
/// with the same `mid`; the target's text around its `mrk`s goes to the
/// ignorable at the same place. A target without `mrk`s is the target of
/// the unit's only segment; with several segments (tools built on
/// Translate Toolkit return them so), nobody can tell which part is whose,
/// and the unit reads as one segment: the whole source, the whole target.
fn segmented(
    seg_source: Split,
    seg_source_at: usize,
    target: Option<Target12>,
    state: State,
    qualifier: Option<&str>,
) -> Vec<Part> {
    let n = seg_source.segs.len();
    if n > 1
        && let Some(t) = target.as_ref()
        && t.split.segs.is_empty()
        && !t.split.gaps.iter().all(Content::is_empty)
    {
        let id = seg_source
            .segs
            .first()
            .map(|s| s.id.clone())
            .unwrap_or_default();
        let (line, column, at) = (t.line, t.column, t.at);
        let whole = target.map(|t| t.split.flatten());
        return vec![Part::Segment(Segment {
            id,
            source: seg_source.flatten(),
            target: whole,
            state,
            qualifier: qualifier.map(str::to_owned),
            line,
            column,
            source_at: seg_source_at,
            target_at: Some(at),
        })];
    }
    let mut target_segs: Vec<Option<SegMrk>> = Vec::new();
    let mut target_gaps: Option<Vec<Option<Content>>> = None;
    let mut whole: Option<Target12> = None;
    match target {
        Some(t) if !t.split.segs.is_empty() => {
            target_segs = t.split.segs.into_iter().map(Some).collect();
            target_gaps = Some(t.split.gaps.into_iter().map(Some).collect());
        }
        Some(t) if n == 1 => whole = Some(t),
        _ => {}
    }
    let picks: Vec<Option<usize>> = if target_segs.len() <= 16 {
        let find = |id: &str| {
            target_segs
                .iter()
                .position(|t| t.as_ref().is_some_and(|t| t.id == id))
        };
        seg_source.segs.iter().map(|s| find(&s.id)).collect()
    } else {
        let mut index: FxHashMap<&str, usize> = FxHashMap::default();
        for (i, seg) in target_segs.iter().enumerate() {
            if let Some(seg) = seg {
                index.entry(seg.id.as_str()).or_insert(i);
            }
        }
        seg_source
            .segs
            .iter()
            .map(|s| index.get(s.id.as_str()).copied())
            .collect()
    };
    let gap_count = n + 1;
    let target_gap_count = target_gaps.as_ref().map_or(0, Vec::len);
    let mut parts = Vec::with_capacity(2 * n + 1);
    let mut segs = seg_source.segs.into_iter().zip(picks);
    for (k, source_gap) in seg_source.gaps.into_iter().enumerate() {
        let target_gap = target_gaps.as_mut().map(|gaps| {
            gap_index(k, gap_count, target_gap_count)
                .and_then(|i| gaps.get_mut(i))
                .and_then(Option::take)
                .unwrap_or_default()
        });
        if !source_gap.0.is_empty() || target_gap.as_ref().is_some_and(|t| !t.0.is_empty()) {
            parts.push(Part::Ignorable {
                source: source_gap,
                target: target_gap,
            });
        }
        let Some((mrk, pick)) = segs.next() else {
            continue;
        };
        let picked = pick
            .and_then(|i| target_segs.get_mut(i))
            .and_then(Option::take);
        let (target, line, column, target_at) = match (picked, whole.take()) {
            (Some(t), _) => (Some(t.content), t.line, t.column, Some(t.at)),
            (None, Some(t)) => (Some(t.split.flatten()), t.line, t.column, Some(t.at)),
            (None, None) => (None, mrk.line, mrk.column, None),
        };
        parts.push(Part::Segment(Segment {
            id: mrk.id,
            source: mrk.content,
            source_at: mrk.at,
            target_at,
            target,
            state,
            qualifier: qualifier.map(str::to_owned),
            line,
            column,
        }));
    }
    parts
}

/// Raises each segment's state to what the Trados `sdl:seg` with its id
/// says (the first with that id).
fn apply_sdl_confs(parts: &mut [Part], sdl: &[(String, Option<State>)]) {
    if sdl.is_empty() {
        return;
    }
    let mut confs: FxHashMap<&str, Option<State>> = FxHashMap::default();
    for (id, conf) in sdl {
        confs.entry(id.as_str()).or_insert(*conf);
    }
    for part in parts {
        if let Part::Segment(segment) = part
            && let Some(Some(conf)) = confs.get(segment.id.as_str())
        {
            segment.state = segment.state.max(*conf);
        }
    }
}

/// A Trados `conf` (confirmation level) as a state; `None` for values
/// tarjuman does not know, which change nothing.
fn trados_state(conf: &str) -> Option<State> {
    let known = [
        ("NotTranslated", State::Initial),
        ("Unspecified", State::Initial),
        ("Draft", State::NeedsReview),
        ("RejectedTranslation", State::NeedsReview),
        ("RejectedSignOff", State::NeedsReview),
        ("Translated", State::Translated),
        ("ApprovedTranslation", State::Reviewed),
        ("ApprovedSignOff", State::Final),
    ];
    known
        .into_iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(conf))
        .map(|(_, state)| state)
}

/// A memoQ `mq:status` as a state; `None` for values tarjuman does not
/// know, which change nothing.
fn memoq_state(status: &str) -> Option<State> {
    let known = [
        ("NotStarted", State::Initial),
        ("Rejected", State::Initial),
        ("Edited", State::NeedsReview),
        ("PartiallyEdited", State::NeedsReview),
        ("Pretranslated", State::NeedsReview),
        ("MachineTranslated", State::NeedsReview),
        ("AssembledFromFragments", State::NeedsReview),
        ("Confirmed", State::Translated),
        ("ManuallyConfirmed", State::Translated),
        ("Proofread", State::Reviewed),
        ("Reviewer1Confirmed", State::Reviewed),
        ("Reviewer2Confirmed", State::Reviewed),
    ];
    known
        .into_iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(status))
        .map(|(_, state)| state)
}

/// Which target gap stands at source gap `k`: the same one when both have
/// as many, else the first for the first, the last for the last, and the
/// one at the same index for those between, while there is one.
fn gap_index(k: usize, count: usize, target_count: usize) -> Option<usize> {
    let last = target_count.checked_sub(1)?;
    if count == target_count || k == 0 {
        Some(k)
    } else if k + 1 == count {
        Some(last)
    } else {
        (k < last).then_some(k)
    }
}

/// The id of the unit's only segment; empty when it has several (a match
/// or glossary entry without a `mid`/`ref` is then for the whole unit).
fn only_segment(unit: &Unit) -> String {
    let mut segments = unit.segments();
    match (segments.next(), segments.next()) {
        (Some(s), None) => s.id.clone(),
        _ => String::new(),
    }
}

/// `87`, `87.5` or `87%` as a number; anything else is no quality.
fn parse_quality(value: &str) -> Option<f64> {
    let value = value.trim();
    let value = value.strip_suffix('%').unwrap_or(value).trim_end();
    value.parse::<f64>().ok().filter(|q| q.is_finite())
}

/// The segment a 2.x `ref` points at: `#s1`, or the last step of a
/// fragment path (`#/f=f1/u=u1/s1`).
fn fragment_id(reference: &str) -> String {
    let reference = reference.strip_prefix('#').unwrap_or(reference);
    reference.rsplit('/').next().unwrap_or(reference).to_owned()
}

/// The attribute `first`, else `second` (`rid` or `id`).
fn either<'t>(tag: &'t Tag<'_>, first: &str, second: &str) -> Option<Cow<'t, str>> {
    let [a, b] = tag.attrs([first, second]);
    a.or(b)
}

fn to_usize(offset: u64) -> usize {
    usize::try_from(offset).unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NS: &str = r#"xmlns="urn:oasis:names:tc:xliff:document:1.2""#;

    fn parse_str(xml: &str) -> Result<Document, XliffError> {
        parse(xml.as_bytes(), Path::new("t.xlf"))
    }

    fn doc(xml: &str) -> Document {
        match parse_str(xml) {
            Ok(doc) => doc,
            Err(e) => panic!("{e}"),
        }
    }

    /// A 1.2 document around `units`.
    fn v12(units: &str) -> String {
        format!(
            "<xliff version=\"1.2\" {NS}><file original=\"a.txt\" source-language=\"en\" \
             target-language=\"ru\"><body>{units}</body></file></xliff>"
        )
    }

    fn units(doc: &Document) -> Vec<&Unit> {
        doc.files.iter().flat_map(|f| &f.units).collect()
    }

    fn segments(unit: &Unit) -> Vec<&Segment> {
        unit.segments().collect()
    }

    fn text(s: &str) -> Inline {
        Inline::Text(s.to_owned())
    }

    fn open(element: &str, id: &str) -> Inline {
        code_inline(CodeKind::Open, element, id, None)
    }

    fn close(element: &str, id: &str) -> Inline {
        code_inline(CodeKind::Close, element, id, None)
    }

    fn code_inline(kind: CodeKind, element: &str, id: &str, data: Option<&str>) -> Inline {
        Inline::Code(Code {
            kind,
            element: element.to_owned(),
            id: id.to_owned(),
            data: data.map(str::to_owned),
        })
    }

    /// The kind, line, column and message of an error.
    fn error(xml: &[u8]) -> (&'static str, usize, usize, String) {
        match parse(xml, Path::new("t.xlf")) {
            Ok(doc) => panic!("expected an error, got {doc:?}"),
            Err(XliffError::Syntax {
                line,
                column,
                message,
                ..
            }) => ("syntax", line, column, message),
            Err(XliffError::Invalid {
                line,
                column,
                message,
                ..
            }) => ("invalid", line, column, message),
            Err(e) => panic!("unexpected error {e}"),
        }
    }

    #[test]
    fn xliff_1_2_units_groups_and_states() {
        let xml = format!(
            "<?xml version=\"1.0\"?>\n\
             <xliff version=\"1.2\" {NS}>\n\
             <file original=\"a.txt\" source-language=\"en\" target-language=\"ru\" datatype=\"plaintext\">\n\
             <header><note>skipped</note></header><body>\n\
             <trans-unit id=\"u1\" restype=\"x-heading-1\" resname=\"t\">\n\
             <source>Senator Chizhov meets Ambassador Khorev</source>\n  \
             <target state=\"signed-off\" state-qualifier=\"exact-match\">Сенатор Чижов встретился с послом Хоревым</target>\n\
             </trans-unit>\n\
             <group><group><trans-unit id=\"u2\" translate=\"no\"><source>SCO</source></trans-unit></group>\n\
             <trans-unit id=\"u3\" approved=\"yes\"><source>Thanks.</source><target state=\"needs-review-translation\">Спасибо.</target></trans-unit></group>\n\
             <trans-unit id=\"u4\"><source>Empty.</source><target/></trans-unit>\n\
             </body></file></xliff>\n"
        );
        let doc = doc(&xml);
        assert_eq!(doc.version, Version::V1_2);
        assert_eq!(doc.source_lang, "en");
        assert_eq!(doc.target_lang.as_deref(), Some("ru"));
        let [file] = doc.files.as_slice() else {
            panic!("one file expected")
        };
        assert_eq!(
            (
                file.id.as_str(),
                file.original.as_str(),
                file.datatype.as_deref()
            ),
            ("f1", "a.txt", Some("plaintext"))
        );
        let ids: Vec<&str> = file.units.iter().map(|u| u.id.as_str()).collect();
        assert_eq!(ids, ["u1", "u2", "u3", "u4"]);
        let u1 = &file.units[0];
        assert_eq!((u1.line, u1.column), (5, 1));
        assert_eq!(u1.block(), Some(crate::xliff::Block::Heading(1)));
        assert_eq!(u1.name.as_deref(), Some("t"));
        assert!(u1.translate);
        let [s] = segments(u1)[..] else {
            panic!("one segment")
        };
        assert_eq!(s.id, "u1");
        assert_eq!(s.source.plain(), "Senator Chizhov meets Ambassador Khorev");
        assert_eq!(
            s.target.as_ref().map(Content::plain).as_deref(),
            Some("Сенатор Чижов встретился с послом Хоревым")
        );
        assert_eq!(s.state, State::Reviewed);
        assert_eq!(s.qualifier.as_deref(), Some("exact-match"));
        assert_eq!((s.line, s.column), (7, 3), "the target's start tag");
        let u2 = &file.units[1];
        assert!(!u2.translate);
        let s2 = segments(u2)[0];
        assert_eq!((s2.target.as_ref(), s2.state), (None, State::Initial));
        assert_eq!((s2.line, s2.column), (9, 50), "the source's start tag");
        assert_eq!(segments(&file.units[2])[0].state, State::Final, "approved");
        let s4 = segments(&file.units[3])[0];
        assert_eq!(s4.target, Some(Content::default()), "present but empty");
        assert_eq!(s4.state, State::Initial);
    }

    #[test]
    fn seg_source_splits_segments_and_ignorables() {
        let xml = v12("<trans-unit id=\"p1\">\n\
             <source>Senator Chizhov met Ambassador Khorev. They met twice. </source>\n\
             <seg-source><mrk mtype=\"seg\" mid=\"1\">Senator <g id=\"1\">Chizhov</g> met Ambassador Khorev.</mrk> \
             <mrk mtype=\"seg\" mid=\"2\">They met twice.</mrk> </seg-source>\n\
             <target state=\"translated\"><mrk mtype=\"seg\" mid=\"1\">Сенатор <g id=\"1\">Чижов</g> встретился с послом Хоревым.</mrk>  \
             <mrk mtype=\"seg\" mid=\"2\">Они встречались дважды.</mrk></target>\n\
             </trans-unit>");
        let doc = doc(&xml);
        let unit = units(&doc)[0];
        let Some(Part::Segment(first)) = unit.parts.first() else {
            panic!("{:?}", unit.parts)
        };
        assert_eq!(first.id, "1");
        assert_eq!(
            first.source.0,
            [
                text("Senator "),
                open("g", "1"),
                text("Chizhov"),
                close("g", "1"),
                text(" met Ambassador Khorev.")
            ]
        );
        assert_eq!(
            first.target.as_ref().map(Content::plain).as_deref(),
            Some("Сенатор Чижов встретился с послом Хоревым.")
        );
        assert_eq!(first.state, State::Translated);
        assert_eq!((first.line, first.column), (4, 28), "the target mrk");
        assert_eq!(
            unit.parts[1],
            Part::Ignorable {
                source: Content::text(" "),
                target: Some(Content::text("  "))
            }
        );
        let Part::Segment(second) = &unit.parts[2] else {
            panic!("{:?}", unit.parts)
        };
        assert_eq!(second.id, "2");
        assert_eq!(second.source.plain(), "They met twice.");
        assert_eq!(
            second.target.as_ref().map(Content::plain).as_deref(),
            Some("Они встречались дважды.")
        );
        assert_eq!(
            unit.parts[3],
            Part::Ignorable {
                source: Content::text(" "),
                target: Some(Content::default())
            }
        );
        assert_eq!(unit.parts.len(), 4);
    }

    #[test]
    fn seg_source_targets_by_mid_or_whole() {
        // The target lacks mid 2, has them in another order.
        let xml = v12("<trans-unit id=\"p1\"><source>A. B. C.</source>\n\
             <seg-source><mrk mtype=\"seg\" mid=\"a\">A.</mrk> <mrk mtype=\"seg\" mid=\"b\">B.</mrk> \
             <mrk mtype=\"seg\" mid=\"c\">C.</mrk></seg-source>\n\
             <target><mrk mtype=\"seg\" mid=\"c\">В.</mrk> <mrk mtype=\"seg\" mid=\"a\">А.</mrk></target></trans-unit>\
             <trans-unit id=\"p2\"><source>One.</source><seg-source><mrk mtype=\"seg\" mid=\"1\">One.</mrk></seg-source>\
             <target>Один.</target></trans-unit>\
             <trans-unit id=\"p3\"><source>A. B.</source><seg-source><mrk mtype=\"seg\" mid=\"1\">A.</mrk> \
             <mrk mtype=\"seg\" mid=\"2\">B.</mrk></seg-source><target>А. Б.</target></trans-unit>\
             <trans-unit id=\"p4\"><source>A.</source><seg-source>A.</seg-source><target>А.</target></trans-unit>");
        let doc = doc(&xml);
        let all = units(&doc);
        let targets = |unit: &Unit| -> Vec<(String, Option<String>)> {
            unit.segments()
                .map(|s| (s.id.clone(), s.target.as_ref().map(Content::plain)))
                .collect()
        };
        let some = |id: &str, t: &str| (id.to_owned(), Some(t.to_owned()));
        assert_eq!(
            targets(all[0]),
            [some("a", "А."), ("b".to_owned(), None), some("c", "В.")]
        );
        let b = segments(all[0])[1];
        assert_eq!((b.line, b.column), (2, 47), "no target: the seg-source mrk");
        assert_eq!(
            targets(all[1]),
            [some("1", "Один.")],
            "one segment: the whole target"
        );
        assert_eq!(
            targets(all[2]),
            [some("1", "А. Б.")],
            "several segments, a target without mrks: one segment, the whole unit"
        );
        assert_eq!(segments(all[2])[0].source.plain(), "A. B.");
        assert_eq!(
            targets(all[3]),
            [some("p4", "А.")],
            "a seg-source without mrks counts for nothing"
        );
    }

    #[test]
    fn alt_trans_and_notes() {
        let xml = v12("<trans-unit id=\"u1\"><source>Hello.</source>\
             <alt-trans match-quality=\"87\" origin=\"tm.tmx\"><source>Hello!</source><target>Привет!</target></alt-trans>\
             <alt-trans mid=\"u1\" match-quality=\"87.5\"><target>Здравствуйте.</target></alt-trans>\
             <alt-trans match-quality=\" 87% \"><source/><target/></alt-trans>\
             <alt-trans match-quality=\"high\"/>\
             <note from=\"glossary\">Shanghai Cooperation Organization = Шанхайская организация сотрудничества</note>\
             <note>plain &amp; simple</note></trans-unit>\
             <trans-unit id=\"u2\"><source>A. B.</source><seg-source><mrk mtype=\"seg\" mid=\"1\">A.</mrk> \
             <mrk mtype=\"seg\" mid=\"2\">B.</mrk></seg-source>\
             <alt-trans><source>A!</source><target>А!</target></alt-trans>\
             <alt-trans mid=\"2\"><source>B!</source><target>Б!</target></alt-trans></trans-unit>");
        let doc = doc(&xml);
        let all = units(&doc);
        let qualities: Vec<Option<f64>> = all[0].matches.iter().map(|m| m.quality).collect();
        assert_eq!(qualities, [Some(87.0), Some(87.5), Some(87.0), None]);
        let first = &all[0].matches[0];
        assert_eq!(first.segment, "u1", "no mid: the only segment");
        assert_eq!(first.origin.as_deref(), Some("tm.tmx"));
        assert_eq!(
            (first.source.plain(), first.target.plain()),
            ("Hello!".to_owned(), "Привет!".to_owned())
        );
        assert_eq!(all[0].matches[1].source, Content::default());
        assert_eq!(
            all[0].notes,
            [
                Note {
                    from: Some("glossary".into()),
                    text:
                        "Shanghai Cooperation Organization = Шанхайская организация сотрудничества"
                            .into()
                },
                Note {
                    from: None,
                    text: "plain & simple".into()
                }
            ]
        );
        let segs: Vec<&str> = all[1].matches.iter().map(|m| m.segment.as_str()).collect();
        assert_eq!(segs, ["", "2"], "no mid and several segments: the unit");
    }

    #[test]
    fn inline_codes_of_1_2() {
        let xml = v12(
            "<trans-unit id=\"u1\"><source>A <g id=\"1\">b <x id=\"2\"/></g><bx id=\"3\" rid=\"7\"/>c\
             <ex id=\"4\" rid=\"7\"/><ex id=\"5\"/><ph id=\"6\">&lt;br/&gt;</ph><bpt id=\"8\">&lt;i&gt;</bpt>d\
             <ept id=\"8\">&lt;/i&gt;</ept><it id=\"9\" pos=\"open\">&lt;u&gt;</it>\
             <ph id=\"10\">{<sub>note <g id=\"11\">x</g></sub>}</ph><mrk mtype=\"term\" mid=\"t1\">SCO</mrk>\
             <mrk mtype=\"protected\"/><g id=\"12\"/><sub>e</sub><ph id=\"13\"/>&#x0427;</source></trans-unit>",
        );
        let doc = doc(&xml);
        let s = segments(units(&doc)[0])[0];
        let data = |kind, element, id, data| code_inline(kind, element, id, Some(data));
        assert_eq!(
            s.source.0,
            [
                text("A "),
                open("g", "1"),
                text("b "),
                code_inline(CodeKind::Standalone, "x", "2", None),
                close("g", "1"),
                open("bx", "7"),
                text("c"),
                close("ex", "7"),
                close("ex", "5"),
                data(CodeKind::Standalone, "ph", "6", "<br/>"),
                data(CodeKind::Open, "bpt", "8", "<i>"),
                text("d"),
                data(CodeKind::Close, "ept", "8", "</i>"),
                data(CodeKind::Standalone, "it", "9", "<u>"),
                data(CodeKind::Standalone, "ph", "10", "{note x}"),
                open("mrk", "t1"),
                text("SCO"),
                close("mrk", "t1"),
                open("mrk", ""),
                close("mrk", ""),
                open("g", "12"),
                close("g", "12"),
                text("e"),
                data(CodeKind::Standalone, "ph", "13", ""),
                text("Ч"),
            ]
        );
        assert_eq!(s.source.plain(), "A b cdSCOeЧ", "native code is not text");
    }

    #[test]
    fn inline_codes_of_2() {
        let xml = "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\">\
             <file id=\"f\"><unit id=\"u\"><originalData><data id=\"d1\">&lt;b&gt;</data></originalData>\
             <segment><source><pc id=\"1\" dataRefStart=\"d1\">A<ph id=\"2\"/></pc><sc id=\"3\"/>b<ec startRef=\"3\"/>\
             <sc id=\"4\" isolated=\"yes\"/><ec id=\"5\" isolated=\"yes\"/><mrk id=\"m1\" type=\"term\">SCO</mrk>\
             <sm id=\"m2\" type=\"comment\"/>c<em startRef=\"m2\"/><cp hex=\"0007\"/><pc id=\"6\"/></source></segment>\
             </unit></file></xliff>";
        let doc = doc(xml);
        let s = segments(units(&doc)[0])[0];
        assert_eq!(
            s.source.0,
            [
                open("pc", "1"),
                text("A"),
                code_inline(CodeKind::Standalone, "ph", "2", None),
                close("pc", "1"),
                open("sc", "3"),
                text("b"),
                close("ec", "3"),
                open("sc", "4"),
                close("ec", "5"),
                open("mrk", "m1"),
                text("SCO"),
                close("mrk", "m1"),
                open("sm", "m2"),
                text("c"),
                close("em", "m2"),
                code_inline(CodeKind::Standalone, "cp", "", Some("0007")),
                open("pc", "6"),
                close("pc", "6"),
            ]
        );
    }

    #[test]
    fn xliff_2_units_segments_modules() {
        let xml = "<?xml version=\"1.0\"?>\n\
             <xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" xmlns:mtc=\"urn:oasis:names:tc:xliff:matches:2.0\" \
             xmlns:gls=\"urn:oasis:names:tc:xliff:glossary:2.0\" xmlns:x=\"urn:example\" version=\"2.1\" srcLang=\"en\" trgLang=\"ur\">\n\
             <file id=\"rel\" original=\"r.txt\"><x:meta><unit id=\"hidden\"/></x:meta>\n\
             <group id=\"g\"><group id=\"h\"><unit id=\"u1\" type=\"tj:paragraph\" name=\"-\" x:flag=\"1\">\n\
             <notes><note category=\"comment\">Check the name.</note><x:note>no</x:note></notes>\n\
             <mtc:matches><mtc:match ref=\"#s2\" matchQuality=\"100\" origin=\"tm.tmx\"><source>Thanks.</source><target>شکریہ۔</target></mtc:match>\
             <mtc:match matchQuality=\"bad\"><source>A</source><target>B</target></mtc:match></mtc:matches>\n\
             <gls:glossary><gls:glossEntry ref=\"#/f=rel/u=u1/s2\"><gls:term source=\"senate.tbx\">Shanghai Cooperation Organization</gls:term>\
             <gls:translation>شنگھائی تعاون تنظیم</gls:translation><gls:translation>ایس سی او</gls:translation>\
             <gls:definition>SCO</gls:definition><gls:definition>since 2001</gls:definition></gls:glossEntry></gls:glossary>\n\
             <segment id=\"s2\" state=\"reviewed\" subState=\"tj:exact-match\"><source>Senator Chizhov met Ambassador Khorev.</source>\
             <target>سینیٹر چیژوف نے سفیر خوریف سے ملاقات کی۔</target></segment>\
             <ignorable><source> </source></ignorable>\n\
             <segment state=\"final\"><source>Thanks.</source>\n<target>شکریہ۔</target></segment>\
             <segment><source>s1 is free</source></segment></unit></group></group>\n\
             <unit id=\"u2\" translate=\"no\"><segment id=\"s1\"><source>SCO</source><target/></segment></unit>\
             </file></xliff>";
        let doc = doc(xml);
        assert_eq!(doc.version, Version::V2_1);
        assert_eq!(
            (doc.source_lang.as_str(), doc.target_lang.as_deref()),
            ("en", Some("ur"))
        );
        let file = &doc.files[0];
        assert_eq!(
            (
                file.id.as_str(),
                file.original.as_str(),
                file.datatype.as_ref()
            ),
            ("rel", "r.txt", None)
        );
        let ids: Vec<&str> = file.units.iter().map(|u| u.id.as_str()).collect();
        assert_eq!(ids, ["u1", "u2"], "the unit in x:meta is not read");
        let u1 = &file.units[0];
        assert_eq!((u1.line, u1.column), (4, 29));
        assert_eq!(
            (u1.kind.as_deref(), u1.name.as_deref()),
            (Some("tj:paragraph"), Some("-"))
        );
        assert_eq!(
            u1.notes,
            [Note {
                from: Some("comment".into()),
                text: "Check the name.".into()
            }]
        );
        let seg_ids: Vec<&str> = u1.segments().map(|s| s.id.as_str()).collect();
        assert_eq!(
            seg_ids,
            ["s2", "s2-2", "s3"],
            "generated ids avoid taken ones"
        );
        let s = segments(u1);
        assert_eq!(
            (s[0].state, s[0].qualifier.as_deref()),
            (State::Reviewed, Some("exact-match"))
        );
        assert_eq!(s[1].state, State::Final);
        assert_eq!((s[1].line, s[1].column), (10, 1), "the target's start tag");
        assert_eq!((s[2].state, s[2].target.as_ref()), (State::Initial, None));
        assert_eq!(
            u1.parts[1],
            Part::Ignorable {
                source: Content::text(" "),
                target: None
            }
        );
        assert_eq!(u1.matches.len(), 2);
        assert_eq!(u1.matches[0].segment, "s2");
        assert_eq!(u1.matches[0].quality, Some(100.0));
        assert_eq!(u1.matches[0].target.plain(), "شکریہ۔");
        assert_eq!(
            (u1.matches[1].segment.as_str(), u1.matches[1].quality),
            ("", None)
        );
        assert_eq!(
            u1.terms,
            [GlossEntry {
                segment: "s2".into(),
                term: "Shanghai Cooperation Organization".into(),
                origin: Some("senate.tbx".into()),
                translations: vec![
                    ("شنگھائی تعاون تنظیم".into(), String::new()),
                    ("ایس سی او".into(), String::new())
                ],
                note: Some("SCO\nsince 2001".into()),
            }]
        );
        let u2 = &file.units[1];
        assert!(!u2.translate);
        assert_eq!(segments(u2)[0].target, Some(Content::default()));
    }

    #[test]
    fn other_namespaces_are_skipped_and_no_namespace_is_1_2() {
        let xml = "<xliff version=\"1.2\" xmlns:mq=\"MQXliff\" xmlns:x2=\"urn:oasis:names:tc:xliff:document:2.0\">\
             <file source-language=\"en\" mq:x=\"1\"><body>\
             <mq:extra><trans-unit id=\"hidden\"><source>no</source></trans-unit></mq:extra>\
             <x2:unit id=\"v2\"/><undeclared:thing><source>no</source></undeclared:thing>\
             <trans-unit id=\"u1\" mq:status=\"ManuallyConfirmed\"><source>Senator <mq:rxt>hidden</mq:rxt>Chizhov\
             <x2:pc id=\"1\">no</x2:pc></source><bin-unit id=\"b\"><bin-source/></bin-unit><context-group><context>c</context></context-group>\
             </trans-unit></body></file></xliff>";
        let doc = doc(xml);
        let all = units(&doc);
        assert_eq!(all.len(), 1);
        assert_eq!(segments(all[0])[0].source.0, [text("Senator Chizhov")]);
        assert_eq!(doc.target_lang, None);
    }

    #[test]
    fn several_files_share_the_languages() {
        let two = |second: &str| {
            format!(
                "<xliff version=\"1.2\" {NS}>\n<file original=\"a\" source-language=\"en\" target-language=\"ru\">\
                 <body><trans-unit id=\"u1\"><source>A</source></trans-unit></body></file>\n{second}</xliff>"
            )
        };
        let ok = doc(&two(
            "<file original=\"b\" source-language=\"EN\" target-language=\"ru\"><body>\
             <trans-unit id=\"u1\"><source>B</source></trans-unit></body></file>",
        ));
        let ids: Vec<&str> = ok.files.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["f1", "f2"], "unit ids are unique per file");
        let (kind, line, column, message) = error(
            two("  <file original=\"b\" source-language=\"en\" target-language=\"ur\"/>")
                .as_bytes(),
        );
        assert_eq!((kind, line, column), ("invalid", 3, 3));
        assert!(
            message.contains("target-language `ur` is not the first file's `ru`"),
            "{message}"
        );
        let (_, line, column, message) =
            error(two("<file original=\"b\" source-language=\"ru\"/>").as_bytes());
        assert_eq!((line, column), (3, 1));
        assert!(message.contains("source-language `ru`"), "{message}");
    }

    /// An XLIFF 1.2 document of one unit, `p1`, whose source `A.` ends
    /// line 2: `rest` (its target) begins line 3.
    fn one_unit_1_2(rest: &str) -> String {
        format!(
            "<xliff version=\"1.2\" {NS}>\n<file original=\"a\" source-language=\"en\" \
             target-language=\"ru\"><body><trans-unit id=\"p1\"><source>A.</source>\n\
             {rest}</trans-unit></body></file></xliff>"
        )
    }

    /// An XLIFF 2.0 document (en → ru) whose unit `u` holds `segment`,
    /// after the root and file on line 1.
    fn one_unit_2(segment: &str) -> String {
        format!(
            "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" \
             srcLang=\"en\" trgLang=\"ru\"><file id=\"f\"><unit id=\"u\">{segment}</unit>\
             </file></xliff>"
        )
    }

    #[test]
    fn a_target_segment_without_its_source_is_an_error() {
        let (kind, line, column, message) = error(
            one_unit_1_2(
                "<seg-source><mrk mtype=\"seg\" mid=\"s1\">A.</mrk></seg-source>\n\
                 <target><mrk mtype=\"seg\" mid=\"s1\">А.</mrk> <mrk mtype=\"seg\" \
                 mid=\"s2\">Лишнее.</mrk></target>",
            )
            .as_bytes(),
        );
        assert_eq!((kind, line, column), ("invalid", 4, 44));
        assert!(
            message.contains("the target's segment `s2` has no source segment"),
            "{message}"
        );
    }

    #[test]
    fn a_second_source_or_target_is_an_error() {
        let (kind, line, column, message) =
            error(one_unit_1_2("<target>А.</target><target>Б.</target>").as_bytes());
        assert_eq!((kind, line, column), ("invalid", 3, 20));
        assert!(
            message.contains("a second <target> in <trans-unit id=\"p1\">"),
            "{message}"
        );
        let (_, line, column, message) = error(
            one_unit_2(
                "<segment id=\"s\">\n<source>A.</source><target>А.</target><target>Б.</target>\
                 </segment>",
            )
            .as_bytes(),
        );
        assert_eq!((line, column), (2, 39));
        assert!(
            message.contains("a second <target> in <segment id=\"s\">"),
            "{message}"
        );
    }

    #[test]
    fn a_state_xliff_does_not_define_is_an_error() {
        let unit = |state: &str| one_unit_1_2(&format!("<target state=\"{state}\">А.</target>"));
        for state in [
            "translated",
            "needs-review-l10n",
            "x-memoq-confirmed",
            "needs-review",
            "",
        ] {
            assert!(parse_str(&unit(state)).is_ok(), "{state}");
        }
        let (kind, line, column, message) = error(unit("bogus").as_bytes());
        assert_eq!((kind, line, column), ("invalid", 3, 1));
        assert!(
            message.contains("state `bogus` is not an XLIFF 1.2 state"),
            "{message}"
        );
        let (_, line, column, message) = error(
            one_unit_2("\n<segment id=\"s\" state=\"done\"><source>A.</source></segment>")
                .as_bytes(),
        );
        assert_eq!((line, column), (2, 1));
        assert!(
            message.contains("state `done` is not an XLIFF 2 state"),
            "{message}"
        );
    }

    #[test]
    fn languages_must_be_language_tags() {
        let (kind, line, column, message) = error(
            format!(
                "<xliff version=\"1.2\" {NS}>\n <file original=\"a\" source-language=\"en\" \
                 target-language=\"zz-!!\"><body/></file></xliff>"
            )
            .as_bytes(),
        );
        assert_eq!((kind, line, column), ("invalid", 2, 2));
        assert!(message.contains("`target-language` is `zz-!!`, which is not a language tag"));
        let (_, line, column, message) = error(
            b"<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" \
              srcLang=\"e n\" trgLang=\"ru\"><file id=\"f\"/></xliff>",
        );
        assert_eq!((line, column), (1, 1));
        assert!(message.contains("`srcLang` is `e n`"), "{message}");
        // `en_US`, as Salesforce writes it, is read as `en-US`, in every file.
        let file = "<file original=\"a\" source-language=\"en_US\" target-language=\"ru_RU\">\
                    <body/></file>";
        let read = doc(&format!("<xliff version=\"1.2\" {NS}>{file}{file}</xliff>"));
        assert_eq!(read.source_lang, "en-US");
        assert_eq!(read.target_lang.as_deref(), Some("ru-RU"));
    }

    #[test]
    fn syntax_errors_have_positions() {
        let many = format!(
            "<xliff version=\"1.2\">\n <file {} a9=\"\"/></xliff>",
            (1..=9)
                .map(|n| format!("a{n}=\"\""))
                .collect::<Vec<_>>()
                .join(" ")
        );
        let cases: [(&str, (usize, usize)); 7] = [
            // A mismatched end tag.
            (
                "<xliff version=\"1.2\">\n<file source-language=\"en\">\n  </body></xliff>",
                (3, 3),
            ),
            // The root left open.
            (
                "<xliff version=\"1.2\">\n<file source-language=\"en\">\n",
                (3, 1),
            ),
            // An undefined entity.
            (
                "<xliff version=\"1.2\"><file source-language=\"en\"><body><trans-unit id=\"1\">\n<source>a&nbsp;</source>",
                (2, 10),
            ),
            // Bad attributes.
            (
                "<xliff version=\"1.2\">\n <file source-language=\"en\" source-language=\"ru\"/></xliff>",
                (2, 2),
            ),
            (
                "<xliff version=\"1.2\"><file source-language=\"en\"/></xliff>\n<x/>",
                (2, 1),
            ),
            ("<xliff version=\"1.2\"/>\n  text", (2, 3)),
            (&many, (2, 2)),
        ];
        for (xml, at) in cases {
            let (kind, line, column, message) = error(xml.as_bytes());
            assert_eq!((kind, (line, column)), ("syntax", at), "{xml}: {message}");
        }
        let (_, _, _, message) = error(b"<xliff version=\"1.2\">\n<file source-language=\"en\">\n");
        assert_eq!(
            message,
            "unexpected end of file: <file> (line 2, column 1) is not closed"
        );
    }

    #[test]
    fn invalid_documents_have_positions() {
        let cases: [(&str, (usize, usize), &str); 15] = [
            (
                "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"/>",
                (2, 1),
                "not an XLIFF file: the root element is <tmx>",
            ),
            (
                "\n <xliff version=\"3.0\"/>",
                (2, 2),
                "unknown XLIFF version `3.0` (tarjuman reads 1.2, 2.0 and 2.1)",
            ),
            (
                "<xliff/>",
                (1, 1),
                "<xliff> has no `version` (tarjuman reads 1.2, 2.0 and 2.1)",
            ),
            (
                "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"1.2\"/>",
                (1, 1),
                "XLIFF 1.2 in the XLIFF 2 namespace `urn:oasis:names:tc:xliff:document:2.0`",
            ),
            (
                "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"2.0\" srcLang=\"en\"/>",
                (1, 1),
                "XLIFF 2.0 in the XLIFF 1.2 namespace `urn:oasis:names:tc:xliff:document:1.2`",
            ),
            (
                "<xliff version=\"2.1\"/>",
                (1, 1),
                "<xliff> has no `srcLang`",
            ),
            ("<xliff version=\"1.2\"/>", (1, 1), "<xliff> has no <file>"),
            (
                "<?xml version=\"1.0\"?>\n<!DOCTYPE xliff [<!ENTITY a \"aaaa\">]>\n<xliff version=\"1.2\"/>",
                (2, 1),
                "the DOCTYPE declares entities; tarjuman does not expand them (a safeguard against \
                 entity expansion attacks): remove the declarations",
            ),
            (
                "<xliff version=\"1.2\">\n<file><body/></file></xliff>",
                (2, 1),
                "<file> has no `source-language`",
            ),
            (
                "<xliff version=\"1.2\"><file source-language=\"en\"><body>\n  <trans-unit><source/></trans-unit>",
                (2, 3),
                "<trans-unit> has no `id`",
            ),
            (
                "<xliff version=\"1.2\"><file source-language=\"en\"><body>\n<trans-unit id=\"u1\"><target/></trans-unit>",
                (2, 1),
                "<trans-unit id=\"u1\"> has no <source>",
            ),
            (
                "<xliff version=\"1.2\"><file source-language=\"en\"><body><trans-unit id=\"u1\">\n<source>a&#1;b</source>",
                (2, 10),
                "the character U+0001 is not allowed in XML",
            ),
            (
                "<xliff version=\"1.2\"><file source-language=\"en\">\n<body><trans-unit id=\"u1\">\u{1}",
                (2, 27),
                "the character U+0001 is not allowed in XML",
            ),
            (
                "<xliff version=\"1.2\"><file source-language=\"en\"><body><trans-unit id=\"u\">\
                 <source/><seg-source>\n <mrk mtype=\"seg\">A</mrk>",
                (2, 2),
                "<mrk mtype=\"seg\"> has no `mid`",
            ),
            (
                "<xliff version=\"1.2\"><file source-language=\"en\" original=\"&#xFFFF;\">",
                (1, 22),
                "the character U+FFFF is not allowed in XML",
            ),
        ];
        for (xml, at, expected) in cases {
            let (kind, line, column, message) = error(xml.as_bytes());
            assert_eq!(
                (kind, (line, column), message.as_str()),
                ("invalid", at, expected),
                "{xml}"
            );
        }
    }

    #[test]
    fn duplicate_ids_are_refused() {
        let xml = v12("\n<trans-unit id=\"u3\"><source>A</source></trans-unit>\n\
             <trans-unit id=\"u4\"><source>B</source></trans-unit>\n  \
             <trans-unit id=\"u3\"><source>C</source></trans-unit>");
        let (kind, line, column, message) = error(xml.as_bytes());
        assert_eq!((kind, line, column), ("invalid", 4, 3));
        assert_eq!(message, "duplicate unit id `u3` (first at line 2)");
        let xml = v12(
            "<trans-unit id=\"p\"><source>A B</source><seg-source><mrk mtype=\"seg\" mid=\"1\">A</mrk>\n \
             <mrk mtype=\"seg\" mid=\"1\">B</mrk></seg-source></trans-unit>",
        );
        let (kind, line, column, message) = error(xml.as_bytes());
        assert_eq!((kind, line, column), ("invalid", 2, 2));
        assert_eq!(
            message,
            "duplicate segment id `1` in unit `p` (first at line 1)"
        );
        let xml = "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\">\
             <file id=\"f\"><unit id=\"u\"><segment id=\"s\"><source/></segment>\n\
             <segment><source/></segment><segment id=\"s\"><source/></segment></unit></file></xliff>";
        let (kind, line, column, message) = error(xml.as_bytes());
        assert_eq!((kind, line, column), ("invalid", 2, 29));
        assert_eq!(
            message,
            "duplicate segment id `s` in unit `u` (first at line 1)"
        );
    }

    #[test]
    fn encodings() {
        let xml =
            v12("<trans-unit id=\"u\"><source>Чижов</source><target>چیژوف</target></trans-unit>");
        let plain = |bytes: &[u8]| {
            let doc = parse(bytes, Path::new("t.xlf")).map_err(|e| e.to_string());
            doc.map(|d| {
                let s = segments(units(&d)[0])[0];
                (s.source.plain(), s.target.as_ref().map(Content::plain))
            })
        };
        let expected = Ok(("Чижов".to_owned(), Some("چیژوف".to_owned())));
        let utf16 = |big: bool, bom: bool| {
            let mut out: Vec<u8> = if !bom {
                Vec::new()
            } else if big {
                vec![0xFE, 0xFF]
            } else {
                vec![0xFF, 0xFE]
            };
            let decl = format!("<?xml version=\"1.0\" encoding=\"UTF-16\"?>{xml}");
            for unit in decl.encode_utf16() {
                out.extend(if big {
                    unit.to_be_bytes()
                } else {
                    unit.to_le_bytes()
                });
            }
            out
        };
        for (big, bom) in [(false, true), (true, true), (false, false), (true, false)] {
            assert_eq!(
                plain(&utf16(big, bom)),
                expected,
                "UTF-16 big endian {big}, BOM {bom}"
            );
        }
        let bom8 = [b"\xEF\xBB\xBF".as_slice(), xml.as_bytes()].concat();
        assert_eq!(plain(&bom8), expected);
        let cp1251 = b"<?xml version=\"1.0\" encoding=\"windows-1251\"?>\
            <xliff version=\"1.2\"><file source-language=\"en\"><body><trans-unit id=\"u\">\
            <source>\xd7\xe8\xe6\xee\xe2</source></trans-unit></body></file></xliff>";
        assert_eq!(plain(cp1251), Ok(("Чижов".to_owned(), None)));
        let (kind, line, column, message) =
            error(b"<?xml version=\"1.0\" encoding=\"klingon-8\"?><xliff/>");
        assert_eq!((kind, line, column), ("invalid", 1, 31));
        assert!(
            message.contains("unknown encoding `klingon-8`"),
            "{message}"
        );
        let (kind, line, column, message) = error(b"<xliff version=\"1.2\">\n\xD0\xA7\xFF");
        assert_eq!((kind, line, column), ("invalid", 2, 2));
        assert!(message.starts_with("not UTF-8"), "{message}");
        // A position after a BOM counts from the first character.
        let (_, line, column, _) = error(b"\xEF\xBB\xBF<tmx/>");
        assert_eq!((line, column), (1, 1));
    }

    #[test]
    fn read_decodes_files_too() {
        let dir = match tempfile::tempdir() {
            Ok(dir) => dir,
            Err(e) => panic!("{e}"),
        };
        let xml = v12(
            "<trans-unit id=\"u\"><source>Shanghai</source><target>شنگھائی</target></trans-unit>",
        );
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(xml.encode_utf16().flat_map(u16::to_le_bytes));
        let bom8 = [b"\xEF\xBB\xBF".as_slice(), xml.as_bytes()].concat();
        for (name, bytes) in [("16.xlf", utf16), ("8.xlf", bom8)] {
            let path = dir.path().join(name);
            if let Err(e) = std::fs::write(&path, &bytes) {
                panic!("{e}");
            }
            let doc = match read(&path) {
                Ok(doc) => doc,
                Err(e) => panic!("{e}"),
            };
            let s = segments(units(&doc)[0])[0];
            assert_eq!(
                s.target.as_ref().map(Content::plain).as_deref(),
                Some("شنگھائی")
            );
            assert_eq!(
                (units(&doc)[0].line, units(&doc)[0].column),
                (1, 139),
                "{name}"
            );
        }
        let path = dir.path().join("bad.xlf");
        if let Err(e) = std::fs::write(&path, b"<xliff version=\"1.2\">\n  \xFF") {
            panic!("{e}");
        }
        let err = read(&path).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(
            err.ends_with(":2:3: not UTF-8 text: save the file as UTF-8, or declare its encoding"),
            "{err}"
        );
    }

    #[test]
    fn what_tarjuman_writes_reads_back() {
        use crate::xliff::{WriteOptions, write};
        let segment = |id: &str, source: &str, target: Option<&str>, state| Segment {
            id: id.into(),
            source: Content::text(source),
            target: target.map(Content::text),
            state,
            ..Segment::default()
        };
        for version in [Version::V1_2, Version::V2_0, Version::V2_1] {
            let original = Document {
                version,
                source_lang: "en".into(),
                target_lang: Some("ru".into()),
                files: vec![File {
                    id: "f1".into(),
                    original: "release.en.txt".into(),
                    datatype: (!version.is_2()).then(|| "plaintext".into()),
                    units: vec![Unit {
                        id: "p-1".into(),
                        translate: true,
                        parts: vec![
                            Part::Segment(segment(
                                "1",
                                "Senator Chizhov & <Khorev>.",
                                Some("Сенатор Чижов и Хорев."),
                                State::Translated,
                            )),
                            Part::Ignorable {
                                source: Content::text(" "),
                                target: None,
                            },
                            Part::Segment(segment("2", "They met.", None, State::Initial)),
                        ],
                        matches: vec![AltMatch {
                            segment: "2".into(),
                            quality: Some(87.5),
                            origin: Some("tmx/a.tmx".into()),
                            source: Content::text("They met twice."),
                            target: Content::text("Они встретились дважды."),
                        }],
                        ..Unit::default()
                    }],
                    ..File::default()
                }],
            };
            let bytes = match write(&original, &WriteOptions::default(), Vec::new()) {
                Ok(bytes) => bytes,
                Err(e) => panic!("{e}"),
            };
            let read = match parse(&bytes, Path::new("out.xlf")) {
                Ok(doc) => doc,
                Err(e) => panic!("{e}\n{}", String::from_utf8_lossy(&bytes)),
            };
            assert_eq!(read.version, version);
            let (a, b) = (&original.files[0].units[0], &read.files[0].units[0]);
            let texts = |u: &Unit| -> Vec<(String, String, Option<String>)> {
                u.segments()
                    .map(|s| {
                        (
                            s.id.clone(),
                            s.source.plain(),
                            s.target.as_ref().map(Content::plain),
                        )
                    })
                    .collect()
            };
            let mut expected = texts(a);
            let mut between = a.parts[1].clone();
            if !version.is_2() {
                // 1.2 has one target per unit: an untranslated segment is an
                // empty mrk, the text between segments is in it too.
                expected[1].2 = Some(String::new());
                between = Part::Ignorable {
                    source: Content::text(" "),
                    target: Some(Content::text(" ")),
                };
            }
            assert_eq!(texts(b), expected, "{version}");
            assert_eq!(b.matches, a.matches, "{version}");
            assert_eq!(b.parts[1], between, "{version}");
        }
    }

    fn fixture(name: &str) -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/xliff")
            .join(name)
    }

    fn read_fixture(name: &str) -> Document {
        match read(&fixture(name)) {
            Ok(doc) => doc,
            Err(e) => panic!("{e}"),
        }
    }

    /// Each segment's id, target text and state.
    fn summary(doc: &Document) -> Vec<(String, Option<String>, State)> {
        units(doc)
            .into_iter()
            .flat_map(|u| u.segments())
            .map(|s| (s.id.clone(), s.target.as_ref().map(Content::plain), s.state))
            .collect()
    }

    fn row(id: &str, target: Option<&str>, state: State) -> (String, Option<String>, State) {
        (id.to_owned(), target.map(str::to_owned), state)
    }

    #[test]
    fn memoq_fixture() {
        let doc = read_fixture("memoq-1.2.xlf");
        assert_eq!(
            (doc.source_lang.as_str(), doc.target_lang.as_deref()),
            ("en-US", Some("ru-RU"))
        );
        assert_eq!(
            summary(&doc),
            [
                row(
                    "1",
                    Some("Сенатор Чижов встретился с послом Хоревым"),
                    State::Translated
                ),
                row(
                    "2",
                    Some(
                        "Сенатор В. А. Чижов встретился с послом А. П. Хоревым в Москве 7 февраля."
                    ),
                    State::Translated
                ),
                row(
                    "3",
                    Some(
                        "Они обсудили сотрудничество в рамках Шанхайской организации сотрудничества."
                    ),
                    State::NeedsReview
                ),
                row("4", Some(""), State::Initial),
                row(
                    "5",
                    Some("Стороны отметили высокий уровень двусторонних отношений."),
                    State::Reviewed
                ),
                row(
                    "6",
                    Some("Пресс-служба Совета Федерации"),
                    State::NeedsReview
                ),
            ]
        );
        let all = units(&doc);
        let s2 = segments(all[1])[0];
        assert_eq!(
            s2.source
                .codes()
                .map(|c| c.data.as_deref())
                .collect::<Vec<_>>(),
            [Some("{b}"), Some("{/b}")]
        );
        assert_eq!((s2.line, s2.column), (18, 9));
        assert_eq!(all[2].matches[0].quality, Some(87.0));
        assert_eq!(all[2].matches[0].segment, "3");
        assert!(
            all.iter().all(|u| u.notes.is_empty()),
            "mq:comments are not notes"
        );
    }

    #[test]
    fn trados_fixture() {
        let doc = read_fixture("trados-1.2.xlf");
        assert_eq!(doc.target_lang.as_deref(), Some("ur-PK"));
        assert_eq!(
            doc.files[0].original,
            "C:\\Releases\\2024-02-07-chizhov.docx"
        );
        assert_eq!(
            summary(&doc),
            [
                row(
                    "1",
                    Some("سینیٹر چیژوف کی سفیر خوریف سے ملاقات"),
                    State::Reviewed
                ),
                row(
                    "2",
                    Some(
                        "سینیٹر ولادیمیر اے چیژوف نے 7 فروری کو ماسکو میں سفیر البرٹ پی خوریف سے ملاقات کی۔"
                    ),
                    State::Translated
                ),
                row(
                    "3",
                    Some("انہوں نے شنگھائی تعاون تنظیم کے اندر تعاون پر تبادلہ خیال کیا۔"),
                    State::NeedsReview
                ),
                row("4", None, State::Initial),
                row("a3f1c2e0-0004", None, State::Initial),
                row(
                    "5",
                    Some("دونوں فریقوں نے دوطرفہ تعلقات کو سراہا۔"),
                    State::NeedsReview
                ),
                row(
                    "a3f1c2e0-0006",
                    Some("فیڈریشن کونسل کی پریس سروس"),
                    State::Final
                ),
            ]
        );
        let confirmed: Vec<String> = units(&doc)
            .into_iter()
            .flat_map(|u| u.segments())
            .filter(|s| s.state.is_confirmed())
            .map(|s| s.id.clone())
            .collect();
        assert_eq!(confirmed, ["1", "2", "a3f1c2e0-0006"]);
        let all = units(&doc);
        assert_eq!(all.len(), 6);
        let unit = all[1];
        assert_eq!(unit.parts.len(), 3);
        assert_eq!(
            unit.parts[1],
            Part::Ignorable {
                source: Content::text(" "),
                target: Some(Content::text(" "))
            }
        );
        let segs = segments(unit);
        assert_eq!(segs[0].source.0[0], open("g", "0"));
        let target = segs[1].target.clone().unwrap_or_default();
        assert_eq!(
            target
                .codes()
                .map(|c| c.element.as_str())
                .collect::<Vec<_>>(),
            ["mrk", "mrk"]
        );
        assert!(!all[3].translate);
        assert_eq!(
            segments(all[3])[0].source.0,
            [code_inline(CodeKind::Standalone, "x", "1", None)]
        );
    }

    #[test]
    fn omegat_fixture() {
        let doc = read_fixture("omegat-1.2.xlf");
        assert_eq!(
            summary(&doc),
            [
                row(
                    "1",
                    Some("سینیٹر چیژوف کی سفیر خوریف سے ملاقات"),
                    State::Translated
                ),
                row(
                    "2",
                    Some(
                        "سینیٹر ولادیمیر اے چیژوف نے 7 فروری کو ماسکو میں سفیر البرٹ پی خوریف سے ملاقات کی۔"
                    ),
                    State::Final
                ),
                row(
                    "3",
                    Some("انہوں نے شنگھائی تعاون تنظیم کے اندر تعاون پر تبادلہ خیال کیا۔"),
                    State::NeedsReview
                ),
                row("4", Some(""), State::Initial),
                row("5", None, State::Initial),
            ]
        );
        let all = units(&doc);
        assert_eq!(all[0].block(), Some(crate::xliff::Block::Heading(1)));
        assert_eq!(all[1].notes[0].from.as_deref(), Some("glossary"));
        let m = &all[2].matches[0];
        assert_eq!(
            (m.quality, m.origin.as_deref()),
            (Some(87.0), Some("tmx/senate.tmx"))
        );
        assert_eq!(
            m.target.plain(),
            "انہوں نے ایس سی او کے اندر تعاون پر تبادلہ خیال کیا۔"
        );
        assert_eq!(all[2].notes[0].text, "Translated with OmegaT 6.0.1");
    }

    #[test]
    fn phrase_fixture() {
        let doc = read_fixture("phrase-2.1.xlf");
        assert_eq!(doc.version, Version::V2_1);
        assert_eq!(
            summary(&doc),
            [
                row(
                    "s1",
                    Some("Сенатор Чижов встретился с послом Хоревым"),
                    State::Final
                ),
                row(
                    "s2",
                    Some(
                        "Сенатор В. А. Чижов встретился с послом А. П. Хоревым в Москве 7 февраля."
                    ),
                    State::Translated
                ),
                row("s3", None, State::Initial),
                row("s1", Some("ШОС"), State::Initial),
            ]
        );
        let all = units(&doc);
        let u2 = all[1];
        assert_eq!(u2.parts.len(), 3);
        let segs = segments(u2);
        assert_eq!(segs[0].qualifier.as_deref(), Some("m:tm-100"));
        let elements = |c: &Content| c.codes().map(|c| c.element.clone()).collect::<Vec<_>>();
        assert_eq!(
            elements(&segs[0].source),
            ["pc", "pc", "ph"].map(String::from)
        );
        assert_eq!(elements(&segs[1].source), ["sc", "ec"].map(String::from));
        assert_eq!(
            segs[1].source.plain(),
            "They discussed cooperation within the Shanghai Cooperation Organization."
        );
        assert_eq!(
            (u2.matches[0].segment.as_str(), u2.matches[0].quality),
            ("s2", Some(87.5))
        );
        assert_eq!(u2.terms[0].segment, "s3");
        assert_eq!(
            u2.terms[0].translations,
            [(
                "Шанхайская организация сотрудничества".to_owned(),
                String::new()
            )]
        );
        assert_eq!(u2.notes[0].text, "Check the patronymic initials.");
        assert!(!all[2].translate);
    }

    const SDL: &str = r#"xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0""#;

    /// A 1.2 document with the Trados and memoQ namespaces declared.
    fn v12_tools(units: &str) -> String {
        format!(
            "<xliff version=\"1.2\" {NS} {SDL} xmlns:mq=\"MQXliff\"><file original=\"a.txt\" \
             source-language=\"en\" target-language=\"ru\"><body>{units}</body></file></xliff>"
        )
    }

    fn states(doc: &Document) -> Vec<(String, State)> {
        units(doc)
            .into_iter()
            .flat_map(|u| u.segments())
            .map(|s| (s.id.clone(), s.state))
            .collect()
    }

    #[test]
    fn trados_confirmation_levels_per_segment() {
        let confs = [
            ("Draft", State::NeedsReview),
            ("Translated", State::Translated),
            ("RejectedTranslation", State::NeedsReview),
            ("ApprovedTranslation", State::Reviewed),
            ("RejectedSignOff", State::NeedsReview),
            ("ApprovedSignOff", State::Final),
            ("x-unknown", State::Initial),
        ];
        let mrks = |side: &str| -> String {
            (1..=confs.len() + 1)
                .map(|n| format!("<mrk mtype=\"seg\" mid=\"{n}\">{side} {n}.</mrk>"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        // The last segment has an `sdl:seg` without `conf`.
        let segs: String = confs
            .iter()
            .enumerate()
            .map(|(i, (conf, _))| format!("<sdl:seg id=\"{}\" conf=\"{conf}\"/>", i + 1))
            .chain([format!("<sdl:seg id=\"{}\"/>", confs.len() + 1)])
            .collect();
        let xml = v12_tools(&format!(
            "<trans-unit id=\"p\"><source>x</source><seg-source>{}</seg-source>\
             <target>{}</target><sdl:seg-defs>{segs}</sdl:seg-defs></trans-unit>",
            mrks("S"),
            mrks("T")
        ));
        let expected: Vec<(String, State)> = confs
            .iter()
            .enumerate()
            .map(|(i, (_, state))| ((i + 1).to_string(), *state))
            .chain([((confs.len() + 1).to_string(), State::Initial)])
            .collect();
        assert_eq!(states(&doc(&xml)), expected);
    }

    #[test]
    fn trados_levels_never_lower_xliff_states() {
        let xml = v12_tools(
            "<trans-unit id=\"u1\"><source>A.</source><seg-source><mrk mtype=\"seg\" mid=\"1\">A.</mrk> \
             <mrk mtype=\"seg\" mid=\"2\">B.</mrk></seg-source>\
             <target state=\"signed-off\"><mrk mtype=\"seg\" mid=\"1\">А.</mrk> <mrk mtype=\"seg\" mid=\"2\">Б.</mrk></target>\
             <sdl:seg-defs><sdl:seg id=\"1\" conf=\"Draft\"/><sdl:seg id=\"2\" conf=\"ApprovedSignOff\"/></sdl:seg-defs></trans-unit>\
             <trans-unit id=\"u2\" approved=\"yes\"><source>C.</source><target>В.</target>\
             <sdl:seg-defs><sdl:seg id=\"9\" conf=\"RejectedSignOff\"/></sdl:seg-defs></trans-unit>\
             <trans-unit id=\"u3\"><source>D.</source><target>Г.</target>\
             <sdl:seg-defs><sdl:seg id=\"1\" conf=\"Draft\"/><sdl:seg id=\"u3\" conf=\"Translated\"/></sdl:seg-defs></trans-unit>\
             <trans-unit id=\"u4\"><source>E.</source><target>Д.</target>\
             <sdl:seg-defs><sdl:seg id=\"1\" conf=\"Translated\"/><sdl:seg id=\"2\" conf=\"Translated\"/></sdl:seg-defs></trans-unit>",
        );
        assert_eq!(
            states(&doc(&xml)),
            [
                ("1".to_owned(), State::Reviewed),
                ("2".to_owned(), State::Final),
                ("u2".to_owned(), State::Final),
                ("u3".to_owned(), State::Translated),
                ("u4".to_owned(), State::Initial),
            ],
            "without seg-source: the only sdl:seg, else the one with the unit's id"
        );
    }

    #[test]
    fn trados_elements_elsewhere_change_nothing() {
        // Another namespace, an undeclared prefix, an `sdl:seg` outside
        // `seg-defs`, `seg-defs` inside the target: all skipped.
        let xml = v12_tools(
            "<trans-unit id=\"u1\" xmlns:t=\"urn:other\"><source>A.</source><target>А.\
             <sdl:seg-defs><sdl:seg id=\"u1\" conf=\"Translated\"/></sdl:seg-defs></target>\
             <t:seg-defs><t:seg id=\"u1\" conf=\"Translated\"/></t:seg-defs>\
             <x:seg-defs><x:seg id=\"u1\" conf=\"Translated\"/></x:seg-defs>\
             <sdl:seg id=\"u1\" conf=\"Translated\"/></trans-unit>",
        );
        let doc = doc(&xml);
        assert_eq!(states(&doc), [("u1".to_owned(), State::Initial)]);
        assert_eq!(
            segments(units(&doc)[0])[0]
                .target
                .as_ref()
                .map(Content::plain)
                .as_deref(),
            Some("А.")
        );
    }

    #[test]
    fn memoq_statuses_per_unit() {
        let statuses = [
            ("NotStarted", State::Initial),
            ("Rejected", State::Initial),
            ("Edited", State::NeedsReview),
            ("PartiallyEdited", State::NeedsReview),
            ("Pretranslated", State::NeedsReview),
            ("PreTranslated", State::NeedsReview),
            ("MachineTranslated", State::NeedsReview),
            ("Confirmed", State::Translated),
            ("ManuallyConfirmed", State::Translated),
            ("Proofread", State::Reviewed),
            ("Reviewer1Confirmed", State::Reviewed),
            ("Reviewer2Confirmed", State::Reviewed),
            ("x-unknown", State::Initial),
        ];
        let units_xml: String = statuses
            .iter()
            .enumerate()
            .map(|(i, (status, _))| {
                format!(
                    "<trans-unit id=\"{i}\" mq:status=\"{status}\"><source>A. B.</source>\
                     <seg-source><mrk mtype=\"seg\" mid=\"{i}a\">A.</mrk> <mrk mtype=\"seg\" mid=\"{i}b\">B.</mrk></seg-source>\
                     <target><mrk mtype=\"seg\" mid=\"{i}a\">А.</mrk> <mrk mtype=\"seg\" mid=\"{i}b\">Б.</mrk></target></trans-unit>"
                )
            })
            .collect();
        let expected: Vec<(String, State)> = statuses
            .iter()
            .enumerate()
            .flat_map(|(i, (_, state))| [(format!("{i}a"), *state), (format!("{i}b"), *state)])
            .collect();
        assert_eq!(states(&doc(&v12_tools(&units_xml))), expected);
    }

    #[test]
    fn memoq_status_never_lowers_and_needs_its_namespace() {
        let xml = v12_tools(
            "<trans-unit id=\"u1\" mq:status=\"NotStarted\"><source>A.</source><target state=\"translated\">А.</target></trans-unit>\
             <trans-unit id=\"u2\" mq:status=\"Rejected\" approved=\"yes\"><source>B.</source><target>Б.</target></trans-unit>\
             <trans-unit id=\"u3\" mq:status=\"Confirmed\"><source>C.</source><target state=\"needs-review-translation\">В.</target></trans-unit>\
             <trans-unit id=\"u4\" status=\"Confirmed\"><source>D.</source><target>Г.</target></trans-unit>\
             <trans-unit id=\"u5\" xmlns:mq=\"urn:other\" mq:status=\"Confirmed\"><source>E.</source><target>Д.</target></trans-unit>\
             <trans-unit id=\"u6\" xmlns:memoq=\"MQXliff\" memoq:status=\"Proofread\"><source>F.</source><target>Е.</target></trans-unit>\
             <trans-unit id=\"u7\" q:status=\"Confirmed\"><source>G.</source><target>Ж.</target></trans-unit>\
             <trans-unit id=\"u8\" mq:status=\"Confirmed\"/>",
        );
        // u8 has no source: an error, after the status was read.
        let (kind, ..) = error(xml.as_bytes());
        assert_eq!(kind, "invalid");
        let xml = xml.replace("<trans-unit id=\"u8\" mq:status=\"Confirmed\"/>", "");
        assert_eq!(
            states(&doc(&xml)),
            [
                ("u1".to_owned(), State::Translated),
                ("u2".to_owned(), State::Final),
                ("u3".to_owned(), State::Translated),
                ("u4".to_owned(), State::Initial),
                ("u5".to_owned(), State::Initial),
                ("u6".to_owned(), State::Reviewed),
                ("u7".to_owned(), State::Initial),
            ]
        );
    }

    /// The valid fixtures, CAT tools' and the translated exports.
    fn valid_fixtures() -> Vec<std::path::PathBuf> {
        let mut paths: Vec<std::path::PathBuf> = [
            "memoq-1.2.xlf",
            "trados-1.2.xlf",
            "omegat-1.2.xlf",
            "phrase-2.1.xlf",
        ]
        .into_iter()
        .map(fixture)
        .collect();
        let translated = fixture("translated");
        let mut exports: Vec<std::path::PathBuf> = std::fs::read_dir(&translated)
            .map(|dir| dir.flatten().map(|entry| entry.path()).collect())
            .unwrap_or_default();
        exports.retain(|p| p.extension().is_some_and(|e| e == "xlf"));
        exports.sort();
        assert_eq!(exports.len(), 2, "{}", translated.display());
        paths.extend(exports);
        paths
    }

    #[test]
    fn fixtures_write_and_read_back() {
        use crate::xliff::{WriteOptions, write};
        for path in valid_fixtures() {
            let name = path.display();
            let original = match read(&path) {
                Ok(doc) => doc,
                Err(e) => panic!("{e}"),
            };
            let bytes = match write(&original, &WriteOptions::default(), Vec::new()) {
                Ok(bytes) => bytes,
                Err(e) => panic!("{name}: {e}"),
            };
            let again = match parse(&bytes, Path::new("again.xlf")) {
                Ok(doc) => doc,
                Err(e) => panic!("{name}: {e}\n{}", String::from_utf8_lossy(&bytes)),
            };
            assert_eq!(again.version, original.version, "{name}");
            let shape = |doc: &Document| -> Vec<(String, Vec<String>)> {
                units(doc)
                    .into_iter()
                    .map(|u| {
                        (
                            u.id.clone(),
                            u.segments().map(|s| s.source.plain()).collect(),
                        )
                    })
                    .collect()
            };
            assert_eq!(shape(&again), shape(&original), "{name}");
        }
    }

    #[test]
    fn malformed_fixtures() {
        let cases = [
            (
                "bad-version.xlf",
                2,
                1,
                "unknown XLIFF version `3.0` (tarjuman reads 1.2, 2.0 and 2.1)",
            ),
            (
                "duplicate-ids.xlf",
                12,
                6,
                "duplicate unit id `u3` (first at line 5)",
            ),
            (
                "unclosed.xlf",
                9,
                1,
                "unexpected end of file: <body> (line 4, column 3) is not closed",
            ),
        ];
        for (name, line, column, message) in cases {
            let err = read(&fixture(name)).err();
            let text = err.as_ref().map(ToString::to_string).unwrap_or_default();
            let path = fixture(name);
            assert!(
                text.starts_with(&format!("{}:{line}:{column}: ", path.display())),
                "{name}: {text}"
            );
            assert!(text.ends_with(message), "{name}: {text}");
        }
        assert!(matches!(
            read(&fixture("missing.xlf")),
            Err(XliffError::Io { .. })
        ));
    }

    #[test]
    fn truncated_and_damaged_files_never_panic() {
        for name in [
            "memoq-1.2.xlf",
            "trados-1.2.xlf",
            "omegat-1.2.xlf",
            "phrase-2.1.xlf",
        ] {
            let bytes = std::fs::read(fixture(name)).unwrap_or_default();
            for end in (0..bytes.len()).step_by(5) {
                let _ = parse(&bytes[..end], Path::new(name));
            }
            for at in (0..bytes.len()).step_by(11) {
                let mut damaged = bytes.clone();
                damaged[at] = b"<>&/\"'\0x"[at % 8];
                let _ = parse(&damaged, Path::new(name));
            }
        }
    }

    #[test]
    fn nesting_does_not_recurse() {
        // 60,000 levels: deep enough to overflow the stack of a recursive
        // reader, below quick-xml's limit of 65,535.
        let depth = 30_000;
        let xml = v12(&format!(
            "{}<trans-unit id=\"u\"><source>{}x{}</source></trans-unit>{}",
            "<group>".repeat(depth),
            "<g id=\"1\">".repeat(depth),
            "</g>".repeat(depth),
            "</group>".repeat(depth)
        ));
        let doc = doc(&xml);
        assert_eq!(segments(units(&doc)[0])[0].source.0.len(), 2 * depth + 1);
        let xml = v12(&"<group>".repeat(70_000));
        let (kind, line, column, message) = error(xml.as_bytes());
        let limit = xml
            .find(&"<group>".repeat(65_535 - 3))
            .map(|at| at + 7 * (65_535 - 3));
        assert_eq!(
            (kind, line, Some(column - 1)),
            ("syntax", 1, limit),
            "{message}"
        );
    }
}
