//! Expressions: names, literals, unary operators, dereference and address-of, receives,
//! type assertions and function literals, and the dispatch to the other expression
//! modules (binary operators in `binary`, selectors/indexing/slicing in `access`, calls in
//! `call`, composite literals in `composite`; untyped conversion and assignability are in
//! `operand`).
//!
//! Every checked expression is recorded (`Checker::record_operand`). Invariant: an
//! operand that is invalid has been reported once, and nothing built on it reports again.

use crate::ast::{self, ExprKind, UnaryOp};

use super::checker::{Checker, key};
use super::constops;
use super::error::TypeError;
use super::object::ObjectKind;
use super::operand::{Mode, Operand};
use super::predicates;
use super::types::{Type, TypeId};

impl<'a> Checker<'a> {
    /// A single-valued expression.
    pub fn expr<'e>(&mut self, e: &'e ast::Expr) -> Operand<'e> {
        let mut x = self.raw_expr(e, None);
        self.single_value(&mut x);
        x
    }

    /// A single value, with a type hint for an elided composite literal type.
    pub fn expr_with_hint<'e>(&mut self, e: &'e ast::Expr, hint: Option<TypeId>) -> Operand<'e> {
        let mut x = self.raw_expr(e, hint);
        self.single_value(&mut x);
        x
    }

    /// Any expression: value, type, builtin, package or multi-value call.
    pub fn raw_expr<'e>(&mut self, e: &'e ast::Expr, hint: Option<TypeId>) -> Operand<'e> {
        let x = self.expr_kind(e, hint);
        self.record_operand(&x);
        x
    }

    fn expr_kind<'e>(&mut self, e: &'e ast::Expr, hint: Option<TypeId>) -> Operand<'e> {
        match &e.kind {
            ExprKind::Ident(_) => self.ident(e),
            ExprKind::Lit(lit) => {
                let (v, kind) = constops::literal(lit);
                Operand::new(Mode::Constant(v), self.types.basic(kind), e)
            }
            ExprKind::Composite { ty, elts } => self.composite(e, ty.as_deref(), elts, hint),
            ExprKind::FuncLit { sig, body } => self.func_lit(e, sig, body),
            ExprKind::Paren(x) => {
                let inner = self.raw_expr(x, hint);
                Operand { expr: e, ..inner }
            }
            ExprKind::Selector { x, sel } => self.selector(e, x, sel),
            ExprKind::Index { x, indices } => self.index(e, x, indices),
            ExprKind::Slice { x, lo, hi, max, .. } => self.slice_expr(e, x, [lo, hi, max]),
            ExprKind::TypeAssert { x, ty } => self.type_assert(e, x, ty.as_deref()),
            ExprKind::Call { func, args, spread } => self.call(e, func, args, *spread),
            ExprKind::Star(x) => self.star(e, x),
            ExprKind::Unary { op, x } => self.unary(e, *op, x),
            ExprKind::Binary { op, x, y } => self.binary(e, *op, x, y),
            ExprKind::Bad => Operand::invalid(e),
            _ => {
                let ty = self.type_expr(e);
                Operand::new(Mode::TypeExpr, ty, e)
            }
        }
    }

    /// Looks up a name (or a qualified name `pkg.Name`) and reports `undefined: x`.
    /// Checks the object's declaration first if it is a package-level object not yet done.
    pub fn resolve_name(&mut self, e: &ast::Expr) -> Option<super::types::ObjectId> {
        match &e.kind {
            ExprKind::Ident(name) => {
                if name == "_" {
                    self.error(TypeError::BlankAsValue { span: e.span });
                    return None;
                }
                let Some((_, obj)) = self.scopes.lookup(self.scope, name) else {
                    self.error(TypeError::Undefined {
                        name: name.to_string(),
                        span: e.span,
                    });
                    return None;
                };
                self.record_use(e, obj);
                self.obj_decl(obj);
                Some(obj)
            }
            ExprKind::Selector { x, sel } => {
                let ExprKind::Ident(pkg_name) = &x.kind else {
                    return None;
                };
                let (_, pkg_obj) = self.scopes.lookup(self.scope, pkg_name)?;
                let ObjectKind::PkgName(pkg) = self.objects.get(pkg_obj).kind else {
                    return None;
                };
                self.used.insert(pkg_obj);
                self.record_use(x, pkg_obj);
                self.qualified(e, pkg, pkg_name, sel)
            }
            _ => None,
        }
    }

    fn qualified(
        &mut self,
        e: &ast::Expr,
        pkg: super::object::PackageId,
        pkg_name: &str,
        sel: &ast::Ident,
    ) -> Option<super::types::ObjectId> {
        let scope = self.packages.get(pkg.0 as usize)?.scope;
        let found = self
            .scopes
            .get(scope)
            .get(&sel.name)
            .filter(|&o| self.objects.get(o).is_exported());
        let Some(obj) = found else {
            let name = format!("{pkg_name}.{}", sel.name);
            self.error(TypeError::Undefined {
                name,
                span: sel.span,
            });
            return None;
        };
        self.record_use(e, obj);
        Some(obj)
    }

    fn ident<'e>(&mut self, e: &'e ast::Expr) -> Operand<'e> {
        let Some(obj) = self.resolve_name(e) else {
            return Operand::invalid(e);
        };
        self.object_operand(e, obj)
    }

    /// The operand a resolved object gives.
    pub fn object_operand<'e>(
        &mut self,
        e: &'e ast::Expr,
        obj: super::types::ObjectId,
    ) -> Operand<'e> {
        let o = self.objects.get(obj);
        let ty = o.ty;
        match o.kind.clone() {
            ObjectKind::Var(_) => {
                self.used.insert(obj);
                self.note_reference(obj);
                Operand::new(Mode::Variable, ty, e)
            }
            ObjectKind::Const if obj == self.universe.iota => match self.iota.clone() {
                Some(v) => Operand::new(Mode::Constant(v), TypeId::UNTYPED_INT, e),
                None => {
                    self.error_at(e.span, "cannot use iota outside constant declaration");
                    Operand::invalid(e)
                }
            },
            ObjectKind::Const => match self.consts.get(&obj).cloned() {
                Some(v) => Operand::new(Mode::Constant(v), ty, e),
                None => Operand::invalid(e),
            },
            ObjectKind::TypeName => Operand::new(Mode::TypeExpr, ty, e),
            ObjectKind::Func { .. } => {
                self.note_reference(obj);
                Operand::new(Mode::Value, ty, e)
            }
            ObjectKind::PkgName(p) => {
                self.used.insert(obj);
                Operand::new(Mode::Package(p), TypeId::INVALID, e)
            }
            ObjectKind::Builtin(b) => Operand::new(Mode::Builtin(b), TypeId::INVALID, e),
            ObjectKind::Nil => Operand::new(Mode::Value, TypeId::UNTYPED_NIL, e),
            ObjectKind::Label => Operand::invalid(e),
        }
    }

    fn star<'e>(&mut self, e: &'e ast::Expr, inner: &'e ast::Expr) -> Operand<'e> {
        let x = self.raw_expr(inner, None);
        match x.mode {
            Mode::Invalid => Operand::invalid(e),
            Mode::TypeExpr => {
                let ty = self.types.pointer(x.ty);
                Operand::new(Mode::TypeExpr, ty, e)
            }
            _ => {
                if x.ty == TypeId::UNTYPED_NIL {
                    self.invalid_op(e.span, "cannot indirect nil");
                    return Operand::invalid(e);
                }
                let core = predicates::core_type(&self.types, x.ty);
                match core.map(|c| self.types.get(c).clone()) {
                    Some(Type::Pointer(elem)) => Operand::new(Mode::Variable, elem, e),
                    _ => {
                        let d = self.operand_str(&x);
                        self.invalid_op(e.span, format!("cannot indirect {d}"));
                        Operand::invalid(e)
                    }
                }
            }
        }
    }

    fn unary<'e>(&mut self, e: &'e ast::Expr, op: UnaryOp, inner: &'e ast::Expr) -> Operand<'e> {
        match op {
            UnaryOp::Addr => return self.address_of(e, inner),
            UnaryOp::Recv => return self.receive(e, inner),
            _ => {}
        }
        let x = self.expr(inner);
        if x.is_invalid() {
            return Operand::invalid(e);
        }
        let ok = match op {
            UnaryOp::Pos | UnaryOp::Neg => predicates::is_numeric(&self.types, x.ty),
            UnaryOp::Not => predicates::is_boolean(&self.types, x.ty),
            _ => predicates::is_integer(&self.types, x.ty),
        };
        if !ok {
            let text = match op {
                UnaryOp::Pos => "+",
                UnaryOp::Neg => "-",
                UnaryOp::Not => "!",
                _ => "^",
            };
            let d = self.operand_str(&x);
            self.invalid_op(e.span, format!("operator {text} not defined on {d}"));
            return Operand::invalid(e);
        }
        if let Some(v) = x.value() {
            let kind = self.types.basic_kind(x.ty);
            let bits = kind.filter(|b| b.is_unsigned()).and_then(|b| b.bits());
            if let Some(res) = constops::unary(op, v, bits) {
                return self.typed_constant(e, res, x.ty);
            }
        }
        Operand::new(Mode::Value, x.ty, e)
    }

    /// A constant result of type `ty`; a typed constant must be representable.
    pub fn typed_constant<'e>(
        &mut self,
        e: &'e ast::Expr,
        v: constops::Value,
        ty: TypeId,
    ) -> Operand<'e> {
        if predicates::is_untyped(&self.types, ty) {
            return Operand::new(Mode::Constant(v), ty, e);
        }
        match self
            .types
            .basic_kind(ty)
            .map(|b| constops::represent(&v, b))
        {
            Some(Ok(v)) => Operand::new(Mode::Constant(v), ty, e),
            Some(Err(_)) => {
                let (vs, ts) = (constops::display(&v), self.type_str(ty));
                self.error_at(e.span, format!("constant {vs} overflows {ts}"));
                Operand::invalid(e)
            }
            None => Operand::new(Mode::Value, ty, e),
        }
    }

    fn address_of<'e>(&mut self, e: &'e ast::Expr, inner: &'e ast::Expr) -> Operand<'e> {
        let x = self.expr(inner);
        if x.is_invalid() {
            return Operand::invalid(e);
        }
        let mut target = inner;
        while let ExprKind::Paren(p) = &target.kind {
            target = p;
        }
        if x.mode != Mode::Variable && !matches!(target.kind, ExprKind::Composite { .. }) {
            let d = self.operand_str(&x);
            self.invalid_op(e.span, format!("cannot take address of {d}"));
            return Operand::invalid(e);
        }
        let ty = self.types.pointer(x.ty);
        Operand::new(Mode::Value, ty, e)
    }

    fn receive<'e>(&mut self, e: &'e ast::Expr, inner: &'e ast::Expr) -> Operand<'e> {
        let x = self.expr(inner);
        if x.is_invalid() {
            return Operand::invalid(e);
        }
        let core = predicates::core_type(&self.types, x.ty).map(|c| self.types.get(c).clone());
        match core {
            Some(Type::Chan {
                dir: ast::ChanDir::Send,
                ..
            }) => {
                let d = self.operand_str(&x);
                self.invalid_op(e.span, format!("cannot receive from send-only channel {d}"));
                Operand::invalid(e)
            }
            Some(Type::Chan { elem, .. }) => Operand::new(Mode::CommaOk, elem, e),
            _ => {
                let d = self.operand_str(&x);
                self.invalid_op(e.span, format!("cannot receive from non-channel {d}"));
                Operand::invalid(e)
            }
        }
    }

    fn type_assert<'e>(
        &mut self,
        e: &'e ast::Expr,
        inner: &'e ast::Expr,
        ty: Option<&'e ast::Expr>,
    ) -> Operand<'e> {
        let x = self.expr(inner);
        let Some(ty) = ty else {
            self.error_at(
                e.span,
                "invalid syntax tree: use of .(type) outside type switch",
            );
            return Operand::invalid(e);
        };
        let t = self.type_expr(ty);
        if x.is_invalid() || t == TypeId::INVALID {
            return Operand::invalid(e);
        }
        if !predicates::is_interface(&self.types, x.ty)
            || predicates::is_type_param(&self.types, x.ty)
        {
            let d = self.operand_str(&x);
            self.invalid_op(inner.span, format!("{d} is not an interface"));
            return Operand::invalid(e);
        }
        Operand::new(Mode::CommaOk, t, e)
    }

    fn func_lit<'e>(
        &mut self,
        e: &'e ast::Expr,
        sig: &'e ast::FuncSig,
        body: &'e ast::Block,
    ) -> Operand<'e> {
        let s = self.signature(sig);
        let ty = self.types.func(s);
        let info = super::info::FuncInfo {
            span: e.span,
            lit: Some(key(e)),
            ..Default::default()
        };
        self.check_func(info, ty, None, sig, body);
        Operand::new(Mode::Value, ty, e)
    }
}
