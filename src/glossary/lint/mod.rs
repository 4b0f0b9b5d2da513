//! `glossary lint`: checks that a glossary is fit to drive recognition and
//! QA, for CI.
//!
//! One rule, one file: each file's module documentation is the rule's user
//! documentation, and [`RULES`] lists them all. A file is read once; its
//! text goes to the (lenient) reader and into the report's [`Source`], and
//! findings point into that text by byte range. A file that cannot be read
//! or parsed is a `parse-error` finding and marks the report failed (exit
//! code 2); the other files are still linted.
//!
//! Rules see a [`Context`]: the glossary, the file's text, every term's
//! matching key (computed once) and the project's languages. Findings are
//! per file: two files are two glossaries.

mod bad_status;
mod conflicting_translation;
mod duplicate_term;
mod empty_term;
mod invisible_char;
mod missing_language;
mod mixed_script;
mod near_duplicate;
mod parse_error;
mod urdu_codepoint;
mod whitespace;

use std::ops::Range;
use std::path::{Path, PathBuf};

use super::{Format, Glossary, Term, UnknownStatus};
use crate::config::Config;
use crate::lang::Lang;
use crate::report::{Diagnostic, Fix, Levels, Report, RuleInfo, Severity, Source};
use crate::text::normalize;

/// Every rule of `glossary lint`, in the order of the README's table.
pub static RULES: &[RuleInfo] = &[
    duplicate_term::RULE,
    conflicting_translation::RULE,
    missing_language::RULE,
    mixed_script::RULE,
    urdu_codepoint::RULE,
    invisible_char::RULE,
    whitespace::RULE,
    near_duplicate::RULE,
    empty_term::RULE,
    bad_status::RULE,
    parse_error::RULE,
];

/// A rule's check over one glossary.
type Check = fn(&Context<'_>, &mut Sink<'_>);

/// The checks, by rule id (`parse-error` has none: the runner reports it).
const CHECKS: &[(&str, Check)] = &[
    (duplicate_term::RULE.id, duplicate_term::check),
    (
        conflicting_translation::RULE.id,
        conflicting_translation::check,
    ),
    (missing_language::RULE.id, missing_language::check),
    (mixed_script::RULE.id, mixed_script::check),
    (urdu_codepoint::RULE.id, urdu_codepoint::check),
    (invisible_char::RULE.id, invisible_char::check),
    (whitespace::RULE.id, whitespace::check),
    (near_duplicate::RULE.id, near_duplicate::check),
    (empty_term::RULE.id, empty_term::check),
    (bad_status::RULE.id, bad_status::check),
];

/// What a lint run needs to know beyond the files.
#[derive(Debug, Clone)]
pub struct Options {
    /// The project's languages, source first (`missing-language`,
    /// `conflicting-translation`).
    pub languages: Vec<Lang>,
    /// Each rule's severity, `None` if it is off.
    levels: Levels,
}

impl Default for Options {
    fn default() -> Self {
        Options::from_config(&Config::default())
    }
}

impl Options {
    /// Languages and severities from `tarjuman.toml`. `parse-error` keeps
    /// its level: a file that cannot be read always fails the run.
    pub fn from_config(config: &Config) -> Self {
        Options {
            languages: config.languages(),
            levels: config.levels(RULES, &[parse_error::RULE.id]),
        }
    }

    /// The severity of `rule`'s findings, `None` if it is off.
    pub fn severity(&self, rule: &str) -> Option<Severity> {
        self.levels.severity(rule)
    }
}

/// Reads and lints the glossary at `path`, adding it to `report` as
/// `display` (the path as the user should see it).
pub fn lint_file(path: &Path, display: PathBuf, options: &Options, report: &mut Report) {
    let read = Format::of(path).and_then(|format| {
        let bytes = std::fs::read(path).map_err(|source| super::GlossaryError::Read {
            path: path.to_owned(),
            source,
        })?;
        Ok((format, bytes))
    });
    match read {
        Ok((format, bytes)) => lint_bytes(&bytes, display, format, options, report),
        Err(error) => {
            let source = report.add_source(Source::new(display, String::new()));
            parse_error::report(&error, source, options, report);
        }
    }
}

