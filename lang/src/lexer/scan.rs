//! The logos callbacks for tokens a regular expression cannot validate: comments, numbers,
//! runes and strings.
//!
//! logos matches only a literal's first character (or two); each callback then scans the
//! rest by hand, bumps the logos lexer past it and records any [`LexError`] in the
//! lexer's [`LexExtras`]. A malformed literal still produces its token, so the parser
//! goes on; only the diagnostic says it was malformed. This module does not decode
//! values (see `lexer::literal`) nor insert semicolons (see `lexer::Lexer`).
//!
//! Invariant: every callback bumps by a whole number of chars, so token spans stay on
//! char boundaries; the scanners only stop before a char or at the end of input.

use super::error::LexError;
use super::{escape, number};
use crate::span::{FileId, Span};
use crate::token::Token;

/// State logos carries for minigo's callbacks: the file (for spans) and the errors found.
/// It is public only because `Token`'s `Logos` implementation names it.
#[derive(Debug, Default)]
pub struct LexExtras {
    pub(crate) file: FileId,
    pub(crate) errors: Vec<LexError>,
}

impl LexExtras {
    pub(crate) fn new(file: FileId) -> LexExtras {
        LexExtras {
            file,
            errors: Vec::new(),
        }
    }

    pub(crate) fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.file, start, end)
    }
}

type Lex<'src> = logos::Lexer<'src, Token>;

/// `/*`: consumes up to and including `*/`, or to the end of input with an error.
pub(crate) fn block_comment(lex: &mut Lex) {
    match lex.remainder().find("*/") {
        Some(i) => lex.bump(i + 2),
        None => {
            lex.bump(lex.remainder().len());
            let span = lex.extras.span(lex.span().start, lex.span().end);
            lex.extras
                .errors
                .push(LexError::UnterminatedComment { span });
        }
    }
}

/// A digit, or `.` and a digit: scans the whole numeric literal and says which kind it is.
pub(crate) fn number(lex: &mut Lex) -> Token {
    let start = lex.span().start;
    let matched = lex.span().len();
    let text = lex.source().as_bytes().get(start..).unwrap_or_default();
    let (len, token) = number::scan(text, start, &mut lex.extras);
    lex.bump(len.saturating_sub(matched));
    token
}

/// `` ` ``: a raw string runs to the next backquote, newlines included.
pub(crate) fn raw_string(lex: &mut Lex) {
    match lex.remainder().find('`') {
        Some(i) => lex.bump(i + 1),
        None => {
            lex.bump(lex.remainder().len());
            let span = lex.extras.span(lex.span().start, lex.span().end);
            lex.extras
                .errors
                .push(LexError::UnterminatedRawString { span });
        }
    }
}

/// `"`: an interpreted string runs to the next unescaped `"` on the same line.
pub(crate) fn string(lex: &mut Lex) {
    let start = lex.span().start;
    let body = lex.remainder();
    let mut pos = 0;
    let outcome = loop {
        match body.as_bytes().get(pos) {
            None => {
                break Some(LexError::UnterminatedString {
                    span: lex.extras.span(start, start + 1 + pos),
                });
            }
            Some(b'\n') => {
                break Some(LexError::NewlineInString {
                    span: lex.extras.span(start, start + 1 + pos),
                });
            }
            Some(b'"') => {
                pos += 1;
                break None;
            }
            Some(b'\\') => pos += 1 + check_escape(body, pos, b'"', start + 1, &mut lex.extras),
            Some(_) => pos += 1,
        }
    };
    lex.extras.errors.extend(outcome);
    // `pos` stops only before an ASCII byte or at the end, so it is a char boundary.
    lex.bump(pos);
}

/// `'`: a rune literal holds exactly one character or escape.
pub(crate) fn rune(lex: &mut Lex) {
    let start = lex.span().start;
    let body = lex.remainder();
    let mut pos = 0;
    let mut n_chars = 0;
    let outcome = loop {
        let Some(ch) = body.get(pos..).and_then(|rest| rest.chars().next()) else {
            break Some(LexError::UnterminatedRune {
                span: lex.extras.span(start, start + 1 + pos),
            });
        };
        match ch {
            '\n' => {
                break Some(LexError::NewlineInRune {
                    span: lex.extras.span(start, start + 1 + pos),
                });
            }
            '\'' => {
                pos += 1;
                let span = lex.extras.span(start, start + 1 + pos);
                break match n_chars {
                    0 => Some(LexError::EmptyRune { span }),
                    1 => None,
                    _ => Some(LexError::MultiCharRune { span }),
                };
            }
            '\\' => pos += 1 + check_escape(body, pos, b'\'', start + 1, &mut lex.extras),
            _ => pos += ch.len_utf8(),
        }
        n_chars += 1;
    };
    // Go reports one error per rune literal: after a bad escape, nothing else is said.
    let had_escape_error = lex
        .extras
        .errors
        .last()
        .is_some_and(|e| e.span().start as usize > start);
    if !had_escape_error {
        lex.extras.errors.extend(outcome);
    }
    lex.bump(pos);
}

/// Validates the escape after the backslash at `body[backslash]` (`body` starts at file
/// offset `body_start`) and returns how many bytes after the backslash it spans. Errors
/// are recorded; an escape cut off by the end of input is left to the caller to report
/// as an unterminated literal.
fn check_escape(
    body: &str,
    backslash: usize,
    quote: u8,
    body_start: usize,
    extras: &mut LexExtras,
) -> usize {
    let rest = body.get(backslash + 1..).unwrap_or_default();
    let (len, res) = escape::parse(rest, quote);
    let Err(err) = res else { return len };
    // The span covers the backslash through the offending character.
    let offender = rest
        .get(len..)
        .and_then(|tail| tail.chars().next())
        .map_or(0, char::len_utf8);
    let lo = body_start + backslash;
    let hi = match err {
        escape::EscapeError::Unknown | escape::EscapeError::BadDigit { .. } => {
            lo + 1 + len + offender
        }
        _ => lo + 1 + len,
    };
    let span = extras.span(lo, hi);
    let err = match err {
        escape::EscapeError::Unknown => LexError::UnknownEscape { span },
        escape::EscapeError::BadDigit { ch, base } => {
            LexError::InvalidEscapeDigit { span, ch, base }
        }
        escape::EscapeError::OctalTooLarge(value) => LexError::OctalEscapeTooLarge { span, value },
        escape::EscapeError::InvalidCodePoint(value) => LexError::InvalidCodePoint { span, value },
        escape::EscapeError::Eof => return len,
    };
    extras.errors.push(err);
    len
}
