//! Compound statements: `if`, expression `switch`, type `switch`, `select`, `for` and
//! `for range` (over strings, arrays, pointers to arrays, slices, maps, channels and
//! integers), each with its own scopes.
//!
//! This module does not decide whether a statement terminates (`flow`). Invariant: the
//! header of each statement (its init statement and bindings) lives in a scope enclosing
//! the bodies, and each clause body has its own scope, as in Go.

use std::collections::HashMap;

use crate::ast::{self, StmtKind};
use crate::span::Span;

use super::checker::Checker;
use super::constops;
use super::error::TypeError;
use super::object::VarKind;
use super::operand::Mode;
use super::predicates;
use super::scope::ScopeKind;
use super::stmt::StmtCtx;
use super::types::{Type, TypeId};

impl<'a> Checker<'a> {
    fn condition(&mut self, cond: &ast::Expr, stmt: &'static str) {
        let mut x = self.expr(cond);
        if !x.is_invalid() && !predicates::is_boolean(&self.types, x.ty) {
            self.error(TypeError::NonBoolCondition {
                stmt,
                span: cond.span,
            });
            return;
        }
        self.default_operand(&mut x);
    }

    pub fn if_stmt(
        &mut self,
        init: Option<&ast::Stmt>,
        cond: &ast::Expr,
        then: &ast::Block,
        els: Option<&ast::Stmt>,
        ctx: &StmtCtx,
    ) {
        let prev = self.open_scope(ScopeKind::Block);
        let inner = StmtCtx {
            fallthrough_ok: false,
            ..ctx.clone()
        };
        if let Some(init) = init {
            self.stmt(init, &inner);
        }
        self.condition(cond, "if");
        self.block(then, &inner);
        if let Some(els) = els {
            self.stmt(els, &inner);
        }
        self.close_scope(prev);
    }

    pub fn switch_stmt(
        &mut self,
        init: Option<&ast::Stmt>,
        tag: Option<&ast::Expr>,
        cases: &[ast::CaseClause],
        ctx: &StmtCtx,
    ) {
        let prev = self.open_scope(ScopeKind::Block);
        let body_ctx = StmtCtx {
            breakable: true,
            fallthrough_ok: false,
            ..ctx.clone()
        };
        if let Some(init) = init {
            self.stmt(init, &body_ctx);
        }
        let tag_op = tag.map(|t| {
            let mut x = self.expr(t);
            self.default_operand(&mut x);
            x
        });
        let mut seen: HashMap<String, Span> = HashMap::new();
        let mut default: Option<Span> = None;
        for (i, clause) in cases.iter().enumerate() {
            if clause.default {
                if let Some(prev) = default {
                    self.error(TypeError::MultipleDefaults {
                        stmt: "switch",
                        span: clause.span,
                        prev,
                    });
                }
                default = Some(clause.span);
            }
            for e in &clause.exprs {
                self.case_expr(e, tag_op.as_ref(), &mut seen);
            }
            let scope = self.open_scope(ScopeKind::Block);
            let last = i + 1 == cases.len();
            let clause_ctx = StmtCtx {
                fallthrough_ok: !last,
                ..body_ctx.clone()
            };
            self.stmt_list(&clause.body, &clause_ctx);
            self.close_scope(scope);
        }
        self.close_scope(prev);
    }

