//! Tests for literal decoding: every base, every escape, correct rounding of floats.

use proptest::prelude::*;

use super::*;

#[test]
fn integers_in_every_base() {
    let cases = [
        ("0", 0),
        ("42", 42),
        ("1_000_000", 1_000_000),
        ("0x1F", 31),
        ("0X_ff", 255),
        ("0o17", 15),
        ("0O17", 15),
        ("017", 15),
        ("0_17", 15),
        ("0b1010", 10),
        ("0B_1_1", 3),
    ];
    for (text, value) in cases {
        assert_eq!(int_value(text), Some(value), "{text}");
    }
}

#[test]
fn integers_overflowing_u128_are_none() {
    assert_eq!(
        int_value("340282366920938463463374607431768211455"),
        Some(u128::MAX)
    );
    assert_eq!(int_value("340282366920938463463374607431768211456"), None);
    assert_eq!(
        int_value("0x1_0000_0000_0000_0000_0000_0000_0000_0000"),
        None
    );
}

#[test]
fn malformed_integers_still_have_a_value() {
    assert_eq!(int_value("0x"), Some(0));
    assert_eq!(int_value("019"), Some(0o17 + 2));
    assert_eq!(int_value(""), Some(0));
}

#[test]
fn decimal_floats() {
    let cases = [
        ("1.", 1.0),
        (".5", 0.5),
        ("1.5", 1.5),
        ("1e9", 1e9),
        ("1E+9", 1e9),
        ("1.5e-3", 1.5e-3),
        ("1_0.2_5", 10.25),
    ];
    for (text, value) in cases {
        assert_eq!(float_value(text), value, "{text}");
    }
    assert_eq!(float_value("0.1"), 0.1);
    assert_eq!(float_value("1e400"), f64::INFINITY);
    assert_eq!(float_value("2.5i"), 2.5);
}

#[test]
fn hexadecimal_floats() {
    let cases = [
        ("0x1p-2", 0.25),
        ("0x1.8p1", 3.0),
        ("0X.8P0", 0.5),
        ("0x1p0", 1.0),
        ("0x_1p4", 16.0),
        ("0x1.fffffffffffffp1023", f64::MAX),
        ("0x1p-1022", f64::MIN_POSITIVE),
        ("0x1p-1074", f64::from_bits(1)),
        ("0x1p-1075", 0.0),
        ("0x1.8p-1075", f64::from_bits(1)),
        ("0x1p1024", f64::INFINITY),
        ("0x0p0", 0.0),
    ];
    for (text, value) in cases {
        assert_eq!(float_value(text).to_bits(), value.to_bits(), "{text}");
    }
}

#[test]
fn hexadecimal_floats_round_half_to_even() {
    // 2^53 + 1 lies halfway between 2^53 and 2^53 + 2: even wins.
    assert_eq!(float_value("0x20000000000001p0"), 9007199254740992.0);
    // 2^53 + 3 lies halfway between 2^53 + 2 and 2^53 + 4: even (4) wins.
    assert_eq!(float_value("0x20000000000003p0"), 9007199254740996.0);
    // Anything beyond the half, however far down, rounds up.
    assert_eq!(
        float_value("0x20000000000001000000000000000000000001p-96"),
        9007199254740994.0
    );
}

#[test]
fn runes() {
    let cases = [
        ("'a'", 97),
        ("'é'", 0xE9),
        ("'😀'", 0x1F600),
        (r"'\a'", 7),
        (r"'\b'", 8),
        (r"'\f'", 12),
        (r"'\n'", 10),
        (r"'\r'", 13),
        (r"'\t'", 9),
        (r"'\v'", 11),
        (r"'\\'", 92),
        (r"'\''", 39),
        (r"'\x41'", 65),
        (r"'\xff'", 255),
        (r"'\101'", 65),
        (r"'\u00e9'", 0xE9),
        (r"'\U0001F600'", 0x1F600),
    ];
    for (text, value) in cases {
        assert_eq!(rune_value(text), value, "{text}");
    }
    assert_eq!(rune_value("''"), 0);
    assert_eq!(rune_value(r"'\q'"), 0);
}

#[test]
fn interpreted_strings() {
    assert_eq!(&*string_value(r#""""#), b"");
    assert_eq!(&*string_value(r#""a\tb""#), b"a\tb");
    assert_eq!(
        &*string_value(r#""\a\b\f\n\r\t\v\\\"""#),
        b"\x07\x08\x0c\n\r\t\x0b\\\""
    );
    assert_eq!(&*string_value(r#""\xff\x41\101""#), b"\xffAA");
    assert_eq!(&*string_value(r#""\u00e9\U0001F600""#), "é😀".as_bytes());
    assert_eq!(&*string_value("\"日本\""), "日本".as_bytes());
    // Unterminated or bad text still decodes what it can.
    assert_eq!(&*string_value("\"abc"), b"abc");
    assert_eq!(&*string_value(r#""\q""#), b"\\q");
}

#[test]
fn raw_strings_drop_carriage_returns() {
    assert_eq!(&*string_value("`a\\n\r\nb`"), b"a\\n\nb");
    assert_eq!(&*string_value("``"), b"");
    assert_eq!(&*string_value("`open"), b"open");
}

proptest! {
    /// Decimal text round-trips through Rust's shortest formatting, as Go's does.
    #[test]
    fn decimal_floats_round_trip(x in any::<f64>().prop_filter("finite", |x| x.is_finite() && *x >= 0.0)) {
        prop_assert_eq!(float_value(&format!("{x:e}")).to_bits(), x.to_bits());
    }

    /// A hexadecimal float written from an f64's exact bits decodes to that f64.
    #[test]
    fn hexadecimal_floats_are_exact(bits in any::<u64>()) {
        let x = f64::from_bits(bits & !(1 << 63));
        prop_assume!(x.is_finite());
        prop_assert_eq!(float_value(&hex_text(x)).to_bits(), x.to_bits());
    }

    #[test]
    fn decoders_never_panic(text in "\\PC*") {
        let _ = (int_value(&text), float_value(&text), rune_value(&text), string_value(&text));
    }
}

/// `x` as exact hexadecimal text, `0x<mantissa>p<exp>`.
fn hex_text(x: f64) -> std::string::String {
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7FF) as i64;
    let frac = bits & ((1 << 52) - 1);
    if exp == 0 {
        format!("0x{frac:x}p-1074")
    } else {
        format!("0x{:x}p{}", frac | (1 << 52), exp - 1075)
    }
}
