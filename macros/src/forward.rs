//! Forward mode: the JVP. Every active binding `x` gets a tangent `__dx` declared beside it;
//! every active expression is split into primitive steps, each followed by its tangent
//! (`dy = Σ ∂y/∂xᵢ · dxᵢ`, the partials from the rule table). Control flow is copied as is,
//! deciding on primal values, so only the branch taken contributes.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::gen::{binop_tokens, control, is_simple, nested_blocks, Gen};
use crate::ir::*;

/// A value in forward code: its primal and, if active, its tangent.
struct Dual {
    p: TokenStream,
    t: Option<TokenStream>,
}

impl Gen<'_> {
    /// The hidden JVP function's body.
    pub fn jvp_body(&self) -> TokenStream {
        let mut out = TokenStream::new();
        // Parameters that only become active inside the body start with a zero tangent.
        for (i, p) in self.sig.params.iter().enumerate() {
            let v = self.param_var(i);
            if self.active(v) && !p.active {
                let d = self.tan(v);
                let z = self.zero();
                out.extend(quote!(let mut #d = #z;));
            }
        }
        for (i, &r) in self.f.results.iter().enumerate() {
            let (n, d) = (self.name(r), self.tan(r));
            let ty = self.result_ty(i);
            out.extend(quote!(let #n: #ty; let #d: #ty;));
        }
        let body = self.jvp_block(&self.f.body);
        if self.f.has_return {
            let l = self.body_label();
            out.extend(quote!(#l: { #body }));
        } else {
            out.extend(body);
        }
        let v = self.results_tuple(|r| self.name(r).clone());
        let d = self.results_tuple(|r| self.tan(r).clone());
        out.extend(quote!((#v, #d)));
        out
    }

    pub fn param_var(&self, i: usize) -> VarId {
        self.f
            .vars
            .iter()
            .position(|v| v.param == Some(i))
            .unwrap_or_default()
    }

    fn jvp_block(&self, b: &Block) -> TokenStream {
        let mut out = TokenStream::new();
        for s in &b.stmts {
            if is_simple(s) {
                self.jvp_simple(s, &mut out);
            } else {
                match s {
                    Stmt::Break(l) => out.extend(quote!(break #l;)),
                    Stmt::Continue(l) => out.extend(quote!(continue #l;)),
                    Stmt::Return => {
                        let l = self.body_label();
                        out.extend(quote!(break #l;));
                    }
                    _ => {
                        let blocks: Vec<TokenStream> = nested_blocks(s)
                            .into_iter()
                            .map(|b| self.jvp_block(b))
                            .collect();
                        out.extend(control(self, s, &blocks));
                    }
                }
            }
        }
        out
    }

    fn jvp_simple(&self, s: &Stmt, out: &mut TokenStream) {
        match s {
            Stmt::Let {
                var,
                mutable,
                init: Some(init),
            } if self.is_array(*var) => {
                let m = mutable.then(|| quote!(mut));
                let (n, d) = (self.name(*var), self.tan(*var));
                let (p, t) = self.jvp_array(init, out);
                if self.active(*var) {
                    out.extend(quote!(let #m #n = #p; let #m #d = #t;));
                } else {
                    out.extend(quote!(let #m #n = #p;));
                }
            }
            Stmt::Assign { var, value } if self.is_array(*var) => {
                let (n, d) = (self.name(*var), self.tan(*var));
                let (p, t) = self.jvp_array(value, out);
                if self.active(*var) {
                    out.extend(quote!(#n = #p; #d = #t;));
                } else {
                    out.extend(quote!(#n = #p;));
                }
            }
            Stmt::Store {
                array,
                index,
                value,
            } => {
                let (n, d) = (self.name(*array), self.tan(*array));
                let i = self.fresh("i");
                let it = &index.tokens;
                out.extend(quote!(let #i = #it;));
                if self.active(*array) {
                    let x = self.jvp_expr(value, out);
                    let (p, t) = (x.p, x.t.unwrap_or_else(|| self.zero()));
                    out.extend(quote!(#n[#i] = #p; #d[#i] = #t;));
                } else {
                    let p = self.primal(value);
                    out.extend(quote!(#n[#i] = #p;));
                }
            }
            Stmt::Swap(a, b) => {
                let (na, nb) = (self.name(*a), self.name(*b));
                out.extend(quote!(::core::mem::swap(&mut #na, &mut #nb);));
                if self.active(*a) {
                    let (da, db) = (self.tan(*a), self.tan(*b));
                    out.extend(quote!(::core::mem::swap(&mut #da, &mut #db);));
                }
            }
            Stmt::Let { var, mutable, init } => {
                let v = *var;
                let n = self.name(v);
                let m = mutable.then(|| quote!(mut));
                let ty = self.f.vars[v].ty.as_ref().map(|t| quote!(: #t));
                if self.active(v) {
                    let d = self.tan(v);
                    match init {
                        Some(e) => {
                            let x = self.jvp_expr(e, out);
                            let (p, t) = (x.p, x.t.unwrap_or_else(|| self.zero()));
                            out.extend(quote!(let #m #n #ty = #p; let #m #d #ty = #t;));
                        }
                        None => out.extend(quote!(let #m #n #ty; let #m #d #ty;)),
                    }
                } else {
                    match init {
                        Some(e) => {
                            let p = self.primal(e);
                            out.extend(quote!(let #m #n #ty = #p;));
                        }
                        None => out.extend(quote!(let #m #n #ty;)),
                    }
                }
            }
            Stmt::Assign { var, value } => {
                let v = *var;
                let n = self.name(v);
                if self.active(v) {
                    let d = self.tan(v);
                    let x = self.jvp_expr(value, out);
                    let (p, t) = (x.p, x.t.unwrap_or_else(|| self.zero()));
                    out.extend(quote!(#n = #p; #d = #t;));
                } else {
                    let p = self.primal(value);
                    out.extend(quote!(#n = #p;));
                }
            }
            Stmt::Call { dests, call } => {
                let args: Vec<Dual> = call.args.iter().map(|a| self.jvp_expr(a, out)).collect();
                let ps: Vec<&TokenStream> = args.iter().map(|a| &a.p).collect();
                let names: Vec<_> = dests.iter().map(|&d| self.name(d)).collect();
                let pat = call_pattern(&names);
                if self.call_differentiated(dests, call) {
                    let private = self.private();
                    let zero = self.zero();
                    let ts: Vec<TokenStream> = args
                        .iter()
                        .zip(&call.args)
                        .map(|(a, e)| match (&a.t, e) {
                            (Some(t), Expr::ArrayArg(_, false)) => {
                                quote!(#private::slice_tangent(#t))
                            }
                            (Some(t), Expr::ArrayArg(_, true)) => {
                                quote!(#private::slice_tangent_mut(#t))
                            }
                            (None, Expr::ArrayArg(..)) => {
                                let p = &a.p;
                                quote!(#private::slice_tangent(&::std::vec![#zero; #p.len()][..]))
                            }
                            (Some(t), _) => t.clone(),
                            (None, _) => {
                                let p = &a.p;
                                quote!(#private::zero_tangent(&#p))
                            }
                        })
                        .collect();
                    let tans: Vec<_> = dests.iter().map(|&d| self.tan(d)).collect();
                    let tpat = call_pattern(&tans);
                    let path = self.derived_path(call, "jvp");
                    // An array the callee returns may be updated afterwards.
                    let (pat, tpat) = match dests.as_slice() {
                        [d] if self.is_array(*d) => (quote!(mut #pat), quote!(mut #tpat)),
                        _ => (pat, tpat),
                    };
                    out.extend(quote!(let (#pat, #tpat) = #path(#(#ps,)* #(#ts),*);));
                } else {
                    let prefix = &call.prefix;
                    let name = &call.name;
                    let generics = &call.generics;
                    out.extend(quote!(let #pat = #prefix #name #generics(#(#ps),*);));
                }
            }
            Stmt::Opaque(t, _) => out.extend(t.clone()),
            _ => {}
        }
    }

    /// Splits an expression into steps with tangents; inactive parts stay as written.
    fn jvp_expr(&self, e: &Expr, out: &mut TokenStream) -> Dual {
        if !self.expr_active(e) {
            let p = self.primal(e);
            let p = match e {
                Expr::Var(..)
                | Expr::Opaque(Opaque {
                    kind: OpaqueKind::Const,
                    ..
                }) => p,
                _ => {
                    let t = self.fresh("c");
                    out.extend(quote!(let #t = #p;));
                    quote!(#t)
                }
            };
            return Dual { p, t: None };
        }
        match e {
            Expr::ArrayArg(a, false) => {
                let (n, d) = (self.name(*a), self.tan(*a));
                Dual {
                    p: quote!(&#n[..]),
                    t: Some(quote!(&#d[..])),
                }
            }
            Expr::ArrayArg(a, true) => {
                let (n, d) = (self.name(*a), self.tan(*a));
                Dual {
                    p: quote!(&mut #n[..]),
                    t: Some(quote!(&mut #d[..])),
                }
            }
            Expr::Var(v) => {
                let (n, d) = (self.name(*v), self.tan(*v));
                Dual {
                    p: quote!(#n),
                    t: Some(quote!(#d)),
                }
            }
            Expr::Opaque(_) | Expr::ArrayRepeat(..) | Expr::ArrayLit(..) | Expr::ArrayCopy(..) => {
                unreachable_dual()
            }
            Expr::Field(p, path) => {
                let (n, d) = (self.name(*p), self.tan(*p));
                Dual {
                    p: quote!(#n.#path),
                    t: Some(quote!(#d.#path)),
                }
            }
            Expr::FieldArrayArg(v, path) => {
                let (d, private) = (self.tan(*v), self.private());
                Dual {
                    p: self.primal(e),
                    t: Some(quote!(#private::slice_tangent(&#d.#path[..]))),
                }
            }
            Expr::StructArg(v, path) => {
                // The tangent of a struct argument is taken like the argument (`&S`).
                let t = self.struct_ref(*v, self.tan(*v), path);
                Dual {
                    p: self.primal(e),
                    t: Some(t),
                }
            }
            Expr::FieldIndex(p, path, index) => {
                let (n, d) = (self.name(*p), self.tan(*p));
                let i = self.fresh("i");
                let it = self.ot(&index.tokens);
                let y = self.fresh("t");
                out.extend(quote!(let #i = #it; let #y = #n.#path[#i];));
                Dual {
                    p: quote!(#y),
                    t: Some(quote!(#d.#path[#i])),
                }
            }
            Expr::Index(a, index) => {
                let (n, d) = (self.name(*a), self.tan(*a));
                let i = self.fresh("i");
                let it = &index.tokens;
                let y = self.fresh("t");
                out.extend(quote!(let #i = #it; let #y = #n[#i];));
                Dual {
                    p: quote!(#y),
                    t: Some(quote!(#d[#i])),
                }
            }
            Expr::Neg(a) => {
                let a = self.jvp_expr(a, out);
                let (y, dy) = self.fresh_pair();
                let (p, t) = (&a.p, &a.t);
                out.extend(quote!(let #y = -#p; let #dy = -#t;));
                Dual {
                    p: quote!(#y),
                    t: Some(quote!(#dy)),
                }
            }
            Expr::Cast(a, ty) => {
                let a = self.jvp_expr(a, out);
                let p = &a.p;
                let y = self.fresh("t");
                // A cast to the function's own float type: the identity.
                let _ = ty;
                out.extend(quote!(let #y = #p;));
                Dual {
                    p: quote!(#y),
                    t: a.t,
                }
            }
            Expr::Binary(op, a, b) => {
                let a = self.jvp_expr(a, out);
                let b = self.jvp_expr(b, out);
                let (y, dy) = self.fresh_pair();
                let (pa, pb) = (&a.p, &b.p);
                let o = binop_tokens(*op);
                out.extend(quote!(let #y = #pa #o #pb;));
                let t = match (op, &a.t, &b.t) {
                    (BinOp::Add, Some(ta), Some(tb)) => quote!(#ta + #tb),
                    (BinOp::Add, Some(t), None) | (BinOp::Add, None, Some(t)) => quote!(#t),
                    (BinOp::Sub, Some(ta), Some(tb)) => quote!(#ta - #tb),
                    (BinOp::Sub, Some(ta), None) => quote!(#ta),
                    (BinOp::Sub, None, Some(tb)) => quote!(-#tb),
                    (BinOp::Mul, Some(ta), Some(tb)) => quote!(#ta * #pb + #pa * #tb),
                    (BinOp::Mul, Some(ta), None) => quote!(#ta * #pb),
                    (BinOp::Mul, None, Some(tb)) => quote!(#pa * #tb),
                    (BinOp::Div, Some(ta), Some(tb)) => quote!((#ta - #y * #tb) / #pb),
                    (BinOp::Div, Some(ta), None) => quote!(#ta / #pb),
                    (BinOp::Div, None, Some(tb)) => quote!(-(#y * #tb) / #pb),
                    (BinOp::Rem, Some(ta), Some(tb)) => quote!(#ta - #tb * (#pa / #pb).trunc()),
                    (BinOp::Rem, Some(ta), None) => quote!(#ta),
                    (BinOp::Rem, None, Some(tb)) => quote!(-(#tb * (#pa / #pb).trunc())),
                    (_, None, None) => self.zero(),
                };
                out.extend(quote!(let #dy = #t;));
                Dual {
                    p: quote!(#y),
                    t: Some(quote!(#dy)),
                }
            }
            Expr::Prim(p, args, span) => {
                let rule = crate::rules::rule(*p);
                let xs: Vec<Dual> = args.iter().map(|a| self.jvp_expr(a, out)).collect();
                let vals: Vec<TokenStream> = xs.iter().map(|x| x.p.clone()).collect();
                let y = self.fresh("t");
                let call = self.prim_call(*p, &vals, *span);
                out.extend(quote!(let #y = #call;));
                let operands: Vec<Option<TokenStream>> = vals
                    .iter()
                    .enumerate()
                    .map(|(i, v)| rule.reads[i].then(|| v.clone()))
                    .collect();
                let result = rule.reads[rule.arity].then(|| quote!(#y));
                let partials = self.partials(*p, &operands, result, out);
                let terms: Vec<TokenStream> = xs
                    .iter()
                    .zip(&partials)
                    .filter_map(|(x, d)| match (&x.t, d) {
                        (Some(t), Some(d)) => Some(quote!(#d * #t)),
                        _ => None,
                    })
                    .collect();
                let dy = self.fresh("d");
                let sum = if terms.is_empty() {
                    self.zero()
                } else {
                    quote!(#(#terms)+*)
                };
                out.extend(quote!(let #dy = #sum;));
                Dual {
                    p: quote!(#y),
                    t: Some(quote!(#dy)),
                }
            }
        }
    }

    /// An array value and its tangent array.
    fn jvp_array(&self, e: &Expr, out: &mut TokenStream) -> (TokenStream, TokenStream) {
        let zero = self.zero();
        match e {
            Expr::ArrayRepeat(x, n, vec) => {
                let x = self.jvp_expr(x, out);
                let (p, t) = (x.p, x.t.unwrap_or_else(|| zero.clone()));
                let nt = &n.tokens;
                if *vec {
                    let len = self.fresh("n");
                    out.extend(quote!(let #len = #nt;));
                    (quote!(::std::vec![#p; #len]), quote!(::std::vec![#t; #len]))
                } else {
                    (quote!([#p; #nt]), quote!([#t; #nt]))
                }
            }
            Expr::ArrayLit(xs, vec) => {
                let xs: Vec<Dual> = xs.iter().map(|x| self.jvp_expr(x, out)).collect();
                let ps = xs.iter().map(|x| &x.p);
                let ts: Vec<TokenStream> = xs
                    .iter()
                    .map(|x| x.t.clone().unwrap_or_else(|| zero.clone()))
                    .collect();
                if *vec {
                    (quote!(::std::vec![#(#ps),*]), quote!(::std::vec![#(#ts),*]))
                } else {
                    (quote!([#(#ps),*]), quote!([#(#ts),*]))
                }
            }
            Expr::ArrayCopy(b, clone) => {
                let (n, d) = (self.name(*b), self.tan(*b));
                let m = if *clone {
                    quote!(clone)
                } else {
                    quote!(to_vec)
                };
                if self.active(*b) {
                    (quote!(#n.#m()), quote!(#d.#m()))
                } else {
                    let z = self.fresh("z");
                    out.extend(
                        quote!(let mut #z = #n.#m(); for __e in #z.iter_mut() { *__e = #zero; }),
                    );
                    (quote!(#n.#m()), quote!(#z))
                }
            }
            other => {
                let p = self.primal(other);
                (p.clone(), p)
            }
        }
    }

    fn fresh_pair(&self) -> (syn::Ident, syn::Ident) {
        let y = self.fresh("t");
        let dy = format_ident!(
            "__d{}",
            y.to_string().trim_start_matches("__"),
            span = y.span()
        );
        (y, dy)
    }
}

/// The pattern binding a call's results: `x`, `(x, y)`, or `_` for a call whose result is
/// discarded (one that updates an array in place).
pub(crate) fn call_pattern(names: &[&syn::Ident]) -> TokenStream {
    match names {
        [] => quote!(_),
        [n] => quote!(#n),
        _ => quote!((#(#names),*)),
    }
}

fn unreachable_dual() -> Dual {
    // Opaque expressions are never active (checked by `expr_active`).
    Dual {
        p: quote!(()),
        t: None,
    }
}
