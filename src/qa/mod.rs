//! `check`: what a careful reviewer finds in translated units, for people
//! and for CI.
//!
//! The input is bilingual: XLIFF (1.2 and 2.x) as translators return it,
//! and TMX (every variant of a unit against the source variant). Each file
//! becomes a list of [`Pair`]s, a source text and a target text with their
//! inline codes and where they are in the file ([`input`]).
//!
//! One rule, one file: each file's module documentation is the rule's user
//! documentation, and [`RULES`] lists them all. Most rules look at one pair
//! at a time ([`PairCheck`], run in parallel); the consistency rules look
//! at the whole job at once ([`JobCheck`]). A rule reports a [`Finding`] as
//! a byte range in the source or target text; [`locate`] turns it into a
//! range of the file, so that every format points at the very characters.
//!
//! A pair without a translation (no target, an empty one, or an untouched
//! copy of the source) is `untranslated` and no other pair rule sees it; a
//! target that is the source again is only `target-equals-source`.

mod baseline;
mod consistency;
mod input;
mod locate;

mod bidi_control;
mod bracket_balance;
mod inconsistent_source;
mod inconsistent_target;
mod length_ratio;
mod mixed_script;
mod name_mismatch;
mod number_mismatch;
mod numbers;
mod parse_error;
mod punctuation_end;
mod tag_mismatch;
mod target_equals_source;
mod term_forbidden;
mod term_missing;
mod untranslated;
mod urdu_codepoint;
mod whitespace;

use std::cell::OnceCell;
use std::ops::Range;
use std::path::PathBuf;

pub use baseline::{Baseline, BaselineError};
pub use input::{Pair, Text, TextCode};

use crate::config::Config;
use crate::glossary::Glossary;
use crate::glossary::recognize::{Match, Recognizer};
use crate::lang::Lang;
use crate::report::{Diagnostic, Excerpt, Fix, Levels, Report, RuleInfo, Severity, Source};

/// Every rule of `check`, in the order of the README's table.
pub static RULES: &[RuleInfo] = &[
    term_missing::RULE,
    term_forbidden::RULE,
    name_mismatch::RULE,
    number_mismatch::RULE,
    untranslated::RULE,
    target_equals_source::RULE,
    tag_mismatch::RULE,
    length_ratio::RULE,
    inconsistent_target::RULE,
    inconsistent_source::RULE,
    whitespace::RULE,
    punctuation_end::RULE,
    bracket_balance::RULE,
    mixed_script::RULE,
    urdu_codepoint::RULE,
    bidi_control::RULE,
    parse_error::RULE,
];

/// Rules whose findings in a source are about the source alone, whatever
/// the translation (the others' are about one translation of it).
const SOURCE_ONLY: &[&str] = &[mixed_script::RULE.id, bidi_control::RULE.id];

/// A rule's check of one translated pair.
type PairCheck = fn(&PairContext<'_>, &mut Sink<'_>);

/// A rule's check of the whole job.
type JobCheck = fn(&JobContext<'_>, &mut JobSink<'_>);

const PAIR_CHECKS: &[(&str, PairCheck)] = &[
    (term_missing::RULE.id, term_missing::check),
    (term_forbidden::RULE.id, term_forbidden::check),
    (name_mismatch::RULE.id, name_mismatch::check),
    (number_mismatch::RULE.id, number_mismatch::check),
    (target_equals_source::RULE.id, target_equals_source::check),
    (tag_mismatch::RULE.id, tag_mismatch::check),
    (whitespace::RULE.id, whitespace::check),
    (punctuation_end::RULE.id, punctuation_end::check),
    (bracket_balance::RULE.id, bracket_balance::check),
    (mixed_script::RULE.id, mixed_script::check),
    (urdu_codepoint::RULE.id, urdu_codepoint::check),
    (bidi_control::RULE.id, bidi_control::check),
];

