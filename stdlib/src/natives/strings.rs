//! The `strings` natives: searching, splitting, case mapping, trimming and replacing, on
//! strings as bytes with Go's UTF-8 decoding (an invalid byte is one U+FFFD of width 1).
//!
//! This module owns the byte-level algorithms. Everything `strings` can do with callbacks or
//! by composing these (`Contains`, `Cut`, `Split`, `Builder`) is mini-Go in the declaration
//! file.
//!
//! Invariant: every offset returned is a byte offset into the argument.

use minigo_vm::native::{NativeCtx, NativeOutcome};

use super::heapval::{new_string, new_string_slice, slice_words, str_bytes};
use super::{Registry, arg, go_panic, ret};
use crate::strconv::decode_rune;

/// The runes of `s` with their byte offsets and widths.
pub(crate) fn runes(s: &[u8]) -> impl Iterator<Item = (usize, u32, usize)> + '_ {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let rest = s.get(pos..).filter(|r| !r.is_empty())?;
        let (r, w) = decode_rune(rest);
        let at = pos;
        pos += w.max(1);
        Some((at, r, w.max(1)))
    })
}

fn find(s: &[u8], sub: &[u8]) -> Option<usize> {
    if sub.is_empty() {
        return Some(0);
    }
    s.windows(sub.len()).position(|w| w == sub)
}

fn rfind(s: &[u8], sub: &[u8]) -> Option<usize> {
    if sub.is_empty() {
        return Some(s.len());
    }
    s.windows(sub.len()).rposition(|w| w == sub)
}

fn index_word(i: Option<usize>) -> u64 {
    i.map_or(-1i64, |i| i as i64) as u64
}

/// Registers a `(string, string) -> int` native.
fn add_ss_int(reg: &mut Registry, name: &str, f: fn(&[u8], &[u8]) -> i64) {
    reg.add(name, move |_, args| {
        let res = f(str_bytes(arg(args, 0)), str_bytes(arg(args, 1)));
        ret(args, 0, res as u64);
        NativeOutcome::Return
    });
}

/// Registers a `string -> string` native.
fn add_map(reg: &mut Registry, name: &str, f: fn(&[u8]) -> Vec<u8>) {
    reg.add(name, move |ctx, args| {
        let res = f(str_bytes(arg(args, 0)));
        ret(args, 0, new_string(ctx, &res));
        NativeOutcome::Return
    });
}

/// Registers a `(string, cutset string) -> string` native.
fn add_trim(reg: &mut Registry, name: &str, left: bool, right: bool) {
    reg.add(name, move |ctx, args| {
        let (s, cutset) = (str_bytes(arg(args, 0)), str_bytes(arg(args, 1)));
        let set: Vec<u32> = runes(cutset).map(|(_, r, _)| r).collect();
        let res = trim_by(s, left, right, |r| set.contains(&r));
        ret(args, 0, new_string(ctx, res));
        NativeOutcome::Return
    });
}

/// Registers the `strings` natives.
pub fn register(reg: &mut Registry) {
    add_ss_int(reg, "strings.Count", count);
    add_ss_int(reg, "strings.Index", |s, t| index_word(find(s, t)) as i64);
    add_ss_int(reg, "strings.LastIndex", |s, t| {
        index_word(rfind(s, t)) as i64
    });
    add_ss_int(reg, "strings.IndexAny", |s, t| index_any(s, t, false));
    add_ss_int(reg, "strings.LastIndexAny", |s, t| index_any(s, t, true));
    add_ss_int(reg, "strings.EqualFold", |s, t| i64::from(equal_fold(s, t)));
    reg.add("strings.IndexByte", |_, args| {
        let (s, c) = (str_bytes(arg(args, 0)), arg(args, 1) as u8);
        ret(args, 0, index_word(s.iter().position(|&b| b == c)));
        NativeOutcome::Return
    });
    reg.add("strings.LastIndexByte", |_, args| {
        let (s, c) = (str_bytes(arg(args, 0)), arg(args, 1) as u8);
        ret(args, 0, index_word(s.iter().rposition(|&b| b == c)));
        NativeOutcome::Return
    });
    reg.add("strings.IndexRune", |_, args| {
        let (s, r) = (str_bytes(arg(args, 0)), arg(args, 1) as i64);
        ret(args, 0, index_word(index_rune(s, r)));
        NativeOutcome::Return
    });
    add_map(reg, "strings.ToLower", |s| map_case(s, char::to_lowercase));
    add_map(reg, "strings.ToUpper", |s| map_case(s, char::to_uppercase));
    add_map(reg, "strings.ToTitle", |s| map_case(s, char::to_uppercase));
    add_map(reg, "strings.Title", title);
    add_map(reg, "strings.TrimSpace", |s| {
        trim_by(s, true, true, is_space).to_vec()
    });
    add_trim(reg, "strings.Trim", true, true);
    add_trim(reg, "strings.TrimLeft", true, false);
    add_trim(reg, "strings.TrimRight", false, true);
    register_building(reg);
}

