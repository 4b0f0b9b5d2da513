//! The command line: clap definitions, one file per subcommand. Each
//! subcommand parses its arguments and calls the library; nothing here
//! knows how a stage works.

mod glossary;
mod segment;

use std::process::ExitCode;

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
}

impl Cli {
    /// Runs the command. `Ok` carries the exit code for findings (0 or 1);
    /// an error means the run itself failed (exit code 2).
    pub fn run(self) -> anyhow::Result<ExitCode> {
        match self.command {
            Command::Segment(args) => segment::run(args),
            Command::Glossary(args) => glossary::run(args),
        }
    }
}

/// The project file of the working directory, if any.
fn project() -> anyhow::Result<Option<tarjuman::config::Project>> {
    let cwd = std::env::current_dir()?;
    Ok(tarjuman::config::Project::discover(&cwd)?)
}
