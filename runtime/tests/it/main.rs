//! The runtime's integration tests: the scheduler, channels and select under real worker
//! threads, driven by `Script`, a closure-driven test task.

mod common;
mod deadlock;
mod procs;
mod sched;
mod select;
mod stress;
mod timers;
