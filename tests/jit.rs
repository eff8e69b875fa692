//! `#[jit]` and tensor-mode `#[differentiable]` against real XLA: jitted vs eager vs a
//! plain-Rust reference, gradients vs central finite differences (f64, h = 1e-6, rel 1e-6)
//! and forward vs reverse mode (`<jvp(v), w> = <v, vjp(w)>`, rel 1e-10), analytic Hessian-
//! vector products, control-flow conversion (taken and untaken branches, zero-trip loops,
//! data-dependent `while`), the compile cache, and bad input.

use oxidiff::xla::{DType, Error, Result};

#[jit]
#[differentiable]
fn keyed(x: &Tensor) -> Result<Tensor> {
    (x * x).sum(&[0])
}
use oxidiff::{differentiable, jit, vmap, Differentiable, Tensor, TensorTree};

fn t(v: &[f64], shape: &[i64]) -> Tensor {
    Tensor::from_slice(v, shape).unwrap()
}

fn v(x: &Tensor) -> Vec<f64> {
    x.to_vec::<f64>().unwrap()
}

fn close(a: &[f64], b: &[f64], rtol: f64, what: &str) {
    assert_eq!(a.len(), b.len(), "{what}: lengths");
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        let tol = rtol * (1.0 + x.abs().max(y.abs()));
        assert!(
            (x - y).abs() <= tol,
            "{what}[{i}]: {x} vs {y} (tolerance {tol:e})"
        );
    }
}

/// Central differences of a scalar function of one flat f64 tensor.
fn fd(f: impl Fn(&Tensor) -> f64, x: &[f64], shape: &[i64]) -> Vec<f64> {
    let h = 1e-6;
    (0..x.len())
        .map(|i| {
            let mut p = x.to_vec();
            p[i] += h;
            let mut m = x.to_vec();
            m[i] -= h;
            (f(&t(&p, shape)) - f(&t(&m, shape))) / (2.0 * h)
        })
        .collect()
}

fn seq(n: usize, a: f64, b: f64) -> Vec<f64> {
    (0..n)
        .map(|i| a + b * ((i * 7 + 3) % 11) as f64 / 11.0)
        .collect()
}

// ---- functions under test -------------------------------------------------------------

#[jit]
#[differentiable]
fn smooth(x: &Tensor, w: &Tensor) -> Result<Tensor> {
    let h = x.matmul(w)?.tanh()?;
    let s = (&h * &h).sum(&[0, 1])? + x.sin()?.sum(&[0, 1])?;
    Ok(s)
}

fn smooth_ref(x: &[f64], w: &[f64], n: usize, k: usize, m: usize) -> f64 {
    let mut s = 0.0;
    for i in 0..n {
        for j in 0..m {
            let mut a = 0.0;
            for l in 0..k {
                a += x[i * k + l] * w[l * m + j];
            }
            s += a.tanh().powi(2);
        }
    }
    s + x.iter().map(|v| v.sin()).sum::<f64>()
}

/// `if` on a traced predicate: one branch runs.
#[jit]
#[differentiable]
fn branchy(x: &Tensor) -> Result<Tensor> {
    let s = x.sum(&[0])?;
    let zero = Tensor::scalar(0.0f64)?;
    let y = if s.greater(&zero)? {
        (x * x).sum(&[0])?
    } else {
        x.exp()?.sum(&[0])? * 2.0
    };
    Ok(y)
}

/// `for` with a static trip count, the counter used for indexing, a carried pair.
#[jit]
#[differentiable]
fn horner(c: &Tensor, x: &Tensor, n: usize) -> Result<Tensor> {
    let mut acc = Tensor::zeros(DType::F64, &[])?;
    let mut k = Tensor::scalar(0.0f64)?;
    for i in 0..n {
        let ci = c.dynamic_slice(&[&i], &[1])?.reshape(&[])?;
        acc = &(&acc * x) + &ci;
        k = &k + 1.0;
    }
    Ok(&acc + &(&k * 0.0))
}

