//! From `syn` to the IR: resolves names to bindings, lifts control flow out of value position,
//! splits expressions that carry derivatives into primitive operations, and reports what is not
//! supported at the offending expression.

use std::collections::HashMap;

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::{format_ident, quote, ToTokens};
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::{Expr as SExpr, Ident, Lifetime, Pat, Stmt as SStmt};

use crate::error::Ctxt;
use crate::ir::*;
use crate::rules;
use crate::sig::{is_float_type, Sig};

/// Where the value of an expression goes.
#[derive(Clone, Copy)]
enum Dest<'d> {
    /// Evaluated for its effects.
    Discard,
    /// Assigned to these variables (one, or one per tuple element).
    Vars(&'d [VarId]),
}

struct LoopCtx {
    label: Option<String>,
    dests: Option<Vec<VarId>>,
}

/// A use of a local the analysis must check once activity is known.
pub struct Deferred {
    pub var: VarId,
    /// What the error points at.
    pub blame: TokenStream,
    pub msg: String,
}

pub struct Parser<'a> {
    cx: &'a mut Ctxt,
    sig: &'a Sig,
    vars: Vec<Var>,
    scopes: Vec<HashMap<String, VarId>>,
    loops: Vec<LoopCtx>,
    results: Vec<VarId>,
    has_return: bool,
    temps: usize,
    /// Uses that are errors if the variable turns out to be active.
    pub deferred: Vec<Deferred>,
    /// Struct parameters (candidates) and those whose fields the body reads.
    struct_params: Vec<VarId>,
    pub structs_used: Vec<usize>,
    /// Names the body indexes somewhere (`k1[i]`): a `let` of such a name from a call is an
    /// array the call returns.
    indexed: std::collections::HashSet<String>,
    /// Checking a condition: closures there compute booleans from plain values (in the dual
    /// twin too, where the arrays a condition iterates are passed as their plain values).
    in_condition: bool,
}

/// The IR, the checks deferred until activity is known, and the struct parameters whose fields
/// the body reads (they become active).
pub fn parse(cx: &mut Ctxt, sig: &Sig, body: &syn::Block) -> (Func, Vec<Deferred>, Vec<usize>) {
    let mut p = Parser {
        cx,
        sig,
        vars: Vec::new(),
        scopes: vec![HashMap::new()],
        loops: Vec::new(),
        results: Vec::new(),
        has_return: false,
        temps: 0,
        deferred: Vec::new(),
        struct_params: Vec::new(),
        structs_used: Vec::new(),
        indexed: indexed_names(body),
        in_condition: false,
    };
    for (i, param) in sig.params.iter().enumerate() {
        let id = p.new_var(param.ident.clone(), Some(param.ty.clone()));
        p.vars[id].param = Some(i);
        p.vars[id].active = param.active;
        p.vars[id].array = param.array.is_some();
        if param.structure.is_some() {
            p.struct_params.push(id);
        }
        p.declare(&param.ident, id);
    }
    for i in 0..sig.n_results() {
        let id = p.new_var(format_ident!("__ret{}", i, span = Span::mixed_site()), None);
        p.vars[id].active = true;
        p.vars[id].array = sig.ret_array;
        p.results.push(id);
    }
    let results = p.results.clone();
    // A function updating `&mut` arguments in place may return nothing.
    let dest = if results.is_empty() {
        Dest::Discard
    } else {
        Dest::Vars(&results)
    };
    let block = p.block(body, dest);
    for &i in &p.structs_used {
        if let Some(v) = p.vars.iter().position(|v| v.param == Some(i)) {
            p.vars[v].active = true;
        }
    }
    let func = Func {
        vars: p.vars,
        body: block,
        results,
        has_return: p.has_return,
    };
    (func, p.deferred, p.structs_used)
}

