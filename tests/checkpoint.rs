//! `#[checkpoint]` on a time-stepping loop: the same gradient with O(√steps) saved states.
#![allow(clippy::needless_range_loop, clippy::useless_vec)]
use oxidiff::differentiable;

mod common;
use common::{assert_all_close, assert_close};

#[differentiable]
fn heat_plain(u0: &[f64], c: f64, steps: usize) -> f64 {
    let n = u0.len();
    let mut u = u0.to_vec();
    let mut next = vec![0.0; n];
    let mut total = 0.0;
    for _ in 0..steps {
        for i in 1..n - 1 {
            next[i] = u[i] + c * (u[i - 1] - 2.0 * u[i] + u[i + 1]);
        }
        std::mem::swap(&mut u, &mut next);
        total += u[n / 2] * u[n / 2];
    }
    total + u[1].sin()
}

#[differentiable]
fn heat_checkpointed(u0: &[f64], c: f64, steps: usize) -> f64 {
    let n = u0.len();
    let mut u = u0.to_vec();
    let mut next = vec![0.0; n];
    let mut total = 0.0;
    #[checkpoint]
    for _ in 0..steps {
        for i in 1..n - 1 {
            next[i] = u[i] + c * (u[i - 1] - 2.0 * u[i] + u[i + 1]);
        }
        std::mem::swap(&mut u, &mut next);
        total += u[n / 2] * u[n / 2];
    }
    total + u[1].sin()
}

#[differentiable]
fn decay_every(x: f64, k: f64, steps: usize) -> f64 {
    let mut y = x;
    #[checkpoint(every = 3)]
    for s in 1..steps + 1 {
        let r = if s % 2 == 0 { k } else { 0.5 * k };
        y = y - r * y * y + (s as f64) * 1e-3;
    }
    y
}

#[test]
fn checkpointed_gradients_match() {
    let u0: Vec<f64> = (0..9).map(|i| ((i as f64) * 0.8).sin()).collect();
    for steps in [0, 1, 2, 5, 17, 30] {
        let (g1, c1) = heat_plain_grad(&u0, 0.21, steps);
        let (g2, c2) = heat_checkpointed_grad(&u0, 0.21, steps);
        assert_eq!(
            heat_plain(&u0, 0.21, steps),
            heat_checkpointed(&u0, 0.21, steps)
        );
        for (a, b) in g1.iter().zip(&g2) {
            assert!(
                (a - b).abs() <= 1e-13 * (1.0 + a.abs()),
                "steps {steps}: {g1:?} vs {g2:?}"
            );
        }
        assert!(
            (c1 - c2).abs() <= 1e-12 * (1.0 + c1.abs()),
            "steps {steps}: {c1} vs {c2}"
        );
        // And against finite differences.
        let h = 1e-6;
        let fd = (heat_checkpointed(&u0, 0.21 + h, steps)
            - heat_checkpointed(&u0, 0.21 - h, steps))
            / (2.0 * h);
        assert!(
            (fd - c2).abs() < 1e-6 * (1.0 + fd.abs()),
            "steps {steps}: fd {fd} vs {c2}"
        );
    }
    for steps in [0, 1, 3, 10, 11] {
        let (gx, gk) = decay_every_grad(0.4, 0.3, steps);
        let h = 1e-6;
        let fx = (decay_every(0.4 + h, 0.3, steps) - decay_every(0.4 - h, 0.3, steps)) / (2.0 * h);
        let fk = (decay_every(0.4, 0.3 + h, steps) - decay_every(0.4, 0.3 - h, steps)) / (2.0 * h);
        assert!(
            (gx - fx).abs() < 1e-7 && (gk - fk).abs() < 1e-7,
            "{steps}: {gx} {fx} {gk} {fk}"
        );
    }
}

#[differentiable]
fn osc_cp(x0: f64, k: f64, steps: usize) -> f64 {
    let dt = 0.01;
    let mut x = x0;
    let mut v = 0.0;
    #[checkpoint]
    for _ in 0..steps {
        let a = -k * x.sin();
        v += dt * a;
        x += dt * v;
    }
    x * x + v * v
}

#[differentiable]
fn osc_plain(x0: f64, k: f64, steps: usize) -> f64 {
    let dt = 0.01;
    let mut x = x0;
    let mut v = 0.0;
    for _ in 0..steps {
        let a = -k * x.sin();
        v += dt * a;
        x += dt * v;
    }
    x * x + v * v
}

#[test]
fn second_order_through_a_checkpointed_loop() {
    let h1 = osc_cp_hessian(0.7, 2.0, 50);
    let h2 = osc_plain_hessian(0.7, 2.0, 50);
    for (r1, r2) in h1.iter().zip(&h2) {
        for (a, b) in r1.iter().zip(r2) {
            assert!((a - b).abs() <= 1e-12 * (1.0 + b.abs()), "{h1:?} vs {h2:?}");
        }
    }
    let (gx, gk) = osc_cp_jvp(0.7, 2.0, 50, 1.0, 0.0);
    let (gx2, gk2) = osc_plain_jvp(0.7, 2.0, 50, 1.0, 0.0);
    assert_eq!((gx, gk), (gx2, gk2));
}

