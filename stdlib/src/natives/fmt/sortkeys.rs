//! The order in which `fmt` prints map entries: Go's `internal/fmtsort`.
//!
//! This module owns key comparison by the key type's kind: numbers numerically (NaN
//! first), strings bytewise, `false` before `true`, pointers and channels by address,
//! interfaces by dynamic type and then value, structs and arrays field by field. It does not
//! print anything.
//!
//! Invariant: the comparison is a total order for every key type, so sorting never panics.

use std::cmp::Ordering;

use minigo_vm::Program;
use minigo_vm::op::TypeIdx;
use minigo_vm::program::TypeKind;

use super::super::heapval;

/// Sorts map entries by key, as Go's `fmt` prints them.
pub fn sort_entries(program: &Program, key: TypeIdx, entries: &mut [(u64, u64)]) {
    entries.sort_by(|a, b| compare(program, key, a.0, b.0, 0));
}

/// Compares two keys of type `ty`.
pub fn compare(program: &Program, ty: TypeIdx, a: u64, b: u64, depth: usize) -> Ordering {
    if depth > 16 {
        return Ordering::Equal;
    }
    let desc = program.ty(ty);
    match &desc.kind {
        TypeKind::Int(_) => (a as i64).cmp(&(b as i64)),
        TypeKind::Float(_) => compare_floats(f64::from_bits(a), f64::from_bits(b)),
        TypeKind::String => heapval::str_bytes(a).cmp(heapval::str_bytes(b)),
        TypeKind::Interface { .. } => compare_interfaces(program, a, b, depth),
        TypeKind::Struct { n_fields } => {
            let n = usize::from(*n_fields);
            let (xs, ys) = (heapval::object_words(a, n), heapval::object_words(b, n));
            let fields = desc.fields.iter().zip(xs.iter().zip(&ys));
            fields
                .map(|(f, (&x, &y))| compare(program, f.ty, x, y, depth + 1))
                .find(|o| o.is_ne())
                .unwrap_or(Ordering::Equal)
        }
        TypeKind::Array { elem, len } => {
            let n = *len as usize;
            let (xs, ys) = (heapval::object_words(a, n), heapval::object_words(b, n));
            xs.iter()
                .zip(&ys)
                .map(|(&x, &y)| compare(program, *elem, x, y, depth + 1))
                .find(|o| o.is_ne())
                .unwrap_or(Ordering::Equal)
        }
        _ => a.cmp(&b),
    }
}

fn compare_floats(a: f64, b: f64) -> Ordering {
    match (a.is_nan(), b.is_nan()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Less,
        (false, true) => Ordering::Greater,
        _ => a.partial_cmp(&b).unwrap_or(Ordering::Equal),
    }
}

/// Nil first, then by dynamic type (in table order, standing in for Go's type address),
/// then by value.
fn compare_interfaces(program: &Program, a: u64, b: u64, depth: usize) -> Ordering {
    match (heapval::iface(a), heapval::iface(b)) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Less,
        (Some(_), None) => Ordering::Greater,
        (Some(x), Some(y)) => {
            x.ty.cmp(&y.ty)
                .then_with(|| compare(program, TypeIdx(x.ty), x.data, y.data, depth + 1))
        }
    }
}
