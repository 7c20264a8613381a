//! Go's integer and boolean conversions: `FormatInt`, `FormatUint`, `Itoa`, `Atoi`,
//! `ParseInt`, `ParseUint`, `ParseBool`, `FormatBool`.
//!
//! Owns Go's integer syntax (sign, base prefixes for base 0, `_` separators for base 0
//! only) and its error values: on overflow the parsers return the clamped bound together
//! with `ErrorKind::Range`, as Go does. Float syntax lives in `atof`.
//!
//! Invariant: like Go, the digit loop reports overflow as soon as it happens, so
//! `"99999999999999999999x"` is a range error, not a syntax error.

use super::{ErrorKind, NumError};

const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";

/// Go's `strconv.FormatUint`: `v` in `base`, lower-case letters for digits above 9.
///
/// Go panics on a base outside `2..=36`; callers check that first (the Go panic is theirs
/// to raise), and here such a base is clamped into range.
///
/// ```
/// use minigo_stdlib::strconv::format_uint;
/// assert_eq!(format_uint(255, 16), "ff");
/// ```
pub fn format_uint(v: u64, base: u32) -> String {
    let mut out = Vec::with_capacity(20);
    format_uint_into(&mut out, v, base);
    String::from_utf8(out).unwrap_or_default()
}

/// Go's `strconv.FormatInt`: `v` in `base`, with a leading `-` when negative.
///
/// ```
/// use minigo_stdlib::strconv::format_int;
/// assert_eq!(format_int(-255, 16), "-ff");
/// ```
pub fn format_int(v: i64, base: u32) -> String {
    let mut out = Vec::with_capacity(20);
    format_int_into(&mut out, v, base);
    String::from_utf8(out).unwrap_or_default()
}

/// Appends `format_int(v, base)` to `out`.
pub fn format_int_into(out: &mut Vec<u8>, v: i64, base: u32) {
    if v < 0 {
        out.push(b'-');
    }
    format_uint_into(out, v.unsigned_abs(), base);
}

/// Appends `format_uint(v, base)` to `out`.
pub fn format_uint_into(out: &mut Vec<u8>, mut v: u64, base: u32) {
    let base = u64::from(base.clamp(2, 36));
    let mut buf = [0u8; 64];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = DIGITS[usize::try_from(v % base).unwrap_or(0)];
        v /= base;
        if v == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[i..]);
}

/// Go's `strconv.Itoa`.
pub fn itoa(v: i64) -> String {
    format_int(v, 10)
}

/// Go's `strconv.FormatBool`.
pub fn format_bool(b: bool) -> &'static str {
    if b { "true" } else { "false" }
}

/// Go's `strconv.ParseBool`: `1 t T TRUE true True` and `0 f F FALSE false False`.
///
/// # Errors
///
/// A `ParseBool` syntax error for any other text.
pub fn parse_bool(s: &[u8]) -> Result<bool, NumError> {
    match s {
        b"1" | b"t" | b"T" | b"TRUE" | b"true" | b"True" => Ok(true),
        b"0" | b"f" | b"F" | b"FALSE" | b"false" | b"False" => Ok(false),
        _ => Err(NumError::new("ParseBool", s, ErrorKind::Syntax)),
    }
}

/// Go's `strconv.Atoi` (with Go's 64-bit `int`): decimal, optional sign.
///
/// # Errors
///
/// As `parse_int`, with the function named `Atoi`.
///
/// ```
/// use minigo_stdlib::strconv::atoi;
/// assert_eq!(atoi(b"-42"), Ok(-42));
/// let (_, err) = atoi(b"12a").unwrap_err();
/// assert_eq!(err.to_string(), r#"strconv.Atoi: parsing "12a": invalid syntax"#);
/// ```
pub fn atoi(s: &[u8]) -> Result<i64, (i64, NumError)> {
    parse_int(s, 10, 0).map_err(|(v, mut e)| {
        e.func = "Atoi";
        (v, e)
    })
}

/// Go's `strconv.ParseInt`: `s` in `base` (0 means: from the prefix) as a signed integer of
/// `bit_size` bits (0 means 64).
///
/// # Errors
///
/// `Err((value, error))` where `value` is what Go returns alongside the error: the
/// clamped bound for `ErrorKind::Range`, 0 otherwise.
pub fn parse_int(s: &[u8], base: i64, bit_size: i64) -> Result<i64, (i64, NumError)> {
    let (neg, digits) = match s.split_first() {
        Some((b'+', rest)) => (false, rest),
        Some((b'-', rest)) => (true, rest),
        _ => (false, s),
    };
    let un = match parse_uint_as(digits, base, bit_size, "ParseInt", s) {
        Ok(un) => un,
        Err((_, e)) if e.err != ErrorKind::Range => return Err((0, e)),
        Err((un, _)) => un,
    };
    let bit_size = if bit_size == 0 { 64 } else { bit_size };
    let cutoff = 1u64 << (bit_size - 1);
    let range_err = || NumError::new("ParseInt", s, ErrorKind::Range);
    if !neg && un >= cutoff {
        return Err((i64::try_from(cutoff - 1).unwrap_or(i64::MAX), range_err()));
    }
    if neg && un > cutoff {
        return Err((0i64.wrapping_sub_unsigned(cutoff), range_err()));
    }
    let n = 0i64.wrapping_add_unsigned(un);
    Ok(if neg { n.wrapping_neg() } else { n })
}

