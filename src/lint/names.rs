//! The glossary's names, indexed for finding near misses in a text.
//!
//! A text's candidate names are its runs of capitalized words (`Senator
//! Vladmir Chizhov`), split where the recognizer found a term. A run, or a
//! sub-run of two or more words, is compared with the glossary's
//! multi-word terms of as many words; a lone capitalized word of five or
//! more letters with single-word names (capitalized one-word terms that
//! are not titles, and the capitalized words of person names and their
//! forms). Words are compared by their matching
//! key with the optimal string alignment distance: words under five
//! letters must be equal, words of 5–8 letters may be 1 edit apart, longer
//! ones 2. Terms are indexed by word count and first letter (multi-word)
//! or by first letter and length (single words), so a text costs its words
//! times a handful of names, not the whole glossary.

use std::ops::Range;

use rustc_hash::{FxHashMap, FxHashSet};

use super::Misspelling;
use crate::glossary::recognize::Match;
use crate::glossary::{Glossary, Kind, Matching, same_language};
use crate::lang::Lang;
use crate::text::normalize;

/// Sub-runs longer than this are not compared.
const MAX_WORDS: usize = 8;

/// A glossary name: its words' keys and where it comes from.
#[derive(Debug, Clone)]
struct Name {
    words: Vec<String>,
    concept: usize,
    term: usize,
    /// What to suggest: the term's text, or one word of it.
    display: String,
}

/// The glossary's names in one language.
#[derive(Debug, Default)]
pub struct NameIndex {
    lang: Option<Lang>,
    names: Vec<Name>,
    /// Multi-word names by (word count, first character of the first
    /// word) and by (word count, first character of the last word).
    by_first: FxHashMap<(usize, char), Vec<usize>>,
    by_last: FxHashMap<(usize, char), Vec<usize>>,
    /// Single-word names by (first character, length in characters).
    single: FxHashMap<(char, usize), Vec<usize>>,
    /// Every word of every term and form of the language, by key.
    known: FxHashSet<String>,
}

/// One word of a text.
#[derive(Debug, Clone)]
struct Word {
    span: Range<usize>,
    key: String,
}

impl NameIndex {
    pub fn new(glossary: &Glossary, lang: Lang) -> Self {
        let mut index = NameIndex {
            lang: Some(lang),
            ..NameIndex::default()
        };
        for (ci, concept) in glossary.concepts.iter().enumerate() {
            for (ti, term) in concept.terms.iter().enumerate() {
                if !same_language(&term.lang, lang.code()) {
                    continue;
                }
                let mut texts = vec![term.text.as_str()];
                if let Matching::Forms(forms) = &term.matching {
                    texts.extend(forms.iter().map(String::as_str));
                }
                for text in texts {
                    let words: Vec<(&str, String)> = split_words(text)
                        .map(|r| {
                            let word = text.get(r).unwrap_or_default();
                            (word, normalize::key(word, lang))
                        })
                        .collect();
                    for (_, key) in &words {
                        index.known.insert(key.clone());
                    }
                    if term.status.is_discouraged() {
                        continue;
                    }
                    if words.len() >= 2 {
                        index.add_multi(&words, ci, ti, text);
                    }
                    let person = concept.kind == Some(Kind::Person);
                    let title = concept.kind == Some(Kind::Title);
                    if (words.len() == 1 && !title) || person {
                        for (word, key) in &words {
                            index.add_single(word, key, ci, ti);
                        }
                    }
                }
            }
        }
        index
    }

    fn add_multi(&mut self, words: &[(&str, String)], concept: usize, term: usize, text: &str) {
        let keys: Vec<String> = words.iter().map(|(_, k)| k.clone()).collect();
        let (Some(first), Some(last)) = (
            keys.first().and_then(|k| k.chars().next()),
            keys.last().and_then(|k| k.chars().next()),
        ) else {
            return;
        };
        let n = keys.len();
        let id = self.names.len();
        self.names.push(Name {
            words: keys,
            concept,
            term,
            display: text.to_owned(),
        });
        self.by_first.entry((n, first)).or_default().push(id);
        self.by_last.entry((n, last)).or_default().push(id);
    }

