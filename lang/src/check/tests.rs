//! Tests of the checker as a whole: the conformance corpus (every valid program checks
//! clean, every compile-error program is rejected on Go's line) and small programs for
//! individual rules and messages.
//!
//! The standard packages come from the declaration files of the standard library crate,
//! read from disk by a test importer (this crate must not depend on that crate).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Importer, PackageSource, check_program};
use crate::span::SourceMap;

/// Reads `stdlib/decl/<path>.go` from the workspace.
struct DeclImporter {
    root: PathBuf,
}

/// The packages a user program may import (DESIGN.md, "Packages").
const USER_VISIBLE: &[&str] = &[
    "fmt",
    "errors",
    "strings",
    "strconv",
    "math",
    "math/rand",
    "sort",
    "slices",
    "maps",
    "unicode/utf8",
    "os",
    "time",
    "runtime",
    "sync",
    "sync/atomic",
    "context",
    "golang.org/x/sync/errgroup",
];

impl DeclImporter {
    fn new() -> DeclImporter {
        DeclImporter { root: Path::new(env!("CARGO_MANIFEST_DIR")).join("../stdlib/decl") }
    }
}

impl Importer for DeclImporter {
    fn declaration(&self, path: &str) -> Option<PackageSource> {
        let file = self.root.join(format!("{path}.go"));
        let text = std::fs::read_to_string(&file).ok()?;
        Some(PackageSource {
            file_name: format!("{path}.go"),
            text: Arc::from(text),
            user_visible: USER_VISIBLE.contains(&path),
        })
    }
}

/// Checks one program; returns its diagnostics as `FILE:LINE:COL: message` lines.
fn check(name: &str, src: &str) -> Vec<String> {
    let mut sources = SourceMap::new();
    let id = sources.add(name, src);
    let (file, mut diags) = crate::parse::parse(id, src);
    let (_, check_diags) = check_program(&mut sources, &[file], &DeclImporter::new());
    diags.extend(check_diags);
    diags
        .iter()
        .map(|d| {
            let f = sources.get(d.primary.file);
            let (line, col) = f.line_col(d.primary.start);
            format!("{}:{line}:{col}: {}", f.name, d.message)
        })
        .collect()
}

fn check_main(body: &str) -> Vec<String> {
    check("prog.go", &format!("package main\n\n{body}"))
}

fn corpus_programs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/conformance");
    let mut res = Vec::new();
    for dir in ["lang", "conc", "seeds", "fail"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "go") {
                res.push(path);
            }
        }
    }
    res.sort();
    res
}

#[test]
fn conformance_corpus_checks_like_go() {
    let mut failures = Vec::new();
    let programs = corpus_programs();
    for path in &programs {
        let Ok(src) = std::fs::read_to_string(path) else { continue };
        let exit = std::fs::read_to_string(path.with_extension("exit")).unwrap_or_default();
        let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        let diags = check(&name, &src);
        if exit.trim() == "1" {
            let stderr = std::fs::read_to_string(path.with_extension("stderr")).unwrap_or_default();
            let Some(line) = stderr.lines().find(|l| l.starts_with(':')) else { continue };
            let want = format!("{name}{line}");
            if !diags.iter().any(|d| d.starts_with(&want)) {
                failures.push(format!("{name}: want a diagnostic at {line}, got {diags:?}"));
            }
        } else if !diags.is_empty() {
            failures.push(format!("{name}: unexpected diagnostics:\n  {}", diags.join("\n  ")));
        }
    }
    assert!(failures.is_empty(), "{} of {} programs:\n{}", failures.len(), programs.len(), failures.join("\n"));
}

#[test]
fn compile_errors_use_go_wording() {
    let cases = [
        ("func main() {\n\tx := 1\n}\n", "prog.go:4:2: declared and not used: x"),
        ("import \"strings\"\n\nfunc main() {}\n", "prog.go:3:8: \"strings\" imported and not used"),
        ("func f(x int) int {\n\tif x > 0 {\n\t\treturn 1\n\t}\n}\nfunc main() { f(1) }\n", "prog.go:7:1: missing return"),
        ("func main() {\n\tprintln(totl)\n}\n", "prog.go:4:10: undefined: totl"),
        (
            "func main() {\n\tvar n int = 1\n\tn = \"two\"\n\tprintln(n)\n}\n",
            "prog.go:5:6: cannot use \"two\" (untyped string constant) as int value in assignment",
        ),
        (
            "func add(a, b int) int { return a + b }\nfunc main() { add(1) }\n",
            "prog.go:4:20: not enough arguments in call to add\n\thave (number)\n\twant (int, int)",
        ),
        (
            "func f(ch <-chan int) { ch <- 0 }\nfunc main() {}\n",
            "prog.go:3:25: invalid operation: cannot send to receive-only channel ch (variable of type <-chan int)",
        ),
    ];
    for (src, want) in cases {
        let got = check_main(src);
        assert!(got.iter().any(|d| d == want), "want {want:?}, got {got:?}");
    }
}

#[test]
fn operator_and_conversion_errors() {
    let cases = [
        ("func main() {\n\tx, y := 1, \"a\"\n\tprintln(x + y)\n}\n", "invalid operation: x + y (mismatched types int and string)"),
        ("func main() {\n\tvar b byte = 300\n\tprintln(b)\n}\n", "cannot use 300 (untyped int constant) as uint8 value in variable declaration (overflows)"),
        ("func main() {\n\tx := 1\n\tif x {\n\t}\n}\n", "non-boolean condition in if statement"),
        ("func main() {\n\tbreak\n}\n", "break is not in a loop, switch, or select"),
        ("func main() {\n\tx := 1\n\tx := 2\n\tprintln(x)\n}\n", "no new variables on left side of :="),
        ("func f() (int, int) { return 1, 2 }\nfunc main() {\n\tx := f()\n\tprintln(x)\n}\n", "assignment mismatch: 1 variable but f() returns 2 values"),
        ("func main() {\n\tx := 1\n\tx + 1\n}\n", "x + 1 (value of type int) is not used"),
        ("func main() {\n\ta := [3]int{}\n\tprintln(a[5])\n}\n", "invalid argument: index 5 out of bounds [0:3]"),
        ("type T struct{}\nfunc main() {\n\tvar t T\n\tt.foo()\n}\n", "t.foo undefined (type T has no field or method foo)"),
    ];
    for (src, want) in cases {
        let got = check_main(src);
        assert!(got.iter().any(|d| d.ends_with(want)), "want {want:?}, got {got:?}");
    }
}

#[test]
fn valid_programs_check_clean() {
    let cases = [
        "type List[T any] struct{ items []T }\nfunc (l *List[T]) Push(v T) { l.items = append(l.items, v) }\nfunc main() {\n\tvar l List[int]\n\tl.Push(1)\n}\n",
        "const (\n\tA = iota\n\tB\n\tC\n)\nvar x = [C]int{}\nfunc main() { println(len(x), A, B) }\n",
        "func main() {\n\tm := map[string]int{}\n\tif v, ok := m[\"a\"]; ok {\n\t\tprintln(v)\n\t}\n\tfor i := range 3 {\n\t\tprintln(i)\n\t}\n}\n",
        "func f() int {\n\tfor {\n\t}\n}\nfunc main() { f() }\n",
        "var a = b + 1\nvar b = 2\nfunc main() { println(a) }\n",
    ];
    for src in cases {
        let got = check_main(src);
        assert!(got.is_empty(), "{src}\n{got:?}");
    }
}
