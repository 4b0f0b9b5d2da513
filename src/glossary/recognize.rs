//! Term recognition: every glossary term in a text, in one pass.
//!
//! A [`Recognizer`] is built once per glossary and language. It indexes each
//! term (and each of its explicit forms) as a path of token symbols in a
//! trie; [`Recognizer::find`] keys every token of the text once and walks the
//! trie from each token, so the cost grows with the text, not with the
//! number of terms. Matches are leftmost-longest and do not overlap.
//!
//! A token symbol is its matching key ([`crate::text::normalize`]), or, for
//! the looser matches:
//! - Russian: the Snowball stem, so that case forms match (`послом`,
//!   `Шанхайской организации`). Only terms whose matching is `Default` or
//!   `Stem` are stemmed; stems shorter than three letters and the common
//!   words of `data/ru.stopforms` (`после` is not a form of `посол`) never
//!   match by stem. Word order is not free: a reordered name
//!   (`Владимиром Чижовым` for `Чижов Владимир Алексеевич`) needs an
//!   explicit form.
//! - English: a possessive `'s` and, for `Default` and `Stem` terms, a
//!   plural `s` (`ies` for `y`) on the last token of a term.
//! - Acronyms (up to six letters, all capitals: `US`, `ШОС`, initials) match
//!   only capitals in the text, so the term `US` does not find the pronoun.
//! - English one-word terms written with a capital (`Chair`, `Speaker`,
//!   `President`, `Chizhov`) match only a capitalized word, so the title
//!   `Chair` does not find the verb in `will chair the Council`, nor
//!   `Speaker` a `speaker` at a conference. A capital at the start of a
//!   sentence cannot be told from a title's and counts. Lower-case terms
//!   (`international observer`) and longer terms match in any case.
//!
//! At equal length an exact match beats a looser one, then the glossary's
//! order decides.

use std::fmt;
use std::ops::Range;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::Lang;
use crate::glossary::{Glossary, Matching, Status, same_language};
use crate::text::normalize::{Token, push_key, tokens};

/// Russian words that never match by stem.
const RU_STOPFORMS: &str = include_str!("data/ru.stopforms");

/// A looser match needs a stem of at least this many letters.
const MIN_STEM_CHARS: usize = 3;

/// An acronym has at most this many letters (longer capitals are shouting).
const MAX_ACRONYM_LETTERS: usize = 6;

/// Paths indexed per stemmed term at most (each word may have two stems).
const MAX_STEM_PATHS: usize = 16;

/// No symbol, node or entry.
const NONE: u32 = u32::MAX;
/// Symbol flag: the token must be in capitals (an acronym).
const UPPER: u32 = 1 << 30;
/// Symbol flag: the token must start with a capital (an English one-word
/// term written with one).
const CAPITAL: u32 = 1 << 29;
/// Symbol flag: a stem, not a key.
const STEM: u32 = 1 << 31;
const ROOT: u32 = 0;

/// A term found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// Byte range in the text, from the first word's start to the last
    /// word's end.
    pub span: Range<usize>,
    /// Index into [`Glossary::concepts`].
    pub concept: usize,
    /// Index into the concept's [`terms`](super::Concept::terms).
    pub term: usize,
    pub status: Status,
}

/// Finds the terms of one language of a glossary in texts.
pub struct Recognizer {
    lang: Option<Lang>,
    stemmer: Option<Stemmer>,
    /// Token keys of the indexed terms, as symbols.
    words: FxHashMap<Box<str>, u32>,
    /// Whether a word symbol is also used as an acronym.
    acronyms: Vec<bool>,
    /// Whether a word symbol is also used as a capitalized one-word term.
    capitals: Vec<bool>,
    /// Stems of the stemmed terms' words, as symbols (without [`STEM`]).
    stems: FxHashMap<Box<str>, u32>,
    /// [`prefix_hashes`] of the stems: a text word is stemmed only if one of
    /// its prefixes is a stem, which most words' are not.
    stem_hashes: FxHashSet<u64>,
    stop: &'static FxHashSet<Box<str>>,
    /// `(node << 32) | symbol` → child node.
    edges: FxHashMap<u64, u32>,
    /// Per node, the entry a path ending there finds, or [`NONE`].
    terminal: Vec<u32>,
    entries: Vec<Entry>,
}

/// A term as the trie knows it.
#[derive(Debug, Clone, Copy)]
struct Entry {
    concept: usize,
    term: usize,
    status: Status,
    /// Whether an English plural of the last word counts.
    plural: bool,
}

/// One word of the text: its span and the symbols it can stand for
/// ([`NONE`] where it has none).
#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
    /// The word starts with a capital letter.
    capital: bool,
    /// The key, the key as an acronym, the stem: any word of a term.
    exact: u32,
    upper: u32,
    stem: u32,
    /// The key without a possessive or a plural: only a term's last word.
    possessive: u32,
    plural: u32,
}

