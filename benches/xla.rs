//! `#[jit]` workloads side by side with the JAX anchor (`shared/anchors/jax/bench.py`): the
//! same shapes, dtypes and constants, every derivative compiled as a whole.
//!
//! Run: `cargo bench --bench xla`. It first prints a table measured the way bench.py measures
//! (each call timed individually, including waiting for the result; 3 warm-ups; enough calls
//! for about `XLA_BENCH_TARGET_S` seconds, default 1, at least 5; the median reported) and the
//! first-call compile times, then runs criterion on the same calls. `XLA_QUICK=1` skips
//! criterion (about 30 s with the default target).
//!
//! - W2 (float64): Newton's sqrt(a), a = 2, y0 = a: a tensor `while |y² − a| ≥ 1e-12` (one
//!   `stablehlo.while`) and its gradient (`#[differentiable(max_iters = 50)]`, which JAX's
//!   `grad(while_loop)` refuses); also the `for _ in 0..30` version (bench.py's fori30).
//! - W3 (float32): MLP 784-512-512-10 tanh, softmax cross-entropy, batch 128, W ~ N(0, 1)/√fan_in,
//!   b = 0, x ~ N(0, 1), integer labels in 0..10: loss, value and gradient, and an SGD step
//!   (lr = 0.01) as one executable with the parameters threaded from call to call.
//! - W5 (float32): the 2-D wave equation on a 256×256 periodic grid (`roll` Laplacian), leapfrog
//!   c = 1, dt = 0.5, dx = 1, zero initial velocity, 200 steps in a `for` loop (a
//!   `stablehlo.while`), u₀ a Gaussian bump σ = 10 at (100, 140): the final fields, the final
//!   energy and its gradient w.r.t. u₀.
//! - W7: dispatch of a jitted `x + 1` on a float32 scalar, per call including waiting for the
//!   result; and 10,000 chained calls with one wait at the end.
//!
//! Waiting for a result: there is no public `block_until_ready`, so each timed call reads one
//! result to the host (a scalar where the function returns one; W5's gradient and fields are
//! 256 KiB, read in place on the CPU client).
//!
//! `XLA_JAX_MLIR_DIR=<dir>` also times JAX's own W5 programs, compiled by the same PJRT plugin:
//! `<dir>/w5_energy.mlir` and `<dir>/w5_grad.mlir` are `jax.jit(wave_final_energy).lower(u0)
//! .as_text()` and the same for `jax.grad(wave_final_energy)` (bench.py's functions, u0 any
//! float32[256, 256]). The plugin and jaxlib embed different builds of XLA; this row tells
//! which part of a gap is ours.
//!
//! First-call compile times (W3, W5): each function's first call (trace, autodiff, lowering,
//! XLA compile, one run) is timed in a fresh child process (this binary, re-run with
//! `XLA_BENCH_PROBE=<name>`), after the PJRT client is up and the inputs exist, so that neither
//! the compile cache of the function nor the client's cache of compiled programs is warm. The
//! child checks that the call was a miss of the function's cache.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, Criterion};
use oxidiff::xla::{random, DType, Result};
use oxidiff::{differentiable, jit, Differentiable, Tensor, TensorTree};

// ============================================================================ W2 newton sqrt

/// Newton's iteration for √a from y = a until |y² − a| < 1e-12: a `stablehlo.while`.
#[jit]
#[differentiable(max_iters = 50)]
fn newton_sqrt(a: &Tensor) -> Result<Tensor> {
    let mut y = a.clone();
    while (&y * &y - a)
        .abs()?
        .greater_equal(&Tensor::scalar(1e-12f64)?)?
    {
        y = (&y + &(a / &y)) * 0.5;
    }
    Ok(y)
}

/// 30 Newton steps (bench.py's `fori_loop(0, 30, ..)`).
#[jit]
#[differentiable]
fn newton_sqrt_fori(a: &Tensor) -> Result<Tensor> {
    let mut y = a.clone();
    for _ in 0..30 {
        y = (&y + &(a / &y)) * 0.5;
    }
    Ok(y)
}

