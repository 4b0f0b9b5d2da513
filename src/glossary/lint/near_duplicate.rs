//! `near-duplicate`: two terms of one language, in different concepts,
//! that differ by a letter or two.
//!
//! ## What it does
//! Compares the matching keys of terms of the same language in different
//! concepts by restricted Damerau–Levenshtein distance (insertions,
//! deletions, substitutions and swaps of neighbours): at most 1 edit for
//! keys of 5 to 9 characters, at most 2 from 10 on; shorter keys are left
//! alone (`ООН` and `ОДКБ` are different bodies). Identical keys are
//! `duplicate-term`'s; a pair where one term is listed in the other's
//! concept (as a term or one of its forms) is fine.
//!
//! Candidates come from an index, never from all pairs, so the rule is fast
//! on large glossaries: pairs that become equal when at most one character
//! is deleted from each. That is every pair one edit apart, and the two-edit
//! pairs made of an insertion and a deletion (`Vladmir Chizhov` /
//! `Vladimir Chizov`); two substitutions in a long term (`Wladimir
//! Chizhow`) are not found.
//!
//! ## Why
//! A near-twin in another concept is usually a typo (`Chizhov` / `Chizov`)
//! or a variant recorded as a concept of its own. Recognition then finds
//! the wrong concept, or two for one name.
//!
//! ## Fires
//! ```csv
//! id,en
//! c1,Vladimir Chizhov
//! c2,Vladimir Chizov
//! ```
//!
//! ## Does not fire
//! ```csv
//! id,en,en:status
//! c1,Vladimir Chizhov,preferred
//! c1,Vladimir Chizov,forbidden
//! c2,Vladimir Putin,preferred
//! ```
//!
//! ## Default severity
//! warning. No fix: correct the typo, or list the variant in the concept it
//! belongs to.

use super::{Context, Finding, Sink};
use crate::glossary::{Concept, Matching};
use crate::lang::Lang;
use crate::report::{RuleInfo, Severity};
use crate::text::normalize;

pub const RULE: RuleInfo = RuleInfo {
    id: "near-duplicate",
    default_severity: Severity::Warning,
    summary: "two terms of one language in different concepts that differ by a letter or two",
    help: "fix the typo, or list the variant in the concept it belongs to",
};

/// Keys shorter than this are not compared.
const MIN_CHARS: usize = 5;
/// Keys this long and longer may be two edits apart.
const LONG_CHARS: usize = 10;
/// Keys longer than this are not compared: a term is a name or a title,
/// and the candidate index costs the square of a key's length (a pasted
/// paragraph of 40,000 characters took seconds, a megabyte forever).
const MAX_CHARS: usize = 200;

/// The edits allowed between two keys whose shorter one has `chars`
/// characters.
fn max_distance(chars: usize) -> usize {
    if chars < MIN_CHARS {
        0
    } else if chars < LONG_CHARS {
        1
    } else {
        2
    }
}

#[derive(Debug)]
struct Entry<'a> {
    concept: usize,
    term: usize,
    /// The language, numbered.
    lang: usize,
    chars: Vec<char>,
    key: &'a str,
}

/// A hash of a language and some characters, for the candidate index.
fn hash(lang: usize, chars: &[char]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    lang.hash(&mut h);
    chars.hash(&mut h);
    h.finish()
}

