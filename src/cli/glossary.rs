//! `tarjuman glossary`: glossary files: `lint` them for CI, `convert`
//! between TBX and CSV/TSV.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use tarjuman::config::Project;
use tarjuman::glossary::Glossary;
use tarjuman::glossary::lint::{self, Options};
use tarjuman::report::{self, Report};

/// Work with glossary files (TBX, CSV, TSV).
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  tarjuman glossary lint
  tarjuman glossary convert glossaries/names.tbx -o names.csv

Run `tarjuman glossary <COMMAND> --help` for a command's options and examples.")]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    Lint(LintArgs),
    Convert(ConvertArgs),
}

/// Check glossaries for duplicates, conflicts, gaps and bad characters.
///
/// Each PATH is a glossary file (TBX, CSV, TSV) or a folder, searched for
/// .tbx, .csv and .tsv files. Without a PATH, the `[glossary] paths` of
/// tarjuman.toml are linted. Rules, their severities and how to change
/// them (`[rules]` in tarjuman.toml) are in the README.
///
/// Exit code: 0 without error-level findings, 1 with some, 2 if a file
/// could not be read or parsed (the other files are still reported).
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  tarjuman glossary lint                                 (the paths in tarjuman.toml)
  tarjuman glossary lint glossaries/names.tbx
  tarjuman glossary lint --format github glossaries/     (annotations in GitHub Actions)
  tarjuman glossary lint --format sarif glossaries/ > glossary.sarif")]
pub struct LintArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = report::Format::Human)]
    format: report::Format,
    /// Glossary files or folders; default: `[glossary] paths` in tarjuman.toml.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
}

/// Convert a glossary between TBX and CSV/TSV, by extension.
///
/// `.tbx` and `.xml` are TBX (TBX-Basic, ISO 30042:2019, is written; TBX
/// 2008 `<martif>` is read too); `.csv` is comma-separated, `.tsv` and
/// `.txt` tab-separated, with a header row of language codes. The output
/// is written to a temporary file and renamed, so a failed run leaves none.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  tarjuman glossary convert glossaries/names.tbx -o glossaries/names.csv
  tarjuman glossary convert old-martif.tbx -o names.tbx     (TBX 2008 to 2019)
  tarjuman glossary convert omegat.en-ru.txt -o names.tbx   (OmegaT: languages from the name)")]
pub struct ConvertArgs {
    /// The glossary to read.
    #[arg(value_name = "IN")]
    input: PathBuf,
    /// The glossary to write; its extension picks the format.
    #[arg(short, long, value_name = "OUT")]
    output: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.command {
        Command::Lint(args) => lint(args),
        Command::Convert(args) => convert(args),
    }
}

fn lint(args: LintArgs) -> anyhow::Result<ExitCode> {
    let project = super::project()?;
    let config = project.as_ref().map(|p| &p.config);
    let options = config.map_or_else(Options::default, Options::from_config);
    let cwd = std::env::current_dir().context("cannot read the working directory")?;
    let ignore = Ignore::new(project.as_ref());
    // (path to read, path to show, named explicitly on the command line)
    let mut roots: Vec<(PathBuf, PathBuf, bool)> = Vec::new();
    if args.paths.is_empty() {
        let Some(project) = &project else {
            bail!("no glossary given: pass a PATH, or set `[glossary] paths` in tarjuman.toml");
        };
        if project.config.glossary.paths.is_empty() {
            bail!(
                "{}: no `[glossary] paths` to lint: pass a PATH or add them",
                project.path.display()
            );
        }
        for path in &project.config.glossary.paths {
            let full = project.resolve(path);
            let shown = full
                .strip_prefix(&cwd)
                .map_or_else(|_| full.clone(), Path::to_path_buf);
            roots.push((full, shown, false));
        }
    } else {
        for path in &args.paths {
            roots.push((path.clone(), path.clone(), true));
        }
    }
    let mut files = Vec::new();
    for (path, shown, explicit) in roots {
        if path.is_dir() {
            walk(&path, &shown, &ignore, &mut files)
                .with_context(|| format!("{}: cannot read folder", shown.display()))?;
        } else if explicit || !ignore.matches(&path) {
            files.push((path, shown));
        }
    }
    let mut report = Report::default();
    for (path, shown) in files {
        lint::lint_file(&path, shown, &options, &mut report);
    }
    report.sort();
    super::print_report(&report, lint::RULES, args.format)
}

