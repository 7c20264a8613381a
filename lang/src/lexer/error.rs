//! Lexical errors: every way source text can fail to be a valid token stream.
//!
//! Each variant carries the [`Span`] it is reported at and prints Go's compiler wording
//! (from `cmd/compile/internal/syntax/scanner.go`), so that minigo's messages match
//! `go build`'s. This module only describes errors; the scanners in `lexer::scan` and
//! `lexer::number` decide when to raise them. Invariant: a lexical error never stops
//! lexing, so none of these is fatal.

use crate::diag::Diagnostic;
use crate::span::Span;

/// One lexical error. Converted into a [`Diagnostic`] (with a kebab-case code) by `From`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LexError {
    /// A character no token starts with; it is skipped.
    #[error("{}", describe_invalid_char(*ch))]
    InvalidChar { span: Span, ch: char },
    /// A character in an identifier that is neither a letter nor a digit; it stays part
    /// of the identifier, as in Go.
    #[error("invalid character {} in identifier", go_char(*ch))]
    InvalidIdentChar { span: Span, ch: char },
    /// A non-ASCII decimal digit starting an identifier.
    #[error("identifier cannot begin with digit {}", go_char(*ch))]
    IdentStartsWithDigit { span: Span, ch: char },
    /// An interpreted string reaching the end of the input.
    #[error("string literal not terminated")]
    UnterminatedString { span: Span },
    /// An interpreted string reaching the end of its line.
    #[error("newline in string")]
    NewlineInString { span: Span },
    #[error("raw string literal not terminated")]
    UnterminatedRawString { span: Span },
    #[error("comment not terminated")]
    UnterminatedComment { span: Span },
    #[error("rune literal not terminated")]
    UnterminatedRune { span: Span },
    #[error("newline in rune literal")]
    NewlineInRune { span: Span },
    #[error("empty rune literal or unescaped ' in rune literal")]
    EmptyRune { span: Span },
    #[error("more than one character in rune literal")]
    MultiCharRune { span: Span },
    /// A backslash followed by a character that starts no escape.
    #[error("unknown escape")]
    UnknownEscape { span: Span },
    /// A non-digit inside a numeric escape (`\x4g`).
    #[error("invalid character {} in {} escape", quote_char(*ch), base_name(*base))]
    InvalidEscapeDigit { span: Span, ch: char, base: u32 },
    #[error("octal escape value {value} > 255")]
    OctalEscapeTooLarge { span: Span, value: u32 },
    /// `\u` or `\U` naming a surrogate half or a value above U+10FFFF.
    #[error("escape is invalid Unicode code point U+{value:04X}")]
    InvalidCodePoint { span: Span, value: u32 },
    /// `0x`, `0b`, `0o` or `.` without any digit.
    #[error("{} literal has no digits", base_name(*base))]
    NoDigits { span: Span, base: u32 },
    /// A digit too large for the literal's base, e.g. `8` in `018`.
    #[error("invalid digit {} in {} literal", quote_char(*ch), base_name(*base))]
    InvalidDigit { span: Span, ch: char, base: u32 },
    /// `_` not between two digits (or a base prefix and a digit).
    #[error("'_' must separate successive digits")]
    BadSeparator { span: Span },
    /// A `.` in a binary or octal literal.
    #[error("invalid radix point in {} literal", base_name(*base))]
    InvalidRadixPoint { span: Span, base: u32 },
    /// `e` after a hexadecimal mantissa, or `p` after a non-hexadecimal one.
    #[error("{} exponent requires {} mantissa", quote_char(*ch), if *ch == 'p' || *ch == 'P' { "hexadecimal" } else { "decimal" })]
    ExponentMantissa { span: Span, ch: char },
    #[error("exponent has no digits")]
    ExponentNoDigits { span: Span },
    #[error("hexadecimal mantissa requires a 'p' exponent")]
    HexMantissaNeedsExponent { span: Span },
}

