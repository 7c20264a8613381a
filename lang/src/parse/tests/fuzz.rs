//! Property tests: no token sequence makes the parser panic, and damaged programs are
//! reported rather than accepted silently.

use proptest::prelude::*;

use super::*;
use crate::lexer::lex;

/// Token spellings the random programs are built from: every keyword and operator, plus
/// names, literals and newlines (which become automatic semicolons).
const WORDS: &[&str] = &[
    "break",
    "case",
    "chan",
    "const",
    "continue",
    "default",
    "defer",
    "else",
    "fallthrough",
    "for",
    "func",
    "go",
    "goto",
    "if",
    "import",
    "interface",
    "map",
    "package",
    "range",
    "return",
    "select",
    "struct",
    "switch",
    "type",
    "var",
    "+",
    "-",
    "*",
    "/",
    "%",
    "&",
    "|",
    "^",
    "<<",
    ">>",
    "&^",
    "+=",
    "-=",
    "&&",
    "||",
    "<-",
    "++",
    "--",
    "==",
    "<",
    ">",
    "=",
    "!",
    "~",
    "!=",
    "<=",
    ">=",
    ":=",
    "...",
    "(",
    "[",
    "{",
    ",",
    ".",
    ")",
    "]",
    "}",
    ";",
    ":",
    "x",
    "T",
    "_",
    "1",
    "2.5",
    "'a'",
    "\"s\"",
    "`r`",
    "1i",
    "\n",
    "\n",
];

fn source_from(words: &[usize]) -> String {
    words
        .iter()
        .map(|&i| WORDS[i % WORDS.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

/// A small valid program whose tokens the mutation test damages.
const PROGRAM: &str = r#"package main

import "fmt"

type Stack[T any] struct{ items []T }

func (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }

func main() {
	ch := make(chan int, 2)
	s := &Stack[int]{}
	for i := range 3 {
		s.Push(i)
	}
	select {
	case ch <- 1:
	case v, ok := <-ch:
		fmt.Println(v, ok)
	default:
	}
	switch x := any(s).(type) {
	case *Stack[int]:
		fmt.Println(len(x.items), []int{1, 2}[0])
	}
}
"#;

#[derive(Clone, Debug)]
enum Mutation {
    Delete(usize),
    Duplicate(usize),
    Swap(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Delete),
        any::<usize>().prop_map(Mutation::Duplicate),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Swap(a, b)),
    ]
}

/// The token texts of `PROGRAM` after applying `mutations`, joined by spaces (automatic
/// semicolons are kept as explicit `;`).
fn mutated(mutations: &[Mutation]) -> String {
    let mut toks: Vec<&str> = lex(FileId(0), PROGRAM)
        .tokens
        .iter()
        .map(|&(l, _, r)| if l == r { ";" } else { &PROGRAM[l..r] })
        .map(|t| if t == "\n" { ";" } else { t })
        .collect();
    for m in mutations {
        let n = toks.len();
        match *m {
            Mutation::Delete(i) if n > 0 => {
                toks.remove(i % n);
            }
            Mutation::Duplicate(i) if n > 0 => toks.insert(i % n, toks[i % n]),
            Mutation::Swap(a, b) if n > 0 => toks.swap(a % n, b % n),
            _ => {}
        }
    }
    toks.join(" ")
}

#[test]
fn the_unmutated_program_is_valid() {
    parse_ok(PROGRAM);
    parse_ok(&mutated(&[]));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn random_token_sequences_never_panic(words in prop::collection::vec(any::<usize>(), 0..60)) {
        let src = source_from(&words);
        let (file, _) = parse(FileId(0), &src);
        prop_assert!(file.span.end as usize == src.len());
        let _ = parse_expr(FileId(0), &src);
    }

    #[test]
    fn random_token_sequences_inside_a_function_never_panic(words in prop::collection::vec(any::<usize>(), 0..60)) {
        let src = format!("package main\nfunc main() {{\n{}\n}}\n", source_from(&words));
        let _ = parse(FileId(0), &src);
    }

    #[test]
    fn mutated_programs_never_panic(mutations in prop::collection::vec(mutation(), 1..4)) {
        let src = mutated(&mutations);
        let (_, diags) = parse(FileId(0), &src);
        // Deleting a `{` or swapping two brackets must be reported, never accepted.
        let balance = |s: &str| s.matches('{').count() as i64 - s.matches('}').count() as i64;
        if balance(&src) != 0 {
            prop_assert!(!diags.is_empty(), "unbalanced braces accepted: {}", src);
        }
    }

    #[test]
    fn truncated_programs_never_panic(cut in 0..PROGRAM.len()) {
        let src = PROGRAM.get(..cut).unwrap_or(PROGRAM);
        let _ = parse(FileId(0), src);
    }
}
