//! Expressions: constants, variables, selectors, indexing, slicing, composite literals,
//! function literals, dereferences and addresses, and the implicit interface conversions
//! the checker recorded.
//!
//! This module owns the two ways of evaluating an expression: [`FnCx::expr`] returns a
//! register holding the value (a variable's own register when possible: never write to
//! it), [`FnCx::expr_into`] evaluates into a given register. Operators are `arith`'s,
//! calls and conversions `call`'s.
//!
//! Invariant: every implicit conversion recorded for an expression is applied exactly
//! once, by whichever of the two entry points evaluated it.

use minigo_vm::op::{ConstIdx, Op, Reg};
use minigo_vm::program::Const;

use super::lower::FnCx;
use super::lower::Var;
use super::store::Place;
use super::types::{self, Repr};
use crate::ast::{self, ExprKind, UnaryOp};
use crate::check::constops::Value;
use crate::check::info::{ExprMode, SelectionKind, TypeAndValue};
use crate::check::object::ObjectKind;
use crate::check::types::{Type, TypeId};

impl FnCx<'_, '_> {
    /// The checker's record for `e`.
    pub fn tv(&self, e: &ast::Expr) -> Option<&TypeAndValue> {
        self.c.prog.info.exprs.get(&(e.span.file, e.id))
    }

    /// The (defaulted) type of `e`.
    pub fn ty(&self, e: &ast::Expr) -> TypeId {
        let ty = self.tv(e).map_or(TypeId::INVALID, |tv| self.c.sub(tv.ty));
        crate::check::predicates::default_type(&self.c.tys, ty)
    }

    /// A register holding the value of `e`.
    pub fn expr(&mut self, e: &ast::Expr) -> Reg {
        let implicit = self.c.prog.info.implicit.contains_key(&(e.span.file, e.id));
        if !implicit && let Some(r) = self.var_register(e) {
            return r;
        }
        let dst = self.b.alloc();
        self.expr_into(e, dst);
        dst
    }

    /// The register of `e` when it is a local variable kept in a register.
    fn var_register(&self, e: &ast::Expr) -> Option<Reg> {
        match &e.kind {
            ExprKind::Ident(_) => match self
                .vars
                .get(self.c.prog.info.uses.get(&(e.span.file, e.id))?)?
            {
                Var::Reg(r) => Some(*r),
                _ => None,
            },
            ExprKind::Paren(x) => self.var_register(x),
            _ => None,
        }
    }

    /// `R[dst]` = `e`, converted to an interface when the checker says so.
    pub fn expr_into(&mut self, e: &ast::Expr, dst: Reg) {
        self.raw_into(e, dst);
        if let Some(&iface) = self.c.prog.info.implicit.get(&(e.span.file, e.id)) {
            let iface = self.c.sub(iface);
            let from = self.ty(e);
            if types::is_object(&self.c.tys, from) && needs_copy(e) {
                self.copy_object(from, dst, dst);
            }
            self.box_into_iface(dst, dst, from, iface);
        }
    }

    /// A register holding a private copy of `e`'s value, fit to be stored elsewhere.
    pub fn value_copy(&mut self, e: &ast::Expr) -> Reg {
        let ty = self.ty(e);
        let r = self.expr(e);
        let implicit = self.c.prog.info.implicit.contains_key(&(e.span.file, e.id));
        if !implicit && types::is_object(&self.c.tys, ty) && needs_copy(e) {
            let dst = self.b.alloc();
            self.copy_object(ty, dst, r);
            return dst;
        }
        r
    }

    /// `R[dst]` = the value `R[src]` of type `from` as interface type `iface`.
    pub fn box_into_iface(&mut self, dst: Reg, src: Reg, from: TypeId, iface: TypeId) {
        let iface_idx = self.c.types.get(self.c.prog, &self.c.tys, iface);
        if matches!(types::repr(&self.c.tys, from), Repr::Interface) {
            self.emit(Op::ConvertIface {
                dst,
                src,
                iface: iface_idx,
            });
            return;
        }
        if from == TypeId::UNTYPED_NIL {
            self.emit(Op::LoadInt { dst, imm: 0 });
            return;
        }
        let ty = self.c.types.get(self.c.prog, &self.c.tys, from);
        let itab = self.c.itab(iface, from);
        self.emit(Op::BoxIface { dst, src, ty, itab });
    }

