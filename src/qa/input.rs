//! XLIFF and TMX files as the pairs `check` looks at.
//!
//! - XLIFF (1.2 and 2.x): a pair per segment of each translatable unit,
//!   the file's source language to its target language.
//! - TMX: a pair per variant of each unit other than the source variant
//!   (the unit's `srclang`, else the header's, else the first variant),
//!   source to that variant: every language pair of a multilingual unit
//!   against the source.
//!
//! The file's whole text becomes the report's [`Source`], so that findings
//! point into it. A file that cannot be read or parsed is a `parse-error`
//! and adds no pairs.

use std::path::Path;

use super::locate::{self, Piece};
use super::{Options, parse_error};
use crate::lang::Lang;
use crate::report::{Report, Source};
use crate::tm::tmx;
use crate::xliff::{self, CodeKind, Content, Inline, Part, State};

/// A source text and its translation, from one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    /// Index of the file in the report's sources.
    pub file: usize,
    /// The unit (`p1a2b3c4`; `p1a2b3c4/2` for a segment of a unit with
    /// several; a TMX `tuid`, else `tu 12`, its 1-based number).
    pub unit: String,
    pub source: Text,
    pub target: Option<Text>,
    /// The target language (the file's, also when `target` is missing).
    pub target_lang: String,
    /// Whether the translator left the segment as it was (XLIFF state
    /// `new`, `needs-translation`, 2.x `initial`, or none).
    pub initial: bool,
    /// From the memory, read for comparison only: `inconsistent-target`
    /// and `inconsistent-source` compare the job with it, and no finding
    /// is ever about it.
    pub reference: bool,
}

impl Pair {
    /// Where in the file a finding about the pair as a whole points: the
    /// target's element, else the source's.
    pub fn anchor(&self) -> usize {
        self.target
            .as_ref()
            .and_then(|t| t.at)
            .or(self.source.at)
            .unwrap_or(0)
    }
}

/// One side of a pair.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Text {
    /// The language tag as the file has it.
    pub lang: String,
    /// The text without inline codes, entities resolved.
    pub text: String,
    /// The inline codes, in order, with where they stand in `text`.
    pub codes: Vec<TextCode>,
    /// Byte offset in the file of the start tag that holds the text.
    pub at: Option<usize>,
    /// Whether `codes` are the text's inline codes: false where they could
    /// not be recovered (a TMX `<seg>` whose markup was not found again),
    /// so that no rule takes their absence for missing codes.
    pub codes_known: bool,
}

impl Text {
    /// Plain text, not from a file.
    pub fn plain(lang: &str, text: &str) -> Text {
        Text {
            lang: lang.to_owned(),
            text: text.to_owned(),
            codes: Vec::new(),
            at: None,
            codes_known: true,
        }
    }

    /// A language tarjuman has rules for, by primary subtag.
    pub fn language(&self) -> Option<Lang> {
        self.lang.parse().ok()
    }

    fn from_content(lang: &str, content: &Content, at: Option<usize>) -> Text {
        let mut text = String::new();
        let mut codes = Vec::new();
        for inline in &content.0 {
            match inline {
                Inline::Text(t) => text.push_str(t),
                Inline::Code(code) => codes.push(TextCode {
                    at: text.len(),
                    kind: code.kind,
                    element: code.element.clone(),
                    id: code.id.clone(),
                }),
            }
        }
        Text {
            lang: lang.to_owned(),
            text,
            codes,
            at,
            codes_known: true,
        }
    }
}

/// An inline code (a tag of the original's formatting) in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextCode {
    /// Byte offset in the text where it stands.
    pub at: usize,
    pub kind: CodeKind,
    /// The element (`g`, `x`, `ph`, `bpt`, `pc`, …).
    pub element: String,
    /// Its id (`id`, TMX `i` or `x`), to pair it with the other side's.
    pub id: String,
}

/// What a file holds, from its first element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Xliff,
    Tmx,
}

