//! The program's type descriptors: one `TypeDesc` per checked type the code names, created
//! on first use, plus the two heap-cell shapes that boxed variables live in.
//!
//! This module owns the mapping from the checker's `TypeId` to the VM's `TypeIdx` and the
//! questions the code generator asks about a type's representation (is its word a heap
//! pointer, is it a struct or array object). It does not fill method tables (the unit does,
//! once every method has a function index).
//!
//! Invariant: a descriptor is created once per `TypeId`; `name` is Go's `%T` spelling.

use std::collections::HashMap;

use minigo_vm::op::TypeIdx;
use minigo_vm::program::{Layout, TypeDesc, TypeKind};

use crate::ast::Name;
use crate::check::object::PackageId;
use crate::check::types::{Basic, Type, TypeId, Types};
use crate::check::typestr::TypeFmt;
use crate::check::{self};

/// How a value of some type is represented in its word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Repr {
    /// Integers and booleans (and anything else compared as a raw word).
    Int {
        signed: bool,
        bits: u32,
    },
    Float {
        bits: u32,
    },
    Bool,
    String,
    /// A struct value: a pointer to its object of `n` fields.
    Struct,
    /// An array value: a pointer to its object.
    Array,
    Interface,
    /// Pointers, slices, maps, channels and funcs: a pointer word, compared by identity.
    Ref,
}

/// The descriptors built so far.
#[derive(Default)]
pub struct TypeTable {
    pub descs: Vec<TypeDesc>,
    index: HashMap<TypeId, TypeIdx>,
    cells: [Option<TypeIdx>; 2],
    /// Concrete named types whose descriptors need method tables, with their descriptor.
    pub with_methods: Vec<(TypeId, TypeIdx)>,
}

/// The representation of `ty`.
pub fn repr(types: &Types, ty: TypeId) -> Repr {
    match types.get(types.underlying(ty)) {
        Type::Basic(b) => basic_repr(*b),
        Type::Struct(_) => Repr::Struct,
        Type::Array { .. } => Repr::Array,
        Type::Interface(_) => Repr::Interface,
        _ => Repr::Ref,
    }
}

fn basic_repr(b: Basic) -> Repr {
    let b = b.default_type();
    if b.is_boolean() {
        Repr::Bool
    } else if b.is_string() {
        Repr::String
    } else if b.is_float() {
        Repr::Float {
            bits: b.bits().unwrap_or(64),
        }
    } else if b.is_integer() {
        Repr::Int {
            signed: !b.is_unsigned(),
            bits: b.bits().unwrap_or(64),
        }
    } else {
        // `untyped nil` and `invalid`: a zero word.
        Repr::Ref
    }
}

/// Whether a value of `ty` is a heap pointer word.
pub fn is_pointer(types: &Types, ty: TypeId) -> bool {
    !matches!(
        repr(types, ty),
        Repr::Int { .. } | Repr::Float { .. } | Repr::Bool
    )
}

/// Go's `%T` spelling of `ty`.
pub fn type_name(prog: &check::Program, tys: &Types, ty: TypeId) -> String {
    let names = |pkg: PackageId| -> Name {
        prog.packages
            .get(pkg.0 as usize)
            .map_or_else(|| Name::from("?"), |p| p.name.clone())
    };
    TypeFmt::reflect(tys, &prog.objects, &names).type_str(ty)
}

impl TypeTable {
    /// The descriptor index of `ty`, creating it (and those it refers to) on first use.
    pub fn get(&mut self, prog: &check::Program, tys: &Types, ty: TypeId) -> TypeIdx {
        let ty = check::predicates::default_type(tys, ty);
        if let Some(&idx) = self.index.get(&ty) {
            return idx;
        }
        // Reserve the slot first so that recursive types (`type Node struct{ next *Node }`)
        // terminate.
        let idx = TypeIdx(self.descs.len() as u16);
        self.index.insert(ty, idx);
        self.descs.push(TypeDesc::scalar("", TypeKind::Bool));
        let desc = self.describe(prog, tys, ty);
        self.descs[usize::from(idx.0)] = desc;
        if matches!(tys.get(ty), Type::Named(_)) || matches!(tys.get(ty), Type::Pointer(_)) {
            self.with_methods.push((ty, idx));
        }
        idx
    }

    /// Every interface type with methods that has a descriptor, in descriptor order.
    pub fn interfaces(&self, tys: &Types) -> Vec<TypeId> {
        let mut found: Vec<(TypeIdx, TypeId)> = self
            .index
            .iter()
            .filter(|&(&ty, _)| {
                matches!(tys.get(tys.underlying(ty)), Type::Interface(i) if !i.methods.is_empty())
            })
            .map(|(&ty, &idx)| (idx, ty))
            .collect();
        found.sort_by_key(|&(idx, _)| idx.0);
        found.into_iter().map(|(_, ty)| ty).collect()
    }