    fn add_single(&mut self, word: &str, key: &str, concept: usize, term: usize) {
        let len = key.chars().count();
        let Some(first) = key.chars().next() else {
            return;
        };
        let capitalized = word.chars().next().is_some_and(char::is_uppercase);
        if len < 5 || is_capitals(word) || !capitalized {
            return;
        }
        let slot = self.single.entry((first, len)).or_default();
        if slot.iter().any(|&id| {
            self.names
                .get(id)
                .is_some_and(|n| n.words.first().map(String::as_str) == Some(key))
        }) {
            return;
        }
        slot.push(self.names.len());
        self.names.push(Name {
            words: vec![key.to_owned()],
            concept,
            term,
            display: word.to_owned(),
        });
    }

    /// The near misses of glossary names in `text`, whose blocks are
    /// `blocks`; `matches` are the recognized terms (never near misses).
    pub(crate) fn misspellings(
        &self,
        text: &str,
        blocks: &[Range<usize>],
        matches: &[Match],
    ) -> Vec<Misspelling> {
        let lowercase: FxHashSet<String> = split_words(text)
            .filter_map(|r| text.get(r))
            .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
            .map(|w| normalize::key(w, self.lang))
            .collect();
        let mut found = Vec::new();
        for block in blocks {
            for run in self.runs(text, block.clone(), matches) {
                self.check_run(text, &run, &lowercase, &mut found);
            }
        }
        found
    }

    /// The runs of capitalized words in `block`, split at recognized terms.
    fn runs(&self, text: &str, block: Range<usize>, matches: &[Match]) -> Vec<Vec<Word>> {
        let Some(block_text) = text.get(block.clone()) else {
            return Vec::new();
        };
        let mut runs: Vec<Vec<Word>> = Vec::new();
        let mut run: Vec<Word> = Vec::new();
        let mut prev_end = block.start;
        for r in split_words(block_text) {
            let span = r.start + block.start..r.end + block.start;
            let word = text.get(span.clone()).unwrap_or_default();
            let gap = text.get(prev_end..span.start).unwrap_or_default();
            let initial = run
                .last()
                .is_some_and(|w| w.key.chars().count() == 1 && gap.starts_with('.'));
            let joins = gap.trim_start_matches('.').chars().all(char::is_whitespace)
                && (initial || !gap.starts_with('.'))
                || gap == "-";
            let capital = word.chars().next().is_some_and(char::is_uppercase);
            let recognized = matches
                .iter()
                .any(|m| m.span.start < span.end && span.start < m.span.end);
            if (!joins || !capital || recognized) && !run.is_empty() {
                runs.push(std::mem::take(&mut run));
            }
            if capital && !recognized {
                run.push(Word {
                    key: normalize::key(word, self.lang),
                    span: span.clone(),
                });
            }
            prev_end = span.end;
        }
        if !run.is_empty() {
            runs.push(run);
        }
        runs
    }

    fn check_run(
        &self,
        text: &str,
        run: &[Word],
        lowercase: &FxHashSet<String>,
        found: &mut Vec<Misspelling>,
    ) {
        let mut i = 0;
        while i < run.len() {
            let longest = run.len().min(i + MAX_WORDS);
            let hit = (i + 2..=longest)
                .rev()
                .find_map(|j| Some((j, self.multi(run.get(i..j)?)?)));
            if let Some((j, name)) = hit {
                if let (Some(first), Some(last)) = (run.get(i), run.get(j - 1)) {
                    found.push(self.misspelling(first.span.start..last.span.end, name));
                }
                i = j;
                continue;
            }
            if let Some(word) = run.get(i) {
                let raw = text.get(word.span.clone()).unwrap_or_default();
                if !is_capitals(raw)
                    && !lowercase.contains(&word.key)
                    && let Some(name) = self.single_word(&word.key)
                {
                    found.push(self.misspelling(word.span.clone(), name));
                }
            }
            i += 1;
        }
    }

    fn misspelling(&self, span: Range<usize>, name: &Name) -> Misspelling {
        Misspelling {
            span,
            concept: name.concept,
            term: name.term,
            suggestion: name.display.clone(),
        }
    }

