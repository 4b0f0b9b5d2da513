//! The word index: for each language and word key, the variants that hold
//! it, so that a lookup scores a few candidates instead of every unit.
//!
//! Postings live in SQLite (`posting`: language, term, chunk → ids), at
//! most one row per term per *chunk*, a chunk being what an import wrote
//! at once (rare terms wait for a later chunk: [`CARRY_BELOW`]). Each
//! entry is a variant id (delta-encoded varint, ascending) and the
//! variant's word count (varint), so that length bounds prune before any
//! text is read. A unit replaced by a newer version gets a new id (ids are
//! never reused), so its old entries name a unit that is gone: lookups skip
//! them, and the index is rebuilt when they or the chunks pile up.
//!
//! Candidate generation for a query of `n` words at a minimum score `t` is
//! lossless (it finds every unit whose base score reaches `t`):
//!
//! - a candidate of `m` words within distance `d` shares at least
//!   `max(n, m) − d` words with the query, and `d ≤ (1 − t)·max(n, m)`,
//!   so it shares at least `t·max(n, m) ≥ ⌈t·n⌉` words, `m` lies within
//!   `[t·n, n/t]`, and it holds at least one of the query's
//!   `n − ⌈t·n⌉ + 1` rarest words (prefix filtering): only their postings
//!   propose candidates;
//! - the postings of the query's other words, where short enough, count
//!   how many of them each candidate holds; a candidate that cannot reach
//!   `t·max(n, m)` shared words is dropped, and the others are ranked by
//!   the best score they could still reach, so that exact scoring can stop
//!   early.

use std::ops::Range;

use rusqlite::{Connection, Transaction, params};
use rustc_hash::{FxHashMap, FxHashSet};

/// Entries kept in memory before a chunk of postings is written.
const FLUSH_ENTRIES: usize = 5_000_000;

/// A chunk leaves the lists of fewer entries than this in memory, to be
/// written with a later chunk (or the last): most terms are rare, and a
/// row for each of them in every chunk made most of the rows, and most of
/// the time spent writing and indexing them.
const CARRY_BELOW: i64 = 16;

/// Unless the lists left in memory would hold more bytes than this: then
/// a chunk writes them all.
const CARRY_BYTES: usize = 16 << 20;

/// Postings of terms more frequent than this are not read to count shared
/// words (the bounds stay valid without them).
const PROBE_LIMIT: i64 = 200000;

/// At or above this minimum score candidate generation is lossless.
pub(crate) const LOSSLESS_MIN: f64 = 75.0;
/// Below [`LOSSLESS_MIN`], a word held by more than one unit in
/// `COMMON_SHARE` (and by more than `COMMON_FLOOR` units) proposes no
/// candidates.
const COMMON_SHARE: i64 = 100;
const COMMON_FLOOR: i64 = 5_000;

/// Gives languages and terms small ids, on the thread that keys the
/// units, and remembers which ones are new so that the writing thread can
/// learn them ([`Vocabulary`]).
///
/// A term is known by its 128-bit XXH3 hash, not its text: the table is
/// one flat array of slots, so a lookup touches one cache line and never
/// the term's text (an earlier table that checked the text spent a quarter
/// of an import waiting on memory). Two different terms are confused only
/// if 96 bits of their hashes agree and they probe the same run of slots:
/// with a million terms, a chance below 10^-16.
#[derive(Debug, Default)]
pub(crate) struct Interner {
    langs: FxHashMap<String, u16>,
    terms: Vec<TermTable>,
    new: Vocabulary,
}

/// An open-addressed table (linear probing, power-of-two size, at most
/// half full) from a term's hash to its id.
#[derive(Debug, Default)]
struct TermTable {
    slots: Vec<Slot>,
    len: u32,
}

/// One slot: 96 bits of a term's hash, and its id plus one (0: empty).
/// The slot's position comes from `high`, so growing needs no rehashing.
#[derive(Debug, Default, Clone, Copy)]
struct Slot {
    high: u64,
    check: u32,
    id: u32,
}

impl TermTable {
    /// The id of the term with this hash, and whether it is new (it then
    /// gets the next id).
    fn intern(&mut self, hash: u128) -> (u32, bool) {
        if (self.len as usize + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let high = (hash >> 64) as u64;
        let check = hash as u32;
        let mask = self.slots.len() - 1;
        let mut at = high as usize & mask;
        while let Some(slot) = self.slots.get_mut(at) {
            if slot.id == 0 {
                self.len += 1;
                *slot = Slot {
                    high,
                    check,
                    id: self.len,
                };
                return (self.len - 1, true);
            }
            if slot.high == high && slot.check == check {
                return (slot.id - 1, false);
            }
            at = (at + 1) & mask;
        }
        (0, false)
    }

    /// Reads the first slot of each hash, so that the lookups that follow
    /// find them in cache: the reads do not depend on one another, so the
    /// processor waits for their cache misses together instead of one
    /// after the other (most of an import's interning time was spent
    /// waiting on those misses).
    fn touch(&self, hashes: impl Iterator<Item = u128>) {
        let mask = self.slots.len().wrapping_sub(1);
        let mut any = 0;
        for hash in hashes {
            let at = (hash >> 64) as usize & mask;
            any |= self.slots.get(at).map_or(0, |slot| slot.id);
        }
        std::hint::black_box(any);
    }

    /// Doubles the table (or makes the first one); ids stay.
    fn grow(&mut self) {
        // Small at first: a file can hold thousands of languages with a
        // word or two each.
        let size = (self.slots.len() * 2).max(16);
        let old = std::mem::replace(&mut self.slots, vec![Slot::default(); size]);
        let mask = size - 1;
        for slot in old.into_iter().filter(|s| s.id != 0) {
            let mut at = slot.high as usize & mask;
            while self.slots.get(at).is_some_and(|s| s.id != 0) {
                at = (at + 1) & mask;
            }
            if let Some(free) = self.slots.get_mut(at) {
                *free = slot;
            }
        }
    }
}

/// Languages and terms first seen since the last [`Interner::take_new`],
/// in id order.
#[derive(Debug, Default)]
pub(crate) struct Vocabulary {
    langs: Vec<String>,
    terms: Vec<(u16, String)>,
}

impl Interner {
    pub(crate) fn lang(&mut self, plang: &str) -> u16 {
        if let Some(&id) = self.langs.get(plang) {
            return id;
        }
        let id = self.langs.len() as u16;
        self.langs.insert(plang.to_owned(), id);
        self.terms.push(TermTable::default());
        self.new.langs.push(plang.to_owned());
        id
    }

