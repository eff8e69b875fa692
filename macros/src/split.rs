//! Index-set splitting of boundary tests in innermost `for` loops.
//!
//! Simulation code on periodic or bounded grids picks neighbours with a test on the loop index:
//!
//! ```text
//! for j in 0..n {
//!     let jm = if j == 0 { n - 1 } else { j - 1 };
//!     let jp = if j == n - 1 { 0 } else { j + 1 };
//!     ...
//! }
//! ```
//!
//! Every iteration but the first and the last takes the same branch, yet the select on `jm` and
//! `jp` keeps the compiler from vectorizing the loop, and in reverse mode it stands between the
//! adjoint and its neighbours. The derivative code runs such a loop in three pieces instead: the
//! first iteration and the last as written, and the ones between with each boundary test replaced
//! by the value it has there (`jm = j - 1`, `jp = j + 1`):
//!
//! ```text
//! let lo = 0; let hi = n;
//! if lo < hi {
//!     for j in (0)..(0) + 1 { <body> }
//!     for j in (0) + 1..(n) - 1 { <body, tests folded> }
//!     if hi - 1 > lo { for j in (n) - 1..(n) { <body> } }
//! }
//! ```
//!
//! Iterations run in the same order with the same arithmetic, so results are bit-for-bit those of
//! the loop as written. The user's own function is emitted unchanged; only the generated
//! derivative functions see the split loop.
//!
//! A loop is split only when this is certainly the same program: its index is a plain name over
//! `a..b`; `a` and `b` are built from names, integer literals, `+ - * /`, fields and `.len()`;
//! the body has no nested loop, `break`, `continue`, `return`, `?`, macro or closure, and neither
//! assigns, borrows mutably, calls a method on (other than `.len()`) nor rebinds the index or a
//! name in `a` or `b`. The tests folded are
//! `j == a`, `j == b - 1`, `j + 1 == b` (and `!=`), `j > a`, `j < b - 1` and `j + 1 < b`, either
//! side first, as the whole condition of an `if`; and, in a loop from `0` to `E`, the modular
//! neighbours `(j + 1) % E`, `(j + E - 1) % E` and `j % E` (as `j + 1`, `j - 1`, `j`) anywhere
//! in the body.

use std::collections::HashSet;

use proc_macro2::Span;
use quote::{quote, ToTokens};
use syn::visit::Visit;
use syn::visit_mut::VisitMut;
use syn::{BinOp, Block, Expr, ExprForLoop, Ident, Pat};

/// The block with its splittable loops split, or `None` when there are none.
pub fn split_loops(block: &Block) -> Option<Block> {
    let mut b = block.clone();
    let mut s = Splitter {
        changed: false,
        count: 0,
    };
    s.visit_block_mut(&mut b);
    s.changed.then_some(b)
}

struct Splitter {
    changed: bool,
    count: usize,
}

impl VisitMut for Splitter {
    fn visit_expr_mut(&mut self, e: &mut Expr) {
        syn::visit_mut::visit_expr_mut(self, e);
        if let Expr::ForLoop(f) = e {
            if let Some(new) = self.split(f) {
                *e = new;
                self.changed = true;
            }
        }
    }
}

