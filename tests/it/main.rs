//! The `minigo` crate's integration tests: one binary, one module per concern.

mod diag;
mod embed;
mod embed_chan;
mod embed_limits;
mod examples;
mod frontend_props;
mod gc_rss;
mod golden;
mod racy;
mod repl;
mod sync_stress;
mod tidy;
