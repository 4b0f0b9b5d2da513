//! `tarjuman lint`: check source releases against the glossary, for CI.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use tarjuman::Lang;
use tarjuman::lint::{self, Linter, Options};
use tarjuman::report::{self, Report};

/// Check releases for forbidden, misspelt and inconsistently spelt names.
///
/// Each FILE is a release (UTF-8 plain text with light Markdown). Terms
/// come from the glossaries given with --glossary, else from the
/// `[glossary] paths` of tarjuman.toml. Rules, their severities and how to
/// change them (`[rules]` in tarjuman.toml) are in the README.
///
/// Exit code: 0 without error-level findings, 1 with some, 2 if a file
/// could not be read or is not UTF-8 (the other files are still reported)
/// or a glossary could not be loaded.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  tarjuman lint --lang en releases/2024-02-07.en.txt
  tarjuman lint --glossary glossaries/names.tbx release.ru.txt   (language from the name)
  tarjuman lint --format github releases/*.txt                  (annotations in GitHub Actions)

Without --lang, the language comes from the file name (release.ru.txt) or
from `source` in tarjuman.toml.")]
pub struct Args {
    /// A glossary (TBX, CSV, TSV, or a folder of them); repeatable.
    /// Default: `[glossary] paths` in tarjuman.toml.
    #[arg(long, value_name = "PATH")]
    glossary: Vec<PathBuf>,
    /// Language of the releases: en, ur or ru.
    #[arg(long, value_name = "LANG")]
    lang: Option<Lang>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = report::Format::Human)]
    format: report::Format,
    /// Releases to lint.
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let project = super::project()?;
    let options = project
        .as_ref()
        .map_or_else(Options::default, |p| Options::from_config(&p.config));
    let paths = super::glossary_paths(&args.glossary, project.as_ref())?;
    if paths.is_empty() {
        match &project {
            None => bail!(
                "no glossary given: pass --glossary PATH, or set `[glossary] paths` in tarjuman.toml"
            ),
            Some(project) => bail!(
                "{}: no `[glossary] paths`: pass --glossary PATH or add them",
                project.path.display()
            ),
        }
    }
    let glossary = super::load_glossary(&paths)?;
    // Languages first, so that a bad argument prints nothing.
    let source = project.as_ref().and_then(|p| p.config.source);
    let mut inputs = Vec::with_capacity(args.files.len());
    for file in &args.files {
        inputs.push((file, super::language(args.lang, Some(file), source)?));
    }
    let mut linters: Vec<(Lang, Linter<'_>)> = Vec::new();
    let mut report = Report::default();
    let mut stderr = std::io::stderr();
    for (file, lang) in inputs {
        if !linters.iter().any(|(l, _)| *l == lang) {
            linters.push((lang, Linter::new(&glossary, lang, options.clone())));
        }
        let Some((_, linter)) = linters.iter().find(|(l, _)| *l == lang) else {
            continue;
        };
        let result = std::fs::read(file)
            .map_err(|e| format!("{}: cannot read: {e}", file.display()))
            .and_then(|bytes| {
                linter
                    .lint_bytes(bytes, file.clone(), &mut report)
                    .map_err(|e| e.to_string())
            });
        if let Err(message) = result {
            report.failed = true;
            writeln!(stderr, "error: {message}").context("cannot write")?;
        }
    }
    report.sort();
    super::print_report(&report, lint::RULES, args.format)
}
