//! Writing XLIFF 1.2 (strict) and 2.0/2.1 (core, with the matches and
//! glossary modules), one unit at a time.
//!
//! Both versions get the same content: a unit per paragraph, a segment per
//! sentence, the text between sentences kept (1.2: outside the `mrk`s of
//! `seg-source`; 2.x: `<ignorable>`), matches and glossary entries beside
//! the segments they are for. Output is deterministic: the same document
//! gives the same bytes.

use std::io::Write;

use super::XliffError;
use super::model::{
    AltMatch, Code, CodeKind, Content, Document, File, GlossEntry, Inline, Part, Segment, State,
    Unit,
};
use crate::text::{first_non_xml_char, push_xml_attr_escaped as attr, push_xml_escaped as text};

const NS_1_2: &str = "urn:oasis:names:tc:xliff:document:1.2";
const NS_2: &str = "urn:oasis:names:tc:xliff:document:2.0";
const NS_MTC: &str = "urn:oasis:names:tc:xliff:matches:2.0";
const NS_GLS: &str = "urn:oasis:names:tc:xliff:glossary:2.0";

/// What the writer says about itself.
#[derive(Debug, Clone)]
pub struct WriteOptions {
    pub tool_name: String,
    pub tool_version: String,
}

impl Default for WriteOptions {
    fn default() -> Self {
        WriteOptions {
            tool_name: "tarjuman".into(),
            tool_version: env!("CARGO_PKG_VERSION").into(),
        }
    }
}

/// Writes `doc` as XLIFF of its version. Text that XML cannot hold (a
/// control character) is an error before anything is written for its unit.
pub fn write<W: Write>(
    doc: &Document,
    options: &WriteOptions,
    mut out: W,
) -> Result<W, XliffError> {
    let io = |e: std::io::Error| XliffError::Unwritable {
        message: format!("cannot write the XLIFF: {e}"),
    };
    let mut buf = String::with_capacity(64 * 1024);
    buf.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    if doc.version.is_2() {
        open_2(&mut buf, doc);
    } else {
        open_1_2(&mut buf);
    }
    for (n, file) in doc.files.iter().enumerate() {
        if doc.version.is_2() {
            file_2(&mut buf, file, n);
        } else {
            file_1_2(&mut buf, doc, file, options);
        }
        for unit in &file.units {
            check_unit(unit)?;
            if doc.version.is_2() {
                unit_2(&mut buf, unit);
            } else {
                unit_1_2(&mut buf, doc, unit);
            }
            if buf.len() > 48 * 1024 {
                out.write_all(buf.as_bytes()).map_err(io)?;
                buf.clear();
            }
        }
        buf.push_str(if doc.version.is_2() {
            " </file>\n"
        } else {
            "  </body>\n </file>\n"
        });
    }
    buf.push_str("</xliff>\n");
    out.write_all(buf.as_bytes()).map_err(io)?;
    Ok(out)
}

/// Refuses a unit holding characters XML 1.0 cannot hold.
fn check_unit(unit: &Unit) -> Result<(), XliffError> {
    let bad = |content: &Content| {
        content.0.iter().find_map(|inline| match inline {
            Inline::Text(t) => first_non_xml_char(t).map(|(_, c)| c),
            Inline::Code(code) => first_non_xml_char(code.data.as_deref()?).map(|(_, c)| c),
        })
    };
    for part in &unit.parts {
        let (id, source, target) = match part {
            Part::Segment(s) => (s.id.as_str(), &s.source, s.target.as_ref()),
            Part::Ignorable { source, target } => ("", source, target.as_ref()),
        };
        if let Some(c) = bad(source).or_else(|| target.and_then(bad)) {
            return Err(XliffError::Unwritable {
                message: format!(
                    "unit {} segment {id}: the character U+{:04X} cannot be written in XML",
                    unit.id, c as u32
                ),
            });
        }
    }
    Ok(())
}

fn open_1_2(buf: &mut String) {
    buf.push_str("<xliff version=\"1.2\" xmlns=\"");
    buf.push_str(NS_1_2);
    buf.push_str("\">\n");
}

