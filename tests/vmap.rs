//! `#[vmap]` against a loop of single calls: tensor functions (one executable through the
//! IR's batching rules), the axis options, control flow (a traced `if` and a `while` whose
//! trip count differs per example), composition with `#[differentiable]` and `#[jit]`
//! (per-example gradients, gradients of a vmapped loss), and scalar functions (a loop).

use oxidiff::xla::{Error, Result};
use oxidiff::{differentiable, jit, vmap, Tensor};

fn t(v: &[f64], shape: &[i64]) -> Tensor {
    Tensor::from_slice(v, shape).unwrap()
}

fn v(x: &Tensor) -> Vec<f64> {
    x.to_vec::<f64>().unwrap()
}

fn seq(n: usize, a: f64, b: f64) -> Vec<f64> {
    (0..n)
        .map(|i| a + b * ((i * 7 + 3) % 11) as f64 / 11.0)
        .collect()
}

fn close(a: &[f64], b: &[f64], rtol: f64, what: &str) {
    assert_eq!(a.len(), b.len(), "{what}: lengths");
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        let tol = rtol * (1.0 + x.abs().max(y.abs()));
        assert!((x - y).abs() <= tol, "{what}[{i}]: {x} vs {y}");
    }
}

/// Row `k` of a `[n, ..]` tensor.
fn row(x: &Tensor, k: i64) -> Tensor {
    let mut s = x.shape().to_vec();
    s.remove(0);
    x.slice_axis(0, k, k + 1).unwrap().reshape(&s).unwrap()
}

#[vmap(in_axes = (0, None))]
fn affine(x: &Tensor, w: &Tensor) -> Result<Tensor> {
    x.matmul(w)?.tanh()
}

#[vmap(in_axes = (1, None), out_axes = 1)]
fn scale_cols(x: &Tensor, s: &Tensor) -> Result<Tensor> {
    Ok(&(x * s) + 1.0)
}

/// A traced `if` and a data-dependent `while`, per example.
#[vmap]
fn collatz_like(x: &Tensor) -> Result<Tensor> {
    let mut y = x.clone();
    let mut steps = Tensor::scalar(0.0f64)?;
    let one = Tensor::scalar(1.0f64)?;
    while y.greater(&one)? {
        y = &y * 0.5;
        steps = &steps + 1.0;
    }
    let zero = Tensor::scalar(0.0f64)?;
    let r = if x.greater(&Tensor::scalar(4.0f64)?)? {
        &steps * 10.0
    } else {
        &steps + &zero
    };
    Ok(&r + &y)
}

#[jit]
#[differentiable]
fn loss(w: &Tensor, #[no_grad] x: &Tensor, #[no_grad] y: &Tensor) -> Result<Tensor> {
    let p = x.matmul(w)?.logistic()?;
    let e = &p - y;
    Ok(&e * &e)
}

/// Per-example gradients: vmap of grad, one executable.
#[jit]
#[vmap(in_axes = (None, 0, 0))]
fn per_example_grad(w: &Tensor, x: &Tensor, y: &Tensor) -> Result<Tensor> {
    loss_grad(w, x, y)
}

/// A per-example loss, vmapped, then averaged and differentiated: grad of vmap.
#[vmap(in_axes = (None, 0, 0))]
fn example_loss(w: &Tensor, x: &Tensor, y: &Tensor) -> Result<Tensor> {
    loss(w, x, y)
}

#[jit]
#[differentiable]
fn mean_loss(w: &Tensor, #[no_grad] xs: &Tensor, #[no_grad] ys: &Tensor) -> Result<Tensor> {
    example_loss_vmap(w, xs, ys)?.mean(&[0])
}

#[vmap]
#[differentiable]
fn rosen(x: f64, y: f64) -> f64 {
    (1.0 - x).powi(2) + 100.0 * (y - x * x).powi(2)
}

#[differentiable]
#[vmap(in_axes = (0, None))]
fn dot_with(x: &[f64], w: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in 0..x.len() {
        s += x[i] * w[i];
    }
    s
}

#[vmap]
fn rosen_grad_x(x: f64, y: f64) -> f64 {
    rosen_grad(x, y).0
}

#[test]
fn vmap_matches_a_loop_of_calls() {
    let xs = t(&seq(5 * 3, -1.0, 2.0), &[5, 3]);
    let w = t(&seq(3 * 2, -0.5, 1.0), &[3, 2]);
    let b = affine_vmap(&xs, &w).unwrap();
    assert_eq!(b.shape(), &[5, 2]);
    for k in 0..5 {
        let one = affine(&row(&xs, k), &w).unwrap();
        close(&v(&row(&b, k)), &v(&one), 1e-14, "affine row");
    }
    let ir = affine_ir(&row(&xs, 0), &w).unwrap();
    assert!(ir.contains("dot_general"));
}

#[test]
fn axes_options() {
    // Map along axis 1, results with the batch along axis 1.
    let x = t(&seq(2 * 4, -1.0, 2.0), &[2, 4]);
    let s = t(&[2.0, -1.0], &[2]);
    let b = scale_cols_vmap(&x, &s).unwrap();
    assert_eq!(b.shape(), &[2, 4]);
    let xv = v(&x);
    for j in 0..4 {
        let col = t(&[xv[j], xv[4 + j]], &[2]);
        let one = v(&scale_cols(&col, &s).unwrap());
        let bv = v(&b);
        close(&[bv[j], bv[4 + j]], &one, 1e-15, "column");
    }
}

