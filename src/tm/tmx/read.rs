//! Reading TMX 1.1–1.4b as a stream of units.
//!
//! [`Reader`] hands out one [`Unit`] at a time, so memory stays flat however
//! large the file. It is strict where a wrong guess would lose data (XML
//! syntax, a variant without a language, entity declarations, an encoding
//! it cannot read) and lenient where tools differ harmlessly (unknown
//! attributes, `lang` for `xml:lang`, elements in no particular order).

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use quick_xml::events::{BytesStart, Event};

use super::TmxError;
use super::stream::{Tracked, Utf8Stream};
use crate::tm::model::{Annotation, AnnotationKind, Attrs, Header, Unit, Variant};

/// Inline elements whose content is native code, not text.
const CODES: [&str; 5] = ["bpt", "ept", "ph", "it", "ut"];

/// A TMX file being read.
pub struct Reader<R: Read> {
    xml: quick_xml::Reader<Tracked<Utf8Stream<R>>>,
    buf: Vec<u8>,
    path: PathBuf,
    header: Header,
    /// The TMX version of the root element (`1.4`, `1.1`, …).
    version: String,
    done: bool,
    /// Where the last unit read began.
    unit_start: u64,
}

impl<R: Read> std::fmt::Debug for Reader<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reader")
            .field("path", &self.path)
            .field("version", &self.version)
            .finish_non_exhaustive()
    }
}

impl Reader<BufReader<File>> {
    /// Opens `path` and reads up to the first unit.
    pub fn open(path: &Path) -> Result<Self, TmxError> {
        let file = File::open(path).map_err(|source| TmxError::Io {
            path: path.to_owned(),
            source,
        })?;
        Reader::new(BufReader::with_capacity(64 * 1024, file), path)
    }
}

impl<R: Read> Reader<R> {
    /// Reads TMX from `input`; `path` names it in errors.
    pub fn new(input: R, path: &Path) -> Result<Self, TmxError> {
        let stream = utf8_stream(input, path)?;
        let mut xml = quick_xml::Reader::from_reader(Tracked::new(stream));
        let config = xml.config_mut();
        config.check_end_names = true;
        config.trim_text(false);
        let mut reader = Reader {
            xml,
            buf: Vec::with_capacity(4096),
            path: path.to_owned(),
            header: Header::default(),
            version: String::new(),
            done: false,
            unit_start: 0,
        };
        reader.prologue()?;
        Ok(reader)
    }

    pub fn header(&self) -> &Header {
        &self.header
    }

