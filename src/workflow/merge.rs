//! Translated XLIFF → the translated release, in the original's shape:
//! headings, list items and paragraphs in order, a blank line between
//! blocks.

use std::path::{Path, PathBuf};

use crate::xliff::{Block, Content, Document, Part, Segment, State};

/// A segment merge found without a translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    pub unit: String,
    pub segment: String,
    pub line: usize,
    pub column: usize,
    pub source: String,
}

/// Why a merge cannot be written.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    #[error("{}", untranslated_message(.path, .missing))]
    Untranslated {
        path: PathBuf,
        missing: Vec<Missing>,
    },
}

fn untranslated_message(path: &Path, missing: &[Missing]) -> String {
    let mut message = format!(
        "{}: {} segment{} not translated (pass --allow-untranslated to use the source):",
        path.display(),
        missing.len(),
        if missing.len() == 1 { " is" } else { "s are" }
    );
    for m in missing.iter().take(20) {
        message.push_str(&format!(
            "\n  {}:{}:{}: unit {} segment {}: {}",
            path.display(),
            m.line,
            m.column,
            m.unit,
            m.segment,
            m.source
        ));
    }
    if missing.len() > 20 {
        message.push_str(&format!("\n  … and {} more", missing.len() - 20));
    }
    message
}

/// Whether a segment has a translation: a non-empty target that is not
/// just the source copied in by the export and never touched.
pub fn is_translated(segment: &Segment) -> bool {
    match &segment.target {
        None => false,
        Some(target) if target.is_empty() => false,
        Some(target) => segment.state != State::Initial || target.plain() != segment.source.plain(),
    }
}

/// The translated release of `doc` (read from `path`, for messages). With
/// `allow_untranslated`, a segment without a translation keeps its source.
pub fn merge(doc: &Document, path: &Path, allow_untranslated: bool) -> Result<String, MergeError> {
    let mut out = String::new();
    let mut missing = Vec::new();
    let mut previous: Option<(Block, Option<&str>)> = None;
    for unit in doc.files.iter().flat_map(|f| &f.units) {
        let mut text = String::new();
        for part in &unit.parts {
            match part {
                Part::Segment(segment) => {
                    if !unit.translate {
                        // Not for translation: the source stands.
                        text.push_str(&segment.source.plain());
                    } else if is_translated(segment) {
                        push_plain(&mut text, segment.target.as_ref());
                    } else {
                        if !allow_untranslated {
                            missing.push(Missing {
                                unit: unit.id.clone(),
                                segment: segment.id.clone(),
                                line: segment.line,
                                column: segment.column,
                                source: segment.source.plain(),
                            });
                        }
                        text.push_str(&segment.source.plain());
                    }
                }
                Part::Ignorable { source, target } => {
                    push_plain(&mut text, target.as_ref().or(Some(source)));
                }
            }
        }
        let block = unit.block().unwrap_or(Block::Paragraph);
        let marker = unit.name.as_deref();
        if let Some((before, before_marker)) = previous {
            // Items of one list stay together; every other block gets a
            // blank line.
            let tight = block == Block::ListItem
                && before == Block::ListItem
                && same_list(marker, before_marker);
            out.push_str(if tight { "\n" } else { "\n\n" });
        }
        match block {
            Block::Heading(level) => {
                out.extend(std::iter::repeat_n('#', usize::from(level)));
                out.push(' ');
            }
            Block::ListItem => {
                out.push_str(unit.name.as_deref().unwrap_or("-"));
                out.push(' ');
            }
            Block::Paragraph => {}
        }
        out.push_str(text.trim());
        previous = Some((block, marker));
    }
    if !missing.is_empty() {
        return Err(MergeError::Untranslated {
            path: path.to_owned(),
            missing,
        });
    }
    if !out.is_empty() {
        out.push('\n');
    }
    Ok(out)
}

/// Whether two list markers belong to one list: both numbered, or the
/// same bullet.
fn same_list(a: Option<&str>, b: Option<&str>) -> bool {
    let numbered =
        |m: &str| m.starts_with(|c: char| c.is_ascii_digit() || ('۰'..='۹').contains(&c));
    match (a, b) {
        (Some(a), Some(b)) => numbered(a) && numbered(b) || a == b,
        _ => false,
    }
}

fn push_plain(out: &mut String, content: Option<&Content>) {
    if let Some(content) = content {
        out.push_str(&content.plain());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xliff::{File, Unit};

    fn segment(id: &str, source: &str, target: Option<&str>, state: State) -> Part {
        Part::Segment(Segment {
            id: id.into(),
            source: Content::text(source),
            target: target.map(Content::text),
            state,
            line: 7,
            column: 3,
            ..Segment::default()
        })
    }

    fn unit(id: &str, kind: &str, name: Option<&str>, parts: Vec<Part>) -> Unit {
        Unit {
            id: id.into(),
            kind: Some(kind.into()),
            name: name.map(Into::into),
            translate: true,
            parts,
            ..Unit::default()
        }
    }

    fn doc(units: Vec<Unit>) -> Document {
        Document {
            files: vec![File {
                units,
                ..File::default()
            }],
            ..Document::default()
        }
    }

    #[test]
    fn blocks_come_back_in_shape() {
        let d = doc(vec![
            unit(
                "h",
                "x-heading-2",
                None,
                vec![segment(
                    "s1",
                    "Talks",
                    Some("Переговоры"),
                    State::Translated,
                )],
            ),
            unit(
                "p",
                "tj:paragraph",
                None,
                vec![
                    segment("s1", "One.", Some("Один."), State::Translated),
                    Part::Ignorable {
                        source: Content::text(" "),
                        target: None,
                    },
                    segment("s2", "Two.", Some("Два."), State::Final),
                ],
            ),
            unit(
                "l1",
                "x-list-item",
                Some("1."),
                vec![segment("s1", "Trade", Some("Торговля"), State::Translated)],
            ),
            unit(
                "l2",
                "x-list-item",
                Some("2."),
                vec![segment(
                    "s1",
                    "Energy",
                    Some("Энергетика"),
                    State::Translated,
                )],
            ),
            unit(
                "q",
                "x-paragraph",
                None,
                vec![segment("s1", "End.", Some("Конец."), State::Translated)],
            ),
        ]);
        assert_eq!(
            merge(&d, Path::new("a.xlf"), false).unwrap(),
            "## Переговоры\n\nОдин. Два.\n\n1. Торговля\n2. Энергетика\n\nКонец.\n"
        );
    }

    #[test]
    fn a_copied_source_never_touched_is_untranslated() {
        let d = doc(vec![unit(
            "p1",
            "x-paragraph",
            None,
            vec![
                segment("s1", "One.", Some("One."), State::Initial),
                Part::Ignorable {
                    source: Content::text(" "),
                    target: None,
                },
                segment("s2", "BRICS", Some("BRICS"), State::Translated),
            ],
        )]);
        let err = merge(&d, Path::new("a.xlf"), false).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.xlf: 1 segment is not translated (pass --allow-untranslated to use the source):\n  a.xlf:7:3: unit p1 segment s1: One."
        );
        assert_eq!(merge(&d, Path::new("a.xlf"), true).unwrap(), "One. BRICS\n");
    }
}
