//! The `minigo` crate's integration tests: one binary, one module per concern.

mod diag;
mod embed;
mod embed_chan;
mod embed_limits;
mod examples;
mod frontend_props;
mod golden;
mod gc_rss;
mod racy;
mod repl;
mod sync_stress;
mod tidy;
