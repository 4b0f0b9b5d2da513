//! Text utilities shared by every stage: scripts of characters, matching
//! keys and word tokens.

pub mod normalize;
pub mod position;
pub mod script;

pub use script::Script;

/// The text of an XML character reference or predefined entity (`&#1063;`,
/// `&amp;`), or the message for one that cannot be resolved (entities
/// are never declared: tarjuman's readers refuse DOCTYPE entities).
pub fn resolve_reference(r: &quick_xml::events::BytesRef<'_>) -> Result<String, String> {
    match r.resolve_char_ref() {
        Ok(Some(c)) => Ok(c.to_string()),
        Ok(None) => quick_xml::escape::resolve_xml_entity(r)
            .map(str::to_owned)
            .ok_or_else(|| format!("undefined entity `&{};`", &**r)),
        Err(e) => Err(e.to_string()),
    }
}

/// Appends `text` escaped for XML element content and attribute values
/// (`&`, `<`, `>`, `"`, and carriage returns as `&#13;`). Characters XML 1.0
/// cannot hold are dropped: writers that must refuse them check first
/// ([`is_xml_char`]).
pub fn push_xml_escaped(buf: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => buf.push_str("&amp;"),
            '<' => buf.push_str("&lt;"),
            '>' => buf.push_str("&gt;"),
            '"' => buf.push_str("&quot;"),
            '\r' => buf.push_str("&#13;"),
            c if is_xml_char(c) => buf.push(c),
            _ => {}
        }
    }
}

/// Appends an attribute value escaped as [`push_xml_escaped`] does, and
/// tabs and line breaks as character references (a reader turns literal
/// ones into spaces).
pub fn push_xml_attr_escaped(buf: &mut String, value: &str) {
    for c in value.chars() {
        match c {
            '\t' => buf.push_str("&#9;"),
            '\n' => buf.push_str("&#10;"),
            c => push_xml_escaped(buf, c.encode_utf8(&mut [0; 4])),
        }
    }
}

/// Whether `c` may appear in an XML 1.0 document.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The first character of `text` that XML 1.0 does not allow, and its
/// byte offset.
///
/// In UTF-8 the only characters it refuses are the C0 controls other than
/// tab, line feed and carriage return (one byte each, below 0x20) and
/// U+FFFE and U+FFFF (`EF BF BE`, `EF BF BF`); surrogates cannot occur in a
/// `str`. So the bytes are scanned, whole chunks first without branches
/// (vectorized), and a character is decoded only to name the culprit.
pub fn first_non_xml_char(text: &str) -> Option<(usize, char)> {
    let bytes = text.as_bytes();
    let is_control = |b: u8| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r');
    let chunk = bytes
        .chunks(64)
        .position(|chunk| chunk.iter().fold(false, |bad, &b| bad | is_control(b)));
    let control = chunk.and_then(|n| {
        let start = n * 64;
        let at = bytes.get(start..)?.iter().position(|&b| is_control(b))?;
        Some(start + at)
    });
    let fffe = memchr::memmem::find(bytes, "\u{FFFE}".as_bytes());
    let ffff = memchr::memmem::find(bytes, "\u{FFFF}".as_bytes());
    let offset = [control, fffe, ffff].into_iter().flatten().min()?;
    Some((offset, text.get(offset..)?.chars().next()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_character_xml_refuses_and_where() {
        assert_eq!(first_non_xml_char("Сенат\t\r\nok"), None);
        let long = "ä".repeat(40);
        for (text, expected) in [
            (format!("{long}\u{1}x\u{FFFE}"), Some((80, '\u{1}'))),
            (format!("{long}\u{FFFF}\u{0}"), Some((80, '\u{FFFF}'))),
            (format!("a\u{FFFE}{long}\u{1F}"), Some((1, '\u{FFFE}'))),
        ] {
            assert_eq!(first_non_xml_char(&text), expected, "{text:?}");
            let (at, c) = expected.unwrap();
            assert!(!is_xml_char(c) && text[at..].starts_with(c));
        }
    }
}