    #[cfg(test)]
    fn term(&mut self, lang: u16, term: &str) -> u32 {
        self.hashed(lang, xxhash_rust::xxh3::xxh3_128(term.as_bytes()), term)
    }

    /// The id of a term (its hash given).
    fn hashed(&mut self, lang: u16, hash: u128, term: &str) -> u32 {
        let Some(table) = self.terms.get_mut(usize::from(lang)) else {
            return 0;
        };
        let (id, new) = table.intern(hash);
        if new {
            self.new.terms.push((lang, term.to_owned()));
        }
        id
    }

    /// The ids of the terms in `keys`, appended to `ids`, looked up
    /// together ([`TermTable::touch`]).
    fn terms(&mut self, lang: u16, keys: &TermKeys, ids: &mut Vec<u32>) {
        if let Some(table) = self.terms.get(usize::from(lang)) {
            table.touch(keys.hashes.iter().map(|&(hash, _)| hash));
        }
        let mut start = 0;
        for &(hash, end) in &keys.hashes {
            let term = keys.text.get(start..end).unwrap_or_default();
            ids.push(self.hashed(lang, hash, term));
            start = end;
        }
    }

    pub(crate) fn take_new(&mut self) -> Vocabulary {
        std::mem::take(&mut self.new)
    }
}

/// Variants whose keys (words joined by spaces) have at most this many
/// characters are also indexed by character pairs, so that short queries,
/// compared by characters, find them without a word in common.
pub(crate) const SHORT_UNIT_CHARS: usize = 40;

/// Keys interned together: a segment with more is interned in parts.
const KEYS_AT_ONCE: usize = 4096;

/// Bytes of a long source's joined keys kept before they are hashed.
const JOINED_AT_ONCE: usize = 1 << 16;

/// The index terms of one variant. Its term ids are appended to a list
/// that a batch of variants shares, and it says where they are.
#[derive(Debug, Default, Clone)]
pub(crate) struct VariantTerms {
    /// Words (numbers as `#`).
    pub words: u64,
    /// Distinct term ids: words, and numbers by value.
    pub terms: Range<usize>,
    /// Characters of the joined key, and the distinct ids of its character
    /// pairs (none above [`SHORT_UNIT_CHARS`]).
    pub chars: u64,
    pub pairs: Range<usize>,
    /// The context hash of the words ([`super::score::ContextHasher`]),
    /// if asked for (a unit's source).
    pub context: Option<i64>,
}

/// Buffers [`VariantTerms::compute`] reuses from one variant to the next.
#[derive(Debug, Default)]
pub(crate) struct TermScratch {
    key: String,
    /// The keys joined by spaces: all of them for a unit's source (its
    /// context hash), else only while short enough to be indexed by
    /// character pairs.
    joined: String,
    term: String,
    keys: TermKeys,
}

/// Terms to intern together: their texts one after the other, and each
/// one's hash and end.
#[derive(Debug, Default)]
struct TermKeys {
    text: String,
    hashes: Vec<(u128, usize)>,
}

impl TermKeys {
    fn clear(&mut self) {
        self.text.clear();
        self.hashes.clear();
    }

