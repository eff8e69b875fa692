//! # oxidiff
//!
//! JAX's transformations for Rust, done at compile time. `#[differentiable]` reads an ordinary
//! Rust function and generates its forward (JVP) and reverse (VJP, gradient) derivatives as Rust
//! source, on stable Rust.
//!
//! ```
//! use oxidiff::differentiable;
//!
//! #[differentiable]
//! fn f(x: f64, y: f64) -> f64 {
//!     if x > 0.0 { x * y.sin() } else { y }
//! }
//!
//! let (v, (dx, dy)) = f_value_and_grad(2.0, 0.5);
//! assert_eq!(v, 2.0 * 0.5f64.sin());
//! assert_eq!((dx, dy), (0.5f64.sin(), 2.0 * 0.5f64.cos()));
//! ```

pub use oxidiff_core::{rules, stop_gradient, Dual, Real, Stack, Tangent};
pub use oxidiff_macros::{custom_jvp, custom_vjp, differentiable};

#[doc(hidden)]
pub mod __private {
    pub use oxidiff_core::__private::*;
}
