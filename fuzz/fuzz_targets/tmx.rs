//! The TMX reader on arbitrary bytes (any encoding): units or an error
//! with a position, never a panic; what is read writes back and reads
//! back the same.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use tarjuman::tm::tmx::{Writer, parse};

fuzz_target!(|data: &[u8]| {
    let Ok((header, units)) = parse(data, Path::new("fuzz.tmx")) else {
        return;
    };
    let Ok(mut writer) = Writer::new(Vec::new(), &header) else {
        return;
    };
    for unit in &units {
        let _ = writer.unit(unit);
    }
    if let Ok(bytes) = writer.finish() {
        let again = parse(&bytes, Path::new("again.tmx"));
        assert!(again.is_ok(), "written TMX does not read back: {again:?}");
    }
});
