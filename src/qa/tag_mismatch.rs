//! `tag-mismatch`: inline codes missing, added or reordered in the target.
//!
//! ## What it does
//! Pairs the inline codes of the target (bold, italics, links, line
//! breaks, placeholders: XLIFF `g`, `x`, `bx`/`ex`, `bpt`/`ept`, `ph`,
//! `pc`, `sc`/`ec`; TMX `bpt`/`ept`, `ph`, `it`, `ut`) with the source's:
//! by kind (opening, closing, standalone) and id (`id`, TMX `i` or `x`)
//! when both have an id, else by kind and element, in order. Then reports,
//! one finding each:
//!
//! - a code of the source that the target lacks (pointing at the source);
//! - a code of the target that the source does not have;
//!   (an opening code and its closing code missing or added together are
//!   one finding, about the pair);
//! - an opening code that comes after its closing code in the target;
//! - standalone codes without ids in another order than in the source
//!   (the fewest that must move to restore it).
//!
//! Codes may move with the words they belong to: `<b>…</b>` at the start
//! of the source and in the middle of the target is fine, and so are
//! codes with ids in another order (Urdu puts the verb last, Russian
//! words move freely; tools put each code back by its id). Only codes
//! without ids, paired by their element, must keep the source's order.
//! Annotations (`mrk`, `sm`/`em`: comments, terms) are not formatting and
//! are left out. A TMX variant whose codes could not be read again from
//! the file is not checked.
//!
//! ## Why
//! A code is the original document's formatting. Without it the document
//! cannot be rebuilt, or comes back with the bold running to the end of the
//! paragraph, a lost line break or a link around the wrong words; CAT
//! tools refuse to export some of these.
//!
//! ## Fires
//! ```text
//! source: Senator <b>Vladimir A. Chizhov</b> met Ambassador Khorev.
//! target: سینیٹر <b>ولادیمیر چیژوف نے سفیر خوریف سے ملاقات کی۔   (</b> missing)
//!
//! source: See the photo<ph/> and the map<it/>.    (TMX codes without ids)
//! target: См. карту<it/> и фотографию<ph/>.        (<it/> moved before <ph/>)
//!
//! target: Соглашение о </b>культурных обменах<b> будет подписано.   (opens after it closes)
//! ```
//!
//! ## Does not fire
//! ```text
//! source: The agreement on <i>cultural exchanges</i> will be signed.
//! target: <i>ثقافتی تبادلوں</i> سے متعلق معاہدے پر دستخط کیے جائیں گے۔
//!
//! source: The report of the Commission<x id="1"/> was welcomed by the observers<x id="2"/>.
//! target: مبصرین<x id="2"/> نے کمیشن کی رپورٹ<x id="1"/> کا خیر مقدم کیا۔
//! ```
//!
//! ## Default severity
//! error. The span is the character next to the code (a code has no width
//! of its own). No fix.

use std::ops::Range;

use super::{Finding, PairContext, Side, Sink, TextCode};
use crate::report::{RuleInfo, Severity};
use crate::xliff::CodeKind;

pub const RULE: RuleInfo = RuleInfo {
    id: "tag-mismatch",
    default_severity: Severity::Error,
    summary: "inline codes missing, added or reordered in the target",
    help: "carry every inline code of the source over, in order",
};

/// Markers that annotate text (comments, terms), not formatting.
fn is_annotation(code: &TextCode) -> bool {
    matches!(code.element.as_str(), "mrk" | "sm" | "em")
}

/// Whether a target code stands for a source code.
fn same(source: &TextCode, target: &TextCode) -> bool {
    source.kind == target.kind
        && if !source.id.is_empty() && !target.id.is_empty() {
            source.id == target.id
        } else {
            source.element == target.element
        }
}

/// "the opening code `bpt` 1", for messages.
fn describe(code: &TextCode) -> String {
    let kind = match code.kind {
        CodeKind::Open => "opening code",
        CodeKind::Close => "closing code",
        CodeKind::Standalone => "code",
    };
    if code.id.is_empty() {
        format!("the {kind} `{}`", code.element)
    } else {
        format!("the {kind} `{}` {}", code.element, code.id)
    }
}

