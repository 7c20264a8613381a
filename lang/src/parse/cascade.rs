//! Dropping cascaded syntax errors: the follow-on errors an earlier error causes.
//!
//! LALRPOP recovers at the nearest statement or declaration boundary (`;` or `}`), which
//! is right for a broken statement but not for a broken list: after `f(1 <newline> 2)` the
//! newline ends the "statement", and the `)` two tokens later is reported again. Go's
//! parser avoids that by skipping to the list's closing bracket. This module gets the same
//! effect after the fact, from bracket depths: an error is a cascade of an earlier one if
//! the earlier error sat inside a `(` or `[` that is still open at the later error, or if
//! the later error is the very bracket that closes the earlier error's innermost bracket.
//! Only errors raised by the parser itself are filtered; errors from actions are exact.

use super::error::SyntaxError;
use crate::lexer::Spanned;
use crate::token::Token;

/// The bracket structure of a token stream: for each token, its start offset, the
/// brackets open before it, and the depth after it.
pub(crate) struct Brackets {
    starts: Vec<usize>,
    /// The innermost open bracket before each token (`None` at depth 0) and the depth.
    before: Vec<(Option<Token>, u32)>,
    after: Vec<u32>,
}

impl Brackets {
    pub(crate) fn new(tokens: &[Spanned]) -> Brackets {
        let mut stack: Vec<Token> = Vec::new();
        let mut res = Brackets {
            starts: Vec::new(),
            before: Vec::new(),
            after: Vec::new(),
        };
        for &(start, token, _) in tokens {
            res.starts.push(start);
            res.before.push((stack.last().copied(), stack.len() as u32));
            match token {
                Token::LParen | Token::LBrack | Token::LBrace => stack.push(token),
                Token::RParen | Token::RBrack | Token::RBrace
                    if stack.last() == Some(&opener(token)) =>
                {
                    stack.pop();
                }
                _ => {}
            }
            res.after.push(stack.len() as u32);
        }
        res
    }

    /// The index of the token starting at `offset` (or the first one after it).
    fn index(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s < offset)
    }

    /// Whether an error at token `later` follows from the error at token `earlier`.
    fn is_cascade(&self, earlier: usize, later: usize) -> bool {
        let Some(&(inner, depth)) = self.before.get(earlier) else {
            return false;
        };
        if depth == 0 || later <= earlier {
            return false;
        }
        let stays_inside = (earlier..later).all(|k| self.after.get(k).is_some_and(|&d| d >= depth));
        if !stays_inside {
            return false;
        }
        let closes_it = self.after.get(later).is_some_and(|&d| d < depth);
        closes_it || matches!(inner, Some(Token::LParen | Token::LBrack))
    }

    /// `errors` (in any order) without the cascades of earlier parser errors.
    pub(crate) fn drop_cascades(&self, mut errors: Vec<SyntaxError>) -> Vec<SyntaxError> {
        errors.sort_by_key(|e| e.span().start);
        let mut last_parser_error: Option<usize> = None;
        errors.retain(|e| {
            if !e.is_from_parser() {
                return true;
            }
            let at = self.index(e.span().start as usize);
            let cascade = last_parser_error.is_some_and(|prev| self.is_cascade(prev, at));
            if !cascade {
                last_parser_error = Some(at);
            }
            !cascade
        });
        errors
    }
}

fn opener(closer: Token) -> Token {
    match closer {
        Token::RParen => Token::LParen,
        Token::RBrack => Token::LBrack,
        _ => Token::LBrace,
    }
}
