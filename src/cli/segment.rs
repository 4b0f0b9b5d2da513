//! `tarjuman segment`: split a release into sentences.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::ValueEnum;
use tarjuman::Lang;
use tarjuman::segment::{Segmenter, Srx};
use tarjuman::workflow::segment::{Sentence, segment_document};

/// Split a release into sentences.
///
/// Paragraphs are separated by blank lines; Markdown headings and list
/// items are blocks of their own. Sentences never cross a block.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  tarjuman segment --lang en releases/2024-02-07-senate-defence-committee.en.txt
  echo 'Сенатор В. А. Чижов прибыл. Его встретили.' | tarjuman segment --lang ru
  tarjuman segment --lang ur --format json release.ur.txt
  tarjuman segment --lang en --srx rules.srx release.txt

Without --lang, the language comes from the file name (release.ru.txt) or
from `source` in tarjuman.toml.")]
pub struct Args {
    /// Language of the text: en, ur or ru (BCP 47; en-US is en).
    #[arg(long, value_name = "LANG")]
    lang: Option<Lang>,
    /// Use the rules of an SRX 2.0 file instead of the built-in ones.
    #[arg(long, value_name = "FILE")]
    srx: Option<PathBuf>,
    /// Output: one sentence a line (text) or JSON with byte offsets.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Files to read; `-` or nothing reads standard input.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let project = super::project()?;
    let stdin = [PathBuf::from("-")];
    let files = if args.files.is_empty() {
        &stdin[..]
    } else {
        &args.files[..]
    };
    let srx = match (&args.srx, &project) {
        (Some(path), _) => Some(Srx::load(path)?),
        (None, Some(project)) => match &project.config.segment.srx {
            Some(path) => Some(Srx::load(&project.resolve(path))?),
            None => None,
        },
        (None, None) => None,
    };
    // Everything that can fail before reading (languages, rules, opening
    // the files) is settled first, so a bad argument prints nothing.
    let mut inputs = Vec::with_capacity(files.len());
    for file in files {
        let path = (file.as_os_str() != "-").then_some(file.as_path());
        let lang = super::language(
            args.lang,
            path,
            project.as_ref().and_then(|p| p.config.source),
        )?;
        let segmenter = match &srx {
            Some(srx) => Segmenter::Srx(srx.rules_for(lang.code())?),
            None => Segmenter::builtin(lang),
        };
        let reader: Box<dyn BufRead> = match path {
            Some(path) => Box::new(BufReader::with_capacity(
                1 << 16,
                File::open(path).with_context(|| format!("{}: cannot open", path.display()))?,
            )),
            None => Box::new(io::stdin().lock()),
        };
        inputs.push((path, lang, segmenter, reader));
    }
    let mut out = super::stdout();
    let mut wrote = false;
    for (path, lang, segmenter, reader) in inputs {
        match args.format {
            Format::Text => write_text(reader, path, &segmenter, &mut out, &mut wrote)?,
            Format::Json => write_json(reader, path, lang, &segmenter, &mut out)?,
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// One sentence a line, a blank line between blocks (and between files);
/// `wrote` says whether anything was written before, by any file.
fn write_text(
    reader: impl BufRead,
    path: Option<&Path>,
    segmenter: &Segmenter,
    out: &mut impl Write,
    wrote: &mut bool,
) -> anyhow::Result<()> {
    segment_document(reader, path, segmenter, |sentence| {
        if sentence.index == 0 && *wrote {
            out.write_all(b"\n")?;
        }
        *wrote = true;
        out.write_all(sentence.text.as_bytes())?;
        out.write_all(b"\n")
    })?;
    Ok(())
}

/// `{"lang":"en","segments":[…]}` on one line per file. The line is held
/// until it is complete, so that a file that fails half-way (invalid
/// UTF-8) leaves no half line; beyond [`HELD_JSON`] bytes it is streamed.
fn write_json(
    reader: impl BufRead,
    path: Option<&Path>,
    lang: Lang,
    segmenter: &Segmenter,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let mut line: Vec<u8> = Vec::new();
    write!(line, "{{\"lang\":\"{lang}\",")?;
    if let Some(path) = path {
        line.extend_from_slice(b"\"file\":");
        serde_json::to_writer(&mut line, &path.to_string_lossy())?;
        line.push(b',');
    }
    line.extend_from_slice(b"\"segments\":[");
    let mut first = true;
    segment_document(reader, path, segmenter, |sentence| {
        if !first {
            line.push(b',');
        }
        first = false;
        serde_json::to_writer(&mut line, &Json::from(sentence)).map_err(io::Error::other)?;
        if line.len() > HELD_JSON {
            out.write_all(&line)?;
            line.clear();
        }
        Ok(())
    })?;
    line.extend_from_slice(b"]}\n");
    out.write_all(&line)?;
    Ok(())
}

/// The JSON of a file held back until it is complete: a release is far
/// smaller; a corpus of gigabytes is streamed past it.
const HELD_JSON: usize = 16 << 20;

#[derive(serde::Serialize)]
struct Json<'a> {
    paragraph: usize,
    index: usize,
    text: &'a str,
    start: usize,
    end: usize,
}

impl<'a> From<&'a Sentence<'a>> for Json<'a> {
    fn from(s: &'a Sentence<'a>) -> Self {
        Json {
            paragraph: s.paragraph,
            index: s.index,
            text: &s.text,
            start: s.start,
            end: s.end,
        }
    }
}