/// Adds the glossaries under `dir` (.tbx, .csv, .tsv; hidden entries and
/// ignored paths skipped) to `files`, sorted by name, each with the path
/// to show for it.
fn walk(
    dir: &Path,
    shown: &Path,
    ignore: &Ignore,
    files: &mut Vec<(PathBuf, PathBuf)>,
) -> std::io::Result<()> {
    let found = tarjuman::io::files_under(dir, &GLOSSARY_EXTENSIONS, &|p| ignore.matches(p))?;
    for path in found {
        let shown = shown.join(path.strip_prefix(dir).unwrap_or(&path));
        files.push((path, shown));
    }
    Ok(())
}

/// The extensions of glossary files.
pub(super) const GLOSSARY_EXTENSIONS: [&str; 3] = ["tbx", "csv", "tsv"];

/// Ignored paths (`[lint] ignore`, `[check] ignore`): globs relative to
/// the project root.
#[derive(Debug, Default)]
pub(super) struct Ignore {
    root: PathBuf,
    patterns: Vec<String>,
}

impl Ignore {
    fn new(project: Option<&Project>) -> Self {
        let patterns = project.map(|p| p.config.lint.ignore.as_slice());
        Ignore::with(project, patterns.unwrap_or_default())
    }

    /// `patterns`, relative to `project`'s root.
    pub(super) fn with(project: Option<&Project>, patterns: &[String]) -> Self {
        match project {
            Some(p) => Ignore {
                root: std::path::absolute(&p.root).unwrap_or_else(|_| p.root.clone()),
                patterns: patterns.to_vec(),
            },
            None => Ignore::default(),
        }
    }

    /// Whether `path` is ignored (paths outside the project never are).
    pub(super) fn matches(&self, path: &Path) -> bool {
        if self.patterns.is_empty() {
            return false;
        }
        let Ok(path) = std::path::absolute(path) else {
            return false;
        };
        let Ok(relative) = path.strip_prefix(&self.root) else {
            return false;
        };
        let relative: Vec<String> = relative
            .components()
            .filter_map(|c| match c {
                std::path::Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect();
        let relative: Vec<&str> = relative.iter().map(String::as_str).collect();
        self.patterns.iter().any(|pattern| {
            let pattern: Vec<&str> = pattern
                .trim_start_matches("./")
                .split('/')
                .filter(|s| !s.is_empty())
                .collect();
            glob(&pattern, &relative)
        })
    }
}

/// Whether path segments match pattern segments: `**` matches any number
/// of segments, `*` any run of characters within one.
fn glob(pattern: &[&str], path: &[&str]) -> bool {
    match (pattern.split_first(), path.split_first()) {
        (None, None) => true,
        (Some((&"**", rest)), _) => {
            glob(rest, path)
                || path
                    .split_first()
                    .is_some_and(|(_, tail)| glob(pattern, tail))
        }
        (Some((segment, rest)), Some((name, tail))) => wildcard(segment, name) && glob(rest, tail),
        _ => false,
    }
}

/// `*` matches any run of characters; everything else itself.
fn wildcard(pattern: &str, name: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == name,
        Some((head, tail)) => {
            let Some(rest) = name.strip_prefix(head) else {
                return false;
            };
            rest.char_indices()
                .map(|(i, _)| i)
                .chain([rest.len()])
                .any(|i| rest.get(i..).is_some_and(|r| wildcard(tail, r)))
        }
    }
}

fn convert(args: ConvertArgs) -> anyhow::Result<ExitCode> {
    let glossary = Glossary::load(&args.input)?;
    glossary.save(&args.output)?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, path: &str) -> bool {
        let pattern: Vec<&str> = pattern.split('/').collect();
        let path: Vec<&str> = path.split('/').collect();
        glob(&pattern, &path)
    }

    #[test]
    fn globs_with_star_and_double_star() {
        assert!(matches("glossaries/old.tbx", "glossaries/old.tbx"));
        assert!(matches("glossaries/*.csv", "glossaries/names.csv"));
        assert!(!matches("glossaries/*.csv", "glossaries/sub/names.csv"));
        assert!(matches(
            "glossaries/**/*.csv",
            "glossaries/sub/deep/names.csv"
        ));
        assert!(matches("glossaries/**/*.csv", "glossaries/names.csv"));
        assert!(matches("**/draft-*", "a/b/draft-1.tbx"));
        assert!(matches("glossaries/old/**", "glossaries/old/x.tbx"));
        assert!(!matches("glossaries/old/**", "glossaries/new/x.tbx"));
        assert!(!matches("*.tbx", "names.csv"));
    }
}
