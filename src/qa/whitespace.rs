//! `whitespace`: leading, trailing or doubled spaces in the target that
//! the source does not have.
//!
//! ## What it does
//! Flags, in the target:
//!
//! - whitespace at the start, when the source does not start with
//!   whitespace;
//! - whitespace at the end, when the source does not end with whitespace;
//!   the start and the end run only up to the first and from the last
//!   inline code (`прибыла. <x/>␣` has one space at the end, after the
//!   code);
//! - two or more whitespace characters in a row inside the text (spaces,
//!   tabs, line breaks, no-break and thin spaces in any mix), unless the
//!   source itself has such a run somewhere (then the spacing is
//!   deliberate: two spaces after a full stop, alignment). A single tab
//!   between words is not reported.
//!
//! A single no-break space (U+00A0) or narrow no-break space (U+202F) is
//! one space: Russian `15 000` and `Москва — столица` with a no-break space
//! before the dash are right. Next to another space it makes a double
//! space like any other. Spaces on both sides of an inline code
//! (`word <x/> word`) are one space on each side, not a double one.
//!
//! The reverse, a source that ends with a space where the target does not,
//! is not reported: segmenters and CAT tools keep the space between
//! sentences outside the segment or restore it when they rebuild the
//! document, so its absence from a target is harmless.
//!
//! ## Why
//! Stray spaces survive into the published text: a double space in the
//! middle of a line, a space before the full stop when segments are
//! joined, a line that starts indented. They are invisible in most CAT
//! tools and easy to fix before delivery.
//!
//! ## Fires
//! ```text
//! ru: Сенатор  Чижов прибыл в Исламабад.        (two spaces)
//! ur: ␣اجلاس ملتوی ہو گیا۔                        (a leading space)
//! ru: Сенатор Чижов прибыл в Исламабад.␣        (a trailing space; the source has none)
//! ```
//!
//! ## Does not fire
//! ```text
//! ru: Более 15 000 человек.                     (one no-break space)
//! en: The meeting ended.␣    ru: Встреча завершилась.
//! ```
//!
//! ## Default severity
//! warning. Fix (safe): delete the whitespace at either end; replace a run
//! inside the text with one space (a no-break space if the run has one).

use std::ops::Range;

use super::{Finding, PairContext, Sink, TextCode};
use crate::report::{Applicability, Fix, RuleInfo, Severity};

pub const RULE: RuleInfo = RuleInfo {
    id: "whitespace",
    default_severity: Severity::Warning,
    summary: "leading, trailing or doubled spaces in the target that the source does not have",
    help: "match the spacing of the source",
};

/// The length in bytes of the whitespace character (`char::is_whitespace`)
/// that starts at byte `at`, 0 if none: by its UTF-8 bytes, for speed.
#[inline]
fn space_len(bytes: &[u8], at: usize) -> usize {
    let byte = |k: usize| bytes.get(at + k).copied().unwrap_or(0);
    match byte(0) {
        b'\t'..=b'\r' | b' ' => 1,
        0xC2 if matches!(byte(1), 0x85 | 0xA0) => 2,
        0xE1 if byte(1) == 0x9A && byte(2) == 0x80 => 3,
        0xE2 if byte(1) == 0x80 && matches!(byte(2), 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF) => 3,
        0xE2 if byte(1) == 0x81 && byte(2) == 0x9F => 3,
        0xE3 if byte(1) == 0x80 && byte(2) == 0x80 => 3,
        _ => 0,
    }
}

/// The whitespace at the start and at the end of `text`, each only up to
/// the nearest inline code: in `word. <x/> ` the end is the last space,
/// the one before the code is inside the text.
fn ends(text: &str, codes: &[TextCode]) -> (Range<usize>, Range<usize>) {
    let lead = text.len() - text.trim_start().len();
    let lead = codes
        .iter()
        .map(|c| c.at)
        .filter(|&at| at < lead)
        .min()
        .unwrap_or(lead);
    let trail = text.trim_end().len();
    let trail = codes
        .iter()
        .map(|c| c.at)
        .filter(|&at| at > trail)
        .max()
        .unwrap_or(trail)
        .max(lead);
    (0..lead, trail..text.len())
}

/// The runs of two or more whitespace characters inside `text` (not at its
/// ends, see [`ends`]), cut where an inline code stands.
fn doubled(text: &str, codes: &[TextCode]) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let (lead, trail) = ends(text, codes);
    let end = trail.start;
    let mut at = lead.end;
    let mut runs = Vec::new();
    // The run so far: where it starts, how many characters.
    let mut run: Option<(usize, usize)> = None;
    while at < end {
        // Most bytes cannot start a space: letters, Cyrillic and Arabic
        // lead bytes, continuation bytes.
        let first = bytes.get(at).copied().unwrap_or(0);
        let len = if matches!(first, b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1..=0xE3) {
            space_len(bytes, at)
        } else {
            0
        };
        let cut = len == 0 || (run.is_some() && codes.iter().any(|c| c.at == at));
        if cut
            && let Some((start, count)) = run.take()
            && count >= 2
        {
            runs.push(start..at);
        }
        if len == 0 {
            at += 1;
            continue;
        }
        run = Some(run.map_or((at, 1), |(start, count)| (start, count + 1)));
        at += len;
    }
    runs
}

