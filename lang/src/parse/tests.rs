//! Parser tests: the conformance corpus parses cleanly, each construct builds the right
//! shape, syntax errors read like Go's, and no input makes the parser panic.

mod constructs;
mod errors;
mod fuzz;

use std::path::{Path, PathBuf};

use super::{parse, parse_expr};
use crate::ast::{self, ExprKind, StmtKind};
use crate::span::FileId;

/// Every `.go` file of the shared conformance corpus, sorted.
fn corpus_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/conformance");
    let mut files = Vec::new();
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "go") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn conformance_corpus_parses_without_diagnostics() {
    let files = corpus_files();
    assert!(
        files.len() >= 150,
        "conformance corpus not found or incomplete: {} files",
        files.len()
    );
    let mut failures = Vec::new();
    for path in &files {
        let src = std::fs::read_to_string(path).expect("corpus files are UTF-8 text");
        let (file, diags) = parse(FileId(0), &src);
        if let Some(d) = diags.first() {
            let (line, col) =
                crate::span::SourceFile::new("", src.as_str()).line_col(d.primary.start);
            failures.push(format!("{}:{line}:{col}: {}", path.display(), d.message));
        }
        assert!(
            file.package.is_some(),
            "{}: no package clause",
            path.display()
        );
    }
    assert!(
        failures.is_empty(),
        "{} files failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Parses `src` as a file that must have no errors.
fn parse_ok(src: &str) -> ast::File {
    let (file, diags) = parse(FileId(0), src);
    assert!(
        diags.is_empty(),
        "unexpected diagnostics for {src:?}: {diags:#?}"
    );
    file
}

/// Parses an expression that must have no errors.
fn expr_ok(src: &str) -> ast::Expr {
    let (expr, diags) = parse_expr(FileId(0), src);
    assert!(
        diags.is_empty(),
        "unexpected diagnostics for {src:?}: {diags:#?}"
    );
    expr
}

/// The statements of the body of the only function in `body`, wrapped as `func f() { .. }`.
fn stmts(body: &str) -> Vec<ast::Stmt> {
    let file = parse_ok(&format!("package main\nfunc f() {{\n{body}\n}}\n"));
    match file.decls.into_iter().next() {
        Some(ast::Decl::Func(func)) if func.body.is_some() => {
            func.body.map(|block| block.stmts).unwrap_or_default()
        }
        other => panic!("expected one function with a body, got {other:?}"),
    }
}

/// The single statement of `body`.
fn stmt(body: &str) -> ast::Stmt {
    let mut all = stmts(body);
    assert_eq!(all.len(), 1, "expected one statement in {body:?}: {all:#?}");
    all.remove(0)
}

/// A compact rendering of an expression's shape, for precedence and structure checks.
fn shape(e: &ast::Expr) -> String {
    match &e.kind {
        ExprKind::Ident(n) => n.to_string(),
        ExprKind::Lit(ast::Lit::Int(v)) => v.to_string(),
        ExprKind::Lit(_) => "lit".into(),
        ExprKind::Binary { op, x, y } => format!("({} {} {})", shape(x), op.text(), shape(y)),
        ExprKind::Unary { op, x } => format!("({op:?} {})", shape(x)),
        ExprKind::Star(x) => format!("(* {})", shape(x)),
        ExprKind::Paren(x) => format!("[{}]", shape(x)),
        ExprKind::Selector { x, sel } => format!("{}.{}", shape(x), sel.name),
        ExprKind::Index { x, indices } => format!("{}[{}]", shape(x), list(indices)),
        ExprKind::Call { func, args, spread } => {
            format!(
                "{}({}{})",
                shape(func),
                list(args),
                if *spread { "..." } else { "" }
            )
        }
        ExprKind::Composite { ty, elts } => {
            let elts: Vec<String> = elts.iter().map(element_shape).collect();
            format!(
                "{}{{{}}}",
                ty.as_deref().map_or(String::new(), shape),
                elts.join(", ")
            )
        }
        ExprKind::FuncLit { .. } => "funclit".into(),
        ExprKind::TypeAssert { x, ty } => {
            format!(
                "{}.({})",
                shape(x),
                ty.as_deref().map_or("type".into(), shape)
            )
        }
        ExprKind::Slice { x, lo, hi, max, .. } => {
            let part = |p: &Option<Box<ast::Expr>>| p.as_deref().map_or(String::new(), shape);
            match max {
                Some(_) => format!("{}[{}:{}:{}]", shape(x), part(lo), part(hi), part(max)),
                None => format!("{}[{}:{}]", shape(x), part(lo), part(hi)),
            }
        }
        ExprKind::Bad => "BAD".into(),
        _ => type_shape(e),
    }
}

/// The shape of a type expression.
fn type_shape(e: &ast::Expr) -> String {
    match &e.kind {
        ExprKind::SliceType(elem) => format!("[]{}", shape(elem)),
        ExprKind::ArrayType { len, elem } => {
            format!(
                "[{}]{}",
                len.as_deref().map_or("...".into(), shape),
                shape(elem)
            )
        }
        ExprKind::MapType { key, value } => format!("map[{}]{}", shape(key), shape(value)),
        ExprKind::ChanType { dir, elem } => format!("chan{dir:?}({})", shape(elem)),
        ExprKind::FuncType(sig) => format!("func/{}/{}", sig.params.len(), sig.results.len()),
        ExprKind::StructType(fields) => format!("struct/{}", fields.len()),
        ExprKind::InterfaceType(elems) => format!("interface/{}", elems.len()),
        other => format!("{other:?}"),
    }
}

fn element_shape(el: &ast::Element) -> String {
    match &el.key {
        Some(k) => format!("{}: {}", shape(k), shape(&el.value)),
        None => shape(&el.value),
    }
}

fn list(xs: &[ast::Expr]) -> String {
    xs.iter().map(shape).collect::<Vec<_>>().join(", ")
}

#[test]
fn expression_ids_are_unique_and_below_n_exprs() {
    let src =
        "package main\nfunc main() { x := []int{1, 2}; y := m[k].f(a + b * c); _ = x; _ = y }\n";
    let file = parse_ok(src);
    let mut seen = std::collections::HashSet::new();
    fn walk_expr(e: &ast::Expr, seen: &mut std::collections::HashSet<u32>) {
        assert!(seen.insert(e.id.0), "duplicate id {}", e.id.0);
        if let ExprKind::Composite { elts, .. } = &e.kind {
            for el in elts {
                walk_expr(&el.value, seen);
            }
        }
    }
    let ast::Decl::Func(f) = &file.decls[0] else {
        panic!("expected a function")
    };
    for s in &f.body.as_ref().expect("body").stmts {
        if let StmtKind::Define { rhs, .. } = &s.kind {
            rhs.iter().for_each(|e| walk_expr(e, &mut seen));
        }
    }
    assert!(seen.iter().all(|&id| id < file.n_exprs));
    assert!(file.n_exprs > 5);
}
