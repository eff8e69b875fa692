//! Reverse mode: the VJP.
//!
//! The forward pass is the function as written, with every active expression split into
//! primitive steps whose results are named. The body is cut into *segments*, maximal runs of
//! straight-line statements. At the end of each segment the values its adjoint will read are
//! pushed as one tuple on that segment's typed [`Stack`](oxidiff_core::Stack), and the segment's
//! id on a control stack (Tapenade's push/pop): memory grows with the values saved, and the
//! path taken through branches and loops — data-dependent `while` loops included — is replayed
//! exactly. The pullback pops segment ids and runs each segment's adjoint statements in
//! reverse. A function without control flow needs no stacks: its pullback closure captures the
//! named values directly.

use proc_macro2::TokenStream;
use quote::quote;
use syn::Ident;

use crate::gen::{binop_tokens, control, is_simple, nested_blocks, Gen};
use crate::ir::*;

/// A step of an active expression in the forward pass, kept for its adjoint.
struct Node {
    kind: NodeKind,
    /// How the adjoint code reads the step's primal value.
    handle: TokenStream,
    /// The forward-pass name of that value, if it must be saved for the adjoint to read it.
    saved: Option<Ident>,
    active: bool,
}

enum NodeKind {
    Var(VarId),
    Const,
    Neg(Box<Node>),
    Bin(BinOp, Box<Node>, Box<Node>),
    Prim(crate::rules::Prim, Vec<Node>),
    Cast(Box<Node>),
}

#[derive(Default)]
struct Segment {
    /// Saved values, in order of definition.
    saved: Vec<Ident>,
    /// Adjoint code of each statement, in forward order.
    adjoint: Vec<TokenStream>,
}

pub struct Reverse<'g, 'a> {
    g: &'g Gen<'a>,
    /// Without control flow, everything is in scope for the pullback: no stacks.
    straight: bool,
    /// Finished segments: id, saved values, adjoint code (already reversed).
    segments: Vec<(usize, Vec<Ident>, TokenStream)>,
}

impl<'g, 'a> Reverse<'g, 'a> {
    pub fn new(g: &'g Gen<'a>) -> Self {
        let straight = !g.f.has_return && g.f.body.stmts.iter().all(is_simple);
        Reverse {
            g,
            straight,
            segments: Vec::new(),
        }
    }

    fn tape(&self, id: usize) -> Ident {
        quote::format_ident!("__tape{}", id, span = proc_macro2::Span::mixed_site())
    }

    fn ctrl(&self) -> Ident {
        Ident::new("__ctrl", proc_macro2::Span::mixed_site())
    }

