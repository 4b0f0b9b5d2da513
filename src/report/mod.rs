//! Diagnostics and their renderers, shared by `check`, `lint` and
//! `glossary lint`.
//!
//! A check produces [`Diagnostic`]s that point into a [`Source`] by byte
//! range; line and column (1-based, columns in code points) are computed
//! only when a renderer needs them, through the source's [`LineIndex`].
//! Renderers (human, JSON, SARIF, GitHub) live in their own files and never
//! change what a check found; [`Format`] hands out the right one, so a new
//! format never touches a check.

mod github;
mod human;
mod json;
mod location;
mod sarif;

use std::io::{self, Write};
use std::ops::Range;
use std::path::PathBuf;

pub use human::use_color;

/// How a report is written out (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, clap::ValueEnum)]
pub enum Format {
    /// rustc-like text with the offending span underlined.
    #[default]
    Human,
    /// One JSON object: `{"diagnostics":[…],"summary":{…}}`.
    Json,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=…::…`).
    Github,
}

impl Format {
    /// Writes `report` to `out`. `rules` is the command's static rule list
    /// (SARIF describes every rule; the others ignore it); `color` only
    /// affects [`Format::Human`].
    pub fn render(
        self,
        report: &Report,
        rules: &[RuleInfo],
        out: &mut impl Write,
        color: bool,
    ) -> io::Result<()> {
        match self {
            Format::Human => human::render(report, out, color),
            Format::Json => json::render(report, out),
            Format::Sarif => sarif::render(report, rules, out),
            Format::Github => github::render(report, out),
        }
    }
}

/// What a command says about one of its rules, for SARIF's rule table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo {
    /// The stable kebab-case id, as in [`Diagnostic::rule`].
    pub id: &'static str,
    pub default_severity: Severity,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// How to fix what it finds.
    pub help: &'static str,
}

/// How serious a finding is. Each rule has a default; `tarjuman.toml` can
/// change it or turn the rule off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// How safe it is to apply a fix without looking (SARIF carries it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applicability {
    /// Meaning is kept: apply it (a stray space, an Arabic ي for Urdu ی).
    Safe,
    /// Probably right, but a person should look (a glossary suggestion).
    Unsafe,
    /// Shown only, never applied.
    DisplayOnly,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
            Applicability::DisplayOnly => "display-only",
        }
    }
}

/// A replacement for the diagnostic's span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub replacement: String,
    pub applicability: Applicability,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable kebab-case rule id (`term-forbidden`); never reused.
    pub rule: &'static str,
    pub severity: Severity,
    /// Index of the file in [`Report::sources`].
    pub source: usize,
    /// Byte range in the source's text.
    pub span: Range<usize>,
    /// The translation unit or concept the finding is about, if any.
    pub unit: Option<String>,
    pub message: String,
    /// What to write instead, in words (`Vladimir Chizhov`).
    pub suggestion: Option<String>,
    pub fix: Option<Fix>,
    /// For bilingual findings (`check`): the source and target texts, so
    /// that the human renderer shows both with the problem underlined.
    pub excerpt: Option<Box<Excerpt>>,
}

/// The texts of a translation pair, with the part a finding is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    /// Language tags of the source and the target, as the file has them.
    pub source_lang: String,
    pub target_lang: String,
    pub source: String,
    pub target: String,
    /// Which text `span` is in: the target, else the source.
    pub in_target: bool,
    /// Byte range in that text.
    pub span: Range<usize>,
}

/// A file that diagnostics point into.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    pub text: String,
    index: LineIndex,
    /// Read for reference only (`check`'s memory): not counted among the
    /// files checked.
    pub reference: bool,
}

impl Source {
    pub fn new(path: PathBuf, text: String) -> Self {
        let index = LineIndex::new(&text);
        Source {
            path,
            text,
            index,
            reference: false,
        }
    }

    /// 1-based line and column (in code points) of byte `offset`.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        self.index.line_column(&self.text, offset)
    }

    /// The text of the 1-based line `line`, without its line break.
    pub fn line_text(&self, line: usize) -> &str {
        self.index.line_text(&self.text, line)
    }

    /// The span of the character at 1-based `line` and `column` (empty at
    /// a line's end): where a reader stopped, for a `parse-error`.
    pub fn char_span(&self, line: usize, column: usize) -> Range<usize> {
        let start = self.offset(line, column);
        let len = self
            .text
            .get(start..)
            .and_then(|rest| rest.chars().next())
            .filter(|c| *c != '\n')
            .map_or(0, char::len_utf8);
        start..start + len
    }

    /// The byte offset of 1-based `line` and `column` (in code points): the
    /// inverse of [`Source::line_column`]. Past the end of a line it is the
    /// line's end; past the last line, the end of the text.
    pub fn offset(&self, line: usize, column: usize) -> usize {
        self.index.offset(&self.text, line, column)
    }
}

/// Byte offsets of line starts, to turn offsets into lines and columns.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// A byte-order mark is not part of the first line: columns count
    /// from after it, as an editor shows them.
    pub fn new(text: &str) -> Self {
        let first = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
        let mut starts = vec![first];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// 1-based line and column (in code points) of byte `offset` in `text`.
    pub fn line_column(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&start| start <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or_default();
        let column = text.get(start..offset).map_or(0, |s| s.chars().count()) + 1;
        (line, column)
    }

    /// The byte offset of 1-based `line` and `column` (in code points) in
    /// `text`; see [`Source::offset`].
    pub fn offset(&self, text: &str, line: usize, column: usize) -> usize {
        let Some(&start) = self.starts.get(line.wrapping_sub(1)) else {
            return text.len();
        };
        let line_text = self.line_text(text, line);
        let within = line_text
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(line_text.len(), |(i, _)| i);
        start + within
    }

    /// The text of the 1-based line `line`, without its line break.
    pub fn line_text<'a>(&self, text: &'a str, line: usize) -> &'a str {
        let start = self
            .starts
            .get(line.wrapping_sub(1))
            .copied()
            .unwrap_or(text.len());
        let end = self.starts.get(line).copied().unwrap_or(text.len());
        text.get(start..end)
            .unwrap_or_default()
            .trim_end_matches(['\n', '\r'])
    }
}

/// Each rule's severity for a run: its default, or what `[rules]` in
/// `tarjuman.toml` says (`None`: the rule is off).
#[derive(Debug, Clone, Default)]
pub struct Levels(Vec<(&'static str, Option<Severity>)>);

impl Levels {
    /// The levels of `rules`, with `configured(id)` giving a rule's
    /// configured level if any (`Some(None)`: turned off). Rules in `fixed`
    /// keep their default whatever the configuration says.
    pub fn new(
        rules: &[RuleInfo],
        configured: impl Fn(&str) -> Option<Option<Severity>>,
        fixed: &[&str],
    ) -> Self {
        let levels = rules
            .iter()
            .map(|rule| {
                let level = match configured(rule.id) {
                    Some(level) if !fixed.contains(&rule.id) => level,
                    _ => Some(rule.default_severity),
                };
                (rule.id, level)
            })
            .collect();
        Levels(levels)
    }

    /// The severity of `rule`'s findings, `None` if it is off (or unknown).
    pub fn severity(&self, rule: &str) -> Option<Severity> {
        self.0
            .iter()
            .find(|(id, _)| *id == rule)
            .and_then(|(_, level)| *level)
    }
}

/// The findings of one run over some files.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub sources: Vec<Source>,
    pub diagnostics: Vec<Diagnostic>,
    /// Files that could not be read or parsed at all (exit code 2).
    pub failed: bool,
}

impl Report {
    /// Adds a source and returns its index for diagnostics.
    pub fn add_source(&mut self, source: Source) -> usize {
        self.sources.push(source);
        self.sources.len() - 1
    }

    /// The number of files checked (sources read for reference aside).
    pub fn files(&self) -> usize {
        self.sources.iter().filter(|s| !s.reference).count()
    }

    /// The number of diagnostics at `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// The process exit code for this report: 2 if the run failed, 1 if
    /// there is an error-level finding, else 0.
    pub fn exit_code(&self) -> u8 {
        if self.failed {
            2
        } else if self
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
        {
            1
        } else {
            0
        }
    }

