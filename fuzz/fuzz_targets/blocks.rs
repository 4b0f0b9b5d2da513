//! The release reader on arbitrary bytes: blocks or a clean error, never a
//! panic, and every block's offset cuts its text out of the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tarjuman::doc::Blocks;

fuzz_target!(|data: &[u8]| {
    for block in Blocks::new(data, None) {
        let Ok(block) = block else { break };
        let slice = data
            .get(block.offset..block.offset + block.text.len())
            .expect("offset in range");
        assert_eq!(slice, block.text.as_bytes());
    }
});
