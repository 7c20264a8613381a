//! Object and slice instructions: field and element access with nil and bounds checks,
//! `make`, slicing, `append` and `copy`.
//!
//! This module owns those semantics, including Go's `append` growth rule. Every slot access
//! goes through `heap::object::{load_slot, store_slot}`, so a race detector can hook there.
//!
//! Invariants: a slice header's `off + cap` never exceeds its array's length; every function
//! here that builds a header keeps it so, which is what makes an index below `len` in bounds.

use crate::heap::Heap;
use crate::heap::object::{self, Header, SliceObj};
use crate::panic::{PanicKind, SliceBounds};

/// The most elements a slice may have: larger requests panic like Go's makeslice.
const MAX_ELEMS: u64 = 1 << 36;

/// The object behind a non-nil pointer.
#[inline(always)]
fn object(p: u64) -> Result<*const Header, PanicKind> {
    if p == 0 {
        return Err(PanicKind::NilDeref);
    }
    Ok(p as *const Header)
}

/// Checks a field or element index of an object; the compiler's types make it in range, so
/// a miss is an internal error.
#[inline(always)]
fn checked_slot(obj: *const Header, i: usize) -> usize {
    // SAFETY: `obj` is a live object (the caller's contract).
    if i >= unsafe { (*obj).len() } {
        unreachable!("the compiler only emits fields an object has");
    }
    i
}

/// `(*p).field`
///
/// # Safety
/// `p` must be 0 or a live `Words` object.
#[inline(always)]
pub unsafe fn load_field(p: u64, field: u8) -> Result<u64, PanicKind> {
    let obj = object(p)?;
    let i = checked_slot(obj, usize::from(field));
    // SAFETY: `i` is within the object.
    Ok(unsafe { object::load_slot(obj, i) })
}

/// `(*p).field = v`
///
/// # Safety
/// `p` must be 0 or a live `Words` object.
#[inline(always)]
pub unsafe fn store_field(p: u64, field: u8, v: u64) -> Result<(), PanicKind> {
    let obj = object(p)?;
    let i = checked_slot(obj, usize::from(field));
    // SAFETY: `i` is within the object.
    unsafe { object::store_slot(obj, i, v) };
    Ok(())
}

/// Checks `idx` against `len`, with Go's message.
#[inline(always)]
fn bound(idx: u64, len: usize) -> Result<usize, PanicKind> {
    if idx >= len as u64 {
        return Err(PanicKind::IndexOutOfRange {
            idx: idx as i64,
            len: len as i64,
        });
    }
    Ok(idx as usize)
}

/// `(*arr)[idx]` for an array object.
///
/// # Safety
/// `arr` must be 0 or a live `Words` object.
#[cfg_attr(feature = "bench", inline(never))]
pub unsafe fn load_index(arr: u64, idx: u64) -> Result<u64, PanicKind> {
    let obj = object(arr)?;
    // SAFETY: `obj` is live; the index is checked against its length.
    unsafe { Ok(object::load_slot(obj, bound(idx, (*obj).len())?)) }
}

/// `(*arr)[idx] = v` for an array object.
///
/// # Safety
/// `arr` must be 0 or a live `Words` object.
#[cfg_attr(feature = "bench", inline(never))]
pub unsafe fn store_index(arr: u64, idx: u64, v: u64) -> Result<(), PanicKind> {
    let obj = object(arr)?;
    // SAFETY: `obj` is live; the index is checked against its length.
    unsafe { object::store_slot(obj, bound(idx, (*obj).len())?, v) };
    Ok(())
}

/// The header of a slice value, or `None` for the nil slice.
///
/// # Safety
/// `s` must be 0 or a live slice header.
#[inline(always)]
pub unsafe fn header<'a>(s: u64) -> Option<&'a SliceObj> {
    // SAFETY: forwarded from the caller; headers are immutable.
    (s != 0).then(|| unsafe { &*(s as *const SliceObj) })
}

/// `len(s)`
///
/// # Safety
/// `s` must be 0 or a live slice header.
#[inline(always)]
pub unsafe fn len(s: u64) -> u64 {
    // SAFETY: forwarded from the caller.
    unsafe { header(s) }.map_or(0, |h| h.len as u64)
}

/// `cap(s)`
///
/// # Safety
/// `s` must be 0 or a live slice header.
#[cfg_attr(feature = "bench", inline(never))]
pub unsafe fn cap(s: u64) -> u64 {
    // SAFETY: forwarded from the caller.
    unsafe { header(s) }.map_or(0, |h| h.cap as u64)
}

