//! Builtin functions: `len`, `cap`, `append`, `copy`, `delete`, `make`, `new`, `panic`,
//! `recover`, `print`, `println`, `min`, `max`, `close`, `clear`.
//!
//! This module owns their lowering. `print` and `println` become calls of one
//! `runtime.print*` native per argument, as Go's own compiler lowers them (see the crate
//! doc for the names).

use minigo_vm::op::{Off, Op, Reg};

use super::lower::FnCx;
use super::types::{self, Repr};
use crate::ast::{self, BinaryOp};
use crate::check::object::Builtin;
use crate::check::types::{Type, TypeId};

impl FnCx<'_, '_> {
    pub fn builtin_into(
        &mut self,
        e: &ast::Expr,
        b: Builtin,
        args: &[ast::Expr],
        spread: bool,
        dst: Reg,
    ) {
        let mark = self.b.mark();
        match b {
            Builtin::Len | Builtin::Cap => self.len_cap(b, args, dst),
            Builtin::Append => self.append_into(e, args, spread, dst),
            Builtin::Copy => {
                let a = self.expr(&args[0]);
                let src = self.bytes_of(&args[1]);
                self.emit(Op::CopySlice { dst, a, b: src });
            }
            Builtin::Delete => {
                let (m, key) = (self.expr(&args[0]), self.expr(&args[1]));
                self.emit(Op::MapDelete { m, key });
            }
            Builtin::Make => self.make_into(e, args, dst),
            Builtin::New => {
                let ty = self.ty(&args[0]);
                if types::is_object(&self.c.tys, ty) {
                    self.zero_value(ty, dst);
                } else {
                    self.new_cell(dst, ty);
                }
            }
            Builtin::Panic => {
                let v = self.iface_arg(&args[0]);
                self.emit(Op::Panic { src: v });
            }
            Builtin::Recover => _ = self.emit(Op::Recover { dst }),
            Builtin::Print | Builtin::Println => self.print(args, b == Builtin::Println),
            Builtin::Min | Builtin::Max => self.min_max(e, b, args, dst),
            Builtin::Close => {
                let ch = self.expr(&args[0]);
                self.emit(Op::Close { ch });
            }
            Builtin::Clear => self.clear(&args[0]),
        }
        self.b.release(mark);
    }

    /// A register holding `arg` as an interface value (boxing it as `any` when the checker
    /// recorded no conversion).
    fn iface_arg(&mut self, arg: &ast::Expr) -> Reg {
        let v = self.expr(arg);
        let ty = self.ty(arg);
        let implicit = self
            .c
            .prog
            .info
            .implicit
            .contains_key(&(arg.span.file, arg.id));
        if implicit || types::repr(&self.c.tys, ty) == Repr::Interface {
            return v;
        }
        let dst = self.b.alloc();
        let desc = self.c.types.get(self.c.prog, &self.c.tys, ty);
        self.emit(Op::BoxIface {
            dst,
            src: v,
            ty: desc,
            itab: minigo_vm::op::ItabIdx(minigo_vm::heap::object::NO_ITAB),
        });
        dst
    }

    /// A register holding `e` as a byte slice (strings are converted, for `copy` and
    /// `append(b, s...)`).
    fn bytes_of(&mut self, e: &ast::Expr) -> Reg {
        let r = self.expr(e);
        if types::repr(&self.c.tys, self.ty(e)) != Repr::String {
            return r;
        }
        let dst = self.b.alloc();
        let types = &self.c.tys;
        let _ = types;
        let ty = self.byte_slice_type();
        self.emit(Op::StringToBytes { dst, src: r, ty });
        dst
    }

    /// The descriptor of `[]byte`, built by hand because the checker's type arena is
    /// read-only here.
    fn byte_slice_type(&mut self) -> minigo_vm::op::TypeIdx {
        let elem = self.c.types.get(self.c.prog, &self.c.tys, TypeId::UINT8);
        self.c
            .types
            .extra("[]uint8", minigo_vm::program::TypeKind::Slice { elem })
    }

