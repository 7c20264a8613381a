//! Statements and function bodies: the statement dispatcher, simple statements (expression,
//! send, `++`/`--`, `go`, `defer`, `return`, `break`, `continue`, `fallthrough`) and the
//! bookkeeping around a body (parameters, `missing return`, `declared and not used`).
//!
//! Assignments and definitions are in `assignments`, compound statements (`if`, `switch`,
//! `select`, `for`, `range`) in `control`, terminating-statement analysis in `flow`.
//! Invariant: every scope a statement opens is closed before it returns.

use crate::ast::{self, ExprKind, StmtKind};
use crate::span::Span;

use super::checker::Checker;
use super::error::TypeError;
use super::info::{ExprMode, FuncInfo};
use super::object::{Builtin, ObjectKind, VarKind};
use super::operand::Mode;
use super::predicates;
use super::scope::ScopeKind;
use super::types::{ObjectId, Type, TypeId};

/// What the enclosing statements allow: `break`, `continue`, `fallthrough`, and labels.
#[derive(Clone, Debug, Default)]
pub(crate) struct StmtCtx {
    pub in_loop: bool,
    pub breakable: bool,
    /// The statement is the last of a non-final `switch` clause.
    pub fallthrough_ok: bool,
    /// Enclosing labels: name, whether it labels a loop, and the label's span.
    pub labels: Vec<(crate::ast::Name, bool, Span)>,
}

impl<'a> Checker<'a> {
    /// Checks a declared function's body.
    pub fn func_body(&mut self, obj: ObjectId, decl: &ast::FuncDecl) {
        let Some(body) = &decl.body else { return };
        let sig = self.objects.get(obj).ty;
        let info = FuncInfo {
            obj: Some(obj),
            span: decl.span,
            ..Default::default()
        };
        self.check_func(info, sig, Some((obj, decl.recv.as_ref())), &decl.sig, body);
    }

    /// Checks a function body (declared or literal) with its parameters in scope.
    pub fn check_func(
        &mut self,
        info: FuncInfo,
        sig_ty: TypeId,
        decl: Option<(ObjectId, Option<&ast::Param>)>,
        sig: &ast::FuncSig,
        body: &ast::Block,
    ) {
        let parent = decl
            .and_then(|(o, _)| self.func_scopes.get(&o).copied())
            .unwrap_or(self.scope);
        let prev = self.scope;
        self.scope = self.scopes.push(parent, ScopeKind::Func);
        let idx = self.push_func(info, sig_ty);
        let saved_iota = self.iota.take();
        if let Some((obj, Some(recv))) = decl {
            let recv_ty = match self.objects.get(obj).kind {
                ObjectKind::Func { recv: Some(t), .. } => t,
                _ => TypeId::INVALID,
            };
            self.declare_params(std::slice::from_ref(recv), &[recv_ty], false);
        }
        let Type::Func(s) = self.types.get(sig_ty).clone() else {
            unreachable!("a function's type is a signature")
        };
        self.declare_params(&sig.params, &s.params, false);
        self.declare_params(&sig.results, &s.results, true);
        self.stmt_list(&body.stmts, &StmtCtx::default());
        if !s.results.is_empty() && !super::flow::is_terminating_list(&body.stmts) {
            let end = body.span.end;
            let span = Span {
                file: body.span.file,
                start: end.saturating_sub(1),
                end,
            };
            self.error(TypeError::MissingReturn { span });
        }
        self.report_unused_vars(idx);
        self.iota = saved_iota;
        self.pop_func();
        self.scope = prev;
    }

    fn declare_params(&mut self, params: &[ast::Param], types: &[TypeId], results: bool) {
        let mut i = 0;
        for p in params {
            if p.names.is_empty() {
                i += 1;
                continue;
            }
            for name in &p.names {
                let ty = types.get(i).copied().unwrap_or(TypeId::INVALID);
                i += 1;
                let kind = if results {
                    VarKind::Local
                } else {
                    VarKind::Param
                };
                let obj = self.declare_local(name, kind, ty);
                if results {
                    self.used.insert(obj);
                    if let Some(f) = self.funcs.last_mut() {
                        f.named_results.push(obj);
                    }
                }
            }
        }
    }

    fn report_unused_vars(&mut self, idx: usize) {
        let locals = self
            .info
            .funcs
            .get(idx)
            .map(|f| f.locals.clone())
            .unwrap_or_default();
        for obj in locals {
            let o = self.objects.get(obj);
            let judged = self.used.contains(&obj) || self.used_elsewhere.contains(&obj);
            if o.kind == ObjectKind::Var(VarKind::Local) && !judged && o.name != "_" {
                let (name, span) = (o.name.to_string(), o.span);
                self.error(TypeError::UnusedVar { name, span });
            }
        }
    }

