//! Format strings: splitting `Printf`'s format into literal text and directives, Go's
//! `doPrintf` loop without the printing.
//!
//! Owns the directive grammar `%[flags][[n]][width|*][.[[n]](precision|*)][[n]]verb`,
//! which argument each directive consumes, and Go's inline error forms: `%!d(MISSING)`,
//! `%!d(BADINDEX)`, `%!(BADWIDTH)`, `%!(BADPREC)`, `%!(NOVERB)` and `%!(EXTRA ...)`.
//! It does not see argument values, except that `*` asks the caller for an integer.
//!
//! Invariant: pieces come out in output order, so a caller that writes each piece as it
//! arrives produces exactly Go's text.

use super::Spec;
use crate::strconv::decode_rune;

/// One piece of a format string, in output order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Text outside directives, to copy as is.
    Literal(&'a [u8]),
    /// `%%`: a single `%`, consuming no argument.
    Percent,
    /// A directive to apply to argument `arg` (0-based).
    Verb { verb: char, spec: Spec, arg: usize },
    /// `%!(BADWIDTH)`: a `*` width whose argument is missing or not an integer.
    BadWidth,
    /// `%!(BADPREC)`: a `*` precision whose argument is missing, not an integer, or negative.
    BadPrec,
    /// `%!v(BADINDEX)`: an explicit `[n]` index out of range or malformed.
    BadIndex(char),
    /// `%!v(MISSING)`: no argument left for this verb.
    Missing(char),
    /// `%!(NOVERB)`: the format ended inside a directive.
    NoVerb,
    /// `%!(EXTRA type=value, ...)` for the arguments from `first` on, which no directive
    /// used; the caller writes it with `write_extra`. Always the last piece.
    Extra { first: usize },
}

impl Piece<'_> {
    /// Writes the pieces that need no argument; returns false for `Verb` and `Extra`,
    /// which the caller formats.
    pub fn write_fixed(&self, out: &mut Vec<u8>) -> bool {
        match *self {
            Piece::Literal(text) => out.extend_from_slice(text),
            Piece::Percent => out.push(b'%'),
            Piece::BadWidth => out.extend_from_slice(b"%!(BADWIDTH)"),
            Piece::BadPrec => out.extend_from_slice(b"%!(BADPREC)"),
            Piece::BadIndex(verb) => write_verb_error(out, verb, b"(BADINDEX)"),
            Piece::Missing(verb) => write_verb_error(out, verb, b"(MISSING)"),
            Piece::NoVerb => out.extend_from_slice(b"%!(NOVERB)"),
            Piece::Verb { .. } | Piece::Extra { .. } => return false,
        }
        true
    }
}

fn write_verb_error(out: &mut Vec<u8>, verb: char, what: &[u8]) {
    out.extend_from_slice(b"%!");
    let mut buf = [0; 4];
    out.extend_from_slice(verb.encode_utf8(&mut buf).as_bytes());
    out.extend_from_slice(what);
}

/// Writes Go's bad-verb form `%!z(int=5)`: `type_name` is the operand's dynamic type
/// (`None` for a nil interface, printed `%!z(<nil>)`) and `value_v` its `%v` text,
/// formatted under the directive's own `Spec` as Go does (`%5z` of "x" gives
/// `%!z(string=    x)`).
pub fn write_bad_verb(out: &mut Vec<u8>, verb: char, type_name: Option<&str>, value_v: &[u8]) {
    write_verb_error(out, verb, b"(");
    match type_name {
        Some(name) => {
            out.extend_from_slice(name.as_bytes());
            out.push(b'=');
            out.extend_from_slice(value_v);
        }
        None => out.extend_from_slice(b"<nil>"),
    }
    out.push(b')');
}

/// Writes `%!(EXTRA int=2, string=x)`; each item is an unused operand's dynamic type
/// (`None` for nil, printed `<nil>`) and its `%v` text.
pub fn write_extra<'a>(
    out: &mut Vec<u8>,
    items: impl IntoIterator<Item = (Option<&'a str>, &'a [u8])>,
) {
    out.extend_from_slice(b"%!(EXTRA ");
    for (i, (type_name, value_v)) in items.into_iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(b", ");
        }
        match type_name {
            Some(name) => {
                out.extend_from_slice(name.as_bytes());
                out.push(b'=');
                out.extend_from_slice(value_v);
            }
            None => out.extend_from_slice(b"<nil>"),
        }
    }
    out.push(b')');
}

