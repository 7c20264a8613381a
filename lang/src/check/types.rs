//! The type universe of a checked program: every type is a [`TypeId`] into one [`Types`] arena.
//!
//! Structural types (pointers, slices, arrays, maps, channels, functions, structs,
//! interfaces, tuples) are *interned*: building the same structure twice returns the same
//! id, so Go's type identity is `==` on [`TypeId`]. Defined (named) types are not
//! structural: each `type T ...` declaration creates a fresh [`NamedId`], and each
//! instantiation `List[int]` of a generic named type is interned by `(origin, type args)`,
//! so `List[int]` written twice is one type and is identical to itself, as in Go.
//!
//! The basic types occupy fixed ids (`TypeId::INT`, ...), allocated by [`Types::new`] in the
//! order of [`Basic::ALL`], so code can name them without a lookup.
//!
//! This module owns the representation only. Relations between types (assignability,
//! identity under substitution, method sets, interface satisfaction, printing) live in
//! sibling modules; objects (variables, functions, type names) live in `check::object`.

use indexmap::IndexSet;

use crate::ast::{ChanDir, Name};

/// A type, as an index into [`Types`]. Identical types have equal ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub u32);

/// A defined type (`type T ...` or a generic instance of one), as an index into
/// [`Types::named`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NamedId(pub u32);

/// A type parameter of a generic function or type, as an index into [`Types::type_param`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeParamId(pub u32);

/// An object (variable, constant, type name, function, ...) in `check::object`'s arena.
/// Declared here because named types and methods refer to their objects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ObjectId(pub u32);

/// Go's predeclared basic types, the untyped constant kinds, and `Invalid` (the type of an
/// expression that already produced an error, which every check accepts silently so that
/// one mistake does not cascade).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Basic {
    Invalid,
    Bool,
    Int,
    Int8,
    Int16,
    Int32,
    Int64,
    Uint,
    Uint8,
    Uint16,
    Uint32,
    Uint64,
    Uintptr,
    Float32,
    Float64,
    String,
    UntypedBool,
    UntypedInt,
    UntypedRune,
    UntypedFloat,
    UntypedString,
    UntypedNil,
}

impl Basic {
    /// Every basic type, in the order of their fixed [`TypeId`]s.
    pub const ALL: [Basic; 22] = [
        Basic::Invalid,
        Basic::Bool,
        Basic::Int,
        Basic::Int8,
        Basic::Int16,
        Basic::Int32,
        Basic::Int64,
        Basic::Uint,
        Basic::Uint8,
        Basic::Uint16,
        Basic::Uint32,
        Basic::Uint64,
        Basic::Uintptr,
        Basic::Float32,
        Basic::Float64,
        Basic::String,
        Basic::UntypedBool,
        Basic::UntypedInt,
        Basic::UntypedRune,
        Basic::UntypedFloat,
        Basic::UntypedString,
        Basic::UntypedNil,
    ];

    /// Go's spelling: `int`, `float64`, `untyped int`, `untyped nil`, `invalid type`.
    pub fn name(self) -> &'static str {
        use Basic::*;
        match self {
            Invalid => "invalid type",
            Bool => "bool",
            Int => "int",
            Int8 => "int8",
            Int16 => "int16",
            Int32 => "int32",
            Int64 => "int64",
            Uint => "uint",
            Uint8 => "uint8",
            Uint16 => "uint16",
            Uint32 => "uint32",
            Uint64 => "uint64",
            Uintptr => "uintptr",
            Float32 => "float32",
            Float64 => "float64",
            String => "string",
            UntypedBool => "untyped bool",
            UntypedInt => "untyped int",
            UntypedRune => "untyped rune",
            UntypedFloat => "untyped float",
            UntypedString => "untyped string",
            UntypedNil => "untyped nil",
        }
    }

    pub fn is_untyped(self) -> bool {
        use Basic::*;
        matches!(
            self,
            UntypedBool | UntypedInt | UntypedRune | UntypedFloat | UntypedString | UntypedNil
        )
    }

    pub fn is_integer(self) -> bool {
        use Basic::*;
        matches!(
            self,
            Int | Int8
                | Int16
                | Int32
                | Int64
                | Uint
                | Uint8
                | Uint16
                | Uint32
                | Uint64
                | Uintptr
                | UntypedInt
                | UntypedRune
        )
    }

    pub fn is_unsigned(self) -> bool {
        use Basic::*;
        matches!(self, Uint | Uint8 | Uint16 | Uint32 | Uint64 | Uintptr)
    }

    pub fn is_float(self) -> bool {
        matches!(self, Basic::Float32 | Basic::Float64 | Basic::UntypedFloat)
    }

    pub fn is_numeric(self) -> bool {
        self.is_integer() || self.is_float()
    }

    pub fn is_string(self) -> bool {
        matches!(self, Basic::String | Basic::UntypedString)
    }

    pub fn is_boolean(self) -> bool {
        matches!(self, Basic::Bool | Basic::UntypedBool)
    }

    /// Size in bits of a sized numeric type (`int`, `uint` and `uintptr` are 64-bit).
    pub fn bits(self) -> Option<u32> {
        use Basic::*;
        match self {
            Int8 | Uint8 => Some(8),
            Int16 | Uint16 => Some(16),
            Int32 | Uint32 | Float32 => Some(32),
            Int | Int64 | Uint | Uint64 | Uintptr | Float64 => Some(64),
            _ => None,
        }
    }

    /// The type an untyped constant of this kind gets when nothing else decides:
    /// `untyped int` → `int`, `untyped rune` → `rune` (`int32`), and so on.
    pub fn default_type(self) -> Basic {
        use Basic::*;
        match self {
            UntypedBool => Bool,
            UntypedInt => Int,
            UntypedRune => Int32,
            UntypedFloat => Float64,
            UntypedString => String,
            other => other,
        }
    }
}