// ============================================================================ W3 mlp

#[derive(Clone, Differentiable)]
struct Mlp {
    w1: Tensor,
    b1: Tensor,
    w2: Tensor,
    b2: Tensor,
    w3: Tensor,
    b3: Tensor,
}

const W3_BATCH: i64 = 128;
const W3_SIZES: [i64; 4] = [784, 512, 512, 10];
const W3_LR: f64 = 0.01;

/// Mean softmax cross-entropy of tanh-MLP logits; `y` holds integer labels.
#[jit]
#[differentiable]
fn mlp_loss(p: &Mlp, #[no_grad] x: &Tensor, #[no_grad] y: &Tensor) -> Result<Tensor> {
    let h = (&x.matmul(&p.w1)? + &p.b1).tanh()?;
    let h = (&h.matmul(&p.w2)? + &p.b2).tanh()?;
    let z = &h.matmul(&p.w3)? + &p.b3;
    let (n, k) = (z.shape()[0], z.shape()[1]);
    let z = &z - &z.max(&[1])?.reshape(&[n, 1])?;
    let logp = &z - &z.exp()?.sum(&[1])?.ln()?.reshape(&[n, 1])?;
    let onehot = Tensor::iota(DType::I32, &[n, k], 1)?
        .equal(&y.reshape(&[n, 1])?)?
        .astype(z.dtype())?;
    Ok(-&(&logp * &onehot).sum(&[0, 1])? / n as f64)
}

/// One SGD step (returns the loss before it and the new parameters): one executable.
#[jit]
fn mlp_sgd_step(p: &Mlp, x: &Tensor, y: &Tensor, lr: f64) -> Result<(Tensor, Mlp)> {
    let (l, g) = mlp_loss_value_and_grad(p, x, y)?;
    Ok((l, p.axpy(-lr, &g)?))
}

/// Parameters and data from threefry keys (the distributions of bench.py; the numbers differ).
fn w3_inputs() -> Result<(Mlp, Tensor, Tensor)> {
    let ks = random::split(&random::key(0)?, 3)?;
    let kl = random::split(&ks[0], 3)?;
    let layer = |k: &Tensor, m: i64, n: i64| -> Result<(Tensor, Tensor)> {
        let w = random::normal(k, DType::F32, &[m, n])? / (m as f64).sqrt();
        Ok((w, Tensor::zeros(DType::F32, &[n])?))
    };
    let s = W3_SIZES;
    let (w1, b1) = layer(&kl[0], s[0], s[1])?;
    let (w2, b2) = layer(&kl[1], s[1], s[2])?;
    let (w3, b3) = layer(&kl[2], s[2], s[3])?;
    let x = random::normal(&ks[1], DType::F32, &[W3_BATCH, s[0]])?;
    let y = (random::uniform(&ks[2], DType::F32, &[W3_BATCH])? * 10.0)
        .floor()?
        .astype(DType::I32)?;
    let p = Mlp {
        w1,
        b1,
        w2,
        b2,
        w3,
        b3,
    };
    Ok((p, x, y))
}

// ============================================================================ W5 wave2d

const N_WAVE: i64 = 256;
const STEPS: usize = 200;
const DT: f64 = 0.5;
/// (c dt / dx)² with c = 1, dx = 1.
const R2: f64 = 0.25;

/// `jnp.roll(u, shift, axis)`.
fn roll(u: &Tensor, shift: i64, axis: i64) -> Result<Tensor> {
    let n = u.shape()[axis as usize];
    let k = shift.rem_euclid(n);
    Tensor::concatenate(
        &[
            &u.slice_axis(axis, n - k, n)?,
            &u.slice_axis(axis, 0, n - k)?,
        ],
        axis,
    )
}

fn laplacian(u: &Tensor) -> Result<Tensor> {
    Ok(roll(u, 1, 0)? + roll(u, -1, 0)? + roll(u, 1, 1)? + roll(u, -1, 1)? - u * 4.0)
}

