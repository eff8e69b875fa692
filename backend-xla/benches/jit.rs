//! The `Tensor` / [`Compiled`] path (what `#[jit]` uses), measured against the raw PJRT
//! runtime and against JAX's anchor workloads (`shared/anchors/jax/bench.py`):
//!
//! - `jit_x_plus_one/*` (W7): per-call overhead of a compiled `x + 1` on an f32 scalar,
//!   traced from `Tensor` ops. `raw/*` runs the same executable through `Executable::execute`
//!   on a `Buffer`; `compiled/*` goes through `Compiled::call` on `Tensor`s. JAX's
//!   `jit_call_device_scalar` (device argument, `block_until_ready`, no read back) is closest
//!   to `*/execute+read`: the read of a CPU scalar is a ready-event wait plus a 4-byte copy.
//! - `mlp_compile/*` (W3 compile): an MLP 784-512-512-10 forward pass (tanh, log-softmax
//!   cross-entropy, batch 128) built with `Tensor` ops: trace, lower, XLA compile, and all
//!   three (the compile cache is bypassed). Compare with JAX's AOT trace/lower/compile and
//!   first-call times for W3 `loss_primal`.
//! - `mlp_forward/call` (W3 `loss_primal`): running the compiled loss.
//! - `matmul_1024/*`: a 1024×1024 f32 matmul through `Compiled::call` and eager
//!   `Tensor::matmul` (criterion reports FLOP/s: throughput is 2·n³ elements).
//!
//! Before criterion runs, each group prints a plain measurement in the style of JAX's
//! harness (individually timed calls: min / median / mean), which is what the README compares.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use oxidiff_xla::ir::{CmpOp, Graph};
use oxidiff_xla::lower::lower;
use oxidiff_xla::pjrt::Client;
use oxidiff_xla::tensor::Tensor;
use oxidiff_xla::trace::{trace, Compiled};
use oxidiff_xla::{DType, Result};
use std::time::{Duration, Instant};

/// Calls `f` `n` times, each timed on its own; returns (min, median, mean) in seconds.
fn sample<R>(n: usize, mut f: impl FnMut() -> R) -> (f64, f64, f64) {
    let mut ts: Vec<f64> = (0..n)
        .map(|_| {
            let t = Instant::now();
            black_box(f());
            t.elapsed().as_secs_f64()
        })
        .collect();
    ts.sort_by(|a, b| a.total_cmp(b));
    (ts[0], ts[n / 2], ts.iter().sum::<f64>() / n as f64)
}

fn report(what: &str, (min, med, mean): (f64, f64, f64)) {
    let fmt = |s: f64| {
        if s < 1e-3 {
            format!("{:.2} µs", s * 1e6)
        } else {
            format!("{:.2} ms", s * 1e3)
        }
    };
    eprintln!(
        "  {what:<44} min {:>10}  median {:>10}  mean {:>10}",
        fmt(min),
        fmt(med),
        fmt(mean)
    );
}

// ---- W7: x + 1 ----------------------------------------------------------------------

