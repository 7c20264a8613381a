//! Float verbs: `%v %e %E %f %F %g %G %x %X %b`, Go's `fmt.fmtFloat`.
//!
//! Owns what `fmt` adds on top of `strconv.FormatFloat`: default precisions (6 for
//! `%e %f`, shortest for `%g %v %x`), the `+` and space sign flags, `#` (keep the point
//! and trailing zeros), zero padding after the sign, and infinities and NaN never padded
//! with zeros. Digits come from `crate::strconv`.
//!
//! The number is built in place at the end of the output buffer and adjusted there, so
//! formatting allocates nothing beyond that buffer.

use super::pad::pad_tail;
use super::{BadVerb, Spec};
use crate::strconv::format_float_into;

/// Formats `v` under `spec` and `verb`; `bit_size` is 32 for `float32` operands (their
/// shortest digits differ) and 64 otherwise.
///
/// # Errors
///
/// `BadVerb` for a verb floats do not take; nothing is written then.
///
/// ```
/// use minigo_stdlib::fmt::{Spec, fmt_float};
/// let mut out = Vec::new();
/// fmt_float(&mut out, &Spec::default(), 'v', 1e6, 64).unwrap();
/// assert_eq!(out, b"1e+06");
/// ```
pub fn fmt_float(
    out: &mut Vec<u8>,
    spec: &Spec,
    verb: char,
    v: f64,
    bit_size: u32,
) -> Result<(), BadVerb> {
    let (fmt, default_prec) = match verb {
        'v' => (b'g', -1),
        'b' | 'g' | 'G' | 'x' | 'X' => (verb as u8, -1),
        'f' | 'e' | 'E' => (verb as u8, 6),
        'F' => (b'f', 6),
        _ => return Err(BadVerb),
    };
    let prec = spec
        .precision
        .map_or(default_prec, |p| i32::try_from(p).unwrap_or(i32::MAX));
    let start = out.len();
    // Reserve a sign slot, as Go does, so every number has one at `start`.
    out.push(b'+');
    format_float_into(out, v, fmt, prec, bit_size);
    if matches!(out.get(start + 1), Some(b'-' | b'+')) {
        out.remove(start);
    }
    if spec.space && out[start] == b'+' && !spec.plus {
        out[start] = b' ';
    }
    if matches!(out.get(start + 1), Some(b'I' | b'N')) {
        pad_non_finite(out, start, spec);
        return Ok(());
    }
    if spec.sharp && fmt != b'b' {
        keep_point_and_zeros(out, start, fmt, prec);
    }
    pad_signed(out, start, spec);
    Ok(())
}

/// Infinities and NaN do not look like numbers: no zero padding, and NaN keeps a sign
/// only when one was asked for.
fn pad_non_finite(out: &mut Vec<u8>, start: usize, spec: &Spec) {
    if out[start + 1] == b'N' && !spec.space && !spec.plus {
        out.remove(start);
    }
    pad_tail(out, start, spec, false);
}

/// Drops the reserved `+` unless it is wanted, then pads; zero padding goes between the
/// sign and the digits.
fn pad_signed(out: &mut Vec<u8>, start: usize, spec: &Spec) {
    if !spec.plus && out[start] == b'+' {
        out.remove(start);
        pad_tail(out, start, spec, spec.zero);
        return;
    }
    let len = out.len() - start;
    match spec.width {
        Some(w) if spec.zero && !spec.minus && w > len => {
            out.splice(start + 1..start + 1, std::iter::repeat_n(b'0', w - len));
        }
        _ => pad_tail(out, start, spec, spec.zero),
    }
}

/// Go's `#` flag for floats: always print a decimal point, and for `%g %x` restore the
/// trailing zeros up to the precision (6 when shortest).
fn keep_point_and_zeros(out: &mut Vec<u8>, start: usize, fmt: u8, prec: i32) {
    let mut digits: i64 = match fmt {
        b'g' | b'G' | b'x' => {
            if prec == -1 {
                6
            } else {
                i64::from(prec)
            }
        }
        _ => 0,
    };
    let is_hex = matches!(fmt, b'x' | b'X');
    // The exponent, if any, is moved aside and put back after the zeros.
    let tail_at = out[start + 1..]
        .iter()
        .position(|&c| matches!(c, b'p' | b'P') || (!is_hex && matches!(c, b'e' | b'E')))
        .map_or(out.len(), |i| start + 1 + i);
    let mut has_point = false;
    let mut saw_nonzero = false;
    for &c in &out[start + 1..tail_at] {
        if c == b'.' {
            has_point = true;
            continue;
        }
        saw_nonzero |= c != b'0';
        // Count significant digits from the first non-zero one. Like Go, this counts
        // the `x` of a hex float's `0x` too, so `%#x` pads one zero fewer than `%#g`.
        if saw_nonzero {
            digits -= 1;
        }
    }
    let mut at = tail_at;
    if !has_point {
        // A lone leading zero counts as one significant digit.
        if tail_at - start == 2 && out[start + 1] == b'0' {
            digits -= 1;
        }
        out.insert(at, b'.');
        at += 1;
    }
    let n_zeros = usize::try_from(digits).unwrap_or(0);
    out.splice(at..at, std::iter::repeat_n(b'0', n_zeros));
}
