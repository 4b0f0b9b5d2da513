#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! `tarjuman check`: the seeded corpus (every seeded problem found, nothing
//! else reported), the shipped translations (no noise), exit codes, output
//! formats, baselines and `tarjuman.toml`.
//!
//! The corpus is `tests/fixtures/check/` (see `seeded/README.md`).

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// Every rule of `check`, as the issue names them.
const RULES: [&str; 17] = [
    "term-missing",
    "term-forbidden",
    "name-mismatch",
    "number-mismatch",
    "untranslated",
    "target-equals-source",
    "tag-mismatch",
    "length-ratio",
    "inconsistent-target",
    "inconsistent-source",
    "whitespace",
    "punctuation-end",
    "bracket-balance",
    "mixed-script",
    "urdu-codepoint",
    "bidi-control",
    "parse-error",
];

/// Rules that only apply to Urdu targets.
const URDU_ONLY: [&str; 1] = ["urdu-codepoint"];

/// Rules about whole files, seeded in `broken/` rather than in units.
const FILE_RULES: [&str; 1] = ["parse-error"];

/// The fewest correct units each seeded file must have.
const MIN_OK_UNITS: usize = 15;

const SEEDED: &str = "tests/fixtures/check/seeded";
const EXTRA_GLOSSARY: &str = "tests/fixtures/check/glossary/extra.csv";
const CLEAN: &str = "tests/fixtures/check/cli/clean.ru.xlf";
const WARNING: &str = "tests/fixtures/check/cli/warning.ru.xlf";
const ERROR: &str = "tests/fixtures/check/cli/error.ru.xlf";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `tarjuman check` run from `dir`.
fn check(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("tarjuman").unwrap();
    cmd.current_dir(dir).env_remove("NO_COLOR").arg("check");
    cmd
}

