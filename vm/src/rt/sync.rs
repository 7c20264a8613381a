//! The `sync` natives, which park goroutines: `Mutex`, `RWMutex`, `WaitGroup` and the
//! ticket-based notify list under `Cond` (`stdlib/decl/sync.go` declares them and builds
//! `Once`, `Cond.Wait`, `Pool` and `Map` on top in mini-Go).
//!
//! Owns: each primitive's state (in Rust, behind one lock per primitive) and the parking
//! through runtime semaphores. Does not own: the semaphore's hand-off (`minigo_runtime::Sema`).
//!
//! Invariants:
//! - A primitive's Go struct stores, in its last word, the id of its state here (0 until
//!   first use, so the zero value is ready to use, and a fresh object at a reused address
//!   gets fresh state); the table records which struct owns each id, so a copy of the
//!   struct gets state of its own. The state of a primitive the program dropped stays in
//!   the table: a known cost, one small entry per primitive ever used. (A `Mutex` keeps
//!   its lock bit in its first word, so only its contended path uses the table.)
//! - Every check-then-park happens under the primitive's lock, and every release that
//!   hands over ownership (the semaphores' hand-off) happens under it too, so a waiter
//!   registers before any release can look for it.
//! - A parked acquirer of an `RWMutex` or of a starving `Mutex` is handed ownership by its
//!   releaser: when its native re-runs and the acquisition completes, it already holds the
//!   lock. A `Mutex` in normal mode only wakes its waiter, which competes again
//!   (`sync/mutex.rs` has the two modes).

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::Poll;

use minigo_runtime::Sema;
use parking_lot::Mutex;

mod mutex;
mod waitgroup;

use super::current::{self, RunState};
use crate::exec::WaitReason;
use crate::heap::object::{self, Header};
use crate::native::{NativeCtx, NativeFn, NativeOutcome};
use crate::panic::PanicKind;

/// The state of one primitive; which fields are used depends on its kind.
#[derive(Default)]
struct Prim {
    state: Mutex<PrimState>,
}

#[derive(Default)]
struct PrimState {
    /// Mutex: held. RWMutex: held by a writer.
    locked: bool,
    /// Mutex: the modes and wait times of `mutex::MutexModes`.
    modes: mutex::MutexModes,
    /// RWMutex: readers holding it.
    count: i64,
    /// Mutex, RWMutex writers, WaitGroup waiters.
    waiters: Option<Sema>,
    /// RWMutex readers.
    readers: Option<Sema>,
    /// Notify list: the next ticket to hand out and the next to notify.
    next_ticket: u32,
    next_notify: u32,
    /// Notify list: parked waiters by ticket.
    tickets: Vec<(u32, Sema)>,
}

impl PrimState {
    fn waiters(&mut self) -> &Sema {
        self.waiters.get_or_insert_with(|| Sema::new(0))
    }

    fn readers(&mut self) -> &Sema {
        self.readers.get_or_insert_with(|| Sema::new(0))
    }
}

/// Every primitive's state, by the id stored in its Go struct, with the address of the
/// struct that owns it.
#[derive(Default)]
pub(crate) struct SyncTable {
    prims: Mutex<HashMap<u64, (u64, Arc<Prim>)>>,
    next_id: AtomicU64,
}

