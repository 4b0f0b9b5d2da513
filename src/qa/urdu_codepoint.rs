//! `urdu-codepoint`: an Arabic letter in an Urdu translation where Urdu
//! has its own.
//!
//! ## What it does
//! Flags, in targets whose language is Urdu (`ur`, `ur-PK`, …):
//!
//! | found | Urdu letter |
//! | --- | --- |
//! | ي U+064A ARABIC LETTER YEH | ی U+06CC FARSI YEH |
//! | ى U+0649 ALEF MAKSURA | ی U+06CC |
//! | ك U+0643 ARABIC LETTER KAF | ک U+06A9 KEHEH |
//! | ة U+0629 TEH MARBUTA | ۃ U+06C3 TEH MARBUTA GOAL |
//! | ه U+0647 ARABIC LETTER HEH | ہ U+06C1 HEH GOAL, or ھ U+06BE, the aspirate |
//!
//! ## Why
//! Text typed on an Arabic keyboard or pasted from Arabic sources uses the
//! Arabic code points. They look alike, but they do not match the Urdu
//! letters in search, sorting, the glossary or the translation memory, and
//! Urdu fonts draw them differently (ي keeps its dots at the end of a word,
//! ی does not). An Arabic keyboard has no ھ either: its ه stands for both
//! of Urdu's letters.
//!
//! ## Fires
//! ```text
//! سينيٹر چیژوف نے غزه کی صورتحال پر بات کی۔     (ي twice, ه at the end of غزه)
//! وزیر خارجہ نے ساته دینے کا وعدہ كیا۔          (ه for the aspirate of ساتھ, ك)
//! ```
//!
//! ## Does not fire
//! ```text
//! سینیٹر چیژوف نے غزہ کی صورتحال پر بات کی۔
//! وزیر خارجہ نے ساتھ دینے کا وعدہ کیا۔
//! ```
//! nor on Russian or English text, nor on the English source.
//!
//! ## Default severity
//! error. Fix: the Urdu letter. Safe, except for ه after a consonant that
//! Urdu aspirates (ب پ ت ٹ ج چ د ڈ ک گ ل م ن ر ڑ): there it may be ہ
//! (`خارجه` → خارجہ) or ھ (`ساته` → ساتھ, `کچه` → کچھ), so the fix to ہ is
//! unsafe and the suggestion names both. At the start of a word, or after
//! any other letter (`شهر` → شہر, `راه` → راہ), ه can only be ہ.

use super::{Finding, PairContext, Sink, code_point};
use crate::lang::Lang;
use crate::report::{Applicability, Fix, RuleInfo, Severity};
use crate::text::script::{arabic_letters, is_word_char};

pub const RULE: RuleInfo = RuleInfo {
    id: "urdu-codepoint",
    default_severity: Severity::Error,
    summary: "an Arabic letter in Urdu text where Urdu has its own (ي ك ه ة for ی ک ہ ۃ)",
    help: "use the Urdu letter: ی U+06CC, ک U+06A9, ہ U+06C1 (or ھ U+06BE), ۃ U+06C3",
};

pub(super) fn check(cx: &PairContext<'_>, sink: &mut Sink<'_>) {
    if cx.target_lang != Some(Lang::Ur) {
        return;
    }
    for found in arabic_letters(cx.target) {
        let (c, urdu) = (found.letter, found.urdu);
        let suggestion = if found.safe {
            format!("{urdu} ({})", code_point(urdu))
        } else {
            format!(
                "{urdu} ({}), or ھ (U+06BE) if it is the aspirate",
                code_point(urdu)
            )
        };
        sink.push(Finding {
            span: found.at..found.at + c.len_utf8(),
            message: format!(
                "Arabic {c} ({}) in \"{}\": Urdu writes {urdu} ({})",
                code_point(c),
                word_at(cx.target, found.at),
                code_point(urdu)
            ),
            suggestion: Some(suggestion),
            fix: Some(Fix {
                replacement: urdu.to_string(),
                applicability: if found.safe {
                    Applicability::Safe
                } else {
                    Applicability::Unsafe
                },
            }),
            ..Finding::default()
        });
    }
}