/// The JSON report and exit code of `check --format json args` in `dir`.
fn json(dir: &Path, args: &[&str]) -> (Value, i32) {
    let out = check(dir)
        .args(["--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "check {args:?}: no JSON report ({e}); exit {:?}; stderr:\n{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (report, out.status.code().unwrap())
}

/// The diagnostics of a JSON report.
fn diagnostics(report: &Value) -> &[Value] {
    report["diagnostics"].as_array().unwrap()
}

fn is_warning_or_error(d: &Value) -> bool {
    matches!(d["severity"].as_str(), Some("warning" | "error"))
}

/// A diagnostic on one line, for failure lists.
fn describe(d: &Value) -> String {
    format!(
        "{}:{}:{} {}[{}] unit {}: {}{}",
        d["file"].as_str().unwrap_or("?"),
        d["line"],
        d["column"],
        d["severity"].as_str().unwrap_or("?"),
        d["rule"].as_str().unwrap_or("?"),
        d["unit"],
        d["message"].as_str().unwrap_or(""),
        d["suggestion"]
            .as_str()
            .map(|s| format!(" (suggestion: {s})"))
            .unwrap_or_default()
    )
}

/// The unit a diagnostic is about, without the segment (`u2/s3` → `u2`).
fn unit_of(d: &Value) -> Option<&str> {
    d["unit"].as_str().map(|u| u.split('/').next().unwrap_or(u))
}

/// The rule a unit id seeds: the rule id it starts with, followed by `-`.
fn seeded_rule(id: &str) -> Option<&'static str> {
    RULES.into_iter().find(|rule| {
        id.strip_prefix(rule)
            .is_some_and(|rest| rest.starts_with('-'))
    })
}

/// The language a seeded id names after its rule (`number-mismatch-ru-2`).
fn seeded_lang(id: &str) -> Option<&str> {
    let rule = seeded_rule(id)?;
    let lang = id.get(rule.len() + 1..rule.len() + 3)?;
    matches!(lang, "ur" | "ru").then_some(lang)
}

/// A seeded problem's key: a job rule's pair (`…-1a`, `…-1b`) is one problem.
fn problem_of(id: &str) -> String {
    match seeded_rule(id) {
        Some("inconsistent-target" | "inconsistent-source") => id
            .trim_end_matches(|c: char| c.is_ascii_lowercase())
            .to_owned(),
        _ => id.to_owned(),
    }
}

/// The value of the first `name="…"` in `text`.
fn attribute<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    let start = text.find(&format!("{name}=\""))? + name.len() + 2;
    let len = text[start..].find('"')?;
    Some(&text[start..start + len])
}

/// The primary language subtag (`ur-PK` → `ur`).
fn primary(lang: &str) -> String {
    lang.split(['-', '_'])
        .next()
        .unwrap_or(lang)
        .to_ascii_lowercase()
}

/// One file of the seeded corpus, read the simple way (one element per
/// line is enough for these files).
struct CorpusFile {
    /// As `check` names it when run from the repository root.
    path: String,
    lines: Vec<String>,
    /// The target language of an XLIFF file; `None` for TMX.
    target_lang: Option<String>,
    /// Unit ids (TMX `tuid`s), in file order, with their 1-based line.
    units: Vec<(String, usize)>,
}

impl CorpusFile {
    fn read(path: &Path) -> CorpusFile {
        let text = std::fs::read_to_string(root().join(path)).unwrap();
        let lines: Vec<String> = text.lines().map(str::to_owned).collect();
        let is_tmx = path.extension().is_some_and(|e| e == "tmx");
        let target_lang = if is_tmx {
            None
        } else {
            attribute(&text, "target-language")
                .or_else(|| attribute(&text, "trgLang"))
                .map(primary)
        };
        let mut units = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            let trimmed = line.trim_start();
            let id = if is_tmx {
                trimmed
                    .starts_with("<tu ")
                    .then(|| attribute(trimmed, "tuid"))
                    .flatten()
            } else if trimmed.starts_with("<trans-unit ") || trimmed.starts_with("<unit ") {
                attribute(trimmed, "id")
            } else {
                None
            };
            if let Some(id) = id {
                units.push((id.to_owned(), i + 1));
            }
        }
        CorpusFile {
            path: path.to_str().unwrap().to_owned(),
            lines,
            target_lang,
            units,
        }
    }

    /// The target language of a finding at `line`: the file's, or in TMX
    /// the language of the `<tuv>` on that line (`None` for the source).
    fn lang_at(&self, line: usize) -> Option<String> {
        if let Some(lang) = &self.target_lang {
            return Some(lang.clone());
        }
        let text = self.lines.get(line.checked_sub(1)?)?;
        let lang = primary(attribute(text, "xml:lang")?);
        (lang != "en").then_some(lang)
    }

    /// The languages a seeded unit's problem is in.
    fn seeded_lang(&self, id: &str) -> Option<String> {
        seeded_lang(id)
            .map(str::to_owned)
            .or_else(|| self.target_lang.clone())
    }
}

fn seeded_files() -> Vec<CorpusFile> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join(SEEDED))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xlf" || e == "tmx"))
        .map(|p| p.strip_prefix(root()).unwrap().to_path_buf())
        .collect();
    paths.sort();
    paths.iter().map(|p| CorpusFile::read(p)).collect()
}

/// Runs `check` on the seeded corpus from the repository root: the shipped
/// glossary plus `extra.csv` (the only Russian forbidden term), and the
/// project memory `tmx/` for consistency, as in real use.
fn seeded_report() -> (Value, i32) {
    json(root(), &with(&[SEEDED]))
}

/// The line a diagnostic starts on (0 if it has none).
fn line_of(d: &Value) -> usize {
    d["line"]
        .as_u64()
        .and_then(|l| usize::try_from(l).ok())
        .unwrap_or(0)
}

/// What is wrong with the corpus itself: too few files or correct units,
/// ids that name no rule, or another language than their file's.
fn corpus_problems(corpus: &[CorpusFile]) -> Vec<String> {
    let mut problems = Vec::new();
    if corpus.len() < 5 {
        problems.push(format!(
            "{SEEDED} has {} XLIFF/TMX files, expected 5",
            corpus.len()
        ));
    }
    for file in corpus {
        let ok = file
            .units
            .iter()
            .filter(|(id, _)| id.starts_with("ok-"))
            .count();
        if ok < MIN_OK_UNITS {
            problems.push(format!(
                "{}: {ok} `ok-` units, expected at least {MIN_OK_UNITS}",
                file.path
            ));
        }
        for (id, line) in &file.units {
            if let (Some(lang), Some(file_lang)) = (seeded_lang(id), &file.target_lang)
                && lang != file_lang
            {
                problems.push(format!(
                    "{}:{line}: unit `{id}` names `{lang}` in a `{file_lang}` file",
                    file.path
                ));
            }
            if !id.starts_with("ok-") && seeded_rule(id).is_none() {
                problems.push(format!(
                    "{}:{line}: unit `{id}` starts with neither `ok-` nor a rule id",
                    file.path
                ));
            }
        }
    }
    problems
}

