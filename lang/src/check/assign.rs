//! Assignability, convertibility and interface implementation (spec: "Assignability",
//! "Conversions", "Implementing an interface"), with Go's reasons when they fail.
//!
//! These are relations between *types*. Whether an untyped constant's *value* fits its
//! target (`300` as `byte` overflows) is a question for the constant arithmetic, asked by
//! the checker after [`assignable`] accepts the kinds; likewise the checker words the
//! message prefix (`cannot use x (variable of type T) as U value in assignment`) and this
//! module supplies the cause that follows (`: need type assertion`,
//! `: T does not implement U (missing method M)`).
//!
//! Invariant: `TypeId::INVALID` on either side is accepted silently, so that one error
//! does not cascade into more.

use crate::ast::{ChanDir, Name};

use super::lookup::{self, FoundKind, LookupResult};
use super::object::Objects;
use super::predicates;
use super::types::{Basic, Type, TypeId, Types};
use super::typestr::TypeFmt;

/// Why a value of one type cannot be assigned to another.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum NotAssignable {
    /// The types simply do not match; Go adds no cause.
    Mismatch,
    /// The target is an interface the value's type does not implement.
    DoesNotImplement(MissingMethod),
    /// The value is an interface and the target a concrete type that implements it: Go's
    /// `need type assertion`.
    NeedTypeAssertion,
    /// An untyped constant cannot become a non-empty interface, or an untyped kind does
    /// not match the target's kind (`"two"` as `int`).
    UntypedMismatch,
}

impl NotAssignable {
    /// The text Go appends after `cannot use x (...) as T value in context`, including the
    /// leading `: `, or an empty string when Go adds nothing. `value` is the value's type.
    pub fn cause(&self, fmt: &TypeFmt<'_>, value: TypeId, target: TypeId) -> String {
        match self {
            NotAssignable::Mismatch | NotAssignable::UntypedMismatch => String::new(),
            NotAssignable::NeedTypeAssertion => ": need type assertion".to_string(),
            NotAssignable::DoesNotImplement(missing) => {
                let (v, t) = (fmt.type_str(value), fmt.type_str(target));
                format!(": {v} does not implement {t} {}", missing.cause(fmt, value))
            }
        }
    }
}

/// Whether a value of type `value` may be assigned to a variable of type `target`.
/// Untyped constants are judged by kind only (see the module doc).
///
/// # Errors
/// The reason, for the message; see [`NotAssignable::cause`].
///
/// # Example
/// ```
/// use minigo_lang::ast::ChanDir;
/// use minigo_lang::check::{assign, object::Objects, types::{TypeId, Types}};
/// let (mut types, objects) = (Types::new(), Objects::new());
/// let both = types.chan(ChanDir::Both, TypeId::INT);
/// let recv = types.chan(ChanDir::Recv, TypeId::INT);
/// assert!(assign::assignable(&mut types, &objects, both, recv).is_ok());
/// assert!(assign::assignable(&mut types, &objects, recv, both).is_err());
/// assert!(assign::assignable(&mut types, &objects, TypeId::UNTYPED_FLOAT, TypeId::INT).is_ok());
/// ```
pub fn assignable(
    types: &mut Types,
    objects: &Objects,
    value: TypeId,
    target: TypeId,
) -> Result<(), NotAssignable> {
    if value == target
        || predicates::is_invalid(types, value)
        || predicates::is_invalid(types, target)
    {
        return Ok(());
    }
    if predicates::is_untyped(types, value) {
        return untyped_assignable(types, value, target);
    }
    let (vu, tu) = (types.underlying(value), types.underlying(target));
    let (v_param, t_param) = (
        predicates::is_type_param(types, value),
        predicates::is_type_param(types, target),
    );
    let one_unnamed = !has_name(types, value) || !has_name(types, target);
    if vu == tu && !v_param && !t_param && one_unnamed {
        return Ok(());
    }
    if predicates::is_interface(types, target) {
        match implements(types, objects, value, target) {
            Ok(()) => return Ok(()),
            Err(missing) if !v_param => return Err(NotAssignable::DoesNotImplement(missing)),
            Err(_) => {}
        }
    }
    if predicates::is_interface(types, value) && implements(types, objects, target, value).is_ok() {
        return Err(NotAssignable::NeedTypeAssertion);
    }
    if one_unnamed && chan_assignable(types, vu, tu) {
        return Ok(());
    }
    type_param_assignable(types, objects, value, target)
}

