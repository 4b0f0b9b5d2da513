//! A release as the XLIFF round trip sees it: paragraphs (headings, list
//! items) of sentences, with what merge needs to put the translated text
//! back in the same shape.

use std::io::BufRead;
use std::path::{Path, PathBuf};

use crate::doc::{BlockKind, Blocks, DocError};
use crate::segment::Segmenter;
use crate::workflow::segment::join_lines;
use crate::xliff::Block;

/// One block of a release, split into sentences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// Stable id: a hash of the text, so editing one paragraph does not
    /// renumber the others (`p3f2a91c0`, `-2` for a repeated paragraph).
    pub id: String,
    pub block: Block,
    /// A list item's marker as written (`-`, `2.`, `۳۔`).
    pub marker: Option<String>,
    pub sentences: Vec<String>,
    /// The text between sentence `i` and `i + 1` (a space, usually).
    pub gaps: Vec<String>,
    /// 1-based line of the block in the release.
    pub line: usize,
}

/// A release read and segmented.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Release {
    pub path: PathBuf,
    pub paragraphs: Vec<Paragraph>,
}

/// A release that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ReleaseError {
    #[error(transparent)]
    Read(#[from] DocError),
    /// A character XML cannot carry (XLIFF could not hold the sentence).
    #[error(
        "{}:{line}:{column}: the control character U+{code:04X} is not text a release can \
         hold (XLIFF could not carry it): remove it",
        path.display()
    )]
    Control {
        path: PathBuf,
        line: usize,
        column: usize,
        code: u32,
    },
}

impl Release {
    /// Reads and segments the release in `reader`; `path` names it.
    pub fn read<R: BufRead>(
        reader: R,
        path: &Path,
        segmenter: &Segmenter,
    ) -> Result<Release, ReleaseError> {
        let mut paragraphs: Vec<Paragraph> = Vec::new();
        let mut seen: rustc_hash::FxHashMap<u32, usize> = rustc_hash::FxHashMap::default();
        let mut ranges = Vec::new();
        for block in Blocks::new(reader, Some(path)) {
            let block = block?;
            check_characters(&block.text, block.line, path)?;
            let (block_kind, marker, content) = strip_marker(&block.text, block.kind);
            ranges.clear();
            segmenter.split(content, &mut ranges);
            if ranges.is_empty() {
                continue;
            }
            let mut sentences = Vec::with_capacity(ranges.len());
            let mut gaps = Vec::with_capacity(ranges.len().saturating_sub(1));
            let mut last_end = None;
            for range in &ranges {
                if let Some(end) = last_end {
                    let gap = content.get(end..range.start).unwrap_or(" ");
                    gaps.push(if gap.contains(['\n', '\r']) || gap.is_empty() {
                        " ".to_owned()
                    } else {
                        gap.to_owned()
                    });
                }
                let text = content.get(range.clone()).unwrap_or_default();
                sentences.push(join_lines(text).into_owned());
                last_end = Some(range.end);
            }
            let hash = paragraph_hash(&sentences);
            let count = seen.entry(hash).or_insert(0);
            *count += 1;
            let id = if *count == 1 {
                format!("p{hash:08x}")
            } else {
                format!("p{hash:08x}-{count}")
            };
            paragraphs.push(Paragraph {
                id,
                block: block_kind,
                marker,
                sentences,
                gaps,
                line: block.line,
            });
        }
        Ok(Release {
            path: path.to_owned(),
            paragraphs,
        })
    }

    /// Reads the release file at `path`.
    pub fn open(path: &Path, segmenter: &Segmenter) -> Result<Release, ReleaseError> {
        let file = std::fs::File::open(path).map_err(|source| DocError::Io {
            path: Some(path.to_owned()),
            source,
        })?;
        Release::read(std::io::BufReader::new(file), path, segmenter)
    }
}

/// The paragraph's id hash: its sentences, so that rewrapping lines does
/// not change it.
fn paragraph_hash(sentences: &[String]) -> u32 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for s in sentences {
        hasher.update(s.as_bytes());
        hasher.update(b"\n");
    }
    hasher.digest() as u32
}

