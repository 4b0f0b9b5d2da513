//! `number-mismatch`: a number in the source that is not in the target, or
//! the reverse, compared by value.
//!
//! ## What it does
//! Reads the numbers written with digits in the source and in the target,
//! each by its own language's conventions (see below), and pairs them up by
//! value, in any order: every number of the source must have one of equal
//! value in the target, and the reverse. What is left over is a finding:
//! a number of the target with none in the source (where the source also
//! has one left over, the target's is reported as changed from it), or a
//! number of the source missing from the target.
//!
//! - Digits: ASCII, Urdu `۰`–`۹` and Arabic-Indic `٠`–`٩`; `02` is `2`.
//! - English: `1,000` and `1,00,000` (lakh) are thousands, `2.5` a decimal.
//! - Russian: `1 000` (any space) is a thousand, `2,5` a decimal: `1,000`
//!   in a Russian target is the number one. Groups joined by a plain
//!   space may also be several numbers: `+7 495 244 16 06` and `14 100`
//!   match the same digits in English, where the spaces part them.
//! - Urdu: as English, with `٬` and `٫` too.
//! - `1.000` can be a thousand or a decimal and matches either.
//! - Times: `10.30 a.m.`, `10:30`, `10.30`; `8:00` is `8 a.m.` and
//!   `صبح 8 بجے`; `2.30 p.m.` is `14:30`. Urdu `2 بج کر 30 منٹ` is 2:30,
//!   `ساڑھے 10 بجے` (or in words, `ساڑھے دس بجے`) 10:30; `سوا` is a
//!   quarter past, `پونے` a quarter to; an hour before `بجے` may be after
//!   noon (`رات 10 بجے` is 22:00).
//! - Dates: `14.02.2024` is 14, 2 and 2024, so a month written as a
//!   number in one text matches the month's name in the other.
//! - Ordinal endings (`21st`, `5-го`, `75ویں`), percent signs, signs and
//!   ranges (`2005–2022`) are not part of a number; in `2024-25` the 25 is
//!   also 2025.
//! - Scale words: `128 million` matches `128 млн` and `128,000,000`;
//!   several in a row add up: `5 ارب 50 کروڑ` and `1 млрд 200 млн` are
//!   5.5 and 1.2 billion (or 5 billion and 500 million, if the other
//!   text has those). Urdu `ڈیڑھ` and `ڈھائی` are 1.5 and 2.5.
//! - Vulgar fractions: `2½` is 2.5.
//!
//! A number left over is not reported when the other text writes it in
//! words: a number word (`two`, `пятого`, `تین`), an ordinal (`fifth`,
//! `یکم`), a month name (`February`, `февраля`, `فروری`) or a Roman
//! numeral (`21st century`, `XXI век`); Russian `круглосуточно` is
//! `24-hour` and `24/7`. So `14 February` against `14.02.2024` is fine,
//! and so is `2 sides` against `две стороны`.
//!
//! Words are compared when both texts have them: a month name that the
//! other text names differently (`14 February` as `14 марта` or
//! `14 مارچ`; English months capitalized, Russian ones in any case form),
//! and a number from two to twelve in words on both sides (`three` as
//! `четыре`; not `one`, which is also an article). A month or number word
//! on one side only is not reported.
//!
//! ## Why
//! A wrong date, sum or count in a press release is a factual error in the
//! translator's name, and nobody reading only the translation can see it.
//! Separators make it worse: `1,000` is a thousand in English and one in
//! Russian.
//!
//! ## Fires
//! ```text
//! en: The delegation arrived on 5 February 2024.
//! ur: وفد 6 فروری 2024 کو پہنچا۔            "6" where the source has "5"
//!
//! en: Exports grew by 15%.
//! ru: Экспорт вырос на 1,5%.               "1,5" where the source has "15"
//!
//! en: More than 1,000 observers came.
//! ru: Приехали более 1,000 наблюдателей.   a decimal comma: one, not a thousand
//!
//! en: The committee met on 14 February 2024.
//! ur: کمیٹی کا اجلاس فروری 2024 میں ہوا۔      "14" of the source is missing
//!
//! en: The committee met on 14 February.
//! ru: Комитет собрался 14 марта.           "марта" where the source has "February"
//!
//! en: Three delegations arrived.
//! ru: Прибыли четыре делегации.            "четыре" where the source has "Three"
//! ```
//!
//! ## Does not fire
//! ```text
//! en: Polling stations opened at 8.00 a.m.
//! ru: Избирательные участки открылись в 8:00.
//!
//! en: Trade reached 1.2 billion dollars.
//! ru: Товарооборот достиг 1 200 млн долларов.
//!
//! en: Relations were established on 1 May 1948.
//! ur: تعلقات یکم مئی 1948 کو قائم ہوئے۔
//!
//! en: The committee met on 14 February 2024.
//! ru: Комитет собрался 14.02.2024.
//!
//! en: For details call +7 495 244 16 06.
//! ru: Подробности по телефону +7 495 244 16 06.
//!
//! en: The budget is Rs. 5.5 billion.
//! ur: بجٹ 5 ارب 50 کروڑ روپے ہے۔
//!
//! en: The delegation arrived at 10:30 a.m.
//! ur: وفد صبح ساڑھے دس بجے پہنچا۔
//!
//! en: The plan covers fiscal year 2024-25.
//! ru: План охватывает 2024-2025 финансовый год.
//! ```
//!
//! ## Default severity
//! error. No fix: which of the two numbers is right is for a person to say.

