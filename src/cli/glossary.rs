//! `tarjuman glossary`: glossary files. `convert` for now; `lint` joins it.

use std::path::PathBuf;
use std::process::ExitCode;

use tarjuman::glossary::Glossary;

/// Work with glossary files (TBX, CSV, TSV).
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    Convert(ConvertArgs),
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
        Command::Convert(args) => convert(args),
    }
}

fn convert(args: ConvertArgs) -> anyhow::Result<ExitCode> {
    let glossary = Glossary::load(&args.input)?;
    glossary.save(&args.output)?;
    Ok(ExitCode::SUCCESS)
}
