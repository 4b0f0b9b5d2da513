//! `conflicting-translation`: one preferred source term in two concepts
//! with different preferred translations.
//!
//! ## What it does
//! Groups concepts by the matching key of their preferred term in the
//! project's source language (`source` in `tarjuman.toml`, default `en`).
//! When two concepts share it, compares their preferred terms (or first
//! admitted ones) in every other language, and flags a translation that
//! differs from the first concept's.
//!
//! ## Why
//! A translator or recognition that meets the source term cannot know which
//! translation to use, so releases end up with both. Either the concepts
//! are one concept (merge them), or the source term is ambiguous and needs
//! a qualifier (`Senate (Pakistan)`, `Senate (US)`).
//!
//! ## Fires
//! ```csv
//! id,en,ru
//! c1,Defence Committee,Комитет по обороне
//! c2,Defence Committee,Комитет по обороне и безопасности
//! ```
//!
//! ## Does not fire
//! ```csv
//! id,en,ru
//! c1,Defence Committee,Комитет по обороне
//! c2,Defence and Security Committee,Комитет по обороне и безопасности
//! ```
//!
//! ## Default severity
//! warning. No fix: merge the concepts or qualify the source terms. (The
//! shared source term is also a `duplicate-term`.)

use rustc_hash::FxHashMap;

use super::{Context, Finding, Sink, term_key};
use crate::glossary::Status;
use crate::report::{RuleInfo, Severity};

pub const RULE: RuleInfo = RuleInfo {
    id: "conflicting-translation",
    default_severity: Severity::Warning,
    summary: "one preferred source term in two concepts with different preferred translations",
    help: "merge the concepts, or qualify the source terms so they differ",
};

pub(super) fn check(cx: &Context<'_>, sink: &mut Sink<'_>) {
    let Some((source, targets)) = cx.languages.split_first() else {
        return;
    };
    let source = source.code();
    // Concepts by the key of their preferred source term, in file order.
    let mut groups: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    let mut order = Vec::new();
    for (ci, concept) in cx.glossary.concepts.iter().enumerate() {
        let preferred = concept.terms.iter().enumerate().find(|(_, t)| {
            t.status == Status::Preferred && crate::glossary::same_language(&t.lang, source)
        });
        if let Some((ti, _)) = preferred {
            let key = cx.key(ci, ti);
            if !key.is_empty() {
                let group = groups.entry(key).or_default();
                if group.is_empty() {
                    order.push(key);
                }
                group.push(ci);
            }
        }
    }
    for key in order {
        let Some(group) = groups.get(key).filter(|g| g.len() > 1) else {
            continue;
        };
        let concepts: Vec<_> = group
            .iter()
            .filter_map(|&ci| cx.glossary.concepts.get(ci))
            .collect();
        let Some((first, rest)) = concepts.split_first() else {
            continue;
        };
        for lang in targets.iter().map(|l| l.code()) {
            let Some(theirs) = first.preferred(lang) else {
                continue;
            };
            let their_key = term_key(theirs);
            for concept in rest {
                let Some(ours) = concept.preferred(lang) else {
                    continue;
                };
                if term_key(ours) == their_key {
                    continue;
                }
                let source_text = concept
                    .terms_in(source)
                    .find(|t| t.status == Status::Preferred)
                    .map_or("", |t| t.text.as_str());
                sink.push(Finding {
                    span: cx.term_span(ours),
                    unit: Some(concept.id.clone()),
                    message: format!(
                        "`{source_text}` is translated `{}` here but `{}` in concept `{}` (line {})",
                        ours.text, theirs.text, first.id, theirs.line
                    ),
                    suggestion: Some(theirs.text.clone()),
                    ..Finding::default()
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{lint, spanned};

    #[test]
    fn fires_on_two_translations_of_one_source_term() {
        let text = "id,en,ru\nc1,Defence Committee,Комитет по обороне\n\
                    c2,Defence Committee,Комитет по обороне и безопасности\n";
        let found = lint("g.csv", text, "conflicting-translation");
        assert_eq!(found.len(), 1);
        assert_eq!(
            spanned(text, &found[0]),
            "Комитет по обороне и безопасности"
        );
        assert_eq!(
            found[0].message,
            "`Defence Committee` is translated `Комитет по обороне и безопасности` here \
             but `Комитет по обороне` in concept `c1` (line 2)"
        );
    }

    #[test]
    fn does_not_fire_on_distinct_source_terms_or_equal_translations() {
        let text = "id,en,ru\nc1,Defence Committee,Комитет по обороне\n\
                    c2,Defence and Security Committee,Комитет по обороне и безопасности\n\
                    c3,defence committee,Комитет по Обороне\n";
        assert!(lint("g.csv", text, "conflicting-translation").is_empty());
    }
}