/// The word of `text` around byte `at`, for messages.
fn word_at(text: &str, at: usize) -> &str {
    let start = text
        .get(..at)
        .and_then(|before| before.char_indices().rev().find(|&(_, c)| !is_word_char(c)))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text
        .get(at..)
        .and_then(|after| after.char_indices().find(|&(_, c)| !is_word_char(c)))
        .map_or(text.len(), |(i, _)| at + i);
    text.get(start..end).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::super::testing::findings;
    use super::super::testing::{self, underlined};
    use crate::report::Applicability;

    /// (underlined letter, replacement, applicability) of each finding.
    fn found(source: &str, target: &str) -> Vec<(String, String, Applicability)> {
        findings(super::check, "en", source, "ur", target)
            .into_iter()
            .map(|f| {
                let fix = f.fix.unwrap();
                (
                    target[f.span].to_owned(),
                    fix.replacement,
                    fix.applicability,
                )
            })
            .collect()
    }

    #[test]
    fn fires_on_arabic_yeh_and_final_heh() {
        let source = "Senator Chizhov spoke about the situation in Gaza.";
        let target = "سينيٹر چیژوف نے غزه کی صورتحال پر بات کی۔";
        assert_eq!(
            found(source, target),
            [
                ("ي".into(), "ی".into(), Applicability::Safe),
                ("ي".into(), "ی".into(), Applicability::Safe),
                ("ه".into(), "ہ".into(), Applicability::Safe),
            ]
        );
        let d = testing::check("urdu-codepoint", "ur", source, target);
        assert_eq!(d.len(), 3);
        assert_eq!(underlined(&d[2]), "ه");
        assert_eq!(
            d[2].message,
            "Arabic ه (U+0647) in \"غزه\": Urdu writes ہ (U+06C1)"
        );
    }

    #[test]
    fn heh_that_may_be_the_aspirate_has_an_unsafe_fix() {
        let source = "The Foreign Minister promised his support.";
        let target = "وزیر خارجه نے ساته دینے کا وعدہ كیا۔";
        assert_eq!(
            found(source, target),
            [
                ("ه".into(), "ہ".into(), Applicability::Unsafe),
                ("ه".into(), "ہ".into(), Applicability::Unsafe),
                ("ك".into(), "ک".into(), Applicability::Safe),
            ]
        );
        let d = testing::check("urdu-codepoint", "ur", source, target);
        assert_eq!(
            d[1].suggestion.as_deref(),
            Some("ہ (U+06C1), or ھ (U+06BE) if it is the aspirate")
        );
        // After a letter that is never aspirated, ه can only be ہ.
        let got = found("The city is near.", "شهر قریب ہے۔");
        assert_eq!(got, [("ه".into(), "ہ".into(), Applicability::Safe)]);
    }

    #[test]
    fn fires_on_teh_marbuta_and_alef_maksura() {
        let got = found("Zakat and Isa", "زکوٰة اور عیسىٰ");
        assert_eq!(
            got,
            [
                ("ة".into(), "ۃ".into(), Applicability::Safe),
                ("ى".into(), "ی".into(), Applicability::Safe),
            ]
        );
    }

    #[test]
    fn does_not_fire_on_urdu_letters_or_other_languages() {
        let source = "The Foreign Minister promised his support to Gaza.";
        let urdu = "وزیر خارجہ نے غزہ کو ساتھ دینے کا وعدہ کیا۔";
        assert!(testing::check("urdu-codepoint", "ur", source, urdu).is_empty());
        // Arabic letters in a Russian target, or in the source, are not Urdu.
        let russian = "Министр пообещал поддержку (по-арабски: غزه).";
        assert!(testing::check("urdu-codepoint", "ru", source, russian).is_empty());
        let pair = testing::pair("ur", "وزیر خارجہ", "en", "وزير خارجه");
        assert!(testing::run("urdu-codepoint", &[pair]).is_empty());
    }
}