    /// The `version` of `<tmx>`.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The encoding the file was read in (WHATWG name: `UTF-8`, `UTF-16LE`,
    /// …).
    pub fn encoding(&self) -> &'static str {
        self.xml.get_ref().get_ref().encoding()
    }

    /// An error about the last unit read, at the line and column where it
    /// began.
    pub fn unit_error(&self, message: impl Into<String>) -> TmxError {
        self.invalid(self.unit_start, message)
    }

    /// Where the last unit read begins (its `<tu`), as a byte offset in
    /// the file's text decoded to UTF-8 without a byte-order mark (what
    /// [`decode`] returns).
    pub fn unit_offset(&self) -> usize {
        usize::try_from(self.unit_start).unwrap_or(usize::MAX)
    }

    /// Bytes of the file read so far, for progress bars.
    pub fn bytes_read(&self) -> u64 {
        self.xml.get_ref().get_ref().bytes_read()
    }

    /// The XXH3 hash of the file's bytes; complete once `next_unit` has
    /// returned `None`.
    pub fn hash(&self) -> u64 {
        self.xml.get_ref().get_ref().hash()
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The next unit, or `None` after the last.
    pub fn next_unit(&mut self) -> Result<Option<Unit>, TmxError> {
        if self.done {
            return Ok(None);
        }
        loop {
            let start = self.xml.buffer_position();
            self.xml.get_mut().mark(start);
            match self.event()? {
                Ev::Start(name, attrs) if name == "tu" => {
                    self.unit_start = start;
                    let unit = self.unit(attrs, start)?;
                    return Ok(Some(unit));
                }
                Ev::Empty(name, _) if name == "tu" => {
                    return Err(self.invalid(start, "`<tu>` has no `<tuv>`"));
                }
                Ev::End(name) if name == "body" => {
                    self.epilogue()?;
                    self.done = true;
                    return Ok(None);
                }
                Ev::Start(name, _) | Ev::Empty(name, _) => {
                    return Err(self.invalid(
                        start,
                        format!("unexpected `<{name}>` in `<body>`: expected `<tu>`"),
                    ));
                }
                Ev::Text(text) if !text.trim().is_empty() => {
                    return Err(self.invalid(start, "text outside `<tu>`"));
                }
                Ev::Eof => return Err(self.eof()),
                _ => {}
            }
        }
    }

    /// Everything up to `<body>`: the declaration, the root, the header.
    fn prologue(&mut self) -> Result<(), TmxError> {
        let mut root = false;
        loop {
            let start = self.xml.buffer_position();
            match self.event()? {
                Ev::Start(name, attrs) if !root => {
                    if name != "tmx" {
                        return Err(self.invalid(
                            start,
                            format!("the root element is `<{name}>`: not a TMX file"),
                        ));
                    }
                    self.version = crate::tm::model::attr(&attrs, "version")
                        .unwrap_or_default()
                        .to_owned();
                    root = true;
                }
                Ev::Empty(name, _) if !root => {
                    return Err(self.invalid(
                        start,
                        format!("the root element is an empty `<{name}/>`: not a TMX file"),
                    ));
                }
                Ev::Start(name, attrs) if name == "header" => {
                    self.header.attrs = attrs;
                    normalize_tags(&mut self.header.attrs);
                    self.header_children()?;
                }
                Ev::Empty(name, attrs) if name == "header" => {
                    self.header.attrs = attrs;
                    normalize_tags(&mut self.header.attrs);
                }
                Ev::Start(name, _) if name == "body" => return Ok(()),
                Ev::Empty(name, _) if name == "body" => {
                    self.done = true;
                    return self.epilogue();
                }
                Ev::Start(name, _) | Ev::Empty(name, _) => {
                    return Err(self.invalid(
                        start,
                        format!(
                            "unexpected `<{name}>` in `<tmx>`: expected `<header>` or `<body>`"
                        ),
                    ));
                }
                Ev::End(_) => {
                    return Err(self.invalid(start, "`<tmx>` has no `<body>`"));
                }
                Ev::Text(text) if !text.trim().is_empty() => {
                    return Err(self.invalid(start, "text outside the elements of TMX"));
                }
                Ev::Eof => {
                    return Err(if root {
                        self.eof()
                    } else {
                        self.invalid(start, "no root element: not a TMX file")
                    });
                }
                _ => {}
            }
        }
    }

    fn header_children(&mut self) -> Result<(), TmxError> {
        loop {
            let start = self.xml.buffer_position();
            match self.event()? {
                Ev::Start(name, attrs) if name == "prop" || name == "note" => {
                    let note = self.annotation(&name, attrs)?;
                    self.header.annotations.push(note);
                }
                Ev::Empty(name, attrs) if name == "prop" || name == "note" => {
                    self.header.annotations.push(empty_annotation(&name, attrs));
                }
                Ev::Start(name, _) => self.skip(&name, start)?,
                Ev::End(_) => return Ok(()),
                Ev::Eof => return Err(self.eof()),
                _ => {}
            }
        }
    }

    /// After `</body>`: `</tmx>` and nothing else.
    fn epilogue(&mut self) -> Result<(), TmxError> {
        let mut closed = false;
        loop {
            let start = self.xml.buffer_position();
            match self.event()? {
                Ev::End(name) if name == "tmx" && !closed => closed = true,
                Ev::Comment => {}
                Ev::Text(text) if text.trim().is_empty() => {}
                Ev::Eof if closed => return Ok(()),
                Ev::Eof => return Err(self.eof()),
                _ => return Err(self.invalid(start, "content after `</body>`")),
            }
        }
    }

    fn unit(&mut self, mut attrs: Attrs, start: u64) -> Result<Unit, TmxError> {
        self.check_dates(&mut attrs, start, "tu")?;
        normalize_tags(&mut attrs);
        let mut unit = Unit {
            attrs,
            ..Unit::default()
        };
        loop {
            let at = self.xml.buffer_position();
            match self.event()? {
                Ev::Start(name, attrs) if name == "tuv" => {
                    let variant = self.variant(attrs, at)?;
                    unit.variants.push(variant);
                }
                Ev::Empty(name, _) if name == "tuv" => {
                    return Err(self.invalid(at, "`<tuv>` has no `<seg>`"));
                }
                Ev::Start(name, attrs) if name == "prop" || name == "note" => {
                    let note = self.annotation(&name, attrs)?;
                    unit.annotations.push(note);
                }
                Ev::Empty(name, attrs) if name == "prop" || name == "note" => {
                    unit.annotations.push(empty_annotation(&name, attrs));
                }
                Ev::Start(name, _) | Ev::Empty(name, _) if is_tmx_element(&name) => {
                    return Err(self.invalid(at, format!("`<{name}>` inside `<tu>`")));
                }
                Ev::Start(name, _) => self.skip(&name, at)?,
                Ev::End(_) => break,
                Ev::Text(text) if !text.trim().is_empty() => {
                    return Err(self.invalid(at, "text in `<tu>` outside `<tuv>`"));
                }
                Ev::Eof => return Err(self.eof()),
                _ => {}
            }
        }
        if unit.variants.is_empty() {
            return Err(self.invalid(start, "`<tu>` has no `<tuv>`"));
        }
        Ok(unit)
    }

    fn variant(&mut self, mut attrs: Attrs, start: u64) -> Result<Variant, TmxError> {
        let lang = attrs
            .iter()
            .position(|(key, _)| key == "xml:lang")
            .or_else(|| attrs.iter().position(|(key, _)| key == "lang"))
            .map(|i| attrs.remove(i).1);
        let lang = match lang {
            Some(lang) if is_tag(lang.trim()) => lang,
            Some(lang) if lang.trim().is_empty() => {
                return Err(self.invalid(start, "`<tuv>` has an empty `xml:lang`"));
            }
            Some(lang) => {
                return Err(self.invalid(
                    start,
                    format!(
                        "`<tuv>` has xml:lang `{}`, which is not a language tag \
                         (BCP 47, such as en, ur, ru-RU)",
                        shorten(&lang)
                    ),
                ));
            }
            None => {
                return Err(self.invalid(
                    start,
                    "`<tuv>` has no language: `xml:lang` (or `lang` in TMX 1.1-1.3) is required",
                ));
            }
        };
        self.check_dates(&mut attrs, start, "tuv")?;
        // `en_US` (or ` en `) is stored as the tag it stands for, `en-US`.
        let lang = match crate::lang::file_tag(&lang) {
            Some(tag) if tag != lang => tag,
            _ => lang,
        };
        let mut variant = Variant {
            lang,
            attrs,
            ..Variant::default()
        };
        let mut seg = false;
        loop {
            let at = self.xml.buffer_position();
            match self.event()? {
                Ev::Start(name, _) if name == "seg" => {
                    if seg {
                        return Err(self.invalid(at, "`<tuv>` has a second `<seg>`"));
                    }
                    self.segment(&mut variant)?;
                    seg = true;
                }
                Ev::Empty(name, _) if name == "seg" => seg = true,
                Ev::Start(name, attrs) if name == "prop" || name == "note" => {
                    let note = self.annotation(&name, attrs)?;
                    variant.annotations.push(note);
                }
                Ev::Empty(name, attrs) if name == "prop" || name == "note" => {
                    variant.annotations.push(empty_annotation(&name, attrs));
                }
                Ev::Start(name, _) | Ev::Empty(name, _) if is_tmx_element(&name) => {
                    return Err(self.invalid(at, format!("`<{name}>` inside `<tuv>`")));
                }
                Ev::Start(name, _) => self.skip(&name, at)?,
                Ev::End(_) => break,
                Ev::Text(text) if !text.trim().is_empty() => {
                    return Err(self.invalid(at, "text in `<tuv>` outside `<seg>`"));
                }
                Ev::Eof => return Err(self.eof()),
                _ => {}
            }
        }
        if !seg {
            return Err(self.invalid(start, "`<tuv>` has no `<seg>`"));
        }
        Ok(variant)
    }

    /// The content of `<seg>`, up to and including `</seg>`.
    fn segment(&mut self, variant: &mut Variant) -> Result<(), TmxError> {
        let mut depth = 0usize;
        // Depth of the innermost open code element, if any.
        let mut in_code: Option<usize> = None;
        loop {
            let at = self.xml.buffer_position();
            let event = match self.xml.read_event_into(&mut self.buf) {
                Ok(event) => event,
                Err(e) => return Err(self.syntax_error(e)),
            };
            match event {
                Event::Start(e) => {
                    let name = local(&e);
                    if let Err(message) = attributes(&e) {
                        self.buf.clear();
                        return Err(self.syntax_at(at, message));
                    }
                    depth += 1;
                    if in_code.is_none() && CODES.contains(&name.as_ref()) {
                        in_code = Some(depth);
                    }
                    variant.seg.push('<');
                    variant.seg.push_str(&e);
                    variant.seg.push('>');
                }
                Event::Empty(e) => {
                    if let Err(message) = attributes(&e) {
                        self.buf.clear();
                        return Err(self.syntax_at(at, message));
                    }
                    variant.seg.push('<');
                    variant.seg.push_str(&e);
                    variant.seg.push_str("/>");
                }
                Event::End(e) => {
                    if depth == 0 {
                        self.buf.clear();
                        return Ok(());
                    }
                    if in_code == Some(depth) {
                        in_code = None;
                    }
                    depth -= 1;
                    variant.seg.push_str("</");
                    variant.seg.push_str(&e);
                    variant.seg.push('>');
                }
                Event::Text(t) => {
                    if let Err(message) = check_chars(&t) {
                        self.buf.clear();
                        return Err(self.syntax_at(at, message));
                    }
                    variant.seg.push_str(&t);
                    if in_code.is_none() {
                        variant.text.push_str(&t.xml10_content());
                    }
                }
                Event::CData(t) => {
                    variant.seg.push_str("<![CDATA[");
                    variant.seg.push_str(&t);
                    variant.seg.push_str("]]>");
                    if in_code.is_none() {
                        variant.text.push_str(&t.xml10_content());
                    }
                }
                Event::GeneralRef(r) => {
                    let resolved = crate::text::resolve_reference(&r)
                        .and_then(|c| check_chars(&c).map(|()| c));
                    let resolved = match resolved {
                        Ok(c) => c,
                        Err(message) => {
                            self.buf.clear();
                            return Err(self.syntax_at(at, message));
                        }
                    };
                    variant.seg.push('&');
                    variant.seg.push_str(&r);
                    variant.seg.push(';');
                    if in_code.is_none() {
                        variant.text.push_str(&resolved);
                    }
                }
                Event::Comment(_) | Event::PI(_) => {}
                Event::Decl(_) | Event::DocType(_) => {
                    self.buf.clear();
                    return Err(self.syntax_at(at, "a declaration inside `<seg>`"));
                }
                Event::Eof => {
                    self.buf.clear();
                    return Err(self.eof());
                }
            }
            self.buf.clear();
        }
    }

    /// The text of a `<prop>` or `<note>`.
    fn annotation(&mut self, name: &str, attrs: Attrs) -> Result<Annotation, TmxError> {
        let kind = if name == "prop" {
            AnnotationKind::Prop
        } else {
            AnnotationKind::Note
        };
        let mut text = String::new();
        loop {
            let at = self.xml.buffer_position();
            match self.event_with(true)? {
                Ev::Text(t) => text.push_str(&t),
                Ev::End(_) => break,
                Ev::Eof => return Err(self.eof()),
                Ev::Start(inner, _) | Ev::Empty(inner, _) => {
                    return Err(self.invalid(at, format!("`<{inner}>` inside `<{name}>`")));
                }
                _ => {}
            }
        }
        if let Err(message) = check_chars(&text) {
            return Err(self.syntax_at(self.xml.buffer_position(), message));
        }
        Ok(Annotation { kind, attrs, text })
    }

    /// Skips an element tarjuman does not keep (`<ude>`, unknown
    /// extensions), up to its end.
    fn skip(&mut self, name: &str, _at: u64) -> Result<(), TmxError> {
        let mut depth = 1usize;
        while depth > 0 {
            match self.event()? {
                Ev::Start(..) => depth += 1,
                Ev::End(_) => depth -= 1,
                Ev::Eof => return Err(self.eof()),
                _ => {}
            }
        }
        let _ = name;
        Ok(())
    }

    /// The next event, owned, with text resolved.
    fn event(&mut self) -> Result<Ev, TmxError> {
        self.event_with(false)
    }

    /// The next event; whitespace-only text is kept only if `want_text`.
    fn event_with(&mut self, want_text: bool) -> Result<Ev, TmxError> {
        let at = self.xml.buffer_position();
        let event = match self.xml.read_event_into(&mut self.buf) {
            Ok(event) => event,
            Err(e) => {
                self.buf.clear();
                return Err(self.syntax_error(e));
            }
        };
        let ev = match event {
            Event::Start(e) => {
                let name = local(&e);
                let attrs = attributes(&e).map_err(|m| (at, m));
                match attrs {
                    Ok(attrs) => Ev::Start(name, attrs),
                    Err((at, m)) => {
                        self.buf.clear();
                        return Err(self.syntax_at(at, m));
                    }
                }
            }
            Event::Empty(e) => {
                let name = local(&e);
                match attributes(&e) {
                    Ok(attrs) => Ev::Empty(name, attrs),
                    Err(m) => {
                        self.buf.clear();
                        return Err(self.syntax_at(at, m));
                    }
                }
            }
            Event::End(e) => Ev::End(name_of(e.trim())),
            Event::Text(t) if !want_text && t.trim_ascii().is_empty() => Ev::Text(String::new()),
            Event::Text(t) => Ev::Text(t.xml10_content().into_owned()),
            Event::CData(t) => Ev::Text(t.xml10_content().into_owned()),
            Event::GeneralRef(r) => match crate::text::resolve_reference(&r) {
                Ok(text) => Ev::Text(text),
                Err(message) => {
                    self.buf.clear();
                    return Err(self.syntax_at(at, message));
                }
            },
            Event::DocType(d) => {
                if d.contains("<!ENTITY") {
                    self.buf.clear();
                    let (line, column) = self.xml.get_ref().locate(at);
                    return Err(TmxError::Doctype {
                        path: self.path.clone(),
                        line,
                        column,
                    });
                }
                Ev::Comment
            }
            Event::Decl(_) if at > 0 => {
                self.buf.clear();
                return Err(self.syntax_at(
                    at,
                    "an XML declaration (`<?xml …?>`) can only be at the very start of the file",
                ));
            }
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => Ev::Comment,
            Event::Eof => Ev::Eof,
        };
        self.buf.clear();
        Ok(ev)
    }

    fn syntax_error(&self, e: quick_xml::Error) -> TmxError {
        match &e {
            // From the decoder: the bytes after what was read are not in
            // the file's encoding.
            quick_xml::Error::Io(io) => {
                let (line, column) = self.xml.get_ref().locate(self.xml.get_ref().consumed());
                TmxError::Encoding {
                    path: self.path.clone(),
                    line,
                    column,
                    message: io.to_string(),
                }
            }
            _ => self.syntax_at(self.xml.error_position(), e.to_string()),
        }
    }

    fn syntax_at(&self, at: u64, message: impl Into<String>) -> TmxError {
        let (line, column) = self.xml.get_ref().locate(at);
        TmxError::Syntax {
            path: self.path.clone(),
            line,
            column,
            message: message.into(),
        }
    }

    /// The dates of an element are TMX dates: which of two versions of a
    /// unit is newer is decided on them, as text. Other ISO 8601 forms
    /// (`2024-03-05T09:30:00Z`, a fraction, an offset, no zone: UTC, a date
    /// alone) are rewritten in the TMX form.
    fn check_dates(&self, attrs: &mut Attrs, at: u64, element: &str) -> Result<(), TmxError> {
        for (name, value) in attrs.iter_mut() {
            if !matches!(
                name.as_str(),
                "creationdate" | "changedate" | "lastusagedate"
            ) || crate::tm::date::is_tmx_date(value)
            {
                continue;
            }
            match crate::tm::date::iso_date(value) {
                Some(date) => *value = date,
                None => {
                    return Err(self.invalid(
                        at,
                        format!(
                            "`<{element}>` has {name} `{}`, which is not a date (TMX writes \
                             YYYYMMDDThhmmssZ, in UTC: 20240305T093000Z)",
                            shorten(value)
                        ),
                    ));
                }
            }
        }
        Ok(())
    }

    fn invalid(&self, at: u64, message: impl Into<String>) -> TmxError {
        let (line, column) = self.xml.get_ref().locate(at);
        TmxError::Invalid {
            path: self.path.clone(),
            line,
            column,
            message: message.into(),
        }
    }

    fn eof(&self) -> TmxError {
        self.syntax_at(
            self.xml.buffer_position(),
            "unexpected end of file: elements are not closed",
        )
    }
}

