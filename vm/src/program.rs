//! A loaded program: functions, constants, type descriptors (with pointer layouts and method
//! tables), interface method tables and natives. This is what the compiler produces and what
//! every goroutine of one VM shares, read-only, behind an `Arc`.
//!
//! This module owns the data shapes only. Checking that a program is well formed is
//! `verify`; running it is `exec`.
//!
//! Invariants (established by `verify::check_program` before anything runs):
//! - Every index stored here (a function's `FuncIdx`, an itab's `TypeIdx`, ...) is in range.
//! - A type's `layout` describes the words of the heap objects allocated with that type.

use std::collections::HashMap;
use std::sync::Arc;

use crate::native::NativeFn;
use crate::op::{FuncIdx, ItabIdx, Op, TypeIdx};

/// A whole program, ready to run.
#[derive(Default)]
pub struct Program {
    /// Every function; `entry` names the one a main goroutine starts in.
    pub functions: Vec<Function>,
    /// Constants referenced by `LoadConst`.
    pub consts: Vec<Const>,
    /// Type descriptors referenced by `TypeIdx`.
    pub types: Vec<TypeDesc>,
    /// Interface method tables (Go's itab): which function implements each method of an
    /// interface for one concrete type.
    pub itabs: Vec<Itab>,
    /// Native functions callable with `CallNative`.
    pub natives: Vec<NativeFn>,
    /// The number of global variables (one word each).
    pub n_globals: u16,
    /// Each global's identity, `pkg.name type` (`main.x int`), indexed by `GlobalIdx`; empty
    /// when the producer does not name them. `Vm::extend` matches globals across programs
    /// by it, so a global keeps its slot while its name and type stay the same.
    pub global_names: Vec<String>,
    /// The types the VM itself needs to build values (recovered run-time errors).
    pub well_known: WellKnown,
}

/// Types the VM must know to build values on its own.
#[derive(Clone, Copy, Default, Debug)]
pub struct WellKnown {
    /// The dynamic type of a recovered run-time error (`runtime.Error`); its data word is a
    /// string holding the message. Without it a recovered run-time error is a plain string.
    pub runtime_error: Option<TypeIdx>,
    /// The `string` type, used to box panic messages that are strings.
    pub string: Option<TypeIdx>,
}

/// One compiled function.
#[derive(Clone, Debug, Default)]
pub struct Function {
    /// The Go name, qualified as stack traces print it: `main.fib`, `main.(*T).M`,
    /// `main.main.func1`.
    pub name: String,
    /// The instructions.
    pub code: Arc<[Op]>,
    /// The number of registers a frame of this function needs (at most 256).
    pub n_regs: u16,
    /// The number of parameters, passed in `R[0..n_params]`.
    pub n_params: u8,
    /// The number of results `Return` hands back.
    pub n_results: u8,
    /// Which registers may hold a heap pointer at a safepoint (a call, a backward jump, an
    /// allocation); the collector scans only these. Bit `r` of word `r / 64`.
    pub ptr_regs: Vec<u64>,
    /// Which captured values of a closure of this function are heap pointers.
    pub capture_ptrs: Vec<bool>,
    /// Where execution resumes after a deferred call of this function recovered a panic: code
    /// that runs the remaining defers and returns the named results. `None` returns zeros.
    pub recover_pc: Option<u32>,
    /// Source lines: `(first pc, line)` pairs sorted by pc.
    pub lines: Vec<(u32, u32)>,
}

impl Function {
    /// The source line of the instruction at `pc`, or 0 when unknown.
    pub fn line_at(&self, pc: usize) -> u32 {
        let idx = self
            .lines
            .partition_point(|&(start, _)| start as usize <= pc);
        match idx.checked_sub(1) {
            Some(i) => self.lines.get(i).map_or(0, |&(_, line)| line),
            None => 0,
        }
    }

    /// Whether register `r` may hold a heap pointer.
    pub fn may_hold_pointer(&self, r: usize) -> bool {
        self.ptr_regs
            .get(r / 64)
            .is_some_and(|word| word & (1 << (r % 64)) != 0)
    }

