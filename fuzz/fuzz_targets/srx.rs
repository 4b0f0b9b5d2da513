//! The SRX reader on arbitrary documents: a parsed file or an error with a
//! position, never a panic; rules that compile split a sample text.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use tarjuman::segment::Srx;

fuzz_target!(|xml: &str| {
    let Ok(srx) = Srx::parse(xml, Path::new("fuzz.srx")) else {
        return;
    };
    for lang in ["en", "ru", "ur"] {
        if let Ok(rules) = srx.rules_for(lang) {
            let mut breaks = Vec::new();
            rules.breaks(
                "Mr. Chizhov met H.E. Khorev. Они встретились. ملاقات ہوئی۔",
                &mut breaks,
            );
        }
    }
});
