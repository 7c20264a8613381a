//! Syntax errors: Go's wording, the right position, several errors per file, no cascades.

use super::*;
use crate::span::SourceFile;

/// Every diagnostic for `src` as `LINE:COL: message` lines.
fn errors(src: &str) -> String {
    let (_, diags) = parse(FileId(0), src);
    let file = SourceFile::new("x.go", src);
    diags
        .iter()
        .map(|d| {
            let (line, col) = file.line_col(d.primary.start);
            format!("{line}:{col}: {}", d.message)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The snapshot body: the program, then its errors.
fn report(src: &str) -> String {
    format!("{src}\n---\n{}", errors(src))
}

#[test]
fn missing_closing_brace() {
    insta::assert_snapshot!(report("package main\n\nfunc main() {\n\tx := 1\n\t_ = x\n"));
}

#[test]
fn missing_comma_in_multiline_composite_literal() {
    insta::assert_snapshot!(report("package main\n\nvar xs = []int{\n\t1,\n\t2\n}\n"));
}

#[test]
fn missing_comma_in_call() {
    insta::assert_snapshot!(report(
        "package main\n\nfunc main() {\n\tprintln(1,\n\t\t2\n\t)\n}\n"
    ));
}

#[test]
fn define_at_end_of_file() {
    insta::assert_snapshot!(report("package main\n\nfunc main() {\n\tx := "));
}

#[test]
fn else_without_block() {
    insta::assert_snapshot!(report(
        "package main\n\nfunc main() {\n\tif x { } else\n}\n"
    ));
}

#[test]
fn statement_outside_function() {
    insta::assert_snapshot!(report("package main\n\nx := 1\n\nfunc main() {}\n"));
}

#[test]
fn return_with_dangling_operator() {
    insta::assert_snapshot!(report("package main\n\nfunc f() int { return 1 +  }\n"));
}

#[test]
fn junk_at_end_of_statement() {
    insta::assert_snapshot!(report("package main\n\nfunc main() {\n\tx := 1 y\n}\n"));
}

#[test]
fn missing_expression_in_call() {
    insta::assert_snapshot!(report(
        "package main\n\nfunc main() {\n\tf(1, )\n\tg(, 2)\n}\n"
    ));
}

#[test]
fn non_name_on_left_of_define() {
    insta::assert_snapshot!(report("package main\n\nfunc main() {\n\tx.y := 1\n}\n"));
}

#[test]
fn goto_is_not_supported() {
    insta::assert_snapshot!(report("package main\n\nfunc main() {\nL:\n\tgoto L\n}\n"));
}

#[test]
fn several_errors_in_one_file_without_cascades() {
    let src = "package main\n\nfunc a() {\n\tx := )\n}\n\nfunc b() {\n\ty := 1 +\n}\n\nfunc c() {\n\tfor {\n\t\tz = = 3\n\t}\n}\n";
    insta::assert_snapshot!(report(src));
    let (file, diags) = parse(FileId(0), src);
    assert_eq!(diags.len(), 3, "{diags:#?}");
    assert_eq!(file.decls.len(), 3, "every function survives its error");
}

#[test]
fn missing_if_body() {
    insta::assert_snapshot!(report(
        "package main\n\nfunc main() {\n\tif x\n\t{\n\t}\n}\n"
    ));
}

#[test]
fn unexpected_token_descriptions() {
    let cases = [
        ("package main\nfunc main() { a b }\n", "name b"),
        ("package main\nfunc main() { a 1 }\n", "literal 1"),
        ("package main\nfunc main() { a \"s\" }\n", "literal \"s\""),
        ("package main\nfunc main() { a func }\n", "keyword func"),
        ("package main\nfunc main() { a ; b c }\n", "name c"),
        ("package main\nfunc main() { x := ) }\n", ")"),
    ];
    for (src, token) in cases {
        let got = errors(src);
        assert!(
            got.contains(&format!("unexpected {token}")),
            "{src:?}: {got}"
        );
    }
}

#[test]
fn lexer_errors_are_included() {
    let (_, diags) = parse(FileId(0), "package main\nvar s = \"abc\n");
    assert!(!diags.is_empty());
}

#[test]
fn two_errors_in_one_function_are_both_reported() {
    let src = "package main\n\nfunc main() {\n\tx := )\n\ty := ]\n}\n";
    let got = errors(src);
    assert_eq!(
        got,
        "4:7: syntax error: unexpected ), expected expression\n5:7: syntax error: unexpected ], expected expression"
    );
}

#[test]
fn broken_list_reports_once() {
    let got = errors("package main\n\nfunc main() {\n\tf(a b, c)\n\tg()\n}\n");
    assert_eq!(got.lines().count(), 1, "{got}");
    assert!(
        got.starts_with("4:6: syntax error: unexpected name b in argument list"),
        "{got}"
    );
}

#[test]
fn a_truncated_file_keeps_its_declarations() {
    let src = "package main\n\nvar a = 1\n\nfunc main() {\n\tx := f(1, []int{2";
    let (file, diags) = parse(FileId(0), src);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(file.decls.len(), 2);
    let ast::Decl::Func(f) = &file.decls[1] else {
        panic!("expected the function")
    };
    let body = f
        .body
        .as_ref()
        .expect("the body is closed at the end of input");
    assert!(
        matches!(&body.stmts[0].kind, StmtKind::Define { rhs, .. } if shape(&rhs[0]) == "f(1, []int{2})")
    );
}
