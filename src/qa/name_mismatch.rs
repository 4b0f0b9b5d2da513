//! `name-mismatch`: a person's name in the target in a spelling the glossary does not list.
//!
//! ## What it does
//! When the source names a person of the glossary (a concept of kind
//! `person`) and the target has none of the person's terms in the target
//! language, looks in the target for a near miss of one of them: a run of
//! words, each within a few edits of the words of a listed spelling or form
//! (`Альбертом Хорьевым` for `Альбертом Хоревым`), or one word close to a
//! word of them (`خوریوف` for `خوریف`). Words are compared by their
//! matching keys: case, Urdu letters (ي ی, ك ک), Russian ё and е and
//! diacritics (zer) do not count. Words under five letters must be equal,
//! words of 5 to 8 letters may be one edit apart, longer ones two. A Russian
//! word is also compared by its stem, so that a misspelled case form the
//! glossary does not list (`Хорьевом`) is still near `Хоревым`, and a
//! correct one (`Хоревыми`) is the name itself, not a finding. In Urdu, a
//! letter for a like-sounding one (کھ for خ, ٹ for ت, ڈ for د, ص for س, …)
//! is one edit, so `کھوریف` is near `خوریف`. In a run of words, the one
//! word that differs may be one edit further when another word of five
//! letters or more is as listed (`البرٹ پی خوراییف`).
//!
//! A word of any of the person's listed spellings counts as part of the
//! name, in whatever order and combination (`البرٹ پی خوریو`, with خوریو of
//! the listed `خوریو البرٹ پاولووچ`), but given names alone (`البرٹ پی`) are
//! not the person. A spelling listed with a vowel mark (`چِژوف`) does not
//! make the unmarked word (`چژوف`) listed.
//!
//! When the target has a listed spelling of the person, the word right
//! after it is checked too: if a longer listed spelling goes on with a
//! word that one is close to (`Мушахида Хусейна Саида`: the listed
//! `Мушахида Хусейна` and `Мушахида Хусейна Сайеда`), that is a near miss.
//! The word must be capitalized where the script has capitals.
//!
//! Only the words of a near miss that differ from the listed spelling may
//! be part of a term the recognizer found (a title as in `сенатора Саида`
//! for the listed `сенатора Сайеда` may); a capitalized word of a listed
//! form must be capitalized in the target (Urdu has no capitals, so there
//! this says nothing). A lone word is compared only with the words of the
//! name itself, not with titles around it (`сенатор` in the form `сенатор
//! Чижов`, which is a term of its own).
//!
//! The search is shared with `term-missing`: a person whose name is
//! misspelled in the target is reported here, once, and not also as
//! missing.
//!
//! ## Why
//! Names transliterated from Russian into Urdu vary from outlet to outlet
//! (خوریف, خورئیو, خوریو for Khorev), and Russian surnames decline into forms
//! that are easy to misspell. The glossary decides which spellings a
//! release uses; a spelling it does not list is a typo or another outlet's
//! transliteration, and readers take two spellings for two people.
//!
//! ## Fires
//! ```text
//! en: Ambassador Albert P. Khorev met the press.
//! ur: سفیر البرٹ پی خوریوف نے صحافیوں سے بات کی۔      "البرٹ پی خوریوف": write البرٹ پی خوریف
//! ur: سفیر البرٹ پی کھوریف نے صحافیوں سے بات کی۔      "البرٹ پی کھوریف": write البرٹ پی خوریف
//! ru: Послом Альбертом Хорьевым подписано письмо.     "Альбертом Хорьевым": write Альбертом Хоревым
//!
//! en: The committee thanked Senator Mushahid Hussain Sayed.
//! ru: Комитет поблагодарил сенатора Мушахида Хусейна Саида.
//!                                 "Мушахида Хусейна Саида": write Мушахида Хусейна Сайеда
//! ```
//!
//! ## Does not fire
//! ```text
//! ru: Письмо подписано послом Альбертом Хорёвым.      (ё is е: a listed form)
//! ur: ولاديمير چيژوف نے کہا۔                           (Arabic ي for ی: urdu-codepoint's finding)
//! ur: سفیر البرٹ پی خوریو نے کہا۔                      (every word of it is listed)
//! ru: Письмо подписано послом.                        (no name at all: term-missing)
//! ```
//!
//! ## Default severity
//! error. The suggestion is the closest spelling the glossary lists (its
//! preferred term's forms first); the fix (unsafe: a person should look)
//! writes it in place of the near miss.

use std::cmp::Reverse;
use std::ops::Range;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::char::is_combining_mark;

use super::{Finding, PairContext, Side, Sink};
use crate::glossary::recognize::{Match, is_russian_stopform};
use crate::glossary::{Concept, Kind, Matching, Status};
use crate::lang::Lang;
use crate::report::{Applicability, Fix, RuleInfo, Severity};
use crate::text::normalize::{self, tokens};

pub const RULE: RuleInfo = RuleInfo {
    id: "name-mismatch",
    default_severity: Severity::Error,
    summary: "a person's name in the target in a spelling the glossary does not list",
    help: "write the name as the glossary spells it",
};

/// Arabic heh, which Urdu text pasted from Arabic sources has for ہ.
const ARABIC_HEH: char = '\u{0647}';

/// A single word of a longer name is a candidate from this many letters.
const MIN_SINGLE_CHARS: usize = 5;

/// A Russian stem is compared from this many letters.
const MIN_STEM_CHARS: usize = 4;

/// Surnames counted on their own from this many letters.
const MIN_SURNAME_CHARS: usize = 3;

/// A word of a longer term counts in a loose match from this many letters.
const MIN_CONTENT_CHARS: usize = 4;

pub(super) fn check(cx: &PairContext<'_>, sink: &mut Sink<'_>) {
    let absent = absent(cx)
        .into_iter()
        .filter_map(|a| Some((a.source, a.near_miss?)));
    for (source, near) in absent.chain(trailing(cx)) {
        let written = cx.target.get(near.span.clone()).unwrap_or_default();
        let named = cx.source.get(source.span.clone()).unwrap_or_default();
        sink.push(Finding {
            side: Side::Target,
            span: near.span,
            message: format!("\"{written}\" is not a spelling the glossary lists for \"{named}\""),
            suggestion: Some(near.listed.to_owned()),
            fix: Some(Fix {
                replacement: near.listed.to_owned(),
                applicability: Applicability::Unsafe,
            }),
        });
    }
}