const JOB_CHECKS: &[(&str, JobCheck)] = &[
    (untranslated::RULE.id, untranslated::check),
    (length_ratio::RULE.id, length_ratio::check),
    (inconsistent_target::RULE.id, inconsistent_target::check),
    (inconsistent_source::RULE.id, inconsistent_source::check),
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
            levels: config.levels(RULES, &[parse_error::RULE.id]),
        }
    }

    /// The severity of `rule`'s findings, `None` if it is off.
    pub fn severity(&self, rule: &str) -> Option<Severity> {
        self.levels.severity(rule)
    }
}

/// The glossary, ready to recognize terms in each language, and the
/// options: built once, used for every file.
#[derive(Debug)]
pub struct Checker<'g> {
    glossary: &'g Glossary,
    recognizers: Vec<(Lang, Recognizer)>,
    options: Options,
}

impl<'g> Checker<'g> {
    pub fn new(glossary: &'g Glossary, options: Options) -> Self {
        let recognizers = Lang::ALL
            .iter()
            .map(|&lang| (lang, Recognizer::new(glossary, lang.code())))
            .collect();
        Checker {
            glossary,
            recognizers,
            options,
        }
    }

    fn recognizer(&self, lang: Option<Lang>) -> Option<&Recognizer> {
        let lang = lang?;
        self.recognizers
            .iter()
            .find(|(l, _)| *l == lang)
            .map(|(_, r)| r)
    }

    /// Reads `paths` (XLIFF or TMX, told apart by their root element) and
    /// checks everything in them as one job, compared with the TMX files
    /// `memory` for consistency (those among `paths` are checked, not read
    /// twice). A file that cannot be read or parsed is a `parse-error`
    /// finding; the others are still checked.
    pub fn check_files(&self, paths: &[PathBuf], memory: &[PathBuf]) -> Report {
        let mut report = Report::default();
        let mut pairs = Vec::new();
        for path in paths {
            input::load(path, &self.options, &mut report, &mut pairs);
        }
        let checked: Vec<PathBuf> = paths.iter().filter_map(|p| p.canonicalize().ok()).collect();
        for path in memory {
            if path.canonicalize().is_ok_and(|p| checked.contains(&p)) {
                continue;
            }
            let before = pairs.len();
            let file = report.sources.len();
            let failures = report.diagnostics.len();
            input::load(path, &self.options, &mut report, &mut pairs);
            for pair in pairs.iter_mut().skip(before) {
                pair.reference = true;
            }
            // No finding points into the memory but a parse error: its text
            // goes unless one does.
            if let Some(source) = report.sources.get_mut(file) {
                if report.diagnostics.len() == failures {
                    *source = Source::new(source.path.clone(), String::new());
                }
                source.reference = true;
            }
        }
        self.check_pairs(&pairs, &mut report);
        report.sort();
        report
    }

    /// Runs every rule that is on over `pairs` (whose `file`s index
    /// `report.sources`), adding the findings to `report`.
    pub fn check_pairs(&self, pairs: &[Pair], report: &mut Report) {
        self.check_pairs_with(pairs, report, None);
    }

