//! Map instructions: `make`, lookup (with and without `ok`), assignment, `delete`, `len`.
//!
//! This module owns map semantics (a nil map reads as empty and panics on write). The table
//! itself is `map::MapTable`; its lock is what keeps racing writers from corrupting it.

use crate::heap::object::MapObj;
use crate::map::{KeyKind, MapTable};
use crate::op::TypeIdx;
use crate::panic::PanicKind;
use crate::program::TypeKind;
use crate::vm::Vm;

/// `make(map[K]V)` for the map type `ty`.
#[cfg_attr(feature = "bench", inline(never))]
pub fn make(vm: &Vm, ty: TypeIdx) -> u64 {
    let program = &vm.program;
    let (key_ty, key, value) = match program.ty(ty).kind {
        TypeKind::Map { key, value } => (key, program.ty(key), program.ty(value)),
        _ => unreachable!("the verifier checks MakeMap names a map type"),
    };
    let key_kind = match key.kind {
        TypeKind::String => KeyKind::String,
        TypeKind::Float(_) => KeyKind::Float,
        TypeKind::Interface { .. } => KeyKind::Iface,
        TypeKind::Struct { .. } | TypeKind::Array { .. } => KeyKind::Composite(key_ty),
        _ => KeyKind::Word,
    };
    // A struct or array key word points to an object, which the collector must trace
    // whatever the descriptor's one-word flag says.
    let key_is_pointer = key.is_pointer || matches!(key_kind, KeyKind::Composite(_));
    let table = MapTable::new(key_kind, key_is_pointer, value.is_pointer);
    vm.heap.alloc_map(ty.0, table)
}

/// The map object behind a non-nil map value.
///
/// # Safety
/// `m` must be 0 or a live map.
unsafe fn map<'a>(m: u64) -> Option<&'a MapObj> {
    // SAFETY: forwarded from the caller.
    (m != 0).then(|| unsafe { &*(m as *const MapObj) })
}

/// `m[key]`, and whether it was present.
///
/// # Safety
/// `m` must be 0 or a live map and `key` a live value of its key type.
#[cfg_attr(feature = "bench", inline(never))]
pub unsafe fn get(vm: &Vm, m: u64, key: u64) -> (u64, bool) {
    // SAFETY: forwarded from the caller.
    match unsafe { map(m) } {
        None => (0, false),
        // SAFETY: forwarded from the caller.
        Some(obj) => match unsafe { obj.table.lock().get(key, &vm.program) } {
            Some(v) => (v, true),
            None => (0, false),
        },
    }
}

/// `m[key] = value`
///
/// # Safety
/// `m` must be 0 or a live map and `key` a live value of its key type.
#[cfg_attr(feature = "bench", inline(never))]
pub unsafe fn set(vm: &Vm, m: u64, key: u64, value: u64) -> Result<(), PanicKind> {
    // SAFETY: forwarded from the caller.
    let obj = unsafe { map(m) }.ok_or(PanicKind::NilMapWrite)?;
    let program = &vm.program;
    let mut table = obj.table.lock();
    let mut key = key;
    if let KeyKind::Composite(key_ty) = table.key_kind {
        // A new composite key is stored as the map's own copy, so that changing the
        // caller's variable later cannot change the key inside the map.
        // SAFETY: forwarded from the caller.
        if !unsafe { table.contains(key, program) } {
            // SAFETY: forwarded from the caller.
            key = unsafe { crate::map::deep_copy(&vm.heap, program, key_ty, key) };
        }
    }
    // SAFETY: forwarded from the caller; a copy is a live value of the same type.
    unsafe { table.set(key, value, program) };
    Ok(())
}

/// `delete(m, key)`; a nil map is a no-op, as in Go.
///
/// # Safety
/// `m` must be 0 or a live map and `key` a live value of its key type.
#[cfg_attr(feature = "bench", inline(never))]
pub unsafe fn delete(vm: &Vm, m: u64, key: u64) {
    // SAFETY: forwarded from the caller.
    if let Some(obj) = unsafe { map(m) } {
        // SAFETY: forwarded from the caller.
        unsafe { obj.table.lock().delete(key, &vm.program) };
    }
}

/// `len(m)`
///
/// # Safety
/// `m` must be 0 or a live map.
#[cfg_attr(feature = "bench", inline(never))]
pub unsafe fn len(m: u64) -> u64 {
    // SAFETY: forwarded from the caller.
    unsafe { map(m) }.map_or(0, |obj| obj.table.lock().len() as u64)
}

/// The keys of `m`, as a new slice of slice type `ty`.
///
/// # Safety
/// `m` must be 0 or a live map.
#[cfg_attr(feature = "bench", inline(never))]
pub unsafe fn keys(vm: &Vm, m: u64, ty: TypeIdx) -> u64 {
    // SAFETY: forwarded from the caller.
    let keys: Vec<u64> = match unsafe { map(m) } {
        None => return 0,
        Some(obj) => obj.table.lock().words().map(|(k, _)| k).collect(),
    };
    let array = vm.heap.alloc_words(u32::from(ty.0), keys.len());
    for (i, &k) in keys.iter().enumerate() {
        // SAFETY: `array` has `keys.len()` words.
        unsafe { crate::heap::object::store_slot(array, i, k) };
    }
    vm.heap.alloc_slice(array, 0, keys.len(), keys.len())
}
