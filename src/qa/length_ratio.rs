//! `length-ratio`: a target much longer or shorter than its source, for
//! the language pair, or one that says a passage twice.
//!
//! ## What it does
//! Two tests.
//!
//! **A passage said twice.** The target repeats a run of at least four
//! words (compared by their matching keys, so case, punctuation and letter
//! variants do not hide it) that the source does not repeat as often: a
//! sentence or clause pasted twice. The run must follow its first
//! occurrence directly (only spaces and punctuation between), or be eight
//! words or longer: a shorter phrase said twice with other words between
//! is often just the language (Urdu `ایس سی او کے` "of the SCO", Russian
//! `развитие сотрудничества в области` "developing cooperation in", each
//! said once for each of two things). And the source must not say a run of
//! comparable length (half as many words, at least three) as often: a
//! passage the source itself repeats may be repeated. The finding is on the
//! second occurrence. Word 4-grams are hashed, so this is linear in the
//! text, and the source is read only when the target repeats something.
//!
//! **A length far from the usual.** Measures each translated pair by the
//! log of its length ratio, `ln(target characters / source characters)`,
//! and flags the pairs whose ratio lies far outside what is usual for their
//! language pair (source and target language, by primary subtag: `en`→`ur`,
//! `en`→`ru`, …). A target made long by a passage said twice is reported
//! by the first test only.
//!
//! What is usual is learnt from the job itself: over all the translated
//! pairs of the language pair whose source has at least 20 characters, the
//! median log ratio is the center, and 1.4826 times the median absolute
//! deviation from it (MAD, which equals the standard deviation for normal
//! data and ignores the outliers being hunted) is the spread. With fewer
//! than 30 such pairs the job says too little, and built-in figures are
//! used instead: measured on the shipped `tmx/press-releases.tmx` for
//! English, Urdu and Russian (in either direction), and a wide generic
//! prior (ratio 1, spread 0.25) for any other pair. The spread is never
//! taken below 0.10, so that a job of very uniform texts does not flag
//! small differences.
//!
//! A short text's ratio varies more than a long one's: one word more or
//! less, or a compound that becomes a phrase, moves it a lot. So for a
//! source of `n` characters the spread is widened to
//! `sqrt(spread² + 1.5 / n)` above the center: the variance of a ratio made
//! of about `n / 6` words whose translations vary in length by half their
//! own, independently (a translation may also explain, so long targets get
//! this room at any length). Below the center only a source shorter than 60
//! characters widens it, by what it adds beyond one of 60:
//! `sqrt(spread² + 1.5 × (1/n − 1/60))`. The spread is measured on texts
//! mostly that long or longer and already holds their word noise: on the
//! shipped memory, sources of 60–150 characters spread no wider than all
//! of them do, and a target of a long source at half its length has lost
//! something.
//!
//! A pair is flagged when its log ratio is more than 3.5 such spreads from
//! the center (the cut Iglewicz and Hoaglin recommend for MAD-based
//! scores). Sources under 20 characters are not judged at all: a name or a
//! two-word heading has no usual ratio.
//!
//! ## Why
//! A translation that lost a clause, or says one twice (a pasted segment,
//! an autocorrect gone wrong), looks fine at a glance and is wrong. Russian
//! runs about as long as English and Urdu a little shorter, but every
//! translator and subject differs, and a fixed factor either misses these
//! or flags good translations; a job's own figures do neither. A short
//! sentence said twice is within the wide range of a short text, so the
//! repetition itself is looked for.
//!
//! ## Fires
//! ```text
//! en  The two delegations agreed to expand cooperation in trade, energy and
//!     transport, and to hold the next round of talks in Moscow in the spring.
//! ru  Делегации договорились провести следующий раунд переговоров.
//!     (0.43× the source's length; usual for en→ru at this length: 0.62×–1.79×)
//! en  The delegation visited the Hermitage Museum.
//! ru  Делегация посетила Государственный Эрмитаж. Делегация посетила
//!     Государственный Эрмитаж.
//!     (the target says "Делегация посетила Государственный Эрмитаж" twice;
//!     the source says it once)
//! ur  وفد نے ہرمٹیج میوزیم کا دورہ کیا۔ وفد نے ہرمٹیج میوزیم کا دورہ کیا۔
//! ```
//!
//! ## Does not fire
//! ```text
//! ru  Делегации договорились расширить сотрудничество в области торговли,
//!     энергетики и транспорта и провести следующий раунд переговоров в
//!     Москве весной.
//! en  Food security and agricultural trade
//! ru  Продовольственная безопасность и торговля сельскохозяйственной продукцией
//!     (twice as long, but a short heading: one phrase in Russian for one word)
//! en  The sides discussed developing cooperation in energy and in education.
//! ru  Стороны обсудили развитие сотрудничества в области энергетики и
//!     развитие сотрудничества в области образования.
//!     (four words said twice, but apart: the language, not a paste)
//! en  Long live Pakistan–Russia friendship, long live Pakistan–Russia friendship!
//! ur  پاک روس دوستی زندہ باد، پاک روس دوستی زندہ باد!
//!     (the source says it twice too)
//! ```
//!
//! ## Default severity
//! warning: a long or short translation can be right, and a passage may be
//! meant twice; the finding says where to look, not what is wrong.