fn kind_of(text: &str, path: &Path) -> Option<Kind> {
    // The root element, past the declaration, comments and DOCTYPE.
    let mut rest = text;
    while let Some(i) = rest.find('<') {
        rest = rest.get(i..).unwrap_or_default();
        let skip = if rest.starts_with("<!--") {
            rest.find("-->").map(|e| e + 3)
        } else if rest.starts_with("<?") {
            rest.find("?>").map(|e| e + 2)
        } else if rest.starts_with("<!") {
            // DOCTYPE, with an internal subset perhaps.
            match (rest.find('['), rest.find('>')) {
                (Some(open), Some(close)) if open < close => rest.find("]>").map(|e| e + 2),
                (_, close) => close.map(|e| e + 1),
            }
        } else {
            let name: String = rest
                .chars()
                .skip(1)
                .take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/')
                .collect();
            let local = name.rsplit(':').next().unwrap_or_default();
            return match local {
                "xliff" => Some(Kind::Xliff),
                "tmx" => Some(Kind::Tmx),
                _ => None,
            };
        };
        // An unclosed comment or declaration: the readers will say where.
        let Some(skip) = skip else { break };
        rest = rest.get(skip..).unwrap_or_default();
    }
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    match extension.as_str() {
        "tmx" => Some(Kind::Tmx),
        "xlf" | "xliff" | "sdlxliff" | "mqxliff" => Some(Kind::Xliff),
        _ => None,
    }
}

/// Reads `path` into `report` (as a source) and `pairs`.
pub(super) fn load(path: &Path, options: &Options, report: &mut Report, pairs: &mut Vec<Pair>) {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            let file = report.add_source(Source::new(path.to_owned(), String::new()));
            let message = format!("cannot read: {e}");
            parse_error::report(report, file, options, None, message);
            return;
        }
    };
    // Sniff the first bytes as UTF-8, else the text as the XLIFF reader
    // decodes it (UTF-16 with or without a BOM, a declared encoding); the
    // readers report bad encodings.
    let head = String::from_utf8_lossy(bytes.get(..4096.min(bytes.len())).unwrap_or_default());
    let kind = kind_of(&head, path).or_else(|| {
        let text = xliff::decode(&bytes, path).ok()?;
        kind_of(text.get(..4096.min(text.len())).unwrap_or(&text), path)
    });
    let before = pairs.len();
    let result = match kind {
        Some(Kind::Xliff) => load_xliff(&bytes, path, report, pairs),
        Some(Kind::Tmx) => load_tmx(&bytes, path, report, pairs),
        None => {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            report.add_source(Source::new(path.to_owned(), text));
            Err((
                None,
                "neither XLIFF nor TMX (the root element is not <xliff> or <tmx>)".to_owned(),
            ))
        }
    };
    if let Err((position, message)) = result {
        pairs.truncate(before);
        let file = report.sources.len().saturating_sub(1);
        parse_error::report(report, file, options, position, message);
    }
}

