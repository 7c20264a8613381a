//! The bridge from the checker's `Importer` to the declaration files of `minigo_stdlib`.
//!
//! The front end never depends on the standard library crate (Architecture Invariant), so
//! the checker asks for a package's declaration source through this trait object. This
//! module also applies the embedder's allow/deny policy on packages once it exists.

use std::sync::Arc;

use minigo_lang::check::{Importer, PackageSource};

/// Serves every package `minigo_stdlib` declares.
#[derive(Debug, Default, Clone, Copy)]
pub struct StdImporter;

impl Importer for StdImporter {
    fn declaration(&self, path: &str) -> Option<PackageSource> {
        let text = minigo_stdlib::declaration(path)?;
        Some(PackageSource {
            file_name: format!("$GOROOT/{path}.go"),
            text: Arc::from(text),
            user_visible: minigo_stdlib::is_user_visible(path),
        })
    }
}
