//! The match percentage: how much of a stored segment a translator can
//! reuse for a new one.
//!
//! Both texts are reduced to their words' matching keys (NFC, lower case,
//! Urdu letter folding, `ё`→`е`, digits of any script by value; see
//! [`crate::text::normalize`]), with every number replaced by one
//! placeholder. The **base** score is
//! `100 × (1 − distance / max(words in query, words in candidate))`, where
//! distance is the Levenshtein distance over words (insert, delete or
//! replace one word costs 1). A query of fewer than [`SHORT_QUERY`] words
//! is compared character by character instead (the same formula over the
//! characters of the keys), since one word of three is too coarse a step.
//!
//! Then **penalties**, each named in the JSON output, take points off for
//! what the key hides: [`Penalty::Numbers`] (the numbers differ by value
//! [`Penalty::Tags`] (the inline tags differ), [`Penalty::Punctuation`],
//! [`Penalty::Whitespace`] and [`Penalty::Case`] (letters differ only in
//! case or in a folded variant such as `ё`/`е` or Arabic/Urdu `ي`/`ی`).
//! 100 means identical text and tags; anything else scores at most 99.
//! 101, an in-context match, is decided by the lookup (the previous
//! sentence matched too).

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::Lang;
use crate::text::normalize::{push_key, tokens};

/// Queries of fewer words than this are scored by characters.
pub const SHORT_QUERY: usize = 4;

/// The key that stands for every number in the word sequence.
pub const NUMBER: &str = "#";

/// A penalty and the points it takes off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Penalty {
    Numbers,
    Tags,
    Punctuation,
    Whitespace,
    Case,
}

impl Penalty {
    /// Points taken off the base score.
    pub fn points(self) -> f64 {
        match self {
            Penalty::Numbers => 2.0,
            Penalty::Tags | Penalty::Punctuation | Penalty::Whitespace | Penalty::Case => 1.0,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Penalty::Numbers => "numbers",
            Penalty::Tags => "tags",
            Penalty::Punctuation => "punctuation",
            Penalty::Whitespace => "whitespace",
            Penalty::Case => "case",
        }
    }
}

/// A text ready to be compared: its word keys and what the penalties look
/// at.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prepared {
    /// The text as given.
    pub text: String,
    /// Word keys, numbers as [`NUMBER`].
    pub words: Vec<String>,
    /// Number values, in order (`1,000` and `1000` are one value; `3,5` and
    /// `3.5` too).
    pub numbers: Vec<String>,
    /// The numbers as written (`۲۰۲۴` and `2024` are one value written two
    /// ways).
    pub numbers_written: Vec<String>,
    /// The punctuation, in order (everything that is neither a word nor
    /// whitespace).
    pub punctuation: String,
    /// The whitespace runs, in order.
    pub spaces: Vec<String>,
    /// The words other than numbers as written (NFC), for the case
    /// penalty.
    pub written: Vec<String>,
    /// Names of the inline tags, in order.
    pub tags: Vec<String>,
}

impl Prepared {
    /// Prepares `text` in `lang` (`None`: a language without folds), with
    /// the names of its inline tags.
    pub fn new(text: &str, lang: Option<Lang>, tags: Vec<String>) -> Prepared {
        let mut prepared = Prepared {
            text: text.to_owned(),
            tags,
            ..Prepared::default()
        };
        let mut last = 0;
        let mut key = String::new();
        for token in tokens(text) {
            prepared.gap(text.get(last..token.span.start).unwrap_or_default());
            last = token.span.end;
            key.clear();
            push_key(&mut key, token.text, lang);
            if key.is_empty() {
                continue;
            }
            if is_number(&key) {
                prepared.numbers.push(number_value(&key));
                prepared.numbers_written.push(token.text.to_owned());
                prepared.words.push(NUMBER.to_owned());
            } else {
                prepared.words.push(key.clone());
                prepared.written.push(written_form(token.text));
            }
        }
        prepared.gap(text.get(last..).unwrap_or_default());
        prepared.numbers.sort_unstable();
        prepared
    }

    /// Records the punctuation and whitespace between two words.
    fn gap(&mut self, gap: &str) {
        let mut space = String::new();
        for c in gap.chars() {
            if c.is_whitespace() {
                space.push(c);
            } else {
                if !space.is_empty() {
                    self.spaces.push(std::mem::take(&mut space));
                }
                if !crate::text::normalize::is_invisible(c) {
                    self.punctuation.push(c);
                }
            }
        }
        if !space.is_empty() {
            self.spaces.push(space);
        }
    }

    /// The words joined by single spaces: what short queries compare by
    /// characters.
    pub fn joined(&self) -> String {
        self.words.join(" ")
    }
}

