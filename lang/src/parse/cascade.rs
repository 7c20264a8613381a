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
    /// The brackets still open at the end of input, outermost first.
    open_at_end: Vec<Token>,
    /// The innermost open bracket before each token (`None` at depth 0) and the depth.
    before: Vec<(Option<Token>, u32)>,
    after: Vec<u32>,
}

impl Brackets {
    pub(crate) fn new(tokens: &[Spanned]) -> Brackets {
        let mut stack: Vec<Token> = Vec::new();
        let mut res = Brackets {
            starts: Vec::new(),
            open_at_end: Vec::new(),
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
        res.open_at_end = stack;
        res
    }

    /// `tokens` completed so that every bracket still open at the end of input (offset
    /// `end`) is closed there, innermost first, followed by a `;` ending the top-level
    /// declaration. The lexer's own semicolon at the end of input is dropped when brackets
    /// are open: inside a list it would be an error, and Go needs no `;` before a `}`.
    /// No `;` goes between closers either, for the same reasons.
    pub(crate) fn close_at_end<'t>(
        &'t self,
        tokens: &'t [Spanned],
        end: usize,
    ) -> impl Iterator<Item = Spanned> + 't {
        let eof_semi = |t: &Spanned| *t == (end, Token::Semi, end);
        let keep = match tokens.split_last() {
            Some((last, rest)) if eof_semi(last) && !self.open_at_end.is_empty() => rest,
            _ => tokens,
        };
        let closing = self
            .open_at_end
            .iter()
            .rev()
            .map(move |&open| (end, closer(open), end));
        keep.iter()
            .copied()
            .chain(closing)
            .chain(std::iter::once((end, Token::Semi, end)))
    }

    /// The index of the token starting at `offset` (or the first one after it).
    fn index(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s < offset)
    }

    /// Whether an error at token `later` follows from the error at token `earlier`. A
    /// broken composite literal (`in_literal`) is special: recovery at its newline leaves
    /// the parser out of step with the braces, so everything up to the end of the
    /// enclosing bracket (the function body) is a cascade, as Go's parser skips it.
    fn is_cascade(&self, earlier: usize, later: usize, in_literal: bool) -> bool {
        let Some(&(inner, mut depth)) = self.before.get(earlier) else {
            return false;
        };
        let broken_literal = in_literal && inner == Some(Token::LBrace) && depth >= 2;
        if broken_literal {
            depth -= 1;
        }
        if depth == 0 || later <= earlier {
            return false;
        }
        let stays_inside = (earlier..later).all(|k| self.after.get(k).is_some_and(|&d| d >= depth));
        if !stays_inside {
            return false;
        }
        let closes_it = self.after.get(later).is_some_and(|&d| d < depth);
        closes_it || broken_literal || matches!(inner, Some(Token::LParen | Token::LBrack))
    }

    /// `errors` (in any order) without the cascades of earlier parser errors.
    pub(crate) fn drop_cascades(&self, mut errors: Vec<SyntaxError>) -> Vec<SyntaxError> {
        errors.sort_by_key(|e| e.span().start);
        let mut last_parser_error: Option<(usize, bool)> = None;
        errors.retain(|e| {
            if !e.is_from_parser() {
                return true;
            }
            let at = self.index(e.span().start as usize);
            let cascade =
                last_parser_error.is_some_and(|(prev, lit)| self.is_cascade(prev, at, lit));
            if !cascade {
                last_parser_error = Some((at, e.to_string().contains("in composite literal")));
            }
            !cascade
        });
        errors
    }
}

fn closer(opener: Token) -> Token {
    match opener {
        Token::LParen => Token::RParen,
        Token::LBrack => Token::RBrack,
        _ => Token::RBrace,
    }
}

fn opener(closer: Token) -> Token {
    match closer {
        Token::RParen => Token::LParen,
        Token::RBrack => Token::LBrack,
        _ => Token::LBrace,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexer::lex;
    use crate::span::{FileId, Span};

    fn unexpected_at(src: &str, needle: &str) -> SyntaxError {
        let start = src.find(needle).unwrap_or(0);
        let span = Span::new(FileId(0), start, start + needle.len());
        SyntaxError::Unexpected {
            found: needle.into(),
            expected: String::new(),
            span,
        }
    }

    #[test]
    fn errors_inside_an_open_list_are_cascades() {
        let src = "f(a b\n c)\ng(x y)\n";
        let brackets = Brackets::new(&lex(FileId(0), src).tokens);
        let errors = vec![
            unexpected_at(src, "b"),
            unexpected_at(src, "c)"),
            unexpected_at(src, "y"),
        ];
        let kept: Vec<u32> = brackets
            .drop_cascades(errors)
            .iter()
            .map(|e| e.span().start)
            .collect();
        assert_eq!(
            kept,
            [4, 14],
            "the error at `c` is inside the broken list; `y` is a new list"
        );
    }

    #[test]
    fn the_closing_brace_of_a_broken_block_is_a_cascade_but_the_next_block_is_not() {
        let src = "{ x y\n}\n{ z w }";
        let brackets = Brackets::new(&lex(FileId(0), src).tokens);
        let errors = vec![
            unexpected_at(src, "y"),
            unexpected_at(src, "}"),
            unexpected_at(src, "w"),
        ];
        assert_eq!(brackets.drop_cascades(errors).len(), 2);
    }

    #[test]
    fn errors_after_a_broken_composite_literal_are_cascades_until_its_block_ends() {
        let src = "func main() {\n\txs := []int{\n\t\t1,\n\t\t2\n\t}\n\tprintln(len(xs))\n}\nfunc g() { x y }\n";
        let brackets = Brackets::new(&lex(FileId(0), src).tokens);
        let newline = src.find("2\n").unwrap_or(0) + 1;
        let literal = SyntaxError::Unexpected {
            found: "newline".into(),
            expected: " in composite literal; possibly missing comma or }".into(),
            span: Span::new(FileId(0), newline, newline + 1),
        };
        let outside = SyntaxError::OutsideFunction {
            span: Span::new(
                FileId(0),
                src.find("println").unwrap_or(0),
                src.find("println").unwrap_or(0) + 7,
            ),
        };
        let kept = brackets.drop_cascades(vec![literal, outside, unexpected_at(src, "y")]);
        assert_eq!(kept.len(), 2, "{kept:?}");
    }

    #[test]
    fn action_errors_are_never_dropped() {
        let src = "f(a b c)";
        let brackets = Brackets::new(&lex(FileId(0), src).tokens);
        let goto = SyntaxError::Goto {
            span: Span::new(FileId(0), 6, 7),
        };
        assert_eq!(
            brackets
                .drop_cascades(vec![unexpected_at(src, "b"), goto])
                .len(),
            2
        );
    }
}
