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
        DeclImporter {
            root: Path::new(env!("CARGO_MANIFEST_DIR")).join("../stdlib/decl"),
        }
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

/// Checks one program and returns the typed program with the user's file id.
fn check_program_of(
    src: &str,
) -> (
    super::Program,
    crate::span::FileId,
    Vec<crate::diag::Diagnostic>,
) {
    let mut sources = SourceMap::new();
    let id = sources.add("prog.go", src);
    let (file, _) = crate::parse::parse(id, src);
    let (program, diags) = check_program(&mut sources, &[file], &DeclImporter::new());
    (program, id, diags)
}

/// The object a declaring identifier named `name` defines in the user's file.
fn def_named(
    program: &super::Program,
    file: crate::span::FileId,
    name: &str,
) -> super::types::ObjectId {
    let found = program
        .info
        .defs
        .iter()
        .find(|(span, obj)| span.file == file && program.objects.get(**obj).name == name);
    match found {
        Some((_, obj)) => *obj,
        None => unreachable!("no definition of {name}"),
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
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
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
        let Ok(src) = std::fs::read_to_string(path) else {
            continue;
        };
        let exit = std::fs::read_to_string(path.with_extension("exit")).unwrap_or_default();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let diags = check(&name, &src);
        if exit.trim() == "1" {
            let stderr = std::fs::read_to_string(path.with_extension("stderr")).unwrap_or_default();
            let Some(line) = stderr.lines().find(|l| l.starts_with(':')) else {
                continue;
            };
            let want = format!("{name}{line}");
            if !diags.iter().any(|d| d.starts_with(&want)) {
                failures.push(format!(
                    "{name}: want a diagnostic at {line}, got {diags:?}"
                ));
            }
        } else if !diags.is_empty() {
            failures.push(format!(
                "{name}: unexpected diagnostics:\n  {}",
                diags.join("\n  ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} programs:\n{}",
        failures.len(),
        programs.len(),
        failures.join("\n")
    );
}

#[test]
fn compile_errors_use_go_wording() {
    let cases = [
        (
            "func main() {\n\tx := 1\n}\n",
            "prog.go:4:2: declared and not used: x",
        ),
        (
            "import \"strings\"\n\nfunc main() {}\n",
            "prog.go:3:8: \"strings\" imported and not used",
        ),
        (
            "func f(x int) int {\n\tif x > 0 {\n\t\treturn 1\n\t}\n}\nfunc main() { f(1) }\n",
            "prog.go:7:1: missing return",
        ),
        (
            "func main() {\n\tprintln(totl)\n}\n",
            "prog.go:4:10: undefined: totl",
        ),
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
        (
            "func main() {\n\tx, y := 1, \"a\"\n\tprintln(x + y)\n}\n",
            "invalid operation: x + y (mismatched types int and string)",
        ),
        (
            "func main() {\n\tvar b byte = 300\n\tprintln(b)\n}\n",
            "cannot use 300 (untyped int constant) as uint8 value in variable declaration (overflows)",
        ),
        (
            "func main() {\n\tx := 1\n\tif x {\n\t}\n}\n",
            "non-boolean condition in if statement",
        ),
        (
            "func main() {\n\tbreak\n}\n",
            "break is not in a loop, switch, or select",
        ),
        (
            "func main() {\n\tx := 1\n\tx := 2\n\tprintln(x)\n}\n",
            "no new variables on left side of :=",
        ),
        (
            "func f() (int, int) { return 1, 2 }\nfunc main() {\n\tx := f()\n\tprintln(x)\n}\n",
            "assignment mismatch: 1 variable but f() returns 2 values",
        ),
        (
            "func main() {\n\tx := 1\n\tx + 1\n}\n",
            "x + 1 (value of type int) is not used",
        ),
        (
            "func main() {\n\ta := [3]int{}\n\tprintln(a[5])\n}\n",
            "invalid argument: index 5 out of bounds [0:3]",
        ),
        (
            "type T struct{}\nfunc main() {\n\tvar t T\n\tt.foo()\n}\n",
            "t.foo undefined (type T has no field or method foo)",
        ),
    ];
    for (src, want) in cases {
        let got = check_main(src);
        assert!(
            got.iter().any(|d| d.ends_with(want)),
            "want {want:?}, got {got:?}"
        );
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

#[test]
fn untyped_constants_record_their_final_type() {
    let (program, file, diags) = check_program_of(
        "package main\n\nfunc main() {\n\tvar f float64 = 2\n\tx := 1\n\tprintln(x, f)\n}\n",
    );
    assert!(diags.is_empty(), "{diags:?}");
    let mut lits: Vec<_> = program
        .info
        .exprs
        .iter()
        .filter(|(k, tv)| k.0 == file && tv.value().is_some())
        .map(|(_, tv)| tv.ty)
        .collect();
    lits.sort();
    assert_eq!(
        lits,
        vec![super::types::TypeId::INT, super::types::TypeId::FLOAT64]
    );
}

#[test]
fn values_boxed_into_interfaces_are_recorded() {
    let src = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tx := 1\n\tvar e any = x\n\tfmt.Println(x, e)\n}\n";
    let (program, file, diags) = check_program_of(src);
    assert!(diags.is_empty(), "{diags:?}");
    let x = def_named(&program, file, "x");
    let boxed = program
        .info
        .implicit
        .keys()
        .filter(|k| program.info.uses.get(k) == Some(&x))
        .count();
    // `var e any = x` and `fmt.Println(x, ...)` box x; `e` is already an interface.
    assert_eq!(boxed, 2);
}

#[test]
fn closures_record_captured_variables() {
    let src =
        "package main\n\nfunc main() {\n\tn := 0\n\tf := func() { n++ }\n\tf()\n\tprintln(n)\n}\n";
    let (program, file, diags) = check_program_of(src);
    assert!(diags.is_empty(), "{diags:?}");
    let n = def_named(&program, file, "n");
    let main = program
        .info
        .funcs
        .iter()
        .find(|f| f.obj.is_some())
        .map(|f| f.captured.clone());
    assert_eq!(main, Some(vec![n]));
    let lit = program
        .info
        .funcs
        .iter()
        .find(|f| f.lit.is_some())
        .map(|f| f.free.clone());
    assert_eq!(lit, Some(vec![n]));
}

#[test]
fn package_variables_initialize_in_dependency_order() {
    let src = "package main\n\nvar a = b + c()\nvar b = 2\nvar d = 4\n\nfunc c() int { return d }\n\nfunc main() { println(a) }\n";
    let (program, file, diags) = check_program_of(src);
    assert!(diags.is_empty(), "{diags:?}");
    let order: Vec<_> = match program.main_package() {
        Some(p) => p
            .init_order
            .iter()
            .flat_map(|i| i.lhs.clone())
            .flatten()
            .collect(),
        None => Vec::new(),
    };
    let want: Vec<_> = ["b", "d", "a"]
        .iter()
        .map(|n| def_named(&program, file, n))
        .collect();
    assert_eq!(order, want);
}

#[test]
fn generic_calls_record_their_type_arguments() {
    let src = "package main\n\nfunc Id[T any](v T) T { return v }\n\nfunc main() { println(Id(\"s\")) }\n";
    let (program, file, diags) = check_program_of(src);
    assert!(diags.is_empty(), "{diags:?}");
    let targs: Vec<_> = program
        .info
        .instances
        .iter()
        .filter(|(k, _)| k.0 == file)
        .map(|(_, i)| i.targs.clone())
        .collect();
    assert_eq!(targs, vec![vec![super::types::TypeId::STRING]]);
}

#[test]
fn promoted_fields_record_their_path() {
    let src = "package main\n\ntype In struct{ X int }\ntype Out struct {\n\tA string\n\tIn\n}\n\nfunc main() {\n\tvar o Out\n\tprintln(o.X)\n}\n";
    let (program, _, diags) = check_program_of(src);
    assert!(diags.is_empty(), "{diags:?}");
    let paths: Vec<_> = program
        .info
        .selections
        .values()
        .map(|s| s.path.clone())
        .collect();
    assert_eq!(paths, vec![vec![1, 0]]);
}

#[test]
fn package_clause_may_be_omitted_but_main_is_required() {
    let got = check("prog.mg", "func main() { println(1) }\n");
    assert!(got.is_empty(), "{got:?}");
    let got = check_main("func helper() {}\n");
    assert_eq!(
        got,
        vec!["prog.go:1:9: function main is undeclared in the main package".to_string()]
    );
}

/// Broken programs (every corpus program cut short at a few points, so the parser leaves
/// `Bad` nodes and dangling scopes) must produce diagnostics, never a panic.
#[test]
fn truncated_programs_never_panic() {
    for path in corpus_programs().iter().step_by(4) {
        let Ok(src) = std::fs::read_to_string(path) else {
            continue;
        };
        for cut in [src.len() / 3, src.len() / 2, src.len() * 4 / 5] {
            let mut end = cut;
            while !src.is_char_boundary(end) {
                end -= 1;
            }
            let _ = check("cut.go", &src[..end]);
        }
    }
}
