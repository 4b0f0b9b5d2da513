//! What tarjuman writes as TBX validates against the ISO 30042:2019 core
//! structure (RELAX NG, xmllint) and the TBX-Basic DCT rules (NVDL:
//! Schematron plus the Basic and Min modules, jing).
//!
//! The schemas live in `../shared/schemas`. Without them or without a
//! validator the tests print a note and pass, except under CI (`CI` set),
//! where they fail: CI installs `libxml2-utils` and `jing`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![allow(clippy::print_stderr)]

use std::path::{Path, PathBuf};
use std::process::Command;

use tarjuman::glossary::{Concept, Glossary, Kind, Matching, Status, Term};

mod common;
use common::available;

fn schemas() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/schemas/tbx/v3");
    available(
        dir.join("TBXcoreStructV03.rng").is_file(),
        "../shared/schemas/tbx/v3",
    )
    .then_some(dir)
}

fn installed(tool: &str) -> bool {
    available(
        Command::new(tool).arg("--help").output().is_ok(),
        &format!("`{tool}` (apt-get install -y libxml2-utils jing)"),
    )
}

/// Validates `file` with every validator that is available.
fn validate(file: &Path) {
    let Some(schemas) = schemas() else { return };
    if installed("xmllint") {
        let out = Command::new("xmllint")
            .args(["--noout", "--nonet", "--relaxng"])
            .arg(schemas.join("TBXcoreStructV03.rng"))
            .arg(file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "xmllint rejects {}:\n{}",
            file.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    if installed("jing") {
        let out = Command::new("jing")
            .arg(schemas.join("TBX-Basic_DCT.nvdl"))
            .arg(file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "jing (TBX-Basic DCT) rejects {}:\n{}",
            file.display(),
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

fn shipped() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("glossaries/names.tbx")
}

#[test]
fn the_shipped_glossary_validates() {
    validate(&shipped());
}

#[test]
fn the_shipped_glossary_rewritten_validates_and_is_unchanged() {
    let glossary = Glossary::load(&shipped()).unwrap();
    assert!(glossary.concepts.len() >= 30);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("names.tbx");
    glossary.save(&out).unwrap();
    validate(&out);
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        std::fs::read_to_string(shipped()).unwrap()
    );
}

fn term(lang: &str, text: &str, status: Status) -> Term {
    Term {
        lang: lang.into(),
        text: text.into(),
        status,
        part_of_speech: None,
        matching: Matching::Default,
        note: None,
        line: 0,
        column: 0,
    }
}

/// Every status, every matching, both kinds of part of speech, text that
/// needs escaping, a region subtag, a concept without an id.
fn small() -> Glossary {
    let mut pos_noun = term("en", "Senate & <House> \"quoted\"", Status::Preferred);
    pos_noun.part_of_speech = Some("noun".into());
    pos_noun.matching = Matching::Exact;
    let mut pos_proper = term("en", "Senat", Status::Deprecated);
    pos_proper.part_of_speech = Some("properNoun".into());
    pos_proper.note = Some("old\nspelling".into());
    let mut ru = term("ru", "Сенат", Status::Preferred);
    ru.matching = Matching::Forms(vec!["Сената".into(), "Сенату".into()]);
    let mut ur = term("ur-PK", "سینیٹ", Status::Admitted);
    ur.matching = Matching::Stem;
    Glossary {
        concepts: vec![
            Concept {
                id: "senate".into(),
                kind: Some(Kind::Org),
                subject: Some("politics".into()),
                note: Some("upper house".into()),
                terms: vec![
                    pos_noun,
                    pos_proper,
                    term("en", "Senatte", Status::Forbidden),
                    ru,
                    ur,
                ],
                line: 0,
            },
            Concept {
                id: String::new(),
                terms: vec![term("en", "Duma", Status::Preferred)],
                ..Concept::default()
            },
        ],
    }
}

#[test]
fn a_small_glossary_with_every_property_validates() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("small.tbx");
    small().save(&out).unwrap();
    validate(&out);
}

#[test]
fn a_glossary_read_from_csv_validates() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("in.csv");
    std::fs::write(
        &csv,
        "en,ru,ur,status,note\nSenator,сенатор,سینیٹر,,a title\nSen.,,,admitted,\n",
    )
    .unwrap();
    let out = dir.path().join("out.tbx");
    Glossary::load(&csv).unwrap().save(&out).unwrap();
    validate(&out);
}

#[test]
fn a_small_glossary_survives_csv_and_tsv() {
    let dir = tempfile::tempdir().unwrap();
    let direct = dir.path().join("direct.tbx");
    small().save(&direct).unwrap();
    for name in ["small.csv", "small.tsv"] {
        let table = dir.path().join(name);
        let back = dir.path().join(format!("{name}.tbx"));
        small().save(&table).unwrap();
        Glossary::load(&table).unwrap().save(&back).unwrap();
        assert_eq!(
            std::fs::read_to_string(&back).unwrap(),
            std::fs::read_to_string(&direct).unwrap(),
            "{name}"
        );
    }
}
