//! The heap: allocation of every kind of object, the list of all objects the collector sweeps,
//! memory statistics and the growth trigger that asks for a collection.
//!
//! This module owns allocation and bookkeeping. Object layouts and slot access are
//! `heap::object`; marking and sweeping are `gc`.
//!
//! Invariants:
//! - Every object ever allocated and not yet freed is on the list that starts at `head`.
//!   Allocation pushes with a compare-and-swap, so goroutines on several OS threads may
//!   allocate at once; only the collector, with the world stopped, unlinks objects.
//! - `heap_alloc` counts the bytes of listed objects; `next_gc` is the `heap_alloc` at which
//!   the next collection is requested (Go's GOGC pacing: live bytes after a collection times
//!   `1 + GOGC/100`, at least `MIN_HEAP`).

pub mod object;
pub mod pointer;

use std::alloc::{alloc_zeroed, handle_alloc_error};
use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicU64, AtomicUsize, Ordering};

use crate::map::MapTable;
use object::{Header, HostObj, HostObject, IfaceObj, Kind, MapObj, SliceObj, layout_of};

/// The smallest heap size at which a collection is requested (Go uses 4 MB).
pub(crate) const MIN_HEAP: usize = 4 << 20;

/// Memory statistics, the subset of Go's `runtime.MemStats` minigo reports.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MemStats {
    /// Bytes of allocated heap objects, reachable or not yet collected.
    pub heap_alloc: u64,
    /// Cumulative bytes allocated (never decreases).
    pub total_alloc: u64,
    /// Completed collections.
    pub num_gc: u32,
    /// Bytes obtained from the system: the peak of `heap_alloc`.
    pub sys: u64,
    /// Objects currently allocated.
    pub objects: u64,
}

/// The shared heap of one VM.
pub struct Heap {
    pub(crate) head: AtomicPtr<Header>,
    pub(crate) heap_alloc: AtomicUsize,
    pub(crate) objects: AtomicUsize,
    pub(crate) total_alloc: AtomicU64,
    pub(crate) sys: AtomicUsize,
    pub(crate) num_gc: AtomicUsize,
    pub(crate) next_gc: AtomicUsize,
    /// Set when `heap_alloc` passed `next_gc`; cleared by a collection. Goroutines poll it at
    /// their safepoints.
    pub(crate) gc_wanted: AtomicBool,
    /// `None` when collection is off (`GOGC=off`).
    pub(crate) gogc: Option<u32>,
    /// The embedder's heap limit: `next_gc` never exceeds it, so a heap growing past it is
    /// collected at the next safepoint (`usize::MAX`: no limit).
    pub(crate) limit: AtomicUsize,
}

// SAFETY: all mutable state is atomic; the raw pointers on the object list are only
// dereferenced by allocation (its own new object) and by the collector, which runs with the
// world stopped.
unsafe impl Send for Heap {}
// SAFETY: as above.
unsafe impl Sync for Heap {}

impl Default for Heap {
    fn default() -> Heap {
        Heap::new(gogc_from_env())
    }
}

/// Reads `GOGC` from the environment: a percentage, or `off`. Defaults to 100.
pub fn gogc_from_env() -> Option<u32> {
    parse_gogc(std::env::var("GOGC").ok().as_deref())
}

fn parse_gogc(value: Option<&str>) -> Option<u32> {
    match value.map(str::trim) {
        Some("off") => None,
        Some(v) => match v.parse::<i64>() {
            Ok(n) if n < 0 => None,
            Ok(n) => Some(u32::try_from(n).unwrap_or(u32::MAX)),
            Err(_) => Some(100),
        },
        None => Some(100),
    }
}

impl Heap {
    /// An empty heap with the given GOGC ratio (`None`: never collect on its own).
    pub fn new(gogc: Option<u32>) -> Heap {
        Heap {
            head: AtomicPtr::new(std::ptr::null_mut()),
            heap_alloc: AtomicUsize::new(0),
            objects: AtomicUsize::new(0),
            total_alloc: AtomicU64::new(0),
            sys: AtomicUsize::new(0),
            num_gc: AtomicUsize::new(0),
            next_gc: AtomicUsize::new(MIN_HEAP),
            gc_wanted: AtomicBool::new(false),
            gogc,
            limit: AtomicUsize::new(usize::MAX),
        }
    }

