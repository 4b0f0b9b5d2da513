//! tarjuman: a translation-memory workflow for multilingual press releases
//! in English, Urdu and Russian.
//!
//! The library holds every stage of the loop; the `tarjuman` binary is a
//! thin command line over it. Nothing here prints.

#![forbid(unsafe_code)]

pub mod config;
pub mod doc;
pub mod glossary;
pub mod io;
pub mod lang;
pub mod lint;
pub mod qa;
pub mod report;
pub mod segment;
pub mod text;
pub mod tm;
pub mod workflow;
pub mod xliff;

pub use lang::Lang;
