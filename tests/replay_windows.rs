//! Counted loops whose pullback indexes through windows: slices of exactly the loop's trip
//! count (reads of arrays the loop leaves alone, and the adjoints' cells), indexed by the
//! iteration number when the loop's integers can be recomputed before it, and by the index
//! itself otherwise. Each function is checked against central differences (h = 1e-6, relative
//! 1e-6), forward against reverse (1e-12), and against a version whose pullback cannot use
//! windows (an index that is not the counter plus a constant), which must give the same
//! gradient to 1e-13. In debug builds the generated code also asserts that every windowed
//! index is the first iteration's plus the iteration number.
// Generated code uses no `unsafe`: windows are safe slices and cells.
#![forbid(unsafe_code)]
#![allow(clippy::needless_range_loop)]

mod common;
use common::{assert_all_close, assert_close, fd_grad, Rng, DOT_TOL, FD_TOL};
use oxidiff::{differentiable, Real};

/// Starts where only the function knows (`s0` is a local assigned twice, which the pullback
/// does not recompute): its windows are indexed by the index itself.
#[differentiable]
fn from_local_start<T: Real>(x: &[T]) -> T {
    let mut s0 = 0;
    s0 += x.len() / 3;
    let mut acc = T::zero();
    for i in s0..x.len() - 1 {
        acc += x[i] * x[i + 1] + (x[i] - x[i + 1]).powi(2);
    }
    acc
}

/// The same sum from a start the pullback recomputes (`lo` is a parameter): windows indexed
/// by the iteration number.
#[differentiable]
fn from_param_start<T: Real>(x: &[T], lo: usize) -> T {
    let mut acc = T::zero();
    for i in lo..x.len() - 1 {
        acc += x[i] * x[i + 1] + (x[i] - x[i + 1]).powi(2);
    }
    acc
}

/// Reference: `x[i + 1]` read through an index the analysis does not see through (`min`), so
/// the adjoint of `x` is updated by checked indexing.
#[differentiable]
fn reference(x: &[f64], lo: usize) -> f64 {
    let mut acc = 0.0;
    for i in lo..x.len() - 1 {
        let j = (i + 1).min(x.len() - 1);
        acc += x[i] * x[j] + (x[i] - x[j]).powi(2);
    }
    acc
}

/// A local array written at `i` (its adjoint is taken through a window) from reads of the
/// argument at `r * n + i - 1`, `r * n + i`, `r * n + i + 1` (a register window whose top goes
/// through cells) and at `(r + 1) * n + i` (another window of the same adjoint's cells).
#[differentiable]
fn rows(x: &[f64], n: usize) -> f64 {
    let m = x.len() / n;
    let mut y = vec![0.0; x.len()];
    for r in 0..m - 1 {
        for i in 1..n - 1 {
            y[r * n + i] =
                x[r * n + i - 1] * x[r * n + i + 1] - x[r * n + i].sin() + 0.5 * x[(r + 1) * n + i];
        }
    }
    let mut e = 0.0;
    for k in 0..y.len() {
        e += y[k] * y[k] * (1.0 + k as f64 * 0.01);
    }
    e
}

/// The same with the row above read at an index the analysis does not see through.
#[differentiable]
fn rows_reference(x: &[f64], n: usize) -> f64 {
    let m = x.len() / n;
    let mut y = vec![0.0; x.len()];
    for r in 0..m - 1 {
        for i in 1..n - 1 {
            let below = ((r + 1) * n + i).min(x.len() - 1);
            y[r * n + i] =
                x[r * n + i - 1] * x[r * n + i + 1] - x[r * n + i].sin() + 0.5 * x[below];
        }
    }
    let mut e = 0.0;
    for k in 0..y.len() {
        e += y[k] * y[k] * (1.0 + k as f64 * 0.01);
    }
    e
}

/// A fixed-size array argument and a local array of fixed size, written and read back.
#[differentiable]
fn fixed(x: [f64; 6], c: f64) -> f64 {
    let mut y = [0.0; 6];
    for i in 1..5 {
        y[i] = c * x[i - 1] - x[i] * x[i + 1];
    }
    let mut e = 0.0;
    for i in 0..6 {
        e += y[i] * y[i] + x[i] * c;
    }
    e
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(p, q)| p * q).sum()
}

