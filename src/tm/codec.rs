//! How a unit's contents are stored in its row: the variants in one blob,
//! and the attributes and annotations ("extra") of the unit and of each
//! variant in a compact binary form.
//!
//! Extra, as tarjuman writes it: a format byte
//! ([`BINARY`]), the attributes (a count, then each name and value), then
//! the annotations (a count, then each kind, attributes and text). Names
//! TMX defines are one byte ([`NAMES`]); counts and lengths are varints.
//! Stores written earlier hold JSON (`{"attrs":…,"notes":…}`), which is
//! still read: JSON always starts with `{`, the binary form never does. No
//! attributes and no annotations is the empty string in both.

use super::index::{push_varint, read_varint};
use super::model::{Annotation, AnnotationKind, Attrs, Variant};

/// The first byte of extra in the binary form.
const BINARY: u8 = 1;

/// Attribute names written as one byte: their position plus one (0: the
/// name follows in full). The order is part of the format: append only.
const NAMES: [&str; 17] = [
    "tuid",
    "creationdate",
    "changedate",
    "creationid",
    "changeid",
    "srclang",
    "usagecount",
    "lastusagedate",
    "creationtool",
    "creationtoolversion",
    "datatype",
    "segtype",
    "adminlang",
    "o-tmf",
    "o-encoding",
    "type",
    "xml:lang",
];

/// A unit's or variant's attributes and annotations.
#[derive(serde::Deserialize, Default, Debug, PartialEq, Eq)]
pub(crate) struct Extra {
    #[serde(default)]
    pub attrs: Attrs,
    #[serde(default)]
    pub notes: Vec<Annotation>,
}

/// Appends `attrs` and `notes` in the binary form; nothing when both are
/// empty.
pub(crate) fn encode_extra(attrs: &Attrs, notes: &[Annotation], out: &mut Vec<u8>) {
    if attrs.is_empty() && notes.is_empty() {
        return;
    }
    out.push(BINARY);
    encode_attrs(attrs, out);
    push_varint(out, notes.len() as u64);
    for note in notes {
        out.push(match note.kind {
            AnnotationKind::Prop => 0,
            AnnotationKind::Note => 1,
        });
        encode_attrs(&note.attrs, out);
        push_str(out, &note.text);
    }
}

fn encode_attrs(attrs: &Attrs, out: &mut Vec<u8>) {
    push_varint(out, attrs.len() as u64);
    for (name, value) in attrs {
        match NAMES.iter().position(|known| known == name) {
            Some(at) => out.push(at as u8 + 1),
            None => {
                out.push(0);
                push_str(out, name);
            }
        }
        push_str(out, value);
    }
}

fn push_str(out: &mut Vec<u8>, s: &str) {
    push_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// Reads what [`encode_extra`] wrote, or the JSON of earlier stores;
/// nothing if it is damaged.
pub(crate) fn decode_extra(bytes: &[u8]) -> Extra {
    match bytes.first() {
        None => Extra::default(),
        Some(b'{') => serde_json::from_slice(bytes).unwrap_or_default(),
        Some(&BINARY) => decode_binary(bytes.get(1..).unwrap_or_default()).unwrap_or_default(),
        Some(_) => Extra::default(),
    }
}

fn decode_binary(bytes: &[u8]) -> Option<Extra> {
    let mut at = 0;
    let attrs = decode_attrs(bytes, &mut at)?;
    let count = read_varint(bytes, &mut at)?;
    let mut notes = Vec::new();
    for _ in 0..count {
        let kind = match bytes.get(at)? {
            0 => AnnotationKind::Prop,
            1 => AnnotationKind::Note,
            _ => return None,
        };
        at += 1;
        let attrs = decode_attrs(bytes, &mut at)?;
        let text = read_str(bytes, &mut at)?;
        notes.push(Annotation { kind, attrs, text });
    }
    (at == bytes.len()).then_some(Extra { attrs, notes })
}

fn decode_attrs(bytes: &[u8], at: &mut usize) -> Option<Attrs> {
    let count = read_varint(bytes, at)?;
    // Each attribute takes at least two bytes: a count beyond that is
    // damage, not a reason to reserve memory.
    let mut attrs = Vec::with_capacity(usize::try_from(count).ok()?.min(bytes.len() / 2));
    for _ in 0..count {
        let code = *bytes.get(*at)?;
        *at += 1;
        let name = match code {
            0 => read_str(bytes, at)?,
            code => (*NAMES.get(usize::from(code) - 1)?).to_owned(),
        };
        attrs.push((name, read_str(bytes, at)?));
    }
    Some(attrs)
}

fn read_str(bytes: &[u8], at: &mut usize) -> Option<String> {
    let len = usize::try_from(read_varint(bytes, at)?).ok()?;
    let s = bytes.get(*at..at.checked_add(len)?)?;
    *at += len;
    String::from_utf8(s.to_vec()).ok()
}

/// Encodes variants into one blob: for each, the language, the segment's
/// XML, its text and its extra, each a varint length and its bytes; the
/// text's length is stored plus one, and 0 means "the same as the XML"
/// (most segments have no markup).
pub(crate) fn encode_variants(variants: &[Variant], out: &mut Vec<u8>) {
    // The texts' size, reserved at once: a huge segment then takes its
    // size, not up to twice as much by doubling.
    let texts: usize = variants
        .iter()
        .map(|v| v.seg.len() + if v.text == v.seg { 0 } else { v.text.len() })
        .sum();
    out.reserve(texts + 16 * variants.len());
    let mut extra = Vec::new();
    for v in variants {
        push_str(out, &v.lang);
        push_str(out, &v.seg);
        if v.text == v.seg {
            out.push(0);
        } else {
            push_varint(out, v.text.len() as u64 + 1);
            out.extend_from_slice(v.text.as_bytes());
        }
        extra.clear();
        encode_extra(&v.attrs, &v.annotations, &mut extra);
        push_varint(out, extra.len() as u64);
        out.extend_from_slice(&extra);
    }
}

/// One variant of a blob of [`encode_variants`], its parts in place.
struct RawVariant<'a> {
    lang: &'a [u8],
    seg: &'a [u8],
    /// `None`: the same as `seg`.
    text: Option<&'a [u8]>,
    extra: &'a [u8],
}

