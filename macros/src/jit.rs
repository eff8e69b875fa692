//! `#[jit]` and tensor-mode `#[differentiable]`: functions over `Tensor`s.
//!
//! The body is kept as Rust, with its control flow rewritten ([`Convert`]) into calls of
//! `oxidiff_xla::jit::{cond, fori, while_loop}`, which run ordinary Rust when the condition
//! is a `bool` and record `stablehlo.case`/`stablehlo.while` when it is a traced tensor.
//! The body becomes a hidden function; the generated entry points flatten their tensor
//! arguments, look up a compiled executable in the function's cache (keyed by shapes,
//! dtypes, static arguments and the transformation), trace the body on a miss, and run it.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned, ToTokens};
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::visit_mut::VisitMut;
use syn::{
    Block, Expr, FnArg, GenericArgument, Ident, ItemFn, Pat, PathArguments, ReturnType, Stmt, Type,
};

use crate::error::Ctxt;

/// Options of the tensor-mode `#[differentiable(..)]`.
#[derive(Default)]
pub struct TensorDiff {
    pub max_iters: Option<syn::Expr>,
}

pub struct JitArgs {
    pub root: TokenStream,
    /// `precision = "bf16"` / `"f16"`: the reduced-precision policy.
    pub precision: Option<Ident>,
}

impl syn::parse::Parse for JitArgs {
    fn parse(input: syn::parse::ParseStream) -> syn::Result<Self> {
        let mut root = quote!(::oxidiff);
        let mut precision = None;
        while !input.is_empty() {
            if input.peek(syn::Token![crate]) {
                input.parse::<syn::Token![crate]>()?;
                input.parse::<syn::Token![=]>()?;
                let s: syn::LitStr = input.parse()?;
                let p: syn::Path = s.parse()?;
                root = quote!(#p);
            } else {
                let id: Ident = input.parse()?;
                if id == "precision" {
                    input.parse::<syn::Token![=]>()?;
                    let s: syn::LitStr = input.parse()?;
                    precision = Some(match s.value().as_str() {
                        "bf16" => Ident::new("BF16", s.span()),
                        "f16" => Ident::new("F16", s.span()),
                        _ => {
                            return Err(syn::Error::new(
                                s.span(),
                                "precision is \"bf16\" or \"f16\" (compute in that dtype, accumulate in f32)",
                            ))
                        }
                    });
                } else {
                    return Err(syn::Error::new(
                        id.span(),
                        format!("unknown #[jit] option `{id}`: the options are `crate = \"path\"` and `precision = \"bf16\"` / `\"f16\"`"),
                    ));
                }
            }
            if !input.is_empty() {
                input.parse::<syn::Token![,]>()?;
            }
        }
        Ok(JitArgs { root, precision })
    }
}

/// `#[vmap]` / `#[vmap(in_axes = (0, None), out_axes = 0)]` (JAX's `in_axes`/`out_axes`).
pub struct VmapOpts {
    /// One entry per argument (`None`: shared by every example); `None` here: every
    /// tensor argument mapped along axis 0.
    pub in_axes: Option<(Vec<Option<usize>>, Span)>,
    pub out_axes: usize,
    /// Where `out_axes` was written.
    pub out_span: Option<Span>,
}

impl syn::parse::Parse for VmapOpts {
    fn parse(input: syn::parse::ParseStream) -> syn::Result<Self> {
        fn axis(e: &Expr) -> syn::Result<Option<usize>> {
            match e {
                Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Int(i),
                    ..
                }) => Ok(Some(i.base10_parse()?)),
                Expr::Path(p) if p.path.is_ident("None") => Ok(None),
                other => Err(syn::Error::new_spanned(
                    other,
                    "an axis is an integer literal or `None`",
                )),
            }
        }
        let mut opts = VmapOpts {
            in_axes: None,
            out_axes: 0,
            out_span: None,
        };
        while !input.is_empty() {
            let id: Ident = input.parse()?;
            input.parse::<syn::Token![=]>()?;
            let e: Expr = input.parse()?;
            if id == "in_axes" {
                let axes = match &e {
                    Expr::Tuple(t) => t.elems.iter().map(axis).collect::<syn::Result<Vec<_>>>()?,
                    Expr::Paren(p) => vec![axis(&p.expr)?],
                    other => vec![axis(other)?],
                };
                opts.in_axes = Some((axes, e.span()));
            } else if id == "out_axes" {
                opts.out_span = Some(e.span());
                opts.out_axes = axis(&e)?.ok_or_else(|| {
                    syn::Error::new_spanned(
                        &e,
                        "out_axes is an integer: where results put the batch axis",
                    )
                })?;
            } else {
                return Err(syn::Error::new(
                    id.span(),
                    format!("unknown #[vmap] option `{id}`: the options are `in_axes = (0, None, ..)` (one per argument) and `out_axes = 0`"),
                ));
            }
            if !input.is_empty() {
                input.parse::<syn::Token![,]>()?;
            }
        }
        Ok(opts)
    }
}

/// Whether a type mentions `Tensor` (the signature of a tensor function).
pub fn mentions_tensor(ty: &Type) -> bool {
    struct V(bool);
    impl<'a> Visit<'a> for V {
        fn visit_path_segment(&mut self, s: &'a syn::PathSegment) {
            if s.ident == "Tensor" {
                self.0 = true;
            }
            syn::visit::visit_path_segment(self, s);
        }
    }
    let mut v = V(false);
    v.visit_type(ty);
    v.0
}

/// A tensor function: some parameter or the result mentions `Tensor`.
pub fn is_tensor_fn(f: &ItemFn) -> bool {
    let params = f.sig.inputs.iter().any(|a| match a {
        FnArg::Typed(pt) => mentions_tensor(&pt.ty),
        FnArg::Receiver(_) => false,
    });
    let ret = match &f.sig.output {
        ReturnType::Type(_, t) => mentions_tensor(t),
        ReturnType::Default => false,
    };
    params || ret
}

fn is_attr(a: &syn::Attribute, name: &str) -> bool {
    a.path().segments.last().is_some_and(|s| s.ident == name)
}

