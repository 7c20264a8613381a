//! Consistency checks of the package table and the declaration files, done on
//! the source text alone (parsing and type-checking them is the integration
//! test's job, since it needs the `lang` crate).

use std::collections::HashSet;

use super::*;

/// The import paths in a declaration file's import clause(s): the quoted strings
/// of `import "p"`, `import alias "p"` and the lines of an `import ( ... )` block.
fn imports_of(source: &str) -> Vec<&str> {
    let mut res = Vec::new();
    let mut in_block = false;
    for line in source.lines() {
        let line = line.trim();
        if in_block {
            if line == ")" {
                in_block = false;
            } else if let Some(path) = quoted(line) {
                res.push(path);
            }
        } else if line == "import (" {
            in_block = true;
        } else if line.starts_with("import ") {
            res.extend(quoted(line));
        }
    }
    res
}

/// The text between the first pair of double quotes on the line.
fn quoted(line: &str) -> Option<&str> {
    let start = line.find('"')? + 1;
    let len = line[start..].find('"')?;
    Some(&line[start..start + len])
}

/// The name of the package clause, `package NAME`.
fn package_name(source: &str) -> Option<&str> {
    source
        .lines()
        .find_map(|line| line.strip_prefix("package "))
        .map(str::trim)
}

#[test]
fn every_listed_package_has_a_declaration() {
    for path in PACKAGES {
        assert!(declaration(path).is_some(), "{path} has no declaration");
        assert!(
            is_user_visible(path),
            "{path} is listed but not user visible"
        );
    }
}

#[test]
fn paths_are_unique() {
    let mut seen = HashSet::new();
    for path in all_paths() {
        assert!(seen.insert(path), "{path} appears twice");
    }
}

#[test]
fn helper_packages_are_not_user_visible() {
    for path in ["io", "cmp", "iter", "internal/sorting"] {
        assert!(declaration(path).is_some(), "{path} is missing");
        assert!(!is_user_visible(path), "{path} must stay internal");
        assert!(!PACKAGES.contains(&path), "{path} must not be listed");
    }
    assert!(!is_user_visible("net/http"));
    assert_eq!(PACKAGES.len(), all_paths().count() - 4);
}

#[test]
fn design_packages_are_all_present() {
    let required = [
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
    for path in required {
        assert!(PACKAGES.contains(&path), "{path} is missing from PACKAGES");
    }
}

#[test]
fn package_clause_names_the_last_path_element() {
    for path in all_paths() {
        let last = path.rsplit('/').next().unwrap_or(path);
        let source = declaration(path).unwrap_or_default();
        assert_eq!(package_name(source), Some(last), "package clause of {path}");
    }
}

#[test]
fn imports_resolve_to_known_packages() {
    for path in all_paths() {
        for imported in imports_of(declaration(path).unwrap_or_default()) {
            assert!(
                declaration(imported).is_some(),
                "{path} imports unknown {imported}"
            );
        }
    }
}

#[test]
fn import_graph_is_acyclic() {
    // Depth-first search with the usual three colours; a grey node met again is a cycle.
    fn visit(path: &'static str, grey: &mut Vec<&'static str>, black: &mut HashSet<&'static str>) {
        if black.contains(path) {
            return;
        }
        assert!(!grey.contains(&path), "import cycle: {grey:?} -> {path}");
        grey.push(path);
        for imported in imports_of(declaration(path).unwrap_or_default()) {
            if let Some(pkg) = find(imported) {
                visit(pkg.path, grey, black);
            }
        }
        grey.pop();
        black.insert(path);
    }
    let mut black = HashSet::new();
    for path in all_paths() {
        visit(path, &mut Vec::new(), &mut black);
    }
}

/// Whether a name is exported: it starts with an upper-case letter.
fn is_exported(name: &str) -> bool {
    name.starts_with(|c: char| c.is_uppercase())
}

/// The leading identifier of `text`.
fn ident(text: &str) -> &str {
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    &text[..end]
}

/// The name a top-level line declares, if the REPL's `:doc` can show it:
/// `func Name`, a method `func (r *T) Name` of an exported type `T`, `type Name`,
/// `var Name`, `const Name`, or a group opener such as `const (`, which counts as
/// its first spec (`next` is the line after the opener).
fn exported_decl<'a>(line: &'a str, next: &'a str) -> Option<&'a str> {
    let (keyword, rest) = line.split_once(' ')?;
    if !matches!(keyword, "func" | "type" | "var" | "const") {
        return None;
    }
    let name = match rest.strip_prefix('(') {
        Some("") => ident(next.trim_start()),
        Some(recv) if keyword == "func" => {
            let (recv, rest) = recv.split_once(") ")?;
            let recv_type = recv.rsplit(' ').next()?.trim_start_matches('*');
            if !is_exported(ident(recv_type)) {
                return None;
            }
            ident(rest)
        }
        _ => ident(rest),
    };
    is_exported(name).then_some(name)
}

#[test]
fn exported_declarations_have_doc_comments() {
    // The REPL's `:doc NAME` shows these comments, so none may be missing.
    let mut missing = Vec::new();
    for path in all_paths() {
        let lines: Vec<&str> = declaration(path).unwrap_or_default().lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let next = lines.get(i + 1).copied().unwrap_or_default();
            let Some(name) = exported_decl(line, next) else {
                continue;
            };
            let documented = i > 0 && lines[i - 1].starts_with("//");
            if !documented {
                missing.push(format!("{path}: {name} (line {})", i + 1));
            }
        }
    }
    assert!(missing.is_empty(), "undocumented: {missing:#?}");
}

