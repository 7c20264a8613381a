//! Type sets of constraint interfaces and constraint satisfaction.
//!
//! An interface's type set is kept flattened in [`Interface`]: its full method list, the
//! union of terms it restricts to (`None` = every type), and whether it embeds
//! `comparable`. [`flatten_interface`] builds that from the pieces an interface literal is
//! made of; [`satisfies`] decides whether a type argument is in a constraint's type set, with
//! Go's reasons when it is not.
//!
//! Invariant: the term lists this module produces never contain two terms of which one
//! includes the other (`~int | int` is kept as `~int`), so printing them matches what Go
//! shows, and an empty list means the empty type set (nothing satisfies it).

use super::super::assign::{self, MissingMethod};
use super::super::object::Objects;
use super::super::predicates;
use super::super::types::{Interface, Method, Term, Type, TypeId, Types};
use super::super::typestr::TypeFmt;

/// One embedded element of an interface literal: an interface (by name or literal), or
/// a union of terms (`~int | ~float64`, or a single non-interface term such as `int`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EmbeddedElem {
    Interface(TypeId),
    Union(Vec<Term>),
}

/// A method declared twice in one interface, directly or through embedding, with
/// different signatures (Go: `duplicate method M`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DuplicateMethod {
    pub name: crate::ast::Name,
}

/// The flattened interface made of explicit `methods` and `embedded` elements: methods
/// merged and sorted by name, terms intersected across elements, `comparable` kept.
///
/// # Errors
/// [`DuplicateMethod`] when two methods of one name have different signatures (the
/// same method reached twice through embedding is fine, as in Go 1.14+).
pub fn flatten_interface(
    types: &Types,
    methods: Vec<Method>,
    embedded: &[EmbeddedElem],
) -> Result<Interface, DuplicateMethod> {
    let mut res = Interface {
        methods: Vec::new(),
        terms: None,
        comparable: false,
    };
    for m in methods {
        add_method(&mut res.methods, m)?;
    }
    for elem in embedded {
        let (elem_methods, elem_terms, comparable) = match elem {
            EmbeddedElem::Interface(ty) => match predicates::interface_of(types, *ty) {
                Some(iface) => (iface.methods.clone(), iface.terms.clone(), iface.comparable),
                None => (
                    Vec::new(),
                    Some(vec![Term {
                        tilde: false,
                        ty: *ty,
                    }]),
                    false,
                ),
            },
            EmbeddedElem::Union(terms) => (Vec::new(), union_terms(types, terms), false),
        };
        for m in elem_methods {
            add_method(&mut res.methods, m)?;
        }
        res.terms = intersect_terms(types, res.terms.take(), elem_terms);
        res.comparable |= comparable;
    }
    res.methods.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(res)
}

fn add_method(methods: &mut Vec<Method>, m: Method) -> Result<(), DuplicateMethod> {
    match methods.iter().find(|have| have.name == m.name) {
        Some(have) if have.sig == m.sig => Ok(()),
        Some(_) => Err(DuplicateMethod { name: m.name }),
        None => {
            methods.push(m);
            Ok(())
        }
    }
}

/// The type set of a union, as terms: a term that is itself a constraint interface
/// contributes its own terms, and one that allows every type makes the whole union
/// unrestricted (`None`).
fn union_terms(types: &Types, terms: &[Term]) -> Option<Vec<Term>> {
    let mut acc: Vec<Term> = Vec::new();
    for term in terms {
        match predicates::interface_of(types, term.ty) {
            Some(iface) if !predicates::is_type_param(types, term.ty) => match &iface.terms {
                Some(inner) => inner.iter().for_each(|t| push_term(types, &mut acc, *t)),
                None => return None,
            },
            _ => push_term(types, &mut acc, *term),
        }
    }
    Some(acc)
}

/// Adds `term` unless an existing term already includes it; drops existing terms that
/// `term` includes.
fn push_term(types: &Types, acc: &mut Vec<Term>, term: Term) {
    if acc.iter().any(|have| term_includes(types, *have, term)) {
        return;
    }
    acc.retain(|have| !term_includes(types, term, *have));
    acc.push(term);
}

/// Whether every type of term `inner` is also in term `outer`.
fn term_includes(types: &Types, outer: Term, inner: Term) -> bool {
    match (outer.tilde, inner.tilde) {
        (true, _) => types.underlying(inner.ty) == outer.ty,
        (false, false) => outer.ty == inner.ty,
        (false, true) => false,
    }
}

/// Whether type `ty` is in the type set of `term`.
pub fn term_has(types: &Types, term: Term, ty: TypeId) -> bool {
    if term.tilde {
        types.underlying(ty) == types.underlying(term.ty)
    } else {
        ty == term.ty
    }
}

/// The intersection of two type sets given as term lists (`None` = all types).
pub fn intersect_terms(
    types: &Types,
    a: Option<Vec<Term>>,
    b: Option<Vec<Term>>,
) -> Option<Vec<Term>> {
    let (a, b) = match (a, b) {
        (None, other) | (other, None) => return other,
        (Some(a), Some(b)) => (a, b),
    };
    let mut acc = Vec::new();
    for x in &a {
        for y in &b {
            let meet = if term_includes(types, *x, *y) {
                Some(*y)
            } else if term_includes(types, *y, *x) {
                Some(*x)
            } else {
                None
            };
            if let Some(t) = meet {
                push_term(types, &mut acc, t);
            }
        }
    }
    Some(acc)
}

