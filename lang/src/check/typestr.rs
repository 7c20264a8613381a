//! Printing types the way Go prints them.
//!
//! Two styles exist because Go itself has two:
//!
//! - [`TypeStyle::Message`] is the compiler's (types2's) style, used in every diagnostic:
//!   types of the package being checked print bare (`Celsius`), types of other packages
//!   qualified by package name (`sync.WaitGroup`), composite types compactly
//!   (`struct{X int; Y string}`, `interface{String() string}`), instances with their type
//!   arguments separated by a bare comma (`Pair[int,bool]`), untyped kinds as
//!   `untyped int`. The empty interface prints as `any`: the arena interns `interface{}`
//!   and `any` to one type, so the spelling cannot follow the source, and `any` is what
//!   modern declarations (including the standard packages') write.
//! - [`TypeStyle::Reflect`] is the run-time style of `%T` and of panic messages: every
//!   defined type is qualified (`main.Celsius`), and composite types use reflect's spacing
//!   (`struct {}`, `interface {}`, `struct { X int; Y string }`).
//!
//! Both print `byte` as `uint8` and `rune` as `int32`. That is exactly `%T`'s spelling; the
//! compiler's messages differ slightly, since types2 keeps `byte` and `rune` as separately
//! named basic types and says `byte` where the source did, but the arena interns each alias
//! with its target (one id), so the spelling cannot follow the source here either.
//!
//! This module does not decide which package is "current" or what a package is called:
//! the caller supplies both through [`TypeFmt`], since package tables belong to the
//! checker. Printing never fails and never mutates the arenas.

use crate::ast::{ChanDir, Name};

use super::object::{Objects, PackageId};
use super::types::{Field, Interface, Signature, Type, TypeId, Types};

/// Which of Go's two type spellings to produce.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypeStyle {
    /// The compiler's diagnostics (types2's `TypeString` with a package qualifier).
    Message,
    /// The run-time spelling of `%T` (reflect's `Type.String`).
    Reflect,
}

/// Everything needed to print a type: the arenas, how to name a package, which package
/// prints unqualified, and the style.
pub struct TypeFmt<'a> {
    pub types: &'a Types,
    pub objects: &'a Objects,
    /// The name of a package (`fmt`, `atomic` for `sync/atomic`).
    pub package_name: &'a dyn Fn(PackageId) -> Name,
    /// The package whose types print bare in [`TypeStyle::Message`]; ignored by
    /// [`TypeStyle::Reflect`], which qualifies every defined type.
    pub current: Option<PackageId>,
    pub style: TypeStyle,
}