/// Splits `format` into pieces for `n_args` arguments, calling `emit` for each in output
/// order. `star_arg(i)` returns argument `i`'s value when it is an integer that fits Go's
/// `int` (it is asked only for `i < n_args`), for `*` widths and precisions.
///
/// # Example
///
/// The shape of a `Sprintf` native, here over `int` operands only:
///
/// ```
/// use minigo_stdlib::fmt::{Piece, Spec, fmt_int, for_each_piece, write_bad_verb, write_extra};
///
/// fn sprintf(format: &[u8], args: &[i64]) -> Vec<u8> {
///     let mut out = Vec::new();
///     for_each_piece(format, args.len(), |i| Some(args[i]), |piece| {
///         if piece.write_fixed(&mut out) {
///             return;
///         }
///         match piece {
///             Piece::Verb { verb, spec, arg } => {
///                 if fmt_int(&mut out, &spec, verb, args[arg]).is_err() {
///                     let mut text = Vec::new();
///                     let _ = fmt_int(&mut text, &spec, 'v', args[arg]);
///                     write_bad_verb(&mut out, verb, Some("int"), &text);
///                 }
///             }
///             Piece::Extra { first } => {
///                 let texts: Vec<Vec<u8>> = args[first..].iter().map(|v| v.to_string().into_bytes()).collect();
///                 write_extra(&mut out, texts.iter().map(|t| (Some("int"), t.as_slice())));
///             }
///             _ => {}
///         }
///     });
///     out
/// }
///
/// assert_eq!(sprintf(b"%03d|%-4x|%d", &[7, 42]), b"007|2a  |%!d(MISSING)");
/// assert_eq!(sprintf(b"%s", &[1]), b"%!s(int=1)");
/// assert_eq!(sprintf(b"%d", &[1, 2]), b"1%!(EXTRA int=2)");
/// assert_eq!(sprintf(b"%[2]*[1]d", &[1, 5]), b"    1");
/// ```
pub fn for_each_piece<'a>(
    format: &'a [u8],
    n_args: usize,
    star_arg: impl FnMut(usize) -> Option<i64>,
    mut emit: impl FnMut(Piece<'a>),
) {
    let mut parser = Parser {
        format,
        i: 0,
        arg_num: 0,
        n_args,
        reordered: false,
        good_arg_num: true,
        star_arg,
    };
    while parser.i < format.len() {
        let lit_start = parser.i;
        let lit_len = format[lit_start..]
            .iter()
            .position(|&c| c == b'%')
            .unwrap_or(format.len() - lit_start);
        parser.i += lit_len;
        if lit_len > 0 {
            emit(Piece::Literal(&format[lit_start..parser.i]));
        }
        if parser.i >= format.len() {
            break;
        }
        parser.i += 1;
        if !parser.directive(&mut emit) {
            break;
        }
    }
    if !parser.reordered && parser.arg_num < n_args {
        emit(Piece::Extra {
            first: parser.arg_num,
        });
    }
}

/// Collects `for_each_piece` into a vector, for callers that prefer a list.
pub fn parse_format(
    format: &[u8],
    n_args: usize,
    star_arg: impl FnMut(usize) -> Option<i64>,
) -> Vec<Piece<'_>> {
    let mut res = Vec::new();
    for_each_piece(format, n_args, star_arg, |p| res.push(p));
    res
}

/// The state of Go's `doPrintf` between pieces.
struct Parser<'a, F> {
    format: &'a [u8],
    i: usize,
    arg_num: usize,
    n_args: usize,
    /// An explicit `[n]` index was seen: unused arguments are then not reported.
    reordered: bool,
    /// The current directive's indexes are all valid.
    good_arg_num: bool,
    star_arg: F,
}

/// Go caps widths and precisions (and `[n]` indexes) at a million.
const TOO_LARGE: i64 = 1_000_000;

mod parser;
