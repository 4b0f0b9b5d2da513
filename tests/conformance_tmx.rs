//! What tarjuman writes as TMX validates against the TMX 1.4b DTD
//! (`../shared/schemas/tmx/tmx14.dtd`, with xmllint), and so do the
//! memories shipped in `tmx/`.
//!
//! Without the schema or xmllint the tests print a note and pass, except
//! under CI (`CI` set), where they fail: CI installs `libxml2-utils`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![allow(clippy::print_stderr)]

use std::path::{Path, PathBuf};
use std::process::Command;

use tarjuman::tm::Store;

mod common;
use common::available;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn dtd() -> Option<PathBuf> {
    let path = root().join("../shared/schemas/tmx/tmx14.dtd");
    available(path.is_file(), "../shared/schemas/tmx/tmx14.dtd").then_some(path)
}

fn validate(file: &Path) {
    let Some(dtd) = dtd() else { return };
    let xmllint = Command::new("xmllint").arg("--version").output().is_ok();
    if !available(xmllint, "`xmllint` (apt-get install -y libxml2-utils)") {
        return;
    }
    let out = Command::new("xmllint")
        .args(["--noout", "--nonet", "--dtdvalid"])
        .arg(&dtd)
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

fn shipped() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("tmx"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "tmx"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "tmx/ ships no memory");
    files
}

#[test]
fn shipped_memories_are_valid_tmx_14b() {
    for file in shipped() {
        validate(&file);
    }
}

#[test]
fn exported_memories_are_valid_tmx_14b() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("tm.sqlite")).unwrap();
    let mut files = shipped();
    files.push(root().join("tests/fixtures/tm/memory.tmx"));
    files.push(root().join("tests/fixtures/tm/old-version.tmx"));
    store.import(&files, false, &mut |_| {}).unwrap();

    for langs in [vec![], vec!["en".to_owned(), "ur".to_owned()]] {
        let out = dir.path().join(format!("export-{}.tmx", langs.join("-")));
        let file = std::fs::File::create(&out).unwrap();
        let written = store.export(&langs, std::io::BufWriter::new(file)).unwrap();
        assert!(written >= 223, "{written} units");
        validate(&out);
    }
}
