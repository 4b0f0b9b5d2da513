//! What `inconsistent-target` and `inconsistent-source` share: translated
//! pairs grouped by the words of one side, and the groups whose other side
//! differs.
//!
//! Texts are compared by their words' matching keys
//! ([`crate::text::normalize::for_each_key`]): case, Unicode forms, Urdu
//! letter variants, ё/е, digits of any script, punctuation and spacing do
//! not make two texts different. Groups are per language pair (by primary
//! subtag), across every file of the job.

use rustc_hash::FxHashMap;

use super::{Finding, JobContext, JobSink, Side};
use crate::lang::primary;

/// The hashes of a pair's source's and target's words, and how many words
/// each has (all zero for an untranslated pair).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Words {
    source: (u64, usize),
    target: (u64, usize),
}

/// [`Words`] of every pair.
pub(super) fn words(pairs: &[super::Pair], translated: &[bool]) -> Vec<Words> {
    let mut buf = String::new();
    // A TMX unit's pairs come one after another with the same source: it
    // is keyed once.
    let mut last: Option<(&str, (u64, usize))> = None;
    pairs
        .iter()
        .zip(translated)
        .map(|(pair, &ok)| match (&pair.target, ok) {
            (Some(target), true) => {
                let source = match last {
                    Some((text, hash)) if text == pair.source.text => hash,
                    _ => words_hash(&pair.source.text, &pair.source.lang, &mut buf),
                };
                last = Some((&pair.source.text, source));
                Words {
                    source,
                    target: words_hash(&target.text, &target.lang, &mut buf),
                }
            }
            _ => Words::default(),
        })
        .collect()
}

/// One translated pair, keyed.
#[derive(Debug, Clone, Copy)]
struct Keyed {
    pair: usize,
    /// The hash of the other side's words.
    other: u64,
    /// The other side has at least this many words.
    words: usize,
}

/// A language tag's primary subtag in lower case, as a number (primary
/// subtags have at most eight letters).
fn lang_hash(tag: &str) -> u64 {
    primary(tag)
        .bytes()
        .take(8)
        .fold(0, |n, b| (n << 8) | u64::from(b.to_ascii_lowercase()))
}

/// The hash of `text`'s word keys (and their count).
fn words_hash(text: &str, lang: &str, buf: &mut String) -> (u64, usize) {
    let mut words = std::mem::take(buf);
    words.clear();
    let mut key = String::new();
    let mut count = 0;
    crate::text::normalize::for_each_key(text, lang.parse().ok(), &mut key, |word| {
        words.push_str(word);
        words.push(' ');
        count += 1;
    });
    let hash = xxhash_rust::xxh3::xxh3_64(words.as_bytes());
    *buf = words;
    (hash, count)
}

/// Where `model` is, for a message about a pair of file `file`: its unit,
/// and its file if that is another.
fn place(cx: &JobContext<'_>, model: &super::Pair, file: usize) -> String {
    match cx.files.get(model.file) {
        Some(path) if model.file != file => {
            format!("unit {} of {}", model.unit, path.display())
        }
        _ => format!("unit {}", model.unit),
    }
}

/// Flags, in each group of translated pairs whose `by` side has the same
/// words, the pairs whose other side differs from the group's most common
/// one (or from the memory's, if the group has pairs of the memory).
/// `differs(text, model)` must say yes for the other sides of a flagged
/// pair and the model to count as different. Groups whose other side has fewer than `min_words` words are left
/// alone. `describe(text, other)` words the message.
pub(super) fn check(
    cx: &JobContext<'_>,
    sink: &mut JobSink<'_>,
    by: Side,
    min_words: usize,
    describe: fn(&str, &str) -> String,
    differs: fn(&str, &str) -> bool,
) {
    let mut groups: FxHashMap<(u64, u64, u64), Vec<Keyed>> = FxHashMap::default();
    let words = cx.words();
    for (i, pair, target) in cx.translated() {
        let Some(w) = words.get(i) else {
            continue;
        };
        let ((key, key_words), (other, words)) = match by {
            Side::Source => (w.source, w.target),
            Side::Target => (w.target, w.source),
        };
        if key_words == 0 {
            continue;
        }
        let langs = (lang_hash(&pair.source.lang), lang_hash(&target.lang), key);
        groups.entry(langs).or_default().push(Keyed {
            pair: i,
            other,
            words,
        });
    }
    let mut groups: Vec<Vec<Keyed>> = groups
        .into_values()
        .filter(|g| {
            g.windows(2)
                .any(|w| matches!(w, [a, b] if a.other != b.other))
        })
        .collect();
    groups.sort_by_key(|g| g.first().map(|k| k.pair));
    for group in groups {
        if group.iter().all(|k| k.words < min_words) {
            continue;
        }
        // The memory's most common rendering wins, else the job's; on a
        // tie, the first.
        let from_memory = group
            .iter()
            .any(|k| cx.pairs.get(k.pair).is_some_and(|p| p.reference));
        let mut counts: Vec<(u64, usize, usize)> = Vec::new();
        for keyed in &group {
            let reference = cx.pairs.get(keyed.pair).is_some_and(|p| p.reference);
            if from_memory && !reference {
                continue;
            }
            match counts.iter_mut().find(|(h, _, _)| *h == keyed.other) {
                Some(entry) => entry.1 += 1,
                None => counts.push((keyed.other, 1, keyed.pair)),
            }
        }
        let Some(&(winner, _, model)) = counts
            .iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))
        else {
            continue;
        };
        let Some(model) = cx.pairs.get(model) else {
            continue;
        };
        let (model_text, model_other) = match (by, model.target.as_ref()) {
            (Side::Source, Some(t)) => (&model.source.text, &t.text),
            (Side::Target, Some(t)) => (&t.text, &model.source.text),
            (_, None) => continue,
        };
        for keyed in group.iter().filter(|k| k.other != winner) {
            let Some(pair) = cx.pairs.get(keyed.pair) else {
                continue;
            };
            let other_text = match by {
                Side::Source => pair.target.as_ref().map_or("", |t| t.text.as_str()),
                Side::Target => pair.source.text.as_str(),
            };
            if !differs(other_text, model_other) {
                continue;
            }
            let other_side = match by {
                Side::Source => Side::Target,
                Side::Target => Side::Source,
            };
            let len = match other_side {
                Side::Source => pair.source.text.len(),
                Side::Target => pair.target.as_ref().map_or(0, |t| t.text.len()),
            };
            sink.push(
                keyed.pair,
                Finding {
                    side: other_side,
                    span: 0..len,
                    message: describe(model_text, &place(cx, model, pair.file)),
                    suggestion: Some(model_other.clone()),
                    fix: None,
                },
            );
        }
    }
}
