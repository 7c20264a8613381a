//! The token set of minigo: every Go token in scope, as one fieldless logos enum.
//!
//! A token carries no data: its text is `src[span]`, so the lexer allocates nothing and a
//! token is one byte. Literal values (integers, floats, runes, strings) are decoded by the
//! parser's actions from that text with the functions in `lexer::literal`, after the lexer
//! has validated them; `constant::Value::from_literal` gives their exact constant values.
//! Automatic semicolons are produced by `lexer::Lexer` as [`Token::Semi`] spanning the
//! newline (or multi-line block comment) that caused them, or empty at the end of input;
//! never by logos. The callbacks named in the attributes live in `lexer::scan`.
//!
//! Names follow the Go spec's token names. Do not reorder variants without benchmarking
//! the lexer: logos derives its tables from them. Invariant: `Newline`, `LineComment` and
//! `BlockComment` are the first three variants and `Error` the last, which `lexer::Lexer`
//! relies on for its fast path and its bit set of statement-ending tokens.

use logos::Logos;

#[derive(Logos, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[logos(skip r"[ \t\r\f]+")]
#[logos(extras = crate::lexer::LexExtras)]
pub enum Token {
    /// A newline. `Lexer` turns it into [`Token::Semi`] or drops it; the parser never sees it.
    #[token("\n")]
    Newline,
    /// `// ...` up to (not including) the newline.
    #[regex(r"//[^\n]*", allow_greedy = true)]
    LineComment,
    /// `/* ... */`; its text may contain newlines, which matter for semicolon insertion.
    #[token("/*", crate::lexer::block_comment)]
    BlockComment,

    // Identifiers and literals. The lexer module's callbacks validate literal syntax.
    /// A name. Any non-ASCII character but a byte order mark may appear in one, as in Go's
    /// scanner; `lexer::ident` then reports those that are not Unicode letters or digits.
    /// Pure ASCII names take the first pattern, which needs no callback.
    #[regex(r"[a-zA-Z_][a-zA-Z0-9_]*")]
    #[regex(
        r"([a-zA-Z_][a-zA-Z0-9_]*)?[\u{80}-\u{FEFE}\u{FF00}-\u{10FFFF}][a-zA-Z0-9_\u{80}-\u{FEFE}\u{FF00}-\u{10FFFF}]*",
        crate::lexer::identifier
    )]
    Ident,
    /// Any numeric literal: the callback scans it whole and returns `Int`, `Float` or `Imag`.
    #[regex(r"[0-9]", crate::lexer::number_literal)]
    Int,
    /// A float starting with its radix point (`.5`); other floats arrive through `Int`.
    #[regex(r"\.[0-9]", crate::lexer::number_literal)]
    Float,
    /// An imaginary literal (`1i`): lexed so the checker can reject it by name.
    Imag,
    #[token("'", crate::lexer::rune)]
    Rune,
    /// An interpreted string literal, `"..."`.
    #[token("\"", crate::lexer::string)]
    String,
    /// A raw string literal, `` `...` ``, which may span lines.
    #[token("`", crate::lexer::raw_string)]
    RawString,

    // Keywords.
    #[token("break")]
    Break,
    #[token("case")]
    Case,
    #[token("chan")]
    Chan,
    #[token("const")]
    Const,
    #[token("continue")]
    Continue,
    #[token("default")]
    Default,
    #[token("defer")]
    Defer,
    #[token("else")]
    Else,
    #[token("fallthrough")]
    Fallthrough,
    #[token("for")]
    For,
    #[token("func")]
    Func,
    #[token("go")]
    Go,
    #[token("goto")]
    Goto,
    #[token("if")]
    If,
    #[token("import")]
    Import,
    #[token("interface")]
    Interface,
    #[token("map")]
    Map,
    #[token("package")]
    Package,
    #[token("range")]
    Range,
    #[token("return")]
    Return,
    #[token("select")]
    Select,
    #[token("struct")]
    Struct,
    #[token("switch")]
    Switch,
    #[token("type")]
    Type,
    #[token("var")]
    Var,

    // Operators and punctuation.
    #[token("+")]
    Add,
    #[token("-")]
    Sub,
    #[token("*")]
    Mul,
    #[token("/")]
    Quo,
    #[token("%")]
    Rem,
    #[token("&")]
    And,
    #[token("|")]
    Or,
    #[token("^")]
    Xor,
    #[token("<<")]
    Shl,
    #[token(">>")]
    Shr,
    #[token("&^")]
    AndNot,
    #[token("+=")]
    AddAssign,
    #[token("-=")]
    SubAssign,
    #[token("*=")]
    MulAssign,
    #[token("/=")]
    QuoAssign,
    #[token("%=")]
    RemAssign,
    #[token("&=")]
    AndAssign,
    #[token("|=")]
    OrAssign,
    #[token("^=")]
    XorAssign,
    #[token("<<=")]
    ShlAssign,
    #[token(">>=")]
    ShrAssign,
    #[token("&^=")]
    AndNotAssign,
    #[token("&&")]
    LAnd,
    #[token("||")]
    LOr,
    #[token("<-")]
    Arrow,
    #[token("++")]
    Inc,
    #[token("--")]
    Dec,
    #[token("==")]
    Eql,
    #[token("<")]
    Lss,
    #[token(">")]
    Gtr,
    #[token("=")]
    Assign,
    #[token("!")]
    Not,
    #[token("~")]
    Tilde,
    #[token("!=")]
    Neq,
    #[token("<=")]
    Leq,
    #[token(">=")]
    Geq,
    #[token(":=")]
    Define,
    #[token("...")]
    Ellipsis,
    #[token("(")]
    LParen,
    #[token("[")]
    LBrack,
    #[token("{")]
    LBrace,
    #[token(",")]
    Comma,
    #[token(".")]
    Period,
    #[token(")")]
    RParen,
    #[token("]")]
    RBrack,
    #[token("}")]
    RBrace,
    /// `;` written in the source, or inserted by the lexer at a newline or at end of input.
    #[token(";")]
    Semi,
    #[token(":")]
    Colon,

    /// Reserved for a token the parser must see as invalid. The lexer currently never
    /// yields it: stray characters are reported and skipped, and malformed literals keep
    /// their literal token (the diagnostic says what is wrong).
    Error,
}

