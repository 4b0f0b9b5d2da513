//! `lint`: checks a source release against the glossary, for CI.
//!
//! One rule, one file: each file's module documentation is the rule's user
//! documentation, and [`RULES`] lists them all. A release is read as
//! [`Blocks`](crate::doc::Blocks) (names never cross a paragraph); the
//! glossary's terms are found with the [`Recognizer`], and the capitalized
//! word runs it does not recognize are compared with the glossary's names
//! through a [`NameIndex`] (built once per glossary and language).
//!
//! Rules see a [`Context`]: the text, the recognized terms and the
//! suspected misspellings, each computed once per file.

mod name_inconsistent;
mod names;
mod term_forbidden;
mod term_misspelled;

use std::ops::Range;
use std::path::PathBuf;

pub use names::NameIndex;

use crate::config::Config;
use crate::doc::{Blocks, DocError};
use crate::glossary::Glossary;
use crate::glossary::recognize::{Match, Recognizer};
use crate::lang::Lang;
use crate::report::{Diagnostic, Levels, Report, RuleInfo, Severity, Source};

/// Every rule of `lint`, in the order of the README's table.
pub static RULES: &[RuleInfo] = &[
    term_forbidden::RULE,
    term_misspelled::RULE,
    name_inconsistent::RULE,
];

/// A rule's check over one release.
type Check = fn(&Context<'_>, &mut Sink<'_>);

const CHECKS: &[(&str, Check)] = &[
    (term_forbidden::RULE.id, term_forbidden::check),
    (term_misspelled::RULE.id, term_misspelled::check),
    (name_inconsistent::RULE.id, name_inconsistent::check),
];

/// Each rule's severity (`None`: off), from `[rules]` in `tarjuman.toml`.
#[derive(Debug, Clone)]
pub struct Options {
    levels: Levels,
}

impl Default for Options {
    fn default() -> Self {
        Options::from_config(&Config::default())
    }
}

impl Options {
    pub fn from_config(config: &Config) -> Self {
        Options {
            levels: config.levels(RULES, &[]),
        }
    }

    /// The severity of `rule`'s findings, `None` if it is off.
    pub fn severity(&self, rule: &str) -> Option<Severity> {
        self.levels.severity(rule)
    }
}

/// A glossary ready to lint releases of one language.
#[derive(Debug)]
pub struct Linter<'g> {
    glossary: &'g Glossary,
    lang: Lang,
    recognizer: Recognizer,
    names: NameIndex,
    options: Options,
}

impl<'g> Linter<'g> {
    pub fn new(glossary: &'g Glossary, lang: Lang, options: Options) -> Self {
        Linter {
            glossary,
            lang,
            recognizer: Recognizer::new(glossary, lang.code()),
            names: NameIndex::new(glossary, lang),
            options,
        }
    }

    /// Lints a release's bytes, adding it to `report` as `path`. Bytes that
    /// are not UTF-8 are an error (with line and column); nothing is added.
    pub fn lint_bytes(
        &self,
        bytes: Vec<u8>,
        path: PathBuf,
        report: &mut Report,
    ) -> Result<(), DocError> {
        let mut blocks = Vec::new();
        for block in Blocks::new(bytes.as_slice(), Some(&path)) {
            let block = block?;
            blocks.push(block.offset..block.offset + block.text.len());
        }
        let text =
            String::from_utf8(bytes).map_err(|e| DocError::not_utf8(Some(path.clone()), &e))?;
        self.lint_text(text, &blocks, path, report);
        Ok(())
    }

    /// Lints a release's text, whose blocks are the byte ranges `blocks`.
    pub fn lint_text(
        &self,
        text: String,
        blocks: &[Range<usize>],
        path: PathBuf,
        report: &mut Report,
    ) {
        let source_id = report.add_source(Source::new(path, text));
        let Some(source) = report.sources.get(source_id) else {
            return;
        };
        let cx = Context::new(self, &source.text, blocks);
        let mut found = Vec::new();
        for (id, check) in CHECKS {
            if let Some(severity) = self.options.severity(id) {
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
}

/// A suspected misspelling of a glossary term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Misspelling {
    pub span: Range<usize>,
    pub concept: usize,
    pub term: usize,
    /// What to write instead: the term, or one word of it.
    pub suggestion: String,
}

/// What a rule sees of one release.
#[derive(Debug)]
pub(crate) struct Context<'a> {
    pub glossary: &'a Glossary,
    pub lang: Lang,
    pub text: &'a str,
    /// The glossary terms in the text, in text order.
    pub matches: Vec<Match>,
    /// Capitalized runs near a term but not one, in text order.
    pub misspellings: Vec<Misspelling>,
}

impl<'a> Context<'a> {
    fn new(linter: &'a Linter<'_>, text: &'a str, blocks: &[Range<usize>]) -> Self {
        let mut matches = Vec::new();
        for range in blocks {
            let Some(block) = text.get(range.clone()) else {
                continue;
            };
            let found: Vec<Match> = linter
                .recognizer
                .find(block)
                .into_iter()
                .map(|m| Match {
                    span: m.span.start + range.start..m.span.end + range.start,
                    ..m
                })
                .collect();
            matches.extend(found);
        }
        let misspellings = linter.names.misspellings(text, blocks, &matches);
        Context {
            glossary: linter.glossary,
            lang: linter.lang,
            text,
            matches,
            misspellings,
        }
    }

