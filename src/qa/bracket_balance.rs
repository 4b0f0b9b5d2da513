//! `bracket-balance`: unbalanced brackets or quotes in the target.
//!
//! ## What it does
//! Pairs the brackets and quotation marks of the target, in logical order
//! (right-to-left Urdu stores `(` first too): `( )`, `[ ]`, `{ }`, `« »`,
//! `“ ”`, `„ “` (Russian inner quotes), `‘ ’`, `‹ ›`, and straight `"`
//! counted by parity. What is left is a finding: a mark that is never
//! closed, or a closing mark with nothing open.
//!
//! Only imbalance the source does not have is reported. Each family
//! (parentheses, square brackets, braces, quotes of any style) is compared
//! on its own: a target with one quote left open is fine when the source
//! leaves one open too (a quotation that runs on into the next segment),
//! and English `“…”` against Russian `«…»` is the same family.
//!
//! Urdu press also quotes with the marks the other way round, `’…‘`
//! (BBC Urdu) and `”…“`: in Urdu text these pair in either order. A
//! Russian quotation that ends together with the one it holds has a single
//! `»` (`«Газета «Пакистан»`): a `«` right outside a closed `«…»` may share
//! its `»`.
//!
//! Not counted: apostrophes (`’` or `'` inside a word, `Pakistan’s`,
//! `О’Брайен`; a `’` with no `‘` open, as in `the farmers’ union`), the
//! straight `'`, and the `)` of a list item (`а) торговля`, `2) …`).
//!
//! ## Why
//! An unclosed quotation or bracket makes the reader guess where it ends;
//! in Urdu, where the marks mirror, it can swallow the rest of the line.
//! It is also a sign that part of the sentence was lost.
//!
//! ## Fires
//! ```text
//! en: The Senator said: “Elections are the voice of the people.”
//! ur: سینیٹر نے کہا: “انتخابات عوام کی آواز ہیں۔           (“ is not closed)
//!
//! en: The SCO (Shanghai Cooperation Organization) met.
//! ru: ШОС Шанхайская организация сотрудничества) собралась.   () closes nothing)
//! ```
//!
//! ## Does not fire
//! ```text
//! en: He called it “the ‘North–South’ corridor”.
//! ru: Он назвал его «коридором „Север — Юг“».
//!
//! en: He said: “We will come to Islamabad.      (continued in the next segment)
//! ru: Он сказал: «Мы приедем в Исламабад.
//!
//! en: The newspaper “Pakistan “Today”” reported it.
//! ru: Об этом сообщила газета «Пакистан «Тудей».
//!
//! en: He said, “Pakistan values this friendship.”
//! ur: انہوں نے کہا کہ ’پاکستان اس دوستی کی قدر کرتا ہے‘۔
//! ```
//!
//! ## Default severity
//! error. No fix: where the mark belongs is for a person to say.

use std::ops::Range;

use super::{Finding, PairContext, Sink};
use crate::lang::Lang;
use crate::report::{RuleInfo, Severity};

pub const RULE: RuleInfo = RuleInfo {
    id: "bracket-balance",
    default_severity: Severity::Error,
    summary: "unbalanced brackets or quotes in the target",
    help: "close what is opened",
};

/// Kinds of marks that pair with each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Parenthesis,
    Square,
    Brace,
    Quote,
}

const FAMILIES: [Family; 4] = [
    Family::Parenthesis,
    Family::Square,
    Family::Brace,
    Family::Quote,
];

/// A mark left over.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stray {
    mark: char,
    span: Range<usize>,
    /// Opened and never closed (else: closes nothing).
    unclosed: bool,
}

fn family(c: char) -> Family {
    match c {
        '(' | ')' => Family::Parenthesis,
        '[' | ']' => Family::Square,
        '{' | '}' => Family::Brace,
        _ => Family::Quote,
    }
}

/// The mark that closes `open`.
fn closing(open: char) -> char {
    match open {
        '(' => ')',
        '[' => ']',
        '{' => '}',
        '«' => '»',
        '„' => '“',
        '“' => '”',
        '‘' => '’',
        '‹' => '›',
        c => c,
    }
}

