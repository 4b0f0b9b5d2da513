//! The bytes of a TMX file as a UTF-8 stream, whatever its encoding, and
//! where in it (line, column) a byte offset is.
//!
//! quick-xml parses UTF-8 only. [`Utf8Stream`] passes UTF-8 through and
//! decodes the rest on the fly (UTF-16 LE/BE from their byte-order mark or
//! their first bytes, and any encoding the XML declaration names that the
//! WHATWG Encoding Standard knows, such as `windows-1251`), so that memory
//! stays flat however large the file. [`Tracked`] keeps the text since the
//! start of the current unit, so that an error anywhere in it gets a line
//! and a column without reading the file again.

use std::io::{self, BufRead, Read};

use encoding_rs::{DecoderResult, Encoding, UTF_16BE, UTF_16LE};

const CHUNK: usize = 64 * 1024;

/// An encoding that cannot be read, found before the first element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadEncoding {
    /// 1-based column on line 1 (the XML declaration).
    pub column: usize,
    pub message: String,
}

/// Text that is malformed in its encoding.
#[derive(Debug, thiserror::Error)]
#[error("the bytes are not valid {encoding}")]
pub struct Malformed {
    pub encoding: &'static str,
}

/// A reader of UTF-8 decoded from `R`.
pub struct Utf8Stream<R> {
    inner: R,
    decoder: Option<encoding_rs::Decoder>,
    encoding: &'static str,
    /// Bytes read from `inner`, not yet decoded.
    raw: Vec<u8>,
    raw_start: usize,
    eof: bool,
    /// Decoded bytes, not yet consumed.
    out: Vec<u8>,
    out_start: usize,
    /// An error to report once the text before it has been read.
    pending: Option<&'static str>,
    /// Bytes read from `inner` so far, and their hash.
    raw_read: u64,
    hasher: xxhash_rust::xxh3::Xxh3,
}

impl<R> std::fmt::Debug for Utf8Stream<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Utf8Stream")
            .field("encoding", &self.encoding)
            .finish_non_exhaustive()
    }
}

impl<R: Read> Utf8Stream<R> {
    /// Sniffs the encoding of `inner` from its first bytes: a byte-order
    /// mark, UTF-16 without one (`<` and `?` with zero bytes), or the
    /// `encoding` of the XML declaration.
    pub fn new(mut inner: R) -> io::Result<Result<Self, BadEncoding>> {
        let mut head = vec![0; 512];
        let mut filled = 0;
        while filled < head.len() {
            let Some(rest) = head.get_mut(filled..) else {
                break;
            };
            match inner.read(rest) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        head.truncate(filled);
        let (encoding, skip): (Option<&'static Encoding>, usize) = match head.as_slice() {
            [0xEF, 0xBB, 0xBF, ..] => (None, 3),
            [0xFF, 0xFE, 0, 0, ..] | [0, 0, 0xFE, 0xFF, ..] => {
                return Ok(Err(BadEncoding {
                    column: 1,
                    message: "the file is UTF-32 (by its byte-order mark): save it as \
                              UTF-8 or UTF-16"
                        .to_owned(),
                }));
            }
            [0xFF, 0xFE, ..] => (Some(UTF_16LE), 2),
            [0xFE, 0xFF, ..] => (Some(UTF_16BE), 2),
            // UTF-16 without a byte-order mark: `<` and the next character
            // with zero bytes, with or without a declaration.
            [b'<', 0, c, 0, ..] if c.is_ascii() => (Some(UTF_16LE), 0),
            [0, b'<', 0, c, ..] if c.is_ascii() => (Some(UTF_16BE), 0),
            _ => match declared_encoding(&head) {
                Ok(None) => (None, 0),
                Ok(Some((label, column))) => {
                    let lower = label.to_ascii_lowercase();
                    if matches!(lower.as_str(), "utf-8" | "utf8") {
                        (None, 0)
                    } else if lower.starts_with("utf-16") || lower == "ucs-2" {
                        return Ok(Err(BadEncoding {
                            column,
                            message: format!(
                                "the file declares encoding `{label}` but is not UTF-16 \
                                 (no byte-order mark, ASCII bytes)"
                            ),
                        }));
                    } else {
                        match Encoding::for_label_no_replacement(label.as_bytes()) {
                            Some(e) if e == encoding_rs::UTF_8 => (None, 0),
                            Some(e) => (Some(e), 0),
                            None => {
                                return Ok(Err(BadEncoding {
                                    column,
                                    message: format!(
                                        "unknown encoding `{label}`: use UTF-8 or UTF-16, \
                                         or a label of the WHATWG Encoding Standard"
                                    ),
                                }));
                            }
                        }
                    }
                }
                Err(bad) => return Ok(Err(bad)),
            },
        };
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        hasher.update(&head);
        let raw_read = head.len() as u64;
        let mut raw = head;
        raw.drain(..skip.min(raw.len()));
        let (decoder, name) = match encoding {
            Some(e) => (Some(e.new_decoder_without_bom_handling()), e.name()),
            None => (None, "UTF-8"),
        };
        Ok(Ok(Utf8Stream {
            inner,
            decoder,
            encoding: name,
            raw,
            raw_start: 0,
            eof: false,
            out: Vec::with_capacity(CHUNK * 3),
            out_start: 0,
            pending: None,
            raw_read,
            hasher,
        }))
    }

    /// The encoding read (its WHATWG name).
    pub fn encoding(&self) -> &'static str {
        self.encoding
    }

