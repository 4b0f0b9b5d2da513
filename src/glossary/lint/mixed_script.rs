//! `mixed-script`: Latin look-alike letters inside a Cyrillic word, or
//! Cyrillic ones inside a Latin word.
//!
//! ## What it does
//! Splits each term into words and, in a word that mixes Latin and
//! Cyrillic letters, flags the letters of the minority script (on a tie,
//! the letters not of the term language's script). An apostrophe splits a
//! word (`Google’ом`), and a word with a digit (`Т72Б`) is a code, not
//! looked at. The Latin look-alikes are a e o p c x y A B C E H K M O P T X
//! and their Cyrillic twins а е о р с х у А В С Е Н К М О Р Т Х.
//!
//! ## Why
//! `Чижов` with a Latin `о` looks right and is a different string: it
//! never matches the release text, sorts in the wrong place and slips past
//! spell checkers. Keyboards that switch layouts mid-word, and OCR, make
//! these; nobody sees them.
//!
//! ## Fires
//! ```text
//! Чижoв        (Latin o U+006F in a Cyrillic word)
//! Senatоr      (Cyrillic о U+043E in a Latin word)
//! ```
//!
//! ## Does not fire
//! ```text
//! Чижов
//! Senator
//! ОДКБ (CSTO)  (each word in one script)
//! ```
//!
//! ## Default severity
//! error. Fix (safe): the look-alike of the word's script. A foreign letter
//! with no look-alike is flagged without a fix.

use super::{Context, Finding, Sink, code_point};
use crate::glossary::same_language;
use crate::report::{Applicability, Fix, RuleInfo, Severity};
use crate::text::Script;
use crate::text::script::foreign_letters;

pub const RULE: RuleInfo = RuleInfo {
    id: "mixed-script",
    default_severity: Severity::Error,
    summary: "a Latin letter inside a Cyrillic word, or a Cyrillic letter inside a Latin word",
    help: "retype the letter in the word's script",
};

pub(super) fn check(cx: &Context<'_>, sink: &mut Sink<'_>) {
    for concept in &cx.glossary.concepts {
        for term in &concept.terms {
            let preferred = if same_language(&term.lang, "ru") {
                Script::Cyrillic
            } else {
                Script::Latin
            };
            for foreign in foreign_letters(&term.text, preferred) {
                let c = foreign.letter;
                let (span, exact) = cx.span(term, foreign.at..foreign.at + c.len_utf8());
                let script = foreign.script;
                let other = if script == Script::Latin {
                    Script::Cyrillic
                } else {
                    Script::Latin
                };
                sink.push(Finding {
                    span,
                    unit: Some(concept.id.clone()),
                    message: format!(
                        "{} {c} ({}) inside the {} word `{}` of the `{}` term `{}`",
                        other.name(),
                        code_point(c),
                        script.name(),
                        foreign.word,
                        term.lang,
                        term.text
                    ),
                    suggestion: foreign
                        .twin
                        .map(|r| format!("{} {r} ({})", script.name(), code_point(r))),
                    fix: foreign.twin.filter(|_| exact).map(|r| Fix {
                        replacement: r.to_string(),
                        applicability: Applicability::Safe,
                    }),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{lint, spanned};

    #[test]
    fn fires_on_latin_in_cyrillic_and_cyrillic_in_latin() {
        let text = "en,ru\nSenatоr,Чижoв\n";
        let found = lint("g.csv", text, "mixed-script");
        assert_eq!(found.len(), 2);
        assert_eq!(spanned(text, &found[0]), "о");
        assert_eq!(found[0].fix.as_ref().unwrap().replacement, "o");
        assert_eq!(spanned(text, &found[1]), "o");
        assert_eq!(found[1].fix.as_ref().unwrap().replacement, "о");
        assert_eq!(
            found[1].message,
            "Latin o (U+006F) inside the Cyrillic word `Чижoв` of the `ru` term `Чижoв`"
        );
    }

    #[test]
    fn a_foreign_letter_without_a_twin_has_no_fix() {
        let found = lint("g.csv", "ru\nЧижоvв\n", "mixed-script");
        assert_eq!(found.len(), 1);
        assert!(found[0].fix.is_none());
    }

    #[test]
    fn does_not_fire_on_words_in_one_script() {
        let text = "en,ru\nSenator (CSTO),Чижов ОДКБ (CSTO)\n";
        assert!(lint("g.csv", text, "mixed-script").is_empty());
    }
}
