//! Any text parses (to a tree plus diagnostics) without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use minigo_lang::span::FileId;

fuzz_target!(|src: &str| {
    let _ = minigo_lang::parse::parse(FileId(0), src);
});