/// Appends the word keys of `text` to `out` (numbers as [`NUMBER`]): the
/// words of [`Prepared`] without the rest, for indexing.
pub fn word_keys(text: &str, lang: Option<Lang>, out: &mut Vec<String>) {
    for_each_word_key(text, lang, &mut String::new(), |key| {
        out.push(key.to_owned())
    });
}

/// Calls `f` with each word key of `text` in turn (numbers as
/// [`NUMBER`]), keying into `buf` so that nothing is allocated per word.
pub fn for_each_word_key(
    text: &str,
    lang: Option<Lang>,
    buf: &mut String,
    mut f: impl FnMut(&str),
) {
    for_each_index_key(text, lang, buf, |key, _| f(key));
}

/// Calls `f(word, value)` for each word key of `text`, as
/// [`for_each_word_key`] does, with `value` the number's own key (`2007`,
/// `3.5`) when the word is a number: the index keeps numbers under
/// [`NUMBER`] for matching and under `#` and their value for concordance.
pub fn for_each_index_key(
    text: &str,
    lang: Option<Lang>,
    buf: &mut String,
    mut f: impl FnMut(&str, Option<&str>),
) {
    crate::text::normalize::for_each_key(text, lang, buf, |key| {
        if key.is_empty() {
        } else if is_number(key) {
            f(NUMBER, Some(key));
        } else {
            f(key, None);
        }
    });
}

/// The index term under which concordance finds a number: `#2007`.
pub fn number_term(value: &str) -> String {
    format!("{NUMBER}{value}")
}

/// The hash of a sequence of word keys, as [`context_hash`] computes it
/// from text: for in-context matches.
#[derive(Default)]
pub struct ContextHasher(xxhash_rust::xxh3::Xxh3);

impl std::fmt::Debug for ContextHasher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ContextHasher")
    }
}

impl ContextHasher {
    pub fn word(&mut self, key: &str) {
        self.0.update(key.as_bytes());
        self.0.update(b" ");
    }

    pub fn finish(&self) -> i64 {
        self.0.digest() as i64
    }
}

/// The context hash of `text`: what the unit after it records as its
/// previous sentence.
pub fn context_hash(text: &str, lang: Option<Lang>) -> i64 {
    let mut hasher = ContextHasher::default();
    for_each_word_key(text, lang, &mut String::new(), |key| hasher.word(key));
    hasher.finish()
}

/// Whether a word key is a number: digits with `.` or `,` between them.
pub fn is_number(key: &str) -> bool {
    key.starts_with(|c: char| c.is_ascii_digit())
        && key
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

/// The value of a number as digits with at most one `.`: group separators
/// go; a final separator followed by one or two digits is the decimal
/// point (`1,000` → `1000`, `3,5` → `3.5`, `1.000.000` → `1000000`).
fn number_value(key: &str) -> String {
    let decimal = key
        .rfind(['.', ','])
        .filter(|&at| (2..=3).contains(&(key.len() - at)));
    let mut value = String::with_capacity(key.len());
    for (at, c) in key.char_indices() {
        if c.is_ascii_digit() {
            value.push(c);
        } else if Some(at) == decimal {
            value.push('.');
        }
    }
    value
}

/// A word as written, in NFC without invisible characters.
fn written_form(word: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    word.nfc()
        .filter(|&c| !crate::text::normalize::is_invisible(c))
        .collect()
}

/// A scored comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Score {
    /// The match percentage: `base` less the penalties, 100 only for
    /// identical text.
    pub score: f64,
    /// The similarity of the keys before penalties.
    pub base: f64,
    /// `words` or `characters`: what the base score counted.
    pub unit: &'static str,
    pub penalties: Vec<Penalty>,
}

/// Scores `candidate` against `query`; `None` when the base score is below
/// `min` (so the caller need not finish the comparison).
pub fn score(query: &Prepared, candidate: &Prepared, min: f64) -> Option<Score> {
    let (base, unit) = if query.words.len() < SHORT_QUERY {
        let q: Vec<char> = query.joined().chars().collect();
        let c: Vec<char> = candidate.joined().chars().collect();
        (similarity(&q, &c, min)?, "characters")
    } else {
        let ids = intern(&query.words);
        let q: Vec<u32> = query.words.iter().map(|w| id_of(&ids, w)).collect();
        let c: Vec<u32> = candidate.words.iter().map(|w| id_of(&ids, w)).collect();
        (similarity(&q, &c, min)?, "words")
    };
    let identical = query.text == candidate.text && query.tags == candidate.tags;
    let mut penalties = Vec::new();
    if !identical {
        if query.numbers != candidate.numbers || query.numbers_written != candidate.numbers_written
        {
            penalties.push(Penalty::Numbers);
        }
        if query.tags != candidate.tags {
            penalties.push(Penalty::Tags);
        }
        if query.punctuation != candidate.punctuation {
            penalties.push(Penalty::Punctuation);
        }
        if query.spaces != candidate.spaces {
            penalties.push(Penalty::Whitespace);
        }
        if query.words == candidate.words && query.written != candidate.written {
            penalties.push(Penalty::Case);
        }
    }
    let taken: f64 = penalties.iter().map(|p| p.points()).sum();
    let mut score = (base - taken).max(0.0);
    if !identical && score >= 100.0 {
        score = 99.0;
    }
    Some(Score {
        score: round1(score),
        base: round1(base),
        unit,
        penalties,
    })
}

