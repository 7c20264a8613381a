//! The syntax tree that the parser builds and the checker reads.
//!
//! It follows Go's `go/ast` closely, with one deliberate choice: **types are expressions**.
//! `[]int`, `map[string]T`, `*T`, `chan<- int`, `func(int) bool`, `struct{...}` are
//! [`ExprKind`] variants, because Go's grammar cannot tell `m[k]` from `List[int]`, or
//! `(*T)(x)` from a dereference, until names are resolved. The parser builds one shared form
//! and `check` decides what each node is.
//!
//! Every expression has an [`ExprId`], dense and unique within its [`File`] (`0..n_exprs`),
//! so the checker can keep its results (types, constant values, resolutions) in side tables
//! indexed by `(span.file, id)` instead of mutating the tree. Declared names are [`Ident`]s,
//! identified by their span.
//!
//! This module holds data and small constructors only: no resolution, no type logic.

use crate::span::{FileId, Span};

/// An identifier's text. Short names (almost all of them) are stored inline.
pub type Name = smol_str::SmolStr;

/// Index of an expression within its file: `0..File::n_exprs`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ExprId(pub u32);

/// A declared or referenced name with its position.
#[derive(Clone, Debug, PartialEq)]
pub struct Ident {
    pub name: Name,
    pub span: Span,
}

impl Ident {
    /// `_`, which declares nothing.
    pub fn is_blank(&self) -> bool {
        self.name == "_"
    }
}

/// One parsed source file.
#[derive(Clone, Debug, PartialEq)]
pub struct File {
    pub id: FileId,
    /// `package NAME`; `None` when a `.mg` file omits the clause.
    pub package: Option<Ident>,
    pub imports: Vec<Import>,
    pub decls: Vec<Decl>,
    /// One past the largest [`ExprId`] used in this file.
    pub n_exprs: u32,
    pub span: Span,
}

/// `import alias "path"`.
#[derive(Clone, Debug, PartialEq)]
pub struct Import {
    /// The alias: a name, `_`, or `.`; `None` when absent.
    pub alias: Option<Ident>,
    /// The decoded import path, e.g. `sync/atomic`.
    pub path: String,
    pub path_span: Span,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Decl {
    Const(ConstDecl),
    Var(VarDecl),
    Type(TypeDecl),
    /// Boxed because a function declaration is several times larger than the others, and
    /// `Decl` is embedded in every `Stmt` (and in the parser's symbol stack), whose size
    /// would otherwise be that of a `FuncDecl`.
    Func(Box<FuncDecl>),
    /// A declaration that failed to parse; the error was already reported.
    Bad(Span),
}

/// `const X = 1` or a parenthesized group. Inside a group, `iota` is the spec's index and a
/// spec with no type and no values repeats the previous spec's (Go's implicit repetition,
/// resolved by the checker).
#[derive(Clone, Debug, PartialEq)]
pub struct ConstDecl {
    pub specs: Vec<ConstSpec>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ConstSpec {
    pub names: Vec<Ident>,
    pub ty: Option<Expr>,
    pub values: Vec<Expr>,
    /// The value of `iota` for this spec: its index within the group.
    pub iota: u32,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct VarDecl {
    pub specs: Vec<VarSpec>,
    pub span: Span,
}

/// `var a, b T = x, y` (type or values may be absent, not both).
#[derive(Clone, Debug, PartialEq)]
pub struct VarSpec {
    pub names: Vec<Ident>,
    pub ty: Option<Expr>,
    pub values: Vec<Expr>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TypeDecl {
    pub specs: Vec<TypeSpec>,
    pub span: Span,
}

/// `type Name[T any] Underlying` or the alias form `type Name = T`.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeSpec {
    pub name: Ident,
    pub tparams: Vec<TypeParam>,
    pub alias: bool,
    pub ty: Expr,
    pub span: Span,
}

/// `[K comparable, V any]`: names sharing one constraint.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeParam {
    pub names: Vec<Ident>,
    pub constraint: Constraint,
    pub span: Span,
}

/// A constraint or interface element: a union of terms, `~int | ~float64`, or a single
/// term such as `any`, `comparable`, `fmt.Stringer` or `interface{ M() }`.
#[derive(Clone, Debug, PartialEq)]
pub struct Constraint {
    pub terms: Vec<Term>,
    pub span: Span,
}

/// One term of a union: `~T` (tilde) or `T`.
#[derive(Clone, Debug, PartialEq)]
pub struct Term {
    pub tilde: bool,
    pub ty: Expr,
    pub span: Span,
}

/// `func (r Recv) Name[T any](params) results { body }`.
#[derive(Clone, Debug, PartialEq)]
pub struct FuncDecl {
    pub recv: Option<Param>,
    pub name: Ident,
    pub tparams: Vec<TypeParam>,
    pub sig: FuncSig,
    /// `None` for a function without a body: a native function in a package declaration file.
    pub body: Option<Block>,
    pub span: Span,
}

/// A parameter list and a result list.
#[derive(Clone, Debug, PartialEq)]
pub struct FuncSig {
    pub params: Vec<Param>,
    pub results: Vec<Param>,
    pub span: Span,
}

/// `a, b int`, `x ...T`, or an unnamed `int` (then `names` is empty). Grouped names share
/// one type expression, as in `go/ast.Field`.
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    pub names: Vec<Ident>,
    pub ty: Expr,
    /// The last parameter written `...T`; `ty` is then `T`.
    pub variadic: bool,
    pub span: Span,
}

/// A struct field group `a, b T "tag"`, or an embedded field `T` / `*T` (`names` empty).
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub names: Vec<Ident>,
    pub ty: Expr,
    pub tag: Option<String>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum InterfaceElem {
    /// `Name(params) results`.
    Method { name: Ident, sig: FuncSig },
    /// An embedded interface or a type-set union: `fmt.Stringer`, `~int | ~string`.
    Embed(Constraint),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChanDir {
    /// `chan T`
    Both,
    /// `chan<- T`
    Send,
    /// `<-chan T`
    Recv,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    /// `+x`
    Pos,
    /// `-x`
    Neg,
    /// `!x`
    Not,
    /// `^x`
    BitNot,
    /// `&x`
    Addr,
    /// `<-x`
    Recv,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    Add,
    Sub,
    Mul,
    Quo,
    Rem,
    And,
    Or,
    Xor,
    Shl,
    Shr,
    AndNot,
    LAnd,
    LOr,
    Eql,
    Neq,
    Lss,
    Leq,
    Gtr,
    Geq,
}

impl BinaryOp {
    /// Go's precedence: 5 binds tightest (`* / % << >> & &^`), 1 loosest (`||`).
    pub fn precedence(self) -> u8 {
        use BinaryOp::*;
        match self {
            Mul | Quo | Rem | Shl | Shr | And | AndNot => 5,
            Add | Sub | Or | Xor => 4,
            Eql | Neq | Lss | Leq | Gtr | Geq => 3,
            LAnd => 2,
            LOr => 1,
        }
    }

    pub fn text(self) -> &'static str {
        use BinaryOp::*;
        match self {
            Add => "+",
            Sub => "-",
            Mul => "*",
            Quo => "/",
            Rem => "%",
            And => "&",
            Or => "|",
            Xor => "^",
            Shl => "<<",
            Shr => ">>",
            AndNot => "&^",
            LAnd => "&&",
            LOr => "||",
            Eql => "==",
            Neq => "!=",
            Lss => "<",
            Leq => "<=",
            Gtr => ">",
            Geq => ">=",
        }
    }
}

/// The operator of an assignment statement: `=` or `op=`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssignOp {
    /// Plain `=`.
    Assign,
    /// `op=`, e.g. `+=` is `Op(BinaryOp::Add)`.
    Op(BinaryOp),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub id: ExprId,
    pub span: Span,
    pub kind: ExprKind,
}

