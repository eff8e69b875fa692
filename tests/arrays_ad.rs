//! Arrays and slices under `#[differentiable]`: argument kinds (`&[F]`, `&Vec<F>`, `[F; N]`,
//! `Vec<F>`), local arrays, indexing, in-place stores, `mem::swap`, `Vec` results, stencils and
//! flat 2-D grids, `#[no_grad]` data, `const` coefficient tables, zero-length slices, aliasing
//! patterns (repeated reads, several overwrites of one element, reads after a write) and
//! data-dependent loops.
//!
//! Every function is checked three ways through [`common::Ad`] (all active inputs flattened into
//! one vector, all outputs into another):
//! - reverse mode against central finite differences, every row of the Jacobian:
//!   h = 1e-6, tolerance 1e-6 relative (`max(1, |want|)`), unless a test states otherwise;
//! - the dot-product test `<J v, w> = <v, Jᵀ w>` with seeded random `v`, `w`:
//!   tolerance 1e-12 relative to the magnitudes of the terms;
//! - the primal values returned by `_jvp` and `_vjp` equal the function's own, exactly;
//!
//! and against analytic derivatives where they are known. Generic `T: Real` functions are
//! instantiated at f64 (the checks above) and at f32 (against the f64 derivatives, tolerance
//! 1e-4 relative, and the f32 dot-product test at 1e-4).
#![allow(clippy::needless_range_loop)]

#[macro_use]
mod common;

use common::{assert_all_close, assert_close, assert_exact, Ad, Rng};
use oxidiff::{differentiable, Real};

// ------------------------------------------------------------------------------------ helpers

/// Splits a flat input vector into pieces of the given lengths.
fn split<'a>(p: &'a [f64], lens: &[usize]) -> Vec<&'a [f64]> {
    assert_eq!(p.len(), lens.iter().sum::<usize>(), "flat input length");
    let mut out = Vec::new();
    let mut at = 0;
    for &n in lens {
        out.push(&p[at..at + n]);
        at += n;
    }
    out
}

fn cat(parts: &[&[f64]]) -> Vec<f64> {
    parts.iter().flat_map(|p| p.iter().copied()).collect()
}

fn to32(x: &[f64]) -> Vec<f32> {
    x.iter().map(|&v| v as f32).collect()
}

fn to64(x: &[f32]) -> Vec<f64> {
    x.iter().map(|&v| v as f64).collect()
}

/// f32 results against f64 ones: `|a - b| <= tol * max(1, |b|)`.
#[track_caller]
fn assert_f32_close(what: &str, got: &[f32], want: &[f64], tol: f64) {
    assert_all_close(what, &to64(got), want, tol);
}

/// The f32 dot-product test `<jv, w> = <v, vw>` with tolerance `tol` relative to the terms.
#[track_caller]
fn assert_dot32(what: &str, jv: &[f32], w: &[f32], v: &[f32], vw: &[f32], tol: f64) {
    let l: Vec<f64> = jv
        .iter()
        .zip(w)
        .map(|(a, b)| *a as f64 * *b as f64)
        .collect();
    let r: Vec<f64> = v
        .iter()
        .zip(vw)
        .map(|(a, b)| *a as f64 * *b as f64)
        .collect();
    let scale: f64 = l.iter().chain(&r).map(|t| t.abs()).sum::<f64>().max(1e-30);
    let (ls, rs) = (l.iter().sum::<f64>(), r.iter().sum::<f64>());
    assert!(
        (ls - rs).abs() <= tol * scale,
        "{what}: f32 dot-product test: {ls:e} vs {rs:e} (scale {scale:e})"
    );
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

// ------------------------------------------------------------- arguments of every array kind

/// `&[f64]` with `#[no_grad]` weights: f = Σ w_i x_i², df/dx_i = 2 w_i x_i.
#[differentiable]
fn weighted_sumsq(x: &[f64], #[no_grad] w: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in 0..x.len() {
        s += w[i] * x[i] * x[i];
    }
    s
}

#[test]
fn no_grad_data_slice() {
    let x = [0.3, -1.2, 0.7, 2.0, -0.1];
    let w = [1.0, 2.0, -0.5, 0.25, 3.0];
    let g = weighted_sumsq_grad(&x, &w);
    let want: Vec<f64> = x.iter().zip(&w).map(|(x, w)| 2.0 * w * x).collect();
    assert_all_close("weighted_sumsq analytic", &g, &want, 1e-15);
    let ad = Ad::new(
        "weighted_sumsq",
        |p| vec![weighted_sumsq(p, &w)],
        |p, t| {
            let (y, dy) = weighted_sumsq_jvp(p, &w, t);
            (vec![y], vec![dy])
        },
        |p, c| {
            let (y, pb) = weighted_sumsq_vjp(p, &w);
            (vec![y], pb(c[0]))
        },
    );
    ad.check(&[&x, &[1.0, 1.0, 1.0, 1.0, 1.0]]);
}

/// Scalars before and after a slice: f = a·b + Σ sin(a x_i)·b + b² x_0.
#[differentiable]
fn mixed(a: f64, x: &[f64], b: f64) -> f64 {
    let mut s = a * b;
    for i in 0..x.len() {
        s += (a * x[i]).sin() * b;
    }
    s + b * b * x[0]
}

