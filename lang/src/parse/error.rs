//! Syntax errors: what the parser reports, worded as Go's compiler words it.
//!
//! LALRPOP reports an unexpected token with the set of terminals it expected, named as in
//! the grammar's `extern` block (`"IDENT"`, `")"`, `"func"`). [`expectation`] maps that set
//! to the short phrase Go's parser would print in the same place ("expected expression",
//! "at end of statement", "in composite literal; possibly missing comma or }"), and
//! [`describe`] names the unexpected token as Go does (`name x`, `literal 1`, `newline`,
//! `EOF`, `keyword func`). The mapping is by the shape of the set, so it needs no parser
//! state. Errors raised by grammar actions (`non-name x.y on left side of :=`) are variants
//! of the same enum. This module does not decide where to recover; the grammar does.

use lalrpop_util::ParseError;

use super::ParseCx;
use crate::diag::Diagnostic;
use crate::span::Span;
use crate::token::Token;

/// A syntax error, convertible into a [`Diagnostic`] with code `syntax`.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum SyntaxError {
    /// The parser met a token that cannot continue the program.
    #[error("syntax error: unexpected {found}{expected}")]
    Unexpected {
        found: String,
        expected: String,
        span: Span,
    },
    #[error("syntax error: non-declaration statement outside function body")]
    OutsideFunction { span: Span },
    #[error("syntax error: else must be followed by if or statement block")]
    BadElse { span: Span },
    #[error("syntax error: package statement must be first")]
    PackageNotFirst { span: Span },
    #[error("syntax error: imports must appear before other declarations")]
    ImportAfterDecl { span: Span },
    #[error("syntax error: non-name {text} on left side of :=")]
    NonName { text: String, span: Span },
    #[error("syntax error: cannot use {text} as value")]
    NotValue { text: String, span: Span },
    #[error("syntax error: expected := or = or comma")]
    ExprList { span: Span },
    #[error("syntax error: mixed named and unnamed parameters")]
    MixedParams { span: Span },
    #[error("syntax error: can only use ... with final parameter in list")]
    VariadicNotLast { span: Span },
    #[error("syntax error: missing type constraint")]
    MissingConstraint { span: Span },
    #[error("syntax error: empty type parameter list")]
    EmptyTypeParams { span: Span },
    #[error("method has multiple receivers")]
    BadReceiver { span: Span },
    #[error("method has no receiver")]
    NoReceiver { span: Span },
    #[error("syntax error: select case must be receive, send or assign recv")]
    BadComm { span: Span },
    #[error("syntax error: cannot declare in post statement of for loop")]
    DefineInPost { span: Span },
    #[error("range clause permits at most two iteration variables")]
    RangeVars { span: Span },
    #[error("goto is not supported")]
    Goto { span: Span },
    #[error("complex numbers are not supported")]
    Imaginary { span: Span },
    #[error("integer constant overflow")]
    IntOverflow { span: Span },
}

impl SyntaxError {
    /// Whether the parser itself found this error at an unexpected token (rather than an
    /// action finding a complete construct invalid).
    pub(crate) fn is_from_parser(&self) -> bool {
        matches!(
            self,
            SyntaxError::Unexpected { .. }
                | SyntaxError::OutsideFunction { .. }
                | SyntaxError::BadElse { .. }
        )
    }

    /// Where the error is: the unexpected token, or the construct that is invalid.
    pub fn span(&self) -> Span {
        use SyntaxError::*;
        match self {
            Unexpected { span, .. } | NonName { span, .. } | NotValue { span, .. } => *span,
            OutsideFunction { span }
            | BadElse { span }
            | PackageNotFirst { span }
            | ImportAfterDecl { span }
            | ExprList { span }
            | MixedParams { span }
            | VariadicNotLast { span }
            | MissingConstraint { span }
            | EmptyTypeParams { span }
            | BadReceiver { span }
            | NoReceiver { span }
            | BadComm { span }
            | DefineInPost { span }
            | RangeVars { span }
            | Goto { span }
            | Imaginary { span }
            | IntOverflow { span } => *span,
        }
    }
}

impl From<SyntaxError> for Diagnostic {
    fn from(err: SyntaxError) -> Diagnostic {
        Diagnostic::error("syntax", err.span(), err.to_string())
    }
}

/// Converts a LALRPOP error into Go's wording.
pub(crate) fn from_parse_error(cx: &ParseCx<'_>, err: ParseError<usize, Token, ()>) -> SyntaxError {
    match err {
        ParseError::UnrecognizedToken {
            token: (l, token, r),
            expected,
        } => unexpected(cx, token, l, r, &expected),
        ParseError::UnrecognizedEof { location, expected } => {
            let end = cx.src.len().max(location);
            unexpected(cx, Token::Semi, end, end, &expected)
        }
        ParseError::ExtraToken {
            token: (l, token, r),
        } => unexpected(cx, token, l, r, &[]),
        // Neither happens (the lexer is external and actions raise no user errors), but
        // reporting them costs nothing and keeps this total.
        ParseError::InvalidToken { location } => {
            unexpected(cx, Token::Error, location, location, &[])
        }
        ParseError::User { error: () } => unexpected(cx, Token::Error, 0, 0, &[]),
    }
}

