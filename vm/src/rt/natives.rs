//! The natives that need the scheduler: `time.Sleep`, the timer natives behind
//! `time.After`, `Tick`, `NewTimer`, `NewTicker`, `AfterFunc` and their `Stop`/`Reset`
//! (`time.startTimer`, `time.stopTimer`, `time.resetTimer`), and `runtime.Gosched`,
//! `runtime.NumGoroutine`, `runtime.GOMAXPROCS` and `runtime.GC`.
//!
//! Owns: [`scheduler_natives`] and the timers' bookkeeping ([`TimerEntry`]). Does not own:
//! the timer heap and thread (the runtime's), nor the Go-side types (`stdlib/decl/time.go`
//! lays out `Timer` and `Ticker` around a handle from `startTimer`).
//!
//! Invariants:
//! - A timer's channel is pinned while the timer is armed, and its callback function for
//!   the timer's whole life (`AfterFunc`'s `Reset` may re-arm it after it fired, and no Go
//!   value holds the function), so neither is freed while the timer thread may use it.
//! - The timer thread allocates (the `Time` it sends) and spawns (`AfterFunc`) only while
//!   holding the collector's gate for reading, so no collection sweeps meanwhile.
//! - Outside the scheduler (no run on this thread) the natives fall back to what one
//!   goroutine on one thread can do: `Sleep` sleeps the thread, timers panic.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use parking_lot::Mutex;

use super::chans::chan_obj;
use super::current::{self, RunState};
use super::run::Sched;
use super::{GoTask, Gosched};
use crate::exec::WaitReason;
use crate::goroutine::Goroutine;
use crate::heap::object::{self, TY_SCALARS};
use crate::native::{NativeCtx, NativeFn, NativeOutcome};
use crate::panic::PanicKind;
use crate::vm::Vm;

/// Go's wait reason for `time.Sleep`.
const SLEEP: WaitReason = WaitReason::Native("sleep");

/// Seconds from January 1, year 1 to the Unix epoch (`time.unixToInternal`).
const UNIX_TO_INTERNAL: i64 = 719_162 * 86_400;

/// A started timer, by its handle.
pub(crate) struct TimerEntry {
    pub(crate) timer: minigo_runtime::Timer,
    state: Arc<TimerState>,
}

/// What a timer's action and its stop/reset share.
struct TimerState {
    vm: Arc<Vm>,
    /// The channel it sends the time on, or 0.
    chan: u64,
    /// Whether `chan` is pinned (exactly while the timer is armed).
    chan_pinned: Mutex<bool>,
    /// Whether it fires repeatedly (a ticker).
    periodic: Mutex<bool>,
}

impl TimerState {
    fn set_armed(&self, armed: bool) {
        let mut pinned = self.chan_pinned.lock();
        if self.chan != 0 && *pinned != armed {
            if armed {
                self.vm.pin(self.chan);
            } else {
                self.vm.unpin(self.chan);
            }
            *pinned = armed;
        }
    }
}

/// The natives that need the scheduler (this module's and the `sync` ones), to be linked with the standard ones (they replace the
/// single-threaded fallbacks of the same names).
pub fn scheduler_natives() -> Vec<NativeFn> {
    let mut natives = vec![
        NativeFn::new("time.Sleep", 1, 0, sleep),
        NativeFn::new("time.startTimer", 4, 1, start_timer),
        NativeFn::new("time.stopTimer", 1, 1, stop_timer),
        NativeFn::new("time.resetTimer", 3, 1, reset_timer),
        NativeFn::new("runtime.Gosched", 0, 0, gosched),
        NativeFn::new("runtime.GC", 0, 0, gc),
        NativeFn::new("runtime.NumGoroutine", 0, 1, num_goroutine),
        NativeFn::new("runtime.GOMAXPROCS", 1, 1, gomaxprocs),
    ];
    natives.extend(super::sync::sync_natives());
    natives
}

fn arg(args: &[u64], i: usize) -> u64 {
    args.get(i).copied().unwrap_or(0)
}

fn ret(args: &mut [u64], i: usize, v: u64) {
    if let Some(slot) = args.get_mut(i) {
        *slot = v;
    }
}

fn nanos(d: u64) -> Duration {
    Duration::from_nanos(d.cast_signed().max(0).cast_unsigned())
}