/// A glossary concept of the source that the target does not render.
#[derive(Debug)]
pub(super) struct Absent<'c> {
    /// The concept's first term in the source.
    pub source: &'c Match,
    /// For a person: a spelling in the target close to a listed one.
    pub near_miss: Option<NearMiss<'c>>,
}

/// A near miss of a person's name in the target.
#[derive(Debug)]
pub(super) struct NearMiss<'c> {
    /// Byte range in the target.
    pub span: Range<usize>,
    /// The closest spelling the glossary lists.
    pub listed: &'c str,
}

/// The concepts of the source (one entry each, at their first term) that
/// have target-language terms in the glossary and none of them in the
/// target. Counted as there:
/// - a term inside a longer term (`Российской Федерации` in `сенатора
///   Российской Федерации`), and a discouraged term (`term-forbidden`'s
///   finding);
/// - a term in a form the recognizer does not see ([`loosely_there`]:
///   `سینیٹرز`, `روسی سفارت خانے`, `комитета Сената по обороне`);
/// - a place as an adjective (`российско-пакистанское`, `پاکستانی`);
/// - for a person, the surname alone, or a correct Russian case form the
///   glossary does not list; a near miss of a listed spelling is kept,
///   with the near miss;
/// - a title right before a person's name in the source (`Senator Vladimir
///   A. Chizhov's visit`) when the name is in the target (`Визит
///   В. А. Чижова`): translations drop such titles.
pub(super) fn absent<'c>(cx: &'c PairContext<'_>) -> Vec<Absent<'c>> {
    let (Some(from), Some(to)) = (cx.source_lang, cx.target_lang) else {
        return Vec::new();
    };
    if from == to {
        return Vec::new();
    }
    let source_terms = cx.source_terms();
    let target_terms = cx.target_terms();
    let mut out = Vec::new();
    let mut nested: Option<Vec<Match>> = None;
    let mut words: Option<Vec<Word>> = None;
    for (i, m) in source_terms.iter().enumerate() {
        let before = source_terms.get(..i).unwrap_or_default();
        if before.iter().any(|p| p.concept == m.concept)
            || target_terms.iter().any(|t| t.concept == m.concept)
        {
            continue;
        }
        let Some(concept) = cx.glossary.concepts.get(m.concept) else {
            continue;
        };
        if !concept
            .terms_in(to.code())
            .any(|t| !t.status.is_discouraged())
        {
            continue;
        }
        let nested = nested.get_or_insert_with(|| nested_terms(cx, to));
        if nested.iter().any(|t| t.concept == m.concept) {
            continue;
        }
        let words = words.get_or_insert_with(|| target_words(cx, to));
        let forms = forms(concept, to);
        let person = concept.kind == Some(Kind::Person);
        if loosely_there(&forms, person, to, words)
            || (concept.kind == Some(Kind::Place) && place_adjective(&forms, to, words))
        {
            continue;
        }
        let mut near_miss = None;
        if person {
            match find_name(cx, m.concept, concept, &forms, to, words) {
                Name::Present => continue,
                Name::NearMiss(near) => near_miss = Some(near),
                Name::Absent => {}
            }
        }
        out.push(Absent {
            source: m,
            near_miss,
        });
    }
    let dropped: Vec<bool> = out
        .iter()
        .map(|a| title_of_named_person(cx, a.source, &out))
        .collect();
    let mut dropped = dropped.into_iter();
    out.retain(|_| !dropped.next().unwrap_or(false));
    out
}

/// Near misses right after a person's name in the target: a listed
/// spelling (`Мушахида Хусейна`) followed by a word that is almost the
/// next word of a longer listed spelling (`Саида` for the `Сайеда` of
/// `Мушахида Хусейна Сайеда`). The recognizer takes the shorter spelling,
/// so [`absent`] never sees the word after it. Only for a person the
/// source names; the word must follow with nothing but space between, be
/// capitalized where the script has capitals, and not be a word of the
/// name's listed spellings. Where the script has capitals the word may be
/// an edit further than [`reach`], the name before it being right.
fn trailing<'c>(cx: &'c PairContext<'_>) -> Vec<(&'c Match, NearMiss<'c>)> {
    let (Some(from), Some(lang)) = (cx.source_lang, cx.target_lang) else {
        return Vec::new();
    };
    if from == lang {
        return Vec::new();
    }
    let source_terms = cx.source_terms();
    let mut out = Vec::new();
    let mut words: Option<Vec<Word>> = None;
    for m in cx.target_terms() {
        let Some(concept) = cx.glossary.concepts.get(m.concept) else {
            continue;
        };
        if concept.kind != Some(Kind::Person) || m.status.is_discouraged() {
            continue;
        }
        let Some(source) = source_terms.iter().find(|s| s.concept == m.concept) else {
            continue;
        };
        if !may_trail(cx, m) {
            continue;
        }
        let words = words.get_or_insert_with(|| target_words(cx, lang));
        let Some(at) = words.iter().position(|w| w.span.start >= m.span.end) else {
            continue;
        };
        let (Some(next), Some(gap)) = (
            words.get(at),
            words
                .get(at)
                .and_then(|n| cx.target.get(m.span.end..n.span.start)),
        ) else {
            continue;
        };
        let text = cx.target.get(next.span.clone()).unwrap_or_default();
        let cased = text.chars().any(|c| c.is_lowercase() || c.is_uppercase());
        if !next.free
            || gap.is_empty()
            || !gap.chars().all(char::is_whitespace)
            || (cased && !next.capital)
        {
            continue;
        }
        let matched: Vec<&Word> = words
            .iter()
            .filter(|w| m.span.start <= w.span.start && w.span.end <= m.span.end)
            .collect();
        let forms = forms(concept, lang);
        let names = NameWords::new(concept, &forms, lang);
        if names.knows(&next.key) {
            continue;
        }
        let slack = usize::from(cased);
        let mut best: Option<((usize, bool), &Form<'c>)> = None;
        let mut correct = false;
        for form in &forms {
            let (Some(head), Some(listed)) = (
                form.words.get(..matched.len()),
                form.words.get(matched.len()),
            ) else {
                continue;
            };
            let extends = head
                .iter()
                .zip(&matched)
                .all(|(l, w)| l.key == w.key || (!w.stem.is_empty() && l.stem == w.stem));
            if !extends || !is_long(&listed.key) || (listed.capital && !next.capital) {
                continue;
            }
            let Some(found) = word_distance(next, listed, slack) else {
                continue;
            };
            if found.edits == 0 {
                correct = true;
                break;
            }
            let rank = (found.cost, !form.preferred);
            if best.as_ref().is_none_or(|(b, _)| rank < *b) {
                best = Some((rank, form));
            }
        }
        let Some((_, form)) = best.filter(|_| !correct) else {
            continue;
        };
        let listed = tokens(form.text)
            .nth(matched.len())
            .and_then(|t| form.text.get(..t.span.end))
            .unwrap_or(form.text);
        out.push((
            source,
            NearMiss {
                span: m.span.start..next.span.end,
                listed,
            },
        ));
    }
    out
}

