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
//!   in a Russian target is the number one.
//! - Urdu: as English, with `٬` and `٫` too.
//! - `1.000` can be a thousand or a decimal and matches either.
//! - Times: `10.30 a.m.`, `10:30`, `10.30`; `8:00` is `8 a.m.` and
//!   `صبح 8 بجے`; `2.30 p.m.` is `14:30`.
//! - Dates: `14.02.2024` is 14, 2 and 2024, so a month written as a
//!   number in one text matches the month's name in the other.
//! - Ordinal endings (`21st`, `5-го`, `75ویں`), percent signs, signs and
//!   ranges (`2005–2022`) are not part of a number.
//! - Scale words: `128 million` matches `128 млн` and `128,000,000`.
//!
//! A number left over is not reported when the other text writes it in
//! words: a number word (`two`, `пятого`, `تین`), an ordinal (`fifth`,
//! `یکم`), a month name (`February`, `февраля`, `فروری`) or a Roman
//! numeral (`21st century`, `XXI век`). So `14 February` against
//! `14.02.2024` is fine, and so is `2 sides` against `две стороны`; a
//! number that is only in words on both sides is not compared.
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
//! ```
//!
//! ## Default severity
//! error. No fix: which of the two numbers is right is for a person to say.

use std::ops::Range;

use super::numbers::{Number, numbers, spelled};
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
    if source.is_empty() && target.is_empty() {
        return;
    }
    let (mut missing, mut extra) = unmatched(&source, &target);
    if !missing.is_empty() {
        drop_spelled(&mut missing, &source, &spelled(cx.target, cx.target_lang));
    }
    if !extra.is_empty() {
        drop_spelled(&mut extra, &target, &spelled(cx.source, cx.source_lang));
    }
    let changed = missing.len().min(extra.len());
    for (k, &t) in extra.iter().enumerate() {
        let (span, number) = quoted(&target, t, cx.target);
        let was = missing
            .get(k)
            .filter(|_| k < changed)
            .and_then(|&s| source.get(s));
        let (message, suggestion) = match was {
            Some(was) => (
                format!(
                    "\"{number}\" where the source has \"{}\"",
                    cx.source.get(was.span.clone()).unwrap_or_default()
                ),
                Some(hint(cx, number, was)),
            ),
            None => (format!("\"{number}\" is not in the source"), None),
        };
        sink.push(Finding {
            side: Side::Target,
            span,
            message,
            suggestion,
            fix: None,
        });
    }
    for &s in missing.iter().skip(changed) {
        let (span, number) = quoted(&source, s, cx.source);
        sink.push(Finding {
            side: Side::Source,
            span,
            message: format!("\"{number}\" of the source is not in the target"),
            suggestion: Some("carry the number over to the translation".to_owned()),
            fix: None,
        });
    }
}

/// Number `i` of `numbers`: where it is in `text`, and its text.
fn quoted<'t>(numbers: &[Number], i: usize, text: &'t str) -> (Range<usize>, &'t str) {
    let span = numbers.get(i).map_or(0..0, |n| n.span.clone());
    let number = text.get(span.clone()).unwrap_or_default();
    (span, number)
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

/// The numbers of the source and of the target (indexes) that have no
/// number of the same value on the other side: the rest of a maximum
/// matching.
fn unmatched(source: &[Number], target: &[Number]) -> (Vec<usize>, Vec<usize>) {
    // Most translations keep the numbers in order.
    if source.len() == target.len() && source.iter().zip(target).all(|(s, t)| s.agrees(t)) {
        return (Vec::new(), Vec::new());
    }
    let mut owner: Vec<Option<usize>> = vec![None; target.len()];
    let mut missing = Vec::new();
    for s in 0..source.len() {
        let mut seen = vec![false; target.len()];
        if !augment(s, source, target, &mut owner, &mut seen) {
            missing.push(s);
        }
    }
    let extra = owner
        .iter()
        .enumerate()
        .filter(|(_, o)| o.is_none())
        .map(|(t, _)| t)
        .collect();
    (missing, extra)
}

/// Kuhn's augmenting path from source number `s`.
fn augment(
    s: usize,
    source: &[Number],
    target: &[Number],
    owner: &mut [Option<usize>],
    seen: &mut [bool],
) -> bool {
    let Some(number) = source.get(s) else {
        return false;
    };
    for (t, other) in target.iter().enumerate() {
        if seen.get(t).copied().unwrap_or(true) || !number.agrees(other) {
            continue;
        }
        if let Some(flag) = seen.get_mut(t) {
            *flag = true;
        }
        let holder = owner.get(t).copied().flatten();
        if holder.is_none_or(|o| augment(o, source, target, owner, seen)) {
            if let Some(slot) = owner.get_mut(t) {
                *slot = Some(s);
            }
            return true;
        }
    }
    false
}

/// Drops from `left` (indexes into `numbers`) those the other text spells
/// out, each word used once.
fn drop_spelled(left: &mut Vec<usize>, numbers: &[Number], words: &[u128]) {
    if words.is_empty() {
        return;
    }
    let mut used = vec![false; words.len()];
    left.retain(|&i| {
        let Some(number) = numbers.get(i) else {
            return true;
        };
        let word = words
            .iter()
            .zip(used.iter_mut())
            .find(|(w, u)| !**u && number.is(**w));
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
    use super::super::numbers::assert_seeded;
    use super::super::numbers::shipped_pairs;
    use super::super::testing::{check, run, underlined};
    use super::*;

    fn found(lang: &str, source: &str, target: &str) -> Vec<String> {
        check(RULE.id, lang, source, target)
            .iter()
            .map(|d| underlined(d).to_owned())
            .collect()
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
        for (lang, source, target) in clean {
            assert_eq!(
                found(lang, source, target),
                Vec::<String>::new(),
                "{target}"
            );
        }
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
