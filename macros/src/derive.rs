//! `#[derive(Differentiable)]`: a struct of floats, vectors, arrays and other differentiable
//! structs becomes its own tangent space (zero, add, scale, dot, flatten), JAX's pytrees.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, ToTokens};
use syn::{Data, DeriveInput, Fields, Index};

pub fn derive_differentiable(input: TokenStream) -> TokenStream {
    match expand(input) {
        Ok(t) => t,
        Err(e) => e.to_compile_error(),
    }
}

fn expand(input: TokenStream) -> syn::Result<TokenStream> {
    let input: DeriveInput = syn::parse2(input)?;
    let root = quote!(::oxidiff::__private);
    let Data::Struct(data) = &input.data else {
        return Err(syn::Error::new_spanned(
            &input.ident,
            "#[derive(Differentiable)] applies to structs (of floats, Vec and arrays of floats, and other Differentiable structs)",
        ));
    };
    // (accessor, type, differentiable?)
    let fields: Vec<(TokenStream, &syn::Type, bool)> = match &data.fields {
        Fields::Named(n) => n
            .named
            .iter()
            .map(|f| {
                let id = f.ident.clone();
                let skip = f.attrs.iter().any(|a| a.path().is_ident("no_grad"));
                (quote!(#id), &f.ty, !skip)
            })
            .collect(),
        Fields::Unnamed(u) => u
            .unnamed
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let idx = Index::from(i);
                let skip = f.attrs.iter().any(|a| a.path().is_ident("no_grad"));
                (quote!(#idx), &f.ty, !skip)
            })
            .collect(),
        Fields::Unit => vec![],
    };
    if fields
        .iter()
        .any(|(_, ty, _)| crate::jit::mentions_tensor(ty))
    {
        return Ok(tensor_tree(&input, &fields));
    }
    // Fields of types that can never be a tangent (`HashMap`, `String`, `Option`, integers,
    // tuples): one error each, and the struct still derives, with them carried as data, so
    // that the error is not followed by others from the generated code.
    let mut errors = TokenStream::new();
    let mut fields = fields;
    for (a, ty, d) in fields.iter_mut() {
        if *d {
            if let Some(what) = never_a_tangent(ty) {
                errors.extend(
                    syn::Error::new_spanned(
                        *ty,
                        format!(
                            "field `{a}`: {what} can't be differentiated: mark the field `#[no_grad]` to carry it as data, or hold its floats in `f64`/`Vec<f64>`/array fields or another `Differentiable` struct"
                        ),
                    )
                    .to_compile_error(),
                );
                *d = false;
            }
        }
    }
    let Some(first) = fields.iter().find(|f| f.2) else {
        return Err(syn::Error::new_spanned(
            &input.ident,
            "#[derive(Differentiable)] needs at least one field without #[no_grad]",
        ));
    };
    let first_ty = first.1;
    let scalar = quote!(<#first_ty as #root::Differentiable>::Scalar);
    let name = &input.ident;
    let (impl_g, ty_g, where_g) = input.generics.split_for_impl();
    let mut where_clause = match where_g {
        Some(w) => quote!(#w),
        None => quote!(where),
    };
    if where_g.is_some() && !where_g.is_some_and(|w| w.predicates.trailing_punct()) {
        where_clause.extend(quote!(,));
    }
    // Bounds only matter for generic structs; the first differentiable field defines the
    // scalar type, the others must share it.
    if !input.generics.params.is_empty() {
        // `Differentiable: Clone`; the derived `Clone` asks `T: Clone`, which the field bounds
        // below do not always imply (`[T; 2]: Differentiable`).
        where_clause.extend(quote!(#name #ty_g: ::core::clone::Clone,));
        // Each field type once: a second `T: Differentiable<Scalar = <T as ..>::Scalar>` for a
        // type equal to the first would be a bound on itself, which the compiler cannot
        // evaluate (`struct P<T> { w: T, b: T }`).
        let mut seen: Vec<String> = Vec::new();
        for (k, (_, ty, _)) in fields.iter().filter(|f| f.2).enumerate() {
            let key = ty.to_token_stream().to_string();
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            if k == 0 {
                where_clause.extend(quote!(#ty: #root::Differentiable,));
            } else {
                where_clause.extend(quote!(#ty: #root::Differentiable<Scalar = #scalar>,));
            }
        }
    }
    // `clear_no_grad`: float-holding `#[no_grad]` fields to zero, differentiated fields
    // recursively (a nested struct's own `#[no_grad]` fields).
    let t = float_param(&input, &fields);
    let mut clear = Vec::new();
    let mut seen_clear: Vec<String> = Vec::new();
    for (a, ty, d) in &fields {
        if *d {
            clear.push(quote!(#root::Differentiable::clear_no_grad(&mut self.#a);));
        } else if holds_floats(ty, t) {
            clear.push(quote! {
                self.#a = #root::Differentiable::zero_like(&self.#a);
                #root::Differentiable::clear_no_grad(&mut self.#a);
            });
            let key = ty.to_token_stream().to_string();
            if !input.generics.params.is_empty() && !seen_clear.contains(&key) {
                seen_clear.push(key);
                where_clause.extend(quote!(#ty: #root::Differentiable,));
            }
        } else if never_a_tangent(ty).is_none() {
            // A struct (or enum, ..) carried as data: zeroed if it is `Differentiable`, so
            // that its floats are never taken for derivatives (a frozen layer).
            clear.push(quote! {
                {
                    #[allow(unused_imports)]
                    use #root::{ClearDifferentiable as _, ClearOther as _};
                    (&mut #root::ClearProbe(&mut self.#a)).clear_probe();
                }
            });
        }
    }
    let zero = fields.iter().map(|(a, _, d)| {
        if *d {
            quote!(#a: #root::Differentiable::zero_like(&self.#a))
        } else {
            quote!(#a: ::core::clone::Clone::clone(&self.#a))
        }
    });
    let diff: Vec<&TokenStream> = fields.iter().filter(|f| f.2).map(|f| &f.0).collect();
    let a = format_ident!("__a");
    let lift = lift_dual(&input, &fields, &root);
    Ok(quote! {
        #errors
        #lift
        impl #impl_g #root::Differentiable for #name #ty_g #where_clause {
            type Scalar = #scalar;
            fn zero_like(&self) -> Self {
                #name { #(#zero),* }
            }
            fn add_assign(&mut self, other: &Self) {
                #(#root::Differentiable::add_assign(&mut self.#diff, &other.#diff);)*
            }
            fn scale(&mut self, #a: Self::Scalar) {
                #(#root::Differentiable::scale(&mut self.#diff, #a);)*
            }
            fn dot(&self, other: &Self) -> Self::Scalar {
                let mut __s = <Self::Scalar as #root::Real>::from_f64(0.0);
                #(__s += #root::Differentiable::dot(&self.#diff, &other.#diff);)*
                __s
            }
            fn flatten_into(&self, out: &mut ::std::vec::Vec<Self::Scalar>) {
                #(#root::Differentiable::flatten_into(&self.#diff, out);)*
            }
            fn read_from(&mut self, src: &mut &[Self::Scalar]) {
                #(#root::Differentiable::read_from(&mut self.#diff, src);)*
            }
            fn clear_no_grad(&mut self) {
                #(#clear)*
            }
        }
    })
}

/// A struct with `Tensor` fields (model parameters): a pytree of tensors for `#[jit]` and
/// tensor-mode `#[differentiable]`. Fields mentioning `Tensor` are leaves (`#[no_grad]`
/// ones are carried but get zero gradients); other fields are static data, part of the
/// compile-cache key through their `Debug` text.
fn tensor_tree(input: &DeriveInput, fields: &[(TokenStream, &syn::Type, bool)]) -> TokenStream {
    let j = quote!(::oxidiff::__private::xla::jit);
    let name = &input.ident;
    let (impl_g, ty_g, where_g) = input.generics.split_for_impl();
    let mut flatten = vec![];
    let mut rebuild = vec![];
    let mut mask = vec![];
    let mut key = vec![];
    for (a, ty, d) in fields {
        if crate::jit::mentions_tensor(ty) {
            flatten.push(quote!(#j::TensorTree::flatten_into(&self.#a, out);));
            rebuild.push(quote!(#a: #j::TensorTree::rebuild(&self.#a, leaves)?));
            if *d {
                mask.push(quote!(#j::TensorTree::grad_mask_into(&self.#a, out);));
            } else {
                mask.push(quote! {
                    let __n = #j::TensorTree::leaves(&self.#a).len();
                    out.extend(::std::iter::repeat(false).take(__n));
                });
            }
            key.push(quote!(#j::TensorTree::static_key(&self.#a, out);));
        } else {
            rebuild.push(quote!(#a: ::core::clone::Clone::clone(&self.#a)));
            key.push(quote! {
                {
                    use ::core::fmt::Write as _;
                    let _ = ::core::write!(out, "{:?},", &self.#a);
                }
            });
        }
    }
    quote! {
        impl #impl_g #j::TensorTree for #name #ty_g #where_g {
            fn flatten_into(&self, out: &mut ::std::vec::Vec<::oxidiff::__private::xla::tensor::Tensor>) {
                #(#flatten)*
            }
            fn rebuild(
                &self,
                leaves: &mut dyn ::core::iter::Iterator<Item = ::oxidiff::__private::xla::tensor::Tensor>,
            ) -> ::oxidiff::__private::xla::Result<Self> {
                ::core::result::Result::Ok(#name { #(#rebuild),* })
            }
            fn grad_mask_into(&self, out: &mut ::std::vec::Vec<bool>) {
                #(#mask)*
            }
            fn static_key(&self, out: &mut ::std::string::String) {
                #(#key)*
            }
        }
    }
}

/// Whether `ty` mentions the type parameter `t`.
/// What a field's type is when it can never be a tangent: a standard type that holds no
/// floats as a vector space (maps, strings, options, pointers, integers, tuples).
fn never_a_tangent(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Tuple(_) => Some("a tuple".into()),
        syn::Type::Reference(_) | syn::Type::Ptr(_) => Some("a reference".into()),
        syn::Type::Path(tp) => {
            let last = tp.path.segments.last()?.ident.to_string();
            let never = matches!(
                last.as_str(),
                "HashMap"
                    | "BTreeMap"
                    | "HashSet"
                    | "BTreeSet"
                    | "String"
                    | "Option"
                    | "Box"
                    | "Rc"
                    | "Arc"
                    | "RefCell"
                    | "Cell"
                    | "bool"
                    | "char"
                    | "usize"
                    | "isize"
                    | "u8"
                    | "u16"
                    | "u32"
                    | "u64"
                    | "i8"
                    | "i16"
                    | "i32"
                    | "i64"
            );
            let shown = ty
                .to_token_stream()
                .to_string()
                .replace(" < ", "<")
                .replace(" <", "<")
                .replace("< ", "<")
                .replace(" >", ">")
                .replace(" ,", ",");
            never.then(|| format!("`{shown}`"))
        }
        _ => None,
    }
}

fn mentions(ty: &syn::Type, t: &syn::Ident) -> bool {
    let (from, to): (syn::Type, syn::Type) = (syn::parse_quote!(#t), syn::parse_quote!(()));
    crate::sig::subst_type(ty, &from, &to)
        .to_token_stream()
        .to_string()
        != ty.to_token_stream().to_string()
}

/// The float parameter of a generic struct: the only type parameter, or of several, the one
/// the first differentiated field's type mentions (`struct S<T, U> { w: Vec<T>, #[no_grad]
/// tag: U }`).
fn float_param<'a>(
    input: &'a DeriveInput,
    fields: &[(TokenStream, &syn::Type, bool)],
) -> Option<&'a syn::Ident> {
    let tparams: Vec<&syn::Ident> = input.generics.type_params().map(|p| &p.ident).collect();
    match tparams.as_slice() {
        [t] => Some(*t),
        [] => None,
        _ => {
            let (_, first, _) = fields.iter().find(|f| f.2)?;
            let mut found = tparams.iter().filter(|t| mentions(first, t));
            match (found.next(), found.next()) {
                (Some(t), None) => Some(*t),
                _ => None,
            }
        }
    }
}

/// Whether a `#[no_grad]` field's type holds floats a tangent could carry: `f32`, `f64`, the
/// float parameter, vectors and arrays of those, or a type generic over the float parameter.
fn holds_floats(ty: &syn::Type, t: Option<&syn::Ident>) -> bool {
    match ty {
        syn::Type::Paren(p) => holds_floats(&p.elem, t),
        syn::Type::Group(g) => holds_floats(&g.elem, t),
        syn::Type::Array(a) => holds_floats(&a.elem, t),
        syn::Type::Path(p) if p.qself.is_none() => {
            let path = &p.path;
            if path.is_ident("f32") || path.is_ident("f64") || t.is_some_and(|t| path.is_ident(t)) {
                return true;
            }
            let Some(last) = path.segments.last() else {
                return false;
            };
            if last.ident == "Vec" {
                if let syn::PathArguments::AngleBracketed(a) = &last.arguments {
                    if let Some(syn::GenericArgument::Type(e)) = a.args.first() {
                        return holds_floats(e, t);
                    }
                }
                return false;
            }
            t.is_some_and(|t| mentions(ty, t))
        }
        _ => false,
    }
}

/// `LiftDual` for a struct generic over its float type `T`: `S<T>` and `S<Dual<T>>`, field by
/// field (`#[no_grad]` fields that mention `T` get zero tangents; fields that do not mention `T`
/// are cloned, and their tangent part is zero). `T` is the struct's only type parameter, or the
/// one its first differentiated field mentions. Nothing for other structs: the `f_hvp` of a
/// generic function taking one carries a `LiftDual` bound it does not meet.
fn lift_dual(
    input: &DeriveInput,
    fields: &[(TokenStream, &syn::Type, bool)],
    root: &TokenStream,
) -> TokenStream {
    let Some(t) = float_param(input, fields) else {
        return TokenStream::new();
    };
    let name = &input.ident;
    let (impl_g, ty_g, where_g) = input.generics.split_for_impl();
    // A type with `T` replaced by `Dual<T>`.
    let (from, to): (syn::Type, syn::Type) =
        (syn::parse_quote!(#t), syn::parse_quote!(#root::Dual<#t>));
    let lift_ty = |ty: &syn::Type| crate::sig::subst_type(ty, &from, &to);
    let self_ty: syn::Type = syn::parse_quote!(#name #ty_g);
    let lifted = lift_ty(&self_ty);
    let mut where_clause = match where_g {
        Some(w) => quote!(#w),
        None => quote!(where),
    };
    if where_g.is_some_and(|w| !w.predicates.trailing_punct()) {
        where_clause.extend(quote!(,));
    }
    where_clause.extend(quote!(#t: #root::Real,));
    let (mut ld, mut lc, mut tpart, mut vpart) = (vec![], vec![], vec![], vec![]);
    for (acc, ty, diff) in fields {
        let lifted_ty = lift_ty(ty);
        let generic = lifted_ty.to_token_stream().to_string() != ty.to_token_stream().to_string();
        if generic {
            where_clause.extend(quote!(#ty: #root::LiftDual<Lifted = #lifted_ty>,));
        }
        let l = root.clone();
        if *diff && !generic {
            // A field of a fixed float type stays as it is in `S<Dual<T>>`: no tangent flows
            // through it, so its tangent part is zero.
            let c = quote!(::core::clone::Clone::clone(&self.#acc));
            ld.push(quote!(#acc: #c));
            lc.push(quote!(#acc: #c));
            tpart.push(quote!(#acc: #l::Differentiable::zero_like(&__l.#acc)));
            vpart.push(quote!(#acc: ::core::clone::Clone::clone(&__l.#acc)));
        } else if *diff {
            ld.push(quote!(#acc: #l::LiftDual::lift_dual(&self.#acc, &__t.#acc)));
            lc.push(quote!(#acc: #l::LiftDual::lift_const(&self.#acc)));
            tpart.push(quote!(#acc: <#ty as #l::LiftDual>::tangent_part(&__l.#acc)));
            vpart.push(quote!(#acc: <#ty as #l::LiftDual>::value_part(&__l.#acc)));
        } else if generic {
            ld.push(quote!(#acc: #l::LiftDual::lift_const(&self.#acc)));
            lc.push(quote!(#acc: #l::LiftDual::lift_const(&self.#acc)));
            tpart.push(quote!(#acc: <#ty as #l::LiftDual>::value_part(&__l.#acc)));
            vpart.push(quote!(#acc: <#ty as #l::LiftDual>::value_part(&__l.#acc)));
        } else {
            let c = quote!(::core::clone::Clone::clone(&self.#acc));
            let cl = quote!(::core::clone::Clone::clone(&__l.#acc));
            ld.push(quote!(#acc: #c));
            lc.push(quote!(#acc: #c));
            tpart.push(quote!(#acc: #cl));
            vpart.push(quote!(#acc: #cl));
        }
    }
    quote! {
        impl #impl_g #root::LiftDual for #name #ty_g #where_clause {
            type Lifted = #lifted;
            fn lift_dual(&self, __t: &Self) -> Self::Lifted {
                #name { #(#ld),* }
            }
            fn lift_const(&self) -> Self::Lifted {
                #name { #(#lc),* }
            }
            fn tangent_part(__l: &Self::Lifted) -> Self {
                #name { #(#tpart),* }
            }
            fn value_part(__l: &Self::Lifted) -> Self {
                #name { #(#vpart),* }
            }
        }
    }
}
