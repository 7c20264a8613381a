//! `panic`, `defer` and `recover`: raising a panic, running deferred calls while unwinding,
//! recovering, and the report a goroutine leaves when a panic kills it.
//!
//! This module owns the panic state machine (Go's `gopanic`, `recovery` and `printpanics`).
//! The dispatch loop calls in here on its cold paths; nothing here runs script code itself:
//! it only pushes frames for deferred calls and lets the loop run them, so a deferred call
//! may park like any other code.
//!
//! Semantics, as Go's runtime implements them:
//! - A panic runs the pending deferred calls of the goroutine newest first. Frames above the
//!   frame whose deferred call runs next are discarded first.
//! - `recover` returns the panic value only when called directly by a deferred call that the
//!   panic itself started (`FrameKind::PanicDefer`), and only once.
//! - When such a deferred call returns after recovering, the function that deferred it
//!   resumes at its `recover_pc`: the code that runs its remaining deferred calls and returns
//!   its named results to its caller.
//! - A panic raised while a deferred call of an earlier panic runs, that unwinds past that
//!   call, aborts the earlier panic: both are printed if the goroutine dies
//!   (`panic: first [recovered]` then a tab and `panic: second`), and both are discarded if
//!   the later one is recovered. Re-panicking with the value just recovered prints once, as
//!   `[recovered, repanicked]`.
//! - Fatal errors skip all of this.

use crate::exec::Exit;
use crate::goroutine::{Goroutine, PanicRecord};
use crate::heap::object::{Header, NO_ITAB, string_bytes};
use crate::op::{FuncIdx, TypeIdx};
use crate::ops::iface::boxed;
use crate::panic::{EarlierPanic, Panic, PanicKind, StackFrame};
use crate::program::TypeKind;
use crate::stack::FrameKind;
use crate::vm::Vm;

/// Raises `kind` in `g`, whose top frame's `pc` is saved. `Ok` means a deferred call was
/// pushed and the loop should continue with the top frame; `Err` is how the goroutine ends.
pub(crate) fn raise(g: &mut Goroutine, kind: PanicKind) -> Result<(), Exit> {
    let stack = capture_stack(g, true);
    if kind.is_fatal() {
        return Err(report(g, kind, stack, false));
    }
    let value = match &kind {
        PanicKind::Value { word, .. } => *word,
        other => box_runtime_error(&g.vm, other),
    };
    let mut repanicked = false;
    if let Some(top) = g.panics.last()
        && top.recovered
        && value != 0
        && top.value == value
    {
        g.panics.pop();
        repanicked = true;
    }
    g.panics.push(PanicRecord {
        kind,
        value,
        recovered: false,
        repanicked,
        described: false,
        defer_frame: None,
        stack,
    });
    run_next_defer(g)
}

/// Pushes the next pending deferred call for the innermost panic, or ends the goroutine.
fn run_next_defer(g: &mut Goroutine) -> Result<(), Exit> {
    let Some(d) = g.defers.pop() else {
        return describe_then_die(g);
    };
    while g.stack.frames.len() > d.frame + 1 {
        discard_top_frame(g);
    }
    let depth = g.stack.frames.len();
    if let Some(p) = g.panics.last_mut() {
        p.defer_frame = Some(depth);
    }
    match push_closure(g, d.closure, FrameKind::PanicDefer) {
        Ok(()) => Ok(()),
        Err(kind) => raise(g, kind),
    }
}

/// Ends the goroutine, first running the panic value's `Error` or `String` method when it
/// has one (Go's `preprintpanics`), so the report prints what the program would.
fn describe_then_die(g: &mut Goroutine) -> Result<(), Exit> {
    let vm = g.vm.clone();
    let method = match g.panics.last_mut() {
        Some(p) if !p.described => {
            p.described = true;
            match p.kind {
                // SAFETY: a panic value is an interface value of this goroutine.
                PanicKind::Value { word, .. } => unsafe { text_method(&vm, word) },
                _ => None,
            }
        }
        _ => None,
    };
    let Some((func, receiver)) = method else {
        return Err(die(g));
    };
    let f = vm.program.function(func);
    match g.stack.push(func, f.n_regs, 0, 0, FrameKind::PanicText) {
        Ok(regs) => {
            // SAFETY: `text_method` checked `n_params == 1`, and the verifier `n_params <= n_regs`.
            unsafe { *regs = receiver };
            Ok(())
        }
        Err(o) => raise(g, PanicKind::StackOverflow { limit: o.limit }),
    }
}

