//! Properties over any input (spans stay ordered, in bounds and on char boundaries; no
//! panic), and the conformance corpus, which must lex without a diagnostic.

use proptest::prelude::*;

use super::*;

/// Every program of the conformance corpus lexes without a single diagnostic.
#[test]
fn the_conformance_corpus_lexes_cleanly() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/conformance");
    let mut n_files = 0;
    for path in go_files(&root) {
        let Ok(src) = std::fs::read_to_string(&path) else {
            continue;
        };
        let lexed = lex(FileId(0), &src);
        assert_eq!(lexed.diagnostics, [], "{}", path.display());
        n_files += 1;
    }
    // The corpus lives beside the repository; when it is absent there is nothing to check.
    if root.exists() {
        assert!(n_files > 0, "no .go files under {}", root.display());
    }
}

fn go_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(go_files(&path));
        } else if path.extension().is_some_and(|e| e == "go") {
            out.push(path);
        }
    }
    out
}

/// The structural guarantees the parser relies on, for any input.
fn check_invariants(src: &str) {
    let lexed = lex(FileId(0), src);
    let mut prev_end = 0;
    for &(start, tok, end) in &lexed.tokens {
        assert!(
            start <= end && end <= src.len(),
            "{tok:?} {start}..{end} out of bounds"
        );
        assert!(
            start >= prev_end,
            "{tok:?} at {start} overlaps the previous token ending at {prev_end}"
        );
        assert!(src.is_char_boundary(start) && src.is_char_boundary(end));
        assert!(
            start < end || (tok == Semi && start == src.len()),
            "empty {tok:?} at {start}"
        );
        prev_end = end;
    }
    for d in &lexed.diagnostics {
        assert!(
            d.primary.range().end <= src.len() && src.is_char_boundary(d.primary.start as usize)
        );
    }
}

const SAMPLE: &str = "package main\n\nimport \"fmt\"\n\n/* block\ncomment */\nfunc main() {\n\tx := 0x1F + 017 + 1_000\n\
                      \ty := 1.5e-3 + .5 + 0x1p-2\n\tr := '\\u00e9'\n\ts := \"a\\tb\\xff\" + `raw\nline`\n\
                      \tch <- x &^ 3 // send\n\tfmt.Println(x, y, r, s...)\n}\n";

proptest! {
    #[test]
    fn arbitrary_text_never_breaks_the_invariants(src in "\\PC*") {
        check_invariants(&src);
    }

    #[test]
    fn go_like_text_never_breaks_the_invariants(src in "[a-z0-9_.'\"`\\\\/*+\\-<>=&|^!~:;,(){}\\[\\] \n\tépx]{0,80}") {
        check_invariants(&src);
    }

    #[test]
    fn mutated_programs_never_break_the_invariants(edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)) {
        let mut bytes = SAMPLE.as_bytes().to_vec();
        for (at, byte) in edits {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        check_invariants(&std::string::String::from_utf8_lossy(&bytes));
    }
}
