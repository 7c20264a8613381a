//! Declares the `loom` cfg so that `RUSTFLAGS="--cfg loom"` model-checking builds and ordinary
//! builds both compile without `unexpected_cfgs` warnings.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(loom)");
}
