//! `#[vmap]` workloads of the JAX anchor (same shapes, dtypes and constants):
//!
//! - W4: per-example gradients of a logistic regression (d = 100 plus a bias, batch 1024,
//!   f32): `#[vmap]` of the gradient, jitted as one executable, against a loop of 1024 calls
//!   of the jitted single-example gradient (pre-sliced inputs), the batch loss and the batch
//!   mean gradient.
//! - W6: the score (gradient of the log density) of an 8-Gaussian mixture (radius 4,
//!   σ = 0.5), vmapped over 10,000 particles, and 100 steps of unadjusted Langevin
//!   (ε = 0.01) with a threefry key split per step, all in one executable.
//!
//! Run: `cargo bench --bench vmap`. `VMAP_QUICK=1` only prints the checks.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, Criterion};
use oxidiff::xla::{random, DType, Result};
use oxidiff::{differentiable, jit, vmap, Tensor, TensorTree};

// ---- W4 ---------------------------------------------------------------------------------

/// `log σ(z) = -softplus(-z)`, stable for large |z|.
fn log_sigmoid(z: &Tensor) -> Result<Tensor> {
    let m = z.try_neg()?.maximum(&Tensor::zeros(z.dtype(), &[])?)?; // max(-z, 0)
    let l = z.abs()?.try_neg()?.exp()?.ln_1p()?;
    (&m + &l).try_neg()
}

/// The binary logistic loss of one example (x: [d], y: a scalar in {0, 1}).
#[jit]
#[differentiable]
fn logreg_loss(
    w: &Tensor,
    b: &Tensor,
    #[no_grad] x: &Tensor,
    #[no_grad] y: &Tensor,
) -> Result<Tensor> {
    let z = &x.matmul(w)? + b;
    let pos = log_sigmoid(&z)?;
    let neg = log_sigmoid(&z.try_neg()?)?;
    let one_minus_y = &(y * -1.0) + 1.0;
    (&(y * &pos) + &(&one_minus_y * &neg)).try_neg()
}

#[jit]
#[vmap(in_axes = (None, None, 0, 0))]
fn per_example_grad(w: &Tensor, b: &Tensor, x: &Tensor, y: &Tensor) -> Result<(Tensor, Tensor)> {
    logreg_loss_grad(w, b, x, y)
}

#[vmap(in_axes = (None, None, 0, 0))]
fn example_loss(w: &Tensor, b: &Tensor, x: &Tensor, y: &Tensor) -> Result<Tensor> {
    logreg_loss(w, b, x, y)
}

#[jit]
#[differentiable]
fn batch_loss(
    w: &Tensor,
    b: &Tensor,
    #[no_grad] xs: &Tensor,
    #[no_grad] ys: &Tensor,
) -> Result<Tensor> {
    example_loss_vmap(w, b, xs, ys)?.mean(&[0])
}

struct W4 {
    w: Tensor,
    b: Tensor,
    xs: Tensor,
    ys: Tensor,
    rows: Vec<(Tensor, Tensor)>,
}

