//! The garbage collector: tracing, non-moving mark-sweep over the heap's object list.
//!
//! This module owns marking, sweeping and pacing. It does not decide when to stop the world
//! or where the roots are: `vm::Vm::collect` gathers the roots (goroutine registers,
//! globals, constants, pinned host values) and the scheduler stops the world.
//!
//! How a collection runs:
//! 1. Allocation notices `heap_alloc >= next_gc` and sets `Heap::gc_wanted`.
//! 2. The goroutine whose allocation crossed the target cuts its budget to one, so it returns
//!    `Exit::Yield` at its next safepoint: a call or a backward jump, the same checks that
//!    preemption uses. At a safepoint every live value is in a frame's register, a global,
//!    or the heap, never in a Rust local of the interpreter.
//! 3. The scheduler, seeing `Heap::wants_gc` after a yield, stops starting new run slices
//!    and waits for the running ones to end; each ends within its budget, so the world stops
//!    at safepoints within one budget. It then calls `Vm::collect` with every goroutine,
//!    which marks from the roots and sweeps. Nothing moves, so no register needs rewriting.
//! 4. The next target is `live * (1 + GOGC/100)` bytes, at least 4 MB, as in Go.
//!
//! Precision: heap objects are traced precisely through their type's `Layout`. Registers are
//! traced through the function's pointer-register bitmap, and because a register may hold a
//! stale or reused word, every word found anywhere is checked against the set of live object
//! addresses before it is followed. A non-pointer can therefore at worst keep garbage alive;
//! it can never make the collector read memory that is not an object.
//!
//! The root set (audit this list when a new place starts holding heap words):
//! - The globals object and every constant (`Vm::collect`).
//! - Pinned words (`Vm::pin`): host handles, and each armed timer's callback closure.
//! - Every unfinished goroutine (`Goroutine::mark_roots`): each frame's closure and the
//!   registers its function's pointer bitmap names (a blocked instruction re-runs, so the
//!   operands of a parked send or select are still in registers), deferred closures, the
//!   values of panics in progress, and the goroutines it spawned but has not handed over.
//!   The goroutines are the running one, every runtime task (runnable or parked), and the
//!   tasks waiting in `rt::run::collect_from_task`.
//!
//! The edges, by object kind (`Marker::trace`): `Words` by its type's `Layout` (a slice's
//! backing array, including the compiler's key snapshot of a range over a map, is laid out
//! by its element type: an array laid out as scalars is never traced), a slice's array, an
//! interface box's data when its dynamic type is a pointer, a closure's captures by its
//! function's capture bitmap, a map's keys and values by its key and value types, and a
//! host object through its own `trace` (channel buffers and values in flight live there).
//! Not roots: a finished goroutine's `results`; whoever reads them must do so before the
//! next collection or pin them.
//!
//! Rejected alternatives: reference counting (Go programs build cycles), a moving collector
//! (registers and native code hold raw addresses; pinning everything defeats the point), and
//! a concurrent collector (needs write barriers on every store; a later step, with the same
//! layouts).

use std::alloc::dealloc;
use std::collections::HashSet;
use std::sync::atomic::Ordering;

use crate::heap::object::{
    self, Header, HostObj, IfaceObj, Kind, MapObj, SliceObj, TY_CONSERVATIVE, TY_POINTERS,
    TY_SCALARS, layout_of,
};
use crate::heap::{Heap, MIN_HEAP};
use crate::program::Program;

/// Marks objects reachable from the words it is given.
pub struct Marker<'a> {
    live: HashSet<usize>,
    stack: Vec<*mut Header>,
    program: &'a Program,
}

