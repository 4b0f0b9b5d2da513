//! `--format github`: one GitHub Actions workflow command per diagnostic,
//! which the runner turns into an annotation on the pull request:
//!
//! ```text
//! ::error file=a.xlf,line=12,col=5,endLine=12,endColumn=9,title=term-missing::message
//! ```
//!
//! Error, warning and info map to `::error`, `::warning` and `::notice`.
//! Columns are 1-based code points; `endColumn` is exclusive, as in SARIF.
//! GitHub only takes columns on a one-line annotation, so a span over
//! several lines gives `line` and `endLine` only. A suggestion follows the
//! message on its own line. Escaping is GitHub's: `%`, CR and LF in the
//! message; those and `:` and `,` in property values.

use std::io::{self, Write};

use super::location::Location;
use super::{Diagnostic, Report, Severity};

pub(super) fn render(report: &Report, out: &mut impl Write) -> io::Result<()> {
    for d in &report.diagnostics {
        writeln!(out, "{}", command(report, d))?;
    }
    Ok(())
}

fn command(report: &Report, d: &Diagnostic) -> String {
    let kind = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let at = Location::of(report, d);
    let mut props = Vec::new();
    if at.source.is_some() {
        props.push(format!("file={}", escape_property(&at.file())));
        props.push(format!("line={}", at.start_line));
        if at.start_line == at.end_line {
            props.push(format!("col={}", at.start_column));
            props.push(format!("endLine={}", at.end_line));
            props.push(format!("endColumn={}", at.end_column));
        } else {
            props.push(format!("endLine={}", at.end_line));
        }
    }
    props.push(format!("title={}", escape_property(d.rule)));
    let mut message = d.message.clone();
    if let Some(suggestion) = &d.suggestion {
        message.push_str("\nhelp: ");
        message.push_str(suggestion);
    }
    format!("::{kind} {}::{}", props.join(","), escape_data(&message))
}

/// Escapes a command's message (GitHub's `escapeData`).
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (GitHub's `escapeProperty`).
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::super::Source;
    use super::*;

    fn diagnostic(
        rule: &'static str,
        severity: Severity,
        span: std::ops::Range<usize>,
    ) -> Diagnostic {
        Diagnostic {
            rule,
            severity,
            source: 0,
            span,
            unit: None,
            message: "m".into(),
            suggestion: None,
            fix: None,
            excerpt: None,
        }
    }

    fn rendered(report: &Report) -> String {
        let mut out = Vec::new();
        render(report, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn empty_report_prints_nothing() {
        assert_eq!(rendered(&Report::default()), "");
    }

    #[test]
    fn one_command_per_diagnostic_with_escaping() {
        let mut report = Report::default();
        let text = "صدر پوتن\nline two\nend";
        report.add_source(Source::new("out,dir/a:b%.txt".into(), text.into()));
        let mut first = diagnostic("urdu-codepoint", Severity::Error, 2..4);
        first.message = "100% wrong:\r\nsee, here".into();
        first.suggestion = Some("ی".into());
        report.diagnostics.push(first);
        // Over two lines: no columns.
        report
            .diagnostics
            .push(diagnostic("bracket-balance", Severity::Warning, 13..22));
        // At the very end of the file.
        report.diagnostics.push(diagnostic(
            "punctuation-end",
            Severity::Info,
            text.len()..text.len(),
        ));
        assert_eq!(
            rendered(&report),
            "::error file=out%2Cdir/a%3Ab%25.txt,line=1,col=2,endLine=1,endColumn=3,title=urdu-codepoint::100%25 wrong:%0D%0Asee, here%0Ahelp: ی\n\
             ::warning file=out%2Cdir/a%3Ab%25.txt,line=1,endLine=2,title=bracket-balance::m\n\
             ::notice file=out%2Cdir/a%3Ab%25.txt,line=3,col=4,endLine=3,endColumn=4,title=punctuation-end::m\n"
        );
    }

    #[test]
    fn unknown_source_gives_title_only() {
        let mut report = Report::default();
        report
            .diagnostics
            .push(diagnostic("parse-error", Severity::Error, 0..0));
        assert_eq!(rendered(&report), "::error title=parse-error::m\n");
    }
}