    /// [`Checker::check_pairs`] on at most `threads` threads (default: the
    /// cores this process may use).
    pub fn check_pairs_with(&self, pairs: &[Pair], report: &mut Report, threads: Option<usize>) {
        let translated: Vec<bool> = pairs.iter().map(untranslated::is_translated).collect();
        let mut raw: Vec<Raw> = Vec::new();
        let threads = threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
            .max(1);
        let chunk = pairs.len().div_ceil(threads).max(2048);
        std::thread::scope(|scope| {
            let workers: Vec<_> = pairs
                .chunks(chunk)
                .zip(translated.chunks(chunk))
                .enumerate()
                .map(|(k, (pairs, translated))| {
                    scope.spawn(move || self.check_chunk(k * chunk, pairs, translated))
                })
                .collect();
            for worker in workers {
                match worker.join() {
                    Ok(found) => raw.extend(found),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
        });
        let files: Vec<&std::path::Path> =
            report.sources.iter().map(|s| s.path.as_path()).collect();
        let cx = JobContext {
            pairs,
            translated: &translated,
            files: &files,
            words: OnceCell::new(),
        };
        for (id, check) in JOB_CHECKS {
            if let Some(severity) = self.options.severity(id) {
                let mut sink = JobSink {
                    rule: id,
                    severity,
                    pairs,
                    out: &mut raw,
                };
                check(&cx, &mut sink);
            }
        }
        // A TMX unit's source is in a pair per language: a finding in it
        // is reported once.
        let mut seen = rustc_hash::FxHashSet::default();
        for found in raw {
            let Some(pair) = pairs.get(found.pair) else {
                continue;
            };
            let d = diagnostic(report, pair, found);
            let key = (
                d.rule,
                d.source,
                d.span.clone(),
                d.message.clone(),
                d.unit.clone(),
                pair.source.text.clone(),
            );
            if d.excerpt.as_ref().is_some_and(|e| e.in_target) || seen.insert(key) {
                report.diagnostics.push(d);
            }
        }
    }

    fn check_chunk(&self, first: usize, pairs: &[Pair], translated: &[bool]) -> Vec<Raw> {
        let mut out = Vec::new();
        // A TMX unit's pairs share their source: its terms are found once.
        let mut last: Option<(&Text, Vec<Match>)> = None;
        for (i, (pair, &ok)) in pairs.iter().zip(translated).enumerate() {
            let Some(target) = pair.target.as_ref().filter(|_| ok && !pair.reference) else {
                continue;
            };
            let cx = PairContext::new(self, pair, target);
            if let Some((source, terms)) = last.take()
                && source.text == pair.source.text
                && source.lang == pair.source.lang
            {
                let _ = cx.source_terms.set(terms);
            }
            let copy = target_equals_source::is_copy(&cx);
            for (id, check) in PAIR_CHECKS {
                if copy && *id != target_equals_source::RULE.id {
                    continue;
                }
                if let Some(severity) = self.options.severity(id) {
                    let mut sink = Sink {
                        rule: id,
                        severity,
                        pair: first + i,
                        out: &mut out,
                    };
                    check(&cx, &mut sink);
                }
            }
            if let Some(terms) = cx.source_terms.into_inner() {
                last = Some((&pair.source, terms));
            }
        }
        out
    }
}

/// What a pair rule sees of one translated pair; the term matches are
/// computed once, by the first rule that asks.
#[derive(Debug)]
pub(crate) struct PairContext<'a> {
    pub glossary: &'a Glossary,
    pub pair: &'a Pair,
    /// The source and target texts.
    pub source: &'a str,
    pub target: &'a str,
    pub source_lang: Option<Lang>,
    pub target_lang: Option<Lang>,
    checker: &'a Checker<'a>,
    source_terms: OnceCell<Vec<Match>>,
    target_terms: OnceCell<Vec<Match>>,
}

impl<'a> PairContext<'a> {
    fn new(checker: &'a Checker<'a>, pair: &'a Pair, target: &'a Text) -> Self {
        PairContext {
            glossary: checker.glossary,
            pair,
            source: &pair.source.text,
            target: &target.text,
            source_lang: pair.source.language(),
            target_lang: target.language(),
            checker,
            source_terms: OnceCell::new(),
            target_terms: OnceCell::new(),
        }
    }

    /// The glossary terms in the source text, in text order.
    pub fn source_terms(&self) -> &[Match] {
        self.source_terms.get_or_init(|| {
            self.checker
                .recognizer(self.source_lang)
                .map(|r| r.find(self.source))
                .unwrap_or_default()
        })
    }

    /// The glossary terms in the target text, in text order.
    pub fn target_terms(&self) -> &[Match] {
        self.target_terms.get_or_init(|| {
            self.checker
                .recognizer(self.target_lang)
                .map(|r| r.find(self.target))
                .unwrap_or_default()
        })
    }

