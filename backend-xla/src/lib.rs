//! oxidiff-xla: the XLA backend of oxidiff.
//!
//! - [`pjrt`]: safe bindings to the PJRT C API (plugin loading, client, compile, buffers, execute).
//! - [`provision`]: finding or fetching the CPU plugin (`OXIDIFF_PJRT_PLUGIN`, the user cache, pip).
//! - [`ir`]: a typed, shape-checked graph of tensor ops (the role of JAX's jaxpr).
//! - [`lower`]: the IR lowered to StableHLO text.
//! - [`tensor`]: the `Tensor` type, eager (each op runs through XLA) or traced (builds IR).
//! - [`autodiff`]: forward and reverse mode of graphs; [`batching`]: `vmap` of graphs.
//! - [`parallel`]: data parallelism over the devices of a client (`pmap`, `all_reduce`).
//! - [`jit`]: what `#[jit]`, `#[vmap]` and tensor-mode `#[differentiable]` expand to: pytrees
//!   of tensors, per-function compile caches, and the control-flow helpers.

pub mod autodiff;
pub mod batching;
pub mod dtype;
pub mod error;
pub mod ir;
pub mod jit;
pub mod lower;
pub mod parallel;
pub mod pjrt;
pub mod provision;
pub mod random;
pub mod tensor;
pub mod trace;

pub use dtype::{DType, NativeType};
pub use error::{Error, Result};
