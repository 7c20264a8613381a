//! Go's `strconv.ParseFloat`: decimal and hexadecimal float syntax, `inf`/`infinity`/
//! `nan`, `_` separators, and `ErrRange` on overflow.
//!
//! Owns the syntax check (Go's `readFloat` grammar) and the hexadecimal conversion (Go's
//! `atofHex`, exact with ties to even). Decimal conversion is delegated to Rust's
//! `str::parse`, which is correctly rounded (Eisel–Lemire with a big-decimal fallback),
//! as Go's is; both round straight to `f32` for `bit_size` 32, never through `f64`.
//!
//! Invariant: the grammar check runs first and is Go's, so Rust's parser only ever sees
//! text that both languages accept.

use super::atoi::underscore_ok;
use super::{ErrorKind, NumError};

const FUNC: &str = "ParseFloat";

/// Go's `strconv.ParseFloat(s, bitSize)`: `bit_size` 32 rounds to the nearest `f32`.
///
/// # Errors
///
/// `Err((value, error))` with Go's value: 0 and `ErrorKind::Syntax` for malformed text,
/// ±infinity and `ErrorKind::Range` when the number overflows.
///
/// ```
/// use minigo_stdlib::strconv::parse_float;
/// assert_eq!(parse_float(b"3.25", 64), Ok(3.25));
/// assert_eq!(parse_float(b"0x1.8p1", 64), Ok(3.0));
/// let (_, err) = parse_float(b"pi", 64).unwrap_err();
/// assert_eq!(err.to_string(), r#"strconv.ParseFloat: parsing "pi": invalid syntax"#);
/// ```
pub fn parse_float(s: &[u8], bit_size: u32) -> Result<f64, (f64, NumError)> {
    if let Some(v) = special(s) {
        return Ok(v);
    }
    let Some(num) = scan(s) else {
        return Err((0.0, NumError::new(FUNC, s, ErrorKind::Syntax)));
    };
    let v = if num.hex {
        hex_value(&num, bit_size == 32)
    } else {
        decimal_value(s, num.underscores, bit_size == 32)
    };
    if v.is_infinite() {
        return Err((v, NumError::new(FUNC, s, ErrorKind::Range)));
    }
    Ok(v)
}

/// Go's `special`: the whole of `s` is `[+-]inf`, `[+-]infinity` or `nan`, any case.
fn special(s: &[u8]) -> Option<f64> {
    let (sign, rest, signed) = match s.first()? {
        b'+' => (1.0, &s[1..], true),
        b'-' => (-1.0, &s[1..], true),
        _ => (1.0, s, false),
    };
    if rest.eq_ignore_ascii_case(b"inf") || rest.eq_ignore_ascii_case(b"infinity") {
        return Some(sign * f64::INFINITY);
    }
    if !signed && rest.eq_ignore_ascii_case(b"nan") {
        return Some(f64::NAN);
    }
    None
}

/// What the syntax scan learned: enough to convert a hexadecimal float exactly.
struct Scanned {
    hex: bool,
    neg: bool,
    underscores: bool,
    mantissa: u64,
    /// The value is `mantissa × 2^exp` (hex only).
    exp: i64,
    /// Non-zero digits were dropped from `mantissa`.
    trunc: bool,
}

/// Go's `readFloat`, requiring the whole input to be consumed. `None` on bad syntax.
fn scan(s: &[u8]) -> Option<Scanned> {
    let mut res = Scanned {
        hex: false,
        neg: false,
        underscores: false,
        mantissa: 0,
        exp: 0,
        trunc: false,
    };
    let mut i = 0;
    match s.first()? {
        b'+' => i = 1,
        b'-' => (res.neg, i) = (true, 1),
        _ => {}
    }
    if i + 2 < s.len() && s[i] == b'0' && s[i + 1].eq_ignore_ascii_case(&b'x') {
        res.hex = true;
        i += 2;
    }
    let (end, dp, nd_mant) = scan_mantissa(s, i, &mut res)?;
    let (end, exp10) = scan_exponent(s, end, &mut res)?;
    if end != s.len() || (res.underscores && !underscore_ok(s)) {
        return None;
    }
    if res.mantissa != 0 {
        res.exp = dp + exp10 - nd_mant;
    }
    Some(res)
}

