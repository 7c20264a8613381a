//! Stopping the world for the VM's collector: a request flag that workers poll at safepoints
//! (between task runs and while searching for work), a count of workers still running, and
//! the guard that visits every task as a GC root while the world is stopped.
//!
//! Owns: the request/stop/resume handshake. Does not own: what the collector does, nor the
//! timer thread and host threads, which are not stopped (they never touch task bodies; a
//! collector must treat values in flight through channels and timers as roots it finds
//! through the tasks or channels that own them).
//!
//! Invariants:
//! - `running` counts workers that may be inside a task's `run`; sleeping, stopped and exited
//!   workers are not counted. The world is stopped when `running` is 0, or 1 when the
//!   requester is itself a worker (it is then inside its own task, which it reports itself).
//! - At most one stop is in force. A worker that requests a stop while another is in force
//!   first stops like any other worker, then retries; it never waits while counted as running,
//!   so two concurrent requesters cannot wait on each other.

use crate::loom::{AtomicBool, Condvar, Mutex, MutexGuard, Ordering};

#[derive(Debug)]
struct StwState {
    requested: bool,
    running: usize,
}

/// The stop-the-world handshake shared by the workers.
#[derive(Debug)]
pub(crate) struct Stw {
    requested: AtomicBool,
    state: Mutex<StwState>,
    cv: Condvar,
}

impl Stw {
    pub(crate) fn new(workers: usize) -> Self {
        Self {
            requested: AtomicBool::new(false),
            state: Mutex::new(StwState {
                requested: false,
                running: workers,
            }),
            cv: Condvar::new(),
        }
    }

    /// Called by a worker between task runs: stops here while a stop is in force.
    pub(crate) fn safepoint(&self) {
        if self.requested.load(Ordering::Acquire) {
            let state = self.state.lock();
            drop(self.wait_out(state));
        }
    }

    /// Counts the calling worker as stopped until the stop in force ends.
    fn wait_out<'a>(&'a self, mut state: MutexGuard<'a, StwState>) -> MutexGuard<'a, StwState> {
        if !state.requested {
            return state;
        }
        state.running -= 1;
        self.cv.notify_all();
        while state.requested {
            state = self.cv.wait(state);
        }
        state.running += 1;
        state
    }

    /// A worker stops running tasks (going to sleep or exiting).
    pub(crate) fn leave(&self) {
        let mut state = self.state.lock();
        state.running -= 1;
        self.cv.notify_all();
    }

    /// A worker comes back from sleep; it waits while a stop is in force.
    pub(crate) fn rejoin(&self) {
        let mut state = self.state.lock();
        while state.requested {
            state = self.cv.wait(state);
        }
        state.running += 1;
    }

    /// Stops every worker; `from_worker` says the caller is a worker inside a task.
    pub(crate) fn stop(&self, from_worker: bool) {
        let mut state = self.state.lock();
        while state.requested {
            state = if from_worker {
                self.wait_out(state)
            } else {
                self.cv.wait(state)
            };
        }
        state.requested = true;
        self.requested.store(true, Ordering::Release);
        let target = usize::from(from_worker);
        while state.running > target {
            state = self.cv.wait(state);
        }
    }

    /// Ends the stop in force.
    pub(crate) fn resume(&self) {
        let mut state = self.state.lock();
        state.requested = false;
        self.requested.store(false, Ordering::Release);
        self.cv.notify_all();
    }
}

#[cfg(all(test, not(loom)))]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    use super::Stw;

    #[test]
    fn stop_waits_for_running_workers_then_resumes_them() {
        let stw = Arc::new(Stw::new(1));
        let quit = Arc::new(AtomicBool::new(false));
        let worker = {
            let (stw, quit) = (Arc::clone(&stw), Arc::clone(&quit));
            std::thread::spawn(move || {
                while !quit.load(Ordering::SeqCst) {
                    stw.safepoint();
                    std::thread::yield_now();
                }
                stw.leave();
            })
        };
        stw.stop(false);
        assert_eq!(
            stw.state.lock().running,
            0,
            "the worker is parked at its safepoint"
        );
        stw.resume();
        quit.store(true, Ordering::SeqCst);
        worker.join().expect("worker thread");
        assert_eq!(stw.state.lock().running, 0);
    }
}
