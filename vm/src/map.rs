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
//! Known gap: struct and array keys are compared by the word (the object pointer), not by
//! contents; the compiler must not emit them until `KeyRepr` grows a composite form.

use std::collections::HashMap;

use crate::heap::object::{IfaceObj, string_bytes};

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
    /// The string-ness of an interface key's dynamic types, by type index.
    pub string_types: Vec<u16>,
    entries: HashMap<KeyRepr, (u64, u64)>,
}

impl MapTable {
    /// An empty table.
    pub fn new(key_kind: KeyKind, key_is_pointer: bool, value_is_pointer: bool) -> MapTable {
        MapTable {
            key_kind,
            key_is_pointer,
            value_is_pointer,
            string_types: Vec::new(),
            entries: HashMap::new(),
        }
    }

    /// The comparable form of `key`.
    ///
    /// # Safety
    /// `key` must be a live value of this map's key type.
    pub unsafe fn repr(&self, key: u64) -> KeyRepr {
        // SAFETY: forwarded from the caller.
        unsafe { repr_of(self.key_kind, key, &self.string_types) }
    }

    /// The value stored under `key`, if any.
    ///
    /// # Safety
    /// `key` must be a live value of this map's key type.
    pub unsafe fn get(&self, key: u64) -> Option<u64> {
        // SAFETY: forwarded from the caller.
        let repr = unsafe { self.repr(key) };
        self.entries.get(&repr).map(|&(_, v)| v)
    }

    /// Stores `value` under `key`.
    ///
    /// # Safety
    /// `key` must be a live value of this map's key type.
    pub unsafe fn set(&mut self, key: u64, value: u64) {
        // SAFETY: forwarded from the caller.
        let repr = unsafe { self.repr(key) };
        self.entries.insert(repr, (key, value));
    }

    /// Removes `key`.
    ///
    /// # Safety
    /// `key` must be a live value of this map's key type.
    pub unsafe fn delete(&mut self, key: u64) {
        // SAFETY: forwarded from the caller.
        let repr = unsafe { self.repr(key) };
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

    /// Every `(key, value)` word pair, in the table's (unspecified) order.
    pub fn words(&self) -> impl Iterator<Item = (u64, u64)> + '_ {
        self.entries.values().copied()
    }
}

/// The comparable form of a key of kind `kind`.
///
/// # Safety
/// `key` must be a live value of a type of kind `kind`.
unsafe fn repr_of(kind: KeyKind, key: u64, string_types: &[u16]) -> KeyRepr {
    match kind {
        KeyKind::Word => KeyRepr::Word(key),
        KeyKind::Float => {
            let f = f64::from_bits(key);
            KeyRepr::Word(if f == 0.0 { 0 } else { key })
        }
        // SAFETY: a string key is 0 or a live string.
        KeyKind::String => KeyRepr::Bytes(unsafe { string_bytes(key) }.into()),
        KeyKind::Iface if key == 0 => KeyRepr::Word(0),
        KeyKind::Iface => {
            // SAFETY: a non-nil interface key is a live interface box.
            let boxed = unsafe { &*(key as *const IfaceObj) };
            let inner = if string_types.contains(&boxed.ty) {
                // SAFETY: the dynamic type is a string type, so the data is a string.
                KeyRepr::Bytes(unsafe { string_bytes(boxed.data) }.into())
            } else {
                KeyRepr::Word(boxed.data)
            };
            KeyRepr::Iface(boxed.ty, Box::new(inner))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_zero_keys_are_one_key() {
        let mut t = MapTable::new(KeyKind::Float, false, false);
        // SAFETY: float keys are plain words.
        unsafe {
            t.set(0.0f64.to_bits(), 1);
            t.set((-0.0f64).to_bits(), 2);
            assert_eq!(t.get(0.0f64.to_bits()), Some(2));
        }
        assert_eq!(t.len(), 1);
    }

    #[test]
    fn delete_removes_only_its_key() {
        let mut t = MapTable::new(KeyKind::Word, false, false);
        // SAFETY: word keys are plain words.
        unsafe {
            t.set(1, 10);
            t.set(2, 20);
            t.delete(1);
            assert_eq!(t.get(1), None);
            assert_eq!(t.get(2), Some(20));
        }
    }
}
