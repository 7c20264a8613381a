//! Scanning numeric literals: integers, floats and imaginaries in every base Go allows.
//!
//! The scanner is deliberately permissive about where a literal ends, as Go's is: it
//! consumes every decimal digit even in an octal or binary literal, every `_`, one `.`,
//! an exponent and an `i` suffix, and only then judges the text. So `0b102` is one
//! malformed literal ("invalid digit '2' in binary literal") rather than `0b10` followed
//! by `2`. At most one error is reported per literal, the first one Go would report.
//!
//! Invariant: only ASCII bytes are consumed, so the length returned is a char boundary.
//! Decoding a literal's value is `lexer::literal`'s job, not this module's.

use super::LexExtras;
use super::error::LexError;
use crate::span::{FileId, Span};
use crate::token::Token;

/// How a literal starts, which fixes its base.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Prefix {
    /// Plain decimal: `123`, `1.5`, `.5`.
    None,
    /// A leading `0` followed by more digits: `017` is octal.
    LegacyOctal,
    /// `0x`, `0o` or `0b` (either case).
    Hex,
    Octal,
    Binary,
}

/// What the digit loops saw, accumulated over mantissa and exponent.
#[derive(Default)]
struct Seen {
    digit: bool,
    separator: bool,
    /// Offset of the first digit too large for the base (e.g. `9` in `019`).
    invalid_digit: Option<usize>,
}

/// Scans the literal at the start of `text` (which begins with a digit, or with `.` and
/// a digit). `start` is `text`'s offset in the file, for error spans. Returns the
/// literal's length in bytes and its token: `Int`, `Float` or `Imag`.
pub(crate) fn scan(text: &[u8], start: usize, extras: &mut LexExtras) -> (usize, Token) {
    let mut scanner = Scanner {
        text,
        pos: 0,
        start,
        file: extras.file,
        error: None,
        seen: Seen::default(),
    };
    let token = scanner.literal();
    extras.errors.extend(scanner.error);
    (scanner.pos, token)
}

struct Scanner<'a> {
    text: &'a [u8],
    pos: usize,
    /// `text`'s offset in the file and the file, to build error spans.
    start: usize,
    file: FileId,
    /// The first error found; later ones are suppressed, as in Go's scanner.
    error: Option<LexError>,
    seen: Seen,
}

