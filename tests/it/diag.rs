//! Snapshot tests of diagnostics: every `tests/diag/*.mg` program has at least one error,
//! and its plain lines plus the ariadne rendering (colour off) are snapshotted with insta,
//! so a change of wording is a reviewed diff (`cargo insta review`).

use minigo_lang::diag::render::{self, Color};

#[test]
fn diagnostics_are_snapshotted() {
    insta::glob!(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests"),
        "diag/*.mg",
        |path| {
            let text = std::fs::read_to_string(path).expect("test programs are readable");
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let checked = minigo::frontend::check_files(&[(name, text)]);
            assert!(!checked.is_ok(), "{} must not type-check", path.display());
            let mut out = Vec::new();
            checked
                .write_diagnostics(None, &mut out)
                .expect("writing to a Vec cannot fail");
            out.extend_from_slice(b"\n");
            for d in &checked.diagnostics {
                render::pretty(d, &checked.sources, Color::Off, &mut out)
                    .expect("writing to a Vec cannot fail");
            }
            insta::assert_snapshot!(String::from_utf8_lossy(&out));
        }
    );
}
