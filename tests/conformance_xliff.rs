//! What `tarjuman xliff export` writes validates against the OASIS schemas
//! in `../shared/schemas/`: XLIFF 1.2 strict (xmllint), XLIFF 2.0 and 2.1
//! core with the modules used (xmllint with the driver schema
//! `xliff_2.1_core_and_modules.xsd`), and the 2.x Schematron rules (jing
//! with the official `xliff_2_advanced_validation.nvdl`: unique ids,
//! trgLang consistency, matches and glossary references).
//!
//! Without the schemas or validators the tests print a note and pass,
//! except under CI (`CI` set), where they fail: `.ci/run` installs
//! `libxml2-utils` and `jing`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![allow(clippy::print_stderr)]

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;
use common::available;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn schema(relative: &str) -> Option<PathBuf> {
    let path = root().join("../shared/schemas").join(relative);
    available(path.is_file(), &format!("../shared/schemas/{relative}")).then_some(path)
}

fn tool(name: &str, install: &str) -> bool {
    let present = Command::new(name).arg("--help").output().is_ok();
    available(present, &format!("`{name}` ({install})"))
}

fn xmllint(files: &[PathBuf], xsd: &Path) {
    if !tool("xmllint", "apt-get install -y libxml2-utils") {
        return;
    }
    let out = Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema"])
        .arg(xsd)
        .args(files)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "xmllint rejects {files:?}:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// One jing run for all the files: its start-up is most of the time.
fn jing_nvdl(files: &[PathBuf]) {
    let Some(nvdl) = schema("xliff2/xliff_2_advanced_validation.nvdl") else {
        return;
    };
    if !tool("jing", "apt-get install -y jing") {
        return;
    }
    let out = Command::new("jing")
        .arg(&nvdl)
        .args(files)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "jing (NVDL, Schematron) rejects {files:?}:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn validate(files: &[PathBuf], version: &str) {
    assert!(!files.is_empty());
    if version == "1.2" {
        if let Some(xsd) = schema("xliff12/xliff-core-1.2-strict.xsd") {
            xmllint(files, &xsd);
        }
    } else {
        if let Some(xsd) = schema("xliff2/xliff_2.1_core_and_modules.xsd") {
            xmllint(files, &xsd);
        }
        jing_nvdl(files);
    }
}

/// Exports `release` with the shipped memory and glossary into a fresh
/// folder and returns the files written.
fn export(dir: &Path, release: &Path, version: &str, extra: &[&str]) -> Vec<PathBuf> {
    let stem = release.file_stem().unwrap().to_string_lossy();
    let out = dir.join(format!("out-{version}-{}-{stem}", extra.join("")));
    let status = assert_cmd::Command::cargo_bin("tarjuman")
        .unwrap()
        .current_dir(root())
        .args(["xliff", "export", "--xliff", version, "--to", "ur,ru", "-o"])
        .arg(&out)
        .arg("--db")
        .arg(dir.join("tm.sqlite"))
        .args(extra)
        .arg(release)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let mut files: Vec<PathBuf> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xlf"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 2, "{files:?}");
    files
}

fn releases() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("releases"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".en.txt"))
        .collect();
    files.sort();
    files.push(root().join("tests/fixtures/export/special.en.txt"));
    files
}

/// A database holding the shipped memory.
fn memory(dir: &Path) {
    let mut store = tarjuman::tm::Store::open(&dir.join("tm.sqlite")).unwrap();
    store
        .import(&[root().join("tmx/press-releases.tmx")], false, &mut |_| {})
        .unwrap();
}

#[test]
fn xliff_1_2_exports_are_valid_strict_xliff() {
    let dir = tempfile::tempdir().unwrap();
    memory(dir.path());
    let mut files = Vec::new();
    for release in releases() {
        for extra in [&[][..], &["--no-copy-source"][..], &["--for", "omegat"][..]] {
            files.extend(export(dir.path(), &release, "1.2", extra));
        }
    }
    validate(&files, "1.2");
}

#[test]
fn xliff_2_exports_are_valid_core_modules_and_schematron() {
    let dir = tempfile::tempdir().unwrap();
    memory(dir.path());
    let mut files = Vec::new();
    for release in releases() {
        for version in ["2.0", "2.1"] {
            for extra in [&[][..], &["--no-copy-source"][..]] {
                files.extend(export(dir.path(), &release, version, extra));
            }
        }
    }
    validate(&files, "2.1");
}

/// The validators are not asleep: a file breaking a rule is rejected.
#[test]
fn validators_reject_broken_files() {
    let dir = tempfile::tempdir().unwrap();
    memory(dir.path());
    let release = root().join("tests/fixtures/export/special.en.txt");
    let files = export(dir.path(), &release, "2.1", &[]);
    let text = std::fs::read_to_string(&files[0]).unwrap();
    // Two segments with one id in one unit breaks a Schematron rule.
    let broken = text.replacen("<segment id=\"s2\"", "<segment id=\"s1\"", 1);
    assert_ne!(broken, text);
    let path = dir.path().join("broken.xlf");
    std::fs::write(&path, broken).unwrap();
    if let Some(nvdl) = schema("xliff2/xliff_2_advanced_validation.nvdl")
        && tool("jing", "apt-get install -y jing")
    {
        let out = Command::new("jing").arg(&nvdl).arg(&path).output().unwrap();
        assert!(!out.status.success(), "jing accepted duplicate segment ids");
    }
    let files = export(dir.path(), &release, "1.2", &[]);
    let text = std::fs::read_to_string(&files[0]).unwrap();
    let broken = text.replacen("<seg-source>", "<seg-source bogus=\"1\">", 1);
    let path = dir.path().join("broken-1.2.xlf");
    std::fs::write(&path, broken).unwrap();
    if let Some(xsd) = schema("xliff12/xliff-core-1.2-strict.xsd")
        && tool("xmllint", "apt-get install -y libxml2-utils")
    {
        let out = Command::new("xmllint")
            .args(["--noout", "--nonet", "--schema"])
            .arg(&xsd)
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            !out.status.success(),
            "xmllint accepted an unknown attribute"
        );
    }
}
