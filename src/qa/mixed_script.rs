//! `mixed-script`: a Latin letter inside a Cyrillic word, or a Cyrillic
//! letter inside a Latin word.
//!
//! ## What it does
//! Splits the target and the source into words and, in a word that mixes
//! Latin and Cyrillic letters, flags the letters of the minority script (on
//! a tie, those not of the text language's script: Cyrillic for Russian,
//! Latin otherwise). The look-alikes are a e o p c x y A B C E H K M O P T X
//! and their Cyrillic twins а е о р с х у А В С Е Н К М О Р Т Х.
//!
//! It also flags a one-letter word typed in the wrong script between two
//! words of the right one: a Latin `c` for the preposition `с` between two
//! Russian words, a Cyrillic `а` for the article between two English ones.
//!
//! The check is per word of letters: an apostrophe ends a word (the Russian
//! ending of `Google’ом`), and a word with a digit in it is a code or a model
//! name, mixed on purpose (`Т72Б3`, `A320нео`). Hyphens and dashes split
//! words anyway (`Су-35`, `COVID-19`).
//!
//! ## Why
//! `Чижoв` with a Latin `o` looks right and is a different string: search
//! does not find it, the glossary does not recognize it, spell checkers
//! skip it, and a screen reader spells it out. Keyboards that switch layout
//! mid-word, and OCR, make these; nobody sees them. English sources pasted
//! from Russian documents carry them too.
//!
//! ## Fires
//! ```text
//! ru  Сенатор Чижoв прибыл в Исламабад.     (Latin o U+006F in a Cyrillic word)
//! ru  Встреча c послом прошла в среду.      (Latin c U+0063 for the preposition с)
//! ur  پاکستان BRIСS میں شامل ہونا چاہتا ہے۔    (Cyrillic С U+0421 in a Latin word)
//! en  Senatоr Chizhov arrived on Monday.    (Cyrillic о U+043E, in the source)
//! ```
//!
//! ## Does not fire
//! ```text
//! ru  Сенатор Чижов прибыл в Исламабад.
//! ru  Он написал об этом в Telegram’е.      (a Russian ending after an apostrophe)
//! ru  Самолёты Су-35 и A320нео               (model names, with digits)
//! ru  Врачи советуют витамин C и железо.    (an upper-case letter alone: often meant)
//! ```
//!
//! ## Default severity
//! error. Fix (safe): the look-alike in the word's script. A foreign letter
//! with no look-alike (`Пaкистvн`: the `v`) is flagged without a fix.

use super::{Finding, PairContext, Side, Sink, code_point};
use crate::lang::Lang;
use crate::report::{Applicability, Fix, RuleInfo, Severity};
use crate::text::Script;
use crate::text::normalize::tokens;
use crate::text::script::{foreign_letters, has_latin_and_cyrillic, twin};

pub const RULE: RuleInfo = RuleInfo {
    id: "mixed-script",
    default_severity: Severity::Error,
    summary: "a Latin letter inside a Cyrillic word, or a Cyrillic letter inside a Latin word",
    help: "retype the letter in the word's script",
};

pub(super) fn check(cx: &PairContext<'_>, sink: &mut Sink<'_>) {
    check_text(cx.source, cx.source_lang, Side::Source, sink);
    check_text(cx.target, cx.target_lang, Side::Target, sink);
}

fn check_text(text: &str, lang: Option<Lang>, side: Side, sink: &mut Sink<'_>) {
    if !has_latin_and_cyrillic(text) {
        return;
    }
    let preferred = if lang == Some(Lang::Ru) {
        Script::Cyrillic
    } else {
        Script::Latin
    };
    for foreign in foreign_letters(text, preferred) {
        let c = foreign.letter;
        sink.push(wrong_letter(
            side,
            foreign.at,
            c,
            foreign.script,
            foreign.twin,
            format!(
                "{} {c} ({}) inside the {} word \"{}\"",
                other(foreign.script).name(),
                code_point(c),
                foreign.script.name(),
                foreign.word
            ),
        ));
    }
    let script = match lang {
        Some(Lang::Ru) => Script::Cyrillic,
        Some(Lang::En) => Script::Latin,
        _ => return,
    };
    lone_letters(text, script, side, sink);
}

/// Flags one-letter lower-case words in the other script that have a twin
/// in `script`, between two words all in `script` with only spaces between.
fn lone_letters(text: &str, script: Script, side: Side, sink: &mut Sink<'_>) {
    let foreign = other(script);
    let suspect = |c: char| Script::of(c) == foreign && c.is_lowercase();
    if !text.chars().any(suspect) {
        return;
    }
    let only = |word: &str| word.chars().all(|c| Script::of(c) == script);
    let spaces = |from: usize, to: usize| {
        text.get(from..to)
            .is_some_and(|gap| !gap.is_empty() && gap.chars().all(char::is_whitespace))
    };
    let words: Vec<_> = tokens(text).collect();
    for window in words.windows(3) {
        let [before, word, after] = window else {
            continue;
        };
        let mut letters = word.text.chars();
        let (Some(c), None) = (letters.next(), letters.next()) else {
            continue;
        };
        let Some(right) = twin(c, script).filter(|_| suspect(c)) else {
            continue;
        };
        if only(before.text)
            && only(after.text)
            && spaces(before.span.end, word.span.start)
            && spaces(word.span.end, after.span.start)
        {
            sink.push(wrong_letter(
                side,
                word.span.start,
                c,
                script,
                Some(right),
                format!(
                    "{} {c} ({}) as a word between {} words: \"{} {c} {}\"",
                    foreign.name(),
                    code_point(c),
                    script.name(),
                    before.text,
                    after.text
                ),
            ));
        }
    }
}

