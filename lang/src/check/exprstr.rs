//! Printing expressions as Go's compiler quotes them in messages (types2's
//! `syntax.String`): `x + y`, `f(a, b)`, `s[i:j]`, `p.X`, `[]int{…}`, `func(x int) {…}`.
//!
//! Composite literal elements and function bodies are elided with `…`, as gc does.
//! This module only prints; it never resolves names. Invariant: the output is one line.

use crate::ast::{self, ChanDir, ExprKind, Lit, UnaryOp};

use super::checker::Checker;

impl Checker<'_> {
    pub fn expr_str(&self, expr: &ast::Expr) -> String {
        expr_string(expr)
    }
}

/// `expr` spelled as Go's diagnostics spell it.
pub fn expr_string(expr: &ast::Expr) -> String {
    let mut out = String::new();
    write_expr(&mut out, expr);
    out
}

fn write_list(out: &mut String, exprs: &[ast::Expr]) {
    for (i, e) in exprs.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write_expr(out, e);
    }
}

fn write_expr(out: &mut String, expr: &ast::Expr) {
    match &expr.kind {
        ExprKind::Ident(name) => out.push_str(name),
        ExprKind::Lit(lit) => write_lit(out, lit),
        ExprKind::Composite { ty, elts } => {
            if let Some(ty) = ty {
                write_expr(out, ty);
            }
            out.push_str(if elts.is_empty() { "{}" } else { "{…}" });
        }
        ExprKind::FuncLit { sig, .. } => {
            out.push_str("func");
            write_sig(out, sig);
            out.push_str(" {…}");
        }
        ExprKind::Paren(x) => {
            out.push('(');
            write_expr(out, x);
            out.push(')');
        }
        ExprKind::Selector { .. } | ExprKind::Index { .. } | ExprKind::Slice { .. } => {
            write_postfix(out, expr)
        }
        ExprKind::TypeAssert { .. } | ExprKind::Call { .. } => write_postfix(out, expr),
        ExprKind::Star(x) => {
            out.push('*');
            write_expr(out, x);
        }
        ExprKind::Unary { op, x } => {
            out.push_str(unary_text(*op));
            write_expr(out, x);
        }
        ExprKind::Binary { op, x, y } => {
            write_expr(out, x);
            out.push(' ');
            out.push_str(op.text());
            out.push(' ');
            write_expr(out, y);
        }
        _ => write_type_expr(out, expr),
    }
}

/// Selectors, index and slice expressions, type assertions and calls.
fn write_postfix(out: &mut String, expr: &ast::Expr) {
    match &expr.kind {
        ExprKind::Selector { x, sel } => {
            write_expr(out, x);
            out.push('.');
            out.push_str(&sel.name);
        }
        ExprKind::Index { x, indices } => {
            write_expr(out, x);
            out.push('[');
            write_list(out, indices);
            out.push(']');
        }
        ExprKind::Slice {
            x,
            lo,
            hi,
            max,
            full,
        } => write_slice(out, x, [lo, hi, max], *full),
        ExprKind::TypeAssert { x, ty } => {
            write_expr(out, x);
            out.push_str(".(");
            match ty {
                Some(ty) => write_expr(out, ty),
                None => out.push_str("type"),
            }
            out.push(')');
        }
        ExprKind::Call { func, args, spread } => {
            write_expr(out, func);
            out.push('(');
            write_list(out, args);
            if *spread {
                out.push_str("...");
            }
            out.push(')');
        }
        _ => {}
    }
}

fn write_slice(out: &mut String, x: &ast::Expr, parts: [&Option<Box<ast::Expr>>; 3], full: bool) {
    write_expr(out, x);
    out.push('[');
    let n = if full { 3 } else { 2 };
    for (i, part) in parts.iter().take(n).enumerate() {
        if i > 0 {
            out.push(':');
        }
        if let Some(e) = part {
            write_expr(out, e);
        }
    }
    out.push(']');
}

