//! One test per construct: the tree has the shape Go gives it.

use super::*;
use crate::ast::{BinaryOp, ChanDir, Decl, InterfaceElem};

#[test]
fn binary_precedence_follows_go_five_levels() {
    assert_eq!(
        shape(&expr_ok("a || b && c == d + e * f")),
        "(a || (b && (c == (d + (e * f)))))"
    );
    assert_eq!(shape(&expr_ok("a - b - c")), "((a - b) - c)");
    assert_eq!(shape(&expr_ok("a << 1 | b &^ c")), "((a << 1) | (b &^ c))");
    assert_eq!(shape(&expr_ok("-x * ^y")), "((Neg x) * (BitNot y))");
    assert_eq!(shape(&expr_ok("*p + <-ch")), "((* p) + (Recv ch))");
    assert_eq!(
        shape(&expr_ok("!ok && &x != nil")),
        "((Not ok) && ((Addr x) != nil))"
    );
    assert_eq!(shape(&expr_ok("+x % 3")), "((Pos x) % 3)");
}

#[test]
fn primary_expressions() {
    assert_eq!(shape(&expr_ok("a.b.c(d)[e]")), "a.b.c(d)[e]");
    assert_eq!(shape(&expr_ok("s[1:]")), "s[1:]");
    assert_eq!(shape(&expr_ok("s[:2]")), "s[:2]");
    assert_eq!(shape(&expr_ok("s[:]")), "s[:]");
    assert_eq!(shape(&expr_ok("s[1:2:3]")), "s[1:2:3]");
    assert_eq!(shape(&expr_ok("s[:2:3]")), "s[:2:3]");
    assert_eq!(shape(&expr_ok("x.(int)")), "x.(int)");
    assert_eq!(shape(&expr_ok("x.(*T)")), "x.((* T))");
    assert_eq!(shape(&expr_ok("f(xs...)")), "f(xs...)");
    assert_eq!(shape(&expr_ok("f(a, b,)")), "f(a, b)");
}

#[test]
fn conversions_and_type_operands() {
    assert_eq!(shape(&expr_ok("[]byte(s)")), "[]byte(s)");
    assert_eq!(shape(&expr_ok("(*T)(p)")), "[(* T)](p)");
    assert_eq!(shape(&expr_ok("(func())(f)")), "[func/0/0](f)");
    assert_eq!(shape(&expr_ok("chan int(nil)")), "chanBoth(int)(nil)");
    assert_eq!(shape(&expr_ok("interface{}(x)")), "interface/0(x)");
    assert_eq!(
        shape(&expr_ok("make(chan int, 3)")),
        "make(chanBoth(int), 3)"
    );
    assert_eq!(
        shape(&expr_ok("make(chan interface{})")),
        "make(chanBoth(interface/0))"
    );
    assert_eq!(shape(&expr_ok("make(<-chan int)")), "make(chanRecv(int))");
    assert_eq!(
        shape(&expr_ok("make(map[string][]int)")),
        "make(map[string][]int)"
    );
    assert_eq!(shape(&expr_ok("f(func(int) int)")), "f(func/1/1)");
}

#[test]
fn channel_type_directions() {
    assert_eq!(
        shape(&expr_ok("make(chan<- chan int)")),
        "make(chanSend(chanBoth(int)))"
    );
    assert_eq!(
        shape(&expr_ok("make(chan (<-chan int))")),
        "make(chanBoth([chanRecv(int)]))"
    );
    assert_eq!(
        shape(&expr_ok("make(<-chan chan int)")),
        "make(chanRecv(chanBoth(int)))"
    );
}

#[test]
fn method_values_and_expressions() {
    assert_eq!(shape(&expr_ok("T.Method")), "T.Method");
    assert_eq!(shape(&expr_ok("(*T).Method")), "[(* T)].Method");
    assert_eq!(shape(&expr_ok("v.Method")), "v.Method");
}

