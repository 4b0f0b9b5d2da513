//! `punctuation-end`: the target does not end with the punctuation the
//! source ends with (in Urdu: ۔ for . and ؟ for ?).
//!
//! ## What it does
//! Finds the final punctuation of the source and of the target (past
//! trailing spaces and closing quotes and brackets, so that `.”`, `».` and
//! `۔”` all end with a full stop) and compares what they mean:
//!
//! | source | Urdu target | Russian and English target |
//! |---|---|---|
//! | `.` | `۔` | `.` |
//! | `?` | `؟` | `?` |
//! | `!` | `!` | `!` |
//! | `:` | `:` | `:` |
//! | `;` | `؛` | `;` |
//! | `,` | `،` | `,` |
//! | `…` or `...` | `…`, `...` or `۔۔۔` | `…` or `...` |
//! | none | none | none |
//!
//! It fires when the target ends with something else: other punctuation,
//! none where the source has some, some where the source (a headline, a
//! dateline) has none, or the right mark in the wrong script (a Latin `.`
//! or `?` ending an Urdu sentence, an Urdu `۔` ending a Russian one).
//!
//! A full stop that belongs to an abbreviation (`2024 г.`, `a.m.`,
//! `Feb.`, `U.S.`, a single letter) may or may not end the sentence too,
//! so against a text without final punctuation it is not a finding:
//! `Islamabad, 14 February 2024` and `Исламабад, 14 февраля 2024 г.` agree.
//!
//! ## Why
//! A lost full stop, a question turned into a statement or a Latin period
//! in Urdu text are what readers notice first, and CAT tools that join
//! segments back into paragraphs carry them into the document.
//!
//! ## Fires
//! ```text
//! en: The meeting was held in Islamabad.
//! ur: اجلاس اسلام آباد میں ہوا.              (a Latin "." for "۔")
//!
//! en: When will the delegation arrive?
//! ru: Когда прибудет делегация.            (a statement for a question)
//!
//! en: Senator Chizhov in Islamabad
//! ru: Сенатор Чижов в Исламабаде.          (a full stop the headline does not have)
//! ```
//!
//! ## Does not fire
//! ```text
//! en: “We value this friendship,” Senator Chizhov said.
//! ru: «Мы ценим эту дружбу», — сказал сенатор Чижов.
//!
//! en: He asked: “When?”
//! ur: انہوں نے پوچھا: “کب؟”
//! ```
//!
//! ## Default severity
//! warning. Fix: safe for the right mark in the wrong script (`.` → `۔`);
//! unsafe (a person should look) for adding, removing or changing a mark.

use std::ops::Range;

use super::{Finding, PairContext, Sink};
use crate::lang::Lang;
use crate::report::{Applicability, Fix, RuleInfo, Severity};
use crate::text::normalize::is_invisible;

pub const RULE: RuleInfo = RuleInfo {
    id: "punctuation-end",
    default_severity: Severity::Warning,
    summary: "the target does not end with the punctuation the source ends with (in Urdu: ۔ for . and ؟ for ?)",
    help: "end the target as the source ends, in the target language's punctuation",
};

/// What a text's final punctuation means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    None,
    FullStop,
    Question,
    Exclamation,
    Colon,
    Semicolon,
    Comma,
    Ellipsis,
}

impl Class {
    /// The mark that ends a sentence of this class in `lang`.
    fn mark(self, lang: Option<Lang>) -> &'static str {
        let urdu = lang == Some(Lang::Ur);
        match self {
            Class::None => "",
            Class::FullStop if urdu => "۔",
            Class::FullStop => ".",
            Class::Question if urdu => "؟",
            Class::Question => "?",
            Class::Exclamation => "!",
            Class::Colon => ":",
            Class::Semicolon if urdu => "؛",
            Class::Semicolon => ";",
            Class::Comma if urdu => "،",
            Class::Comma => ",",
            Class::Ellipsis => "…",
        }
    }

    /// Whether `marks` are this class's own in `lang` (`None`: any).
    fn is_written_for(self, marks: &str, lang: Option<Lang>) -> bool {
        if lang.is_none() || matches!(self, Class::None | Class::Ellipsis) {
            return true;
        }
        marks == self.mark(lang)
    }
}

/// The end of a text: its final marks and what they mean.
#[derive(Debug)]
struct End<'t> {
    class: Class,
    marks: &'t str,
    /// Byte range of `marks` (empty at the end of the words if none).
    span: Range<usize>,
    /// The text before `marks`.
    before: &'t str,
    lang: Option<Lang>,
    /// Whether closing quotes or brackets follow the marks.
    closed: bool,
}

impl End<'_> {
    /// Whether the final full stop is an abbreviation's.
    fn abbreviation(&self) -> bool {
        self.class == Class::FullStop
            && self.marks.len() == 1
            && is_abbreviation(self.before, self.lang)
    }
}

fn is_mark(c: char) -> bool {
    matches!(
        c,
        '.' | '۔' | '?' | '؟' | '!' | ':' | ';' | '؛' | ',' | '،' | '…'
    )
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '»' | '’' | '"' | '\'' | ')' | ']' | '}' | '›' | '“' | '\u{FD3E}' | '\u{FD3F}'
    )
}