fn write_type_expr(out: &mut String, expr: &ast::Expr) {
    match &expr.kind {
        ExprKind::ArrayType { len, elem } => {
            out.push('[');
            match len {
                Some(len) => write_expr(out, len),
                None => out.push_str("..."),
            }
            out.push(']');
            write_expr(out, elem);
        }
        ExprKind::SliceType(elem) => {
            out.push_str("[]");
            write_expr(out, elem);
        }
        ExprKind::MapType { key, value } => {
            out.push_str("map[");
            write_expr(out, key);
            out.push(']');
            write_expr(out, value);
        }
        ExprKind::ChanType { dir, elem } => {
            out.push_str(match dir {
                ChanDir::Both => "chan ",
                ChanDir::Send => "chan<- ",
                ChanDir::Recv => "<-chan ",
            });
            write_expr(out, elem);
        }
        ExprKind::FuncType(sig) => {
            out.push_str("func");
            write_sig(out, sig);
        }
        ExprKind::StructType(fields) => out.push_str(if fields.is_empty() {
            "struct{}"
        } else {
            "struct{…}"
        }),
        ExprKind::InterfaceType(elems) => out.push_str(if elems.is_empty() {
            "interface{}"
        } else {
            "interface{…}"
        }),
        _ => out.push_str("BadExpr"),
    }
}

fn write_params(out: &mut String, params: &[ast::Param]) {
    for (i, p) in params.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        for (j, name) in p.names.iter().enumerate() {
            if j > 0 {
                out.push_str(", ");
            }
            out.push_str(&name.name);
        }
        if !p.names.is_empty() {
            out.push(' ');
        }
        if p.variadic {
            out.push_str("...");
        }
        write_expr(out, &p.ty);
    }
}

fn write_sig(out: &mut String, sig: &ast::FuncSig) {
    out.push('(');
    write_params(out, &sig.params);
    out.push(')');
    match sig.results.as_slice() {
        [] => {}
        [one] if one.names.is_empty() => {
            out.push(' ');
            write_expr(out, &one.ty);
        }
        many => {
            out.push_str(" (");
            write_params(out, many);
            out.push(')');
        }
    }
}

fn unary_text(op: UnaryOp) -> &'static str {
    match op {
        UnaryOp::Pos => "+",
        UnaryOp::Neg => "-",
        UnaryOp::Not => "!",
        UnaryOp::BitNot => "^",
        UnaryOp::Addr => "&",
        UnaryOp::Recv => "<-",
    }
}

fn write_lit(out: &mut String, lit: &Lit) {
    match lit {
        Lit::Int(n) => out.push_str(&n.to_string()),
        Lit::Float(f) => out.push_str(&format!("{f:?}")),
        Lit::Rune(c) => match char::from_u32(*c) {
            Some(ch) => out.push_str(&format!("{ch:?}")),
            None => out.push_str(&c.to_string()),
        },
        Lit::Str(bytes) => out.push_str(&format!("{:?}", String::from_utf8_lossy(bytes))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::{FileId, Span};

    fn e(kind: ExprKind) -> ast::Expr {
        ast::Expr {
            id: ast::ExprId(0),
            span: Span::default(),
            kind,
        }
    }

    #[test]
    fn binary_and_call_print_like_gc() {
        let x = e(ExprKind::Ident("x".into()));
        let one = e(ExprKind::Lit(Lit::Int(1)));
        let sum = e(ExprKind::Binary {
            op: ast::BinaryOp::Add,
            x: Box::new(x.clone()),
            y: Box::new(one),
        });
        assert_eq!(expr_string(&sum), "x + 1");
        let call = e(ExprKind::Call {
            func: Box::new(x),
            args: vec![sum],
            spread: false,
        });
        assert_eq!(expr_string(&call), "x(x + 1)");
        let s = e(ExprKind::Lit(Lit::Str(b"two".to_vec().into())));
        assert_eq!(expr_string(&s), "\"two\"");
        let _ = FileId(0);
    }
}
