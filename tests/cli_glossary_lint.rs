#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! `tarjuman glossary lint`: rules per fixture (TBX and CSV), exact JSON,
//! exit codes, a malformed file among good ones, `tarjuman.toml` severities,
//! and the shipped glossary linting clean.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/glossary")
        .join(name)
}

/// `tarjuman glossary lint` run from `dir` (default: a folder without a
/// `tarjuman.toml` above it, so the repository's own config does not apply).
fn lint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("tarjuman").unwrap();
    cmd.current_dir(dir).env_remove("NO_COLOR");
    cmd.args(["glossary", "lint"]);
    cmd
}

fn empty_dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

/// The JSON report and exit code for `paths`, run with no project file.
fn json(paths: &[PathBuf]) -> (Value, i32) {
    let dir = empty_dir();
    let out = lint(dir.path())
        .args(["--format", "json"])
        .args(paths)
        .output()
        .unwrap();
    let value: Value = serde_json::from_slice(&out.stdout).unwrap();
    (value, out.status.code().unwrap())
}

/// The sorted `(rule, severity)` pairs of a JSON report.
fn rules(report: &Value) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_owned(),
                d["severity"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    found.sort();
    found
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

#[test]
fn clean_glossaries_have_no_findings_and_exit_0() {
    for name in ["clean.tbx", "clean.csv"] {
        let (report, code) = json(&[fixture(name)]);
        assert_eq!(code, 0, "{name}");
        assert_eq!(rules(&report), [], "{name}");
        assert_eq!(report["summary"]["files"], 1);
    }
}

#[test]
fn script_fixture_fires_mixed_script_urdu_codepoint_invisible_char() {
    let expected = pairs(&[
        ("invisible-char", "error"),
        ("mixed-script", "error"),
        ("mixed-script", "error"),
        ("urdu-codepoint", "error"),
        ("urdu-codepoint", "error"),
    ]);
    for name in ["script.tbx", "script.csv"] {
        let (report, code) = json(&[fixture(name)]);
        assert_eq!(code, 1, "{name}");
        assert_eq!(rules(&report), expected, "{name}");
    }
}

#[test]
fn whitespace_fixture_fires_whitespace_and_empty_term() {
    let (report, code) = json(&[fixture("whitespace.csv")]);
    assert_eq!(code, 0, "warnings only");
    assert_eq!(rules(&report), pairs(&[("whitespace", "warning"); 3]));
    let (report, code) = json(&[fixture("whitespace.tbx")]);
    assert_eq!(code, 1);
    let mut expected = pairs(&[("empty-term", "error")]);
    expected.extend(pairs(&[("whitespace", "warning"); 3]));
    assert_eq!(rules(&report), expected);
}

#[test]
fn duplicates_fixture_fires_the_cross_concept_rules() {
    let expected = pairs(&[
        ("conflicting-translation", "warning"),
        ("duplicate-term", "error"),
        ("duplicate-term", "error"),
        ("missing-language", "warning"),
        ("near-duplicate", "warning"),
        ("near-duplicate", "warning"),
        ("near-duplicate", "warning"),
    ]);
    for name in ["duplicates.tbx", "duplicates.csv"] {
        let (report, code) = json(&[fixture(name)]);
        assert_eq!(code, 1, "{name}");
        assert_eq!(rules(&report), expected, "{name}");
    }
}

#[test]
fn status_fixture_fires_bad_status_and_is_still_linted() {
    for name in ["status.tbx", "status.csv"] {
        let (report, code) = json(&[fixture(name)]);
        assert_eq!(
            code, 1,
            "{name}: an unknown status is a finding, not a failure"
        );
        assert_eq!(
            rules(&report),
            pairs(&[("bad-status", "error"); 2]),
            "{name}"
        );
        let messages: Vec<&str> = report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["message"].as_str().unwrap())
            .collect();
        assert!(
            messages[0].starts_with("unknown status `forbiden`"),
            "{messages:?}"
        );
    }
}

