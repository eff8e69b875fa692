//! Iterator chains under `#[differentiable]`, which the macro rewrites to index loops:
//! `for v in x.iter()` / `.copied()` / `&x`, `for (i, v) in x.iter().enumerate()`,
//! `for (a, b) in x.iter().zip(y.iter())`, `for v in x.iter_mut() { *v = .. }`, and the
//! reductions `.map(..).sum()`, `.product()`, `.fold(init, |acc, v| ..)`,
//! `.fold(init, f64::max)` with `zip` / `enumerate` / `map` before them, plus `.len()`.
//!
//! Each function is checked against its analytic derivative (tolerance 1e-14 relative unless
//! stated), against central finite differences of every Jacobian row (h = 1e-6, tolerance 1e-6
//! relative to `max(1, |want|)`), by the dot-product test (1e-12 relative to the terms), and for
//! exact primal values in `_jvp` / `_vjp` (see `common::Ad`). Generic `T: Real` functions are
//! also instantiated at f32 and compared with f64 (tolerance 1e-5 relative).
#![allow(clippy::needless_range_loop)]

#[macro_use]
mod common;

use common::{assert_all_close, assert_close, Ad};
use oxidiff::{differentiable, Real};

/// An [`Ad`] for `fn(&[f64]) -> f64`.
macro_rules! ad1 {
    ($f:ident, $jvp:ident, $vjp:ident) => {
        Ad::new(
            stringify!($f),
            |p| vec![$f(p)],
            |p, t| {
                let (y, dy) = $jvp(p, t);
                (vec![y], vec![dy])
            },
            |p, w| {
                let (y, pb) = $vjp(p);
                (vec![y], pb(w[0]))
            },
        )
    };
}

/// An [`Ad`] for `fn(&[f64], &[f64]) -> f64` over two slices of length `n`.
macro_rules! ad2 {
    ($f:ident, $jvp:ident, $vjp:ident, $n:expr) => {{
        let n = $n;
        Ad::new(
            stringify!($f),
            move |p| vec![$f(&p[..n], &p[n..])],
            move |p, t| {
                let (y, dy) = $jvp(&p[..n], &p[n..], &t[..n], &t[n..]);
                (vec![y], vec![dy])
            },
            move |p, w| {
                let (y, pb) = $vjp(&p[..n], &p[n..]);
                let (a, b) = pb(w[0]);
                (vec![y], [a, b].concat())
            },
        )
    }};
}

const X: [f64; 5] = [0.3, -1.2, 0.7, 2.0, -0.45];
const Y: [f64; 5] = [1.1, 0.5, -0.9, 0.2, 0.8];

fn cat(a: &[f64], b: &[f64]) -> Vec<f64> {
    [a, b].concat()
}

// ---------------------------------------------------------------------------- reductions

/// `map(..).sum()`: Σ x², gradient 2x.
#[differentiable]
fn map_sum(x: &[f64]) -> f64 {
    x.iter().map(|v| v * v).sum()
}

/// `zip(..).map(..).sum()`: |x − y|².
#[differentiable]
fn zip_map_sum(x: &[f64], y: &[f64]) -> f64 {
    let d: f64 = x.iter().zip(y.iter()).map(|(a, b)| (a - b) * (a - b)).sum();
    d
}

/// `enumerate().map(..).sum()`: Σ (i + 1) x_i³.
#[differentiable]
fn enum_map_sum(x: &[f64]) -> f64 {
    x.iter()
        .enumerate()
        .map(|(i, v)| v * v * v * (i as f64 + 1.0))
        .sum()
}

/// `map(..).product()`: Π (1 + x_i²), d/dx_i = 2 x_i P / (1 + x_i²).
#[differentiable]
fn map_product(x: &[f64]) -> f64 {
    x.iter().map(|v| 1.0 + v * v).product()
}

/// Plain `.sum()` and `.product()` of the elements, on a local copy and with `.copied()`.
#[differentiable]
fn plain_sum_product(x: &[f64]) -> f64 {
    let u = x.to_vec();
    let s: f64 = u.iter().sum();
    let p: f64 = x.iter().copied().product();
    s * p
}