/// The natives that build new strings or slices.
fn register_building(reg: &mut Registry) {
    reg.add("strings.Fields", |ctx, args| {
        let s = str_bytes(arg(args, 0));
        let fields = fields(s);
        ret(args, 0, new_string_slice(ctx, &fields));
        NativeOutcome::Return
    });
    reg.add("strings.Join", |ctx, args| {
        let elems: Vec<&[u8]> = slice_words(arg(args, 0))
            .into_iter()
            .map(str_bytes)
            .collect();
        let res = elems.join(str_bytes(arg(args, 1)));
        ret(args, 0, new_string(ctx, &res));
        NativeOutcome::Return
    });
    reg.add("strings.Repeat", repeat);
    reg.add("strings.Replace", |ctx, args| {
        let (s, old, new) = (
            str_bytes(arg(args, 0)),
            str_bytes(arg(args, 1)),
            str_bytes(arg(args, 2)),
        );
        let res = replace_n(s, old, new, arg(args, 3) as i64);
        ret(args, 0, new_string(ctx, &res));
        NativeOutcome::Return
    });
    reg.add("strings.SplitN", |ctx, args| split_native(ctx, args, 0));
    reg.add("strings.SplitAfterN", |ctx, args| {
        let sep_len = str_bytes(arg(args, 1)).len();
        split_native(ctx, args, sep_len)
    });
    reg.add("strings.replace", |ctx, args| {
        let pairs: Vec<&[u8]> = slice_words(arg(args, 1))
            .into_iter()
            .map(str_bytes)
            .collect();
        let res = replace_pairs(str_bytes(arg(args, 0)), &pairs);
        ret(args, 0, new_string(ctx, &res));
        NativeOutcome::Return
    });
}

fn count(s: &[u8], sub: &[u8]) -> i64 {
    if sub.is_empty() {
        return runes(s).count() as i64 + 1;
    }
    let (mut n, mut rest) = (0, s);
    while let Some(i) = find(rest, sub) {
        n += 1;
        rest = &rest[i + sub.len()..];
    }
    n
}

fn index_any(s: &[u8], chars: &[u8], last: bool) -> i64 {
    let set: Vec<u32> = runes(chars).map(|(_, r, _)| r).collect();
    let mut hits = runes(s)
        .filter(|&(_, r, _)| set.contains(&r))
        .map(|(at, _, _)| at);
    let hit = if last { hits.last() } else { hits.next() };
    hit.map_or(-1, |i| i as i64)
}

fn index_rune(s: &[u8], r: i64) -> Option<usize> {
    if !(0..=0x10FFFF).contains(&r) || (0xD800..0xE000).contains(&r) {
        return None;
    }
    runes(s)
        .find(|&(_, c, _)| i64::from(c) == r)
        .map(|(at, _, _)| at)
}

/// Go's `unicode.IsSpace`.
pub(crate) fn is_space(r: u32) -> bool {
    matches!(r, 0x09..=0x0D | 0x20 | 0x85 | 0xA0)
        || char::from_u32(r).is_some_and(|c| r > 0xFF && c.is_whitespace())
}

