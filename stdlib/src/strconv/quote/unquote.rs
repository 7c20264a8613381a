//! Go's `strconv.Unquote` and `strconv.UnquoteChar`: reading Go string, rune and raw
//! string literals back into bytes.
//!
//! Owns the escape grammar (`\a \b \f \n \r \t \v \\ \' \"`, `\xNN`, `\NNN` octal,
//! `\uNNNN`, `\UNNNNNNNN`). It does not lex Go source: the front end has its own literal
//! decoder, because it reports errors with spans rather than Go's bare `ErrSyntax`.

use super::decode_rune;
use crate::strconv::ErrorKind;

/// One decoded character of a quoted literal, as Go's `UnquoteChar` returns it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnquotedChar {
    /// The rune, or the byte value for `\x` and octal escapes.
    pub value: u32,
    /// Whether `value` is a rune to encode as UTF-8 rather than a single byte.
    pub multibyte: bool,
    /// How many bytes of the input it consumed.
    pub len: usize,
}

/// Go's `strconv.UnquoteChar`: decodes the first character or escape of `s`, which sits
/// inside a literal quoted by `quote` (`b'"'`, `b'\''`, or 0 for none).
///
/// # Errors
///
/// `ErrorKind::Syntax` for an unescaped `quote`, a bad escape, or an empty `s`.
pub fn unquote_char(s: &[u8], quote: u8) -> Result<UnquotedChar, ErrorKind> {
    let &c = s.first().ok_or(ErrorKind::Syntax)?;
    if c == quote && (quote == b'\'' || quote == b'"') {
        return Err(ErrorKind::Syntax);
    }
    if c >= 0x80 {
        let (value, len) = decode_rune(s);
        return Ok(UnquotedChar {
            value,
            multibyte: true,
            len,
        });
    }
    if c != b'\\' {
        return Ok(UnquotedChar {
            value: u32::from(c),
            multibyte: false,
            len: 1,
        });
    }
    let &esc = s.get(1).ok_or(ErrorKind::Syntax)?;
    let rest = &s[2..];
    let simple = |value: u8| {
        Ok(UnquotedChar {
            value: u32::from(value),
            multibyte: false,
            len: 2,
        })
    };
    match esc {
        b'a' => simple(0x07),
        b'b' => simple(0x08),
        b'f' => simple(0x0c),
        b'n' => simple(b'\n'),
        b'r' => simple(b'\r'),
        b't' => simple(b'\t'),
        b'v' => simple(0x0b),
        b'\\' => simple(b'\\'),
        b'\'' | b'"' if esc == quote => simple(esc),
        b'x' | b'u' | b'U' => hex_escape(esc, rest),
        b'0'..=b'7' => octal_escape(esc, rest),
        _ => Err(ErrorKind::Syntax),
    }
}

fn hex_escape(esc: u8, rest: &[u8]) -> Result<UnquotedChar, ErrorKind> {
    let n = match esc {
        b'x' => 2,
        b'u' => 4,
        _ => 8,
    };
    let digits = rest.get(..n).ok_or(ErrorKind::Syntax)?;
    let mut value: u32 = 0;
    for &d in digits {
        let x = char::from(d).to_digit(16).ok_or(ErrorKind::Syntax)?;
        value = value << 4 | x;
    }
    if esc == b'x' {
        // A single byte, which need not be valid UTF-8 on its own.
        return Ok(UnquotedChar {
            value,
            multibyte: false,
            len: 2 + n,
        });
    }
    if char::from_u32(value).is_none() {
        return Err(ErrorKind::Syntax);
    }
    Ok(UnquotedChar {
        value,
        multibyte: true,
        len: 2 + n,
    })
}

fn octal_escape(first: u8, rest: &[u8]) -> Result<UnquotedChar, ErrorKind> {
    let digits = rest.get(..2).ok_or(ErrorKind::Syntax)?;
    let mut value = u32::from(first - b'0');
    for &d in digits {
        if !(b'0'..=b'7').contains(&d) {
            return Err(ErrorKind::Syntax);
        }
        value = value << 3 | u32::from(d - b'0');
    }
    if value > 255 {
        return Err(ErrorKind::Syntax);
    }
    Ok(UnquotedChar {
        value,
        multibyte: false,
        len: 4,
    })
}

/// Go's `strconv.Unquote`: the value of a Go string literal (`"..."`), rune literal
/// (`'x'`, as its UTF-8 bytes) or raw string (`` `...` ``, carriage returns dropped).
///
/// # Errors
///
/// `ErrorKind::Syntax` (Go's `ErrSyntax`, printed `invalid syntax`) if `s` is not exactly
/// one such literal.
///
/// ```
/// use minigo_stdlib::strconv::unquote;
/// assert_eq!(unquote(br#""a\tb""#).unwrap(), b"a\tb");
/// assert!(unquote(b"no quotes").is_err());
/// ```
pub fn unquote(s: &[u8]) -> Result<Vec<u8>, ErrorKind> {
    let (&quote, body) = s.split_first().ok_or(ErrorKind::Syntax)?;
    let (&last, body) = body.split_last().ok_or(ErrorKind::Syntax)?;
    if last != quote {
        return Err(ErrorKind::Syntax);
    }
    match quote {
        b'`' if !body.contains(&b'`') => Ok(body.iter().copied().filter(|&b| b != b'\r').collect()),
        b'"' | b'\'' => unquote_escaped(body, quote),
        _ => Err(ErrorKind::Syntax),
    }
}

/// The body of a `"` or `'` literal, without its quotes: every character decoded, no
/// raw newline, and exactly one character for a rune literal.
fn unquote_escaped(mut body: &[u8], quote: u8) -> Result<Vec<u8>, ErrorKind> {
    let mut out = Vec::with_capacity(body.len());
    let mut n_chars = 0;
    while !body.is_empty() {
        if body[0] == b'\n' {
            return Err(ErrorKind::Syntax);
        }
        let ch = unquote_char(body, quote)?;
        body = &body[ch.len..];
        n_chars += 1;
        match char::from_u32(ch.value) {
            Some(c) if ch.multibyte => {
                let mut buf = [0; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
            _ => out.push(u8::try_from(ch.value).unwrap_or(0xff)),
        }
    }
    // Go accepts `''` as the empty string (its fast path only checks that the body is
    // at most one rune), and rejects more than one character.
    if quote == b'\'' && n_chars > 1 {
        return Err(ErrorKind::Syntax);
    }
    Ok(out)
}
