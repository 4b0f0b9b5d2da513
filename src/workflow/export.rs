//! Release → XLIFF: every sentence looked up in the memory and the
//! glossary, exact matches pre-filled, fuzzy ones and the terms attached,
//! and the analysis counted on the way.

use rustc_hash::FxHashSet;

use crate::Lang;
use crate::glossary::Glossary;
use crate::glossary::recognize::Recognizer;
use crate::text::normalize;
use crate::tm::{LookupOptions, Match, Store, StoreError};
use crate::workflow::analysis::{Analysis, Band, Counts, Row};
use crate::workflow::release::{Paragraph, Release};
use crate::xliff::{
    AltMatch, Content, Document, File, GlossEntry, Part, Segment, State, Unit, Version,
};

/// Matches below this are not worth showing, but count in the analysis.
pub const ANALYSIS_MIN: f64 = 50.0;

/// What an export leverages.
#[derive(Debug, Default, Clone, Copy)]
pub struct Resources<'a> {
    pub store: Option<&'a Store>,
    pub glossary: Option<&'a Glossary>,
    /// How entries name the glossary (`glossaries/names.tbx`).
    pub glossary_origin: Option<&'a str>,
    /// Memory file names are shown relative to this folder (the project's).
    pub root: Option<&'a std::path::Path>,
}

/// How to export.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    pub source: Lang,
    pub targets: Vec<String>,
    pub version: Version,
    /// Fuzzy matches at or above this go into the XLIFF.
    pub min: f64,
    /// At most this many matches per segment.
    pub max_matches: usize,
    /// Untranslated segments get the source as their target (state
    /// `needs-translation`), which every CAT tool reads the same way.
    pub copy_source: bool,
    /// Exact matches go into the target. Off for OmegaT 3.6, which takes
    /// a 1.2 target for the text to translate.
    pub prefill: bool,
}

/// The XLIFF documents of a job, one per release and target language, and
/// its analysis.
#[derive(Debug, Clone)]
pub struct Job {
    pub documents: Vec<Exported>,
    pub analysis: Analysis,
}

/// One XLIFF document to write.
#[derive(Debug, Clone)]
pub struct Exported {
    pub target: String,
    pub document: Document,
}

/// What the memory and the glossary found for one sentence.
struct Leverage {
    /// Per target language, best first.
    matches: Vec<Vec<Match>>,
    /// Glossary hits: (concept, term) indices.
    terms: Vec<(usize, usize)>,
    words: u64,
    repeated: bool,
}

