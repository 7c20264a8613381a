//! The line editor's helper: completion, and syntax colouring with the matching bracket.
//!
//! Owns: [`GoHelper`] and the completion word lists. Does not own: the session (it sees
//! only the names the session declared, refreshed by the loop after each input), nor
//! whether colour is used (rustyline turns highlighting off when the terminal has no
//! colour or `NO_COLOR` is set).

use std::borrow::Cow;
use std::collections::HashMap;

use minigo_lang::ast::Decl;
use minigo_lang::lexer::lex;
use minigo_lang::span::FileId;
use minigo_lang::token::Token;
use rustyline::completion::{Completer, Pair};
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::Hinter;
use rustyline::validate::Validator;
use rustyline::{Context, Helper};

use super::commands;

/// The predeclared names, for completion (keywords come from `Token::KEYWORDS`).
const PREDECLARED: &[&str] = &[
    "append", "cap", "clear", "close", "complex", "copy", "delete", "len", "make", "max", "min",
    "new", "panic", "print", "println", "recover", "bool", "byte", "error", "float32", "float64",
    "int", "int8", "int16", "int32", "int64", "rune", "string", "uint", "uint8", "uint16",
    "uint32", "uint64", "uintptr", "any", "true", "false", "nil", "iota",
];

/// The REPL's rustyline helper.
#[derive(Default)]
pub struct GoHelper {
    /// Names the session declared (functions, types, variables, constants).
    pub session_names: Vec<String>,
    members: std::cell::RefCell<HashMap<String, Vec<String>>>,
}

impl GoHelper {
    /// The exported names a standard package declares (cached).
    fn members(&self, pkg: &str) -> Vec<String> {
        if let Some(found) = self.members.borrow().get(pkg) {
            return found.clone();
        }
        let names = package_members(pkg);
        self.members
            .borrow_mut()
            .insert(pkg.to_string(), names.clone());
        names
    }
}

/// The exported top-level names of the standard package whose name is `pkg`.
pub fn package_members(pkg: &str) -> Vec<String> {
    let Some(path) = minigo_stdlib::PACKAGES
        .iter()
        .find(|p| p.rsplit('/').next() == Some(pkg))
    else {
        return Vec::new();
    };
    let Some(source) = minigo_stdlib::declaration(path) else {
        return Vec::new();
    };
    let (file, _) = minigo_lang::parse::parse(FileId(0), source);
    let mut names: Vec<String> = file
        .decls
        .iter()
        .flat_map(|d| -> Vec<String> {
            match d {
                Decl::Func(f) if f.recv.is_none() => vec![f.name.name.to_string()],
                Decl::Type(t) => t.specs.iter().map(|s| s.name.name.to_string()).collect(),
                Decl::Var(v) => v
                    .specs
                    .iter()
                    .flat_map(|s| &s.names)
                    .map(|n| n.name.to_string())
                    .collect(),
                Decl::Const(c) => c
                    .specs
                    .iter()
                    .flat_map(|s| &s.names)
                    .map(|n| n.name.to_string())
                    .collect(),
                _ => Vec::new(),
            }
        })
        .filter(|n| n.starts_with(|c: char| c.is_uppercase()))
        .collect();
    names.sort();
    names.dedup();
    names
}

/// Candidates for the word before `pos`: package members after `pkg.`, else commands,
/// keywords, session names and package names.
pub fn complete_word(helper: &GoHelper, line: &str, pos: usize) -> (usize, Vec<String>) {
    let head = line.get(..pos).unwrap_or(line);
    let start = head
        .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
        .map_or(0, |i| i + 1);
    let word = head.get(start..).unwrap_or_default();
    let before = head.get(..start).unwrap_or_default();
    if let Some(qualifier) = before.strip_suffix('.') {
        let pkg_start = qualifier
            .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
            .map_or(0, |i| i + 1);
        let pkg = qualifier.get(pkg_start..).unwrap_or_default();
        let found = helper
            .members(pkg)
            .into_iter()
            .filter(|m| m.starts_with(word))
            .collect();
        return (start, found);
    }
    let packages = minigo_stdlib::PACKAGES
        .iter()
        .map(|p| p.rsplit('/').next().unwrap_or(p));
    let mut found: Vec<String> = commands::NAMES
        .iter()
        .copied()
        .chain(Token::KEYWORDS.iter().map(|t| t.text()))
        .chain(PREDECLARED.iter().copied())
        .chain(packages)
        .map(str::to_string)
        .chain(helper.session_names.iter().cloned())
        .filter(|w| w.starts_with(word) && !word.is_empty())
        .collect();
    found.sort();
    found.dedup();
    (start, found)
}