    fn case_expr(
        &mut self,
        e: &ast::Expr,
        tag: Option<&super::operand::Operand<'_>>,
        seen: &mut HashMap<String, Span>,
    ) {
        let mut x = self.expr(e);
        if x.is_invalid() {
            return;
        }
        match tag {
            None => {
                self.convert_untyped(&mut x, TypeId::BOOL, None);
                if !x.is_invalid() && !predicates::is_boolean(&self.types, x.ty) {
                    let (d, s) = (self.operand_str(&x), self.expr_str(e));
                    self.invalid_op(e.span, format!("{s} (mismatched types {} and bool)", d));
                }
            }
            Some(t) if t.is_invalid() => {}
            Some(t) => {
                let mut tv = t.clone();
                if !self.match_types(&mut x, &mut tv)
                    || super::assign::assignable(&mut self.types, &self.objects, x.ty, tv.ty)
                        .is_err()
                        && super::assign::assignable(&mut self.types, &self.objects, tv.ty, x.ty)
                            .is_err()
                {
                    let (s, ts) = (self.expr_str(e), self.expr_str(t.expr));
                    let (a, b) = (self.type_str(x.ty), self.type_str(t.ty));
                    self.invalid_op(
                        e.span,
                        format!("{s} == {ts} (mismatched types {a} and {b})"),
                    );
                    return;
                }
                self.note_implicit(&x, t.ty);
            }
        }
        if let Some(v) = x.value() {
            let text = constops::display(v);
            let k = format!("{}:{text}", x.ty.0);
            if let Some(prev) = seen.get(&k) {
                let case = self.expr_str(e);
                self.error(TypeError::DuplicateCase {
                    case,
                    span: e.span,
                    prev: *prev,
                });
            } else {
                seen.insert(k, e.span);
            }
        }
    }

    pub fn type_switch(
        &mut self,
        init: Option<&ast::Stmt>,
        bind: Option<&ast::Ident>,
        x: &ast::Expr,
        cases: &[ast::TypeCaseClause],
        ctx: &StmtCtx,
    ) {
        let prev = self.open_scope(ScopeKind::Block);
        let body_ctx = StmtCtx {
            breakable: true,
            fallthrough_ok: false,
            ..ctx.clone()
        };
        if let Some(init) = init {
            self.stmt(init, &body_ctx);
        }
        let guard = match &x.kind {
            ast::ExprKind::TypeAssert { x: inner, ty: None } => inner.as_ref(),
            _ => x,
        };
        let subject = self.expr(guard);
        let subject_ty = subject.ty;
        if !subject.is_invalid() && !predicates::is_interface(&self.types, subject_ty) {
            let d = self.operand_str(&subject);
            self.error_at(guard.span, format!("{d} is not an interface"));
        }
        self.record(x, super::info::ExprMode::Value, subject_ty);
        let mut bound = Vec::new();
        let mut default: Option<Span> = None;
        for clause in cases {
            if clause.default {
                if let Some(prev) = default {
                    self.error(TypeError::MultipleDefaults {
                        stmt: "type switch",
                        span: clause.span,
                        prev,
                    });
                }
                default = Some(clause.span);
            }
            if let Some(obj) = self.type_switch_clause(clause, bind, subject_ty, &body_ctx) {
                bound.push(obj);
            }
        }
        if let Some(bind) = bind {
            let obj = self.new_object(
                bind,
                super::object::ObjectKind::Var(VarKind::Local),
                subject_ty,
            );
            self.info.defs.insert(bind.span, obj);
            if !bound.iter().any(|o| self.used.contains(o)) && !bind.is_blank() {
                self.error(TypeError::UnusedVar {
                    name: bind.name.to_string(),
                    span: bind.span,
                });
            }
        }
        self.close_scope(prev);
    }

    /// One clause of a type switch; returns the clause's binding, if the switch binds.
    fn type_switch_clause(
        &mut self,
        clause: &ast::TypeCaseClause,
        bind: Option<&ast::Ident>,
        subject_ty: TypeId,
        ctx: &StmtCtx,
    ) -> Option<super::types::ObjectId> {
        let types: Vec<TypeId> = clause
            .types
            .iter()
            .map(|t| self.case_type(t, subject_ty))
            .collect();
        let scope = self.open_scope(ScopeKind::Block);
        let obj = bind.map(|bind| {
            // A clause listing exactly one type binds that type; otherwise the subject's.
            let ty = match types.as_slice() {
                [one] if *one != TypeId::UNTYPED_NIL => *one,
                _ => subject_ty,
            };
            let obj = self.new_object(bind, super::object::ObjectKind::Var(VarKind::Local), ty);
            if !bind.is_blank() {
                let _ = self.scopes.insert(self.scope, bind.name.clone(), obj);
            }
            self.add_local_untracked(obj);
            self.info.implicits.insert(clause.span, obj);
            obj
        });
        self.stmt_list(&clause.body, ctx);
        self.close_scope(scope);
        obj
    }