#[test]
fn mixed_scalar_and_slice_arguments() {
    let (a, b) = (0.7, -1.3);
    let x = [0.5, -0.2, 1.1];
    let (ga, gx, gb) = mixed_grad(a, &x, b);
    let want_a = b + x.iter().map(|v| (a * v).cos() * v * b).sum::<f64>();
    let mut want_x: Vec<f64> = x.iter().map(|v| (a * v).cos() * a * b).collect();
    want_x[0] += b * b;
    let want_b = a + x.iter().map(|v| (a * v).sin()).sum::<f64>() + 2.0 * b * x[0];
    assert_close("mixed d/da", ga, want_a, 1e-14);
    assert_all_close("mixed d/dx", &gx, &want_x, 1e-14);
    assert_close("mixed d/db", gb, want_b, 1e-14);
    let n = x.len();
    let ad = Ad::new(
        "mixed",
        move |p| vec![mixed(p[0], &p[1..=n], p[n + 1])],
        move |p, t| {
            let (y, dy) = mixed_jvp(p[0], &p[1..=n], p[n + 1], t[0], &t[1..=n], t[n + 1]);
            (vec![y], vec![dy])
        },
        move |p, c| {
            let (y, pb) = mixed_vjp(p[0], &p[1..=n], p[n + 1]);
            let (ga, gx, gb) = pb(c[0]);
            (vec![y], cat(&[&[ga], &gx, &[gb]]))
        },
    );
    ad.check(&[&cat(&[&[a], &x, &[b]]), &[0.1, 2.0, -3.0, 0.4, 0.9]]);
}

/// `[f64; 3]` arguments and an `[a, b, c]` local: |p × q|², which equals |p|²|q|² − (p·q)²,
/// so d/dp = 2|q|² p − 2(p·q) q.
#[differentiable]
fn cross_sq(p: [f64; 3], q: [f64; 3]) -> f64 {
    let c = [
        p[1] * q[2] - p[2] * q[1],
        p[2] * q[0] - p[0] * q[2],
        p[0] * q[1] - p[1] * q[0],
    ];
    c[0] * c[0] + c[1] * c[1] + c[2] * c[2]
}

#[test]
fn fixed_size_array_arguments() {
    let p = [0.5, -1.0, 2.0];
    let q = [1.5, 0.25, -0.75];
    let (gp, gq): ([f64; 3], [f64; 3]) = cross_sq_grad(p, q);
    let (pp, qq, pq) = (dot(&p, &p), dot(&q, &q), dot(&p, &q));
    let want_p: Vec<f64> = (0..3).map(|i| 2.0 * qq * p[i] - 2.0 * pq * q[i]).collect();
    let want_q: Vec<f64> = (0..3).map(|i| 2.0 * pp * q[i] - 2.0 * pq * p[i]).collect();
    assert_all_close("cross_sq d/dp", &gp, &want_p, 1e-14);
    assert_all_close("cross_sq d/dq", &gq, &want_q, 1e-14);
    let arr = |s: &[f64]| [s[0], s[1], s[2]];
    let ad = Ad::new(
        "cross_sq",
        move |x| vec![cross_sq(arr(&x[..3]), arr(&x[3..]))],
        move |x, t| {
            let (y, dy) = cross_sq_jvp(arr(&x[..3]), arr(&x[3..]), arr(&t[..3]), arr(&t[3..]));
            (vec![y], vec![dy])
        },
        move |x, c| {
            let (y, pb) = cross_sq_vjp(arr(&x[..3]), arr(&x[3..]));
            let (gp, gq) = pb(c[0]);
            (vec![y], cat(&[&gp, &gq]))
        },
    );
    ad.check(&[&cat(&[&p, &q]), &[1.0, 2.0, 3.0, -3.0, 0.5, 0.1]]);
}

// `&Vec<f64>` is the argument kind under test. The macro copies an `#[allow]` on the function
// to the function itself but not to the generated `_jvp`/`_vjp`, hence the module.
#[allow(clippy::ptr_arg)]
mod vec_ref {
    use oxidiff::differentiable;

    /// An owned `Vec<f64>` and a `&Vec<f64>`, `x.clone()` and `y.to_vec()` locals, `[0.0; 4]`:
    /// f = Σ_i (x_i y_i)² + Σ_k a_k with a = the first four partial products.
    #[differentiable]
    pub fn owned_and_ref_vec(x: Vec<f64>, y: &Vec<f64>) -> f64 {
        let mut a = x.clone();
        let b = y.to_vec();
        let mut first = [0.0; 4];
        for i in 0..a.len() {
            a[i] *= b[i];
        }
        let mut s = 0.0;
        for i in 0..a.len() {
            s += a[i] * a[i];
            if i < 4 {
                first[i] = a[i];
            }
        }
        s + first[0] + first[1] + first[2] + first[3]
    }
}
use vec_ref::*;

#[test]
fn vec_and_vec_ref_arguments() {
    let x = vec![0.3, -1.2, 0.7, 2.0, -0.4, 1.5];
    let y = vec![1.1, 0.5, -0.9, 0.2, 2.2, -0.6];
    let (gx, gy) = owned_and_ref_vec_grad(x.clone(), &y);
    let want_x: Vec<f64> = (0..6)
        .map(|i| 2.0 * x[i] * y[i] * y[i] + if i < 4 { y[i] } else { 0.0 })
        .collect();
    let want_y: Vec<f64> = (0..6)
        .map(|i| 2.0 * y[i] * x[i] * x[i] + if i < 4 { x[i] } else { 0.0 })
        .collect();
    assert_all_close("owned_and_ref_vec d/dx", &gx, &want_x, 1e-14);
    assert_all_close("owned_and_ref_vec d/dy", &gy, &want_y, 1e-14);
    let ad = Ad::new(
        "owned_and_ref_vec",
        |p| vec![owned_and_ref_vec(p[..6].to_vec(), &p[6..].to_vec())],
        |p, t| {
            let (v, dv) =
                owned_and_ref_vec_jvp(p[..6].to_vec(), &p[6..].to_vec(), t[..6].to_vec(), &t[6..]);
            (vec![v], vec![dv])
        },
        |p, c| {
            let (v, pb) = owned_and_ref_vec_vjp(p[..6].to_vec(), &p[6..].to_vec());
            let (gx, gy) = pb(c[0]);
            (vec![v], cat(&[&gx, &gy]))
        },
    );
    ad.check(&[&cat(&[&x, &y])]);
}