#[test]
fn windows_indexed_by_iteration_or_by_index() {
    let mut rng = Rng::new(11);
    for len in [2, 3, 4, 5, 9, 17] {
        let x = rng.vec(len);
        let lo = len / 3;
        let g_local = from_local_start_grad(&x);
        let g_param = from_param_start_grad(&x, lo);
        let g_ref = reference_grad(&x, lo);
        assert_all_close(&format!("local start, n = {len}"), &g_local, &g_ref, 1e-13);
        assert_all_close(&format!("param start, n = {len}"), &g_param, &g_ref, 1e-13);
        let fd = fd_grad(&|x| from_param_start(x, lo), &x);
        assert_all_close(&format!("differences, n = {len}"), &g_param, &fd, FD_TOL);
        let v = rng.vec(len);
        let (_, t) = from_local_start_jvp(&x, &v);
        assert_close("dot test", t, dot(&v, &g_local), DOT_TOL);
        let (_, t) = from_param_start_jvp(&x, lo, &v);
        assert_close("dot test", t, dot(&v, &g_param), DOT_TOL);
        // f32 through the same generic code.
        let x32: Vec<f32> = x.iter().map(|&v| v as f32).collect();
        let g32 = from_param_start_grad(&x32, lo);
        for (a, b) in g32.iter().zip(&g_ref) {
            assert_close("f32", *a as f64, *b, 1e-4);
        }
    }
}

#[test]
fn stores_and_two_windows_of_one_adjoint() {
    let mut rng = Rng::new(12);
    for (n, m) in [(3, 2), (3, 4), (4, 3), (7, 5)] {
        let x = rng.vec(n * m);
        let g = rows_grad(&x, n);
        let g_ref = rows_reference_grad(&x, n);
        assert_all_close(&format!("{n}x{m} against reference"), &g, &g_ref, 1e-13);
        let fd = fd_grad(&|x| rows(x, n), &x);
        assert_all_close(&format!("{n}x{m} differences"), &g, &fd, FD_TOL);
        let v = rng.vec(n * m);
        let (_, t) = rows_jvp(&x, n, &v);
        assert_close("dot test", t, dot(&v, &g), DOT_TOL);
    }
}

#[test]
fn fixed_size_arrays() {
    let mut rng = Rng::new(13);
    let v = rng.vec(7);
    let x: [f64; 6] = v[..6].try_into().unwrap();
    let c = v[6];
    let (gx, gc) = fixed_grad(x, c);
    let fd = fd_grad(&|w| fixed(w[..6].try_into().unwrap(), w[6]), &v);
    let mut got = gx.to_vec();
    got.push(gc);
    assert_all_close("fixed vs differences", &got, &fd, FD_TOL);
    let t = rng.vec(7);
    let (_, jt) = fixed_jvp(x, c, t[..6].try_into().unwrap(), t[6]);
    assert_close("fixed dot test", jt, dot(&t, &got), DOT_TOL);
}

#[derive(Clone, Debug, oxidiff::Differentiable)]
struct Linear {
    w: Vec<f64>,
    b: f64,
    #[no_grad]
    scale: f64,
}

/// Fields of a struct argument in a counted loop: `f_grad` re-reads `p.w[i]` and `p.b` (through
/// a window) and recomputes `r`; `f_vjp`'s pullback, which cannot borrow `p`, saves them.
#[differentiable]
fn linear(p: &Linear, x: &[f64], y: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in 0..x.len() {
        let r = p.w[i] * x[i] + p.b - y[i];
        s += r * r * p.scale + (p.w[i] * p.b).sin();
    }
    s
}

#[test]
fn struct_fields_re_read_or_saved() {
    let mut rng = Rng::new(14);
    for n in [1, 2, 5, 11] {
        let p = Linear {
            w: rng.vec(n),
            b: 0.3,
            scale: 1.7,
        };
        let (x, y) = (rng.vec(n), rng.vec(n));
        let (gp, gx, gy) = linear_grad(&p, &x, &y);
        let (_, pb) = linear_vjp(&p, &x, &y);
        let (vp, vx, vy) = pb(1.0);
        assert_eq!(gp.w, vp.w, "grad and vjp, n = {n}");
        assert_eq!((gp.b, &gx, &gy), (vp.b, &vx, &vy), "grad and vjp, n = {n}");
        // Analytic: with r = w x + b − y, ∂/∂w = 2 r x s + cos(w b) b, ∂/∂b = Σ 2 r s + cos(w b) w,
        // ∂/∂x = 2 r w s, ∂/∂y = −2 r s.
        let s = p.scale;
        let r: Vec<f64> = (0..n).map(|i| p.w[i] * x[i] + p.b - y[i]).collect();
        let ww: Vec<f64> = (0..n)
            .map(|i| 2.0 * r[i] * x[i] * s + (p.w[i] * p.b).cos() * p.b)
            .collect();
        let wb: f64 = (0..n)
            .map(|i| 2.0 * r[i] * s + (p.w[i] * p.b).cos() * p.w[i])
            .sum();
        assert_all_close("d/dw", &gp.w, &ww, 1e-14);
        assert_close("d/db", gp.b, wb, 1e-14);
        let wx: Vec<f64> = (0..n).map(|i| 2.0 * r[i] * p.w[i] * s).collect();
        let wy: Vec<f64> = (0..n).map(|i| -2.0 * r[i] * s).collect();
        assert_all_close("d/dx", &gx, &wx, 1e-14);
        assert_all_close("d/dy", &gy, &wy, 1e-14);
    }
}