/// A linear time loop whose adjoint reads no array values (its chunks restore nothing), after
/// code whose adjoint reads the state's values as they were before the loop (`e0`), and
/// before code that reads them as they are after it; with and without checkpointing, from one
/// body.
macro_rules! linear_steps_fn {
    ($name:ident $(, #[$cp:meta])?) => {
        #[differentiable]
        fn $name(x: &[f64], steps: usize) -> f64 {
            let n = x.len();
            let mut u = vec![0.0; n];
            let mut v = vec![0.0; n];
            for i in 0..n {
                u[i] = x[i].sin();
            }
            let mut e0 = 0.0;
            for i in 0..n {
                e0 += u[i] * u[i] * x[i];
            }
            $(#[$cp])?
            for _ in 0..steps {
                for i in 1..n - 1 {
                    v[i] = 0.5 * u[i] + 0.25 * (u[i - 1] + u[i + 1]) + 0.1;
                }
                std::mem::swap(&mut u, &mut v);
            }
            let mut e = e0;
            for i in 0..n {
                e += u[i] * u[i] * (1.0 + x[i]);
            }
            e
        }
    };
}

linear_steps_fn!(linear_steps, #[checkpoint(every = 3)]);
linear_steps_fn!(linear_steps_plain);

#[test]
fn chunks_that_restore_nothing_leave_the_state_before_the_loop() {
    let x: Vec<f64> = (0..7).map(|i| 0.3 + 0.4 * (i as f64 * 1.3).cos()).collect();
    for steps in [0, 1, 2, 3, 4, 7, 10] {
        let g = linear_steps_grad(&x, steps);
        let gp = linear_steps_plain_grad(&x, steps);
        for (a, b) in g.iter().zip(&gp) {
            assert!(
                (a - b).abs() <= 1e-13 * (1.0 + b.abs()),
                "steps {steps}: {g:?} vs {gp:?}"
            );
        }
        let h = 1e-6;
        for k in 0..x.len() {
            let (mut p, mut m) = (x.clone(), x.clone());
            p[k] += h;
            m[k] -= h;
            let fd = (linear_steps(&p, steps) - linear_steps(&m, steps)) / (2.0 * h);
            assert!(
                (fd - g[k]).abs() < 1e-6 * (1.0 + fd.abs()),
                "steps {steps}, x[{k}]: fd {fd} vs {}",
                g[k]
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Checkpointed loops with calls that return values, struct arguments, in-place calls and
// arrays declared in the body; second order included. Each against the same loop without
// `#[checkpoint]` (the same gradient and Hessian, up to rounding).

#[differentiable]
fn cp_sq(x: f64) -> f64 {
    x * x
}

#[differentiable]
fn cp_energy(u: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in 0..u.len() {
        s += u[i] * u[i];
    }
    s
}

#[differentiable]
fn cp_relax(u: &mut [f64], c: f64) {
    let n = u.len();
    for i in 1..n - 1 {
        u[i] += c * (u[i - 1] - 2.0 * u[i] + u[i + 1]);
    }
}

#[derive(Clone, Debug, oxidiff::Differentiable)]
struct Lv {
    a: f64,
    b: f64,
    #[no_grad]
    dt: f64,
}

/// The same loop without and with `#[checkpoint]` (one body, so that the two can't drift).
macro_rules! calls_loop {
    ($name:ident $(, #[$cp:meta])?) => {
        #[differentiable]
        fn $name(x: f64, u0: &[f64], steps: usize) -> f64 {
            let mut y = x;
            let mut u = u0.to_vec();
            let mut acc = 0.0;
            $(#[$cp])?
            for _ in 0..steps {
                y = 0.5 * cp_sq(y) + 0.1;
                cp_relax(&mut u, 0.2);
                let mut k = vec![0.0; 2];
                k[0] = y * u[0];
                k[1] = u[1] - y;
                acc += cp_energy(&u) + k[0] * k[1] + 0.1 * y * cp_energy(u0);
            }
            acc + y
        }
    };
}

calls_loop!(calls_plain);
calls_loop!(calls_checkpointed, #[checkpoint(every = 3)]);

#[differentiable]
fn lv_plain(p: &Lv, x0: f64, steps: usize) -> f64 {
    let mut x = x0;
    for _ in 0..steps {
        x += p.dt * (p.a * x - p.b * x * x);
    }
    x
}

#[differentiable]
fn lv_checkpointed(p: &Lv, x0: f64, steps: usize) -> f64 {
    let mut x = x0;
    #[checkpoint]
    for _ in 0..steps {
        x += p.dt * (p.a * x - p.b * x * x);
    }
    x
}

#[test]
fn checkpointed_calls_structs_and_local_arrays() {
    let u0 = [0.3, -0.2, 0.5, 0.1];
    for steps in [0, 1, 3, 7] {
        let (gx, gu) = calls_plain_grad(0.4, &u0, steps);
        let (cx, cu) = calls_checkpointed_grad(0.4, &u0, steps);
        assert_close("d/dx", cx, gx, 1e-12);
        assert_all_close("d/du0", &cu, &gu, 1e-12);
        let hp = calls_plain_hessian(0.4, &u0, steps);
        let hc = calls_checkpointed_hessian(0.4, &u0, steps);
        for (a, b) in hc.iter().zip(&hp) {
            assert_all_close("hessian row", a, b, 1e-12);
        }
        // And against finite differences of the value (x only).
        let h = 1e-6;
        let fd = (calls_checkpointed(0.4 + h, &u0, steps)
            - calls_checkpointed(0.4 - h, &u0, steps))
            / (2.0 * h);
        assert_close("d/dx vs fd", cx, fd, 1e-6);
    }
    let p = Lv {
        a: 1.2,
        b: 0.3,
        dt: 0.05,
    };
    let (gp, gx) = lv_plain_grad(&p, 0.5, 40);
    let (cp, cx) = lv_checkpointed_grad(&p, 0.5, 40);
    assert_close("lv d/dx0", cx, gx, 1e-12);
    assert_close("lv d/da", cp.a, gp.a, 1e-12);
    assert_close("lv d/db", cp.b, gp.b, 1e-12);
    assert_eq!(cp.dt, 0.0);
    let (_, pb) = lv_checkpointed_vjp(&p, 0.5, 40);
    let (vp, vx) = pb(1.0);
    assert_close("lv vjp d/da", vp.a, gp.a, 1e-12);
    assert_close("lv vjp d/dx0", vx, gx, 1e-12);
    let hp = lv_plain_hessian(&p, 0.5, 40);
    let hc = lv_checkpointed_hessian(&p, 0.5, 40);
    for (a, b) in hc.iter().zip(&hp) {
        assert_all_close("lv hessian row", a, b, 1e-12);
    }
}

/// A `#[checkpoint]` loop in a `&self` method: the recomputation reads its own copy of the
/// receiver (a `'static` pullback can't borrow `self`).
#[derive(Clone, Debug, oxidiff::Differentiable)]
struct Decay {
    a: f64,
    b: f64,
}

impl Decay {
    #[differentiable]
    fn rate(&self, u: f64) -> f64 {
        self.a * u - self.b * u * u
    }

    #[differentiable]
    fn run(&self, x: f64, steps: usize) -> f64 {
        let mut u = x;
        #[checkpoint(every = 2)]
        for _ in 0..steps {
            u += 0.1 * self.rate(u) + 0.01 * self.b;
        }
        u
    }

    #[differentiable]
    fn run_plain(&self, x: f64, steps: usize) -> f64 {
        let mut u = x;
        for _ in 0..steps {
            u += 0.1 * self.rate(u) + 0.01 * self.b;
        }
        u
    }
}

#[test]
fn checkpointed_method() {
    let d = Decay { a: 0.9, b: 0.3 };
    for steps in [0, 1, 2, 5] {
        let (gc, xc) = d.run_grad(0.7, steps);
        let (gp, xp) = d.run_plain_grad(0.7, steps);
        assert_close("d/dx", xc, xp, 1e-12);
        assert_close("d/da", gc.a, gp.a, 1e-12);
        assert_close("d/db", gc.b, gp.b, 1e-12);
        let (_, pb) = d.run_vjp(0.7, steps);
        let (vd, vx) = pb(1.0);
        assert_close("vjp d/da", vd.a, gp.a, 1e-12);
        assert_close("vjp d/dx", vx, xp, 1e-12);
        let (hc, hp) = (d.run_hessian(0.7, steps), d.run_plain_hessian(0.7, steps));
        for (a, b) in hc.iter().zip(&hp) {
            assert_all_close("hessian row", a, b, 1e-12);
        }
    }
}

/// Float methods with constant arguments in a checkpointed loop (its second-order code took
/// the constants as plain floats next to dual numbers).
#[differentiable(check(lo = 0.6, hi = 0.9))]
fn clamped_growth(x: f64) -> f64 {
    let mut u = x;
    #[checkpoint]
    for _ in 0..3 {
        u = u.max(0.5) * u.min(2.0) + u.powi(2) * 0.1;
    }
    u
}

#[test]
fn clamped_growth_second_derivative() {
    // Away from the kinks (u > 0.5, u < 2): against differences of the gradient.
    let x = 0.7;
    let h = clamped_growth_hessian(x)[0][0];
    let fd = (clamped_growth_grad(x + 1e-5) - clamped_growth_grad(x - 1e-5)) / 2e-5;
    assert_close("d²/dx²", h, fd, 1e-6);
}