    fn push(&mut self, term: &str) {
        self.text.push_str(term);
        self.hashes.push((
            xxhash_rust::xxh3::xxh3_128(term.as_bytes()),
            self.text.len(),
        ));
    }
}

impl VariantTerms {
    /// The terms of `text`, their ids appended to `ids`.
    pub(crate) fn compute(
        interner: &mut Interner,
        lang: u16,
        text: &str,
        rules: Option<crate::Lang>,
        scratch: &mut TermScratch,
        context: bool,
        ids: &mut Vec<u32>,
    ) -> VariantTerms {
        let TermScratch {
            key,
            joined,
            term,
            keys,
        } = scratch;
        let mut out = VariantTerms::default();
        joined.clear();
        keys.clear();
        let mut joined_chars = 0;
        // A segment of millions of words is keyed in parts, so that its
        // keys, ids and joined text never all sit in memory at once.
        let start = ids.len();
        let mut deduped = start;
        let mut hasher: Option<xxhash_rust::xxh3::Xxh3> = None;
        super::score::for_each_index_key(text, rules, key, |key, value| {
            out.words += 1;
            keys.push(key);
            if let Some(value) = value {
                // `score::number_term(value)`, without allocating.
                term.clear();
                term.push_str(super::score::NUMBER);
                term.push_str(value);
                keys.push(term);
            }
            if keys.hashes.len() >= KEYS_AT_ONCE {
                interner.terms(lang, keys, ids);
                keys.clear();
                // Repeats dropped whenever the ids have doubled since.
                if ids.len() - start > 2 * (deduped - start) + KEYS_AT_ONCE {
                    deduped = sort_dedup_from(ids, start);
                }
            }
            // All the keys for the context hash, else only while short.
            let counting = joined_chars <= SHORT_UNIT_CHARS;
            if counting || context {
                if !joined.is_empty() || hasher.is_some() {
                    joined.push(' ');
                    joined_chars += usize::from(counting);
                }
                joined.push_str(key);
                if counting {
                    joined_chars += key.chars().count();
                } else if joined.len() >= JOINED_AT_ONCE {
                    // Long past short: only the hash needs it.
                    hasher
                        .get_or_insert_with(xxhash_rust::xxh3::Xxh3::new)
                        .update(joined.as_bytes());
                    joined.clear();
                }
            }
        });
        if context {
            // What `score::ContextHasher` computes word by word (each key
            // and a space): XXH3 of the whole, in one call unless the
            // text was long. XXH3 fed in parts gives the same hash.
            let hash = match &mut hasher {
                Some(hasher) => {
                    hasher.update(joined.as_bytes());
                    hasher.update(b" ");
                    hasher.digest()
                }
                None if joined.is_empty() => xxhash_rust::xxh3::xxh3_64(b""),
                None => {
                    joined.push(' ');
                    let hash = xxhash_rust::xxh3::xxh3_64(joined.as_bytes());
                    joined.pop();
                    hash
                }
            };
            out.context = Some(hash as i64);
        }
        interner.terms(lang, keys, ids);
        out.terms = start..sort_dedup_from(ids, start);
        let start = ids.len();
        if joined_chars <= SHORT_UNIT_CHARS {
            out.chars = joined_chars as u64;
            keys.clear();
            let mut prev: Option<char> = None;
            for c in joined.chars() {
                if let Some(p) = prev {
                    pair_term(term, p, c);
                    keys.push(term);
                }
                prev = Some(c);
            }
            interner.terms(lang, keys, ids);
        }
        out.pairs = start..sort_dedup_from(ids, start);
        out
    }
}

/// Sorts `ids[start..]` and drops its repeats; the new end.
fn sort_dedup_from(ids: &mut Vec<u32>, start: usize) -> usize {
    let Some(tail) = ids.get_mut(start..) else {
        return ids.len();
    };
    tail.sort_unstable();
    let mut kept = 0;
    for at in 0..tail.len() {
        let id = tail.get(at).copied();
        if kept == 0 || tail.get(kept - 1).copied() != id {
            if let (Some(id), Some(slot)) = (id, tail.get_mut(kept)) {
                *slot = id;
            }
            kept += 1;
        }
    }
    ids.truncate(start + kept);
    ids.len()
}

/// The index term of a pair of characters: U+0001 and the pair (no word
/// key holds U+0001).
pub(crate) fn pair_term(out: &mut String, a: char, b: char) {
    out.clear();
    out.push('\u{1}');
    out.push(a);
    out.push(b);
}

/// Builds the postings of newly inserted variants, a chunk at a time.
#[derive(Debug)]
pub(crate) struct PostingBuilder {
    langs: Vec<String>,
    /// Per language: term strings by id, and their postings.
    terms: Vec<Vec<String>>,
    lists: Vec<Vec<List>>,
    /// Entries added since the last chunk.
    entries: usize,
    limits: ChunkLimits,
}

/// When a chunk is written, and which lists it leaves for later.
#[derive(Debug, Clone, Copy)]
struct ChunkLimits {
    flush_entries: usize,
    carry_below: i64,
    carry_bytes: usize,
}

impl Default for PostingBuilder {
    fn default() -> PostingBuilder {
        PostingBuilder {
            langs: Vec::new(),
            terms: Vec::new(),
            lists: Vec::new(),
            entries: 0,
            limits: ChunkLimits {
                flush_entries: FLUSH_ENTRIES,
                carry_below: CARRY_BELOW,
                carry_bytes: CARRY_BYTES,
            },
        }
    }
}

#[derive(Debug, Default)]
struct List {
    n: i64,
    last: i64,
    bytes: Vec<u8>,
}

impl PostingBuilder {
    pub(crate) fn new(_tx: &Transaction<'_>) -> Result<Self, rusqlite::Error> {
        Ok(PostingBuilder::default())
    }

    /// Learns the languages and terms an [`Interner`] has given ids to.
    pub(crate) fn learn(&mut self, vocabulary: Vocabulary) {
        for lang in vocabulary.langs {
            self.langs.push(lang);
            self.terms.push(Vec::new());
            self.lists.push(Vec::new());
        }
        for (lang, term) in vocabulary.terms {
            let lang = usize::from(lang);
            if let (Some(terms), Some(lists)) = (self.terms.get_mut(lang), self.lists.get_mut(lang))
            {
                terms.push(term);
                lists.push(List::default());
            }
        }
    }

    /// Adds variant `id` (ids come in ascending order) of `count` words
    /// with its distinct term ids.
    pub(crate) fn add(
        &mut self,
        tx: &Transaction<'_>,
        lang: u16,
        id: i64,
        count: u64,
        terms: &[u32],
    ) -> Result<(), rusqlite::Error> {
        let Some(lists) = self.lists.get_mut(usize::from(lang)) else {
            return Ok(());
        };
        for &term in terms {
            let Some(list) = lists.get_mut(term as usize) else {
                continue;
            };
            push_varint(&mut list.bytes, (id - list.last) as u64);
            push_varint(&mut list.bytes, count);
            list.last = id;
            list.n += 1;
        }
        self.entries += terms.len();
        if self.entries >= self.limits.flush_entries {
            self.flush(tx, false)?;
        }
        Ok(())
    }

