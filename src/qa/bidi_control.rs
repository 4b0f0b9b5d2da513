//! `bidi-control`: a stray or unbalanced bidirectional control character.
//!
//! ## What it does
//! Looks at the invisible characters that steer the Unicode bidirectional
//! algorithm (UAX #9), in the target and in the source.
//!
//! Embeddings, overrides and isolates must be balanced: LRE, RLE, LRO and
//! RLO (U+202A, U+202B, U+202D, U+202E) are closed by PDF (U+202C), LRI, RLI
//! and FSI (U+2066–U+2068) by PDI (U+2069). It flags
//! - a PDF with no embedding or override open in the same isolate, and a
//!   PDI with no isolate open: the algorithm ignores them (fix: remove it,
//!   safe);
//! - an opener that is never closed, which leaks into whatever text follows
//!   the segment in the finished document, and an embedding that the PDI of
//!   its isolate closes (no fix: only a person knows where it should end).
//!
//! The marks LRM (U+200E), RLM (U+200F) and ALM (U+061C) are how Urdu text
//! keeps a number, a Latin word or the punctuation next to them in place,
//! and they are left alone wherever they can change how the text is shown.
//! A mark is stray when it cannot:
//! - in English or Russian text with no right-to-left letters;
//! - when it does nothing where it stands: by the rules of UAX #9, the
//!   characters between it and the nearest letters on either side
//!   (spaces, punctuation) take the same direction with it as without it,
//!   in a right-to-left paragraph and in a left-to-right one (Urdu is often
//!   shown left to right by tools that do not know its direction), whatever
//!   the text that comes before and after the segment in the document. An RLM
//!   at the very start of Urdu text before an Urdu letter, at the very end
//!   after `۔`, or between two Urdu words is such a mark. A mark next to a
//!   digit, an inline code (which may hold one) or another bidi control is
//!   never stray;
//! - when it repeats the mark just before it: one is enough (several
//!   different marks in a row are flagged, without a fix);
//! - at the start of the text, before its first letter, when it is of the
//!   other direction than the language's (an LRM before Urdu, an RLM before
//!   Russian): where a paragraph's direction is taken from its first strong
//!   character, it turns the whole text the wrong way.
//!
//! ## Why
//! They are invisible: nobody notices one pasted from a web page or left by
//! an editor until a sentence displays in the wrong order somewhere else.
//! An unclosed RLE at the end of one Urdu segment reverses the next one; a
//! mark in Russian text breaks search and the translation memory's matches
//! for nothing.
//!
//! ## Fires
//! ```text
//! ru  Сенатор Чижов<RLM> прибыл в Исламабад.          (a mark in Russian text)
//! ur  <RLM>سینیٹر چیژوف اسلام آباد پہنچ گئے۔           (does nothing: Urdu follows)
//! ur  سینیٹر چیژوف اسلام آباد پہنچ گئے۔<RLM>           (does nothing after ۔)
//! ur  <LRM>سینیٹر چیژوف اسلام آباد پہنچ گئے۔           (turns the text left to right)
//! ur  پاکستان BRICS<RLM><RLM> میں شامل ہونا چاہتا ہے۔    (the second RLM)
//! ur  <RLE>پاکستان اور روس کے تعلقات                  (never closed)
//! ru  Газета «<RLI>جنگ» сообщила об этом.              (never closed)
//! en  Senator Chizhov arrived<PDF> on Monday.          (closes nothing)
//! ```
//!
//! ## Does not fire
//! ```text
//! ur  پاکستان BRICS<RLM>، چین اور روس کا شکریہ ادا کرتا ہے۔
//! ur  <RLM>BRICS کا اجلاس ماسکو میں ہوا۔
//! ur  اجلاس 7<LRM>-8 فروری کو ہوا۔
//! ur  <LRI>BRICS 2025<PDI> کا اجلاس قازان میں ہوا۔
//! ru  Газета «<RLI>جنگ<PDI>» сообщила об этом.
//! ```
//!
//! ## Default severity
//! error. Fix: remove a stray mark or a closer that closes nothing (safe:
//! the text displays the same). An opener that is not closed has no fix.

use super::{Finding, PairContext, Side, Sink, TextCode, code_point};
use crate::lang::Lang;
use crate::report::{Applicability, Fix, RuleInfo, Severity};

