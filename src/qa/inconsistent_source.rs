//! `inconsistent-source`: different sources with the same translation.
//!
//! ## What it does
//! Groups the translated segments of every file checked together by their
//! target's words, per language pair, and flags each segment whose source
//! differs from the group's most common one (or the memory's) in what a
//! translation must carry: a number, or a word other than English stop
//! words (`both`, `the`, `two`, `also`, …), compared by its first three
//! letters (`Feb.` and `February`, `economy` and `economic` are one
//! word). Sources that differ only in stop words (`Both sides` / `The two
//! sides`) share a translation rightly; a source with a word more
//! (`Trade, energy and economic relations…`) needs one of its own. The translation must have at least three words.
//! Texts are compared after normalization, as for `inconsistent-target`.
//!
//! ## Why
//! Two different sentences rarely have one translation: usually a
//! translation was pasted into the wrong segment, or one source changed
//! and its translation did not follow.
//!
//! ## Fires
//! ```text
//! en: The delegation arrived in Islamabad on Monday.   ru: Делегация прибыла в Исламабад в понедельник.
//! en: The delegation left Islamabad on Friday.         ru: Делегация прибыла в Исламабад в понедельник.
//! ```
//!
//! ## Does not fire
//! ```text
//! en: Thank you.       ru: Спасибо.       (fewer than three words)
//! en: Thanks.          ru: Спасибо.
//! en: Both sides called for a ceasefire.       ru: Стороны призвали к прекращению огня.
//! en: The two sides called for a ceasefire.    ru: Стороны призвали к прекращению огня.
//! ```
//!
//! ## Default severity
//! warning.

use super::{JobContext, JobSink, Side, consistency};
use crate::report::{RuleInfo, Severity};

pub const RULE: RuleInfo = RuleInfo {
    id: "inconsistent-source",
    default_severity: Severity::Warning,
    summary: "different sources with the same translation",
    help: "check that the translation belongs to this source and was not copied from another segment",
};

/// Shorter translations are often the same for different sources.
const MIN_WORDS: usize = 3;

pub(super) fn check(cx: &JobContext<'_>, sink: &mut JobSink<'_>) {
    consistency::check(
        cx,
        sink,
        Side::Target,
        MIN_WORDS,
        |target, unit| format!("the same translation has another source in {unit}: \"{target}\""),
        |a, b| salient(a) != salient(b),
    );
}

/// English words that carry no content of their own: two sources that
/// differ only in these (`Both sides` / `The two sides`) say the same.
const STOPWORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "among", "an", "and", "are", "as", "at", "be", "been",
    "before", "between", "both", "but", "by", "during", "for", "from", "had", "has", "have", "he",
    "her", "his", "in", "into", "is", "it", "its", "not", "of", "on", "or", "our", "over", "said",
    "she", "so", "than", "that", "the", "their", "then", "there", "these", "they", "this", "those",
    "to", "two", "was", "we", "were", "which", "who", "will", "with", "would",
];

/// What a translation must carry of a source, as a sorted set: its
/// numbers (digits of any script, separators dropped) and the first three
/// letters, in lower case, of its other words but the stop words (so that
/// `Feb.` is `February`, and `economy` is `economic`).
fn salient(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for token in crate::text::normalize::tokens(text) {
        let word = token.text;
        let Some(c) = word.chars().next() else {
            continue;
        };
        if c.is_numeric() {
            out.push(
                word.chars()
                    .filter_map(|c| c.to_digit(10))
                    .filter_map(|d| char::from_digit(d, 10))
                    .collect(),
            );
        } else if c.is_alphabetic() {
            let lower = word.to_lowercase();
            if !STOPWORDS.contains(&lower.as_str()) {
                out.push(lower.chars().take(3).collect());
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::super::testing::{pair, run, underlined};

    #[test]
    fn fires_on_a_translation_pasted_into_another_segment() {
        let target = "Делегация прибыла в Исламабад в понедельник.";
        let a = pair(
            "en",
            "The delegation arrived in Islamabad on Monday.",
            "ru",
            target,
        );
        let b = pair(
            "en",
            "The delegation left Islamabad on Friday.",
            "ru",
            target,
        );
        let found = run("inconsistent-source", &[a, b]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            underlined(&found[0]),
            "The delegation left Islamabad on Friday."
        );
    }

    #[test]
    fn paraphrases_with_the_same_names_and_numbers_do_not_count() {
        let target = "Стороны призвали к немедленному прекращению огня в секторе Газа.";
        let a = pair(
            "en",
            "The two sides called for an immediate ceasefire in Gaza.",
            "ru",
            target,
        );
        let b = pair(
            "en",
            "Both sides called for an immediate ceasefire in Gaza.",
            "ru",
            target,
        );
        let ur = "وفد 5 فروری 2024 کو اسلام آباد پہنچا۔";
        let c = pair(
            "en",
            "The delegation arrived in Islamabad on 5 February 2024.",
            "ur",
            ur,
        );
        let d = pair(
            "en",
            "The delegation arrived in Islamabad on Feb. 5, 2024.",
            "ur",
            ur,
        );
        assert!(run("inconsistent-source", &[a, b, c, d]).is_empty());
        let e = pair(
            "en",
            "The delegation arrived in Islamabad on 6 February 2024.",
            "ur",
            ur,
        );
        let f = pair(
            "en",
            "The delegation arrived in Lahore on 5 February 2024.",
            "ur",
            ur,
        );
        let found = run(
            "inconsistent-source",
            &[
                pair(
                    "en",
                    "The delegation arrived in Islamabad on 5 February 2024.",
                    "ur",
                    ur,
                ),
                e,
                f,
            ],
        );
        assert_eq!(found.len(), 2, "{found:?}");
    }

    #[test]
    fn short_translations_and_punctuation_do_not_count() {
        let a = pair("en", "Thank you.", "ru", "Спасибо.");
        let b = pair("en", "Thanks.", "ru", "Спасибо.");
        let c = pair("en", "The delegation arrived.", "ur", "وفد پہنچ گیا۔");
        let d = pair("en", "The delegation arrived!", "ur", "وفد پہنچ گیا۔");
        assert!(run("inconsistent-source", &[a, b, c, d]).is_empty());
    }
}
