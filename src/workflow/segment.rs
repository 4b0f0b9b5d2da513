//! Document → sentences: read blocks, split each, hand every sentence to
//! a sink as soon as it is found (so output streams, and memory holds one
//! block).

use std::borrow::Cow;
use std::io::BufRead;
use std::path::Path;

use crate::doc::{BlockKind, Blocks, DocError};
use crate::segment::Segmenter;

/// One sentence of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence<'a> {
    /// 0-based number of the block (paragraph, heading or list item).
    pub paragraph: usize,
    /// 0-based number of the sentence within its block.
    pub index: usize,
    /// Byte range in the input (BOM included in the count).
    pub start: usize,
    pub end: usize,
    /// The sentence, with line breaks inside it turned into single spaces.
    pub text: Cow<'a, str>,
    pub kind: BlockKind,
}

/// A failure of [`segment_document`].
#[derive(Debug, thiserror::Error)]
pub enum SegmentError {
    /// The input could not be read or is not UTF-8.
    #[error(transparent)]
    Read(#[from] DocError),
    /// The sink failed (for the CLI: writing to standard output).
    #[error("cannot write output")]
    Write(#[source] std::io::Error),
}

/// Splits the document read from `reader` into sentences, calling `sink`
/// for each in order. `path` names the input in errors.
pub fn segment_document<R: BufRead>(
    reader: R,
    path: Option<&Path>,
    segmenter: &Segmenter,
    mut sink: impl FnMut(&Sentence<'_>) -> std::io::Result<()>,
) -> Result<(), SegmentError> {
    let mut ranges = Vec::new();
    let mut paragraph = 0;
    for block in Blocks::new(reader, path) {
        let block = block?;
        ranges.clear();
        segmenter.split(&block.text, &mut ranges);
        for (index, range) in ranges.iter().enumerate() {
            let text = block.text.get(range.clone()).unwrap_or_default();
            let sentence = Sentence {
                paragraph,
                index,
                start: block.offset + range.start,
                end: block.offset + range.end,
                text: join_lines(text),
                kind: block.kind,
            };
            sink(&sentence).map_err(SegmentError::Write)?;
        }
        if !ranges.is_empty() {
            paragraph += 1;
        }
    }
    Ok(())
}

/// Turns each line break inside `text` (LF, CR, CRLF, NEL, U+2028,
/// U+2029), with the whitespace around it, into one space.
pub fn join_lines(text: &str) -> Cow<'_, str> {
    if memchr::memchr2(b'\n', b'\r', text.as_bytes()).is_none() && !has_unicode_break(text) {
        return Cow::Borrowed(text);
    }
    let mut joined = String::with_capacity(text.len());
    let lines = text
        .split(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}'])
        .filter(|l| !l.trim().is_empty());
    for (i, line) in lines.enumerate() {
        if i > 0 {
            let kept = joined.trim_end().len();
            joined.truncate(kept);
            joined.push(' ');
            joined.push_str(line.trim_start());
        } else {
            joined.push_str(line);
        }
    }
    Cow::Owned(joined)
}

/// Whether `text` holds NEL (C2 85), U+2028 or U+2029 (E2 80 A8/A9),
/// looking only at the bytes that can start them.
fn has_unicode_break(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(0xC2, 0xE2, bytes).any(|i| match bytes.get(i..i + 3) {
        Some([0xC2, 0x85, ..]) => true,
        Some([0xE2, 0x80, 0xA8 | 0xA9]) => true,
        _ => bytes.get(i..i + 2) == Some(&[0xC2, 0x85]),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    fn run(input: &str) -> Vec<(usize, usize, String, usize, usize)> {
        let mut out = Vec::new();
        segment_document(input.as_bytes(), None, &Segmenter::builtin(Lang::En), |s| {
            out.push((s.paragraph, s.index, s.text.to_string(), s.start, s.end));
            Ok(())
        })
        .unwrap();
        out
    }

    #[test]
    fn numbers_paragraphs_and_sentences() {
        let got = run("# Talks\n\nOne. Two.\n\nThree.\n");
        let texts: Vec<_> = got.iter().map(|s| (s.0, s.1, s.2.as_str())).collect();
        assert_eq!(
            texts,
            [
                (0, 0, "# Talks"),
                (1, 0, "One."),
                (1, 1, "Two."),
                (2, 0, "Three.")
            ]
        );
        assert_eq!((got[2].3, got[2].4), (14, 18));
    }

    #[test]
    fn wrapped_lines_become_one_sentence() {
        let input = "Senator Chizhov met\n   H.E. Albert P. Khorev. Then\r\nthey left.";
        let got = run(input);
        assert_eq!(got[0].2, "Senator Chizhov met H.E. Albert P. Khorev.");
        assert_eq!(got[1].2, "Then they left.");
        assert_eq!(&input[got[1].3..got[1].4], "Then\r\nthey left.");
    }

    #[test]
    fn every_kind_of_line_break_joins() {
        assert_eq!(
            join_lines("One\rtwo\u{2028}three\r\n  four"),
            "One two three four"
        );
        assert_eq!(join_lines("plain"), "plain");
    }
}
