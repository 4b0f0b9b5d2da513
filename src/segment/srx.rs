//! SRX 2.0 segmentation rules (placeholder: being written).

use std::path::Path;

/// An error reading or compiling an SRX file.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct SrxError(String);

/// A parsed SRX document.
#[derive(Debug)]
pub struct Srx;

impl Srx {
    /// Reads an SRX file.
    pub fn load(path: &Path) -> Result<Self, SrxError> {
        Err(SrxError(format!("{}: SRX is not supported yet", path.display())))
    }

    /// The rules that apply to `lang`, cascaded.
    pub fn rules_for(&self, _lang: &str) -> Result<SrxRules, SrxError> {
        Ok(SrxRules)
    }
}

/// The rules of an SRX file that apply to one language.
#[derive(Debug)]
pub struct SrxRules;

impl SrxRules {
    /// Appends to `out` the byte offsets where `text` breaks.
    pub fn breaks(&self, _text: &str, _out: &mut Vec<usize>) {}
}
