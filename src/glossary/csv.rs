//! CSV and TSV glossaries: what translators exchange most.
//!
//! **Header form** (read and written). The first row names the columns:
//!
//! - a language tag (`en`, `ur`, `ru`, `ur-PK`): a term in that language;
//! - `LANG:status`, `LANG:note`, `LANG:pos`, `LANG:match` (`exact`, `stem`,
//!   `default`), `LANG:forms` (`|`-separated): that term's properties;
//! - `id`, `kind`, `subject`, `note`: the concept's id, kind, subject field
//!   and note;
//! - `status`: the status of every term of the row that has no
//!   `LANG:status` of its own (empty: `preferred`).
//!
//! Column names are case-insensitive; `id`, `kind`, `note`, … are never
//! read as language tags. A row is part of a concept: every non-empty
//! language cell is one of its terms. Rows with the same `id` are one
//! concept (its terms in row order, grouped by language), so the short
//! form (one row per concept, `en,ur,ru`) and the long form (one term per
//! row, `id` repeated) are the same format. Concept cells may be left empty
//! in later rows of a concept; a different value is an error. Rows without
//! an id are concepts of their own, named `c<N>` by their position (`c3`).
//!
//! tarjuman writes the long form: a header with only the columns the
//! glossary uses (`LANG:status` always), then per concept one row with the
//! concept's cells and the first term of each language, then one row per
//! further term with only `id` and that term's cells. Nothing of the model
//! but file positions is lost, so TBX → CSV → TBX gives the same TBX.
//!
//! **OmegaT form** (read, `.tsv`/`.txt` only): no header, tab-separated
//! source term, target term and comment, `#` lines ignored. The file has no
//! language tags, so its name must carry them: `glossary.en-ru.txt`. Each
//! line is a concept with two preferred terms; the comment is its note.
//!
//! Fields follow RFC 4180: quoted with `"` when they hold the delimiter, a
//! quote (doubled) or a line break. Input is UTF-8 with or without a BOM
//! (or UTF-16 with a BOM) and CRLF or LF line ends; output is UTF-8 without
//! a BOM and LF line ends. `.csv` is comma-separated, `.tsv` and `.txt` are
//! tab-separated. This small reader keeps every field's line and column for
//! error messages, which is why it is not the `csv` crate.

use std::path::Path;

use rustc_hash::FxHashMap;

use super::{
    Concept, Glossary, GlossaryError, Kind, LineCounter, Matching, Status, Term, UnknownStatus,
    concept_ids, decode,
};

/// One field and where its text starts.
#[derive(Debug, Clone)]
struct Field {
    text: String,
    line: usize,
    column: usize,
}

/// Reads a CSV (`delimiter` `,`) or TSV (`\t`) glossary; `path` is for
/// errors and, for the headerless OmegaT form, its languages.
pub fn read(bytes: &[u8], path: &Path, delimiter: u8) -> Result<Glossary, GlossaryError> {
    let text = decode(bytes, path)?;
    parse_with(&text, path, delimiter, None)
}

/// Reads decoded CSV or TSV text; with `unknown`, an unknown status is
/// recorded there (its terms become admitted) instead of being an error.
pub(crate) fn parse_with(
    text: &str,
    path: &Path,
    delimiter: u8,
    mut unknown: Option<&mut Vec<UnknownStatus>>,
) -> Result<Glossary, GlossaryError> {
    let delimiter = char::from(delimiter);
    if delimiter == '\t'
        && let Some((source, target)) = language_pair(path)
    {
        // Headerless unless the first line is a header; OmegaT files are
        // not quoted, so a stray quote must not make this an error.
        let first = text.lines().next().unwrap_or_default();
        if let Ok(records) = records(first, path, delimiter)
            && records
                .first()
                .is_some_and(|h| Header::parse(h, path).is_ok())
        {
        } else {
            return Ok(read_omegat(text, &source, &target));
        }
    }
    let records = records(text, path, delimiter)?;
    read_records(records, path, &mut unknown)
}