/// `s[idx]`
///
/// # Safety
/// `s` must be 0 or a live slice header.
#[inline(always)]
pub unsafe fn index_slice(s: u64, idx: u64) -> Result<u64, PanicKind> {
    // SAFETY: forwarded from the caller; `off + idx < off + len <= array.len`.
    unsafe {
        let Some(h) = header(s) else {
            return Err(bound(idx, 0).err().unwrap_or(PanicKind::NilDeref));
        };
        let i = bound(idx, h.len)?;
        Ok(object::load_slot(h.array, h.off + i))
    }
}

/// `s[idx] = v`
///
/// # Safety
/// `s` must be 0 or a live slice header.
#[inline(always)]
pub unsafe fn store_slice(s: u64, idx: u64, v: u64) -> Result<(), PanicKind> {
    // SAFETY: forwarded from the caller; `off + idx < off + len <= array.len`.
    unsafe {
        let Some(h) = header(s) else {
            return Err(bound(idx, 0).err().unwrap_or(PanicKind::NilDeref));
        };
        let i = bound(idx, h.len)?;
        object::store_slot(h.array, h.off + i, v);
        Ok(())
    }
}

/// `make([]T, len, cap)` where `ty` is the slice type (whose layout is the array's).
#[cfg_attr(feature = "bench", inline(never))]
pub fn make_slice(heap: &Heap, ty: u16, len: u64, cap: u64) -> Result<u64, PanicKind> {
    if len > MAX_ELEMS {
        return Err(PanicKind::MakeSliceLen);
    }
    if cap < len || cap > MAX_ELEMS {
        return Err(PanicKind::MakeSliceCap);
    }
    let array = heap.alloc_words(u32::from(ty), cap as usize);
    Ok(heap.alloc_slice(array, 0, len as usize, cap as usize))
}

/// Validated bounds of a slice expression: `(lo, hi, max)`.
fn slice_bounds(
    lo: u64,
    hi: u64,
    max: Option<u64>,
    cap: usize,
) -> Result<(usize, usize, usize), PanicKind> {
    let (lo, hi) = (lo as i64, hi as i64);
    let cap = cap as i64;
    let max = match max {
        Some(m) if m as i64 > cap || (m as i64) < 0 => {
            return Err(PanicKind::SliceBounds(SliceBounds::MaxCap {
                max: m as i64,
                cap,
            }));
        }
        Some(m) if hi > m as i64 || hi < 0 => {
            return Err(PanicKind::SliceBounds(SliceBounds::HighMax {
                hi,
                max: m as i64,
            }));
        }
        Some(_) if lo > hi || lo < 0 => {
            return Err(PanicKind::SliceBounds(SliceBounds::LowHigh3 { lo, hi }));
        }
        Some(m) => m as i64,
        None if hi > cap || hi < 0 => {
            return Err(PanicKind::SliceBounds(SliceBounds::HighCap { hi, cap }));
        }
        None if lo > hi || lo < 0 => {
            return Err(PanicKind::SliceBounds(SliceBounds::LowHigh { lo, hi }));
        }
        None => cap,
    };
    Ok((lo as usize, hi as usize, max as usize))
}

/// `s[lo:hi]` or `s[lo:hi:max]`.
///
/// # Safety
/// `s` must be 0 or a live slice header.
#[cfg_attr(feature = "bench", inline(never))]
pub unsafe fn slice_slice(
    heap: &Heap,
    s: u64,
    lo: u64,
    hi: u64,
    max: Option<u64>,
) -> Result<u64, PanicKind> {
    // SAFETY: forwarded from the caller.
    let h = unsafe { header(s) };
    let cap = h.map_or(0, |h| h.cap);
    let (lo, hi, max) = slice_bounds(lo, hi, max, cap)?;
    match h {
        None => Ok(0),
        Some(h) => Ok(heap.alloc_slice(h.array, h.off + lo, hi - lo, max - lo)),
    }
}

/// `arr[lo:hi]` for an array object.
///
/// # Safety
/// `arr` must be 0 or a live `Words` object.
#[cfg_attr(feature = "bench", inline(never))]
pub unsafe fn slice_array(heap: &Heap, arr: u64, lo: u64, hi: u64) -> Result<u64, PanicKind> {
    let obj = object(arr)?;
    // SAFETY: `obj` is live.
    let len = unsafe { (*obj).len() };
    let (lo, hi, _) = slice_bounds(lo, hi, None, len).map_err(|e| match e {
        PanicKind::SliceBounds(SliceBounds::HighCap { hi, cap }) => {
            PanicKind::SliceBounds(SliceBounds::HighLen { hi, len: cap })
        }
        other => other,
    })?;
    Ok(heap.alloc_slice(obj.cast_mut(), lo, hi - lo, len - lo))
}

