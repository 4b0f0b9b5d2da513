//! Which characters end a sentence.
//!
//! The set is Unicode's `STerm` and `ATerm` (UAX #29 sentence boundaries),
//! as unicode-segmentation implements them; a test checks the table against
//! that crate over every code point, so an upgrade that changes Unicode's
//! data shows up here. Paragraph separators are not terminators: blocks are
//! split on them before sentences are.

/// Ranges of terminator characters, sorted, inclusive.
const TERMINATORS: &[(char, char)] = &[
    ('\u{0021}', '\u{0021}'),
    ('\u{002E}', '\u{002E}'),
    ('\u{003F}', '\u{003F}'),
    ('\u{0589}', '\u{0589}'),
    ('\u{061D}', '\u{061F}'),
    ('\u{06D4}', '\u{06D4}'),
    ('\u{0700}', '\u{0702}'),
    ('\u{07F9}', '\u{07F9}'),
    ('\u{0837}', '\u{0837}'),
    ('\u{0839}', '\u{0839}'),
    ('\u{083D}', '\u{083E}'),
    ('\u{0964}', '\u{0965}'),
    ('\u{104A}', '\u{104B}'),
    ('\u{1362}', '\u{1362}'),
    ('\u{1367}', '\u{1368}'),
    ('\u{166E}', '\u{166E}'),
    ('\u{1735}', '\u{1736}'),
    ('\u{17D4}', '\u{17D5}'),
    ('\u{1803}', '\u{1803}'),
    ('\u{1809}', '\u{1809}'),
    ('\u{1944}', '\u{1945}'),
    ('\u{1AA8}', '\u{1AAB}'),
    ('\u{1B4E}', '\u{1B4F}'),
    ('\u{1B5A}', '\u{1B5B}'),
    ('\u{1B5E}', '\u{1B5F}'),
    ('\u{1B7D}', '\u{1B7F}'),
    ('\u{1C3B}', '\u{1C3C}'),
    ('\u{1C7E}', '\u{1C7F}'),
    ('\u{2024}', '\u{2024}'),
    ('\u{203C}', '\u{203D}'),
    ('\u{2047}', '\u{2049}'),
    ('\u{2CF9}', '\u{2CFB}'),
    ('\u{2E2E}', '\u{2E2E}'),
    ('\u{2E3C}', '\u{2E3C}'),
    ('\u{2E53}', '\u{2E54}'),
    ('\u{3002}', '\u{3002}'),
    ('\u{A4FF}', '\u{A4FF}'),
    ('\u{A60E}', '\u{A60F}'),
    ('\u{A6F3}', '\u{A6F3}'),
    ('\u{A6F7}', '\u{A6F7}'),
    ('\u{A876}', '\u{A877}'),
    ('\u{A8CE}', '\u{A8CF}'),
    ('\u{A92F}', '\u{A92F}'),
    ('\u{A9C8}', '\u{A9C9}'),
    ('\u{AA5D}', '\u{AA5F}'),
    ('\u{AAF0}', '\u{AAF1}'),
    ('\u{ABEB}', '\u{ABEB}'),
    ('\u{FE12}', '\u{FE12}'),
    ('\u{FE15}', '\u{FE16}'),
    ('\u{FE52}', '\u{FE52}'),
    ('\u{FE56}', '\u{FE57}'),
    ('\u{FF01}', '\u{FF01}'),
    ('\u{FF0E}', '\u{FF0E}'),
    ('\u{FF1F}', '\u{FF1F}'),
    ('\u{FF61}', '\u{FF61}'),
    ('\u{10A56}', '\u{10A57}'),
    ('\u{10F55}', '\u{10F59}'),
    ('\u{10F86}', '\u{10F89}'),
    ('\u{11047}', '\u{11048}'),
    ('\u{110BE}', '\u{110C1}'),
    ('\u{11141}', '\u{11143}'),
    ('\u{111C5}', '\u{111C6}'),
    ('\u{111CD}', '\u{111CD}'),
    ('\u{111DE}', '\u{111DF}'),
    ('\u{11238}', '\u{11239}'),
    ('\u{1123B}', '\u{1123C}'),
    ('\u{112A9}', '\u{112A9}'),
    ('\u{113D4}', '\u{113D5}'),
    ('\u{1144B}', '\u{1144C}'),
    ('\u{115C2}', '\u{115C3}'),
    ('\u{115C9}', '\u{115D7}'),
    ('\u{11641}', '\u{11642}'),
    ('\u{1173C}', '\u{1173E}'),
    ('\u{11944}', '\u{11944}'),
    ('\u{11946}', '\u{11946}'),
    ('\u{11A42}', '\u{11A43}'),
    ('\u{11A9B}', '\u{11A9C}'),
    ('\u{11C41}', '\u{11C42}'),
    ('\u{11EF7}', '\u{11EF8}'),
    ('\u{11F43}', '\u{11F44}'),
    ('\u{16A6E}', '\u{16A6F}'),
    ('\u{16AF5}', '\u{16AF5}'),
    ('\u{16B37}', '\u{16B38}'),
    ('\u{16B44}', '\u{16B44}'),
    ('\u{16D6E}', '\u{16D6F}'),
    ('\u{16E98}', '\u{16E98}'),
    ('\u{1BC9F}', '\u{1BC9F}'),
    ('\u{1DA88}', '\u{1DA88}'),
];

