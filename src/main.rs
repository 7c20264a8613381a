//! The `minigo` command: `run`, `check`, `disasm`, `repl`.
fn main() {}
