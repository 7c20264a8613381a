//! String instructions: concatenation, indexing, slicing and comparison.
//!
//! This module owns string semantics on immutable byte objects. Conversions between strings
//! and runes or byte slices belong to natives in `minigo_stdlib`.
//!
//! Invariant: the empty string is the null word, so a result that is empty never allocates.

use std::cmp::Ordering;

use crate::heap::Heap;
use crate::heap::object::string_bytes;
use crate::panic::{PanicKind, SliceBounds};

/// `a + b`
///
/// # Safety
/// `a` and `b` must be 0 or live strings.
#[cfg_attr(feature = "bench", inline(never))]
pub unsafe fn concat(heap: &Heap, a: u64, b: u64) -> u64 {
    if a == 0 {
        return b;
    }
    if b == 0 {
        return a;
    }
    // SAFETY: forwarded from the caller.
    let (x, y) = unsafe { (string_bytes(a), string_bytes(b)) };
    let mut joined = Vec::with_capacity(x.len() + y.len());
    joined.extend_from_slice(x);
    joined.extend_from_slice(y);
    heap.alloc_string(&joined)
}

/// `len(s)`
///
/// # Safety
/// `s` must be 0 or a live string.
#[inline(always)]
pub unsafe fn len(s: u64) -> u64 {
    // SAFETY: forwarded from the caller.
    unsafe { string_bytes(s) }.len() as u64
}

/// `s[idx]`
///
/// # Safety
/// `s` must be 0 or a live string.
#[cfg_attr(feature = "bench", inline(never))]
pub unsafe fn index(s: u64, idx: u64) -> Result<u64, PanicKind> {
    // SAFETY: forwarded from the caller.
    let bytes = unsafe { string_bytes(s) };
    match usize::try_from(idx).ok().and_then(|i| bytes.get(i)) {
        Some(&b) => Ok(u64::from(b)),
        None => Err(PanicKind::IndexOutOfRange {
            idx: idx as i64,
            len: bytes.len() as i64,
        }),
    }
}

/// `s[lo:hi]`
///
/// # Safety
/// `s` must be 0 or a live string.
#[cfg_attr(feature = "bench", inline(never))]
pub unsafe fn slice(heap: &Heap, s: u64, lo: u64, hi: u64) -> Result<u64, PanicKind> {
    // SAFETY: forwarded from the caller.
    let bytes = unsafe { string_bytes(s) };
    let (lo, hi, len) = (lo as i64, hi as i64, bytes.len() as i64);
    if hi < 0 || hi > len {
        return Err(PanicKind::SliceBounds(SliceBounds::HighLen { hi, len }));
    }
    if lo < 0 || lo > hi {
        return Err(PanicKind::SliceBounds(SliceBounds::LowHigh { lo, hi }));
    }
    if lo == 0 && hi == len {
        return Ok(s);
    }
    Ok(heap.alloc_string(&bytes[lo as usize..hi as usize]))
}

/// Compares two strings bytewise.
///
/// # Safety
/// `a` and `b` must be 0 or live strings.
#[inline(always)]
pub unsafe fn compare(a: u64, b: u64) -> Ordering {
    if a == b {
        return Ordering::Equal;
    }
    // SAFETY: forwarded from the caller.
    unsafe { string_bytes(a).cmp(string_bytes(b)) }
}

/// Go's `utf8.RuneError`, what invalid UTF-8 decodes to.
const RUNE_ERROR: u32 = 0xFFFD;

/// The rune starting at byte `i` of `bytes` and its width; invalid or truncated UTF-8
/// decodes as `RUNE_ERROR` of width 1, as in Go.
fn decode_at(bytes: &[u8], i: usize) -> (u32, usize) {
    let rest = bytes.get(i..).unwrap_or_default();
    let head = rest.get(..rest.len().min(4)).unwrap_or_default();
    let valid = match std::str::from_utf8(head) {
        Ok(s) => s,
        Err(e) => {
            std::str::from_utf8(head.get(..e.valid_up_to()).unwrap_or_default()).unwrap_or("")
        }
    };
    match valid.chars().next() {
        Some(c) => (u32::from(c), c.len_utf8()),
        None => (RUNE_ERROR, 1),
    }
}