/// An event with what the reader needs of it, owned.
enum Ev {
    Start(Name, Attrs),
    Empty(Name, Attrs),
    End(Name),
    /// Text (empty when it was only whitespace and not asked for).
    Text(String),
    Comment,
    Eof,
}

/// `<prop/>` or `<note/>`: an annotation without text.
fn empty_annotation(name: &str, attrs: Attrs) -> Annotation {
    let kind = if name == "prop" {
        AnnotationKind::Prop
    } else {
        AnnotationKind::Note
    };
    Annotation {
        kind,
        attrs,
        text: String::new(),
    }
}

/// An element name: TMX's own without allocating.
type Name = Cow<'static, str>;

const KNOWN: [&str; 19] = [
    "tmx", "header", "body", "tu", "tuv", "seg", "prop", "note", "ude", "map", "bpt", "ept", "ph",
    "it", "hi", "sub", "ut", "g", "x",
];

fn name_of(name: &str) -> Name {
    match KNOWN.iter().find(|known| **known == name) {
        Some(known) => Cow::Borrowed(known),
        None => Cow::Owned(name.to_owned()),
    }
}

/// The element's name as written (TMX elements have no prefix).
fn local(e: &BytesStart<'_>) -> Name {
    let name = e.name();
    name_of(name.as_ref())
}

