//! The supported subset of Rust, as the macro sees it after parsing.
//!
//! The IR is structured (blocks, `if`, `match`, loops) like the source, so the generated code
//! keeps the user's shape; but expressions that carry derivatives are trees of primitive
//! operations, control flow in value position has been lifted into statements that assign a
//! destination, compound assignments are plain assignments, and every binding has a unique
//! [`VarId`] so shadowing is explicit. Anything that cannot carry a derivative (conditions,
//! integer arithmetic, macros, calls on inactive values) is kept as opaque tokens and emitted
//! unchanged in the forward code.

use proc_macro2::{Span, TokenStream};
use syn::{Ident, Lifetime, Pat, Type};

use crate::rules::Prim;

/// A binding: a parameter, a `let` pattern variable, or a temporary the parser introduced.
pub type VarId = usize;

#[derive(Clone)]
pub struct Var {
    /// The name used in the emitted primal code: the user's identifier (with its span), or a
    /// mixed-site identifier for temporaries.
    pub name: Ident,
    /// Whether derivatives flow through this binding (set by `infer`).
    pub active: bool,
    /// Whether anything assigns it after its declaration.
    pub reassigned: bool,
    /// A parameter of the function (its index).
    pub param: Option<usize>,
    /// The user's type annotation, if any.
    pub ty: Option<Type>,
    /// A binding from a pattern the macro cannot see into (match arms, `for` patterns): always
    /// inactive.
    pub pattern_bound: bool,
    /// An array of floats (a slice parameter, `vec![..]`, `[..; N]`), indexed element by element.
    pub array: bool,
    /// Declared with a value by a `let` in the function's top block.
    pub top_level: bool,
    /// An array declared inside a loop or branch: reverse mode keeps it in a variable of the
    /// whole function (each `let` replaces the previous array, which the pullback restores).
    pub nested: bool,
}

pub struct Block {
    pub stmts: Vec<Stmt>,
}

pub enum Stmt {
    /// `let [mut] x[: T] [= e];`
    Let {
        var: VarId,
        mutable: bool,
        init: Option<Expr>,
    },
    /// `x = e;`
    Assign {
        var: VarId,
        value: Expr,
    },
    /// `let (dests..) = path(args..);` for a call that may be differentiated through its
    /// generated derivative functions. `dests` are fresh temporaries.
    Call {
        dests: Vec<VarId>,
        call: Call,
    },
    /// A statement kept verbatim: it computes nothing a derivative flows through. With the
    /// locals it may write (assigned, borrowed `&mut`, method receivers, named in a macro), so
    /// that analyses of what a loop changes see them.
    Opaque(TokenStream, Vec<VarId>),
    /// `a[index] = value;` on an array variable.
    Store {
        array: VarId,
        index: Opaque,
        value: Expr,
    },
    /// `std::mem::swap(&mut a, &mut b);` of two array variables.
    Swap(VarId, VarId),
    /// A nested scope `{ .. }`.
    Block(Block),
    If {
        cond: TokenStream,
        then: Block,
        els: Option<Block>,
    },
    Match {
        scrutinee: TokenStream,
        arms: Vec<Arm>,
    },
    Loop {
        label: Option<Lifetime>,
        kind: LoopKind,
        body: Block,
        /// `#[checkpoint]` (`Some(None)`) or `#[checkpoint(every = k)]` (`Some(Some(k))`) on a
        /// top-level `for` loop over a range.
        checkpoint: Option<Option<TokenStream>>,
        /// The loop of a rayon chain's reduction (`(a..b).into_par_iter().map(..).sum()`): its
        /// pullback may run on several threads.
        parallel: bool,
    },
    Break(Option<Lifetime>),
    Continue(Option<Lifetime>),
    /// Leave the function (its result is already assigned to the result variables).
    Return,
}

pub struct Arm {
    pub pat: Pat,
    pub guard: Option<TokenStream>,
    pub body: Block,
}

