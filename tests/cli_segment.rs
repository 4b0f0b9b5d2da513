//! `tarjuman segment` run as a user runs it: the real binary, real files.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn tarjuman() -> Command {
    let mut cmd = Command::cargo_bin("tarjuman").unwrap();
    // Run in an empty folder outside the repository, so that no
    // tarjuman.toml applies: one for every run (a fresh one per command
    // was left behind by each), named for the checkout's owner.
    use std::os::unix::fs::MetadataExt;
    let user = std::fs::metadata(env!("CARGO_MANIFEST_DIR")).unwrap().uid();
    let dir = std::env::temp_dir().join(format!("tarjuman-cli-segment-tests-{user}"));
    std::fs::create_dir_all(&dir).unwrap();
    cmd.current_dir(dir);
    cmd
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn text_output_one_sentence_a_line_blank_line_between_paragraphs() {
    tarjuman()
        .args(["segment", "--lang", "en"])
        .write_stdin("Mr. Igor Borisov spoke. He left at 5 p.m. on Feb. 7.\n\nThe U.S. and Russia. Both agreed!\n")
        .assert()
        .success()
        .stdout("Mr. Igor Borisov spoke.\nHe left at 5 p.m. on Feb. 7.\n\nThe U.S. and Russia.\nBoth agreed!\n");
}

#[test]
fn json_offsets_cut_the_original_bytes() {
    let input = std::fs::read(fixture("releases/bom-crlf.en.txt")).unwrap();
    let out = tarjuman()
        .args(["segment", "--lang", "en", "--format", "json"])
        .arg(fixture("releases/bom-crlf.en.txt"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let json: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(json["lang"], "en");
    let segments = json["segments"].as_array().unwrap();
    let texts: Vec<&str> = segments
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        [
            "Senator Vladimir A. Chizhov arrived in Islamabad.",
            "He met H.E. Albert P. Khorev.",
            "They spoke.",
            "# Agenda",
            "- Trade.",
            "Energy.",
            "- Security"
        ]
    );
    let places: Vec<(u64, u64)> = segments
        .iter()
        .map(|s| {
            (
                s["paragraph"].as_u64().unwrap(),
                s["index"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        places,
        [(0, 0), (0, 1), (0, 2), (1, 0), (2, 0), (2, 1), (3, 0)]
    );
    assert_eq!(segments[0]["start"], 3, "the BOM is skipped but counted");
    for segment in segments {
        let (start, end) = (
            segment["start"].as_u64().unwrap() as usize,
            segment["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            std::str::from_utf8(&input[start..end]).unwrap(),
            segment["text"].as_str().unwrap()
        );
    }
}

#[test]
fn json_on_stdin_has_no_file_key() {
    let out = tarjuman()
        .args(["segment", "--lang", "ru", "--format", "json", "-"])
        .write_stdin("Сенатор В. А. Чижов прибыл. Его встретили.")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let json: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"lang": "ru", "segments": [
            {"paragraph": 0, "index": 0, "text": "Сенатор В. А. Чижов прибыл.", "start": 0, "end": 47},
            {"paragraph": 0, "index": 1, "text": "Его встретили.", "start": 48, "end": 74}
        ]})
    );
}

#[test]
fn urdu_release_sentences() {
    tarjuman()
        .args(["segment", "--lang", "ur"])
        .write_stdin("سینیٹر مشاہد حسین سید نے ملاقات کی۔ کیا وفد کل آئے گا؟\n")
        .assert()
        .success()
        .stdout("سینیٹر مشاہد حسین سید نے ملاقات کی۔\nکیا وفد کل آئے گا؟\n");
}

#[test]
fn invalid_utf8_is_an_error_naming_file_line_column_and_byte() {
    tarjuman()
        .args([
            "segment",
            "--lang",
            "en",
            &fixture("releases/invalid-utf8.en.txt"),
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "invalid-utf8.en.txt:2:48: invalid UTF-8 at byte 72",
        ));
}

#[test]
fn json_of_a_file_that_fails_half_way_leaves_no_half_line() {
    let out = tarjuman()
        .args([
            "segment",
            "--lang",
            "en",
            "--format",
            "json",
            &fixture("releases/bom-crlf.en.txt"),
            &fixture("releases/invalid-utf8.en.txt"),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8(out.stdout).unwrap();
    // The first file's line, whole; nothing of the second.
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.ends_with("]}\n"), "{stdout}");
    let first: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert!(first["file"].as_str().unwrap().ends_with("bom-crlf.en.txt"));
}

#[test]
fn empty_input_prints_nothing() {
    tarjuman()
        .args(["segment", "--lang", "en"])
        .write_stdin("")
        .assert()
        .success()
        .stdout("");
    tarjuman()
        .args(["segment", "--lang", "en"])
        .write_stdin("\n\n \n")
        .assert()
        .success()
        .stdout("");
}

#[test]
fn unknown_language_lists_the_supported_ones() {
    tarjuman()
        .args(["segment", "--lang", "de"])
        .write_stdin("Hallo.")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "supported languages are en, ur, ru",
        ));
}

#[test]
fn missing_file_names_it() {
    tarjuman()
        .args(["segment", "--lang", "en", "no-such-release.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-release.txt"));
}

#[test]
fn language_from_the_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("note.ru.txt");
    std::fs::write(
        &path,
        "Встреча состоялась в феврале 2024 г. Делегация вернулась.",
    )
    .unwrap();
    tarjuman()
        .arg("segment")
        .arg(&path)
        .assert()
        .success()
        .stdout("Встреча состоялась в феврале 2024 г.\nДелегация вернулась.\n");
}

