//! Go's string and rune quoting: `Quote`, `QuoteToASCII`, `QuoteRune`,
//! `QuoteRuneToASCII`, `CanBackquote`, `Unquote`, `UnquoteChar` and `IsPrint`.
//!
//! Owns Go's escaping rules: `\a \b \f \n \r \t \v`, `\\` and the active quote
//! backslashed, `\xNN` for each byte of invalid UTF-8 and for ASCII controls, `\uNNNN` /
//! `\UNNNNNNNN` for other non-printable runes. It does not own `fmt`'s `%q` flags (`+`,
//! `#`); `crate::fmt::text` picks which of these functions to call.
//!
//! Invariants: strings are byte slices, because Go strings may hold any bytes; UTF-8 is
//! decoded as Go's `utf8.DecodeRune` does (an invalid sequence yields U+FFFD and consumes
//! one byte).

const LOWER_HEX: &[u8; 16] = b"0123456789abcdef";

/// Go's `strconv.IsPrint`: letters, marks, numbers, punctuation, symbols and U+0020.
///
/// Looked up in `print_table`, generated from Go's own tables so the answer matches the
/// Go release exactly. (Rejected: deriving it from Rust's `escape_debug`, whose table
/// scan costs about a microsecond per rune and whose Unicode version differs from Go's;
/// and a Unicode tables crate, a dependency for one predicate.)
pub fn is_print(r: u32) -> bool {
    if r < 0x80 {
        return (0x20..0x7f).contains(&r);
    }
    let i = print_table::STARTS.partition_point(|&start| start <= r);
    i > 0 && r <= print_table::ENDS[i - 1]
}

/// Go's `utf8.DecodeRune`: the first rune of `s` and its length; U+FFFD and 1 for an
/// invalid or truncated sequence; (U+FFFD, 0) for an empty `s`.
pub(crate) fn decode_rune(s: &[u8]) -> (u32, usize) {
    let head = &s[..s.len().min(4)];
    match head.utf8_chunks().next() {
        Some(chunk) => match chunk.valid().chars().next() {
            Some(c) => (u32::from(c), c.len_utf8()),
            None => (0xFFFD, 1),
        },
        None => (0xFFFD, 0),
    }
}

/// Go's `strconv.Quote`: `s` in double quotes with Go escapes; printable non-ASCII runes
/// are kept as they are.
///
/// ```
/// use minigo_stdlib::strconv::quote;
/// assert_eq!(quote(b"hi\n\"there\""), r#""hi\n\"there\"""#);
/// assert_eq!(quote("世界".as_bytes()), "\"世界\"");
/// ```
pub fn quote(s: &[u8]) -> String {
    let mut out = Vec::with_capacity(s.len() + 2);
    quote_into(&mut out, s);
    bytes_to_string(out)
}

/// Appends `quote(s)` to `out`.
pub fn quote_into(out: &mut Vec<u8>, s: &[u8]) {
    quote_with(out, s, b'"', false);
}

/// Go's `strconv.QuoteToASCII`: like `quote`, but every non-ASCII rune is escaped.
pub fn quote_to_ascii(s: &[u8]) -> String {
    let mut out = Vec::with_capacity(s.len() + 2);
    quote_to_ascii_into(&mut out, s);
    bytes_to_string(out)
}

/// Appends `quote_to_ascii(s)` to `out`.
pub fn quote_to_ascii_into(out: &mut Vec<u8>, s: &[u8]) {
    quote_with(out, s, b'"', true);
}

/// Go's `strconv.QuoteRune`: `r` in single quotes; an invalid rune prints as U+FFFD.
pub fn quote_rune(r: u32) -> String {
    let mut out = Vec::with_capacity(8);
    quote_rune_into(&mut out, r, false);
    bytes_to_string(out)
}

/// Go's `strconv.QuoteRuneToASCII`: like `quote_rune`, escaping every non-ASCII rune.
pub fn quote_rune_to_ascii(r: u32) -> String {
    let mut out = Vec::with_capacity(12);
    quote_rune_into(&mut out, r, true);
    bytes_to_string(out)
}

