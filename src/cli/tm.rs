//! `tarjuman tm`: the translation memory: import and export TMX, look up
//! fuzzy matches, search the concordance, show statistics.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use tarjuman::config::Project;
use tarjuman::doc::{DocError, display_path};
use tarjuman::tm::{ImportSummary, LookupOptions, Match, Progress, Store, SyncSummary};

/// Work with the translation memory (TMX files indexed in SQLite).
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  tarjuman tm lookup --from en --to ru 'Senator Chizhov met the delegation.'
  tarjuman tm concordance Чижов
  tarjuman tm import client-memory.tmx

Run `tarjuman tm <COMMAND> --help` for a command's options and examples.")]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    Import(ImportArgs),
    Export(ExportArgs),
    Lookup(LookupArgs),
    Concordance(ConcordanceArgs),
    Stats(StatsArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

/// The database to use.
#[derive(Debug, clap::Args)]
pub(super) struct DbArgs {
    /// The SQLite database. Default: `[tm] database` of tarjuman.toml
    /// (`.tarjuman/tm.sqlite`), brought up to date with the project's TMX
    /// files first; a database given here is used as it is.
    #[arg(long, value_name = "PATH")]
    pub(super) db: Option<PathBuf>,
}

/// Import TMX files into the database.
///
/// Reads TMX 1.1-1.4b in UTF-8, UTF-16 or a declared encoding, all
/// the files in one transaction: an import that fails or is killed changes
/// nothing. A unit already stored is replaced only by a newer version (by
/// `changedate`, else `creationdate`); importing the same file twice
/// changes nothing. The project's own TMX files (`[tm] paths`) need no
/// import: every command that reads the memory indexes them by itself.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  tarjuman tm import client-memory.tmx
  tarjuman tm import --db /tmp/tm.sqlite tmx/*.tmx")]
struct ImportArgs {
    #[command(flatten)]
    db: DbArgs,
    /// Output format of the summary.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// TMX files.
    #[arg(value_name = "FILE.tmx", required = true)]
    files: Vec<PathBuf>,
}

/// Export the memory as TMX 1.4b.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  tarjuman tm export -o memory.tmx
  tarjuman tm export --langs en,ru -o en-ru.tmx")]
struct ExportArgs {
    #[command(flatten)]
    db: DbArgs,
    /// Only these languages (BCP 47 tags, comma-separated); units left with
    /// fewer than two are not written.
    #[arg(long, value_delimiter = ',', value_name = "L,L", value_parser = super::language_tag)]
    langs: Vec<String>,
    /// The TMX file to write (written to a temporary file and renamed).
    #[arg(short, long, value_name = "OUT.tmx")]
    output: PathBuf,
}

/// Find translations of similar sentences.
///
/// Prints the best matches at or above --min, best first. The score is the
/// match percentage: word-level similarity of the normalized texts less
/// named penalties (numbers, tags, punctuation, whitespace, case); 100 is
/// identical, 101 identical with the previous sentence too (--prev, or the
/// previous line with --batch). The README defines it.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  tarjuman tm lookup --from en --to ru 'Senator Chizhov met the delegation.'
  tarjuman tm lookup --from en --to ur --format json --batch sentences.txt")]
struct LookupArgs {
    #[command(flatten)]
    db: DbArgs,
    /// The language of the query (`en`; `en-GB` for that region only).
    #[arg(long, value_name = "L", value_parser = super::language_tag)]
    from: String,
    /// The language of the translations.
    #[arg(long, value_name = "L", value_parser = super::language_tag)]
    to: String,
    /// The lowest match percentage shown.
    #[arg(long, default_value_t = 75.0, value_parser = parse_min)]
    min: f64,
    /// At most this many matches per query.
    #[arg(long, default_value_t = 5, value_parser = parse_limit)]
    limit: usize,
    /// Output format: JSON is one object per query, one a line.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The sentence before the query, for in-context (101) matches.
    #[arg(long, value_name = "TEXT", conflicts_with = "batch")]
    prev: Option<String>,
    /// Queries from a file, one a line (`-`: standard input).
    #[arg(long, value_name = "FILE", conflicts_with = "text")]
    batch: Option<PathBuf>,
    /// Compare with every unit instead of using the index (slow; for
    /// checking).
    #[arg(long, hide = true)]
    exhaustive: bool,
    /// The sentence to look up.
    #[arg(value_name = "TEXT", required_unless_present = "batch")]
    text: Option<String>,
}

/// Find how a word or phrase was translated before.
///
/// Searches the memory for units whose text contains TEXT, compared by
/// matching keys (case, ё/е, Urdu letters typed as Arabic, digits of any
/// script; punctuation between words does not count), and shows their
/// other languages. A hit begins at the start of a word; the query's last
/// word may begin a longer one (`Чижов` finds `Чижова`, `Чижову`).
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  tarjuman tm concordance Чижов
  tarjuman tm concordance --lang ur 'شنگھائی تعاون'
  tarjuman tm concordance --format json 'Federation Council'")]
struct ConcordanceArgs {
    #[command(flatten)]
    db: DbArgs,
    /// Search only this language (default: every language).
    #[arg(long, value_name = "L", value_parser = super::language_tag)]
    lang: Option<String>,
    /// At most this many hits.
    #[arg(long, default_value_t = 20, value_parser = parse_limit)]
    limit: usize,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The word or phrase.
    #[arg(value_name = "TEXT")]
    text: String,
}

/// Show what the memory holds: units per language pair, files, dates.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  tarjuman tm stats
  tarjuman tm stats --format json")]
struct StatsArgs {
    #[command(flatten)]
    db: DbArgs,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

pub(super) fn parse_min(s: &str) -> Result<f64, String> {
    let value: f64 = s.parse().map_err(|_| format!("`{s}` is not a number"))?;
    if (1.0..=101.0).contains(&value) {
        Ok(value)
    } else {
        Err(format!(
            "{value} is not a match percentage between 1 and 101"
        ))
    }
}

/// A `--limit`: a count from 1 (0 would answer "no match" whatever the
/// memory holds).
fn parse_limit(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(0) => Err("the limit is at least 1".to_owned()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("`{s}` is not a count")),
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.command {
        Command::Import(args) => import(args),
        Command::Export(args) => export(args),
        Command::Lookup(args) => lookup(args),
        Command::Concordance(args) => concordance(args),
        Command::Stats(args) => stats(args),
    }
}

/// Opens the database: the flag's as it is, else the project's, brought up
/// to date with its TMX files.
pub(super) fn open(db: &DbArgs) -> anyhow::Result<Store> {
    if let Some(path) = &db.db {
        // A mistyped path is an error, not an empty memory made there.
        // What an import killed while making or publishing the database
        // may have left.
        Store::remove_abandoned(path);
        if !path.exists() {
            if Store::being_made(path) {
                bail!(
                    "{}: no database yet: an import is making it; try again when it is done",
                    path.display()
                );
            }
            bail!(
                "{}: no such database (`tarjuman tm import --db {} FILE.tmx` makes one)",
                path.display(),
                path.display()
            );
        }
        return Ok(Store::open(path)?);
    }
    let project = super::project()?;
    let Some(project) = project else {
        let path = tarjuman::config::default_database();
        return Ok(Store::open(&path)?);
    };
    let path = project.resolve(&project.config.tm.database);
    let files = tmx_files(&project)?;
    // Another command making the project's memory: this one waits for it
    // rather than make a second.
    if !path.exists() && Store::wait_while_made(&path) {
        bail!(
            "{}: another tarjuman command is still making the memory (waited {}s); \
             try again when it is done",
            path.display(),
            tarjuman::tm::store::BUSY_TIMEOUT.as_secs()
        );
    }
    let (store, summary) = if path.exists() {
        let mut store = Store::open(&path)?;
        let summary = with_progress(|progress| store.sync(&files, progress))?;
        (store, summary)
    } else {
        let (store, imported) =
            with_progress(|progress| Store::create(&path, &files, true, progress))?;
        let summary = SyncSummary {
            imported,
            ..SyncSummary::default()
        };
        (store, summary)
    };
    report_sync(&summary, &project.root);
    Ok(store)
}

/// The project's TMX files: the `[tm] paths`, folders searched for
/// `.tmx` files (hidden entries skipped, in name order), missing paths
/// skipped.
pub(super) fn tmx_files(project: &Project) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in &project.config.tm.paths {
        let path = project.resolve(path);
        if path.is_dir() {
            let found = tarjuman::io::files_under(&path, &["tmx"], &|_| false)
                .with_context(|| format!("{}: cannot read folder", path.display()))?;
            files.extend(found);
        } else if path.is_file() {
            files.push(path);
        }
    }
    Ok(files)
}

#[allow(clippy::print_stderr)]
fn report_sync(summary: &SyncSummary, root: &Path) {
    if !summary.did_work() {
        return;
    }
    let show = |p: &Path| p.strip_prefix(root).unwrap_or(p).display().to_string();
    for path in &summary.changed {
        eprintln!("tarjuman: {} changed: reindexing the memory", show(path));
    }
    for path in &summary.removed {
        eprintln!(
            "tarjuman: {} is gone: its units leave the memory",
            show(path)
        );
    }
    for s in summary.imported.iter().filter(|s| !s.skipped) {
        eprintln!(
            "tarjuman: indexed {}: {} units ({} added, {} updated)",
            show(&s.path),
            s.units,
            s.added,
            s.updated
        );
    }
}

/// Runs `f` with a progress callback that draws a bar on stderr (only on a
/// terminal, and only once an import has taken more than half a second).
fn with_progress<T>(f: impl FnOnce(&mut dyn FnMut(Progress<'_>)) -> T) -> T {
    let started = Instant::now();
    let terminal = std::io::stderr().is_terminal();
    let mut bar: Option<indicatif::ProgressBar> = None;
    let mut callback = |p: Progress<'_>| {
        if !terminal || started.elapsed() < Duration::from_millis(500) {
            return;
        }
        let bar = bar.get_or_insert_with(|| {
            let bar = indicatif::ProgressBar::new(p.total);
            if let Ok(style) = indicatif::ProgressStyle::with_template(
                "{msg} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
            ) {
                bar.set_style(style.progress_chars("=> "));
            }
            bar
        });
        bar.set_length(p.total);
        bar.set_message(format!(
            "importing {}",
            p.path.file_name().unwrap_or_default().to_string_lossy()
        ));
        bar.set_position(p.done);
    };
    let value = f(&mut callback);
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    value
}

#[allow(clippy::print_stdout)]
fn import(args: ImportArgs) -> anyhow::Result<ExitCode> {
    // The files first: a mistyped one makes no database either.
    for file in &args.files {
        match std::fs::metadata(file) {
            Ok(meta) if meta.is_file() => {}
            Ok(meta) if meta.is_dir() => bail!(
                "{}: a folder: give its TMX files (`{}/*.tmx`)",
                file.display(),
                file.display()
            ),
            Ok(_) => bail!("{}: not a regular file", file.display()),
            Err(_) => bail!("{}: no such file", file.display()),
        }
    }
    // A new database is made whole or not at all (`Store::create`).
    let summaries = match &args.db.db {
        Some(path) if !path.exists() => {
            with_progress(|progress| Store::create(path, &args.files, false, progress))?.1
        }
        db => {
            let mut store = match db {
                Some(path) => Store::open(path)?,
                None => open(&args.db)?,
            };
            with_progress(|progress| store.import(&args.files, false, progress))?
        }
    };
    print_summaries(&summaries, args.format)
        .context("cannot write to standard output (the import itself is done)")?;
    Ok(ExitCode::SUCCESS)
}

/// The per-file lines of `tm import`.
fn print_summaries(summaries: &[ImportSummary], format: Format) -> std::io::Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for s in summaries {
        match format {
            Format::Json => {
                let value = serde_json::json!({
                    "file": s.path,
                    "units": s.units,
                    "added": s.added,
                    "updated": s.updated,
                    "unchanged": s.unchanged,
                    "older": s.older,
                    "skipped": s.skipped,
                    "removed": s.removed,
                });
                writeln!(out, "{value}")?;
            }
            Format::Text if s.removed => writeln!(
                out,
                "{}: gone since it was imported: its units left the memory in the rebuild",
                s.path.display()
            )?,
            Format::Text if s.skipped => {
                writeln!(out, "{}: unchanged since it was imported", s.path.display())?;
            }
            Format::Text => writeln!(
                out,
                "{}: {} units: {} added, {} updated, {} unchanged, {} older than stored",
                s.path.display(),
                s.units,
                s.added,
                s.updated,
                s.unchanged,
                s.older
            )?,
        }
    }
    out.flush()
}

#[allow(clippy::print_stderr)]
fn export(args: ExportArgs) -> anyhow::Result<ExitCode> {
    let store = open(&args.db)?;
    if super::same_file(&args.output, store.path()) {
        bail!(
            "{}: that is the database being exported: give another -o",
            args.output.display()
        );
    }
    let written = tarjuman::io::write_atomically(&args.output, |out| {
        store
            .export(&args.langs, out)
            .map_err(std::io::Error::other)
    })
    .with_context(|| format!("cannot write {}", args.output.display()))?;
    eprintln!(
        "tarjuman: wrote {} units to {}",
        written,
        args.output.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn lookup(args: LookupArgs) -> anyhow::Result<ExitCode> {
    let store = open(&args.db)?;
    let options = LookupOptions {
        from: args.from.clone(),
        to: args.to.clone(),
        min: args.min,
        limit: args.limit,
    };
    let mut out = super::stdout();
    let one = |query: &str, prev: Option<&str>, out: &mut dyn Write| -> anyhow::Result<()> {
        let matches = if args.exhaustive {
            store.lookup_exhaustive(query, &options)?
        } else {
            store.lookup(query, prev, &options)?
        };
        print_matches(out, query, &matches, args.format)?;
        Ok(())
    };
    match &args.batch {
        Some(path) => {
            // Read and checked whole before the first query: a bad line
            // is an error with nothing printed.
            let queries = read_queries(path)?;
            let mut prev: Option<&str> = None;
            for line in queries.lines() {
                one(line, prev, &mut out)?;
                prev = Some(line);
            }
        }
        None => one(
            args.text.as_deref().unwrap_or_default(),
            args.prev.as_deref(),
            &mut out,
        )?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The queries of `--batch` (`-`: standard input), one a line, checked to
/// be UTF-8; a byte-order mark is dropped.
fn read_queries(path: &Path) -> anyhow::Result<String> {
    let name = (path.as_os_str() != "-").then(|| path.to_path_buf());
    let mut bytes = Vec::new();
    let read = match &name {
        None => std::io::stdin().lock().read_to_end(&mut bytes),
        Some(path) => std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes)),
    };
    read.with_context(|| format!("cannot read {}", display_path(&name)))?;
    let text = String::from_utf8(bytes).map_err(|e| DocError::not_utf8(name.clone(), &e))?;
    Ok(match text.strip_prefix('\u{FEFF}') {
        Some(rest) => rest.to_owned(),
        None => text,
    })
}

fn print_matches(
    out: &mut dyn Write,
    query: &str,
    matches: &[Match],
    format: Format,
) -> std::io::Result<()> {
    match format {
        Format::Json => {
            #[derive(serde::Serialize)]
            struct Line<'a> {
                query: &'a str,
                matches: &'a [Match],
            }
            let line = serde_json::to_string(&Line { query, matches })?;
            writeln!(out, "{line}")
        }
        Format::Text => {
            writeln!(out, "{query}")?;
            if matches.is_empty() {
                writeln!(out, "  (no match)")?;
            }
            for m in matches {
                let mut why = String::new();
                for p in &m.penalties {
                    why.push_str(&format!(" -{} {}", p.points, p.name));
                }
                writeln!(out, "  {:>5}  {}  {}", m.score, m.tu, m.source)?;
                writeln!(out, "         {}", m.target)?;
                if !why.is_empty() || m.context {
                    let context = if m.context { " in context" } else { "" };
                    writeln!(out, "         ({}% by {}{why}{context})", m.base, m.unit)?;
                }
            }
            writeln!(out)
        }
    }
}

fn concordance(args: ConcordanceArgs) -> anyhow::Result<ExitCode> {
    if args.text.trim().is_empty() {
        bail!("nothing to search for: give a word or phrase");
    }
    let store = open(&args.db)?;
    let result = store.concordance(&args.text, args.lang.as_deref(), args.limit)?;
    let mut out = super::stdout();
    match args.format {
        Format::Json => writeln!(out, "{}", serde_json::to_string(&result)?)?,
        Format::Text => {
            if result.hits.is_empty() {
                writeln!(out, "no unit contains `{}`", args.text)?;
            }
            for hit in &result.hits {
                let before = hit.text.get(..hit.start).unwrap_or_default();
                let found = hit.text.get(hit.start..hit.end).unwrap_or_default();
                let after = hit.text.get(hit.end..).unwrap_or_default();
                writeln!(out, "{}  [{}] {before}[{found}]{after}", hit.tu, hit.lang)?;
                for v in &hit.variants {
                    writeln!(out, "      [{}] {}", v.lang, v.text)?;
                }
            }
            if result.more {
                writeln!(out, "(more hits: raise --limit)")?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn stats(args: StatsArgs) -> anyhow::Result<ExitCode> {
    let store = open(&args.db)?;
    let stats = store.stats()?;
    let mut out = super::stdout();
    match args.format {
        Format::Json => writeln!(out, "{}", serde_json::to_string(&stats)?)?,
        Format::Text => {
            writeln!(out, "database  {} ({} bytes)", stats.database, stats.size)?;
            writeln!(
                out,
                "units     {} ({} variants)",
                stats.units, stats.variants
            )?;
            if let (Some(oldest), Some(newest)) = (&stats.oldest, &stats.newest) {
                writeln!(out, "dates     {oldest} to {newest}")?;
            }
            writeln!(out, "pairs")?;
            for p in &stats.pairs {
                writeln!(out, "  {} -> {}  {} units", p.source, p.target, p.units)?;
            }
            writeln!(out, "languages")?;
            for l in &stats.languages {
                writeln!(out, "  {:<8} {} variants", l.lang, l.variants)?;
            }
            writeln!(out, "files")?;
            for f in &stats.files {
                writeln!(
                    out,
                    "  {}  {} units ({} in the memory), {} bytes, {}, TMX {}, imported {}",
                    f.path, f.units, f.stored, f.size, f.encoding, f.version, f.imported
                )?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
