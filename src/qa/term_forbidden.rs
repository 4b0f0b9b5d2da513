//! `term-forbidden`: a forbidden or deprecated glossary term in the target.
//!
//! ## What it does
//! Recognizes the glossary's terms in the target (Russian in any case form,
//! Urdu with Arabic ي ك folded into ی ک) and reports each one whose status
//! is deprecated or forbidden (TBX `deprecatedTerm-admn-sts` and
//! `supersededTerm-admn-sts`): known misspellings and garbled renderings
//! of names, and wordings the glossary has retired.
//!
//! ## Why
//! The glossary records the wrong spellings that have already been printed
//! (the garbled Urdu `شیزو ولادمیر` for Vladimir Chizhov, `ولادیمیر وچ پیوٹن`
//! for Putin) so that they are not copied again. A translator who finds one
//! in an old release or a news wire reuses it in good faith.
//!
//! ## Fires
//! ```text
//! en: Senator Vladimir A. Chizhov thanked the hosts.
//! ur: سینیٹر شیزو ولادمیر نے میزبانوں کا شکریہ ادا کیا۔     "شیزو ولادمیر": write ولادیمیر چیژوف
//! ```
//!
//! ## Does not fire
//! ```text
//! ur: سینیٹر ولادیمیر چیژوف نے میزبانوں کا شکریہ ادا کیا۔   (the preferred term)
//! ur: سینیٹر چیزوف نے …                                     (an admitted variant)
//! ru: сенатор Чижов поблагодарил …                           (a listed case form)
//! ```
//! A discouraged term of the source language in the source is `lint`'s
//! business, not this rule's.
//!
//! ## Default severity
//! error. The suggestion is the concept's preferred term in the target
//! language. The fix (unsafe: a person should look) writes it in place of
//! the discouraged term, except in Russian, where the preferred term is in
//! the nominative and the sentence may need another case.

use super::{Finding, PairContext, Side, Sink};
use crate::lang::Lang;
use crate::report::{Applicability, Fix, RuleInfo, Severity};

pub const RULE: RuleInfo = RuleInfo {
    id: "term-forbidden",
    default_severity: Severity::Error,
    summary: "a forbidden or deprecated glossary term in the target",
    help: "write the preferred term instead",
};

