//! Composite literals: `T{...}` for structs, arrays (`[...]T` counts its elements),
//! slices and maps, with elided element types (`[]Point{{1, 2}}`, `[]*Point{{1, 2}}`).
//!
//! This module checks element assignability and keys; it does not check duplicate map
//! keys beyond constants. Invariant: the literal's recorded type is the literal's type,
//! and an elided `{...}` for a pointer element type has the pointer type.

use crate::ast;

use super::checker::Checker;
use super::error::TypeError;
use super::operand::{Mode, Operand};
use super::predicates;
use super::types::{Type, TypeId};

impl<'a> Checker<'a> {
    pub fn composite<'e>(
        &mut self,
        e: &'e ast::Expr,
        ty: Option<&'e ast::Expr>,
        elts: &'e [ast::Element],
        hint: Option<TypeId>,
    ) -> Operand<'e> {
        let lit_ty = match self.composite_type(e, ty, elts, hint) {
            Ok(t) => t,
            Err(done) => return done,
        };
        if lit_ty == TypeId::INVALID {
            self.skip_elements(elts);
            return Operand::invalid(e);
        }
        // An elided `&T` element: `{...}` stands for `&T{...}`.
        let (base, result) = match (ty, self.types.get(lit_ty).clone()) {
            (None, Type::Pointer(inner)) => (inner, lit_ty),
            _ => (lit_ty, lit_ty),
        };
        let core = predicates::core_type(&self.types, base).unwrap_or(base);
        match self.types.get(core).clone() {
            Type::Struct(fields) => self.struct_elements(e, base, &fields, elts),
            Type::Array { len, elem } => {
                self.array_elements(elem, elts, Some(len));
            }
            Type::Slice(elem) => {
                self.array_elements(elem, elts, None);
            }
            Type::Map { key, value } => self.map_elements(key, value, elts),
            _ => {
                let t = self.type_str(base);
                self.error_at(e.span, format!("invalid composite literal type {t}"));
                self.skip_elements(elts);
                return Operand::invalid(e);
            }
        }
        Operand::new(Mode::Value, result, e)
    }

    /// The literal's type: written, `[...]T` (then the whole literal is checked here and
    /// returned as `Err`), or the hint of an enclosing literal.
    fn composite_type<'e>(
        &mut self,
        e: &'e ast::Expr,
        ty: Option<&'e ast::Expr>,
        elts: &'e [ast::Element],
        hint: Option<TypeId>,
    ) -> Result<TypeId, Operand<'e>> {
        let Some(t) = ty else {
            return hint.ok_or_else(|| {
                self.error_at(e.span, "invalid composite literal type: missing type");
                Operand::invalid(e)
            });
        };
        let ast::ExprKind::ArrayType { len: None, elem } = &t.kind else {
            return Ok(self.type_expr(t));
        };
        let elem = self.type_expr(elem);
        let n = self.array_elements(elem, elts, None);
        let ty = self.types.array(n, elem);
        self.record(t, super::info::ExprMode::Type, ty);
        Err(Operand::new(Mode::Value, ty, e))
    }

    fn skip_elements(&mut self, elts: &[ast::Element]) {
        for el in elts {
            if let Some(k) = &el.key
                && !matches!(k.kind, ast::ExprKind::Ident(_))
            {
                self.raw_expr(k, None);
            }
            self.raw_expr(&el.value, None);
        }
    }

    /// One element value assigned to `ty`, with `ty` as the hint for an elided literal.
    fn element(&mut self, value: &ast::Expr, ty: TypeId) {
        let mut x = self.expr_with_hint(value, Some(ty));
        self.assignment(&mut x, ty, "struct literal");
    }

    fn struct_elements(
        &mut self,
        e: &ast::Expr,
        ty: TypeId,
        fields: &[super::types::Field],
        elts: &[ast::Element],
    ) {
        let keyed = elts.first().is_some_and(|el| el.key.is_some());
        if !keyed {
            for (i, el) in elts.iter().enumerate() {
                match fields.get(i) {
                    Some(f) => self.element(&el.value, f.ty),
                    None => {
                        self.error_at(el.value.span, "too many values in struct literal");
                        return;
                    }
                }
            }
            if !elts.is_empty() && elts.len() < fields.len() {
                let t = self.type_str(ty);
                self.error_at(
                    e.span,
                    format!("too few values in struct literal of type {t}"),
                );
            }
            return;
        }
        for el in elts {
            let Some(ast::Expr {
                kind: ast::ExprKind::Ident(name),
                span,
                ..
            }) = &el.key
            else {
                self.error_at(
                    el.span,
                    "mixture of field:value and value elements in struct literal",
                );
                continue;
            };
            match fields.iter().find(|f| &f.name == name) {
                Some(f) => {
                    let (fty, fobj) = (f.ty, f.obj);
                    if let Some(k) = &el.key {
                        self.record_use(k, fobj);
                    }
                    self.element(&el.value, fty);
                }
                None => {
                    let t = self.type_str(ty);
                    let detail = format!("type {t} has no field or method {name}");
                    self.error(TypeError::MissingMember {
                        selector: format!("unknown field {name} in struct literal of type {t}"),
                        detail,
                        span: *span,
                    });
                    self.raw_expr(&el.value, None);
                }
            }
        }
    }

    /// Checks array or slice elements; returns the length the literal implies.
    fn array_elements(&mut self, elem: TypeId, elts: &[ast::Element], len: Option<u64>) -> u64 {
        let mut next: u64 = 0;
        let mut max: u64 = 0;
        for el in elts {
            if let Some(k) = &el.key {
                if let Some(i) = self.index_operand(k, len) {
                    next = i as u64;
                }
            } else if let Some(len) = len
                && next >= len
            {
                self.invalid_arg(
                    el.value.span,
                    format!("index {next} out of bounds [0:{len}]"),
                );
            }
            let mut x = self.expr_with_hint(&el.value, Some(elem));
            self.assignment(&mut x, elem, "array or slice literal");
            next += 1;
            max = max.max(next);
        }
        max
    }

    fn map_elements(&mut self, key: TypeId, value: TypeId, elts: &[ast::Element]) {
        for el in elts {
            match &el.key {
                Some(k) => {
                    let mut x = self.expr_with_hint(k, Some(key));
                    self.assignment(&mut x, key, "map literal");
                }
                None => self.error_at(el.value.span, "missing key in map literal"),
            }
            let mut x = self.expr_with_hint(&el.value, Some(value));
            self.assignment(&mut x, value, "map literal");
        }
    }
}