/// A status cell's value; an unknown one is an error, or, when reading
/// leniently, recorded in `unknown` for the concept at `concept` and read
/// as admitted.
fn status(
    field: &Field,
    concept: usize,
    path: &Path,
    unknown: &mut Option<&mut Vec<UnknownStatus>>,
) -> Result<Status, GlossaryError> {
    match (field.text.parse::<Status>(), unknown) {
        (Ok(status), _) => Ok(status),
        (Err(_), Some(unknown)) => {
            unknown.push(UnknownStatus {
                value: field.text.trim().to_owned(),
                concept,
                line: field.line,
                column: field.column,
            });
            Ok(Status::Admitted)
        }
        (Err(e), None) => Err(GlossaryError::Invalid {
            path: path.to_owned(),
            line: field.line,
            column: field.column,
            message: e.to_string(),
        }),
    }
}

/// The language pair in a file name like `glossary.en-ru.txt`.
fn language_pair(path: &Path) -> Option<(String, String)> {
    let stem = Path::new(path.file_stem()?);
    let pair = stem.extension()?.to_str()?;
    let (source, target) = pair.split_once('-')?;
    let ok =
        |tag: &str| (2..=3).contains(&tag.len()) && tag.chars().all(|c| c.is_ascii_alphabetic());
    (ok(source) && ok(target)).then(|| (source.to_owned(), target.to_owned()))
}

/// The OmegaT form: `source<TAB>target<TAB>comment`, no quoting.
fn read_omegat(text: &str, source: &str, target: &str) -> Glossary {
    let mut glossary = Glossary::default();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut cells = line.split('\t');
        let mut concept = Concept {
            line: n + 1,
            ..Concept::default()
        };
        let mut column = 1;
        for lang in [source, target] {
            let cell = cells.next().unwrap_or_default();
            if !cell.trim().is_empty() {
                concept
                    .terms
                    .push(new_term(lang, cell, Status::Preferred, n + 1, column));
            }
            column += cell.chars().count() + 1;
        }
        if let Some(comment) = cells.next().filter(|c| !c.trim().is_empty()) {
            concept.note = Some(comment.to_owned());
        }
        if !concept.terms.is_empty() {
            glossary.concepts.push(concept);
        }
    }
    assign_ids(&mut glossary);
    glossary
}

fn new_term(lang: &str, text: &str, status: Status, line: usize, column: usize) -> Term {
    Term {
        lang: lang.to_owned(),
        text: text.to_owned(),
        status,
        part_of_speech: None,
        matching: Matching::Default,
        note: None,
        line,
        column,
    }
}

