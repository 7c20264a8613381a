//! Property tests of the whole front end (lex, parse, check against the standard
//! packages): random token sequences and random mutations of the conformance programs
//! produce diagnostics, never a panic, and every diagnostic points inside its file.

use proptest::prelude::*;

use minigo::frontend::{Checked, check_files};

/// The conformance programs, read once; empty when the shared corpus is not beside the
/// repository (the properties then run on the built-in sample only).
fn corpus() -> &'static [String] {
    static CORPUS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    CORPUS.get_or_init(|| {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/conformance");
        let mut out = vec![SAMPLE.to_string()];
        for dir in ["lang", "conc", "seeds", "fail"] {
            let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
                continue;
            };
            let mut paths: Vec<_> = entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "go"))
                .collect();
            paths.sort();
            out.extend(paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()));
        }
        out
    })
}

const SAMPLE: &str = r#"package main

import (
	"fmt"
	"sync"
)

type Counter struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *Counter) Inc(k string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n[k]++
}

func main() {
	c := Counter{n: map[string]int{}}
	var wg sync.WaitGroup
	for i := range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.Inc(fmt.Sprint(i % 3))
		}()
	}
	wg.Wait()
	select {
	case v, ok := <-make(chan int):
		fmt.Println(v, ok)
	default:
	}
	fmt.Println(c.n)
}
"#;

const WORDS: &[&str] = &[
    "package",
    "main",
    "import",
    "\"fmt\"",
    "func",
    "main",
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    "x",
    "y",
    ":=",
    "=",
    "+",
    "-",
    "*",
    "&",
    "<-",
    "chan",
    "int",
    "string",
    "go",
    "defer",
    "select",
    "case",
    "default",
    ":",
    "for",
    "range",
    "if",
    "else",
    "switch",
    "type",
    "struct",
    "interface",
    "map",
    "return",
    "1",
    "2.5",
    "'a'",
    "\"s\"",
    "`raw`",
    ",",
    ";",
    "\n",
    ".",
    "...",
    "~",
    "|",
    "var",
    "const",
    "iota",
    "nil",
    "true",
    "break",
    "continue",
    "fallthrough",
    "fmt.Println",
    "T",
    "[]",
    "any",
    "comparable",
];

fn assert_well_formed(checked: &Checked, len: usize) {
    for d in &checked.diagnostics {
        let file = checked.sources.get(d.primary.file);
        if file.name == "p.go" {
            assert!(
                d.primary.start <= d.primary.end && d.primary.end as usize <= len,
                "span out of bounds: {d:?}"
            );
        }
        assert!(!d.message.is_empty());
    }
}

fn check(src: &str) {
    let checked = check_files(&[("p.go".to_string(), src.to_string())]);
    assert_well_formed(&checked, src.len());
}

/// A mutation of a program: cut a range, duplicate a range, or splice in text.
#[derive(Debug, Clone)]
enum Mutation {
    Cut(usize, usize),
    Duplicate(usize, usize),
    Insert(usize, String),
}

fn apply(src: &str, m: &Mutation) -> String {
    let clamp = |i: usize| {
        let mut i = i % (src.len() + 1);
        while !src.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    match m {
        Mutation::Cut(a, n) => {
            let (a, b) = (clamp(*a), clamp(a + n % 64));
            let (a, b) = (a.min(b), a.max(b));
            format!("{}{}", &src[..a], &src[b..])
        }
        Mutation::Duplicate(a, n) => {
            let (a, b) = (clamp(*a), clamp(a + n % 64));
            let (a, b) = (a.min(b), a.max(b));
            format!("{}{}{}", &src[..b], &src[a..b], &src[b..])
        }
        Mutation::Insert(a, text) => {
            let a = clamp(*a);
            format!("{}{}{}", &src[..a], text, &src[a..])
        }
    }
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<usize>()).prop_map(|(a, n)| Mutation::Cut(a, n)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, n)| Mutation::Duplicate(a, n)),
        (any::<usize>(), prop::sample::select(WORDS))
            .prop_map(|(a, w)| Mutation::Insert(a, format!(" {w} "))),
        (any::<usize>(), "\\PC{0,8}").prop_map(|(a, s)| Mutation::Insert(a, s)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn random_token_sequences_never_panic(words in prop::collection::vec(prop::sample::select(WORDS), 0..80)) {
        check(&words.join(" "));
    }

    #[test]
    fn mutated_programs_never_panic(pick in any::<usize>(), mutations in prop::collection::vec(mutation(), 1..4)) {
        let programs = corpus();
        let mut src = programs[pick % programs.len()].clone();
        for m in &mutations {
            src = apply(&src, m);
        }
        check(&src);
    }
}

#[test]
fn the_sample_type_checks() {
    let checked = check_files(&[("p.go".to_string(), SAMPLE.to_string())]);
    let lines: Vec<String> = checked
        .diagnostics
        .iter()
        .map(|d| d.message.clone())
        .collect();
    assert!(checked.is_ok(), "{lines:?}");
}
