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
//! `یکم`) or a month name (`February`, `февраля`, `فروری`).
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
    let text = |numbers: &[Number], i: usize, of: &str| -> (std::ops::Range<usize>, String) {
        let span = numbers.get(i).map_or(0..0, |n| n.span.clone());
        let quoted = of.get(span.clone()).unwrap_or_default().to_owned();
        (span, quoted)
    };
    let changed = missing.len().min(extra.len());
    for (k, &t) in extra.iter().enumerate() {
        let (span, number) = text(&target, t, cx.target);
        let was = missing
            .get(k)
            .filter(|_| k < changed)
            .map(|&s| text(&source, s, cx.source).1);
        let (message, suggestion) = match was {
            Some(was) => (
                format!("\"{number}\" where the source has \"{was}\""),
                Some(hint(cx.target_lang, &number, &was)),
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
        let (span, number) = text(&source, s, cx.source);
        sink.push(Finding {
            side: Side::Source,
            span,
            message: format!("\"{number}\" of the source is not in the target"),
            suggestion: Some("carry the number over to the translation".to_owned()),
            fix: None,
        });
    }
}

/// What to write instead of `number` in a target in `lang`.
fn hint(lang: Option<Lang>, number: &str, was: &str) -> String {
    if lang == Some(Lang::Ru) && number.contains(',') && was.contains(',') {
        format!(
            "a comma is the decimal comma in Russian: write the source's \"{was}\" with spaces (1 000)"
        )
    } else {
        format!("write the source's \"{was}\"")
    }
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