/// The language tags of `srclang` and `adminlang` as `xml:lang` is read:
/// `en_US` as `en-US`, so that the source variant is found (`*all*` and
/// anything else that is no tag stay as written).
fn normalize_tags(attrs: &mut Attrs) {
    for (name, value) in attrs.iter_mut() {
        if matches!(name.as_str(), "srclang" | "adminlang")
            && (value.contains('_') || value.trim() != value)
            && let Some(tag) = crate::lang::file_tag(value)
        {
            *value = tag;
        }
    }
}

/// Whether `lang` is a language tag, `en_US` read as `en-US` (as some
/// tools write it); without allocating for the usual tag.
fn is_tag(lang: &str) -> bool {
    if lang.contains('_') {
        crate::lang::file_tag(lang).is_some()
    } else {
        crate::lang::is_language_tag(lang)
    }
}

/// The elements of TMX 1.4b: where the reader does not expect one, it is
/// misplaced (and its content would be lost), not an extension to skip.
fn is_tmx_element(name: &str) -> bool {
    matches!(
        name,
        "tmx"
            | "header"
            | "body"
            | "tu"
            | "tuv"
            | "seg"
            | "prop"
            | "note"
            | "ude"
            | "map"
            | "bpt"
            | "ept"
            | "it"
            | "ph"
            | "hi"
            | "sub"
            | "ut"
    )
}

