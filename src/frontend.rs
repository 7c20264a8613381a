//! The front half of the pipeline as one call: source files to a checked program or its
//! diagnostics.
//!
//! It owns the [`SourceMap`] of a run and decides nothing about the language: parsing is
//! `minigo_lang::parse`, checking is `minigo_lang::check`. Rendering of the diagnostics is
//! `minigo_lang::diag::render`; this module only chooses plain or pretty output.

use std::io;

use minigo_lang::ast;
use minigo_lang::check::{self, Program};
use minigo_lang::diag::{self, Diagnostic, render};
use minigo_lang::parse;
use minigo_lang::span::SourceMap;

use crate::importer::StdImporter;

/// The result of checking a program: its sources, the typed program when there were no
/// errors, and the diagnostics (sorted, at most `diag::MAX_ERRORS`).
pub struct Checked {
    /// Every file involved: the user's and the standard declaration files loaded.
    pub sources: SourceMap,
    /// The typed program, present when `diagnostics` holds no error.
    pub program: Option<Program>,
    /// The user's parsed files, in the order given (the compiler walks them again).
    pub files: Vec<ast::File>,
    /// The errors, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
    /// More errors were found than are reported.
    pub truncated: bool,
}

impl Checked {
    /// Whether the program is free of errors.
    pub fn is_ok(&self) -> bool {
        self.program.is_some()
    }

    /// Writes the diagnostics: each as its plain `FILE:LINE:COL: message` line, followed by
    /// the ariadne rendering when `pretty` is set (a terminal with colour allowed).
    ///
    /// # Errors
    /// Any error of the writer.
    pub fn write_diagnostics(
        &self,
        pretty: Option<render::Color>,
        out: &mut dyn io::Write,
    ) -> io::Result<()> {
        for d in &self.diagnostics {
            writeln!(out, "{}", render::plain(d, &self.sources))?;
            if let Some(color) = pretty {
                render::pretty(d, &self.sources, color, out)?;
            }
        }
        // Go's compiler puts the last reported error's position on its final line.
        if let Some(last) = self.diagnostics.last().filter(|_| self.truncated) {
            let file = self.sources.get(last.primary.file);
            let (line, col) = file.line_col(last.primary.start);
            writeln!(out, "{}:{line}:{col}: too many errors", file.name)?;
        }
        Ok(())
    }
}

/// Parses and checks the files (`(name, text)` pairs) as one package `main`.
///
/// # Examples
/// ```
/// let checked = minigo::frontend::check_files(&[("hello.mg".into(), "func main() { println(1) }".into())]);
/// assert!(checked.is_ok());
/// ```
pub fn check_files(files: &[(String, String)]) -> Checked {
    check_files_with(files, &StdImporter)
}

/// Like [`check_files`], with the packages served by `importer` (the embedding API's
/// allow/deny policy and host packages).
///
/// # Examples
/// ```
/// use minigo::frontend::check_files_with;
/// use minigo_lang::check::{Importer, PackageSource};
///
/// struct NoPackages;
/// impl Importer for NoPackages {
///     fn declaration(&self, _path: &str) -> Option<PackageSource> {
///         None
///     }
/// }
/// let files = [("a.mg".to_string(), "import \"fmt\"\nfunc main() { fmt.Println() }".to_string())];
/// assert!(!check_files_with(&files, &NoPackages).is_ok());
/// ```
pub fn check_files_with(files: &[(String, String)], importer: &dyn check::Importer) -> Checked {
    let mut sources = SourceMap::new();
    let mut asts = Vec::with_capacity(files.len());
    let mut diagnostics = Vec::new();
    for (name, text) in files {
        let id = sources.add(name.clone(), text.as_str());
        let (ast, mut diags) = parse::parse(id, text);
        diagnostics.append(&mut diags);
        asts.push(ast);
    }
    let mut program = None;
    if diagnostics.is_empty() {
        let (checked, mut diags) = check::check_program(&mut sources, &asts, importer);
        diagnostics.append(&mut diags);
        program = Some(checked);
    }
    let (diagnostics, truncated) = diag::finish(diagnostics);
    if !diagnostics.is_empty() {
        program = None;
    }
    Checked {
        sources,
        program,
        files: asts,
        diagnostics,
        truncated,
    }
}
