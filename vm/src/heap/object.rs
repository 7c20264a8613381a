//! The layout of heap objects: a common `Header` followed by a kind-specific body, and the
//! accessors the interpreter uses to read and write them.
//!
//! This module owns the memory layout and the access discipline. Allocation, statistics and
//! the object list are `heap`; tracing and freeing are `gc`.
//!
//! Invariants (the race-safety argument of the crate doc rests on these):
//! - A mutable slot (a word of a `Words` object) is an `AtomicU64`, and it is only ever read
//!   and written whole, through `load_slot` and `store_slot`.
//! - Every other body (string bytes, slice headers, interface boxes, closure captures) is
//!   written once, before the object's address is published, and never again. Publication
//!   is a `Release` store into a slot or a goroutine-private register; readers load slots
//!   with `Acquire`, so the initialization happens-before every read of the body.
//! - A word that the program's types say is a pointer is either 0 or the address of a live
//!   object's `Header`.

use std::alloc::Layout;
use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicU64, Ordering};

use crate::map::MapTable;

/// What follows a `Header`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum Kind {
    /// `len` mutable atomic words: structs, arrays, slice backing arrays, cells, globals.
    Words,
    /// `len` immutable bytes: a string.
    Bytes,
    /// An immutable slice header (`SliceObj`).
    Slice,
    /// An immutable interface box (`IfaceObj`).
    Iface,
    /// A closure: `len` immutable captured words; `Header::ty` is the function.
    Closure,
    /// A map (`MapObj`).
    Map,
    /// An object owned by Rust code outside the VM (`HostObj`): a channel, a mutex, a timer.
    Host,
}

/// `Header::ty` of a `Words` object none of whose words is a pointer.
pub const TY_SCALARS: u32 = u32::MAX;
/// `Header::ty` of a `Words` object whose every word may be a pointer: the collector checks
/// each against the set of live objects before following it (globals use this).
pub const TY_CONSERVATIVE: u32 = u32::MAX - 1;
/// `Header::ty` of a `Words` object every word of which is a pointer or 0.
pub const TY_POINTERS: u32 = u32::MAX - 2;

/// The first bytes of every heap object.
#[repr(C)]
pub struct Header {
    /// The next object in the heap's list of all objects.
    pub(crate) next: AtomicPtr<Header>,
    /// Words for `Words` and `Closure`, bytes for `Bytes`, unused otherwise.
    pub(crate) len: usize,
    /// The type index (or function index for closures) the collector reads the layout from.
    pub(crate) ty: u32,
    /// Set by the collector while marking.
    pub(crate) mark: AtomicBool,
    /// What the body is.
    pub(crate) kind: Kind,
}

/// An immutable slice header: `array[off .. off + len]`, with room up to `off + cap`.
#[repr(C)]
pub struct SliceObj {
    pub(crate) header: Header,
    /// The backing `Words` object.
    pub array: *mut Header,
    /// The first element within `array`.
    pub off: usize,
    /// The length.
    pub len: usize,
    /// The capacity; `off + cap <= array.len` always holds.
    pub cap: usize,
}

/// An immutable interface box: a dynamic type, a method table and one data word.
#[repr(C)]
pub struct IfaceObj {
    pub(crate) header: Header,
    /// The dynamic (concrete) type.
    pub ty: u16,
    /// The method table, or `NO_ITAB` for the empty interface.
    pub itab: u16,
    /// The value: a scalar or a pointer, as the dynamic type says.
    pub data: u64,
}

/// `IfaceObj::itab` of a value held in an interface without methods.
pub const NO_ITAB: u16 = u16::MAX;

/// A map: a table behind a lock, so that concurrent writers cannot corrupt it.
#[repr(C)]
pub struct MapObj {
    pub(crate) header: Header,
    /// The entries.
    pub table: parking_lot::Mutex<MapTable>,
}

/// A value that Rust code outside the VM keeps in the heap (a channel from the runtime, a
/// `sync.Mutex`): the collector frees it with the rest and asks it for the words it holds.
pub trait HostObject: Send + Sync + 'static {
    /// Calls `visit` with every word this object keeps that may be a heap pointer (a
    /// channel's buffered elements, its waiting senders' values).
    fn trace(&self, visit: &mut dyn FnMut(u64));

    /// The object as `Any`, so its owner can downcast it back.
    fn as_any(&self) -> &dyn std::any::Any;
}

