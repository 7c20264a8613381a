//! Integer verbs: `%d %b %o %O %x %X %c %q %U %v`, Go's `fmtInteger`, `fmtC`, `fmtQc`
//! and `fmtUnicode`.
//!
//! Owns sign and base prefixes (`+`, space, `0b`, `0`, `0o`, `0x`), precision as a
//! minimum digit count (`%.0d` of 0 prints nothing), and zero padding as extra digits
//! placed after the sign. Floats and text live in their own modules.

use super::pad::{pad_tail, write_padding};
use super::{BadVerb, Spec};
use crate::strconv::{is_print, quote_rune_into};

/// Formats a signed integer (any Go signed type, widened) under `spec` and `verb`.
///
/// # Errors
///
/// `BadVerb` for a verb integers do not take; nothing is written then.
///
/// ```
/// use minigo_stdlib::fmt::{Spec, fmt_int};
/// let mut out = Vec::new();
/// fmt_int(&mut out, &Spec { zero: true, width: Some(5), ..Spec::default() }, 'd', -42).unwrap();
/// assert_eq!(out, b"-0042");
/// ```
pub fn fmt_int(out: &mut Vec<u8>, spec: &Spec, verb: char, v: i64) -> Result<(), BadVerb> {
    format_integer(out, spec, verb, v.unsigned_abs(), v < 0, v as u64)
}

/// Formats an unsigned integer (any Go unsigned type, widened) under `spec` and `verb`;
/// `%#v` prints it in hex with `0x`, as Go does for unsigned values.
///
/// # Errors
///
/// `BadVerb` for a verb integers do not take; nothing is written then.
pub fn fmt_uint(out: &mut Vec<u8>, spec: &Spec, verb: char, v: u64) -> Result<(), BadVerb> {
    if verb == 'v' && spec.sharp_v {
        fmt_0x(out, spec, v, true);
        return Ok(());
    }
    format_integer(out, spec, verb, v, false, v)
}

/// Go's `fmt0x64`: `v` in lower-case hex, with `0x` when `leading_0x`.
pub(crate) fn fmt_0x(out: &mut Vec<u8>, spec: &Spec, v: u64, leading_0x: bool) {
    let spec = Spec {
        sharp: leading_0x,
        ..*spec
    };
    integer(out, &spec, 'v', v, false, 16, false);
}

/// Dispatches on the verb. `magnitude` and `negative` describe the value; `bits` is its
/// two's-complement pattern, which `%c %q %U` read as Go does (`uint64(v)`).
fn format_integer(
    out: &mut Vec<u8>,
    spec: &Spec,
    verb: char,
    magnitude: u64,
    negative: bool,
    bits: u64,
) -> Result<(), BadVerb> {
    match verb {
        'v' | 'd' => integer(out, spec, verb, magnitude, negative, 10, false),
        'b' => integer(out, spec, verb, magnitude, negative, 2, false),
        'o' | 'O' => integer(out, spec, verb, magnitude, negative, 8, false),
        'x' => integer(out, spec, verb, magnitude, negative, 16, false),
        'X' => integer(out, spec, verb, magnitude, negative, 16, true),
        'c' => fmt_c(out, spec, bits),
        'q' => fmt_qc(out, spec, bits),
        'U' => fmt_unicode(out, spec, bits),
        _ => return Err(BadVerb),
    }
    Ok(())
}

/// The rune Go's `rune(c)` conversion gives for `%c`/`%q`, with anything invalid as
/// U+FFFD.
fn as_rune(bits: u64) -> char {
    u32::try_from(bits)
        .ok()
        .and_then(char::from_u32)
        .unwrap_or(char::REPLACEMENT_CHARACTER)
}

fn fmt_c(out: &mut Vec<u8>, spec: &Spec, bits: u64) {
    let mut buf = [0; 4];
    let start = out.len();
    out.extend_from_slice(as_rune(bits).encode_utf8(&mut buf).as_bytes());
    pad_tail(out, start, spec, spec.zero);
}

fn fmt_qc(out: &mut Vec<u8>, spec: &Spec, bits: u64) {
    let start = out.len();
    quote_rune_into(out, u32::from(as_rune(bits)), spec.plus);
    pad_tail(out, start, spec, spec.zero);
}

/// Go's `fmtUnicode`: `U+0041`, at least four hex digits (more with a larger precision),
/// and with `#` the printable character quoted after it.
fn fmt_unicode(out: &mut Vec<u8>, spec: &Spec, bits: u64) {
    let start = out.len();
    let n_digits = hex_len(bits);
    let min_digits = spec.precision.filter(|&p| p > 4).unwrap_or(4);
    out.extend_from_slice(b"U+");
    out.resize(out.len() + min_digits.saturating_sub(n_digits), b'0');
    push_digits(out, bits, 16, true);
    let printable = u32::try_from(bits)
        .ok()
        .filter(|&r| char::from_u32(r).is_some() && is_print(r));
    if let (true, Some(r)) = (spec.sharp, printable) {
        out.extend_from_slice(b" '");
        let mut buf = [0; 4];
        out.extend_from_slice(as_rune(u64::from(r)).encode_utf8(&mut buf).as_bytes());
        out.push(b'\'');
    }
    pad_tail(out, start, spec, false);
}

