//! Stencil loops with boundary tests on the index (`if j == 0 { n - 1 } else { j - 1 }`), which
//! the derivative code runs split into first iteration, middle and last iteration, and whose
//! pullbacks keep neighbouring adjoint updates in registers. Checked against central finite
//! differences (h = 1e-6, relative 1e-6), forward against reverse (1e-12), against the same
//! function written so that it is not split (gradients agree to 1e-13), at every small size
//! where the pieces overlap or vanish (n = 1, 2, 3), at f32, and through second order. Modular
//! neighbours (`(j + n - 1) % n`) are split the same way; `rem_euclid` is not, which gives the
//! unsplit references.
#![allow(clippy::needless_range_loop)]

mod common;
use common::{assert_all_close, assert_close, assert_exact, fd_grad, Rng, DOT_TOL, FD_TOL, H};
use oxidiff::{differentiable, Real};

/// Periodic 1-D smoothness energy, neighbours chosen by boundary tests.
#[differentiable]
fn periodic<T: Real>(u: &[T], c: T) -> T {
    let n = u.len();
    let two = T::from_f64(2.0);
    let mut e = T::zero();
    for j in 0..n {
        let jm = if j == 0 { n - 1 } else { j - 1 };
        let jp = if j == n - 1 { 0 } else { j + 1 };
        let lap = u[jm] - two * u[j] + u[jp];
        e += c * lap * lap + (u[j] * c).sin();
    }
    e
}

/// The same energy with modular indices, which are split too (`(j + n - 1) % n` is `j - 1`
/// between the first and the last index).
#[differentiable]
fn periodic_mod<T: Real>(u: &[T], c: T) -> T {
    let n = u.len();
    let two = T::from_f64(2.0);
    let mut e = T::zero();
    for j in 0..n {
        let lap = u[(j + n - 1) % n] - two * u[j] + u[(j + 1) % n];
        e += c * lap * lap + (u[j] * c).sin();
    }
    e
}

/// The same energy through `rem_euclid`, which the splitter leaves alone: the loop as written.
#[differentiable]
fn periodic_unsplit<T: Real>(u: &[T], c: T) -> T {
    let n = u.len();
    let two = T::from_f64(2.0);
    let mut e = T::zero();
    for j in 0..n {
        let lap = u[(j + n - 1).rem_euclid(n)] - two * u[j] + u[(j + 1).rem_euclid(n)];
        e += c * lap * lap + (u[j] * c).sin();
    }
    e
}

/// Zero (Dirichlet) boundaries read inside the branches, the other spellings of the tests, a
/// loop that does not start at zero, and an in-place update of a second array.
#[differentiable]
fn dirichlet(u: &[f64], lo: usize, hi: usize) -> f64 {
    let mut v = vec![0.0; u.len()];
    for j in lo..hi {
        let left = if j > lo { u[j - 1] } else { 0.0 };
        let right = if j + 1 < hi { u[j + 1] } else { 0.0 };
        let first = if lo == j { 1.5 } else { 1.0 };
        let last = if j + 1 == hi { 0.5 } else { 1.0 };
        v[j] = first * left * u[j] - last * right.cos();
    }
    let mut s = 0.0;
    for j in 0..v.len() {
        s += v[j] * v[j];
    }
    s
}

/// The reference for [`dirichlet`], with the tests written as lookups the splitter leaves alone.
fn dirichlet_ref(u: &[f64], lo: usize, hi: usize) -> f64 {
    let mut v = vec![0.0; u.len()];
    for j in lo..hi {
        let left = [0.0, u[j.max(1) - 1]][(j > lo) as usize];
        let right = [0.0, u[(j + 1).min(u.len() - 1)]][(j + 1 < hi) as usize];
        let first = [1.0, 1.5][(lo == j) as usize];
        let last = [1.0, 0.5][(j + 1 == hi) as usize];
        v[j] = first * left * u[j] - last * right.cos();
    }
    v.iter().map(|a| a * a).sum()
}