    /// The multi-word name `words` misspell, if any: every word within
    /// reach of the name's, and some word neither equal nor a glossary word.
    fn multi(&self, words: &[Word]) -> Option<&Name> {
        let n = words.len();
        let first = words.first()?.key.chars().next()?;
        let last = words.last()?.key.chars().next()?;
        let candidates = self
            .by_first
            .get(&(n, first))
            .into_iter()
            .chain(self.by_last.get(&(n, last)))
            .flatten();
        let mut best: Option<(usize, usize)> = None;
        for &id in candidates {
            let Some(name) = self.names.get(id) else {
                continue;
            };
            let mut total = 0;
            let mut new_word = false;
            let close = words.iter().zip(&name.words).all(|(w, k)| {
                let d = strsim::osa_distance(&w.key, k);
                total += d;
                if d > 0 && !self.known.contains(&w.key) {
                    new_word = true;
                }
                d <= reach(k)
            });
            if close && new_word && best.is_none_or(|(t, b)| total < t || (total == t && id < b)) {
                best = Some((total, id));
            }
        }
        best.and_then(|(_, id)| self.names.get(id))
    }

    /// The single-word name `key` misspells, if any.
    fn single_word(&self, key: &str) -> Option<&Name> {
        let len = key.chars().count();
        if len < 5 || self.known.contains(key) {
            return None;
        }
        let first = key.chars().next()?;
        let mut best: Option<(usize, usize)> = None;
        for l in len.saturating_sub(2)..=len + 2 {
            for &id in self.single.get(&(first, l)).into_iter().flatten() {
                let Some(name) = self.names.get(id) else {
                    continue;
                };
                let Some(word) = name.words.first() else {
                    continue;
                };
                // Inflections and derivations (`Senators`, `Pakistani`).
                if key.starts_with(word.as_str()) || word.starts_with(key) {
                    continue;
                }
                let d = strsim::osa_distance(key, word);
                if d > 0
                    && d <= reach(word)
                    && best.is_none_or(|(t, b)| d < t || (d == t && id < b))
                {
                    best = Some((d, id));
                }
            }
        }
        best.and_then(|(_, id)| self.names.get(id))
    }
}

/// How many edits a word may be from a glossary word `key`.
fn reach(key: &str) -> usize {
    match key.chars().count() {
        0..5 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// Whether a word is all capitals (an acronym).
fn is_capitals(word: &str) -> bool {
    word.chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase)
}

/// The byte ranges of the words of `text`: runs of letters, digits and
/// combining marks.
pub(crate) fn split_words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start: Option<usize> = None;
    let mut chars = text.char_indices().chain([(text.len(), ' ')]);
    std::iter::from_fn(move || {
        for (i, c) in chars.by_ref() {
            let inside = c.is_alphanumeric() || is_mark(c);
            match (start, inside) {
                (None, true) => start = Some(i),
                (Some(s), false) => {
                    start = None;
                    return Some(s..i);
                }
                _ => {}
            }
        }
        None
    })
}

/// Combining marks that occur inside words (Arabic harakat, Cyrillic
/// accents).
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{064B}'..='\u{065F}' | '\u{0670}')
}

/// The keys of the words of a term's text.
pub(crate) fn word_keys(text: &str, lang: Lang) -> Vec<String> {
    split_words(text)
        .filter_map(|r| text.get(r))
        .map(|w| normalize::key(w, lang))
        .collect()
}

/// Whether two spellings of a name differ in a word only slightly (two
/// words of 4+ letters within one edit, or two for 9+): `Sayed`/`Syed`.
pub(crate) fn respelled(a: &[String], b: &[String]) -> bool {
    a.iter().any(|x| {
        b.iter().any(|y| {
            let d = strsim::osa_distance(x, y);
            let len = x.chars().count().max(y.chars().count());
            x.chars().count().min(y.chars().count()) >= 4
                && d > 0
                && d <= if len > 8 { 2 } else { 1 }
                && !x.starts_with(y.as_str())
                && !y.starts_with(x.as_str())
        })
    })
}