/// The variant at `at` in `blob`, and `at` moved past it; `None` if the
/// blob is cut short.
fn raw_variant<'a>(blob: &'a [u8], at: &mut usize) -> Option<RawVariant<'a>> {
    let part = |at: &mut usize, len: u64| -> Option<&'a [u8]> {
        let len = usize::try_from(len).ok()?;
        let bytes = blob.get(*at..at.checked_add(len)?)?;
        *at += len;
        Some(bytes)
    };
    let len = read_varint(blob, at)?;
    let lang = part(at, len)?;
    let len = read_varint(blob, at)?;
    let seg = part(at, len)?;
    let text = match read_varint(blob, at)? {
        0 => None,
        len => Some(part(at, len - 1)?),
    };
    let len = read_varint(blob, at)?;
    let extra = part(at, len)?;
    Some(RawVariant {
        lang,
        seg,
        text,
        extra,
    })
}

/// Decodes what [`encode_variants`] wrote; `None` if the blob is damaged.
pub(crate) fn decode_variants(blob: &[u8]) -> Option<Vec<Variant>> {
    let owned = |bytes: &[u8]| std::str::from_utf8(bytes).ok().map(str::to_owned);
    let mut at = 0;
    let mut variants = Vec::new();
    while at < blob.len() {
        let raw = raw_variant(blob, &mut at)?;
        let seg = owned(raw.seg)?;
        let text = match raw.text {
            Some(text) => owned(text)?,
            None => seg.clone(),
        };
        let extra = decode_extra(raw.extra);
        variants.push(Variant {
            lang: owned(raw.lang)?,
            text,
            seg,
            attrs: extra.attrs,
            annotations: extra.notes,
        });
    }
    Some(variants)
}

