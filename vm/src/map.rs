//! The table inside a Go map: keys compared by Go's equality for their type, values one word.
//!
//! This module owns key equality and hashing and the entry storage. The map object and its
//! lock are `heap::object::MapObj`; the instructions are in `exec`.
//!
//! Invariants:
//! - Each entry keeps the original key word next to its comparable form, so iteration can
//!   hand the key back and the collector can trace it.
//! - Iteration order is the std `HashMap`'s, seeded per map: programs cannot depend on it,
//!   as in Go.
//!
//! - Struct and array keys (`KeyKind::Composite`) and interface keys holding them are
//!   compared by contents, walked by their static (or dynamic) type in the program's type
//!   table (`key.rs`), never by the object's address. The map keeps its own deep copy of
//!   such a key (made by `ops::maps::set`), so a later change to the caller's variable
//!   cannot change a stored key.
//!
//! Rejected alternative: hashing the object's words directly. Nested structs, strings and
//! interfaces inside a key are themselves pointers, so the raw words of two equal keys differ.

mod key;

use std::collections::HashMap;

use crate::op::TypeIdx;
use crate::program::Program;

pub use key::deep_copy;

/// How a map compares its keys, decided by the key type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyKind {
    /// Integers, bools, pointers, channels: the word itself.
    Word,
    /// Floats: numeric equality (`+0 == -0`).
    Float,
    /// Strings: their bytes.
    String,
    /// Interfaces: the dynamic type and the comparable form of the data word.
    Iface,
    /// Structs and arrays of this type: their fields (elements), walked by type.
    Composite(TypeIdx),
}

/// The comparable form of a key.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum KeyRepr {
    /// A word compared as is.
    Word(u64),
    /// A string's bytes.
    Bytes(Box<[u8]>),
    /// An interface: dynamic type and data. The nil interface is `Word(0)`.
    Iface(u16, Box<KeyRepr>),
    /// A struct's fields or an array's elements, in order.
    Seq(Box<[KeyRepr]>),
}

/// The entries of one map.
#[derive(Debug)]
pub struct MapTable {
    /// How keys compare.
    pub key_kind: KeyKind,
    /// Whether keys are heap pointers (for the collector).
    pub key_is_pointer: bool,
    /// Whether values are heap pointers (for the collector).
    pub value_is_pointer: bool,
    entries: HashMap<KeyRepr, (u64, u64)>,
}

impl MapTable {
    /// An empty table.
    pub fn new(key_kind: KeyKind, key_is_pointer: bool, value_is_pointer: bool) -> MapTable {
        MapTable {
            key_kind,
            key_is_pointer,
            value_is_pointer,
            entries: HashMap::new(),
        }
    }

    /// The comparable form of `key`.
    ///
    /// # Safety
    /// `key` must be a live value of this map's key type.
    pub unsafe fn repr(&self, key: u64, program: &Program) -> KeyRepr {
        // SAFETY: forwarded from the caller.
        unsafe { key::repr_of(self.key_kind, key, program) }
    }

    /// The value stored under `key`, if any.
    ///
    /// # Safety
    /// `key` must be a live value of this map's key type.
    pub unsafe fn get(&self, key: u64, program: &Program) -> Option<u64> {
        // SAFETY: forwarded from the caller.
        let repr = unsafe { self.repr(key, program) };
        self.entries.get(&repr).map(|&(_, v)| v)
    }

    /// Stores `value` under `key`.
    ///
    /// # Safety
    /// `key` must be a live value of this map's key type.
    pub unsafe fn set(&mut self, key: u64, value: u64, program: &Program) {
        // SAFETY: forwarded from the caller.
        let repr = unsafe { self.repr(key, program) };
        // An overwrite stores the new key as Go does (`m[-0.0]` after `m[+0.0]` shows
        // `-0`), except a composite key: the stored one is the map's private copy, and the
        // caller's object may still change.
        let keep_key = matches!(self.key_kind, KeyKind::Composite(_));
        self.entries
            .entry(repr)
            .and_modify(|entry| {
                entry.1 = value;
                if !keep_key {
                    entry.0 = key;
                }
            })
            .or_insert((key, value));
    }

    /// Removes `key`.
    ///
    /// # Safety
    /// `key` must be a live value of this map's key type.
    pub unsafe fn delete(&mut self, key: u64, program: &Program) {
        // SAFETY: forwarded from the caller.
        let repr = unsafe { self.repr(key, program) };
        self.entries.remove(&repr);
    }

    /// Removes every entry (`clear(m)`).
    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the map is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Whether `key` is present.
    ///
    /// # Safety
    /// `key` must be a live value of this map's key type.
    pub unsafe fn contains(&self, key: u64, program: &Program) -> bool {
        // SAFETY: forwarded from the caller.
        let repr = unsafe { self.repr(key, program) };
        self.entries.contains_key(&repr)
    }

    /// Every `(key, value)` word pair, in the table's (unspecified) order.
    pub fn words(&self) -> impl Iterator<Item = (u64, u64)> + '_ {
        self.entries.values().copied()
    }
}

#[cfg(test)]
mod tests;
