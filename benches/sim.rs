//! Array workloads: simulations and long vectors written the way users write them (flat `Vec`s,
//! nested index loops, double buffering with `mem::swap`), differentiated by `#[differentiable]`
//! and compared with the primal and with hand-written adjoints.
//!
//! Run: `cargo bench --bench sim` (about a minute). `SIM_QUICK=1` skips criterion and only
//! prints the checks and the memory report; `SIM_INTERLEAVED=1` times the variants of each
//! workload round-robin instead (min and median per call, steadier ratios on a shared machine).
//!
//! - `wave2d`: JAX's W5 — 2-D wave equation on a 256×256 periodic grid, leapfrog with
//!   c = 1, dt = 0.5, dx = 1 (r² = (c dt/dx)² = 0.25), zero initial velocity (Taylor start
//!   step u₁ = u₀ + ½ r² Δu₀), 200 steps, energy ½ Σ ((uₙ − uₙ₋₁)/dt)² + ½ c² Σ |∇⁺uₙ|²
//!   (forward differences, periodic); u₀ a Gaussian bump (σ = 10) at (100, 140). Gradient of
//!   the energy w.r.t. u₀. At f32 (JAX's W5 runs in float32) and f64.
//! - `rosenbrock`: JAX's W1 at n = 10⁶: Σ_{i<n−1} 100 (x_{i+1} − x_i²)² + (1 − x_i)², with
//!   x_i = 1.2 cos(0.37 i), f64 (and f32); gradient w.r.t. x.
//!   `rosen_par` is the same sum written as a rayon chain (`(0..n-1).into_par_iter().map(..)
//!   .sum()`): its primal runs on rayon's threads, and so does its gradient's replay.
//! - `linear_model`: ML-style code at n = 10⁶: a parameter struct (`w: Vec<f64>`, `b: f64`,
//!   `#[derive(Differentiable)]`) and the squared residuals Σ (wᵢ xᵢ + b − yᵢ)², written as an
//!   index loop and as `zip`/`map`/`sum`; gradient w.r.t. the struct and both data slices.
//!
//! Peak memory: a counting `#[global_allocator]` tracks the bytes currently allocated and the
//! high-water mark; before criterion runs, one call of each variant is measured as
//! (peak during the call) − (allocated before it), which includes the result vectors.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use criterion::{criterion_group, Criterion};
use oxidiff::fpmode::flush_denormals;
use oxidiff::{differentiable, Real};
use rayon::prelude::*;

