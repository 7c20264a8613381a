//! Go's `strconv.FormatFloat`: a float's text in the `'e' 'E' 'f' 'g' 'G' 'b' 'x' 'X'`
//! formats, shortest (`prec == -1`) or with a fixed precision.
//!
//! Owns the layout (Go's `formatDigits`, `fmtE`, `fmtF`, `fmtB`, `fmtX`) and the choice of
//! digits per format; the digits themselves come from `digits::Decimal`. `fmt`'s verbs
//! (`%v`, widths, flags) are layered on top of this in `crate::fmt::float`.
//!
//! Invariants: the output is exactly Go's for every finite and non-finite input and
//! every precision; `'g'` with shortest precision switches to exponent form when the
//! decimal exponent is below -4 or at least 6 (the `eprec = 6` rule of Go's `ftoa.go`,
//! which `fmt.Println` also uses: `1e+06`, `100000`, `1.23456789e+08`).

mod hex;

use super::digits::{Decimal, MAX_DIGITS, SHORT_DIGITS};
use hex::fmt_x;
use std::io::Write as _;

/// Formats `f` as Go's `strconv.FormatFloat(f, fmt, prec, bitSize)` does.
///
/// `fmt` is one of `b'e' b'E' b'f' b'g' b'G' b'b' b'x' b'X'`; `prec` is the number of
/// digits (after the point for `e f x`, significant for `g`), or `-1` for the fewest
/// digits that read back as the same value; `bit_size` 32 rounds `f` to `f32` first and
/// uses `f32` shortest digits, and any other size means 64 (Go panics on other sizes;
/// no Go program can reach that through `fmt`). An unknown `fmt` prints `%` and the
/// byte, as Go does.
///
/// ```
/// use minigo_stdlib::strconv::format_float;
/// assert_eq!(format_float(1e6, b'g', -1, 64), "1e+06");
/// assert_eq!(format_float(3.14159, b'f', 2, 64), "3.14");
/// assert_eq!(format_float(f64::from(0.1f32), b'g', -1, 32), "0.1");
/// ```
pub fn format_float(f: f64, fmt: u8, prec: i32, bit_size: u32) -> String {
    let mut out = Vec::with_capacity(24);
    format_float_into(&mut out, f, fmt, prec, bit_size);
    // Every byte written is ASCII.
    String::from_utf8(out).unwrap_or_default()
}

/// Appends `format_float(f, fmt, prec, bit_size)` to `out`.
pub fn format_float_into(out: &mut Vec<u8>, f: f64, fmt: u8, prec: i32, bit_size: u32) {
    let is32 = bit_size == 32;
    let f = if is32 { f64::from(f as f32) } else { f };
    if f.is_nan() {
        out.extend_from_slice(b"NaN");
        return;
    }
    if f.is_infinite() {
        out.extend_from_slice(if f < 0.0 { b"-Inf" } else { b"+Inf" });
        return;
    }
    let neg = f.is_sign_negative();
    match fmt {
        b'b' => fmt_b(out, neg, f, is32),
        b'x' | b'X' => fmt_x(out, f, fmt, prec, is32),
        b'f' if prec >= 0 => {
            // Rust's fixed notation is Go's 'f' digit for digit: exact, ties to even,
            // with the sign kept on negative zero and on negatives that round to zero.
            let prec = usize::try_from(prec).unwrap_or(0);
            let _ = write!(out, "{f:.prec$}");
        }
        b'e' | b'E' | b'f' | b'g' | b'G' => format_decimal(out, f, fmt, prec, is32),
        _ => out.extend_from_slice(&[b'%', fmt]),
    }
}

/// The decimal formats other than fixed-precision `'f'`: Go's `genericFtoa` after the
/// special cases, choosing digits and then calling `formatDigits`.
fn format_decimal(out: &mut Vec<u8>, f: f64, fmt: u8, prec: i32, is32: bool) {
    let neg = f.is_sign_negative();
    if prec < 0 {
        let digs: Decimal<SHORT_DIGITS> = if is32 {
            Decimal::shortest32(f as f32)
        } else {
            Decimal::shortest64(f)
        };
        let nd = i64::try_from(digs.nd).unwrap_or(0);
        let prec = match fmt {
            b'e' | b'E' => nd - 1,
            b'f' => (nd - i64::from(digs.dp)).max(0),
            _ => nd,
        };
        format_digits(out, true, neg, &digs, prec, fmt);
        return;
    }
    let prec = i64::from(prec);
    let (n_digits, prec) = match fmt {
        b'e' | b'E' => (prec + 1, prec),
        _ => (prec.max(1), prec.max(1)),
    };
    let n_digits = usize::try_from(n_digits).unwrap_or(1);
    if n_digits <= SHORT_DIGITS {
        let digs: Decimal<SHORT_DIGITS> = Decimal::fixed(f, n_digits);
        format_digits(out, false, neg, &digs, prec, fmt);
    } else {
        let digs: Decimal<MAX_DIGITS> = Decimal::fixed(f, n_digits);
        format_digits(out, false, neg, &digs, prec, fmt);
    }
}

