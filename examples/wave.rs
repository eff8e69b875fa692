//! The gradient of a simulation: a 2-D wave equation on a periodic grid (leapfrog, flat
//! `Vec<f64>` buffers, nested loops, `mem::swap`), differentiated with respect to the initial
//! displacement. The gradient tells where a small bump in the initial shape would add the most
//! energy at the end; a few of its entries are checked against finite differences.
//!
//! The second part runs JAX's W5 workload (256×256 grid, 200 steps, f32) the way JAX writes
//! it: over whole-grid `Tensor`s under `#[jit]` (a periodic 5-point Laplacian from
//! `slice_axis` + `concatenate`, the time loop a `for` that becomes one `stablehlo.while`),
//! with the gradient from tensor-mode `#[differentiable]`, compiled to one XLA executable. That
//! gradient is compared with the scalar version's at the same size.
//!
//! Run: `cargo run --release --example wave` (writes `wave_u0.png`, `wave_gradient.png`,
//! `wave_jit_field.png` and `wave_jit_gradient.png`).

use oxidiff::xla::Result;
use oxidiff::{differentiable, jit, Tensor};

/// Final energy after `steps` leapfrog steps (c = 1, dt = 0.5, dx = 1, zero initial velocity).
#[differentiable]
fn final_energy(u0: &[f64], n: usize, steps: usize) -> f64 {
    let r2 = 0.25;
    let mut u_prev = u0.to_vec();
    let mut u = u0.to_vec();
    let mut u_next = u0.to_vec();
    for i in 0..n {
        let (im, ip) = ((i + n - 1) % n, (i + 1) % n);
        for j in 0..n {
            let (jm, jp) = ((j + n - 1) % n, (j + 1) % n);
            let lap = u0[im * n + j] + u0[ip * n + j] + u0[i * n + jm] + u0[i * n + jp]
                - 4.0 * u0[i * n + j];
            u[i * n + j] = u0[i * n + j] + 0.5 * r2 * lap;
        }
    }
    for _ in 0..steps {
        for i in 0..n {
            let (im, ip) = ((i + n - 1) % n, (i + 1) % n);
            for j in 0..n {
                let (jm, jp) = ((j + n - 1) % n, (j + 1) % n);
                let lap = u[im * n + j] + u[ip * n + j] + u[i * n + jm] + u[i * n + jp]
                    - 4.0 * u[i * n + j];
                u_next[i * n + j] = 2.0 * u[i * n + j] - u_prev[i * n + j] + r2 * lap;
            }
        }
        std::mem::swap(&mut u_prev, &mut u);
        std::mem::swap(&mut u, &mut u_next);
    }
    let mut e = 0.0;
    for i in 0..n {
        for j in 0..n {
            let v = (u[i * n + j] - u_prev[i * n + j]) / 0.5;
            let gx = u[((i + 1) % n) * n + j] - u[i * n + j];
            let gy = u[i * n + (j + 1) % n] - u[i * n + j];
            e += 0.5 * v * v + 0.5 * (gx * gx + gy * gy);
        }
    }
    e
}

// ---- the same simulation over tensors, under #[jit] -------------------------------------

/// (c dt / dx)² with c = 1, dt = 0.5, dx = 1.
const R2: f64 = 0.25;
const DT: f64 = 0.5;

/// `jnp.roll(u, shift, axis)`: element `i` of the result is `u[(i - shift) mod n]`.
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

/// The periodic 5-point Laplacian (dx = 1).
fn laplacian(u: &Tensor) -> Result<Tensor> {
    Ok(roll(u, 1, 0)? + roll(u, -1, 0)? + roll(u, 1, 1)? + roll(u, -1, 1)? - u * 4.0)
}

/// Leapfrog from `u0` at rest: the last two fields `(u_{steps}, u_{steps+1})`. The `for` loop
/// becomes one `stablehlo.while` carrying both fields.
#[jit]
fn simulate(u0: &Tensor, steps: usize) -> Result<(Tensor, Tensor)> {
    let mut u_prev = u0.clone();
    let mut u = u0 + &(laplacian(u0)? * (0.5 * R2));
    for _ in 0..steps {
        let next = &u * 2.0 - &u_prev + laplacian(&u)? * R2;
        u_prev = u;
        u = next;
    }
    Ok((u_prev, u))
}

