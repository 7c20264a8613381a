//! The small packages' natives: `unicode/utf8`, `os`, `runtime`, `math/rand`, and the
//! sorting natives of `sort` and `slices`.
//!
//! This module owns each of these in a few lines; none needs more than the heap helpers.
//! It does not own scheduling: `runtime.Gosched` returns at once and `NumGoroutine`
//! reports 1 until the scheduler registers its own versions over these.
//!
//! Invariant: the random source is one generator per registry (per linked program), seeded
//! from the clock unless `rand.Seed` reseeds it.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};

use minigo_vm::native::{NativeCtx, NativeOutcome};
use minigo_vm::op::TypeIdx;
use minigo_vm::program::TypeKind;

use super::heapval::{self, new_string, new_string_slice, str_bytes};
use super::output::Output;
use super::{Registry, arg, go_panic, ret};
use crate::strconv::decode_rune;

/// Registers the natives of `unicode/utf8`, `os`, `runtime`, `math/rand`, `sort` and
/// `slices`.
pub fn register(reg: &mut Registry, output: &Arc<Output>) {
    register_utf8(reg);
    register_os(reg, output);
    register_runtime(reg);
    register_rand(reg);
    register_sort(reg);
}

fn register_utf8(reg: &mut Registry) {
    reg.add("unicode/utf8.DecodeRuneInString", |_, args| {
        let (r, w) = decode_rune(str_bytes(arg(args, 0)));
        ret(args, 0, u64::from(r));
        ret(args, 1, w as u64);
        NativeOutcome::Return
    });
    reg.add("unicode/utf8.DecodeLastRuneInString", |_, args| {
        let (r, w) = decode_last_rune(str_bytes(arg(args, 0)));
        ret(args, 0, u64::from(r));
        ret(args, 1, w as u64);
        NativeOutcome::Return
    });
    reg.add("unicode/utf8.FullRuneInString", |_, args| {
        ret(args, 0, u64::from(full_rune(str_bytes(arg(args, 0)))));
        NativeOutcome::Return
    });
    reg.add("unicode/utf8.RuneCountInString", |_, args| {
        ret(
            args,
            0,
            super::strings::runes(str_bytes(arg(args, 0))).count() as u64,
        );
        NativeOutcome::Return
    });
    reg.add("unicode/utf8.ValidString", |_, args| {
        ret(
            args,
            0,
            u64::from(std::str::from_utf8(str_bytes(arg(args, 0))).is_ok()),
        );
        NativeOutcome::Return
    });
}

/// Go's `utf8.DecodeLastRune`.
fn decode_last_rune(s: &[u8]) -> (u32, usize) {
    if s.is_empty() {
        return (0xFFFD, 0);
    }
    let end = s.len();
    let lim = end.saturating_sub(4);
    let start = (lim..end)
        .rev()
        .find(|&i| s[i] & 0xC0 != 0x80)
        .unwrap_or(lim);
    let (r, w) = decode_rune(&s[start..]);
    if start + w == end {
        (r, w)
    } else {
        (0xFFFD, 1)
    }
}

/// Go's `utf8.FullRune`: false only for a valid but truncated prefix of an encoding.
fn full_rune(s: &[u8]) -> bool {
    let Some(&lead) = s.first() else { return false };
    let need = match lead {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return true,
    };
    if s.len() >= need {
        return true;
    }
    // A truncated sequence is not full only while every byte so far could continue it.
    let mut probe = s.to_vec();
    probe.resize(need, 0x80);
    probe.iter().skip(1).all(|&b| b & 0xC0 == 0x80) && std::str::from_utf8(&probe).is_err()
        || !s.iter().skip(1).all(|&b| b & 0xC0 == 0x80)
}

fn register_os(reg: &mut Registry, output: &Arc<Output>) {
    let out = Arc::clone(output);
    reg.add("os.write", move |_, args| {
        let n = out.write(arg(args, 0) as i64, &heapval::byte_slice(arg(args, 1)));
        ret(args, 0, n as u64);
        NativeOutcome::Return
    });
    let out = Arc::clone(output);
    reg.add("os.writeString", move |_, args| {
        let n = out.write(arg(args, 0) as i64, str_bytes(arg(args, 1)));
        ret(args, 0, n as u64);
        NativeOutcome::Return
    });
    let out = Arc::clone(output);
    reg.add("os.Exit", move |_, args| {
        out.flush();
        NativeOutcome::Panic(minigo_vm::PanicKind::Exit(arg(args, 0) as i32))
    });
    reg.add("os.LookupEnv", |ctx, args| {
        let key = String::from_utf8_lossy(str_bytes(arg(args, 0))).into_owned();
        let value = std::env::var_os(&key);
        let bytes = value.as_ref().map(|v| v.to_string_lossy().into_owned());
        ret(
            args,
            0,
            new_string(ctx, bytes.as_deref().unwrap_or("").as_bytes()),
        );
        ret(args, 1, u64::from(value.is_some()));
        NativeOutcome::Return
    });
    // A host that runs a program with arguments replaces this with its own (`minigo run`
    // does); embedded scripts and the REPL see a nil `os.Args`.
    reg.add("os.runtimeArgs", |_, args| {
        ret(args, 0, 0);
        NativeOutcome::Return
    });
    reg.add("os.Environ", |ctx, args| {
        let vars: Vec<String> = std::env::vars_os()
            .map(|(k, v)| format!("{}={}", k.to_string_lossy(), v.to_string_lossy()))
            .collect();
        let items: Vec<&[u8]> = vars.iter().map(|v| v.as_bytes()).collect();
        ret(args, 0, new_string_slice(ctx, &items));
        NativeOutcome::Return
    });
}

