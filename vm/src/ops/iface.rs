//! Interface instructions: boxing, conversion between interface types, type assertions,
//! type-switch support, equality and method lookup.
//!
//! This module owns the interface value model: a non-nil interface is a pointer to an
//! immutable `IfaceObj { ty, itab, data }`; the nil interface is 0. The itab names the
//! interface type the value is currently held as, which is what panic messages print.

use crate::heap::object::{IfaceObj, NO_ITAB, string_bytes};
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
    if x.ty != y.ty {
        return false;
    }
    match vm.program.ty(TypeIdx(x.ty)).kind {
        // SAFETY: the dynamic type says the data words are strings.
        TypeKind::String => unsafe { string_bytes(x.data) == string_bytes(y.data) },
        TypeKind::Float(_) => f64::from_bits(x.data) == f64::from_bits(y.data),
        _ => x.data == y.data,
    }
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