    /// The descriptor of a one-word heap cell holding a pointer (`ptr`) or a scalar.
    pub fn cell(&mut self, ptr: bool) -> TypeIdx {
        let slot = usize::from(ptr);
        if let Some(idx) = self.cells[slot] {
            return idx;
        }
        let idx = TypeIdx(self.descs.len() as u16);
        let mut desc = TypeDesc::scalar("cell", TypeKind::Struct { n_fields: 1 });
        desc.is_pointer = true;
        desc.layout = if ptr {
            Layout::Pointers
        } else {
            Layout::Scalars
        };
        self.descs.push(desc);
        self.cells[slot] = Some(idx);
        idx
    }

    fn describe(&mut self, prog: &check::Program, tys: &Types, ty: TypeId) -> TypeDesc {
        let name = type_name(prog, tys, ty);
        let kind = self.kind(prog, tys, ty);
        let layout = layout(tys, ty);
        let fields = self.fields(prog, tys, ty);
        let mut desc = TypeDesc::scalar(&name, kind);
        desc.is_pointer = is_pointer(tys, ty);
        desc.layout = layout;
        desc.fields = fields;
        desc
    }

    /// The names and types of a struct's fields, which `fmt` walks to print struct values.
    fn fields(
        &mut self,
        prog: &check::Program,
        tys: &Types,
        ty: TypeId,
    ) -> Vec<minigo_vm::program::FieldDesc> {
        let Type::Struct(fields) = tys.get(tys.underlying(ty)).clone() else {
            return Vec::new();
        };
        fields
            .iter()
            .map(|f| minigo_vm::program::FieldDesc {
                name: f.name.to_string(),
                ty: self.get(prog, tys, f.ty),
            })
            .collect()
    }

    fn kind(&mut self, prog: &check::Program, tys: &Types, ty: TypeId) -> TypeKind {
        match tys.get(tys.underlying(ty)).clone() {
            Type::Basic(b) => basic_kind(b),
            Type::Pointer(elem) => TypeKind::Pointer(self.get(prog, tys, elem)),
            Type::Slice(elem) => TypeKind::Slice {
                elem: self.get(prog, tys, elem),
            },
            Type::Array { len, elem } => TypeKind::Array {
                elem: self.get(prog, tys, elem),
                len: u32::try_from(len).unwrap_or(u32::MAX),
            },
            Type::Map { key, value } => TypeKind::Map {
                key: self.get(prog, tys, key),
                value: self.get(prog, tys, value),
            },
            Type::Chan { elem, .. } => TypeKind::Chan {
                elem: self.get(prog, tys, elem),
            },
            Type::Struct(fields) => TypeKind::Struct {
                n_fields: u8::try_from(fields.len()).unwrap_or(u8::MAX),
            },
            Type::Interface(iface) => TypeKind::Interface {
                methods: iface.methods.iter().map(|m| m.name.to_string()).collect(),
            },
            _ => TypeKind::Func,
        }
    }
}

/// The pointer layout of an object of `ty` (for a slice: of its backing array).
fn layout(types: &Types, ty: TypeId) -> Layout {
    let all = |p: bool| if p { Layout::Pointers } else { Layout::Scalars };
    match types.get(types.underlying(ty)) {
        Type::Struct(fields) => {
            Layout::Mixed(fields.iter().map(|f| is_pointer(types, f.ty)).collect())
        }
        Type::Array { elem, .. } | Type::Slice(elem) | Type::Chan { elem, .. } => {
            all(is_pointer(types, *elem))
        }
        Type::Pointer(elem) => all(is_pointer(types, *elem) && !is_object(types, *elem)),
        _ => Layout::Scalars,
    }
}

/// Whether values of `ty` are struct or array objects (copied on assignment).
pub fn is_object(types: &Types, ty: TypeId) -> bool {
    matches!(repr(types, ty), Repr::Struct | Repr::Array)
}

fn basic_kind(b: Basic) -> TypeKind {
    match basic_repr(b) {
        Repr::Int { signed: true, bits } => TypeKind::Int(bits as u8),
        Repr::Int {
            signed: false,
            bits,
        } => TypeKind::Uint(bits as u8),
        Repr::Float { bits } => TypeKind::Float(bits as u8),
        Repr::String => TypeKind::String,
        _ => TypeKind::Bool,
    }
}

impl TypeTable {
    /// A descriptor with no checker type behind it (such as `[]byte` for a conversion the
    /// checker did not spell), created once per name.
    pub fn extra(&mut self, name: &str, kind: TypeKind) -> TypeIdx {
        if let Some(i) = self
            .descs
            .iter()
            .position(|d| d.name == name && d.kind == kind)
        {
            return TypeIdx(i as u16);
        }
        // A slice's layout is its backing array's, and the collector traces that array by
        // it: a `[]string` of map keys laid out as scalars would let the keys be freed
        // while the range loop still reads them.
        let elem_is_pointer = match kind {
            TypeKind::Slice { elem } => self
                .descs
                .get(usize::from(elem.0))
                .is_some_and(|d| d.is_pointer),
            _ => false,
        };
        let mut desc = TypeDesc::scalar(name, kind);
        desc.is_pointer = true;
        if elem_is_pointer {
            desc.layout = Layout::Pointers;
        }
        self.descs.push(desc);
        TypeIdx((self.descs.len() - 1) as u16)
    }
}