/// A host object on the heap.
#[repr(C)]
pub struct HostObj {
    pub(crate) header: Header,
    /// The Rust value.
    pub value: Box<dyn HostObject>,
}

/// The host value behind a non-nil host object word.
///
/// # Safety
/// `w` must be 0 or a live `Host` object that stays alive for `'a`.
pub unsafe fn host<'a>(w: u64) -> Option<&'a dyn HostObject> {
    // SAFETY: forwarded from the caller; the box is never replaced after allocation.
    (w != 0).then(|| unsafe { &*(*(w as *const HostObj)).value })
}

const HEADER: usize = size_of::<Header>();

impl Header {
    /// The kind of body behind this header.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// The length field (words or bytes, depending on the kind).
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the length field is zero.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The type (or function) index.
    pub fn ty(&self) -> u32 {
        self.ty
    }
}

/// The allocation layout of an object of `kind` with length `len`.
pub(crate) fn layout_of(kind: Kind, len: usize) -> Option<Layout> {
    let size = match kind {
        Kind::Words | Kind::Closure => HEADER.checked_add(len.checked_mul(8)?)?,
        Kind::Bytes => HEADER.checked_add(len)?,
        Kind::Slice => size_of::<SliceObj>(),
        Kind::Iface => size_of::<IfaceObj>(),
        Kind::Map => size_of::<MapObj>(),
        Kind::Host => size_of::<HostObj>(),
    };
    Layout::from_size_align(size, align_of::<MapObj>().max(8)).ok()
}

/// The mutable words of a `Words` object.
///
/// # Safety
/// `obj` must point to a live `Words` object.
#[inline(always)]
pub unsafe fn slots<'a>(obj: *const Header) -> &'a [AtomicU64] {
    // SAFETY: a `Words` object is a header followed by `len` atomic words, 8-aligned.
    unsafe {
        let first = obj.cast::<u8>().add(HEADER).cast::<AtomicU64>();
        std::slice::from_raw_parts(first, (*obj).len)
    }
}

/// Loads word `i` of a `Words` object. Every heap read of a mutable slot goes through here.
///
/// # Safety
/// `obj` must point to a live `Words` object with more than `i` words.
#[inline(always)]
pub unsafe fn load_slot(obj: *const Header, i: usize) -> u64 {
    // SAFETY: the caller guarantees `i < len`; the slot is an atomic, so a racing store can
    // only make this return a whole older or newer word.
    unsafe {
        let slot = &*obj.cast::<u8>().add(HEADER).cast::<AtomicU64>().add(i);
        slot.load(Ordering::Acquire)
    }
}

/// Stores word `i` of a `Words` object. Every heap write of a mutable slot goes through here.
///
/// # Safety
/// `obj` must point to a live `Words` object with more than `i` words.
#[inline(always)]
pub unsafe fn store_slot(obj: *const Header, i: usize, word: u64) {
    // SAFETY: as for `load_slot`; `Release` publishes the body of any object `word` points to.
    unsafe {
        let slot = &*obj.cast::<u8>().add(HEADER).cast::<AtomicU64>().add(i);
        slot.store(word, Ordering::Release);
    }
}

/// The bytes of a string value; the empty string is the null pointer.
///
/// # Safety
/// `s` must be 0 or point to a live `Bytes` object that stays alive for `'a`.
#[inline(always)]
pub unsafe fn string_bytes<'a>(s: u64) -> &'a [u8] {
    if s == 0 {
        return &[];
    }
    let obj = s as *const Header;
    // SAFETY: a `Bytes` object is a header followed by `len` bytes that never change.
    unsafe { std::slice::from_raw_parts(obj.cast::<u8>().add(HEADER), (*obj).len) }
}

/// The captured words of a closure.
///
/// # Safety
/// `c` must point to a live `Closure` object that stays alive for `'a`.
#[inline(always)]
pub unsafe fn captures<'a>(c: u64) -> &'a [u64] {
    let obj = c as *const Header;
    // SAFETY: a `Closure` object is a header followed by `len` words written before it was
    // published and never again.
    unsafe { std::slice::from_raw_parts(obj.cast::<u8>().add(HEADER).cast::<u64>(), (*obj).len) }
}

/// The byte offset of the body after the header (for code that builds objects).
pub(crate) const fn body_offset() -> usize {
    HEADER
}
