//! From a position in a segment's text to a position in its file.
//!
//! Readers give the text of a segment (entities resolved, inline codes
//! taken out) and where its element starts. To underline the very
//! characters a finding is about, the file's raw XML is walked again from
//! that start tag: tags are stepped over, the content of native-code
//! elements (`bpt`, `ept`, `ph`, `it`, `ut`) skipped, entities and CDATA
//! decoded, and each character of text paired with its raw bytes. The walk
//! checks every character against the text, so a file that does not say
//! what the reader said gives no position (the caller then points at the
//! element) rather than a wrong one.

use std::ops::Range;

use super::input::Text;
use crate::xliff::CodeKind;

/// Elements whose content is native code, not text.
const NATIVE: [&str; 5] = ["bpt", "ept", "ph", "it", "ut"];

/// What the walk meets in an element's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Piece<'a> {
    /// A character of text and its bytes in the file.
    Char(char, Range<usize>),
    /// An inline element: its local name, whether it opens, closes or
    /// stands alone, and the raw start tag (for its attributes).
    Tag {
        name: &'a str,
        kind: CodeKind,
        tag: &'a str,
    },
}

/// The byte range in `file` of bytes `span` of `text`'s text.
pub(super) fn span(file: &str, text: &Text, span: Range<usize>) -> Option<Range<usize>> {
    let at = text.at?;
    let mut t = 0;
    let mut start = (span.start == 0).then_some(None);
    let mut found: Option<Range<usize>> = None;
    let mut last_end = None;
    walk(file, at, |piece| {
        let Piece::Char(c, raw) = piece else {
            return true;
        };
        if !text.text.get(t..).is_some_and(|rest| rest.starts_with(c)) {
            last_end = None;
            start = None;
            return false;
        }
        if t == span.start {
            start = Some(Some(raw.start));
        }
        t += c.len_utf8();
        last_end = Some(raw.end);
        if t == span.end
            && let Some(Some(s)) = start
        {
            found = Some(s..raw.end);
            return false;
        }
        true
    });
    if let Some(found) = found {
        return Some(found);
    }
    // An empty span, at the start or at the end of the text.
    if span.is_empty() {
        if span.start == 0 {
            let start = content_start(file, at)?;
            return Some(start..start);
        }
        if t == span.start {
            return last_end.map(|end| end..end);
        }
    }
    None
}

/// Where the content of the element whose start tag is at `at` begins.
fn content_start(file: &str, at: usize) -> Option<usize> {
    let rest = file.get(at..)?;
    if !rest.starts_with('<') {
        return None;
    }
    let end = tag_end(rest)?;
    Some(at + end)
}

/// The length of the tag at the start of `s` (up to and with its `>`),
/// minding quoted attribute values.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, b) in s.bytes().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if q == b => quote = None,
            (None, b'>') => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// The local name of the tag `tag` (`<mq:ph a="1">` → `ph`).
fn local_name(tag: &str) -> &str {
    let name = tag.trim_start_matches(['<', '/']);
    let end = name
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .unwrap_or(name.len());
    let name = name.get(..end).unwrap_or_default();
    name.rsplit(':').next().unwrap_or(name)
}

/// Walks the content of the element whose start tag is at `at` in `file`,
/// calling `each` on every piece until it returns `false` or the element
/// ends.
pub(super) fn walk<'a>(file: &'a str, at: usize, mut each: impl FnMut(Piece<'a>) -> bool) {
    let Some(start) = content_start(file, at) else {
        return;
    };
    if file.get(..start).is_some_and(|s| s.ends_with("/>")) {
        return;
    }
    let mut i = start;
    let mut depth = 0usize;
    while let Some(rest) = file.get(i..) {
        let Some(c) = rest.chars().next() else {
            return;
        };
        if c == '<' {
            if let Some(body) = rest.strip_prefix("<![CDATA[") {
                let Some(len) = body.find("]]>") else { return };
                let from = i + "<![CDATA[".len();
                for (k, c) in body.get(..len).unwrap_or_default().char_indices() {
                    if !each(Piece::Char(c, from + k..from + k + c.len_utf8())) {
                        return;
                    }
                }
                i = from + len + "]]>".len();
                continue;
            }
            let skip = if rest.starts_with("<!--") {
                rest.find("-->").map(|e| e + 3)
            } else if rest.starts_with("<?") {
                rest.find("?>").map(|e| e + 2)
            } else {
                None
            };
            if let Some(skip) = skip {
                i += skip;
                continue;
            }
            let Some(len) = tag_end(rest) else { return };
            let tag = rest.get(..len).unwrap_or_default();
            let name = local_name(tag);
            let kind = if tag.starts_with("</") {
                CodeKind::Close
            } else if tag.ends_with("/>") {
                CodeKind::Standalone
            } else {
                CodeKind::Open
            };
            i += len;
            match kind {
                CodeKind::Close if depth == 0 => return,
                CodeKind::Close => depth -= 1,
                CodeKind::Open if NATIVE.contains(&name) => {
                    i = native_end(file, i, name);
                }
                CodeKind::Open => depth += 1,
                CodeKind::Standalone => {}
            }
            if !each(Piece::Tag { name, kind, tag }) {
                return;
            }
            continue;
        }
        let (decoded, len) = if c == '&' {
            match rest
                .find(';')
                .and_then(|e| Some((entity(rest.get(1..e)?)?, e + 1)))
            {
                Some(found) => found,
                None => return,
            }
        } else if rest.starts_with("\r\n") {
            ('\n', 2)
        } else if c == '\r' {
            ('\n', 1)
        } else {
            (c, c.len_utf8())
        };
        if !each(Piece::Char(decoded, i..i + len)) {
            return;
        }
        i += len;
    }
}

