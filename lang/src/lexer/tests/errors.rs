//! Every lexical error: its code, Go's message, its span, and that lexing goes on.

use super::*;

/// Each bad input: (source, code, message, text of the diagnostic's span, tokens). Kept
/// one case per line, unformatted, so the table reads as a table.
#[rustfmt::skip]
const ERRORS: &[(&str, &str, &str, &str, &[Token])] = &[
    ("a@b", "invalid-character", "invalid character U+0040 '@'", "@", &[Ident, Ident, Semi]),
    ("a#", "invalid-character", "invalid character U+0023 '#'", "#", &[Ident, Semi]),
    ("x\0", "invalid-character", "invalid NUL character", "\0", &[Ident, Semi]),
    ("x\u{FEFF}", "invalid-character", "invalid BOM in the middle of the file", "\u{FEFF}", &[Ident, Semi]),
    ("x·y", "invalid-identifier-character", "invalid character U+00B7 '·' in identifier", "·", &[Ident, Semi]),
    ("a := 😀", "invalid-identifier-character", "invalid character U+1F600 '😀' in identifier", "😀", &[Ident, Define, Ident, Semi]),
    ("a\u{A0}b", "invalid-identifier-character", "invalid character U+00A0 in identifier", "\u{A0}", &[Ident, Semi]),
    ("x\u{200B}", "invalid-identifier-character", "invalid character U+200B in identifier", "\u{200B}", &[Ident, Semi]),
    ("١x", "identifier-starts-with-digit", "identifier cannot begin with digit U+0661 '١'", "١", &[Ident, Semi]),
    ("\"abc", "unterminated-string", "string literal not terminated", "\"abc", &[String, Semi]),
    ("\"ab\nc", "newline-in-string", "newline in string", "\"ab", &[String, Semi, Ident, Semi]),
    ("`abc", "unterminated-raw-string", "raw string literal not terminated", "`abc", &[RawString, Semi]),
    ("a /* b", "unterminated-comment", "comment not terminated", "/* b", &[Ident, Semi]),
    ("'a", "unterminated-rune", "rune literal not terminated", "'a", &[Rune, Semi]),
    ("'a\n", "newline-in-rune", "newline in rune literal", "'a", &[Rune, Semi]),
    ("''", "empty-rune", "empty rune literal or unescaped ' in rune literal", "''", &[Rune, Semi]),
    ("'ab'", "multi-char-rune", "more than one character in rune literal", "'ab'", &[Rune, Semi]),
    (r#""\q""#, "unknown-escape", "unknown escape", r"\q", &[String, Semi]),
    (r"'\q'", "unknown-escape", "unknown escape", r"\q", &[Rune, Semi]),
    (r#""\'""#, "unknown-escape", "unknown escape", r"\'", &[String, Semi]),
    (r"'\x4g'", "invalid-escape-digit", "invalid character 'g' in hexadecimal escape", r"\x4g", &[Rune, Semi]),
    (r#""\18""#, "invalid-escape-digit", "invalid character '8' in octal escape", r"\18", &[String, Semi]),
    (r#""\400""#, "octal-escape-too-large", "octal escape value 256 > 255", r"\400", &[String, Semi]),
    (r#""\ud800""#, "invalid-code-point", "escape is invalid Unicode code point U+D800", r"\ud800", &[String, Semi]),
    (r"'\U00110000'", "invalid-code-point", "escape is invalid Unicode code point U+110000", r"\U00110000", &[Rune, Semi]),
    ("0x", "number-without-digits", "hexadecimal literal has no digits", "0x", &[Int, Semi]),
    ("0b", "number-without-digits", "binary literal has no digits", "0b", &[Int, Semi]),
    ("0x.p1", "number-without-digits", "hexadecimal literal has no digits", "0x.", &[Float, Semi]),
    ("1__0", "bad-digit-separator", "'_' must separate successive digits", "_", &[Int, Semi]),
    ("1_", "bad-digit-separator", "'_' must separate successive digits", "_", &[Int, Semi]),
    ("1_.5", "bad-digit-separator", "'_' must separate successive digits", "_", &[Float, Semi]),
    ("018", "invalid-digit", "invalid digit '8' in octal literal", "8", &[Int, Semi]),
    ("0o19", "invalid-digit", "invalid digit '9' in octal literal", "9", &[Int, Semi]),
    ("0b102", "invalid-digit", "invalid digit '2' in binary literal", "2", &[Int, Semi]),
    ("0b1.0", "invalid-radix-point", "invalid radix point in binary literal", ".", &[Float, Semi]),
    ("0o1.0", "invalid-radix-point", "invalid radix point in octal literal", ".", &[Float, Semi]),
    ("0x1e3p", "exponent-without-digits", "exponent has no digits", "0x1e3p", &[Float, Semi]),
    ("0x1.5", "hex-float-without-exponent", "hexadecimal mantissa requires a 'p' exponent", "0x1.5", &[Float, Semi]),
    ("1p3", "exponent-mantissa", "'p' exponent requires hexadecimal mantissa", "p", &[Float, Semi]),
    ("0b1e3", "exponent-mantissa", "'e' exponent requires decimal mantissa", "e", &[Float, Semi]),
    ("1e+", "exponent-without-digits", "exponent has no digits", "1e+", &[Float, Semi]),
];

#[test]
fn every_error_yields_one_diagnostic_and_lexing_goes_on() {
    for &(src, code, message, spanned, toks) in ERRORS {
        let ((got_code, got_message, got_spanned), got_toks) = one_error(src);
        assert_eq!(
            (got_code, got_message.as_str(), got_spanned),
            (code, message, spanned),
            "{src:?}"
        );
        assert_eq!(got_toks, toks, "{src:?}");
    }
}

#[test]
fn lexing_continues_after_errors() {
    let lexed = lex(FileId(3), "x := 0x\ny := '' @ z\n");
    assert_eq!(lexed.diagnostics.len(), 3);
    assert!(
        lexed
            .diagnostics
            .iter()
            .all(|d| d.primary.file == FileId(3))
    );
    let toks: Vec<Token> = lexed.tokens.iter().map(|t| t.1).collect();
    assert_eq!(
        toks,
        [Ident, Define, Int, Semi, Ident, Define, Rune, Ident, Semi]
    );
}

#[test]
fn an_escape_error_hides_the_rune_count_error() {
    let ((code, _, _), _) = one_error(r"'\qx'");
    assert_eq!(code, "unknown-escape");
}

#[test]
fn the_iterator_reports_diagnostics_as_it_goes() {
    let mut lexer = Lexer::new(FileId(0), "a @ b");
    assert_eq!(lexer.next().map(|t| t.1), Some(Ident));
    assert_eq!(lexer.diagnostics(), []);
    assert_eq!(lexer.next().map(|t| t.1), Some(Ident));
    assert_eq!(lexer.diagnostics().len(), 1);
    assert_eq!(lexer.next().map(|t| t.1), Some(Semi));
    assert_eq!(lexer.next(), None);
    assert_eq!(lexer.next(), None);
    assert_eq!(lexer.into_diagnostics().len(), 1);
}