fn x_plus_one(cr: &mut Criterion) {
    let c = Client::global().expect("the PJRT CPU plugin");
    let f =
        Compiled::trace(&[(DType::F32, vec![])], |x| Ok(vec![&x[0] + 1.0])).expect("trace x + 1");
    // The executable `f` runs (the compile cache returns the same one for the same text).
    let exe = c.compile_cached(f.mlir()).unwrap();
    let xb = c.buffer_from_host(&[41.0f32], &[], 0).unwrap();
    let xt = Tensor::scalar(41.0f32).unwrap();
    assert_eq!(f.call(&[&xt]).unwrap()[0].to_scalar::<f32>().unwrap(), 42.0);

    let n = 20_000;
    for _ in 0..1000 {
        black_box(f.call(&[&xt]).unwrap());
    }
    // Two rounds: the first also warms caches and clocks; the second is the one to quote.
    for round in 1..=2 {
        eprintln!("x + 1 on an f32 scalar, {n} individually timed calls (round {round}):");
        report("raw: execute", sample(n, || exe.execute(&[&xb]).unwrap()));
        report(
            "raw: execute+read",
            sample(n, || {
                exe.execute(&[&xb]).unwrap()[0].to_vec::<f32>().unwrap()[0]
            }),
        );
        report(
            "raw: copy_in+execute+read",
            sample(n, || {
                let x = c.buffer_from_host(&[41.0f32], &[], 0).unwrap();
                exe.execute(&[&x]).unwrap()[0].to_vec::<f32>().unwrap()[0]
            }),
        );
        report("compiled: call", sample(n, || f.call(&[&xt]).unwrap()));
        report(
            "compiled: call+to_scalar",
            sample(n, || f.call(&[&xt]).unwrap()[0].to_scalar::<f32>().unwrap()),
        );
        report(
            "compiled: scalar+call+to_scalar",
            sample(n, || {
                let x = Tensor::scalar(41.0f32).unwrap();
                f.call(&[&x]).unwrap()[0].to_scalar::<f32>().unwrap()
            }),
        );
        report(
            "parts: Tensor::scalar",
            sample(n, || Tensor::scalar(41.0f32).unwrap()),
        );
        report(
            "parts: Client::buffer_from_host",
            sample(n, || c.buffer_from_host(&[41.0f32], &[], 0).unwrap()),
        );
        report(
            "parts: Client::global",
            sample(n, || Client::global().unwrap()),
        );
        report("parts: Tensor::to_scalar", {
            let y = f.call(&[&xt]).unwrap();
            sample(n, move || y[0].to_scalar::<f32>().unwrap())
        });
        report(
            "eager: &x + 1.0 (cached one-op compile)",
            sample(n / 10, || &xt + 1.0),
        );
        // What an eager op pays per call on top of running its executable.
        let one_op = || trace(&[(DType::F32, vec![])], |x| Ok(vec![&x[0] + 1.0])).unwrap();
        report("eager parts: trace a one-op graph", sample(n / 10, one_op));
        let g1 = one_op();
        report(
            "eager parts: lower it",
            sample(n / 10, || lower(&g1).unwrap()),
        );
        let m1 = lower(&g1).unwrap();
        report(
            "eager parts: compile_cached (hit)",
            sample(n / 10, || c.compile_cached(&m1).unwrap()),
        );
        report(
            "eager parts: Compiled::compile (hit)",
            sample(n / 10, || Compiled::compile(&g1).unwrap()),
        );
    }

    let mut g = cr.benchmark_group("jit_x_plus_one");
    g.measurement_time(Duration::from_secs(3));
    g.bench_function("raw/execute+read", |b| {
        b.iter(|| exe.execute(&[&xb]).unwrap()[0].to_vec::<f32>().unwrap()[0])
    });
    g.bench_function("compiled/call", |b| b.iter(|| f.call(&[&xt]).unwrap()));
    g.bench_function("compiled/call+to_scalar", |b| {
        b.iter(|| f.call(&[&xt]).unwrap()[0].to_scalar::<f32>().unwrap())
    });
    g.bench_function("compiled/scalar+call+to_scalar", |b| {
        b.iter(|| {
            let x = Tensor::scalar(black_box(41.0f32)).unwrap();
            f.call(&[&x]).unwrap()[0].to_scalar::<f32>().unwrap()
        })
    });
    g.bench_function("eager/add_scalar", |b| b.iter(|| &xt + 1.0));
    g.finish();
}

// ---- W3: MLP 784-512-512-10 ---------------------------------------------------------

const BATCH: i64 = 128;
const SIZES: [i64; 4] = [784, 512, 512, 10];