pub const RULE: RuleInfo = RuleInfo {
    id: "bidi-control",
    default_severity: Severity::Error,
    summary: "a stray or unbalanced bidirectional control character",
    help: "remove the control, or close it where the embedding ends",
};

pub(super) fn check(cx: &PairContext<'_>, sink: &mut Sink<'_>) {
    let source = Input {
        text: cx.source,
        lang: cx.source_lang,
        codes: &cx.pair.source.codes,
        side: Side::Source,
    };
    let target = Input {
        text: cx.target,
        lang: cx.target_lang,
        codes: cx.target_codes(),
        side: Side::Target,
    };
    for input in [source, target] {
        if has_control(input.text) {
            balance(&input, sink);
            marks(&input, sink);
        }
    }
}

/// One side of the pair.
struct Input<'a> {
    text: &'a str,
    lang: Option<Lang>,
    codes: &'a [TextCode],
    side: Side,
}

impl Input<'_> {
    fn finding(&self, span: std::ops::Range<usize>, message: String) -> Finding {
        Finding {
            side: self.side,
            span,
            message,
            ..Finding::default()
        }
    }

    /// A finding whose fix removes its span, safely.
    fn removal(&self, span: std::ops::Range<usize>, message: String) -> Finding {
        Finding {
            suggestion: Some("remove it".into()),
            fix: Some(Fix {
                replacement: String::new(),
                applicability: Applicability::Safe,
            }),
            ..self.finding(span, message)
        }
    }
}

const LRM: char = '\u{200E}';
const RLM: char = '\u{200F}';
const ALM: char = '\u{061C}';
const PDF: char = '\u{202C}';
const PDI: char = '\u{2069}';

fn is_control(c: char) -> bool {
    matches!(c, LRM | RLM | ALM | '\u{202A}'..='\u{202E}' | '\u{2066}'..=PDI)
}

/// Whether `text` has a bidi control: a test on its UTF-8 bytes, so that
/// the texts without one (nearly all) are not decoded.
fn has_control(text: &str) -> bool {
    let bytes = text.as_bytes();
    let format = || {
        bytes.windows(3).any(|w| {
            matches!(
                w,
                [0xE2, 0x80, 0x8E | 0x8F | 0xAA..=0xAE] | [0xE2, 0x81, 0xA6..=0xA9]
            )
        })
    };
    (bytes.contains(&0xE2) && format()) || text.contains(ALM)
}

fn is_mark(c: char) -> bool {
    matches!(c, LRM | RLM | ALM)
}

/// The character's name, for messages.
fn name(c: char) -> &'static str {
    match c {
        LRM => "left-to-right mark",
        RLM => "right-to-left mark",
        ALM => "Arabic letter mark",
        '\u{202A}' => "left-to-right embedding",
        '\u{202B}' => "right-to-left embedding",
        PDF => "pop directional formatting",
        '\u{202D}' => "left-to-right override",
        '\u{202E}' => "right-to-left override",
        '\u{2066}' => "left-to-right isolate",
        '\u{2067}' => "right-to-left isolate",
        '\u{2068}' => "first strong isolate",
        _ => "pop directional isolate",
    }
}

/// `pop directional isolate (U+2069)`.
fn named(c: char) -> String {
    format!("{} ({})", name(c), code_point(c))
}

/// `a right-to-left mark (U+200F)`, `an Arabic letter mark (U+061C)`.
fn a_named(c: char) -> String {
    let article = if c == ALM { "an" } else { "a" };
    format!("{article} {}", named(c))
}