/// Go's `strconv.ParseUint`: like `parse_int` without a sign.
///
/// # Errors
///
/// As `parse_int`; the clamped value on overflow is the largest `bit_size`-bit number.
pub fn parse_uint(s: &[u8], base: i64, bit_size: i64) -> Result<u64, (u64, NumError)> {
    parse_uint_as(s, base, bit_size, "ParseUint", s)
}

/// `ParseUint`'s body, reporting errors as `func` on the text `whole`.
fn parse_uint_as(
    s: &[u8],
    base: i64,
    bit_size: i64,
    func: &'static str,
    whole: &[u8],
) -> Result<u64, (u64, NumError)> {
    let fail = |v: u64, kind: ErrorKind| Err((v, NumError::new(func, whole, kind)));
    if s.is_empty() {
        return fail(0, ErrorKind::Syntax);
    }
    let base0 = base == 0;
    let (base, digits) = match base {
        2..=36 => (base, s),
        0 => base_from_prefix(s),
        _ => return fail(0, ErrorKind::Base(base)),
    };
    let bit_size = match bit_size {
        0 => 64,
        1..=64 => bit_size,
        _ => return fail(0, ErrorKind::BitSize(bit_size)),
    };
    let base = u64::try_from(base).unwrap_or(10);
    let max_val = u64::MAX >> (64 - bit_size);
    match accumulate(digits, base, base0, max_val) {
        Ok((_, true)) if !underscore_ok(whole) => fail(0, ErrorKind::Syntax),
        Ok((n, _)) => Ok(n),
        Err((v, kind)) => fail(v, kind),
    }
}

/// The digit loop of Go's `ParseUint`: the value and whether `_` separators were seen,
/// or the error with the value Go returns beside it. Overflow is reported at the first
/// digit that causes it, before any later syntax error.
fn accumulate(
    digits: &[u8],
    base: u64,
    base0: bool,
    max_val: u64,
) -> Result<(u64, bool), (u64, ErrorKind)> {
    let cutoff = u64::MAX / base + 1;
    let mut underscores = false;
    let mut n: u64 = 0;
    for &c in digits {
        let d = match c {
            b'_' if base0 => {
                underscores = true;
                continue;
            }
            b'0'..=b'9' => c - b'0',
            b'a'..=b'z' | b'A'..=b'Z' => c.to_ascii_lowercase() - b'a' + 10,
            _ => return Err((0, ErrorKind::Syntax)),
        };
        if u64::from(d) >= base {
            return Err((0, ErrorKind::Syntax));
        }
        if n >= cutoff {
            return Err((max_val, ErrorKind::Range));
        }
        match (n * base).checked_add(u64::from(d)) {
            Some(next) if next <= max_val => n = next,
            _ => return Err((max_val, ErrorKind::Range)),
        }
    }
    Ok((n, underscores))
}

/// Base 0: the base from Go's prefixes `0b`, `0o`, `0x`, or a bare leading `0` (octal).
fn base_from_prefix(s: &[u8]) -> (i64, &[u8]) {
    match s {
        [b'0', p, rest @ ..] if !rest.is_empty() && matches!(p, b'b' | b'B') => (2, rest),
        [b'0', p, rest @ ..] if !rest.is_empty() && matches!(p, b'o' | b'O') => (8, rest),
        [b'0', p, rest @ ..] if !rest.is_empty() && matches!(p, b'x' | b'X') => (16, rest),
        [b'0', rest @ ..] => (8, rest),
        _ => (10, s),
    }
}

/// Go's `underscoreOK`: underscores may only separate digits, or follow a base prefix.
pub(crate) fn underscore_ok(s: &[u8]) -> bool {
    // `saw` is the class of the last character: '^' start, '0' digit or prefix, '_'
    // underscore, '!' anything else.
    let mut saw = b'^';
    let s = match s.first() {
        Some(b'+' | b'-') => &s[1..],
        _ => s,
    };
    let mut hex = false;
    let mut i = 0;
    if s.len() >= 2 && s[0] == b'0' && matches!(s[1].to_ascii_lowercase(), b'b' | b'o' | b'x') {
        i = 2;
        saw = b'0';
        hex = s[1].eq_ignore_ascii_case(&b'x');
    }
    for &c in &s[i..] {
        if c.is_ascii_digit() || (hex && c.is_ascii_hexdigit()) {
            saw = b'0';
        } else if c == b'_' {
            if saw != b'0' {
                return false;
            }
            saw = b'_';
        } else if saw == b'_' {
            return false;
        } else {
            saw = b'!';
        }
    }
    saw != b'_'
}

#[cfg(test)]
mod tests;