/// Looks up every sentence of `releases` and builds their XLIFF and the
/// analysis.
pub fn prepare(
    releases: &[Release],
    resources: &Resources<'_>,
    options: &ExportOptions,
) -> Result<Job, StoreError> {
    let recognizer = resources
        .glossary
        .map(|g| Recognizer::new(g, options.source.code()));
    let targets: Vec<&str> = options.targets.iter().map(String::as_str).collect();
    let lookup = LookupOptions {
        from: options.source.code().to_owned(),
        to: String::new(),
        min: ANALYSIS_MIN.min(options.min),
        limit: options.max_matches.max(1),
    };
    let mut seen: FxHashSet<String> = FxHashSet::default();
    let mut job = Job {
        documents: Vec::new(),
        analysis: Analysis {
            source: options.source.code().to_owned(),
            rows: Vec::new(),
        },
    };
    // Every sentence with the one before it (in-context matches), all
    // releases in a row; looked up in parallel.
    let mut queries: Vec<(&str, Option<&str>)> = Vec::new();
    for release in releases {
        let mut prev: Option<&str> = None;
        for sentence in release.paragraphs.iter().flat_map(|p| &p.sentences) {
            queries.push((sentence, prev));
            prev = Some(sentence);
        }
    }
    let mut found_matches = match resources.store {
        Some(store) => lookup_all(store, &queries, &lookup, &targets)?,
        None => Vec::new(),
    }
    .into_iter();
    for release in releases {
        let mut leverage: Vec<Vec<Leverage>> = Vec::with_capacity(release.paragraphs.len());
        for paragraph in &release.paragraphs {
            let mut found = Vec::with_capacity(paragraph.sentences.len());
            for sentence in &paragraph.sentences {
                let matches = found_matches
                    .next()
                    .unwrap_or_else(|| vec![Vec::new(); targets.len()]);
                let terms = recognizer
                    .as_ref()
                    .map(|r| {
                        r.find(sentence)
                            .iter()
                            .map(|m| (m.concept, m.term))
                            .collect()
                    })
                    .unwrap_or_default();
                let key = normalize::key(sentence, options.source);
                let repeated = !seen.insert(key);
                found.push(Leverage {
                    matches,
                    terms,
                    words: normalize::tokens(sentence).count() as u64,
                    repeated,
                });
            }
            leverage.push(found);
        }
        for (t, target) in options.targets.iter().enumerate() {
            let mut counts = Counts::default();
            let units = release
                .paragraphs
                .iter()
                .zip(&leverage)
                .map(|(p, found)| unit(p, found, t, target, &mut counts, resources, options))
                .collect();
            let name = release.path.file_name().map_or_else(
                || release.path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            job.analysis.rows.push(Row {
                file: Some(release.path.display().to_string()),
                target: target.clone(),
                counts,
            });
            job.documents.push(Exported {
                target: target.clone(),
                document: Document {
                    version: options.version,
                    source_lang: options.source.code().to_owned(),
                    target_lang: Some(target.clone()),
                    files: vec![File {
                        id: "f1".into(),
                        original: name,
                        datatype: Some("plaintext".into()),
                        units,
                        ..File::default()
                    }],
                },
            });
        }
    }
    Ok(job)
}

/// The matches of every query, per target language, best first. The
/// queries are shared out among threads, each with its own connection to
/// the database.
fn lookup_all(
    store: &Store,
    queries: &[(&str, Option<&str>)],
    lookup: &LookupOptions,
    targets: &[&str],
) -> Result<Vec<Vec<Vec<Match>>>, StoreError> {
    let one = |store: &Store, (query, prev): (&str, Option<&str>)| {
        store.lookup_many(query, prev, lookup, targets)
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .clamp(1, MAX_THREADS)
        .min(queries.len().div_ceil(MIN_QUERIES_PER_THREAD).max(1));
    if threads == 1 {
        return queries.iter().map(|&q| one(store, q)).collect();
    }
    let chunk = queries.len().div_ceil(threads);
    let path = store.path();
    let one = &one;
    std::thread::scope(|scope| {
        let handles: Vec<_> = queries
            .chunks(chunk)
            .skip(1)
            .map(|part| {
                scope.spawn(move || {
                    let own = Store::open(path)?;
                    part.iter()
                        .map(|&q| one(&own, q))
                        .collect::<Result<Vec<_>, _>>()
                })
            })
            .collect();
        let first = chunk.min(queries.len());
        let mut all: Vec<Vec<Vec<Match>>> = queries
            .get(..first)
            .unwrap_or_default()
            .iter()
            .map(|&q| one(store, q))
            .collect::<Result<_, _>>()?;
        for handle in handles {
            match handle.join() {
                Ok(part) => all.extend(part?),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        Ok(all)
    })
}

/// Lookups use at most this many threads.
const MAX_THREADS: usize = 4;
/// A thread is worth starting for this many queries.
const MIN_QUERIES_PER_THREAD: usize = 32;

/// The unit of one paragraph for target language number `t`.
fn unit(
    paragraph: &Paragraph,
    found: &[Leverage],
    t: usize,
    target: &str,
    counts: &mut Counts,
    resources: &Resources<'_>,
    options: &ExportOptions,
) -> Unit {
    let kind = if options.version.is_2() {
        paragraph.block.unit_type()
    } else {
        paragraph.block.restype()
    };
    let mut unit = Unit {
        id: paragraph.id.clone(),
        kind: Some(kind),
        name: paragraph.marker.clone(),
        translate: true,
        ..Unit::default()
    };
    let mut concepts_seen: FxHashSet<usize> = FxHashSet::default();
    for (i, (sentence, lev)) in paragraph.sentences.iter().zip(found).enumerate() {
        let id = format!("s{}", i + 1);
        let matches = lev.matches.get(t).map(Vec::as_slice).unwrap_or_default();
        let best = matches.first();
        counts.add(Band::of(best.map(|m| m.score), lev.repeated), lev.words);
        let (target_text, state) = match best {
            Some(m) if options.prefill && m.score >= 101.0 => {
                (Some(m.target.clone()), State::Translated)
            }
            Some(m) if options.prefill && m.score >= 100.0 => {
                (Some(m.target.clone()), State::NeedsReview)
            }
            _ if options.copy_source => (Some(sentence.clone()), State::Initial),
            _ => (None, State::Initial),
        };
        let leveraged = options.prefill && best.is_some_and(|m| m.score >= 100.0);
        if i > 0 {
            let gap = paragraph.gaps.get(i - 1).map_or(" ", String::as_str);
            unit.parts.push(Part::Ignorable {
                source: Content::text(gap),
                target: Some(Content::text(gap)),
            });
        }
        unit.parts.push(Part::Segment(Segment {
            id: id.clone(),
            source: Content::text(sentence.as_str()),
            target: target_text.map(Content::text),
            state,
            qualifier: leveraged.then(|| "exact-match".to_owned()),
            line: paragraph.line,
            column: 1,
            ..Segment::default()
        }));
        for m in matches.iter().filter(|m| m.score + 1e-9 >= options.min) {
            unit.matches.push(AltMatch {
                segment: id.clone(),
                quality: Some(m.score),
                origin: Some(origin(&m.file, resources.root)),
                source: Content::text(m.source.as_str()),
                target: Content::text(m.target.as_str()),
            });
        }
        if let Some(glossary) = resources.glossary {
            for &(c, term) in &lev.terms {
                if !concepts_seen.insert(c) {
                    continue;
                }
                if let Some(entry) = gloss_entry(glossary, c, term, target, &id, resources) {
                    unit.terms.push(entry);
                }
            }
        }
    }
    unit
}

/// A memory file's name as matches show it: relative to `root`.
fn origin(file: &str, root: Option<&std::path::Path>) -> String {
    let path = std::path::Path::new(file);
    root.and_then(|r| path.strip_prefix(r).ok())
        .map_or_else(|| file.to_owned(), |p| p.display().to_string())
}

/// The glossary entry for concept `c` found as its term `term`: the
/// target-language terms to use (preferred first) and those to avoid.
fn gloss_entry(
    glossary: &Glossary,
    c: usize,
    term: usize,
    target: &str,
    segment: &str,
    resources: &Resources<'_>,
) -> Option<GlossEntry> {
    let concept = glossary.concepts.get(c)?;
    let found = concept.terms.get(term)?;
    let mut use_: Vec<_> = concept
        .terms_in(target)
        .filter(|t| !t.status.is_discouraged())
        .collect();
    use_.sort_by_key(|t| t.status);
    if use_.is_empty() {
        return None;
    }
    let avoid: Vec<String> = concept
        .terms_in(target)
        .filter(|t| t.status.is_discouraged())
        .map(|t| format!("{} ({})", t.text, t.status.as_str()))
        .collect();
    let mut note = Vec::new();
    if !avoid.is_empty() {
        note.push(format!("Do not use: {}", avoid.join(", ")));
    }
    Some(GlossEntry {
        segment: segment.to_owned(),
        term: found.text.clone(),
        origin: resources.glossary_origin.map(str::to_owned),
        translations: use_
            .iter()
            .map(|t| (t.text.clone(), t.status.as_str().to_owned()))
            .collect(),
        note: (!note.is_empty()).then(|| note.join(". ")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Segmenter;
    use std::path::Path;

    fn release(text: &str) -> Release {
        Release::read(
            text.as_bytes(),
            Path::new("releases/r.en.txt"),
            &Segmenter::builtin(Lang::En),
        )
        .unwrap()
    }

    fn options(copy_source: bool) -> ExportOptions {
        ExportOptions {
            source: Lang::En,
            targets: vec!["ur".into(), "ru".into()],
            version: Version::V1_2,
            min: 75.0,
            max_matches: 3,
            copy_source,
            prefill: true,
        }
    }

    #[test]
    fn without_memory_every_segment_is_new_and_repetitions_count() {
        let r = release("# Talks\n\nThe talks began. The talks began.\n");
        let job = prepare(&[r], &Resources::default(), &options(true)).unwrap();
        assert_eq!(job.documents.len(), 2);
        let unit = &job.documents[0].document.files[0].units[1];
        let seg: Vec<_> = unit.segments().collect();
        assert_eq!(seg.len(), 2);
        assert_eq!(seg[0].target.as_ref().unwrap().plain(), "The talks began.");
        assert_eq!(seg[0].state, State::Initial);
        let counts = &job.analysis.rows[0].counts;
        assert_eq!(counts.segments[Band::New as usize], 2);
        assert_eq!(counts.segments[Band::Repetition as usize], 1);
        assert_eq!(counts.words[Band::Repetition as usize], 3);
    }

    #[test]
    fn without_copy_source_targets_stay_empty() {
        let r = release("One sentence here.\n");
        let job = prepare(&[r], &Resources::default(), &options(false)).unwrap();
        let unit = &job.documents[1].document.files[0].units[0];
        assert!(unit.segments().all(|s| s.target.is_none()));
        assert_eq!(job.documents[1].target, "ru");
    }
}
