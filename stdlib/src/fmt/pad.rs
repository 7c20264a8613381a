//! Width padding: Go's `fmt.pad`, `padString` and `writePadding`.
//!
//! Owns how already-formatted text is widened to `Spec::width` runes: spaces on the left,
//! spaces on the right with `-`, or zeros on the left with `0` (never on the right). It
//! does not decide whether zeros are allowed for a verb; callers clear `zero` first where
//! Go does (integers, `%U`, infinities).

use super::Spec;

/// Appends `text` to `out`, padded to `spec.width` runes.
///
/// ```
/// use minigo_stdlib::fmt::{Spec, pad};
/// let mut out = Vec::new();
/// pad(&mut out, &Spec { width: Some(5), minus: true, ..Spec::default() }, "世".as_bytes());
/// assert_eq!(out, "世    ".as_bytes());
/// ```
pub fn pad(out: &mut Vec<u8>, spec: &Spec, text: &[u8]) {
    let start = out.len();
    out.extend_from_slice(text);
    pad_tail(out, start, spec, spec.zero);
}

/// Pads `out[start..]`, which the caller has just written, to `spec.width` runes; zeros
/// are used when `zero` is set and the padding goes on the left.
pub(crate) fn pad_tail(out: &mut Vec<u8>, start: usize, spec: &Spec, zero: bool) {
    let Some(width) = spec.width else { return };
    let n = width.saturating_sub(rune_count(&out[start..]));
    if n == 0 {
        return;
    }
    if spec.minus {
        out.resize(out.len() + n, b' ');
    } else {
        let byte = if zero { b'0' } else { b' ' };
        out.splice(start..start, std::iter::repeat_n(byte, n));
    }
}

/// Appends `n` padding bytes: zeros when `zero` and not left-justified, else spaces.
pub(crate) fn write_padding(out: &mut Vec<u8>, n: usize, spec: &Spec, zero: bool) {
    let byte = if zero && !spec.minus { b'0' } else { b' ' };
    out.resize(out.len() + n, byte);
}

/// Go's `utf8.RuneCount`: valid characters plus one per invalid byte.
pub(crate) fn rune_count(s: &[u8]) -> usize {
    if s.is_ascii() {
        return s.len();
    }
    s.utf8_chunks()
        .map(|chunk| chunk.valid().chars().count() + chunk.invalid().len())
        .sum()
}

/// The prefix of `s` holding its first `n` runes, counted as `rune_count` does.
pub(crate) fn truncate_runes(s: &[u8], n: usize) -> &[u8] {
    let mut left = n;
    let mut end = 0;
    for chunk in s.utf8_chunks() {
        for c in chunk.valid().chars() {
            if left == 0 {
                return &s[..end];
            }
            left -= 1;
            end += c.len_utf8();
        }
        for _ in chunk.invalid() {
            if left == 0 {
                return &s[..end];
            }
            left -= 1;
            end += 1;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_truncates_runes() {
        assert_eq!(rune_count("日本語".as_bytes()), 3);
        assert_eq!(rune_count(b"a\xffb"), 3);
        assert_eq!(
            truncate_runes("日本語日本語".as_bytes(), 5),
            "日本語日本".as_bytes()
        );
        assert_eq!(truncate_runes(b"a\xffbc", 2), b"a\xff");
        assert_eq!(truncate_runes(b"abc", 0), b"");
        assert_eq!(truncate_runes(b"abc", 10), b"abc");
    }

    #[test]
    fn pads_left_right_and_with_zeros() {
        let spec = Spec {
            width: Some(5),
            ..Spec::default()
        };
        let mut out = b"x".to_vec();
        pad(&mut out, &spec, b"ab");
        assert_eq!(out, b"x   ab");
        let mut out = Vec::new();
        pad(&mut out, &Spec { zero: true, ..spec }, b"ab");
        assert_eq!(out, b"000ab");
        let mut out = Vec::new();
        pad(
            &mut out,
            &Spec {
                zero: true,
                minus: true,
                ..spec
            },
            b"ab",
        );
        assert_eq!(out, b"ab   ");
        let mut out = Vec::new();
        pad(&mut out, &spec, b"abcdefg");
        assert_eq!(out, b"abcdefg");
    }
}