    /// The hidden VJP function's body: forward pass, then `(value, pullback)`.
    pub fn vjp_body(mut self) -> TokenStream {
        let g = self.g;
        let private = g.private();
        let mut pre = TokenStream::new();
        // Cotangents of parameters that are not differentiated: their zero, taken up front.
        let mut param_cots = Vec::new();
        for (i, p) in g.sig.params.iter().enumerate() {
            let v = g.param_var(i);
            if p.active {
                param_cots.push(g.adj(v).clone());
            } else {
                let z = g.fresh("zero");
                let n = &p.ident;
                pre.extend(quote!(let #z = #private::zero_tangent(&#n);));
                param_cots.push(z);
            }
        }
        for (i, &r) in g.f.results.iter().enumerate() {
            let n = g.name(r);
            let ty = g.result_ty(i);
            pre.extend(quote!(let #n: #ty;));
        }
        let body = self.fwd_block(&g.f.body);
        let forward = if g.f.has_return {
            let l = g.body_label();
            quote!(#l: { #body })
        } else {
            body
        };

        // The pullback.
        let float = &g.float;
        let zero = g.zero();
        let mut adj_decls = TokenStream::new();
        for (v, var) in g.f.vars.iter().enumerate() {
            if var.active {
                let b = g.adj(v);
                adj_decls.extend(quote!(let mut #b: #float = #zero;));
            }
        }
        let ybar = Ident::new("__ybar", proc_macro2::Span::mixed_site());
        let mut seed = TokenStream::new();
        for (i, &r) in g.f.results.iter().enumerate() {
            let b = g.adj(r);
            if g.sig.ret_arity.is_some() {
                let idx = syn::Index::from(i);
                seed.extend(quote!(#b = #ybar.#idx;));
            } else {
                seed.extend(quote!(#b = #ybar;));
            }
        }
        let replay = if self.straight {
            self.segments
                .iter()
                .map(|(_, _, code)| code.clone())
                .collect::<TokenStream>()
        } else {
            let ctrl = self.ctrl();
            let arms = self.segments.iter().map(|(id, saved, code)| {
                let idl = proc_macro2::Literal::u32_suffixed(*id as u32);
                if saved.is_empty() {
                    quote!(#idl => { #code })
                } else {
                    let tape = self.tape(*id);
                    quote!(#idl => { let (#(#saved,)*) = #tape.pop(); #code })
                }
            });
            let seg = Ident::new("__segment", proc_macro2::Span::mixed_site());
            quote! {
                while let #private::Some(#seg) = #ctrl.try_pop() {
                    match #seg {
                        #(#arms)*
                        _ => {}
                    }
                }
            }
        };
        let mut stacks = TokenStream::new();
        if !self.straight {
            let ctrl = self.ctrl();
            stacks.extend(quote!(let mut #ctrl: #private::Stack<u32> = #private::Stack::new();));
            for (id, saved, _) in &self.segments {
                if !saved.is_empty() {
                    let tape = self.tape(*id);
                    stacks.extend(quote!(let mut #tape = #private::Stack::new();));
                }
            }
        }
        let value = g.results_tuple(|r| g.name(r).clone());
        let ret_ty = &g.sig.ret_ty;
        quote! {
            #pre
            #stacks
            #forward
            (#value, move |#ybar: #ret_ty| {
                #adj_decls
                #seed
                #replay
                (#(#param_cots,)*)
            })
        }
    }

    fn fwd_block(&mut self, b: &Block) -> TokenStream {
        let mut out = TokenStream::new();
        let mut seg = Segment::default();
        for s in &b.stmts {
            if is_simple(s) {
                self.fwd_simple(s, &mut out, &mut seg);
                continue;
            }
            self.close(&mut seg, &mut out);
            match s {
                Stmt::Break(l) => out.extend(quote!(break #l;)),
                Stmt::Continue(l) => out.extend(quote!(continue #l;)),
                Stmt::Return => {
                    let l = self.g.body_label();
                    out.extend(quote!(break #l;));
                }
                _ => {
                    let blocks: Vec<TokenStream> = nested_blocks(s)
                        .into_iter()
                        .map(|b| self.fwd_block(b))
                        .collect();
                    out.extend(control(s, &blocks));
                }
            }
        }
        self.close(&mut seg, &mut out);
        out
    }

    /// Ends a segment: saves its values and records that it ran.
    fn close(&mut self, seg: &mut Segment, out: &mut TokenStream) {
        let s = std::mem::take(seg);
        if s.adjoint.is_empty() {
            return;
        }
        let id = self.segments.len();
        let code: TokenStream = s.adjoint.into_iter().rev().collect();
        if !self.straight {
            if !s.saved.is_empty() {
                let tape = self.tape(id);
                let saved = &s.saved;
                out.extend(quote!(#tape.push((#(#saved,)*));));
            }
            let ctrl = self.ctrl();
            let idl = proc_macro2::Literal::u32_suffixed(id as u32);
            out.extend(quote!(#ctrl.push(#idl);));
        }
        self.segments.push((id, s.saved, code));
    }

    fn fwd_simple(&mut self, s: &Stmt, out: &mut TokenStream, seg: &mut Segment) {
        let g = self.g;
        match s {
            Stmt::Let { var, mutable, init } => {
                let v = *var;
                let n = g.name(v);
                let m = mutable.then(|| quote!(mut));
                let ty = g.f.vars[v].ty.as_ref().map(|t| quote!(: #t));
                match init {
                    Some(e) if g.active(v) => {
                        let node = self.node(e, out);
                        let h = &node.handle;
                        out.extend(quote!(let #m #n #ty = #h;));
                        self.assign_adjoint(v, &node, seg);
                    }
                    Some(e) => {
                        let p = g.primal(e);
                        out.extend(quote!(let #m #n #ty = #p;));
                    }
                    None => out.extend(quote!(let #m #n #ty;)),
                }
            }
            Stmt::Assign { var, value } => {
                let v = *var;
                let n = g.name(v);
                if g.active(v) {
                    let node = self.node(value, out);
                    let h = &node.handle;
                    out.extend(quote!(#n = #h;));
                    self.assign_adjoint(v, &node, seg);
                } else {
                    let p = g.primal(value);
                    out.extend(quote!(#n = #p;));
                }
            }
            Stmt::Call { dests, call } => {
                let nodes: Vec<Node> = call.args.iter().map(|a| self.node(a, out)).collect();
                let hs: Vec<&TokenStream> = nodes.iter().map(|n| &n.handle).collect();
                let names: Vec<&Ident> = dests.iter().map(|&d| g.name(d)).collect();
                let pat = if names.len() == 1 {
                    let n = names[0];
                    quote!(#n)
                } else {
                    quote!((#(#names),*))
                };
                if !dests.iter().any(|&d| g.active(d)) {
                    let prefix = &call.prefix;
                    let name = &call.name;
                    let generics = &call.generics;
                    out.extend(quote!(let #pat = #prefix #name #generics(#(#hs),*);));
                    return;
                }
                let path = g.derived_path(call, "vjp");
                let pb = g.fresh("pullback");
                out.extend(quote!(let (#pat, #pb) = #path(#(#hs),*);));
                seg.saved.push(pb.clone());
                let mut adj = TokenStream::new();
                let bs: Vec<&Ident> = dests.iter().map(|&d| g.adj(d)).collect();
                let cot = if bs.len() == 1 {
                    let b = bs[0];
                    quote!(#b)
                } else {
                    quote!((#(#bs),*))
                };
                let c = g.fresh("cot");
                adj.extend(quote!(let #c = #pb(#cot);));
                let zero = g.zero();
                for b in &bs {
                    adj.extend(quote!(#b = #zero;));
                }
                for (i, node) in nodes.iter().enumerate() {
                    let idx = syn::Index::from(i);
                    self.backprop(node, quote!(#c.#idx), &mut adj, seg);
                }
                seg.adjoint.push(adj);
            }
            Stmt::Opaque(t) => out.extend(t.clone()),
            _ => {}
        }
    }

    /// Adjoint of `v = <node>`: the new value's cotangent flows into the expression, and the
    /// old value's adjoint starts from zero (it was overwritten).
    fn assign_adjoint(&mut self, v: VarId, node: &Node, seg: &mut Segment) {
        let g = self.g;
        let b = g.adj(v);
        let zero = g.zero();
        let mut adj = TokenStream::new();
        if node.active {
            let gv = g.fresh("g");
            adj.extend(quote!(let #gv = #b; #b = #zero;));
            self.backprop(node, quote!(#gv), &mut adj, seg);
        } else {
            adj.extend(quote!(#b = #zero;));
        }
        seg.adjoint.push(adj);
    }

    /// Forward code for an expression, returning the tree of its steps.
    fn node(&mut self, e: &Expr, out: &mut TokenStream) -> Node {
        let g = self.g;
        if !g.expr_active(e) {
            return match e {
                Expr::Opaque(Opaque {
                    kind: OpaqueKind::Const,
                    tokens,
                    ..
                }) => Node {
                    kind: NodeKind::Const,
                    handle: quote!((#tokens)),
                    saved: None,
                    active: false,
                },
                Expr::Var(v) if g.stable_param(*v) => {
                    let n = g.name(*v);
                    Node {
                        kind: NodeKind::Const,
                        handle: quote!(#n),
                        saved: None,
                        active: false,
                    }
                }
                _ => {
                    let p = g.primal(e);
                    self.bind(NodeKind::Const, p, false, out)
                }
            };
        }
        match e {
            Expr::Var(v) => {
                let n = g.name(*v);
                if g.stable_param(*v) {
                    Node {
                        kind: NodeKind::Var(*v),
                        handle: quote!(#n),
                        saved: None,
                        active: true,
                    }
                } else {
                    self.bind(NodeKind::Var(*v), quote!(#n), true, out)
                }
            }
            Expr::Opaque(_) => Node {
                kind: NodeKind::Const,
                handle: quote!(()),
                saved: None,
                active: false,
            },
            Expr::Neg(a) => {
                let a = self.node(a, out);
                let h = &a.handle;
                let p = quote!(-#h);
                self.bind(NodeKind::Neg(Box::new(a)), p, true, out)
            }
            Expr::Cast(a, ty) => {
                let a = self.node(a, out);
                let h = &a.handle;
                let p = quote!(#h as #ty);
                self.bind(NodeKind::Cast(Box::new(a)), p, true, out)
            }
            Expr::Binary(op, a, b) => {
                let a = self.node(a, out);
                let b = self.node(b, out);
                let (ha, hb) = (&a.handle, &b.handle);
                let o = binop_tokens(*op);
                let p = quote!(#ha #o #hb);
                self.bind(NodeKind::Bin(*op, Box::new(a), Box::new(b)), p, true, out)
            }
            Expr::Prim(pr, args, span) => {
                let nodes: Vec<Node> = args.iter().map(|a| self.node(a, out)).collect();
                let vals: Vec<TokenStream> = nodes.iter().map(|n| n.handle.clone()).collect();
                let p = g.prim_call(*pr, &vals, *span);
                self.bind(NodeKind::Prim(*pr, nodes), p, true, out)
            }
        }
    }

    fn bind(
        &mut self,
        kind: NodeKind,
        value: TokenStream,
        active: bool,
        out: &mut TokenStream,
    ) -> Node {
        let t = self.g.fresh("t");
        out.extend(quote!(let #t = #value;));
        Node {
            kind,
            handle: quote!(#t),
            saved: Some(t),
            active,
        }
    }

    /// The value of `n` as the adjoint code reads it; marks it to be saved.
    fn read(&self, n: &Node, seg: &mut Segment) -> TokenStream {
        if let Some(s) = &n.saved {
            if !seg.saved.contains(s) {
                seg.saved.push(s.clone());
            }
        }
        n.handle.clone()
    }

    /// Propagates the cotangent `seed` of `n` to the adjoints of the variables it reads.
    fn backprop(&self, n: &Node, seed: TokenStream, adj: &mut TokenStream, seg: &mut Segment) {
        if !n.active {
            return;
        }
        let g = self.g;
        let bind = |e: TokenStream, adj: &mut TokenStream| -> TokenStream {
            let s = g.fresh("g");
            adj.extend(quote!(let #s = #e;));
            quote!(#s)
        };
        match &n.kind {
            NodeKind::Var(v) => {
                let b = g.adj(*v);
                adj.extend(quote!(#b += #seed;));
            }
            NodeKind::Const => {}
            NodeKind::Neg(a) => {
                let s = bind(quote!(-#seed), adj);
                self.backprop(a, s, adj, seg);
            }
            NodeKind::Cast(a) => self.backprop(a, seed, adj, seg),
            NodeKind::Bin(op, a, b) => match op {
                BinOp::Add => {
                    self.backprop(a, seed.clone(), adj, seg);
                    self.backprop(b, seed, adj, seg);
                }
                BinOp::Sub => {
                    self.backprop(a, seed.clone(), adj, seg);
                    if b.active {
                        let s = bind(quote!(-#seed), adj);
                        self.backprop(b, s, adj, seg);
                    }
                }
                BinOp::Mul => {
                    if a.active {
                        let hb = self.read(b, seg);
                        let s = bind(quote!(#seed * #hb), adj);
                        self.backprop(a, s, adj, seg);
                    }
                    if b.active {
                        let ha = self.read(a, seg);
                        let s = bind(quote!(#seed * #ha), adj);
                        self.backprop(b, s, adj, seg);
                    }
                }
                BinOp::Div => {
                    let hb = self.read(b, seg);
                    let r = bind(quote!(#seed / #hb), adj);
                    if a.active {
                        self.backprop(a, r.clone(), adj, seg);
                    }
                    if b.active {
                        let y = self.read(n, seg);
                        let s = bind(quote!(-(#r * #y)), adj);
                        self.backprop(b, s, adj, seg);
                    }
                }
                BinOp::Rem => {
                    self.backprop(a, seed.clone(), adj, seg);
                    if b.active {
                        let ha = self.read(a, seg);
                        let hb = self.read(b, seg);
                        let s = bind(quote!(-(#seed * (#ha / #hb).trunc())), adj);
                        self.backprop(b, s, adj, seg);
                    }
                }
            },
            NodeKind::Prim(p, args) => {
                let rule = crate::rules::rule(*p);
                let operands: Vec<Option<TokenStream>> = args
                    .iter()
                    .enumerate()
                    .map(|(i, a)| rule.reads[i].then(|| self.read(a, seg)))
                    .collect();
                let result = rule.reads[rule.arity].then(|| self.read(n, seg));
                let partials = g.partials(*p, &operands, result, adj);
                for (a, d) in args.iter().zip(&partials) {
                    if let (true, Some(d)) = (a.active, d) {
                        let s = bind(quote!(#seed * #d), adj);
                        self.backprop(a, s, adj, seg);
                    }
                }
            }
        }
    }
}