#[test]
fn sum_and_product_reductions() {
    assert_all_close("map_sum", &map_sum_grad(&X), &X.map(|v| 2.0 * v), 1e-15);
    ad1!(map_sum, map_sum_jvp, map_sum_vjp).check(&[&X]);

    let (gx, gy) = zip_map_sum_grad(&X, &Y);
    let want: Vec<f64> = (0..5).map(|i| 2.0 * (X[i] - Y[i])).collect();
    assert_all_close("zip_map_sum d/dx", &gx, &want, 1e-15);
    assert_all_close(
        "zip_map_sum d/dy",
        &gy,
        &want.iter().map(|v| -v).collect::<Vec<_>>(),
        1e-15,
    );
    ad2!(zip_map_sum, zip_map_sum_jvp, zip_map_sum_vjp, 5).check(&[&cat(&X, &Y)]);

    let want: Vec<f64> = (0..5)
        .map(|i| 3.0 * X[i] * X[i] * (i as f64 + 1.0))
        .collect();
    assert_all_close("enum_map_sum", &enum_map_sum_grad(&X), &want, 1e-14);
    ad1!(enum_map_sum, enum_map_sum_jvp, enum_map_sum_vjp).check(&[&X]);

    let p: f64 = X.iter().map(|v| 1.0 + v * v).product();
    let want: Vec<f64> = X.iter().map(|v| 2.0 * v * p / (1.0 + v * v)).collect();
    assert_all_close("map_product", &map_product_grad(&X), &want, 1e-14);
    ad1!(map_product, map_product_jvp, map_product_vjp).check(&[&X]);

    let s: f64 = X.iter().sum();
    let p: f64 = X.iter().product();
    let want: Vec<f64> = X.iter().map(|v| p + s * p / v).collect();
    assert_all_close(
        "plain_sum_product",
        &plain_sum_product_grad(&X),
        &want,
        1e-13,
    );
    ad1!(
        plain_sum_product,
        plain_sum_product_jvp,
        plain_sum_product_vjp
    )
    .check(&[&X]);
    // Empty: sum 0, product 1, gradient empty.
    assert!(map_product_grad(&[]).is_empty());
    assert_eq!(map_product(&[]), 1.0);
}

/// `fold` with a closure: Horner's rule p(a) = Σ x_i a^(n-1-i); dp/dx_i = a^(n-1-i),
/// dp/da = p'(a).
#[differentiable]
fn horner(x: &[f64], a: f64) -> f64 {
    x.iter().fold(0.0, |acc, v| acc * a + v)
}

/// `zip(..).fold(..)` with a tuple pattern: a continued product-sum.
#[differentiable]
fn zip_fold(x: &[f64], y: &[f64]) -> f64 {
    x.iter()
        .zip(y.iter())
        .fold(1.0, |acc, (p, q)| acc * p + q.sin())
}

/// `map(..).fold(0.0, f64::max)`: the largest |x_i| (∞-norm).
#[differentiable]
fn max_abs(x: &[f64]) -> f64 {
    x.iter().map(|v| v.abs()).fold(0.0, f64::max)
}

/// `enumerate().map(..).fold(init, f64::max)` and `f64::min`-free running bound.
#[differentiable]
fn enum_max(x: &[f64]) -> f64 {
    x.iter()
        .enumerate()
        .map(|(i, v)| v * (i as f64 + 1.0))
        .fold(f64::NEG_INFINITY, f64::max)
}

