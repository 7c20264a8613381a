//! The intermediate shapes the grammar builds before the final AST node is known, and the
//! list helpers its macros use.
//!
//! Some Go constructs can only be classified once they are complete: a parameter list
//! (`a, b int` versus `int, string`), a type parameter list, a switch header (expression
//! switch or type switch), a `for` header. The grammar collects their parts into the types
//! here and hands them to the `ParseCx` constructors in `decl`, `expr` and `stmt`, which
//! decide. This module builds no AST nodes itself.

use super::ParseCx;
use crate::ast;
use crate::span::Span;

/// One top-level item of a file, in source order; `ParseCx::file` sorts them out.
// Each item lives only from its grammar action to `ParseCx::file`, so boxing the large
// variant would cost an allocation per declaration and save nothing.
#[allow(clippy::large_enum_variant)]
pub(crate) enum TopItem {
    Package(ast::Ident, Span),
    Imports(Vec<ast::Import>),
    Decl(ast::Decl),
    /// A declaration that failed to parse; its error is already recorded.
    Bad(Span),
}

/// One entry of a parameter list before grouping: `T`, `...T`, `name T` or `name ...T`.
pub(crate) struct ParamEntry {
    pub(crate) name: Option<ast::Ident>,
    pub(crate) ty: ast::Expr,
    pub(crate) variadic: bool,
    pub(crate) span: Span,
}

impl ParamEntry {
    pub(crate) fn unnamed(ty: ast::Expr, variadic: bool, span: Span) -> Self {
        ParamEntry {
            name: None,
            ty,
            variadic,
            span,
        }
    }

    pub(crate) fn named(name: ast::Ident, ty: ast::Expr, variadic: bool, span: Span) -> Self {
        ParamEntry {
            name: Some(name),
            ty,
            variadic,
            span,
        }
    }
}

/// One entry of a type parameter list before grouping: `T any` or a bare `T` that shares
/// the next entry's constraint (`[K, V any]`).
pub(crate) struct TParamEntry {
    pub(crate) name: ast::Ident,
    pub(crate) constraint: Option<ast::Constraint>,
}

impl TParamEntry {
    pub(crate) fn new(name: ast::Ident, constraint: Option<ast::Constraint>) -> Self {
        TParamEntry { name, constraint }
    }
}

/// The header of a `switch`: an optional init statement and an optional last part, which
/// is either an expression (the tag) or a type switch guard.
#[derive(Default)]
pub(crate) struct SwitchHead {
    pub(crate) init: Option<Box<ast::Stmt>>,
    pub(crate) tag: Option<Box<ast::Stmt>>,
}

impl SwitchHead {
    pub(crate) fn tag(tag: Box<ast::Stmt>) -> Self {
        SwitchHead {
            init: None,
            tag: Some(tag),
        }
    }

    pub(crate) fn new(init: Option<Box<ast::Stmt>>, tag: Option<Box<ast::Stmt>>) -> Self {
        SwitchHead { init, tag }
    }
}

/// The header of a `for` statement, in one of its three shapes.
// Short-lived like `TopItem`: built by one action and consumed by the next.
#[allow(clippy::large_enum_variant)]
pub(crate) enum ForHead {
    /// `for {}` or `for cond {}`.
    Cond(Option<ast::Expr>),
    /// `for init; cond; post {}`.
    Clauses(
        Option<Box<ast::Stmt>>,
        Option<ast::Expr>,
        Option<Box<ast::Stmt>>,
    ),
    /// `for k, v := range x` (`true` for `:=`), `for k = range x`, `for range x`.
    Range(Vec<ast::Expr>, bool, ast::Expr),
}

impl ParseCx<'_> {
    /// `v` with `e` appended when present: the tail of a list with an optional last element.
    pub(crate) fn push_opt<T>(&self, mut v: Vec<T>, e: Option<T>) -> Vec<T> {
        v.extend(e);
        v
    }

    pub(crate) fn push<T>(&self, mut v: Vec<T>, e: T) -> Vec<T> {
        v.push(e);
        v
    }

    /// Moves boxed list items into a plain list. The grammar boxes large nodes so that
    /// the parser's symbol stack stays narrow (every symbol is as wide as the widest).
    pub(crate) fn unboxed<T>(&self, v: Vec<Box<T>>) -> Vec<T> {
        v.into_iter().map(|b| *b).collect()
    }

    pub(crate) fn prepend<T>(&self, first: T, rest: Vec<T>) -> Vec<T> {
        let mut v = Vec::with_capacity(rest.len() + 1);
        v.push(first);
        v.extend(rest);
        v
    }

    /// The identifier whose text is `l..r`.
    pub(crate) fn ident(&self, l: usize, r: usize) -> ast::Ident {
        ast::Ident {
            name: self.text(l, r).into(),
            span: self.span(l, r),
        }
    }
}