// ------------------------------------------------------------------ const coefficient tables

const SMOOTH: [f64; 3] = [0.25, 0.5, 0.25];

/// A `const` coefficient array (a constant, never differentiated) in a 3-point filter with
/// clamped ends, returning a `Vec`: out = S x for a fixed matrix S.
#[differentiable]
fn smooth(x: &[f64]) -> Vec<f64> {
    let n = x.len();
    let mut out = vec![0.0; n];
    for i in 0..n {
        for k in 0..3 {
            // Clamped neighbour index i + k - 1 (written without `clamp`, see the report).
            let mut j = i + k;
            if j < 1 {
                j = 1;
            }
            if j > n {
                j = n;
            }
            out[i] += SMOOTH[k] * x[j - 1];
        }
    }
    out
}

/// The matrix of [`smooth`], built independently.
fn smooth_matrix(n: usize) -> Vec<Vec<f64>> {
    let mut s = vec![vec![0.0; n]; n];
    for i in 0..n {
        for k in 0..3 {
            let j = (i + k).clamp(1, n) - 1;
            s[i][j] += SMOOTH[k];
        }
    }
    s
}

/// A `const` table declared inside the function body.
#[differentiable]
fn local_const(x: &[f64]) -> f64 {
    const W: [f64; 3] = [1.0, -2.0, 0.5];
    let mut s = 0.0;
    for i in 0..x.len() {
        s += W[i % 3] * x[i] * x[i];
    }
    s
}

#[test]
fn const_table_inside_the_function() {
    let x = [0.3, -1.2, 0.7, 2.0];
    let w = [1.0, -2.0, 0.5, 1.0];
    let want: Vec<f64> = (0..4).map(|i| 2.0 * w[i] * x[i]).collect();
    assert_all_close("local_const", &local_const_grad(&x), &want, 1e-15);
    let (_, dy) = local_const_jvp(&x, &[1.0, 0.0, 0.0, 1.0]);
    assert_close("local_const jvp", dy, want[0] + want[3], 1e-15);
}

#[test]
fn const_coefficient_array_and_vec_result() {
    let n = 6;
    let x: Vec<f64> = (0..n).map(|i| (i as f64 * 0.9).cos()).collect();
    let s = smooth_matrix(n);
    let w: Vec<f64> = (0..n).map(|i| 1.0 + i as f64).collect();
    // Pullback = Sᵀ w, JVP = S v, exactly (linear).
    let (y, pb) = smooth_vjp(&x);
    assert_eq!(y, smooth(&x));
    let gx = pb(w.clone());
    let want: Vec<f64> = (0..n)
        .map(|j| (0..n).map(|i| s[i][j] * w[i]).sum())
        .collect();
    assert_all_close("smooth pullback", &gx, &want, 1e-15);
    let v: Vec<f64> = (0..n).map(|i| (i as f64).sin()).collect();
    let (_, jv) = smooth_jvp(&x, &v);
    let want: Vec<f64> = (0..n).map(|i| dot(&s[i], &v)).collect();
    assert_all_close("smooth jvp", &jv, &want, 1e-15);
    let ad = Ad::new("smooth", smooth, smooth_jvp, |p, c| {
        let (y, pb) = smooth_vjp(p);
        (y, pb(c.to_vec()))
    });
    ad.check(&[&x, &[1.0, -1.0]]);
}

// ------------------------------------------------------------------------- Vec results

/// Softmax with the usual max shift (`fold(f64::NEG_INFINITY, f64::max)`), `iter_mut` to
/// normalize: J = diag(s) − s sᵀ.
#[differentiable]
fn softmax(x: &[f64]) -> Vec<f64> {
    let m = x.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mut e = vec![0.0; x.len()];
    for (i, v) in x.iter().enumerate() {
        e[i] = (v - m).exp();
    }
    let z: f64 = e.iter().sum();
    for v in e.iter_mut() {
        *v /= z;
    }
    e
}

#[test]
fn softmax_vec_result() {
    let x = [0.5, -1.0, 2.0, 0.1];
    let s = softmax(&x);
    let w = [1.0, -2.0, 0.5, 3.0];
    let (y, pb) = softmax_vjp(&x);
    assert_eq!(y, s);
    let sw = dot(&s, &w);
    let want: Vec<f64> = (0..4).map(|i| s[i] * (w[i] - sw)).collect();
    assert_all_close("softmax pullback", &pb(w.to_vec()), &want, 1e-14);
    let v = [0.3, 0.2, -0.7, 1.0];
    let sv = dot(&s, &v);
    let want: Vec<f64> = (0..4).map(|i| s[i] * (v[i] - sv)).collect();
    let (y, jv) = softmax_jvp(&x, &v);
    assert_eq!(y, s);
    assert_all_close("softmax jvp", &jv, &want, 1e-14);
    let ad = Ad::new("softmax", softmax, softmax_jvp, |p, c| {
        let (y, pb) = softmax_vjp(p);
        (y, pb(c.to_vec()))
    });
    // Points with a unique maximum (the max shift cancels exactly there).
    ad.check(&[&x, &[3.0, 1.0, -2.0]]);
}

