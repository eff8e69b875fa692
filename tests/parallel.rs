//! Reductions written as rayon chains (`(a..b).into_par_iter().map(..).sum()`,
//! `x.par_iter().zip(y).map(..).sum()`): the primal runs as written, in parallel; the pullback
//! replays the loop on one range of iterations per thread where its adjoint has the shape that
//! allows it (each array adjoint through one window, outer scalars summed or passed through),
//! and on one thread otherwise. Each gradient is checked against the same function written as a
//! sequential loop (relative 1e-12: the same arithmetic, summed in another order), against
//! analytic forms, against central differences, and forward against reverse; at sizes that use
//! one range and several, with a fresh adjoint and one that already holds cotangents.
// Generated code uses no `unsafe`.
#![forbid(unsafe_code)]
#![allow(clippy::needless_range_loop)]

mod common;
use common::{assert_all_close, assert_close, fd_grad, Rng, DOT_TOL, FD_TOL};
use oxidiff::{differentiable, Differentiable};
use rayon::prelude::*;

/// Sizes: one range (below the threshold for a second thread), and several with a ragged end.
const SIZES: [usize; 3] = [7, 40_000, 100_003];

#[differentiable(check(len = 6))]
fn rosen_par(x: &[f64]) -> f64 {
    (0..x.len() - 1)
        .into_par_iter()
        .map(|i| 100.0 * (x[i + 1] - x[i] * x[i]).powi(2) + (1.0 - x[i]).powi(2))
        .sum::<f64>()
}

#[differentiable]
fn rosen_seq(x: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in 0..x.len() - 1 {
        s += 100.0 * (x[i + 1] - x[i] * x[i]).powi(2) + (1.0 - x[i]).powi(2);
    }
    s
}

fn rosen_grad_analytic(x: &[f64]) -> Vec<f64> {
    let n = x.len();
    let mut g = vec![0.0; n];
    for i in 0..n - 1 {
        let d = x[i + 1] - x[i] * x[i];
        g[i] += -400.0 * d * x[i] - 2.0 * (1.0 - x[i]);
        g[i + 1] += 200.0 * d;
    }
    g
}

#[test]
fn rosenbrock_par_matches_sequential_and_analytic() {
    let mut rng = Rng::new(11);
    for n in SIZES {
        let x: Vec<f64> = rng.vec(n).iter().map(|v| 2.0 * v - 1.0).collect();
        let g = rosen_par_grad(&x);
        assert_eq!(g.len(), n);
        assert_all_close("grad vs sequential", &g, &rosen_seq_grad(&x), 1e-12);
        assert_all_close("grad vs analytic", &g, &rosen_grad_analytic(&x), 1e-12);
        let (v, g2) = rosen_par_value_and_grad(&x);
        assert_close("value", v, rosen_seq(&x), 1e-12);
        assert_close("value vs primal", v, rosen_par(&x), 1e-12);
        assert_all_close("value_and_grad", &g2, &g, 0.0);
        // The pullback with a cotangent other than one.
        let (_, pb) = rosen_par_vjp(&x);
        let g3 = pb(-2.5);
        let want: Vec<f64> = g.iter().map(|v| -2.5 * v).collect();
        assert_all_close("vjp(-2.5)", &g3, &want, 1e-12);
        // Forward against reverse.
        let dx = rng.vec(n);
        let (_, jv) = rosen_par_jvp(&x, &dx);
        let dot: f64 = g.iter().zip(&dx).map(|(a, b)| a * b).sum();
        assert_close("<jvp, 1> vs <dx, grad>", jv, dot, DOT_TOL);
    }
}

#[test]
fn rosenbrock_par_against_central_differences() {
    let mut rng = Rng::new(5);
    let x: Vec<f64> = rng.vec(9).iter().map(|v| 2.0 * v - 1.0).collect();
    let fd = fd_grad(&|x| rosen_par(x), &x);
    assert_all_close(
        "grad vs central differences",
        &rosen_par_grad(&x),
        &fd,
        FD_TOL,
    );
}

/// `Σ sin(x_i)` over `par_iter()`: the gradient is `cos(x)`.
#[differentiable]
fn sin_sum(x: &[f64]) -> f64 {
    x.par_iter().map(|v| v.sin()).sum()
}

/// `c Σ w_i x_i` over a zip: the adjoint of the outer scalar `c` sums over the iterations
/// (a partial sum per thread), those of `w` and `x` go through a window each.
#[differentiable]
fn scaled_dot(w: &[f64], x: &[f64], c: f64) -> f64 {
    w.par_iter()
        .zip(x.par_iter())
        .map(|(a, b)| c * a * b)
        .sum::<f64>()
}

