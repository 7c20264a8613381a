//! Renumbering a program's table indices: what `merge` applies to every instruction, type
//! descriptor and itab of a program being appended to another.
//!
//! Owns: [`Remap`], one new index per old index of each table. Does not own: choosing the
//! new indices (`merge`).
//!
//! Invariant: every `Op` variant with an index operand is listed in [`Remap::op`]; a
//! variant added to `op.rs` with an index operand must be added here (the test at the
//! bottom counts them).

use crate::heap::object::NO_ITAB;
use crate::op::{ConstIdx, FuncIdx, GlobalIdx, ItabIdx, NativeIdx, Op, TypeIdx};
use crate::program::{FieldDesc, Function, Itab, TypeDesc, TypeKind};

/// The new index of every index of one program.
#[derive(Clone, Debug, Default)]
pub(crate) struct Remap {
    pub(crate) funcs: Vec<FuncIdx>,
    pub(crate) types: Vec<TypeIdx>,
    pub(crate) consts: Vec<ConstIdx>,
    pub(crate) itabs: Vec<ItabIdx>,
    pub(crate) natives: Vec<NativeIdx>,
    pub(crate) globals: Vec<GlobalIdx>,
    /// Where stores to globals go, when not to `globals` (the entry's stores to globals
    /// that already existed go to a scratch slot; its loads still read the real ones).
    pub(crate) stores: Option<Vec<GlobalIdx>>,
}

/// Looks `i` up in `map`; a verified program never indexes past its own tables.
fn at<T: Copy>(map: &[T], i: u16) -> T {
    match map.get(usize::from(i)) {
        Some(&it) => it,
        None => unreachable!("a verified program indexes only its own tables"),
    }
}

impl Remap {
    pub(crate) fn func(&self, f: FuncIdx) -> FuncIdx {
        at(&self.funcs, f.0)
    }

    pub(crate) fn ty(&self, t: TypeIdx) -> TypeIdx {
        at(&self.types, t.0)
    }

    fn itab(&self, i: ItabIdx) -> ItabIdx {
        if i.0 == NO_ITAB {
            return i;
        }
        at(&self.itabs, i.0)
    }

    /// The instruction with its indices renumbered.
    pub(crate) fn op(&self, op: Op) -> Op {
        let t = |t| self.ty(t);
        match op {
            Op::LoadConst { dst, k } => Op::LoadConst {
                dst,
                k: at(&self.consts, k.0),
            },
            Op::LoadGlobal { dst, g } => Op::LoadGlobal {
                dst,
                g: at(&self.globals, g.0),
            },
            Op::StoreGlobal { g, src } => Op::StoreGlobal {
                g: at(self.stores.as_ref().unwrap_or(&self.globals), g.0),
                src,
            },
            Op::AddrGlobal { dst, g } => Op::AddrGlobal {
                dst,
                g: at(&self.globals, g.0),
            },
            Op::Call { func, base } => Op::Call {
                func: self.func(func),
                base,
            },
            Op::CallNative { native, base } => Op::CallNative {
                native: at(&self.natives, native.0),
                base,
            },
            Op::MakeClosure {
                dst,
                func,
                captures,
                n,
            } => Op::MakeClosure {
                dst,
                func: self.func(func),
                captures,
                n,
            },
            Op::NewObject { dst, ty } => Op::NewObject { dst, ty: t(ty) },
            Op::MakeSlice { dst, ty, len } => Op::MakeSlice {
                dst,
                ty: t(ty),
                len,
            },
            Op::SliceArray {
                dst,
                src,
                bounds,
                ty,
            } => Op::SliceArray {
                dst,
                src,
                bounds,
                ty: t(ty),
            },
            Op::Append { dst, s, src, ty } => Op::Append {
                dst,
                s,
                src,
                ty: t(ty),
            },
            Op::AppendSlice { dst, a, b, ty } => Op::AppendSlice {
                dst,
                a,
                b,
                ty: t(ty),
            },
            Op::StringToBytes { dst, src, ty } => Op::StringToBytes {
                dst,
                src,
                ty: t(ty),
            },
            Op::StringToRunes { dst, src, ty } => Op::StringToRunes {
                dst,
                src,
                ty: t(ty),
            },
            Op::MakeMap { dst, ty } => Op::MakeMap { dst, ty: t(ty) },
            Op::MapKeys { dst, m, ty } => Op::MapKeys { dst, m, ty: t(ty) },
            Op::BoxIface { dst, src, ty, itab } => Op::BoxIface {
                dst,
                src,
                ty: t(ty),
                itab: self.itab(itab),
            },
            Op::ConvertIface { dst, src, iface } => Op::ConvertIface {
                dst,
                src,
                iface: t(iface),
            },
            Op::AssertType {
                dst,
                src,
                ty,
                iface,
            } => Op::AssertType {
                dst,
                src,
                ty: t(ty),
                iface: t(iface),
            },
            Op::AssertTypeOk { dst, src, ty } => Op::AssertTypeOk {
                dst,
                src,
                ty: t(ty),
            },
            Op::AssertIface { dst, src, iface } => Op::AssertIface {
                dst,
                src,
                iface: t(iface),
            },
            Op::AssertIfaceOk { dst, src, iface } => Op::AssertIfaceOk {
                dst,
                src,
                iface: t(iface),
            },
            Op::MakeChan { dst, ty, size } => Op::MakeChan {
                dst,
                ty: t(ty),
                size,
            },
            other => other,
        }
    }

