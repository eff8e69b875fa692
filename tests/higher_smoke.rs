//! Hessians, Hessian-vector products and Jacobians.
#![allow(clippy::needless_range_loop)]

use oxidiff::differentiable;

#[differentiable]
fn f(x: f64, y: f64) -> f64 {
    let mut s = 0.0;
    for i in 0..3 {
        s += (x * y).sin() * i as f64 + x.powi(3);
    }
    if s > 100.0 {
        return s;
    }
    s * y.max(0.5)
}

#[differentiable]
fn g(x: &[f64], c: f64) -> f64 {
    let mut s = 0.0;
    for i in 0..x.len() {
        s += c * x[i] * x[i] * x[i] + x[i].exp();
    }
    s
}

#[differentiable]
fn v(x: &[f64]) -> Vec<f64> {
    let mut out = vec![0.0; 2];
    out[0] = x[0] * x[1];
    out[1] = x[1].sin() + x[2];
    out
}

#[test]
fn higher() {
    let (x, y) = (0.7, 1.3);
    let h = f_hessian(x, y);
    let e = 1e-5;
    let (gx1, gy1) = f_grad(x + e, y);
    let (gx0, gy0) = f_grad(x - e, y);
    assert!((h[0][0] - (gx1 - gx0) / (2.0 * e)).abs() < 1e-5, "{h:?}");
    assert!((h[0][1] - (gy1 - gy0) / (2.0 * e)).abs() < 1e-5, "{h:?}");
    assert!((h[0][1] - h[1][0]).abs() < 1e-10);
    let xs = [0.3, -0.5, 1.1];
    let hg = g_hessian(&xs, 2.0);
    for i in 0..3 {
        let want = 2.0 * 3.0 * 2.0 * xs[i] + xs[i].exp();
        assert!((hg[i][i] - want).abs() < 1e-10, "{hg:?}");
        assert!((hg[i][3] - 3.0 * xs[i] * xs[i]).abs() < 1e-10);
    }
    let (hv, hc) = g_hvp(&xs, 2.0, &[1.0, 0.0, 0.0], 0.0);
    assert!((hv[0] - hg[0][0]).abs() < 1e-12 && (hc - hg[3][0]).abs() < 1e-12);
    let j = v_jacobian(&xs);
    assert_eq!(j.len(), 2);
    assert_eq!(j[0], vec![xs[1], xs[0], 0.0]);
    assert_eq!(j[1], vec![0.0, xs[1].cos(), 1.0]);
    let jf = f_jacobian(x, y);
    let (gx, gy) = f_grad(x, y);
    assert_eq!(jf, vec![vec![gx, gy]]);
}