/// The codes left over on one side, each described; an opening code and
/// its closing code (same element and id) left over together are one
/// problem, "the code pair `g` 1", at the opening code.
fn unpaired<'c>(codes: &[&'c TextCode]) -> Vec<(&'c TextCode, String)> {
    let mut out = Vec::new();
    let mut merged = vec![false; codes.len()];
    for (i, code) in codes.iter().enumerate() {
        if merged.get(i).copied().unwrap_or(false) {
            continue;
        }
        // Its closing code: same id, and same element (TMX `bpt` closes
        // with `ept`).
        let closes = |c: &TextCode| {
            c.kind == CodeKind::Close
                && c.id == code.id
                && (c.element == code.element || (code.element == "bpt" && c.element == "ept"))
        };
        let close = (code.kind == CodeKind::Open && !code.id.is_empty())
            .then(|| codes.iter().skip(i + 1).position(|c| closes(c)))
            .flatten()
            .map(|k| k + i + 1);
        let what = match close.and_then(|k| Some((codes.get(k)?, merged.get_mut(k)?))) {
            Some((closing, flag)) => {
                *flag = true;
                let element = if closing.element == code.element {
                    code.element.clone()
                } else {
                    format!("{}`/`{}", code.element, closing.element)
                };
                format!("the code pair `{element}` {}", code.id)
            }
            None => describe(code),
        };
        out.push((*code, what));
    }
    out
}

/// One character next to byte `at` of `text`: the one after, else the one
/// before (a code at the end), else nothing.
fn near(text: &str, at: usize) -> Range<usize> {
    if let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) {
        return at..at + c.len_utf8();
    }
    match text.get(..at).and_then(|before| before.chars().next_back()) {
        Some(c) => at - c.len_utf8()..at,
        None => at..at,
    }
}

pub(super) fn check(cx: &PairContext<'_>, sink: &mut Sink<'_>) {
    let target_known = cx.pair.target.as_ref().is_some_and(|t| t.codes_known);
    if !cx.pair.source.codes_known || !target_known {
        return;
    }
    let (source, target) = (&cx.pair.source.codes, cx.target_codes());
    if source.is_empty() && target.is_empty() {
        return;
    }
    let source: Vec<&TextCode> = source.iter().filter(|c| !is_annotation(c)).collect();
    let target: Vec<&TextCode> = target.iter().filter(|c| !is_annotation(c)).collect();
    // partner[i]: the target code that stands for source code i.
    let mut taken = vec![false; target.len()];
    let partner: Vec<Option<usize>> = source
        .iter()
        .map(|s| {
            let (j, slot) = taken
                .iter_mut()
                .enumerate()
                .find(|(j, used)| !**used && target.get(*j).is_some_and(|t| same(s, t)))?;
            *slot = true;
            Some(j)
        })
        .collect();
    let missing: Vec<&TextCode> = source
        .iter()
        .zip(&partner)
        .filter(|(_, p)| p.is_none())
        .map(|(c, _)| *c)
        .collect();
    for (code, what) in unpaired(&missing) {
        sink.push(Finding {
            side: Side::Source,
            span: near(cx.source, code.at),
            message: format!("{what} of the source is missing from the target"),
            suggestion: Some("put it where its text is in the translation".to_owned()),
            fix: None,
        });
    }
    let extra: Vec<&TextCode> = target
        .iter()
        .zip(&taken)
        .filter(|(_, used)| !**used)
        .map(|(c, _)| *c)
        .collect();
    for (code, what) in unpaired(&extra) {
        sink.push(Finding {
            side: Side::Target,
            span: near(cx.target, code.at),
            message: format!("{what} is not in the source"),
            suggestion: Some("remove it".to_owned()),
            fix: None,
        });
    }
    opened_after_closing(cx, &source, &target, sink);
    standalone_order(cx, &source, &target, &partner, sink);
}

/// An opening code after its closing code (same id) in the target, where
/// the source has them the right way round.
fn opened_after_closing(
    cx: &PairContext<'_>,
    source: &[&TextCode],
    target: &[&TextCode],
    sink: &mut Sink<'_>,
) {
    let reversed = |codes: &[&TextCode], open: usize, id: &str| {
        codes
            .iter()
            .take(open)
            .any(|c| c.kind == CodeKind::Close && c.id == id)
    };
    for (i, open) in target.iter().enumerate() {
        if open.kind != CodeKind::Open || open.id.is_empty() {
            continue;
        }
        // Once per id, and only where the source does not do the same.
        let first = !target
            .iter()
            .take(i)
            .any(|c| c.kind == CodeKind::Open && c.id == open.id);
        let in_source = source
            .iter()
            .position(|c| c.kind == CodeKind::Open && c.id == open.id)
            .is_some_and(|k| reversed(source, k, &open.id));
        if first && !in_source && reversed(target, i, &open.id) {
            sink.push(Finding {
                side: Side::Target,
                span: near(cx.target, open.at),
                message: format!("{} comes after its closing code", describe(open)),
                suggestion: Some("swap the two codes".to_owned()),
                fix: None,
            });
        }
    }
}

