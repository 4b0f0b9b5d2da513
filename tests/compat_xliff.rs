//! Real XLIFF readers written by others see in tarjuman's exports the
//! segments tarjuman sees: Translate Toolkit (PyPI `translate-toolkit`)
//! on XLIFF 1.2 and 2.1, and OmegaT 3.6 (Debian `omegat`) on 1.2 made
//! `--for omegat`. `tests/compat/readers.py` runs them; its README says
//! how each one reads XLIFF.
//!
//! Without a reader the tests print a note and pass, except under CI
//! (`CI` set), where they fail: `.ci/run` installs both.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![allow(clippy::print_stderr)]

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use tarjuman::xliff::{self, Part};

mod common;
use common::available;

const RELEASE: &str = "releases/2024-03-05-senate-chairman-receives-khorev.en.txt";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// What `reader` sees in `file`, or `None` when it is not installed.
fn read_with(reader: &str, file: &Path, extra: &[&str]) -> Option<Value> {
    let out = Command::new("python3")
        .arg(root().join("tests/compat/readers.py"))
        .arg(reader)
        .arg(file)
        .args(extra)
        .output()
        .unwrap();
    if out.status.code() == Some(3) {
        let how = String::from_utf8_lossy(&out.stderr);
        available(false, &format!("{reader} ({})", how.trim()));
        return None;
    }
    assert!(
        out.status.success(),
        "{reader} failed on {}: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    Some(serde_json::from_slice(&out.stdout).unwrap())
}

fn export(dir: &Path, args: &[&str]) -> PathBuf {
    let out = assert_cmd::Command::cargo_bin("tarjuman")
        .unwrap()
        .current_dir(root())
        .args(["xliff", "export", "--to", "ru", "--db"])
        .arg(dir.join("tm.sqlite"))
        .arg("-o")
        .arg(dir.join("out.xlf"))
        .args(args)
        .arg(RELEASE)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir.join("out.xlf")
}

fn memory(dir: &Path) {
    let mut store = tarjuman::tm::Store::open(&dir.join("tm.sqlite")).unwrap();
    store
        .import(&[root().join("tmx/press-releases.tmx")], false, &mut |_| {})
        .unwrap();
}

fn strings(units: &Value, field: &str) -> Vec<Option<String>> {
    units["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u[field].as_str().map(str::to_owned))
        .collect()
}

/// Translate Toolkit reads a 1.2 trans-unit whole (seg-source ignored):
/// each of its units must be one of tarjuman's, text for text.
#[test]
fn translate_toolkit_sees_the_units_of_xliff_1_2() {
    let dir = tempfile::tempdir().unwrap();
    memory(dir.path());
    let file = export(dir.path(), &[]);
    let Some(seen) = read_with("translate-toolkit", &file, &[]) else {
        return;
    };
    let doc = xliff::read(&file).unwrap();
    let whole = |parts: &[Part], target: bool| -> String {
        parts
            .iter()
            .map(|p| match p {
                Part::Segment(s) if target => {
                    s.target.as_ref().map(|t| t.plain()).unwrap_or_default()
                }
                Part::Segment(s) => s.source.plain(),
                Part::Ignorable { source, target: t } if target => {
                    t.as_ref().unwrap_or(source).plain()
                }
                Part::Ignorable { source, .. } => source.plain(),
            })
            .collect()
    };
    let ours: Vec<_> = doc.files[0]
        .units
        .iter()
        .map(|u| Some(whole(&u.parts, false)))
        .collect();
    assert_eq!(strings(&seen, "source"), ours);
    let ours: Vec<_> = doc.files[0]
        .units
        .iter()
        .map(|u| Some(whole(&u.parts, true)))
        .collect();
    assert_eq!(strings(&seen, "target"), ours);
}

/// In 2.1 Translate Toolkit reads one unit per segment.
#[test]
fn translate_toolkit_sees_the_segments_of_xliff_2_1() {
    let dir = tempfile::tempdir().unwrap();
    memory(dir.path());
    let file = export(dir.path(), &["--xliff", "2.1"]);
    let Some(seen) = read_with("translate-toolkit", &file, &[]) else {
        return;
    };
    let doc = xliff::read(&file).unwrap();
    let segments: Vec<_> = doc.files[0]
        .units
        .iter()
        .flat_map(|u| u.segments())
        .collect();
    let sources: Vec<_> = segments.iter().map(|s| Some(s.source.plain())).collect();
    let targets: Vec<_> = segments
        .iter()
        .map(|s| s.target.as_ref().map(|t| t.plain()))
        .collect();
    assert_eq!(strings(&seen, "source"), sources);
    assert_eq!(strings(&seen, "target"), targets);
    assert_eq!(segments.len(), 35);
}

/// OmegaT 3.6 translates the targets of a 1.2 file: made `--for omegat`,
/// every target is the source, so it sees tarjuman's sentences, one entry
/// per segment.
#[test]
fn omegat_sees_the_segments_of_an_omegat_export() {
    let dir = tempfile::tempdir().unwrap();
    memory(dir.path());
    let file = export(dir.path(), &["--for", "omegat"]);
    let Some(seen) = read_with(
        "omegat",
        &file,
        &["--source", "en", "--target", "ru", "--no-sentence-seg"],
    ) else {
        return;
    };
    let doc = xliff::read(&file).unwrap();
    let sources: Vec<_> = doc.files[0]
        .units
        .iter()
        .flat_map(|u| u.segments())
        .map(|s| Some(s.source.plain()))
        .collect();
    assert_eq!(strings(&seen, "source"), sources);
}
