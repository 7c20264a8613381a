//! The `minigo` crate's integration tests: one binary, one module per concern.

mod diag;
mod frontend_props;
mod tidy;