/// `time.Sleep(d)`: parks on a runtime timer; the re-run after the wake-up returns.
fn sleep(ctx: &mut NativeCtx<'_>, args: &mut [u64]) -> NativeOutcome {
    let d = arg(args, 0).cast_signed();
    let parked = current::with_run_of(ctx.goroutine, |run| {
        if let Some(pending) = &run.blocked.sleep {
            if !pending.is_elapsed() {
                return NativeOutcome::Park(SLEEP);
            }
            run.blocked.sleep = None;
            return NativeOutcome::Return;
        }
        if d <= 0 {
            return NativeOutcome::Return;
        }
        let Some(handle) = run.sched.handle() else {
            return NativeOutcome::Return;
        };
        run.blocked.sleep = Some(handle.timers().sleep(nanos(d.cast_unsigned()), run.waker));
        NativeOutcome::Park(SLEEP)
    });
    parked.unwrap_or_else(|| {
        if d > 0 {
            std::thread::sleep(nanos(d.cast_unsigned()));
        }
        NativeOutcome::Return
    })
}

/// `runtime.Gosched()`: ends the run with a yield, then returns when run again.
fn gosched(ctx: &mut NativeCtx<'_>, _args: &mut [u64]) -> NativeOutcome {
    let res = current::with_run_of(ctx.goroutine, |run| match run.blocked.gosched {
        Gosched::Yielded => {
            run.blocked.gosched = Gosched::Idle;
            NativeOutcome::Return
        }
        Gosched::Idle | Gosched::Requested => {
            run.blocked.gosched = Gosched::Requested;
            NativeOutcome::Park(WaitReason::Native("runnable"))
        }
    });
    res.unwrap_or(NativeOutcome::Return)
}

/// `runtime.GC()`: asks for a collection and yields so the scheduler runs it.
fn gc(ctx: &mut NativeCtx<'_>, args: &mut [u64]) -> NativeOutcome {
    let first = current::with_run_of(ctx.goroutine, |run| run.blocked.gosched == Gosched::Idle);
    if first == Some(true) {
        ctx.vm
            .heap
            .gc_wanted
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }
    gosched(ctx, args)
}

fn num_goroutine(ctx: &mut NativeCtx<'_>, args: &mut [u64]) -> NativeOutcome {
    let n = current::with_run(|run| run.sched.handle().map(|h| h.num_tasks()))
        .flatten()
        .unwrap_or(1);
    ret(args, 0, n as u64);
    let _ = ctx;
    NativeOutcome::Return
}

/// `runtime.GOMAXPROCS(n)`: returns the previous limit and, when `n > 0`, makes the
/// runtime run on `n` workers from now on (starting, waking or retiring worker threads).
fn gomaxprocs(_ctx: &mut NativeCtx<'_>, args: &mut [u64]) -> NativeOutcome {
    let set = arg(args, 0).cast_signed();
    let n = current::with_run(|run| {
        let Some(handle) = run.sched.handle() else {
            return run.sched.workers.load(std::sync::atomic::Ordering::Relaxed);
        };
        match usize::try_from(set) {
            Ok(new) if new > 0 => handle.set_workers(new),
            _ => handle.workers(),
        }
    })
    .unwrap_or(1);
    ret(args, 0, n as u64);
    NativeOutcome::Return
}

/// `time.startTimer(c, f, delay, period) int64`.
fn start_timer(ctx: &mut NativeCtx<'_>, args: &mut [u64]) -> NativeOutcome {
    let (chan, func) = (arg(args, 0), arg(args, 1));
    let (delay, period) = (arg(args, 2), arg(args, 3).cast_signed());
    let vm = Arc::clone(ctx.vm);
    let started = current::with_run(|run: &mut RunState<'_>| {
        let handle = run.sched.handle()?;
        let state = Arc::new(TimerState {
            vm: Arc::clone(&vm),
            chan,
            chan_pinned: Mutex::new(false),
            periodic: Mutex::new(period > 0),
        });
        state.set_armed(true);
        if func != 0 {
            vm.pin(func);
        }
        let action = FireAction {
            state: Arc::clone(&state),
            func,
            sched: Arc::clone(run.sched),
        };
        let period = (period > 0).then(|| nanos(period.cast_unsigned()));
        let timer = handle.timers().start(nanos(delay), period, action);
        let id = run.sched.next_timer_id();
        run.sched
            .timers
            .lock()
            .insert(id, TimerEntry { timer, state });
        Some(id)
    });
    match started.flatten() {
        Some(id) => {
            ret(args, 0, id.cast_unsigned());
            NativeOutcome::Return
        }
        None => NativeOutcome::Panic(PanicKind::Runtime(
            "time: timers need the goroutine scheduler".into(),
        )),
    }
}

