//! `--format json`: one object, one line, the shape in DESIGN.md's
//! command-line contract:
//!
//! ```json
//! {"diagnostics":[{"rule":"term-missing","severity":"error","file":"a.xlf",
//!   "line":12,"column":5,"end_line":12,"end_column":9,"unit":"u3",
//!   "message":"…","suggestion":"…","fix":null}],
//!  "summary":{"errors":1,"warnings":0,"files":1}}
//! ```
//!
//! Every key is always present, so scripts need no `has()` checks: `unit`,
//! `suggestion` and `fix` are `null` when absent. `line`/`column` are
//! 1-based, columns in code points; `end_line`/`end_column` are exclusive
//! (the column just after the span, as in SARIF). `fix` is
//! `{"replacement":"…","applicability":"safe"|"unsafe"|"display-only"}`.
//! `files` counts the report's sources, with or without findings.

use std::io::{self, Write};

use serde::Serialize;

use super::location::Location;
use super::{Diagnostic, Fix, Report, Severity};

#[derive(Serialize)]
struct JsonReport<'a> {
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    rule: &'a str,
    severity: &'static str,
    file: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    unit: Option<&'a str>,
    message: &'a str,
    suggestion: Option<&'a str>,
    fix: Option<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    replacement: &'a str,
    applicability: &'static str,
}

#[derive(Serialize)]
struct Summary {
    errors: usize,
    warnings: usize,
    files: usize,
}

pub(super) fn render(report: &Report, out: &mut impl Write) -> io::Result<()> {
    let json = JsonReport {
        diagnostics: report
            .diagnostics
            .iter()
            .map(|d| diagnostic(report, d))
            .collect(),
        summary: Summary {
            errors: report.count(Severity::Error),
            warnings: report.count(Severity::Warning),
            files: report.files(),
        },
    };
    serde_json::to_writer(&mut *out, &json)?;
    writeln!(out)
}

fn diagnostic<'a>(report: &'a Report, d: &'a Diagnostic) -> JsonDiagnostic<'a> {
    let at = Location::of(report, d);
    JsonDiagnostic {
        rule: d.rule,
        severity: d.severity.as_str(),
        file: at.file(),
        line: at.start_line,
        column: at.start_column,
        end_line: at.end_line,
        end_column: at.end_column,
        unit: d.unit.as_deref(),
        message: &d.message,
        suggestion: d.suggestion.as_deref(),
        fix: d.fix.as_ref().map(|f: &Fix| JsonFix {
            replacement: &f.replacement,
            applicability: f.applicability.as_str(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Applicability, Source};
    use super::*;

    fn rendered(report: &Report) -> String {
        let mut out = Vec::new();
        render(report, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn empty_report() {
        assert_eq!(
            rendered(&Report::default()),
            "{\"diagnostics\":[],\"summary\":{\"errors\":0,\"warnings\":0,\"files\":0}}\n"
        );
    }

    #[test]
    fn contract_shape_with_code_point_columns_and_escaping() {
        let mut report = Report::default();
        let text = "<target>Сенатор \"Чижов\"\tи\nВладимир</target>\n";
        let src = report.add_source(Source::new("a/ru.xlf".into(), text.into()));
        let start = text.find("Чижов").unwrap();
        report.diagnostics.push(Diagnostic {
            rule: "term-missing",
            severity: Severity::Error,
            source: src,
            span: start..start + "Чижов".len(),
            unit: Some("u3".into()),
            message: "\"Chizhov\"\tnot \\ translated".into(),
            suggestion: Some("Чижов".into()),
            fix: Some(Fix {
                replacement: "Чижова".into(),
                applicability: Applicability::Unsafe,
            }),
            excerpt: None,
        });
        report.diagnostics.push(Diagnostic {
            rule: "whitespace",
            severity: Severity::Warning,
            source: src,
            span: text.len()..text.len(),
            unit: None,
            message: "no final line".into(),
            suggestion: None,
            fix: None,
            excerpt: None,
        });
        assert_eq!(
            rendered(&report),
            concat!(
                r#"{"diagnostics":["#,
                r#"{"rule":"term-missing","severity":"error","file":"a/ru.xlf","line":1,"column":18,"end_line":1,"end_column":23,"unit":"u3","message":"\"Chizhov\"\tnot \\ translated","suggestion":"Чижов","fix":{"replacement":"Чижова","applicability":"unsafe"}},"#,
                r#"{"rule":"whitespace","severity":"warning","file":"a/ru.xlf","line":3,"column":1,"end_line":3,"end_column":1,"unit":null,"message":"no final line","suggestion":null,"fix":null}"#,
                r#"],"summary":{"errors":1,"warnings":1,"files":1}}"#,
                "\n"
            )
        );
    }
}