    /// Sorts diagnostics by file, position and rule, for stable output.
    pub fn sort(&mut self) {
        self.diagnostics.sort_by(|a, b| {
            (a.source, a.span.start, a.rule).cmp(&(b.source, b.span.start, b.rule))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_is_no_column() {
        let source = Source::new("r.txt".into(), "\u{FEFF}Senator Chizov\nx".into());
        let offset = source.text.find("Chizov").unwrap();
        assert_eq!(source.line_column(offset), (1, 9));
        assert_eq!(source.line_column(0), (1, 1));
        assert_eq!(source.line_text(1), "Senator Chizov");
        assert_eq!(source.offset(1, 9), offset);
        assert_eq!(source.line_column(source.text.len()), (2, 2));
    }

    #[test]
    fn lines_and_columns_in_code_points() {
        let source = Source::new("g.csv".into(), "en,ru\nSenator,сенатор\r\nx".into());
        assert_eq!(source.line_column(0), (1, 1));
        assert_eq!(source.line_column(6), (2, 1));
        let offset = source.text.find("сенатор").unwrap();
        assert_eq!(source.line_column(offset), (2, 9));
        assert_eq!(source.line_column(offset + "сен".len()), (2, 12));
        assert_eq!(source.line_text(2), "Senator,сенатор");
        assert_eq!(source.line_text(3), "x");
        assert_eq!(source.line_column(source.text.len()), (3, 2));
        assert_eq!(source.offset(2, 9), offset);
        assert_eq!(source.offset(2, 12), offset + "сен".len());
        assert_eq!(source.offset(1, 1), 0);
        assert_eq!(source.offset(1, 99), 5, "past the line's end");
        assert_eq!(source.offset(9, 1), source.text.len());
    }

    fn diagnostic(severity: Severity) -> Diagnostic {
        Diagnostic {
            rule: "whitespace",
            severity,
            source: 0,
            span: 0..1,
            unit: None,
            message: "m".into(),
            suggestion: None,
            fix: None,
            excerpt: None,
        }
    }

    #[test]
    fn exit_code_is_two_on_failure_one_on_errors() {
        let mut report = Report::default();
        assert_eq!(report.exit_code(), 0);
        report.diagnostics.push(diagnostic(Severity::Warning));
        report.diagnostics.push(diagnostic(Severity::Info));
        assert_eq!(report.exit_code(), 0);
        report.diagnostics.push(diagnostic(Severity::Error));
        assert_eq!(report.exit_code(), 1);
        report.failed = true;
        assert_eq!(report.exit_code(), 2);
        report.diagnostics.clear();
        assert_eq!(report.exit_code(), 2);
    }
}