fn trim_by(s: &[u8], left: bool, right: bool, cut: impl Fn(u32) -> bool) -> &[u8] {
    let mut start = 0;
    if left {
        start = runes(s)
            .find(|&(_, r, _)| !cut(r))
            .map_or(s.len(), |(at, _, _)| at);
    }
    let mut end = s.len();
    if right {
        end = runes(s)
            .filter(|&(at, r, _)| at >= start && !cut(r))
            .last()
            .map_or(start, |(at, _, w)| at + w);
    }
    s.get(start..end.max(start)).unwrap_or_default()
}

fn map_case<I: Iterator<Item = char>>(s: &[u8], f: fn(char) -> I) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    for (at, r, w) in runes(s) {
        match char::from_u32(r) {
            // An invalid byte maps to U+FFFD, as Go's `strings.Map` does.
            Some(c)
                if !(r == 0xFFFD && w == 1) || s.get(at..at + w) == Some("\u{FFFD}".as_bytes()) =>
            {
                let mut mapped = f(c);
                // Go's simple case mapping maps one rune to one rune; keep the first.
                let m = if let (Some(first), None) = (mapped.next(), mapped.next()) {
                    first
                } else {
                    c
                };
                out.extend_from_slice(m.encode_utf8(&mut [0; 4]).as_bytes());
            }
            _ => out.extend_from_slice("\u{FFFD}".as_bytes()),
        }
    }
    out
}

fn title(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut prev_letter = false;
    for (at, r, w) in runes(s) {
        let c = char::from_u32(r).unwrap_or('\u{FFFD}');
        let piece = s.get(at..at + w).unwrap_or_default();
        if !prev_letter && c.is_alphabetic() {
            out.extend_from_slice(map_case(piece, char::to_uppercase).as_slice());
        } else {
            out.extend_from_slice(piece);
        }
        prev_letter = c.is_alphanumeric() || c == '_' || c == '\'';
    }
    out
}

fn equal_fold(s: &[u8], t: &[u8]) -> bool {
    let fold = |(_, r, _): (usize, u32, usize)| {
        char::from_u32(r).map_or(r, |c| c.to_lowercase().next().map_or(r, u32::from))
    };
    runes(s).map(fold).eq(runes(t).map(fold))
}

fn fields(s: &[u8]) -> Vec<&[u8]> {
    let mut res = Vec::new();
    let mut start = None;
    for (at, r, _) in runes(s) {
        match (is_space(r), start) {
            (true, Some(st)) => {
                res.push(&s[st..at]);
                start = None;
            }
            (false, None) => start = Some(at),
            _ => {}
        }
    }
    if let Some(st) = start {
        res.push(&s[st..]);
    }
    res
}

fn repeat(ctx: &mut NativeCtx<'_>, args: &mut [u64]) -> NativeOutcome {
    let (s, n) = (str_bytes(arg(args, 0)), arg(args, 1) as i64);
    if n < 0 {
        return go_panic("strings: negative Repeat count");
    }
    let Some(total) = s
        .len()
        .checked_mul(n as usize)
        .filter(|&t| t <= isize::MAX as usize / 2)
    else {
        return go_panic("strings: Repeat output length overflow");
    };
    let mut res = Vec::with_capacity(total);
    for _ in 0..n {
        res.extend_from_slice(s);
    }
    ret(args, 0, new_string(ctx, &res));
    NativeOutcome::Return
}

/// Go's `Replace`: the first `n` (all when negative) non-overlapping instances.
fn replace_n(s: &[u8], old: &[u8], new: &[u8], n: i64) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let (mut pos, mut done) = (0, 0i64);
    while n < 0 || done < n {
        let next = if old.is_empty() {
            if done > 0 {
                if pos >= s.len() {
                    break;
                }
                pos + decode_rune(&s[pos..]).1.max(1)
            } else {
                pos
            }
        } else {
            match find(&s[pos..], old) {
                Some(i) => pos + i,
                None => break,
            }
        };
        out.extend_from_slice(&s[pos..next]);
        out.extend_from_slice(new);
        pos = next + old.len();
        done += 1;
    }
    out.extend_from_slice(s.get(pos..).unwrap_or_default());
    out
}

fn split_native(ctx: &mut NativeCtx<'_>, args: &mut [u64], sep_save: usize) -> NativeOutcome {
    let (s, sep, n) = (
        str_bytes(arg(args, 0)),
        str_bytes(arg(args, 1)),
        arg(args, 2) as i64,
    );
    let res = if n == 0 {
        0
    } else {
        new_string_slice(ctx, &split(s, sep, sep_save, n))
    };
    ret(args, 0, res);
    NativeOutcome::Return
}

