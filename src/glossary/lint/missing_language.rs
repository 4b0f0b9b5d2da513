//! `missing-language`: a concept without a term in a language the project
//! uses.
//!
//! ## What it does
//! The project's languages are `source` and `targets` in `tarjuman.toml`
//! (`en`, `ur` and `ru` without one). Flags each concept that has no term,
//! of any status, in one or more of them.
//!
//! ## Why
//! A concept without an Urdu term gives Urdu translators nothing when the
//! English term turns up, and QA cannot check the translation: the gap
//! shows up only in a published release.
//!
//! ## Fires
//! ```csv
//! id,en,ur,ru
//! c1,Senate,,Сенат
//! ```
//!
//! ## Does not fire
//! ```csv
//! id,en,ur,ru
//! c1,Senate,سینیٹ,Сенат
//! ```
//!
//! ## Default severity
//! warning. No fix: add the term (or turn the rule off for glossaries
//! that are deliberately partial).

use super::{Context, Finding, Sink};
use crate::report::{RuleInfo, Severity};

pub const RULE: RuleInfo = RuleInfo {
    id: "missing-language",
    default_severity: Severity::Warning,
    summary: "a concept without a term in one of the project's languages",
    help: "add the concept's term in that language",
};

pub(super) fn check(cx: &Context<'_>, sink: &mut Sink<'_>) {
    for concept in &cx.glossary.concepts {
        let missing: Vec<_> = cx
            .languages
            .iter()
            .filter(|lang| concept.terms_in(lang.code()).next().is_none())
            .collect();
        if missing.is_empty() {
            continue;
        }
        let names: Vec<String> = missing
            .iter()
            .map(|l| format!("{} ({})", l.name(), l.code()))
            .collect();
        sink.push(Finding {
            span: cx.line_span(concept.line),
            unit: Some(concept.id.clone()),
            message: format!(
                "concept `{}` has no {} term",
                concept.id,
                names.join(" or ")
            ),
            ..Finding::default()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::lint;

    #[test]
    fn fires_on_a_concept_without_urdu() {
        let found = lint(
            "g.csv",
            "id,en,ur,ru\nc1,Senate,,Сенат\n",
            "missing-language",
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "concept `c1` has no Urdu (ur) term");
        assert_eq!(found[0].span, 12..13);
    }

    #[test]
    fn does_not_fire_on_a_complete_concept() {
        let text = "id,en,ur,ru\nc1,Senate,سینیٹ,Сенат\n";
        assert!(lint("g.csv", text, "missing-language").is_empty());
    }
}
