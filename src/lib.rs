#![doc = include_str!("../README.md")]

pub use oxidiff_core::{
    check, fpmode, implicit, rules, stop_gradient, twin, AdjVec, Differentiable, Dual, Real, Stack,
    Tangent,
};
pub use oxidiff_macros::{custom_jvp, custom_vjp, differentiable, jit, vmap, Differentiable};

/// The XLA backend: tensors, tracing, the IR, StableHLO lowering and the PJRT runtime.
pub use oxidiff_xla as xla;
pub use oxidiff_xla::jit::TensorTree;
pub use oxidiff_xla::tensor::Tensor;

#[doc(hidden)]
pub mod __private {
    pub use oxidiff_core::__private::*;
    pub use oxidiff_xla as xla;
}
