//! The `errors` natives: `As`, which needs assignability between dynamic types, and
//! `isComparable` (also behind `context`), which needs a type's descriptor.
//!
//! This module owns walking an error tree from Rust. An error's `Unwrap` and `As` methods
//! are found through the itabs of the exact interfaces `interface { Unwrap() error }`,
//! `interface { Unwrap() []error }` and `interface { As(any) bool }` (which `errors.go`
//! names, so the compiler gives them descriptors and the itab of every type implementing
//! them), never by method name alone: a method `Unwrap() int` must not be called and its
//! integer result read as an error. The methods run through `NativeCtx::call`. `Is`,
//! `Unwrap`, `Join` and `New` are mini-Go.
//!
//! Invariants: `As` stores into `*target` only a value of exactly the target's element
//! type (the concrete type itself, or an interface box with that interface's method
//! table); a method is called only when its signature is the one its result is read as.

use minigo_vm::heap::object::{self, Header, NO_ITAB};
use minigo_vm::native::{NativeCtx, NativeOutcome};
use minigo_vm::op::{FuncIdx, TypeIdx};
use minigo_vm::program::{Program, TypeKind};

use super::heapval;
use super::{Registry, arg, go_panic, ret};

/// Registers the `errors` natives and `context.isComparable`.
pub fn register(reg: &mut Registry) {
    for name in ["errors.isComparable", "context.isComparable"] {
        reg.add(name, |ctx, args| {
            let comparable = heapval::iface(arg(args, 0))
                .is_none_or(|b| is_comparable(ctx.program(), TypeIdx(b.ty), 0));
            ret(args, 0, u64::from(comparable));
            NativeOutcome::Return
        });
    }
    reg.add("errors.As", errors_as);
}

/// Whether values of `ty` support `==`.
pub fn is_comparable(program: &Program, ty: TypeIdx, depth: usize) -> bool {
    let desc = program.ty(ty);
    match &desc.kind {
        TypeKind::Slice { .. } | TypeKind::Map { .. } | TypeKind::Func => false,
        TypeKind::Array { elem, .. } => depth > 32 || is_comparable(program, *elem, depth + 1),
        TypeKind::Struct { .. } => desc
            .fields
            .iter()
            .all(|f| depth > 32 || is_comparable(program, f.ty, depth + 1)),
        _ => true,
    }
}

/// The element type of `As`'s target, or the panic `As` raises for a bad target.
fn target_elem(program: &Program, target: u64) -> Result<(TypeIdx, u64), &'static str> {
    let b = heapval::iface(target).ok_or("errors: target cannot be nil")?;
    let TypeKind::Pointer(elem) = program.ty(TypeIdx(b.ty)).kind else {
        return Err("errors: target must be a non-nil pointer");
    };
    if b.data == 0 {
        return Err("errors: target must be a non-nil pointer");
    }
    let elem_desc = program.ty(elem);
    let is_iface = matches!(elem_desc.kind, TypeKind::Interface { .. });
    if !is_iface && !elem_desc.methods.iter().any(|(m, _)| m == "Error") {
        return Err("errors: *target must be interface or implement error");
    }
    Ok((elem, b.data))
}

fn errors_as(ctx: &mut NativeCtx<'_>, args: &mut [u64]) -> NativeOutcome {
    let (err, target) = (arg(args, 0), arg(args, 1));
    let (elem, dst) = match target_elem(ctx.program(), target) {
        Ok(it) => it,
        Err(message) => return go_panic(message),
    };
    let mut pending = vec![err];
    let mut steps = 0;
    while let Some(e) = pending.pop() {
        steps += 1;
        let Some(b) = heapval::iface(e) else { continue };
        if steps > 10_000 {
            break;
        }
        let ty = TypeIdx(b.ty);
        if store_if_assignable(ctx, ty, b.data, elem, dst) || call_as(ctx, ty, b.data, target) {
            ret(args, 0, 1);
            return NativeOutcome::Return;
        }
        let mut children = unwrap(ctx, ty, b.data);
        children.reverse();
        pending.extend(children);
    }
    ret(args, 0, 0);
    NativeOutcome::Return
}

/// The function implementing the one method of the interface type named `iface` (Go's
/// `%T` spelling, which includes the signature) for the dynamic type `ty`, when `ty`
/// implements it.
fn method(program: &Program, ty: TypeIdx, iface: &str) -> Option<FuncIdx> {
    let is_iface = |d: &&minigo_vm::program::TypeDesc| {
        d.name == iface && matches!(d.kind, TypeKind::Interface { .. })
    };
    let iface = program.types.iter().position(|d| is_iface(&d))?;
    let itab = program
        .itabs
        .iter()
        .find(|it| usize::from(it.iface.0) == iface && it.ty == ty)?;
    itab.methods.first().copied()
}

/// `*target = err` when err's dynamic type is assignable to the target's element type.
fn store_if_assignable(
    ctx: &NativeCtx<'_>,
    ty: TypeIdx,
    data: u64,
    elem: TypeIdx,
    dst: u64,
) -> bool {
    let program = ctx.program();
    let word = match &program.ty(elem).kind {
        TypeKind::Interface { methods } if methods.is_empty() => {
            ctx.heap().alloc_iface(ty.0, NO_ITAB, data)
        }
        TypeKind::Interface { .. } => {
            let Some(itab) = program
                .itabs
                .iter()
                .position(|it| it.iface == elem && it.ty == ty)
            else {
                return false;
            };
            ctx.heap().alloc_iface(ty.0, itab as u16, data)
        }
        _ if elem == ty => data,
        _ => return false,
    };
    if let TypeKind::Struct { n_fields } = program.ty(elem).kind {
        for (i, w) in heapval::object_words(word, usize::from(n_fields))
            .into_iter()
            .enumerate()
        {
            // SAFETY: `dst` points to a live struct object of the same type, `i < n_fields`.
            unsafe { object::store_slot(dst as *const Header, i, w) };
        }
    } else {
        // SAFETY: `dst` is a pointer word to the live one-word location of a non-struct
        // value (a variable's cell, a field or an element: `minigo_vm::heap::pointer`).
        unsafe {
            if let Some((obj, index)) = minigo_vm::heap::pointer::decode(dst) {
                object::store_slot(obj, index, word);
            }
        }
    }
    true
}

/// Calls err's `As(any) bool` method, if it has one.
fn call_as(ctx: &NativeCtx<'_>, ty: TypeIdx, data: u64, target: u64) -> bool {
    let Some(func) = method(ctx.program(), ty, AS_IFACE) else {
        return false;
    };
    ctx.call(func, &[data, target])
        .ok()
        .and_then(|res| res.first().copied())
        .is_some_and(|w| w != 0)
}

/// `interface { As(any) bool }` as `%T` spells it.
const AS_IFACE: &str = "interface { As(interface {}) bool }";

/// The errors err wraps: the result of `Unwrap() error` or `Unwrap() []error`.
fn unwrap(ctx: &NativeCtx<'_>, ty: TypeIdx, data: u64) -> Vec<u64> {
    let program = ctx.program();
    let call = |func| {
        ctx.call(func, &[data])
            .ok()
            .and_then(|r| r.first().copied())
    };
    if let Some(func) = method(program, ty, "interface { Unwrap() error }") {
        // The signature says the result is an error: 0 or an interface box.
        return call(func).filter(|&w| w != 0).into_iter().collect();
    }
    match method(program, ty, "interface { Unwrap() []error }") {
        // The signature says the result is a `[]error`.
        Some(func) => call(func).map(heapval::slice_words).unwrap_or_default(),
        None => Vec::new(),
    }
}