/// What a timer does: fire on the timer thread, and drain its channel when stopped or
/// reset (Go 1.23: no stale value is received after `Stop` or `Reset` returns).
struct FireAction {
    state: Arc<TimerState>,
    func: u64,
    sched: Arc<Sched>,
}

impl minigo_runtime::TimerAction for FireAction {
    fn fire(&mut self, _now: Duration) {
        let _reading = self.sched.gc_gate.read();
        if self.state.chan != 0 {
            send_time(&self.state.vm, self.state.chan);
        }
        if self.func != 0 {
            spawn_func(&self.state.vm, self.func, &self.sched);
        }
        if !*self.state.periodic.lock() {
            self.state.set_armed(false);
        }
    }

    fn cancel(&mut self) {
        let Some(obj) = chan_obj(self.state.chan) else {
            return;
        };
        while let minigo_runtime::TryRecv::Value(v) = obj.chan().try_recv() {
            obj.release(v);
        }
    }
}

/// Sends the current time on a timer's channel without blocking (a full channel drops it).
fn send_time(vm: &Vm, chan: u64) {
    let Some(obj) = chan_obj(chan) else { return };
    let wall = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let ty = vm
        .program
        .types
        .iter()
        .position(|t| t.name == "time.Time")
        .and_then(|i| u32::try_from(i).ok())
        .unwrap_or(TY_SCALARS);
    let time = vm.heap.alloc_words(ty, 3);
    let sec = wall.as_secs().cast_signed() + UNIX_TO_INTERNAL;
    // SAFETY: `time` is a fresh three-word object not yet shared.
    unsafe {
        object::store_slot(time, 0, sec.cast_unsigned());
        object::store_slot(time, 1, u64::from(wall.subsec_nanos()));
    }
    let word = time as u64;
    obj.hold(word);
    if obj.chan().try_send(word).is_err() {
        obj.release(word);
    }
}

/// Starts `func` in a new goroutine (`AfterFunc`).
fn spawn_func(vm: &Arc<Vm>, func: u64, sched: &Arc<Sched>) {
    let Some(handle) = sched.handle() else { return };
    // SAFETY: `func` is pinned for the timer's life, so it is a live closure.
    if let Ok(g) = unsafe { Goroutine::with_closure(vm, func) } {
        handle.spawn(GoTask::new(g, sched));
    }
}

fn timer_entry<R>(ctx: &NativeCtx<'_>, id: u64, f: impl FnOnce(&TimerEntry) -> R) -> Option<R> {
    let _ = ctx;
    current::with_run(|run| {
        let timers = run.sched.timers.lock();
        timers.get(&id.cast_signed()).map(f)
    })
    .flatten()
}

/// `time.stopTimer(id) bool`.
fn stop_timer(ctx: &mut NativeCtx<'_>, args: &mut [u64]) -> NativeOutcome {
    let stopped = timer_entry(ctx, arg(args, 0), |entry| {
        // After `stop` returns no firing is in progress, so the pin follows the final state.
        let was_armed = entry.timer.stop();
        entry.state.set_armed(false);
        was_armed
    });
    ret(args, 0, u64::from(stopped.unwrap_or(false)));
    NativeOutcome::Return
}

/// `time.resetTimer(id, delay, period) bool`.
fn reset_timer(ctx: &mut NativeCtx<'_>, args: &mut [u64]) -> NativeOutcome {
    let (delay, period) = (nanos(arg(args, 1)), arg(args, 2).cast_signed());
    let was_armed = timer_entry(ctx, arg(args, 0), |entry| {
        *entry.state.periodic.lock() = period > 0;
        let period = (period > 0).then(|| nanos(period.cast_unsigned()));
        let was_armed = entry.timer.reset(delay, period);
        entry.state.set_armed(true);
        was_armed
    });
    ret(args, 0, u64::from(was_armed.unwrap_or(false)));
    NativeOutcome::Return
}