impl Marker<'_> {
    /// Marks `word` and everything reachable from it, if it is the address of an object
    /// (a pointer to a field or element carries its index in its high bits: see
    /// `heap::pointer`; the object it points into is what stays alive).
    pub fn mark(&mut self, word: u64) {
        let word = crate::heap::pointer::object_bits(word);
        let Ok(addr) = usize::try_from(word) else {
            return;
        };
        if word == 0 || !self.live.contains(&addr) {
            return;
        }
        let obj = addr as *mut Header;
        // SAFETY: `obj` is on the heap's object list, so it is a live object.
        let header = unsafe { &*obj };
        if !header.mark.swap(true, Ordering::Relaxed) {
            self.stack.push(obj);
        }
    }

    fn drain(&mut self) {
        while let Some(obj) = self.stack.pop() {
            // SAFETY: only live objects are pushed, and the world is stopped.
            unsafe { self.trace(obj) };
        }
    }

    /// Marks the children of `obj`.
    ///
    /// # Safety
    /// `obj` must be a live object and the world must be stopped.
    unsafe fn trace(&mut self, obj: *mut Header) {
        // SAFETY: the caller guarantees `obj` is live; each kind's body is read through its
        // own layout.
        unsafe {
            let header = &*obj;
            match header.kind {
                Kind::Words => self.trace_words(obj),
                Kind::Bytes => {}
                Kind::Slice => self.mark((*obj.cast::<SliceObj>()).array as u64),
                Kind::Iface => {
                    let boxed = &*obj.cast::<IfaceObj>();
                    let is_ptr = self
                        .program
                        .types
                        .get(usize::from(boxed.ty))
                        .is_some_and(|t| t.is_pointer);
                    if is_ptr {
                        self.mark(boxed.data);
                    }
                }
                Kind::Closure => self.trace_closure(obj),
                Kind::Map => self.trace_map(obj),
                Kind::Host => {
                    let mut words = Vec::new();
                    (*obj.cast::<HostObj>()).value.trace(&mut |w| words.push(w));
                    for w in words {
                        self.mark(w);
                    }
                }
            }
        }
    }

    /// # Safety
    /// `obj` must be a live `Words` object.
    unsafe fn trace_words(&mut self, obj: *mut Header) {
        // SAFETY: forwarded from the caller.
        let (ty, words) = unsafe { ((*obj).ty, object::slots(obj)) };
        let layout = match ty {
            TY_SCALARS => return,
            TY_POINTERS | TY_CONSERVATIVE => None,
            t => self.program.types.get(t as usize).map(|desc| &desc.layout),
        };
        for (i, slot) in words.iter().enumerate() {
            if layout.is_none_or(|l| l.is_pointer(i)) {
                self.mark(slot.load(Ordering::Relaxed));
            }
        }
    }

    /// # Safety
    /// `obj` must be a live `Closure` object.
    unsafe fn trace_closure(&mut self, obj: *mut Header) {
        // SAFETY: forwarded from the caller.
        let (func, words) = unsafe { ((*obj).ty, object::captures(obj as u64)) };
        let program = self.program;
        let ptrs: &[bool] = program
            .functions
            .get(func as usize)
            .map_or(&[], |f| f.capture_ptrs.as_slice());
        for (i, &w) in words.iter().enumerate() {
            if ptrs.get(i).copied().unwrap_or(true) {
                self.mark(w);
            }
        }
    }

    /// # Safety
    /// `obj` must be a live `Map` object.
    unsafe fn trace_map(&mut self, obj: *mut Header) {
        // SAFETY: forwarded from the caller.
        let map = unsafe { &*obj.cast::<MapObj>() };
        let pairs: Vec<(u64, u64, bool, bool)> = {
            let table = map.table.lock();
            let (kp, vp) = (table.key_is_pointer, table.value_is_pointer);
            table.words().map(|(k, v)| (k, v, kp, vp)).collect()
        };
        for (k, v, kp, vp) in pairs {
            if kp {
                self.mark(k);
            }
            if vp {
                self.mark(v);
            }
        }
    }
}