/// y = A x for a row-major m×n `a`: dy/dx = A, dy/dA_ij = x_j on row i.
#[differentiable]
fn matvec(a: &[f64], x: &[f64]) -> Vec<f64> {
    let n = x.len();
    let m = a.len() / n;
    let mut y = vec![0.0; m];
    for i in 0..m {
        let mut acc = 0.0;
        for j in 0..n {
            acc += a[i * n + j] * x[j];
        }
        y[i] = acc;
    }
    y
}

#[test]
fn matvec_vec_result() {
    let (m, n) = (3, 4);
    let mut rng = Rng::new(7);
    let a = rng.vec(m * n);
    let x = rng.vec(n);
    let w = rng.vec(m);
    let (_, pb) = matvec_vjp(&a, &x);
    let (ga, gx) = pb(w.clone());
    let want_a: Vec<f64> = (0..m * n).map(|k| w[k / n] * x[k % n]).collect();
    let want_x: Vec<f64> = (0..n)
        .map(|j| (0..m).map(|i| a[i * n + j] * w[i]).sum())
        .collect();
    assert_all_close("matvec d/dA", &ga, &want_a, 1e-15);
    assert_all_close("matvec d/dx", &gx, &want_x, 1e-14);
    let da = rng.vec(m * n);
    let dx = rng.vec(n);
    let (_, jv) = matvec_jvp(&a, &x, &da, &dx);
    let want: Vec<f64> = (0..m)
        .map(|i| {
            (0..n)
                .map(|j| da[i * n + j] * x[j] + a[i * n + j] * dx[j])
                .sum()
        })
        .collect();
    assert_all_close("matvec jvp", &jv, &want, 1e-14);
    let lens = [m * n, n];
    let ad = Ad::new(
        "matvec",
        move |p| {
            let s = split(p, &lens);
            matvec(s[0], s[1])
        },
        move |p, t| {
            let (s, d) = (split(p, &lens), split(t, &lens));
            matvec_jvp(s[0], s[1], d[0], d[1])
        },
        move |p, c| {
            let s = split(p, &lens);
            let (y, pb) = matvec_vjp(s[0], s[1]);
            let (ga, gx) = pb(c.to_vec());
            (y, cat(&[&ga, &gx]))
        },
    );
    ad.check(&[&cat(&[&a, &x])]);
}

// ---------------------------------------------------------------- stencils and 2-D grids

/// 1-D heat equation, explicit Euler with fixed ends, double buffering with `mem::swap`;
/// generic, instantiated at f64 and f32. Output Σ u² at the end.
#[differentiable]
fn heat<T: Real>(u0: &[T], steps: usize, c: T) -> T {
    let n = u0.len();
    let mut u = u0.to_vec();
    let mut next = u0.to_vec();
    for _ in 0..steps {
        for i in 1..n - 1 {
            next[i] = u[i] + c * (u[i - 1] - T::from_f64(2.0) * u[i] + u[i + 1]);
        }
        std::mem::swap(&mut u, &mut next);
    }
    let mut e = T::zero();
    // `for v in u.iter() { e += *v * *v }` does not compile (see the report): `.copied()`.
    for v in u.iter().copied() {
        e += v * v;
    }
    e
}

/// The heat map as an explicit matrix power, for the analytic gradient: u_T = M^T u0,
/// E = |u_T|², dE/du0 = 2 (M^T)ᵀ u_T.
fn heat_adjoint(u0: &[f64], steps: usize, c: f64) -> Vec<f64> {
    let n = u0.len();
    let step = |u: &[f64]| {
        let mut v = u.to_vec();
        for i in 1..n - 1 {
            v[i] = u[i] + c * (u[i - 1] - 2.0 * u[i] + u[i + 1]);
        }
        v
    };
    let step_t = |w: &[f64]| {
        // Transpose of `step`.
        let mut g = vec![0.0; n];
        g[0] += w[0];
        g[n - 1] += w[n - 1];
        for i in 1..n - 1 {
            g[i] += w[i] * (1.0 - 2.0 * c);
            g[i - 1] += w[i] * c;
            g[i + 1] += w[i] * c;
        }
        g
    };
    let mut u = u0.to_vec();
    for _ in 0..steps {
        u = step(&u);
    }
    let mut g: Vec<f64> = u.iter().map(|v| 2.0 * v).collect();
    for _ in 0..steps {
        g = step_t(&g);
    }
    g
}

