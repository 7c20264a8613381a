//! Identifiers outside ASCII: checking that every character is a Unicode letter or digit.
//!
//! The `Ident` pattern accepts any non-ASCII character (except a byte order mark), as Go's
//! scanner does: a stray `·` or `😀` next to letters is reported as "invalid character
//! ... in identifier" and stays part of the name, instead of splitting it in two. This
//! keeps the common ASCII path of the logos automaton small, and moves the Unicode
//! category tables here, where only identifiers with non-ASCII characters go.
//!
//! Invariant: the categories are exactly Go's: a letter is `\p{L}` (`unicode.IsLetter`) and
//! a digit `\p{Nd}` (`unicode.IsDigit`), both taken from logos' Unicode tables.

use logos::Logos;

use super::LexExtras;
use super::error::LexError;
use crate::token::Token;

/// The Unicode class of one character, found by lexing it with logos' tables.
#[derive(Logos, Clone, Copy, Debug, PartialEq, Eq)]
enum CharClass {
    #[regex(r"\p{L}")]
    Letter,
    #[regex(r"\p{Nd}")]
    Digit,
}

/// The logos callback for identifiers: pure ASCII ones need no check.
pub(crate) fn identifier(lex: &mut logos::Lexer<Token>) {
    let text = lex.slice();
    if !text.is_ascii() {
        check_unicode(text, lex.span().start, &mut lex.extras);
    }
}

/// Reports each non-ASCII character of identifier `text` (at file offset `start`) that
/// is not a letter, or is a digit in first position.
#[cold]
fn check_unicode(text: &str, start: usize, extras: &mut LexExtras) {
    for (offset, ch) in text.char_indices().filter(|(_, ch)| !ch.is_ascii()) {
        let at = start + offset;
        let span = extras.span(at, at + ch.len_utf8());
        let err = match class(ch) {
            Some(CharClass::Letter) => continue,
            Some(CharClass::Digit) if offset > 0 => continue,
            Some(CharClass::Digit) => LexError::IdentStartsWithDigit { span, ch },
            None => LexError::InvalidIdentChar { span, ch },
        };
        extras.errors.push(err);
    }
}

fn class(ch: char) -> Option<CharClass> {
    let mut buf = [0; 4];
    let text: &str = ch.encode_utf8(&mut buf);
    let mut lexer = CharClass::lexer(text);
    let res = lexer.next()?.ok()?;
    // The whole character must match, not a prefix of it.
    (lexer.span().end == text.len()).then_some(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_follow_unicode_categories() {
        assert_eq!(class('é'), Some(CharClass::Letter));
        assert_eq!(class('模'), Some(CharClass::Letter));
        assert_eq!(class('ʰ'), Some(CharClass::Letter), "Lm is a letter");
        assert_eq!(class('١'), Some(CharClass::Digit));
        assert_eq!(class('²'), None, "No is not a decimal digit");
        assert_eq!(class('Ⅻ'), None, "Nl is not a letter");
        assert_eq!(class('·'), None);
        assert_eq!(class('😀'), None);
        assert_eq!(class('\u{301}'), None, "a combining mark is not a letter");
    }
}
