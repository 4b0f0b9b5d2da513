#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! `tarjuman lint`: the seed release, Russian and Urdu releases, JSON
//! output, exit codes and `[rules]` severities.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn glossary() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("glossaries/names.tbx")
}

/// `tarjuman lint` run from `dir` (a folder without `tarjuman.toml` above
/// it, unless the test writes one).
fn lint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("tarjuman").unwrap();
    cmd.current_dir(dir).env_remove("NO_COLOR");
    cmd.arg("lint");
    cmd
}

/// The JSON report and exit code of `lint --glossary <shipped> args`.
fn json(dir: &Path, args: &[&str]) -> (Value, i32) {
    let out = lint(dir)
        .arg("--glossary")
        .arg(glossary())
        .args(["--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let value: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    (value, out.status.code().unwrap())
}

/// `(rule, line, flagged text)` of each finding.
fn findings(report: &Value, text: &str) -> Vec<(String, u64, String)> {
    let lines: Vec<&str> = text.lines().collect();
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let line = d["line"].as_u64().unwrap();
            let column = d["column"].as_u64().unwrap() as usize;
            let end = d["end_column"].as_u64().unwrap() as usize;
            let flagged: String = lines[line as usize - 1]
                .chars()
                .skip(column - 1)
                .take(end - column)
                .collect();
            (d["rule"].as_str().unwrap().to_owned(), line, flagged)
        })
        .collect()
}

fn finding(rule: &str, line: u64, text: &str) -> (String, u64, String) {
    (rule.to_owned(), line, text.to_owned())
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    std::fs::write(dir.join(name), text).unwrap();
    name.to_owned()
}

#[test]
fn seed_release_reports_only_the_misspelt_chizhov() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/reference/seed-release.txt");
    if !path.is_file() {
        assert!(
            std::env::var_os("CI").is_none_or(|v| v != "true"),
            "{} is missing",
            path.display()
        );
        eprintln!("note: {} is missing; skipped", path.display());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let (report, code) = json(dir.path(), &["--lang", "en", path.to_str().unwrap()]);
    assert_eq!(
        findings(&report, &text),
        [finding("term-forbidden", 5, "Vladmir Chizhov")]
    );
    assert_eq!(code, 1);
    let d = &report["diagnostics"][0];
    assert_eq!(d["severity"], "error");
    assert_eq!(d["column"], 105);
    assert_eq!(d["unit"], "seed-001");
    assert_eq!(d["suggestion"], "Vladimir A. Chizhov");
}

#[test]
fn russian_misspelling_is_found_and_case_forms_are_not() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Сенатор Владмир Чижов прибыл в Исламабад.\n\n\
                Встреча Владимира Чижова с Мушахидом Хусейном Сайедом прошла в Исламабаде.\n";
    let name = write(dir.path(), "release.ru.txt", text);
    let (report, code) = json(dir.path(), &[&name]);
    assert_eq!(
        findings(&report, text),
        [finding("term-misspelled", 1, "Владмир")]
    );
    assert_eq!(report["diagnostics"][0]["suggestion"], "Владимир");
    assert_eq!(code, 0, "warnings only");
}

#[test]
fn urdu_forbidden_variant_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let text = "اسلام آباد: سینیٹر شیزو ولادمیر نے سینیٹر مشاہد حسین سید سے ملاقات کی۔\n";
    let name = write(dir.path(), "r.txt", text);
    let (report, code) = json(dir.path(), &["--lang", "ur", &name]);
    assert_eq!(
        findings(&report, text),
        [finding("term-forbidden", 1, "شیزو ولادمیر")]
    );
    assert_eq!(report["diagnostics"][0]["suggestion"], "ولادیمیر چیژوف");
    assert_eq!(code, 1);
}

#[test]
fn json_output_has_rule_position_unit_and_fix() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Mushahid Hussain Sayed met Senator Vladmir Chizhov.\n\nLater Senator Syed and Mushahid Husain spoke.\n";
    let name = write(dir.path(), "r.en.txt", text);
    let (report, code) = json(dir.path(), &[&name]);
    assert_eq!(
        findings(&report, text),
        [
            finding("term-forbidden", 1, "Vladmir Chizhov"),
            finding("name-inconsistent", 3, "Senator Syed"),
            finding("term-misspelled", 3, "Mushahid Husain"),
        ]
    );
    assert_eq!(code, 1);
    let misspelled = &report["diagnostics"][2];
    assert_eq!(misspelled["severity"], "warning");
    assert_eq!(misspelled["file"], "r.en.txt");
    assert_eq!(misspelled["unit"], "seed-002");
    assert_eq!(misspelled["suggestion"], "Mushahid Hussain");
    assert_eq!(misspelled["fix"]["replacement"], "Mushahid Hussain");
    assert_eq!(misspelled["fix"]["applicability"], "unsafe");
    assert_eq!(report["summary"]["errors"], 1);
    assert_eq!(report["summary"]["warnings"], 2);
    assert_eq!(report["summary"]["files"], 1);
}

#[test]
fn exit_codes_zero_one_two() {
    let dir = tempfile::tempdir().unwrap();
    let clean = write(
        dir.path(),
        "clean.txt",
        "Senator Vladimir Chizhov met Senator Sayed.\n",
    );
    let forbidden = write(dir.path(), "bad.txt", "Senator Vladmir Chizhov came.\n");
    std::fs::write(dir.path().join("latin1.txt"), b"Senator\nab\xe9c\n").unwrap();
    let run = |files: &[&str]| {
        lint(dir.path())
            .arg("--glossary")
            .arg(glossary())
            .args(["--lang", "en"])
            .args(files)
            .output()
            .unwrap()
    };
    assert_eq!(run(&[&clean]).status.code(), Some(0));
    assert_eq!(run(&[&forbidden]).status.code(), Some(1));
    let out = run(&[&clean, "latin1.txt", &forbidden]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("latin1.txt:2:3: invalid UTF-8"), "{stderr}");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("term-forbidden"),
        "the other files are still linted"
    );
    let out = run(&["missing.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.txt: cannot read"));
    // No language: usage error.
    let out = lint(dir.path())
        .arg("--glossary")
        .arg(glossary())
        .arg(&clean)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no language given"));
}

#[test]
fn rules_severities_from_tarjuman_toml() {
    let dir = tempfile::tempdir().unwrap();
    let config = format!(
        "source = \"en\"\n[glossary]\npaths = [{:?}]\n[rules]\nterm-misspelled = \"off\"\nterm-forbidden = \"warning\"\n",
        glossary().to_str().unwrap()
    );
    write(dir.path(), "tarjuman.toml", &config);
    let text = "Senator Vladmir Chizhov met Mushahid Husain.\n";
    let name = write(dir.path(), "r.txt", text);
    let out = lint(dir.path())
        .args(["--format", "json", &name])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        findings(&report, text),
        [finding("term-forbidden", 1, "Vladmir Chizhov")]
    );
    assert_eq!(report["diagnostics"][0]["severity"], "warning");
    assert_eq!(out.status.code(), Some(0));
    // An unknown rule id is still refused.
    write(
        dir.path(),
        "tarjuman.toml",
        "[rules]\nterm-mispelled = \"off\"\n",
    );
    let out = lint(dir.path()).arg(&name).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown rule `term-mispelled`"));
}