use std::collections::HashMap;
use std::ops::Range;

use rustc_hash::FxHashMap;

use super::{Finding, JobContext, JobSink};
use crate::lang::{Lang, primary_subtag};
use crate::report::{RuleInfo, Severity};
use crate::text::normalize::{for_each_key, is_invisible, tokens};
use crate::text::script::{is_arabic_block_punctuation, is_word_char};

pub const RULE: RuleInfo = RuleInfo {
    id: "length-ratio",
    default_severity: Severity::Warning,
    summary: "a target much longer or shorter than its source, for the language pair, \
              or that says a passage twice",
    help: "check that nothing is missing or added",
};

/// Sources shorter than this (in characters) are not judged.
const MIN_SOURCE_CHARS: usize = 20;
/// Below this many judged pairs of a language pair, the built-in figures
/// are used rather than the job's.
const MIN_PAIRS: usize = 30;
/// How many spreads from the center a log ratio may lie.
const K: f64 = 3.5;
/// The variance a source of `n` characters adds to the log ratio, times `n`.
const WORD_NOISE: f64 = 1.5;
/// The least spread of the log ratio.
const SPREAD_FLOOR: f64 = 0.10;
/// A source of at least this many characters varies no more than the
/// spread says, on the short side: see [`Usual::range`].
const LONG_SOURCE: usize = 60;
/// The fewest words of a passage said twice, side by side.
const MIN_RUN: usize = 4;
/// The fewest words of a passage said twice with other words between.
const MIN_APART_RUN: usize = 8;
/// The fewest words of a passage the source repeats for a repetition in
/// the target to be the source's own.
const MIN_SOURCE_RUN: usize = 3;

/// The usual log ratio of a language pair: its center and spread.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Usual {
    center: f64,
    spread: f64,
    /// Whether the figures are the job's own.
    from_job: bool,
}

impl Usual {
    const fn prior(center: f64, spread: f64) -> Usual {
        Usual {
            center,
            spread,
            from_job: false,
        }
    }

    /// The range of log ratios that is usual for a source of `n` characters.
    ///
    /// Above the center, a source of `n` characters adds `WORD_NOISE / n`
    /// to the variance. Below it, only what a source shorter than
    /// [`LONG_SOURCE`] adds beyond one of that length,
    /// `WORD_NOISE × (1/n − 1/LONG_SOURCE)`: the spread is measured on
    /// texts mostly that long or longer, so it already holds their word
    /// noise (on the shipped memory, the log ratios of sources of 60–150
    /// characters spread no wider than the spread of all of them).
    fn range(self, n: usize) -> (f64, f64) {
        let spread = self.spread.max(SPREAD_FLOOR);
        let n = n.max(1) as f64;
        let excess = (1.0 / n - 1.0 / LONG_SOURCE as f64).max(0.0);
        let low = K * (spread * spread + WORD_NOISE * excess).sqrt();
        let high = K * (spread * spread + WORD_NOISE / n).sqrt();
        (self.center - low, self.center + high)
    }

    /// The figures for the opposite direction.
    const fn reversed(self) -> Usual {
        Usual {
            center: -self.center,
            ..self
        }
    }
}

/// Built-in figures, measured on `tmx/press-releases.tmx` (217 units,
/// sources of 20 characters or more; the `measured_priors` test prints
/// them): the median of `ln(target chars / source chars)` and 1.4826 × its
/// MAD. The opposite directions are the same figures, negated.
const PRIORS: [(Lang, Lang, Usual); 3] = [
    // Urdu runs 0.87 times as long as English.
    (Lang::En, Lang::Ur, Usual::prior(-0.1391, 0.1544)),
    // Russian 0.99 times as long as English.
    (Lang::En, Lang::Ru, Usual::prior(-0.0092, 0.1329)),
    // Russian 1.13 times as long as Urdu.
    (Lang::Ur, Lang::Ru, Usual::prior(0.1214, 0.1761)),
];

/// For any other pair: about as long, give or take a lot.
const GENERIC: Usual = Usual::prior(0.0, 0.25);

/// The built-in figures for `source` → `target` (primary subtags).
fn prior(source: &str, target: &str) -> Usual {
    let (Ok(source), Ok(target)) = (source.parse::<Lang>(), target.parse::<Lang>()) else {
        return GENERIC;
    };
    PRIORS
        .iter()
        .find_map(|&(s, t, usual)| {
            if (s, t) == (source, target) {
                Some(usual)
            } else if (t, s) == (source, target) {
                Some(usual.reversed())
            } else {
                None
            }
        })
        .unwrap_or(GENERIC)
}

/// One judged pair.
#[derive(Debug)]
struct Sample {
    pair: usize,
    /// Index of its language pair in the list of them.
    langs: usize,
    source_chars: usize,
    target_chars: usize,
    log_ratio: f64,
}