fn classify(marks: &str) -> Class {
    if marks.contains(['?', '؟']) {
        Class::Question
    } else if marks.contains('!') {
        Class::Exclamation
    } else if marks.contains('…') || marks.contains("..") || marks.contains("۔۔") {
        Class::Ellipsis
    } else if marks.ends_with(['.', '۔']) {
        Class::FullStop
    } else if marks.ends_with(':') {
        Class::Colon
    } else if marks.ends_with([';', '؛']) {
        Class::Semicolon
    } else if marks.ends_with([',', '،']) {
        Class::Comma
    } else {
        Class::None
    }
}

fn end(text: &str, lang: Option<Lang>) -> End<'_> {
    let mut marks_end = text.len();
    let mut closed = false;
    for (at, c) in text.char_indices().rev() {
        if c.is_whitespace() || is_invisible(c) {
            marks_end = at;
        } else if is_closer(c) {
            marks_end = at;
            closed = true;
        } else {
            break;
        }
    }
    let before = text.get(..marks_end).unwrap_or_default();
    let marks_start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_mark(c))
        .last()
        .map_or(marks_end, |(at, _)| at);
    let marks = text.get(marks_start..marks_end).unwrap_or_default();
    let class = classify(marks);
    End {
        class,
        marks,
        span: marks_start..marks_end,
        before: text.get(..marks_start).unwrap_or_default(),
        lang,
        closed,
    }
}

/// Whether `before` ends with an abbreviation that a full stop closes:
/// one with a point inside (`a.m`, `U.S`), a single letter (`г`, `A`),
/// or a known one of the language.
fn is_abbreviation(before: &str, lang: Option<Lang>) -> bool {
    const ENGLISH: &[&str] = &[
        "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "no", "nos", "co", "inc", "ltd", "corp",
        "etc", "vs", "approx", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
        "oct", "nov", "dec", "gen", "col", "gov", "sen", "rep", "hon", "amb", "dept",
    ];
    const RUSSIAN: &[&str] = &[
        "гг", "вв", "тыс", "млн", "млрд", "трлн", "руб", "долл", "коп", "др", "пр", "ул", "стр",
        "им", "акад", "проф", "чел", "ок", "св", "см", "рис", "табл",
    ];
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphabetic() || c == '.')
        .last()
        .map_or(before.len(), |(at, _)| at);
    let word = before.get(word_start..).unwrap_or_default();
    if word.is_empty() {
        return false;
    }
    if word.contains('.') || word.chars().count() == 1 {
        return true;
    }
    let known = |list: &[&str]| {
        list.iter()
            .any(|a| word.chars().flat_map(char::to_lowercase).eq(a.chars()))
    };
    match lang {
        Some(Lang::En) => known(ENGLISH),
        Some(Lang::Ru) => known(RUSSIAN),
        Some(Lang::Ur) => false,
        None => known(ENGLISH) || known(RUSSIAN),
    }
}

/// `"."` for messages, `no final punctuation` for none.
fn shown(marks: &str) -> String {
    if marks.is_empty() {
        "no final punctuation".to_owned()
    } else {
        format!("\"{marks}\"")
    }
}

/// The last character of the words of `text` (before `at`), as a span.
fn last_char(text: &str, at: usize) -> Range<usize> {
    match text.get(..at).and_then(|before| before.chars().next_back()) {
        Some(c) => at - c.len_utf8()..at,
        None => at..at,
    }
}

pub(super) fn check(cx: &PairContext<'_>, sink: &mut Sink<'_>) {
    let source = end(cx.source, cx.source_lang);
    let target = end(cx.target, cx.target_lang);
    let lang = cx.target_lang;
    if source.class == target.class {
        if target.class.is_written_for(target.marks, lang) || target.abbreviation() {
            return;
        }
        let mark = target.class.mark(lang);
        let language = lang.map_or("the target language", Lang::name);
        sink.push(Finding {
            span: target.span,
            message: format!(
                "the target ends with {}, which is not {language} punctuation",
                shown(target.marks)
            ),
            suggestion: Some(format!("write \"{mark}\"")),
            fix: Some(Fix {
                replacement: mark.to_owned(),
                applicability: Applicability::Safe,
            }),
            ..Finding::default()
        });
        return;
    }
    let either = |a: &End<'_>, b: &End<'_>| b.class == Class::None && a.abbreviation();
    if either(&source, &target) || either(&target, &source) {
        return;
    }
    let mark = source.class.mark(lang);
    let message = format!(
        "the target ends with {}; the source ends with {}",
        shown(target.marks),
        shown(source.marks)
    );
    let (span, fix) = if target.class == Class::None {
        // Add the mark after the last character, unless quotes or brackets
        // close the text: where the mark goes among them is for a person.
        let span = last_char(cx.target, target.span.start);
        let fix = (!target.closed).then(|| Fix {
            replacement: format!("{}{mark}", cx.target.get(span.clone()).unwrap_or_default()),
            applicability: Applicability::Unsafe,
        });
        (span, fix)
    } else {
        let fix = Fix {
            replacement: mark.to_owned(),
            applicability: Applicability::Unsafe,
        };
        (target.span, Some(fix))
    };
    let suggestion = if mark.is_empty() {
        "end without punctuation, as the source does".to_owned()
    } else {
        format!("end with \"{mark}\"")
    };
    sink.push(Finding {
        span,
        message,
        suggestion: Some(suggestion),
        fix,
        ..Finding::default()
    });
}