fn w4_data() -> Result<W4> {
    let (d, n) = (100i64, 1024i64);
    let k = random::split(&random::key(1)?, 3)?;
    let w = &random::normal(&k[0], DType::F32, &[d])? * 0.1;
    let b = Tensor::zeros(DType::F32, &[])?;
    let xs = random::normal(&k[1], DType::F32, &[n, d])?;
    let ys = random::uniform(&k[2], DType::F32, &[n])?
        .less(&Tensor::scalar(0.5f32)?)?
        .astype(DType::F32)?;
    let xv = xs.to_vec::<f32>()?;
    let yv = ys.to_vec::<f32>()?;
    let rows = (0..n as usize)
        .map(|i| {
            Ok((
                Tensor::from_slice(&xv[i * d as usize..(i + 1) * d as usize], &[d])?,
                Tensor::from_slice(&yv[i..i + 1], &[])?,
            ))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(W4 { w, b, xs, ys, rows })
}

fn loop_grads(d: &W4) -> Result<Vec<(Tensor, Tensor)>> {
    d.rows
        .iter()
        .map(|(x, y)| logreg_loss_grad(&d.w, &d.b, x, y))
        .collect()
}

// ---- W6 ---------------------------------------------------------------------------------

const K_MIX: usize = 8;
const R_MIX: f64 = 4.0;
const S_MIX: f64 = 0.5;
const EPS: f64 = 0.01;

fn mus() -> Result<Tensor> {
    let mut v = vec![];
    for k in 0..K_MIX {
        let a = 2.0 * std::f64::consts::PI * k as f64 / K_MIX as f64;
        v.push((R_MIX * a.cos()) as f32);
        v.push((R_MIX * a.sin()) as f32);
    }
    Tensor::from_vec(v, &[K_MIX as i64, 2])
}

/// The log density of the mixture at one point x: [2].
#[jit]
#[differentiable]
fn mix_logp(x: &Tensor, #[no_grad] mu: &Tensor) -> Result<Tensor> {
    let diff = mu - x;
    let d2 = (&diff * &diff).sum(&[1])?;
    let a = &d2 * (-1.0 / (2.0 * S_MIX * S_MIX));
    let m = a.max(&[0])?;
    let lse = &(&a - &m).exp()?.sum(&[0])?.ln()? + &m;
    Ok(&lse - ((K_MIX as f64).ln() + (2.0 * std::f64::consts::PI * S_MIX * S_MIX).ln()))
}

#[vmap(in_axes = (0, None))]
fn logp(x: &Tensor, mu: &Tensor) -> Result<Tensor> {
    mix_logp(x, mu)
}

#[jit]
#[vmap(in_axes = (0, None))]
fn score(x: &Tensor, mu: &Tensor) -> Result<Tensor> {
    mix_logp_grad(x, mu)
}

/// 100 steps of unadjusted Langevin, one executable.
#[jit]
fn langevin(x0: &Tensor, key: &Tensor, mu: &Tensor) -> Result<Tensor> {
    let mut x = x0.clone();
    let mut key = key.clone();
    for _ in 0..100 {
        let ks = random::split(&key, 2)?;
        key = ks[0].clone();
        let noise = random::normal(&ks[1], DType::F32, x.shape())?;
        x = &(&x + &(&score_vmap(&x, mu)? * EPS)) + &(&noise * (2.0 * EPS).sqrt());
    }
    Ok(x)
}

fn first_call<T>(f: impl FnOnce() -> Result<T>) -> Result<(T, Duration)> {
    let t = Instant::now();
    let r = f()?;
    Ok((r, t.elapsed()))
}

fn report() -> Result<()> {
    let d = w4_data()?;
    let ((gw, gb), t_first) = first_call(|| per_example_grad_vmap(&d.w, &d.b, &d.xs, &d.ys))?;
    let loop_g = loop_grads(&d)?;
    let gwv = gw.to_vec::<f32>()?;
    let gbv = gb.to_vec::<f32>()?;
    let mut max_diff = 0f32;
    for (i, (lw, lb)) in loop_g.iter().enumerate() {
        for (j, a) in lw.to_vec::<f32>()?.iter().enumerate() {
            max_diff = max_diff.max((a - gwv[i * 100 + j]).abs());
        }
        max_diff = max_diff.max((lb.to_vec::<f32>()?[0] - gbv[i]).abs());
    }
    let (_bw, _) = batch_loss_grad(&d.w, &d.b, &d.xs, &d.ys)?;
    println!(
        "W4: per-example gradients [{}], loop vs vmap max |diff| = {max_diff:.2e}; first call (trace + compile + run) {:.1} ms",
        gw.shape().iter().map(|s| s.to_string()).collect::<Vec<_>>().join(", "),
        t_first.as_secs_f64() * 1e3
    );
    let mu = mus()?;
    let ks = random::split(&random::key(2)?, 2)?;
    let x0 = &random::normal(&ks[0], DType::F32, &[10_000, 2])? * 2.0;
    let (xt, t_first) = first_call(|| langevin(&x0, &ks[1], &mu))?;
    let xv = xt.to_vec::<f32>()?;
    let radii: Vec<f32> = xv
        .chunks(2)
        .map(|p| (p[0] * p[0] + p[1] * p[1]).sqrt())
        .collect();
    let mean_r = radii.iter().sum::<f32>() / radii.len() as f32;
    let lp0 = logp_vmap(&x0, &mu)?.mean(&[0])?.to_vec::<f32>()?[0];
    let lpt = logp_vmap(&xt, &mu)?.mean(&[0])?.to_vec::<f32>()?[0];
    println!(
        "W6: mean log p {lp0:.3} -> {lpt:.3} after 100 Langevin steps, final mean radius {mean_r:.3} (modes at 4); first call {:.1} ms",
        t_first.as_secs_f64() * 1e3
    );
    Ok(())
}

fn bench_w4(c: &mut Criterion) {
    let d = w4_data().expect("data");
    let mut g = c.benchmark_group("W4_per_example_grads");
    g.sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    g.bench_function("batch_loss_primal", |b| {
        b.iter(|| ready(batch_loss(black_box(&d.w), &d.b, &d.xs, &d.ys).unwrap()))
    });
    g.bench_function("batch_mean_grad", |b| {
        b.iter(|| ready(batch_loss_grad(black_box(&d.w), &d.b, &d.xs, &d.ys).unwrap()))
    });
    g.bench_function("vmap_per_example_grad", |b| {
        b.iter(|| ready(per_example_grad_vmap(black_box(&d.w), &d.b, &d.xs, &d.ys).unwrap()))
    });
    g.bench_function("loop_per_example_grad_presliced", |b| {
        b.iter(|| ready(loop_grads(black_box(&d)).unwrap()))
    });
    g.finish();
}

fn bench_w6(c: &mut Criterion) {
    let mu = mus().unwrap();
    let ks = random::split(&random::key(2).unwrap(), 2).unwrap();
    let x0 = &random::normal(&ks[0], DType::F32, &[10_000, 2]).unwrap() * 2.0;
    let mut g = c.benchmark_group("W6_langevin");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    g.bench_function("logp_vmap_primal", |b| {
        b.iter(|| ready(logp_vmap(black_box(&x0), &mu).unwrap()))
    });
    g.bench_function("score_vmap_grad", |b| {
        b.iter(|| ready(score_vmap(black_box(&x0), &mu).unwrap()))
    });
    g.bench_function("langevin_100_steps", |b| {
        b.iter(|| ready(langevin(black_box(&x0), &ks[1], &mu).unwrap()))
    });
    g.finish();
}

/// Waits for every result (executions return before their results are ready).
fn ready<T: TensorTree>(t: T) -> T {
    t.block_until_ready().expect("the computation failed");
    t
}

criterion_group!(benches, bench_w4, bench_w6);

fn main() {
    if let Err(e) = report() {
        eprintln!("vmap bench: {e}");
        std::process::exit(1);
    }
    if std::env::var_os("VMAP_QUICK").is_some() {
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