impl SyncTable {
    /// The state of the primitive whose Go struct is `obj`, created on first use.
    ///
    /// A struct copied by value (Go allows it; `go vet` warns) carries the original's id,
    /// but it is a primitive of its own: the first use of the copy gives it a fresh id and
    /// a copy of the original's counters, as copying Go's state words would, and no
    /// waiters.
    fn prim(&self, obj: u64) -> Option<Arc<Prim>> {
        let header = obj as *const Header;
        // SAFETY: natives receive a non-nil pointer to the primitive's live struct object
        // (checked non-nil below), whose words are atomics.
        let slots = unsafe { (obj != 0).then(|| object::slots(header))? };
        let slot = slots.last()?;
        let mut prims = self.prims.lock();
        let id = slot.load(Ordering::Acquire);
        match prims.get(&id) {
            Some((owner, prim)) if *owner == obj => return Some(Arc::clone(prim)),
            _ => {}
        }
        let copied = prims.get(&id).map(|(_, prim)| prim.copy_counters());
        let fresh = self.next_id.fetch_add(1, Ordering::Relaxed) + 1;
        // Under the table's lock nobody else assigns this struct an id, so a plain store
        // is enough.
        slot.store(fresh, Ordering::Release);
        let prim = Arc::new(copied.unwrap_or_default());
        prims.insert(fresh, (obj, Arc::clone(&prim)));
        Some(prim)
    }
}

impl Prim {
    /// A primitive with this one's counters and no waiters: what a copy of its Go struct
    /// holds.
    fn copy_counters(&self) -> Prim {
        let st = self.state.lock();
        Prim {
            state: Mutex::new(PrimState {
                locked: st.locked,
                count: st.count,
                next_ticket: st.next_ticket,
                next_notify: st.next_notify,
                ..PrimState::default()
            }),
        }
    }
}

/// The `sync` natives, by the names the compiler gives them.
pub(crate) fn sync_natives() -> Vec<NativeFn> {
    vec![
        NativeFn::new("sync.mutexLock", 1, 0, |c, a| {
            if mutex::fast_lock(a) {
                return NativeOutcome::Return;
            }
            blocking_with(c, a, mutex::lock, mutex::relock)
        }),
        NativeFn::new("sync.mutexTryLock", 1, 1, |c, a| {
            if mutex::fast_lock(a) {
                return ret_bool(a, true);
            }
            quick(c, a, mutex::try_lock)
        }),
        NativeFn::new("sync.mutexUnlock", 1, 0, |c, a| {
            if mutex::fast_unlock(a) {
                return NativeOutcome::Return;
            }
            quick(c, a, mutex::unlock)
        }),
        NativeFn::new("sync.rwLock", 1, 0, |c, a| blocking(c, a, rw_lock)),
        NativeFn::new("sync.rwTryLock", 1, 1, |c, a| quick(c, a, rw_try_lock)),
        NativeFn::new("sync.rwUnlock", 1, 0, |c, a| quick(c, a, rw_unlock)),
        NativeFn::new("sync.rwRLock", 1, 0, |c, a| blocking(c, a, rw_rlock)),
        NativeFn::new("sync.rwTryRLock", 1, 1, |c, a| quick(c, a, rw_try_rlock)),
        NativeFn::new("sync.rwRUnlock", 1, 0, |c, a| quick(c, a, rw_runlock)),
        NativeFn::new("sync.waitGroupAdd", 2, 0, |c, a| {
            if waitgroup::fast_add(a) {
                return NativeOutcome::Return;
            }
            quick(c, a, waitgroup::add)
        }),
        NativeFn::new("sync.waitGroupWait", 1, 0, |c, a| {
            blocking(c, a, waitgroup::wait)
        }),
        NativeFn::new("sync.notifyListAdd", 1, 1, |c, a| quick(c, a, notify_add)),
        NativeFn::new("sync.notifyListWait", 2, 0, |c, a| {
            blocking(c, a, notify_wait)
        }),
        NativeFn::new("sync.notifyListNotifyOne", 1, 0, |c, a| {
            quick(c, a, |p, _| notify(p, false))
        }),
        NativeFn::new("sync.notifyListNotifyAll", 1, 0, |c, a| {
            quick(c, a, |p, _| notify(p, true))
        }),
        NativeFn::new("sync.gcCount", 0, 1, |c, a| {
            // Only a change of the count matters to `Pool`, so wrapping is harmless.
            let n = c.vm.heap.stats().num_gc;
            if let Some(slot) = a.first_mut() {
                *slot = u64::from(n);
            }
            NativeOutcome::Return
        }),
    ]
}