/// A 2-D periodic wave, leapfrog with double buffering: the benchmark's loop nest in small.
#[differentiable]
fn wave<T: Real>(u0: &[T], n: usize, steps: usize) -> T {
    let r2 = T::from_f64(0.2);
    let two = T::from_f64(2.0);
    let four = T::from_f64(4.0);
    let mut u_prev = u0.to_vec();
    let mut u = u0.to_vec();
    let mut u_next = u0.to_vec();
    for _ in 0..steps {
        for i in 0..n {
            let im = if i == 0 { n - 1 } else { i - 1 };
            let ip = if i == n - 1 { 0 } else { i + 1 };
            for j in 0..n {
                let jm = if j == 0 { n - 1 } else { j - 1 };
                let jp = if j == n - 1 { 0 } else { j + 1 };
                let lap = u[im * n + j] + u[ip * n + j] + u[i * n + jm] + u[i * n + jp]
                    - four * u[i * n + j];
                u_next[i * n + j] =
                    two * u[i * n + j] - u_prev[i * n + j] + r2 * lap * u[i * n + j].cos();
            }
        }
        std::mem::swap(&mut u_prev, &mut u);
        std::mem::swap(&mut u, &mut u_next);
    }
    let mut e = T::zero();
    for k in 0..n * n {
        e += (u[k] - u_prev[k]) * (u[k] - u_prev[k]) + u[k] * u[k] * u[k];
    }
    e
}

/// [`wave`] with `rem_euclid` neighbours, which the splitter leaves alone.
#[differentiable]
fn wave_mod(u0: &[f64], n: usize, steps: usize) -> f64 {
    let mut u_prev = u0.to_vec();
    let mut u = u0.to_vec();
    let mut u_next = u0.to_vec();
    for _ in 0..steps {
        for i in 0..n {
            for j in 0..n {
                let lap = u[((i + n - 1) % n) * n + j]
                    + u[((i + 1) % n) * n + j]
                    + u[i * n + (j + n - 1).rem_euclid(n)]
                    + u[i * n + (j + 1).rem_euclid(n)]
                    - 4.0 * u[i * n + j];
                u_next[i * n + j] =
                    2.0 * u[i * n + j] - u_prev[i * n + j] + 0.2 * lap * u[i * n + j].cos();
            }
        }
        std::mem::swap(&mut u_prev, &mut u);
        std::mem::swap(&mut u, &mut u_next);
    }
    let mut e = 0.0;
    for k in 0..n * n {
        e += (u[k] - u_prev[k]) * (u[k] - u_prev[k]) + u[k] * u[k] * u[k];
    }
    e
}