impl<'a> TypeFmt<'a> {
    /// A formatter in the compiler's message style, with `current` printing bare.
    pub fn message(
        types: &'a Types,
        objects: &'a Objects,
        package_name: &'a dyn Fn(PackageId) -> Name,
        current: Option<PackageId>,
    ) -> TypeFmt<'a> {
        TypeFmt {
            types,
            objects,
            package_name,
            current,
            style: TypeStyle::Message,
        }
    }

    /// A formatter in `%T` style.
    pub fn reflect(
        types: &'a Types,
        objects: &'a Objects,
        package_name: &'a dyn Fn(PackageId) -> Name,
    ) -> TypeFmt<'a> {
        TypeFmt {
            types,
            objects,
            package_name,
            current: None,
            style: TypeStyle::Reflect,
        }
    }

    /// `ty` spelled as Go spells it in this formatter's style.
    ///
    /// ```
    /// use minigo_lang::check::{object::Objects, types::{TypeId, Types}, typestr::TypeFmt};
    /// let mut types = Types::new();
    /// let objects = Objects::new();
    /// let names = |_| "main".into();
    /// let m = types.map(TypeId::STRING, TypeId::INT);
    /// assert_eq!(TypeFmt::message(&types, &objects, &names, None).type_str(m), "map[string]int");
    /// ```
    pub fn type_str(&self, ty: TypeId) -> String {
        let mut out = String::new();
        self.write_type(&mut out, ty);
        out
    }

    /// A list of types separated by `", "`, as in `have (int, string)` without the parens.
    pub fn type_list_str(&self, tys: &[TypeId]) -> String {
        let mut out = String::new();
        self.write_list(&mut out, tys, ", ");
        out
    }

    /// A method as Go shows it in "have/want" notes: `String() string`, `M(int)`.
    pub fn method_str(&self, name: &str, sig: TypeId) -> String {
        let mut out = String::from(name);
        match self.types.get(sig) {
            Type::Func(sig) => self.write_signature(&mut out, sig),
            _ => self.write_type(&mut out, sig),
        }
        out
    }

    /// Appends `ty` to `out`.
    pub fn write_type(&self, out: &mut String, ty: TypeId) {
        match self.types.get(ty) {
            Type::Basic(b) => out.push_str(b.name()),
            Type::Pointer(elem) => {
                out.push('*');
                self.write_type(out, *elem);
            }
            Type::Slice(elem) => {
                out.push_str("[]");
                self.write_type(out, *elem);
            }
            Type::Array { len, elem } => {
                out.push_str(&format!("[{len}]"));
                self.write_type(out, *elem);
            }
            Type::Map { key, value } => {
                out.push_str("map[");
                self.write_type(out, *key);
                out.push(']');
                self.write_type(out, *value);
            }
            Type::Chan { dir, elem } => self.write_chan(out, *dir, *elem),
            Type::Struct(fields) => self.write_struct(out, fields),
            Type::Func(sig) => {
                out.push_str("func");
                self.write_signature(out, sig);
            }
            Type::Interface(iface) => self.write_interface(out, iface),
            Type::Tuple(elems) => {
                out.push('(');
                self.write_list(out, elems, ", ");
                out.push(')');
            }
            Type::Named(_) => self.write_named(out, ty),
            Type::TypeParam(p) => {
                let obj = self.types.type_param(*p).obj;
                out.push_str(&self.objects.get(obj).name);
            }
        }
    }

    fn write_list(&self, out: &mut String, tys: &[TypeId], sep: &str) {
        for (i, ty) in tys.iter().enumerate() {
            if i > 0 {
                out.push_str(sep);
            }
            self.write_type(out, *ty);
        }
    }

    /// `chan T`, `chan<- T`, `<-chan T`; `chan (<-chan T)` needs parentheses because
    /// `chan <-chan T` would parse as `chan<- chan T`.
    fn write_chan(&self, out: &mut String, dir: ChanDir, elem: TypeId) {
        let prefix = match dir {
            ChanDir::Both => "chan ",
            ChanDir::Send => "chan<- ",
            ChanDir::Recv => "<-chan ",
        };
        out.push_str(prefix);
        let parens = dir == ChanDir::Both
            && matches!(
                self.types.get(elem),
                Type::Chan {
                    dir: ChanDir::Recv,
                    ..
                }
            );
        if parens {
            out.push('(');
        }
        self.write_type(out, elem);
        if parens {
            out.push(')');
        }
    }

    fn write_struct(&self, out: &mut String, fields: &[Field]) {
        let reflect = self.style == TypeStyle::Reflect;
        out.push_str(match (reflect, fields.is_empty()) {
            (true, true) => "struct {",
            (true, false) => "struct { ",
            (false, _) => "struct{",
        });
        for (i, field) in fields.iter().enumerate() {
            if i > 0 {
                out.push_str("; ");
            }
            if !field.embedded {
                out.push_str(&field.name);
                out.push(' ');
            }
            self.write_type(out, field.ty);
            if let Some(tag) = &field.tag {
                out.push(' ');
                out.push_str(&quote(tag));
            }
        }
        out.push_str(if reflect && !fields.is_empty() {
            " }"
        } else {
            "}"
        });
    }

    /// `(int, ...string) (int, error)`; a single result prints without parentheses.
    fn write_signature(&self, out: &mut String, sig: &Signature) {
        out.push('(');
        for (i, param) in sig.params.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            let last = i + 1 == sig.params.len();
            match self.types.get(*param) {
                Type::Slice(elem) if sig.variadic && last => {
                    out.push_str("...");
                    self.write_type(out, *elem);
                }
                _ => self.write_type(out, *param),
            }
        }
        out.push(')');
        match sig.results.as_slice() {
            [] => {}
            [one] => {
                out.push(' ');
                self.write_type(out, *one);
            }
            many => {
                out.push_str(" (");
                self.write_list(out, many, ", ");
                out.push(')');
            }
        }
    }

    fn write_interface(&self, out: &mut String, iface: &Interface) {
        let reflect = self.style == TypeStyle::Reflect;
        let empty = iface.methods.is_empty() && iface.terms.is_none() && !iface.comparable;
        if empty {
            out.push_str(if reflect { "interface {}" } else { "any" });
            return;
        }
        out.push_str(if reflect {
            "interface { "
        } else {
            "interface{"
        });
        let mut first = true;
        let mut sep = |out: &mut String| {
            if !std::mem::take(&mut first) {
                out.push_str("; ");
            }
        };
        // Methods before embedded elements, as go/types prints them.
        for m in &iface.methods {
            sep(out);
            out.push_str(&self.method_str(&m.name, m.sig));
        }
        if iface.comparable {
            sep(out);
            out.push_str("comparable");
        }
        if let Some(terms) = &iface.terms {
            sep(out);
            self.write_terms(out, terms);
        }
        out.push_str(if reflect { " }" } else { "}" });
    }

    /// A union as Go prints it: `~int | ~float64`.
    pub fn write_terms(&self, out: &mut String, terms: &[super::types::Term]) {
        for (i, term) in terms.iter().enumerate() {
            if i > 0 {
                out.push_str(" | ");
            }
            if term.tilde {
                out.push('~');
            }
            self.write_type(out, term.ty);
        }
    }

    /// A union as a string: `~int | ~float64`.
    pub fn terms_str(&self, terms: &[super::types::Term]) -> String {
        let mut out = String::new();
        self.write_terms(&mut out, terms);
        out
    }

    fn write_named(&self, out: &mut String, ty: TypeId) {
        let Type::Named(id) = self.types.get(ty) else {
            unreachable!("write_named takes a named type")
        };
        let info = self.types.named(*id);
        let obj = self.objects.get(info.obj);
        if let Some(pkg) = obj.pkg {
            let qualify = self.style == TypeStyle::Reflect || self.current != Some(pkg);
            if qualify {
                out.push_str(&(self.package_name)(pkg));
                out.push('.');
            }
        }
        out.push_str(&obj.name);
        if !info.targs.is_empty() {
            out.push('[');
            self.write_list(out, &info.targs, ",");
            out.push(']');
        }
    }
}

/// A Go double-quoted string literal for a struct tag, as `strconv.Quote` writes it for
/// the printable ASCII that tags contain in practice.
fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests;