#[test]
fn iterator_sources_and_outer_scalars() {
    let mut rng = Rng::new(3);
    for n in SIZES {
        let x = rng.vec(n);
        let w = rng.vec(n);
        let want: Vec<f64> = x.iter().map(|v| v.cos()).collect();
        assert_all_close("d/dx Σ sin x", &sin_sum_grad(&x), &want, 1e-14);
        let c = 0.7;
        let (gw, gx, gc) = scaled_dot_grad(&w, &x, c);
        let cx: Vec<f64> = x.iter().map(|v| c * v).collect();
        let cw: Vec<f64> = w.iter().map(|v| c * v).collect();
        assert_all_close("d/dw", &gw, &cx, 1e-14);
        assert_all_close("d/dx", &gx, &cw, 1e-14);
        let dot: f64 = w.iter().zip(&x).map(|(a, b)| a * b).sum();
        assert_close("d/dc", gc, dot, 1e-12);
    }
}

/// The replay adds to a gradient that already holds cotangents (`x[0]²`, whose adjoint runs
/// first): the threads add to the elements instead of writing them.
#[differentiable]
fn with_prior_cotangent(x: &[f64]) -> f64 {
    let s: f64 = (0..x.len() - 1)
        .into_par_iter()
        .map(|i| x[i] * x[i + 1])
        .sum();
    let a = x[0] * x[0] + x[x.len() - 1];
    s + a
}

#[test]
fn adds_to_an_adjoint_holding_values() {
    let mut rng = Rng::new(9);
    for n in SIZES {
        let x = rng.vec(n);
        let mut want = vec![0.0; n];
        for i in 0..n - 1 {
            want[i] += x[i + 1];
            want[i + 1] += x[i];
        }
        want[0] += 2.0 * x[0];
        want[n - 1] += 1.0;
        assert_all_close("grad", &with_prior_cotangent_grad(&x), &want, 1e-14);
    }
}

#[derive(Clone, Debug, Differentiable)]
struct Weights {
    w: Vec<f64>,
}

/// A struct's array field as the source: its adjoint's field is a window too.
#[differentiable]
fn field_sum(p: &Weights, x: &[f64]) -> f64 {
    p.w.par_iter()
        .zip(x.par_iter())
        .map(|(a, b)| 0.5 * (a - b) * (a - b))
        .sum::<f64>()
}

#[test]
fn struct_fields() {
    let mut rng = Rng::new(21);
    for n in SIZES {
        let p = Weights { w: rng.vec(n) };
        let x = rng.vec(n);
        let (gp, gx) = field_sum_grad(&p, &x);
        let want_w: Vec<f64> = (0..n).map(|i| p.w[i] - x[i]).collect();
        let want_x: Vec<f64> = (0..n).map(|i| x[i] - p.w[i]).collect();
        assert_all_close("d/dw", &gp.w, &want_w, 1e-13);
        assert_all_close("d/dx", &gx, &want_x, 1e-13);
    }
}

/// Shapes the parallel replay does not take (a product: its adjoint is not passed through
/// unchanged; an index whose pullback is not a window) replay on one thread, with the same
/// gradients.
#[differentiable]
fn par_product(x: &[f64]) -> f64 {
    x.par_iter().map(|v| 1.0 + 0.001 * v).product::<f64>()
}

#[differentiable]
fn gathered(x: &[f64], idx: &[usize]) -> f64 {
    (0..idx.len())
        .into_par_iter()
        .map(|k| x[idx[k]] * x[idx[k]])
        .sum::<f64>()
}

#[test]
fn other_shapes_replay_on_one_thread() {
    let mut rng = Rng::new(4);
    for n in SIZES {
        let x = rng.vec(n);
        let p: f64 = x.iter().map(|v| 1.0 + 0.001 * v).product();
        let want: Vec<f64> = x.iter().map(|v| p * 0.001 / (1.0 + 0.001 * v)).collect();
        assert_all_close("d/dx Π", &par_product_grad(&x), &want, 1e-11);
        let idx: Vec<usize> = (0..n).map(|k| (k * 7 + 3) % n).collect();
        let mut want = vec![0.0; n];
        for &i in &idx {
            want[i] += 2.0 * x[i];
        }
        assert_all_close("gather", &gathered_grad(&x, &idx), &want, 1e-14);
    }
}

