//! Go's `%x` float layout (`fmtX`): `-0x1.yyyyp±dd`, a hexadecimal mantissa normalised
//! to a leading 1 and a binary exponent.
//!
//! Owns only this layout; the sign, NaN and infinity are handled by the caller. Rounding
//! to `prec` hex digits is half to even, as Go's.

use super::{mant_exp, push_exponent};

/// Appends `f` (finite) in Go's `'x'`/`'X'` format with `prec` hex digits after the point,
/// or as few as represent it exactly when `prec < 0`.
pub(super) fn fmt_x(out: &mut Vec<u8>, f: f64, fmt: u8, prec: i32, is32: bool) {
    let (mut mant, exp) = normalized(f, is32, prec);
    let digits: &[u8; 16] = if fmt == b'X' {
        b"0123456789ABCDEF"
    } else {
        b"0123456789abcdef"
    };
    if f.is_sign_negative() {
        out.push(b'-');
    }
    out.extend_from_slice(&[b'0', fmt, b'0' + u8::from(mant >> 60 & 1 == 1)]);
    mant <<= 4;
    let n_frac = match usize::try_from(prec) {
        Ok(prec) => prec,
        Err(_) if mant == 0 => 0,
        Err(_) => 16 - mant.trailing_zeros() as usize / 4,
    };
    if n_frac > 0 {
        out.push(b'.');
        for _ in 0..n_frac {
            out.push(digits[usize::try_from(mant >> 60 & 15).unwrap_or(0)]);
            mant <<= 4;
        }
    }
    out.push(if fmt == b'X' { b'P' } else { b'p' });
    push_exponent(out, exp);
}

/// The mantissa with its leading 1 (if any) at bit 60, rounded half to even to `prec`
/// hex digits when `0 <= prec < 15`, and the matching binary exponent.
fn normalized(f: f64, is32: bool, prec: i32) -> (u64, i32) {
    let (mut mant, mut exp, mantbits) = mant_exp(f, is32);
    if mant == 0 {
        exp = 0;
    }
    mant <<= 60 - mantbits;
    while mant != 0 && mant & (1 << 60) == 0 {
        mant <<= 1;
        exp -= 1;
    }
    if (0..15).contains(&prec) {
        let shift = u32::try_from(prec).unwrap_or(0) * 4;
        let extra = (mant << shift) & ((1 << 60) - 1);
        mant >>= 60 - shift;
        if extra | (mant & 1) > 1 << 59 {
            mant += 1;
        }
        mant <<= 60 - shift;
        if mant & (1 << 61) != 0 {
            // The rounding carried into a new leading digit.
            mant >>= 1;
            exp += 1;
        }
    }
    (mant, exp)
}