impl Completer for GoHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let (start, words) = complete_word(self, line, pos);
        let pairs = words
            .into_iter()
            .map(|w| Pair {
                display: w.clone(),
                replacement: w,
            })
            .collect();
        Ok((start, pairs))
    }
}

impl Hinter for GoHelper {
    type Hint = String;
}

/// Lines are gathered by the loop (which shows the `... ` prompt for continuation lines),
/// so each line is valid on its own here.
impl Validator for GoHelper {}

impl Highlighter for GoHelper {
    fn highlight<'l>(&self, line: &'l str, pos: usize) -> Cow<'l, str> {
        if line.starts_with(':') {
            return Cow::Borrowed(line);
        }
        Cow::Owned(colour(line, matching_bracket(line, pos)))
    }

    fn highlight_char(&self, _line: &str, _pos: usize, _kind: CmdKind) -> bool {
        true
    }
}

impl Helper for GoHelper {}

/// The ANSI colour of a token, if it gets one.
fn style(tok: Token) -> Option<&'static str> {
    match tok {
        Token::String | Token::RawString | Token::Rune => Some("\x1b[32m"),
        Token::Int | Token::Float | Token::Imag => Some("\x1b[36m"),
        Token::LineComment | Token::BlockComment => Some("\x1b[90m"),
        t if t.text().starts_with(|c: char| c.is_ascii_alphabetic()) => Some("\x1b[1;34m"),
        _ => None,
    }
}

/// `line` with tokens coloured and the bracket at byte `bracket` in bold reverse.
fn colour(line: &str, bracket: Option<usize>) -> String {
    let mut out = String::with_capacity(line.len() * 2);
    let mut at = 0;
    for (start, tok, end) in lex(FileId(0), line).tokens {
        let (Some(gap), Some(text)) = (line.get(at..start), line.get(start..end)) else {
            continue;
        };
        out.push_str(gap);
        let code = if bracket == Some(start) {
            Some("\x1b[1;7m")
        } else {
            style(tok)
        };
        match code {
            Some(code) if !text.is_empty() => {
                out.push_str(code);
                out.push_str(text);
                out.push_str("\x1b[0m");
            }
            _ => out.push_str(text),
        }
        at = end.max(at);
    }
    out.push_str(line.get(at..).unwrap_or_default());
    out
}

/// The byte offset of the bracket matching the one at or just before the cursor.
fn matching_bracket(line: &str, pos: usize) -> Option<usize> {
    let tokens = lex(FileId(0), line).tokens;
    let here = tokens
        .iter()
        .position(|&(s, t, _)| is_bracket(t) && (s == pos || s + 1 == pos))?;
    let (_, tok, _) = *tokens.get(here)?;
    let opening = matches!(tok, Token::LParen | Token::LBrack | Token::LBrace);
    let mut depth = 0i32;
    let step = |&(s, t, _): &(usize, Token, usize), depth: &mut i32| -> Option<usize> {
        if !is_bracket(t) {
            return None;
        }
        *depth += if matches!(t, Token::LParen | Token::LBrack | Token::LBrace) == opening {
            1
        } else {
            -1
        };
        (*depth == 0).then_some(s)
    };
    if opening {
        tokens.get(here..)?.iter().find_map(|t| step(t, &mut depth))
    } else {
        tokens
            .get(..=here)?
            .iter()
            .rev()
            .find_map(|t| step(t, &mut depth))
    }
}

fn is_bracket(t: Token) -> bool {
    matches!(
        t,
        Token::LParen
            | Token::RParen
            | Token::LBrack
            | Token::RBrack
            | Token::LBrace
            | Token::RBrace
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_members_complete_after_a_qualifier() {
        let helper = GoHelper::default();
        let (start, found) = complete_word(&helper, "strings.To", 10);
        assert_eq!(start, 8);
        assert_eq!(found, ["ToLower", "ToTitle", "ToUpper"]);
    }

    #[test]
    fn keywords_and_session_names_complete() {
        let helper = GoHelper {
            session_names: vec!["fooBar".into()],
            ..GoHelper::default()
        };
        assert_eq!(complete_word(&helper, "x := foo", 8).1, ["fooBar"]);
        assert!(
            complete_word(&helper, "ret", 3)
                .1
                .contains(&"return".to_string())
        );
        assert!(
            complete_word(&helper, ":go", 3)
                .1
                .contains(&":goroutines".to_string())
        );
    }

    #[test]
    fn the_matching_bracket_is_found_both_ways() {
        assert_eq!(matching_bracket("f(a[1])", 1), Some(6));
        assert_eq!(matching_bracket("f(a[1])", 7), Some(1));
        assert_eq!(matching_bracket("f(a)", 0), None);
    }
}
