//! The compiler: a checked program ([`check::Program`]) to VM bytecode ([`minigo_vm::Program`]).
//!
//! This module owns the lowering of typed syntax to register bytecode. It trusts the checker
//! completely: every type, constant value, resolution, selection and implicit interface
//! conversion is read from the checker's side tables, never re-derived. It does not run
//! anything, link natives or schedule goroutines.
//!
//! # How a program is laid out
//! - Every function with a body (the user's and the standard packages' written in mini-Go)
//!   gets a [`FuncIdx`](minigo_vm::op::FuncIdx) before any code is generated, so calls and
//!   method tables can name functions compiled later. Function literals are appended as
//!   they are met, named as Go's stack traces name them (`main.main.func1`).
//! - The entry is a synthesized function named `runtime.main` (the name of Go's own
//!   function that does the same): it initializes every package's variables in the
//!   checker's dependency order, calls each package's `init` functions, then `main.main`.
//! - Package-level variables are globals, one word each.
//!
//! # Values
//! Every value is one word (see `minigo_vm::value`). A struct or array value is a pointer to
//! its heap object, and that object *is* the variable: `&x` of a struct variable is the
//! word `x` itself. Value semantics come from copying: a value read from existing storage
//! (a variable, field, element or dereference) is copied (`CopyObject`, recursively for
//! nested struct fields) when it is stored elsewhere, boxed or returned, and every callee
//! copies its struct and array parameters on entry. A variable that is captured by a
//! closure or whose address is taken lives in a one-word heap cell. A pointer to any other
//! one-word location (`&s.n`, `&a[i]`, `&slice[i]`, `&global`) is a tagged word naming the
//! object and the word's index (`minigo_vm::heap::pointer`), loaded and stored with
//! `LoadPtr`/`StorePtr`; `&x` of a cell is the cell itself (index 0).
//!
//! # Natives
//! A function without a body in a standard package's declaration file becomes an entry of
//! the native table, named by its package and name: `fmt.Println`, `strings.Repeat`. A
//! method is named `(T).M` or `(*T).M` with `T` package-qualified:
//! `(*sync.WaitGroup).Add`, `(time.Duration).String`. A native
//! receives one word per parameter (the receiver first); a variadic parameter `...T`
//! arrives as one word, a `[]T` slice (for `...any`, a slice of interface values built by
//! the caller, each argument boxed). It writes one word per result, in order, starting at
//! argument slot 0. The `print`/`println` builtins lower, like Go's compiler, to calls of
//! the natives `runtime.printint`, `runtime.printuint`, `runtime.printfloat`,
//! `runtime.printbool`, `runtime.printstring`, `runtime.printpointer` (one argument each),
//! `runtime.printsp` and `runtime.printnl` (none); they are linked with the others.
//!
//! A function *with* a body in a declaration file is compiled like the user's code; if it
//! uses something this compiler cannot lower yet (an interior pointer such as `&x.v` in
//! `sync/atomic`), its body becomes a forwarder to a native of the same (native) name,
//! `(*atomic.Int64).Add`, for the standard library to supply. A native used as a func
//! value is wrapped the same way.
//!
//! # Known gaps
//! Struct and array map keys (compared by object identity); `recover()` in a deferred call that takes arguments (the
//! call goes through a thunk, so the recovering frame is one level too deep: a deferred
//! call without arguments is deferred directly and recovers as in Go); maps whose values
//! are structs (a missing key yields the nil word, not a zero struct).
//!
//! # Generics
//! The instruction set is typed (`AddInt` versus `AddFloat`, `EqString`), so a generic body
//! cannot be compiled once for all type arguments without a dictionary and dynamic dispatch
//! on every operator. Generic functions and the methods of generic types are therefore
//! compiled by monomorphization (`mono`): one function per (declaration, concrete type
//! arguments), requested on demand by calls, func values, method calls and method tables,
//! and compiled from a worklist, so instances of instances work. While an instance is
//! compiled, every type read from the checker goes through `Compiler::sub`; the
//! substituted types live in the compiler's copy of the type arena (`Compiler::tys`), so
//! the checked program is never mutated.
//!
//! Invariants: an operand that does not fit its field (more than 256 registers, more than
//! 65,536 constants) is a diagnostic, never truncated; every function ends in a terminator.

mod arith;
mod builder;
mod builtin;
mod call;
mod expr;
mod forward;
mod itabs;
mod loops;
mod lower;
mod mono;
mod pointer;
mod promote;
mod rterror;
mod select;
mod stmt;
mod store;
mod thunk;
mod types;
mod unit;
mod visit;

#[cfg(test)]
mod tests;

use crate::ast;
use crate::check;
use crate::diag::Diagnostic;
use crate::span::{SourceMap, Span};

/// Why a program could not be compiled: only limits of the bytecode, and language features
/// this compiler does not lower yet.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CompileError {
    #[error("function has too many locals (more than 256 registers)")]
    TooManyRegisters { span: Span },
    #[error("program has too many {what} (more than 65536)")]
    TooMany { what: &'static str, span: Span },
    #[error("jump too far")]
    JumpTooFar { span: Span },
    #[error("{what} is not supported by the compiler yet")]
    Unsupported { what: String, span: Span },
}

impl CompileError {
    fn span(&self) -> Span {
        match self {
            CompileError::TooManyRegisters { span }
            | CompileError::TooMany { span, .. }
            | CompileError::JumpTooFar { span }
            | CompileError::Unsupported { span, .. } => *span,
        }
    }

    /// The error as a diagnostic with code `compile`.
    pub fn into_diagnostic(self) -> Diagnostic {
        Diagnostic::error("compile", self.span(), self.to_string())
    }
}

/// Compiles a checked program. Functions get no line table; see [`compile_with_sources`].
///
/// # Errors
/// Every limit of the bytecode the program exceeds and every construct not yet supported.
pub fn compile(
    program: &check::Program,
    user_files: &[ast::File],
) -> Result<minigo_vm::Program, Vec<Diagnostic>> {
    compile_with_sources(program, user_files, None)
}

/// Compiles a checked program; with `sources`, every function gets a pc → line table.
///
/// # Errors
/// As [`compile`].
pub fn compile_with_sources(
    program: &check::Program,
    user_files: &[ast::File],
    sources: Option<&SourceMap>,
) -> Result<minigo_vm::Program, Vec<Diagnostic>> {
    let mut unit = unit::Compiler::new(program, sources);
    unit.compile_all(user_files);
    unit.finish().map_err(|errors| {
        errors
            .into_iter()
            .map(CompileError::into_diagnostic)
            .collect()
    })
}
