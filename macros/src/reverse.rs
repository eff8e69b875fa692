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
use quote::{quote, ToTokens};
use syn::Ident;

use crate::forward::call_pattern;
use crate::gen::{binop_tokens, control, is_simple, nested_blocks, Gen};
use crate::ir::*;
use crate::sig::is_discrete;

/// The two forms of a reverse-mode body ([`Reverse::vjp_bodies`]).
pub struct VjpBodies {
    /// Forward pass, then `(value, pullback)`.
    pub closure: TokenStream,
    /// Forward pass, then `(value, cotangents)` for the cotangent `__ybar`.
    pub direct: TokenStream,
}

/// A step of an active expression in the forward pass, kept for its adjoint.
struct Node {
    kind: NodeKind,
    /// How the adjoint code reads the step's primal value.
    handle: TokenStream,
    /// The forward-pass name of that value, if it must be saved for the adjoint to read it.
    saved: Option<Ident>,
    active: bool,
    /// For an array element: how the pullback re-reads it (from the restored array).
    rev: Option<TokenStream>,
    /// The arrays whose elements `rev` reads.
    rev_arrays: Vec<VarId>,
}

enum NodeKind {
    Var(VarId),
    /// An element of an active array, at an index the pullback recomputes; inside a counted
    /// loop, the index as the counter plus an offset where it is one.
    Index(VarId, TokenStream, Option<crate::affine::Lin>),
    /// An active array passed whole to a call.
    ArrayArg(VarId),
    /// A struct argument passed to a callee: its cotangent (a struct) is added to the
    /// argument's adjoint at `path`.
    StructArg(VarId, TokenStream),
    /// An array field of a struct argument passed to a callee as a slice.
    FieldArrayArg(VarId, TokenStream),
    /// A float field of a struct parameter (`p.a.b`), or an element of one of its array fields
    /// at an index the pullback recomputes (or saves).
    Field(VarId, TokenStream, Option<TokenStream>),
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
    /// Prefix of this generator's stack names (nested generators for checkpointed loops).
    prefix: String,
    /// Integers saved for recomputing indices, added to the segment after the statement.
    index_saves: Vec<Ident>,
    /// Forward position of the statement being generated, and the loops around it.
    pos: usize,
    loop_stack: Vec<usize>,
    loops_seen: usize,
    /// Where the pullback reads array elements' values: (array, position, loops).
    value_reads: std::cell::RefCell<Vec<(VarId, usize, Vec<usize>)>>,
    /// Array stores in generation order: (array, position, loops).
    stores: Vec<(VarId, usize, Vec<usize>)>,
    /// Per store (in generation order): whether its old value must be saved and restored.
    /// `None`: always (the first, planning pass, and nested generators).
    restore_plan: Option<Vec<bool>>,
    /// Inside a counted loop: where loop-invariant values are saved.
    hoist: Option<Hoist>,
    /// Values of variables already named in the current segment (read again without a write
    /// in between, they are saved once).
    leaves: std::collections::HashMap<VarId, Ident>,
    /// Active arrays read by the pullback (parameters among them are copied up front).
    arrays_read: std::collections::BTreeSet<VarId>,
    /// Without control flow, everything is in scope for the pullback: no stacks.
    straight: bool,
    /// Finished segments: id, saved values, adjoint code (already reversed).
    segments: Vec<(usize, Vec<Ident>, TokenStream)>,
    /// Segments replayed inside a loop region's arm rather than by an arm of their own.
    inner: std::collections::BTreeSet<usize>,
    /// Array adjoints the adjoint code indexes (`add`, `take`) since the last reset, and
    /// whether it also used one as a whole (copies, swaps, fills): a counted loop whose
    /// adjoint only indexes them replays over fixed-length views of them.
    adj_indexed: std::cell::RefCell<std::collections::BTreeSet<VarId>>,
    adj_whole: std::cell::Cell<bool>,
    /// Inside a counted loop whose adjoint never reads back an array adjoint it adds to:
    /// the `add`s of one iteration, accumulated in locals per (adjoint, index) and written
    /// once at the end of the iteration (`u[k]` read twice costs one update of `ū[k]`).
    add_sink: Option<std::cell::RefCell<Vec<PendingAdd>>>,
    /// Inside a counted `for` loop over a range: how its indices depend on the counter.
    affine: Option<crate::affine::Env>,
    /// Inside a counted loop: the pullback's reads of arrays the loop does not modify, at
    /// indices that advance with the counter (see [`WinRead`]), and the arrays eligible.
    win_reads: Option<std::cell::RefCell<Vec<WinRead>>>,
    unmodified: Vec<VarId>,
    /// Inside a counted loop: the arrays whose every access in the body is at an index that
    /// advances with the counter; their adjoints' `add`s and `take`s go through windows of
    /// cells (see [`WinRead`]; the adjoint's cells are bound before the loop).
    cell_arrays: Vec<VarId>,
    /// The same for array fields of struct arguments: (argument, field path as text).
    cell_fields: Vec<(VarId, String)>,
    adj_wins: Option<std::cell::RefCell<Vec<WinRead>>>,
    /// Inside such a loop: scalars bound once to a value the pullback can compute again from
    /// arrays the loop leaves alone (`let a = x[i];`, the closure parameters of
    /// `x.iter().zip(y)`, `let r = p.w[i] * x[i] - y[i];`), recomputed instead of saved.
    var_revs: std::collections::HashMap<VarId, (TokenStream, Vec<VarId>)>,
    /// Struct arguments whose fields the pullback re-reads (see `rev_struct`).
    structs_read: std::cell::RefCell<std::collections::BTreeSet<VarId>>,
    /// Struct arguments a checkpointed loop's recomputation reads in the pullback: owned
    /// copies where the pullback is `'static`.
    cp_structs: std::collections::BTreeSet<VarId>,
    /// Whether it may: in `f_grad`'s own function, which reads the arguments in place (a
    /// `'static` pullback would have to clone the whole struct; it saves the fields it reads).
    pub struct_rev: bool,
    /// Inside the loop of a rayon chain's reduction: elementary functions of values the
    /// pullback can read again are recomputed there too, not saved, so that its replay needs
    /// no tape and can run in parallel.
    par_loop: bool,
    /// Whether the forward code reads `want_value()` (a parallel sum's forward sweep).
    wants_value: bool,
}

/// A read `r[ri]` in a counted loop's replay whose index is `base + k` in the replay's `k`-th
/// iteration from the start. The replay reads it as `win[kw]`: when the loop's integers can be
/// recomputed before it, `win` is `&r[base..][..n]` and `kw` the iteration number, which the
/// compiler can see is in bounds (no bounds check per iteration, and the loop can vectorize);
/// otherwise `win` is all of `r` and `kw` the index.
///
/// For an adjoint, `array` names its cells (`&[Cell<F>]`, bound before the loop), so that
/// windows at different offsets of one adjoint can coexist; `adjoint` is the adjoint (an
/// array's, or an array field of a struct's) as text, and the expression of its cells.
struct WinRead {
    key: String,
    array: TokenStream,
    index: TokenStream,
    win: Ident,
    kw: Ident,
    adjoint: Option<(String, TokenStream)>,
    /// For an adjoint: where a parallel replay takes its window from.
    par: Option<ParSrc>,
}

/// The storage of an adjoint window of a parallel replay (`par_replay`).
#[derive(Clone)]
enum ParSrc {
    /// An array's adjoint (`AdjVec`), with the array's length.
    Vec(Ident, TokenStream),
    /// An array field of a struct's adjoint, as a mutable slice.
    Slice(TokenStream),
}

/// An element of an array adjoint that one iteration of a counted loop's adjoint adds to.
struct PendingAdd {
    key: String,
    adjoint: Ident,
    index: TokenStream,
    acc: Ident,
    /// The index as `invariant + counter + offset`, when it is one.
    lin: Option<crate::affine::Lin>,
    /// The window of cells it goes through (see [`WinRead`]): `(win, kw)`.
    win: Option<(Ident, Ident)>,
}

/// What a counted loop's deferred `add`s put around its replay: accumulator declarations and
/// the writes at the end of each iteration, and for adds kept in registers across iterations
/// their declarations before the loop and the last writes after it.
#[derive(Default)]
struct AddsCode {
    decls: TokenStream,
    flush: TokenStream,
    pre: TokenStream,
    post: TokenStream,
    /// The last writes of register windows whose top element goes through a window of
    /// cells indexed by the iteration number (inside the replay's `n > 0`).
    post_in: TokenStream,
    /// The registers of the register windows.
    regs: Vec<Ident>,
    /// `flush` for a replay whose windows of cells start with nothing in them and receive
    /// their one write per element here: the writes set the elements instead of adding to
    /// them (see `par_replay_fresh`). `None` where some add does not go through a window.
    flush_fresh: Option<TokenStream>,
}

impl<'g, 'a> Reverse<'g, 'a> {
    pub fn new(g: &'g Gen<'a>) -> Self {
        let straight =
            !g.f.has_return && g.f.body.stmts.iter().all(|s| is_simple(s) || passive(g, s));
        Reverse {
            g,
            prefix: String::new(),
            index_saves: Vec::new(),
            pos: 0,
            loop_stack: Vec::new(),
            loops_seen: 0,
            value_reads: Default::default(),
            stores: Vec::new(),
            restore_plan: None,
            hoist: None,
            leaves: Default::default(),
            inner: Default::default(),
            arrays_read: Default::default(),
            straight,
            segments: Vec::new(),
            adj_indexed: Default::default(),
            adj_whole: Default::default(),
            add_sink: None,
            affine: None,
            win_reads: None,
            unmodified: Vec::new(),
            cell_arrays: Vec::new(),
            cell_fields: Vec::new(),
            adj_wins: None,
            var_revs: Default::default(),
            structs_read: Default::default(),
            cp_structs: Default::default(),
            struct_rev: false,
            par_loop: false,
            wants_value: false,
        }
    }

    fn tape(&self, id: usize) -> Ident {
        quote::format_ident!(
            "__{}tape{}",
            self.prefix,
            id,
            span = proc_macro2::Span::mixed_site()
        )
    }