impl Splitter {
    fn split(&mut self, f: &ExprForLoop) -> Option<Expr> {
        if !f.attrs.is_empty() || f.label.is_some() {
            return None;
        }
        let Pat::Ident(pi) = &*f.pat else { return None };
        if pi.by_ref.is_some() || pi.mutability.is_some() || pi.subpat.is_some() {
            return None;
        }
        let j = pi.ident.clone();
        let Expr::Range(r) = &*f.expr else {
            return None;
        };
        if !matches!(r.limits, syn::RangeLimits::HalfOpen(_)) {
            return None;
        }
        let (start, end) = (r.start.as_deref()?, r.end.as_deref()?);
        let mut names = HashSet::new();
        if !simple(start, &mut names) || !simple(end, &mut names) {
            return None;
        }
        names.insert(j.to_string());
        let mut check = BodyCheck {
            names: &names,
            ok: true,
        };
        check.visit_block(&f.body);
        if !check.ok {
            return None;
        }
        let bounds = Bounds {
            j: &j,
            start: key(start),
            end: key(end),
        };
        let mut fold = Fold {
            bounds: &bounds,
            folded: 0,
        };
        let mut spec = f.body.clone();
        fold.visit_block_mut(&mut spec);
        if fold.folded == 0 {
            return None;
        }
        let k = self.count;
        self.count += 1;
        let lo = Ident::new(&format!("__oxidiff_lo{k}"), Span::mixed_site());
        let hi = Ident::new(&format!("__oxidiff_hi{k}"), Span::mixed_site());
        let stmts = &f.body.stmts;
        // The three pieces are counted loops (the first and last of one iteration) over the
        // bounds as written rather than over `lo` and `hi`, so that reverse mode sees starts it
        // can recompute and saves nothing per iteration; the body cannot change the bounds.
        let tokens = quote! {{
            let #lo = #start;
            let #hi = #end;
            if #lo < #hi {
                for #j in (#start)..(#start) + 1 {
                    #(#stmts)*
                }
                for #j in (#start) + 1..(#end) - 1 #spec
                if #hi - 1 > #lo {
                    for #j in (#end) - 1..(#end) {
                        #(#stmts)*
                    }
                }
            }
        }};
        syn::parse2(tokens).ok()
    }
}

/// A bound the folding may assume invariant: names, integer literals, arithmetic, fields and
/// `.len()`. Collects the names it reads.
fn simple(e: &Expr, names: &mut HashSet<String>) -> bool {
    match e {
        Expr::Lit(l) => matches!(l.lit, syn::Lit::Int(_)),
        Expr::Path(p) => match p.path.get_ident() {
            Some(id) => {
                names.insert(id.to_string());
                true
            }
            None => false,
        },
        Expr::Paren(p) => simple(&p.expr, names),
        Expr::Binary(b) => {
            matches!(
                b.op,
                BinOp::Add(_) | BinOp::Sub(_) | BinOp::Mul(_) | BinOp::Div(_)
            ) && simple(&b.left, names)
                && simple(&b.right, names)
        }
        Expr::Field(fl) => simple(&fl.base, names),
        Expr::MethodCall(m) => {
            m.method == "len" && m.args.is_empty() && m.turbofish.is_none() && {
                simple(&m.receiver, names)
            }
        }
        _ => false,
    }
}

/// Rejects bodies that could change the bounds, rebind the index, or leave the loop early.
struct BodyCheck<'a> {
    names: &'a HashSet<String>,
    ok: bool,
}

fn root_ident(e: &Expr) -> Option<&Ident> {
    match e {
        Expr::Path(p) => p.path.get_ident(),
        Expr::Field(f) => root_ident(&f.base),
        Expr::Index(i) => root_ident(&i.expr),
        Expr::Paren(p) => root_ident(&p.expr),
        _ => None,
    }
}

impl BodyCheck<'_> {
    fn touches(&self, e: &Expr) -> bool {
        root_ident(e).is_some_and(|id| self.names.contains(&id.to_string()))
    }
}

