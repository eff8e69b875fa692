//! Implicit differentiation of fixed points (the implicit function theorem).
//!
//! Many quantities are defined as the solution of an equation rather than by a formula: the
//! equilibrium of a physical system, the stationary point of an iteration, the output of a
//! solver. Say `x*(θ)` solves the fixed-point equation
//!
//! ```text
//! x* = g(x*, θ).
//! ```
//!
//! Differentiating through every iteration of the solver is slow, uses memory in proportion to
//! the iteration count, and differentiates the solver's approximation error too. The implicit
//! function theorem gives the derivative from `g` alone, at the solution:
//! `dx*/dθ = (I − ∂g/∂x)⁻¹ ∂g/∂θ`. A loss `L(x*)` with `w = ∂L/∂x*` therefore has
//!
//! ```text
//! dL/dθ = (∂g/∂θ)ᵀ u,   where   u = w + (∂g/∂x)ᵀ u
//! ```
//!
//! — an adjoint fixed-point equation, which [`fixed_point_vjp`] solves by iteration. It only
//! needs vector–Jacobian products of `g`, which is what `#[differentiable]` generates (`g_vjp`).
//! The iteration converges whenever the forward iteration `x ← g(x, θ)` does (both contract with
//! the spectral radius of `∂g/∂x` at `x*`).
//!
//! # Example
//!
//! With the facade crate `oxidiff`, where `#[differentiable]` writes the pullback of `g`:
//!
//! ```ignore
//! use oxidiff::differentiable;
//! use oxidiff::implicit::{fixed_point, fixed_point_vjp};
//!
//! /// x_i = 0.5 cos(x_i + θ_i) + 0.1 Σ_j θ_j  (a contraction in x)
//! #[differentiable]
//! fn g(x: &[f64], theta: &[f64]) -> Vec<f64> {
//!     let s: f64 = theta.iter().sum();
//!     let mut out = vec![0.0; x.len()];
//!     for i in 0..x.len() {
//!         out[i] = 0.5 * (x[i] + theta[i]).cos() + 0.1 * s;
//!     }
//!     out
//! }
//!
//! let theta = [0.3, -0.2, 0.8];
//! // Forward: solve x* = g(x*, θ).
//! let x = fixed_point(g, &[0.0; 3], &theta, 1e-14, 1000).unwrap();
//! // Reverse: the gradient of L(x*) = Σ x*_i² with respect to θ.
//! let w: Vec<f64> = x.iter().map(|xi| 2.0 * xi).collect(); // ∂L/∂x*
//! let vjp_g = |x: &[f64], th: &[f64], u: &[f64]| {
//!     let (_, pullback) = g_vjp(x, th);
//!     pullback(u.to_vec()) // (∂g/∂x)ᵀu, (∂g/∂θ)ᵀu
//! };
//! let dtheta = fixed_point_vjp(&x, &theta, &w, vjp_g, 1e-14, 1000).unwrap();
//!
//! // Check against a finite difference of the whole solve.
//! let loss = |th: &[f64]| {
//!     let x = fixed_point(g, &[0.0; 3], th, 1e-14, 1000).unwrap();
//!     x.iter().map(|v| v * v).sum::<f64>()
//! };
//! for j in 0..3 {
//!     let (mut p, mut m) = (theta, theta);
//!     p[j] += 1e-6;
//!     m[j] -= 1e-6;
//!     let fd = (loss(&p) - loss(&m)) / 2e-6;
//!     assert!((dtheta[j] - fd).abs() < 1e-7);
//! }
//! ```
//!
//! (`oxidiff-core` cannot depend on the macro crate, so this example is compiled and run as the
//! test `doc_example` in the facade's `tests/implicit.rs`.) The same with the pullback written
//! by hand, which is what `g_vjp` computes:
//!
//! ```
//! use oxidiff_core::implicit::{fixed_point, fixed_point_vjp};
//!
//! let g = |x: &[f64], th: &[f64]| -> Vec<f64> {
//!     let s: f64 = th.iter().sum();
//!     (0..x.len()).map(|i| 0.5 * (x[i] + th[i]).cos() + 0.1 * s).collect()
//! };
//! let vjp_g = |x: &[f64], th: &[f64], u: &[f64]| -> (Vec<f64>, Vec<f64>) {
//!     // ∂g_i/∂x_i = ∂g_i/∂θ_i = −0.5 sin(x_i + θ_i); ∂g_i/∂θ_j += 0.1 for every j
//!     let d: Vec<f64> = (0..x.len()).map(|i| -0.5 * (x[i] + th[i]).sin() * u[i]).collect();
//!     let su: f64 = u.iter().sum();
//!     (d.clone(), d.iter().map(|di| di + 0.1 * su).collect())
//! };
//! let theta = [0.3, -0.2, 0.8];
//! let x = fixed_point(g, &[0.0; 3], &theta, 1e-14, 1000).unwrap();
//! let w: Vec<f64> = x.iter().map(|xi| 2.0 * xi).collect();
//! let dtheta = fixed_point_vjp(&x, &theta, &w, vjp_g, 1e-14, 1000).unwrap();
//!
//! let loss = |th: &[f64]| {
//!     let x = fixed_point(g, &[0.0; 3], th, 1e-14, 1000).unwrap();
//!     x.iter().map(|v| v * v).sum::<f64>()
//! };
//! for j in 0..3 {
//!     let (mut p, mut m) = (theta, theta);
//!     p[j] += 1e-6;
//!     m[j] -= 1e-6;
//!     assert!((dtheta[j] - (loss(&p) - loss(&m)) / 2e-6).abs() < 1e-7);
//! }
//! ```