/// The best match from one token so far.
#[derive(Debug, Clone, Copy)]
struct Found {
    /// Token index after the last word.
    end: usize,
    /// How many words matched loosely (stem, plural, possessive).
    loose: u32,
    entry: u32,
}

impl Recognizer {
    /// Indexes the terms of `glossary` in `lang` (a BCP 47 tag, compared by
    /// primary subtag). A language without built-in rules gets the keys
    /// common to all languages and exact matching.
    pub fn new(glossary: &Glossary, lang: &str) -> Recognizer {
        let known = lang.parse::<Lang>().ok();
        let mut recognizer = Recognizer {
            lang: known,
            stemmer: (known == Some(Lang::Ru)).then(|| Stemmer::create(Algorithm::Russian)),
            words: FxHashMap::default(),
            acronyms: Vec::new(),
            capitals: Vec::new(),
            stems: FxHashMap::default(),
            stem_hashes: FxHashSet::default(),
            stop: no_stopforms(),
            edges: FxHashMap::default(),
            terminal: vec![NONE],
            entries: Vec::new(),
        };
        if known == Some(Lang::Ru) {
            recognizer.stop = russian_stopforms();
        }
        let mut builder = Builder::default();
        for (concept_index, concept) in glossary.concepts.iter().enumerate() {
            for (term_index, term) in concept.terms.iter().enumerate() {
                if !same_language(&term.lang, lang) {
                    continue;
                }
                let inflects = matches!(term.matching, Matching::Default | Matching::Stem);
                let Ok(entry) = u32::try_from(recognizer.entries.len()) else {
                    return recognizer;
                };
                recognizer.entries.push(Entry {
                    concept: concept_index,
                    term: term_index,
                    status: term.status,
                    plural: inflects,
                });
                recognizer.index_exact(&mut builder, &term.text, entry, true);
                if let Matching::Forms(forms) = &term.matching {
                    for form in forms {
                        recognizer.index_exact(&mut builder, form, entry, false);
                    }
                }
                if inflects && recognizer.stemmer.is_some() {
                    recognizer.index_stems(&mut builder, &term.text, entry);
                }
            }
        }
        recognizer.edges.shrink_to_fit();
        recognizer
    }

    /// The terms in `text`: leftmost-longest, not overlapping, in text order.
    pub fn find(&self, text: &str) -> Vec<Match> {
        let mut scratch = Scratch::default();
        let toks: Vec<Tok> = tokens(text)
            .map(|token| self.classify(&token, &mut scratch))
            .collect();
        let mut found = Vec::new();
        let mut stack = Vec::new();
        let mut at = 0;
        while let Some(first) = toks.get(at) {
            let Some(best) = self.longest(&toks, at, &mut stack) else {
                at += 1;
                continue;
            };
            let last_end = toks
                .get(best.end.saturating_sub(1))
                .map_or(first.end, |t| t.end);
            if let Some(entry) = self.entries.get(best.entry as usize) {
                found.push(Match {
                    span: first.start..last_end,
                    concept: entry.concept,
                    term: entry.term,
                    status: entry.status,
                });
            }
            at = best.end.max(at + 1);
        }
        found
    }

    /// Every term in `text`, overlapping: also the terms inside a longer
    /// match (`посол`, `России` and `Пакистане` inside the form `посол
    /// России в Пакистане`), which [`Recognizer::find`] passes over. In text
    /// order of their first word; a span may come more than once.
    pub(crate) fn find_overlapping(&self, text: &str) -> Vec<Match> {
        let mut scratch = Scratch::default();
        let toks: Vec<Tok> = tokens(text)
            .map(|token| self.classify(&token, &mut scratch))
            .collect();
        let mut found = Vec::new();
        let mut stack = Vec::new();
        for (at, first) in toks.iter().enumerate() {
            self.walk(&toks, at, &mut stack, &mut |node, end, _, plural| {
                let Some(entry) = self.terminal_entry(node, plural) else {
                    return;
                };
                let last_end = toks.get(end.saturating_sub(1)).map_or(first.end, |t| t.end);
                found.push(Match {
                    span: first.start..last_end,
                    concept: entry.concept,
                    term: entry.term,
                    status: entry.status,
                });
            });
        }
        found
    }

    /// How many terms (in the recognizer's language) are indexed.
    pub fn term_count(&self) -> usize {
        self.entries.len()
    }

    /// The longest term whose first word is `toks[at]`.
    fn longest(
        &self,
        toks: &[Tok],
        at: usize,
        stack: &mut Vec<(u32, usize, u32)>,
    ) -> Option<Found> {
        let mut best: Option<Found> = None;
        self.walk(toks, at, stack, &mut |node, end, loose, plural| {
            self.consider(node, end, loose, plural, &mut best);
        });
        best
    }