#[cfg(test)]
mod tests {
    use super::super::testing::{assert_seeded, assert_shipped_clean, check, findings, underlined};
    use super::*;

    fn found(lang: &str, source: &str, target: &str) -> Vec<(String, String)> {
        check(RULE.id, lang, source, target)
            .iter()
            .map(|d| (underlined(d).to_owned(), d.message.clone()))
            .collect()
    }

    fn fix(lang: &str, source: &str, target: &str) -> Option<(String, Applicability)> {
        let findings = findings(super::check, "en", source, lang, target);
        assert_eq!(findings.len(), 1, "{findings:#?}");
        let fix = findings.into_iter().next()?.fix?;
        Some((fix.replacement, fix.applicability))
    }

    #[test]
    fn fires_in_urdu() {
        let source = "The meeting was held in Islamabad.";
        let target = "اجلاس اسلام آباد میں ہوا.";
        let d = check(RULE.id, "ur", source, target);
        assert_eq!(d.len(), 1);
        assert_eq!(underlined(&d[0]), ".");
        assert_eq!(
            d[0].message,
            "the target ends with \".\", which is not Urdu punctuation"
        );
        assert_eq!(d[0].severity, Severity::Warning);
        assert_eq!(
            fix("ur", source, target),
            Some(("۔".into(), Applicability::Safe))
        );
        let question = ("When will the delegation arrive?", "وفد کب پہنچے گا?");
        assert_eq!(
            fix("ur", question.0, question.1),
            Some(("؟".into(), Applicability::Safe))
        );
        // Missing: the fix adds the mark after the last letter.
        let missing = "اجلاس اسلام آباد میں ہوا";
        assert_eq!(
            found("ur", source, missing),
            [(
                "ا".to_owned(),
                "the target ends with no final punctuation; the source ends with \".\"".to_owned()
            )]
        );
        assert_eq!(
            fix("ur", source, missing),
            Some(("ا۔".into(), Applicability::Unsafe))
        );
    }

    #[test]
    fn fires_in_russian() {
        let d = found(
            "ru",
            "When will the delegation arrive?",
            "Когда прибудет делегация.",
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].0, ".");
        let headline = (
            "Senator Chizhov in Islamabad",
            "Сенатор Чижов в Исламабаде.",
        );
        assert_eq!(found("ru", headline.0, headline.1).len(), 1);
        assert_eq!(
            fix("ru", headline.0, headline.1),
            Some((String::new(), Applicability::Unsafe))
        );
        assert_eq!(
            found("ru", "The visit ended.", "Визит завершился۔").len(),
            1
        );
        // A missing mark inside closing quotes: found, but no fix.
        let quoted = (
            "He said: “The talks went well.”",
            "Он сказал: «Переговоры прошли хорошо»",
        );
        assert_eq!(found("ru", quoted.0, quoted.1).len(), 1);
        assert_eq!(fix("ru", quoted.0, quoted.1), None);
    }

    #[test]
    fn does_not_fire() {
        let clean = [
            (
                "ru",
                "“We value this friendship,” Senator Chizhov said.",
                "«Мы ценим эту дружбу», — сказал сенатор Чижов.",
            ),
            ("ru", "He asked: “When?”", "Он спросил: «Когда?»"),
            ("ur", "He asked: “When?”", "انہوں نے پوچھا: “کب؟”"),
            ("ru", "The talks continued.”", "Переговоры продолжились».  "),
            (
                "ur",
                "Islamabad, 14 February 2024",
                "اسلام آباد، 14 فروری 2024",
            ),
            (
                "ru",
                "Islamabad, 14 February 2024",
                "Исламабад, 14 февраля 2024 г.",
            ),
            ("ru", "The polls open at 8 a.m.", "Участки откроются в 8:00"),
            ("ru", "And so on...", "И так далее…"),
            ("ur", "And so on…", "وغیرہ وغیرہ۔۔۔"),
            (
                "ru",
                "Senator Chizhov in Islamabad",
                "Сенатор Чижов в Исламабаде",
            ),
            ("ur", "The following areas:", "درج ذیل شعبے:"),
            ("ru", "Long live friendship!", "Да здравствует дружба!"),
        ];
        for (lang, source, target) in clean {
            assert_eq!(found(lang, source, target), [], "{target}");
        }
    }

    #[test]
    fn the_shipped_data_is_clean() {
        assert_shipped_clean(RULE.id);
    }

    #[test]
    fn the_seeded_errors_are_found() {
        assert_seeded(RULE.id);
    }
}
