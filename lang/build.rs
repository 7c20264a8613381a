//! Generates the parser from `grammar/minigo.lalrpop` into `OUT_DIR/minigo.rs`.
//!
//! The grammar lives outside `lang/src` (in the workspace's `grammar/` folder) so that it
//! sits beside the crates as one reviewable artifact; only `lang::parse` includes the
//! generated module.

fn main() {
    println!("cargo:rerun-if-changed=../grammar/minigo.lalrpop");
    let res = lalrpop::Configuration::new()
        .emit_rerun_directives(true)
        .process_dir("../grammar");
    if let Err(err) = res {
        // A build script reports failure by exiting non-zero; the message says why.
        eprintln!("lalrpop failed on grammar/minigo.lalrpop: {err}");
        std::process::exit(1);
    }
}
