//! What an input is, and how a statement input becomes the body of an input function with
//! session variables.
//!
//! Owns: [`classify`] (declarations versus statements), [`std_packages_used`] (the
//! auto-import), and [`plan`], which reads a checked probe of the input and decides the
//! rewriting: `x := e` and `var x = e` at the input's top level become assignments to
//! session variables declared at package level with the checked type; `const` and `type`
//! declarations move to package level; an expression statement with a value prints it.
//! Does not own: checking (`eval`), nor the session's storage (`source`).
//!
//! Invariant: a rewrite preserves types: the rewritten program checks whenever the probe
//! did, except where a type has no spelling at package level (an unexported type of a
//! standard package), which the final check reports.

use minigo_lang::ast::{self, Decl, StmtKind};
use minigo_lang::check::{self, info::ExprMode, types::Type, typestr::TypeFmt};
use minigo_lang::lexer::lex;
use minigo_lang::span::FileId;
use minigo_lang::token::Token;

use super::source::Item;

/// What an input declares, when it is only declarations (other than `var`).
pub struct Declarations {
    /// Import paths.
    pub imports: Vec<String>,
    /// Each declaration with its offset in the input.
    pub items: Vec<(Item, usize)>,
}

/// The prefix that makes an input parse as a file.
const FILE_PREFIX: &str = "package main\n";

/// Declarations when `input` parses as package-level `func`, `type`, `const` and `import`
/// declarations; `None` for statements (and `var`, which evaluates its initializer).
pub fn classify(input: &str) -> Option<Declarations> {
    let text = format!("{FILE_PREFIX}{input}");
    let (file, diags) = minigo_lang::parse::parse(FileId(0), &text);
    if !diags.is_empty() || (file.decls.is_empty() && file.imports.is_empty()) {
        return None;
    }
    let base = FILE_PREFIX.len();
    let mut items = Vec::new();
    for decl in &file.decls {
        let (key, span) = match decl {
            Decl::Func(f) => (func_key(f, &text), f.span),
            Decl::Type(t) => (
                names_key("type", t.specs.iter().map(|s| s.name.name.as_str())),
                t.span,
            ),
            Decl::Const(c) => (
                names_key(
                    "const",
                    c.specs
                        .iter()
                        .flat_map(|s| &s.names)
                        .map(|n| n.name.as_str()),
                ),
                c.span,
            ),
            Decl::Var(_) | Decl::Bad(_) => return None,
        };
        let body = text.get(span.range())?.to_string();
        items.push((
            Item { key, text: body },
            (span.start as usize).saturating_sub(base),
        ));
    }
    let imports = file.imports.iter().map(|i| i.path.clone()).collect();
    Some(Declarations { imports, items })
}

fn func_key(f: &ast::FuncDecl, text: &str) -> String {
    match &f.recv {
        Some(recv) => {
            let ty = text
                .get(recv.ty.span.range())
                .unwrap_or_default()
                .trim_start_matches('*');
            format!("method {ty}.{}", f.name.name)
        }
        None => format!("func {}", f.name.name),
    }
}

fn names_key<'a>(kind: &str, names: impl Iterator<Item = &'a str>) -> String {
    let names: Vec<&str> = names.collect();
    format!("{kind} {}", names.join(","))
}

/// The standard packages `input` names as `pkg.X`, by their import path, among `paths`.
pub fn std_packages_used<'a>(
    input: &str,
    paths: impl Iterator<Item = &'a str> + Clone,
) -> Vec<&'a str> {
    let lexed = lex(FileId(0), input);
    let mut used = Vec::new();
    for pair in lexed.tokens.windows(2) {
        let [(s, Token::Ident, e), (_, Token::Period, _)] = pair else {
            continue;
        };
        let Some(name) = input.get(*s..*e) else {
            continue;
        };
        let found = paths.clone().find(|p| p.rsplit('/').next() == Some(name));
        if let Some(path) = found.filter(|p| !used.contains(p)) {
            used.push(path);
        }
    }
    used
}