fn unexpected(
    cx: &ParseCx<'_>,
    token: Token,
    l: usize,
    r: usize,
    expected: &[String],
) -> SyntaxError {
    let span = cx.span(l, r);
    let found = describe(token, cx.text(l, r));
    // At the end of input a missing `}` is the likeliest cause, as Go reports it.
    if found == "EOF" && expected.iter().any(|e| e == "\"}\"") {
        return SyntaxError::Unexpected {
            found,
            expected: ", expected }".into(),
            span,
        };
    }
    match expectation(expected) {
        Expectation::Phrase(phrase) => SyntaxError::Unexpected {
            found,
            expected: phrase,
            span,
        },
        Expectation::OutsideFunction => SyntaxError::OutsideFunction { span },
        Expectation::BadElse => SyntaxError::BadElse { span },
    }
}

/// How Go names a token after "unexpected": `name x`, `literal 1`, `newline`, `EOF`,
/// `keyword func`, `comma`, or the operator itself.
pub(crate) fn describe(token: Token, text: &str) -> String {
    match token {
        Token::Ident => format!("name {text}"),
        Token::Int
        | Token::Float
        | Token::Imag
        | Token::Rune
        | Token::String
        | Token::RawString => {
            format!("literal {text}")
        }
        Token::Semi => match text {
            ";" => "semicolon".to_owned(),
            "" => "EOF".to_owned(),
            _ => "newline".to_owned(),
        },
        Token::Comma => "comma".to_owned(),
        Token::Error => format!("invalid character {text}"),
        t if t.is_keyword() => format!("keyword {}", t.text()),
        t => t.text().to_owned(),
    }
}

/// What an error message says after the unexpected token.
#[derive(Debug, PartialEq)]
enum Expectation {
    /// Appended to "unexpected X": `, expected expression`, ` at end of statement`, ...
    Phrase(String),
    OutsideFunction,
    BadElse,
}

/// Maps LALRPOP's expected-terminal set to Go's phrase for the same situation. The rules
/// go from the most specific shape of the set to the most general.
fn expectation(expected: &[String]) -> Expectation {
    let has = |t: &str| expected.iter().any(|e| e.trim_matches('"') == t);
    let phrase = |s: &str| Expectation::Phrase(s.to_owned());
    if has("func") && has("var") && has("type") && !has("IDENT") {
        return Expectation::OutsideFunction;
    }
    if has("if") && has("{") && expected.len() == 2 {
        return Expectation::BadElse;
    }
    if has(",") && !has(";") {
        if has("}") && !has(")") {
            return phrase(" in composite literal; possibly missing comma or }");
        }
        if has(")") && !has("}") {
            return phrase(" in argument list; possibly missing comma or )");
        }
    }
    if has(";") && has("}") {
        return phrase(" at end of statement");
    }
    if has(";") && !has("IDENT") && !has("(") {
        return phrase(" after top level declaration");
    }
    if has("IDENT") && has("INT") {
        return phrase(", expected expression");
    }
    if has("IDENT") && has("[") && has("map") {
        return phrase(", expected type");
    }
    if has("IDENT") {
        return phrase(", expected name");
    }
    if has("{") {
        return phrase(", expected {");
    }
    match expected {
        [one] => Expectation::Phrase(format!(", expected {}", go_name(one))),
        _ => Expectation::Phrase(String::new()),
    }
}

/// The Go name of a terminal as the grammar spells it (`"\")\""` is `)`).
fn go_name(terminal: &str) -> String {
    match terminal.trim_matches('"') {
        "," => "comma".to_owned(),
        ";" => "semicolon or newline".to_owned(),
        t => t.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(terminals: &[&str]) -> Vec<String> {
        terminals.iter().map(|t| format!("\"{t}\"")).collect()
    }

    #[test]
    fn tokens_are_described_as_go_does() {
        assert_eq!(describe(Token::Ident, "x"), "name x");
        assert_eq!(describe(Token::Int, "1"), "literal 1");
        assert_eq!(describe(Token::String, "\"s\""), "literal \"s\"");
        assert_eq!(describe(Token::Semi, "\n"), "newline");
        assert_eq!(describe(Token::Semi, ""), "EOF");
        assert_eq!(describe(Token::Semi, ";"), "semicolon");
        assert_eq!(describe(Token::Func, "func"), "keyword func");
        assert_eq!(describe(Token::Comma, ","), "comma");
        assert_eq!(describe(Token::RParen, ")"), ")");
        assert_eq!(describe(Token::ShlAssign, "<<="), "<<=");
    }

    #[test]
    fn expected_sets_map_to_go_phrases() {
        let phrase = |t: &[&str]| match expectation(&set(t)) {
            Expectation::Phrase(p) => p,
            other => format!("{other:?}"),
        };
        assert_eq!(
            phrase(&["func", "var", "type", "const", "import"]),
            "OutsideFunction"
        );
        assert_eq!(phrase(&["if", "{"]), "BadElse");
        assert_eq!(
            phrase(&[",", "}", "+"]),
            " in composite literal; possibly missing comma or }"
        );
        assert_eq!(
            phrase(&[",", ")", "..."]),
            " in argument list; possibly missing comma or )"
        );
        assert_eq!(phrase(&[";", "}", "+", "="]), " at end of statement");
        assert_eq!(phrase(&[";"]), " after top level declaration");
        assert_eq!(phrase(&["IDENT", "INT", "(", "-"]), ", expected expression");
        assert_eq!(phrase(&["IDENT", "[", "map", "*"]), ", expected type");
        assert_eq!(phrase(&["IDENT"]), ", expected name");
        assert_eq!(phrase(&[")"]), ", expected )");
        assert_eq!(phrase(&[]), "");
    }
}
