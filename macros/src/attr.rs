//! The attributes' arguments.

use proc_macro2::TokenStream;
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::{LitStr, Path, Token};

/// `#[differentiable]` / `#[differentiable(crate = "path")]`
pub struct DiffArgs {
    pub root: TokenStream,
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
        while !input.is_empty() {
            if input.peek(Token![crate]) {
                root = parse_crate(input)?;
            } else {
                let ident: syn::Ident = input.parse()?;
                return Err(syn::Error::new(
                    ident.span(),
                    format!("unknown #[differentiable] option `{ident}`: the options are `crate = \"path\"`"),
                ));
            }
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
        }
        Ok(DiffArgs { root })
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