    /// How many bytes of the input have been read.
    pub fn bytes_read(&self) -> u64 {
        self.raw_read
    }

    /// The XXH3 hash of the input's bytes read so far (of the whole file
    /// once it has been read to the end).
    pub fn hash(&self) -> u64 {
        self.hasher.digest()
    }

    /// Reads more raw bytes; false at the end of the input.
    fn read_raw(&mut self) -> io::Result<bool> {
        if self.eof {
            return Ok(false);
        }
        if self.raw_start > 0 {
            self.raw.drain(..self.raw_start);
            self.raw_start = 0;
        }
        let len = self.raw.len();
        self.raw.resize(len + CHUNK, 0);
        let n = loop {
            let Some(buf) = self.raw.get_mut(len..) else {
                break 0;
            };
            match self.inner.read(buf) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.raw.truncate(len);
                    return Err(e);
                }
            }
        };
        self.raw.truncate(len + n);
        if let Some(new) = self.raw.get(len..) {
            self.hasher.update(new);
        }
        self.raw_read += n as u64;
        if n == 0 {
            self.eof = true;
        }
        Ok(n > 0)
    }
}

/// `Read::read` for a reader whose `BufRead` does the work.
fn read_buffered(reader: &mut impl BufRead, buf: &mut [u8]) -> io::Result<usize> {
    let available = reader.fill_buf()?;
    let n = available.len().min(buf.len());
    if let (Some(dst), Some(src)) = (buf.get_mut(..n), available.get(..n)) {
        dst.copy_from_slice(src);
    }
    reader.consume(n);
    Ok(n)
}

impl<R: Read> Read for Utf8Stream<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        read_buffered(self, buf)
    }
}

impl<R: Read> BufRead for Utf8Stream<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        while self.out_start >= self.out.len() {
            self.out.clear();
            self.out_start = 0;
            if let Some(encoding) = self.pending.take() {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    Malformed { encoding },
                ));
            }
            if self.raw_start >= self.raw.len() && !self.read_raw()? {
                if let Some(decoder) = self.decoder.as_mut() {
                    // Flush what the decoder holds: a lone trailing byte is
                    // malformed.
                    let mut tail = vec![0; 16];
                    let (result, _, written) =
                        decoder.decode_to_utf8_without_replacement(&[], &mut tail, true);
                    if let DecoderResult::Malformed(..) = result {
                        self.pending = Some(self.encoding);
                    }
                    tail.truncate(written);
                    self.out = tail;
                    self.decoder = None;
                    continue;
                }
                return Ok(&[]);
            }
            let src = self.raw.get(self.raw_start..).unwrap_or_default();
            match self.decoder.as_mut() {
                None => {
                    // UTF-8: hand over the valid part; an incomplete
                    // sequence at the end waits for the next read, an
                    // invalid one is an error once the text before it is
                    // read (so that its position is right).
                    let valid = match simdutf8::compat::from_utf8(src) {
                        Ok(_) => src.len(),
                        Err(e) => {
                            if e.error_len().is_some()
                                || (self.eof && self.raw_start < self.raw.len())
                            {
                                self.pending = Some(self.encoding);
                            }
                            e.valid_up_to()
                        }
                    };
                    self.out
                        .extend_from_slice(src.get(..valid).unwrap_or_default());
                    self.raw_start += valid;
                    if valid == 0 && self.pending.is_none() && !self.read_raw()? {
                        // An incomplete sequence at the very end.
                        self.pending = Some(self.encoding);
                    }
                }
                Some(decoder) => {
                    self.out.resize(src.len() * 3 + 16, 0);
                    let (result, read, written) =
                        decoder.decode_to_utf8_without_replacement(src, &mut self.out, false);
                    self.out.truncate(written);
                    self.raw_start += read;
                    if let DecoderResult::Malformed(..) = result {
                        self.pending = Some(self.encoding);
                    }
                }
            }
        }
        Ok(self.out.get(self.out_start..).unwrap_or_default())
    }

    fn consume(&mut self, amount: usize) {
        self.out_start = (self.out_start + amount).min(self.out.len());
    }
}