    /// Marks registers `regs` as possibly holding pointers (a helper for code generators).
    pub fn mark_pointer_regs(&mut self, regs: impl IntoIterator<Item = u8>) {
        for r in regs {
            let word = usize::from(r) / 64;
            if self.ptr_regs.len() <= word {
                self.ptr_regs.resize(word + 1, 0);
            }
            self.ptr_regs[word] |= 1 << (r % 64);
        }
    }
}

/// A constant.
#[derive(Clone, Debug, PartialEq)]
pub enum Const {
    /// An integer of any width, already normalized.
    Int(i64),
    /// A float64 (or a float32 rounded to single precision).
    Float(f64),
    /// A string; the VM allocates it once, as a permanent heap object.
    Str(Arc<str>),
    /// A string that is not valid UTF-8 (`"\xff"`: Go strings hold arbitrary bytes),
    /// allocated like `Str`.
    Bytes(Arc<[u8]>),
}

/// What kind of Go type a descriptor describes.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeKind {
    /// bool
    Bool,
    /// A signed integer of the given width in bits.
    Int(u8),
    /// An unsigned integer of the given width in bits.
    Uint(u8),
    /// float32 or float64 (bits).
    Float(u8),
    /// string
    String,
    /// `*T`
    Pointer(TypeIdx),
    /// A struct; its words are laid out as `layout` says.
    Struct { n_fields: u8 },
    /// `[n]T`
    Array { elem: TypeIdx, len: u32 },
    /// `[]T`
    Slice { elem: TypeIdx },
    /// `map[K]V`
    Map { key: TypeIdx, value: TypeIdx },
    /// `chan T`
    Chan { elem: TypeIdx },
    /// A func type.
    Func,
    /// An interface with these method names, sorted (Go's order).
    Interface { methods: Vec<String> },
}

/// Which words of a heap object allocated with a type hold heap pointers.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum Layout {
    /// No word is a pointer.
    #[default]
    Scalars,
    /// Every word is a pointer (arrays of pointers, strings, slices, ...).
    Pointers,
    /// Word `i` is a pointer when `bits[i]` is set (structs).
    Mixed(Vec<bool>),
}

impl Layout {
    /// Whether word `i` of an object with this layout holds a pointer.
    pub fn is_pointer(&self, i: usize) -> bool {
        match self {
            Layout::Scalars => false,
            Layout::Pointers => true,
            Layout::Mixed(bits) => bits.get(i).copied().unwrap_or(false),
        }
    }
}

/// A type descriptor.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeDesc {
    /// The name `%T` and panic messages print: `int`, `main.Square`, `*main.Node`,
    /// `interface {}`, `fmt.Stringer`.
    pub name: String,
    /// What kind of type this is.
    pub kind: TypeKind,
    /// Whether a value of this type (one word) is a heap pointer: true for pointers, strings,
    /// slices, maps, channels, funcs and interfaces (their words point to heap boxes).
    pub is_pointer: bool,
    /// For structs and arrays: the pointer layout of an object of this type. For slices: the
    /// layout of the backing array. For maps: unused (`key`/`value` types say it).
    pub layout: Layout,
    /// The methods of this concrete type: `(name, function)` sorted by name. An interface
    /// method table is built from these.
    pub methods: Vec<(String, FuncIdx)>,
    /// Go's size of a value of this type in bytes (`unsafe.Sizeof`). The VM stores every value
    /// in one word; this only makes `append` grow capacities exactly as Go does.
    pub size: u64,
    /// For structs: each field's name and type, in declaration order (word `i` of the object
    /// is field `i`). `fmt` walks these to print `{1 2}`, `{X:1 Y:2}` and `main.T{X:1, Y:2}`.
    /// Empty for every other kind.
    pub fields: Vec<FieldDesc>,
}

/// One field of a struct type, as `fmt` needs it.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldDesc {
    /// The field name (for an embedded field, the type's name).
    pub name: String,
    /// The field's type.
    pub ty: TypeIdx,
}

impl TypeDesc {
    /// A descriptor with no methods and no pointers, and Go's size for its kind (a compiler
    /// sets the exact size of structs and arrays of non-word elements).
    pub fn scalar(name: &str, kind: TypeKind) -> TypeDesc {
        let size = go_size(&kind);
        TypeDesc {
            name: name.to_string(),
            kind,
            is_pointer: false,
            layout: Layout::Scalars,
            methods: Vec::new(),
            size,
            fields: Vec::new(),
        }
    }