/// Why a type argument does not satisfy its constraint. [`NotSatisfied::detail`] gives
/// the parenthesized reason Go appends to `T does not satisfy C`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum NotSatisfied {
    /// The type lacks a method of the constraint.
    Method(MissingMethod),
    /// The type is not in the constraint's union: Go's `(T missing in ~int | ~float64)`.
    MissingInTerms { terms: Vec<Term> },
    /// The type is in the union as a defined type but the term lacks `~`: Go's
    /// `(possibly missing ~ for int in Number)`.
    PossiblyMissingTilde { term: TypeId },
    /// A type parameter whose own type set is larger than the constraint's (Go gives no
    /// further detail).
    TypeSetNotSubset,
    /// The constraint requires `comparable` and the type is not.
    NotComparable,
    /// The constraint's type set is empty (`interface{ int; string }`), so nothing
    /// satisfies it: Go's `cannot satisfy C (empty type set)`.
    EmptyTypeSet,
}

impl NotSatisfied {
    /// Go's whole message for a type argument `targ` that does not satisfy `constraint`:
    /// `string does not satisfy Number (string missing in ~int | ~float64)`,
    /// `T does not satisfy comparable`, `Rect does not satisfy Shape (missing method Area)`.
    pub fn message(&self, fmt: &TypeFmt<'_>, targ: TypeId, constraint: TypeId) -> String {
        let (v, c) = (fmt.type_str(targ), constraint_str(fmt, constraint));
        match self {
            NotSatisfied::Method(missing) => {
                format!("{v} does not satisfy {c} {}", missing.cause(fmt, targ))
            }
            NotSatisfied::MissingInTerms { terms } => {
                format!(
                    "{v} does not satisfy {c} ({v} missing in {})",
                    fmt.terms_str(terms)
                )
            }
            NotSatisfied::PossiblyMissingTilde { term } => {
                format!(
                    "{v} does not satisfy {c} (possibly missing ~ for {} in {c})",
                    fmt.type_str(*term)
                )
            }
            NotSatisfied::TypeSetNotSubset => format!("{v} does not satisfy {c}"),
            NotSatisfied::NotComparable => format!("{v} does not satisfy comparable"),
            NotSatisfied::EmptyTypeSet => format!("cannot satisfy {c} (empty type set)"),
        }
    }
}

/// A constraint as Go names it: a named constraint by name, an inline union (an implicit
/// interface such as `[T ~int | ~string]`) by its terms alone.
fn constraint_str(fmt: &TypeFmt<'_>, constraint: TypeId) -> String {
    match fmt.types.get(constraint) {
        Type::Interface(Interface {
            methods,
            terms: Some(terms),
            comparable: false,
        }) if methods.is_empty() => fmt.terms_str(terms),
        _ => fmt.type_str(constraint),
    }
}

/// Whether `targ` satisfies the constraint interface `constraint` (spec: "Satisfying a type
/// constraint"): it implements every method, lies in the type set, and is comparable if
/// required. Interfaces count as comparable here, as since Go 1.20.
///
/// # Errors
/// The first reason found, in Go's order: methods, then type set, then comparability.
pub fn satisfies(
    types: &mut Types,
    objects: &Objects,
    targ: TypeId,
    constraint: TypeId,
) -> Result<(), NotSatisfied> {
    if predicates::is_invalid(types, targ) {
        return Ok(());
    }
    let Some(iface) = predicates::interface_of(types, constraint).cloned() else {
        return Ok(());
    };
    if iface.terms.as_ref().is_some_and(Vec::is_empty) {
        return Err(NotSatisfied::EmptyTypeSet);
    }
    let methods_only = Interface {
        methods: iface.methods.clone(),
        terms: None,
        comparable: false,
    };
    let methods_iface = types.intern(Type::Interface(methods_only));
    assign::implements(types, objects, targ, methods_iface).map_err(NotSatisfied::Method)?;
    if let Some(terms) = &iface.terms {
        check_terms(types, targ, terms)?;
    }
    if iface.comparable && !predicates::is_comparable(types, targ) {
        return Err(NotSatisfied::NotComparable);
    }
    Ok(())
}

fn check_terms(types: &Types, targ: TypeId, terms: &[Term]) -> Result<(), NotSatisfied> {
    // A type parameter or an interface stands for its whole type set, which must be a
    // subset of the constraint's; Go gives no detail when it is not.
    let own_set = match types.get(targ) {
        Type::TypeParam(p) => Some(predicates::type_param_terms(types, *p)),
        _ if predicates::is_interface(types, targ) => {
            Some(predicates::interface_of(types, targ).and_then(|i| i.terms.as_deref()))
        }
        _ => None,
    };
    if let Some(own) = own_set {
        let subset = own.is_some_and(|own| {
            own.iter()
                .all(|t| terms.iter().any(|c| term_includes(types, *c, *t)))
        });
        return if subset {
            Ok(())
        } else {
            Err(NotSatisfied::TypeSetNotSubset)
        };
    }
    if terms.iter().any(|t| term_has(types, *t, targ)) {
        return Ok(());
    }
    let alt = terms
        .iter()
        .find(|t| !t.tilde && types.underlying(t.ty) == t.ty && types.underlying(targ) == t.ty);
    match alt {
        Some(t) => Err(NotSatisfied::PossiblyMissingTilde { term: t.ty }),
        None => Err(NotSatisfied::MissingInTerms {
            terms: terms.to_vec(),
        }),
    }
}

#[cfg(test)]
mod tests;