pub(super) fn check(cx: &JobContext<'_>, sink: &mut JobSink<'_>) {
    // Passages said twice: found first, so that the length of a target
    // they make long is not reported again.
    let mut repeats = Repeats::default();
    let mut said_twice = vec![false; cx.pairs.len()];
    for (i, pair, target) in cx.translated() {
        if pair.reference {
            continue;
        }
        for finding in repeats.findings(&pair.source, target) {
            if let Some(flag) = said_twice.get_mut(i) {
                *flag = true;
            }
            sink.push(i, finding);
        }
    }
    // Language pairs by primary subtags, and the tags as written to them.
    let mut langs: Vec<(String, String)> = Vec::new();
    let mut tags: HashMap<(&str, &str), usize> = HashMap::new();
    let mut samples = Vec::new();
    for (i, pair, target) in cx.translated() {
        let source_chars = pair.source.text.chars().count();
        let target_chars = target.text.chars().count();
        if source_chars < MIN_SOURCE_CHARS || target_chars == 0 {
            continue;
        }
        let k = *tags
            .entry((pair.source.lang.as_str(), target.lang.as_str()))
            .or_insert_with(|| {
                let key = (
                    primary_subtag(&pair.source.lang),
                    primary_subtag(&target.lang),
                );
                langs.iter().position(|l| *l == key).unwrap_or_else(|| {
                    langs.push(key);
                    langs.len() - 1
                })
            });
        let log_ratio = (target_chars as f64 / source_chars as f64).ln();
        samples.push(Sample {
            pair: i,
            langs: k,
            source_chars,
            target_chars,
            log_ratio,
        });
    }
    let usual: Vec<Usual> = langs
        .iter()
        .enumerate()
        .map(|(k, (source, target))| {
            let ratios: Vec<f64> = samples
                .iter()
                .filter(|s| s.langs == k)
                .map(|s| s.log_ratio)
                .collect();
            learnt(ratios).unwrap_or_else(|| prior(source, target))
        })
        .collect();
    for sample in &samples {
        let (Some(usual), Some((source, target))) =
            (usual.get(sample.langs), langs.get(sample.langs))
        else {
            continue;
        };
        let (low, high) = usual.range(sample.source_chars);
        if (low..=high).contains(&sample.log_ratio) {
            continue;
        }
        let longer = sample.log_ratio > high;
        if longer && said_twice.get(sample.pair).copied().unwrap_or(false) {
            continue;
        }
        sink.push(
            sample.pair,
            Finding {
                span: 0..cx
                    .pairs
                    .get(sample.pair)
                    .and_then(|p| p.target.as_ref())
                    .map_or(0, |t| t.text.len()),
                message: format!(
                    "the target is {:.2}× as long as the source ({} characters for {}); \
                     usual for {source}→{target}{} at this length: {:.2}×–{:.2}×",
                    sample.log_ratio.exp(),
                    sample.target_chars,
                    sample.source_chars,
                    if usual.from_job { " in this job" } else { "" },
                    low.exp(),
                    high.exp()
                ),
                suggestion: Some(
                    if longer {
                        "check for a passage said twice or added"
                    } else {
                        "check for a passage left out"
                    }
                    .into(),
                ),
                ..Finding::default()
            },
        );
    }
}

/// A passage the target says more often than the source says anything of
/// its length.
#[derive(Debug, PartialEq)]
struct Repeat {
    /// The words of its second occurrence in the target (word indexes).
    words: Range<usize>,
    /// How often the target says it.
    times: usize,
    /// How often the source says its most repeated passage of comparable
    /// length.
    source_times: usize,
}

/// Finds passages said twice, with buffers kept from pair to pair.
#[derive(Debug, Default)]
struct Repeats {
    key: String,
    /// Hashes of the words of the text being looked at.
    words: Vec<u64>,
    /// Hashes of its word 4-grams.
    grams: Vec<u64>,
    /// For each 4-gram, where it first occurs.
    first: Vec<usize>,
    /// Each 4-gram: where it first occurs and how often.
    seen: FxHashMap<u64, (usize, usize)>,
    /// Hashes of the source's words, and its n-grams' counts.
    source_words: Vec<u64>,
    counts: FxHashMap<u64, usize>,
}

impl Repeats {
    /// The findings about passages `target` says more often than `source`.
    fn findings(&mut self, source: &super::Text, target: &super::Text) -> Vec<Finding> {
        if !self.may_repeat(&target.text) {
            return Vec::new();
        }
        let found = self.repeats(
            &source.text,
            source.language(),
            &target.text,
            target.language(),
        );
        if found.is_empty() {
            return Vec::new();
        }
        let spans: Vec<Range<usize>> = tokens(&target.text).map(|t| t.span).collect();
        found
            .into_iter()
            .filter_map(|repeat| {
                let start = spans.get(repeat.words.start)?.start;
                let end = spans.get(repeat.words.end.checked_sub(1)?)?.end;
                let passage = target.text.get(start..end)?;
                Some(Finding {
                    span: start..end,
                    message: format!(
                        "the target says \"{}\" {}; the source {}",
                        shortened(passage),
                        times(repeat.times),
                        if repeat.source_times <= 1 {
                            "says it once".to_owned()
                        } else {
                            format!("repeats nothing more than {}", times(repeat.source_times))
                        }
                    ),
                    suggestion: Some("delete the repetition if it was pasted twice".into()),
                    ..Finding::default()
                })
            })
            .collect()
    }

