//! Calls and conversions: `f(args)`, `f(args...)`, `g(f())` with a multi-value argument,
//! generic calls with type-argument inference, method calls, and conversions `T(x)`.
//! Builtin calls are in `builtin`.
//!
//! This module does not infer type arguments itself (`generic::infer`). Invariant: a
//! call's operand is `NoValue` without results, the result type with one, and a tuple
//! with several.

use crate::ast;

use super::assign;
use super::checker::{Checker, key};
use super::constops;
use super::error::TypeError;
use super::generic;
use super::info::Instance;
use super::operand::{Mode, Operand};
use super::predicates;
use super::types::{Signature, Type, TypeId};

impl<'a> Checker<'a> {
    pub fn call<'e>(
        &mut self,
        e: &'e ast::Expr,
        func: &'e ast::Expr,
        args: &'e [ast::Expr],
        spread: bool,
    ) -> Operand<'e> {
        let f = self.raw_expr(func, None);
        match f.mode {
            Mode::Invalid => {
                self.args(args);
                Operand::invalid(e)
            }
            Mode::TypeExpr => self.conversion(e, f.ty, args),
            Mode::Builtin(b) => self.builtin(e, b, args, spread),
            _ => self.func_call(e, f, args, spread),
        }
    }

    fn args<'e>(&mut self, args: &'e [ast::Expr]) -> Vec<Operand<'e>> {
        args.iter().map(|a| self.raw_expr(a, None)).collect()
    }

    /// The argument operands; a single multi-value call argument is spread into one
    /// operand per result.
    pub fn call_args<'e>(&mut self, args: &'e [ast::Expr]) -> Vec<Operand<'e>> {
        if let [only] = args {
            let x = self.raw_expr(only, None);
            if let Type::Tuple(elems) = self.types.get(x.ty).clone()
                && x.mode != Mode::Invalid
            {
                return elems
                    .into_iter()
                    .map(|t| Operand::new(Mode::Value, t, only))
                    .collect();
            }
            let mut x = x;
            self.single_value(&mut x);
            return vec![x];
        }
        args.iter().map(|a| self.expr(a)).collect()
    }

    fn func_call<'e>(
        &mut self,
        e: &'e ast::Expr,
        f: Operand<'e>,
        args: &'e [ast::Expr],
        spread: bool,
    ) -> Operand<'e> {
        let core = predicates::core_type(&self.types, f.ty).unwrap_or(f.ty);
        let Type::Func(mut sig) = self.types.get(core).clone() else {
            let d = self.operand_str(&f);
            self.invalid_op(e.span, format!("cannot call non-function {d}"));
            self.args(args);
            return Operand::invalid(e);
        };
        let mut operands = self.call_args(args);
        if operands.iter().any(|o| o.is_invalid()) {
            return self.call_result(e, &sig);
        }
        if let Some(obj) = self.generic_func_of(f.expr) {
            match self.infer_call(e, f.expr, obj, &sig, &operands, spread) {
                Some(inst) => sig = inst,
                None => return Operand::invalid(e),
            }
        }
        if self.arity(e, f.expr, &sig, &operands, spread) {
            self.pass_args(f.expr, &sig, &mut operands, spread);
        }
        self.call_result(e, &sig)
    }

    fn call_result<'e>(&mut self, e: &'e ast::Expr, sig: &Signature) -> Operand<'e> {
        match sig.results.as_slice() {
            [] => Operand::new(Mode::NoValue, TypeId::INVALID, e),
            [one] => Operand::new(Mode::Value, *one, e),
            many => {
                let t = self.types.tuple(many.to_vec());
                Operand::new(Mode::Value, t, e)
            }
        }
    }

    /// Infers the type arguments of a generic function call and returns the instantiated
    /// signature.
    fn infer_call(
        &mut self,
        e: &ast::Expr,
        fexpr: &ast::Expr,
        obj: super::types::ObjectId,
        sig: &Signature,
        args: &[Operand<'_>],
        spread: bool,
    ) -> Option<Signature> {
        let tparams = self.func_tparams.get(&obj).cloned().unwrap_or_default();
        let params = generic::infer::params_for_args(&self.types, sig, args.len(), spread);
        let arg_tys: Vec<TypeId> = args.iter().map(|a| a.ty).collect();
        let res = generic::infer(
            &mut self.types,
            &self.objects,
            &tparams,
            &[],
            &params,
            &arg_tys,
        );
        let targs = match res {
            Ok(t) => t,
            Err(err) => {
                let name = self.expr_str(fexpr);
                let msg = match err {
                    generic::InferError::CannotInfer { param } => {
                        let p = self
                            .objects
                            .get(self.types.type_param(param).obj)
                            .name
                            .clone();
                        format!("in call to {name}, cannot infer {p}")
                    }
                    _ => format!("in call to {name}, type arguments could not be inferred"),
                };
                self.error_at(e.span, msg);
                return None;
            }
        };
        if !self.check_constraints(&tparams, &targs, &[], e.span) {
            return None;
        }
        let sig_ty = self.objects.get(obj).ty;
        let inst = generic::instantiate_signature(&mut self.types, sig_ty, &tparams, &targs);
        self.info
            .instances
            .insert(key(fexpr), Instance { targs, ty: inst });
        match self.types.get(inst) {
            Type::Func(s) => Some(s.clone()),
            _ => None,
        }
    }

    /// Reports too few or too many arguments with Go's have/want lists.
    fn arity(
        &mut self,
        e: &ast::Expr,
        fexpr: &ast::Expr,
        sig: &Signature,
        args: &[Operand<'_>],
        spread: bool,
    ) -> bool {
        let n = args.len();
        let want = sig.params.len();
        let ok = if sig.variadic && !spread {
            n + 1 >= want
        } else {
            n == want
        };
        if ok {
            return true;
        }
        let too_many = n > want;
        let have = args
            .iter()
            .map(|a| self.arg_type_str(a))
            .collect::<Vec<_>>()
            .join(", ");
        let want_s = self.params_str(sig);
        let span = if too_many {
            args.get(want).map_or(e.span, |a| a.expr.span)
        } else {
            close_paren(e)
        };
        let func = self.expr_str(fexpr);
        self.error(TypeError::ArgCount {
            too_many,
            func,
            have,
            want: want_s,
            span,
        });
        false
    }

    /// How Go lists an argument in `have (...)`: untyped numeric constants as `number`.
    fn arg_type_str(&self, a: &Operand<'_>) -> String {
        match self.types.basic_kind(a.ty) {
            Some(b) if b.is_untyped() && b.is_numeric() => "number".to_string(),
            Some(b) if b.is_untyped() => b.default_type().name().to_string(),
            _ => self.type_str(a.ty),
        }
    }

    fn params_str(&self, sig: &Signature) -> String {
        let n = sig.params.len();
        let mut parts = Vec::new();
        for (i, &p) in sig.params.iter().enumerate() {
            if sig.variadic && i + 1 == n {
                let elem = match self.types.get(p) {
                    Type::Slice(el) => *el,
                    _ => p,
                };
                parts.push(format!("...{}", self.type_str(elem)));
            } else {
                parts.push(self.type_str(p));
            }
        }
        parts.join(", ")
    }

    fn pass_args(
        &mut self,
        fexpr: &ast::Expr,
        sig: &Signature,
        args: &mut [Operand<'_>],
        spread: bool,
    ) {
        let context = format!("argument to {}", self.expr_str(fexpr));
        let params = if spread {
            sig.params.clone()
        } else {
            param_types(&self.types, sig, args.len())
        };
        for (arg, &p) in args.iter_mut().zip(&params) {
            self.assignment(arg, p, &context);
        }
    }

    /// `T(x)`.
    fn conversion<'e>(
        &mut self,
        e: &'e ast::Expr,
        target: TypeId,
        args: &'e [ast::Expr],
    ) -> Operand<'e> {
        let [arg] = args else {
            let t = self.type_str(target);
            let what = if args.is_empty() {
                "missing argument in"
            } else {
                "too many arguments in"
            };
            self.error_at(e.span, format!("{what} conversion to {t}"));
            self.args(args);
            return Operand::invalid(e);
        };
        let mut x = self.expr(arg);
        if x.is_invalid() || target == TypeId::INVALID {
            return Operand::invalid(e);
        }
        if let (Some(v), true) = (x.value().cloned(), self.is_const_type(target)) {
            if let Some(res) = self.constant_conversion(&mut x, &v, target) {
                return Operand::new(Mode::Constant(res), target, e);
            }
            if x.is_invalid() {
                return Operand::invalid(e);
            }
        }
        if predicates::is_untyped(&self.types, x.ty) {
            let t = if x.ty == TypeId::UNTYPED_NIL {
                target
            } else {
                predicates::default_type(&self.types, x.ty)
            };
            let needs_type = x.ty == TypeId::UNTYPED_NIL
                || predicates::is_interface(&self.types, target)
                || !self.is_const_type(target);
            if needs_type {
                self.convert_untyped(&mut x, t, None);
            }
        }
        if !assign::convertible(&mut self.types, &self.objects, x.ty, target) {
            let (operand, t) = (self.operand_str(&x), self.type_str(target));
            self.error(TypeError::CannotConvert {
                operand,
                target: t,
                reason: String::new(),
                span: arg.span,
            });
            return Operand::invalid(e);
        }
        self.note_implicit(&x, target);
        Operand::new(Mode::Value, target, e)
    }

    /// A constant converted to a constant type: representable, or an integer to string.
    fn constant_conversion(
        &mut self,
        x: &mut Operand<'_>,
        v: &constops::Value,
        target: TypeId,
    ) -> Option<constops::Value> {
        let b = self.types.basic_kind(target)?;
        let from = self.types.basic_kind(x.ty)?;
        if b.is_string() && from.is_integer() {
            return None;
        }
        if b.is_numeric() && from.is_numeric() {
            let v = if b.is_integer() {
                constops::to_int(v)
            } else {
                constops::to_float(v)
            };
            let Some(v) = v else {
                let (operand, t) = (self.operand_str(x), self.type_str(target));
                self.error(TypeError::CannotConvert {
                    operand,
                    target: t,
                    reason: "(truncated)".into(),
                    span: x.expr.span,
                });
                x.mode = Mode::Invalid;
                return None;
            };
            return match constops::represent(&v, b) {
                Ok(v) => {
                    self.update_expr_type(x.expr, target);
                    Some(v)
                }
                Err(_) => {
                    let (operand, t) = (self.operand_str(x), self.type_str(target));
                    self.error(TypeError::CannotConvert {
                        operand,
                        target: t,
                        reason: "(overflows)".into(),
                        span: x.expr.span,
                    });
                    x.mode = Mode::Invalid;
                    None
                }
            };
        }
        if (b.is_string() && from.is_string()) || (b.is_boolean() && from.is_boolean()) {
            self.update_expr_type(x.expr, target);
            return Some(v.clone());
        }
        None
    }
}

/// The parameter type each of `n` arguments is passed to (expanding a variadic tail).
pub(crate) fn param_types(types: &super::types::Types, sig: &Signature, n: usize) -> Vec<TypeId> {
    generic::infer::params_for_args(types, sig, n, false)
}

/// The position of a call's closing parenthesis, where Go reports missing arguments.
fn close_paren(e: &ast::Expr) -> crate::span::Span {
    let end = e.span.end;
    crate::span::Span {
        file: e.span.file,
        start: end.saturating_sub(1),
        end,
    }
}
