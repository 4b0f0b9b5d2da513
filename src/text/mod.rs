//! Text utilities shared by every stage: scripts of characters, matching
//! keys and word tokens.

pub mod normalize;
pub mod position;
pub mod script;

pub use script::Script;
