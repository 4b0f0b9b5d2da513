//! `tarjuman glossary convert` run as a user runs it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use tarjuman::glossary::{Glossary, Matching, Status};

fn tarjuman() -> Command {
    let mut cmd = Command::cargo_bin("tarjuman").unwrap();
    cmd.current_dir(std::env::temp_dir());
    cmd
}

fn shipped(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("glossaries")
        .join(name)
}

fn convert(input: &Path, output: &Path) -> assert_cmd::assert::Assert {
    tarjuman()
        .args(["glossary", "convert"])
        .arg(input)
        .arg("-o")
        .arg(output)
        .assert()
}

#[test]
fn tbx_to_csv_to_tbx_gives_the_same_tbx() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("names.csv");
    let tsv = dir.path().join("names.tsv");
    let tbx = dir.path().join("names.tbx");
    let tbx2 = dir.path().join("names2.tbx");
    convert(&shipped("names.tbx"), &csv).success().stdout("");
    convert(&csv, &tbx).success();
    convert(&shipped("names.tbx"), &tsv).success();
    convert(&tsv, &tbx2).success();
    let original = std::fs::read_to_string(shipped("names.tbx")).unwrap();
    assert_eq!(std::fs::read_to_string(&tbx).unwrap(), original);
    assert_eq!(std::fs::read_to_string(&tbx2).unwrap(), original);
}

#[test]
fn the_shipped_csv_is_the_export_of_the_shipped_tbx() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("names.csv");
    convert(&shipped("names.tbx"), &csv).success();
    assert_eq!(
        std::fs::read_to_string(&csv).unwrap(),
        std::fs::read_to_string(shipped("names.csv")).unwrap(),
        "glossaries/names.csv is stale: run python3 glossaries/build.py"
    );
}

#[test]
fn the_shipped_glossary_keeps_statuses_notes_and_russian_forms() {
    let glossary = Glossary::load(&shipped("names.tbx")).unwrap();
    let chizhov = &glossary.concepts[0];
    assert_eq!(chizhov.id, "seed-001");
    let misspelled = chizhov
        .terms
        .iter()
        .find(|t| t.text == "Vladmir Chizhov")
        .unwrap();
    assert_eq!(misspelled.status, Status::Forbidden);
    assert_eq!(
        misspelled.note.as_deref(),
        Some("MISSPELLING in the source release")
    );
    let ru = chizhov.preferred("ru").unwrap();
    let Matching::Forms(forms) = &ru.matching else {
        panic!("no forms: {:?}", ru.matching)
    };
    assert!(forms.iter().any(|f| f == "Чижовым"));
    assert!(forms.iter().any(|f| f == "сенатор Чижов"));
}

const TBX_2008: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en">
  <martifHeader><fileDesc><sourceDesc><p>old</p></sourceDesc></fileDesc></martifHeader>
  <text><body>
    <termEntry id="e1">
      <descrip type="subjectField">politics</descrip>
      <note>kind: title</note>
      <langSet xml:lang="en">
        <tig><term>Senator</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          <termNote type="partOfSpeech">noun</termNote></tig>
        <tig><term>Sentor</term>
          <termNote type="administrativeStatus">supersededTerm-admn-sts</termNote>
          <note>typo</note></tig>
      </langSet>
      <langSet lang="ru"><tig><term>сенатор</term></tig></langSet>
    </termEntry>
  </body></text>
</martif>
"#;

#[test]
fn tbx_2008_becomes_tbx_2019() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.tbx");
    let new = dir.path().join("new.tbx");
    std::fs::write(&old, TBX_2008).unwrap();
    convert(&old, &new).success();
    let text = std::fs::read_to_string(&new).unwrap();
    for expected in [
        r#"<tbx type="TBX-Basic" style="dct""#,
        r#"<conceptEntry id="e1">"#,
        "<min:subjectField>politics</min:subjectField>",
        "<note>kind: title</note>",
        r#"<langSec xml:lang="ru">"#,
        "<min:partOfSpeech>noun</min:partOfSpeech>",
        "<min:administrativeStatus>supersededTerm-admn-sts</min:administrativeStatus>",
        "<note>typo</note>",
    ] {
        assert!(text.contains(expected), "{expected} missing in\n{text}");
    }
    let before = Glossary::load(&old).unwrap();
    let after = Glossary::load(&new).unwrap();
    assert_eq!(
        after.concepts[0].terms.len(),
        before.concepts[0].terms.len()
    );
    assert_eq!(after.concepts[0].kind, before.concepts[0].kind);
}

#[test]
fn omegat_tab_separated_glossary_takes_languages_from_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("terms.en-ru.txt");
    let csv = dir.path().join("terms.csv");
    std::fs::write(&txt, "Senate\tСенат\tupper house\n").unwrap();
    convert(&txt, &csv).success();
    assert_eq!(
        std::fs::read_to_string(&csv).unwrap(),
        "id,note,en,en:status,ru,ru:status\nc1,upper house,Senate,preferred,Сенат,preferred\n"
    );
}

#[test]
fn bad_input_exits_2_with_file_line_column_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.tbx");
    let out = dir.path().join("out.csv");
    std::fs::write(
        &bad,
        "<tbx>\n<text><body><conceptEntry id=\"a\"><langSec xml:lang=\"en\"><termSec><term>x</term>\n</langSec>",
    )
    .unwrap();
    convert(&bad, &out)
        .code(2)
        .stderr(predicate::str::contains("bad.tbx:3:1:"));
    assert!(!out.exists());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);

    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "en,ru\nSenate,Сенат\n\"open,x\n").unwrap();
    convert(&bad, &dir.path().join("out.tbx"))
        .code(2)
        .stderr(predicate::str::contains(
            "bad.csv:3:1: quoted field is not closed",
        ));
}

#[test]
fn entity_declarations_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("xxe.tbx");
    std::fs::write(
        &bad,
        "<?xml version=\"1.0\"?>\n<!DOCTYPE tbx [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<tbx>&x;</tbx>\n",
    )
    .unwrap();
    convert(&bad, &dir.path().join("out.csv"))
        .code(2)
        .stderr(predicate::str::contains("xxe.tbx:2:1: DOCTYPE"));
}

#[test]
fn unknown_extension_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    convert(&shipped("names.tbx"), &dir.path().join("names.xlsx"))
        .code(2)
        .stderr(predicate::str::contains("unknown glossary format"));
}

#[test]
fn help_has_an_example() {
    tarjuman()
        .args(["glossary", "convert", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "tarjuman glossary convert glossaries/names.tbx -o glossaries/names.csv",
        ));
}
