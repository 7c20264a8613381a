//! Selectors, indexing and slicing: `x.f`, `pkg.Name`, `T.Method`, `x[i]`, `m[k]`,
//! `f[int]`, `List[int]`, `s[lo:hi:max]`.
//!
//! Field and method lookup itself is `lookup`'s; this module decides the operand mode
//! (addressable or not), records selections and reports Go's messages. Invariant: a
//! selection is recorded for every field or method selector that resolves.

use crate::ast::{self, ExprKind};

use super::checker::{Checker, key};
use super::constops;
use super::error::TypeError;
use super::info::{Instance, Selection, SelectionKind};
use super::lookup::{self, FoundKind, LookupResult};
use super::object::ObjectKind;
use super::operand::{Mode, Operand};
use super::predicates;
use super::types::{Signature, Type, TypeId};

impl<'a> Checker<'a> {
    pub fn selector<'e>(
        &mut self,
        e: &'e ast::Expr,
        x: &'e ast::Expr,
        sel: &'e ast::Ident,
    ) -> Operand<'e> {
        if let ExprKind::Ident(name) = &x.kind {
            let pkg = self.scopes.lookup(self.scope, name).map(|(_, o)| o);
            if let Some(obj) =
                pkg.filter(|&o| matches!(self.objects.get(o).kind, ObjectKind::PkgName(_)))
            {
                self.record(
                    x,
                    super::info::ExprMode::Package(pkg_of(&self.objects.get(obj).kind)),
                    TypeId::INVALID,
                );
                let Some(target) = self.resolve_name(e) else {
                    return Operand::invalid(e);
                };
                return self.object_operand(e, target);
            }
        }
        let base = self.raw_expr(x, None);
        if base.is_invalid() {
            return Operand::invalid(e);
        }
        if base.mode == Mode::TypeExpr {
            return self.method_expr(e, &base, sel);
        }
        let mut base = base;
        if !self.single_value(&mut base) {
            return Operand::invalid(e);
        }
        self.field_or_method(e, &base, sel)
    }

    /// `x.f` on a value: a field (addressable when `x` is, or through a pointer) or a
    /// method value.
    fn field_or_method<'e>(
        &mut self,
        e: &'e ast::Expr,
        base: &Operand<'_>,
        sel: &ast::Ident,
    ) -> Operand<'e> {
        let addressable = base.mode == Mode::Variable;
        let res = lookup::lookup_field_or_method(
            &mut self.types,
            &self.objects,
            base.ty,
            addressable,
            Some(self.pkg),
            &sel.name,
        );
        match res {
            LookupResult::Found(found) => {
                let kind = if found.kind == FoundKind::Field {
                    SelectionKind::Field
                } else {
                    SelectionKind::Method
                };
                if kind == SelectionKind::Method {
                    self.note_reference(found.obj);
                }
                let mode = match kind {
                    SelectionKind::Field if addressable || found.indirect => Mode::Variable,
                    _ => Mode::Value,
                };
                let sel_info = Selection {
                    kind,
                    path: found.path,
                    indirect: found.indirect,
                    obj: found.obj,
                    ty: found.ty,
                };
                self.info.selections.insert(key(e), sel_info);
                Operand::new(mode, found.ty, e)
            }
            LookupResult::NotAddressable(found) => {
                let (t, name) = (
                    self.type_str(base.ty),
                    self.objects.get(found.obj).name.clone(),
                );
                self.error_at(
                    sel.span,
                    format!("cannot call pointer method {name} on {t}"),
                );
                Operand::invalid(e)
            }
            LookupResult::Ambiguous => {
                let s = self.expr_str(e);
                self.error_at(sel.span, format!("ambiguous selector {s}"));
                Operand::invalid(e)
            }
            LookupResult::NotFound => {
                let (selector, t) = (self.expr_str(e), self.type_str(base.ty));
                let detail = format!("type {t} has no field or method {}", sel.name);
                self.error(TypeError::MissingMember {
                    selector,
                    detail,
                    span: sel.span,
                });
                Operand::invalid(e)
            }
        }
    }

    /// `T.M` or `(*T).M`: a function taking the receiver first.
    fn method_expr<'e>(
        &mut self,
        e: &'e ast::Expr,
        base: &Operand<'e>,
        sel: &ast::Ident,
    ) -> Operand<'e> {
        let res = lookup::lookup_field_or_method(
            &mut self.types,
            &self.objects,
            base.ty,
            true,
            Some(self.pkg),
            &sel.name,
        );
        let found = match res {
            LookupResult::Found(f) | LookupResult::NotAddressable(f)
                if f.kind != FoundKind::Field =>
            {
                f
            }
            _ => {
                let (selector, t) = (self.expr_str(e), self.type_str(base.ty));
                let detail = format!("type {t} has no method {}", sel.name);
                self.error(TypeError::MissingMember {
                    selector,
                    detail,
                    span: sel.span,
                });
                return Operand::invalid(e);
            }
        };
        let Type::Func(sig) = self.types.get(found.ty).clone() else {
            return Operand::invalid(e);
        };
        let mut params = vec![base.ty];
        params.extend(sig.params);
        let ty = self.types.func(Signature {
            params,
            results: sig.results,
            variadic: sig.variadic,
        });
        let selection = Selection {
            kind: SelectionKind::MethodExpr,
            path: found.path,
            indirect: found.indirect,
            obj: found.obj,
            ty,
        };
        self.info.selections.insert(key(e), selection);
        Operand::new(Mode::Value, ty, e)
    }

    pub fn index<'e>(
        &mut self,
        e: &'e ast::Expr,
        x: &'e ast::Expr,
        indices: &'e [ast::Expr],
    ) -> Operand<'e> {
        let base = self.raw_expr(x, None);
        if base.is_invalid() {
            for i in indices {
                self.raw_expr(i, None);
            }
            return Operand::invalid(e);
        }
        if base.mode == Mode::TypeExpr {
            let ty = self.instantiated_type(e, x, indices);
            return Operand::new(Mode::TypeExpr, ty, e);
        }
        if let Some(obj) = self.generic_func_of(x) {
            return self.explicit_instance(e, x, obj, indices);
        }
        let [index] = indices else {
            self.error_at(e.span, "unexpected comma; expecting ]");
            return Operand::invalid(e);
        };
        self.index_value(e, base, index)
    }

    fn index_value<'e>(
        &mut self,
        e: &'e ast::Expr,
        base: Operand<'e>,
        index: &'e ast::Expr,
    ) -> Operand<'e> {
        let core = predicates::core_type(&self.types, base.ty).unwrap_or(base.ty);
        let (mode, elem, len) = match self.types.get(core).clone() {
            Type::Basic(b) if b.is_string() => {
                let len = base.value().and_then(|v| {
                    if let constops::Value::Str(s) = v {
                        Some(s.len() as u64)
                    } else {
                        None
                    }
                });
                (Mode::Value, TypeId::BYTE, len)
            }
            Type::Slice(elem) => (Mode::Variable, elem, None),
            Type::Array { len, elem } => {
                let mode = if base.mode == Mode::Variable {
                    Mode::Variable
                } else {
                    Mode::Value
                };
                (mode, elem, Some(len))
            }
            Type::Pointer(p) => match self.types.get(self.types.underlying(p)).clone() {
                Type::Array { len, elem } => (Mode::Variable, elem, Some(len)),
                _ => return self.cannot_index(e, &base),
            },
            Type::Map { key: k, value } => {
                let mut i = self.expr(index);
                self.assignment(&mut i, k, "map index");
                return Operand::new(Mode::MapIndex, value, e);
            }
            _ => return self.cannot_index(e, &base),
        };
        self.index_operand(index, len);
        Operand::new(mode, elem, e)
    }

    fn cannot_index<'e>(&mut self, e: &'e ast::Expr, base: &Operand<'_>) -> Operand<'e> {
        let d = self.operand_str(base);
        self.invalid_op(e.span, format!("cannot index {d}"));
        Operand::invalid(e)
    }

    /// Checks an index: an integer, non-negative, and below `len` when both are known.
    pub fn index_operand(&mut self, index: &ast::Expr, len: Option<u64>) -> Option<i64> {
        let mut i = self.expr(index);
        if i.is_invalid() {
            return None;
        }
        if predicates::is_untyped(&self.types, i.ty) {
            self.convert_untyped(&mut i, TypeId::INT, None);
        }
        if !predicates::is_integer(&self.types, i.ty) {
            let d = self.operand_str(&i);
            self.invalid_arg(index.span, format!("index {d} must be integer"));
            return None;
        }
        let n = i.value().and_then(constops::as_i64)?;
        if n < 0 {
            let d = self.operand_str(&i);
            self.invalid_arg(index.span, format!("index {d} must not be negative"));
            return None;
        }
        if let Some(len) = len
            && n as u64 >= len
        {
            let s = self.expr_str(index);
            self.invalid_arg(index.span, format!("index {s} out of bounds [0:{len}]"));
            return None;
        }
        Some(n)
    }

    pub fn invalid_arg(&mut self, span: crate::span::Span, detail: impl Into<String>) {
        self.error(TypeError::InvalidArg {
            detail: detail.into(),
            span,
        });
    }

    pub fn slice_expr<'e>(
        &mut self,
        e: &'e ast::Expr,
        x: &'e ast::Expr,
        parts: [&'e Option<Box<ast::Expr>>; 3],
    ) -> Operand<'e> {
        let base = self.expr(x);
        let bounds: Vec<&ast::Expr> = parts.iter().filter_map(|p| p.as_deref()).collect();
        if base.is_invalid() {
            bounds.iter().for_each(|b| drop(self.expr(b)));
            return Operand::invalid(e);
        }
        let core = predicates::core_type(&self.types, base.ty).unwrap_or(base.ty);
        let (ty, len) = match self.types.get(core).clone() {
            Type::Basic(b) if b.is_string() => {
                let t = if b.is_untyped() {
                    TypeId::STRING
                } else {
                    base.ty
                };
                (t, None)
            }
            Type::Slice(_) => (base.ty, None),
            Type::Array { len, elem } => {
                if base.mode != Mode::Variable {
                    let d = self.operand_str(&base);
                    self.invalid_op(e.span, format!("{d} (slice of unaddressable value)"));
                    return Operand::invalid(e);
                }
                (self.types.slice(elem), Some(len + 1))
            }
            Type::Pointer(p) => match self.types.get(self.types.underlying(p)).clone() {
                Type::Array { len, elem } => (self.types.slice(elem), Some(len + 1)),
                _ => return self.cannot_slice(e, &base),
            },
            _ => return self.cannot_slice(e, &base),
        };
        for b in bounds {
            self.index_operand(b, len);
        }
        Operand::new(Mode::Value, ty, e)
    }

    fn cannot_slice<'e>(&mut self, e: &'e ast::Expr, base: &Operand<'_>) -> Operand<'e> {
        let d = self.operand_str(base);
        self.error_at(e.span, format!("cannot slice {d}"));
        Operand::invalid(e)
    }

    /// The generic function an expression names (`F` or `pkg.F`), if any.
    pub fn generic_func_of(&self, e: &ast::Expr) -> Option<super::types::ObjectId> {
        let mut e = e;
        while let ExprKind::Paren(x) = &e.kind {
            e = x;
        }
        let obj = self.info.uses.get(&key(e))?;
        self.func_tparams.contains_key(obj).then_some(*obj)
    }

    /// `F[int]` or `F[int, string]`: instantiates a generic function fully (partial
    /// instantiation is completed by inference at the call).
    fn explicit_instance<'e>(
        &mut self,
        e: &'e ast::Expr,
        x: &'e ast::Expr,
        obj: super::types::ObjectId,
        indices: &'e [ast::Expr],
    ) -> Operand<'e> {
        let targs: Vec<TypeId> = indices.iter().map(|i| self.type_expr(i)).collect();
        let tparams = self.func_tparams.get(&obj).cloned().unwrap_or_default();
        if targs.len() < tparams.len() {
            // Partial instantiation: the call infers the rest.
            let ty = self.objects.get(obj).ty;
            return Operand::new(Mode::Value, ty, e);
        }
        if targs.len() > tparams.len() {
            let s = self.expr_str(x);
            self.error_at(
                e.span,
                format!(
                    "got {} type arguments but {s} has {} type parameters",
                    targs.len(),
                    tparams.len()
                ),
            );
            return Operand::invalid(e);
        }
        if targs.contains(&TypeId::INVALID)
            || !self.check_constraints(&tparams, &targs, indices, e.span)
        {
            return Operand::invalid(e);
        }
        let sig = self.objects.get(obj).ty;
        let ty = super::generic::instantiate_signature(&mut self.types, sig, &tparams, &targs);
        self.info.instances.insert(key(x), Instance { targs, ty });
        Operand::new(Mode::Value, ty, e)
    }
}

fn pkg_of(kind: &ObjectKind) -> super::object::PackageId {
    match kind {
        ObjectKind::PkgName(p) => *p,
        _ => unreachable!("filtered to package names"),
    }
}
