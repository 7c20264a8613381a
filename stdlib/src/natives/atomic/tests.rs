//! Tests of the `sync/atomic` natives, called through a registry on hand-made heap cells.

use std::sync::Arc;

use minigo_vm::heap::object::{NO_ITAB, TY_SCALARS};
use minigo_vm::native::NativeCtx;
use minigo_vm::op::TypeIdx;
use minigo_vm::program::{TypeDesc, TypeKind};
use minigo_vm::{Config, Program, Vm};

use super::*;

/// Type 0 is `string`, type 1 `int`, type 2 `[]int`; `string` is the well-known one.
fn vm() -> Arc<Vm> {
    let mut program = Program::default();
    program
        .types
        .push(TypeDesc::scalar("string", TypeKind::String));
    program
        .types
        .push(TypeDesc::scalar("int", TypeKind::Int(64)));
    program.types.push(TypeDesc::scalar(
        "[]int",
        TypeKind::Slice { elem: TypeIdx(1) },
    ));
    program.well_known.string = Some(TypeIdx(0));
    match Vm::new(program, Config::default()) {
        Ok(vm) => vm,
        Err(_) => unreachable!("a program without functions verifies"),
    }
}

fn registry() -> Registry {
    let mut reg = Registry::new();
    register(&mut reg);
    reg
}

/// Calls native `name`; `Ok` on a return, `Err` with the panic's message otherwise.
fn call(vm: &Arc<Vm>, name: &str, args: &mut [u64]) -> Result<(), String> {
    let reg = registry();
    let mut ctx = NativeCtx { vm, goroutine: 1 };
    let Some(f) = reg.natives.get(name) else {
        return Err(format!("{name} is not registered"));
    };
    match f(&mut ctx, args) {
        NativeOutcome::Return => Ok(()),
        NativeOutcome::Panic(kind) => Err(kind.message()),
        _ => Err("parked".into()),
    }
}

fn cell(vm: &Vm) -> u64 {
    vm.heap.alloc_words(TY_SCALARS, 1) as u64
}

fn int(vm: &Vm, v: i64) -> u64 {
    vm.heap.alloc_iface(1, NO_ITAB, v as u64)
}

#[test]
fn integer_operations_respect_widths_and_nil() {
    let vm = vm();
    let c = cell(&vm);
    let mut args = [c, 5];
    assert_eq!(call(&vm, "sync/atomic.AddInt64", &mut args), Ok(()));
    assert_eq!(args[0], 5);
    let mut args = [c, 5, (-1i64) as u64];
    assert_eq!(
        call(&vm, "sync/atomic.CompareAndSwapInt32", &mut args),
        Ok(())
    );
    assert_eq!(args[0], 1, "swapped");
    let mut args = [c, 1];
    assert_eq!(call(&vm, "sync/atomic.AddInt32", &mut args), Ok(()));
    assert_eq!(args[0], 0, "-1 + 1 wraps within 32 bits");
    let mut args = [c, u64::from(u32::MAX)];
    assert_eq!(call(&vm, "sync/atomic.AddUint32", &mut args), Ok(()));
    assert_eq!(args[0], u64::from(u32::MAX), "zero-extended");
    let mut args = [0, 1];
    let nil = call(&vm, "sync/atomic.AddInt64", &mut args);
    assert!(nil.is_err_and(|m| m.contains("nil pointer dereference")));
}

#[test]
fn typed_atomics_share_the_address_functions() {
    let vm = vm();
    let c = cell(&vm);
    let mut args = [c, 7];
    assert_eq!(call(&vm, "sync/atomic.int32Store", &mut args), Ok(()));
    let mut args = [c, 3];
    assert_eq!(call(&vm, "sync/atomic.int32Add", &mut args), Ok(()));
    assert_eq!(args[0], 10);
    let mut args = [c, 6];
    assert_eq!(call(&vm, "sync/atomic.int32And", &mut args), Ok(()));
    assert_eq!(args[0], 10, "And returns the old value");
    let mut args = [c];
    assert_eq!(call(&vm, "sync/atomic.LoadInt32", &mut args), Ok(()));
    assert_eq!(args[0], 2);
    for (_, lower) in WIDTHS {
        for op in [
            "Load",
            "Store",
            "Swap",
            "CompareAndSwap",
            "Add",
            "And",
            "Or",
        ] {
            assert!(registry().contains(&format!("sync/atomic.{lower}{op}")));
        }
    }
}

