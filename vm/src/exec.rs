//! The interpreter: one dispatch loop, `run(g, budget) -> Exit`, that executes a goroutine
//! until it finishes, panics to death, blocks, or spends its budget.
//!
//! This module owns instruction dispatch, the call/return protocol and the budget. It does
//! not implement the longer instructions (those are `ops::*`), the panic machinery (`unwind`)
//! or scheduling (the caller decides what to do with an `Exit`).
//!
//! Invariants:
//! - Stackless: a call from script to script pushes a frame on the goroutine's register
//!   stack and stays in this loop. The Rust stack depth does not depend on the script's, so
//!   any instruction can return `Exit::Park` or `Exit::Yield` and be resumed later.
//! - The current frame's `code`, `regs` and `pc` live in locals. `pc` is written back to the
//!   frame only by `save_pc!`, before anything that can panic, park, call or return.
//! - Register access is unchecked: `verify` proved every register operand is below the
//!   function's register count, every static call window fits the caller, and every
//!   function ends in a terminator so `pc` never runs off the code. Dynamic calls (closures,
//!   interface methods) check their window here, since the callee is only known now.
//! - The budget is spent on calls and backward jumps, so every loop and every recursion
//!   reaches a budget check; a goroutine whose allocation pushed the heap past its target
//!   has its budget cut to one, so it stops for the collector at its next check.

use std::sync::Arc;

use crate::goroutine::{DeferRecord, Goroutine};
use crate::heap::object::{self, Header, captures};
use crate::op::{FuncIdx, Op, Reg};
use crate::ops::{self, f, w};
use crate::panic::{Panic, PanicKind};
use crate::program::Function;
use crate::stack::FrameKind;
use crate::unwind;

/// Why `run` returned.
#[derive(Debug)]
pub enum Exit {
    /// The budget ran out, or the heap wants a collection: run again later.
    Yield,
    /// The goroutine must wait; `run` again once it is woken, which re-executes the blocking
    /// instruction.
    Park(WaitReason),
    /// The goroutine's entry function returned; its results are in `Goroutine::results`.
    Done,
    /// The goroutine died of a panic or a fatal error.
    Panic(Box<Panic>),
}

/// What a parked goroutine waits for, as Go's goroutine dump names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum WaitReason {
    /// `chan send`
    ChanSend,
    /// `chan receive`
    ChanReceive,
    /// `select`
    Select,
    /// `select (no cases)`
    SelectNoCases,
    /// A channel operation the VM cannot carry out without a runtime (make, close).
    ChanOp,
    /// A native asked to wait; the string is Go's wait reason (`sync.Mutex.Lock`, `sleep`).
    Native(&'static str),
}

impl WaitReason {
    /// Go's text for this wait reason in a goroutine dump.
    pub fn as_str(&self) -> &'static str {
        match self {
            WaitReason::ChanSend => "chan send",
            WaitReason::ChanReceive => "chan receive",
            WaitReason::Select => "select",
            WaitReason::SelectNoCases => "select (no cases)",
            WaitReason::ChanOp => "chan op",
            WaitReason::Native(reason) => reason,
        }
    }
}

/// The running frame's registers. Built only from the top frame's register pointer, and
/// indexed only with the operands of that frame's verified instructions, which are below its
/// register count: that is what makes the unchecked accesses sound.
#[derive(Clone, Copy)]
pub(crate) struct Window(pub(crate) *mut u64);

impl Window {
    #[inline(always)]
    pub(crate) fn get(self, r: Reg) -> u64 {
        // SAFETY: see the type's doc: `r` is a verified operand of the running frame.
        unsafe { *self.0.add(usize::from(r.0)) }
    }

    #[inline(always)]
    pub(crate) fn set(self, r: Reg, v: u64) {
        // SAFETY: see the type's doc: `r` is a verified operand of the running frame.
        unsafe { *self.0.add(usize::from(r.0)) = v }
    }
}

/// Pushes a frame for a call of `f` whose arguments start at `caller[base]`.
#[inline(always)]
fn enter(
    g: &mut Goroutine,
    f: FuncIdx,
    callee: &Function,
    caller: *mut u64,
    base: Reg,
    closure: u64,
) -> Result<*mut u64, PanicKind> {
    let regs = g
        .stack
        .push(f, callee.n_regs, closure, base.0, FrameKind::Call)
        .map_err(|o| PanicKind::StackOverflow { limit: o.limit })?;
    // SAFETY: the caller's window `base .. base + n_params` is inside its frame (verified, or
    // checked by `check_window` for dynamic calls); the callee has at least `n_params`
    // registers; frames never overlap.
    unsafe { copy_words(caller.add(usize::from(base.0)), regs, callee.n_params) };
    Ok(regs)
}