    /// Writes a chunk: every list if `all`, else those of
    /// [`CARRY_BELOW`] entries or more (unless the rest would hold more
    /// than [`CARRY_BYTES`]).
    fn flush(&mut self, tx: &Transaction<'_>, all: bool) -> Result<(), rusqlite::Error> {
        if self.entries == 0 && !(all && self.lists.iter().flatten().any(|l| l.n > 0)) {
            return Ok(());
        }
        let ChunkLimits {
            carry_below,
            carry_bytes,
            ..
        } = self.limits;
        let small = |l: &List| l.n > 0 && l.n < carry_below;
        let carried: usize = self
            .lists
            .iter()
            .flatten()
            .filter(|l| small(l))
            .map(|l| l.bytes.len())
            .sum();
        let all = all || carried > carry_bytes;
        // Every flush is a chunk of its own: a term has at most one row per
        // chunk. The ids of a list left for later are all above those of
        // the term's earlier rows, so its rows stay in id order by chunk.
        tx.execute("UPDATE meta SET value = value + 1 WHERE key = 'chunk'", [])?;
        let chunk: i64 = tx.query_row("SELECT value FROM meta WHERE key = 'chunk'", [], |r| {
            r.get(0)
        })?;
        let mut insert = tx.prepare_cached(
            "INSERT INTO posting (plang, term, chunk, n, ids) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        let mut langs: Vec<usize> = (0..self.langs.len()).collect();
        langs.sort_unstable_by(|&a, &b| self.langs.get(a).cmp(&self.langs.get(b)));
        for lang in langs {
            let (Some(plang), Some(terms), Some(lists)) = (
                self.langs.get(lang),
                self.terms.get(lang),
                self.lists.get_mut(lang),
            ) else {
                continue;
            };
            // In key order, so that the b-tree is written front to back.
            let mut order: Vec<usize> = (0..lists.len())
                .filter(|&t| lists.get(t).is_some_and(|l| l.n > 0 && (all || !small(l))))
                .collect();
            order.sort_unstable_by(|&a, &b| terms.get(a).cmp(&terms.get(b)));
            for t in order {
                let (Some(term), Some(list)) = (terms.get(t), lists.get_mut(t)) else {
                    continue;
                };
                insert.execute(params![plang, term, chunk, list.n, list.bytes])?;
                *list = List::default();
            }
        }
        self.entries = 0;
        Ok(())
    }

    /// Writes what is left.
    pub(crate) fn finish(mut self, tx: &Transaction<'_>) -> Result<(), rusqlite::Error> {
        self.flush(tx, true)
    }
}

/// The index postings are read by (see the store's migration 2 → 3).
pub(crate) const POSTING_INDEX: &str =
    "CREATE INDEX posting_term ON posting(plang, term, chunk, n)";

/// Rebuilds the whole index from the units.
pub(crate) fn rebuild(tx: &Transaction<'_>) -> Result<(), rusqlite::Error> {
    // The postings index is built once the rows are in, as a bulk load
    // builds it.
    tx.execute_batch(
        "DELETE FROM posting; DROP INDEX IF EXISTS posting_term;
         UPDATE meta SET value = 0 WHERE key = 'dead';",
    )?;
    let mut builder = PostingBuilder::new(tx)?;
    let mut interner = Interner::default();
    let mut stmt = tx.prepare("SELECT id, variants FROM unit ORDER BY id")?;
    let mut rows = stmt.query([])?;
    let mut scratch = TermScratch::default();
    let mut ids = Vec::new();
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let blob = row.get_ref(1)?.as_blob()?;
        for (n, variant) in super::codec::decode_variants(blob)
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let plang = super::model::primary_subtag(&variant.lang);
            let lang = interner.lang(&plang);
            ids.clear();
            let terms = VariantTerms::compute(
                &mut interner,
                lang,
                &variant.text,
                super::store::rules_lang(&plang),
                &mut scratch,
                false,
                &mut ids,
            );
            builder.learn(interner.take_new());
            let id = super::store::variant_id(id, n);
            let slice = |at: Range<usize>| ids.get(at).unwrap_or_default();
            builder.add(tx, lang, id, terms.words, slice(terms.terms))?;
            if !terms.pairs.is_empty() {
                builder.add(tx, lang, id, terms.chars, slice(terms.pairs))?;
            }
        }
    }
    builder.finish(tx)?;
    tx.execute_batch(POSTING_INDEX)
}

pub(crate) fn push_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

#[inline]
pub(crate) fn read_varint(bytes: &[u8], at: &mut usize) -> Option<u64> {
    // Most values (id deltas in dense postings, word counts) fit one byte.
    let first = *bytes.get(*at)?;
    if first & 0x80 == 0 {
        *at += 1;
        return Some(u64::from(first));
    }
    let mut value = 0u64;
    let mut shift = 0;
    loop {
        let byte = *bytes.get(*at)?;
        *at += 1;
        value |= u64::from(byte & 0x7F) << shift;
        if byte & 0x80 == 0 {
            return Some(value);
        }
        shift += 7;
        if shift > 63 {
            return None;
        }
    }
}

/// Calls `f(id, words)` for every entry of a postings blob.
pub(crate) fn for_each_entry(bytes: &[u8], mut f: impl FnMut(i64, u64)) {
    let mut at = 0;
    let mut id = 0i64;
    while at < bytes.len() {
        let (Some(delta), Some(words)) = (read_varint(bytes, &mut at), read_varint(bytes, &mut at))
        else {
            return;
        };
        id += delta as i64;
        f(id, words);
    }
}

