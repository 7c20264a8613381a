//! Expectations from Go's `strconv/quote_test.go` and the conformance corpus.

use super::*;
use crate::strconv::ErrorKind;

#[test]
fn quote_matches_go() {
    let cases: &[(&[u8], &str, &str)] = &[
        (
            b"\x07\x08\x0c\r\n\t\x0b",
            r#""\a\b\f\r\n\t\v""#,
            r#""\a\b\f\r\n\t\v""#,
        ),
        (b"\\", r#""\\""#, r#""\\""#),
        (b"abc\xffdef", r#""abc\xffdef""#, r#""abc\xffdef""#),
        ("\u{263a}".as_bytes(), "\"\u{263a}\"", r#""\u263a""#),
        (
            "\u{10ffff}".as_bytes(),
            r#""\U0010ffff""#,
            r#""\U0010ffff""#,
        ),
        (b"\x04", r#""\x04""#, r#""\x04""#),
        (
            "!\u{00a0}!\u{2000}!\u{3000}!".as_bytes(),
            r#""!\u00a0!\u2000!\u3000!""#,
            r#""!\u00a0!\u2000!\u3000!""#,
        ),
        (b"\x7f", r#""\x7f""#, r#""\x7f""#),
        (b"hi\n\"there\"", r#""hi\n\"there\"""#, r#""hi\n\"there\"""#),
        ("世界".as_bytes(), "\"世界\"", r#""\u4e16\u754c""#),
    ];
    for &(input, want, want_ascii) in cases {
        assert_eq!(quote(input), want);
        assert_eq!(quote_to_ascii(input), want_ascii);
    }
}

#[test]
fn quote_rune_matches_go() {
    assert_eq!(quote_rune(u32::from('a')), "'a'");
    assert_eq!(quote_rune(7), r"'\a'");
    assert_eq!(quote_rune(u32::from('\\')), r"'\\'");
    assert_eq!(quote_rune(0xFF), "'ÿ'");
    assert_eq!(quote_rune(0x263a), "'☺'");
    assert_eq!(quote_rune(0xfffd), "'\u{fffd}'");
    assert_eq!(quote_rune(0x0010ffff), r"'\U0010ffff'");
    assert_eq!(quote_rune(0x0010ffff + 1), "'\u{fffd}'");
    assert_eq!(quote_rune(0x04), r"'\x04'");
    assert_eq!(quote_rune(u32::from('\'')), r"'\''");
    assert_eq!(quote_rune(u32::from('"')), "'\"'");
    assert_eq!(quote_rune_to_ascii(0x263a), r"'\u263a'");
    assert_eq!(quote_rune_to_ascii(0x4e16), r"'\u4e16'");
}

#[test]
fn is_print_follows_categories() {
    assert!(is_print(u32::from(' ')));
    assert!(!is_print(u32::from('\t')));
    assert!(is_print(0x4e16));
    assert!(is_print(0x0301), "combining marks are printable in Go");
    assert!(is_print(0xfffd));
    assert!(!is_print(0x00a0));
    assert!(!is_print(0x00ad));
    assert!(!is_print(0xd800));
    assert!(!is_print(0xe000));
    assert!(is_print(0x1F600));
}

#[test]
fn print_table_is_sorted_and_disjoint() {
    use super::print_table::{ENDS, STARTS};
    for i in 0..STARTS.len() {
        assert!(STARTS[i] <= ENDS[i]);
        if i + 1 < STARTS.len() {
            assert!(
                ENDS[i] + 1 < STARTS[i + 1],
                "ranges {i} and {} touch",
                i + 1
            );
        }
    }
}

#[test]
fn can_backquote_matches_go() {
    assert!(can_backquote(b"abc"));
    assert!(can_backquote(b"a\tb"));
    assert!(!can_backquote(b"a\nb"));
    assert!(!can_backquote(b"`"));
    assert!(!can_backquote(b"\xff"));
    assert!(!can_backquote("\u{feff}".as_bytes()));
    assert!(can_backquote("☺".as_bytes()));
}

#[test]
fn unquote_accepts_go_literals() {
    let cases: &[(&[u8], &[u8])] = &[
        (br#""""#, b""),
        (br#""a""#, b"a"),
        (br#""abc""#, b"abc"),
        ("\"☺\"".as_bytes(), "☺".as_bytes()),
        (br#""hello world""#, b"hello world"),
        (br#""\xFF""#, b"\xff"),
        (br#""\377""#, b"\xff"),
        (br#""\u1234""#, "\u{1234}".as_bytes()),
        (br#""\U00010111""#, "\u{10111}".as_bytes()),
        (br#""'""#, b"'"),
        (br#"'a'"#, b"a"),
        (br#"'\''"#, b"'"),
        ("'☹'".as_bytes(), "☹".as_bytes()),
        (br#"'\a'"#, b"\x07"),
        (br#"'\x10'"#, b"\x10"),
        (br#"'\377'"#, b"\xff"),
        (b"`abc`", b"abc"),
        (b"`\\n`", b"\\n"),
        (b"`a\r\nb`", b"a\nb"),
        (b"\"\xff\"", "\u{fffd}".as_bytes()),
        (b"''", b""),
    ];
    for &(input, want) in cases {
        assert_eq!(
            unquote(input).as_deref(),
            Ok(want),
            "{}",
            String::from_utf8_lossy(input)
        );
    }
}

#[test]
fn unquote_rejects_misquoted() {
    let bad: &[&[u8]] = &[
        b"",
        b"\"",
        b"\"a",
        b"\"'",
        b"b\"",
        br#""\""#,
        br#""\9""#,
        br#""\19""#,
        br#""\129""#,
        br#"'\'"#,
        br#"'\9'"#,
        br#"'\19'"#,
        br#"'\129'"#,
        b"'ab'",
        br#""\x1!""#,
        br#""\U12345678""#,
        br#""\z""#,
        b"`",
        b"`xxx",
        b"``x\r",
        b"`\"",
        br#""\'""#,
        br#"'\"'"#,
        b"\"\n\"",
        b"\"\\n\n\"",
        b"'\n'",
        br#""\udead""#,
        b"no quotes",
    ];
    for &input in bad {
        assert_eq!(
            unquote(input),
            Err(ErrorKind::Syntax),
            "{}",
            String::from_utf8_lossy(input)
        );
    }
    assert_eq!(ErrorKind::Syntax.to_string(), "invalid syntax");
}

#[test]
fn unquote_char_reports_lengths() {
    let ch = unquote_char(br"\u00e9rest", b'"').unwrap();
    assert_eq!((ch.value, ch.multibyte, ch.len), (0xe9, true, 6));
    let ch = unquote_char(b"\xc3\xa9", b'"').unwrap();
    assert_eq!((ch.value, ch.multibyte, ch.len), (0xe9, true, 2));
    assert_eq!(unquote_char(b"\"", b'"'), Err(ErrorKind::Syntax));
}