/// Go's capacity growth for `append` (runtime.nextslicecap): double small slices, grow large
/// ones by about 1.25x, and never less than needed.
fn grown_cap(old: usize, needed: usize) -> usize {
    if needed > old * 2 {
        return needed;
    }
    if old < 256 {
        return (old * 2).max(needed);
    }
    let mut cap = old;
    while cap < needed {
        cap += (cap + 3 * 256) / 4;
    }
    cap
}

/// Go's malloc size classes up to 32 KiB (runtime/sizeclasses.go): an allocation is rounded
/// up to one of these, and `append` hands the slack to the slice as capacity.
const SIZE_CLASSES: [u64; 67] = [
    8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288, 320, 352,
    384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536, 1792, 2048,
    2304, 2688, 3072, 3200, 3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192, 9472, 9728,
    10240, 10880, 12288, 13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264, 28672,
    32768,
];

/// Go's `roundupsize`: the bytes a request of `size` bytes really gets.
fn round_up_size(size: u64) -> u64 {
    const PAGE: u64 = 8192;
    match SIZE_CLASSES.iter().find(|&&class| class >= size) {
        Some(&class) => class,
        None => size.div_ceil(PAGE) * PAGE,
    }
}

/// The capacity `append` gives a slice of `elem_size`-byte elements that must grow from `old`
/// to hold `needed` elements, exactly as Go computes it (growth rule, then size class).
pub fn append_cap(old: usize, needed: usize, elem_size: u64) -> usize {
    let cap = grown_cap(old, needed);
    if elem_size == 0 {
        return cap;
    }
    let bytes = round_up_size((cap as u64).saturating_mul(elem_size));
    usize::try_from(bytes / elem_size)
        .unwrap_or(cap)
        .max(needed)
}

/// `append(s, elems...)` where `ty` is the slice type.
///
/// # Safety
/// `s` must be 0 or a live slice header.
#[cfg_attr(feature = "bench", inline(never))]
pub unsafe fn append(
    heap: &Heap,
    ty: u16,
    elem_size: u64,
    s: u64,
    elems: &[u64],
) -> Result<u64, PanicKind> {
    // SAFETY: forwarded from the caller.
    let h = unsafe { header(s) };
    let (len, cap) = h.map_or((0, 0), |h| (h.len, h.cap));
    let needed = len + elems.len();
    if needed as u64 > MAX_ELEMS {
        return Err(PanicKind::MakeSliceCap);
    }
    let (array, off, cap) = match h {
        Some(h) if needed <= cap => (h.array, h.off, cap),
        _ => {
            let new_cap = append_cap(cap, needed, elem_size);
            let array = heap.alloc_words(u32::from(ty), new_cap);
            if let Some(h) = h {
                // SAFETY: both ranges are within their arrays (the header invariant).
                unsafe { copy_words(h.array, h.off, array, 0, len) };
            }
            (array, 0, new_cap)
        }
    };
    for (i, &e) in elems.iter().enumerate() {
        // SAFETY: `off + len + i < off + cap <= array.len`.
        unsafe { object::store_slot(array, off + len + i, e) };
    }
    Ok(heap.alloc_slice(array, off, needed, cap))
}

/// `append(a, b...)`
///
/// # Safety
/// `a` and `b` must be 0 or live slice headers.
#[cfg_attr(feature = "bench", inline(never))]
pub unsafe fn append_slice(
    heap: &Heap,
    ty: u16,
    elem_size: u64,
    a: u64,
    b: u64,
) -> Result<u64, PanicKind> {
    // SAFETY: forwarded from the caller; the words are read before any store, so `b` may
    // alias `a`.
    unsafe {
        let Some(hb) = header(b) else {
            return Ok(a);
        };
        let elems: Vec<u64> = (0..hb.len)
            .map(|i| object::load_slot(hb.array, hb.off + i))
            .collect();
        append(heap, ty, elem_size, a, &elems)
    }
}

