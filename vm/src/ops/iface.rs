//! Interface instructions: boxing, conversion between interface types, type assertions,
//! type-switch support, equality and method lookup.
//!
//! This module owns the interface value model: a non-nil interface is a pointer to an
//! immutable `IfaceObj { ty, itab, data }`; the nil interface is 0. The itab names the
//! interface type the value is currently held as, which is what panic messages print.

use crate::heap::object::{Header, IfaceObj, Kind, NO_ITAB, load_slot, string_bytes};
use crate::op::{FuncIdx, TypeIdx};
use crate::panic::PanicKind;
use crate::program::TypeKind;
use crate::vm::Vm;

/// The box behind a non-nil interface value.
///
/// # Safety
/// `v` must be 0 or a live interface box.
#[inline(always)]
pub unsafe fn boxed<'a>(v: u64) -> Option<&'a IfaceObj> {
    // SAFETY: forwarded from the caller; boxes are immutable.
    (v != 0).then(|| unsafe { &*(v as *const IfaceObj) })
}

/// `v.(ty)` for a concrete type `ty`: the data word, or why not.
///
/// # Safety
/// `v` must be 0 or a live interface box.
#[cfg_attr(feature = "bench", inline(never))]
pub unsafe fn assert_type(vm: &Vm, v: u64, ty: TypeIdx, iface: TypeIdx) -> Result<u64, PanicKind> {
    // SAFETY: forwarded from the caller.
    let b = unsafe { boxed(v) };
    match b {
        Some(b) if b.ty == ty.0 => Ok(b.data),
        _ => Err(PanicKind::InterfaceConversion {
            iface: vm.type_name(iface).to_string(),
            actual: b.map(|b| vm.type_name(TypeIdx(b.ty)).to_string()),
            want: vm.type_name(ty).to_string(),
        }),
    }
}

/// The method names of interface type `iface`.
fn methods_of(vm: &Vm, iface: TypeIdx) -> &[String] {
    match vm.program.types.get(usize::from(iface.0)).map(|t| &t.kind) {
        Some(TypeKind::Interface { methods }) => methods,
        _ => &[],
    }
}

/// `v.(iface)` for an interface type: a box of the same value held as `iface`, or why not.
///
/// # Safety
/// `v` must be 0 or a live interface box.
#[cfg_attr(feature = "bench", inline(never))]
pub unsafe fn assert_iface(vm: &Vm, v: u64, iface: TypeIdx) -> Result<u64, PanicKind> {
    // SAFETY: forwarded from the caller.
    let Some(b) = (unsafe { boxed(v) }) else {
        return Err(PanicKind::InterfaceConversion {
            iface: "interface".to_string(),
            actual: None,
            want: vm.type_name(iface).to_string(),
        });
    };
    let wanted = methods_of(vm, iface);
    if wanted.is_empty() {
        return Ok(vm.heap.alloc_iface(b.ty, NO_ITAB, b.data));
    }
    if let Some(itab) = vm.itabs.find(iface, TypeIdx(b.ty)) {
        return Ok(vm.heap.alloc_iface(b.ty, itab.0, b.data));
    }
    let have = &vm.program.ty(TypeIdx(b.ty)).methods;
    let missing = wanted
        .iter()
        .find(|m| !have.iter().any(|(name, _)| name == *m))
        .cloned()
        .unwrap_or_default();
    Err(PanicKind::MissingMethod {
        actual: vm.type_name(TypeIdx(b.ty)).to_string(),
        want: vm.type_name(iface).to_string(),
        method: missing,
    })
}

/// Converts a non-nil interface to interface type `iface` (a conversion the checker proved
/// valid); nil stays nil.
///
/// # Safety
/// `v` must be 0 or a live interface box.
#[cfg_attr(feature = "bench", inline(never))]
pub unsafe fn convert(vm: &Vm, v: u64, iface: TypeIdx) -> Result<u64, PanicKind> {
    if v == 0 {
        return Ok(0);
    }
    // SAFETY: forwarded from the caller.
    unsafe { assert_iface(vm, v, iface) }
}

/// The function implementing method `method` of the interface value `v`, and its receiver.
///
/// # Safety
/// `v` must be 0 or a live interface box.
#[inline(always)]
pub unsafe fn method(vm: &Vm, v: u64, method: u8) -> Result<(FuncIdx, u64), PanicKind> {
    // SAFETY: forwarded from the caller.
    let b = unsafe { boxed(v) }.ok_or(PanicKind::NilDeref)?;
    let itab = vm
        .program
        .itabs
        .get(usize::from(b.itab))
        .ok_or(PanicKind::NilDeref)?;
    let func = itab
        .methods
        .get(usize::from(method))
        .ok_or(PanicKind::NilDeref)?;
    Ok((*func, b.data))
}

/// `a == b` for interface values: same dynamic type and equal values.
///
/// # Safety
/// `a` and `b` must be 0 or live interface boxes.
#[cfg_attr(feature = "bench", inline(never))]
pub unsafe fn equal(vm: &Vm, a: u64, b: u64) -> bool {
    if a == b {
        return true;
    }
    // SAFETY: forwarded from the caller.
    let (Some(x), Some(y)) = (unsafe { boxed(a) }, unsafe { boxed(b) }) else {
        return false;
    };
    // SAFETY: both data words are live values of their (equal) dynamic type.
    x.ty == y.ty && unsafe { values_equal(vm, TypeIdx(x.ty), x.data, y.data) }
}

