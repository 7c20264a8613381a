//! Decoding literal values from token text, for the parser's actions.
//!
//! The lexer has already validated every literal and reported what is malformed, so these
//! functions are lenient: given bad text they return some value and never panic. They do
//! not report errors, with one exception the lexer cannot see: an integer too large for
//! `u128` (`int_value` returns `None`, and the parser reports it).
//!
//! Floats are correctly rounded, as Go's `strconv.ParseFloat` is: decimal text goes
//! through Rust's `str::parse::<f64>` (which is correctly rounded), and hexadecimal
//! floats are converted exactly by hand, since Rust's parser does not accept them.
//! Exact (unrounded) constant values come from `crate::constant`, not from here.

use super::escape::{self, Escaped};

/// The value of an integer literal (`42`, `0x_FF`, `0o17`, `017`, `0b1010`, `1_000`), or
/// `None` if it does not fit in a `u128`.
///
/// ```
/// use minigo_lang::lexer::literal::int_value;
/// assert_eq!(int_value("0x_ff"), Some(255));
/// assert_eq!(int_value("017"), Some(15));
/// ```
pub fn int_value(text: &str) -> Option<u128> {
    let (base, digits) = split_base(text);
    let mut acc: u128 = 0;
    for b in digits.bytes().filter(|&b| b != b'_') {
        // A digit the lexer already rejected (`9` in `019`) still counts at face value.
        let digit = char::from(b).to_digit(16).unwrap_or(0);
        acc = acc
            .checked_mul(u128::from(base))?
            .checked_add(u128::from(digit))?;
    }
    Some(acc)
}

/// Splits an integer literal into its base and its digits (without the prefix).
pub(crate) fn split_base(text: &str) -> (u32, &str) {
    let bytes = text.as_bytes();
    match (bytes.first(), bytes.get(1).map(u8::to_ascii_lowercase)) {
        (Some(b'0'), Some(b'x')) => (16, &text[2..]),
        (Some(b'0'), Some(b'o')) => (8, &text[2..]),
        (Some(b'0'), Some(b'b')) => (2, &text[2..]),
        (Some(b'0'), Some(_)) => (8, &text[1..]),
        _ => (10, text),
    }
}

/// The value of a float literal (`1.5`, `.5`, `1e9`, `0x1.8p1`), correctly rounded to the
/// nearest `f64`; `inf` when it overflows (the checker reports that). An `i` suffix, as on
/// an imaginary literal, is ignored.
///
/// ```
/// use minigo_lang::lexer::literal::float_value;
/// assert_eq!(float_value("1_000.5"), 1000.5);
/// assert_eq!(float_value("0x1p-2"), 0.25);
/// ```
pub fn float_value(text: &str) -> f64 {
    let text = text.strip_suffix('i').unwrap_or(text);
    let clean: std::borrow::Cow<str> = if text.contains('_') {
        text.replace('_', "").into()
    } else {
        text.into()
    };
    let bytes = clean.as_bytes();
    if bytes.len() >= 2 && bytes[0] == b'0' && bytes[1].eq_ignore_ascii_case(&b'x') {
        return hex_float(&clean[2..]);
    }
    clean.parse::<f64>().unwrap_or(0.0)
}

/// Converts a hexadecimal float's text after `0x` (`1.8p1`) exactly: the mantissa's bits
/// are gathered into a `u128` (with a sticky bit for any that do not fit), then rounded
/// once, half to even, to the precision of the result (which is less for subnormals).
fn hex_float(text: &str) -> f64 {
    let (mantissa, exponent) = match text.find(['p', 'P']) {
        Some(i) => (
            &text[..i],
            text.get(i + 1..)
                .and_then(|e| e.parse::<i64>().ok())
                .unwrap_or(0),
        ),
        None => (text, 0),
    };
    let mut bits: u128 = 0;
    let mut sticky = false;
    let mut exp2 = exponent.clamp(-100_000, 100_000);
    let mut after_point = false;
    for ch in mantissa.chars() {
        let Some(digit) = ch.to_digit(16) else {
            after_point |= ch == '.';
            continue;
        };
        if bits >> 120 == 0 {
            bits = bits << 4 | u128::from(digit);
            exp2 -= if after_point { 4 } else { 0 };
        } else {
            // Out of room: the digit only matters as "something below is non-zero".
            sticky |= digit != 0;
            exp2 += if after_point { 0 } else { 4 };
        }
    }
    round_to_f64(bits, sticky, exp2)
}

