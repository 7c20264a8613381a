//! The standard packages: their declaration files, and the native
//! implementations that the declarations leave without bodies (so far the pure
//! text engines behind them: [`fmt`] and [`strconv`]).
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

/// The qualified names of every native function, e.g. `"sync.mutexLock"` or
/// `"math/rand.Uint64"`: the functions the declaration files leave without a
/// body, prefixed by their package's import path. The VM's native table must
/// hold exactly these names.
///
/// ```
/// let natives: Vec<String> = minigo_stdlib::native_names().collect();
/// assert!(natives.iter().any(|name| name == "fmt.Println"));
/// assert!(!natives.iter().any(|name| name == "errors.New"));
/// ```
pub fn native_names() -> impl Iterator<Item = String> {
    TABLE.iter().flat_map(|pkg| {
        bodyless_functions(pkg.source).map(move |name| format!("{}.{name}", pkg.path))
    })
}

/// The names of the top-level functions without a body in a gofmt-formatted
/// declaration file: lines `func NAME(...)` that do not open or close a body
/// (a trailing `// native: ...` comment is ignored).
fn bodyless_functions(source: &str) -> impl Iterator<Item = &str> {
    source.lines().filter_map(|line| {
        let code = line.split(" // ").next().unwrap_or(line).trim_end();
        let rest = code.strip_prefix("func ")?;
        if code.ends_with('{') || code.ends_with('}') {
            return None;
        }
        let end = rest.find(['(', '[']).unwrap_or(rest.len());
        Some(&rest[..end])
    })
}

fn find(path: &str) -> Option<&'static Package> {
    TABLE.iter().find(|pkg| pkg.path == path)
}

pub mod fmt;
pub mod natives;
pub mod strconv;

#[cfg(test)]
mod tests;
