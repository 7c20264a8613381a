//! Text-like verbs: strings and byte slices (`%s %q %x %X %v`), booleans (`%t %v`) and
//! pointers (`%p %v`), Go's `fmtString`, `fmtBytes`, `fmtBool` and `fmtPointer`.
//!
//! Owns precision as a rune limit, `%q` with `#` (raw string when possible) and `+`
//! (ASCII only), and hex dumps with `#` (`0x` prefix) and space (`% x` separated bytes).
//! Does not own `%T` or how pointers print inside composites; callers handle those.

use super::int::{fmt_0x, fmt_uint};
use super::pad::{pad_tail, truncate_runes, write_padding};
use super::{BadVerb, Spec};
use crate::strconv::{can_backquote, quote_into, quote_to_ascii_into};

/// Formats a Go string (any bytes) under `spec` and `verb`.
///
/// # Errors
///
/// `BadVerb` for a verb strings do not take; nothing is written then.
///
/// ```
/// use minigo_stdlib::fmt::{Spec, fmt_string};
/// let mut out = Vec::new();
/// fmt_string(&mut out, &Spec { precision: Some(3), ..Spec::default() }, 's', b"gopher").unwrap();
/// assert_eq!(out, b"gop");
/// ```
pub fn fmt_string(out: &mut Vec<u8>, spec: &Spec, verb: char, s: &[u8]) -> Result<(), BadVerb> {
    match verb {
        'v' if spec.sharp_v => fmt_q(out, spec, s),
        'v' | 's' => fmt_s(out, spec, s),
        'x' => fmt_hex(out, spec, s, false),
        'X' => fmt_hex(out, spec, s, true),
        'q' => fmt_q(out, spec, s),
        _ => return Err(BadVerb),
    }
    Ok(())
}

/// Formats a `[]byte` (`None` for a nil slice) under `spec` and `verb`. `type_name` is the
/// slice's Go type (`[]byte`, `[]uint8`, or a named type) for `%#v`.
///
/// # Errors
///
/// `BadVerb` for any other verb: Go then prints the slice like any other slice, element
/// by element, which the caller does. Nothing is written in that case.
pub fn fmt_bytes(
    out: &mut Vec<u8>,
    spec: &Spec,
    verb: char,
    bytes: Option<&[u8]>,
    type_name: &str,
) -> Result<(), BadVerb> {
    let b = bytes.unwrap_or_default();
    match verb {
        'v' | 'd' if spec.sharp_v => bytes_go_syntax(out, spec, bytes, type_name),
        'v' | 'd' => {
            out.push(b'[');
            for (i, &c) in b.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                // Cannot fail: `v` and `d` are integer verbs.
                let _ = fmt_uint(out, spec, verb, u64::from(c));
            }
            out.push(b']');
        }
        's' => fmt_s(out, spec, b),
        'x' => fmt_hex(out, spec, b, false),
        'X' => fmt_hex(out, spec, b, true),
        'q' => fmt_q(out, spec, b),
        _ => return Err(BadVerb),
    }
    Ok(())
}

/// `%#v` of a byte slice: `[]byte{0x1, 0xb}`, or `[]byte(nil)`.
fn bytes_go_syntax(out: &mut Vec<u8>, spec: &Spec, bytes: Option<&[u8]>, type_name: &str) {
    out.extend_from_slice(type_name.as_bytes());
    let Some(b) = bytes else {
        out.extend_from_slice(b"(nil)");
        return;
    };
    out.push(b'{');
    for (i, &c) in b.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(b", ");
        }
        fmt_0x(out, spec, u64::from(c), true);
    }
    out.push(b'}');
}

/// Formats a boolean: `%t` and `%v` print `true`/`false`, padded.
///
/// # Errors
///
/// `BadVerb` for any other verb; nothing is written then.
pub fn fmt_bool(out: &mut Vec<u8>, spec: &Spec, verb: char, b: bool) -> Result<(), BadVerb> {
    if !matches!(verb, 't' | 'v') {
        return Err(BadVerb);
    }
    let start = out.len();
    out.extend_from_slice(if b { b"true" } else { b"false" });
    pad_tail(out, start, spec, spec.zero);
    Ok(())
}

