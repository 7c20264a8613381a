//! Pointer words to one-word locations: how `&x` of a non-struct variable, `&s.n`, `&a[i]`,
//! `&slice[i]` and `&global` are encoded in a single 64-bit value, and how they are decoded.
//!
//! This module owns the encoding only. The instructions that make and follow such pointers
//! are `ops::pointer`; the collector calls [`object_bits`] before following any word.
//!
//! Encoding: the address of a `Words` object in the low 48 bits, the index of the word
//! within it in the high 16 bits. A heap cell of an address-taken variable is index 0, so
//! its pointer is the cell's plain address, exactly what the code for captured variables
//! already uses. An index of [`INDIRECT`] or more does not fit: the word then points, tagged
//! [`INDIRECT`], to an immutable two-word box `{object, index}` built once when the pointer
//! is made (Go allows `&s[i]` into slices of any length).
//!
//! Invariants:
//! - Heap addresses fit in 48 bits (x86-64 and AArch64 user space), so the tag never
//!   overlaps an address bit; [`encode`] checks it in debug builds.
//! - A non-nil pointer word decodes to a live `Words` object and an index below its length:
//!   every constructor bounds-checks the index first.
//! - Two pointers to the same location made without an indirect box are the same word, so
//!   `==` on pointers is word equality. (Two indirect boxes for the same huge index are
//!   different words: a documented limit.)

use super::Heap;
use super::object::{self, Header, TY_CONSERVATIVE};

/// How far the index is shifted up.
const INDEX_SHIFT: u32 = 48;

/// The bits of a pointer word that hold the object's address.
pub const ADDRESS_MASK: u64 = (1 << INDEX_SHIFT) - 1;

/// The tag of a word pointing to an `{object, index}` box instead of the object.
pub const INDIRECT: u64 = 0xFFFF;

/// The object address a word may hold, with any pointer tag removed (for the collector,
/// which follows every word it finds as a possible object address).
#[inline(always)]
pub fn object_bits(word: u64) -> u64 {
    word & ADDRESS_MASK
}

/// A pointer to word `index` of the `Words` object `obj`; an index that does not fit in the
/// tag is boxed on `heap`.
///
/// # Safety
/// `obj` must be a live `Words` object with more than `index` words.
pub unsafe fn encode(heap: &Heap, obj: *const Header, index: usize) -> u64 {
    let addr = obj as u64;
    debug_assert_eq!(addr & !ADDRESS_MASK, 0, "heap addresses fit in 48 bits");
    let index = index as u64;
    if index < INDIRECT {
        return addr | (index << INDEX_SHIFT);
    }
    let boxed = heap.alloc_words(TY_CONSERVATIVE, 2);
    // SAFETY: the box is fresh, two words long and not yet shared.
    unsafe {
        object::store_slot(boxed, 0, addr);
        object::store_slot(boxed, 1, index);
    }
    boxed as u64 | (INDIRECT << INDEX_SHIFT)
}

/// The object and word index a non-nil pointer word designates; `None` for nil.
///
/// # Safety
/// `p` must be 0 or a word made by [`encode`] (or a plain cell address) whose object is
/// still live.
#[inline(always)]
pub unsafe fn decode(p: u64) -> Option<(*const Header, usize)> {
    if p == 0 {
        return None;
    }
    let obj = object_bits(p) as *const Header;
    let tag = p >> INDEX_SHIFT;
    if tag != INDIRECT {
        return Some((obj, tag as usize));
    }
    // SAFETY: an indirect word points to its live two-word box (the caller's contract).
    unsafe {
        let target = object::load_slot(obj, 0) as *const Header;
        Some((target, object::load_slot(obj, 1) as usize))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_indices_are_tagged_and_index_zero_is_the_plain_address() {
        let heap = Heap::new(None);
        let obj = heap.alloc_words(object::TY_SCALARS, 3);
        // SAFETY: `obj` is live and has three words.
        let (p0, p2) = unsafe { (encode(&heap, obj, 0), encode(&heap, obj, 2)) };
        assert_eq!(p0, obj as u64);
        assert_ne!(p2, p0);
        assert_eq!(object_bits(p2), obj as u64);
        // SAFETY: both words were made by `encode` of a live object.
        unsafe {
            assert_eq!(decode(p2), Some((obj.cast_const(), 2)));
            assert_eq!(decode(0), None);
        }
    }

    #[test]
    fn huge_indices_go_through_a_box() {
        let heap = Heap::new(None);
        let n = 70_000;
        let obj = heap.alloc_words(object::TY_SCALARS, n);
        // SAFETY: `obj` is live and has `n` words.
        let p = unsafe { encode(&heap, obj, n - 1) };
        assert_eq!(p >> INDEX_SHIFT, INDIRECT);
        // SAFETY: `p` was made by `encode` of a live object.
        assert_eq!(unsafe { decode(p) }, Some((obj.cast_const(), n - 1)));
    }
}