/// Go's `formatDigits`: lays out `digs` in the `'e'`, `'f'` or `'g'` form.
fn format_digits<const N: usize>(
    out: &mut Vec<u8>,
    shortest: bool,
    neg: bool,
    digs: &Decimal<N>,
    prec: i64,
    fmt: u8,
) {
    let nd = i64::try_from(digs.nd).unwrap_or(0);
    let dp = i64::from(digs.dp);
    match fmt {
        b'e' | b'E' => fmt_e(out, neg, digs, prec, fmt),
        b'f' => fmt_f(out, neg, digs, prec),
        _ => {
            // Trailing zeros are never printed, so a precision past the digits we have
            // only matters when it would print zeros left of the point.
            let mut eprec = prec;
            if eprec > nd && nd >= dp {
                eprec = nd;
            }
            if shortest {
                eprec = 6;
            }
            let exp = dp - 1;
            let e = if fmt == b'G' { b'E' } else { b'e' };
            if exp < -4 || exp >= eprec {
                fmt_e(out, neg, digs, prec.min(nd) - 1, e);
            } else {
                let prec = if prec > dp { nd } else { prec };
                fmt_f(out, neg, digs, (prec - dp).max(0));
            }
        }
    }
}

/// Go's `fmtE`: `-d.dddde±dd`, with at least two exponent digits.
fn fmt_e<const N: usize>(out: &mut Vec<u8>, neg: bool, digs: &Decimal<N>, prec: i64, e: u8) {
    if neg {
        out.push(b'-');
    }
    out.push(digs.digit_or_zero(0));
    if prec > 0 {
        out.push(b'.');
        for i in 1..=prec {
            out.push(digs.digit_or_zero(i));
        }
    }
    out.push(e);
    push_exponent(out, if digs.nd == 0 { 0 } else { digs.dp - 1 });
}

/// A signed exponent with at least two digits: `+06`, `-10`, `+308`.
fn push_exponent(out: &mut Vec<u8>, exp: i32) {
    out.push(if exp < 0 { b'-' } else { b'+' });
    let exp = exp.unsigned_abs();
    if exp < 10 {
        out.push(b'0');
    }
    let _ = write!(out, "{exp}");
}

/// Go's `fmtF`: `-ddd.dddd`, with `prec` digits after the point.
fn fmt_f<const N: usize>(out: &mut Vec<u8>, neg: bool, digs: &Decimal<N>, prec: i64) {
    if neg {
        out.push(b'-');
    }
    let dp = i64::from(digs.dp);
    if dp > 0 {
        for i in 0..dp {
            out.push(digs.digit_or_zero(i));
        }
    } else {
        out.push(b'0');
    }
    if prec > 0 {
        out.push(b'.');
        for i in 0..prec {
            out.push(digs.digit_or_zero(dp + i));
        }
    }
}

/// Splits a finite float into Go's `(mant, exp)` with `value = mant × 2^(exp - mantbits)`:
/// the implicit top bit restored for normal numbers, `exp` bumped for subnormals.
fn mant_exp(f: f64, is32: bool) -> (u64, i32, u32) {
    let (bits, mantbits, expbits, bias) = if is32 {
        (u64::from((f as f32).to_bits()), 23u32, 8u32, -127i32)
    } else {
        (f.to_bits(), 52, 11, -1023)
    };
    let mut exp = i32::try_from((bits >> mantbits) & ((1 << expbits) - 1)).unwrap_or(0);
    let mut mant = bits & ((1u64 << mantbits) - 1);
    if exp == 0 {
        exp += 1;
    } else {
        mant |= 1u64 << mantbits;
    }
    (mant, exp + bias, mantbits)
}

/// Go's `fmtB`: `-ddddp±ddd`, a decimal mantissa and a binary exponent.
fn fmt_b(out: &mut Vec<u8>, neg: bool, f: f64, is32: bool) {
    let (mant, exp, mantbits) = mant_exp(f, is32);
    if neg {
        out.push(b'-');
    }
    let exp = exp - i32::try_from(mantbits).unwrap_or(0);
    let _ = write!(out, "{mant}p{}{exp}", if exp >= 0 { "+" } else { "" });
}

#[cfg(test)]
mod tests;