/// Calls `pair(j, i)` (`j < i`, indices into `entries`) once for each
/// pair of keys that become equal when at most one character is deleted
/// from each: every pair one edit apart (a substitution deletes the same
/// position from both, a swap either letter, an insertion is undone by one
/// deletion), and two-edit pairs made of an insertion and a deletion.
///
/// Every key is listed under a hash of itself and of each of its
/// one-deletion variants; the list is sorted, and entries sharing a hash
/// are the candidates (a hash collision only adds one, which the distance
/// rejects). Cost: one entry per character of each key, one sort.
fn candidates(entries: &[Entry<'_>], mut pair: impl FnMut(usize, usize)) {
    let mut hashes: Vec<(u64, usize)> = Vec::new();
    let mut variant: Vec<char> = Vec::new();
    let mut own: Vec<u64> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        own.clear();
        own.push(hash(e.lang, &e.chars));
        for skip in 0..e.chars.len() {
            variant.clear();
            variant.extend(
                e.chars
                    .iter()
                    .enumerate()
                    .filter(|&(k, _)| k != skip)
                    .map(|(_, c)| *c),
            );
            own.push(hash(e.lang, &variant));
        }
        own.sort_unstable();
        own.dedup();
        hashes.extend(own.iter().map(|&h| (h, i)));
    }
    hashes.sort_unstable();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for run in hashes
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|run| run.len() > 1)
    {
        for (n, &(_, j)) in run.iter().enumerate() {
            pairs.extend(run.iter().skip(n + 1).map(|&(_, i)| (j, i)));
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    for (j, i) in pairs {
        pair(j, i);
    }
}

/// Whether `a` and `b` are at most `limit` edits apart (restricted
/// Damerau–Levenshtein), computed only in the band of width `2 × limit + 1`
/// and given up as soon as a row exceeds `limit`: a cheap filter before
/// `strsim` measures the few pairs that pass.
fn within(a: &[char], b: &[char], limit: usize) -> bool {
    let (n, m) = (a.len(), b.len());
    if n.abs_diff(m) > limit {
        return false;
    }
    let far = limit + 1;
    // Three rows of the full table, only the band filled; `far` elsewhere.
    let mut before = vec![far; m + 1];
    let mut prev: Vec<usize> = (0..=m).map(|j| j.min(far)).collect();
    let mut row = vec![far; m + 1];
    for i in 1..=n {
        row.iter_mut().for_each(|cell| *cell = far);
        if let Some(first) = row.first_mut() {
            *first = i.min(far);
        }
        let lo = i.saturating_sub(limit).max(1);
        let hi = (i + limit).min(m);
        let mut best = row.first().copied().unwrap_or(far);
        for j in lo..=hi {
            let (Some(&ca), Some(&cb)) = (a.get(i - 1), b.get(j - 1)) else {
                continue;
            };
            let cost = usize::from(ca != cb);
            let get = |r: &[usize], k: usize| r.get(k).copied().unwrap_or(far);
            let mut d = (get(&prev, j) + 1)
                .min(get(&row, j - 1) + 1)
                .min(get(&prev, j - 1) + cost);
            if i > 1 && j > 1 && a.get(i - 2) == Some(&cb) && b.get(j - 2) == Some(&ca) {
                d = d.min(get(&before, j - 2) + 1);
            }
            let d = d.min(far);
            if let Some(cell) = row.get_mut(j) {
                *cell = d;
            }
            best = best.min(d);
        }
        if best > limit {
            return false;
        }
        std::mem::swap(&mut before, &mut prev);
        std::mem::swap(&mut prev, &mut row);
    }
    prev.get(m).is_some_and(|&d| d <= limit)
}

pub(super) fn check(cx: &Context<'_>, sink: &mut Sink<'_>) {
    let mut entries = Vec::new();
    for (ci, concept) in cx.glossary.concepts.iter().enumerate() {
        for ti in 0..concept.terms.len() {
            let key = cx.key(ci, ti);
            let chars: Vec<char> = key.chars().collect();
            if (MIN_CHARS..=MAX_CHARS).contains(&chars.len()) {
                entries.push(Entry {
                    concept: ci,
                    term: ti,
                    lang: cx
                        .langs
                        .get(ci)
                        .and_then(|l| l.get(ti))
                        .copied()
                        .unwrap_or_default(),
                    chars,
                    key,
                });
            }
        }
    }
    let mut found = Vec::new();
    candidates(&entries, |j, i| {
        let (Some(a), Some(b)) = (entries.get(j), entries.get(i)) else {
            return;
        };
        let limit = max_distance(a.chars.len().min(b.chars.len()));
        if a.concept == b.concept
            || a.lang != b.lang
            || a.chars.len().abs_diff(b.chars.len()) > limit
            || a.key == b.key
        {
            return;
        }
        if within(&a.chars, &b.chars, limit) {
            let distance = strsim::osa_distance(a.key, b.key);
            if distance <= limit {
                found.push((a.concept, a.term, b.concept, b.term, distance));
            }
        }
    });
    found.sort_unstable();
    for (c1, t1, c2, t2, distance) in found {
        let (Some(concept1), Some(concept2)) =
            (cx.glossary.concepts.get(c1), cx.glossary.concepts.get(c2))
        else {
            continue;
        };
        let (Some(first), Some(second)) = (concept1.terms.get(t1), concept2.terms.get(t2)) else {
            continue;
        };
        if lists(concept1, cx.key(c2, t2), &second.lang)
            || lists(concept2, cx.key(c1, t1), &first.lang)
        {
            continue;
        }
        let edits = if distance == 1 {
            "one edit"
        } else {
            "two edits"
        };
        sink.push(Finding {
            span: cx.term_span(second),
            unit: Some(concept2.id.clone()),
            message: format!(
                "the `{}` term `{}` is {edits} from `{}` in concept `{}` (line {}): \
                 a typo, or a variant to list in one concept?",
                second.lang, second.text, first.text, concept1.id, first.line
            ),
            ..Finding::default()
        });
    }
}

/// Whether `concept` lists a term or form of `lang` whose key is `key`.
fn lists(concept: &Concept, key: &str, lang: &str) -> bool {
    let lang_code = lang.parse::<Lang>().ok();
    concept.terms_in(lang).any(|term| {
        normalize::key(&term.text, lang_code) == key
            || matches!(&term.matching, Matching::Forms(forms)
                if forms.iter().any(|f| normalize::key(f, lang_code) == key))
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn banded_distance_agrees_with_strsim() {
        let words = [
            "chizhov", "chizov", "chizhova", "hcizhov", "vladimir", "vladmir", "wladimir",
            "chizhow", "khorev", "khorew", "kohrev", "", "a", "ab", "ba", "abc",
        ];
        for a in words {
            for b in words {
                let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                for limit in 0..=3 {
                    assert_eq!(
                        super::within(&ca, &cb, limit),
                        strsim::osa_distance(a, b) <= limit,
                        "{a} {b} {limit}"
                    );
                }
            }
        }
    }

    use super::super::testing::{lint, spanned};

    #[test]
    fn fires_on_a_typo_in_another_concept() {
        let text = "id,en\nc1,Vladimir Chizhov\nc2,Vladimir Chizov\nc3,Khorev\nc4,Khorew\n";
        let found = lint("g.csv", text, "near-duplicate");
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(spanned(text, &found[0]), "Vladimir Chizov");
        assert_eq!(
            found[0].message,
            "the `en` term `Vladimir Chizov` is one edit from `Vladimir Chizhov` in concept \
             `c1` (line 2): a typo, or a variant to list in one concept?"
        );
        assert_eq!(spanned(text, &found[1]), "Khorew");
    }

    #[test]
    fn keys_longer_than_a_term_are_not_compared() {
        let long = "a".repeat(super::MAX_CHARS);
        let text = format!("id,en\nc1,{long}x\nc2,{long}y\nc3,b{long}\nc4,c{long}\n");
        assert!(lint("g.csv", &text, "near-duplicate").is_empty());
        let long = "a".repeat(super::MAX_CHARS - 1);
        let text = format!("id,en\nc1,{long}x\nc2,{long}y\n");
        assert_eq!(lint("g.csv", &text, "near-duplicate").len(), 1);
    }

    #[test]
    fn two_edits_only_for_long_terms() {
        // An insertion and a deletion far apart; two edits in a short key.
        let text =
            "id,en\nc1,Vladmir Chizhov\nc2,Vladimir Chizov\nc3,Khorev\nc4,Khorv\nc5,Khorva\n";
        let found = lint("g.csv", text, "near-duplicate");
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found[0].message.contains("two edits"));
        assert!(
            found[1]
                .message
                .contains("`Khorv` is one edit from `Khorev`")
        );
        // Khorva is one edit from Khorv, two (too many for its length) from Khorev.
        assert!(
            found[2]
                .message
                .contains("`Khorva` is one edit from `Khorv`")
        );
        // Two substitutions are not looked for.
        let text = "id,en\nc1,Vladimir Chizhov\nc2,Wladimir Chizhow\n";
        assert!(lint("g.csv", text, "near-duplicate").is_empty());
    }

    #[test]
    fn does_not_fire_within_a_concept_for_listed_variants_or_short_terms() {
        let text = "id,en,en:status\nc1,Vladimir Chizhov,preferred\nc1,Vladimir Chizov,forbidden\n\
                    c2,Vladimir Putin,preferred\nc3,Vladimir Chizov,admitted\nc4,UN,\nc5,EU,\n";
        // c3's term is listed in c1 (and is a duplicate-term, not a near one).
        assert!(lint("g.csv", text, "near-duplicate").is_empty());
    }
}