/// `s` for a message: at most 40 characters.
fn shorten(s: &str) -> String {
    match s.char_indices().nth(40) {
        Some((at, _)) => format!("{}…", s.get(..at).unwrap_or_default()),
        None => s.to_owned(),
    }
}

fn attributes(e: &BytesStart<'_>) -> Result<Attrs, String> {
    let mut attrs = Vec::new();
    for attr in e.attributes() {
        let attr = attr.map_err(|err| err.to_string())?;
        let key: &str = attr.key.as_ref();
        if !is_xml_name(key) {
            return Err(format!(
                "`{}` is not an XML attribute name",
                key.escape_debug()
            ));
        }
        if attr.value.contains('<') {
            return Err(format!("`<` in the value of `{key}`: write it as `&lt;`"));
        }
        let value = attr
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|err| err.to_string())?;
        check_chars(&value)?;
        attrs.push((key.to_owned(), value.into_owned()));
    }
    Ok(attrs)
}

/// An error for the first character XML 1.0 does not allow.
fn check_chars(text: &str) -> Result<(), String> {
    match crate::text::first_non_xml_char(text) {
        Some((_, c)) => Err(format!(
            "character U+{:04X} is not allowed in XML",
            u32::from(c)
        )),
        None => Ok(()),
    }
}

/// An XML 1.0 `Name` (the characters of the fifth edition, without the
/// rarely used ranges' fine print: letters and `_` or `:` first, then
/// letters, digits, `-`, `.`, `_`, `:` and U+00B7).
fn is_xml_name(name: &str) -> bool {
    let mut chars = name.chars();
    let start = |c: char| c.is_alphabetic() || c == '_' || c == ':';
    chars.next().is_some_and(start)
        && chars.all(|c| start(c) || c.is_alphanumeric() || matches!(c, '-' | '.' | '\u{B7}'))
}

/// `input` as UTF-8, its encoding sniffed; errors name `path`.
fn utf8_stream<R: Read>(input: R, path: &Path) -> Result<Utf8Stream<R>, TmxError> {
    match Utf8Stream::new(input) {
        Ok(Ok(stream)) => Ok(stream),
        Ok(Err(bad)) => Err(TmxError::Encoding {
            path: path.to_owned(),
            line: 1,
            column: bad.column,
            message: bad.message,
        }),
        Err(source) => Err(TmxError::Io {
            path: path.to_owned(),
            source,
        }),
    }
}

/// The whole text of TMX `bytes`, decoded to UTF-8 as [`Reader`] reads it
/// (the byte-order mark dropped): the text its offsets point into.
pub fn decode(bytes: &[u8], path: &Path) -> Result<String, TmxError> {
    let mut stream = utf8_stream(bytes, path)?;
    // UTF-8, the usual case: validated at once, not streamed.
    if stream.encoding() == "UTF-8" {
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        if let Ok(text) = simdutf8::basic::from_utf8(body) {
            return Ok(text.to_owned());
        }
    }
    let mut text = String::new();
    match std::io::Read::read_to_string(&mut stream, &mut text) {
        Ok(_) => Ok(text),
        // Malformed input: the reader reports where.
        Err(_) => parse(bytes, path).map(|_| text),
    }
}

/// Reads every unit of `path` (for tests and small files).
pub fn read_all(path: &Path) -> Result<(Header, Vec<Unit>), TmxError> {
    let mut reader = Reader::open(path)?;
    let mut units = Vec::new();
    while let Some(unit) = reader.next_unit()? {
        units.push(unit);
    }
    Ok((reader.header, units))
}