#[test]
fn fold_reductions() {
    let a = 0.8;
    let (gx, ga) = horner_grad(&X, a);
    let n = X.len();
    let want_x: Vec<f64> = (0..n).map(|i| a.powi((n - 1 - i) as i32)).collect();
    let want_a: f64 = (0..n - 1)
        .map(|i| X[i] * (n - 1 - i) as f64 * a.powi((n - 2 - i) as i32))
        .sum();
    assert_all_close("horner d/dx", &gx, &want_x, 1e-15);
    assert_close("horner d/da", ga, want_a, 1e-14);
    Ad::new(
        "horner",
        |p| vec![horner(&p[..5], p[5])],
        |p, t| {
            let (y, dy) = horner_jvp(&p[..5], p[5], &t[..5], t[5]);
            (vec![y], vec![dy])
        },
        |p, w| {
            let (y, pb) = horner_vjp(&p[..5], p[5]);
            let (g, ga) = pb(w[0]);
            (vec![y], cat(&g, &[ga]))
        },
    )
    .check(&[&cat(&X, &[a])]);

    ad2!(zip_fold, zip_fold_jvp, zip_fold_vjp, 5).check(&[&cat(&X, &Y)]);

    let g = max_abs_grad(&X);
    assert_eq!(g, vec![0.0, 0.0, 0.0, 1.0, 0.0]);
    let g = max_abs_grad(&[0.5, -3.0, 1.0]);
    assert_eq!(g, vec![0.0, -1.0, 0.0]);
    ad1!(max_abs, max_abs_jvp, max_abs_vjp).check(&[&X, &[0.5, -3.0, 1.0]]);

    // (i + 1) x_i: 0.3, -2.4, 2.1, 8.0, -2.25 → index 3, derivative 4.
    assert_eq!(enum_max_grad(&X), vec![0.0, 0.0, 0.0, 4.0, 0.0]);
    ad1!(enum_max, enum_max_jvp, enum_max_vjp).check(&[&X]);
}

// ------------------------------------------------------------------------------ for loops

/// `for v in x.iter()`, `for v in x.iter().copied()`, `for v in &x` (a local `Vec`), and
/// `.len()` in the arithmetic.
#[differentiable]
fn for_forms(x: &[f64]) -> f64 {
    let mut a = 0.0;
    for v in x.iter() {
        a += v.sin();
    }
    let mut b = 0.0;
    for v in x.iter().copied() {
        b += v * v;
    }
    let u = x.to_vec();
    let mut c = 0.0;
    for v in &u {
        c += v.exp();
    }
    (a + b * c) / x.len() as f64
}

/// `for (i, v) in x.iter().enumerate()` and `for (a, b) in x.iter().zip(y.iter())`.
#[differentiable]
fn for_enum_zip(x: &[f64], y: &[f64]) -> f64 {
    let mut s = 0.0;
    for (i, v) in x.iter().enumerate() {
        s += v * y[(i + 1) % y.len()];
    }
    for (a, b) in x.iter().zip(y.iter()) {
        s += (a * b).cos();
    }
    s
}

/// `for v in y.iter_mut() { *v = .. }` on a local copy, reading the old `*v`, returning it.
#[differentiable]
fn iter_mut_map(x: &[f64], a: f64) -> Vec<f64> {
    let mut y = x.to_vec();
    for v in y.iter_mut() {
        *v = (*v).tanh() * a;
    }
    for v in y.iter_mut() {
        *v = *v * *v + a;
    }
    y
}

/// Iterating over a `[f64; 3]` argument and over an `[a, b, c]` local.
#[differentiable]
fn iter_fixed(p: [f64; 3], s: f64) -> f64 {
    let q = [p[0] * s, p[1] + s, p[2] - s];
    let mut t = 0.0;
    for (a, b) in p.iter().zip(q.iter()) {
        t += a * b;
    }
    let m: f64 = q.iter().map(|v| v * v).sum();
    t + m
}

