//! `empty-term`: a term whose text is empty or only whitespace.
//!
//! ## What it does
//! Flags a term (a TBX `<term>`) with no visible text: empty, or only
//! spaces, tabs, line breaks or other whitespace.
//!
//! ## Why
//! An empty term matches nothing, or everything: recognition ignores it,
//! a CAT tool shows a blank suggestion, and a translator cannot tell what
//! the concept wanted. It is almost always a cell or element left over
//! from an edit. (CSV cells that are empty are no term at all, so this
//! rule fires for TBX.)
//!
//! ## Fires
//! ```xml
//! <termSec><term>  </term></termSec>
//! ```
//!
//! ## Does not fire
//! ```xml
//! <termSec><term>Senate</term></termSec>
//! ```
//!
//! ## Default severity
//! error. No fix: the term must be written, or its section removed.

use super::{Context, Finding, Sink};
use crate::report::{RuleInfo, Severity};

pub const RULE: RuleInfo = RuleInfo {
    id: "empty-term",
    default_severity: Severity::Error,
    summary: "a term whose text is empty or only whitespace",
    help: "write the term, or remove its term section",
};

pub(super) fn check(cx: &Context<'_>, sink: &mut Sink<'_>) {
    for concept in &cx.glossary.concepts {
        for term in &concept.terms {
            if term.text.trim().is_empty() {
                let span = cx.term_span(term);
                let span = if span.is_empty() {
                    let next = cx
                        .source
                        .text
                        .get(span.start..)
                        .and_then(|r| r.chars().next());
                    span.start..span.start + next.map_or(0, char::len_utf8)
                } else {
                    span
                };
                sink.push(Finding {
                    span,
                    unit: Some(concept.id.clone()),
                    message: format!("empty `{}` term in concept `{}`", term.lang, concept.id),
                    ..Finding::default()
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::lint;

    fn tbx(term: &str) -> String {
        format!(
            "<tbx><text><body><conceptEntry id=\"c1\"><langSec xml:lang=\"en\">\
             <termSec><term>{term}</term></termSec></langSec></conceptEntry></body></text></tbx>"
        )
    }

    #[test]
    fn fires_on_a_blank_term() {
        let found = lint("g.tbx", &tbx("  "), "empty-term");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "empty `en` term in concept `c1`");
        assert_eq!(lint("g.tbx", &tbx(""), "empty-term").len(), 1);
    }

    #[test]
    fn does_not_fire_on_a_term() {
        assert!(lint("g.tbx", &tbx("Senate"), "empty-term").is_empty());
    }
}