/// The offset just after the end tag of the native-code element `name`
/// whose content starts at `from` (nested ones of the same name counted).
fn native_end(file: &str, from: usize, name: &str) -> usize {
    let mut depth = 0usize;
    let mut i = from;
    while let Some(rest) = file.get(i..) {
        let Some(lt) = rest.find('<') else {
            return file.len();
        };
        let Some(tail) = rest.get(lt..) else {
            return file.len();
        };
        let Some(len) = tag_end(tail) else {
            return file.len();
        };
        let tag = tail.get(..len).unwrap_or_default();
        i += lt + len;
        if local_name(tag) != name {
            continue;
        }
        if tag.starts_with("</") {
            if depth == 0 {
                return i;
            }
            depth -= 1;
        } else if !tag.ends_with("/>") {
            depth += 1;
        }
    }
    file.len()
}

/// The character an entity reference (without `&` and `;`) stands for.
fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let number = name.strip_prefix('#')?;
            let value = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(value)
        }
    }
}

/// The value of attribute `name` in the raw start tag `tag`.
pub(super) fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = tag;
    while let Some(i) = rest.find(name) {
        let before = rest.get(..i).and_then(|b| b.chars().last());
        let after = rest.get(i + name.len()..)?;
        rest = after;
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let Some(value) = after.trim_start().strip_prefix('=') else {
            continue;
        };
        let value = value.trim_start();
        let quote = value.chars().next()?;
        if quote != '"' && quote != '\'' {
            continue;
        }
        let value = value.get(1..)?;
        return value.find(quote).and_then(|end| value.get(..end));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(file: &str, element: &str, text: &str) -> Text {
        let mut t = Text::plain("ru", text);
        t.at = file.find(element);
        t
    }

    fn placed<'a>(file: &'a str, t: &Text, what: &str) -> &'a str {
        let start = t.text.find(what).unwrap();
        let range = span(file, t, start..start + what.len()).unwrap();
        &file[range]
    }

    #[test]
    fn entities_codes_and_line_breaks_are_walked_over() {
        let file = "<unit><target state=\"a>b\">Чижов &amp; <bpt id=\"1\">&lt;b&gt;</bpt>Хорев&#x44B;<ept id=\"1\">&lt;/b&gt;</ept>\r\nи <g id=\"2\">ШОС</g>.</target></unit>";
        let t = text(file, "<target", "Чижов & Хоревы\nи ШОС.");
        assert_eq!(placed(file, &t, "&"), "&amp;");
        assert_eq!(placed(file, &t, "Хоревы"), "Хорев&#x44B;");
        assert_eq!(
            placed(file, &t, "ы\nи"),
            "&#x44B;<ept id=\"1\">&lt;/b&gt;</ept>\r\nи"
        );
        assert_eq!(placed(file, &t, "ШОС."), "ШОС</g>.");
        let end = t.text.len();
        let at_end = span(file, &t, end..end).unwrap();
        assert_eq!(&file[at_end.start..], "</target></unit>");
        let at_start = span(file, &t, 0..0).unwrap();
        assert!(file[at_start.start..].starts_with("Чижов"));
    }

    #[test]
    fn cdata_and_comments() {
        let file = "<seg><!-- x --><![CDATA[a<b]]> c</seg>";
        let t = text(file, "<seg", "a<b c");
        assert_eq!(placed(file, &t, "<b c"), "<b]]> c");
    }

    #[test]
    fn a_file_that_disagrees_gives_no_position() {
        let file = "<target>Чижов</target>";
        let t = text(file, "<target", "Хорев");
        assert_eq!(span(file, &t, 0..2), None);
        let longer = text(file, "<target", "Чижов и");
        assert_eq!(span(file, &longer, 0..longer.text.len()), None);
    }

    #[test]
    fn tags_are_reported_with_their_attributes() {
        let file = r#"<seg>a<bpt i="1" x='2'>&lt;b></bpt>b<ph x="3"/></seg>"#;
        let mut tags = Vec::new();
        walk(file, 0, |piece| {
            if let Piece::Tag { name, kind, tag } = piece {
                tags.push((name, kind, attr(tag, "i").or(attr(tag, "x"))));
            }
            true
        });
        assert_eq!(
            tags,
            [
                ("bpt", CodeKind::Open, Some("1")),
                ("ph", CodeKind::Standalone, Some("3"))
            ]
        );
    }
}