/// Splits the text into records of fields (RFC 4180).
fn records(text: &str, path: &Path, delimiter: char) -> Result<Vec<Vec<Field>>, GlossaryError> {
    let mut lines = LineCounter::new(text);
    // Lines end with LF or CRLF: a CR alone (old Mac line ends, or a stray
    // one) would end a record without ending a line.
    if let Some(at) = text
        .match_indices('\r')
        .map(|(at, _)| at)
        .find(|&at| text.as_bytes().get(at + 1) != Some(&b'\n'))
    {
        let (line, column) = lines.pos(at);
        return Err(GlossaryError::Syntax {
            path: path.to_owned(),
            line,
            column,
            message: crate::text::position::LONE_CR.to_owned(),
        });
    }
    // A control character is no part of a term, and TBX could not hold it.
    if let Some((at, c)) = crate::text::first_non_xml_char(text) {
        let (line, column) = lines.pos(at);
        return Err(GlossaryError::Syntax {
            path: path.to_owned(),
            line,
            column,
            message: format!(
                "character U+{:04X} is not allowed in a glossary (XML, and so TBX, cannot \
                 hold it)",
                u32::from(c)
            ),
        });
    }
    let mut records = Vec::new();
    let mut record: Vec<Field> = Vec::new();
    let mut chars = text.char_indices().peekable();
    // One field per turn.
    while let Some(&(start, first)) = chars.peek() {
        let mut field = String::new();
        let (line, column);
        if first == '"' {
            chars.next();
            (line, column) = lines.pos(start + 1);
            let mut closed = false;
            while let Some((_, c)) = chars.next() {
                if c == '"' {
                    if chars.peek().is_some_and(|&(_, c)| c == '"') {
                        chars.next();
                        field.push('"');
                    } else {
                        closed = true;
                        break;
                    }
                } else {
                    field.push(c);
                }
            }
            if !closed {
                let (line, column) = lines.pos(start);
                return Err(GlossaryError::Syntax {
                    path: path.to_owned(),
                    line,
                    column,
                    message: "quoted field is not closed".to_owned(),
                });
            }
            if let Some(&(i, c)) = chars.peek()
                && c != delimiter
                && c != '\n'
                && c != '\r'
            {
                let (line, column) = lines.pos(i);
                return Err(GlossaryError::Syntax {
                    path: path.to_owned(),
                    line,
                    column,
                    message: format!(
                        "`{c}` after a closing quote (a quote inside a quoted field is written `\"\"`)"
                    ),
                });
            }
        } else {
            (line, column) = lines.pos(start);
            while let Some(&(_, c)) = chars.peek() {
                if c == delimiter || c == '\n' || c == '\r' {
                    break;
                }
                field.push(c);
                chars.next();
            }
        }
        record.push(Field {
            text: field,
            line,
            column,
        });
        match chars.next() {
            Some((_, c)) if c == delimiter => {}
            Some((_, '\r')) => {
                if chars.peek().is_some_and(|&(_, c)| c == '\n') {
                    chars.next();
                }
                records.push(std::mem::take(&mut record));
            }
            Some(_) => records.push(std::mem::take(&mut record)),
            None => break,
        }
    }
    if !record.is_empty() {
        records.push(record);
    }
    // Blank lines are no records.
    records.retain(|r| !(r.len() == 1 && r.iter().all(|f| f.text.is_empty())));
    Ok(records)
}

/// What a column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Column {
    Id,
    Kind,
    Subject,
    Note,
    Status,
    Term(String),
    TermStatus(String),
    TermNote(String),
    TermPos(String),
    TermMatch(String),
    TermForms(String),
}

#[derive(Debug)]
struct Header {
    columns: Vec<Column>,
    /// The term columns' languages, in column order.
    langs: Vec<String>,
}

impl Header {
    fn parse(record: &[Field], path: &Path) -> Result<Header, GlossaryError> {
        let invalid = |field: &Field, message: String| GlossaryError::Invalid {
            path: path.to_owned(),
            line: field.line,
            column: field.column,
            message,
        };
        let mut columns = Vec::new();
        let mut langs = Vec::new();
        for field in record {
            let name = field.text.trim();
            let lower = name.to_ascii_lowercase();
            let column = match lower.as_str() {
                "id" => Column::Id,
                "kind" => Column::Kind,
                "subject" => Column::Subject,
                "note" => Column::Note,
                "status" => Column::Status,
                _ => match name.split_once(':') {
                    None if is_language(name) => {
                        langs.push(name.to_owned());
                        Column::Term(name.to_owned())
                    }
                    Some((lang, property)) if is_language(lang) => {
                        let lang = lang.to_owned();
                        match property.to_ascii_lowercase().as_str() {
                            "status" => Column::TermStatus(lang),
                            "note" => Column::TermNote(lang),
                            "pos" => Column::TermPos(lang),
                            "match" => Column::TermMatch(lang),
                            "forms" => Column::TermForms(lang),
                            _ => {
                                return Err(invalid(
                                    field,
                                    format!(
                                        "unknown column `{name}` (a language's columns are \
                                         LANG:status, LANG:note, LANG:pos, LANG:match, LANG:forms)"
                                    ),
                                ));
                            }
                        }
                    }
                    _ => {
                        return Err(invalid(
                            field,
                            format!(
                                "unknown column `{name}`: expected a language tag (en, ur, ru), \
                                 LANG:status, LANG:note, LANG:pos, LANG:match, LANG:forms, \
                                 id, kind, subject, note or status"
                            ),
                        ));
                    }
                },
            };
            if columns.contains(&column) {
                return Err(invalid(field, format!("column `{name}` appears twice")));
            }
            columns.push(column);
        }
        for (column, field) in columns.iter().zip(record) {
            let lang = match column {
                Column::TermStatus(l)
                | Column::TermNote(l)
                | Column::TermPos(l)
                | Column::TermMatch(l)
                | Column::TermForms(l) => l,
                _ => continue,
            };
            if !langs.contains(lang) {
                return Err(invalid(
                    field,
                    format!("column `{}` without a `{lang}` column", field.text.trim()),
                ));
            }
        }
        if langs.is_empty() {
            let first = record.first().cloned().unwrap_or(Field {
                text: String::new(),
                line: 1,
                column: 1,
            });
            return Err(invalid(
                &first,
                "the header names no language column (like `en,ur,ru`)".to_owned(),
            ));
        }
        Ok(Header { columns, langs })
    }
}