/// [`final_energy`] over tensors: ½ Σ ((u − u_prev)/dt)² + ½ Σ |∇⁺u|². `wave_energy_grad` is
/// its gradient with respect to `u0`, one compiled executable.
#[jit]
#[differentiable]
fn wave_energy(u0: &Tensor, steps: usize) -> Result<Tensor> {
    let (u_prev, u) = simulate(u0, steps)?;
    let v = (&u - &u_prev) / DT;
    let gx = roll(&u, -1, 0)? - &u;
    let gy = roll(&u, -1, 1)? - &u;
    Ok((&v * &v).sum(&[0, 1])? * 0.5 + (&gx * &gx + &gy * &gy).sum(&[0, 1])? * 0.5)
}

/// JAX's W5: 256×256, 200 steps, a Gaussian bump (σ = 10) at (100, 140), float32.
fn jit_part() -> Result<()> {
    let (n, steps) = (256usize, 200usize);
    let u0: Vec<f64> = (0..n * n)
        .map(|k| {
            let (i, j) = ((k / n) as f64, (k % n) as f64);
            (-((i - 100.0).powi(2) + (j - 140.0).powi(2)) / 200.0).exp()
        })
        .collect();
    let shape = [n as i64, n as i64];
    let u0_32 = Tensor::from_vec(u0.iter().map(|&v| v as f32).collect(), &shape)?;
    let u0_64 = Tensor::from_vec(u0.clone(), &shape)?;
    println!("\nW5 under #[jit]: {n}x{n} grid, {steps} steps, float32");

    let t = std::time::Instant::now();
    let e32 = wave_energy(&u0_32, steps)?.to_scalar::<f32>()?;
    let t_first = t.elapsed();
    let t = std::time::Instant::now();
    let e32b = wave_energy(&u0_32, steps)?.to_scalar::<f32>()?;
    let t_primal = t.elapsed();
    assert_eq!(e32, e32b);
    // Calls return before the device is done; reading the result waits for it.
    let t = std::time::Instant::now();
    let g32 = wave_energy_grad(&u0_32, steps)?.to_vec::<f32>()?;
    let t_grad_first = t.elapsed();
    let t = std::time::Instant::now();
    let g32b = wave_energy_grad(&u0_32, steps)?.to_vec::<f32>()?;
    let t_grad = t.elapsed();
    assert_eq!(g32, g32b);
    println!("final energy {e32:.6} (f32)");
    println!(
        "energy: first call (trace + compile + run) {t_first:.2?}, then {t_primal:.2?}; gradient: first call {t_grad_first:.2?}, then {t_grad:.2?}"
    );
    let g32: Vec<f64> = g32.into_iter().map(f64::from).collect();
    let g64 = wave_energy_grad(&u0_64, steps)?.to_vec::<f64>()?;
    let e64 = wave_energy(&u0_64, steps)?.to_scalar::<f64>()?;

    // The scalar-loop version above, at the same size (f64, reverse mode over the loops).
    let t = std::time::Instant::now();
    let (e_scalar, pullback) = final_energy_vjp(&u0, n, steps);
    let g_scalar = pullback(1.0);
    let t_scalar = t.elapsed();
    println!("scalar #[differentiable] (f64, Rust loops): value and gradient {t_scalar:.2?}");
    let scale = g_scalar.iter().fold(0.0f64, |a, v| a.max(v.abs()));
    let max_rel = |g: &[f64]| {
        g.iter()
            .zip(&g_scalar)
            .fold(0.0f64, |a, (x, y)| a.max((x - y).abs()))
            / scale
    };
    let (r32, r64) = (max_rel(&g32), max_rel(&g64));
    println!("energy: jit f32 {e32:.6}, jit f64 {e64:.9}, scalar f64 {e_scalar:.9}");
    println!(
        "gradient vs the scalar version: max |difference| / max |gradient| = {r32:.2e} (jit f32), {r64:.2e} (jit f64)"
    );
    assert!(
        r64 < 1e-9,
        "jit f64 gradient differs from the scalar one: {r64}"
    );
    assert!(
        r32 < 1e-3,
        "jit f32 gradient differs from the scalar one: {r32}"
    );
    assert!(((e64 - e_scalar) / e_scalar).abs() < 1e-12);

    let (_, u_final) = simulate(&u0_32, steps)?;
    let u_final: Vec<f64> = u_final
        .to_vec::<f32>()?
        .into_iter()
        .map(f64::from)
        .collect();
    write_field("wave_jit_field.png", &u_final, n);
    write_field("wave_jit_gradient.png", &g32, n);
    println!("wrote wave_jit_field.png (u after {steps} steps) and wave_jit_gradient.png (dE/du0)");
    Ok(())
}