/// Flags closers that close nothing and openers left open.
fn balance(input: &Input<'_>, sink: &mut Sink<'_>) {
    // Open embeddings and isolates: (byte offset, character, is an isolate).
    let mut open: Vec<(usize, char, bool)> = Vec::new();
    for (at, c) in input.text.char_indices() {
        match c {
            '\u{202A}' | '\u{202B}' | '\u{202D}' | '\u{202E}' => open.push((at, c, false)),
            '\u{2066}'..='\u{2068}' => open.push((at, c, true)),
            PDF if open.last().is_some_and(|&(_, _, isolate)| !isolate) => {
                open.pop();
            }
            PDF => sink.push(input.removal(
                at..at + c.len_utf8(),
                format!("{} with no embedding or override to close", a_named(c)),
            )),
            PDI => match open.iter().rposition(|&(_, _, isolate)| isolate) {
                Some(k) => {
                    for (inner, opener, _) in open.drain(k..).skip(1) {
                        sink.push(Finding {
                            suggestion: Some(format!(
                                "close it with {} before the isolate ends",
                                named(PDF)
                            )),
                            ..input.finding(
                                inner..inner + opener.len_utf8(),
                                format!(
                                    "{} left open inside an isolate: the {} closes it",
                                    a_named(opener),
                                    named(PDI)
                                ),
                            )
                        });
                    }
                }
                None => sink.push(input.removal(
                    at..at + c.len_utf8(),
                    format!("{} with no isolate to close", a_named(c)),
                )),
            },
            _ => {}
        }
    }
    for (at, c, isolate) in open {
        let closer = if isolate { PDI } else { PDF };
        sink.push(Finding {
            suggestion: Some(format!(
                "close it with {} where it should end, or remove it",
                named(closer)
            )),
            ..input.finding(
                at..at + c.len_utf8(),
                format!("{} that is never closed", a_named(c)),
            )
        });
    }
}

/// A direction of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dir {
    Ltr,
    Rtl,
}

impl Dir {
    fn name(self) -> &'static str {
        match self {
            Dir::Ltr => "left-to-right",
            Dir::Rtl => "right-to-left",
        }
    }
}

/// The bidi class of a character, as far as this rule needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// A letter (or a mark), strongly of one direction.
    Strong(Dir),
    /// A digit or a number sign: marks next to them steer them.
    Number,
    /// An embedding, override or isolate control.
    Control,
    /// Spaces, punctuation and symbols: they take their direction from
    /// their neighbours.
    Neutral,
}

fn class(c: char) -> Class {
    match c {
        LRM => Class::Strong(Dir::Ltr),
        RLM | ALM => Class::Strong(Dir::Rtl),
        c if is_control(c) => Class::Control,
        '\u{0600}'..='\u{0605}' | '\u{066B}' | '\u{066C}' | '\u{06DD}' => Class::Number,
        c if c.is_numeric() => Class::Number,
        '\u{060C}' | '\u{066A}' | '\u{06DE}' | '\u{06E9}' => Class::Neutral,
        '\u{0590}'..='\u{08FF}'
        | '\u{FB1D}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFE}'
        | '\u{10800}'..='\u{10FFF}'
        | '\u{1E800}'..='\u{1EFFF}' => Class::Strong(Dir::Rtl),
        c if c.is_alphabetic() => Class::Strong(Dir::Ltr),
        _ => Class::Neutral,
    }
}

/// What a run of marks has next to it on one side, past the neutral
/// characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Near {
    /// The start or the end of the text.
    Edge,
    Letter(Dir),
    /// A number, an inline code or a bidi control: the mark may be there
    /// for it.
    Other,
}

/// What is next to a run of marks on one side, and whether neutral
/// characters stand between.
fn near(
    chars: impl Iterator<Item = (usize, char)>,
    codes: &[TextCode],
    from: usize,
    backward: bool,
) -> (Near, bool) {
    let mut gap = false;
    let mut boundary = None;
    let mut found = Near::Edge;
    for (at, c) in chars {
        match class(c) {
            Class::Neutral => gap = true,
            Class::Strong(dir) => {
                found = Near::Letter(dir);
                boundary = Some(if backward { at + c.len_utf8() } else { at });
                break;
            }
            Class::Number | Class::Control => return (Near::Other, gap),
        }
    }
    let between = |at: usize| match (backward, boundary) {
        (true, b) => b.unwrap_or(0) <= at && at <= from,
        (false, b) => from <= at && b.is_none_or(|b| at <= b),
    };
    if codes.iter().any(|code| between(code.at)) {
        return (Near::Other, gap);
    }
    (found, gap)
}

