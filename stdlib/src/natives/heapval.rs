//! Reading and building heap values from natives: strings, slices, interface boxes and maps.
//!
//! This module owns the unsafe edge between the natives and the VM's heap layout, so that
//! every other native module works with Rust slices and `Vec`s. It does not know any Go
//! package's semantics.
//!
//! Invariant (the safety argument of every function here): a native runs between
//! safepoints, so no collection can free an object while the native reads it, and the
//! checker proved the static type of each argument word, so a word the declarations type
//! as a string (slice, interface, map) is 0 or a live object of that kind.

use minigo_vm::heap::object::{self, IfaceObj, MapObj, SliceObj, TY_POINTERS, TY_SCALARS};
use minigo_vm::native::NativeCtx;

/// The bytes of a string word.
pub fn str_bytes<'a>(word: u64) -> &'a [u8] {
    // SAFETY: see the module invariant: `word` is 0 or a live string, alive for the call.
    unsafe { object::string_bytes(word) }
}

/// A new string word holding `bytes`.
pub fn new_string(ctx: &NativeCtx<'_>, bytes: &[u8]) -> u64 {
    ctx.heap().alloc_string(bytes)
}

/// The element words of a slice word (empty for nil).
pub fn slice_words(word: u64) -> Vec<u64> {
    if word == 0 {
        return Vec::new();
    }
    // SAFETY: see the module invariant; slice headers are immutable and `off + len` is within
    // the backing array.
    unsafe {
        let s = &*(word as *const SliceObj);
        (0..s.len)
            .map(|i| object::load_slot(s.array, s.off + i))
            .collect()
    }
}

/// The length of a slice word (0 for nil), without copying its elements.
pub fn slice_len(word: u64) -> usize {
    if word == 0 {
        return 0;
    }
    // SAFETY: see the module invariant; slice headers are immutable.
    unsafe { (*(word as *const SliceObj)).len }
}

/// Element `i` of a slice word; `None` when `i` is out of range.
pub fn slice_load(word: u64, i: usize) -> Option<u64> {
    if word == 0 {
        return None;
    }
    // SAFETY: see the module invariant; the index is checked against the header's length.
    unsafe {
        let s = &*(word as *const SliceObj);
        (i < s.len).then(|| object::load_slot(s.array, s.off + i))
    }
}

/// Stores `value` as element `i` of a slice word; false when `i` is out of range.
pub fn slice_store(word: u64, i: usize, value: u64) -> bool {
    if word == 0 {
        return false;
    }
    // SAFETY: see the module invariant; the index is checked against the header's length.
    unsafe {
        let s = &*(word as *const SliceObj);
        if i >= s.len {
            return false;
        }
        object::store_slot(s.array, s.off + i, value);
    }
    true
}

/// A new slice of `words`; `pointers` says whether the elements are heap pointers.
pub fn new_slice(ctx: &NativeCtx<'_>, words: &[u64], pointers: bool) -> u64 {
    let ty = if pointers { TY_POINTERS } else { TY_SCALARS };
    let array = ctx.heap().alloc_words(ty, words.len());
    for (i, &w) in words.iter().enumerate() {
        // SAFETY: `array` is a fresh `Words` object of `words.len()` slots.
        unsafe { object::store_slot(array, i, w) };
    }
    ctx.heap().alloc_slice(array, 0, words.len(), words.len())
}

/// A new `[]string` of `items`.
pub fn new_string_slice(ctx: &NativeCtx<'_>, items: &[&[u8]]) -> u64 {
    let words: Vec<u64> = items.iter().map(|s| new_string(ctx, s)).collect();
    new_slice(ctx, &words, true)
}

/// The bytes of a `[]byte` word (one element per word).
pub fn byte_slice(word: u64) -> Vec<u8> {
    slice_words(word).into_iter().map(|w| w as u8).collect()
}

/// The box of a non-nil interface word.
pub fn iface<'a>(word: u64) -> Option<&'a IfaceObj> {
    // SAFETY: see the module invariant: `word` is 0 or a live interface box.
    unsafe { minigo_vm::ops::iface::boxed(word) }
}

/// The words of a struct or array object word (`n` of them; empty for nil).
pub fn object_words(word: u64, n: usize) -> Vec<u64> {
    if word == 0 {
        return Vec::new();
    }
    let obj = word as *const object::Header;
    // SAFETY: see the module invariant; the count is capped by the object's own length.
    unsafe {
        let len = (*obj).len().min(n);
        (0..len).map(|i| object::load_slot(obj, i)).collect()
    }
}

/// The `(key, value)` words of a map word, in table order (empty for nil).
pub fn map_entries(word: u64) -> Vec<(u64, u64)> {
    if word == 0 {
        return Vec::new();
    }
    // SAFETY: see the module invariant: `word` is a live map object.
    let map = unsafe { &*(word as *const MapObj) };
    map.table.lock().words().collect()
}
