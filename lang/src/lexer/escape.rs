//! Escape sequences inside rune and interpreted string literals (`\n`, `\x41`, `\u00e9`).
//!
//! One parser serves both the lexer, which validates escapes and reports errors, and
//! `lexer::literal`, which decodes them; so the two can never disagree about where an
//! escape ends. This module knows nothing of spans or diagnostics: it reports byte
//! offsets relative to the character after the backslash.
//!
//! Invariant: the number of bytes consumed is always on a char boundary of the input,
//! because only ASCII bytes are ever consumed.

/// What a valid escape stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Escaped {
    /// `\x..` and octal escapes denote one byte, not a code point (`"\xff"` is one byte).
    Byte(u8),
    /// Every other escape denotes a Unicode code point, stored as UTF-8 in strings.
    Char(char),
}

/// Why an escape is invalid. `len` fields count the bytes consumed before the problem.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EscapeError {
    /// The character after the backslash starts no escape (it is not consumed).
    Unknown,
    /// A character that is not a digit of `base` where one was required (not consumed).
    BadDigit { ch: char, base: u32 },
    /// An octal escape above `\377`.
    OctalTooLarge(u32),
    /// A surrogate half or a value above U+10FFFF.
    InvalidCodePoint(u32),
    /// The input ended inside the escape; the caller reports the unterminated literal.
    Eof,
}

/// Parses the escape whose text starts right after a backslash. `quote` is the delimiter
/// that may be escaped (`'` in runes, `"` in strings). Returns the number of bytes
/// consumed (not counting the backslash) and the outcome.
pub(crate) fn parse(rest: &str, quote: u8) -> (usize, Result<Escaped, EscapeError>) {
    let bytes = rest.as_bytes();
    let Some(&first) = bytes.first() else {
        return (0, Err(EscapeError::Eof));
    };
    let simple = match first {
        b'a' => Some(0x07),
        b'b' => Some(0x08),
        b'f' => Some(0x0C),
        b'n' => Some(b'\n'),
        b'r' => Some(b'\r'),
        b't' => Some(b'\t'),
        b'v' => Some(0x0B),
        b'\\' => Some(b'\\'),
        _ if first == quote => Some(quote),
        _ => None,
    };
    if let Some(byte) = simple {
        return (1, Ok(Escaped::Char(char::from(byte))));
    }
    let (len, value) = match first {
        b'0'..=b'7' => numeric(rest, 0, 3, 8),
        b'x' => numeric(rest, 1, 2, 16),
        b'u' => numeric(rest, 1, 4, 16),
        b'U' => numeric(rest, 1, 8, 16),
        _ => return (0, Err(EscapeError::Unknown)),
    };
    let res = value.and_then(|value| match first {
        b'0'..=b'7' if value > 255 => Err(EscapeError::OctalTooLarge(value)),
        // Octal and `\x` escapes have at most 8 bits and always denote one byte.
        b'0'..=b'7' | b'x' => Ok(Escaped::Byte(value as u8)),
        _ => char::from_u32(value)
            .map(Escaped::Char)
            .ok_or(EscapeError::InvalidCodePoint(value)),
    });
    (len, res)
}

/// Reads `n_digits` digits of `base` starting at byte `skip`. Returns the bytes consumed
/// and the digits' value.
fn numeric(
    rest: &str,
    skip: usize,
    n_digits: usize,
    base: u32,
) -> (usize, Result<u32, EscapeError>) {
    let mut value: u32 = 0;
    let mut pos = skip;
    for _ in 0..n_digits {
        let Some(ch) = rest.get(pos..).and_then(|tail| tail.chars().next()) else {
            return (pos, Err(EscapeError::Eof));
        };
        let Some(digit) = ch.to_digit(base) else {
            return (pos, Err(EscapeError::BadDigit { ch, base }));
        };
        // At most 8 hex digits, so this cannot overflow a u32.
        value = value * base + digit;
        pos += 1;
    }
    (pos, Ok(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str, quote: u8) -> (usize, Escaped) {
        let (len, res) = parse(text, quote);
        (len, res.unwrap_or_else(|e| panic!("{text:?}: {e:?}")))
    }

    #[test]
    fn simple_escapes_denote_their_control_characters() {
        let cases = [
            ("a", 7),
            ("b", 8),
            ("f", 12),
            ("n", 10),
            ("r", 13),
            ("t", 9),
            ("v", 11),
            ("\\", 92),
        ];
        for (text, code) in cases {
            assert_eq!(
                ok(text, b'"'),
                (1, Escaped::Char(char::from(code))),
                "{text}"
            );
        }
    }

    #[test]
    fn only_the_enclosing_quote_may_be_escaped() {
        assert_eq!(ok("'", b'\''), (1, Escaped::Char('\'')));
        assert_eq!(ok("\"", b'"'), (1, Escaped::Char('"')));
        assert_eq!(parse("'", b'"'), (0, Err(EscapeError::Unknown)));
        assert_eq!(parse("\"", b'\''), (0, Err(EscapeError::Unknown)));
    }

    #[test]
    fn numeric_escapes() {
        assert_eq!(ok("x41rest", b'"'), (3, Escaped::Byte(0x41)));
        assert_eq!(ok("xFF", b'"'), (3, Escaped::Byte(0xFF)));
        assert_eq!(ok("101", b'"'), (3, Escaped::Byte(0o101)));
        assert_eq!(ok("377", b'"'), (3, Escaped::Byte(255)));
        assert_eq!(ok("u00e9", b'"'), (5, Escaped::Char('é')));
        assert_eq!(ok("U0001F600", b'"'), (9, Escaped::Char('😀')));
    }

    #[test]
    fn bad_escapes_say_why_and_where() {
        assert_eq!(parse("q", b'"'), (0, Err(EscapeError::Unknown)));
        assert_eq!(
            parse("x4g", b'"'),
            (2, Err(EscapeError::BadDigit { ch: 'g', base: 16 }))
        );
        assert_eq!(
            parse("18", b'"'),
            (1, Err(EscapeError::BadDigit { ch: '8', base: 8 }))
        );
        assert_eq!(
            parse("400", b'"'),
            (3, Err(EscapeError::OctalTooLarge(256)))
        );
        assert_eq!(
            parse("ud800", b'"'),
            (5, Err(EscapeError::InvalidCodePoint(0xD800)))
        );
        assert_eq!(
            parse("U00110000", b'"'),
            (9, Err(EscapeError::InvalidCodePoint(0x11_0000)))
        );
        assert_eq!(parse("u12", b'"'), (3, Err(EscapeError::Eof)));
        assert_eq!(parse("", b'"'), (0, Err(EscapeError::Eof)));
        assert_eq!(
            parse("xé", b'"'),
            (1, Err(EscapeError::BadDigit { ch: 'é', base: 16 }))
        );
    }
}
