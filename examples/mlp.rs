//! Training a small MLP with a jitted SGD step: loss, gradient and parameter update compile to
//! one XLA executable (`sgd_step`), called once per step with the parameters threaded through.
//!
//! The data: three interleaved 2-D spirals (600 points, generated with a seeded RNG). The model:
//! 2-64-64-3 with tanh, softmax cross-entropy, float32, full-batch gradient descent.
//!
//! Run: `cargo run --release --example mlp` (writes `mlp_loss.png`, the loss curve).

use indicatif::{ProgressBar, ProgressStyle};
use oxidiff::xla::{DType, Result};
use oxidiff::{differentiable, jit, Differentiable, Tensor, TensorTree};

const CLASSES: usize = 3;
const PER_CLASS: usize = 200;
const HIDDEN: usize = 64;
const STEPS: usize = 3000;
const LR: f64 = 0.5;

#[derive(Clone, Differentiable)]
struct Mlp {
    w1: Tensor,
    b1: Tensor,
    w2: Tensor,
    b2: Tensor,
    w3: Tensor,
    b3: Tensor,
}

/// Logits of a batch `x` (`[n, 2]` → `[n, CLASSES]`).
#[jit]
fn logits(p: &Mlp, x: &Tensor) -> Result<Tensor> {
    let h = (&x.matmul(&p.w1)? + &p.b1).tanh()?;
    let h = (&h.matmul(&p.w2)? + &p.b2).tanh()?;
    Ok(&h.matmul(&p.w3)? + &p.b3)
}

/// Mean softmax cross-entropy; `y` holds the labels (i32).
#[jit]
#[differentiable]
fn loss(p: &Mlp, #[no_grad] x: &Tensor, #[no_grad] y: &Tensor) -> Result<Tensor> {
    let z = logits(p, x)?;
    let (n, k) = (z.shape()[0], z.shape()[1]);
    let z = &z - &z.max(&[1])?.reshape(&[n, 1])?;
    let lse = z.exp()?.sum(&[1])?.ln()?.reshape(&[n, 1])?;
    let logp = &z - &lse;
    let onehot = Tensor::iota(DType::I32, &[n, k], 1)?
        .equal(&y.reshape(&[n, 1])?)?
        .astype(z.dtype())?;
    Ok(-&(&logp * &onehot).sum(&[0, 1])? / n as f64)
}

/// One gradient-descent step: (loss before the step, updated parameters), one executable.
#[jit]
fn sgd_step(p: &Mlp, x: &Tensor, y: &Tensor, lr: f64) -> Result<(Tensor, Mlp)> {
    let (l, g) = loss_value_and_grad(p, x, y)?;
    Ok((l, p.axpy(-lr, &g)?))
}

/// A small seeded generator (SplitMix64) so the example needs no RNG crate.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn normal(&mut self) -> f64 {
        let (u1, u2) = (self.uniform().max(1e-300), self.uniform());
        (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    }
}

/// Three spirals: class c's points at radius r ∈ [0, 1], angle 4r + 2πc/3, plus noise.
fn spirals(rng: &mut Rng) -> (Vec<f32>, Vec<i32>) {
    let mut x = Vec::with_capacity(CLASSES * PER_CLASS * 2);
    let mut y = Vec::with_capacity(CLASSES * PER_CLASS);
    for c in 0..CLASSES {
        for i in 0..PER_CLASS {
            let r = i as f64 / PER_CLASS as f64;
            let t = 4.0 * r
                + 2.0 * std::f64::consts::PI * c as f64 / CLASSES as f64
                + 0.2 * rng.normal();
            x.push((r * t.sin()) as f32);
            x.push((r * t.cos()) as f32);
            y.push(c as i32);
        }
    }
    (x, y)
}

fn init(rng: &mut Rng) -> Result<Mlp> {
    let mut dense = |m: usize, n: usize| -> Result<(Tensor, Tensor)> {
        let s = 1.0 / (m as f64).sqrt();
        let w: Vec<f32> = (0..m * n).map(|_| (rng.normal() * s) as f32).collect();
        Ok((
            Tensor::from_vec(w, &[m as i64, n as i64])?,
            Tensor::zeros(DType::F32, &[n as i64])?,
        ))
    };
    let (w1, b1) = dense(2, HIDDEN)?;
    let (w2, b2) = dense(HIDDEN, HIDDEN)?;
    let (w3, b3) = dense(HIDDEN, CLASSES)?;
    Ok(Mlp {
        w1,
        b1,
        w2,
        b2,
        w3,
        b3,
    })
}

fn accuracy(p: &Mlp, x: &Tensor, y: &[i32]) -> Result<f64> {
    let z = logits(p, x)?.to_vec::<f32>()?;
    let correct = z
        .chunks(CLASSES)
        .zip(y)
        .filter(|(row, &label)| {
            let best = (0..CLASSES)
                .max_by(|&a, &b| row[a].total_cmp(&row[b]))
                .unwrap_or(0);
            best == label as usize
        })
        .count();
    Ok(correct as f64 / y.len() as f64)
}