/// `chan T` may be assigned to `<-chan T` and `chan<- T`.
fn chan_assignable(types: &Types, vu: TypeId, tu: TypeId) -> bool {
    match (types.get(vu), types.get(tu)) {
        (
            Type::Chan {
                dir: ChanDir::Both,
                elem: ve,
            },
            Type::Chan { elem: te, .. },
        ) => ve == te,
        _ => false,
    }
}

/// Go's `hasName`: basic types, defined types and type parameters have names.
fn has_name(types: &Types, ty: TypeId) -> bool {
    matches!(
        types.get(ty),
        Type::Basic(_) | Type::Named(_) | Type::TypeParam(_)
    )
}

/// The spec's rules for type parameters: an unnamed value type is assignable to a type
/// parameter if it is assignable to every type of its type set, and a type parameter's
/// value to an unnamed type if every type of its set is.
fn type_param_assignable(
    types: &mut Types,
    objects: &Objects,
    value: TypeId,
    target: TypeId,
) -> Result<(), NotAssignable> {
    let terms_of = |types: &Types, ty: TypeId| match types.get(ty) {
        Type::TypeParam(p) => predicates::type_param_terms(types, *p).map(<[_]>::to_vec),
        _ => None,
    };
    let all_ok = |ok: bool| {
        if ok {
            Ok(())
        } else {
            Err(NotAssignable::Mismatch)
        }
    };
    let target_terms = if has_name(types, value) {
        None
    } else {
        terms_of(types, target)
    };
    if let Some(terms) = target_terms {
        let all = terms
            .iter()
            .all(|t| assignable(types, objects, value, t.ty).is_ok());
        return all_ok(all && !terms.is_empty());
    }
    let value_terms = if has_name(types, target) {
        None
    } else {
        terms_of(types, value)
    };
    if let Some(terms) = value_terms {
        let all = terms
            .iter()
            .all(|t| assignable(types, objects, t.ty, target).is_ok());
        return all_ok(all && !terms.is_empty());
    }
    Err(NotAssignable::Mismatch)
}

/// Untyped values by kind (go/types' `implicitTypeAndValue`): booleans to boolean types,
/// numbers to numeric types, strings to string types, nil to types with nil; to an
/// interface only when it is empty (the value then takes its default type); to a type
/// parameter when every type in its type set accepts it.
fn untyped_assignable(types: &Types, value: TypeId, target: TypeId) -> Result<(), NotAssignable> {
    let Type::Basic(kind) = *types.get(value) else {
        unreachable!("untyped values have basic types")
    };
    if kind == Basic::UntypedNil {
        return if predicates::has_nil(types, target) {
            Ok(())
        } else {
            Err(NotAssignable::UntypedMismatch)
        };
    }
    if let Type::TypeParam(p) = types.get(target) {
        let terms = predicates::type_param_terms(types, *p).unwrap_or(&[]);
        let all = !terms.is_empty()
            && terms
                .iter()
                .all(|t| untyped_assignable(types, value, t.ty).is_ok());
        return if all {
            Ok(())
        } else {
            Err(NotAssignable::UntypedMismatch)
        };
    }
    let ok = match types.get(types.underlying(target)) {
        Type::Basic(b) => untyped_kind_fits(kind, *b),
        Type::Interface(iface) => iface.methods.is_empty() && iface.terms.is_none(),
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(NotAssignable::UntypedMismatch)
    }
}

/// Whether an untyped constant kind may become a value of basic type `target`, before
/// looking at the value (an untyped float may become an `int` if it is integral).
pub fn untyped_kind_fits(kind: Basic, target: Basic) -> bool {
    match kind {
        Basic::UntypedBool => target.is_boolean(),
        Basic::UntypedInt | Basic::UntypedRune | Basic::UntypedFloat => target.is_numeric(),
        Basic::UntypedString => target.is_string(),
        Basic::UntypedNil => false,
        _ => kind == target,
    }
}