/// The text of a file that could not be decoded, to show where it
/// stopped: UTF-8 with each bad byte as U+FFFD (a character, as the
/// readers count columns); nothing for UTF-16, which would show garbage.
fn undecoded(bytes: &[u8]) -> String {
    match bytes {
        [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..] | [b'<', 0, ..] | [0, b'<', ..] => String::new(),
        _ => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// Where a reader stopped, and why.
type Failure = (Option<(usize, usize)>, String);

fn load_xliff(
    bytes: &[u8],
    path: &Path,
    report: &mut Report,
    pairs: &mut Vec<Pair>,
) -> Result<(), Failure> {
    let text = match xliff::decode(bytes, path) {
        Ok(text) => text,
        Err(e) => {
            report.add_source(Source::new(path.to_owned(), undecoded(bytes)));
            return Err(xliff_failure(&e));
        }
    };
    let text = match text.strip_prefix('\u{FEFF}') {
        Some(rest) => rest.to_owned(),
        None => text,
    };
    let file = report.add_source(Source::new(path.to_owned(), text));
    let text = report
        .sources
        .get(file)
        .map_or("", |source| source.text.as_str());
    let document = xliff::parse_text(text, path).map_err(|e| xliff_failure(&e))?;
    let source_lang = document.source_lang.as_str();
    let target_lang = document.target_lang.as_deref().unwrap_or_default();
    for unit in document.files.iter().flat_map(|f| &f.units) {
        if !unit.translate {
            continue;
        }
        let several = unit.segments().nth(1).is_some();
        for part in &unit.parts {
            let Part::Segment(segment) = part else {
                continue;
            };
            let id = if several {
                format!("{}/{}", unit.id, segment.id)
            } else {
                unit.id.clone()
            };
            pairs.push(Pair {
                file,
                unit: id,
                source: Text::from_content(source_lang, &segment.source, Some(segment.source_at)),
                target: segment
                    .target
                    .as_ref()
                    .map(|t| Text::from_content(target_lang, t, segment.target_at)),
                target_lang: target_lang.to_owned(),
                initial: segment.state == State::Initial,
                reference: false,
            });
        }
    }
    Ok(())
}

fn xliff_failure(error: &xliff::XliffError) -> Failure {
    match error {
        xliff::XliffError::Syntax {
            line,
            column,
            message,
            ..
        } => (Some((*line, *column)), format!("malformed XML: {message}")),
        xliff::XliffError::Invalid {
            line,
            column,
            message,
            ..
        } => (Some((*line, *column)), message.clone()),
        xliff::XliffError::Io { source, .. } => (None, format!("cannot read: {source}")),
        xliff::XliffError::Unwritable { message } => (None, message.clone()),
    }
}

fn load_tmx(
    bytes: &[u8],
    path: &Path,
    report: &mut Report,
    pairs: &mut Vec<Pair>,
) -> Result<(), Failure> {
    let (text, failure) = match tmx::decode(bytes, path) {
        Ok(text) => (text, None),
        Err(e) => (undecoded(bytes), Some(tmx_failure(&e))),
    };
    let file = report.add_source(Source::new(path.to_owned(), text));
    if let Some(failure) = failure {
        return Err(failure);
    }
    let text = report
        .sources
        .get(file)
        .map_or("", |source| source.text.as_str());
    let mut reader = tmx::Reader::new(bytes, path).map_err(|e| tmx_failure(&e))?;
    let header_srclang = reader.header().srclang().map(str::to_owned);
    let mut number = 0usize;
    while let Some(unit) = reader.next_unit().map_err(|e| tmx_failure(&e))? {
        number += 1;
        let segs = seg_offsets(text, reader.unit_offset(), unit.variants.len());
        let Some(source) = unit.source(header_srclang.as_deref()) else {
            continue;
        };
        let texts: Vec<Text> = unit
            .variants
            .iter()
            .zip(segs)
            .map(|(variant, at)| tmx_text(text, &variant.lang, &variant.text, at))
            .collect();
        let Some(source_index) = unit.variants.iter().position(|v| std::ptr::eq(v, source)) else {
            continue;
        };
        let Some(source_text) = texts.get(source_index) else {
            continue;
        };
        let id = unit
            .attrs
            .iter()
            .find(|(name, _)| name == "tuid")
            .map_or_else(|| format!("tu {number}"), |(_, id)| id.clone());
        for (k, target) in texts.iter().enumerate() {
            if k == source_index || same_lang(&target.lang, &source_text.lang) {
                continue;
            }
            pairs.push(Pair {
                file,
                unit: id.clone(),
                source: source_text.clone(),
                target: Some(target.clone()),
                target_lang: target.lang.clone(),
                initial: false,
                reference: false,
            });
        }
    }
    Ok(())
}

fn same_lang(a: &str, b: &str) -> bool {
    crate::lang::primary(a).eq_ignore_ascii_case(crate::lang::primary(b))
}

/// The offsets of the first `count` `<seg>` start tags after `from`
/// (comments and CDATA sections skipped).
fn seg_offsets(text: &str, from: usize, count: usize) -> Vec<Option<usize>> {
    let mut out = Vec::with_capacity(count);
    let mut i = from;
    while out.len() < count {
        let Some(found) = text.get(i..).and_then(|rest| rest.find('<')) else {
            break;
        };
        let at = i + found;
        let rest = text.get(at..).unwrap_or_default();
        let skip = if rest.starts_with("<!--") {
            rest.find("-->").map(|e| e + 3)
        } else if rest.starts_with("<![CDATA[") {
            rest.find("]]>").map(|e| e + 3)
        } else {
            Some(1)
        };
        let Some(skip) = skip else { break };
        i = at + skip;
        let is_seg = rest.strip_prefix("<seg").is_some_and(|after| {
            after
                .chars()
                .next()
                .is_some_and(|c| c == '>' || c == '/' || c.is_whitespace())
        });
        if is_seg {
            out.push(Some(at));
        }
    }
    out.resize(count, None);
    out
}

/// A TMX variant's text with its inline codes, read again from the file
/// where its `<seg>` is (the reader keeps codes as markup).
fn tmx_text(file: &str, lang: &str, plain: &str, at: Option<usize>) -> Text {
    let mut text = Text::plain(lang, plain);
    let Some(at) = at else {
        text.codes_known = false;
        return text;
    };
    text.at = Some(at);
    let mut len = 0;
    let mut codes = Vec::new();
    locate::walk(file, at, |piece| {
        match piece {
            Piece::Char(c, _) => len += c.len_utf8(),
            Piece::Tag { name, kind, tag } => {
                if name == "hi" || name == "sub" {
                    return true;
                }
                let id = locate::attr(tag, "i")
                    .or_else(|| locate::attr(tag, "x"))
                    .unwrap_or_default();
                let kind = match name {
                    "bpt" => CodeKind::Open,
                    "ept" => CodeKind::Close,
                    _ if kind == CodeKind::Close => return true,
                    _ => CodeKind::Standalone,
                };
                codes.push(TextCode {
                    at: len,
                    kind,
                    element: name.to_owned(),
                    id: id.to_owned(),
                });
            }
        }
        true
    });
    // Positions only if the walk read the text the reader did.
    if len == plain.len() {
        text.codes = codes;
    } else {
        text.at = None;
        text.codes_known = false;
    }
    text
}

fn tmx_failure(error: &tmx::TmxError) -> Failure {
    let message = match error {
        tmx::TmxError::Syntax { message, .. } => format!("malformed XML: {message}"),
        tmx::TmxError::Invalid { message, .. } | tmx::TmxError::Encoding { message, .. } => {
            message.clone()
        }
        other => other.to_string(),
    };
    let position = match error {
        tmx::TmxError::Syntax { line, column, .. }
        | tmx::TmxError::Invalid { line, column, .. }
        | tmx::TmxError::Encoding { line, column, .. }
        | tmx::TmxError::Doctype { line, column, .. } => Some((*line, *column)),
        _ => None,
    };
    (position, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seg_offsets_skip_look_alikes() {
        let text = "<tu><tuv><segment/><seg>a</seg></tuv><!-- <tuv><seg>old</seg></tuv> --><tuv><seg x='1'>b</seg></tuv></tu>";
        let found = seg_offsets(text, 0, 3);
        assert_eq!(found.len(), 3);
        assert_eq!(&text[found[0].unwrap()..][..5], "<seg>");
        assert_eq!(&text[found[1].unwrap()..][..6], "<seg x");
        assert_eq!(found[2], None);
    }

    #[test]
    fn tmx_codes_are_known_only_where_the_seg_was_read_again() {
        let file = r#"<seg>Senator <ph x="1">&lt;br/&gt;</ph>Chizhov</seg>"#;
        let text = tmx_text(file, "en", "Senator Chizhov", Some(0));
        assert!(text.codes_known);
        assert_eq!(text.codes.len(), 1);
        // The reader's text and the file's disagree: codes unknown.
        let text = tmx_text(file, "en", "Senator Chizhov arrived", Some(0));
        assert!(!text.codes_known && text.codes.is_empty());
        assert!(!tmx_text(file, "en", "Senator Chizhov", None).codes_known);
    }

    #[test]
    fn the_root_element_decides() {
        let xliff = "<?xml version=\"1.0\"?>\n<!-- c -->\n<xliff version=\"1.2\">";
        assert_eq!(kind_of(xliff, Path::new("a.txt")), Some(Kind::Xliff));
        assert_eq!(
            kind_of("<tmx version=\"1.4\">", Path::new("a.xlf")),
            Some(Kind::Tmx)
        );
        assert_eq!(kind_of("<html>", Path::new("a.xlf")), None);
        assert_eq!(kind_of("", Path::new("a.tmx")), Some(Kind::Tmx));
        let commented = "<?xml version=\"1.0\"?><!-- a <tuv> or <xliff> --><!DOCTYPE tmx [<!ENTITY a \"b\">]><tmx>";
        assert_eq!(kind_of(commented, Path::new("a.xlf")), Some(Kind::Tmx));
    }
}
