//! Release documents: plain text with light Markdown, read as a stream of
//! blocks.
//!
//! A block is what sentences never cross: a paragraph (lines up to a blank
//! line), a Markdown heading (`# …`, one line), or a list item (`- …`,
//! `1. …`, with its continuation lines). The reader holds one block at a
//! time, so memory stays flat however long the release is. Offsets are
//! bytes into the input as given, BOM included, so that a caller can cut
//! the original text with them.

use std::collections::VecDeque;
use std::io::BufRead;
use std::path::{Path, PathBuf};

/// What kind of block a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    /// A Markdown ATX heading, with its level (1–6).
    Heading(u8),
    /// A list item, bulleted or numbered.
    ListItem,
}

/// A block of a document, its text exactly as in the input (line breaks
/// inside it included, the final one not).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
    /// Byte offset of `text` in the input.
    pub offset: usize,
    /// 1-based line of the block's first line.
    pub line: usize,
}

/// A failure to read a document.
#[derive(Debug, thiserror::Error)]
pub enum DocError {
    /// The input could not be read.
    #[error("{}: cannot read", display_path(.path))]
    Io {
        path: Option<PathBuf>,
        source: std::io::Error,
    },
    /// The input is not UTF-8; `offset` is the first bad byte.
    #[error(
        "{}:{line}:{column}: invalid UTF-8 at byte {offset} (the input must be UTF-8)",
        display_path(.path)
    )]
    InvalidUtf8 {
        path: Option<PathBuf>,
        offset: usize,
        line: usize,
        column: usize,
    },
    /// A carriage return that ends no line.
    #[error(
        "{}:{line}:{column}: {}",
        display_path(.path),
        crate::text::position::LONE_CR
    )]
    LoneCr {
        path: Option<PathBuf>,
        line: usize,
        column: usize,
    },
    /// The input starts with a UTF-16 byte-order mark.
    #[error(
        "{}:1:1: the file is UTF-16 (by its byte-order mark): releases are read as UTF-8, \
         save it as UTF-8",
        display_path(.path)
    )]
    Utf16 { path: Option<PathBuf> },
}

impl DocError {
    /// The error for bytes that `String::from_utf8` refused: where the
    /// first bad byte is, by line and column.
    pub fn not_utf8(path: Option<PathBuf>, error: &std::string::FromUtf8Error) -> Self {
        let offset = error.utf8_error().valid_up_to();
        let before = error.as_bytes().get(..offset).unwrap_or_default();
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |at| at + 1);
        DocError::InvalidUtf8 {
            path,
            offset,
            line: before.iter().filter(|&&b| b == b'\n').count() + 1,
            column: String::from_utf8_lossy(before.get(line_start..).unwrap_or_default())
                .chars()
                .count()
                + 1,
        }
    }
}

/// How a path appears in messages: `<stdin>` for standard input.
pub fn display_path(path: &Option<PathBuf>) -> String {
    path.as_deref()
        .map_or_else(|| "<stdin>".to_owned(), |p| p.display().to_string())
}

/// Reads the blocks of a document one at a time.
#[derive(Debug)]
pub struct Blocks<R> {
    reader: R,
    path: Option<PathBuf>,
    /// Byte offset of the next line to read.
    offset: usize,
    /// 1-based number of the next line to read.
    line: usize,
    buf: Vec<u8>,
    /// The block being assembled.
    current: Option<Block>,
    /// Blocks completed by the last line read, waiting their turn.
    ready: VecDeque<Block>,
    done: bool,
}

impl<R: BufRead> Blocks<R> {
    /// Reads blocks from `reader`; `path` names the input in errors
    /// (`None` is standard input).
    pub fn new(reader: R, path: Option<&Path>) -> Self {
        Blocks {
            reader,
            path: path.map(Path::to_path_buf),
            offset: 0,
            line: 1,
            buf: Vec::new(),
            current: None,
            ready: VecDeque::new(),
            done: false,
        }
    }