/// A decoded literal. Integer literals that do not fit in `u128` are reported by the parser
/// ("integer constant overflow") and become `Int(0)`.
#[derive(Clone, Debug, PartialEq)]
pub enum Lit {
    Int(u128),
    Float(f64),
    /// A rune literal's code point.
    Rune(u32),
    /// A string literal's bytes (Go strings are byte strings: `"\xff"` is one byte).
    Str(Box<[u8]>),
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// A name: a variable, constant, type, function, package or builtin.
    Ident(Name),
    Lit(Lit),
    /// `T{elts}`; `ty` is `None` for an elided type inside another composite literal.
    Composite {
        ty: Option<Box<Expr>>,
        elts: Vec<Element>,
    },
    /// `func(params) results { body }`. The signature is boxed (as in `FuncType`) to keep
    /// every `Expr` small: it is the largest payload, and expressions are moved on every
    /// parser reduction and stored by the hundred thousand.
    FuncLit {
        sig: Box<FuncSig>,
        body: Block,
    },
    Paren(Box<Expr>),
    /// `x.sel`: a field, method, package member, or method expression `T.M`.
    Selector {
        x: Box<Expr>,
        sel: Ident,
    },
    /// `x[i]`, or a generic instantiation `f[int, string]` / `List[T]`.
    Index {
        x: Box<Expr>,
        indices: Vec<Expr>,
    },
    /// `x[lo:hi]` or `x[lo:hi:max]` (`full` is true for the three-index form).
    Slice {
        x: Box<Expr>,
        lo: Option<Box<Expr>>,
        hi: Option<Box<Expr>>,
        max: Option<Box<Expr>>,
        full: bool,
    },
    /// `x.(T)`; `ty` is `None` for `x.(type)` in a type switch guard.
    TypeAssert {
        x: Box<Expr>,
        ty: Option<Box<Expr>>,
    },
    /// `f(args)` or `f(args...)` (`spread`), also conversions `T(x)`.
    Call {
        func: Box<Expr>,
        args: Vec<Expr>,
        spread: bool,
    },
    /// `*x`: a dereference or a pointer type.
    Star(Box<Expr>),
    Unary {
        op: UnaryOp,
        x: Box<Expr>,
    },
    Binary {
        op: BinaryOp,
        x: Box<Expr>,
        y: Box<Expr>,
    },