#[test]
fn for_loop_forms() {
    let n = X.len() as f64;
    let c: f64 = X.iter().map(|v| v.exp()).sum();
    let b: f64 = X.iter().map(|v| v * v).sum();
    let want: Vec<f64> = X
        .iter()
        .map(|v| (v.cos() + 2.0 * v * c + b * v.exp()) / n)
        .collect();
    assert_all_close("for_forms", &for_forms_grad(&X), &want, 1e-14);
    ad1!(for_forms, for_forms_jvp, for_forms_vjp).check(&[&X, &[0.1, 0.2]]);

    ad2!(for_enum_zip, for_enum_zip_jvp, for_enum_zip_vjp, 5).check(&[&cat(&X, &Y)]);
    let (gx, gy) = for_enum_zip_grad(&X, &Y);
    let want_x: Vec<f64> = (0..5)
        .map(|i| Y[(i + 1) % 5] - (X[i] * Y[i]).sin() * Y[i])
        .collect();
    let want_y: Vec<f64> = (0..5)
        .map(|j| X[(j + 4) % 5] - (X[j] * Y[j]).sin() * X[j])
        .collect();
    assert_all_close("for_enum_zip d/dx", &gx, &want_x, 1e-14);
    assert_all_close("for_enum_zip d/dy", &gy, &want_y, 1e-14);

    // iter_mut_map: y_i = (a tanh x_i)² + a.
    let a = 1.7;
    let (y, pb) = iter_mut_map_vjp(&X, a);
    let w = Y.to_vec();
    let (gx, ga) = pb(w.clone());
    for i in 0..5 {
        assert_close(
            "iter_mut_map value",
            y[i],
            (a * X[i].tanh()).powi(2) + a,
            1e-15,
        );
    }
    let want_x: Vec<f64> = (0..5)
        .map(|i| w[i] * 2.0 * a * a * X[i].tanh() * (1.0 - X[i].tanh().powi(2)))
        .collect();
    let want_a: f64 = (0..5)
        .map(|i| w[i] * (2.0 * a * X[i].tanh().powi(2) + 1.0))
        .sum();
    assert_all_close("iter_mut_map d/dx", &gx, &want_x, 1e-14);
    assert_close("iter_mut_map d/da", ga, want_a, 1e-14);
    Ad::new(
        "iter_mut_map",
        |p| iter_mut_map(&p[..5], p[5]),
        |p, t| iter_mut_map_jvp(&p[..5], p[5], &t[..5], t[5]),
        |p, w| {
            let (y, pb) = iter_mut_map_vjp(&p[..5], p[5]);
            let (g, ga) = pb(w.to_vec());
            (y, cat(&g, &[ga]))
        },
    )
    .check(&[&cat(&X, &[a])]);

    let p = [0.5, -1.0, 2.0];
    let s = 0.3;
    let (gp, gs) = iter_fixed_grad(p, s);
    // t = p0² s + p1(p1 + s) + p2(p2 − s); m = (p0 s)² + (p1 + s)² + (p2 − s)².
    let want_p = [
        2.0 * p[0] * s + 2.0 * p[0] * s * s,
        2.0 * p[1] + s + 2.0 * (p[1] + s),
        2.0 * p[2] - s + 2.0 * (p[2] - s),
    ];
    let want_s =
        p[0] * p[0] + p[1] - p[2] + 2.0 * p[0] * p[0] * s + 2.0 * (p[1] + s) - 2.0 * (p[2] - s);
    assert_all_close("iter_fixed d/dp", &gp, &want_p, 1e-14);
    assert_close("iter_fixed d/ds", gs, want_s, 1e-14);
    let arr = |q: &[f64]| [q[0], q[1], q[2]];
    Ad::new(
        "iter_fixed",
        move |q| vec![iter_fixed(arr(q), q[3])],
        move |q, t| {
            let (y, dy) = iter_fixed_jvp(arr(q), q[3], arr(t), t[3]);
            (vec![y], vec![dy])
        },
        move |q, w| {
            let (y, pb) = iter_fixed_vjp(arr(q), q[3]);
            let (gp, gs) = pb(w[0]);
            (vec![y], cat(&gp, &[gs]))
        },
    )
    .check(&[&[0.5, -1.0, 2.0, 0.3]]);
}

// ---------------------------------------------------------------------- generic and f32

/// Generic: the 2-norm by `map(..).sum()` over `&v` patterns and a `fold` with a closure.
#[differentiable]
fn gen_norms<T: Real>(x: &[T]) -> T {
    let s: T = x.iter().map(|&v| v * v).sum();
    let c = x.iter().fold(T::zero(), |acc, &v| acc + v.sin() * v);
    s.sqrt() + c
}

/// Generic zip-fold with `T::max`.
#[differentiable]
fn gen_zip_max<T: Real>(x: &[T], y: &[T]) -> T {
    let mut m = T::zero();
    for (&a, &b) in x.iter().zip(y.iter()) {
        m = T::max(m, a * b);
    }
    m
}

