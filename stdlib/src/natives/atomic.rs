//! The `sync/atomic` natives: one sequentially consistent operation each on the word an
//! address points to, for the integer functions, the typed atomics (`Int32`, `Bool`, ...),
//! the interface slot under `Pointer[T]`, and `Value` with its type-consistency panics.
//!
//! This module owns the width handling (an `int32` result is sign-extended, a `uint32`
//! zero-extended, as the VM's value encoding requires) and `Value`'s rules. It does not own
//! the typed wrappers' methods, which are mini-Go in `decl/sync/atomic.go`.
//!
//! Addresses: `&x` of a scalar variable is a one-word heap cell, `&s.n` or `&a[i]` a
//! pointer word naming a field or element (`minigo_vm::heap::pointer`), and the address of
//! a typed atomic (`*Int32`, `*Bool`, `*Value`, `Pointer`'s `*anySlot`) is its struct
//! object, whose only word holds the value; every native decodes the address and operates
//! on the word it names, through `heap::object`'s atomic slots. A typed atomic's native is the
//! address function of its width under another name (`int32Add` is `AddInt32`), and the
//! `Bool` natives are the `Uint32` ones, since a bool word is 0 or 1.
//!
//! Invariant: a nil address panics with Go's nil-dereference error before any access.

use std::sync::atomic::{AtomicU64, Ordering::SeqCst};

use minigo_vm::PanicKind;
use minigo_vm::heap::object;
use minigo_vm::native::{NativeCtx, NativeOutcome};
use minigo_vm::op::TypeIdx;

use super::{Registry, arg, go_panic, heapval, ret};

/// The slot an address word points to.
fn slot<'a>(addr: u64) -> Option<&'a AtomicU64> {
    if addr == 0 {
        return None;
    }
    // SAFETY: a non-nil address is a pointer word to a live one-word location (a cell, a
    // field or an element: `minigo_vm::heap::pointer`); the collector cannot run while a
    // native runs.
    unsafe {
        let (obj, index) = minigo_vm::heap::pointer::decode(addr)?;
        object::slots(obj).get(index)
    }
}

/// The operand widths, by their name in the address functions (`AddInt32`) and in the
/// typed atomics' natives (`int32Add`).
const WIDTHS: [(&str, &str); 5] = [
    ("Int32", "int32"),
    ("Int64", "int64"),
    ("Uint32", "uint32"),
    ("Uint64", "uint64"),
    ("Uintptr", "uintptr"),
];

/// Normalizes a 64-bit result to the operand width.
fn norm(width: &str, v: u64) -> u64 {
    match width {
        "Int32" => v as i32 as i64 as u64,
        "Uint32" => u64::from(v as u32),
        _ => v,
    }
}

/// A read-modify-write update: the new slot value from the old one and the operand.
type Update = fn(u64, u64) -> u64;

/// The read-modify-write operations: name, update, and whether the result is the new
/// value (`Add`) rather than the old one (`And`, `Or`, `Swap`).
const RMW: [(&str, Update, bool); 4] = [
    ("Add", u64::wrapping_add, true),
    ("And", |a, b| a & b, false),
    ("Or", |a, b| a | b, false),
    ("Swap", |_, new| new, false),
];

/// Registers the `sync/atomic` natives.
pub fn register(reg: &mut Registry) {
    for (width, lower) in WIDTHS {
        let names = |op: &str| {
            [
                format!("sync/atomic.{op}{width}"),
                format!("sync/atomic.{lower}{op}"),
            ]
        };
        for (op, f, new_result) in RMW {
            for name in names(op) {
                reg.add(&name, move |_, args| rmw(args, width, f, new_result));
            }
        }
        for name in names("Load") {
            reg.add(&name, |_, args| load(args));
        }
        for name in names("Store") {
            reg.add(&name, move |_, args| store(args, width));
        }
        for name in names("CompareAndSwap") {
            reg.add(&name, move |_, args| compare_and_swap(args, width));
        }
    }
    reg.add("sync/atomic.boolLoad", |_, args| load(args));
    reg.add("sync/atomic.boolStore", |_, args| store(args, "Uint32"));
    reg.add("sync/atomic.boolSwap", |_, args| {
        rmw(args, "Uint32", |_, new| new, false)
    });
    reg.add("sync/atomic.boolCompareAndSwap", |_, args| {
        compare_and_swap(args, "Uint32")
    });
    register_any(reg);
    register_value(reg);
}

