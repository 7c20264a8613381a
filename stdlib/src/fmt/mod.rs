//! Go's `fmt` leaf formatting: format directives and the text of primitive values.
//!
//! This module owns what `fmt.Printf` does with one directive and one primitive operand:
//! splitting a format string into literal text and directives (`%[flags][width]
//! [.precision]verb`, `*` and `[n]` argument indexes, and Go's inline error forms such as
//! `%!d(MISSING)`), and formatting integers, floats, strings, byte slices, booleans and
//! pointers under a `Spec` exactly as Go does, including width padding by runes.
//!
//! It deliberately does not own composite values (structs, slices, maps), `Stringer` and
//! `error` dispatch, `%T`, or `Println`'s spacing: those need the VM's values and types,
//! so the natives that call into this module handle them and come here for each leaf.
//!
//! Invariants:
//! - Every formatter only appends to the caller's `Vec<u8>`, and allocates nothing else.
//! - A formatter that returns `Err(BadVerb)` has written nothing; the caller then writes
//!   Go's `%!verb(type=value)` with `write_bad_verb`.
//! - Padding counts runes, as Go's `utf8.RuneCount` does (each invalid byte is one rune).

mod directive;
mod float;
mod int;
mod pad;
mod text;

pub use directive::{Piece, for_each_piece, parse_format, write_bad_verb, write_extra};
pub use float::fmt_float;
pub use int::{fmt_int, fmt_uint};
pub use pad::pad;
pub use text::{fmt_bool, fmt_bytes, fmt_pointer, fmt_string};

/// The flags, width and precision of one directive: Go's `fmtFlags` plus `wid`/`prec`.
///
/// For a `%v` directive, `+` and `#` arrive as `plus_v` and `sharp_v` (Go's `%+v` field
/// names and `%#v` Go syntax) and `plus`/`sharp` are false, as in Go's `doPrintf`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Spec {
    /// Minimum width in runes, if given.
    pub width: Option<usize>,
    /// Precision, if given (`%.f` means `Some(0)`).
    pub precision: Option<usize>,
    /// `-`: pad on the right.
    pub minus: bool,
    /// `+`: always print a sign; ASCII-only `%q`.
    pub plus: bool,
    /// `#`: alternate form (`0x`, raw-string `%q`, `%#U` with the character).
    pub sharp: bool,
    /// ` `: a space where a `+` sign would go; spaces between `% x` bytes.
    pub space: bool,
    /// `0`: pad with leading zeros (after the sign) instead of spaces.
    pub zero: bool,
    /// `%+v`.
    pub plus_v: bool,
    /// `%#v`.
    pub sharp_v: bool,
}

/// The verb does not apply to the operand's type; nothing was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("bad verb for this operand")]
pub struct BadVerb;

/// Whether `Sprint`/`Print` put a space between two adjacent operands: only when neither
/// is a string (Go's `doPrint`). `Println` always does, and needs no help.
///
/// ```
/// use minigo_stdlib::fmt::needs_space_sprint;
/// assert!(needs_space_sprint(false, false)); // Sprint(1, 2) == "1 2"
/// assert!(!needs_space_sprint(true, false)); // Sprint("a", 1) == "a1"
/// ```
pub fn needs_space_sprint(prev_is_string: bool, cur_is_string: bool) -> bool {
    !prev_is_string && !cur_is_string
}

#[cfg(test)]
mod tests;
