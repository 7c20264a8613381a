//! The `clear` builtin: `clear(m)` deletes every entry of a map, `clear(s)` sets every
//! element of a slice (up to its length) to its type's zero value.
//!
//! This module owns only these two operations. Every type's zero value is the word 0, so
//! clearing a slice needs no type; a struct or array element is an object pointer whose
//! zero is a fresh zero object, which the compiler builds itself (it never emits
//! `ClearSlice` for such slices).
//!
//! Invariant: slice elements are written through `heap::object::store_slot`, one whole word
//! at a time, as every other heap write.

use crate::heap::object::{self, MapObj};

/// `clear(s)` for a slice whose element type's zero value is the word 0.
///
/// # Safety
/// `s` must be 0 or a live slice header.
pub unsafe fn slice(s: u64) {
    // SAFETY: forwarded from the caller; `off + len <= array.len`.
    unsafe {
        if let Some(h) = super::heap::header(s) {
            for i in h.off..h.off + h.len {
                object::store_slot(h.array, i, 0);
            }
        }
    }
}

/// `clear(m)`; nothing for the nil map.
///
/// # Safety
/// `m` must be 0 or a live map.
pub unsafe fn map(m: u64) {
    if m != 0 {
        // SAFETY: a non-nil map word is a live map object (the caller's contract).
        let obj = unsafe { &*(m as *const MapObj) };
        obj.table.lock().clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::heap::Heap;

    #[test]
    fn clearing_a_slice_zeroes_only_its_window() {
        let heap = Heap::new(None);
        let array = heap.alloc_words(object::TY_SCALARS, 4);
        // SAFETY: `array` is a live four-word object; the slice covers words 1 and 2.
        unsafe {
            for i in 0..4 {
                object::store_slot(array, i, 9);
            }
            slice(heap.alloc_slice(array, 1, 2, 3));
            let words: Vec<u64> = (0..4).map(|i| object::load_slot(array, i)).collect();
            assert_eq!(words, [9, 0, 0, 9]);
            slice(0);
            map(0);
        }
    }
}