/// A language tag as a column name: a 2–3 letter primary subtag, then
/// optional `-` subtags.
fn is_language(name: &str) -> bool {
    let mut parts = name.split('-');
    parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()))
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// One term's cells in a row.
#[derive(Debug, Default)]
struct TermCells<'a> {
    text: Option<&'a Field>,
    status: Option<&'a Field>,
    note: Option<&'a Field>,
    pos: Option<&'a Field>,
    matching: Option<&'a Field>,
    forms: Option<&'a Field>,
}

fn read_records(
    records: Vec<Vec<Field>>,
    path: &Path,
    unknown: &mut Option<&mut Vec<UnknownStatus>>,
) -> Result<Glossary, GlossaryError> {
    let invalid = |field: &Field, message: String| GlossaryError::Invalid {
        path: path.to_owned(),
        line: field.line,
        column: field.column,
        message,
    };
    let mut records = records.into_iter();
    let Some(header) = records.next() else {
        return Err(GlossaryError::Invalid {
            path: path.to_owned(),
            line: 1,
            column: 1,
            message: "empty file: expected a header row of language codes (like `en,ur,ru`)"
                .to_owned(),
        });
    };
    let header = Header::parse(&header, path)?;
    let mut glossary = Glossary::default();
    let mut by_id: FxHashMap<String, usize> = FxHashMap::default();
    for row in records {
        if let Some(extra) = row
            .get(header.columns.len()..)
            .and_then(|extra| extra.iter().find(|f| !f.text.trim().is_empty()))
        {
            return Err(invalid(
                extra,
                format!(
                    "{} fields, but the header has {} columns",
                    row.len(),
                    header.columns.len()
                ),
            ));
        }
        let line = row.first().map_or(1, |f| f.line);
        let cell = |column: &Column| {
            header
                .columns
                .iter()
                .position(|c| c == column)
                .and_then(|i| row.get(i))
                .filter(|f| !f.text.trim().is_empty())
        };
        // The concept this row belongs to.
        let id = cell(&Column::Id).map(|f| f.text.trim().to_owned());
        let index = match id.as_ref().and_then(|id| by_id.get(id)) {
            Some(&index) => index,
            None => {
                let concept = Concept {
                    id: id.clone().unwrap_or_default(),
                    line,
                    ..Concept::default()
                };
                glossary.concepts.push(concept);
                let index = glossary.concepts.len() - 1;
                if let Some(id) = id {
                    by_id.insert(id, index);
                }
                index
            }
        };
        let Some(concept) = glossary.concepts.get_mut(index) else {
            continue;
        };
        if let Some(field) = cell(&Column::Kind) {
            let kind: Kind = field
                .text
                .parse()
                .map_err(|e: super::UnknownName| invalid(field, e.to_string()))?;
            set_once(&mut concept.kind, kind, field, path, "kind")?;
        }
        if let Some(field) = cell(&Column::Subject) {
            set_once(
                &mut concept.subject,
                field.text.clone(),
                field,
                path,
                "subject",
            )?;
        }
        if let Some(field) = cell(&Column::Note) {
            set_once(&mut concept.note, field.text.clone(), field, path, "note")?;
        }
        let row_status = match cell(&Column::Status) {
            Some(field) => status(field, index, path, unknown)?,
            None => Status::Preferred,
        };
        for lang in &header.langs {
            let cells = TermCells {
                text: cell(&Column::Term(lang.clone())),
                status: cell(&Column::TermStatus(lang.clone())),
                note: cell(&Column::TermNote(lang.clone())),
                pos: cell(&Column::TermPos(lang.clone())),
                matching: cell(&Column::TermMatch(lang.clone())),
                forms: cell(&Column::TermForms(lang.clone())),
            };
            if let Some(term) = term(lang, &cells, row_status, (index, path), unknown)? {
                concept.terms.push(term);
            }
        }
    }
    for concept in &mut glossary.concepts {
        let langs: Vec<String> = super::tbx::languages(&concept.terms)
            .into_iter()
            .map(str::to_owned)
            .collect();
        concept
            .terms
            .sort_by_key(|t| langs.iter().position(|l| *l == t.lang));
    }
    assign_ids(&mut glossary);
    Ok(glossary)
}