#[test]
fn heat_stencil_double_buffer_swap_many_steps() {
    let n = 16;
    let steps = 300;
    let c = 0.2;
    let u0: Vec<f64> = (0..n).map(|i| ((i as f64) * 0.7).sin() + 0.1).collect();
    let (gu, _gc) = heat_grad(&u0, steps, c);
    assert_all_close(
        "heat vs hand adjoint",
        &gu,
        &heat_adjoint(&u0, steps, c),
        1e-12,
    );
    let ad = Ad::new(
        "heat",
        move |p| vec![heat(&p[..n], steps, p[n])],
        move |p, t| {
            let (y, dy) = heat_jvp(&p[..n], steps, p[n], &t[..n], t[n]);
            (vec![y], vec![dy])
        },
        move |p, w| {
            let (y, pb) = heat_vjp(&p[..n], steps, p[n]);
            let (g, gc) = pb(w[0]);
            (vec![y], cat(&[&g, &[gc]]))
        },
    );
    ad.check(&[&cat(&[&u0, &[c]])]);
    // Odd step count: the result lives in the other buffer.
    let (g_odd, _) = heat_grad(&u0, 7, c);
    assert_all_close("heat 7 steps", &g_odd, &heat_adjoint(&u0, 7, c), 1e-13);
    // f32 against f64.
    let u32_ = to32(&u0);
    let (g32, gc32) = heat_grad(&u32_, steps, 0.2f32);
    let (_, gc64) = heat_grad(&u0, steps, c);
    assert_f32_close("heat f32 d/du0", &g32, &gu, 1e-4);
    assert_close("heat f32 d/dc", gc32 as f64, gc64, 1e-3);
    let mut rng = Rng::new(11);
    let v = to32(&rng.vec(n));
    let w = rng.uniform() as f32;
    let (_, jv) = heat_jvp(&u32_, steps, 0.2f32, &v, 0.0);
    let (_, pb) = heat_vjp(&u32_, steps, 0.2f32);
    let (vw, _) = pb(w);
    assert_dot32("heat f32", &[jv], &[w], &v, &vw, 1e-4);
}

/// Dirichlet energy of a field on an n×n grid stored flat (`u[i * n + j]`), nested loops,
/// plus a quartic term: E = Σ (u_{i+1,j} − u_{ij})² + Σ (u_{i,j+1} − u_{ij})² + Σ u⁴/4.
#[differentiable]
fn grid_energy(u: &[f64], n: usize) -> f64 {
    let mut e = 0.0;
    for i in 0..n {
        for j in 0..n {
            let c = u[i * n + j];
            if i + 1 < n {
                let d = u[(i + 1) * n + j] - c;
                e += d * d;
            }
            if j + 1 < n {
                let d = u[i * n + j + 1] - c;
                e += d * d;
            }
            e += 0.25 * c * c * c * c;
        }
    }
    e
}

#[test]
fn flat_2d_grid_nested_loops() {
    let n = 5;
    let u: Vec<f64> = (0..n * n).map(|k| ((k as f64) * 0.37).cos()).collect();
    let g = grid_energy_grad(&u, n);
    // Analytic: -2 Δu with Neumann ends (graph Laplacian) + u³.
    let at = |i: usize, j: usize| u[i * n + j];
    let want: Vec<f64> = (0..n * n)
        .map(|k| {
            let (i, j) = (k / n, k % n);
            let mut s = at(i, j).powi(3);
            for (di, dj) in [(-1i64, 0i64), (1, 0), (0, -1), (0, 1)] {
                let (a, b) = (i as i64 + di, j as i64 + dj);
                if a >= 0 && b >= 0 && (a as usize) < n && (b as usize) < n {
                    s += 2.0 * (at(i, j) - at(a as usize, b as usize));
                }
            }
            s
        })
        .collect();
    assert_all_close("grid_energy analytic", &g, &want, 1e-13);
    let ad = Ad::new(
        "grid_energy",
        move |p| vec![grid_energy(p, n)],
        move |p, t| {
            let (y, dy) = grid_energy_jvp(p, n, t);
            (vec![y], vec![dy])
        },
        move |p, w| {
            let (y, pb) = grid_energy_vjp(p, n);
            (vec![y], pb(w[0]))
        },
    );
    ad.check(&[&u]);
}

/// Periodic 2-D wave equation (leapfrog, three buffers rotated by two swaps), small grid:
/// the benchmark's kernel in miniature.
#[differentiable]
fn wave2d(u0: &[f64], n: usize, steps: usize) -> f64 {
    let r2 = 0.25;
    let mut u_prev = u0.to_vec();
    let mut u = u0.to_vec();
    let mut u_next = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..n {
            let lap = u0[((i + n - 1) % n) * n + j]
                + u0[((i + 1) % n) * n + j]
                + u0[i * n + (j + n - 1) % n]
                + u0[i * n + (j + 1) % n]
                - 4.0 * u0[i * n + j];
            u[i * n + j] = u0[i * n + j] + 0.5 * r2 * lap;
        }
    }
    for _ in 0..steps {
        for i in 0..n {
            for j in 0..n {
                let lap = u[((i + n - 1) % n) * n + j]
                    + u[((i + 1) % n) * n + j]
                    + u[i * n + (j + n - 1) % n]
                    + u[i * n + (j + 1) % n]
                    - 4.0 * u[i * n + j];
                u_next[i * n + j] = 2.0 * u[i * n + j] - u_prev[i * n + j] + r2 * lap;
            }
        }
        std::mem::swap(&mut u_prev, &mut u);
        std::mem::swap(&mut u, &mut u_next);
    }
    let mut e = 0.0;
    for i in 0..n {
        for j in 0..n {
            let v = (u[i * n + j] - u_prev[i * n + j]) / 0.5;
            let gx = u[((i + 1) % n) * n + j] - u[i * n + j];
            let gy = u[i * n + (j + 1) % n] - u[i * n + j];
            e += 0.5 * v * v + 0.5 * (gx * gx + gy * gy);
        }
    }
    e
}

#[test]
fn wave2d_leapfrog_two_swaps_per_step() {
    let n = 6;
    let u0: Vec<f64> = (0..n * n)
        .map(|k| (-(((k / n) as f64 - 2.0).powi(2) + ((k % n) as f64 - 3.0).powi(2)) / 4.0).exp())
        .collect();
    for steps in [0, 1, 2, 25] {
        let ad = Ad::new(
            "wave2d",
            move |p| vec![wave2d(p, n, steps)],
            move |p, t| {
                let (y, dy) = wave2d_jvp(p, n, steps, t);
                (vec![y], vec![dy])
            },
            move |p, w| {
                let (y, pb) = wave2d_vjp(p, n, steps);
                (vec![y], pb(w[0]))
            },
        );
        ad.check(&[&u0]);
    }
}