/// Lints a glossary's bytes in `format`, adding it to `report` as `path`.
pub fn lint_bytes(
    bytes: &[u8],
    path: PathBuf,
    format: Format,
    options: &Options,
    report: &mut Report,
) {
    match super::decode(bytes, &path) {
        Ok(text) => lint_text(text, path, format, options, report),
        Err(error) => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            let source = report.add_source(Source::new(path, text));
            parse_error::report(&error, source, options, report);
        }
    }
}

/// Lints a glossary's decoded text in `format`, adding it to `report` as
/// `path`.
pub fn lint_text(
    text: String,
    path: PathBuf,
    format: Format,
    options: &Options,
    report: &mut Report,
) {
    let parsed = Glossary::parse_lenient(&text, &path, format);
    let source_id = report.add_source(Source::new(path, text));
    let lenient = match parsed {
        Ok(lenient) => lenient,
        Err(error) => {
            parse_error::report(&error, source_id, options, report);
            return;
        }
    };
    let Some(source) = report.sources.get(source_id) else {
        return;
    };
    let cx = Context::new(
        &lenient.glossary,
        &lenient.unknown_statuses,
        source,
        options,
    );
    let mut found = Vec::new();
    for (id, check) in CHECKS {
        if let Some(severity) = options.severity(id) {
            let mut sink = Sink {
                rule: id,
                severity,
                source: source_id,
                out: &mut found,
            };
            check(&cx, &mut sink);
        }
    }
    report.diagnostics.append(&mut found);
}

/// What a rule sees of one glossary file.
#[derive(Debug)]
pub(crate) struct Context<'a> {
    pub glossary: &'a Glossary,
    pub unknown_statuses: &'a [UnknownStatus],
    pub source: &'a Source,
    /// The project's languages, source first.
    pub languages: &'a [Lang],
    /// The matching key of every term, by concept and term index.
    pub keys: Vec<Vec<String>>,
    /// A number for every term's language, by concept and term index.
    pub langs: Vec<Vec<usize>>,
    /// Terms of one language and key, in groups of two or more.
    pub same_key: Vec<Vec<(usize, usize)>>,
}

impl<'a> Context<'a> {
    fn new(
        glossary: &'a Glossary,
        unknown_statuses: &'a [UnknownStatus],
        source: &'a Source,
        options: &'a Options,
    ) -> Self {
        let keys = glossary
            .concepts
            .iter()
            .map(|c| c.terms.iter().map(term_key).collect())
            .collect::<Vec<Vec<String>>>();
        let langs = language_ids(glossary);
        let same_key = same_key(&keys, &langs);
        Context {
            glossary,
            unknown_statuses,
            source,
            languages: &options.languages,
            keys,
            langs,
            same_key,
        }
    }

    /// The key of term `term` of concept `concept` (empty if out of range).
    pub fn key(&self, concept: usize, term: usize) -> &str {
        self.keys
            .get(concept)
            .and_then(|keys| keys.get(term))
            .map_or("", String::as_str)
    }

    /// Where `term`'s text is in the file.
    pub fn place(&self, term: &Term) -> Place {
        let at = self.source.offset(term.line, term.column);
        let text = &self.source.text;
        let starts_here = |offset: usize| {
            text.get(offset..)
                .is_some_and(|rest| rest.starts_with(term.text.as_str()))
        };
        if starts_here(at) {
            return Place::Exact(at);
        }
        // The TBX reader points past leading XML whitespace of the text.
        let lead = term.text.len() - term.text.trim_start_matches([' ', '\t', '\r', '\n']).len();
        if let Some(start) = at.checked_sub(lead)
            && lead > 0
            && starts_here(start)
        {
            return Place::Exact(start);
        }
        // Escaped or quoted text: the raw text up to the end of the field.
        let rest = text.get(at..).unwrap_or_default();
        let end = rest
            .find(['<', '\n', '\r', '\t', ','])
            .unwrap_or(rest.len())
            .max(rest.chars().next().map_or(0, char::len_utf8));
        Place::Raw(at..at + end)
    }

