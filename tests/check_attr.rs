//! `#[differentiable(check)]` writes a `#[test]` per function (named `<fn>_gradient_check`).
#![allow(clippy::needless_range_loop)]
use oxidiff::differentiable;

#[differentiable(check)]
fn smooth(x: f64, y: f64) -> f64 {
    (x * y).sin() + x.exp() * 0.5
}

#[differentiable(check(points = 5, lo = 0.5, hi = 2.0, len = 6, args(steps = 10)))]
fn sim(u: &[f64], c: f64, steps: usize) -> f64 {
    let n = u.len();
    let mut a = u.to_vec();
    let mut b = vec![0.0; n];
    for _ in 0..steps {
        for i in 1..n - 1 {
            b[i] = a[i] + c * 0.1 * (a[i - 1] - 2.0 * a[i] + a[i + 1]);
        }
        std::mem::swap(&mut a, &mut b);
    }
    a.iter().map(|v| v * v).sum()
}

#[differentiable(check(rtol = 1e-3, step = 1e-3))]
fn single(x: f32) -> (f32, f32) {
    (x.sin(), x * x)
}

/// `f32` functions are checked with `f32` defaults (`Options::for_f32`): no options needed.
#[differentiable(check)]
fn single_defaults(x: f32, y: f32) -> f32 {
    (x * y).sin() + (x - y).exp() * 0.5
}

#[differentiable(check)]
fn generic<T: oxidiff::Real>(x: T, p: [T; 3]) -> Vec<T> {
    let mut out = vec![T::zero(); 3];
    for i in 0..3 {
        out[i] = p[i] * x.powi(i as i32 + 1);
    }
    out
}

/// An in-place update with a result: the outputs checked are the result and the final state.
#[differentiable(check(len = 5))]
fn step_in_place(u: &mut [f64], dt: f64) -> f64 {
    let n = u.len();
    let old = u.to_vec();
    for i in 1..n - 1 {
        u[i] = old[i] + dt * (old[i - 1] - 2.0 * old[i] + old[i + 1]) + dt * old[i].sin();
    }
    let mut e = 0.0;
    for i in 0..n {
        e += u[i] * u[i];
    }
    e
}

/// An in-place update without a result, next to a result vector: the final state only.
#[differentiable(check(len = 4, args(steps = 3)))]
fn relax_in_place(u: &mut [f64], c: f64, steps: usize) {
    let n = u.len();
    for _ in 0..steps {
        for i in 1..n - 1 {
            u[i] += c * (u[i - 1] - 2.0 * u[i] + u[i + 1]) * u[i];
        }
    }
}

#[derive(Clone, Debug, oxidiff::Differentiable)]
struct Model {
    w: Vec<f64>,
    b: f64,
    #[no_grad]
    scale: f64,
}

/// A struct argument: `args(p = ..)` gives a value of its shape; its differentiated
/// components are drawn at random, its `#[no_grad]` fields kept.
#[differentiable(check(len = 4, args(p = Model { w: vec![0.0; 4], b: 0.0, scale: 1.5 })))]
fn model_loss(p: &Model, x: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in 0..x.len() {
        let r = p.w[i] * x[i] + p.b;
        s += r * r * p.scale + r.sin();
    }
    s
}