/// Copies `n` words between non-overlapping register ranges. Counts are small (arguments
/// and results), so the common ones are spelled out: a `memcpy` call or a counted loop costs
/// more than the copy itself.
///
/// # Safety
/// Both ranges must be valid for `n` words and must not overlap.
#[inline(always)]
unsafe fn copy_words(from: *const u64, to: *mut u64, n: u8) {
    // SAFETY: forwarded from the caller.
    unsafe {
        match n {
            0 => {}
            1 => *to = *from,
            2 => {
                *to = *from;
                *to.add(1) = *from.add(1);
            }
            _ => std::ptr::copy_nonoverlapping(from, to, usize::from(n)),
        }
    }
}

/// Checks that a dynamically chosen callee's arguments and results fit the caller's frame.
#[inline(always)]
fn check_window(g: &Goroutine, callee: &Function, base: Reg) {
    let caller_regs = g.stack.top().map_or(0, |f| usize::from(f.n_regs));
    let window = usize::from(base.0) + usize::from(callee.n_params.max(callee.n_results));
    if window > caller_regs {
        unreachable!("the checker types dynamic calls, so their windows fit");
    }
}

/// Whether the top frame has a deferred call pending.
#[inline(always)]
fn has_pending_defer(g: &Goroutine) -> bool {
    g.defers
        .last()
        .is_some_and(|d| d.frame + 1 == g.stack.frames.len())
}

