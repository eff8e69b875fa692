//! The gradient of a simulation: a 2-D wave equation on a periodic grid (leapfrog, flat
//! `Vec<f64>` buffers, nested loops, `mem::swap`), differentiated with respect to the initial
//! displacement. The gradient tells where a small bump in the initial shape would add the most
//! energy at the end; a few of its entries are checked against finite differences.
//!
//! Run: `cargo run --release --example wave` (writes `wave_u0.png` and `wave_gradient.png`).

use oxidiff::differentiable;

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

fn main() {
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
/// scale relative to the largest magnitude, so that small values show), each cell 4×4 pixels.
fn write_field(path: &str, f: &[f64], n: usize) {
    let scale = 4;
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
