//! Positions for messages, and decoding a file's bytes into text.
//!
//! Every reader reports problems as 1-based line and column, columns in
//! code points; this is the one place that counts them (the report module's
//! `LineIndex` does the same for findings, with an index built once).

/// Turns byte offsets into lines and columns, moving forward through the
/// text so that positioning every element of a file costs one pass in all
/// (going back starts over).
#[derive(Debug)]
pub struct LineCounter<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
    column: usize,
}

impl<'a> LineCounter<'a> {
    pub fn new(text: &'a str) -> Self {
        LineCounter {
            text,
            offset: 0,
            line: 1,
            column: 1,
        }
    }

    /// 1-based line and column of the byte `offset` (clamped to the text,
    /// rounded down to a char boundary).
    pub fn pos(&mut self, offset: usize) -> (usize, usize) {
        let mut target = offset.min(self.text.len());
        while target > 0 && !self.text.is_char_boundary(target) {
            target -= 1;
        }
        if target < self.offset {
            *self = LineCounter::new(self.text);
        }
        let bytes = self
            .text
            .as_bytes()
            .get(self.offset..target)
            .unwrap_or_default();
        // Characters are the bytes that do not continue a UTF-8 sequence.
        let chars = |b: &[u8]| b.iter().filter(|&&b| (b & 0xC0) != 0x80).count();
        match memchr::memrchr(b'\n', bytes) {
            Some(last) => {
                self.line += memchr::memchr_iter(b'\n', bytes).count();
                self.column = 1 + chars(bytes.get(last + 1..).unwrap_or_default());
            }
            None => self.column += chars(bytes),
        }
        self.offset = target;
        (self.line, self.column)
    }
}

/// What readers say of a carriage return that ends no line: lines end
/// with LF or CRLF, and positions count LF.
pub const LONE_CR: &str = "a carriage return (CR) without a line feed: lines end with LF or \
                           CRLF; save the file with one of them";

/// 1-based line and column of byte `offset` in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    LineCounter::new(text).pos(offset)
}

/// Bytes that are neither UTF-8 nor UTF-16 with a BOM, and where the
/// decodable text stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Undecodable {
    /// Whether the file declared UTF-16 (with its BOM).
    pub utf16: bool,
    pub line: usize,
    pub column: usize,
}

/// Decodes a file's bytes: UTF-8 (a BOM is dropped) or UTF-16 LE/BE with a
/// BOM.
pub fn decode(bytes: &[u8]) -> Result<String, Undecodable> {
    let stop = |utf16: bool, text: &str| {
        let (line, column) = line_column(text, text.len());
        Undecodable {
            utf16,
            line,
            column,
        }
    };
    let utf16 = |big_endian: bool, body: &[u8]| {
        let units = body.chunks(2).map(|pair| match pair {
            [a, b] if big_endian => u16::from_be_bytes([*a, *b]),
            [a, b] => u16::from_le_bytes([*a, *b]),
            _ => 0xDC00, // a lone trailing byte: an unpaired surrogate
        });
        let mut text = String::with_capacity(body.len() / 2);
        for unit in char::decode_utf16(units) {
            match unit {
                Ok(c) => text.push(c),
                Err(_) => return Err(stop(true, &text)),
            }
        }
        Ok(text)
    };
    match bytes {
        [0xFE, 0xFF, body @ ..] => utf16(true, body),
        [0xFF, 0xFE, body @ ..] => utf16(false, body),
        _ => {
            let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            match std::str::from_utf8(bytes) {
                Ok(text) => Ok(text.to_owned()),
                Err(e) => {
                    let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
                    Err(stop(false, &String::from_utf8_lossy(valid)))
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_characters() {
        assert_eq!(line_column("ab\nжжx", 7), (2, 3));
        assert_eq!(line_column("", 0), (1, 1));
        let mut lines = LineCounter::new("a\nbc\nd");
        assert_eq!(lines.pos(4), (2, 3));
        assert_eq!(lines.pos(1), (1, 2), "going back starts over");
    }

    #[test]
    fn decodes_utf8_and_utf16_with_boms() {
        assert_eq!(decode(b"\xEF\xBB\xBFok").as_deref(), Ok("ok"));
        assert_eq!(decode(b"\xFF\xFEo\0k\0").as_deref(), Ok("ok"));
        assert_eq!(decode(b"\xFE\xFF\0o\0k").as_deref(), Ok("ok"));
        assert_eq!(
            decode(b"a\nb\xFF"),
            Err(Undecodable {
                utf16: false,
                line: 2,
                column: 2
            })
        );
        assert_eq!(
            decode(b"\xFF\xFEa\0\x00\xD8").map_err(|e| e.utf16),
            Err(true)
        );
    }
}