    // Type expressions.
    /// `[N]T`; `len` is `None` for `[...]T` (only valid in a composite literal).
    ArrayType {
        len: Option<Box<Expr>>,
        elem: Box<Expr>,
    },
    /// `[]T`
    SliceType(Box<Expr>),
    /// `map[K]V`
    MapType {
        key: Box<Expr>,
        value: Box<Expr>,
    },
    /// `chan T`, `chan<- T`, `<-chan T`
    ChanType {
        dir: ChanDir,
        elem: Box<Expr>,
    },
    /// `func(params) results` as a type.
    FuncType(Box<FuncSig>),
    StructType(Vec<Field>),
    InterfaceType(Vec<InterfaceElem>),

    /// An expression that failed to parse; the error was already reported.
    Bad,
}

/// An element of a composite literal: `value` or `key: value`. A value (or key) that is
/// itself a composite literal with an elided type is a `Composite { ty: None, .. }`.
#[derive(Clone, Debug, PartialEq)]
pub struct Element {
    pub key: Option<Expr>,
    pub value: Expr,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    pub stmts: Vec<Stmt>,
    /// From `{` to `}` inclusive.
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    pub span: Span,
    pub kind: StmtKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum StmtKind {
    /// A `const`, `var` or `type` declaration inside a function.
    Decl(Decl),
    /// An expression statement: a call or a receive.
    Expr(Expr),
    /// `ch <- value`
    Send {
        ch: Expr,
        value: Expr,
    },
    /// `x++` (`inc`) or `x--`.
    IncDec {
        x: Expr,
        inc: bool,
    },
    /// `a, b = x, y` or `a op= x`.
    Assign {
        lhs: Vec<Expr>,
        op: AssignOp,
        rhs: Vec<Expr>,
    },
    /// `a, b := x, y`. The parser reports non-name operands on the left.
    Define {
        lhs: Vec<Ident>,
        rhs: Vec<Expr>,
    },
    /// `go call`
    Go(Expr),
    /// `defer call`
    Defer(Expr),
    Return(Vec<Expr>),
    Break(Option<Ident>),
    Continue(Option<Ident>),
    Fallthrough,
    Block(Block),
    /// `if init; cond { then } else els`; `els` is an `If` or a `Block` statement.
    If {
        init: Option<Box<Stmt>>,
        cond: Expr,
        then: Block,
        els: Option<Box<Stmt>>,
    },
    /// `switch init; tag { cases }`; no tag means `switch true`.
    Switch {
        init: Option<Box<Stmt>>,
        tag: Option<Expr>,
        cases: Vec<CaseClause>,
        body_span: Span,
    },
    /// `switch init; bind := x.(type) { cases }`.
    TypeSwitch {
        init: Option<Box<Stmt>>,
        bind: Option<Ident>,
        x: Expr,
        cases: Vec<TypeCaseClause>,
        body_span: Span,
    },
    /// `select { cases }`
    Select {
        cases: Vec<CommClause>,
        body_span: Span,
    },
    /// `for init; cond; post { body }`, `for cond { }`, `for { }`.
    For {
        init: Option<Box<Stmt>>,
        cond: Option<Expr>,
        post: Option<Box<Stmt>>,
        body: Block,
    },
    /// `for key, value := range x` (`define`), `for key, value = range x`, `for range x`.
    /// `x` is boxed so that this, otherwise the largest variant, does not set the size of
    /// every statement (and of the parser's symbol stack).
    Range {
        key: Option<Expr>,
        value: Option<Expr>,
        define: bool,
        x: Box<Expr>,
        body: Block,
    },
    /// `label: stmt`
    Labeled {
        label: Ident,
        stmt: Box<Stmt>,
    },
    /// An empty statement (a lone `;`).
    Empty,
    /// A statement that failed to parse; the error was already reported.
    Bad,
}

/// `case a, b:` or `default:` (then `exprs` is empty and `default` is true).
#[derive(Clone, Debug, PartialEq)]
pub struct CaseClause {
    pub exprs: Vec<Expr>,
    pub default: bool,
    pub body: Vec<Stmt>,
    pub span: Span,
}

/// `case T1, T2:` in a type switch (`nil` is the identifier `nil`), or `default:`.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeCaseClause {
    pub types: Vec<Expr>,
    pub default: bool,
    pub body: Vec<Stmt>,
    pub span: Span,
}

/// `case comm:` or `default:` (`comm` is `None`). `comm` is a `Send`, an `Expr` receive,
/// or an `Assign`/`Define` whose single right-hand side is a receive.
#[derive(Clone, Debug, PartialEq)]
pub struct CommClause {
    pub comm: Option<Box<Stmt>>,
    pub body: Vec<Stmt>,
    pub span: Span,
}