use std::ops::Range;

use super::numbers::{Name, Named, Number, Value, month_name, names, numbers, parts, spelled};
use super::{Finding, PairContext, Side, Sink};
use crate::lang::Lang;
use crate::report::{RuleInfo, Severity};

pub const RULE: RuleInfo = RuleInfo {
    id: "number-mismatch",
    default_severity: Severity::Error,
    summary: "a number in the source that is not in the target, or the reverse, compared by value",
    help: "carry the number over unchanged",
};

pub(super) fn check(cx: &PairContext<'_>, sink: &mut Sink<'_>) {
    let source = numbers(cx.source, cx.source_lang);
    let target = numbers(cx.target, cx.target_lang);
    if !source.is_empty() || !target.is_empty() {
        compare_numbers(cx, &source, &target, sink);
    }
    compare_names(cx, &source, &target, sink);
}

/// The numbers written with digits, compared by value.
fn compare_numbers(
    cx: &PairContext<'_>,
    source: &[Number],
    target: &[Number],
    sink: &mut Sink<'_>,
) {
    let (missing, extra) = unmatched(source, target);
    let left = |numbers: &[Number], indexes: Vec<usize>| -> Vec<Number> {
        indexes
            .into_iter()
            .filter_map(|i| numbers.get(i).cloned())
            .collect()
    };
    let (mut missing, mut extra) = (left(source, missing), left(target, extra));
    if !missing.is_empty() && !extra.is_empty() {
        split_several(&mut extra, &mut missing, cx.target, cx.target_lang);
        split_several(&mut missing, &mut extra, cx.source, cx.source_lang);
    }
    if !missing.is_empty() {
        drop_spelled(&mut missing, &spelled(cx.target, cx.target_lang));
    }
    if !extra.is_empty() {
        drop_spelled(&mut extra, &spelled(cx.source, cx.source_lang));
    }
    let changed = missing.len().min(extra.len());
    for (k, number) in extra.iter().enumerate() {
        let span = number.span.clone();
        let text = cx.target.get(span.clone()).unwrap_or_default();
        let was = missing.get(k).filter(|_| k < changed);
        let (message, suggestion) = match was {
            Some(was) => (
                format!(
                    "\"{text}\" where the source has \"{}\"",
                    cx.source.get(was.span.clone()).unwrap_or_default()
                ),
                Some(hint(cx, text, was)),
            ),
            None => (format!("\"{text}\" is not in the source"), None),
        };
        sink.push(Finding {
            side: Side::Target,
            span,
            message,
            suggestion,
            fix: None,
        });
    }
    for number in missing.iter().skip(changed) {
        let span = number.span.clone();
        let text = cx.source.get(span.clone()).unwrap_or_default();
        sink.push(Finding {
            side: Side::Source,
            span,
            message: format!("\"{text}\" of the source is not in the target"),
            suggestion: Some("carry the number over to the translation".to_owned()),
            fix: None,
        });
    }
}

