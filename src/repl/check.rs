//! Checking and compiling one spelling of the session, and reporting its errors against
//! what the user typed.
//!
//! Owns: [`Checked`], [`check`] (parse and check with the REPL's relaxed rules), [`report`]
//! (diagnostics whose position is in the current input are shown in the input's own
//! lines). Does not own: the language rules (the checker's), nor rendering (`diag::render`).
//!
//! The relaxed rules: `declared and not used` and `imported and not used` are not errors in
//! a session (imports persist across inputs that may not use them, and a variable may be
//! used only by a later input); in a probe, neither is an expression statement whose value
//! is unused, since the REPL prints it.

use std::io::Write;

use minigo_lang::ast;
use minigo_lang::check::{self, Program};
use minigo_lang::diag::{self, Diagnostic, render};
use minigo_lang::span::{FileId, SourceMap, Span};

use super::source::{FILE_NAME, Spelled};
use crate::importer::StdImporter;

/// A checked spelling of the session.
pub struct Checked {
    /// Every file: the session's and the standard declarations loaded.
    pub sources: SourceMap,
    /// The session's parsed file.
    pub file: ast::File,
    /// The typed program.
    pub program: Program,
}

/// Diagnostics of one check, with what is needed to show them.
pub struct Errors {
    diagnostics: Vec<Diagnostic>,
    sources: SourceMap,
    session: FileId,
}

/// Parses and checks `spelled`; `probe` also accepts unused expression values.
///
/// # Errors
/// The diagnostics, to be shown with [`report`].
pub fn check(spelled: &Spelled, probe: bool) -> Result<Checked, Errors> {
    let mut sources = SourceMap::new();
    let id = sources.add(FILE_NAME, spelled.text.as_str());
    let (file, diags) = minigo_lang::parse::parse(id, &spelled.text);
    if !diags.is_empty() {
        return Err(Errors {
            diagnostics: diags,
            sources,
            session: id,
        });
    }
    let (program, diags) =
        check::check_program(&mut sources, std::slice::from_ref(&file), &StdImporter);
    let relaxed = |d: &Diagnostic| {
        matches!(d.code, "unused-variable" | "unused-import")
            || (probe && d.code == "unused-expression")
    };
    let diags: Vec<Diagnostic> = diags.into_iter().filter(|d| !relaxed(d)).collect();
    if diags.is_empty() {
        Ok(Checked {
            sources,
            file,
            program,
        })
    } else {
        Err(Errors {
            diagnostics: diags,
            sources,
            session: id,
        })
    }
}

impl Checked {
    /// Compiles the checked program.
    ///
    /// # Errors
    /// The compiler's diagnostics.
    pub fn compile(self) -> Result<minigo_vm::Program, Errors> {
        let files = std::slice::from_ref(&self.file);
        match minigo_lang::compile::compile_with_sources(&self.program, files, Some(&self.sources))
        {
            Ok(program) => Ok(program),
            Err(diagnostics) => Err(Errors {
                diagnostics,
                session: self.file.id,
                sources: self.sources,
            }),
        }
    }
}

/// Writes `errors`: each diagnostic in the current input points into `input` (named
/// `<input>`), the others into the session's program; with `pretty`, the ariadne
/// rendering follows each plain line.
pub fn report(
    errors: Errors,
    spelled: &Spelled,
    input: &str,
    pretty: Option<render::Color>,
    out: &mut dyn Write,
) {
    let (diagnostics, _) = diag::finish(errors.diagnostics);
    let mut shown = SourceMap::new();
    let input_id = shown.add("<input>", input);
    for d in diagnostics {
        let (d, sources) = match in_input(&d, spelled, errors.session, input_id) {
            Some(moved) => (moved, &shown),
            None => (d, &errors.sources),
        };
        let _ = writeln!(out, "{}", render::plain(&d, sources));
        if let Some(color) = pretty {
            let _ = render::pretty(&d, sources, color, out);
        }
    }
}

/// The diagnostic moved into the input's own file when its primary span is in the input.
fn in_input(
    d: &Diagnostic,
    spelled: &Spelled,
    session: FileId,
    input_id: FileId,
) -> Option<Diagnostic> {
    let moved = |span: Span| -> Option<Span> {
        let (range, at) = spelled
            .input_parts
            .iter()
            .find(|(r, _)| r.start <= span.start as usize && span.end as usize <= r.end)?;
        let start = span.start as usize - range.start + at;
        Some(Span::new(input_id, start, start + span.len() as usize))
    };
    if d.primary.file != session {
        return None;
    }
    let mut out = d.clone();
    out.primary = moved(d.primary)?;
    out.labels.retain_mut(|l| match moved(l.span) {
        Some(s) => {
            l.span = s;
            true
        }
        None => false,
    });
    Some(out)
}