/// A struct field. Field names and tags are part of struct identity, as in Go.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Field {
    pub name: Name,
    pub ty: TypeId,
    /// Declared as an embedded field (`T` or `*T`); `name` is then the type's name.
    pub embedded: bool,
    pub tag: Option<String>,
    /// The object of the field (for position and package, used by export checks).
    pub obj: ObjectId,
}

/// A function signature. Parameter names are not part of identity and live on the
/// function's objects, not here.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Signature {
    pub params: Vec<TypeId>,
    pub results: Vec<TypeId>,
    /// The last parameter is `...T`; its entry in `params` is the slice type `[]T`.
    pub variadic: bool,
}

/// An interface method: its name and signature (without receiver).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Method {
    pub name: Name,
    pub sig: TypeId,
    pub obj: ObjectId,
}

/// One term of a type set: `T` or `~T`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Term {
    pub tilde: bool,
    pub ty: TypeId,
}

/// An interface after its embedded interfaces are flattened: the complete method set,
/// sorted by name, and the type set it restricts to (`None` = all types; `Some(terms)` = the
/// union of `terms`, intersected across embedded constraints). `comparable` is separate
/// because it is not expressible as a union.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Interface {
    pub methods: Vec<Method>,
    pub terms: Option<Vec<Term>>,
    pub comparable: bool,
}