/// Sets a concept field, or checks that a later row repeats the same value.
fn set_once<T: PartialEq>(
    slot: &mut Option<T>,
    value: T,
    field: &Field,
    path: &Path,
    what: &str,
) -> Result<(), GlossaryError> {
    match slot {
        Some(old) if *old != value => Err(GlossaryError::Invalid {
            path: path.to_owned(),
            line: field.line,
            column: field.column,
            message: format!("a different {what} than an earlier row of the same concept id"),
        }),
        Some(_) => Ok(()),
        None => {
            *slot = Some(value);
            Ok(())
        }
    }
}

/// The term of one language in a row, if its cell is not empty.
fn term(
    lang: &str,
    cells: &TermCells<'_>,
    row_status: Status,
    (concept, path): (usize, &Path),
    unknown: &mut Option<&mut Vec<UnknownStatus>>,
) -> Result<Option<Term>, GlossaryError> {
    let invalid = |field: &Field, message: String| GlossaryError::Invalid {
        path: path.to_owned(),
        line: field.line,
        column: field.column,
        message,
    };
    let Some(text) = cells.text else {
        let stray = [
            cells.status,
            cells.note,
            cells.pos,
            cells.matching,
            cells.forms,
        ]
        .into_iter()
        .flatten()
        .next();
        return match stray {
            Some(field) => Err(invalid(
                field,
                format!("a property of a `{lang}` term, but the row has no `{lang}` term"),
            )),
            None => Ok(None),
        };
    };
    let status = match cells.status {
        Some(field) => status(field, concept, path, unknown)?,
        None => row_status,
    };
    let forms: Option<Vec<String>> = cells.forms.map(|f| {
        f.text
            .split('|')
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .map(str::to_owned)
            .collect()
    });
    let mode = cells
        .matching
        .map(|f| (f, f.text.trim().to_ascii_lowercase()));
    let matching = match (mode, forms) {
        (None, None) => Matching::Default,
        (None, Some(forms)) => Matching::Forms(forms),
        (Some((_, mode)), forms) if mode == "forms" => Matching::Forms(forms.unwrap_or_default()),
        (Some((field, _)), Some(_)) => {
            return Err(invalid(
                field,
                format!("`{lang}:forms` is given, so `{lang}:match` must be `forms` or empty"),
            ));
        }
        (Some((field, mode)), None) => match mode.as_str() {
            "default" => Matching::Default,
            "exact" => Matching::Exact,
            "stem" => Matching::Stem,
            _ => {
                return Err(invalid(
                    field,
                    format!("unknown match mode `{mode}`: expected default, exact, stem or forms"),
                ));
            }
        },
    };
    let mut term = new_term(lang, &text.text, status, text.line, text.column);
    term.note = cells.note.map(|f| f.text.clone());
    term.part_of_speech = cells.pos.map(|f| f.text.trim().to_owned());
    term.matching = matching;
    Ok(Some(term))
}

