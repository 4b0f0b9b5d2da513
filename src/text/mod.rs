//! Text utilities shared by every stage: scripts of characters, matching
//! keys and word tokens.

pub mod normalize;
pub mod position;
pub mod script;

pub use script::Script;

/// Whether `c` may appear in an XML 1.0 document.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}