/// The `Error` (preferred) or `String` method of the dynamic type of `v`, and its receiver.
///
/// # Safety
/// `v` must be 0 or a live interface box.
unsafe fn text_method(vm: &Vm, v: u64) -> Option<(FuncIdx, u64)> {
    // SAFETY: forwarded from the caller.
    let b = unsafe { boxed(v) }?;
    let methods = &vm.program.ty(TypeIdx(b.ty)).methods;
    let find = |name: &str| methods.iter().find(|(m, _)| m == name).map(|&(_, f)| f);
    let func = find("Error").or_else(|| find("String"))?;
    let f = vm.program.function(func);
    (f.n_params == 1 && f.n_results == 1).then_some((func, b.data))
}

/// A `PanicText` frame returned the string `text`: the goroutine dies with it.
pub(crate) fn panic_text_returned(g: &mut Goroutine, text: u64) -> Exit {
    // SAFETY: the method returned a string value, alive until the goroutine is dropped.
    let bytes = unsafe { string_bytes(text) };
    if let Some(PanicKind::Value { text, .. }) = g.panics.last_mut().map(|p| &mut p.kind) {
        *text = String::from_utf8_lossy(bytes).into_owned();
    }
    die(g)
}

/// Pops the top frame while unwinding; a panic whose deferred call ran in it is aborted.
fn discard_top_frame(g: &mut Goroutine) {
    let depth = g.stack.frames.len().saturating_sub(1);
    g.stack.pop();
    for p in &mut g.panics {
        if p.defer_frame == Some(depth) {
            // Its deferred call was unwound: the panic is aborted (printed if the goroutine
            // dies, dropped if a later panic is recovered).
            p.defer_frame = None;
        }
    }
}

/// Pushes a frame calling `closure` with no arguments.
pub(crate) fn push_closure(
    g: &mut Goroutine,
    closure: u64,
    kind: FrameKind,
) -> Result<(), PanicKind> {
    if closure == 0 {
        return Err(PanicKind::NilDeref);
    }
    // SAFETY: a non-nil func value is a live closure.
    let func = FuncIdx(unsafe { (*(closure as *const Header)).ty() } as u16);
    let f = g.vm.program.function(func);
    let regs = g
        .stack
        .push(func, f.n_regs, closure, 0, kind)
        .map_err(|o| PanicKind::StackOverflow { limit: o.limit })?;
    // SAFETY: the new frame has `n_regs >= n_params` registers; zeroing the parameters gives
    // every one its zero value.
    unsafe { std::ptr::write_bytes(regs, 0, usize::from(f.n_params)) };
    Ok(())
}

/// Called after a `PanicDefer` frame returned: finish a recovery or keep unwinding.
pub(crate) fn panic_defer_returned(g: &mut Goroutine) -> Result<(), Exit> {
    let recovered = g.panics.last().is_some_and(|p| p.recovered);
    if !recovered {
        if let Some(p) = g.panics.last_mut() {
            p.defer_frame = None;
        }
        return run_next_defer(g);
    }
    g.panics.pop();
    // Earlier panics whose deferred calls were unwound are finished along with this one.
    g.panics.retain(|p| p.defer_frame.is_some());
    let vm = g.vm.clone();
    let Some(frame) = g.stack.top_mut() else {
        unreachable!("a deferred call always has the frame that deferred it below it")
    };
    match vm.program.function(frame.func).recover_pc {
        Some(pc) => frame.pc = pc,
        None => unreachable!("the verifier requires recover_pc in functions that defer"),
    }
    Ok(())
}

/// `recover()` in the top frame.
pub(crate) fn recover(g: &mut Goroutine) -> u64 {
    let depth = g.stack.frames.len().saturating_sub(1);
    if g.stack
        .top()
        .is_none_or(|f| f.kind != FrameKind::PanicDefer)
    {
        return 0;
    }
    match g.panics.last_mut() {
        Some(p) if p.defer_frame == Some(depth) && !p.recovered => {
            p.recovered = true;
            p.value
        }
        _ => 0,
    }
}

/// The goroutine's stack, innermost frame first. Callers' saved `pc`s point after their
/// call, so their line is that of `pc - 1`; the top frame's too when `top_advanced` (a
/// panic raised after the faulting instruction was fetched), and `pc` itself otherwise (a
/// goroutine stopped on the instruction it will run next).
pub(crate) fn capture_stack(g: &Goroutine, top_advanced: bool) -> Vec<StackFrame> {
    let program = &g.vm.program;
    let depth = g.stack.frames.len();
    g.stack
        .frames
        .iter()
        .enumerate()
        .rev()
        .map(|(i, frame)| {
            let f = program.function(frame.func);
            let back = usize::from(top_advanced || i + 1 < depth);
            StackFrame {
                function: f.name.clone(),
                line: f.line_at((frame.pc as usize).saturating_sub(back)),
            }
        })
        .collect()
}

/// Ends the goroutine with its innermost panic and the earlier ones still linked.
fn die(g: &mut Goroutine) -> Exit {
    let Some(last) = g.panics.pop() else {
        unreachable!("die is only called while a panic is in progress")
    };
    let earlier = g
        .panics
        .drain(..)
        .map(|p| EarlierPanic {
            message: p.kind.message(),
            recovered: p.recovered,
        })
        .collect();
    let mut exit = report(g, last.kind, last.stack, last.repanicked);
    if let Exit::Panic(p) = &mut exit {
        p.earlier = earlier;
    }
    exit
}

