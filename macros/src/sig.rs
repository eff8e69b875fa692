//! The function's signature: which parameters are active, the float type `F` of active values,
//! and the shape of the result.

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};
use syn::{FnArg, Generics, Ident, Pat, ReturnType, Signature, Type, Visibility};

use crate::error::Ctxt;

#[derive(Clone)]
pub struct Param {
    pub ident: Ident,
    pub ty: Type,
    /// Derivatives are taken with respect to it.
    pub active: bool,
    /// An array of floats (`&[F]`, `&Vec<F>`, `[F; N]`, `Vec<F>`).
    pub array: Option<ArrayTy>,
    /// A struct (`&S`, `S`, `&self`): active when the body reads its fields; then its tangent
    /// and cotangent are the struct itself (`#[derive(Differentiable)]`).
    pub structure: Option<StructTy>,
}

#[derive(Clone)]
pub struct StructTy {
    pub by_ref: bool,
    /// The struct type (`S`, `Self`).
    pub inner: Type,
}

/// A path type that may be a `#[derive(Differentiable)]` struct (or an enum: decided by use).
fn struct_type(ty: &Type) -> Option<StructTy> {
    match ty {
        Type::Reference(r) if r.mutability.is_none() => {
            struct_type(&r.elem).map(|s| StructTy { by_ref: true, ..s })
        }
        Type::Path(tp) if tp.qself.is_none() => {
            let last = tp.path.segments.last()?.ident.to_string();
            let std_like = matches!(
                last.as_str(),
                "Vec"
                    | "Option"
                    | "Box"
                    | "String"
                    | "Result"
                    | "Rc"
                    | "Arc"
                    | "HashMap"
                    | "BTreeMap"
            );
            (last.starts_with(char::is_uppercase) && !std_like).then(|| StructTy {
                by_ref: false,
                inner: ty.clone(),
            })
        }
        _ => None,
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ArrayTy {
    /// `&[F]` or `&Vec<F>`: read in place; the reverse pass works on a copy.
    Slice,
    /// `[F; N]` by value.
    Fixed,
    /// `Vec<F>` by value.
    Owned,
    /// `&mut [F]` or `&mut Vec<F>`: updated in place (Enzyme's "duplicated" convention: the
    /// JVP takes a tangent buffer updated alongside, the pullback an adjoint buffer that holds
    /// the output's cotangent on entry and the input's on exit).
    SliceMut,
}

#[derive(Clone)]
pub struct Sig {
    pub vis: Visibility,
    pub name: Ident,
    pub generics: Generics,
    pub params: Vec<Param>,
    pub ret_ty: Type,
    /// `None` for a scalar result, `Some(n)` for an n-tuple of scalars.
    pub ret_arity: Option<usize>,
    /// The result is a `Vec<F>`.
    pub ret_array: bool,
    /// A method (`&self` or `self`): generated siblings are called as `Self::..`.
    pub has_receiver: bool,
    /// The float type of every active value (`f32`, `f64` or a type parameter).
    pub float_ty: Type,
    /// Type parameters in `generics` that belong to the surrounding `impl` (`float = T`):
    /// analysed as the function's own, left out of the generated items' generics.
    pub outer: Vec<Ident>,
}

impl Sig {
    /// The generics the generated items declare: the function's own.
    pub fn emit_generics(&self) -> Generics {
        let mut g = self.generics.clone();
        g.params = g
            .params
            .into_iter()
            .filter(|p| !matches!(p, syn::GenericParam::Type(t) if self.outer.contains(&t.ident)))
            .collect();
        if g.params.is_empty() {
            g.lt_token = None;
            g.gt_token = None;
        }
        g
    }

    /// The float type is a type parameter (its dual twin is an instantiation).
    pub fn is_generic_float(&self) -> bool {
        let f = &self.float_ty;
        !matches!(quote!(#f).to_string().as_str(), "f32" | "f64")
    }

    /// The signature of the dual twin: `F` replaced by `Dual<F>` in the active parameters and
    /// the result.
    pub fn dual_twin(&self, root: &TokenStream) -> Sig {
        let f = self.float_ty.clone();
        let dual: Type = syn::parse_quote!(#root::__private::Dual<#f>);
        let mut twin = self.clone();
        for p in &mut twin.params {
            // Structs stay as they are (`&S<f64>` too): the twin reads their fields as duals.
            if p.active && p.structure.is_none() {
                p.ty = subst_type(&p.ty, &f, &dual);
            }
        }
        twin.ret_ty = subst_type(&self.ret_ty, &f, &dual);
        twin.float_ty = dual;
        twin
    }
    pub fn active_params(&self) -> impl Iterator<Item = (usize, &Param)> {
        self.params.iter().enumerate().filter(|(_, p)| p.active)
    }
    pub fn n_results(&self) -> usize {
        self.ret_arity.unwrap_or(1)
    }
    /// Every parameter's type, as written.
    pub fn param_types(&self) -> Vec<&Type> {
        self.params.iter().map(|p| &p.ty).collect()
    }
}

/// Whether `ty` is `f32`, `f64` or one of the function's type parameters.
pub fn is_float_type(ty: &Type, generics: &Generics) -> bool {
    match ty {
        Type::Path(tp) if tp.qself.is_none() && tp.path.segments.len() == 1 => {
            let id = &tp.path.segments[0].ident;
            id == "f32" || id == "f64" || generics.type_params().any(|p| p.ident == *id)
        }
        Type::Paren(p) => is_float_type(&p.elem, generics),
        _ => false,
    }
}

/// `&[F]`, `&Vec<F>`, `[F; N]` or `Vec<F>` with `F` a float type.
pub fn array_type(ty: &Type, generics: &Generics) -> Option<ArrayTy> {
    match ty {
        Type::Reference(r) => {
            let kind = if r.mutability.is_some() {
                ArrayTy::SliceMut
            } else {
                ArrayTy::Slice
            };
            match &*r.elem {
                Type::Slice(s) if is_float_type(&s.elem, generics) => Some(kind),
                t if vec_elem(t).is_some_and(|e| is_float_type(e, generics)) => Some(kind),
                _ => None,
            }
        }
        Type::Array(a) if is_float_type(&a.elem, generics) => Some(ArrayTy::Fixed),
        t if vec_elem(t).is_some_and(|e| is_float_type(e, generics)) => Some(ArrayTy::Owned),
        _ => None,
    }
}

/// `T` of `Vec<T>`.
pub fn vec_elem(ty: &Type) -> Option<&Type> {
    let Type::Path(tp) = ty else { return None };
    let seg = tp.path.segments.last()?;
    if seg.ident != "Vec" {
        return None;
    }
    match &seg.arguments {
        syn::PathArguments::AngleBracketed(a) if a.args.len() == 1 => match &a.args[0] {
            syn::GenericArgument::Type(t) => Some(t),
            _ => None,
        },
        _ => None,
    }
}

fn contains_float(ty: &Type, generics: &Generics) -> bool {
    if is_float_type(ty, generics) {
        return true;
    }
    match ty {
        Type::Reference(r) => contains_float(&r.elem, generics),
        Type::Slice(s) => contains_float(&s.elem, generics),
        Type::Array(a) => contains_float(&a.elem, generics),
        Type::Tuple(t) => t.elems.iter().any(|e| contains_float(e, generics)),
        Type::Path(tp) => tp.path.segments.iter().any(|s| match &s.arguments {
            syn::PathArguments::AngleBracketed(a) => a.args.iter().any(|g| match g {
                syn::GenericArgument::Type(t) => contains_float(t, generics),
                _ => false,
            }),
            _ => false,
        }),
        _ => false,
    }
}

/// Whether a type holds a struct inside a tuple, slice, array or standard container.
fn contains_struct(ty: &Type) -> bool {
    let holds = |t: &Type| struct_type(t).is_some() || contains_struct(t);
    match ty {
        Type::Reference(r) => contains_struct(&r.elem),
        Type::Paren(p) => contains_struct(&p.elem),
        Type::Slice(s) => holds(&s.elem),
        Type::Array(a) => holds(&a.elem),
        Type::Tuple(t) => t.elems.iter().any(holds),
        Type::Path(tp) => {
            let Some(last) = tp.path.segments.last() else {
                return false;
            };
            let std_like = matches!(
                last.ident.to_string().as_str(),
                "Vec" | "Option" | "Box" | "Rc" | "Arc" | "VecDeque"
            );
            std_like
                && matches!(&last.arguments, syn::PathArguments::AngleBracketed(a)
                    if a.args.iter().any(|g| matches!(g, syn::GenericArgument::Type(t) if holds(t))))
        }
        _ => false,
    }
}

/// Removes `#[no_grad]` from the parameters, returning which had it.
pub fn strip_no_grad(sig: &mut Signature) -> Vec<bool> {
    sig.inputs
        .iter_mut()
        .map(|arg| match arg {
            FnArg::Typed(pt) => {
                let before = pt.attrs.len();
                pt.attrs.retain(|a| !a.path().is_ident("no_grad"));
                pt.attrs.len() != before
            }
            FnArg::Receiver(_) => false,
        })
        .collect()
}

pub fn analyze(cx: &mut Ctxt, vis: &Visibility, sig: &Signature, no_grad: &[bool]) -> Option<Sig> {
    if let Some(a) = &sig.asyncness {
        cx.error_spanned(
            a,
            "`async fn` is not supported by #[differentiable]: differentiate a synchronous helper and call it from the async code",
        );
    }
    if let Some(u) = &sig.unsafety {
        cx.error_spanned(
            u,
            "`unsafe fn` is not supported by #[differentiable]: move the unsafe part out of the differentiated function",
        );
    }
    if let Some(v) = &sig.variadic {
        cx.error_spanned(
            v,
            "variadic functions are not supported by #[differentiable]: take the values as a slice of floats (`&[f64]`)",
        );
    }
    let generics = sig.generics.clone();
    if let Some(c) = generics.const_params().next() {
        cx.error_spanned(
            c,
            "const generic parameters are not supported by #[differentiable]: take the array as a slice (`x: &[f64]`) and use `x.len()`",
        );
        return None;
    }
    let mut params = Vec::new();
    let mut has_receiver = false;
    for (i, arg) in sig.inputs.iter().enumerate() {
        match arg {
            FnArg::Receiver(r) if r.mutability.is_some() => cx.error_spanned(
                r,
                "`&mut self` and `mut self` are not supported by #[differentiable]: take `&self` and return the new value",
            ),
            FnArg::Receiver(r) => {
                has_receiver = true;
                let ty: Type = if r.reference.is_some() {
                    syn::parse_quote!(&Self)
                } else {
                    syn::parse_quote!(Self)
                };
                params.push(Param {
                    ident: Ident::new("self", proc_macro2::Span::call_site()),
                    structure: if no_grad[i] { None } else { struct_type(&ty) },
                    ty,
                    active: false,
                    array: None,
                });
            }
            FnArg::Typed(pt) => {
                let ident = match &*pt.pat {
                    Pat::Ident(pi) if pi.by_ref.is_none() && pi.subpat.is_none() => {
                        pi.ident.clone()
                    }
                    other => {
                        cx.error_spanned(
                            other,
                            "#[differentiable] needs each parameter to be a plain name (`x: f64`): destructure inside the body",
                        );
                        continue;
                    }
                };
                let float = is_float_type(&pt.ty, &generics);
                let array = array_type(&pt.ty, &generics);
                // A struct generic over the float type (`&Params<T>`) is a struct argument.
                if !float
                    && array.is_none()
                    && !no_grad[i]
                    && contains_float(&pt.ty, &generics)
                    && struct_type(&pt.ty).is_none()
                {
                    cx.error_spanned(
                        &pt.ty,
                        format!(
                            "parameter `{ident}`: this container of floats is not supported as an active argument; active arguments are floats, `&[F]`, `&mut [F]`, `&Vec<F>`, `[F; N]` and `Vec<F>`, or mark it `#[no_grad]` to use it as constant data"
                        ),
                    );
                }
                // `&mut Layer`: a struct the function may change; taken as a constant, its
                // gradient would be left out without a word.
                if let Type::Reference(r) = &*pt.ty {
                    if r.mutability.is_some() && !no_grad[i] && struct_type(&r.elem).is_some() {
                        cx.error_spanned(
                            &pt.ty,
                            format!(
                                "parameter `{ident}`: `&mut` struct arguments are not supported by #[differentiable]: take `&{}` and return the new values, or mark it `#[no_grad]` to use it as data",
                                r.elem.to_token_stream()
                            ),
                        );
                    }
                }
                // `(&Layer, &Layer)`, `&[Layer]`, `Vec<Layer>`: structs the macro would take
                // as constants without saying so.
                if !float
                    && array.is_none()
                    && !no_grad[i]
                    && struct_type(&pt.ty).is_none()
                    && contains_struct(&pt.ty)
                {
                    cx.error_spanned(
                        &pt.ty,
                        format!(
                            "parameter `{ident}`: structs inside a tuple, slice, array, `Vec` or `Option` are not differentiated by #[differentiable]: pass each struct as its own argument (`a: &Layer, b: &Layer`), or mark the parameter `#[no_grad]` to use it as constant data"
                        ),
                    );
                }
                let structure = if float || array.is_some() || no_grad[i] {
                    None
                } else {
                    struct_type(&pt.ty)
                };
                params.push(Param {
                    ident,
                    ty: (*pt.ty).clone(),
                    active: (float || array.is_some()) && !no_grad[i],
                    array,
                    structure,
                });
            }
        }
    }
    let in_place = params
        .iter()
        .any(|p| p.active && p.array == Some(ArrayTy::SliceMut));
    let ret_ty = match &sig.output {
        ReturnType::Default if in_place => syn::parse_quote!(()),
        ReturnType::Default => {
            cx.error_spanned(
                &sig.ident,
                "a #[differentiable] function must return a float (`-> f64`) or a tuple of floats (or update a `&mut [f64]` argument in place)",
            );
            return None;
        }
        ReturnType::Type(_, t) => (**t).clone(),
    };
    let unit_ret: Type = syn::parse_quote!(());
    let (ret_arity, ret_scalar) = match &ret_ty {
        Type::Tuple(t) if t.elems.is_empty() && in_place => {
            let f = params
                .iter()
                .find(|p| p.active)
                .map(|p| scalar_of(&p.ty))
                .unwrap_or(unit_ret);
            (Some(0), f)
        }
        Type::Tuple(t) if !t.elems.is_empty() => {
            for e in &t.elems {
                if !is_float_type(e, &generics) {
                    cx.error_spanned(
                        e,
                        "each element of a #[differentiable] function's tuple result must be a float (f32, f64 or the generic float type)",
                    );
                }
            }
            (Some(t.elems.len()), t.elems[0].clone())
        }
        t if is_float_type(t, &generics) => (None, t.clone()),
        t if vec_elem(t).is_some_and(|e| is_float_type(e, &generics)) => {
            (None, vec_elem(t).cloned().unwrap_or_else(|| t.clone()))
        }
        t => {
            // A single capital name in a method is most likely the `impl`'s type parameter,
            // which the attribute on the method does not see.
            let outer_param = has_receiver
                && matches!(t, Type::Path(tp) if tp.qself.is_none()
                && tp.path.get_ident().is_some_and(|i| {
                    let s = i.to_string();
                    s.len() <= 2 && s.starts_with(char::is_uppercase)
                }));
            let msg = if outer_param {
                format!(
                    "#[differentiable] on a method cannot see the type parameters of the surrounding `impl`, so `{}` is not known to be a float here: name it, `#[differentiable(float = {0})]`, or write a generic function of the struct (`fn name<{0}: Real>(m: &Model<{0}>, ..) -> {0}`)",
                    t.to_token_stream()
                )
            } else {
                "a #[differentiable] function must return a float (f32, f64 or a type parameter bounded by `Real`), a tuple of floats, or a `Vec` of floats".to_string()
            };
            cx.error_spanned(t, msg);
            return None;
        }
    };
    let ret_array = vec_elem(&ret_ty).is_some();
    let mut float_ty: Option<Type> = None;
    for p in params.iter().filter(|p| p.active && p.structure.is_none()) {
        let elem = scalar_of(&p.ty);
        match &float_ty {
            None => float_ty = Some(elem.clone()),
            Some(f) if f.to_token_stream().to_string() != elem.to_token_stream().to_string() => {
                cx.error_spanned(
                    &p.ty,
                    format!(
                        "active parameters of one function must share one float type (found `{}` and `{}`): convert before the call, or mark one `#[no_grad]`",
                        quote!(#f),
                        elem.to_token_stream()
                    ),
                );
            }
            _ => {}
        }
    }
    let float_ty = float_ty.unwrap_or(ret_scalar);
    Some(Sig {
        vis: vis.clone(),
        name: sig.ident.clone(),
        generics,
        params,
        ret_ty,
        ret_arity,
        ret_array,
        has_receiver,
        float_ty,
        outer: Vec::new(),
    })
}

/// The float type inside an array type (or the type itself).
fn scalar_of(ty: &Type) -> Type {
    match ty {
        Type::Reference(r) => scalar_of(&r.elem),
        Type::Slice(s) => (*s.elem).clone(),
        Type::Array(a) => (*a.elem).clone(),
        t => vec_elem(t).cloned().unwrap_or_else(|| t.clone()),
    }
}

/// Integers, booleans and chars: their tangent space is `()` through `Tangent`.
pub fn is_discrete(ty: &Type) -> bool {
    match ty {
        Type::Path(tp) if tp.qself.is_none() && tp.path.segments.len() == 1 => matches!(
            tp.path.segments[0].ident.to_string().as_str(),
            "i8" | "i16"
                | "i32"
                | "i64"
                | "i128"
                | "isize"
                | "u8"
                | "u16"
                | "u32"
                | "u64"
                | "u128"
                | "usize"
                | "bool"
                | "char"
        ),
        _ => false,
    }
}

/// `ty` with every occurrence of the type `from` replaced by `to`.
pub fn subst_type(ty: &Type, from: &Type, to: &Type) -> Type {
    struct S<'a> {
        from: String,
        to: &'a Type,
    }
    impl syn::visit_mut::VisitMut for S<'_> {
        fn visit_type_mut(&mut self, t: &mut Type) {
            if t.to_token_stream().to_string() == self.from {
                *t = self.to.clone();
                return;
            }
            syn::visit_mut::visit_type_mut(self, t);
        }
    }
    let mut t = ty.clone();
    syn::visit_mut::VisitMut::visit_type_mut(
        &mut S {
            from: from.to_token_stream().to_string(),
            to,
        },
        &mut t,
    );
    t
}

/// `<ty as Tangent>::Tangent`
pub fn tangent_of(root: &TokenStream, ty: &Type) -> TokenStream {
    quote!(<#ty as #root::__private::Tangent>::Tangent)
}