/// A finding on letter `c` at `at`, to be retyped in `script` as `right`.
fn wrong_letter(
    side: Side,
    at: usize,
    c: char,
    script: Script,
    right: Option<char>,
    message: String,
) -> Finding {
    Finding {
        side,
        span: at..at + c.len_utf8(),
        message,
        suggestion: right.map(|r| format!("{} {r} ({})", script.name(), code_point(r))),
        fix: right.map(|r| Fix {
            replacement: r.to_string(),
            applicability: Applicability::Safe,
        }),
    }
}

/// Latin for Cyrillic and Cyrillic for Latin.
fn other(script: Script) -> Script {
    if script == Script::Latin {
        Script::Cyrillic
    } else {
        Script::Latin
    }
}

#[cfg(test)]
mod tests {
    use super::super::Side;
    use super::super::testing::{self, findings, underlined};
    use crate::report::Applicability;

    /// (side, underlined text, replacement) of each finding.
    fn found(source: &str, target_lang: &str, target: &str) -> Vec<(Side, String, String)> {
        findings(super::check, "en", source, target_lang, target)
            .into_iter()
            .map(|f| {
                let text = if f.side == Side::Source {
                    source
                } else {
                    target
                };
                let fix = f.fix.map(|fix| {
                    assert_eq!(fix.applicability, Applicability::Safe);
                    fix.replacement
                });
                (f.side, text[f.span].to_owned(), fix.unwrap_or_default())
            })
            .collect()
    }

    #[test]
    fn fires_on_a_latin_letter_in_a_russian_word() {
        let got = found(
            "Senator Chizhov arrived in Islamabad.",
            "ru",
            "Сенатор Чижoв прибыл в Исламабад.",
        );
        assert_eq!(got, [(Side::Target, "o".into(), "о".into())]);
        let d = testing::check(
            "mixed-script",
            "ru",
            "Senator Chizhov arrived in Islamabad.",
            "Сенатор Чижoв прибыл в Исламабад.",
        );
        assert_eq!(d.len(), 1);
        assert_eq!(underlined(&d[0]), "o");
        assert_eq!(
            d[0].message,
            "Latin o (U+006F) inside the Cyrillic word \"Чижoв\""
        );
        assert_eq!(d[0].suggestion.as_deref(), Some("Cyrillic о (U+043E)"));
    }

    #[test]
    fn fires_on_a_cyrillic_letter_in_a_latin_word_of_an_urdu_target() {
        let got = found(
            "Pakistan wants to join BRICS.",
            "ur",
            "پاکستان BRIСS میں شامل ہونا چاہتا ہے۔",
        );
        assert_eq!(got, [(Side::Target, "С".into(), "C".into())]);
    }

    #[test]
    fn fires_in_the_english_source() {
        let got = found(
            "Senatоr Chizhov arrived on Monday.",
            "ru",
            "Сенатор Чижов прибыл в понедельник.",
        );
        assert_eq!(got, [(Side::Source, "о".into(), "o".into())]);
    }

    #[test]
    fn fires_on_a_lone_letter_in_the_wrong_script() {
        let got = found(
            "The meeting with the ambassador took place on Wednesday.",
            "ru",
            "Встреча c послом прошла в среду.",
        );
        assert_eq!(got, [(Side::Target, "c".into(), "с".into())]);
        let got = found(
            "It was а fruitful meeting.",
            "ru",
            "Встреча была плодотворной.",
        );
        assert_eq!(got, [(Side::Source, "а".into(), "a".into())]);
    }

    #[test]
    fn a_letter_without_a_twin_has_no_fix() {
        let got = found("Pakistan", "ru", "Пaкистvн");
        assert_eq!(
            got,
            [
                (Side::Target, "a".into(), "а".into()),
                (Side::Target, "v".into(), String::new()),
            ]
        );
    }

    #[test]
    fn does_not_fire_on_words_in_one_script() {
        let pairs = [
            (
                "Senator Chizhov arrived in Islamabad.",
                "ru",
                "Сенатор Чижов прибыл в Исламабад.",
            ),
            (
                "He wrote about it on Telegram.",
                "ru",
                "Он написал об этом в Telegram’е.",
            ),
            (
                "Su-35 and A320neo aircraft took part.",
                "ru",
                "В показе участвовали самолёты Су-35 и A320нео.",
            ),
            (
                "Doctors recommend vitamin C and iron.",
                "ru",
                "Врачи советуют витамин C и железо.",
            ),
            (
                "The CSTO (ОДКБ) met in Moscow.",
                "ru",
                "ОДКБ (CSTO) провела заседание в Москве.",
            ),
            (
                "Pakistan wants to join BRICS in 2025.",
                "ur",
                "پاکستان 2025 میں BRICS میں شامل ہونا چاہتا ہے۔",
            ),
            (
                "COVID-19 vaccines were discussed.",
                "ru",
                "Обсуждались вакцины от COVID-19.",
            ),
        ];
        for (source, lang, target) in pairs {
            assert!(
                testing::check("mixed-script", lang, source, target).is_empty(),
                "{target}"
            );
        }
    }
}