/// Runs `g` for up to `budget` calls and backward jumps.
pub fn run(g: &mut Goroutine, budget: u32) -> Exit {
    let vm = Arc::clone(&g.vm);
    let prog = &*vm.program;
    let heap = &vm.heap;
    let consts: &[u64] = &vm.consts;
    let mut budget = budget.max(1);
    // The running frame, hoisted into locals; `'frame` reloads them from the top frame after
    // anything that changed frames on a slow path, the call and return fast paths set them
    // directly.
    let mut code_start: *const Op;
    let mut ip: *const Op;
    let mut window: Window;
    let mut closure: u64;
    'frame: loop {
        let Some(frame) = g.stack.top() else {
            return Exit::Done;
        };
        code_start = prog.function(frame.func).code.as_ptr();
        // SAFETY: a saved `pc` is inside its function's code.
        ip = unsafe { code_start.add(frame.pc as usize) };
        window = Window(frame.regs);
        closure = frame.closure;
        macro_rules! reg {
            ($r:expr) => {
                window.get($r)
            };
        }
        macro_rules! set {
            ($r:expr, $v:expr) => {{
                let v = $v;
                window.set($r, v)
            }};
        }
        macro_rules! save_pc {
            () => {
                if let Some(top) = g.stack.top_mut() {
                    // SAFETY: `ip` and `code_start` point into the same code array.
                    top.pc = unsafe { ip.offset_from(code_start) } as u32;
                }
            };
        }
        macro_rules! throw {
            ($kind:expr) => {{
                let kind = $kind;
                save_pc!();
                match unwind::raise(g, kind) {
                    Ok(()) => continue 'frame,
                    Err(exit) => return exit,
                }
            }};
        }
        macro_rules! tri {
            ($e:expr) => {
                match $e {
                    Ok(v) => v,
                    Err(kind) => throw!(kind),
                }
            };
        }
        macro_rules! jump {
            ($off:expr) => {{
                let off = $off.0;
                // SAFETY: the verifier proved every jump target is inside the code.
                ip = unsafe { ip.offset(off as isize) };
                if off < 0 {
                    budget -= 1;
                    if budget == 0 {
                        save_pc!();
                        return Exit::Yield;
                    }
                }
            }};
        }
        macro_rules! call_tick {
            () => {
                budget -= 1;
                if budget == 0 {
                    // SAFETY: the instruction just fetched is at `ip - 1`.
                    ip = unsafe { ip.sub(1) };
                    save_pc!();
                    return Exit::Yield;
                }
                save_pc!();
            };
        }
        macro_rules! allocated {
            () => {
                if heap.wants_gc() {
                    budget = 1;
                }
            };
        }
        macro_rules! park {
            ($reason:expr) => {{
                // SAFETY: the instruction just fetched is at `ip - 1`.
                ip = unsafe { ip.sub(1) };
                save_pc!();
                return Exit::Park($reason);
            }};
        }
        macro_rules! int2 {
            ($dst:expr, $a:expr, $b:expr, $op:ident) => {
                set!($dst, reg!($a).$op(reg!($b)))
            };
        }
        macro_rules! cmp {
            ($dst:expr, $e:expr) => {
                set!($dst, u64::from($e))
            };
        }

        loop {
            // SAFETY: the verifier proved that every function ends in a terminator and every
            // jump lands inside the code, so `ip` always points at an instruction here.
            let op = unsafe { *ip };
            #[cfg(feature = "trace")]
            crate::disasm::trace(
                prog,
                g.stack.top().map(|f| f.func),
                // SAFETY: `ip` and `code_start` point into the same code array.
                unsafe { ip.offset_from(code_start) } as usize,
                &op,
                window.0,
            );
            // SAFETY: `ip` points at an instruction, so one past it is in bounds or the end.
            ip = unsafe { ip.add(1) };
            match op {
                Op::Move { dst, src } => set!(dst, reg!(src)),
                Op::LoadInt { dst, imm } => set!(dst, i64::from(imm) as u64),
                Op::LoadConst { dst, k } => {
                    // SAFETY: verified constant index.
                    set!(dst, unsafe { *consts.get_unchecked(usize::from(k.0)) })
                }
                Op::LoadGlobal { dst, g: idx } => {
                    // SAFETY: verified global index; `globals` lives as long as the VM.
                    set!(dst, unsafe {
                        object::load_slot(vm.globals, usize::from(idx.0))
                    })
                }
                Op::StoreGlobal { g: idx, src } => {
                    // SAFETY: verified global index; `globals` lives as long as the VM.
                    unsafe { object::store_slot(vm.globals, usize::from(idx.0), reg!(src)) }
                }

                Op::AddInt { dst, a, b } => int2!(dst, a, b, wrapping_add),
                Op::AddIntImm { dst, a, imm } => {
                    set!(dst, reg!(a).wrapping_add(i64::from(imm) as u64))
                }
                Op::SubInt { dst, a, b } => int2!(dst, a, b, wrapping_sub),
                Op::MulInt { dst, a, b } => int2!(dst, a, b, wrapping_mul),
                Op::DivInt { dst, a, b } => set!(dst, tri!(ops::div_int(reg!(a), reg!(b)))),
                Op::RemInt { dst, a, b } => set!(dst, tri!(ops::rem_int(reg!(a), reg!(b)))),
                Op::DivUint { dst, a, b } => set!(dst, tri!(ops::div_uint(reg!(a), reg!(b)))),
                Op::RemUint { dst, a, b } => set!(dst, tri!(ops::rem_uint(reg!(a), reg!(b)))),
                Op::NegInt { dst, a } => set!(dst, reg!(a).wrapping_neg()),
                Op::And { dst, a, b } => set!(dst, reg!(a) & reg!(b)),
                Op::Or { dst, a, b } => set!(dst, reg!(a) | reg!(b)),
                Op::Xor { dst, a, b } => set!(dst, reg!(a) ^ reg!(b)),
                Op::AndNot { dst, a, b } => set!(dst, reg!(a) & !reg!(b)),
                Op::BitNot { dst, a } => set!(dst, !reg!(a)),
                Op::Shl {
                    dst,
                    a,
                    b,
                    signed_count,
                } => {
                    set!(dst, tri!(ops::shl(reg!(a), reg!(b), signed_count)))
                }
                Op::ShrInt {
                    dst,
                    a,
                    b,
                    signed_count,
                } => {
                    set!(dst, tri!(ops::shr_int(reg!(a), reg!(b), signed_count)))
                }
                Op::ShrUint {
                    dst,
                    a,
                    b,
                    signed_count,
                } => {
                    set!(dst, tri!(ops::shr_uint(reg!(a), reg!(b), signed_count)))
                }
                Op::WrapInt { dst, a, width } => set!(dst, ops::wrap_int(reg!(a), width)),

                Op::AddFloat { dst, a, b } => set!(dst, w(f(reg!(a)) + f(reg!(b)))),
                Op::SubFloat { dst, a, b } => set!(dst, w(f(reg!(a)) - f(reg!(b)))),
                Op::MulFloat { dst, a, b } => set!(dst, w(f(reg!(a)) * f(reg!(b)))),
                Op::DivFloat { dst, a, b } => set!(dst, w(f(reg!(a)) / f(reg!(b)))),
                Op::NegFloat { dst, a } => set!(dst, w(-f(reg!(a)))),
                Op::RoundFloat32 { dst, a } => set!(dst, w(f64::from(f(reg!(a)) as f32))),
                Op::IntToFloat { dst, a } => set!(dst, w(reg!(a) as i64 as f64)),
                Op::UintToFloat { dst, a } => set!(dst, w(reg!(a) as f64)),
                Op::FloatToInt { dst, a } => set!(dst, f(reg!(a)) as i64 as u64),
                Op::FloatToUint { dst, a } => set!(dst, f(reg!(a)) as u64),

                Op::EqWord { dst, a, b } => cmp!(dst, reg!(a) == reg!(b)),
                Op::NeWord { dst, a, b } => cmp!(dst, reg!(a) != reg!(b)),
                Op::LtInt { dst, a, b } => cmp!(dst, (reg!(a) as i64) < reg!(b) as i64),
                Op::LeInt { dst, a, b } => cmp!(dst, (reg!(a) as i64) <= reg!(b) as i64),
                Op::LtUint { dst, a, b } => cmp!(dst, reg!(a) < reg!(b)),
                Op::LeUint { dst, a, b } => cmp!(dst, reg!(a) <= reg!(b)),
                Op::EqFloat { dst, a, b } => cmp!(dst, f(reg!(a)) == f(reg!(b))),
                Op::LtFloat { dst, a, b } => cmp!(dst, f(reg!(a)) < f(reg!(b))),
                Op::LeFloat { dst, a, b } => cmp!(dst, f(reg!(a)) <= f(reg!(b))),
                Op::Not { dst, a } => cmp!(dst, reg!(a) == 0),

                Op::Jump { off } => jump!(off),
                Op::JumpIfTrue { a, off } => {
                    if reg!(a) != 0 {
                        jump!(off)
                    }
                }
                Op::JumpIfFalse { a, off } => {
                    if reg!(a) == 0 {
                        jump!(off)
                    }
                }
                Op::JumpIfLtInt { a, b, off } => {
                    if (reg!(a) as i64) < reg!(b) as i64 {
                        jump!(off)
                    }
                }
                Op::JumpIfLeInt { a, b, off } => {
                    if (reg!(a) as i64) <= reg!(b) as i64 {
                        jump!(off)
                    }
                }
                Op::ForLoopInt { a, b, off } => {
                    let i = reg!(a).wrapping_add(1);
                    set!(a, i);
                    if (i as i64) < reg!(b) as i64 {
                        jump!(off)
                    }
                }
                Op::JumpIfEqWord { a, b, off } => {
                    if reg!(a) == reg!(b) {
                        jump!(off)
                    }
                }
                Op::JumpIfNeWord { a, b, off } => {
                    if reg!(a) != reg!(b) {
                        jump!(off)
                    }
                }

                Op::Call { func: target, base } => {
                    call_tick!();
                    let callee = prog.function(target);
                    window = Window(tri!(enter(g, target, callee, window.0, base, 0)));
                    code_start = callee.code.as_ptr();
                    ip = code_start;
                    closure = 0;
                }
                Op::CallClosure { callee, base } => {
                    call_tick!();
                    let c = reg!(callee);
                    if c == 0 {
                        throw!(PanicKind::NilDeref);
                    }
                    // SAFETY: a non-nil func value is a live closure.
                    let target = FuncIdx(unsafe { (*(c as *const Header)).ty() } as u16);
                    let f = prog.function(target);
                    check_window(g, f, base);
                    window = Window(tri!(enter(g, target, f, window.0, base, c)));
                    code_start = f.code.as_ptr();
                    ip = code_start;
                    closure = c;
                }
                Op::CallIface { base, method } => {
                    call_tick!();
                    // SAFETY: R[base] holds an interface value.
                    let (target, recv) =
                        tri!(unsafe { ops::iface::method(&vm, reg!(base), method) });
                    set!(base, recv);
                    let f = prog.function(target);
                    check_window(g, f, base);
                    window = Window(tri!(enter(g, target, f, window.0, base, 0)));
                    code_start = f.code.as_ptr();
                    ip = code_start;
                    closure = 0;
                }
                Op::CallNative { native, base } => {
                    save_pc!();
                    match call_native(g, native, window.0, base) {
                        crate::native::NativeOutcome::Return => {}
                        crate::native::NativeOutcome::Panic(kind) => throw!(kind),
                        crate::native::NativeOutcome::Park(reason) => park!(reason),
                    }
                    allocated!();
                }
                Op::Return { src, n } => {
                    if has_pending_defer(g) {
                        // SAFETY: the instruction just fetched is at `ip - 1`.
                        ip = unsafe { ip.sub(1) };
                        save_pc!();
                        tri!(run_one_defer(g));
                        continue 'frame;
                    }
                    let Some(frame) = g.stack.pop() else {
                        unreachable!("a running frame is on the stack")
                    };
                    if frame.kind == FrameKind::Call
                        && let Some(caller) = g.stack.top()
                    {
                        let to = Window(caller.regs);
                        // SAFETY: verified: `src .. src + n` are registers of the returning
                        // frame and `ret .. ret + n` of the caller's; frames never overlap.
                        unsafe {
                            copy_words(
                                window.0.add(usize::from(src.0)),
                                to.0.add(usize::from(frame.ret)),
                                n,
                            );
                        }
                        code_start = prog.function(caller.func).code.as_ptr();
                        // SAFETY: a saved `pc` is inside its function's code.
                        ip = unsafe { code_start.add(caller.pc as usize) };
                        window = to;
                        closure = caller.closure;
                        continue;
                    }
                    match finish_return(g, frame, window.0, src, n) {
                        Ok(()) => continue 'frame,
                        Err(exit) => return exit,
                    }
                }
                Op::MakeClosure {
                    dst,
                    func: target,
                    captures: first,
                    n,
                } => {
                    // SAFETY: verified: `first .. first + n` are registers of this frame.
                    let words = unsafe {
                        std::slice::from_raw_parts(
                            window.0.add(usize::from(first.0)),
                            usize::from(n),
                        )
                    };
                    set!(dst, heap.alloc_closure(target.0, words));
                    allocated!();
                }
                Op::LoadCapture { dst, idx } => {
                    if closure == 0 {
                        unreachable!("the compiler loads captures only in closures");
                    }
                    // SAFETY: the frame runs the live closure `closure`.
                    let words = unsafe { captures(closure) };
                    match words.get(usize::from(idx)) {
                        Some(&word) => set!(dst, word),
                        None => unreachable!("the compiler only loads captures a closure has"),
                    }
                }

                Op::NewObject { dst, ty } => {
                    let words = prog.ty(ty).object_words();
                    set!(dst, heap.alloc_words(u32::from(ty.0), words) as u64);
                    allocated!();
                }
                Op::CopyObject { dst, src } => {
                    // SAFETY: R[src] holds a struct or array pointer.
                    let res = unsafe { ops::heap::copy_object(heap, reg!(src)) };
                    set!(dst, tri!(res));
                    allocated!();
                }
                Op::LoadField { dst, obj, field } => {
                    // SAFETY: R[obj] holds a struct pointer.
                    let res = unsafe { ops::heap::load_field(reg!(obj), field) };
                    set!(dst, tri!(res))
                }
                Op::StoreField { obj, field, src } => {
                    // SAFETY: R[obj] holds a struct pointer.
                    tri!(unsafe { ops::heap::store_field(reg!(obj), field, reg!(src)) })
                }
                Op::LoadIndex { dst, arr, idx } => {
                    // SAFETY: R[arr] holds an array pointer.
                    let res = unsafe { ops::heap::load_index(reg!(arr), reg!(idx)) };
                    set!(dst, tri!(res))
                }
                Op::StoreIndex { arr, idx, src } => {
                    // SAFETY: R[arr] holds an array pointer.
                    tri!(unsafe { ops::heap::store_index(reg!(arr), reg!(idx), reg!(src)) })
                }
                // SAFETY: R[p] holds a pointer to a one-word location.
                Op::LoadPtr { dst, p } => set!(dst, tri!(unsafe { ops::pointer::load(reg!(p)) })),
                // SAFETY: R[p] holds a pointer to a one-word location.
                Op::StorePtr { p, src } => tri!(unsafe { ops::pointer::store(reg!(p), reg!(src)) }),
                Op::AddrField { dst, obj, field } => {
                    // SAFETY: R[obj] holds a struct pointer.
                    let res = unsafe { ops::pointer::field(heap, reg!(obj), field) };
                    set!(dst, tri!(res))
                }
                Op::AddrIndex { dst, arr, idx } => {
                    // SAFETY: R[arr] holds an array pointer.
                    let res = unsafe { ops::pointer::index(heap, reg!(arr), reg!(idx)) };
                    set!(dst, tri!(res));
                    allocated!();
                }
                Op::AddrSlice { dst, s, idx } => {
                    // SAFETY: R[s] holds a slice.
                    let res = unsafe { ops::pointer::slice_elem(heap, reg!(s), reg!(idx)) };
                    set!(dst, tri!(res));
                    allocated!();
                }
                Op::AddrGlobal { dst, g: idx } => {
                    // SAFETY: verified global index; `globals` lives as long as the VM.
                    set!(dst, unsafe {
                        ops::pointer::global(heap, vm.globals, idx.0)
                    })
                }

                Op::MakeSlice { dst, ty, len } => {
                    let (n, c) = (reg!(len), reg!(Reg(len.0 + 1)));
                    set!(dst, tri!(ops::heap::make_slice(heap, ty.0, n, c)));
                    allocated!();
                }
                Op::IndexSlice { dst, s, idx } => {
                    // SAFETY: R[s] holds a slice.
                    let res = unsafe { ops::heap::index_slice(reg!(s), reg!(idx)) };
                    set!(dst, tri!(res))
                }
                Op::StoreSlice { s, idx, src } => {
                    // SAFETY: R[s] holds a slice.
                    tri!(unsafe { ops::heap::store_slice(reg!(s), reg!(idx), reg!(src)) })
                }
                Op::SliceSlice {
                    dst,
                    src,
                    bounds,
                    has_max,
                } => {
                    let (lo, hi) = (reg!(bounds), reg!(Reg(bounds.0 + 1)));
                    let max = has_max.then(|| reg!(Reg(bounds.0 + 2)));
                    // SAFETY: R[src] holds a slice.
                    let res = unsafe { ops::heap::slice_slice(heap, reg!(src), lo, hi, max) };
                    set!(dst, tri!(res));
                    allocated!();
                }
                Op::SliceArray {
                    dst,
                    src,
                    bounds,
                    ty: _,
                } => {
                    let (lo, hi) = (reg!(bounds), reg!(Reg(bounds.0 + 1)));
                    // SAFETY: R[src] holds an array pointer.
                    let res = unsafe { ops::heap::slice_array(heap, reg!(src), lo, hi) };
                    set!(dst, tri!(res));
                    allocated!();
                }
                Op::Append { dst, s, src, ty } => {
                    // SAFETY: R[s] holds a slice of type `ty`.
                    let res = unsafe {
                        ops::heap::append(heap, ty.0, elem_size(prog, ty), reg!(s), &[reg!(src)])
                    };
                    set!(dst, tri!(res));
                    allocated!();
                }
                Op::AppendSlice { dst, a, b, ty } => {
                    // SAFETY: R[a] and R[b] hold slices of type `ty`.
                    let res = unsafe {
                        ops::heap::append_slice(heap, ty.0, elem_size(prog, ty), reg!(a), reg!(b))
                    };
                    set!(dst, tri!(res));
                    allocated!();
                }
                Op::CopySlice { dst, a, b } => {
                    // SAFETY: R[a] and R[b] hold slices.
                    set!(dst, unsafe { ops::heap::copy_slice(reg!(a), reg!(b)) })
                }
                // SAFETY: R[s] holds a slice.
                Op::LenSlice { dst, s } => set!(dst, unsafe { ops::heap::len(reg!(s)) }),
                // SAFETY: R[s] holds a slice.
                Op::CapSlice { dst, s } => set!(dst, unsafe { ops::heap::cap(reg!(s)) }),
                // SAFETY: R[s] holds a slice.
                Op::ClearSlice { s } => unsafe { ops::clear::slice(reg!(s)) },

                Op::Concat { dst, a, b } => {
                    // SAFETY: R[a] and R[b] hold strings.
                    set!(dst, unsafe { ops::strings::concat(heap, reg!(a), reg!(b)) });
                    allocated!();
                }
                // SAFETY: R[s] holds a string.
                Op::LenString { dst, s } => set!(dst, unsafe { ops::strings::len(reg!(s)) }),
                Op::IndexString { dst, s, idx } => {
                    // SAFETY: R[s] holds a string.
                    let res = unsafe { ops::strings::index(reg!(s), reg!(idx)) };
                    set!(dst, tri!(res))
                }
                Op::SliceString { dst, src, bounds } => {
                    let (lo, hi) = (reg!(bounds), reg!(Reg(bounds.0 + 1)));
                    // SAFETY: R[src] holds a string.
                    let res = unsafe { ops::strings::slice(heap, reg!(src), lo, hi) };
                    set!(dst, tri!(res));
                    allocated!();
                }
                Op::EqString { dst, a, b } => {
                    // SAFETY: R[a] and R[b] hold strings.
                    let res = unsafe { ops::strings::compare(reg!(a), reg!(b)) };
                    cmp!(dst, res.is_eq())
                }
                Op::LtString { dst, a, b } => {
                    // SAFETY: R[a] and R[b] hold strings.
                    let res = unsafe { ops::strings::compare(reg!(a), reg!(b)) };
                    cmp!(dst, res.is_lt())
                }
                Op::LeString { dst, a, b } => {
                    // SAFETY: R[a] and R[b] hold strings.
                    let res = unsafe { ops::strings::compare(reg!(a), reg!(b)) };
                    cmp!(dst, res.is_le())
                }

                Op::DecodeRune { dst, s, idx } => {
                    // SAFETY: R[s] holds a string.
                    let res = unsafe { ops::strings::decode_rune(reg!(s), reg!(idx)) };
                    let (rune, next) = tri!(res);
                    set!(dst, rune);
                    set!(Reg(dst.0 + 1), next);
                }
                Op::RuneToString { dst, src } => {
                    set!(dst, ops::strings::rune_to_string(heap, reg!(src)));
                    allocated!();
                }
                Op::StringToBytes { dst, src, ty } => {
                    // SAFETY: R[src] holds a string.
                    let bytes = unsafe { object::string_bytes(reg!(src)) };
                    let words: Vec<u64> = bytes.iter().map(|&b| u64::from(b)).collect();
                    set!(dst, ops::heap::slice_of(heap, ty.0, &words));
                    allocated!();
                }
                Op::BytesToString { dst, src } => {
                    // SAFETY: R[src] holds a []byte.
                    let words = unsafe { ops::heap::elements(reg!(src)) };
                    let bytes: Vec<u8> = words.iter().map(|&w| w as u8).collect();
                    set!(dst, heap.alloc_string(&bytes));
                    allocated!();
                }
                Op::StringToRunes { dst, src, ty } => {
                    // SAFETY: R[src] holds a string.
                    let runes = unsafe { ops::strings::runes(reg!(src)) };
                    set!(dst, ops::heap::slice_of(heap, ty.0, &runes));
                    allocated!();
                }
                Op::RunesToString { dst, src } => {
                    // SAFETY: R[src] holds a []rune.
                    let runes = unsafe { ops::heap::elements(reg!(src)) };
                    set!(dst, ops::strings::string_of_runes(heap, &runes));
                    allocated!();
                }

                Op::MakeMap { dst, ty } => {
                    set!(dst, ops::maps::make(&vm, ty));
                    allocated!();
                }
                Op::MapGet { dst, m, key } => {
                    // SAFETY: R[m] holds a map and R[key] a key of its type.
                    set!(dst, unsafe { ops::maps::get(&vm, reg!(m), reg!(key)) }.0)
                }
                Op::MapGetOk { dst, m, key } => {
                    // SAFETY: R[m] holds a map and R[key] a key of its type.
                    let (v, ok) = unsafe { ops::maps::get(&vm, reg!(m), reg!(key)) };
                    set!(dst, v);
                    set!(Reg(dst.0 + 1), u64::from(ok));
                }
                Op::MapSet { m, key, src } => {
                    // SAFETY: R[m] holds a map and R[key] a key of its type.
                    tri!(unsafe { ops::maps::set(&vm, reg!(m), reg!(key), reg!(src)) })
                }
                // SAFETY: R[m] holds a map and R[key] a key of its type.
                Op::MapDelete { m, key } => unsafe { ops::maps::delete(&vm, reg!(m), reg!(key)) },
                // SAFETY: R[m] holds a map.
                Op::MapLen { dst, m } => set!(dst, unsafe { ops::maps::len(reg!(m)) }),
                // SAFETY: R[m] holds a map.
                Op::MapClear { m } => unsafe { ops::clear::map(reg!(m)) },

                Op::MapKeys { dst, m, ty } => {
                    // SAFETY: R[m] holds a map.
                    set!(dst, unsafe { ops::maps::keys(&vm, reg!(m), ty) });
                    allocated!();
                }

                Op::BoxIface { dst, src, ty, itab } => {
                    set!(dst, heap.alloc_iface(ty.0, itab.0, reg!(src)));
                    allocated!();
                }
                Op::ConvertIface { dst, src, iface } => {
                    // SAFETY: R[src] holds an interface value.
                    let res = unsafe { ops::iface::convert(&vm, reg!(src), iface) };
                    set!(dst, tri!(res));
                    allocated!();
                }
                Op::AssertType {
                    dst,
                    src,
                    ty,
                    iface,
                } => {
                    // SAFETY: R[src] holds an interface value.
                    let res = unsafe { ops::iface::assert_type(&vm, reg!(src), ty, iface) };
                    set!(dst, tri!(res))
                }
                Op::AssertTypeOk { dst, src, ty } => {
                    // SAFETY: R[src] holds an interface value.
                    let res = unsafe { ops::iface::assert_type(&vm, reg!(src), ty, ty) };
                    set!(dst, *res.as_ref().unwrap_or(&0));
                    set!(Reg(dst.0 + 1), u64::from(res.is_ok()));
                }
                Op::AssertIface { dst, src, iface } => {
                    // SAFETY: R[src] holds an interface value.
                    let res = unsafe { ops::iface::assert_iface(&vm, reg!(src), iface) };
                    set!(dst, tri!(res));
                    allocated!();
                }
                Op::AssertIfaceOk { dst, src, iface } => {
                    // SAFETY: R[src] holds an interface value.
                    let res = unsafe { ops::iface::assert_iface(&vm, reg!(src), iface) };
                    set!(dst, *res.as_ref().unwrap_or(&0));
                    set!(Reg(dst.0 + 1), u64::from(res.is_ok()));
                    allocated!();
                }
                Op::IfaceType { dst, src } => {
                    // SAFETY: R[src] holds an interface value.
                    set!(dst, unsafe { ops::iface::dynamic_type(reg!(src)) })
                }
                Op::EqIface { dst, a, b } => {
                    // SAFETY: R[a] and R[b] hold interface values.
                    cmp!(dst, unsafe { ops::iface::equal(&vm, reg!(a), reg!(b)) })
                }

                Op::Panic { src } => {
                    let word = reg!(src);
                    // SAFETY: R[src] holds an interface value.
                    let text = unsafe { unwind::describe(&vm, word) };
                    throw!(PanicKind::Value { word, text });
                }
                Op::Defer { closure: c } => {
                    let frame = g.stack.frames.len() - 1;
                    g.defers.push(DeferRecord {
                        frame,
                        closure: reg!(c),
                    });
                }
                Op::RunDefers => {
                    if has_pending_defer(g) {
                        // SAFETY: the instruction just fetched is at `ip - 1`.
                        ip = unsafe { ip.sub(1) };
                        save_pc!();
                        tri!(run_one_defer(g));
                        continue 'frame;
                    }
                }
                Op::Recover { dst } => set!(dst, unwind::recover(g)),

                Op::Go { closure: c } => {
                    let c = reg!(c);
                    if c == 0 {
                        throw!(PanicKind::NilDeref);
                    }
                    // SAFETY: a non-nil func value is a live closure.
                    let spawned = unsafe { Goroutine::with_closure(&vm, c) };
                    let spawned =
                        tri!(spawned.map_err(|o| PanicKind::StackOverflow { limit: o.limit }));
                    g.spawned.push(spawned);
                }
                Op::LenChan { dst, ch } => {
                    set!(dst, ops::chans::len(vm.channels.get(), reg!(ch)))
                }
                Op::CapChan { dst, ch } => {
                    set!(dst, ops::chans::cap(vm.channels.get(), reg!(ch)))
                }
                Op::MakeChan { .. }
                | Op::Send { .. }
                | Op::Recv { .. }
                | Op::RecvOk { .. }
                | Op::Close { .. }
                | Op::Select { .. } => {
                    let Some(chans) = vm.channels.get() else {
                        park!(WaitReason::ChanOp)
                    };
                    match ops::chans::run(g.id, chans.as_ref(), prog, heap, window, op) {
                        ops::chans::ChanStep::Done => allocated!(),
                        ops::chans::ChanStep::Park(reason) => park!(reason),
                        ops::chans::ChanStep::Panic(kind) => throw!(kind),
                    }
                }
            }
        }
    }
}

