#![doc = include_str!("../README.md")]

pub use oxidiff_core::{
    check, implicit, rules, stop_gradient, AdjVec, Differentiable, Dual, Real, Stack, Tangent,
};
pub use oxidiff_macros::{custom_jvp, custom_vjp, differentiable, Differentiable};

#[doc(hidden)]
pub mod __private {
    pub use oxidiff_core::__private::*;
}