// ------------------------------------------------------------------ aliasing and edge cases

/// Zero-length slices: the loops do not run, the slice's gradient is empty.
#[differentiable]
fn maybe_empty(x: &[f64], y: &[f64], a: f64) -> f64 {
    let mut s = a * a;
    for v in x.iter() {
        s += v * a;
    }
    let t: f64 = y.iter().map(|v| v * v).sum();
    s + t * a + x.len() as f64
}

#[test]
fn zero_length_slices() {
    let (gx, gy, ga) = maybe_empty_grad(&[], &[], 1.5);
    assert!(gx.is_empty() && gy.is_empty());
    assert_exact("maybe_empty d/da", ga, 3.0);
    let (v, dv) = maybe_empty_jvp(&[], &[], 1.5, &[], &[], 1.0);
    assert_exact("maybe_empty value", v, 2.25);
    assert_exact("maybe_empty jvp", dv, 3.0);
    let (gx, gy, ga) = maybe_empty_grad(&[], &[2.0], 1.5);
    assert!(gx.is_empty());
    assert_eq!(gy, vec![6.0]);
    assert_exact("maybe_empty d/da (y = [2])", ga, 7.0);
    let (_, pb) = maybe_empty_vjp(&[1.0, 2.0], &[], 0.5);
    let (gx, gy, ga) = pb(2.0);
    assert_eq!(gx, vec![1.0, 1.0]);
    assert!(gy.is_empty());
    assert_exact("maybe_empty d/da (x = [1, 2])", ga, 2.0 * (1.0 + 3.0));
}

/// Zero-length `Vec` result.
#[differentiable]
fn squares(x: &[f64]) -> Vec<f64> {
    let mut out = x.to_vec();
    for i in 0..out.len() {
        out[i] = x[i] * x[i];
    }
    out
}

#[test]
fn zero_length_vec_result() {
    let (y, pb) = squares_vjp(&[]);
    assert!(y.is_empty());
    assert!(pb(vec![]).is_empty());
    let (y, dy) = squares_jvp(&[], &[]);
    assert!(y.is_empty() && dy.is_empty());
    let (_, pb) = squares_vjp(&[3.0, -1.0]);
    assert_eq!(pb(vec![1.0, 2.0]), vec![6.0, -4.0]);
}

/// The same element read many times in one expression and across statements:
/// f = x0³ + x1 x0 + sin x0 + x0 x0 x1, df/dx0 = 3x0² + x1 + cos x0 + 2 x0 x1.
#[differentiable]
fn repeated_reads(x: &[f64]) -> f64 {
    let a = x[0] * x[0] * x[0] + x[1] * x[0];
    let b = x[0].sin() + x[0] * x[0] * x[1];
    a + b
}

#[test]
fn repeated_reads_of_one_element() {
    let x = [0.7, -1.3];
    let g = repeated_reads_grad(&x);
    let want = [
        3.0 * x[0] * x[0] + x[1] + x[0].cos() + 2.0 * x[0] * x[1],
        x[0] + x[0] * x[0],
    ];
    assert_all_close("repeated_reads analytic", &g, &want, 1e-15);
    let ad = Ad::new(
        "repeated_reads",
        |p| vec![repeated_reads(p)],
        |p, t| {
            let (y, dy) = repeated_reads_jvp(p, t);
            (vec![y], vec![dy])
        },
        |p, w| {
            let (y, pb) = repeated_reads_vjp(p);
            (vec![y], pb(w[0]))
        },
    );
    ad.check(&[&x, &[-2.0, 0.5]]);
}

/// One element overwritten several times in each loop step, read after each write, and
/// updated with `+=` reading itself; the old values must be restored in reverse order.
#[differentiable]
fn overwrite_chain(x: &[f64], steps: usize) -> f64 {
    let mut u = x.to_vec();
    let mut s = 0.0;
    for _ in 0..steps {
        u[0] *= u[1];
        s += u[0];
        u[0] = u[0].sin() + x[2];
        s += u[0] * u[0];
        u[0] += u[0] * u[2];
        u[1] = 0.5 * u[1] + 0.1 * u[0];
        s += u[1] * u[0];
    }
    s + u[0] + u[1]
}

/// Reading a slot right after writing it in the same statement sequence, with a computed
/// index equal to the written one.
#[differentiable]
fn write_then_read(x: &[f64]) -> f64 {
    let n = x.len();
    let mut u = vec![0.0; n];
    let mut s = 0.0;
    for i in 0..n {
        u[i] = x[i] * x[i];
        let k = (i + n) % n;
        s += u[k] * x[(i + 1) % n];
        u[k] += s;
        s += u[i];
    }
    s
}

