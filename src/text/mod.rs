//! Text utilities shared by every stage: scripts of characters, and (later)
//! normalization and matching keys.

pub mod script;

pub use script::Script;