    /// Reads and files the next line; `Ok(false)` at the end of the input.
    fn read_line(&mut self) -> Result<bool, DocError> {
        let mut buf = std::mem::take(&mut self.buf);
        buf.clear();
        let read = self
            .reader
            .read_until(b'\n', &mut buf)
            .map_err(|source| DocError::Io {
                path: self.path.clone(),
                source,
            })?;
        if read == 0 {
            self.buf = buf;
            return Ok(false);
        }
        let bom = if self.offset == 0 && buf.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        let start = self.offset + bom;
        let line = self.line;
        self.offset += read;
        self.line += 1;
        let bytes = buf.get(bom..).unwrap_or_default();
        // simdutf8 validates Cyrillic and Arabic text several times faster
        // than std, and reports the same position on error.
        let text = simdutf8::compat::from_utf8(bytes).map_err(|e| {
            if start == 0 && (bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF")) {
                return DocError::Utf16 {
                    path: self.path.clone(),
                };
            }
            let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
            DocError::InvalidUtf8 {
                path: self.path.clone(),
                offset: start + e.valid_up_to(),
                line,
                column: String::from_utf8_lossy(valid).chars().count() + 1,
            }
        })?;
        // A CR that ends no line: old Mac line ends (`\r` alone), which
        // would make the whole file one line, or a stray one.
        let content = text.strip_suffix('\n').unwrap_or(text);
        let content = content.strip_suffix('\r').unwrap_or(content);
        if let Some(at) = memchr::memchr(b'\r', content.as_bytes()) {
            return Err(DocError::LoneCr {
                path: self.path.clone(),
                line,
                column: content.get(..at).unwrap_or_default().chars().count() + 1,
            });
        }
        self.file_line(text, start, line);
        self.buf = buf;
        Ok(true)
    }

    /// Adds one line (with its line break) to the blocks.
    fn file_line(&mut self, raw: &str, offset: usize, line: usize) {
        let content = raw.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            self.ready.extend(self.current.take());
            return;
        }
        let block = |kind| Block {
            kind,
            text: raw.to_owned(),
            offset,
            line,
        };
        match line_kind(content) {
            Some(kind @ BlockKind::Heading(_)) => {
                self.ready.extend(self.current.take());
                self.ready.push_back(block(kind));
            }
            // A number opens a list inside a paragraph only as `1.`
            // (CommonMark's rule): a wrapped line that starts `2024. It
            // enters into force …` goes on with the paragraph.
            Some(kind)
                if !(opens_numbered_item_mid_list(content)
                    && self
                        .current
                        .as_ref()
                        .is_some_and(|b| b.kind == BlockKind::Paragraph)) =>
            {
                self.ready.extend(self.current.take());
                self.current = Some(block(kind));
            }
            Some(_) | None => match &mut self.current {
                Some(current) => current.text.push_str(raw),
                None => self.current = Some(block(BlockKind::Paragraph)),
            },
        }
    }
}

impl<R: BufRead> Iterator for Blocks<R> {
    type Item = Result<Block, DocError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(block) = self.ready.pop_front() {
                return Some(Ok(finish(block)));
            }
            if self.done {
                return self.current.take().map(|block| Ok(finish(block)));
            }
            match self.read_line() {
                Ok(true) => {}
                Ok(false) => self.done = true,
                Err(err) => {
                    self.done = true;
                    self.current = None;
                    return Some(Err(err));
                }
            }
        }
    }
}

/// Drops the final line break of a block's text.
fn finish(mut block: Block) -> Block {
    let len = block.text.trim_end_matches(['\n', '\r']).len();
    block.text.truncate(len);
    block
}

/// Whether a list-item line is numbered with a number other than 1, so
/// that it cannot interrupt a paragraph.
fn opens_numbered_item_mid_list(line: &str) -> bool {
    let rest = line.trim_start();
    let digits: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || ('۰'..='۹').contains(c))
        .collect();
    !digits.is_empty() && digits != "1" && digits != "۱"
}

