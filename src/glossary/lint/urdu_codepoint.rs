//! `urdu-codepoint`: an Arabic-only letter in an Urdu term where Urdu has
//! its own.
//!
//! ## What it does
//! Flags, in terms whose language is Urdu (`ur`, `ur-PK`, …):
//!
//! | found | Urdu letter |
//! | --- | --- |
//! | ي U+064A ARABIC LETTER YEH | ی U+06CC FARSI YEH |
//! | ى U+0649 ALEF MAKSURA | ی U+06CC |
//! | ك U+0643 ARABIC LETTER KAF | ک U+06A9 KEHEH |
//! | ة U+0629 TEH MARBUTA | ۃ U+06C3 TEH MARBUTA GOAL |
//! | ه U+0647 ARABIC LETTER HEH | ہ U+06C1 HEH GOAL (or ھ U+06BE, the aspirate, after a consonant) |
//!
//! ## Why
//! Text pasted from Arabic sources (and some keyboards) uses the Arabic
//! code points. They look alike, but do not match the Urdu letters in
//! search, sorting or a translation memory, and render differently in
//! Urdu fonts (ي keeps its dots at the end of a word, ی does not).
//!
//! ## Fires
//! ```text
//! ولاديمير چيژوف     (ي U+064A, twice)
//! غزه                 (ه U+0647 at the end)
//! ```
//!
//! ## Does not fire
//! ```text
//! ولادیمیر چیژوف
//! غزہ
//! ```
//!
//! ## Default severity
//! error. Fix: the Urdu letter; safe, except for ه after a letter Urdu
//! aspirates (ب پ ت ٹ ج چ د ڈ ک گ ل م ن ر ڑ), where it may stand for the
//! aspirate ھ (بهی → بھی, ساته → ساتھ): that fix (to ہ) is unsafe.

use super::{Context, Finding, Sink, code_point};
use crate::glossary::same_language;
use crate::report::{Applicability, Fix, RuleInfo, Severity};
use crate::text::script::arabic_letters;

pub const RULE: RuleInfo = RuleInfo {
    id: "urdu-codepoint",
    default_severity: Severity::Error,
    summary: "an Arabic-only letter (ي ك ه ة ى) in an Urdu term where Urdu has its own",
    help: "use the Urdu letter: ی U+06CC, ک U+06A9, ہ U+06C1 (or ھ U+06BE), ۃ U+06C3",
};

pub(super) fn check(cx: &Context<'_>, sink: &mut Sink<'_>) {
    for concept in &cx.glossary.concepts {
        for term in concept
            .terms
            .iter()
            .filter(|t| same_language(&t.lang, "ur"))
        {
            for found in arabic_letters(&term.text) {
                let (c, urdu) = (found.letter, found.urdu);
                let unsure = !found.safe;
                let (span, exact) = cx.span(term, found.at..found.at + c.len_utf8());
                let suggestion = if unsure {
                    format!(
                        "{urdu} ({}), or ھ (U+06BE) if it marks aspiration",
                        code_point(urdu)
                    )
                } else {
                    format!("{urdu} ({})", code_point(urdu))
                };
                sink.push(Finding {
                    span,
                    unit: Some(concept.id.clone()),
                    message: format!(
                        "Arabic {c} ({}) in the Urdu term `{}`: Urdu writes {urdu} ({})",
                        code_point(c),
                        term.text,
                        code_point(urdu)
                    ),
                    suggestion: Some(suggestion),
                    fix: exact.then(|| Fix {
                        replacement: urdu.to_string(),
                        applicability: if unsure {
                            Applicability::Unsafe
                        } else {
                            Applicability::Safe
                        },
                    }),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{lint, spanned};
    use crate::report::Applicability;

    #[test]
    fn fires_on_arabic_yeh_kaf_and_heh() {
        let text = "en,ur\nChizhov,ولاديمير چیژوف\nCommittee,كمیٹی\nGaza,غزه\nalso,بهی\n";
        let found = lint("g.csv", text, "urdu-codepoint");
        let got: Vec<(&str, &str, Applicability)> = found
            .iter()
            .map(|d| {
                let fix = d.fix.as_ref().unwrap();
                (
                    spanned(text, d),
                    fix.replacement.as_str(),
                    fix.applicability,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("ي", "ی", Applicability::Safe),
                ("ي", "ی", Applicability::Safe),
                ("ك", "ک", Applicability::Safe),
                ("ه", "ہ", Applicability::Safe),
                ("ه", "ہ", Applicability::Unsafe),
            ]
        );
        assert_eq!(
            found[2].message,
            "Arabic ك (U+0643) in the Urdu term `كمیٹی`: Urdu writes ک (U+06A9)"
        );
    }

    #[test]
    fn does_not_fire_on_urdu_letters_or_other_languages() {
        let text = "en,ur\nChizhov,ولادیمیر چیژوف\nGaza,غزہ\n";
        assert!(lint("g.csv", text, "urdu-codepoint").is_empty());
        // Arabic text in a non-Urdu column is not this rule's business.
        let text = "en,ar\nGaza,غزه\n";
        assert!(lint("g.csv", text, "urdu-codepoint").is_empty());
    }
}