#[test]
fn generic_chains_at_f64_and_f32() {
    let g = gen_norms_grad(&X);
    let norm = X.iter().map(|v| v * v).sum::<f64>().sqrt();
    let want: Vec<f64> = X.iter().map(|v| v / norm + v.cos() * v + v.sin()).collect();
    assert_all_close("gen_norms f64", &g, &want, 1e-14);
    ad1!(gen_norms, gen_norms_jvp, gen_norms_vjp).check(&[&X]);
    let x32: Vec<f32> = X.iter().map(|&v| v as f32).collect();
    let g32 = gen_norms_grad(&x32);
    let g32: Vec<f64> = g32.iter().map(|&v| v as f64).collect();
    assert_all_close("gen_norms f32 vs f64", &g32, &g, 1e-5);

    // a_i b_i: 0.33, -0.6, -0.63, 0.4, -0.36 → max at index 3.
    let (gx, gy) = gen_zip_max_grad(&X, &Y);
    assert_eq!(gx, vec![0.0, 0.0, 0.0, Y[3], 0.0]);
    assert_eq!(gy, vec![0.0, 0.0, 0.0, X[3], 0.0]);
    ad2!(gen_zip_max, gen_zip_max_jvp, gen_zip_max_vjp, 5).check(&[&cat(&X, &Y)]);
    let y32: Vec<f32> = Y.iter().map(|&v| v as f32).collect();
    let (gx32, gy32) = gen_zip_max_grad(&x32, &y32);
    assert_eq!(gx32, vec![0.0, 0.0, 0.0, Y[3] as f32, 0.0]);
    assert_eq!(gy32, vec![0.0, 0.0, 0.0, X[3] as f32, 0.0]);
}

/// f32 chains: `zip(..).map(..).sum::<f32>()` and `fold(f32::NEG_INFINITY, f32::max)`.
#[differentiable]
fn f32_chain(x: &[f32], y: &[f32]) -> f32 {
    let d = x.iter().zip(y.iter()).map(|(a, b)| a * b).sum::<f32>();
    let m = x.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    d + m
}

#[test]
fn f32_chains() {
    let x = [0.5f32, 2.0, -1.0];
    let y = [1.5f32, -0.5, 0.25];
    let (gx, gy) = f32_chain_grad(&x, &y);
    assert_eq!(gx, vec![1.5, 0.5, 0.25]);
    assert_eq!(gy, x.to_vec());
    let (v, dv) = f32_chain_jvp(&x, &y, &[1.0, 1.0, 1.0], &[0.0, 0.0, 0.0]);
    assert_eq!(v, f32_chain(&x, &y));
    // Σ y_i (the dot product) + 1 (the max, x_1).
    assert_eq!(dv, 1.5 - 0.5 + 0.25 + 1.0);
}

// ---------------------------------------------------------------------------- nested zips

const Z: [f64; 5] = [-0.4, 0.9, 1.3, -0.2, 0.6];

/// Three slices zipped left-nested, items `((a, b), c)`: Σ (a b − c)².
#[differentiable]
fn zip3_left(x: &[f64], y: &[f64], z: &[f64]) -> f64 {
    x.iter()
        .zip(y.iter())
        .zip(z.iter())
        .map(|((a, b), c)| (a * b - c) * (a * b - c))
        .sum()
}

/// Right-nested, items `(a, (b, c))`, as a `for` loop with a `let` the pullback recomputes.
#[differentiable]
fn zip3_right(x: &[f64], y: &[f64], z: &[f64]) -> f64 {
    let mut s = 0.0;
    for (a, (b, c)) in x.iter().zip(y.iter().zip(z.iter())) {
        let r = a * b - c;
        s += r * r * r.cos();
    }
    s
}