#[test]
fn overwrites_and_reads_after_writes() {
    let x = [0.6, 0.9, -0.4];
    for steps in [0, 1, 3, 10] {
        let ad = Ad::new(
            "overwrite_chain",
            move |p| vec![overwrite_chain(p, steps)],
            move |p, t| {
                let (y, dy) = overwrite_chain_jvp(p, steps, t);
                (vec![y], vec![dy])
            },
            move |p, w| {
                let (y, pb) = overwrite_chain_vjp(p, steps);
                (vec![y], pb(w[0]))
            },
        );
        ad.check(&[&x]);
    }
    // One step by hand: u0' = sin(x0 x1) + x2, u0'' = u0'(1 + x2),
    // u1' = x1/2 + u0''/10, s = x0 x1 + u0'² + u1' u0'', f = s + u0'' + u1'.
    let (x0, x1, x2) = (x[0], x[1], x[2]);
    let f = |x0: f64, x1: f64, x2: f64| {
        let a = (x0 * x1).sin() + x2;
        let b = a * (1.0 + x2);
        let c = 0.5 * x1 + 0.1 * b;
        x0 * x1 + a * a + c * b + b + c
    };
    assert_close(
        "overwrite_chain one step value",
        overwrite_chain(&x, 1),
        f(x0, x1, x2),
        1e-15,
    );
    let ad = Ad::new(
        "write_then_read",
        |p| vec![write_then_read(p)],
        |p, t| {
            let (y, dy) = write_then_read_jvp(p, t);
            (vec![y], vec![dy])
        },
        |p, w| {
            let (y, pb) = write_then_read_vjp(p);
            (vec![y], pb(w[0]))
        },
    );
    ad.check(&[&x, &[1.0, 2.0, 3.0, 4.0]]);
}

/// Maximum by `fold(f64::NEG_INFINITY, f64::max)`: the gradient picks the maximum; at a tie,
/// each `max` splits its cotangent evenly between its two arguments (the scalar convention).
#[differentiable]
fn fold_max(x: &[f64]) -> f64 {
    x.iter().copied().fold(f64::NEG_INFINITY, f64::max)
}

#[test]
fn fold_max_and_ties() {
    assert_eq!(fold_max_grad(&[1.0, 3.0, 2.0]), vec![0.0, 1.0, 0.0]);
    // Left-to-right fold: max(max(max(-inf, a), b), c) with a = b = c splits 1 as ¼, ¼, ½.
    assert_eq!(fold_max_grad(&[2.0, 2.0, 2.0]), vec![0.25, 0.25, 0.5]);
    assert_eq!(fold_max_grad(&[2.0, 5.0, 5.0]), vec![0.0, 0.5, 0.5]);
    assert_eq!(fold_max_grad(&[5.0, 5.0, 1.0]), vec![0.5, 0.5, 0.0]);
    // Forward mode follows the same convention: the tangent is the same weighted average.
    let (y, dy) = fold_max_jvp(&[2.0, 2.0, 2.0], &[1.0, 2.0, 4.0]);
    assert_exact("fold_max tie value", y, 2.0);
    assert_exact("fold_max tie jvp", dy, 0.25 + 0.5 + 2.0);
    // Empty: -inf, no gradient.
    assert_eq!(fold_max(&[]), f64::NEG_INFINITY);
    assert!(fold_max_grad(&[]).is_empty());
    let ad = Ad::new(
        "fold_max",
        |p| vec![fold_max(p)],
        |p, t| {
            let (y, dy) = fold_max_jvp(p, t);
            (vec![y], vec![dy])
        },
        |p, w| {
            let (y, pb) = fold_max_vjp(p);
            (vec![y], pb(w[0]))
        },
    );
    ad.check(&[&[0.1, -0.5, 0.3, 0.2]]);
    // The dot-product test holds at ties too (same convention in both modes).
    ad.check_dot(&[&[1.0, 1.0, 1.0, 0.0], &[0.0, 2.0, 2.0]], 1e-12);
}

/// Newton's method for square roots, element by element, with a data-dependent `while`
/// loop per element: d sqrt(a)/da = 1 / (2 sqrt a).
#[differentiable]
fn sqrt_all(a: &[f64]) -> Vec<f64> {
    let mut y = a.to_vec();
    for i in 0..a.len() {
        let mut it = 0;
        while (y[i] * y[i] - a[i]).abs() > 1e-13 * a[i] && it < 100 {
            y[i] = 0.5 * (y[i] + a[i] / y[i]);
            it += 1;
        }
    }
    y
}

/// A Newton iteration on a whole vector: solve x_i + t x_i³ = b_i for all i together, stopping
/// when the largest residual is small.
#[differentiable]
fn cubic_solve(b: &[f64], t: f64) -> f64 {
    let n = b.len();
    let mut x = b.to_vec();
    let mut res: f64 = 1.0;
    while res > 1e-14 {
        res = 0.0;
        for i in 0..n {
            let r = x[i] + t * x[i] * x[i] * x[i] - b[i];
            x[i] -= r / (1.0 + 3.0 * t * x[i] * x[i]);
            res = res.max(r.abs());
        }
    }
    let mut s = 0.0;
    for i in 0..n {
        s += x[i] * (i + 1) as f64;
    }
    s
}