/// Month names and small numbers in words that both texts have but do not
/// agree on: `14 February` as `14 марта`, `three delegations` as
/// `четыре делегации`.
fn compare_names(
    cx: &PairContext<'_>,
    source_numbers: &[Number],
    target_numbers: &[Number],
    sink: &mut Sink<'_>,
) {
    let source = names(cx.source, cx.source_lang);
    if source.is_empty() {
        return;
    }
    let target = names(cx.target, cx.target_lang);
    if target.is_empty() {
        return;
    }
    for months in [true, false] {
        let (source, target) = (of_kind(&source, months), of_kind(&target, months));
        if source.is_empty() || target.is_empty() {
            continue;
        }
        let mut used = vec![false; target.len()];
        let mut left: Vec<&Name> = Vec::new();
        for name in source {
            let partner = used
                .iter_mut()
                .zip(&target)
                .find(|(u, t)| !**u && t.what == name.what);
            match partner {
                Some((u, _)) => *u = true,
                None => left.push(name),
            }
        }
        let mut extra: Vec<&Name> = target
            .iter()
            .zip(&used)
            .filter(|(_, u)| !**u)
            .map(|(t, _)| *t)
            .collect();
        if !months {
            // A number in words on one side and in digits, or in other
            // words (`both`, `دونوں`, `трое`), on the other is for the
            // comparison of numbers.
            let elsewhere = |numbers: &[Number], words: &[Value], name: &Name| {
                let (Named::Count(v) | Named::Month(v)) = name.what;
                let value = Value::integer(u128::from(v));
                words.contains(&value) || numbers.iter().any(|n| n.has(value))
            };
            let target_words = spelled(cx.target, cx.target_lang);
            let source_words = spelled(cx.source, cx.source_lang);
            left.retain(|n| !elsewhere(target_numbers, &target_words, n));
            extra.retain(|n| !elsewhere(source_numbers, &source_words, n));
            // Which word became which is a guess unless they are as many.
            if left.len() != extra.len() {
                continue;
            }
        }
        let quote = |text: &str, name: &Name| {
            format!("\"{}\"", text.get(name.span.clone()).unwrap_or_default())
        };
        let all: Vec<String> = left.iter().map(|n| quote(cx.source, n)).collect();
        for (k, name) in extra.iter().enumerate() {
            // As many on each side: one for one, in order; else each
            // against all the source has left.
            let was = left.get(k).filter(|_| left.len() == extra.len());
            let Some(first) = was.or(left.first()) else {
                break;
            };
            let text = cx.target.get(name.span.clone()).unwrap_or_default();
            let original = match was {
                Some(was) => quote(cx.source, was),
                None => all.join(" or "),
            };
            let suggestion = match first.what {
                Named::Month(m) if was.is_some() => month_name(m, cx.target_lang, text)
                    .map_or_else(
                        || format!("write the month of the source, {original}"),
                        |name| format!("write \"{name}\""),
                    ),
                Named::Month(_) => format!("write the month of the source, {original}"),
                Named::Count(v) => format!("write the number of the source, {v}"),
            };
            sink.push(Finding {
                side: Side::Target,
                span: name.span.clone(),
                message: format!("\"{text}\" where the source has {original}"),
                suggestion: Some(suggestion),
                fix: None,
            });
        }
    }
}

/// The month names (`months`), else the number words, of `names`.
fn of_kind(names: &[Name], months: bool) -> Vec<&Name> {
    names
        .iter()
        .filter(|n| matches!(n.what, Named::Month(_)) == months)
        .collect()
}

/// Replaces each number of `side` that may be several (Russian groups
/// joined by plain spaces, `7 495 244`; `5 ارب 50 کروڑ`) by its parts
/// (`7`, `495`, `244`) when some of them are among the numbers of `other`
/// left over, which they then take: `+7 495 244 16 06` is the same in
/// English and in Russian.
fn split_several(side: &mut Vec<Number>, other: &mut Vec<Number>, text: &str, lang: Option<Lang>) {
    let mut i = 0;
    while let Some(number) = side.get(i) {
        let parts = parts(text, number, lang);
        let mut taken = vec![false; other.len()];
        let mut rest = Vec::new();
        for part in parts {
            let partner = taken
                .iter_mut()
                .zip(other.iter())
                .find(|(t, o)| !**t && o.agrees(&part));
            match partner {
                Some((t, _)) => *t = true,
                None => rest.push(part),
            }
        }
        if !taken.contains(&true) {
            i += 1;
            continue;
        }
        let mut k = 0;
        other.retain(|_| {
            k += 1;
            !taken.get(k - 1).copied().unwrap_or(false)
        });
        let n = rest.len();
        side.splice(i..=i, rest);
        i += n;
    }
}

/// What to write instead of `number`, the target's, for `was`, the
/// source's number.
fn hint(cx: &PairContext<'_>, number: &str, was: &Number) -> String {
    let original = cx.source.get(was.span.clone()).unwrap_or_default();
    let urdu_digits = number
        .chars()
        .any(|c| ('\u{06F0}'..='\u{06F9}').contains(&c));
    let written = restyled(original, cx, was.is_time(), urdu_digits);
    let russian_comma = cx.target_lang == Some(Lang::Ru) && number.contains(',');
    match (written == original, russian_comma) {
        (_, true) if original.contains(',') => {
            format!("a comma is the decimal comma in Russian: write \"{written}\"")
        }
        (true, _) => format!("write the source's \"{original}\""),
        (false, _) => format!("write \"{written}\" (the source's \"{original}\")"),
    }
}

