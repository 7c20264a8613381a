//! Declarations: constants (with `iota` and implicit repetition), variables, defined types
//! and aliases (with their methods), and function signatures — at package level (checked
//! lazily by `package`) and inside function bodies (checked in order by `stmt`).
//!
//! This module does not check function bodies (`stmt`) or expressions (`expr`). Invariant:
//! after a declaration is checked, each of its objects has its final type (`INVALID` after
//! an error), and each constant has a value in `consts`.

use crate::ast;

use super::checker::Checker;
use super::constops::{self, Value};
use super::error::TypeError;
use super::generic;
use super::object::{ObjectKind, VarKind};
use super::scope::ScopeKind;
use super::types::{ObjectId, Type, TypeId};

impl<'a> Checker<'a> {
    pub fn pkg_const(
        &mut self,
        obj: ObjectId,
        spec: &ast::ConstSpec,
        source: &ast::ConstSpec,
        index: usize,
    ) {
        self.iota = Some(Value::from_u128(u128::from(spec.iota)));
        self.const_value(obj, source.ty.as_ref(), source.values.get(index), spec.span);
        self.iota = None;
    }

    /// Gives the constant `obj` its type and value from `ty` and `init`.
    fn const_value(
        &mut self,
        obj: ObjectId,
        ty: Option<&ast::Expr>,
        init: Option<&ast::Expr>,
        span: crate::span::Span,
    ) {
        let target = ty.map(|t| self.type_expr(t));
        let Some(init) = init else {
            self.error_at(span, "missing init expr for const declaration");
            return;
        };
        let mut x = self.expr(init);
        if x.is_invalid() {
            return;
        }
        if !x.is_constant() {
            let desc = self.operand_str(&x);
            self.error_at(init.span, format!("{desc} is not constant"));
            return;
        }
        if let Some(t) = target {
            self.assignment(&mut x, t, "constant declaration");
        }
        if let Some(v) = x.value().cloned() {
            self.objects.get_mut(obj).ty = x.ty;
            self.consts.insert(obj, v);
        }
    }

    pub fn pkg_var(&mut self, spec: &ast::VarSpec) {
        let objs: Vec<ObjectId> = spec
            .names
            .iter()
            .filter_map(|n| self.info.defs.get(&n.span).copied())
            .collect();
        self.var_types(&objs, spec.ty.as_ref(), &spec.values, spec.span);
        for obj in objs {
            self.states.insert(obj, super::checker::DeclState::Done);
        }
    }

    /// Types the variables of one spec from its type and initializers.
    fn var_types(
        &mut self,
        objs: &[ObjectId],
        ty: Option<&ast::Expr>,
        values: &[ast::Expr],
        span: crate::span::Span,
    ) {
        let target = ty.map(|t| self.type_expr(t));
        if values.is_empty() {
            for &obj in objs {
                self.objects.get_mut(obj).ty = target.unwrap_or(TypeId::INVALID);
            }
            return;
        }
        let types = self.init_types(objs.len(), target, values, "variable declaration", span);
        for (&obj, ty) in objs.iter().zip(types) {
            self.objects.get_mut(obj).ty = ty;
        }
    }

    pub fn pkg_type(&mut self, obj: ObjectId, spec: &ast::TypeSpec) {
        if spec.alias {
            let ty = self.type_expr(&spec.ty);
            self.objects.get_mut(obj).ty = ty;
            return;
        }
        let named = self.types.new_named(obj, Vec::new());
        self.objects.get_mut(obj).ty = named;
        let Some(id) = generic::named_id(&self.types, named) else {
            return;
        };
        let methods = self.pending_methods.remove(&obj).unwrap_or_default();
        self.types.named_mut(id).methods = methods.clone();
        let prev = self.open_scope(ScopeKind::Block);
        if !spec.tparams.is_empty() {
            let tparams = self.declare_type_params(&spec.tparams);
            self.types.named_mut(id).tparams = tparams;
        }
        let rhs = self.type_expr(&spec.ty);
        let underlying = self.types.underlying(rhs);
        if underlying == named || rhs == named {
            self.error(TypeError::RecursiveType {
                name: spec.name.name.to_string(),
                span: spec.name.span,
            });
        } else {
            self.types.named_mut(id).underlying = underlying;
        }
        generic::complete_instances(&mut self.types);
        self.close_scope(prev);
        for m in methods {
            self.obj_decl(m);
        }
    }

    /// A function's or method's signature; the type parameters stay declared in a scope
    /// kept for the body.
    pub fn func_signature(&mut self, obj: ObjectId, decl: &ast::FuncDecl) {
        let prev = self.open_scope(ScopeKind::Block);
        let sig_scope = self.scope;
        let recv_ty = decl.recv.as_ref().map(|r| self.receiver_type(r));
        if !decl.tparams.is_empty() {
            let tparams = self.declare_type_params(&decl.tparams);
            self.func_tparams.insert(obj, tparams);
        }
        let sig = self.signature(&decl.sig);
        let sig = self.types.func(sig);
        self.close_scope(prev);
        self.func_scopes.insert(obj, sig_scope);
        let o = self.objects.get_mut(obj);
        o.ty = sig;
        if let Some(recv) = recv_ty {
            o.kind = ObjectKind::Func {
                recv: Some(recv),
                has_body: decl.body.is_some(),
            };
        }
    }