/// Appends `r` single-quoted to `out`, escaping non-ASCII runes when `ascii_only`.
pub fn quote_rune_into(out: &mut Vec<u8>, r: u32, ascii_only: bool) {
    let r = if char::from_u32(r).is_some() {
        r
    } else {
        0xFFFD
    };
    out.push(b'\'');
    escape_rune(out, r, b'\'', ascii_only);
    out.push(b'\'');
}

/// Go's `strconv.CanBackquote`: whether `s` can be written as a raw string literal.
pub fn can_backquote(s: &[u8]) -> bool {
    let mut rest = s;
    while !rest.is_empty() {
        let (r, width) = decode_rune(rest);
        rest = &rest[width..];
        if width > 1 {
            // Byte order marks are invisible; other valid multibyte runes are fine.
            if r == 0xFEFF {
                return false;
            }
            continue;
        }
        if r == 0xFFFD || (r < 0x20 && r != u32::from(b'\t')) || r == 0x60 || r == 0x7f {
            return false;
        }
    }
    true
}

fn bytes_to_string(out: Vec<u8>) -> String {
    // Quoting escapes every invalid byte, so the output is always UTF-8.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Go's `appendQuotedWith`: the quote, each rune escaped, invalid bytes as `\xNN`.
fn quote_with(out: &mut Vec<u8>, s: &[u8], quote: u8, ascii_only: bool) {
    out.reserve(s.len() + 2);
    out.push(quote);
    let mut rest = s;
    while !rest.is_empty() {
        // Printable ASCII other than the quote and backslash is copied in runs: it is
        // almost all of the text in practice.
        let run = rest
            .iter()
            .position(|&b| !(0x20..0x7f).contains(&b) || b == quote || b == b'\\')
            .unwrap_or(rest.len());
        out.extend_from_slice(&rest[..run]);
        rest = &rest[run..];
        let Some(&b) = rest.first() else { break };
        if b < 0x80 {
            escape_rune(out, u32::from(b), quote, ascii_only);
            rest = &rest[1..];
            continue;
        }
        let (r, width) = decode_rune(rest);
        if width == 1 && r == 0xFFFD {
            push_hex_byte(out, b);
        } else {
            escape_rune(out, r, quote, ascii_only);
        }
        rest = &rest[width..];
    }
    out.push(quote);
}

fn push_hex_byte(out: &mut Vec<u8>, b: u8) {
    out.extend_from_slice(&[
        b'\\',
        b'x',
        LOWER_HEX[usize::from(b >> 4)],
        LOWER_HEX[usize::from(b & 15)],
    ]);
}

/// Go's `appendEscapedRune`: one valid rune, escaped as Go would inside `quote`.
fn escape_rune(out: &mut Vec<u8>, r: u32, quote: u8, ascii_only: bool) {
    let c = char::from_u32(r).unwrap_or(char::REPLACEMENT_CHARACTER);
    if r == u32::from(quote) || r == u32::from(b'\\') {
        out.push(b'\\');
        push_char(out, c);
        return;
    }
    if is_print(r) && (!ascii_only || r < 0x80) {
        push_char(out, c);
        return;
    }
    let short: &[u8] = match r {
        0x07 => b"\\a",
        0x08 => b"\\b",
        0x0c => b"\\f",
        0x0a => b"\\n",
        0x0d => b"\\r",
        0x09 => b"\\t",
        0x0b => b"\\v",
        _ => b"",
    };
    if !short.is_empty() {
        out.extend_from_slice(short);
    } else if r < 0x20 || r == 0x7f {
        push_hex_byte(out, u8::try_from(r).unwrap_or(0));
    } else {
        let (prefix, n_digits) = if r < 0x10000 {
            (b"\\u", 4)
        } else {
            (b"\\U", 8)
        };
        out.extend_from_slice(prefix);
        for shift in (0..n_digits).rev() {
            out.push(LOWER_HEX[usize::try_from(r >> (shift * 4) & 15).unwrap_or(0)]);
        }
    }
}

fn push_char(out: &mut Vec<u8>, c: char) {
    let mut buf = [0; 4];
    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
}

mod print_table;
mod unquote;
pub use unquote::{UnquotedChar, unquote, unquote_char};

#[cfg(test)]
mod tests;
