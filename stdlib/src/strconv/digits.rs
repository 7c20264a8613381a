//! Decimal digit generation for float formatting: a float's digits and decimal point.
//!
//! Owns `Decimal`, Go's `decimalSlice` (digits `d[..nd]`, value `0.d × 10^dp`), and the two
//! ways of filling it: the shortest digits that round-trip, and the correctly rounded first
//! `n` significant digits. It does not lay the digits out; `ftoa` does.
//!
//! Both come from Rust's own float formatting (Grisu with a Dragon4 fallback), written into
//! a fixed stack buffer: Rust's `{:e}` yields exactly the shortest round-trip digits that
//! Go's Ryū-based `FormatFloat` picks (the closest shortest candidate, boundaries included
//! for even mantissas), and `{:.Ne}` is exact with ties to even, as Go's `decimal.Round`
//! and `ryuFtoaFixed64` are. Writing a third digit generator here was rejected: it would be
//! slower than core's and a new source of rounding bugs.
//!
//! One difference is corrected: when the exact value lies exactly halfway between the
//! two shortest candidates, Go's Ryū picks the even one and Rust's the upper one
//! (`float32(2525770.25)` is `2.5257702e+06` in Go); see `tie`.
//!
//! Invariants: `nd <= N`; `d[..nd]` has no trailing zeros; zero is `nd == 0,
//! dp == 0`; a non-zero value's first digit is non-zero.

use std::fmt::Write as _;

/// More significant digits than any `f64` has: its longest exact expansion (the smallest
/// subnormal) has 751 of them, so rounding at 800 is exact and later digits are zeros.
pub(crate) const MAX_DIGITS: usize = 800;

/// Enough digits for any shortest representation (17 for `f64`) and for the small
/// precisions that `Printf` uses almost always; larger requests use `MAX_DIGITS`.
pub(crate) const SHORT_DIGITS: usize = 32;

/// A float's decimal digits: the value is `0.d[0]d[1]...d[nd-1] × 10^dp`. `N` bounds the
/// digits kept, so the common case stays a small stack buffer.
pub(crate) struct Decimal<const N: usize> {
    d: [u8; N],
    pub(crate) nd: usize,
    pub(crate) dp: i32,
}

impl<const N: usize> Decimal<N> {
    fn empty() -> Self {
        Decimal {
            d: [b'0'; N],
            nd: 0,
            dp: 0,
        }
    }

    /// The significant digits, as ASCII.
    #[cfg(test)]
    pub(crate) fn digits(&self) -> &[u8] {
        &self.d[..self.nd]
    }

    /// The digit at `i`, or `'0'` past the end (the value has infinitely many zeros).
    pub(crate) fn digit_or_zero(&self, i: i64) -> u8 {
        usize::try_from(i)
            .ok()
            .filter(|&i| i < self.nd)
            .map_or(b'0', |i| self.d[i])
    }

    /// The shortest digits that parse back to `v` as an `f64`.
    pub(crate) fn shortest64(v: f64) -> Self {
        let mut res = Decimal::empty();
        res.fill(format_args!("{:e}", v.abs()));
        let bits = v.to_bits();
        let (mant, exp) = split(bits & ((1 << 52) - 1), (bits >> 52) & 0x7ff, 52, -1075);
        tie::prefer_even(&mut res, mant, exp, |text| {
            text.parse::<f64>().is_ok_and(|p| p == v.abs())
        });
        res
    }

    /// The shortest digits that parse back to `v` as an `f32`.
    pub(crate) fn shortest32(v: f32) -> Self {
        let mut res = Decimal::empty();
        res.fill(format_args!("{:e}", v.abs()));
        let bits = u64::from(v.to_bits());
        let (mant, exp) = split(bits & ((1 << 23) - 1), (bits >> 23) & 0xff, 23, -150);
        tie::prefer_even(&mut res, mant, exp, |text| {
            text.parse::<f32>().is_ok_and(|p| p == v.abs())
        });
        res
    }

