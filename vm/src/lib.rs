//! The minigo virtual machine: register bytecode, the stackless interpreter, the heap and its
//! collector. It knows nothing of source syntax (that is `minigo_lang`) and schedules nothing
//! itself (that is `minigo_runtime`): `exec::run` runs one goroutine for a budget and says why
//! it stopped.
//!
//! # Map of the crate
//! - `op`: the instruction set. `program`: what the compiler produces. `verify`: the checks
//!   that let the interpreter skip bounds checks on registers and code.
//! - `vm`: one program's shared state. `goroutine`, `stack`: a goroutine and its segmented
//!   register stack. `exec`: the dispatch loop. `ops`: the longer instructions. `unwind`:
//!   panic, defer and recover. `panic`: Go's panic texts.
//! - `chan`: the hook through which channel instructions reach the runtime's channels.
//! - `value`: what a word means. `heap`, `gc`, `map`: objects, the collector, map tables. `native`: calling Rust.
//!   `disasm`: listings and the `trace` feature.
//!
//! # Example
//! ```
//! use minigo_vm::op::{FuncIdx, Op, Reg};
//! use minigo_vm::{Config, Exit, Function, Goroutine, Program, Vm, run};
//!
//! // func add(a, b int) int { return a + b }
//! let add = Function {
//!     name: "main.add".into(),
//!     code: vec![
//!         Op::AddInt { dst: Reg(0), a: Reg(0), b: Reg(1) },
//!         Op::Return { src: Reg(0), n: 1 },
//!     ]
//!     .into(),
//!     n_regs: 2,
//!     n_params: 2,
//!     n_results: 1,
//!     ..Function::default()
//! };
//! let program = Program { functions: vec![add], ..Program::default() };
//! let vm = Vm::new(program, Config::default())?;
//! let mut g = Goroutine::new(&vm, FuncIdx(0), &[40, 2]).expect("one small frame fits");
//! assert!(matches!(run(&mut g, 1_000), Exit::Done));
//! assert_eq!(g.results, [42]);
//! # Ok::<(), minigo_vm::verify::VerifyError>(())
//! ```
//!
//! # Values
//! Every value is one 64-bit word; strings, slices, interfaces and func values are pointers
//! to immutable heap boxes, and 0 is every type's zero value. `value` documents the encoding
//! and why wide values are boxed rather than spread over registers.
//!
//! # Memory safety under data races
//! A Go program with a data race may compute garbage but must never make the VM crash. The
//! argument:
//! 1. Registers are private to their goroutine; only heap objects are shared between OS
//!    threads.
//! 2. A mutable heap location is one word, an `AtomicU64`, read and written whole
//!    (`heap::object::{load_slot, store_slot}` are the only paths). Racing accesses can
//!    therefore only observe some whole word that was stored there, never a torn one.
//! 3. The program's static types fix what a slot holds: a slot of pointer type only ever
//!    receives pointer words (or 0). So whatever a racy load returns is a valid value of the
//!    slot's type.
//! 4. A value wider than a word is stored as a pointer to an immutable box. Its contents are
//!    written before the pointer is published, with a `Release` store matched by the
//!    `Acquire` load of the slot, so any thread that sees the pointer sees the whole box. A
//!    slice header is never half-updated: `append` builds a new header. So a racy load of a
//!    slice can pair the length of one header with the array of another only if both were
//!    whole headers, which cannot happen, and the invariant `off + cap <= array length` makes
//!    every bounds-checked index safe.
//! 5. On x86-64 `Acquire` loads and `Release` stores compile to plain moves, so this costs
//!    nothing there; on ARM64 they are `ldar`/`stlr`, the price of a formally sound
//!    publication.
//! 6. Maps are not one word: each map has a lock around its table, so racing writers are
//!    serialized rather than corrupting it.
//! 7. The collector runs only with the world stopped, so it never races with mutators.
//!
//! `tests/it/race.rs` drives the interpreter's own load and store paths on one object from
//! two OS threads.
//!
//! # Trust
//! The interpreter trusts the bytecode's types (the type checker proved them) but not its
//! structure: `verify` checks every index and register before a program runs.

pub mod chan;
pub mod disasm;
pub mod exec;
pub mod extend;
pub mod gc;
pub mod goroutine;
pub mod heap;
pub mod map;
pub mod native;
pub mod op;
pub mod ops;
pub mod panic;
pub mod program;
pub mod rt;
pub mod stack;
pub mod unwind;
pub mod value;
pub mod verify;
pub mod vm;

pub use exec::{Exit, WaitReason, run};
pub use goroutine::Goroutine;
pub use panic::{Panic, PanicKind};
pub use program::{Function, Program};
pub use value::Value;
pub use vm::{Config, Vm};