/// The marks `close` may close.
fn opens(close: char) -> &'static [char] {
    match close {
        ')' => &['('],
        ']' => &['['],
        '}' => &['{'],
        '»' => &['«'],
        '”' => &['“', '„'],
        '’' => &['‘'],
        '›' => &['‹'],
        '"' => &['"'],
        _ => &[],
    }
}

fn is_bracket(c: char) -> bool {
    matches!(
        c,
        '(' | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '«'
            | '»'
            | '„'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '‹'
            | '›'
            | '"'
    )
}

/// A mark waiting for its closing mark.
#[derive(Debug, Clone, Copy)]
struct Open {
    mark: char,
    at: usize,
    /// An Urdu `’` that may open a quotation (`’…‘`) or be an apostrophe:
    /// not a finding if nothing closes it.
    tentative: bool,
    /// A `«` right outside a `«…»` that closed: Russian writes one `»`
    /// for both when they end together (`«Газета «Пакистан»`).
    shared: bool,
}

impl Open {
    fn new(mark: char, at: usize) -> Open {
        Open {
            mark,
            at,
            tentative: false,
            shared: false,
        }
    }

    fn stray(self) -> Stray {
        Stray {
            mark: self.mark,
            span: self.at..self.at + self.mark.len_utf8(),
            unclosed: true,
        }
    }
}

/// What a mark does.
enum Action {
    /// Not a bracket here (an apostrophe).
    Skip,
    Open {
        tentative: bool,
    },
    /// Closes the nearest open mark of these.
    Close(&'static [char]),
}

/// The marks of `text` that are not paired. `urdu`: Urdu text, where the
/// press also quotes `’…‘` and `”…“` (the marks of left-to-right text,
/// mirrored by hand), so these pair in either order.
fn strays(text: &str, urdu: bool) -> Vec<Stray> {
    let mut open: Vec<Open> = Vec::new();
    let mut strays = Vec::new();
    // The marks are ASCII or start with byte C2 or E2 in UTF-8: look at
    // those bytes only.
    let candidates = text
        .bytes()
        .enumerate()
        .filter(|&(_, b)| {
            matches!(
                b,
                b'(' | b')' | b'[' | b']' | b'{' | b'}' | b'"' | 0xC2 | 0xE2
            )
        })
        .filter_map(|(at, _)| Some((at, text.get(at..)?.chars().next()?)));
    for (at, c) in candidates {
        if !is_bracket(c) {
            continue;
        }
        let inside_word = || {
            let before = text.get(..at).and_then(|b| b.chars().next_back());
            before.is_some_and(char::is_alphabetic)
                && text
                    .get(at + c.len_utf8()..)
                    .and_then(|rest| rest.chars().next())
                    .is_some_and(char::is_alphabetic)
        };
        let has = |mark: char| open.iter().any(|o| o.mark == mark);
        // The nearest open mark of `marks`.
        let nearest = |marks: &[char]| {
            open.iter()
                .rev()
                .find(|o| marks.contains(&o.mark))
                .map(|o| o.mark)
        };
        let top = open.last().map(|o| o.mark);
        let action = match c {
            '‘' | '’' if inside_word() => Action::Skip,
            '‘' if urdu && nearest(&['‘', '’']) == Some('’') => Action::Close(&['’']),
            '’' if has('‘') => Action::Close(&['‘']),
            // An apostrophe (`the farmers’ union`), or in Urdu perhaps
            // the opening mark of `’…‘`.
            '’' if urdu => Action::Open { tentative: true },
            '’' => Action::Skip,
            // Russian „…“ closes with “; English opens with it.
            '“' if top == Some('„') => Action::Close(&['„']),
            '“' if urdu && nearest(&['“', '”', '„']) == Some('”') => {
                Action::Close(&['”'])
            }
            '”' if urdu && !has('“') && !has('„') => Action::Open { tentative: false },
            '"' if has('"') => Action::Close(&['"']),
            ')' | ']' | '}' | '»' | '”' | '›' => Action::Close(opens(c)),
            _ => Action::Open { tentative: false },
        };
        let targets = match action {
            Action::Skip => continue,
            Action::Open { tentative } => {
                open.push(Open {
                    tentative,
                    ..Open::new(c, at)
                });
                continue;
            }
            Action::Close(targets) => targets,
        };
        match open.iter().rposition(|o| targets.contains(&o.mark)) {
            Some(k) => {
                // Whatever opened after it is left unclosed.
                let inside = open.drain(k..).skip(1).filter(|o| !o.tentative);
                strays.extend(inside.map(Open::stray));
                if c == '»' {
                    for outer in open.iter_mut().rev().take_while(|o| o.mark == '«') {
                        outer.shared = true;
                    }
                }
            }
            None if c == ')' && is_list_item(text, at) => {}
            None => strays.push(Stray {
                mark: c,
                span: at..at + c.len_utf8(),
                unclosed: false,
            }),
        }
    }
    let left = open.into_iter().filter(|o| !o.tentative && !o.shared);
    strays.extend(left.map(Open::stray));
    strays.sort_by_key(|s| s.span.start);
    strays
}

/// Whether the `)` at `at` ends a list item's label: one to three letters
/// or digits at the start of the text or after a space (`а)`, `12)`).
fn is_list_item(text: &str, at: usize) -> bool {
    let before = text.get(..at).unwrap_or_default();
    let label: Vec<char> = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric())
        .take(4)
        .collect();
    let start = before.len() - label.iter().map(|c| c.len_utf8()).sum::<usize>();
    (1..=3).contains(&label.len())
        && before
            .get(..start)
            .is_none_or(|b| b.is_empty() || b.ends_with(char::is_whitespace))
}

