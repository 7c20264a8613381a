//! Any text lexes without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use minigo_lang::span::FileId;

fuzz_target!(|src: &str| {
    let _ = minigo_lang::lexer::lex(FileId(0), src);
});
