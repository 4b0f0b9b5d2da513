//! The glossary readers (TBX, CSV, TSV) on arbitrary bytes: a glossary or
//! an error with a position, never a panic; what is read writes back.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use tarjuman::glossary::{Format, Glossary};

fuzz_target!(|data: &[u8]| {
    for format in [Format::Tbx, Format::Csv, Format::Tsv] {
        if let Ok(glossary) = Glossary::parse(data, Path::new("fuzz"), format) {
            let _ = glossary.to_format(Path::new("fuzz.tbx"), Format::Tbx);
            let _ = glossary.to_format(Path::new("fuzz.csv"), Format::Csv);
        }
    }
});
