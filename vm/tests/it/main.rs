//! The VM's integration tests: hand-assembled programs run through the public API.

mod asm;
mod calls;
mod chan;
mod gc;
mod heap;
mod panics;
mod race;
mod sched;
mod sched_gc;
mod sched_sync;
