//! Calls: of declared functions (`Call`), natives (`CallNative`), func values
//! (`CallClosure`), methods bound statically or dispatched through an interface
//! (`CallIface`); variadic packing; multi-value results; comma-ok forms; conversions.
//!
//! This module owns the calling convention on the caller's side: arguments (the receiver
//! first) in consecutive registers from a fresh `base` above every live register, results
//! back at `base`. Builtins are `builtin`'s.

use minigo_vm::op::{Op, Reg};

use super::lower::FnCx;
use super::types::{self, Repr};
use crate::ast::{self, ExprKind, UnaryOp};
use crate::check::info::{ExprMode, SelectionKind};
use crate::check::object::ObjectKind;
use crate::check::types::{ObjectId, Signature, Type, TypeId};

/// A call whose window is filled: emitting `op` performs it.
pub struct PreparedCall {
    pub op: Op,
    pub base: Reg,
    pub n_args: usize,
    pub n_results: usize,
    /// The func value called, for `CallClosure`.
    pub closure: Option<Reg>,
}

/// What a call expression calls.
enum Callee<'e> {
    Func(ObjectId),
    Method {
        recv: &'e ast::Expr,
        path: Vec<usize>,
        method: ObjectId,
    },
    Iface {
        recv: &'e ast::Expr,
        path: Vec<usize>,
        index: u8,
    },
    Value(&'e ast::Expr),
    /// A function known statically: an instance of a generic function.
    Static(minigo_vm::op::FuncIdx),
    /// A method of a type parameter's constraint, called on the concrete type `ty` the
    /// parameter stands for: bound statically to that type's method `name`.
    Constraint {
        recv: &'e ast::Expr,
        ty: TypeId,
        name: ast::Name,
    },
}

impl FnCx<'_, '_> {
    pub fn call_into(
        &mut self,
        e: &ast::Expr,
        func: &ast::Expr,
        args: &[ast::Expr],
        spread: bool,
        dst: Reg,
    ) {
        match self.tv(func).map(|tv| tv.mode.clone()) {
            Some(ExprMode::Type) => {
                if let Some(arg) = args.first() {
                    self.convert_into(self.ty(e), arg, dst);
                }
            }
            Some(ExprMode::Builtin(b)) => self.builtin_into(e, b, args, spread, dst),
            _ => {
                let mark = self.b.mark();
                let base = self.emit_call(e, func, args, spread);
                if self.ty(e) != TypeId::INVALID {
                    self.emit(Op::Move { dst, src: base });
                }
                self.b.release(mark);
            }
        }
    }

    /// Evaluates `e` (a call or comma-ok form) with `n` results into consecutive registers.
    pub fn multi_value(&mut self, e: &ast::Expr, n: usize) -> Reg {
        let e = super::expr::strip_parens(e);
        match &e.kind {
            ExprKind::Call { func, args, spread }
                if !matches!(
                    self.tv(func).map(|t| &t.mode),
                    Some(ExprMode::Type | ExprMode::Builtin(_))
                ) =>
            {
                self.emit_call(e, func, args, *spread)
            }
            ExprKind::Index { x, indices } if n == 2 => {
                let dst = self.b.alloc_n(2);
                let (m, key) = (self.expr(x), self.expr(&indices[0]));
                self.emit(Op::MapGetOk { dst, m, key });
                let value_ty = match self.c.tys.get(self.ty(e)) {
                    Type::Tuple(elems) => elems.first().copied().unwrap_or(TypeId::INVALID),
                    _ => self.ty(e),
                };
                self.zero_if_absent(value_ty, dst);
                dst
            }
            ExprKind::TypeAssert { x, .. } if n == 2 => {
                let dst = self.b.alloc_n(2);
                self.assert_into(e, x, dst, true);
                dst
            }
            ExprKind::Unary {
                op: UnaryOp::Recv,
                x,
            } if n == 2 => {
                let dst = self.b.alloc_n(2);
                let ch = self.expr(x);
                self.emit(Op::RecvOk { dst, ch });
                dst
            }
            _ => {
                let dst = self.b.alloc_n(n as u32);
                self.expr_into(e, dst);
                dst
            }
        }
    }