/// Second order goes through the sequential dual twin.
#[test]
fn hessian_of_a_parallel_sum() {
    let mut rng = Rng::new(8);
    let x: Vec<f64> = rng.vec(5).iter().map(|v| 2.0 * v - 1.0).collect();
    let h = rosen_par_hessian(&x);
    let hs = rosen_seq_hessian(&x);
    for (a, b) in h.iter().zip(&hs) {
        assert_all_close("hessian row", a, b, 1e-12);
    }
    // Analytic: diagonal 1200 x_i^2 - 400 x_{i+1} + 2 (+200 below the first), off-diagonal -400 x_i.
    assert_close(
        "H[0][0]",
        h[0][0],
        1200.0 * x[0] * x[0] - 400.0 * x[1] + 2.0,
        1e-12,
    );
    assert_close("H[0][1]", h[0][1], -400.0 * x[0], 1e-12);
    let v = rng.vec(5);
    let hv = rosen_par_hvp(&x, &v);
    let want: Vec<f64> = h
        .iter()
        .map(|r| r.iter().zip(&v).map(|(a, b)| a * b).sum())
        .collect();
    assert_all_close("hvp", &hv, &want, 1e-12);
}

/// Chains over index ranges without rayon: `(a..b).map(|i| ..)` with `sum`, `product` and
/// `fold`, reading active scalars and arrays at computed indices.
#[differentiable]
fn range_chains(x: &[f64], c: f64) -> f64 {
    let n = x.len();
    let ring: f64 = (0..n).map(|i| x[i] * x[(i + 1) % n]).sum();
    let ramp = (1..4).map(|k| c * k as f64).product::<f64>();
    let top = (0..n).map(|i| x[i] * c).fold(f64::MIN, f64::max);
    ring + ramp + top
}

#[test]
fn sequential_range_chains() {
    let mut rng = Rng::new(13);
    let x = rng.vec(6);
    let c = 0.8;
    let (gx, gc) = range_chains_grad(&x, c);
    let n = x.len();
    let k = (0..n)
        .max_by(|&a, &b| (x[a] * c).total_cmp(&(x[b] * c)))
        .unwrap();
    let mut want = vec![0.0; n];
    for i in 0..n {
        want[i] += x[(i + 1) % n] + x[(i + n - 1) % n];
    }
    want[k] += c;
    assert_all_close("d/dx", &gx, &want, 1e-14);
    // ramp = c·2c·3c = 6c³.
    assert_close("d/dc", gc, 18.0 * c * c + x[k], 1e-14);
    let fd = fd_grad(&|x| range_chains(x, c), &x);
    assert_all_close("d/dx vs central differences", &gx, &fd, FD_TOL);
}

#[differentiable]
fn sq_par(x: &[f64]) -> f64 {
    x.par_iter().map(|v| v * v).sum::<f64>()
}

/// A fresh gradient written in one pass reads `0.0` where nothing was added, as an add to a
/// zeroed buffer does (`-0.0 + 0.0`): the same bits as the sequential pullback.
#[test]
fn no_negative_zeros() {
    for n in SIZES {
        let x: Vec<f64> = (0..n).map(|i| [-0.0, 1.0, 0.0][i % 3]).collect();
        let g = sq_par_grad(&x);
        for (i, v) in g.iter().enumerate() {
            let want = 2.0 * x[i] + 0.0;
            assert_eq!(v.to_bits(), want.to_bits(), "n {n}, element {i}: {v:?}");
        }
    }
}

/// Integer reductions over ranges stay as written (no derivative flows through them), whether
/// the turbofish or a `let` gives their type; float ones over `a..=b` and a bare range's `fold`
/// are differentiated.
#[differentiable]
fn index_reductions(x: &[f64], n: usize) -> f64 {
    let total: usize = (0..n).map(|i| i * 2).sum();
    let squares = (0..n).map(|i| i * i).sum::<usize>();
    let fact = (1..5u64).product::<u64>();
    let tail: f64 = (1..=n).into_par_iter().map(|i| x[i] * x[i]).sum();
    let folded = (0..n).fold(0.0, |acc, i| acc + x[i] * x[i + 1]);
    x[0] * (total + squares + fact as usize) as f64 + tail + folded
}

#[test]
fn integer_and_inclusive_range_reductions() {
    let mut rng = Rng::new(17);
    let n = 4;
    let x = rng.vec(n + 2);
    let g = index_reductions_grad(&x, n);
    // total = 12, squares = 14, fact = 24.
    let mut want = vec![0.0; n + 2];
    want[0] += 50.0;
    for i in 1..=n {
        want[i] += 2.0 * x[i];
    }
    for i in 0..n {
        want[i] += x[i + 1];
        want[i + 1] += x[i];
    }
    assert_all_close("grad", &g, &want, 1e-14);
}