#[test]
fn nested_zips() {
    // d/da = 2 (ab − c) b, d/db = 2 (ab − c) a, d/dc = −2 (ab − c).
    let (gx, gy, gz) = zip3_left_grad(&X, &Y, &Z);
    let r: Vec<f64> = (0..5).map(|i| X[i] * Y[i] - Z[i]).collect();
    let want_x: Vec<f64> = (0..5).map(|i| 2.0 * r[i] * Y[i]).collect();
    let want_y: Vec<f64> = (0..5).map(|i| 2.0 * r[i] * X[i]).collect();
    let want_z: Vec<f64> = (0..5).map(|i| -2.0 * r[i]).collect();
    assert_all_close("zip3_left d/dx", &gx, &want_x, 1e-14);
    assert_all_close("zip3_left d/dy", &gy, &want_y, 1e-14);
    assert_all_close("zip3_left d/dz", &gz, &want_z, 1e-14);
    // f(r) = r² cos r: f' = 2r cos r − r² sin r.
    let (gx, gy, gz) = zip3_right_grad(&X, &Y, &Z);
    let fp: Vec<f64> = r
        .iter()
        .map(|&r| 2.0 * r * r.cos() - r * r * r.sin())
        .collect();
    let want_x: Vec<f64> = (0..5).map(|i| fp[i] * Y[i]).collect();
    let want_y: Vec<f64> = (0..5).map(|i| fp[i] * X[i]).collect();
    let want_z: Vec<f64> = (0..5).map(|i| -fp[i]).collect();
    assert_all_close("zip3_right d/dx", &gx, &want_x, 1e-14);
    assert_all_close("zip3_right d/dy", &gy, &want_y, 1e-14);
    assert_all_close("zip3_right d/dz", &gz, &want_z, 1e-14);
    // Forward mode agrees (dot-product test) and the pullback of f_vjp is the same gradient.
    let (t1, t2, t3) = ([0.2, -0.1, 0.5, 0.3, -0.7], Y, X);
    let (_, d) = zip3_right_jvp(&X, &Y, &Z, &t1, &t2, &t3);
    let dot: f64 = (0..5)
        .map(|i| t1[i] * gx[i] + t2[i] * gy[i] + t3[i] * gz[i])
        .sum();
    assert_close("zip3_right dot test", d, dot, 1e-12);
    let (_, pb) = zip3_right_vjp(&X, &Y, &Z);
    let (vx, vy, vz) = pb(1.0);
    assert_all_close(
        "zip3_right vjp",
        &[vx, vy, vz].concat(),
        &[gx, gy, gz].concat(),
        0.0,
    );
}

// ---------------------------------------------------------------------------------------------
// Forms people write that the rewriting missed: `*v` in closures, a float method on the
// reduction, a slice given to `zip` or `for` as is, `iter_mut` inside `zip`/`enumerate` and
// auto-dereferenced `iter_mut` items. `check` compares reverse, forward and finite differences;
// the analytic values below pin the derivatives themselves.

#[differentiable(check)]
fn deref_in_closures(x: &[f64]) -> f64 {
    x.iter().map(|v| *v * *v).sum::<f64>() + x.iter().fold(0.0, |a, v| a + 2.0 * *v)
}

#[differentiable(check)]
fn norm_of_sum(x: &[f64]) -> f64 {
    x.iter().map(|v| v * v).sum::<f64>().sqrt()
}

#[differentiable(check)]
fn zip_with_slice(x: &[f64], y: &[f64]) -> f64 {
    let mut s = x.iter().zip(y).map(|(a, b)| a * b).sum::<f64>();
    for (a, b) in x.iter().zip(y) {
        s += a * b * b;
    }
    for v in x {
        s += v.sin();
    }
    s
}

#[differentiable(check)]
fn axpy_zip_iter_mut(x: &[f64], y: &mut [f64], a: f64) {
    for (xi, yi) in x.iter().zip(y.iter_mut()) {
        *yi += a * xi;
    }
    for (yi, xi) in y.iter_mut().zip(x.iter()) {
        *yi = yi.sin() * xi;
    }
    for (i, yi) in y.iter_mut().enumerate() {
        *yi *= (i + 1) as f64;
    }
}

#[differentiable(check)]
fn enumerate_zip(x: &[f64], y: &[f64]) -> f64 {
    let mut s = 0.0;
    for (i, (a, b)) in x.iter().zip(y.iter()).enumerate() {
        s += (i as f64 + 1.0) * a * b;
    }
    s
}

