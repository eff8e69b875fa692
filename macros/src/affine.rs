//! Array indices as offsets of a loop counter.
//!
//! Inside `for j in a..b`, the index `i * n + jm` with `let jm = j - 1;` is `(i * n) + j - 1`:
//! a loop-invariant part, the counter with coefficient one, and a constant offset. Reverse mode
//! uses this to see that the adjoint updates `ū[i*n + j - 1]`, `ū[i*n + j]`, `ū[i*n + j + 1]` of
//! consecutive iterations land on the same elements, and keeps them in registers instead of
//! reading back through memory what the previous iteration just wrote (see
//! `Reverse::flush_adds`).

use std::collections::HashMap;

use quote::ToTokens;

use crate::ir::{BinOp, Block, Expr, Func, Stmt, VarId};

/// `coef · counter + offset + Σ ±term`, the terms loop-invariant expressions (as token text).
#[derive(Clone, Debug, PartialEq)]
pub struct Lin {
    pub coef: i64,
    pub offset: i64,
    terms: Vec<(bool, String)>,
}

impl Lin {
    fn constant(offset: i64) -> Lin {
        Lin {
            coef: 0,
            offset,
            terms: Vec::new(),
        }
    }

    /// The invariant part, in a canonical order: two indices with equal keys and coefficients
    /// differ by exactly their offsets' difference.
    pub fn key(&self) -> String {
        let mut t: Vec<String> = self
            .terms
            .iter()
            .map(|(neg, s)| format!("{}{s}", if *neg { '-' } else { '+' }))
            .collect();
        t.sort();
        t.join(" ")
    }

    fn add(mut self, other: Lin, negate: bool) -> Option<Lin> {
        let s = if negate { -1 } else { 1 };
        self.coef = self.coef.checked_add(s * other.coef)?;
        self.offset = self.offset.checked_add(s * other.offset)?;
        for (neg, t) in other.terms {
            // `+x` and `-x` cancel.
            let flipped = neg != negate;
            match self
                .terms
                .iter()
                .position(|(n, u)| *u == t && *n != flipped)
            {
                Some(p) => {
                    self.terms.remove(p);
                }
                None => self.terms.push((flipped, t)),
            }
        }
        Some(self)
    }
}

/// What the analysis knows about a loop body: its counter, the integer `let`s defined once from
/// it, and the variables it writes (everything else it reads is invariant).
pub struct Env {
    /// The counter's bindings (the loop binds one; several variables may share its name).
    counters: Vec<VarId>,
    defs: HashMap<VarId, Lin>,
    written: Vec<VarId>,
}

impl Env {
    /// For the body of `for counter in a..b`; `written` are the variables the body writes and
    /// `counts` how often each is written.
    pub fn new(
        f: &Func,
        counters: &[VarId],
        body: &Block,
        written: &[VarId],
        counts: &[usize],
    ) -> Env {
        let mut env = Env {
            counters: counters.to_vec(),
            defs: HashMap::new(),
            written: written.to_vec(),
        };
        for s in &body.stmts {
            if let Stmt::Let {
                var,
                init: Some(init),
                ..
            } = s
            {
                if counts[*var] != 1 || f.vars[*var].array {
                    continue;
                }
                if let Some(l) = env.lin_ir(f, init) {
                    env.defs.insert(*var, l);
                }
            }
        }
        env
    }

    /// The linear form of an integer `let`'s value.
    fn lin_ir(&self, f: &Func, e: &Expr) -> Option<Lin> {
        match e {
            Expr::Opaque(o) => self.lin(f, &o.tokens, &o.reads),
            Expr::Var(v) => {
                let name = &f.vars[*v].name;
                self.lin(f, &quote::quote!(#name), &[*v])
            }
            Expr::Binary(op, a, b) => binary(*op, self.lin_ir(f, a)?, self.lin_ir(f, b)?, None),
            _ => None,
        }
    }

    /// The linear form of an integer expression reading the locals `reads`.
    pub fn lin(&self, f: &Func, tokens: &proc_macro2::TokenStream, reads: &[VarId]) -> Option<Lin> {
        let e: syn::Expr = syn::parse2(tokens.clone()).ok()?;
        self.expr(f, &e, reads)
    }

    fn expr(&self, f: &Func, e: &syn::Expr, reads: &[VarId]) -> Option<Lin> {
        match e {
            syn::Expr::Paren(p) => self.expr(f, &p.expr, reads),
            syn::Expr::Group(g) => self.expr(f, &g.expr, reads),
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Int(i),
                ..
            }) => Some(Lin::constant(i.base10_parse().ok()?)),
            syn::Expr::Path(p) => {
                let id = p.path.get_ident()?;
                let name = id.to_string();
                let local = reads.iter().copied().find(|&v| f.vars[v].name == *id);
                match local {
                    Some(v) if self.counters.contains(&v) => Some(Lin {
                        coef: 1,
                        offset: 0,
                        terms: Vec::new(),
                    }),
                    Some(v) => match self.defs.get(&v) {
                        Some(l) => Some(l.clone()),
                        None if self.written.contains(&v) => None,
                        None => Some(Lin {
                            coef: 0,
                            offset: 0,
                            terms: vec![(false, name)],
                        }),
                    },
                    // Not a local: a constant.
                    None => Some(Lin {
                        coef: 0,
                        offset: 0,
                        terms: vec![(false, name)],
                    }),
                }
            }
            syn::Expr::Binary(b) => {
                let op = crate::parse::arith_op(&b.op)?;
                let (l, r) = (
                    self.expr(f, &b.left, reads)?,
                    self.expr(f, &b.right, reads)?,
                );
                binary(op, l, r, Some(e.to_token_stream().to_string()))
            }
            _ => None,
        }
    }
}

/// `l op r`. A product or quotient is linear only when both sides are invariant: then it folds
/// to a constant, or becomes one invariant term named by `text` (the expression as written).
fn binary(op: BinOp, l: Lin, r: Lin, text: Option<String>) -> Option<Lin> {
    match op {
        BinOp::Add => l.add(r, false),
        BinOp::Sub => l.add(r, true),
        _ if l.coef != 0 || r.coef != 0 => None,
        _ if l.terms.is_empty() && r.terms.is_empty() => {
            let (a, c) = (l.offset, r.offset);
            Some(Lin::constant(match op {
                BinOp::Mul => a.checked_mul(c)?,
                BinOp::Div => a.checked_div(c)?,
                _ => a.checked_rem(c)?,
            }))
        }
        _ => Some(Lin {
            coef: 0,
            offset: 0,
            terms: vec![(false, text?)],
        }),
    }
}
