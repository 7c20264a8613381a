//! Objects: the things names denote (go/types' `Object`): variables, constants, type
//! names, functions and methods, imported packages, builtins, `nil`, labels.
//!
//! Every object lives in one [`Objects`] arena and is referred to by [`ObjectId`]. This
//! module is data only: scopes map names to objects (`check::scope`), and the checker fills
//! in each object's type when it checks the declaration. Constant values are kept by the
//! checker in its own table, keyed by object, so this module does not depend on the
//! constant representation.

use crate::ast::Name;
use crate::span::Span;

use super::types::{ObjectId, TypeId};

/// A package of the program: the user's `main`, or a standard package loaded from its
/// declaration file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PackageId(pub u32);

/// Go's builtin functions (`unsafe` and the complex-number builtins are out of scope).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Builtin {
    Append,
    Cap,
    Clear,
    Close,
    Copy,
    Delete,
    Len,
    Make,
    Max,
    Min,
    New,
    Panic,
    Print,
    Println,
    Recover,
}

impl Builtin {
    pub const ALL: [Builtin; 15] = [
        Builtin::Append,
        Builtin::Cap,
        Builtin::Clear,
        Builtin::Close,
        Builtin::Copy,
        Builtin::Delete,
        Builtin::Len,
        Builtin::Make,
        Builtin::Max,
        Builtin::Min,
        Builtin::New,
        Builtin::Panic,
        Builtin::Print,
        Builtin::Println,
        Builtin::Recover,
    ];

    pub fn name(self) -> &'static str {
        use Builtin::*;
        match self {
            Append => "append",
            Cap => "cap",
            Clear => "clear",
            Close => "close",
            Copy => "copy",
            Delete => "delete",
            Len => "len",
            Make => "make",
            Max => "max",
            Min => "min",
            New => "new",
            Panic => "panic",
            Print => "print",
            Println => "println",
            Recover => "recover",
        }
    }
}

/// What kind of variable an object is; it decides escape and capture questions later.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VarKind {
    /// A package-level variable.
    Global,
    /// A local variable (including a named result and a range/switch binding).
    Local,
    /// A function or method parameter, including the receiver.
    Param,
    /// A struct field.
    Field,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ObjectKind {
    Var(VarKind),
    /// A constant; its value is in the checker's constant table.
    Const,
    /// A type name: a defined type, an alias, a type parameter or a basic type.
    TypeName,
    /// A function, or a method when `recv` is set (the receiver's type, maybe a pointer).
    Func {
        recv: Option<TypeId>,
        has_body: bool,
    },
    /// An imported package name.
    PkgName(PackageId),
    Builtin(Builtin),
    Nil,
    Label,
}

#[derive(Clone, Debug)]
pub struct Object {
    pub name: Name,
    pub kind: ObjectKind,
    /// The object's type; `TypeId::INVALID` until its declaration is checked.
    pub ty: TypeId,
    /// The package that declares it; `None` for the universe (builtins, `int`, `nil`, ...).
    pub pkg: Option<PackageId>,
    /// The declaring identifier's span; the default span for universe objects.
    pub span: Span,
}

impl Object {
    /// Go's export rule: a name is exported when it starts with an upper-case letter.
    pub fn is_exported(&self) -> bool {
        self.name.chars().next().is_some_and(char::is_uppercase)
    }
}

/// The arena of all objects of one program.
#[derive(Debug, Default)]
pub struct Objects {
    objects: Vec<Object>,
}

impl Objects {
    pub fn new() -> Objects {
        Objects::default()
    }

    pub fn add(&mut self, obj: Object) -> ObjectId {
        self.objects.push(obj);
        ObjectId(self.objects.len() as u32 - 1)
    }

    pub fn get(&self, id: ObjectId) -> &Object {
        &self.objects[id.0 as usize]
    }

    pub fn get_mut(&mut self, id: ObjectId) -> &mut Object {
        &mut self.objects[id.0 as usize]
    }

    pub fn len(&self) -> usize {
        self.objects.len()
    }

    pub fn is_empty(&self) -> bool {
        self.objects.is_empty()
    }
}
