//! Lexer throughput: megabytes of Go-like source per second.
//!
//! The input is about 5 MB made by repeating the conformance programs (found beside the
//! repository as `../shared/conformance`), or a built-in snippet when the corpus is absent,
//! so the token mix is that of real minigo code. Criterion reports bytes per second.
//!
//! Three cases: `iterate` streams the tokens of the 5 MB text; `collect` stores them all
//! (34 MB of triples, so fresh-page faults weigh in); `per_file` collects each program
//! separately, which is how the compiler lexes.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use minigo_lang::lexer::{Lexer, lex};
use minigo_lang::span::FileId;

/// How much source to lex per iteration.
const TARGET_BYTES: usize = 5 << 20;

/// Used when the conformance corpus is not there.
const FALLBACK: &str = r#"package main

import (
	"fmt"
	"sync"
)

// worker squares the numbers it receives.
func worker(id int, jobs <-chan int, results chan<- int, wg *sync.WaitGroup) {
	defer wg.Done()
	for j := range jobs {
		results <- j * j /* squared */
	}
}

func main() {
	jobs, results := make(chan int, 100), make(chan int, 100)
	var wg sync.WaitGroup
	for w := 1; w <= 3; w++ {
		wg.Add(1)
		go worker(w, jobs, results, &wg)
	}
	x := 0x1F + 0o17 + 1_000 + 'a'
	y := 1.5e-3 * .5
	fmt.Printf("%d %g %s\n", x, y, `raw`)
}
"#;

/// The text of every conformance program, or the fallback snippet.
fn corpus_files() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/conformance");
    let mut paths = Vec::new();
    collect_go_files(&root, &mut paths);
    paths.sort();
    let files: Vec<String> = paths
        .iter()
        .filter_map(|path| std::fs::read_to_string(path).ok())
        .collect();
    if files.iter().all(|f| f.trim().is_empty()) {
        return vec![FALLBACK.to_owned()];
    }
    files
}

fn collect_go_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for path in entries.flatten().map(|e| e.path()) {
        if path.is_dir() {
            collect_go_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "go") {
            out.push(path);
        }
    }
}

fn bench_lex(c: &mut Criterion) {
    let files = corpus_files();
    let unit = files.join("\n");
    let src = unit.repeat(TARGET_BYTES / unit.len() + 1);
    let mut group = c.benchmark_group("lex");
    group.throughput(Throughput::Bytes(src.len() as u64));
    group.sample_size(20);
    group.bench_function("collect", |b| {
        b.iter(|| lex(FileId(0), black_box(&src)).tokens.len())
    });
    group.bench_function("iterate", |b| {
        b.iter(|| Lexer::new(FileId(0), black_box(&src)).count())
    });
    let corpus_bytes: usize = files.iter().map(String::len).sum();
    group.throughput(Throughput::Bytes(corpus_bytes as u64));
    group.bench_function("per_file", |b| {
        b.iter(|| {
            let lexed = files.iter().map(|f| lex(FileId(0), black_box(f)));
            lexed.map(|l| l.tokens.len()).sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench_lex);
criterion_main!(benches);
