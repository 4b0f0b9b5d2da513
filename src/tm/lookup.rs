//! Reading the memory: fuzzy lookup, concordance, statistics and export.

use std::io::Write;

use rusqlite::OptionalExtension;
use rusqlite::types::ValueRef;
use serde::Serialize;

use super::codec::{Extra, decode_extra, decode_variants, variant_text};
use super::index::{self, Candidate};
use super::model::{Header, Unit, Variant, lang_matches, primary_subtag};
use super::score::{Prepared, SHORT_QUERY, Score, score};
use super::store::{Store, StoreError, rules_lang, split_variant_id, variant_id};
use super::tmx::Writer;

/// What to look up.
#[derive(Debug, Clone)]
pub struct LookupOptions {
    /// The query's language (`en`, or `en-GB` for that region only).
    pub from: String,
    /// The language of the translations wanted.
    pub to: String,
    /// The lowest match percentage returned.
    pub min: f64,
    /// At most this many matches.
    pub limit: usize,
}

/// A match: a stored unit whose source resembles the query.
#[derive(Debug, Clone, Serialize)]
pub struct Match {
    /// The match percentage (100 identical, 101 identical in context).
    pub score: f64,
    pub source: String,
    pub target: String,
    /// The unit's `tuid`, or its key in the store (`#` and 16 hex digits).
    pub tu: String,
    /// How the score was reached: base similarity, what it counted and
    /// the penalties.
    pub base: f64,
    pub unit: &'static str,
    pub penalties: Vec<Penalty>,
    /// The previous sentence matched too (in-context exact match).
    pub context: bool,
    /// The unit's `changedate` (else `creationdate`), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The TMX file the unit comes from.
    pub file: String,
    /// The segments as XML, inline markup included.
    #[serde(skip)]
    pub source_seg: String,
    #[serde(skip)]
    pub target_seg: String,
    #[serde(skip)]
    pub target_lang: String,
}

/// A penalty in the JSON output: its name and points.
#[derive(Debug, Clone, Serialize)]
pub struct Penalty {
    pub name: &'static str,
    pub points: f64,
}

impl Store {
    /// The best matches for `query` (its previous sentence `prev`, if known,
    /// decides in-context matches), best first.
    pub fn lookup(
        &self,
        query: &str,
        prev: Option<&str>,
        options: &LookupOptions,
    ) -> Result<Vec<Match>, StoreError> {
        self.unchanged(self.lookup_inner(query, prev, options, false))
    }

    /// The same as [`Store::lookup`] but comparing the query with every
    /// unit: slow, for checking the index (benchmarks, tests).
    pub fn lookup_exhaustive(
        &self,
        query: &str,
        options: &LookupOptions,
    ) -> Result<Vec<Match>, StoreError> {
        self.unchanged(self.lookup_inner(query, None, options, true))
    }

    /// [`Store::lookup`] for several target languages at once: the query is
    /// scored once, each candidate's translations shared out. `options.to`
    /// is ignored; the result has one list per `to`, in order.
    pub fn lookup_many(
        &self,
        query: &str,
        prev: Option<&str>,
        options: &LookupOptions,
        to: &[&str],
    ) -> Result<Vec<Vec<Match>>, StoreError> {
        self.unchanged(self.lookup_targets(query, prev, options, to, false))
    }

    fn lookup_inner(
        &self,
        query: &str,
        prev: Option<&str>,
        options: &LookupOptions,
        exhaustive: bool,
    ) -> Result<Vec<Match>, StoreError> {
        let to = [options.to.as_str()];
        let mut lists = self.lookup_targets(query, prev, options, &to, exhaustive)?;
        Ok(lists.pop().unwrap_or_default())
    }

    fn lookup_targets(
        &self,
        query: &str,
        prev: Option<&str>,
        options: &LookupOptions,
        to: &[&str],
        exhaustive: bool,
    ) -> Result<Vec<Vec<Match>>, StoreError> {
        self.map_for_reads();
        let mut lists: Vec<Vec<Match>> = vec![Vec::new(); to.len()];
        let plang = primary_subtag(&options.from);
        let lang = rules_lang(&plang);
        let prepared = Prepared::new(query, lang, Vec::new());
        if prepared.words.is_empty() || options.limit == 0 {
            return Ok(lists);
        }
        let min = options.min.clamp(0.0, 100.0);
        let candidates = if exhaustive {
            self.all_variants(&plang)?
        } else if prepared.words.len() < SHORT_QUERY {
            index::short_candidates(&self.conn, &plang, &prepared.words, &prepared.joined(), min)
                .map_err(|e| self.db(e))?
        } else {
            index::word_candidates(
                &self.conn,
                &mut self.scratch.borrow_mut(),
                &plang,
                &prepared.words,
                min,
            )
            .map_err(|e| self.db(e))?
        };
        let context = prev.map(|p| super::score::context_hash(p, lang));
        for Candidate { id, upper } in candidates {
            let full = |matches: &Vec<Match>| {
                matches.len() >= options.limit
                    && matches
                        .last()
                        .is_some_and(|worst| worst.score >= upper + 1e-9)
            };
            if lists.iter().all(full) {
                break;
            }
            let Some(stored) = self.variant_for_match(id)? else {
                continue; // replaced since it was indexed
            };
            if !lang_matches(&stored.lang, &options.from) {
                continue;
            }
            let candidate = Prepared::new(&stored.text, lang, inline_tags(&stored.seg));
            let Some(scored) = score(&prepared, &candidate, min) else {
                continue;
            };
            if scored.score + 1e-9 < min {
                continue; // the penalties took it below the minimum
            }
            let in_context = scored.score >= 100.0 && context.is_some() && context == stored.prev;
            if options.min > 100.0 && !in_context {
                continue; // only 101, in context, was asked for
            }
            for (matches, to) in lists.iter_mut().zip(to) {
                let Some(target) = Self::target(&stored, to) else {
                    continue;
                };
                matches.push(self.make_match(&stored, target, scored.clone(), in_context)?);
                matches.sort_by(|a, b| {
                    b.score
                        .total_cmp(&a.score)
                        .then(b.base.total_cmp(&a.base))
                        .then_with(|| b.date.cmp(&a.date))
                        .then_with(|| a.tu.cmp(&b.tu))
                });
                matches.truncate(options.limit);
            }
        }
        Ok(lists)
    }