#[jit]
fn wave_simulate(u0: &Tensor, steps: usize) -> Result<(Tensor, Tensor)> {
    let mut u_prev = u0.clone();
    let mut u = u0 + &(laplacian(u0)? * (0.5 * R2));
    for _ in 0..steps {
        let next = &u * 2.0 - &u_prev + laplacian(&u)? * R2;
        u_prev = u;
        u = next;
    }
    Ok((u_prev, u))
}

#[jit]
#[differentiable]
fn wave_energy(u0: &Tensor, steps: usize) -> Result<Tensor> {
    let (u_prev, u) = wave_simulate(u0, steps)?;
    let v = (&u - &u_prev) / DT;
    let gx = roll(&u, -1, 0)? - &u;
    let gy = roll(&u, -1, 1)? - &u;
    Ok((&v * &v).sum(&[0, 1])? * 0.5 + (&gx * &gx + &gy * &gy).sum(&[0, 1])? * 0.5)
}

fn wave_u0() -> Result<Tensor> {
    let n = N_WAVE as usize;
    let u0: Vec<f32> = (0..n * n)
        .map(|k| {
            let (i, j) = ((k / n) as f64, (k % n) as f64);
            (-((i - 100.0).powi(2) + (j - 140.0).powi(2)) / (2.0 * 10.0f64.powi(2))).exp() as f32
        })
        .collect();
    Tensor::from_vec(u0, &[N_WAVE, N_WAVE])
}

// ============================================================================ W7 dispatch

#[jit]
fn add_one(x: &Tensor) -> Result<Tensor> {
    Ok(x + 1.0)
}

// ============================================================================ calls

/// Waits for a result by reading it (there is no public `block_until_ready`).
fn wait_scalar(t: &Tensor) -> f64 {
    t.to_f64_vec().expect("read the result")[0]
}

fn wait_f32(t: &Tensor) -> usize {
    t.to_vec::<f32>().expect("read the result").len()
}

struct Inputs {
    a: Tensor,
    mlp: Mlp,
    x: Tensor,
    y: Tensor,
    u0: Tensor,
    one: Tensor,
}

fn inputs() -> Result<Inputs> {
    let (mlp, x, y) = w3_inputs()?;
    Ok(Inputs {
        a: Tensor::scalar(2.0f64)?,
        mlp,
        x,
        y,
        u0: wave_u0()?,
        one: Tensor::scalar(1.0f32)?,
    })
}

// ============================================================================ first calls

/// The functions whose first call is timed, each in a fresh process.
const PROBES: [&str; 5] = [
    "W3 loss primal",
    "W3 value_and_grad",
    "W3 sgd_step",
    "W5 final energy primal",
    "W5 grad(final energy) wrt u0",
];

/// In the child: bring the client up (an unrelated jitted call), make the inputs, then time
/// the first call of the probed function and check that it missed the function's cache.
fn probe(name: &str) -> Result<()> {
    wait_scalar(&add_one(&Tensor::scalar(1.0f32)?)?);
    let inp = inputs()?;
    let t = Instant::now();
    let (misses, s) = match name {
        "W3 loss primal" => {
            wait_scalar(&mlp_loss(&inp.mlp, &inp.x, &inp.y)?);
            (mlp_loss_cache_stats().misses, t.elapsed())
        }
        "W3 value_and_grad" => {
            wait_scalar(&mlp_loss_value_and_grad(&inp.mlp, &inp.x, &inp.y)?.0);
            (mlp_loss_cache_stats().misses, t.elapsed())
        }
        "W3 sgd_step" => {
            wait_scalar(&mlp_sgd_step(&inp.mlp, &inp.x, &inp.y, W3_LR)?.0);
            (mlp_sgd_step_cache_stats().misses, t.elapsed())
        }
        "W5 final energy primal" => {
            wait_scalar(&wave_energy(&inp.u0, STEPS)?);
            (wave_energy_cache_stats().misses, t.elapsed())
        }
        "W5 grad(final energy) wrt u0" => {
            wait_f32(&wave_energy_grad(&inp.u0, STEPS)?);
            (wave_energy_cache_stats().misses, t.elapsed())
        }
        other => panic!("unknown probe {other}"),
    };
    assert_eq!(misses, 1, "{name}: the first call was not a cache miss");
    println!("PROBE {} {misses}", s.as_secs_f64());
    Ok(())
}