fn report(g: &Goroutine, kind: PanicKind, stack: Vec<StackFrame>, repanicked: bool) -> Exit {
    Exit::Panic(Box::new(Panic {
        kind,
        repanicked,
        earlier: Vec::new(),
        stack,
        goroutine: g.id,
    }))
}

/// The interface value `recover` returns for a run-time error: the message as a
/// `runtime.Error` (or a plain string, when the program declares no such type).
fn box_runtime_error(vm: &Vm, kind: &PanicKind) -> u64 {
    let known = vm.program.well_known;
    let Some(ty) = known.runtime_error.or(known.string) else {
        return 0;
    };
    let msg = vm.heap.alloc_string(kind.message().as_bytes());
    vm.heap.alloc_iface(ty.0, NO_ITAB, msg)
}

/// What Go prints for `panic(v)` of the interface value `v` (Go's `printpanicval`): strings
/// as they are, numbers and bools in Go's format, defined basic types as `main.T(3)`,
/// anything else as `(T) address`.
///
/// # Safety
/// `v` must be 0 or a live interface box.
pub(crate) unsafe fn describe(vm: &Vm, v: u64) -> String {
    // SAFETY: forwarded from the caller.
    let Some(b) = (unsafe { boxed(v) }) else {
        return "panic called with nil argument (goexit=false)".to_string();
    };
    let ty = vm.program.ty(TypeIdx(b.ty));
    let is_runtime_error = vm.program.well_known.runtime_error == Some(TypeIdx(b.ty));
    let text = if ty.kind == TypeKind::String {
        // SAFETY: the dynamic type says the data word is a string.
        let bytes = unsafe { string_bytes(b.data) };
        String::from_utf8_lossy(bytes).into_owned()
    } else {
        String::new()
    };
    let basic = match ty.kind {
        TypeKind::String => format!("{text:?}"),
        TypeKind::Int(_) => (b.data as i64).to_string(),
        TypeKind::Uint(_) => b.data.to_string(),
        TypeKind::Bool => (b.data != 0).to_string(),
        TypeKind::Float(_) => go_print_float(f64::from_bits(b.data)),
        _ => return format!("({}) {:#x}", ty.name, b.data),
    };
    let is_plain = matches!(
        ty.name.as_str(),
        "string"
            | "int"
            | "int8"
            | "int16"
            | "int32"
            | "int64"
            | "uint"
            | "uint8"
            | "uint16"
            | "uint32"
            | "uint64"
            | "uintptr"
            | "bool"
            | "float32"
            | "float64"
    );
    match (is_plain || is_runtime_error, &ty.kind) {
        (true, TypeKind::String) => text,
        (true, _) => basic,
        (false, _) => format!("{}({basic})", ty.name),
    }
}

/// A float as Go's runtime `print` writes it: `+1.500000e+000` (Go's `printfloat`).
fn go_print_float(v: f64) -> String {
    if v.is_nan() {
        return "NaN".to_string();
    }
    if v.is_infinite() {
        return if v > 0.0 { "+Inf" } else { "-Inf" }.to_string();
    }
    const DIGITS: i32 = 7;
    let sign = if v < 0.0 || (v == 0.0 && v.is_sign_negative()) {
        '-'
    } else {
        '+'
    };
    let (mut m, mut e) = (v.abs(), 0i32);
    if m != 0.0 {
        while m >= 10.0 {
            e += 1;
            m /= 10.0;
        }
        while m < 1.0 {
            e -= 1;
            m *= 10.0;
        }
        m += 5.0 / 10f64.powi(DIGITS);
        if m >= 10.0 {
            e += 1;
            m /= 10.0;
        }
    }
    let mut digits = String::new();
    for _ in 0..DIGITS {
        let d = m as u8;
        digits.push(char::from(b'0' + d.min(9)));
        m = (m - f64::from(d)) * 10.0;
    }
    let (int, frac) = digits.split_at(1);
    let esign = if e < 0 { '-' } else { '+' };
    format!("{sign}{int}.{frac}e{esign}{:03}", e.abs())
}

#[cfg(test)]
mod tests {
    use super::go_print_float;

    #[test]
    fn floats_print_like_go_runtime_print() {
        assert_eq!(go_print_float(1.5), "+1.500000e+000");
        assert_eq!(go_print_float(-0.001), "-1.000000e-003");
        assert_eq!(go_print_float(0.0), "+0.000000e+000");
        assert_eq!(go_print_float(123456789.0), "+1.234568e+008");
        assert_eq!(go_print_float(f64::INFINITY), "+Inf");
    }
}
