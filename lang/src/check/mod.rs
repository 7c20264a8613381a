//! The type checker: resolves every name and proves every type of a program.
//!
//! [`check_program`] is the one entry point. It loads the standard packages the program
//! imports (their declaration files arrive as source text through an [`Importer`], so this
//! crate never depends on the standard library crate), checks each package once, imports
//! first, and then the user's package `main`. The result is a [`Program`]: the type and
//! object arenas plus side tables (in the spirit of go/types' `Info`) that the compiler
//! reads instead of re-deriving anything.
//!
//! How a package is checked (modelled on go/types and types2):
//! 1. `package` collects every package-level declaration of every file into the package
//!    scope, and each file's imports into a file scope.
//! 2. Package-level objects are checked lazily: whenever a name resolves to one that is not
//!    done yet, its declaration is checked first (`decl`), so declarations may appear in any
//!    order; an object met again while in progress is a cycle.
//! 3. Function bodies are checked after all package-level declarations (`stmt`, `expr`,
//!    `call`, `builtin`), then unused imports are reported and the initialization order of
//!    package-level variables is computed.
//!
//! The walker is split by concept: `checker` (state and shared helpers), `package`,
//! `decl`, `typexpr`, `operand` (untyped conversion and assignability messages), `expr`,
//! `access` (selectors, indexing, slicing), `composite`, `call`, `builtin`, `stmt`,
//! `assignments`, `control`, `flow` (terminating statements), `exprstr` (expressions as
//! messages quote them), `constops` (the constant arithmetic as the walker asks for it),
//! `error` (Go's wording) and `info` (the output). The pure relations between types
//! (identity, assignability, lookup, generics, printing) live in `predicates`, `lookup`,
//! `assign`, `generic` and `typestr`.
//!
//! Known deviation from gc's messages: `byte` and `rune` print as `uint8` and `int32`,
//! because the arena interns aliases to one type.
//!
//! Invariants: one error per root cause — an operand of type `Invalid` is accepted
//! silently everywhere; every expression the walker visits gets an entry in
//! [`info::Info::exprs`]; the walker never panics on user input.

mod access;
pub mod assign;
mod assignments;
mod binary;
mod builtin;
mod call;
mod checker;
mod composite;
pub mod constops;
mod control;
mod decl;
pub mod error;
mod expr;
pub mod exprstr;
pub mod flow;
pub mod generic;
pub mod info;
pub mod lookup;
pub mod object;
mod operand;
mod package;
pub mod predicates;
pub mod scope;
mod stmt;
#[cfg(test)]
mod testkit;
#[cfg(test)]
mod tests;
pub mod types;
pub mod typestr;
mod typexpr;
pub mod universe;

use std::sync::Arc;

use crate::ast;
use crate::diag::Diagnostic;
use crate::span::SourceMap;

pub use info::Program;

/// Supplies the declaration source of standard packages. Implemented by the CLI and the
/// embedding crate over the standard library's declaration files.
pub trait Importer {
    /// The declaration file of the package with this import path (e.g. `"fmt"`,
    /// `"sync/atomic"`, `"golang.org/x/sync/errgroup"`), or `None` if there is no such
    /// package.
    fn declaration(&self, path: &str) -> Option<PackageSource>;
}

/// One package's declaration file.
#[derive(Clone, Debug)]
pub struct PackageSource {
    /// The name diagnostics show for the file.
    pub file_name: String,
    pub text: Arc<str>,
    /// False for internal helper packages (like `"io"` or `"cmp"`) that declaration files
    /// may import but user programs may not.
    pub user_visible: bool,
}

/// Type-checks the user's package `main` (`files`) and every package it imports.
///
/// Declaration files of imported packages are parsed here and added to `sources`, so that
/// diagnostics can name them. Never fails: errors come back as diagnostics, sorted by
/// position, and the [`Program`] is complete enough to inspect even then (erroneous
/// expressions have type `Invalid`).
pub fn check_program(
    sources: &mut SourceMap,
    files: &[ast::File],
    importer: &dyn Importer,
) -> (Program, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let loaded = package::load_imports(sources, files, importer, &mut diags);
    let (mut program, errors) = {
        let mut ck = checker::Checker::new();
        // Nearly every expression gets a type, so sizing the table up front saves its
        // rehashing as it grows (a tenth of the checker's time on large programs).
        let n_exprs: usize = (loaded.iter().flat_map(|p| &p.files))
            .chain(files)
            .map(|f| f.n_exprs as usize)
            .sum();
        ck.info.exprs.reserve(n_exprs);
        ck.info.uses.reserve(n_exprs / 2);
        for pkg in &loaded {
            ck.check_package(&pkg.path, &pkg.files, pkg.user_visible, false);
        }
        ck.check_package("main", files, true, true);
        ck.finish()
    };
    program.files = loaded.into_iter().flat_map(|p| p.files).collect();
    diags.extend(errors.into_iter().map(error::TypeError::into_diagnostic));
    // Sorted by position; the caller caps the count (`diag::finish`).
    diags.sort_by_key(|d| (d.primary.file, d.primary.start));
    (program, diags)
}