    fn len_cap(&mut self, b: Builtin, args: &[ast::Expr], dst: Reg) {
        let ty = self.ty(&args[0]);
        let src = self.expr(&args[0]);
        let types = &self.c.tys;
        match (b, types.get(types.underlying(ty))) {
            (Builtin::Cap, Type::Slice(_)) => _ = self.emit(Op::CapSlice { dst, s: src }),
            (Builtin::Len, Type::Chan { .. }) => _ = self.emit(Op::LenChan { dst, ch: src }),
            (Builtin::Cap, Type::Chan { .. }) => _ = self.emit(Op::CapChan { dst, ch: src }),
            _ => self.length_into(ty, src, dst),
        }
    }

    /// `clear(x)` of a map or slice.
    fn clear(&mut self, x: &ast::Expr) {
        let ty = self.ty(x);
        let r = self.expr(x);
        let types = &self.c.tys;
        match types.get(types.underlying(ty)).clone() {
            Type::Map { .. } => _ = self.emit(Op::MapClear { m: r }),
            Type::Slice(elem) if types::is_object(types, elem) => self.clear_objects(r, elem),
            _ => _ = self.emit(Op::ClearSlice { s: r }),
        }
    }

    /// `clear(s)` for a slice of structs or arrays, whose zero elements are fresh objects:
    /// `for i := 0; i < len(s); i++ { s[i] = T{} }`.
    fn clear_objects(&mut self, s: Reg, elem: TypeId) {
        let (i, n, zero) = (self.b.alloc(), self.b.alloc(), self.b.alloc());
        self.emit(Op::LoadInt { dst: i, imm: 0 });
        self.emit(Op::LenSlice { dst: n, s });
        let skip = self.b.emit_jump(
            Op::JumpIfLeInt {
                a: n,
                b: i,
                off: Off(0),
            },
            self.line,
        );
        let top = self.b.here();
        self.zero_value(elem, zero);
        self.emit(Op::StoreSlice {
            s,
            idx: i,
            src: zero,
        });
        self.b.emit_back(
            Op::ForLoopInt {
                a: i,
                b: n,
                off: Off(0),
            },
            top,
            self.line,
        );
        self.b.patch_here(skip);
    }