/// Newton's method for sqrt(a) through a data-dependent `while` (reverse mode needs a
/// bound: `max_iters`).
#[jit]
#[differentiable(max_iters = 64)]
fn newton_sqrt(a: &Tensor) -> Result<Tensor> {
    let mut x = a.clone();
    let tol = Tensor::scalar(1e-12f64)?;
    while (&(&x * &x) - a).abs()?.greater(&(&tol * a))? {
        x = &(&x + &(a / &x)) * 0.5;
    }
    Ok(x)
}

/// A `for` whose bound is a tensor (data-dependent trip count).
#[jit]
fn repeat_double(x: &Tensor, n: &Tensor) -> Result<Tensor> {
    let mut y = x.clone();
    for _ in 0..n {
        y = &y * 2.0;
    }
    Ok(y)
}

/// Static arguments: ordinary Rust control flow at trace time.
#[jit]
fn scaled(x: &Tensor, k: i32, double: bool, factor: f64) -> Result<Tensor> {
    let mut y = x * factor;
    if double {
        y = &y * 2.0;
    }
    #[unroll]
    for _ in 0..k {
        y = &y + 1.0;
    }
    Ok(y)
}

/// A plain result type (no `Result`): `return` is wrapped.
#[jit]
fn plain(x: &Tensor, early: bool) -> Tensor {
    if early {
        return x * 3.0;
    }
    x + 1.0
}

#[derive(Clone, Differentiable)]
struct Layer {
    w: Tensor,
    b: Tensor,
    #[no_grad]
    scale: Tensor,
    name: &'static str,
}

#[jit]
#[differentiable]
fn layer_loss(p: &Layer, #[no_grad] x: &Tensor) -> Result<(Tensor, Tensor)> {
    let z = &(&x.matmul(&p.w)? + &p.b) * &p.scale;
    let loss = (&z * &z).mean(&[0, 1])?;
    Ok((loss, z))
}

/// `#[differentiable]` first, `#[jit]` second.
#[differentiable]
#[jit]
fn cubic(x: &Tensor, y: &Tensor) -> Result<Tensor> {
    Ok((&(&(x * x) * x) * y).sum(&[0])?)
}

/// Eager (no `#[jit]`): the function runs op by op, its derivatives compiled.
#[differentiable]
fn eager_quad(x: &Tensor) -> Result<Tensor> {
    Ok((x * x).sum(&[0])?)
}

/// Grad of grad: the derivative of `cubic_grad`'s first component sum.
#[jit]
#[differentiable]
fn grad_sum(x: &Tensor, #[no_grad] y: &Tensor) -> Result<Tensor> {
    let (gx, _gy) = cubic_grad(x, y)?;
    gx.sum(&[0])
}

/// A shape error inside the body.
#[jit]
fn mismatched(x: &Tensor, y: &Tensor) -> Result<Tensor> {
    x.try_add(y)
}

/// An operator panics on a shape error: the trace turns it into an error.
#[jit]
fn mismatched_op(x: &Tensor, y: &Tensor) -> Result<Tensor> {
    Ok(x + y)
}

// ---- tests -----------------------------------------------------------------------------

#[test]
fn jit_matches_eager_and_reference() {
    let (n, k, m) = (3usize, 4usize, 2usize);
    let xs = seq(n * k, -1.0, 2.0);
    let ws = seq(k * m, -0.5, 1.0);
    let (x, w) = (t(&xs, &[3, 4]), t(&ws, &[4, 2]));
    let jitted = v(&smooth(&x, &w).unwrap())[0];
    let eager = v(&__oxidiff_body_smooth(&x, &w).unwrap())[0];
    let reference = smooth_ref(&xs, &ws, n, k, m);
    close(&[jitted], &[reference], 1e-12, "smooth jit vs reference");
    close(&[eager], &[reference], 1e-12, "smooth eager vs reference");
}

