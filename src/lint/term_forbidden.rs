//! `term-forbidden`: a glossary term marked deprecated or forbidden is
//! used in the release.
//!
//! ## Why
//!
//! The glossary records known wrong spellings (`Vladmir Chizhov`, the
//! garbled Urdu `شیزو ولادمیر`) and forms to avoid as terms with status
//! `deprecated` or `forbidden`, so that they are caught before translation
//! copies them into every language.
//!
//! ## Fires
//!
//! On every recognized term (case forms included, through the term
//! recognizer) whose status is deprecated or forbidden:
//! `Senator Vladmir Chizhov` → use `Vladimir A. Chizhov`. The suggestion
//! and the fix (unsafe: a person should look) are the concept's preferred
//! term in the release's language.
//!
//! ## Does not fire
//!
//! On preferred or admitted terms (`Vladimir Chizhov`, `Senator Chizhov`).
//!
//! ## Default severity
//!
//! Error.

use super::{Context, Finding, Sink};
use crate::report::{Applicability, Fix, RuleInfo, Severity};

pub const RULE: RuleInfo = RuleInfo {
    id: "term-forbidden",
    default_severity: Severity::Error,
    summary: "a deprecated or forbidden glossary term is used",
    help: "use the concept's preferred term",
};

pub(crate) fn check(cx: &Context<'_>, sink: &mut Sink<'_>) {
    for m in &cx.matches {
        if !m.status.is_discouraged() {
            continue;
        }
        let used = cx.slice(&m.span);
        let term = cx.term_text(m.concept, m.term);
        let preferred = cx.preferred(m.concept);
        let named = if used == term {
            format!("`{used}`")
        } else {
            format!("`{used}` (the term `{term}`)")
        };
        let message = match preferred {
            Some(p) => format!("{named} is a {} term; use `{p}`", m.status),
            None => format!("{named} is a {} term", m.status),
        };
        sink.push(Finding {
            span: m.span.clone(),
            unit: cx.concept_id(m.concept),
            message,
            suggestion: preferred.map(str::to_owned),
            fix: preferred.map(|p| Fix {
                replacement: p.to_owned(),
                applicability: Applicability::Unsafe,
            }),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::lint;
    use crate::lang::Lang;

    #[test]
    fn fires_on_a_forbidden_spelling() {
        let found = lint(
            Lang::En,
            "Senator Vladmir Chizhov arrived.",
            "term-forbidden",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "Vladmir Chizhov");
        assert_eq!(found[0].1.as_deref(), Some("Vladimir A. Chizhov"));
        assert!(found[0].2.contains("forbidden"), "{}", found[0].2);
    }

    #[test]
    fn fires_on_a_garbled_urdu_name() {
        let found = lint(
            Lang::Ur,
            "سینیٹر شیزو ولادمیر نے ملاقات کی۔",
            "term-forbidden",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "شیزو ولادمیر");
        assert_eq!(found[0].1.as_deref(), Some("ولادیمیر چیژوف"));
    }

    #[test]
    fn does_not_fire_on_preferred_or_admitted_terms() {
        let text = "Senator Vladimir Chizhov met Senator Chizhov and Vladimir A. Chizhov.";
        assert!(lint(Lang::En, text, "term-forbidden").is_empty());
    }
}
