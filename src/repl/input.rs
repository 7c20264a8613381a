//! When typed text is a whole input: the REPL keeps reading lines (with the `... ` prompt)
//! while the tokens say more must follow.
//!
//! Owns: [`is_complete`]. Does not own: parsing for real (`eval` parses and reports syntax
//! errors of complete inputs).
//!
//! The decision reads Go's tokens (the lexer, with its semicolon insertion), never raw
//! characters, so brackets inside strings, runes and comments do not count: input is
//! incomplete while a `(`, `[` or `{` is open, a raw string or block comment is unterminated,
//! or the last token is one that cannot end a statement (a binary operator, `,`, `=`, `.`).

use minigo_lang::lexer::lex;
use minigo_lang::span::FileId;
use minigo_lang::token::Token;

/// Whether `text` is a whole input (it may still have errors).
pub fn is_complete(text: &str) -> bool {
    let lexed = lex(FileId(0), text);
    let unterminated = lexed
        .diagnostics
        .iter()
        .any(|d| matches!(d.code, "unterminated-raw-string" | "unterminated-comment"));
    if unterminated {
        return false;
    }
    let mut depth = 0i32;
    let mut last = None;
    for &(start, tok, end) in &lexed.tokens {
        match tok {
            Token::LParen | Token::LBrack | Token::LBrace => depth += 1,
            Token::RParen | Token::RBrack | Token::RBrace => depth -= 1,
            _ => {}
        }
        // An inserted semicolon has an empty span; it is not something the user typed.
        let inserted = tok == Token::Semi && start == end;
        if !inserted
            && !matches!(
                tok,
                Token::LineComment | Token::BlockComment | Token::Newline
            )
        {
            last = Some(tok);
        }
    }
    depth <= 0 && !last.is_some_and(continues)
}

/// Whether a line ending in `tok` must go on.
fn continues(tok: Token) -> bool {
    use Token::*;
    matches!(
        tok,
        Add | Sub
            | Mul
            | Quo
            | Rem
            | And
            | Or
            | Xor
            | Shl
            | Shr
            | AndNot
            | LAnd
            | LOr
            | Eql
            | Neq
            | Lss
            | Leq
            | Gtr
            | Geq
            | Assign
            | Define
            | AddAssign
            | SubAssign
            | MulAssign
            | QuoAssign
            | RemAssign
            | AndAssign
            | OrAssign
            | XorAssign
            | ShlAssign
            | ShrAssign
            | AndNotAssign
            | Arrow
            | Comma
            | Period
            | Colon
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_brackets_and_trailing_operators_continue() {
        assert!(!is_complete("func f() {"));
        assert!(!is_complete("x := []int{1,\n2,"));
        assert!(!is_complete("x := 1 +"));
        assert!(!is_complete("s := `raw\nstring"));
        assert!(is_complete("func f() {\n\treturn\n}"));
        assert!(is_complete("x := \"{\""));
        assert!(is_complete("x * 21 // (comment"));
        assert!(is_complete("x++"));
    }

    #[test]
    fn a_stray_closing_bracket_is_complete_so_that_it_is_reported() {
        assert!(is_complete("}"));
    }
}