    /// The target's inline codes.
    pub fn target_codes(&self) -> &[TextCode] {
        self.pair
            .target
            .as_ref()
            .map_or(&[], |t| t.codes.as_slice())
    }

    /// The text of term `term` of concept `concept`.
    pub fn term_text(&self, concept: usize, term: usize) -> &'a str {
        self.glossary
            .concepts
            .get(concept)
            .and_then(|c| c.terms.get(term))
            .map_or("", |t| t.text.as_str())
    }

    /// The preferred term of `concept` in `lang`.
    pub fn preferred(&self, concept: usize, lang: Lang) -> Option<&'a str> {
        self.glossary
            .concepts
            .get(concept)
            .and_then(|c| c.preferred(lang.code()))
            .map(|t| t.text.as_str())
    }
}

/// What a job rule sees: every pair of every file, and which of them are
/// translated.
#[derive(Debug)]
pub(crate) struct JobContext<'a> {
    pub pairs: &'a [Pair],
    pub translated: &'a [bool],
    /// The path of each file (`Pair::file` indexes it).
    pub files: &'a [&'a std::path::Path],
    /// Per pair, the hashes of its source's and target's words, computed
    /// by the first rule that asks.
    words: OnceCell<Vec<consistency::Words>>,
}

impl<'a> JobContext<'a> {
    /// Per pair, the hashes of the words of its source and target (see
    /// [`consistency`]).
    pub fn words(&self) -> &[consistency::Words] {
        self.words
            .get_or_init(|| consistency::words(self.pairs, self.translated))
    }

    /// The translated pairs with their index.
    pub fn translated(&self) -> impl Iterator<Item = (usize, &'a Pair, &'a Text)> + '_ {
        self.pairs
            .iter()
            .zip(self.translated)
            .enumerate()
            .filter_map(|(i, (pair, &ok))| Some((i, pair, pair.target.as_ref().filter(|_| ok)?)))
    }
}

/// Which text of a pair a finding is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Side {
    Source,
    #[default]
    Target,
}

/// One finding, before the sink adds rule, severity and pair.
#[derive(Debug, Default)]
pub(crate) struct Finding {
    pub side: Side,
    /// Byte range in that side's text (empty: a point, e.g. the end).
    pub span: Range<usize>,
    pub message: String,
    pub suggestion: Option<String>,
    /// A replacement for `span` of the text, if one is known.
    pub fix: Option<Fix>,
}

/// A finding with its rule and pair, not yet placed in the file.
#[derive(Debug)]
struct Raw {
    rule: &'static str,
    severity: Severity,
    pair: usize,
    finding: Finding,
}

/// Collects one pair rule's findings.
#[derive(Debug)]
pub(crate) struct Sink<'a> {
    rule: &'static str,
    severity: Severity,
    pair: usize,
    out: &'a mut Vec<Raw>,
}

impl Sink<'_> {
    pub fn push(&mut self, finding: Finding) {
        self.out.push(Raw {
            rule: self.rule,
            severity: self.severity,
            pair: self.pair,
            finding,
        });
    }
}

/// Collects one job rule's findings, each about one pair (never about a
/// pair of the memory read for reference).
#[derive(Debug)]
pub(crate) struct JobSink<'a> {
    rule: &'static str,
    severity: Severity,
    pairs: &'a [Pair],
    out: &'a mut Vec<Raw>,
}

impl JobSink<'_> {
    pub fn push(&mut self, pair: usize, finding: Finding) {
        if self.pairs.get(pair).is_none_or(|p| p.reference) {
            return;
        }
        self.out.push(Raw {
            rule: self.rule,
            severity: self.severity,
            pair,
            finding,
        });
    }
}