fn main() -> Result<()> {
    let mut rng = Rng(42);
    let (xv, yv) = spirals(&mut rng);
    let n = yv.len() as i64;
    let x = Tensor::from_vec(xv, &[n, 2])?;
    let y = Tensor::from_vec(yv.clone(), &[n])?;
    let mut p = init(&mut rng)?;
    println!(
        "{} points in {CLASSES} spirals; MLP 2-{HIDDEN}-{HIDDEN}-{CLASSES} (tanh), f32, full-batch SGD lr {LR}, {STEPS} steps",
        n
    );

    let l0 = loss(&p, &x, &y)?.to_scalar::<f32>()?;
    let acc0 = accuracy(&p, &x, &yv)?;
    println!(
        "before training: loss {l0:.4}, accuracy {:.1}%",
        100.0 * acc0
    );

    let t = std::time::Instant::now();
    let (_, p1) = sgd_step(&p, &x, &y, LR)?;
    let first = t.elapsed();
    let _ = p1;
    println!("first sgd_step call (trace + autodiff + XLA compile + run): {first:.2?}");

    let bar = ProgressBar::new(STEPS as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} steps, {per_sec}, loss {msg}")
            .expect("a valid progress template"),
    );
    let mut curve = Vec::with_capacity(STEPS);
    let t = std::time::Instant::now();
    for step in 0..STEPS {
        let (l, next) = sgd_step(&p, &x, &y, LR)?;
        p = next;
        let l = l.to_scalar::<f32>()?;
        curve.push(l);
        if step % 50 == 0 {
            bar.set_message(format!("{l:.4}"));
        }
        bar.inc(1);
    }
    bar.finish_with_message(format!("{:.4}", curve[STEPS - 1]));
    let el = t.elapsed();

    let l1 = loss(&p, &x, &y)?.to_scalar::<f32>()?;
    let acc1 = accuracy(&p, &x, &yv)?;
    println!(
        "after {STEPS} steps ({:.1?}, {:.1} us/step): loss {l0:.4} -> {l1:.4}, accuracy {:.1}% -> {:.1}% (chance {:.1}%)",
        el,
        el.as_secs_f64() * 1e6 / STEPS as f64,
        100.0 * acc0,
        100.0 * acc1,
        100.0 / CLASSES as f64
    );
    let st = sgd_step_cache_stats();
    println!(
        "sgd_step compile cache: {} miss(es), {} hits",
        st.misses, st.hits
    );
    assert!(l1 < 0.5 * l0, "the loss did not decrease enough");
    assert!(acc1 > 0.8, "accuracy {acc1} is not clearly above chance");
    // `p` is a pytree: its leaves are the 6 parameter tensors.
    println!("parameter tensors: {}", p.leaves().len());

    write_curve("mlp_loss.png", &curve);
    println!("wrote mlp_loss.png (training loss per step, log scale)");
    Ok(())
}

/// The loss curve on a log scale, drawn into an RGB buffer: a frame, horizontal grid lines at
/// each power of ten, and the curve as connected line segments.
fn write_curve(path: &str, ys: &[f32]) {
    let (w, h, m) = (800usize, 400usize, 30usize);
    let mut rgb = vec![255u8; w * h * 3];
    let put = |x: i64, y: i64, c: [u8; 3], rgb: &mut [u8]| {
        if x >= 0 && y >= 0 && (x as usize) < w && (y as usize) < h {
            let k = (y as usize * w + x as usize) * 3;
            rgb[k..k + 3].copy_from_slice(&c);
        }
    };
    let logs: Vec<f64> = ys.iter().map(|&v| (v.max(1e-12) as f64).log10()).collect();
    let lo = logs.iter().cloned().fold(f64::INFINITY, f64::min).floor();
    let hi = logs
        .iter()
        .cloned()
        .fold(f64::NEG_INFINITY, f64::max)
        .ceil();
    let hi = if hi > lo { hi } else { lo + 1.0 };
    let px = |i: usize| m as f64 + (w - 2 * m) as f64 * i as f64 / (ys.len().max(2) - 1) as f64;
    let py = |v: f64| (h - m) as f64 - (h - 2 * m) as f64 * (v - lo) / (hi - lo);
    // grid lines at powers of ten, then the frame
    let mut d = lo;
    while d <= hi {
        let y = py(d).round() as i64;
        for x in m..w - m {
            put(x as i64, y, [220, 220, 220], &mut rgb);
        }
        d += 1.0;
    }
    for x in m..=w - m {
        put(x as i64, m as i64, [0, 0, 0], &mut rgb);
        put(x as i64, (h - m) as i64, [0, 0, 0], &mut rgb);
    }
    for y in m..=h - m {
        put(m as i64, y as i64, [0, 0, 0], &mut rgb);
        put((w - m) as i64, y as i64, [0, 0, 0], &mut rgb);
    }
    // the curve: a line from each point to the next
    for i in 1..logs.len() {
        let (x0, y0, x1, y1) = (px(i - 1), py(logs[i - 1]), px(i), py(logs[i]));
        let n = ((x1 - x0).abs().max((y1 - y0).abs()).ceil() as usize).max(1);
        for s in 0..=n {
            let t = s as f64 / n as f64;
            let (x, y) = (x0 + t * (x1 - x0), y0 + t * (y1 - y0));
            for dy in 0..2 {
                put(
                    x.round() as i64,
                    y.round() as i64 + dy,
                    [200, 30, 30],
                    &mut rgb,
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