    pub fn stmt_list(&mut self, stmts: &[ast::Stmt], ctx: &StmtCtx) {
        let last = stmts
            .iter()
            .rposition(|s| !matches!(s.kind, StmtKind::Empty));
        for (i, s) in stmts.iter().enumerate() {
            if ctx.fallthrough_ok && Some(i) == last {
                self.stmt(s, ctx);
            } else {
                let inner = StmtCtx {
                    fallthrough_ok: false,
                    ..ctx.clone()
                };
                self.stmt(s, &inner);
            }
        }
    }

    pub fn block(&mut self, block: &ast::Block, ctx: &StmtCtx) {
        let prev = self.open_scope(ScopeKind::Block);
        let inner = StmtCtx {
            fallthrough_ok: false,
            ..ctx.clone()
        };
        self.stmt_list(&block.stmts, &inner);
        self.close_scope(prev);
    }

    pub fn stmt(&mut self, s: &ast::Stmt, ctx: &StmtCtx) {
        match &s.kind {
            StmtKind::Decl(d) => self.local_decl(d),
            StmtKind::Expr(e) => self.expr_stmt(e),
            StmtKind::Send { ch, value } => self.send(s.span, ch, value),
            StmtKind::IncDec { x, inc } => self.inc_dec(x, *inc),
            StmtKind::Assign { lhs, op, rhs } => self.assign_stmt(s.span, lhs, *op, rhs),
            StmtKind::Define { lhs, rhs } => self.define(s.span, lhs, rhs),
            StmtKind::Go(e) => self.go_defer(e, "go"),
            StmtKind::Defer(e) => self.go_defer(e, "defer"),
            StmtKind::Return(results) => self.return_stmt(s.span, results),
            StmtKind::Break(label) => self.branch(s.span, label.as_ref(), ctx, true),
            StmtKind::Continue(label) => self.branch(s.span, label.as_ref(), ctx, false),
            StmtKind::Fallthrough => {
                if !ctx.fallthrough_ok {
                    self.error(TypeError::MisplacedFallthrough { span: s.span });
                }
            }
            StmtKind::Block(b) => self.block(b, ctx),
            StmtKind::If {
                init,
                cond,
                then,
                els,
            } => self.if_stmt(init.as_deref(), cond, then, els.as_deref(), ctx),
            StmtKind::Switch {
                init, tag, cases, ..
            } => self.switch_stmt(init.as_deref(), tag.as_ref(), cases, ctx),
            StmtKind::TypeSwitch {
                init,
                bind,
                x,
                cases,
                ..
            } => self.type_switch(init.as_deref(), bind.as_ref(), x, cases, ctx),
            StmtKind::Select { cases, .. } => self.select_stmt(cases, ctx),
            StmtKind::For {
                init,
                cond,
                post,
                body,
            } => self.for_stmt(init.as_deref(), cond.as_ref(), post.as_deref(), body, ctx),
            StmtKind::Range {
                key,
                value,
                define,
                x,
                body,
            } => self.range_stmt(key.as_ref(), value.as_ref(), *define, x, body, ctx),
            StmtKind::Labeled { label, stmt } => self.labeled(label, stmt, ctx),
            StmtKind::Empty | StmtKind::Bad => {}
        }
    }

    fn labeled(&mut self, label: &ast::Ident, stmt: &ast::Stmt, ctx: &StmtCtx) {
        let obj = self.new_object(label, ObjectKind::Label, TypeId::INVALID);
        self.info.defs.insert(label.span, obj);
        let is_loop = matches!(stmt.kind, StmtKind::For { .. } | StmtKind::Range { .. });
        let mut inner = ctx.clone();
        inner.labels.push((label.name.clone(), is_loop, label.span));
        self.stmt(stmt, &inner);
        if !self.used_labels.contains(&label.span) {
            self.error(TypeError::UnusedLabel {
                label: label.name.to_string(),
                span: label.span,
            });
        }
    }

    fn branch(&mut self, span: Span, label: Option<&ast::Ident>, ctx: &StmtCtx, is_break: bool) {
        if let Some(label) = label {
            let found = ctx.labels.iter().rev().find(|(n, _, _)| *n == label.name);
            if let Some((_, _, at)) = found {
                self.used_labels.insert(*at);
            }
            if !found.is_some_and(|(_, is_loop, _)| is_break || *is_loop) {
                let what = if is_break { "break" } else { "continue" };
                let label_name = label.name.to_string();
                self.error(TypeError::InvalidLabel {
                    what,
                    label: label_name,
                    span: label.span,
                });
            }
            return;
        }
        if is_break && !ctx.breakable {
            self.error(TypeError::BreakOutside {
                what: "break",
                span,
            });
        } else if !is_break && !ctx.in_loop {
            self.error(TypeError::ContinueOutside { span });
        }
    }