    /// The passages of at least [`MIN_RUN`] words (matching keys) that
    /// `target` says more often than `source` says any passage of
    /// comparable length: side by side, or [`MIN_APART_RUN`] words or more
    /// with other words between. Linear in the texts: the source is only
    /// read when the target repeats something.
    fn repeats(
        &mut self,
        source: &str,
        source_lang: Option<Lang>,
        target: &str,
        target_lang: Option<Lang>,
    ) -> Vec<Repeat> {
        let mut found = Vec::new();
        word_hashes(target, target_lang, &mut self.key, &mut self.words);
        if self.words.len() < 2 * MIN_RUN {
            return found;
        }
        self.grams.clear();
        self.grams.extend(self.words.windows(MIN_RUN).map(gram));
        self.seen.clear();
        self.first.clear();
        let mut any = false;
        for (i, &g) in self.grams.iter().enumerate() {
            let entry = self.seen.entry(g).or_insert((i, 0));
            entry.1 += 1;
            any |= entry.1 > 1;
            self.first.push(entry.0);
        }
        if !any {
            return found;
        }
        let mut source_read = false;
        let mut reported: Vec<usize> = Vec::new();
        let mut i = 0;
        while let (Some(&p), Some(&g)) = (self.first.get(i), self.grams.get(i)) {
            // Where this 4-gram was first said, without overlapping it.
            if i - p < MIN_RUN {
                i += 1;
                continue;
            }
            // The longest passage from `p` said again from `i`.
            let mut run = 1;
            while p + run + MIN_RUN <= i
                && self.grams.get(i + run).is_some()
                && self.grams.get(i + run) == self.grams.get(p + run)
            {
                run += 1;
            }
            let words = run + MIN_RUN - 1;
            let adjacent = i == p + words;
            let times = (i..i + run)
                .filter_map(|k| self.grams.get(k).and_then(|g| self.seen.get(g)))
                .map(|&(_, n)| n)
                .min()
                .unwrap_or(self.seen.get(&g).map_or(1, |&(_, n)| n));
            if !adjacent && words < MIN_APART_RUN {
                // Too short to tell from a phrase the language repeats;
                // a longer passage may still start inside it.
                i += 1;
                continue;
            }
            if !reported.contains(&p) {
                if !source_read {
                    word_hashes(source, source_lang, &mut self.key, &mut self.source_words);
                    source_read = true;
                }
                let source_times = self.most_said(words.div_ceil(2).max(MIN_SOURCE_RUN));
                if times > source_times {
                    reported.push(p);
                    found.push(Repeat {
                        words: i..i + words,
                        times,
                        source_times,
                    });
                }
            }
            i += words;
        }
        found
    }

    /// Whether `text` may repeat a run of [`MIN_RUN`] words, by a test
    /// several times cheaper than keying its words, which almost every text
    /// fails: the same on pieces of words (runs of word characters, so
    /// that each word is one piece or more) compared by a coarser fold than
    /// their keys' (case, `ё`, the Arabic letters Urdu folds, digits of any
    /// script; invisible characters and the tatweel skipped). Two words
    /// with the same key have the same pieces, but for differences of
    /// Unicode normalization between them.
    fn may_repeat(&mut self, text: &str) -> bool {
        const START: u64 = 0xCBF2_9CE4_8422_2325;
        self.words.clear();
        let mut piece = START;
        let mut in_piece = false;
        for c in text.chars() {
            match unit(c) {
                Unit::Letter(c) => {
                    piece = (piece ^ u64::from(c)).wrapping_mul(0x0100_0000_01B3);
                    in_piece = true;
                }
                Unit::Skip => {}
                Unit::Break => {
                    if in_piece {
                        self.words.push(piece);
                        piece = START;
                        in_piece = false;
                    }
                }
            }
        }
        if in_piece {
            self.words.push(piece);
        }
        if self.words.len() < 2 * MIN_RUN {
            return false;
        }
        self.grams.clear();
        self.grams.extend(self.words.windows(MIN_RUN).map(gram));
        self.grams.sort_unstable();
        self.grams.windows(2).any(|w| matches!(w, [a, b] if a == b))
    }

    /// How often the source says its most repeated passage of `n` words
    /// (0 if it has fewer words).
    fn most_said(&mut self, n: usize) -> usize {
        self.counts.clear();
        let mut most = 0;
        for w in self.source_words.windows(n.max(1)) {
            let count = self.counts.entry(gram(w)).or_insert(0);
            *count += 1;
            most = most.max(*count);
        }
        most
    }
}

/// The hashes of the matching keys of `text`'s words, into `out`.
fn word_hashes(text: &str, lang: Option<Lang>, key: &mut String, out: &mut Vec<u64>) {
    out.clear();
    for_each_key(text, lang, key, |word| {
        out.push(xxhash_rust::xxh3::xxh3_64(word.as_bytes()));
    });
}

/// What a character is to [`Repeats::may_repeat`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    /// A word character ([`is_word_char`]), folded to a character that
    /// every character with the same key folds to as well.
    Letter(u32),
    /// Dropped by the keys: invisible characters and the tatweel.
    Skip,
    /// Anything else: it ends a piece of a word.
    Break,
}