#[test]
fn vmap_of_control_flow() {
    let xs = [0.5, 3.0, 7.0, 100.0, 1.0];
    let b = v(&collatz_like_vmap(&t(&xs, &[5])).unwrap());
    for (k, x) in xs.iter().enumerate() {
        let one = v(&collatz_like(&t(&[*x], &[])).unwrap());
        close(&[b[k]], &one, 0.0, "per-example while/if");
    }
    // Trip counts differ (0, 2, 3, 7, 0 halvings): the batched loop masks finished ones.
    assert_eq!(b[3], 70.0 + 100.0 / 128.0);
}

#[test]
fn per_example_gradients() {
    let (n, d) = (6usize, 3usize);
    let xs = t(&seq(n * d, -1.0, 2.0), &[6, 3]);
    let ys = t(&seq(n, 0.0, 1.0), &[6]);
    let w = t(&[0.3, -0.2, 0.5], &[3]);
    let g = per_example_grad_vmap(&w, &xs, &ys).unwrap();
    assert_eq!(g.shape(), &[6, 3]);
    for k in 0..n as i64 {
        let one = loss_grad(&w, &row(&xs, k), &row(&ys, k)).unwrap();
        close(&v(&row(&g, k)), &v(&one), 1e-13, "per-example gradient");
    }
    // The jitted vmap: one entry, reused.
    per_example_grad_vmap(&w, &xs, &ys).unwrap();
    assert_eq!(per_example_grad_cache_stats().hits, 1);
}

#[test]
fn gradient_of_a_vmapped_loss() {
    let (n, d) = (6usize, 3usize);
    let xs = t(&seq(n * d, -1.0, 2.0), &[6, 3]);
    let ys = t(&seq(n, 0.0, 1.0), &[6]);
    let w = t(&[0.3, -0.2, 0.5], &[3]);
    let g = v(&mean_loss_grad(&w, &xs, &ys).unwrap());
    let mut e = vec![0.0; d];
    for k in 0..n as i64 {
        let one = v(&loss_grad(&w, &row(&xs, k), &row(&ys, k)).unwrap());
        for j in 0..d {
            e[j] += one[j] / n as f64;
        }
    }
    close(&g, &e, 1e-13, "grad of mean of vmap");
}

#[test]
fn batch_size_mismatch_is_an_error() {
    let xs = t(&seq(6 * 3, -1.0, 2.0), &[6, 3]);
    let ys = t(&seq(5, 0.0, 1.0), &[5]);
    let w = t(&[0.3, -0.2, 0.5], &[3]);
    match per_example_grad_vmap(&w, &xs, &ys) {
        Err(Error::Shape(m)) => assert!(m.contains("batch sizes differ"), "{m}"),
        other => panic!("expected a shape error, got {other:?}"),
    }
}

#[test]
fn scalar_vmap_is_a_loop() {
    let xs = [0.5, -1.0, 2.0];
    let ys = [1.0, 0.0, 3.0];
    let r = rosen_vmap(&xs, &ys);
    for k in 0..3 {
        assert_eq!(r[k], rosen(xs[k], ys[k]));
    }
    let gx = rosen_grad_x_vmap(&xs, &ys);
    for k in 0..3 {
        assert_eq!(
            gx[k],
            -2.0 * (1.0 - xs[k]) - 400.0 * xs[k] * (ys[k] - xs[k] * xs[k])
        );
    }
    let rows = vec![vec![1.0, 2.0], vec![3.0, -1.0]];
    let w = [0.5, 2.0];
    assert_eq!(dot_with_vmap(&rows, &w), vec![4.5, -0.5]);
    // `#[differentiable]` still works on the function `#[vmap]` is on.
    assert_eq!(dot_with_grad(&rows[0], &w).1, vec![1.0, 2.0]);
}

#[test]
#[should_panic(expected = "rosen_vmap: `xs` has 2 examples, `ys` has 3")]
fn scalar_vmap_length_mismatch_panics() {
    rosen_vmap(&[1.0, 2.0], &[1.0, 2.0, 3.0]);
}

/// A converted `for` loop (its counter used to index) under vmap.
#[vmap(in_axes = (0, None))]
fn weighted_sum(x: &Tensor, w: &Tensor) -> Result<Tensor> {
    let mut s = Tensor::scalar(0.0f64)?;
    for i in 0..3 {
        let xi = x.dynamic_slice(&[&i], &[1])?.reshape(&[])?;
        let wi = w.dynamic_slice(&[&i], &[1])?.reshape(&[])?;
        s = &s + &(&(&xi * &wi) * &xi);
    }
    Ok(s)
}

#[test]
fn vmap_of_a_for_loop() {
    let xs = t(&seq(4 * 3, -1.0, 2.0), &[4, 3]);
    let w = t(&[0.5, -1.0, 2.0], &[3]);
    let b = v(&weighted_sum_vmap(&xs, &w).unwrap());
    for k in 0..4 {
        let one = v(&weighted_sum(&row(&xs, k), &w).unwrap());
        close(&[b[k as usize]], &one, 1e-15, "per-example for loop");
    }
}
