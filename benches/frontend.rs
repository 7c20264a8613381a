//! Front-end throughput: lexing, parsing and checking a generated program of about
//! 50,000 lines. The program mixes the constructs real Go code is made of (types with
//! methods, loops, closures, maps, slices, switches, fmt calls), so that every phase does
//! representative work. Run with `cargo bench --bench frontend`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use minigo_lang::span::FileId;

#[path = "support/program.rs"]
mod support;

use support::program;

fn frontend(c: &mut Criterion) {
    let src = program(50_000);
    let lines = src.lines().count() as u64;
    let mut group = c.benchmark_group("frontend");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(src.len() as u64));
    group.bench_function("lex", |b| {
        b.iter(|| black_box(minigo_lang::lexer::lex(FileId(0), black_box(&src))))
    });
    group.throughput(Throughput::Elements(lines));
    group.bench_function("parse", |b| {
        b.iter(|| black_box(minigo_lang::parse::parse(FileId(0), black_box(&src))))
    });
    let files = [("bench.go".to_string(), src.clone())];
    group.bench_function("lex+parse+check", |b| {
        b.iter(|| {
            let checked = minigo::frontend::check_files(black_box(&files));
            assert!(checked.is_ok(), "the generated program must type-check");
            black_box(checked)
        })
    });
    group.finish();
}

criterion_group!(benches, frontend);
criterion_main!(benches);