/// `c` as [`Repeats::may_repeat`] sees it: in one match, the letters of
/// English, Russian and Urdu text; the rest by [`is_word_char`].
fn unit(c: char) -> Unit {
    let folded = match c {
        'a'..='z' | '0'..='9' | 'а'..='я' => c,
        'A'..='Z' => c.to_ascii_lowercase(),
        '\0'..='\x7F' | '\u{0482}' => return Unit::Break,
        'А'..='Я' => char::from_u32(u32::from(c) + 0x20).unwrap_or(c),
        'ё' | 'Ё' => 'е',
        '\u{0400}'..='\u{040F}' => char::from_u32(u32::from(c) + 0x50).unwrap_or(c),
        '\u{0450}'..='\u{0481}' | '\u{0483}'..='\u{052F}' => c,
        'ي' | 'ى' => 'ی',
        'ك' => 'ک',
        'ة' => 'ۃ',
        '\u{0640}' => return Unit::Skip,
        '\u{0660}'..='\u{0669}' => return Unit::Letter(u32::from(c) - 0x0660 + u32::from('0')),
        '\u{06F0}'..='\u{06F9}' => return Unit::Letter(u32::from(c) - 0x06F0 + u32::from('0')),
        c if is_arabic_block_punctuation(c) => return Unit::Break,
        '\u{0600}'..='\u{06FF}' => c,
        c if is_word_char(c) => c.to_lowercase().next().unwrap_or(c),
        c if is_invisible(c) => return Unit::Skip,
        _ => return Unit::Break,
    };
    Unit::Letter(u32::from(folded))
}

/// The hash of a run of word hashes, in order.
fn gram(words: &[u64]) -> u64 {
    words.iter().fold(0x9E37_79B9_7F4A_7C15, |h: u64, &w| {
        (h.rotate_left(23) ^ w).wrapping_mul(0x0100_0000_01B3)
    })
}

/// "twice", "3 times".
fn times(n: usize) -> String {
    match n {
        0 | 1 => "once".into(),
        2 => "twice".into(),
        n => format!("{n} times"),
    }
}

/// `passage`, cut after about 50 characters at a word's end.
fn shortened(passage: &str) -> String {
    const MAX: usize = 60;
    if passage.chars().count() <= MAX {
        return passage.to_owned();
    }
    let cut = passage
        .char_indices()
        .nth(50)
        .map_or(passage.len(), |(at, _)| at);
    let head = passage.get(..cut).unwrap_or(passage);
    let head = head
        .rfind(char::is_whitespace)
        .and_then(|at| head.get(..at))
        .unwrap_or(head);
    format!("{}…", head.trim_end_matches(|c: char| !c.is_alphanumeric()))
}

/// The job's own figures from its log ratios, if there are enough.
fn learnt(mut ratios: Vec<f64>) -> Option<Usual> {
    if ratios.len() < MIN_PAIRS {
        return None;
    }
    let center = median(&mut ratios)?;
    let mut deviations: Vec<f64> = ratios.iter().map(|r| (r - center).abs()).collect();
    let mad = median(&mut deviations)?;
    Some(Usual {
        center,
        spread: 1.4826 * mad,
        from_job: true,
    })
}

