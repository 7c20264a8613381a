//! Expressions: names, literals, operators, selectors, indexing and slicing, type
//! assertions and function literals. Calls are in `call`, composite literals in
//! `composite`, untyped conversion and assignability in `operand`.
//!
//! Every checked expression is recorded (`Checker::record_operand`). Invariant: an
//! operand that is invalid has been reported once, and nothing built on it reports again.

use crate::ast::{self, BinaryOp, ExprKind, UnaryOp};

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

    fn binary<'e>(
        &mut self,
        e: &'e ast::Expr,
        op: BinaryOp,
        lhs: &'e ast::Expr,
        rhs: &'e ast::Expr,
    ) -> Operand<'e> {
        let mut x = self.expr(lhs);
        let mut y = self.expr(rhs);
        if x.is_invalid() || y.is_invalid() {
            return Operand::invalid(e);
        }
        if matches!(op, BinaryOp::Shl | BinaryOp::Shr) {
            return self.shift(e, op, x, y);
        }
        let nil_cmp = x.ty == TypeId::UNTYPED_NIL || y.ty == TypeId::UNTYPED_NIL;
        if !self.match_types(&mut x, &mut y) {
            return self.mismatched(e, op, &x, &y);
        }
        if op.precedence() == 3 {
            return self.comparison(e, op, x, y, nil_cmp);
        }
        if !predicates::identical(x.ty, y.ty) {
            return self.mismatched(e, op, &x, &y);
        }
        if !self.op_defined(op, x.ty) {
            let d = self.operand_str(&x);
            self.invalid_op(
                lhs.span,
                format!("operator {} not defined on {d}", op.text()),
            );
            return Operand::invalid(e);
        }
        if matches!(op, BinaryOp::Quo | BinaryOp::Rem) && y.value().is_some_and(is_zero) {
            self.invalid_op(rhs.span, "division by zero");
            return Operand::invalid(e);
        }
        if let (Some(a), Some(b)) = (x.value(), y.value()) {
            let integer = predicates::is_integer(&self.types, x.ty);
            if let Some(v) = constops::binary(op, a, b, integer) {
                return self.typed_constant(e, v, x.ty);
            }
        }
        Operand::new(Mode::Value, x.ty, e)
    }

    fn mismatched<'e>(
        &mut self,
        e: &'e ast::Expr,
        op: BinaryOp,
        x: &Operand<'_>,
        y: &Operand<'_>,
    ) -> Operand<'e> {
        let _ = op;
        let s = self.expr_str(e);
        let (a, b) = (self.type_str(x.ty), self.type_str(y.ty));
        self.invalid_op(e.span, format!("{s} (mismatched types {a} and {b})"));
        Operand::invalid(e)
    }

    fn op_defined(&self, op: BinaryOp, ty: TypeId) -> bool {
        let t = &self.types;
        match op {
            BinaryOp::Add => predicates::is_numeric(t, ty) || predicates::is_string(t, ty),
            BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Quo => predicates::is_numeric(t, ty),
            BinaryOp::Rem | BinaryOp::And | BinaryOp::Or | BinaryOp::Xor | BinaryOp::AndNot => {
                predicates::is_integer(t, ty)
            }
            BinaryOp::LAnd | BinaryOp::LOr => predicates::is_boolean(t, ty),
            _ => true,
        }
    }

    /// Brings two operands to a common type: an untyped side takes the other side's
    /// type; two untyped numeric constants take the larger kind.
    pub fn match_types(&mut self, x: &mut Operand<'_>, y: &mut Operand<'_>) -> bool {
        let (xu, yu) = (
            predicates::is_untyped(&self.types, x.ty),
            predicates::is_untyped(&self.types, y.ty),
        );
        match (xu, yu) {
            (true, false) => self.convert_untyped_operand(x, y.ty),
            (false, true) => self.convert_untyped_operand(y, x.ty),
            (true, true) => {
                let (a, b) = (self.types.basic_kind(x.ty), self.types.basic_kind(y.ty));
                let (Some(a), Some(b)) = (a, b) else {
                    return false;
                };
                if a == b {
                    return true;
                }
                if a.is_numeric() && b.is_numeric() {
                    let wider = if rank(a) >= rank(b) { x.ty } else { y.ty };
                    x.ty = wider;
                    y.ty = wider;
                    return true;
                }
                a == super::types::Basic::UntypedNil || b == super::types::Basic::UntypedNil
            }
            (false, false) => true,
        }
    }

    /// Like `convert_untyped`, but a mismatch is left for the operator's message.
    fn convert_untyped_operand(&mut self, x: &mut Operand<'_>, target: TypeId) -> bool {
        if x.ty == TypeId::UNTYPED_NIL {
            return predicates::has_nil(&self.types, target) && {
                x.ty = target;
                true
            };
        }
        if predicates::is_interface(&self.types, target)
            && !predicates::is_type_param(&self.types, target)
        {
            self.default_operand(x);
            return !x.is_invalid();
        }
        let kind = self
            .types
            .basic_kind(x.ty)
            .unwrap_or(super::types::Basic::Invalid);
        let fits = match self.types.get(self.types.underlying(target)) {
            Type::Basic(b) => super::assign::untyped_kind_fits(kind, *b),
            Type::Interface(_) => predicates::is_type_param(&self.types, target),
            _ => false,
        };
        if !fits {
            return false;
        }
        self.convert_untyped(x, target, None) && !x.is_invalid()
    }

    fn comparison<'e>(
        &mut self,
        e: &'e ast::Expr,
        op: BinaryOp,
        x: Operand<'e>,
        y: Operand<'e>,
        nil_cmp: bool,
    ) -> Operand<'e> {
        let ok_types = super::assign::assignable(&mut self.types, &self.objects, x.ty, y.ty)
            .is_ok()
            || super::assign::assignable(&mut self.types, &self.objects, y.ty, x.ty).is_ok();
        if !ok_types {
            return self.mismatched(e, op, &x, &y);
        }
        let defined = if op == BinaryOp::Eql || op == BinaryOp::Neq {
            nil_cmp
                || predicates::is_comparable(&self.types, x.ty)
                || predicates::is_comparable(&self.types, y.ty)
        } else {
            predicates::is_ordered(&self.types, x.ty)
        };
        if !defined {
            let d = self.operand_str(&x);
            self.invalid_op(
                e.span,
                format!(
                    "{} (operator {} not defined on {d})",
                    self.expr_str(e),
                    op.text()
                ),
            );
            return Operand::invalid(e);
        }
        self.note_implicit(&x, y.ty);
        self.note_implicit(&y, x.ty);
        if let (Some(a), Some(b)) = (x.value(), y.value()) {
            if let Some(res) = constops::compare(op, a, b) {
                return Operand::new(
                    Mode::Constant(constops::Value::Bool(res)),
                    TypeId::UNTYPED_BOOL,
                    e,
                );
            }
        }
        Operand::new(Mode::Value, TypeId::UNTYPED_BOOL, e)
    }

    fn shift<'e>(
        &mut self,
        e: &'e ast::Expr,
        op: BinaryOp,
        x: Operand<'e>,
        mut y: Operand<'e>,
    ) -> Operand<'e> {
        if predicates::is_untyped(&self.types, y.ty) {
            self.convert_untyped(&mut y, TypeId::UINT, None);
        }
        if !predicates::is_integer(&self.types, y.ty) {
            let d = self.operand_str(&y);
            self.invalid_op(y.expr.span, format!("shift count {d} must be integer"));
            return Operand::invalid(e);
        }
        if let (Some(a), Some(n)) = (
            x.value().and_then(constops::to_int),
            y.value().and_then(constops::as_i64),
        ) {
            if n < 0 {
                self.invalid_op(y.expr.span, "negative shift count");
                return Operand::invalid(e);
            }
            let ty = if x.ty == TypeId::UNTYPED_FLOAT {
                TypeId::UNTYPED_INT
            } else {
                x.ty
            };
            if let Some(v) = constops::shift(op, &a, n as u64) {
                return self.typed_constant(e, v, ty);
            }
        }
        if predicates::is_untyped(&self.types, x.ty) {
            // A non-constant shift of an untyped constant stays untyped: the context gives
            // it its type (`var v int64 = 1 << n` shifts an int64), as the spec says.
            let integral = x.value().and_then(constops::to_int).is_some();
            if !integral {
                let d = self.operand_str(&x);
                self.invalid_op(e.span, format!("shifted operand {d} must be integer"));
                return Operand::invalid(e);
            }
            let ty = if x.ty == TypeId::UNTYPED_FLOAT {
                TypeId::UNTYPED_INT
            } else {
                x.ty
            };
            return Operand::new(Mode::Value, ty, e);
        }
        if !predicates::is_integer(&self.types, x.ty) {
            let d = self.operand_str(&x);
            self.invalid_op(e.span, format!("shifted operand {d} must be integer"));
            return Operand::invalid(e);
        }
        Operand::new(Mode::Value, x.ty, e)
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

fn is_zero(v: &constops::Value) -> bool {
    constops::to_float(v).is_some_and(|f| {
        constops::compare(BinaryOp::Eql, &f, &constops::Value::from_f64(0.0)) == Some(true)
    })
}

/// The order of untyped numeric kinds: int < rune < float.
fn rank(b: super::types::Basic) -> u8 {
    match b {
        super::types::Basic::UntypedInt => 1,
        super::types::Basic::UntypedRune => 2,
        super::types::Basic::UntypedFloat => 3,
        _ => 0,
    }
}