/// How many variants of `plang` hold `term` (dead entries included).
pub(crate) fn document_frequency(
    conn: &Connection,
    plang: &str,
    term: &str,
) -> Result<i64, rusqlite::Error> {
    conn.prepare_cached("SELECT coalesce(sum(n), 0) FROM posting WHERE plang = ?1 AND term = ?2")?
        .query_row(params![plang, term], |r| r.get(0))
}

/// Calls `f` with every postings blob of `term`.
fn postings(
    conn: &Connection,
    plang: &str,
    term: &str,
    mut f: impl FnMut(&[u8]),
) -> Result<(), rusqlite::Error> {
    let mut stmt = conn.prepare_cached("SELECT ids FROM posting WHERE plang = ?1 AND term = ?2")?;
    let mut rows = stmt.query(params![plang, term])?;
    while let Some(row) = rows.next()? {
        let blob = row.get_ref(0)?.as_blob()?;
        f(blob);
    }
    Ok(())
}

/// A variant worth scoring, with the best base score it could reach.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Candidate {
    pub id: i64,
    pub upper: f64,
}

/// The variants of `plang` that may reach `min` against a query with word
/// keys `words` (of [`super::score::SHORT_QUERY`] words or more), best
/// bound first.
pub(crate) fn word_candidates(
    conn: &Connection,
    scratch: &mut Scratch,
    plang: &str,
    words: &[String],
    min: f64,
) -> Result<Vec<Candidate>, rusqlite::Error> {
    let max_unit: i64 = conn
        .prepare_cached("SELECT coalesce(max(id), 0) FROM unit")?
        .query_row([], |r| r.get(0))?;
    let n = words.len();
    if n == 0 {
        return Ok(Vec::new());
    }
    let t = (min / 100.0).clamp(0.01, 1.0);
    let eps = 1e-9;
    let lo = ((t * n as f64) - eps).ceil().max(0.0) as u64;
    let hi = ((n as f64 / t) + eps).floor() as u64;
    // A unit reaching `min` shares at least `lo` word occurrences with the
    // query (shared ≥ max(n, m) − distance ≥ t·max(n, m) ≥ t·n), so it
    // holds one of the `n − lo + 1` rarest: the postings of those find
    // every candidate (the prefix filter).
    let d_max = n.saturating_sub(lo as usize);

    let mut counts: FxHashMap<&str, usize> = FxHashMap::default();
    for word in words {
        *counts.entry(word.as_str()).or_default() += 1;
    }
    let mut terms: Vec<(&str, usize, i64)> = Vec::with_capacity(counts.len());
    for (term, count) in counts {
        terms.push((term, count, document_frequency(conn, plang, term)?));
    }
    terms.sort_unstable_by(|a, b| a.2.cmp(&b.2).then(a.0.cmp(b.0)));

    // Candidates, by unit: shared occurrences so far, word count, and the
    // variant's position (a unit with two variants of the language keeps
    // the others in `more`).
    let scratch = &mut *scratch;
    scratch.reset(max_unit);
    let mut covered = 0usize;
    let mut rest = terms.iter();
    let common = (max_unit / COMMON_SHARE).max(COMMON_FLOOR);
    // Past the prefix a lossless lookup at LOSSLESS_MIN reads, matches at
    // or above it are all proposed already.
    let lossless_prefix = n - ((LOSSLESS_MIN / 100.0 * n as f64) - eps).ceil().max(0.0) as usize;
    let Scratch {
        cache,
        cached_entries,
        ..
    } = scratch;
    let mut cache = std::mem::take(cache);
    let mut cached = std::mem::take(cached_entries);
    for &(term, count, df) in rest.by_ref() {
        // Below LOSSLESS_MIN, once every unit that can reach it is
        // proposed, a unit whose other shared words are all common is not:
        // a weak match made of `the`, `of` and `в` is not worth the scan.
        if min < LOSSLESS_MIN && df > common && covered > lossless_prefix {
            break;
        }
        cached_postings(conn, &mut cache, &mut cached, plang, term, df, |id, m| {
            if (lo..=hi).contains(&m) {
                scratch.add(id, m, count);
            }
        })?;
        covered += count;
        if covered > d_max {
            break;
        }
    }
    for &(term, count, df) in rest {
        if df > PROBE_LIMIT || scratch.touched.is_empty() {
            break;
        }
        cached_postings(conn, &mut cache, &mut cached, plang, term, df, |id, _| {
            scratch.bump(id, count);
        })?;
        covered += count;
    }
    scratch.cache = cache;
    scratch.cached_entries = cached;
    let unseen = n - covered.min(n);
    let mut out: Vec<Candidate> = Vec::new();
    for &unit in &scratch.touched {
        let u = unit as usize;
        let (Some(&shared), Some(&m), Some(&pos)) = (
            scratch.shared.get(u),
            scratch.words.get(u),
            scratch.pos.get(u),
        ) else {
            continue;
        };
        // Shared words are counted per unit: for a unit with two variants
        // of the language, an over-count, which only loosens the bound.
        let shared = usize::from(shared);
        let others = scratch
            .more
            .get(&unit)
            .map(Vec::as_slice)
            .unwrap_or_default();
        for (pos, m) in std::iter::once((pos, m)).chain(others.iter().copied()) {
            let m = usize::from(m);
            let upper_shared = (shared + unseen).min(n).min(m);
            let longer = n.max(m).max(1);
            if (upper_shared as f64) < t * longer as f64 - eps {
                continue;
            }
            out.push(Candidate {
                id: i64::from(unit) * 64 + i64::from(pos),
                upper: 100.0 * upper_shared as f64 / longer as f64,
            });
        }
    }
    out.sort_unstable_by(|a, b| b.upper.total_cmp(&a.upper).then(a.id.cmp(&b.id)));
    Ok(out)
}