/// Whether `file`'s unit `id` has a finding of the rule it seeds, in the
/// seeded language (a TMX finding on the English source counts).
fn is_found(diags: &[Value], file: &CorpusFile, id: &str) -> bool {
    let rule = seeded_rule(id).unwrap_or_default();
    let lang = file.seeded_lang(id);
    diags.iter().any(|d| {
        d["rule"] == rule
            && d["file"] == file.path.as_str()
            && unit_of(d) == Some(id)
            && match (file.lang_at(line_of(d)), &lang) {
                (Some(at), Some(lang)) => at == *lang,
                _ => true,
            }
    })
}

/// The seeded problems and whether each is found, as (rule, language,
/// found) per unit, and a line for each problem not found.
fn seeded_problems(
    corpus: &[CorpusFile],
    diags: &[Value],
) -> (Vec<(&'static str, String, bool)>, Vec<String>) {
    let mut problems: BTreeMap<String, Vec<(&CorpusFile, &str, usize)>> = BTreeMap::new();
    for file in corpus {
        for (id, line) in &file.units {
            if seeded_rule(id).is_some() {
                problems
                    .entry(problem_of(id))
                    .or_default()
                    .push((file, id, *line));
            }
        }
    }
    let mut seeds = Vec::new();
    let mut not_found = Vec::new();
    for (problem, units) in &problems {
        let rule = seeded_rule(problem).unwrap_or_default();
        // A consistency pair is found when either of its units is.
        let found = units.iter().any(|(file, id, _)| is_found(diags, file, id));
        for (file, id, _) in units {
            if let Some(lang) = file.seeded_lang(id) {
                seeds.push((rule, lang, found));
            }
        }
        if !found {
            let places: Vec<String> = units
                .iter()
                .map(|(file, id, line)| format!("{}:{line} `{id}`", file.path))
                .collect();
            not_found.push(format!("{rule}: {}", places.join(" and ")));
        }
    }
    (seeds, not_found)
}

/// The findings at warning or error level that are not on a unit seeded
/// for their rule, in the seeded language.
fn false_alarms(corpus: &[CorpusFile], diags: &[Value]) -> Vec<String> {
    let mut alarms = Vec::new();
    for d in diags.iter().filter(|d| is_warning_or_error(d)) {
        let rule = d["rule"].as_str().unwrap_or_default();
        let Some(file) = corpus.iter().find(|f| d["file"] == f.path.as_str()) else {
            alarms.push(format!("{} (not a seeded file)", describe(d)));
            continue;
        };
        let Some(id) = unit_of(d).filter(|id| seeded_rule(id) == Some(rule)) else {
            alarms.push(describe(d));
            continue;
        };
        if let (Some(at), Some(lang)) = (file.lang_at(line_of(d)), file.seeded_lang(id))
            && at != lang
        {
            alarms.push(format!(
                "{} (on the {at} variant; the {lang} one is seeded)",
                describe(d)
            ));
        }
    }
    alarms
}

/// The rules not seeded, or not found, in a language they apply to (Urdu
/// only for Urdu rules; the file rules are in broken/).
fn coverage(seeds: &[(&str, String, bool)]) -> (Vec<String>, Vec<String>) {
    let mut unseeded = Vec::new();
    let mut unfound = Vec::new();
    for rule in RULES.into_iter().filter(|r| !FILE_RULES.contains(r)) {
        let langs: &[&str] = if URDU_ONLY.contains(&rule) {
            &["ur"]
        } else {
            &["ur", "ru"]
        };
        for lang in langs {
            let mut seeded = seeds.iter().filter(|(r, l, _)| *r == rule && l == lang);
            match seeded.clone().next() {
                None => unseeded.push(format!("{rule} is not seeded in `{lang}`")),
                Some(_) if !seeded.any(|(_, _, found)| *found) => {
                    unfound.push(format!("{rule}: no seeded `{lang}` problem found"));
                }
                Some(_) => {}
            }
        }
    }
    (unseeded, unfound)
}

#[test]
fn seeded_corpus_every_problem_found_and_nothing_else() {
    let corpus = seeded_files();
    let (report, code) = seeded_report();
    let diags = diagnostics(&report);

    let mut incomplete = corpus_problems(&corpus);
    // (a) Every seeded problem is found on its unit, by its rule.
    let (seeds, not_found) = seeded_problems(&corpus, diags);
    // (b) Nothing else at warning or error level.
    let alarms = false_alarms(&corpus, diags);
    // (c) Each rule in Urdu and in Russian.
    let (unseeded, unfound) = coverage(&seeds);
    incomplete.extend(unseeded);

    let mut failures = String::new();
    for (title, list) in [
        ("the corpus is incomplete", &incomplete),
        ("seeded problems not found", &not_found),
        (
            "false alarms (warning or error not on a unit seeded for that rule)",
            &alarms,
        ),
        ("rules not found in a language", &unfound),
    ] {
        if !list.is_empty() {
            let _ = writeln!(failures, "\n{title} ({}):", list.len());
            for item in list {
                let _ = writeln!(failures, "  - {item}");
            }
        }
    }
    assert!(failures.is_empty(), "seeded corpus:{failures}");
    assert_eq!(code, 1, "the corpus has error-level findings");
}

/// The CAT-tool files under `tests/fixtures/xliff/` that are well-formed:
/// their translated segments are correct translations. Some of their
/// segments are deliberately left untranslated (an empty target, no target,
/// a 2.x `initial` segment without target): `untranslated` is right there
/// and is the only finding allowed. `bad-version.xlf`, `duplicate-ids.xlf`
/// and `unclosed.xlf` are broken on purpose and are not translations.
const CAT_FILES: [(&str, &[&str]); 4] = [
    ("tests/fixtures/xliff/memoq-1.2.xlf", &["4"]),
    ("tests/fixtures/xliff/omegat-1.2.xlf", &["4", "5"]),
    ("tests/fixtures/xliff/phrase-2.1.xlf", &["u2/s3"]),
    ("tests/fixtures/xliff/trados-1.2.xlf", &["a3f1c2e0-0003"]),
];

#[test]
fn shipped_translations_have_no_warnings_or_errors() {
    let mut noise = Vec::new();
    let mut run = |args: &[&str], allowed: &dyn Fn(&Value) -> bool| {
        let (report, code) = json(root(), args);
        if code == 2 {
            noise.push(format!("check {args:?} exits 2"));
        }
        for d in diagnostics(&report) {
            if is_warning_or_error(d) && !allowed(d) {
                noise.push(describe(d));
            }
        }
    };
    // Run from the repository root, each run is also compared with the
    // project memory (tmx/), as in real use.
    // The memory and the translated releases, as one job (the releases
    // reuse memory sentences).
    run(
        &["tmx/", "tests/fixtures/xliff/translated/"],
        &|_: &Value| false,
    );
    // The CAT-tool files, as one job: only their untranslated segments.
    let cat: Vec<&str> = CAT_FILES.iter().map(|(path, _)| *path).collect();
    run(&cat, &|d: &Value| {
        d["rule"] == "untranslated"
            && CAT_FILES
                .iter()
                .any(|(path, units)| d["file"] == *path && units.iter().any(|u| d["unit"] == *u))
    });
    // The test memories: versions of one memory (updates.tmx revises
    // memory.tmx), so each is checked on its own.
    for tm in ["memory.tmx", "old-version.tmx", "updates.tmx"] {
        let path = format!("tests/fixtures/tm/{tm}");
        run(&[&path], &|_: &Value| false);
    }
    assert!(
        noise.is_empty(),
        "findings on correct translations ({}):\n  - {}",
        noise.len(),
        noise.join("\n  - ")
    );
}

#[test]
fn exit_codes() {
    let (report, code) = json(root(), &[CLEAN]);
    assert_eq!(code, 0, "clean file: {report}");
    assert!(diagnostics(&report).is_empty(), "clean file: {report}");

    let (report, code) = json(root(), &[ERROR]);
    assert_eq!(code, 1, "{report}");
    assert!(
        diagnostics(&report)
            .iter()
            .any(|d| d["severity"] == "error" && d["rule"] == "number-mismatch"),
        "{report}"
    );

    // Warnings fail only with --fail-on warning.
    let (report, code) = json(root(), &[WARNING]);
    assert_eq!(code, 0, "{report}");
    assert!(
        diagnostics(&report)
            .iter()
            .any(|d| d["severity"] == "warning" && d["rule"] == "whitespace"),
        "{report}"
    );
    let (_, code) = json(root(), &["--fail-on", "warning", WARNING]);
    assert_eq!(code, 1);
    let (_, code) = json(root(), &["--fail-on", "error", WARNING]);
    assert_eq!(code, 0);
}

#[test]
fn parse_errors_exit_2_and_the_other_files_are_still_reported() {
    let broken = [
        "tests/fixtures/check/broken/unclosed.ur.xlf",
        "tests/fixtures/check/broken/tuv-without-language.tmx",
        "tests/fixtures/check/broken/not-xliff.xlf",
    ];
    for bad in broken {
        let (report, code) = json(root(), &[ERROR, bad]);
        assert_eq!(code, 2, "{bad}: {report}");
        let diags = diagnostics(&report);
        assert!(
            diags
                .iter()
                .any(|d| d["file"] == ERROR && d["rule"] == "number-mismatch"),
            "{bad}: the good file's findings are missing: {report}"
        );
        let parse: Vec<&Value> = diags.iter().filter(|d| d["file"] == bad).collect();
        assert_eq!(parse.len(), 1, "{bad}: {report}");
        assert_eq!(parse[0]["rule"], "parse-error", "{bad}");
        assert_eq!(parse[0]["severity"], "error", "{bad}");
        assert!(!parse[0]["message"].as_str().unwrap().is_empty());
        if bad.contains("not-xliff") {
            continue;
        }
        // Where the reader stopped.
        let (line, column) = (parse[0]["line"].as_u64(), parse[0]["column"].as_u64());
        let expected = if bad.contains("unclosed") { 12 } else { 11 };
        assert_eq!(line, Some(expected), "{bad}: {}", describe(parse[0]));
        assert!(
            column.is_some_and(|c| c >= 1),
            "{bad}: {}",
            describe(parse[0])
        );
    }
    // All of them at once: every broken file reported, exit 2.
    let mut args = vec![CLEAN];
    args.extend(broken);
    let (report, code) = json(root(), &args);
    assert_eq!(code, 2);
    let files: BTreeSet<&str> = diagnostics(&report)
        .iter()
        .filter(|d| d["rule"] == "parse-error")
        .filter_map(|d| d["file"].as_str())
        .collect();
    assert_eq!(files, broken.into_iter().collect(), "{report}");
}

#[test]
fn a_comment_before_the_root_element_is_not_a_parse_error() {
    // Well-formed TMX: the comment before <tmx> mentions <tu> and <tuv>.
    let path = "tests/fixtures/check/cli/comment-before-root.tmx";
    let (report, code) = json(root(), &[path]);
    assert!(
        !diagnostics(&report)
            .iter()
            .any(|d| d["rule"] == "parse-error"),
        "{}",
        diagnostics(&report)
            .iter()
            .map(describe)
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert_eq!(code, 0, "{report}");
}

#[test]
fn human_output_shows_rule_place_and_both_texts() {
    let (report, _) = json(root(), &[ERROR]);
    let d = diagnostics(&report)
        .iter()
        .find(|d| d["rule"] == "number-mismatch")
        .unwrap_or_else(|| panic!("{report}"))
        .clone();
    let out = check(root()).arg(ERROR).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let place = format!("{ERROR}:{}:{}", d["line"], d["column"]);
    for wanted in [
        "number-mismatch",
        place.as_str(),
        "The two chambers signed 3 memoranda.",
        "Палаты подписали 4 меморандума.",
    ] {
        assert!(text.contains(wanted), "no `{wanted}` in:\n{text}");
    }
    assert!(
        !text.contains('\u{1b}'),
        "colour without a terminal:\n{text}"
    );
}

#[test]
fn github_output_is_workflow_commands() {
    let out = check(root())
        .args(["--format", "github", ERROR, WARNING])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&format!("::error file={ERROR},"))),
        "{text}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&format!("::warning file={WARNING},"))),
        "{text}"
    );
    for line in &lines {
        assert!(
            line.starts_with("::error file=")
                || line.starts_with("::warning file=")
                || line.starts_with("::notice file="),
            "not a workflow command: {line}"
        );
        assert!(line.contains("line=") && line.contains("col="), "{line}");
    }
}

