//! Baselines: today's findings, accepted, so that CI fails only on new
//! ones.
//!
//! A baseline is a JSON file that `check --write-baseline FILE` writes and
//! `check --baseline FILE` reads:
//!
//! ```json
//! {"version":1,"findings":[
//!   {"rule":"number-mismatch","file":"tmx/press.tmx","unit":"pr-12","source":"9f2c…","text":"۲۰۲۳","message":"…"}
//! ]}
//! ```
//!
//! A finding is known by its rule, its file (relative to the project
//! root, whatever folder `check` runs in), its unit, the hash of the
//! unit's source text and the text it is about (what the human format
//! underlines); not by its line or its message: editing other units, or a
//! message that quotes the job's statistics, does not make old findings
//! new. A TMX unit without a `tuid` (`tu 12`, its number) is known by its
//! source alone, so inserting units does not either. The message is kept
//! for the reader. Each entry accepts one finding, so a second finding of
//! the same kind on the same text of a unit is new. `parse-error`s are
//! never accepted.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::report::Report;

/// What the format's `version` is.
const VERSION: u32 = 1;

/// Accepted findings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    version: u32,
    findings: Vec<Entry>,
}

/// One accepted finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    rule: String,
    file: String,
    unit: Option<String>,
    /// The XXH3 hash of the unit's source text, in hex.
    source: String,
    /// The text the finding is about.
    text: String,
    /// For people reading the file; not compared.
    message: String,
}

impl Entry {
    /// What identifies the finding.
    fn key(&self) -> (&str, &str, Option<&str>, &str, &str) {
        // `tu 12` is a position, not a name.
        let unit = self.unit.as_deref().filter(|u| !u.starts_with("tu "));
        (&self.rule, &self.file, unit, &self.source, &self.text)
    }
}

/// The text a diagnostic is about: what its excerpt underlines, else its
/// span of the file.
fn about(report: &Report, d: &crate::report::Diagnostic) -> String {
    if let Some(excerpt) = &d.excerpt {
        let text = if excerpt.in_target {
            &excerpt.target
        } else {
            &excerpt.source
        };
        return text
            .get(excerpt.span.clone())
            .unwrap_or_default()
            .to_owned();
    }
    report
        .sources
        .get(d.source)
        .and_then(|s| s.text.get(d.span.clone()))
        .unwrap_or_default()
        .to_owned()
}

