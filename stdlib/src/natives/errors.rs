//! The `errors` natives: `As`, which needs assignability between dynamic types, and
//! `isComparable` (also behind `context`), which needs a type's descriptor.
//!
//! This module owns walking an error tree from Rust: `Unwrap() error` and
//! `Unwrap() []error` are told apart by the kind of heap object they return, and the
//! methods run through `NativeCtx::call`. `Is`, `Unwrap`, `Join` and `New` are mini-Go.
//!
//! Invariant: `As` stores into `*target` only a value of exactly the target's element type
//! (the concrete type itself, or an interface box with that interface's method table).

use minigo_vm::heap::object::{self, Header, Kind, NO_ITAB};
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

fn method(program: &Program, ty: TypeIdx, name: &str) -> Option<FuncIdx> {
    let methods = &program.ty(ty).methods;
    methods.iter().find(|(m, _)| m == name).map(|&(_, f)| f)
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
        // SAFETY: `dst` points to the live one-word cell of a non-struct variable.
        unsafe { object::store_slot(dst as *const Header, 0, word) };
    }
    true
}

/// Calls err's `As(any) bool` method, if it has one.
fn call_as(ctx: &NativeCtx<'_>, ty: TypeIdx, data: u64, target: u64) -> bool {
    let Some(func) = method(ctx.program(), ty, "As") else {
        return false;
    };
    ctx.call(func, &[data, target])
        .ok()
        .and_then(|res| res.first().copied())
        .is_some_and(|w| w != 0)
}

/// The errors err wraps: the result of `Unwrap() error` or `Unwrap() []error`.
fn unwrap(ctx: &NativeCtx<'_>, ty: TypeIdx, data: u64) -> Vec<u64> {
    let Some(func) = method(ctx.program(), ty, "Unwrap") else {
        return Vec::new();
    };
    let Some(w) = ctx
        .call(func, &[data])
        .ok()
        .and_then(|r| r.first().copied())
    else {
        return Vec::new();
    };
    if w == 0 {
        return Vec::new();
    }
    // SAFETY: `w` is a live interface box or slice header returned by the method.
    match unsafe { (*(w as *const Header)).kind() } {
        Kind::Slice => heapval::slice_words(w),
        _ => vec![w],
    }
}