/// The kind of block a line opens, if it opens one: a heading or a list
/// item. Other lines continue the current block or start a paragraph.
pub fn line_kind(line: &str) -> Option<BlockKind> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = line.get(indent..)?;
    if indent <= 3 && rest.starts_with('#') {
        let level = rest.bytes().take_while(|&b| b == b'#').count();
        let after = rest.get(level..)?;
        if (1..=6).contains(&level) && (after.is_empty() || after.starts_with([' ', '\t'])) {
            return Some(BlockKind::Heading(level as u8));
        }
        return None;
    }
    let mut chars = rest.chars();
    let first = chars.next()?;
    let spaced = |tail: &str| tail.starts_with([' ', '\t']);
    if matches!(first, '-' | '*' | '+' | '•' | '⁃' | '◦' | '▪' | '‣') && spaced(chars.as_str())
    {
        return Some(BlockKind::ListItem);
    }
    let digits = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || ('۰'..='۹').contains(c))
        .count();
    // Up to three digits: `2024. Trade grew` is a sentence, not item 2024.
    if (1..=3).contains(&digits) {
        let after: &str = rest
            .char_indices()
            .nth(digits)
            .map_or("", |(i, _)| rest.get(i..).unwrap_or_default());
        for delimiter in ['.', ')', '۔'] {
            if let Some(tail) = after.strip_prefix(delimiter)
                && spaced(tail)
            {
                return Some(BlockKind::ListItem);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(input: &str) -> Vec<(BlockKind, String, usize, usize)> {
        Blocks::new(input.as_bytes(), None)
            .map(|b| {
                let b = b.unwrap();
                (b.kind, b.text, b.offset, b.line)
            })
            .collect()
    }

    #[test]
    fn paragraphs_headings_and_lists() {
        let input = "# Title\nFirst line\nsecond line.\n\n- one\n  more\n- two\n1. three\nText.";
        let got = blocks(input);
        let kinds: Vec<_> = got.iter().map(|b| b.0).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Heading(1),
                BlockKind::Paragraph,
                BlockKind::ListItem,
                BlockKind::ListItem,
                BlockKind::ListItem
            ]
        );
        assert_eq!(got[0].1, "# Title");
        assert_eq!(got[1].1, "First line\nsecond line.");
        assert_eq!(got[2].1, "- one\n  more");
        assert_eq!(got[4].1, "1. three\nText.");
        for (_, text, offset, _) in &got {
            assert_eq!(&input[*offset..*offset + text.len()], text);
        }
        assert_eq!(got[1].3, 2);
    }

    #[test]
    fn a_wrapped_number_does_not_open_a_list() {
        let got = blocks(
            "The treaty was signed on Feb. 7,\n2024. It enters into force\nin 30 days.\n3. and 4. follow.",
        );
        assert_eq!(got.len(), 1, "{got:?}");
        let got = blocks("Agreed:\n1. Trade.\n2. Energy.");
        assert_eq!(got.len(), 3, "{got:?}");
    }

    #[test]
    fn bom_and_crlf() {
        let input = "\u{FEFF}One.\r\n\r\nTwo.\r\n";
        let got = blocks(input);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].1, "One.");
        assert_eq!(got[0].2, 3, "offsets count the BOM");
        assert_eq!(got[1].1, "Two.");
        assert_eq!(&input[got[1].2..got[1].2 + 4], "Two.");
    }

    #[test]
    fn invalid_utf8_names_the_byte() {
        let input: &[u8] = b"ok\nab\xFFcd\n";
        let err = Blocks::new(input, Some(Path::new("r.txt")))
            .find_map(Result::err)
            .unwrap();
        assert_eq!(
            err.to_string(),
            "r.txt:2:3: invalid UTF-8 at byte 5 (the input must be UTF-8)"
        );
    }

    #[test]
    fn a_carriage_return_alone_is_an_error_where_it_is() {
        for (input, at) in [
            (&b"one.\rtwo.\rthree.\r"[..], "r.txt:1:5:"),
            (b"ok\r\nab\rcd\n", "r.txt:2:3:"),
        ] {
            let err = Blocks::new(input, Some(Path::new("r.txt")))
                .find_map(Result::err)
                .unwrap();
            assert!(err.to_string().starts_with(at), "{err}");
            assert!(
                err.to_string()
                    .contains("carriage return (CR) without a line feed")
            );
        }
        assert!(Blocks::new(&b"a\r\nb\r"[..], None).all(|b| b.is_ok()));
    }

    #[test]
    fn utf16_is_named_as_such() {
        for input in [&b"\xFF\xFEa\0\n\0"[..], b"\xFE\xFF\0a\0\n"] {
            let err = Blocks::new(input, Some(Path::new("r.txt")))
                .find_map(Result::err)
                .unwrap();
            assert!(
                err.to_string()
                    .starts_with("r.txt:1:1: the file is UTF-16 (by its byte-order mark)"),
                "{err}"
            );
        }
    }

    #[test]
    fn empty_input_has_no_blocks() {
        assert!(blocks("").is_empty());
        assert!(blocks("\n\n  \n").is_empty());
    }

    #[test]
    fn line_kinds() {
        assert_eq!(line_kind("## Sub"), Some(BlockKind::Heading(2)));
        assert_eq!(line_kind("#hashtag"), None);
        assert_eq!(line_kind("####### seven"), None);
        assert_eq!(line_kind("* item"), Some(BlockKind::ListItem));
        assert_eq!(line_kind("12) item"), Some(BlockKind::ListItem));
        assert_eq!(line_kind("۱۔ آئٹم"), Some(BlockKind::ListItem));
        assert_eq!(line_kind("2024. A year"), None);
        assert_eq!(line_kind("-5 degrees"), None);
        assert_eq!(line_kind("3.5 billion"), None);
    }
}
