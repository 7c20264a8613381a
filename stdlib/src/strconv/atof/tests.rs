//! Expectations from Go's `strconv/atof_test.go`, the conformance corpus, and round-trip
//! properties against `format_float`.

use super::parse_float;
use crate::strconv::{ErrorKind, format_float};
use proptest::prelude::*;

fn parsed(s: &str) -> Result<String, String> {
    match parse_float(s.as_bytes(), 64) {
        Ok(v) => Ok(format_float(v, b'g', -1, 64)),
        Err((v, e)) => Err(format!("{} {}", format_float(v, b'g', -1, 64), e.err)),
    }
}

#[test]
fn go_atof_table() {
    let cases: &[(&str, Result<&str, &str>)] = &[
        ("1", Ok("1")),
        ("+1", Ok("1")),
        ("1x", Err("0 invalid syntax")),
        ("1.1.", Err("0 invalid syntax")),
        ("1e23", Ok("1e+23")),
        ("1E23", Ok("1e+23")),
        ("100000000000000000000000", Ok("1e+23")),
        ("1e-100", Ok("1e-100")),
        ("123456700", Ok("1.234567e+08")),
        ("99999999999999974834176", Ok("9.999999999999997e+22")),
        ("-1", Ok("-1")),
        ("-0.1", Ok("-0.1")),
        ("-0", Ok("-0")),
        ("1e-20", Ok("1e-20")),
        ("625e-3", Ok("0.625")),
        ("0x1p0", Ok("1")),
        ("0x1p1", Ok("2")),
        ("0x1p-1", Ok("0.5")),
        ("0x1ep-1", Ok("15")),
        ("-0x1ep-1", Ok("-15")),
        ("-0x1_ep-1", Ok("-15")),
        ("0x1p-200", Ok("6.223015277861142e-61")),
        ("0x1p200", Ok("1.6069380442589903e+60")),
        ("0x1fFe2.p0", Ok("131042")),
        ("0x1fFe2.P0", Ok("131042")),
        ("0x0.1p4", Ok("1")),
        ("0x1", Err("0 invalid syntax")),
        ("0x1.p", Err("0 invalid syntax")),
        ("1e", Err("0 invalid syntax")),
        ("1e-", Err("0 invalid syntax")),
        (".e-1", Err("0 invalid syntax")),
        (".5", Ok("0.5")),
        ("5.", Ok("5")),
        ("1_23.50_0_0e+1_2", Ok("1.235e+14")),
        ("-_123.5e+12", Err("0 invalid syntax")),
        ("1__23.5e+12", Err("0 invalid syntax")),
        ("123_.5e+12", Err("0 invalid syntax")),
        ("123.5_e+12", Err("0 invalid syntax")),
        ("123.5e+12_", Err("0 invalid syntax")),
        ("inf", Ok("+Inf")),
        ("-Inf", Ok("-Inf")),
        ("+INFINITY", Ok("+Inf")),
        ("infinity", Ok("+Inf")),
        ("nan", Ok("NaN")),
        ("NaN", Ok("NaN")),
        ("+nan", Err("0 invalid syntax")),
        ("infin", Err("0 invalid syntax")),
        ("1e308", Ok("1e+308")),
        ("2e308", Err("+Inf value out of range")),
        ("-1e400", Err("-Inf value out of range")),
        ("1e-400", Ok("0")),
        ("4.9406564584124654e-324", Ok("5e-324")),
        ("2.4703282292062e-324", Ok("0")),
        ("2.4703282292063e-324", Ok("5e-324")),
        ("0x1p1024", Err("+Inf value out of range")),
        ("0x1p-1074", Ok("5e-324")),
        ("0x1p-1075", Ok("0")),
        ("0x1.8p-1074", Ok("1e-323")),
        ("0x1.fffffffffffff8p1023", Err("+Inf value out of range")),
        ("pi", Err("0 invalid syntax")),
        ("", Err("0 invalid syntax")),
        ("3.25", Ok("3.25")),
        ("1e3", Ok("1000")),
    ];
    for &(input, want) in cases {
        let want = want.map(str::to_owned).map_err(str::to_owned);
        assert_eq!(parsed(input), want, "{input:?}");
    }
}

#[test]
fn float32_parsing_rounds_once() {
    assert_eq!(parse_float(b"0.1", 32), Ok(f64::from(0.1f32)));
    assert_eq!(parse_float(b"1.000000059604644775390625", 32), Ok(1.0));
    assert_eq!(
        parse_float(b"1.000000059604644775390626", 32),
        Ok(f64::from(1.0000001f32))
    );
    assert_eq!(
        parse_float(b"0x1.ffffffp127", 32).unwrap_err().1.err,
        ErrorKind::Range
    );
    assert_eq!(parse_float(b"0x1.fffffe8p127", 32), Ok(f64::from(f32::MAX)));
    assert_eq!(
        parse_float(b"0x1p-149", 32),
        Ok(f64::from(f32::from_bits(1)))
    );
    assert_eq!(
        parse_float(b"1e39", 32).unwrap_err().1.err,
        ErrorKind::Range
    );
}

#[test]
fn error_text_matches_go() {
    let (_, e) = parse_float(b"pi", 64).unwrap_err();
    assert_eq!(
        e.to_string(),
        r#"strconv.ParseFloat: parsing "pi": invalid syntax"#
    );
    let (_, e) = parse_float(b"1e1000", 64).unwrap_err();
    assert_eq!(
        e.to_string(),
        r#"strconv.ParseFloat: parsing "1e1000": value out of range"#
    );
}

proptest! {
    #[test]
    fn shortest_f64_round_trips(bits in any::<u64>()) {
        let x = f64::from_bits(bits);
        prop_assume!(x.is_finite());
        for fmt in [b'g', b'e', b'f'] {
            let text = format_float(x, fmt, -1, 64);
            let back = parse_float(text.as_bytes(), 64).map_err(|(_, e)| e.to_string());
            prop_assert_eq!(back.map(f64::to_bits), Ok(x.to_bits()), "{}", text);
        }
    }

    #[test]
    fn shortest_f32_round_trips(bits in any::<u32>()) {
        let x = f32::from_bits(bits);
        prop_assume!(x.is_finite());
        let text = format_float(f64::from(x), b'g', -1, 32);
        let back = parse_float(text.as_bytes(), 32).map_err(|(_, e)| e.to_string());
        prop_assert_eq!(back.map(|v| (v as f32).to_bits()), Ok(x.to_bits()), "{}", text);
    }

    #[test]
    fn hex_f64_round_trips(bits in any::<u64>()) {
        let x = f64::from_bits(bits);
        prop_assume!(x.is_finite());
        let text = format_float(x, b'x', -1, 64);
        let back = parse_float(text.as_bytes(), 64).map_err(|(_, e)| e.to_string());
        prop_assert_eq!(back.map(f64::to_bits), Ok(x.to_bits()), "{}", text);
    }

    #[test]
    fn parse_never_panics(s in "[-+0-9a-fA-FxXpPeE._ina]{0,24}") {
        let _ = parse_float(s.as_bytes(), 64);
        let _ = parse_float(s.as_bytes(), 32);
    }
}