/// Refuses text holding a character XML cannot carry, at its line and
/// column.
fn check_characters(text: &str, first_line: usize, path: &Path) -> Result<(), ReleaseError> {
    let Some((at, c)) = crate::text::first_non_xml_char(text) else {
        return Ok(());
    };
    let before = text.get(..at).unwrap_or_default();
    let line = first_line + before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..).unwrap_or_default().chars().count() + 1;
    Err(ReleaseError::Control {
        path: path.to_owned(),
        line,
        column,
        code: c as u32,
    })
}

/// Splits a block's Markdown marker from its text: `# ` of a heading, the
/// bullet or number of a list item.
fn strip_marker(text: &str, kind: BlockKind) -> (Block, Option<String>, &str) {
    let trimmed = text.trim_start();
    match kind {
        BlockKind::Paragraph => (Block::Paragraph, None, text),
        BlockKind::Heading(level) => {
            let rest = trimmed.trim_start_matches('#');
            // A closing sequence (`## Title ##`) is not part of the title.
            let rest = rest.trim_end();
            let rest = match rest.trim_end_matches('#') {
                kept if kept.ends_with([' ', '\t']) => kept.trim_end(),
                _ => rest,
            };
            (Block::Heading(level), None, rest.trim_start())
        }
        BlockKind::ListItem => {
            let end = trimmed.find([' ', '\t']).unwrap_or(trimmed.len());
            let marker = trimmed.get(..end).unwrap_or_default();
            let rest = trimmed.get(end..).unwrap_or_default().trim_start();
            (Block::ListItem, Some(marker.to_owned()), rest)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    fn read(text: &str) -> Release {
        Release::read(
            text.as_bytes(),
            Path::new("r.en.txt"),
            &Segmenter::builtin(Lang::En),
        )
        .unwrap()
    }

    #[test]
    fn blocks_become_paragraphs_with_their_markers() {
        let r = read(
            "## Talks in Islamabad ##\n\nSenator Chizhov arrived. He met\nH.E. Albert P. Khorev.\n\n- Trade\n2. Energy\n",
        );
        let p = &r.paragraphs;
        assert_eq!(p.len(), 4);
        assert_eq!(p[0].block, Block::Heading(2));
        assert_eq!(p[0].sentences, ["Talks in Islamabad"]);
        assert_eq!(
            p[1].sentences,
            ["Senator Chizhov arrived.", "He met H.E. Albert P. Khorev."]
        );
        assert_eq!(p[1].gaps, [" "]);
        assert_eq!(
            (p[2].block, p[2].marker.as_deref()),
            (Block::ListItem, Some("-"))
        );
        assert_eq!(p[3].marker.as_deref(), Some("2."));
        assert_eq!(p[3].sentences, ["Energy"]);
        assert_eq!(p[1].line, 3);
    }

    #[test]
    fn ids_are_stable_and_unique() {
        let a = read("One.\n\nTwo.\n\nOne.\n");
        let b = read("One.\n\nTwo, edited.\n\nOne.\n");
        assert_eq!(a.paragraphs[0].id, b.paragraphs[0].id);
        assert_ne!(a.paragraphs[1].id, b.paragraphs[1].id);
        assert_eq!(a.paragraphs[2].id, format!("{}-2", a.paragraphs[0].id));
        // Rewrapping a paragraph keeps its id.
        let c = read("One.\n\nTwo,\nedited.\n\nOne.\n");
        assert_eq!(b.paragraphs[1].id, c.paragraphs[1].id);
    }

    #[test]
    fn a_control_character_is_an_error_at_its_place() {
        let err = Release::read(
            "Fine.\n\nA bell\nrings \u{7} here.".as_bytes(),
            Path::new("r.en.txt"),
            &Segmenter::builtin(Lang::En),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "r.en.txt:4:7: the control character U+0007 is not text a release can hold (XLIFF could not carry it): remove it"
        );
    }
}