/// Gives concepts without an id `c<N>`, `N` their position.
fn assign_ids(glossary: &mut Glossary) {
    let ids = concept_ids(&glossary.concepts);
    for (concept, id) in glossary.concepts.iter_mut().zip(ids) {
        concept.id = id;
    }
}

// ---------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------

/// The glossary in the long header form; `path` is for errors.
pub fn write(glossary: &Glossary, path: &Path, delimiter: u8) -> Result<String, GlossaryError> {
    let delimiter = char::from(delimiter);
    let all_terms = || glossary.concepts.iter().flat_map(|c| c.terms.iter());
    let mut langs: Vec<&str> = Vec::new();
    for term in all_terms() {
        if !langs.contains(&term.lang.as_str()) {
            if !is_language(&term.lang) {
                return Err(GlossaryError::Unrepresentable {
                    path: path.to_owned(),
                    message: format!("`{}` is not a language tag", term.lang),
                });
            }
            langs.push(&term.lang);
        }
    }
    let any = |f: &dyn Fn(&Concept) -> bool| glossary.concepts.iter().any(f);
    let mut columns = vec![Column::Id];
    if any(&|c| c.kind.is_some()) {
        columns.push(Column::Kind);
    }
    if any(&|c| c.subject.is_some()) {
        columns.push(Column::Subject);
    }
    if any(&|c| c.note.is_some()) {
        columns.push(Column::Note);
    }
    for &lang in &langs {
        let used = |f: &dyn Fn(&Term) -> bool| all_terms().any(|t| t.lang == lang && f(t));
        let lang = lang.to_owned();
        columns.push(Column::Term(lang.clone()));
        columns.push(Column::TermStatus(lang.clone()));
        if used(&|t| t.note.is_some()) {
            columns.push(Column::TermNote(lang.clone()));
        }
        if used(&|t| t.part_of_speech.is_some()) {
            columns.push(Column::TermPos(lang.clone()));
        }
        if used(&|t| {
            matches!(t.matching, Matching::Exact | Matching::Stem)
                || t.matching == Matching::Forms(Vec::new())
        }) {
            columns.push(Column::TermMatch(lang.clone()));
        }
        if used(&|t| matches!(&t.matching, Matching::Forms(f) if !f.is_empty())) {
            columns.push(Column::TermForms(lang));
        }
    }
    let mut out = String::new();
    let names: Vec<String> = columns.iter().map(column_name).collect();
    write_row(&mut out, names.iter().map(String::as_str), delimiter);
    for (concept, id) in glossary
        .concepts
        .iter()
        .zip(concept_ids(&glossary.concepts))
    {
        // The first row: the concept and the first term of each language.
        let mut first: Vec<&Term> = Vec::new();
        let mut rest: Vec<&Term> = Vec::new();
        for term in &concept.terms {
            if first.iter().any(|t| t.lang == term.lang) {
                rest.push(term);
            } else {
                first.push(term);
            }
        }
        let mut rows = vec![first];
        rows.extend(rest.into_iter().map(|t| vec![t]));
        for (i, terms) in rows.into_iter().enumerate() {
            let mut cells = Vec::with_capacity(columns.len());
            for column in &columns {
                let term = |lang: &str| terms.iter().find(|t| t.lang == lang).copied();
                let cell = match column {
                    Column::Id => id.clone(),
                    Column::Kind if i == 0 => {
                        concept.kind.map(|k| k.to_string()).unwrap_or_default()
                    }
                    Column::Subject if i == 0 => concept.subject.clone().unwrap_or_default(),
                    Column::Note if i == 0 => concept.note.clone().unwrap_or_default(),
                    Column::Kind | Column::Subject | Column::Note | Column::Status => String::new(),
                    Column::Term(l) => term(l).map(|t| t.text.clone()).unwrap_or_default(),
                    Column::TermStatus(l) => {
                        term(l).map(|t| t.status.to_string()).unwrap_or_default()
                    }
                    Column::TermNote(l) => term(l).and_then(|t| t.note.clone()).unwrap_or_default(),
                    Column::TermPos(l) => term(l)
                        .and_then(|t| t.part_of_speech.clone())
                        .unwrap_or_default(),
                    Column::TermMatch(l) => match term(l).map(|t| &t.matching) {
                        Some(Matching::Exact) => "exact".to_owned(),
                        Some(Matching::Stem) => "stem".to_owned(),
                        Some(Matching::Forms(f)) if f.is_empty() => "forms".to_owned(),
                        _ => String::new(),
                    },
                    Column::TermForms(l) => match term(l).map(|t| &t.matching) {
                        Some(Matching::Forms(forms)) => {
                            if let Some(bad) = forms
                                .iter()
                                .find(|f| f.contains('|') || f.trim() != f.as_str())
                            {
                                return Err(GlossaryError::Unrepresentable {
                                    path: path.to_owned(),
                                    message: format!(
                                        "concept `{id}`: the form `{bad}` contains `|` or surrounding spaces"
                                    ),
                                });
                            }
                            forms.join("|")
                        }
                        _ => String::new(),
                    },
                };
                cells.push(cell);
            }
            write_row(&mut out, cells.iter().map(String::as_str), delimiter);
        }
    }
    Ok(out)
}