/// A baseline that cannot be read or written.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("{}: cannot read the baseline: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Not a baseline: bad JSON, unknown keys, another version.
    #[error("{}:{line}:{column}: not a tarjuman baseline: {message}", path.display())]
    Invalid {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{}: cannot write the baseline: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The file as a baseline names it: relative to `root` if it is under it,
/// with `/` separators.
fn file_name(path: &Path, root: &Path) -> String {
    let full = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let shown = full.strip_prefix(&root).unwrap_or(path);
    shown.to_string_lossy().replace('\\', "/")
}

/// The hash of the source text a diagnostic is about, if it has one.
fn source_hash(d: &crate::report::Diagnostic) -> String {
    d.excerpt.as_ref().map_or_else(String::new, |e| {
        format!("{:016x}", xxhash_rust::xxh3::xxh3_64(e.source.as_bytes()))
    })
}

impl Baseline {
    /// Every finding of `report` except parse errors; files are named
    /// relative to `root` (the project's folder).
    pub fn of(report: &Report, root: &Path) -> Baseline {
        let findings = report
            .diagnostics
            .iter()
            .filter(|d| d.rule != super::parse_error::RULE.id)
            .map(|d| Entry {
                rule: d.rule.to_owned(),
                file: report
                    .sources
                    .get(d.source)
                    .map(|s| file_name(&s.path, root))
                    .unwrap_or_default(),
                unit: d.unit.clone(),
                source: source_hash(d),
                text: about(report, d),
                message: d.message.clone(),
            })
            .collect();
        Baseline {
            version: VERSION,
            findings,
        }
    }

    /// The number of accepted findings.
    pub fn len(&self) -> usize {
        self.findings.len()
    }

    pub fn is_empty(&self) -> bool {
        self.findings.is_empty()
    }

    pub fn read(path: &Path) -> Result<Baseline, BaselineError> {
        let text = std::fs::read_to_string(path).map_err(|source| BaselineError::Read {
            path: path.to_owned(),
            source,
        })?;
        let baseline: Baseline =
            serde_json::from_str(&text).map_err(|e| BaselineError::Invalid {
                path: path.to_owned(),
                line: e.line(),
                column: e.column(),
                message: e.to_string(),
            })?;
        if baseline.version != VERSION {
            return Err(BaselineError::Invalid {
                path: path.to_owned(),
                line: 1,
                column: 1,
                message: format!(
                    "version {} (this tarjuman reads version {VERSION})",
                    baseline.version
                ),
            });
        }
        Ok(baseline)
    }

    /// Writes the baseline to `path`, one finding a line, atomically.
    pub fn write(&self, path: &Path) -> Result<(), BaselineError> {
        let mut text = format!("{{\"version\":{VERSION},\"findings\":[");
        for (i, entry) in self.findings.iter().enumerate() {
            text.push_str(if i == 0 { "\n  " } else { ",\n  " });
            text.push_str(&serde_json::to_string(entry).unwrap_or_default());
        }
        text.push_str("\n]}\n");
        crate::io::write_atomically(path, |out| std::io::Write::write_all(out, text.as_bytes()))
            .map_err(|source| BaselineError::Write {
                path: path.to_owned(),
                source,
            })
    }

    /// Takes the accepted findings out of `report` (files relative to
    /// `root`, as for [`Baseline::of`]); returns how many.
    pub fn apply(&self, report: &mut Report, root: &Path) -> usize {
        let mut left: HashMap<_, usize> = HashMap::new();
        for entry in &self.findings {
            *left.entry(entry.key()).or_default() += 1;
        }
        // Decide first, then drop: the entries borrow the report.
        let found = Baseline::of(report, root).findings;
        let accepted: Vec<bool> = found
            .iter()
            .map(|entry| match left.get_mut(&entry.key()) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    true
                }
                _ => false,
            })
            .collect();
        let mut accepted = accepted.into_iter();
        let before = report.diagnostics.len();
        report.diagnostics.retain(|d| {
            // Baseline::of skips parse errors: so does the walk here.
            d.rule == super::parse_error::RULE.id || !accepted.next().unwrap_or(false)
        });
        before - report.diagnostics.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Diagnostic, Severity, Source};

    /// A finding on each of `texts` (a letter of the file), with a message
    /// that changes from run to run.
    fn report(texts: &[&str]) -> Report {
        let mut report = Report::default();
        report.add_source(Source::new("tmx\\a.tmx".into(), "abc".into()));
        for (n, message) in texts.iter().enumerate() {
            let at = "abc".find(message).unwrap();
            report.diagnostics.push(Diagnostic {
                rule: "whitespace",
                severity: Severity::Warning,
                source: 0,
                span: at..at + 1,
                unit: Some("u1".into()),
                message: format!("{message} (run {n})"),
                suggestion: None,
                fix: None,
                excerpt: None,
            });
        }
        report
    }

    #[test]
    fn accepts_each_finding_once_and_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("baseline.json");
        Baseline::of(&report(&["a", "b"]), Path::new("."))
            .write(&path)
            .unwrap();
        let baseline = Baseline::read(&path).unwrap();
        assert_eq!(baseline, Baseline::of(&report(&["a", "b"]), Path::new(".")));
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .contains("\"text\":\"a\"")
        );
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .contains("\"file\":\"tmx/a.tmx\"")
        );
        let mut now = report(&["b", "a", "a", "c"]);
        assert_eq!(baseline.apply(&mut now, Path::new(".")), 2);
        let left: Vec<_> = now.diagnostics.iter().map(|d| about(&now, d)).collect();
        assert_eq!(
            left,
            ["a", "c"],
            "each entry accepts one finding, messages aside"
        );
    }

    #[test]
    fn a_bad_baseline_is_an_error_with_its_position() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.json");
        std::fs::write(&path, "{\"version\":1,\n \"findings\":[{\"rule\":1}]}").unwrap();
        let e = Baseline::read(&path).unwrap_err().to_string();
        assert!(e.contains("b.json:2:"), "{e}");
        std::fs::write(&path, "{\"version\":9,\"findings\":[]}").unwrap();
        let e = Baseline::read(&path).unwrap_err().to_string();
        assert!(e.contains("version 9"), "{e}");
    }
}
