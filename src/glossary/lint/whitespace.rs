//! `whitespace`: leading, trailing or doubled whitespace, tabs and
//! non-breaking spaces in a term.
//!
//! ## What it does
//! Flags whitespace at the start or end of a term, and any whitespace
//! inside it that is not one plain space: two or more spaces, a tab, a
//! line break, a non-breaking space (U+00A0, U+202F, U+2007) or another
//! Unicode space.
//!
//! ## Why
//! Matching keys fold whitespace, so recognition still works, but the term
//! is copied as written into XLIFF and CAT tools: a trailing space or a
//! non-breaking space ends up in the translation, and two terms that differ
//! only by spaces look like two different terms to other tools.
//!
//! ## Fires
//! ```csv
//! en,ru
//! "Senate  Committee ",Комитет<TAB>Сената
//! ```
//!
//! ## Does not fire
//! ```csv
//! en,ru
//! Senate Committee,Комитет Сената
//! ```
//!
//! ## Default severity
//! warning. Fix (safe): delete the whitespace at the ends; replace a run
//! inside the term with one space.

use super::{Context, Finding, Sink};
use crate::report::{Applicability, Fix, RuleInfo, Severity};

pub const RULE: RuleInfo = RuleInfo {
    id: "whitespace",
    default_severity: Severity::Warning,
    summary: "leading, trailing or doubled whitespace, tabs or non-breaking spaces in a term",
    help: "trim the term and write single plain spaces between its words",
};

/// Byte ranges of whitespace runs in `text`.
fn runs(text: &str) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut start = None;
    for (at, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, None) => start = Some(at),
            (false, Some(s)) => {
                runs.push((s, at));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        runs.push((s, text.len()));
    }
    runs
}

fn describe(run: &str) -> &'static str {
    if run.contains('\t') {
        "a tab"
    } else if run.contains(['\n', '\r']) {
        "a line break"
    } else if run.contains(['\u{00A0}', '\u{202F}', '\u{2007}']) {
        "a non-breaking space"
    } else if run.chars().all(|c| c == ' ') {
        "spaces"
    } else {
        "unusual whitespace"
    }
}

pub(super) fn check(cx: &Context<'_>, sink: &mut Sink<'_>) {
    for concept in &cx.glossary.concepts {
        for term in &concept.terms {
            let text = term.text.as_str();
            if text.trim().is_empty() {
                continue; // empty-term
            }
            for (start, end) in runs(text) {
                let run = text.get(start..end).unwrap_or_default();
                let (what, replacement) = if start == 0 {
                    ("leading", "")
                } else if end == text.len() {
                    ("trailing", "")
                } else if run == " " {
                    continue;
                } else {
                    ("inner", " ")
                };
                let (span, exact) = cx.span(term, start..end);
                let message = match what {
                    "inner" => format!(
                        "{} inside the `{}` term `{}`",
                        describe(run),
                        term.lang,
                        text.trim()
                    ),
                    _ => format!(
                        "{what} whitespace in the `{}` term `{}`",
                        term.lang,
                        text.trim()
                    ),
                };
                sink.push(Finding {
                    span,
                    unit: Some(concept.id.clone()),
                    message,
                    suggestion: Some(if replacement.is_empty() {
                        "delete it".to_owned()
                    } else {
                        "one plain space".to_owned()
                    }),
                    fix: exact.then(|| Fix {
                        replacement: replacement.to_owned(),
                        applicability: Applicability::Safe,
                    }),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{lint, spanned};

    #[test]
    fn fires_on_ends_doubles_tabs_and_nbsp() {
        let text = "en,ru\n\" Senate  Committee \",Комитет\u{00A0}Сената\n";
        let found = lint("g.csv", text, "whitespace");
        let got: Vec<(&str, &str)> = found
            .iter()
            .map(|d| {
                (
                    spanned(text, d),
                    d.fix.as_ref().unwrap().replacement.as_str(),
                )
            })
            .collect();
        assert_eq!(got, [(" ", ""), ("  ", " "), (" ", ""), ("\u{00A0}", " ")]);
        assert_eq!(
            found[0].message,
            "leading whitespace in the `en` term `Senate  Committee`"
        );
        assert_eq!(
            found[3].message,
            "a non-breaking space inside the `ru` term `Комитет\u{00A0}Сената`"
        );
    }

    #[test]
    fn tbx_leading_space_is_found_in_the_file() {
        let text = "<tbx><text><body><conceptEntry id=\"c\"><langSec xml:lang=\"en\">\
                    <termSec><term> Senate</term></termSec></langSec></conceptEntry></body></text></tbx>";
        let found = lint("g.tbx", text, "whitespace");
        assert_eq!(found.len(), 1);
        assert_eq!(spanned(text, &found[0]), " ");
        assert_eq!(&text[found[0].span.start..found[0].span.end + 6], " Senate");
    }

    #[test]
    fn does_not_fire_on_single_spaces() {
        assert!(
            lint(
                "g.csv",
                "en,ru\nSenate Committee,Комитет Сената\n",
                "whitespace"
            )
            .is_empty()
        );
    }
}
