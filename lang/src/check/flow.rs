//! Terminating statements (spec: "Terminating statements"), which decide `missing return`.
//!
//! A statement list terminates when its last non-empty statement does: a `return`, a call
//! of `panic`, a block or `if`/`else` whose branches terminate, a `for` without condition
//! and without a `break` that targets it, a `switch`/`select` with (for switches) a
//! `default` whose every clause terminates and none of which breaks out of it, or a
//! labeled terminating statement. This is purely syntactic, as in Go; it does not know
//! whether `panic` was shadowed (a program that shadows it is vanishingly rare and the
//! spec's rule is stated on the builtin).
//!
//! Invariant: pure functions over the AST; nothing here reports errors.

use crate::ast::{self, ExprKind, StmtKind};

/// Whether the statement list ends in a terminating statement.
pub fn is_terminating_list(stmts: &[ast::Stmt]) -> bool {
    match stmts
        .iter()
        .rev()
        .find(|s| !matches!(s.kind, StmtKind::Empty))
    {
        Some(last) => is_terminating(last, None),
        None => false,
    }
}

/// Whether `s` is terminating; `label` is the label naming `s`, if any.
pub fn is_terminating(s: &ast::Stmt, label: Option<&str>) -> bool {
    match &s.kind {
        StmtKind::Return(_) => true,
        StmtKind::Expr(e) => is_panic_call(e),
        StmtKind::Block(b) => is_terminating_list(&b.stmts),
        StmtKind::If { then, els, .. } => {
            els.as_ref().is_some_and(|e| is_terminating(e, None))
                && is_terminating_list(&then.stmts)
        }
        StmtKind::For { cond, body, .. } => cond.is_none() && !has_break(&body.stmts, label, true),
        StmtKind::Labeled { label, stmt } => is_terminating(stmt, Some(&label.name)),
        StmtKind::Switch { cases, .. } => {
            cases.iter().any(|c| c.default)
                && cases
                    .iter()
                    .all(|c| !has_break(&c.body, label, true) && clause_terminates(&c.body))
        }
        StmtKind::TypeSwitch { cases, .. } => {
            cases.iter().any(|c| c.default)
                && cases
                    .iter()
                    .all(|c| !has_break(&c.body, label, true) && clause_terminates(&c.body))
        }
        StmtKind::Select { cases, .. } => cases
            .iter()
            .all(|c| !has_break(&c.body, label, true) && is_terminating_list(&c.body)),
        _ => false,
    }
}

/// A switch clause terminates if its list does or it ends in `fallthrough`.
fn clause_terminates(body: &[ast::Stmt]) -> bool {
    let last = body
        .iter()
        .rev()
        .find(|s| !matches!(s.kind, StmtKind::Empty));
    matches!(last.map(|s| &s.kind), Some(StmtKind::Fallthrough)) || is_terminating_list(body)
}

fn is_panic_call(e: &ast::Expr) -> bool {
    match &e.kind {
        ExprKind::Call { func, .. } => matches!(&func.kind, ExprKind::Ident(n) if n == "panic"),
        ExprKind::Paren(x) => is_panic_call(x),
        _ => false,
    }
}

/// Whether a `break` in `stmts` targets the enclosing statement: an unlabeled one not
/// nested in another breakable statement (`top`), or one naming `label`.
fn has_break(stmts: &[ast::Stmt], label: Option<&str>, top: bool) -> bool {
    stmts.iter().any(|s| stmt_has_break(s, label, top))
}

fn stmt_has_break(s: &ast::Stmt, label: Option<&str>, top: bool) -> bool {
    match &s.kind {
        StmtKind::Break(None) => top,
        StmtKind::Break(Some(l)) => label.is_some_and(|want| l.name == want),
        StmtKind::Block(b) => has_break(&b.stmts, label, top),
        StmtKind::If { then, els, .. } => {
            has_break(&then.stmts, label, top)
                || els.as_ref().is_some_and(|e| stmt_has_break(e, label, top))
        }
        StmtKind::Labeled { stmt, .. } => stmt_has_break(stmt, label, top),
        // Inside a nested breakable statement, only labeled breaks can reach us.
        StmtKind::For { body, .. } | StmtKind::Range { body, .. } => {
            has_break(&body.stmts, label, false)
        }
        StmtKind::Switch { cases, .. } => cases.iter().any(|c| has_break(&c.body, label, false)),
        StmtKind::TypeSwitch { cases, .. } => {
            cases.iter().any(|c| has_break(&c.body, label, false))
        }
        StmtKind::Select { cases, .. } => cases.iter().any(|c| has_break(&c.body, label, false)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::FileId;

    fn body(src: &str) -> Vec<ast::Stmt> {
        let text = format!("package p\nfunc f() int {{\n{src}\n}}\n");
        let (file, diags) = crate::parse::parse(FileId(0), &text);
        assert!(diags.is_empty(), "{diags:?}");
        match file.decls.into_iter().next() {
            Some(ast::Decl::Func(f)) => f.body.map(|b| b.stmts).unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn if_without_else_does_not_terminate() {
        assert!(!is_terminating_list(&body(
            "if true { return 1 } else if false { return 2 }"
        )));
        assert!(is_terminating_list(&body(
            "if true { return 1 } else { return 2 }"
        )));
    }

    #[test]
    fn loops_terminate_only_without_condition_and_break() {
        assert!(is_terminating_list(&body("for { }")));
        assert!(!is_terminating_list(&body("for { break }")));
        assert!(is_terminating_list(&body(
            "for { switch { case true: break } }"
        )));
        assert!(!is_terminating_list(&body(
            "L: for { switch { case true: break L } }"
        )));
        assert!(!is_terminating_list(&body("for true { }")));
    }

    #[test]
    fn panics_and_switches() {
        assert!(is_terminating_list(&body("panic(1)")));
        assert!(is_terminating_list(&body(
            "switch { case true: return 1\ndefault: panic(2) }"
        )));
        assert!(!is_terminating_list(&body(
            "switch { case true: return 1 }"
        )));
        assert!(is_terminating_list(&body("select {}")));
    }
}