/// The `encoding` of the XML declaration at the start of `head` (ASCII
/// bytes), with its 1-based column.
fn declared_encoding(head: &[u8]) -> Result<Option<(String, usize)>, BadEncoding> {
    let Some(decl) = head.strip_prefix(b"<?xml") else {
        return Ok(None);
    };
    let end = memchr::memmem::find(decl, b"?>").unwrap_or(decl.len());
    let decl = decl.get(..end).unwrap_or_default();
    let Some(at) = memchr::memmem::find(decl, b"encoding") else {
        return Ok(None);
    };
    let rest = decl.get(at + "encoding".len()..).unwrap_or_default();
    let rest_trimmed = rest.trim_ascii_start();
    let Some(after_eq) = rest_trimmed.strip_prefix(b"=") else {
        return Ok(None);
    };
    let value = after_eq.trim_ascii_start();
    let Some((&quote, value)) = value.split_first() else {
        return Ok(None);
    };
    if quote != b'"' && quote != b'\'' {
        return Ok(None);
    }
    let close = memchr::memchr(quote, value).unwrap_or(value.len());
    let label = value.get(..close).unwrap_or_default();
    // Column of the label: "<?xml" + offset in decl + 1 (1-based) + quote.
    let column = 5 + (decl.len() - value.len()) + 1;
    match std::str::from_utf8(label) {
        Ok(label) => Ok(Some((label.trim().to_owned(), column))),
        Err(_) => Err(BadEncoding {
            column,
            message: "the encoding name is not ASCII".into(),
        }),
    }
}

/// A UTF-8 reader that remembers the text since a mark, so that a byte
/// offset after the mark can be given a line and a column.
#[derive(Debug)]
pub struct Tracked<R> {
    inner: R,
    /// Consumed bytes since `window_start`.
    window: Vec<u8>,
    window_start: u64,
    /// 1-based line and 0-based column (characters) at `window_start`.
    line: usize,
    column: usize,
}

impl<R: BufRead> Tracked<R> {
    pub fn new(inner: R) -> Self {
        Tracked {
            inner,
            window: Vec::new(),
            window_start: 0,
            line: 1,
            column: 0,
        }
    }

    pub fn get_ref(&self) -> &R {
        &self.inner
    }

    /// The offset of the next byte to be read.
    pub fn consumed(&self) -> u64 {
        self.window_start + self.window.len() as u64
    }

    /// Forgets the text before `offset`: positions before it are no longer
    /// needed.
    pub fn mark(&mut self, offset: u64) {
        let drop = usize::try_from(offset.saturating_sub(self.window_start))
            .unwrap_or(usize::MAX)
            .min(self.window.len());
        let Some(gone) = self.window.get(..drop) else {
            return;
        };
        let (line, column) = advance(self.line, self.column, gone);
        self.line = line;
        self.column = column;
        self.window.drain(..drop);
        self.window_start += drop as u64;
    }

    /// 1-based line and column of `offset` (at or after the last mark;
    /// earlier offsets give the mark's position).
    pub fn locate(&self, offset: u64) -> (usize, usize) {
        let upto = usize::try_from(offset.saturating_sub(self.window_start))
            .unwrap_or(usize::MAX)
            .min(self.window.len());
        let (line, column) = advance(
            self.line,
            self.column,
            self.window.get(..upto).unwrap_or_default(),
        );
        (line, column + 1)
    }
}

/// The line and column after `bytes`, starting at `line`, `column`.
fn advance(mut line: usize, mut column: usize, bytes: &[u8]) -> (usize, usize) {
    let tail = match memchr::memrchr(b'\n', bytes) {
        Some(last) => {
            line += memchr::memchr_iter(b'\n', bytes).count();
            column = 0;
            bytes.get(last + 1..).unwrap_or_default()
        }
        None => bytes,
    };
    // Count characters: every byte that does not continue a UTF-8 sequence.
    column += tail.iter().filter(|&&b| (b & 0xC0) != 0x80).count();
    (line, column)
}