/// The language and text of the `n`-th variant in a blob of
/// [`encode_variants`], read in place: what concordance checks a candidate
/// on before decoding the whole unit. `None` if there is no such variant
/// or the blob is damaged.
pub(crate) fn variant_text(blob: &[u8], n: usize) -> Option<(&str, &str)> {
    let mut at = 0;
    for _ in 0..n {
        raw_variant(blob, &mut at)?;
    }
    let raw = raw_variant(blob, &mut at)?;
    let text = raw.text.unwrap_or(raw.seg);
    Some((
        std::str::from_utf8(raw.lang).ok()?,
        std::str::from_utf8(text).ok()?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attrs(pairs: &[(&str, &str)]) -> Attrs {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn sample() -> Extra {
        Extra {
            attrs: attrs(&[
                ("tuid", "pr-0006"),
                ("creationdate", "20240305T101500Z"),
                ("x-client", "سینیٹ"),
                ("changeid", ""),
            ]),
            notes: vec![
                Annotation {
                    kind: AnnotationKind::Prop,
                    attrs: attrs(&[("type", "x-domain")]),
                    text: "дипломатия".into(),
                },
                Annotation {
                    kind: AnnotationKind::Note,
                    attrs: Vec::new(),
                    text: String::new(),
                },
            ],
        }
    }

    #[test]
    fn extra_round_trips_and_is_smaller_than_json() {
        let extra = sample();
        let mut bytes = Vec::new();
        encode_extra(&extra.attrs, &extra.notes, &mut bytes);
        assert_eq!(decode_extra(&bytes), extra);
        let json = r#"{"attrs":[["tuid","pr-0006"],["creationdate","20240305T101500Z"],["x-client","سینیٹ"],["changeid",""]],"notes":[{"kind":"prop","attrs":[["type","x-domain"]],"text":"дипломатия"},{"kind":"note","text":""}]}"#;
        assert!(bytes.len() * 2 < json.len(), "{} bytes", bytes.len());
        // Nothing to keep is nothing written.
        let mut empty = Vec::new();
        encode_extra(&Vec::new(), &[], &mut empty);
        assert!(empty.is_empty());
        assert_eq!(decode_extra(&empty), Extra::default());
    }

    #[test]
    fn the_json_of_earlier_stores_still_reads() {
        let json = r#"{"attrs":[["tuid","pr-0006"],["creationdate","20240305T101500Z"],["x-client","سینیٹ"],["changeid",""]],"notes":[{"kind":"prop","attrs":[["type","x-domain"]],"text":"дипломатия"},{"kind":"note","text":""}]}"#;
        assert_eq!(decode_extra(json.as_bytes()), sample());
    }

    #[test]
    fn a_blob_of_earlier_stores_with_json_extras_reads() {
        let json = r#"{"attrs":[["creationid","x"]],"notes":[{"kind":"note","text":"checked"}]}"#;
        let mut blob = Vec::new();
        for field in ["en-GB", "a &amp; b"] {
            push_str(&mut blob, field);
        }
        push_varint(&mut blob, "a & b".len() as u64 + 1);
        blob.extend_from_slice(b"a & b");
        push_str(&mut blob, json);
        let variants = decode_variants(&blob).unwrap();
        assert_eq!(variants.len(), 1);
        assert_eq!(variants[0].text, "a & b");
        assert_eq!(variants[0].attrs, attrs(&[("creationid", "x")]));
        assert_eq!(variants[0].annotations[0].text, "checked");
    }

    #[test]
    fn damaged_extra_reads_as_none() {
        let extra = sample();
        let mut bytes = Vec::new();
        encode_extra(&extra.attrs, &extra.notes, &mut bytes);
        for cut in 1..bytes.len() {
            assert_eq!(
                decode_extra(bytes.get(..cut).unwrap_or_default()),
                Extra::default()
            );
        }
        // An unknown name code, and a count far beyond the bytes.
        assert_eq!(decode_extra(&[BINARY, 1, 99, 0, 0]), Extra::default());
        assert_eq!(
            decode_extra(&[BINARY, 0xFF, 0xFF, 0xFF, 0x0F]),
            Extra::default()
        );
    }

    #[test]
    fn variants_round_trip_through_the_blob() {
        let variants = vec![
            Variant {
                lang: "en-GB".into(),
                attrs: attrs(&[("creationid", "x"), ("o-encoding", "utf-8")]),
                annotations: vec![Annotation {
                    kind: AnnotationKind::Note,
                    attrs: Vec::new(),
                    text: "checked".into(),
                }],
                seg: "a &amp; <ph/>b".into(),
                text: "a & b".into(),
            },
            Variant {
                lang: "ur".into(),
                attrs: Vec::new(),
                annotations: Vec::new(),
                seg: "سینیٹر".into(),
                text: "سینیٹر".into(),
            },
            Variant {
                lang: "ru".into(),
                attrs: Vec::new(),
                annotations: Vec::new(),
                seg: "<ph x=\"1\">&lt;br/&gt;</ph>".into(),
                text: String::new(),
            },
        ];
        let mut blob = Vec::new();
        encode_variants(&variants, &mut blob);
        assert_eq!(decode_variants(&blob), Some(variants.clone()));
        assert_eq!(decode_variants(&blob[..blob.len() - 1]), None);
        // Read in place, each variant is what decoding gives.
        for (n, v) in variants.iter().enumerate() {
            assert_eq!(
                variant_text(&blob, n),
                Some((v.lang.as_str(), v.text.as_str()))
            );
        }
        assert_eq!(variant_text(&blob, 3), None);
        for cut in 0..blob.len() {
            // A cut blob never panics, and reads nothing past its end.
            if let Some((_, text)) = variant_text(&blob[..cut], 2) {
                assert!(text.is_empty());
            }
        }
    }
}