    /// Walks the trie along the words from `toks[at]`, calling `reached`
    /// with each node a path reaches, the token index after the path, how
    /// many words matched loosely, and whether the last one is a plural.
    fn walk(
        &self,
        toks: &[Tok],
        at: usize,
        stack: &mut Vec<(u32, usize, u32)>,
        reached: &mut impl FnMut(u32, usize, u32, bool),
    ) {
        let Some(first) = toks.get(at) else {
            return;
        };
        if first.exact == NONE
            && first.stem == NONE
            && first.possessive == NONE
            && first.plural == NONE
        {
            return;
        }
        stack.clear();
        stack.push((ROOT, at, 0));
        while let Some((node, pos, loose)) = stack.pop() {
            let Some(tok) = toks.get(pos) else {
                continue;
            };
            let capital = |symbol: u32| self.capitalized(tok, symbol);
            for (symbol, cost) in [
                (tok.exact, 0),
                (tok.upper, 0),
                (capital(tok.exact), 0),
                (tok.stem, 1),
            ] {
                if let Some(child) = self.child(node, symbol) {
                    reached(child, pos + 1, loose + cost, false);
                    stack.push((child, pos + 1, loose + cost));
                }
            }
            for symbol in [tok.possessive, capital(tok.possessive)] {
                if let Some(child) = self.child(node, symbol) {
                    reached(child, pos + 1, loose + 1, false);
                }
            }
            for symbol in [tok.plural, capital(tok.plural)] {
                if let Some(child) = self.child(node, symbol) {
                    reached(child, pos + 1, loose + 1, true);
                }
            }
        }
    }

    /// `symbol` as a capitalized one-word term's, if the token is
    /// capitalized and such a term has the word; else [`NONE`].
    fn capitalized(&self, tok: &Tok, symbol: u32) -> u32 {
        let usable = tok.capital
            && symbol & (UPPER | STEM) == 0
            && self.capitals.get(symbol as usize) == Some(&true);
        if usable { symbol | CAPITAL } else { NONE }
    }

    fn child(&self, node: u32, symbol: u32) -> Option<u32> {
        if symbol == NONE {
            return None;
        }
        self.edges.get(&edge(node, symbol)).copied()
    }

    /// The entry a path ending at `node` finds, if any (with a plural last
    /// word, only if the term takes one).
    fn terminal_entry(&self, node: u32, plural: bool) -> Option<&Entry> {
        let &entry = self.terminal.get(node as usize)?;
        let found = self.entries.get(entry as usize)?;
        (!plural || found.plural).then_some(found)
    }

    /// Keeps the match ending at `node` if it beats `best`.
    fn consider(&self, node: u32, end: usize, loose: u32, plural: bool, best: &mut Option<Found>) {
        let Some(&entry) = self.terminal.get(node as usize) else {
            return;
        };
        if entry == NONE {
            return;
        }
        if plural && !self.entries.get(entry as usize).is_some_and(|e| e.plural) {
            return;
        }
        let candidate = Found { end, loose, entry };
        let better = match best {
            None => true,
            Some(b) => end > b.end || end == b.end && (loose, entry) < (b.loose, b.entry),
        };
        if better {
            *best = Some(candidate);
        }
    }

    /// The symbols a word of the text can stand for.
    fn classify(&self, token: &Token<'_>, scratch: &mut Scratch) -> Tok {
        let key = &mut scratch.key;
        key.clear();
        push_key(key, token.text, self.lang);
        let exact = self.word(key);
        let mut tok = Tok {
            start: token.span.start,
            end: token.span.end,
            capital: token.text.chars().next().is_some_and(char::is_uppercase),
            exact,
            upper: if self.acronyms.get(exact as usize) == Some(&true) && is_acronym(token.text) {
                exact | UPPER
            } else {
                NONE
            },
            stem: NONE,
            possessive: NONE,
            plural: NONE,
        };
        match self.lang {
            Some(Lang::En) => {
                self.classify_english(token.text, key, &mut scratch.other, &mut tok);
            }
            Some(Lang::Ru) => tok.stem = self.stem_symbol(key),
            _ => {}
        }
        tok
    }

