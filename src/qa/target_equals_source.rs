//! `target-equals-source`: a target identical to its source.
//!
//! ## What it does
//! Compares each target with its source, ignoring case, invisible
//! characters and how the whitespace is laid out, and reports a target that
//! is the same text, unless what the segment says needs no translation:
//! - numbers, punctuation and symbols (`10:30`, `2024`, `—`);
//! - URLs, e-mail addresses and codes (words with a digit: `A-12`,
//!   `ISBN 978-3-16`);
//! - glossary terms that the target language writes the same way (a term
//!   whose glossary entry lists the same text for the target language).
//!
//! Only identity is reported: a target in the wrong script that is not a
//! copy (an English sentence reworded in a Russian file) is not this rule's
//! business. A source and target in the same language are not compared.
//!
//! ## Why
//! A copied source is the most common way an untranslated segment gets
//! past a CAT tool: the translator copies the source to the target to keep
//! the tags, confirms the segment, and forgets it. The file looks complete
//! and the release goes out in English.
//!
//! ## Fires
//! ```text
//! en: Senator Chizhov visited Islamabad.
//! ru: Senator Chizhov visited Islamabad.
//! ur: senator chizhov visited  Islamabad.     (case and spaces do not count)
//! ```
//!
//! ## Does not fire
//! ```text
//! 10:30 — 12:00
//! https://senate.gov.pk/en/news
//! press@mid.ru
//! No. 5/2024-A
//! a term the glossary writes the same in the target language
//! ```
//!
//! ## Default severity
//! warning: a copy is nearly always a mistake, but a title, a brand or a
//! quotation is sometimes left as it is on purpose.

use super::{Finding, PairContext, Side, Sink};
use crate::glossary::same_language;
use crate::report::{RuleInfo, Severity};
use crate::text::normalize::is_invisible;

pub const RULE: RuleInfo = RuleInfo {
    id: "target-equals-source",
    default_severity: Severity::Warning,
    summary: "a target identical to its source",
    help: "translate the segment (terms the glossary keeps as they are do not count)",
};

/// Whether the target is the source again (in another language): then
/// this is the only rule that looks at the pair, since what the others
/// would find is the source's.
pub(super) fn is_copy(cx: &PairContext<'_>) -> bool {
    !same_language(&cx.pair.source.lang, target_tag(cx)) && same_text(cx.source, cx.target)
}

pub(super) fn check(cx: &PairContext<'_>, sink: &mut Sink<'_>) {
    if !is_copy(cx) || needs_no_translation(cx) {
        return;
    }
    let start = cx.target.len() - cx.target.trim_start().len();
    let end = cx.target.trim_end().len();
    let lang = cx
        .target_lang
        .map_or_else(|| target_tag(cx).to_owned(), |l| l.name().to_owned());
    sink.push(Finding {
        side: Side::Target,
        span: start..end.max(start),
        message: "the target is a copy of the source".to_owned(),
        suggestion: Some(format!("translate it into {lang}")),
        fix: None,
    });
}

fn target_tag<'a>(cx: &PairContext<'a>) -> &'a str {
    cx.pair.target.as_ref().map_or("", |t| t.lang.as_str())
}

/// Whether two texts are the same but for case, invisible characters and
/// whitespace (leading, trailing, and how much of it between words).
fn same_text(a: &str, b: &str) -> bool {
    let mut a = comparable(a);
    let mut b = comparable(b);
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (x, y) if x != y => return false,
            _ => {}
        }
    }
}

/// The characters of `text` as [`same_text`] compares them: lower case, no
/// invisible characters, one space for each run of whitespace, none at
/// either end.
fn comparable(text: &str) -> impl Iterator<Item = char> + '_ {
    let mut words = text
        .split(char::is_whitespace)
        .filter(|w| !w.chars().all(is_invisible))
        .peekable();
    std::iter::from_fn(move || {
        let word = words.next()?;
        let space = words.peek().is_some().then_some(' ');
        Some(word.chars().filter(|&c| !is_invisible(c)).chain(space))
    })
    .flatten()
    .flat_map(char::to_lowercase)
}

/// Whether every word of the target is a number, a URL, an e-mail address,
/// a code, or part of a glossary term of the target language (which the
/// glossary writes the same way as the source, since the texts are equal).
fn needs_no_translation(cx: &PairContext<'_>) -> bool {
    let terms = cx.target_terms();
    for (start, chunk) in chunks(cx.target) {
        if !chunk.chars().any(char::is_alphabetic) || is_code(chunk) {
            continue;
        }
        let in_term = |i: usize| {
            terms
                .iter()
                .any(|m| !m.status.is_discouraged() && m.span.contains(&(start + i)))
        };
        let covered = chunk
            .char_indices()
            .filter(|(_, c)| c.is_alphabetic())
            .all(|(i, _)| in_term(i));
        if !covered {
            return false;
        }
    }
    true
}

