//! Translation units as TMX has them: a unit holds one variant per
//! language, each with its segment, and both carry attributes, properties
//! and notes that tarjuman keeps so that it writes them back unchanged.

use serde::{Deserialize, Serialize};

/// An element's attributes, in document order, with unescaped values.
pub type Attrs = Vec<(String, String)>;

/// A `<prop>` or `<note>`, in the order the file had them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    pub kind: AnnotationKind,
    /// Its attributes (`type`, `xml:lang`, `o-encoding`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attrs: Attrs,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AnnotationKind {
    Prop,
    Note,
}

impl AnnotationKind {
    /// The element name.
    pub fn element(self) -> &'static str {
        match self {
            AnnotationKind::Prop => "prop",
            AnnotationKind::Note => "note",
        }
    }
}

impl Annotation {
    /// The `type` of a property.
    pub fn prop_type(&self) -> Option<&str> {
        (self.kind == AnnotationKind::Prop)
            .then(|| attr(&self.attrs, "type"))
            .flatten()
    }
}

/// The value of attribute `name`.
pub fn attr<'a>(attrs: &'a Attrs, name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.as_str())
}

/// The TMX `<header>`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub attrs: Attrs,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub annotations: Vec<Annotation>,
}

impl Header {
    /// The header of a TMX file tarjuman writes: itself as the tool,
    /// sentence segments of plain text from `srclang`.
    pub fn tarjuman(srclang: &str) -> Header {
        let attr = |k: &str, v: &str| (k.to_owned(), v.to_owned());
        Header {
            attrs: vec![
                attr("creationtool", "tarjuman"),
                attr("creationtoolversion", env!("CARGO_PKG_VERSION")),
                attr("datatype", "plaintext"),
                attr("segtype", "sentence"),
                attr("adminlang", "en"),
                attr("srclang", srclang),
                attr("o-tmf", "tarjuman"),
            ],
            annotations: Vec::new(),
        }
    }

    /// The source language (`srclang`); `*all*` means any variant may be
    /// the source.
    pub fn srclang(&self) -> Option<&str> {
        attr(&self.attrs, "srclang")
    }
}

/// A translation unit (`<tu>`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Unit {
    /// Attributes of `<tu>` in order: `tuid`, `creationdate`, `changedate`,
    /// `srclang`, ….
    pub attrs: Attrs,
    pub annotations: Vec<Annotation>,
    pub variants: Vec<Variant>,
}

/// A unit's text in one language (`<tuv>`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Variant {
    /// The language tag as the file wrote it (`xml:lang`, or `lang` in TMX
    /// 1.1–1.3).
    pub lang: String,
    /// The other attributes, in order.
    pub attrs: Attrs,
    pub annotations: Vec<Annotation>,
    /// The content of `<seg>` as XML, inline markup included, exactly as
    /// it is written back.
    pub seg: String,
    /// The segment's text: the content without inline codes (`bpt`, `ept`,
    /// `ph`, `it`, `ut` and what they hold), entities resolved.
    pub text: String,
}

impl Variant {
    /// A variant of plain text (no inline markup): `seg` is `text`
    /// escaped.
    pub fn plain(lang: &str, text: &str) -> Variant {
        let mut seg = String::with_capacity(text.len());
        crate::text::push_xml_escaped(&mut seg, text);
        Variant {
            lang: lang.to_owned(),
            seg,
            text: text.to_owned(),
            ..Variant::default()
        }
    }
}

impl Unit {
    pub fn attr(&self, name: &str) -> Option<&str> {
        attr(&self.attrs, name)
    }

    /// `tuid`.
    pub fn id(&self) -> Option<&str> {
        self.attr("tuid")
    }

    /// The date that decides which of two versions of a unit is newer:
    /// `changedate`, else `creationdate` (TMX form `YYYYMMDDThhmmssZ`, which
    /// sorts as text).
    pub fn date(&self) -> Option<&str> {
        self.attr("changedate")
            .or_else(|| self.attr("creationdate"))
    }

    /// The variant in the unit's source language: `srclang` of the unit,
    /// else of the file (`header`), else, for `*all*` or none, the first.
    pub fn source<'a>(&'a self, header_srclang: Option<&str>) -> Option<&'a Variant> {
        self.variants.get(self.source_index(header_srclang)?)
    }

    /// Where [`Unit::source`] is among the variants.
    pub fn source_index(&self, header_srclang: Option<&str>) -> Option<usize> {
        let srclang = self
            .attr("srclang")
            .or(header_srclang)
            .filter(|lang| *lang != "*all*");
        srclang
            .and_then(|lang| {
                self.variants
                    .iter()
                    .position(|v| lang_matches(&v.lang, lang))
            })
            .or_else(|| (!self.variants.is_empty()).then_some(0))
    }

    /// The first variant whose language matches `query` (see
    /// [`lang_matches`]).
    pub fn variant(&self, query: &str) -> Option<&Variant> {
        self.variants.iter().find(|v| lang_matches(&v.lang, query))
    }
}

/// Whether the language tag `tag` answers a query for `query`: tags are
/// compared case-insensitively (BCP 47); a query without a region (`en`)
/// matches every region (`en-US`, `en-GB`), a query with one only that
/// one.
pub fn lang_matches(tag: &str, query: &str) -> bool {
    let tag = tag.trim();
    let query = query.trim();
    if tag.eq_ignore_ascii_case(query) {
        return true;
    }
    // `en` matches `en-US` and `en_US` (an old spelling some tools write).
    tag.len() > query.len()
        && tag
            .get(..query.len())
            .is_some_and(|prefix| prefix.eq_ignore_ascii_case(query))
        && matches!(tag.as_bytes().get(query.len()), Some(b'-' | b'_'))
}

pub use crate::lang::primary_subtag;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags_match_case_insensitively_and_by_prefix() {
        assert!(lang_matches("en-US", "en"));
        assert!(lang_matches("EN-us", "en-US"));
        assert!(lang_matches("ru_RU", "ru"));
        assert!(lang_matches("ur", "UR"));
        assert!(
            !lang_matches("en", "en-US"),
            "a region asked for is required"
        );
        assert!(!lang_matches("eng", "en"));
        assert!(!lang_matches("en-GB", "en-US"));
        assert_eq!(primary_subtag("EN-us"), "en");
    }

    #[test]
    fn the_source_variant_follows_srclang() {
        let variant = |lang: &str| Variant {
            lang: lang.into(),
            ..Variant::default()
        };
        let unit = Unit {
            variants: vec![variant("ru-RU"), variant("en-GB")],
            ..Unit::default()
        };
        assert_eq!(
            unit.source(Some("en")).map(|v| v.lang.as_str()),
            Some("en-GB")
        );
        assert_eq!(
            unit.source(Some("*all*")).map(|v| v.lang.as_str()),
            Some("ru-RU")
        );
        assert_eq!(unit.source(None).map(|v| v.lang.as_str()), Some("ru-RU"));
    }
}