#[test]
fn generic_instantiation_is_an_index() {
    assert_eq!(
        shape(&expr_ok("Map[int, string](xs, f)")),
        "Map[int, string](xs, f)"
    );
    assert_eq!(shape(&expr_ok("f[int](x)")), "f[int](x)");
    assert_eq!(shape(&expr_ok("Stack[int]{}")), "Stack[int]{}");
    assert_eq!(shape(&expr_ok("m[[]int]")), "m[[]int]");
    assert_eq!(shape(&expr_ok("Pair[*T, []U]{}")), "Pair[(* T), []U]{}");
}

#[test]
fn composite_literals_with_elided_types() {
    assert_eq!(
        shape(&expr_ok("[]Point{{1, 2}, {X: 3}}")),
        "[]Point{{1, 2}, {X: 3}}"
    );
    assert_eq!(
        shape(&expr_ok(r#"map[string][]int{"a": {1}}"#)),
        "map[string][]int{lit: {1}}"
    );
    assert_eq!(shape(&expr_ok("[...]int{1, 2}")), "[...]int{1, 2}");
    assert_eq!(shape(&expr_ok("&T{}")), "(Addr T{})");
    assert_eq!(shape(&expr_ok("[]*T{{}, {A: 1},}")), "[](* T){{}, {A: 1}}");
    assert_eq!(shape(&expr_ok("struct{}{}")), "struct/0{}");
    assert_eq!(shape(&expr_ok("pkg.T{1}")), "pkg.T{1}");
    assert_eq!(
        shape(&expr_ok("[2][2]int{{1, 2}, {3, 4}}")),
        "[2][2]int{{1, 2}, {3, 4}}"
    );
}

#[test]
fn composite_literal_in_if_header_needs_parentheses() {
    let StmtKind::If { cond, .. } = stmt("if x == (T{}) { }").kind else {
        panic!("expected if")
    };
    assert_eq!(shape(&cond), "(x == [T{}])");
    // Without parentheses `T` is the condition and `{}` the body, as in Go.
    let StmtKind::If { cond, then, .. } = stmt("if x == T {}").kind else {
        panic!("expected if")
    };
    assert_eq!(shape(&cond), "(x == T)");
    assert!(then.stmts.is_empty());
    // Literal types other than names are unambiguous and allowed.
    let StmtKind::Range { x, .. } = stmt("for _, v := range []int{1, 2} { _ = v }").kind else {
        panic!("expected range")
    };
    assert_eq!(shape(&x), "[]int{1, 2}");
    let StmtKind::If { cond, .. } = stmt("if f(T{}) { }").kind else {
        panic!("expected if")
    };
    assert_eq!(shape(&cond), "f(T{})");
}

#[test]
fn function_literals() {
    assert_eq!(
        shape(&expr_ok("func(x int) int { return x }(3)")),
        "funclit(3)"
    );
    let StmtKind::If { cond, .. } = stmt("if func() bool { return true }() { }").kind else {
        panic!("expected if")
    };
    assert_eq!(shape(&cond), "funclit()");
    let StmtKind::Go(call) = stmt("go func() { x <- 1 }()").kind else {
        panic!("expected go")
    };
    assert_eq!(shape(&call), "funclit()");
}

#[test]
fn simple_statements() {
    assert!(matches!(stmt("x := 1").kind, StmtKind::Define { ref lhs, .. } if lhs[0].name == "x"));
    assert!(matches!(
        stmt("a, b = b, a").kind,
        StmtKind::Assign {
            op: ast::AssignOp::Assign,
            ..
        }
    ));
    assert!(matches!(
        stmt("x <<= 2").kind,
        StmtKind::Assign {
            op: ast::AssignOp::Op(BinaryOp::Shl),
            ..
        }
    ));
    assert!(matches!(
        stmt("x &^= y").kind,
        StmtKind::Assign {
            op: ast::AssignOp::Op(BinaryOp::AndNot),
            ..
        }
    ));
    assert!(matches!(
        stmt("i++").kind,
        StmtKind::IncDec { inc: true, .. }
    ));
    assert!(matches!(
        stmt("s.n--").kind,
        StmtKind::IncDec { inc: false, .. }
    ));
    assert!(matches!(stmt("ch <- v").kind, StmtKind::Send { .. }));
    assert!(matches!(stmt("<-ch").kind, StmtKind::Expr(_)));
    assert!(matches!(stmt("f()").kind, StmtKind::Expr(_)));
    assert!(matches!(stmt("defer mu.Unlock()").kind, StmtKind::Defer(_)));
    assert!(matches!(stmt("return").kind, StmtKind::Return(ref xs) if xs.is_empty()));
    assert!(matches!(stmt("return 1, nil").kind, StmtKind::Return(ref xs) if xs.len() == 2));
    assert!(matches!(
        stmt("var x, y int = 1, 2").kind,
        StmtKind::Decl(Decl::Var(_))
    ));
    assert!(matches!(stmt("{ x := 1; _ = x }").kind, StmtKind::Block(ref b) if b.stmts.len() == 2));
    assert_eq!(stmts(";;").len(), 0);
}

#[test]
fn if_else_chains() {
    let StmtKind::If { init, els, .. } = stmt("if x := f(); x > 0 { } else if y { } else { }").kind
    else {
        panic!("expected if")
    };
    assert!(init.is_some());
    let els = els.expect("else branch");
    let StmtKind::If {
        els: Some(last), ..
    } = els.kind
    else {
        panic!("expected else if")
    };
    assert!(matches!(last.kind, StmtKind::Block(_)));
}

#[test]
fn for_statements_in_every_form() {
    assert!(matches!(
        stmt("for { }").kind,
        StmtKind::For {
            cond: None,
            init: None,
            ..
        }
    ));
    assert!(matches!(
        stmt("for x < 3 { }").kind,
        StmtKind::For {
            cond: Some(_),
            init: None,
            ..
        }
    ));
    assert!(matches!(
        stmt("for i := 0; i < n; i++ { }").kind,
        StmtKind::For {
            init: Some(_),
            cond: Some(_),
            post: Some(_),
            ..
        }
    ));
    assert!(matches!(
        stmt("for ;; { }").kind,
        StmtKind::For {
            init: None,
            cond: None,
            post: None,
            ..
        }
    ));
    assert!(matches!(
        stmt("for k, v := range m { }").kind,
        StmtKind::Range {
            key: Some(_),
            value: Some(_),
            define: true,
            ..
        }
    ));
    assert!(matches!(
        stmt("for range ch { }").kind,
        StmtKind::Range {
            key: None,
            value: None,
            ..
        }
    ));
    assert!(matches!(
        stmt("for i := range 10 { }").kind,
        StmtKind::Range {
            key: Some(_),
            value: None,
            ..
        }
    ));
    assert!(matches!(
        stmt("for k = range m { }").kind,
        StmtKind::Range {
            define: false,
            key: Some(_),
            ..
        }
    ));
}

#[test]
fn switch_statements() {
    let StmtKind::Switch {
        init, tag, cases, ..
    } = stmt("switch x := f(); x {\ncase 1, 2:\n\tg()\n\tfallthrough\ndefault:\n}").kind
    else {
        panic!("expected switch")
    };
    assert!(init.is_some() && tag.is_some());
    assert_eq!(cases.len(), 2);
    assert_eq!(cases[0].exprs.len(), 2);
    assert!(matches!(cases[0].body[1].kind, StmtKind::Fallthrough));
    assert!(cases[1].default);
    assert!(matches!(
        stmt("switch { case x > 1: }").kind,
        StmtKind::Switch { tag: None, .. }
    ));
}

#[test]
fn type_switches() {
    let src = "switch v := x.(type) {\ncase int, string:\ncase []int, map[string]int, *T, func():\ncase nil:\ndefault:\n}";
    let StmtKind::TypeSwitch { bind, x, cases, .. } = stmt(src).kind else {
        panic!("expected type switch")
    };
    assert_eq!(bind.expect("binding").name, "v");
    assert_eq!(shape(&x), "x");
    assert_eq!(cases.len(), 4);
    assert_eq!(
        list(&cases[1].types),
        "[]int, map[string]int, (* T), func/0/0"
    );
    assert!(matches!(
        stmt("switch x.(type) { }").kind,
        StmtKind::TypeSwitch { bind: None, .. }
    ));
}

#[test]
fn select_clauses() {
    let src = "select {\ncase ch <- 1:\ncase v := <-ch:\n\t_ = v\ncase v, ok := <-ch:\ncase v, ok = <-ch:\ncase <-done:\ndefault:\n}";
    let StmtKind::Select { cases, .. } = stmt(src).kind else {
        panic!("expected select")
    };
    assert_eq!(cases.len(), 6);
    let kinds: Vec<&str> = cases
        .iter()
        .map(|c| match c.comm.as_deref().map(|s| &s.kind) {
            Some(StmtKind::Send { .. }) => "send",
            Some(StmtKind::Define { .. }) => "define",
            Some(StmtKind::Assign { .. }) => "assign",
            Some(StmtKind::Expr(_)) => "recv",
            None => "default",
            Some(_) => "other",
        })
        .collect();
    assert_eq!(
        kinds,
        ["send", "define", "define", "assign", "recv", "default"]
    );
}

#[test]
fn labels_break_and_continue() {
    let all = stmts("outer:\n\tfor {\n\t\tbreak outer\n\t}\nL:\n");
    let StmtKind::Labeled { label, stmt: inner } = &all[0].kind else {
        panic!("expected label")
    };
    assert_eq!(label.name, "outer");
    let StmtKind::For { body, .. } = &inner.kind else {
        panic!("expected for")
    };
    assert!(matches!(&body.stmts[0].kind, StmtKind::Break(Some(l)) if l.name == "outer"));
    assert!(
        matches!(&all[1].kind, StmtKind::Labeled { stmt, .. } if matches!(stmt.kind, StmtKind::Empty))
    );
    assert!(matches!(stmt("continue").kind, StmtKind::Continue(None)));
}

#[test]
fn imports_and_package_clause() {
    let file = parse_ok(
        "package main\nimport \"fmt\"\nimport (\n\tm \"math\"\n\t_ \"os\"\n\t. \"strings\"\n)\n",
    );
    assert_eq!(file.package.expect("package").name, "main");
    let paths: Vec<&str> = file.imports.iter().map(|i| i.path.as_str()).collect();
    assert_eq!(paths, ["fmt", "math", "os", "strings"]);
    let aliases: Vec<Option<&str>> = file
        .imports
        .iter()
        .map(|i| i.alias.as_ref().map(|a| a.name.as_str()))
        .collect();
    assert_eq!(aliases, [None, Some("m"), Some("_"), Some(".")]);
    // A `.mg` file may omit the package clause.
    assert!(parse_ok("func main() {}\n").package.is_none());
}

#[test]
fn const_groups_number_iota() {
    let file = parse_ok("const (\n\tA = iota\n\tB\n\tC, D = 1, 2\n)\nconst E int = 3\n");
    let Decl::Const(group) = &file.decls[0] else {
        panic!("expected const")
    };
    let iotas: Vec<u32> = group.specs.iter().map(|s| s.iota).collect();
    assert_eq!(iotas, [0, 1, 2]);
    assert!(group.specs[1].values.is_empty());
    let Decl::Const(single) = &file.decls[1] else {
        panic!("expected const")
    };
    assert!(single.specs[0].ty.is_some());
}

#[test]
fn type_declarations() {
    let file = parse_ok(
        "type (\n\tA [N]int\n\tB = int\n\tList[T any] struct{ head *node[T] }\n\tNum[T ~int | ~float64] []T\n\tPair[K comparable, V any] struct{}\n\tS[T, U any] map[T]U\n)\n",
    );
    let Decl::Type(group) = &file.decls[0] else {
        panic!("expected type")
    };
    let s = &group.specs;
    assert!(s[0].tparams.is_empty() && matches!(s[0].ty.kind, ExprKind::ArrayType { .. }));
    assert!(s[1].alias);
    assert_eq!(s[2].tparams.len(), 1);
    assert_eq!(s[3].tparams[0].constraint.terms.len(), 2);
    assert!(s[3].tparams[0].constraint.terms.iter().all(|t| t.tilde));
    assert_eq!(s[4].tparams.len(), 2);
    assert_eq!(s[5].tparams[0].names.len(), 2);
}

#[test]
fn struct_fields_grouped_embedded_and_tagged() {
    let file = parse_ok(
        "type T struct {\n\ta, b int\n\tc [4]byte `json:\"c\"`\n\tBase\n\t*Other\n\tpkg.Thing\n\tList[int]\n}\n",
    );
    let Decl::Type(d) = &file.decls[0] else {
        panic!("expected type")
    };
    let ExprKind::StructType(fields) = &d.specs[0].ty.kind else {
        panic!("expected struct")
    };
    let names: Vec<usize> = fields.iter().map(|f| f.names.len()).collect();
    assert_eq!(names, [2, 1, 0, 0, 0, 0]);
    assert_eq!(fields[1].tag.as_deref(), Some("json:\"c\""));
    assert_eq!(shape(&fields[4].ty), "pkg.Thing");
    assert_eq!(shape(&fields[5].ty), "List[int]");
}

#[test]
fn interfaces_with_methods_embeds_and_unions() {
    let file = parse_ok(
        "type I interface {\n\tfmt.Stringer\n\tM(x int) (int, error)\n\t~int | ~string\n}\n",
    );
    let Decl::Type(d) = &file.decls[0] else {
        panic!("expected type")
    };
    let ExprKind::InterfaceType(elems) = &d.specs[0].ty.kind else {
        panic!("expected interface")
    };
    assert!(matches!(&elems[0], InterfaceElem::Embed(c) if c.terms.len() == 1));
    assert!(matches!(&elems[1], InterfaceElem::Method { sig, .. } if sig.results.len() == 2));
    assert!(matches!(&elems[2], InterfaceElem::Embed(c) if c.terms.len() == 2));
}

#[test]
fn functions_methods_and_parameters() {
    let file = parse_ok(
        "func (s *Stack[T]) Push(v T) {}\nfunc Map[T, U any](xs []T, f func(T) U) []U { return nil }\nfunc f(a, b int, c ...string) (n int, err error) { return }\nfunc g(int, string) bool\nfunc Sort[S ~[]E, E cmp.Ordered](s S) {}\n",
    );
    let Decl::Func(push) = &file.decls[0] else {
        panic!("expected func")
    };
    assert_eq!(
        shape(&push.recv.as_ref().expect("receiver").ty),
        "(* Stack[T])"
    );
    let Decl::Func(map) = &file.decls[1] else {
        panic!("expected func")
    };
    assert_eq!(map.tparams[0].names.len(), 2);
    let Decl::Func(f) = &file.decls[2] else {
        panic!("expected func")
    };
    assert_eq!(f.sig.params.len(), 2);
    assert_eq!(f.sig.params[0].names.len(), 2);
    assert!(f.sig.params[1].variadic);
    assert_eq!(f.sig.results.len(), 2);
    let Decl::Func(g) = &file.decls[3] else {
        panic!("expected func")
    };
    assert!(g.body.is_none() && g.sig.params.iter().all(|p| p.names.is_empty()));
    let Decl::Func(sort) = &file.decls[4] else {
        panic!("expected func")
    };
    assert_eq!(sort.tparams.len(), 2);
}

#[test]
fn parameter_named_like_an_array_or_instantiated_type() {
    let file = parse_ok("func f(a [2]int, b List[int], c []T) {}\n");
    let Decl::Func(f) = &file.decls[0] else {
        panic!("expected func")
    };
    let types: Vec<String> = f.sig.params.iter().map(|p| shape(&p.ty)).collect();
    assert_eq!(types, ["[2]int", "List[int]", "[]T"]);
}

#[test]
fn unicode_identifiers() {
    let StmtKind::Define { lhs, .. } = stmt("结果 := 计算(1)").kind else {
        panic!("expected define")
    };
    assert_eq!(lhs[0].name, "结果");
}

#[test]
fn chan_element_types_in_declarations() {
    let file = parse_ok("var a chan<- int\nvar b <-chan int\nvar c chan (<-chan int)\n");
    let dirs: Vec<ChanDir> = file
        .decls
        .iter()
        .map(|d| match d {
            Decl::Var(v) => match &v.specs[0].ty.as_ref().expect("type").kind {
                ExprKind::ChanType { dir, .. } => *dir,
                other => panic!("expected chan, got {other:?}"),
            },
            other => panic!("expected var, got {other:?}"),
        })
        .collect();
    assert_eq!(dirs, [ChanDir::Send, ChanDir::Recv, ChanDir::Both]);
}