    /// A type switch case: a type (`nil` allowed) that must implement the subject's
    /// interface.
    fn case_type(&mut self, t: &ast::Expr, subject: TypeId) -> TypeId {
        if matches!(&t.kind, ast::ExprKind::Ident(n) if n == "nil") {
            let x = self.expr(t);
            return if x.is_invalid() {
                TypeId::INVALID
            } else {
                TypeId::UNTYPED_NIL
            };
        }
        let ty = self.type_expr(t);
        if ty == TypeId::INVALID
            || subject == TypeId::INVALID
            || predicates::is_interface(&self.types, ty)
        {
            return ty;
        }
        if let Err(missing) = super::assign::implements(&mut self.types, &self.objects, ty, subject)
        {
            let names = |p| self.package_name(p);
            let fmt = super::typestr::TypeFmt::message(
                &self.types,
                &self.objects,
                &names,
                Some(self.pkg),
            );
            let cause = missing.cause(&fmt, ty);
            let (ts, ss) = (self.type_str(ty), self.type_str(subject));
            self.error_at(
                t.span,
                format!("impossible type switch case: {ts} does not implement {ss} {cause}"),
            );
        }
        ty
    }

    /// A local that the enclosing function owns but that is reported unused by its
    /// statement (type switch bindings are reported once for all clauses).
    fn add_local_untracked(&mut self, obj: super::types::ObjectId) {
        self.add_local(obj);
        self.used_elsewhere.insert(obj);
    }

    pub fn select_stmt(&mut self, cases: &[ast::CommClause], ctx: &StmtCtx) {
        let body_ctx = StmtCtx {
            breakable: true,
            fallthrough_ok: false,
            ..ctx.clone()
        };
        let mut default: Option<Span> = None;
        for clause in cases {
            let scope = self.open_scope(ScopeKind::Block);
            match &clause.comm {
                Some(comm) => self.comm(comm, &body_ctx),
                None => {
                    if let Some(prev) = default {
                        self.error(TypeError::MultipleDefaults {
                            stmt: "select",
                            span: clause.span,
                            prev,
                        });
                    }
                    default = Some(clause.span);
                }
            }
            self.stmt_list(&clause.body, &body_ctx);
            self.close_scope(scope);
        }
    }

    fn comm(&mut self, comm: &ast::Stmt, ctx: &StmtCtx) {
        let recv = match &comm.kind {
            StmtKind::Send { .. } => None,
            StmtKind::Expr(e) => Some(e),
            StmtKind::Assign { rhs, .. } | StmtKind::Define { rhs, .. } => rhs.first(),
            _ => None,
        };
        let is_recv = recv.is_some_and(|e| {
            let mut e = e;
            while let ast::ExprKind::Paren(x) = &e.kind {
                e = x;
            }
            matches!(
                e.kind,
                ast::ExprKind::Unary {
                    op: ast::UnaryOp::Recv,
                    ..
                }
            )
        });
        if recv.is_some() && !is_recv {
            self.error_at(
                comm.span,
                "select case must be receive, send or assign recv",
            );
        }
        self.stmt(comm, ctx);
    }

    pub fn for_stmt(
        &mut self,
        init: Option<&ast::Stmt>,
        cond: Option<&ast::Expr>,
        post: Option<&ast::Stmt>,
        body: &ast::Block,
        ctx: &StmtCtx,
    ) {
        let prev = self.open_scope(ScopeKind::Block);
        let header = StmtCtx {
            fallthrough_ok: false,
            ..ctx.clone()
        };
        if let Some(init) = init {
            self.stmt(init, &header);
        }
        if let Some(cond) = cond {
            self.condition(cond, "for");
        }
        if let Some(post) = post {
            if matches!(post.kind, StmtKind::Define { .. }) {
                self.error_at(post.span, "cannot declare in post statement of for loop");
            }
            self.stmt(post, &header);
        }
        let body_ctx = StmtCtx {
            in_loop: true,
            breakable: true,
            fallthrough_ok: false,
            ..ctx.clone()
        };
        self.block(body, &body_ctx);
        self.close_scope(prev);
    }

