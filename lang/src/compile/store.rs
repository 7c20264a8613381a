//! Reading and writing storage: variables (registers, cells, captures, globals), struct
//! fields, slice, array and map elements, and dereferenced pointers; zero values and the
//! copies that give structs and arrays their value semantics.
//!
//! This module owns the [`Place`] abstraction: an assignable location whose base and index
//! were evaluated once into registers, so `a[f()] += 1` calls `f` once.
//!
//! Invariant: a struct or array value stored into a new location is a fresh object unless
//! it came from an expression that already made one (a literal, a call, a conversion).

use minigo_vm::op::{Op, Reg};

use super::lower::{FnCx, Var};
use super::types::{self, Repr};
use crate::ast;
use crate::check::info::Initializer;
use crate::check::types::{ObjectId, Type, TypeId};

/// An assignable location.
#[derive(Clone, Copy, Debug)]
pub enum Place {
    Var(ObjectId),
    Field {
        obj: Reg,
        field: u8,
    },
    Slice {
        s: Reg,
        idx: Reg,
    },
    Array {
        arr: Reg,
        idx: Reg,
    },
    Map {
        m: Reg,
        key: Reg,
    },
    /// `*p` for a pointer to a non-object value: the one-word location `R[p]` points to
    /// (a variable's cell, a field or an element; see `minigo_vm::heap::pointer`).
    Deref(Reg),
    /// `*p` for a pointer to a struct: the object `R[p]` itself.
    Object(Reg),
    Blank,
}