    /// Sets the heap limit (`None`: none): a collection is requested whenever the heap
    /// reaches it, and the scheduler ends a run whose live heap stays above it.
    pub fn set_limit(&self, bytes: Option<usize>) {
        let limit = bytes.unwrap_or(usize::MAX);
        self.limit.store(limit, Ordering::Relaxed);
        self.next_gc.fetch_min(limit, Ordering::Relaxed);
    }

    /// The bytes of allocated objects, reachable or not yet collected (`heap_alloc`).
    pub fn live_bytes(&self) -> usize {
        self.heap_alloc.load(Ordering::Relaxed)
    }

    /// Whether the heap grew past its target, so goroutines should stop at their next
    /// safepoint for a collection.
    #[inline(always)]
    pub fn wants_gc(&self) -> bool {
        self.gc_wanted.load(Ordering::Relaxed)
    }

    /// Current statistics.
    pub fn stats(&self) -> MemStats {
        MemStats {
            heap_alloc: self.heap_alloc.load(Ordering::Relaxed) as u64,
            total_alloc: self.total_alloc.load(Ordering::Relaxed),
            num_gc: u32::try_from(self.num_gc.load(Ordering::Relaxed)).unwrap_or(u32::MAX),
            sys: self.sys.load(Ordering::Relaxed) as u64,
            objects: self.objects.load(Ordering::Relaxed) as u64,
        }
    }

    /// Allocates a zeroed object and links it on the object list.
    fn alloc_raw(&self, kind: Kind, len: usize, ty: u32) -> *mut Header {
        let Some(layout) = layout_of(kind, len) else {
            unreachable!("callers bound object sizes before allocating")
        };
        // SAFETY: the layout has a non-zero size (it includes the header).
        let obj = unsafe { alloc_zeroed(layout) }.cast::<Header>();
        if obj.is_null() {
            handle_alloc_error(layout);
        }
        // SAFETY: `obj` is fresh, aligned and large enough for a header; zeroed memory is a
        // valid `AtomicPtr`/`AtomicBool`, and we overwrite the plain fields.
        unsafe {
            (*obj).len = len;
            (*obj).ty = ty;
            (*obj).kind = kind;
        }
        self.link(obj, layout.size());
        obj
    }

    fn link(&self, obj: *mut Header, size: usize) {
        let mut head = self.head.load(Ordering::Relaxed);
        loop {
            // SAFETY: `obj` is not yet published, so this thread owns it.
            unsafe { (*obj).next.store(head, Ordering::Relaxed) };
            match self
                .head
                .compare_exchange_weak(head, obj, Ordering::Release, Ordering::Relaxed)
            {
                Ok(_) => break,
                Err(now) => head = now,
            }
        }
        let used = self.heap_alloc.fetch_add(size, Ordering::Relaxed) + size;
        self.objects.fetch_add(1, Ordering::Relaxed);
        self.total_alloc.fetch_add(size as u64, Ordering::Relaxed);
        self.sys.fetch_max(used, Ordering::Relaxed);
        if self.gogc.is_some() && used >= self.next_gc.load(Ordering::Relaxed) {
            self.gc_wanted.store(true, Ordering::Relaxed);
        }
    }

    /// A zeroed `Words` object of `len` words whose pointer layout is type `ty` (or one of
    /// the `object::TY_*` markers).
    pub fn alloc_words(&self, ty: u32, len: usize) -> *mut Header {
        self.alloc_raw(Kind::Words, len, ty)
    }

