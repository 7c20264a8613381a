//! Type expressions: turning the syntax of a type (`[]int`, `map[K]V`, `*Node[T]`,
//! `struct{...}`, `interface{...}`, `func(int) error`, `pkg.Name`) into a [`TypeId`].
//!
//! Also here: signatures (shared by function declarations, literals and interface
//! methods), type parameter lists with their constraints, and instantiation syntax
//! `List[int]` for generic types. Every type expression is recorded in the side tables
//! with mode `Type`.
//!
//! This module does not decide identity or satisfaction itself (`generic`, `predicates`);
//! it reports errors for syntax that does not denote a type. Invariant: it returns
//! `TypeId::INVALID` after reporting, never a guess.

use crate::ast::{self, ExprKind};

use super::checker::Checker;
use super::error::TypeError;
use super::generic::{self, EmbeddedElem};
use super::info::{ExprMode, Instance};
use super::object::{ObjectKind, VarKind};
use super::types::{Field, Method, Signature, Term, Type, TypeId, TypeParamId};

impl Checker<'_> {
    /// The type `expr` denotes; reports and returns `INVALID` if it is not a type.
    pub fn type_expr(&mut self, expr: &ast::Expr) -> TypeId {
        let ty = self.type_expr_inner(expr);
        self.record(expr, ExprMode::Type, ty);
        ty
    }

    fn type_expr_inner(&mut self, expr: &ast::Expr) -> TypeId {
        match &expr.kind {
            ExprKind::Ident(_) | ExprKind::Selector { .. } => self.named_type_expr(expr),
            ExprKind::Index { x, indices } => self.instantiated_type(expr, x, indices),
            ExprKind::Paren(x) => self.type_expr(x),
            ExprKind::Star(x) => {
                let elem = self.type_expr(x);
                if elem == TypeId::INVALID {
                    elem
                } else {
                    self.types.pointer(elem)
                }
            }
            ExprKind::ArrayType { len, elem } => self.array_type(expr, len.as_deref(), elem),
            ExprKind::SliceType(elem) => {
                let elem = self.type_expr(elem);
                self.types.slice(elem)
            }
            ExprKind::MapType { key, value } => self.map_type(key, value),
            ExprKind::ChanType { dir, elem } => {
                let elem = self.type_expr(elem);
                self.types.chan(*dir, elem)
            }
            ExprKind::FuncType(sig) => {
                let sig = self.signature(sig);
                self.types.func(sig)
            }
            ExprKind::StructType(fields) => self.struct_type(fields),
            ExprKind::InterfaceType(elems) => self.interface_type(elems, expr.span),
            ExprKind::Bad => TypeId::INVALID,
            _ => {
                let text = self.expr_str(expr);
                self.error(TypeError::NotAType {
                    name: text,
                    span: expr.span,
                });
                TypeId::INVALID
            }
        }
    }

    /// A type name, qualified or not. A generic type used without type arguments is an
    /// error except where the caller instantiates it (see [`Checker::instantiated_type`]).
    fn named_type_expr(&mut self, expr: &ast::Expr) -> TypeId {
        let ty = self.type_name(expr);
        if self.is_generic_type(ty) {
            let name = self.expr_str(expr);
            self.error_at(
                expr.span,
                format!("cannot use generic type {name} without instantiation"),
            );
            return TypeId::INVALID;
        }
        ty
    }

    /// The type a (possibly qualified) type name denotes, generic or not.
    fn type_name(&mut self, expr: &ast::Expr) -> TypeId {
        let Some(obj) = self.resolve_name(expr) else {
            return TypeId::INVALID;
        };
        let o = self.objects.get(obj);
        if o.kind != ObjectKind::TypeName {
            let name = self.expr_str(expr);
            self.error(TypeError::NotAType {
                name,
                span: expr.span,
            });
            return TypeId::INVALID;
        }
        o.ty
    }

    pub fn is_generic_type(&self, ty: TypeId) -> bool {
        match self.types.get(ty) {
            Type::Named(n) => !self.types.named(*n).tparams.is_empty(),
            _ => false,
        }
    }

    /// `List[int]`, `Pair[K, V]`: instantiates a generic type, checking constraints.
    pub fn instantiated_type(
        &mut self,
        expr: &ast::Expr,
        base: &ast::Expr,
        indices: &[ast::Expr],
    ) -> TypeId {
        let generic_ty = self.type_name(base);
        self.record(base, ExprMode::Type, generic_ty);
        let targs: Vec<TypeId> = indices.iter().map(|i| self.type_expr(i)).collect();
        if generic_ty == TypeId::INVALID || targs.contains(&TypeId::INVALID) {
            return TypeId::INVALID;
        }
        let Some(origin) = generic::named_id(&self.types, generic_ty) else {
            return TypeId::INVALID;
        };
        let tparams = self.types.named(origin).tparams.clone();
        if tparams.is_empty() {
            let name = self.expr_str(base);
            self.error_at(base.span, format!("{name} is not a generic type"));
            return TypeId::INVALID;
        }
        if tparams.len() != targs.len() {
            let (what, name) = (
                if targs.len() < tparams.len() {
                    "not enough"
                } else {
                    "too many"
                },
                self.expr_str(base),
            );
            let msg = format!(
                "{what} type arguments for type {name}: have {}, want {}",
                targs.len(),
                tparams.len()
            );
            self.error_at(expr.span, msg);
            return TypeId::INVALID;
        }
        self.check_constraints(&tparams, &targs, indices, expr.span);
        let ty = generic::instantiate_named(&mut self.types, origin, targs.clone());
        self.info
            .instances
            .insert(super::checker::key(base), Instance { targs, ty });
        ty
    }

    /// Reports the first type argument that does not satisfy its constraint.
    pub fn check_constraints(
        &mut self,
        tparams: &[TypeParamId],
        targs: &[TypeId],
        arg_exprs: &[ast::Expr],
        span: crate::span::Span,
    ) -> bool {
        let map = generic::SubstMap::new(tparams, targs);
        for (i, (&param, &arg)) in tparams.iter().zip(targs).enumerate() {
            let bound = self.types.type_param(param).constraint;
            let bound = generic::subst(&mut self.types, bound, &map);
            if let Err(why) = generic::satisfies(&mut self.types, &self.objects, arg, bound) {
                let at = arg_exprs.get(i).map_or(span, |e| e.span);
                let detail = self.not_satisfied_detail(&why, arg);
                let (arg_s, bound_s) = (self.type_str(arg), self.type_str(bound));
                let verb = if matches!(why, generic::NotSatisfied::Method(_)) {
                    "implement"
                } else {
                    "satisfy"
                };
                self.error_at(at, format!("{arg_s} does not {verb} {bound_s}{detail}"));
                return false;
            }
        }
        true
    }

    fn array_type(
        &mut self,
        expr: &ast::Expr,
        len: Option<&ast::Expr>,
        elem: &ast::Expr,
    ) -> TypeId {
        let elem = self.type_expr(elem);
        let Some(len) = len else {
            self.error_at(
                expr.span,
                "invalid use of [...] array (outside a composite literal)",
            );
            return TypeId::INVALID;
        };
        match self.array_length(len) {
            Some(n) => self.types.array(n, elem),
            None => TypeId::INVALID,
        }
    }

    fn map_type(&mut self, key: &ast::Expr, value: &ast::Expr) -> TypeId {
        let k = self.type_expr(key);
        let v = self.type_expr(value);
        if k == TypeId::INVALID || v == TypeId::INVALID {
            return TypeId::INVALID;
        }
        let is_param = super::predicates::is_type_param(&self.types, k);
        if !is_param && !super::predicates::is_comparable(&self.types, k) {
            let ks = self.type_str(k);
            self.error_at(key.span, format!("invalid map key type {ks}"));
            return TypeId::INVALID;
        }
        self.types.map(k, v)
    }

    /// The types of a signature; parameter objects are declared by the body's checker.
    pub fn signature(&mut self, sig: &ast::FuncSig) -> Signature {
        let mut params = Vec::new();
        let mut variadic = false;
        for p in &sig.params {
            let mut ty = self.type_expr(&p.ty);
            if p.variadic {
                variadic = true;
                ty = self.types.slice(ty);
            }
            params.extend(std::iter::repeat_n(ty, p.names.len().max(1)));
        }
        let mut results = Vec::new();
        for r in &sig.results {
            let ty = self.type_expr(&r.ty);
            results.extend(std::iter::repeat_n(ty, r.names.len().max(1)));
        }
        Signature {
            params,
            results,
            variadic,
        }
    }

    fn struct_type(&mut self, fields: &[ast::Field]) -> TypeId {
        let mut res: Vec<Field> = Vec::new();
        for f in fields {
            let ty = self.type_expr(&f.ty);
            if f.names.is_empty() {
                let Some(name) = embedded_name(&f.ty) else {
                    continue;
                };
                let ident = ast::Ident {
                    name: name.clone(),
                    span: f.ty.span,
                };
                let obj = self.field_object(&ident, ty, true, &f.tag);
                self.info.defs.insert(f.span, obj);
                res.push(Field {
                    name,
                    ty,
                    embedded: true,
                    tag: f.tag.clone(),
                    obj,
                });
                continue;
            }
            for name in &f.names {
                let obj = self.field_object(name, ty, false, &f.tag);
                self.info.defs.insert(name.span, obj);
                if !name.is_blank() && res.iter().any(|have| have.name == name.name) {
                    self.error_at(name.span, format!("{} redeclared", name.name));
                }
                res.push(Field {
                    name: name.name.clone(),
                    ty,
                    embedded: false,
                    tag: f.tag.clone(),
                    obj,
                });
            }
        }
        self.types.intern(Type::Struct(res))
    }

    /// The object of a struct field. Struct types are identical when their fields' names,
    /// types, tags and embedding agree, and the arena interns fields with their objects,
    /// so the same field written twice (`struct{ X int }` in two places) must reuse one
    /// object; it keeps the first declaration's position.
    fn field_object(
        &mut self,
        name: &ast::Ident,
        ty: TypeId,
        embedded: bool,
        tag: &Option<String>,
    ) -> super::types::ObjectId {
        let exported = name.name.chars().next().is_some_and(char::is_uppercase);
        let pkg = if exported { None } else { Some(self.pkg) };
        let key = (pkg, name.name.clone(), ty, embedded, tag.clone());
        if let Some(&obj) = self.field_objects.get(&key) {
            return obj;
        }
        let obj = self.new_object(name, ObjectKind::Var(VarKind::Field), ty);
        self.field_objects.insert(key, obj);
        obj
    }

    fn interface_type(&mut self, elems: &[ast::InterfaceElem], span: crate::span::Span) -> TypeId {
        let mut methods = Vec::new();
        let mut embedded = Vec::new();
        for elem in elems {
            match elem {
                ast::InterfaceElem::Method { name, sig } => {
                    let sig = self.signature(sig);
                    let sig = self.types.func(sig);
                    let kind = ObjectKind::Func {
                        recv: None,
                        has_body: false,
                    };
                    let obj = self.new_object(name, kind, sig);
                    self.info.defs.insert(name.span, obj);
                    methods.push(Method {
                        name: name.name.clone(),
                        sig,
                        obj,
                    });
                }
                ast::InterfaceElem::Embed(c) => embedded.push(self.constraint_elem(c)),
            }
        }
        self.make_interface(methods, &embedded, span)
    }

    fn make_interface(
        &mut self,
        methods: Vec<Method>,
        embedded: &[EmbeddedElem],
        span: crate::span::Span,
    ) -> TypeId {
        match generic::flatten_interface(&self.types, methods, embedded) {
            Ok(iface) => self.types.intern(Type::Interface(iface)),
            Err(dup) => {
                self.error_at(span, format!("duplicate method {}", dup.name));
                TypeId::INVALID
            }
        }
    }

    /// One element of an interface or constraint: an embedded interface, or a union.
    fn constraint_elem(&mut self, c: &ast::Constraint) -> EmbeddedElem {
        if let [term] = c.terms.as_slice()
            && !term.tilde
        {
            return EmbeddedElem::Interface(self.type_expr(&term.ty));
        }
        let terms = c
            .terms
            .iter()
            .map(|t| Term {
                tilde: t.tilde,
                ty: self.type_expr(&t.ty),
            })
            .collect();
        EmbeddedElem::Union(terms)
    }

    /// The constraint interface of a type parameter: `any`, `comparable`, `Number`,
    /// `~int | ~string` (made into an implicit interface), `interface{ M() }`.
    fn constraint_type(&mut self, c: &ast::Constraint) -> TypeId {
        match self.constraint_elem(c) {
            EmbeddedElem::Interface(ty) if super::predicates::is_interface(&self.types, ty) => ty,
            elem => {
                let elem = match elem {
                    EmbeddedElem::Interface(ty) => {
                        EmbeddedElem::Union(vec![Term { tilde: false, ty }])
                    }
                    union => union,
                };
                self.make_interface(Vec::new(), &[elem], c.span)
            }
        }
    }

    /// Declares a type parameter list in the current scope; constraints may refer to any
    /// parameter of the list.
    pub fn declare_type_params(&mut self, list: &[ast::TypeParam]) -> Vec<TypeParamId> {
        let mut ids = Vec::new();
        for group in list {
            for name in &group.names {
                let obj = self.new_object(name, ObjectKind::TypeName, TypeId::INVALID);
                let ty = self.types.new_type_param(obj, ids.len() as u32);
                self.objects.get_mut(obj).ty = ty;
                self.declare(self.scope, name, obj);
                if let Type::TypeParam(id) = *self.types.get(ty) {
                    ids.push(id);
                }
            }
        }
        let mut next = 0;
        for group in list {
            let bound = self.constraint_type(&group.constraint);
            for _ in &group.names {
                if let Some(&id) = ids.get(next) {
                    self.types.type_param_mut(id).constraint = bound;
                }
                next += 1;
            }
        }
        ids
    }
}

