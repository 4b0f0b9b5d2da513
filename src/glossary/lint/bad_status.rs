//! `bad-status`: an unknown status value, or one term with two statuses.
//!
//! ## What it does
//! Flags a status the readers do not know (anything but preferred,
//! admitted, deprecated, forbidden and TBX's `…Term-admn-sts` names; the
//! term is then read as admitted so the rest of the file is still
//! linted), and a term written twice in one concept and language with two
//! different statuses, like preferred and forbidden. "Twice" means the same
//! text up to Unicode form and spacing: `BRICS` (preferred) and `Brics`
//! (forbidden) is a style rule, not a contradiction.
//!
//! ## Why
//! The status decides what QA does with a term: a preferred term is
//! required, a forbidden one is an error in a translation. An unknown
//! status (`prefered`, `ok`) silently means nothing; a term that is both
//! preferred and forbidden makes QA contradict itself.
//!
//! ## Fires
//! ```csv
//! id,en,en:status
//! c1,Chizhov,prefered
//! c2,Vladmir,preferred
//! c2,Vladmir,forbidden
//! ```
//!
//! ## Does not fire
//! ```csv
//! id,en,en:status
//! c1,Vladimir,preferred
//! c1,Vladmir,forbidden
//! ```
//!
//! ## Default severity
//! error. No fix: choose the status.

use unicode_normalization::UnicodeNormalization;

use super::{Context, Finding, Sink};
use crate::glossary::Status;
use crate::report::{RuleInfo, Severity};

pub const RULE: RuleInfo = RuleInfo {
    id: "bad-status",
    default_severity: Severity::Error,
    summary: "an unknown status value, or one term with two statuses in a concept",
    help: "use preferred, admitted, deprecated or forbidden (superseded), once per term",
};

pub(super) fn check(cx: &Context<'_>, sink: &mut Sink<'_>) {
    for unknown in cx.unknown_statuses {
        let start = cx.source.offset(unknown.line, unknown.column);
        let raw = cx.source.text.get(start..).unwrap_or_default();
        let len = if raw.starts_with(&unknown.value) {
            unknown.value.len()
        } else {
            raw.chars().next().map_or(0, char::len_utf8)
        };
        sink.push(Finding {
            span: start..start + len,
            unit: cx
                .glossary
                .concepts
                .get(unknown.concept)
                .map(|c| c.id.clone()),
            message: format!(
                "unknown status `{}` (read as admitted): expected one of {} \
                 (superseded is read as forbidden)",
                unknown.value,
                Status::ALL.map(Status::as_str).join(", ")
            ),
            ..Finding::default()
        });
    }
    for group in &cx.same_key {
        for (k, &(ci, ti)) in group.iter().enumerate().skip(1) {
            let Some(concept) = cx.glossary.concepts.get(ci) else {
                continue;
            };
            let Some(this) = concept.terms.get(ti) else {
                continue;
            };
            let earlier = group.get(..k).unwrap_or_default();
            let text = same_text(&this.text);
            let twins = || {
                earlier
                    .iter()
                    .filter(|(c, _)| *c == ci)
                    .filter_map(|&(_, t)| concept.terms.get(t))
                    .filter(|t| same_text(&t.text) == text)
            };
            let other = twins().find(|t| t.status != this.status);
            let same = twins().any(|t| t.status == this.status);
            if let Some(other) = other.filter(|_| !same) {
                sink.push(Finding {
                    span: cx.term_span(this),
                    unit: Some(concept.id.clone()),
                    message: format!(
                        "the `{}` term `{}` is both {} (line {}) and {} in concept `{}`",
                        this.lang, this.text, other.status, other.line, this.status, concept.id
                    ),
                    ..Finding::default()
                });
            }
        }
    }
}

/// The text in NFC with whitespace runs as one space, case kept.
fn same_text(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .nfc()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::testing::{lint, spanned};

    #[test]
    fn fires_on_unknown_status_and_two_statuses() {
        let text =
            "id,en,en:status\nc1,Chizhov,prefered\nc2,Vladmir,preferred\nc2,Vladmir,forbidden\n";
        let found = lint("g.csv", text, "bad-status");
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(spanned(text, &found[0]), "prefered");
        assert_eq!(found[0].unit.as_deref(), Some("c1"));
        assert_eq!(
            found[0].message,
            "unknown status `prefered` (read as admitted): expected one of \
             preferred, admitted, deprecated, forbidden (superseded is read as forbidden)"
        );
        assert_eq!(
            found[1].message,
            "the `en` term `Vladmir` is both preferred (line 3) and forbidden in concept `c2`"
        );
    }

    #[test]
    fn unknown_tbx_status_is_a_finding_not_a_failure() {
        let text = "<tbx><text><body><conceptEntry id=\"a\"><langSec xml:lang=\"en\"><termSec>\
                    <term>x</term><termNote type=\"administrativeStatus\">best</termNote>\
                    </termSec></langSec></conceptEntry></body></text></tbx>";
        let report = super::super::testing::run("g.tbx", text);
        assert!(!report.failed);
        let found: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.rule == "bad-status")
            .collect();
        assert_eq!(found.len(), 1);
        assert_eq!(spanned(text, found[0]), "best");
    }

    #[test]
    fn does_not_fire_on_a_variant_with_its_own_status() {
        let text = "id,en,en:status\nc1,Vladimir,preferred\nc1,Vladmir,forbidden\n\
                    c2,BRICS,preferred\nc2,Brics,forbidden\n";
        assert!(lint("g.csv", text, "bad-status").is_empty());
    }
}