    fn callee<'e>(&self, func: &'e ast::Expr) -> Callee<'e> {
        let func = super::expr::strip_parens(func);
        let key = (func.span.file, func.id);
        if let Some(&obj) = self.c.prog.info.uses.get(&key)
            && matches!(self.c.prog.objects.get(obj).kind, ObjectKind::Func { .. })
        {
            return Callee::Func(obj);
        }
        if let (Some(sel), ExprKind::Selector { x, sel: name }) =
            (self.c.prog.info.selections.get(&key), &func.kind)
            && sel.kind == SelectionKind::Method
        {
            let path = sel.path[..sel.path.len().saturating_sub(1)].to_vec();
            if let Some(ty) = self.constraint_receiver(x) {
                return Callee::Constraint {
                    recv: x,
                    ty,
                    name: name.name.clone(),
                };
            }
            // The predeclared `error`'s `Error` has a receiver too, but it is an interface
            // method and must dispatch dynamically.
            if let ObjectKind::Func {
                recv: Some(recv), ..
            } = self.c.prog.objects.get(sel.obj).kind
                && !matches!(
                    self.c.tys.get(self.c.tys.underlying(recv)),
                    Type::Interface(_)
                )
            {
                return Callee::Method {
                    recv: x,
                    path,
                    method: sel.obj,
                };
            }
            let index = self.iface_method_index(x, &sel.path, &name.name);
            return Callee::Iface {
                recv: x,
                path,
                index,
            };
        }
        Callee::Value(func)
    }

    /// The position of method `name` in the (sorted) method list of the interface reached
    /// from `x` through `path`.
    fn iface_method_index(&self, x: &ast::Expr, path: &[usize], name: &str) -> u8 {
        let mut ty = self.ty(x);
        for &i in &path[..path.len().saturating_sub(1)] {
            ty = self
                .struct_fields(deref(self, ty))
                .get(i)
                .copied()
                .unwrap_or(TypeId::INVALID);
        }
        let types = &self.c.tys;
        match types.get(types.underlying(ty)) {
            Type::Interface(iface) => iface
                .methods
                .iter()
                .position(|m| m.name == name)
                .unwrap_or(0) as u8,
            _ => 0,
        }
    }

    /// Emits a call and returns the register its results start at.
    pub fn emit_call(
        &mut self,
        e: &ast::Expr,
        func: &ast::Expr,
        args: &[ast::Expr],
        spread: bool,
    ) -> Reg {
        match self.prepare_call(e, func, args, spread) {
            Some(call) => {
                self.emit(call.op);
                call.base
            }
            None => self.b.alloc(),
        }
    }

    /// Evaluates the callee and the arguments of a call into its window, and returns the
    /// call instruction to emit (`None` after reporting an unsupported call).
    pub fn prepare_call(
        &mut self,
        e: &ast::Expr,
        func: &ast::Expr,
        args: &[ast::Expr],
        spread: bool,
    ) -> Option<PreparedCall> {
        let generic = self.generic_target(func);
        if generic.is_none()
            && self
                .c
                .prog
                .info
                .instances
                .contains_key(&(func.span.file, func.id))
        {
            self.unsupported("calling a generic function", e.span);
            return None;
        }
        let sig_ty = generic.map_or_else(|| self.ty(func), |(_, sig)| sig);
        let sig = match self.c.tys.get(self.c.tys.underlying(sig_ty)) {
            Type::Func(sig) => sig.clone(),
            _ => Signature {
                params: Vec::new(),
                results: Vec::new(),
                variadic: false,
            },
        };
        let callee = match generic {
            Some((idx, _)) => Callee::Static(idx),
            None => self.callee(func),
        };
        let closure = match callee {
            Callee::Value(f) => Some(self.expr(f)),
            _ => None,
        };
        let has_recv = matches!(
            callee,
            Callee::Method { .. } | Callee::Iface { .. } | Callee::Constraint { .. }
        );
        let n_args = sig.params.len() + usize::from(has_recv);
        let window = n_args.max(sig.results.len());
        let base = self.b.alloc_n(window as u32);
        match &callee {
            Callee::Method { recv, path, method } => {
                _ = self.receiver_into(recv, path, Some(*method), base)
            }
            Callee::Iface { recv, path, .. } => _ = self.receiver_into(recv, path, None, base),
            Callee::Constraint { recv, .. } => _ = self.receiver_into(recv, &[], None, base),
            _ => {}
        }
        let method_func = match &callee {
            Callee::Method { recv, path, method } => {
                let recv_ty = self.receiver_type(recv, path);
                self.c.method_instance(*method, recv_ty)
            }
            Callee::Constraint { ty, name, .. } => self.c.method_func(*ty, name),
            _ => None,
        };
        let first_arg = if has_recv { Reg(base.0 + 1) } else { base };
        self.args_into(&sig, args, spread, first_arg);
        self.b.release(u32::from(base.0) + window as u32);
        let op = match callee {
            Callee::Static(func) => Op::Call { func, base },
            Callee::Constraint { .. } => match method_func {
                Some(func) => Op::Call { func, base },
                None => {
                    self.unsupported("calling this method of a type parameter", e.span);
                    return None;
                }
            },
            Callee::Func(obj) | Callee::Method { method: obj, .. } => {
                match method_func.or_else(|| self.c.func_index.get(&obj).copied()) {
                    Some(func) => Op::Call { func, base },
                    None => match self.c.native_objs.get(&obj) {
                        Some(&native) => Op::CallNative { native, base },
                        None => {
                            self.unsupported("calling this function", e.span);
                            return None;
                        }
                    },
                }
            }
            Callee::Iface { index, .. } => Op::CallIface {
                base,
                method: index,
            },
            Callee::Value(_) => Op::CallClosure {
                callee: closure.unwrap_or(base),
                base,
            },
        };
        Some(PreparedCall {
            op,
            base,
            n_args,
            n_results: sig.results.len(),
            closure,
        })
    }

    /// Puts the receiver of a method value at `R[dst]`.
    pub fn receiver_value(
        &mut self,
        recv: &ast::Expr,
        path: &[usize],
        method: Option<ObjectId>,
        dst: Reg,
    ) -> Reg {
        let r = self.receiver_into(recv, path, method, dst);
        if let Some(method) = method {
            // A method value binds a copy of a value receiver now (`get := c.Get`).
            self.copy_value_receiver(method, r);
        }
        r
    }

    /// For a deferred or `go` call `func(...)` prepared at `base`: copies a struct or
    /// array value receiver now, as Go evaluates the receiver when the statement runs
    /// (`defer t.hello()` prints `t` as it was).
    pub fn copy_deferred_receiver(&mut self, func: &ast::Expr, base: Reg) {
        if let Callee::Method { method, .. } = self.callee(func) {
            self.copy_value_receiver(method, base);
        }
    }

    /// Copies `R[r]`, the receiver of `method`, when the method takes a struct or array by
    /// value.
    fn copy_value_receiver(&mut self, method: ObjectId, r: Reg) {
        if let ObjectKind::Func {
            recv: Some(recv), ..
        } = self.c.prog.objects.get(method).kind
            && !matches!(self.c.tys.get(recv), Type::Pointer(_))
            && types::is_object(&self.c.tys, recv)
        {
            self.copy_object(recv, r, r);
        }
    }

    /// The index of interface method `name` reached from `x` through `path`.
    pub fn iface_index(&self, x: &ast::Expr, path: &[usize], name: &str) -> u8 {
        self.iface_method_index(x, path, name)
    }

    /// Puts the receiver of a method call at `R[base]`; returns `base`.
    fn receiver_into(
        &mut self,
        recv: &ast::Expr,
        path: &[usize],
        method: Option<ObjectId>,
        base: Reg,
    ) -> Reg {
        let mut ty = self.ty(recv);
        for &i in path {
            ty = self
                .struct_fields(deref(self, ty))
                .get(i)
                .copied()
                .unwrap_or(TypeId::INVALID);
        }
        let types = &self.c.tys;
        let ptr_recv = method.is_some_and(|m| match self.c.prog.objects.get(m).kind {
            ObjectKind::Func { recv: Some(r), .. } => matches!(types.get(r), Type::Pointer(_)),
            _ => false,
        });
        let is_ptr = matches!(types.get(types.underlying(ty)), Type::Pointer(_));
        let pointee_object = types::is_object(&self.c.tys, deref(self, ty));
        // A pointer method on an addressable non-struct value takes its address: `c.Inc()`
        // is `(&c).Inc()`.
        let wants_addr = ptr_recv && !is_ptr && !pointee_object;
        if wants_addr && path.is_empty() {
            self.addr_into(recv, base);
            return base;
        }
        self.expr_into(recv, base);
        for (k, &i) in path.iter().enumerate() {
            let field = i as u8;
            self.emit(if wants_addr && k + 1 == path.len() {
                Op::AddrField {
                    dst: base,
                    obj: base,
                    field,
                }
            } else {
                Op::LoadField {
                    dst: base,
                    obj: base,
                    field,
                }
            });
        }
        if method.is_some() && !ptr_recv && is_ptr && !pointee_object {
            // A value method called through a pointer to a non-struct value: `(*p).M()`.
            self.emit(Op::LoadPtr { dst: base, p: base });
        }
        base
    }

    /// Evaluates call arguments into `R[first..]`, packing a variadic tail into a slice.
    fn args_into(&mut self, sig: &Signature, args: &[ast::Expr], spread: bool, first: Reg) {
        let fixed = if sig.variadic && !spread {
            sig.params.len().saturating_sub(1)
        } else {
            args.len()
        };
        let types = &self.c.tys;
        if let [arg] = args
            && let Type::Tuple(results) = types.get(self.ty(arg)).clone()
        {
            self.forward_results(sig, arg, &results, spread, first);
            return;
        }
        for (i, arg) in args.iter().take(fixed).enumerate() {
            let mark = self.b.mark();
            self.expr_into(arg, Reg(first.0 + i as u8));
            self.b.release(mark);
        }
        if sig.variadic && !spread {
            let dst = Reg(first.0 + fixed as u8);
            let slice_ty = sig.params.last().copied().unwrap_or(TypeId::INVALID);
            self.pack_slice(slice_ty, &args[fixed.min(args.len())..], dst);
        }
    }

    /// `R[dst]` = a slice of type `slice_ty` holding `elems` (nil when empty).
    pub fn pack_slice(&mut self, slice_ty: TypeId, elems: &[ast::Expr], dst: Reg) {
        self.emit(Op::LoadInt { dst, imm: 0 });
        let ty = self.c.types.get(self.c.prog, &self.c.tys, slice_ty);
        for elem in elems {
            let mark = self.b.mark();
            let v = self.value_copy(elem);
            self.emit(Op::Append {
                dst,
                s: dst,
                src: v,
                ty,
            });
            self.b.release(mark);
        }
    }

    /// `R[dst]` = `T(arg)` for the conversion to `to`.
    pub fn convert_into(&mut self, to: TypeId, arg: &ast::Expr, dst: Reg) {
        // The checker may record the operand of `any(x)` as implicitly converted already;
        // `expr` then yields that interface value, which must not be boxed a second time
        // (a box whose type says `T` but whose data is another box).
        let from = match self.c.prog.info.implicit.get(&(arg.span.file, arg.id)) {
            Some(&iface) => self.c.sub(iface),
            None => self.ty(arg),
        };
        let mark = self.b.mark();
        let src = self.expr(arg);
        let (fr, tr) = (types::repr(&self.c.tys, from), types::repr(&self.c.tys, to));
        let types = &self.c.tys;
        let elem_of = |t: TypeId| match types.get(types.underlying(t)) {
            Type::Slice(e) => types.basic_kind(*e),
            _ => None,
        };
        use crate::check::types::Basic;
        match (fr, tr) {
            (_, Repr::Interface) => self.box_into_iface(dst, src, from, to),
            (Repr::Int { signed, .. }, Repr::Float { .. }) => {
                self.emit(if signed {
                    Op::IntToFloat { dst, a: src }
                } else {
                    Op::UintToFloat { dst, a: src }
                });
                self.normalize(tr, dst);
            }
            (Repr::Float { .. }, Repr::Int { signed, .. }) => {
                self.emit(if signed {
                    Op::FloatToInt { dst, a: src }
                } else {
                    Op::FloatToUint { dst, a: src }
                });
                self.normalize(tr, dst);
            }
            (Repr::Int { .. }, Repr::Int { .. }) | (Repr::Float { .. }, Repr::Float { .. }) => {
                self.emit(Op::Move { dst, src });
                self.normalize(tr, dst);
            }
            (Repr::Int { .. }, Repr::String) => _ = self.emit(Op::RuneToString { dst, src }),
            (Repr::Ref, Repr::String) if elem_of(from) == Some(Basic::Int32) => {
                _ = self.emit(Op::RunesToString { dst, src })
            }
            (Repr::Ref, Repr::String) => _ = self.emit(Op::BytesToString { dst, src }),
            (Repr::String, Repr::Ref) => {
                let ty = self.c.types.get(self.c.prog, &self.c.tys, to);
                let op = if elem_of(to) == Some(Basic::Int32) {
                    Op::StringToRunes { dst, src, ty }
                } else {
                    Op::StringToBytes { dst, src, ty }
                };
                self.emit(op);
            }
            (Repr::Struct | Repr::Array, _) if super::expr::needs_copy(arg) => {
                self.copy_object(from, dst, src)
            }
            _ => _ = self.emit(Op::Move { dst, src }),
        }
        self.b.release(mark);
    }

    /// `x.(T)`: into `R[dst]`, or with `comma_ok` into `R[dst]`, `R[dst+1]`.
    pub fn assert_into(&mut self, e: &ast::Expr, x: &ast::Expr, dst: Reg, comma_ok: bool) {
        let target = match (self.tv(e).map(|tv| self.c.sub(tv.ty)), comma_ok) {
            (Some(t), true) => match self.c.tys.get(t) {
                Type::Tuple(elems) => elems.first().copied().unwrap_or(t),
                _ => t,
            },
            (t, _) => t.unwrap_or(TypeId::INVALID),
        };
        let mark = self.b.mark();
        let src = self.expr(x);
        let is_iface = types::repr(&self.c.tys, target) == Repr::Interface;
        let ty = self.c.types.get(self.c.prog, &self.c.tys, target);
        let op = match (is_iface, comma_ok) {
            (true, true) => Op::AssertIfaceOk {
                dst,
                src,
                iface: ty,
            },
            (true, false) => Op::AssertIface {
                dst,
                src,
                iface: ty,
            },
            (false, true) => Op::AssertTypeOk { dst, src, ty },
            (false, false) => {
                let iface = self.c.types.get(self.c.prog, &self.c.tys, self.ty(x));
                Op::AssertType {
                    dst,
                    src,
                    ty,
                    iface,
                }
            }
        };
        self.emit(op);
        self.b.release(mark);
    }
}

/// The pointee of a pointer type, or the type itself.
pub fn deref(cx: &FnCx<'_, '_>, ty: TypeId) -> TypeId {
    let types = &cx.c.tys;
    match types.get(types.underlying(ty)) {
        Type::Pointer(elem) => *elem,
        _ => ty,
    }
}