fn hex_len(v: u64) -> usize {
    (64 - v.leading_zeros() as usize).div_ceil(4).max(1)
}

/// Appends `v` in `base` (2, 8, 10 or 16), most significant digit first.
fn push_digits(out: &mut Vec<u8>, v: u64, base: u64, upper: bool) {
    let mut buf = [0u8; 64];
    out.extend_from_slice(digits_in(&mut buf, v, base, upper));
}

/// `v` in `base` (2, 8, 10 or 16), written at the end of `buf`. Each base gets its own
/// loop so the divisions are by constants, which is most of an integer's cost.
fn digits_in(buf: &mut [u8; 64], v: u64, base: u64, upper: bool) -> &[u8] {
    let digits: &[u8; 16] = if upper {
        b"0123456789ABCDEF"
    } else {
        b"0123456789abcdef"
    };
    let start = match base {
        10 => fill::<10>(buf, v, digits),
        16 => fill::<16>(buf, v, digits),
        8 => fill::<8>(buf, v, digits),
        _ => fill::<2>(buf, v, digits),
    };
    &buf[start..]
}

fn fill<const BASE: u64>(buf: &mut [u8; 64], mut v: u64, digits: &[u8; 16]) -> usize {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = digits[(v % BASE) as usize];
        v /= BASE;
        if v == 0 {
            return i;
        }
    }
}

/// Go's `fmtInteger`: sign, prefix, zeros to the precision, digits, then space padding.
fn integer(
    out: &mut Vec<u8>,
    spec: &Spec,
    verb: char,
    u: u64,
    negative: bool,
    base: u64,
    upper: bool,
) {
    let signed = negative || spec.plus || spec.space;
    let min_digits = match spec.precision {
        // Precision 0 and value 0 print nothing, but still pad (with spaces).
        Some(0) if u == 0 => {
            write_padding(out, spec.width.unwrap_or(0), spec, false);
            return;
        }
        Some(p) => p,
        // Zero padding is done as precision: it goes after the sign and any prefix.
        None if spec.zero && !spec.minus => spec
            .width
            .map_or(0, |w| w.saturating_sub(usize::from(signed))),
        None => 0,
    };
    let mut buf = [0u8; 64];
    let digits = digits_in(&mut buf, u, base, upper);
    let start = out.len();
    let n_zeros = min_digits.saturating_sub(digits.len());
    push_sign_and_prefix(
        out,
        spec,
        verb,
        negative,
        base,
        upper,
        n_zeros == 0 && u != 0,
    );
    out.resize(out.len() + n_zeros, b'0');
    out.extend_from_slice(digits);
    pad_tail(out, start, spec, false);
}

/// The sign (`-`, `+` or space), `0o` for `%O`, and the `#` prefix for the base; octal's
/// `#` adds a `0` only when the number would not already start with one.
fn push_sign_and_prefix(
    out: &mut Vec<u8>,
    spec: &Spec,
    verb: char,
    negative: bool,
    base: u64,
    upper: bool,
    starts_nonzero: bool,
) {
    if negative {
        out.push(b'-');
    } else if spec.plus {
        out.push(b'+');
    } else if spec.space {
        out.push(b' ');
    }
    if verb == 'O' {
        out.extend_from_slice(b"0o");
    }
    if spec.sharp {
        match base {
            2 => out.extend_from_slice(b"0b"),
            8 if starts_nonzero => out.push(b'0'),
            16 => out.extend_from_slice(if upper { b"0X" } else { b"0x" }),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int(spec: Spec, verb: char, v: i64) -> String {
        let mut out = Vec::new();
        fmt_int(&mut out, &spec, verb, v)
            .map(|()| String::from_utf8(out).unwrap_or_default())
            .unwrap_or_default()
    }

    #[test]
    fn sharp_octal_does_not_double_the_zero() {
        let sharp = Spec {
            sharp: true,
            ..Spec::default()
        };
        assert_eq!(int(sharp, 'o', 0), "0");
        assert_eq!(int(sharp, 'o', 8), "010");
        assert_eq!(
            int(
                Spec {
                    precision: Some(3),
                    ..sharp
                },
                'o',
                8
            ),
            "010"
        );
        assert_eq!(
            int(
                Spec {
                    precision: Some(4),
                    ..sharp
                },
                'o',
                8
            ),
            "0010"
        );
    }

    #[test]
    fn bad_verb_writes_nothing() {
        let mut out = b"x".to_vec();
        assert_eq!(fmt_int(&mut out, &Spec::default(), 's', 1), Err(BadVerb));
        assert_eq!(out, b"x");
    }
}