/// Whether a non-constant value of type `value` may be converted to `target` (spec:
/// "Conversions"). Constant conversions additionally need the value to be representable
/// in `target` when `target` is a constant type, which the checker asks the constant
/// arithmetic.
pub fn convertible(types: &mut Types, objects: &Objects, value: TypeId, target: TypeId) -> bool {
    if assignable(types, objects, value, target).is_ok() {
        return true;
    }
    let value = predicates::default_type(types, value);
    let (v_param, t_param) = (
        predicates::is_type_param(types, value),
        predicates::is_type_param(types, target),
    );
    if v_param || t_param {
        return type_param_convertible(types, objects, value, target);
    }
    let (vu, tu) = (types.underlying(value), types.underlying(target));
    if predicates::identical_ignore_tags(types, vu, tu) {
        return true;
    }
    if let (Type::Pointer(vb), Type::Pointer(tb)) = (types.get(value), types.get(target)) {
        let (vb, tb) = (*vb, *tb);
        let params = predicates::is_type_param(types, vb) || predicates::is_type_param(types, tb);
        if !params
            && predicates::identical_ignore_tags(types, types.underlying(vb), types.underlying(tb))
        {
            return true;
        }
    }
    basic_convertible(types, vu, tu)
}

/// The conversions between non-identical underlying types: numeric to numeric,
/// integer and byte/rune slices to string, string to byte/rune slices, and slices to
/// arrays or array pointers of the same element type.
fn basic_convertible(types: &Types, vu: TypeId, tu: TypeId) -> bool {
    let numeric = |t| predicates::is_numeric(types, t);
    let string = |t| predicates::is_string(types, t);
    let bytes_or_runes = |t: TypeId| match types.get(t) {
        Type::Slice(elem) => matches!(types.basic_kind(*elem), Some(Basic::Uint8 | Basic::Int32)),
        _ => false,
    };
    if numeric(vu) && numeric(tu) {
        return true;
    }
    if string(tu) && (predicates::is_integer(types, vu) || bytes_or_runes(vu)) {
        return true;
    }
    if string(vu) && bytes_or_runes(tu) {
        return true;
    }
    let Type::Slice(elem) = *types.get(vu) else {
        return false;
    };
    match types.get(tu) {
        Type::Array { elem: te, .. } => *te == elem,
        Type::Pointer(p) => {
            matches!(types.get(types.underlying(*p)), Type::Array { elem: te, .. } if *te == elem)
        }
        _ => false,
    }
}

/// Conversions involving type parameters hold if they hold for every pair of types from
/// the type sets (a non-parameter side counts as a one-type set).
fn type_param_convertible(
    types: &mut Types,
    objects: &Objects,
    value: TypeId,
    target: TypeId,
) -> bool {
    let set = |types: &Types, ty: TypeId| -> Option<Vec<TypeId>> {
        match types.get(ty) {
            Type::TypeParam(p) => {
                let terms = predicates::type_param_terms(types, *p)?;
                (!terms.is_empty()).then(|| terms.iter().map(|t| t.ty).collect())
            }
            _ => Some(vec![ty]),
        }
    };
    let (Some(vs), Some(ts)) = (set(types, value), set(types, target)) else {
        return false;
    };
    vs.iter()
        .all(|v| ts.iter().all(|t| convertible(types, objects, *v, *t)))
}

/// Why a type does not implement an interface: the first method (by name) that is
/// missing or wrong, and how.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingMethod {
    pub name: Name,
    pub reason: MissingReason,
}

#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum MissingReason {
    /// No method of that name.
    Missing,
    /// A method whose name differs only in case: `have` and `want` are the two names and
    /// signatures, for Go's `have m()` / `want M()` notes.
    WrongName {
        have: Name,
        have_sig: TypeId,
        want_sig: TypeId,
    },
    /// An unexported method of another package has that name.
    Unexported,
    /// The method exists with a different signature.
    WrongType { have_sig: TypeId, want_sig: TypeId },
    /// The method has a pointer receiver and the type is not a pointer.
    PointerReceiver,
    /// A field, not a method, has that name.
    Field,
    /// The interface or the type is a pointer to an interface.
    PointerToInterface { ptr: TypeId },
}

