//! minigo as a library: the pipeline behind the `minigo` command, and (as it grows) the
//! embedding API for running minigo programs inside Rust hosts.
//!
//! Today it exposes the pipeline: [`frontend::check_files`] parses and type-checks a
//! program against the standard packages and returns its diagnostics, and
//! [`run::run_files`] compiles and runs it on the M:N runtime. [`embed`] is the embedding
//! API: engines, scripts, typed calls, host packages, channels and sandbox limits.
#![deny(missing_docs)]

pub mod embed;
pub mod frontend;
mod importer;
pub mod repl;
pub mod run;

/// The version of minigo, as `minigo version` prints it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
