//! Pointer instructions for one-word locations: making `&x.f`, `&a[i]`, `&s[i]` and
//! `&global`, and loading and storing through such pointers (`*p`).
//!
//! This module owns the checks (nil, bounds) and the slot accesses; the encoding of the
//! pointer word is `heap::pointer`. Pointers to structs and arrays are object addresses and
//! never come here.
//!
//! Invariant: every access goes through `heap::object::{load_slot, store_slot}`, on an index
//! the pointer's constructor checked, so the race-safety argument of the crate holds for
//! pointers too.

use crate::heap::Heap;
use crate::heap::object::{self, Header};
use crate::heap::pointer;
use crate::panic::PanicKind;

/// The object and index behind a pointer word, or Go's nil-dereference panic.
///
/// # Safety
/// `p` must be 0 or a pointer word to a live location.
#[inline(always)]
unsafe fn target(p: u64) -> Result<(*const Header, usize), PanicKind> {
    // SAFETY: forwarded from the caller.
    let Some((obj, i)) = (unsafe { pointer::decode(p) }) else {
        return Err(PanicKind::NilDeref);
    };
    // SAFETY: a decoded pointer names a live object.
    if i >= unsafe { (*obj).len() } {
        unreachable!("pointer constructors check the index");
    }
    Ok((obj, i))
}

/// `*p`
///
/// # Safety
/// `p` must be 0 or a pointer word to a live location.
#[inline(always)]
pub unsafe fn load(p: u64) -> Result<u64, PanicKind> {
    // SAFETY: forwarded from the caller; `target` checked the index.
    unsafe {
        let (obj, i) = target(p)?;
        Ok(object::load_slot(obj, i))
    }
}

/// `*p = v`
///
/// # Safety
/// `p` must be 0 or a pointer word to a live location.
#[inline(always)]
pub unsafe fn store(p: u64, v: u64) -> Result<(), PanicKind> {
    // SAFETY: forwarded from the caller; `target` checked the index.
    unsafe {
        let (obj, i) = target(p)?;
        object::store_slot(obj, i, v);
    }
    Ok(())
}

/// `&(*obj).field`
///
/// # Safety
/// `obj` must be 0 or a live `Words` object.
pub unsafe fn field(heap: &Heap, obj: u64, field: u8) -> Result<u64, PanicKind> {
    if obj == 0 {
        return Err(PanicKind::NilDeref);
    }
    let obj = obj as *const Header;
    let i = usize::from(field);
    // SAFETY: `obj` is live (the caller's contract).
    if i >= unsafe { (*obj).len() } {
        unreachable!("the compiler only takes the address of fields an object has");
    }
    // SAFETY: `i` is within the object.
    Ok(unsafe { pointer::encode(heap, obj, i) })
}

/// Checks `idx` against `len`, with Go's message.
fn bound(idx: u64, len: usize) -> Result<usize, PanicKind> {
    if idx >= len as u64 {
        return Err(PanicKind::IndexOutOfRange {
            idx: idx as i64,
            len: len as i64,
        });
    }
    Ok(idx as usize)
}

/// `&(*arr)[idx]` for an array object.
///
/// # Safety
/// `arr` must be 0 or a live `Words` object.
pub unsafe fn index(heap: &Heap, arr: u64, idx: u64) -> Result<u64, PanicKind> {
    if arr == 0 {
        return Err(PanicKind::NilDeref);
    }
    let obj = arr as *const Header;
    // SAFETY: `obj` is live; the index is checked against its length.
    unsafe {
        let i = bound(idx, (*obj).len())?;
        Ok(pointer::encode(heap, obj, i))
    }
}

/// `&s[idx]` for a slice.
///
/// # Safety
/// `s` must be 0 or a live slice header.
pub unsafe fn slice_elem(heap: &Heap, s: u64, idx: u64) -> Result<u64, PanicKind> {
    // SAFETY: forwarded from the caller; `off + idx < off + len <= array.len`.
    unsafe {
        let Some(h) = super::heap::header(s) else {
            return Err(bound(idx, 0).err().unwrap_or(PanicKind::NilDeref));
        };
        let i = bound(idx, h.len)?;
        Ok(pointer::encode(heap, h.array, h.off + i))
    }
}

/// `&globals[g]`
///
/// # Safety
/// `globals` must be the VM's live globals object, with more than `g` words.
pub unsafe fn global(heap: &Heap, globals: *const Header, g: u16) -> u64 {
    // SAFETY: forwarded from the caller.
    unsafe { pointer::encode(heap, globals, usize::from(g)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_pointer_reads_and_writes_the_field() {
        let heap = Heap::new(None);
        let obj = heap.alloc_words(object::TY_SCALARS, 3) as u64;
        // SAFETY: `obj` is a live three-word object.
        unsafe {
            let p = field(&heap, obj, 2).unwrap();
            store(p, 42).unwrap();
            assert_eq!(super::super::heap::load_field(obj, 2), Ok(42));
            assert_eq!(load(p), Ok(42));
            assert_eq!(super::super::heap::load_field(obj, 0), Ok(0));
        }
    }

    #[test]
    fn nil_pointers_and_bad_indices_panic_like_go() {
        let heap = Heap::new(None);
        let arr = heap.alloc_words(object::TY_SCALARS, 2) as u64;
        // SAFETY: `arr` is a live two-word object; 0 is nil.
        unsafe {
            assert_eq!(load(0), Err(PanicKind::NilDeref));
            assert_eq!(store(0, 1), Err(PanicKind::NilDeref));
            assert_eq!(
                index(&heap, arr, 2),
                Err(PanicKind::IndexOutOfRange { idx: 2, len: 2 })
            );
            assert_eq!(
                slice_elem(&heap, 0, 0),
                Err(PanicKind::IndexOutOfRange { idx: 0, len: 0 })
            );
        }
    }

    #[test]
    fn slice_element_pointers_alias_the_backing_array() {
        let heap = Heap::new(None);
        let array = heap.alloc_words(object::TY_SCALARS, 4);
        let s = heap.alloc_slice(array, 1, 2, 3);
        // SAFETY: `s` is a live slice over a live four-word array.
        unsafe {
            let p = slice_elem(&heap, s, 1).unwrap();
            store(p, 7).unwrap();
            assert_eq!(object::load_slot(array, 2), 7);
            assert_eq!(super::super::heap::index_slice(s, 1), Ok(7));
        }
    }
}