/// The source's number written the target language's way: Russian
/// decimal comma and spaces between thousands, or the English point and
/// commas; Urdu digits if the target writes them.
fn restyled(number: &str, cx: &PairContext<'_>, time: bool, urdu_digits: bool) -> String {
    let russian = |lang: Option<Lang>| lang == Some(Lang::Ru);
    let swap = !time
        && cx.source_lang.is_some()
        && cx.target_lang.is_some()
        && russian(cx.source_lang) != russian(cx.target_lang);
    let to_russian = swap && russian(cx.target_lang);
    number
        .chars()
        .map(|c| match c {
            '.' | '\u{066B}' if to_russian => ',',
            ',' | '\u{066C}' if to_russian => '\u{00A0}',
            ',' if swap => '.',
            ' ' | '\u{00A0}' | '\u{202F}' | '\u{2009}' if swap => ',',
            '0'..='9' if urdu_digits => {
                char::from_u32(u32::from(c) - u32::from('0') + 0x06F0).unwrap_or(c)
            }
            c => c,
        })
        .collect()
}

/// At most this many steps of the search for a better pairing of one
/// pair's numbers; past it nothing is reported (a number left over might
/// have had a partner after all).
const MAX_WORK: usize = 1 << 20;

/// The numbers of the source and of the target (indexes) that have no
/// number of the same value on the other side: the rest of a maximum
/// matching. Each source number first takes the first free target number
/// it agrees with; only those left over then look for augmenting paths
/// (breadth first, no recursion).
fn unmatched(source: &[Number], target: &[Number]) -> (Vec<usize>, Vec<usize>) {
    // Most translations keep the numbers in order.
    if source.len() == target.len() && source.iter().zip(target).all(|(s, t)| s.agrees(t)) {
        return (Vec::new(), Vec::new());
    }
    let mut graph = Graph::new(source, target);
    for s in 0..source.len() {
        graph.greedy(s);
    }
    let mut search = Search::default();
    for s in 0..source.len() {
        if graph.partner.get(s).copied().flatten().is_none()
            && graph.augment(s, &mut search).is_none()
        {
            return (Vec::new(), Vec::new());
        }
    }
    let missing = graph
        .partner
        .iter()
        .enumerate()
        .filter(|(_, p)| p.is_none())
        .map(|(s, _)| s)
        .collect();
    let extra = graph
        .owner
        .iter()
        .enumerate()
        .filter(|(_, o)| o.is_none())
        .map(|(t, _)| t)
        .collect();
    (missing, extra)
}

/// Source and target numbers, and who is paired with whom.
struct Graph<'a> {
    source: &'a [Number],
    /// Every reading of every target number, sorted: the target numbers
    /// that can be read as a value are a range of it.
    index: Vec<(Value, usize)>,
    /// Per range start, where the greedy pass goes on looking for a free
    /// target number.
    next: Vec<usize>,
    /// The source number that each target number is paired with.
    owner: Vec<Option<usize>>,
    /// The target number that each source number is paired with.
    partner: Vec<Option<usize>>,
}

/// What the breadth-first search keeps between source numbers: targets
/// and ranges seen by a search that found nothing stay seen until the
/// pairing changes, since nothing changed for them.
#[derive(Default)]
struct Search {
    seen: Vec<bool>,
    range_seen: Vec<bool>,
    /// The source number through which each target number was reached.
    via: Vec<usize>,
    queue: Vec<usize>,
    touched: Vec<usize>,
    touched_ranges: Vec<usize>,
    work: usize,
}

impl<'a> Graph<'a> {
    fn new(source: &'a [Number], target: &[Number]) -> Self {
        let mut index: Vec<(Value, usize)> = target
            .iter()
            .enumerate()
            .flat_map(|(t, n)| n.readings().map(move |v| (v, t)))
            .collect();
        index.sort_unstable();
        Graph {
            source,
            next: vec![0; index.len()],
            index,
            owner: vec![None; target.len()],
            partner: vec![None; source.len()],
        }
    }