#[test]
fn bool_natives_keep_words_zero_or_one() {
    let vm = vm();
    let c = cell(&vm);
    let mut args = [c, 0, 1];
    assert_eq!(
        call(&vm, "sync/atomic.boolCompareAndSwap", &mut args),
        Ok(())
    );
    assert_eq!(args[0], 1);
    let mut args = [c, 0];
    assert_eq!(call(&vm, "sync/atomic.boolSwap", &mut args), Ok(()));
    assert_eq!(args[0], 1, "the old value was true");
    let mut args = [c];
    assert_eq!(call(&vm, "sync/atomic.boolLoad", &mut args), Ok(()));
    assert_eq!(args[0], 0);
}

#[test]
fn value_store_rejects_nil_and_other_types() {
    let vm = vm();
    let v = cell(&vm);
    let mut args = [v];
    assert_eq!(call(&vm, "sync/atomic.valueLoad", &mut args), Ok(()));
    assert_eq!(args[0], 0, "nil before the first store");
    let mut args = [v, 0];
    let nil = call(&vm, "sync/atomic.valueStore", &mut args);
    assert_eq!(
        nil,
        Err("sync/atomic: store of nil value into Value".into())
    );
    let one = int(&vm, 1);
    assert_eq!(call(&vm, "sync/atomic.valueStore", &mut [v, one]), Ok(()));
    let s = vm.heap.alloc_string(b"x");
    let text = vm.heap.alloc_iface(0, NO_ITAB, s);
    let other = call(&vm, "sync/atomic.valueStore", &mut [v, text]);
    let want = "sync/atomic: store of inconsistently typed value into Value";
    assert_eq!(other, Err(want.into()));
    let two = int(&vm, 2);
    let mut args = [v, two];
    assert_eq!(call(&vm, "sync/atomic.valueSwap", &mut args), Ok(()));
    assert_eq!(args[0], one, "Swap returns the previous value");
    let swap_nil = call(&vm, "sync/atomic.valueSwap", &mut [v, 0]);
    assert_eq!(
        swap_nil,
        Err("sync/atomic: swap of nil value into Value".into())
    );
}

#[test]
fn value_compare_and_swap_compares_like_go() {
    let vm = vm();
    let v = cell(&vm);
    let (one, two) = (int(&vm, 1), int(&vm, 2));
    let mut args = [v, one, two];
    assert_eq!(
        call(&vm, "sync/atomic.valueCompareAndSwap", &mut args),
        Ok(())
    );
    assert_eq!(args[0], 0, "an empty Value does not hold a non-nil old");
    let mut args = [v, 0, one];
    assert_eq!(
        call(&vm, "sync/atomic.valueCompareAndSwap", &mut args),
        Ok(())
    );
    assert_eq!(args[0], 1, "nil old matches an empty Value");
    let mut args = [v, int(&vm, 1), two];
    assert_eq!(
        call(&vm, "sync/atomic.valueCompareAndSwap", &mut args),
        Ok(())
    );
    assert_eq!(args[0], 1, "equal values in different boxes compare equal");
    let s = vm.heap.alloc_string(b"x");
    let text = vm.heap.alloc_iface(0, NO_ITAB, s);
    let mixed = call(&vm, "sync/atomic.valueCompareAndSwap", &mut [v, text, two]);
    let want = "sync/atomic: compare and swap of inconsistently typed values";
    assert_eq!(mixed, Err(want.into()));
    let into = call(&vm, "sync/atomic.valueCompareAndSwap", &mut [v, 0, text]);
    let want = "sync/atomic: compare and swap of inconsistently typed value into Value";
    assert_eq!(into, Err(want.into()));
}

#[test]
fn value_compare_and_swap_of_uncomparable_values_panics() {
    let vm = vm();
    let v = cell(&vm);
    let slice = vm.heap.alloc_iface(2, NO_ITAB, 0);
    assert_eq!(call(&vm, "sync/atomic.valueStore", &mut [v, slice]), Ok(()));
    let other = vm.heap.alloc_iface(2, NO_ITAB, 0);
    let res = call(
        &vm,
        "sync/atomic.valueCompareAndSwap",
        &mut [v, other, other],
    );
    let want = "runtime error: comparing uncomparable type []int";
    assert_eq!(res, Err(want.into()));
}

#[test]
fn any_slot_compare_and_swap_compares_type_and_pointer() {
    let vm = vm();
    let slot = cell(&vm);
    let p = int(&vm, 9);
    let mut args = [slot, 0, p];
    assert_eq!(
        call(&vm, "sync/atomic.compareAndSwapAny", &mut args),
        Ok(())
    );
    assert_eq!(args[0], 1);
    let mut args = [slot, int(&vm, 8), 0];
    assert_eq!(
        call(&vm, "sync/atomic.compareAndSwapAny", &mut args),
        Ok(())
    );
    assert_eq!(args[0], 0);
    let mut args = [slot];
    assert_eq!(call(&vm, "sync/atomic.loadAny", &mut args), Ok(()));
    assert_eq!(args[0], p);
}