/// The rune at byte `idx` of `s` and the index after it (`for i, r := range s`).
///
/// # Safety
/// `s` must be 0 or a live string.
#[cfg_attr(feature = "bench", inline(never))]
pub unsafe fn decode_rune(s: u64, idx: u64) -> Result<(u64, u64), PanicKind> {
    // SAFETY: forwarded from the caller.
    let bytes = unsafe { string_bytes(s) };
    if idx >= bytes.len() as u64 {
        return Err(PanicKind::IndexOutOfRange {
            idx: idx as i64,
            len: bytes.len() as i64,
        });
    }
    let (rune, width) = decode_at(bytes, idx as usize);
    Ok((u64::from(rune), idx + width as u64))
}

/// `string(rune(r))`
#[cfg_attr(feature = "bench", inline(never))]
pub fn rune_to_string(heap: &Heap, r: u64) -> u64 {
    let c = u32::try_from(r as i64)
        .ok()
        .and_then(char::from_u32)
        .unwrap_or(char::REPLACEMENT_CHARACTER);
    heap.alloc_string(c.encode_utf8(&mut [0; 4]).as_bytes())
}

/// The runes of a string (`[]rune(s)`).
///
/// # Safety
/// `s` must be 0 or a live string.
#[cfg_attr(feature = "bench", inline(never))]
pub unsafe fn runes(s: u64) -> Vec<u64> {
    // SAFETY: forwarded from the caller.
    let bytes = unsafe { string_bytes(s) };
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let (rune, width) = decode_at(bytes, i);
        out.push(u64::from(rune));
        i += width;
    }
    out
}

/// The string of the runes `runes` (`string(rs)`), invalid code points as U+FFFD.
#[cfg_attr(feature = "bench", inline(never))]
pub fn string_of_runes(heap: &Heap, runes: &[u64]) -> u64 {
    let text: String = runes
        .iter()
        .map(|&r| {
            u32::try_from(r as i64)
                .ok()
                .and_then(char::from_u32)
                .unwrap_or(char::REPLACEMENT_CHARACTER)
        })
        .collect();
    heap.alloc_string(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slicing_and_indexing_check_bounds_like_go() {
        let heap = Heap::new(None);
        let s = heap.alloc_string(b"abc");
        // SAFETY: `s` is live for the whole test.
        unsafe {
            assert_eq!(index(s, 1), Ok(u64::from(b'b')));
            assert_eq!(
                index(s, 5).map_err(|e| e.message()),
                Err("runtime error: index out of range [5] with length 3".to_string())
            );
            assert_eq!(
                slice(&heap, s, 0, 5).map_err(|e| e.message()),
                Err("runtime error: slice bounds out of range [:5] with length 3".to_string())
            );
            let bc = slice(&heap, s, 1, 3).unwrap_or(0);
            assert_eq!(string_bytes(bc), b"bc");
            assert_eq!(slice(&heap, s, 1, 1), Ok(0));
            let abcbc = concat(&heap, s, bc);
            assert_eq!(string_bytes(abcbc), b"abcbc");
            assert_eq!(compare(s, abcbc), Ordering::Less);
        }
    }

    #[test]
    fn runes_decode_like_go() {
        let heap = Heap::new(None);
        let s = heap.alloc_string("a€\u{ff}".as_bytes());
        let bad = heap.alloc_string(b"\xffz");
        // SAFETY: both strings are live for the whole test.
        unsafe {
            assert_eq!(decode_rune(s, 0), Ok((97, 1)));
            assert_eq!(decode_rune(s, 1), Ok((0x20AC, 4)));
            assert_eq!(decode_rune(s, 2), Ok((0xFFFD, 3)), "a continuation byte");
            assert_eq!(runes(s), [97, 0x20AC, 0xFF]);
            assert_eq!(runes(bad), [0xFFFD, u64::from(b'z')]);
            let back = string_of_runes(&heap, &runes(s));
            assert_eq!(string_bytes(back), "a€\u{ff}".as_bytes());
            assert_eq!(
                string_bytes(rune_to_string(&heap, (-1i64) as u64)),
                "\u{fffd}".as_bytes()
            );
        }
    }
}
