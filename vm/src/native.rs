//! Native functions: Rust code a program calls with `CallNative`, and what they may report
//! back (results, a Go panic, or "park me").
//!
//! This module owns the calling convention for natives. The natives themselves belong to
//! `minigo_stdlib` and to embedders.
//!
//! Invariants:
//! - A native receives its arguments in `args[..n_args]` and writes its results to
//!   `args[..n_results]`; the slice is as long as the larger of the two.
//! - A native never blocks an OS thread: one that must wait returns `NativeOutcome::Park`
//!   and is called again, with the same arguments, when its goroutine is woken.
//! - A native runs between safepoints, so no collection happens during the call. A heap word
//!   it keeps after returning (in a Rust structure, a timer, a host object not traced) must
//!   be pinned with `Vm::pin` until it is dropped.

use std::sync::Arc;

use crate::exec::{Exit, WaitReason};
use crate::goroutine::Goroutine;
use crate::heap::Heap;
use crate::op::FuncIdx;
use crate::panic::Panic;
use crate::panic::PanicKind;
use crate::program::Program;
use crate::vm::Vm;

/// What a native reports.
#[derive(Debug)]
pub enum NativeOutcome {
    /// Results are in the argument slice; carry on.
    Return,
    /// Raise a Go panic in the calling goroutine.
    Panic(PanicKind),
    /// Suspend the goroutine; the call is repeated when it is woken.
    Park(WaitReason),
}

/// The signature of a native.
pub type NativeImpl = dyn Fn(&mut NativeCtx<'_>, &mut [u64]) -> NativeOutcome + Send + Sync;

/// A native function as the program table lists it.
#[derive(Clone)]
pub struct NativeFn {
    /// The Go name (`fmt.Println`).
    pub name: String,
    /// The number of argument words.
    pub n_args: u8,
    /// The number of result words.
    pub n_results: u8,
    /// The implementation.
    pub func: Arc<NativeImpl>,
}

impl std::fmt::Debug for NativeFn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NativeFn")
            .field("name", &self.name)
            .field("n_args", &self.n_args)
            .field("n_results", &self.n_results)
            .finish()
    }
}

impl NativeFn {
    /// A native from a closure.
    pub fn new(
        name: &str,
        n_args: u8,
        n_results: u8,
        func: impl Fn(&mut NativeCtx<'_>, &mut [u64]) -> NativeOutcome + Send + Sync + 'static,
    ) -> NativeFn {
        NativeFn {
            name: name.to_string(),
            n_args,
            n_results,
            func: Arc::new(func),
        }
    }

    /// The number of registers a call needs starting at its base.
    pub fn window(&self) -> usize {
        usize::from(self.n_args.max(self.n_results))
    }
}

/// What a native may use of the VM while it runs.
pub struct NativeCtx<'a> {
    /// The VM the calling goroutine belongs to.
    pub vm: &'a Arc<Vm>,
    /// The id of the calling goroutine.
    pub goroutine: u64,
}

impl NativeCtx<'_> {
    /// The heap, to allocate results (strings, slices, ...).
    pub fn heap(&self) -> &Heap {
        &self.vm.heap
    }

    /// The program, for type descriptors.
    pub fn program(&self) -> &Program {
        &self.vm.program
    }

    /// Calls the script function `func` with `args` on a fresh goroutine and runs it to
    /// completion, for natives that must call back into script (`fmt` calling `String()`
    /// and `Error()` methods). This recurses on the Rust stack and cannot park: a callee
    /// that blocks ends the call with `CallError::Blocked`, which is why only short,
    /// non-blocking methods are called this way (everything else is written in mini-Go).
    /// No collection runs during the call (the calling native still holds words that only
    /// its goroutine's registers root), so the callee's allocations are collected later.
    ///
    /// # Errors
    /// The callee's panic, a park, or a stack overflow before the first instruction.
    pub fn call(&self, func: FuncIdx, args: &[u64]) -> Result<Vec<u64>, CallError> {
        let mut g = Goroutine::new(self.vm, func, args).map_err(|_| CallError::Blocked)?;
        loop {
            match crate::exec::run(&mut g, 1 << 20) {
                Exit::Done => return Ok(std::mem::take(&mut g.results)),
                Exit::Yield => continue,
                Exit::Park(_) => return Err(CallError::Blocked),
                Exit::Panic(p) => return Err(CallError::Panic(p)),
            }
        }
    }
}

/// Why `NativeCtx::call` did not return results.
#[derive(Debug)]
pub enum CallError {
    /// The callee panicked; the report says with what.
    Panic(Box<Panic>),
    /// The callee tried to park (or did not fit a stack), which a nested call cannot do.
    Blocked,
}