fn file_1_2(buf: &mut String, doc: &Document, file: &File, options: &WriteOptions) {
    buf.push_str(" <file original=\"");
    attr(buf, &file.original);
    buf.push_str("\" source-language=\"");
    attr(buf, &doc.source_lang);
    buf.push('"');
    if let Some(target) = &doc.target_lang {
        buf.push_str(" target-language=\"");
        attr(buf, target);
        buf.push('"');
    }
    buf.push_str(" datatype=\"");
    attr(buf, file.datatype.as_deref().unwrap_or("plaintext"));
    buf.push_str("\">\n  <header>\n   <tool tool-id=\"");
    attr(buf, &options.tool_name);
    buf.push_str("\" tool-name=\"");
    attr(buf, &options.tool_name);
    buf.push_str("\" tool-version=\"");
    attr(buf, &options.tool_version);
    buf.push_str("\"/>\n  </header>\n  <body>\n");
}

/// The 1.2 `state` for a unit whose least advanced segment is `state`.
fn state_1_2(state: State) -> &'static str {
    match state {
        State::Initial => "needs-translation",
        State::NeedsReview => "needs-review-translation",
        State::Translated => "translated",
        State::Reviewed => "signed-off",
        State::Final => "final",
    }
}

fn unit_1_2(buf: &mut String, doc: &Document, unit: &Unit) {
    buf.push_str("   <trans-unit id=\"");
    attr(buf, &unit.id);
    buf.push('"');
    optional_attr(buf, "restype", unit.kind.as_deref());
    optional_attr(buf, "resname", unit.name.as_deref());
    if !unit.translate {
        buf.push_str(" translate=\"no\"");
    }
    buf.push_str(" xml:space=\"preserve\">\n    <source>");
    for part in &unit.parts {
        match part {
            Part::Segment(s) => content_1_2(buf, &s.source),
            Part::Ignorable { source, .. } => content_1_2(buf, source),
        }
    }
    buf.push_str("</source>\n    <seg-source>");
    for part in &unit.parts {
        match part {
            Part::Segment(s) => mrk_1_2(buf, &s.id, &s.source),
            Part::Ignorable { source, .. } => content_1_2(buf, source),
        }
    }
    buf.push_str("</seg-source>\n");
    if unit.segments().any(|s| s.target.is_some()) {
        target_1_2(buf, doc, unit);
    }
    for m in &unit.matches {
        alt_trans(buf, doc, m);
    }
    for entry in &unit.terms {
        buf.push_str("    <note from=\"glossary\" annotates=\"source\">");
        text(buf, &glossary_note(entry));
        buf.push_str("</note>\n");
    }
    for note in &unit.notes {
        buf.push_str("    <note");
        optional_attr(buf, "from", note.from.as_deref());
        buf.push('>');
        text(buf, &note.text);
        buf.push_str("</note>\n");
    }
    buf.push_str("   </trans-unit>\n");
}

/// The unit's `<target>`: a `mrk` per segment (empty where a segment has no
/// translation), the state of the least advanced segment, and a qualifier
/// that all segments share (else `leveraged-tm` if any has one).
fn target_1_2(buf: &mut String, doc: &Document, unit: &Unit) {
    let state = unit.segments().map(|s| s.state).min().unwrap_or_default();
    let mut qualifiers = unit.segments().map(|s| s.qualifier.as_deref());
    let first = qualifiers.next().flatten();
    let qualifier = if qualifiers.all(|q| q == first) {
        first
    } else if unit.segments().any(|s| s.qualifier.is_some()) {
        Some("leveraged-tm")
    } else {
        None
    };
    buf.push_str("    <target");
    optional_attr(buf, "xml:lang", doc.target_lang.as_deref());
    buf.push_str(" state=\"");
    buf.push_str(state_1_2(state));
    buf.push('"');
    optional_attr(buf, "state-qualifier", qualifier);
    buf.push('>');
    for part in &unit.parts {
        match part {
            Part::Segment(s) => {
                mrk_1_2(buf, &s.id, s.target.as_ref().unwrap_or(&Content::default()))
            }
            Part::Ignorable { source, target } => {
                content_1_2(buf, target.as_ref().unwrap_or(source))
            }
        }
    }
    buf.push_str("</target>\n");
}

fn mrk_1_2(buf: &mut String, mid: &str, content: &Content) {
    buf.push_str("<mrk mtype=\"seg\" mid=\"");
    attr(buf, mid);
    buf.push_str("\">");
    content_1_2(buf, content);
    buf.push_str("</mrk>");
}

fn alt_trans(buf: &mut String, doc: &Document, m: &AltMatch) {
    buf.push_str("    <alt-trans mid=\"");
    attr(buf, &m.segment);
    buf.push('"');
    if let Some(q) = m.quality {
        buf.push_str(" match-quality=\"");
        buf.push_str(&format_quality(q));
        buf.push('"');
    }
    optional_attr(buf, "origin", m.origin.as_deref());
    buf.push_str(">\n     <source xml:lang=\"");
    attr(buf, &doc.source_lang);
    buf.push_str("\">");
    content_1_2(buf, &m.source);
    buf.push_str("</source>\n     <target");
    optional_attr(buf, "xml:lang", doc.target_lang.as_deref());
    buf.push('>');
    content_1_2(buf, &m.target);
    buf.push_str("</target>\n    </alt-trans>\n");
}

