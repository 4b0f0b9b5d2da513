//! `parse-error`: a glossary file that cannot be read or parsed.
//!
//! ## What it does
//! Reports what the reader refused, at the line and column where it
//! stopped: a file that is not UTF-8 (or UTF-16 with a BOM), XML that is
//! not well-formed, a DOCTYPE that declares entities, a TBX element in the
//! wrong place, an unclosed CSV quote, an unknown CSV column, a missing
//! file or an extension that names no glossary format. Nothing else is
//! checked in that file; the other files are still linted.
//!
//! ## Why
//! A glossary that does not parse is a glossary that recognition and QA
//! silently do without. CI must fail, and say where.
//!
//! ## Fires
//! ```xml
//! <tbx><text><body><conceptEntry id="c1"></body></text></tbx>
//! ```
//!
//! ## Does not fire
//! ```xml
//! <tbx><text><body><conceptEntry id="c1">…</conceptEntry></body></text></tbx>
//! ```
//!
//! ## Default severity
//! error, always: `[rules]` cannot change it, and the exit code is 2.

use super::Options;
use crate::glossary::GlossaryError;
use crate::report::{Diagnostic, Report, RuleInfo, Severity};

pub const RULE: RuleInfo = RuleInfo {
    id: "parse-error",
    default_severity: Severity::Error,
    summary: "a glossary file that cannot be read or parsed",
    help: "fix the file where the reader stopped",
};

/// The error's message without the `path:line:column:` the diagnostic
/// carries anyway.
fn message(error: &GlossaryError) -> String {
    match error {
        GlossaryError::Read { source, .. } => format!("cannot read glossary: {source}"),
        GlossaryError::Syntax { message, .. } | GlossaryError::Invalid { message, .. } => {
            message.clone()
        }
        GlossaryError::Doctype { .. } => {
            "DOCTYPE with entity declarations refused (tarjuman expands no entities and \
             fetches nothing)"
                .to_owned()
        }
        GlossaryError::UnknownFormat { .. } => {
            "unknown glossary format (expected .tbx or .xml for TBX, .csv, .tsv or .txt)".to_owned()
        }
        GlossaryError::Write { .. } | GlossaryError::Unrepresentable { .. } => error.to_string(),
    }
}

/// Adds `error` as a finding on source `source` and marks the run failed.
pub(super) fn report(error: &GlossaryError, source: usize, options: &Options, report: &mut Report) {
    let span = match (report.sources.get(source), error.position()) {
        (Some(file), Some((line, column))) => file.char_span(line, column),
        _ => 0..0,
    };
    report.failed = true;
    report.diagnostics.push(Diagnostic {
        rule: RULE.id,
        severity: options.severity(RULE.id).unwrap_or(Severity::Error),
        source,
        span,
        unit: None,
        message: message(error),
        suggestion: None,
        fix: None,
        excerpt: None,
    });
}

#[cfg(test)]
mod tests {
    use super::super::testing::run;

    #[test]
    fn fires_on_malformed_tbx_with_a_position() {
        let text = "<tbx><text><body>\n<conceptEntry id=\"c1\"></body></text></tbx>";
        let report = run("g.tbx", text);
        assert!(report.failed);
        assert_eq!(report.diagnostics.len(), 1);
        let d = &report.diagnostics[0];
        assert_eq!(d.rule, "parse-error");
        assert_eq!(report.sources[0].line_column(d.span.start).0, 2);
    }

    #[test]
    fn does_not_fire_on_a_good_file() {
        let report = run("g.csv", "en,ur,ru\nSenate,سینیٹ,Сенат\n");
        assert!(!report.failed);
        assert!(report.diagnostics.iter().all(|d| d.rule != "parse-error"));
    }
}