pub enum LoopKind {
    Loop,
    /// `while <cond>` (also `while let`): the condition tokens after `while`.
    While(TokenStream),
    /// `for <pat> in <iter>`.
    For(Pat, TokenStream),
}

pub struct Call {
    /// The function's path with its last segment split off, so the generated derivative's
    /// name can be formed: `prefix::name::<generics>`.
    pub prefix: TokenStream,
    pub name: Ident,
    pub generics: TokenStream,
    pub args: Vec<Expr>,
    pub span: Span,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
}

pub enum Expr {
    /// A binding's current value.
    Var(VarId),
    /// A value no derivative flows through: a literal or path (`kind == Const`, re-evaluated
    /// freely), or any other inactive expression (evaluated once, its value saved if needed).
    Opaque(Opaque),
    Neg(Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// A primitive with a derivative rule; its arguments in order (receiver first).
    Prim(Prim, Vec<Expr>, Span),
    /// `e as F` where `F` is the float type: the identity for derivatives.
    Cast(Box<Expr>, Type),
    /// `a[index]`, an element of an array variable.
    Index(VarId, Opaque),
    /// `vec![x; n]` (`vec: true`) or `[x; n]`: an array value.
    ArrayRepeat(Box<Expr>, Opaque, bool),
    /// `vec![a, b, ..]` (`vec: true`) or `[a, b, ..]`.
    ArrayLit(Vec<Expr>, bool),
    /// A copy of an array variable (`a.to_vec()`, or `a.clone()` when `clone` is true).
    ArrayCopy(VarId, bool),
    /// `p.a.b`: a float field of a struct parameter (read only).
    Field(VarId, TokenStream),
    /// `p.w[i]`: an element of an array field of a struct parameter (read only).
    FieldIndex(VarId, TokenStream, Opaque),
    /// An array passed to a function by reference (`g(&u)`, `g(&u[..])`, or `g(x)` for a
    /// slice parameter `x`; with `true`, `g(&mut u)`, `g(&mut u[..])`, or `g(x)` for an
    /// `&mut [F]` parameter, which the callee updates in place): only as a call argument.
    ArrayArg(VarId, bool),
    /// A struct argument (or a struct field of one) passed by reference to a differentiable
    /// function: `g(p, x)` or `g(&p, x)` (empty path), `g(&p.inner, x)`. Only as a call
    /// argument.
    StructArg(VarId, TokenStream),
    /// An array field of a struct argument passed as a slice: `g(&p.w[..])`. Only as a call
    /// argument.
    FieldArrayArg(VarId, TokenStream),
}

#[derive(Clone)]
pub struct Opaque {
    pub tokens: TokenStream,
    /// Locals it reads (for activity errors and to decide whether it can be re-evaluated).
    pub reads: Vec<VarId>,
    pub kind: OpaqueKind,
    /// What an error about it points at.
    pub blame: TokenStream,
}

#[derive(Clone, PartialEq, Eq)]
pub enum OpaqueKind {
    /// A literal or a path to a constant: pure, cheap, re-evaluated wherever needed.
    Const,
    /// Computed from inactive values, or with a derivative that is zero by definition
    /// (comparisons, integer casts, `floor`, `stop_gradient`): no derivative flows.
    Inactive,
    /// Something the macro has no derivative for. Allowed while it reads only inactive values;
    /// an error (with this message) if it reads an active one.
    Unsupported(String),
}

impl Expr {
    pub fn opaque(
        tokens: TokenStream,
        reads: Vec<VarId>,
        kind: OpaqueKind,
        blame: TokenStream,
    ) -> Expr {
        Expr::Opaque(Opaque {
            tokens,
            reads,
            kind,
            blame,
        })
    }
}

pub struct Func {
    pub vars: Vec<Var>,
    pub body: Block,
    /// The variables holding the function's result (one, or one per tuple element).
    pub results: Vec<VarId>,
    /// Whether the body contains `return` (the forward code then runs in a labeled block).
    pub has_return: bool,
}