/// Flags marks that are stray where they stand.
fn marks(input: &Input<'_>, sink: &mut Sink<'_>) {
    let text = input.text;
    let lang_dir = match input.lang {
        Some(Lang::Ur) => Some(Dir::Rtl),
        Some(Lang::En | Lang::Ru) => Some(Dir::Ltr),
        None => None,
    };
    let has_rtl_letters = text
        .chars()
        .any(|c| !is_mark(c) && class(c) == Class::Strong(Dir::Rtl));
    let mut chars = text.char_indices().peekable();
    while let Some((start, first)) = chars.next() {
        if !is_mark(first) {
            continue;
        }
        let mut end = start + first.len_utf8();
        let mut count = 1;
        let mut same = true;
        while let Some(&(at, c)) = chars.peek().filter(|&&(_, c)| is_mark(c)) {
            end = at + c.len_utf8();
            count += 1;
            same &= c == first;
            chars.next();
        }
        let what = if count == 1 {
            a_named(first)
        } else if same {
            format!("{count} {}s ({}) in a row", name(first), code_point(first))
        } else {
            format!("{count} bidi marks in a row")
        };
        let Class::Strong(dir) = class(first) else {
            continue;
        };
        let stray = if !same {
            None
        } else {
            let verb = Verb { plural: count > 1 };
            stray(input, start..end, dir, lang_dir, has_rtl_letters, verb)
        };
        if let Some(why) = stray {
            sink.push(input.removal(start..end, format!("{what} {why}")));
        } else if count > 1 {
            let extra = start + first.len_utf8()..end;
            let finding = if same {
                input.removal(
                    extra,
                    format!(
                        "{count} {}s ({}) in a row: one is enough",
                        name(first),
                        code_point(first)
                    ),
                )
            } else {
                Finding {
                    suggestion: Some("keep the one that is meant".into()),
                    ..input.finding(start..end, format!("{count} different bidi marks in a row"))
                }
            };
            sink.push(finding);
        }
    }
}

/// A verb agreeing with one mark or several.
#[derive(Debug, Clone, Copy)]
struct Verb {
    plural: bool,
}

impl Verb {
    /// `does` or `do`, `turns` or `turn`.
    fn of(self, singular: &'static str) -> &'static str {
        match (self.plural, singular) {
            (false, _) => singular,
            (true, "does") => "do",
            (true, "turns") => "turn",
            (true, other) => other,
        }
    }
}

/// Why the run of marks of direction `dir` at `run` is stray, if it is.
fn stray(
    input: &Input<'_>,
    run: std::ops::Range<usize>,
    dir: Dir,
    lang_dir: Option<Dir>,
    has_rtl_letters: bool,
    verb: Verb,
) -> Option<String> {
    let text = input.text;
    let before = text.get(..run.start).unwrap_or_default();
    let after = text.get(run.end..).unwrap_or_default();
    let (prev, left_gap) = near(before.char_indices().rev(), input.codes, run.start, true);
    let after_chars = after.char_indices().map(|(i, c)| (run.end + i, c));
    let (next, right_gap) = near(after_chars, input.codes, run.end, false);
    let language = input.lang.map_or("this", Lang::name);
    // Before the first letter, a mark decides the paragraph's direction
    // where it is taken from the text.
    if prev == Near::Edge {
        let first = after.chars().find_map(|c| match class(c) {
            Class::Strong(d) => Some(d),
            _ => None,
        });
        if first != Some(dir) {
            return match lang_dir {
                Some(d) if d != dir => Some(format!(
                    "before the first letter {} this {language} text {}",
                    verb.of("turns"),
                    dir.name()
                )),
                _ => None,
            };
        }
    }
    if lang_dir == Some(Dir::Ltr) && !has_rtl_letters {
        return Some(format!(
            "in {language} text without right-to-left letters {} nothing",
            verb.of("does")
        ));
    }
    let paragraphs: &[Dir] = match lang_dir {
        Some(Dir::Ltr) => &[Dir::Ltr],
        _ => &[Dir::Rtl, Dir::Ltr],
    };
    // What lies past an edge of the segment is not known: the text around
    // it in the document may be of either direction.
    let sides = |n: Near| match n {
        Near::Edge => Some(&[Dir::Ltr, Dir::Rtl][..]),
        Near::Letter(Dir::Ltr) => Some(&[Dir::Ltr][..]),
        Near::Letter(Dir::Rtl) => Some(&[Dir::Rtl][..]),
        Near::Other => None,
    };
    let (Some(lefts), Some(rights)) = (sides(prev), sides(next)) else {
        return None;
    };
    let nothing = paragraphs.iter().all(|&p| {
        // UAX #9 N1/N2: neutrals between two letters of one direction take
        // it, others the paragraph's.
        let resolve = |a: Dir, b: Dir| if a == b { a } else { p };
        lefts.iter().all(|&left| {
            rights.iter().all(|&right| {
                let without = resolve(left, right);
                (!left_gap || resolve(left, dir) == without)
                    && (!right_gap || resolve(dir, right) == without)
            })
        })
    });
    if !nothing {
        return None;
    }
    let place = match (prev, next) {
        (Near::Edge, _) => "at the start of the text".to_owned(),
        (_, Near::Edge) => "at the end of the text".to_owned(),
        (Near::Letter(a), Near::Letter(b)) if a == b => format!("between {} letters", a.name()),
        _ => "here".to_owned(),
    };
    Some(format!("{place} {} nothing", verb.of("does")))
}

#[cfg(test)]
mod tests {
    use super::super::testing;
    use super::super::testing::findings;
    use super::super::{Finding, Side};
    use crate::report::Applicability;

