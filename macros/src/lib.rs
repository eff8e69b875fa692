use proc_macro::TokenStream;

#[proc_macro_attribute]
pub fn differentiable(_attr: TokenStream, item: TokenStream) -> TokenStream { item }
#[proc_macro_attribute]
pub fn custom_vjp(_attr: TokenStream, item: TokenStream) -> TokenStream { item }
#[proc_macro_attribute]
pub fn custom_jvp(_attr: TokenStream, item: TokenStream) -> TokenStream { item }
