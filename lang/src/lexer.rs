//! The lexer: source text to the token stream the parser reads, with Go's automatic
//! semicolons.
//!
//! [`Token`] (a logos enum) recognises tokens; the callbacks in `scan` and `number` scan
//! and validate comments and literals, and `ident` checks non-ASCII identifiers.
//! [`Lexer`] wraps the logos lexer: it drops whitespace and comments, turns newlines into
//! [`Token::Semi`] where Go's rule says so (spec, "Semicolons"), and turns every
//! [`LexError`] into a [`Diagnostic`]. Decoding a literal's value from its text lives in
//! [`literal`]; exact constant arithmetic lives in `crate::constant`.
//!
//! Invariants:
//! - Lexing never fails and never panics: a stray character is reported and skipped; a
//!   malformed literal is reported and still yields its token.
//! - Token spans are byte offsets, strictly increasing, on char boundaries, and never
//!   overlap. An inserted semicolon spans the newline (`"\n"`) that caused it, the
//!   multi-line block comment that caused it, or is empty at `src.len()` at end of input,
//!   so the parser can say "unexpected newline" or "unexpected EOF".
//! - No allocation per token: tokens are fieldless and errors are rare.
//!
//! Rejected alternative: inserting semicolons in the grammar. Go's rule depends only on
//! the previous token and line breaks, which the lexer sees and the grammar does not.

mod error;
mod escape;
mod ident;
pub mod literal;
mod number;
mod scan;

pub use error::LexError;
pub(crate) use ident::identifier;
pub use scan::LexExtras;
pub(crate) use scan::{block_comment, number as number_literal, raw_string, rune, string};

use logos::Logos;

use crate::diag::Diagnostic;
use crate::span::{FileId, Span};
use crate::token::Token;

/// A token with its byte range, the triple LALRPOP's external-lexer interface consumes.
pub type Spanned = (usize, Token, usize);

/// The whole token stream of one file and the lexical errors found in it.
#[derive(Debug, Default)]
pub struct Lexed {
    pub tokens: Vec<Spanned>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Lexes all of `src`. Never fails: errors are in [`Lexed::diagnostics`].
///
/// ```
/// use minigo_lang::{lexer::lex, span::FileId, token::Token};
/// let toks: Vec<Token> = lex(FileId(0), "x++\n").tokens.iter().map(|t| t.1).collect();
/// assert_eq!(toks, [Token::Ident, Token::Inc, Token::Semi]);
/// ```
pub fn lex(file: FileId, src: &str) -> Lexed {
    // Go source averages a token per three to four bytes (the conformance corpus: 3.6);
    // reserving for one per three avoids regrowing, which would copy the whole vector.
    let mut tokens = Vec::with_capacity(src.len() / 3 + 1);
    let mut lexer = Lexer::new(file, src);
    tokens.extend(&mut lexer);
    Lexed {
        tokens,
        diagnostics: lexer.into_diagnostics(),
    }
}

/// The token stream as an iterator: [`lex`] without collecting. Streaming is the faster
/// form for a parser, since it never materialises the (24-byte) triples of a whole file.
///
/// ```
/// use minigo_lang::{lexer::Lexer, span::FileId, token::Token};
/// let mut lexer = Lexer::new(FileId(0), "return @");
/// assert_eq!(lexer.next(), Some((0, Token::Return, 6)));
/// assert_eq!(lexer.next(), Some((8, Token::Semi, 8)));
/// assert_eq!(lexer.diagnostics()[0].message, "invalid character U+0040 '@'");
/// ```
pub struct Lexer<'src> {
    inner: logos::Lexer<'src, Token>,
    diagnostics: Vec<Diagnostic>,
    /// Whether a line break here ends a statement: the last token was one after which
    /// Go inserts a semicolon (an identifier, a literal, `break`, `)`, ...).
    semi_pending: bool,
}

impl<'src> Lexer<'src> {
    /// A lexer over `src`, whose spans and diagnostics name `file`.
    pub fn new(file: FileId, src: &'src str) -> Self {
        let mut inner = Token::lexer_with_extras(src, LexExtras::new(file));
        // Go ignores a byte order mark at the very start of a file (and only there).
        if src.starts_with('\u{FEFF}') {
            inner.bump('\u{FEFF}'.len_utf8());
        }
        Lexer {
            inner,
            diagnostics: Vec::new(),
            semi_pending: false,
        }
    }

    /// The errors found in the part of the input lexed so far.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// All the errors found, once iteration is over.
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }

    /// Moves errors the logos callbacks recorded into `diagnostics`.
    fn collect_errors(&mut self) {
        if !self.inner.extras.errors.is_empty() {
            self.diagnostics
                .extend(self.inner.extras.errors.drain(..).map(Diagnostic::from));
        }
    }

    /// Reports every character of a span logos could not match; they start no token.
    #[cold]
    fn report_invalid(&mut self, start: usize) {
        let file = self.inner.extras.file;
        for (offset, ch) in self.inner.slice().char_indices() {
            let at = start + offset;
            let span = Span::new(file, at, at + ch.len_utf8());
            self.diagnostics
                .push(LexError::InvalidChar { span, ch }.into());
        }
    }

    /// The semicolon that a line break (or the end of input) covering `start..end`
    /// produces, if the previous token asks for one.
    fn line_break(&mut self, start: usize, end: usize) -> Option<Spanned> {
        std::mem::take(&mut self.semi_pending).then_some((start, Token::Semi, end))
    }
}

impl Iterator for Lexer<'_> {
    type Item = Spanned;

    fn next(&mut self) -> Option<Spanned> {
        loop {
            let Some(res) = self.inner.next() else {
                let end = self.inner.source().len();
                return self.line_break(end, end);
            };
            self.collect_errors();
            let logos::Span { start, end } = self.inner.span();
            let token = match res {
                Ok(token) => token,
                Err(()) => {
                    self.report_invalid(start);
                    continue;
                }
            };
            // Comments and newlines are the first three variants, so one comparison
            // sends every real token down the fast path without a jump table.
            if token as u8 > Token::BlockComment as u8 {
                self.semi_pending = ends_statement(token);
                return Some((start, token, end));
            }
            let semi = match token {
                Token::Newline => self.line_break(start, end),
                // A comment spanning lines acts like a newline (spec, "Comments").
                Token::BlockComment if self.inner.slice().contains('\n') => {
                    self.line_break(start, end)
                }
                _ => None,
            };
            if semi.is_some() {
                return semi;
            }
        }
    }
}

/// Go's rule: a line's final token inserts a semicolon after it if it is one of these.
/// A bit set indexed by discriminant, because a `matches!` compiles to a jump table here.
fn ends_statement(token: Token) -> bool {
    use Token::*;
    const ENDERS: u128 = {
        let enders = [
            Ident,
            Int,
            Float,
            Imag,
            Rune,
            String,
            RawString,
            Break,
            Continue,
            Fallthrough,
            Return,
            Inc,
            Dec,
            RParen,
            RBrack,
            RBrace,
        ];
        let mut set = 0;
        let mut i = 0;
        while i < enders.len() {
            set |= 1 << enders[i] as u8;
            i += 1;
        }
        set
    };
    ENDERS >> (token as u8) & 1 == 1
}

// The bit set above needs every discriminant below 128 (`Error` is the last variant), and
// the fast path in `next` needs the three skipped kinds first.
const _: () = assert!((Token::Error as u8) < 128);
const _: () = assert!(
    Token::Newline as u8 == 0 && Token::LineComment as u8 == 1 && Token::BlockComment as u8 == 2
);

#[cfg(test)]
mod tests;
