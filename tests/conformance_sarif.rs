//! What `--format sarif` writes validates against the official SARIF 2.1.0
//! JSON schema (`../shared/schemas/sarif/`), checked with Python's
//! `jsonschema` (Draft 4, as the schema declares). The report is built
//! from the library types, with the awkward cases: Urdu and Russian text,
//! a safe and an unsafe fix, a diagnostic without a unit, a rule missing
//! from the rule list, a span over two lines and one at the end of a file.
//!
//! Without the schema or the validator the test is skipped with a note,
//! except under CI (`CI` set), where that is a failure: `.ci/run` installs
//! `jsonschema` when it is missing.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use serde_json::Value;
use tarjuman::report::{
    Applicability, Diagnostic, Fix, Format, Report, RuleInfo, Severity, Source,
};

const VALIDATE: &str = r#"
import json, sys
from jsonschema import Draft4Validator
with open(sys.argv[1], encoding="utf-8") as f:
    schema = json.load(f)
Draft4Validator.check_schema(schema)
instance = json.loads(sys.stdin.buffer.read())
validator = Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)
errors = sorted(validator.iter_errors(instance), key=lambda e: list(map(str, e.path)))
for e in errors:
    print("/".join(map(str, e.path)) + ": " + e.message)
sys.exit(1 if errors else 0)
"#;

const RULES: &[RuleInfo] = &[
    RuleInfo {
        id: "term-forbidden",
        default_severity: Severity::Error,
        summary: "A forbidden spelling of a glossary term",
        help: "Use the preferred term from the glossary.",
    },
    RuleInfo {
        id: "urdu-codepoint",
        default_severity: Severity::Warning,
        summary: "An Arabic letter where Urdu has its own",
        help: "Replace ي with ی, ك with ک, ه with ہ or ھ.",
    },
    RuleInfo {
        id: "mixed-script",
        default_severity: Severity::Error,
        summary: "A Latin letter inside a Cyrillic word",
        help: "",
    },
];

fn report() -> Report {
    let mut report = Report::default();
    let ru_text = "Сенатор Владимир Чижов\nвыступил в Шанхаe.\n";
    let ur_text = "سینیٹر ولادیمیر چیژوف نے\nكہا";
    let ru = report.add_source(Source::new("releases/ru.txt".into(), ru_text.into()));
    let ur = report.add_source(Source::new("releases/اردو ur.txt".into(), ur_text.into()));
    let at = |text: &str, what: &str| {
        let start = text.find(what).unwrap();
        start..start + what.len()
    };
    let diagnostic = |rule, severity, source, span| Diagnostic {
        rule,
        severity,
        source,
        span,
        unit: None,
        message: String::new(),
        suggestion: None,
        fix: None,
        excerpt: None,
    };
    let mut latin_e = diagnostic("mixed-script", Severity::Error, ru, at(ru_text, "e."));
    latin_e.span.end = latin_e.span.start + 1;
    latin_e.message = "Latin \"e\" in the Cyrillic word «Шанхаe»".into();
    latin_e.fix = Some(Fix {
        replacement: "е".into(),
        applicability: Applicability::Safe,
    });
    let mut name = diagnostic(
        "term-forbidden",
        Severity::Error,
        ru,
        at(ru_text, "Чижов\nвыступил"),
    );
    name.message = "«Чижов» spans a line break".into();
    name.unit = Some("u3".into());
    name.suggestion = Some("Владимир Чижов".into());
    name.fix = Some(Fix {
        replacement: "Чижов выступил".into(),
        applicability: Applicability::Unsafe,
    });
    let mut kaf = diagnostic("urdu-codepoint", Severity::Warning, ur, at(ur_text, "ك"));
    kaf.message = "Arabic ك (U+0643) in Urdu text: ک (U+06A9)".into();
    kaf.fix = Some(Fix {
        replacement: "ک".into(),
        applicability: Applicability::Safe,
    });
    let mut end = diagnostic(
        "punctuation-end",
        Severity::Info,
        ur,
        ur_text.len()..ur_text.len(),
    );
    end.message = "No ۔ at the end of the release".into();
    end.fix = Some(Fix {
        replacement: "۔".into(),
        applicability: Applicability::DisplayOnly,
    });
    report.diagnostics = vec![latin_e, name, kaf, end];
    report.sort();
    report
}

fn sarif(report: &Report) -> Vec<u8> {
    let mut out = Vec::new();
    Format::Sarif
        .render(report, RULES, &mut out, false)
        .unwrap();
    out
}

/// Runs the validator; `None` if it cannot run here.
fn validate(schema: &PathBuf, document: &[u8]) -> Option<(bool, String)> {
    let mut child = Command::new("python3")
        .args(["-c", VALIDATE])
        .arg(schema)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    child.stdin.take().unwrap().write_all(document).unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    if stderr.contains("ModuleNotFoundError") {
        return None;
    }
    let text = format!("{}{stderr}", String::from_utf8_lossy(&output.stdout));
    Some((output.status.success(), text))
}

/// Skips (or, under CI, fails) when the check cannot run.
#[allow(clippy::print_stderr)]
fn cannot_run(why: &str) {
    assert!(
        std::env::var_os("CI").is_none(),
        "{why} (required under CI)"
    );
    eprintln!("note: SARIF schema check skipped: {why}");
}

