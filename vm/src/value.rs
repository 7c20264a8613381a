//! The value model: every Go value is one 64-bit word, and `Value` is that word with typed
//! accessors, for natives and embedders that move values in and out of the VM.
//!
//! This module owns the encoding of each kind of value in a word. The interpreter itself
//! works on raw `u64` registers and never dispatches on a value's kind: the instruction says
//! how to read the word.
//!
//! Encodings:
//! - Integers of every width: the two's-complement value, sign-extended for signed types and
//!   zero-extended for unsigned ones (narrow results are normalized by `WrapInt`).
//! - `float64`: its IEEE bits. `float32`: the bits of the `f64` holding the rounded value.
//! - `bool`: 0 or 1.
//! - Pointers, maps, channels: the object's address; nil is 0.
//! - Strings, slices, interfaces, func values: the address of an immutable heap box (byte
//!   object, slice header, interface box, closure); `""`, nil slices, nil interfaces and
//!   nil funcs are 0.
//!
//! Invariant: the word 0 is the zero value of every type, so zeroed memory is always a valid
//! zero value (objects are allocated zeroed; registers are written before they are read).
//!
//! Rejected alternative: wide values in consecutive registers (a string as pointer + length,
//! an interface as type + data). It saves an allocation per slicing and conversion, but makes
//! every register window, heap slot and channel element variable-width, and a heap slot of a
//! wide value would still need boxing to stay race-safe (see the crate doc).

use crate::heap::Heap;
use crate::heap::object::string_bytes;

/// One Go value: a 64-bit word whose meaning the static type gives.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
#[repr(transparent)]
pub struct Value(pub u64);

const _: () = assert!(size_of::<Value>() == 8);

impl Value {
    /// The zero value of every type (nil, 0, false, "").
    pub const ZERO: Value = Value(0);

    /// An integer of any signed width.
    pub fn from_int(i: i64) -> Value {
        Value(i as u64)
    }

    /// An integer of any unsigned width.
    pub fn from_uint(u: u64) -> Value {
        Value(u)
    }

    /// A float64 (or a float32 widened to f64).
    pub fn from_float(x: f64) -> Value {
        Value(x.to_bits())
    }

    /// A bool.
    pub fn from_bool(b: bool) -> Value {
        Value(u64::from(b))
    }

    /// A new string on `heap`.
    pub fn string(heap: &Heap, s: &str) -> Value {
        Value(heap.alloc_string(s.as_bytes()))
    }

    /// The value as a signed integer.
    pub fn as_int(self) -> i64 {
        self.0 as i64
    }

    /// The value as an unsigned integer.
    pub fn as_uint(self) -> u64 {
        self.0
    }

    /// The value as a float.
    pub fn as_float(self) -> f64 {
        f64::from_bits(self.0)
    }

    /// The value as a bool.
    pub fn as_bool(self) -> bool {
        self.0 != 0
    }

    /// Whether this is the zero word (nil, 0, false, "").
    pub fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// The bytes of a string value.
    ///
    /// # Safety
    /// The value must be a string that stays alive (reachable, or pinned) for `'a`.
    pub unsafe fn as_str_bytes<'a>(self) -> &'a [u8] {
        // SAFETY: forwarded from the caller.
        unsafe { string_bytes(self.0) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_round_trip() {
        assert_eq!(Value::from_int(-5).as_int(), -5);
        assert_eq!(Value::from_float(1.5).as_float(), 1.5);
        assert!(Value::from_bool(true).as_bool());
        assert!(Value::ZERO.is_zero());
        assert_eq!(
            Value::from_float(0.0),
            Value::ZERO,
            "0.0 is the zero word too"
        );
    }

    #[test]
    fn strings_live_on_the_heap_and_empty_is_zero() {
        let heap = Heap::new(None);
        assert!(Value::string(&heap, "").is_zero());
        let s = Value::string(&heap, "héllo");
        // SAFETY: `heap` is alive for the whole test.
        assert_eq!(unsafe { s.as_str_bytes() }, "héllo".as_bytes());
    }
}