/// `(bits + ε) * 2^exp2` rounded to the nearest `f64`, where ε is a positive amount
/// smaller than one unit of `bits` exactly when `sticky` is set.
fn round_to_f64(bits: u128, sticky: bool, exp2: i64) -> f64 {
    if bits == 0 {
        return 0.0;
    }
    let width = 128 - i64::from(bits.leading_zeros());
    // The value lies in [2^top, 2^(top+1)).
    let top = width - 1 + exp2;
    if top > 1023 {
        return f64::INFINITY;
    }
    // Normal numbers keep 53 significant bits; subnormals lose one per step below -1022.
    let keep = if top >= -1022 { 53 } else { 53 - (-1022 - top) };
    if keep < 0 {
        return 0.0;
    }
    let drop = width - keep;
    if drop <= 0 {
        return scale_by_pow2(bits as f64, exp2);
    }
    // Here 0 < drop <= 128, since keep >= 0 and width <= 128.
    let drop = drop as u32;
    let kept = bits.checked_shr(drop).unwrap_or(0);
    let rest = bits & u128::MAX.checked_shr(128 - drop).unwrap_or(0);
    let half = 1u128 << (drop - 1);
    let round_up = rest > half || (rest == half && (sticky || kept & 1 == 1));
    // `kept + 1` may carry into one more bit; as it is at most 2^53, the f64 is exact.
    scale_by_pow2((kept + u128::from(round_up)) as f64, exp2 + i64::from(drop))
}

/// `x * 2^k`, exact whenever the result is representable. The multiplication is split in
/// steps whose factors are normal powers of two, so no step rounds on the way.
fn scale_by_pow2(mut x: f64, mut k: i64) -> f64 {
    while k != 0 {
        let step = k.clamp(-1000, 1000);
        x *= f64::from_bits(((step + 1023) as u64) << 52);
        k -= step;
        if x == 0.0 || x.is_infinite() {
            break;
        }
    }
    x
}

/// The value of a rune literal, quotes included: `'a'`, `'\n'`, `'\xff'` (255), `'é'`.
///
/// ```
/// use minigo_lang::lexer::literal::rune_value;
/// assert_eq!(rune_value(r"'\u00e9'"), 0xE9);
/// ```
pub fn rune_value(text: &str) -> u32 {
    let body = text.strip_prefix('\'').unwrap_or(text);
    match body.strip_prefix('\\') {
        Some(rest) => match escape::parse(rest, b'\'').1 {
            Ok(Escaped::Byte(b)) => u32::from(b),
            Ok(Escaped::Char(ch)) => u32::from(ch),
            Err(_) => 0,
        },
        None => body
            .chars()
            .next()
            .filter(|&ch| ch != '\'')
            .map_or(0, u32::from),
    }
}

/// The bytes of a string literal, quotes included: interpreted (`"a\tb"`, where `\xff` is
/// one byte and `\u00e9` is its UTF-8 encoding) or raw (`` `a\tb` ``, taken verbatim except
/// that carriage returns are dropped, as the spec says).
///
/// ```
/// use minigo_lang::lexer::literal::string_value;
/// assert_eq!(&*string_value(r#""\xffé""#), b"\xff\xc3\xa9");
/// assert_eq!(&*string_value("`a\r\nb`"), b"a\nb");
/// ```
pub fn string_value(text: &str) -> Box<[u8]> {
    if let Some(raw) = text.strip_prefix('`') {
        let body = raw.strip_suffix('`').unwrap_or(raw);
        return body.bytes().filter(|&b| b != b'\r').collect();
    }
    let body = text.strip_prefix('"').unwrap_or(text);
    let mut out = Vec::with_capacity(body.len());
    let mut pos = 0;
    while let Some(ch) = body.get(pos..).and_then(|rest| rest.chars().next()) {
        match ch {
            '"' => break,
            '\\' => {
                let (len, res) = escape::parse(&body[pos + 1..], b'"');
                match res {
                    Ok(Escaped::Byte(b)) => out.push(b),
                    Ok(Escaped::Char(c)) => {
                        out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes())
                    }
                    // Keep bad escapes' text so the rest of the string is still right.
                    Err(_) => out.push(b'\\'),
                }
                pos += 1 + len;
            }
            _ => {
                out.extend_from_slice(ch.encode_utf8(&mut [0; 4]).as_bytes());
                pos += ch.len_utf8();
            }
        }
    }
    out.into_boxed_slice()
}

#[cfg(test)]
mod tests;