    fn expr_stmt(&mut self, e: &ast::Expr) {
        let x = self.raw_expr(e, None);
        if x.is_invalid() && x.mode == Mode::Invalid {
            return;
        }
        let mut inner = e;
        while let ExprKind::Paren(p) = &inner.kind {
            inner = p;
        }
        let used = match &inner.kind {
            ExprKind::Call { func, .. } => !self.is_value_only_callee(func),
            ExprKind::Unary {
                op: ast::UnaryOp::Recv,
                ..
            } => true,
            _ => false,
        };
        if !used {
            let operand = self.operand_str(&x);
            self.error(TypeError::UnusedResult {
                operand,
                span: e.span,
            });
        }
    }

    /// A conversion or a builtin whose result must be used (`len(x)` as a statement).
    fn is_value_only_callee(&self, func: &ast::Expr) -> bool {
        match self
            .info
            .exprs
            .get(&super::checker::key(func))
            .map(|tv| &tv.mode)
        {
            Some(ExprMode::Type) => true,
            Some(ExprMode::Builtin(b)) => matches!(
                b,
                Builtin::Append
                    | Builtin::Cap
                    | Builtin::Len
                    | Builtin::Make
                    | Builtin::Max
                    | Builtin::Min
                    | Builtin::New
            ),
            _ => false,
        }
    }

    fn send(&mut self, span: Span, ch: &ast::Expr, value: &ast::Expr) {
        let c = self.expr(ch);
        let mut v = self.expr(value);
        if c.is_invalid() || v.is_invalid() {
            return;
        }
        match c.ty_core(self) {
            Some(Type::Chan {
                dir: ast::ChanDir::Recv,
                ..
            }) => {
                let d = self.operand_str(&c);
                self.invalid_op(span, format!("cannot send to receive-only channel {d}"));
            }
            Some(Type::Chan { elem, .. }) => {
                self.assignment(&mut v, elem, "send");
            }
            _ => {
                let d = self.operand_str(&c);
                self.invalid_op(span, format!("cannot send to non-channel {d}"));
            }
        }
    }

    fn inc_dec(&mut self, x: &ast::Expr, inc: bool) {
        let op = self.lhs_expr(x);
        if op.is_invalid() {
            return;
        }
        if !predicates::is_numeric(&self.types, op.ty) {
            let d = self.operand_str(&op);
            let text = if inc { "++" } else { "--" };
            self.invalid_op(
                x.span,
                format!(
                    "{}{text} (non-numeric type {})",
                    self.expr_str(x),
                    self.type_str(op.ty)
                ),
            );
            let _ = d;
            return;
        }
        self.check_assignable_lhs(&op);
    }

    fn go_defer(&mut self, e: &ast::Expr, what: &'static str) {
        let mut inner = e;
        while let ExprKind::Paren(p) = &inner.kind {
            inner = p;
        }
        if !matches!(inner.kind, ExprKind::Call { .. }) {
            self.raw_expr(e, None);
            self.error(TypeError::NotACallIn { what, span: e.span });
            return;
        }
        self.raw_expr(e, None);
        if let ExprKind::Call { func, .. } = &inner.kind
            && self.is_value_only_callee(func)
        {
            let s = self.expr_str(e);
            self.error_at(e.span, format!("{what} discards result of {s}"));
        }
    }

    fn return_stmt(&mut self, span: Span, results: &[ast::Expr]) {
        let want = self.current_results();
        if results.is_empty() {
            let named = self
                .funcs
                .last()
                .is_some_and(|f| !f.named_results.is_empty());
            if !want.is_empty() && !named {
                let want_s = want
                    .iter()
                    .map(|t| self.type_str(*t))
                    .collect::<Vec<_>>()
                    .join(", ");
                self.error(TypeError::ReturnCount {
                    too_many: false,
                    have: String::new(),
                    want: want_s,
                    span,
                });
            }
            return;
        }
        let mut ops = self.call_args(results);
        if ops.iter().any(|o| o.is_invalid()) {
            return;
        }
        if ops.len() != want.len() {
            let have = ops
                .iter()
                .map(|o| self.type_str(predicates::default_type(&self.types, o.ty)))
                .collect::<Vec<_>>();
            let want_s = want
                .iter()
                .map(|t| self.type_str(*t))
                .collect::<Vec<_>>()
                .join(", ");
            let too_many = ops.len() > want.len();
            let at = if too_many {
                ops.get(want.len()).map_or(span, |o| o.expr.span)
            } else {
                span
            };
            let err = TypeError::ReturnCount {
                too_many,
                have: have.join(", "),
                want: want_s,
                span: at,
            };
            self.error(err);
            return;
        }
        for (x, t) in ops.iter_mut().zip(want) {
            self.assignment(x, t, "return statement");
        }
    }
}
