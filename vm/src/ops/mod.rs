//! Out-of-line helpers for instructions whose work does not fit in a dispatch arm: integer
//! division and shifts with Go's rules, and (in submodules) heap, string, slice, map and
//! interface operations.
//!
//! This module owns the semantics of those operations; it never touches the program counter
//! or the frame stack (that is `exec`). Every helper reports a Go panic as `Err(PanicKind)`
//! and leaves raising it to the dispatch loop.
//!
//! Invariants: helpers that take raw words rely on the verifier and the compiler's typing:
//! a word passed where a string, slice, map, interface or object is expected is 0 or a live
//! object of that kind.

pub mod chans;
pub mod clear;
pub mod heap;
pub mod iface;
pub mod maps;
pub mod pointer;
pub mod strings;

use crate::op::IntWidth;
use crate::panic::PanicKind;

/// Signed division, Go-style: truncated, `MIN / -1 == MIN`.
#[cfg_attr(feature = "bench", inline(never))]
pub fn div_int(a: u64, b: u64) -> Result<u64, PanicKind> {
    if b == 0 {
        return Err(PanicKind::IntegerDivideByZero);
    }
    Ok((a as i64).wrapping_div(b as i64) as u64)
}

/// Signed remainder, Go-style: the sign of the dividend, `MIN % -1 == 0`.
#[cfg_attr(feature = "bench", inline(never))]
pub fn rem_int(a: u64, b: u64) -> Result<u64, PanicKind> {
    if b == 0 {
        return Err(PanicKind::IntegerDivideByZero);
    }
    Ok((a as i64).wrapping_rem(b as i64) as u64)
}

/// Unsigned division.
#[cfg_attr(feature = "bench", inline(never))]
pub fn div_uint(a: u64, b: u64) -> Result<u64, PanicKind> {
    a.checked_div(b).ok_or(PanicKind::IntegerDivideByZero)
}

/// Unsigned remainder.
#[cfg_attr(feature = "bench", inline(never))]
pub fn rem_uint(a: u64, b: u64) -> Result<u64, PanicKind> {
    a.checked_rem(b).ok_or(PanicKind::IntegerDivideByZero)
}

/// Checks a shift count: negative signed counts panic, others saturate at 64.
#[inline(always)]
fn shift_count(count: u64, signed: bool) -> Result<u32, PanicKind> {
    if signed && (count as i64) < 0 {
        return Err(PanicKind::NegativeShift);
    }
    Ok(count.min(64) as u32)
}

/// `a << count`, 0 when the count is at least 64.
#[cfg_attr(feature = "bench", inline(never))]
pub fn shl(a: u64, count: u64, signed: bool) -> Result<u64, PanicKind> {
    let n = shift_count(count, signed)?;
    Ok(a.checked_shl(n).unwrap_or(0))
}

/// Arithmetic `a >> count`, 0 or -1 when the count is at least 64.
#[cfg_attr(feature = "bench", inline(never))]
pub fn shr_int(a: u64, count: u64, signed: bool) -> Result<u64, PanicKind> {
    let n = shift_count(count, signed)?.min(63);
    Ok(((a as i64) >> n) as u64)
}

/// Logical `a >> count`, 0 when the count is at least 64.
#[cfg_attr(feature = "bench", inline(never))]
pub fn shr_uint(a: u64, count: u64, signed: bool) -> Result<u64, PanicKind> {
    let n = shift_count(count, signed)?;
    Ok(a.checked_shr(n).unwrap_or(0))
}

/// Normalizes `a` to a narrow integer width (see `op`'s Notes).
#[inline(always)]
pub fn wrap_int(a: u64, width: IntWidth) -> u64 {
    match width {
        IntWidth::I8 => a as i8 as i64 as u64,
        IntWidth::I16 => a as i16 as i64 as u64,
        IntWidth::I32 => a as i32 as i64 as u64,
        IntWidth::U8 => a as u8 as u64,
        IntWidth::U16 => a as u16 as u64,
        IntWidth::U32 => a as u32 as u64,
    }
}

/// Reads a word as a float64.
#[inline(always)]
pub fn f(word: u64) -> f64 {
    f64::from_bits(word)
}

/// Stores a float64 as a word.
#[inline(always)]
pub fn w(x: f64) -> u64 {
    x.to_bits()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn division_follows_go() {
        assert_eq!(div_int(7, 0), Err(PanicKind::IntegerDivideByZero));
        assert_eq!(div_int((-7i64) as u64, 2), Ok((-3i64) as u64));
        assert_eq!(rem_int((-7i64) as u64, 2), Ok((-1i64) as u64));
        assert_eq!(
            div_int(i64::MIN as u64, (-1i64) as u64),
            Ok(i64::MIN as u64)
        );
        assert_eq!(rem_int(i64::MIN as u64, (-1i64) as u64), Ok(0));
        assert_eq!(div_uint(u64::MAX, 2), Ok(u64::MAX / 2));
        assert_eq!(rem_uint(1, 0), Err(PanicKind::IntegerDivideByZero));
    }

    #[test]
    fn shifts_follow_go() {
        assert_eq!(shl(1, 63, true), Ok(1 << 63));
        assert_eq!(shl(1, 64, true), Ok(0));
        assert_eq!(shl(1, 1000, false), Ok(0));
        assert_eq!(shl(1, (-1i64) as u64, true), Err(PanicKind::NegativeShift));
        assert_eq!(shl(1, (-1i64) as u64, false), Ok(0));
        assert_eq!(shr_int((-8i64) as u64, 100, true), Ok(u64::MAX));
        assert_eq!(shr_int(8, 100, true), Ok(0));
        assert_eq!(shr_uint(u64::MAX, 64, true), Ok(0));
    }

    #[test]
    fn narrow_widths_wrap_like_go() {
        assert_eq!(wrap_int(127 + 1, IntWidth::I8), (-128i64) as u64);
        assert_eq!(wrap_int(128, IntWidth::I8), (-128i64) as u64);
        assert_eq!(wrap_int(256, IntWidth::U8), 0);
        assert_eq!(wrap_int((-1i64) as u64, IntWidth::U32), u64::from(u32::MAX));
        assert_eq!(wrap_int(1 << 31, IntWidth::I32), (i32::MIN as i64) as u64);
    }
}