#[test]
fn exact_json_for_the_script_fixture() {
    let fixtures = fixture("");
    let out = lint(&fixtures)
        .args(["--format", "json", "script.csv"])
        .output()
        .unwrap();
    // The fixtures folder has no tarjuman.toml, but the repository root
    // above it does; it sets no rules, so the defaults apply.
    assert_eq!(out.status.code(), Some(1));
    let expected = concat!(
        r#"{"diagnostics":["#,
        r#"{"rule":"urdu-codepoint","severity":"error","file":"script.csv","line":2,"column":30,"end_line":2,"end_column":31,"unit":"chizhov","message":"Arabic ي (U+064A) in the Urdu term `ولاديمیر چیژوف`: Urdu writes ی (U+06CC)","suggestion":"ی (U+06CC)","fix":{"replacement":"ی","applicability":"safe"}},"#,
        r#"{"rule":"mixed-script","severity":"error","file":"script.csv","line":2,"column":53,"end_line":2,"end_column":54,"unit":"chizhov","message":"Latin o (U+006F) inside the Cyrillic word `Чижoв` of the `ru` term `Владимир Чижoв`","suggestion":"Cyrillic о (U+043E)","fix":{"replacement":"о","applicability":"safe"}},"#,
        r#"{"rule":"invisible-char","severity":"error","file":"script.csv","line":3,"column":13,"end_line":3,"end_column":14,"unit":"islamabad","message":"invisible soft hyphen (U+00AD) in the `en` term `Islamabad`","suggestion":"delete it","fix":{"replacement":"","applicability":"safe"}},"#,
        r#"{"rule":"mixed-script","severity":"error","file":"script.csv","line":3,"column":40,"end_line":3,"end_column":41,"unit":"islamabad","message":"Latin a (U+0061) inside the Cyrillic word `Исламабaд` of the `ru` term `Исламабaд`","suggestion":"Cyrillic а (U+0430)","fix":{"replacement":"а","applicability":"safe"}},"#,
        r#"{"rule":"urdu-codepoint","severity":"error","file":"script.csv","line":4,"column":40,"end_line":4,"end_column":41,"unit":"foreign-office","message":"Arabic ه (U+0647) in the Urdu term `دفتر خارجه`: Urdu writes ہ (U+06C1)","suggestion":"ہ (U+06C1), or ھ (U+06BE) if it marks aspiration","fix":{"replacement":"ہ","applicability":"unsafe"}}"#,
        r#"],"summary":{"errors":5,"warnings":0,"files":1}}"#,
        "\n"
    );
    assert_eq!(String::from_utf8(out.stdout).unwrap(), expected);
}

#[test]
fn malformed_tbx_among_good_files_exits_2_and_reports_the_others() {
    let (report, code) = json(&[
        fixture("clean.tbx"),
        fixture("malformed.tbx"),
        fixture("script.csv"),
    ]);
    assert_eq!(code, 2);
    assert_eq!(report["summary"]["files"], 3);
    let diagnostics = report["diagnostics"].as_array().unwrap();
    let parse: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["rule"] == "parse-error")
        .collect();
    assert_eq!(parse.len(), 1);
    assert!(
        parse[0]["file"]
            .as_str()
            .unwrap()
            .ends_with("malformed.tbx")
    );
    assert_eq!(
        (parse[0]["line"].as_u64(), parse[0]["column"].as_u64()),
        (Some(25), Some(5))
    );
    assert!(
        parse[0]["message"]
            .as_str()
            .unwrap()
            .contains("expected `</conceptEntry>`")
    );
    let script = diagnostics
        .iter()
        .filter(|d| d["file"].as_str().unwrap().ends_with("script.csv"))
        .count();
    assert_eq!(script, 5, "the good files' findings are still shown");
}

#[test]
fn malformed_csv_and_missing_files_are_parse_errors() {
    let (report, code) = json(&[fixture("malformed.csv"), fixture("no-such.tbx")]);
    assert_eq!(code, 2);
    assert_eq!(
        rules(&report),
        pairs(&[("parse-error", "error"), ("parse-error", "error")])
    );
    let d = &report["diagnostics"][0];
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(2), Some(9))
    );
    assert_eq!(d["message"], "quoted field is not closed");
    assert!(
        report["diagnostics"][1]["message"]
            .as_str()
            .unwrap()
            .starts_with("cannot read glossary")
    );
}