/// What a run of whitespace is, for messages: "a space", "2 spaces",
/// "3 whitespace characters (with a tab)".
fn describe(run: &str) -> String {
    let n = run.chars().count();
    let with = if run.contains('\t') {
        Some("a tab")
    } else if run.contains(['\n', '\r']) {
        Some("a line break")
    } else {
        None
    };
    match (n, with, run.chars().next()) {
        (1, Some(what), _) => what.to_owned(),
        (1, None, Some(' ')) => "a space".to_owned(),
        (1, None, Some(c)) => format!("a {}", super::code_point(c)),
        _ if run.chars().all(|c| c == ' ') => format!("{n} spaces"),
        (_, Some(what), _) => format!("{n} whitespace characters (with {what})"),
        _ => format!("{n} whitespace characters"),
    }
}

/// One space for a run, keeping a no-break space if it has one.
fn collapsed(run: &str) -> &'static str {
    if run.contains('\u{00A0}') {
        "\u{00A0}"
    } else if run.contains('\u{202F}') {
        "\u{202F}"
    } else {
        " "
    }
}

fn push(sink: &mut Sink<'_>, span: Range<usize>, message: String, replacement: &str) {
    let suggestion = if replacement.is_empty() {
        "delete it".to_owned()
    } else {
        "one space".to_owned()
    };
    sink.push(Finding {
        span,
        message,
        suggestion: Some(suggestion),
        fix: Some(Fix {
            replacement: replacement.to_owned(),
            applicability: Applicability::Safe,
        }),
        ..Finding::default()
    });
}

