//! `inconsistent-target`: one source translated in different ways.
//!
//! ## What it does
//! Groups the translated segments of every file checked together (XLIFF
//! and TMX alike) by their source's words, per language pair, and flags
//! each segment whose translation differs from the group's most common
//! one. Texts are compared after normalization: case, Unicode forms, Urdu
//! letter variants (ي/ی), ё/е, digits of any script, punctuation and
//! spacing do not count as differences.
//!
//! ## Why
//! A release that calls the same committee two things, or a memory that
//! offers two translations of one sentence, makes readers and the next
//! translator wonder which is right. One of them usually is not.
//!
//! ## Fires
//! ```text
//! en: The Senate Chairman received the delegation.
//! ru: Председатель Сената принял делегацию.      (unit p1)
//! ru: Спикер Сената встретил делегацию.          (unit p7)
//! ```
//!
//! ## Does not fire
//! ```text
//! ru: Председатель Сената принял делегацию.
//! ru: Председатель сената принял делегацию!      (case and punctuation only)
//! ```
//!
//! ## Default severity
//! warning: sometimes context needs two renderings; look, then decide.

use super::{JobContext, JobSink, Side, consistency};
use crate::report::{RuleInfo, Severity};

pub const RULE: RuleInfo = RuleInfo {
    id: "inconsistent-target",
    default_severity: Severity::Warning,
    summary: "one source translated in different ways",
    help: "use one translation for the same source, or make the sources differ",
};

pub(super) fn check(cx: &JobContext<'_>, sink: &mut JobSink<'_>) {
    consistency::check(
        cx,
        sink,
        Side::Source,
        1,
        |source, unit| format!("the same source is translated differently in {unit}: \"{source}\""),
        |_, _| true,
    );
}

#[cfg(test)]
mod tests {
    use super::super::testing::{pair, run, underlined};

    #[test]
    fn fires_on_the_odd_translation_out() {
        let source = "The Senate Chairman received the delegation.";
        let mut a = pair("en", source, "ru", "Председатель Сената принял делегацию.");
        a.unit = "p1".into();
        let b = pair("en", source, "ru", "Спикер Сената встретил делегацию.");
        let c = pair(
            "en",
            "The Senate Chairman received the delegation",
            "ru",
            "Председатель сената принял делегацию",
        );
        let found = run("inconsistent-target", &[a, b, c]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(underlined(&found[0]), "Спикер Сената встретил делегацию.");
        assert_eq!(
            found[0].suggestion.as_deref(),
            Some("Председатель Сената принял делегацию.")
        );
        assert!(found[0].message.contains("unit p1"), "{}", found[0].message);
    }

    #[test]
    fn urdu_letter_variants_and_other_languages_are_not_differences() {
        let source = "Senator Chizhov met the Chairman.";
        let a = pair("en", source, "ur", "سینیٹر چیژوف نے چیئرمین سے ملاقات کی۔");
        let b = pair("en", source, "ur", "سينيٹر چيژوف نے چیئرمین سے ملاقات كی۔");
        let c = pair(
            "en",
            source,
            "ru",
            "Сенатор Чижов встретился с Председателем.",
        );
        assert!(run("inconsistent-target", &[a, b, c]).is_empty());
    }
}