/// How a checked statement input is turned into the input function's body.
#[derive(Debug, Default)]
pub struct Plan {
    /// The body, with session variables assigned instead of declared.
    pub body: String,
    /// Package-level declarations: new session variables, hoisted types and constants.
    pub items: Vec<(Item, usize)>,
}

/// Where the input sits in the probe and what checked it.
pub struct Probe<'a> {
    /// The input text.
    pub input: &'a str,
    /// Where the input's first byte is in the probe file.
    pub offset: usize,
    /// The input function's statements, as parsed from the probe.
    pub stmts: &'a [ast::Stmt],
    /// The checked probe program.
    pub program: &'a check::Program,
}

impl Probe<'_> {
    /// The input range of a probe span.
    fn range(&self, span: minigo_lang::span::Span) -> std::ops::Range<usize> {
        let start = (span.start as usize).saturating_sub(self.offset);
        let end = (span.end as usize).saturating_sub(self.offset);
        start.min(self.input.len())..end.min(self.input.len())
    }

    fn text(&self, span: minigo_lang::span::Span) -> &str {
        self.input.get(self.range(span)).unwrap_or_default()
    }

    /// The package-level spelling of a defined name's type.
    fn type_of_def(&self, ident: &ast::Ident) -> Option<String> {
        let obj = *self.program.info.defs.get(&ident.span)?;
        let ty = self.program.objects.get(obj).ty;
        Some(self.type_str(ty))
    }

    fn type_str(&self, ty: check::types::TypeId) -> String {
        let prog = self.program;
        let names = |p: check::object::PackageId| {
            prog.packages
                .get(p.0 as usize)
                .map_or_else(|| "?".into(), |pkg| pkg.name.clone())
        };
        let main = prog
            .packages
            .len()
            .checked_sub(1)
            .map(|i| check::object::PackageId(i as u32));
        TypeFmt::message(&prog.types, &prog.objects, &names, main).type_str(ty)
    }

    /// The types of an expression statement's values: empty for a call without results.
    pub fn value_types(&self, e: &ast::Expr) -> Vec<String> {
        let Some(tv) = self.program.info.exprs.get(&(e.span.file, e.id)) else {
            return Vec::new();
        };
        match (&tv.mode, self.program.types.get(tv.ty)) {
            (ExprMode::NoValue, _) => Vec::new(),
            (_, Type::Tuple(elems)) => elems.iter().map(|&t| self.type_str(t)).collect(),
            _ => vec![self.type_str(tv.ty)],
        }
    }
}

/// Decides the rewriting of a checked statement input (see the module doc).
pub fn plan(probe: &Probe<'_>) -> Plan {
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let mut items = Vec::new();
    for stmt in probe.stmts {
        let range = probe.range(stmt.span);
        match &stmt.kind {
            StmtKind::Define { lhs, .. } => {
                declare_vars(probe, lhs.iter(), &mut items);
                if let Some(op) = define_op(probe, range.clone()) {
                    edits.push((op, "=".into()));
                }
            }
            StmtKind::Decl(Decl::Var(v)) => {
                let names = v.specs.iter().flat_map(|s| &s.names);
                declare_vars(probe, names, &mut items);
                edits.push((range, var_assignments(probe, v)));
            }
            StmtKind::Decl(decl @ (Decl::Type(_) | Decl::Const(_))) => {
                items.push((hoisted(probe, decl, stmt.span), range.start));
                // Keep the line count, so that later lines keep their numbers in traces.
                let lines = probe.text(stmt.span).matches('\n').count();
                edits.push((range, "\n".repeat(lines)));
            }
            StmtKind::Expr(e) => {
                if let Some(print) = print_values(probe, e) {
                    edits.push((range, print));
                }
            }
            _ => {}
        }
    }
    Plan {
        body: apply(probe.input, edits),
        items,
    }
}

fn declare_vars<'a>(
    probe: &Probe<'_>,
    names: impl Iterator<Item = &'a ast::Ident>,
    items: &mut Vec<(Item, usize)>,
) {
    for ident in names.filter(|n| n.name != "_") {
        if let Some(ty) = probe.type_of_def(ident) {
            let item = Item {
                key: format!("var {}", ident.name),
                text: format!("var {} {ty}", ident.name),
            };
            items.push((item, probe.range(ident.span).start));
        }
    }
}

