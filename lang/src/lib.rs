//! The minigo front end: source text to a type-checked program.
//!
//! `lexer` (logos, with Go's automatic semicolons) feeds `parse` (the LALRPOP grammar in
//! `grammar/minigo.lalrpop`), which builds the `ast`; `check` resolves names and proves
//! types. Every phase reports through `diag`. This crate never depends on the standard
//! library crate: package declarations reach the checker as source text through an
//! importer the caller supplies.

pub mod ast;
pub mod check;
pub mod compile;
pub mod constant;
pub mod diag;
pub mod lexer;
pub mod parse;
pub mod span;
pub mod token;
