//! Go's `strconv` package: conversions between numbers, booleans and their text.
//!
//! This module owns the exact text Go produces and accepts: `FormatFloat`'s shortest
//! round-trip digits and its `'e' 'f' 'g' 'b' 'x'` layouts, integer formatting in any base,
//! `Quote`/`Unquote` with Go's escape rules, and the `Parse*` family with Go's syntax and
//! `*NumError` messages. It is pure Rust and knows nothing of the VM: natives call these
//! functions with plain Rust values and turn the results into minigo values themselves.
//!
//! Notes on the Rust shapes of Go's API:
//! - Go returns a value beside every error (`ParseInt` returns the clamped bound with
//!   `ErrRange`); here the parsers return `Err((value, NumError))` so nothing is lost.
//! - Strings are `&[u8]`, since a Go string may hold any bytes.
//! - Behaviour was checked against the Go toolchain on about two million generated
//!   cases; a sample of them is kept as data in `fmt/testdata/go_outputs.tsv`.
//!
//! Invariants:
//! - Every `*_into` function only appends to the caller's buffer; it never reads or
//!   rewrites what was there before, and allocates nothing but that buffer's growth.
//! - Every function is total: no input, however malformed, makes it panic.

mod atof;
mod atoi;
mod digits;
mod error;
mod ftoa;
mod quote;

pub use atof::parse_float;
pub use atoi::{
    atoi, format_bool, format_int, format_int_into, format_uint, format_uint_into, itoa,
    parse_bool, parse_int, parse_uint,
};
pub use error::{ErrorKind, NumError};
pub use ftoa::{format_float, format_float_into};
pub(crate) use quote::decode_rune;
pub use quote::{
    UnquotedChar, can_backquote, is_print, quote, quote_into, quote_rune, quote_rune_into,
    quote_rune_to_ascii, quote_to_ascii, quote_to_ascii_into, unquote, unquote_char,
};
