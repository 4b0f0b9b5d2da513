//! `duplicate-term`: the same term twice in a concept and language, or in
//! two concepts of the same language.
//!
//! ## What it does
//! Compares terms by their matching keys (Unicode NFC, case, whitespace,
//! dashes and quotes, invisible characters, and the letters a language
//! folds: Urdu ي/ی, Russian ё/е). Flags a term whose key is already the key
//! of an earlier term with the same status in the same concept and
//! language, or of a term of the same language in another concept. (Two
//! spellings with one key but different statuses in a concept, like
//! `BRICS` preferred and `Brics` admitted, are variants, not duplicates;
//! the very same text with two statuses is `bad-status`.)
//!
//! ## Why
//! Inside a concept, a duplicate is noise that drifts: someone edits one
//! copy and not the other. Across concepts it is worse: recognition finds
//! the term in a release and cannot tell which concept, and so which
//! translation, is meant.
//!
//! ## Fires
//! ```csv
//! id,en,ru
//! c1,Senate,Сенат
//! c2,senate,Сенат США
//! ```
//!
//! ## Does not fire
//! ```csv
//! id,en,ru
//! c1,Senate,Сенат
//! c2,Senate of Pakistan,Сенат Пакистана
//! ```
//!
//! ## Default severity
//! error. No fix: merge the concepts, or make the terms say what differs.

use super::{Context, Finding, Sink};
use crate::report::{RuleInfo, Severity};

pub const RULE: RuleInfo = RuleInfo {
    id: "duplicate-term",
    default_severity: Severity::Error,
    summary: "the same term twice in a concept and language, or in two concepts of one language",
    help: "remove the copy, or merge the concepts if they are one",
};

pub(super) fn check(cx: &Context<'_>, sink: &mut Sink<'_>) {
    let concepts = &cx.glossary.concepts;
    let term = |(ci, ti): (usize, usize)| {
        concepts
            .get(ci)
            .and_then(|c| c.terms.get(ti).map(|t| (c, t)))
    };
    for group in &cx.same_key {
        for (k, &at) in group.iter().enumerate().skip(1) {
            let Some((concept, this)) = term(at) else {
                continue;
            };
            let earlier = group.get(..k).unwrap_or_default();
            let same_concept = earlier.iter().filter(|(ci, _)| *ci == at.0);
            let twin = same_concept
                .clone()
                .find(|&&e| term(e).is_some_and(|(_, t)| t.status == this.status));
            let message = if let Some(&e) = twin {
                let line = term(e).map_or(0, |(_, t)| t.line);
                format!(
                    "the `{}` term `{}` is in concept `{}` twice (also line {line})",
                    this.lang, this.text, concept.id
                )
            } else if same_concept.clone().next().is_some() {
                continue; // a variant with its own status, or bad-status
            } else if let Some((other, first)) = earlier.first().and_then(|&e| term(e)) {
                format!(
                    "the `{}` term `{}` is also a term of concept `{}` (line {}): \
                     recognition cannot tell the concepts apart",
                    this.lang, this.text, other.id, first.line
                )
            } else {
                continue;
            };
            sink.push(Finding {
                span: cx.term_span(this),
                unit: Some(concept.id.clone()),
                message,
                ..Finding::default()
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{lint, spanned};

    #[test]
    fn fires_within_and_across_concepts() {
        let text =
            "id,en,ru\nc1,Senate,Сенат\nc2,senate,Сенат США\nc3,Chizhov,Чижов\nc3,Chizhov,\n";
        let found = lint("g.csv", text, "duplicate-term");
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(spanned(text, &found[0]), "senate");
        assert_eq!(
            found[0].message,
            "the `en` term `senate` is also a term of concept `c1` (line 2): \
             recognition cannot tell the concepts apart"
        );
        assert_eq!(
            found[1].message,
            "the `en` term `Chizhov` is in concept `c3` twice (also line 4)"
        );
    }

    #[test]
    fn urdu_arabic_yeh_is_the_same_term() {
        let text = "id,ur\nc1,ولادیمیر\nc2,ولاديمير\n";
        assert_eq!(lint("g.csv", text, "duplicate-term").len(), 1);
    }

    #[test]
    fn does_not_fire_on_different_terms_or_languages() {
        let text = "id,en,ru\nc1,Senate,Сенат\nc2,Senate of Pakistan,Сенат Пакистана\n";
        assert!(lint("g.csv", text, "duplicate-term").is_empty());
        // Same spelling in two languages is no duplicate.
        let text = "id,en,ru\nc1,OK,OK\n";
        assert!(lint("g.csv", text, "duplicate-term").is_empty());
    }
}