fn first_call_times() -> Vec<(&'static str, Option<f64>)> {
    let exe = std::env::current_exe().expect("the bench's path");
    PROBES
        .iter()
        .map(|&name| {
            let out = std::process::Command::new(&exe)
                .env("XLA_BENCH_PROBE", name)
                .output()
                .expect("run the probe");
            let text = String::from_utf8_lossy(&out.stdout);
            let secs = text
                .lines()
                .find_map(|l| l.strip_prefix("PROBE "))
                .and_then(|l| l.split_whitespace().next())
                .and_then(|s| s.parse::<f64>().ok());
            if secs.is_none() {
                eprintln!(
                    "probe {name} failed: {}\n{}",
                    text,
                    String::from_utf8_lossy(&out.stderr)
                );
            }
            (name, secs)
        })
        .collect()
}

// ============================================================================ JAX-style timing

fn target_s() -> f64 {
    std::env::var("XLA_BENCH_TARGET_S")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1.0)
}

/// bench.py's `time_call`: 3 warm-ups, a pilot of ~0.1 target, then `target / per_call`
/// individually timed calls (at least 5); the median, in seconds.
fn median_call(mut f: impl FnMut()) -> (f64, usize) {
    let target = target_s();
    for _ in 0..3 {
        f();
    }
    let (mut k, t0) = (0usize, Instant::now());
    loop {
        f();
        k += 1;
        let el = t0.elapsed().as_secs_f64();
        if el >= 0.1 * target || k >= 20_000 {
            let reps = ((target / (el / k as f64)).round() as usize).clamp(5, 2_000_000);
            let mut ts: Vec<f64> = (0..reps)
                .map(|_| {
                    let t = Instant::now();
                    f();
                    t.elapsed().as_secs_f64()
                })
                .collect();
            ts.sort_by(f64::total_cmp);
            return (ts[reps / 2], reps);
        }
    }
}

fn fmt_s(s: f64) -> String {
    if s < 1e-3 {
        format!("{:.1} us", s * 1e6)
    } else {
        format!("{:.3} ms", s * 1e3)
    }
}