    /// The range of `index` with reading `value`.
    fn range(&self, value: Value) -> Range<usize> {
        let start = self.index.partition_point(|(v, _)| *v < value);
        let len = self
            .index
            .get(start..)
            .map_or(0, |rest| rest.partition_point(|(v, _)| *v == value));
        start..start + len
    }

    fn target_at(&self, k: usize) -> usize {
        self.index.get(k).map_or(usize::MAX, |&(_, t)| t)
    }

    fn is_free(&self, t: usize) -> bool {
        self.owner.get(t).is_some_and(Option::is_none)
    }

    fn pair(&mut self, s: usize, t: usize) {
        if let Some(slot) = self.owner.get_mut(t) {
            *slot = Some(s);
        }
        if let Some(slot) = self.partner.get_mut(s) {
            *slot = Some(t);
        }
    }

    /// Pairs source number `s` with the first free target number of one
    /// of its readings, if there is one.
    fn greedy(&mut self, s: usize) {
        let Some(number) = self.source.get(s) else {
            return;
        };
        for value in number.readings() {
            let range = self.range(value);
            let mut k = self
                .next
                .get(range.start)
                .copied()
                .unwrap_or(0)
                .max(range.start);
            while k < range.end && !self.is_free(self.target_at(k)) {
                k += 1;
            }
            if let Some(slot) = self.next.get_mut(range.start) {
                *slot = k;
            }
            if k < range.end {
                self.pair(s, self.target_at(k));
                return;
            }
        }
    }

    /// Looks for an augmenting path from the unpaired source number `s`
    /// and takes it: `Some(found)`, or `None` past [`MAX_WORK`].
    fn augment(&mut self, s: usize, search: &mut Search) -> Option<bool> {
        let targets = self.owner.len();
        if search.seen.len() != targets {
            search.seen = vec![false; targets];
            search.via = vec![usize::MAX; targets];
            search.range_seen = vec![false; self.index.len()];
        }
        search.queue.clear();
        search.queue.push(s);
        let mut head = 0;
        while let Some(&u) = search.queue.get(head) {
            head += 1;
            let Some(number) = self.source.get(u) else {
                continue;
            };
            for value in number.readings() {
                let range = self.range(value);
                match search.range_seen.get_mut(range.start) {
                    Some(seen) if !*seen => *seen = true,
                    _ => continue,
                }
                search.touched_ranges.push(range.start);
                for k in range {
                    search.work += 1;
                    if search.work > MAX_WORK {
                        return None;
                    }
                    let t = self.target_at(k);
                    match search.seen.get_mut(t) {
                        Some(seen) if !*seen => *seen = true,
                        _ => continue,
                    }
                    search.touched.push(t);
                    if let Some(via) = search.via.get_mut(t) {
                        *via = u;
                    }
                    match self.owner.get(t).copied().flatten() {
                        Some(o) => search.queue.push(o),
                        None => {
                            self.flip(t, search);
                            search.reset();
                            return Some(true);
                        }
                    }
                }
            }
        }
        Some(false)
    }

    /// Takes the augmenting path that ends at the free target number `t`.
    fn flip(&mut self, mut t: usize, search: &Search) {
        for _ in 0..=self.partner.len() {
            let Some(&u) = search.via.get(t) else { return };
            let previous = self.partner.get(u).copied().flatten();
            self.pair(u, t);
            match previous {
                Some(p) => t = p,
                None => return,
            }
        }
    }
}

impl Search {
    /// Forgets what was seen (the pairing changed).
    fn reset(&mut self) {
        for t in self.touched.drain(..) {
            if let Some(seen) = self.seen.get_mut(t) {
                *seen = false;
            }
        }
        for r in self.touched_ranges.drain(..) {
            if let Some(seen) = self.range_seen.get_mut(r) {
                *seen = false;
            }
        }
    }
}

/// Drops from `left` the numbers that the other text spells out, each
/// word used once.
fn drop_spelled(left: &mut Vec<Number>, words: &[Value]) {
    if words.is_empty() {
        return;
    }
    let mut used = vec![false; words.len()];
    left.retain(|number| {
        let word = words
            .iter()
            .zip(used.iter_mut())
            .find(|(w, u)| !**u && number.has(**w));
        match word {
            Some((_, u)) => {
                *u = true;
                false
            }
            None => true,
        }
    });
}

#[cfg(test)]
mod tests {
    use super::super::testing::{assert_seeded, check, run, shipped_pairs, underlined};
    use super::*;

    fn found(lang: &str, source: &str, target: &str) -> Vec<String> {
        check(RULE.id, lang, source, target)
            .iter()
            .map(|d| underlined(d).to_owned())
            .collect()
    }

