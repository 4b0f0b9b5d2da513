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
//! correct one (`Хоревыми`) is the name itself, not a finding.
//!
//! Words the recognizer found as a term are never part of a near miss; a
//! capitalized word of a listed form must be capitalized in the target
//! (Urdu has no capitals, so there this says nothing). A lone word is
//! compared only with the words of the name itself, not with titles around
//! it (`сенатор` in the form `сенатор Чижов`, which is a term of its own).
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
//! ru: Послом Альбертом Хорьевым подписано письмо.     "Альбертом Хорьевым": write Альбертом Хоревым
//! ```
//!
//! ## Does not fire
//! ```text
//! ru: Письмо подписано послом Альбертом Хорёвым.      (ё is е: a listed form)
//! ur: ولاديمير چيژوف نے کہا۔                           (Arabic ي for ی: urdu-codepoint's finding)
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
use crate::glossary::recognize::Match;
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
    for absent in absent(cx) {
        let Some(near) = absent.near_miss else {
            continue;
        };
        let written = cx.target.get(near.span.clone()).unwrap_or_default();
        let named = cx
            .source
            .get(absent.source.span.clone())
            .unwrap_or_default();
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
/// (`سینیٹرز`, `مبصرین`), or a longer one whose words are all there (all
/// but one for four words or more) within a few words of each other, in
/// any order and in any form (`روسی سفارت خانے` for `روسی سفارت خانہ`;
/// `комитета Сената по обороне` for `комитет по обороне Сената
/// Пакистана`; a person's name needs every word). Words under four
/// letters (`по`, `کی`) do not count in a longer term.
fn loosely_there(forms: &[Form<'_>], person: bool, lang: Lang, words: &[Word]) -> bool {
    forms.iter().any(|form| {
        if let [only] = form.words.as_slice() {
            return words
                .iter()
                .any(|w| lang == Lang::Ur && urdu_inflection(&w.key, &only.key));
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
/// same Russian stem, or the Urdu word with a plural or oblique ending.
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
    /// In Russian, its stem if at least four letters long, else empty.
    stem: String,
}

fn target_words(cx: &PairContext<'_>, lang: Lang) -> Vec<Word> {
    let matches = cx.target_terms();
    let stemmer = russian_stemmer(lang);
    tokens(cx.target)
        .map(|token| {
            let span = token.span;
            let key = name_key(token.text, lang);
            Word {
                free: !matches
                    .iter()
                    .any(|m| m.span.start < span.end && span.start < m.span.end),
                capital: is_capitalized(token.text),
                stem: stem_of(stemmer.as_ref(), &key),
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

#[derive(Debug)]
struct FormWord {
    key: String,
    capital: bool,
    /// As [`Word::stem`].
    stem: String,
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
    let stemmer = russian_stemmer(lang);
    let stemmer = stemmer.as_ref();
    let multi = forms.iter().filter(|f| f.words.len() > 1);
    match closest(multi, words, stemmer) {
        Closest::Same => return Name::Present,
        Closest::Near(near) => return Name::NearMiss(near),
        Closest::None => {}
    }
    if has_surname(concept, lang, words) {
        return Name::Present;
    }
    let singles = single_words(cx, id, lang, forms);
    let singles = forms.iter().filter(|f| f.words.len() == 1).chain(&singles);
    match closest(singles, words, stemmer) {
        Closest::Same => Name::Present,
        Closest::Near(near) => Name::NearMiss(near),
        Closest::None => Name::Absent,
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
                    words: vec![FormWord {
                        key: word.key.clone(),
                        capital: word.capital,
                        stem: word.stem.clone(),
                    }],
                    preferred: form.preferred,
                });
            }
        }
    }
    out
}

/// Whether the last word of the preferred term (the surname: Urdu and
/// English write the given name first) stands alone in the target. Russian
/// lists its surname forms.
fn has_surname(concept: &Concept, lang: Lang, words: &[Word]) -> bool {
    if lang == Lang::Ru {
        return false;
    }
    let Some(preferred) = concept.preferred(lang.code()) else {
        return false;
    };
    let mut names = tokens(&preferred.text);
    let (Some(_), Some(last)) = (names.next(), names.last()) else {
        return false;
    };
    let surname = name_key(last.text, lang);
    surname.chars().nth(MIN_SURNAME_CHARS - 1).is_some()
        && words.iter().any(|w| w.free && w.key == surname)
}

/// The best near miss of `forms` in the target.
#[derive(Debug)]
enum Closest<'g> {
    /// A correct spelling in a case form the glossary does not list.
    Same,
    Near(NearMiss<'g>),
    None,
}

/// How close a near miss is, less is closer: more words, then the cost
/// ([`distance`]), then not of a preferred term.
type Rank = (Reverse<usize>, usize, bool);

/// The target's closest run of words to one of `forms`: the longest, then
/// the closest, then a preferred term's, then the first.
fn closest<'g, 'f>(
    forms: impl Iterator<Item = &'f Form<'g>>,
    words: &[Word],
    stemmer: Option<&Stemmer>,
) -> Closest<'g>
where
    'g: 'f,
{
    let mut best: Option<(Rank, NearMiss<'g>)> = None;
    for form in forms {
        let n = form.words.len();
        for window in words.windows(n) {
            let Some((edits, cost, differs)) = distance(window, &form.words, stemmer) else {
                continue;
            };
            if !differs {
                continue;
            }
            if edits == 0 {
                return Closest::Same;
            }
            let rank = (Reverse(n), cost, !form.preferred);
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
    best.map_or(Closest::None, |(_, near)| Closest::Near(near))
}

/// The edits between a run of target words and a spelling's words if
/// every word is within reach, how well they match (the edits, and one
/// more for each word matched by its stem only), and whether some word
/// differs.
fn distance(
    window: &[Word],
    form: &[FormWord],
    stemmer: Option<&Stemmer>,
) -> Option<(usize, usize, bool)> {
    let mut edits = 0;
    let mut cost = 0;
    let mut differs = false;
    for (word, listed) in window.iter().zip(form) {
        if !word.free || (listed.capital && !word.capital) {
            return None;
        }
        if word.key == listed.key {
            continue;
        }
        let (e, c) = word_distance(&word.key, &listed.key, stemmer)?;
        edits += e;
        cost += c;
        differs = true;
    }
    Some((edits, cost, differs))
}

/// The edits between a word and a listed word if within reach, and how
/// well they match. In Russian also the edits between their stems
/// (`хорьевом` and `хоревым`: `хорьев`, `хорев`), which are none for a
/// correct case form the glossary does not list (`Хоревы`); a match by
/// stem only costs one more than its edits.
fn word_distance(word: &str, listed: &str, stemmer: Option<&Stemmer>) -> Option<(usize, usize)> {
    let (len, listed_len) = (word.chars().count(), listed.chars().count());
    if len.abs_diff(listed_len) > reach(listed) + 4 {
        return None;
    }
    let direct = strsim::osa_distance(word, listed);
    let direct = (direct <= reach(listed)).then_some(direct);
    let by_stem = stemmer.and_then(|stemmer| {
        let (word_stem, listed_stem) = (stemmer.stem(word), stemmer.stem(listed));
        let bases = [
            (word_stem.as_ref(), listed_stem.as_ref()),
            (word_stem.as_ref(), listed),
            (word, listed_stem.as_ref()),
        ];
        bases
            .into_iter()
            .filter(|(a, b)| {
                a.chars().nth(MIN_STEM_CHARS - 1).is_some()
                    && b.chars().nth(MIN_STEM_CHARS - 1).is_some()
            })
            .map(|(a, b)| (strsim::osa_distance(a, b), b))
            .filter(|&(d, b)| d <= reach(b))
            .map(|(d, _)| d)
            .min()
    });
    match (direct, by_stem) {
        (Some(d), Some(s)) => Some((d.min(s), d.min(s + 1))),
        (Some(d), None) => Some((d, d)),
        (None, Some(s)) => Some((s, s + 1)),
        (None, None) => None,
    }
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
