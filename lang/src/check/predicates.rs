//! Predicates over types: what kind of type something is, and what operations it allows.
//!
//! Every predicate looks through defined types to the underlying type, and treats a type
//! parameter by its type set, as Go does: a type parameter `T` constrained by
//! `~int | ~int64` "is an integer" because every type in its type set is; one constrained by
//! `any` (no terms) is not, because nothing is known about it. This is go/types'
//! `allInteger`/`allNumeric`/... family, under the names the rest of the checker reads.
//!
//! This module decides nothing about assignability or conversion (`check::assign`), method
//! sets (`check::lookup`) or type sets of interfaces built from syntax (`check::generic`):
//! it reads the flattened [`Interface`] as the arena stores it. All functions are pure reads
//! of the arena.
//!
//! Invariant: `TypeId::INVALID` satisfies no predicate except [`is_invalid`]; callers that
//! want to stay silent about an already-reported error test that first.

use super::types::{Basic, Interface, Term, Type, TypeId, TypeParamId, Types};

/// The type already produced an error.
pub fn is_invalid(types: &Types, ty: TypeId) -> bool {
    types.underlying(ty) == TypeId::INVALID || ty == TypeId::INVALID
}

/// An untyped constant kind or untyped nil.
pub fn is_untyped(types: &Types, ty: TypeId) -> bool {
    matches!(types.get(ty), Type::Basic(b) if b.is_untyped())
}

/// A type parameter (not its constraint).
pub fn is_type_param(types: &Types, ty: TypeId) -> bool {
    matches!(types.get(ty), Type::TypeParam(_))
}

/// A defined type or an instance of a generic one.
pub fn is_named(types: &Types, ty: TypeId) -> bool {
    matches!(types.get(ty), Type::Named(_))
}

/// An interface type (whose values are boxed dynamic types); a type parameter is not one,
/// even though its constraint is.
pub fn is_interface(types: &Types, ty: TypeId) -> bool {
    !is_type_param(types, ty) && matches!(types.get(types.underlying(ty)), Type::Interface(_))
}

/// The flattened interface of an interface type or of a type parameter's constraint.
pub fn interface_of(types: &Types, ty: TypeId) -> Option<&Interface> {
    match types.get(types.underlying(ty)) {
        Type::Interface(iface) => Some(iface),
        _ => None,
    }
}

/// The constraint's type-set terms of a type parameter, or `None` for a parameter whose
/// constraint has no terms (`any`, `comparable`, method-only constraints).
pub fn type_param_terms(types: &Types, param: TypeParamId) -> Option<&[Term]> {
    let constraint = types.type_param(param).constraint;
    interface_of(types, constraint).and_then(|iface| iface.terms.as_deref())
}

/// Whether `pred` holds for the underlying type of `ty`, or, for a type parameter, for the
/// underlying type of every term of its type set (false when the set is unrestricted).
/// go/types calls this `underIs` over the type set.
pub fn all_underlying(types: &Types, ty: TypeId, pred: &dyn Fn(&Types, TypeId) -> bool) -> bool {
    match types.get(ty) {
        Type::TypeParam(p) => match type_param_terms(types, *p) {
            Some(terms) => {
                !terms.is_empty() && terms.iter().all(|t| all_underlying(types, t.ty, pred))
            }
            None => false,
        },
        _ => pred(types, types.underlying(ty)),
    }
}

fn basic_is(types: &Types, ty: TypeId, pred: fn(Basic) -> bool) -> bool {
    all_underlying(
        types,
        ty,
        &|types, u| matches!(types.get(u), Type::Basic(b) if pred(*b)),
    )
}

/// Every integer type, sized or not, and untyped int and rune constants.
pub fn is_integer(types: &Types, ty: TypeId) -> bool {
    basic_is(types, ty, Basic::is_integer)
}

pub fn is_unsigned(types: &Types, ty: TypeId) -> bool {
    basic_is(types, ty, Basic::is_unsigned)
}

pub fn is_float(types: &Types, ty: TypeId) -> bool {
    basic_is(types, ty, Basic::is_float)
}

/// Integers and floats (complex numbers are out of scope).
pub fn is_numeric(types: &Types, ty: TypeId) -> bool {
    basic_is(types, ty, Basic::is_numeric)
}

pub fn is_string(types: &Types, ty: TypeId) -> bool {
    basic_is(types, ty, Basic::is_string)
}

pub fn is_boolean(types: &Types, ty: TypeId) -> bool {
    basic_is(types, ty, Basic::is_boolean)
}

/// Types that `<`, `<=`, `>`, `>=` accept: integers, floats and strings.
pub fn is_ordered(types: &Types, ty: TypeId) -> bool {
    basic_is(types, ty, |b| b.is_numeric() || b.is_string())
}

/// Types that may have constant values: booleans, numbers and strings. A type parameter
/// never does, even if its type set is all numbers, because its constant would have no
/// single representation.
pub fn is_const_type(types: &Types, ty: TypeId) -> bool {
    !is_type_param(types, ty)
        && matches!(types.get(types.underlying(ty)), Type::Basic(b)
            if b.is_boolean() || b.is_numeric() || b.is_string())
}

