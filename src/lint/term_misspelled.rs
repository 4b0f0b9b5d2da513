//! `term-misspelled`: a name in the release that is not a glossary term
//! but is a small edit away from one.
//!
//! ## Why
//!
//! A misspelt name (`Vladmir Chizhov`, `Mushahid Husain`) is not
//! recognized, so no other check sees it, and translators copy it.
//!
//! ## Fires
//!
//! On a run of capitalized words (or a part of one, two words or more)
//! that is not a term but whose words are each within reach of the words
//! of a multi-word term of the release's language with as many words
//! (preferred or admitted): `Mushahid Husain` → `Mushahid Hussain`. On a
//! lone capitalized word of five letters or more within reach of a
//! single-word name (a one-word term that is not a title, or a word of a
//! person's name): `Chizov` → `Chizhov`, `Владмиром` → `Владимиром`.
//! Reach is 0 edits for words under five letters, 1 for 5–8, 2 for longer.
//! The suggestion and the fix (unsafe) are the term or word.
//!
//! ## Does not fire
//!
//! On recognized terms (a forbidden spelling is `term-forbidden` only), on
//! words that are glossary words themselves (`Sayed`), on acronyms, on
//! inflections and derivations of a name (`Senators`, `Pakistani`), on
//! capitalized words that also occur in lower case in the release (a
//! sentence-initial `Trade`), and on scripts without capitals (Urdu).
//!
//! ## Default severity
//!
//! Warning.

use super::{Context, Finding, Sink};
use crate::report::{Applicability, Fix, RuleInfo, Severity};

pub const RULE: RuleInfo = RuleInfo {
    id: "term-misspelled",
    default_severity: Severity::Warning,
    summary: "a name a small edit away from a glossary term",
    help: "spell the name as the glossary does",
};

pub(crate) fn check(cx: &Context<'_>, sink: &mut Sink<'_>) {
    for m in &cx.misspellings {
        let used = cx.slice(&m.span);
        sink.push(Finding {
            span: m.span.clone(),
            unit: cx.concept_id(m.concept),
            message: format!(
                "`{used}` is not in the glossary: did you mean `{}`?",
                m.suggestion
            ),
            suggestion: Some(m.suggestion.clone()),
            fix: Some(Fix {
                replacement: m.suggestion.clone(),
                applicability: Applicability::Unsafe,
            }),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::lint;
    use crate::lang::Lang;

    fn flagged(lang: Lang, text: &str) -> Vec<(String, String)> {
        lint(lang, text, "term-misspelled")
            .into_iter()
            .map(|(t, s, _)| (t, s.unwrap_or_default()))
            .collect()
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_owned(), b.to_owned())
    }

    #[test]
    fn fires_on_a_misspelt_multi_word_name() {
        assert_eq!(
            flagged(Lang::En, "He met Senator Mushahid Husain in Islamabad."),
            [pair("Mushahid Husain", "Mushahid Hussain")]
        );
    }

    #[test]
    fn fires_on_a_misspelt_single_name() {
        assert_eq!(
            flagged(Lang::En, "The talks with Chizov went well."),
            [pair("Chizov", "Chizhov")]
        );
    }

    #[test]
    fn fires_on_a_cyrillic_case_form() {
        assert_eq!(
            flagged(Lang::Ru, "Встреча с Владмиром Чижовым прошла в Исламабаде."),
            [pair("Владмиром", "Владимиром")]
        );
    }

    #[test]
    fn does_not_fire_on_terms_forms_or_ordinary_words() {
        let text = "Both Senators met Senator Sayed. Trade and trade ties with Pakistani \
                    firms grew. Senator Vladmir Chizhov came.";
        assert!(
            flagged(Lang::En, text).is_empty(),
            "{:?}",
            flagged(Lang::En, text)
        );
        let ru = "Сенатор Владимир Чижов встретился с Мушахидом Хусейном Сайедом.";
        assert!(
            flagged(Lang::Ru, ru).is_empty(),
            "{:?}",
            flagged(Lang::Ru, ru)
        );
    }
}