#[test]
fn gradients_match_finite_differences() {
    let xs = seq(12, -1.0, 2.0);
    let ws = seq(8, -0.5, 1.0);
    let (x, w) = (t(&xs, &[3, 4]), t(&ws, &[4, 2]));
    let (val, (gx, gw)) = smooth_value_and_grad(&x, &w).unwrap();
    close(&v(&val), &v(&smooth(&x, &w).unwrap()), 0.0, "value");
    let fx = fd(|p| v(&smooth(p, &w).unwrap())[0], &xs, &[3, 4]);
    let fw = fd(|p| v(&smooth(&x, p).unwrap())[0], &ws, &[4, 2]);
    close(&v(&gx), &fx, 1e-6, "d smooth / dx");
    close(&v(&gw), &fw, 1e-6, "d smooth / dw");
    // grad == value_and_grad's gradient.
    let (gx2, _) = smooth_grad(&x, &w).unwrap();
    close(&v(&gx2), &v(&gx), 0.0, "grad vs value_and_grad");
}

#[test]
fn forward_matches_reverse() {
    let xs = seq(12, -1.0, 2.0);
    let ws = seq(8, -0.5, 1.0);
    let (x, w) = (t(&xs, &[3, 4]), t(&ws, &[4, 2]));
    let dxs = seq(12, 0.3, -0.7);
    let dws = seq(8, -0.2, 0.9);
    let (dx, dw) = (t(&dxs, &[3, 4]), t(&dws, &[4, 2]));
    let (val, tan) = smooth_jvp(&x, &w, &dx, &dw).unwrap();
    let (val2, pullback) = smooth_vjp(&x, &w).unwrap();
    close(&v(&val), &v(&val2), 0.0, "jvp value vs vjp value");
    let ct = 0.75;
    let (cx, cw) = pullback(t(&[ct], &[])).unwrap();
    let lhs = v(&tan)[0] * ct;
    let rhs: f64 = v(&cx).iter().zip(&dxs).map(|(a, b)| a * b).sum::<f64>()
        + v(&cw).iter().zip(&dws).map(|(a, b)| a * b).sum::<f64>();
    close(&[lhs], &[rhs], 1e-10, "<jvp(v), w> vs <v, vjp(w)>");
}

#[test]
fn hvp_matches_analytic() {
    // f = sum(x^3 * y): H_xx = diag(6 x y), H_xy = diag(3 x^2).
    let xs = [0.5, -1.5, 2.0];
    let ys = [1.0, 0.25, -0.75];
    let (x, y) = (t(&xs, &[3]), t(&ys, &[3]));
    let dxs = [1.0, -2.0, 0.5];
    let dys = [0.0, 1.0, 3.0];
    let (hx, hy) = cubic_hvp(&x, &y, &t(&dxs, &[3]), &t(&dys, &[3])).unwrap();
    let ex: Vec<f64> = (0..3)
        .map(|i| 6.0 * xs[i] * ys[i] * dxs[i] + 3.0 * xs[i] * xs[i] * dys[i])
        .collect();
    let ey: Vec<f64> = (0..3).map(|i| 3.0 * xs[i] * xs[i] * dxs[i]).collect();
    close(&v(&hx), &ex, 1e-12, "hvp x");
    close(&v(&hy), &ey, 1e-12, "hvp y");
}

#[test]
fn grad_of_grad() {
    // grad_sum = sum(3 x^2 y); its gradient is 6 x y.
    let xs = [0.5, -1.5, 2.0];
    let ys = [1.0, 0.25, -0.75];
    let g = grad_sum_grad(&t(&xs, &[3]), &t(&ys, &[3])).unwrap();
    let e: Vec<f64> = (0..3).map(|i| 6.0 * xs[i] * ys[i]).collect();
    close(&v(&g), &e, 1e-12, "grad of grad");
}