/// Content with 1.2 inline elements.
fn content_1_2(buf: &mut String, content: &Content) {
    for inline in &content.0 {
        match inline {
            Inline::Text(t) => text(buf, t),
            Inline::Code(code) => code_1_2(buf, code),
        }
    }
}

fn code_1_2(buf: &mut String, code: &Code) {
    // Native data travels in `ph`/`bpt`/`ept`; codes without it as the
    // empty `x`/`bx`/`ex`.
    let (element, with_data) = match (code.kind, &code.data) {
        (CodeKind::Standalone, Some(_)) => ("ph", true),
        (CodeKind::Open, Some(_)) => ("bpt", true),
        (CodeKind::Close, Some(_)) => ("ept", true),
        (CodeKind::Standalone, None) => ("x", false),
        (CodeKind::Open, None) => ("bx", false),
        (CodeKind::Close, None) => ("ex", false),
    };
    buf.push('<');
    buf.push_str(element);
    buf.push_str(if element == "ex" || element == "ept" {
        " rid=\""
    } else {
        " id=\""
    });
    attr(buf, &code.id);
    buf.push('"');
    if element == "bx" || element == "bpt" {
        buf.push_str(" rid=\"");
        attr(buf, &code.id);
        buf.push('"');
    }
    match (&code.data, with_data) {
        (Some(data), true) => {
            buf.push('>');
            text(buf, data);
            buf.push_str("</");
            buf.push_str(element);
            buf.push('>');
        }
        _ => buf.push_str("/>"),
    }
}

fn open_2(buf: &mut String, doc: &Document) {
    buf.push_str("<xliff xmlns=\"");
    buf.push_str(NS_2);
    buf.push_str("\" xmlns:mtc=\"");
    buf.push_str(NS_MTC);
    buf.push_str("\" xmlns:gls=\"");
    buf.push_str(NS_GLS);
    buf.push_str("\" version=\"");
    buf.push_str(doc.version.as_str());
    buf.push_str("\" srcLang=\"");
    attr(buf, &doc.source_lang);
    buf.push('"');
    optional_attr(buf, "trgLang", doc.target_lang.as_deref());
    buf.push_str(">\n");
}

fn file_2(buf: &mut String, file: &File, n: usize) {
    buf.push_str(" <file id=\"");
    if file.id.is_empty() {
        buf.push_str(&format!("f{}", n + 1));
    } else {
        attr(buf, &file.id);
    }
    buf.push_str("\" original=\"");
    attr(buf, &file.original);
    buf.push_str("\">\n");
}

/// The 2.x `state` of a segment. 2.x has no "needs review": a pre-fill
/// to review stays `initial` (its `subState` says where it came from), so
/// that it is not taken for a confirmed translation.
fn state_2(state: State) -> &'static str {
    match state {
        State::Initial | State::NeedsReview => "initial",
        State::Translated => "translated",
        State::Reviewed => "reviewed",
        State::Final => "final",
    }
}

fn unit_2(buf: &mut String, unit: &Unit) {
    buf.push_str("  <unit id=\"");
    attr(buf, &unit.id);
    buf.push('"');
    optional_attr(buf, "name", unit.name.as_deref());
    optional_attr(buf, "type", unit.kind.as_deref());
    if !unit.translate {
        buf.push_str(" translate=\"no\"");
    }
    buf.push_str(" xml:space=\"preserve\">\n");
    if !unit.matches.is_empty() {
        buf.push_str("   <mtc:matches>\n");
        for m in &unit.matches {
            match_2(buf, m);
        }
        buf.push_str("   </mtc:matches>\n");
    }
    if !unit.terms.is_empty() {
        buf.push_str("   <gls:glossary>\n");
        for entry in &unit.terms {
            gloss_entry(buf, entry);
        }
        buf.push_str("   </gls:glossary>\n");
    }
    if !unit.notes.is_empty() {
        buf.push_str("   <notes>\n");
        for note in &unit.notes {
            buf.push_str("    <note");
            optional_attr(buf, "category", note.from.as_deref());
            buf.push('>');
            text(buf, &note.text);
            buf.push_str("</note>\n");
        }
        buf.push_str("   </notes>\n");
    }
    for part in &unit.parts {
        match part {
            Part::Segment(s) => segment_2(buf, s),
            Part::Ignorable { source, target } => {
                buf.push_str("   <ignorable>");
                source_target_2(buf, source, target.as_ref());
                buf.push_str("</ignorable>\n");
            }
        }
    }
    buf.push_str("  </unit>\n");
}

