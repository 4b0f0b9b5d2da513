//! `--format sarif`: SARIF 2.1.0, for GitHub code scanning and other
//! SARIF viewers. One run; its driver lists every rule the command knows
//! (plus any rule a diagnostic names that the list lacks).
//!
//! - Columns are code points, and the run says so
//!   (`"columnKind": "unicodeCodePoints"`; SARIF's default is UTF-16 code
//!   units). `endColumn` is exclusive, as SARIF defines it.
//! - `artifactLocation.uri` is the path as given, as a relative URI
//!   reference (`/` separators, percent-encoded); an absolute path becomes
//!   a `file://` URI.
//! - `partialFingerprints."tarjuman/v1"` is an FNV-1a hash of rule, file
//!   URI, unit and message, with `:n` for the n-th identical finding: it
//!   does not change when lines move, so it can key a baseline.
//! - Only [`Applicability::Safe`] fixes become SARIF `fixes` (consumers may
//!   apply those without asking). Unsafe and display-only fixes go in the
//!   result's `properties.fix` with their applicability; the unit and the
//!   suggestion go in `properties` too.

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Component, Path};

use serde::Serialize;

use super::location::Location;
use super::{Applicability, Diagnostic, Report, RuleInfo, Severity};

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

pub(super) fn render(report: &Report, rules: &[RuleInfo], out: &mut impl Write) -> io::Result<()> {
    let table = RuleTable::new(rules, report);
    let mut seen = HashMap::new();
    let results = report
        .diagnostics
        .iter()
        .map(|d| result(report, d, &table, &mut seen))
        .collect();
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "tarjuman",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: Some(env!("CARGO_PKG_REPOSITORY")).filter(|u| !u.is_empty()),
                    rules: table.descriptors(),
                },
            },
            invocations: [Invocation {
                execution_successful: !report.failed,
            }],
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

/// The driver's rules: the command's list first, then unknown ids in the
/// order diagnostics name them. `ruleIndex` points into it.
struct RuleTable<'a> {
    rules: Vec<(&'a str, Option<&'a RuleInfo>, Severity)>,
}

impl<'a> RuleTable<'a> {
    fn new(known: &'a [RuleInfo], report: &'a Report) -> Self {
        let mut rules: Vec<(&str, Option<&RuleInfo>, Severity)> = Vec::new();
        for info in known {
            if !rules.iter().any(|(id, _, _)| *id == info.id) {
                rules.push((info.id, Some(info), info.default_severity));
            }
        }
        for d in &report.diagnostics {
            if !rules.iter().any(|(id, _, _)| *id == d.rule) {
                rules.push((d.rule, None, d.severity));
            }
        }
        RuleTable { rules }
    }

    fn index(&self, id: &str) -> usize {
        self.rules
            .iter()
            .position(|(r, _, _)| *r == id)
            .unwrap_or_default()
    }

    fn descriptors(&self) -> Vec<Rule<'a>> {
        self.rules
            .iter()
            .map(|&(id, info, severity)| Rule {
                id,
                short_description: Text {
                    text: info.map_or(id, |i| i.summary).to_owned(),
                },
                help: info.filter(|i| !i.help.is_empty()).map(|i| Text {
                    text: i.help.to_owned(),
                }),
                default_configuration: Configuration {
                    level: level(severity),
                },
            })
            .collect()
    }
}