#[test]
fn sarif_lists_every_rule() {
    let out = check(root())
        .args(["--format", "sarif", ERROR])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let ids: BTreeSet<&str> = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["id"].as_str())
        .collect();
    for rule in RULES {
        assert!(
            ids.contains(rule),
            "{rule} is not in the SARIF rules: {ids:?}"
        );
    }
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(
        results.iter().any(|r| r["ruleId"] == "number-mismatch"),
        "{sarif}"
    );
}

/// `check` arguments with the seeded corpus's glossaries before `extra`.
fn with<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "--glossary",
        "glossaries/names.tbx",
        "--glossary",
        EXTRA_GLOSSARY,
    ];
    args.extend_from_slice(extra);
    args
}

#[test]
fn baseline_accepts_todays_findings_and_reports_new_ones() {
    let dir = tempfile::tempdir().unwrap();
    let baseline = dir.path().join("b.json");
    let baseline = baseline.to_str().unwrap();

    let (report, code) = json(root(), &with(&["--write-baseline", baseline, SEEDED]));
    assert_eq!(code, 0, "--write-baseline exits 0: {report}");
    assert!(
        !diagnostics(&report).is_empty(),
        "--write-baseline still reports the findings"
    );
    assert!(Path::new(baseline).is_file());

    let (report, code) = json(root(), &with(&["--baseline", baseline, SEEDED]));
    assert_eq!(
        code,
        0,
        "everything is in the baseline:\n{}",
        diagnostics(&report)
            .iter()
            .map(describe)
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(diagnostics(&report).is_empty());

    // A new file with a problem: only its findings show.
    let (report, code) = json(root(), &with(&["--baseline", baseline, SEEDED, ERROR]));
    assert_eq!(code, 1, "{report}");
    let shown: Vec<String> = diagnostics(&report).iter().map(describe).collect();
    assert!(
        diagnostics(&report).iter().all(|d| d["file"] == ERROR),
        "only the new file's findings:\n{}",
        shown.join("\n")
    );
    assert!(
        diagnostics(&report)
            .iter()
            .any(|d| d["rule"] == "number-mismatch"),
        "{}",
        shown.join("\n")
    );
}

/// A project: `tarjuman.toml`, the shipped glossary, `xlf/` (checked),
/// `drafts/` (ignored) and `tmx/` (the memory, not in `[check] paths`).
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::copy(root().join("glossaries/names.tbx"), p.join("names.tbx")).unwrap();
    std::fs::write(
        p.join("tarjuman.toml"),
        "source = \"en\"\ntargets = [\"ur\", \"ru\"]\n\n\
         [glossary]\npaths = [\"names.tbx\"]\n\n\
         [rules]\nwhitespace = \"off\"\nnumber-mismatch = \"warning\"\n\n\
         [check]\nignore = [\"drafts/**\"]\npaths = [\"xlf\"]\n",
    )
    .unwrap();
    let xliff = |units: &str| {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n \
             <file original=\"r.en.txt\" source-language=\"en\" target-language=\"ru\" datatype=\"plaintext\">\n  \
             <body>\n{units}  </body>\n </file>\n</xliff>\n"
        )
    };
    for folder in ["xlf", "drafts", "tmx"] {
        std::fs::create_dir(p.join(folder)).unwrap();
    }
    // A number mismatch (now a warning) and a double space (now off).
    std::fs::write(
        p.join("xlf/release.ru.xlf"),
        xliff(
            "   <trans-unit id=\"n1\">\n    <source>The chambers held 5 joint hearings.</source>\n    \
             <target state=\"translated\">Палаты провели 6 совместных слушаний.</target>\n   </trans-unit>\n   \
             <trans-unit id=\"w1\">\n    <source>The hearings were open to the press.</source>\n    \
             <target state=\"translated\">Слушания были  открыты для прессы.</target>\n   </trans-unit>\n",
        ),
    )
    .unwrap();
    // A draft with an untranslated segment (an error, if it were read).
    std::fs::write(
        p.join("drafts/draft.ru.xlf"),
        xliff(
            "   <trans-unit id=\"d1\">\n    <source>The draft agenda was circulated.</source>\n   </trans-unit>\n",
        ),
    )
    .unwrap();
    // The memory, with an empty Russian variant (an error, if it were checked).
    std::fs::write(
        p.join("tmx/memory.tmx"),
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n  \
         <header creationtool=\"t\" creationtoolversion=\"1\" datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" srclang=\"en\" o-tmf=\"t\"/>\n  \
         <body>\n    <tu tuid=\"m1\">\n      <tuv xml:lang=\"en\"><seg>The memory was updated in March.</seg></tuv>\n      \
         <tuv xml:lang=\"ru\"><seg></seg></tuv>\n    </tu>\n  </body>\n</tmx>\n",
    )
    .unwrap();
    dir
}