/// Go's element size of the slice type `ty` (for `append`'s capacity rule).
fn elem_size(prog: &crate::program::Program, ty: crate::op::TypeIdx) -> u64 {
    match prog.ty(ty).kind {
        crate::program::TypeKind::Slice { elem } => prog.ty(elem).size,
        _ => 8,
    }
}

/// Pops the top frame's newest deferred call and pushes a frame running it.
#[cold]
fn run_one_defer(g: &mut Goroutine) -> Result<(), PanicKind> {
    match g.defers.pop() {
        Some(d) => unwind::push_closure(g, d.closure, FrameKind::Defer),
        None => Ok(()),
    }
}

/// Hands the results `R[src .. src + n]` of the popped `frame` to whoever called it, on the
/// paths the dispatch loop does not handle inline.
#[cold]
fn finish_return(
    g: &mut Goroutine,
    frame: crate::stack::Frame,
    regs: *mut u64,
    src: Reg,
    n: u8,
) -> Result<(), Exit> {
    // SAFETY: verified: `src .. src + n` are registers of the returning frame, whose segment
    // `pop` keeps allocated.
    let results = unsafe { regs.add(usize::from(src.0)) };
    match frame.kind {
        FrameKind::Call => match g.stack.top() {
            Some(caller) => {
                // SAFETY: the call window `ret .. ret + n_results` fits the caller (verified,
                // or checked for dynamic calls); the frames do not overlap.
                unsafe {
                    let dst = caller.regs.add(usize::from(frame.ret));
                    std::ptr::copy_nonoverlapping(results, dst, usize::from(n));
                }
                Ok(())
            }
            None => {
                // SAFETY: as above.
                g.results = unsafe { std::slice::from_raw_parts(results, usize::from(n)) }.to_vec();
                Err(Exit::Done)
            }
        },
        FrameKind::Defer => Ok(()),
        FrameKind::PanicDefer => unwind::panic_defer_returned(g),
        // SAFETY: a `PanicText` frame runs an `Error` or `String` method, whose one result is
        // a string.
        FrameKind::PanicText => Err(unwind::panic_text_returned(g, unsafe { *results })),
    }
}

/// Calls a native with its argument window.
fn call_native(
    g: &mut Goroutine,
    native: crate::op::NativeIdx,
    regs: *mut u64,
    base: Reg,
) -> crate::native::NativeOutcome {
    let vm = Arc::clone(&g.vm);
    let Some(n) = vm.program.natives.get(usize::from(native.0)) else {
        unreachable!("verified native index")
    };
    // SAFETY: verified: the window `base .. base + max(n_args, n_results)` is inside the
    // frame, and nothing else touches these registers during the call.
    let args = unsafe { std::slice::from_raw_parts_mut(regs.add(usize::from(base.0)), n.window()) };
    let mut ctx = crate::native::NativeCtx {
        vm: &vm,
        goroutine: g.id,
    };
    (n.func)(&mut ctx, args)
}
