//! `name-inconsistent`: one person's name spelt two ways in one release.
//!
//! ## Why
//!
//! Both `Mushahid Hussain Sayed` and `Mushahid Hussain Syed` are correct,
//! and both are in the glossary; a release should still use one. Readers
//! (and translators) take two spellings for two people.
//!
//! ## Fires
//!
//! On the second spelling of a person (a concept of kind `person`) when a
//! word of it is a slight respelling of a word of an earlier one (two words
//! of four letters or more, one edit apart, two for nine or more, neither a
//! prefix of the other): `Senator Syed` after `Mushahid Hussain Sayed`. The
//! message points at the first. A misspelt whole name (two words or more)
//! followed by the right term counts too (the misspelling itself is
//! `term-misspelled`). Spellings are compared as the glossary writes the
//! terms, so Russian case forms are one spelling.
//!
//! ## Does not fire
//!
//! On short and long forms of one spelling (`Mushahid Hussain` and
//! `Mushahid Hussain Sayed`, `Senator Chizhov` and `Vladimir A. Chizhov`),
//! on forbidden or deprecated terms (they are `term-forbidden`), and on a
//! misspelling after the right term (`term-misspelled` reports it), and on
//! a misspelt single word (`Владмир` before `Чижов`: part of a name).
//!
//! ## Default severity
//!
//! Warning.

use std::ops::Range;

use super::names::{respelled, word_keys};
use super::{Context, Finding, Sink};
use crate::glossary::Kind;
use crate::report::{RuleInfo, Severity};

pub const RULE: RuleInfo = RuleInfo {
    id: "name-inconsistent",
    default_severity: Severity::Warning,
    summary: "one person's name spelt two ways in one release",
    help: "use one spelling of the name throughout the release",
};

/// One mention of a person.
struct Mention {
    span: Range<usize>,
    concept: usize,
    words: Vec<String>,
    misspelt: bool,
}

pub(crate) fn check(cx: &Context<'_>, sink: &mut Sink<'_>) {
    let is_person = |concept: usize| {
        cx.glossary
            .concepts
            .get(concept)
            .is_some_and(|c| c.kind == Some(Kind::Person))
    };
    let mut mentions: Vec<Mention> = cx
        .matches
        .iter()
        .filter(|m| !m.status.is_discouraged() && is_person(m.concept))
        .map(|m| Mention {
            span: m.span.clone(),
            concept: m.concept,
            words: word_keys(cx.term_text(m.concept, m.term), cx.lang),
            misspelt: false,
        })
        .chain(
            cx.misspellings
                .iter()
                .filter(|m| is_person(m.concept) && cx.slice(&m.span).contains(char::is_whitespace))
                .map(|m| Mention {
                    span: m.span.clone(),
                    concept: m.concept,
                    words: word_keys(cx.slice(&m.span), cx.lang),
                    misspelt: true,
                }),
        )
        .collect();
    mentions.sort_by_key(|m| m.span.start);
    for (i, later) in mentions.iter().enumerate() {
        if later.misspelt {
            continue;
        }
        let first = mentions.iter().take(i).find(|earlier| {
            earlier.concept == later.concept && respelled(&earlier.words, &later.words)
        });
        if let Some(first) = first {
            let (line, _) = line_of(cx.text, first.span.start);
            sink.push(Finding {
                span: later.span.clone(),
                unit: cx.concept_id(later.concept),
                message: format!(
                    "`{}` is spelt `{}` on line {line}; use one spelling",
                    cx.slice(&later.span),
                    cx.slice(&first.span)
                ),
                suggestion: Some(cx.slice(&first.span).to_owned()),
                fix: None,
            });
        }
    }
}

/// 1-based line and column (in characters) of byte `offset`.
fn line_of(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or_default();
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::super::testing::lint;
    use crate::lang::Lang;

    #[test]
    fn fires_on_two_glossary_spellings() {
        let text = "Mushahid Hussain Sayed spoke.\n\nLater Senator Syed left.";
        let found = lint(Lang::En, text, "name-inconsistent");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "Senator Syed");
        assert!(
            found[0].2.contains("`Mushahid Hussain Sayed` on line 1"),
            "{}",
            found[0].2
        );
    }

    #[test]
    fn fires_on_the_term_after_a_misspelling() {
        let text = "Mushahid Husain spoke. Then Mushahid Hussain left.";
        let found = lint(Lang::En, text, "name-inconsistent");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "Mushahid Hussain");
    }

    #[test]
    fn does_not_fire_on_short_and_long_forms() {
        let text = "Senator Mushahid Hussain met Vladimir A. Chizhov. Mushahid Hussain Sayed \
                    thanked Senator Chizhov. Senator Sayed agreed.";
        assert!(lint(Lang::En, text, "name-inconsistent").is_empty());
    }
}