/// Formats a pointer-like value (pointer, chan, func, map, slice) whose address is
/// `addr` (0 for nil): `%p` and `%v` as `0xc000012345`, `%v` of nil as `<nil>`, `%#v` as
/// `(type_name)(0x...)`, and `%b %o %d %x %X` as the integer address.
///
/// # Errors
///
/// `BadVerb` for any other verb; nothing is written then.
pub fn fmt_pointer(
    out: &mut Vec<u8>,
    spec: &Spec,
    verb: char,
    addr: u64,
    type_name: &str,
) -> Result<(), BadVerb> {
    match verb {
        'v' if spec.sharp_v => {
            out.push(b'(');
            out.extend_from_slice(type_name.as_bytes());
            out.extend_from_slice(b")(");
            if addr == 0 {
                out.extend_from_slice(b"nil");
            } else {
                fmt_0x(out, spec, addr, true);
            }
            out.push(b')');
        }
        'v' if addr == 0 => {
            let start = out.len();
            out.extend_from_slice(b"<nil>");
            pad_tail(out, start, spec, spec.zero);
        }
        'v' | 'p' => fmt_0x(out, spec, addr, !spec.sharp),
        'b' | 'o' | 'd' | 'x' | 'X' => fmt_uint(out, spec, verb, addr)?,
        _ => return Err(BadVerb),
    }
    Ok(())
}

/// Go's `fmtS`: truncated to the precision in runes, then padded.
fn fmt_s(out: &mut Vec<u8>, spec: &Spec, s: &[u8]) {
    let s = spec.precision.map_or(s, |p| truncate_runes(s, p));
    let start = out.len();
    out.extend_from_slice(s);
    pad_tail(out, start, spec, spec.zero);
}

/// Go's `fmtQ`: a raw string with `#` when possible, else a quoted one (ASCII with `+`).
fn fmt_q(out: &mut Vec<u8>, spec: &Spec, s: &[u8]) {
    let s = spec.precision.map_or(s, |p| truncate_runes(s, p));
    let start = out.len();
    if spec.sharp && can_backquote(s) {
        out.push(b'`');
        out.extend_from_slice(s);
        out.push(b'`');
    } else if spec.plus {
        quote_to_ascii_into(out, s);
    } else {
        quote_into(out, s);
    }
    pad_tail(out, start, spec, spec.zero);
}

/// Go's `fmtSbx`: two hex digits per byte (up to the precision in bytes), with `#`
/// adding `0x` and space separating bytes (each then with its own `0x`).
fn fmt_hex(out: &mut Vec<u8>, spec: &Spec, s: &[u8], upper: bool) {
    let digits: &[u8; 16] = if upper {
        b"0123456789ABCDEF"
    } else {
        b"0123456789abcdef"
    };
    let prefix: &[u8] = if upper { b"0X" } else { b"0x" };
    let s = &s[..spec.precision.map_or(s.len(), |p| p.min(s.len()))];
    if s.is_empty() {
        write_padding(out, spec.width.unwrap_or(0), spec, spec.zero);
        return;
    }
    let width = match (spec.space, spec.sharp) {
        (true, true) => 4 * s.len() + s.len() - 1,
        (true, false) => 2 * s.len() + s.len() - 1,
        (false, true) => 2 * s.len() + 2,
        (false, false) => 2 * s.len(),
    };
    let n_pad = spec.width.map_or(0, |w| w.saturating_sub(width));
    if !spec.minus {
        write_padding(out, n_pad, spec, spec.zero);
    }
    if spec.sharp {
        out.extend_from_slice(prefix);
    }
    for (i, &c) in s.iter().enumerate() {
        if spec.space && i > 0 {
            out.push(b' ');
            if spec.sharp {
                out.extend_from_slice(prefix);
            }
        }
        out.extend_from_slice(&[digits[usize::from(c >> 4)], digits[usize::from(c & 15)]]);
    }
    if spec.minus {
        write_padding(out, n_pad, spec, false);
    }
}