    /// The text of `span`.
    pub fn slice(&self, span: &Range<usize>) -> &'a str {
        self.text.get(span.clone()).unwrap_or_default()
    }

    /// The text of term `term` of concept `concept`.
    pub fn term_text(&self, concept: usize, term: usize) -> &'a str {
        self.glossary
            .concepts
            .get(concept)
            .and_then(|c| c.terms.get(term))
            .map_or("", |t| t.text.as_str())
    }

    /// The id of concept `concept`.
    pub fn concept_id(&self, concept: usize) -> Option<String> {
        self.glossary.concepts.get(concept).map(|c| c.id.clone())
    }

    /// The preferred term of `concept` in the release's language.
    pub fn preferred(&self, concept: usize) -> Option<&'a str> {
        self.glossary
            .concepts
            .get(concept)
            .and_then(|c| c.preferred(self.lang.code()))
            .map(|t| t.text.as_str())
    }
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
    pub fix: Option<crate::report::Fix>,
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

#[cfg(test)]
pub(crate) mod testing {
    //! Helpers for the rules' unit tests.

    use super::*;

    /// The shipped glossary.
    pub fn glossary() -> Glossary {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("glossaries/names.tbx");
        Glossary::load(&path).unwrap()
    }

    /// The diagnostics of `rule` for `text` in `lang` with the shipped
    /// glossary, as (rule, flagged text, suggestion).
    pub fn lint(lang: Lang, text: &str, rule: &str) -> Vec<(String, Option<String>, String)> {
        let glossary = glossary();
        let linter = Linter::new(&glossary, lang, Options::default());
        let mut report = Report::default();
        linter
            .lint_bytes(
                text.as_bytes().to_vec(),
                PathBuf::from("t.txt"),
                &mut report,
            )
            .unwrap();
        report
            .diagnostics
            .into_iter()
            .filter(|d| d.rule == rule)
            .map(|d| (text[d.span].to_owned(), d.suggestion, d.message))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILES: &[(&str, &str)] = &[
        ("term-forbidden", include_str!("term_forbidden.rs")),
        ("term-misspelled", include_str!("term_misspelled.rs")),
        ("name-inconsistent", include_str!("name_inconsistent.rs")),
    ];

    #[test]
    fn rules_are_documented_and_in_the_readme() {
        let readme = include_str!("../../README.md");
        assert_eq!(FILES.len(), RULES.len());
        assert_eq!(CHECKS.len(), RULES.len());
        for rule in RULES {
            let (_, file) = FILES.iter().find(|(id, _)| *id == rule.id).unwrap();
            assert!(
                file.starts_with(&format!("//! `{}`", rule.id)),
                "{}",
                rule.id
            );
            for section in ["Why", "Fires", "Does not fire", "Default severity"] {
                assert!(file.contains(&format!("//! ## {section}")), "{}", rule.id);
            }
            assert!(
                readme.contains(&format!("| `{}` |", rule.id)),
                "{}",
                rule.id
            );
        }
    }

    #[test]
    fn config_levels_change_severity_and_turn_rules_off() {
        let config = crate::config::parse(
            "[rules]\nterm-misspelled = \"off\"\nname-inconsistent = \"error\"\n",
            std::path::Path::new("t.toml"),
        )
        .unwrap();
        let options = Options::from_config(&config);
        assert_eq!(options.severity("term-misspelled"), None);
        assert_eq!(options.severity("name-inconsistent"), Some(Severity::Error));
        assert_eq!(options.severity("term-forbidden"), Some(Severity::Error));
    }

    #[test]
    fn invalid_utf8_is_an_error_with_a_position() {
        let glossary = Glossary::default();
        let linter = Linter::new(&glossary, Lang::En, Options::default());
        let mut report = Report::default();
        let err = linter
            .lint_bytes(b"ok\nab\xff".to_vec(), PathBuf::from("r.txt"), &mut report)
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "r.txt:2:3: invalid UTF-8 at byte 5 (the input must be UTF-8)"
        );
    }
}
