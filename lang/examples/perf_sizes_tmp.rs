#![allow(clippy::print_stdout)]
use minigo_lang::ast::*;
fn main() {
    macro_rules! sz { ($($t:ty),*) => { $(println!("{} {}", stringify!($t), std::mem::size_of::<$t>());)* } }
    sz!(Stmt, StmtKind, Expr, ExprKind, Decl, FuncDecl, CaseClause, CommClause, FuncSig, TypeSpec, Field, Element, Import, ConstSpec, VarSpec, InterfaceElem, Constraint, Term, Block, Param, Ident, TypeParam, (Vec<CaseClause>, minigo_lang::span::Span), lalrpop_util::ErrorRecovery<usize, minigo_lang::token::Token, ()>);
}