#[test]
fn eager_function_compiled_derivatives() {
    let x = t(&[1.0, -2.0, 0.5], &[3]);
    assert_eq!(v(&eager_quad(&x).unwrap()), vec![5.25]);
    close(
        &v(&eager_quad_grad(&x).unwrap()),
        &[2.0, -4.0, 1.0],
        0.0,
        "eager grad",
    );
}

#[test]
fn tensor_if_takes_either_branch() {
    let pos = [1.0, 2.0, -0.5];
    let neg = [-1.0, 0.25, -0.5];
    // Taken branch 0: sum(x^2), gradient 2x.
    assert_eq!(v(&branchy(&t(&pos, &[3])).unwrap()), vec![1.0 + 4.0 + 0.25]);
    close(
        &v(&branchy_grad(&t(&pos, &[3])).unwrap()),
        &[2.0, 4.0, -1.0],
        1e-15,
        "branch 0 grad",
    );
    // Branch 1: 2 sum(exp x), gradient 2 exp x.
    let e1: f64 = 2.0 * neg.iter().map(|x: &f64| x.exp()).sum::<f64>();
    close(
        &v(&branchy(&t(&neg, &[3])).unwrap()),
        &[e1],
        1e-15,
        "branch 1",
    );
    let g1: Vec<f64> = neg.iter().map(|x| 2.0 * x.exp()).collect();
    close(
        &v(&branchy_grad(&t(&neg, &[3])).unwrap()),
        &g1,
        1e-15,
        "branch 1 grad",
    );
    // Both calls share one executable: the branch is chosen at run time.
    assert_eq!(
        branchy_cache_stats().misses,
        2,
        "one primal + one gradient entry"
    );
    let ir = branchy_ir(&t(&pos, &[3])).unwrap();
    assert!(ir.contains("case"), "{ir}");
}

#[test]
fn for_loop_static_trip_count_and_gradient() {
    let cs = [2.0, -1.0, 0.5, 3.0];
    let x0 = 0.7;
    let c = t(&cs, &[4]);
    let x = t(&[x0], &[]);
    // Horner: ((2 x - 1) x + 0.5) x + 3.
    let p = |x: f64| ((2.0 * x - 1.0) * x + 0.5) * x + 3.0;
    close(&v(&horner(&c, &x, 4).unwrap()), &[p(x0)], 1e-14, "horner");
    let ir = horner_ir(&c, &x, 4).unwrap();
    assert!(ir.contains("while"), "not unrolled: {ir}");
    // Zero trip count: the initial carry.
    assert_eq!(v(&horner(&c, &x, 0).unwrap()), vec![0.0]);
    // Gradient through the loop (static trip count: no bound needed).
    let (gc, gx) = horner_grad(&c, &x, 4).unwrap();
    let dp = 6.0 * x0 * x0 - 2.0 * x0 + 0.5;
    close(&v(&gx), &[dp], 1e-12, "d horner / dx");
    close(
        &v(&gc),
        &[x0.powi(3), x0 * x0, x0, 1.0],
        1e-12,
        "d horner / dc",
    );
    // Cache: n = 4 and n = 0 are two entries of the primal.
    let st = horner_cache_stats();
    assert!(st.entries >= 3, "{st:?}");
}

#[test]
fn while_with_data_dependent_trip_count() {
    for a0 in [2.0, 10.0, 0.3] {
        let a = t(&[a0], &[]);
        close(
            &v(&newton_sqrt(&a).unwrap()),
            &[a0.sqrt()],
            1e-12,
            "newton sqrt",
        );
        // d sqrt(a) / da = 1 / (2 sqrt a), through the loop's iterations.
        close(
            &v(&newton_sqrt_grad(&a).unwrap()),
            &[0.5 / a0.sqrt()],
            1e-8,
            "newton sqrt gradient",
        );
        let (_, tan) = newton_sqrt_jvp(&a, &t(&[1.0], &[])).unwrap();
        close(&v(&tan), &[0.5 / a0.sqrt()], 1e-8, "newton sqrt tangent");
    }
}

