//! Parser throughput: lines of Go per second, lexing included.
//!
//! The input is one large file made by concatenating the declarations of every
//! conformance program (found beside the repository as `../shared/conformance`): each
//! program's `package` clause and imports are dropped and one `package main` heads the
//! whole, so the statement and expression mix is that of real minigo code. Duplicate
//! names do not matter to the parser. Criterion reports elements (lines) per second.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use minigo_lang::parse::parse;
use minigo_lang::span::FileId;

/// How many copies of the corpus the input holds.
const COPIES: usize = 4;

fn collect_go_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_go_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "go") {
            out.push(path);
        }
    }
}

/// A program's text after its package clause and import declarations.
fn declarations(src: &str) -> String {
    let mut out = String::new();
    let mut in_imports = false;
    for line in src.lines() {
        let trimmed = line.trim_start();
        if in_imports {
            in_imports = trimmed != ")";
        } else if trimmed.starts_with("import (") {
            in_imports = true;
        } else if !trimmed.starts_with("package ") && !trimmed.starts_with("import ") {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn corpus_program() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/conformance");
    let mut files = Vec::new();
    collect_go_files(&root, &mut files);
    files.sort();
    let mut body = String::new();
    for path in files {
        body.push_str(&declarations(
            &std::fs::read_to_string(&path).unwrap_or_default(),
        ));
    }
    format!("package main\n\n{}", body.repeat(COPIES))
}

fn bench_parse(c: &mut Criterion) {
    let src = corpus_program();
    let (_, diags) = parse(FileId(0), &src);
    assert!(
        diags.is_empty(),
        "the benchmark input must parse cleanly: {:?}",
        diags.first()
    );
    let lines = src.lines().count() as u64;
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Elements(lines));
    group.bench_function("conformance_corpus", |b| {
        b.iter(|| parse(FileId(0), black_box(&src)))
    });
    group.finish();
}

criterion_group!(benches, bench_parse);
criterion_main!(benches);