/// Go's `genSplit`.
fn split<'a>(s: &'a [u8], sep: &[u8], sep_save: usize, n: i64) -> Vec<&'a [u8]> {
    if sep.is_empty() {
        let mut parts: Vec<&[u8]> = runes(s).map(|(at, _, w)| &s[at..at + w]).collect();
        if n > 0 && parts.len() > n as usize {
            let at = parts
                .iter()
                .take(n as usize - 1)
                .map(|p| p.len())
                .sum::<usize>();
            parts.truncate(n as usize - 1);
            parts.push(&s[at..]);
        }
        return parts;
    }
    let mut res = Vec::new();
    let mut rest = s;
    while n < 0 || (res.len() as i64) < n - 1 {
        let Some(i) = find(rest, sep) else { break };
        res.push(&rest[..i + sep_save]);
        rest = &rest[i + sep.len()..];
    }
    res.push(rest);
    res
}

/// `Replacer.Replace` with the generic algorithm's priority: at each position the first
/// pair in argument order whose old string matches.
fn replace_pairs(s: &[u8], pairs: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut pos = 0;
    loop {
        let hit = pairs
            .chunks(2)
            .find(|p| s.get(pos..).is_some_and(|rest| rest.starts_with(p[0])) && p.len() == 2);
        match hit {
            Some(p) => {
                out.extend_from_slice(p[1]);
                if p[0].is_empty() {
                    let Some(&b) = s.get(pos) else { break };
                    out.push(b);
                    pos += 1;
                } else {
                    pos += p[0].len();
                }
            }
            None => {
                let Some(&b) = s.get(pos) else { break };
                out.push(b);
                pos += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_indexes_follow_go() {
        assert_eq!(count(b"cheese", b"e"), 3);
        assert_eq!(count(b"five", b""), 5);
        assert_eq!(index_any(b"golang", b"ny", false), 4);
        assert_eq!(index_rune("chicken".as_bytes(), 'k' as i64), Some(4));
        assert_eq!(rfind(b"go gopher", b"go"), Some(3));
        assert_eq!(rfind(b"abc", b""), Some(3));
    }

    #[test]
    fn splitting_and_fields_follow_go() {
        assert_eq!(split(b"a,b,c", b",", 0, -1), [b"a" as &[u8], b"b", b"c"]);
        assert_eq!(split(b"a,b,c", b",", 0, 2), [b"a" as &[u8], b"b,c"]);
        assert_eq!(split(b"a,b,c", b",", 1, -1), [b"a," as &[u8], b"b,", b"c"]);
        assert_eq!(split(b"abc", b"", 0, 2), [b"a" as &[u8], b"bc"]);
        assert_eq!(
            fields(b"  foo bar  baz   "),
            [b"foo" as &[u8], b"bar", b"baz"]
        );
        assert!(fields(b"   ").is_empty());
    }

    #[test]
    fn replace_trim_and_case_follow_go() {
        assert_eq!(
            replace_n(b"oink oink oink", b"k", b"ky", 2),
            b"oinky oinky oink"
        );
        assert_eq!(
            replace_n(b"oink oink oink", b"oink", b"moo", -1),
            b"moo moo moo"
        );
        assert_eq!(replace_n(b"abc", b"", b"-", -1), b"-a-b-c-");
        assert_eq!(trim_by(b"  hi  ", true, true, is_space), b"hi");
        assert_eq!(
            trim_by(b"xxhixx", false, true, |r| r == 'x' as u32),
            b"xxhi"
        );
        assert_eq!(
            map_case("Hello, 世界".as_bytes(), char::to_uppercase),
            "HELLO, 世界".as_bytes()
        );
        assert_eq!(title(b"her royal highness"), b"Her Royal Highness");
        assert!(equal_fold(b"Go", b"GO"));
        assert_eq!(
            replace_pairs(b"a<b>", &[b"<", b"&lt;", b">", b"&gt;"]),
            b"a&lt;b&gt;"
        );
    }
}