#[test]
fn for_loop_with_tensor_bound() {
    let x = t(&[1.5, -1.0], &[2]);
    for n in [0i32, 1, 5] {
        let y = repeat_double(&x, &Tensor::scalar(n).unwrap()).unwrap();
        let f = 2f64.powi(n);
        assert_eq!(v(&y), vec![1.5 * f, -f], "n = {n}");
    }
    assert_eq!(
        repeat_double_cache_stats().misses,
        1,
        "one executable for every n"
    );
}

#[test]
fn static_arguments_are_part_of_the_key() {
    let x = t(&[1.0, 2.0], &[2]);
    assert_eq!(v(&scaled(&x, 2, false, 0.5).unwrap()), vec![2.5, 3.0]);
    assert_eq!(v(&scaled(&x, 2, true, 0.5).unwrap()), vec![3.0, 4.0]);
    assert_eq!(v(&scaled(&x, 0, false, 3.0).unwrap()), vec![3.0, 6.0]);
    assert_eq!(v(&scaled(&x, 2, false, 0.5).unwrap()), vec![2.5, 3.0]);
    let st = scaled_cache_stats();
    assert_eq!((st.hits, st.misses, st.entries), (1, 3, 3));
    let ir = scaled_ir(&x, 3, false, 1.0).unwrap();
    assert_eq!(ir.matches(" add ").count(), 3, "#[unroll]: {ir}");
}

#[test]
fn plain_result_type() {
    let x = t(&[1.0, 2.0], &[2]);
    assert_eq!(v(&plain(&x, true).unwrap()), vec![3.0, 6.0]);
    assert_eq!(v(&plain(&x, false).unwrap()), vec![2.0, 3.0]);
}

#[test]
fn struct_parameters_and_aux_outputs() {
    let p = Layer {
        w: t(&seq(6, -1.0, 2.0), &[3, 2]),
        b: t(&[0.1, -0.2], &[2]),
        scale: t(&[1.5], &[]),
        name: "layer",
    };
    let xs = seq(12, -0.5, 1.0);
    let x = t(&xs, &[4, 3]);
    let ((loss, z), g) = layer_loss_value_and_grad(&p, &x).unwrap();
    assert_eq!(z.shape(), &[4, 2]);
    assert_eq!(g.name, "layer");
    // The #[no_grad] field gets a zero gradient.
    assert_eq!(v(&g.scale), vec![0.0]);
    // Finite differences through the struct.
    let f = |w: &Tensor, b: &Tensor| {
        let q = Layer {
            w: w.clone(),
            b: b.clone(),
            ..p.clone()
        };
        v(&layer_loss(&q, &x).unwrap().0)[0]
    };
    let fw = fd(|w| f(w, &p.b), &v(&p.w), &[3, 2]);
    let fb = fd(|b| f(&p.w, b), &v(&p.b), &[2]);
    close(&v(&g.w), &fw, 1e-6, "d loss / dw");
    close(&v(&g.b), &fb, 1e-6, "d loss / db");
    assert!(v(&loss)[0] > 0.0);
    // A gradient step with the tree helpers.
    let q = p.axpy(-0.1, &g).unwrap();
    let (l2, _) = layer_loss(&q, &x).unwrap();
    assert!(v(&l2)[0] < v(&loss)[0], "a gradient step lowers the loss");
    // Static fields of the struct are part of the key.
    let r = Layer {
        name: "other",
        ..p.clone()
    };
    let before = layer_loss_cache_stats().misses;
    layer_loss(&r, &x).unwrap();
    assert_eq!(layer_loss_cache_stats().misses, before + 1);
}

#[test]
fn jit_composes_in_either_order() {
    let x = t(&[1.0, 2.0], &[2]);
    let y = t(&[3.0, -1.0], &[2]);
    assert_eq!(v(&cubic(&x, &y).unwrap()), vec![3.0 - 8.0]);
    let (gx, gy) = cubic_grad(&x, &y).unwrap();
    assert_eq!(v(&gx), vec![9.0, -12.0]);
    assert_eq!(v(&gy), vec![1.0, 8.0]);
}