impl Token {
    /// Go's 25 keywords (minigo lexes `goto` to report it as unsupported).
    pub const KEYWORDS: [Token; 25] = {
        use Token::*;
        [
            Break,
            Case,
            Chan,
            Const,
            Continue,
            Default,
            Defer,
            Else,
            Fallthrough,
            For,
            Func,
            Go,
            Goto,
            If,
            Import,
            Interface,
            Map,
            Package,
            Range,
            Return,
            Select,
            Struct,
            Switch,
            Type,
            Var,
        ]
    };

    /// Whether the token is one of Go's keywords.
    pub fn is_keyword(self) -> bool {
        Token::KEYWORDS.contains(&self)
    }

    /// How Go's compiler names this token in "syntax error: unexpected X" messages.
    pub fn describe(self) -> &'static str {
        match self {
            Token::Newline | Token::Semi => "semicolon or newline",
            Token::Ident => "name",
            Token::Int
            | Token::Float
            | Token::Imag
            | Token::Rune
            | Token::String
            | Token::RawString => "literal",
            Token::LineComment | Token::BlockComment => "comment",
            Token::Error => "invalid character",
            _ => self.text(),
        }
    }

    /// The fixed spelling of a keyword or operator; `""` for tokens without one.
    pub fn text(self) -> &'static str {
        use Token::*;
        match self {
            Break => "break",
            Case => "case",
            Chan => "chan",
            Const => "const",
            Continue => "continue",
            Default => "default",
            Defer => "defer",
            Else => "else",
            Fallthrough => "fallthrough",
            For => "for",
            Func => "func",
            Go => "go",
            Goto => "goto",
            If => "if",
            Import => "import",
            Interface => "interface",
            Map => "map",
            Package => "package",
            Range => "range",
            Return => "return",
            Select => "select",
            Struct => "struct",
            Switch => "switch",
            Type => "type",
            Var => "var",
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
            AddAssign => "+=",
            SubAssign => "-=",
            MulAssign => "*=",
            QuoAssign => "/=",
            RemAssign => "%=",
            AndAssign => "&=",
            OrAssign => "|=",
            XorAssign => "^=",
            ShlAssign => "<<=",
            ShrAssign => ">>=",
            AndNotAssign => "&^=",
            LAnd => "&&",
            LOr => "||",
            Arrow => "<-",
            Inc => "++",
            Dec => "--",
            Eql => "==",
            Lss => "<",
            Gtr => ">",
            Assign => "=",
            Not => "!",
            Tilde => "~",
            Neq => "!=",
            Leq => "<=",
            Geq => ">=",
            Define => ":=",
            Ellipsis => "...",
            LParen => "(",
            LBrack => "[",
            LBrace => "{",
            Comma => ",",
            Period => ".",
            RParen => ")",
            RBrack => "]",
            RBrace => "}",
            Semi => ";",
            Colon => ":",
            Newline | LineComment | BlockComment | Ident | Int | Float | Imag | Rune | String
            | RawString | Error => "",
        }
    }
}