/// The runs of non-whitespace of `text`, with their byte offsets.
fn chunks(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = None;
    text.char_indices()
        .chain([(text.len(), ' ')])
        .filter_map(move |(i, c)| match (start, c.is_whitespace()) {
            (None, false) => {
                start = Some(i);
                None
            }
            (Some(s), true) => {
                start = None;
                Some((s, text.get(s..i).unwrap_or_default()))
            }
            _ => None,
        })
}

/// A URL, an e-mail address, or a code: a word with a digit in it.
fn is_code(chunk: &str) -> bool {
    let word = chunk.trim_matches(|c: char| !c.is_alphanumeric());
    let lower = word.to_ascii_lowercase();
    lower.starts_with("http") && word.contains("://")
        || lower.starts_with("www.")
        || word.contains('@') && word.contains('.')
        || word.chars().any(|c| c.is_numeric())
}

#[cfg(test)]
mod tests {
    use super::super::testing::run_with;
    use super::super::testing::{check, glossary, pair, run, underlined};
    use super::RULE;
    use crate::glossary::{Matching, Status, Term};

    #[test]
    fn fires_on_a_copied_source_in_russian_and_urdu() {
        let source = "Senator Chizhov visited Islamabad.";
        for lang in ["ru", "ur"] {
            let found = check(RULE.id, lang, source, source);
            assert_eq!(found.len(), 1, "{found:?}");
            assert_eq!(underlined(&found[0]), source);
        }
        let found = check(RULE.id, "ru", source, source);
        assert_eq!(
            found[0].suggestion.as_deref(),
            Some("translate it into Russian")
        );
    }

    #[test]
    fn fires_whatever_the_case_and_spacing() {
        let found = check(
            RULE.id,
            "ur",
            "Senator Chizhov visited Islamabad.",
            "  senator chizhov\u{200B} visited\t Islamabad. ",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            underlined(&found[0]),
            "senator chizhov\u{200B} visited\t Islamabad."
        );
    }

    #[test]
    fn fires_on_a_term_the_target_language_writes_otherwise() {
        // The glossary has БРИКС and برکس, not BRICS, for Russian and Urdu.
        assert_eq!(check(RULE.id, "ru", "BRICS", "BRICS").len(), 1);
        assert_eq!(
            check(RULE.id, "ur", "BRICS summit", "BRICS summit").len(),
            1
        );
    }

    #[test]
    fn does_not_fire_on_numbers_urls_addresses_and_codes() {
        let cases = [
            "10:30 — 12:00",
            "2024",
            "https://senate.gov.pk/en/news",
            "www.mid.ru",
            "press@mid.ru",
            "5/2024-A",
            "978-3-16-148410-0",
            "* * *",
        ];
        for text in cases {
            for lang in ["ru", "ur"] {
                assert!(check(RULE.id, lang, text, text).is_empty(), "{text}");
            }
        }
    }

    #[test]
    fn does_not_fire_on_a_translation() {
        assert!(
            check(
                RULE.id,
                "ru",
                "Senator Chizhov visited Islamabad.",
                "Сенатор Чижов посетил Исламабад."
            )
            .is_empty()
        );
        assert!(
            check(
                RULE.id,
                "ur",
                "Senator Chizhov visited Islamabad.",
                "سینیٹر چیزوف نے اسلام آباد کا دورہ کیا۔"
            )
            .is_empty()
        );
    }

    #[test]
    fn does_not_fire_on_terms_the_target_language_keeps() {
        // A glossary that lists BRICS for Russian too (the shipped one has
        // БРИКС): the Russian text is the English one.
        let mut glossary = glossary().clone();
        let brics = glossary
            .concepts
            .iter_mut()
            .find(|c| c.terms.iter().any(|t| t.text == "BRICS"))
            .unwrap();
        brics.terms.push(Term {
            lang: "ru".into(),
            text: "BRICS".into(),
            status: Status::Admitted,
            part_of_speech: None,
            matching: Matching::Default,
            note: None,
            line: 0,
            column: 0,
        });
        let pairs = [
            pair("en", "BRICS", "ru", "BRICS"),
            pair("en", "BRICS, 2024", "ru", "BRICS, 2024"),
        ];
        let found = run_with(&glossary, RULE.id, &pairs);
        assert!(found.is_empty(), "{found:?}");
        let urdu = run_with(&glossary, RULE.id, &[pair("en", "BRICS", "ur", "BRICS")]);
        assert_eq!(urdu.len(), 1, "Urdu writes برکس");
    }

    #[test]
    fn does_not_fire_within_one_language() {
        let found = run(
            RULE.id,
            &[pair("en", "The Senate met.", "en-GB", "The Senate met.")],
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