    fn raw_into(&mut self, e: &ast::Expr, dst: Reg) {
        let Some(tv) = self.tv(e) else {
            self.unsupported("an unchecked expression", e.span);
            return;
        };
        if let ExprMode::Constant(v) = &tv.mode {
            let (v, ty) = (v.clone(), self.c.sub(tv.ty));
            self.load_const(&v, ty, dst, e.span);
            return;
        }
        if self.generic_value(e, dst) {
            return;
        }
        match &e.kind {
            ExprKind::Paren(x) => self.expr_into(x, dst),
            ExprKind::Ident(_) => self.ident_into(e, dst),
            ExprKind::FuncLit { sig, body } => self.func_lit(e, sig, body, dst),
            ExprKind::Selector { x, .. } => self.selector_into(e, x, dst),
            ExprKind::Index { x, indices } => self.index_into(e, x, indices, dst),
            ExprKind::Slice { x, lo, hi, max, .. } => {
                self.slice_into(x, lo.as_deref(), hi.as_deref(), max.as_deref(), dst)
            }
            ExprKind::Call { func, args, spread } => self.call_into(e, func, args, *spread, dst),
            ExprKind::Star(x) => self.deref_into(e, x, dst),
            ExprKind::Unary {
                op: UnaryOp::Addr,
                x,
            } => self.addr_into(x, dst),
            ExprKind::Unary { op, x } => self.unary_into(e, *op, x, dst),
            ExprKind::Binary { op, x, y } => self.binary_into(e, *op, x, y, dst),
            ExprKind::Composite { elts, .. } => self.composite_into(e, elts, dst),
            ExprKind::TypeAssert { x, ty: Some(_) } => self.assert_into(e, x, dst, false),
            _ => self.unsupported("this expression", e.span),
        }
    }

    /// `R[dst]` = the constant `v` of type `ty`.
    pub fn load_const(&mut self, v: &Value, ty: TypeId, dst: Reg, span: crate::span::Span) {
        let ty = crate::check::predicates::default_type(&self.c.tys, ty);
        let k = match (types::repr(&self.c.tys, ty), v) {
            (_, Value::Bool(b)) => Const::Int(i64::from(*b)),
            (Repr::Float { bits }, v) => {
                let f = v.as_f64().unwrap_or(0.0);
                Const::Float(if bits == 32 { f64::from(f as f32) } else { f })
            }
            (_, Value::Str(bytes)) => match std::str::from_utf8(bytes) {
                Ok(s) => Const::Str(s.into()),
                // Go strings are bytes: `"\xff"` must not become U+FFFD.
                Err(_) => Const::Bytes(bytes.as_ref().into()),
            },
            (_, v) => Const::Int(
                v.as_i64()
                    .or_else(|| v.as_u64().map(|u| u as i64))
                    .unwrap_or(0),
            ),
        };
        match k {
            Const::Int(i) if i32::try_from(i).is_ok() => {
                _ = self.emit(Op::LoadInt { dst, imm: i as i32 })
            }
            Const::Float(f) if f.to_bits() == 0 => _ = self.emit(Op::LoadInt { dst, imm: 0 }),
            Const::Str(s) if s.is_empty() => _ = self.emit(Op::LoadInt { dst, imm: 0 }),
            k => {
                let k = self.c.constant(k, span);
                self.emit(Op::LoadConst {
                    dst,
                    k: ConstIdx(k),
                });
            }
        }
    }

    fn ident_into(&mut self, e: &ast::Expr, dst: Reg) {
        let Some(&obj) = self.c.prog.info.uses.get(&(e.span.file, e.id)) else {
            self.emit(Op::LoadInt { dst, imm: 0 });
            return;
        };
        match self.c.prog.objects.get(obj).kind {
            ObjectKind::Var(_) => self.load_var(obj, dst),
            ObjectKind::Func { .. } => self.func_value(obj, dst, e.span),
            _ => _ = self.emit(Op::LoadInt { dst, imm: 0 }),
        }
    }

