//! Arrays declared inside loops and branches (stage arrays of a time step, scratch buffers),
//! differentiated as written: gradients against central finite differences (h = 1e-6,
//! relative tolerance 1e-6), forward against reverse (`<jvp(v), w> = <v, vjp(w)>` to 1e-12),
//! and the Hessian-vector product against finite differences of the gradient.
#![allow(clippy::needless_range_loop)]
// Arrays declared in loops must be `Vec`s for reverse mode, even where clippy would take an array.
#![allow(clippy::useless_vec)]

mod common;
use common::{assert_all_close, assert_close, fd_grad, DOT_TOL, FD_TOL, H};
use oxidiff::{differentiable, Real};

/// Two-stage explicit steps with a fresh stage array and a copy of the state per step.
#[differentiable]
fn stages(x: &[f64], dt: f64, steps: usize) -> f64 {
    let n = x.len();
    let mut u = x.to_vec();
    for _ in 0..steps {
        let mut k = vec![0.0; n];
        for i in 0..n {
            k[i] = (u[(i + 1) % n] - u[i]).sin() * u[i];
        }
        let mid = u.to_vec();
        for i in 0..n {
            u[i] = mid[i] + dt * k[i] * k[i] + dt * mid[(i + n - 1) % n];
        }
    }
    let mut s = 0.0;
    for i in 0..n {
        s += u[i] * u[i];
    }
    s
}

/// An array declared in a branch taken on some iterations only, and one per iteration of a
/// loop with a literal of active values.
#[differentiable]
fn branchy<T: Real>(x: &[T], c: T) -> T {
    let mut s = T::zero();
    for i in 0..x.len() {
        let pair = vec![x[i] * c, x[i].exp()];
        s += pair[0] * pair[1];
        if x[i] > T::zero() {
            let mut t = vec![c; 3];
            t[1] *= x[i];
            s += t[0] * t[1] + t[2];
        }
    }
    s
}

const X: [f64; 5] = [0.3, -0.7, 1.1, 0.4, -0.2];

#[test]
fn arrays_declared_in_loops() {
    let (dt, steps) = (0.1, 6);
    let (v, (gx, gdt)) = stages_value_and_grad(&X, dt, steps);
    assert_close("value", v, stages(&X, dt, steps), 1e-15);
    assert_all_close("dx", &gx, &fd_grad(&|x| stages(x, dt, steps), &X), FD_TOL);
    let fd_dt = (stages(&X, dt + H, steps) - stages(&X, dt - H, steps)) / (2.0 * H);
    assert_close("ddt", gdt, fd_dt, FD_TOL);
    let (vx, vdt) = ([0.5, -0.1, 0.2, 0.3, -0.4], 0.8);
    let (_, t) = stages_jvp(&X, dt, steps, &vx, vdt);
    let rhs: f64 = vx.iter().zip(&gx).map(|(a, b)| a * b).sum::<f64>() + vdt * gdt;
    assert_close("forward vs reverse", t, rhs, DOT_TOL);
    // Second order, through the dual twin.
    let (hx, hdt) = stages_hvp(&X, dt, steps, &vx, vdt);
    let e = 1e-5;
    let xp: Vec<f64> = X.iter().zip(&vx).map(|(a, b)| a + e * b).collect();
    let xm: Vec<f64> = X.iter().zip(&vx).map(|(a, b)| a - e * b).collect();
    let (gp, gpd) = stages_grad(&xp, dt + e * vdt, steps);
    let (gm, gmd) = stages_grad(&xm, dt - e * vdt, steps);
    let fd: Vec<f64> = gp
        .iter()
        .zip(&gm)
        .map(|(a, b)| (a - b) / (2.0 * e))
        .collect();
    assert_all_close("hvp x", &hx, &fd, 1e-6);
    assert_close("hvp dt", hdt, (gpd - gmd) / (2.0 * e), 1e-6);
}

#[test]
fn arrays_declared_in_branches() {
    let c = 0.7;
    let (gx, gc) = branchy_grad(&X, c);
    assert_all_close("dx", &gx, &fd_grad(&|x| branchy(x, c), &X), FD_TOL);
    let fd_c = (branchy(&X, c + H) - branchy(&X, c - H)) / (2.0 * H);
    assert_close("dc", gc, fd_c, FD_TOL);
    // Analytic: d/dxᵢ [c xᵢ e^{xᵢ}] = c e^{xᵢ}(1 + xᵢ), plus c² where xᵢ > 0.
    let want: Vec<f64> = X
        .iter()
        .map(|&x| c * x.exp() * (1.0 + x) + if x > 0.0 { c * c } else { 0.0 })
        .collect();
    assert_all_close("dx analytic", &gx, &want, 1e-14);
    let x32: Vec<f32> = X.iter().map(|&v| v as f32).collect();
    let (g32, _) = branchy_grad::<f32>(&x32, 0.7);
    for (a, b) in g32.iter().zip(&gx) {
        assert_close("f32 vs f64", *a as f64, *b, 1e-5);
    }
}