    /// A string holding `bytes`; the empty string is the null pointer.
    pub fn alloc_string(&self, bytes: &[u8]) -> u64 {
        if bytes.is_empty() {
            return 0;
        }
        let obj = self.alloc_raw(Kind::Bytes, bytes.len(), object::TY_SCALARS);
        // SAFETY: the object has room for `bytes.len()` bytes after its header and is not yet
        // shared.
        unsafe {
            let body = obj.cast::<u8>().add(object::body_offset());
            std::ptr::copy_nonoverlapping(bytes.as_ptr(), body, bytes.len());
        }
        obj as u64
    }

    /// An immutable slice header over `array[off .. off + len]` with capacity `cap`.
    pub fn alloc_slice(&self, array: *mut Header, off: usize, len: usize, cap: usize) -> u64 {
        let obj = self
            .alloc_raw(Kind::Slice, 0, object::TY_SCALARS)
            .cast::<SliceObj>();
        // SAFETY: the object was allocated with `SliceObj`'s layout and is not yet shared.
        unsafe {
            (*obj).array = array;
            (*obj).off = off;
            (*obj).len = len;
            (*obj).cap = cap;
        }
        obj as u64
    }

    /// An interface box holding `data` of dynamic type `ty` with method table `itab`.
    pub fn alloc_iface(&self, ty: u16, itab: u16, data: u64) -> u64 {
        let obj = self
            .alloc_raw(Kind::Iface, 0, u32::from(ty))
            .cast::<IfaceObj>();
        // SAFETY: the object was allocated with `IfaceObj`'s layout and is not yet shared.
        unsafe {
            (*obj).ty = ty;
            (*obj).itab = itab;
            (*obj).data = data;
        }
        obj as u64
    }

    /// A closure of function `func` capturing `captured`.
    pub fn alloc_closure(&self, func: u16, captured: &[u64]) -> u64 {
        let obj = self.alloc_raw(Kind::Closure, captured.len(), u32::from(func));
        // SAFETY: the object has room for `captured.len()` words after its header and is not
        // yet shared.
        unsafe {
            let body = obj.cast::<u8>().add(object::body_offset()).cast::<u64>();
            std::ptr::copy_nonoverlapping(captured.as_ptr(), body, captured.len());
        }
        obj as u64
    }

    /// An empty map of map type `ty`.
    pub fn alloc_map(&self, ty: u16, table: MapTable) -> u64 {
        let obj = self.alloc_raw(Kind::Map, 0, u32::from(ty)).cast::<MapObj>();
        // SAFETY: the object was allocated with `MapObj`'s layout; the zeroed `table` field is
        // not a valid value yet, so it is written without dropping it.
        unsafe {
            std::ptr::addr_of_mut!((*obj).table).write(parking_lot::Mutex::new(table));
        }
        obj as u64
    }
}

impl Heap {
    /// A heap object owning the host value `value`.
    pub fn alloc_host(&self, value: Box<dyn HostObject>) -> u64 {
        let obj = self
            .alloc_raw(Kind::Host, 0, object::TY_SCALARS)
            .cast::<HostObj>();
        // SAFETY: the object was allocated with `HostObj`'s layout; the zeroed `value` field
        // is not a valid box, so it is written without dropping it.
        unsafe { std::ptr::addr_of_mut!((*obj).value).write(value) };
        obj as u64
    }
}

impl Drop for Heap {
    fn drop(&mut self) {
        // SAFETY: `&mut self` means no goroutine can reach the heap any more.
        unsafe { crate::gc::free_all(self) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gogc_parses_like_go() {
        assert_eq!(parse_gogc(None), Some(100));
        assert_eq!(parse_gogc(Some("off")), None);
        assert_eq!(parse_gogc(Some("50")), Some(50));
        assert_eq!(parse_gogc(Some("-1")), None);
        assert_eq!(parse_gogc(Some("junk")), Some(100));
    }

    #[test]
    fn strings_round_trip_and_empty_is_null() {
        let heap = Heap::new(None);
        assert_eq!(heap.alloc_string(b""), 0);
        let s = heap.alloc_string(b"hello");
        // SAFETY: `s` was just allocated on a heap that is still alive.
        assert_eq!(unsafe { object::string_bytes(s) }, b"hello");
        assert_eq!(heap.stats().objects, 1);
    }
}