fn rmw(args: &mut [u64], width: &str, f: Update, new_result: bool) -> NativeOutcome {
    let Some(s) = slot(arg(args, 0)) else {
        return NativeOutcome::Panic(PanicKind::NilDeref);
    };
    let operand = arg(args, 1);
    let update = |old: u64| Some(norm(width, f(old, operand)));
    let old = s.fetch_update(SeqCst, SeqCst, update).unwrap_or_else(|v| v);
    let res = if new_result {
        norm(width, f(old, operand))
    } else {
        old
    };
    returning(args, res)
}

fn load(args: &mut [u64]) -> NativeOutcome {
    match slot(arg(args, 0)) {
        Some(s) => returning(args, s.load(SeqCst)),
        None => NativeOutcome::Panic(PanicKind::NilDeref),
    }
}

fn store(args: &mut [u64], width: &str) -> NativeOutcome {
    match slot(arg(args, 0)) {
        Some(s) => {
            s.store(norm(width, arg(args, 1)), SeqCst);
            NativeOutcome::Return
        }
        None => NativeOutcome::Panic(PanicKind::NilDeref),
    }
}

fn compare_and_swap(args: &mut [u64], width: &str) -> NativeOutcome {
    let Some(s) = slot(arg(args, 0)) else {
        return NativeOutcome::Panic(PanicKind::NilDeref);
    };
    let (old, new) = (norm(width, arg(args, 1)), norm(width, arg(args, 2)));
    let swapped = s.compare_exchange(old, new, SeqCst, SeqCst).is_ok();
    returning(args, u64::from(swapped))
}

/// Whether two interface words hold the same dynamic type and data word (`==` on the
/// pointer values `atomic.Pointer` stores).
fn same_iface(a: u64, b: u64) -> bool {
    match (heapval::iface(a), heapval::iface(b)) {
        (None, None) => true,
        (Some(x), Some(y)) => x.ty == y.ty && x.data == y.data,
        _ => false,
    }
}

fn register_any(reg: &mut Registry) {
    reg.add("sync/atomic.loadAny", |_, args| load(args));
    reg.add("sync/atomic.storeAny", |_, args| match slot(arg(args, 0)) {
        Some(s) => {
            s.store(arg(args, 1), SeqCst);
            NativeOutcome::Return
        }
        None => NativeOutcome::Panic(PanicKind::NilDeref),
    });
    reg.add("sync/atomic.swapAny", |_, args| match slot(arg(args, 0)) {
        Some(s) => returning(args, s.swap(arg(args, 1), SeqCst)),
        None => NativeOutcome::Panic(PanicKind::NilDeref),
    });
    reg.add("sync/atomic.compareAndSwapAny", |_, args| {
        let Some(s) = slot(arg(args, 0)) else {
            return NativeOutcome::Panic(PanicKind::NilDeref);
        };
        let (old, new) = (arg(args, 1), arg(args, 2));
        let swapped = s
            .fetch_update(SeqCst, SeqCst, |cur| same_iface(cur, old).then_some(new))
            .is_ok();
        returning(args, u64::from(swapped))
    });
}

/// The dynamic type of an interface word, `None` for nil.
fn dynamic_type(word: u64) -> Option<u16> {
    heapval::iface(word).map(|b| b.ty)
}

/// What a `Value` operation names itself as in its panics.
#[derive(Clone, Copy)]
enum ValueOp {
    Store,
    Swap,
    CompareAndSwap,
}

impl ValueOp {
    fn verb(self) -> &'static str {
        match self {
            ValueOp::Store => "store",
            ValueOp::Swap => "swap",
            ValueOp::CompareAndSwap => "compare and swap",
        }
    }
}

/// Checks `new` against the type a `Value` holds (`current`, 0 before the first store):
/// Go panics on a nil `new` and on a type that differs from the first one stored.
fn check_value_type(op: ValueOp, current: u64, new: u64) -> Result<(), String> {
    let verb = op.verb();
    let Some(ty) = dynamic_type(new) else {
        return Err(format!("sync/atomic: {verb} of nil value into Value"));
    };
    match dynamic_type(current) {
        Some(held) if held != ty => Err(format!(
            "sync/atomic: {verb} of inconsistently typed value into Value"
        )),
        _ => Ok(()),
    }
}