/// Elementary functions whose values the pullback needs (`exp`, `tanh`, `ln`): recomputed in
/// the parallel replay from the arrays, not saved per iteration.
#[differentiable]
fn smooth_loss(w: &[f64], x: &[f64]) -> f64 {
    w.par_iter()
        .zip(x.par_iter())
        .map(|(a, b)| (1.0 + (a * b).exp()).ln() + (a - b).tanh())
        .sum::<f64>()
}

#[test]
fn recomputed_elementary_functions() {
    let mut rng = Rng::new(23);
    for n in SIZES {
        let w = rng.vec(n);
        let x = rng.vec(n);
        let (gw, gx) = smooth_loss_grad(&w, &x);
        let sig = |t: f64| 1.0 / (1.0 + (-t).exp());
        let sech2 = |t: f64| 1.0 - t.tanh().powi(2);
        let want_w: Vec<f64> = (0..n)
            .map(|i| sig(w[i] * x[i]) * x[i] + sech2(w[i] - x[i]))
            .collect();
        let want_x: Vec<f64> = (0..n)
            .map(|i| sig(w[i] * x[i]) * w[i] - sech2(w[i] - x[i]))
            .collect();
        assert_all_close("d/dw", &gw, &want_w, 1e-13);
        assert_all_close("d/dx", &gx, &want_x, 1e-13);
        let (v, _) = smooth_loss_value_and_grad(&w, &x);
        assert_close("value", v, smooth_loss(&w, &x), 1e-12);
    }
}

/// A rayon chain inside a `#[checkpoint]` time loop: its forward sweep runs again when the
/// pullback recomputes a chunk (in parallel where the value is wanted).
#[differentiable]
fn energy_steps(u0: &[f64], steps: usize) -> f64 {
    let mut u = u0.to_vec();
    let mut e = 0.0;
    #[checkpoint]
    for _ in 0..steps {
        let s: f64 = (0..u.len() - 1)
            .into_par_iter()
            .map(|i| (u[i + 1] - u[i]).powi(2))
            .sum();
        e += s;
        for i in 0..u.len() {
            u[i] = 0.9 * u[i] + 0.01 * s.sqrt();
        }
    }
    e
}

#[differentiable]
fn energy_steps_seq(u0: &[f64], steps: usize) -> f64 {
    let mut u = u0.to_vec();
    let mut e = 0.0;
    for _ in 0..steps {
        let mut s = 0.0;
        for i in 0..u.len() - 1 {
            s += (u[i + 1] - u[i]).powi(2);
        }
        e += s;
        for i in 0..u.len() {
            u[i] = 0.9 * u[i] + 0.01 * s.sqrt();
        }
    }
    e
}

#[test]
fn chains_in_checkpointed_time_loops() {
    let mut rng = Rng::new(29);
    for n in [9, 40_000] {
        let u0 = rng.vec(n);
        let (v, g) = energy_steps_value_and_grad(&u0, 5);
        let (vs, gs) = energy_steps_seq_value_and_grad(&u0, 5);
        assert_close("value", v, vs, 1e-12);
        assert_all_close("grad", &g, &gs, 1e-11);
        assert_all_close("f_grad", &energy_steps_grad(&u0, 5), &gs, 1e-11);
    }
}

/// `zip(..).enumerate()` and `copied()` on rayon chains: the index and the elements as the
/// sequential chain binds them.
#[differentiable]
fn weighted_pairs(x: &[f64], y: &[f64]) -> f64 {
    let a = x
        .par_iter()
        .zip(y.par_iter())
        .enumerate()
        .map(|(i, (a, b))| a * b * (1.0 + (i % 7) as f64))
        .sum::<f64>();
    let b = x.par_iter().copied().map(|v| v * v * v).sum::<f64>();
    a + b
}

#[test]
fn enumerate_and_copied() {
    let mut rng = Rng::new(31);
    for n in SIZES {
        let (x, y) = (rng.vec(n), rng.vec(n));
        let (gx, gy) = weighted_pairs_grad(&x, &y);
        let w = |i: usize| 1.0 + (i % 7) as f64;
        let want_x: Vec<f64> = (0..n).map(|i| y[i] * w(i) + 3.0 * x[i] * x[i]).collect();
        let want_y: Vec<f64> = (0..n).map(|i| x[i] * w(i)).collect();
        assert_all_close("d/dx", &gx, &want_x, 1e-13);
        assert_all_close("d/dy", &gy, &want_y, 1e-13);
        let (dx, dy) = (rng.vec(n), rng.vec(n));
        let (_, jv) = weighted_pairs_jvp(&x, &y, &dx, &dy);
        let dot: f64 = (0..n).map(|i| gx[i] * dx[i] + gy[i] * dy[i]).sum();
        assert_close("<jvp> vs <grad, d>", jv, dot, DOT_TOL);
    }
}