fn intern(words: &[String]) -> FxHashMap<&str, u32> {
    let mut ids = FxHashMap::default();
    for word in words {
        let next = ids.len() as u32;
        ids.entry(word.as_str()).or_insert(next);
    }
    ids
}

/// The id of `word` among the query's words; every other word gets one id
/// that no query word has (only query-candidate pairs are compared).
fn id_of(ids: &FxHashMap<&str, u32>, word: &str) -> u32 {
    ids.get(word).copied().unwrap_or(u32::MAX)
}

/// `100 × (1 − distance / longer length)`, or `None` when it is below
/// `min`.
pub fn similarity<T: PartialEq>(a: &[T], b: &[T], min: f64) -> Option<f64> {
    let longer = a.len().max(b.len());
    if longer == 0 {
        return Some(100.0);
    }
    // The largest distance that still reaches `min`.
    let allowed = ((1.0 - min / 100.0) * longer as f64 + 1e-9)
        .floor()
        .max(0.0) as usize;
    let distance = levenshtein_within(a, b, allowed)?;
    let value = 100.0 * (1.0 - distance as f64 / longer as f64);
    (value + 1e-9 >= min).then_some(value)
}

/// The Levenshtein distance of `a` and `b` if it is at most `k`: only the
/// diagonal band of width `2k + 1` is computed, and the computation stops
/// as soon as a whole row exceeds `k`.
pub fn levenshtein_within<T: PartialEq>(a: &[T], b: &[T], k: usize) -> Option<usize> {
    let (a, b) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if b.len() - a.len() > k {
        return None;
    }
    let n = b.len();
    let big = k + 1;
    let mut prev: Vec<usize> = (0..=n).map(|j| j.min(big)).collect();
    let mut cur = vec![big; n + 1];
    for (i, x) in a.iter().enumerate() {
        let row = i + 1;
        let lo = row.saturating_sub(k).max(1);
        let hi = (row + k).min(n);
        cur.fill(big);
        if let Some(first) = cur.first_mut() {
            *first = row.min(big);
        }
        let mut best = if lo == 1 { row.min(big) } else { big };
        for j in lo..=hi {
            let y = b.get(j - 1);
            let cost = usize::from(y != Some(x));
            let diag = prev.get(j - 1).copied().unwrap_or(big) + cost;
            let up = prev.get(j).copied().unwrap_or(big) + 1;
            let left = cur.get(j - 1).copied().unwrap_or(big) + 1;
            let value = diag.min(up).min(left).min(big);
            if let Some(cell) = cur.get_mut(j) {
                *cell = value;
            }
            best = best.min(value);
        }
        if best > k {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev.get(n).copied().filter(|&d| d <= k)
}

fn round1(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prep(text: &str, lang: Lang) -> Prepared {
        Prepared::new(text, Some(lang), Vec::new())
    }

    fn score_of(a: &str, b: &str, lang: Lang) -> Option<Score> {
        score(&prep(a, lang), &prep(b, lang), 0.0)
    }

    #[test]
    fn word_keys_are_the_prepared_words() {
        for (text, lang) in [
            (
                "Senator Chizhov met 3 officials on 7 Feb. 2024, in Islamabad!",
                Lang::En,
            ),
            ("Встреча с Чижовым В. А. прошла 1.000 раз «ёлка».", Lang::Ru),
            ("سینیٹر نے ۲۰۲۴ میں پاكستان کا دورہ کیا۔", Lang::Ur),
        ] {
            let mut words = Vec::new();
            word_keys(text, Some(lang), &mut words);
            assert_eq!(words, prep(text, lang).words);
        }
    }

    #[test]
    fn levenshtein_within_a_bound() {
        let d = |a: &str, b: &str, k| {
            let a: Vec<char> = a.chars().collect();
            let b: Vec<char> = b.chars().collect();
            levenshtein_within(&a, &b, k)
        };
        assert_eq!(d("kitten", "sitting", 3), Some(3));
        assert_eq!(d("kitten", "sitting", 2), None);
        assert_eq!(d("", "abc", 3), Some(3));
        assert_eq!(d("abc", "abc", 0), Some(0));
        assert_eq!(d("flaw", "lawn", 2), Some(2));
        assert_eq!(d("чижов", "чижова", 1), Some(1));
    }

    #[test]
    fn identical_text_is_100_and_nothing_else_is() {
        let s = "Senator Vladimir A. Chizhov met the delegation on 7 February.";
        assert_eq!(score_of(s, s, Lang::En).map(|s| s.score), Some(100.0));
        let case = score_of(s, &s.to_uppercase(), Lang::En);
        assert_eq!(case.as_ref().map(|s| s.base), Some(100.0));
        assert_eq!(
            case.as_ref().map(|s| s.penalties.clone()),
            Some(vec![Penalty::Case])
        );
        assert_eq!(case.map(|s| s.score), Some(99.0));
    }

    #[test]
    fn one_word_of_ten_replaced_scores_90() {
        let a = "The committee discussed regional security with the Pakistani delegation today";
        let b = "The committee discussed regional security with the Russian delegation today";
        let s = score_of(a, b, Lang::En);
        assert_eq!(
            s.as_ref().map(|s| (s.base, s.score, s.unit)),
            Some((90.0, 90.0, "words"))
        );
    }

    #[test]
    fn numbers_compare_by_value_and_are_a_penalty() {
        let a = "Пакистан и Россия подписали 3 соглашения в 2024 году.";
        let b = "Пакистан и Россия подписали 4 соглашения в 2024 году.";
        let s = score_of(a, b, Lang::Ru);
        assert_eq!(s.as_ref().map(|s| s.base), Some(100.0));
        assert_eq!(
            s.as_ref().map(|s| s.penalties.clone()),
            Some(vec![Penalty::Numbers])
        );
        assert_eq!(s.map(|s| s.score), Some(98.0));
        // Urdu digits are the same numbers.
        let ur = score_of(
            "وفد نے 2024 میں دورہ کیا۔",
            "وفد نے ۲۰۲۴ میں دورہ کیا۔",
            Lang::Ur,
        );
        assert_eq!(
            ur.map(|s| (s.base, s.penalties)),
            Some((100.0, vec![Penalty::Numbers]))
        );
        assert_eq!(number_value("1,000"), "1000");
        assert_eq!(number_value("3,5"), "3.5");
        assert_eq!(number_value("1.000.000"), "1000000");
    }

    #[test]
    fn folded_letters_match_and_cost_a_point() {
        // Arabic yeh and kaf for the Urdu letters; ё for е.
        let s = score_of(
            "پاکستان کی وزارت خارجہ نے بیان جاری کیا۔",
            "پاكستان كي وزارت خارجہ نے بيان جاری کیا۔",
            Lang::Ur,
        );
        assert_eq!(
            s.map(|s| (s.base, s.penalties)),
            Some((100.0, vec![Penalty::Case]))
        );
        let s = score_of(
            "Встреча в Москве прошла при всём составе делегации.",
            "Встреча в Москве прошла при всем составе делегации.",
            Lang::Ru,
        );
        assert_eq!(s.map(|s| s.score), Some(99.0));
    }

    #[test]
    fn punctuation_whitespace_and_tags_are_penalties() {
        let a = "The Senate delegation arrived in Moscow today.";
        let s = score_of(
            a,
            "The Senate delegation arrived in Moscow today!",
            Lang::En,
        );
        assert_eq!(s.map(|s| s.penalties), Some(vec![Penalty::Punctuation]));
        let s = score_of(
            a,
            "The Senate delegation arrived in  Moscow today.",
            Lang::En,
        );
        assert_eq!(s.map(|s| s.penalties), Some(vec![Penalty::Whitespace]));
        let tagged = Prepared::new(a, Some(Lang::En), vec!["bpt".into(), "ept".into()]);
        let s = score(&prep(a, Lang::En), &tagged, 0.0);
        assert_eq!(
            s.map(|s| (s.score, s.penalties)),
            Some((99.0, vec![Penalty::Tags]))
        );
    }

    #[test]
    fn short_queries_compare_characters() {
        let s = score_of("Senator Chizhov", "Senator Chizhova", Lang::En);
        assert_eq!(s.as_ref().map(|s| s.unit), Some("characters"));
        // 15 of 16 characters: 93.75.
        assert_eq!(s.map(|s| s.base), Some(93.8));
    }

    #[test]
    fn below_the_minimum_is_none() {
        let a = "one two three four five six seven eight";
        let b = "one two three four nine ten eleven twelve";
        assert!(score(&prep(a, Lang::En), &prep(b, Lang::En), 75.0).is_none());
        assert!(score(&prep(a, Lang::En), &prep(b, Lang::En), 50.0).is_some());
    }
}
