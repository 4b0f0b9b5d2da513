//! `length-ratio`: a target much longer or shorter than its source, for
//! the language pair.
//!
//! ## What it does
//! Measures each translated pair by the log of its length ratio,
//! `ln(target characters / source characters)`, and flags the pairs whose
//! ratio lies far outside what is usual for their language pair (source
//! and target language, by primary subtag: `en`→`ur`, `en`→`ru`, …).
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
//! `sqrt(spread² + 1.5 / n)`: the variance of a ratio made of about `n / 6`
//! words whose translations vary in length by half their own, independently.
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
//! or flags good translations; a job's own figures do neither.
//!
//! ## Fires
//! ```text
//! en  The two delegations agreed to expand cooperation in trade, energy and
//!     transport, and to hold the next round of talks in Moscow in the spring.
//! ru  Делегации договорились провести следующий раунд переговоров.
//!     (0.43× the source's length; usual for en→ru at this length: 0.55×–1.79×)
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
//! ```
//!
//! ## Default severity
//! warning: a long or short translation can be right; the finding says
//! where to look, not what is wrong.

use std::collections::HashMap;

use super::{Finding, JobContext, JobSink};
use crate::lang::{Lang, primary_subtag};
use crate::report::{RuleInfo, Severity};

pub const RULE: RuleInfo = RuleInfo {
    id: "length-ratio",
    default_severity: Severity::Warning,
    summary: "a target much longer or shorter than its source, for the language pair",
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
    fn range(self, n: usize) -> (f64, f64) {
        let spread = self.spread.max(SPREAD_FLOOR);
        let tolerance = K * (spread * spread + WORD_NOISE / n as f64).sqrt();
        (self.center - tolerance, self.center + tolerance)
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
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tmx/press-releases.tmx");
        let (_, units) = read_all(&path).unwrap();
        let mut pairs = Vec::new();
        for unit in &units {
            let Some(en) = unit.variants.iter().find(|v| v.lang == "en") else {
                continue;
            };
            for lang in ["ur", "ru"] {
                if let Some(target) = unit.variants.iter().find(|v| v.lang == lang) {
                    pairs.push(pair("en", &en.text, lang, &target.text));
                }
            }
        }
        pairs
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
             usual for en→ru at this length: 0.55×–1.79×"
        );
        assert_eq!(found[0].severity, Severity::Warning);
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
        let twice = format!("{UR} {UR}");
        let found = testing::check(RULE.id, "ur", SOURCE, &twice);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].suggestion.as_deref(),
            Some("check for a passage said twice or added")
        );
    }

    #[test]
    fn fires_against_the_job_figures() {
        // A job of 40 good en→ru pairs and one that says a clause twice.
        let mut pairs = shipped_pairs();
        pairs.retain(|p| p.target.as_ref().unwrap().lang == "ru");
        pairs.truncate(40);
        let doubled = "Делегации договорились расширить сотрудничество в области торговли, \
                       энергетики и транспорта, расширить сотрудничество в области торговли, \
                       энергетики и транспорта и провести следующий раунд переговоров в Москве \
                       весной, а также провести следующий раунд переговоров в Москве весной.";
        pairs.push(pair("en", SOURCE, "ru", doubled));
        let found = testing::run(RULE.id, &pairs);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].message.contains("usual for en→ru in this job"),
            "{}",
            found[0].message
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