    /// English possessives (`Chizhov’s`) and plurals (`Senators`).
    fn classify_english(&self, surface: &str, key: &str, other: &mut String, tok: &mut Tok) {
        if let Some(base) = key.strip_suffix("'s") {
            let surface = strip_possessive(surface);
            tok.possessive = self.word_symbol(base, surface);
            return;
        }
        if key.chars().nth(MIN_STEM_CHARS).is_none() {
            return;
        }
        let Some(base) = key.strip_suffix('s') else {
            return;
        };
        let surface = surface.strip_suffix(['s', 'S']).unwrap_or(surface);
        if let Some(stem) = base.strip_suffix("ie") {
            other.clear();
            other.push_str(stem);
            other.push('y');
            tok.plural = self.word_symbol(other, surface);
        }
        if tok.plural == NONE {
            tok.plural = self.word_symbol(base, surface);
        }
    }

    /// The symbol of a key whose surface form is `surface`.
    fn word_symbol(&self, key: &str, surface: &str) -> u32 {
        match self.word(key) {
            NONE => NONE,
            id if self.acronyms.get(id as usize) == Some(&true) && is_acronym(surface) => {
                id | UPPER
            }
            id => id,
        }
    }

    fn word(&self, key: &str) -> u32 {
        self.words.get(key).copied().unwrap_or(NONE)
    }

    /// The stem symbol of a Russian key, if its stem may match.
    fn stem_symbol(&self, key: &str) -> u32 {
        let Some(stemmer) = &self.stemmer else {
            return NONE;
        };
        if key.is_ascii() || !prefix_hashes(key).any(|h| self.stem_hashes.contains(&h)) {
            return NONE;
        }
        let stem = stemmer.stem(key);
        if stem.chars().nth(MIN_STEM_CHARS - 1).is_none() {
            return NONE;
        }
        match self.stems.get(stem.as_ref()) {
            Some(&id) if !self.stop.contains(key) => id | STEM,
            _ => NONE,
        }
    }

    /// Indexes one written form of a term by its exact keys. A one-word
    /// form that is a common word (`после`) is left out unless it is the
    /// term itself; an English one-word form written with a capital
    /// (`Chair`) matches only capitalized words.
    fn index_exact(&mut self, builder: &mut Builder, text: &str, entry: u32, own: bool) {
        builder.words(text, self.lang);
        if builder.keys.is_empty() {
            return;
        }
        if !own
            && builder.keys.len() == 1
            && builder.keys.iter().any(|k| self.stop.contains(k.as_str()))
        {
            return;
        }
        let mut path: Vec<u32> = builder
            .keys
            .iter()
            .zip(&builder.acronym)
            .map(|(key, &acronym)| self.intern_symbol(key, acronym))
            .collect();
        if let ([symbol], [false], [true]) = (
            path.as_mut_slice(),
            builder.acronym.as_slice(),
            builder.capital.as_slice(),
        ) && self.lang == Some(Lang::En)
        {
            if let Some(flag) = self.capitals.get_mut(*symbol as usize) {
                *flag = true;
            }
            *symbol |= CAPITAL;
        }
        self.insert(&path, entry);
    }

    /// Indexes a Russian term by the stems of its words. A word's stem
    /// symbols are its Snowball stem and its key itself (the nominative of a
    /// surname in -ов is the stem of its other cases: Чижов, Чижова); a
    /// short stem, a common word or an acronym keeps its exact key.
    fn index_stems(&mut self, builder: &mut Builder, text: &str, entry: u32) {
        let Some(stemmer) = &self.stemmer else {
            return;
        };
        builder.words(text, self.lang);
        let stems: Vec<String> = builder
            .keys
            .iter()
            .map(|key| stemmer.stem(key).into_owned())
            .collect();
        let mut choices: Vec<Vec<u32>> = Vec::with_capacity(builder.keys.len());
        for ((key, &acronym), stem) in builder.keys.iter().zip(&builder.acronym).zip(&stems) {
            let stemmable = !acronym
                && stem.chars().nth(MIN_STEM_CHARS - 1).is_some()
                && !self.stop.contains(key.as_str());
            if !stemmable {
                choices.push(vec![self.intern_symbol(key, acronym)]);
                continue;
            }
            let mut symbols = vec![self.intern_stem(stem)];
            if stem != key {
                symbols.push(self.intern_stem(key));
            }
            choices.push(symbols);
        }
        if choices.is_empty() || choices.iter().all(|c| c.iter().all(|&s| s & STEM == 0)) {
            return;
        }
        let mut paths: Vec<Vec<u32>> = vec![Vec::new()];
        for symbols in &choices {
            let mut next = Vec::new();
            for path in &paths {
                for &symbol in symbols {
                    if next.len() < MAX_STEM_PATHS {
                        let mut longer = path.clone();
                        longer.push(symbol);
                        next.push(longer);
                    }
                }
            }
            paths = next;
        }
        for path in &paths {
            self.insert(path, entry);
        }
    }

