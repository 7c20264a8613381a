//! A goroutine (Go's g): its register stack, its pending deferred calls, the panics in
//! progress, and the goroutines it started that the scheduler has not picked up yet.
//!
//! This module owns the goroutine's state and its GC roots. Running it is `exec::run`;
//! `defer`/`panic`/`recover` bookkeeping is `unwind`.
//!
//! Invariants:
//! - A goroutine is run by one OS thread at a time (`run` takes `&mut Goroutine`); it may
//!   move between threads between runs.
//! - `defers` is ordered by the depth of the frame that deferred, oldest first, so the
//!   newest deferred call of the top frame is always `defers.last()`.

use std::sync::Arc;

use crate::gc::Marker;
use crate::heap::object::Header;
use crate::op::FuncIdx;
use crate::panic::PanicKind;
use crate::program::Program;
use crate::stack::{FrameKind, Overflow, Stack};
use crate::vm::Vm;

/// A deferred call waiting for its frame to end.
#[derive(Clone, Copy, Debug)]
pub(crate) struct DeferRecord {
    /// The depth (index in `Stack::frames`) of the frame that deferred it.
    pub frame: usize,
    /// The closure to call, with no arguments.
    pub closure: u64,
}

/// A panic in progress (Go's `_panic`).
#[derive(Clone, Debug)]
pub(crate) struct PanicRecord {
    pub kind: PanicKind,
    /// The value `recover` returns (an interface word).
    pub value: u64,
    pub recovered: bool,
    pub repanicked: bool,
    /// Whether the value's `Error`/`String` method already ran for the report.
    pub described: bool,
    /// The depth of the frame running this panic's current deferred call.
    pub defer_frame: Option<usize>,
    /// The stack where it was raised, innermost first.
    pub stack: Vec<crate::panic::StackFrame>,
}

/// A goroutine.
pub struct Goroutine {
    /// Its id (`goroutine 1 [running]:`).
    pub id: u64,
    pub(crate) vm: Arc<Vm>,
    pub(crate) stack: Stack,
    pub(crate) defers: Vec<DeferRecord>,
    pub(crate) panics: Vec<PanicRecord>,
    /// The results of the entry function, once it has returned.
    pub results: Vec<u64>,
    /// Goroutines started with `go` since the scheduler last took them.
    pub spawned: Vec<Goroutine>,
}

impl Goroutine {
    /// A goroutine that will call `func` with `args`.
    ///
    /// # Errors
    /// `Overflow` when even the first frame exceeds the stack limit.
    pub fn new(vm: &Arc<Vm>, func: FuncIdx, args: &[u64]) -> Result<Goroutine, Overflow> {
        let mut g = Goroutine::empty(vm);
        g.enter(func, 0, args)?;
        Ok(g)
    }

    /// A goroutine that will call the closure `closure` with no arguments (a `go` statement).
    ///
    /// # Errors
    /// `Overflow` when even the first frame exceeds the stack limit.
    ///
    /// # Safety
    /// `closure` must be a live closure of `vm`'s heap.
    pub unsafe fn with_closure(vm: &Arc<Vm>, closure: u64) -> Result<Goroutine, Overflow> {
        let mut g = Goroutine::empty(vm);
        // SAFETY: the caller passes a live closure, whose header names its function.
        let func = FuncIdx(unsafe { (*(closure as *const Header)).ty() } as u16);
        g.enter(func, closure, &[])?;
        Ok(g)
    }

    fn empty(vm: &Arc<Vm>) -> Goroutine {
        Goroutine {
            id: vm.next_goroutine_id(),
            vm: Arc::clone(vm),
            stack: Stack::new(vm.config.max_stack_bytes),
            defers: Vec::new(),
            panics: Vec::new(),
            results: Vec::new(),
            spawned: Vec::new(),
        }
    }

    fn enter(&mut self, func: FuncIdx, closure: u64, args: &[u64]) -> Result<(), Overflow> {
        let f = self.vm.program.function(func);
        let regs = self
            .stack
            .push(func, f.n_regs, closure, 0, FrameKind::Call)?;
        let n = args.len().min(usize::from(f.n_regs));
        // SAFETY: the frame has `n_regs` registers and we copy at most that many.
        unsafe { std::ptr::copy_nonoverlapping(args.as_ptr(), regs, n) };
        Ok(())
    }

    /// The VM this goroutine belongs to.
    pub fn vm(&self) -> &Arc<Vm> {
        &self.vm
    }

    /// The number of frames on the stack.
    pub fn depth(&self) -> usize {
        self.stack.frames.len()
    }

    /// Where a stopped (parked or yielded) goroutine is: its frames, innermost first, with
    /// the line each is at (for the goroutine dumps of a deadlock report or a debugger).
    pub fn stack_trace(&self) -> Vec<crate::panic::StackFrame> {
        crate::unwind::capture_stack(self, false)
    }

    /// The bytes of register segments this goroutine holds.
    pub fn stack_bytes(&self) -> usize {
        self.stack.segment_bytes()
    }

    /// Reports every word this goroutine keeps alive.
    pub(crate) fn mark_roots(&self, program: &Program, m: &mut Marker) {
        for frame in &self.stack.frames {
            m.mark(frame.closure);
            let func = program.function(frame.func);
            // SAFETY: `frame` is one of this stack's frames.
            let regs = unsafe { Stack::registers(frame) };
            for (r, &word) in regs.iter().enumerate() {
                if func.may_hold_pointer(r) {
                    m.mark(word);
                }
            }
        }
        for d in &self.defers {
            m.mark(d.closure);
        }
        for p in &self.panics {
            m.mark(p.value);
        }
        for g in &self.spawned {
            g.mark_roots(program, m);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::op::{Op, Reg};
    use crate::program::Function;

    fn one_function_vm(n_regs: u16) -> Arc<Vm> {
        let main = Function {
            name: "main.main".into(),
            code: vec![Op::Return { src: Reg(0), n: 0 }].into(),
            n_regs,
            ..Function::default()
        };
        let program = Program {
            functions: vec![main],
            ..Program::default()
        };
        Vm::new(program, crate::Config::default()).expect("a one-instruction program verifies")
    }

    #[test]
    fn a_new_goroutine_holds_at_most_512_bytes_of_registers() {
        let vm = one_function_vm(8);
        let g = Goroutine::new(&vm, FuncIdx(0), &[1, 2]).expect("eight registers fit");
        assert!(g.stack_bytes() <= 512, "{} bytes", g.stack_bytes());
        assert_eq!(g.depth(), 1);
    }
}