    /// The number of words an object of this type has, when it is fixed.
    pub fn object_words(&self) -> usize {
        match &self.kind {
            TypeKind::Struct { n_fields } => usize::from(*n_fields),
            TypeKind::Array { len, .. } => *len as usize,
            _ => 1,
        }
    }
}

/// Go's size of a value of `kind`, assuming word-sized struct fields and array elements.
pub fn go_size(kind: &TypeKind) -> u64 {
    match kind {
        TypeKind::Bool => 1,
        TypeKind::Int(bits) | TypeKind::Uint(bits) | TypeKind::Float(bits) => u64::from(*bits) / 8,
        TypeKind::String | TypeKind::Interface { .. } => 16,
        TypeKind::Slice { .. } => 24,
        TypeKind::Pointer(_) | TypeKind::Map { .. } | TypeKind::Chan { .. } | TypeKind::Func => 8,
        TypeKind::Struct { n_fields } => 8 * u64::from(*n_fields),
        TypeKind::Array { len, .. } => 8 * u64::from(*len),
    }
}

/// An interface method table: the functions that implement `iface`'s methods for the
/// concrete type `ty`, in the interface's method order.
#[derive(Clone, Debug, PartialEq)]
pub struct Itab {
    /// The interface type.
    pub iface: TypeIdx,
    /// The concrete type.
    pub ty: TypeIdx,
    /// One function per interface method.
    pub methods: Vec<FuncIdx>,
}

/// Interface method tables looked up by `(interface, concrete type)`, for conversions whose
/// concrete type is only known at run time (assertions to an interface type).
#[derive(Default, Debug)]
pub struct ItabIndex {
    by_pair: HashMap<(u16, u16), ItabIdx>,
}

impl ItabIndex {
    /// Indexes every itab of `program`.
    pub fn new(program: &Program) -> ItabIndex {
        let by_pair = program
            .itabs
            .iter()
            .enumerate()
            .filter_map(|(i, it)| Some(((it.iface.0, it.ty.0), ItabIdx(u16::try_from(i).ok()?))))
            .collect();
        ItabIndex { by_pair }
    }

    /// The itab of `ty` as an `iface`, if `ty` implements it.
    pub fn find(&self, iface: TypeIdx, ty: TypeIdx) -> Option<ItabIdx> {
        self.by_pair.get(&(iface.0, ty.0)).copied()
    }
}

impl Program {
    /// The function `f`. The verifier guarantees every `FuncIdx` in code is in range.
    pub fn function(&self, f: FuncIdx) -> &Function {
        match self.functions.get(usize::from(f.0)) {
            Some(it) => it,
            None => unreachable!("verified code names only existing functions"),
        }
    }

    /// The type `t`. The verifier guarantees every `TypeIdx` in code is in range.
    pub fn ty(&self, t: TypeIdx) -> &TypeDesc {
        match self.types.get(usize::from(t.0)) {
            Some(it) => it,
            None => unreachable!("verified code names only existing types"),
        }
    }

    /// Looks up a function by its Go name.
    pub fn function_named(&self, name: &str) -> Option<FuncIdx> {
        let idx = self.functions.iter().position(|f| f.name == name)?;
        u16::try_from(idx).ok().map(FuncIdx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_table_maps_each_pc_to_the_last_entry_at_or_before_it() {
        let f = Function {
            lines: vec![(0, 10), (3, 11), (7, 14)],
            ..Function::default()
        };
        assert_eq!(f.line_at(0), 10);
        assert_eq!(f.line_at(2), 10);
        assert_eq!(f.line_at(3), 11);
        assert_eq!(f.line_at(100), 14);
    }

    #[test]
    fn pointer_registers_are_a_bitset() {
        let mut f = Function::default();
        f.mark_pointer_regs([1, 70]);
        assert!(f.may_hold_pointer(1));
        assert!(f.may_hold_pointer(70));
        assert!(!f.may_hold_pointer(2));
        assert!(!f.may_hold_pointer(200));
    }
}