/// The range of the `:=` of a short variable declaration.
fn define_op(probe: &Probe<'_>, range: std::ops::Range<usize>) -> Option<std::ops::Range<usize>> {
    let text = probe.input.get(range.clone())?;
    let lexed = lex(FileId(0), text);
    let (s, _, e) = lexed.tokens.iter().find(|t| t.1 == Token::Define)?;
    Some(range.start + s..range.start + e)
}

/// `var a, b T = x, y` as `a, b = x, y`; without values, each name gets `*new(T)`.
fn var_assignments(probe: &Probe<'_>, v: &ast::VarDecl) -> String {
    let mut out = Vec::new();
    for spec in &v.specs {
        let names: Vec<&str> = spec.names.iter().map(|n| n.name.as_str()).collect();
        let values = match (spec.values.first(), spec.values.last(), &spec.ty) {
            (Some(first), Some(last), _) => probe.text(first.span.to(last.span)).to_string(),
            (None, _, Some(ty)) => {
                let zero = format!("*new({})", probe.text(ty.span));
                vec![zero; names.len()].join(", ")
            }
            _ => continue,
        };
        out.push(format!("{} = {values}", names.join(", ")));
    }
    out.join("; ")
}

fn hoisted(probe: &Probe<'_>, decl: &Decl, span: minigo_lang::span::Span) -> Item {
    let key = match decl {
        Decl::Type(t) => names_key("type", t.specs.iter().map(|s| s.name.name.as_str())),
        Decl::Const(c) => names_key(
            "const",
            c.specs
                .iter()
                .flat_map(|s| &s.names)
                .map(|n| n.name.as_str()),
        ),
        _ => String::new(),
    };
    Item {
        key,
        text: probe.text(span).to_string(),
    }
}

/// The statement that prints an expression statement's values, when it has any and is not
/// itself a print.
fn print_values(probe: &Probe<'_>, e: &ast::Expr) -> Option<String> {
    let text = probe.text(e.span);
    let prints = ["fmt.Print", "fmt.Fprint", "print(", "println("];
    if prints.iter().any(|p| text.starts_with(p)) {
        return None;
    }
    match probe.value_types(e).len() {
        0 => None,
        1 => Some(format!("fmt.Println({text})")),
        n => {
            let vars: Vec<String> = (0..n).map(|i| format!("__r{i}")).collect();
            let vars = vars.join(", ");
            Some(format!("{{ {vars} := {text}; fmt.Println({vars}) }}"))
        }
    }
}

/// `input` with each range replaced (ranges do not overlap).
fn apply(input: &str, mut edits: Vec<(std::ops::Range<usize>, String)>) -> String {
    edits.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
    let mut out = input.to_string();
    for (range, with) in edits {
        if out.get(range.clone()).is_some() {
            out.replace_range(range, &with);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn functions_types_and_imports_are_declarations_but_var_is_not() {
        let d = classify("func f(x int) int {\n\treturn x * 2\n}");
        assert_eq!(
            d.map(|d| d.items[0].0.key.clone()).as_deref(),
            Some("func f")
        );
        let d = classify("func (p *Point) Move() {}");
        assert_eq!(
            d.map(|d| d.items[0].0.key.clone()).as_deref(),
            Some("method Point.Move")
        );
        let d = classify("import \"strings\"");
        assert_eq!(d.map(|d| d.imports).unwrap_or_default(), ["strings"]);
        assert!(classify("var x = 3").is_none());
        assert!(classify("x := 3").is_none());
        assert!(classify("f(2)").is_none());
    }

    #[test]
    fn package_qualifiers_name_standard_packages() {
        let paths = ["fmt", "strings", "sync/atomic", "time"];
        let used = std_packages_used("strings.ToUpper(x) + atomic.X + y.z", paths.iter().copied());
        assert_eq!(used, ["strings", "sync/atomic"]);
    }

    #[test]
    fn edits_apply_back_to_front() {
        let out = apply(
            "a := 1; b",
            vec![(2..4, "=".into()), (8..9, "print(b)".into())],
        );
        assert_eq!(out, "a = 1; print(b)");
    }
}
