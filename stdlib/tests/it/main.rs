//! Integration tests of the declaration files against the real front end: every
//! file parses without a diagnostic, and every package type-checks when a
//! program imports it.

use minigo_lang::check::{self, Importer, PackageSource};
use minigo_lang::diag::Diagnostic;
use minigo_lang::span::{FileId, SourceMap};

mod natives;

/// The importer the CLI builds, over this crate's table.
struct StdImporter;

impl Importer for StdImporter {
    fn declaration(&self, path: &str) -> Option<PackageSource> {
        let text = minigo_stdlib::declaration(path)?;
        Some(PackageSource {
            file_name: format!("{path}.go"),
            text: text.into(),
            user_visible: minigo_stdlib::is_user_visible(path),
        })
    }
}

/// Renders diagnostics as `FILE:LINE:COL: message` lines for assertion messages.
fn render(sources: &SourceMap, diags: &[Diagnostic]) -> String {
    let mut res = String::new();
    for d in diags {
        let file = sources.get(d.primary.file);
        let (line, col) = file.line_col(d.primary.start);
        res += &format!("{}:{line}:{col}: {}\n", file.name, d.message);
    }
    res
}

#[test]
fn every_declaration_file_parses_cleanly() {
    let mut failures = String::new();
    for path in minigo_stdlib::all_paths() {
        let mut sources = SourceMap::new();
        let text = minigo_stdlib::declaration(path).unwrap_or_default();
        let id: FileId = sources.add(format!("{path}.go"), text);
        let (_, diags) = minigo_lang::parse::parse(id, text);
        failures += &render(&sources, &diags);
    }
    assert!(
        failures.is_empty(),
        "declaration files do not parse:\n{failures}"
    );
}

/// Type-checks `src` as package main with the standard importer and returns the
/// rendered diagnostics.
fn check_main(src: &str) -> String {
    let mut sources = SourceMap::new();
    let id = sources.add("main.go", src);
    let (file, mut diags) = minigo_lang::parse::parse(id, src);
    let (_, check_diags) = check::check_program(&mut sources, &[file], &StdImporter);
    diags.extend(check_diags);
    render(&sources, &diags)
}

#[test]
fn every_package_type_checks_when_imported() {
    let mut failures = String::new();
    for path in minigo_stdlib::PACKAGES {
        let src = format!("package main\n\nimport _ \"{path}\"\n\nfunc main() {{}}\n");
        failures += &check_main(&src);
    }
    assert!(
        failures.is_empty(),
        "declaration files do not type-check:\n{failures}"
    );
}

/// The conformance programs expected to compile: everything except the
/// `fail/compile_*` tests, which must be rejected.
fn conformance_programs() -> Vec<std::path::PathBuf> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/conformance");
    let mut res = Vec::new();
    for dir in ["seeds", "lang", "conc", "fail"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            if name.ends_with(".go") && !name.starts_with("compile_") {
                res.push(path);
            }
        }
    }
    res.sort();
    res
}

/// Whether a diagnostic is the standard library's fault: it sits in a
/// declaration file, or it says a package member or a method of a standard type
/// does not exist.
fn blames_stdlib(line: &str) -> bool {
    let in_decl_file = !line.starts_with("main.go:");
    let missing_member = (line.contains("undefined: ") || line.contains("has no field or method"))
        && minigo_stdlib::PACKAGES
            .iter()
            .any(|path| line.contains(&format!("{}.", path.rsplit('/').next().unwrap_or(path))));
    in_decl_file || missing_member
}

#[test]
fn conformance_programs_find_everything_they_use() {
    let programs = conformance_programs();
    assert!(!programs.is_empty(), "the conformance corpus was not found");
    let mut failures = String::new();
    for path in &programs {
        let Ok(src) = std::fs::read_to_string(path) else {
            continue;
        };
        for line in check_main(&src).lines().filter(|line| blames_stdlib(line)) {
            failures += &format!("{}: {line}\n", path.display());
        }
    }
    assert!(failures.is_empty(), "standard library gaps:\n{failures}");
}

#[test]
fn generic_and_opaque_apis_are_usable_from_user_code() {
    let diags = check_main(include_str!("usage.go"));
    assert!(diags.is_empty(), "usage.go does not type-check:\n{diags}");
}
