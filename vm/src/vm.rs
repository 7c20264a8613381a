//! One VM instance: a verified program, its heap, its globals and constants, and the roots a
//! collection starts from.
//!
//! This module owns the state every goroutine of a program shares. Running goroutines is
//! `exec`; scheduling them is `minigo_runtime`'s job.
//!
//! Invariants:
//! - `program` passed `verify::check_program`, so the interpreter may index by its operands
//!   without checks.
//! - `consts[i]` is the word `LoadConst` loads for `program.consts[i]`; string constants are
//!   heap objects kept alive by being roots.
//! - `globals` is a `Words` object of `program.n_globals` words, traced conservatively.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::chan::Channels;
use crate::extend::Current;
use crate::gc::{self, Marker};
use crate::goroutine::Goroutine;
use crate::heap::Heap;
use crate::heap::object::{self, Header, TY_CONSERVATIVE};
use crate::op::TypeIdx;
use crate::program::{Const, ItabIndex, Program};
use crate::stack::DEFAULT_MAX_STACK_BYTES;
use crate::verify::{self, VerifyError};

/// Limits and settings of a VM.
#[derive(Clone, Copy, Debug)]
pub struct Config {
    /// The largest a goroutine's stack may grow, in bytes.
    pub max_stack_bytes: usize,
    /// The GC ratio (`GOGC`); `None` turns automatic collection off.
    pub gogc: Option<u32>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            max_stack_bytes: DEFAULT_MAX_STACK_BYTES,
            gogc: crate::heap::gogc_from_env(),
        }
    }
}

/// The state shared by every goroutine of one program.
pub struct Vm {
    /// The program (its latest version when the program grows, see `extend`).
    pub program: Current<Program>,
    /// The heap.
    pub heap: Heap,
    /// The settings.
    pub config: Config,
    pub(crate) consts: Current<Vec<u64>>,
    pub(crate) globals: *mut Header,
    pub(crate) itabs: Current<ItabIndex>,
    pinned: parking_lot::Mutex<HashMap<u64, usize>>,
    next_goroutine: AtomicU64,
    pub(crate) channels: std::sync::OnceLock<Arc<dyn Channels>>,
}

// SAFETY: `globals` points to a heap object whose slots are atomics; everything else is
// `Sync` on its own.
unsafe impl Send for Vm {}
// SAFETY: as above.
unsafe impl Sync for Vm {}

impl Vm {
    /// Verifies `program` and builds a VM for it.
    ///
    /// # Errors
    /// The first problem the verifier finds in the program.
    pub fn new(program: Program, config: Config) -> Result<Arc<Vm>, VerifyError> {
        let n_globals = usize::from(program.n_globals);
        Vm::with_globals(program, config, n_globals)
    }

    /// Like [`Vm::new`], with room for every global a program may have (65,536 words), so
    /// the program can grow with [`Vm::prepare_extension`] (the REPL's session).
    ///
    /// # Errors
    /// The first problem the verifier finds in the program.
    pub fn new_growable(program: Program, config: Config) -> Result<Arc<Vm>, VerifyError> {
        Vm::with_globals(program, config, usize::from(u16::MAX) + 1)
    }

    fn with_globals(
        program: Program,
        config: Config,
        n_globals: usize,
    ) -> Result<Arc<Vm>, VerifyError> {
        verify::check_program(&program)?;
        let heap = Heap::new(config.gogc);
        let consts = program
            .consts
            .iter()
            .map(|k| match k {
                Const::Int(i) => *i as u64,
                Const::Float(f) => f.to_bits(),
                Const::Str(s) => heap.alloc_string(s.as_bytes()),
                Const::Bytes(b) => heap.alloc_string(b),
            })
            .collect();
        let n_globals = n_globals.max(usize::from(program.n_globals));
        let globals = heap.alloc_words(TY_CONSERVATIVE, n_globals);
        let itabs = ItabIndex::new(&program);
        Ok(Arc::new(Vm {
            program: Current::new(program),
            heap,
            config,
            consts: Current::new(consts),
            globals,
            itabs: Current::new(itabs),
            pinned: parking_lot::Mutex::new(HashMap::new()),
            next_goroutine: AtomicU64::new(1),
            channels: std::sync::OnceLock::new(),
        }))
    }

    /// Installs the channel implementation; returns `false` if one was already installed.
    pub fn set_channels(&self, channels: Arc<dyn Channels>) -> bool {
        self.channels.set(channels).is_ok()
    }

    /// A fresh goroutine id (the main goroutine gets 1).
    pub(crate) fn next_goroutine_id(&self) -> u64 {
        self.next_goroutine.fetch_add(1, Ordering::Relaxed)
    }

    /// Global `i`, for hosts and tests.
    pub fn global(&self, i: usize) -> Option<u64> {
        // SAFETY: `globals` is a live `Words` object for the VM's lifetime; the index is
        // checked against its length first.
        unsafe { (i < (*self.globals).len()).then(|| object::load_slot(self.globals, i)) }
    }

    /// Keeps the object `word` points to alive until a matching `unpin` (host handles).
    pub fn pin(&self, word: u64) {
        *self.pinned.lock().entry(word).or_insert(0) += 1;
    }

    /// Undoes one `pin`.
    pub fn unpin(&self, word: u64) {
        let mut pinned = self.pinned.lock();
        if let Some(count) = pinned.get_mut(&word) {
            *count -= 1;
            if *count == 0 {
                pinned.remove(&word);
            }
        }
    }

    /// The name of type `ty`, for messages.
    pub fn type_name(&self, ty: TypeIdx) -> &str {
        self.program
            .types
            .get(usize::from(ty.0))
            .map_or("?", |t| t.name.as_str())
    }

    /// Collects garbage, with `goroutines` as the only goroutines whose registers are roots.
    ///
    /// # Safety
    /// The world must be stopped, and `goroutines` must be every goroutine of this VM that
    /// has not finished (including ones spawned but not yet started).
    pub unsafe fn collect(&self, goroutines: &[&Goroutine]) {
        let roots = |m: &mut Marker| {
            m.mark(self.globals as u64);
            for &k in self.consts.iter() {
                m.mark(k);
            }
            for &word in self.pinned.lock().keys() {
                m.mark(word);
            }
            for g in goroutines {
                g.mark_roots(&self.program, m);
            }
        };
        // SAFETY: forwarded from the caller.
        unsafe { gc::collect(&self.heap, &self.program, roots) };
    }
}