/// `copy(dst, src)`: the number of elements copied.
///
/// # Safety
/// `dst` and `src` must be 0 or live slice headers.
#[cfg_attr(feature = "bench", inline(never))]
pub unsafe fn copy_slice(dst: u64, src: u64) -> u64 {
    // SAFETY: forwarded from the caller.
    unsafe {
        let (Some(d), Some(s)) = (header(dst), header(src)) else {
            return 0;
        };
        let n = d.len.min(s.len);
        copy_words(s.array, s.off, d.array, d.off, n);
        n as u64
    }
}

/// Copies `n` words between (possibly the same) arrays, as if through a temporary.
///
/// # Safety
/// Both ranges must lie within their live `Words` objects.
unsafe fn copy_words(
    from: *const Header,
    from_off: usize,
    to: *const Header,
    to_off: usize,
    n: usize,
) {
    // SAFETY: forwarded from the caller.
    unsafe {
        if std::ptr::eq(from, to) && to_off > from_off {
            for i in (0..n).rev() {
                object::store_slot(to, to_off + i, object::load_slot(from, from_off + i));
            }
        } else {
            for i in 0..n {
                object::store_slot(to, to_off + i, object::load_slot(from, from_off + i));
            }
        }
    }
}

/// A copy of the object `p` (struct and array value assignment).
///
/// # Safety
/// `p` must be 0 or a live `Words` object.
#[cfg_attr(feature = "bench", inline(never))]
pub unsafe fn copy_object(heap: &Heap, p: u64) -> Result<u64, PanicKind> {
    let obj = object(p)?;
    // SAFETY: `obj` is live.
    let (ty, len) = unsafe { ((*obj).ty(), (*obj).len()) };
    let fresh = heap.alloc_words(ty, len);
    // SAFETY: both objects have `len` words.
    unsafe { copy_words(obj, 0, fresh, 0, len) };
    Ok(fresh as u64)
}

/// The elements of a slice, copied out.
///
/// # Safety
/// `s` must be 0 or a live slice header.
#[cfg_attr(feature = "bench", inline(never))]
pub unsafe fn elements(s: u64) -> Vec<u64> {
    // SAFETY: forwarded from the caller; `off + len <= array.len`.
    unsafe {
        header(s).map_or_else(Vec::new, |h| {
            (0..h.len)
                .map(|i| object::load_slot(h.array, h.off + i))
                .collect()
        })
    }
}

/// A new slice of slice type `ty` holding `elems`.
#[cfg_attr(feature = "bench", inline(never))]
pub fn slice_of(heap: &Heap, ty: u16, elems: &[u64]) -> u64 {
    if elems.is_empty() {
        let array = heap.alloc_words(u32::from(ty), 0);
        return heap.alloc_slice(array, 0, 0, 0);
    }
    let array = heap.alloc_words(u32::from(ty), elems.len());
    for (i, &e) in elems.iter().enumerate() {
        // SAFETY: `array` has `elems.len()` words.
        unsafe { object::store_slot(array, i, e) };
    }
    heap.alloc_slice(array, 0, elems.len(), elems.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn append_grows_like_go() {
        let mut caps = Vec::new();
        let mut cap = 0;
        for needed in 1..=20 {
            if needed > cap {
                cap = grown_cap(cap, needed);
                caps.push(cap);
            }
        }
        assert_eq!(caps, [1, 2, 4, 8, 16, 32]);
        assert_eq!(grown_cap(256, 257), 256 + (256 + 768) / 4);
    }

    #[test]
    fn append_capacities_round_to_go_size_classes() {
        // append([]int(nil), 1, 2, 3, 4, 5) has cap 6; append([]byte(nil), 'a') has cap 8.
        assert_eq!(append_cap(0, 5, 8), 6);
        assert_eq!(append_cap(0, 1, 1), 8);
        assert_eq!(append_cap(4, 5, 8), 8);
        // 512 ints grow to 848 (6656 bytes round up to the 6784-byte class).
        assert_eq!(append_cap(512, 513, 8), 848);
    }

    #[test]
    fn slice_bounds_report_go_texts() {
        let err = |lo, hi, max| slice_bounds(lo, hi, max, 3).err().map(|e| e.message());
        assert_eq!(
            err(0, 5, None).as_deref(),
            Some("runtime error: slice bounds out of range [:5] with capacity 3")
        );
        assert_eq!(
            err(2, 1, None).as_deref(),
            Some("runtime error: slice bounds out of range [2:1]")
        );
        assert_eq!(
            err(0, 1, Some(4)).as_deref(),
            Some("runtime error: slice bounds out of range [::4] with capacity 3")
        );
        assert_eq!(slice_bounds(1, 2, None, 3), Ok((1, 2, 3)));
    }
}
