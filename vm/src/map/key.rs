//! The comparable form of a map key and the map's private copy of a composite key.
//!
//! This module owns walking a key by its type: strings become their bytes, floats their
//! numeric value (`+0 == -0`), interfaces their dynamic type and data, structs and arrays
//! the sequence of their fields (elements). It does not store entries (`MapTable` does).
//!
//! Invariant: two keys have equal `KeyRepr`s exactly when Go's `==` says they are equal
//! (NaN aside: Go never finds a NaN key again; here a NaN key is found by its bits, which
//! only `for range` and `len` could tell apart, and neither does).

use super::{KeyKind, KeyRepr};
use crate::heap::Heap;
use crate::heap::object::{Header, IfaceObj, Kind, load_slot, store_slot, string_bytes};
use crate::op::TypeIdx;
use crate::program::{Program, TypeKind};

/// Nesting deeper than this is not walked further; Go types cannot nest values infinitely,
/// so this only bounds the Rust recursion on a hostile type table.
const MAX_DEPTH: usize = 64;

/// The comparable form of a key of kind `kind`.
///
/// # Safety
/// `key` must be a live value of a type of kind `kind`.
pub(super) unsafe fn repr_of(kind: KeyKind, key: u64, program: &Program) -> KeyRepr {
    match kind {
        KeyKind::Word => KeyRepr::Word(key),
        KeyKind::Float => float_repr(key),
        // SAFETY: a string key is 0 or a live string.
        KeyKind::String => KeyRepr::Bytes(unsafe { string_bytes(key) }.into()),
        // SAFETY: forwarded from the caller.
        KeyKind::Iface => unsafe { iface_repr(key, program, 0) },
        // SAFETY: forwarded from the caller.
        KeyKind::Composite(ty) => unsafe { typed_repr(ty, key, program, 0) },
    }
}

/// A float compared numerically: both zeros are one key.
fn float_repr(key: u64) -> KeyRepr {
    KeyRepr::Word(if f64::from_bits(key) == 0.0 { 0 } else { key })
}

/// The comparable form of an interface value: nil is `Word(0)`.
///
/// # Safety
/// `key` must be 0 or a live interface box.
unsafe fn iface_repr(key: u64, program: &Program, depth: usize) -> KeyRepr {
    if key == 0 {
        return KeyRepr::Word(0);
    }
    // SAFETY: a non-nil interface key is a live interface box.
    let boxed = unsafe { &*(key as *const IfaceObj) };
    // SAFETY: the data word is a live value of the box's dynamic type.
    let inner = unsafe { typed_repr(TypeIdx(boxed.ty), boxed.data, program, depth + 1) };
    KeyRepr::Iface(boxed.ty, Box::new(inner))
}

/// The comparable form of a value of type `ty`. A type index the program does not know
/// (which a well-formed program never produces) compares by the word.
///
/// # Safety
/// `v` must be a live value of type `ty`.
unsafe fn typed_repr(ty: TypeIdx, v: u64, program: &Program, depth: usize) -> KeyRepr {
    let Some(desc) = program.types.get(usize::from(ty.0)) else {
        return KeyRepr::Word(v);
    };
    if depth > MAX_DEPTH {
        return KeyRepr::Word(v);
    }
    match &desc.kind {
        TypeKind::Float(_) => float_repr(v),
        // SAFETY: the type says the word is a string.
        TypeKind::String => KeyRepr::Bytes(unsafe { string_bytes(v) }.into()),
        // SAFETY: the type says the word is an interface.
        TypeKind::Interface { .. } => unsafe { iface_repr(v, program, depth) },
        TypeKind::Struct { .. } => {
            let fields = desc.fields.iter().enumerate().map(|(i, field)| {
                // SAFETY: the word is a struct object of this type (or the zero word).
                unsafe { typed_repr(field.ty, object_word(v, i), program, depth + 1) }
            });
            KeyRepr::Seq(fields.collect())
        }
        TypeKind::Array { elem, len } => {
            let elems = (0..*len as usize).map(|i| {
                // SAFETY: the word is an array object of this type (or the zero word).
                unsafe { typed_repr(*elem, object_word(v, i), program, depth + 1) }
            });
            KeyRepr::Seq(elems.collect())
        }
        _ => KeyRepr::Word(v),
    }
}

/// Word `i` of the struct or array object `obj`: 0 for the zero word (a zero value that
/// was never allocated) and past the object's end, so both read as the zero field.
///
/// # Safety
/// `obj` must be 0 or a live `Words` object.
unsafe fn object_word(obj: u64, i: usize) -> u64 {
    let header = obj as *const Header;
    // SAFETY: a non-zero word is a live object; its kind and length are checked before
    // slot `i` is read.
    if obj == 0 || unsafe { (*header).kind() != Kind::Words || i >= (*header).len() } {
        return 0;
    }
    // SAFETY: as above.
    unsafe { load_slot(header, i) }
}

/// A deep copy of the value `v` of type `ty`: struct and array objects are copied at every
/// level (nested struct and array fields are objects of their own); every other word,
/// strings and interfaces included, is immutable or a reference and is shared.
///
/// # Safety
/// `v` must be a live value of type `ty`.
pub unsafe fn deep_copy(heap: &Heap, program: &Program, ty: TypeIdx, v: u64) -> u64 {
    // SAFETY: forwarded from the caller.
    unsafe { copy_at(heap, program, ty, v, 0) }
}

/// `deep_copy` at nesting `depth`.
///
/// # Safety
/// `v` must be a live value of type `ty`.
unsafe fn copy_at(heap: &Heap, program: &Program, ty: TypeIdx, v: u64, depth: usize) -> u64 {
    let Some(desc) = program.types.get(usize::from(ty.0)) else {
        return v;
    };
    let field_types: Vec<TypeIdx> = match &desc.kind {
        TypeKind::Struct { .. } => desc.fields.iter().map(|f| f.ty).collect(),
        TypeKind::Array { elem, len } => vec![*elem; *len as usize],
        _ => return v,
    };
    let header = v as *const Header;
    // SAFETY: a non-zero struct or array word is a live object; its kind is checked.
    if v == 0 || depth > MAX_DEPTH || unsafe { (*header).kind() != Kind::Words } {
        return v;
    }
    // SAFETY: `header` is a live `Words` object.
    let (obj_ty, len) = unsafe { ((*header).ty(), (*header).len()) };
    let fresh = heap.alloc_words(obj_ty, len);
    for i in 0..len {
        // SAFETY: `i` is below the length of both objects.
        let word = unsafe { load_slot(header, i) };
        let copied = match field_types.get(i) {
            // SAFETY: word `i` is a live value of the field's type.
            Some(&field) => unsafe { copy_at(heap, program, field, word, depth + 1) },
            None => word,
        };
        // SAFETY: as above.
        unsafe { store_slot(fresh, i, copied) };
    }
    fresh as u64
}