    /// The symbol of a term's word, in capitals if it is an acronym.
    fn intern_symbol(&mut self, key: &str, acronym: bool) -> u32 {
        let id = intern(&mut self.words, key);
        if self.acronyms.len() < self.words.len() {
            self.acronyms.resize(self.words.len(), false);
            self.capitals.resize(self.words.len(), false);
        }
        if !acronym {
            return id;
        }
        if let Some(flag) = self.acronyms.get_mut(id as usize) {
            *flag = true;
        }
        id | UPPER
    }

    fn intern_stem(&mut self, stem: &str) -> u32 {
        if let Some(hash) = prefix_hashes(stem).last() {
            self.stem_hashes.insert(hash);
        }
        intern(&mut self.stems, stem) | STEM
    }

    /// Adds a path to the trie; the first entry to end at a node keeps it.
    fn insert(&mut self, path: &[u32], entry: u32) {
        let mut node = ROOT;
        for &symbol in path {
            let next = u32::try_from(self.terminal.len()).unwrap_or(NONE);
            let child = *self.edges.entry(edge(node, symbol)).or_insert(next);
            if child == next {
                self.terminal.push(NONE);
            }
            node = child;
        }
        if let Some(slot) = self.terminal.get_mut(node as usize)
            && *slot == NONE
        {
            *slot = entry;
        }
    }
}

impl fmt::Debug for Recognizer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Recognizer")
            .field("lang", &self.lang)
            .field("stemming", &self.stemmer.is_some())
            .field("terms", &self.entries.len())
            .field("words", &self.words.len())
            .field("stems", &self.stems.len())
            .field("nodes", &self.terminal.len())
            .finish()
    }
}

/// Buffers reused for every token of one text.
#[derive(Debug, Default)]
struct Scratch {
    key: String,
    other: String,
}

/// The keys of one written form's words, reused across terms.
#[derive(Debug, Default)]
struct Builder {
    keys: Vec<String>,
    acronym: Vec<bool>,
    /// Per word, whether it starts with a capital letter.
    capital: Vec<bool>,
}

impl Builder {
    fn words(&mut self, text: &str, lang: Option<Lang>) {
        self.keys.clear();
        self.acronym.clear();
        self.capital.clear();
        for token in tokens(text) {
            let mut key = String::with_capacity(token.text.len());
            push_key(&mut key, token.text, lang);
            if key.is_empty() {
                continue;
            }
            self.keys.push(key);
            self.acronym.push(is_acronym(token.text));
            self.capital
                .push(token.text.chars().next().is_some_and(char::is_uppercase));
        }
    }
}

fn edge(node: u32, symbol: u32) -> u64 {
    (u64::from(node) << 32) | u64::from(symbol)
}

/// The symbol of `key` in `table`, added if new. Symbols stay below
/// [`CAPITAL`]; past that many distinct words, new ones share the last.
fn intern(table: &mut FxHashMap<Box<str>, u32>, key: &str) -> u32 {
    if let Some(&id) = table.get(key) {
        return id;
    }
    let id = u32::try_from(table.len()).map_or(CAPITAL - 1, |n| n.min(CAPITAL - 1));
    table.insert(key.into(), id);
    id
}

/// A hash of each prefix of `key` of at least [`MIN_STEM_CHARS`]
/// characters, shortest first (FNV-1a over the bytes, taken at character
/// boundaries): a stem's last one is the hash of the whole stem.
fn prefix_hashes(key: &str) -> impl Iterator<Item = u64> + '_ {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut chars = 0;
    key.bytes().enumerate().filter_map(move |(at, byte)| {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        if !key.is_char_boundary(at + 1) {
            return None;
        }
        chars += 1;
        (chars >= MIN_STEM_CHARS).then_some(hash)
    })
}

/// Whether a word is written in capitals: an acronym (`US`, `ШОС`) or an
/// initial (`A`), which match only capitals.
fn is_acronym(surface: &str) -> bool {
    let mut letters = 0;
    for c in surface.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
            if letters > MAX_ACRONYM_LETTERS {
                return false;
            }
        }
    }
    letters > 0
}

/// `Chizhov’s` → `Chizhov`.
fn strip_possessive(surface: &str) -> &str {
    surface
        .strip_suffix(['s', 'S'])
        .and_then(|rest| rest.strip_suffix(['\'', '\u{2019}', '\u{02BC}']))
        .unwrap_or(surface)
}

/// Whether a Russian word (its matching key: lower case, ё as е) is one of
/// the common words of `data/ru.stopforms`, which are never a term's form
/// by their stem alone (`после` is not `посол`).
pub(crate) fn is_russian_stopform(key: &str) -> bool {
    russian_stopforms().contains(key)
}

fn russian_stopforms() -> &'static FxHashSet<Box<str>> {
    static SET: OnceLock<FxHashSet<Box<str>>> = OnceLock::new();
    SET.get_or_init(|| stopforms(RU_STOPFORMS))
}