    pub fn range_stmt(
        &mut self,
        key: Option<&ast::Expr>,
        value: Option<&ast::Expr>,
        define: bool,
        x: &ast::Expr,
        body: &ast::Block,
        ctx: &StmtCtx,
    ) {
        let prev = self.open_scope(ScopeKind::Block);
        let mut subject = self.expr(x);
        let (kty, vty) = self.range_types(&mut subject, value.is_some());
        let pairs = [(key, kty), (value, vty)];
        for (e, ty) in pairs {
            let Some(e) = e else { continue };
            if define {
                let ast::ExprKind::Ident(name) = &e.kind else {
                    self.error_at(e.span, "non-name on left side of :=");
                    continue;
                };
                let ident = ast::Ident {
                    name: name.clone(),
                    span: e.span,
                };
                let obj = self.declare_local(&ident, VarKind::Local, ty);
                self.record(e, super::info::ExprMode::Variable, ty);
                let _ = obj;
            } else if !matches!(&e.kind, ast::ExprKind::Ident(n) if n == "_") {
                let target = self.lhs_expr(e);
                self.check_assignable_lhs(&target);
                if !target.is_invalid() && ty != TypeId::INVALID {
                    let mut v = super::operand::Operand::new(Mode::Value, ty, x);
                    self.assignment(&mut v, target.ty, "range");
                }
            }
        }
        let body_ctx = StmtCtx {
            in_loop: true,
            breakable: true,
            fallthrough_ok: false,
            ..ctx.clone()
        };
        self.block(body, &body_ctx);
        self.close_scope(prev);
    }

    /// The key and value types of ranging over `x`.
    fn range_types(
        &mut self,
        x: &mut super::operand::Operand<'_>,
        want_value: bool,
    ) -> (TypeId, TypeId) {
        if x.is_invalid() {
            return (TypeId::INVALID, TypeId::INVALID);
        }
        if predicates::is_untyped(&self.types, x.ty) {
            self.default_operand(x);
        }
        let core = predicates::core_type(&self.types, x.ty).map(|c| self.types.get(c).clone());
        let res = match core {
            Some(Type::Basic(b)) if b.is_string() => Some((TypeId::INT, TypeId::RUNE)),
            Some(Type::Basic(b)) if b.is_integer() => {
                if want_value {
                    let d = self.operand_str(x);
                    self.error_at(
                        x.expr.span,
                        format!("range over {d} permits only one iteration variable"),
                    );
                }
                Some((x.ty, TypeId::INVALID))
            }
            Some(Type::Slice(elem)) | Some(Type::Array { elem, .. }) => Some((TypeId::INT, elem)),
            Some(Type::Pointer(p)) => match self.types.get(self.types.underlying(p)).clone() {
                Type::Array { elem, .. } => Some((TypeId::INT, elem)),
                _ => None,
            },
            Some(Type::Map { key, value }) => Some((key, value)),
            Some(Type::Chan { elem, dir }) if dir != ast::ChanDir::Send => {
                Some((elem, TypeId::INVALID))
            }
            Some(Type::Func(sig)) => self.range_func(&sig),
            _ => None,
        };
        res.unwrap_or_else(|| {
            let d = self.operand_str(x);
            self.error_at(x.expr.span, format!("cannot range over {d}"));
            (TypeId::INVALID, TypeId::INVALID)
        })
    }

    /// Go 1.23 range-over-func: `func(yield func(K, V) bool)`.
    fn range_func(&self, sig: &super::types::Signature) -> Option<(TypeId, TypeId)> {
        let [yield_ty] = sig.params.as_slice() else {
            return None;
        };
        let Type::Func(y) = self.types.get(*yield_ty) else {
            return None;
        };
        if !sig.results.is_empty() || y.results != [TypeId::BOOL] {
            return None;
        }
        let k = y.params.first().copied().unwrap_or(TypeId::INVALID);
        let v = y.params.get(1).copied().unwrap_or(TypeId::INVALID);
        Some((k, v))
    }
}