use core::fmt;

use crate::Real;

/// A fixed-point iteration that did not converge.
#[derive(Clone, Debug, PartialEq)]
pub struct ImplicitError {
    /// Which iteration: `"fixed-point"` (the forward solve) or `"adjoint fixed-point"`.
    pub what: &'static str,
    /// How many iterations ran.
    pub iterations: usize,
    /// The last step's size `‖x_{k+1} − x_k‖∞` (NaN if the iteration produced a NaN).
    pub residual: f64,
}

impl fmt::Display for ImplicitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} iteration did not converge in {} iterations (residual {:e})",
            self.what, self.iterations, self.residual
        )
    }
}

impl std::error::Error for ImplicitError {}

/// Solves the adjoint fixed point `u = w + (∂g/∂x)ᵀ u` by iteration and returns the cotangent
/// of θ: `(∂g/∂θ)ᵀ u`.
///
/// `vjp_g(x, theta, u) -> (ux, utheta)` evaluates `(∂g/∂x)ᵀ u` and `(∂g/∂θ)ᵀ u` at
/// `(x, theta)`; `x_star` must be a fixed point of `g` (see [`fixed_point`]) and `w` the
/// cotangent of `x_star` (for a loss `L(x*)`, `∂L/∂x*`). The result is then the gradient of
/// the loss with respect to `theta` through the solution (the implicit function theorem).
///
/// The iteration starts from `u = w` and stops when `‖u_{k+1} − u_k‖∞ ≤ tol · max(1, ‖u_{k+1}‖∞)`;
/// after `max_iter` iterations without that (or on a non-finite value) it returns an
/// [`ImplicitError`].
///
/// # Panics
/// If `w` and `x_star` differ in length, or `vjp_g` returns vectors of the wrong lengths.
pub fn fixed_point_vjp<T: Real>(
    x_star: &[T],
    theta: &[T],
    w: &[T],
    vjp_g: impl Fn(&[T], &[T], &[T]) -> (Vec<T>, Vec<T>),
    tol: T,
    max_iter: usize,
) -> Result<Vec<T>, ImplicitError> {
    assert_eq!(
        w.len(),
        x_star.len(),
        "fixed_point_vjp: the cotangent w must have the length of x_star"
    );
    let mut u = w.to_vec();
    let mut next = Vec::with_capacity(u.len());
    let mut residual = T::infinity();
    for it in 1..=max_iter {
        let (ux, _) = vjp_g(x_star, theta, &u);
        assert_eq!(
            ux.len(),
            x_star.len(),
            "fixed_point_vjp: vjp_g returned a cotangent of x with the wrong length"
        );
        next.clear();
        next.extend(w.iter().zip(&ux).map(|(&wi, &ui)| wi + ui));
        residual = max_diff(&next, &u);
        core::mem::swap(&mut u, &mut next);
        // A diverging iteration: `inf <= tol * inf` would pass for convergence.
        if !residual.is_finite() || !max_abs(&u).is_finite() {
            return Err(error("adjoint fixed-point", it, residual));
        }
        if residual <= tol * max_abs(&u).max(T::one()) {
            let (_, utheta) = vjp_g(x_star, theta, &u);
            assert_eq!(
                utheta.len(),
                theta.len(),
                "fixed_point_vjp: vjp_g returned a cotangent of theta with the wrong length"
            );
            return Ok(utheta);
        }
    }
    Err(error("adjoint fixed-point", max_iter, residual))
}

/// Solves `x = g(x, theta)` by the iteration `x ← g(x, theta)` from `x0` (for convenience:
/// any solver will do, as long as [`fixed_point_vjp`] is then given a fixed point).
///
/// Stops when `‖x_{k+1} − x_k‖∞ ≤ tol · max(1, ‖x_{k+1}‖∞)`; after `max_iter` iterations
/// without that (or on a non-finite value) it returns an [`ImplicitError`].
///
/// # Panics
/// If `g` returns a vector whose length differs from `x0`'s.
pub fn fixed_point<T: Real>(
    g: impl Fn(&[T], &[T]) -> Vec<T>,
    x0: &[T],
    theta: &[T],
    tol: T,
    max_iter: usize,
) -> Result<Vec<T>, ImplicitError> {
    let mut x = x0.to_vec();
    let mut residual = T::infinity();
    for it in 1..=max_iter {
        let next = g(&x, theta);
        assert_eq!(
            next.len(),
            x.len(),
            "fixed_point: g returned a vector whose length differs from x0's"
        );
        residual = max_diff(&next, &x);
        x = next;
        // A diverging iteration: `inf <= tol * inf` would pass for convergence.
        if !residual.is_finite() || !max_abs(&x).is_finite() {
            return Err(error("fixed-point", it, residual));
        }
        if residual <= tol * max_abs(&x).max(T::one()) {
            return Ok(x);
        }
    }
    Err(error("fixed-point", max_iter, residual))
}

fn error<T: Real>(what: &'static str, iterations: usize, residual: T) -> ImplicitError {
    ImplicitError {
        what,
        iterations,
        residual: residual.value_f64(),
    }
}

/// `‖a − b‖∞`, NaN if any entry is NaN (or infinite in both).
fn max_diff<T: Real>(a: &[T], b: &[T]) -> T {
    let mut m = T::zero();
    for (&x, &y) in a.iter().zip(b) {
        let d = (x - y).abs();
        if d.is_nan() {
            return d;
        }
        if d > m {
            m = d;
        }
    }
    m
}

fn max_abs<T: Real>(a: &[T]) -> T {
    a.iter().fold(T::zero(), |m, &x| m.max(x.abs()))
}
