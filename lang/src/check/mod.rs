//! The type checker: resolves every name and proves every type of a package.
//!
//! (Being written: the module doc describes the full design once complete.)

pub mod object;
pub mod types;