    const SOURCE: &str = "Senator Chizhov arrived in Islamabad.";

    /// Writes `<RLM>` and the like as the characters.
    fn controls(text: &str) -> String {
        [
            ("<LRM>", "\u{200E}"),
            ("<RLM>", "\u{200F}"),
            ("<ALM>", "\u{061C}"),
            ("<LRE>", "\u{202A}"),
            ("<RLE>", "\u{202B}"),
            ("<PDF>", "\u{202C}"),
            ("<LRI>", "\u{2066}"),
            ("<RLI>", "\u{2067}"),
            ("<PDI>", "\u{2069}"),
        ]
        .iter()
        .fold(text.to_owned(), |t, (name, c)| t.replace(name, c))
    }

    fn run(source: &str, lang: &str, target: &str) -> (String, String, Vec<Finding>) {
        let (source, target) = (controls(source), controls(target));
        let found = findings(super::check, "en", &source, lang, &target);
        (source, target, found)
    }

    /// The findings on the target: (underlined text, message, safe removal).
    fn on_target(lang: &str, target: &str) -> Vec<(String, String, bool)> {
        let (_, target, found) = run(SOURCE, lang, target);
        found
            .into_iter()
            .map(|f| {
                assert_eq!(f.side, Side::Target);
                let safe = f.fix.is_some_and(|fix| {
                    fix.replacement.is_empty() && fix.applicability == Applicability::Safe
                });
                (target[f.span].to_owned(), f.message, safe)
            })
            .collect()
    }

    #[test]
    fn fires_on_a_mark_in_russian_text() {
        let got = on_target("ru", "Сенатор Чижов<RLM> прибыл в Исламабад.");
        assert_eq!(
            got,
            [(
                "\u{200F}".into(),
                "a right-to-left mark (U+200F) in Russian text without right-to-left letters does nothing".into(),
                true
            )]
        );
        let d = testing::check(
            "bidi-control",
            "ru",
            SOURCE,
            &controls("Сенатор Чижов<LRM> прибыл в Исламабад."),
        );
        assert_eq!(d.len(), 1);
        assert_eq!(testing::underlined(&d[0]), "\u{200E}");
    }

    #[test]
    fn fires_on_a_mark_in_the_english_source() {
        let (_, _, found) = run(
            "Senator Chizhov<LRM> arrived in Islamabad.",
            "ru",
            "Сенатор Чижов прибыл в Исламабад.",
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].side, Side::Source);
    }

    #[test]
    fn fires_on_urdu_marks_that_do_nothing() {
        let text = "سینیٹر چیژوف اسلام آباد پہنچ گئے۔";
        let got = on_target("ur", &format!("<RLM>{text}"));
        assert_eq!(
            got,
            [(
                "\u{200F}".into(),
                "a right-to-left mark (U+200F) at the start of the text does nothing".into(),
                true
            )]
        );
        let got = on_target("ur", &format!("{text}<RLM>"));
        assert_eq!(
            got[0].1,
            "a right-to-left mark (U+200F) at the end of the text does nothing"
        );
        let got = on_target("ur", "سینیٹر چیژوف اسلام <ALM>آباد پہنچ گئے۔");
        assert_eq!(
            got[0].1,
            "an Arabic letter mark (U+061C) between right-to-left letters does nothing"
        );
        let got = on_target("ur", &format!("{text}<RLM><RLM>"));
        assert_eq!(
            got[0].1,
            "2 right-to-left marks (U+200F) in a row at the end of the text do nothing"
        );
    }