#[test]
fn sarif_output_validates_against_the_schema() {
    let schema = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/schemas/sarif/sarif-schema-2.1.0.json");
    if !schema.is_file() {
        return cannot_run(&format!("no schema at {}", schema.display()));
    }
    let document = sarif(&report());
    let Some((valid, errors)) = validate(&schema, &document) else {
        return cannot_run("python3 with the jsonschema module is not available");
    };
    assert!(valid, "SARIF output is not valid:\n{errors}");

    // The validator does reject an invalid log (a result without a message).
    let mut broken: Value = serde_json::from_slice(&document).unwrap();
    broken["runs"][0]["results"][0]
        .as_object_mut()
        .unwrap()
        .remove("message");
    let (valid, errors) = validate(&schema, &serde_json::to_vec(&broken).unwrap()).unwrap();
    assert!(!valid, "the validator accepted a result without a message");
    assert!(
        errors.contains("'message' is a required property"),
        "{errors}"
    );
}

#[test]
fn sarif_output_keeps_text_positions_and_fixes() {
    let log: Value = serde_json::from_slice(&sarif(&report())).unwrap();
    let run = &log["runs"][0];
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    assert_eq!(run["tool"]["driver"]["name"], "tarjuman");
    assert_eq!(run["tool"]["driver"]["version"], env!("CARGO_PKG_VERSION"));
    // The three listed rules, then the one only a diagnostic names.
    let rules: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        [
            "term-forbidden",
            "urdu-codepoint",
            "mixed-script",
            "punctuation-end"
        ]
    );

    let results = run["results"].as_array().unwrap();
    let ids: Vec<&str> = results
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "term-forbidden",
            "mixed-script",
            "urdu-codepoint",
            "punctuation-end"
        ]
    );
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index], result["ruleId"]);
    }

    // Over two lines, unsafe fix: the fix is a property, not a SARIF fix.
    let name = &results[0];
    assert_eq!(
        name["locations"][0]["physicalLocation"]["region"],
        serde_json::json!({"startLine": 1, "startColumn": 18, "endLine": 2, "endColumn": 9})
    );
    assert_eq!(name["message"]["text"], "«Чижов» spans a line break");
    assert_eq!(name["properties"]["unit"], "u3");
    assert_eq!(name["properties"]["fix"]["applicability"], "unsafe");
    assert!(name.get("fixes").is_none());

    // Code-point columns in Russian; a safe fix becomes a replacement.
    let latin_e = &results[1];
    let region = &latin_e["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (&region["startLine"], &region["startColumn"]),
        (&2.into(), &17.into())
    );
    let change = &latin_e["fixes"][0]["artifactChanges"][0];
    assert_eq!(change["artifactLocation"]["uri"], "releases/ru.txt");
    assert_eq!(change["replacements"][0]["deletedRegion"], *region);
    assert_eq!(change["replacements"][0]["insertedContent"]["text"], "е");
    assert!(latin_e.get("properties").is_none());

    // Urdu: a percent-encoded URI, code-point columns on line 2.
    let kaf = &results[2];
    let location = &kaf["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"]["uri"],
        "releases/%D8%A7%D8%B1%D8%AF%D9%88%20ur.txt"
    );
    assert_eq!(location["region"]["startColumn"], 1);
    assert_eq!(
        kaf["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"],
        "ک"
    );

    // At the very end of the file: an empty region after the last letter.
    let end = &results[3];
    assert_eq!(end["level"], "note");
    assert_eq!(
        end["locations"][0]["physicalLocation"]["region"],
        serde_json::json!({"startLine": 2, "startColumn": 4, "endLine": 2, "endColumn": 4})
    );
    assert_eq!(end["properties"]["fix"]["applicability"], "display-only");

    // Fingerprints are distinct here and the same on every run.
    let prints: Vec<&str> = results
        .iter()
        .map(|r| r["partialFingerprints"]["tarjuman/v1"].as_str().unwrap())
        .collect();
    let again: Value = serde_json::from_slice(&sarif(&report())).unwrap();
    assert_eq!(
        again["runs"][0]["results"][0]["partialFingerprints"]["tarjuman/v1"],
        prints[0]
    );
    let mut unique = prints.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), prints.len());
}

/// What `tarjuman check` writes on the seeded corpus (every rule fires
/// there, with safe fixes) validates too, and describes every rule.
#[test]
fn check_sarif_output_validates_against_the_schema() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let schema = root.join("../shared/schemas/sarif/sarif-schema-2.1.0.json");
    if !schema.is_file() {
        return cannot_run(&format!("no schema at {}", schema.display()));
    }
    let output = assert_cmd::Command::cargo_bin("tarjuman")
        .unwrap()
        .current_dir(&root)
        .args(["check", "--format", "sarif", "tests/fixtures/check/seeded"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let Some((valid, errors)) = validate(&schema, &output.stdout) else {
        return cannot_run("python3 with the jsonschema module is not available");
    };
    assert!(valid, "check's SARIF output is not valid:\n{errors}");
    let log: Value = serde_json::from_slice(&output.stdout).unwrap();
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    for id in tarjuman::qa::RULES.iter().map(|r| r.id) {
        assert!(
            rules.iter().any(|r| r["id"] == id),
            "rule {id} not described"
        );
    }
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(
        results.iter().any(|r| r.get("fixes").is_some()),
        "no safe fix in the seeded corpus's results"
    );
}