    /// Asserts that none of `(lang, source, target)` gives a finding.
    fn assert_clean(cases: &[(&str, &str, &str)]) {
        for &(lang, source, target) in cases {
            assert_eq!(
                found(lang, source, target),
                Vec::<String>::new(),
                "{target}"
            );
        }
    }

    #[test]
    fn fires_in_urdu() {
        let d = check(
            RULE.id,
            "ur",
            "The delegation arrived in Islamabad on 5 February 2024.",
            "وفد 6 فروری 2024 کو اسلام آباد پہنچا۔",
        );
        assert_eq!(d.len(), 1);
        assert_eq!(underlined(&d[0]), "6");
        assert!(d[0].message.contains("\"5\""), "{}", d[0].message);
        assert_eq!(d[0].severity, Severity::Error);
        // Urdu digits are read, and compared by value.
        assert_eq!(
            found(
                "ur",
                "Turnout was about 48%.",
                "ٹرن آؤٹ تقریباً ۸۴ فیصد رہا۔"
            ),
            ["۸۴"]
        );
        // A missing number points at the source.
        let d = check(
            RULE.id,
            "ur",
            "The committee met on 14 February 2024.",
            "کمیٹی کا اجلاس فروری 2024 میں ہوا۔",
        );
        assert_eq!(d.len(), 1);
        assert!(!d[0].excerpt.as_ref().unwrap().in_target);
        assert_eq!(underlined(&d[0]), "14");
    }

    #[test]
    fn fires_in_russian() {
        assert_eq!(
            found("ru", "Exports grew by 15%.", "Экспорт вырос на 1,5%."),
            ["1,5"]
        );
        let d = check(
            RULE.id,
            "ru",
            "More than 1,000 observers came.",
            "Приехали более 1,000 наблюдателей.",
        );
        assert_eq!(d.len(), 1);
        assert_eq!(underlined(&d[0]), "1,000");
        assert!(
            d[0].suggestion
                .as_deref()
                .unwrap()
                .contains("decimal comma")
        );
        assert_eq!(
            found(
                "ru",
                "The delegation consists of senators and officials.",
                "В состав делегации входят 7 сенаторов и 3 сотрудника.",
            ),
            ["7", "3"]
        );
        assert_eq!(
            found(
                "ru",
                "Bilateral trade reached 1 billion dollars in 2023.",
                "В 2024 году товарооборот достиг 1 млрд долларов.",
            ),
            ["2024"]
        );
    }

    #[test]
    fn does_not_fire_on_other_conventions() {
        let clean = [
            (
                "ru",
                "Polling stations opened at 8.00 a.m.",
                "Избирательные участки открылись в 8:00.",
            ),
            (
                "ur",
                "Polling stations opened at 8.00 a.m.",
                "پولنگ اسٹیشن صبح 8 بجے کھلے۔",
            ),
            (
                "ru",
                "The meeting began at 2.30 p.m.",
                "Встреча началась в 14:30.",
            ),
            (
                "ru",
                "Trade reached 1.2 billion dollars.",
                "Товарооборот достиг 1 200 млн долларов.",
            ),
            (
                "ur",
                "Trade reached 1.2 billion dollars.",
                "تجارت ۱٫۲ ارب ڈالر تک پہنچ گئی۔",
            ),
            (
                "ru",
                "More than 15,000 people attended.",
                "Присутствовали более 15\u{00A0}000 человек.",
            ),
            (
                "ru",
                "More than 15,000 people attended.",
                "Присутствовали более 15 000 человек.",
            ),
            (
                "ur",
                "More than 15,000 people attended.",
                "15,000 سے زائد افراد شریک ہوئے۔",
            ),
            (
                "ur",
                "Relations were established on 1 May 1948.",
                "تعلقات یکم مئی 1948 کو قائم ہوئے۔",
            ),
            (
                "ru",
                "The committee met on 14 February 2024.",
                "Комитет собрался 14.02.2024.",
            ),
            (
                "ru",
                "They marked the 75th anniversary.",
                "Они отметили 75-летие.",
            ),
            (
                "ur",
                "They marked the 75th anniversary.",
                "انہوں نے 75ویں سالگرہ منائی۔",
            ),
            (
                "ru",
                "He served from 2005 to 2022.",
                "В 2005–2022 годах он служил послом.",
            ),
            (
                "ur",
                "It was held on 15–16 October 2024.",
                "یہ 15 اور 16 اکتوبر 2024 کو منعقد ہوا۔",
            ),
            (
                "ur",
                "The two sides signed 3 agreements.",
                "دونوں فریقوں نے تین معاہدوں پر دستخط کیے۔",
            ),
            (
                "ru",
                "The two sides signed three agreements.",
                "Стороны подписали 3 соглашения.",
            ),
            ("ru", "It was the fifth meeting.", "Это было 5-е заседание."),
            (
                "ru",
                "The talks lasted twenty-one days.",
                "Переговоры длились 21 день.",
            ),
            ("ur", "The year 2024 ended.", "سال ۲۰۲۴ ختم ہوا۔"),
            ("ru", "The 2 sides agreed.", "Две стороны договорились."),
            (
                "ru",
                "A partnership for the 21st century.",
                "Партнёрство XXI века.",
            ),
        ];
        assert_clean(&clean);
    }