impl Checker<'_> {
    /// The parenthesized reason Go appends to `T does not satisfy C`.
    fn not_satisfied_detail(&self, why: &generic::NotSatisfied, arg: TypeId) -> String {
        let names = |p| self.package_name(p);
        let fmt =
            super::typestr::TypeFmt::message(&self.types, &self.objects, &names, Some(self.pkg));
        match why {
            generic::NotSatisfied::Method(m) => format!(" {}", m.cause(&fmt, arg)),
            generic::NotSatisfied::MissingInTerms { terms } => {
                format!(
                    " ({} missing in {})",
                    fmt.type_str(arg),
                    fmt.terms_str(terms)
                )
            }
            generic::NotSatisfied::PossiblyMissingTilde { term } => {
                format!(
                    " (possibly missing ~ for {} in constraint)",
                    fmt.type_str(*term)
                )
            }
            generic::NotSatisfied::NotComparable => String::new(),
            _ => String::new(),
        }
    }
}

/// The implicit field name of an embedded field: `T` for `T`, `*T`, `pkg.T`, `T[int]`.
fn embedded_name(ty: &ast::Expr) -> Option<crate::ast::Name> {
    match &ty.kind {
        ExprKind::Ident(name) => Some(name.clone()),
        ExprKind::Selector { sel, .. } => Some(sel.name.clone()),
        ExprKind::Star(x) | ExprKind::Paren(x) => embedded_name(x),
        ExprKind::Index { x, .. } => embedded_name(x),
        _ => None,
    }
}
