//! Languages tarjuman knows, parsed from BCP 47 tags.
//!
//! Only the primary subtag decides the language (`en-US` is English); the
//! comparison is case-insensitive as BCP 47 requires.

use std::fmt;
use std::str::FromStr;

/// A language with built-in rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    En,
    Ur,
    Ru,
}

impl Lang {
    /// Every supported language, in the order help texts list them.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Ur, Lang::Ru];

    /// The BCP 47 primary subtag.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ur => "ur",
            Lang::Ru => "ru",
        }
    }

    /// The English name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ur => "Urdu",
            Lang::Ru => "Russian",
        }
    }

    /// The supported codes as `en, ur, ru`, for error messages.
    pub fn supported_list() -> String {
        Lang::ALL.map(Lang::code).join(", ")
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A tag whose primary language tarjuman has no rules for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unsupported language `{tag}`: supported languages are {}",
    Lang::supported_list()
)]
pub struct UnknownLang {
    pub tag: String,
}

/// The primary language subtag of `tag` as written: `EN` for `EN-us`
/// (`_` is taken for `-`, as some tools write `ru_RU`).
pub fn primary(tag: &str) -> &str {
    tag.trim().split(['-', '_']).next().unwrap_or_default()
}

/// The primary language subtag of `tag`, lower-cased: `en` for `EN-us`.
pub fn primary_subtag(tag: &str) -> String {
    primary(tag).to_ascii_lowercase()
}

/// Whether `tag` has the shape of a language tag (the XML Schema
/// `language` type, which BCP 47 tags have):
/// `[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*`.
pub fn is_language_tag(tag: &str) -> bool {
    tag.split('-').enumerate().all(|(n, part)| {
        (1..=8).contains(&part.len())
            && part.chars().all(|c| {
                if n == 0 {
                    c.is_ascii_alphabetic()
                } else {
                    c.is_ascii_alphanumeric()
                }
            })
    })
}

/// A language tag as files write it, to read as a BCP 47 one: trimmed,
/// with `_` for `-` as some tools write it (`en_US`, Java's locales);
/// `None` if it is not a language tag even so.
pub fn file_tag(tag: &str) -> Option<String> {
    let tag = tag.trim().replace('_', "-");
    is_language_tag(&tag).then_some(tag)
}

impl FromStr for Lang {
    type Err = UnknownLang;

    fn from_str(tag: &str) -> Result<Self, Self::Err> {
        let primary = primary(tag);
        Lang::ALL
            .into_iter()
            .find(|lang| primary.eq_ignore_ascii_case(lang.code()))
            .ok_or_else(|| UnknownLang {
                tag: tag.to_owned(),
            })
    }
}

impl<'de> serde::Deserialize<'de> for Lang {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let tag = String::deserialize(deserializer)?;
        tag.parse().map_err(serde::de::Error::custom)
    }
}

impl serde::Serialize for Lang {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_primary_subtag_case_insensitively() {
        assert_eq!("en".parse::<Lang>(), Ok(Lang::En));
        assert_eq!("EN-us".parse::<Lang>(), Ok(Lang::En));
        assert_eq!("ru_RU".parse::<Lang>(), Ok(Lang::Ru));
        assert_eq!("ur-Arab-PK".parse::<Lang>(), Ok(Lang::Ur));
    }

    #[test]
    fn unknown_tag_lists_supported_languages() {
        let err = "de".parse::<Lang>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unsupported language `de`: supported languages are en, ur, ru"
        );
        assert!("".parse::<Lang>().is_err());
        assert!("urd".parse::<Lang>().is_err());
    }
}