#[test]
fn doc_scanner_recognises_declaration_forms() {
    let cases = [
        (
            "func Println(a ...any) (n int, err error)",
            "",
            Some("Println"),
        ),
        ("func (wg *WaitGroup) Add(delta int) {", "", Some("Add")),
        ("func (x *Pointer[T]) Load() *T {", "", Some("Load")),
        ("func (*noCopy) Lock() {}", "", None),
        ("func (c *cancelCtx) Done() <-chan struct{} {", "", None),
        ("type Duration int64", "", Some("Duration")),
        ("const (", "\tNanosecond Duration = 1", Some("Nanosecond")),
        ("const (", "\tsignMask = 1 << 63", None),
        ("func newCancelCtx(parent Context) *cancelCtx {", "", None),
        ("\tfunc Inner()", "", None),
    ];
    for (line, next, want) in cases {
        assert_eq!(exported_decl(line, next), want, "{line}");
    }
}

#[test]
fn import_scanner_reads_both_forms() {
    let src = "package p\n\nimport \"errors\"\n\nimport (\n\t\"fmt\"\n\tx \"sync/atomic\"\n)\n";
    assert_eq!(imports_of(src), ["errors", "fmt", "sync/atomic"]);
}

#[test]
fn natives_are_plain_functions() {
    // The VM's native table is a flat map from qualified name to function:
    // a bodyless method (`func (m *Mutex) ...`) or generic function would not fit.
    for name in native_names() {
        let (_, func) = name.rsplit_once('.').unwrap_or_default();
        assert!(!func.is_empty(), "{name}: a bodyless method");
        assert!(
            func.chars().all(|c| c.is_alphanumeric() || c == '_'),
            "{name}: natives must not be generic"
        );
    }
}

#[test]
fn native_names_are_unique_and_qualified() {
    let names: Vec<String> = native_names().collect();
    let unique: HashSet<&String> = names.iter().collect();
    assert_eq!(unique.len(), names.len(), "duplicate natives");
    for expected in [
        "fmt.Println",
        "sync.mutexLock",
        "math/rand.Uint64",
        "time.startTimer",
    ] {
        assert!(names.iter().any(|n| n == expected), "{expected} missing");
    }
    for mini_go in [
        "errors.New",
        "sync.OnceFunc",
        "context.WithCancel",
        "sort.Sort",
    ] {
        assert!(!names.iter().any(|n| n == mini_go), "{mini_go} has a body");
    }
}

#[test]
fn bodyless_scanner_reads_declaration_forms() {
    let src = "func A(x int) int\nfunc b() {\nfunc C() { return }\nfunc D(v any) bool // native: why\nfunc (m *M) E()\n";
    let names: Vec<&str> = bodyless_functions(src).collect();
    assert_eq!(names, ["A", "D", ""]);
}
