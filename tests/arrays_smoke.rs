//! Arrays and slices: reads, in-place stores, swaps, iterator chains, array results.
#![allow(clippy::needless_range_loop)]

use oxidiff::differentiable;

#[differentiable]
fn sumsq(x: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in 0..x.len() {
        s += x[i] * x[i];
    }
    s
}

#[differentiable]
fn rosen(x: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in 0..x.len() - 1 {
        s += 100.0 * (x[i + 1] - x[i] * x[i]).powi(2) + (1.0 - x[i]).powi(2);
    }
    s
}

#[differentiable]
fn iter_chain(x: &[f64], y: &[f64], scale: f64) -> f64 {
    let d: f64 = x.iter().zip(y.iter()).map(|(a, b)| a * b).sum();
    let m = x.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mut t = 0.0;
    for (i, v) in y.iter().enumerate() {
        t += v.sin() * i as f64;
    }
    scale * d + m + t
}

#[differentiable]
fn heat(u0: &[f64], steps: usize, c: f64) -> f64 {
    let n = u0.len();
    let mut u = u0.to_vec();
    let mut next = vec![0.0; n];
    for _ in 0..steps {
        for i in 1..n - 1 {
            next[i] = u[i] + c * (u[i - 1] - 2.0 * u[i] + u[i + 1]);
        }
        std::mem::swap(&mut u, &mut next);
    }
    let mut e = 0.0;
    for v in u.iter() {
        e += v * v;
    }
    e
}

#[differentiable]
fn scale_vec(x: &[f64], a: f64) -> Vec<f64> {
    let mut out = vec![0.0; x.len()];
    for (i, v) in x.iter().enumerate() {
        out[i] = a * v.exp();
    }
    out
}

#[differentiable]
fn fixed(p: [f64; 3]) -> f64 {
    let mut acc = [0.0; 3];
    for i in 0..3 {
        acc[i] = p[i] * p[(i + 1) % 3];
    }
    acc[0] + acc[1] * 2.0 + acc[2] * 3.0
}

fn fd_grad(f: impl Fn(&[f64]) -> f64, x: &[f64]) -> Vec<f64> {
    let h = 1e-6;
    (0..x.len())
        .map(|i| {
            let mut a = x.to_vec();
            let mut b = x.to_vec();
            a[i] += h;
            b[i] -= h;
            (f(&a) - f(&b)) / (2.0 * h)
        })
        .collect()
}

fn close(a: &[f64], b: &[f64], tol: f64) {
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(b) {
        assert!((x - y).abs() <= tol * (1.0 + y.abs()), "{a:?} vs {b:?}");
    }
}

#[test]
fn arrays() {
    let x = [0.3, -1.2, 0.7, 2.0];
    close(
        &sumsq_grad(&x),
        &x.iter().map(|v| 2.0 * v).collect::<Vec<_>>(),
        1e-12,
    );
    close(&rosen_grad(&x), &fd_grad(rosen, &x), 1e-6);
    let (_, t) = rosen_jvp(&x, &[1.0, 0.5, -0.2, 0.1]);
    let g = rosen_grad(&x);
    let dot: f64 = g
        .iter()
        .zip([1.0, 0.5, -0.2, 0.1])
        .map(|(a, b)| a * b)
        .sum();
    assert!((t - dot).abs() < 1e-9);
    let y = [0.5, 0.1, -0.4, 1.5];
    let (gx, gy, gs) = iter_chain_grad(&x, &y, 1.5);
    close(&gx, &fd_grad(|x| iter_chain(x, &y, 1.5), &x), 1e-6);
    close(&gy, &fd_grad(|y| iter_chain(&x, y, 1.5), &y), 1e-6);
    assert!(
        (gs - (iter_chain(&x, &y, 1.5 + 1e-6) - iter_chain(&x, &y, 1.5 - 1e-6)) / 2e-6).abs()
            < 1e-6
    );
    let u0: Vec<f64> = (0..12).map(|i| ((i as f64) * 0.7).sin()).collect();
    let (gu, gc) = heat_grad(&u0, 20, 0.2);
    close(&gu, &fd_grad(|u| heat(u, 20, 0.2), &u0), 1e-6);
    assert!((gc - (heat(&u0, 20, 0.2 + 1e-6) - heat(&u0, 20, 0.2 - 1e-6)) / 2e-6).abs() < 1e-5);
    let (v, pb) = scale_vec_vjp(&x, 2.0);
    assert_eq!(v.len(), 4);
    let w = vec![1.0, 2.0, 3.0, 4.0];
    let (gx, ga) = pb(w.clone());
    let fx = |x: &[f64]| {
        scale_vec(x, 2.0)
            .iter()
            .zip(&w)
            .map(|(a, b)| a * b)
            .sum::<f64>()
    };
    close(&gx, &fd_grad(fx, &x), 1e-6);
    let fa: f64 = (scale_vec(&x, 2.0 + 1e-6)
        .iter()
        .zip(&w)
        .map(|(a, b)| a * b)
        .sum::<f64>()
        - scale_vec(&x, 2.0 - 1e-6)
            .iter()
            .zip(&w)
            .map(|(a, b)| a * b)
            .sum::<f64>())
        / 2e-6;
    assert!((ga - fa).abs() < 1e-6);
    let p = [0.5, -1.0, 2.0];
    let gp = fixed_grad(p);
    close(&gp, &fd_grad(|q| fixed([q[0], q[1], q[2]]), &p), 1e-6);
}