#[test]
fn user_sweep_forms_analytic() {
    let x = [0.3, -1.2, 2.0];
    let y = [1.5, 0.4, -0.7];
    // d/dx (Σ x² + 2 Σ x) = 2x + 2
    let g = deref_in_closures_grad(&x);
    assert_all_close("deref_in_closures", &g, &[2.6, -0.4, 6.0], 1e-14);
    // d/dx |x| = x / |x|
    let n = x.iter().map(|v| v * v).sum::<f64>().sqrt();
    let g = norm_of_sum_grad(&x);
    assert_all_close("norm_of_sum", &g, &x.map(|v| v / n), 1e-14);
    // x·y + Σ x y² + Σ sin x
    let (gx, gy) = zip_with_slice_grad(&x, &y);
    let want_x: Vec<f64> = (0..3).map(|i| y[i] + y[i] * y[i] + x[i].cos()).collect();
    let want_y: Vec<f64> = (0..3).map(|i| x[i] + 2.0 * x[i] * y[i]).collect();
    assert_all_close("zip_with_slice x", &gx, &want_x, 1e-14);
    assert_all_close("zip_with_slice y", &gy, &want_y, 1e-14);
    // y_i ← (i+1) sin(y_i + a x_i) x_i; value and d/da
    let mut yv = y;
    let (mut dy, dx) = ([0.0; 3], [0.0; 3]);
    axpy_zip_iter_mut_jvp(&x, &mut yv, 0.5, &dx, &mut dy, 1.0);
    for i in 0..3 {
        let want = (i + 1) as f64 * (y[i] + 0.5 * x[i]).sin() * x[i];
        assert_close("axpy_zip_iter_mut value", yv[i], want, 1e-14);
        let dwant = (i + 1) as f64 * (y[i] + 0.5 * x[i]).cos() * x[i] * x[i];
        assert_close("axpy_zip_iter_mut d/da", dy[i], dwant, 1e-14);
    }
    let (gx, gy) = enumerate_zip_grad(&x, &y);
    assert_all_close("enumerate_zip x", &gx, &[1.5, 0.8, -2.1], 1e-14);
    assert_all_close("enumerate_zip y", &gy, &[0.3, -2.4, 6.0], 1e-14);
}

/// A closure parameter named like the array it walks (second order included).
#[differentiable(check)]
fn shadowed_by_closure(x: &[f64]) -> f64 {
    x.iter().map(|x| x * x * x).sum()
}

#[test]
fn shadowed_closure_parameter_hessian() {
    let x = [0.5, -2.0];
    let h = shadowed_by_closure_hessian(&x);
    assert_all_close("row 0", &h[0], &[3.0, 0.0], 1e-14);
    assert_all_close("row 1", &h[1], &[0.0, -12.0], 1e-14);
}

/// A reduction in an `if` condition (second order included: the condition reads plain values).
#[differentiable(check)]
fn reduction_in_condition(x: &[f64]) -> f64 {
    if x.iter().sum::<f64>() > 0.0 {
        x.iter().map(|v| v * v).sum()
    } else {
        x.iter().map(|v| v * v * v).sum()
    }
}

#[test]
fn reduction_in_condition_takes_the_right_branch() {
    let g = reduction_in_condition_grad(&[1.0, 2.0]);
    assert_all_close("sum > 0", &g, &[2.0, 4.0], 1e-14);
    let g = reduction_in_condition_grad(&[1.0, -2.0]);
    assert_all_close("sum < 0", &g, &[3.0, 12.0], 1e-14);
    let h = reduction_in_condition_hessian(&[1.0, -2.0]);
    assert_all_close("hessian row 1", &h[1], &[0.0, -12.0], 1e-14);
}

/// `.map(path)` and chained `.map(..).map(..)`.
#[differentiable(check)]
fn map_paths_and_chains(x: &[f64]) -> f64 {
    let a: f64 = x.iter().copied().map(f64::exp).sum();
    let b: f64 = x.iter().map(|v| v * 2.0).map(|w| w * w).sum();
    a + b
}

#[test]
fn map_paths_and_chains_analytic() {
    let x = [0.5, -1.0];
    let g = map_paths_and_chains_grad(&x);
    let want: Vec<f64> = x.iter().map(|v| v.exp() + 8.0 * v).collect();
    assert_all_close("map paths", &g, &want, 1e-14);
}

/// Closure parameters named like the arrays zipped (swapped, even).
#[differentiable(check)]
fn zip_names_like_arrays(x: &[f64], y: &[f64]) -> f64 {
    let a: f64 = x.iter().zip(y.iter()).map(|(y, x)| y * x * x).sum();
    let mut b = 0.0;
    for (x, y) in y.iter().zip(x.iter()) {
        b += x.sin() * y;
    }
    a + b
}

