//! `tarjuman segment` with SRX rules, run as a user runs it: the real
//! binary, the SRX files under `tests/fixtures/srx/`, and a project file.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn tarjuman() -> Command {
    let mut cmd = Command::cargo_bin("tarjuman").unwrap();
    // Run outside the repo so that its tarjuman.toml does not apply.
    cmd.current_dir(std::env::temp_dir());
    cmd
}

fn srx(name: &str) -> String {
    format!("{}/tests/fixtures/srx/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// An SRX 2.0 file with one rule set, `rules`, mapped from each of
/// `patterns`.
fn srx_doc(patterns: &[&str], rules: &str) -> String {
    let maps: String = patterns
        .iter()
        .map(|p| {
            format!("      <languagemap languagepattern=\"{p}\" languagerulename=\"Rules\"/>\n")
        })
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0">
  <header segmentsubflows="yes" cascade="no"/>
  <body>
    <languagerules>
      <languagerule languagerulename="Rules">
{rules}
      </languagerule>
    </languagerules>
    <maprules>
{maps}    </maprules>
  </body>
</srx>
"#
    )
}

#[test]
fn press_srx_english_keeps_titles_and_dates_together() {
    tarjuman()
        .args(["segment", "--lang", "en", "--srx", &srx("press.srx")])
        .write_stdin(
            "Mr. Igor Borisov will arrive on Feb. 14 with the delegation. \
             The talks begin the next day.\n",
        )
        .assert()
        .success()
        .stdout(
            "Mr. Igor Borisov will arrive on Feb. 14 with the delegation.\n\
             The talks begin the next day.\n",
        );
}

#[test]
fn press_srx_russian_keeps_initials_and_breaks_after_t_d() {
    tarjuman()
        .args(["segment", "--lang", "ru", "--srx", &srx("press.srx")])
        .write_stdin(
            "Сенатор В. А. Чижов прибыл в Исламабад. Обсуждались торговля, энергетика \
             и т. д. Стороны договорились о новой встрече.\n",
        )
        .assert()
        .success()
        .stdout(
            "Сенатор В. А. Чижов прибыл в Исламабад.\n\
             Обсуждались торговля, энергетика и т. д.\n\
             Стороны договорились о новой встрече.\n",
        );
}

#[test]
fn press_srx_urdu_breaks_after_full_stop_and_question_mark() {
    tarjuman()
        .args(["segment", "--lang", "ur", "--srx", &srx("press.srx")])
        .write_stdin(
            "سینیٹر مشاہد حسین سید نے روسی وفد کا خیرمقدم کیا۔ کیا انتخابات پر بات ہوئی؟ \
             جی ہاں، تفصیل سے۔\n",
        )
        .assert()
        .success()
        .stdout(
            "سینیٹر مشاہد حسین سید نے روسی وفد کا خیرمقدم کیا۔\n\
             کیا انتخابات پر بات ہوئی؟\n\
             جی ہاں، تفصیل سے۔\n",
        );
}

/// An English sentence about Urdu punctuation: `۔` and `؟` do not end it.
const ABOUT_URDU: &str = "In Urdu the full stop is ۔ and the question mark is ؟ as in Persian. \
                          Both follow the word without a space.\n";

#[test]
fn newsroom_srx_cascade_no_uses_only_the_first_matching_map() {
    // English gets "English newsroom" alone, which ends sentences at
    // . ! ? only: the Urdu marks quoted in the text do not split it.
    tarjuman()
        .args(["segment", "--lang", "en", "--srx", &srx("newsroom.srx")])
        .write_stdin(ABOUT_URDU)
        .assert()
        .success()
        .stdout(
            "In Urdu the full stop is ۔ and the question mark is ؟ as in Persian.\n\
             Both follow the word without a space.\n",
        );
    // The same file with cascade="yes" adds the "Fallback" set (map `.*`),
    // whose break rule also fires after ۔ and ؟: the difference cascade="no"
    // makes, and the wrong split it avoids here.
    let dir = tempfile::tempdir().unwrap();
    let cascading = dir.path().join("newsroom-cascade.srx");
    let xml = std::fs::read_to_string(srx("newsroom.srx")).unwrap();
    let header = "<header segmentsubflows=\"yes\" cascade=\"no\">";
    assert!(xml.contains(header));
    let xml = xml.replace(header, "<header segmentsubflows=\"yes\" cascade=\"yes\">");
    std::fs::write(&cascading, xml).unwrap();
    tarjuman()
        .args(["segment", "--lang", "en", "--srx"])
        .arg(&cascading)
        .write_stdin(ABOUT_URDU)
        .assert()
        .success()
        .stdout(
            "In Urdu the full stop is ۔\n\
             and the question mark is ؟\n\
             as in Persian.\n\
             Both follow the word without a space.\n",
        );
}

#[test]
fn json_with_srx_offsets_cut_the_original_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("visit.ru.txt");
    let input = "Сенатор В. А. Чижов прибыл в Исламабад. Его встретил г-н М. Хусейн.\n\n\
                 Обсуждались торговля, энергетика и т. д. Стороны договорились о встрече.\n";
    std::fs::write(&path, input).unwrap();
    let out = tarjuman()
        .args(["segment", "--srx", &srx("press.srx"), "--format", "json"])
        .arg(&path)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let json: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(json["lang"], "ru");
    let segments = json["segments"].as_array().unwrap();
    let found: Vec<(u64, u64, &str)> = segments
        .iter()
        .map(|s| {
            (
                s["paragraph"].as_u64().unwrap(),
                s["index"].as_u64().unwrap(),
                s["text"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (0, 0, "Сенатор В. А. Чижов прибыл в Исламабад."),
            (0, 1, "Его встретил г-н М. Хусейн."),
            (1, 0, "Обсуждались торговля, энергетика и т. д."),
            (1, 1, "Стороны договорились о встрече."),
        ]
    );
    for segment in segments {
        let (start, end) = (
            segment["start"].as_u64().unwrap() as usize,
            segment["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&input[start..end], segment["text"].as_str().unwrap());
    }
}

#[test]
fn unsupported_regex_names_file_line_column_rule_and_construct() {
    tarjuman()
        .args([
            "segment",
            "--lang",
            "en",
            "--srx",
            &srx("unsupported-regex.srx"),
        ])
        .write_stdin("Mr. Borisov spoke. He left.\n")
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            predicate::str::contains("unsupported-regex.srx:14:11:")
                .and(predicate::str::contains(
                    "languagerule \"English\", rule 2, <afterbreak>",
                ))
                .and(predicate::str::contains("`\\p{javaUpperCase}`")),
        );
}

#[test]
fn malformed_srx_gives_line_and_column() {
    tarjuman()
        .args(["segment", "--lang", "en", "--srx", &srx("malformed.srx")])
        .write_stdin("One. Two.\n")
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            predicate::str::contains("malformed.srx:9:54:")
                .and(predicate::str::contains("malformed XML")),
        );
}

#[test]
fn missing_srx_file_names_it() {
    tarjuman()
        .args(["segment", "--lang", "en", "--srx", "no-such-rules.srx"])
        .write_stdin("One. Two.\n")
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "no-such-rules.srx: cannot read SRX file",
        ));
}