    /// `R[dst]` = the declared function `obj` as a func value.
    fn func_value(
        &mut self,
        obj: crate::check::types::ObjectId,
        dst: Reg,
        span: crate::span::Span,
    ) {
        let func = match self.c.func_index.get(&obj) {
            Some(&func) => Some(func),
            None => self.c.native_value(obj),
        };
        match func {
            Some(func) => {
                _ = self.emit(Op::MakeClosure {
                    dst,
                    func,
                    captures: dst,
                    n: 0,
                })
            }
            None => self.unsupported("a generic function used as a value", span),
        }
    }

    fn func_lit(&mut self, e: &ast::Expr, sig: &ast::FuncSig, body: &ast::Block, dst: Reg) {
        let Some((func, free)) = self.compile_lit(e, sig, body) else {
            return;
        };
        let mark = self.b.mark();
        let base = self.b.alloc_n(free.len() as u32);
        for (i, &v) in free.iter().enumerate() {
            let r = Reg(base.0 + i as u8);
            match self.var(v) {
                Some(Var::Cell(c)) => _ = self.emit(Op::Move { dst: r, src: c }),
                Some(Var::Capture(idx)) => _ = self.emit(Op::LoadCapture { dst: r, idx }),
                _ => _ = self.emit(Op::LoadInt { dst: r, imm: 0 }),
            }
        }
        let func = minigo_vm::op::FuncIdx(func as u16);
        self.emit(Op::MakeClosure {
            dst,
            func,
            captures: base,
            n: free.len() as u8,
        });
        self.b.release(mark);
    }

    fn selector_into(&mut self, e: &ast::Expr, x: &ast::Expr, dst: Reg) {
        let key = (e.span.file, e.id);
        if let Some(&obj) = self.c.prog.info.uses.get(&key) {
            // A qualified identifier `pkg.Name`.
            match self.c.prog.objects.get(obj).kind {
                ObjectKind::Var(_) => self.load_var(obj, dst),
                ObjectKind::Func { .. } => self.func_value(obj, dst, e.span),
                _ => _ = self.emit(Op::LoadInt { dst, imm: 0 }),
            }
            return;
        }
        match self.c.prog.info.selections.get(&key).cloned() {
            Some(sel) if sel.kind == SelectionKind::Field => {
                let mark = self.b.mark();
                let place = self.field_place(x, &sel.path);
                self.load_place(place, dst);
                self.b.release(mark);
            }
            Some(sel) if sel.kind == SelectionKind::MethodExpr => {
                if !self.generic_method_expr(x, sel.obj, dst) {
                    self.func_value(sel.obj, dst, e.span)
                }
            }
            Some(sel) => self.method_value(e, x, &sel, dst),
            None => self.unsupported("this selector", e.span),
        }
    }

    /// The place of field `path` (embedded fields first) of the struct `x` (or `*x`).
    pub fn field_place(&mut self, x: &ast::Expr, path: &[usize]) -> Place {
        let base = self.expr(x);
        let Some((&last, embedded)) = path.split_last() else {
            return Place::Blank;
        };
        let mut obj = base;
        for &i in embedded {
            let next = self.b.alloc();
            self.emit(Op::LoadField {
                dst: next,
                obj,
                field: i as u8,
            });
            obj = next;
        }
        Place::Field {
            obj,
            field: last as u8,
        }
    }

    fn index_into(&mut self, e: &ast::Expr, x: &ast::Expr, indices: &[ast::Expr], dst: Reg) {
        let Some(idx) = indices.first() else { return };
        if self
            .c
            .prog
            .info
            .instances
            .contains_key(&(x.span.file, x.id))
        {
            self.unsupported("a generic instantiation", e.span);
            return;
        }
        let mark = self.b.mark();
        if types::repr(&self.c.tys, self.ty(x)) == Repr::String {
            let s = self.expr(x);
            let i = self.expr(idx);
            self.emit(Op::IndexString { dst, s, idx: i });
        } else {
            let place = self.index_place(x, idx);
            self.load_place(place, dst);
            if let Place::Map { .. } = place {
                self.zero_if_absent(self.ty(e), dst);
            }
        }
        self.b.release(mark);
    }