#[test]
fn zip_names_like_arrays_analytic() {
    let (x, y) = ([0.5, -1.0], [2.0, 0.3]);
    let (gx, gy) = zip_names_like_arrays_grad(&x, &y);
    // a = Σ x_i y_i², b = Σ sin(y_i) x_i.
    for i in 0..2 {
        assert_close("d/dx", gx[i], y[i] * y[i] + y[i].sin(), 1e-14);
        assert_close("d/dy", gy[i], 2.0 * x[i] * y[i] + y[i].cos() * x[i], 1e-14);
    }
}

// ---------------------------------------------------------------------------------------------
// From a hunt over iterator chains: `iter_mut` items' names rebound inside the loop (by a
// closure parameter, a `let`, an inner `for`) were still rewritten to the element, a silently
// wrong value and gradient; a chain in a `while` condition failed in second-order code.

#[differentiable(check(len = 3))]
fn iter_mut_names_rebound(x: &[f64], w: &[f64]) -> f64 {
    let mut u = w.to_vec();
    for v in u.iter_mut() {
        *v += x.iter().map(|v| v.sin()).sum::<f64>();
    }
    let mut s = 0.0;
    for v in u.iter_mut() {
        let t = *v * 2.0;
        *v += 1.0;
        let v = t + 0.5;
        s += v.sin();
    }
    for v in u.iter_mut() {
        for v in x {
            s += v.cos();
        }
        *v *= 0.5;
    }
    s + u.iter().map(|v| v * v).sum::<f64>()
}

#[test]
fn iter_mut_names_rebound_values() {
    let (x, w) = ([0.3, -0.7, 1.1], [0.5, 0.2, -0.4]);
    let (y, _) = iter_mut_names_rebound_vjp(&x, &w);
    assert_close("value", y, iter_mut_names_rebound(&x, &w), 1e-14);
    let sx: f64 = x.iter().map(|v| v.sin()).sum();
    let cx: f64 = x.iter().map(|v| v.cos()).sum();
    let want: f64 = w
        .iter()
        .map(|wi| {
            let u = wi + sx;
            (2.0 * u + 0.5).sin() + cx + (0.5 * (u + 1.0)).powi(2)
        })
        .sum();
    assert_close("analytic value", y, want, 1e-14);
}

#[differentiable(check(len = 3, lo = 0.5, hi = 1.5))]
fn chain_in_while_condition(x: &[f64]) -> f64 {
    let mut u = x.to_vec();
    while u.iter().sum::<f64>() > 1.0 {
        u[0] -= 0.5;
    }
    u[0] * u[1]
}

/// A reduction guarded by `&&` in an `if` (not computed when the guard is false), a chain with
/// a closure parameter named like a later active value in a `while` condition, `x[..].iter()`
/// in a condition, and `fold(0.0, f64::max)` in a `#[checkpoint]` loop.
#[differentiable(check(len = 3))]
fn guarded_reductions(x: &[f64]) -> f64 {
    let n = x.len();
    let mut s = 0.0;
    for i in 0..n {
        if i + 1 < n && x.iter().map(|v| v * x[i + 1]).sum::<f64>() > 0.0 {
            s += x[i] * x[i + 1];
        } else {
            s += x[i].sin();
        }
    }
    let mut u = x.to_vec();
    let mut k = 0;
    while u.iter().map(|v| v * v).sum::<f64>() > 0.1 && k < 20 {
        for i in 0..n {
            u[i] *= 0.7;
        }
        k += 1;
    }
    if x[..].iter().map(|v| v * v).sum::<f64>() > 0.5 {
        s += 1.0;
    }
    #[checkpoint]
    for t in 0..3 {
        let m = u.iter().map(|v| v.abs()).fold(0.0, f64::max);
        u[t % n] += 0.1 * m;
    }
    s + u.iter().map(|v| v.sin()).sum::<f64>()
}

#[test]
fn guarded_reductions_at_the_edges() {
    // n = 1 and 2: the guarded reduction would read past the end if it ran unguarded.
    for x in [vec![0.3], vec![0.3, -0.2]] {
        let g = guarded_reductions_grad(&x);
        let h = guarded_reductions_hessian(&x);
        assert_eq!((g.len(), h.len()), (x.len(), x.len()));
        let (y, _) = guarded_reductions_vjp(&x);
        assert_close("value", y, guarded_reductions(&x), 1e-14);
    }
}