/// How many marks of `family` are unclosed and how many close nothing.
fn imbalance(strays: &[Stray], family_of: Family) -> (usize, usize) {
    let of = strays.iter().filter(|s| family(s.mark) == family_of);
    let unclosed = of.clone().filter(|s| s.unclosed).count();
    (unclosed, of.count() - unclosed)
}

pub(super) fn check(cx: &PairContext<'_>, sink: &mut Sink<'_>) {
    let urdu = |lang: Option<Lang>| lang == Some(Lang::Ur);
    let target = strays(cx.target, urdu(cx.target_lang));
    if target.is_empty() {
        return;
    }
    let source = strays(cx.source, urdu(cx.source_lang));
    for family_of in FAMILIES {
        let mine = imbalance(&target, family_of);
        if mine == (0, 0) || mine == imbalance(&source, family_of) {
            continue;
        }
        for stray in target.iter().filter(|s| family(s.mark) == family_of) {
            let mark = stray.mark;
            let (message, suggestion) = if stray.unclosed {
                (
                    format!("\"{mark}\" is not closed"),
                    format!("close it with \"{}\"", closing(mark)),
                )
            } else {
                (
                    format!("\"{mark}\" closes nothing"),
                    "open it where the source does, or delete it".to_owned(),
                )
            };
            sink.push(Finding {
                span: stray.span.clone(),
                message,
                suggestion: Some(suggestion),
                ..Finding::default()
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{assert_seeded, assert_shipped_clean, check, underlined};
    use super::*;

    fn found(lang: &str, source: &str, target: &str) -> Vec<(String, String)> {
        check(RULE.id, lang, source, target)
            .iter()
            .map(|d| (underlined(d).to_owned(), d.message.clone()))
            .collect()
    }

    fn one(underline: &str, message: &str) -> Vec<(String, String)> {
        vec![(underline.to_owned(), message.to_owned())]
    }

    #[test]
    fn fires_in_urdu() {
        assert_eq!(
            found(
                "ur",
                "The Senator said: “Elections are the voice of the people.”",
                "سینیٹر نے کہا: “انتخابات عوام کی آواز ہیں۔",
            ),
            one("“", "\"“\" is not closed")
        );
        let d = check(
            RULE.id,
            "ur",
            "The Shanghai Cooperation Organization (SCO) now has ten members.",
            "شنگھائی تعاون تنظیم (ایس سی او کے اب دس رکن ممالک ہیں۔",
        );
        assert_eq!(d.len(), 1);
        assert_eq!(underlined(&d[0]), "(");
        assert_eq!(d[0].severity, Severity::Error);
        assert_eq!(d[0].suggestion.as_deref(), Some("close it with \")\""));
        // Either order pairs, but a mark must still be closed.
        assert_eq!(
            found(
                "ur",
                "He said, “Pakistan values this friendship.”",
                "انہوں نے کہا کہ ”پاکستان اس دوستی کی قدر کرتا ہے۔",
            ),
            one("”", "\"”\" is not closed")
        );
        assert_eq!(
            found(
                "ur",
                "He said, “Pakistan values this friendship.”",
                "انہوں نے کہا کہ ’پاکستان اس دوستی کی قدر کرتا ہے‘ (۔",
            ),
            one("(", "\"(\" is not closed")
        );
    }

    #[test]
    fn fires_in_russian() {
        assert_eq!(
            found("ru", "He said: “We will come.”", "Он сказал: «Мы приедем."),
            one("«", "\"«\" is not closed")
        );
        assert_eq!(
            found(
                "ru",
                "The SCO (Shanghai Cooperation Organization) met.",
                "ШОС Шанхайская организация сотрудничества) собралась.",
            ),
            one(")", "\")\" closes nothing")
        );
        // Imbalance that differs from the source's: two quotes open, not one.
        assert_eq!(
            found(
                "ru",
                "He said: “We will come to Islamabad.",
                "Он сказал: «Мы приедем в «Исламабад.",
            )
            .len(),
            2
        );
        // Two quotations opened, one closed, and none is inside the other.
        assert_eq!(
            found(
                "ru",
                "He said: “We will come.” Then: “Goodbye.”",
                "Он сказал: «Мы приедем.» Затем: «До свидания.",
            ),
            one("«", "\"«\" is not closed")
        );
        // Crossed marks: the "(" inside «…» and the ")" outside.
        assert_eq!(
            found(
                "ru",
                "The “North (South)” corridor.",
                "Коридор «Север (Юг» )."
            ),
            [
                ("(".to_owned(), "\"(\" is not closed".to_owned()),
                (")".to_owned(), "\")\" closes nothing".to_owned())
            ]
        );
    }

    #[test]
    fn does_not_fire() {
        let clean = [
            (
                "ru",
                "He called it “the ‘North–South’ corridor”.",
                "Он назвал его «коридором „Север — Юг“».",
            ),
            (
                "ru",
                "He said: “We will come to Islamabad.",
                "Он сказал: «Мы приедем в Исламабад.",
            ),
            (
                "ru",
                "He said: \"We will come.\"",
                "Он сказал: «Мы приедем».",
            ),
            (
                "ru",
                "Ambassador O’Brien arrived.",
                "Посол О’Брайен прибыл.",
            ),
            (
                "ru",
                "The farmers’ union met.",
                "Собрался союз фермеров’ как-то.",
            ),
            ("ru", "(a) trade;", "а) торговля;"),
            ("ru", "1. Trade.", "1) Торговля."),
            (
                "ur",
                "Pakistan’s exports to Russia grew.",
                "روس کو پاکستان کی برآمدات میں اضافہ ہوا۔",
            ),
            (
                "ur",
                "The SCO (Shanghai Cooperation Organization) met.",
                "ایس سی او (شنگھائی تعاون تنظیم) کا اجلاس ہوا۔",
            ),
            (
                "ur",
                "He said: “Russia is a reliable partner.”",
                "انہوں نے کہا: “روس ایک قابل اعتماد شراکت دار ہے۔”",
            ),
            // The source's imbalance is the target's business no more.
            ("ru", "The SCO (Shanghai met.", "ШОС (Шанхай собралась."),
            // Urdu press quotes, mirrored by hand.
            (
                "ur",
                "He said, “Pakistan values this friendship.”",
                "انہوں نے کہا کہ ’پاکستان اس دوستی کی قدر کرتا ہے‘۔",
            ),
            (
                "ur",
                "He said, “Pakistan values this friendship.”",
                "انہوں نے کہا کہ ”پاکستان اس دوستی کی قدر کرتا ہے“۔",
            ),
            (
                "ur",
                "He called it “the ‘North–South’ corridor”.",
                "انہوں نے اسے ”’شمال جنوب‘ راہداری“ قرار دیا۔",
            ),
            // One » for two quotations that end together.
            (
                "ru",
                "The newspaper “Pakistan “Today”” reported it.",
                "Об этом сообщила газета «Пакистан «Тудей».",
            ),
            (
                "ru",
                "He quoted the “Law “On Elections””.",
                "Он процитировал «Закон «О выборах».",
            ),
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