fn no_stopforms() -> &'static FxHashSet<Box<str>> {
    static SET: OnceLock<FxHashSet<Box<str>>> = OnceLock::new();
    SET.get_or_init(FxHashSet::default)
}

/// The words of a stop-form list: one a line, `#` comments.
fn stopforms(list: &str) -> FxHashSet<Box<str>> {
    list.lines()
        .map(|line| line.split('#').next().unwrap_or_default().trim())
        .filter(|line| !line.is_empty())
        .map(Box::from)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::{Concept, Term};

    fn term(lang: &str, text: &str, status: Status, matching: Matching) -> Term {
        Term {
            lang: lang.into(),
            text: text.into(),
            status,
            part_of_speech: None,
            matching,
            note: None,
            line: 0,
            column: 0,
        }
    }

    fn preferred(lang: &str, text: &str) -> Term {
        term(lang, text, Status::Preferred, Matching::Default)
    }

    fn forms(list: &[&str]) -> Matching {
        Matching::Forms(list.iter().map(|f| (*f).to_owned()).collect())
    }

    fn concept(id: &str, terms: Vec<Term>) -> Concept {
        Concept {
            id: id.into(),
            terms,
            ..Concept::default()
        }
    }

    const CHIZHOV: usize = 0;
    const AMBASSADOR: usize = 1;
    const SENATOR: usize = 2;
    const SCO: usize = 3;
    const COMMITTEE: usize = 4;
    const SENATE: usize = 5;
    const SAYED: usize = 6;
    const US: usize = 7;
    const KHOREV: usize = 8;
    const ELECTION: usize = 9;
    const GAZA: usize = 10;
    const EMBASSY: usize = 11;

    /// Names and titles of the seed release.
    fn seed() -> Glossary {
        let chizhov_ru = [
            "Чижов",
            "Чижова",
            "Чижову",
            "Чижовым",
            "Чижове",
            "Владимир Чижов",
            "Владимира Чижова",
            "Владимиром Чижовым",
            "В. А. Чижов",
        ];
        let posol_ru = [
            "посол",
            "посла",
            "послу",
            "послом",
            "после",
            "послы",
            "послов",
            "посол РФ",
        ];
        Glossary {
            concepts: vec![
                concept(
                    "seed-001",
                    vec![
                        term(
                            "en",
                            "Vladimir A. Chizhov",
                            Status::Preferred,
                            forms(&["Vladimir Chizhov", "Chizhov"]),
                        ),
                        term("en", "Vladmir Chizhov", Status::Forbidden, Matching::Exact),
                        preferred("ur", "ولادیمیر چیژوف"),
                        term(
                            "ru",
                            "Чижов Владимир Алексеевич",
                            Status::Preferred,
                            forms(&chizhov_ru),
                        ),
                    ],
                ),
                concept(
                    "seed-008",
                    vec![
                        preferred("en", "Ambassador"),
                        preferred("ur", "سفیر"),
                        term("ru", "посол", Status::Preferred, forms(&posol_ru)),
                    ],
                ),
                concept(
                    "seed-007",
                    vec![
                        preferred("en", "Senator"),
                        preferred("ur", "سینیٹر"),
                        preferred("ru", "сенатор"),
                    ],
                ),
                concept(
                    "seed-020",
                    vec![
                        preferred("en", "Shanghai Cooperation Organization"),
                        term("en", "SCO", Status::Admitted, Matching::Default),
                        preferred("ru", "Шанхайская организация сотрудничества"),
                        term("ru", "ШОС", Status::Admitted, Matching::Default),
                    ],
                ),
                concept(
                    "seed-015",
                    vec![preferred("en", "Senate Standing Committee on Defence")],
                ),
                concept("senate", vec![preferred("en", "Senate")]),
                concept(
                    "seed-002",
                    vec![
                        preferred("en", "Mushahid Hussain Sayed"),
                        term("en", "Sayed", Status::Admitted, Matching::Exact),
                    ],
                ),
                concept(
                    "seed-029",
                    vec![
                        preferred("en", "United States"),
                        term("en", "US", Status::Admitted, Matching::Default),
                        preferred("ru", "Соединённые Штаты"),
                    ],
                ),
                concept("seed-003", vec![preferred("ru", "Хорев Альберт Павлович")]),
                concept("seed-030", vec![preferred("ur", "عام انتخابات 2024")]),
                concept("seed-027", vec![preferred("ur", "غزہ")]),
                concept("embassy", vec![preferred("en", "Embassy")]),
            ],
        }
    }

    /// `(matched text, concept, term)` for each match.
    fn found<'a>(recognizer: &Recognizer, text: &'a str) -> Vec<(&'a str, usize, usize)> {
        recognizer
            .find(text)
            .into_iter()
            .map(|m| (&text[m.span], m.concept, m.term))
            .collect()
    }

    #[test]
    fn russian_name_in_another_order_by_explicit_form() {
        let ru = Recognizer::new(&seed(), "ru");
        assert_eq!(
            found(&ru, "Встреча с Владимиром Чижовым прошла"),
            [("Владимиром Чижовым", CHIZHOV, 3)]
        );
    }

    #[test]
    fn preposition_after_is_not_the_ambassador() {
        let ru = Recognizer::new(&seed(), "ru");
        assert_eq!(found(&ru, "после встречи"), []);
        assert_eq!(
            found(&ru, "После встречи с послом"),
            [("послом", AMBASSADOR, 2)]
        );
        assert_eq!(found(&ru, "послом России"), [("послом", AMBASSADOR, 2)]);
        assert_eq!(found(&ru, "посол РФ"), [("посол РФ", AMBASSADOR, 2)]);
    }

    #[test]
    fn russian_case_forms_by_stem() {
        let ru = Recognizer::new(&seed(), "ru");
        let text = "саммит Шанхайской организации сотрудничества (ШОС)";
        assert_eq!(
            found(&ru, text),
            [
                ("Шанхайской организации сотрудничества", SCO, 2),
                ("ШОС", SCO, 3)
            ]
        );
        assert_eq!(
            found(&ru, "сенаторы и сенатором"),
            [("сенаторы", SENATOR, 2), ("сенатором", SENATOR, 2)]
        );
        // The nominative of a surname in -ов stems shorter than its cases.
        assert_eq!(
            found(&ru, "с Хоревым Альбертом Павловичем"),
            [("Хоревым Альбертом Павловичем", KHOREV, 0)]
        );
        assert_eq!(
            found(&ru, "Соединенных Штатов"),
            [("Соединенных Штатов", US, 2)],
            "ё and е are one letter"
        );
    }

    #[test]
    fn acronyms_match_capitals_only() {
        let ru = Recognizer::new(&seed(), "ru");
        assert_eq!(found(&ru, "шос"), []);
        let en = Recognizer::new(&seed(), "en");
        assert_eq!(found(&en, "tell us about the US"), [("US", US, 1)]);
        assert_eq!(found(&en, "the SCO's summit"), [("SCO's", SCO, 1)]);
    }

    #[test]
    fn capitalized_one_word_english_terms_match_capitals_only() {
        let glossary = Glossary {
            concepts: vec![
                concept("chair", vec![preferred("en", "Chair")]),
                concept("observer", vec![preferred("en", "international observer")]),
                concept("senate", vec![preferred("en", "Senate")]),
                concept(
                    "committee",
                    vec![preferred("en", "Senate Standing Committee")],
                ),
            ],
        };
        let en = Recognizer::new(&glossary, "en");
        assert_eq!(found(&en, "Pakistan will chair the Council"), []);
        assert_eq!(found(&en, "the Chair said"), [("Chair", 0, 0)]);
        assert_eq!(
            found(&en, "Chair of the meeting"),
            [("Chair", 0, 0)],
            "a sentence's first word counts"
        );
        assert_eq!(found(&en, "the Chair's ruling"), [("Chair's", 0, 0)]);
        assert_eq!(found(&en, "two Chairs"), [("Chairs", 0, 0)]);
        assert_eq!(found(&en, "two chairs"), []);
        assert_eq!(
            found(&en, "International Observers"),
            [("International Observers", 1, 0)],
            "a lower-case term matches any case"
        );
        assert_eq!(found(&en, "the senate rose"), []);
        assert_eq!(
            found(&en, "the senate standing committee"),
            [("senate standing committee", 3, 0)],
            "longer terms match in any case"
        );
        // Not in Russian, where capitals say less.
        let ru = Recognizer::new(&seed(), "ru");
        assert_eq!(found(&ru, "Сенатор"), [("Сенатор", SENATOR, 2)]);
    }

    #[test]
    fn english_possessives_and_plurals() {
        let en = Recognizer::new(&seed(), "en");
        assert_eq!(
            found(&en, "Senator Chizhov’s visit"),
            [("Senator", SENATOR, 0), ("Chizhov’s", CHIZHOV, 0)]
        );
        assert_eq!(found(&en, "Chizhov's"), [("Chizhov's", CHIZHOV, 0)]);
        assert_eq!(found(&en, "Senators met"), [("Senators", SENATOR, 0)]);
        assert_eq!(found(&en, "two Embassies"), [("Embassies", EMBASSY, 0)]);
        // Exact terms take no plural.
        assert_eq!(found(&en, "Sayeds"), []);
        // A plural only on the last word of a term.
        assert_eq!(
            found(&en, "Senates Standing Committee on Defence"),
            [("Senates", SENATE, 0)]
        );
    }

    #[test]
    fn words_do_not_match_inside_words() {
        let en = Recognizer::new(&seed(), "en");
        assert_eq!(found(&en, "Sayedabad"), []);
        assert_eq!(found(&en, "Mr. Sayed of Sayedabad"), [("Sayed", SAYED, 1)]);
    }

    #[test]
    fn longest_match_wins() {
        let en = Recognizer::new(&seed(), "en");
        assert_eq!(
            found(
                &en,
                "the Senate Standing Committee on Defence met; the Senate rose"
            ),
            [
                ("Senate Standing Committee on Defence", COMMITTEE, 0),
                ("Senate", SENATE, 0)
            ]
        );
        assert_eq!(
            found(&en, "Vladimir Chizhov and Vladmir Chizhov"),
            [
                ("Vladimir Chizhov", CHIZHOV, 0),
                ("Vladmir Chizhov", CHIZHOV, 1)
            ]
        );
        let matches = en.find("Vladmir Chizhov");
        assert_eq!(
            matches[0].status,
            Status::Forbidden,
            "forbidden terms are found too"
        );
    }

    #[test]
    fn urdu_folds_arabic_letters_and_heh_where_it_is_safe() {
        let ur = Recognizer::new(&seed(), "ur-PK");
        // ي U+064A for ی U+06CC.
        let text = "ولاديمير چيژوف نے کہا";
        assert_eq!(found(&ur, text), [("ولاديمير چيژوف", CHIZHOV, 2)]);
        assert_eq!(
            found(&ur, "عام انتخابات ۲۰۲۴ میں"),
            [("عام انتخابات ۲۰۲۴", ELECTION, 0)]
        );
        assert_eq!(found(&ur, "غزہ"), [("غزہ", GAZA, 0)]);
        // Arabic heh after a letter Urdu does not aspirate is ہ.
        assert_eq!(found(&ur, "غزه"), [("غزه", GAZA, 0)]);
        assert_eq!(
            found(&ur, "سینیٹر\u{200C} سفیر"),
            [("سینیٹر", SENATOR, 1), ("سفیر", AMBASSADOR, 1)]
        );
    }

    #[test]
    fn overlapping_finds_terms_inside_longer_matches() {
        let en = Recognizer::new(&seed(), "en");
        let text = "the Senate Standing Committee on Defence met Vladimir Chizhov";
        let found = |mut ms: Vec<Match>| -> Vec<(&str, usize)> {
            ms.sort_by_key(|m| (m.span.start, m.span.end));
            ms.into_iter().map(|m| (&text[m.span], m.concept)).collect()
        };
        assert_eq!(
            found(en.find_overlapping(text)),
            [
                ("Senate", SENATE),
                ("Senate Standing Committee on Defence", COMMITTEE),
                ("Vladimir Chizhov", CHIZHOV),
                ("Chizhov", CHIZHOV)
            ],
            "every term, also inside longer ones"
        );
        assert_eq!(
            found(en.find(text)),
            [
                ("Senate Standing Committee on Defence", COMMITTEE),
                ("Vladimir Chizhov", CHIZHOV)
            ]
        );
    }

    #[test]
    fn spans_are_byte_ranges_into_the_original_text() {
        let ru = Recognizer::new(&seed(), "ru");
        let text = "«Встреча» с Чи\u{200B}жовым, посол РФ.";
        let matches = ru.find(text);
        assert_eq!(matches.len(), 2);
        assert_eq!(&text[matches[0].span.clone()], "Чи\u{200B}жовым");
        assert_eq!(&text[matches[1].span.clone()], "посол РФ");
    }

    #[test]
    fn short_stems_and_stop_forms_never_match_by_stem() {
        let glossary = Glossary {
            concepts: vec![
                concept("mind", vec![preferred("ru", "ум")]),
                concept("steel", vec![preferred("ru", "сталь")]),
            ],
        };
        let ru = Recognizer::new(&glossary, "ru");
        assert_eq!(found(&ru, "ум"), [("ум", 0, 0)]);
        assert_eq!(found(&ru, "ума"), []);
        assert_eq!(
            found(&ru, "стали"),
            [],
            "стали is a verb more often than steel"
        );
        assert_eq!(found(&ru, "сталью"), [("сталью", 1, 0)]);
    }

    #[test]
    fn other_languages_and_empty_input() {
        let de = Recognizer::new(&seed(), "de");
        assert_eq!(de.term_count(), 0);
        assert_eq!(found(&de, "Senator"), []);
        let en = Recognizer::new(&seed(), "en");
        assert_eq!(found(&en, ""), []);
        assert_eq!(found(&en, " — "), []);
    }
}
