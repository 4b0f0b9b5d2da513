//! The command line: clap definitions, one file per subcommand. Each
//! subcommand parses its arguments and calls the library; nothing here
//! knows how a stage works.

mod analyze;
mod check;
mod glossary;
mod lint;
mod segment;
mod tm;
mod xliff;

use std::path::Path;
use std::process::ExitCode;

use anyhow::bail;
use tarjuman::Lang;

use clap::{Parser, Subcommand};

/// Translation memory, glossary and QA for press releases in English,
/// Urdu and Russian.
#[derive(Debug, Parser)]
#[command(name = "tarjuman", version, about, long_about = None)]
#[command(after_help = "Run `tarjuman <COMMAND> --help` for a command's options and an example.")]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Segment(segment::Args),
    Glossary(glossary::Args),
    Lint(lint::Args),
    Tm(tm::Args),
    Xliff(xliff::Args),
    Analyze(analyze::Args),
    Check(check::Args),
}

impl Cli {
    /// Runs the command. `Ok` carries the exit code for findings (0 or 1);
    /// an error means the run itself failed (exit code 2).
    pub fn run(self) -> anyhow::Result<ExitCode> {
        match self.command {
            Command::Segment(args) => segment::run(args),
            Command::Glossary(args) => glossary::run(args),
            Command::Lint(args) => lint::run(args),
            Command::Tm(args) => tm::run(args),
            Command::Xliff(args) => xliff::run(args),
            Command::Analyze(args) => analyze::run(args),
            Command::Check(args) => check::run(args),
        }
    }
}

/// The project file of the working directory, if any.
fn project() -> anyhow::Result<Option<tarjuman::config::Project>> {
    let cwd = std::env::current_dir()?;
    Ok(tarjuman::config::Project::discover(&cwd)?)
}

/// Standard output, buffered, whose errors say that it is standard output
/// (`> /dev/full`, a closed pipe).
#[derive(Debug)]
struct Stdout(std::io::BufWriter<std::io::StdoutLock<'static>>);

impl std::io::Write for Stdout {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.write(bytes).map_err(named_stdout)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush().map_err(named_stdout)
    }
}

fn named_stdout(e: std::io::Error) -> std::io::Error {
    std::io::Error::new(e.kind(), format!("cannot write to standard output: {e}"))
}

fn stdout() -> Stdout {
    Stdout(std::io::BufWriter::with_capacity(
        1 << 16,
        std::io::stdout().lock(),
    ))
}

/// Whether `a` and `b` are the same existing file (through links and
/// relative paths): an output that would overwrite an input.
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Parses a flag's BCP 47 language tag (`en`, `ur-PK`): a malformed one is
/// a usage error, not a filter that quietly matches nothing.
fn language_tag(tag: &str) -> Result<String, String> {
    if tarjuman::lang::is_language_tag(tag) {
        Ok(tag.to_owned())
    } else {
        Err(format!(
            "`{tag}` is not a language tag (BCP 47, such as en, ur, ru-RU)"
        ))
    }
}

/// The language of `path`: the flag, else a language tag in the file name
/// (`release.ru.txt`), else the project's source language.
fn language(
    flag: Option<Lang>,
    path: Option<&Path>,
    project: Option<Lang>,
) -> anyhow::Result<Lang> {
    if let Some(lang) = flag {
        return Ok(lang);
    }
    let from_name = path.and_then(|p| p.file_stem()).and_then(|stem| {
        let tag = Path::new(stem).extension()?.to_str()?;
        tag.parse().ok()
    });
    match from_name.or(project) {
        Some(lang) => Ok(lang),
        None => bail!(
            "{}: no language given: pass --lang ({}), name the file like release.ru.txt, \
             or set `source` in tarjuman.toml",
            path.map_or_else(|| "<stdin>".into(), |p| p.display().to_string()),
            Lang::supported_list()
        ),
    }
}

/// Prints `report` in `format` on standard output (colour only on a
/// terminal, never with NO_COLOR) and gives the run's exit code.
fn print_report(
    report: &tarjuman::report::Report,
    rules: &[tarjuman::report::RuleInfo],
    format: tarjuman::report::Format,
) -> anyhow::Result<ExitCode> {
    use std::io::{IsTerminal, Write};
    let stdout = std::io::stdout();
    let color = tarjuman::report::use_color(stdout.is_terminal());
    let mut out = std::io::BufWriter::new(stdout.lock());
    format
        .render(report, rules, &mut out, color)
        .and_then(|()| out.flush())
        .map_err(|err| {
            anyhow::Error::new(err).context("cannot write the report to standard output")
        })?;
    Ok(ExitCode::from(report.exit_code()))
}

/// The glossary files to use: those under the `--glossary` flags, else
/// those under the project's `[glossary] paths` (empty if neither).
fn glossary_paths(
    flags: &[std::path::PathBuf],
    project: Option<&tarjuman::config::Project>,
) -> anyhow::Result<Vec<std::path::PathBuf>> {
    let roots: Vec<std::path::PathBuf> = if flags.is_empty() {
        project
            .map(|p| {
                p.config
                    .glossary
                    .paths
                    .iter()
                    .map(|g| p.resolve(g))
                    .collect()
            })
            .unwrap_or_default()
    } else {
        flags.to_vec()
    };
    let mut files = Vec::new();
    for path in roots {
        if !path.is_dir() {
            files.push(path);
            continue;
        }
        let found = tarjuman::io::files_under(&path, &glossary::GLOSSARY_EXTENSIONS, &|_| false)
            .map_err(|e| anyhow::anyhow!("{}: cannot read folder: {e}", path.display()))?;
        files.extend(found);
    }
    Ok(files)
}

/// The concepts of every glossary in `paths`, in order.
fn load_glossary(paths: &[std::path::PathBuf]) -> anyhow::Result<tarjuman::glossary::Glossary> {
    let mut glossary = tarjuman::glossary::Glossary::default();
    for path in paths {
        glossary
            .concepts
            .extend(tarjuman::glossary::Glossary::load(path)?.concepts);
    }
    Ok(glossary)
}