/// Go's `==` on two values of type `ty`. Struct and array values are pointers to their
/// objects, so they are compared field by field (element by element), never by address:
/// two `struct{}{}` keys of one type are equal, as `context.Value` lookups rely on.
///
/// # Safety
/// `a` and `b` must be live values of type `ty`.
unsafe fn values_equal(vm: &Vm, ty: TypeIdx, a: u64, b: u64) -> bool {
    let desc = vm.program.ty(ty);
    match &desc.kind {
        // SAFETY: the type says the words are strings.
        TypeKind::String => unsafe { string_bytes(a) == string_bytes(b) },
        TypeKind::Float(_) => f64::from_bits(a) == f64::from_bits(b),
        // SAFETY: the type says the words are interface values.
        TypeKind::Interface { .. } => unsafe { equal(vm, a, b) },
        TypeKind::Struct { .. } => desc.fields.iter().enumerate().all(|(i, field)| {
            // SAFETY: the words are struct objects of this type (or the zero word).
            unsafe { values_equal(vm, field.ty, object_word(a, i), object_word(b, i)) }
        }),
        TypeKind::Array { elem, len } => (0..*len as usize).all(|i| {
            // SAFETY: the words are array objects of this type (or the zero word).
            unsafe { values_equal(vm, *elem, object_word(a, i), object_word(b, i)) }
        }),
        _ => a == b,
    }
}

/// Word `i` of the struct or array object `obj`: 0 for the zero word (a zero value that
/// was never allocated) and past the object's end.
///
/// # Safety
/// `obj` must be 0 or a live `Words` object.
unsafe fn object_word(obj: u64, i: usize) -> u64 {
    let header = obj as *const Header;
    // SAFETY: a non-zero word is a live object; its kind and length are checked before
    // slot `i` is read.
    if obj == 0 || unsafe { (*header).kind() != Kind::Words || i >= (*header).len() } {
        return 0;
    }
    // SAFETY: as above.
    unsafe { load_slot(header, i) }
}

/// The dynamic type index of `v`, or -1 for nil (type switches compare it to constants).
///
/// # Safety
/// `v` must be 0 or a live interface box.
#[cfg_attr(feature = "bench", inline(never))]
pub unsafe fn dynamic_type(v: u64) -> u64 {
    // SAFETY: forwarded from the caller.
    unsafe { boxed(v) }.map_or(u64::MAX, |b| u64::from(b.ty))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::heap::object::store_slot;
    use crate::program::{FieldDesc, Program, TypeDesc};
    use crate::vm::Config;

    const INT: TypeIdx = TypeIdx(0);
    const STRING: TypeIdx = TypeIdx(1);
    const PAIR: TypeIdx = TypeIdx(2);
    const OTHER: TypeIdx = TypeIdx(3);

    /// A program whose types are `int`, `string` and two struct types `{int; string}`.
    fn vm() -> std::sync::Arc<Vm> {
        let pair = |name: &str| {
            let mut desc = TypeDesc::scalar(name, TypeKind::Struct { n_fields: 2 });
            desc.fields = vec![
                FieldDesc {
                    name: "a".into(),
                    ty: INT,
                },
                FieldDesc {
                    name: "b".into(),
                    ty: STRING,
                },
            ];
            desc
        };
        let types = vec![
            TypeDesc::scalar("int", TypeKind::Int(64)),
            TypeDesc::scalar("string", TypeKind::String),
            pair("main.pair"),
            pair("main.other"),
        ];
        let program = Program {
            types,
            ..Program::default()
        };
        Vm::new(program, Config::default()).expect("an empty program verifies")
    }

    /// `ty{a, b}` boxed in an interface.
    fn boxed_pair(vm: &Vm, ty: TypeIdx, a: u64, b: &str) -> u64 {
        let obj = vm.heap.alloc_words(u32::from(ty.0), 2);
        // SAFETY: `obj` is a fresh two-word object.
        unsafe {
            store_slot(obj, 0, a);
            store_slot(obj, 1, vm.heap.alloc_string(b.as_bytes()));
        }
        vm.heap.alloc_iface(ty.0, NO_ITAB, obj as u64)
    }

    #[test]
    fn struct_values_in_interfaces_compare_by_fields_not_by_address() {
        let vm = vm();
        let x = boxed_pair(&vm, PAIR, 1, "z");
        let same = boxed_pair(&vm, PAIR, 1, "z");
        let other_int = boxed_pair(&vm, PAIR, 2, "z");
        let other_str = boxed_pair(&vm, PAIR, 1, "y");
        let other_type = boxed_pair(&vm, OTHER, 1, "z");
        // SAFETY: every word is a live interface box of this VM's heap.
        unsafe {
            assert!(equal(&vm, x, same));
            assert!(!equal(&vm, x, other_int));
            assert!(!equal(&vm, x, other_str));
            assert!(!equal(&vm, x, other_type));
            assert!(!equal(&vm, x, 0));
        }
    }

    #[test]
    fn a_zero_struct_word_equals_an_allocated_zero_struct() {
        let vm = vm();
        let allocated = vm.heap.alloc_words(u32::from(PAIR.0), 2) as u64;
        let a = vm.heap.alloc_iface(PAIR.0, NO_ITAB, allocated);
        let b = vm.heap.alloc_iface(PAIR.0, NO_ITAB, 0);
        // SAFETY: both are live interface boxes; a zero struct word reads as zero fields.
        assert!(unsafe { equal(&vm, a, b) });
    }
}
