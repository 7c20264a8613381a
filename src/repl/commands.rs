//! The REPL's colon commands: `:help`, `:quit`, `:reset`, `:type`, `:load`, `:doc`,
//! `:goroutines`, `:disasm`.
//!
//! Owns: parsing a command line and carrying it out against an [`Evaluator`], and the
//! one-line documentation of standard functions (read from the packages' declaration
//! files). Does not own: evaluation itself.

// Commands answer the user on standard output, as the command line does.
#![allow(clippy::print_stdout)]

use std::sync::atomic::AtomicBool;

use minigo_lang::ast::Decl;
use minigo_lang::span::FileId;

use super::eval::{Evaluator, Flow};

/// The text `:help` prints.
pub const HELP: &str = "\
Type Go statements, declarations or expressions; an expression's value is printed.
Declarations persist and may be redefined; standard packages are imported on first use.
Commands:
  :help            this text
  :quit            leave (or Ctrl-D on an empty line)
  :reset           forget every declaration and variable, stop every goroutine
  :type EXPR       the type of an expression
  :load FILE       the declarations of a Go file (its main is not run)
  :doc PKG.NAME    signature and summary of a standard function, type or method
  :goroutines      what each goroutine is doing
  :disasm NAME     the bytecode of a function of the session
Ctrl-C abandons the current input or interrupts a running evaluation.
";

/// What a command asks of the REPL loop.
pub enum Command {
    /// Carried out; the flow says whether it failed or asked to leave.
    Done(Flow),
    /// `:reset`: the loop replaces the evaluator.
    Reset,
}

/// The command names, for completion.
pub const NAMES: &[&str] = &[
    ":help",
    ":quit",
    ":reset",
    ":type",
    ":load",
    ":doc",
    ":goroutines",
    ":disasm",
];

/// Runs the command `line` (which starts with `:`).
pub fn run(line: &str, ev: &mut Evaluator, interrupt: &AtomicBool) -> Command {
    let line = line.trim();
    let (name, arg) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
    let arg = arg.trim();
    let ok = |good: bool| Command::Done(Flow::Continue(good));
    match name {
        ":help" | ":h" => {
            print!("{HELP}");
            ok(true)
        }
        ":quit" | ":q" | ":exit" => Command::Done(Flow::Exit(0)),
        ":reset" => Command::Reset,
        ":type" | ":t" => match ev.type_of(arg) {
            Some(ty) => {
                println!("{ty}");
                ok(true)
            }
            None => ok(false),
        },
        ":load" => Command::Done(load(arg, ev, interrupt)),
        ":doc" => ok(show(doc(arg))),
        ":goroutines" => {
            let dump = ev.runtime().map(|s| s.goroutines()).unwrap_or_default();
            let dump = if dump.is_empty() {
                "no goroutines\n".to_string()
            } else {
                dump
            };
            ok(show(Some(dump)))
        }
        ":disasm" => ok(show(ev.disasm(arg))),
        _ => {
            eprintln!("unknown command {name}; :help lists them");
            ok(false)
        }
    }
}

fn show(text: Option<String>) -> bool {
    match text {
        Some(text) => {
            print!("{text}");
            if !text.ends_with('\n') {
                println!();
            }
            true
        }
        None => {
            eprintln!("not found");
            false
        }
    }
}

/// Loads a file's imports and declarations (its `var`s are evaluated, its `main` skipped).
fn load(path: &str, ev: &mut Evaluator, interrupt: &AtomicBool) -> Flow {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) => {
            eprintln!("minigo: {path}: {err}");
            return Flow::Continue(false);
        }
    };
    let (file, diags) = minigo_lang::parse::parse(FileId(0), &text);
    if let Some(d) = diags.first() {
        eprintln!("{path}: {}", d.message);
        return Flow::Continue(false);
    }
    let slice = |span: minigo_lang::span::Span| text.get(span.range()).unwrap_or_default();
    let imports: Vec<String> = file
        .imports
        .iter()
        .map(|i| {
            let alias = i
                .alias
                .as_ref()
                .map_or(String::new(), |a| format!("{} ", a.name));
            format!("import {alias}{:?}", i.path)
        })
        .collect();
    let mut decls: Vec<&str> = imports.iter().map(String::as_str).collect();
    let mut vars = Vec::new();
    for decl in &file.decls {
        match decl {
            Decl::Func(f) if f.name.name == "main" && f.recv.is_none() => {}
            Decl::Func(f) => decls.push(slice(f.span)),
            Decl::Type(t) => decls.push(slice(t.span)),
            Decl::Const(c) => decls.push(slice(c.span)),
            Decl::Var(v) => vars.push(slice(v.span)),
            Decl::Bad(_) => {}
        }
    }
    let mut flow = ev.eval(&decls.join("\n"), interrupt);
    for var in vars {
        if flow != Flow::Continue(true) {
            break;
        }
        flow = ev.eval(var, interrupt);
    }
    flow
}

/// `pkg.Name`'s signature and the first sentence of its comment, from the declaration file.
pub fn doc(name: &str) -> Option<String> {
    let (pkg, member) = name.rsplit_once('.')?;
    let path = minigo_stdlib::PACKAGES
        .iter()
        .find(|p| **p == pkg || p.rsplit('/').next() == Some(pkg))?;
    let source = minigo_stdlib::declaration(path)?;
    let lines: Vec<&str> = source.lines().collect();
    let at = lines.iter().position(|l| declares(l, member))?;
    let signature = lines.get(at)?.trim_end_matches('{').trim_end();
    let comment: Vec<&str> = lines
        .get(..at)?
        .iter()
        .rev()
        .take_while(|l| l.starts_with("//"))
        .map(|l| l.trim_start_matches('/').trim())
        .collect();
    let comment = comment.into_iter().rev().collect::<Vec<_>>().join(" ");
    let summary = comment
        .split_inclusive(". ")
        .next()
        .unwrap_or_default()
        .trim();
    Some(if summary.is_empty() {
        format!("{signature}\n")
    } else {
        format!("{signature}\n    {summary}\n")
    })
}

/// Whether `line` declares `member` (a function, a method, a type, a var or a const).
fn declares(line: &str, member: &str) -> bool {
    let rest = |prefix: &str| line.strip_prefix(prefix).map(str::trim_start);
    let starts_name = |s: &str| {
        s.strip_prefix(member)
            .is_some_and(|after| after.starts_with(['(', ' ', '[']) || after.is_empty())
    };
    if let Some(r) = rest("func ") {
        // A method: `func (r *T) Name(`.
        let r = if r.starts_with('(') {
            r.split_once(") ").map_or("", |(_, n)| n)
        } else {
            r
        };
        return starts_name(r);
    }
    ["type ", "var ", "const "]
        .iter()
        .any(|p| rest(p).is_some_and(starts_name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_finds_a_standard_function() {
        let text = doc("strings.ToUpper").unwrap_or_default();
        assert!(text.starts_with("func ToUpper(s string) string"), "{text}");
    }

    #[test]
    fn declares_matches_whole_names_only() {
        assert!(declares("func ToUpper(s string) string", "ToUpper"));
        assert!(declares("func (b *Builder) String() string {", "String"));
        assert!(!declares("func ToUpperSpecial(s string) string", "ToUpper"));
        assert!(declares("type Builder struct {", "Builder"));
    }
}