    #[test]
    fn fires_on_a_mark_that_turns_urdu_left_to_right() {
        let got = on_target("ur", "<LRM>سینیٹر چیژوف اسلام آباد پہنچ گئے۔");
        assert_eq!(
            got,
            [(
                "\u{200E}".into(),
                "a left-to-right mark (U+200E) before the first letter turns this Urdu text left-to-right".into(),
                true
            )]
        );
    }

    #[test]
    fn fires_on_repeated_marks() {
        let got = on_target(
            "ur",
            "پاکستان BRICS<RLM><RLM><RLM>، میں شامل ہونا چاہتا ہے۔",
        );
        assert_eq!(
            got,
            [(
                "\u{200F}\u{200F}".into(),
                "3 right-to-left marks (U+200F) in a row: one is enough".into(),
                true
            )]
        );
    }

    #[test]
    fn fires_on_unbalanced_embeddings_and_isolates() {
        let got = on_target("ur", "<RLE>پاکستان اور روس کے تعلقات");
        assert_eq!(
            got,
            [(
                "\u{202B}".into(),
                "a right-to-left embedding (U+202B) that is never closed".into(),
                false
            )]
        );
        let got = on_target("ru", "Газета «<RLI>جنگ» сообщила об этом.");
        assert_eq!(
            got[0].1,
            "a right-to-left isolate (U+2067) that is never closed"
        );
        let got = on_target("ru", "Газета «جنگ<PDI>» сообщила об этом.");
        assert_eq!(
            got,
            [(
                "\u{2069}".into(),
                "a pop directional isolate (U+2069) with no isolate to close".into(),
                true
            )]
        );
        let got = on_target("ur", "<RLI>پاکستان<PDF><PDI> اور روس");
        assert_eq!(
            got[0].1,
            "a pop directional formatting (U+202C) with no embedding or override to close"
        );
        let got = on_target("ur", "<RLI><LRE>BRICS<PDI> اور روس");
        assert_eq!(
            got[0].1,
            "a left-to-right embedding (U+202A) left open inside an isolate: \
             the pop directional isolate (U+2069) closes it"
        );
    }

    #[test]
    fn does_not_fire_on_marks_that_steer_numbers_latin_or_punctuation() {
        let targets = [
            (
                "ur",
                "پاکستان BRICS<RLM>، چین اور روس کا شکریہ ادا کرتا ہے۔",
            ),
            ("ur", "<RLM>BRICS کا اجلاس ماسکو میں ہوا۔"),
            ("ur", "اجلاس 7<LRM>-8 فروری کو ہوا۔"),
            ("ur", "اجلاس 2024<RLM> میں ہوا۔"),
            ("ur", "اجلاس BRICS <RLM>"),
            ("ur", "<LRI>BRICS 2025<PDI> کا اجلاس قازان میں ہوا۔"),
            ("ur", "<RLE>پاکستان<PDF> اور روس"),
            ("ru", "Газета «<RLI>جنگ<PDI>» сообщила об этом."),
            ("ru", "Сенатор Чижов прибыл в Исламабад."),
        ];
        for (lang, target) in targets {
            let target = controls(target);
            assert!(
                testing::check("bidi-control", lang, SOURCE, &target).is_empty(),
                "{target:?}"
            );
        }
    }

    #[test]
    fn the_byte_test_finds_every_control() {
        for c in ('\0'..='\u{FFFF}').filter(|&c| super::is_control(c)) {
            assert!(
                super::has_control(&format!("a{c}")),
                "U+{:04X}",
                u32::from(c)
            );
            assert!(
                super::has_control(&format!("{c}b")),
                "U+{:04X}",
                u32::from(c)
            );
        }
        assert!(!super::has_control("“Чижов” — ۔ ؟ ، ‘x’"));
    }

    #[test]
    fn does_not_fire_next_to_an_inline_code() {
        let mut pair = testing::pair("en", SOURCE, "ur", "اجلاس \u{200F} میں ہوا۔");
        pair.target.as_mut().unwrap().codes.push(super::TextCode {
            at: "اجلاس ".len(),
            kind: crate::xliff::CodeKind::Standalone,
            element: "ph".into(),
            id: "1".into(),
        });
        assert!(testing::run("bidi-control", &[pair]).is_empty());
        let pair = testing::pair("en", SOURCE, "ur", "اجلاس \u{200F} میں ہوا۔");
        assert_eq!(testing::run("bidi-control", &[pair]).len(), 1);
    }
}