/// Neighbours two apart on both sides and none in between: a register window with a gap.
#[differentiable]
fn gapped(x: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in 2..x.len() - 2 {
        s += x[i - 2] * x[i + 2] + (x[i + 2] - x[i - 2]).powi(3);
    }
    s
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

#[test]
fn periodic_stencil_at_every_small_size() {
    let mut rng = Rng::new(11);
    for n in [1, 2, 3, 4, 7, 16] {
        let u: Vec<f64> = rng.vec(n);
        let c = 0.8;
        let (v, (gu, gc)) = periodic_value_and_grad(&u, c);
        assert_exact(&format!("n={n}: value"), v, periodic(&u, c));
        assert_all_close(
            &format!("n={n}: du vs finite differences"),
            &gu,
            &fd_grad(&|x| periodic(x, c), &u),
            FD_TOL,
        );
        let fd_c = (periodic(&u, c + H) - periodic(&u, c - H)) / (2.0 * H);
        assert_close(&format!("n={n}: dc"), gc, fd_c, FD_TOL);
        // Split and unsplit code compute the same derivative, up to the order of additions.
        let (gu_ref, gc_ref) = periodic_unsplit_grad(&u, c);
        assert_all_close(&format!("n={n}: du vs unsplit"), &gu, &gu_ref, 1e-13);
        assert_close(&format!("n={n}: dc vs unsplit"), gc, gc_ref, 1e-13);
        let (v_mod, (gu_mod, gc_mod)) = periodic_mod_value_and_grad(&u, c);
        assert_exact(&format!("n={n}: modular value"), v_mod, periodic_mod(&u, c));
        assert_all_close(
            &format!("n={n}: modular du vs unsplit"),
            &gu_mod,
            &gu_ref,
            1e-13,
        );
        assert_close(
            &format!("n={n}: modular dc vs unsplit"),
            gc_mod,
            gc_ref,
            1e-13,
        );
        // Forward against reverse.
        let du = rng.vec(n);
        let dc = 0.3;
        let (_, t) = periodic_jvp(&u, c, &du, dc);
        assert_close(
            &format!("n={n}: forward vs reverse"),
            t,
            dot(&du, &gu) + dc * gc,
            DOT_TOL,
        );
    }
}

#[test]
fn periodic_stencil_second_order_and_f32() {
    let mut rng = Rng::new(12);
    let u = rng.vec(9);
    let c = 0.6;
    let v = rng.vec(9);
    let vc = -0.4;
    let (hu, hc) = periodic_hvp(&u, c, &v, vc);
    let e = 1e-5;
    let up: Vec<f64> = u.iter().zip(&v).map(|(a, b)| a + e * b).collect();
    let um: Vec<f64> = u.iter().zip(&v).map(|(a, b)| a - e * b).collect();
    let (gp, gcp) = periodic_grad(&up, c + e * vc);
    let (gm, gcm) = periodic_grad(&um, c - e * vc);
    let fd: Vec<f64> = gp
        .iter()
        .zip(&gm)
        .map(|(a, b)| (a - b) / (2.0 * e))
        .collect();
    assert_all_close("hvp u vs differences of the gradient", &hu, &fd, 1e-6);
    assert_close("hvp c", hc, (gcp - gcm) / (2.0 * e), 1e-6);
    let u32v: Vec<f32> = u.iter().map(|&a| a as f32).collect();
    let (g32, _) = periodic_grad::<f32>(&u32v, c as f32);
    let (g64, _) = periodic_grad(&u, c);
    for (a, b) in g32.iter().zip(&g64) {
        assert_close("f32 vs f64", *a as f64, *b, 1e-5);
    }
}

#[test]
fn dirichlet_boundaries_and_other_test_spellings() {
    let mut rng = Rng::new(13);
    for (len, lo, hi) in [
        (8, 0, 8),
        (8, 2, 7),
        (6, 3, 4),
        (6, 3, 5),
        (6, 4, 4),
        (5, 1, 4),
    ] {
        let u: Vec<f64> = rng.vec(len);
        assert_exact(
            &format!("({lo}..{hi}): function vs reference"),
            dirichlet(&u, lo, hi),
            dirichlet_ref(&u, lo, hi),
        );
        let g = dirichlet_grad(&u, lo, hi);
        assert_all_close(
            &format!("({lo}..{hi}): du vs finite differences"),
            &g,
            &fd_grad(&|x| dirichlet_ref(x, lo, hi), &u),
            FD_TOL,
        );
        let du = rng.vec(len);
        let (_, t) = dirichlet_jvp(&u, lo, hi, &du);
        assert_close(
            &format!("({lo}..{hi}): forward vs reverse"),
            t,
            dot(&du, &g),
            DOT_TOL,
        );
    }
}

#[test]
fn wave_nest_matches_modular_form_and_differences() {
    let mut rng = Rng::new(14);
    for (n, steps) in [(1, 2), (2, 3), (3, 3), (5, 4)] {
        let u0: Vec<f64> = rng.vec(n * n).iter().map(|a| 0.5 * a).collect();
        let (v, g) = wave_value_and_grad(&u0, n, steps);
        assert_exact(&format!("{n}x{n}: value"), v, wave(&u0, n, steps));
        assert_close(
            &format!("{n}x{n}: value vs modular"),
            v,
            wave_mod(&u0, n, steps),
            1e-14,
        );
        let gm = wave_mod_grad(&u0, n, steps);
        assert_all_close(&format!("{n}x{n}: grad vs modular"), &g, &gm, 1e-12);
        assert_all_close(
            &format!("{n}x{n}: grad vs finite differences"),
            &g,
            &fd_grad(&|x| wave(x, n, steps), &u0),
            FD_TOL,
        );
        let du = rng.vec(n * n);
        let (_, t) = wave_jvp(&u0, n, steps, &du);
        assert_close(
            &format!("{n}x{n}: forward vs reverse"),
            t,
            dot(&du, &g),
            DOT_TOL,
        );
    }
    let u0: Vec<f64> = rng.vec(16).iter().map(|a| 0.5 * a).collect();
    let u32v: Vec<f32> = u0.iter().map(|&a| a as f32).collect();
    let g32 = wave_grad::<f32>(&u32v, 4, 3);
    let g64 = wave_grad(&u0, 4, 3);
    for (a, b) in g32.iter().zip(&g64) {
        assert_close("f32 vs f64", *a as f64, *b, 1e-4);
    }
}

#[test]
fn register_window_with_a_gap() {
    let mut rng = Rng::new(15);
    for n in [5, 6, 7, 12] {
        let x = rng.vec(n);
        let g = gapped_grad(&x);
        assert_all_close(
            &format!("n={n}: vs finite differences"),
            &g,
            &fd_grad(&|x| gapped(x), &x),
            FD_TOL,
        );
        // Analytic: each i in 2..n-2 gives d/dx[i-2] = x[i+2] - 3 d², d/dx[i+2] = x[i-2] + 3 d².
        let mut want = vec![0.0; n];
        for i in 2..n - 2 {
            let d = x[i + 2] - x[i - 2];
            want[i - 2] += x[i + 2] - 3.0 * d * d;
            want[i + 2] += x[i - 2] + 3.0 * d * d;
        }
        assert_all_close(&format!("n={n}: analytic"), &g, &want, 1e-14);
    }
}