fn report() -> Result<()> {
    let firsts = first_call_times();
    let inp = inputs()?;

    // Checks (bench.py's `checks`; W5's are deterministic, so comparable with JAX's).
    let y = wait_scalar(&newton_sqrt(&inp.a)?);
    let g = wait_scalar(&newton_sqrt_grad(&inp.a)?);
    let gf = wait_scalar(&newton_sqrt_fori_grad(&inp.a)?);
    let exact = 1.0 / (2.0 * 2f64.sqrt());
    println!(
        "W2: sqrt(2) = {y:.16}, grad (while) {g:.16}, grad (fori30) {gf:.16}, exact {exact:.16}"
    );
    let l0 = wait_scalar(&mlp_loss(&inp.mlp, &inp.x, &inp.y)?);
    let (_, gr) = mlp_loss_value_and_grad(&inp.mlp, &inp.x, &inp.y)?;
    let gl2: f64 = gr
        .leaves()
        .iter()
        .map(|t| t.to_f64_vec().map(|v| v.iter().map(|x| x * x).sum::<f64>()))
        .sum::<Result<f64>>()?
        .sqrt();
    println!("W3: initial loss {l0:.6}, |grad| {gl2:.6}");
    let e = wait_scalar(&wave_energy(&inp.u0, STEPS)?);
    let gw = wave_energy_grad(&inp.u0, STEPS)?.to_vec::<f32>()?;
    let (_, uf) = wave_simulate(&inp.u0, STEPS)?;
    let uf = uf.to_vec::<f32>()?;
    let n = N_WAVE as usize;
    println!(
        "W5: final energy {e:.6}, final u sum {:.6}, |grad| {:.6}, grad sum {:.6}, grad[100,140] {:.6}",
        uf.iter().map(|&v| v as f64).sum::<f64>(),
        gw.iter().map(|&v| (v as f64).powi(2)).sum::<f64>().sqrt(),
        gw.iter().map(|&v| v as f64).sum::<f64>(),
        gw[100 * n + 140]
    );
    println!("W7: add_one(1) = {}", wait_scalar(&add_one(&inp.one)?));

    // Timings.
    let mut rows: Vec<(&str, f64, usize)> = vec![];
    let mut row = |name: &'static str, f: &mut dyn FnMut()| {
        let (m, reps) = median_call(f);
        println!("  {name:<40} {:>12}  ({reps} calls)", fmt_s(m));
        rows.push((name, m, reps));
    };
    println!("\nmedians (each call timed, including reading a result):");
    row("W2 while primal", &mut || {
        black_box(wait_scalar(&newton_sqrt(&inp.a).unwrap()));
    });
    row("W2 while grad (max_iters = 50)", &mut || {
        black_box(wait_scalar(&newton_sqrt_grad(&inp.a).unwrap()));
    });
    row("W2 fori30 primal", &mut || {
        black_box(wait_scalar(&newton_sqrt_fori(&inp.a).unwrap()));
    });
    row("W2 fori30 grad", &mut || {
        black_box(wait_scalar(&newton_sqrt_fori_grad(&inp.a).unwrap()));
    });
    row("W3 loss primal", &mut || {
        black_box(wait_scalar(&mlp_loss(&inp.mlp, &inp.x, &inp.y).unwrap()));
    });
    row("W3 value_and_grad", &mut || {
        let (l, g) = mlp_loss_value_and_grad(&inp.mlp, &inp.x, &inp.y).unwrap();
        black_box((wait_scalar(&l), g));
    });
    let mut p = inp.mlp.clone();
    row("W3 sgd_step (params threaded)", &mut || {
        let (l, next) = mlp_sgd_step(&p, &inp.x, &inp.y, W3_LR).unwrap();
        p = next;
        black_box(wait_scalar(&l));
    });
    row("W5 simulate (final fields)", &mut || {
        let (_, u) = wave_simulate(&inp.u0, STEPS).unwrap();
        black_box(wait_f32(&u));
    });
    row("W5 final energy primal", &mut || {
        black_box(wait_scalar(&wave_energy(&inp.u0, STEPS).unwrap()));
    });
    row("W5 grad(final energy) wrt u0", &mut || {
        black_box(wait_f32(&wave_energy_grad(&inp.u0, STEPS).unwrap()));
    });
    // JAX's own W5 programs compiled by this PJRT plugin: separates our overhead from the
    // difference between the plugin's XLA build and jaxlib's (see the module docs).
    if let Some(dir) = std::env::var_os("XLA_JAX_MLIR_DIR") {
        let client = oxidiff::xla::pjrt::Client::global()?;
        let buf = inp
            .u0
            .buffer()
            .ok_or_else(|| oxidiff::xla::Error::Other("u0 is not on the device".into()))?;
        for (file, name) in [
            (
                "w5_energy.mlir",
                "W5 energy: JAX's StableHLO on this plugin",
            ),
            ("w5_grad.mlir", "W5 grad: JAX's StableHLO on this plugin"),
        ] {
            let path = std::path::Path::new(&dir).join(file);
            let text = std::fs::read_to_string(&path)
                .map_err(|e| oxidiff::xla::Error::Other(format!("{}: {e}", path.display())))?;
            let exe = client.compile(&text)?;
            row(name, &mut || {
                let out = exe.execute(&[buf]).unwrap();
                black_box(out[0].to_bytes().unwrap());
            });
        }
    }
    row("W7 jit x+1 f32 scalar (per call)", &mut || {
        black_box(wait_scalar(&add_one(&inp.one).unwrap()));
    });
    let mut best = f64::INFINITY;
    for _ in 0..3 {
        let t = Instant::now();
        let mut y = inp.one.clone();
        for _ in 0..10_000 {
            y = add_one(&y)?;
        }
        wait_scalar(&y);
        best = best.min(t.elapsed().as_secs_f64() / 1e4);
    }
    println!(
        "  {:<40} {:>12}  (10,000 chained calls, one wait; best of 3)",
        "W7 chained (per call)",
        fmt_s(best)
    );

    let med = |name: &str| rows.iter().find(|r| r.0 == name).map_or(f64::NAN, |r| r.1);
    println!("\nratios:");
    for (a, b) in [
        ("W2 fori30 grad", "W2 fori30 primal"),
        ("W2 while grad (max_iters = 50)", "W2 while primal"),
        ("W3 value_and_grad", "W3 loss primal"),
        ("W3 sgd_step (params threaded)", "W3 loss primal"),
        ("W5 grad(final energy) wrt u0", "W5 final energy primal"),
    ] {
        println!("  {a} / {b}: {:.3}", med(a) / med(b));
    }
    println!(
        "  W5 ns per cell-step (energy primal): {:.3}",
        med("W5 final energy primal") / (N_WAVE * N_WAVE) as f64 / STEPS as f64 * 1e9
    );

    println!("\nfirst call of a fresh function (trace + autodiff + lower + XLA compile + run), each in a new process:");
    for (name, s) in firsts {
        match s {
            Some(s) => println!("  {name:<40} {:>10.1} ms", s * 1e3),
            None => println!("  {name:<40} failed"),
        }
    }
    Ok(())
}