/// Takes the attribute `name` off `f`, returning its arguments and a `use` of its path (so
/// the user's import of the attribute, which rustc never resolves, counts as used).
pub fn take_attr(f: &mut ItemFn, name: &str) -> Option<(TokenStream, TokenStream)> {
    let pos = f.attrs.iter().position(|a| is_attr(a, name))?;
    let a = f.attrs.remove(pos);
    let path = a.path().clone();
    let used = quote!(#[allow(unused_imports)] use #path as _;);
    Some((
        match a.meta {
            syn::Meta::List(l) => l.tokens,
            _ => TokenStream::new(),
        },
        used,
    ))
}

/// The other tensor-function attributes stacked on the item (`#[jit]`, `#[differentiable]`,
/// `#[vmap]`), taken off it: whichever rustc expands first handles all of them.
#[derive(Default)]
pub struct Stacked {
    pub jit: Option<JitArgs>,
    pub diff: Option<TensorDiff>,
    pub vmap: Option<VmapOpts>,
    /// `use` items keeping the user's imports of the taken attributes used.
    pub used: TokenStream,
}

/// The `use` items of [`Stacked::used`] inside a hidden function (valid in an `impl` block).
pub fn keep_used(used: TokenStream, name: &Ident) -> TokenStream {
    if used.is_empty() {
        return used;
    }
    let f = format_ident!("__oxidiff_uses_{}", name);
    quote! {
        #[doc(hidden)]
        #[allow(dead_code, non_snake_case)]
        fn #f() {
            #used
        }
    }
}

pub fn take_stacked(f: &mut ItemFn) -> syn::Result<Stacked> {
    let mut st = Stacked::default();
    if let Some((tokens, u)) = take_attr(f, "jit") {
        st.used.extend(u);
        st.jit = Some(syn::parse2(tokens)?);
    }
    if let Some((tokens, u)) = take_attr(f, "differentiable") {
        st.used.extend(u);
        let d: crate::attr::DiffArgs = syn::parse2(tokens)?;
        st.diff = Some(TensorDiff {
            max_iters: d.max_iters,
        });
    }
    if let Some((tokens, u)) = take_attr(f, "vmap") {
        st.used.extend(u);
        st.vmap = Some(syn::parse2(tokens)?);
    }
    Ok(st)
}

enum Kind {
    /// Part of the cache key (`Debug`), passed to the body as is.
    Static,
    /// Tensor leaves: `by_ref` for `&T`; `sharded`: split over devices by `f_data_parallel`.
    Tree {
        by_ref: bool,
        active: bool,
        sharded: bool,
        /// `&[T]`: flattened and rebuilt as a `Vec<T>`.
        slice: bool,
    },
}

