//! Exact values of literal tokens, from their source text.
//!
//! `ast::Lit::Float` holds the nearest `f64`, which is right for code generation but not
//! for constant arithmetic: Go evaluates `0.1 + 0.2` exactly before rounding. So the
//! checker builds a literal's constant from its text with [`value`]: a decimal float is
//! `digits * 10^exp` as a rational, a hexadecimal one `digits * 2^exp`. Runes and strings
//! reuse `lexer::literal`'s decoders. As there, the text is assumed already validated by
//! the lexer; malformed text yields some value, never a panic.

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::Zero;

use super::ops::{checked_float, checked_int};
use super::{ConstError, Value};
use crate::lexer::literal;
use crate::token::Token;

/// A decimal exponent beyond this needs more than `MAX_FLOAT_BITS` bits whatever the
/// digits; refusing it early avoids computing an enormous power of ten.
const MAX_DECIMAL_EXPONENT: i64 = 10_000;

/// The exact value of the literal `text` of kind `token`.
pub(super) fn value(token: Token, text: &str) -> Result<Value, ConstError> {
    match token {
        Token::Int => checked_int(int(text), "literal"),
        Token::Float => float(text),
        Token::Rune => Ok(Value::Int(BigInt::from(literal::rune_value(text)))),
        Token::String | Token::RawString => Ok(Value::Str(literal::string_value(text))),
        _ => Err(ConstError::Mismatch),
    }
}

/// An integer literal of any size.
fn int(text: &str) -> BigInt {
    let clean = text.replace('_', "");
    let (base, digits) = literal::split_base(&clean);
    BigInt::parse_bytes(digits.as_bytes(), base).unwrap_or_default()
}

/// A decimal or hexadecimal float literal, exactly.
fn float(text: &str) -> Result<Value, ConstError> {
    let clean = text.replace('_', "");
    let hex = clean.starts_with("0x") || clean.starts_with("0X");
    let body = if hex { &clean[2..] } else { &clean[..] };
    let exp_marker: &[char] = if hex { &['p', 'P'] } else { &['e', 'E'] };
    let (mantissa, exp) = match body.split_once(exp_marker) {
        Some((m, e)) => (m, e.parse::<i64>().unwrap_or(0)),
        None => (body, 0),
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{int_part}{frac_part}");
    let base = if hex { 16 } else { 10 };
    let n = BigInt::parse_bytes(digits.as_bytes(), base).unwrap_or_default();
    // Each fractional digit divides by the base: one power of ten, or four of two.
    let frac_len = frac_part.len() as i64;
    let (radix, exp) = if hex {
        (2u32, exp - 4 * frac_len)
    } else {
        (10u32, exp - frac_len)
    };
    if n.is_zero() {
        return Ok(Value::Float(BigRational::zero()));
    }
    if exp.abs() > MAX_DECIMAL_EXPONENT * if hex { 4 } else { 1 } {
        return Err(ConstError::Overflow { op: "literal" });
    }
    let power = num_traits::pow(BigInt::from(radix), exp.unsigned_abs() as usize);
    let r = if exp >= 0 {
        BigRational::from_integer(n * power)
    } else {
        BigRational::new(n, power)
    };
    checked_float(r, "literal")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn float_value(text: &str) -> BigRational {
        match value(Token::Float, text) {
            Ok(Value::Float(r)) => r,
            other => panic!("{text}: {other:?}"),
        }
    }

    fn ratio(n: i64, d: i64) -> BigRational {
        BigRational::new(BigInt::from(n), BigInt::from(d))
    }

    #[test]
    fn decimal_floats_are_exact() {
        assert_eq!(float_value("0.1"), ratio(1, 10));
        assert_eq!(float_value("1_000.25"), ratio(4001, 4));
        assert_eq!(float_value(".5"), ratio(1, 2));
        assert_eq!(float_value("1."), ratio(1, 1));
        assert_eq!(float_value("15e-1"), ratio(3, 2));
        assert_eq!(float_value("1E3"), ratio(1000, 1));
        assert_eq!(float_value("0e0"), ratio(0, 1));
    }

    #[test]
    fn hex_floats_are_exact() {
        assert_eq!(float_value("0x1p-2"), ratio(1, 4));
        assert_eq!(float_value("0x1.8p1"), ratio(3, 1));
        assert_eq!(float_value("0X_1FP+0"), ratio(31, 1));
    }

    #[test]
    fn absurd_exponents_overflow() {
        assert_eq!(
            value(Token::Float, "1e100000"),
            Err(ConstError::Overflow { op: "literal" })
        );
        assert!(value(Token::Float, "1e1000").is_ok());
    }

    #[test]
    fn integers_of_any_size() {
        // 2^144 - 1.
        let big = value(Token::Int, "0xFFFF_FFFF_FFFF_FFFF_FFFF_FFFF_FFFF_FFFF_FFFF")
            .map(|v| v.to_string());
        assert_eq!(
            big,
            Ok("22300745198530623141535718272648361505980415".to_owned())
        );
        assert_eq!(value(Token::Int, "017"), Ok(Value::from_i64(15)));
        assert_eq!(value(Token::Int, "0o17"), Ok(Value::from_i64(15)));
        assert_eq!(value(Token::Int, "0b1010"), Ok(Value::from_i64(10)));
        assert_eq!(value(Token::Int, "0"), Ok(Value::from_i64(0)));
        assert_eq!(value(Token::Rune, "'\\n'"), Ok(Value::from_i64(10)));
        assert_eq!(
            value(Token::String, "\"a\\x00\""),
            Ok(Value::Str(Box::new(*b"a\0")))
        );
        assert_eq!(value(Token::Imag, "1i"), Err(ConstError::Mismatch));
    }
}