impl Scanner<'_> {
    fn peek_lower(&self) -> u8 {
        self.text
            .get(self.pos)
            .map_or(0, |b| b.to_ascii_lowercase())
    }

    /// Records an error at byte range `lo..hi` of the literal unless one is recorded.
    fn fail(&mut self, lo: usize, hi: usize, err: impl FnOnce(Span) -> LexError) {
        if self.error.is_none() {
            self.error = Some(err(Span::new(self.file, self.start + lo, self.start + hi)));
        }
    }

    fn literal(&mut self) -> Token {
        let (prefix, base) = self.prefix();
        let mut token = if self.mantissa(prefix, base) {
            Token::Float
        } else {
            Token::Int
        };
        if !self.seen.digit {
            let end = self.pos;
            self.fail(0, end, |span| LexError::NoDigits { span, base });
        }
        if matches!(self.peek_lower(), b'e' | b'p') {
            token = Token::Float;
            self.exponent(prefix);
        } else if prefix == Prefix::Hex && token == Token::Float {
            let end = self.pos;
            self.fail(0, end, |span| LexError::HexMantissaNeedsExponent { span });
        }
        if self.text.get(self.pos) == Some(&b'i') {
            token = Token::Imag;
            self.pos += 1;
        }
        self.check_digits(token, base);
        token
    }

    /// Consumes the digits of the integer and fractional parts; says whether there was a
    /// radix point (which makes the literal a float).
    fn mantissa(&mut self, prefix: Prefix, base: u32) -> bool {
        let starts_with_point = prefix == Prefix::None && self.text.first() == Some(&b'.');
        if starts_with_point {
            self.pos = 1;
        } else {
            self.digits(base);
            if self.text.get(self.pos) != Some(&b'.') {
                return false;
            }
            if matches!(prefix, Prefix::Octal | Prefix::Binary) {
                let at = self.pos;
                self.fail(at, at + 1, |span| LexError::InvalidRadixPoint {
                    span,
                    base,
                });
            }
            self.pos += 1;
        }
        self.digits(base);
        true
    }

    /// Consumes a base prefix (or the leading `0` of a legacy octal literal).
    fn prefix(&mut self) -> (Prefix, u32) {
        if self.text.first() != Some(&b'0') {
            return (Prefix::None, 10);
        }
        self.pos = 1;
        let (prefix, base) = match self.peek_lower() {
            b'x' => (Prefix::Hex, 16),
            b'o' => (Prefix::Octal, 8),
            b'b' => (Prefix::Binary, 2),
            _ => {
                // The leading zero is itself a digit: `0` alone is a valid literal.
                self.seen.digit = true;
                return (Prefix::LegacyOctal, 8);
            }
        };
        self.pos = 2;
        (prefix, base)
    }

    /// Consumes digits and separators. Bases up to ten accept every decimal digit and
    /// remember the first one out of range, so the whole literal is one token.
    fn digits(&mut self, base: u32) {
        while let Some(&b) = self.text.get(self.pos) {
            if b == b'_' {
                self.seen.separator = true;
            } else if base <= 10 && b.is_ascii_digit() {
                self.seen.digit = true;
                if u32::from(b - b'0') >= base && self.seen.invalid_digit.is_none() {
                    self.seen.invalid_digit = Some(self.pos);
                }
            } else if base == 16 && b.is_ascii_hexdigit() {
                self.seen.digit = true;
            } else {
                break;
            }
            self.pos += 1;
        }
    }

    /// Consumes `e`/`p`, an optional sign and decimal digits, checking the mantissa's base.
    fn exponent(&mut self, prefix: Prefix) {
        let at = self.pos;
        let ch = char::from(self.text.get(at).copied().unwrap_or(b'e'));
        let is_p = ch.eq_ignore_ascii_case(&'p');
        let decimal_mantissa = matches!(prefix, Prefix::None | Prefix::LegacyOctal);
        if (is_p && prefix != Prefix::Hex) || (!is_p && !decimal_mantissa) {
            self.fail(at, at + 1, |span| LexError::ExponentMantissa { span, ch });
        }
        self.pos += 1;
        if matches!(self.text.get(self.pos), Some(b'+' | b'-')) {
            self.pos += 1;
        }
        let mantissa_had_digits = std::mem::replace(&mut self.seen.digit, false);
        let invalid_digit = self.seen.invalid_digit;
        self.digits(10);
        if !self.seen.digit {
            let end = self.pos;
            self.fail(0, end, |span| LexError::ExponentNoDigits { span });
        }
        self.seen.digit = mantissa_had_digits;
        self.seen.invalid_digit = invalid_digit;
    }

    /// The checks Go makes once the literal's extent and kind are known.
    fn check_digits(&mut self, token: Token, base: u32) {
        if let (Token::Int, Some(at)) = (token, self.seen.invalid_digit) {
            let ch = char::from(self.text.get(at).copied().unwrap_or(b'0'));
            self.fail(at, at + 1, |span| LexError::InvalidDigit { span, ch, base });
        }
        if self.seen.separator
            && let Some(at) = bad_separator(&self.text[..self.pos])
        {
            self.fail(at, at + 1, |span| LexError::BadSeparator { span });
        }
    }
}

/// The offset of the first `_` that does not sit between two digits (a base prefix counts
/// as a digit), or `None` if every separator is well placed.
fn bad_separator(lit: &[u8]) -> Option<usize> {
    #[derive(PartialEq)]
    enum Class {
        Digit,
        Separator,
        Other,
    }
    let has_prefix = lit.len() >= 2
        && lit[0] == b'0'
        && matches!(lit[1].to_ascii_lowercase(), b'x' | b'o' | b'b');
    let hex = has_prefix && lit[1].eq_ignore_ascii_case(&b'x');
    let (skip, mut prev) = if has_prefix {
        (2, Class::Digit)
    } else {
        (0, Class::Other)
    };
    for (i, &b) in lit.iter().enumerate().skip(skip) {
        if b == b'_' {
            if prev != Class::Digit {
                return Some(i);
            }
            prev = Class::Separator;
        } else if b.is_ascii_digit() || (hex && b.is_ascii_hexdigit()) {
            prev = Class::Digit;
        } else {
            if prev == Class::Separator {
                return Some(i - 1);
            }
            prev = Class::Other;
        }
    }
    (prev == Class::Separator).then(|| lit.len() - 1)
}
