//! Segmentation cases as data: `tests/fixtures/segment/*.jsonl`, one case a
//! line, `{"name", "input", "expected"}`. Every case of every file must pass;
//! a failure lists each case that broke with what came out.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::Path;

use serde::Deserialize;
use tarjuman::Lang;
use tarjuman::segment::Segmenter;
use tarjuman::workflow::segment::segment_document;

#[derive(Deserialize)]
struct Case {
    name: String,
    input: String,
    expected: Vec<String>,
}

fn run(file: &str, lang: Lang) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/segment")
        .join(file); // absolute paths replace the join
    let text = std::fs::read_to_string(&path).unwrap();
    let segmenter = Segmenter::builtin(lang);
    let mut failures = Vec::new();
    let mut count = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let case: Case = serde_json::from_str(line).unwrap();
        count += 1;
        // Through the reader the command uses: blocks, headings, lists.
        let mut got = Vec::new();
        segment_document(case.input.as_bytes(), None, &segmenter, |sentence| {
            got.push(sentence.text.to_string());
            Ok(())
        })
        .unwrap();
        if got != case.expected {
            failures.push(format!(
                "{}\n  input:    {:?}\n  expected: {:?}\n  got:      {:?}",
                case.name, case.input, case.expected, got
            ));
        }
    }
    assert!(count > 0, "no cases in {file}");
    assert!(
        failures.is_empty(),
        "{} of {count} cases failed in {file}:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn golden_en() {
    run("golden_en.jsonl", Lang::En);
}

#[test]
fn golden_ru() {
    run("golden_ru.jsonl", Lang::Ru);
}

#[test]
fn press_en() {
    run("press_en.jsonl", Lang::En);
}

#[test]
fn press_ru() {
    run("press_ru.jsonl", Lang::Ru);
}

#[test]
fn press_ur() {
    run("press_ur.jsonl", Lang::Ur);
}

#[test]
fn more_en() {
    run("more_en.jsonl", Lang::En);
}

#[test]
fn more_ru() {
    run("more_ru.jsonl", Lang::Ru);
}

#[test]
fn more_ur() {
    run("more_ur.jsonl", Lang::Ur);
}

/// Scores any case file: `TARJUMAN_CASES=FILE TARJUMAN_LANG=ru cargo test
/// --test segment_cases -- --ignored` (for case sets kept outside the repo).
#[test]
#[ignore = "needs TARJUMAN_CASES"]
fn external_cases() {
    let file = std::env::var("TARJUMAN_CASES").expect("TARJUMAN_CASES");
    let lang: Lang = std::env::var("TARJUMAN_LANG")
        .unwrap_or_else(|_| "en".into())
        .parse()
        .unwrap();
    run(&file, lang);
}