/// Places a finding in its file and turns it into a diagnostic.
fn diagnostic(report: &Report, pair: &Pair, found: Raw) -> Diagnostic {
    let Raw {
        rule,
        severity,
        finding,
        ..
    } = found;
    let text = match finding.side {
        Side::Source => Some(&pair.source),
        Side::Target => pair.target.as_ref(),
    };
    let file = report.sources.get(pair.file);
    let placed = match (file, text) {
        (Some(file), Some(text)) => locate::span(&file.text, text, finding.span.clone()),
        _ => None,
    };
    // Unplaced: the element of the finding's side, else the pair's.
    let anchor = text.and_then(|t| t.at).unwrap_or_else(|| pair.anchor());
    let (span, exact) = match placed {
        Some(span) => (span, true),
        None => (anchor..anchor, false),
    };
    // A fix replaces text, never markup the span runs over (an inline
    // code, CDATA): such a span gets none.
    let plain = file
        .and_then(|f| f.text.get(span.clone()))
        .is_some_and(|raw| !raw.contains('<'));
    let fix = finding.fix.filter(|_| exact && plain).map(|fix| Fix {
        replacement: xml_escaped(&fix.replacement),
        applicability: fix.applicability,
    });
    // A finding shown on the source but about one translation says which
    // (a TMX unit has several).
    let mut message = finding.message;
    let named = pair
        .target_lang
        .parse::<Lang>()
        .is_ok_and(|lang| message.contains(lang.name()));
    if finding.side == Side::Source
        && !SOURCE_ONLY.contains(&rule)
        && !pair.target_lang.is_empty()
        && !named
    {
        message = format!("{message} ({})", pair.target_lang);
    }
    let excerpt = Excerpt {
        source_lang: pair.source.lang.clone(),
        target_lang: pair.target_lang.clone(),
        source: pair.source.text.clone(),
        target: pair
            .target
            .as_ref()
            .map(|t| t.text.clone())
            .unwrap_or_default(),
        in_target: finding.side == Side::Target,
        span: finding.span,
    };
    Diagnostic {
        rule,
        severity,
        source: pair.file,
        span,
        unit: Some(pair.unit.clone()),
        message,
        suggestion: finding.suggestion,
        fix,
        excerpt: Some(Box::new(excerpt)),
    }
}

fn xml_escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    crate::text::push_xml_escaped(&mut out, text);
    out
}

/// `U+064A`, for messages.
pub(crate) fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// Test helpers: pairs from strings, checked with the shipped glossary.
#[cfg(test)]
pub(crate) mod testing {
    use std::sync::OnceLock;

    use super::*;

