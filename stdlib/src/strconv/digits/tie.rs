//! Exact ties between two shortest candidates, broken toward the even digit as Go's
//! Ryū does (`ryuDigits`: round half to even when the value is exact).
//!
//! A tie needs the float's exact value to be a decimal `T × 10^j` whose last digit is a
//! 5 one place past the shortest length. Writing the value as `m × 2^e` with `m` odd,
//! that forces `j == e` and `T = m × 5^-e` (for `e < 0`) or `T = m / 5^e` (for `e >= 0`,
//! when divisible), so the check is a little integer arithmetic, done only when it can
//! matter. The even candidate is used only if it still reads back as the same float.

use super::Decimal;

/// Replaces `dec`'s digits by the even candidate when the value `mant × 2^exp` lies
/// exactly halfway between two shortest candidates. `round_trips` parses decimal text
/// and says whether it gives back the original value.
pub(super) fn prefer_even<const N: usize>(
    dec: &mut Decimal<N>,
    mant: u64,
    exp: i32,
    round_trips: impl Fn(&str) -> bool,
) {
    // In a tie the two candidates differ by one in the last digit, so one is even; when
    // Rust's pick already is (ASCII digits share their value's parity), it is Go's too.
    if dec.nd == 0 || dec.d[dec.nd - 1] & 1 == 0 {
        return;
    }
    let Some((t, j)) = exact_decimal(mant, exp) else {
        return;
    };
    if t % 10 != 5 || count_digits(t) != dec.nd + 1 {
        return;
    }
    let lower = t / 10;
    let even = if lower & 1 == 0 { lower } else { lower + 1 };
    // `even × 10^(j+1)`, as text for the round-trip check.
    let mut buf = [0u8; 64];
    let text = render(&mut buf, even, j + 1);
    if !round_trips(text) {
        return;
    }
    set_digits(dec, even, j + 1);
}

/// The value `mant × 2^exp` as `T × 10^j` with `T` an integer ending in a non-zero
/// digit, when `T` fits in 128 bits; `None` otherwise (such values have too many digits
/// to tie with a shortest representation).
fn exact_decimal(mant: u64, exp: i32) -> Option<(u128, i32)> {
    if mant == 0 {
        return None;
    }
    let tz = mant.trailing_zeros();
    let m = u128::from(mant >> tz);
    let e = exp + i32::try_from(tz).ok()?;
    if e >= 0 {
        let p = 5u128.checked_pow(u32::try_from(e).ok()?)?;
        return (m % p == 0).then(|| (m / p, e));
    }
    let k = e.unsigned_abs();
    Some((m.checked_mul(5u128.checked_pow(k)?)?, e))
}

/// Decimal digits in `v`, without dividing (128-bit division is slow, and this runs
/// for most non-integer floats).
fn count_digits(v: u128) -> usize {
    v.checked_ilog10().map_or(1, |log| log as usize + 1)
}

/// Writes `v` as `<digits>e<exp>` into `buf`.
fn render(buf: &mut [u8; 64], v: u128, exp: i32) -> &str {
    use std::io::Write as _;
    let mut cursor = std::io::Cursor::new(&mut buf[..]);
    let _ = write!(cursor, "{v}e{exp}");
    let len = usize::try_from(cursor.position()).unwrap_or(0);
    std::str::from_utf8(&buf[..len]).unwrap_or("")
}

/// Sets `dec` to the value `v × 10^exp`.
fn set_digits<const N: usize>(dec: &mut Decimal<N>, mut v: u128, exp: i32) {
    let n = count_digits(v);
    if n > N {
        return;
    }
    let mut i = n;
    while i > 0 {
        i -= 1;
        dec.d[i] = b'0' + u8::try_from(v % 10).unwrap_or(0);
        v /= 10;
    }
    dec.nd = n;
    while dec.nd > 0 && dec.d[dec.nd - 1] == b'0' {
        dec.nd -= 1;
    }
    dec.dp = i32::try_from(n).unwrap_or(0) + exp;
}

#[cfg(test)]
mod tests {
    use super::super::SHORT_DIGITS;
    use super::*;

    #[test]
    fn exact_decimal_finds_terminating_values() {
        // 2525770.25 = 101030810 × 2^-2 / ... = 252577025 × 10^-2.
        assert_eq!(exact_decimal(10103081, -2), Some((252577025, -2)));
        assert_eq!(exact_decimal(5, 0), Some((5, 0)));
        assert_eq!(exact_decimal(3, 1), None);
    }

    #[test]
    fn float32_tie_goes_to_even() {
        // The float32 nearest 2525770.2 is exactly 2525770.25, halfway between the
        // shortest candidates 2525770.2 and 2525770.3.
        let d = Decimal::<SHORT_DIGITS>::shortest32(2_525_770.2);
        assert_eq!((d.digits(), d.dp), (&b"25257702"[..], 7));
    }
}