impl Interface {
    /// A basic (method-only) interface: usable as a value type, not only as a constraint.
    pub fn is_basic(&self) -> bool {
        self.terms.is_none() && !self.comparable
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Type {
    Basic(Basic),
    Pointer(TypeId),
    Slice(TypeId),
    Array {
        len: u64,
        elem: TypeId,
    },
    Map {
        key: TypeId,
        value: TypeId,
    },
    Chan {
        dir: ChanDir,
        elem: TypeId,
    },
    Struct(Vec<Field>),
    Func(Signature),
    Interface(Interface),
    /// The type of a multi-value expression (a call with several results); never the type
    /// of a variable.
    Tuple(Vec<TypeId>),
    Named(NamedId),
    TypeParam(TypeParamId),
}

/// A defined type: `type Celsius float64`, `type Stack[T any] struct{...}`, or an
/// instance `Stack[int]` of a generic one.
#[derive(Clone, Debug)]
pub struct NamedInfo {
    /// The type name's object (name, package, position).
    pub obj: ObjectId,
    /// The underlying type; `TypeId::INVALID` until the declaration is checked (and for a
    /// declaration cycle, which is reported).
    pub underlying: TypeId,
    /// Methods declared on this type (value and pointer receivers), as function objects,
    /// in declaration order. For an instance, these are the origin's methods; their
    /// signatures are substituted on lookup.
    pub methods: Vec<ObjectId>,
    /// The type parameters of a generic declaration (empty otherwise and for instances).
    pub tparams: Vec<TypeParamId>,
    /// For an instance: the generic type it instantiates and the type arguments.
    pub origin: Option<NamedId>,
    pub targs: Vec<TypeId>,
}

/// A type parameter: its name, its constraint (an interface type) and its position among
/// its declaration's parameters.
#[derive(Clone, Debug)]
pub struct TypeParamInfo {
    pub obj: ObjectId,
    pub constraint: TypeId,
    pub index: u32,
}

/// The arena of all types of one program. `Clone` lets the compiler extend a copy with
/// the substituted types of generic instances without mutating the checked program.
#[derive(Clone, Debug)]
pub struct Types {
    types: IndexSet<Type, rustc_hash::FxBuildHasher>,
    named: Vec<NamedInfo>,
    tparams: Vec<TypeParamInfo>,
}

impl TypeId {
    pub const INVALID: TypeId = TypeId(0);
    pub const BOOL: TypeId = TypeId(1);
    pub const INT: TypeId = TypeId(2);
    pub const INT8: TypeId = TypeId(3);
    pub const INT16: TypeId = TypeId(4);
    pub const INT32: TypeId = TypeId(5);
    pub const INT64: TypeId = TypeId(6);
    pub const UINT: TypeId = TypeId(7);
    pub const UINT8: TypeId = TypeId(8);
    pub const UINT16: TypeId = TypeId(9);
    pub const UINT32: TypeId = TypeId(10);
    pub const UINT64: TypeId = TypeId(11);
    pub const UINTPTR: TypeId = TypeId(12);
    pub const FLOAT32: TypeId = TypeId(13);
    pub const FLOAT64: TypeId = TypeId(14);
    pub const STRING: TypeId = TypeId(15);
    pub const UNTYPED_BOOL: TypeId = TypeId(16);
    pub const UNTYPED_INT: TypeId = TypeId(17);
    pub const UNTYPED_RUNE: TypeId = TypeId(18);
    pub const UNTYPED_FLOAT: TypeId = TypeId(19);
    pub const UNTYPED_STRING: TypeId = TypeId(20);
    pub const UNTYPED_NIL: TypeId = TypeId(21);
    /// `byte` is an alias of `uint8`.
    pub const BYTE: TypeId = TypeId::UINT8;
    /// `rune` is an alias of `int32`.
    pub const RUNE: TypeId = TypeId::INT32;
}

impl Default for Types {
    fn default() -> Self {
        Types::new()
    }
}

impl Types {
    /// An arena holding the basic types at their fixed ids.
    pub fn new() -> Types {
        let mut types = Types {
            types: IndexSet::default(),
            named: Vec::new(),
            tparams: Vec::new(),
        };
        for b in Basic::ALL {
            types.intern(Type::Basic(b));
        }
        types
    }

    /// The id of `ty`, adding it if it is new. Use for structural types; defined types and
    /// type parameters are created with [`Types::new_named`] and [`Types::new_type_param`].
    pub fn intern(&mut self, ty: Type) -> TypeId {
        let (idx, _) = self.types.insert_full(ty);
        TypeId(idx as u32)
    }

    pub fn get(&self, id: TypeId) -> &Type {
        match self.types.get_index(id.0 as usize) {
            Some(ty) => ty,
            None => unreachable!("type id {id:?} from another arena"),
        }
    }

    pub fn basic(&self, b: Basic) -> TypeId {
        TypeId(b as u32)
    }

    pub fn pointer(&mut self, elem: TypeId) -> TypeId {
        self.intern(Type::Pointer(elem))
    }

    pub fn slice(&mut self, elem: TypeId) -> TypeId {
        self.intern(Type::Slice(elem))
    }

    pub fn array(&mut self, len: u64, elem: TypeId) -> TypeId {
        self.intern(Type::Array { len, elem })
    }

    pub fn map(&mut self, key: TypeId, value: TypeId) -> TypeId {
        self.intern(Type::Map { key, value })
    }

    pub fn chan(&mut self, dir: ChanDir, elem: TypeId) -> TypeId {
        self.intern(Type::Chan { dir, elem })
    }

    pub fn func(&mut self, sig: Signature) -> TypeId {
        self.intern(Type::Func(sig))
    }

    pub fn tuple(&mut self, elems: Vec<TypeId>) -> TypeId {
        self.intern(Type::Tuple(elems))
    }

    /// A fresh defined type whose underlying type is set later with [`Types::named_mut`].
    pub fn new_named(&mut self, obj: ObjectId, tparams: Vec<TypeParamId>) -> TypeId {
        let id = NamedId(self.named.len() as u32);
        self.named.push(NamedInfo {
            obj,
            underlying: TypeId::INVALID,
            methods: Vec::new(),
            tparams,
            origin: None,
            targs: Vec::new(),
        });
        self.intern(Type::Named(id))
    }

    /// The instance `origin[targs]`, created on first use and shared afterwards. Its
    /// underlying type is left `INVALID` for the caller to substitute and fill in when
    /// `is_new` is true.
    pub fn instance(&mut self, origin: NamedId, targs: Vec<TypeId>) -> (TypeId, bool) {
        let existing = self
            .named
            .iter()
            .position(|n| n.origin == Some(origin) && n.targs == targs);
        if let Some(i) = existing {
            return (self.intern(Type::Named(NamedId(i as u32))), false);
        }
        let info = &self.named[origin.0 as usize];
        let inst = NamedInfo {
            obj: info.obj,
            underlying: TypeId::INVALID,
            methods: info.methods.clone(),
            tparams: Vec::new(),
            origin: Some(origin),
            targs,
        };
        let id = NamedId(self.named.len() as u32);
        self.named.push(inst);
        (self.intern(Type::Named(id)), true)
    }

    pub fn named(&self, id: NamedId) -> &NamedInfo {
        &self.named[id.0 as usize]
    }

    pub fn named_mut(&mut self, id: NamedId) -> &mut NamedInfo {
        &mut self.named[id.0 as usize]
    }

    /// How many defined types (including instances) exist: `NamedId`s are `0..count`.
    pub fn named_count(&self) -> u32 {
        self.named.len() as u32
    }

    pub fn new_type_param(&mut self, obj: ObjectId, index: u32) -> TypeId {
        let id = TypeParamId(self.tparams.len() as u32);
        self.tparams.push(TypeParamInfo {
            obj,
            constraint: TypeId::INVALID,
            index,
        });
        self.intern(Type::TypeParam(id))
    }

    pub fn type_param(&self, id: TypeParamId) -> &TypeParamInfo {
        &self.tparams[id.0 as usize]
    }

    pub fn type_param_mut(&mut self, id: TypeParamId) -> &mut TypeParamInfo {
        &mut self.tparams[id.0 as usize]
    }

    /// The underlying type: itself for everything but defined types (and a type
    /// parameter, whose "underlying" is its constraint interface, as in go/types).
    pub fn underlying(&self, id: TypeId) -> TypeId {
        match self.get(id) {
            Type::Named(n) => self.named(*n).underlying,
            Type::TypeParam(p) => self.type_param(*p).constraint,
            _ => id,
        }
    }

    /// The basic kind of `id`'s underlying type, if it is a basic type.
    pub fn basic_kind(&self, id: TypeId) -> Option<Basic> {
        match self.get(self.underlying(id)) {
            Type::Basic(b) => Some(*b),
            _ => None,
        }
    }

    pub fn len(&self) -> usize {
        self.types.len()
    }

    pub fn is_empty(&self) -> bool {
        self.types.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_ids_are_fixed() {
        let types = Types::new();
        for (i, b) in Basic::ALL.iter().enumerate() {
            assert_eq!(types.get(TypeId(i as u32)), &Type::Basic(*b));
        }
        assert_eq!(types.basic(Basic::Float64), TypeId::FLOAT64);
        assert_eq!(types.basic(Basic::UntypedNil), TypeId::UNTYPED_NIL);
    }

    #[test]
    fn structural_types_are_interned() {
        let mut types = Types::new();
        let a = types.slice(TypeId::INT);
        let b = types.slice(TypeId::INT);
        let c = types.slice(TypeId::STRING);
        assert_eq!(a, b);
        assert_ne!(a, c);
        let m1 = types.map(TypeId::STRING, a);
        let m2 = types.map(TypeId::STRING, b);
        assert_eq!(m1, m2);
    }

    #[test]
    fn defined_types_are_distinct_and_instances_shared() {
        let mut types = Types::new();
        let t1 = types.new_named(ObjectId(0), Vec::new());
        let t2 = types.new_named(ObjectId(0), Vec::new());
        assert_ne!(t1, t2);
        let Type::Named(origin) = *types.get(t1) else {
            unreachable!("just made")
        };
        let (i1, new1) = types.instance(origin, vec![TypeId::INT]);
        let (i2, new2) = types.instance(origin, vec![TypeId::INT]);
        let (i3, _) = types.instance(origin, vec![TypeId::STRING]);
        assert!(new1 && !new2);
        assert_eq!(i1, i2);
        assert_ne!(i1, i3);
    }
}
