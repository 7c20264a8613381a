//! House rules that a program can check (STYLE.md, "Tooling"): every Rust module starts
//! with a `//!` header, no file is over the length cap, no trailing whitespace, and every
//! VM opcode has a doc comment.

use std::path::{Path, PathBuf};

const MAX_LINES: usize = 1000;
/// Files allowed past the cap: the dispatch loop keeps its arms together.
const LONG_FILE_ALLOWED: &[&str] = &["vm/src/exec.rs"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every tracked-looking `.rs` file of the workspace, skipping build output and fuzz corpora.
fn rust_files() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if path.is_dir() {
                if !name.starts_with('.')
                    && name != "target"
                    && name != "corpus"
                    && name != "artifacts"
                {
                    stack.push(path);
                }
            } else if name.ends_with(".rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Modules need a header; build scripts, test files and fuzz targets are not modules.
fn needs_header(rel: &str) -> bool {
    !(rel.ends_with("build.rs")
        || rel.starts_with("fuzz/")
        || rel.contains("/tests/")
        || rel.starts_with("tests/"))
}

#[test]
fn every_module_has_a_header() {
    let missing: Vec<String> = rust_files()
        .iter()
        .map(|p| (relative(p), std::fs::read_to_string(p).unwrap_or_default()))
        .filter(|(rel, text)| needs_header(rel) && !text.trim_start().starts_with("//!"))
        .map(|(rel, _)| rel)
        .collect();
    assert!(
        missing.is_empty(),
        "modules without a `//!` header: {missing:?}"
    );
}

#[test]
fn no_file_is_over_the_length_cap() {
    let long: Vec<String> = rust_files()
        .iter()
        .map(|p| {
            (
                relative(p),
                std::fs::read_to_string(p)
                    .unwrap_or_default()
                    .lines()
                    .count(),
            )
        })
        .filter(|(rel, n)| *n > MAX_LINES && !LONG_FILE_ALLOWED.contains(&rel.as_str()))
        .map(|(rel, n)| format!("{rel}: {n} lines"))
        .collect();
    assert!(long.is_empty(), "files over {MAX_LINES} lines: {long:?}");
}

#[test]
fn no_trailing_whitespace() {
    let mut bad = Vec::new();
    for path in rust_files() {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        for (i, line) in text.lines().enumerate() {
            if line.ends_with(' ') || line.ends_with('\t') {
                bad.push(format!("{}:{}", relative(&path), i + 1));
            }
        }
    }
    assert!(bad.is_empty(), "trailing whitespace at {bad:?}");
}

/// Each variant of `enum Op` is preceded by a `///` line (its register-transfer summary).
#[test]
fn every_opcode_is_documented() {
    let path = root().join("vm/src/op.rs");
    let Ok(text) = std::fs::read_to_string(&path) else {
        return;
    };
    let Some(start) = text.find("pub enum Op ") else {
        return;
    };
    let body = &text[start..];
    let end = body.find("\n}").unwrap_or(body.len());
    let mut prev_doc = false;
    let mut undocumented = Vec::new();
    for line in body[..end].lines().skip(1) {
        let t = line.trim();
        if t.starts_with("///") || t.starts_with("#[") {
            prev_doc |= t.starts_with("///");
            continue;
        }
        let is_variant = line.starts_with("    ")
            && !line.starts_with("     ")
            && t.chars().next().is_some_and(char::is_uppercase);
        if is_variant && !prev_doc {
            undocumented.push(t.to_string());
        }
        if is_variant || t.is_empty() {
            prev_doc = false;
        }
    }
    assert!(
        undocumented.is_empty(),
        "opcodes without a doc comment: {undocumented:?}"
    );
}