/// Whether the word after the term `m` in the target may be a near miss
/// for [`trailing`] (a cheap test before the real one): after nothing but
/// space, of three letters or more, capitalized where the script has
/// capitals, and not part of a term.
fn may_trail(cx: &PairContext<'_>, m: &Match) -> bool {
    let Some(rest) = cx.target.get(m.span.end..) else {
        return false;
    };
    let Some(next) = tokens(rest).next() else {
        return false;
    };
    let gap = rest.get(..next.span.start).unwrap_or_default();
    let cased = next
        .text
        .chars()
        .any(|c| c.is_lowercase() || c.is_uppercase());
    let (start, end) = (m.span.end + next.span.start, m.span.end + next.span.end);
    !gap.is_empty()
        && gap.chars().all(char::is_whitespace)
        && next.text.chars().nth(MIN_SURNAME_CHARS - 1).is_some()
        && (!cased || is_capitalized(next.text))
        && !cx
            .target_terms()
            .iter()
            .any(|t| t.span.start < end && start < t.span.end)
}

/// Whether `title` is a title right before a person's name in the source
/// (through other titles and commas: `the Russian Ambassador to Pakistan,
/// H.E. Albert P. Khorev`) whose concept the target has (not in `absent`,
/// or there as a near miss).
fn title_of_named_person(cx: &PairContext<'_>, title: &Match, absent: &[Absent<'_>]) -> bool {
    let kind = |m: &Match| cx.glossary.concepts.get(m.concept).and_then(|c| c.kind);
    if kind(title) != Some(Kind::Title) {
        return false;
    }
    let terms = cx.source_terms();
    let Some(at) = terms.iter().position(|m| std::ptr::eq(m, title)) else {
        return false;
    };
    let mut end = title.span.end;
    for next in terms.iter().skip(at + 1) {
        let gap = cx.source.get(end..next.span.start).unwrap_or("-");
        if !gap.chars().all(|c| c.is_whitespace() || c == ',') {
            return false;
        }
        match kind(next) {
            Some(Kind::Title) => end = next.span.end,
            Some(Kind::Person) => {
                return !absent
                    .iter()
                    .any(|a| a.source.concept == next.concept && a.near_miss.is_none());
            }
            _ => return false,
        }
    }
    false
}

/// Urdu plural and oblique endings a term's last word takes.
const URDU_ENDINGS: [&str; 5] = ["ز", "وں", "یں", "ین", "ات"];

/// Urdu endings that replace a final ہ or ا (`خانہ`, `خانے`, `خانوں`).
const URDU_VOWEL_ENDINGS: [&str; 3] = ["ے", "وں", "یں"];

