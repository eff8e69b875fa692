//! `#[differentiable(check)]`: a `#[test]` that compares reverse mode, forward mode and finite
//! differences at deterministic random points, through `oxidiff::check::assert_gradients`.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, ToTokens};
use syn::{Ident, Type};

use crate::attr::CheckOpts;
use crate::error::Ctxt;
use crate::sig::{ArrayTy, Sig};

pub fn check_test(cx: &mut Ctxt, sig: &Sig, root: &TokenStream, opts: &CheckOpts) -> TokenStream {
    let p = quote!(#root::__private);
    let name = &sig.name;
    if sig.has_receiver {
        cx.error_spanned(
            name,
            "`check` does not support methods (a `#[test]` cannot be an associated function): write the check as a free function of the struct, or call `oxidiff::check::assert_gradients` on the struct's components (`Differentiable::flatten_into` and `read_from`)",
        );
        return TokenStream::new();
    }
    // A name in `args` must be an argument the check does not draw.
    for (k, _) in &opts.args {
        match sig.params.iter().find(|q| q.ident == *k) {
            None => {
                cx.error_spanned(
                    k,
                    format!("`check(args(..))`: the function has no argument `{k}`"),
                );
                return TokenStream::new();
            }
            Some(q) if q.active && q.structure.is_none() => {
                cx.error_spanned(
                    k,
                    format!(
                        "`check(args(..))`: `{k}` is differentiated, so the check draws its values at random (`lo`, `hi`, `len` set their range and length); `args` gives the arguments it does not differentiate"
                    ),
                );
                return TokenStream::new();
            }
            Some(_) => {}
        }
    }
    // An argument it does not differentiate needs a value: a default (0 steps, a zero
    // coefficient) could make the check pass on anything.
    for q in sig
        .params
        .iter()
        .filter(|q| !q.active && q.structure.is_none() && q.ident != "self")
    {
        if !opts.args.iter().any(|(k, _)| *k == q.ident) {
            cx.error_spanned(
                &q.ident,
                format!(
                    "`check` needs a value for `{}`, which it does not differentiate: give one as `check(args({} = ..))` (with 0 steps or a zero coefficient a check could pass on any derivative)",
                    q.ident, q.ident
                ),
            );
            return TokenStream::new();
        }
    }
    for q in sig
        .params
        .iter()
        .filter(|q| q.active && q.structure.is_some())
    {
        if !opts.args.iter().any(|(k, _)| *k == q.ident) {
            cx.error_spanned(
                &q.ident,
                format!(
                    "`check` needs a value of this struct argument to draw points of its shape: give one as `check(args({} = ..))` (its differentiated components are then drawn at random)",
                    q.ident
                ),
            );
            return TokenStream::new();
        }
    }
    // Generic functions are checked at f64.
    let mut tf = TokenStream::new();
    let params: Vec<_> = sig.generics.params.iter().collect();
    if !params.is_empty() {
        let only_float = sig.generics.type_params().count() == 1
            && sig.generics.const_params().count() == 0
            && sig.is_generic_float();
        if !only_float {
            cx.error_spanned(
                &sig.generics,
                "`check` needs a function that is not generic, or generic only over its float type (it is checked at f64)",
            );
            return TokenStream::new();
        }
        tf = quote!(::<f64>);
    }
    let float: Type = if sig.is_generic_float() {
        syn::parse_quote!(f64)
    } else {
        sig.float_ty.clone()
    };
    let options = opts.options.iter().map(|(k, v)| quote!(#k: #v,));
    // `f32` functions start from `f32` tolerances and step.
    let base = if quote!(#float).to_string() == "f32" {
        quote!(#p::check::Options::for_f32())
    } else {
        quote!(::core::default::Default::default())
    };
    let opts_expr = quote!(#p::check::Options { #(#options)* ..#base });
    let flat = Ident::new("__flat", Span::mixed_site());
    let dflat = Ident::new("__dflat", Span::mixed_site());
    let w = Ident::new("__w", Span::mixed_site());
    let o = Ident::new("__opts", Span::mixed_site());

    // Arguments: slots in the flat vector (active ones) or fixed values (inactive ones).
    let mut arg_decls = Vec::new();
    // Template values of struct arguments, built once.
    let mut templates = TokenStream::new();
    let mut unpack = TokenStream::new();
    let mut dunpack = TokenStream::new();
    let mut call_args = Vec::new();
    let mut tangent_args = Vec::new();
    // Arrays updated in place (Enzyme's duplicated arguments): their final states are outputs
    // after the result's components; `(value, tangent, buffer)` names.
    let mut in_place: Vec<(Ident, Ident, Ident)> = Vec::new();
    let mut offset = quote!(0usize);
    for q in &sig.params {
        let n = &q.ident;
        let nstr = n.to_string();
        let a = format_ident!("__a_{}", n, span = Span::mixed_site());
        let d = format_ident!("__d_{}", n, span = Span::mixed_site());
        if !q.active {
            let value = opts
                .args
                .iter()
                .find(|(k, _)| k == n)
                .map(|(_, v)| v.to_token_stream())
                .unwrap_or_else(|| quote!(::core::default::Default::default()));
            let ty = crate::sig::subst_type(&q.ty, &sig.float_ty, &float);
            unpack.extend(quote!(let #a: #ty = #value;));
            call_args.push(quote!(#a));
            continue;
        }
        if let Some(st) = &q.structure {
            // A struct: its components, in `flatten_into` order, read into a copy of the
            // template the options give.
            let t = format_ident!("__tmpl_{}", n, span = Span::mixed_site());
            let ty = crate::sig::subst_type(&st.inner, &sig.float_ty, &float);
            let value = &opts
                .args
                .iter()
                .find(|(k, _)| k == n)
                .expect("checked above")
                .1;
            templates.extend(quote!(let #t: #ty = #value;));
            let len = quote!(#p::Differentiable::num_components(&#t));
            arg_decls.push(quote!(#p::check::Arg { name: #nstr, len: #len }));
            let conv = |src: &Ident, dst: &Ident| -> TokenStream {
                quote! {
                    let mut #dst = ::core::clone::Clone::clone(&#t);
                    {
                        let __v: ::std::vec::Vec<#float> = #src[#offset..#offset + #len]
                            .iter()
                            .map(|&__v| #p::Real::from_f64(__v))
                            .collect();
                        let mut __s: &[#float] = &__v;
                        #p::Differentiable::read_from(&mut #dst, &mut __s);
                    }
                }
            };
            unpack.extend(conv(&flat, &a));
            dunpack.extend(conv(&dflat, &d));
            if st.by_ref {
                call_args.push(quote!(&#a));
                tangent_args.push(quote!(&#d));
            } else {
                call_args.push(quote!(::core::clone::Clone::clone(&#a)));
                tangent_args.push(quote!(::core::clone::Clone::clone(&#d)));
            }
            offset = quote!((#offset + #len));
            continue;
        }
        let len = match q.array {
            None => quote!(1usize),
            Some(ArrayTy::Fixed) => {
                let ty = crate::sig::subst_type(&q.ty, &sig.float_ty, &float);
                quote!((::core::mem::size_of::<#ty>() / ::core::mem::size_of::<#float>()))
            }
            Some(_) => quote!(#o.len),
        };
        arg_decls.push(quote!(#p::check::Arg { name: #nstr, len: #len }));
        let conv = |src: &Ident, dst: &Ident| -> TokenStream {
            match q.array {
                None => quote!(let #dst: #float = #p::Real::from_f64(#src[#offset]);),
                Some(ArrayTy::Fixed) => quote!(
                    let #dst = ::core::array::from_fn(|__i| #p::Real::from_f64(#src[#offset + __i]));
                ),
                Some(_) => quote!(
                    let mut #dst: ::std::vec::Vec<#float> = #src[#offset..#offset + #len].iter().map(|&__v| #p::Real::from_f64(__v)).collect();
                ),
            }
        };
        unpack.extend(conv(&flat, &a));
        dunpack.extend(conv(&dflat, &d));
        match q.array {
            Some(ArrayTy::Slice) => {
                call_args.push(quote!(&#a));
                tangent_args.push(quote!(&#d));
            }
            Some(ArrayTy::Owned) => {
                call_args.push(quote!(#a.clone()));
                tangent_args.push(quote!(#d.clone()));
            }
            Some(ArrayTy::SliceMut) => {
                call_args.push(quote!(&mut #a));
                tangent_args.push(quote!(&mut #d));
                let b = format_ident!("__b_{}", n, span = Span::mixed_site());
                in_place.push((a.clone(), d.clone(), b));
            }
            _ => {
                call_args.push(quote!(#a));
                tangent_args.push(quote!(#d));
            }
        }
        offset = quote!((#offset + #len));
    }
    // The result, flattened to f64, and a result-shaped cotangent from a flat vector.
    let out = Ident::new("__out", Span::mixed_site());
    let flatten = |v: &TokenStream| -> TokenStream {
        match sig.ret_arity {
            Some(k) => {
                let parts = (0..k).map(|j| {
                    let i = syn::Index::from(j);
                    quote!(#out.push(#p::Real::value_f64(#v.#i));)
                });
                quote!(#(#parts)*)
            }
            None if sig.ret_array => {
                quote!(#out.extend(#v.iter().map(|&__v| #p::Real::value_f64(__v)));)
            }
            None => quote!(#out.push(#p::Real::value_f64(#v));),
        }
    };
    // `__ny`: how many of the outputs are the result's (the rest are final states).
    let cot = match sig.ret_arity {
        Some(k) => {
            let parts = (0..k).map(|j| quote!(#p::Real::from_f64(#w[#j])));
            quote!((#(#parts),*))
        }
        None if sig.ret_array => {
            quote!(#w[..__ny].iter().map(|&__v| #p::Real::from_f64(__v)).collect::<::std::vec::Vec<#float>>())
        }
        None => quote!(#p::Real::from_f64(#w[0])),
    };
    // The finals' parts of the outputs, and the buffers the pullback takes, from `__w`.
    let finals = |v: bool| -> TokenStream {
        let parts = in_place.iter().map(|(a, d, _)| {
            let x = if v { a } else { d };
            quote!(#out.extend(#x.iter().map(|&__v| #p::Real::value_f64(__v)));)
        });
        quote!(#(#parts)*)
    };
    let (fin_v, fin_d) = (finals(true), finals(false));
    let mut bufs = TokenStream::new();
    let mut boff = quote!(__ny);
    for (_, _, b) in &in_place {
        bufs.extend(quote!(
            let mut #b: ::std::vec::Vec<#float> = #w[#boff..#boff + #o.len].iter().map(|&__v| #p::Real::from_f64(__v)).collect();
        ));
        boff = quote!((#boff + #o.len));
    }
    let buf_args = in_place.iter().map(|(_, _, b)| quote!(&mut #b));
    // The pullback's cotangents, flattened; an array updated in place has its cotangent in
    // its buffer, and none in the pullback's result.
    let n_active = sig
        .active_params()
        .filter(|(_, q)| q.array != Some(ArrayTy::SliceMut))
        .count();
    let c = Ident::new("__c", Span::mixed_site());
    let mut cot_flat = TokenStream::new();
    let mut k = 0;
    for (_, q) in sig.active_params() {
        if q.array == Some(ArrayTy::SliceMut) {
            let b = format_ident!("__b_{}", q.ident, span = Span::mixed_site());
            cot_flat.extend(quote!(#out.extend(#b.iter().map(|&__v| #p::Real::value_f64(__v)));));
            continue;
        }
        let part = if n_active == 1 {
            quote!(#c)
        } else {
            let i = syn::Index::from(k);
            quote!(#c.#i)
        };
        k += 1;
        if q.structure.is_some() {
            cot_flat.extend(quote! {{
                let mut __v: ::std::vec::Vec<#float> = ::std::vec::Vec::new();
                #p::Differentiable::flatten_into(&#part, &mut __v);
                #out.extend(__v.iter().map(|&__v| #p::Real::value_f64(__v)));
            }});
            continue;
        }
        match q.array {
            None => cot_flat.extend(quote!(#out.push(#p::Real::value_f64(#part));)),
            Some(_) => cot_flat
                .extend(quote!(#out.extend(#part.iter().map(|&__v| #p::Real::value_f64(__v)));)),
        }
    }
    let y = quote!(__y);
    let fl_y = flatten(&y);
    let dy = quote!(__dy);
    let fl_dy = flatten(&dy);
    let jvp = format_ident!("{}_jvp", name);
    let vjp = format_ident!("{}_vjp", name);
    let test = format_ident!("{}_gradient_check", name);
    let nstr = name.to_string();
    quote! {
        #[cfg(test)]
        #[test]
        #[allow(non_snake_case, clippy::all)]
        fn #test() {
            let #o: #p::check::Options = #opts_expr;
            #templates
            let __args = [#(#arg_decls),*];
            let __value = |#flat: &[f64]| -> ::std::vec::Vec<f64> {
                #unpack
                let __y = #name #tf (#(#call_args),*);
                let mut #out = ::std::vec::Vec::new();
                #fl_y
                #fin_v
                #out
            };
            let __jvp = |#flat: &[f64], #dflat: &[f64]| -> (::std::vec::Vec<f64>, ::std::vec::Vec<f64>) {
                #unpack
                #dunpack
                let (__y, __dy) = #jvp #tf (#(#call_args,)* #(#tangent_args),*);
                let mut #out = ::std::vec::Vec::new();
                #fl_y
                #fin_v
                let __v = #out;
                let mut #out = ::std::vec::Vec::new();
                #fl_dy
                #fin_d
                (__v, #out)
            };
            let __vjp = |#flat: &[f64], #w: &[f64]| -> (::std::vec::Vec<f64>, ::std::vec::Vec<f64>) {
                #unpack
                let (__y, __pb) = #vjp #tf (#(#call_args),*);
                let mut #out = ::std::vec::Vec::new();
                #fl_y
                let __ny = #out.len();
                #fin_v
                let __v = #out;
                #bufs
                let #c = __pb(#cot #(, #buf_args)*);
                let mut #out = ::std::vec::Vec::new();
                #cot_flat
                (__v, #out)
            };
            #p::check::assert_gradients(#nstr, &__args, &__value, &__jvp, &__vjp, &#o);
        }
    }
}