    #[test]
    fn spaced_groups_may_be_several_numbers() {
        let clean = [
            (
                "For details call +7 495 244 16 06.",
                "Подробности по телефону +7 495 244 16 06.",
            ),
            (
                "The hotline number is 8 800 200 34 11.",
                "Номер горячей линии: 8 800 200 34 11.",
            ),
            (
                "Observers visited 14 100 polling stations.",
                "Наблюдатели посетили 14 100 участков.",
            ),
            (
                "Observers visited 14,100 polling stations.",
                "Наблюдатели посетили 14 100 участков.",
            ),
        ];
        for (source, target) in clean {
            assert_eq!(
                found("ru", source, target),
                Vec::<String>::new(),
                "{target}"
            );
        }
        // A changed group is reported alone.
        let d = check(
            RULE.id,
            "ru",
            "For details call +7 495 244 16 06.",
            "Подробности по телефону +7 495 245 16 06.",
        );
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(underlined(&d[0]), "245");
        assert_eq!(d[0].message, "\"245\" where the source has \"244\"");
        // A thousand written with a space is still one number.
        assert_eq!(
            found(
                "ru",
                "Observers visited 14,100 polling stations.",
                "Наблюдатели посетили 14 200 участков.",
            ),
            ["14 200"]
        );
    }

    #[test]
    fn amounts_times_and_ranges_written_differently() {
        let clean = [
            (
                "ur",
                "The budget is Rs. 5.5 billion.",
                "بجٹ 5 ارب 50 کروڑ روپے ہے۔",
            ),
            (
                "ru",
                "The project will cost 1.2 billion roubles.",
                "Проект обойдётся в 1 млрд 200 млн рублей.",
            ),
            (
                "ur",
                "The meeting will start at 2.30 p.m.",
                "اجلاس دوپہر 2 بج کر 30 منٹ پر شروع ہوگا۔",
            ),
            (
                "ur",
                "The delegation arrived at 10:30 a.m.",
                "وفد صبح ساڑھے دس بجے پہنچا۔",
            ),
            (
                "ur",
                "The delegation arrived at 10:30 a.m.",
                "وفد صبح ساڑھے 10 بجے پہنچا۔",
            ),
            (
                "ur",
                "The session ended at 22:00.",
                "اجلاس رات 10 بجے ختم ہوا۔",
            ),
            (
                "ru",
                "The plan covers fiscal year 2024-25.",
                "План охватывает 2024-2025 финансовый год.",
            ),
            (
                "ru",
                "A 24-hour helpline was set up.",
                "Была создана круглосуточная горячая линия.",
            ),
            (
                "ru",
                "The centre works 24/7.",
                "Центр работает круглосуточно.",
            ),
            (
                "ru",
                "The session lasted 2½ hours.",
                "Заседание длилось 2,5 часа.",
            ),
            (
                "ur",
                "The project will cost Rs. 2.5 billion.",
                "منصوبے پر ڈھائی ارب روپے لاگت آئے گی۔",
            ),
        ];
        assert_clean(&clean);
        assert_eq!(
            found(
                "ur",
                "The budget is Rs. 5 billion and 500 million.",
                "بجٹ 5 ارب 50 کروڑ روپے ہے۔",
            ),
            Vec::<String>::new()
        );
        // Not every amount in two scale words adds up.
        assert_eq!(
            found(
                "ur",
                "The budget is Rs. 5.5 billion.",
                "بجٹ 5 ارب 60 کروڑ روپے ہے۔"
            ),
            ["5 ارب 60 کروڑ"]
        );
        assert_eq!(
            found(
                "ur",
                "The delegation arrived at 10:30 a.m.",
                "وفد صبح ساڑھے 11 بجے پہنچا۔",
            ),
            ["11"]
        );
        assert_eq!(
            found(
                "ru",
                "The plan covers fiscal year 2024-25.",
                "План охватывает 2024-2026 финансовый год.",
            ),
            ["2026"]
        );
    }

