//! The embedding API: run minigo scripts inside a Rust program.
//!
//! Build an [`Engine`] (worker threads, output sinks, the standard packages scripts may
//! import, sandbox [`Limits`]), register host packages of Rust functions on it, compile a
//! [`Script`], then run its `main` or [`Script::call`] its functions with typed arguments
//! and results. Channels made with [`Script::channel`] connect host threads (or `async`
//! tasks under any executor) with goroutines.
//!
//! Owns: the public embedding types. Submodules: `builder` (settings), `engine`
//! (compiling), `script` (running and calling), `value` and `convert` (values), `host`
//! (host packages), `chan` (channels), `error` (errors). Does not own: the language, the
//! VM or the scheduler.
//!
//! Invariants: every failure of a script (panic, deadlock, stack overflow, limit, internal
//! error) is an [`Error`], never a host panic; engines and scripts are `Send + Sync` and
//! independent of each other.
//!
//! # Example
//! ```
//! use minigo::embed::{Engine, Error};
//!
//! let engine = Engine::new();
//! engine.package("host").func("Scale", |x: i64| x * 10);
//! let script = engine.compile("calc.go", r#"
//! import "host"
//! func Total(xs []int) int {
//!     sum := 0
//!     for _, x := range xs { sum += host.Scale(x) }
//!     return sum
//! }
//! "#)?;
//! assert_eq!(script.call::<i64>("Total", (vec![1i64, 2, 3],))?, 60);
//! # Ok::<(), Error>(())
//! ```

mod builder;
mod chan;
mod convert;
mod engine;
mod error;
mod host;
mod script;
mod value;

pub use builder::{EngineBuilder, Limits, PackageBuilder, PackagePolicy};
pub use chan::{ChanElem, ChanRef, Channel, RecvFuture, SendFuture};
pub use engine::Engine;
pub use error::{CompileError, Error, HostError, Limit};
pub use host::{HostAsyncFn, HostFn, HostReturn, HostType};
pub use minigo_stdlib::natives::Captured;
pub use script::{CancelHandle, Script};
pub use value::{FromValue, IntoArgs, IntoValue, Value};