impl LexError {
    /// Where the error is reported.
    pub fn span(&self) -> Span {
        use LexError::*;
        match *self {
            InvalidChar { span, .. }
            | InvalidIdentChar { span, .. }
            | IdentStartsWithDigit { span, .. }
            | UnterminatedString { span }
            | NewlineInString { span }
            | UnterminatedRawString { span }
            | UnterminatedComment { span }
            | UnterminatedRune { span }
            | NewlineInRune { span }
            | EmptyRune { span }
            | MultiCharRune { span }
            | UnknownEscape { span }
            | InvalidEscapeDigit { span, .. }
            | OctalEscapeTooLarge { span, .. }
            | InvalidCodePoint { span, .. }
            | NoDigits { span, .. }
            | InvalidDigit { span, .. }
            | BadSeparator { span }
            | InvalidRadixPoint { span, .. }
            | ExponentMantissa { span, .. }
            | ExponentNoDigits { span }
            | HexMantissaNeedsExponent { span } => span,
        }
    }

    /// The stable kebab-case name of this kind of error, used as [`Diagnostic::code`].
    pub fn code(&self) -> &'static str {
        use LexError::*;
        match self {
            InvalidChar { .. } => "invalid-character",
            InvalidIdentChar { .. } => "invalid-identifier-character",
            IdentStartsWithDigit { .. } => "identifier-starts-with-digit",
            UnterminatedString { .. } => "unterminated-string",
            NewlineInString { .. } => "newline-in-string",
            UnterminatedRawString { .. } => "unterminated-raw-string",
            UnterminatedComment { .. } => "unterminated-comment",
            UnterminatedRune { .. } => "unterminated-rune",
            NewlineInRune { .. } => "newline-in-rune",
            EmptyRune { .. } => "empty-rune",
            MultiCharRune { .. } => "multi-char-rune",
            UnknownEscape { .. } => "unknown-escape",
            InvalidEscapeDigit { .. } => "invalid-escape-digit",
            OctalEscapeTooLarge { .. } => "octal-escape-too-large",
            InvalidCodePoint { .. } => "invalid-code-point",
            NoDigits { .. } => "number-without-digits",
            InvalidDigit { .. } => "invalid-digit",
            BadSeparator { .. } => "bad-digit-separator",
            InvalidRadixPoint { .. } => "invalid-radix-point",
            ExponentMantissa { .. } => "exponent-mantissa",
            ExponentNoDigits { .. } => "exponent-without-digits",
            HexMantissaNeedsExponent { .. } => "hex-float-without-exponent",
        }
    }
}

impl From<LexError> for Diagnostic {
    fn from(err: LexError) -> Diagnostic {
        Diagnostic::error(err.code(), err.span(), err.to_string())
    }
}

/// Go's message for a stray character, with its special wordings for NUL and for a byte
/// order mark that is not at the start of the file.
fn describe_invalid_char(ch: char) -> String {
    match ch {
        '\0' => "invalid NUL character".to_owned(),
        '\u{FEFF}' => "invalid BOM in the middle of the file".to_owned(),
        _ => format!("invalid character {}", go_char(ch)),
    }
}

/// Go's `%#U`: `U+0040 '@'`, without the quoted character when it is not printable.
fn go_char(ch: char) -> String {
    if is_printable(ch) {
        format!("U+{:04X} '{ch}'", ch as u32)
    } else {
        format!("U+{:04X}", ch as u32)
    }
}

/// An approximation of Go's `unicode.IsPrint` without category tables: everything but
/// controls, spaces other than U+0020, the common invisible format characters and
/// private-use characters.
fn is_printable(ch: char) -> bool {
    let invisible = matches!(
        ch,
        '\u{AD}'
            | '\u{600}'..='\u{605}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{E000}'..='\u{F8FF}'
            | '\u{F0000}'..
    );
    !(ch.is_control() || (ch.is_whitespace() && ch != ' ') || invisible)
}

/// Go's `%q` of a single character: `'8'`, `'\n'`.
fn quote_char(ch: char) -> String {
    format!("'{}'", ch.escape_debug())
}

/// The word Go's scanner uses for a number base.
fn base_name(base: u32) -> &'static str {
    match base {
        2 => "binary",
        8 => "octal",
        16 => "hexadecimal",
        _ => "decimal",
    }
}
