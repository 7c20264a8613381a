//! Go's spelling of a constant in messages: `300`, `1.5`, `1e+100`, `"abc"`, `true`.
//!
//! This follows `go/constant`'s `String` methods, which Go's type checker prints in its
//! messages: integers in full, floats as `%.6g` of their nearest `f64` (more digits when
//! six would make a fraction look whole), strings quoted with Go's escapes and cut to 72
//! characters. Nothing here is used to print program output.

use std::fmt;

use num_rational::BigRational;
use num_traits::{ToPrimitive, Zero};

use super::Value;

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Bool(b) => write!(f, "{b}"),
            Value::Int(n) => write!(f, "{n}"),
            Value::Float(r) => f.write_str(&float_string(r)),
            Value::Str(bytes) => f.write_str(&short_quote(bytes)),
            Value::Unknown => f.write_str("unknown"),
        }
    }
}

/// A float constant as `go/constant` prints it.
fn float_string(r: &BigRational) -> String {
    let x = if r.is_zero() {
        0.0
    } else {
        r.to_f64().unwrap_or(f64::NAN)
    };
    if x.is_finite() && (x == 0.0) == r.is_zero() {
        let short = format_g(x, Some(6));
        if !r.is_integer() && !short.contains('.') {
            return format_g(x, None);
        }
        return short;
    }
    huge_float_string(r)
}

/// A float beyond `f64`'s range, approximated as `m.mmmmme+D` from its binary exponent.
fn huge_float_string(r: &BigRational) -> String {
    let exp2 = r.numer().bits() as i64 - r.denom().bits() as i64;
    // mantissa = r / 2^exp2, within a factor of two of 1, so it converts without overflow.
    let power = num_bigint::BigInt::from(1) << exp2.unsigned_abs() as usize;
    let mantissa = if exp2 >= 0 { r / power } else { r * power };
    let mut m = mantissa.to_f64().unwrap_or(1.0);
    let d = exp2 as f64 * std::f64::consts::LOG10_2;
    let mut e = d.trunc() as i64;
    m *= 10f64.powf(d - e as f64);
    if m.abs() < 1.0 - 0.5e-6 {
        m *= 10.0;
        e -= 1;
    } else if m.abs() >= 10.0 {
        m /= 10.0;
        e += 1;
    }
    format!("{}e{e:+}", format_g(m, Some(6)))
}

/// C's and Go's `%g`: `%.{precision}g`, or the shortest round-trip form for `None`.
/// Exponential form is used when the decimal exponent is below -4 or at least the
/// precision (6 for the shortest form), with at least two exponent digits.
pub(super) fn format_g(x: f64, precision: Option<usize>) -> String {
    let sci = match precision {
        Some(p) => format!("{:.*e}", p.max(1) - 1, x),
        None => format!("{x:e}"),
    };
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i64 = exp.parse().unwrap_or(0);
    let (sign, mantissa) = mantissa
        .strip_prefix('-')
        .map_or(("", mantissa), |m| ("-", m));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let digits = match digits.trim_end_matches('0') {
        "" => "0",
        trimmed => trimmed,
    };
    let n_digits = digits.len() as i64;
    let point = exp + 1; // The decimal point sits after `point` digits.
    let exp_limit = match precision {
        Some(p) if (p as i64) > n_digits && n_digits >= point => n_digits,
        Some(p) => p as i64,
        None => 6,
    };
    if exp < -4 || exp >= exp_limit {
        let (first, rest) = digits.split_at(1);
        let dot = if rest.is_empty() { "" } else { "." };
        let exp_sign = if exp < 0 { '-' } else { '+' };
        return format!("{sign}{first}{dot}{rest}e{exp_sign}{:02}", exp.abs());
    }
    format!("{sign}{}", place_point(digits, point))
}

/// `digits` with a decimal point after `point` of them, padding with zeros as needed.
fn place_point(digits: &str, point: i64) -> String {
    if point <= 0 {
        return format!("0.{}{digits}", "0".repeat(point.unsigned_abs() as usize));
    }
    let point = point as usize;
    if point >= digits.len() {
        return format!("{digits}{}", "0".repeat(point - digits.len()));
    }
    format!("{}.{}", &digits[..point], &digits[point..])
}

/// Go's `strconv.Quote` of a byte string, cut to 72 characters with `...` as
/// `go/constant` does.
fn short_quote(bytes: &[u8]) -> String {
    const MAX_CHARS: usize = 72;
    let quoted = quote(bytes);
    if quoted.chars().count() <= MAX_CHARS {
        return quoted;
    }
    let mut cut: String = quoted.chars().take(MAX_CHARS - 3).collect();
    cut.push_str("...");
    cut
}

/// Go's `strconv.Quote`: printable characters as themselves, the usual escapes, other
/// characters as `\u`/`\U` and bytes of invalid UTF-8 as `\x`.
pub(super) fn quote(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + 2);
    out.push('"');
    for chunk in bytes.utf8_chunks() {
        for ch in chunk.valid().chars() {
            push_quoted_char(&mut out, ch);
        }
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out.push('"');
    out
}

fn push_quoted_char(out: &mut String, ch: char) {
    match ch {
        '\x07' => out.push_str("\\a"),
        '\x08' => out.push_str("\\b"),
        '\x0C' => out.push_str("\\f"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\x0B' => out.push_str("\\v"),
        '\\' => out.push_str("\\\\"),
        '"' => out.push_str("\\\""),
        _ if (ch as u32) < 0x20 || ch == '\x7F' => out.push_str(&format!("\\x{:02x}", ch as u32)),
        _ if ch.is_control() || (ch.is_whitespace() && ch != ' ') => {
            if (ch as u32) < 0x10000 {
                out.push_str(&format!("\\u{:04x}", ch as u32));
            } else {
                out.push_str(&format!("\\U{:08x}", ch as u32));
            }
        }
        _ => out.push(ch),
    }
}