    /// The function with every instruction renumbered.
    pub(crate) fn function(&self, f: &Function) -> Function {
        Function {
            code: f.code.iter().map(|&op| self.op(op)).collect(),
            ..f.clone()
        }
    }

    /// The type descriptor with the types and methods it names renumbered.
    pub(crate) fn type_desc(&self, d: &TypeDesc) -> TypeDesc {
        let kind = match &d.kind {
            TypeKind::Pointer(elem) => TypeKind::Pointer(self.ty(*elem)),
            TypeKind::Array { elem, len } => TypeKind::Array {
                elem: self.ty(*elem),
                len: *len,
            },
            TypeKind::Slice { elem } => TypeKind::Slice {
                elem: self.ty(*elem),
            },
            TypeKind::Map { key, value } => TypeKind::Map {
                key: self.ty(*key),
                value: self.ty(*value),
            },
            TypeKind::Chan { elem } => TypeKind::Chan {
                elem: self.ty(*elem),
            },
            other => other.clone(),
        };
        TypeDesc {
            kind,
            methods: d
                .methods
                .iter()
                .map(|(n, f)| (n.clone(), self.func(*f)))
                .collect(),
            fields: d
                .fields
                .iter()
                .map(|f| FieldDesc {
                    name: f.name.clone(),
                    ty: self.ty(f.ty),
                })
                .collect(),
            ..d.clone()
        }
    }

    /// The itab with its types and methods renumbered.
    pub(crate) fn itab_desc(&self, it: &Itab) -> Itab {
        Itab {
            iface: self.ty(it.iface),
            ty: self.ty(it.ty),
            methods: it.methods.iter().map(|&f| self.func(f)).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::op::Reg;

    /// Every variant of `Op` that names a table index, counted in `op.rs`'s source, is
    /// renumbered by `Remap::op`; a new one must be added there and counted here.
    #[test]
    fn every_indexed_op_is_renumbered() {
        let src = include_str!("../op.rs");
        let enum_src = src.split("pub enum Op {").nth(1).unwrap_or_default();
        let indexed = enum_src
            .split("},")
            .filter(|v| {
                [
                    "ConstIdx",
                    "GlobalIdx",
                    "FuncIdx",
                    "NativeIdx",
                    "TypeIdx",
                    "ItabIdx",
                ]
                .iter()
                .any(|idx| v.contains(idx))
            })
            .count();
        assert_eq!(
            indexed, 23,
            "update Remap::op for the new indexed instruction"
        );
    }

    #[test]
    fn indices_are_renumbered_and_no_itab_is_kept() {
        let remap = Remap {
            types: vec![TypeIdx(7), TypeIdx(9)],
            itabs: vec![ItabIdx(4)],
            ..Remap::default()
        };
        let op = Op::BoxIface {
            dst: Reg(0),
            src: Reg(1),
            ty: TypeIdx(1),
            itab: ItabIdx(0),
        };
        let moved = Op::BoxIface {
            dst: Reg(0),
            src: Reg(1),
            ty: TypeIdx(9),
            itab: ItabIdx(4),
        };
        assert_eq!(remap.op(op), moved);
        let none = Op::BoxIface {
            dst: Reg(0),
            src: Reg(1),
            ty: TypeIdx(0),
            itab: ItabIdx(NO_ITAB),
        };
        let kept = Op::BoxIface {
            dst: Reg(0),
            src: Reg(1),
            ty: TypeIdx(7),
            itab: ItabIdx(NO_ITAB),
        };
        assert_eq!(remap.op(none), kept);
    }
}
