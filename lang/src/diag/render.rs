//! Printing diagnostics: the plain `FILE:LINE:COL: message` line and the ariadne rendering.
//!
//! This is the only module that uses ariadne. It is configured for byte offsets
//! (`IndexType::Byte`), because spans are byte ranges, and colour is a parameter so tests
//! snapshot plain text. It decides nothing about which errors exist or their order
//! (`diag::finish` does that).

use std::io;

use ariadne::{Config, IndexType, Label, Report, ReportKind, Source};

use super::{Diagnostic, Severity};
use crate::span::{FileId, SourceMap};

/// Whether the ariadne rendering uses ANSI colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Color {
    On,
    Off,
}

/// `FILE:LINE:COL: message`, the line editors and CI parse. Multi-line messages (Go's
/// `have (...)`/`want (...)` continuation lines) keep their tab-indented tail.
pub fn plain(diag: &Diagnostic, sources: &SourceMap) -> String {
    let file = sources.get(diag.primary.file);
    let (line, col) = file.line_col(diag.primary.start);
    format!("{}:{}:{}: {}", file.name, line, col, diag.message)
}

/// The ariadne rendering: the message, the source line, the primary label and any
/// secondary labels in the same file, then the notes.
pub fn pretty(
    diag: &Diagnostic,
    sources: &SourceMap,
    color: Color,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let file = sources.get(diag.primary.file);
    let name = file.name.as_str();
    let kind = match diag.severity {
        Severity::Error => ReportKind::Error,
        Severity::Warning => ReportKind::Warning,
    };
    let config = Config::default()
        .with_index_type(IndexType::Byte)
        .with_color(color == Color::On);
    let head = diag.message.lines().next().unwrap_or_default();
    let mut report = Report::build(kind, (name, clamp(diag.primary.range(), file.text.len())))
        .with_config(config)
        .with_message(head)
        .with_label(
            Label::new((name, clamp(diag.primary.range(), file.text.len()))).with_message(head),
        );
    for label in diag
        .labels
        .iter()
        .filter(|l| l.span.file == diag.primary.file)
    {
        let range = clamp(label.span.range(), file.text.len());
        report = report.with_label(Label::new((name, range)).with_message(&label.message));
    }
    for note in notes(diag, sources) {
        report = report.with_note(note);
    }
    report
        .finish()
        .write((name, Source::from(file.text.as_ref())), out)
}

/// The message's continuation lines, the explicit notes, and secondary labels that point
/// into other files (ariadne draws one file per report), as text.
fn notes(diag: &Diagnostic, sources: &SourceMap) -> Vec<String> {
    let mut notes: Vec<String> = diag
        .message
        .lines()
        .skip(1)
        .map(|l| l.trim().to_string())
        .collect();
    notes.extend(diag.notes.iter().cloned());
    for label in diag
        .labels
        .iter()
        .filter(|l| l.span.file != diag.primary.file)
    {
        notes.push(format!(
            "{}: {}",
            location(label.span.file, label.span.start, sources),
            label.message
        ));
    }
    notes
}

fn location(file: FileId, offset: u32, sources: &SourceMap) -> String {
    let f = sources.get(file);
    let (line, col) = f.line_col(offset);
    format!("{}:{}:{}", f.name, line, col)
}

/// An empty span (an inserted semicolon at EOF) still needs one column for ariadne to draw.
fn clamp(range: std::ops::Range<usize>, len: usize) -> std::ops::Range<usize> {
    let start = range.start.min(len);
    let end = range.end.clamp(start, len);
    start..end.max(start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn sample() -> (SourceMap, Diagnostic) {
        let mut sources = SourceMap::new();
        let file = sources.add("main.go", "package main\n\nfunc main() {\n\tx := 1\n}\n");
        let diag = Diagnostic::error(
            "unused-variable",
            Span::new(file, 29, 30),
            "declared and not used: x",
        );
        (sources, diag)
    }

    #[test]
    fn plain_line_has_file_line_col() {
        let (sources, diag) = sample();
        assert_eq!(
            plain(&diag, &sources),
            "main.go:4:2: declared and not used: x"
        );
    }

    #[test]
    fn pretty_shows_source_line_without_colour() {
        let (sources, diag) = sample();
        let mut out = Vec::new();
        pretty(&diag, &sources, Color::Off, &mut out).expect("writing to a Vec cannot fail");
        let text = String::from_utf8(out).expect("ariadne writes UTF-8");
        assert!(text.contains("declared and not used: x"), "{text}");
        assert!(text.contains("x := 1"), "{text}");
        assert!(
            !text.contains('\u{1b}'),
            "no ANSI escapes with colour off: {text}"
        );
    }

    #[test]
    fn pretty_survives_empty_span_at_end_of_file() {
        let (sources, mut diag) = sample();
        let len = sources.get(diag.primary.file).text.len();
        diag.primary = Span::new(diag.primary.file, len, len);
        let mut out = Vec::new();
        pretty(&diag, &sources, Color::Off, &mut out).expect("writing to a Vec cannot fail");
    }
}
