//! The translation memory: TMX files (the source of truth, kept in git)
//! indexed in SQLite, with fuzzy lookup and concordance.
//!
//! - [`tmx`] reads TMX 1.1–1.4b as a stream and writes 1.4b;
//! - [`store`] keeps the units in SQLite and brings the database up to
//!   date with the TMX files it indexes;
//! - [`score`] defines the match percentage;
//! - [`index`] finds the candidates worth scoring without comparing a query
//!   with every unit.

pub mod model;
pub mod tmx;

pub use model::{Annotation, AnnotationKind, Header, Unit, Variant, lang_matches};
