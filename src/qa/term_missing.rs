//! `term-missing`: a glossary term in the source without any of its target-language terms in the target.
//!
//! ## What it does
//! Recognizes the glossary's terms in the source and in the target (Russian
//! in any case form, by stem or by the forms the glossary lists, but never
//! a common word such as `после` (after) for a form of `посол`; Urdu with
//! Arabic ي ك folded into ی ک; acronyms by their capitals; an English
//! one-word term written with a capital, such as the title `Chair`, only
//! capitalized, so that `will chair the Council` has no title) and
//! reports each concept of the source that the target does not render at
//! all: none of the concept's target-language terms, preferred or
//! admitted, is there.
//! The finding points at the concept's first term in the source.
//!
//! A concept counts as rendered when:
//! - any of its target-language terms is in the target, also inside a
//!   longer term (`посол` and `России` in the form `посол России в
//!   Пакистане`), and also a deprecated or forbidden one (that is
//!   `term-forbidden`'s finding);
//! - a term is there in a form the recognizer does not know: an Urdu
//!   plural or oblique ending (`سینیٹرز`, `روسی سفارت خانے` for `روسی سفارت
//!   خانہ`), a Russian word with the stem of a one-word form (`президенты`
//!   for `президент`), or the words of a longer term in another order and
//!   case, one of four or more left out (`комитета Сената по обороне` for
//!   `комитет по обороне Сената Пакистана`);
//! - a place is there as an adjective (`российско-пакистанское`, `روسی`,
//!   `پاکستانی`);
//! - a title right before a person's name in the source is dropped and the
//!   name is there (`Senator Vladimir A. Chizhov's visit`: `Визит
//!   В. А. Чижова`);
//! - for a person, the surname stands alone (`خوریف` for Albert P. Khorev),
//!   or a Russian case form the glossary does not list has a listed form's
//!   stem (`Хоревы`);
//! - for a person, the target has a near miss of a listed spelling: that is
//!   `name-mismatch`'s finding, not this one.
//!
//! Counting is per concept, not per mention: a source that names a person
//! twice and a target that names them once and then says "he" is fine.
//! Concepts without a term in the target language are not checked.
//!
//! ## Why
//! The glossary is what the translation of names, titles and institutions
//! is checked against. A term the translation drops or renders freely
//! (`Federation Council` as `российский парламент`) is what readers and the
//! institutions named notice first.
//!
//! ## Fires
//! ```text
//! en: Chizhov spoke at the Federation Council.
//! ru: Чижов выступил в парламенте.                 "Federation Council": no Russian translation
//! ur: چیژوف نے پارلیمنٹ سے خطاب کیا۔              "Federation Council": no Urdu translation
//!
//! en: After the meeting, the Ambassador spoke.
//! ru: После встречи он выступил.                   "Ambassador": no Russian translation
//! ```
//!
//! ## Does not fire
//! ```text
//! ru: Чижов выступил в Совете Федерации.           (a case form)
//! ru: Шанхайской организации сотрудничества ...   (SCO in the source, the full name in the target)
//! ur: چيژوف نے فيڈريشن کونسل سے خطاب کيا۔           (Arabic ي for ی: urdu-codepoint's finding)
//! ru: Хорьевым ...                                  (a near miss of Хоревым: name-mismatch)
//!
//! en: Pakistan will chair the Council.             ("chair" is a verb here, not the title Chair)
//! ru: Пакистан будет председательствовать в Совете.
//! ```
//!
//! ## Default severity
//! error. The suggestion is the concept's preferred term in the target
//! language (in Russian, in whatever case the sentence needs); no fix,
//! since where the term goes is the translator's call.

use super::name_mismatch::absent;
use super::{Finding, PairContext, Side, Sink};
use crate::lang::Lang;
use crate::report::{RuleInfo, Severity};

pub const RULE: RuleInfo = RuleInfo {
    id: "term-missing",
    default_severity: Severity::Error,
    summary: "a glossary term in the source without any of its target-language terms in the target",
    help: "translate the term as the glossary says",
};