/// The default `GOMAXPROCS`: the environment variable, else the number of cores.
fn default_procs() -> i64 {
    std::env::var("GOMAXPROCS")
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(num_cpu)
}

fn num_cpu() -> i64 {
    std::thread::available_parallelism().map_or(1, |n| n.get() as i64)
}

fn register_runtime(reg: &mut Registry) {
    let procs = Arc::new(AtomicI64::new(default_procs()));
    reg.add("runtime.GOMAXPROCS", move |_, args| {
        let n = arg(args, 0) as i64;
        let prev = if n < 1 {
            procs.load(Ordering::Relaxed)
        } else {
            procs.swap(n, Ordering::Relaxed)
        };
        ret(args, 0, prev as u64);
        NativeOutcome::Return
    });
    reg.add("runtime.NumCPU", |_, args| {
        ret(args, 0, num_cpu() as u64);
        NativeOutcome::Return
    });
    reg.add("runtime.NumGoroutine", |_, args| {
        ret(args, 0, 1);
        NativeOutcome::Return
    });
    reg.add("runtime.Gosched", |_, _| NativeOutcome::Return);
    reg.add("runtime.GC", |_, _| NativeOutcome::Return);
    reg.add("runtime.Goexit", |_, _| {
        NativeOutcome::Panic(minigo_vm::PanicKind::Fatal(
            "no goroutines (main called runtime.Goexit) - deadlock!".into(),
        ))
    });
    reg.add("runtime.Version", |ctx, args| {
        ret(args, 0, new_string(ctx, b"go1.24"));
        NativeOutcome::Return
    });
}

/// SplitMix64: a fast, well-mixed generator whose whole state is one word, so it can live
/// in an atomic.
fn splitmix(state: &AtomicU64) -> u64 {
    let mut z = state
        .fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed)
        .wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn register_rand(reg: &mut Registry) {
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0x5EED, |d| d.as_nanos() as u64);
    let state = Arc::new(AtomicU64::new(seed));
    let source = Arc::clone(&state);
    reg.add("math/rand.Uint64", move |_, args| {
        ret(args, 0, splitmix(&source));
        NativeOutcome::Return
    });
    reg.add("math/rand.Seed", move |_, args| {
        state.store(arg(args, 0), Ordering::Relaxed);
        NativeOutcome::Return
    });
}

/// Go's `reflect.Kind` name of a type, for the `Swapper` panic.
fn kind_name(kind: &TypeKind, name: &str) -> String {
    match kind {
        TypeKind::Pointer(_) => "ptr".into(),
        TypeKind::Struct { .. } => "struct".into(),
        TypeKind::Array { .. } => "array".into(),
        TypeKind::Map { .. } => "map".into(),
        TypeKind::Chan { .. } => "chan".into(),
        TypeKind::Func => "func".into(),
        TypeKind::Interface { .. } => "interface".into(),
        TypeKind::Bool => "bool".into(),
        TypeKind::String => "string".into(),
        TypeKind::Int(64) if name.ends_with("int") => "int".into(),
        TypeKind::Int(bits) => format!("int{bits}"),
        TypeKind::Uint(64) if name.ends_with("uint") => "uint".into(),
        TypeKind::Uint(bits) => format!("uint{bits}"),
        TypeKind::Float(bits) => format!("float{bits}"),
        TypeKind::Slice { .. } => "slice".into(),
    }
}

/// The slice word and element type inside an `any`, or the `Swapper` panic.
fn any_slice(ctx: &NativeCtx<'_>, x: u64) -> Result<(u64, TypeIdx), NativeOutcome> {
    let Some(b) = heapval::iface(x) else {
        return Err(go_panic("reflect: call of Swapper on zero Value"));
    };
    let desc = ctx.program().ty(TypeIdx(b.ty));
    match desc.kind {
        TypeKind::Slice { elem } => Ok((b.data, elem)),
        ref other => Err(go_panic(&format!(
            "reflect: call of Swapper on {} Value",
            kind_name(other, &desc.name)
        ))),
    }
}

