//! The standard packages: their declaration files, and (later) the native
//! implementations that the declarations leave without bodies.
//!
//! Each package is one mini-Go source file under `stdlib/decl/<import path>.go`,
//! embedded here with `include_str!`. A function without a body is native, as in
//! Go's own runtime; everything else is ordinary mini-Go that the checker and
//! compiler treat like user code. `decl/README.md` is the inventory of the natives
//! and the exact Go semantics each must have.
//!
//! This module owns the table of packages: which import paths exist, their source,
//! and which of them user programs may import. It does not parse or check the
//! declarations (the `lang` crate does, through the importer the `minigo` crate
//! builds over [`declaration`]), so `lang` never depends on this crate.
//!
//! Invariants (enforced by the tests): every path appears once; every file's
//! `package` clause names the last element of its path; every import in a
//! declaration file names a package in the table; [`PACKAGES`] lists exactly the
//! user-visible paths.

/// One standard package: its import path, declaration source, and visibility.
struct Package {
    path: &'static str,
    source: &'static str,
    /// False for helper packages that declaration files import but user programs
    /// may not (`io`, `cmp`, `iter`, `internal/sorting`).
    user_visible: bool,
}

/// Declares the package table from `(path, user_visible)` pairs; the source is
/// always `decl/<path>.go`, so a path and its file cannot drift apart.
macro_rules! packages {
    ($(($path:literal, $visible:literal)),* $(,)?) => {
        const TABLE: &[Package] = &[
            $(Package {
                path: $path,
                source: include_str!(concat!("../decl/", $path, ".go")),
                user_visible: $visible,
            }),*
        ];

        /// Every import path a user program may import, for completion and for the
        /// "package not found" diagnostic. Helper packages are not listed.
        pub const PACKAGES: &[&str] = &user_visible_paths();
        const N_USER_VISIBLE: usize = 0 $(+ $visible as usize)*;

        const fn user_visible_paths() -> [&'static str; N_USER_VISIBLE] {
            let mut res = [""; N_USER_VISIBLE];
            let mut n = 0;
            let mut i = 0;
            while i < TABLE.len() {
                if TABLE[i].user_visible {
                    res[n] = TABLE[i].path;
                    n += 1;
                }
                i += 1;
            }
            res
        }
    };
}

packages![
    ("context", true),
    ("errors", true),
    ("fmt", true),
    ("golang.org/x/sync/errgroup", true),
    ("maps", true),
    ("math", true),
    ("math/rand", true),
    ("os", true),
    ("runtime", true),
    ("slices", true),
    ("sort", true),
    ("strconv", true),
    ("strings", true),
    ("sync", true),
    ("sync/atomic", true),
    ("time", true),
    ("unicode/utf8", true),
    ("cmp", false),
    ("internal/sorting", false),
    ("io", false),
    ("iter", false),
];

/// The declaration file of the standard package with this import path, or `None`
/// if there is no such package. Helper packages have declarations too: check
/// [`is_user_visible`] before letting a user program import one.
///
/// ```
/// assert!(minigo_stdlib::declaration("fmt").unwrap().contains("package fmt"));
/// assert!(minigo_stdlib::declaration("net/http").is_none());
/// ```
pub fn declaration(path: &str) -> Option<&'static str> {
    find(path).map(|pkg| pkg.source)
}

/// Whether a user program may import `path`: true for the packages in
/// [`PACKAGES`], false for helper packages and for paths that do not exist.
///
/// ```
/// assert!(minigo_stdlib::is_user_visible("sync/atomic"));
/// assert!(!minigo_stdlib::is_user_visible("io"));
/// ```
pub fn is_user_visible(path: &str) -> bool {
    find(path).is_some_and(|pkg| pkg.user_visible)
}

/// Every package path with a declaration file, helper packages included.
pub fn all_paths() -> impl Iterator<Item = &'static str> {
    TABLE.iter().map(|pkg| pkg.path)
}

fn find(path: &str) -> Option<&'static Package> {
    TABLE.iter().find(|pkg| pkg.path == path)
}

pub mod fmt;
pub mod strconv;

#[cfg(test)]
mod tests;
