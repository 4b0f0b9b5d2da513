//! `invisible-char`: a zero-width, bidi control, soft hyphen or BOM
//! character inside a term.
//!
//! ## What it does
//! Flags each of U+200B–U+200F (zero-width space, non-joiner, joiner,
//! left-to-right and right-to-left marks), U+202A–U+202E (bidi embeddings
//! and overrides), U+2066–U+2069 (bidi isolates), U+2060 (word joiner),
//! U+FEFF (byte-order mark) and U+00AD (soft hyphen) in a term's text.
//!
//! ## Why
//! They print nothing, so nobody sees them, but they make two spellings
//! that look the same compare different: a term with a stray U+200B never
//! matches the release text, and a pasted right-to-left mark can reorder
//! how a mixed Urdu–English line is displayed.
//!
//! ## Fires
//! ```text
//! Chi<U+200B>zhov          (a zero-width space pasted from a web page)
//! <U+202B>سفیر<U+202C>      (an embedding around an Urdu term)
//! ```
//!
//! ## Does not fire
//! ```text
//! Chizhov
//! سفیر
//! ```
//!
//! ## Default severity
//! error. Fix: delete the character; safe, except a zero-width non-joiner
//! or joiner in an Urdu term, which can change how letters join: unsafe.

use super::{Context, Finding, Sink, code_point};
use crate::glossary::same_language;
use crate::report::{Applicability, Fix, RuleInfo, Severity};
// The characters this rule flags: those matching keys drop as invisible.
use crate::text::normalize::is_invisible as is_flagged;

pub const RULE: RuleInfo = RuleInfo {
    id: "invisible-char",
    default_severity: Severity::Error,
    summary: "a zero-width, bidi control, soft hyphen or BOM character inside a term",
    help: "delete the invisible character",
};

fn name(c: char) -> &'static str {
    match c {
        '\u{200B}' => "zero-width space",
        '\u{200C}' => "zero-width non-joiner",
        '\u{200D}' => "zero-width joiner",
        '\u{200E}' => "left-to-right mark",
        '\u{200F}' => "right-to-left mark",
        '\u{202A}'..='\u{202E}' => "bidi embedding or override",
        '\u{2066}'..='\u{2069}' => "bidi isolate",
        '\u{2060}' => "word joiner",
        '\u{FEFF}' => "byte-order mark",
        _ => "soft hyphen",
    }
}

pub(super) fn check(cx: &Context<'_>, sink: &mut Sink<'_>) {
    for concept in &cx.glossary.concepts {
        for term in &concept.terms {
            for (at, c) in term.text.char_indices().filter(|&(_, c)| is_flagged(c)) {
                let (span, exact) = cx.span(term, at..at + c.len_utf8());
                let joiner = matches!(c, '\u{200C}' | '\u{200D}');
                let applicability = if joiner && same_language(&term.lang, "ur") {
                    Applicability::Unsafe
                } else {
                    Applicability::Safe
                };
                sink.push(Finding {
                    span,
                    unit: Some(concept.id.clone()),
                    message: format!(
                        "invisible {} ({}) in the `{}` term `{}`",
                        name(c),
                        code_point(c),
                        term.lang,
                        term.text.replace(is_flagged, "")
                    ),
                    suggestion: Some("delete it".to_owned()),
                    fix: exact.then(|| Fix {
                        replacement: String::new(),
                        applicability,
                    }),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{lint, spanned};
    use crate::report::Applicability;

    #[test]
    fn fires_on_a_zero_width_space_and_a_soft_hyphen() {
        let text = "en,ru\nChi\u{200B}zhov,Чи\u{00AD}жов\n";
        let found = lint("g.csv", text, "invisible-char");
        assert_eq!(found.len(), 2);
        assert_eq!(spanned(text, &found[0]), "\u{200B}");
        assert_eq!(
            found[0].message,
            "invisible zero-width space (U+200B) in the `en` term `Chizhov`"
        );
        let fix = found[0].fix.as_ref().unwrap();
        assert_eq!(
            (fix.replacement.as_str(), fix.applicability),
            ("", Applicability::Safe)
        );
        assert_eq!(spanned(text, &found[1]), "\u{00AD}");
    }

    #[test]
    fn a_joiner_in_urdu_is_an_unsafe_fix() {
        let found = lint("g.csv", "ur\nولا\u{200C}دیمیر\n", "invisible-char");
        assert_eq!(
            found[0].fix.as_ref().unwrap().applicability,
            Applicability::Unsafe
        );
    }

    #[test]
    fn does_not_fire_on_clean_terms() {
        assert!(lint("g.csv", "en,ur,ru\nChizhov,سفیر,Чижов\n", "invisible-char").is_empty());
    }
}