/// Input types: x f32[128,784], y i32[128], then (W, b) per layer.
fn mlp_inputs() -> Vec<(DType, Vec<i64>)> {
    let mut v = vec![
        (DType::F32, vec![BATCH, SIZES[0]]),
        (DType::I32, vec![BATCH]),
    ];
    for w in SIZES.windows(2) {
        v.push((DType::F32, vec![w[0], w[1]]));
        v.push((DType::F32, vec![w[1]]));
    }
    v
}

/// Mean softmax cross-entropy of an MLP (tanh hidden layers), as JAX's W3 `mlp_loss`.
fn mlp_loss(a: &[Tensor]) -> Result<Vec<Tensor>> {
    let (x, y, p) = (&a[0], &a[1], &a[2..]);
    let mut h = x.clone();
    for l in 0..2 {
        h = (&h.matmul(&p[2 * l])? + &p[2 * l + 1]).tanh()?;
    }
    let logits = &h.matmul(&p[4])? + &p[5];
    let k = SIZES[3];
    let m = logits.max(&[1])?.reshape(&[BATCH, 1])?;
    let z = &logits - &m;
    let lse = z.exp()?.sum(&[1])?.ln()?.reshape(&[BATCH, 1])?;
    let logp = &z - &lse;
    let onehot = Tensor::iota(DType::I32, &[BATCH, k], 1)?
        .compare(CmpOp::Eq, &y.reshape(&[BATCH, 1])?)?
        .astype(DType::F32)?;
    let picked = (&logp * &onehot).sum(&[1])?;
    Ok(vec![-picked.mean(&[0])?])
}

fn mlp_trace() -> Graph {
    trace(&mlp_inputs(), mlp_loss).expect("trace the MLP")
}

/// Deterministic data: N(0,1)-ish inputs, W scaled by 1/sqrt(fan_in), b = 0, labels 0..9.
fn mlp_args() -> Vec<Tensor> {
    let mut s = 0x2545_f491_4f6c_dd1du64;
    let mut rnd = move || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        // Sum of 4 uniforms, centred and scaled to unit variance.
        let u: f64 = (0..4)
            .map(|i| ((s >> (16 * i)) & 0xffff) as f64 / 65536.0)
            .sum();
        ((u - 2.0) * 3.0f64.sqrt()) as f32
    };
    let mut v = Vec::new();
    let n = (BATCH * SIZES[0]) as usize;
    v.push(Tensor::from_vec((0..n).map(|_| rnd()).collect(), &[BATCH, SIZES[0]]).unwrap());
    v.push(Tensor::from_vec((0..BATCH as i32).map(|i| i % 10).collect(), &[BATCH]).unwrap());
    for w in SIZES.windows(2) {
        let scale = 1.0 / (w[0] as f32).sqrt();
        let n = (w[0] * w[1]) as usize;
        v.push(Tensor::from_vec((0..n).map(|_| rnd() * scale).collect(), &[w[0], w[1]]).unwrap());
        v.push(Tensor::zeros(DType::F32, &[w[1]]).unwrap());
    }
    v
}

