//! Tests for constant arithmetic, conversions, representability and formatting.

use super::*;
use crate::ast::{BinaryOp, UnaryOp};
use crate::token::Token;

fn int(n: i64) -> Value {
    Value::from_i64(n)
}

fn float(text: &str) -> Value {
    Value::from_literal(Token::Float, text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn big(text: &str) -> Value {
    Value::from_literal(Token::Int, text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn bin(op: BinaryOp, x: &Value, y: &Value) -> Value {
    binary(op, x, y).unwrap_or_else(|e| panic!("{x} {op:?} {y}: {e}"))
}

fn str_value(s: &str) -> Value {
    Value::Str(s.as_bytes().into())
}

#[test]
fn integer_arithmetic_is_exact_and_truncates_division() {
    assert_eq!(bin(BinaryOp::Add, &int(2), &int(3)), int(5));
    assert_eq!(bin(BinaryOp::Sub, &int(2), &int(3)), int(-1));
    assert_eq!(bin(BinaryOp::Mul, &int(-4), &int(3)), int(-12));
    assert_eq!(bin(BinaryOp::Quo, &int(7), &int(2)), int(3));
    assert_eq!(bin(BinaryOp::Quo, &int(-7), &int(2)), int(-3));
    assert_eq!(bin(BinaryOp::Rem, &int(-7), &int(2)), int(-1));
    assert_eq!(bin(BinaryOp::Rem, &int(7), &int(-2)), int(1));
}

#[test]
fn float_division_is_exact() {
    assert_eq!(bin(BinaryOp::Quo, &float("7.0"), &int(2)), float("3.5"));
    assert_eq!(
        bin(BinaryOp::Quo, &int(1), &float("3.0")).to_string(),
        "0.333333"
    );
    let third = bin(BinaryOp::Quo, &float("1.0"), &int(3));
    assert_eq!(bin(BinaryOp::Mul, &third, &int(3)), float("1"));
}

#[test]
fn decimal_fractions_add_exactly() {
    let sum = bin(BinaryOp::Add, &float("0.1"), &float("0.2"));
    assert_eq!(sum, float("0.3"));
    assert_eq!(sum.as_f64(), Some(0.3));
}

#[test]
fn integers_go_far_beyond_64_bits() {
    let shifted = bin(BinaryOp::Shl, &int(1), &int(100));
    assert_eq!(shifted.to_string(), "1267650600228229401496703205376");
    assert_eq!(bin(BinaryOp::Shr, &shifted, &int(98)), int(4));
    let max_u64 = bin(
        BinaryOp::Sub,
        &bin(BinaryOp::Shl, &int(1), &int(64)),
        &int(1),
    );
    assert_eq!(max_u64, big("18446744073709551615"));
    assert_eq!(max_u64.as_u64(), Some(u64::MAX));
    assert_eq!(max_u64.as_i64(), None);
}

#[test]
fn results_past_512_bits_overflow() {
    assert!(binary(BinaryOp::Shl, &int(1), &int(511)).is_ok());
    assert_eq!(
        binary(BinaryOp::Shl, &int(1), &int(512)),
        Err(ConstError::Overflow { op: "shift" })
    );
    let huge = bin(BinaryOp::Shl, &int(1), &int(300));
    assert_eq!(
        binary(BinaryOp::Mul, &huge, &huge),
        Err(ConstError::Overflow {
            op: "multiplication"
        })
    );
    assert_eq!(
        ConstError::Overflow {
            op: "multiplication"
        }
        .to_string(),
        "constant multiplication overflow"
    );
}

#[test]
fn division_by_zero_is_an_error() {
    assert_eq!(
        binary(BinaryOp::Quo, &int(1), &int(0)),
        Err(ConstError::DivisionByZero)
    );
    assert_eq!(
        binary(BinaryOp::Rem, &int(1), &int(0)),
        Err(ConstError::DivisionByZero)
    );
    assert_eq!(
        binary(BinaryOp::Quo, &float("1.5"), &float("0.0")),
        Err(ConstError::DivisionByZero)
    );
    assert_eq!(
        ConstError::DivisionByZero.to_string(),
        "invalid operation: division by zero"
    );
}

#[test]
fn bitwise_operators_use_twos_complement() {
    assert_eq!(bin(BinaryOp::And, &int(12), &int(10)), int(8));
    assert_eq!(bin(BinaryOp::Or, &int(12), &int(10)), int(14));
    assert_eq!(bin(BinaryOp::Xor, &int(12), &int(10)), int(6));
    assert_eq!(bin(BinaryOp::AndNot, &int(12), &int(10)), int(4));
    assert_eq!(bin(BinaryOp::And, &int(-1), &int(255)), int(255));
    assert_eq!(bin(BinaryOp::AndNot, &int(-1), &int(1)), int(-2));
}

#[test]
fn shifts() {
    assert_eq!(shift(BinaryOp::Shr, &int(-5), 1), Ok(int(-3)));
    assert_eq!(shift(BinaryOp::Shr, &int(-5), 1000), Ok(int(-1)));
    assert_eq!(shift(BinaryOp::Shr, &int(5), 1000), Ok(int(0)));
    assert_eq!(shift(BinaryOp::Shl, &int(0), 100_000), Ok(int(0)));
    assert_eq!(shift(BinaryOp::Shl, &float("2.0"), 3), Ok(int(16)));
    assert_eq!(
        shift(BinaryOp::Shl, &float("2.5"), 3),
        Err(ConstError::Truncated)
    );
    assert_eq!(
        binary(BinaryOp::Shl, &int(1), &int(-1)),
        Err(ConstError::InvalidShiftCount)
    );
    assert_eq!(
        binary(BinaryOp::Shl, &int(1), &float("1.5")),
        Err(ConstError::InvalidShiftCount)
    );
}

#[test]
fn comparisons() {
    let yes = Ok(Value::Bool(true));
    let no = Ok(Value::Bool(false));
    assert_eq!(compare(BinaryOp::Lss, &int(1), &float("1.5")), yes);
    assert_eq!(compare(BinaryOp::Eql, &int(2), &float("2.0")), yes);
    assert_eq!(compare(BinaryOp::Geq, &int(-3), &int(2)), no);
    assert_eq!(compare(BinaryOp::Leq, &int(2), &int(2)), yes);
    assert_eq!(
        compare(BinaryOp::Gtr, &str_value("b"), &str_value("abc")),
        yes
    );
    assert_eq!(
        compare(BinaryOp::Neq, &Value::Bool(true), &Value::Bool(false)),
        yes
    );
    assert_eq!(
        compare(BinaryOp::Lss, &Value::Bool(true), &Value::Bool(false)),
        Err(ConstError::Mismatch)
    );
    assert_eq!(binary(BinaryOp::Eql, &str_value("a"), &str_value("a")), yes);
}

#[test]
fn logical_and_string_operators() {
    let (t, f) = (Value::Bool(true), Value::Bool(false));
    assert_eq!(bin(BinaryOp::LAnd, &t, &f), f);
    assert_eq!(bin(BinaryOp::LOr, &t, &f), t);
    assert_eq!(
        bin(BinaryOp::Add, &str_value("ab"), &str_value("c")),
        str_value("abc")
    );
    assert_eq!(
        binary(BinaryOp::Sub, &str_value("ab"), &str_value("c")),
        Err(ConstError::Mismatch)
    );
    assert_eq!(
        binary(BinaryOp::Add, &int(1), &str_value("c")),
        Err(ConstError::Mismatch)
    );
    assert_eq!(
        binary(BinaryOp::Rem, &float("1.5"), &int(1)),
        Err(ConstError::Mismatch)
    );
}

#[test]
fn unary_operators() {
    assert_eq!(unary(UnaryOp::Neg, &int(5), None), Ok(int(-5)));
    assert_eq!(unary(UnaryOp::Neg, &float("1.5"), None), Ok(float("-1.5")));
    assert_eq!(unary(UnaryOp::Pos, &float("1.5"), None), Ok(float("1.5")));
    assert_eq!(
        unary(UnaryOp::Not, &Value::Bool(true), None),
        Ok(Value::Bool(false))
    );
    assert_eq!(unary(UnaryOp::BitNot, &int(5), None), Ok(int(-6)));
    assert_eq!(unary(UnaryOp::BitNot, &int(1), Some(8)), Ok(int(254)));
    assert_eq!(
        unary(UnaryOp::BitNot, &int(0), Some(64)),
        Ok(big("18446744073709551615"))
    );
    assert_eq!(
        unary(UnaryOp::Not, &int(1), None),
        Err(ConstError::Mismatch)
    );
    assert_eq!(
        unary(UnaryOp::Addr, &int(1), None),
        Err(ConstError::Mismatch)
    );
}

#[test]
fn unknown_propagates_without_error() {
    let u = Value::Unknown;
    assert_eq!(binary(BinaryOp::Quo, &int(1), &u), Ok(Value::Unknown));
    assert_eq!(binary(BinaryOp::Eql, &u, &int(1)), Ok(Value::Unknown));
    assert_eq!(unary(UnaryOp::Neg, &u, None), Ok(Value::Unknown));
    assert_eq!(shift(BinaryOp::Shl, &u, 3), Ok(Value::Unknown));
    assert_eq!(represent(&u, NumKind::Int8), Ok(Value::Unknown));
    assert_eq!(to_int(&u), Ok(Value::Unknown));
}

#[test]
fn conversions_between_kinds() {
    assert_eq!(to_float(&int(3)), Ok(float("3.0")));
    assert_eq!(to_int(&float("3.0")), Ok(int(3)));
    assert_eq!(to_int(&float("3.5")), Err(ConstError::Truncated));
    assert_eq!(to_int(&str_value("3")), Err(ConstError::Mismatch));
    assert_eq!(to_float(&Value::Bool(true)), Err(ConstError::Mismatch));
    assert_eq!(float("1e3").as_i64(), Some(1000));
}

#[test]
fn integer_ranges_of_every_sized_type() {
    let table: [(NumKind, &str, &str); 11] = [
        (NumKind::Int8, "-128", "127"),
        (NumKind::Int16, "-32768", "32767"),
        (NumKind::Int32, "-2147483648", "2147483647"),
        (
            NumKind::Int64,
            "-9223372036854775808",
            "9223372036854775807",
        ),
        (NumKind::Int, "-9223372036854775808", "9223372036854775807"),
        (NumKind::Uint8, "0", "255"),
        (NumKind::Uint16, "0", "65535"),
        (NumKind::Uint32, "0", "4294967295"),
        (NumKind::Uint64, "0", "18446744073709551615"),
        (NumKind::Uint, "0", "18446744073709551615"),
        (NumKind::Uintptr, "0", "18446744073709551615"),
    ];
    for (kind, min, max) in table {
        let (min, max) = (signed_big(min), signed_big(max));
        assert!(
            fits(&min, kind) && fits(&max, kind),
            "{kind:?} holds {min} and {max}"
        );
        let below = bin(BinaryOp::Sub, &min, &int(1));
        let above = bin(BinaryOp::Add, &max, &int(1));
        assert_eq!(
            represent(&below, kind),
            Err(ConstError::Overflows),
            "{kind:?} {below}"
        );
        assert_eq!(
            represent(&above, kind),
            Err(ConstError::Overflows),
            "{kind:?} {above}"
        );
    }
}

fn signed_big(text: &str) -> Value {
    match text.strip_prefix('-') {
        Some(digits) => unary(UnaryOp::Neg, &big(digits), None).unwrap_or(Value::Unknown),
        None => big(text),
    }
}

#[test]
fn the_classic_cases() {
    assert!(!fits(&int(300), NumKind::Uint8));
    assert!(!fits(&int(-1), NumKind::Uint));
    let two_63 = bin(BinaryOp::Shl, &int(1), &int(63));
    assert!(fits(&two_63, NumKind::Uint64));
    assert!(!fits(&two_63, NumKind::Int64));
    assert_eq!(
        represent(&float("1.5"), NumKind::Int),
        Err(ConstError::Truncated)
    );
    assert_eq!(represent(&float("2.0"), NumKind::Int8), Ok(int(2)));
    assert_eq!(
        represent(&str_value("x"), NumKind::Int),
        Err(ConstError::Mismatch)
    );
    assert!(NumKind::ALL.iter().all(|&k| fits(&int(0), k)));
}

#[test]
fn floats_round_to_their_type() {
    let tenth = float("0.1");
    assert_eq!(
        represent(&tenth, NumKind::Float64)
            .ok()
            .and_then(|v| v.as_f64()),
        Some(0.1)
    );
    let as_f32 = represent(&tenth, NumKind::Float32)
        .ok()
        .and_then(|v| v.as_f64());
    assert_eq!(as_f32, Some(f64::from(0.1f32)));
    assert_eq!(represent(&int(7), NumKind::Float64), Ok(float("7")));
    // 2^24 + 1 is a tie between two float32s; it rounds to the even one.
    let tie = int((1 << 24) + 1);
    assert_eq!(
        represent(&tie, NumKind::Float32),
        Ok(int(1 << 24).into_float())
    );
    assert!(fits(&float("3.4028234663852886e38"), NumKind::Float32));
    assert!(!fits(&float("3.5e38"), NumKind::Float32));
    // Half an ulp above float32's largest value rounds (to even) up to infinity.
    let max32_and_half = Value::from_f64(f64::from(f32::MAX) + 2f64.powi(103));
    assert_eq!(
        represent(&max32_and_half, NumKind::Float32),
        Err(ConstError::Overflows)
    );
    let just_below = Value::from_f64(f64::from(f32::MAX) + 2f64.powi(102));
    assert!(fits(&just_below, NumKind::Float32));
    assert!(fits(&float("1.7976931348623157e308"), NumKind::Float64));
    assert!(!fits(&float("1.8e308"), NumKind::Float64));
    assert!(
        fits(&float("1e-400"), NumKind::Float64),
        "underflow rounds to zero, as in Go"
    );
    let smallest = represent(&float("4.9406564584124654e-324"), NumKind::Float64);
    assert_eq!(
        smallest.ok().and_then(|v| v.as_f64()),
        Some(f64::from_bits(1))
    );
    let half_smallest = represent(&float("2.4703282292062327e-324"), NumKind::Float64);
    assert_eq!(half_smallest.ok().and_then(|v| v.as_f64()), Some(0.0));
}

impl Value {
    fn into_float(self) -> Value {
        to_float(&self).unwrap_or(Value::Unknown)
    }
}

#[test]
fn formatting_matches_go() {
    assert_eq!(int(300).to_string(), "300");
    assert_eq!(int(-7).to_string(), "-7");
    assert_eq!(float("1.5").to_string(), "1.5");
    assert_eq!(float("2.0").to_string(), "2");
    assert_eq!(float("100000").to_string(), "100000");
    assert_eq!(float("1e6").to_string(), "1e+06");
    assert_eq!(float("1e100").to_string(), "1e+100");
    assert_eq!(float("0.0001").to_string(), "0.0001");
    assert_eq!(float("0.00001").to_string(), "1e-05");
    assert_eq!(float("3.14159265358979").to_string(), "3.14159");
    assert_eq!(float("1234567.5").to_string(), "1.23457e+06");
    assert_eq!(float("-0.5").to_string(), "-0.5");
    assert_eq!(float("1e400").to_string(), "1e+400");
    assert_eq!(float("1e-400").to_string(), "1e-400");
    assert_eq!(Value::Bool(true).to_string(), "true");
    assert_eq!(str_value("abc").to_string(), "\"abc\"");
    assert_eq!(
        Value::Str(Box::new(*b"a\n\"\xff\x01")).to_string(),
        r#""a\n\"\xff\x01""#
    );
    assert_eq!(
        str_value(&"x".repeat(100)).to_string(),
        format!("\"{}...", "x".repeat(68))
    );
    assert_eq!(Value::Unknown.to_string(), "unknown");
}

#[test]
fn format_g_follows_printf() {
    use super::format::format_g;
    assert_eq!(format_g(0.0, Some(6)), "0");
    assert_eq!(format_g(123456.7, Some(6)), "123457");
    assert_eq!(format_g(1e21, None), "1e+21");
    assert_eq!(format_g(1.0000001e-7, None), "1.0000001e-07");
    assert_eq!(format_g(-2.5e-5, Some(6)), "-2.5e-05");
}

#[test]
fn accessors() {
    assert_eq!(Value::Bool(true).as_bool(), Some(true));
    assert_eq!(int(1).as_bool(), None);
    assert_eq!(str_value("hi").as_bytes(), Some(&b"hi"[..]));
    assert_eq!(float("2.5").as_i64(), None);
    assert_eq!(int(-1).as_u64(), None);
    assert_eq!(as_i64(&int(-1)), Some(-1));
    assert_eq!(Value::from_f64(f64::NAN), Value::Unknown);
    assert_eq!(
        Value::from_u128(u128::MAX).to_string(),
        u128::MAX.to_string()
    );
    assert_eq!(NumKind::Uint8.name(), "uint8");
    assert_eq!(NumKind::Float32.bits(), 32);
}

mod properties {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// On operands that fit in 64 bits, exact arithmetic agrees with i128 arithmetic.
        #[test]
        fn integer_ops_agree_with_i128(a in any::<i64>(), b in any::<i64>()) {
            let (x, y) = (int(a), int(b));
            let (a, b) = (i128::from(a), i128::from(b));
            let expect = |n: i128| Ok(Value::Int(num_bigint::BigInt::from(n)));
            prop_assert_eq!(binary(BinaryOp::Add, &x, &y), expect(a + b));
            prop_assert_eq!(binary(BinaryOp::Sub, &x, &y), expect(a - b));
            prop_assert_eq!(binary(BinaryOp::Mul, &x, &y), expect(a * b));
            prop_assert_eq!(binary(BinaryOp::And, &x, &y), expect(a & b));
            prop_assert_eq!(binary(BinaryOp::Or, &x, &y), expect(a | b));
            prop_assert_eq!(binary(BinaryOp::Xor, &x, &y), expect(a ^ b));
            prop_assert_eq!(binary(BinaryOp::AndNot, &x, &y), expect(a & !b));
            if b != 0 {
                prop_assert_eq!(binary(BinaryOp::Quo, &x, &y), expect(a / b));
                prop_assert_eq!(binary(BinaryOp::Rem, &x, &y), expect(a % b));
            }
            prop_assert_eq!(shift(BinaryOp::Shr, &x, 7), expect(a >> 7));
            prop_assert_eq!(shift(BinaryOp::Shl, &x, 7), expect(a << 7));
        }

        /// Rounding to float64 agrees with the hardware for any f64 and for any ratio of
        /// two integers (which `as_f64` rounds correctly).
        #[test]
        fn float64_rounding_agrees_with_f64(x in any::<f64>(), n in any::<i64>(), d in 1..i64::MAX) {
            if x.is_finite() {
                let v = Value::from_f64(x);
                prop_assert_eq!(represent(&v, NumKind::Float64).ok().and_then(|v| v.as_f64()), Some(x));
            }
            let q = bin(BinaryOp::Quo, &to_float(&int(n)).unwrap_or(Value::Unknown), &int(d));
            let rounded = represent(&q, NumKind::Float64).ok().and_then(|v| v.as_f64());
            prop_assert_eq!(rounded, q.as_f64());
        }

        /// Rounding to float32 agrees with Rust's correctly rounded `f64 as f32`, which is
        /// exact for values that are themselves f64s.
        #[test]
        fn float32_rounding_agrees_with_f32(x in any::<f64>()) {
            prop_assume!(x.is_finite());
            let got = represent(&Value::from_f64(x), NumKind::Float32);
            let narrowed = x as f32;
            if narrowed.is_finite() {
                prop_assert_eq!(got.ok().and_then(|v| v.as_f64()), Some(f64::from(narrowed)));
            } else {
                prop_assert_eq!(got, Err(ConstError::Overflows));
            }
        }

        #[test]
        fn literal_values_never_panic(text in "\\PC*") {
            for token in [Token::Int, Token::Float, Token::Rune, Token::String, Token::RawString] {
                let _ = Value::from_literal(token, &text);
            }
        }
    }
}