#[test]
fn human_output_underlines_the_term_without_colour_when_piped() {
    let dir = empty_dir();
    let out = lint(dir.path())
        .arg(fixture("script.tbx"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains('\x1b'), "no colour when stdout is a pipe");
    assert!(
        text.contains("error[mixed-script]: Latin o (U+006F)"),
        "{text}"
    );
    assert!(text.contains("<term>Владимир Чижoв</term>"), "{text}");
    assert!(text.ends_with("5 errors, 0 warnings in 1 file\n"), "{text}");
}

#[test]
fn github_and_sarif_formats() {
    let dir = empty_dir();
    let out = lint(dir.path())
        .args(["--format", "github"])
        .arg(fixture("status.csv"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("::error file="), "{text}");
    assert!(text.contains("line=3,col=25"), "{text}");
    let out = lint(dir.path())
        .args(["--format", "sarif"])
        .arg(fixture("status.csv"))
        .output()
        .unwrap();
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert_eq!(rules.len(), 11, "every rule described");
}

/// A project folder with `tarjuman.toml` and a copy of some fixtures in
/// `glossaries/`.
fn project(toml: &str, fixtures: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("tarjuman.toml"), toml).unwrap();
    let glossaries = dir.path().join("glossaries");
    std::fs::create_dir_all(&glossaries).unwrap();
    for name in fixtures {
        std::fs::copy(fixture(name), glossaries.join(name)).unwrap();
    }
    dir
}

#[test]
fn rules_table_changes_severity_and_turns_rules_off() {
    let dir = project(
        "[rules]\nmixed-script = \"warning\"\nurdu-codepoint = \"off\"\ninvisible-char = \"info\"\n",
        &["script.csv"],
    );
    let out = lint(dir.path())
        .args(["--format", "json", "glossaries/script.csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "no error-level findings left");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        rules(&report),
        pairs(&[
            ("invisible-char", "info"),
            ("mixed-script", "warning"),
            ("mixed-script", "warning"),
        ])
    );
    assert_eq!(report["summary"]["errors"], 0);
}

#[test]
fn unknown_rule_id_in_the_project_file_exits_2_with_line_and_column() {
    let dir = project(
        "source = \"en\"\n[rules]\nmixed-scripts = \"off\"\n",
        &["clean.csv"],
    );
    let out = lint(dir.path())
        .arg("glossaries/clean.csv")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("tarjuman.toml:3:1: unknown rule `mixed-scripts` in [rules]"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
    let dir = project("[rules]\nmixed-script = \"fatal\"\n", &["clean.csv"]);
    let out = lint(dir.path())
        .arg("glossaries/clean.csv")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("tarjuman.toml:2:16: unknown variant `fatal`"),
        "{stderr}"
    );
}

#[test]
fn configured_paths_folders_and_ignore() {
    let dir = project(
        "[glossary]\npaths = [\"glossaries\"]\n[lint]\nignore = [\"glossaries/script.*\", \"**/malformed.tbx\"]\n",
        &[
            "clean.tbx",
            "script.csv",
            "script.tbx",
            "malformed.tbx",
            "whitespace.csv",
        ],
    );
    let out = lint(dir.path())
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        report["summary"]["files"], 2,
        "clean.tbx and whitespace.csv"
    );
    let files: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert!(
        files.iter().all(|f| *f == "glossaries/whitespace.csv"),
        "{files:?}"
    );
    // A file named on the command line is linted even if ignored.
    let out = lint(dir.path())
        .args(["--format", "json", "glossaries/script.csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn no_paths_and_no_project_file_is_a_usage_error() {
    let dir = empty_dir();
    let out = lint(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("no glossary given"), "{stderr}");
}

#[test]
fn the_shipped_glossary_lints_clean_at_error_level() {
    // From the repository root: the project's own tarjuman.toml names
    // glossaries/names.tbx.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = lint(root).args(["--format", "json"]).output().unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["summary"]["errors"], 0, "{report}");
    assert_eq!(report["summary"]["files"], 1);
    assert_eq!(out.status.code(), Some(0));
    for name in ["glossaries/names.tbx", "glossaries/names.csv"] {
        let out = lint(root)
            .args(["--format", "json", name])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{name}");
    }
}

#[test]
fn help_has_an_example() {
    let dir = empty_dir();
    let out = lint(dir.path()).arg("--help").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("tarjuman glossary lint glossaries/names.tbx"),
        "{text}"
    );
    assert!(text.contains("--format"), "{text}");
}