/// Standalone codes of the source that the target has in another order:
/// those outside a longest run that keeps the source's order. Codes
/// paired by id are left out: they may move with their words.
fn standalone_order(
    cx: &PairContext<'_>,
    source: &[&TextCode],
    target: &[&TextCode],
    partner: &[Option<usize>],
    sink: &mut Sink<'_>,
) {
    // (source code, its target index), standalone and paired by element,
    // source order.
    let by_element =
        |c: &TextCode, t: usize| c.id.is_empty() || target.get(t).is_none_or(|t| t.id.is_empty());
    let placed: Vec<(&TextCode, usize)> = source
        .iter()
        .zip(partner)
        .filter(|(c, _)| c.kind == CodeKind::Standalone)
        .filter_map(|(c, p)| Some((*c, (*p)?)))
        .filter(|&(c, t)| by_element(c, t))
        .collect();
    if placed.windows(2).all(|w| matches!(w, [a, b] if a.1 < b.1)) {
        return;
    }
    // Longest increasing subsequence of target indexes (few codes: O(n²)).
    let n = placed.len();
    let mut best = vec![1usize; n];
    let mut back = vec![None; n];
    for i in 0..n {
        for j in 0..i {
            let (Some(a), Some(b)) = (placed.get(j), placed.get(i)) else {
                continue;
            };
            let longer = best.get(j).map_or(0, |l| l + 1);
            if a.1 < b.1 && longer > best.get(i).copied().unwrap_or(0) {
                if let Some(slot) = best.get_mut(i) {
                    *slot = longer;
                }
                if let Some(slot) = back.get_mut(i) {
                    *slot = Some(j);
                }
            }
        }
    }
    let mut keep = vec![false; n];
    let mut at = (0..n).max_by_key(|&i| (best.get(i).copied(), std::cmp::Reverse(i)));
    while let Some(i) = at {
        if let Some(k) = keep.get_mut(i) {
            *k = true;
        }
        at = back.get(i).copied().flatten();
    }
    for (k, (code, t)) in placed.iter().enumerate() {
        if keep.get(k).copied().unwrap_or(true) {
            continue;
        }
        let previous = k
            .checked_sub(1)
            .and_then(|p| placed.get(p))
            .map(|(c, _)| *c);
        let message = match previous {
            Some(p) => format!(
                "{} is out of order: the source has it after {}",
                describe(code),
                describe(p).trim_start_matches("the ")
            ),
            None => format!(
                "{} is out of order: the source has it first",
                describe(code)
            ),
        };
        let at = target.get(*t).map_or(0, |c| c.at);
        sink.push(Finding {
            side: Side::Target,
            span: near(cx.target, at),
            message,
            suggestion: Some("keep the codes in the order of the source".to_owned()),
            fix: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::Text;
    use super::super::testing::{assert_seeded, pair, run, shipped_findings, underlined};
    use super::*;
    use crate::report::Diagnostic;

    /// A text from markup: `{1}` and `{/1}` open and close code 1, `{x2}`
    /// is standalone code 2 (element `x`), `{x}` and `{ph}` standalone
    /// codes without ids, `{mrk}` an annotation.
    fn text(lang: &str, marked: &str) -> Text {
        let mut text = Text::plain(lang, "");
        let mut rest = marked;
        while let Some(i) = rest.find('{') {
            text.text.push_str(&rest[..i]);
            let j = rest[i..].find('}').unwrap() + i;
            let tag = &rest[i + 1..j];
            let (kind, element, id) = if let Some(id) = tag.strip_prefix('/') {
                (CodeKind::Close, "g", id)
            } else if let Some(id) = tag.strip_prefix('x') {
                (CodeKind::Standalone, "x", id)
            } else if tag == "ph" {
                (CodeKind::Standalone, "ph", "")
            } else if tag == "mrk" {
                (CodeKind::Open, "mrk", "")
            } else {
                (CodeKind::Open, "g", tag)
            };
            text.codes.push(TextCode {
                at: text.text.len(),
                kind,
                element: element.into(),
                id: id.into(),
            });
            rest = &rest[j + 1..];
        }
        text.text.push_str(rest);
        text
    }

    fn check(lang: &str, source: &str, target: &str) -> Vec<Diagnostic> {
        let mut pair = pair("en", "", lang, "");
        pair.source = text("en", source);
        pair.target = Some(text(lang, target));
        run(RULE.id, &[pair])
    }

    #[test]
    fn fires_in_urdu() {
        let d = check(
            "ur",
            "Senator {1}Vladimir A. Chizhov{/1} met Ambassador Khorev.",
            "سینیٹر {1}ولادیمیر چیژوف نے سفیر خوریف سے ملاقات کی۔",
        );
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(
            d[0].message,
            "the closing code `g` 1 of the source is missing from the target (ur)"
        );
        assert!(!d[0].excerpt.as_ref().unwrap().in_target);
        assert_eq!(underlined(&d[0]), " ");
        assert_eq!(d[0].severity, Severity::Error);
        // A code the source does not have, at the very end.
        let d = check(
            "ur",
            "Senator Chizhov said: “Pakistan is an important partner.”",
            "سینیٹر چیژوف نے کہا: “پاکستان ایک اہم شراکت دار ہے۔”{x1}",
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].message, "the code `x` 1 is not in the source");
        assert_eq!(underlined(&d[0]), "”");
        // A pair lost as a whole is one finding.
        let d = check(
            "ur",
            "{1}Ambassador Albert P. Khorev{/1} also attended.",
            "سفیر البرٹ پی خوریف بھی شریک ہوئے۔",
        );
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].message,
            "the code pair `g` 1 of the source is missing from the target (ur)"
        );
        assert_eq!(underlined(&d[0]), "A");
    }

    #[test]
    fn fires_in_russian() {
        // Codes without ids keep the source's order.
        let d = check(
            "ru",
            "See the photo{x} and the map{ph}.",
            "См. карту{ph} и фотографию{x}.",
        );
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(
            d[0].message,
            "the code `ph` is out of order: the source has it after code `x`"
        );
        let d = check(
            "ru",
            "The agreement on {1}cultural exchanges{/1} will be signed.",
            "Соглашение о {/1}культурных обменах{1} будет подписано.",
        );
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(
            d[0].message,
            "the opening code `g` 1 comes after its closing code"
        );
        assert_eq!(underlined(&d[0]), " ");
        let d = check(
            "ru",
            "The agreement will be signed in Moscow.",
            "Соглашение будет подписано в {1}Москве{/1}.",
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].message, "the code pair `g` 1 is not in the source");
        assert_eq!(underlined(&d[0]), "М");
    }

    #[test]
    fn does_not_fire() {
        let clean = [
            (
                "ur",
                "The agreement on {1}cultural exchanges{/1} will be signed in Moscow.",
                "{1}ثقافتی تبادلوں{/1} سے متعلق معاہدے پر ماسکو میں دستخط کیے جائیں گے۔",
            ),
            (
                "ru",
                "{1}Senator Chizhov{/1} met {2}Ambassador Khorev{/2}.",
                "С {2}послом Хоревым{/2} встретился {1}сенатор Чижов{/1}.",
            ),
            (
                "ru",
                "Senator Chizhov said:{x1}“Pakistan is an important partner.”",
                "Сенатор Чижов сказал:{x1}«Пакистан — важный партнёр».",
            ),
            (
                "ur",
                "The meeting was held in Islamabad.",
                "اجلاس {mrk}اسلام آباد میں منعقد ہوا۔",
            ),
            // Codes with ids move with their words (Urdu puts the verb last).
            (
                "ur",
                "The report of the Commission{x1} was welcomed by the observers{x2}.",
                "مبصرین{x2} نے کمیشن کی رپورٹ{x1} کا خیر مقدم کیا۔",
            ),
            (
                "ru",
                "See the photo{x1} and the map{x2}.",
                "См. карту{x2} и фотографию{x1}.",
            ),
        ];
        for (lang, source, target) in clean {
            assert_eq!(check(lang, source, target), [], "{target}");
        }
    }

    #[test]
    fn a_tmx_pair_lost_together_is_one_finding() {
        let mut source = text("en", "The delegation {1}arrived{/1}.");
        for code in &mut source.codes {
            code.element = if code.kind == CodeKind::Open {
                "bpt"
            } else {
                "ept"
            }
            .into();
        }
        let mut pair = pair("en", "", "ru", "");
        pair.source = source;
        pair.target = Some(text("ru", "Делегация прибыла."));
        let d = run(RULE.id, &[pair]);
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(
            d[0].message,
            "the code pair `bpt`/`ept` 1 of the source is missing from the target (ru)"
        );
    }

    #[test]
    fn codes_without_ids_pair_by_element() {
        let mut source = text("en", "A{x}b{x}c");
        let mut target = text("ru", "А{x}б{x}в");
        for code in source.codes.iter_mut().chain(&mut target.codes) {
            code.id.clear();
            code.element = "ph".into();
        }
        let mut pair = pair("en", "", "ru", "");
        pair.source = source;
        pair.target = Some(target);
        assert_eq!(run(RULE.id, &[pair]), []);
    }

    #[test]
    fn codes_that_could_not_be_read_are_not_compared() {
        let mut pair = pair("en", "", "ru", "");
        pair.source = text("en", "Senator {1}Chizhov{/1} arrived.{x2}");
        let mut target = text("ru", "Сенатор Чижов прибыл.");
        target.codes_known = false;
        pair.target = Some(target);
        assert_eq!(run(RULE.id, std::slice::from_ref(&pair)), []);
        // Known to have none, the target lacks the source's codes.
        pair.target.as_mut().unwrap().codes_known = true;
        assert_eq!(run(RULE.id, &[pair]).len(), 2);
    }

    #[test]
    fn the_shipped_files_are_clean() {
        let found = shipped_findings(RULE.id);
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn the_seeded_errors_are_found() {
        assert_seeded(RULE.id);
    }
}
