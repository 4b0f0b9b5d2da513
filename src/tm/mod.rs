//! The translation memory: TMX files (the source of truth, kept in git)
//! indexed in SQLite, with fuzzy lookup and concordance.
//!
//! - [`tmx`] reads TMX 1.1–1.4b as a stream and writes 1.4b;
//! - [`store`] keeps the units in SQLite and brings the database up to
//!   date with the TMX files it indexes; `codec` is how a unit's variants
//!   and attributes are encoded in its row, and `create` builds a new
//!   database beside its name and publishes it whole;
//! - [`score`] defines the match percentage;
//! - [`index`] finds the candidates worth scoring without comparing a query
//!   with every unit.

mod codec;
mod create;
pub(crate) mod date;
pub(crate) mod index;
mod lookup;
pub mod model;
pub mod score;
pub mod store;
pub mod tmx;

pub use lookup::{
    Concordance, FileStats, Hit, HitVariant, LangCount, LookupOptions, Match, PairCount, Stats,
    find_by_key, inline_tags, words_key,
};
pub use model::{Annotation, AnnotationKind, Header, Unit, Variant, lang_matches};
pub use store::{ImportSummary, Progress, Store, StoreError, SyncSummary};

/// A TMX 1.4 document around `units` (`<tu>` elements), for tests.
#[cfg(test)]
pub(crate) fn test_tmx(units: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\
         <header creationtool=\"t\" creationtoolversion=\"1\" segtype=\"sentence\" \
         o-tmf=\"t\" adminlang=\"en\" srclang=\"en\" datatype=\"plaintext\"/><body>\n\
         {units}</body></tmx>\n"
    )
}
