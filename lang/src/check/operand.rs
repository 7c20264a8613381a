//! Operands: the result of checking one expression (go/types' `operand`), and the rules
//! that turn an operand into a value of a given type (untyped constant conversion,
//! assignability with Go's messages, recording implicit interface conversions).
//!
//! This module does not check expressions (`expr`); it only judges and converts their
//! results. Invariant: an operand in [`Mode::Invalid`] has already been reported, and
//! every function here accepts it silently.

use crate::ast::{self, ExprKind};

use super::assign;
use super::checker::{Checker, key};
use super::constops::{self, Value};
use super::error::TypeError;
use super::info::ExprMode;
use super::object::{Builtin, PackageId};
use super::predicates;
use super::types::{Basic, Type, TypeId};
use super::typestr::TypeFmt;

/// What an operand is (go/types' operand modes).
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Mode {
    Invalid,
    NoValue,
    Builtin(Builtin),
    TypeExpr,
    Constant(Value),
    Variable,
    MapIndex,
    Value,
    CommaOk,
    Package(PackageId),
}

#[derive(Clone, Debug)]
pub(crate) struct Operand<'e> {
    pub mode: Mode,
    pub ty: TypeId,
    pub expr: &'e ast::Expr,
}

impl<'e> Operand<'e> {
    pub fn invalid(expr: &'e ast::Expr) -> Operand<'e> {
        Operand {
            mode: Mode::Invalid,
            ty: TypeId::INVALID,
            expr,
        }
    }

    pub fn new(mode: Mode, ty: TypeId, expr: &'e ast::Expr) -> Operand<'e> {
        Operand { mode, ty, expr }
    }

    pub fn is_invalid(&self) -> bool {
        self.mode == Mode::Invalid
            || self.ty == TypeId::INVALID
                && !matches!(self.mode, Mode::Builtin(_) | Mode::Package(_))
    }

    pub fn is_constant(&self) -> bool {
        matches!(self.mode, Mode::Constant(_))
    }

    pub fn value(&self) -> Option<&Value> {
        match &self.mode {
            Mode::Constant(v) => Some(v),
            _ => None,
        }
    }
}

/// The side-table mode of an operand.
pub(crate) fn exported_mode(mode: &Mode) -> Option<ExprMode> {
    Some(match mode {
        Mode::Invalid => return None,
        Mode::NoValue => ExprMode::NoValue,
        Mode::Builtin(b) => ExprMode::Builtin(*b),
        Mode::TypeExpr => ExprMode::Type,
        Mode::Constant(v) => ExprMode::Constant(v.clone()),
        Mode::Variable => ExprMode::Variable,
        Mode::MapIndex => ExprMode::MapIndex,
        Mode::Value => ExprMode::Value,
        Mode::CommaOk => ExprMode::CommaOk,
        Mode::Package(p) => ExprMode::Package(*p),
    })
}

impl<'a> Checker<'a> {
    /// Records an operand in the side tables.
    pub fn record_operand(&mut self, x: &Operand<'_>) {
        match exported_mode(&x.mode) {
            Some(mode) => self.record(x.expr, mode, x.ty),
            None => self.record(x.expr, ExprMode::Value, TypeId::INVALID),
        }
    }

    /// types2's operand description: `x (variable of type int)`, `"two" (untyped string
    /// constant)`, `c (untyped int constant 300)`, `f() (value of struct type T)`.
    pub fn operand_str(&self, x: &Operand<'_>) -> String {
        let expr = self.expr_str(x.expr);
        let untyped = predicates::is_untyped(&self.types, x.ty);
        let mut out = format!("{expr} (");
        let has_type = !matches!(
            x.mode,
            Mode::Invalid | Mode::NoValue | Mode::Builtin(_) | Mode::TypeExpr
        ) && !untyped;
        if untyped && !matches!(x.mode, Mode::TypeExpr) {
            out.push_str(self.types.basic_kind(x.ty).map_or("", Basic::name));
            out.push(' ');
        }
        out.push_str(mode_name(&x.mode, x.ty));
        if let Mode::Constant(v) = &x.mode {
            let s = constops::display(v);
            if s != expr {
                out.push(' ');
                out.push_str(&s);
            }
        }
        if has_type && x.ty != TypeId::UNTYPED_NIL {
            out.push_str(" of ");
            out.push_str(&self.type_kind_prefix(x.ty));
            out.push_str("type ");
            out.push_str(&self.type_str(x.ty));
        }
        out.push(')');
        out
    }

    /// `struct ` for a defined struct type, `int ` for a defined integer type: Go 1.24+
    /// describes the structure of defined types in operand descriptions.
    fn type_kind_prefix(&self, ty: TypeId) -> String {
        if !matches!(self.types.get(ty), Type::Named(_)) {
            return String::new();
        }
        let kind = match self.types.get(self.types.underlying(ty)) {
            Type::Basic(b) => b.name(),
            Type::Pointer(_) => "pointer",
            Type::Slice(_) => "slice",
            Type::Array { .. } => "array",
            Type::Map { .. } => "map",
            Type::Chan { .. } => "chan",
            Type::Struct(_) => "struct",
            Type::Func(_) => "func",
            Type::Interface(_) => "interface",
            _ => return String::new(),
        };
        format!("{kind} ")
    }

    /// Makes `x` a value of type `target` as an assignment does, reporting Go's
    /// `cannot use x (...) as T value in <context>` when it cannot be.
    pub fn assignment(&mut self, x: &mut Operand<'_>, target: TypeId, context: &str) -> bool {
        if x.is_invalid() || target == TypeId::INVALID {
            return true;
        }
        if !self.single_value(x) {
            return false;
        }
        if predicates::is_untyped(&self.types, x.ty) {
            if !self.convert_untyped_for_assign(x, target, context) {
                return false;
            }
            if x.is_invalid() {
                return false;
            }
        }
        match assign::assignable(&mut self.types, &self.objects, x.ty, target) {
            Ok(()) => {
                self.note_implicit(x, target);
                true
            }
            Err(why) => {
                let names = |p| self.package_name(p);
                let fmt = TypeFmt::message(&self.types, &self.objects, &names, Some(self.pkg));
                let reason = why.cause(&fmt, x.ty, target);
                let (operand, target_s) = (self.operand_str(x), self.type_str(target));
                let context = context.to_string();
                self.error(TypeError::CannotUse {
                    operand,
                    target: target_s,
                    context,
                    reason,
                    span: x.expr.span,
                });
                x.mode = Mode::Invalid;
                false
            }
        }
    }

    /// Records that a non-interface value is boxed into the interface type `target`.
    pub fn note_implicit(&mut self, x: &Operand<'_>, target: TypeId) {
        if predicates::is_interface(&self.types, target)
            && !predicates::is_interface(&self.types, x.ty)
        {
            self.info.implicit.insert(key(x.expr), target);
        }
    }

    fn convert_untyped_for_assign(
        &mut self,
        x: &mut Operand<'_>,
        target: TypeId,
        context: &str,
    ) -> bool {
        let target_is_untyped = predicates::is_untyped(&self.types, target);
        let concrete = if predicates::is_interface(&self.types, target) || target_is_untyped {
            if x.ty == TypeId::UNTYPED_NIL {
                if target_is_untyped {
                    self.error_at(x.expr.span, format!("use of untyped nil in {context}"));
                    return false;
                }
                x.ty = target;
                self.update_expr_type(x.expr, target);
                return true;
            }
            predicates::default_type(&self.types, x.ty)
        } else {
            target
        };
        self.convert_untyped(x, concrete, Some(context))
    }

    /// Converts an untyped operand to `target` (a typed type, or an interface meaning its
    /// default type); reports overflow and kind mismatches.
    pub fn convert_untyped(
        &mut self,
        x: &mut Operand<'_>,
        target: TypeId,
        context: Option<&str>,
    ) -> bool {
        if x.is_invalid() || !predicates::is_untyped(&self.types, x.ty) || target == TypeId::INVALID
        {
            return true;
        }
        if x.ty == TypeId::UNTYPED_NIL {
            if predicates::has_nil(&self.types, target) {
                x.ty = target;
                self.update_expr_type(x.expr, target);
                return true;
            }
            let t = self.type_str(target);
            let ctx = context.map(|c| format!(" in {c}")).unwrap_or_default();
            self.error_at(x.expr.span, format!("cannot use nil as {t} value{ctx}"));
            x.mode = Mode::Invalid;
            return false;
        }
        let target = if predicates::is_interface(&self.types, target)
            && !predicates::is_type_param(&self.types, target)
        {
            predicates::default_type(&self.types, x.ty)
        } else {
            target
        };
        let basic = self.basic_target(target);
        if let (Some(b), Some(v)) = (basic, x.value().cloned()) {
            if self.represent_value(x, &v, b, target, context).is_err() {
                return false;
            }
        } else if let Some(b) = basic {
            let kind = self.types.basic_kind(x.ty).unwrap_or(Basic::Invalid);
            if !assign::untyped_kind_fits(kind, b) {
                return self.untyped_mismatch(x, target, context);
            }
        } else if !predicates::is_type_param(&self.types, target) {
            return self.untyped_mismatch(x, target, context);
        }
        x.ty = target;
        self.update_expr_type(x.expr, target);
        true
    }

    /// The basic kind a constant of `target` is represented in (a type parameter's core
    /// basic type counts).
    fn basic_target(&self, target: TypeId) -> Option<Basic> {
        match self.types.get(self.types.underlying(target)) {
            Type::Basic(b) => Some(*b),
            _ => None,
        }
    }

    fn represent_value(
        &mut self,
        x: &mut Operand<'_>,
        v: &Value,
        b: Basic,
        target: TypeId,
        context: Option<&str>,
    ) -> Result<(), ()> {
        let kind = self.types.basic_kind(x.ty).unwrap_or(Basic::Invalid);
        if !assign::untyped_kind_fits(kind, b) {
            self.untyped_mismatch(x, target, context);
            return Err(());
        }
        match constops::represent(v, b) {
            Ok(v) => {
                x.mode = Mode::Constant(v);
                Ok(())
            }
            Err(overflow) => {
                let why = if overflow {
                    "(overflows)"
                } else {
                    "(truncated)"
                };
                let operand = self.operand_str(x);
                let t = self.type_str(target);
                match context {
                    Some(c) => self.error(TypeError::CannotUse {
                        operand,
                        target: t,
                        context: c.to_string(),
                        reason: why.to_string(),
                        span: x.expr.span,
                    }),
                    None => {
                        let s = self.expr_str(x.expr);
                        let verb = if overflow {
                            "overflows"
                        } else {
                            "truncated to"
                        };
                        self.error_at(
                            x.expr.span,
                            format!(
                                "{s} ({operand_kind}) {verb} {t}",
                                operand_kind = kind.name()
                            ),
                        );
                    }
                }
                x.mode = Mode::Invalid;
                Err(())
            }
        }
    }

    fn untyped_mismatch(
        &mut self,
        x: &mut Operand<'_>,
        target: TypeId,
        context: Option<&str>,
    ) -> bool {
        let operand = self.operand_str(x);
        let t = self.type_str(target);
        match context {
            Some(c) => self.error(TypeError::CannotUse {
                operand,
                target: t,
                context: c.to_string(),
                reason: String::new(),
                span: x.expr.span,
            }),
            None => self.error_at(x.expr.span, format!("cannot convert {operand} to type {t}")),
        }
        x.mode = Mode::Invalid;
        false
    }

    /// Rewrites the recorded type of an untyped expression (and of the untyped operands it
    /// was computed from) once its final type is known.
    pub fn update_expr_type(&mut self, expr: &ast::Expr, ty: TypeId) {
        let k = key(expr);
        let basic = self.basic_target(ty);
        let Some(tv) = self.info.exprs.get_mut(&k) else {
            return;
        };
        if !predicates::is_untyped(&self.types, tv.ty) {
            return;
        }
        tv.ty = ty;
        if let (ExprMode::Constant(v), Some(b)) = (&tv.mode, basic)
            && let Ok(v) = constops::represent(v, b)
        {
            tv.mode = ExprMode::Constant(v);
        }
        match &expr.kind {
            ExprKind::Paren(x) => self.update_expr_type(x, ty),
            ExprKind::Unary { x, .. } => self.update_expr_type(x, ty),
            ExprKind::Binary { op, x, y } => {
                if op.precedence() == 3 {
                    return;
                }
                self.update_expr_type(x, ty);
                if !matches!(op, ast::BinaryOp::Shl | ast::BinaryOp::Shr) {
                    self.update_expr_type(y, ty);
                }
            }
            _ => {}
        }
    }

    /// Reports a non-value operand used where a single value is needed.
    pub fn single_value(&mut self, x: &mut Operand<'_>) -> bool {
        let msg = match &x.mode {
            Mode::NoValue => Some(format!(
                "{} (no value) used as value",
                self.expr_str(x.expr)
            )),
            Mode::TypeExpr => Some(format!(
                "{} (type) is not an expression",
                self.expr_str(x.expr)
            )),
            Mode::Builtin(b) => Some(format!("{} (built-in) must be called", b.name())),
            Mode::Package(_) => Some(format!(
                "use of package {} without selector",
                self.expr_str(x.expr)
            )),
            _ => None,
        };
        if let Some(msg) = msg {
            self.error_at(x.expr.span, msg);
            x.mode = Mode::Invalid;
            return false;
        }
        if let Type::Tuple(_) = self.types.get(x.ty) {
            let (s, t) = (self.expr_str(x.expr), self.type_str(x.ty));
            self.error_at(
                x.expr.span,
                format!("multiple-value {s} (value of type {t}) in single-value context"),
            );
            x.mode = Mode::Invalid;
            return false;
        }
        true
    }

    /// The default type of an untyped operand, applied (for `x := 1`, `var x = 1.5`).
    pub fn default_operand(&mut self, x: &mut Operand<'_>) {
        if predicates::is_untyped(&self.types, x.ty) && x.ty != TypeId::UNTYPED_NIL {
            let t = predicates::default_type(&self.types, x.ty);
            self.convert_untyped(x, t, None);
        }
    }
}

fn mode_name(mode: &Mode, ty: TypeId) -> &'static str {
    match mode {
        Mode::Invalid => "invalid operand",
        Mode::NoValue => "no value",
        Mode::Builtin(_) => "built-in",
        Mode::TypeExpr => "type",
        Mode::Constant(_) => "constant",
        Mode::Variable => "variable",
        Mode::MapIndex => "map index expression",
        Mode::Value if ty == TypeId::UNTYPED_NIL => "value",
        Mode::Value => "value",
        Mode::CommaOk => "comma, ok expression",
        Mode::Package(_) => "package",
    }
}
