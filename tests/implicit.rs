//! Implicit differentiation with `#[differentiable]`: the pullback `g_vjp` that the macro
//! generates drives `oxidiff::implicit::fixed_point_vjp`.
#![allow(clippy::needless_range_loop)]

use oxidiff::differentiable;
use oxidiff::implicit::{fixed_point, fixed_point_vjp};

/// x_i = 0.5 cos(x_i + θ_i) + 0.1 Σ_j θ_j  (a contraction in x)
#[differentiable]
fn g(x: &[f64], theta: &[f64]) -> Vec<f64> {
    let s: f64 = theta.iter().sum();
    let mut out = vec![0.0; x.len()];
    for i in 0..x.len() {
        out[i] = 0.5 * (x[i] + theta[i]).cos() + 0.1 * s;
    }
    out
}

/// The example in `oxidiff::implicit`'s module documentation, verbatim.
#[test]
fn doc_example() {
    let theta = [0.3, -0.2, 0.8];
    // Forward: solve x* = g(x*, θ).
    let x = fixed_point(g, &[0.0; 3], &theta, 1e-14, 1000).unwrap();
    // Reverse: the gradient of L(x*) = Σ x*_i² with respect to θ.
    let w: Vec<f64> = x.iter().map(|xi| 2.0 * xi).collect(); // ∂L/∂x*
    let vjp_g = |x: &[f64], th: &[f64], u: &[f64]| {
        let (_, pullback) = g_vjp(x, th);
        pullback(u.to_vec()) // (∂g/∂x)ᵀu, (∂g/∂θ)ᵀu
    };
    let dtheta = fixed_point_vjp(&x, &theta, &w, vjp_g, 1e-14, 1000).unwrap();

    // Check against a finite difference of the whole solve.
    let loss = |th: &[f64]| {
        let x = fixed_point(g, &[0.0; 3], th, 1e-14, 1000).unwrap();
        x.iter().map(|v| v * v).sum::<f64>()
    };
    for j in 0..3 {
        let (mut p, mut m) = (theta, theta);
        p[j] += 1e-6;
        m[j] -= 1e-6;
        let fd = (loss(&p) - loss(&m)) / 2e-6;
        assert!((dtheta[j] - fd).abs() < 1e-7);
    }
}

/// A loss that is itself `#[differentiable]`: its gradient gives w = ∂L/∂x*.
#[differentiable]
fn loss(x: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in 0..x.len() {
        s += (x[i] - 0.2 * i as f64).powi(2) + x[i].sin();
    }
    s
}

/// A bigger nonlinear fixed point with coupling between neighbours.
#[differentiable]
fn chain(x: &[f64], theta: &[f64]) -> Vec<f64> {
    let n = x.len();
    let mut out = vec![0.0; n];
    for i in 0..n {
        let left = if i > 0 { x[i - 1] } else { 0.0 };
        let right = if i + 1 < n { x[i + 1] } else { 1.0 };
        out[i] = 0.3 * (left + right) + 0.2 * (theta[i] * x[i]).tanh() + 0.1 * theta[i];
    }
    out
}

#[test]
fn gradient_through_a_fixed_point_matches_finite_differences() {
    let n = 8;
    let theta: Vec<f64> = (0..n).map(|i| (i as f64 * 0.9).sin()).collect();
    let solve = |th: &[f64]| fixed_point(chain, &vec![0.0; n], th, 1e-15, 2000).unwrap();
    let x = solve(&theta);
    // It is a fixed point.
    for (a, b) in chain(&x, &theta).iter().zip(&x) {
        assert!((a - b).abs() < 1e-13);
    }
    let w = loss_grad(&x);
    let dtheta = fixed_point_vjp(
        &x,
        &theta,
        &w,
        |x: &[f64], th: &[f64], u: &[f64]| chain_vjp(x, th).1(u.to_vec()),
        1e-15,
        2000,
    )
    .unwrap();
    for k in 0..n {
        let (mut p, mut m) = (theta.clone(), theta.clone());
        p[k] += 1e-6;
        m[k] -= 1e-6;
        let fd = (loss(&solve(&p)) - loss(&solve(&m))) / 2e-6;
        assert!(
            (dtheta[k] - fd).abs() < 1e-7 * (1.0 + fd.abs()),
            "θ[{k}]: implicit {} vs finite difference {fd}",
            dtheta[k]
        );
    }
}

/// Forward mode through the solution, by the same theorem: dx* = (I − ∂g/∂x)⁻¹ ∂g/∂θ dθ solves
/// dx = ∂g/∂x dx + ∂g/∂θ dθ, a fixed point of JVPs of g. It agrees with the implicit VJP.
#[test]
fn implicit_jvp_and_vjp_agree() {
    let theta = [0.3, -0.2, 0.8, 0.5];
    let x = fixed_point(g, &[0.0; 4], &theta, 1e-15, 1000).unwrap();
    let dtheta = [0.2, -1.0, 0.4, 0.7];
    let dx = fixed_point(
        |dx: &[f64], _: &[f64]| g_jvp(&x, &theta, dx, &dtheta).1,
        &[0.0; 4],
        &[],
        1e-15,
        1000,
    )
    .unwrap();
    let w = [1.0, 0.5, -2.0, 0.25];
    let gt = fixed_point_vjp(
        &x,
        &theta,
        &w,
        |x: &[f64], th: &[f64], u: &[f64]| g_vjp(x, th).1(u.to_vec()),
        1e-15,
        1000,
    )
    .unwrap();
    let lhs: f64 = w.iter().zip(&dx).map(|(a, b)| a * b).sum();
    let rhs: f64 = gt.iter().zip(&dtheta).map(|(a, b)| a * b).sum();
    assert!((lhs - rhs).abs() < 1e-12, "{lhs} vs {rhs}");
}