impl MissingMethod {
    /// The parenthesized cause Go prints after `T does not implement I`, with `have` and
    /// `want` notes on following lines indented by two tabs. `value` is the type that
    /// does not implement the interface.
    pub fn cause(&self, fmt: &TypeFmt<'_>, value: TypeId) -> String {
        let name = &self.name;
        match &self.reason {
            MissingReason::Missing => format!("(missing method {name})"),
            MissingReason::WrongName {
                have,
                have_sig,
                want_sig,
            } => format!(
                "(missing method {name})\n\t\thave {}\n\t\twant {}",
                fmt.method_str(have, *have_sig),
                fmt.method_str(name, *want_sig)
            ),
            MissingReason::Unexported => format!("(unexported method {name})"),
            MissingReason::WrongType { have_sig, want_sig } => {
                let (have, want) = (
                    fmt.method_str(name, *have_sig),
                    fmt.method_str(name, *want_sig),
                );
                if have == want {
                    format!("(wrong type for method {name})")
                } else {
                    format!("(wrong type for method {name})\n\t\thave {have}\n\t\twant {want}")
                }
            }
            MissingReason::PointerReceiver => format!("(method {name} has pointer receiver)"),
            MissingReason::Field => {
                format!("({}.{name} is a field, not a method)", fmt.type_str(value))
            }
            MissingReason::PointerToInterface { ptr } => {
                format!(
                    "(type {} is pointer to interface, not interface)",
                    fmt.type_str(*ptr)
                )
            }
        }
    }
}

/// Whether `ty` implements the interface `iface` (its method set includes every method
/// of the interface with an identical signature). Only the methods are checked; type-set
/// membership is constraint satisfaction (`generic::satisfies`).
///
/// # Errors
/// The first missing method in name order, with Go's reason.
pub fn implements(
    types: &mut Types,
    objects: &Objects,
    ty: TypeId,
    iface: TypeId,
) -> Result<(), MissingMethod> {
    if predicates::is_invalid(types, ty) || predicates::is_invalid(types, iface) {
        return Ok(());
    }
    let Some(want) = predicates::interface_of(types, iface).map(|i| i.methods.clone()) else {
        return Ok(());
    };
    for m in want {
        let reason = match check_method(types, objects, ty, &m.name, m.obj, m.sig) {
            Ok(()) => continue,
            Err(reason) => reason,
        };
        let reason = match pointer_to_interface(types, ty) {
            Some(ptr) if reason == MissingReason::Missing => {
                MissingReason::PointerToInterface { ptr }
            }
            _ => reason,
        };
        return Err(MissingMethod {
            name: m.name,
            reason,
        });
    }
    Ok(())
}

fn pointer_to_interface(types: &Types, ty: TypeId) -> Option<TypeId> {
    match types.get(ty) {
        Type::Pointer(elem) if predicates::is_interface(types, *elem) => Some(ty),
        _ => None,
    }
}

/// Checks one interface method `name` with signature `want_sig` against `ty`.
fn check_method(
    types: &mut Types,
    objects: &Objects,
    ty: TypeId,
    name: &Name,
    want_obj: super::types::ObjectId,
    want_sig: TypeId,
) -> Result<(), MissingReason> {
    let pkg = objects.get(want_obj).pkg;
    let found = match lookup::lookup_field_or_method(types, objects, ty, false, pkg, name) {
        LookupResult::Found(found) => found,
        LookupResult::NotAddressable(found) if found.ty == want_sig => {
            return Err(MissingReason::PointerReceiver);
        }
        LookupResult::NotAddressable(found) => {
            return Err(MissingReason::WrongType {
                have_sig: found.ty,
                want_sig,
            });
        }
        LookupResult::Ambiguous => return Err(MissingReason::Missing),
        LookupResult::NotFound => return Err(near_miss(types, objects, ty, name, want_sig)),
    };
    match found.kind {
        FoundKind::Field => Err(MissingReason::Field),
        _ if found.ty != want_sig => Err(MissingReason::WrongType {
            have_sig: found.ty,
            want_sig,
        }),
        _ => Ok(()),
    }
}

/// For a method not found by exact name: a method of the same name in another package
/// (unexported), or one whose name differs only in case, or nothing.
fn near_miss(
    types: &mut Types,
    objects: &Objects,
    ty: TypeId,
    name: &Name,
    want_sig: TypeId,
) -> MissingReason {
    let set = lookup::method_set(types, objects, ty);
    if set.iter().any(|e| e.name == *name) {
        return MissingReason::Unexported;
    }
    let folded = set
        .iter()
        .find(|e| e.name.to_lowercase() == name.to_lowercase());
    match folded {
        Some(e) => MissingReason::WrongName {
            have: e.name.clone(),
            have_sig: e.sig,
            want_sig,
        },
        None => MissingReason::Missing,
    }
}

#[cfg(test)]
mod tests;