/// The median of `values` (sorted in place).
fn median(values: &mut [f64]) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    let upper = *values.get(mid)?;
    if values.len() % 2 == 1 {
        return Some(upper);
    }
    Some((values.get(mid.checked_sub(1)?)? + upper) / 2.0)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::super::Pair;
    use super::super::testing::{self, pair};
    use super::*;
    use crate::tm::tmx::read_all;

    /// en→ur and en→ru pairs of every unit of the shipped TMX.
    fn shipped_pairs() -> Vec<Pair> {
        testing::shipped_pairs().to_vec()
    }

    #[test]
    fn shipped_translations_give_no_findings() {
        let pairs = shipped_pairs();
        assert!(pairs.len() > 400, "{}", pairs.len());
        let rules = [
            "mixed-script",
            "urdu-codepoint",
            "bidi-control",
            "length-ratio",
        ];
        for rule in rules {
            let found = testing::run(rule, &pairs);
            assert!(found.is_empty(), "{rule}: {:#?}", found.first());
        }
        // In jobs too small for their own figures, on the built-in ones.
        for job in pairs.chunks(MIN_PAIRS - 1) {
            let found = testing::run(RULE.id, job);
            assert!(found.is_empty(), "{:#?}", found.first());
        }
    }

    /// The figures of each language pair of the shipped TMX, which
    /// [`PRIORS`] hold.
    #[test]
    fn measured_priors() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tmx/press-releases.tmx");
        let (_, units) = read_all(&path).unwrap();
        for (source, target, prior) in PRIORS {
            let text = |unit: &crate::tm::Unit, lang: Lang| {
                let variant = unit.variants.iter().find(|v| v.lang == lang.code());
                variant.map(|v| v.text.chars().count())
            };
            let ratios: Vec<f64> = units
                .iter()
                .filter_map(|unit| Some((text(unit, source)?, text(unit, target)?)))
                .filter(|&(s, _)| s >= MIN_SOURCE_CHARS)
                .map(|(s, t)| (t as f64 / s as f64).ln())
                .collect();
            let n = ratios.len();
            let got = learnt(ratios).unwrap();
            println!(
                "{source}→{target}: {n} pairs, center {:.4}, spread {:.4}",
                got.center, got.spread
            );
            assert!(
                (got.center - prior.center).abs() < 5e-5,
                "{source}→{target}"
            );
            assert!(
                (got.spread - prior.spread).abs() < 5e-5,
                "{source}→{target}"
            );
        }
    }

    const SOURCE: &str = "The two delegations agreed to expand cooperation in trade, energy \
                          and transport, and to hold the next round of talks in Moscow in the spring.";
    const RU: &str = "Делегации договорились расширить сотрудничество в области торговли, \
                      энергетики и транспорта и провести следующий раунд переговоров в Москве весной.";
    const UR: &str = "دونوں وفود نے تجارت، توانائی اور نقل و حمل میں تعاون بڑھانے اور مذاکرات \
                      کا اگلا دور موسم بہار میں ماسکو میں منعقد کرنے پر اتفاق کیا۔";

    #[test]
    fn fires_on_a_russian_target_that_lost_a_clause() {
        let found = testing::check(
            RULE.id,
            "ru",
            SOURCE,
            "Делегации договорились провести следующий раунд переговоров.",
        );
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "the target is 0.43× as long as the source (60 characters for 141); \
             usual for en→ru at this length: 0.62×–1.79×"
        );
        assert_eq!(found[0].severity, Severity::Warning);
    }

    #[test]
    fn fires_on_a_long_source_whose_target_is_about_half_as_long() {
        let source = "The two sides agreed to expand cooperation in science and sport, and \
                      to open a Russian language centre at a university in Karachi next year.";
        // 0.57×: within the range before the lower bound stopped adding
        // word noise for sources of 60 characters or more (0.55×–1.79×).
        let target = "Стороны договорились расширять сотрудничество в области науки и спорта в \
                      будущем.";
        let found = testing::check(RULE.id, "ru", source, target);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].message,
            "the target is 0.58× as long as the source (81 characters for 140); \
             usual for en→ru at this length: 0.62×–1.79×"
        );
        // The full translation is fine.
        let target = "Стороны договорились расширять сотрудничество в области науки и спорта \
                      и в следующем году открыть центр русского языка в одном из университетов \
                      Карачи.";
        assert!(testing::check(RULE.id, "ru", source, target).is_empty());
    }

    #[test]
    fn the_lower_bound_is_tighter_for_long_sources_only_below_the_center() {
        let usual = prior("en", "ru");
        let (low, high) = usual.range(LONG_SOURCE);
        assert!((usual.center - low - K * usual.spread).abs() < 1e-12);
        assert_eq!(usual.range(300).0, low);
        // Above the center, the word noise of any length.
        assert!(high - usual.center > usual.center - low);
        assert!(usual.range(300).1 < high);
        // Shorter sources widen it, continuously.
        let (low_59, _) = usual.range(LONG_SOURCE - 1);
        assert!(low_59 < low && low - low_59 < 0.01, "{low_59} {low}");
        assert!(usual.range(20).0 < low_59);
    }

    #[test]
    fn fires_on_an_urdu_target_that_lost_a_clause_or_says_it_twice() {
        let source = "Senator Chizhov said that Russia and Pakistan would work together on \
                      energy security, on new transport corridors through Central Asia and on \
                      trade in farm products, and thanked his hosts.";
        let full = "سینیٹر چیژوف نے کہا کہ روس اور پاکستان توانائی کے تحفظ، وسطی ایشیا سے \
                    گزرنے والی نئی تجارتی راہداریوں اور زرعی اجناس کی تجارت پر مل کر کام کریں \
                    گے، اور اپنے میزبانوں کا شکریہ ادا کیا۔";
        assert!(testing::check(RULE.id, "ur", source, full).is_empty());
        let short = "سینیٹر چیژوف نے اپنے میزبانوں کا شکریہ ادا کیا۔";
        let found = testing::check(RULE.id, "ur", source, short);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].suggestion.as_deref(),
            Some("check for a passage left out")
        );
        let added = format!(
            "{full} انہوں نے کہا کہ دونوں ممالک کے پارلیمانی وفود کے باقاعدہ تبادلے، \
             ثقافتی میلوں اور طلبہ کے وظائف سے عوامی روابط مزید مضبوط ہوں گے۔"
        );
        let found = testing::check(RULE.id, "ur", source, &added);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].suggestion.as_deref(),
            Some("check for a passage said twice or added")
        );
        // Said twice: the repetition is reported, not the length it makes.
        let twice = format!("{UR} {UR}");
        let found = testing::check(RULE.id, "ur", SOURCE, &twice);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0]
                .message
                .starts_with("the target says \"دونوں وفود نے"),
            "{}",
            found[0].message
        );
        assert_eq!(testing::underlined(&found[0]), UR.trim_end_matches('۔'));
    }

    #[test]
    fn fires_against_the_job_figures() {
        // A job of 40 good en→ru pairs and one with an invented addition.
        let mut pairs = shipped_pairs();
        pairs.retain(|p| p.target.as_ref().unwrap().lang == "ru");
        pairs.truncate(40);
        let added = format!(
            "{RU} Стороны также обсудили вопросы образования, культуры, туризма, \
             здравоохранения и спорта, а также подготовку к визиту парламентской \
             делегации осенью."
        );
        pairs.push(pair("en", SOURCE, "ru", &added));
        let found = testing::run(RULE.id, &pairs);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].message.contains("usual for en→ru in this job"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn fires_on_a_short_russian_sentence_said_twice() {
        // 1.9× a 44-character source: within the range of a short text.
        let found = testing::check(
            RULE.id,
            "ru",
            "The delegation visited the Hermitage Museum.",
            "Делегация посетила Государственный Эрмитаж. \
             Делегация посетила Государственный Эрмитаж.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].message,
            "the target says \"Делегация посетила Государственный Эрмитаж\" twice; \
             the source says it once"
        );
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(
            found[0].suggestion.as_deref(),
            Some("delete the repetition if it was pasted twice")
        );
        // The second one is underlined.
        let found = testing::run(
            RULE.id,
            &[pair(
                "en",
                "The delegation visited the Hermitage Museum.",
                "ru",
                "Делегация посетила Государственный Эрмитаж. делегация ПОСЕТИЛА \
                 Государственный эрмитаж!",
            )],
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            testing::underlined(&found[0]),
            "делегация ПОСЕТИЛА Государственный эрмитаж"
        );
    }

    #[test]
    fn fires_on_a_short_urdu_sentence_said_twice() {
        let found = testing::check(
            RULE.id,
            "ur",
            "The delegation visited the Hermitage Museum.",
            "وفد نے ہرمٹیج میوزیم کا دورہ کیا۔ وفد نے ہرمٹیج میوزیم کا دورہ کیا۔",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].message,
            "the target says \"وفد نے ہرمٹیج میوزیم کا دورہ کیا\" twice; the source says it once"
        );
        // Arabic letters for Urdu ones do not hide it (matching keys).
        let found = testing::check(
            RULE.id,
            "ur",
            "The delegation visited the Hermitage Museum.",
            "وفد نے ہرمٹیج میوزیم کا دورہ کیا۔ وفد نے ہرمٹيج ميوزيم كا دورہ کیا۔",
        );
        assert_eq!(found.len(), 1, "{found:?}");
    }

    #[test]
    fn fires_on_a_clause_pasted_twice_or_a_sentence_said_three_times() {
        let doubled = "Делегации договорились расширить сотрудничество в области торговли, \
                       энергетики и транспорта, расширить сотрудничество в области торговли, \
                       энергетики и транспорта и провести следующий раунд переговоров в Москве \
                       весной.";
        let found = testing::check(RULE.id, "ru", SOURCE, doubled);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            testing::underlined(&found[0]),
            "расширить сотрудничество в области торговли, энергетики и транспорта"
        );
        assert_eq!(
            found[0].message,
            "the target says \"расширить сотрудничество в области торговли…\" twice; \
             the source says it once"
        );
        // A long passage said again further on.
        let apart = format!(
            "{UR} وفد نے ہرمٹیج میوزیم کا دورہ بھی کیا۔ \
             دونوں وفود نے تجارت، توانائی اور نقل و حمل میں تعاون بڑھانے پر اتفاق کیا۔"
        );
        let found = testing::check(RULE.id, "ur", SOURCE, &apart);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            testing::underlined(&found[0]),
            "دونوں وفود نے تجارت، توانائی اور نقل و حمل میں تعاون بڑھانے"
        );
        let thrice = "Посол поблагодарил Сенат за гостеприимство. \
                      Посол поблагодарил Сенат за гостеприимство. \
                      Посол поблагодарил Сенат за гостеприимство.";
        let found = testing::check(
            RULE.id,
            "ru",
            "The Ambassador thanked the Senate for its hospitality.",
            thrice,
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].message,
            "the target says \"Посол поблагодарил Сенат за гостеприимство\" 3 times; \
             the source says it once"
        );
    }

    #[test]
    fn does_not_fire_on_repetition_the_language_or_the_source_makes() {
        let cases = [
            // Two-word postpositions, said again and again.
            (
                "ur",
                "The Chairman met the Ambassador together with senators and with officials \
                 of the Ministry.",
                "چیئرمین نے سینیٹرز کے ساتھ اور وزارت کے افسران کے ساتھ سفیر سے ملاقات کی۔",
            ),
            // Four words said twice, apart: "of the SCO", "in bilateral trade".
            (
                "ur",
                "Pakistan supports the SCO's work on security and the SCO Development Bank.",
                "پاکستان سلامتی کے شعبے میں ایس سی او کے کام اور ایس سی او کے ترقیاتی بینک \
                 کی حمایت کرتا ہے۔",
            ),
            (
                "ur",
                "Bilateral trade grew by 12 per cent, and the sides expect a further increase.",
                "دو طرفہ تجارت میں 12 فیصد اضافہ ہوا، اور فریقین کو دو طرفہ تجارت میں مزید \
                 اضافے کی توقع ہے۔",
            ),
            (
                "ru",
                "The sides discussed developing cooperation in energy and in education.",
                "Стороны обсудили развитие сотрудничества в области энергетики и развитие \
                 сотрудничества в области образования.",
            ),
            // The source says it twice too.
            (
                "ur",
                "Long live Pakistan–Russia friendship, long live Pakistan–Russia friendship!",
                "پاک روس دوستی زندہ باد، پاک روس دوستی زندہ باد!",
            ),
            (
                "ru",
                "Long live Russian–Pakistani friendship! Long live Russian–Pakistani friendship!",
                "Да здравствует российско-пакистанская дружба! Да здравствует \
                 российско-пакистанская дружба!",
            ),
        ];
        for (lang, source, target) in cases {
            let found = testing::check(RULE.id, lang, source, target);
            assert!(found.is_empty(), "{target}: {found:?}");
        }
    }

    /// Whether the target's word keys repeat a 4-gram, without the
    /// prefilter.
    fn keys_repeat(target: &str, lang: &str) -> bool {
        let (mut key, mut words) = (String::new(), Vec::new());
        word_hashes(target, lang.parse().ok(), &mut key, &mut words);
        let mut grams: Vec<u64> = words.windows(MIN_RUN).map(gram).collect();
        grams.sort_unstable();
        grams.windows(2).any(|w| w[0] == w[1])
    }

    #[test]
    fn the_prefilter_lets_every_repetition_of_keys_through() {
        let mut repeats = Repeats::default();
        let (mut passed, mut doubled) = (0, 0);
        for p in shipped_pairs() {
            let target = p.target.as_ref().unwrap();
            let (text, lang) = (target.text.as_str(), target.lang.as_str());
            let may = repeats.may_repeat(text);
            passed += usize::from(may);
            assert!(may || !keys_repeat(text, lang), "{text}");
            // Said twice, the second time in other case forms, with
            // Arabic letters for Urdu ones, a soft hyphen, a tatweel, a
            // zero-width joiner, Urdu digits, «ё».
            let other: String = text
                .chars()
                .map(|c| match c {
                    'ی' => 'ي',
                    'ک' => 'ك',
                    'е' => 'ё',
                    '2' => '۲',
                    c if c.is_lowercase() => c.to_uppercase().next().unwrap(),
                    c => c,
                })
                .collect::<String>()
                .replacen(' ', "\u{00AD} ", 1)
                .replacen('ن', "نـ", 1)
                .replacen('ر', "\u{200D}ر", 1);
            let twice = format!("{text} {other}");
            if keys_repeat(&twice, lang) {
                assert!(repeats.may_repeat(&twice), "{twice}");
                doubled += 1;
            }
        }
        assert!(doubled > 400, "{doubled}");
        // Few texts get past it.
        assert!(passed < 10, "{passed}");
    }

    #[test]
    fn compares_how_often_each_side_says_it() {
        let mut repeats = Repeats::default();
        let target = "Да здравствует российско-пакистанская дружба! Да здравствует \
                      российско-пакистанская дружба! Да здравствует российско-пакистанская \
                      дружба!";
        let ru = Some(Lang::Ru);
        let en = Some(Lang::En);
        let twice = "Long live our friendship! Long live our friendship!";
        // Three times for twice.
        assert_eq!(
            repeats.repeats(twice, en, target, ru),
            vec![Repeat {
                words: 5..10,
                times: 3,
                source_times: 2
            }]
        );
        let thrice = "Long live our friendship! Long live our friendship! Long live our \
                      friendship!";
        assert_eq!(repeats.repeats(thrice, en, target, ru), vec![]);
        // Once: a source of three words repeats nothing.
        let found = repeats.repeats("Long live friendship!", en, target, ru);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].source_times, 1);
        // Too few words to say anything twice.
        assert_eq!(
            repeats.repeats("", en, "Да здравствует дружба!", ru),
            vec![]
        );
        assert_eq!(shortened("короткий текст"), "короткий текст");
        assert_eq!(
            shortened(
                "Делегации договорились расширить сотрудничество в области торговли, \
                 энергетики и транспорта"
            ),
            "Делегации договорились расширить сотрудничество в…"
        );
    }

    #[test]
    fn does_not_fire_on_good_translations_or_short_texts() {
        assert!(testing::check(RULE.id, "ru", SOURCE, RU).is_empty());
        assert!(testing::check(RULE.id, "ur", SOURCE, UR).is_empty());
        // A short heading whose Russian is twice as long.
        let found = testing::check(
            RULE.id,
            "ru",
            "Food security and agricultural trade",
            "Продовольственная безопасность и торговля сельскохозяйственной продукцией",
        );
        assert!(found.is_empty());
        // Under 20 characters, nothing is judged.
        assert!(
            testing::check(RULE.id, "ru", "Programme", "Программа визита делегации").is_empty()
        );
    }

    #[test]
    fn uniform_jobs_do_not_flag_small_differences() {
        // 40 pairs with exactly the same ratio: the spread is the floor.
        let mut pairs: Vec<Pair> = (0..40)
            .map(|_| {
                pair(
                    "en",
                    "Senator Chizhov arrived.",
                    "ru",
                    "Сенатор Чижов прибыл.",
                )
            })
            .collect();
        pairs.push(pair(
            "en",
            "Senator Chizhov arrived.",
            "ru",
            "Сенатор Чижов прибыл вчера.",
        ));
        assert!(testing::run(RULE.id, &pairs).is_empty());
    }

    #[test]
    fn priors_cover_both_directions_and_unknown_pairs() {
        assert_eq!(prior("ur", "en").center, 0.1391);
        assert_eq!(prior("en", "ru").center, -0.0092);
        assert_eq!(prior("ru", "ur").center, -0.1214);
        assert_eq!(prior("en", "de"), GENERIC);
        assert_eq!(median(&mut [3.0, 1.0, 2.0, 10.0]), Some(2.5));
        assert_eq!(median(&mut []), None);
    }
}