/// Dense per-unit counters for candidate generation, kept between lookups
/// so that a lookup touches only the units its postings name.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    shared: Vec<u16>,
    words: Vec<u16>,
    pos: Vec<u8>,
    touched: Vec<u32>,
    /// Units with more than one variant of the language: the others'
    /// positions and word counts.
    more: FxHashMap<u32, Vec<(u8, u16)>>,
    /// Decoded postings of frequent terms (`plang`, NUL, term), kept for
    /// the next lookups: a job's sentences share their common words.
    cache: FxHashMap<String, Vec<(u32, u16)>>,
    cached_entries: usize,
}

/// Terms held by more units than this have their postings cached.
const CACHE_MIN_DF: i64 = 2_000;
/// The cache holds at most this many entries (8 bytes each).
const CACHE_MAX_ENTRIES: usize = 12_000_000;

impl Scratch {
    /// Forgets cached postings (the index changed).
    pub(crate) fn forget_postings(&mut self) {
        self.cache.clear();
        self.cached_entries = 0;
    }
}

/// Calls `f(id, words)` for every posting of `term`, from the cache when
/// the term is frequent enough to be kept there.
fn cached_postings(
    conn: &Connection,
    cache: &mut FxHashMap<String, Vec<(u32, u16)>>,
    cached_entries: &mut usize,
    plang: &str,
    term: &str,
    df: i64,
    mut f: impl FnMut(i64, u64),
) -> Result<(), rusqlite::Error> {
    if df < CACHE_MIN_DF {
        return postings(conn, plang, term, |blob| for_each_entry(blob, &mut f));
    }
    let key = format!("{plang}\0{term}");
    if let Some(entries) = cache.get(&key) {
        entries
            .iter()
            .for_each(|&(id, m)| f(i64::from(id), u64::from(m)));
        return Ok(());
    }
    let mut entries = Vec::with_capacity(usize::try_from(df).unwrap_or(0));
    let mut compact = true;
    postings(conn, plang, term, |blob| {
        for_each_entry(blob, |id, m| {
            f(id, m);
            match (u32::try_from(id), u16::try_from(m)) {
                (Ok(id), Ok(m)) => entries.push((id, m)),
                _ => compact = false,
            }
        });
    })?;
    if !compact {
        return Ok(()); // too large to keep in the compact form
    }
    if *cached_entries + entries.len() > CACHE_MAX_ENTRIES {
        cache.clear();
        *cached_entries = 0;
    }
    *cached_entries += entries.len();
    cache.insert(key, entries);
    Ok(())
}

impl Scratch {
    fn reset(&mut self, max_unit: i64) {
        for &u in &self.touched {
            if let Some(s) = self.shared.get_mut(u as usize) {
                *s = 0;
            }
        }
        self.touched.clear();
        self.more.clear();
        let len = usize::try_from(max_unit).unwrap_or(0) + 1;
        if self.shared.len() < len {
            self.shared.resize(len, 0);
            self.words.resize(len, 0);
            self.pos.resize(len, 0);
        }
    }

    fn add(&mut self, id: i64, m: u64, count: usize) {
        let unit = (id / 64) as usize;
        let pos = (id % 64) as u8;
        let Some(shared) = self.shared.get_mut(unit) else {
            return;
        };
        if *shared == 0 {
            self.touched.push(unit as u32);
            if let (Some(w), Some(p)) = (self.words.get_mut(unit), self.pos.get_mut(unit)) {
                *w = m.min(u64::from(u16::MAX)) as u16;
                *p = pos;
            }
        } else if self.pos.get(unit) != Some(&pos) {
            let more = self.more.entry(unit as u32).or_default();
            if !more.iter().any(|&(p, _)| p == pos) {
                more.push((pos, m.min(u64::from(u16::MAX)) as u16));
            }
        }
        *shared = shared.saturating_add(count as u16);
    }

    fn bump(&mut self, id: i64, count: usize) {
        if let Some(shared) = self.shared.get_mut((id / 64) as usize)
            && *shared > 0
        {
            *shared = shared.saturating_add(count as u16);
        }
    }
}

/// Candidates for a short query (compared by characters): variants that
/// hold one of its words, or a word beginning with the same four letters
/// (`Chizhov` finds `Chizhova`), and are short enough to reach `min`.
pub(crate) fn short_candidates(
    conn: &Connection,
    plang: &str,
    words: &[String],
    joined: &str,
    min: f64,
) -> Result<Vec<Candidate>, rusqlite::Error> {
    let t = (min / 100.0).clamp(0.01, 1.0);
    let chars = joined.chars().count();
    // m words take at least 2m − 1 characters.
    let max_words = (((chars as f64 / t) + 1.0) / 2.0).floor() as u64 + 1;
    let mut found: FxHashMap<i64, usize> = FxHashMap::default();
    // Units of a length within reach that share a pair of characters: by
    // the q-gram lemma, every unit within reach at 75% and 4 characters or
    // more shares one.
    let lo = ((t * chars as f64) - 1e-9).ceil() as u64;
    let hi = ((chars as f64 / t) + 1e-9).floor() as u64;
    if hi as usize <= SHORT_UNIT_CHARS {
        let mut term = String::new();
        let mut seen: FxHashSet<String> = FxHashSet::default();
        let mut prev: Option<char> = None;
        for c in joined.chars() {
            if let Some(p) = prev {
                pair_term(&mut term, p, c);
                if seen.insert(term.clone()) {
                    postings(conn, plang, &term, |blob| {
                        for_each_entry(blob, |id, lc| {
                            if (lo..=hi).contains(&lc) {
                                *found.entry(id).or_default() += 1;
                            }
                        });
                    })?;
                }
            }
            prev = Some(c);
        }
    }
    // And units holding one of its words, or a word with the same first
    // four letters (longer units, and very short queries).
    let mut terms: FxHashSet<String> = FxHashSet::default();
    for word in words {
        terms.insert(word.clone());
        let prefix: String = word.chars().take(4).collect();
        for term in terms_with_prefix(conn, plang, &prefix, 200)? {
            terms.insert(term);
        }
    }
    for term in &terms {
        postings(conn, plang, term, |blob| {
            for_each_entry(blob, |id, m| {
                if m <= max_words {
                    *found.entry(id).or_default() += 1;
                }
            });
        })?;
    }
    let mut out: Vec<Candidate> = found
        .into_iter()
        .map(|(id, hits)| Candidate {
            id,
            upper: hits as f64,
        })
        .collect();
    out.sort_unstable_by(|a, b| b.upper.total_cmp(&a.upper).then(a.id.cmp(&b.id)));
    out.truncate(20_000);
    // Character bounds are not word bounds: every candidate is scored.
    for c in &mut out {
        c.upper = 100.0;
    }
    Ok(out)
}

