//! `untranslated`: a segment without a translation.
//!
//! ## What it does
//! Flags a segment whose source has text and whose target
//! - is missing (no `<target>`),
//! - is empty, or only spaces and inline codes, or
//! - is the source itself, untouched: the translator never changed the
//!   state the export gave it (XLIFF 1.2 `new`, `needs-translation` or no
//!   state; 2.x `initial`). CAT tools copy the source into such targets;
//!   the copy is not a translation.
//!
//! Units marked `translate="no"` are not checked at all. No other pair
//! rule looks at an untranslated segment.
//!
//! ## Why
//! A release merged with an untranslated sentence publishes English in the
//! middle of Urdu or Russian. `xliff merge` refuses it; `check` says so
//! first, with every segment's place.
//!
//! ## Fires
//! ```xml
//! <trans-unit id="p1"><source>The Senate met.</source></trans-unit>
//! <trans-unit id="p2"><source>The Senate met.</source><target/></trans-unit>
//! <trans-unit id="p3"><source>The Senate met.</source>
//!   <target state="needs-translation">The Senate met.</target></trans-unit>
//! ```
//!
//! ## Does not fire
//! ```xml
//! <trans-unit id="p4"><source>The Senate met.</source>
//!   <target state="translated">Сенат собрался.</target></trans-unit>
//! <trans-unit id="p5" translate="no"><source>BRICS</source></trans-unit>
//! ```
//!
//! ## Default severity
//! error.

use super::{Finding, JobContext, JobSink, Pair, Side};
use crate::report::{RuleInfo, Severity};

pub const RULE: RuleInfo = RuleInfo {
    id: "untranslated",
    default_severity: Severity::Error,
    summary: "a segment without a translation: no target, an empty one, or the source copied and never touched",
    help: "translate the segment, or mark the unit translate=\"no\"",
};

/// Why a pair is untranslated, if it is.
fn problem(pair: &Pair) -> Option<&'static str> {
    if pair.source.text.trim().is_empty() {
        return None;
    }
    let Some(target) = &pair.target else {
        return Some("no translation: the segment has no target");
    };
    if target.text.trim().is_empty() {
        return Some("no translation: the target is empty");
    }
    if pair.initial && target.text.trim() == pair.source.text.trim() {
        return Some("not translated: the target is the source, copied and never changed");
    }
    None
}

/// Whether a pair has a translation for the other rules to check.
pub(super) fn is_translated(pair: &Pair) -> bool {
    pair.target
        .as_ref()
        .is_some_and(|t| !t.text.trim().is_empty())
        && problem(pair).is_none()
}

pub(super) fn check(cx: &JobContext<'_>, sink: &mut JobSink<'_>) {
    for (i, pair) in cx.pairs.iter().enumerate() {
        let Some(message) = problem(pair) else {
            continue;
        };
        // The target, where there is one: in a TMX unit of several
        // languages, that says which.
        let (side, len) = match &pair.target {
            Some(target) => (Side::Target, target.text.len()),
            None => (Side::Source, pair.source.text.len()),
        };
        // (A finding on the source gets the language from the checker.)
        let message = if side == Side::Target && !pair.target_lang.is_empty() {
            format!("{message} ({})", pair.target_lang)
        } else {
            message.to_owned()
        };
        sink.push(
            i,
            Finding {
                side,
                span: 0..len,
                message,
                ..Finding::default()
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{pair, run, underlined};

    #[test]
    fn fires_on_missing_empty_and_untouched_copies() {
        let mut missing = pair("en", "The Senate met.", "ru", "");
        missing.target = None;
        let empty = pair("en", "The Senate met.", "ur", "  ");
        let mut copied = pair("en", "The Senate met.", "ru", "The Senate met.");
        copied.initial = true;
        let found = run("untranslated", &[missing, empty, copied]);
        assert_eq!(found.len(), 3);
        assert!(found[0].message.contains("no target"));
        assert!(found[1].message.contains("empty"));
        assert!(found[2].message.contains("copied"));
        assert_eq!(
            underlined(&found[0]),
            "The Senate met.",
            "no target: the source"
        );
        assert_eq!(
            underlined(&found[2]),
            "The Senate met.",
            "a copy: the target"
        );
        assert!(found[2].excerpt.as_ref().is_some_and(|e| e.in_target));
        assert!(found[1].message.ends_with("(ur)"), "{}", found[1].message);
    }

    #[test]
    fn does_not_fire_on_translations_or_empty_sources() {
        let ru = pair("en", "The Senate met.", "ru", "Сенат собрался.");
        let mut ur = pair("en", "The Senate met.", "ur", "سینیٹ کا اجلاس ہوا۔");
        ur.initial = true;
        let mut nothing = pair("en", " ", "ru", "");
        nothing.target = None;
        // Confirmed by the translator, even if equal to the source.
        let kept = pair("en", "BRICS", "ru", "BRICS");
        assert!(run("untranslated", &[ru, ur, nothing, kept]).is_empty());
    }
}