    fn all_variants(&self, plang: &str) -> Result<Vec<Candidate>, StoreError> {
        let db = |e| self.db(e);
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, variants FROM unit ORDER BY id")
            .map_err(db)?;
        let mut rows = stmt.query([]).map_err(db)?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().map_err(db)? {
            let id: i64 = row.get(0).map_err(db)?;
            let blob = row.get_ref(1).and_then(|v| Ok(v.as_blob()?)).map_err(db)?;
            for (n, v) in decode_variants(blob).unwrap_or_default().iter().enumerate() {
                if primary_subtag(&v.lang) == plang {
                    out.push(Candidate {
                        id: variant_id(id, n),
                        upper: 100.0,
                    });
                }
            }
        }
        Ok(out)
    }

    fn variant_for_match(&self, id: i64) -> Result<Option<StoredVariant>, StoreError> {
        let (unit, n) = split_variant_id(id);
        let row = self
            .conn
            .prepare_cached(
                "SELECT u.variants, u.prev, u.tuid, u.key, u.date, f.path
                 FROM unit u JOIN file f ON f.id = u.file WHERE u.id = ?1",
            )
            .and_then(|mut stmt| {
                stmt.query_row([unit], |r| {
                    let blob = r.get_ref(0)?.as_blob()?;
                    Ok((
                        decode_variants(blob),
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                    ))
                })
                .optional()
            })
            .map_err(|e| self.db(e))?;
        let Some((Some(variants), prev, tuid, key, date, file)) = row else {
            return Ok(None);
        };
        let Some(this) = variants.get(n).cloned() else {
            return Ok(None);
        };
        Ok(Some(StoredVariant {
            lang: this.lang,
            seg: this.seg,
            text: this.text,
            variants,
            n,
            prev,
            tuid,
            key,
            date,
            file,
        }))
    }

    /// The variant of the stored unit in language `to`: (tag, seg, text).
    fn target(stored: &StoredVariant, to: &str) -> Option<(String, String, String)> {
        stored
            .variants
            .iter()
            .find(|v| lang_matches(&v.lang, to))
            .map(|v| (v.lang.clone(), v.seg.clone(), v.text.clone()))
    }

    fn make_match(
        &self,
        stored: &StoredVariant,
        (target_lang, target_seg, target): (String, String, String),
        scored: Score,
        context: bool,
    ) -> Result<Match, StoreError> {
        let tu = stored
            .tuid
            .clone()
            .unwrap_or_else(|| format!("#{:016x}", stored.key as u64));
        Ok(Match {
            score: if context { 101.0 } else { scored.score },
            source: stored.text.clone(),
            target,
            tu,
            base: scored.base,
            unit: scored.unit,
            penalties: scored
                .penalties
                .iter()
                .map(|p| Penalty {
                    name: p.name(),
                    points: p.points(),
                })
                .collect(),
            context,
            date: Some(stored.date.clone()).filter(|d| !d.is_empty()),
            file: stored.file.clone(),
            source_seg: stored.seg.clone(),
            target_seg,
            target_lang,
        })
    }
}

#[derive(Debug)]
struct StoredVariant {
    lang: String,
    seg: String,
    text: String,
    /// Every variant of the unit, and this one's position.
    variants: Vec<Variant>,
    n: usize,
    prev: Option<i64>,
    tuid: Option<String>,
    key: i64,
    date: String,
    file: String,
}

