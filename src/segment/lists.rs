//! Lists written inline in one block: `1.) First 2.) Second`, `a. One b.
//! Two`, `• One • Two`.
//!
//! A block that starts with a list marker is searched for the markers that
//! follow it in sequence (2 after 1, b after a, any bullet after a bullet);
//! each starts a new sentence even without a terminator before it. The
//! periods inside the markers (`1.`, `a.`) are not sentence ends.
//! Markdown bullets (`-`, `*`, `+`) are left alone here: Markdown puts each
//! item on its own line, and the block reader already splits on those.

/// Extra breaks before list items, and marker periods that do not end
/// sentences, as byte offsets into the block (both sorted).
#[derive(Debug, Default)]
pub struct Lists {
    pub breaks: Vec<usize>,
    pub suppressed: Vec<usize>,
}

/// The style of a list marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// `•`, `⁃`, `◦`, `▪`, `‣`, optionally followed by a number marker.
    Bullet(char),
    /// `1.`, `1)`, `1.)`, with the number.
    Number(u32, Delimiter),
    /// `a.`, `a)`, `A)`, with the letter.
    Letter(char, Delimiter),
    /// Urdu lists counted in abjad order: `الف۔`, `ب۔`, `ج۔`, with the
    /// letter's place in [`ABJAD`].
    Abjad(usize, Delimiter),
    /// A Markdown bullet: only its own line.
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Delimiter {
    Period,
    Paren,
    PeriodParen,
}

/// A marker found at some offset: its style, where its text ends, and the
/// offset of its period if it has one.
#[derive(Debug, Clone, Copy)]
struct Marker {
    style: Style,
    end: usize,
    period: Option<usize>,
}

/// Finds the inline list of `block`, if it starts with a marker.
pub fn detect(block: &str) -> Lists {
    let mut lists = Lists::default();
    let lead = block.len() - block.trim_start().len();
    let Some(first) = marker_at(block, lead) else {
        return lists;
    };
    lists.suppressed.extend(first.period);
    let mut expected = first.style;
    let mut from = first.end;
    while let Some(wanted) = successor(expected) {
        let Some((at, marker)) = find_marker(block, from, wanted) else {
            break;
        };
        lists.breaks.push(at);
        lists.suppressed.extend(marker.period);
        expected = marker.style;
        from = marker.end;
    }
    lists
}

/// The marker style expected after `style`, or `None` if lists of this
/// style are not searched inline.
fn successor(style: Style) -> Option<Style> {
    match style {
        Style::Bullet(c) => Some(Style::Bullet(c)),
        Style::Number(n, d) => Some(Style::Number(n.checked_add(1)?, d)),
        Style::Letter(c, d) => {
            let next = char::from_u32(c as u32 + 1).filter(|n| n.is_ascii_alphabetic())?;
            Some(Style::Letter(next, d))
        }
        Style::Abjad(n, d) => (n + 1 < ABJAD.len()).then_some(Style::Abjad(n + 1, d)),
        Style::Markdown => None,
    }
}

/// The letters Urdu counts list items with, in order.
const ABJAD: [&str; 7] = ["الف", "ب", "ج", "د", "ہ", "و", "ز"];

/// Finds the next marker of style `wanted` after `from`, preceded by
/// whitespace.
fn find_marker(block: &str, from: usize, wanted: Style) -> Option<(usize, Marker)> {
    let rest = block.get(from..)?;
    for (i, c) in rest.char_indices() {
        if !c.is_whitespace() {
            continue;
        }
        let at = from + i + c.len_utf8();
        if let Some(marker) = marker_at(block, at)
            && same_item(marker.style, wanted)
        {
            return Some((at, marker));
        }
    }
    None
}

fn same_item(found: Style, wanted: Style) -> bool {
    match (found, wanted) {
        (Style::Bullet(a), Style::Bullet(b)) => a == b,
        _ => found == wanted,
    }
}