fn column_name(column: &Column) -> String {
    match column {
        Column::Id => "id".to_owned(),
        Column::Kind => "kind".to_owned(),
        Column::Subject => "subject".to_owned(),
        Column::Note => "note".to_owned(),
        Column::Status => "status".to_owned(),
        Column::Term(l) => l.clone(),
        Column::TermStatus(l) => format!("{l}:status"),
        Column::TermNote(l) => format!("{l}:note"),
        Column::TermPos(l) => format!("{l}:pos"),
        Column::TermMatch(l) => format!("{l}:match"),
        Column::TermForms(l) => format!("{l}:forms"),
    }
}

fn write_row<'a>(out: &mut String, cells: impl Iterator<Item = &'a str>, delimiter: char) {
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            out.push(delimiter);
        }
        if cell.contains([delimiter, '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(cell);
        }
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(text: &str, name: &str) -> Result<Glossary, GlossaryError> {
        let delimiter = if name.ends_with(".csv") { b',' } else { b'\t' };
        read(text.as_bytes(), Path::new(name), delimiter)
    }

    #[test]
    fn short_form_one_row_one_concept_with_bom_and_quotes() {
        let g = read_str(
            "\u{feff}en,ru,status,note\r\n\"Senate, upper\",Сенат,admitted,\"says \"\"hi\"\"\nthere\"\r\nHouse,Дума,,\n",
            "g.csv",
        )
        .unwrap();
        assert_eq!(g.concepts.len(), 2);
        let c = &g.concepts[0];
        assert_eq!(c.id, "c1");
        assert_eq!(c.terms[0].text, "Senate, upper");
        assert_eq!((c.terms[0].line, c.terms[0].column), (2, 2));
        assert_eq!(c.terms[1].status, Status::Admitted);
        assert_eq!(c.note.as_deref(), Some("says \"hi\"\nthere"));
        assert_eq!(g.concepts[1].terms[1].status, Status::Preferred);
        assert_eq!(g.concepts[1].line, 4);
    }

    #[test]
    fn a_control_character_is_an_error_at_its_place() {
        let err = read_str("en,ru\nSen\u{0}ate,Сенат\n", "g.csv").unwrap_err();
        assert_eq!(err.position(), Some((2, 4)), "{err}");
        assert!(err.to_string().contains("U+0000 is not allowed"), "{err}");
        // Tabs and line breaks inside quotes are text.
        assert!(read_str("en,ru\n\"Sen\tate\",Сенат\n", "g.csv").is_ok());
        // A CR alone ends no line.
        let err = read_str("en,ru\rSenate,Сенат\r", "g.csv").unwrap_err();
        assert_eq!(err.position(), Some((1, 6)), "{err}");
        assert!(read_str("en,ru\r\nSenate,Сенат\r\n", "g.csv").is_ok());
        // UTF-16 without its byte-order mark is named, not read as zeros.
        let utf16: Vec<u8> = "en,ru\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let err = read(&utf16, Path::new("g.csv"), b',').unwrap_err();
        assert!(
            err.to_string()
                .contains("looks like UTF-16 without a byte-order mark"),
            "{err}"
        );
    }

    #[test]
    fn long_form_rows_with_one_id_are_one_concept() {
        let g = read_str(
            "id,kind,en,en:status,ru,ru:forms\np1,person,Chizhov,,Чижов,Чижова|Чижову\np1,,Vladmir,forbidden,,\n",
            "g.csv",
        )
        .unwrap();
        assert_eq!(g.concepts.len(), 1);
        let terms = &g.concepts[0].terms;
        assert_eq!(terms.len(), 3);
        assert_eq!(terms[1].text, "Vladmir");
        assert_eq!(terms[1].status, Status::Forbidden);
        assert_eq!(
            terms[2].matching,
            Matching::Forms(vec!["Чижова".into(), "Чижову".into()])
        );
        let back = read_str(&write(&g, Path::new("g.csv"), b',').unwrap(), "g.csv").unwrap();
        assert_eq!(strip(back), strip(g));
    }

    fn strip(mut g: Glossary) -> Glossary {
        for c in &mut g.concepts {
            c.line = 0;
            for t in &mut c.terms {
                (t.line, t.column) = (0, 0);
            }
        }
        g
    }

    #[test]
    fn omegat_form_takes_languages_from_the_file_name() {
        let g = read_str(
            "# comment\nSenate\tСенат\tupper house\nDuma\tДума\n",
            "x.en-ru.txt",
        )
        .unwrap();
        assert_eq!(g.concepts.len(), 2);
        assert_eq!(g.concepts[0].terms[1].lang, "ru");
        assert_eq!(g.concepts[0].note.as_deref(), Some("upper house"));
        assert_eq!(
            (g.concepts[1].terms[1].line, g.concepts[1].terms[1].column),
            (3, 6)
        );
    }

    #[test]
    fn errors_name_line_and_column() {
        let err = read_str("en,colour\nx,red\n", "g.csv").unwrap_err();
        assert_eq!(err.position(), Some((1, 4)), "{err}");
        let err = read_str("en,status\nx,best\n", "g.csv").unwrap_err();
        assert_eq!(err.position(), Some((2, 3)), "{err}");
        let err = read_str("en,ru\n\"open,x\n", "g.csv").unwrap_err();
        assert_eq!(err.position(), Some((2, 1)), "{err}");
        let err = read_str("en,ru\n\"a\"b,x\n", "g.csv").unwrap_err();
        assert_eq!(err.position(), Some((2, 4)), "{err}");
        let err = read_str("en\na,b\n", "g.csv").unwrap_err();
        assert_eq!(err.position(), Some((2, 3)), "{err}");
        let err = read_str("id,note,en\na,x,A\na,y,B\n", "g.csv").unwrap_err();
        assert_eq!(err.position(), Some((3, 3)), "{err}");
        let err = read_str("Senate\tСенат\n", "g.tsv").unwrap_err();
        assert!(err.to_string().contains("unknown column"), "{err}");
    }
}
