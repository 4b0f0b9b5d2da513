//! `tarjuman analyze`: the word counts per match band that quotes are
//! based on.

use std::path::PathBuf;
use std::process::ExitCode;

use tarjuman::Lang;
use tarjuman::workflow::export::{ExportOptions, prepare};
use tarjuman::workflow::release::Release;

use super::tm::DbArgs;
use super::xliff::{Format, Loaded, segmenter, targets};

/// Count segments and words per match band, per file and in total.
///
/// Each sentence of each release is looked up in the memory; its best
/// match puts it in a band: 101% (identical, and the sentence before it
/// too), repetitions (a sentence the job already had), 100%, 95-99%,
/// 85-94%, 75-84%, 50-74%, or no match. The same bands `xliff export`
/// prints.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  tarjuman analyze releases/*.en.txt
  tarjuman analyze --from en --to ur,ru --format json release.en.txt")]
pub struct Args {
    #[command(flatten)]
    db: DbArgs,
    /// Language of the releases (default: from the file names, else
    /// `source` in tarjuman.toml).
    #[arg(long, value_name = "L")]
    from: Option<Lang>,
    /// Target languages, comma-separated (default: `targets` in
    /// tarjuman.toml).
    #[arg(long, value_name = "L,L", value_delimiter = ',')]
    to: Vec<String>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Releases.
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let project = super::project()?;
    let project = project.as_ref();
    let targets = targets(&args.to, project)?;
    let default_source = project.and_then(|p| p.config.source);
    let mut source = None;
    let mut releases = Vec::with_capacity(args.files.len());
    for file in &args.files {
        let lang = super::language(args.from, Some(file), default_source)?;
        match source {
            None => source = Some(lang),
            Some(first) if first != lang => anyhow::bail!(
                "{}: written in {lang}, the other releases in {first}: analyze one source language at a time",
                file.display()
            ),
            Some(_) => {}
        }
        releases.push(Release::open(file, &segmenter(lang, project)?)?);
    }
    let Some(source) = source else {
        return Ok(ExitCode::SUCCESS);
    };
    let loaded = Loaded::load(&args.db, None, project)?;
    let options = ExportOptions {
        source,
        targets,
        version: tarjuman::xliff::Version::default(),
        min: 75.0,
        max_matches: 1,
        copy_source: false,
        prefill: true,
    };
    let job = prepare(&releases, &loaded.resources(), &options)?;
    super::xliff::print_analysis(&job.analysis, args.format)?;
    Ok(ExitCode::SUCCESS)
}