    /// The span in the file of the bytes `range` of `term`'s text; the
    /// whole term when the file holds it escaped.
    pub fn span(&self, term: &Term, range: Range<usize>) -> (Range<usize>, bool) {
        match self.place(term) {
            Place::Exact(start) => (start + range.start..start + range.end, true),
            Place::Raw(raw) => (raw, false),
        }
    }

    /// The span of `term`'s whole text in the file.
    pub fn term_span(&self, term: &Term) -> Range<usize> {
        self.span(term, 0..term.text.len()).0
    }

    /// The span of the start of 1-based `line` (its first non-blank
    /// character, one character long), for concept-level findings.
    pub fn line_span(&self, line: usize) -> Range<usize> {
        let start = self.source.offset(line, 1);
        let text = self.source.line_text(line);
        let blank = text.len() - text.trim_start().len();
        let first = text.trim_start().chars().next().map_or(0, char::len_utf8);
        start + blank..start + blank + first
    }
}

/// Where a term's text is in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Place {
    /// Verbatim from this byte offset.
    Exact(usize),
    /// Escaped (`&amp;`, `""`): only the raw field is known.
    Raw(Range<usize>),
}

/// The matching key of a term (see [`normalize::key`]).
pub(crate) fn term_key(term: &Term) -> String {
    normalize::key(&term.text, term.lang.parse::<Lang>().ok())
}

/// Collects one rule's findings with its id and severity.
#[derive(Debug)]
pub(crate) struct Sink<'a> {
    rule: &'static str,
    severity: Severity,
    source: usize,
    out: &'a mut Vec<Diagnostic>,
}

/// One finding, before the sink adds rule, severity and file.
#[derive(Debug, Default)]
pub(crate) struct Finding {
    pub span: Range<usize>,
    pub unit: Option<String>,
    pub message: String,
    pub suggestion: Option<String>,
    pub fix: Option<Fix>,
}

impl Sink<'_> {
    pub fn push(&mut self, finding: Finding) {
        self.out.push(Diagnostic {
            rule: self.rule,
            severity: self.severity,
            source: self.source,
            span: finding.span,
            unit: finding.unit,
            message: finding.message,
            suggestion: finding.suggestion,
            fix: finding.fix,
            excerpt: None,
        });
    }
}

/// A small number per language (primary subtags compared
/// case-insensitively), so that grouping terms by language allocates
/// nothing per term.
pub(crate) fn language_ids(glossary: &Glossary) -> Vec<Vec<usize>> {
    let mut langs: Vec<&str> = Vec::new();
    glossary
        .concepts
        .iter()
        .map(|concept| {
            concept
                .terms
                .iter()
                .map(|term| {
                    match langs
                        .iter()
                        .position(|l| super::same_language(l, &term.lang))
                    {
                        Some(n) => n,
                        None => {
                            langs.push(&term.lang);
                            langs.len() - 1
                        }
                    }
                })
                .collect()
        })
        .collect()
}

/// Terms that share a language and a key, in groups of two or more:
/// `(concept, term)` indices in file order, groups in order of their first
/// term. Empty keys are left out.
fn same_key(keys: &[Vec<String>], langs: &[Vec<usize>]) -> Vec<Vec<(usize, usize)>> {
    let mut map: rustc_hash::FxHashMap<(usize, &str), Vec<(usize, usize)>> =
        rustc_hash::FxHashMap::default();
    for (ci, (keys, langs)) in keys.iter().zip(langs).enumerate() {
        for (ti, (key, &lang)) in keys.iter().zip(langs).enumerate() {
            if !key.is_empty() {
                map.entry((lang, key)).or_default().push((ci, ti));
            }
        }
    }
    let mut groups: Vec<_> = map.into_values().filter(|g| g.len() > 1).collect();
    groups.sort_unstable();
    groups
}

/// `U+064A`-style name of a character, for messages.
pub(crate) fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

#[cfg(test)]
pub(crate) mod testing {
    //! Helpers for the rules' unit tests: lint a small file, get findings.

    use super::*;

    /// The diagnostics of `rule` for `text` read as `name` (its extension
    /// picks the format), with the default options.
    pub fn lint(name: &str, text: &str, rule: &str) -> Vec<Diagnostic> {
        let report = run(name, text);
        report
            .diagnostics
            .into_iter()
            .filter(|d| d.rule == rule)
            .collect()
    }