fn segment_2(buf: &mut String, s: &Segment) {
    buf.push_str("   <segment id=\"");
    attr(buf, &s.id);
    buf.push('"');
    // A state past `initial` needs a target (a Schematron rule of 2.x).
    let state = if s.target.is_some() {
        s.state
    } else {
        State::Initial
    };
    buf.push_str(" state=\"");
    buf.push_str(state_2(state));
    buf.push('"');
    if s.target.is_some()
        && let Some(q) = &s.qualifier
    {
        buf.push_str(" subState=\"tj:");
        attr(buf, q);
        buf.push('"');
    }
    buf.push('>');
    source_target_2(buf, &s.source, s.target.as_ref());
    buf.push_str("</segment>\n");
}

/// A 2.x `<source>`, and `<target>` if there is one.
fn source_target_2(buf: &mut String, source: &Content, target: Option<&Content>) {
    buf.push_str("<source>");
    content_2(buf, source);
    buf.push_str("</source>");
    if let Some(target) = target {
        buf.push_str("<target>");
        content_2(buf, target);
        buf.push_str("</target>");
    }
}

fn match_2(buf: &mut String, m: &AltMatch) {
    buf.push_str("    <mtc:match ref=\"#");
    attr(buf, &m.segment);
    buf.push('"');
    if let Some(q) = m.quality {
        // matchQuality is a decimal from 0 to 100: an in-context 101 is
        // 100 here, and `similarity` says the same.
        let q = format_quality(q.min(100.0));
        buf.push_str(" matchQuality=\"");
        buf.push_str(&q);
        buf.push_str("\" similarity=\"");
        buf.push_str(&q);
        buf.push('"');
    }
    optional_attr(buf, "origin", m.origin.as_deref());
    buf.push_str(" type=\"tm\">\n     <source>");
    content_2(buf, &m.source);
    buf.push_str("</source>\n     <target>");
    content_2(buf, &m.target);
    buf.push_str("</target>\n    </mtc:match>\n");
}

fn gloss_entry(buf: &mut String, entry: &GlossEntry) {
    buf.push_str("    <gls:glossEntry ref=\"#");
    attr(buf, &entry.segment);
    buf.push_str("\">\n     <gls:term");
    optional_attr(buf, "source", entry.origin.as_deref());
    buf.push('>');
    text(buf, &entry.term);
    buf.push_str("</gls:term>\n");
    for (translation, _) in &entry.translations {
        buf.push_str("     <gls:translation");
        optional_attr(buf, "source", entry.origin.as_deref());
        buf.push('>');
        text(buf, translation);
        buf.push_str("</gls:translation>\n");
    }
    let note = glossary_status(entry);
    if !note.is_empty() {
        buf.push_str("     <gls:definition>");
        text(buf, &note);
        buf.push_str("</gls:definition>\n");
    }
    buf.push_str("    </gls:glossEntry>\n");
}

/// Content with 2.x inline elements (codes without original data).
fn content_2(buf: &mut String, content: &Content) {
    for inline in &content.0 {
        match inline {
            Inline::Text(t) => text(buf, t),
            Inline::Code(code) => {
                let (element, id) = match code.kind {
                    CodeKind::Standalone => ("ph", "id"),
                    CodeKind::Open => ("sc", "id"),
                    CodeKind::Close => ("ec", "startRef"),
                };
                buf.push('<');
                buf.push_str(element);
                buf.push(' ');
                buf.push_str(id);
                buf.push_str("=\"");
                attr(buf, &code.id);
                buf.push_str("\"/>");
            }
        }
    }
}

/// The 1.2 glossary note: the term, its translations with their status,
/// and the concept's note.
fn glossary_note(entry: &GlossEntry) -> String {
    let translations: Vec<String> = entry
        .translations
        .iter()
        .map(|(t, status)| {
            if status.is_empty() {
                t.clone()
            } else {
                format!("{t} ({status})")
            }
        })
        .collect();
    let mut note = format!("{} = {}", entry.term, translations.join("; "));
    if let Some(extra) = &entry.note {
        note.push_str(". ");
        note.push_str(extra);
    }
    note
}

