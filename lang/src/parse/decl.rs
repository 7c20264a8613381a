//! Constructors for files, declarations, signatures and parameter lists.
//!
//! The decisions Go's grammar defers to the end of a list are made here: whether a
//! parameter list names its parameters (`a, b int`) or only lists types (`int, string`),
//! how bare type parameter names share the next constraint (`[K, V any]`), which `iota`
//! each constant spec gets, and whether the package clause and imports come first. Each
//! violation becomes a [`SyntaxError`]; nothing here looks at what a name means.

use super::ParseCx;
use super::build::{ParamEntry, TParamEntry, TopItem};
use super::error::SyntaxError;
use crate::ast;
use crate::span::Span;

impl ParseCx<'_> {
    /// Assembles the file from its top-level items, checking their order as Go does.
    pub(crate) fn file(&self, items: Vec<TopItem>) -> ast::File {
        let mut res = ast::File {
            id: self.file,
            package: None,
            imports: Vec::new(),
            decls: Vec::new(),
            n_exprs: 0,
            span: self.span(0, self.src.len()),
        };
        for (idx, item) in items.into_iter().enumerate() {
            match item {
                TopItem::Package(name, span) => {
                    if idx != 0 {
                        self.report(SyntaxError::PackageNotFirst { span });
                    }
                    res.package = Some(name);
                }
                TopItem::Imports(imports) => {
                    if let (Some(first), false) = (imports.first(), res.decls.is_empty()) {
                        self.report(SyntaxError::ImportAfterDecl { span: first.span });
                    }
                    res.imports.extend(imports);
                }
                TopItem::Decl(decl) => res.decls.push(decl),
                TopItem::Bad(span) => res.decls.push(ast::Decl::Bad(span)),
            }
        }
        res.n_exprs = self.n_exprs();
        res
    }

    /// `import alias "path"`; `pl` is where the path literal starts.
    pub(crate) fn import(
        &self,
        alias: Option<ast::Ident>,
        pl: usize,
        l: usize,
        r: usize,
    ) -> ast::Import {
        ast::Import {
            alias,
            path: self.string_text(pl, r),
            path_span: self.span(pl, r),
            span: self.span(l, r),
        }
    }

    /// A `const` declaration; each spec's `iota` is its index in the group.
    pub(crate) fn const_decl(
        &self,
        mut specs: Vec<ast::ConstSpec>,
        l: usize,
        r: usize,
    ) -> ast::Decl {
        for (iota, spec) in specs.iter_mut().enumerate() {
            spec.iota = iota as u32;
        }
        ast::Decl::Const(ast::ConstDecl {
            specs,
            span: self.span(l, r),
        })
    }

    pub(crate) fn var_decl(&self, specs: Vec<ast::VarSpec>, l: usize, r: usize) -> ast::Decl {
        ast::Decl::Var(ast::VarDecl {
            specs,
            span: self.span(l, r),
        })
    }

    pub(crate) fn type_decl(&self, specs: Vec<ast::TypeSpec>, l: usize, r: usize) -> ast::Decl {
        ast::Decl::Type(ast::TypeDecl {
            specs,
            span: self.span(l, r),
        })
    }

    pub(crate) fn const_spec(
        &self,
        names: Vec<ast::Ident>,
        ty: Option<ast::Expr>,
        values: Vec<ast::Expr>,
        l: usize,
        r: usize,
    ) -> ast::ConstSpec {
        ast::ConstSpec {
            names,
            ty,
            values,
            iota: 0,
            span: self.span(l, r),
        }
    }

    pub(crate) fn var_spec(
        &self,
        names: Vec<ast::Ident>,
        ty: Option<ast::Expr>,
        values: Vec<ast::Expr>,
        l: usize,
        r: usize,
    ) -> ast::VarSpec {
        ast::VarSpec {
            names,
            ty,
            values,
            span: self.span(l, r),
        }
    }

    pub(crate) fn type_spec(
        &self,
        name: ast::Ident,
        tparams: Vec<ast::TypeParam>,
        alias: bool,
        ty: ast::Expr,
        l: usize,
        r: usize,
    ) -> ast::TypeSpec {
        ast::TypeSpec {
            name,
            tparams,
            alias,
            ty,
            span: self.span(l, r),
        }
    }

    /// Groups type parameter entries: bare names share the next entry's constraint.
    pub(crate) fn type_params(
        &self,
        entries: Vec<TParamEntry>,
        l: usize,
        r: usize,
    ) -> Vec<ast::TypeParam> {
        let mut res = Vec::new();
        let mut names = Vec::new();
        for entry in entries {
            let start = names
                .first()
                .map_or(entry.name.span, |n: &ast::Ident| n.span);
            names.push(entry.name);
            if let Some(constraint) = entry.constraint {
                let span = start.to(constraint.span);
                res.push(ast::TypeParam {
                    names: std::mem::take(&mut names),
                    constraint,
                    span,
                });
            }
        }
        if let Some(last) = names.last() {
            self.report(SyntaxError::MissingConstraint { span: last.span });
        }
        if res.is_empty() && names.is_empty() {
            self.report(SyntaxError::EmptyTypeParams {
                span: self.span(l, r),
            });
        }
        res
    }

    #[allow(clippy::too_many_arguments)] // One argument per part of the declaration.
    pub(crate) fn func_decl(
        &self,
        recv: Option<Vec<ast::Param>>,
        name: ast::Ident,
        tparams: Option<Vec<ast::TypeParam>>,
        sig: ast::FuncSig,
        body: Option<ast::Block>,
        l: usize,
        r: usize,
    ) -> Box<ast::FuncDecl> {
        let recv = recv.and_then(|params| self.receiver(params, name.span));
        let tparams = tparams.unwrap_or_default();
        // Boxed here, not when wrapped in `Decl`: the parser's symbol stack is as wide as
        // its largest value, and an unboxed `FuncDecl` would be that value.
        Box::new(ast::FuncDecl {
            recv,
            name,
            tparams,
            sig,
            body,
            span: self.span(l, r),
        })
    }

    /// A method has exactly one receiver, unnamed or with one name.
    fn receiver(&self, mut params: Vec<ast::Param>, name_span: Span) -> Option<ast::Param> {
        match params.pop() {
            Some(param) if params.is_empty() && param.names.len() <= 1 && !param.variadic => {
                Some(param)
            }
            Some(param) => {
                self.report(SyntaxError::BadReceiver { span: param.span });
                Some(param)
            }
            None => {
                self.report(SyntaxError::NoReceiver { span: name_span });
                None
            }
        }
    }

    pub(crate) fn sig(
        &self,
        params: Vec<ast::Param>,
        results: Vec<ast::Param>,
        l: usize,
        r: usize,
    ) -> ast::FuncSig {
        ast::FuncSig {
            params,
            results,
            span: self.span(l, r),
        }
    }

    /// A signature with a single unparenthesized result type starting at `rl`.
    pub(crate) fn sig_single(
        &self,
        params: Vec<ast::Param>,
        result: ast::Expr,
        rl: usize,
        l: usize,
        r: usize,
    ) -> ast::FuncSig {
        let result = ast::Param {
            names: Vec::new(),
            ty: result,
            variadic: false,
            span: self.span(rl, r),
        };
        self.sig(params, vec![result], l, r)
    }

    /// Groups parameter entries as Go does: if any entry has a name, every entry does, and
    /// a bare entry is a name sharing the type of the next named one (`a, b int`).
    pub(crate) fn params(&self, entries: Vec<ParamEntry>) -> Vec<ast::Param> {
        self.check_variadic(&entries);
        if entries.iter().all(|e| e.name.is_none()) {
            return entries
                .into_iter()
                .map(|e| param_from_entry(e, Vec::new()))
                .collect();
        }
        let mut res = Vec::new();
        let mut pending: Vec<ast::Ident> = Vec::new();
        for entry in entries {
            match (entry.name.clone(), self.bare_name(&entry)) {
                (Some(name), _) => {
                    let mut names = std::mem::take(&mut pending);
                    names.push(name);
                    res.push(param_from_entry(entry, names));
                }
                (None, Some(name)) => pending.push(name),
                (None, None) => {
                    self.report(SyntaxError::MixedParams { span: entry.span });
                }
            }
        }
        if let Some(last) = pending.last() {
            self.report(SyntaxError::MixedParams { span: last.span });
        }
        res
    }

    /// The entry as a parameter name, when it is a lone identifier without `...`.
    fn bare_name(&self, entry: &ParamEntry) -> Option<ast::Ident> {
        match &entry.ty.kind {
            ast::ExprKind::Ident(name) if !entry.variadic => Some(ast::Ident {
                name: name.clone(),
                span: entry.ty.span,
            }),
            _ => None,
        }
    }

    /// Only the final parameter may be variadic.
    fn check_variadic(&self, entries: &[ParamEntry]) {
        let n = entries.len();
        for entry in entries
            .iter()
            .take(n.saturating_sub(1))
            .filter(|e| e.variadic)
        {
            self.report(SyntaxError::VariadicNotLast { span: entry.span });
        }
    }
}

/// The parameter an entry stands for, with the names it binds.
fn param_from_entry(entry: ParamEntry, names: Vec<ast::Ident>) -> ast::Param {
    let span = names.first().map_or(entry.span, |n| n.span.to(entry.span));
    ast::Param {
        names,
        ty: entry.ty,
        variadic: entry.variadic,
        span,
    }
}
