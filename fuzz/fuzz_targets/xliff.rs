//! The XLIFF reader on arbitrary bytes (any encoding, 1.2 or 2.x, with
//! other tools' extensions): a document or an error with a position, never
//! a panic; what is read writes back and reads back.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use tarjuman::xliff::{WriteOptions, parse, write};

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = parse(data, Path::new("fuzz.xlf")) else {
        return;
    };
    // The writer refuses text XML cannot hold (a control character read
    // from a character reference): an error, not a bug.
    let Ok(bytes) = write(&doc, &WriteOptions::default(), Vec::new()) else {
        return;
    };
    let again = parse(&bytes, Path::new("again.xlf"));
    assert!(
        again.is_ok(),
        "written XLIFF does not read back: {again:?}\n{}",
        String::from_utf8_lossy(&bytes)
    );
});