    /// The first `n` significant digits of `v`'s exact value (at most `N`), correctly
    /// rounded with ties to even, then stripped of trailing zeros.
    pub(crate) fn fixed(v: f64, n: usize) -> Self {
        let mut res = Decimal::empty();
        let n = n.clamp(1, N);
        res.fill(format_args!("{:.*e}", n - 1, v.abs()));
        res
    }

    /// Parses Rust's `d.ddde±x` text into digits and decimal point.
    fn fill(&mut self, args: std::fmt::Arguments<'_>) {
        let mut sink = Sink {
            dec: self,
            in_exp: false,
            exp: 0,
            exp_neg: false,
        };
        // Writing into a fixed buffer cannot fail: the sink drops what does not fit, and
        // `fixed` never asks for more than `N` digits.
        let _ = sink.write_fmt(args);
        let exp = if sink.exp_neg { -sink.exp } else { sink.exp };
        while self.nd > 0 && self.d[self.nd - 1] == b'0' {
            self.nd -= 1;
        }
        self.dp = if self.nd == 0 { 0 } else { exp + 1 };
    }
}

/// A finite float's value as `mant × 2^exp` from its fields: the implicit bit restored
/// for normal numbers; `min_exp` is the exponent of the smallest subnormal's unit.
fn split(frac: u64, biased: u64, mantbits: u32, min_exp: i32) -> (u64, i32) {
    if biased == 0 {
        return (frac, min_exp + 1);
    }
    let exp = i32::try_from(biased).unwrap_or(0) + min_exp;
    (frac | 1 << mantbits, exp)
}

mod tie;

/// A `fmt::Write` that splits Rust's scientific notation into digits and exponent.
struct Sink<'a, const N: usize> {
    dec: &'a mut Decimal<N>,
    in_exp: bool,
    exp: i32,
    exp_neg: bool,
}

impl<const N: usize> std::fmt::Write for Sink<'_, N> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        for b in s.bytes() {
            match b {
                b'e' | b'E' => self.in_exp = true,
                b'-' if self.in_exp => self.exp_neg = true,
                b'0'..=b'9' if self.in_exp => {
                    self.exp = self
                        .exp
                        .saturating_mul(10)
                        .saturating_add(i32::from(b - b'0'));
                }
                b'0'..=b'9' if self.dec.nd < N => {
                    self.dec.d[self.dec.nd] = b;
                    self.dec.nd += 1;
                }
                _ => {}
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Short = Decimal<SHORT_DIGITS>;
    type Long = Decimal<MAX_DIGITS>;

    fn show<const N: usize>(d: &Decimal<N>) -> (String, usize, i32) {
        (String::from_utf8_lossy(d.digits()).into_owned(), d.nd, d.dp)
    }

    #[test]
    fn shortest_digits_and_point() {
        assert_eq!(
            show(&Short::shortest64(1234.5678)),
            ("12345678".into(), 8, 4)
        );
        assert_eq!(show(&Short::shortest64(0.001)), ("1".into(), 1, -2));
        assert_eq!(show(&Short::shortest64(1e21)), ("1".into(), 1, 22));
        assert_eq!(show(&Short::shortest64(-0.0)), ("".into(), 0, 0));
        assert_eq!(show(&Short::shortest32(0.1)), ("1".into(), 1, 0));
        assert_eq!(show(&Short::shortest64(5e-324)), ("5".into(), 1, -323));
    }

    #[test]
    fn fixed_rounds_half_even_and_trims() {
        assert_eq!(show(&Short::fixed(2.5, 1)), ("2".into(), 1, 1));
        assert_eq!(show(&Short::fixed(3.5, 1)), ("4".into(), 1, 1));
        assert_eq!(show(&Short::fixed(1.0, 5)), ("1".into(), 1, 1));
        assert_eq!(show(&Short::fixed(9.99, 2)), ("1".into(), 1, 2));
        assert_eq!(Long::fixed(5e-324, 2000).nd, 751);
    }
}