/// Whether a term (one of `forms`) is in the target in a way the recognizer
/// does not see: a one-word term with an Urdu plural or oblique ending
/// (`سینیٹرز`, `مبصرین`) or a Russian word with its stem (`президенты` for
/// `президент`; not a common word such as `после`), or a longer one whose words are all there (all
/// but one for four words or more) within a few words of each other, in
/// any order and in any form (`روسی سفارت خانے` for `روسی سفارت خانہ`;
/// `комитета Сената по обороне` for `комитет по обороне Сената
/// Пакистана`; a person's name needs every word). Words under four
/// letters (`по`, `کی`) do not count in a longer term.
fn loosely_there(forms: &[Form<'_>], person: bool, lang: Lang, words: &[Word]) -> bool {
    forms.iter().any(|form| {
        if let [only] = form.words.as_slice() {
            return words.iter().any(|w| match lang {
                Lang::Ur => urdu_inflection(&w.key, &only.key),
                Lang::Ru => !w.stem.is_empty() && w.stem == only.stem,
                Lang::En => false,
            });
        }
        let content: Vec<&FormWord> = form
            .words
            .iter()
            .filter(|w| w.key.chars().nth(MIN_CONTENT_CHARS - 1).is_some())
            .collect();
        let need = match content.len() {
            0 => return false,
            n @ 1..4 => n,
            // A name with a word missing may be a near miss.
            n if person => n,
            n => n - 1,
        };
        let width = form.words.len() + 2;
        (0..words.len()).any(|start| {
            let window = words
                .get(start..(start + width).min(words.len()))
                .unwrap_or_default();
            let found = content
                .iter()
                .filter(|listed| window.iter().any(|w| same_word(lang, w, listed)))
                .count();
            found >= need
        })
    })
}

/// Whether a target word is a form of a listed word: the same key, the
/// same Russian stem (a common word such as `после` has none), or the Urdu
/// word with a plural or oblique ending.
fn same_word(lang: Lang, word: &Word, listed: &FormWord) -> bool {
    word.key == listed.key
        || match lang {
            Lang::Ru => !word.stem.is_empty() && word.stem == listed.stem,
            Lang::Ur => urdu_inflection(&word.key, &listed.key),
            Lang::En => false,
        }
}

/// Whether `word` is `base` with an Urdu plural or oblique ending.
fn urdu_inflection(word: &str, base: &str) -> bool {
    if base.chars().nth(MIN_SURNAME_CHARS - 1).is_none() {
        return false;
    }
    if let Some(ending) = word.strip_prefix(base)
        && URDU_ENDINGS.contains(&ending)
    {
        return true;
    }
    base.strip_suffix(['\u{06C1}', 'ا'])
        .and_then(|stem| word.strip_prefix(stem))
        .is_some_and(|ending| URDU_VOWEL_ENDINGS.contains(&ending))
}

/// Whether a one-word term of a place (one of `forms`) is in the target as an
/// adjective: Russian `-ск-` (`пакистанский`, `российско-`), Urdu `-ی`
/// (`روسی`, `پاکستانی`, `امریکی` for `امریکہ`).
fn place_adjective(forms: &[Form<'_>], lang: Lang, words: &[Word]) -> bool {
    forms.iter().any(|form| {
        let [word] = form.words.as_slice() else {
            return false;
        };
        let base = word.key.as_str();
        match lang {
            Lang::Ru => {
                let stem =
                    base.trim_end_matches(['а', 'я', 'е', 'и', 'о', 'у', 'ы', 'э', 'ю', 'й', 'ь']);
                stem.chars().nth(MIN_STEM_CHARS - 1).is_some()
                    && words.iter().any(|w| {
                        w.key.strip_prefix(stem).is_some_and(|rest| {
                            ["ск", "йск", "ийск"].iter().any(|a| rest.starts_with(a))
                        })
                    })
            }
            Lang::Ur => {
                let stem = base.strip_suffix(['\u{06C1}', 'ا']).unwrap_or(base);
                stem.chars().nth(MIN_SURNAME_CHARS - 1).is_some()
                    && words
                        .iter()
                        .any(|w| w.key.strip_prefix(stem).is_some_and(|rest| rest == "ی"))
            }
            Lang::En => false,
        }
    })
}

/// The target's terms, also those inside longer ones; in Urdu also with
/// Arabic heh read as ہ (`urdu-codepoint` reports the letter, the term is
/// there).
fn nested_terms(cx: &PairContext<'_>, lang: Lang) -> Vec<Match> {
    let Some(recognizer) = cx.checker.recognizer(Some(lang)) else {
        return Vec::new();
    };
    let mut found = recognizer.find_overlapping(cx.target);
    if lang == Lang::Ur && cx.target.contains(ARABIC_HEH) {
        let folded = cx.target.replace(ARABIC_HEH, "\u{06C1}");
        found.extend(recognizer.find_overlapping(&folded));
    }
    found
}

/// A word of the target.
#[derive(Debug)]
struct Word {
    span: Range<usize>,
    /// Its key without diacritics ([`name_key`]).
    key: String,
    capital: bool,
    /// Not part of a term the recognizer found.
    free: bool,
    /// In Russian, its stem if at least four letters long and the word is
    /// not a common one (`после` is no form of `посол`), else empty.
    stem: String,
    /// In Urdu, its [`sound_key`], else empty.
    sound: String,
}

fn target_words(cx: &PairContext<'_>, lang: Lang) -> Vec<Word> {
    let matches = cx.target_terms();
    let stemmer = russian_stemmer(lang);
    tokens(cx.target)
        .map(|token| {
            let span = token.span;
            let key = name_key(token.text, lang);
            let stem = if lang == Lang::Ru && is_russian_stopform(&key) {
                String::new()
            } else {
                stem_of(stemmer.as_ref(), &key)
            };
            Word {
                free: !matches
                    .iter()
                    .any(|m| m.span.start < span.end && span.start < m.span.end),
                capital: is_capitalized(token.text),
                stem,
                sound: sound_key(&key, lang),
                key,
                span,
            }
        })
        .collect()
}

fn russian_stemmer(lang: Lang) -> Option<Stemmer> {
    (lang == Lang::Ru).then(|| Stemmer::create(Algorithm::Russian))
}

/// The stem of a key if there is a stemmer and the stem has at least four
/// letters, else the empty string.
fn stem_of(stemmer: Option<&Stemmer>, key: &str) -> String {
    stemmer
        .map(|s| s.stem(key))
        .filter(|stem| stem.chars().nth(MIN_STEM_CHARS - 1).is_some())
        .map(|stem| stem.into_owned())
        .unwrap_or_default()
}

/// A spelling of a concept the glossary lists in the target language: a
/// term, one of its forms, or (for a person's name) one word of them.
#[derive(Debug)]
struct Form<'g> {
    text: &'g str,
    words: Vec<FormWord>,
    /// Of the preferred term.
    preferred: bool,
}

#[derive(Debug, Clone)]
struct FormWord {
    key: String,
    capital: bool,
    /// As [`Word::stem`].
    stem: String,
    /// As [`Word::sound`].
    sound: String,
}

/// What the target has of a person's name.
#[derive(Debug)]
enum Name<'g> {
    Present,
    NearMiss(NearMiss<'g>),
    Absent,
}

fn find_name<'g>(
    cx: &PairContext<'_>,
    id: usize,
    concept: &Concept,
    forms: &[Form<'g>],
    lang: Lang,
    words: &[Word],
) -> Name<'g> {
    let names = NameWords::new(concept, forms, lang);
    let multi = forms.iter().filter(|f| f.words.len() > 1);
    // A near miss of one word after a title (`сенатору Чижеву`) competes
    // with the lone word's (`Чижеву`).
    let multi = match closest(multi, words, &names) {
        Closest::Same => return Name::Present,
        Closest::Near(rank, near) if rank.0.0 > 1 => return Name::NearMiss(near),
        Closest::Near(rank, near) => Some((rank, near)),
        Closest::None => None,
    };
    let singles = single_words(cx, id, lang, forms);
    if has_surname(concept, lang, words, &singles, &names) {
        return Name::Present;
    }
    let singles = forms.iter().filter(|f| f.words.len() == 1).chain(&singles);
    let single = match closest(singles, words, &names) {
        Closest::Same => return Name::Present,
        Closest::Near(rank, near) => Some((rank, near)),
        Closest::None => None,
    };
    match (multi, single) {
        (Some((a, near)), Some((b, _))) if a < b => Name::NearMiss(near),
        (_, Some((_, near))) | (Some((_, near)), None) => Name::NearMiss(near),
        (None, None) => Name::Absent,
    }
}

/// The words a person's listed spellings are made of. A target word that
/// is one of them is part of the name in whatever order and combination
/// the target has them (`البرٹ پی خوریو`, with خوریو of `خوریو البرٹ
/// پاولووچ`).
#[derive(Debug, Default)]
struct NameWords {
    /// The keys of every word of every spelling (but those written with
    /// vowel marks, which the key leaves out).
    known: Vec<String>,
    /// The keys of the given names (and patronymics): in Russian, whose
    /// glossary lists the surname's case forms as one-word forms, the
    /// words that are not one of those; elsewhere the preferred term's
    /// words but the last (the given name comes first). Given names alone
    /// are not the person.
    given: Vec<String>,
}