    /// The receiver's type. The receiver's type parameter names (`T` in `*List[T]`) are
    /// bound to the generic type's own parameters, so that methods and the type share them.
    fn receiver_type(&mut self, recv: &ast::Param) -> TypeId {
        let mut base = &recv.ty;
        while let ast::ExprKind::Star(x) | ast::ExprKind::Paren(x) = &base.kind {
            base = x;
        }
        if let ast::ExprKind::Index { x, indices } = &base.kind {
            let origin_ty = self.type_expr_no_record(x);
            let tparams = match generic::named_id(&self.types, origin_ty) {
                Some(id) => self.types.named(id).tparams.clone(),
                None => Vec::new(),
            };
            for (idx, &param) in indices.iter().zip(&tparams) {
                let ast::ExprKind::Ident(name) = &idx.kind else {
                    continue;
                };
                let ident = ast::Ident {
                    name: name.clone(),
                    span: idx.span,
                };
                let ty = generic::type_param_type(&mut self.types, param);
                let obj = self.new_object(&ident, ObjectKind::TypeName, ty);
                self.declare(self.scope, &ident, obj);
            }
        }
        self.type_expr(&recv.ty)
    }

    fn type_expr_no_record(&mut self, expr: &ast::Expr) -> TypeId {
        match self.resolve_name(expr) {
            Some(obj) => self.objects.get(obj).ty,
            None => TypeId::INVALID,
        }
    }

    /// A `const`, `var` or `type` declaration inside a function body.
    pub fn local_decl(&mut self, decl: &ast::Decl) {
        match decl {
            ast::Decl::Const(c) => self.local_consts(c),
            ast::Decl::Var(v) => {
                for spec in &v.specs {
                    self.local_var_spec(spec);
                }
            }
            ast::Decl::Type(t) => {
                for spec in &t.specs {
                    let obj = self.new_object(&spec.name, ObjectKind::TypeName, TypeId::INVALID);
                    // A local type is in scope within its own declaration (for recursion).
                    self.declare(self.scope, &spec.name, obj);
                    self.pkg_type(obj, spec);
                }
            }
            ast::Decl::Func(_) | ast::Decl::Bad(_) => {}
        }
    }

    fn local_consts(&mut self, decl: &ast::ConstDecl) {
        let mut source: Option<&ast::ConstSpec> = None;
        for spec in &decl.specs {
            if spec.ty.is_some() || !spec.values.is_empty() || source.is_none() {
                source = Some(spec);
            }
            let Some(source) = source else { continue };
            let mut objs = Vec::new();
            for (index, name) in spec.names.iter().enumerate() {
                let obj = self.new_object(name, ObjectKind::Const, TypeId::INVALID);
                self.iota = Some(Value::from_u128(u128::from(spec.iota)));
                self.const_value(obj, source.ty.as_ref(), source.values.get(index), spec.span);
                self.iota = None;
                objs.push((name, obj));
            }
            // Constants come into scope at the end of their spec.
            for (name, obj) in objs {
                self.declare(self.scope, name, obj);
            }
        }
    }

    fn local_var_spec(&mut self, spec: &ast::VarSpec) {
        let objs: Vec<ObjectId> = spec
            .names
            .iter()
            .map(|n| self.new_object(n, ObjectKind::Var(VarKind::Local), TypeId::INVALID))
            .collect();
        self.var_types(&objs, spec.ty.as_ref(), &spec.values, spec.span);
        // Variables come into scope after their initializers: `var x = x` is the outer x.
        for (name, &obj) in spec.names.iter().zip(&objs) {
            self.declare(self.scope, name, obj);
            self.add_local(obj);
        }
    }

    /// Whether `ty` is a constant's possible type (a basic type, not an interface).
    pub fn is_const_type(&self, ty: TypeId) -> bool {
        matches!(self.types.get(self.types.underlying(ty)), Type::Basic(_))
    }

    /// The constant integer of an array length, which must be non-negative.
    pub fn array_length(&mut self, len: &ast::Expr) -> Option<u64> {
        let x = self.expr(len);
        if x.is_invalid() {
            return None;
        }
        let n = x
            .value()
            .and_then(constops::to_int)
            .and_then(|v| constops::as_i64(&v));
        match n {
            Some(n) if n >= 0 => Some(n as u64),
            _ => {
                let desc = self.operand_str(&x);
                self.error_at(len.span, format!("array length {desc} must be constant"));
                None
            }
        }
    }
}
