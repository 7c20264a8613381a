//! The lexer: source text to tokens, with Go's automatic semicolon insertion.
//!
//! (Being written: see the module's full doc once complete.)

use crate::token::Token;

/// logos callback for `/*`: consumes up to and including `*/`.
pub(crate) fn block_comment(lex: &mut logos::Lexer<Token>) -> bool {
    match lex.remainder().find("*/") {
        Some(i) => {
            lex.bump(i + 2);
            true
        }
        None => {
            lex.bump(lex.remainder().len());
            false
        }
    }
}