fn files_of(report: &Value) -> BTreeSet<String> {
    diagnostics(report)
        .iter()
        .filter_map(|d| d["file"].as_str())
        .map(|f| f.replace('\\', "/"))
        .collect()
}

#[test]
fn tarjuman_toml_rules_ignore_and_paths() {
    let dir = project();
    let p = dir.path();

    // [rules]: number-mismatch is a warning, whitespace is off.
    let (report, code) = json(p, &["xlf/release.ru.xlf"]);
    let rules: Vec<(String, String)> = diagnostics(&report)
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_owned(),
                d["severity"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        rules,
        [("number-mismatch".to_owned(), "warning".to_owned())],
        "{report}"
    );
    assert_eq!(code, 0, "warnings only");

    // [check] ignore: drafts/ is skipped when walking a folder.
    let (report, _) = json(p, &["."]);
    let files = files_of(&report);
    assert!(
        !files.iter().any(|f| f.contains("drafts")),
        "drafts/ is ignored: {files:?}"
    );
    assert!(
        files.iter().any(|f| f.ends_with("xlf/release.ru.xlf")),
        "{files:?}"
    );

    // No FILE: [check] paths (xlf/), not the memory (tmx/), not drafts/.
    let (report, code) = json(p, &[]);
    let files = files_of(&report);
    assert_eq!(
        files,
        BTreeSet::from(["xlf/release.ru.xlf".to_owned()]),
        "{report}"
    );
    assert_eq!(code, 0, "{report}");

    // An unknown key in [check]: exit 2, with where it is.
    std::fs::write(
        p.join("tarjuman.toml"),
        "[glossary]\npaths = [\"names.tbx\"]\n\n[check]\npaths = [\"xlf\"]\nignores = [\"drafts/**\"]\n",
    )
    .unwrap();
    let out = check(p).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("tarjuman.toml:6:1"), "{stderr}");
    assert!(stderr.contains("ignores"), "{stderr}");
}

