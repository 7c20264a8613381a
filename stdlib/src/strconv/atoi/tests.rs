//! Expectations from Go's `strconv/atoi_test.go` and the conformance corpus.

use super::*;

fn int_err(s: &str, base: i64, bits: i64) -> (i64, String) {
    match parse_int(s.as_bytes(), base, bits) {
        Ok(v) => (v, String::new()),
        Err((v, e)) => (v, e.to_string()),
    }
}

#[test]
fn parse_int_values() {
    let ok: &[(&str, i64, i64)] = &[
        ("0", 10, 0),
        ("-0", 10, 0),
        ("+1", 10, 1),
        ("-ff", 16, -255),
        ("12345", 10, 12345),
        ("-98765", 10, -98765),
        ("9223372036854775807", 10, i64::MAX),
        ("-9223372036854775808", 10, i64::MIN),
        ("0x1f", 0, 31),
        ("0X1F", 0, 31),
        ("0b101", 0, 5),
        ("0o17", 0, 15),
        ("017", 0, 15),
        ("1_000", 0, 1000),
        ("0x_1f", 0, 31),
        ("-0b_1010", 0, -10),
        ("zz", 36, 1295),
    ];
    for &(s, base, want) in ok {
        assert_eq!(
            parse_int(s.as_bytes(), base, 64).map_err(|(_, e)| e.to_string()),
            Ok(want),
            "{s}"
        );
    }
}

#[test]
fn parse_int_errors_match_go() {
    assert_eq!(
        int_err("300", 10, 8),
        (
            127,
            r#"strconv.ParseInt: parsing "300": value out of range"#.into()
        )
    );
    assert_eq!(
        int_err("-129", 10, 8),
        (
            -128,
            r#"strconv.ParseInt: parsing "-129": value out of range"#.into()
        )
    );
    assert_eq!(
        int_err("9223372036854775808", 10, 64),
        (
            i64::MAX,
            r#"strconv.ParseInt: parsing "9223372036854775808": value out of range"#.into()
        )
    );
    assert_eq!(int_err("-9223372036854775809", 10, 0).0, i64::MIN);
    assert_eq!(
        int_err("", 10, 0),
        (0, r#"strconv.ParseInt: parsing "": invalid syntax"#.into())
    );
    assert_eq!(
        int_err("1_000", 10, 0).1,
        r#"strconv.ParseInt: parsing "1_000": invalid syntax"#
    );
    assert_eq!(
        int_err("1__0", 0, 0).1,
        r#"strconv.ParseInt: parsing "1__0": invalid syntax"#
    );
    assert_eq!(
        int_err("_10", 0, 0).1,
        r#"strconv.ParseInt: parsing "_10": invalid syntax"#
    );
    assert_eq!(
        int_err("0x", 0, 0).1,
        r#"strconv.ParseInt: parsing "0x": invalid syntax"#
    );
    assert_eq!(
        int_err("12", 1, 0).1,
        r#"strconv.ParseInt: parsing "12": invalid base 1"#
    );
    assert_eq!(
        int_err("12", 10, 65).1,
        r#"strconv.ParseInt: parsing "12": invalid bit size 65"#
    );
    assert_eq!(
        int_err("99999999999999999999x", 10, 0).0,
        i64::MAX,
        "overflow is found first"
    );
}

#[test]
fn parse_uint_matches_go() {
    assert_eq!(parse_uint(b"42", 10, 32).ok(), Some(42));
    assert_eq!(
        parse_uint(b"18446744073709551615", 10, 64).ok(),
        Some(u64::MAX)
    );
    let (v, e) = parse_uint(b"18446744073709551616", 10, 64).unwrap_err();
    assert_eq!((v, e.err), (u64::MAX, ErrorKind::Range));
    let (v, e) = parse_uint(b"256", 10, 8).unwrap_err();
    assert_eq!((v, e.err), (255, ErrorKind::Range));
    let (_, e) = parse_uint(b"-1", 10, 64).unwrap_err();
    assert_eq!(
        e.to_string(),
        r#"strconv.ParseUint: parsing "-1": invalid syntax"#
    );
}

#[test]
fn atoi_matches_conformance() {
    assert_eq!(atoi(b"123"), Ok(123));
    let msg = |s: &[u8]| atoi(s).unwrap_err().1.to_string();
    assert_eq!(
        msg(b"12a"),
        r#"strconv.Atoi: parsing "12a": invalid syntax"#
    );
    assert_eq!(msg(b""), r#"strconv.Atoi: parsing "": invalid syntax"#);
    assert_eq!(msg(b"+"), r#"strconv.Atoi: parsing "+": invalid syntax"#);
    assert_eq!(
        msg(b"99999999999999999999"),
        r#"strconv.Atoi: parsing "99999999999999999999": value out of range"#
    );
    let (v, e) = atoi(b"99999999999999999999").unwrap_err();
    assert_eq!(
        (v, e.func, e.num.as_slice(), e.err),
        (
            i64::MAX,
            "Atoi",
            &b"99999999999999999999"[..],
            ErrorKind::Range
        )
    );
}

#[test]
fn format_int_matches_go() {
    assert_eq!(format_int(255, 2), "11111111");
    assert_eq!(format_int(-255, 16), "-ff");
    assert_eq!(format_int(35, 36), "z");
    assert_eq!(format_int(i64::MIN, 10), "-9223372036854775808");
    assert_eq!(format_int(i64::MIN, 2).len(), 65);
    assert_eq!(format_uint(7, 8), "7");
    assert_eq!(format_uint(u64::MAX, 16), "ffffffffffffffff");
    assert_eq!(itoa(-7), "-7");
    assert_eq!(itoa(0), "0");
}

#[test]
fn bools_match_go() {
    assert_eq!(parse_bool(b"true"), Ok(true));
    assert_eq!(parse_bool(b"T"), Ok(true));
    assert_eq!(parse_bool(b"False"), Ok(false));
    assert_eq!(
        parse_bool(b"yes").unwrap_err().to_string(),
        r#"strconv.ParseBool: parsing "yes": invalid syntax"#
    );
    assert_eq!(format_bool(false), "false");
}

#[test]
fn underscore_rules() {
    assert!(underscore_ok(b"1_000"));
    assert!(underscore_ok(b"0x_1"));
    assert!(!underscore_ok(b"1_"));
    assert!(!underscore_ok(b"_1"));
    assert!(!underscore_ok(b"1__0"));
    assert!(!underscore_ok(b"1_.5"));
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn format_then_parse_round_trips(v: i64, base in 2u32..=36) {
            let text = format_int(v, base);
            prop_assert_eq!(parse_int(text.as_bytes(), i64::from(base), 64).ok(), Some(v));
            let text = format_uint(v.unsigned_abs(), base);
            prop_assert_eq!(parse_uint(text.as_bytes(), i64::from(base), 64).ok(), Some(v.unsigned_abs()));
        }

        #[test]
        fn decimal_parsing_agrees_with_rust(s in "[-+]?[0-9_]{0,22}") {
            let ours = parse_int(s.as_bytes(), 10, 64).ok();
            prop_assert_eq!(ours, s.parse::<i64>().ok().filter(|_| !s.contains('_')));
        }

        #[test]
        fn any_bytes_parse_without_panicking(s in proptest::collection::vec(any::<u8>(), 0..24), base in -1i64..40, bits in -1i64..70) {
            let _ = parse_int(&s, base, bits);
            let _ = parse_uint(&s, base, bits);
            let _ = atoi(&s);
        }
    }
}