fn result<'a>(
    report: &'a Report,
    d: &'a Diagnostic,
    table: &RuleTable<'_>,
    seen: &mut HashMap<u64, usize>,
) -> SarifResult<'a> {
    let at = Location::of(report, d);
    let uri = at.source.map(|s| uri(&s.path)).unwrap_or_default();
    let region = Region {
        start_line: at.start_line,
        start_column: at.start_column,
        end_line: at.end_line,
        end_column: at.end_column,
    };
    let hash = fingerprint(d, &uri);
    let occurrence = seen.entry(hash).or_default();
    *occurrence += 1;
    let safe_fix = d
        .fix
        .as_ref()
        .filter(|f| f.applicability == Applicability::Safe);
    let other_fix = d
        .fix
        .as_ref()
        .filter(|f| f.applicability != Applicability::Safe);
    let fixes = safe_fix
        .map(|f| Fix {
            description: Text {
                text: if f.replacement.is_empty() {
                    "Delete the text".to_owned()
                } else {
                    format!("Replace with `{}`", f.replacement)
                },
            },
            artifact_changes: [ArtifactChange {
                artifact_location: ArtifactLocation { uri: uri.clone() },
                replacements: [Replacement {
                    deleted_region: region,
                    inserted_content: Text {
                        text: f.replacement.clone(),
                    },
                }],
            }],
        })
        .into_iter()
        .collect();
    let properties = Properties {
        unit: d.unit.as_deref(),
        suggestion: d.suggestion.as_deref(),
        fix: other_fix.map(|f| PropertyFix {
            replacement: &f.replacement,
            applicability: f.applicability.as_str(),
        }),
    };
    SarifResult {
        rule_id: d.rule,
        rule_index: table.index(d.rule),
        level: level(d.severity),
        message: Text {
            text: d.message.clone(),
        },
        locations: at
            .source
            .map(|_| SarifLocation {
                physical_location: PhysicalLocation {
                    artifact_location: ArtifactLocation { uri },
                    region,
                },
            })
            .into_iter()
            .collect(),
        partial_fingerprints: Fingerprints {
            tarjuman: format!("{hash:016x}:{occurrence}"),
        },
        fixes,
        properties: (!properties.is_empty()).then_some(properties),
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// FNV-1a (64-bit): tiny and fixed forever, unlike std's hasher.
fn fingerprint(d: &Diagnostic, uri: &str) -> u64 {
    let unit = d.unit.as_deref().unwrap_or_default();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [d.rule, uri, unit, d.message.as_str()] {
        for &byte in part.as_bytes().iter().chain(&[0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// `path` as a URI reference: relative stays relative, absolute becomes
/// `file:///…`; every segment percent-encoded.
fn uri(path: &Path) -> String {
    let mut absolute = false;
    let mut segments = Vec::new();
    for component in path.components() {
        match component {
            Component::Prefix(prefix) => {
                segments.push(prefix.as_os_str().to_string_lossy().replace('\\', "/"));
            }
            Component::RootDir => absolute = true,
            Component::CurDir => {}
            Component::ParentDir => segments.push("..".to_owned()),
            Component::Normal(name) => segments.push(percent_encode(name.as_encoded_bytes())),
        }
    }
    let joined = segments.join("/");
    if absolute {
        format!("file:///{joined}")
    } else {
        joined
    }
}

fn percent_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=@".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    invocations: [Invocation; 1],
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    rules: Vec<Rule<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule<'a> {
    id: &'a str,
    short_description: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<Text>,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    locations: Vec<SarifLocation>,
    partial_fingerprints: Fingerprints,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<Fix>,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<Properties<'a>>,
}

#[derive(Serialize)]
struct Fingerprints {
    #[serde(rename = "tarjuman/v1")]
    tarjuman: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifLocation {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize, Clone, Copy)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Fix {
    description: Text,
    artifact_changes: [ArtifactChange; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: [Replacement; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: Region,
    inserted_content: Text,
}

#[derive(Serialize)]
struct Properties<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suggestion: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<PropertyFix<'a>>,
}

impl Properties<'_> {
    fn is_empty(&self) -> bool {
        self.unit.is_none() && self.suggestion.is_none() && self.fix.is_none()
    }
}

#[derive(Serialize)]
struct PropertyFix<'a> {
    replacement: &'a str,
    applicability: &'static str,
}

#[cfg(test)]
mod tests {
    use super::super::{Fix as ModelFix, Source};
    use super::*;
    use serde_json::{Value, json};
    use std::ops::Range;

    const RULES: &[RuleInfo] = &[
        RuleInfo {
            id: "urdu-codepoint",
            default_severity: Severity::Error,
            summary: "Arabic letter where Urdu has its own",
            help: "Use the Urdu letter.",
        },
        RuleInfo {
            id: "term-missing",
            default_severity: Severity::Warning,
            summary: "Glossary term not in the target",
            help: "",
        },
    ];

    fn rendered(report: &Report) -> Value {
        let mut out = Vec::new();
        render(report, RULES, &mut out).unwrap();
        serde_json::from_slice(&out).unwrap()
    }

    #[test]
    fn empty_report_lists_the_rules() {
        let log = rendered(&Report::default());
        let run = &log["runs"][0];
        assert_eq!(log["version"], "2.1.0");
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        assert_eq!(run["results"], json!([]));
        assert_eq!(
            run["tool"]["driver"]["rules"],
            json!([
                {
                    "id": "urdu-codepoint",
                    "shortDescription": {"text": "Arabic letter where Urdu has its own"},
                    "help": {"text": "Use the Urdu letter."},
                    "defaultConfiguration": {"level": "error"}
                },
                {
                    "id": "term-missing",
                    "shortDescription": {"text": "Glossary term not in the target"},
                    "defaultConfiguration": {"level": "warning"}
                }
            ])
        );
        assert_eq!(run["invocations"], json!([{"executionSuccessful": true}]));
    }

    #[test]
    fn results_fixes_and_unknown_rules() {
        let text = "وزیر خارجه\nend";
        let mut report = Report::default();
        report.add_source(Source::new("./ur dir/a#1.txt".into(), text.into()));
        let heh = text.find('ه').unwrap();
        let diagnostic = |rule, severity, span: Range<usize>, fix| Diagnostic {
            rule,
            severity,
            source: 0,
            span,
            unit: None,
            message: "m".into(),
            suggestion: None,
            fix,
            excerpt: None,
        };
        report.diagnostics = vec![
            diagnostic(
                "urdu-codepoint",
                Severity::Error,
                heh..heh + 2,
                Some(ModelFix {
                    replacement: "ہ".into(),
                    applicability: Applicability::Safe,
                }),
            ),
            diagnostic(
                "whitespace",
                Severity::Info,
                text.len()..text.len(),
                Some(ModelFix {
                    replacement: "\n".into(),
                    applicability: Applicability::Unsafe,
                }),
            ),
            diagnostic("whitespace", Severity::Info, 0..0, None),
        ];
        let log = rendered(&report);
        let results = &log["runs"][0]["results"];
        let region = json!({"startLine": 1, "startColumn": 10, "endLine": 1, "endColumn": 11});
        assert_eq!(
            results[0],
            json!({
                "ruleId": "urdu-codepoint",
                "ruleIndex": 0,
                "level": "error",
                "message": {"text": "m"},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": "ur%20dir/a%231.txt"},
                    "region": region
                }}],
                "partialFingerprints": {"tarjuman/v1": "e4d2d0fe04934738:1"},
                "fixes": [{
                    "description": {"text": "Replace with `ہ`"},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": "ur%20dir/a%231.txt"},
                        "replacements": [{"deletedRegion": region, "insertedContent": {"text": "ہ"}}]
                    }]
                }]
            })
        );
        assert_eq!(results[1]["ruleIndex"], 2);
        assert_eq!(results[1]["level"], "note");
        assert_eq!(
            results[1]["locations"][0]["physicalLocation"]["region"],
            json!({"startLine": 2, "startColumn": 4, "endLine": 2, "endColumn": 4})
        );
        assert_eq!(results[1]["fixes"], Value::Null);
        assert_eq!(
            results[1]["properties"],
            json!({"fix": {"replacement": "\n", "applicability": "unsafe"}})
        );
        // The same finding twice: same hash, next occurrence.
        let first = results[1]["partialFingerprints"]["tarjuman/v1"]
            .as_str()
            .unwrap();
        let second = results[2]["partialFingerprints"]["tarjuman/v1"]
            .as_str()
            .unwrap();
        assert_eq!(first.replace(":1", ":2"), second);
        assert_eq!(
            log["runs"][0]["tool"]["driver"]["rules"][2],
            json!({"id": "whitespace", "shortDescription": {"text": "whitespace"},
                   "defaultConfiguration": {"level": "note"}})
        );
    }

    #[test]
    fn uris_are_percent_encoded_references() {
        assert_eq!(
            uri(Path::new("glossaries/names.tbx")),
            "glossaries/names.tbx"
        );
        assert_eq!(
            uri(Path::new("./a b/ترجمہ.txt")),
            "a%20b/%D8%AA%D8%B1%D8%AC%D9%85%DB%81.txt"
        );
        assert_eq!(uri(Path::new("../x:y%.csv")), "../x%3Ay%25.csv");
        assert_eq!(
            uri(Path::new("/srv/release.txt")),
            "file:///srv/release.txt"
        );
    }
}