/// Parses a list marker starting at byte `at` of `block`.
fn marker_at(block: &str, at: usize) -> Option<Marker> {
    let rest = block.get(at..)?;
    let first = rest.chars().next()?;
    if matches!(first, '•' | '⁃' | '◦' | '▪' | '‣') {
        let after = at + first.len_utf8();
        let spaces = block.get(after..)?;
        let skip = spaces.len() - spaces.trim_start().len();
        let period = marker_at(block, after + skip).and_then(|inner| match inner.style {
            Style::Number(..) | Style::Letter(..) => inner.period,
            _ => None,
        });
        return Some(Marker {
            style: Style::Bullet(first),
            end: after,
            period,
        });
    }
    if matches!(first, '-' | '*' | '+') {
        return rest
            .get(1..)
            .filter(|tail| tail.starts_with(' '))
            .map(|_| Marker {
                style: Style::Markdown,
                end: at + 1,
                period: None,
            });
    }
    let (number, digits) = leading_number(rest);
    if (1..=3).contains(&digits) {
        let len = rest
            .char_indices()
            .nth(digits)
            .map_or(rest.len(), |(i, _)| i);
        let (delimiter, delimiter_len) = delimiter(rest.get(len..)?)?;
        let period = (delimiter != Delimiter::Paren).then_some(at + len);
        let end = at + len + delimiter_len;
        return Some(Marker {
            style: Style::Number(number, delimiter),
            end,
            period,
        });
    }
    if let Some((n, letter)) = ABJAD
        .iter()
        .enumerate()
        .find(|(_, l)| rest.starts_with(**l))
    {
        let (delimiter, len) = delimiter(rest.get(letter.len()..)?)?;
        let period = (delimiter != Delimiter::Paren).then_some(at + letter.len());
        return Some(Marker {
            style: Style::Abjad(n, delimiter),
            end: at + letter.len() + len,
            period,
        });
    }
    if first.is_ascii_alphabetic() {
        let (delimiter, len) = delimiter(rest.get(1..)?)?;
        // `A.` is an initial far more often than a list item: capitals
        // count only with a parenthesis.
        if first.is_ascii_uppercase() && delimiter != Delimiter::Paren {
            return None;
        }
        let period = (delimiter != Delimiter::Paren).then_some(at + 1);
        return Some(Marker {
            style: Style::Letter(first, delimiter),
            end: at + 1 + len,
            period,
        });
    }
    None
}

/// The value and digit count of the number `text` starts with, in ASCII,
/// Urdu (۱۲) or Arabic-Indic (١٢) digits.
fn leading_number(text: &str) -> (u32, usize) {
    let mut value: u32 = 0;
    let mut count = 0;
    for c in text.chars() {
        let digit = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '۰'..='۹' => c as u32 - '۰' as u32,
            '٠'..='٩' => c as u32 - '٠' as u32,
            _ => break,
        };
        value = value.saturating_mul(10).saturating_add(digit);
        count += 1;
    }
    (value, count)
}

/// The delimiter after a list number or letter, which must be followed by
/// whitespace, and its length.
fn delimiter(rest: &str) -> Option<(Delimiter, usize)> {
    let (delimiter, len) = if rest.starts_with(".)") {
        (Delimiter::PeriodParen, 2)
    } else if rest.starts_with('.') {
        (Delimiter::Period, 1)
    } else if rest.starts_with('۔') {
        (Delimiter::Period, '۔'.len_utf8())
    } else if rest.starts_with(')') {
        (Delimiter::Paren, 1)
    } else {
        return None;
    };
    rest.get(len..)?
        .starts_with(char::is_whitespace)
        .then_some((delimiter, len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_inline_list() {
        let text = "1.) First item 2.) Second item 3.) Third";
        let lists = detect(text);
        assert_eq!(lists.breaks, [15, 31]);
        assert_eq!(lists.suppressed, [1, 16, 32]);
    }

    #[test]
    fn sequence_must_continue() {
        // `5.` does not follow `1.`.
        let lists = detect("1. We met at 10 a.m. and left at 5. It rained.");
        assert!(lists.breaks.is_empty());
        assert_eq!(lists.suppressed, [1]);
    }

    #[test]
    fn no_list_without_a_leading_marker() {
        let lists = detect("The talks covered 1. trade 2. energy");
        assert!(lists.breaks.is_empty() && lists.suppressed.is_empty());
        assert!(
            detect("A. P. Khorev arrived. B. Smith left.")
                .breaks
                .is_empty()
        );
    }

    #[test]
    fn bullets_with_numbers() {
        let text = "• 9. One • 10. Two";
        let lists = detect(text);
        assert_eq!(lists.breaks, [text.find("• 10").unwrap()]);
        assert_eq!(lists.suppressed.len(), 2);
    }

    #[test]
    fn urdu_numbered_list() {
        let text = "۱۔ ویزا۔ ۲۔ پروازیں۔";
        let lists = detect(text);
        assert_eq!(lists.breaks, [text.find("۲").unwrap()]);
        assert_eq!(
            lists.suppressed,
            [text.find("۔").unwrap(), text.find("۲").unwrap() + 2]
        );
    }

    #[test]
    fn urdu_abjad_list() {
        let text = "الف۔ ویزا۔ ب۔ پروازیں۔ ج۔ طلبہ۔";
        let lists = detect(text);
        assert_eq!(
            lists.breaks,
            [text.find("ب۔").unwrap(), text.find("ج۔").unwrap()]
        );
        assert_eq!(lists.suppressed.len(), 3);
        assert!(
            detect("بات چیت ہوئی۔ ب۔ نہیں").breaks.is_empty(),
            "must start with الف"
        );
    }

    #[test]
    fn markdown_bullets_are_not_searched_inline() {
        let lists = detect("- Trade - and energy");
        assert!(lists.breaks.is_empty());
    }
}
