//! The whole front end (lex, parse, check against the standard packages) never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|src: &str| {
    let _ = minigo::frontend::check_files(&[("fuzz.go".to_string(), src.to_string())]);
});