// ============================================================================ criterion

fn bench_all(c: &mut Criterion) {
    let inp = inputs().expect("inputs");
    let mut g = c.benchmark_group("W2_newton_sqrt");
    g.sample_size(50)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2));
    g.bench_function("while_primal", |b| {
        b.iter(|| wait_scalar(&newton_sqrt(black_box(&inp.a)).unwrap()))
    });
    g.bench_function("while_grad", |b| {
        b.iter(|| wait_scalar(&newton_sqrt_grad(black_box(&inp.a)).unwrap()))
    });
    g.bench_function("fori30_primal", |b| {
        b.iter(|| wait_scalar(&newton_sqrt_fori(black_box(&inp.a)).unwrap()))
    });
    g.bench_function("fori30_grad", |b| {
        b.iter(|| wait_scalar(&newton_sqrt_fori_grad(black_box(&inp.a)).unwrap()))
    });
    g.finish();

    let mut g = c.benchmark_group("W3_mlp");
    g.sample_size(20)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2));
    g.bench_function("loss_primal", |b| {
        b.iter(|| wait_scalar(&mlp_loss(&inp.mlp, &inp.x, &inp.y).unwrap()))
    });
    g.bench_function("value_and_grad", |b| {
        b.iter(|| {
            let (l, g) = mlp_loss_value_and_grad(&inp.mlp, &inp.x, &inp.y).unwrap();
            (wait_scalar(&l), g)
        })
    });
    let mut p = inp.mlp.clone();
    g.bench_function("sgd_step", |b| {
        b.iter(|| {
            let (l, next) = mlp_sgd_step(&p, &inp.x, &inp.y, W3_LR).unwrap();
            p = next;
            wait_scalar(&l)
        })
    });
    g.finish();

    let mut g = c.benchmark_group("W5_wave2d");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(3));
    g.bench_function("energy_primal", |b| {
        b.iter(|| wait_scalar(&wave_energy(&inp.u0, STEPS).unwrap()))
    });
    g.bench_function("energy_grad_wrt_u0", |b| {
        b.iter(|| wait_f32(&wave_energy_grad(&inp.u0, STEPS).unwrap()))
    });
    g.finish();

    let mut g = c.benchmark_group("W7_dispatch");
    g.warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2));
    g.bench_function("jit_call_scalar", |b| {
        b.iter(|| wait_scalar(&add_one(black_box(&inp.one)).unwrap()))
    });
    g.finish();
}

criterion_group!(benches, bench_all);

fn main() {
    if let Ok(name) = std::env::var("XLA_BENCH_PROBE") {
        probe(&name).expect("probe");
        return;
    }
    report().expect("report");
    if std::env::var_os("XLA_QUICK").is_some() {
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