impl<'a> FnCx<'_, 'a> {
    /// `R[dst]` = variable `obj`.
    pub fn load_var(&mut self, obj: ObjectId, dst: Reg) {
        match self.var(obj) {
            Some(Var::Reg(r)) if r == dst => {}
            Some(Var::Reg(r)) => _ = self.emit(Op::Move { dst, src: r }),
            Some(Var::Cell(r)) => {
                _ = self.emit(Op::LoadField {
                    dst,
                    obj: r,
                    field: 0,
                })
            }
            Some(Var::Capture(idx)) => {
                self.emit(Op::LoadCapture { dst, idx });
                self.emit(Op::LoadField {
                    dst,
                    obj: dst,
                    field: 0,
                });
            }
            Some(Var::Global(g)) => _ = self.emit(Op::LoadGlobal { dst, g }),
            None => _ = self.emit(Op::LoadInt { dst, imm: 0 }),
        }
    }

    /// Where `obj` lives: a local, a capture or a global.
    pub fn var(&self, obj: ObjectId) -> Option<Var> {
        self.vars
            .get(&obj)
            .copied()
            .or_else(|| self.c.globals.get(&obj).map(|&g| Var::Global(g)))
    }

    /// Variable `obj` = `R[src]` (the value is stored as is; see [`FnCx::store`]).
    pub fn store_var(&mut self, obj: ObjectId, src: Reg) {
        match self.var(obj) {
            Some(Var::Reg(r)) if r == src => {}
            Some(Var::Reg(r)) => _ = self.emit(Op::Move { dst: r, src }),
            Some(Var::Cell(r)) => {
                _ = self.emit(Op::StoreField {
                    obj: r,
                    field: 0,
                    src,
                })
            }
            Some(Var::Capture(idx)) => {
                let tmp = self.b.alloc();
                self.emit(Op::LoadCapture { dst: tmp, idx });
                self.emit(Op::StoreField {
                    obj: tmp,
                    field: 0,
                    src,
                });
                self.b.release(u32::from(tmp.0));
            }
            Some(Var::Global(g)) => _ = self.emit(Op::StoreGlobal { g, src }),
            None => {}
        }
    }

    /// `place` = `R[src]`, a value of type `ty` that is already a private copy.
    pub fn store(&mut self, place: Place, src: Reg, ty: TypeId) {
        match place {
            Place::Var(obj) if matches!(types::repr(&self.c.tys, ty), Repr::Struct) => {
                // Overwrite the variable's object in place: pointers to it must see the
                // new value.
                let dst = self.b.alloc();
                self.load_var(obj, dst);
                self.assign_fields(ty, dst, src);
                self.b.release(u32::from(dst.0));
            }
            Place::Object(p) => self.assign_fields(ty, p, src),
            Place::Var(obj) => self.store_var(obj, src),
            Place::Field { obj, field } => _ = self.emit(Op::StoreField { obj, field, src }),
            Place::Slice { s, idx } => _ = self.emit(Op::StoreSlice { s, idx, src }),
            Place::Array { arr, idx } => _ = self.emit(Op::StoreIndex { arr, idx, src }),
            Place::Map { m, key } => _ = self.emit(Op::MapSet { m, key, src }),
            Place::Deref(p) => _ = self.emit(Op::StorePtr { p, src }),
            Place::Blank => {}
        }
    }

    /// `place` with every operand that is a variable's own register copied to a fresh one,
    /// so that assigning that variable earlier in a tuple assignment does not move the
    /// location (`i, s[i] = 2, 99` stores to the `s[i]` of the old `i`).
    pub fn pin_place(&mut self, place: Place) -> Place {
        let pin = |cx: &mut Self, r: Reg| {
            if !cx
                .vars
                .values()
                .any(|v| matches!(v, Var::Reg(x) if *x == r))
            {
                return r;
            }
            let fresh = cx.b.alloc();
            cx.emit(Op::Move { dst: fresh, src: r });
            fresh
        };
        match place {
            Place::Field { obj, field } => Place::Field {
                obj: pin(self, obj),
                field,
            },
            Place::Slice { s, idx } => Place::Slice {
                s: pin(self, s),
                idx: pin(self, idx),
            },
            Place::Array { arr, idx } => Place::Array {
                arr: pin(self, arr),
                idx: pin(self, idx),
            },
            Place::Map { m, key } => Place::Map {
                m: pin(self, m),
                key: pin(self, key),
            },
            Place::Deref(p) => Place::Deref(pin(self, p)),
            Place::Object(p) => Place::Object(pin(self, p)),
            other => other,
        }
    }

    /// `R[dst]` = the value at `place`, of type `ty`.
    pub fn load_place(&mut self, place: Place, dst: Reg) {
        match place {
            Place::Var(obj) => self.load_var(obj, dst),
            Place::Field { obj, field } => _ = self.emit(Op::LoadField { dst, obj, field }),
            Place::Slice { s, idx } => _ = self.emit(Op::IndexSlice { dst, s, idx }),
            Place::Array { arr, idx } => _ = self.emit(Op::LoadIndex { dst, arr, idx }),
            Place::Map { m, key } => _ = self.emit(Op::MapGet { dst, m, key }),
            Place::Deref(p) => _ = self.emit(Op::LoadPtr { dst, p }),
            Place::Object(p) => _ = self.emit(Op::Move { dst, src: p }),
            Place::Blank => _ = self.emit(Op::LoadInt { dst, imm: 0 }),
        }
    }

    /// Copies every field of the struct object `R[src]` into the object `R[dst]`.
    fn assign_fields(&mut self, ty: TypeId, dst: Reg, src: Reg) {
        let fields = self.struct_fields(ty);
        let tmp = self.b.alloc();
        for (i, fty) in fields.into_iter().enumerate() {
            self.emit(Op::LoadField {
                dst: tmp,
                obj: src,
                field: i as u8,
            });
            if types::is_object(&self.c.tys, fty) {
                self.copy_object(fty, tmp, tmp);
            }
            self.emit(Op::StoreField {
                obj: dst,
                field: i as u8,
                src: tmp,
            });
        }
        self.b.release(u32::from(tmp.0));
    }

    /// The field types of struct type `ty` (empty for anything else).
    pub fn struct_fields(&self, ty: TypeId) -> Vec<TypeId> {
        let types = &self.c.tys;
        match types.get(types.underlying(ty)) {
            Type::Struct(fields) => fields.iter().map(|f| f.ty).collect(),
            _ => Vec::new(),
        }
    }

    /// `R[dst]` = a deep copy of the struct or array object `R[src]`.
    pub fn copy_object(&mut self, ty: TypeId, dst: Reg, src: Reg) {
        self.emit(Op::CopyObject { dst, src });
        let nested: Vec<(usize, TypeId)> = match self.c.tys.get(self.c.tys.underlying(ty)) {
            Type::Struct(fields) => fields.iter().map(|f| f.ty).enumerate().collect(),
            Type::Array { len, elem } if *len <= 64 => {
                (0..*len as usize).map(|i| (i, *elem)).collect()
            }
            _ => Vec::new(),
        };
        let is_array = matches!(types::repr(&self.c.tys, ty), Repr::Array);
        let tmp = self.b.alloc();
        let nested: Vec<(usize, TypeId)> = nested
            .into_iter()
            .filter(|&(_, t)| types::is_object(&self.c.tys, t))
            .collect();
        for (i, fty) in nested {
            self.element(dst, i, is_array, tmp, false);
            self.copy_object(fty, tmp, tmp);
            self.element(dst, i, is_array, tmp, true);
        }
        self.b.release(u32::from(tmp.0));
    }

    /// Loads (or with `store`, stores) word `i` of the object `R[obj]` through `R[val]`.
    fn element(&mut self, obj: Reg, i: usize, is_array: bool, val: Reg, store: bool) {
        if !is_array {
            let field = i as u8;
            let op = if store {
                Op::StoreField {
                    obj,
                    field,
                    src: val,
                }
            } else {
                Op::LoadField {
                    dst: val,
                    obj,
                    field,
                }
            };
            self.emit(op);
            return;
        }
        let idx = self.b.alloc();
        self.emit(Op::LoadInt {
            dst: idx,
            imm: i as i32,
        });
        let op = if store {
            Op::StoreIndex {
                arr: obj,
                idx,
                src: val,
            }
        } else {
            Op::LoadIndex {
                dst: val,
                arr: obj,
                idx,
            }
        };
        self.emit(op);
        self.b.release(u32::from(idx.0));
    }

    /// `R[dst]` = the zero value of `ty` (a fresh object for structs and arrays).
    pub fn zero_value(&mut self, ty: TypeId, dst: Reg) {
        if !types::is_object(&self.c.tys, ty) {
            self.emit(Op::LoadInt { dst, imm: 0 });
            return;
        }
        let desc = self.c.types.get(self.c.prog, &self.c.tys, ty);
        self.emit(Op::NewObject { dst, ty: desc });
        let nested: Vec<(usize, TypeId)> = match self.c.tys.get(self.c.tys.underlying(ty)) {
            Type::Struct(fields) => fields.iter().map(|f| f.ty).enumerate().collect(),
            Type::Array { len, elem } => (0..*len as usize).map(|i| (i, *elem)).collect(),
            _ => Vec::new(),
        };
        let is_array = matches!(types::repr(&self.c.tys, ty), Repr::Array);
        let tmp = self.b.alloc();
        let nested: Vec<(usize, TypeId)> = nested
            .into_iter()
            .filter(|&(_, t)| types::is_object(&self.c.tys, t))
            .collect();
        for (i, fty) in nested {
            self.zero_value(fty, tmp);
            self.element(dst, i, is_array, tmp, true);
        }
        self.b.release(u32::from(tmp.0));
    }

    /// Gives every struct or array global its zero object (other globals start as 0).
    pub fn zero_globals(&mut self) {
        let mut globals: Vec<(ObjectId, minigo_vm::op::GlobalIdx)> =
            self.c.globals.iter().map(|(&o, &g)| (o, g)).collect();
        globals.sort_by_key(|&(_, g)| g.0);
        let tmp = self.b.alloc();
        for (obj, g) in globals {
            let ty = self.c.obj_ty(obj);
            if types::is_object(&self.c.tys, ty) {
                self.zero_value(ty, tmp);
                self.emit(Op::StoreGlobal { g, src: tmp });
            }
        }
        self.b.release(u32::from(tmp.0));
    }

    /// Runs one package-level initializer: `var a, b = rhs`.
    pub fn global_initializer(&mut self, init: &Initializer) {
        let Some(rhs) = self.find_expr(init.rhs) else {
            return;
        };
        let mark = self.b.mark();
        self.line = self.c.line(init.rhs_span);
        let lhs: Vec<Place> = init
            .lhs
            .iter()
            .map(|o| o.map_or(Place::Blank, Place::Var))
            .collect();
        let tys: Vec<TypeId> = init
            .lhs
            .iter()
            .map(|o| o.map_or(TypeId::INVALID, |o| self.c.obj_ty(o)))
            .collect();
        if lhs.len() == 1 {
            let r = self.value_copy(rhs);
            self.store(lhs[0], r, tys[0]);
        } else {
            let base = self.multi_value(rhs, lhs.len());
            for (i, (place, ty)) in lhs.into_iter().zip(tys).enumerate() {
                self.store(place, Reg(base.0 + i as u8), ty);
            }
        }
        self.b.release(mark);
    }

    /// The initializer expression with key `key`.
    fn find_expr(&self, key: crate::check::info::ExprKey) -> Option<&'a ast::Expr> {
        self.c.global_exprs.get(&key).copied()
    }
}