#[test]
fn new_shapes_compile_new_entries() {
    let a = t(&[1.0, 2.0], &[2]);
    let b = t(&[1.0, 2.0, 3.0], &[3]);
    keyed_grad(&a).unwrap();
    keyed_grad(&b).unwrap();
    keyed_grad(&a).unwrap();
    keyed(&a).unwrap();
    let st = keyed_cache_stats();
    assert_eq!((st.hits, st.misses, st.entries), (1, 3, 3));
    // f32 input: a new entry too.
    let c = Tensor::from_vec(vec![1.0f32, 2.0], &[2]).unwrap();
    assert_eq!(
        keyed_grad(&c).unwrap().to_vec::<f32>().unwrap(),
        vec![2.0, 4.0]
    );
    assert_eq!(keyed_cache_stats().misses, 4);
}

#[test]
fn bad_input_is_an_error() {
    let a = t(&[1.0, 2.0], &[2]);
    let b = t(&[1.0, 2.0, 3.0], &[3]);
    match mismatched(&a, &b) {
        Err(Error::Shape(m)) => assert!(m.contains("broadcast"), "{m}"),
        other => panic!("expected a shape error, got {other:?}"),
    }
    // The operator's panic becomes an error naming the function.
    match mismatched_op(&a, &b) {
        Err(Error::Other(m)) => assert!(m.contains("mismatched_op"), "{m}"),
        other => panic!("expected an error, got {other:?}"),
    }
    // Tangents of the wrong shape.
    let x = t(&[1.0, 2.0], &[2]);
    let err = cubic_jvp(&x, &x, &b, &x).unwrap_err();
    assert!(err.to_string().contains("tangent"), "{err}");
    // An integer tensor can't be differentiated: zero gradient leaves, documented.
    let i = Tensor::from_vec(vec![1i32, 2], &[2]).unwrap();
    assert!(eager_quad_grad(&i).is_err());
}

#[test]
fn tree_helpers() {
    let p = (t(&[1.0, 2.0], &[2]), vec![t(&[3.0], &[])]);
    let z = p.zeros_like().unwrap();
    assert_eq!(v(&z.0), vec![0.0, 0.0]);
    let q = p.axpy(2.0, &p).unwrap();
    assert_eq!(v(&q.1[0]), vec![9.0]);
    assert_eq!(p.leaves().len(), 2);
}

#[test]
fn inspection() {
    let x = t(&[1.0, 2.0], &[2]);
    let mlir = cubic_mlir(&x, &x).unwrap();
    assert!(mlir.contains("func.func public @main"), "{mlir}");
    let _ = DType::F64;
}

/// A damped nonlinear recurrence, plain and checkpointed.
#[jit]
#[differentiable]
fn recur(x: &Tensor, n: usize) -> Result<Tensor> {
    let mut y = x.clone();
    for _ in 0..n {
        y = &(&y.sin()? * 0.9) + x;
    }
    y.sum(&[0])
}

#[jit]
#[differentiable]
fn recur_ckpt(x: &Tensor, n: usize, every: Option<usize>) -> Result<Tensor> {
    let mut y = x.clone();
    #[checkpoint]
    for _ in 0..n {
        y = &(&y.sin()? * 0.9) + x;
    }
    let mut z = x.clone();
    #[checkpoint(every = every.unwrap_or(3))]
    for _ in 0..n {
        z = &(&z.sin()? * 0.9) + x;
    }
    Ok(&y.sum(&[0])? + &z.sum(&[0])?)
}