impl NameWords {
    fn new(concept: &Concept, forms: &[Form<'_>], lang: Lang) -> NameWords {
        let mut known: Vec<String> = Vec::new();
        for form in forms {
            for (token, word) in tokens(form.text).zip(&form.words) {
                // چِژوف lists the vowel mark, not چژوف.
                if !token.text.chars().any(is_combining_mark) && !known.contains(&word.key) {
                    known.push(word.key.clone());
                }
            }
        }
        let mut given = Vec::new();
        if lang == Lang::Ru {
            let surnames: Vec<&str> = forms
                .iter()
                .filter_map(|f| match f.words.as_slice() {
                    [only] => Some(only.key.as_str()),
                    _ => None,
                })
                .collect();
            if !surnames.is_empty() {
                given = known
                    .iter()
                    .filter(|k| !surnames.contains(&k.as_str()))
                    .cloned()
                    .collect();
            }
        } else if let Some(preferred) = concept.preferred(lang.code()) {
            given = tokens(&preferred.text)
                .map(|t| name_key(t.text, lang))
                .collect();
            given.pop();
        }
        NameWords { known, given }
    }

    fn knows(&self, key: &str) -> bool {
        self.known.iter().any(|k| k == key)
    }

    fn is_given(&self, key: &str) -> bool {
        self.given.iter().any(|k| k == key)
    }
}

/// The spellings of `concept` in `lang`: its terms that are not
/// discouraged, and their forms.
fn forms(concept: &Concept, lang: Lang) -> Vec<Form<'_>> {
    let stemmer = russian_stemmer(lang);
    let mut out = Vec::new();
    for term in concept.terms_in(lang.code()) {
        if term.status.is_discouraged() {
            continue;
        }
        let preferred = term.status == Status::Preferred;
        let mut texts = vec![term.text.as_str()];
        if let Matching::Forms(forms) = &term.matching {
            texts.extend(forms.iter().map(String::as_str));
        }
        for text in texts {
            let words: Vec<FormWord> = tokens(text)
                .map(|token| {
                    let key = name_key(token.text, lang);
                    FormWord {
                        stem: stem_of(stemmer.as_ref(), &key),
                        sound: sound_key(&key, lang),
                        capital: is_capitalized(token.text),
                        key,
                    }
                })
                .collect();
            if !words.is_empty() {
                out.push(Form {
                    text,
                    words,
                    preferred,
                });
            }
        }
    }
    out
}

/// The words of the multi-word spellings, one form each: a lone word of
/// the name may be a near miss of one of them (`ولادمیر`). Not the titles
/// and common words of a form (`сенатор Чижов`, `член ЦИК Борисов`): words
/// in lower case where the language has capitals, and words that are a
/// term of another concept on their own.
fn single_words<'g>(
    cx: &PairContext<'_>,
    id: usize,
    lang: Lang,
    forms: &[Form<'g>],
) -> Vec<Form<'g>> {
    let recognizer = cx.checker.recognizer(Some(lang));
    let mut out: Vec<Form<'g>> = Vec::new();
    for form in forms.iter().filter(|f| f.words.len() > 1) {
        for (token, word) in tokens(form.text).zip(&form.words) {
            let long = word.key.chars().nth(MIN_SINGLE_CHARS - 1).is_some();
            let cased = token
                .text
                .chars()
                .any(|c| c.is_lowercase() || c.is_uppercase());
            if !long || (cased && !word.capital) {
                continue;
            }
            let seen = out
                .iter()
                .chain(forms)
                .any(|f| f.words.len() == 1 && f.words.first().map(|w| &w.key) == Some(&word.key));
            let other =
                recognizer.is_some_and(|r| r.find(token.text).iter().any(|m| m.concept != id));
            if !seen && !other {
                out.push(Form {
                    text: token.text,
                    words: vec![word.clone()],
                    preferred: form.preferred,
                });
            }
        }
    }
    out
}