// ============================================================================ memory counter

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            let now = CURRENT.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() {
            if new_size >= layout.size() {
                let d = new_size - layout.size();
                let now = CURRENT.fetch_add(d, Ordering::Relaxed) + d;
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                CURRENT.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Bytes allocated at the peak of `f()` beyond what was allocated before it. It runs on a fresh
/// thread, so that memory oxidiff's tapes recycle per thread from earlier calls is not reused
/// (and so not missed) here.
fn peak_bytes<R: Send>(f: impl FnOnce() -> R + Send) -> (R, usize) {
    std::thread::scope(|s| {
        s.spawn(|| {
            let before = CURRENT.load(Ordering::SeqCst);
            PEAK.store(before, Ordering::SeqCst);
            let r = f();
            (r, PEAK.load(Ordering::SeqCst) - before)
        })
        .join()
        .unwrap_or_else(|e| std::panic::resume_unwind(e))
    })
}

/// (user, system) CPU seconds of this process so far, from /proc/self/stat (10 ms ticks).
fn cpu_times() -> (f64, f64) {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the parenthesized command name; utime and stime are fields 14 and 15.
    let rest = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    let tick = |k: usize| f.get(k).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0) / 100.0;
    (tick(11), tick(12))
}

/// Wall, user and system seconds per call of `f`, over `reps` calls.
fn split_times<R>(reps: usize, mut f: impl FnMut() -> R) -> (f64, f64, f64) {
    let (u0, s0) = cpu_times();
    let t0 = std::time::Instant::now();
    for _ in 0..reps {
        black_box(f());
    }
    let wall = t0.elapsed().as_secs_f64();
    let (u1, s1) = cpu_times();
    let r = reps as f64;
    (wall / r, (u1 - u0) / r, (s1 - s0) / r)
}

fn mib(b: usize) -> f64 {
    b as f64 / (1024.0 * 1024.0)
}

// ============================================================================ W5: 2-D wave

const N: usize = 256;
const STEPS: usize = 200;

/// The 2-D wave function, written as a user would, once plain and once with `#[checkpoint]` on
/// its time loop (the same source, so the two are compared on equal terms).
macro_rules! wave_fn {
    ($(#[$doc:meta])* $name:ident $(, #[$cp:meta])?) => {
        $(#[$doc])*
        #[differentiable]
        fn $name<T: Real>(u0: &[T], n: usize, steps: usize) -> T {
            let r2 = T::from_f64(0.25);
            let half = T::from_f64(0.5);
            let four = T::from_f64(4.0);
            let two = T::from_f64(2.0);
            let inv_dt = T::from_f64(2.0);
            let mut u_prev = u0.to_vec();
            let mut u = u0.to_vec();
            let mut u_next = u0.to_vec();
            // Taylor start step with zero initial velocity.
            for i in 0..n {
                let im = if i == 0 { n - 1 } else { i - 1 };
                let ip = if i == n - 1 { 0 } else { i + 1 };
                for j in 0..n {
                    let jm = if j == 0 { n - 1 } else { j - 1 };
                    let jp = if j == n - 1 { 0 } else { j + 1 };
                    let lap = u0[im * n + j] + u0[ip * n + j] + u0[i * n + jm] + u0[i * n + jp]
                        - four * u0[i * n + j];
                    u[i * n + j] = u0[i * n + j] + half * r2 * lap;
                }
            }
            $(#[$cp])?
            for _ in 0..steps {
                for i in 0..n {
                    let im = if i == 0 { n - 1 } else { i - 1 };
                    let ip = if i == n - 1 { 0 } else { i + 1 };
                    for j in 0..n {
                        let jm = if j == 0 { n - 1 } else { j - 1 };
                        let jp = if j == n - 1 { 0 } else { j + 1 };
                        let lap = u[im * n + j] + u[ip * n + j] + u[i * n + jm] + u[i * n + jp]
                            - four * u[i * n + j];
                        u_next[i * n + j] = two * u[i * n + j] - u_prev[i * n + j] + r2 * lap;
                    }
                }
                std::mem::swap(&mut u_prev, &mut u);
                std::mem::swap(&mut u, &mut u_next);
            }
            let mut e = T::zero();
            for i in 0..n {
                let ip = if i == n - 1 { 0 } else { i + 1 };
                for j in 0..n {
                    let jp = if j == n - 1 { 0 } else { j + 1 };
                    let v = (u[i * n + j] - u_prev[i * n + j]) * inv_dt;
                    let gx = u[ip * n + j] - u[i * n + j];
                    let gy = u[i * n + jp] - u[i * n + j];
                    e += half * v * v + half * (gx * gx + gy * gy);
                }
            }
            e
        }
    };
}

wave_fn! {
    /// The final energy of the leapfrog simulation, written as a user would: three flat buffers,
    /// nested loops with periodic neighbours, two swaps per step.
    wave_energy
}

wave_fn! {
    /// [`wave_energy`] with `#[checkpoint]` on the time loop: O(√steps) saved states instead of
    /// one per step, for one extra forward pass.
    wave_energy_cp, #[checkpoint]
}

/// out = a·u + b·Δu (periodic 5-point Laplacian) + c·w, the one kernel of the hand adjoint.
#[inline(always)]
fn axpy_lap<T: Real>(out: &mut [T], u: &[T], w: &[T], a: T, b: T, c: T, n: usize) {
    let four = T::from_f64(4.0);
    for i in 0..n {
        let im = if i == 0 { n - 1 } else { i - 1 };
        let ip = if i == n - 1 { 0 } else { i + 1 };
        for j in 0..n {
            let jm = if j == 0 { n - 1 } else { j - 1 };
            let jp = if j == n - 1 { 0 } else { j + 1 };
            let k = i * n + j;
            let lap = u[im * n + j] + u[ip * n + j] + u[i * n + jm] + u[i * n + jp] - four * u[k];
            out[k] = a * u[k] + b * lap + c * w[k];
        }
    }
}

/// Hand-written gradient of [`wave_energy`]: the simulation is linear, so the adjoint runs the
/// transposed step backwards from the final state's energy gradient without storing the
/// trajectory. Step (p, c) → (c, 2c − p + r² L c); its transpose maps cotangents (p̄', c̄') to
/// p̄ = −c̄', c̄ = p̄' + 2c̄' + r² L c̄' (L, the periodic Laplacian, is symmetric).
fn wave_energy_grad_hand<T: Real>(u0: &[T], n: usize, steps: usize) -> (T, Vec<T>) {
    let r2 = T::from_f64(0.25);
    let half = T::from_f64(0.5);
    let inv_dt = T::from_f64(2.0);
    let zero = T::zero();
    let one = T::one();
    let two = T::from_f64(2.0);
    let mut p = u0.to_vec();
    let mut c = u0.to_vec();
    let mut t = u0.to_vec();
    axpy_lap(&mut c, u0, u0, one, half * r2, zero, n);
    for _ in 0..steps {
        // t = 2c + r² L c − p
        axpy_lap(&mut t, &c, &p, two, r2, -one, n);
        std::mem::swap(&mut p, &mut c);
        std::mem::swap(&mut c, &mut t);
    }
    // Energy and its gradient w.r.t. (p, c): dE/dc = (c − p)/dt² − L c, dE/dp = −(c − p)/dt².
    let mut e = zero;
    for i in 0..n {
        let ip = if i == n - 1 { 0 } else { i + 1 };
        for j in 0..n {
            let jp = if j == n - 1 { 0 } else { j + 1 };
            let k = i * n + j;
            let v = (c[k] - p[k]) * inv_dt;
            let gx = c[ip * n + j] - c[k];
            let gy = c[i * n + jp] - c[k];
            e += half * v * v + half * (gx * gx + gy * gy);
        }
    }
    let k2 = inv_dt * inv_dt;
    let mut pb = vec![zero; n * n]; // p̄
    let mut cb = vec![zero; n * n]; // c̄
    axpy_lap(&mut cb, &c, &p, k2, -one, -k2, n);
    for k in 0..n * n {
        pb[k] = -(c[k] - p[k]) * k2;
    }
    // Backwards through the steps: (p̄, c̄) ← (−c̄, p̄ + 2c̄ + r² L c̄).
    for _ in 0..steps {
        axpy_lap(&mut t, &cb, &pb, two, r2, one, n);
        for k in 0..n * n {
            pb[k] = -cb[k];
        }
        std::mem::swap(&mut cb, &mut t);
    }
    // Through the start step c = u0 + ½ r² L u0, p = u0.
    let mut g = vec![zero; n * n];
    axpy_lap(&mut g, &cb, &pb, one, half * r2, one, n);
    (e, g)
}

fn wave_u0<T: Real>() -> Vec<T> {
    (0..N * N)
        .map(|k| {
            let (i, j) = ((k / N) as f64, (k % N) as f64);
            T::from_f64((-((i - 100.0).powi(2) + (j - 140.0).powi(2)) / (2.0 * 100.0)).exp())
        })
        .collect()
}

// ============================================================================ W1: Rosenbrock

const ROSEN_N: usize = 1_000_000;

#[differentiable]
fn rosen<T: Real>(x: &[T]) -> T {
    let hundred = T::from_f64(100.0);
    let mut s = T::zero();
    for i in 0..x.len() - 1 {
        s += hundred * (x[i + 1] - x[i] * x[i]).powi(2) + (T::one() - x[i]).powi(2);
    }
    s
}

/// W1 as a rayon chain: the primal and the gradient's replay run on all cores.
#[differentiable]
fn rosen_par<T: Real + std::iter::Sum>(x: &[T]) -> T {
    let hundred = T::from_f64(100.0);
    (0..x.len() - 1)
        .into_par_iter()
        .map(|i| hundred * (x[i + 1] - x[i] * x[i]).powi(2) + (T::one() - x[i]).powi(2))
        .sum::<T>()
}

fn rosen_grad_hand<T: Real>(x: &[T]) -> Vec<T> {
    let n = x.len();
    let hundred = T::from_f64(100.0);
    let two = T::from_f64(2.0);
    let mut g = vec![T::zero(); n];
    for i in 0..n - 1 {
        let d = x[i + 1] - x[i] * x[i];
        g[i] = g[i] - two * hundred * d * two * x[i] - two * (T::one() - x[i]);
        g[i + 1] = two * hundred * d;
    }
    g
}

/// The floor for any implementation of W1's gradient on this machine: each element of the
/// gradient written once, in one pass over `x` (`g_j = 200 d_{j-1} - 400 d_j x_j - 2 (1 - x_j)`,
/// `d_j = x_{j+1} - x_j²`), into a fresh vector as `jit(grad)` returns one. It is what XLA's
/// fused program does; with `threads = 2` the pass is split over two threads as XLA splits it.
fn rosen_grad_floor(x: &[f64], threads: usize) -> Vec<f64> {
    let n = x.len();
    let mut g: Vec<f64> = Vec::with_capacity(n);
    let out = &mut g.spare_capacity_mut()[..n];
    let d = |j: usize| x[j + 1] - x[j] * x[j];
    out[0].write(-400.0 * d(0) * x[0] - 2.0 * (1.0 - x[0]));
    out[n - 1].write(200.0 * d(n - 2));
    let interior = |lo: usize, out: &mut [std::mem::MaybeUninit<f64>]| {
        let m = out.len();
        let (xa, xb, xc) = (&x[lo - 1..][..m], &x[lo..][..m], &x[lo + 1..][..m]);
        for k in 0..m {
            let (d0, d1) = (xb[k] - xa[k] * xa[k], xc[k] - xb[k] * xb[k]);
            out[k].write(200.0 * d0 - 400.0 * d1 * xb[k] - 2.0 * (1.0 - xb[k]));
        }
    };
    let inner = &mut out[1..n - 1];
    let chunk = inner.len().div_ceil(threads.max(1));
    std::thread::scope(|s| {
        for (c, part) in inner.chunks_mut(chunk).enumerate() {
            if c + 1 == threads {
                interior(1 + c * chunk, part);
            } else {
                s.spawn(move || interior(1 + c * chunk, part));
            }
        }
    });
    // SAFETY: every element of `out` was written above (the first, the last, the chunks).
    unsafe { g.set_len(n) };
    g
}

// ============================================================================ linear model

#[derive(Clone, Debug, oxidiff::Differentiable)]
struct Linear {
    w: Vec<f64>,
    b: f64,
}

#[differentiable]
fn linear_loss(p: &Linear, x: &[f64], y: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in 0..x.len() {
        let r = p.w[i] * x[i] + p.b - y[i];
        s += r * r;
    }
    s
}

/// The same sum of squared residuals as an iterator chain over `w`, `x` and `y`.
#[differentiable]
fn linear_loss_iter(w: &[f64], b: f64, x: &[f64], y: &[f64]) -> f64 {
    w.iter()
        .zip(x.iter())
        .zip(y.iter())
        .map(|((wi, xi), yi)| (wi * xi + b - yi) * (wi * xi + b - yi))
        .sum()
}

type LinearGrad = (Linear, Vec<f64>, Vec<f64>);

fn linear_loss_grad_hand(p: &Linear, x: &[f64], y: &[f64]) -> LinearGrad {
    let n = x.len();
    let (mut gw, mut gx, mut gy) = (vec![0.0; n], vec![0.0; n], vec![0.0; n]);
    let mut gb = 0.0;
    for i in 0..n {
        let g = 2.0 * (p.w[i] * x[i] + p.b - y[i]);
        gw[i] = g * x[i];
        gx[i] = g * p.w[i];
        gy[i] = -g;
        gb += g;
    }
    (Linear { w: gw, b: gb }, gx, gy)
}

fn linear_data() -> (Linear, Vec<f64>, Vec<f64>) {
    let n = ROSEN_N;
    let w = (0..n)
        .map(|i| 0.5 + 0.3 * (0.11 * i as f64).sin())
        .collect();
    let x = (0..n).map(|i| (0.07 * i as f64).cos()).collect();
    let y = (0..n).map(|i| 0.2 * (0.05 * i as f64).sin()).collect();
    (Linear { w, b: 0.1 }, x, y)
}

fn rosen_x<T: Real>() -> Vec<T> {
    (0..ROSEN_N)
        .map(|i| T::from_f64(1.2 * (0.37 * i as f64).cos()))
        .collect()
}

// ============================================================================ checks + memory

fn rel_err<T: Real>(a: &[T], b: &[T]) -> f64 {
    let num: f64 = a
        .iter()
        .zip(b)
        .map(|(x, y)| (x.to_f64().unwrap() - y.to_f64().unwrap()).powi(2))
        .sum();
    let den: f64 = b.iter().map(|y| y.to_f64().unwrap().powi(2)).sum();
    (num / den).sqrt()
}

fn l2<T: Real>(a: &[T]) -> f64 {
    a.iter()
        .map(|x| x.to_f64().unwrap().powi(2))
        .sum::<f64>()
        .sqrt()
}

fn report() {
    let state = N * N * 8;
    println!("== sim: checks and peak memory (bytes allocated beyond the inputs, per call)");
    // wave, f64 and f32
    let u0: Vec<f64> = wave_u0();
    let (e, m_primal) = peak_bytes(|| wave_energy(&u0, N, STEPS));
    let (g, m_grad) = peak_bytes(|| wave_energy_grad(&u0, N, STEPS));
    let g64 = g.clone();
    let ((eh, gh), m_hand) = peak_bytes(|| wave_energy_grad_hand(&u0, N, STEPS));
    let (gcp, m_cp) = peak_bytes(|| wave_energy_cp_grad(&u0, N, STEPS));
    println!(
        "wave f64 #[checkpoint]: _grad peak {:.1} MiB = {:.2} state copies in all (vs {:.2} per step without), grad vs plain rel. L2 error {:.2e}",
        mib(m_cp),
        m_cp as f64 / state as f64,
        m_grad as f64 / state as f64 / STEPS as f64,
        rel_err(&gcp, &g)
    );
    println!(
        "wave f64: energy {e:.9e} (hand {eh:.9e}), |grad| {:.6e}, grad[100,140] {:.6e}, grad vs hand rel. L2 error {:.2e}",
        l2(&g),
        g[100 * N + 140],
        rel_err(&g, &gh)
    );
    println!(
        "wave f64 peak: primal {:.2} MiB, _grad {:.1} MiB = {:.2} state copies (512 KiB) per step ({} steps), hand adjoint {:.2} MiB",
        mib(m_primal),
        mib(m_grad),
        m_grad as f64 / state as f64 / STEPS as f64,
        STEPS,
        mib(m_hand)
    );
    let u0: Vec<f32> = wave_u0();
    let (e, _) = peak_bytes(|| wave_energy(&u0, N, STEPS));
    let (g, m_grad) = peak_bytes(|| wave_energy_grad(&u0, N, STEPS));
    let ((_, gh), _) = peak_bytes(|| wave_energy_grad_hand(&u0, N, STEPS));
    println!(
        "wave f32: energy {e:.7e}, |grad| {:.6e}, grad vs hand rel. L2 error {:.2e} (vs f64: _grad {:.2e}, hand {:.2e}); _grad peak {:.1} MiB = {:.2} f32 state copies (256 KiB) per step",
        l2(&g),
        rel_err(&g, &gh),
        rel_err(&g.iter().map(|&v| v as f64).collect::<Vec<_>>(), &g64),
        rel_err(&gh.iter().map(|&v| v as f64).collect::<Vec<_>>(), &g64),
        mib(m_grad),
        m_grad as f64 / (N * N * 4) as f64 / STEPS as f64
    );
    // Where the time of a gradient call goes: user code vs the kernel (page faults of the
    // freshly allocated tapes).
    let u0: Vec<f64> = wave_u0();
    for (name, (w, u, s)) in [
        (
            "wave f64 primal",
            split_times(20, || wave_energy(&u0, N, STEPS)),
        ),
        (
            "wave f64 _grad",
            split_times(4, || wave_energy_grad(&u0, N, STEPS)),
        ),
        (
            "wave f64 hand",
            split_times(10, || wave_energy_grad_hand(&u0, N, STEPS)),
        ),
    ] {
        println!("{name}: wall {w:.4} s/call, user {u:.4} s, system {s:.4} s");
    }
    let x: Vec<f64> = rosen_x();
    for (name, (w, u, s)) in [
        ("rosenbrock f64 primal", split_times(200, || rosen(&x))),
        ("rosenbrock f64 _grad", split_times(20, || rosen_grad(&x))),
    ] {
        println!("{name}: wall {w:.5} s/call, user {u:.5} s, system {s:.5} s");
    }
    let (v, _) = peak_bytes(|| rosen(&x));
    let (g, m_grad) = peak_bytes(|| rosen_grad(&x));
    let (gh, m_hand) = peak_bytes(|| rosen_grad_hand(&x));
    println!(
        "rosenbrock f64 n=1e6: value {v:.9e}, |grad| {:.6e}, grad vs hand rel. L2 error {:.2e}; peak _grad {:.1} MiB ({:.1} bytes/element), hand {:.1} MiB",
        l2(&g),
        rel_err(&g, &gh),
        mib(m_grad),
        m_grad as f64 / ROSEN_N as f64,
        mib(m_hand)
    );
    // The floor variants compute the same gradient (checked, not only timed).
    for threads in [1, 2] {
        let e = rel_err(&rosen_grad_floor(&x, threads), &g);
        println!("rosenbrock f64 floor, {threads} thread(s): vs _grad rel. L2 error {e:.2e}");
        assert!(e < 1e-12, "the floor variant is not the gradient");
    }
    let (gp, m_par) = peak_bytes(|| rosen_par_grad(&x));
    let e = rel_err(&gp, &g);
    println!(
        "rosenbrock f64 rayon chain: value {:.9e}, _grad vs loop's rel. L2 error {e:.2e}, peak {:.1} MiB",
        rosen_par(&x),
        mib(m_par)
    );
    assert!(e < 1e-12, "the rayon chain's gradient is not the loop's");
    // The linear model: both forms against the hand-written gradient.
    let (p, x, y) = linear_data();
    let ((gp, gx, gy), m_grad) = peak_bytes(|| linear_loss_grad(&p, &x, &y));
    let ((hp, hx, hy), m_hand) = peak_bytes(|| linear_loss_grad_hand(&p, &x, &y));
    let ((iw, ib, ix, iy), m_iter) = peak_bytes(|| linear_loss_iter_grad(&p.w, p.b, &x, &y));
    let err = [
        rel_err(&gp.w, &hp.w),
        rel_err(&[gp.b], &[hp.b]),
        rel_err(&gx, &hx),
        rel_err(&gy, &hy),
        rel_err(&iw, &hp.w),
        rel_err(&[ib], &[hp.b]),
        rel_err(&ix, &hx),
        rel_err(&iy, &hy),
    ]
    .into_iter()
    .fold(0.0, f64::max);
    assert!(err < 1e-12, "linear model gradients disagree: {err:e}");
    println!(
        "linear model n=1e6: value {:.9e}, grads vs hand max rel. L2 error {err:.2e}; peak _grad {:.1} MiB, iterator form {:.1} MiB, hand {:.1} MiB",
        linear_loss(&p, &x, &y),
        mib(m_grad),
        mib(m_iter),
        mib(m_hand)
    );
}

// ============================================================================ criterion

fn bench_wave(c: &mut Criterion) {
    let u0_64: Vec<f64> = wave_u0();
    let u0_32: Vec<f32> = wave_u0();
    let mut g = c.benchmark_group("wave2d");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    g.bench_function("f32_primal", |b| {
        b.iter(|| wave_energy(black_box(&u0_32), N, STEPS))
    });
    g.bench_function("f32_grad", |b| {
        b.iter(|| wave_energy_grad(black_box(&u0_32), N, STEPS))
    });
    g.bench_function("f32_hand", |b| {
        b.iter(|| wave_energy_grad_hand(black_box(&u0_32), N, STEPS))
    });
    // The same three in XLA's floating-point mode (subnormals flushed to zero), the mode JAX's
    // numbers are measured in: the f32 field's Gaussian tail has thousands of subnormal cells.
    g.bench_function("f32_primal_ftz", |b| {
        b.iter(|| flush_denormals(|| wave_energy(black_box(&u0_32), N, STEPS)))
    });
    g.bench_function("f32_grad_ftz", |b| {
        b.iter(|| flush_denormals(|| wave_energy_grad(black_box(&u0_32), N, STEPS)))
    });
    g.bench_function("f32_hand_ftz", |b| {
        b.iter(|| flush_denormals(|| wave_energy_grad_hand(black_box(&u0_32), N, STEPS)))
    });
    g.bench_function("f64_primal", |b| {
        b.iter(|| wave_energy(black_box(&u0_64), N, STEPS))
    });
    g.bench_function("f64_grad", |b| {
        b.iter(|| wave_energy_grad(black_box(&u0_64), N, STEPS))
    });
    g.bench_function("f64_hand", |b| {
        b.iter(|| wave_energy_grad_hand(black_box(&u0_64), N, STEPS))
    });
    g.bench_function("f64_grad_checkpointed", |b| {
        b.iter(|| wave_energy_cp_grad(black_box(&u0_64), N, STEPS))
    });
    g.finish();
}

fn bench_rosen(c: &mut Criterion) {
    let x64: Vec<f64> = rosen_x();
    let x32: Vec<f32> = rosen_x();
    let mut g = c.benchmark_group("rosenbrock_1e6");
    g.sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    g.bench_function("f64_primal", |b| b.iter(|| rosen(black_box(&x64))));
    g.bench_function("f64_grad", |b| b.iter(|| rosen_grad(black_box(&x64))));
    g.bench_function("f64_hand", |b| b.iter(|| rosen_grad_hand(black_box(&x64))));
    g.bench_function("f32_primal", |b| b.iter(|| rosen(black_box(&x32))));
    g.bench_function("f32_grad", |b| b.iter(|| rosen_grad(black_box(&x32))));
    g.bench_function("f32_hand", |b| b.iter(|| rosen_grad_hand(black_box(&x32))));
    g.bench_function("f64_par_primal", |b| b.iter(|| rosen_par(black_box(&x64))));
    g.bench_function("f64_par_grad", |b| {
        b.iter(|| rosen_par_grad(black_box(&x64)))
    });
    g.bench_function("f32_par_grad", |b| {
        b.iter(|| rosen_par_grad(black_box(&x32)))
    });
    g.finish();
}

criterion_group!(benches, bench_wave, bench_rosen);

/// `SIM_INTERLEAVED=1 cargo bench --bench sim`: each workload's variants timed round-robin, one
/// call each per round, and the minimum and median per call reported. On a shared machine whose
/// speed drifts, criterion's one-after-another runs can differ by 2× between neighbouring rows;
/// interleaving keeps the drift out of the ratios.
fn interleaved() {
    use std::time::Instant;
    type Variant<'a> = (&'static str, Box<dyn Fn() + 'a>);
    macro_rules! v {
        ($name:literal, $e:expr) => {
            (
                $name,
                Box::new(|| {
                    black_box($e);
                }) as Box<dyn Fn()>,
            )
        };
    }
    let u32s: Vec<f32> = wave_u0();
    let u64s: Vec<f64> = wave_u0();
    let (u32s, u64s) = (&u32s[..], &u64s[..]);
    let x64: Vec<f64> = rosen_x();
    let x32: Vec<f32> = rosen_x();
    let (x64, x32) = (&x64[..], &x32[..]);
    let (lp, lx, ly) = linear_data();
    let (lp, lx, ly) = (&lp, &lx[..], &ly[..]);
    let groups: Vec<(&str, usize, Vec<Variant>)> = vec![
        (
            "wave2d f32",
            25,
            vec![
                v!("primal", wave_energy(black_box(u32s), N, STEPS)),
                v!("grad", wave_energy_grad(black_box(u32s), N, STEPS)),
                v!("hand", wave_energy_grad_hand(black_box(u32s), N, STEPS)),
                v!(
                    "primal_ftz",
                    flush_denormals(|| wave_energy(black_box(u32s), N, STEPS))
                ),
                v!(
                    "grad_ftz",
                    flush_denormals(|| wave_energy_grad(black_box(u32s), N, STEPS))
                ),
                v!(
                    "hand_ftz",
                    flush_denormals(|| wave_energy_grad_hand(black_box(u32s), N, STEPS))
                ),
            ],
        ),
        (
            "wave2d f64",
            25,
            vec![
                v!("primal", wave_energy(black_box(u64s), N, STEPS)),
                v!("grad", wave_energy_grad(black_box(u64s), N, STEPS)),
                v!("hand", wave_energy_grad_hand(black_box(u64s), N, STEPS)),
                v!(
                    "grad_checkpointed",
                    wave_energy_cp_grad(black_box(u64s), N, STEPS)
                ),
            ],
        ),
        (
            "rosenbrock_1e6",
            300,
            vec![
                v!("f64_primal", rosen(black_box(x64))),
                v!("f64_grad", rosen_grad(black_box(x64))),
                v!("f64_hand", rosen_grad_hand(black_box(x64))),
                v!("f64_floor_1thread", rosen_grad_floor(black_box(x64), 1)),
                v!("f64_floor_2threads", rosen_grad_floor(black_box(x64), 2)),
                v!("f64_par_primal", rosen_par(black_box(x64))),
                v!("f64_par_grad", rosen_par_grad(black_box(x64))),
                v!("f32_primal", rosen(black_box(x32))),
                v!("f32_grad", rosen_grad(black_box(x32))),
                v!("f32_hand", rosen_grad_hand(black_box(x32))),
                v!("f32_par_primal", rosen_par(black_box(x32))),
                v!("f32_par_grad", rosen_par_grad(black_box(x32))),
            ],
        ),
        (
            "linear_model_1e6",
            200,
            vec![
                v!("primal", linear_loss(black_box(lp), lx, ly)),
                v!("grad", linear_loss_grad(black_box(lp), lx, ly)),
                v!("hand", linear_loss_grad_hand(black_box(lp), lx, ly)),
                v!(
                    "iter_grad",
                    linear_loss_iter_grad(black_box(&lp.w), lp.b, lx, ly)
                ),
            ],
        ),
    ];
    // `SIM_ONLY=rosen` (a substring of the group names) times only those groups.
    let only = std::env::var("SIM_ONLY").unwrap_or_default();
    println!("== sim, interleaved: min and median per call");
    for (group, rounds, variants) in groups {
        if !group.contains(only.as_str()) {
            continue;
        }
        for (_, f) in &variants {
            f();
        }
        let mut times: Vec<Vec<f64>> = vec![Vec::with_capacity(rounds); variants.len()];
        for _ in 0..rounds {
            for (i, (_, f)) in variants.iter().enumerate() {
                let t = Instant::now();
                f();
                times[i].push(t.elapsed().as_secs_f64());
            }
        }
        for ((name, _), t) in variants.iter().zip(&mut times) {
            t.sort_by(f64::total_cmp);
            println!(
                "{group}/{name}: min {:.3} ms, median {:.3} ms",
                t[0] * 1e3,
                t[t.len() / 2] * 1e3
            );
        }
    }
}

fn main() {
    if std::env::var_os("SIM_INTERLEAVED").is_some() {
        interleaved();
        return;
    }
    report();
    if std::env::var_os("SIM_QUICK").is_some() {
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