    fn append_into(&mut self, e: &ast::Expr, args: &[ast::Expr], spread: bool, dst: Reg) {
        let ty = self.c.types.get(self.c.prog, &self.c.tys, self.ty(e));
        let Some((first, rest)) = args.split_first() else {
            return;
        };
        let s = self.expr(first);
        if spread {
            let other = self.bytes_of(&rest[0]);
            self.emit(Op::AppendSlice {
                dst,
                a: s,
                b: other,
                ty,
            });
            return;
        }
        self.emit(Op::Move { dst, src: s });
        for elem in rest {
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

    fn make_into(&mut self, e: &ast::Expr, args: &[ast::Expr], dst: Reg) {
        let ty = self.ty(e);
        let desc = self.c.types.get(self.c.prog, &self.c.tys, ty);
        let types = &self.c.tys;
        match types.get(types.underlying(ty)) {
            Type::Slice(elem) => {
                let elem = *elem;
                let len = self.b.alloc_n(2);
                self.expr_into(&args[1], len);
                match args.get(2) {
                    Some(cap) => self.expr_into(cap, Reg(len.0 + 1)),
                    None => {
                        _ = self.emit(Op::Move {
                            dst: Reg(len.0 + 1),
                            src: len,
                        })
                    }
                }
                self.emit(Op::MakeSlice { dst, ty: desc, len });
                if types::is_object(&self.c.tys, elem) {
                    self.fill_zero_objects(dst, Reg(len.0 + 1), elem);
                }
            }
            Type::Map { .. } => _ = self.emit(Op::MakeMap { dst, ty: desc }),
            _ => {
                let size = self.b.alloc();
                match args.get(1) {
                    Some(n) => self.expr_into(n, size),
                    None => _ = self.emit(Op::LoadInt { dst: size, imm: 0 }),
                }
                self.emit(Op::MakeChan {
                    dst,
                    ty: desc,
                    size,
                });
            }
        }
    }

    /// Gives elements `0..R[cap]` of the new slice `R[s]` their own zero objects (a struct
    /// or array element is an object, never the nil word).
    fn fill_zero_objects(&mut self, s: Reg, cap: Reg, elem: TypeId) {
        let mark = self.b.mark();
        // The whole capacity is filled, through `s[0:cap]`, so that a later `s[:cap]`
        // reslice finds objects too.
        let bounds = self.b.alloc_n(2);
        self.emit(Op::LoadInt {
            dst: bounds,
            imm: 0,
        });
        self.emit(Op::Move {
            dst: Reg(bounds.0 + 1),
            src: cap,
        });
        let full = self.b.alloc();
        self.emit(Op::SliceSlice {
            dst: full,
            src: s,
            bounds,
            has_max: false,
        });
        let idx = bounds;
        let obj = self.b.alloc();
        let exit = self.b.emit_jump(
            Op::JumpIfLeInt {
                a: cap,
                b: idx,
                off: Off(0),
            },
            self.line,
        );
        let top = self.b.here();
        self.zero_value(elem, obj);
        self.emit(Op::StoreSlice {
            s: full,
            idx,
            src: obj,
        });
        self.b.emit_back(
            Op::ForLoopInt {
                a: idx,
                b: cap,
                off: Off(0),
            },
            top,
            self.line,
        );
        self.b.patch_here(exit);
        self.b.release(mark);
    }

    fn print(&mut self, args: &[ast::Expr], newline: bool) {
        for (i, arg) in args.iter().enumerate() {
            if newline && i > 0 {
                self.print_native("runtime.printsp", None);
            }
            let name = print_native_name(&self.c.tys, self.ty(arg));
            self.print_native(name, Some(arg));
        }
        if newline {
            self.print_native("runtime.printnl", None);
        }
    }

    fn print_native(&mut self, name: &str, arg: Option<&ast::Expr>) {
        let native = self.c.native(name, u8::from(arg.is_some()), 0);
        let mark = self.b.mark();
        let base = self.b.alloc();
        if let Some(arg) = arg {
            self.expr_into(arg, base);
        }
        self.emit(Op::CallNative { native, base });
        self.b.release(mark);
    }

    fn min_max(&mut self, e: &ast::Expr, b: Builtin, args: &[ast::Expr], dst: Reg) {
        let ty = self.ty(e);
        let Some((first, rest)) = args.split_first() else {
            return;
        };
        self.expr_into(first, dst);
        for arg in rest {
            let mark = self.b.mark();
            let v = self.expr(arg);
            let better = self.b.alloc();
            // min: take `v` when v < dst; max: when dst < v.
            let (a, c) = if b == Builtin::Min {
                (v, dst)
            } else {
                (dst, v)
            };
            self.compare_into(BinaryOp::Lss, ty, a, c, better, e.span);
            let skip = self.b.emit_jump(
                Op::JumpIfFalse {
                    a: better,
                    off: Off(0),
                },
                self.line,
            );
            self.emit(Op::Move { dst, src: v });
            self.b.patch_here(skip);
            self.b.release(mark);
        }
    }
}

/// The `runtime.print*` native that prints a value of type `ty`.
pub fn print_native_name(tys: &crate::check::types::Types, ty: TypeId) -> &'static str {
    match types::repr(tys, ty) {
        Repr::Int { signed: true, .. } => "runtime.printint",
        Repr::Int { signed: false, .. } => "runtime.printuint",
        Repr::Float { .. } => "runtime.printfloat",
        Repr::Bool => "runtime.printbool",
        Repr::String => "runtime.printstring",
        _ => "runtime.printpointer",
    }
}
