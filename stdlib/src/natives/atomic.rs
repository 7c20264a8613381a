//! The `sync/atomic` natives on integer and interface slots: one sequentially consistent
//! operation each on the word the address points to.
//!
//! This module owns the width handling (an `int32` result is sign-extended, a `uint32`
//! zero-extended, as the VM's value encoding requires). Addresses are what the compiler
//! produces for `&x` of a scalar variable: a one-word heap cell, operated on at slot 0.
//! `atomic.Value` (`value*` natives) is not implemented here.
//!
//! Invariant: a nil address panics with Go's nil-dereference error before any access.

use std::sync::atomic::{AtomicU64, Ordering::SeqCst};

use minigo_vm::PanicKind;
use minigo_vm::heap::object::{self, Header};
use minigo_vm::native::NativeOutcome;

use super::{Registry, arg, heapval, ret};

/// The slot an address word points to.
fn slot<'a>(addr: u64) -> Option<&'a AtomicU64> {
    if addr == 0 {
        return None;
    }
    // SAFETY: a non-nil address is a live one-word cell (see the module doc); the collector
    // cannot run while a native runs.
    unsafe { object::slots(addr as *const Header).first() }
}

/// Normalizes a 64-bit result to the operand width.
fn norm(width: &str, v: u64) -> u64 {
    match width {
        "Int32" => v as i32 as i64 as u64,
        "Uint32" => u64::from(v as u32),
        _ => v,
    }
}

type Update = fn(u64, u64) -> u64;

/// Registers one read-modify-write family member; `new_result` says whether it returns the
/// new value (`Add`) or the old one (`And`, `Or`, `Swap`).
fn add_rmw(reg: &mut Registry, op: &'static str, width: &'static str, f: Update, new_result: bool) {
    reg.add(&format!("sync/atomic.{op}{width}"), move |_, args| {
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
        ret(args, 0, res);
        NativeOutcome::Return
    });
}

/// Registers the `sync/atomic` natives.
pub fn register(reg: &mut Registry) {
    for width in ["Int32", "Int64", "Uint32", "Uint64", "Uintptr"] {
        add_rmw(reg, "Add", width, u64::wrapping_add, true);
        add_rmw(reg, "And", width, |a, b| a & b, false);
        add_rmw(reg, "Or", width, |a, b| a | b, false);
        add_rmw(reg, "Swap", width, |_, new| new, false);
        reg.add(&format!("sync/atomic.Load{width}"), |_, args| {
            let Some(s) = slot(arg(args, 0)) else {
                return NativeOutcome::Panic(PanicKind::NilDeref);
            };
            ret(args, 0, s.load(SeqCst));
            NativeOutcome::Return
        });
        reg.add(&format!("sync/atomic.Store{width}"), move |_, args| {
            let Some(s) = slot(arg(args, 0)) else {
                return NativeOutcome::Panic(PanicKind::NilDeref);
            };
            s.store(norm(width, arg(args, 1)), SeqCst);
            NativeOutcome::Return
        });
        reg.add(
            &format!("sync/atomic.CompareAndSwap{width}"),
            move |_, args| {
                let Some(s) = slot(arg(args, 0)) else {
                    return NativeOutcome::Panic(PanicKind::NilDeref);
                };
                let (old, new) = (norm(width, arg(args, 1)), norm(width, arg(args, 2)));
                ret(
                    args,
                    0,
                    u64::from(s.compare_exchange(old, new, SeqCst, SeqCst).is_ok()),
                );
                NativeOutcome::Return
            },
        );
    }
    register_any(reg);
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
    reg.add("sync/atomic.loadAny", |_, args| match slot(arg(args, 0)) {
        Some(s) => returning(args, s.load(SeqCst)),
        None => NativeOutcome::Panic(PanicKind::NilDeref),
    });
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
        ret(args, 0, u64::from(swapped));
        NativeOutcome::Return
    });
}

/// Writes result 0 and returns, for one-expression match arms.
fn returning(args: &mut [u64], v: u64) -> NativeOutcome {
    ret(args, 0, v);
    NativeOutcome::Return
}

#[cfg(test)]
mod tests {
    use minigo_vm::heap::object::TY_SCALARS;
    use minigo_vm::native::NativeCtx;
    use minigo_vm::{Config, Program, Vm};

    use super::*;

    /// Calls native `name` of a registry holding this module's natives.
    fn call(reg: &Registry, ctx: &mut NativeCtx<'_>, name: &str, args: &mut [u64]) -> bool {
        match reg.natives.get(name) {
            Some(f) => matches!(f(ctx, args), NativeOutcome::Return),
            None => false,
        }
    }

    #[test]
    fn integer_operations_respect_widths_and_nil() {
        let Ok(vm) = Vm::new(Program::default(), Config::default()) else {
            unreachable!("an empty program verifies")
        };
        let mut ctx = NativeCtx {
            vm: &vm,
            goroutine: 1,
        };
        let mut reg = Registry::new();
        register(&mut reg);
        let cell = vm.heap.alloc_words(TY_SCALARS, 1) as u64;
        let mut args = [cell, 5];
        assert!(call(&reg, &mut ctx, "sync/atomic.AddInt64", &mut args));
        assert_eq!(args[0], 5);
        let mut args = [cell, 5, (-1i64) as u64];
        assert!(call(
            &reg,
            &mut ctx,
            "sync/atomic.CompareAndSwapInt32",
            &mut args
        ));
        assert_eq!(args[0], 1, "swapped");
        let mut args = [cell, 1];
        assert!(call(&reg, &mut ctx, "sync/atomic.AddInt32", &mut args));
        assert_eq!(args[0], 0, "-1 + 1 wraps within 32 bits");
        let mut args = [cell, u64::from(u32::MAX)];
        assert!(call(&reg, &mut ctx, "sync/atomic.AddUint32", &mut args));
        assert_eq!(args[0], u64::from(u32::MAX), "zero-extended");
        let mut args = [0, 1];
        assert!(
            !call(&reg, &mut ctx, "sync/atomic.AddInt64", &mut args),
            "nil panics"
        );
    }
}
