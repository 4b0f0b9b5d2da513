//! Sentence segmentation.
//!
//! A [`Segmenter`] splits one block of text (a paragraph, a heading, a list
//! item: see [`crate::doc`]) into sentences, as byte ranges into the block.
//! The built-in rules ([`rules`]) are a hand-written scanner tuned for
//! English, Russian and Urdu press releases; [`srx`] applies user rules
//! written in SRX 2.0. Either way the result is trimmed of surrounding
//! whitespace and never contains an empty sentence.

mod lexicon;
mod lists;
pub mod rules;
pub mod srx;
mod terminators;

use std::ops::Range;

use crate::lang::Lang;

pub use rules::Rules;
pub use srx::{Srx, SrxError, SrxRules};
pub use terminators::is_terminator;

/// Splits a block of text into sentences.
#[derive(Debug)]
pub enum Segmenter {
    /// The built-in rules for one language.
    BuiltIn(Rules),
    /// Rules from an SRX 2.0 file, already resolved for one language.
    Srx(SrxRules),
}

impl Segmenter {
    /// The built-in rules for `lang`.
    pub fn builtin(lang: Lang) -> Self {
        Segmenter::BuiltIn(Rules::new(lang))
    }

    /// Appends the sentences of `block` to `out`, as byte ranges into
    /// `block`, in order, trimmed of whitespace, none empty.
    pub fn split(&self, block: &str, out: &mut Vec<Range<usize>>) {
        match self {
            Segmenter::BuiltIn(rules) => rules.split(block, out),
            Segmenter::Srx(rules) => {
                let mut breaks = Vec::new();
                rules.breaks(block, &mut breaks);
                ranges_between(block, &breaks, out);
            }
        }
    }
}

/// Turns break offsets into trimmed, non-empty sentence ranges.
///
/// `breaks` must be sorted char boundaries of `text`; offsets `0` and
/// `text.len()` are implied.
pub fn ranges_between(text: &str, breaks: &[usize], out: &mut Vec<Range<usize>>) {
    let mut start = 0;
    for &end in breaks.iter().chain(std::iter::once(&text.len())) {
        if let Some(range) = trim(text, start..end) {
            out.push(range);
        }
        start = end;
    }
}

/// Shrinks `range` to exclude leading and trailing whitespace; `None` if
/// nothing is left.
pub(crate) fn trim(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let slice = text.get(range.clone())?;
    let lead = slice.len() - slice.trim_start().len();
    let trimmed = slice.trim();
    if trimmed.is_empty() {
        return None;
    }
    let start = range.start + lead;
    Some(start..start + trimmed.len())
}