    pub fn run(name: &str, text: &str) -> Report {
        let mut report = Report::default();
        let path = PathBuf::from(name);
        let format = Format::of(&path).unwrap();
        lint_text(
            text.to_owned(),
            path,
            format,
            &Options::default(),
            &mut report,
        );
        report
    }

    /// The file text a diagnostic points at.
    pub fn spanned<'a>(text: &'a str, d: &Diagnostic) -> &'a str {
        &text[d.span.clone()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each rule's file, for checking that its documentation is there.
    const FILES: &[(&str, &str)] = &[
        ("duplicate-term", include_str!("duplicate_term.rs")),
        (
            "conflicting-translation",
            include_str!("conflicting_translation.rs"),
        ),
        ("missing-language", include_str!("missing_language.rs")),
        ("mixed-script", include_str!("mixed_script.rs")),
        ("urdu-codepoint", include_str!("urdu_codepoint.rs")),
        ("invisible-char", include_str!("invisible_char.rs")),
        ("whitespace", include_str!("whitespace.rs")),
        ("near-duplicate", include_str!("near_duplicate.rs")),
        ("empty-term", include_str!("empty_term.rs")),
        ("bad-status", include_str!("bad_status.rs")),
        ("parse-error", include_str!("parse_error.rs")),
    ];

    #[test]
    fn rule_ids_are_unique_kebab_case_and_documented() {
        let readme = include_str!("../../../README.md");
        let mut seen = std::collections::BTreeSet::new();
        for rule in RULES {
            assert!(seen.insert(rule.id), "duplicate id {}", rule.id);
            assert!(
                rule.id.chars().all(|c| c.is_ascii_lowercase() || c == '-')
                    && !rule.id.starts_with('-')
                    && !rule.id.ends_with('-'),
                "{} is not kebab-case",
                rule.id
            );
            assert!(
                !rule.summary.is_empty() && !rule.help.is_empty(),
                "{}",
                rule.id
            );
            let (_, file) = FILES
                .iter()
                .find(|(id, _)| *id == rule.id)
                .unwrap_or_else(|| panic!("no file for {}", rule.id));
            assert!(
                file.starts_with("//! `"),
                "{}: no module documentation",
                rule.id
            );
            for section in ["Why", "Fires", "Does not fire", "Default severity"] {
                assert!(
                    file.contains(&format!("//! ## {section}")),
                    "{}: its documentation has no `## {section}`",
                    rule.id
                );
            }
            assert!(
                file.contains(&format!("//! `{}`", rule.id)),
                "{}: documentation does not name the rule",
                rule.id
            );
            assert!(
                readme.contains(&format!("| `{}` |", rule.id)),
                "{} is not in the README's rules table",
                rule.id
            );
        }
        assert_eq!(FILES.len(), RULES.len());
        for (id, _) in CHECKS {
            assert!(RULES.iter().any(|r| r.id == *id));
        }
        assert_eq!(
            CHECKS.len() + 1,
            RULES.len(),
            "every rule but parse-error has a check"
        );
    }

    #[test]
    fn config_levels_change_severity_and_turn_rules_off() {
        let config = crate::config::parse(
            "[rules]\nwhitespace = \"error\"\nnear-duplicate = \"off\"\nparse-error = \"error\"\n",
            Path::new("t.toml"),
        )
        .unwrap();
        let options = Options::from_config(&config);
        assert_eq!(options.severity("whitespace"), Some(Severity::Error));
        assert_eq!(options.severity("near-duplicate"), None);
        assert_eq!(options.severity("parse-error"), Some(Severity::Error));
        assert_eq!(options.severity("mixed-script"), Some(Severity::Error));
        assert_eq!(
            options.severity("missing-language"),
            Some(Severity::Warning)
        );
    }

    #[test]
    fn spans_point_at_the_term_in_the_file() {
        let text = "en,ru\n\"Senate  of A&B\",Сенат\n";
        let report = testing::run("g.csv", text);
        let d = report
            .diagnostics
            .iter()
            .find(|d| d.rule == "whitespace")
            .unwrap();
        assert_eq!(testing::spanned(text, d), "  ");
    }
}
