//! `tarjuman xliff`: the translators' round trip: export a release as
//! XLIFF, import the confirmed translations into the memory, merge the
//! translated release.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use tarjuman::Lang;
use tarjuman::config::Project;
use tarjuman::segment::Segmenter;
use tarjuman::workflow::export::{ExportOptions, Resources, prepare};
use tarjuman::workflow::release::Release;
use tarjuman::xliff::{Version, WriteOptions};

use super::tm::DbArgs;

/// Work with XLIFF: export releases for translators, import and merge
/// what comes back.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  tarjuman xliff export releases/2024-03-05-senate-chairman-receives-khorev.en.txt
  tarjuman xliff import returned/*.xlf
  tarjuman xliff merge returned/release.ru.xlf -o releases/release.ru.txt

Run `tarjuman xliff <COMMAND> --help` for a command's options and examples.")]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    Export(ExportArgs),
    Import(ImportArgs),
    Merge(MergeArgs),
}

/// A CAT tool that needs its own file shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Tool {
    Omegat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(super) enum Format {
    Text,
    Json,
}

/// Export a release as XLIFF, one file per target language.
///
/// The release is segmented; every sentence is looked up in the memory
/// and the glossary. Exact matches pre-fill the target (101% in context
/// as `translated`, 100% as `needs-review-translation`, both qualified
/// `exact-match`); fuzzy matches at or above --min go alongside
/// (`alt-trans` in 1.2, `mtc:matches` in 2.x); glossary terms found in
/// a sentence go in a note (1.2) or the glossary module (2.x). Other
/// segments get the source as their target with state `needs-translation`
/// (so that OmegaT, Translate Toolkit and the commercial tools all see the
/// same segments), unless --no-copy-source.
///
/// Prints the analysis (segments and words per match band). Files are
/// written only once everything succeeded.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  tarjuman xliff export releases/2024-02-07-senate-defence-committee.en.txt
  tarjuman xliff export --to ru --xliff 2.1 -o out/ release.en.txt

Defaults come from tarjuman.toml: `source`, `targets`, `[glossary] paths`,
`[tm]`, and `[xliff] output` (the folder; `out`) and `version`.")]
struct ExportArgs {
    #[command(flatten)]
    db: DbArgs,
    /// Glossary (TBX, CSV, TSV or a folder of them); repeatable.
    /// Default: `[glossary] paths` of tarjuman.toml.
    #[arg(long, value_name = "PATH")]
    glossary: Vec<PathBuf>,
    /// Language of the release (default: from the file name, else
    /// `source` in tarjuman.toml).
    #[arg(long, value_name = "L")]
    from: Option<Lang>,
    /// Target languages, comma-separated (default: `targets` in
    /// tarjuman.toml).
    #[arg(long, value_name = "L,L", value_delimiter = ',')]
    to: Vec<String>,
    /// XLIFF version: 1.2, 2.0 or 2.1 (default: `[xliff] version`, else 1.2).
    #[arg(long, value_name = "VERSION")]
    xliff: Option<Version>,
    /// Output folder (default: `[xliff] output`, else `out`); a file name
    /// ending in .xlf when there is one target language.
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
    /// Fuzzy matches at or above this percentage go into the XLIFF.
    #[arg(long, default_value_t = 75.0, value_parser = super::tm::parse_min)]
    min: f64,
    /// Leave untranslated targets out instead of copying the source.
    #[arg(long, conflicts_with = "for_tool")]
    no_copy_source: bool,
    /// Shape the files for one CAT tool. `omegat`: OmegaT 3.6 translates
    /// a 1.2 file's *targets*, so every target is a copy of the source
    /// and the memory's matches go into a TMX beside each file
    /// (`<name>.<lang>.tmx`: put it in the project's tm/auto/ to pre-fill
    /// exact matches).
    #[arg(long = "for", value_name = "TOOL", value_enum)]
    for_tool: Option<Tool>,
    /// Format of the analysis on standard output.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The release (UTF-8 text with light Markdown).
    #[arg(value_name = "FILE")]
    file: PathBuf,
}

/// Add the confirmed translations of XLIFF files to the memory.
///
/// Takes the segments a translator confirmed (1.2 `translated`,
/// `signed-off`, `final` or `approved="yes"`; 2.x `translated`, `reviewed`,
/// `final`) with a non-empty target. Those the memory already holds with
/// the same translation are unchanged; a source it holds with another
/// translation is updated (the newer wins); the rest are added. They are
/// written to a TMX file of the project (--tmx, default `[xliff]
/// import-tmx`: tmx/translations.tmx), which the database then indexes.
/// Every file is read before anything is written: a malformed one changes
/// nothing.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  tarjuman xliff import translated/2024-03-05-talks.ur.xlf translated/2024-03-05-talks.ru.xlf
  tarjuman xliff import --tmx tmx/client.tmx --format json returned/*.xlf")]
struct ImportArgs {
    #[command(flatten)]
    db: DbArgs,
    /// The TMX file that receives the translations (created if missing).
    #[arg(long, value_name = "FILE.tmx")]
    tmx: Option<PathBuf>,
    /// Also take unconfirmed segments whose target differs from the
    /// source: for tools that never set a state (OmegaT 3.6).
    #[arg(long)]
    any_state: bool,
    /// Output format of the summary.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Translated XLIFF files (1.2, 2.0 or 2.1).
    #[arg(value_name = "FILE.xlf", required = true)]
    files: Vec<PathBuf>,
}

/// Write the translated release from a translated XLIFF file.
///
/// Puts every unit's translation back in the release's shape: headings,
/// list items (with their markers) and paragraphs in order. A segment
/// without a translation (no target, an empty one, or the source copied
/// by the export and never changed) is an error listing each one, unless
/// --allow-untranslated keeps the source there.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  tarjuman xliff merge translated/2024-03-05-talks.ur.xlf -o releases/2024-03-05-talks.ur.txt
  tarjuman xliff merge --allow-untranslated draft.ru.xlf        (to standard output)")]
struct MergeArgs {
    /// The translated release to write (written whole or not at all);
    /// default: standard output.
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
    /// Keep the source where a segment has no translation.
    #[arg(long)]
    allow_untranslated: bool,
    /// The target language the file must have (an error otherwise).
    #[arg(long, value_name = "L")]
    to: Option<String>,
    /// The translated XLIFF file.
    #[arg(value_name = "FILE.xlf")]
    file: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.command {
        Command::Export(args) => export(args),
        Command::Import(args) => import(args),
        Command::Merge(args) => merge(args),
    }
}

/// Refuses a document whose target language is not `wanted`.
fn check_target(
    doc: &tarjuman::xliff::Document,
    path: &Path,
    wanted: Option<&str>,
) -> anyhow::Result<()> {
    let Some(wanted) = wanted else {
        return Ok(());
    };
    let found = doc.target_lang.as_deref().unwrap_or("");
    if !tarjuman::glossary::same_language(found, wanted) || found.is_empty() {
        let (line, column) = doc.files.first().map_or((1, 1), |f| (f.line, f.column));
        bail!(
            "{}:{line}:{column}: the target language is `{found}`, not `{wanted}` as asked",
            path.display()
        );
    }
    Ok(())
}

#[allow(clippy::print_stderr)]
fn merge(args: MergeArgs) -> anyhow::Result<ExitCode> {
    if let Some(output) = args
        .output
        .as_deref()
        .filter(|o| super::same_file(o, &args.file))
    {
        bail!(
            "{}: that is the XLIFF being merged: give another -o",
            output.display()
        );
    }
    let doc = tarjuman::xliff::read(&args.file)?;
    check_target(&doc, &args.file, args.to.as_deref())?;
    let text = tarjuman::workflow::merge::merge(&doc, &args.file, args.allow_untranslated)?;
    match &args.output {
        Some(path) => {
            tarjuman::io::write_atomically(path, |out| out.write_all(text.as_bytes()))
                .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!("tarjuman: wrote {}", path.display());
        }
        None => {
            let mut out = super::stdout();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[allow(clippy::print_stderr)]
fn import(args: ImportArgs) -> anyhow::Result<ExitCode> {
    use tarjuman::workflow::import;
    let project = super::project()?;
    let tmx = match (&args.tmx, &project) {
        (Some(path), _) => path.clone(),
        (None, Some(p)) => p.resolve(&p.config.xliff.import_tmx),
        (None, None) => bail!(
            "no TMX file to import into: pass --tmx FILE.tmx, or work in a project with tarjuman.toml"
        ),
    };
    // Read everything first: a malformed file changes nothing.
    let mut docs = Vec::with_capacity(args.files.len());
    for (n, file) in args.files.iter().enumerate() {
        if args
            .files
            .iter()
            .take(n)
            .any(|earlier| super::same_file(earlier, file))
        {
            bail!("{}: given twice", file.display());
        }
    }
    for file in &args.files {
        let doc = tarjuman::xliff::read(file)?;
        if doc.target_lang.is_none() {
            let (line, column) = doc.files.first().map_or((1, 1), |f| (f.line, f.column));
            bail!(
                "{}:{line}:{column}: no target language (target-language, trgLang): \
                 the memory cannot tell what the targets are in",
                file.display()
            );
        }
        docs.push(doc);
    }
    // The memory given is made if need be, once there is something to
    // feed it (`Store::create`): until then there is none to check with.
    let store = match &args.db.db {
        Some(path) if !path.exists() => None,
        Some(path) => Some(tarjuman::tm::Store::open(path)?),
        None => Some(super::tm::open(&args.db)?),
    };
    let (header, mut units) = if tmx.is_file() {
        tarjuman::tm::tmx::read_all(&tmx)?
    } else {
        let source = docs.first().map_or("en", |d| d.source_lang.as_str());
        (tarjuman::tm::Header::tarjuman(source), Vec::new())
    };
    let date = import::tmx_now();
    let mut tallies = Vec::with_capacity(docs.len());
    let mut changed = false;
    for doc in &docs {
        let (translations, tally) = import::confirmed(doc, store.as_ref(), args.any_state)?;
        if let Some(target) = &doc.target_lang {
            import::add_to_units(&mut units, &translations, &doc.source_lang, target, &date);
        }
        changed |= !translations.is_empty();
        tallies.push(tally);
    }
    if changed {
        if let Some(dir) = tmx.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("{}: cannot create the folder", dir.display()))?;
        }
        tarjuman::io::write_atomically(&tmx, |out| {
            let mut writer = tarjuman::tm::tmx::Writer::new(out, &header)?;
            for unit in &units {
                writer.unit(unit)?;
            }
            writer.finish().map(|_| ())
        })
        .with_context(|| format!("cannot write {}", tmx.display()))?;
        eprintln!("tarjuman: wrote {}", tmx.display());
        // The project's memory indexes the file by itself; a database given
        // with --db is told.
        let tracked = match &project {
            Some(p) if args.db.db.is_none() => {
                let canonical = |f: &Path| f.canonicalize().unwrap_or_else(|_| f.to_owned());
                let wanted = canonical(&tmx);
                super::tm::tmx_files(p)?
                    .iter()
                    .any(|f| canonical(f) == wanted)
            }
            _ => false,
        };
        let files = std::slice::from_ref(&tmx);
        match (store, &args.db.db) {
            (store, _) if tracked => {
                drop(store);
                super::tm::open(&args.db)?;
            }
            (Some(mut store), _) => {
                store.import(files, false, &mut |_| {})?;
            }
            (None, Some(path)) => {
                tarjuman::tm::Store::create(path, files, false, &mut |_| {})?;
            }
            (None, None) => {}
        }
    }
    let mut out = super::stdout();
    let mut print = || -> std::io::Result<()> {
        for (file, t) in args.files.iter().zip(&tallies) {
            match args.format {
                Format::Json => writeln!(
                    out,
                    "{}",
                    serde_json::json!({
                        "file": file,
                        "added": t.added,
                        "updated": t.updated,
                        "unchanged": t.unchanged,
                        "skipped": t.skipped,
                        "tmx": tmx,
                    })
                )?,
                Format::Text => writeln!(
                    out,
                    "{}: {} added, {} updated, {} unchanged, {} skipped (not confirmed or empty)",
                    file.display(),
                    t.added,
                    t.updated,
                    t.unchanged,
                    t.skipped
                )?,
            }
        }
        out.flush()
    };
    print().map_err(|e| anyhow::anyhow!("{e} (the import itself is done)"))?;
    Ok(ExitCode::SUCCESS)
}

/// The target languages: the flag's, else the project's.
pub(super) fn targets(flag: &[String], project: Option<&Project>) -> anyhow::Result<Vec<String>> {
    let targets: Vec<String> = if flag.is_empty() {
        project
            .map(|p| {
                p.config
                    .targets
                    .iter()
                    .map(|l| l.code().to_owned())
                    .collect()
            })
            .unwrap_or_default()
    } else {
        flag.to_vec()
    };
    if targets.is_empty() {
        bail!("no target language: pass --to L, or set `targets` in tarjuman.toml");
    }
    for tag in &targets {
        if !tarjuman::lang::is_language_tag(tag) {
            bail!("`{tag}` is not a language tag (BCP 47, such as ur, ru, ur-PK)");
        }
        // Its sentences, names and checks need rules tarjuman has.
        if tag.parse::<Lang>().is_err() {
            bail!(
                "`{tag}` is not a language tarjuman translates into (supported: {})",
                Lang::supported_list()
            );
        }
    }
    Ok(targets)
}

/// The segmenter for `lang`: the project's SRX rules if it has them.
pub(super) fn segmenter(lang: Lang, project: Option<&Project>) -> anyhow::Result<Segmenter> {
    let srx = project.and_then(|p| p.config.segment.srx.as_ref().map(|s| p.resolve(s)));
    Ok(match srx {
        Some(path) => Segmenter::Srx(tarjuman::segment::Srx::load(&path)?.rules_for(lang.code())?),
        None => Segmenter::builtin(lang),
    })
}

/// What an export or analysis leverages, loaded once.
pub(super) struct Loaded {
    pub root: Option<PathBuf>,
    pub store: Option<tarjuman::tm::Store>,
    pub glossary: Option<tarjuman::glossary::Glossary>,
    pub glossary_origin: Option<String>,
}

impl Loaded {
    pub(super) fn load(
        db: &DbArgs,
        glossary: Option<&[PathBuf]>,
        project: Option<&Project>,
    ) -> anyhow::Result<Loaded> {
        let paths = match glossary {
            Some(flags) => super::glossary_paths(flags, project)?,
            None => Vec::new(),
        };
        let origin = match paths.as_slice() {
            [] => None,
            [one] => Some(relative(one, project)),
            many => Some(
                many.iter()
                    .map(|p| relative(p, project))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        };
        let glossary = if paths.is_empty() {
            None
        } else {
            Some(super::load_glossary(&paths)?)
        };
        let store = super::tm::open(db)?;
        Ok(Loaded {
            root: project.map(|p| p.root.clone()),
            store: Some(store),
            glossary,
            glossary_origin: origin,
        })
    }

    pub(super) fn resources(&self) -> Resources<'_> {
        Resources {
            store: self.store.as_ref(),
            glossary: self.glossary.as_ref(),
            glossary_origin: self.glossary_origin.as_deref(),
            root: self.root.as_deref(),
        }
    }
}

/// `path` relative to the project root, for notes in the files written.
fn relative(path: &Path, project: Option<&Project>) -> String {
    project
        .and_then(|p| path.strip_prefix(&p.root).ok())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// The file an export writes for `release` into `target`: the release's
/// name without its language tag and extension, then the target
/// (`2024-02-07-talks.en.txt` → `2024-02-07-talks.ur.xlf`).
fn output_name(release: &Path, target: &str) -> String {
    let name = release
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let mut stem = name.as_str();
    for ext in [".txt", ".md", ".markdown"] {
        if let Some(s) = stem.strip_suffix(ext) {
            stem = s;
            break;
        }
    }
    if let Some((base, tag)) = stem.rsplit_once('.')
        && tag.parse::<Lang>().is_ok()
    {
        stem = base;
    }
    format!("{stem}.{target}.xlf")
}

#[allow(clippy::print_stderr)]
fn export(args: ExportArgs) -> anyhow::Result<ExitCode> {
    let project = super::project()?;
    let project = project.as_ref();
    let source = super::language(
        args.from,
        Some(&args.file),
        project.and_then(|p| p.config.source),
    )?;
    let targets = targets(&args.to, project)?;
    let version = match args.xliff {
        Some(v) => v,
        None => match project {
            Some(p) => p.config.xliff.version.parse().map_err(|e: String| {
                anyhow::anyhow!("{}: [xliff] version: {e}", p.path.display())
            })?,
            None => Version::default(),
        },
    };
    if args.for_tool == Some(Tool::Omegat) && version.is_2() {
        bail!("OmegaT 3.6 reads no XLIFF 2 (it finds no segments): export 1.2 for it");
    }
    let segmenter = segmenter(source, project)?;
    let release = Release::open(&args.file, &segmenter)?;
    let loaded = Loaded::load(&args.db, Some(&args.glossary), project)?;
    let options = ExportOptions {
        source,
        targets: targets.clone(),
        version,
        min: args.min,
        max_matches: 3,
        copy_source: !args.no_copy_source,
        prefill: args.for_tool.is_none(),
    };

    let job = prepare(
        std::slice::from_ref(&release),
        &loaded.resources(),
        &options,
    )?;
    let outputs: Vec<PathBuf> = match &args.output {
        Some(out) if targets.len() == 1 && has_xliff_extension(out) => vec![out.clone()],
        Some(out) if has_xliff_extension(out) => bail!(
            "{}: one output file for {} target languages: give a folder instead",
            out.display(),
            targets.len()
        ),
        out => {
            let dir = match out {
                Some(dir) => dir.clone(),
                None => project.map_or_else(
                    || PathBuf::from("out"),
                    |p| p.resolve(&p.config.xliff.output),
                ),
            };
            std::fs::create_dir_all(&dir)
                .with_context(|| format!("{}: cannot create the folder", dir.display()))?;
            job.documents
                .iter()
                .map(|d| dir.join(output_name(&args.file, &d.target)))
                .collect()
        }
    };
    // Everything is in memory: write the files only now, all of them
    // beside their paths first, so that if one cannot be written none of
    // the old ones is replaced.
    let staged = stage_outputs(&job, &outputs, &args, version, source)?;
    for (file, message) in staged {
        file.commit()
            .with_context(|| format!("cannot write {}", message.0.display()))?;
        eprintln!("tarjuman: wrote {} ({})", message.0.display(), message.1);
    }
    print_analysis(&job.analysis, args.format)?;
    Ok(ExitCode::SUCCESS)
}

/// The files of an export, staged, each with its path and what it holds.
fn stage_outputs(
    job: &tarjuman::workflow::export::Job,
    outputs: &[PathBuf],
    args: &ExportArgs,
    version: Version,
    source: Lang,
) -> anyhow::Result<Vec<(tarjuman::io::Staged, (PathBuf, String))>> {
    let write_options = WriteOptions::default();
    let mut staged = Vec::new();
    for (exported, path) in job.documents.iter().zip(outputs) {
        let (file, ()) = tarjuman::io::stage(path, |out| {
            tarjuman::xliff::write(&exported.document, &write_options, out)
                .map(|_| ())
                .map_err(std::io::Error::other)
        })
        .with_context(|| format!("cannot write {}", path.display()))?;
        let what = format!("XLIFF {version}, {source} → {}", exported.target);
        staged.push((file, (path.clone(), what)));
        if args.for_tool == Some(Tool::Omegat) {
            let tmx = path.with_extension("tmx");
            let file = stage_matches_tmx(&exported.document, &tmx)?;
            let what = "the matches, for OmegaT's tm/auto/".to_owned();
            staged.push((file, (tmx, what)));
        }
    }
    Ok(staged)
}

/// Writes the memory's matches of `doc` as TMX 1.4b (one unit per
/// distinct pair, in document order, no dates: the same export gives the
/// same file).
fn stage_matches_tmx(
    doc: &tarjuman::xliff::Document,
    path: &Path,
) -> anyhow::Result<tarjuman::io::Staged> {
    use tarjuman::tm::model::{Unit, Variant};
    let target = doc.target_lang.as_deref().unwrap_or_default();
    let header = tarjuman::tm::Header::tarjuman(&doc.source_lang);
    let mut seen = std::collections::HashSet::new();
    tarjuman::io::stage(path, |out| {
        let mut writer = tarjuman::tm::tmx::Writer::new(out, &header)?;
        for m in doc
            .files
            .iter()
            .flat_map(|f| &f.units)
            .flat_map(|u| &u.matches)
        {
            let pair = (m.source.plain(), m.target.plain());
            if !seen.insert(pair.clone()) {
                continue;
            }
            writer.unit(&Unit {
                attrs: vec![("srclang".into(), doc.source_lang.clone())],
                annotations: Vec::new(),
                variants: vec![
                    Variant::plain(&doc.source_lang, &pair.0),
                    Variant::plain(target, &pair.1),
                ],
            })?;
        }
        writer.finish().map(|_| ())
    })
    .map(|(staged, ())| staged)
    .with_context(|| format!("cannot write {}", path.display()))
}

fn has_xliff_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlf") || e.eq_ignore_ascii_case("xliff"))
}

pub(super) fn print_analysis(
    analysis: &tarjuman::workflow::analysis::Analysis,
    format: Format,
) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match format {
        Format::Json => writeln!(out, "{}", analysis.to_json()),
        Format::Text => write!(out, "{}", analysis.to_table()),
    }
    .and_then(|()| out.flush())
    .context("cannot write the analysis to standard output")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_names_drop_the_language_and_extension() {
        assert_eq!(
            output_name(Path::new("releases/2024-02-07-talks.en.txt"), "ur"),
            "2024-02-07-talks.ur.xlf"
        );
        assert_eq!(output_name(Path::new("talks.md"), "ru"), "talks.ru.xlf");
        assert_eq!(output_name(Path::new("v1.2.txt"), "ru"), "v1.2.ru.xlf");
    }
}