    /// The shipped glossary, loaded once.
    pub fn glossary() -> &'static Glossary {
        static GLOSSARY: OnceLock<Glossary> = OnceLock::new();
        GLOSSARY.get_or_init(|| {
            let path =
                std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("glossaries/names.tbx");
            match Glossary::load(&path) {
                Ok(glossary) => glossary,
                Err(e) => panic!("{e}"),
            }
        })
    }

    /// A pair of plain texts in one file, `source_lang` to `target_lang`.
    pub fn pair(source_lang: &str, source: &str, target_lang: &str, target: &str) -> Pair {
        Pair {
            file: 0,
            unit: "u1".into(),
            source: Text::plain(source_lang, source),
            target: Some(Text::plain(target_lang, target)),
            target_lang: target_lang.to_owned(),
            initial: false,
            reference: false,
        }
    }

    /// The findings of `rule` (on at its default severity) over `pairs`.
    pub fn run(rule: &str, pairs: &[Pair]) -> Vec<Diagnostic> {
        run_with(glossary(), rule, pairs)
    }

    /// [`run`] with another glossary.
    pub fn run_with(glossary: &Glossary, rule: &str, pairs: &[Pair]) -> Vec<Diagnostic> {
        let checker = Checker::new(glossary, Options::default());
        let mut report = Report::default();
        report.add_source(Source::new("t.xlf".into(), String::new()));
        checker.check_pairs(pairs, &mut report);
        report
            .diagnostics
            .into_iter()
            .filter(|d| d.rule == rule)
            .collect()
    }

    /// The findings of `rule` on one pair from English.
    pub fn check(rule: &str, target_lang: &str, source: &str, target: &str) -> Vec<Diagnostic> {
        run(rule, &[pair("en", source, target_lang, target)])
    }

    /// Runs `check` alone on one pair and returns its findings as the rule
    /// made them, fixes included (the checker drops the fixes of texts that
    /// are not in a file).
    pub fn findings(
        check: PairCheck,
        source_lang: &str,
        source: &str,
        target_lang: &str,
        target: &str,
    ) -> Vec<Finding> {
        let checker = Checker::new(glossary(), Options::default());
        let pair = pair(source_lang, source, target_lang, target);
        let Some(text) = pair.target.as_ref() else {
            return Vec::new();
        };
        let cx = PairContext::new(&checker, &pair, text);
        let mut out: Vec<Raw> = Vec::new();
        let mut sink = Sink {
            rule: "test",
            severity: Severity::Error,
            pair: 0,
            out: &mut out,
        };
        check(&cx, &mut sink);
        out.into_iter().map(|raw| raw.finding).collect()
    }

    /// The shipped translation memory's pairs, en→ur and en→ru, for the rules'
    /// no-noise tests.
    pub fn shipped_pairs() -> &'static [Pair] {
        static PAIRS: OnceLock<Vec<Pair>> = OnceLock::new();
        PAIRS.get_or_init(|| {
            let path =
                std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tmx/press-releases.tmx");
            let (_, units) = crate::tm::tmx::read_all(&path).unwrap();
            let mut pairs = Vec::new();
            for unit in &units {
                let en = unit.variants.iter().find(|v| v.lang == "en").unwrap();
                for v in unit
                    .variants
                    .iter()
                    .filter(|v| v.lang == "ur" || v.lang == "ru")
                {
                    let mut p = pair("en", &en.text, &v.lang, &v.text);
                    p.unit = unit.id().unwrap_or_default().to_owned();
                    pairs.push(p);
                }
            }
            assert!(pairs.len() > 400, "{}", pairs.len());
            pairs
        })
    }

    /// `rule` finds nothing in the shipped memory's pairs nor in any
    /// shipped file ([`shipped_findings`]).
    pub fn assert_shipped_clean(rule: &str) {
        let found = run(rule, shipped_pairs());
        assert!(found.is_empty(), "{found:#?}");
        let found = shipped_findings(rule);
        assert!(found.is_empty(), "{found:#?}");
    }

    /// The findings of `rule` over every shipped XLIFF and TMX file (the
    /// memory in `tmx/` and the fixtures, but for the errors seeded on purpose
    /// in `tests/fixtures/check/seeded` and `check/cli/{warning,error}.*`),
    /// read as `check` reads them.
    pub fn shipped_findings(rule: &str) -> Vec<Diagnostic> {
        fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                let seeded = path.ends_with("check/seeded")
                    || (path.parent().is_some_and(|p| p.ends_with("check/cli"))
                        && path
                            .file_name()
                            .is_some_and(|n| !n.to_string_lossy().starts_with("clean")));
                if seeded {
                    continue;
                }
                if path.is_dir() {
                    walk(&path, out);
                } else if path
                    .extension()
                    .is_some_and(|e| e == "xlf" || e == "xliff" || e == "tmx")
                {
                    out.push(path);
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut paths = vec![root.join("tmx/press-releases.tmx")];
        walk(&root.join("tests/fixtures"), &mut paths);
        paths.sort();
        findings_in(rule, &paths)
    }

    /// The findings of `rule` in `paths`.
    fn findings_in(rule: &str, paths: &[std::path::PathBuf]) -> Vec<Diagnostic> {
        let checker = Checker::new(glossary(), Options::default());
        let report = checker.check_files(paths, &[]);
        report
            .diagnostics
            .into_iter()
            .filter(|d| d.rule == rule)
            .collect()
    }

    /// Checks `rule` against the seeded errors of `tests/fixtures/check/seeded`,
    /// whose units are named after the rule that must find them
    /// (`whitespace-ur-1`): each of those has a finding of `rule`, and no other
    /// unit has one.
    pub fn assert_seeded(rule: &str) {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check/seeded");
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        paths.sort();
        let found = findings_in(rule, &paths);
        let units: std::collections::BTreeSet<&str> =
            found.iter().filter_map(|d| d.unit.as_deref()).collect();
        let prefix = format!("{rule}-");
        for d in &found {
            let unit = d.unit.as_deref().unwrap_or_default();
            assert!(unit.starts_with(&prefix), "{unit}: {}", d.message);
        }
        let mut seeded = 0;
        for path in &paths {
            let text = std::fs::read_to_string(path).unwrap();
            for (i, _) in text.match_indices(&format!("id=\"{prefix}")) {
                let id = &text[i + 4..];
                let id = &id[..id.find('"').unwrap()];
                let segment = format!("{id}/");
                let found = units.iter().any(|u| *u == id || u.starts_with(&segment));
                assert!(found, "{id} is not found");
                seeded += 1;
            }
        }
        assert!(seeded > 0);
    }

    /// The text a diagnostic's excerpt underlines.
    pub fn underlined(d: &Diagnostic) -> &str {
        let Some(excerpt) = d.excerpt.as_deref() else {
            return "";
        };
        let text = if excerpt.in_target {
            &excerpt.target
        } else {
            &excerpt.source
        };
        text.get(excerpt.span.clone()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_finding_in_a_source_shared_by_several_pairs_is_reported_once() {
        let source = "Senatоr Chizhov arrived.";
        let pairs = [
            testing::pair("en", source, "ru", "Сенатор Чижов прибыл."),
            testing::pair("en", source, "ur", "سینیٹر چیژوف پہنچ گئے۔"),
        ];
        let found = testing::run("mixed-script", &pairs);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(testing::underlined(&found[0]), "о");
    }

    #[test]
    fn a_finding_about_one_translation_names_its_language() {
        let source = "The delegation of 45 members arrived.";
        let pairs = [
            testing::pair("en", source, "ru", "Делегация прибыла."),
            testing::pair("en", source, "ur", "وفد پہنچ گیا۔"),
        ];
        let found = testing::run("number-mismatch", &pairs);
        let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(found.len(), 2, "{messages:?}");
        assert!(messages.iter().any(|m| m.ends_with("(ru)")), "{messages:?}");
        assert!(messages.iter().any(|m| m.ends_with("(ur)")), "{messages:?}");
    }

    #[test]
    fn rule_ids_are_unique_kebab_case_and_documented() {
        let mut seen = std::collections::HashSet::new();
        for rule in RULES {
            assert!(seen.insert(rule.id), "duplicate rule id {}", rule.id);
            assert!(
                rule.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                rule.id
            );
            assert!(
                !rule.summary.is_empty() && !rule.help.is_empty(),
                "{}",
                rule.id
            );
        }
        let ids = PAIR_CHECKS.iter().map(|(id, _)| *id);
        let ids: Vec<&str> = ids.chain(JOB_CHECKS.iter().map(|(id, _)| *id)).collect();
        for id in &ids {
            assert!(RULES.iter().any(|r| r.id == *id), "{id} is not in RULES");
        }
        for rule in RULES.iter().filter(|r| r.id != parse_error::RULE.id) {
            assert!(ids.contains(&rule.id), "{} has no check", rule.id);
        }
        let readme = include_str!("../../README.md");
        for rule in RULES {
            assert!(
                readme.contains(&format!("`{}`", rule.id)),
                "README does not document {}",
                rule.id
            );
        }
    }
}