/// Whether a surname stands alone in the target: the last word of the
/// preferred term (Urdu and English write the given name first), or a word
/// of another listed spelling that is not a given name (خوریو of `خوریو
/// البرٹ پاولووچ`; `singles` are those words). Russian lists its surname
/// forms.
fn has_surname(
    concept: &Concept,
    lang: Lang,
    words: &[Word],
    singles: &[Form<'_>],
    names: &NameWords,
) -> bool {
    if lang == Lang::Ru {
        return false;
    }
    let Some(preferred) = concept.preferred(lang.code()) else {
        return false;
    };
    let mut parts = tokens(&preferred.text);
    let (Some(_), Some(last)) = (parts.next(), parts.last()) else {
        return false;
    };
    let surname = name_key(last.text, lang);
    let surname = surname
        .chars()
        .nth(MIN_SURNAME_CHARS - 1)
        .is_some()
        .then_some(surname);
    let others = singles
        .iter()
        .filter(|f| !f.text.chars().any(is_combining_mark))
        .filter_map(|f| f.words.first())
        .map(|w| &w.key)
        .filter(|key| !names.is_given(key));
    let mut surnames = surname.iter().chain(others);
    surnames.any(|s| words.iter().any(|w| w.free && w.key == *s))
}

/// The best near miss of `forms` in the target.
#[derive(Debug)]
enum Closest<'g> {
    /// A correct spelling in a case form the glossary does not list.
    Same,
    Near(Rank, NearMiss<'g>),
    None,
}

/// How close a near miss is, less is closer: more words of the name (not
/// counting a title that is a term of its own), then the cost
/// ([`distance`]), then not of a preferred term, then fewer words.
type Rank = (Reverse<usize>, usize, bool, usize);

/// The target's closest run of words to one of `forms`: by [`Rank`], then
/// the first.
fn closest<'g, 'f>(
    forms: impl Iterator<Item = &'f Form<'g>>,
    words: &[Word],
    names: &NameWords,
) -> Closest<'g>
where
    'g: 'f,
{
    let mut best: Option<(Rank, NearMiss<'g>)> = None;
    for form in forms {
        let n = form.words.len();
        for window in words.windows(n) {
            let Some((edits, cost, differs)) = distance(window, &form.words, names) else {
                continue;
            };
            if !differs {
                continue;
            }
            if edits == 0 {
                return Closest::Same;
            }
            let free = window.iter().filter(|w| w.free).count();
            let rank = (Reverse(free), cost, !form.preferred, n);
            let better = best.as_ref().is_none_or(|(b, _)| rank < *b);
            if let (true, Some(first), Some(last)) = (better, window.first(), window.last()) {
                let near = NearMiss {
                    span: first.span.start..last.span.end,
                    listed: form.text,
                };
                best = Some((rank, near));
            }
        }
    }
    best.map_or(Closest::None, |(rank, near)| Closest::Near(rank, near))
}

/// The edits between a run of target words and a spelling's words if
/// every word is within reach, how well they match (the edits, and one
/// more for each word matched by its stem only or with an edit beyond
/// reach), and whether some word differs. Only a word as listed may be
/// part of a term the recognizer found (the title of `сенатора Саида`
/// for `сенатора Сайеда`).
///
/// A word that is a word of another listed spelling ([`NameWords`]) counts
/// as no edit; a run of given names only is no match. In a run of several
/// words, the one word that differs may be an edit further than
/// [`reach`] when another word of at least five letters is exactly as
/// listed (`البرٹ پی کھوریف` for `البرٹ پی خوریف`).
fn distance(window: &[Word], form: &[FormWord], names: &NameWords) -> Option<(usize, usize, bool)> {
    let mut edits = 0;
    let mut cost = 0;
    let mut differs = false;
    // Some word is not a given name; some long word is as listed.
    let mut named = false;
    let mut anchored = false;
    let mut near = 0;
    let mut stretched = false;
    let slack = usize::from(window.len() > 1);
    for (word, listed) in window.iter().zip(form) {
        if listed.capital && !word.capital {
            return None;
        }
        if word.key == listed.key {
            named |= !names.is_given(&word.key);
            anchored |= is_long(&word.key);
            continue;
        }
        if !word.free {
            return None;
        }
        if names.knows(&word.key) {
            named |= !names.is_given(&word.key);
            differs = true;
            continue;
        }
        let found = word_distance(word, listed, slack)?;
        edits += found.edits;
        cost += found.cost;
        differs = true;
        named = true;
        near += 1;
        stretched |= found.stretched;
    }
    if !named || (stretched && (near > 1 || !anchored)) {
        return None;
    }
    Some((edits, cost, differs))
}

/// How far a target word is from a listed word.
#[derive(Debug, Clone, Copy)]
struct WordDistance {
    edits: usize,
    /// The edits, one more for a match by stem only, and one more for an
    /// edit beyond [`reach`].
    cost: usize,
    /// Beyond [`reach`], within the slack.
    stretched: bool,
}

/// The edits between a word and a listed word if within [`reach`] (plus
/// `slack`), and how well they match. Compared are:
/// - the words;
/// - in Russian, their stems (`хорьевом` and `хоревым`: `хорьев`, `хорев`),
///   which are equal for a correct case form the glossary does not list
///   (`Хоревы`); a match by stem only costs one more than its edits;
/// - in Urdu, their [`sound_key`]s, so that a letter for a like-sounding
///   one (`کھوریف` for `خوریف`: کھ for خ) is one edit, not two.
fn word_distance(word: &Word, listed: &FormWord, slack: usize) -> Option<WordDistance> {
    let (len, listed_len) = (word.key.chars().count(), listed.key.chars().count());
    if len.abs_diff(listed_len) > reach(&listed.key) + slack + 4 {
        return None;
    }
    let direct = strsim::osa_distance(&word.key, &listed.key);
    // (edits, cost, the listed base's reach); at most five.
    let mut candidates = [None; 5];
    if let Some(slot) = candidates.first_mut() {
        *slot = Some((direct, direct, reach(&listed.key)));
    }
    if !word.sound.is_empty()
        && !listed.sound.is_empty()
        && let Some(slot) = candidates.get_mut(1)
    {
        let sound = strsim::osa_distance(&word.sound, &listed.sound).max(1);
        *slot = Some((sound, sound, reach(&listed.key)));
    }
    let bases = [
        (word.stem.as_str(), listed.stem.as_str()),
        (word.stem.as_str(), listed.key.as_str()),
        (word.key.as_str(), listed.stem.as_str()),
    ];
    if !word.stem.is_empty() || !listed.stem.is_empty() {
        for ((a, b), slot) in bases.into_iter().zip(candidates.iter_mut().skip(2)) {
            if a.chars().nth(MIN_STEM_CHARS - 1).is_some()
                && b.chars().nth(MIN_STEM_CHARS - 1).is_some()
            {
                let d = strsim::osa_distance(a, b);
                *slot = Some((d, d + 1, reach(b)));
            }
        }
    }
    let within = |extra: usize| {
        candidates
            .iter()
            .flatten()
            .filter(|&&(edits, _, reach)| edits <= reach + extra)
            .fold(None, |best: Option<(usize, usize)>, &(edits, cost, _)| {
                Some(best.map_or((edits, cost), |(e, c)| (e.min(edits), c.min(cost))))
            })
    };
    if let Some((edits, cost)) = within(0) {
        return Some(WordDistance {
            edits,
            cost,
            stretched: false,
        });
    }
    let (edits, cost) = within(slack).filter(|_| slack > 0)?;
    Some(WordDistance {
        edits,
        cost: cost + 1,
        stretched: true,
    })
}

/// How many edits a word may be from the listed word `listed`: none under
/// five letters, one up to eight, two beyond.
fn reach(listed: &str) -> usize {
    match listed.chars().count() {
        0..5 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// Whether a word has at least [`MIN_SINGLE_CHARS`] letters.
fn is_long(key: &str) -> bool {
    key.chars().nth(MIN_SINGLE_CHARS - 1).is_some()
}

/// An Urdu word's letters with like-sounding ones made one, to tell how
/// close two spellings of a name are (never whether they are the same):
/// without the aspiration mark ھ (`کھ` is `ک`), خ and ق as ک, غ as گ, ٹ and
/// ط as ت, ڈ as د, ڑ as ر, ث and ص as س, ذ ض ظ ژ as ز, ح and ۃ as ہ, ئ and ے
/// as ی, ؤ as و, آ as ا. Empty in other languages.
fn sound_key(key: &str, lang: Lang) -> String {
    if lang != Lang::Ur {
        return String::new();
    }
    key.chars()
        .filter_map(|c| match c {
            '\u{06BE}' => None,
            'خ' | 'ق' => Some('ک'),
            'غ' => Some('گ'),
            'ٹ' | 'ط' => Some('ت'),
            'ڈ' => Some('د'),
            'ڑ' => Some('ر'),
            'ث' | 'ص' => Some('س'),
            'ذ' | 'ض' | 'ظ' | 'ژ' => Some('ز'),
            'ح' | 'ۃ' => Some('ہ'),
            'ئ' | 'ے' => Some('ی'),
            'ؤ' => Some('و'),
            'آ' => Some('ا'),
            c => Some(c),
        })
        .collect()
}

/// The matching key of a word of a name, without diacritics.
fn name_key(word: &str, lang: Lang) -> String {
    without_marks(normalize::key(word, lang))
}

/// `key` without combining marks (Arabic harakat such as zer, Cyrillic
/// accents): `چِژوف` is `چژوف`.
fn without_marks(key: String) -> String {
    if key.chars().any(is_combining_mark) {
        key.chars().filter(|&c| !is_combining_mark(c)).collect()
    } else {
        key
    }
}

fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::super::testing::findings;
    use super::super::testing::{check, underlined};
    use super::RULE;
    use crate::report::Applicability;

    fn found(lang: &str, source: &str, target: &str) -> Vec<(String, Option<String>)> {
        check(RULE.id, lang, source, target)
            .iter()
            .map(|d| (underlined(d).to_owned(), d.suggestion.clone()))
            .collect()
    }

    fn one(lang: &str, source: &str, target: &str) -> (String, Option<String>) {
        let found = found(lang, source, target);
        assert_eq!(found.len(), 1, "{found:?}");
        found.into_iter().next().unwrap_or_default()
    }

    #[test]
    fn fires_on_another_urdu_spelling_of_khorev() {
        let (span, suggestion) = one(
            "ur",
            "Ambassador Albert P. Khorev met the press.",
            "سفیر البرٹ پی خوریوف نے صحافیوں سے بات کی۔",
        );
        assert_eq!(span, "البرٹ پی خوریوف");
        assert_eq!(suggestion.as_deref(), Some("البرٹ پی خوریف"));
    }

    #[test]
    fn fires_on_a_lone_misspelled_urdu_surname() {
        let (span, suggestion) = one(
            "ur",
            "Senator Vladimir A. Chizhov spoke.",
            "سینیٹر چیژووف نے خطاب کیا۔",
        );
        assert_eq!(span, "چیژووف");
        assert_eq!(suggestion.as_deref(), Some("چیژوف"));
    }

    #[test]
    fn fires_on_a_misspelled_russian_case_form() {
        let (span, suggestion) = one(
            "ru",
            "A letter was signed by Ambassador Albert P. Khorev.",
            "Письмо подписано послом Альбертом Хорьевым.",
        );
        assert_eq!(span, "Альбертом Хорьевым");
        assert_eq!(suggestion.as_deref(), Some("Альбертом Хоревым"));
        let found = findings(
            super::check,
            "en",
            "A letter was signed by Ambassador Albert P. Khorev.",
            "ru",
            "Письмо подписано послом Альбертом Хорьевым.",
        );
        assert_eq!(
            found[0].message,
            "\"Альбертом Хорьевым\" is not a spelling the glossary lists for \"Albert P. Khorev\""
        );
        let fix = found[0].fix.as_ref().unwrap();
        assert_eq!(fix.replacement, "Альбертом Хоревым");
        assert_eq!(fix.applicability, Applicability::Unsafe);
    }

    #[test]
    fn fires_on_a_misspelled_russian_form_the_glossary_does_not_list() {
        // Listed: Хорев, Хорева, …; the stem is compared.
        let (span, _) = one("ru", "Albert P. Khorev spoke.", "Выступил посол Хорьевом.");
        assert_eq!(span, "Хорьевом");
    }

    #[test]
    fn fires_on_a_misspelled_first_name() {
        let (span, suggestion) = one(
            "ur",
            "Senator Vladimir A. Chizhov spoke.",
            "سینیٹر ولادمیر چیژوف نے خطاب کیا۔",
        );
        assert_eq!(span, "ولادمیر چیژوف");
        assert_eq!(suggestion.as_deref(), Some("ولادیمیر چیژوف"));
    }

    #[test]
    fn does_not_fire_on_listed_spellings_and_forms() {
        let cases = [
            (
                "ru",
                "Senator Vladimir A. Chizhov spoke.",
                "Выступил сенатор Чижов.",
            ),
            (
                "ru",
                "Vladimir A. Chizhov was thanked.",
                "Поблагодарили Чижова.",
            ),
            (
                "ru",
                "Vladimir A. Chizhov was thanked.",
                "Слово дали Чижову.",
            ),
            (
                "ru",
                "Vladimir A. Chizhov was thanked.",
                "С Чижовым встретились.",
            ),
            (
                "ru",
                "Albert P. Khorev spoke.",
                "С послом Альбертом Хорёвым встретились.",
            ),
            (
                "ur",
                "Albert P. Khorev spoke.",
                "البرٹ پی خورئیو نے خطاب کیا۔",
            ),
            // Arabic ي and ك for ی and ک.
            (
                "ur",
                "Vladimir A. Chizhov spoke.",
                "ولاديمير چيژوف نے خطاب كيا۔",
            ),
            ("ur", "Vladimir A. Chizhov spoke.", "چِژوف نے خطاب کیا۔"),
        ];
        for (lang, source, target) in cases {
            assert_eq!(found(lang, source, target), [], "{target}");
        }
    }

    #[test]
    fn does_not_fire_on_a_surname_alone_or_an_unlisted_correct_case_form() {
        assert_eq!(
            found("ur", "Albert P. Khorev spoke.", "سفیر خوریف نے خطاب کیا۔"),
            []
        );
        assert_eq!(
            found(
                "ru",
                "Albert P. Khorev and his wife attended.",
                "Присутствовали супруги Хоревы."
            ),
            []
        );
    }

    #[test]
    fn does_not_fire_when_the_name_is_left_out() {
        // That is term-missing's finding.
        assert_eq!(
            found("ru", "Albert P. Khorev spoke.", "Выступил посол."),
            []
        );
        let missing = check(
            "term-missing",
            "ru",
            "Albert P. Khorev spoke.",
            "Выступил посол.",
        );
        assert_eq!(missing.len(), 1);
    }

    #[test]
    fn fires_on_kaf_heh_for_khe_in_urdu() {
        // کھ for خ: a like-sounding spelling is one edit, not two.
        let (span, suggestion) = one(
            "ur",
            "Ambassador Albert P. Khorev handed over a letter.",
            "سفیر البرٹ پی کھوریف نے خط پیش کیا۔",
        );
        assert_eq!(span, "البرٹ پی کھوریف");
        assert_eq!(suggestion.as_deref(), Some("البرٹ پی خوریف"));
        let (span, suggestion) = one(
            "ur",
            "Ambassador Albert P. Khorev handed over a letter.",
            "سفیر کھوریف نے خط پیش کیا۔",
        );
        assert_eq!(span, "کھوریف");
        assert_eq!(suggestion.as_deref(), Some("خوریف"));
    }

    #[test]
    fn fires_on_a_surname_two_edits_off_after_a_right_given_name() {
        let (span, suggestion) = one(
            "ur",
            "Ambassador Albert P. Khorev handed over a letter.",
            "سفیر البرٹ پی خوراییف نے خط پیش کیا۔",
        );
        assert_eq!(span, "البرٹ پی خوراییف");
        assert_eq!(suggestion.as_deref(), Some("البرٹ پی خوریف"));
        // Alone, two edits are too far to call it the name.
        assert_eq!(
            found(
                "ur",
                "Ambassador Albert P. Khorev handed over a letter.",
                "سفیر خوراییف نے خط پیش کیا۔",
            ),
            []
        );
    }

    #[test]
    fn fires_on_a_misspelled_word_after_a_shorter_listed_form() {
        // Мушахида Хусейна is listed; Саида is not Сайеда.
        let (span, suggestion) = one(
            "ru",
            "The committee thanked Senator Mushahid Hussain Sayed.",
            "Комитет поблагодарил сенатора Мушахида Хусейна Саида.",
        );
        assert_eq!(span, "Мушахида Хусейна Саида");
        assert_eq!(suggestion.as_deref(), Some("Мушахида Хусейна Сайеда"));
    }

    #[test]
    fn fires_on_a_misspelled_surname_after_a_title_of_a_listed_form() {
        // сенатора Сайеда is listed; the title is a term of its own.
        let (span, suggestion) = one(
            "ru",
            "The committee thanked Senator Mushahid Hussain Sayed.",
            "Комитет поблагодарил сенатора Саида.",
        );
        assert_eq!(span, "сенатора Саида");
        assert_eq!(suggestion.as_deref(), Some("сенатора Сайеда"));
    }

    #[test]
    fn does_not_fire_on_the_words_after_a_name_that_are_not_a_near_miss() {
        let cases = [
            (
                "ru",
                "The committee thanked Senator Mushahid Hussain Sayed.",
                "Комитет поблагодарил сенатора Мушахида Хусейна Сайеда.",
            ),
            (
                "ru",
                "The committee met Mushahid Hussain Sayed.",
                "Комитет встретился с Мушахидом Хусейном Сайедом.",
            ),
            (
                "ru",
                "Mushahid Hussain Sayed and Pakistan.",
                "Мушахид Хусейн и Пакистан.",
            ),
            (
                "ru",
                "Mushahid Hussain Sayed spoke in Islamabad.",
                "Мушахид Хусейн Исламабад посетил впервые.",
            ),
            (
                "ur",
                "Albert P. Khorev met Mushahid Hussain Sayed.",
                "البرٹ پی خوریف نے مشاہد حسین سے ملاقات کی۔",
            ),
        ];
        for (lang, source, target) in cases {
            assert_eq!(found(lang, source, target), [], "{target}");
        }
    }

    #[test]
    fn does_not_fire_on_listed_name_words_in_another_order_or_combination() {
        // خوریو is a listed spelling of the surname (in خوریو البرٹ پاولووچ).
        let cases = [
            "سفیر البرٹ پی خوریو نے خط پیش کیا۔",
            "سفیر البرٹ خوریو نے خط پیش کیا۔",
            "سفیر خوریو البرٹ نے خط پیش کیا۔",
            "سفیر خوریو نے خط پیش کیا۔",
        ];
        for target in cases {
            assert_eq!(
                found(
                    "ur",
                    "Ambassador Albert P. Khorev handed over a letter.",
                    target
                ),
                [],
                "{target}"
            );
        }
        assert_eq!(
            found(
                "ru",
                "Albert P. Khorev handed over a letter.",
                "Письмо передал Альберт Павлович Хорев.",
            ),
            []
        );
    }

    #[test]
    fn does_not_take_given_names_alone_for_the_name() {
        // Not a near miss, and not there: term-missing reports it.
        let source = "Ambassador Albert P. Khorev handed over a letter.";
        let target = "سفیر البرٹ پی نے خط پیش کیا۔";
        assert_eq!(found("ur", source, target), []);
        assert_eq!(check("term-missing", "ur", source, target).len(), 1);
        // A misspelled surname after listed given names is still found.
        let (span, _) = one(
            "ru",
            "Muhammad Sadiq Sanjrani spoke.",
            "Выступил Мухаммад Садик Санжрани.",
        );
        assert_eq!(span, "Мухаммад Садик Санжрани");
    }

    #[test]
    fn does_not_take_an_unmarked_spelling_for_one_listed_with_a_vowel_mark() {
        // چِژوف is listed with zer; چژوف without it is a near miss of چیژوف.
        let (span, suggestion) = one(
            "ur",
            "Senator Vladimir A. Chizhov hosted a dinner.",
            "سینیٹر ولادیمیر چژوف نے عشائیہ دیا۔",
        );
        assert_eq!(span, "ولادیمیر چژوف");
        assert_eq!(suggestion.as_deref(), Some("ولادیمیر چیژوف"));
    }

    #[test]
    fn does_not_take_a_lowercase_word_for_a_russian_name() {
        // хоровым (choir) is one letter from Хоревым, but not a name.
        assert_eq!(
            found(
                "ru",
                "Albert P. Khorev sang.",
                "Пели хором с хоровым ансамблем."
            ),
            []
        );
    }
}
