//! Assembles the generated items: the user's function unchanged, the hidden uniform
//! derivatives that other differentiated code calls (`__oxidiff_jvp_f`, `__oxidiff_vjp_f`: one
//! tangent or cotangent per parameter, `()` for integers), and the public API (`f_jvp`, `f_vjp`,
//! `f_grad`, `f_value_and_grad`), which keeps only the active parameters' tangents.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned, ToTokens};
use syn::spanned::Spanned;
use syn::{Ident, ItemFn, Path, Type};

use crate::attr::{CustomArgs, DiffArgs};
use crate::error::Ctxt;
use crate::gen::Gen;
use crate::reverse::Reverse;
use crate::sig::{self, Sig};

const ALLOWS: &str = "unused_mut, unused_variables, unused_assignments, unused_parens, unused_braces, unreachable_code, non_snake_case, clippy::all, clippy::pedantic, clippy::nursery";

fn allows() -> TokenStream {
    let lints: TokenStream = ALLOWS.parse().unwrap_or_default();
    quote!(#[allow(#lints)])
}

/// On failure: the errors plus the original function, so the rest of the crate still compiles.
fn with_errors(err: syn::Error, item: &TokenStream) -> TokenStream {
    let mut item = item.clone();
    if let Ok(mut f) = syn::parse2::<ItemFn>(item.clone()) {
        sig::strip_no_grad(&mut f.sig);
        strip_checkpoints(&mut f);
        // The tensor functions' own attributes: on parameters, on loops, on the function.
        for arg in f.sig.inputs.iter_mut() {
            if let syn::FnArg::Typed(pt) = arg {
                pt.attrs
                    .retain(|a| !a.path().is_ident("shard") && !a.path().is_ident("static_arg"));
            }
        }
        f.attrs.retain(|a| {
            !["custom_vjp", "custom_jvp", "jit", "vmap", "differentiable"]
                .iter()
                .any(|n| a.path().is_ident(n))
        });
        item = f.to_token_stream();
    }
    let e = err.to_compile_error();
    quote!(#e #item)
}

pub fn differentiable(attr: TokenStream, item: TokenStream) -> TokenStream {
    let args: DiffArgs = match syn::parse2(attr) {
        Ok(a) => a,
        Err(e) => return with_errors(e, &item),
    };
    let f: ItemFn = match syn::parse2(item.clone()) {
        Ok(f) => f,
        Err(e) => {
            let msg = syn::Error::new(
                e.span(),
                "#[differentiable] applies to a free function (`fn f(x: f64) -> f64 { .. }`)",
            );
            return with_errors(msg, &item);
        }
    };
    // A function over `Tensor`s: differentiated as traced IR (with `#[jit]` if present).
    if crate::jit::is_tensor_fn(&f) {
        let mut f = f;
        let st = match crate::jit::take_stacked(&mut f) {
            Ok(st) => st,
            Err(e) => return with_errors(e, &item),
        };
        let used = st.used;
        let name = f.sig.ident.clone();
        let d = crate::jit::TensorDiff {
            max_iters: args.max_iters.clone(),
        };
        return match crate::jit::expand(&args.root, f, st.jit.as_ref(), Some(d), st.vmap) {
            Ok(ts) => {
                let used = crate::jit::keep_used(used, &name);
                quote!(#used #ts)
            }
            Err(e) => with_errors(e, &item),
        };
    }
    if let Some(sp) = args.max_iters_span {
        let e = syn::Error::new(
            sp,
            "`max_iters` applies to tensor functions (reverse mode through a traced `while`); scalar reverse mode needs no bound",
        );
        return with_errors(e, &item);
    }
    // `#[custom_vjp]` / `#[custom_jvp]` below `#[differentiable]`: the custom rule wins.
    for kind in [CustomKind::Vjp, CustomKind::Jvp] {
        if let Some(a) = f.attrs.iter().find(|a| a.path().is_ident(kind.name())) {
            let inner = match &a.meta {
                syn::Meta::List(l) => l.tokens.clone(),
                _ => TokenStream::new(),
            };
            let mut g = f.clone();
            g.attrs.retain(|x| !x.path().is_ident(kind.name()));
            return custom(inner, g.to_token_stream(), kind);
        }
    }
    match expand_differentiable(&args, f) {
        Ok(ts) => ts,
        Err(e) => with_errors(e, &item),
    }
}

/// `#[checkpoint]` is read by the macro; the function as emitted must not carry it.
fn strip_checkpoints(f: &mut ItemFn) {
    struct Strip;
    impl syn::visit_mut::VisitMut for Strip {
        fn visit_expr_for_loop_mut(&mut self, l: &mut syn::ExprForLoop) {
            l.attrs
                .retain(|a| !a.path().is_ident("checkpoint") && !a.path().is_ident("unroll"));
            syn::visit_mut::visit_expr_for_loop_mut(self, l);
        }
        // Refused there by the parser, with its own message.
        fn visit_expr_while_mut(&mut self, l: &mut syn::ExprWhile) {
            l.attrs.retain(|a| !a.path().is_ident("checkpoint"));
            syn::visit_mut::visit_expr_while_mut(self, l);
        }
        fn visit_expr_loop_mut(&mut self, l: &mut syn::ExprLoop) {
            l.attrs.retain(|a| !a.path().is_ident("checkpoint"));
            syn::visit_mut::visit_expr_loop_mut(self, l);
        }
    }
    syn::visit_mut::VisitMut::visit_block_mut(&mut Strip, &mut f.block);
}

fn expand_differentiable(args: &DiffArgs, mut f: ItemFn) -> syn::Result<TokenStream> {
    let mut cx = Ctxt::default();
    let original_block = f.block.clone();
    strip_checkpoints(&mut f);
    let mut parse_f = f.clone();
    parse_f.block = original_block;
    let no_grad = sig::strip_no_grad(&mut f.sig);
    // `float = T`: the `impl`'s type parameter, analysed as if the method declared it.
    let mut analysed = f.sig.clone();
    if let Some(t) = &args.float {
        if f.sig.generics.type_params().any(|p| p.ident == *t) {
            return Err(syn::Error::new(
                t.span(),
                format!("`float = {t}`: `{t}` is already a type parameter of this function, which #[differentiable] sees; the option is for a method of a generic `impl` (`impl<{t}: Real> ..`)"),
            ));
        }
        let root = &args.root;
        analysed
            .generics
            .params
            .push(syn::parse_quote!(#t: #root::Real));
    }
    let Some(mut sig) = sig::analyze(&mut cx, &f.vis, &analysed, &no_grad) else {
        cx.finish()?;
        return Err(syn::Error::new(Span::call_site(), "invalid signature"));
    };
    sig.outer.extend(args.float.iter().cloned());
    let (mut func, deferred, structs) = crate::parse::parse(&mut cx, &sig, &parse_f.block);
    // Struct parameters read through their fields are active.
    let mut sig = sig;
    for i in structs {
        sig.params[i].active = true;
    }
    let sig = sig;
    crate::infer::infer(&mut cx, &sig, &mut func, &deferred);
    cx.finish()?;
    // The derivative code runs innermost loops with boundary tests in three pieces (see
    // `split.rs`). The function as written was checked above, so errors point at the user's code
    // once; the split form replaces it only if it goes through the same analysis cleanly.
    if let Some(block) = crate::split::split_loops(&parse_f.block) {
        let mut cx = Ctxt::default();
        let (mut split, deferred, _) = crate::parse::parse(&mut cx, &sig, &block);
        crate::infer::infer(&mut cx, &sig, &mut split, &deferred);
        if cx.finish().is_ok() {
            func = split;
        }
    }

    let g = Gen::new(&func, &sig, args.root.clone());
    let jvp_body = g.jvp_body();
    let bodies = Reverse::new(&g).vjp_bodies();
    // `f_grad`'s own function reads the arguments in place, struct fields included.
    let direct = wants_direct_grad(&sig).then(|| {
        let mut r = Reverse::new(&g);
        r.struct_rev = true;
        r.vjp_bodies().direct
    });
    let has_direct = direct.is_some();
    let hidden = hidden_items(&sig, &args.root, &f, jvp_body, bodies.closure, direct);
    let check = match &args.check {
        Some(opts) => {
            let mut cx = Ctxt::default();
            let t = crate::checkgen::check_test(&mut cx, &sig, &args.root, opts);
            cx.finish()?;
            t
        }
        None => TokenStream::new(),
    };
    // The dual twin: reverse mode over `Dual<F>`, for Hessian-vector products (and for the
    // twins of callers). Not for `&self` methods whose float type is generic yet.
    let twin = if args.first_order || !twin_supported(&sig) {
        TokenStream::new()
    } else if sig.is_generic_float() {
        twin_alias(&sig, &args.root, &f)
    } else {
        let twin_sig = sig.dual_twin(&args.root);
        let tg = Gen::twin(&func, &twin_sig, args.root.clone());
        let body = Reverse::new(&tg).vjp_body();
        twin_item(&sig, &twin_sig, &args.root, &f, body)
    };
    let public = public_items(&sig, &args.root, has_direct);
    let higher = higher_order_items(&sig, &args.root, !args.first_order);
    let generated = with_user_lints(&f, quote!(#hidden #twin #public #higher));
    Ok(quote! {
        #f
        #generated
        #check
    })
}

/// Whether the function gets a dual twin: struct arguments (`self` included) in functions over
/// `f32`/`f64`; in generic functions, struct arguments (lifted to dual numbers by `LiftDual`
/// where they are generic over the float type), `self` only where the float type is the
/// `impl`'s (`float = T`), so that the method can be called on `Self` lifted to `Dual<T>`.
fn twin_supported(sig: &Sig) -> bool {
    !sig.is_generic_float() || !lifts_self(sig) || !sig.outer.is_empty()
}

/// Whether `self` is an active struct of a method generic over its float type.
fn lifts_self(sig: &Sig) -> bool {
    sig.is_generic_float()
        && sig
            .params
            .iter()
            .any(|q| q.active && q.structure.is_some() && q.ident == "self")
}

/// Whether the function gets `f_hvp`, `f_hessian` and `f_jacobian`: it has a twin.
fn second_order_supported(sig: &Sig) -> bool {
    twin_supported(sig)
}

/// An `&mut [F]` argument the function differentiates (Enzyme's duplicated argument).
fn in_place(q: &sig::Param) -> bool {
    q.active && q.array == Some(sig::ArrayTy::SliceMut)
}

/// The user's lint attributes (`#[allow(..)]`, ...) on every generated function too.
fn with_user_lints(f: &ItemFn, items: TokenStream) -> TokenStream {
    let lints: Vec<&syn::Attribute> = f
        .attrs
        .iter()
        .filter(|a| {
            let p = a.path();
            p.is_ident("allow") || p.is_ident("warn") || p.is_ident("deny") || p.is_ident("expect")
        })
        .collect();
    if lints.is_empty() {
        return items;
    }
    let Ok(file) = syn::parse2::<syn::File>(items.clone()) else {
        return items;
    };
    let mut out = TokenStream::new();
    for mut item in file.items {
        if let syn::Item::Fn(g) = &mut item {
            for a in &lints {
                g.attrs.push((*a).clone());
            }
        }
        out.extend(item.to_token_stream());
    }
    out
}

/// `__oxidiff_dvjp_f` for a concrete float type: the VJP generated over `Dual<F>`.
fn twin_item(
    sig: &Sig,
    twin_sig: &Sig,
    root: &TokenStream,
    f: &ItemFn,
    body: TokenStream,
) -> TokenStream {
    let vis = &sig.vis;
    let name = format_ident!("__oxidiff_dvjp_{}", sig.name, span = sig.name.span());
    let emit = sig.emit_generics();
    let generics = &emit;
    let where_clause = &generics.where_clause;
    let (inputs, conv) = twin_inputs(twin_sig, root, f);
    // Active structs stay plain; the twin takes their tangents after the arguments.
    let struct_tans = twin_sig
        .params
        .iter()
        .filter(|p| p.active && p.structure.is_some())
        .map(|p| {
            let t = crate::gen::struct_tangent_ident(&p.ident);
            let ty = &p.ty;
            quote!(, #t: #ty)
        });
    let ret = &twin_sig.ret_ty;
    let sp = self_prefix(sig);
    let orig = &sig.name;
    let cot_tys = twin_sig.params.iter().map(|p| cot_ty(twin_sig, root, p));
    let bufs = adjoint_buffers(twin_sig);
    let allows = allows();
    quote! {
        #[doc(hidden)]
        #[inline]
        #allows
        #vis fn #name #generics (#inputs #(#struct_tans)*) -> (#ret, impl ::core::ops::FnOnce(#ret, #(#bufs),*) -> (#(#cot_tys,)*)) #where_clause {
            let _ = #sp #orig;
            #conv
            #body
        }
    }
}

/// The user's parameter list with the twin's types; an active scalar is taken as anything that
/// converts to it (a constant from a caller's code, or a dual number), and converted first.
fn twin_inputs(twin_sig: &Sig, root: &TokenStream, f: &ItemFn) -> (TokenStream, TokenStream) {
    let mut conv = TokenStream::new();
    let params = f
        .sig
        .inputs
        .iter()
        .zip(&twin_sig.params)
        .map(|(arg, p)| match arg {
            syn::FnArg::Typed(pt) if p.active && p.array.is_none() && p.structure.is_none() => {
                let pat = &pt.pat;
                let ty = &p.ty;
                let a = format_ident!("__arg_{}", p.ident, span = Span::mixed_site());
                conv.extend(quote!(let #pat: #ty = #root::__private::lift(#a);));
                quote!(#a: impl #root::__private::IntoReal<#ty>)
            }
            syn::FnArg::Typed(pt) => {
                let pat = &pt.pat;
                let ty = &p.ty;
                quote!(#pat: #ty)
            }
            other => other.to_token_stream(),
        });
    let params: Vec<TokenStream> = params.collect();
    (quote!(#(#params),*), conv)
}

/// `__oxidiff_dvjp_f` for a generic float type: the VJP itself (instantiated at `Dual<T>`).
fn twin_alias(sig: &Sig, root: &TokenStream, f: &ItemFn) -> TokenStream {
    let vis = &sig.vis;
    let name = format_ident!("__oxidiff_dvjp_{}", sig.name, span = sig.name.span());
    let (_, vjp) = hidden_names(&sig.name);
    let emit = sig.emit_generics();
    let generics = &emit;
    let where_clause = &generics.where_clause;
    // Float arguments are taken as anything that converts to the float type, as the twin of a
    // function over `f64` takes them: a caller's twin passes its constants (`0.6`) as they are.
    // The callers' twins name the result type, which fixes `T`.
    let float = &sig.float_ty;
    let mut conv = TokenStream::new();
    let inputs = f
        .sig
        .inputs
        .iter()
        .zip(&sig.params)
        .map(|(arg, p)| match arg {
            syn::FnArg::Typed(pt) if p.active && p.array.is_none() && p.structure.is_none() => {
                let pat = &pt.pat;
                let a = format_ident!("__arg_{}", p.ident, span = Span::mixed_site());
                conv.extend(quote!(let #pat: #float = #root::__private::lift(#a);));
                quote!(#a: impl #root::__private::IntoReal<#float>)
            }
            other => quote!(#other),
        });
    let names = sig.params.iter().map(|p| &p.ident);
    let tf = turbofish(sig);
    let ret = &sig.ret_ty;
    let cot_tys = sig.params.iter().map(|p| cot_ty(sig, root, p));
    let bufs = adjoint_buffers(sig);
    let allows = allows();
    let sp = self_prefix(sig);
    quote! {
        #[doc(hidden)]
        #[inline]
        #allows
        #vis fn #name #generics (#(#inputs),*) -> (#ret, impl ::core::ops::FnOnce(#ret, #(#bufs),*) -> (#(#cot_tys,)*)) #where_clause {
            #conv
            #sp #vjp #tf (#(#names),*)
        }
    }
}

/// `f_hvp` and `f_hessian` (scalar results), `f_jacobian` (any result).
fn higher_order_items(sig: &Sig, root: &TokenStream, second_order: bool) -> TokenStream {
    let p = quote!(#root::__private);
    let sp = self_prefix(sig);
    if !second_order_supported(sig) {
        return TokenStream::new();
    }
    // How a struct argument is passed by reference.
    let by_ref = |q: &sig::Param| -> TokenStream {
        let n = &q.ident;
        match &q.structure {
            Some(st) if !st.by_ref => quote!(&#n),
            _ => quote!(#n),
        }
    };
    let vis = &sig.vis;
    let name = &sig.name;
    let emit = sig.emit_generics();
    let generics = &emit;
    let where_clause = &generics.where_clause;
    let float = &sig.float_ty;
    // In a generic function, a struct argument goes to the twin (the function at `Dual<T>`) as
    // its counterpart over dual numbers: `LiftDual` pairs it with its tangent and takes the
    // tangent part of its cotangent. `f_hvp` and `f_hessian` exist where it is implemented.
    let lift = sig.is_generic_float();
    let mut second_where = where_clause.as_ref().map_or_else(
        || quote!(where),
        |w| {
            if w.predicates.empty_or_trailing() {
                quote!(#w)
            } else {
                quote!(#w,)
            }
        },
    );
    if lift {
        let dual: Type = syn::parse_quote!(#p::Dual<#float>);
        // `self` lifts through the `impl`'s own `LiftDual` (a bound here would hide what
        // `Lifted` is).
        for q in sig.params.iter().filter(|q| q.active && q.ident != "self") {
            if let Some(st) = &q.structure {
                let ty = &st.inner;
                let lifted = sig::subst_type(ty, float, &dual);
                second_where.extend(quote!(#ty: #p::LiftDual<Lifted = #lifted>,));
            }
        }
    }
    let tf = turbofish(sig);
    let names: Vec<&Ident> = sig.params.iter().map(|q| &q.ident).collect();
    // An array the function updates in place is taken by shared reference: these derivatives
    // are at its value on entry, and the function runs on copies.
    let tys: Vec<TokenStream> = sig
        .params
        .iter()
        .zip(sig.param_types())
        .map(|(q, t)| {
            if in_place(q) {
                quote!(&[#float])
            } else {
                quote!(#t)
            }
        })
        .collect();
    let active: Vec<&sig::Param> = sig.active_params().map(|(_, q)| q).collect();
    if active.is_empty() {
        return TokenStream::new();
    }
    let dnames = public_tangent_names(sig);
    let dtys: Vec<TokenStream> = active
        .iter()
        .map(|q| {
            if q.array.is_none() && q.structure.is_none() {
                q.ty.to_token_stream()
            } else if in_place(q) {
                quote!(&[#float])
            } else {
                tangent_ty(sig, root, q)
            }
        })
        .collect();
    let cots: Vec<TokenStream> = active
        .iter()
        .map(|q| {
            if q.array.is_none() && q.structure.is_none() {
                q.ty.to_token_stream()
            } else if in_place(q) {
                quote!(::std::vec::Vec<#float>)
            } else {
                cot_ty(sig, root, q)
            }
        })
        .collect();
    let cot_ty = if cots.len() == 1 {
        cots[0].clone()
    } else {
        quote!((#(#cots),*))
    };
    // Arguments of the dual twin: each active argument paired with its tangent; structs stay
    // plain, their tangents follow the arguments.
    let mut k = 0;
    let mut struct_tans = Vec::new();
    let dual_args: Vec<TokenStream> = sig
        .params
        .iter()
        .map(|q| {
            let n = &q.ident;
            if !q.active {
                return quote!(#n);
            }
            let d = &dnames[k];
            k += 1;
            if let Some(st) = &q.structure {
                if lift {
                    let (r, t) = if st.by_ref {
                        (quote!(#n), quote!(#d))
                    } else {
                        (quote!(&#n), quote!(&#d))
                    };
                    let l = quote!(#p::LiftDual::lift_dual(#r, #t));
                    return if st.by_ref { quote!(&#l) } else { l };
                }
                // Its `#[no_grad]` floats cleared: the twin reads the tangent's fields.
                struct_tans.push(if st.by_ref {
                    quote!(&#p::tangent_of(#d))
                } else {
                    quote!(#p::tangent_of(&#d))
                });
                return quote!(#n);
            }
            match q.array {
                None => quote!(#p::dual(#n, #d)),
                Some(sig::ArrayTy::Slice) => quote!(&#p::dual_vec(#n, #d)),
                Some(sig::ArrayTy::SliceMut) => quote!(&mut #p::dual_vec(#n, #d)),
                Some(sig::ArrayTy::Fixed) => quote!(#p::dual_array(#n, #d)),
                Some(sig::ArrayTy::Owned) => quote!(#p::dual_vec(&#n, &#d)),
            }
        })
        .collect();
    let c = Ident::new("__c", Span::mixed_site());
    // The pullback of an in-place function takes a buffer per array it updates: zero (the
    // result alone is differentiated), and afterwards the cotangent of the array on entry.
    let bufs: Vec<(Ident, &Ident)> = sig
        .params
        .iter()
        .filter(|q| in_place(q))
        .map(|q| {
            (
                format_ident!("__buf_{}", q.ident, span = Span::mixed_site()),
                &q.ident,
            )
        })
        .collect();
    let buf_decls = bufs.iter().map(|(b, n)| {
        quote!(let mut #b = ::std::vec![#p::dual(#p::zero::<#float>(), #p::zero::<#float>()); #n.len()];)
    });
    let buf_decls = quote!(#(#buf_decls)*);
    let buf_args: Vec<TokenStream> = bufs.iter().map(|(b, _)| quote!(&mut #b)).collect();
    // The twin's cotangent of a struct is already the tangent part.
    let parts: Vec<TokenStream> = sig
        .active_params()
        .map(|(i, q)| {
            if in_place(q) {
                let b = format_ident!("__buf_{}", q.ident, span = Span::mixed_site());
                return quote!(#p::eps(#b));
            }
            let i = syn::Index::from(i);
            match &q.structure {
                Some(st) if lift => {
                    let ty = &st.inner;
                    quote!(<#ty as #p::LiftDual>::tangent_part(&#c.#i))
                }
                Some(_) => quote!(#c.#i),
                None => quote!(#p::eps(#c.#i)),
            }
        })
        .collect();
    let extract = if parts.len() == 1 {
        parts[0].clone()
    } else {
        quote!((#(#parts),*))
    };
    // A method generic over the `impl`'s float runs at `Dual<T>` as a method of `Self` lifted.
    let twin_sp = if lifts_self(sig) {
        quote!(<<Self as #p::LiftDual>::Lifted>::)
    } else {
        sp.clone()
    };
    let hvp = format_ident!("{}_hvp", name);
    let hessian = format_ident!("{}_hessian", name);
    let jacobian = format_ident!("{}_jacobian", name);
    let jvp = format_ident!("{}_jvp", name);
    let vjp = format_ident!("{}_vjp", name);
    let dvjp = format_ident!("__oxidiff_dvjp_{}", name, span = name.span());
    let doc_hvp = format!("The Hessian of [`{name}`] times a vector (forward over reverse mode, no n² work), in the form of `{name}_grad`'s result (generated by `#[differentiable]`).");
    let doc_hess = format!("The Hessian of [`{name}`] with respect to its active arguments flattened in argument order (generated by `#[differentiable]`).");
    let doc_jac = format!("The Jacobian of [`{name}`]: one row per result component, one column per component of the active arguments flattened in argument order; forward mode when there are fewer inputs than outputs, reverse mode otherwise (generated by `#[differentiable]`).");

    // Sizes and unit tangents of the flattened active arguments.
    let mut sizes = TokenStream::new();
    let mut size_names = Vec::new();
    for q in &active {
        let s = format_ident!("__n_{}", q.ident, span = Span::mixed_site());
        let n = &q.ident;
        if q.structure.is_some() {
            let r = by_ref(q);
            sizes.extend(quote!(let #s = #p::Differentiable::num_components(#r);));
        } else if q.array.is_some() {
            sizes.extend(quote!(let #s = #n.len();));
        } else {
            sizes.extend(quote!(let #s = 1usize;));
        }
        size_names.push(s);
    }
    let k_id = Ident::new("__k", Span::mixed_site());
    let unit_tangents = |start_of: &dyn Fn(usize) -> TokenStream| -> Vec<TokenStream> {
        active
            .iter()
            .enumerate()
            .map(|(j, q)| {
                let start = start_of(j);
                let s = &size_names[j];
                if let Some(st) = &q.structure {
                    let r = by_ref(q);
                    let unit = quote!(#p::unit_struct(#r, #k_id, #start));
                    return if st.by_ref { quote!(&#unit) } else { unit };
                }
                match q.array {
                    None => quote!(#p::unit_scalar::<#float>(#k_id, #start)),
                    Some(sig::ArrayTy::Slice | sig::ArrayTy::SliceMut) => {
                        quote!(&#p::unit_part::<#float>(#k_id, #start, #s))
                    }
                    Some(sig::ArrayTy::Fixed) => quote!(#p::unit_array(#k_id, #start)),
                    Some(sig::ArrayTy::Owned) => quote!(#p::unit_part::<#float>(#k_id, #start, #s)),
                }
            })
            .collect()
    };
    let start_of = |j: usize| -> TokenStream {
        let prev = &size_names[..j];
        quote!((0usize #(+ #prev)*))
    };
    let tangents_k = unit_tangents(&start_of);
    // Arguments reused in a loop: owned vectors are cloned.
    let reuse: Vec<TokenStream> = sig
        .params
        .iter()
        .map(|q| {
            let n = &q.ident;
            let owned_struct = q.structure.as_ref().is_some_and(|st| !st.by_ref);
            if q.array == Some(sig::ArrayTy::Owned) || owned_struct {
                quote!(#n.clone())
            } else {
                quote!(#n)
            }
        })
        .collect();
    // For the function itself and its JVP: an array it updates goes in as a working copy
    // (`__w_u`, set up per call by `copies`), whose final state is part of the output.
    let work = |q: &sig::Param| format_ident!("__w_{}", q.ident, span = Span::mixed_site());
    let reuse_mut: Vec<TokenStream> = sig
        .params
        .iter()
        .zip(&reuse)
        .map(|(q, r)| {
            if in_place(q) {
                let w = work(q);
                quote!(&mut #w)
            } else {
                r.clone()
            }
        })
        .collect();
    let copies: Vec<TokenStream> = sig
        .params
        .iter()
        .filter(|q| in_place(q))
        .map(|q| {
            let (w, n) = (work(q), &q.ident);
            quote!(let mut #w = #n.to_vec();)
        })
        .collect();
    let copies = quote!(#(#copies)*);
    let in_place_params: Vec<&sig::Param> = sig.params.iter().filter(|q| in_place(q)).collect();
    let flatten_cot = |v: &TokenStream, row: &Ident| -> TokenStream {
        let flatten = |q: &sig::Param, part: TokenStream| {
            if q.structure.is_some() {
                quote!(#p::Differentiable::flatten_into(&#part, &mut #row);)
            } else {
                quote!(#p::Flatten::<#float>::flatten_into(&#part, &mut #row);)
            }
        };
        if active.len() == 1 {
            flatten(active[0], v.clone())
        } else {
            let parts = active.iter().enumerate().map(|(j, q)| {
                let i = syn::Index::from(j);
                flatten(q, quote!(#v.#i))
            });
            quote!(#(#parts)*)
        }
    };
    let flatten_out = |v: &TokenStream, row: &Ident| -> TokenStream {
        match sig.ret_arity {
            Some(n) => {
                let parts = (0..n).map(|j| {
                    let i = syn::Index::from(j);
                    quote!(#p::Flatten::<#float>::flatten_into(&#v.#i, &mut #row);)
                });
                quote!(#(#parts)*)
            }
            None => quote!(#p::Flatten::<#float>::flatten_into(&#v, &mut #row);),
        }
    };
    let row = Ident::new("__row", Span::mixed_site());
    let h = quote!(__h);
    let fl_h = flatten_cot(&h, &row);
    let total = quote!((0usize #(+ #size_names)*));
    // A result-shaped unit cotangent for output component `__j`.
    let j_id = Ident::new("__j", Span::mixed_site());
    let unit_out = match sig.ret_arity {
        Some(n) => {
            let parts = (0..n).map(|i| quote!(#p::unit_scalar::<#float>(#j_id, #i)));
            quote!((#(#parts),*))
        }
        None if sig.ret_array => quote!(#p::unit_part::<#float>(#j_id, 0, __m)),
        None => quote!(#p::unit_scalar::<#float>(#j_id, 0)),
    };
    let y = quote!(__y);
    let fl_y = flatten_out(&y, &row);
    let col_var = quote!(__col);
    let fl_col = flatten_out(&col_var, &row);
    let cot_var = quote!(__cot);
    let fl_cot = flatten_cot(&cot_var, &row);
    let jacobian_item = if in_place_params.is_empty() {
        None
    } else {
        // In-place: the outputs are the result's components, then each updated array's final
        // state; forward mode, one JVP per input component, on working copies whose tangents
        // (`__dw_u`, a unit vector going in) come out as the arrays' columns.
        let dwork = |q: &sig::Param| format_ident!("__dw_{}", q.ident, span = Span::mixed_site());
        let fl_work = in_place_params.iter().map(|q| {
            let w = work(q);
            quote!(#row.extend_from_slice(&#w);)
        });
        let fl_dwork = in_place_params.iter().map(|q| {
            let w = dwork(q);
            quote!(#row.extend_from_slice(&#w);)
        });
        let mut j = 0;
        let mut tan_decls = TokenStream::new();
        let tangents_mut: Vec<TokenStream> = sig
            .params
            .iter()
            .filter(|q| q.active)
            .map(|q| {
                let t = if in_place(q) {
                    let (dw, s) = (dwork(q), &size_names[j]);
                    let start = start_of(j);
                    tan_decls
                        .extend(quote!(let mut #dw = #p::unit_part::<#float>(#k_id, #start, #s);));
                    quote!(&mut #dw)
                } else {
                    tangents_k[j].clone()
                };
                j += 1;
                t
            })
            .collect();
        Some(quote! {
            #[doc = #doc_jac]
            #[allow(non_snake_case, clippy::needless_range_loop)]
            #vis fn #jacobian #generics (#(#names: #tys),*) -> ::std::vec::Vec<::std::vec::Vec<#float>> #where_clause {
                #sizes
                let __total = #total;
                #copies
                let __y = #sp #name #tf (#(#reuse_mut),*);
                let mut #row = ::std::vec::Vec::new();
                #fl_y
                #(#fl_work)*
                let __m = #row.len();
                let mut __jac = ::std::vec![::std::vec![#p::zero::<#float>(); __total]; __m];
                for #k_id in 0..__total {
                    #copies
                    #tan_decls
                    let (_, __col) = #sp #jvp #tf (#(#reuse_mut,)* #(#tangents_mut),*);
                    let mut #row = ::std::vec::Vec::with_capacity(__m);
                    #fl_col
                    #(#fl_dwork)*
                    for __i in 0..__m {
                        __jac[__i][#k_id] = #row[__i];
                    }
                }
                __jac
            }
        })
    };
    let mut out = jacobian_item.unwrap_or_else(|| quote! {
        #[doc = #doc_jac]
        #[allow(non_snake_case, clippy::needless_range_loop)]
        #vis fn #jacobian #generics (#(#names: #tys),*) -> ::std::vec::Vec<::std::vec::Vec<#float>> #where_clause {
            #sizes
            let __total = #total;
            let __y = #sp #name #tf (#(#reuse),*);
            let mut #row = ::std::vec::Vec::new();
            #fl_y
            let __m = #row.len();
            let mut __jac = ::std::vec![::std::vec![#p::zero::<#float>(); __total]; __m];
            if __total <= __m {
                for #k_id in 0..__total {
                    let (_, __col) = #sp #jvp #tf (#(#reuse,)* #(#tangents_k),*);
                    let mut #row = ::std::vec::Vec::with_capacity(__m);
                    #fl_col
                    for __i in 0..__m {
                        __jac[__i][#k_id] = #row[__i];
                    }
                }
            } else {
                for #j_id in 0..__m {
                    let (_, __pb) = #sp #vjp #tf (#(#reuse),*);
                    let __cot = __pb(#unit_out);
                    let mut #row = ::std::vec::Vec::with_capacity(__total);
                    #fl_cot
                    __jac[#j_id] = #row;
                }
            }
            __jac
        }
    });
    if second_order && sig.ret_arity.is_none() && !sig.ret_array {
        out.extend(quote! {
            #[doc = #doc_hvp]
            #[inline]
            #[allow(non_snake_case, clippy::too_many_arguments)]
            #vis fn #hvp #generics (#(#names: #tys,)* #(#dnames: #dtys),*) -> #cot_ty #second_where {
                let (_, __pb) = #twin_sp #dvjp(#(#dual_args,)* #(#struct_tans),*);
                #buf_decls
                let #c = __pb(#p::dual(#p::one::<#float>(), #p::zero::<#float>()) #(, #buf_args)*);
                #extract
            }
            #[doc = #doc_hess]
            #[allow(non_snake_case)]
            #vis fn #hessian #generics (#(#names: #tys),*) -> ::std::vec::Vec<::std::vec::Vec<#float>> #second_where {
                #sizes
                let __total = #total;
                let mut __rows = ::std::vec::Vec::with_capacity(__total);
                for #k_id in 0..__total {
                    let __h = #sp #hvp #tf (#(#reuse,)* #(#tangents_k),*);
                    let mut #row = ::std::vec::Vec::with_capacity(__total);
                    #fl_h
                    __rows.push(#row);
                }
                __rows
            }
        });
    }
    out
}

/// Whether `f_grad` gets a function of its own that runs the pullback in place
/// (`__oxidiff_vg_f`): for scalar results with slice arguments, which the pullback would
/// otherwise copy, or struct arguments by reference, whose fields it would otherwise save.
fn wants_direct_grad(sig: &Sig) -> bool {
    sig.ret_arity.is_none()
        && !sig.ret_array
        && adjoint_buffers(sig).is_empty()
        && sig.params.iter().any(|p| {
            p.active
                && (p.array == Some(sig::ArrayTy::Slice)
                    || p.structure.as_ref().is_some_and(|st| st.by_ref))
        })
}

/// The name of the function [`wants_direct_grad`] asks for.
fn direct_name(name: &Ident) -> Ident {
    format_ident!("__oxidiff_vg_{}", name, span = name.span())
}

/// The hidden uniform JVP and VJP around generated bodies, and `__oxidiff_vg_f` when asked.
fn hidden_items(
    sig: &Sig,
    root: &TokenStream,
    f: &ItemFn,
    jvp_body: TokenStream,
    vjp_body: TokenStream,
    direct: Option<TokenStream>,
) -> TokenStream {
    let vis = &sig.vis;
    let (jvp, vjp) = hidden_names(&sig.name);
    let emit = sig.emit_generics();
    let generics = &emit;
    let where_clause = &generics.where_clause;
    let inputs = &f.sig.inputs;
    let ret = &sig.ret_ty;
    let tan_params = tangent_params(sig, root);
    let bufs = adjoint_buffers(sig);
    // Using only the derivatives counts as using the function (no dead-code warning on `f`).
    let name = &sig.name;
    let tf = turbofish(sig);
    let sp = self_prefix(sig);
    let mention = quote!(let _ = #sp #name #tf;);
    let cot_tys: Vec<TokenStream> = sig.params.iter().map(|p| cot_ty(sig, root, p)).collect();
    let allows = allows();
    let direct = direct.map(|body| {
        let vg = direct_name(&sig.name);
        let ybar = Ident::new("__ybar", Span::mixed_site());
        let want = crate::reverse::want_value();
        // Inlined into `f_grad` and `f_value_and_grad`, its only callers: in `f_grad` the
        // value is unused, so the compiler drops the primal work that only computed it (a
        // loop that only sums, as in `Σ f(x_i)`, keeps just its trip count).
        quote! {
            #[doc(hidden)]
            #[inline(always)]
            #allows
            #vis fn #vg #generics (#inputs, #ybar: #ret, #want: bool) -> (#ret, (#(#cot_tys,)*)) #where_clause {
                #mention
                #body
            }
        }
    });
    quote! {
        #direct
        #[doc(hidden)]
        #[inline]
        #allows
        #vis fn #jvp #generics (#inputs, #(#tan_params),*) -> (#ret, #ret) #where_clause {
            #mention
            #jvp_body
        }
        #[doc(hidden)]
        #[inline]
        #allows
        #vis fn #vjp #generics (#inputs) -> (#ret, impl ::core::ops::FnOnce(#ret, #(#bufs),*) -> (#(#cot_tys,)*)) #where_clause {
            #mention
            #vjp_body
        }
    }
}

/// The adjoint buffers a pullback takes, one per `&mut [F]` argument (Enzyme's "duplicated"
/// arguments: the cotangent of the final value on entry, of the initial value on exit).
pub fn adjoint_buffers(sig: &Sig) -> Vec<TokenStream> {
    let f = &sig.float_ty;
    sig.params
        .iter()
        .filter(|p| p.active && p.array == Some(sig::ArrayTy::SliceMut))
        .map(|_| quote!(&mut [#f]))
        .collect()
}

/// `Self::` before the generated siblings of a method.
fn self_prefix(sig: &Sig) -> TokenStream {
    if sig.has_receiver {
        quote!(Self::)
    } else {
        TokenStream::new()
    }
}

/// The type of a parameter's tangent in the generated JVPs: the float itself for floats and
/// `()` for integers (through `Tangent`, so callers need not know which is which), `&[F]` for an
/// active slice, the array type for `[F; N]`, `Vec<F>` for an owned vector, `()` otherwise.
fn tangent_ty(sig: &Sig, root: &TokenStream, p: &sig::Param) -> TokenStream {
    let f = &sig.float_ty;
    if p.structure.is_some() {
        return if p.active {
            p.ty.to_token_stream()
        } else {
            quote!(())
        };
    }
    match p.array {
        Some(_) if !p.active => quote!(()),
        Some(sig::ArrayTy::Slice) => quote!(&[#f]),
        Some(sig::ArrayTy::SliceMut) => quote!(&mut [#f]),
        Some(sig::ArrayTy::Fixed) => p.ty.to_token_stream(),
        Some(sig::ArrayTy::Owned) => quote!(::std::vec::Vec<#f>),
        None if p.active || sig::is_float_type(&p.ty, &sig.generics) || sig::is_discrete(&p.ty) => {
            sig::tangent_of(root, &p.ty)
        }
        None => quote!(()),
    }
}

/// The type of a parameter's cotangent in the generated pullbacks (`Vec<F>` for slices).
fn cot_ty(sig: &Sig, root: &TokenStream, p: &sig::Param) -> TokenStream {
    let f = &sig.float_ty;
    if let Some(st) = &p.structure {
        return if p.active {
            st.inner.to_token_stream()
        } else {
            quote!(())
        };
    }
    match p.array {
        Some(_) if !p.active => quote!(()),
        Some(sig::ArrayTy::Fixed) => p.ty.to_token_stream(),
        // Accumulated in the caller's adjoint buffer.
        Some(sig::ArrayTy::SliceMut) => quote!(()),
        Some(_) => quote!(::std::vec::Vec<#f>),
        None => tangent_ty(sig, root, p),
    }
}

/// The zero tangent of an inactive parameter, for the public wrappers.
fn zero_tangent_of(sig: &Sig, root: &TokenStream, p: &sig::Param) -> TokenStream {
    let n = &p.ident;
    if p.array.is_none() && (sig::is_float_type(&p.ty, &sig.generics) || sig::is_discrete(&p.ty)) {
        quote!(#root::__private::zero_tangent(&#n))
    } else {
        quote!(())
    }
}

/// The tangent of a parameter in generated code (the same name `Gen` gives it).
fn tangent_ident(p: &Ident) -> Ident {
    format_ident!(
        "__d{}",
        p.to_string().trim_start_matches("__"),
        span = Span::mixed_site()
    )
}

fn hidden_names(name: &Ident) -> (Ident, Ident) {
    (
        format_ident!("__oxidiff_jvp_{}", name, span = name.span()),
        format_ident!("__oxidiff_vjp_{}", name, span = name.span()),
    )
}

/// One tangent per parameter, in the hidden JVP's signature.
fn tangent_params(sig: &Sig, root: &TokenStream) -> Vec<TokenStream> {
    sig.params
        .iter()
        .map(|p| {
            let t = tangent_ty(sig, root, p);
            if p.active {
                let d = tangent_ident(&p.ident);
                quote!(mut #d: #t)
            } else {
                quote!(_: #t)
            }
        })
        .collect()
}

/// Public names of tangent arguments: `dx` for `x`, avoiding clashes with parameters.
fn public_tangent_names(sig: &Sig) -> Vec<Ident> {
    sig.params
        .iter()
        .filter(|p| p.active)
        .map(|p| {
            let mut n = format!("d{}", p.ident.to_string().trim_start_matches("r#"));
            // `do` for `o`, `dyn` for `yn`: keywords.
            while sig.params.iter().any(|q| q.ident == n) || matches!(n.as_str(), "do" | "dyn") {
                n.push('_');
            }
            Ident::new(&n, p.ident.span())
        })
        .collect()
}

fn turbofish(sig: &Sig) -> TokenStream {
    let tys: Vec<&Ident> = sig
        .generics
        .type_params()
        .map(|t| &t.ident)
        .filter(|t| !sig.outer.contains(t))
        .collect();
    let consts: Vec<&Ident> = sig.generics.const_params().map(|c| &c.ident).collect();
    if tys.is_empty() && consts.is_empty() {
        TokenStream::new()
    } else {
        quote!(::<#(#tys,)* #(#consts),*>)
    }
}

/// `f_jvp`, `f_vjp`, and for scalar results `f_grad` and `f_value_and_grad`.
fn public_items(sig: &Sig, root: &TokenStream, direct: bool) -> TokenStream {
    let sp = self_prefix(sig);
    let vis = &sig.vis;
    let name = &sig.name;
    let emit = sig.emit_generics();
    let generics = &emit;
    let where_clause = &generics.where_clause;
    let ret = &sig.ret_ty;
    let float = &sig.float_ty;
    let tf = turbofish(sig);
    let (hjvp, hvjp) = hidden_names(name);
    let private = quote!(#root::__private);
    let names: Vec<&Ident> = sig.params.iter().map(|p| &p.ident).collect();
    let tys: Vec<&Type> = sig.param_types();
    let dnames = public_tangent_names(sig);
    // Active scalars show their own type in the public signatures (`dx: f64`).
    let plain = |p: &sig::Param, t: TokenStream| {
        if p.array.is_none() && p.structure.is_none() {
            p.ty.to_token_stream()
        } else {
            t
        }
    };
    let active_tys: Vec<TokenStream> = sig
        .active_params()
        .map(|(_, p)| plain(p, tangent_ty(sig, root, p)))
        .collect();
    let in_place = |p: &sig::Param| p.array == Some(sig::ArrayTy::SliceMut);
    let active_cots: Vec<TokenStream> = sig
        .active_params()
        .filter(|(_, p)| !in_place(p))
        .map(|(_, p)| plain(p, cot_ty(sig, root, p)))
        .collect();
    let bufs = adjoint_buffers(sig);
    let buf_names: Vec<Ident> = (0..bufs.len())
        .map(|i| format_ident!("__buf{}", i, span = Span::mixed_site()))
        .collect();
    let mut zeros = TokenStream::new();
    let mut tangents = Vec::new();
    let mut k = 0;
    for p in &sig.params {
        if p.active {
            let d = &dnames[k];
            // A struct's tangent with its `#[no_grad]` floats cleared (forward mode reads them).
            tangents.push(match &p.structure {
                Some(st) if st.by_ref => quote!(&#private::tangent_of(#d)),
                Some(_) => quote!(#private::tangent_of(&#d)),
                None => quote!(#d),
            });
            k += 1;
        } else {
            let z = format_ident!("__zero_{}", p.ident, span = Span::mixed_site());
            let zt = zero_tangent_of(sig, root, p);
            zeros.extend(quote!(let #z = #zt;));
            tangents.push(quote!(#z));
        }
    }
    // The pullback's result: the active parameters' cotangents, bare if there is one.
    let active_idx: Vec<syn::Index> = sig
        .active_params()
        .filter(|(_, p)| !in_place(p))
        .map(|(i, _)| syn::Index::from(i))
        .collect();
    let c = Ident::new("__c", Span::mixed_site());
    let (cot_ty, extract) = match active_idx.len() {
        1 => {
            let t = &active_cots[0];
            let i = &active_idx[0];
            (quote!(#t), quote!(#c.#i))
        }
        _ => (quote!((#(#active_cots),*)), quote!((#(#c.#active_idx),*))),
    };
    let jvp = format_ident!("{}_jvp", name);
    let vjp = format_ident!("{}_vjp", name);
    let grad = format_ident!("{}_grad", name);
    let vag = format_ident!("{}_value_and_grad", name);
    let doc_jvp = format!(
        "Forward mode of [`{name}`]: its value and its directional derivative along the tangents of the active arguments (generated by `#[differentiable]`)."
    );
    let doc_vjp = format!(
        "Reverse mode of [`{name}`]: its value and the pullback, which maps a cotangent of the result to the cotangents of the active arguments (generated by `#[differentiable]`)."
    );
    let doc_grad = format!("The gradient of [`{name}`] with respect to its active arguments (generated by `#[differentiable]`).");
    let doc_vag =
        format!("The value and gradient of [`{name}`] (generated by `#[differentiable]`).");
    let v = Ident::new("__v", Span::mixed_site());
    let pb = Ident::new("__pb", Span::mixed_site());
    let gg = Ident::new("__g", Span::mixed_site());
    let mut out = quote! {
        #[doc = #doc_jvp]
        #[inline]
        #[allow(non_snake_case, clippy::too_many_arguments)]
        #vis fn #jvp #generics (#(#names: #tys,)* #(#dnames: #active_tys),*) -> (#ret, #ret) #where_clause {
            #zeros
            #sp #hjvp #tf (#(#names,)* #(#tangents),*)
        }
        #[doc = #doc_vjp]
        #[inline]
        #[allow(non_snake_case, clippy::type_complexity)]
        #vis fn #vjp #generics (#(#names: #tys),*) -> (#ret, impl ::core::ops::FnOnce(#ret, #(#bufs),*) -> #cot_ty) #where_clause {
            let (#v, #pb) = #sp #hvjp #tf (#(#names),*);
            (#v, move |#gg: #ret, #(#buf_names: #bufs),*| {
                let #c = #pb(#gg, #(#buf_names),*);
                #extract
            })
        }
    };
    if direct {
        let vg = direct_name(name);
        out.extend(quote! {
            #[doc = #doc_grad]
            #[inline]
            #[allow(non_snake_case)]
            #vis fn #grad #generics (#(#names: #tys),*) -> #cot_ty #where_clause {
                let (_, #c) = #sp #vg #tf (#(#names,)* #private::one::<#float>(), false);
                #extract
            }
            #[doc = #doc_vag]
            #[inline]
            #[allow(non_snake_case)]
            #vis fn #vag #generics (#(#names: #tys),*) -> (#ret, #cot_ty) #where_clause {
                let (#v, #c) = #sp #vg #tf (#(#names,)* #private::one::<#float>(), true);
                (#v, #extract)
            }
        });
    } else if sig.ret_arity.is_none() && !sig.ret_array && bufs.is_empty() {
        out.extend(quote! {
            #[doc = #doc_grad]
            #[inline]
            #[allow(non_snake_case)]
            #vis fn #grad #generics (#(#names: #tys),*) -> #cot_ty #where_clause {
                let (_, #pb) = #sp #vjp #tf (#(#names),*);
                #pb(#private::one::<#float>())
            }
            #[doc = #doc_vag]
            #[inline]
            #[allow(non_snake_case)]
            #vis fn #vag #generics (#(#names: #tys),*) -> (#ret, #cot_ty) #where_clause {
                let (#v, #pb) = #sp #vjp #tf (#(#names),*);
                (#v, #pb(#private::one::<#float>()))
            }
        });
    }
    out
}

// ----- custom rules -----

#[derive(Clone, Copy)]
pub enum CustomKind {
    Vjp,
    Jvp,
}

impl CustomKind {
    fn name(self) -> &'static str {
        match self {
            CustomKind::Vjp => "custom_vjp",
            CustomKind::Jvp => "custom_jvp",
        }
    }
}

pub fn custom(attr: TokenStream, item: TokenStream, kind: CustomKind) -> TokenStream {
    let args: CustomArgs = match syn::parse2(attr) {
        Ok(a) => a,
        Err(e) => return with_errors(e, &item),
    };
    let mut f: ItemFn = match syn::parse2(item.clone()) {
        Ok(f) => f,
        Err(e) => {
            let msg = syn::Error::new(
                e.span(),
                format!("#[{}] applies to a free function", kind.name()),
            );
            return with_errors(msg, &item);
        }
    };
    // The other custom rule, if also given, and a `#[differentiable]` marker are consumed here.
    let mut vjp: Option<Path> = None;
    let mut jvp: Option<Path> = None;
    match kind {
        CustomKind::Vjp => vjp = Some(args.rule.clone()),
        CustomKind::Jvp => jvp = Some(args.rule.clone()),
    }
    let mut errors = Ctxt::default();
    f.attrs.retain(|a| {
        let other = match kind {
            CustomKind::Vjp => "custom_jvp",
            CustomKind::Jvp => "custom_vjp",
        };
        if a.path().is_ident(other) {
            match a.parse_args::<CustomArgs>() {
                Ok(o) => match kind {
                    CustomKind::Vjp => jvp = Some(o.rule),
                    CustomKind::Jvp => vjp = Some(o.rule),
                },
                Err(e) => errors.push(e),
            }
            return false;
        }
        !a.path().is_ident("differentiable")
    });
    if let Err(e) = errors.finish() {
        return with_errors(e, &item);
    }
    match expand_custom(&args.root, f, vjp, jvp) {
        Ok(ts) => ts,
        Err(e) => with_errors(e, &item),
    }
}

fn expand_custom(
    root: &TokenStream,
    mut f: ItemFn,
    vjp: Option<Path>,
    jvp: Option<Path>,
) -> syn::Result<TokenStream> {
    let mut cx = Ctxt::default();
    let no_grad = sig::strip_no_grad(&mut f.sig);
    let Some(sig) = sig::analyze(&mut cx, &f.vis, &f.sig, &no_grad) else {
        cx.finish()?;
        return Err(syn::Error::new(Span::call_site(), "invalid signature"));
    };
    // Rules take and give floats: a slice's or struct's cotangent has no place in them yet.
    for q in sig.params.iter().filter(|q| q.active) {
        if q.array.is_some() || q.structure.is_some() {
            cx.error_spanned(
                &q.ty,
                format!(
                    "custom derivative rules support float arguments only (`{}` is an array or a struct): give the rule to a helper over floats, differentiate the function with #[differentiable], or for a solve use `oxidiff::implicit`",
                    q.ident
                ),
            );
        }
    }
    if sig.ret_array {
        cx.error_spanned(
            &sig.ret_ty,
            "custom derivative rules support float results only: return floats or a tuple of floats",
        );
    }
    cx.finish()?;
    let private = quote!(#root::__private);
    let name = &sig.name;
    let tf = turbofish(&sig);
    let float = &sig.float_ty;
    let ret = &sig.ret_ty;
    let names: Vec<&Ident> = sig.params.iter().map(|p| &p.ident).collect();
    let tys: Vec<&Type> = sig.param_types();
    let active: Vec<usize> = sig.active_params().map(|(i, _)| i).collect();
    let active_tys: Vec<&Type> = active.iter().map(|&i| &sig.params[i].ty).collect();
    let n_out = sig.n_results();
    let y = Ident::new("__y", Span::mixed_site());
    let one = quote!(#private::one::<#float>());
    let zero = quote!(#private::zero::<#float>());
    let dnames: Vec<Ident> = sig.params.iter().map(|p| tangent_ident(&p.ident)).collect();
    let cot_ty = match active_tys.len() {
        1 => {
            let t = active_tys[0];
            quote!(#t)
        }
        _ => quote!((#(#active_tys),*)),
    };
    // Component k of a value in the "g_grad form" (bare for one active argument).
    let comp = |c: &TokenStream, k: usize| -> TokenStream {
        if active.len() == 1 {
            c.clone()
        } else {
            let i = syn::Index::from(k);
            quote!(#c.#i)
        }
    };
    // Component j of a result.
    let out_comp = |v: &TokenStream, j: usize| -> TokenStream {
        if sig.ret_arity.is_some() {
            let i = syn::Index::from(j);
            quote!(#v.#i)
        } else {
            v.clone()
        }
    };
    // A result-shaped value with 1 in component j.
    let unit_out = |j: usize| -> TokenStream {
        if sig.ret_arity.is_some() {
            let parts = (0..n_out).map(|k| if k == j { one.clone() } else { zero.clone() });
            quote!((#(#parts),*))
        } else {
            one.clone()
        }
    };
    let sp = self_prefix(&sig);
    let primal_call = quote!(#sp #name #tf (#(#names),*));

    // Forward rule.
    let jvp_body = if let Some(tan) = &jvp {
        let check = quote_spanned! {tan.span()=>
            let __rule: fn(#(#tys,)* #ret, #(#active_tys),*) -> #ret = #tan;
        };
        let ds = active.iter().map(|&i| &dnames[i]);
        quote! {
            #check
            let #y = #primal_call;
            let __dy = __rule(#(#names,)* #y, #(#ds),*);
            (#y, __dy)
        }
    } else if let Some(bwd) = &vjp {
        // Forward from reverse: one pullback per output component.
        let check = quote_spanned! {bwd.span()=>
            let __rule: fn(#(#tys,)* #ret, #ret) -> #cot_ty = #bwd;
        };
        let mut comps = Vec::new();
        let mut body = TokenStream::new();
        for j in 0..n_out {
            let cj = format_ident!("__c{}", j, span = Span::mixed_site());
            let u = unit_out(j);
            body.extend(quote!(let #cj = __rule(#(#names,)* #y, #u);));
            let cj_ts = quote!(#cj);
            let terms = active.iter().enumerate().map(|(k, &i)| {
                let d = &dnames[i];
                let c = comp(&cj_ts, k);
                quote!(#c * #d)
            });
            comps.push(quote!(#zero #(+ #terms)*));
        }
        let dy = if sig.ret_arity.is_some() {
            quote!((#(#comps),*))
        } else {
            comps[0].clone()
        };
        quote! {
            #check
            let #y = #primal_call;
            #body
            (#y, #dy)
        }
    } else {
        TokenStream::new()
    };

    // Reverse rule.
    let mut zeros = TokenStream::new();
    for (i, p) in sig.params.iter().enumerate() {
        if !p.active {
            let z = format_ident!("__zero{}", i, span = Span::mixed_site());
            let zt = zero_tangent_of(&sig, root, p);
            zeros.extend(quote!(let #z = #zt;));
        }
    }
    let full_cot = |c: &TokenStream| -> TokenStream {
        let mut k = 0;
        let parts = sig.params.iter().enumerate().map(|(i, p)| {
            if p.active {
                let r = comp(c, k);
                k += 1;
                r
            } else {
                let z = format_ident!("__zero{}", i, span = Span::mixed_site());
                quote!(#z)
            }
        });
        quote!((#(#parts,)*))
    };
    let g = Ident::new("__g", Span::mixed_site());
    let vjp_body = if let Some(bwd) = &vjp {
        let check = quote_spanned! {bwd.span()=>
            let __rule: fn(#(#tys,)* #ret, #ret) -> #cot_ty = #bwd;
        };
        let c = quote!(__c);
        let fc = full_cot(&c);
        quote! {
            #check
            #zeros
            let #y = #primal_call;
            (#y, move |#g: #ret| {
                let __c = __rule(#(#names,)* #y, #g);
                #fc
            })
        }
    } else if let Some(tan) = &jvp {
        // Reverse from forward: one JVP per active argument (a Jacobian column each).
        let mut cols = TokenStream::new();
        let mut cots = Vec::new();
        for (k, &i) in active.iter().enumerate() {
            let jk = format_ident!("__j{}", k, span = Span::mixed_site());
            let ds = active
                .iter()
                .map(|&a| if a == i { one.clone() } else { zero.clone() });
            cols.extend(quote!(let #jk = __rule(#(#names,)* #y, #(#ds),*);));
            let jk_ts = quote!(#jk);
            let g_ts = quote!(#g);
            let terms = (0..n_out).map(|j| {
                let a = out_comp(&jk_ts, j);
                let b = out_comp(&g_ts, j);
                quote!(#a * #b)
            });
            cots.push(quote!(#zero #(+ #terms)*));
        }
        let c = if active.len() == 1 {
            cots[0].clone()
        } else {
            quote!((#(#cots),*))
        };
        let cc = quote!(__c);
        let fc = full_cot(&cc);
        let check = quote_spanned! {tan.span()=>
            let __rule: fn(#(#tys,)* #ret, #(#active_tys),*) -> #ret = #tan;
        };
        quote! {
            #check
            #zeros
            let #y = #primal_call;
            #cols
            (#y, move |#g: #ret| {
                let __c = #c;
                #fc
            })
        }
    } else {
        TokenStream::new()
    };

    // Give the hidden JVP's tangent parameters the names used above.
    let mut fwd_fn = f.clone();
    fwd_fn.sig.inputs = sig
        .params
        .iter()
        .map(|p| {
            let n = &p.ident;
            let t = &p.ty;
            let x: syn::FnArg = syn::parse_quote!(#n: #t);
            x
        })
        .collect();
    let hidden = hidden_items(&sig, root, &fwd_fn, jvp_body, vjp_body, None);
    // Second derivatives through a custom rule need the rule to be generic.
    let twin = if sig.is_generic_float() {
        twin_alias(&sig, root, &fwd_fn)
    } else {
        let twin_sig = sig.dual_twin(root);
        let msg = format!(
            "oxidiff: second derivatives through `{name}` are not available: its custom rule is written for `{}`; make `{name}` and its rule generic over `T: Real`",
            float.to_token_stream()
        );
        let cots = twin_sig
            .params
            .iter()
            .map(|q| self::cot_ty(&twin_sig, root, q));
        let ret = &twin_sig.ret_ty;
        let body = quote! {
            let __unavailable: (#ret, fn(#ret) -> (#(#cots,)*)) = ::core::panic!(#msg);
            __unavailable
        };
        twin_item(&sig, &twin_sig, root, &fwd_fn, body)
    };
    let public = public_items(&sig, root, false);
    let higher = higher_order_items(&sig, root, true);
    Ok(quote! {
        #f
        #hidden
        #twin
        #public
        #higher
    })
}

/// `#[jit]` (with `#[differentiable]` below it, both).
pub fn jit(attr: TokenStream, item: TokenStream) -> TokenStream {
    let args: crate::jit::JitArgs = match syn::parse2(attr) {
        Ok(a) => a,
        Err(e) => return with_errors(e, &item),
    };
    let mut f: ItemFn = match syn::parse2(item.clone()) {
        Ok(f) => f,
        Err(e) => {
            let msg = syn::Error::new(
                e.span(),
                "#[jit] applies to a function over tensors (`fn f(x: &Tensor) -> Result<Tensor> { .. }`, or a method taking `&self`)",
            );
            return with_errors(msg, &item);
        }
    };
    let st = match crate::jit::take_stacked(&mut f) {
        Ok(st) => st,
        Err(e) => return with_errors(e, &item),
    };
    let used = st.used;
    let name = f.sig.ident.clone();
    match crate::jit::expand(&args.root.clone(), f, Some(&args), st.diff, st.vmap) {
        Ok(ts) => {
            let used = crate::jit::keep_used(used, &name);
            quote!(#used #ts)
        }
        Err(e) => with_errors(e, &item),
    }
}

/// `#[vmap]`: on a tensor function, `f_vmap` through the IR's batching rules (with `#[jit]`
/// and `#[differentiable]` on the same function, all three); on a scalar function, `f_vmap`
/// over slices of its arguments (a loop).
pub fn vmap(attr: TokenStream, item: TokenStream) -> TokenStream {
    let opts: crate::jit::VmapOpts = match syn::parse2(attr) {
        Ok(a) => a,
        Err(e) => return with_errors(e, &item),
    };
    let mut f: ItemFn = match syn::parse2(item.clone()) {
        Ok(f) => f,
        Err(e) => {
            let msg = syn::Error::new(e.span(), "#[vmap] applies to a function (`fn f(x: &Tensor) -> Result<Tensor> { .. }`, or a scalar function)");
            return with_errors(msg, &item);
        }
    };
    if !crate::jit::is_tensor_fn(&f) {
        return match crate::jit::scalar_vmap(&f, &opts) {
            Ok(ts) => quote!(#item #ts),
            Err(e) => with_errors(e, &item),
        };
    }
    let st = match crate::jit::take_stacked(&mut f) {
        Ok(st) => st,
        Err(e) => return with_errors(e, &item),
    };
    let used = st.used;
    let name = f.sig.ident.clone();
    let root = st
        .jit
        .as_ref()
        .map_or(quote!(::oxidiff), |a| a.root.clone());
    match crate::jit::expand(&root, f, st.jit.as_ref(), st.diff, Some(opts)) {
        Ok(ts) => {
            let used = crate::jit::keep_used(used, &name);
            quote!(#used #ts)
        }
        Err(e) => with_errors(e, &item),
    }
}