pub(super) fn check(cx: &PairContext<'_>, sink: &mut Sink<'_>) {
    let (source, target) = (cx.source, cx.target);
    if target.trim().is_empty() {
        return;
    }
    let (lead, trail) = ends(target, cx.target_codes());
    if !lead.is_empty() && !source.starts_with(char::is_whitespace) {
        let run = target.get(lead.clone()).unwrap_or_default();
        let message = format!("{} at the start of the target", describe(run));
        push(sink, lead, message, "");
    }
    if !trail.is_empty() && !source.ends_with(char::is_whitespace) {
        let run = target.get(trail.clone()).unwrap_or_default();
        let message = format!("{} at the end of the target", describe(run));
        push(sink, trail, message, "");
    }
    let runs = doubled(target, cx.target_codes());
    if runs.is_empty() || !doubled(source, &cx.pair.source.codes).is_empty() {
        return;
    }
    for span in runs {
        let run = target.get(span.clone()).unwrap_or_default();
        let message = format!("{} in a row in the target", describe(run));
        push(sink, span, message, collapsed(run));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{
        assert_seeded, assert_shipped_clean, check, findings, pair, run, underlined,
    };
    use super::*;
    use crate::report::Diagnostic;

    fn found(lang: &str, source: &str, target: &str) -> Vec<Diagnostic> {
        check(RULE.id, lang, source, target)
    }

    /// The fixes of the findings, in order.
    fn fixes(lang: &str, source: &str, target: &str) -> Vec<(String, Applicability)> {
        findings(super::check, "en", source, lang, target)
            .into_iter()
            .map(|f| f.fix.map(|f| (f.replacement, f.applicability)).unwrap())
            .collect()
    }

    #[test]
    fn fires_in_urdu() {
        let d = found("ur", "The meeting was postponed.", " اجلاس  ملتوی ہو گیا۔ ");
        assert_eq!(d.len(), 3, "{d:#?}");
        assert_eq!(d[0].message, "a space at the start of the target");
        assert_eq!(d[1].message, "a space at the end of the target");
        assert_eq!(d[2].message, "2 spaces in a row in the target");
        assert_eq!(underlined(&d[2]), "  ");
        let safe = Applicability::Safe;
        assert_eq!(
            fixes("ur", "The meeting was postponed.", " اجلاس  ملتوی ہو گیا۔ "),
            [("".into(), safe), ("".into(), safe), (" ".into(), safe)]
        );
        assert_eq!(d[0].severity, Severity::Warning);
    }

    #[test]
    fn fires_in_russian() {
        let d = found(
            "ru",
            "Senator Chizhov arrived in Islamabad.",
            "Сенатор\t\tЧижов прибыл в Исламабад.\u{00A0}",
        );
        assert_eq!(d.len(), 2, "{d:#?}");
        assert_eq!(d[0].message, "a U+00A0 at the end of the target");
        assert_eq!(
            d[1].message,
            "2 whitespace characters (with a tab) in a row in the target"
        );
        // A no-break space next to a space is a double space; the fix keeps
        // the no-break one.
        let d = found("ru", "Moscow is the capital.", "Москва \u{00A0}— столица.");
        assert_eq!(d.len(), 1);
        let fix = fixes("ru", "Moscow is the capital.", "Москва \u{00A0}— столица.");
        assert_eq!(fix, [("\u{00A0}".into(), Applicability::Safe)]);
    }

    #[test]
    fn spaces_are_told_by_their_bytes() {
        for c in (0..0x3100u32).filter_map(char::from_u32) {
            let text = format!("a{c}");
            assert_eq!(
                space_len(text.as_bytes(), 1) > 0,
                c.is_whitespace(),
                "{c:?}"
            );
        }
    }

    #[test]
    fn does_not_fire() {
        let clean = [
            (
                "ru",
                "More than 15,000 people.",
                "Более 15\u{00A0}000 человек.",
            ),
            ("ru", "Moscow is the capital.", "Москва\u{00A0}— столица."),
            ("ru", "The meeting ended. ", "Встреча завершилась."),
            ("ur", " The meeting ended. ", " اجلاس ختم ہو گیا۔ "),
            (
                "ru",
                "It ended.  Then they left.",
                "Всё закончилось.  Затем они ушли.",
            ),
            (
                "ru",
                "It ended.  Then they left.",
                "Всё закончилось. Затем они ушли.",
            ),
            ("ur", "Senator Chizhov arrived.", "سینیٹر چیژوف پہنچ گئے۔"),
        ];
        for (lang, source, target) in clean {
            assert_eq!(found(lang, source, target), [], "{target:?}");
        }
    }

    #[test]
    fn a_code_between_spaces_is_no_double_space() {
        let mut p = pair("en", "See the map {x} below.", "ru", "См. карту  ниже.");
        let code = |at| TextCode {
            at,
            kind: crate::xliff::CodeKind::Standalone,
            element: "x".into(),
            id: "1".into(),
        };
        p.source.text = "See the map  below.".into();
        p.source.codes = vec![code(12)];
        let target = p.target.as_mut().unwrap();
        target.codes = vec![code("См. карту ".len())];
        assert_eq!(run(RULE.id, std::slice::from_ref(&p)), []);
        // Without the code the two spaces are a finding.
        p.source.codes.clear();
        p.source.text = "See the map below.".into();
        p.target.as_mut().unwrap().codes.clear();
        assert_eq!(run(RULE.id, &[p]).len(), 1);
    }

    #[test]
    fn the_ends_stop_at_codes() {
        let code = |at| TextCode {
            at,
            kind: crate::xliff::CodeKind::Standalone,
            element: "x".into(),
            id: "1".into(),
        };
        // Делегация прибыла. <x id="1"/>␣ : one space at the end, after the code.
        let mut p = pair(
            "en",
            "The delegation arrived.",
            "ru",
            "Делегация прибыла.  ",
        );
        p.source.codes = vec![code(p.source.text.len())];
        let target = p.target.as_mut().unwrap();
        target.codes = vec![code("Делегация прибыла. ".len())];
        let d = run(RULE.id, std::slice::from_ref(&p));
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(d[0].message, "a space at the end of the target");
        assert_eq!(
            d[0].excerpt.as_ref().unwrap().span,
            "Делегация прибыла. ".len().."Делегация прибыла.  ".len()
        );
        // ␣<x id="1"/>␣Делегация прибыла. : one space at the start.
        let mut p = pair(
            "en",
            "The delegation arrived.",
            "ru",
            "  Делегация прибыла.",
        );
        p.source.codes = vec![code(0)];
        p.target.as_mut().unwrap().codes = vec![code(1)];
        let d = run(RULE.id, std::slice::from_ref(&p));
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(d[0].message, "a space at the start of the target");
        assert_eq!(d[0].excerpt.as_ref().unwrap().span, 0..1);
        // A space before a final code, none after it: not at the end.
        let mut p = pair("en", "The delegation arrived.", "ru", "Делегация прибыла. ");
        p.source.codes = vec![code(p.source.text.len())];
        p.target.as_mut().unwrap().codes = vec![code("Делегация прибыла. ".len())];
        assert_eq!(run(RULE.id, &[p]), []);
        // Two spaces after a code at the start are a double space.
        let mut p = pair("en", "The delegation arrived.", "ur", "  وفد پہنچ گیا۔");
        p.source.codes = vec![code(0)];
        p.target.as_mut().unwrap().codes = vec![code(0)];
        let d = run(RULE.id, &[p]);
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(d[0].message, "2 spaces in a row in the target");
    }

    #[test]
    fn the_shipped_data_is_clean() {
        assert_shipped_clean(RULE.id);
    }

    #[test]
    fn the_seeded_errors_are_found() {
        assert_seeded(RULE.id);
    }
}