/// Collects garbage: marks from the roots `roots` reports, frees every unmarked object and
/// sets the next target.
///
/// # Safety
/// The world must be stopped: no goroutine of this heap runs, and `roots` reports every word
/// any goroutine, global, constant or host handle holds.
pub unsafe fn collect(heap: &Heap, program: &Program, roots: impl FnOnce(&mut Marker)) {
    let mut live = HashSet::new();
    let mut cur = heap.head.load(Ordering::Acquire);
    while !cur.is_null() {
        live.insert(cur as usize);
        // SAFETY: every listed object is live until this sweep.
        cur = unsafe { (*cur).next.load(Ordering::Relaxed) };
    }
    let mut marker = Marker {
        live,
        stack: Vec::new(),
        program,
    };
    roots(&mut marker);
    marker.drain();
    // SAFETY: marking is complete and the world is stopped (the caller's contract).
    let survived = unsafe { sweep(heap) };
    heap.heap_alloc.store(survived, Ordering::Relaxed);
    heap.num_gc.fetch_add(1, Ordering::Relaxed);
    if let Some(ratio) = heap.gogc {
        let grow = survived.saturating_mul(ratio as usize) / 100;
        let target = survived.saturating_add(grow).max(MIN_HEAP);
        let target = target.min(heap.limit.load(Ordering::Relaxed));
        heap.next_gc.store(target, Ordering::Relaxed);
    }
    heap.gc_wanted.store(false, Ordering::Relaxed);
}

/// Frees unmarked objects, clears marks, and returns the bytes that survived.
///
/// # Safety
/// Marking must be complete and the world stopped.
unsafe fn sweep(heap: &Heap) -> usize {
    let mut survived = 0;
    let mut kept = 0;
    let mut prev: *mut Header = std::ptr::null_mut();
    let mut cur = heap.head.load(Ordering::Acquire);
    while !cur.is_null() {
        // SAFETY: `cur` is a listed object; the world is stopped so nobody else touches the
        // list or the object.
        unsafe {
            let next = (*cur).next.load(Ordering::Relaxed);
            if (*cur).mark.swap(false, Ordering::Relaxed) {
                survived += size_of_object(cur);
                kept += 1;
                prev = cur;
            } else {
                if prev.is_null() {
                    heap.head.store(next, Ordering::Relaxed);
                } else {
                    (*prev).next.store(next, Ordering::Relaxed);
                }
                free(cur);
            }
            cur = next;
        }
    }
    heap.objects.store(kept, Ordering::Relaxed);
    survived
}

/// # Safety
/// `obj` must be a live object.
unsafe fn size_of_object(obj: *mut Header) -> usize {
    // SAFETY: forwarded from the caller.
    let (kind, len) = unsafe { ((*obj).kind, (*obj).len) };
    layout_of(kind, len).map_or(0, |l| l.size())
}

/// Drops and deallocates one object.
///
/// # Safety
/// `obj` must be a live object that nothing will reach again.
unsafe fn free(obj: *mut Header) {
    // SAFETY: forwarded from the caller; the layout is the one `Heap::alloc_raw` used.
    unsafe {
        let (kind, len) = ((*obj).kind, (*obj).len);
        match kind {
            Kind::Map => {
                std::ptr::drop_in_place(std::ptr::addr_of_mut!((*obj.cast::<MapObj>()).table));
            }
            Kind::Host => {
                std::ptr::drop_in_place(std::ptr::addr_of_mut!((*obj.cast::<HostObj>()).value));
            }
            _ => {}
        }
        if let Some(layout) = layout_of(kind, len) {
            dealloc(obj.cast::<u8>(), layout);
        }
    }
}

/// Frees every object of a heap that is being dropped.
///
/// # Safety
/// Nothing may reach any object of `heap` again.
pub(crate) unsafe fn free_all(heap: &Heap) {
    let mut cur = heap.head.swap(std::ptr::null_mut(), Ordering::Acquire);
    while !cur.is_null() {
        // SAFETY: forwarded from the caller.
        unsafe {
            let next = (*cur).next.load(Ordering::Relaxed);
            free(cur);
            cur = next;
        }
    }
}