#[test]
fn newton_while_loops_over_slices() {
    let a = [0.25, 2.0, 9.0, 1e-3];
    let (y, pb) = sqrt_all_vjp(&a);
    for i in 0..4 {
        assert_close("sqrt_all value", y[i], a[i].sqrt(), 1e-14);
    }
    let g = pb(vec![1.0; 4]);
    let want: Vec<f64> = a.iter().map(|v| 0.5 / v.sqrt()).collect();
    assert_all_close("sqrt_all pullback", &g, &want, 1e-10);
    let (_, jv) = sqrt_all_jvp(&a, &[1.0, 0.0, 2.0, 0.0]);
    assert_all_close(
        "sqrt_all jvp",
        &jv,
        &[want[0], 0.0, 2.0 * want[2], 0.0],
        1e-10,
    );
    // cubic_solve: the implicit function theorem gives dx_i/db_i = 1/(1 + 3 t x_i²),
    // dx_i/dt = -x_i³/(1 + 3 t x_i²).
    let b = [0.5, -1.0, 2.0];
    let t = 0.3;
    let (gb, gt) = cubic_solve_grad(&b, t);
    let mut x = b.to_vec();
    for _ in 0..100 {
        for xi in x.iter_mut().zip(&b) {
            let (v, bi) = xi;
            *v -= (*v + t * v.powi(3) - bi) / (1.0 + 3.0 * t * *v * *v);
        }
    }
    let want_b: Vec<f64> = (0..3)
        .map(|i| (i + 1) as f64 / (1.0 + 3.0 * t * x[i] * x[i]))
        .collect();
    let want_t: f64 = (0..3)
        .map(|i| -((i + 1) as f64) * x[i].powi(3) / (1.0 + 3.0 * t * x[i] * x[i]))
        .sum();
    assert_all_close("cubic_solve d/db", &gb, &want_b, 1e-10);
    assert_close("cubic_solve d/dt", gt, want_t, 1e-10);
    let ad = Ad::new(
        "cubic_solve",
        |p| vec![cubic_solve(&p[..3], p[3])],
        |p, d| {
            let (y, dy) = cubic_solve_jvp(&p[..3], p[3], &d[..3], d[3]);
            (vec![y], vec![dy])
        },
        |p, w| {
            let (y, pb) = cubic_solve_vjp(&p[..3], p[3]);
            let (gb, gt) = pb(w[0]);
            (vec![y], cat(&[&gb, &[gt]]))
        },
    );
    ad.check_values(&[&cat(&[&b, &[t]])]);
    ad.check_fd(&[&cat(&[&b, &[t]])], 1e-6, 1e-6);
    ad.check_dot(&[&cat(&[&b, &[t]])], 1e-12);
}

// ------------------------------------------------------------------- explicit f32 functions

/// f32 slice and array arguments: f = Σ_i p_{i mod 3} x_i².
#[differentiable]
fn f32_weighted(x: &[f32], p: [f32; 3]) -> f32 {
    let mut s = 0.0;
    for (i, v) in x.iter().enumerate() {
        s += p[i % 3] * v * v;
    }
    s
}

#[test]
fn f32_slice_and_array() {
    let x = [0.5f32, -1.5, 2.0, 0.25, 1.0];
    let p = [1.0f32, 2.0, 3.0];
    let (gx, gp) = f32_weighted_grad(&x, p);
    let want_x: Vec<f64> = (0..5)
        .map(|i| 2.0 * p[i % 3] as f64 * x[i] as f64)
        .collect();
    let mut want_p = [0.0f64; 3];
    for i in 0..5 {
        want_p[i % 3] += (x[i] as f64).powi(2);
    }
    assert_f32_close("f32_weighted d/dx", &gx, &want_x, 1e-6);
    assert_f32_close("f32_weighted d/dp", &gp, &want_p, 1e-6);
    let dx = [0.1f32, 0.2, -0.3, 0.4, 0.5];
    let dp = [1.0f32, -1.0, 0.5];
    let (_, jv) = f32_weighted_jvp(&x, p, &dx, dp);
    let want = dot(&to64(&gx), &to64(&dx)) + dot(&to64(&gp), &to64(&dp));
    assert_close("f32_weighted jvp", jv as f64, want, 1e-5);
}

// --------------------------------------------------------------------- generic at both types

/// A generic function over a slice: log-sum-exp with the max shift, and a weighted tail.
#[differentiable]
fn lse<T: Real>(x: &[T], a: T) -> T {
    let mut m = x[0];
    for i in 1..x.len() {
        m = T::max(m, x[i]);
    }
    let mut z = T::zero();
    for &v in x.iter() {
        z += (v - m).exp();
    }
    m + z.ln() + a * x[x.len() - 1]
}

#[test]
fn generic_lse_at_f64_and_f32() {
    let x = [0.3, -1.0, 2.0, 0.7, 1.1];
    let a = 0.5;
    let (gx, ga) = lse_grad(&x, a);
    let z: f64 = x.iter().map(|v: &f64| v.exp()).sum();
    let mut want: Vec<f64> = x.iter().map(|v: &f64| v.exp() / z).collect();
    want[4] += a;
    assert_all_close("lse d/dx", &gx, &want, 1e-14);
    assert_close("lse d/da", ga, x[4], 1e-15);
    let ad = Ad::new(
        "lse",
        |p| vec![lse(&p[..5], p[5])],
        |p, d| {
            let (y, dy) = lse_jvp(&p[..5], p[5], &d[..5], d[5]);
            (vec![y], vec![dy])
        },
        |p, w| {
            let (y, pb) = lse_vjp(&p[..5], p[5]);
            let (g, ga) = pb(w[0]);
            (vec![y], cat(&[&g, &[ga]]))
        },
    );
    ad.check(&[&cat(&[&x, &[a]])]);
    let (gx32, ga32) = lse_grad(&to32(&x), a as f32);
    assert_f32_close("lse f32 d/dx", &gx32, &gx, 1e-5);
    assert_close("lse f32 d/da", ga32 as f64, ga, 1e-6);
    let v = to32(&[0.1, 0.2, 0.3, -0.4, 0.5]);
    let (_, jv) = lse_jvp(&to32(&x), a as f32, &v, 1.0);
    let (_, pb) = lse_vjp(&to32(&x), a as f32);
    let (vw, va) = pb(1.0);
    let mut vv = v.clone();
    vv.push(1.0);
    let mut g = vw.clone();
    g.push(va);
    assert_dot32("lse f32", &[jv], &[1.0], &vv, &g, 1e-5);
}