/// The statuses of a 2.x entry's translations, and its note: 2.x has no
/// status attribute, so they go in the definition.
fn glossary_status(entry: &GlossEntry) -> String {
    let mut parts: Vec<String> = entry
        .translations
        .iter()
        .filter(|(_, status)| !status.is_empty() && status != "preferred")
        .map(|(t, status)| format!("{t}: {status}"))
        .collect();
    parts.extend(entry.note.clone());
    parts.join(". ")
}

fn optional_attr(buf: &mut String, name: &str, value: Option<&str>) {
    if let Some(value) = value {
        buf.push(' ');
        buf.push_str(name);
        buf.push_str("=\"");
        attr(buf, value);
        buf.push('"');
    }
}

/// A match percentage without needless decimals (`87`, `87.5`).
fn format_quality(q: f64) -> String {
    let rounded = (q * 100.0).round() / 100.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xliff::Version;

    fn doc(version: Version) -> Document {
        let segment = |id: &str, source: &str, target: Option<&str>, state| Segment {
            id: id.into(),
            source: Content::text(source),
            target: target.map(Content::text),
            state,
            qualifier: target.map(|_| "exact-match".to_owned()),
            line: 0,
            column: 0,
            ..Segment::default()
        };
        Document {
            version,
            source_lang: "en".into(),
            target_lang: Some("ru".into()),
            files: vec![File {
                id: String::new(),
                original: "release.en.txt".into(),
                datatype: None,
                units: vec![Unit {
                    id: "p-1".into(),
                    kind: Some(if version.is_2() {
                        "tj:paragraph".into()
                    } else {
                        "x-paragraph".into()
                    }),
                    translate: true,
                    parts: vec![
                        Part::Segment(segment(
                            "1",
                            "Senator Chizhov & <Khorev>.",
                            Some("Сенатор Чижов и Хорев."),
                            State::NeedsReview,
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
        }
    }

    fn written(doc: &Document) -> String {
        let out = write(doc, &WriteOptions::default(), Vec::new()).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn xliff_1_2_has_source_seg_source_target_and_alt_trans() {
        let xml = written(&doc(Version::V1_2));
        assert!(xml.contains("<source>Senator Chizhov &amp; &lt;Khorev&gt;. They met.</source>"));
        assert!(xml.contains(
            "<seg-source><mrk mtype=\"seg\" mid=\"1\">Senator Chizhov &amp; &lt;Khorev&gt;.</mrk> \
             <mrk mtype=\"seg\" mid=\"2\">They met.</mrk></seg-source>"
        ));
        assert!(xml.contains(
            "<target xml:lang=\"ru\" state=\"needs-translation\" state-qualifier=\"leveraged-tm\">\
             <mrk mtype=\"seg\" mid=\"1\">Сенатор Чижов и Хорев.</mrk> <mrk mtype=\"seg\" mid=\"2\"></mrk></target>"
        ), "{xml}");
        assert!(xml.contains("<alt-trans mid=\"2\" match-quality=\"87.5\" origin=\"tmx/a.tmx\">"));
    }

    #[test]
    fn xliff_2_has_segments_ignorables_and_matches() {
        let xml = written(&doc(Version::V2_1));
        assert!(xml.contains("version=\"2.1\" srcLang=\"en\" trgLang=\"ru\""));
        assert!(xml.contains(
            "<segment id=\"1\" state=\"initial\" subState=\"tj:exact-match\"><source>Senator Chizhov &amp; &lt;Khorev&gt;.</source><target>Сенатор Чижов и Хорев.</target></segment>"
        ), "{xml}");
        assert!(xml.contains("<ignorable><source> </source></ignorable>"));
        assert!(
            xml.contains(
                "<segment id=\"2\" state=\"initial\"><source>They met.</source></segment>"
            )
        );
        assert!(xml.contains("<mtc:match ref=\"#2\" matchQuality=\"87.5\""));
    }

    #[test]
    fn control_characters_are_refused() {
        let mut d = doc(Version::V1_2);
        if let Some(Part::Segment(s)) = d.files[0].units[0].parts.first_mut() {
            s.source = Content::text("bell \u{7}");
        }
        let err = write(&d, &WriteOptions::default(), Vec::new()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "unit p-1 segment 1: the character U+0007 cannot be written in XML"
        );
    }

    #[test]
    fn qualities_print_short() {
        assert_eq!(format_quality(87.0), "87");
        assert_eq!(format_quality(87.456), "87.46");
        assert_eq!(format_quality(101.0), "101");
    }
}
