//! Text utilities shared by every stage: scripts of characters, matching
//! keys and word tokens.

pub mod normalize;
pub mod script;

pub use script::Script;
