//! The built-in rules of every language on arbitrary text: no panic, and
//! sentences in order, trimmed, on char boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tarjuman::Lang;
use tarjuman::segment::Segmenter;

fuzz_target!(|text: &str| {
    for lang in Lang::ALL {
        let mut ranges = Vec::new();
        Segmenter::builtin(lang).split(text, &mut ranges);
        let mut last = 0;
        for range in ranges {
            assert!(range.start >= last && range.start < range.end);
            let sentence = text.get(range.clone()).expect("char boundary");
            assert_eq!(sentence, sentence.trim());
            last = range.end;
        }
    }
});
