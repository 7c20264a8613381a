//! The checker's output: a [`Program`], the typed view of the source the compiler consumes.
//!
//! The syntax tree is not annotated in place. Instead, like go/types' `Info`, the checker
//! fills side tables keyed by position: an expression by [`ExprKey`] (its file and its
//! [`ExprId`]), a declaring identifier by its [`Span`]. The compiler walks the same trees
//! (the user's files, which the caller owns, and [`Program::files`], the parsed declaration
//! files of imported packages) and looks each node up here.
//!
//! This module holds data only; the walker fills it. Invariants:
//! - every expression the checker visits has an entry in [`Info::exprs`], and an untyped
//!   constant's entry carries its *final* type (`x := 1` records `int` for `1`), except
//!   where the constant stays untyped by Go's rules (an operand of a shift count, a
//!   constant declaration's initializer, an argument of a builtin that accepts untyped
//!   values such as `print`);
//! - a type expression has mode [`ExprMode::Type`] and the denoted type as its `ty`;
//! - [`Info::implicit`] lists only conversions of a non-interface value to an interface;
//!   constant conversions are already in `exprs`.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use super::constops::Value;
use crate::ast::{self, ExprId, Name};
use crate::span::{FileId, Span};

use super::object::{Builtin, Objects, PackageId};
use super::scope::{ScopeId, Scopes};
use super::types::{ObjectId, TypeId, Types};

pub use super::lookup::{Selection, SelectionKind};

/// Identifies an expression: the file it is in and its id within that file.
pub type ExprKey = (FileId, ExprId);

/// What an expression denotes (go/types' operand modes).
#[derive(Clone, Debug, PartialEq)]
pub enum ExprMode {
    /// A call of a function without results.
    NoValue,
    /// A builtin function name, only valid as the callee of a call.
    Builtin(Builtin),
    /// A type expression.
    Type,
    /// A constant, with its exact value.
    Constant(Value),
    /// An addressable value: a variable, `*p`, a field of an addressable struct, an
    /// element of a slice or an addressable array.
    Variable,
    /// `m[k]`: assignable but not addressable.
    MapIndex,
    /// Any other value.
    Value,
    /// A value that yields a second, boolean result when assigned to two variables: a map
    /// index, a type assertion or a receive. When the checked code uses both results, the
    /// expression's `ty` is a two-element tuple of the value type and `bool`.
    CommaOk,
    /// An imported package's name, only valid on the left of a selector.
    Package(PackageId),
}

/// The mode and type of one expression.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeAndValue {
    pub mode: ExprMode,
    pub ty: TypeId,
}

impl TypeAndValue {
    /// The constant value, when the expression is a constant.
    pub fn value(&self) -> Option<&Value> {
        match &self.mode {
            ExprMode::Constant(v) => Some(v),
            _ => None,
        }
    }
}

/// The type arguments of one use of a generic function or type, and the resulting
/// instantiated type (a signature for a function, a named instance for a type).
#[derive(Clone, Debug, PartialEq)]
pub struct Instance {
    pub targs: Vec<TypeId>,
    pub ty: TypeId,
}

/// How one function uses its variables: the compiler allocates registers for `locals`
/// and heap cells for those in `captured`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FuncInfo {
    /// The declared function or method; `None` for a function literal.
    pub obj: Option<ObjectId>,
    /// The function declaration's or literal's span.
    pub span: Span,
    /// For a function literal: its expression.
    pub lit: Option<ExprKey>,
    /// Parameters (receiver first), named results and local variables, in declaration
    /// order, excluding those of nested function literals.
    pub locals: Vec<ObjectId>,
    /// Those of `locals` that some nested function literal refers to.
    pub captured: Vec<ObjectId>,
    /// Variables of enclosing functions that this function (a literal) refers to, directly
    /// or through its own nested literals.
    pub free: Vec<ObjectId>,
}

/// The initialization of package-level variables from one expression, in Go's order.
#[derive(Clone, Debug, PartialEq)]
pub struct Initializer {
    /// The variables assigned (several for `var a, b = f()`); `_` is not an object, so a
    /// blank variable appears as `None`.
    pub lhs: Vec<Option<ObjectId>>,
    /// The initializer expression.
    pub rhs: ExprKey,
    pub rhs_span: Span,
}

/// One package of the program.
#[derive(Clone, Debug, PartialEq)]
pub struct Package {
    /// The package name (`main`, `atomic` for `sync/atomic`).
    pub name: Name,
    /// The import path (`main` for the user's package).
    pub path: String,
    pub scope: ScopeId,
    pub files: Vec<FileId>,
    /// False for internal helper packages that user programs may not import.
    pub user_visible: bool,
    /// The packages this one imports.
    pub imports: Vec<PackageId>,
    /// Package-level variable initialization, in execution order (Go's dependency order).
    pub init_order: Vec<Initializer>,
    /// The package's `init` functions, in source order.
    pub inits: Vec<ObjectId>,
}

/// The side tables, in the spirit of go/types' `Info`.
#[derive(Clone, Debug, Default)]
pub struct Info {
    /// The mode and type of every checked expression, including type expressions.
    pub exprs: FxHashMap<ExprKey, TypeAndValue>,
    /// The object each identifier defines, keyed by the declaring identifier's span
    /// (variables, constants, types, functions, parameters, labels, import names,
    /// type-switch bindings: for those, `implicits` holds the per-clause objects).
    pub defs: FxHashMap<Span, ObjectId>,
    /// The object each identifier use denotes: `Ident` expressions by their own key, and
    /// qualified identifiers `pkg.Name` by the selector expression's key.
    pub uses: FxHashMap<ExprKey, ObjectId>,
    /// Field and method selections `x.f`, keyed by the selector expression (qualified
    /// identifiers are in `uses` instead).
    pub selections: FxHashMap<ExprKey, Selection>,
    /// Values converted implicitly to an interface type: at assignment, argument passing,
    /// return, send, composite literal elements, map keys, comparisons with an interface.
    /// The value is the interface type the expression's value is boxed into.
    pub implicit: FxHashMap<ExprKey, TypeId>,
    /// Instantiations of generic functions and types, keyed by the expression naming the
    /// generic object (an identifier, a qualified identifier, or an index expression).
    pub instances: FxHashMap<ExprKey, Instance>,
    /// The per-clause variable of a type switch with a binding, keyed by the clause span.
    pub implicits: FxHashMap<Span, ObjectId>,
    /// Every function declaration and literal, in the order the checker met them.
    pub funcs: Vec<FuncInfo>,
}

impl Info {
    pub fn type_of(&self, key: ExprKey) -> Option<TypeId> {
        self.exprs.get(&key).map(|tv| tv.ty)
    }
}

/// The typed program: everything the compiler needs besides the user's syntax trees.
#[derive(Debug, Default)]
pub struct Program {
    pub types: Types,
    pub objects: Objects,
    pub scopes: Scopes,
    /// Every package, imports before importers; the user's package `main` is last.
    pub packages: Vec<Package>,
    /// The parsed declaration files of imported packages (their bodies, when a standard
    /// function is written in mini-Go, are compiled like the user's).
    pub files: Vec<ast::File>,
    /// The exact value of every constant object.
    pub consts: HashMap<ObjectId, Value>,
    pub info: Info,
}

impl Program {
    /// The user's package `main`, when the program has one.
    pub fn main_package(&self) -> Option<&Package> {
        self.packages.last()
    }
}