#[test]
fn checkpointed_loops_give_the_same_gradient() {
    let xs = [0.3, -1.2, 0.8, 2.0];
    let x = t(&xs, &[4]);
    for n in [0usize, 1, 7, 10] {
        let g = recur_grad(&x, n).unwrap();
        let two: Vec<f64> = v(&g).iter().map(|a| 2.0 * a).collect();
        for every in [None, Some(1), Some(4), Some(20)] {
            let gc = recur_ckpt_grad(&x, n, every).unwrap();
            close(&v(&gc), &two, 1e-13, &format!("n = {n}, every = {every:?}"));
        }
        let f = fd(|p| v(&recur(p, n).unwrap())[0], &xs, &[4]);
        close(&v(&g), &f, 1e-6, "recurrence vs finite differences");
    }
    // The checkpointed loop is a loop of loops.
    let ir = recur_ckpt_ir(&x, 10, None).unwrap();
    assert!(ir.matches("while").count() >= 4, "{ir}");
}

/// A loop whose body is linear in the differentiated carries: reverse mode stores only the
/// inactive carry `k` that a product reads, not `a` or `b`.
#[jit]
#[differentiable]
fn linear_loop(x: &Tensor, n: usize) -> Result<Tensor> {
    let mut a = x.clone();
    let mut b = x * 0.5;
    let mut k = Tensor::scalar(1.0f64)?;
    for _ in 0..n {
        let a2 = &(&a * 0.9) + &(&b * &k);
        b = &b - &(&a * 0.1);
        a = a2;
        k = &k * 0.5;
    }
    Ok(&(&a * &a).sum(&[0])? + &b.sum(&[0])?)
}

#[test]
fn linear_loop_bodies_store_only_what_the_rules_read() {
    let xs = [0.3, -1.2, 0.8];
    let x = t(&xs, &[3]);
    let g = linear_loop_grad(&x, 6).unwrap();
    let f = fd(|p| v(&linear_loop(p, 6).unwrap())[0], &xs, &[3]);
    close(&v(&g), &f, 1e-6, "linear loop vs finite differences");
    let ir = linear_loop_grad_ir(&x, 6).unwrap();
    assert_eq!(
        ir.matches("dynamic_update_slice").count(),
        1,
        "only `k` is stored per iteration: {ir}"
    );
}

/// Parameters passed as a slice of tensors.
#[jit]
#[differentiable]
fn layers(ws: &[Tensor], #[no_grad] x: &Tensor) -> Result<Tensor> {
    let mut h = x.clone();
    #[unroll]
    for w in ws {
        h = h.matmul(w)?.tanh()?;
    }
    h.sum(&[0])
}

#[test]
fn slices_of_tensors() {
    let ws = vec![
        t(&seq(4, -0.5, 1.0), &[2, 2]),
        t(&seq(4, -0.2, 0.7), &[2, 2]),
    ];
    let x = t(&[0.3, -0.8], &[2]);
    let g: Vec<Tensor> = layers_grad(&ws, &x).unwrap();
    assert_eq!(g.len(), 2);
    let w0 = v(&ws[0]);
    let f = fd(
        |p| v(&layers(&[p.clone(), ws[1].clone()], &x).unwrap())[0],
        &w0,
        &[2, 2],
    );
    close(&v(&g[0]), &f, 1e-6, "d layers / d ws[0]");
}

/// `#[jit]` and `#[differentiable]` on methods: `&self` is a tree argument whose gradient is
/// `Self`.
#[derive(Clone, Differentiable)]
struct Affine {
    w: Tensor,
    b: Tensor,
}

impl Affine {
    #[jit]
    #[differentiable]
    fn loss(&self, #[no_grad] x: &Tensor) -> Result<Tensor> {
        let z = &x.matmul(&self.w)? + &self.b;
        (&z * &z).sum(&[0])
    }

    #[jit]
    fn apply(&self, x: &Tensor, scale: f64) -> Result<Tensor> {
        Ok(&(&x.matmul(&self.w)? + &self.b) * scale)
    }
}