pub(super) fn check(cx: &PairContext<'_>, sink: &mut Sink<'_>) {
    let Some(lang) = cx.target_lang else {
        return;
    };
    for absent in absent(cx) {
        if absent.near_miss.is_some() {
            continue;
        }
        let m = absent.source;
        let written = cx.source.get(m.span.clone()).unwrap_or_default();
        let suggestion = cx.preferred(m.concept, lang).map(|term| {
            if lang == Lang::Ru && term.chars().any(char::is_lowercase) {
                format!("{term} (any case form)")
            } else {
                term.to_owned()
            }
        });
        sink.push(Finding {
            side: Side::Source,
            span: m.span.clone(),
            message: format!(
                "\"{written}\" has no {} translation in the target",
                lang.name()
            ),
            suggestion,
            fix: None,
        });
    }
}

#[cfg(test)]
mod tests {

    use super::super::testing::run_with;
    use super::super::testing::{check, glossary, underlined};
    use super::RULE;

    fn found(lang: &str, source: &str, target: &str) -> Vec<(String, Option<String>)> {
        check(RULE.id, lang, source, target)
            .iter()
            .map(|d| (underlined(d).to_owned(), d.suggestion.clone()))
            .collect()
    }

    #[test]
    fn fires_when_russian_leaves_out_the_federation_council() {
        let found = check(
            RULE.id,
            "ru",
            "Senator Chizhov spoke at the Federation Council.",
            "Сенатор Чижов выступил в парламенте.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(underlined(&found[0]), "Federation Council");
        assert_eq!(
            found[0].message,
            "\"Federation Council\" has no Russian translation in the target"
        );
        assert_eq!(
            found[0].suggestion.as_deref(),
            Some("Совет Федерации Федерального Собрания Российской Федерации (any case form)")
        );
    }

    #[test]
    fn fires_when_urdu_leaves_out_a_term() {
        assert_eq!(
            found(
                "ur",
                "Senator Chizhov spoke at the Federation Council.",
                "سینیٹر چیزوف نے پارلیمنٹ سے خطاب کیا۔",
            ),
            [(
                "Federation Council".to_owned(),
                Some("فیڈریشن کونسل".to_owned())
            )]
        );
    }

    #[test]
    fn fires_once_per_concept_at_its_first_mention() {
        let found = found(
            "ru",
            "The SCO summit: the SCO and Pakistan.",
            "Саммит: организация и Пакистан.",
        );
        assert_eq!(
            found,
            [(
                "SCO".to_owned(),
                Some("Шанхайская организация сотрудничества (any case form)".to_owned())
            )]
        );
    }

    #[test]
    fn fires_when_a_person_is_left_out() {
        let found = found(
            "ur",
            "Mr. Igor Borisov and Senator Chizhov arrived.",
            "سینیٹر چیزوف پہنچ گئے۔",
        );
        assert_eq!(
            found,
            [(
                "Mr. Igor Borisov".to_owned(),
                Some("ایگور بوریسوف".to_owned())
            )]
        );
    }

    #[test]
    fn does_not_fire_on_russian_case_forms() {
        let cases = [
            ("Vladimir A. Chizhov arrived.", "Прибыл Чижов."),
            ("Vladimir A. Chizhov was thanked.", "Поблагодарили Чижова."),
            (
                "Vladimir A. Chizhov was given the floor.",
                "Слово дали Чижову.",
            ),
            ("They met Vladimir A. Chizhov.", "Встретились с Чижовым."),
            (
                "The Shanghai Cooperation Organisation summit.",
                "Саммит Шанхайской организации сотрудничества.",
            ),
            (
                "The SCO summit.",
                "Саммит Шанхайской организации сотрудничества.",
            ),
            ("The SCO summit.", "Саммит ШОС."),
            (
                "At the Federation Council.",
                "В Совете Федерации Федерального Собрания Российской Федерации.",
            ),
            ("Senators met.", "Встретились сенаторы."),
            (
                "He met the Russian Ambassador to Pakistan.",
                "Он встретился с послом России в Пакистане.",
            ),
        ];
        for (source, target) in cases {
            assert_eq!(found("ru", source, target), [], "{target}");
        }
    }

    #[test]
    fn does_not_fire_on_terms_inside_longer_terms() {
        // "сенатора Российской Федерации" is a form of Senator that holds
        // the Russian Federation.
        assert_eq!(
            found(
                "ru",
                "Senator Vladimir A. Chizhov of the Russian Federation arrived.",
                "Прибыл сенатор Российской Федерации Владимир Чижов.",
            ),
            []
        );
    }

    #[test]
    fn does_not_fire_on_urdu_with_arabic_letters() {
        // ي U+064A and ك U+0643 for ی and ک; ه U+0647 for ہ.
        assert_eq!(
            found(
                "ur",
                "Senator Chizhov spoke at the Federation Council in Gaza.",
                "سينيٹر چيزوف نے غزه ميں فيڈريشن كونسل سے خطاب كيا۔",
            ),
            []
        );
    }

    #[test]
    fn does_not_fire_on_a_forbidden_or_misspelled_rendering() {
        // term-forbidden and name-mismatch report these.
        assert_eq!(
            found(
                "ur",
                "Vladimir A. Chizhov spoke.",
                "شیزو ولادمیر نے خطاب کیا۔"
            ),
            []
        );
        assert_eq!(
            found("ru", "Albert P. Khorev spoke.", "Выступил посол Хорьев."),
            []
        );
    }

    #[test]
    fn does_not_fire_on_a_term_inside_a_longer_one_at_its_start() {
        // "Посол Хорев" is a form of Khorev that holds Ambassador.
        assert_eq!(
            found(
                "ru",
                "Ambassador Khorev and Albert P. Khorev.",
                "Посол Хорев добавил.",
            ),
            []
        );
    }

    #[test]
    fn does_not_fire_on_urdu_plural_and_oblique_forms() {
        let cases = [
            ("Both Senators agreed.", "دونوں سینیٹرز نے اتفاق کیا۔"),
            (
                "International observers watched the vote.",
                "بین الاقوامی مبصرین نے ووٹنگ کا مشاہدہ کیا۔",
            ),
            (
                "Officials of the Russian Embassy came.",
                "روسی سفارت خانے کے حکام آئے۔",
            ),
        ];
        for (source, target) in cases {
            assert_eq!(found("ur", source, target), [], "{target}");
        }
    }

    #[test]
    fn does_not_fire_on_places_as_adjectives() {
        assert_eq!(
            found(
                "ru",
                "Russia–Pakistan relations were discussed.",
                "Обсуждались российско-пакистанские отношения.",
            ),
            []
        );
        assert_eq!(
            found(
                "ur",
                "A delegation from Russia met officials from Pakistan.",
                "روسی وفد نے پاکستانی حکام سے ملاقات کی۔",
            ),
            []
        );
    }

    #[test]
    fn does_not_fire_on_a_title_dropped_before_a_name() {
        assert_eq!(
            found(
                "ru",
                "Senator Vladimir A. Chizhov’s visit lasted 4 days.",
                "Визит В. А. Чижова продлился 4 дня.",
            ),
            []
        );
        // Not when the name is missing too, and not for a title after it.
        assert_eq!(
            found("ru", "Senator Vladimir A. Chizhov’s visit.", "Визит."),
            [
                (
                    "Senator".to_owned(),
                    Some("сенатор (any case form)".to_owned())
                ),
                (
                    "Vladimir A. Chizhov’s".to_owned(),
                    Some("Чижов Владимир Алексеевич (any case form)".to_owned())
                )
            ]
        );
        assert_eq!(
            found(
                "ru",
                "Mushahid Hussain Sayed, Chairman of the committee, spoke.",
                "Выступил Мушахид Хусейн Сайед.",
            ),
            [(
                "Chairman".to_owned(),
                Some("председатель (any case form)".to_owned())
            )]
        );
    }

    #[test]
    fn does_not_fire_on_a_long_term_reordered_with_a_word_left_out() {
        assert_eq!(
            found(
                "ru",
                "He met the Senate Defence Committee.",
                "Он встретился с членами комитета Сената по обороне.",
            ),
            []
        );
        // A two-word term needs both words.
        assert_eq!(
            found(
                "ru",
                "He spoke at the Federation Council.",
                "Он выступил в Совете.",
            )
            .len(),
            1
        );
    }

    #[test]
    fn does_not_fire_on_a_second_mention_by_pronoun() {
        assert_eq!(
            found(
                "ru",
                "Senator Chizhov arrived. Senator Chizhov thanked the hosts.",
                "Прибыл сенатор Чижов. Он поблагодарил хозяев.",
            ),
            []
        );
    }

    #[test]
    fn fires_when_only_the_preposition_after_is_there_for_the_ambassador() {
        // после (after) shares its stem with посла, but is not a form of посол.
        for target in [
            "После встречи Хорев сообщил журналистам о переговорах.",
            "После встречи он сообщил журналистам о переговорах.",
        ] {
            assert_eq!(
                found(
                    "ru",
                    "After the meeting, the Ambassador told reporters about the talks.",
                    target,
                ),
                [(
                    "Ambassador".to_owned(),
                    Some("посол (any case form)".to_owned())
                )],
                "{target}"
            );
        }
        assert_eq!(
            found(
                "ru",
                "After the meeting, the Ambassador told reporters about the talks.",
                "После встречи посол сообщил журналистам о переговорах.",
            ),
            []
        );
    }

    #[test]
    fn fires_on_a_capitalized_title_but_not_on_the_same_word_in_lower_case() {
        // "chair" the verb is not the title Chair.
        let source = "Pakistan will chair the meeting of the committee.";
        assert_eq!(
            found(
                "ru",
                source,
                "Пакистан будет председательствовать на заседании комитета."
            ),
            []
        );
        assert_eq!(
            found("ur", source, "پاکستان کمیٹی کے اجلاس کی صدارت کرے گا۔"),
            []
        );
        assert_eq!(
            found(
                "ru",
                "A speaker at the forum praised Pakistan.",
                "Выступающий на форуме похвалил Пакистан."
            ),
            []
        );
        // The title, also at the start of a sentence.
        assert_eq!(
            found(
                "ru",
                "The Chair thanked Pakistan.",
                "Пакистан поблагодарили."
            ),
            [(
                "Chair".to_owned(),
                Some("председатель (any case form)".to_owned())
            )]
        );
        assert_eq!(
            found(
                "ur",
                "The Speaker thanked Pakistan.",
                "پاکستان کا شکریہ ادا کیا گیا۔"
            ),
            [("Speaker".to_owned(), Some("اسپیکر".to_owned()))]
        );
    }

    #[test]
    fn does_not_fire_on_russian_plurals_and_unlisted_case_forms() {
        let cases = [
            (
                "Russian Senator Vladimir A. Chizhov was among the 25 foreign observers.",
                "Российский сенатор Владимир Чижов был в числе 25 иностранных наблюдателей.",
            ),
            (
                "International observers praised the elections.",
                "Международные наблюдатели высоко оценили выборы.",
            ),
            // Not listed: a one-word form's stem (президент) is enough.
            (
                "The Presidents made statements.",
                "Президенты выступили с заявлениями.",
            ),
        ];
        for (source, target) in cases {
            assert_eq!(found("ru", source, target), [], "{target}");
        }
    }

    #[test]
    fn does_not_fire_on_the_duma_without_state() {
        assert_eq!(
            found(
                "ur",
                "The Speaker said that the Duma was ready to help.",
                "اسپیکر نے کہا کہ ڈوما مدد کے لیے تیار ہے۔",
            ),
            []
        );
    }

    /// The shipped translation memory is correct: none of the terminology
    /// rules finds anything in it.
    #[test]
    fn shipped_memory_has_no_findings() {
        let pairs = super::super::testing::shipped_pairs();
        let glossary = glossary().clone();
        for rule in [
            "term-missing",
            "term-forbidden",
            "name-mismatch",
            "target-equals-source",
        ] {
            let found: Vec<String> = run_with(&glossary, rule, pairs)
                .iter()
                .map(|d| {
                    let excerpt = d.excerpt.as_deref();
                    format!(
                        "{rule}: {} [{}] | {}",
                        d.message,
                        underlined(d),
                        excerpt.map_or("", |e| e.target.as_str())
                    )
                })
                .collect();
            assert!(found.is_empty(), "{}", found.join("\n"));
        }
    }
}
