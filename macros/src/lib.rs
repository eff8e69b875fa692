//! The procedural macros of oxidiff. Use them through the facade crate `oxidiff`.
//!
//! The macro is a small compiler: [`sig`] reads the signature, [`parse`] turns the body into
//! the IR of [`ir`] (the supported subset of Rust, with spans), [`infer`] finds which values
//! carry derivatives and reports what is unsupported, [`forward`] and [`reverse`] generate the
//! JVP and VJP from the rule table in [`rules`], and [`expand`] assembles the items. Before
//! parsing, [`split`] gives the derivative code a copy of the body with stencil loops split at
//! their boundary tests; [`affine`] reads indices as offsets of a loop counter for the reverse
//! pass. Functions
//! over `Tensor`s (`#[jit]`, `#[vmap]`, tensor-mode `#[differentiable]`) take another path,
//! [`jit`]: the body stays Rust with its control flow converted, and the entry points call the
//! XLA backend's tracer and graph transformations.

mod affine;
mod attr;
mod checkgen;
mod derive;
mod error;
mod expand;
mod forward;
mod gen;
mod infer;
mod ir;
mod jit;
mod parse;
mod reverse;
mod rules;
mod sig;
mod split;

use proc_macro::TokenStream;

/// Generates forward- and reverse-mode derivatives of a function at compile time.
///
/// For `#[differentiable] fn f(x: f64, y: f64) -> f64` it generates `f_jvp(x, y, dx, dy)`,
/// `f_vjp(x, y)`, `f_grad(x, y)` and `f_value_and_grad(x, y)`. See the crate `oxidiff`.
#[proc_macro_attribute]
pub fn differentiable(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand::differentiable(attr.into(), item.into()).into()
}

/// Compiles a function over `Tensor`s to one XLA executable per argument signature.
///
/// The first call with given shapes and dtypes traces the body, lowers it to StableHLO and
/// compiles it; later calls only execute. Integer, bool, float and `#[static_arg]`
/// arguments are static (part of the cache key). `if`/`for i in a..b`/`while` on traced
/// tensors become `stablehlo.case`/`stablehlo.while`. Also generates `f_ir`, `f_mlir` and
/// `f_cache_stats`. With `#[differentiable]` on the same function, its derivatives are
/// compiled too. See the crate `oxidiff`.
#[proc_macro_attribute]
pub fn jit(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand::jit(attr.into(), item.into()).into()
}

/// Generates `f_vmap`, the function mapped over a batch axis of its arguments (JAX's
/// `vmap`): `#[vmap]` maps every tensor argument along axis 0; `#[vmap(in_axes = (0, None),
/// out_axes = 0)]` chooses per argument. On a tensor function it is one compiled executable
/// built with the IR's batching rules; on a scalar function, a loop over slices of inputs.
#[proc_macro_attribute]
pub fn vmap(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand::vmap(attr.into(), item.into()).into()
}

/// Gives a function a hand-written reverse-mode rule:
/// `bwd(primal args…, primal output, output cotangent) -> cotangents of the active args`.
/// Its body is never differentiated.
#[proc_macro_attribute]
pub fn custom_vjp(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand::custom(attr.into(), item.into(), expand::CustomKind::Vjp).into()
}

/// Gives a function a hand-written forward-mode rule:
/// `tan(primal args…, primal output, tangents of the active args…) -> output tangent`.
/// Its body is never differentiated.
#[proc_macro_attribute]
pub fn custom_jvp(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand::custom(attr.into(), item.into(), expand::CustomKind::Jvp).into()
}

#[cfg(test)]
mod snapshots;

/// Makes a struct its own tangent space: zero, add, scale, dot and flatten over every field not
/// marked `#[no_grad]` (fields: floats, `Vec`s and arrays of them, other `Differentiable`
/// structs). The struct must also be `Clone`. A struct with `Tensor` fields instead becomes a
/// pytree of tensors (`TensorTree`) for `#[jit]` and tensor-mode `#[differentiable]`: tensor
/// fields are leaves (`#[no_grad]` ones get zero gradients), other fields are static data that
/// joins the compile-cache key through `Debug`.
#[proc_macro_derive(Differentiable, attributes(no_grad))]
pub fn derive_differentiable(item: TokenStream) -> TokenStream {
    derive::derive_differentiable(item.into()).into()
}