/// The names of the inline elements of a segment's XML, in order (end
/// tags not counted).
pub fn inline_tags(seg: &str) -> Vec<String> {
    let mut tags = Vec::new();
    let mut rest = seg;
    while let Some(at) = rest.find('<') {
        rest = rest.get(at + 1..).unwrap_or_default();
        if rest.starts_with(['/', '!', '?']) {
            continue;
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(rest.len());
        tags.push(rest.get(..end).unwrap_or_default().to_owned());
    }
    tags
}

/// One concordance hit: a unit whose variant in the query's language holds
/// the query.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub tu: String,
    pub lang: String,
    pub text: String,
    /// Byte range of the hit in `text`.
    pub start: usize,
    pub end: usize,
    /// The unit's other variants.
    pub variants: Vec<HitVariant>,
    pub file: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct HitVariant {
    pub lang: String,
    pub text: String,
}

/// Concordance results.
#[derive(Debug, Clone, Serialize)]
pub struct Concordance {
    pub query: String,
    pub hits: Vec<Hit>,
    /// More hits exist than `limit`.
    pub more: bool,
}

/// When concordance narrows a phrase's candidates (those of its rarest
/// whole word) by the postings of its last word and the words that word
/// begins.
#[derive(Debug, Clone, Copy)]
struct Narrowing {
    /// Reading a row of those postings takes about as long as checking
    /// this many candidates: it narrows when that reads fewer rows than
    /// checking the candidates would cost,
    candidates_per_row: usize,
    /// and always at up to this many rows.
    min_rows: usize,
    /// Above `min_rows`, or for a word held by more than `probe_above`
    /// variants, up to this many candidates are checked first, before
    /// reading them all and narrowing: a common phrase has its hits among
    /// them. The probe stops early when the hits it finds are too few.
    probe: usize,
    probe_above: usize,
}

impl Default for Narrowing {
    fn default() -> Narrowing {
        Narrowing {
            candidates_per_row: 4,
            min_rows: 2_000,
            probe: 4_000,
            probe_above: 100_000,
        }
    }
}

/// A set of unit ids from 0 to a maximum, one bit each.
struct UnitSet(Vec<u64>);

impl UnitSet {
    fn new(max: i64) -> UnitSet {
        UnitSet(vec![0; usize::try_from(max).unwrap_or(0) / 64 + 1])
    }

    /// Adds `unit`; units beyond the maximum are left out.
    fn insert(&mut self, unit: i64) {
        if let Some(word) = usize::try_from(unit)
            .ok()
            .and_then(|u| self.0.get_mut(u / 64))
        {
            *word |= 1 << (unit % 64);
        }
    }

    fn contains(&self, unit: i64) -> bool {
        usize::try_from(unit)
            .ok()
            .and_then(|u| self.0.get(u / 64))
            .is_some_and(|word| word & (1 << (unit % 64)) != 0)
    }
}

/// The index terms that the words a query's last word `last` begins
/// start with: its own (a number is indexed as `#` and its value), and for
/// a number also the word itself, since a word that begins with digits
/// but is not a number (`1st`, `3D`) is indexed as it is: `1` begins
/// `12` (`#12`) and `1st`.
fn prefix_terms(last: &str) -> Vec<String> {
    if super::score::is_number(last) {
        vec![index_term(last), last.to_owned()]
    } else {
        vec![index_term(last)]
    }
}

/// The index term of a word key: the word as it is; a number is `#` and
/// its value.
fn index_term(word: &str) -> String {
    if super::score::is_number(word) {
        super::score::number_term(word)
    } else {
        word.to_owned()
    }
}

impl Store {
    /// Units whose text in `lang` (every language if `None`) contains
    /// `query` starting at the beginning of a word, compared by matching
    /// keys: the last word may begin a longer one (`Чижов` finds
    /// `Чижова`), `ё` finds `е`, and Arabic `ي` finds Urdu `ی`.
    pub fn concordance(
        &self,
        query: &str,
        lang: Option<&str>,
        limit: usize,
    ) -> Result<Concordance, StoreError> {
        self.unchanged(self.concordance_with(query, lang, limit, Narrowing::default()))
    }

    fn concordance_with(
        &self,
        query: &str,
        lang: Option<&str>,
        limit: usize,
        narrowing: Narrowing,
    ) -> Result<Concordance, StoreError> {
        self.map_for_reads();
        let mut result = Concordance {
            query: query.to_owned(),
            hits: Vec::new(),
            more: false,
        };
        let langs: Vec<String> = match lang {
            Some(lang) => vec![primary_subtag(lang)],
            None => self.languages()?,
        };
        for plang in &langs {
            let rules = rules_lang(plang);
            let needle = words_key(query, rules);
            if needle.is_empty() {
                continue;
            }
            let mut seen: rustc_hash::FxHashSet<i64> = rustc_hash::FxHashSet::default();
            let finder = memchr::memmem::Finder::new(needle.as_bytes());
            let mut keys = (String::new(), String::new());
            // Verifies one candidate; false once more than `limit` hits are
            // found (then `more` is set and the search stops).
            let mut verify = |id: i64, check: bool, result: &mut Concordance| {
                if !seen.insert(id) {
                    return Ok(true);
                }
                // Most candidates of a phrase (`check`) do not hold it: they
                // are ruled out before the unit is decoded and the hit
                // mapped back. A single word's candidates hold it (or a word
                // it begins).
                if check && !self.may_hold(id, &finder, rules, &mut keys)? {
                    return Ok(true);
                }
                let Some(stored) = self.variant_for_match(id)? else {
                    return Ok(true);
                };
                if primary_subtag(&stored.lang) != *plang
                    || lang.is_some_and(|l| !lang_matches(&stored.lang, l))
                {
                    return Ok(true);
                }
                let Some((start, end)) = find_by_key(&stored.text, &needle, rules) else {
                    return Ok(true);
                };
                if result.hits.len() >= limit {
                    result.more = true;
                    return Ok(false);
                }
                result.hits.push(Hit {
                    tu: stored
                        .tuid
                        .clone()
                        .unwrap_or_else(|| format!("#{:016x}", stored.key as u64)),
                    lang: stored.lang.clone(),
                    text: stored.text.clone(),
                    start,
                    end,
                    variants: Self::other_variants(&stored),
                    file: stored.file.clone(),
                });
                Ok(true)
            };
            let mut words: Vec<String> = Vec::new();
            crate::text::normalize::for_each_key(&needle, rules, &mut String::new(), |k| {
                words.push(k.to_owned());
            });
            if !self.concordance_search(
                plang,
                &words,
                narrowing,
                limit,
                &mut result,
                &mut verify,
            )? {
                return Ok(result);
            }
        }
        Ok(result)
    }

    /// Hands `verify` the variants that may contain the phrase of `words`
    /// (its word keys), until it returns false (returns false then): those
    /// holding the query's rarest whole word; or, when the query has no
    /// whole word inside it, those holding its last word, then those
    /// holding a word that begins with it (`Чижов`, then `Чижова`,
    /// `Чижову`, …), read as a stream so that a frequent word stops as soon
    /// as enough hits are found.
    fn concordance_search(
        &self,
        plang: &str,
        words: &[String],
        narrowing: Narrowing,
        limit: usize,
        result: &mut Concordance,
        verify: &mut dyn FnMut(i64, bool, &mut Concordance) -> Result<bool, StoreError>,
    ) -> Result<bool, StoreError> {
        let db = |e| self.db(e);
        let Some((last, whole)) = words.split_last() else {
            return Ok(true);
        };
        if !whole.is_empty() {
            // The rarest whole word proposes; the last word, where its
            // prefix is not too common, narrows.
            let mut best: Option<(i64, String)> = None;
            for word in whole {
                let term = index_term(word);
                let df = index::document_frequency(&self.conn, plang, &term).map_err(db)?;
                if best.as_ref().is_none_or(|(f, _)| df < *f) {
                    best = Some((df, term));
                }
            }
            let Some((df, term)) = best else {
                return Ok(true);
            };
            let df = usize::try_from(df).unwrap_or(usize::MAX);
            let prefixes = prefix_terms(last);
            let Narrowing {
                candidates_per_row,
                min_rows,
                probe,
                probe_above,
            } = narrowing;
            let candidates_per_row = candidates_per_row.max(1);
            let max_rows = (df / candidates_per_row).max(min_rows);
            let rows = self.prefix_rows(plang, &prefixes, max_rows)?;
            let mut probed = 0;
            if rows > min_rows || df > probe_above {
                // A prefix too common to narrow cheaply, or a word so common
                // that reading all its postings costs more than checking a
                // few of them: where the phrase is common too, its hits are
                // among the first candidates, read first and checked as
                // they come.
                // Checked in steps: the probe goes on while the hits found
                // so far promise enough of them (the limit, and one more
                // to know there are more) within the candidates left.
                let first = self.first_ids(plang, &term, probe)?;
                let before = result.hits.len();
                let mut step = (probe / 16).max(1);
                for &id in &first {
                    if probed == step {
                        let found = result.hits.len() - before;
                        let wanted = limit.saturating_add(1).saturating_sub(result.hits.len());
                        let promised = found.saturating_mul(first.len() - probed);
                        if found == 0 || promised < wanted.saturating_mul(probed) {
                            break;
                        }
                        step *= 2;
                    }
                    probed += 1;
                    if !verify(id, true, result)? {
                        return Ok(false);
                    }
                }
            }
            // The rest, in order (`verify` skips those already checked).
            let mut ids = index::ids_with_term(&self.conn, plang, &term).map_err(db)?;
            let left = ids.len().saturating_sub(probed);
            if rows <= (left / candidates_per_row).max(min_rows) {
                let max_unit = ids.last().map_or(0, |&id| split_variant_id(id).0);
                let units = self.units_with_prefix(plang, &prefixes, max_unit)?;
                ids.retain(|&id| units.contains(split_variant_id(id).0));
            }
            for id in ids {
                if !verify(id, true, result)? {
                    return Ok(false);
                }
            }
            return Ok(true);
        }
        let Some(last) = words.last() else {
            return Ok(true);
        };
        let exact = index_term(last);
        for id in index::ids_with_term(&self.conn, plang, &exact).map_err(db)? {
            if !verify(id, false, result)? {
                return Ok(false);
            }
        }
        // The words (or numbers) the last one begins: `2007` begins no
        // other number a search wants, but `20` begins `2007`.
        for prefix in prefix_terms(last) {
            let mut ids = Vec::new();
            let go_on = self.prefix_postings(plang, &prefix, false, &mut |blob| {
                ids.clear();
                index::for_each_entry(blob, |id, _| ids.push(id));
                for &id in &ids {
                    if !verify(id, false, result)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            })?;
            if !go_on {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Whether variant `id` may hold the phrase `finder` looks for: its
    /// [`words_key`] contains it. Read in place from the stored unit and
    /// keyed in one pass (`keys`: the joined keys and a word's key, reused),
    /// without decoding the unit; a variant that is gone or damaged is
    /// left to the full check.
    fn may_hold(
        &self,
        id: i64,
        finder: &memchr::memmem::Finder<'_>,
        rules: Option<crate::Lang>,
        keys: &mut (String, String),
    ) -> Result<bool, StoreError> {
        let (unit, n) = split_variant_id(id);
        let (joined, key) = keys;
        let mut stmt = self
            .conn
            .prepare_cached("SELECT variants FROM unit WHERE id = ?1")
            .map_err(|e| self.db(e))?;
        let held = stmt
            .query_row([unit], |r| {
                let blob = r.get_ref(0)?.as_blob()?;
                Ok(variant_text(blob, n).map(|(_, text)| {
                    joined.clear();
                    push_words_key(joined, text, rules, key);
                    finder.find(joined.as_bytes()).is_some()
                }))
            })
            .optional()
            .map_err(|e| self.db(e))?;
        Ok(held.flatten().unwrap_or(true))
    }

    /// The first `n` ids of the variants holding `term`, in the order its
    /// postings were written (ascending: each chunk's ids are above the
    /// earlier chunks'), reading no more rows than that takes.
    fn first_ids(&self, plang: &str, term: &str, n: usize) -> Result<Vec<i64>, StoreError> {
        let db = |e| self.db(e);
        let mut ids = Vec::new();
        if n == 0 {
            return Ok(ids);
        }
        let mut stmt = self
            .conn
            .prepare_cached("SELECT ids FROM posting WHERE plang = ?1 AND term = ?2 ORDER BY chunk")
            .map_err(db)?;
        let mut rows = stmt.query(rusqlite::params![plang, term]).map_err(db)?;
        while let Some(row) = rows.next().map_err(db)? {
            let blob = row.get_ref(0).and_then(|v| Ok(v.as_blob()?)).map_err(db)?;
            index::for_each_entry(blob, |id, _| ids.push(id));
            if ids.len() >= n {
                break;
            }
        }
        ids.truncate(n);
        Ok(ids)
    }

    /// Calls `f` with each postings blob of the words that begin with
    /// `prefix` (and of `prefix` itself if `with_prefix`), in term order,
    /// until it returns false (returns false then).
    fn prefix_postings(
        &self,
        plang: &str,
        prefix: &str,
        with_prefix: bool,
        f: &mut dyn FnMut(&[u8]) -> Result<bool, StoreError>,
    ) -> Result<bool, StoreError> {
        let db = |e| self.db(e);
        let mut stmt = self
            .conn
            .prepare_cached(if with_prefix {
                "SELECT ids FROM posting WHERE plang = ?1 AND term >= ?2 AND term < ?3
                 ORDER BY term, chunk"
            } else {
                "SELECT ids FROM posting WHERE plang = ?1 AND term > ?2 AND term < ?3
                 ORDER BY term, chunk"
            })
            .map_err(db)?;
        let upper = format!("{prefix}\u{10FFFF}");
        let mut rows = stmt
            .query(rusqlite::params![plang, prefix, upper])
            .map_err(db)?;
        while let Some(row) = rows.next().map_err(db)? {
            let blob = row.get_ref(0).and_then(|v| Ok(v.as_blob()?)).map_err(db)?;
            if !f(blob)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// How many postings rows hold the words beginning with one of
    /// `prefixes` ([`prefix_terms`]), counted in the index alone, up to
    /// `max_rows + 1`: enough to tell a prefix too common to narrow without
    /// reading its postings.
    fn prefix_rows(
        &self,
        plang: &str,
        prefixes: &[String],
        max_rows: usize,
    ) -> Result<usize, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM (SELECT 1 FROM posting
                 WHERE plang = ?1 AND term >= ?2 AND term < ?3 LIMIT ?4)",
            )
            .map_err(|e| self.db(e))?;
        let mut total = 0;
        for prefix in prefixes {
            let upper = format!("{prefix}\u{10FFFF}");
            let rows: i64 = stmt
                .query_row(
                    rusqlite::params![plang, prefix, upper, max_rows as i64 + 1],
                    |r| r.get(0),
                )
                .map_err(|e| self.db(e))?;
            total = usize::try_from(rows).map_or(usize::MAX, |rows| rows.saturating_add(total));
        }
        Ok(total.min(max_rows.saturating_add(1)))
    }

    /// The units up to `max_unit` with a variant in `plang` that holds a
    /// word beginning with one of `prefixes` ([`prefix_terms`]). A set of
    /// unit ids, not a sorted list of variant ids: the commonest words
    /// (`to`, and `today`, `took`, …) have hundreds of thousands of
    /// entries, and sorting them took most of a query's time.
    fn units_with_prefix(
        &self,
        plang: &str,
        prefixes: &[String],
        max_unit: i64,
    ) -> Result<UnitSet, StoreError> {
        let mut units = UnitSet::new(max_unit);
        for prefix in prefixes {
            self.prefix_postings(plang, prefix, true, &mut |blob| {
                index::for_each_entry(blob, |id, _| units.insert(split_variant_id(id).0));
                Ok(true)
            })?;
        }
        Ok(units)
    }

    fn other_variants(stored: &StoredVariant) -> Vec<HitVariant> {
        stored
            .variants
            .iter()
            .enumerate()
            .filter(|&(n, _)| n != stored.n)
            .map(|(_, v)| HitVariant {
                lang: v.lang.clone(),
                text: v.text.clone(),
            })
            .collect()
    }

    /// The primary languages of the stored variants.
    pub fn languages(&self) -> Result<Vec<String>, StoreError> {
        self.unchanged(self.read_languages())
    }

    fn read_languages(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT DISTINCT lang FROM lang_count")
            .map_err(|e| self.db(e))?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(|e| self.db(e))?;
        let mut langs: Vec<String> = Vec::new();
        for lang in rows {
            langs.push(primary_subtag(&lang.map_err(|e| self.db(e))?));
        }
        langs.sort();
        langs.dedup();
        Ok(langs)
    }
}

/// The word keys of `text` joined by single spaces: what concordance
/// compares (punctuation between words does not count).
pub fn words_key(text: &str, lang: Option<crate::Lang>) -> String {
    let mut out = String::new();
    push_words_key(&mut out, text, lang, &mut String::new());
    out
}

/// Appends [`words_key`] of `text` to `out`; `buf` holds each word's key
/// in turn, so that a caller keying many texts reuses both.
fn push_words_key(out: &mut String, text: &str, lang: Option<crate::Lang>, buf: &mut String) {
    let start = out.len();
    crate::text::normalize::for_each_key(text, lang, buf, |k| {
        if !k.is_empty() {
            if out.len() > start {
                out.push(' ');
            }
            out.push_str(k);
        }
    });
}

/// The byte range in `text` where `needle` (a [`words_key`]) occurs
/// starting at the beginning of a word; the range points into the
/// original text.
pub fn find_by_key(text: &str, needle: &str, lang: Option<crate::Lang>) -> Option<(usize, usize)> {
    use crate::text::normalize::{key, tokens};
    if needle.is_empty() {
        return None;
    }
    // The words' keys joined by spaces, with the original byte range of
    // each key byte: per character where keying kept the number of
    // characters, else the whole word's range.
    let mut keyed = String::with_capacity(text.len());
    let mut origin: Vec<(usize, usize)> = Vec::with_capacity(text.len());
    let mut starts: Vec<usize> = Vec::new();
    for token in tokens(text) {
        let word = key(token.text, lang);
        if word.is_empty() {
            continue;
        }
        if !keyed.is_empty() {
            keyed.push(' ');
            origin.push((token.span.start, token.span.start));
        }
        starts.push(keyed.len());
        let per_char = word.chars().count() == token.text.chars().count();
        if per_char {
            for ((at, c), k) in token.text.char_indices().zip(word.chars()) {
                let from = token.span.start + at;
                for _ in 0..k.len_utf8() {
                    origin.push((from, from + c.len_utf8()));
                }
            }
        } else {
            for _ in 0..word.len() {
                origin.push((token.span.start, token.span.end));
            }
        }
        keyed.push_str(&word);
    }
    let found = starts
        .iter()
        .copied()
        .find(|&at| keyed.get(at..).is_some_and(|rest| rest.starts_with(needle)))?;
    let start = origin.get(found)?.0;
    let end = origin.get(found + needle.len() - 1)?.1;
    Some((start, end))
}

/// Counts for `tm stats`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Stats {
    pub database: String,
    pub units: i64,
    pub variants: i64,
    /// Units per language pair (source → target), by primary subtag.
    pub pairs: Vec<PairCount>,
    /// Variants per language tag as written.
    pub languages: Vec<LangCount>,
    pub files: Vec<FileStats>,
    /// Oldest and newest unit dates.
    pub oldest: Option<String>,
    pub newest: Option<String>,
    /// Size of the database file in bytes.
    pub size: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct PairCount {
    pub source: String,
    pub target: String,
    pub units: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct LangCount {
    pub lang: String,
    pub variants: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct FileStats {
    pub path: String,
    pub size: i64,
    pub units: i64,
    /// Units of the store that come from this file.
    pub stored: i64,
    pub encoding: String,
    pub version: String,
    pub imported: String,
}

impl Store {
    pub fn stats(&self) -> Result<Stats, StoreError> {
        self.unchanged(self.read_stats())
    }

    fn read_stats(&self) -> Result<Stats, StoreError> {
        let db = |e| self.db(e);
        let one = |sql: &str| -> Result<i64, StoreError> {
            self.conn.query_row(sql, [], |r| r.get(0)).map_err(db)
        };
        let wal = std::fs::metadata(format!("{}-wal", self.path.display())).map_or(0, |m| m.len());
        let mut stats = Stats {
            database: self.path.display().to_string(),
            units: one("SELECT count(*) FROM unit")?,
            variants: one("SELECT coalesce(sum(n), 0) FROM lang_count")?,
            size: std::fs::metadata(&self.path).map_or(0, |m| m.len()) + wal,
            ..Stats::default()
        };
        let mut stmt = self
            .conn
            .prepare("SELECT lang, sum(n) FROM lang_count GROUP BY lang ORDER BY lang")
            .map_err(db)?;
        let rows = stmt
            .query_map([], |r| {
                Ok(LangCount {
                    lang: r.get(0)?,
                    variants: r.get(1)?,
                })
            })
            .map_err(db)?;
        stats.languages = rows.collect::<Result<_, _>>().map_err(db)?;
        let mut stmt = self
            .conn
            .prepare("SELECT srclang, target, n FROM pair_count ORDER BY srclang, target")
            .map_err(db)?;
        let rows = stmt
            .query_map([], |r| {
                Ok(PairCount {
                    source: r.get(0)?,
                    target: r.get(1)?,
                    units: r.get(2)?,
                })
            })
            .map_err(db)?;
        stats.pairs = rows.collect::<Result<_, _>>().map_err(db)?;
        let mut stmt = self
            .conn
            .prepare(
                "SELECT f.path, f.size, f.units, coalesce(c.n, 0), f.encoding, f.version, f.imported
                 FROM file f LEFT JOIN (SELECT file, count(*) AS n FROM unit GROUP BY file) c
                     ON c.file = f.id
                 ORDER BY f.id",
            )
            .map_err(db)?;
        let rows = stmt
            .query_map([], |r| {
                Ok(FileStats {
                    path: r.get(0)?,
                    size: r.get(1)?,
                    units: r.get(2)?,
                    stored: r.get(3)?,
                    encoding: r.get(4)?,
                    version: r.get(5)?,
                    imported: r.get(6)?,
                })
            })
            .map_err(db)?;
        stats.files = rows.collect::<Result<_, _>>().map_err(db)?;
        let (oldest, newest): (Option<String>, Option<String>) = self
            .conn
            .query_row(
                "SELECT min(nullif(date, '')), max(nullif(date, '')) FROM unit",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(db)?;
        stats.oldest = oldest;
        stats.newest = newest;
        Ok(stats)
    }

    /// Writes the store as TMX 1.4b: units in the order of their files,
    /// with only the variants in `langs` (every one if empty); units left
    /// with fewer than two variants are skipped when `langs` is given.
    /// Returns the number of units written.
    pub fn export<W: Write>(&self, langs: &[String], out: W) -> Result<usize, StoreError> {
        self.unchanged(self.export_units(langs, out))
    }

    fn export_units<W: Write>(&self, langs: &[String], out: W) -> Result<usize, StoreError> {
        let db = |e| self.db(e);
        let io = |source| StoreError::Io {
            path: self.path.clone(),
            source,
        };
        let srclang: String = self
            .conn
            .query_row(
                "SELECT srclang FROM unit GROUP BY srclang ORDER BY count(*) DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()
            .map_err(db)?
            .unwrap_or_else(|| "en".into());
        let header = Header::tarjuman(&srclang);
        let header_srclang = srclang;
        let mut writer = Writer::new(out, &header).map_err(io)?;
        let mut units = self
            .conn
            .prepare("SELECT extra, variants, srclang FROM unit ORDER BY file, ord")
            .map_err(db)?;
        let mut rows = units.query([]).map_err(db)?;
        let mut written = 0;
        while let Some(row) = rows.next().map_err(db)? {
            // Text: the JSON of stores written before the binary form.
            let mut extra = match row.get_ref(0).map_err(db)? {
                ValueRef::Blob(bytes) | ValueRef::Text(bytes) => decode_extra(bytes),
                _ => Extra::default(),
            };
            let blob = row.get_ref(1).and_then(|v| Ok(v.as_blob()?)).map_err(db)?;
            let Some(variants) = decode_variants(blob) else {
                continue;
            };
            // A unit whose source is not the header's says so, or it
            // would come back with another identity.
            let unit_srclang: String = row.get(2).map_err(db)?;
            if unit_srclang != header_srclang && !extra.attrs.iter().any(|(k, _)| k == "srclang") {
                let tag = variants
                    .iter()
                    .find(|v| primary_subtag(&v.lang) == unit_srclang)
                    .map_or(unit_srclang.clone(), |v| v.lang.clone());
                extra.attrs.push(("srclang".into(), tag));
            }
            let unit = Unit {
                attrs: extra.attrs,
                annotations: extra.notes,
                variants: variants
                    .into_iter()
                    .filter(|v| langs.is_empty() || langs.iter().any(|l| lang_matches(&v.lang, l)))
                    .collect(),
            };
            if unit.variants.is_empty() || (!langs.is_empty() && unit.variants.len() < 2) {
                continue;
            }
            writer.unit(&unit).map_err(io)?;
            written += 1;
        }
        writer.finish().map_err(io)?;
        Ok(written)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_tag_names() {
        assert_eq!(
            inline_tags("a <bpt i=\"1\">&lt;b&gt;</bpt>b<ept i=\"1\">x</ept><ph/>"),
            ["bpt", "ept", "ph"]
        );
        assert!(inline_tags("plain &amp; text").is_empty());
    }

    #[test]
    fn finds_by_key_and_points_into_the_original() {
        let text = "Встреча с Чижовым В. А. прошла в Москве.";
        let (s, e) = find_by_key(text, "чижов", Some(crate::Lang::Ru)).unwrap_or_default();
        assert_eq!(text.get(s..e), Some("Чижов"));
        let text = "پاكستان كی وزارت";
        let (s, e) = find_by_key(text, "پاکستان", Some(crate::Lang::Ur)).unwrap_or_default();
        assert_eq!(text.get(s..e), Some("پاكستان"));
        let text = "Mr.  Chizhov   met";
        let (s, e) = find_by_key(text, "chizhov met", None).unwrap_or_default();
        assert_eq!(text.get(s..e), Some("Chizhov   met"));
        // Decomposed text (NFD) is found, and a hit never starts inside a
        // word or a number.
        let nfd = "Ёлка у Чаи\u{0306}ковского";
        let hit = find_by_key(nfd, "чайковского", Some(crate::Lang::Ru));
        assert_eq!(
            hit.and_then(|(s, e)| nfd.get(s..e)),
            Some("Чаи\u{0306}ковского")
        );
        assert_eq!(find_by_key("3.5 million", "5 million", None), None);
        assert_eq!(find_by_key("Chizhov", "hizhov", None), None);
        let (s, e) = find_by_key("Met Chizhova.", "chizhov", None).unwrap_or_default();
        assert_eq!("Met Chizhova.".get(s..e), Some("Chizhov"));
    }

    /// A made-up word for unit `i`: `flo` and three letters.
    fn flo_word(i: usize) -> String {
        let letter = |n: usize| char::from(b'a' + (n % 26) as u8);
        format!("flo{}{}{}", letter(i / 676), letter(i / 26), letter(i))
    }

    #[test]
    fn concordance_finds_the_same_hits_however_it_narrows() {
        let dir = tempfile::tempdir().unwrap();
        let mut units = String::new();
        let mut english = Vec::new();
        for i in 0..240 {
            let word = flo_word(i);
            let en = match i % 3 {
                0 => format!("Jox {word} met Ann."),
                // Words that begin with digits are not numbers: `12th` is
                // indexed as a word, `12` as a number.
                1 if i % 7 == 1 => format!("Jox bar {i}th left, 1st."),
                1 => format!("Jox bar {word} left."),
                _ => format!("The floor of Jox, {i}."),
            };
            units.push_str(&format!(
                "<tu tuid=\"u{i}\"><tuv xml:lang=\"en\"><seg>{en}</seg></tuv>\
                 <tuv xml:lang=\"ru\"><seg>Отчёт номер {i}.</seg></tuv></tu>\n"
            ));
            english.push((format!("u{i}"), en));
        }
        let path = dir.path().join("m.tmx");
        std::fs::write(&path, super::super::test_tmx(&units)).unwrap();
        let mut store = Store::open(&dir.path().join("tm.sqlite")).unwrap();
        store.import(&[path], false, &mut |_| {}).unwrap();

        let queries = [
            "jox flo",
            "Jox bar",
            "bar flo",
            "Jox fl",
            "floor of",
            "of jox",
            "jox floaaj",
            "jox bar floaab",
            "met ann",
            "jox nothing",
            "jox bar 1",
            "left, 1",
            "of jox, 1",
            "1",
            "22",
        ];
        for query in queries {
            let needle = words_key(query, None);
            for limit in [3, 1000] {
                // Every unit, in order, checked by hand.
                let found: Vec<&str> = english
                    .iter()
                    .filter(|(_, en)| find_by_key(en, &needle, None).is_some())
                    .map(|(tu, _)| tu.as_str())
                    .collect();
                let expected = &found[..found.len().min(limit)];
                // A single word finds the units holding it first, then
                // those holding a longer word it begins: not in unit order.
                let single = !needle.contains(' ');
                for candidates_per_row in [1, 4] {
                    for min_rows in [0, 3, 1000] {
                        for (probe, probe_above) in [(0, 0), (5, 1000), (5, 0), (1000, 0)] {
                            let narrowing = Narrowing {
                                candidates_per_row,
                                min_rows,
                                probe,
                                probe_above,
                            };
                            let result = store
                                .concordance_with(query, Some("en"), limit, narrowing)
                                .unwrap();
                            let mut tus: Vec<&str> =
                                result.hits.iter().map(|h| h.tu.as_str()).collect();
                            if single {
                                assert_eq!(tus.len(), expected.len(), "{query} {limit}");
                                assert!(tus.iter().all(|tu| found.contains(tu)), "{query}");
                                tus.sort_by_key(|tu| tu[1..].parse::<usize>().unwrap_or(0));
                                if limit >= found.len() {
                                    assert_eq!(tus, expected, "{query} {limit}");
                                }
                            } else {
                                assert_eq!(tus, expected, "{query} {limit} {narrowing:?}");
                            }
                            assert_eq!(result.more, found.len() > limit, "{query} {limit}");
                        }
                    }
                }
            }
        }
    }
}