/// The seeded files are valid XLIFF 1.2 strict, XLIFF 2.1 and TMX 1.4b
/// (when the schemas and xmllint are there).
#[test]
fn seeded_files_are_valid_against_the_schemas() {
    let schemas = root().join("../shared/schemas");
    let present = schemas.is_dir()
        && std::process::Command::new("xmllint")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
    if !common::available(present, "xmllint and ../shared/schemas") {
        return;
    }
    let mut failures = Vec::new();
    for file in seeded_files() {
        let path = root().join(&file.path);
        let mut cmd = std::process::Command::new("xmllint");
        cmd.args(["--noout", "--nonet"]);
        if Path::new(&file.path)
            .extension()
            .is_some_and(|e| e == "tmx")
        {
            cmd.arg("--path")
                .arg(schemas.join("tmx"))
                .arg("--dtdvalid")
                .arg(schemas.join("tmx/tmx14.dtd"));
        } else if std::fs::read_to_string(&path)
            .unwrap()
            .contains("version=\"1.2\"")
        {
            cmd.arg("--schema")
                .arg(schemas.join("xliff12/xliff-core-1.2-strict.xsd"));
        } else {
            cmd.arg("--schema")
                .arg(schemas.join("xliff2/xliff_2.1_core_and_modules.xsd"));
        }
        let out = cmd.arg(&path).output().unwrap();
        if !out.status.success() {
            failures.push(format!(
                "{}: {}",
                file.path,
                String::from_utf8_lossy(&out.stderr)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// UTF-16 XLIFF, with a byte-order mark or only the declaration to go by,
/// is read like UTF-8 (the regression: without a BOM it was "neither
/// XLIFF nor TMX").
#[test]
fn utf16_xliff_with_or_without_a_bom() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join(ERROR))
        .unwrap()
        .replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"");
    let utf16: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let bom = dir.path().join("bom.ru.xlf");
    let bare = dir.path().join("bare.ru.xlf");
    std::fs::write(&bom, [&[0xFF, 0xFE][..], &utf16].concat()).unwrap();
    std::fs::write(&bare, &utf16).unwrap();
    let (utf8, _) = json(root(), &["--no-memory", ERROR]);
    for path in [&bom, &bare] {
        let (report, code) = json(root(), &["--no-memory", path.to_str().unwrap()]);
        assert_eq!(code, 1, "{report}");
        let rules = |r: &Value| -> Vec<String> {
            diagnostics(r)
                .iter()
                .map(|d| format!("{} {}", d["rule"], d["line"]))
                .collect()
        };
        assert_eq!(rules(&report), rules(&utf8), "{}", path.display());
    }
}

/// A file that is not UTF-8 is a parse error where the bad byte is, as
/// the XLIFF and TMX readers say, not at 1:1.
#[test]
fn bad_bytes_are_reported_where_they_are() {
    let dir = tempfile::tempdir().unwrap();
    for fixture in [CLEAN, "tests/fixtures/check/seeded/election-observers.tmx"] {
        let mut bytes = std::fs::read(root().join(fixture)).unwrap();
        let text = String::from_utf8(bytes.clone()).unwrap();
        let at = text
            .rfind("</seg>")
            .or_else(|| text.rfind("</target>"))
            .unwrap();
        bytes.insert(at, 0xFF);
        let line = text[..at].matches('\n').count() + 1;
        let column = text[..at].rsplit('\n').next().unwrap().chars().count() + 1;
        let name = std::path::Path::new(fixture).file_name().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).unwrap();
        let (report, code) = json(root(), &["--no-memory", path.to_str().unwrap()]);
        assert_eq!(code, 2);
        let found = &diagnostics(&report)[0];
        assert_eq!(found["rule"], "parse-error");
        assert_eq!(
            (found["line"].as_u64(), found["column"].as_u64()),
            (Some(line as u64), Some(column as u64)),
            "{fixture}: {found}"
        );
    }
}

/// A run with a file it cannot read writes no baseline: the old one keeps
/// that file's entries.
#[test]
fn a_failed_run_leaves_the_baseline_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let baseline = dir.path().join("baseline.json");
    let baseline = baseline.to_str().unwrap();
    let (_, code) = json(
        root(),
        &["--no-memory", "--write-baseline", baseline, ERROR],
    );
    assert_eq!(code, 0);
    let before = std::fs::read_to_string(baseline).unwrap();
    assert!(before.contains("error.ru.xlf"), "{before}");
    let broken = dir.path().join("broken.ru.xlf");
    let text = std::fs::read_to_string(root().join(ERROR)).unwrap();
    std::fs::write(&broken, &text[..text.len() / 2]).unwrap();
    let (_, code) = json(
        root(),
        &[
            "--no-memory",
            "--write-baseline",
            baseline,
            ERROR,
            broken.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 2);
    assert_eq!(std::fs::read_to_string(baseline).unwrap(), before);
}

/// A baseline names files relative to the project: written at the root,
/// it accepts the same findings when check runs in a subfolder.
#[test]
fn a_baseline_holds_from_any_folder_of_the_project() {
    let dir = tempfile::tempdir().unwrap();
    let baseline = dir.path().join("baseline.json");
    let baseline = baseline.to_str().unwrap();
    let (_, code) = json(
        root(),
        &["--no-memory", "--write-baseline", baseline, ERROR],
    );
    assert_eq!(code, 0);
    let from_tests = root().join("tests");
    let shown = ERROR.strip_prefix("tests/").unwrap();
    let (report, code) = json(&from_tests, &["--no-memory", "--baseline", baseline, shown]);
    assert_eq!(code, 0, "{report}");
    assert!(diagnostics(&report).is_empty(), "{report}");
}
