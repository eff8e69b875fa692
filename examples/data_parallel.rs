//! Data-parallel training: the same model, data and global batch trained on 1 device and on
//! 4 CPU devices (`cpu_device_count = 4`). On 4 devices each device gets a quarter of every
//! batch, computes the gradient of its shard's loss, and the gradients are averaged with a
//! cross-replica `all_reduce` (`all_reduce_mean`), so both runs take the same steps: the
//! two loss curves coincide (up to float rounding of the reordered sums).
//!
//! Run: `cargo run --release --example data_parallel` (writes `data_parallel_loss.png`).

use std::time::Instant;

use oxidiff::xla::autodiff::value_and_grad_call;
use oxidiff::xla::ir::{BinaryOp, TensorType};
use oxidiff::xla::parallel::{DataParallel, DistTensor, Placement};
use oxidiff::xla::pjrt::Client;
use oxidiff::xla::{random, DType, Result};
use oxidiff::{differentiable, jit, Differentiable, Tensor, TensorTree};

const FEATURES: i64 = 16;
const HIDDEN: i64 = 64;
const BATCH: i64 = 256; // global batch, split 4 ways on 4 devices
const BATCHES: usize = 8; // the data set: 8 batches, visited in turn
const STEPS: usize = 300;
const LR: f64 = 0.1;

/// The per-example loss of a two-layer MLP regressing a fixed "teacher" network's outputs,
/// averaged over the rows of (this replica's shard of) the batch.
/// Args: x [b, F], y [b], w1 [F, H], b1 [H], w2 [H], b2 [].
fn loss(a: &[Tensor]) -> Result<Vec<Tensor>> {
    let (x, y, w1, b1, w2, b2) = (&a[0], &a[1], &a[2], &a[3], &a[4], &a[5]);
    let h = x.matmul(w1)?.try_add(b1)?.tanh()?;
    let err = h.matmul(w2)?.try_add(b2)?.try_sub(y)?;
    Ok(vec![err.try_mul(&err)?.mean(&[0])?])
}

/// One SGD step per replica: the local gradient, averaged over the replicas, applied to the
/// replicated parameters. Returns (mean loss, new parameters...).
fn step(a: &[Tensor]) -> Result<Vec<Tensor>> {
    let args: Vec<&Tensor> = a.iter().collect();
    let (l, grads) = value_and_grad_call(&args, &[2, 3, 4, 5], loss)?;
    let mut out = vec![l[0].all_reduce_mean()?];
    for (p, g) in a[2..].iter().zip(grads) {
        let g = g.all_reduce_mean()?;
        out.push(p.try_sub(&g.binary_scalar(BinaryOp::Mul, LR)?)?);
    }
    Ok(out)
}

fn param_types() -> Vec<TensorType> {
    let t = |s: &[i64]| TensorType::new(DType::F32, s);
    vec![t(&[FEATURES, HIDDEN]), t(&[HIDDEN]), t(&[HIDDEN]), t(&[])]
}

/// One batch: inputs and targets.
type Batch = (Tensor, Tensor);

/// Seeded synthetic data: inputs ~ N(0, 1), targets from a random teacher MLP plus noise.
/// Returns the batches and the initial parameters.
fn make_data() -> Result<(Vec<Batch>, Vec<Tensor>)> {
    let k = random::split(&random::key(0)?, 5)?;
    let n = BATCH * BATCHES as i64;
    let x = random::normal(&k[0], DType::F32, &[n, FEATURES])?;
    let tw1 = random::normal(&k[1], DType::F32, &[FEATURES, 8])?
        .binary_scalar(BinaryOp::Mul, 1.0 / (FEATURES as f64).sqrt())?;
    let tw2 = random::normal(&k[2], DType::F32, &[8])?;
    let noise = random::normal(&k[3], DType::F32, &[n])?.binary_scalar(BinaryOp::Mul, 0.05)?;
    let y = x.matmul(&tw1)?.sin()?.matmul(&tw2)?.try_add(&noise)?;
    let batches = (0..BATCHES as i64)
        .map(|i| {
            Ok((
                x.slice_axis(0, i * BATCH, (i + 1) * BATCH)?,
                y.slice_axis(0, i * BATCH, (i + 1) * BATCH)?,
            ))
        })
        .collect::<Result<Vec<_>>>()?;
    // Initial parameters: normals scaled by 1/sqrt(fan-in), zero biases.
    let scaled = |key: &Tensor, shape: &[i64]| {
        random::normal(key, DType::F32, shape)?
            .binary_scalar(BinaryOp::Mul, 1.0 / (shape[0] as f64).sqrt())
    };
    let params = vec![
        scaled(&k[4], &[FEATURES, HIDDEN])?,
        Tensor::zeros(DType::F32, &[HIDDEN])?,
        scaled(&random::fold_in(&k[4], 1)?, &[HIDDEN])?,
        Tensor::zeros(DType::F32, &[])?,
    ];
    Ok((batches, params))
}