/// Reads every unit of TMX text given in memory; `path` names it in errors.
pub fn parse(bytes: &[u8], path: &Path) -> Result<(Header, Vec<Unit>), TmxError> {
    let mut reader = Reader::new(bytes, path)?;
    let mut units = Vec::new();
    while let Some(unit) = reader.next_unit()? {
        units.push(unit);
    }
    Ok((reader.header, units))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tm::tmx::Writer;

    const SAMPLE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en" datatype="plaintext">
    <prop type="x-client">Senate</prop>
  </header>
  <body>
    <tu tuid="u1" creationdate="20240207T101500Z" changedate="20240208T090000Z" creationid="a&#10;b&#9;c">
      <prop type="x-release">2024-02-07</prop>
      <note>checked</note><prop type="x-empty"/><note/>
      <tuv xml:lang="en-GB"><seg>Senator <bpt i="1">&lt;b&gt;</bpt>Chizhov<ept i="1">&lt;/b&gt;</ept> met <hi type="x">H.E.</hi> Khorev &amp; staff.<ph x="2"/></seg></tuv>
      <tuv xml:lang="ru"><prop type="x-q">1</prop><seg>Сенатор <bpt i="1">&lt;b&gt;</bpt>Чижов<ept i="1">&lt;/b&gt;</ept> встретился с Хоревым.</seg></tuv>
      <tuv lang="UR"><seg>سینیٹر چیژوف نے ملاقات کی۔</seg></tuv>
    </tu>
  </body>
</tmx>
"#;

    fn parse_str(text: &str) -> Result<(Header, Vec<Unit>), TmxError> {
        parse(text.as_bytes(), Path::new("m.tmx"))
    }

    fn position(err: &TmxError) -> Option<(usize, usize)> {
        match err {
            TmxError::Syntax { line, column, .. }
            | TmxError::Invalid { line, column, .. }
            | TmxError::Encoding { line, column, .. }
            | TmxError::Doctype { line, column, .. } => Some((*line, *column)),
            _ => None,
        }
    }

    #[test]
    fn reads_units_variants_markup_and_metadata() -> Result<(), TmxError> {
        let (header, units) = parse_str(SAMPLE)?;
        assert_eq!(header.srclang(), Some("en"));
        assert_eq!(header.annotations.len(), 1);
        let [unit] = units.as_slice() else {
            panic!("one unit expected, got {units:?}");
        };
        assert_eq!(unit.id(), Some("u1"));
        assert_eq!(unit.date(), Some("20240208T090000Z"));
        assert_eq!(unit.attr("creationid"), Some("a\nb\tc"));
        assert_eq!(unit.annotations.len(), 4, "empty prop and note are kept");
        let en = unit.variant("en").ok_or_else(|| panic!("no en"))?;
        assert_eq!(en.text, "Senator Chizhov met H.E. Khorev & staff.");
        assert_eq!(
            en.seg,
            "Senator <bpt i=\"1\">&lt;b&gt;</bpt>Chizhov<ept i=\"1\">&lt;/b&gt;</ept> met \
             <hi type=\"x\">H.E.</hi> Khorev &amp; staff.<ph x=\"2\"/>"
        );
        let ru = unit.variant("RU").ok_or_else(|| panic!("no ru"))?;
        assert_eq!(ru.text, "Сенатор Чижов встретился с Хоревым.");
        assert_eq!(ru.annotations.len(), 1);
        assert_eq!(unit.variant("ur").map(|v| v.lang.as_str()), Some("UR"));
        assert_eq!(
            unit.source(header.srclang()).map(|v| v.lang.as_str()),
            Some("en-GB")
        );
        Ok(())
    }

    #[test]
    fn what_is_written_reads_back_the_same() -> Result<(), Box<dyn std::error::Error>> {
        let (header, units) = parse_str(SAMPLE)?;
        let mut writer = Writer::new(Vec::new(), &header)?;
        for unit in &units {
            writer.unit(unit)?;
        }
        let bytes = writer.finish()?;
        let (header2, units2) = parse(&bytes, Path::new("out.tmx"))?;
        assert_eq!(header2, header);
        assert_eq!(units2, units);
        Ok(())
    }

    #[test]
    fn reads_utf16_with_a_bom() -> Result<(), TmxError> {
        let text = SAMPLE.replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"");
        for big_endian in [false, true] {
            let mut bytes = if big_endian {
                vec![0xFE, 0xFF]
            } else {
                vec![0xFF, 0xFE]
            };
            for unit in text.encode_utf16() {
                bytes.extend(if big_endian {
                    unit.to_be_bytes()
                } else {
                    unit.to_le_bytes()
                });
            }
            let (_, units) = parse(&bytes, Path::new("m.tmx"))?;
            assert_eq!(units, parse_str(SAMPLE)?.1);
        }
        Ok(())
    }

    #[test]
    fn a_variant_without_a_language_is_an_error_at_its_tuv() {
        let text = SAMPLE.replace("<tuv lang=\"UR\">", "<tuv>");
        let err = parse_str(&text).err();
        assert_eq!(err.as_ref().and_then(position), Some((13, 7)));
        assert!(err.is_some_and(|e| e.to_string().contains("no language")));
    }

    #[test]
    fn malformed_xml_has_a_position() {
        let text = SAMPLE.replace("</seg></tuv>\n    </tu>", "</seg></tuvv>\n    </tu>");
        let err = parse_str(&text).err();
        assert_eq!(err.as_ref().and_then(position).map(|p| p.0), Some(13));
        let err = parse_str(
            "<tmx><body><tu><tuv xml:lang=\"en\"><seg>a &nbsp; b</seg></tuv></tu></body></tmx>",
        )
        .err();
        assert!(err.is_some_and(|e| e.to_string().contains("undefined entity `&nbsp;`")));
        let err = parse_str("<tmx><body><tu>").err();
        assert!(err.is_some_and(|e| e.to_string().contains("end of file")));
        let err = parse_str("<html/>").err();
        assert!(err.is_some_and(|e| e.to_string().contains("not a TMX file")));
    }

    #[test]
    fn malformed_inline_markup_is_refused() {
        for (seg, expected) in [
            ("a <ph x=\"1\" x=\"2\"/>", "duplicat"),
            ("a &#x1; b", "not allowed in XML"),
            ("a \u{1} b", "not allowed in XML"),
            ("a <bpt i=\"1\" x=\"<\">b</bpt>", ""),
        ] {
            let text = format!(
                "<tmx><body><tu><tuv xml:lang=\"en\"><seg>{seg}</seg></tuv></tu></body></tmx>"
            );
            let err = parse_str(&text).err();
            assert!(
                err.as_ref()
                    .is_some_and(|e| e.to_string().contains(expected)),
                "{seg}: {err:?}"
            );
        }
    }

    #[test]
    fn only_characters_outside_xml_are_refused() {
        for ok in [
            "plain",
            "tab\tline\nreturn\r",
            "Сенат «Пакистана»",
            "سینیٹ کا اجلاس",
            "\u{FEFF}\u{FFFD}\u{E000}\u{10000}",
            "",
        ] {
            assert_eq!(check_chars(ok), Ok(()), "{ok:?}");
        }
        for (bad, code) in [
            ("a\u{0}b", "U+0000"),
            ("a\u{B}", "U+000B"),
            ("\u{1F}", "U+001F"),
            ("ok \u{FFFE}", "U+FFFE"),
            ("ok \u{FFFF} ok", "U+FFFF"),
            ("\u{FEFF}\u{FFFF}", "U+FFFF"),
        ] {
            let err = check_chars(bad).err();
            assert!(
                err.as_ref().is_some_and(|e| e.contains(code)),
                "{bad:?}: {err:?}"
            );
        }
    }

    #[test]
    fn entity_declarations_are_refused() {
        let text =
            "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [<!ENTITY a \"aaaa\">]>\n<tmx><body/></tmx>";
        let err = parse_str(text).err();
        assert!(
            matches!(
                err,
                Some(TmxError::Doctype {
                    line: 2,
                    column: 1,
                    ..
                })
            ),
            "{err:?}"
        );
    }

    #[test]
    fn unknown_encodings_are_refused() {
        let err = parse_str("<?xml version=\"1.0\" encoding=\"EBCDIC-X\"?><tmx/>").err();
        assert!(
            matches!(
                err,
                Some(TmxError::Encoding {
                    line: 1,
                    column: 31,
                    ..
                })
            ),
            "{err:?}"
        );
    }

    #[test]
    fn mutated_files_read_or_fail_cleanly_and_what_reads_writes_back() {
        // What the fuzz target does, on a few thousand deterministic
        // mutations of the sample: flipped, dropped and repeated bytes.
        let base = SAMPLE.as_bytes();
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut read = 0;
        let rounds: usize = std::env::var("TARJUMAN_MUTATIONS")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(3_000);
        for _ in 0..rounds {
            let mut bytes = base.to_vec();
            for _ in 0..=(next() % 3) {
                let at = (next() % bytes.len() as u64) as usize;
                match next() % 3 {
                    0 => bytes[at] = (next() % 256) as u8,
                    1 => {
                        bytes.remove(at);
                    }
                    _ => {
                        let b = bytes[at];
                        bytes.insert(at, b);
                    }
                }
            }
            let Ok((header, units)) = parse(&bytes, Path::new("m.tmx")) else {
                continue;
            };
            read += 1;
            let mut writer = Writer::new(Vec::new(), &header).expect("write");
            for unit in &units {
                writer.unit(unit).expect("write");
            }
            let written = writer.finish().expect("write");
            let again = parse(&written, Path::new("again.tmx"));
            assert!(
                again.as_ref().is_ok_and(|(_, u)| *u == units),
                "{again:?}\n{}",
                String::from_utf8_lossy(&written)
            );
        }
        assert!(read > 100, "only {read} mutations read");
    }

    #[test]
    fn dates_and_language_tags_must_be_what_they_say() {
        let unit = |tu: &str, lang: &str| {
            parse_str(&format!(
                "<tmx version=\"1.4\"><header srclang=\"en\"/><body>\n\
                 <tu {tu}><tuv xml:lang=\"en\"><seg>a</seg></tuv>\
                 <tuv xml:lang=\"{lang}\"><seg>b</seg></tuv></tu></body></tmx>"
            ))
        };
        for date in ["20240229T235960Z", "19991231T000000Z"] {
            let read = unit(&format!("changedate=\"{date}\""), "ru");
            assert!(read.is_ok(), "{date}: {read:?}");
        }
        // Other ISO 8601 forms are stored in the TMX form, in UTC.
        for (date, stored) in [
            ("2024-03-05T09:30:00Z", "20240305T093000Z"),
            ("20240305t093000z", "20240305T093000Z"),
            ("20240305T093000", "20240305T093000Z"),
            ("2024-03-05T09:30:00.123Z", "20240305T093000Z"),
            ("2024-03-05T09:30", "20240305T093000Z"),
            ("2024-03-05", "20240305T000000Z"),
            ("2024-03-01T02:30:00+05:00", "20240229T213000Z"),
            ("20231231T2300-0130", "20240101T003000Z"),
            ("2024-03-05T09:30:00+05", "20240305T043000Z"),
        ] {
            let (_, units) = unit(&format!("changedate=\"{date}\""), "ru").unwrap();
            assert_eq!(units[0].date(), Some(stored), "{date}");
        }
        // A date that is not one, which would decide as text which of two
        // versions is newer.
        for date in [
            "yesterday",
            "",
            "20241345T000000Z",
            "20230229T120000Z",
            "20240305T246000Z",
            "99999999T999999Z",
            "2024-03-05T09:30:00+25:00",
            "2024-03-05T09:30:00Z trailing",
            "2024-03-05T09:30:00.Z",
            "2024-03-05T09:30.5Z",
            "2024-03-05T09:30:00+05:",
            "2024-0305T093000Z",
            "20240305T09:3000Z",
        ] {
            let err = unit(&format!("creationdate=\"{date}\""), "ru").unwrap_err();
            assert_eq!(position(&err), Some((2, 1)), "{date}");
            assert!(err.to_string().contains("which is not a date"), "{err}");
        }
        for lang in ["en-US", "ur-Arab-PK", "en_US", "x-klingon"] {
            let read = unit("", lang);
            assert!(read.is_ok(), "{lang}: {read:?}");
        }
        // `en_US` is stored as the tag it stands for, in `srclang` too, so
        // that the source variant is still found.
        let (_, units) = unit("srclang=\"en_US\"", "ru_RU").unwrap();
        assert_eq!(units[0].variants[1].lang, "ru-RU");
        assert_eq!(units[0].attr("srclang"), Some("en-US"));
        let (header, units) = parse_str(
            "<tmx version=\"1.4\"><header srclang=\"en_US\"/><body>\n\
             <tu><tuv xml:lang=\"ru\"><seg>б</seg></tuv><tuv xml:lang=\"en_US\"><seg>a</seg></tuv></tu>\
             </body></tmx>",
        )
        .unwrap();
        assert_eq!(header.srclang(), Some("en-US"));
        assert_eq!(
            units[0].source(header.srclang()).map(|v| v.text.as_str()),
            Some("a")
        );
        for lang in ["x-", "123", "ру", "en US", "toolongsubtag"] {
            let err = unit("", lang).unwrap_err();
            assert_eq!(position(&err), Some((2, 43)), "{lang}");
            assert!(err.to_string().contains("not a language tag"), "{err}");
        }
    }

    #[test]
    fn misplaced_elements_and_a_missing_end_are_errors() {
        let head = "<tmx version=\"1.4\"><header srclang=\"en\"/><body>\n";
        let tuv = "<tuv xml:lang=\"en\"><seg>a</seg></tuv>";
        for (body, column, message) in [
            (
                format!("<tu>{tuv}<tu>{tuv}</tu></tu>"),
                42,
                "`<tu>` inside `<tu>`",
            ),
            (
                format!("<tu>{tuv}<seg>b</seg></tu>"),
                42,
                "`<seg>` inside `<tu>`",
            ),
            (
                "<tu><tuv xml:lang=\"en\"><seg>a</seg><tuv/></tuv></tu>".to_owned(),
                36,
                "`<tuv>` inside `<tuv>`",
            ),
        ] {
            let err = parse_str(&format!("{head}{body}</body></tmx>")).unwrap_err();
            assert_eq!(position(&err), Some((2, column)), "{body}");
            assert!(err.to_string().contains(message), "{err}");
        }
        // Elements of no TMX version are skipped, as extensions.
        let read = parse_str(&format!(
            "{head}<tu>{tuv}<x-tool>y</x-tool></tu></body></tmx>"
        ));
        assert!(read.is_ok_and(|(_, units)| units.len() == 1));
        let err = parse_str(&format!("{head}<tu>{tuv}</tu></body>\n")).unwrap_err();
        assert!(err.to_string().contains("unexpected end of file"), "{err}");
        let decl = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
        assert!(parse_str(&format!("{decl}\n{head}</body></tmx>")).is_ok());
        for text in [
            format!("{decl}{decl}\n{head}</body></tmx>"),
            format!("\n{decl}\n{head}</body></tmx>"),
        ] {
            let err = parse_str(&text).unwrap_err();
            assert!(
                err.to_string().contains("only be at the very start"),
                "{err}"
            );
        }
    }

    #[test]
    fn invalid_utf8_is_an_error() {
        let mut bytes = b"<tmx><body><tu><tuv xml:lang=\"en\"><seg>a".to_vec();
        bytes.extend([0xFF, 0xFE]);
        bytes.extend(b"</seg></tuv></tu></body></tmx>");
        let err = parse(&bytes, Path::new("m.tmx")).err();
        assert!(
            matches!(
                err,
                Some(TmxError::Encoding {
                    line: 1,
                    column: 41,
                    ..
                })
            ),
            "{err:?}"
        );
        // In UTF-16, a lone surrogate far into the file is found where it is.
        let mut text = String::from("<tmx><body>\n");
        for i in 0..3000 {
            text.push_str(&format!(
                "<tu><tuv xml:lang=\"en\"><seg>unit {i}</seg></tuv></tu>\n"
            ));
        }
        let mut bytes = vec![0xFF, 0xFE];
        for unit in text.encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        bytes.extend([0x00, 0xD8]); // a high surrogate with nothing after it
        bytes.extend("x</body></tmx>".encode_utf16().flat_map(u16::to_le_bytes));
        let err = parse(&bytes, Path::new("m.tmx")).err();
        assert!(
            matches!(
                err,
                Some(TmxError::Encoding {
                    line: 3002,
                    column: 1,
                    ..
                })
            ),
            "{err:?}"
        );
    }
}