impl<'ast> Visit<'ast> for BodyCheck<'_> {
    fn visit_expr(&mut self, e: &'ast Expr) {
        match e {
            Expr::ForLoop(_)
            | Expr::While(_)
            | Expr::Loop(_)
            | Expr::Break(_)
            | Expr::Continue(_)
            | Expr::Return(_)
            | Expr::Try(_)
            | Expr::Macro(_)
            | Expr::Closure(_)
            | Expr::Async(_)
            | Expr::Await(_)
            | Expr::Yield(_) => self.ok = false,
            Expr::Assign(a) if self.touches(&a.left) => self.ok = false,
            Expr::Binary(b)
                if crate::parse::compound_op(&b.op).is_some() && self.touches(&b.left) =>
            {
                self.ok = false
            }
            Expr::Reference(r) if r.mutability.is_some() && self.touches(&r.expr) => {
                self.ok = false
            }
            // A method may take its receiver by `&mut`.
            Expr::MethodCall(m) if self.touches(&m.receiver) && m.method != "len" => {
                self.ok = false
            }
            _ => {}
        }
        if self.ok {
            syn::visit::visit_expr(self, e);
        }
    }

    fn visit_stmt_macro(&mut self, _: &'ast syn::StmtMacro) {
        self.ok = false;
    }

    fn visit_item(&mut self, _: &'ast syn::Item) {
        self.ok = false;
    }

    fn visit_pat_ident(&mut self, p: &'ast syn::PatIdent) {
        if self.names.contains(&p.ident.to_string()) {
            self.ok = false;
        }
        syn::visit::visit_pat_ident(self, p);
    }
}

/// The loop's index and bounds, as token strings for comparison.
struct Bounds<'a> {
    j: &'a Ident,
    start: String,
    end: String,
}

fn key(e: &impl ToTokens) -> String {
    e.to_token_stream().to_string()
}

fn strip(e: &Expr) -> &Expr {
    match e {
        Expr::Paren(p) => strip(&p.expr),
        Expr::Group(g) => strip(&g.expr),
        _ => e,
    }
}

fn is_one(e: &Expr) -> bool {
    matches!(strip(e), Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(i), .. }) if i.base10_digits() == "1")
}

/// What an expression is in terms of the loop index: `j`, `j + 1`, the start, the last index
/// (`end - 1`), the end, or none of these.
#[derive(PartialEq, Clone, Copy)]
enum Term {
    J,
    JPlus1,
    Start,
    Last,
    End,
}

impl Bounds<'_> {
    fn term(&self, e: &Expr) -> Option<Term> {
        let e = strip(e);
        if let Expr::Path(p) = e {
            if p.path.is_ident(self.j) {
                return Some(Term::J);
            }
        }
        if let Expr::Binary(b) = e {
            if is_one(&b.right) {
                if matches!(b.op, BinOp::Add(_)) && self.term(&b.left) == Some(Term::J) {
                    return Some(Term::JPlus1);
                }
                if matches!(b.op, BinOp::Sub(_)) && key(strip(&b.left)) == self.end {
                    return Some(Term::Last);
                }
            }
        }
        let k = key(e);
        if k == self.start {
            Some(Term::Start)
        } else if k == self.end {
            Some(Term::End)
        } else {
            None
        }
    }

    /// The value of `cond` for every index strictly between the first and the last.
    fn fold(&self, cond: &Expr) -> Option<bool> {
        let Expr::Binary(b) = strip(cond) else {
            return None;
        };
        let (l, r) = (self.term(&b.left)?, self.term(&b.right)?);
        use Term::*;
        // Orient so that the index is on the left: `a op j` becomes `j op' a`.
        let (l, op, r) = if matches!(l, J | JPlus1) {
            (l, b.op, r)
        } else if matches!(r, J | JPlus1) {
            let flipped = match b.op {
                BinOp::Lt(t) => BinOp::Gt(syn::Token![>](t.span)),
                BinOp::Gt(t) => BinOp::Lt(syn::Token![<](t.span)),
                BinOp::Le(t) => BinOp::Ge(syn::Token![>=](t.spans)),
                BinOp::Ge(t) => BinOp::Le(syn::Token![<=](t.spans)),
                other => other,
            };
            (r, flipped, l)
        } else {
            return None;
        };
        // For start < j < end - 1: j ≠ start, j ≠ end - 1, j + 1 ≠ end, j > start, j < end - 1,
        // j + 1 < end.
        match (l, op, r) {
            (J, BinOp::Eq(_), Start | Last) | (JPlus1, BinOp::Eq(_), End) => Some(false),
            (J, BinOp::Ne(_), Start | Last) | (JPlus1, BinOp::Ne(_), End) => Some(true),
            (J, BinOp::Gt(_), Start) | (J, BinOp::Lt(_), Last) | (JPlus1, BinOp::Lt(_), End) => {
                Some(true)
            }
            _ => None,
        }
    }
}