/// Trains on `dp`'s devices; returns the loss of every step and the seconds per step.
fn train(dp: &DataParallel, data: &[Batch], init: &[Tensor]) -> Result<(Vec<f64>, f64)> {
    let mut inputs = vec![
        (
            Placement::Sharded,
            TensorType::new(DType::F32, &[BATCH, FEATURES]),
        ),
        (Placement::Sharded, TensorType::new(DType::F32, &[BATCH])),
    ];
    inputs.extend(
        param_types()
            .into_iter()
            .map(|t| (Placement::Replicated, t)),
    );
    let f = dp.jit(&inputs, &[Placement::Replicated; 5], step)?;
    // The data and the parameters go to the devices once; each step's new parameters stay
    // there for the next step.
    let shards = data
        .iter()
        .map(|(x, y)| Ok((dp.shard(x)?, dp.shard(y)?)))
        .collect::<Result<Vec<_>>>()?;
    let mut params: Vec<DistTensor> = init
        .iter()
        .map(|p| dp.replicate(p))
        .collect::<Result<_>>()?;
    let mut losses = Vec::with_capacity(STEPS);
    let t0 = Instant::now();
    for s in 0..STEPS {
        let (x, y) = &shards[s % BATCHES];
        let mut args = vec![x, y];
        args.extend(params.iter());
        let mut out = f.call(&args)?;
        params = out.split_off(1);
        losses.push(out[0].to_tensor()?.to_scalar::<f32>()? as f64);
    }
    Ok((losses, t0.elapsed().as_secs_f64() / STEPS as f64))
}

// ---- the same training step through the macros: `#[shard]` arguments split over devices ----

#[derive(Clone, Differentiable)]
struct Mlp {
    w1: Tensor,
    b1: Tensor,
    w2: Tensor,
    b2: Tensor,
}

#[jit]
#[differentiable]
fn mlp_loss(p: &Mlp, #[no_grad] x: &Tensor, #[no_grad] y: &Tensor) -> Result<Tensor> {
    let h = (&x.matmul(&p.w1)? + &p.b1).tanh()?;
    let err = &(&h.matmul(&p.w2)? + &p.b2) - y;
    (&err * &err).mean(&[0])
}

/// One SGD step; `sgd_step_data_parallel(&dp, ..)` runs it with `x` and `y` split over the
/// devices, and the means make every device take the same step.
#[jit]
fn sgd_step(p: &Mlp, #[shard] x: &Tensor, #[shard] y: &Tensor) -> Result<(Tensor, Mlp)> {
    let (l, g) = mlp_loss_value_and_grad(p, x, y)?;
    let g = g.map(|t| t.all_reduce_mean())?;
    Ok((l.all_reduce_mean()?, p.axpy(-LR, &g)?))
}

/// Trains with the generated `sgd_step_data_parallel` (inputs placed on the devices at
/// every call, results gathered): returns the losses.
fn train_with_macros(dp: &DataParallel, data: &[Batch], init: &[Tensor]) -> Result<Vec<f64>> {
    let mut p = Mlp {
        w1: init[0].clone(),
        b1: init[1].clone(),
        w2: init[2].clone(),
        b2: init[3].clone(),
    };
    let mut losses = Vec::with_capacity(STEPS);
    for s in 0..STEPS {
        let (x, y) = &data[s % BATCHES];
        let (l, next) = sgd_step_data_parallel(dp, &p, x, y)?;
        losses.push(l.to_scalar::<f32>()? as f64);
        p = next;
    }
    Ok(losses)
}