/// The digits and point: returns where they end, the decimal point position and the
/// number of digits kept in the mantissa (both in bits for hex).
fn scan_mantissa(s: &[u8], mut i: usize, res: &mut Scanned) -> Option<(usize, i64, i64)> {
    let base: u64 = if res.hex { 16 } else { 10 };
    let max_mant_digits = if res.hex { 16 } else { 19 };
    let (mut saw_dot, mut saw_digits) = (false, false);
    let (mut nd, mut nd_mant, mut dp) = (0i64, 0i64, 0i64);
    while let Some(&c) = s.get(i) {
        let digit = match c {
            b'_' => {
                res.underscores = true;
                i += 1;
                continue;
            }
            b'.' if !saw_dot => {
                saw_dot = true;
                dp = nd;
                i += 1;
                continue;
            }
            b'0'..=b'9' => u64::from(c - b'0'),
            b'a'..=b'f' | b'A'..=b'F' if res.hex => u64::from(c.to_ascii_lowercase() - b'a' + 10),
            _ => break,
        };
        saw_digits = true;
        i += 1;
        if c == b'0' && nd == 0 {
            // Leading zeros only move the point.
            dp -= 1;
            continue;
        }
        nd += 1;
        if nd_mant < max_mant_digits {
            res.mantissa = res.mantissa * base + digit;
            nd_mant += 1;
        } else if c != b'0' {
            res.trunc = true;
        }
    }
    if !saw_digits {
        return None;
    }
    if !saw_dot {
        dp = nd;
    }
    let scale = if res.hex { 4 } else { 1 };
    Some((i, dp * scale, nd_mant * scale))
}

/// The optional exponent (`e` decimal, mandatory `p` hex). Returns where it ends and
/// its value, saturated far beyond any float's range.
fn scan_exponent(s: &[u8], mut i: usize, res: &mut Scanned) -> Option<(usize, i64)> {
    let exp_char = if res.hex { b'p' } else { b'e' };
    match s.get(i) {
        Some(c) if c.eq_ignore_ascii_case(&exp_char) => i += 1,
        _ if res.hex => return None,
        _ => return Some((i, 0)),
    }
    let mut sign = 1;
    match s.get(i) {
        Some(b'+') => i += 1,
        Some(b'-') => (sign, i) = (-1, i + 1),
        _ => {}
    }
    if !s.get(i)?.is_ascii_digit() {
        return None;
    }
    let mut e: i64 = 0;
    while let Some(&c) = s.get(i) {
        match c {
            b'_' => res.underscores = true,
            b'0'..=b'9' if e < 10000 => e = e * 10 + i64::from(c - b'0'),
            b'0'..=b'9' => {}
            _ => break,
        }
        i += 1;
    }
    Some((i, sign * e))
}

/// Converts validated decimal text with Rust's correctly rounded parser.
fn decimal_value(s: &[u8], underscores: bool, is32: bool) -> f64 {
    let cleaned;
    let text = if underscores {
        cleaned = s
            .iter()
            .copied()
            .filter(|&b| b != b'_')
            .collect::<Vec<u8>>();
        &cleaned[..]
    } else {
        s
    };
    // The scan accepted only ASCII, and only Go's float grammar, which Rust accepts too.
    let text = std::str::from_utf8(text).unwrap_or("");
    if is32 {
        text.parse::<f32>().map_or(0.0, f64::from)
    } else {
        text.parse::<f64>().unwrap_or(0.0)
    }
}

mod hex;
use hex::hex_value;

#[cfg(test)]
mod tests;