/// Up to `limit` terms of `plang` that begin with `prefix` (in key order).
pub(crate) fn terms_with_prefix(
    conn: &Connection,
    plang: &str,
    prefix: &str,
    limit: usize,
) -> Result<Vec<String>, rusqlite::Error> {
    let upper = format!("{prefix}\u{10FFFF}");
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT term FROM posting WHERE plang = ?1 AND term >= ?2 AND term < ?3 LIMIT ?4",
    )?;
    let rows = stmt.query_map(params![plang, prefix, upper, limit as i64], |r| r.get(0))?;
    rows.collect()
}

/// The ids of the variants of `plang` that hold `term`, ascending.
pub(crate) fn ids_with_term(
    conn: &Connection,
    plang: &str,
    term: &str,
) -> Result<Vec<i64>, rusqlite::Error> {
    let mut ids = Vec::new();
    postings(conn, plang, term, |blob| {
        for_each_entry(blob, |id, _| ids.push(id))
    })?;
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variant_terms_are_distinct_sorted_and_stable() {
        let mut interner = Interner::default();
        let en = interner.lang("en");
        let mut scratch = TermScratch::default();
        let mut ids = Vec::new();
        let text = "The Senate and the senate met 2 senators in Islamabad.";
        let first =
            VariantTerms::compute(&mut interner, en, text, None, &mut scratch, true, &mut ids);
        assert_eq!(first.words, 10);
        let terms = ids[first.terms.clone()].to_vec();
        // the, senate, and, met, the number and its value, senators, in,
        // islamabad.
        assert_eq!(terms.len(), 9, "{terms:?}");
        assert!(terms.windows(2).all(|w| w[0] < w[1]));
        assert!(first.pairs.is_empty(), "longer than a short unit");
        let vocabulary = interner.take_new();
        let texts: Vec<&str> = vocabulary.terms.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(texts.len(), 9);
        assert!(texts.contains(&"senate") && texts.contains(&"senators"));
        assert!(texts.contains(&super::super::score::NUMBER));
        // The same text again: the same ids, and nothing new.
        let again =
            VariantTerms::compute(&mut interner, en, text, None, &mut scratch, true, &mut ids);
        assert_eq!(ids[again.terms.clone()], terms[..]);
        assert_eq!(again.context, first.context);
        assert!(interner.take_new().terms.is_empty());
        // The context hash is the one lookups compute for `--prev`.
        for text in [text, "", "…", "Сенат, 2007 год.", "سینیٹ نے ۲۰۰۷ میں"]
        {
            let mut ids = Vec::new();
            for rules in [None, Some(crate::Lang::Ru), Some(crate::Lang::Ur)] {
                let terms = VariantTerms::compute(
                    &mut interner,
                    en,
                    text,
                    rules,
                    &mut scratch,
                    true,
                    &mut ids,
                );
                let expected = super::super::score::context_hash(text, rules);
                assert_eq!(terms.context, Some(expected), "{text:?}");
            }
        }
        // A short unit is also indexed by its character pairs.
        let short = VariantTerms::compute(
            &mut interner,
            en,
            "Senate",
            None,
            &mut scratch,
            false,
            &mut ids,
        );
        assert_eq!((short.words, short.chars), (1, 6));
        assert_eq!(short.pairs.len(), 5);
        assert_eq!(short.terms.len(), 1);
    }

    #[test]
    fn a_very_long_segment_is_keyed_in_parts_to_the_same_terms() {
        let mut interner = Interner::default();
        let en = interner.lang("en");
        let mut scratch = TermScratch::default();
        // 40,000 words, ten times the keys interned at once: 9,000
        // distinct words and 500 numbers, over 200 KB of joined keys.
        let word = |n: usize| -> String {
            if n.is_multiple_of(7) {
                return (n % 500).to_string();
            }
            let n = n % 9_000;
            [n % 26, n / 26 % 26, n / 676]
                .iter()
                .map(|&c| char::from(b'a' + c as u8))
                .collect()
        };
        let words: Vec<String> = (0..40_000).map(word).collect();
        let text = words.join(" ");
        let mut ids = vec![u32::MAX];
        let long =
            VariantTerms::compute(&mut interner, en, &text, None, &mut scratch, true, &mut ids);
        assert_eq!(long.words, 40_000);
        assert_eq!(
            long.context,
            Some(super::super::score::context_hash(&text, None))
        );
        assert!(long.pairs.is_empty());
        assert_eq!(ids.first(), Some(&u32::MAX), "ids before it are kept");
        // The terms of the words keyed a hundred at a time.
        let mut expected = Vec::new();
        for piece in words.chunks(100) {
            let mut piece_ids = Vec::new();
            let terms = VariantTerms::compute(
                &mut interner,
                en,
                &piece.join(" "),
                None,
                &mut scratch,
                false,
                &mut piece_ids,
            );
            expected.extend_from_slice(&piece_ids[terms.terms]);
        }
        expected.sort_unstable();
        expected.dedup();
        assert_eq!(expected.len(), 9_000 + 500 + 1, "words, values, `#`");
        assert_eq!(ids[long.terms.clone()], expected[..]);
        // Memory stays bounded: keys and joined text were let go in parts.
        assert!(scratch.keys.hashes.capacity() <= 2 * KEYS_AT_ONCE);
        assert!(scratch.joined.capacity() <= 2 * JOINED_AT_ONCE);
    }

    #[test]
    fn chunks_leave_rare_terms_for_later_and_keep_ids_in_order() {
        let run = |carry_bytes: usize| {
            let mut conn = Connection::open_in_memory().unwrap();
            conn.execute_batch(
                "CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
                 INSERT INTO meta VALUES ('chunk', 0);
                 CREATE TABLE posting (plang TEXT NOT NULL, term TEXT NOT NULL,
                     chunk INTEGER NOT NULL, n INTEGER NOT NULL, ids BLOB NOT NULL);",
            )
            .unwrap();
            let tx = conn.transaction().unwrap();
            let mut builder = PostingBuilder::new(&tx).unwrap();
            builder.limits = ChunkLimits {
                flush_entries: 50,
                carry_below: 4,
                carry_bytes,
            };
            builder.learn(Vocabulary {
                langs: vec!["en".into()],
                terms: (0..5).map(|t| (0, format!("t{t}"))).collect(),
            });
            // Term 0 in every variant, 1 in every other, 2 in every
            // seventh, 3 in every fiftieth, 4 in two.
            let holds = |t: u32, v: i64| match t {
                0 => true,
                1 => v % 2 == 0,
                2 => v % 7 == 0,
                3 => v % 50 == 0,
                _ => v == 5 || v == 299,
            };
            for v in 0..300 {
                let terms: Vec<u32> = (0..5).filter(|&t| holds(t, v)).collect();
                builder.add(&tx, 0, v * 64, 3, &terms).unwrap();
            }
            builder.finish(&tx).unwrap();
            let mut rows_per_term = Vec::new();
            for t in 0..5u32 {
                let mut stmt = tx
                    .prepare("SELECT ids, n FROM posting WHERE term = ?1 ORDER BY chunk")
                    .unwrap();
                let mut ids = Vec::new();
                let mut rows = 0;
                for row in stmt
                    .query_map([format!("t{t}")], |r| {
                        Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, i64>(1)?))
                    })
                    .unwrap()
                {
                    let (blob, n) = row.unwrap();
                    let before = ids.len();
                    for_each_entry(&blob, |id, words| {
                        assert_eq!(words, 3);
                        ids.push(id / 64);
                    });
                    assert_eq!(ids.len() - before, n as usize);
                    rows += 1;
                }
                // Every entry once, ascending across the rows by chunk.
                let expected: Vec<i64> = (0..300).filter(|&v| holds(t, v)).collect();
                assert_eq!(ids, expected, "t{t}");
                rows_per_term.push(rows);
            }
            let chunks: i64 = tx
                .query_row("SELECT count(DISTINCT chunk) FROM posting", [], |r| {
                    r.get(0)
                })
                .unwrap();
            (rows_per_term, chunks)
        };
        let (rows, chunks) = run(1 << 20);
        assert!(chunks > 5, "{chunks}");
        // The frequent term has a row per chunk; the rare ones wait until
        // they have enough entries, or the last chunk.
        assert_eq!(rows[0], chunks);
        assert_eq!(rows[3], 2, "six entries: one row of four, then the rest");
        assert_eq!(rows[4], 1);
        // With no room for lists left in memory, each chunk writes them all.
        let (rows, chunks) = run(0);
        assert_eq!(rows[0], chunks);
        assert_eq!(rows[4], 2);
    }

    #[test]
    fn interned_terms_keep_their_ids() {
        let mut interner = Interner::default();
        let en = interner.lang("en");
        let ru = interner.lang("ru");
        let a = interner.term(en, "senate");
        let b = interner.term(en, "committee");
        assert_eq!(interner.term(en, "senate"), a);
        assert_ne!(a, b);
        assert_eq!(interner.term(ru, "senate"), 0, "ids are per language");
        // Ids survive the table growing, and new terms are listed once.
        let many: Vec<u32> = (0..5000)
            .map(|n| interner.term(en, &format!("w{n}")))
            .collect();
        assert_eq!(many.first(), Some(&2));
        assert_eq!(interner.term(en, "senate"), a);
        assert_eq!(interner.term(en, "committee"), b);
        for (n, &id) in many.iter().enumerate() {
            assert_eq!(interner.term(en, &format!("w{n}")), id);
        }
        let new = interner.take_new();
        assert_eq!(new.langs, ["en", "ru"]);
        assert_eq!(new.terms.len(), 5003);
    }

    #[test]
    fn varints_round_trip() {
        let mut bytes = Vec::new();
        for value in [0u64, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            push_varint(&mut bytes, value);
        }
        let mut at = 0;
        let read: Vec<u64> = std::iter::from_fn(|| read_varint(&bytes, &mut at)).collect();
        assert_eq!(read, [0, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX]);
        assert_eq!(read_varint(&[0x80], &mut 0), None, "truncated");
    }
}