/// The expression that borrows argument (or tangent) `id` of parameter `p` as a `TensorTree`.
fn tree_ref(p: &Param, id: &Ident) -> TokenStream {
    match p.kind {
        Kind::Tree { slice: true, .. } => quote!(&#id.to_vec()),
        Kind::Tree { by_ref: true, .. } => quote!(#id),
        _ => quote!(&#id),
    }
}

struct Param {
    ident: Ident,
    ty: Type,
    kind: Kind,
}

fn is_static_type(ty: &Type) -> bool {
    match ty {
        Type::Reference(r) => match &*r.elem {
            Type::Path(p) => p.path.is_ident("str"),
            _ => false,
        },
        Type::Tuple(t) => !t.elems.is_empty() && t.elems.iter().all(is_static_type),
        Type::Array(a) => is_static_type(&a.elem),
        Type::Path(p)
            if p.qself.is_none()
                && p.path.segments.len() == 1
                && p.path.segments[0].ident == "Option" =>
        {
            match &p.path.segments[0].arguments {
                PathArguments::AngleBracketed(a) => a.args.iter().all(|g| match g {
                    GenericArgument::Type(t) => is_static_type(t),
                    _ => false,
                }),
                _ => false,
            }
        }
        Type::Path(p) if p.qself.is_none() => {
            crate::sig::is_discrete(ty)
                || p.path
                    .get_ident()
                    .is_some_and(|i| ["f32", "f64", "String"].contains(&i.to_string().as_str()))
        }
        _ => false,
    }
}

/// `Result<T>` / `Result<T, E>` → `T`.
fn result_inner(ty: &Type) -> Option<&Type> {
    let Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?;
    if last.ident != "Result" {
        return None;
    }
    let PathArguments::AngleBracketed(a) = &last.arguments else {
        return None;
    };
    match a.args.first()? {
        GenericArgument::Type(t) => Some(t),
        _ => None,
    }
}

struct Analyzed {
    params: Vec<Param>,
    out: Type,
    returns_result: bool,
}

fn analyze(cx: &mut Ctxt, f: &mut ItemFn, what: &str) -> Option<Analyzed> {
    let sig = &mut f.sig;
    if !sig.generics.params.is_empty() {
        cx.error_spanned(
            &sig.generics,
            format!("{what} functions can't be generic: each call is compiled for concrete tensor types; write a non-generic wrapper and annotate it"),
        );
    }
    if let Some(a) = &sig.asyncness {
        cx.error_spanned(a, format!("{what} functions can't be `async`"));
    }
    let mut params = vec![];
    for arg in sig.inputs.iter_mut() {
        let pt = match arg {
            FnArg::Receiver(r) => {
                // `&self` / `self`: the value itself is a tree argument (its gradient is `Self`).
                if r.mutability.is_some() && r.reference.is_some() || r.colon_token.is_some() {
                    cx.error_spanned(
                        &*r,
                        format!("{what} methods take `&self` or `self` (a compiled function can't write to its inputs): return the new value instead"),
                    );
                    continue;
                }
                let by_ref = r.reference.is_some();
                params.push(Param {
                    ident: Ident::new("self", r.self_token.span),
                    ty: if by_ref {
                        syn::parse_quote!(&Self)
                    } else {
                        syn::parse_quote!(Self)
                    },
                    kind: Kind::Tree {
                        by_ref,
                        active: true,
                        sharded: false,
                        slice: false,
                    },
                });
                continue;
            }
            FnArg::Typed(pt) => pt,
        };
        let before = pt.attrs.len();
        pt.attrs.retain(|a| !is_attr(a, "static_arg"));
        let static_arg = pt.attrs.len() != before;
        let before = pt.attrs.len();
        pt.attrs.retain(|a| !is_attr(a, "no_grad"));
        let no_grad = pt.attrs.len() != before;
        let before = pt.attrs.len();
        pt.attrs.retain(|a| !is_attr(a, "shard"));
        let sharded = pt.attrs.len() != before;
        let (ident, mutable) = match &*pt.pat {
            Pat::Ident(pi) if pi.subpat.is_none() && pi.by_ref.is_none() => {
                (pi.ident.clone(), pi.mutability.is_some())
            }
            other => {
                cx.error_spanned(
                    other,
                    format!("{what} needs a plain name for each argument (`x: &Tensor`); destructure inside the body"),
                );
                continue;
            }
        };
        if let Type::Reference(r) = &*pt.ty {
            if r.mutability.is_some() {
                cx.error_spanned(
                    &pt.ty,
                    format!("{what} arguments are read-only (a compiled function can't write to its inputs): return the new value instead"),
                );
                continue;
            }
        }
        let kind = if static_arg || is_static_type(&pt.ty) {
            if sharded {
                cx.error_spanned(
                    &pt.pat,
                    "#[shard] applies to tensor arguments (split along axis 0 over the devices); this one is static",
                );
            }
            Kind::Static
        } else {
            Kind::Tree {
                by_ref: matches!(&*pt.ty, Type::Reference(_)),
                active: !no_grad,
                sharded,
                slice: matches!(&*pt.ty, Type::Reference(r) if matches!(&*r.elem, Type::Slice(_))),
            }
        };
        let _ = mutable;
        params.push(Param {
            ident,
            ty: (*pt.ty).clone(),
            kind,
        });
    }
    let (out, returns_result) = match &sig.output {
        ReturnType::Default => {
            cx.error_spanned(
                &sig.ident,
                format!("{what} functions return their tensors: add a result type such as `-> Result<Tensor>`"),
            );
            return None;
        }
        ReturnType::Type(_, t) => match result_inner(t) {
            Some(inner) => (inner.clone(), true),
            None => ((**t).clone(), false),
        },
    };
    Some(Analyzed {
        params,
        out,
        returns_result,
    })
}

/// `#[jit]`, with `diff` when `#[differentiable]` is on the same function.
pub fn expand(
    root: &TokenStream,
    mut f: ItemFn,
    jit: Option<&JitArgs>,
    diff: Option<TensorDiff>,
    vmap: Option<VmapOpts>,
) -> syn::Result<TokenStream> {
    let precision = match jit.and_then(|j| j.precision.as_ref()) {
        Some(d) => quote!(::core::option::Option::Some(#root::__private::xla::DType::#d)),
        None => quote!(::core::option::Option::None),
    };
    let jit = jit.is_some();
    let what = if jit {
        "#[jit]"
    } else if diff.is_some() {
        "#[differentiable] tensor"
    } else {
        "#[vmap]"
    };
    let mut cx = Ctxt::default();
    let an = analyze(&mut cx, &mut f, what);
    let mut conv = Convert {
        root: root.clone(),
        cx: &mut cx,
    };
    let mut body = (*f.block).clone();
    conv.visit_block_mut(&mut body);
    std::mem::take(&mut cx).finish()?;
    let an = an.expect("errors reported");

    let x = quote!(#root::__private::xla);
    let j = quote!(#x::jit);
    let name = &f.sig.ident;
    let name_str = name.to_string();
    let vis = &f.vis;
    let attrs: Vec<&syn::Attribute> = f.attrs.iter().collect();
    let out = &an.out;
    let body_fn = format_ident!("__oxidiff_body_{}", name);
    let cache = format_ident!("__OXIDIFF_CACHE_{}", name);
    let res = quote!(::core::result::Result<#out, #x::Error>);

    // The body as a hidden function returning `Result`.
    let body_inputs = &f.sig.inputs;
    let body_block = if an.returns_result {
        quote!(#body)
    } else {
        let mut b = body.clone();
        WrapReturns.visit_block_mut(&mut b);
        quote!({ ::core::result::Result::Ok(#b) })
    };
    let body_out = match (&f.sig.output, an.returns_result) {
        (ReturnType::Type(_, t), true) => quote!(-> #t),
        _ => quote!(-> #res),
    };
    // A method (`&self`): the generated items live in the `impl` block, so helpers are
    // called through `Self::` and the cache is a `static` inside an associated function.
    let method = an.params.iter().any(|p| p.ident == "self");
    let cache_fn = format_ident!("__oxidiff_cache_{}", name);
    let mut items = quote! {
        #[doc(hidden)]
        #[allow(clippy::all, unused_mut, unused_variables, unused_assignments, non_snake_case)]
        #vis fn #body_fn(#body_inputs) #body_out #body_block
    };
    if method {
        items.extend(quote! {
            #[doc(hidden)]
            #vis fn #cache_fn() -> &'static #j::JitCache {
                static CACHE: #j::JitCache = #j::JitCache::new(#name_str);
                &CACHE
            }
        });
    } else {
        items.extend(quote! {
            #[doc(hidden)]
            #[allow(non_upper_case_globals)]
            #vis static #cache: #j::JitCache = #j::JitCache::new(#name_str);
        });
    }
    let cache = if method {
        quote!(Self::#cache_fn())
    } else {
        quote!(#cache)
    };
    let call_path = |id: &Ident| {
        if method {
            quote!(Self::#id)
        } else {
            quote!(#id)
        }
    };
    let body_call = call_path(&body_fn);

    let sig_inputs: Vec<TokenStream> = an
        .params
        .iter()
        .map(|p| {
            let (id, ty) = (&p.ident, &p.ty);
            match (&p.kind, id == "self") {
                (Kind::Tree { by_ref: true, .. }, true) => quote!(&#id),
                (_, true) => quote!(#id),
                _ => quote!(#id: #ty),
            }
        })
        .collect();
    let idents: Vec<&Ident> = an.params.iter().map(|p| &p.ident).collect();

    // `__oxidiff_args_f`: the arguments flattened; `__oxidiff_trace_f`: the body on traced
    // leaves rebuilt into the arguments' structure (the arguments are the templates).
    let args_fn = format_ident!("__oxidiff_args_{}", name);
    let trace_fn = format_ident!("__oxidiff_trace_{}", name);
    let a = format_ident!("__a", span = Span::mixed_site());
    let it = format_ident!("__it", span = Span::mixed_site());
    let ts = format_ident!("__ts", span = Span::mixed_site());
    let mut flatten = vec![];
    let mut rebuild = vec![];
    let mut call_args = vec![];
    let mut active: Vec<&Param> = vec![];
    for p in &an.params {
        let id = &p.ident;
        match p.kind {
            Kind::Static => {
                flatten.push(quote!(#a.static_arg(&#id);));
                call_args.push(quote!(::core::clone::Clone::clone(&#id)));
            }
            Kind::Tree {
                by_ref,
                active: act,
                ..
            } => {
                let r = tree_ref(p, id);
                flatten.push(quote_spanned!(p.ty.span()=> #a.tree(#r, #act);));
                let t = format_ident!("__t_{}", id, span = Span::mixed_site());
                rebuild.push(quote!(let #t = #j::TensorTree::rebuild(#r, &mut #it)?;));
                call_args.push(if by_ref { quote!(&#t) } else { quote!(#t) });
                if act {
                    active.push(p);
                }
            }
        }
    }
    let trace_inputs = quote!(#(#sig_inputs,)* #ts: &[#x::tensor::Tensor]);
    items.extend(quote! {
        #[doc(hidden)]
        #[allow(clippy::too_many_arguments)]
        #vis fn #args_fn(#(#sig_inputs),*) -> #j::Args {
            let mut #a = #j::Args::new(#precision);
            #(#flatten)*
            #a
        }

        #[doc(hidden)]
        #[allow(clippy::too_many_arguments)]
        #vis fn #trace_fn(#trace_inputs) -> #res {
            let mut #it = #ts.iter().cloned();
            #(#rebuild)*
            #body_call(#(#call_args),*)
        }
    });
    let args_path = call_path(&args_fn);
    let trace_path = call_path(&trace_fn);
    let args_call = quote!(#args_path(#(::core::clone::Clone::clone(&#idents)),*));
    let traced = quote!(&|#ts: &[#x::tensor::Tensor]| #trace_path(#(::core::clone::Clone::clone(&#idents),)* #ts));

    let doc_ir =
        format!("The IR of `{name_str}` for these arguments (what `jax.make_jaxpr` shows).");
    let doc_mlir = format!("The StableHLO text `{name_str}` compiles to for these arguments.");
    let doc_stats = format!("Compile-cache hits and misses of `{name_str}` and its derivatives.");
    let ir_fn = format_ident!("{}_ir", name);
    let mlir_fn = format_ident!("{}_mlir", name);
    let stats_fn = format_ident!("{}_cache_stats", name);
    let string_res = quote!(::core::result::Result<::std::string::String, #x::Error>);
    items.extend(quote! {
        #[doc = #doc_ir]
        #[allow(clippy::too_many_arguments)]
        #vis fn #ir_fn(#(#sig_inputs),*) -> #string_res {
            #cache.ir_of(&#args_call, false, ::core::option::Option::None, #traced)
        }

        #[doc = #doc_mlir]
        #[allow(clippy::too_many_arguments)]
        #vis fn #mlir_fn(#(#sig_inputs),*) -> #string_res {
            #cache.mlir_of(&#args_call, #traced)
        }

        #[doc = #doc_stats]
        #vis fn #stats_fn() -> #j::CacheStats {
            #cache.stats()
        }
    });

    // The function itself: compiled, or the body run eagerly.
    let fn_sig_out = match (&f.sig.output, an.returns_result) {
        (ReturnType::Type(_, t), true) => quote!(-> #t),
        _ => quote!(-> #res),
    };
    let user_attrs = quote!(#(#attrs)*);
    if jit {
        items.extend(quote! {
            #user_attrs
            #[allow(clippy::too_many_arguments)]
            #vis fn #name(#(#sig_inputs),*) #fn_sig_out {
                if #j::tracing() {
                    return #body_call(#(#idents),*);
                }
                #cache.primal(&#args_call, #traced)
            }
        });
    } else {
        items.extend(quote! {
            #user_attrs
            #[allow(clippy::too_many_arguments)]
            #vis fn #name(#(#sig_inputs),*) #fn_sig_out {
                #body_call(#(#idents),*)
            }
        });
    }

    let shards: Vec<bool> = an
        .params
        .iter()
        .filter_map(|p| match p.kind {
            Kind::Tree { sharded, .. } => Some(sharded),
            Kind::Static => None,
        })
        .collect();
    if shards.iter().any(|s| *s) {
        let dp_fn = format_ident!("{}_data_parallel", name);
        let dp = format_ident!("__dp", span = Span::mixed_site());
        let doc = format!("`{name_str}` run data-parallel on the devices of `dp`: `#[shard]` arguments split along axis 0 over the devices, the others replicated; average across devices in the body with `Tensor::all_reduce_mean`. Returns replica 0's results.");
        items.extend(quote! {
            #[doc = #doc]
            #[allow(clippy::too_many_arguments)]
            #vis fn #dp_fn(#dp: &#x::parallel::DataParallel, #(#sig_inputs),*) -> #res {
                #cache.data_parallel(#dp, &#args_call, &[#(#shards),*], #traced)
            }
        });
    }

    if let Some(vm) = &vmap {
        if let Some((given, span)) = &vm.in_axes {
            if given.len() != an.params.len() {
                return Err(syn::Error::new(
                    *span,
                    format!(
                        "in_axes has {} entries for {} arguments: give one per argument (`None` for shared ones)",
                        given.len(),
                        an.params.len()
                    ),
                ));
            }
        }
        let mut axes = vec![];
        for (k, p) in an.params.iter().enumerate() {
            let ax = vm.in_axes.as_ref().map_or(Some(0), |(g, _)| g[k]);
            match (&p.kind, ax) {
                (Kind::Static, Some(_)) if vm.in_axes.is_some() => {
                    return Err(syn::Error::new_spanned(
                        &p.ident,
                        "a static argument (integer, bool, float, #[static_arg]) can't be mapped: give it `None` in in_axes",
                    ));
                }
                (Kind::Static, _) => {}
                (Kind::Tree { .. }, Some(ax)) => {
                    axes.push(quote!(::core::option::Option::Some(#ax)))
                }
                (Kind::Tree { .. }, None) => axes.push(quote!(::core::option::Option::None)),
            }
        }
        let out_axis = vm.out_axes;
        let vmap_fn = format_ident!("{}_vmap", name);
        let doc = format!("`{name_str}` mapped over a batch axis of its arguments (JAX's `vmap`): one compiled executable, batching rules for every op.");
        items.extend(quote! {
            #[doc = #doc]
            #[allow(clippy::too_many_arguments)]
            #vis fn #vmap_fn(#(#sig_inputs),*) -> #res {
                #cache.vmap(&#args_call, &[#(#axes),*], #out_axis, #traced)
            }
        });
    }

    if let Some(d) = diff {
        if active.is_empty() {
            return Err(syn::Error::new_spanned(
                &f.sig.ident,
                "no argument to differentiate: every tensor argument is #[no_grad] or static",
            ));
        }
        let max_iters = match &d.max_iters {
            Some(e) => quote!(::core::option::Option::Some(#e)),
            None => quote!(::core::option::Option::None),
        };
        // The gradient type: the active arguments' types, references dropped.
        let gtys: Vec<TokenStream> = active
            .iter()
            .map(|p| match &p.ty {
                Type::Reference(r) => match &*r.elem {
                    Type::Slice(sl) => {
                        let e = &sl.elem;
                        quote!(::std::vec::Vec<#e>)
                    }
                    e => e.to_token_stream(),
                },
                t => t.to_token_stream(),
            })
            .collect();
        let gty = if gtys.len() == 1 {
            gtys[0].clone()
        } else {
            quote!((#(#gtys),*))
        };
        let refs: Vec<TokenStream> = active.iter().map(|p| tree_ref(p, &p.ident)).collect();
        let g = format_ident!("__g", span = Span::mixed_site());
        let rebuild_grads = |templates: &[TokenStream]| {
            let each: Vec<TokenStream> = templates
                .iter()
                .map(|t| quote!(#g.next_like(#t)?))
                .collect();
            if each.len() == 1 {
                quote!(#(#each)*)
            } else {
                quote!((#(#each),*))
            }
        };
        let grads_value = rebuild_grads(&refs);
        let tan_idents: Vec<Ident> = active
            .iter()
            .map(|p| match format!("d{}", p.ident).as_str() {
                // `do` for `o`, `dyn` for `yn`: keywords.
                "do" | "dyn" => format_ident!("d{}_", p.ident),
                _ => format_ident!("d{}", p.ident),
            })
            .collect();
        let tan_params: Vec<TokenStream> = active
            .iter()
            .zip(&tan_idents)
            .map(|(p, d)| {
                let ty = &p.ty;
                quote!(#d: #ty)
            })
            .collect();
        let tan_leaves: Vec<TokenStream> = active
            .iter()
            .zip(&tan_idents)
            .map(|(p, d)| {
                let r = tree_ref(p, d);
                quote!(#j::TensorTree::leaves(#r))
            })
            .collect();
        let templates: Vec<Ident> = (0..active.len())
            .map(|k| format_ident!("__tmpl{}", k, span = Span::mixed_site()))
            .collect();
        let template_refs: Vec<TokenStream> = templates.iter().map(|t| quote!(&#t)).collect();
        let pb_value = rebuild_grads(&template_refs);
        let vg = format_ident!("{}_value_and_grad", name);
        let vg_path = call_path(&vg);
        let grad = format_ident!("{}_grad", name);
        let grad_ir = format_ident!("{}_grad_ir", name);
        let vjp = format_ident!("{}_vjp", name);
        let jvp = format_ident!("{}_jvp", name);
        let hvp = format_ident!("{}_hvp", name);
        let vg_doc = format!("`{name_str}` and its gradient with respect to its differentiated arguments (one compiled executable; the result's first leaf is the loss, further leaves are auxiliary outputs).");
        let grad_doc = format!("The gradient of `{name_str}` (its first result leaf) with respect to its differentiated arguments.");
        let grad_ir_doc = format!("The IR of `{name_str}_value_and_grad` for these arguments (`jax.make_jaxpr(jax.value_and_grad(f))`).");
        let vjp_doc = format!("`{name_str}`'s value and its pullback: cotangent of the result → cotangents of the differentiated arguments.");
        let jvp_doc = format!("`{name_str}`'s value and its directional derivative along the tangents (one per differentiated argument, after the arguments).");
        let hvp_doc = format!("Hessian-vector product of `{name_str}` (forward over reverse): the tangent of the gradient along the given tangents.");
        items.extend(quote! {
            #[doc = #vg_doc]
            #[allow(clippy::too_many_arguments, clippy::type_complexity)]
            #vis fn #vg(#(#sig_inputs),*) -> ::core::result::Result<(#out, #gty), #x::Error> {
                let (__v, mut #g) = #cache.value_and_grad(&#args_call, #max_iters, #traced)?;
                ::core::result::Result::Ok((__v, #grads_value))
            }

            #[doc = #grad_doc]
            #[allow(clippy::too_many_arguments)]
            #vis fn #grad(#(#sig_inputs),*) -> ::core::result::Result<#gty, #x::Error> {
                ::core::result::Result::Ok(#vg_path(#(#idents),*)?.1)
            }

            #[doc = #grad_ir_doc]
            #[allow(clippy::too_many_arguments)]
            #vis fn #grad_ir(#(#sig_inputs),*) -> #string_res {
                #cache.ir_of(&#args_call, true, #max_iters, #traced)
            }

            #[doc = #jvp_doc]
            #[allow(clippy::too_many_arguments)]
            #vis fn #jvp(#(#sig_inputs,)* #(#tan_params),*) -> ::core::result::Result<(#out, #out), #x::Error> {
                #cache.jvp(&#args_call, &[#(#tan_leaves),*], #traced)
            }

            #[doc = #hvp_doc]
            #[allow(clippy::too_many_arguments)]
            #vis fn #hvp(#(#sig_inputs,)* #(#tan_params),*) -> ::core::result::Result<#gty, #x::Error> {
                let mut #g = #cache.hvp::<#out>(&#args_call, #max_iters, &[#(#tan_leaves),*], #traced)?;
                ::core::result::Result::Ok(#grads_value)
            }

            #[doc = #vjp_doc]
            #[allow(clippy::too_many_arguments, clippy::type_complexity)]
            #vis fn #vjp(#(#sig_inputs),*) -> ::core::result::Result<(#out, impl ::core::ops::FnOnce(#out) -> ::core::result::Result<#gty, #x::Error>), #x::Error> {
                let (__v, __pb) = #cache.vjp(#args_call, #max_iters, #traced)?;
                #(let #templates = ::core::clone::Clone::clone(#refs);)*
                ::core::result::Result::Ok((__v, move |__ct: #out| -> ::core::result::Result<#gty, #x::Error> {
                    let mut #g = __pb.call(&__ct)?;
                    ::core::result::Result::Ok(#pb_value)
                }))
            }
        });
    }
    Ok(items)
}

/// `return e` → `return Ok(e)` in a body whose function returned a plain value.
struct WrapReturns;

impl VisitMut for WrapReturns {
    fn visit_expr_mut(&mut self, e: &mut Expr) {
        match e {
            Expr::Closure(_) | Expr::Async(_) => {}
            Expr::Return(r) => {
                if let Some(v) = &mut r.expr {
                    self.visit_expr_mut(v);
                    let inner = (**v).clone();
                    **v = syn::parse_quote!(::core::result::Result::Ok(#inner));
                } else {
                    r.expr = Some(Box::new(syn::parse_quote!(::core::result::Result::Ok(()))));
                }
            }
            _ => syn::visit_mut::visit_expr_mut(self, e),
        }
    }
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

// ---- control flow -----------------------------------------------------------------------

/// Rewrites `if`, `for i in a..b` and `while` into the runtime's control-flow calls.
struct Convert<'a> {
    root: TokenStream,
    cx: &'a mut Ctxt,
}

/// Whether a block leaves itself early (`return`, or `break`/`continue` of an enclosing
/// loop): such control flow stays Rust and its condition must be a `bool`.
fn exits_early(b: &Block, in_loop: bool) -> bool {
    struct V {
        depth: usize,
        found: bool,
    }
    impl<'a> Visit<'a> for V {
        fn visit_expr(&mut self, e: &'a Expr) {
            match e {
                Expr::Closure(_) | Expr::Async(_) => {}
                Expr::Return(_) => self.found = true,
                Expr::Try(t) => self.visit_expr(&t.expr),
                Expr::Break(b) => {
                    if self.depth == 0 || b.label.is_some() {
                        self.found = true
                    }
                }
                Expr::Continue(c) => {
                    if self.depth == 0 || c.label.is_some() {
                        self.found = true
                    }
                }
                Expr::ForLoop(_) | Expr::While(_) | Expr::Loop(_) => {
                    self.depth += 1;
                    syn::visit::visit_expr(self, e);
                    self.depth -= 1;
                }
                _ => syn::visit::visit_expr(self, e),
            }
        }
        fn visit_item(&mut self, _: &'a syn::Item) {}
    }
    let mut v = V {
        depth: usize::from(in_loop),
        found: false,
    };
    v.visit_block(b);
    v.found
}

/// The variables a block assigns (`x = ..`, `x += ..`, `x.f = ..`, `x[i] = ..`) that it
/// does not declare itself: the carry of a converted `if`/loop, in first-assignment order.
fn assigned_outer(blocks: &[&Block]) -> Vec<Ident> {
    /// Scope-aware: an assignment is to an outer variable unless a `let`, closure parameter
    /// or loop pattern in scope at that point (inside the block) declares the name.
    #[derive(Default)]
    struct V {
        assigned: Vec<Ident>,
        scopes: Vec<Vec<Ident>>,
    }
    fn root(e: &Expr) -> Option<&Ident> {
        match e {
            Expr::Path(p) => p.path.get_ident(),
            Expr::Field(f) => root(&f.base),
            Expr::Index(i) => root(&i.expr),
            Expr::Paren(p) => root(&p.expr),
            _ => None,
        }
    }
    fn pat_idents(p: &Pat, out: &mut Vec<Ident>) {
        struct P<'a>(&'a mut Vec<Ident>);
        impl<'a> Visit<'a> for P<'_> {
            fn visit_pat_ident(&mut self, p: &'a syn::PatIdent) {
                self.0.push(p.ident.clone());
                syn::visit::visit_pat_ident(self, p);
            }
        }
        P(out).visit_pat(p);
    }
    impl V {
        fn local(&self, id: &Ident) -> bool {
            self.scopes.iter().any(|s| s.contains(id))
        }
        fn target(&mut self, e: &Expr) {
            match e {
                Expr::Tuple(t) => t.elems.iter().for_each(|x| self.target(x)),
                _ => {
                    if let Some(id) = root(e) {
                        if !self.local(id) && !self.assigned.contains(id) {
                            self.assigned.push(id.clone());
                        }
                    }
                }
            }
        }
        fn declare(&mut self, p: &Pat) {
            let mut ids = vec![];
            pat_idents(p, &mut ids);
            if let Some(s) = self.scopes.last_mut() {
                s.extend(ids);
            }
        }
    }
    impl<'a> Visit<'a> for V {
        fn visit_block(&mut self, b: &'a Block) {
            self.scopes.push(vec![]);
            syn::visit::visit_block(self, b);
            self.scopes.pop();
        }
        fn visit_local(&mut self, l: &'a syn::Local) {
            if let Some(init) = &l.init {
                self.visit_expr(&init.expr);
                if let Some((_, e)) = &init.diverge {
                    self.visit_expr(e);
                }
            }
            self.declare(&l.pat);
        }
        fn visit_expr_closure(&mut self, c: &'a syn::ExprClosure) {
            self.scopes.push(vec![]);
            for p in &c.inputs {
                self.declare(p);
            }
            self.visit_expr(&c.body);
            self.scopes.pop();
        }
        fn visit_expr_for_loop(&mut self, l: &'a syn::ExprForLoop) {
            self.visit_expr(&l.expr);
            self.scopes.push(vec![]);
            self.declare(&l.pat);
            self.visit_block(&l.body);
            self.scopes.pop();
        }
        fn visit_expr_assign(&mut self, a: &'a syn::ExprAssign) {
            self.target(&a.left);
            syn::visit::visit_expr_assign(self, a);
        }
        fn visit_expr_binary(&mut self, b: &'a syn::ExprBinary) {
            use syn::BinOp::*;
            if matches!(
                b.op,
                AddAssign(_)
                    | SubAssign(_)
                    | MulAssign(_)
                    | DivAssign(_)
                    | RemAssign(_)
                    | BitAndAssign(_)
                    | BitOrAssign(_)
                    | BitXorAssign(_)
                    | ShlAssign(_)
                    | ShrAssign(_)
            ) {
                self.target(&b.left);
            }
            syn::visit::visit_expr_binary(self, b);
        }
        fn visit_item(&mut self, _: &'a syn::Item) {}
    }
    let mut v = V::default();
    for b in blocks {
        v.visit_block(b);
    }
    v.assigned
}

/// `ts` with every token at `span`, so errors about a generated call point at the user's
/// code (on stable, a path's span is its first token's).
fn respan(ts: TokenStream, span: Span) -> TokenStream {
    ts.into_iter()
        .map(|mut t| {
            if let proc_macro2::TokenTree::Group(g) = &t {
                let mut n = proc_macro2::Group::new(g.delimiter(), respan(g.stream(), span));
                n.set_span(span);
                t = proc_macro2::TokenTree::Group(n);
            } else {
                t.set_span(span);
            }
            t
        })
        .collect()
}

impl Convert<'_> {
    fn carry_parts(&self, vars: &[Ident]) -> (TokenStream, TokenStream, TokenStream, TokenStream) {
        let s = Span::mixed_site();
        let o = Ident::new("__oxidiff_o", s);
        // init: (a.clone(), b.clone(),); pattern: (mut a, mut b,); value: (a, b,);
        // write-back: a = __o.0; b = __o.1;
        let init = quote!((#(::core::clone::Clone::clone(&#vars),)*));
        let pat = quote!((#(mut #vars,)*));
        let val = quote!((#(#vars,)*));
        let back: Vec<TokenStream> = vars
            .iter()
            .enumerate()
            .map(|(k, v)| {
                let i = syn::Index::from(k);
                quote!(#v = #o.#i;)
            })
            .collect();
        (init, pat, val, quote!(#(#back)*))
    }

    fn convert_if(&mut self, e: &syn::ExprIf) -> Option<Expr> {
        if matches!(&*e.cond, Expr::Let(_)) {
            return None;
        }
        let else_expr = e.else_branch.as_ref().map(|(_, x)| &**x);
        let else_block: Option<Block> = else_expr.map(|x| syn::parse_quote!({ #x }));
        let early = exits_early(&e.then_branch, false)
            || else_block.as_ref().is_some_and(|b| exits_early(b, false));
        let j = {
            let r = &self.root;
            quote!(#r::__private::xla::jit)
        };
        let cond = &e.cond;
        if early {
            let then_b = &e.then_branch;
            let els = e.else_branch.as_ref().map(|(t, x)| quote!(#t #x));
            let c = quote_spanned!(cond.span()=> #j::static_cond(#cond));
            return Some(syn::parse_quote!(if #c #then_b #els));
        }
        let mut blocks = vec![&e.then_branch];
        if let Some(b) = &else_block {
            blocks.push(b);
        }
        let vars = assigned_outer(&blocks);
        let (_, _, _, back) = self.carry_parts(&vars);
        let s = Span::mixed_site();
        let o = Ident::new("__oxidiff_o", s);
        let r = Ident::new("__oxidiff_r", s);
        let n = vars.len();
        let ri = syn::Index::from(n);
        let shadow =
            quote!(#(#[allow(unused_mut)] let mut #vars = ::core::clone::Clone::clone(&#vars);)*);
        let then_b = &e.then_branch;
        let else_b = match &else_block {
            Some(b) => quote!(#b),
            None => quote!({}),
        };
        let x = {
            let r = &self.root;
            quote!(#r::__private::xla)
        };
        let tuple = quote!((#(#vars,)* #r,));
        let jc = respan(quote!(#j::cond), cond.span());
        let call = quote_spanned! {cond.span()=>
            #jc(#cond,
                || -> #x::Result<_> { #shadow let #r = #then_b; ::core::result::Result::Ok(#tuple) },
                || -> #x::Result<_> { #shadow let #r = #else_b; ::core::result::Result::Ok(#tuple) },
            )?
        };
        Some(syn::parse_quote!({
            let #o = #call;
            #back
            #o.#ri
        }))
    }

    fn convert_for(&mut self, l: &mut syn::ExprForLoop) -> Option<Expr> {
        let unroll = l.attrs.iter().position(|a| is_attr(a, "unroll"));
        if let Some(p) = unroll {
            l.attrs.remove(p);
            return None;
        }
        // `#[checkpoint]` / `#[checkpoint(every = k)]`: `Some(every)`.
        let mut checkpoint: Option<TokenStream> = None;
        if let Some(p) = l.attrs.iter().position(|a| is_attr(a, "checkpoint")) {
            let a = l.attrs.remove(p);
            let every = match &a.meta {
                syn::Meta::Path(_) => Ok(quote!(::core::option::Option::None)),
                syn::Meta::List(list) => list.parse_args_with(|input: syn::parse::ParseStream| {
                    let id: Ident = input.parse()?;
                    if id != "every" {
                        return Err(syn::Error::new(
                            id.span(),
                            "write `#[checkpoint]` (⌈√n⌉ iterations per stored carry) or `#[checkpoint(every = k)]`",
                        ));
                    }
                    input.parse::<syn::Token![=]>()?;
                    let e: Expr = input.parse()?;
                    Ok(quote!(::core::option::Option::Some(#e)))
                }),
                syn::Meta::NameValue(nv) => Err(syn::Error::new_spanned(
                    nv,
                    "write `#[checkpoint]` or `#[checkpoint(every = k)]`",
                )),
            };
            match every {
                Ok(e) => checkpoint = Some(e),
                Err(e) => self.cx.push(e),
            }
        }
        let parts = match &*l.expr {
            Expr::Range(range)
                if !matches!(range.limits, syn::RangeLimits::Closed(_))
                    && l.label.is_none()
                    && !exits_early(&l.body, true) =>
            {
                match (&range.start, &range.end, &*l.pat) {
                    (Some(lo), Some(hi), Pat::Ident(pi)) if pi.subpat.is_none() => {
                        Some((lo.clone(), hi.clone(), pi.ident.clone()))
                    }
                    (Some(lo), Some(hi), Pat::Wild(_)) => {
                        Some((lo.clone(), hi.clone(), Ident::new("_", Span::call_site())))
                    }
                    _ => None,
                }
            }
            _ => None,
        };
        let Some((lo, hi, var)) = parts else {
            if checkpoint.is_some() {
                self.cx.error_spanned(
                    &l.expr,
                    "#[checkpoint] applies to `for i in a..b` loops (a name or `_`, an exclusive range, no `break`/`continue`/`return`, no label) in tensor functions",
                );
            }
            return None;
        };
        let vars = assigned_outer(&[&l.body]);
        let (init, pat, val, back) = self.carry_parts(&vars);
        let s = Span::mixed_site();
        let o = Ident::new("__oxidiff_o", s);
        let body = &l.body;
        let r = &self.root;
        let j = quote!(#r::__private::xla::jit);
        let x = quote!(#r::__private::xla);
        let (jf, every) = match &checkpoint {
            Some(e) => (
                respan(quote!(#j::fori_checkpointed), l.expr.span()),
                quote!(#e,),
            ),
            None => (respan(quote!(#j::fori), l.expr.span()), quote!()),
        };
        let call = quote_spanned! {l.expr.span()=>
            #jf(#lo, #hi, #every #init, |#[allow(unused_variables)] #var: #x::tensor::Tensor, #[allow(unused_mut)] #pat| -> #x::Result<_> {
                #body
                ::core::result::Result::Ok(#val)
            })?
        };
        Some(syn::parse_quote!({
            #[allow(unused_variables)]
            let #o = #call;
            #back
        }))
    }

    fn convert_while(&mut self, w: &syn::ExprWhile) -> Option<Expr> {
        let r = &self.root;
        let j = quote!(#r::__private::xla::jit);
        let x = quote!(#r::__private::xla);
        let cond = &w.cond;
        if matches!(&**cond, Expr::Let(_)) {
            return None;
        }
        if exits_early(&w.body, true) || w.label.is_some() {
            let body = &w.body;
            let label = &w.label;
            let c = quote_spanned!(cond.span()=> #j::static_cond(#cond));
            return Some(syn::parse_quote!(#label while #c #body));
        }
        let vars = assigned_outer(&[&w.body]);
        let (init, pat, val, back) = self.carry_parts(&vars);
        let s = Span::mixed_site();
        let o = Ident::new("__oxidiff_o", s);
        let body = &w.body;
        let jw = respan(quote!(#j::while_loop), cond.span());
        let call = quote_spanned! {cond.span()=>
            #jw(#init,
                |#[allow(unused_variables, unused_mut)] #pat| -> #x::Result<_> { ::core::result::Result::Ok(#cond) },
                |#[allow(unused_mut)] #pat| -> #x::Result<_> {
                    #body
                    ::core::result::Result::Ok(#val)
                })?
        };
        Some(syn::parse_quote!({
            #[allow(unused_variables)]
            let #o = #call;
            #back
        }))
    }
}

impl VisitMut for Convert<'_> {
    fn visit_expr_mut(&mut self, e: &mut Expr) {
        // Closures keep their control flow (they need not return `Result`).
        if matches!(e, Expr::Closure(_)) {
            return;
        }
        // Inner control flow first: its write-backs become assignments the outer one sees.
        syn::visit_mut::visit_expr_mut(self, e);
        let new = match e {
            Expr::If(i) => self.convert_if(i),
            Expr::ForLoop(l) => self.convert_for(l),
            Expr::While(w) => self.convert_while(w),
            _ => None,
        };
        if let Some(n) = new {
            *e = n;
        }
    }

    fn visit_stmt_mut(&mut self, s: &mut Stmt) {
        syn::visit_mut::visit_stmt_mut(self, s);
    }

    fn visit_item_mut(&mut self, _: &mut syn::Item) {}

    fn visit_expr_async_mut(&mut self, a: &mut syn::ExprAsync) {
        self.cx
            .error_spanned(&*a, "async blocks are not supported in tensor functions");
    }
}

/// `#[vmap]` on a scalar function: `f_vmap` over slices of its mapped arguments (one call per
/// example), so one annotated function serves scalar and batched callers.
pub fn scalar_vmap(f: &ItemFn, opts: &VmapOpts) -> syn::Result<TokenStream> {
    let name = &f.sig.ident;
    let vmap_fn = format_ident!("{}_vmap", name);
    let vis = &f.vis;
    let (impl_g, _, where_g) = f.sig.generics.split_for_impl();
    let _ = impl_g;
    let generics = &f.sig.generics;
    let mut params = vec![];
    let mut args = vec![];
    let mut lens = vec![];
    let n_params = f.sig.inputs.len();
    if let Some((given, span)) = &opts.in_axes {
        if given.len() != n_params {
            return Err(syn::Error::new(
                *span,
                format!(
                    "in_axes has {} entries for {} arguments: give one per argument (`None` for shared ones)",
                    given.len(),
                    n_params
                ),
            ));
        }
    }
    if opts.out_axes != 0 {
        return Err(syn::Error::new(
            opts.out_span.unwrap_or_else(Span::call_site),
            "out_axes must be 0 for a scalar function (its f_vmap returns a Vec of results)",
        ));
    }
    let i = format_ident!("__i", span = Span::mixed_site());
    for (k, arg) in f.sig.inputs.iter().enumerate() {
        let pt = match arg {
            FnArg::Receiver(r) => {
                return Err(syn::Error::new_spanned(
                    r,
                    "#[vmap] applies to free functions: write a free function taking the value as an argument",
                ))
            }
            FnArg::Typed(pt) => pt,
        };
        let Pat::Ident(pi) = &*pt.pat else {
            return Err(syn::Error::new_spanned(
                &pt.pat,
                "#[vmap] needs a plain name for each argument",
            ));
        };
        let id = &pi.ident;
        let ty = &*pt.ty;
        let mapped =
            match &opts.in_axes {
                Some((g, _)) => match g[k] {
                    Some(0) => true,
                    None => false,
                    Some(_) => return Err(syn::Error::new_spanned(
                        id,
                        "a scalar function's arguments are mapped along their slice: use 0 or None",
                    )),
                },
                None => !is_int_like(ty),
            };
        if !mapped {
            params.push(quote!(#id: #ty));
            args.push(quote!(::core::clone::Clone::clone(&#id)));
            continue;
        }
        let ids = format_ident!("{}s", id);
        match ty {
            Type::Reference(r) if r.mutability.is_some() => {
                return Err(syn::Error::new_spanned(
                    ty,
                    "#[vmap] can't map a `&mut` argument: return the new values instead",
                ))
            }
            Type::Reference(r) => {
                let elem = match &*r.elem {
                    Type::Slice(sl) => {
                        let e = &sl.elem;
                        quote!(::std::vec::Vec<#e>)
                    }
                    other => quote!(#other),
                };
                params.push(quote!(#ids: &[#elem]));
                args.push(quote!(&#ids[#i]));
            }
            other => {
                params.push(quote!(#ids: &[#other]));
                args.push(quote!(::core::clone::Clone::clone(&#ids[#i])));
            }
        }
        let s = ids.to_string();
        lens.push(quote!((#s, #ids.len())));
    }
    if lens.is_empty() {
        return Err(syn::Error::new_spanned(
            name,
            "#[vmap]: no argument is mapped (every in_axes entry is None)",
        ));
    }
    let ret = match &f.sig.output {
        ReturnType::Default => quote!(()),
        ReturnType::Type(_, t) => quote!(#t),
    };
    let turbofish = if f.sig.generics.params.is_empty() {
        quote!()
    } else {
        let ps = f.sig.generics.params.iter().filter_map(|p| match p {
            syn::GenericParam::Type(t) => Some(t.ident.to_token_stream()),
            syn::GenericParam::Const(c) => Some(c.ident.to_token_stream()),
            syn::GenericParam::Lifetime(_) => None,
        });
        quote!(::<#(#ps),*>)
    };
    let doc = format!(
        "`{name}` over a batch: example `i` takes element `i` of every mapped argument (a loop).\n\n# Panics\nIf the mapped slices have different lengths."
    );
    Ok(quote! {
        #[doc = #doc]
        #[allow(clippy::too_many_arguments)]
        #vis fn #vmap_fn #generics (#(#params),*) -> ::std::vec::Vec<#ret> #where_g {
            let __lens: &[(&str, usize)] = &[#(#lens),*];
            let __n = __lens[0].1;
            for (__name, __len) in __lens {
                ::core::assert!(
                    *__len == __n,
                    "{}_vmap: `{}` has {} examples, `{}` has {}",
                    ::core::stringify!(#name), __lens[0].0, __n, __name, __len
                );
            }
            (0..__n).map(|#i| #name #turbofish(#(#args),*)).collect()
        }
    })
}

/// Integer-like (never mapped by default): integers, bools, chars, `&str`.
fn is_int_like(ty: &Type) -> bool {
    match ty {
        Type::Reference(r) => matches!(&*r.elem, Type::Path(p) if p.path.is_ident("str")),
        _ => crate::sig::is_discrete(ty),
    }
}