    /// After a map lookup into `R[dst]` of a value of type `ty`: a struct or array value is
    /// never the word 0 when present, so 0 means the key is absent and the result is a
    /// fresh zero object (`m["missing"].name` is `""`, not a nil dereference).
    pub fn zero_if_absent(&mut self, ty: TypeId, dst: Reg) {
        if !types::is_object(&self.c.tys, ty) {
            return;
        }
        let present = self.b.emit_jump(
            Op::JumpIfTrue {
                a: dst,
                off: minigo_vm::op::Off(0),
            },
            self.line,
        );
        self.zero_value(ty, dst);
        self.b.patch_here(present);
    }

    /// The place `x[idx]` of a slice, array, pointer to array or map.
    pub fn index_place(&mut self, x: &ast::Expr, idx: &ast::Expr) -> Place {
        let xty = self.c.tys.underlying(self.ty(x));
        let base = self.expr(x);
        let i = self.expr(idx);
        match self.c.tys.get(xty) {
            Type::Map { .. } => Place::Map { m: base, key: i },
            Type::Slice(_) => Place::Slice { s: base, idx: i },
            _ => Place::Array { arr: base, idx: i },
        }
    }

    fn slice_into(
        &mut self,
        x: &ast::Expr,
        lo: Option<&ast::Expr>,
        hi: Option<&ast::Expr>,
        max: Option<&ast::Expr>,
        dst: Reg,
    ) {
        let mark = self.b.mark();
        let xty = self.ty(x);
        let src = self.expr(x);
        let bounds = self.b.alloc_n(3);
        let (b0, b1, b2) = (bounds, Reg(bounds.0 + 1), Reg(bounds.0 + 2));
        match lo {
            Some(lo) => self.expr_into(lo, b0),
            None => _ = self.emit(Op::LoadInt { dst: b0, imm: 0 }),
        }
        let repr = types::repr(&self.c.tys, xty);
        match hi {
            Some(hi) => self.expr_into(hi, b1),
            None => self.length_into(xty, src, b1),
        }
        if let Some(max) = max {
            self.expr_into(max, b2);
        }
        match repr {
            Repr::String => _ = self.emit(Op::SliceString { dst, src, bounds }),
            Repr::Ref if matches!(self.c.tys.get(self.c.tys.underlying(xty)), Type::Slice(_)) => {
                self.emit(Op::SliceSlice {
                    dst,
                    src,
                    bounds,
                    has_max: max.is_some(),
                });
            }
            _ => {
                let ty = self.c.types.get(self.c.prog, &self.c.tys, xty);
                self.emit(Op::SliceArray {
                    dst,
                    src,
                    bounds,
                    ty,
                });
            }
        }
        self.b.release(mark);
    }

    /// `R[dst]` = `len(R[src])` for a value of type `ty`.
    pub fn length_into(&mut self, ty: TypeId, src: Reg, dst: Reg) {
        let types = &self.c.tys;
        let op = match types.get(types.underlying(ty)) {
            Type::Basic(_) => Op::LenString { dst, s: src },
            Type::Slice(_) => Op::LenSlice { dst, s: src },
            Type::Map { .. } => Op::MapLen { dst, m: src },
            Type::Array { len, .. } => Op::LoadInt {
                dst,
                imm: *len as i32,
            },
            Type::Pointer(elem) => match types.get(types.underlying(*elem)) {
                Type::Array { len, .. } => Op::LoadInt {
                    dst,
                    imm: *len as i32,
                },
                _ => Op::LoadInt { dst, imm: 0 },
            },
            _ => Op::LoadInt { dst, imm: 0 },
        };
        self.emit(op);
    }