fn main() -> Result<()> {
    scalar_part();
    jit_part()
}

fn scalar_part() {
    let (n, steps) = (64, 100);
    let u0: Vec<f64> = (0..n * n)
        .map(|k| {
            let (i, j) = ((k / n) as f64, (k % n) as f64);
            (-((i - 25.0).powi(2) + (j - 35.0).powi(2)) / 18.0).exp()
        })
        .collect();
    let t = std::time::Instant::now();
    let e = final_energy(&u0, n, steps);
    let t_primal = t.elapsed();
    let t = std::time::Instant::now();
    let (e2, pullback) = final_energy_vjp(&u0, n, steps);
    let g = pullback(1.0);
    let t_grad = t.elapsed();
    assert_eq!(e, e2);
    println!("{n}x{n} grid, {steps} steps: final energy {e:.6}");
    println!("primal {t_primal:?}, value and gradient {t_grad:?}");
    let (k_max, g_max) =
        g.iter().enumerate().fold(
            (0, f64::NEG_INFINITY),
            |a, (k, &v)| if v > a.1 { (k, v) } else { a },
        );
    println!(
        "largest dE/du0 = {g_max:.6} at ({}, {})",
        k_max / n,
        k_max % n
    );
    let h = 1e-6;
    for k in [25 * n + 35, 30 * n + 30, k_max, 0] {
        let mut up = u0.clone();
        let mut um = u0.clone();
        up[k] += h;
        um[k] -= h;
        let fd = (final_energy(&up, n, steps) - final_energy(&um, n, steps)) / (2.0 * h);
        println!(
            "  ({:2}, {:2}): reverse mode {:+.9}, finite differences {:+.9}",
            k / n,
            k % n,
            g[k],
            fd
        );
        assert!((g[k] - fd).abs() <= 1e-6 * (1.0 + fd.abs()));
    }
    write_field("wave_u0.png", &u0, n);
    write_field("wave_gradient.png", &g, n);
    println!("wrote wave_u0.png (initial displacement) and wave_gradient.png (dE/du0)");
}

/// A field as an image: blue for negative, white for zero, red for positive (on a square-root
/// scale relative to the largest magnitude, so that small values show), each cell drawn as a
/// square of pixels (4×4 on small grids) so that the image is at least 256 pixels wide.
fn write_field(path: &str, f: &[f64], n: usize) {
    let scale = (256 / n).max(1);
    let m = f.iter().fold(0.0f64, |a, v| a.max(v.abs())).max(1e-300);
    let side = n * scale;
    let mut rgb = vec![0u8; side * side * 3];
    for y in 0..side {
        for x in 0..side {
            let v = f[(y / scale) * n + x / scale] / m;
            let t = (v.abs().min(1.0).sqrt() * 255.0) as u8;
            let px = if v >= 0.0 {
                [255, 255 - t, 255 - t]
            } else {
                [255 - t, 255 - t, 255]
            };
            rgb[(y * side + x) * 3..(y * side + x) * 3 + 3].copy_from_slice(&px);
        }
    }
    let file = std::fs::File::create(path).expect("create the PNG file");
    let mut enc = png::Encoder::new(std::io::BufWriter::new(file), side as u32, side as u32);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    let mut w = enc.write_header().expect("write the PNG header");
    w.write_image_data(&rgb).expect("write the PNG data");
}