#[test]
fn no_language_anywhere_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    tarjuman()
        .current_dir(dir.path())
        .arg("segment")
        .write_stdin("Text.")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("<stdin>: no language given"));
}

#[test]
fn project_file_gives_the_language_from_a_subfolder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("tarjuman.toml"), "source = \"ru\"\n").unwrap();
    std::fs::create_dir(dir.path().join("releases")).unwrap();
    tarjuman()
        .current_dir(dir.path().join("releases"))
        .arg("segment")
        .write_stdin("Это так. и никак иначе. Затем т. е. далее.")
        .assert()
        .success()
        .stdout("Это так. и никак иначе.\nЗатем т. е. далее.\n");
}

#[test]
fn unknown_key_in_project_file_is_an_error_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("tarjuman.toml"),
        "source = \"en\"\n\n[segment]\nsrx-rules = \"a.srx\"\n",
    )
    .unwrap();
    tarjuman()
        .current_dir(dir.path())
        .arg("segment")
        .write_stdin("Text.")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "tarjuman.toml:4:1: unknown field `srx-rules`",
        ));
}

#[test]
fn an_empty_first_file_adds_no_blank_line() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.en.txt"), dir.path().join("b.en.txt"));
    std::fs::write(&a, "").unwrap();
    std::fs::write(&b, "One. Two.").unwrap();
    tarjuman()
        .arg("segment")
        .arg(&a)
        .arg(&b)
        .assert()
        .success()
        .stdout("One.\nTwo.\n");
}

#[test]
fn a_bad_file_among_several_prints_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.en.txt");
    std::fs::write(&good, "One. Two.").unwrap();
    tarjuman()
        .arg("segment")
        .arg(&good)
        .arg(dir.path().join("missing.en.txt"))
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("missing.en.txt: cannot open"));
}

#[test]
fn a_wrapped_line_starting_with_a_year_stays_in_its_sentence() {
    tarjuman()
        .args(["segment", "--lang", "en"])
        .write_stdin("The treaty was signed on Feb. 7,\n2024. It enters into force.\n")
        .assert()
        .success()
        .stdout("The treaty was signed on Feb. 7, 2024.\nIt enters into force.\n");
}

#[test]
fn a_write_error_is_reported_once() {
    use std::io::Write as _;
    use std::process::{Command as Std, Stdio};
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return;
    };
    let mut child = Std::new(assert_cmd::cargo::cargo_bin("tarjuman"))
        .args(["segment", "--lang", "en"])
        .stdin(Stdio::piped())
        .stdout(full)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("One. Two.\n".repeat(20_000).as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("cannot write to standard output"),
        "{stderr}"
    );
    assert_eq!(
        stderr.matches("No space left on device").count(),
        1,
        "{stderr}"
    );
}

#[test]
fn several_files_are_separated_by_a_blank_line() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.en.txt"), dir.path().join("b.en.txt"));
    std::fs::write(&a, "One. Two.").unwrap();
    std::fs::write(&b, "Three.").unwrap();
    tarjuman()
        .arg("segment")
        .arg(&a)
        .arg(&b)
        .assert()
        .success()
        .stdout("One.\nTwo.\n\nThree.\n");
}

#[test]
fn help_has_an_example_and_version_works() {
    tarjuman()
        .args(["segment", "--help"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Examples:")
                .and(predicate::str::contains("tarjuman segment --lang")),
        );
    tarjuman()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("tarjuman "));
}

/// Every command's help has an example: the groups' too.
#[test]
fn every_command_has_an_example_in_its_help() {
    let commands: &[&[&str]] = &[
        &["segment"],
        &["lint"],
        &["check"],
        &["analyze"],
        &["glossary"],
        &["glossary", "lint"],
        &["glossary", "convert"],
        &["tm"],
        &["tm", "import"],
        &["tm", "export"],
        &["tm", "lookup"],
        &["tm", "concordance"],
        &["tm", "stats"],
        &["xliff"],
        &["xliff", "export"],
        &["xliff", "import"],
        &["xliff", "merge"],
    ];
    for command in commands {
        let mut args = command.to_vec();
        args.push("--help");
        let expected = format!("tarjuman {}", command.join(" "));
        tarjuman()
            .args(&args)
            .assert()
            .success()
            .stdout(predicate::str::contains("Examples:").and(predicate::str::contains(expected)));
    }
}

#[test]
fn the_sample_releases_segment_with_the_repo_config() {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = tarjuman()
        .current_dir(root)
        .args([
            "segment",
            "releases/2024-02-07-senate-defence-committee.en.txt",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("\nSenator Chizhov was accompanied by the Russian Ambassador to Pakistan, H.E. Albert P. Khorev,"));
    assert!(text.contains("\nThe meeting began at 10.30 a.m. and lasted nearly two hours.\n"));
}