#[test]
fn methods() {
    let m = Affine {
        w: t(&[1.0, -2.0, 0.5, 3.0], &[2, 2]),
        b: t(&[0.25, -0.5], &[2]),
    };
    let x = t(&[0.3, -0.8], &[2]);
    let y = v(&m.apply(&x, 2.0).unwrap());
    let z = [0.3 * 1.0 - 0.8 * 0.5 + 0.25, 0.3 * -2.0 - 0.8 * 3.0 - 0.5];
    close(&y, &[2.0 * z[0], 2.0 * z[1]], 1e-15, "apply");
    let g: Affine = m.loss_grad(&x).unwrap();
    // d/db sum(z^2) = 2 z; d/dw[k][j] = 2 z_j x_k.
    close(&v(&g.b), &[2.0 * z[0], 2.0 * z[1]], 1e-14, "d loss / d b");
    close(
        &v(&g.w),
        &[
            2.0 * z[0] * 0.3,
            2.0 * z[1] * 0.3,
            -2.0 * z[0] * 0.8,
            -2.0 * z[1] * 0.8,
        ],
        1e-14,
        "d loss / d w",
    );
    assert_eq!(Affine::loss_cache_stats().misses, 1);
}

// ---- edge cases: no tensor arguments, returning an input, integer aux outputs, vmap with a
// static argument --------------------------------------------------------------------

#[jit]
fn make(n: usize) -> Result<Tensor> {
    Tensor::ones(DType::F32, &[n as i64])
}

#[jit]
fn ident(x: &Tensor) -> Result<(Tensor, Tensor)> {
    Ok((x.clone(), x * 2.0))
}

#[jit]
#[differentiable]
fn with_aux(x: &Tensor) -> Result<(Tensor, Tensor)> {
    let s = (x * x).sum(&[0])?;
    Ok((s, x.argmax(0)?))
}

#[vmap(in_axes = (0, None))]
fn scaled_rows(x: &Tensor, k: f64) -> Result<Tensor> {
    Ok(x * k)
}

#[test]
fn edge_cases() {
    assert_eq!(make(3).unwrap().to_vec::<f32>().unwrap(), vec![1.0; 3]);
    // Waiting for results: a tensor, and every leaf of a tree.
    make(4).unwrap().block_until_ready().unwrap();
    TensorTree::block_until_ready(&(make(2).unwrap(), vec![make(1).unwrap()])).unwrap();
    let x = Tensor::from_vec(vec![1.0f64, 3.0, 2.0], &[3]).unwrap();
    let (a, b) = ident(&x).unwrap();
    assert_eq!(a.to_vec::<f64>().unwrap(), vec![1.0, 3.0, 2.0]);
    assert_eq!(b.to_vec::<f64>().unwrap(), vec![2.0, 6.0, 4.0]);
    let ((s, am), g) = with_aux_value_and_grad(&x).unwrap();
    assert_eq!(s.to_vec::<f64>().unwrap(), vec![14.0]);
    assert_eq!(am.to_vec::<i32>().unwrap(), vec![1]);
    assert_eq!(g.to_vec::<f64>().unwrap(), vec![2.0, 6.0, 4.0]);
    let xs = Tensor::from_vec(vec![1.0f64, 2.0, 3.0, 4.0], &[2, 2]).unwrap();
    assert_eq!(
        scaled_rows_vmap(&xs, 3.0).unwrap().to_vec::<f64>().unwrap(),
        vec![3.0, 6.0, 9.0, 12.0]
    );
    let (_, t) =
        with_aux_jvp(&x, &Tensor::from_vec(vec![1.0f64, 0.0, 0.0], &[3]).unwrap()).unwrap();
    assert_eq!(t.0.to_vec::<f64>().unwrap(), vec![2.0]);
    let (_, pb) = with_aux_vjp(&x).unwrap();
    let g2 = pb((
        Tensor::scalar(1.0f64).unwrap(),
        Tensor::scalar(0i32).unwrap(),
    ))
    .unwrap();
    assert_eq!(g2.to_vec::<f64>().unwrap(), vec![2.0, 6.0, 4.0]);
}