/// A panic whose value is the string `message`, as Go's `panic("...")` in the sync
/// packages: `recover` returns the string itself.
fn string_panic(ctx: &NativeCtx<'_>, message: String) -> NativeOutcome {
    let Some(string) = ctx.program().well_known.string else {
        return go_panic(&message);
    };
    let text = ctx.heap().alloc_string(message.as_bytes());
    let word = ctx.heap().alloc_iface(string.0, object::NO_ITAB, text);
    NativeOutcome::Panic(PanicKind::Value {
        word,
        text: message,
    })
}

/// Stores or swaps `new` into the `Value` at `args[0]`; a swap returns the old value.
fn value_replace(ctx: &NativeCtx<'_>, args: &mut [u64], op: ValueOp) -> NativeOutcome {
    let Some(s) = slot(arg(args, 0)) else {
        return NativeOutcome::Panic(PanicKind::NilDeref);
    };
    let new = arg(args, 1);
    // The type check and the store are one atomic update, so two first stores of
    // different types cannot both succeed.
    let mut bad = None;
    let res = s.fetch_update(SeqCst, SeqCst, |cur| match check_value_type(op, cur, new) {
        Ok(()) => Some(new),
        Err(message) => {
            bad = Some(message);
            None
        }
    });
    match (bad, res) {
        (Some(message), _) => string_panic(ctx, message),
        (None, Ok(old) | Err(old)) => returning(args, old),
    }
}

/// `Value.CompareAndSwap(old, new)`: Go's panics, then `==` between `old` and the held
/// value (which panics for an uncomparable dynamic type, as `==` does).
fn value_compare_and_swap(ctx: &mut NativeCtx<'_>, args: &mut [u64]) -> NativeOutcome {
    let Some(s) = slot(arg(args, 0)) else {
        return NativeOutcome::Panic(PanicKind::NilDeref);
    };
    let (old, new) = (arg(args, 1), arg(args, 2));
    let Some(new_ty) = dynamic_type(new) else {
        let message = "sync/atomic: compare and swap of nil value into Value";
        return string_panic(ctx, message.into());
    };
    if dynamic_type(old).is_some_and(|t| t != new_ty) {
        let message = "sync/atomic: compare and swap of inconsistently typed values";
        return string_panic(ctx, message.into());
    }
    loop {
        let cur = s.load(SeqCst);
        if let Err(message) = check_value_type(ValueOp::CompareAndSwap, cur, new) {
            return string_panic(ctx, message);
        }
        if cur == 0 || old == 0 {
            // Go compares the held value with old only once both exist.
            if cur != old {
                return returning(args, 0);
            }
        } else if !super::errors::is_comparable(ctx.program(), TypeIdx(new_ty), 0) {
            return go_panic(&uncomparable(ctx, new_ty));
        } else if !value_equal(ctx, cur, old) {
            return returning(args, 0);
        }
        // The held box is compared by identity here: another store in between fails the
        // exchange and the comparison is redone against the newer value.
        if s.compare_exchange(cur, new, SeqCst, SeqCst).is_ok() {
            return returning(args, 1);
        }
    }
}

/// `a == b` for two interface words, as the interpreter compares them.
fn value_equal(ctx: &NativeCtx<'_>, a: u64, b: u64) -> bool {
    // SAFETY: both words are 0 or live interface boxes (the natives' arguments and the
    // Value's slot are typed `any`), and no collection runs during a native.
    unsafe { minigo_vm::ops::iface::equal(ctx.vm, a, b) }
}

/// Go's text for `==` on an uncomparable dynamic type.
fn uncomparable(ctx: &NativeCtx<'_>, ty: u16) -> String {
    let name = &ctx.program().ty(TypeIdx(ty)).name;
    format!("runtime error: comparing uncomparable type {name}")
}

fn register_value(reg: &mut Registry) {
    reg.add("sync/atomic.valueLoad", |_, args| load(args));
    reg.add("sync/atomic.valueStore", |ctx, args| {
        value_replace(ctx, args, ValueOp::Store)
    });
    reg.add("sync/atomic.valueSwap", |ctx, args| {
        value_replace(ctx, args, ValueOp::Swap)
    });
    reg.add("sync/atomic.valueCompareAndSwap", value_compare_and_swap);
}

/// Writes result 0 and returns, for one-expression match arms.
fn returning(args: &mut [u64], v: u64) -> NativeOutcome {
    ret(args, 0, v);
    NativeOutcome::Return
}

#[cfg(test)]
mod tests;