/// Sorts a slice in place by the order of its element kind.
fn sort_slice(ctx: &NativeCtx<'_>, slice: u64, elem: TypeIdx) {
    let mut words = heapval::slice_words(slice);
    let kind = ctx.program().ty(elem).kind.clone();
    match kind {
        TypeKind::Int(_) => words.sort_unstable_by_key(|&w| w as i64),
        TypeKind::Uint(_) => words.sort_unstable(),
        TypeKind::Float(_) => {
            words.sort_by(|&a, &b| float_order(f64::from_bits(a), f64::from_bits(b)))
        }
        TypeKind::String => words.sort_by(|&a, &b| str_bytes(a).cmp(str_bytes(b))),
        _ => return,
    }
    for (i, w) in words.into_iter().enumerate() {
        heapval::slice_store(slice, i, w);
    }
}

/// NaNs first, -0 and +0 equal (Go's `cmp.Compare` order).
fn float_order(a: f64, b: f64) -> std::cmp::Ordering {
    match (a.is_nan(), b.is_nan()) {
        (true, true) => std::cmp::Ordering::Equal,
        (true, false) => std::cmp::Ordering::Less,
        (false, true) => std::cmp::Ordering::Greater,
        _ => a.partial_cmp(&b).unwrap_or(std::cmp::Ordering::Equal),
    }
}

fn register_sort(reg: &mut Registry) {
    for (name, kind) in [
        ("sort.Ints", TypeKind::Int(64)),
        ("sort.Float64s", TypeKind::Float(64)),
        ("sort.Strings", TypeKind::String),
    ] {
        reg.add(name, move |ctx, args| {
            sort_typed(ctx, arg(args, 0), &kind);
            NativeOutcome::Return
        });
    }
    reg.add("slices.sortOrdered", |ctx, args| {
        match any_slice(ctx, arg(args, 0)) {
            Ok((slice, elem)) => {
                sort_slice(ctx, slice, elem);
                NativeOutcome::Return
            }
            Err(panic) => panic,
        }
    });
    reg.add("sort.sliceLen", |ctx, args| {
        match any_slice(ctx, arg(args, 0)) {
            Ok((slice, _)) => {
                ret(args, 0, heapval::slice_len(slice) as u64);
                NativeOutcome::Return
            }
            Err(panic) => panic,
        }
    });
    reg.add("sort.sliceSwap", slice_swap);
}

/// `sort.Ints` and friends: the element kind is known from the name.
fn sort_typed(ctx: &NativeCtx<'_>, slice: u64, kind: &TypeKind) {
    let elem = ctx.program().types.iter().position(|t| &t.kind == kind);
    if let Some(elem) = elem.and_then(|i| u16::try_from(i).ok()) {
        sort_slice(ctx, slice, TypeIdx(elem));
    }
}

fn slice_swap(ctx: &mut NativeCtx<'_>, args: &mut [u64]) -> NativeOutcome {
    let (slice, _) = match any_slice(ctx, arg(args, 0)) {
        Ok(it) => it,
        Err(panic) => return panic,
    };
    // One element at a time: copying the slice here would make every sort quadratic.
    let (i, j) = (arg(args, 1) as i64, arg(args, 2) as i64);
    let len = heapval::slice_len(slice) as i64;
    let load = |idx: i64| {
        usize::try_from(idx)
            .ok()
            .and_then(|k| heapval::slice_load(slice, k))
    };
    let (Some(wi), Some(wj)) = (load(i), load(j)) else {
        let idx = if (0..len).contains(&i) { j } else { i };
        return NativeOutcome::Panic(minigo_vm::PanicKind::IndexOutOfRange { idx, len });
    };
    heapval::slice_store(slice, i as usize, wj);
    heapval::slice_store(slice, j as usize, wi);
    NativeOutcome::Return
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_edges_follow_go() {
        assert_eq!(decode_last_rune("a世".as_bytes()), (0x4E16, 3));
        assert_eq!(decode_last_rune(b"a\xff"), (0xFFFD, 1));
        assert_eq!(decode_last_rune(b""), (0xFFFD, 0));
        assert!(full_rune(b"a"));
        assert!(!full_rune(b"\xe4\xb8"));
        assert!(full_rune(b"\xff"));
        assert!(!full_rune(b""));
    }

    #[test]
    fn rand_source_is_deterministic_per_seed() {
        let (a, b) = (AtomicU64::new(7), AtomicU64::new(7));
        assert_eq!(splitmix(&a), splitmix(&b));
        assert_ne!(splitmix(&a), splitmix(&a));
    }
}