fn mlp(cr: &mut Criterion) {
    let c = Client::global().expect("the PJRT CPU plugin");
    let g0 = mlp_trace();
    let mlir = lower(&g0).unwrap();
    eprintln!(
        "MLP 784-512-512-10 loss: {} equations, {} chars of StableHLO",
        g0.num_eqns(),
        mlir.len()
    );
    let args = mlp_args();
    let refs: Vec<&Tensor> = args.iter().collect();

    // The very first Compiled::trace of the process (cold compile cache) and its first call.
    let t = Instant::now();
    let f = Compiled::trace(&mlp_inputs(), mlp_loss).unwrap();
    let t_jit = t.elapsed().as_secs_f64();
    let loss = f.call(&refs).unwrap()[0].to_scalar::<f32>().unwrap();
    let t_first = t.elapsed().as_secs_f64();
    eprintln!(
        "  first Compiled::trace {:.1} ms, + first call {:.1} ms (loss {loss:.4})",
        t_jit * 1e3,
        t_first * 1e3
    );

    let reps = 15;
    eprintln!("MLP compile, {reps} individually timed reps (compile cache bypassed):");
    report("trace", sample(reps * 4, mlp_trace));
    report("lower", sample(reps * 4, || lower(&g0).unwrap()));
    report(
        "XLA compile (Client::compile)",
        sample(reps, || c.compile(&mlir).unwrap()),
    );
    report(
        "trace+lower+compile",
        sample(reps, || c.compile(&lower(&mlp_trace()).unwrap()).unwrap()),
    );
    report(
        "trace+lower+compile+first run",
        sample(reps, || {
            let exe = c.compile(&lower(&mlp_trace()).unwrap()).unwrap();
            let bufs: Vec<_> = args.iter().map(|t| t.buffer().unwrap()).collect();
            exe.execute(&bufs).unwrap()[0].to_vec::<f32>().unwrap()
        }),
    );
    eprintln!("MLP forward (loss), 200 individually timed calls:");
    for _ in 0..20 {
        black_box(f.call(&refs).unwrap());
    }
    report(
        "Compiled::call+to_scalar",
        sample(200, || {
            f.call(&refs).unwrap()[0].to_scalar::<f32>().unwrap()
        }),
    );

    let mut g = cr.benchmark_group("mlp_compile");
    g.sample_size(10).measurement_time(Duration::from_secs(4));
    g.bench_function("trace", |b| b.iter(mlp_trace));
    g.bench_function("lower", |b| b.iter(|| lower(&g0).unwrap()));
    g.bench_function("compile", |b| b.iter(|| c.compile(&mlir).unwrap()));
    g.bench_function("trace+lower+compile", |b| {
        b.iter(|| c.compile(&lower(&mlp_trace()).unwrap()).unwrap())
    });
    g.finish();

    let mut g = cr.benchmark_group("mlp_forward");
    g.sample_size(20).measurement_time(Duration::from_secs(3));
    g.bench_function("call+to_scalar", |b| {
        b.iter(|| f.call(&refs).unwrap()[0].to_scalar::<f32>().unwrap())
    });
    g.finish();
}

// ---- 1024×1024 matmul ----------------------------------------------------------------

fn matmul_1024(cr: &mut Criterion) {
    let n = 1024i64;
    let data: Vec<f32> = (0..n * n).map(|i| (i % 17) as f32 * 0.25).collect();
    let a = Tensor::from_vec(data.clone(), &[n, n]).unwrap();
    let b = Tensor::from_vec(data, &[n, n]).unwrap();
    let f = Compiled::trace(&[(DType::F32, vec![n, n]), (DType::F32, vec![n, n])], |x| {
        Ok(vec![x[0].matmul(&x[1])?])
    })
    .unwrap();
    let flops = 2.0 * (n as f64).powi(3);
    let run = || f.call(&[&a, &b]).unwrap()[0].to_vec::<f32>().unwrap();
    for _ in 0..3 {
        black_box(run());
    }
    let (min, med, _) = sample(30, run);
    eprintln!(
        "matmul {n}x{n} f32 (Compiled::call + read back), 30 timed calls: min {:.2} ms ({:.1} GFLOP/s), \
         median {:.2} ms ({:.1} GFLOP/s)",
        min * 1e3,
        flops / min / 1e9,
        med * 1e3,
        flops / med / 1e9
    );
    let mut g = cr.benchmark_group("matmul_1024");
    g.sample_size(10)
        .measurement_time(Duration::from_secs(4))
        .throughput(Throughput::Elements(flops as u64));
    g.bench_function("compiled/call+read", |bch| bch.iter(run));
    g.bench_function("eager/matmul", |bch| bch.iter(|| a.matmul(&b).unwrap()));
    g.finish();
}

criterion_group!(benches, x_plus_one, mlp, matmul_1024);
criterion_main!(benches);