/// Replaces each `if` whose whole condition folds by the branch it takes.
struct Fold<'a, 'b> {
    bounds: &'a Bounds<'b>,
    folded: usize,
}

impl Bounds<'_> {
    /// For a loop from `0` to `E`: `(j + 1) % E`, `(j + E - 1) % E` (any order of the terms) and
    /// `j % E` as `j + 1`, `j - 1` and `j`, their values strictly between the first and the
    /// last index.
    fn fold_rem(&self, e: &Expr) -> Option<Expr> {
        let Expr::Binary(b) = strip(e) else {
            return None;
        };
        if !matches!(b.op, BinOp::Rem(_)) || self.start != "0" || key(strip(&b.right)) != self.end {
            return None;
        }
        // The left side as a sum: counts of `j` and of `E`, and a constant.
        fn sum(bounds: &Bounds, e: &Expr, sign: i64, acc: &mut (i64, i64, i64)) -> Option<()> {
            let e = strip(e);
            if let Expr::Binary(b) = e {
                match b.op {
                    BinOp::Add(_) => {
                        sum(bounds, &b.left, sign, acc)?;
                        return sum(bounds, &b.right, sign, acc);
                    }
                    BinOp::Sub(_) => {
                        sum(bounds, &b.left, sign, acc)?;
                        return sum(bounds, &b.right, -sign, acc);
                    }
                    _ => {}
                }
            }
            if let Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Int(i),
                ..
            }) = e
            {
                acc.2 += sign * i.base10_parse::<i64>().ok()?;
                return Some(());
            }
            match bounds.term(e)? {
                Term::J => acc.0 += sign,
                Term::End => acc.1 += sign,
                _ => return None,
            }
            Some(())
        }
        let mut acc = (0, 0, 0);
        sum(self, &b.left, 1, &mut acc)?;
        let j = self.j;
        match acc {
            (1, 0, 0) => Some(syn::parse_quote!((#j))),
            (1, 0, 1) => Some(syn::parse_quote!((#j + 1))),
            (1, 1, -1) => Some(syn::parse_quote!((#j - 1))),
            _ => None,
        }
    }
}

impl VisitMut for Fold<'_, '_> {
    fn visit_expr_mut(&mut self, e: &mut Expr) {
        if let Some(folded) = self.bounds.fold_rem(e) {
            self.folded += 1;
            *e = folded;
            return;
        }
        if let Expr::If(i) = e {
            if let Some(v) = self.bounds.fold(&i.cond) {
                self.folded += 1;
                let taken: Expr = if v {
                    Expr::Block(syn::ExprBlock {
                        attrs: Vec::new(),
                        label: None,
                        block: i.then_branch.clone(),
                    })
                } else {
                    match &i.else_branch {
                        Some((_, els)) => (**els).clone(),
                        None => syn::parse_quote!({}),
                    }
                };
                // `{ j - 1 }` becomes `(j - 1)`, so that `let jm = ..` reads as plain index
                // arithmetic (which reverse mode recognizes as an offset of the counter).
                let taken = match taken {
                    Expr::Block(b) if b.label.is_none() && b.block.stmts.len() == 1 => {
                        match &b.block.stmts[0] {
                            syn::Stmt::Expr(inner, None) => syn::parse_quote!((#inner)),
                            _ => Expr::Block(b),
                        }
                    }
                    other => other,
                };
                *e = taken;
                self.visit_expr_mut(e);
                return;
            }
        }
        syn::visit_mut::visit_expr_mut(self, e);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(src: &str) -> Option<String> {
        let b: Block = syn::parse_str(src).unwrap();
        split_loops(&b).map(|b| b.to_token_stream().to_string())
    }

    #[test]
    fn folds_periodic_neighbours() {
        let out = split(
            "{ for j in 0..n { let jm = if j == 0 { n - 1 } else { j - 1 }; \
               let jp = if j == n - 1 { 0 } else { j + 1 }; s += x[jm] + x[jp]; } }",
        )
        .expect("split");
        // The middle loop has no tests left; the peeled iterations keep both.
        let middle = out.split("for j in").nth(2).unwrap();
        let middle = &middle[..middle.find("if __oxidiff_hi0 - 1").unwrap()];
        assert!(middle.starts_with(" (0) + 1 .. (n) - 1"), "{middle}");
        assert_eq!(out.matches("for j in").count(), 3, "{out}");
        assert!(!middle.contains("j == 0"), "{middle}");
        assert!(!middle.contains("j == n - 1"), "{middle}");
        assert_eq!(out.matches("j == 0").count(), 2, "{out}");
    }

    #[test]
    fn folds_modular_neighbours() {
        let out = split(
            "{ for j in 0..n { s += x[(j + n - 1) % n] * x[(j + 1) % n] + x[(n + j - 1) % n] \
               + x[j % n]; } }",
        )
        .expect("split");
        let middle = out.split("for j in").nth(2).unwrap();
        assert!(!middle.contains('%'), "{middle}");
        assert!(middle.contains("x [(j - 1)]"), "{middle}");
        assert!(middle.contains("x [(j + 1)]"), "{middle}");
        // Other moduli, offsets or starts are left alone.
        assert!(split("{ for j in 0..n { s += x[(j + 2) % n]; } }").is_none());
        assert!(split("{ for j in 0..n { s += x[(j + 1) % m]; } }").is_none());
        assert!(split("{ for j in 1..n { s += x[(j + 1) % n]; } }").is_none());
    }

    #[test]
    fn declines_what_it_cannot_prove() {
        // No boundary test.
        assert!(split("{ for j in 0..n { s += x[j]; } }").is_none());
        // The bound changes in the body, or may (a method on it).
        assert!(split("{ for j in 0..n { if j == 0 { n = 3; } s += x[j]; } }").is_none());
        assert!(split("{ for j in 0..n { if j == 0 { n.clone_from(&3); } } }").is_none());
        // A nested loop, an early exit, a rebound index, a test against another value.
        assert!(split("{ for j in 0..n { if j == 0 { for k in 0..2 {} } } }").is_none());
        assert!(split("{ for j in 0..n { if j == 0 { break; } } }").is_none());
        assert!(split("{ for j in 0..n { let j = 2; if j == 0 { s += 1.0; } } }").is_none());
        assert!(split("{ for j in 0..n { if j == 1 { s += 1.0; } } }").is_none());
        // Inclusive ranges and labelled loops are left alone.
        assert!(split("{ for j in 0..=n { if j == 0 { s += 1.0; } } }").is_none());
        assert!(split("{ 'a: for j in 0..n { if j == 0 { s += 1.0; } } }").is_none());
    }

    #[test]
    fn folds_each_supported_test() {
        for cond in [
            "j == 0",
            "0 == j",
            "j != 0",
            "j == n - 1",
            "j + 1 == n",
            "n == j + 1",
            "j > 0",
            "0 < j",
            "j < n - 1",
            "j + 1 < n",
        ] {
            let src =
                format!("{{ for j in 0..n {{ if {cond} {{ s += 1.0; }} else {{ s += 2.0; }} }} }}");
            assert!(split(&src).is_some(), "{cond}");
        }
        for cond in ["j >= 0", "j <= n", "j == n", "j < n"] {
            let src = format!("{{ for j in 0..n {{ if {cond} {{ s += 1.0; }} }} }}");
            assert!(split(&src).is_none(), "{cond}");
        }
    }
}
