//! The attributes' arguments.

use proc_macro2::TokenStream;
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::{LitStr, Path, Token};

/// `#[differentiable]` / `#[differentiable(crate = "path", check(..), first_order)]`
pub struct DiffArgs {
    pub root: TokenStream,
    /// Emit a `#[test]` checking the derivatives (`check` or `check(options)`).
    pub check: Option<CheckOpts>,
    /// Don't generate the dual twin and second derivatives.
    pub first_order: bool,
    /// Tensor functions: the bound on data-dependent `while` trip counts for reverse mode.
    pub max_iters: Option<syn::Expr>,
    /// Where `max_iters` was written (an error for scalar functions).
    pub max_iters_span: Option<proc_macro2::Span>,
    /// `float = T`: a type parameter of the surrounding `impl` that is the float type (the
    /// attribute on a method does not see the `impl`'s generics).
    pub float: Option<syn::Ident>,
}

/// Options of `check(..)`: numbers for `oxidiff::check::Options`, and values for inactive
/// arguments (`args(n = 10, flag = true)`).
#[derive(Default)]
pub struct CheckOpts {
    pub options: Vec<(syn::Ident, syn::Expr)>,
    pub args: Vec<(syn::Ident, syn::Expr)>,
}

const CHECK_OPTIONS: &[&str] = &["points", "lo", "hi", "rtol", "atol", "step", "seed", "len"];

impl Parse for CheckOpts {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut opts = CheckOpts::default();
        while !input.is_empty() {
            let ident: syn::Ident = input.parse()?;
            if ident == "args" {
                let inner;
                syn::parenthesized!(inner in input);
                while !inner.is_empty() {
                    let name: syn::Ident = inner.parse()?;
                    inner.parse::<Token![=]>()?;
                    let value: syn::Expr = inner.parse()?;
                    opts.args.push((name, value));
                    if !inner.is_empty() {
                        inner.parse::<Token![,]>()?;
                    }
                }
            } else if CHECK_OPTIONS.contains(&ident.to_string().as_str()) {
                input.parse::<Token![=]>()?;
                let value: syn::Expr = input.parse()?;
                opts.options.push((ident, value));
            } else {
                return Err(syn::Error::new(
                    ident.span(),
                    format!(
                        "unknown check option `{ident}`: the options are {}, and `args(name = value, ..)` for inactive arguments",
                        CHECK_OPTIONS.join(", ")
                    ),
                ));
            }
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
        }
        Ok(opts)
    }
}

/// `#[custom_vjp(rule)]` / `#[custom_jvp(rule, crate = "path")]`
pub struct CustomArgs {
    pub rule: Path,
    pub root: TokenStream,
}

fn default_root() -> TokenStream {
    quote!(::oxidiff)
}

fn parse_crate(input: ParseStream) -> syn::Result<TokenStream> {
    input.parse::<Token![crate]>()?;
    input.parse::<Token![=]>()?;
    let s: LitStr = input.parse()?;
    let p: Path = s.parse()?;
    Ok(quote!(#p))
}

impl Parse for DiffArgs {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut root = default_root();
        let mut check = None;
        let mut first_order = false;
        let mut max_iters = None;
        let mut max_iters_span = None;
        let mut float = None;
        while !input.is_empty() {
            if input.peek(Token![crate]) {
                root = parse_crate(input)?;
            } else {
                let ident: syn::Ident = input.parse()?;
                if ident == "check" {
                    if input.peek(syn::token::Paren) {
                        let inner;
                        syn::parenthesized!(inner in input);
                        check = Some(inner.parse::<CheckOpts>()?);
                    } else {
                        check = Some(CheckOpts::default());
                    }
                } else if ident == "first_order" {
                    first_order = true;
                } else if ident == "float" {
                    input.parse::<Token![=]>()?;
                    float = Some(input.parse::<syn::Ident>()?);
                } else if ident == "max_iters" {
                    input.parse::<Token![=]>()?;
                    max_iters = Some(input.parse::<syn::Expr>()?);
                    max_iters_span = Some(ident.span());
                } else {
                    return Err(syn::Error::new(
                        ident.span(),
                        format!("unknown #[differentiable] option `{ident}`: the options are `crate = \"path\"`, `check` or `check(..)`, `first_order`, `float = T` (a method of `impl<T: Real> ..`), and `max_iters = N` (tensor functions)"),
                    ));
                }
            }
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
        }
        Ok(DiffArgs {
            root,
            check,
            first_order,
            max_iters,
            max_iters_span,
            float,
        })
    }
}

impl Parse for CustomArgs {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if input.is_empty() {
            return Err(input.error(
                "name the derivative rule: `#[custom_vjp(my_bwd)]` or `#[custom_jvp(my_tangent)]`",
            ));
        }
        let rule: Path = input.parse()?;
        let mut root = default_root();
        while !input.is_empty() {
            input.parse::<Token![,]>()?;
            if input.is_empty() {
                break;
            }
            root = parse_crate(input)?;
        }
        Ok(CustomArgs { rule, root })
    }
}