/// What a non-blocking operation does: reads its arguments, writes its results.
type Quick = fn(&Prim, &mut [u64]) -> NativeOutcome;

/// What a blocking operation does on its first call (it may register on a semaphore).
type Blocking = fn(&Prim, &mut [u64], &mut RunState<'_>) -> NativeOutcome;

fn needs_scheduler() -> NativeOutcome {
    NativeOutcome::Panic(PanicKind::Runtime(
        "sync: blocking needs the goroutine scheduler".into(),
    ))
}

fn quick(ctx: &mut NativeCtx<'_>, args: &mut [u64], op: Quick) -> NativeOutcome {
    let obj = args.first().copied().unwrap_or(0);
    let prim = current::with_run(|run| run.sched.sync.prim(obj)).flatten();
    match prim {
        Some(prim) => op(&prim, args),
        None if obj == 0 => NativeOutcome::Panic(PanicKind::NilDeref),
        None => {
            let _ = ctx;
            needs_scheduler()
        }
    }
}

/// Runs a blocking operation whose wake-up is a hand-off: its first call, or the re-run
/// that collects the hand-off and returns.
fn blocking(ctx: &mut NativeCtx<'_>, args: &mut [u64], op: Blocking) -> NativeOutcome {
    blocking_with(ctx, args, op, |_, _, _| NativeOutcome::Return)
}

/// Runs a blocking operation: its first call (`op`), or the re-run after the wake-up, which
/// collects the semaphore's permit and then does what `woken` says (return, or compete
/// again and maybe park again).
fn blocking_with(
    ctx: &mut NativeCtx<'_>,
    args: &mut [u64],
    op: Blocking,
    woken: Blocking,
) -> NativeOutcome {
    let obj = args.first().copied().unwrap_or(0);
    let res = current::with_run_of(ctx.goroutine, |run| {
        let prim = run.sched.sync.prim(obj)?;
        if run.blocked.sema_op.is_pending() {
            // The re-run after a wake-up: the semaphore the waiter registered on does not
            // matter for collecting, only the pending record does.
            return match Sema::new(0).acquire(&mut run.blocked.sema_op, run.waker) {
                Poll::Ready(()) => Some(woken(&prim, args, run)),
                Poll::Pending => Some(NativeOutcome::Park(WaitReason::Native(
                    run.blocked.sema_reason,
                ))),
            };
        }
        Some(op(&prim, args, run))
    });
    match res {
        Some(Some(out)) => out,
        Some(None) if obj == 0 => NativeOutcome::Panic(PanicKind::NilDeref),
        _ => needs_scheduler(),
    }
}

/// The first word of the Go struct `obj` points to: the lock word of a `Mutex`, the state
/// word of a `WaitGroup`; `None` for nil.
fn first_word<'a>(obj: u64) -> Option<&'a AtomicU64> {
    if obj == 0 {
        return None;
    }
    // SAFETY: a non-nil primitive argument is a live struct object whose words are atomics
    // (the natives' arguments are typed by the declarations), and no collection runs while a
    // native does.
    unsafe { object::slots(obj as *const Header).first() }
}

/// Registers the running goroutine on `sema` and parks it with `reason`.
fn park_on(sema: &Sema, run: &mut RunState<'_>, reason: &'static str) -> NativeOutcome {
    run.blocked.sema_reason = reason;
    match sema.acquire(&mut run.blocked.sema_op, run.waker) {
        Poll::Ready(()) => NativeOutcome::Return,
        Poll::Pending => NativeOutcome::Park(WaitReason::Native(reason)),
    }
}

fn fatal(message: &str) -> NativeOutcome {
    NativeOutcome::Panic(PanicKind::Fatal(message.into()))
}

fn ret_bool(args: &mut [u64], b: bool) -> NativeOutcome {
    if let Some(slot) = args.first_mut() {
        *slot = u64::from(b);
    }
    NativeOutcome::Return
}

fn rw_lock(prim: &Prim, _args: &mut [u64], run: &mut RunState<'_>) -> NativeOutcome {
    let mut st = prim.state.lock();
    if !st.locked && st.count == 0 {
        st.locked = true;
        return NativeOutcome::Return;
    }
    park_on(st.waiters(), run, "sync.RWMutex.Lock")
}

fn rw_try_lock(prim: &Prim, args: &mut [u64]) -> NativeOutcome {
    let mut st = prim.state.lock();
    let free = !st.locked && st.count == 0;
    if free {
        st.locked = true;
    }
    ret_bool(args, free)
}

fn rw_unlock(prim: &Prim, _args: &mut [u64]) -> NativeOutcome {
    let mut st = prim.state.lock();
    if !st.locked {
        return fatal("sync: Unlock of unlocked RWMutex");
    }
    st.locked = false;
    let readers = st.readers().waiting();
    if readers > 0 {
        // Waiting readers go first, as in Go, so writers cannot starve them.
        st.count += readers as i64;
        (0..readers).for_each(|_| st.readers().release());
    } else if st.waiters().waiting() > 0 {
        st.locked = true;
        st.waiters().release();
    }
    NativeOutcome::Return
}

fn rw_rlock(prim: &Prim, _args: &mut [u64], run: &mut RunState<'_>) -> NativeOutcome {
    let mut st = prim.state.lock();
    // A waiting writer keeps new readers out.
    if !st.locked && st.waiters().waiting() == 0 {
        st.count += 1;
        return NativeOutcome::Return;
    }
    park_on(st.readers(), run, "sync.RWMutex.RLock")
}

fn rw_try_rlock(prim: &Prim, args: &mut [u64]) -> NativeOutcome {
    let mut st = prim.state.lock();
    let free = !st.locked && st.waiters().waiting() == 0;
    if free {
        st.count += 1;
    }
    ret_bool(args, free)
}

fn rw_runlock(prim: &Prim, _args: &mut [u64]) -> NativeOutcome {
    let mut st = prim.state.lock();
    if st.count <= 0 {
        return fatal("sync: RUnlock of unlocked RWMutex");
    }
    st.count -= 1;
    if st.count == 0 && st.waiters().waiting() > 0 {
        st.locked = true;
        st.waiters().release();
    }
    NativeOutcome::Return
}

fn notify_add(prim: &Prim, args: &mut [u64]) -> NativeOutcome {
    let mut st = prim.state.lock();
    let ticket = st.next_ticket;
    st.next_ticket = ticket.wrapping_add(1);
    if let Some(slot) = args.first_mut() {
        *slot = u64::from(ticket);
    }
    NativeOutcome::Return
}

fn notify_wait(prim: &Prim, args: &mut [u64], run: &mut RunState<'_>) -> NativeOutcome {
    let ticket = args.get(1).copied().unwrap_or(0) as u32;
    let mut st = prim.state.lock();
    // Tickets are compared as Go does, modulo wrap-around.
    if (ticket.wrapping_sub(st.next_notify) as i32) < 0 {
        return NativeOutcome::Return;
    }
    let sema = Sema::new(0);
    let out = park_on(&sema, run, "sync.Cond.Wait");
    st.tickets.push((ticket, sema));
    out
}

fn notify(prim: &Prim, all: bool) -> NativeOutcome {
    let mut st = prim.state.lock();
    if st.next_notify == st.next_ticket {
        return NativeOutcome::Return;
    }
    if all {
        st.next_notify = st.next_ticket;
        st.tickets.drain(..).for_each(|(_, sema)| sema.release());
        return NativeOutcome::Return;
    }
    let ticket = st.next_notify;
    st.next_notify = ticket.wrapping_add(1);
    if let Some(pos) = st.tickets.iter().position(|(t, _)| *t == ticket) {
        st.tickets.swap_remove(pos).1.release();
    }
    NativeOutcome::Return
}
