//! Translated XLIFF → the memory: confirmed segments go into a TMX file of
//! the project (the memory's source of truth), which the SQLite index
//! then picks up.
//!
//! A segment is taken when a translator confirmed it (1.2 `translated`,
//! `signed-off`, `final` or `approved="yes"`; 2.x `translated`,
//! `reviewed`, `final`) and its target is not empty. It is *unchanged*
//! when the memory already holds the same source with the same
//! translation (so exporting and importing again adds nothing), *updated*
//! when the memory holds the source with another translation (the new one
//! is newer and wins), else *added*.

use crate::glossary::same_language;
use crate::tm::model::{Unit, Variant};
use crate::tm::{LookupOptions, Store, StoreError};
use crate::xliff::Document;

/// What an import did with the segments of one XLIFF file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Not confirmed, or confirmed with an empty target.
    pub skipped: usize,
}

/// A confirmed translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirmed {
    pub source: String,
    pub target: String,
}

/// The confirmed translations of `doc` that the memory does not already
/// hold, and the tally. With `any_state`, a segment whose target is not
/// its copied source counts as confirmed whatever its state (OmegaT 3.6
/// translates without setting one).
pub fn confirmed(
    doc: &Document,
    store: Option<&Store>,
    any_state: bool,
) -> Result<(Vec<Confirmed>, Tally), StoreError> {
    let mut tally = Tally::default();
    // In order, with a slot emptied when a later segment of the same
    // source replaces it; `pending` finds a source's slot.
    let mut out: Vec<Option<Confirmed>> = Vec::new();
    let mut pending: rustc_hash::FxHashMap<String, usize> = rustc_hash::FxHashMap::default();
    let Some(target_lang) = doc.target_lang.as_deref() else {
        return Ok((Vec::new(), tally));
    };
    // By primary language: a file's `en-US` is the memory's `en`.
    let options = LookupOptions {
        from: crate::lang::primary_subtag(&doc.source_lang),
        to: crate::lang::primary_subtag(target_lang),
        min: 100.0,
        limit: 10,
    };
    for unit in doc.files.iter().flat_map(|f| &f.units) {
        for segment in unit.segments() {
            let target = segment
                .target
                .as_ref()
                .map(|t| t.plain())
                .unwrap_or_default();
            let taken = segment.state.is_confirmed()
                || any_state && crate::workflow::merge::is_translated(segment);
            if !unit.translate || !taken || target.trim().is_empty() {
                tally.skipped += 1;
                continue;
            }
            let source = segment.source.plain();
            let known = match store {
                Some(store) => store.lookup(&source, None, &options)?,
                None => Vec::new(),
            };
            let same_source: Vec<_> = known.iter().filter(|m| m.source == source).collect();
            let slot = pending.get(&source).copied();
            let earlier = slot.and_then(|i| out.get(i)).and_then(Option::as_ref);
            if same_source.iter().any(|m| m.target == target) && earlier.is_none()
                || earlier.is_some_and(|c| c.target == target)
            {
                tally.unchanged += 1;
                continue;
            }
            if same_source.is_empty() && earlier.is_none() {
                tally.added += 1;
            } else {
                tally.updated += 1;
            }
            if let Some(old) = slot.and_then(|i| out.get_mut(i)) {
                *old = None;
            }
            pending.insert(source.clone(), out.len());
            out.push(Some(Confirmed { source, target }));
        }
    }
    Ok((out.into_iter().flatten().collect(), tally))
}

/// Adds `translations` from `source_lang` into `target_lang` to the TMX
/// `units` (those of the import file): a unit with the same source gets
/// the new translation, others are appended in order. `date` is the TMX
/// date of the change (`20240312T101500Z`).
pub fn add_to_units(
    units: &mut Vec<Unit>,
    translations: &[Confirmed],
    source_lang: &str,
    target_lang: &str,
    date: &str,
) {
    for t in translations {
        let target = Variant::plain(target_lang, &t.target);
        let existing = units.iter_mut().find(|u| {
            u.variants
                .iter()
                .any(|v| same_language(&v.lang, source_lang) && v.text == t.source)
        });
        match existing {
            Some(unit) => {
                set_attr(&mut unit.attrs, "changedate", date);
                match unit
                    .variants
                    .iter_mut()
                    .find(|v| same_language(&v.lang, target_lang))
                {
                    Some(v) => *v = target,
                    None => unit.variants.push(target),
                }
            }
            None => units.push(Unit {
                attrs: vec![
                    ("srclang".into(), source_lang.into()),
                    ("creationdate".into(), date.into()),
                    ("changedate".into(), date.into()),
                    ("creationtool".into(), "tarjuman".into()),
                    (
                        "creationtoolversion".into(),
                        env!("CARGO_PKG_VERSION").into(),
                    ),
                ],
                annotations: Vec::new(),
                variants: vec![Variant::plain(source_lang, &t.source), target],
            }),
        }
    }
}

fn set_attr(attrs: &mut Vec<(String, String)>, name: &str, value: &str) {
    match attrs.iter_mut().find(|(k, _)| k == name) {
        Some((_, v)) => *v = value.to_owned(),
        None => attrs.push((name.to_owned(), value.to_owned())),
    }
}

/// The current UTC time as a TMX date (`YYYYMMDDThhmmssZ`).
pub fn tmx_now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    crate::tm::date::tmx_date(secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_translations_append_and_known_sources_update() {
        let mut units = Vec::new();
        let first = [Confirmed {
            source: "Senator Chizhov & Khorev met.".into(),
            target: "Сенатор Чижов встретился с Хоревым.".into(),
        }];
        add_to_units(&mut units, &first, "en", "ru", "20240312T101500Z");
        assert_eq!(units.len(), 1);
        assert_eq!(
            units[0].variants[0].seg,
            "Senator Chizhov &amp; Khorev met."
        );
        let urdu = [Confirmed {
            source: "Senator Chizhov & Khorev met.".into(),
            target: "سینیٹر چیژوف اور خوریف کی ملاقات ہوئی۔".into(),
        }];
        add_to_units(&mut units, &urdu, "en", "ur", "20240313T000000Z");
        assert_eq!(units.len(), 1, "one multilingual unit");
        assert_eq!(units[0].variants.len(), 3);
        assert_eq!(units[0].attr("changedate"), Some("20240313T000000Z"));
    }
}