pub(super) fn check(cx: &PairContext<'_>, sink: &mut Sink<'_>) {
    let Some(lang) = cx.target_lang else {
        return;
    };
    for m in cx.target_terms() {
        if !m.status.is_discouraged() {
            continue;
        }
        let written = cx.target.get(m.span.clone()).unwrap_or_default();
        let term = cx.term_text(m.concept, m.term);
        let named = if written == term {
            format!("\"{written}\"")
        } else {
            format!("\"{written}\" (\"{term}\")")
        };
        let preferred = cx.preferred(m.concept, lang);
        let message = match preferred {
            Some(p) => format!(
                "{named} is a {} {} term; the glossary has \"{p}\"",
                m.status,
                lang.name()
            ),
            None => format!("{named} is a {} {} term", m.status, lang.name()),
        };
        let fix = preferred.filter(|_| lang != Lang::Ru).map(|p| Fix {
            replacement: p.to_owned(),
            applicability: Applicability::Unsafe,
        });
        sink.push(Finding {
            side: Side::Target,
            span: m.span.clone(),
            message,
            suggestion: preferred.map(str::to_owned),
            fix,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::findings;
    use super::super::testing::run_with;
    use super::super::testing::{check, glossary, pair, run, underlined};
    use super::RULE;
    use crate::glossary::{Glossary, Matching, Status, Term};
    use crate::report::{Applicability, Diagnostic};

    #[test]
    fn fires_on_a_garbled_urdu_name() {
        let found = check(
            RULE.id,
            "ur",
            "Senator Vladimir A. Chizhov thanked the hosts.",
            "سینیٹر شیزو ولادمیر نے میزبانوں کا شکریہ ادا کیا۔",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(underlined(&found[0]), "شیزو ولادمیر");
        assert_eq!(found[0].suggestion.as_deref(), Some("ولادیمیر چیژوف"));
        assert_eq!(
            found[0].message,
            "\"شیزو ولادمیر\" is a forbidden Urdu term; the glossary has \"ولادیمیر چیژوف\""
        );
        let found = findings(
            super::check,
            "en",
            "Senator Vladimir A. Chizhov thanked the hosts.",
            "ur",
            "سینیٹر شیزو ولادمیر نے میزبانوں کا شکریہ ادا کیا۔",
        );
        let fix = found[0].fix.as_ref().unwrap();
        assert_eq!(fix.replacement, "ولادیمیر چیژوف");
        assert_eq!(fix.applicability, Applicability::Unsafe);
    }

    #[test]
    fn fires_on_a_forbidden_urdu_name_with_arabic_letters() {
        // ي U+064A for ی.
        let found = check(
            RULE.id,
            "ur",
            "President Vladimir Putin spoke.",
            "ولاديمير وچ پيوٹن نے خطاب کیا۔",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(underlined(&found[0]), "ولاديمير وچ پيوٹن");
        assert_eq!(found[0].suggestion.as_deref(), Some("ولادیمیر پیوٹن"));
    }

    /// The shipped glossary has no discouraged Russian term: one is added.
    fn with_deprecated_russian_term() -> Glossary {
        let mut glossary = glossary().clone();
        let council = glossary
            .concepts
            .iter_mut()
            .find(|c| c.terms.iter().any(|t| t.text == "Federation Council"))
            .unwrap();
        council.terms.push(Term {
            lang: "ru".into(),
            text: "Совет Федераций".into(),
            status: Status::Deprecated,
            part_of_speech: None,
            matching: Matching::Default,
            note: None,
            line: 0,
            column: 0,
        });
        glossary
    }

    fn check_with(glossary: &Glossary, source: &str, target: &str) -> Vec<Diagnostic> {
        run_with(glossary, RULE.id, &[pair("en", source, "ru", target)])
    }

    #[test]
    fn fires_on_a_deprecated_russian_term_in_any_case_without_a_fix() {
        let glossary = with_deprecated_russian_term();
        let found = check_with(
            &glossary,
            "Chizhov spoke at the Federation Council.",
            "Чижов выступил в Совете Федераций.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(underlined(&found[0]), "Совете Федераций");
        assert_eq!(
            found[0].suggestion.as_deref(),
            Some("Совет Федерации Федерального Собрания Российской Федерации")
        );
        assert!(found[0].fix.is_none(), "the case is the translator's call");
        assert_eq!(
            found[0].message,
            "\"Совете Федераций\" (\"Совет Федераций\") is a deprecated Russian term; \
             the glossary has \"Совет Федерации Федерального Собрания Российской Федерации\""
        );
    }

    #[test]
    fn does_not_fire_on_preferred_admitted_or_listed_forms() {
        let cases = [
            ("ur", "سینیٹر ولادیمیر چیژوف نے میزبانوں کا شکریہ ادا کیا۔"),
            ("ur", "سینیٹر چیزوف نے میزبانوں کا شکریہ ادا کیا۔"),
            ("ur", "سینیٹر چِژوف نے میزبانوں کا شکریہ ادا کیا۔"),
            ("ru", "Сенатор Чижов поблагодарил хозяев."),
            ("ru", "Хозяев поблагодарил Владимир Чижов."),
        ];
        for (lang, target) in cases {
            let found = check(
                RULE.id,
                lang,
                "Senator Vladimir A. Chizhov thanked the hosts.",
                target,
            );
            assert!(found.is_empty(), "{target}: {found:?}");
        }
        let glossary = with_deprecated_russian_term();
        let found = check_with(
            &glossary,
            "Chizhov spoke at the Federation Council.",
            "Чижов выступил в Совете Федерации, у Шанхайской организации сотрудничества и с Чижовым.",
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn does_not_fire_on_a_forbidden_term_in_the_source() {
        // Vladmir Chizhov is a forbidden English spelling: lint's finding.
        let found = run(
            RULE.id,
            &[pair(
                "en",
                "Senator Vladmir Chizhov spoke.",
                "ru",
                "Выступил сенатор Чижов.",
            )],
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
