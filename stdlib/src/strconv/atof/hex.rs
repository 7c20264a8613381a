//! Go's `atofHex`: a hexadecimal float's `mantissa × 2^exp` rounded to the nearest
//! `f64` or `f32`, ties to even, overflowing to infinity.
//!
//! Owns only the binary rounding; the syntax is scanned by the parent module.

use super::Scanned;

/// The float nearest `num.mantissa × 2^num.exp`, signed.
pub(super) fn hex_value(num: &Scanned, is32: bool) -> f64 {
    let fmt = if is32 { F32 } else { F64 };
    let (mantissa, exp) = round(num, &fmt);
    let sign = if num.neg { -1.0 } else { 1.0 };
    if exp > (1 << fmt.expbits) + fmt.bias - 2 {
        return sign * f64::INFINITY;
    }
    let biased = u64::try_from(exp - fmt.bias).unwrap_or(0) & ((1 << fmt.expbits) - 1);
    let bits = mantissa & ((1 << fmt.mantbits) - 1) | biased << fmt.mantbits;
    let v = if is32 {
        f64::from(f32::from_bits(u32::try_from(bits).unwrap_or(0)))
    } else {
        f64::from_bits(bits)
    };
    sign * v
}

/// The layout of a binary float format: Go's `floatInfo`.
struct FloatInfo {
    mantbits: i64,
    expbits: i64,
    bias: i64,
}

const F32: FloatInfo = FloatInfo {
    mantbits: 23,
    expbits: 8,
    bias: -127,
};
const F64: FloatInfo = FloatInfo {
    mantbits: 52,
    expbits: 11,
    bias: -1023,
};

/// Rounds to `mantbits + 1` bits (fewer for subnormals), ties to even; returns the
/// mantissa with its implicit bit and the unbiased exponent (`bias` for subnormals).
fn round(num: &Scanned, fmt: &FloatInfo) -> (u64, i64) {
    let mantbits = fmt.mantbits;
    let mut mantissa = num.mantissa;
    let mut exp = num.exp.clamp(-100_000, 100_000) + mantbits;
    // Normalise to a leading 1 followed by `mantbits` bits and two rounding bits, the
    // lowest of which is sticky.
    while mantissa != 0 && mantissa >> (mantbits + 2) == 0 {
        mantissa <<= 1;
        exp -= 1;
    }
    if num.trunc {
        mantissa |= 1;
    }
    while mantissa >> (1 + mantbits + 2) != 0 {
        mantissa = mantissa >> 1 | mantissa & 1;
        exp += 1;
    }
    // Too small for a normal: denormalise, keeping the sticky bit.
    while mantissa > 1 && exp < fmt.bias + 1 - 2 {
        mantissa = mantissa >> 1 | mantissa & 1;
        exp += 1;
    }
    let round = mantissa & 3 | (mantissa >> 2) & 1;
    mantissa >>= 2;
    exp += 2;
    if round == 3 {
        mantissa += 1;
        if mantissa == 1 << (1 + mantbits) {
            mantissa >>= 1;
            exp += 1;
        }
    }
    if mantissa >> mantbits == 0 {
        exp = fmt.bias;
    }
    (mantissa, exp)
}
