//! Tests for the lexer: every token class, Go's semicolon rule, every lexical error, and
//! properties over arbitrary input.

use super::*;
use crate::token::Token::{self, *};

/// The tokens of `src` with their text, checking that there were no diagnostics.
fn tokens(src: &str) -> Vec<(Token, &str)> {
    let lexed = lex(FileId(0), src);
    assert_eq!(lexed.diagnostics, [], "unexpected diagnostics for {src:?}");
    lexed
        .tokens
        .iter()
        .map(|&(s, t, e)| (t, &src[s..e]))
        .collect()
}

fn kinds(src: &str) -> Vec<Token> {
    tokens(src).into_iter().map(|(t, _)| t).collect()
}

/// The single diagnostic `src` produces: (code, message, spanned text), and the tokens.
fn one_error(src: &str) -> ((&'static str, std::string::String, &str), Vec<Token>) {
    let lexed = lex(FileId(0), src);
    assert_eq!(
        lexed.diagnostics.len(),
        1,
        "{src:?}: {:?}",
        lexed.diagnostics
    );
    let d = &lexed.diagnostics[0];
    let toks = lexed.tokens.iter().map(|t| t.1).collect();
    ((d.code, d.message.clone(), &src[d.primary.range()]), toks)
}

#[test]
fn identifiers_include_unicode_letters_and_digits() {
    assert_eq!(
        tokens("使用Cond模拟恰饭 _x9 café x١"),
        [
            (Ident, "使用Cond模拟恰饭"),
            (Ident, "_x9"),
            (Ident, "café"),
            (Ident, "x١"),
            (Semi, ""),
        ]
    );
}

#[test]
fn every_keyword() {
    let src = "break case chan const continue default defer else fallthrough for func go goto if \
               import interface map package range return select struct switch type var";
    let toks = kinds(src);
    assert_eq!(toks.len(), 25, "no semicolon follows `var`: {toks:?}");
    for (tok, word) in toks.iter().zip(src.split_whitespace()) {
        assert_eq!(tok.text(), word);
    }
    assert_eq!(kinds("breaks iffy"), [Ident, Ident, Semi]);
}

#[test]
fn every_operator_by_longest_match() {
    let src = "+ - * / % & | ^ << >> &^ += -= *= /= %= &= |= ^= <<= >>= &^= && || <- ++ -- == < > = ! ~ \
               != <= >= := ... ( [ { , . ) ] } ; :";
    let toks = kinds(src);
    let words: Vec<&str> = src.split_whitespace().collect();
    assert_eq!(toks.len(), words.len());
    for (tok, word) in toks.iter().zip(&words) {
        assert_eq!(tok.text(), *word, "{tok:?}");
    }
    assert_eq!(kinds("a&^=b"), [Ident, AndNotAssign, Ident, Semi]);
    assert_eq!(kinds("x<-ch"), [Ident, Arrow, Ident, Semi]);
    assert_eq!(
        kinds("f(a...)"),
        [Ident, LParen, Ident, Ellipsis, RParen, Semi]
    );
    assert_eq!(kinds("a..b"), [Ident, Period, Period, Ident, Semi]);
}

#[test]
fn integer_literals() {
    for text in [
        "0",
        "42",
        "1_000_000",
        "0x1F",
        "0X_ff",
        "0o17",
        "0O7",
        "017",
        "0b1010",
        "0B_1",
        "0_7",
    ] {
        assert_eq!(tokens(text), [(Int, text), (Semi, "")], "{text}");
    }
}

#[test]
fn float_and_imaginary_literals() {
    for text in [
        "1.", ".5", "1.5", "1e9", "1E+9", "1.5e-3", "0x1p-2", "0x1.8p1", "0X.8P0", "1_0.2_5",
        "09.5", "08e1",
    ] {
        assert_eq!(tokens(text), [(Float, text), (Semi, "")], "{text}");
    }
    for text in ["1i", "1.5i", "0x1p2i", "017i"] {
        assert_eq!(tokens(text), [(Imag, text), (Semi, "")], "{text}");
    }
    assert_eq!(tokens("x.5"), [(Ident, "x"), (Float, ".5"), (Semi, "")]);
    assert_eq!(
        tokens("1.String"),
        [(Float, "1."), (Ident, "String"), (Semi, "")]
    );
}

#[test]
fn rune_literals_with_every_escape() {
    let cases = [
        "'a'",
        "'é'",
        "'😀'",
        r"'\a'",
        r"'\b'",
        r"'\f'",
        r"'\n'",
        r"'\r'",
        r"'\t'",
        r"'\v'",
        r"'\\'",
        r"'\''",
        r"'\x41'",
        r"'\101'",
        r"'\u00e9'",
        r"'\U0001F600'",
        r#"'"'"#,
    ];
    for text in cases {
        assert_eq!(tokens(text), [(Rune, text), (Semi, "")], "{text}");
    }
}

#[test]
fn string_literals() {
    let cases = [
        r#""""#,
        r#""abc""#,
        r#""\a\b\f\n\r\t\v\\\"""#,
        r#""\x41\101\u00e9\U0001F600""#,
        r#""'""#,
        "\"日本\"",
    ];
    for text in cases {
        assert_eq!(tokens(text), [(String, text), (Semi, "")], "{text}");
    }
    let raw = "`a\\n\r\n\"b\"`";
    assert_eq!(tokens(raw), [(RawString, raw), (Semi, "")]);
}

#[test]
fn comments_are_dropped() {
    assert_eq!(kinds("a /* b */ c // d"), [Ident, Ident, Semi]);
    assert_eq!(kinds("// only a comment"), []);
    assert_eq!(kinds("/**/"), []);
}

#[test]
fn semicolons_after_the_tokens_that_end_statements() {
    let enders = [
        "x",
        "1",
        "1.5",
        "1i",
        "'a'",
        "\"s\"",
        "`r`",
        "break",
        "continue",
        "fallthrough",
        "return",
        "x++",
        "x--",
        "f()",
        "a[0]",
        "{}",
    ];
    for src in enders {
        let src = format!("{src}\ny");
        let toks = tokens(&src);
        let semi = toks.iter().position(|t| t.0 == Semi);
        assert_eq!(
            semi.map(|i| toks[i].1),
            Some("\n"),
            "after {src:?}: {toks:?}"
        );
    }
}

#[test]
fn no_semicolon_after_other_tokens() {
    for src in ["x +", "f(", "a,", "x :=", "if", "func", "{", "var", "a ."] {
        let toks = kinds(&format!("{src}\ny"));
        assert!(
            !toks[..toks.len() - 2].contains(&Semi),
            "after {src:?}: {toks:?}"
        );
    }
    assert_eq!(kinds("\n\n\n"), []);
    assert_eq!(kinds("x\n\n\ny"), [Ident, Semi, Ident, Semi]);
}

#[test]
fn semicolon_spans_say_what_caused_them() {
    let src = "a\nb /* one\ntwo */ c // end\nd";
    let lexed = lex(FileId(0), src);
    let semis: Vec<&str> = lexed
        .tokens
        .iter()
        .filter(|t| t.1 == Semi)
        .map(|&(s, _, e)| &src[s..e])
        .collect();
    assert_eq!(semis, ["\n", "/* one\ntwo */", "\n", ""]);
    let (start, _, end) = lexed.tokens[lexed.tokens.len() - 1];
    assert_eq!((start, end), (src.len(), src.len()));
}

#[test]
fn comments_and_semicolons() {
    assert_eq!(kinds("a /* one line */\nb"), [Ident, Semi, Ident, Semi]);
    assert_eq!(kinds("a + /* two\nlines */ b"), [Ident, Add, Ident, Semi]);
    assert_eq!(kinds("return // why\n}"), [Return, Semi, RBrace, Semi]);
    assert_eq!(
        kinds("x /* a\nb */ /* c\nd */ y"),
        [Ident, Semi, Ident, Semi]
    );
    assert_eq!(kinds("x;\ny"), [Ident, Semi, Ident, Semi]);
}

#[test]
fn windows_line_endings_and_a_leading_bom() {
    assert_eq!(kinds("\u{FEFF}a\r\nb\r\n"), [Ident, Semi, Ident, Semi]);
}

mod errors;
mod properties;
