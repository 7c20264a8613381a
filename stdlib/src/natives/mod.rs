//! The native implementations of the standard packages, and [`link`], which installs them
//! into a compiled program's native table by Go name.
//!
//! This module owns the registry from names (`fmt.Println`, `strings.Repeat`,
//! `unicode/utf8.ValidString`) to implementations, and the calling-convention helpers every
//! native uses. One submodule per package holds its natives; `heapval` is the only place
//! that touches heap layouts, and `output` owns the standard output and error sinks.
//!
//! It does not own the natives that park goroutines (`sync`, `time.Sleep`, timers): those
//! belong with the scheduler, which adds them to a [`Registry`] before linking
//! ([`Registry::extend`]). Nor `atomic.Value` (`sync/atomic.value*`), not yet implemented.
//!
//! Invariants:
//! - A native reads argument `i` with [`arg`] and writes result `i` with [`ret`], which
//!   never index out of the window, whatever the table's arity says.
//! - Natives never keep heap words after they return, so none needs pinning.

mod atomic;
mod errors;
pub mod fmt;
pub mod heapval;
mod math;
mod misc;
pub mod output;
mod strconv;
mod strings;
mod time;

use std::collections::HashMap;
use std::sync::Arc;

use minigo_vm::Program;
use minigo_vm::native::{NativeCtx, NativeImpl, NativeOutcome};

pub use output::{Captured, Output};

/// Why a program could not be linked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LinkError {
    /// Natives the program declares that no registered implementation provides.
    #[error("no implementation for native function {}", names.join(", "))]
    Missing { names: Vec<String> },
}

/// Native implementations by Go name.
#[derive(Default, Clone)]
pub struct Registry {
    natives: HashMap<String, Arc<NativeImpl>>,
}

impl Registry {
    /// An empty registry.
    pub fn new() -> Registry {
        Registry::default()
    }

    /// Every native of this crate, writing to `output`.
    pub fn standard(output: &Arc<Output>) -> Registry {
        let mut reg = Registry::new();
        fmt::register(&mut reg, output);
        strings::register(&mut reg);
        strconv::register(&mut reg);
        math::register(&mut reg);
        errors::register(&mut reg);
        atomic::register(&mut reg);
        misc::register(&mut reg, output);
        time::register(&mut reg);
        reg
    }

    /// Adds (or replaces) the native called `name`.
    pub fn add(
        &mut self,
        name: &str,
        func: impl Fn(&mut NativeCtx<'_>, &mut [u64]) -> NativeOutcome + Send + Sync + 'static,
    ) {
        self.natives.insert(name.to_string(), Arc::new(func));
    }

    /// Adds (or replaces) natives built elsewhere, such as the scheduler's
    /// (`minigo_vm::rt::scheduler_natives`), which replace this crate's single-goroutine
    /// fallbacks of the same names.
    pub fn extend(&mut self, natives: impl IntoIterator<Item = minigo_vm::native::NativeFn>) {
        for n in natives {
            self.natives.insert(n.name, n.func);
        }
    }

    /// Whether a native called `name` is registered.
    pub fn contains(&self, name: &str) -> bool {
        self.natives.contains_key(name)
    }

    /// Fills every native entry of `program` with its implementation.
    ///
    /// # Errors
    /// [`LinkError::Missing`] naming every entry without an implementation; the entries
    /// that have one are filled anyway.
    pub fn link(&self, program: &mut Program) -> Result<(), LinkError> {
        let mut missing = Vec::new();
        for native in &mut program.natives {
            match self.natives.get(&native.name) {
                Some(func) => native.func = Arc::clone(func),
                None => missing.push(native.name.clone()),
            }
        }
        if missing.is_empty() {
            Ok(())
        } else {
            Err(LinkError::Missing { names: missing })
        }
    }
}

/// Links `program` against this crate's natives, writing to the process's standard output
/// and error.
///
/// # Errors
/// [`LinkError::Missing`] naming every native without an implementation.
pub fn link(program: &mut Program) -> Result<(), LinkError> {
    Registry::standard(&Output::stdio()).link(program)
}

/// Argument word `i` (0 past the window, which a well-formed table never asks for).
pub fn arg(args: &[u64], i: usize) -> u64 {
    args.get(i).copied().unwrap_or(0)
}

/// Writes result word `i` (ignored past the window).
pub fn ret(args: &mut [u64], i: usize, v: u64) {
    if let Some(slot) = args.get_mut(i) {
        *slot = v;
    }
}

/// A Go panic with a plain message (`strings: negative Repeat count`), as natives raise
/// with `panic(errors.New(...))`-like texts.
pub fn go_panic(message: &str) -> NativeOutcome {
    NativeOutcome::Panic(minigo_vm::PanicKind::Runtime(message.to_string()))
}