    #[test]
    fn months_and_number_words_are_compared() {
        let d = check(
            RULE.id,
            "ur",
            "The committee met on 14 February.",
            "کمیٹی کا اجلاس 14 مارچ کو ہوا۔",
        );
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(underlined(&d[0]), "مارچ");
        assert_eq!(d[0].message, "\"مارچ\" where the source has \"February\"");
        assert_eq!(d[0].suggestion.as_deref(), Some("write \"فروری\""));
        let d = check(
            RULE.id,
            "ru",
            "The committee met on 14 February.",
            "Комитет собрался 14 марта.",
        );
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(d[0].suggestion.as_deref(), Some("write \"февраля\""));
        assert_eq!(
            found(
                "ur",
                "Elections will be held in May.",
                "انتخابات جون میں ہوں گے۔"
            ),
            ["جون"]
        );
        assert_eq!(
            found(
                "ru",
                "Three delegations arrived.",
                "Прибыли четыре делегации."
            ),
            ["четыре"]
        );
        assert_eq!(
            found("ur", "Three delegations arrived.", "چار وفود پہنچے۔"),
            ["چار"]
        );
        // "two" is دونوں (both): the number changed is three.
        let d = check(
            RULE.id,
            "ur",
            "The two sides signed three agreements.",
            "دونوں فریقوں نے چار معاہدوں پر دستخط کیے۔",
        );
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(d[0].message, "\"چار\" where the source has \"three\"");
        // Two months for one: each source month is a candidate.
        let d = check(
            RULE.id,
            "ru",
            "The forum runs from 28 February to 2 March.",
            "Форум пройдёт с 28 по 2 апреля.",
        );
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(
            d[0].message,
            "\"апреля\" where the source has \"February\" or \"March\""
        );

        let clean = [
            (
                "ru",
                "The talks may resume in June.",
                "Переговоры могут возобновиться в июне.",
            ),
            (
                "ru",
                "The committee met on 14 February.",
                "Комитет собрался 14 февраля.",
            ),
            // A month on one side only: the date may be elsewhere.
            (
                "ru",
                "They met in February.",
                "Они встретились в начале года.",
            ),
            (
                "ur",
                "The long march began on 14 August.",
                "لانگ مارچ 14 اگست کو شروع ہوا۔",
            ),
            // Words on one side, digits on the other.
            (
                "ru",
                "Three delegations and 4 ministers came.",
                "Приехали 3 делегации и четыре министра.",
            ),
            (
                "ru",
                "One delegation came.",
                "Приехали две делегации и один министр.",
            ),
            // Two numbers for one: which is which is a guess.
            (
                "ru",
                "Two or three delegations came.",
                "Приехали четыре делегации.",
            ),
            (
                "ur",
                "The three sides held bilateral talks.",
                "تینوں فریقوں نے دو طرفہ بات چیت کی۔",
            ),
        ];
        assert_clean(&clean);
    }

    #[test]
    fn many_equal_numbers_are_matched_fast() {
        let mut source = vec!["5"; 3000];
        let mut target = source.clone();
        source[1500] = "6";
        target[2900] = "7";
        let (source, target) = (source.join(", "), target.join(", "));
        let started = std::time::Instant::now();
        let d = check(RULE.id, "ru", &source, &target);
        assert!(
            started.elapsed().as_secs_f64() < 2.0,
            "{:?}",
            started.elapsed()
        );
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(d[0].message, "\"7\" where the source has \"6\"");
        // Readings shared across numbers: a maximum matching still.
        // "1.000" (a thousand, or one) takes 1000 first, then gives it up.
        let source = numbers("1.000 и 1000", Some(Lang::Ru));
        let target = numbers("1 and 1000", Some(Lang::En));
        assert_eq!(unmatched(&source, &target), (vec![], vec![]));
        let target = numbers("2 and 1000", Some(Lang::En));
        assert_eq!(unmatched(&source, &target), (vec![1], vec![0]));
    }

    #[test]
    fn the_shipped_memory_is_clean() {
        let found = run(RULE.id, shipped_pairs());
        let texts: Vec<_> = found.iter().map(|d| (&d.unit, &d.message)).collect();
        assert!(found.is_empty(), "{texts:#?}");
    }

    #[test]
    fn the_seeded_errors_are_found() {
        assert_seeded(RULE.id);
    }
}