/// Whether values of `ty` may be compared with `==` (the spec's "comparable"): booleans,
/// numbers, strings, pointers, channels and interfaces; structs whose fields and arrays
/// whose elements are all comparable; a type parameter whose constraint is `comparable` or
/// whose terms are all comparable. Interfaces are comparable even though comparing two
/// holding the same uncomparable dynamic type panics at run time.
pub fn is_comparable(types: &Types, ty: TypeId) -> bool {
    if let Type::TypeParam(p) = types.get(ty) {
        let constraint = types.type_param(*p).constraint;
        return match interface_of(types, constraint) {
            Some(iface) if iface.comparable => true,
            Some(Interface {
                terms: Some(terms), ..
            }) => !terms.is_empty() && terms.iter().all(|t| is_comparable(types, t.ty)),
            _ => false,
        };
    }
    match types.get(types.underlying(ty)) {
        Type::Basic(b) => *b != Basic::UntypedNil && *b != Basic::Invalid,
        Type::Pointer(_) | Type::Chan { .. } | Type::Interface(_) => true,
        Type::Struct(fields) => fields.iter().all(|f| is_comparable(types, f.ty)),
        Type::Array { elem, .. } => is_comparable(types, *elem),
        _ => false,
    }
}

/// Whether `nil` is a value of `ty`: pointers, slices, maps, channels, functions and
/// interfaces (and untyped nil itself); a type parameter only when every type in its type
/// set has nil.
pub fn has_nil(types: &Types, ty: TypeId) -> bool {
    if is_type_param(types, ty) {
        return all_underlying(types, ty, &|types, u| has_nil(types, u));
    }
    matches!(
        types.get(types.underlying(ty)),
        Type::Pointer(_)
            | Type::Slice(_)
            | Type::Map { .. }
            | Type::Chan { .. }
            | Type::Func(_)
            | Type::Interface(_)
            | Type::Basic(Basic::UntypedNil)
    )
}

/// The type an untyped constant takes when nothing else decides (`untyped int` → `int`,
/// `untyped rune` → `int32`, `untyped float` → `float64`); every other type is its own
/// default. Untyped nil stays untyped nil: it has no default type.
pub fn default_type(types: &Types, ty: TypeId) -> TypeId {
    match types.get(ty) {
        Type::Basic(b) if b.is_untyped() => types.basic(b.default_type()),
        _ => ty,
    }
}

/// The core type (spec: "Core types"): the underlying type of a type that is not a type
/// parameter; for a type parameter, the single underlying type shared by every term of its
/// type set, or `None` when the terms differ or the set is unrestricted. Channels of one
/// element type but different directions have the most restrictive direction as core
/// type, as the spec says, when it exists.
///
/// ```
/// use minigo_lang::check::{predicates, types::{TypeId, Types}};
/// let mut types = Types::new();
/// let ints = types.slice(TypeId::INT);
/// assert_eq!(predicates::core_type(&types, ints), Some(ints));
/// ```
pub fn core_type(types: &Types, ty: TypeId) -> Option<TypeId> {
    let Type::TypeParam(p) = types.get(ty) else {
        return Some(types.underlying(ty));
    };
    let terms = type_param_terms(types, *p)?;
    let mut core: Option<TypeId> = None;
    for term in terms {
        let u = core_type(types, term.ty)?;
        core = Some(match core {
            None => u,
            Some(prev) if prev == u => prev,
            Some(prev) => unify_chan_dirs(types, prev, u)?,
        });
    }
    core
}

/// Of two channel types with the same element type, the one whose direction is at most as
/// permissive as both (`chan T` and `<-chan T` give `<-chan T`); `None` if there is none.
fn unify_chan_dirs(types: &Types, a: TypeId, b: TypeId) -> Option<TypeId> {
    use crate::ast::ChanDir;
    match (types.get(a), types.get(b)) {
        (Type::Chan { dir: da, elem: ea }, Type::Chan { dir: db, elem: eb }) if ea == eb => {
            match (da, db) {
                (ChanDir::Both, _) => Some(b),
                (_, ChanDir::Both) => Some(a),
                _ if da == db => Some(a),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The core type, with a `[]byte` | `string` mix allowed and reported as `string`, which
/// is what the spec's "bytestring" rule permits for `append(b, s...)`, `copy(b, s)`,
/// slicing and ranging.
pub fn core_string_type(types: &Types, ty: TypeId) -> Option<TypeId> {
    if let Some(core) = core_type(types, ty) {
        return Some(core);
    }
    let is_bytes_or_string = |types: &Types, u: TypeId| match types.get(u) {
        Type::Basic(Basic::String) => true,
        Type::Slice(elem) => *elem == TypeId::BYTE,
        _ => false,
    };
    all_underlying(types, ty, &is_bytes_or_string).then_some(TypeId::STRING)
}

/// Whether two types are identical: with interning, identity is id equality.
pub fn identical(a: TypeId, b: TypeId) -> bool {
    a == b
}

/// Type identity ignoring struct tags, which conversions use (`T(x)` is valid between
/// struct types that differ only in tags).
pub fn identical_ignore_tags(types: &Types, a: TypeId, b: TypeId) -> bool {
    if a == b {
        return true;
    }
    match (types.get(a), types.get(b)) {
        (Type::Struct(fa), Type::Struct(fb)) => {
            fa.len() == fb.len()
                && fa.iter().zip(fb).all(|(x, y)| {
                    x.name == y.name
                        && x.embedded == y.embedded
                        && identical_ignore_tags(types, x.ty, y.ty)
                })
        }
        (Type::Pointer(x), Type::Pointer(y)) => identical_ignore_tags(types, *x, *y),
        _ => false,
    }
}

#[cfg(test)]
mod tests;