#[test]
fn no_language_map_for_the_language_lists_the_patterns() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("en-ur.srx");
    let xml = srx_doc(
        &["EN.*", "UR.*"],
        r"<rule><beforebreak>[.?!۔؟]</beforebreak><afterbreak>\s</afterbreak></rule>",
    );
    std::fs::write(&path, xml).unwrap();
    tarjuman()
        .args(["segment", "--lang", "ru", "--srx"])
        .arg(&path)
        .write_stdin("Сенатор прибыл. Его встретили.\n")
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "en-ur.srx: no languagemap matches language `ru` (language patterns: \"EN.*\", \"UR.*\")",
        ));
}

#[test]
fn project_file_srx_is_used_without_the_flag() {
    // Rules that break after every comma as well as after a sentence end,
    // which the built-in rules never do.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("rules")).unwrap();
    std::fs::write(
        dir.path().join("rules/clauses.srx"),
        srx_doc(
            &[".*"],
            r"<rule><beforebreak>[,.?!]</beforebreak><afterbreak>\s</afterbreak></rule>",
        ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("tarjuman.toml"),
        "source = \"en\"\n\n[segment]\nsrx = \"rules/clauses.srx\"\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("releases")).unwrap();
    let text = "Senator Chizhov arrived, met the delegation, and left. The talks went well.\n";
    // From a subfolder: the path is relative to tarjuman.toml.
    tarjuman()
        .current_dir(dir.path().join("releases"))
        .arg("segment")
        .write_stdin(text)
        .assert()
        .success()
        .stdout(
            "Senator Chizhov arrived,\n\
             met the delegation,\n\
             and left.\n\
             The talks went well.\n",
        );
    // --srx overrides the project file.
    tarjuman()
        .current_dir(dir.path())
        .args(["segment", "--srx", &srx("press.srx")])
        .write_stdin(text)
        .assert()
        .success()
        .stdout(
            "Senator Chizhov arrived, met the delegation, and left.\n\
             The talks went well.\n",
        );
}
