//! `tarjuman check`: QA of translated XLIFF and TMX, for people and CI.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use tarjuman::config::FailOn;
use tarjuman::glossary::Glossary;
use tarjuman::qa::{self, Baseline, Checker, Options};
use tarjuman::report::{self, Severity};

use super::glossary::Ignore;

/// Check translations: terms, names, numbers, tags, consistency, form.
///
/// Each FILE is XLIFF (1.2, 2.0, 2.1: what translators return) or TMX, or a
/// folder of them (.xlf, .xliff, .sdlxliff, .mqxliff, .tmx). All files are
/// checked as one job, and compared with the memory (`[tm] paths`): one
/// source translated two ways in two files, or differently from the
/// memory, is found. Without FILE, checks `[check] paths` of tarjuman.toml, by
/// default the memory (`[tm] paths`). Terms come from --glossary, else
/// from `[glossary] paths`. Rules, severities (`[rules]`) and the
/// `[check]` table are in the README.
///
/// Exit code: 0 without findings at the --fail-on level or above, 1 with
/// some, 2 if a file could not be read or parsed (a `parse-error`; the
/// other files are still checked) or the glossary or baseline could not
/// be loaded.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  tarjuman check                                     (the memory, tmx/)
  tarjuman check out/2024-03-05.ru.xlf out/2024-03-05.ur.xlf
  tarjuman check --format github --fail-on warning tmx/
  tarjuman check --write-baseline .tarjuman/baseline.json tmx/   (accept today's findings)
  tarjuman check --baseline .tarjuman/baseline.json tmx/         (fail only on new ones)")]
pub struct Args {
    /// A glossary (TBX, CSV, TSV, or a folder of them); repeatable.
    /// Default: `[glossary] paths` in tarjuman.toml.
    #[arg(long, value_name = "PATH")]
    glossary: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = report::Format::Human)]
    format: report::Format,
    /// The lowest severity that fails the run (exit code 1).
    /// Default: `[check] fail-on`, else error.
    #[arg(long, value_enum, value_name = "LEVEL")]
    fail_on: Option<FailOn>,
    /// Accept the findings listed in FILE (written by --write-baseline):
    /// only new findings are reported. Default: `[check] baseline`.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Write today's findings to FILE as a baseline, report them, and
    /// exit 0 (unless a file could not be parsed).
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    write_baseline: Option<PathBuf>,
    /// Do not compare the files with the memory (`[tm] paths`) for
    /// `inconsistent-target` and `inconsistent-source`.
    #[arg(long)]
    no_memory: bool,
    /// XLIFF or TMX files, or folders of them.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
}

/// The extensions `check` reads in folders.
const EXTENSIONS: [&str; 5] = ["xlf", "xliff", "sdlxliff", "mqxliff", "tmx"];

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let project = super::project()?;
    let config = project.as_ref().map(|p| &p.config);
    let options = config.map_or_else(Options::default, Options::from_config);
    let glossary_paths = super::glossary_paths(&args.glossary, project.as_ref())?;
    let glossary = if glossary_paths.is_empty() {
        Glossary::default()
    } else {
        super::load_glossary(&glossary_paths)?
    };
    let baseline_path = args.baseline.clone().or_else(|| {
        let project = project.as_ref()?;
        let path = project.config.check.baseline.as_ref()?;
        Some(project.resolve(path))
    });
    let baseline = match (&args.write_baseline, &baseline_path) {
        (None, Some(path)) => Some(Baseline::read(path)?),
        _ => None,
    };
    let files = files(&args.files, project.as_ref())?;
    let memory = match &project {
        Some(project) if !args.no_memory => super::tm::tmx_files(project)?
            .into_iter()
            .map(|path| shown(&path))
            .collect(),
        _ => Vec::new(),
    };
    let checker = Checker::new(&glossary, options);
    let mut report = checker.check_files(&files, &memory);
    // Baselines name files relative to the project, wherever check runs.
    let root = match &project {
        Some(project) => project.root.clone(),
        None => std::env::current_dir().context("cannot read the working directory")?,
    };
    if let Some(path) = &args.write_baseline {
        // A file that could not be read has no findings to accept: the
        // baseline stays as it was rather than lose that file's entries.
        if report.failed {
            eprintln_quiet(&format!(
                "{}: not written, as a file could not be read",
                path.display()
            ));
        } else {
            Baseline::of(&report, &root).write(path)?;
        }
    }
    let accepted = baseline.map_or(0, |b| b.apply(&mut report, &root));
    if accepted > 0 {
        eprintln_quiet(&format!("{accepted} finding(s) accepted by the baseline"));
    }
    let code = super::print_report(&report, qa::RULES, args.format)?;
    if report.failed {
        return Ok(code);
    }
    if args.write_baseline.is_some() {
        return Ok(ExitCode::SUCCESS);
    }
    let fail_on = args
        .fail_on
        .or(config.and_then(|c| c.check.fail_on))
        .map_or(Severity::Error, FailOn::severity);
    let failing = report.diagnostics.iter().any(|d| d.severity >= fail_on);
    Ok(ExitCode::from(u8::from(failing)))
}

/// `path` relative to the working directory if it is under it.
fn shown(path: &Path) -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_default();
    path.strip_prefix(&cwd)
        .map_or_else(|_| path.to_path_buf(), Path::to_path_buf)
}

/// A note on standard error that never fails the run.
fn eprintln_quiet(message: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "note: {message}");
}

/// The files to check: those named and those under the folders named,
/// else those under `[check] paths` (default `[tm] paths`), ignored paths
/// left out of folders.
fn files(
    named: &[PathBuf],
    project: Option<&tarjuman::config::Project>,
) -> anyhow::Result<Vec<PathBuf>> {
    let patterns = project.map(|p| p.config.check.ignore.as_slice());
    let ignore = Ignore::with(project, patterns.unwrap_or_default());
    let mut roots: Vec<(PathBuf, bool)> = named.iter().map(|p| (p.clone(), true)).collect();
    if roots.is_empty() {
        let Some(project) = project else {
            anyhow::bail!("nothing to check: pass XLIFF or TMX files, or run inside a project");
        };
        let config = &project.config;
        let paths = config.check.paths.as_ref().unwrap_or(&config.tm.paths);
        for path in paths {
            roots.push((shown(&project.resolve(path)), false));
        }
    }
    let mut files = Vec::new();
    for (path, explicit) in roots {
        if path.is_dir() {
            let found = tarjuman::io::files_under(&path, &EXTENSIONS, &|p| ignore.matches(p))
                .with_context(|| format!("{}: cannot read folder", path.display()))?;
            files.extend(found);
        } else if explicit || !ignore.matches(&path) {
            files.push(path);
        }
    }
    Ok(files)
}