    fn composite_into(&mut self, e: &ast::Expr, elts: &[ast::Element], dst: Reg) {
        let ty = self.ty(e);
        let types = &self.c.tys;
        let ty = match types.get(ty) {
            Type::Pointer(elem) => *elem,
            _ => ty,
        };
        match types.get(types.underlying(ty)).clone() {
            Type::Struct(fields) => {
                self.zero_value(ty, dst);
                for (i, elt) in elts.iter().enumerate() {
                    let field = match &elt.key {
                        Some(k) => match &k.kind {
                            ExprKind::Ident(name) => {
                                fields.iter().position(|f| &f.name == name).unwrap_or(i)
                            }
                            _ => i,
                        },
                        None => i,
                    };
                    let mark = self.b.mark();
                    let v = self.value_copy(&elt.value);
                    self.emit(Op::StoreField {
                        obj: dst,
                        field: field as u8,
                        src: v,
                    });
                    self.b.release(mark);
                }
            }
            Type::Array { .. } => {
                self.zero_value(ty, dst);
                self.indexed_elements(elts, |cx, idx, v| {
                    _ = cx.emit(Op::StoreIndex {
                        arr: dst,
                        idx,
                        src: v,
                    })
                });
            }
            Type::Slice(_) => {
                let n = element_count(self, elts);
                let mark = self.b.mark();
                let len = self.b.alloc_n(2);
                self.emit(Op::LoadInt {
                    dst: len,
                    imm: n as i32,
                });
                self.emit(Op::LoadInt {
                    dst: Reg(len.0 + 1),
                    imm: n as i32,
                });
                let sty = self.c.types.get(self.c.prog, &self.c.tys, ty);
                self.emit(Op::MakeSlice { dst, ty: sty, len });
                self.b.release(mark);
                self.indexed_elements(elts, |cx, idx, v| {
                    _ = cx.emit(Op::StoreSlice {
                        s: dst,
                        idx,
                        src: v,
                    })
                });
            }
            Type::Map { .. } => {
                let mty = self.c.types.get(self.c.prog, &self.c.tys, ty);
                self.emit(Op::MakeMap { dst, ty: mty });
                for elt in elts {
                    let mark = self.b.mark();
                    let Some(k) = &elt.key else { continue };
                    let k = self.value_copy(k);
                    let v = self.value_copy(&elt.value);
                    self.emit(Op::MapSet {
                        m: dst,
                        key: k,
                        src: v,
                    });
                    self.b.release(mark);
                }
            }
            _ => self.unsupported("this composite literal", e.span),
        }
    }

    /// Stores each element of an array or slice literal at its index.
    fn indexed_elements(&mut self, elts: &[ast::Element], store: impl Fn(&mut Self, Reg, Reg)) {
        let mut next = 0i64;
        for elt in elts {
            if let Some(k) = &elt.key {
                next = self
                    .tv(k)
                    .and_then(|tv| tv.value())
                    .and_then(Value::as_i64)
                    .unwrap_or(next);
            }
            let mark = self.b.mark();
            let v = self.value_copy(&elt.value);
            let idx = self.b.alloc();
            self.emit(Op::LoadInt {
                dst: idx,
                imm: next as i32,
            });
            store(self, idx, v);
            self.b.release(mark);
            next += 1;
        }
    }
}

/// The length of an array or slice literal: one past its largest index.
fn element_count(cx: &FnCx<'_, '_>, elts: &[ast::Element]) -> i64 {
    let (mut next, mut max) = (0i64, 0i64);
    for elt in elts {
        if let Some(k) = &elt.key {
            next = cx
                .tv(k)
                .and_then(|tv| tv.value())
                .and_then(Value::as_i64)
                .unwrap_or(next);
        }
        next += 1;
        max = max.max(next);
    }
    max
}

/// `e` without enclosing parentheses.
pub fn strip_parens(e: &ast::Expr) -> &ast::Expr {
    match &e.kind {
        ExprKind::Paren(x) => strip_parens(x),
        _ => e,
    }
}

/// Whether `e` reads existing storage, so that a struct or array value it yields must be
/// copied before it is stored elsewhere.
pub fn needs_copy(e: &ast::Expr) -> bool {
    matches!(
        strip_parens(e).kind,
        ExprKind::Ident(_) | ExprKind::Selector { .. } | ExprKind::Index { .. } | ExprKind::Star(_)
    )
}