    /// How the pullback computes an index the forward pass computed as `i`: when the index is
    /// integer arithmetic on locals, from those locals' saved values (one saved integer serves
    /// every index a statement computes from it — `u[k - 1]`, `u[k + n]`, ...); otherwise `i`
    /// itself is saved.
    fn rev_index(&mut self, index: &Opaque, i: &Ident, out: &mut TokenStream) -> TokenStream {
        let g = self.g;
        let pure = syn::parse2::<syn::Expr>(index.tokens.clone())
            .map(|e| pure_int_arith(&e))
            .unwrap_or(false);
        let simple_reads = index.reads.iter().all(|&v| {
            let var = &g.f.vars[v];
            !var.array
                && var
                    .param
                    .map_or(true, |p| crate::sig::is_discrete(&g.sig.params[p].ty))
        });
        if !pure || !simple_reads {
            self.index_saves.push(i.clone());
            return quote!(#i);
        }
        let mut binds = TokenStream::new();
        let mut seen: Vec<VarId> = Vec::new();
        for &v in &index.reads {
            if seen.contains(&v) {
                continue;
            }
            seen.push(v);
            if g.stable_param(v) {
                continue;
            }
            let name = g.name(v);
            let t = match self.leaves.get(&v) {
                Some(t) => t.clone(),
                None => {
                    let t = g.fresh("s");
                    match &mut self.hoist {
                        Some(h) if !h.written.contains(&v) => {
                            h.pre.extend(quote!(let #t = #name;));
                            h.saved.push(t.clone());
                            h.vars.push(v);
                        }
                        _ => out.extend(quote!(let #t = #name;)),
                    }
                    self.leaves.insert(v, t.clone());
                    t
                }
            };
            self.index_saves.push(t.clone());
            binds.extend(quote!(let #name = #t;));
        }
        let tokens = &index.tokens;
        if binds.is_empty() {
            quote!((#tokens))
        } else {
            quote!({ #binds #tokens })
        }
    }

    /// The name under which the pullback sees an active array: a parameter slice is copied
    /// (`__x_copy`), everything else is moved into the pullback as it is.
    fn rev_array(&self, v: VarId) -> Ident {
        let var = &self.g.f.vars[v];
        match var.param.map(|i| self.g.sig.params[i].array) {
            Some(Some(crate::sig::ArrayTy::Slice | crate::sig::ArrayTy::SliceMut)) => {
                quote::format_ident!(
                    "__{}_copy",
                    var.name,
                    span = proc_macro2::Span::mixed_site()
                )
            }
            _ => var.name.clone(),
        }
    }

    fn ctrl(&self) -> Ident {
        quote::format_ident!(
            "__{}ctrl",
            self.prefix,
            span = proc_macro2::Span::mixed_site()
        )
    }

    /// The pullback's replay of this generator's segments: pop segment ids and run each
    /// segment's adjoint.
    fn replay(&self) -> TokenStream {
        let private = self.g.private();
        let ctrl = self.ctrl();
        let arms = self
            .segments
            .iter()
            .filter(|(id, _, _)| !self.inner.contains(id))
            .map(|(id, saved, code)| {
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
    }

    /// Declarations of this generator's stacks.
    fn stacks(&self) -> TokenStream {
        let private = self.g.private();
        let ctrl = self.ctrl();
        let mut out = quote!(let mut #ctrl: #private::Stack<u32> = #private::Stack::new(););
        for (id, saved, _) in &self.segments {
            if !saved.is_empty() {
                let tape = self.tape(*id);
                out.extend(quote!(let mut #tape = #private::Stack::new();));
            }
        }
        out
    }

    /// The hidden VJP function's body: forward pass, then `(value, pullback)`.
    pub fn vjp_body(self) -> TokenStream {
        self.vjp_bodies().closure
    }

    /// The hidden VJP function's body, and the body of a function that runs the pullback
    /// directly on a cotangent `__ybar` it takes as a parameter (what `f_grad` calls): that
    /// one reads slice parameters in place instead of copying them into the pullback.
    pub fn vjp_bodies(mut self) -> VjpBodies {
        let g = self.g;
        self.restore_plan = Some(plan_restores(g));
        let private = g.private();
        let mut pre = TokenStream::new();
        // Cotangents of parameters that are not differentiated: their zero, taken up front.
        let mut param_cots = Vec::new();
        let mut param_cot_exprs = TokenStream::new();
        let mut buffers: Vec<(VarId, Ident)> = Vec::new();
        let mut buffer_seeds = TokenStream::new();
        let mut struct_zeros: Vec<(VarId, Ident)> = Vec::new();
        for (i, p) in g.sig.params.iter().enumerate() {
            let v = g.param_var(i);
            if p.active && p.array.is_some() {
                let l = param_len(&p.ident);
                let n = &p.ident;
                pre.extend(quote!(let #l = #n.len();));
            }
            if let (true, Some(st)) = (p.active, &p.structure) {
                // The adjoint starts as the struct's zero, taken before the pullback.
                let z = quote::format_ident!(
                    "__zero_{}",
                    p.ident,
                    span = proc_macro2::Span::mixed_site()
                );
                let n = &p.ident;
                let arg = if st.by_ref { quote!(#n) } else { quote!(&#n) };
                pre.extend(quote!(let #z = #private::zero_like(#arg);));
                struct_zeros.push((v, z));
                param_cots.push(g.adj(v).clone());
                continue;
            }
            if p.active && p.array == Some(crate::sig::ArrayTy::SliceMut) {
                let b = g.adj(v);
                let buf = quote::format_ident!(
                    "__buf{}",
                    buffers.len(),
                    span = proc_macro2::Span::mixed_site()
                );
                buffer_seeds.extend(quote!(let mut #b = #private::AdjVec::from_slice(#buf);));
                param_cot_exprs.extend(quote!(#buf.copy_from_slice(&#b.into_vec(#buf.len()));));
                buffers.push((v, buf));
                let z = g.fresh("unit");
                param_cot_exprs.extend(quote!(let #z = ();));
                param_cots.push(z);
                continue;
            }
            if p.active && p.array.is_some() {
                let b = g.adj(v);
                let cot = match p.array {
                    Some(crate::sig::ArrayTy::Fixed) => quote!(#b.into_array()),
                    _ => {
                        self.arrays_read.insert(v);
                        let c = self.rev_array(v);
                        quote!(#b.into_vec(#c.len()))
                    }
                };
                let z = g.fresh("cot");
                param_cot_exprs.extend(quote!(let #z = #cot;));
                param_cots.push(z);
            } else if p.active {
                let (b, z) = (g.adj(v), g.fresh("cot"));
                let private = g.private();
                param_cot_exprs.extend(quote!(let #z = #private::pos_zero(#b);));
                param_cots.push(z);
            } else if p.array.is_some()
                || (!crate::sig::is_float_type(&p.ty, &g.sig.generics) && !is_discrete(&p.ty))
            {
                let z = g.fresh("zero");
                pre.extend(quote!(let #z = ();));
                param_cots.push(z);
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
        // Arrays declared in the body are moved into the pullback; with an early `return` the
        // body runs in a labeled block, so they are declared before it.
        if g.f.has_return {
            for (v, var) in g.f.vars.iter().enumerate() {
                if var.array && var.active && var.param.is_none() && !g.f.results.contains(&v) {
                    let n = &var.name;
                    pre.extend(quote!(let mut #n = ::core::default::Default::default();));
                }
            }
        } else {
            // Arrays declared in loops and branches live for the whole function, for the
            // pullback (their names are unique: checked by `infer`).
            for var in g.f.vars.iter().filter(|v| v.nested && v.active) {
                let n = &var.name;
                pre.extend(quote!(let mut #n = ::std::vec::Vec::new();));
            }
        }
        let body = self.fwd_block(&g.f.body);
        // Arrays updated in place are copied at the end of the forward pass (the pullback
        // restores them backwards from their final values).
        let mut post = TokenStream::new();
        for (i, p) in g.sig.params.iter().enumerate() {
            if p.active && p.array == Some(crate::sig::ArrayTy::SliceMut) {
                let v = g.param_var(i);
                let c = self.rev_array(v);
                let n = &p.ident;
                post.extend(quote!(let mut #c = #n.to_vec();));
            }
        }
        let mut pre_direct = pre.clone();
        // Struct arguments a checkpointed loop recomputes with: owned by a `'static` pullback,
        // borrowed by `f_grad`'s own function.
        for &v in &self.cp_structs {
            let n = &g.f.vars[v].name;
            let mut names = vec![n.clone()];
            if g.twin {
                names.push(crate::gen::struct_tangent_ident(n));
            }
            let by_ref = struct_by_ref(g, v);
            for n in names {
                let c = cp_struct_copy(&n);
                if by_ref {
                    pre.extend(quote!(let #c = ::core::clone::Clone::clone(#n);));
                    pre_direct.extend(quote!(let #c = #n;));
                } else {
                    pre.extend(quote!(let #c = ::core::clone::Clone::clone(&#n);));
                    pre_direct.extend(quote!(let #c = &#n;));
                }
            }
        }
        let structs: Vec<VarId> = self.structs_read.borrow().iter().copied().collect();
        for v in structs {
            // Only `f_grad`'s own function re-reads fields (`struct_rev`), of structs taken
            // by reference.
            let c = self.rev_struct(v);
            let n = &g.f.vars[v].name;
            pre_direct.extend(quote!(let #c = #n;));
        }
        for &v in &self.arrays_read {
            let var = &g.f.vars[v];
            if let Some(i) = var.param {
                if g.sig.params[i].array == Some(crate::sig::ArrayTy::Slice) {
                    let c = self.rev_array(v);
                    let n = &var.name;
                    pre.extend(quote!(let #c = #n.to_vec();));
                    pre_direct.extend(quote!(let #c: &[_] = &#n[..];));
                }
            }
        }
        let forward = if g.f.has_return {
            let l = g.body_label();
            quote!(#l: { #body } #post)
        } else {
            quote!(#body #post)
        };

        // The pullback.
        let float = &g.float;
        let zero = g.zero();
        let mut adj_decls = TokenStream::new();
        for (v, z) in &struct_zeros {
            let b = g.adj(*v);
            adj_decls.extend(quote!(let mut #b = #z;));
        }
        adj_decls.extend(buffer_seeds);
        for (v, var) in g.f.vars.iter().enumerate() {
            if struct_zeros.iter().any(|(s, _)| *s == v) || buffers.iter().any(|(b, _)| *b == v) {
                continue;
            }
            if var.active && var.array {
                let b = g.adj(v);
                adj_decls.extend(quote!(let mut #b = #private::AdjVec::<#float>::new();));
            } else if var.active {
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
            } else if g.sig.ret_array {
                seed.extend(quote!(#b = #private::AdjVec::from_vec(#ybar);));
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
            self.replay()
        };
        let stacks = if self.straight {
            TokenStream::new()
        } else {
            self.stacks()
        };
        let value = g.results_tuple(|r| g.name(r).clone());
        let ret_ty = &g.sig.ret_ty;
        let float_ty = &g.float;
        let buf_params: Vec<TokenStream> = buffers
            .iter()
            .map(|(_, b)| quote!(#b: &mut [#float_ty]))
            .collect();
        // A struct's gradient is a tangent: its `#[no_grad]` float fields, which reads of them
        // added to, are zero (other `#[no_grad]` fields are carried, as `zero_like` copies them).
        let clear_structs = struct_zeros.iter().map(|(v, _)| {
            let b = g.adj(*v);
            quote!(#private::Differentiable::clear_no_grad(&mut #b);)
        });
        let pullback = quote! {
            #adj_decls
            #seed
            #replay
            #param_cot_exprs
            #(#clear_structs)*
            (#(#param_cots,)*)
        };
        let want = want_value();
        let want = self.wants_value.then(|| quote!(let #want: bool = true;));
        let closure = quote! {
            #want
            #pre
            #stacks
            #forward
            (#value, move |#ybar: #ret_ty, #(#buf_params),*| { #pullback })
        };
        let val = Ident::new("__value", proc_macro2::Span::mixed_site());
        let direct = quote! {
            #pre_direct
            #stacks
            #forward
            let #val = #value;
            (#val, { #pullback })
        };
        VjpBodies { closure, direct }
    }

    fn fwd_block(&mut self, b: &Block) -> TokenStream {
        let mut out = TokenStream::new();
        let mut seg = Segment::default();
        for s in &b.stmts {
            if is_simple(s) {
                self.fwd_simple(s, &mut out, &mut seg);
                continue;
            }
            if passive(self.g, s) {
                // No derivative flows inside (integer bookkeeping such as
                // `let jm = if j == 0 { n - 1 } else { j - 1 };`): forward code only, and the
                // segment goes on.
                self.fwd_passive(s, &mut out, &mut seg);
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
                Stmt::Loop {
                    label,
                    kind: LoopKind::For(pat, iter),
                    body,
                    checkpoint: Some(every),
                    ..
                } if !self.straight => {
                    self.checkpointed_loop(label, pat, iter, body, every.as_ref(), &mut out);
                }
                Stmt::Loop { body, .. }
                    if !self.straight
                        && !body.stmts.is_empty()
                        && body
                            .stmts
                            .iter()
                            .all(|b| is_simple(b) || passive(self.g, b)) =>
                {
                    self.counted_loop(s, body, &mut out);
                }
                _ => {
                    let is_loop = matches!(s, Stmt::Loop { .. });
                    if is_loop {
                        self.enter_loop();
                    }
                    let blocks: Vec<TokenStream> = nested_blocks(s)
                        .into_iter()
                        .map(|b| self.fwd_block(b))
                        .collect();
                    if is_loop {
                        self.loop_stack.pop();
                    }
                    out.extend(control(self.g, s, &blocks));
                }
            }
        }
        self.close(&mut seg, &mut out);
        out
    }

    fn enter_loop(&mut self) {
        self.loops_seen += 1;
        self.loop_stack.push(self.loops_seen);
    }

    /// A loop whose body is straight-line code: its iterations save only their values, the loop
    /// records its trip count once, and the pullback replays the body that many times (no
    /// control record per iteration).
    fn counted_loop(&mut self, s: &Stmt, body: &Block, out: &mut TokenStream) {
        let g = self.g;
        let trips = g.fresh("trips");
        let mut inner_out = TokenStream::new();
        let mut seg = Segment::default();
        // Values the body reads but never writes are saved once, before the loop.
        let mut written = Vec::new();
        written_in(body, &mut written);
        let pattern_names: Vec<String> = match s {
            Stmt::Loop {
                kind: LoopKind::For(p, _),
                ..
            } => {
                let mut v = Vec::new();
                pat_names(p, &mut v);
                v
            }
            _ => Vec::new(),
        };
        for (v, var) in g.f.vars.iter().enumerate() {
            if pattern_names.contains(&var.name.to_string()) {
                written.push(v);
            }
        }
        self.hoist = Some(Hoist {
            written,
            ..Hoist::default()
        });
        self.leaves.clear();
        self.enter_loop();
        let outer_indexed = std::mem::take(self.adj_indexed.get_mut());
        let outer_whole = self.adj_whole.replace(false);
        self.add_sink = deferrable_adds(self.g, body).then(Default::default);
        self.par_loop = !g.twin && matches!(s, Stmt::Loop { parallel: true, .. });
        self.affine = self.add_sink.as_ref().and_then(|_| affine_env(g, s, body));
        if self.affine.is_some() {
            let mut modified = Vec::new();
            modified_in(body, &mut modified);
            self.unmodified = (0..g.f.vars.len())
                .filter(|v| g.f.vars[*v].array && !modified.contains(v))
                .collect();
            self.win_reads = Some(Default::default());
            self.adj_wins = Some(Default::default());
            (self.cell_arrays, self.cell_fields) = self
                .affine
                .as_ref()
                .map(|env| affine_places(g, env, body))
                .unwrap_or_default();
        }
        for st in &body.stmts {
            if is_simple(st) {
                self.fwd_simple(st, &mut inner_out, &mut seg);
            } else {
                self.fwd_passive(st, &mut inner_out, &mut seg);
            }
        }
        self.loop_stack.pop();
        self.par_loop = false;
        let views = self.adjoint_views();
        self.adj_indexed.get_mut().extend(outer_indexed);
        self.adj_whole.set(self.adj_whole.get() | outer_whole);
        self.affine = None;
        let wins = self
            .win_reads
            .take()
            .map(|w| w.into_inner())
            .unwrap_or_default();
        let adj_wins = self
            .adj_wins
            .take()
            .map(|w| w.into_inner())
            .unwrap_or_default();
        self.unmodified.clear();
        self.cell_arrays.clear();
        self.cell_fields.clear();
        self.var_revs.clear();
        let n = g.fresh("n");
        let mut hoist = self.hoist.take().unwrap_or_default();
        // Hoisted values were bound before the loop, not per iteration.
        seg.saved.retain(|t| !hoist.saved.contains(t));
        // Integers the pullback can recompute (the loop counter of a range, and `let`s computed
        // from it and from loop-invariant values) are not saved per iteration.
        let mut leaves: Vec<(VarId, Ident)> =
            self.leaves.iter().map(|(v, t)| (*v, t.clone())).collect();
        // In the variables' order, so that the generated code does not depend on hashing.
        leaves.sort_by_key(|(v, _)| *v);
        let recompute = self.recompute_plan(s, body, &hoist, &leaves);
        if let Some(plan) = &recompute {
            seg.saved
                .retain(|t| !plan.binds.iter().any(|(_, b)| b == t));
            let start = &plan.start;
            let st = &plan.start_name;
            hoist.pre.extend(quote!(let #st = #start;));
            hoist.saved.push(st.clone());
        }
        // An index can be computed before the loop when it reads no value saved per iteration.
        let per_iteration: Vec<String> = seg.saved.iter().map(|t| t.to_string()).collect();
        let recomputable = |t: &TokenStream| {
            recompute.is_some() && names_in(t).iter().all(|n| !per_iteration.contains(n))
        };
        // The replay's iteration number (unused without a recompute plan).
        let kk = match recompute {
            Some(_) => g.fresh("k"),
            None => quote::format_ident!("__k", span = proc_macro2::Span::mixed_site()),
        };
        // Windows whose indices are known before the loop, and the first iteration's index
        // of each (one per distinct index): key -> base.
        let mut sliced: Vec<(String, Ident)> = Vec::new();
        let mut bases: Vec<(Ident, TokenStream)> = Vec::new();
        for w in wins.iter().chain(&adj_wins) {
            if recomputable(&w.index) {
                let ix = w.index.to_string();
                let base = match bases.iter().find(|(_, e)| e.to_string() == ix) {
                    Some((b, _)) => b.clone(),
                    None => {
                        let b = g.fresh("base");
                        bases.push((b.clone(), w.index.clone()));
                        b
                    }
                };
                sliced.push((w.key.clone(), base));
            }
        }
        let adds = self.flush_adds(&n, &adj_wins, &sliced);
        // Only the windows the replay uses are bound (a register window's lower offsets never
        // reach memory inside the loop).
        let mut used = Vec::new();
        for t in seg.adjoint.iter().chain([&adds.flush]) {
            used.extend(names_in(t));
        }
        let mut slices = TokenStream::new();
        let mut whole = TokenStream::new();
        let mut kbinds = TokenStream::new();
        // The cells of each adjoint that windows go through, bound once before the loop.
        let mut cells_bound: Vec<String> = Vec::new();
        let mut checked: Vec<String> = Vec::new();
        for w in wins.iter().chain(&adj_wins) {
            let (win, kw, arr, ix) = (&w.win, &w.kw, &w.array, &w.index);
            if !used.contains(&win.to_string()) {
                continue;
            }
            if let Some((_, cells)) = &w.adjoint {
                if !cells_bound.contains(&arr.to_string()) {
                    cells_bound.push(arr.to_string());
                    whole.extend(quote!(let #arr = #cells;));
                }
            }
            match sliced.iter().find(|(k, _)| *k == w.key) {
                Some((_, base)) => {
                    slices.extend(quote!(let #win = &#arr[#base..][..#n];));
                    kbinds.extend(quote!(let #kw = #kk;));
                    // In debug builds: the index is the first iteration's plus `k`.
                    if !checked.contains(&base.to_string()) {
                        checked.push(base.to_string());
                        kbinds.extend(quote!(debug_assert_eq!(#ix, #base + #kk);));
                    }
                }
                None => {
                    whole.extend(quote!(let #win = &#arr[..];));
                    kbinds.extend(quote!(let #kw = #ix;));
                }
            }
        }
        // Bases that no used window or register window needs are not computed.
        let mut need: Vec<String> = checked.clone();
        need.extend(names_in(&adds.post_in));
        bases.retain(|(b, _)| need.contains(&b.to_string()));
        // The adjoints of scalars the body declares are zero when an iteration's adjoint
        // starts: declared afresh there, they carry nothing from one iteration to the next
        // (nor out of the loop), which leaves the loop free to vectorize.
        let mut locals = Vec::new();
        lets_in(body, &mut locals);
        let mut local_decls = TokenStream::new();
        for &v in &locals {
            let var = &g.f.vars[v];
            if var.active && !var.array && var.param.is_none() {
                let (b, float, zero) = (g.adj(v), &g.float, g.acc_zero());
                local_decls.extend(quote!(let mut #b: #float = #zero;));
            }
        }
        kbinds.extend(local_decls.clone());
        let (acc_decls, acc_flush) = (&adds.decls, &adds.flush);
        out.extend(hoist.pre);
        self.leaves.clear();
        if seg.adjoint.is_empty() {
            // Nothing to differentiate inside: the loop as written.
            out.extend(control(g, s, &[inner_out]));
            return;
        }
        let id = self.segments.len();
        let code: TokenStream = seg.adjoint.into_iter().rev().collect();
        let rev_code = code.clone();
        let tape = self.tape(id);
        let saved = seg.saved.clone();
        if !saved.is_empty() {
            inner_out.extend(quote!(#tape.push((#(#saved,)*));));
        }
        inner_out.extend(quote!(#trips += 1;));
        let fwd_iteration = inner_out.clone();
        let code_only = quote!(#acc_decls #code #acc_flush);
        let code = quote!(#kbinds #acc_decls #code #acc_flush);
        let replay_body = if saved.is_empty() {
            code
        } else {
            quote!(let (#(#saved,)*) = #tape.pop(); #code)
        };
        self.segments.push((id, saved, TokenStream::new()));
        self.inner.insert(id);
        // The region: its "saved value" is the trip count.
        let rid = self.segments.len();
        // The sums of a loop whose replay runs in parallel.
        let mut par_sums: Option<Vec<VarId>> = None;
        let region = match &recompute {
            Some(plan) => {
                let (lv, st) = (&plan.loop_var, &plan.start_name);
                let rebind_hoisted = hoist.vars.iter().zip(&hoist.saved).map(|(v, t)| {
                    let name = g.name(*v);
                    quote!(let #name = #t;)
                });
                let code = &plan.code;
                let binds: Vec<TokenStream> = plan
                    .binds
                    .iter()
                    .map(|(name, t)| quote!(let #t = #name;))
                    .collect();
                if bases.is_empty() {
                    quote! {
                        #(#rebind_hoisted)*
                        for #lv in (#st..#st + #n).rev() {
                            #code
                            #(#binds)*
                            #replay_body
                        }
                    }
                } else {
                    // The indices of the first iteration, then slices of exactly `n` elements
                    // indexed by the iteration number: one bounds check per slice.
                    let (names, exprs): (Vec<_>, Vec<_>) = bases.iter().cloned().unzip();
                    let post_in = &adds.post_in;
                    let par = Par {
                        wins: &wins,
                        adj_wins: &adj_wins,
                        sliced: &sliced,
                        used: &used,
                        adds: &adds,
                        local_decls: &local_decls,
                        code: &rev_code,
                        n: &n,
                    };
                    let par = match s {
                        Stmt::Loop { parallel: true, .. } if seg.saved.is_empty() && !g.twin => {
                            par_scalars(g, body, &names_in(&code_only)).map(|sc| (par, sc))
                        }
                        _ => None,
                    };
                    let par = par.and_then(|(par, sc)| {
                        let lo = g.fresh("lo");
                        let prologue = quote!(let #lv = #st + #lo + #kk; #code #(#binds)*);
                        let sums = sc.sums.clone();
                        par.region(g, &kk, &lo, &prologue, sc).map(|r| (r, sums))
                    });
                    let first = quote! {
                        let (#(#names,)*) = {
                            let #lv = #st;
                            #code
                            #(#binds)*
                            (#(#exprs,)*)
                        };
                    };
                    if let Some((par, sums)) = par {
                        par_sums = Some(sums);
                        quote! {
                            #(#rebind_hoisted)*
                            if #n > 0 {
                                #first
                                #par
                            }
                        }
                    } else {
                        quote! {
                            #(#rebind_hoisted)*
                            if #n > 0 {
                                #first
                                #slices
                                for #kk in (0..#n).rev() {
                                    let #lv = #st + #kk;
                                    #code
                                    #(#binds)*
                                    #replay_body
                                }
                                #post_in
                            }
                        }
                    }
                }
            }
            None => quote!(for _ in 0..#n { #replay_body }),
        };
        let (pre, post) = (&adds.pre, &adds.post);
        // A parallel replay binds its windows itself (and the adjoints' views after it).
        let region = if par_sums.is_some() {
            region
        } else {
            quote!(#views #pre #whole #region #post)
        };
        out.extend(quote!(let mut #trips: usize = 0;));
        // A range's trip count is known before it runs: the tape takes its room at once
        // (no reallocation while it grows, which for large loops also means no heap growing
        // and shrinking from one call to the next).
        if !seg.saved.is_empty() {
            if let Some((a, b)) = range_bounds(s) {
                let tape = self.tape(id);
                out.extend(quote!(#tape.reserve(((#b) as usize).saturating_sub((#a) as usize));));
            }
        }
        match (&par_sums, half_open_for(s)) {
            (Some(sums), Some((pat, range))) => {
                // The loop of a rayon chain whose replay runs in parallel: where the value is
                // wanted (`f_value_and_grad`, `f_vjp`), its sums run in parallel too. `f_grad`
                // leaves them unused: there the loop runs as written, and the compiler drops
                // it (a parallel sum it could not).
                let sequential = control(g, s, &[inner_out]);
                let parallel = self.par_forward(sums, pat, &range, &trips, &fwd_iteration);
                let want = want_value();
                self.wants_value = true;
                out.extend(quote!(if #want { #parallel } else { #sequential }));
            }
            _ => out.extend(control(g, s, &[inner_out])),
        }
        let rtape = self.tape(rid);
        let ctrl = self.ctrl();
        let idl = proc_macro2::Literal::u32_suffixed(rid as u32);
        let hs = &hoist.saved;
        out.extend(quote!(#rtape.push((#trips, #(#hs,)*)); #ctrl.push(#idl);));
        let mut region_saved = vec![n];
        region_saved.extend(hoist.saved);
        self.segments.push((rid, region_saved, region));
    }

    /// The forward sweep of a loop whose replay runs in parallel (see `counted_loop`): on one
    /// range of iterations per thread, in four lanes with an accumulator each (four chains of
    /// additions instead of one), the partial sums added in order after. The sums are the
    /// loop's `s = s + e` (`ParScalars::pass`), so the body reads each only in its own update.
    fn par_forward(
        &self,
        sums: &[VarId],
        pat: &syn::Pat,
        range: &syn::ExprRange,
        trips: &Ident,
        iteration: &TokenStream,
    ) -> TokenStream {
        let g = self.g;
        let (private, float) = (g.private(), &g.float);
        let (a, b) = (&range.start, &range.end);
        let names: Vec<&Ident> = sums.iter().map(|v| g.name(*v)).collect();
        let lanes: Vec<Ident> = (0..4).map(|_| g.fresh("lane")).collect();
        let (rest, parts, t) = (g.fresh("rest"), g.fresh("parts"), g.fresh("t"));
        // One accumulator per sum and lane.
        let accs: Vec<Vec<Ident>> = (0..4)
            .map(|_| names.iter().map(|_| g.fresh("acc")).collect())
            .collect();
        let idx: Vec<Ident> = (0..4).map(|_| g.fresh("ix")).collect();
        let step = |k: usize, i: &Ident| {
            let acc = &accs[k];
            quote!({
                let #pat = #i;
                #(let mut #names = #acc;)*
                #iteration
                #(#acc = #names;)*
            })
        };
        let steps: Vec<TokenStream> = (0..4).map(|k| step(k, &idx[k])).collect();
        let last = step(0, &idx[0]);
        let all: Vec<&Ident> = accs.iter().flatten().collect();
        let part_names: Vec<Ident> = names.iter().map(|_| g.fresh("part")).collect();
        let (i0, i1, i2, i3) = (&idx[0], &idx[1], &idx[2], &idx[3]);
        let (l0, l1, l2, l3) = (&lanes[0], &lanes[1], &lanes[2], &lanes[3]);
        let (acc0, acc1, acc2, acc3) = (&accs[0], &accs[1], &accs[2], &accs[3]);
        quote! {
            let #parts = #private::par_lanes(#a..#b, |[#l0, #l1, #l2, #l3], #rest| {
                let mut #trips: usize = 0;
                #(let mut #all = #private::zero::<#float>();)*
                for ((#i0, #i1), (#i2, #i3)) in #l0.zip(#l1).zip(#l2.zip(#l3)) {
                    #(#steps)*
                }
                for #i0 in #rest {
                    #last
                }
                (#trips, #((#acc0 + #acc1) + (#acc2 + #acc3),)*)
            });
            for (#t, #(#part_names,)*) in #parts {
                #trips += #t;
                #(#names = #names + #part_names;)*
            }
        }
    }

    /// The accumulators of a counted loop's deferred `add`s: their declarations (at the start
    /// of an iteration's adjoint) and the updates that write them (at its end).
    ///
    /// Adds to one adjoint at `c + j + o` for offsets `o` (a stencil: `ū[k-1]`, `ū[k]`,
    /// `ū[k+1]`) hit each element from several consecutive iterations. Written to memory each
    /// time, every update waits for the previous iteration's store to be read back, a chain of
    /// store-to-load latencies through the whole loop. Such a group is kept in a window of
    /// registers instead, one per offset: the replay runs the counter downwards, so after an
    /// iteration the element at the largest offset receives nothing more and is written once;
    /// the window then shifts by one. `n` is the loop's trip count, for the last writes.
    ///
    /// Adds to an adjoint that windows of cells serve (`wins`) go through them; `sliced` gives
    /// the first iteration's index of those indexed by the iteration number.
    fn flush_adds(&mut self, n: &Ident, wins: &[WinRead], sliced: &[(String, Ident)]) -> AddsCode {
        let g = self.g;
        let zero = g.acc_zero();
        let mut code = AddsCode::default();
        let fence = quote!(::core::sync::atomic::compiler_fence(
            ::core::sync::atomic::Ordering::SeqCst
        ););
        let pending = self
            .add_sink
            .take()
            .map(|s| s.into_inner())
            .unwrap_or_default();
        // Groups: same adjoint, same invariant part, at most 8 apart, at least two offsets.
        let mut groups: Vec<(String, String, Vec<usize>)> = Vec::new();
        for (k, p) in pending.iter().enumerate() {
            if let Some(l) = &p.lin {
                let (b, key) = (p.adjoint.to_string(), l.key());
                match groups.iter_mut().find(|(gb, gk, _)| *gb == b && *gk == key) {
                    Some((_, _, m)) => m.push(k),
                    None => groups.push((b, key, vec![k])),
                }
            }
        }
        let offset = |k: usize| pending[k].lin.as_ref().map_or(0, |l| l.offset);
        groups.retain(|(_, _, m)| {
            let lo = m.iter().map(|&k| offset(k)).min().unwrap_or(0);
            let hi = m.iter().map(|&k| offset(k)).max().unwrap_or(0);
            hi > lo && hi - lo < 8
        });
        // Whether a window of cells is indexed by the iteration number.
        let is_sliced = |w: &Option<(Ident, Ident)>| {
            w.as_ref().is_some_and(|(w, _)| {
                wins.iter()
                    .find(|x| x.win == *w)
                    .is_some_and(|x| sliced.iter().any(|(k, _)| *k == x.key))
            })
        };
        let mut writes = Vec::new();
        // A write into a fresh window reads `0.0` where nothing was added, as an add to a
        // zero does (`-0.0 + 0.0`).
        let mut writes_fresh = Some(Vec::new());
        let pos = {
            let p = g.private();
            quote!(#p::pos_zero)
        };
        let mut all_sliced = true;
        for p in &pending {
            let acc = &p.acc;
            code.decls.extend(quote!(let mut #acc = #zero;));
        }
        for (k, p) in pending.iter().enumerate() {
            if groups.iter().any(|(_, _, m)| m.contains(&k)) {
                continue;
            }
            let (acc, b, ix) = (&p.acc, &p.adjoint, &p.index);
            all_sliced &= is_sliced(&p.win);
            writes.push(match &p.win {
                Some((w, kw)) => quote!(#w[#kw].set(#w[#kw].get() + #acc);),
                None => quote!(#b.add(#ix, #acc);),
            });
            match (&p.win, writes_fresh.as_mut()) {
                (Some((w, kw)), Some(f)) => f.push(quote!(#w[#kw].set(#pos(#acc));)),
                _ => writes_fresh = None,
            }
        }
        for (_, _, members) in &groups {
            let lo = members.iter().map(|&k| offset(k)).min().unwrap_or(0);
            let hi = members.iter().map(|&k| offset(k)).max().unwrap_or(0);
            let w = (hi - lo + 1) as usize;
            let regs: Vec<Ident> = (0..w).map(|_| g.fresh("win")).collect();
            code.regs.extend(regs.iter().cloned());
            let last = g.fresh("last");
            for r in &regs {
                code.pre.extend(quote!(let mut #r = #zero;));
            }
            let mut step = TokenStream::new();
            for &k in members {
                let r = &regs[(offset(k) - lo) as usize];
                let acc = &pending[k].acc;
                step.extend(quote!(#r += #acc;));
            }
            let top = members
                .iter()
                .copied()
                .find(|&k| offset(k) == hi)
                .unwrap_or(0);
            let (b, ix) = (&pending[top].adjoint, &pending[top].index);
            let full = &regs[w - 1];
            // Through a window indexed by the iteration number, the last index written is
            // the first iteration's, known before the loop.
            let base = pending[top].win.as_ref().and_then(|(w, _)| {
                let key = &wins.iter().find(|x| x.win == *w)?.key;
                sliced
                    .iter()
                    .find(|(k, _)| k == key)
                    .map(|(_, b)| b.clone())
            });
            all_sliced &= base.is_some();
            if base.is_none() {
                code.pre.extend(quote!(let mut #last: usize = 0;));
                step.extend(quote!(#last = #ix;));
            }
            let mut step_fresh = step.clone();
            step.extend(match &pending[top].win {
                Some((w, kw)) => quote!(#w[#kw].set(#w[#kw].get() + #full);),
                None => quote!(#b.add(#last, #full);),
            });
            match &pending[top].win {
                Some((w, kw)) => step_fresh.extend(quote!(#w[#kw].set(#pos(#full));)),
                None => writes_fresh = None,
            }
            let mut shift = TokenStream::new();
            for t in (1..w).rev() {
                let (to, from) = (&regs[t], &regs[t - 1]);
                shift.extend(quote!(#to = #from;));
            }
            let r0 = &regs[0];
            shift.extend(quote!(#r0 = #zero;));
            step.extend(shift.clone());
            step_fresh.extend(shift);
            writes.push(step);
            if let Some(f) = writes_fresh.as_mut() {
                f.push(step_fresh);
            }
            // After the last iteration, register t holds the element at `last - (w - t)`
            // (`last` is the first iteration's index).
            let mut post = TokenStream::new();
            let last = base.as_ref().unwrap_or(&last);
            for (t, r) in regs.iter().enumerate().skip(1) {
                let d = w - t;
                post.extend(quote!(#b.add(#last - #d, #r);));
            }
            if base.is_some() {
                code.post_in.extend(post);
            } else {
                code.post.extend(quote!(if #n > 0 { #post }));
            }
        }
        // Fences keep the scalar loop's updates of neighbouring elements from being merged
        // into one wider store that the next iteration's update cannot forward from. When
        // every update goes through a window indexed by the iteration number, neighbouring
        // elements are kept in registers instead, and the loop is left free to vectorize.
        for (k, wr) in writes.into_iter().enumerate() {
            if k > 0 && !all_sliced {
                code.flush.extend(fence.clone());
            }
            code.flush.extend(wr);
        }
        if all_sliced {
            code.flush_fresh = writes_fresh.map(|w| w.into_iter().collect());
        }
        code
    }

    /// Fixed-length views of the array adjoints a counted loop's adjoint indexes, bound over
    /// their names for the loop's replay (see `AdjVec::view`): the length is the primal
    /// array's, which the pullback holds as it was when the loop ran. Not when the adjoint
    /// also uses an array as a whole, nor for arrays the pullback does not hold (results).
    fn adjoint_views(&self) -> TokenStream {
        let g = self.g;
        let mut out = TokenStream::new();
        if self.adj_whole.get() {
            return out;
        }
        for &v in self.adj_indexed.borrow().iter() {
            if g.f.results.contains(&v) {
                continue;
            }
            let len = self.array_len(v);
            let b = g.adj(v);
            out.extend(quote!(let mut #b = #b.view(#len);));
        }
        out
    }

    /// The length of an active array as the pullback knows it: a parameter's as it came in, a
    /// local's as it is (restored to its state when the loop being replayed ran).
    fn array_len(&self, v: VarId) -> TokenStream {
        let var = &self.g.f.vars[v];
        match var.param {
            Some(_) => {
                let l = param_len(&var.name);
                quote!(#l)
            }
            None => {
                let n = &var.name;
                quote!(#n.len())
            }
        }
    }

    /// The window through which a counted loop's replay reads `array[ri]` (see [`WinRead`]):
    /// `(win, kw)`.
    fn win_read(&self, array: TokenStream, ri: &TokenStream) -> (Ident, Ident) {
        let wins = self.win_reads.as_ref().expect("inside a counted loop");
        add_window(
            self.g,
            &mut wins.borrow_mut(),
            &array.to_string(),
            |_| array,
            ri,
            None,
        )
    }

    /// The name under which the pullback re-reads the fields of a struct argument
    /// (`__p_copy`: the argument itself in `f_grad`'s own function).
    fn rev_struct(&self, v: VarId) -> Ident {
        self.structs_read.borrow_mut().insert(v);
        quote::format_ident!(
            "__{}_copy",
            self.g.f.vars[v].name,
            span = proc_macro2::Span::mixed_site()
        )
    }

    /// The window of cells through which a counted loop's replay updates the adjoint of `a`
    /// at the index `ri`, if `a` is one of the loop's arrays in `affine_places`: `(win, kw)`.
    fn adj_win(&self, a: VarId, ri: &TokenStream) -> Option<(Ident, Ident)> {
        self.adj_wins.as_ref()?;
        if !self.cell_arrays.contains(&a) {
            return None;
        }
        let b = self.g.adj(a);
        let len = self.array_len(a);
        let par = ParSrc::Vec(b.clone(), len.clone());
        Some(self.cells_win(b.to_string(), quote!(#b.cells(#len)), par, ri))
    }

    /// The same for the adjoint of an array field of a struct argument (`p.w[i]`), if it is
    /// one of the loop's fields in `affine_places`.
    fn field_win(&self, p: VarId, path: &TokenStream, ri: &TokenStream) -> Option<(Ident, Ident)> {
        self.adj_wins.as_ref()?;
        if !self.cell_fields.contains(&(p, path.to_string())) {
            return None;
        }
        let b = self.g.adj(p);
        let cells = quote!(::core::cell::Cell::from_mut(&mut #b.#path[..]).as_slice_of_cells());
        let par = ParSrc::Slice(quote!(&mut #b.#path[..]));
        Some(self.cells_win(format!("{b}.{path}"), cells, par, ri))
    }

    /// A window at `ri` of the adjoint `owner`, whose cells are `cells` (bound once).
    fn cells_win(
        &self,
        owner: String,
        cells: TokenStream,
        par: ParSrc,
        ri: &TokenStream,
    ) -> (Ident, Ident) {
        let g = self.g;
        let wins = self.adj_wins.as_ref().expect("inside a counted loop");
        let name = |wins: &[WinRead]| match wins
            .iter()
            .find(|w| w.adjoint.as_ref().is_some_and(|x| x.0 == owner))
        {
            Some(w) => w.array.clone(),
            None => {
                let c = g.fresh("cells");
                quote!(#c)
            }
        };
        let owned = owner.clone();
        add_window(
            g,
            &mut wins.borrow_mut(),
            &owner,
            name,
            ri,
            Some((owned, cells, par)),
        )
    }

    /// For a counted `for v in start..end` loop: the integer bookkeeping the pullback can redo
    /// (statements with no derivative reading only the counter, loop-invariant values and
    /// what earlier such statements computed), and the saved values it replaces.
    fn recompute_plan(
        &self,
        s: &Stmt,
        body: &Block,
        hoist: &Hoist,
        leaves: &[(VarId, Ident)],
    ) -> Option<Recompute> {
        let g = self.g;
        let (syn::Pat::Ident(pi), range) = half_open_for(s)? else {
            return None;
        };
        let start = range.start.as_deref()?;
        if !pure_int_arith(start) {
            return None;
        }
        let loop_var = pi.ident.clone();
        // Names whose values the pullback has: the counter, stable and hoisted variables.
        let mut known: Vec<String> = vec![loop_var.to_string()];
        for (v, var) in g.f.vars.iter().enumerate() {
            // Not parameters taken by reference (`idx: &[usize]`): a `'static` pullback can't
            // read them.
            let by_ref = var
                .param
                .is_some_and(|i| matches!(g.sig.params[i].ty, syn::Type::Reference(_)));
            if (g.stable_param(v) && !by_ref) || hoist.vars.contains(&v) {
                known.push(var.name.to_string());
            }
        }
        // The start reads only known names.
        if !names_in(&start.to_token_stream())
            .iter()
            .all(|n| known.contains(n) || !g.f.vars.iter().any(|v| v.name == n.as_str()))
        {
            return None;
        }
        // The replay recomputes integers by name: a name bound twice in the body (shadowing
        // the counter, a parameter, or an earlier `let`) would mean its last binding
        // everywhere. Such loops save their integers instead.
        let mut lets = Vec::new();
        lets_in(body, &mut lets);
        let mut bound: Vec<(String, VarId)> =
            lets.iter().map(|&v| (g.name(v).to_string(), v)).collect();
        bound.push((loop_var.to_string(), usize::MAX));
        for (v, var) in g.f.vars.iter().enumerate() {
            if g.stable_param(v) {
                bound.push((var.name.to_string(), v));
            }
        }
        for (k, (n, v)) in bound.iter().enumerate() {
            if bound[..k].iter().any(|(m, w)| m == n && w != v) {
                return None;
            }
        }
        let mut defined: Vec<VarId> = Vec::new();
        let mut code = TokenStream::new();
        let mut counts = vec![0usize; g.f.vars.len()];
        count_writes(body, &mut counts);
        // What a statement left out of the replay writes is unknown there from then on (a
        // `let jp;` whose assignment reads something the pullback lacks).
        let mut parts: Vec<(TokenStream, Option<VarId>, Vec<VarId>)> = Vec::new();
        let forget = |st: &Stmt, known: &mut Vec<String>, defined: &mut Vec<VarId>| {
            let mut w = Vec::new();
            declared_in(st, &mut w);
            for v in w {
                let n = g.name(v).to_string();
                known.retain(|k| *k != n);
                defined.retain(|d| *d != v);
            }
        };
        for st in &body.stmts {
            let Some(tokens) = primal_stmt(g, st) else {
                forget(st, &mut known, &mut defined);
                continue;
            };
            let mut own = Vec::new();
            declared_in(st, &mut own);
            // A statement that changes a variable from outside the body (`j = (j + 1) % n`)
            // must not run again in the replay: that variable holds its final value there.
            if own.iter().any(|v| !lets.contains(v)) {
                forget(st, &mut known, &mut defined);
                continue;
            }
            let own_names: Vec<String> = own.iter().map(|v| g.name(*v).to_string()).collect();
            let reads_known = names_in(&tokens).iter().all(|n| {
                known.contains(n)
                    || own_names.contains(n)
                    || !g.f.vars.iter().any(|v| v.name == n.as_str())
            });
            if !reads_known {
                forget(st, &mut known, &mut defined);
                continue;
            }
            let uninit = match st {
                Stmt::Let {
                    var, init: None, ..
                } => Some(*var),
                _ => None,
            };
            parts.push((tokens, uninit, own.clone()));
            for v in own {
                known.push(g.name(v).to_string());
                defined.push(v);
            }
        }
        // A `let x;` whose assignments were all left out is left out too (its type would be
        // unknown).
        for (k, (tokens, uninit, _)) in parts.iter().enumerate() {
            if let Some(v) = uninit {
                if !parts[k + 1..].iter().any(|(_, _, w)| w.contains(v)) {
                    continue;
                }
            }
            code.extend(tokens.clone());
        }
        // Saved values of the counter and of variables defined once by those statements.
        let binds: Vec<(Ident, Ident)> = leaves
            .iter()
            .filter(|(v, _)| {
                let var = &g.f.vars[*v];
                var.name == loop_var || (defined.contains(v) && counts[*v] <= 1)
            })
            .map(|(v, t)| (g.name(*v).clone(), t.clone()))
            .collect();
        if binds.is_empty() {
            return None;
        }
        Some(Recompute {
            loop_var,
            start: start.to_token_stream(),
            start_name: g.fresh("start"),
            code,
            binds,
        })
    }

    /// A `#[checkpoint]` loop: the forward pass runs it without recording anything, saving the
    /// loop-carried state every `every` iterations (√n by default); the pullback walks the
    /// chunks backwards, restoring each one's state, re-running it with recording, and
    /// replaying its adjoint. Memory: the snapshots plus one chunk's tapes.
    fn checkpointed_loop(
        &mut self,
        label: &Option<syn::Lifetime>,
        pat: &syn::Pat,
        iter: &TokenStream,
        body: &Block,
        every: Option<&TokenStream>,
        out: &mut TokenStream,
    ) {
        let g = self.g;
        let private = g.private();
        self.leaves.clear();
        let Ok(range) = syn::parse2::<syn::ExprRange>(iter.clone()) else {
            return;
        };
        let (Some(a), Some(b)) = (&range.start, &range.end) else {
            return;
        };
        // The loop-carried state: what the body writes that lives outside it.
        let mut written = Vec::new();
        writes_all(body, &mut written);
        let mut inside = Vec::new();
        lets_in(body, &mut inside);
        // A call's results are declared by the call (`let (y, ..) = g(..)`).
        call_dests_in(body, &mut inside);
        let mut state: Vec<VarId> = Vec::new();
        for v in written {
            if !inside.contains(&v) && !state.contains(&v) && g.f.vars[v].param.is_none() {
                state.push(v);
            }
        }
        // The body, recorded, in a generator of its own (its stacks live in the pullback).
        let rid = self.segments.len();
        let mut sub = Reverse::new(g);
        sub.prefix = format!("cp{rid}_");
        sub.straight = false;
        sub.restore_plan = Some(plan_chunk_restores(g, body));
        let mut recorded = sub.fwd_block(body);
        self.arrays_read.extend(sub.arrays_read.iter().copied());
        self.wants_value |= sub.wants_value;
        let sub_replay = sub.replay();
        let sub_stacks = sub.stacks();
        let plain = self.plain_block(body);
        // Names.
        let f = |s: &str| g.fresh(s);
        let (start, len, every_v, snaps, k, end) = (
            f("cp_start"),
            f("cp_len"),
            f("cp_every"),
            f("cp_snaps"),
            f("cp_k"),
            f("cp_end"),
        );
        let names: Vec<&Ident> = state.iter().map(|v| g.name(*v)).collect();
        let every_expr = match every {
            Some(e) => quote!(((#e) as usize).max(1)),
            None => quote!(#private::checkpoint_interval(#len as usize)),
        };
        let bind_pat = match pat {
            syn::Pat::Wild(_) => TokenStream::new(),
            p => quote!(let #p = #start + #k;),
        };
        let label_t = label.as_ref().map(|l| quote!(#l:));
        out.extend(quote! {
            let #start = #a;
            let #len = (#b) - #start;
            let #every_v: usize = #every_expr;
            let mut #snaps = ::std::vec::Vec::new();
            #label_t for #k in 0..#len {
                if (#k as usize) % #every_v == 0 {
                    #snaps.push((#k, (#(::core::clone::Clone::clone(&#names),)*)));
                }
                #bind_pat
                #plain
            }
        });
        // Parameter slices the recorded body reads are seen through their copies.
        let mut rebind = TokenStream::new();
        // So are struct arguments (and, in the dual twin, their tangents), and slices the
        // body passes on to calls (`energy(x)`), which the recorded body does not read itself.
        let used = names_in(&recorded);
        let mut recorded_self: Option<Ident> = None;
        for (i, q) in g.sig.params.iter().enumerate() {
            let v = g.param_var(i);
            if q.array == Some(crate::sig::ArrayTy::Slice)
                && used.contains(&q.ident.to_string())
                && !sub.arrays_read.contains(&v)
            {
                self.arrays_read.insert(v);
                let c = self.rev_array(v);
                let n = &q.ident;
                rebind.extend(quote!(let #n: &[_] = &#c[..];));
            }
        }
        self.cp_structs.extend(sub.cp_structs.iter().copied());
        for (i, q) in g.sig.params.iter().enumerate() {
            if q.structure.is_none() || !used.contains(&q.ident.to_string()) {
                continue;
            }
            let v = g.param_var(i);
            self.cp_structs.insert(v);
            let n = &q.ident;
            let c = cp_struct_copy(n);
            if q.ident == "self" {
                // `self` can't be rebound: the recomputation reads the copy by its name.
                recorded_self = Some(c);
            } else {
                rebind.extend(quote!(let #n = &#c;));
            }
            if g.twin {
                let (t, tc) = (
                    crate::gen::struct_tangent_ident(n),
                    cp_struct_copy(&crate::gen::struct_tangent_ident(n)),
                );
                rebind.extend(quote!(let #t = &#tc;));
            }
        }
        if let Some(c) = recorded_self {
            recorded = rename_self(recorded, &c);
        }
        for &v in &sub.arrays_read {
            let var = &g.f.vars[v];
            if let Some(i) = var.param {
                if g.sig.params[i].array == Some(crate::sig::ArrayTy::Slice) {
                    let c = self.rev_array(v);
                    let n = &var.name;
                    rebind.extend(quote!(let #n: &[_] = &#c[..];));
                }
            }
        }
        let rtape = self.tape(rid);
        let ctrl = self.ctrl();
        let idl = proc_macro2::Literal::u32_suffixed(rid as u32);
        out.extend(quote!(#rtape.push((#start, #len, #snaps)); #ctrl.push(#idl);));
        let restore = names.iter().map(|n| quote!(let mut #n = #n;));
        let last = f("cp_first_state");
        let back: Vec<Ident> = names.iter().map(|_| f("cp_s")).collect();
        // Code before the loop reads the arrays as they were then: the first chunk's snapshot
        // (the state before the loop) is put back into the pullback's variables. The chunks'
        // replays restore overwritten elements only where their own adjoints read them.
        let region = quote! {
            let mut #snaps = #snaps;
            let mut #end = #len;
            let mut #last = #private::None;
            {
                #rebind
                while let #private::Some((#k, (#(#names,)*))) = #snaps.pop() {
                    if #k == 0 {
                        #last = #private::Some((#(::core::clone::Clone::clone(&#names),)*));
                    }
                    #(#restore)*
                    #sub_stacks
                    let __chunk_start = #k;
                    #label_t for #k in __chunk_start..#end {
                        #bind_pat
                        #recorded
                    }
                    #sub_replay
                    #end = __chunk_start;
                }
            }
            if let #private::Some((#(#back,)*)) = #last {
                #(#names = #back;)*
            }
        };
        self.segments.push((rid, vec![start, len, snaps], region));
    }

    /// A block as written, without recording (the forward pass of a checkpointed loop).
    fn plain_block(&self, b: &Block) -> TokenStream {
        let g = self.g;
        let mut out = TokenStream::new();
        for s in &b.stmts {
            match s {
                Stmt::Let { var, mutable, init } => {
                    let n = g.name(*var);
                    let m = mutable.then(|| quote!(mut));
                    let ty = g.var_ty(*var);
                    match init {
                        Some(e) => {
                            let p = self.plain_value(*var, e);
                            out.extend(quote!(let #m #n #ty = #p;));
                        }
                        None => out.extend(quote!(let #m #n #ty;)),
                    }
                }
                Stmt::Assign { var, value } => {
                    let n = g.name(*var);
                    let p = self.plain_value(*var, value);
                    out.extend(quote!(#n = #p;));
                }
                Stmt::Store {
                    array,
                    index,
                    value,
                } => {
                    let n = g.name(*array);
                    let i = g.ot(&index.tokens);
                    let p = if g.active(*array) && !g.expr_active(value) {
                        g.lift(g.primal(value))
                    } else {
                        g.primal(value)
                    };
                    out.extend(quote!({ let __ix = #i; #n[__ix] = #p; }));
                }
                Stmt::Swap(a, b) => {
                    let (na, nb) = (g.name(*a), g.name(*b));
                    out.extend(quote!(::core::mem::swap(&mut #na, &mut #nb);));
                }
                Stmt::Call { dests, call } => {
                    let names: Vec<&Ident> = dests.iter().map(|&d| g.name(d)).collect();
                    let pat = call_pattern(&names);
                    if g.twin && g.call_differentiated(dests, call) {
                        // Dual numbers go through the callee's twin (its values; the pullback
                        // is dropped). Constant arrays go as in the recorded code.
                        let private = g.private();
                        let float = &g.float;
                        let mut args = Vec::new();
                        for a in &call.args {
                            match a {
                                Expr::ArrayArg(v, false) if !g.expr_active(a) => {
                                    let n = g.name(*v);
                                    let t = g.fresh("t");
                                    out.extend(quote!(let #t = #private::lift_slice::<#float, _>(&#n[..]);));
                                    args.push(quote!(#private::const_slice(&#n[..], &#t[..])));
                                }
                                _ => args.push(g.primal(a)),
                            }
                        }
                        let path = g.derived_path(call, "vjp");
                        args.extend(g.twin_struct_tangents(call));
                        let pat = match dests.as_slice() {
                            [d] if g.is_array(*d) => quote!(mut #pat),
                            _ => pat,
                        };
                        let ty = twin_result_ty(g, dests);
                        out.extend(quote!(let (#pat, _) #ty = #path(#(#args),*);));
                        continue;
                    }
                    let args = call.args.iter().map(|a| g.primal(a));
                    let prefix = &call.prefix;
                    let name = &call.name;
                    let generics = &call.generics;
                    // An array a call returns may be updated afterwards.
                    let pat = match dests.as_slice() {
                        [d] if g.is_array(*d) => quote!(mut #pat),
                        _ => pat,
                    };
                    out.extend(quote!(let #pat = #prefix #name #generics(#(#args),*);));
                }
                Stmt::Opaque(t, _) => out.extend(g.ot(t)),
                Stmt::Break(l) => out.extend(quote!(break #l;)),
                Stmt::Continue(l) => out.extend(quote!(continue #l;)),
                Stmt::Return => {}
                other => {
                    let blocks: Vec<TokenStream> = nested_blocks(other)
                        .into_iter()
                        .map(|b| self.plain_block(b))
                        .collect();
                    out.extend(control(g, other, &blocks));
                }
            }
        }
        out
    }

    /// A value assigned to `var` in plain code (constants lifted where the twin needs it).
    fn plain_value(&self, var: VarId, e: &Expr) -> TokenStream {
        let g = self.g;
        let el = |x: &Expr| {
            if g.expr_active(x) {
                g.primal(x)
            } else {
                g.lift(g.primal(x))
            }
        };
        if g.twin && g.active(var) && g.is_array(var) {
            // An array of dual numbers built from constants (`vec![0.0; n]`).
            return match e {
                Expr::ArrayRepeat(x, n, vec) => {
                    let (h, nt) = (el(x), &n.tokens);
                    if *vec {
                        quote!(::std::vec![#h; #nt])
                    } else {
                        quote!([#h; #nt])
                    }
                }
                Expr::ArrayLit(xs, vec) => {
                    let hs = xs.iter().map(el);
                    if *vec {
                        quote!(::std::vec![#(#hs),*])
                    } else {
                        quote!([#(#hs),*])
                    }
                }
                _ => g.primal(e),
            };
        }
        if g.active(var) && !g.expr_active(e) && !g.is_array(var) {
            g.lift(g.primal(e))
        } else {
            g.primal(e)
        }
    }

    /// Forward code of a control statement with no derivative inside.
    fn fwd_passive(&mut self, s: &Stmt, out: &mut TokenStream, seg: &mut Segment) {
        let blocks: Vec<TokenStream> = nested_blocks(s)
            .into_iter()
            .map(|b| {
                let mut o = TokenStream::new();
                for st in &b.stmts {
                    if is_simple(st) {
                        self.fwd_simple(st, &mut o, seg);
                    } else {
                        self.fwd_passive(st, &mut o, seg);
                    }
                }
                o
            })
            .collect();
        out.extend(control(self.g, s, &blocks));
    }

    /// Ends a segment: saves its values and records that it ran.
    fn close(&mut self, seg: &mut Segment, out: &mut TokenStream) {
        self.leaves.clear();
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
        self.pos += 1;
        self.fwd_stmt(s, out, seg);
        for t in std::mem::take(&mut self.index_saves) {
            if !seg.saved.contains(&t) {
                seg.saved.push(t);
            }
        }
        // A variable written here must be read afresh by later statements.
        match s {
            Stmt::Let { var, .. } | Stmt::Assign { var, .. } => {
                self.leaves.remove(var);
            }
            Stmt::Call { dests, .. } => {
                for d in dests {
                    self.leaves.remove(d);
                }
            }
            _ => {}
        }
        let _ = g;
    }

    fn fwd_stmt(&mut self, s: &Stmt, out: &mut TokenStream, seg: &mut Segment) {
        let g = self.g;
        match s {
            Stmt::Let {
                var,
                mutable,
                init: Some(init),
            } if g.is_array(*var) => {
                let n = g.name(*var);
                let m = mutable.then(|| quote!(mut));
                if !g.active(*var) {
                    let p = g.primal(init);
                    out.extend(quote!(let #m #n = #p;));
                    return;
                }
                if g.f.vars[*var].nested {
                    // Declared for the whole function (see `vjp_bodies`): each `let` replaces
                    // the previous iteration's array.
                    self.replace_array(*var, init, out, seg);
                    return;
                }
                let value = self.fwd_array(*var, init, out, seg);
                if g.f.has_return {
                    out.extend(quote!(#n = #value;));
                } else {
                    out.extend(quote!(let #m #n = #value;));
                }
            }
            Stmt::Assign { var, value } if g.is_array(*var) => {
                let n = g.name(*var);
                if !g.active(*var) {
                    let p = g.primal(value);
                    out.extend(quote!(#n = #p;));
                    return;
                }
                if g.f.results.contains(var) {
                    let v = self.fwd_array(*var, value, out, seg);
                    out.extend(quote!(#n = #v;));
                } else {
                    self.replace_array(*var, value, out, seg);
                }
            }
            Stmt::Store {
                array,
                index,
                value,
            } => {
                let n = g.name(*array);
                let it = g.ot(&index.tokens);
                if !g.active(*array) {
                    let p = g.primal(value);
                    out.extend(quote!(#n[#it] = #p;));
                    return;
                }
                let i = g.fresh("i");
                out.extend(quote!(let #i = #it;));
                let node = self.node(value, out);
                let ri = self.rev_index(index, &i, out);
                let h = &node.handle;
                // The old value comes back in the pullback only if something reversed after
                // this store reads the array's values (see `plan_restores`).
                let k = self.stores.len();
                self.stores
                    .push((*array, self.pos, self.loop_stack.clone()));
                let restore = self.restore_plan.as_ref().restores_at(k);
                self.arrays_read.insert(*array);
                self.adj_indexed.get_mut().insert(*array);
                let r = self.rev_array(*array);
                let b = g.adj(*array);
                let gv = g.fresh("g");
                let ix = g.fresh("ix");
                let take = match self.adj_win(*array, &ri) {
                    Some((w, kw)) => {
                        let zero = g.zero();
                        quote!(#w[#kw].replace(#zero))
                    }
                    None => quote!(#b.take(#ix)),
                };
                let mut adj = if restore {
                    let old = g.fresh("old");
                    out.extend(quote!(let #old = #n[#i]; #n[#i] = #h;));
                    seg.saved.push(old.clone());
                    quote!(let #ix = #ri; let #gv = #take; #r[#ix] = #old;)
                } else {
                    out.extend(quote!(#n[#i] = #h;));
                    quote!(let #ix = #ri; let #gv = #take;)
                };
                self.backprop(&node, quote!(#gv), &mut adj, seg);
                seg.adjoint.push(adj);
            }
            Stmt::Swap(a, b) => {
                let (na, nb) = (g.name(*a), g.name(*b));
                out.extend(quote!(::core::mem::swap(&mut #na, &mut #nb);));
                if g.active(*a) {
                    self.adj_whole.set(true);
                    let (ra, rb) = (self.rev_array(*a), self.rev_array(*b));
                    let (ba, bb) = (g.adj(*a), g.adj(*b));
                    seg.adjoint.push(quote! {
                        ::core::mem::swap(&mut #ra, &mut #rb);
                        ::core::mem::swap(&mut #ba, &mut #bb);
                    });
                }
            }
            Stmt::Let { var, mutable, init } => {
                let v = *var;
                let n = g.name(v);
                let m = mutable.then(|| quote!(mut));
                let ty = g.var_ty(v);
                match init {
                    Some(e) if g.active(v) => {
                        let node = self.node(e, out);
                        let h = &node.handle;
                        out.extend(quote!(let #m #n #ty = #h;));
                        // A scalar bound once to what the pullback can compute again (an
                        // element, a field, cheap arithmetic on those) is recomputed there;
                        // small expressions only, so that chains of such `let`s stay cheap.
                        if let (Some(rev), Some(_)) = (&node.rev, &self.win_reads) {
                            if !g.f.vars[v].reassigned
                                && node.rev_arrays.iter().all(|a| self.unmodified.contains(a))
                                && names_in(rev).len() <= 24
                            {
                                self.var_revs
                                    .insert(v, (rev.clone(), node.rev_arrays.clone()));
                            }
                        }
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
                // Arguments go as they are: the callee's dual twin converts constants itself.
                let nodes: Vec<Node> = call
                    .args
                    .iter()
                    .map(|a| self.node_as(a, out, false))
                    .collect();
                let hs: Vec<&TokenStream> = nodes.iter().map(|n| &n.handle).collect();
                let names: Vec<&Ident> = dests.iter().map(|&d| g.name(d)).collect();
                let pat = call_pattern(&names);
                if !g.call_differentiated(dests, call) {
                    let prefix = &call.prefix;
                    let name = &call.name;
                    let generics = &call.generics;
                    out.extend(quote!(let #pat = #prefix #name #generics(#(#hs),*);));
                    return;
                }
                // An array the callee returns (`let k1 = rhs(&y, t);`): its adjoint, taken whole,
                // is the cotangent the callee's pullback takes.
                if let [d] = dests.as_slice() {
                    if g.is_array(*d) {
                        self.array_call(*d, call, &nodes, out, seg);
                        return;
                    }
                }
                // Arrays the callee updates in place (Enzyme's duplicated arguments): the
                // pullback takes their adjoints as buffers, holding the cotangent of the array
                // after the call and leaving that of the array before it. Their old contents
                // come back in the pullback when adjoint code reversed after the call reads
                // them, as for an element store.
                let mut adj = TokenStream::new();
                let mut bufs = Vec::new();
                for a in &call.args {
                    let Expr::ArrayArg(v, true) = a else {
                        continue;
                    };
                    let n = g.name(*v);
                    let len = g.fresh("len");
                    out.extend(quote!(let #len = #n.len();));
                    seg.saved.push(len.clone());
                    let k = self.stores.len();
                    self.stores.push((*v, self.pos, self.loop_stack.clone()));
                    if self.restore_plan.as_ref().restores_at(k) {
                        let old = g.fresh("old");
                        out.extend(quote!(let #old = #n.to_vec();));
                        seg.saved.push(old.clone());
                        self.arrays_read.insert(*v);
                        let r = self.rev_array(*v);
                        adj.extend(quote!(#r.copy_from_slice(&#old);));
                    }
                    let b = g.adj(*v);
                    bufs.push(quote!(#b.slice_mut(#len)));
                    self.adj_whole.set(true);
                }
                let path = g.derived_path(call, "vjp");
                let pb = g.fresh("pullback");
                let tans = g.twin_struct_tangents(call);
                let ty = twin_result_ty(g, dests);
                out.extend(quote!(let (#pat, #pb) #ty = #path(#(#hs,)* #(#tans),*);));
                seg.saved.push(pb.clone());
                let bs: Vec<&Ident> = dests.iter().map(|&d| g.adj(d)).collect();
                let cot = match bs.as_slice() {
                    // The result is discarded: its cotangent is zero (or `()`).
                    [] => quote!(::core::default::Default::default()),
                    [b] => quote!(#b),
                    _ => quote!((#(#bs),*)),
                };
                let c = g.fresh("cot");
                adj.extend(quote!(let #c = #pb(#cot, #(#bufs),*);));
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
            Stmt::Opaque(t, _) => out.extend(g.ot(t)),
            _ => {}
        }
    }

    /// `let a = g(..)` where `g` returns a `Vec`: the callee's pullback gets `a`'s adjoint,
    /// taken whole. An array declared in a loop replaces the previous iteration's, which is
    /// saved and put back by the pullback (as `replace_array` does).
    fn array_call(
        &mut self,
        d: VarId,
        call: &crate::ir::Call,
        nodes: &[Node],
        out: &mut TokenStream,
        seg: &mut Segment,
    ) {
        let g = self.g;
        let n = g.name(d);
        let (new, pb) = (g.fresh("new"), g.fresh("pullback"));
        let hs = nodes.iter().map(|n| &n.handle);
        let tans = g.twin_struct_tangents(call);
        let path = g.derived_path(call, "vjp");
        let ty = twin_result_ty(g, &[d]);
        out.extend(quote!(let (#new, #pb) #ty = #path(#(#hs,)* #(#tans),*);));
        seg.saved.push(pb.clone());
        let b = g.adj(d);
        let r = self.rev_array(d);
        let len = g.fresh("len");
        out.extend(quote!(let #len = #new.len();));
        seg.saved.push(len.clone());
        self.adj_whole.set(true);
        let mut adj = TokenStream::new();
        let cv = g.fresh("cv");
        adj.extend(quote!(let #cv = #b.take_vec(#len);));
        if g.f.vars[d].nested {
            let old = g.fresh("old");
            out.extend(quote!(let #old = ::core::mem::replace(&mut #n, #new);));
            seg.saved.push(old.clone());
            adj.extend(quote!(#r = #old;));
        } else if g.f.has_return {
            out.extend(quote!(#n = #new;));
        } else {
            out.extend(quote!(let mut #n = #new;));
        }
        let c = g.fresh("cot");
        adj.extend(quote!(let #c = #pb(#cv);));
        for (i, node) in nodes.iter().enumerate() {
            let idx = syn::Index::from(i);
            self.backprop(node, quote!(#c.#idx), &mut adj, seg);
        }
        seg.adjoint.push(adj);
    }

    /// `a = <array value>`, the old array saved and put back by the pullback.
    fn replace_array(
        &mut self,
        var: VarId,
        value: &Expr,
        out: &mut TokenStream,
        seg: &mut Segment,
    ) {
        let g = self.g;
        let n = g.name(var);
        let old = g.fresh("old");
        let mut pre = TokenStream::new();
        let v = self.fwd_array(var, value, &mut pre, seg);
        out.extend(pre);
        out.extend(quote!(let #old = ::core::mem::replace(&mut #n, #v);));
        seg.saved.push(old.clone());
        let r = self.rev_array(var);
        if let Some(last) = seg.adjoint.last_mut() {
            // Restore first, then the adjoint of the new value (pushed by fwd_array).
            let code = std::mem::take(last);
            *last = quote!(#r = #old; #code);
        }
    }

    /// Adjoint of `v = <node>`: the new value's cotangent flows into the expression, and the
    /// old value's adjoint starts from zero (it was overwritten).
    fn assign_adjoint(&mut self, v: VarId, node: &Node, seg: &mut Segment) {
        let g = self.g;
        let b = g.adj(v);
        let zero = g.acc_zero();
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

    /// Forward code for an array value assigned to `var`; pushes the adjoint of that
    /// assignment: the array's cotangent flows into the elements or the copied array.
    fn fwd_array(
        &mut self,
        var: VarId,
        e: &Expr,
        out: &mut TokenStream,
        seg: &mut Segment,
    ) -> TokenStream {
        let g = self.g;
        let b = g.adj(var);
        self.adj_whole.set(true);
        let mut adj = TokenStream::new();
        let value = match e {
            Expr::ArrayRepeat(x, n, vec) => {
                let node = self.node(x, out);
                let h = &node.handle;
                let nt = &n.tokens;
                if node.active {
                    let gv = g.fresh("g");
                    adj.extend(quote!(let #gv = #b.sum_take();));
                    self.backprop(&node, quote!(#gv), &mut adj, seg);
                } else {
                    adj.extend(quote!(#b.clear();));
                }
                if *vec {
                    quote!(::std::vec![#h; #nt])
                } else {
                    quote!([#h; #nt])
                }
            }
            Expr::ArrayLit(xs, vec) => {
                let nodes: Vec<Node> = xs.iter().map(|x| self.node(x, out)).collect();
                for (k, node) in nodes.iter().enumerate() {
                    if node.active {
                        let gv = g.fresh("g");
                        adj.extend(quote!(let #gv = #b.take(#k);));
                        self.backprop(node, quote!(#gv), &mut adj, seg);
                    }
                }
                adj.extend(quote!(#b.clear();));
                let hs = nodes.iter().map(|n| &n.handle);
                if *vec {
                    quote!(::std::vec![#(#hs),*])
                } else {
                    quote!([#(#hs),*])
                }
            }
            Expr::ArrayCopy(src, clone) => {
                let n = g.name(*src);
                if g.active(*src) {
                    let bs = g.adj(*src);
                    adj.extend(quote!(#b.drain_into(&mut #bs);));
                } else {
                    adj.extend(quote!(#b.clear();));
                }
                if *clone {
                    quote!(#n.clone())
                } else {
                    quote!(#n.to_vec())
                }
            }
            other => g.primal(other),
        };
        seg.adjoint.push(adj);
        value
    }

    /// Forward code for an expression, returning the tree of its steps.
    fn node(&mut self, e: &Expr, out: &mut TokenStream) -> Node {
        self.node_as(e, out, true)
    }

    /// `lift`: an inactive value here meets active ones (converted in the dual twin); false
    /// for integer operands.
    fn node_as(&mut self, e: &Expr, out: &mut TokenStream, lift: bool) -> Node {
        let g = self.g;
        if !g.expr_active(e) {
            let conv = |t: TokenStream| if lift { g.lift(t) } else { t };
            return match e {
                Expr::Opaque(Opaque {
                    kind: OpaqueKind::Const,
                    tokens,
                    ..
                }) => Node {
                    kind: NodeKind::Const,
                    handle: conv(quote!((#tokens))),
                    saved: None,
                    active: false,
                    rev: None,
                    rev_arrays: Vec::new(),
                },
                Expr::ArrayArg(a, false) if g.twin => {
                    // A constant array meets the callee's dual twin, which takes it plain or
                    // as dual numbers depending on that parameter (`ConstSlice`).
                    let n = g.name(*a);
                    let private = g.private();
                    let float = &g.float;
                    let t = g.fresh("t");
                    out.extend(quote!(let #t = #private::lift_slice::<#float, _>(&#n[..]);));
                    Node {
                        kind: NodeKind::Const,
                        handle: quote!(#private::const_slice(&#n[..], &#t[..])),
                        saved: None,
                        active: false,
                        rev: None,
                        rev_arrays: Vec::new(),
                    }
                }
                Expr::Var(v) if g.stable_param(*v) => {
                    let n = g.name(*v);
                    Node {
                        kind: NodeKind::Const,
                        handle: conv(quote!(#n)),
                        saved: None,
                        active: false,
                        rev: None,
                        rev_arrays: Vec::new(),
                    }
                }
                _ => {
                    let p = conv(g.primal(e));
                    self.bind(NodeKind::Const, p, false, out)
                }
            };
        }
        match e {
            Expr::Field(p, path) => {
                let mut node = self.bind(
                    NodeKind::Field(*p, path.clone(), None),
                    g.field_value(*p, path.clone()),
                    true,
                    out,
                );
                // The pullback re-reads a field of the (unchanging) struct argument.
                if !g.twin && self.struct_rev && struct_by_ref(g, *p) {
                    let pc = self.rev_struct(*p);
                    node.saved = None;
                    node.rev = Some(quote!(#pc.#path));
                }
                node
            }
            Expr::FieldIndex(p, path, index) => {
                let it = g.ot(&index.tokens);
                let i = g.fresh("i");
                out.extend(quote!(let #i = #it;));
                let ri = self.rev_index(index, &i, out);
                let mut node = self.bind(
                    NodeKind::Field(*p, path.clone(), Some(ri.clone())),
                    g.field_value(*p, quote!(#path[#i])),
                    true,
                    out,
                );
                node.rev = None;
                if !g.twin && self.struct_rev && struct_by_ref(g, *p) {
                    let pc = self.rev_struct(*p);
                    let lin = self
                        .affine
                        .as_ref()
                        .and_then(|e| e.lin(g.f, &index.tokens, &index.reads))
                        .filter(|l| l.coef == 1);
                    node.saved = None;
                    node.rev = Some(match &self.win_reads {
                        Some(_) if lin.is_some() => {
                            let (w, kw) = self.win_read(quote!(#pc.#path), &ri);
                            quote!(#w[#kw])
                        }
                        _ => quote!(#pc.#path[#ri]),
                    });
                }
                node
            }
            Expr::Index(a, index) => {
                let n = g.name(*a);
                let it = g.ot(&index.tokens);
                let i = g.fresh("i");
                out.extend(quote!(let #i = #it;));
                self.arrays_read.insert(*a);
                let r = self.rev_array(*a);
                let t = g.fresh("t");
                out.extend(quote!(let #t = #n[#i];));
                let ri = self.rev_index(index, &i, out);
                let lin = self
                    .affine
                    .as_ref()
                    .and_then(|e| e.lin(g.f, &index.tokens, &index.reads))
                    .filter(|l| l.coef == 1);
                let rev = match &self.win_reads {
                    Some(_) if lin.is_some() && self.unmodified.contains(a) => {
                        let (w, kw) = self.win_read(quote!(#r), &ri);
                        quote!(#w[#kw])
                    }
                    _ => quote!(#r[#ri]),
                };
                Node {
                    kind: NodeKind::Index(*a, ri.clone(), lin),
                    handle: quote!(#t),
                    saved: None,
                    active: true,
                    rev: Some(rev),
                    rev_arrays: vec![*a],
                }
            }
            Expr::FieldArrayArg(v, path) => Node {
                kind: NodeKind::FieldArrayArg(*v, path.clone()),
                handle: g.primal(e),
                saved: None,
                active: true,
                rev: None,
                rev_arrays: Vec::new(),
            },
            Expr::StructArg(v, path) => Node {
                kind: NodeKind::StructArg(*v, path.clone()),
                handle: g.primal(e),
                saved: None,
                active: true,
                rev: None,
                rev_arrays: Vec::new(),
            },
            Expr::ArrayArg(a, _) => {
                // An array the callee updates in place gets its cotangent through the
                // pullback's buffer; its cotangent in the pullback's result is `()`.
                let handle = g.primal(e);
                Node {
                    kind: NodeKind::ArrayArg(*a),
                    handle,
                    saved: None,
                    active: true,
                    rev: None,
                    rev_arrays: Vec::new(),
                }
            }
            Expr::ArrayRepeat(..) | Expr::ArrayLit(..) | Expr::ArrayCopy(..) => Node {
                kind: NodeKind::Const,
                handle: quote!(()),
                saved: None,
                active: false,
                rev: None,
                rev_arrays: Vec::new(),
            },
            Expr::Var(v) => {
                let n = g.name(*v);
                if let Some((rev, arrays)) = self.var_revs.get(v) {
                    Node {
                        kind: NodeKind::Var(*v),
                        handle: quote!(#n),
                        saved: None,
                        active: true,
                        rev: Some(rev.clone()),
                        rev_arrays: arrays.clone(),
                    }
                } else if g.stable_param(*v) {
                    Node {
                        kind: NodeKind::Var(*v),
                        handle: quote!(#n),
                        saved: None,
                        active: true,
                        rev: None,
                        rev_arrays: Vec::new(),
                    }
                } else if let Some(t) = self.leaves.get(v) {
                    Node {
                        kind: NodeKind::Var(*v),
                        handle: quote!(#t),
                        saved: Some(t.clone()),
                        active: true,
                        rev: None,
                        rev_arrays: Vec::new(),
                    }
                } else {
                    let node = self.bind(NodeKind::Var(*v), quote!(#n), true, out);
                    if let Some(t) = &node.saved {
                        self.leaves.insert(*v, t.clone());
                    }
                    node
                }
            }
            Expr::Opaque(_) => Node {
                kind: NodeKind::Const,
                handle: quote!(()),
                saved: None,
                active: false,
                rev: None,
                rev_arrays: Vec::new(),
            },
            Expr::Neg(a) => {
                let a = self.node(a, out);
                let h = &a.handle;
                let p = quote!(-#h);
                let remat = rev_of(&a).map(|ra| quote!((-#ra)));
                self.bind_remat(NodeKind::Neg(Box::new(a)), p, remat, out)
            }
            Expr::Cast(a, ty) => {
                let a = self.node(a, out);
                let h = &a.handle;
                // A cast to the function's own float type: the identity.
                let _ = ty;
                let p = quote!(#h);
                let remat = rev_of(&a);
                self.bind_remat(NodeKind::Cast(Box::new(a)), p, remat, out)
            }
            Expr::Binary(op, a, b) => {
                let a = self.node(a, out);
                let b = self.node(b, out);
                let (ha, hb) = (&a.handle, &b.handle);
                let o = binop_tokens(*op);
                let p = quote!(#ha #o #hb);
                // Cheap arithmetic on values the pullback can read again (array elements,
                // constants, stable variables) is recomputed there rather than saved.
                let remat = match (op, rev_of(&a), rev_of(&b)) {
                    (BinOp::Add | BinOp::Sub | BinOp::Mul, Some(ra), Some(rb)) => {
                        Some(quote!((#ra #o #rb)))
                    }
                    _ => None,
                };
                self.bind_remat(NodeKind::Bin(*op, Box::new(a), Box::new(b)), p, remat, out)
            }
            Expr::Prim(pr, args, span) => {
                let int_arg = crate::rules::rule(*pr).int_arg;
                let nodes: Vec<Node> = args
                    .iter()
                    .enumerate()
                    .map(|(i, a)| self.node_as(a, out, Some(i) != int_arg))
                    .collect();
                let vals: Vec<TokenStream> = nodes.iter().map(|n| n.handle.clone()).collect();
                let p = g.prim_call(*pr, &vals, *span);
                let remat = if self.par_loop {
                    let revs: Option<Vec<TokenStream>> = nodes.iter().map(rev_of).collect();
                    revs.map(|r| g.prim_call(*pr, &r, *span))
                } else {
                    None
                };
                self.bind_remat(NodeKind::Prim(*pr, nodes), p, remat, out)
            }
        }
    }

    /// [`Self::bind`] for an operation whose value the pullback can compute again (`remat`,
    /// from its operands' re-read forms) instead of reading it saved: it then reads the arrays
    /// its operands read.
    fn bind_remat(
        &mut self,
        kind: NodeKind,
        value: TokenStream,
        remat: Option<TokenStream>,
        out: &mut TokenStream,
    ) -> Node {
        let arrays: Vec<VarId> = match (&remat, &kind) {
            (None, _) => Vec::new(),
            (Some(_), NodeKind::Neg(a) | NodeKind::Cast(a)) => a.rev_arrays.clone(),
            (Some(_), NodeKind::Bin(_, a, b)) => {
                a.rev_arrays.iter().chain(&b.rev_arrays).copied().collect()
            }
            (Some(_), NodeKind::Prim(_, args)) => args
                .iter()
                .flat_map(|n| n.rev_arrays.iter().copied())
                .collect(),
            (Some(_), _) => Vec::new(),
        };
        let mut n = self.bind(kind, value, true, out);
        n.rev = remat;
        n.rev_arrays = arrays;
        n
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
            rev: None,
            rev_arrays: Vec::new(),
        }
    }

    /// The value of `n` as the adjoint code reads it; marks it to be saved.
    fn read(&self, n: &Node, seg: &mut Segment) -> TokenStream {
        if let Some(h) = &n.rev {
            let mut reads = self.value_reads.borrow_mut();
            for &a in &n.rev_arrays {
                reads.push((a, self.pos, self.loop_stack.clone()));
            }
            return h.clone();
        }
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
            NodeKind::Index(a, ri, lin) => {
                let b = g.adj(*a);
                self.adj_indexed.borrow_mut().insert(*a);
                if let Some(sink) = &self.add_sink {
                    let key = format!("{b}[{ri}]");
                    let mut sink = sink.borrow_mut();
                    let acc = match sink.iter().find(|p| p.key == key) {
                        Some(p) => p.acc.clone(),
                        None => {
                            let acc = g.fresh("acc");
                            sink.push(PendingAdd {
                                key,
                                adjoint: b.clone(),
                                index: ri.clone(),
                                acc: acc.clone(),
                                lin: lin.clone(),
                                win: self.adj_win(*a, ri),
                            });
                            acc
                        }
                    };
                    adj.extend(quote!(#acc += #seed;));
                    return;
                }
                adj.extend(quote!(#b.add(#ri, #seed);));
            }
            NodeKind::ArrayArg(a) => {
                // The callee's pullback holds its own copy of the array: its cotangent is
                // added whole.
                let b = g.adj(*a);
                let private = g.private();
                self.adj_whole.set(true);
                adj.extend(quote!(#private::add_slice_cot(&mut #b, #seed);));
            }
            NodeKind::FieldArrayArg(p, path) => {
                let b = g.adj(*p);
                let private = g.private();
                adj.extend(quote!(#private::add_field_cot(&mut #b.#path[..], #seed);));
            }
            NodeKind::StructArg(p, path) => {
                // The callee's cotangent of the struct (in the dual twin, already the tangent
                // part, as the twin's struct adjoints hold).
                let b = g.adj(*p);
                let private = g.private();
                let place = if path.is_empty() {
                    quote!(#b)
                } else {
                    quote!(#b.#path)
                };
                adj.extend(quote!(#private::Differentiable::add_assign(&mut #place, &#seed);));
            }
            NodeKind::Field(p, path, i) => {
                let b = g.adj(*p);
                // The twin's adjoint of a struct is plain: it keeps the tangent part of each
                // cotangent (what a Hessian-vector product needs).
                let seed = if g.twin {
                    let private = g.private();
                    quote!(#private::eps(#seed))
                } else {
                    seed
                };
                match i {
                    Some(i) => match self.field_win(*p, path, i) {
                        Some((w, kw)) => adj.extend(quote!(#w[#kw].set(#w[#kw].get() + #seed);)),
                        None => adj.extend(quote!(#b.#path[#i] += #seed;)),
                    },
                    None => adj.extend(quote!(#b.#path += #seed;)),
                }
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

/// The arrays a call updates in place (`g(&mut u)`).
fn updated_in_place(call: &Call) -> impl Iterator<Item = VarId> + '_ {
    call.args.iter().filter_map(|a| match a {
        Expr::ArrayArg(v, true) => Some(*v),
        _ => None,
    })
}

/// Whether a counted loop's adjoint `add`s can wait to the end of each iteration: no array is
/// both read (its adjoint added to) and stored to (its adjoint read by `take`) in the body, and
/// no array is swapped or assigned whole there.
fn deferrable_adds(g: &Gen, body: &Block) -> bool {
    fn reads(e: &Expr, out: &mut Vec<VarId>) {
        match e {
            Expr::Index(a, _) => out.push(*a),
            Expr::Neg(a) | Expr::Cast(a, _) | Expr::ArrayRepeat(a, _, _) => reads(a, out),
            Expr::Binary(_, a, b) => {
                reads(a, out);
                reads(b, out);
            }
            Expr::Prim(_, xs, _) | Expr::ArrayLit(xs, _) => xs.iter().for_each(|x| reads(x, out)),
            Expr::ArrayCopy(a, _) | Expr::ArrayArg(a, _) => out.push(*a),
            Expr::Var(_)
            | Expr::Opaque(_)
            | Expr::Field(..)
            | Expr::FieldIndex(..)
            | Expr::StructArg(..)
            | Expr::FieldArrayArg(..) => {}
        }
    }
    fn scan(g: &Gen, b: &Block, read: &mut Vec<VarId>, stored: &mut Vec<VarId>) -> bool {
        for s in &b.stmts {
            match s {
                Stmt::Let { var, init, .. } => {
                    if g.is_array(*var) && g.active(*var) {
                        return false;
                    }
                    if let Some(e) = init {
                        reads(e, read);
                    }
                }
                Stmt::Assign { var, value } => {
                    if g.is_array(*var) && g.active(*var) {
                        return false;
                    }
                    reads(value, read);
                }
                Stmt::Store { array, value, .. } => {
                    stored.push(*array);
                    reads(value, read);
                }
                Stmt::Swap(..) => return false,
                // A callee updating an array in place rewrites its whole adjoint.
                Stmt::Call { call, .. } if updated_in_place(call).next().is_some() => return false,
                Stmt::Call { call, .. } => call.args.iter().for_each(|a| reads(a, read)),
                Stmt::Opaque(..) | Stmt::Break(_) | Stmt::Continue(_) | Stmt::Return => {}
                other => {
                    for inner in nested_blocks(other) {
                        if !scan(g, inner, read, stored) {
                            return false;
                        }
                    }
                }
            }
        }
        true
    }
    let (mut read, mut stored) = (Vec::new(), Vec::new());
    scan(g, body, &mut read, &mut stored) && !read.iter().any(|a| stored.contains(a))
}

/// The name under which the pullback holds an array parameter's length.
pub(crate) fn param_len(name: &Ident) -> Ident {
    quote::format_ident!("__len_{}", name, span = proc_macro2::Span::mixed_site())
}

/// Integer arithmetic on names and literals (an index the pullback can recompute).
/// Whether `v` is a struct argument taken by reference (which nothing in the function can move,
/// so the pullback may borrow it).
fn struct_by_ref(g: &Gen, v: VarId) -> bool {
    g.f.vars[v]
        .param
        .and_then(|i| g.sig.params[i].structure.as_ref())
        .is_some_and(|st| st.by_ref)
}

/// The bounds of a `for` loop over `a..b` whose bounds can be evaluated once more before it
/// (integer arithmetic on names, literals and `.len()`).
fn range_bounds(s: &Stmt) -> Option<(TokenStream, TokenStream)> {
    // Also `.len()` of a name or field, and fields.
    let ok = |e: &syn::Expr| {
        int_arith(e, &|e| match e {
            syn::Expr::MethodCall(m) => {
                m.method == "len"
                    && m.args.is_empty()
                    && matches!(&*m.receiver, syn::Expr::Path(_) | syn::Expr::Field(_))
            }
            syn::Expr::Field(_) => true,
            _ => false,
        })
    };
    let (_, range) = half_open_for(s)?;
    let (a, b) = (range.start.as_deref()?, range.end.as_deref()?);
    (ok(a) && ok(b)).then(|| (a.to_token_stream(), b.to_token_stream()))
}

fn pure_int_arith(e: &syn::Expr) -> bool {
    int_arith(e, &|_| false)
}

/// Integer arithmetic (`+ - * / %`, casts, parentheses) on literals, paths, and whatever else
/// `leaf` accepts.
fn int_arith(e: &syn::Expr, leaf: &dyn Fn(&syn::Expr) -> bool) -> bool {
    match e {
        syn::Expr::Lit(_) => true,
        syn::Expr::Path(p) => p.qself.is_none(),
        syn::Expr::Paren(p) => int_arith(&p.expr, leaf),
        syn::Expr::Group(g) => int_arith(&g.expr, leaf),
        syn::Expr::Binary(b) => {
            matches!(
                b.op,
                syn::BinOp::Add(_)
                    | syn::BinOp::Sub(_)
                    | syn::BinOp::Mul(_)
                    | syn::BinOp::Div(_)
                    | syn::BinOp::Rem(_)
            ) && int_arith(&b.left, leaf)
                && int_arith(&b.right, leaf)
        }
        syn::Expr::Cast(c) => int_arith(&c.expr, leaf),
        other => leaf(other),
    }
}

/// A control statement inside which no derivative flows and no control leaves it: it can stay
/// inside a segment.
fn passive(g: &Gen, s: &Stmt) -> bool {
    fn no_work(g: &Gen, b: &Block) -> bool {
        b.stmts.iter().all(|s| match s {
            Stmt::Let { var, .. } | Stmt::Assign { var, .. } => !g.active(*var),
            Stmt::Store { array, .. } => !g.active(*array),
            Stmt::Swap(a, _) => !g.active(*a),
            Stmt::Call { dests, call } => !g.call_differentiated(dests, call),
            Stmt::Opaque(..) => true,
            Stmt::Break(_) | Stmt::Continue(_) | Stmt::Return => false,
            other => nested_blocks(other).iter().all(|b| no_work(g, b)),
        })
    }
    matches!(s, Stmt::If { .. } | Stmt::Match { .. } | Stmt::Block(_))
        && nested_blocks(s).iter().all(|b| no_work(g, b))
}

#[derive(Default)]
struct Hoist {
    written: Vec<VarId>,
    pre: TokenStream,
    saved: Vec<Ident>,
    /// The variables behind `saved`.
    vars: Vec<VarId>,
}

/// Variables a block writes (`let`, assignments, call results), nested blocks included.
fn written_in(b: &Block, out: &mut Vec<VarId>) {
    for s in &b.stmts {
        match s {
            Stmt::Let { var, .. } | Stmt::Assign { var, .. } => out.push(*var),
            Stmt::Call { dests, .. } => out.extend(dests.iter().copied()),
            Stmt::Opaque(_, writes) => out.extend(writes.iter().copied()),
            other => {
                for inner in nested_blocks(other) {
                    written_in(inner, out);
                }
            }
        }
    }
}

/// Variables a block writes or modifies: [`written_in`], and arrays stored to, swapped, or
/// updated in place by a call.
fn modified_in(b: &Block, out: &mut Vec<VarId>) {
    written_in(b, out);
    fn arrays(b: &Block, out: &mut Vec<VarId>) {
        for s in &b.stmts {
            match s {
                Stmt::Store { array, .. } => out.push(*array),
                Stmt::Swap(a, c) => out.extend([*a, *c]),
                Stmt::Call { call, .. } => out.extend(updated_in_place(call)),
                other => {
                    for inner in nested_blocks(other) {
                        arrays(inner, out);
                    }
                }
            }
        }
    }
    arrays(b, out);
}

fn pat_names(p: &syn::Pat, out: &mut Vec<String>) {
    match p {
        syn::Pat::Ident(i) => out.push(i.ident.to_string()),
        syn::Pat::Tuple(t) => t.elems.iter().for_each(|e| pat_names(e, out)),
        syn::Pat::Reference(r) => pat_names(&r.pat, out),
        syn::Pat::Type(t) => pat_names(&t.pat, out),
        _ => {}
    }
}

/// What a counted loop's pullback recomputes instead of saving.
struct Recompute {
    loop_var: Ident,
    start: TokenStream,
    start_name: Ident,
    code: TokenStream,
    /// (user variable, saved temporary) pairs rebound from recomputed values.
    binds: Vec<(Ident, Ident)>,
}

/// The statement as written, if it computes no derivative and has no other effect.
fn primal_stmt(g: &Gen, s: &Stmt) -> Option<TokenStream> {
    match s {
        Stmt::Let { var, mutable, init } if !g.active(*var) && !g.is_array(*var) => {
            let n = g.name(*var);
            let m = mutable.then(|| quote!(mut));
            let ty = g.var_ty(*var);
            Some(match init {
                Some(e) => {
                    let p = g.primal(e);
                    quote!(let #m #n #ty = #p;)
                }
                None => quote!(let #m #n #ty;),
            })
        }
        Stmt::Assign { var, value } if !g.active(*var) && !g.is_array(*var) => {
            let n = g.name(*var);
            let p = g.primal(value);
            Some(quote!(#n = #p;))
        }
        Stmt::If { .. } | Stmt::Match { .. } | Stmt::Block(_) => {
            let blocks: Option<Vec<TokenStream>> = nested_blocks(s)
                .into_iter()
                .map(|b| {
                    b.stmts
                        .iter()
                        .map(|st| primal_stmt(g, st))
                        .collect::<Option<TokenStream>>()
                })
                .collect();
            Some(control(g, s, &blocks?))
        }
        _ => None,
    }
}

/// Variables a statement declares or assigns (nested blocks included).
fn declared_in(s: &Stmt, out: &mut Vec<VarId>) {
    match s {
        Stmt::Let { var, .. } | Stmt::Assign { var, .. } => out.push(*var),
        Stmt::Opaque(_, writes) => out.extend(writes.iter().copied()),
        other => {
            for b in nested_blocks(other) {
                for st in &b.stmts {
                    declared_in(st, out);
                }
            }
        }
    }
}

fn count_writes(b: &Block, counts: &mut [usize]) {
    for s in &b.stmts {
        match s {
            Stmt::Let {
                var, init: Some(_), ..
            }
            | Stmt::Assign { var, .. } => counts[*var] += 1,
            Stmt::Call { dests, .. } => dests.iter().for_each(|d| counts[*d] += 1),
            // Counted twice: not a single definition, whatever else writes the variable.
            Stmt::Opaque(_, writes) => writes.iter().for_each(|d| counts[*d] += 2),
            other => nested_blocks(other)
                .into_iter()
                .for_each(|b| count_writes(b, counts)),
        }
    }
}

/// Identifiers appearing in tokens.
fn names_in(t: &TokenStream) -> Vec<String> {
    let mut out = Vec::new();
    for tt in t.clone() {
        match tt {
            proc_macro2::TokenTree::Ident(i) => out.push(i.to_string()),
            proc_macro2::TokenTree::Group(g) => out.extend(names_in(&g.stream())),
            _ => {}
        }
    }
    out
}

/// Every variable a block writes (`let`, assignments, call results, array stores and swaps).
fn writes_all(b: &Block, out: &mut Vec<VarId>) {
    for s in &b.stmts {
        match s {
            Stmt::Let { var, .. } | Stmt::Assign { var, .. } => out.push(*var),
            Stmt::Call { dests, call } => {
                out.extend(dests.iter().copied());
                out.extend(updated_in_place(call));
            }
            Stmt::Store { array, .. } => out.push(*array),
            Stmt::Swap(a, c) => {
                out.push(*a);
                out.push(*c);
            }
            Stmt::Opaque(_, writes) => out.extend(writes.iter().copied()),
            other => {
                for inner in nested_blocks(other) {
                    writes_all(inner, out);
                }
            }
        }
    }
}

/// Variables declared by `let` inside a block.
fn lets_in(b: &Block, out: &mut Vec<VarId>) {
    for s in &b.stmts {
        match s {
            Stmt::Let { var, .. } => out.push(*var),
            other => {
                for inner in nested_blocks(other) {
                    lets_in(inner, out);
                }
            }
        }
    }
}

/// `self` in generated code read as `(&copy)` (a checkpointed method's recomputation, which a
/// `'static` pullback runs on its own copy of the receiver).
fn rename_self(t: TokenStream, copy: &Ident) -> TokenStream {
    t.into_iter()
        .map(|tt| match tt {
            proc_macro2::TokenTree::Ident(i) if i == "self" => {
                let g =
                    proc_macro2::Group::new(proc_macro2::Delimiter::Parenthesis, quote!(&#copy));
                proc_macro2::TokenTree::Group(g)
            }
            proc_macro2::TokenTree::Group(g) => {
                let mut n = proc_macro2::Group::new(g.delimiter(), rename_self(g.stream(), copy));
                n.set_span(g.span());
                proc_macro2::TokenTree::Group(n)
            }
            other => other,
        })
        .collect()
}

/// In the dual twin, the type of a call's results (`: (Dual<f64>, _)`), which fixes a generic
/// callee's float type when its float arguments are constants; nothing outside the twin or for
/// a call without results.
fn twin_result_ty(g: &Gen, dests: &[VarId]) -> TokenStream {
    if !g.twin || dests.is_empty() || dests.iter().any(|&d| !g.active(d)) {
        return TokenStream::new();
    }
    let float = &g.float;
    let tys: Vec<TokenStream> = dests
        .iter()
        .map(|&d| {
            if g.is_array(d) {
                quote!(::std::vec::Vec<#float>)
            } else {
                quote!(#float)
            }
        })
        .collect();
    match tys.as_slice() {
        [t] => quote!(: (#t, _)),
        _ => quote!(: ((#(#tys),*), _)),
    }
}

/// The owned copy of a struct argument a checkpointed loop's pullback recomputes with.
fn cp_struct_copy(n: &Ident) -> Ident {
    quote::format_ident!(
        "__cp_{}",
        n.to_string().trim_start_matches("r#"),
        span = proc_macro2::Span::mixed_site()
    )
}

fn call_dests_in(b: &Block, out: &mut Vec<VarId>) {
    for s in &b.stmts {
        match s {
            Stmt::Call { dests, .. } => out.extend(dests.iter().copied()),
            other => {
                for inner in nested_blocks(other) {
                    call_dests_in(inner, out);
                }
            }
        }
    }
}

/// How the pullback can compute a node's value without saving it, if it can: array elements
/// re-read from the restored arrays, values it names directly (constants, stable variables),
/// and cheap arithmetic on those.
fn rev_of(n: &Node) -> Option<TokenStream> {
    match (&n.rev, &n.saved) {
        (Some(r), _) => Some(r.clone()),
        (None, None) => Some(n.handle.clone()),
        _ => None,
    }
}

trait PlanLookup {
    fn restores_at(self, k: usize) -> bool;
}

impl PlanLookup for Option<&Vec<bool>> {
    /// Whether store `k` saves and restores (always, without a plan).
    fn restores_at(self, k: usize) -> bool {
        match self {
            None => true,
            Some(p) => p.get(k).copied().unwrap_or(true),
        }
    }
}

/// Which array stores must save and restore the element they overwrite. A store's old value is
/// needed by the pullback only if some adjoint code reversed after the store reads the values of
/// an array that can hold it: one of the same class (arrays exchanged by `mem::swap` share one),
/// read at a forward position up to the store's, or anywhere in a loop around both (other
/// iterations). Reads after the store outside its loops are reversed before it and see the
/// final state. Found by generating the reverse pass once and looking at what it read.
fn plan_restores(g: &Gen) -> Vec<bool> {
    let mut dry = Reverse::new(g);
    let _ = dry.fwd_block(&g.f.body);
    let class = swap_classes(g);
    let reads = dry.value_reads.borrow().clone();
    dry.stores
        .iter()
        .map(|(a, pos, loops)| {
            reads.iter().any(|(r, rpos, rloops)| {
                class[*r] == class[*a] && (rpos <= pos || rloops.iter().any(|l| loops.contains(l)))
            })
        })
        .collect()
}

/// For the body of a checkpointed loop, recorded chunk by chunk: per store (in generation
/// order), whether its old value must be restored. The body runs in a loop, so any read of
/// the array's values (or of an array swapped with it) in the body's adjoint may need it; a
/// class of arrays whose values the body's adjoint never reads (a linear stencil) is not
/// restored. What the pullback reads before the loop comes from the first chunk's snapshot.
fn plan_chunk_restores(g: &Gen, body: &Block) -> Vec<bool> {
    let mut dry = Reverse::new(g);
    dry.straight = false;
    let _ = dry.fwd_block(body);
    let class = swap_classes(g);
    let reads = dry.value_reads.borrow().clone();
    dry.stores
        .iter()
        .map(|(a, _, _)| reads.iter().any(|(r, _, _)| class[*r] == class[*a]))
        .collect()
}

/// Each variable's class of arrays that `mem::swap` exchanges anywhere in the function (a
/// representative per class; arrays never swapped are their own).
fn swap_classes(g: &Gen) -> Vec<VarId> {
    fn find(c: &mut [VarId], v: VarId) -> VarId {
        let mut r = v;
        while c[r] != r {
            r = c[r];
        }
        c[v] = r;
        r
    }
    fn swaps(b: &Block, out: &mut Vec<(VarId, VarId)>) {
        for s in &b.stmts {
            match s {
                Stmt::Swap(a, c) => out.push((*a, *c)),
                other => nested_blocks(other).into_iter().for_each(|b| swaps(b, out)),
            }
        }
    }
    let mut class: Vec<VarId> = (0..g.f.vars.len()).collect();
    let mut pairs = Vec::new();
    swaps(&g.f.body, &mut pairs);
    for (a, b) in pairs {
        let (ra, rb) = (find(&mut class, a), find(&mut class, b));
        class[ra] = rb;
    }
    (0..class.len()).map(|v| find(&mut class, v)).collect()
}

/// The window of `wins` at `owner[ri]`, added if new: `array` names what it slices (given the
/// windows so far), `adjoint` says how to bind an adjoint's cells. Returns `(win, kw)`.
fn add_window(
    g: &Gen,
    wins: &mut Vec<WinRead>,
    owner: &str,
    array: impl FnOnce(&[WinRead]) -> TokenStream,
    ri: &TokenStream,
    adjoint: Option<(String, TokenStream, ParSrc)>,
) -> (Ident, Ident) {
    let key = format!("{owner}[{ri}]");
    if let Some(w) = wins.iter().find(|w| w.key == key) {
        return (w.win.clone(), w.kw.clone());
    }
    let array = array(wins);
    let (w, kw) = (g.fresh("w"), g.fresh("kw"));
    let (adjoint, par) = match adjoint {
        Some((o, c, p)) => (Some((o, c)), Some(p)),
        None => (None, None),
    };
    wins.push(WinRead {
        key,
        array,
        index: ri.clone(),
        win: w.clone(),
        kw: kw.clone(),
        adjoint,
        par,
    });
    (w, kw)
}

/// What a counted loop's adjoint can update through windows of cells (`Reverse::adj_win`,
/// `Reverse::field_win`): the arrays, and the array fields of struct arguments (`p.w`), whose
/// every appearance in the body is an element read (or, for arrays, store) at an index with the
/// counter's coefficient one. Not result arrays, whose adjoint the pullback does not index.
fn affine_places(
    g: &Gen,
    env: &crate::affine::Env,
    body: &Block,
) -> (Vec<VarId>, Vec<(VarId, String)>) {
    #[derive(Clone, PartialEq, PartialOrd, Eq, Ord)]
    enum Place {
        Array(VarId),
        Field(VarId, String),
    }
    struct Scan<'s> {
        g: &'s Gen<'s>,
        env: &'s crate::affine::Env,
        ok: Vec<Place>,
        bad: Vec<Place>,
    }
    impl Scan<'_> {
        fn at(&mut self, place: Place, index: &crate::ir::Opaque) {
            match self.env.lin(self.g.f, &index.tokens, &index.reads) {
                Some(l) if l.coef == 1 => self.ok.push(place),
                _ => self.bad.push(place),
            }
        }
        fn bad_vars(&mut self, vs: impl IntoIterator<Item = VarId>) {
            self.bad.extend(vs.into_iter().map(Place::Array));
        }
        fn expr(&mut self, e: &Expr) {
            match e {
                Expr::Index(a, index) => self.at(Place::Array(*a), index),
                Expr::FieldIndex(p, path, index) => {
                    self.at(Place::Field(*p, path.to_string()), index)
                }
                Expr::Field(p, path) => self.bad.push(Place::Field(*p, path.to_string())),
                // A struct passed on: the callee adds to all of its adjoint (no cells).
                Expr::Var(v)
                | Expr::ArrayCopy(v, _)
                | Expr::ArrayArg(v, _)
                | Expr::StructArg(v, _)
                | Expr::FieldArrayArg(v, _) => self.bad_vars([*v]),
                Expr::Opaque(_) => {}
                Expr::Neg(a) | Expr::Cast(a, _) | Expr::ArrayRepeat(a, _, _) => self.expr(a),
                Expr::Binary(_, a, b) => {
                    self.expr(a);
                    self.expr(b);
                }
                Expr::Prim(_, args, _) | Expr::ArrayLit(args, _) => {
                    args.iter().for_each(|a| self.expr(a))
                }
            }
        }
        fn block(&mut self, b: &Block) {
            for s in &b.stmts {
                match s {
                    Stmt::Let { var, init, .. } => {
                        self.bad_vars([*var]);
                        if let Some(e) = init {
                            self.expr(e);
                        }
                    }
                    Stmt::Assign { var, value } => {
                        self.bad_vars([*var]);
                        self.expr(value);
                    }
                    Stmt::Call { dests, call } => {
                        self.bad_vars(dests.iter().copied());
                        call.args.iter().for_each(|a| self.expr(a));
                    }
                    Stmt::Opaque(_, writes) => self.bad_vars(writes.iter().copied()),
                    Stmt::Store {
                        array,
                        index,
                        value,
                    } => {
                        self.at(Place::Array(*array), index);
                        self.expr(value);
                    }
                    Stmt::Swap(a, c) => self.bad_vars([*a, *c]),
                    Stmt::Block(inner) => self.block(inner),
                    other => {
                        // Under control flow: whatever it touches is not windowed.
                        let ok = std::mem::take(&mut self.ok);
                        for inner in nested_blocks(other) {
                            self.block(inner);
                        }
                        let touched = std::mem::replace(&mut self.ok, ok);
                        self.bad.extend(touched);
                    }
                }
            }
        }
    }
    let mut scan = Scan {
        g,
        env,
        ok: Vec::new(),
        bad: Vec::new(),
    };
    scan.block(body);
    let Scan { mut ok, bad, .. } = scan;
    ok.sort_unstable();
    ok.dedup();
    let (mut arrays, mut fields) = (Vec::new(), Vec::new());
    for place in ok.into_iter().filter(|p| !bad.contains(p)) {
        match place {
            Place::Array(v) if !g.f.results.contains(&v) && g.f.vars[v].array => arrays.push(v),
            Place::Array(_) => {}
            Place::Field(p, _) if bad.contains(&Place::Array(p)) => {}
            Place::Field(p, path) => fields.push((p, path)),
        }
    }
    (arrays, fields)
}

/// The index analysis for the body of a counted loop `for j in a..b` (not `mut j`).
/// A `for` loop over a half-open range `a..b`: its pattern and the range.
fn half_open_for(s: &Stmt) -> Option<(&syn::Pat, syn::ExprRange)> {
    let Stmt::Loop {
        kind: LoopKind::For(pat, iter),
        ..
    } = s
    else {
        return None;
    };
    let range: syn::ExprRange = syn::parse2(iter.clone()).ok()?;
    matches!(range.limits, syn::RangeLimits::HalfOpen(_)).then_some((pat, range))
}

fn affine_env(g: &Gen, s: &Stmt, body: &Block) -> Option<crate::affine::Env> {
    let (syn::Pat::Ident(pi), _) = half_open_for(s)? else {
        return None;
    };
    if pi.mutability.is_some() || pi.by_ref.is_some() || pi.subpat.is_some() {
        return None;
    }
    let mut written = Vec::new();
    written_in(body, &mut written);
    // Inside the body, the counter's name means the counter unless the body rebinds it.
    let counters: Vec<VarId> = (0..g.f.vars.len())
        .filter(|v| g.f.vars[*v].name == pi.ident && !written.contains(v))
        .collect();
    let mut counts = vec![0usize; g.f.vars.len()];
    count_writes(body, &mut counts);
    written.extend(counters.iter().copied());
    Some(crate::affine::Env::new(
        g.f, &counters, body, &written, &counts,
    ))
}

/// What a parallel replay is built from (see [`Par::region`]): a counted loop's windows, the
/// ones its adjoint code uses, its deferred adds, and that code.
struct Par<'r> {
    wins: &'r [WinRead],
    adj_wins: &'r [WinRead],
    sliced: &'r [(String, Ident)],
    used: &'r [String],
    adds: &'r AddsCode,
    /// The adjoints of the scalars an iteration declares, zero at its start.
    local_decls: &'r TokenStream,
    /// An iteration's adjoint code (without the accumulators of its deferred adds).
    code: &'r TokenStream,
    n: &'r Ident,
}

/// The adjoints of outer scalars that a parallel replay's iterations touch: of the sums the
/// loop accumulates (`s = s + e`), passed through each iteration unchanged, and of the values
/// the loop only reads, which sum over the iterations (a partial sum per thread).
#[derive(Default)]
struct ParScalars {
    pass: Vec<Ident>,
    reduce: Vec<Ident>,
    /// The sums themselves (whose adjoints are `pass`).
    sums: Vec<VarId>,
}

impl Par<'_> {
    /// The replay of a reduction loop written as a rayon chain, on one contiguous range of
    /// iterations per thread (`par_replay`): each array adjoint it adds to goes through one
    /// window indexed by the iteration number, so the threads write disjoint parts of it.
    /// Each range's register windows (the additions to the elements below the range) and
    /// partial sums come back, and are added after the threads have joined. `None` where the
    /// loop's adjoint does not have that shape: the replay then runs on one thread.
    fn region(
        &self,
        g: &Gen,
        kk: &Ident,
        lo: &Ident,
        prologue: &TokenStream,
        sc: ParScalars,
    ) -> Option<TokenStream> {
        if !self.adds.post.is_empty() {
            return None;
        }
        let n = self.n;
        let hi = g.fresh("hi");
        let base_of = |w: &WinRead| {
            self.sliced
                .iter()
                .find(|(k, _)| *k == w.key)
                .map(|(_, b)| b.clone())
        };
        let (mut reads, mut block_reads, mut kbinds) =
            (TokenStream::new(), TokenStream::new(), TokenStream::new());
        let (mut par_wins, mut par_names, mut owners) = (Vec::new(), Vec::new(), Vec::new());
        // In debug builds: each index is its first iteration's plus the iteration number.
        let mut checked: Vec<String> = Vec::new();
        let mut check = |ix: &TokenStream, base: &Ident| {
            if checked.contains(&base.to_string()) {
                return TokenStream::new();
            }
            checked.push(base.to_string());
            quote!(debug_assert_eq!(#ix, #base + #lo + #kk);)
        };
        for w in self.wins.iter().chain(self.adj_wins) {
            if !self.used.contains(&w.win.to_string()) {
                continue;
            }
            let (win, kw, arr, ix) = (&w.win, &w.kw, &w.array, &w.index);
            match (&w.adjoint, base_of(w)) {
                (Some((owner, _)), Some(base)) => {
                    // One window per adjoint: the threads' parts of it are then disjoint.
                    if owners.contains(owner) {
                        return None;
                    }
                    owners.push(owner.clone());
                    par_wins.push(match w.par.as_ref()? {
                        ParSrc::Vec(b, len) => quote!(#b.par_window(#len, #base, #n)),
                        ParSrc::Slice(sl) => {
                            let p = g.private();
                            quote!(#p::ParWin::Init(&mut (#sl)[#base..][..#n]))
                        }
                    });
                    par_names.push(win.clone());
                    kbinds.extend(quote!(let #kw = #kk;));
                    kbinds.extend(check(ix, &base));
                }
                (Some(_), None) => return None,
                (None, Some(base)) => {
                    reads.extend(quote!(let #win = &#arr[#base..][..#n];));
                    block_reads.extend(quote!(let #win = &#win[#lo..#hi];));
                    kbinds.extend(quote!(let #kw = #kk;));
                    kbinds.extend(check(ix, &base));
                }
                (None, None) => {
                    reads.extend(quote!(let #win = &#arr[..];));
                    kbinds.extend(quote!(let #kw = #ix;));
                }
            }
        }
        let (st, parts) = (g.fresh("st"), g.fresh("parts"));
        let zero = g.acc_zero();
        let red_parts: Vec<Ident> = sc.reduce.iter().map(|_| g.fresh("part")).collect();
        let state: Vec<&Ident> = self.adds.regs.iter().chain(&sc.reduce).collect();
        let state_out: Vec<&Ident> = self.adds.regs.iter().chain(&red_parts).collect();
        let zeros = state.iter().map(|_| zero.clone());
        let (pass, reduce) = (&sc.pass, &sc.reduce);
        let (local_decls, code, post_in) = (self.local_decls, self.code, &self.adds.post_in);
        let (decls, flush) = (&self.adds.decls, &self.adds.flush);
        // Where every window receives its one write per iteration in the deferred writes, and
        // nothing else touches them, an adjoint with nothing in it yet is written, not added to.
        let wnames: Vec<String> = par_names.iter().map(|w| w.to_string()).collect();
        let fresh = self.adds.flush_fresh.as_ref().filter(|f| {
            let (in_flush, in_code) = (names_in(f), names_in(code));
            !wnames.is_empty()
                && wnames
                    .iter()
                    .all(|w| in_flush.contains(w) && !in_code.contains(w))
        });
        // The bases the last writes of a range's registers use, moved to the range's start.
        let in_post = names_in(post_in);
        let mut post_bases: Vec<&Ident> = Vec::new();
        for (_, b) in self.sliced {
            if in_post.contains(&b.to_string()) && !post_bases.contains(&b) {
                post_bases.push(b);
            }
        }
        let (float, k, private) = (&g.float, par_wins.len(), g.private());
        let step = |flush: &TokenStream| {
            quote! {
                |#st, #lo, #hi, [#(#par_names),*]| {
                    let (#(mut #state,)*) = *#st;
                    #(let mut #pass = #pass;)*
                    #block_reads
                    for #kk in (0..#hi - #lo).rev() {
                        #prologue
                        #kbinds
                        #local_decls
                        #decls
                        #code
                        #flush
                    }
                    *#st = (#(#state,)*);
                }
            }
        };
        let add = step(flush);
        let call = match fresh {
            Some(f) => {
                let write = step(f);
                quote!(#private::par_replay_fresh::<#float, _, #k>(
                    #n, [#(#par_wins),*], || (#(#zeros,)*), #add, #write,
                ))
            }
            None => quote!(#private::par_replay::<#float, _, #k>(
                #n, [#(#par_wins),*], || (#(#zeros,)*), #add,
            )),
        };
        Some(quote! {
            #reads
            let #parts = #call;
            for (#lo, (#(#state_out,)*)) in #parts {
                #(let #post_bases = #post_bases + #lo;)*
                #post_in
                #(#reduce += #red_parts;)*
            }
        })
    }
}

/// For the replay of a loop marked parallel: its outer scalar adjoints (see [`ParScalars`]),
/// if the body is lets and assignments, and each outer scalar it assigns is a sum it
/// accumulates and reads nowhere else; `None` otherwise. `names` are the identifiers of an
/// iteration's adjoint code.
fn par_scalars(g: &Gen, body: &Block, names: &[String]) -> Option<ParScalars> {
    fn reads(e: &Expr, v: VarId) -> usize {
        match e {
            Expr::Var(x) => usize::from(*x == v),
            Expr::Opaque(o) | Expr::Index(_, o) | Expr::FieldIndex(_, _, o) => {
                o.reads.iter().filter(|x| **x == v).count()
            }
            Expr::Neg(a) | Expr::Cast(a, _) => reads(a, v),
            Expr::Binary(_, a, b) => reads(a, v) + reads(b, v),
            Expr::Prim(_, args, _) => args.iter().map(|a| reads(a, v)).sum(),
            Expr::ArrayRepeat(a, o, _) => reads(a, v) + o.reads.iter().filter(|x| **x == v).count(),
            Expr::ArrayLit(xs, _) => xs.iter().map(|a| reads(a, v)).sum(),
            Expr::ArrayCopy(x, _) | Expr::ArrayArg(x, _) => usize::from(*x == v),
            Expr::Field(..) | Expr::StructArg(..) | Expr::FieldArrayArg(..) => 0,
        }
    }
    let mut locals = Vec::new();
    lets_in(body, &mut locals);
    let mut values = Vec::new();
    for st in &body.stmts {
        match st {
            Stmt::Let { init, .. } => values.extend(init.as_ref()),
            Stmt::Assign { value, .. } => values.push(value),
            Stmt::Opaque(_, w) if w.iter().all(|v| locals.contains(v)) => {}
            _ => return None,
        }
    }
    let mut sc = ParScalars::default();
    for (v, var) in g.f.vars.iter().enumerate() {
        let b = g.adj(v);
        if locals.contains(&v) || !names.contains(&b.to_string()) {
            continue;
        }
        let is_struct = var
            .param
            .is_some_and(|i| g.sig.params[i].structure.is_some());
        if var.array || is_struct || !var.active {
            return None;
        }
        let writes: Vec<&Expr> = body
            .stmts
            .iter()
            .filter_map(|s| match s {
                Stmt::Assign { var, value } if *var == v => Some(value),
                _ => None,
            })
            .collect();
        match writes.as_slice() {
            [] => sc.reduce.push(b.clone()),
            [Expr::Binary(BinOp::Add, a, c)] => {
                let rest = match (&**a, &**c) {
                    (Expr::Var(x), r) | (r, Expr::Var(x)) if *x == v => r,
                    _ => return None,
                };
                let total: usize = values.iter().map(|e| reads(e, v)).sum();
                if reads(rest, v) > 0 || total != 1 {
                    return None;
                }
                sc.pass.push(b.clone());
                sc.sums.push(v);
            }
            _ => return None,
        }
    }
    Some(sc)
}

/// The flag of `f_grad`'s own function (`__oxidiff_vg_f`): whether its caller wants the value
/// (`f_value_and_grad`) or only the gradient (`f_grad`). Elsewhere it is `true`.
pub(crate) fn want_value() -> Ident {
    Ident::new("__want_value", proc_macro2::Span::mixed_site())
}