impl Parser<'_> {
    fn new_var(&mut self, name: Ident, ty: Option<syn::Type>) -> VarId {
        self.vars.push(Var {
            name,
            active: false,
            reassigned: false,
            param: None,
            ty,
            pattern_bound: false,
            array: false,
            top_level: false,
            nested: false,
        });
        self.vars.len() - 1
    }

    fn temp(&mut self, hint: &str) -> VarId {
        self.temps += 1;
        let name = format_ident!("__{}{}", hint, self.temps, span = Span::mixed_site());
        self.new_var(name, None)
    }

    fn declare(&mut self, ident: &Ident, id: VarId) {
        if let Some(scope) = self.scopes.last_mut() {
            scope.insert(ident.to_string(), id);
        }
    }

    fn lookup(&self, name: &str) -> Option<VarId> {
        self.scopes.iter().rev().find_map(|s| s.get(name).copied())
    }

    /// The local an assignment target or method receiver belongs to: `k`, `p.count`, `v[i]`,
    /// `*r`.
    fn root_local(&self, e: &SExpr) -> Option<VarId> {
        match e {
            SExpr::Path(p) => self.local_of_path(p),
            SExpr::Field(f) => self.root_local(&f.base),
            SExpr::Index(i) => self.root_local(&i.expr),
            SExpr::Paren(p) => self.root_local(&p.expr),
            SExpr::Group(g) => self.root_local(&g.expr),
            SExpr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => self.root_local(&u.expr),
            SExpr::MethodCall(m) => self.root_local(&m.receiver),
            _ => None,
        }
    }

    /// Locals a statement kept verbatim may change: assignment targets, `&mut` borrows and
    /// method-call receivers anywhere in it (conservatively: `v.len()` counts too).
    fn opaque_writes(&self, e: &SExpr) -> Vec<VarId> {
        struct W<'p, 'c> {
            p: &'p Parser<'c>,
            out: Vec<VarId>,
        }
        impl<'ast> syn::visit::Visit<'ast> for W<'_, '_> {
            fn visit_expr(&mut self, e: &'ast SExpr) {
                let target = match e {
                    SExpr::Assign(a) => Some(&*a.left),
                    SExpr::Binary(b) if compound_op(&b.op).is_some() => Some(&*b.left),
                    SExpr::Reference(r) if r.mutability.is_some() => Some(&*r.expr),
                    SExpr::MethodCall(m) => Some(&*m.receiver),
                    _ => None,
                };
                if let Some(v) = target.and_then(|t| self.p.root_local(t)) {
                    self.out.push(v);
                }
                syn::visit::visit_expr(self, e);
            }
            fn visit_macro(&mut self, m: &'ast syn::Macro) {
                self.out.extend(self.p.macro_writes(m));
            }
        }
        let mut w = W {
            p: self,
            out: Vec::new(),
        };
        syn::visit::Visit::visit_expr(&mut w, e);
        w.out
    }

    /// Locals a macro invocation may change: none for the standard formatting and assertion
    /// macros, otherwise every local it names.
    fn macro_writes(&self, m: &syn::Macro) -> Vec<VarId> {
        const READ_ONLY: &[&str] = &[
            "assert",
            "assert_eq",
            "assert_ne",
            "debug_assert",
            "debug_assert_eq",
            "debug_assert_ne",
            "print",
            "println",
            "eprint",
            "eprintln",
            "format",
            "panic",
            "unreachable",
            "todo",
            "unimplemented",
        ];
        if m.path
            .get_ident()
            .is_some_and(|i| READ_ONLY.contains(&i.to_string().as_str()))
        {
            return Vec::new();
        }
        let mut out = Vec::new();
        fn walk(p: &Parser, t: TokenStream, out: &mut Vec<VarId>) {
            for tt in t {
                match tt {
                    proc_macro2::TokenTree::Ident(i) => out.extend(p.lookup(&i.to_string())),
                    proc_macro2::TokenTree::Group(g) => walk(p, g.stream(), out),
                    _ => {}
                }
            }
        }
        walk(self, m.tokens.clone(), &mut out);
        out
    }

    fn local_of_path(&self, e: &syn::ExprPath) -> Option<VarId> {
        if e.qself.is_none() && e.path.segments.len() == 1 && e.path.leading_colon.is_none() {
            let seg = &e.path.segments[0];
            if seg.arguments.is_empty() {
                return self.lookup(&seg.ident.to_string());
            }
        }
        None
    }

    // ----- blocks and statements -----

    fn block(&mut self, b: &syn::Block, dest: Dest) -> Block {
        self.scopes.push(HashMap::new());
        let mut out = Vec::new();
        let n = b.stmts.len();
        let mut has_tail = false;
        for (i, s) in b.stmts.iter().enumerate() {
            if i + 1 == n {
                if let SStmt::Expr(e, None) = s {
                    has_tail = true;
                    self.assign_to(dest, e, &mut out);
                    continue;
                }
            }
            self.stmt(s, &mut out);
        }
        if !has_tail {
            if let Dest::Vars(_) = dest {
                // A block whose value is needed but that ends in a statement: fine only if it
                // diverges (ends in return/break/continue/panic); rustc checks that.
            }
        }
        self.scopes.pop();
        Block { stmts: out }
    }

    fn stmt(&mut self, s: &SStmt, out: &mut Vec<Stmt>) {
        match s {
            SStmt::Local(local) => self.local(local, out),
            SStmt::Item(item) => {
                self.check_opaque_item(item);
                out.push(Stmt::Opaque(item.to_token_stream(), Vec::new()));
            }
            SStmt::Expr(e, _) => self.expr_stmt(e, out),
            SStmt::Macro(m) => {
                let writes = self.macro_writes(&m.mac);
                out.push(Stmt::Opaque(m.to_token_stream(), writes));
            }
        }
    }

    fn local(&mut self, local: &syn::Local, out: &mut Vec<Stmt>) {
        if let Some(init) = &local.init {
            if let Some((_, diverge)) = &init.diverge {
                self.cx.error_spanned(
                    diverge,
                    "`let ... else` is not supported by #[differentiable]: use `match` or `if let`",
                );
                return;
            }
        }
        let init = local.init.as_ref().map(|i| &*i.expr);
        let (pat, ty) = match &local.pat {
            Pat::Type(pt) => (&*pt.pat, Some((*pt.ty).clone())),
            p => (p, None),
        };
        match pat {
            Pat::Ident(pi) if pi.by_ref.is_none() && pi.subpat.is_none() => {
                let mutable = pi.mutability.is_some();
                // `let k1 = rhs(&y, t);` with `k1` indexed later (or typed `Vec<F>`): the
                // array a differentiable function returns.
                let as_call = match init {
                    Some(SExpr::Call(c)) => Some(c.clone()),
                    Some(SExpr::MethodCall(m)) => self.method_as_call(m),
                    _ => None,
                };
                if let Some(c) = as_call.as_ref() {
                    let typed_vec = ty
                        .as_ref()
                        .is_some_and(|t| crate::sig::vec_elem(t).is_some());
                    let named_fn = matches!(&*c.func, SExpr::Path(fp)
                        if fp.path.segments.last().is_some_and(|s| s.ident.to_string().starts_with(|ch: char| ch.is_lowercase() || ch == '_')));
                    // `let s: f64 = norm(x);` is a scalar however `s` is used.
                    let typed_other = ty.is_some() && !typed_vec;
                    if named_fn
                        && !typed_other
                        && (typed_vec || self.indexed.contains(&pi.ident.to_string()))
                    {
                        if let Some(call) = self.call(c, out) {
                            let id = self.new_var(pi.ident.clone(), ty);
                            self.vars[id].array = true;
                            if self.scopes.len() > 2 {
                                self.vars[id].nested = true;
                            }
                            self.declare(&pi.ident, id);
                            out.push(Stmt::Call {
                                dests: vec![id],
                                call,
                            });
                        }
                        return;
                    }
                }
                if let Some(value) = init.and_then(|e| self.array_value(e, out)) {
                    let id = self.new_var(pi.ident.clone(), ty);
                    self.vars[id].array = true;
                    if self.scopes.len() > 2 {
                        self.vars[id].nested = true;
                        let is_vec = matches!(
                            value,
                            Expr::ArrayRepeat(_, _, true)
                                | Expr::ArrayLit(_, true)
                                | Expr::ArrayCopy(_, false)
                        );
                        if !is_vec {
                            self.deferred.push(Deferred {
                                var: id,
                                blame: local.to_token_stream(),
                                msg: "an array of active values declared inside a loop or branch must be a `Vec` for #[differentiable] (`vec![x; n]`, `vec![a, b]` or `a.to_vec()`), or be declared at the top level of the function".to_string(),
                            });
                        }
                    }
                    self.declare(&pi.ident, id);
                    out.push(Stmt::Let {
                        var: id,
                        mutable,
                        init: Some(value),
                    });
                    return;
                }
                // `let u = if c { x.to_vec() } else { vec![0.0; n] };`: an array chosen by a
                // branch. One message for it, not one per branch.
                if let Some(e) = init.filter(|e| self.array_valued_branch(e)) {
                    self.cx.error_spanned(
                        e,
                        "an array chosen by an `if` or `match` is not supported by #[differentiable]: declare the array first (`let mut u = vec![0.0; n];`) and fill it in each branch (`u.copy_from_slice(&x)`, `u[i] = ..`)",
                    );
                    return;
                }
                let ty_is_float = ty
                    .as_ref()
                    .map(|t| is_float_type(t, &self.sig.generics))
                    .unwrap_or(true);
                // A non-float annotation: the value must not carry a derivative (checked by
                // `infer` once activity is known).
                let value = init.map(|e| self.expr(e, out));
                let id = self.new_var(pi.ident.clone(), ty);
                if !ty_is_float {
                    self.vars[id].pattern_bound = true;
                }
                self.vars[id].top_level = self.scopes.len() == 2 && value.is_some();
                self.declare(&pi.ident, id);
                out.push(Stmt::Let {
                    var: id,
                    mutable,
                    init: value,
                });
            }
            Pat::Wild(_) => {
                if let Some(e) = init {
                    self.expr_stmt(e, out);
                }
            }
            Pat::Tuple(pt) => {
                let Some(e) = init else {
                    self.cx.error_spanned(
                        pt,
                        "a tuple pattern needs an initializer in #[differentiable] code: write `let (a, b) = (x, y);`",
                    );
                    return;
                };
                let temps: Vec<VarId> = pt.elems.iter().map(|_| self.temp("tup")).collect();
                for &t in &temps {
                    out.push(Stmt::Let {
                        var: t,
                        mutable: true,
                        init: None,
                    });
                }
                self.assign_to(Dest::Vars(&temps), e, out);
                for (sub, &t) in pt.elems.iter().zip(&temps) {
                    self.bind_pattern_from(sub, t, out);
                }
            }
            other => {
                self.cx.error_spanned(
                    other,
                    "this `let` pattern is not supported by #[differentiable]: bind a name, a tuple of names, or `_`",
                );
            }
        }
    }

    /// `let <sub> = <temp>;` for one element of a destructured tuple.
    fn bind_pattern_from(&mut self, sub: &Pat, t: VarId, out: &mut Vec<Stmt>) {
        match sub {
            Pat::Ident(pi) if pi.by_ref.is_none() && pi.subpat.is_none() => {
                let id = self.new_var(pi.ident.clone(), None);
                self.declare(&pi.ident, id);
                out.push(Stmt::Let {
                    var: id,
                    mutable: pi.mutability.is_some(),
                    init: Some(Expr::Var(t)),
                });
            }
            Pat::Type(pt) => self.bind_pattern_from(&pt.pat, t, out),
            Pat::Wild(_) => {}
            other => self.cx.error_spanned(
                other,
                "nested patterns are not supported here by #[differentiable]: destructure one level at a time",
            ),
        }
    }

    fn expr_stmt(&mut self, e: &SExpr, out: &mut Vec<Stmt>) {
        match e {
            SExpr::Assign(a) => self.assignment(&a.left, None, &a.right, out),
            SExpr::Binary(b) if compound_op(&b.op).is_some() => {
                self.assignment(&b.left, compound_op(&b.op), &b.right, out)
            }
            SExpr::If(_)
            | SExpr::Match(_)
            | SExpr::Block(_)
            | SExpr::Loop(_)
            | SExpr::While(_)
            | SExpr::ForLoop(_)
            | SExpr::Return(_)
            | SExpr::Break(_)
            | SExpr::Continue(_)
            | SExpr::Paren(_)
            | SExpr::Unsafe(_) => self.assign_to(Dest::Discard, e, out),
            SExpr::Call(c) if self.swap_args(c).is_some() => {
                if let Some((a, b)) = self.swap_args(c) {
                    self.vars[a].reassigned = true;
                    self.vars[b].reassigned = true;
                    out.push(Stmt::Swap(a, b));
                }
            }
            // Its result, if any, is discarded: a call with no destination.
            SExpr::Call(c) if self.updates_array(c) => {
                if let Some(call) = self.call(c, out) {
                    out.push(Stmt::Call {
                        dests: Vec::new(),
                        call,
                    });
                }
            }
            SExpr::MethodCall(m) if self.desugar_slice_method(m).is_some() => {
                if let Some(d) = self.desugar_slice_method(m) {
                    self.assign_to(Dest::Discard, &d, out);
                }
            }
            _ => {
                self.check_opaque(e, false);
                if let SExpr::MethodCall(m) = e {
                    let mut reads = Vec::new();
                    self.flow_reads(&m.receiver, &mut reads);
                    let msg = if self.array_var(&m.receiver).is_some() {
                        format!(
                            "`.{}(..)` on an array of active values changes it in a way #[differentiable] can't see: write it as a loop over the indices (`for i in 0..u.len() {{ u[i] = .. }}`); `copy_from_slice` from another array, `fill` and `swap(i, j)` are supported",
                            m.method
                        )
                    } else {
                        format!(
                            "a method call statement on an active value (`.{}(..)`) may change it in place, which #[differentiable] can't see: assign the new value instead (`x = ..`)",
                            m.method
                        )
                    };
                    for v in reads {
                        self.deferred.push(Deferred {
                            var: v,
                            blame: quote!(#m),
                            msg: msg.clone(),
                        });
                    }
                }
                let writes = self.opaque_writes(e);
                out.push(Stmt::Opaque(quote!(#e;), writes));
            }
        }
    }

    /// In-place slice methods as index loops: `u.copy_from_slice(&v)` (`v` an array
    /// variable), `u.fill(x)`, `u.swap(i, j)`.
    fn desugar_slice_method(&self, m: &syn::ExprMethodCall) -> Option<SExpr> {
        let u = self.array_var(&m.receiver)?;
        let u = &self.vars[u].name;
        let i = Ident::new("__i", Span::mixed_site());
        match (m.method.to_string().as_str(), m.args.len()) {
            ("copy_from_slice" | "clone_from_slice", 1) => {
                let src = match self.array_arg(&m.args[0]) {
                    Some((v, false)) => v,
                    _ => self.array_var(&m.args[0])?,
                };
                let src = &self.vars[src].name;
                let method = m.method.to_string();
                Some(syn::parse_quote!({
                    assert_eq!(#u.len(), #src.len(), "{}: source and destination have different lengths", #method);
                    for #i in 0..#u.len() {
                        #u[#i] = #src[#i];
                    }
                }))
            }
            ("fill", 1) => {
                let v = &m.args[0];
                let f = Ident::new("__fill", Span::mixed_site());
                Some(syn::parse_quote!({
                    let #f = #v;
                    for #i in 0..#u.len() {
                        #u[#i] = #f;
                    }
                }))
            }
            ("swap", 2) => {
                let (a, b) = (&m.args[0], &m.args[1]);
                let (ia, ib, t) = (
                    Ident::new("__ia", Span::mixed_site()),
                    Ident::new("__ib", Span::mixed_site()),
                    Ident::new("__swap", Span::mixed_site()),
                );
                Some(syn::parse_quote!({
                    let #ia = #a;
                    let #ib = #b;
                    let #t = #u[#ia];
                    #u[#ia] = #u[#ib];
                    #u[#ib] = #t;
                }))
            }
            _ => None,
        }
    }

    /// `std::mem::swap(&mut a, &mut b)` of two array variables.
    fn swap_args(&self, c: &syn::ExprCall) -> Option<(VarId, VarId)> {
        let SExpr::Path(p) = &*c.func else {
            return None;
        };
        if p.path.segments.last()?.ident != "swap" || c.args.len() != 2 {
            return None;
        }
        let arg = |e: &SExpr| match e {
            SExpr::Reference(r) if r.mutability.is_some() => self.array_var(&r.expr),
            _ => None,
        };
        Some((arg(&c.args[0])?, arg(&c.args[1])?))
    }

    /// Whether `e` is `p.a.b` on a struct parameter `p` (without marking it read).
    fn is_struct_field(&self, e: &SExpr) -> bool {
        self.struct_field_path(e).is_some()
    }

    /// `p.a.b` on a struct parameter `p`: the parameter and the field path `a.b`.
    fn struct_field_path(&self, e: &SExpr) -> Option<(VarId, TokenStream)> {
        let mut members = Vec::new();
        let mut cur = e;
        loop {
            match cur {
                SExpr::Field(f) => {
                    members.push(f.member.clone());
                    cur = &f.base;
                }
                SExpr::Paren(p) => cur = &p.expr,
                _ => break,
            }
        }
        if members.is_empty() {
            return None;
        }
        let v = match cur {
            SExpr::Path(p) => self.local_of_path(p)?,
            _ => return None,
        };
        if !self.struct_params.contains(&v) {
            return None;
        }
        members.reverse();
        Some((v, quote!(#(#members).*)))
    }

    /// [`Self::struct_field_path`], marking the parameter as read through its fields.
    fn struct_field(&mut self, e: &SExpr) -> Option<(VarId, TokenStream)> {
        let (v, path) = self.struct_field_path(e)?;
        self.mark_struct_used(v);
        Some((v, path))
    }

    /// `#[checkpoint]` on a `while` or `loop`: refused (the snapshots are spaced by a trip
    /// count known when the loop starts).
    fn no_checkpoint(&mut self, attrs: &[syn::Attribute]) {
        if let Some(a) = attrs.iter().find(|a| a.path().is_ident("checkpoint")) {
            self.cx.error_spanned(
                a,
                "`#[checkpoint]` applies to a `for` loop over a range `a..b`, whose trip count is known when it starts: write the time loop as `for _ in 0..max_steps` and leave it with `break`",
            );
        }
    }

    /// `#[checkpoint]` / `#[checkpoint(every = k)]` on a `for` loop: allowed on a loop over a
    /// range (`a..b`) with a plain or `_` pattern, at the top level of the function.
    fn checkpoint_attr(&mut self, f: &syn::ExprForLoop) -> Option<Option<TokenStream>> {
        let attr = f.attrs.iter().find(|a| a.path().is_ident("checkpoint"))?;
        let every = match &attr.meta {
            syn::Meta::Path(_) => None,
            syn::Meta::List(l) => {
                let parsed = l.parse_args_with(|input: syn::parse::ParseStream| {
                    let k: syn::Ident = input.parse()?;
                    if k != "every" {
                        return Err(syn::Error::new(k.span(), "expected `every = <iterations>`"));
                    }
                    input.parse::<syn::Token![=]>()?;
                    input.parse::<SExpr>()
                });
                match parsed {
                    Ok(e) => Some(e.to_token_stream()),
                    Err(e) => {
                        self.cx.push(e);
                        None
                    }
                }
            }
            other => {
                self.cx
                    .error_spanned(other, "write `#[checkpoint]` or `#[checkpoint(every = k)]`");
                None
            }
        };
        let range_ok = matches!(&*f.expr, SExpr::Range(r) if r.start.is_some() && r.end.is_some() && matches!(r.limits, syn::RangeLimits::HalfOpen(_)));
        let pat_ok = matches!(&*f.pat, Pat::Ident(_) | Pat::Wild(_));
        if !range_ok || !pat_ok {
            self.cx.error_spanned(
                &f.expr,
                "`#[checkpoint]` applies to a `for` loop over a range `a..b` binding a name or `_`",
            );
            return None;
        }
        if self.scopes.len() != 2 {
            self.cx.error_spanned(
                attr,
                "`#[checkpoint]` applies to a loop at the top level of the function (the time-stepping loop)",
            );
            return None;
        }
        Some(every)
    }

    /// The array variable an expression names.
    fn array_var(&self, e: &SExpr) -> Option<VarId> {
        match e {
            SExpr::Path(p) => self.local_of_path(p).filter(|&v| self.vars[v].array),
            SExpr::Paren(p) => self.array_var(&p.expr),
            _ => None,
        }
    }

    fn index_opaque(&mut self, e: &SExpr) -> Opaque {
        match self.opaque_value(e, OpaqueKind::Inactive) {
            Expr::Opaque(o) => o,
            _ => Opaque {
                tokens: e.to_token_stream(),
                reads: vec![],
                kind: OpaqueKind::Inactive,
                blame: e.to_token_stream(),
            },
        }
    }

    /// An array-valued expression: `vec![x; n]`, `[x; n]`, `[a, b]`, `vec![a, b]`, a copy of an
    /// array variable (`a.to_vec()`, `a.clone()`, or the variable itself).
    fn array_value(&mut self, e: &SExpr, out: &mut Vec<Stmt>) -> Option<Expr> {
        match e {
            SExpr::Paren(p) => self.array_value(&p.expr, out),
            SExpr::Repeat(r) => {
                let x = self.expr(&r.expr, out);
                let n = self.index_opaque(&r.len);
                Some(Expr::ArrayRepeat(Box::new(x), n, false))
            }
            SExpr::Array(a) => {
                let els = a.elems.iter().map(|x| self.expr(x, out)).collect();
                Some(Expr::ArrayLit(els, false))
            }
            SExpr::Macro(m) if m.mac.path.is_ident("vec") => {
                if let Ok(r) = m.mac.parse_body::<VecRepeat>() {
                    let x = self.expr(&r.0, out);
                    let n = self.index_opaque(&r.1);
                    return Some(Expr::ArrayRepeat(Box::new(x), n, true));
                }
                let els = m
                    .mac
                    .parse_body_with(
                        syn::punctuated::Punctuated::<SExpr, syn::Token![,]>::parse_terminated,
                    )
                    .ok()?;
                let els = els.iter().map(|x| self.expr(x, out)).collect();
                Some(Expr::ArrayLit(els, true))
            }
            SExpr::MethodCall(m)
                if m.args.is_empty()
                    && (m.method == "to_vec" || m.method == "clone")
                    && self.array_var(&m.receiver).is_some() =>
            {
                let v = self.array_var(&m.receiver)?;
                Some(Expr::ArrayCopy(v, m.method == "clone"))
            }
            SExpr::Path(_) => self.array_var(e).map(|v| Expr::ArrayCopy(v, false)),
            _ => None,
        }
    }

    /// Rewrites `for` over an array's iterator into a loop over indices:
    /// `for v in x.iter()` → `for __i in 0..x.len() { let v = x[__i]; .. }`, with `enumerate`,
    /// `zip`, `copied`/`cloned`, `&x`, and `iter_mut` (`*v` becomes `x[__i]`).
    fn desugar_for(&self, f: &syn::ExprForLoop) -> Option<SExpr> {
        let chain = self.iter_chain(&f.expr)?;
        if chain.mapped.is_some() || chain.range.is_some() || chain.parallel {
            return None;
        }
        let i = Ident::new("__i", Span::mixed_site());
        let (binds, places) = self.bind_elements(&chain, &f.pat, &i)?;
        let mut body = f.body.clone();
        // Items of `iter_mut` are the elements themselves: `*v` (and `v` as the receiver of a
        // method call, which Rust auto-dereferences) becomes `y[__i]`.
        let mut place_names = Vec::new();
        for (name, target) in &places {
            place_names.push(name.to_string());
            let mut r = DerefRewrite {
                name: name.to_string(),
                with: syn::parse_quote!(#target[#i]),
                receivers: true,
            };
            syn::visit_mut::VisitMut::visit_block_mut(&mut r, &mut body);
        }
        let len = chain.len_expr();
        // Other elements are bound by value: `*v` in the body reads the same value.
        let mut names = Vec::new();
        collect_pat_idents(&f.pat, &mut names);
        deref_by_value(
            names
                .iter()
                .filter(|n| !place_names.contains(&n.to_string())),
            &mut body,
        );
        let label = &f.label;
        let stmts = &body.stmts;
        Some(syn::parse_quote!(#label for #i in 0..#len { #(#binds)* #(#stmts)* }))
    }

    /// `let` statements binding a loop pattern to array elements at index `i`.
    /// Elements of `iter_mut` iterators are places, not values: they come back as
    /// `(pattern name, array)` pairs for the caller to rewrite.
    fn bind_elements(
        &self,
        chain: &IterChain,
        pat: &Pat,
        i: &Ident,
    ) -> Option<(Vec<SStmt>, Vec<Place>)> {
        // Where a pattern name is also an array's (`x.iter().zip(y.iter()).map(|(y, x)| ..)`),
        // binding one would hide the array from the next element's read: all elements are
        // read into temporaries first.
        let mut names = Vec::new();
        collect_pat_idents(pat, &mut names);
        let clash = chain.arrays.iter().any(|a| {
            a.clone()
                .into_iter()
                .next()
                .is_some_and(|t| names.iter().any(|n| *n == t.to_string()))
        });
        let mut pre: Vec<SStmt> = Vec::new();
        if clash {
            for (k, a) in chain.arrays.iter().enumerate() {
                if chain.mut_leaves[k] {
                    continue;
                }
                let t = Ident::new(&format!("__el{k}"), Span::mixed_site());
                pre.push(syn::parse_quote!(let #t = #a[#i];));
            }
        }
        let el = |k: usize| -> SExpr {
            if clash {
                let t = Ident::new(&format!("__el{k}"), Span::mixed_site());
                return syn::parse_quote!(#t);
            }
            let a = &chain.arrays[k];
            syn::parse_quote!(#a[#i])
        };
        let strip = |p: &Pat| -> Pat {
            match p {
                Pat::Reference(r) => (*r.pat).clone(),
                p => p.clone(),
            }
        };
        let mut binds: Vec<SStmt> = pre;
        let elems_pat: Pat = if chain.enumerate {
            let Pat::Tuple(t) = pat else { return None };
            if t.elems.len() != 2 {
                return None;
            }
            let ip = strip(&t.elems[0]);
            binds.push(syn::parse_quote!(let #ip = #i;));
            strip(&t.elems[1])
        } else {
            strip(pat)
        };
        let mut places = Vec::new();
        // The pattern follows the items' nesting: `((a, b), c)` for `x.iter().zip(y).zip(z)`.
        #[allow(clippy::too_many_arguments)]
        fn bind(
            pat: &Pat,
            shape: &ZipShape,
            chain: &IterChain,
            el: &dyn Fn(usize) -> SExpr,
            strip: &dyn Fn(&Pat) -> Pat,
            out: &mut Vec<SStmt>,
            places: &mut Vec<Place>,
        ) -> Option<()> {
            match shape {
                ZipShape::Leaf(k) if chain.mut_leaves[*k] => {
                    let Pat::Ident(pi) = pat else { return None };
                    places.push((pi.ident.clone(), chain.arrays[*k].clone()));
                }
                ZipShape::Leaf(k) => {
                    let e = el(*k);
                    let p = strip(pat);
                    out.push(syn::parse_quote!(let #p = #e;));
                }
                ZipShape::Pair(a, b) => {
                    let Pat::Tuple(t) = strip(pat) else {
                        return None;
                    };
                    if t.elems.len() != 2 {
                        return None;
                    }
                    bind(&t.elems[0], a, chain, el, strip, out, places)?;
                    bind(&t.elems[1], b, chain, el, strip, out, places)?;
                }
            }
            Some(())
        }
        bind(
            &elems_pat,
            &chain.shape,
            chain,
            &el,
            &strip,
            &mut binds,
            &mut places,
        )?;
        Some((binds, places))
    }

    /// Recognizes `x.iter()[.copied()|.cloned()][.enumerate()][.zip(y..)][.map(|..| ..)]`, `&x`,
    /// `x.iter_mut()` over array variables.
    fn iter_chain(&self, e: &SExpr) -> Option<IterChain> {
        match e {
            SExpr::Paren(p) => self.iter_chain(&p.expr),
            SExpr::Reference(r) if r.mutability.is_none() => {
                let v = self.array_var(&r.expr)?;
                Some(IterChain::new(self.vars[v].name.clone()))
            }
            // `for v in x` over a slice, `x.iter().zip(y)`: the array as an iterator.
            SExpr::Path(_) => {
                let v = self.array_var(e)?;
                Some(IterChain::new(self.vars[v].name.clone()))
            }
            SExpr::MethodCall(m) => {
                let name = m.method.to_string();
                match name.as_str() {
                    "iter" | "into_iter" | "par_iter"
                        if m.args.is_empty() && self.is_struct_field(&m.receiver) =>
                    {
                        let mut c = IterChain::new(&m.receiver);
                        c.parallel = name == "par_iter";
                        Some(c)
                    }
                    // rayon's `par_iter()`: the same items, visited in parallel.
                    "iter" | "iter_mut" | "into_iter" | "par_iter" | "into_par_iter"
                        if m.args.is_empty() && self.range_source(&m.receiver).is_some() =>
                    {
                        let mut c = IterChain::over(self.range_source(&m.receiver)?);
                        c.parallel = name == "into_par_iter";
                        Some(c)
                    }
                    "iter" | "iter_mut" | "into_iter" | "par_iter" | "into_par_iter"
                        if m.args.is_empty() =>
                    {
                        // `x[..].iter()` is `x.iter()`.
                        let whole = match &*m.receiver {
                            SExpr::Index(ix) => match &*ix.index {
                                SExpr::Range(r) if r.start.is_none() && r.end.is_none() => {
                                    Some(&*ix.expr)
                                }
                                _ => None,
                            },
                            _ => None,
                        };
                        let v = self.array_var(whole.unwrap_or(&m.receiver))?;
                        let mut c = IterChain::new(self.vars[v].name.clone());
                        c.mutable = name == "iter_mut";
                        c.mut_leaves = vec![c.mutable];
                        c.parallel = name.contains("par_");
                        Some(c)
                    }
                    "copied" | "cloned" if m.args.is_empty() => self.iter_chain(&m.receiver),
                    "enumerate" if m.args.is_empty() => {
                        let mut c = self.iter_chain(&m.receiver)?;
                        if c.enumerate || c.mapped.is_some() || c.range.is_some() {
                            return None;
                        }
                        c.enumerate = true;
                        Some(c)
                    }
                    "zip" if m.args.len() == 1 => {
                        let mut c = self.iter_chain(&m.receiver)?;
                        let other = self.iter_chain(&m.args[0])?;
                        if c.enumerate
                            || c.mapped.is_some()
                            || other.enumerate
                            || other.mapped.is_some()
                            || c.range.is_some()
                            || other.range.is_some()
                        {
                            return None;
                        }
                        c.parallel |= other.parallel;
                        let right = other.shape.shifted(c.arrays.len());
                        c.shape = ZipShape::Pair(Box::new(c.shape), Box::new(right));
                        c.arrays.extend(other.arrays);
                        c.mut_leaves.extend(other.mut_leaves);
                        c.mutable |= other.mutable;
                        Some(c)
                    }
                    "map" if m.args.len() == 1 => {
                        // `(a..b).map(|i| ..)`: a chain over the indices.
                        let mut c = match self.range_source(&m.receiver) {
                            Some(r) => IterChain::over(r),
                            None => self.iter_chain(&m.receiver)?,
                        };
                        let (pat, body): (Pat, SExpr) = match &m.args[0] {
                            SExpr::Closure(cl) if cl.inputs.len() == 1 => {
                                (cl.inputs[0].clone(), (*cl.body).clone())
                            }
                            // `.map(f64::exp)`, `.map(square)`: the function applied to the item.
                            SExpr::Path(f) => {
                                let v = Ident::new("__item", Span::mixed_site());
                                (syn::parse_quote!(#v), syn::parse_quote!(#f(#v)))
                            }
                            _ => return None,
                        };
                        if c.mutable {
                            return None;
                        }
                        c.mapped = Some(match c.mapped.take() {
                            None => (pat, body),
                            // `.map(f).map(g)`: `g` of `f`'s value.
                            Some((p0, b0)) => (p0, syn::parse_quote!({ let #pat = #b0; #body })),
                        });
                        Some(c)
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// Whether the reduction `m` of a chain over indices computes a float: `sum::<F>()` for the
    /// float type, a float literal as `fold`'s start, or (no turbofish) closures that index an
    /// array or read a float variable.
    fn float_reduction(&self, m: &syn::ExprMethodCall, chain: &IterChain) -> bool {
        if let Some(t) = &m.turbofish {
            return t.args.iter().all(|a| match a {
                syn::GenericArgument::Type(ty) => is_float_type(ty, &self.sig.generics),
                _ => false,
            });
        }
        struct Reads<'p, 'a> {
            p: &'p Parser<'a>,
            found: bool,
        }
        impl<'ast> Visit<'ast> for Reads<'_, '_> {
            fn visit_expr_index(&mut self, i: &'ast syn::ExprIndex) {
                self.found |= self.p.array_var(&i.expr).is_some();
                syn::visit::visit_expr_index(self, i);
            }
            fn visit_expr_path(&mut self, e: &'ast syn::ExprPath) {
                if let Some(v) = e
                    .path
                    .get_ident()
                    .and_then(|n| self.p.lookup(&n.to_string()))
                {
                    let var = &self.p.vars[v];
                    self.found |= var.array
                        || var
                            .ty
                            .as_ref()
                            .is_some_and(|t| is_float_type(t, &self.p.sig.generics));
                }
            }
            fn visit_lit(&mut self, l: &'ast syn::Lit) {
                self.found |= matches!(l, syn::Lit::Float(_));
            }
        }
        let mut r = Reads {
            p: self,
            found: false,
        };
        if let Some((_, body)) = &chain.mapped {
            r.visit_expr(body);
        }
        for a in &m.args {
            r.visit_expr(a);
        }
        r.found
    }

    /// Whether a method chain starts with `iter()`/`par_iter()` on an array or an array field.
    fn chain_over_data(&self, e: &SExpr) -> bool {
        let mut cur = e;
        let mut first = None;
        while let SExpr::MethodCall(m) = cur {
            first = Some(m.method.to_string());
            cur = &m.receiver;
        }
        matches!(
            first.as_deref(),
            Some("iter" | "into_iter" | "par_iter" | "into_par_iter")
        ) && (self.array_var(cur).is_some() || self.is_struct_field(cur))
    }

    /// `a..b` or `a..=b` (in parentheses): the indices a chain walks.
    fn range_source(&self, e: &SExpr) -> Option<SExpr> {
        match e {
            SExpr::Paren(p) => self.range_source(&p.expr),
            SExpr::Range(r) if r.start.is_some() && r.end.is_some() => Some(e.clone()),
            _ => None,
        }
    }

    /// The first method in a call chain starting at `array.iter()` that the rewriting into index
    /// loops does not handle.
    fn unsupported_adapter(&self, e: &SExpr) -> Option<String> {
        let mut chain = Vec::new();
        let mut cur = e;
        while let SExpr::MethodCall(m) = cur {
            chain.push(m.method.to_string());
            cur = &m.receiver;
        }
        let range = self.range_source(cur).is_some();
        if !range && self.array_var(cur).is_none() && !self.is_struct_field(cur) {
            return None;
        }
        chain.reverse();
        let first = chain.first().map(String::as_str);
        let parallel = matches!(first, Some("par_iter" | "into_par_iter"));
        let starts = matches!(first, Some("iter" | "iter_mut" | "into_iter"))
            || parallel
            || (range && first == Some("map"));
        if !starts {
            return None;
        }
        // Over indices: the range's sources, `map` and the reductions. Over arrays: also the
        // adapters of items (`fold` only sequential).
        let ok: Vec<&str> = match (range, parallel) {
            (true, _) => vec![
                "into_iter",
                "into_par_iter",
                "map",
                "sum",
                "product",
                "fold",
            ],
            (false, true) => vec!["par_iter", "into_par_iter"],
            (false, false) => vec!["iter", "iter_mut", "into_iter", "fold"],
        };
        let items = [
            "copied",
            "cloned",
            "enumerate",
            "zip",
            "map",
            "sum",
            "product",
        ];
        let ok: Vec<&str> = if range {
            ok
        } else {
            ok.into_iter().chain(items).collect()
        };
        // rayon's `fold` is not a reduction (it yields per-thread folds).
        let ok: Vec<&str> = ok
            .iter()
            .copied()
            .filter(|m| !(parallel || chain.iter().any(|c| c == "into_par_iter")) || *m != "fold")
            .collect();
        // Methods after the reduction apply to its float result (`.sum::<f64>().sqrt()`).
        let end = chain
            .iter()
            .position(|m| matches!(m.as_str(), "sum" | "product" | "fold"))
            .map_or(chain.len(), |k| k + 1);
        let bad = chain[..end].iter().find(|m| !ok.contains(&m.as_str()))?;
        let supported = if range {
            "supported over an index range `(a..b)`: map, into_iter or rayon's into_par_iter, then sum, product, or fold on a sequential chain"
        } else if parallel || chain.iter().any(|c| c == "into_par_iter") {
            "supported on rayon chains: par_iter, zip, enumerate, copied, cloned, map, then sum or product"
        } else {
            "supported: iter, iter_mut, copied, cloned, enumerate, zip, map, then sum, product or fold"
        };
        let over = if range {
            "on a chain over indices that reads active values"
        } else {
            "on arrays of active values"
        };
        Some(format!(
            "the iterator adapter `{bad}` is not supported {over} by #[differentiable] ({supported}): write a `for` loop over the indices"
        ))
    }

    /// `chain.sum()`, `.product()`, `.fold(init, |acc, v| ..)`, `.fold(init, f64::max)` as a loop
    /// accumulating into a fresh variable.
    fn desugar_reduce(&self, m: &syn::ExprMethodCall) -> Option<SExpr> {
        let name = m.method.to_string();
        // `(a..b).fold(..)`, `(a..b).sum()`: the indices themselves.
        let chain = match self.range_source(&m.receiver) {
            Some(r) => IterChain::over(r),
            None => self.iter_chain(&m.receiver)?,
        };
        if chain.mutable {
            return None;
        }
        // rayon's `fold` takes an identity closure and yields per-thread folds: not a reduction.
        if chain.parallel && name == "fold" {
            return None;
        }
        // Chains over indices often sum integers: only a float reduction is rewritten.
        if chain.range.is_some() && !self.float_reduction(m, &chain) {
            return None;
        }
        let i = Ident::new("__i", Span::mixed_site());
        let acc = Ident::new("__acc", Span::mixed_site());
        let float = &self.sig.float_ty;
        let is_generic = !matches!(quote!(#float).to_string().as_str(), "f32" | "f64");
        let (init, pat, step): (SExpr, Pat, SExpr) = match name.as_str() {
            "sum" | "product" if m.args.is_empty() => {
                let init: SExpr = match (name.as_str(), is_generic) {
                    ("sum", false) => syn::parse_quote!(0.0),
                    ("sum", true) => syn::parse_quote!(#float::zero()),
                    (_, false) => syn::parse_quote!(1.0),
                    (_, true) => syn::parse_quote!(#float::one()),
                };
                let v = Ident::new("__v", Span::mixed_site());
                let op: SExpr = if name == "sum" {
                    syn::parse_quote!(#acc + #v)
                } else {
                    syn::parse_quote!(#acc * #v)
                };
                (init, syn::parse_quote!(#v), op)
            }
            "fold" if m.args.len() == 2 => {
                let init = m.args[0].clone();
                let v = Ident::new("__v", Span::mixed_site());
                match &m.args[1] {
                    SExpr::Closure(cl) if cl.inputs.len() == 2 => {
                        let a = &cl.inputs[0];
                        let body = &cl.body;
                        let step: SExpr = syn::parse_quote!({ let #a = #acc; #body });
                        (init, cl.inputs[1].clone(), step)
                    }
                    SExpr::Path(p) => {
                        (init, syn::parse_quote!(#v), syn::parse_quote!(#p(#acc, #v)))
                    }
                    _ => return None,
                }
            }
            _ => return None,
        };
        let (mut binds, _) = match (&chain.range, &chain.mapped) {
            // Over a range, the item is the index.
            (Some(_), Some((mp, _))) => (vec![syn::parse_quote!(let #mp = #i;)], Vec::new()),
            (Some(_), None) => (vec![syn::parse_quote!(let #pat = #i;)], Vec::new()),
            (None, Some((mp, _))) => self.bind_elements(&chain, mp, &i)?,
            (None, None) => self.bind_elements(&chain, &pat, &i)?,
        };
        // Closure parameters are bound to elements by value: `*v` reads the same value.
        let mut step = step;
        let mut names = Vec::new();
        collect_pat_idents(&pat, &mut names);
        deref_by_value_expr(names.iter(), &mut step);
        let step = if let Some((mp, body)) = &chain.mapped {
            // The mapped value is bound to the fold/sum pattern.
            let mut body = body.clone();
            let mut names = Vec::new();
            collect_pat_idents(mp, &mut names);
            deref_by_value_expr(names.iter(), &mut body);
            binds.push(syn::parse_quote!(let #pat = #body;));
            step
        } else {
            step
        };
        let range: SExpr = match &chain.range {
            Some(r) => r.clone(),
            None => {
                let len = chain.len_expr();
                syn::parse_quote!(0..#len)
            }
        };
        // The pullback of a rayon chain's sum may run in parallel (see `reverse.rs`).
        let par: Vec<syn::Attribute> = if chain.parallel {
            vec![syn::parse_quote!(#[oxidiff_parallel])]
        } else {
            Vec::new()
        };
        // A float literal's type is known here (`fold(0.0, f64::max)` calls a method on it).
        let float_init = match &init {
            SExpr::Lit(l) => matches!(l.lit, syn::Lit::Float(_)),
            SExpr::Unary(u) => {
                matches!(&*u.expr, SExpr::Lit(l) if matches!(l.lit, syn::Lit::Float(_)))
            }
            _ => false,
        };
        if float_init && !is_generic {
            return Some(syn::parse_quote!({
                let mut #acc: #float = #init;
                #(#par)*
                for #i in #range {
                    #(#binds)*
                    #acc = #step;
                }
                #acc
            }));
        }
        Some(syn::parse_quote!({
            let mut #acc = #init;
            #(#par)*
            for #i in #range {
                #(#binds)*
                #acc = #step;
            }
            #acc
        }))
    }
}

/// Names used as arrays somewhere in a block: indexed (`a[i]`), borrowed (`&a`, passed to a
/// function or a slice method), or iterated (`a.iter()`, `a.len()`).
fn indexed_names(b: &syn::Block) -> std::collections::HashSet<String> {
    struct V(std::collections::HashSet<String>);
    fn name(e: &SExpr) -> Option<String> {
        match e {
            SExpr::Path(p) => p.path.get_ident().map(|i| i.to_string()),
            _ => None,
        }
    }
    impl<'ast> Visit<'ast> for V {
        fn visit_expr_index(&mut self, i: &'ast syn::ExprIndex) {
            self.0.extend(name(&i.expr));
            syn::visit::visit_expr_index(self, i);
        }
        fn visit_expr_reference(&mut self, r: &'ast syn::ExprReference) {
            self.0.extend(name(&r.expr));
            syn::visit::visit_expr_reference(self, r);
        }
        fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
            if matches!(m.method.to_string().as_str(), "iter" | "len" | "to_vec") {
                self.0.extend(name(&m.receiver));
            }
            syn::visit::visit_expr_method_call(self, m);
        }
    }
    let mut v = V(Default::default());
    v.visit_block(b);
    v.0
}

/// `vec![x; n]`'s body.
struct VecRepeat(SExpr, SExpr);

impl syn::parse::Parse for VecRepeat {
    fn parse(input: syn::parse::ParseStream) -> syn::Result<Self> {
        let x: SExpr = input.parse()?;
        input.parse::<syn::Token![;]>()?;
        let n: SExpr = input.parse()?;
        Ok(VecRepeat(x, n))
    }
}

/// An `iter_mut` item: its pattern name and the array it walks.
type Place = (Ident, TokenStream);

/// An iterator over array variables the macro turns into an index loop.
struct IterChain {
    /// The arrays iterated: array variables, or array fields of struct arguments (`p.w`).
    arrays: Vec<TokenStream>,
    /// How the items nest: `a.iter().zip(b).zip(c)` yields `((a, b), c)`.
    shape: ZipShape,
    enumerate: bool,
    /// Some array is iterated by `iter_mut`: the loop writes through its items.
    mutable: bool,
    /// Which of `arrays` come from `iter_mut`.
    mut_leaves: Vec<bool>,
    mapped: Option<(Pat, SExpr)>,
    /// A rayon chain (`x.par_iter()`): its reduction's pullback may run in parallel.
    parallel: bool,
    /// A chain over an index range (`(a..b).into_par_iter()`, `(a..b).map(..)`): the range,
    /// whose items are the indices themselves (no arrays).
    range: Option<SExpr>,
}

/// The tuple structure of a zipped item: an element of `arrays[k]`, or a pair.
#[derive(Clone)]
enum ZipShape {
    Leaf(usize),
    Pair(Box<ZipShape>, Box<ZipShape>),
}

impl ZipShape {
    fn shifted(&self, by: usize) -> ZipShape {
        match self {
            ZipShape::Leaf(k) => ZipShape::Leaf(k + by),
            ZipShape::Pair(a, b) => {
                ZipShape::Pair(Box::new(a.shifted(by)), Box::new(b.shifted(by)))
            }
        }
    }
}

impl IterChain {
    fn new(a: impl ToTokens) -> Self {
        IterChain {
            arrays: vec![a.to_token_stream()],
            shape: ZipShape::Leaf(0),
            enumerate: false,
            mutable: false,
            mut_leaves: vec![false],
            mapped: None,
            parallel: false,
            range: None,
        }
    }

    /// A chain over the indices of a range.
    fn over(range: SExpr) -> Self {
        IterChain {
            arrays: Vec::new(),
            shape: ZipShape::Leaf(0),
            enumerate: false,
            mutable: false,
            mut_leaves: Vec::new(),
            mapped: None,
            parallel: false,
            range: Some(range),
        }
    }

    fn len_expr(&self) -> SExpr {
        let a = &self.arrays[0];
        let mut len: SExpr = syn::parse_quote!(#a.len());
        for b in &self.arrays[1..] {
            len = syn::parse_quote!(#len.min(#b.len()));
        }
        len
    }
}

fn collect_pat_idents(p: &Pat, out: &mut Vec<Ident>) {
    match p {
        Pat::Ident(i) => out.push(i.ident.clone()),
        Pat::Reference(r) => collect_pat_idents(&r.pat, out),
        Pat::Tuple(t) => t.elems.iter().for_each(|e| collect_pat_idents(e, out)),
        Pat::Type(t) => collect_pat_idents(&t.pat, out),
        Pat::Paren(p) => collect_pat_idents(&p.pat, out),
        _ => {}
    }
}

/// Replaces `*name` with an element expression (for `iter_mut` loops).
struct DerefRewrite {
    name: String,
    with: SExpr,
    /// Also `name.method(..)` (auto-dereferenced receivers).
    receivers: bool,
}

/// `*v` becomes `v` for names bound to elements by value.
fn deref_by_value<'a>(names: impl Iterator<Item = &'a Ident>, body: &mut syn::Block) {
    for n in names {
        let mut r = DerefRewrite {
            name: n.to_string(),
            with: syn::parse_quote!(#n),
            receivers: false,
        };
        syn::visit_mut::VisitMut::visit_block_mut(&mut r, body);
    }
}

fn deref_by_value_expr<'a>(names: impl Iterator<Item = &'a Ident>, e: &mut SExpr) {
    for n in names {
        let mut r = DerefRewrite {
            name: n.to_string(),
            with: syn::parse_quote!(#n),
            receivers: false,
        };
        syn::visit_mut::VisitMut::visit_expr_mut(&mut r, e);
    }
}

/// Whether a closure argument anywhere in a method-call chain contains a `return` of its own.
fn chain_closure_returns(m: &syn::ExprMethodCall) -> bool {
    struct R(bool);
    impl<'ast> Visit<'ast> for R {
        fn visit_expr_return(&mut self, _: &'ast syn::ExprReturn) {
            self.0 = true;
        }
        // A closure inside the closure returns from itself.
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
    }
    let mut cur = m;
    loop {
        for a in &cur.args {
            if let SExpr::Closure(c) = a {
                let mut r = R(false);
                r.visit_expr(&c.body);
                if r.0 {
                    return true;
                }
            }
        }
        match &*cur.receiver {
            SExpr::MethodCall(inner) => cur = inner,
            _ => return false,
        }
    }
}

/// `e` without the parentheses around it.
fn strip_parens(mut e: &SExpr) -> &SExpr {
    while let SExpr::Paren(p) = e {
        e = &p.expr;
    }
    e
}

/// Whether a pattern binds `name`.
fn pat_binds(p: &Pat, name: &str) -> bool {
    let mut names = Vec::new();
    collect_pat_idents(p, &mut names);
    names.iter().any(|n| n == name)
}

impl syn::visit_mut::VisitMut for DerefRewrite {
    // Scopes where the name means another variable are left alone: a closure or `for` loop
    // binding it, a `match` arm binding it, and a block from the `let` that rebinds it on.
    fn visit_expr_closure_mut(&mut self, c: &mut syn::ExprClosure) {
        if c.inputs.iter().any(|p| pat_binds(p, &self.name)) {
            return;
        }
        syn::visit_mut::visit_expr_closure_mut(self, c);
    }
    fn visit_expr_for_loop_mut(&mut self, f: &mut syn::ExprForLoop) {
        self.visit_expr_mut(&mut f.expr);
        if !pat_binds(&f.pat, &self.name) {
            self.visit_block_mut(&mut f.body);
        }
    }
    fn visit_arm_mut(&mut self, a: &mut syn::Arm) {
        if !pat_binds(&a.pat, &self.name) {
            syn::visit_mut::visit_arm_mut(self, a);
        }
    }
    fn visit_block_mut(&mut self, b: &mut syn::Block) {
        for st in &mut b.stmts {
            if let SStmt::Local(l) = st {
                if let Some(init) = &mut l.init {
                    self.visit_expr_mut(&mut init.expr);
                }
                if pat_binds(&l.pat, &self.name) {
                    return;
                }
                continue;
            }
            self.visit_stmt_mut(st);
        }
    }
    fn visit_expr_mut(&mut self, e: &mut SExpr) {
        if let (true, SExpr::MethodCall(m)) = (self.receivers, &mut *e) {
            if matches!(&*m.receiver, SExpr::Path(p) if p.path.is_ident(&self.name)) {
                let with = &self.with;
                *m.receiver = syn::parse_quote!((#with));
            }
        }
        if let SExpr::Unary(u) = e {
            if matches!(u.op, syn::UnOp::Deref(_)) {
                if let SExpr::Path(p) = &*u.expr {
                    if p.path.is_ident(&self.name) {
                        *e = self.with.clone();
                        return;
                    }
                }
            }
        }
        syn::visit_mut::visit_expr_mut(self, e);
    }
}

impl Parser<'_> {
    fn assignment(&mut self, left: &SExpr, op: Option<BinOp>, right: &SExpr, out: &mut Vec<Stmt>) {
        match left {
            SExpr::Path(p) if self.local_of_path(p).is_some() => {
                let var = self.local_of_path(p).unwrap_or_default();
                self.vars[var].reassigned = true;
                if self.vars[var].pattern_bound {
                    // An inactive (non-float or pattern-bound) local: keep the statement as is.
                    self.check_opaque(right, false);
                    let tokens = match op {
                        None => quote!(#left = #right;),
                        Some(_) => {
                            let full = SExpr::Binary(syn::ExprBinary {
                                attrs: vec![],
                                left: Box::new(left.clone()),
                                op: binop_assign_token(op),
                                right: Box::new(right.clone()),
                            });
                            quote!(#full;)
                        }
                    };
                    out.push(Stmt::Opaque(tokens, vec![var]));
                    return;
                }
                match op {
                    None => self.assign_to(Dest::Vars(&[var]), right, out),
                    Some(op) => {
                        let rhs = self.expr(right, out);
                        let value = Expr::Binary(op, Box::new(Expr::Var(var)), Box::new(rhs));
                        out.push(Stmt::Assign { var, value });
                    }
                }
            }
            SExpr::Tuple(t) if op.is_none() => {
                let mut dests = Vec::new();
                for el in &t.elems {
                    match el {
                        SExpr::Path(p) if self.local_of_path(p).is_some() => {
                            let v = self.local_of_path(p).unwrap_or_default();
                            self.vars[v].reassigned = true;
                            dests.push(v);
                        }
                        SExpr::Infer(_) => {
                            let t = self.temp("discard");
                            out.push(Stmt::Let {
                                var: t,
                                mutable: true,
                                init: None,
                            });
                            dests.push(t);
                        }
                        other => {
                            self.cx.error_spanned(
                                other,
                                "#[differentiable] supports tuple assignment to local variables only",
                            );
                            return;
                        }
                    }
                }
                self.assign_to(Dest::Vars(&dests), right, out);
            }
            SExpr::Infer(_) if op.is_none() => self.assign_to(Dest::Discard, right, out),
            SExpr::Index(ix) if self.array_var(&ix.expr).is_some() => {
                let array = self.array_var(&ix.expr).unwrap_or_default();
                self.vars[array].reassigned = true;
                let index = self.index_opaque(&ix.index);
                let rhs = self.expr(right, out);
                let value = match op {
                    None => rhs,
                    Some(op) => Expr::Binary(
                        op,
                        Box::new(Expr::Index(array, index.clone())),
                        Box::new(rhs),
                    ),
                };
                out.push(Stmt::Store {
                    array,
                    index,
                    value,
                });
            }
            SExpr::Paren(p) => self.assignment(&p.expr, op, right, out),
            other => {
                // Assignments through indexing, fields or dereference.
                self.check_opaque(right, false);
                let mut reads = Vec::new();
                self.collect_reads(right, &mut reads);
                let msg = "assigning through a field or reference is not supported on active values by #[differentiable]: assign a local variable, or an element of an array variable (`a[i] = ..`)";
                let mut lhs_reads = Vec::new();
                self.collect_reads(other, &mut lhs_reads);
                for v in reads {
                    self.deferred.push(Deferred {
                        var: v,
                        blame: other.to_token_stream(),
                        msg: msg.to_string(),
                    });
                }
                let full = match op {
                    None => quote!(#other = #right;),
                    Some(_) => {
                        let opt = binop_assign_token(op);
                        quote!(#other #opt #right;)
                    }
                };
                let mut writes = self.opaque_writes(right);
                if let Some(v) = self.root_local(other) {
                    writes.push(v);
                }
                out.push(Stmt::Opaque(full, writes));
            }
        }
    }

    /// Evaluates `e` into `dest`.
    fn assign_to(&mut self, dest: Dest, e: &SExpr, out: &mut Vec<Stmt>) {
        match e {
            SExpr::Paren(p) => self.assign_to(dest, &p.expr, out),
            SExpr::Group(g) => self.assign_to(dest, &g.expr, out),
            SExpr::Block(b) => {
                if let Some(l) = &b.label {
                    self.cx.error_spanned(
                        l,
                        "labeled blocks are not supported by #[differentiable]: use a `loop` with `break`",
                    );
                }
                let blk = self.block(&b.block, dest);
                out.push(Stmt::Block(blk));
            }
            SExpr::Unsafe(u) => {
                self.cx.error_spanned(
                    u.unsafe_token,
                    "`unsafe` blocks are not supported in #[differentiable] functions: move the unsafe code into a helper and give it #[custom_vjp]",
                );
            }
            SExpr::If(i) => {
                let c = self.hoist_reductions(&i.cond, out);
                let cond = self.condition(&c);
                self.scopes.push(HashMap::new());
                self.bind_let_cond(&i.cond);
                let then = self.block(&i.then_branch, dest);
                self.scopes.pop();
                let els = match &i.else_branch {
                    Some((_, e)) => {
                        let mut v = Vec::new();
                        self.assign_to(dest, e, &mut v);
                        Some(Block { stmts: v })
                    }
                    None => None,
                };
                out.push(Stmt::If { cond, then, els });
            }
            SExpr::Match(m) => {
                let scrutinee = self.condition(&m.expr);
                let mut arms = Vec::new();
                for arm in &m.arms {
                    self.scopes.push(HashMap::new());
                    self.check_pattern_source(&arm.pat, &m.expr);
                    self.bind_pattern_names(&arm.pat);
                    let guard = arm.guard.as_ref().map(|(_, g)| self.condition(g));
                    let mut v = Vec::new();
                    self.assign_to(dest, &arm.body, &mut v);
                    self.scopes.pop();
                    arms.push(Arm {
                        pat: arm.pat.clone(),
                        guard,
                        body: Block { stmts: v },
                    });
                }
                out.push(Stmt::Match { scrutinee, arms });
            }
            SExpr::Loop(l) => {
                self.no_checkpoint(&l.attrs);
                let label = l.label.as_ref().map(|l| l.name.clone());
                let body = self.loop_body(&label, dest, &l.body);
                out.push(Stmt::Loop {
                    label,
                    kind: LoopKind::Loop,
                    body,
                    checkpoint: None,
                    parallel: false,
                });
            }
            SExpr::While(w) => {
                self.no_checkpoint(&w.attrs);
                let label = w.label.as_ref().map(|l| l.name.clone());
                let cond = self.condition(&w.cond);
                self.scopes.push(HashMap::new());
                self.bind_let_cond(&w.cond);
                let body = self.loop_body(&label, Dest::Discard, &w.body);
                self.scopes.pop();
                out.push(Stmt::Loop {
                    label,
                    kind: LoopKind::While(cond),
                    body,
                    checkpoint: None,
                    parallel: false,
                });
            }
            SExpr::ForLoop(f) if self.desugar_for(f).is_some() => {
                if let Some(d) = self.desugar_for(f) {
                    self.assign_to(dest, &d, out);
                }
            }
            SExpr::ForLoop(f) => {
                let label = f.label.as_ref().map(|l| l.name.clone());
                let checkpoint = self.checkpoint_attr(f);
                // The loop of a rayon chain's reduction (see `desugar_reduce`).
                let parallel = f
                    .attrs
                    .iter()
                    .any(|a| a.path().is_ident("oxidiff_parallel"));
                let iter = self.condition(&f.expr);
                self.scopes.push(HashMap::new());
                // A range's bounds are integers (floats do not step), whatever they read.
                if !matches!(&*f.expr, SExpr::Range(_)) {
                    self.check_pattern_source(&f.pat, &f.expr);
                }
                self.bind_pattern_names(&f.pat);
                let returns_before = self.has_return;
                let body = self.loop_body(&label, Dest::Discard, &f.body);
                if checkpoint.is_some() && self.has_return && !returns_before {
                    self.cx.error_spanned(
                        f.for_token,
                        "`return` inside a `#[checkpoint]` loop is not supported: leave the loop with `break` and return after it",
                    );
                }
                self.scopes.pop();
                out.push(Stmt::Loop {
                    label,
                    kind: LoopKind::For((*f.pat).clone(), iter),
                    body,
                    checkpoint,
                    parallel,
                });
            }
            SExpr::Return(r) => {
                self.has_return = true;
                let results = self.results.clone();
                match &r.expr {
                    Some(v) => self.assign_to(Dest::Vars(&results), v, out),
                    None if results.is_empty() => {}
                    None => self.cx.error_spanned(
                        r,
                        "`return` without a value in a #[differentiable] function: return the function's float result (`return x;`)",
                    ),
                }
                out.push(Stmt::Return);
            }
            SExpr::Break(b) => {
                let label = b.label.clone();
                let target = self.find_loop(label.as_ref());
                if let Some(v) = &b.expr {
                    match target.and_then(|i| self.loops[i].dests.clone()) {
                        Some(d) => self.assign_to(Dest::Vars(&d), v, out),
                        None => self.assign_to(Dest::Discard, v, out),
                    }
                }
                out.push(Stmt::Break(label));
            }
            SExpr::Continue(c) => out.push(Stmt::Continue(c.label.clone())),
            SExpr::Macro(m) if is_diverging_macro(&m.mac) => {
                let writes = self.macro_writes(&m.mac);
                out.push(Stmt::Opaque(quote!(#m;), writes));
            }
            _ => match dest {
                Dest::Discard => self.expr_stmt(e, out),
                Dest::Vars(vars) if vars.len() == 1 && self.vars[vars[0]].array => {
                    match self.array_value(e, out) {
                        Some(value) => out.push(Stmt::Assign {
                            var: vars[0],
                            value,
                        }),
                        None if matches!(e, SExpr::Call(_)) => self.cx.error_spanned(
                            e,
                            "assigning the `Vec` a function returns to an existing array is not supported by #[differentiable]: bind it to a new name and copy it (`let next = step(&u, dt); u.copy_from_slice(&next);`)",
                        ),
                        None => self.cx.error_spanned(
                            e,
                            "expected an array here: an array variable, `vec![x; n]`, `[x; N]`, `[a, b, ..]`, or `a.to_vec()` / `a.clone()` of an array variable",
                        ),
                    }
                }
                Dest::Vars(vars) if vars.len() == 1 => {
                    let value = self.expr(e, out);
                    out.push(Stmt::Assign {
                        var: vars[0],
                        value,
                    });
                }
                Dest::Vars(vars) => self.assign_tuple(vars, e, out),
            },
        }
    }

    fn assign_tuple(&mut self, vars: &[VarId], e: &SExpr, out: &mut Vec<Stmt>) {
        match e {
            SExpr::Tuple(t) if t.elems.len() == vars.len() => {
                // Evaluate every element before assigning any, so `(a, b) = (b, a + b)` works.
                let mut temps = Vec::new();
                for el in &t.elems {
                    let value = self.expr(el, out);
                    let tmp = self.temp("el");
                    out.push(Stmt::Let {
                        var: tmp,
                        mutable: false,
                        init: Some(value),
                    });
                    temps.push(tmp);
                }
                for (&v, &tmp) in vars.iter().zip(&temps) {
                    out.push(Stmt::Assign {
                        var: v,
                        value: Expr::Var(tmp),
                    });
                }
            }
            SExpr::Call(c) => {
                if let Some(call) = self.call(c, out) {
                    let temps: Vec<VarId> = vars.iter().map(|_| self.temp("out")).collect();
                    out.push(Stmt::Call {
                        dests: temps.clone(),
                        call,
                    });
                    for (&v, &tmp) in vars.iter().zip(&temps) {
                        out.push(Stmt::Assign {
                            var: v,
                            value: Expr::Var(tmp),
                        });
                    }
                }
            }
            SExpr::Paren(p) => self.assign_tuple(vars, &p.expr, out),
            other => self.cx.error_spanned(
                other,
                format!(
                    "expected a tuple of {} values here: write `(a, b, ..)` or call a function that returns the tuple",
                    vars.len()
                ),
            ),
        }
    }

    fn loop_body(&mut self, label: &Option<Lifetime>, dest: Dest, body: &syn::Block) -> Block {
        let dests = match dest {
            Dest::Vars(v) => Some(v.to_vec()),
            Dest::Discard => None,
        };
        self.loops.push(LoopCtx {
            label: label.as_ref().map(|l| l.ident.to_string()),
            dests,
        });
        let b = self.block(body, Dest::Discard);
        self.loops.pop();
        b
    }

    fn find_loop(&self, label: Option<&Lifetime>) -> Option<usize> {
        match label {
            None => self.loops.len().checked_sub(1),
            Some(l) => {
                let name = l.ident.to_string();
                self.loops
                    .iter()
                    .rposition(|c| c.label.as_deref() == Some(name.as_str()))
            }
        }
    }

    /// Iterator reductions in an `if` condition (`if x.iter().sum::<f64>() > 0.0`) are
    /// computed before it into locals of their own, as any float the condition reads: the
    /// condition itself stays as written, over plain values.
    fn hoist_reductions(&mut self, cond: &SExpr, out: &mut Vec<Stmt>) -> SExpr {
        struct Hoist<'p, 'a> {
            p: &'p Parser<'a>,
            found: Vec<(Ident, SExpr)>,
            base: usize,
        }
        impl syn::visit_mut::VisitMut for Hoist<'_, '_> {
            fn visit_expr_mut(&mut self, e: &mut SExpr) {
                if let SExpr::MethodCall(m) = &*e {
                    if self.p.desugar_reduce(m).is_some() {
                        let name = Ident::new(
                            &format!("__red{}", self.base + self.found.len()),
                            Span::mixed_site(),
                        );
                        self.found.push((name.clone(), e.clone()));
                        *e = syn::parse_quote!(#name);
                        return;
                    }
                }
                syn::visit_mut::visit_expr_mut(self, e);
            }
            // Closures and `let` patterns keep their own bindings.
            fn visit_expr_closure_mut(&mut self, _: &mut syn::ExprClosure) {}
            fn visit_expr_let_mut(&mut self, _: &mut syn::ExprLet) {}
            // The right operand of `&&` / `||` may not run (`i + 1 < n && x[i + 1] ..`).
            fn visit_expr_binary_mut(&mut self, b: &mut syn::ExprBinary) {
                self.visit_expr_mut(&mut b.left);
                if !matches!(b.op, syn::BinOp::And(_) | syn::BinOp::Or(_)) {
                    self.visit_expr_mut(&mut b.right);
                }
            }
        }
        let mut c = cond.clone();
        let mut h = Hoist {
            p: self,
            found: Vec::new(),
            base: self.vars.len(),
        };
        syn::visit_mut::VisitMut::visit_expr_mut(&mut h, &mut c);
        let found = h.found;
        for (name, chain) in found {
            let st: SStmt = syn::parse_quote!(let #name = #chain;);
            self.stmt(&st, out);
        }
        c
    }

    /// A condition, scrutinee or iterator: evaluated on primal values, never differentiated.
    fn condition(&mut self, e: &SExpr) -> TokenStream {
        self.in_condition = true;
        self.check_opaque(e, false);
        self.in_condition = false;
        e.to_token_stream()
    }

    fn bind_let_cond(&mut self, cond: &SExpr) {
        match cond {
            SExpr::Let(l) => {
                self.check_pattern_source(&l.pat, &l.expr);
                self.bind_pattern_names(&l.pat);
            }
            SExpr::Binary(b) => {
                self.bind_let_cond(&b.left);
                self.bind_let_cond(&b.right);
            }
            _ => {}
        }
    }

    /// Names a pattern binds (identifiers that are not constants or unit variants).
    fn pattern_binds(pat: &Pat) -> bool {
        struct Any(bool);
        impl<'ast> Visit<'ast> for Any {
            fn visit_pat_ident(&mut self, i: &'ast syn::PatIdent) {
                if !i.ident.to_string().starts_with(char::is_uppercase) {
                    self.0 = true;
                }
            }
        }
        let mut a = Any(false);
        a.visit_pat(pat);
        a.0
    }

    /// A pattern binding names to a value that carries a derivative would silently drop it:
    /// an error once the values it reads turn out active.
    fn check_pattern_source(&mut self, pat: &Pat, source: &SExpr) {
        if !Self::pattern_binds(pat) {
            return;
        }
        let mut reads = Vec::new();
        self.flow_reads(source, &mut reads);
        // A `for` over an iterator chain the rewriting doesn't handle: name the adapter.
        let msg = match self.unsupported_adapter(source) {
            Some(msg) => msg,
            None => "binding a pattern (`match`, `if let`, `for`) to a value computed from active inputs is not supported by #[differentiable]: bind it with `let`, or match on an integer derived from it (`x.floor() as i32`)".to_string(),
        };
        for v in reads {
            self.deferred.push(Deferred {
                var: v,
                blame: source.to_token_stream(),
                msg: msg.clone(),
            });
        }
    }

    /// Locals whose derivative would flow into the value of `e` (not through comparisons,
    /// integer casts or piecewise-constant methods).
    fn flow_reads(&self, e: &SExpr, reads: &mut Vec<VarId>) {
        match e {
            SExpr::Path(p) => {
                if let Some(v) = self.local_of_path(p) {
                    reads.push(v);
                }
            }
            SExpr::Lit(_) => {}
            SExpr::Paren(p) => self.flow_reads(&p.expr, reads),
            SExpr::Group(g) => self.flow_reads(&g.expr, reads),
            SExpr::Cast(c) => {
                if is_float_type(&c.ty, &self.sig.generics) {
                    self.flow_reads(&c.expr, reads);
                }
            }
            SExpr::Binary(b) => {
                if arith_op(&b.op).is_some() {
                    self.flow_reads(&b.left, reads);
                    self.flow_reads(&b.right, reads);
                }
            }
            SExpr::Unary(u) => {
                if matches!(u.op, syn::UnOp::Neg(_)) {
                    self.flow_reads(&u.expr, reads);
                }
            }
            SExpr::MethodCall(m) => {
                let n = m.method.to_string();
                if !(rules::is_piecewise_constant(&n)
                    || rules::is_non_float_query(&n)
                    || n == "len"
                    || n == "is_empty")
                {
                    self.flow_reads(&m.receiver, reads);
                    for a in &m.args {
                        self.flow_reads(a, reads);
                    }
                }
            }
            SExpr::Call(c) => {
                let stop = matches!(&*c.func, SExpr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "stop_gradient"));
                if !stop {
                    for a in &c.args {
                        self.flow_reads(a, reads);
                    }
                }
            }
            SExpr::Range(r) => {
                if let Some(a) = &r.start {
                    self.flow_reads(a, reads);
                }
                if let Some(b) = &r.end {
                    self.flow_reads(b, reads);
                }
            }
            other => self.collect_reads(other, reads),
        }
    }

    /// Names bound by a pattern the macro does not see into: inactive locals.
    fn bind_pattern_names(&mut self, pat: &Pat) {
        struct Names<'p>(Vec<&'p Ident>);
        impl<'ast> Visit<'ast> for Names<'ast> {
            fn visit_pat_ident(&mut self, i: &'ast syn::PatIdent) {
                self.0.push(&i.ident);
                if let Some((_, sub)) = &i.subpat {
                    self.visit_pat(sub);
                }
            }
        }
        let mut n = Names(Vec::new());
        n.visit_pat(pat);
        for ident in n.0 {
            // A path pattern like `None` or a constant also parses as an identifier pattern;
            // treating it as an inactive binding is harmless.
            let id = self.new_var(ident.clone(), None);
            self.vars[id].pattern_bound = true;
            self.declare(ident, id);
        }
    }

    // ----- expressions -----

    /// An expression in value position.
    fn expr(&mut self, e: &SExpr, out: &mut Vec<Stmt>) -> Expr {
        match e {
            SExpr::Paren(p) => self.expr(&p.expr, out),
            SExpr::Group(g) => self.expr(&g.expr, out),
            SExpr::Lit(l) => Expr::opaque(l.to_token_stream(), vec![], OpaqueKind::Const, l.to_token_stream()),
            SExpr::Path(p) => match self.local_of_path(p) {
                Some(v) if self.vars[v].array => self.opaque_value(
                    e,
                    OpaqueKind::Unsupported(
                        "an array of active values can't be used as a value here: index it, copy it into an array variable with `.to_vec()`, or pass it to a differentiable function by shared reference (`g(&u)`)".to_string(),
                    ),
                ),
                Some(v) => Expr::Var(v),
                None => Expr::opaque(p.to_token_stream(), vec![], OpaqueKind::Const, p.to_token_stream()),
            },
            SExpr::Unary(u) => match u.op {
                syn::UnOp::Neg(_) => Expr::Neg(Box::new(self.expr(&u.expr, out))),
                // `*r` of something computed from active values (`*x.last().unwrap()`): the
                // macro can't follow the reference back to an element, so no derivative would
                // flow. An error, not a silent zero.
                syn::UnOp::Deref(_) => self.opaque_value(
                    e,
                    OpaqueKind::Unsupported(format!(
                        "reading an active value through a reference (`{}`) is not supported by #[differentiable]: index the array instead (`x[i]`, `x[x.len() - 1]`), or bind elements by value (`for &v in x.iter()`, `.copied()`)",
                        pretty(e)
                    )),
                ),
                _ => self.opaque_value(e, OpaqueKind::Inactive),
            },
            SExpr::Binary(b) => match arith_op(&b.op) {
                Some(op) => {
                    let l = self.expr(&b.left, out);
                    let r = self.expr(&b.right, out);
                    Expr::Binary(op, Box::new(l), Box::new(r))
                }
                // Comparisons and logic: booleans, no derivative.
                None => self.opaque_value(e, OpaqueKind::Inactive),
            },
            SExpr::Cast(c) => {
                if is_float_type(&c.ty, &self.sig.generics) {
                    Expr::Cast(Box::new(self.expr(&c.expr, out)), (*c.ty).clone())
                } else {
                    // To an integer: the derivative is zero.
                    self.opaque_value(e, OpaqueKind::Inactive)
                }
            }
            SExpr::MethodCall(m) => self.method_call(m, out),
            SExpr::Call(c) => self.call_expr(c, out),
            SExpr::If(_)
            | SExpr::Match(_)
            | SExpr::Block(_)
            | SExpr::Loop(_)
            | SExpr::Unsafe(_) => {
                let t = self.temp("v");
                out.push(Stmt::Let {
                    var: t,
                    mutable: true,
                    init: None,
                });
                self.assign_to(Dest::Vars(&[t]), e, out);
                Expr::Var(t)
            }
            SExpr::Closure(_) => {
                self.cx.error_spanned(
                    e,
                    "closures are not supported in #[differentiable] functions: write the closure's body as a helper function with #[differentiable] and call it",
                );
                Expr::opaque(quote!(0), vec![], OpaqueKind::Const, TokenStream::new())
            }
            SExpr::Tuple(_) => {
                self.cx.error_spanned(
                    e,
                    "a tuple is not supported here: tuples of floats may be returned, assigned to a tuple of locals, or destructured with `let (a, b) = ..`",
                );
                Expr::opaque(quote!(0), vec![], OpaqueKind::Const, TokenStream::new())
            }
            // `&x` of an active local is reported by `check_opaque`; a reference to part of
            // one (`&p.inner`, `&x[3]`) would hide the reads behind it from the derivative.
            SExpr::Reference(r) if matches!(&*r.expr, SExpr::Path(_)) => {
                self.opaque_value(e, OpaqueKind::Inactive)
            }
            SExpr::Reference(r) => {
                let shown = pretty(e);
                let on_struct = self
                    .root_local(&r.expr)
                    .is_some_and(|v| self.struct_params.contains(&v));
                let msg = match &*r.expr {
                    SExpr::Field(_) if on_struct => format!(
                        "a reference to part of a struct argument (`{shown}`) can't be kept in a variable by #[differentiable]: pass it directly where it is used (`layer({shown}, x)`, `g(&p.w[..])` for an array field), or read the value (`{}.b`)",
                        pretty(&r.expr)
                    ),
                    SExpr::Index(ix) if matches!(&*ix.index, SExpr::Range(_)) => format!(
                        "a sub-slice of an active array (`{shown}`) is not supported by #[differentiable]: pass the whole array (`&{}`) and the bounds as integer arguments, and index with an offset",
                        pretty(&ix.expr)
                    ),
                    _ => format!(
                        "a reference to part of an active value (`{shown}`) is not supported by #[differentiable]: read the value where it is needed (`{}`, `p.inner.w[i]`), or copy a float out (`let b = p.b;`)",
                        pretty(&r.expr)
                    ),
                };
                if self
                    .root_local(&r.expr)
                    .is_some_and(|v| self.struct_params.contains(&v))
                {
                    self.cx.error_spanned(e, msg);
                    return Expr::opaque(quote!(0), vec![], OpaqueKind::Const, TokenStream::new());
                }
                self.opaque_value(e, OpaqueKind::Unsupported(msg))
            }
            SExpr::RawAddr(_) => self.opaque_value(e, OpaqueKind::Inactive),
            SExpr::Macro(m) => {
                let kind = OpaqueKind::Unsupported(format!(
                    "the macro `{}!` is opaque to #[differentiable] and receives an active value: compute the value outside the macro, or wrap the argument in `oxidiff::stop_gradient(..)`",
                    m.mac.path.to_token_stream()
                ));
                self.opaque_value(e, kind)
            }
            SExpr::Field(_) if self.struct_field(e).is_some() => {
                let (v, path) = self.struct_field(e).unwrap_or_default();
                Expr::Field(v, path)
            }
            SExpr::Index(ix) if self.struct_field(&ix.expr).is_some() => {
                let (v, path) = self.struct_field(&ix.expr).unwrap_or_default();
                let index = self.index_opaque(&ix.index);
                Expr::FieldIndex(v, path, index)
            }
            SExpr::Field(_) if self.struct_field(e).is_some() => {
                let (v, path) = self.struct_field(e).unwrap_or_default();
                Expr::Field(v, path)
            }
            SExpr::Index(ix) if self.struct_field(&ix.expr).is_some() => {
                let (v, path) = self.struct_field(&ix.expr).unwrap_or_default();
                let index = self.index_opaque(&ix.index);
                Expr::FieldIndex(v, path, index)
            }
            SExpr::Index(ix) if self.array_var(&ix.expr).is_some() => {
                let a = self.array_var(&ix.expr).unwrap_or_default();
                let index = self.index_opaque(&ix.index);
                Expr::Index(a, index)
            }
            // `p.layers[i].w[j]`: an element of an array of structs.
            SExpr::Index(_) | SExpr::Field(_)
                if self.indexes_inside(e)
                    && self
                        .root_local(e)
                        .is_some_and(|v| self.struct_params.contains(&v)) =>
            {
                // An error here, not when the argument turns out active: read only this way,
                // it would not (its gradient would silently be left out).
                self.cx.error_spanned(
                    e,
                    format!(
                        "arrays of structs (`{}`) are not supported by #[differentiable]: give each struct a field of its own (`l1: Layer, l2: Layer`) and pass them to a function taking `&Layer`, or keep the floats in flat `Vec<f64>` fields indexed `w[i * n + j]`",
                        pretty(e)
                    ),
                );
                Expr::opaque(quote!(0.0), vec![], OpaqueKind::Const, TokenStream::new())
            }
            SExpr::Index(_) | SExpr::Field(_) | SExpr::Array(_) | SExpr::Repeat(_) => self
                .opaque_value(
                    e,
                    OpaqueKind::Unsupported(
                        "fields, tuple elements and indexing of non-array values are not supported on active values by #[differentiable]: keep active values in float locals or in arrays (`vec![..]`, `[..; N]`, slices)".to_string(),
                    ),
                ),
            SExpr::Return(_) | SExpr::Break(_) | SExpr::Continue(_) => {
                self.assign_to(Dest::Discard, e, out);
                Expr::opaque(quote!(unreachable!()), vec![], OpaqueKind::Const, TokenStream::new())
            }
            _ => self.opaque_value(
                e,
                OpaqueKind::Unsupported(
                    "this expression is not supported on active values by #[differentiable]: compute the value with float arithmetic in local variables, or move it into a helper function with #[custom_vjp]"
                        .to_string(),
                ),
            ),
        }
    }

    fn opaque_value(&mut self, e: &SExpr, kind: OpaqueKind) -> Expr {
        // A literal (`2` in `x.powi(2)`) is a constant the pullback can re-evaluate.
        let literal = match e {
            SExpr::Lit(_) => true,
            SExpr::Unary(u) => {
                matches!(u.op, syn::UnOp::Neg(_)) && matches!(&*u.expr, SExpr::Lit(_))
            }
            _ => false,
        };
        let kind = if literal && kind == OpaqueKind::Inactive {
            OpaqueKind::Const
        } else {
            kind
        };
        self.check_opaque(e, true);
        let mut reads = Vec::new();
        self.collect_reads(e, &mut reads);
        Expr::opaque(e.to_token_stream(), reads, kind, e.to_token_stream())
    }

    fn method_call(&mut self, m: &syn::ExprMethodCall, out: &mut Vec<Stmt>) -> Expr {
        let name = m.method.to_string();
        let e = SExpr::MethodCall(m.clone());
        // `return` in a `map`/`fold` closure leaves the closure; rewritten into a loop it would
        // leave the function.
        if chain_closure_returns(m) {
            return self.opaque_value(
                &e,
                OpaqueKind::Unsupported(
                    "`return` inside a closure of an iterator chain is not supported by #[differentiable]: make the closure's value an `if`/`else` expression, or write a `for` loop".to_string(),
                ),
            );
        }
        if let Some(d) = self.desugar_reduce(m) {
            return self.expr(&d, out);
        }
        if let Some(msg) = self.unsupported_adapter(&e) {
            return self.opaque_value(&e, OpaqueKind::Unsupported(msg));
        }
        if matches!(name.as_str(), "sum" | "product" | "fold") && self.chain_over_data(&m.receiver)
        {
            return self.opaque_value(
                &e,
                OpaqueKind::Unsupported(format!(
                    "this iterator chain is not supported by #[differentiable] in this arrangement (its adapters are, but `enumerate` comes after the `zip`s, as in `x.iter().zip(y).enumerate()`, `zip` takes an array or its plain `iter()`/`par_iter()`, and the `map`s come last, before `{name}`): write a `for` loop over the indices"
                )),
            );
        }
        if self.array_var(&m.receiver).is_some() {
            return match name.as_str() {
                "len" | "is_empty" => self.opaque_value(&e, OpaqueKind::Inactive),
                _ => self.opaque_value(
                    &e,
                    OpaqueKind::Unsupported(format!(
                        "`{name}` on an array of active values is not supported by #[differentiable]: index it in a loop, or use `iter()` with `map`/`zip`/`enumerate` and `sum`/`product`/`fold`"
                    )),
                ),
            };
        }
        if let Some(p) = rules::by_name(&name) {
            let rule = rules::rule(p);
            if m.args.len() + 1 == rule.arity {
                let mut args = vec![self.expr(&m.receiver, out)];
                for (i, a) in m.args.iter().enumerate() {
                    if rule.int_arg == Some(i + 1) {
                        args.push(self.opaque_value(a, OpaqueKind::Inactive));
                    } else {
                        args.push(self.expr(a, out));
                    }
                }
                return Expr::Prim(p, args, m.method.span());
            }
        }
        if rules::is_piecewise_constant(&name) || rules::is_non_float_query(&name) {
            return self.opaque_value(&e, OpaqueKind::Inactive);
        }
        if (name == "clone" || name == "to_owned") && m.args.is_empty() {
            return self.expr(&m.receiver, out);
        }
        // `p.w.len()`: an integer.
        if (name == "len" || name == "is_empty")
            && m.args.is_empty()
            && self.is_struct_field(&m.receiver)
        {
            return self.opaque_value(&e, OpaqueKind::Inactive);
        }
        // `x[1..].iter()..`: a chain over a sub-slice.
        let mut base = &m.receiver;
        while let SExpr::MethodCall(r) = &**base {
            base = &r.receiver;
        }
        if let SExpr::Index(ix) = &**base {
            if matches!(&*ix.index, SExpr::Range(_)) && self.array_var(&ix.expr).is_some() {
                return self.opaque_value(
                    &e,
                    OpaqueKind::Unsupported(format!(
                        "iterating over a sub-slice of an active array (`{}`) is not supported by #[differentiable]: loop over the indices (`for i in 1..x.len() {{ .. x[i] .. }}`)",
                        pretty(base)
                    )),
                );
            }
        }
        if let Some(call) = self.method_as_call(m) {
            return self.call_expr(&call, out);
        }
        if let Some(v) = self
            .root_local(&m.receiver)
            .filter(|v| self.struct_params.contains(v))
        {
            let n = &self.vars[v].name;
            let msg = if matches!(&*m.receiver, SExpr::Field(_)) {
                format!(
                    "`.{name}(..)` on a field of the struct argument `{n}` is not supported by #[differentiable]: read its elements where needed (`{n}.w[i]`), iterate over it (`{n}.w.iter()`), or pass a struct field to a function taking `&S` (`helper(&{n}.inner, x)`)"
                )
            } else {
                format!(
                    "calling `.{name}(..)` on a copy of the struct argument `{n}` is not supported by #[differentiable]: call it on the argument itself (`{n}.{name}(..)`)"
                )
            };
            self.cx.error_spanned(&e, msg);
            return Expr::opaque(quote!(0), vec![], OpaqueKind::Const, TokenStream::new());
        }
        self.opaque_value(
            &e,
            OpaqueKind::Unsupported(format!(
                "`{name}` has no derivative rule in #[differentiable]: use a supported float method, compute it in a function with #[differentiable] or #[custom_vjp], or wrap the value in `oxidiff::stop_gradient(..)`"
            )),
        )
    }

    fn is_float_prefix(&self, seg: &syn::PathSegment) -> bool {
        let s = seg.ident.to_string();
        s == "f32"
            || s == "f64"
            || s == "Float"
            || s == "Real"
            || self
                .sig
                .generics
                .type_params()
                .any(|p| p.ident == seg.ident)
    }

    fn call_expr(&mut self, c: &syn::ExprCall, out: &mut Vec<Stmt>) -> Expr {
        let e = SExpr::Call(c.clone());
        let SExpr::Path(fp) = &*c.func else {
            return self.opaque_value(
                &e,
                OpaqueKind::Unsupported(
                    "calling a closure or function value is not supported on active values: call a named function with #[differentiable]".to_string(),
                ),
            );
        };
        let segs = &fp.path.segments;
        let last = segs.last().map(|s| s.ident.to_string()).unwrap_or_default();
        if last == "stop_gradient" {
            return self.opaque_value(&e, OpaqueKind::Inactive);
        }
        if segs.len() >= 2 && fp.qself.is_none() {
            let prefix = &segs[segs.len() - 2];
            if self.is_float_prefix(prefix) {
                if let Some(p) = rules::by_name(&last) {
                    let rule = rules::rule(p);
                    if c.args.len() == rule.arity {
                        let mut args = Vec::new();
                        for (i, a) in c.args.iter().enumerate() {
                            if rule.int_arg == Some(i) {
                                args.push(self.opaque_value(a, OpaqueKind::Inactive));
                            } else {
                                args.push(self.expr(a, out));
                            }
                        }
                        return Expr::Prim(p, args, c.span());
                    }
                }
                if rules::is_piecewise_constant(&last) || rules::is_non_float_query(&last) {
                    return self.opaque_value(&e, OpaqueKind::Inactive);
                }
                // Constructors and conversions: `T::from_f64(0.5)`, `f64::from(n)`, `T::zero()`.
                let mut reads = Vec::new();
                self.collect_reads(&e, &mut reads);
                self.check_opaque(&e, true);
                let kind = if reads.is_empty() {
                    OpaqueKind::Const
                } else {
                    OpaqueKind::Unsupported(format!(
                        "`{last}` has no derivative rule: converting an active value this way would drop its derivative; use `as` or arithmetic, or wrap it in `oxidiff::stop_gradient(..)`"
                    ))
                };
                return Expr::opaque(e.to_token_stream(), reads, kind, c.to_token_stream());
            }
            // `T::from(0.5).unwrap()` is a method call; other associated functions of
            // non-float types (`i32::pow`) fall through to a plain call below.
        }
        if last.starts_with(char::is_uppercase) {
            return self.opaque_value(
                &e,
                OpaqueKind::Unsupported(format!(
                    "`{last}(..)` builds a value that can't carry a derivative (an enum variant or tuple struct): keep active values in float locals"
                )),
            );
        }
        match self.call(c, out) {
            Some(call) => {
                let t = self.temp("call");
                out.push(Stmt::Call {
                    dests: vec![t],
                    call,
                });
                Expr::Var(t)
            }
            None => Expr::opaque(quote!(0), vec![], OpaqueKind::Const, TokenStream::new()),
        }
    }

    /// A call to a named function: differentiated through its generated derivatives if any
    /// argument is active.
    fn call(&mut self, c: &syn::ExprCall, out: &mut Vec<Stmt>) -> Option<Call> {
        let SExpr::Path(fp) = &*c.func else {
            self.cx.error_spanned(
                &c.func,
                "#[differentiable] can only call named functions here: call the function by its path (`g(x)` or `module::g(x)`)",
            );
            return None;
        };
        if fp.qself.is_some() {
            self.cx.error_spanned(
                fp,
                "qualified paths (`<T as Trait>::f`) are not supported in calls on active values",
            );
            return None;
        }
        let mut path = fp.path.clone();
        let last = path.segments.pop()?.into_value();
        let prefix = path.to_token_stream();
        let generics = match &last.arguments {
            syn::PathArguments::None => TokenStream::new(),
            syn::PathArguments::AngleBracketed(a) => {
                let args = &a.args;
                quote!(::<#args>)
            }
            syn::PathArguments::Parenthesized(p) => {
                self.cx
                    .error_spanned(p, "unexpected parenthesized arguments in a call path");
                return None;
            }
        };
        // A struct argument passed on by value (`g(p.clone(), x)`, `g(&p.inner.clone(), x)`).
        for a in &c.args {
            let mut inner = a;
            while let SExpr::Reference(r) = inner {
                inner = &r.expr;
            }
            let SExpr::MethodCall(m) = strip_parens(inner) else {
                continue;
            };
            if m.method != "clone" || !m.args.is_empty() {
                continue;
            }
            if let Some(v) = self
                .root_local(&m.receiver)
                .filter(|v| self.struct_params.contains(v))
            {
                let n = &self.vars[v].name;
                let msg = format!(
                    "passing the struct argument `{n}` by value to another function is not supported by #[differentiable]: pass it by shared reference (`g(&{n}, x)`, `g(&{n}.inner, x)`) to a function taking `&S`"
                );
                self.cx.error_spanned(a, msg);
                return None;
            }
        }
        let args = c
            .args
            .iter()
            .map(|a| match self.array_arg(a) {
                Some((v, mutable)) => {
                    if mutable {
                        self.vars[v].reassigned = true;
                    }
                    Expr::ArrayArg(v, mutable)
                }
                None => match self.field_array_arg(a) {
                    Some((v, path)) => Expr::FieldArrayArg(v, path),
                    None => match self.struct_arg(a) {
                        Some((v, path)) => Expr::StructArg(v, path),
                        None => self.expr(a, out),
                    },
                },
            })
            .collect();
        Some(Call {
            prefix,
            name: last.ident,
            generics,
            args,
            span: c.span(),
        })
    }

    /// An array passed by reference, and whether by `&mut`: `&u`, `&u[..]`, `&mut u`,
    /// `&mut u[..]`, or a slice parameter `x` itself.
    fn array_arg(&self, a: &SExpr) -> Option<(VarId, bool)> {
        let array_var = |e: &SExpr| self.array_var(e);
        match a {
            SExpr::Paren(p) => self.array_arg(&p.expr),
            SExpr::Group(g) => self.array_arg(&g.expr),
            SExpr::Path(_) => {
                let v = array_var(a)?;
                match self.sig.params[self.vars[v].param?].array {
                    Some(crate::sig::ArrayTy::Slice) => Some((v, false)),
                    Some(crate::sig::ArrayTy::SliceMut) => Some((v, true)),
                    _ => None,
                }
            }
            SExpr::Reference(r) => {
                let v = match &*r.expr {
                    SExpr::Index(ix) => match &*ix.index {
                        SExpr::Range(rg) if rg.start.is_none() && rg.end.is_none() => {
                            array_var(&ix.expr)
                        }
                        _ => None,
                    },
                    inner => array_var(inner),
                }?;
                Some((v, r.mutability.is_some()))
            }
            _ => None,
        }
    }

    /// A method called on `self` or on a struct argument, as the call it is:
    /// `self.other(x)` → `Self::other(self, x)`, `p.method(x)` → `Type::method(p, x)`,
    /// differentiated through the method's derivatives like any call with a struct argument.
    fn method_as_call(&self, m: &syn::ExprMethodCall) -> Option<syn::ExprCall> {
        let SExpr::Path(p) = &*m.receiver else {
            return None;
        };
        let v = self
            .local_of_path(p)
            .filter(|v| self.struct_params.contains(v))?;
        let (method, turbofish) = (&m.method, &m.turbofish);
        let args = m.args.iter();
        if p.path.is_ident("self") {
            return Some(syn::parse_quote_spanned!(m.method.span()=>
                Self::#method #turbofish (self, #(#args),*)
            ));
        }
        let mut ty = self.vars[v]
            .param
            .and_then(|i| self.sig.params[i].structure.as_ref())
            .filter(|s| s.by_ref)
            .and_then(|s| match &s.inner {
                syn::Type::Path(tp) if tp.qself.is_none() => Some(tp.path.clone()),
                _ => None,
            })?;
        // `Model<T>` as a path to call through: `Model::<T>::method`.
        if let Some(last) = ty.segments.last_mut() {
            if let syn::PathArguments::AngleBracketed(a) = &mut last.arguments {
                a.colon2_token = Some(Default::default());
            }
        }
        let recv = &m.receiver;
        Some(syn::parse_quote_spanned!(m.method.span()=>
            #ty::#method #turbofish (#recv, #(#args),*)
        ))
    }

    /// Whether an `if`, `match` or block yields an array value in some branch.
    fn array_valued_branch(&self, e: &SExpr) -> bool {
        let tail_is_array = |b: &syn::Block| match b.stmts.last() {
            Some(SStmt::Expr(t, None)) => self.array_valued_branch(t) || self.looks_like_array(t),
            _ => false,
        };
        match e {
            SExpr::Paren(p) => self.array_valued_branch(&p.expr),
            SExpr::If(i) => {
                tail_is_array(&i.then_branch)
                    || i.else_branch.as_ref().is_some_and(|(_, e)| {
                        self.array_valued_branch(e) || self.looks_like_array(e)
                    })
            }
            SExpr::Block(b) => tail_is_array(&b.block),
            SExpr::Match(m) => m
                .arms
                .iter()
                .any(|a| self.array_valued_branch(&a.body) || self.looks_like_array(&a.body)),
            _ => false,
        }
    }

    /// `vec![..]`, `[..]`, `x.to_vec()`, `x.clone()` of an array variable.
    fn looks_like_array(&self, e: &SExpr) -> bool {
        match e {
            SExpr::Paren(p) => self.looks_like_array(&p.expr),
            SExpr::Block(b) => {
                matches!(b.block.stmts.last(), Some(SStmt::Expr(t, None)) if self.looks_like_array(t))
            }
            SExpr::Repeat(_) | SExpr::Array(_) => true,
            SExpr::Macro(m) => m.mac.path.is_ident("vec"),
            SExpr::MethodCall(m) => {
                (m.method == "to_vec" || m.method == "clone")
                    && self.array_var(&m.receiver).is_some()
            }
            _ => false,
        }
    }

    /// Whether a place has an index below a field (`a[i].b`, `a[i].b[j]`).
    fn indexes_inside(&self, e: &SExpr) -> bool {
        let mut cur = e;
        let mut field_seen = false;
        loop {
            match cur {
                SExpr::Field(f) => {
                    field_seen = true;
                    cur = &f.base;
                }
                SExpr::Index(_) if field_seen => return true,
                SExpr::Index(ix) => cur = &ix.expr,
                SExpr::Paren(p) => cur = &p.expr,
                _ => return false,
            }
        }
    }

    /// A struct argument passed on by shared reference: `p` (taken by reference), `&p`, or
    /// `&p.inner` (a struct field of it): the parameter and the field path (empty for `p`).
    fn struct_arg(&mut self, a: &SExpr) -> Option<(VarId, TokenStream)> {
        match a {
            SExpr::Paren(p) => self.struct_arg(&p.expr),
            SExpr::Group(g) => self.struct_arg(&g.expr),
            SExpr::Path(p) => {
                let v = self.local_of_path(p)?;
                let by_ref = self.vars[v]
                    .param
                    .and_then(|i| self.sig.params[i].structure.as_ref())
                    .is_some_and(|s| s.by_ref);
                (self.struct_params.contains(&v) && by_ref).then(|| {
                    self.mark_struct_used(v);
                    (v, TokenStream::new())
                })
            }
            SExpr::Reference(r) if r.mutability.is_none() => match &*r.expr {
                SExpr::Path(p) => {
                    let v = self
                        .local_of_path(p)
                        .filter(|v| self.struct_params.contains(v))?;
                    self.mark_struct_used(v);
                    Some((v, TokenStream::new()))
                }
                inner @ SExpr::Field(_) => self.struct_field(inner),
                _ => None,
            },
            _ => None,
        }
    }

    /// An array field of a struct argument passed as a slice: `&p.w[..]`.
    fn field_array_arg(&mut self, a: &SExpr) -> Option<(VarId, TokenStream)> {
        match a {
            SExpr::Paren(p) => self.field_array_arg(&p.expr),
            SExpr::Reference(r) if r.mutability.is_none() => match &*r.expr {
                SExpr::Index(ix) => match &*ix.index {
                    SExpr::Range(rg) if rg.start.is_none() && rg.end.is_none() => {
                        self.struct_field(&ix.expr)
                    }
                    _ => None,
                },
                _ => None,
            },
            _ => None,
        }
    }

    fn mark_struct_used(&mut self, v: VarId) {
        if let Some(i) = self.vars[v].param {
            if !self.structs_used.contains(&i) {
                self.structs_used.push(i);
            }
        }
    }

    /// A call in statement position that updates an array in place (`step(&mut u, dt);`).
    fn updates_array(&self, c: &syn::ExprCall) -> bool {
        c.args
            .iter()
            .any(|a| matches!(self.array_arg(a), Some((_, true))))
    }

    // ----- checks on code kept opaque -----

    /// Locals read by an expression.
    fn collect_reads(&self, e: &SExpr, reads: &mut Vec<VarId>) {
        struct Reads<'p, 'a> {
            p: &'p Parser<'a>,
            reads: &'p mut Vec<VarId>,
        }
        impl<'ast> Visit<'ast> for Reads<'_, '_> {
            fn visit_expr_path(&mut self, e: &'ast syn::ExprPath) {
                if let Some(v) = self.p.local_of_path(e) {
                    self.reads.push(v);
                }
            }
            fn visit_macro(&mut self, m: &'ast syn::Macro) {
                self.p.macro_reads(&m.tokens, self.reads);
            }
        }
        Reads { p: self, reads }.visit_expr(e);
    }

    fn macro_reads(&self, tokens: &TokenStream, reads: &mut Vec<VarId>) {
        for tt in tokens.clone() {
            match tt {
                TokenTree::Ident(i) => {
                    if let Some(v) = self.lookup(&i.to_string()) {
                        reads.push(v);
                    }
                }
                TokenTree::Group(g) => self.macro_reads(&g.stream(), reads),
                TokenTree::Literal(l) => {
                    // Inline format arguments: "{x}" reads x.
                    let s = l.to_string();
                    if s.starts_with('"') {
                        for part in s.split('{').skip(1) {
                            let name: String = part
                                .chars()
                                .take_while(|c| c.is_alphanumeric() || *c == '_')
                                .collect();
                            if let Some(v) = self.lookup(&name) {
                                reads.push(v);
                            }
                        }
                    }
                }
                TokenTree::Punct(_) => {}
            }
        }
    }

    fn check_opaque_item(&mut self, item: &syn::Item) {
        match item {
            syn::Item::Const(_)
            | syn::Item::Static(_)
            | syn::Item::Use(_)
            | syn::Item::Fn(_)
            | syn::Item::Struct(_)
            | syn::Item::Enum(_)
            | syn::Item::Type(_) => {}
            other => self.cx.error_spanned(
                other,
                "this item is not supported inside a #[differentiable] function: move it outside",
            ),
        }
    }

    /// Rejects what can never be differentiated inside code kept as written: closures that
    /// capture active values, `unsafe`, raw pointers, `async`, `?`, and control flow that would
    /// leave the function from inside an expression.
    fn check_opaque(&mut self, e: &SExpr, value_position: bool) {
        struct Check<'p, 'a> {
            p: &'p mut Parser<'a>,
            value_position: bool,
        }
        impl<'ast> Visit<'ast> for Check<'_, '_> {
            fn visit_expr_closure(&mut self, c: &'ast syn::ExprClosure) {
                if self.p.in_condition {
                    return;
                }
                let mut reads = Vec::new();
                self.p.collect_reads(&c.body, &mut reads);
                for v in reads {
                    self.p.deferred.push(Deferred {
                        var: v,
                        blame: c.to_token_stream(),
                        msg: "closures are not supported on active values in #[differentiable] functions: write the closure's body as a helper function with #[differentiable] and call it".to_string(),
                    });
                }
            }
            fn visit_expr_unsafe(&mut self, u: &'ast syn::ExprUnsafe) {
                self.p.cx.error_spanned(
                    u.unsafe_token,
                    "`unsafe` blocks are not supported in #[differentiable] functions: move the unsafe code into a helper and give it #[custom_vjp]",
                );
            }
            fn visit_expr_async(&mut self, a: &'ast syn::ExprAsync) {
                self.p.cx.error_spanned(
                    a.async_token,
                    "`async` blocks are not supported in #[differentiable] functions: compute the value synchronously, or differentiate a synchronous helper",
                );
            }
            fn visit_expr_await(&mut self, a: &'ast syn::ExprAwait) {
                self.p.cx.error_spanned(
                    a.await_token,
                    "`.await` is not supported in #[differentiable] functions: await outside the differentiated function and pass the value in",
                );
            }
            fn visit_expr_try(&mut self, t: &'ast syn::ExprTry) {
                self.p.cx.error_spanned(
                    t.question_token,
                    "the `?` operator is not supported in #[differentiable] functions: handle the error with `match`",
                );
            }
            fn visit_expr_raw_addr(&mut self, r: &'ast syn::ExprRawAddr) {
                self.p.cx.error_spanned(
                    r,
                    "raw pointers are not supported in #[differentiable] functions: pass values, slices (`&[f64]`) or arrays",
                );
            }
            fn visit_type_ptr(&mut self, t: &'ast syn::TypePtr) {
                self.p.cx.error_spanned(
                    t,
                    "raw pointers are not supported in #[differentiable] functions: pass values, slices (`&[f64]`) or arrays",
                );
            }
            fn visit_expr_reference(&mut self, r: &'ast syn::ExprReference) {
                // `&mut u[1..3]` / `&u[a..b]`: a sub-slice hides which elements it covers.
                if let SExpr::Index(ix) = &*r.expr {
                    if matches!(&*ix.index, SExpr::Range(_)) {
                        if let Some(v) = self.p.root_local(&ix.expr) {
                            self.p.deferred.push(Deferred {
                                var: v,
                                blame: r.to_token_stream(),
                                msg: format!(
                                    "a sub-slice of an active array (`{}`) is not supported by #[differentiable]: pass the whole array (`{}{}`) and the bounds as integer arguments, and index with an offset",
                                    pretty(&SExpr::Reference(r.clone())),
                                    if r.mutability.is_some() { "&mut " } else { "&" },
                                    pretty(&ix.expr)
                                ),
                            });
                        }
                    }
                }
                if let SExpr::Path(p) = &*r.expr {
                    if let Some(v) = self.p.local_of_path(p) {
                        if r.mutability.is_some() || self.value_position {
                            self.p.deferred.push(Deferred {
                                var: v,
                                blame: r.to_token_stream(),
                                msg: format!(
                                    "references to active locals are not supported by #[differentiable] (`{}`): pass the value, or return the new value instead of writing through `&mut`",
                                    pretty(&SExpr::Reference(r.clone()))
                                ),
                            });
                        }
                    }
                }
                syn::visit::visit_expr_reference(self, r);
            }
            fn visit_expr_return(&mut self, r: &'ast syn::ExprReturn) {
                self.p.cx.error_spanned(
                    r,
                    "`return` inside this expression is not supported by #[differentiable]: use an `if` statement",
                );
            }
            fn visit_expr_assign(&mut self, a: &'ast syn::ExprAssign) {
                let mut reads = Vec::new();
                self.p.collect_reads(&a.left, &mut reads);
                for v in reads {
                    self.p.deferred.push(Deferred {
                        var: v,
                        blame: a.to_token_stream(),
                        msg: "assignment inside an expression is not supported on active values: write it as a statement".to_string(),
                    });
                }
                syn::visit::visit_expr_assign(self, a);
            }
        }
        Check {
            p: self,
            value_position,
        }
        .visit_expr(e);
    }
}

pub(crate) fn arith_op(op: &syn::BinOp) -> Option<BinOp> {
    Some(match op {
        syn::BinOp::Add(_) => BinOp::Add,
        syn::BinOp::Sub(_) => BinOp::Sub,
        syn::BinOp::Mul(_) => BinOp::Mul,
        syn::BinOp::Div(_) => BinOp::Div,
        syn::BinOp::Rem(_) => BinOp::Rem,
        _ => return None,
    })
}

pub(crate) fn compound_op(op: &syn::BinOp) -> Option<BinOp> {
    Some(match op {
        syn::BinOp::AddAssign(_) => BinOp::Add,
        syn::BinOp::SubAssign(_) => BinOp::Sub,
        syn::BinOp::MulAssign(_) => BinOp::Mul,
        syn::BinOp::DivAssign(_) => BinOp::Div,
        syn::BinOp::RemAssign(_) => BinOp::Rem,
        _ => return None,
    })
}

fn binop_assign_token(op: Option<BinOp>) -> syn::BinOp {
    let s = Span::call_site();
    match op {
        Some(BinOp::Add) => syn::BinOp::AddAssign(syn::Token![+=](s)),
        Some(BinOp::Sub) => syn::BinOp::SubAssign(syn::Token![-=](s)),
        Some(BinOp::Mul) => syn::BinOp::MulAssign(syn::Token![*=](s)),
        Some(BinOp::Div) => syn::BinOp::DivAssign(syn::Token![/=](s)),
        Some(BinOp::Rem) => syn::BinOp::RemAssign(syn::Token![%=](s)),
        None => syn::BinOp::AddAssign(syn::Token![+=](s)),
    }
}

fn is_diverging_macro(m: &syn::Macro) -> bool {
    m.path
        .segments
        .last()
        .map(|s| {
            let n = s.ident.to_string();
            matches!(
                n.as_str(),
                "panic" | "unreachable" | "todo" | "unimplemented"
            )
        })
        .unwrap_or(false)
}

/// An expression as a person writes it, for messages: `&x[1..]`, not `& x [1 ..]`.
fn pretty(e: &SExpr) -> String {
    let s = e.to_token_stream().to_string();
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let prev = if i > 0 { chars[i - 1] } else { ' ' };
            let next = chars.get(i + 1).copied().unwrap_or(' ');
            let glue_after = matches!(prev, '&' | '*' | '(' | '[' | '.' | '!' | ':');
            let glue_before = matches!(next, '[' | ']' | '(' | ')' | '.' | ',' | ';' | ':' | '?');
            if glue_after || glue_before {
                continue;
            }
        }
        out.push(c);
    }
    out
}