/// Whether `c` ends a sentence by Unicode's rules (`STerm` or `ATerm`).
pub fn is_terminator(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, '.' | '!' | '?');
    }
    TERMINATORS
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// Whether a byte can start the UTF-8 encoding of a terminator (or of `…`,
/// which the rules treat as an ellipsis). The scanner skips every other byte
/// without decoding it.
#[allow(
    clippy::indexing_slicing,
    reason = "a u8 always indexes a 256-entry table"
)]
pub const fn may_start_terminator(b: u8) -> bool {
    LEAD_BYTES[b as usize]
}

#[allow(
    clippy::indexing_slicing,
    reason = "evaluated at compile time: a bad index fails the build"
)]
const LEAD_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    table[b'.' as usize] = true;
    table[b'!' as usize] = true;
    table[b'?' as usize] = true;
    let mut i = 0;
    while i < TERMINATORS.len() {
        let (lo, hi) = TERMINATORS[i];
        let mut c = lo as u32;
        while c <= hi as u32 {
            if c >= 0x80 {
                table[lead_byte(c) as usize] = true;
            }
            c += 1;
        }
        i += 1;
    }
    table[lead_byte('…' as u32) as usize] = true;
    table
};

/// Finds the first byte in `bytes` where a terminator (or `…`) may start.
/// Two-byte characters are settled on the spot with a bitmap, so Urdu and
/// Russian letters that share a lead byte with `۔` or `؟` cost no decoding.
pub fn find_candidate(bytes: &[u8]) -> Option<usize> {
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if may_start_terminator(b) {
            if !(0xC0..0xE0).contains(&b) {
                return Some(i);
            }
            let second = bytes.get(i + 1).copied().unwrap_or_default();
            let c = (u32::from(b & 0x1F) << 6) | u32::from(second & 0x3F);
            if two_byte_terminator(c) {
                return Some(i);
            }
            i += 2;
            continue;
        }
        i += 1;
    }
    None
}

/// Whether the two-byte code point `c` (U+0080..U+07FF) is a terminator.
fn two_byte_terminator(c: u32) -> bool {
    let word = TWO_BYTE.get((c >> 6) as usize).copied().unwrap_or_default();
    word & (1 << (c & 63)) != 0
}

/// Bitmap of the terminators below U+0800.
#[allow(
    clippy::indexing_slicing,
    reason = "evaluated at compile time: a bad index fails the build"
)]
const TWO_BYTE: [u64; 32] = {
    let mut map = [0u64; 32];
    let mut i = 0;
    while i < TERMINATORS.len() {
        let (lo, hi) = TERMINATORS[i];
        let mut c = lo as u32;
        while c <= hi as u32 && c < 0x800 {
            map[(c >> 6) as usize] |= 1 << (c & 63);
            c += 1;
        }
        i += 1;
    }
    map
};

/// The first byte of the UTF-8 encoding of code point `c` (`c >= 0x80`).
const fn lead_byte(c: u32) -> u8 {
    if c < 0x800 {
        0xC0 | (c >> 6) as u8
    } else if c < 0x10000 {
        0xE0 | (c >> 12) as u8
    } else {
        0xF0 | (c >> 18) as u8
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_segmentation::UnicodeSegmentation;

    #[test]
    fn table_matches_unicode_segmentation() {
        let mut text = String::new();
        for cp in 0..=0x10FFFFu32 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            if matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}') {
                continue;
            }
            text.clear();
            text.push_str("Ab");
            text.push(c);
            text.push_str(" Cd");
            let unicode = text.unicode_sentences().count() == 2;
            assert_eq!(is_terminator(c), unicode, "U+{cp:04X}");
        }
    }

    #[test]
    fn lead_bytes_cover_every_terminator() {
        for &(lo, hi) in TERMINATORS {
            for c in lo..=hi {
                let mut buf = [0; 4];
                let first = c.encode_utf8(&mut buf).as_bytes()[0];
                assert!(may_start_terminator(first), "{c:?}");
            }
        }
        assert!(may_start_terminator("…".as_bytes()[0]));
        assert!(!may_start_terminator(b'a'));
        assert!(!may_start_terminator("Ж".as_bytes()[0]));
    }

    #[test]
    fn candidates_skip_letters_that_share_a_lead_byte() {
        let text = "سینیٹر نے کہا۔ کیا؟";
        let stop = text.find('۔').unwrap();
        assert_eq!(find_candidate(text.as_bytes()), Some(stop));
        let question = text.find('؟').unwrap();
        assert_eq!(
            find_candidate(&text.as_bytes()[stop + 2..]).map(|i| i + stop + 2),
            Some(question)
        );
        assert_eq!(find_candidate("ЖжЯ".as_bytes()), None);
        assert_eq!(find_candidate("a… b".as_bytes()), Some(1));
        for c in (0x80..0x800).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let found = find_candidate(c.encode_utf8(&mut buf).as_bytes()).is_some();
            assert_eq!(found, is_terminator(c), "{c:?}");
        }
    }

    #[test]
    fn urdu_and_latin_terminators() {
        for c in ['.', '?', '!', '۔', '؟', '‼', '。'] {
            assert!(is_terminator(c), "{c}");
        }
        for c in [',', ';', ':', '…', '،', 'a', '\n'] {
            assert!(!is_terminator(c), "{c}");
        }
    }
}