impl<R: BufRead> Read for Tracked<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        read_buffered(self, buf)
    }
}

impl<R: BufRead> BufRead for Tracked<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        if let Ok(buf) = self.inner.fill_buf()
            && let Some(consumed) = buf.get(..amount)
        {
            self.window.extend_from_slice(consumed);
        }
        self.inner.consume(amount);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_all(bytes: &[u8]) -> Result<String, String> {
        let mut stream = Utf8Stream::new(bytes)
            .map_err(|e| e.to_string())?
            .map_err(|e| e.message)?;
        let mut out = String::new();
        stream.read_to_string(&mut out).map_err(|e| e.to_string())?;
        Ok(out)
    }

    fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend(if big_endian {
                [0xFE, 0xFF]
            } else {
                [0xFF, 0xFE]
            });
        }
        for unit in text.encode_utf16() {
            out.extend(if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        out
    }

    #[test]
    fn decodes_utf8_utf16_and_declared_encodings() {
        let xml = "<?xml version=\"1.0\"?><tmx>Чижов ہ</tmx>";
        assert_eq!(decode_all(xml.as_bytes()).as_deref(), Ok(xml));
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), xml.as_bytes()].concat();
        assert_eq!(decode_all(&with_bom).as_deref(), Ok(xml));
        for (be, bom) in [(false, true), (true, true), (false, false), (true, false)] {
            assert_eq!(decode_all(&utf16(xml, be, bom)).as_deref(), Ok(xml));
            // Without a declaration too.
            let bare = "<tmx>Чижов ہ</tmx>";
            assert_eq!(decode_all(&utf16(bare, be, bom)).as_deref(), Ok(bare));
        }
        // UTF-32 is named, not misread.
        for bom in [&[0xFF, 0xFE, 0, 0][..], &[0, 0, 0xFE, 0xFF]] {
            let bytes = [bom, b"<\0\0\0"].concat();
            let err = Utf8Stream::new(&bytes[..]).unwrap().err();
            assert!(err.is_some_and(|e| e.message.contains("UTF-32")));
        }
        // Long enough to cross chunk boundaries.
        let long = format!("<?xml version=\"1.0\"?><a>{}</a>", "Шанхай ".repeat(40_000));
        assert_eq!(
            decode_all(&utf16(&long, false, true)).as_deref(),
            Ok(long.as_str())
        );
        let cp1251 =
            b"<?xml version=\"1.0\" encoding=\"windows-1251\"?><a>\xd7\xe8\xe6\xee\xe2</a>";
        assert_eq!(
            decode_all(cp1251).as_deref(),
            Ok("<?xml version=\"1.0\" encoding=\"windows-1251\"?><a>Чижов</a>")
        );
    }

    #[test]
    fn refuses_unknown_encodings_with_a_column() {
        let err = Utf8Stream::new(&b"<?xml version=\"1.0\" encoding=\"klingon-8\"?><a/>"[..])
            .ok()
            .and_then(Result::err);
        assert_eq!(err.as_ref().map(|e| e.column), Some(31));
        assert!(err.is_some_and(|e| e.message.contains("klingon-8")));
        let err = Utf8Stream::new(&b"<?xml version=\"1.0\" encoding=\"UTF-16\"?><a/>"[..])
            .ok()
            .and_then(Result::err);
        assert!(err.is_some_and(|e| e.message.contains("not UTF-16")));
    }

    #[test]
    fn malformed_utf16_is_an_error() {
        let mut bytes = utf16("<a>", false, true);
        bytes.extend([0x00, 0xD8, b'a', 0]); // a lone high surrogate
        assert!(decode_all(&bytes).is_err());
    }

    #[test]
    fn tracked_positions_count_lines_and_characters() {
        let text = "ab\nЧиж\nx";
        let mut tracked = Tracked::new(text.as_bytes());
        let mut all = String::new();
        tracked.read_to_string(&mut all).ok();
        assert_eq!(tracked.locate(0), (1, 1));
        assert_eq!(tracked.locate(5), (2, 2));
        tracked.mark(3);
        assert_eq!(tracked.locate(10), (3, 1));
        assert_eq!(tracked.locate(9), (2, 4));
    }
}