fn main() -> Result<()> {
    let (data, init) = make_data()?;
    let one = DataParallel::new(Client::global()?, 1)?;
    let four = DataParallel::cpu(4)?;
    println!(
        "MLP {FEATURES}-{HIDDEN}-1, f32, global batch {BATCH}, {STEPS} SGD steps (lr {LR}); \
         on 4 devices each gets {} rows",
        BATCH / 4
    );
    let (l1, t1) = train(&one, &data, &init)?;
    let (l4, t4) = train(&four, &data, &init)?;
    println!(
        "{:>6} {:>14} {:>14} {:>11}",
        "step", "1 device", "4 devices", "|diff|"
    );
    let mut max_diff = 0.0f64;
    for (s, (a, b)) in l1.iter().zip(&l4).enumerate() {
        let d = (a - b).abs();
        max_diff = max_diff.max(d / a.abs().max(1e-30));
        if s % 25 == 0 || s == STEPS - 1 {
            println!("{s:>6} {a:>14.8} {b:>14.8} {d:>11.2e}");
        }
    }
    println!("largest relative difference of the two loss curves: {max_diff:.2e}");
    let lm = train_with_macros(&four, &data, &init)?;
    let macro_diff = lm
        .iter()
        .zip(&l4)
        .map(|(a, b)| (a - b).abs() / b.abs().max(1e-30))
        .fold(0.0f64, f64::max);
    println!(
        "#[jit] + #[shard] (sgd_step_data_parallel) on 4 devices: final loss {:.8}, largest \
         relative difference from the runner's curve {macro_diff:.2e}",
        lm[STEPS - 1]
    );
    println!(
        "time per step: {:.2} ms on 1 device, {:.2} ms on 4 devices (CPU devices share this \
         machine's cores, so this shows overheads, not a speed-up)",
        t1 * 1e3,
        t4 * 1e3
    );
    plot("data_parallel_loss.png", &l1, &l4);
    println!("wrote data_parallel_loss.png (blue: 1 device, thick; red: 4 devices, thin, on top)");
    Ok(())
}

/// Both loss curves (log scale) on a white canvas with light grid lines at powers of ten.
fn plot(path: &str, a: &[f64], b: &[f64]) {
    let (w, h, m) = (800usize, 480usize, 40usize);
    let mut rgb = vec![255u8; w * h * 3];
    let put = |rgb: &mut Vec<u8>, x: i64, y: i64, c: [u8; 3]| {
        if x >= 0 && y >= 0 && (x as usize) < w && (y as usize) < h {
            let i = (y as usize * w + x as usize) * 3;
            rgb[i..i + 3].copy_from_slice(&c);
        }
    };
    let all: Vec<f64> = a.iter().chain(b).map(|v| v.max(1e-12).log10()).collect();
    let lo = all.iter().cloned().fold(f64::INFINITY, f64::min).floor();
    let hi = all.iter().cloned().fold(f64::NEG_INFINITY, f64::max).ceil();
    let hi = if hi > lo { hi } else { lo + 1.0 };
    let sx = |s: usize| m as f64 + s as f64 / (a.len().max(2) - 1) as f64 * (w - 2 * m) as f64;
    let sy = |v: f64| (h - m) as f64 - (v.max(1e-12).log10() - lo) / (hi - lo) * (h - 2 * m) as f64;
    // Grid and axes.
    let mut d = lo;
    while d <= hi {
        let y = sy(10f64.powf(d)).round() as i64;
        for x in m..w - m {
            put(&mut rgb, x as i64, y, [225, 225, 225]);
        }
        d += 1.0;
    }
    for x in m..w - m {
        put(&mut rgb, x as i64, (h - m) as i64, [0, 0, 0]);
    }
    for y in m..h - m + 1 {
        put(&mut rgb, m as i64, y as i64, [0, 0, 0]);
    }
    // Curves: straight segments between consecutive steps.
    let curve = |rgb: &mut Vec<u8>, v: &[f64], c: [u8; 3], r: i64| {
        for s in 1..v.len() {
            let (x0, y0, x1, y1) = (sx(s - 1), sy(v[s - 1]), sx(s), sy(v[s]));
            let n = ((x1 - x0).abs().max((y1 - y0).abs()).ceil() as usize).max(1);
            for k in 0..=n {
                let t = k as f64 / n as f64;
                let (x, y) = (x0 + t * (x1 - x0), y0 + t * (y1 - y0));
                for dx in -r..=r {
                    for dy in -r..=r {
                        put(rgb, x.round() as i64 + dx, y.round() as i64 + dy, c);
                    }
                }
            }
        }
    };
    curve(&mut rgb, a, [40, 90, 220], 2);
    curve(&mut rgb, b, [220, 40, 40], 0);
    // Legend: a blue and a red swatch in the top-right corner.
    for (i, c) in [[40u8, 90, 220], [220, 40, 40]].iter().enumerate() {
        for x in 0..30 {
            for y in 0..8 {
                put(
                    &mut rgb,
                    (w - m - 40 + x) as i64,
                    (m + 10 + 16 * i + y) as i64,
                    *c,
                );
            }
        }
    }
    let file = std::fs::File::create(path).expect("create the PNG file");
    let mut enc = png::Encoder::new(std::io::BufWriter::new(file), w as u32, h as u32);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    let mut wr = enc.write_header().expect("write the PNG header");
    wr.write_image_data(&rgb).expect("write the PNG data");
}
