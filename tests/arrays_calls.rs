//! Arrays passed to other differentiable functions (`g(&u)`, `g(&u[..])`, `g(x)` for a slice
//! argument), and the reverse-mode loop forms the array benchmarks rely on (fixed-length views
//! of the adjoints, one update per element and iteration), each checked against central finite
//! differences (h = 1e-6, relative tolerance 1e-6) and forward against reverse
//! (`<jvp(v), w> = <v, vjp(w)>` to 1e-12).
#![allow(clippy::needless_range_loop)]

mod common;
use common::{assert_all_close, assert_close, fd_grad, DOT_TOL, FD_TOL, H};
use oxidiff::{differentiable, Real};

/// Σ sin(xᵢ)·xᵢ₊₁ — a callee reading a slice.
#[differentiable]
fn chain<T: Real>(x: &[T]) -> T {
    let mut s = T::zero();
    for i in 0..x.len() - 1 {
        s += x[i].sin() * x[i + 1];
    }
    s
}

/// <a, b> — a callee with two slices.
#[differentiable]
fn dot<T: Real>(a: &[T], b: &[T]) -> T {
    let mut s = T::zero();
    for i in 0..a.len() {
        s += a[i] * b[i];
    }
    s
}

/// A weighted sum whose weights are not differentiated (its cotangent for `w` is `()`).
#[differentiable]
fn weighted(#[no_grad] w: &[f64], x: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in 0..x.len() {
        s += w[i] * x[i] * x[i];
    }
    s
}

/// A time-stepping caller: a local state updated in place, measured by callees every step,
/// with a slice parameter passed as it is and a local passed as `&u` and `&u[..]`.
#[differentiable]
fn caller<T: Real>(x: &[T], a: T, steps: usize) -> T {
    let n = x.len();
    let mut u = x.to_vec();
    let mut acc = chain(x) * a;
    for _ in 0..steps {
        for i in 0..n {
            u[i] = u[i] * T::from_f64(0.9) + a * (u[(i + 1) % n] - u[i]).tanh();
        }
        acc += chain(&u) + T::from_f64(0.1) * dot(&u[..], x);
    }
    acc + dot(&u, &u)
}

#[differentiable]
fn caller_no_grad(x: &[f64]) -> f64 {
    let w = [1.0, 2.0, 3.0];
    let mut v = vec![0.0; 3];
    for i in 0..3 {
        v[i] = x[i].exp();
    }
    weighted(&w, &v) + weighted(&w, x)
}

const X: [f64; 5] = [0.3, -0.7, 1.1, 0.4, -0.2];

#[test]
fn slice_argument_gradients_match_finite_differences() {
    let (a, steps) = (0.6, 4);
    let (v, (gx, ga)) = caller_value_and_grad(&X, a, steps);
    assert_close("value", v, caller(&X, a, steps), 1e-15);
    let fd_x = fd_grad(&|x| caller(x, a, steps), &X);
    assert_all_close("d caller / dx", &gx, &fd_x, FD_TOL);
    let fd_a = (caller(&X, a + H, steps) - caller(&X, a - H, steps)) / (2.0 * H);
    assert_close("d caller / da", ga, fd_a, FD_TOL);
    // The callee's own derivative agrees with calling it.
    assert_all_close(
        "chain",
        &chain_grad(&X),
        &fd_grad(&|x| chain(x), &X),
        FD_TOL,
    );
}

#[test]
fn slice_argument_forward_matches_reverse() {
    let (a, steps) = (0.6, 3);
    let dx = [0.2, -0.4, 0.1, 0.7, 0.3];
    let da = -0.5;
    let (v, t) = caller_jvp(&X, a, steps, &dx, da);
    assert_close("jvp value", v, caller(&X, a, steps), 1e-15);
    let w = 1.3;
    let (_, pb) = caller_vjp(&X, a, steps);
    let (cx, ca) = pb(w);
    let rhs: f64 = dx.iter().zip(&cx).map(|(d, c)| d * c).sum::<f64>() + da * ca;
    assert_close("<jvp(v), w> vs <v, vjp(w)>", t * w, rhs, DOT_TOL);
}

#[test]
fn slice_arguments_at_f32() {
    let x32: Vec<f32> = X.iter().map(|&v| v as f32).collect();
    let (gx, ga) = caller_grad::<f32>(&x32, 0.6, 2);
    let (gx64, ga64) = caller_grad::<f64>(&X, 0.6, 2);
    for (g, w) in gx.iter().zip(&gx64) {
        assert_close("f32 vs f64", *g as f64, *w, 1e-4);
    }
    assert_close("f32 vs f64 (a)", ga as f64, ga64, 1e-4);
}

#[test]
fn a_no_grad_slice_parameter_takes_no_cotangent() {
    let x = [0.5, -0.25, 0.75];
    let g = caller_no_grad_grad(&x);
    // d/dxᵢ [wᵢ e^{2xᵢ} + wᵢ xᵢ²] = 2 wᵢ e^{2xᵢ} + 2 wᵢ xᵢ
    let want: Vec<f64> = (0..3)
        .map(|i| {
            let w = (i + 1) as f64;
            2.0 * w * (2.0 * x[i]).exp() + 2.0 * w * x[i]
        })
        .collect();
    assert_all_close("analytic", &g, &want, 1e-14);
    let (_, t) = caller_no_grad_jvp(&x, &[1.0, 0.0, 0.0]);
    assert_close("jvp = first gradient component", t, want[0], 1e-14);
}

#[test]
fn second_order_through_a_slice_argument() {
    // H of dot(x, x) is 2I; the HVP goes through the call's dual twin.
    #[differentiable]
    fn sq(x: &[f64]) -> f64 {
        dot(x, x) + chain(x)
    }
    let x = [0.4, -0.3, 0.8];
    let v = [1.0, 0.5, -2.0];
    let hv = sq_hvp(&x, &v);
    let h = sq_hessian(&x);
    for i in 0..3 {
        let want: f64 = (0..3).map(|j| h[i][j] * v[j]).sum();
        assert_close("hvp vs hessian", hv[i], want, 1e-13);
    }
    // d²/dx² of Σ sin(xᵢ) xᵢ₊₁ plus 2I, by finite differences of the gradient.
    for i in 0..3 {
        let (mut p, mut m) = (x.to_vec(), x.to_vec());
        p[i] += 1e-5;
        m[i] -= 1e-5;
        let (gp, gm) = (sq_grad(&p), sq_grad(&m));
        for j in 0..3 {
            assert_close("hessian vs fd", h[j][i], (gp[j] - gm[j]) / 2e-5, 1e-7);
        }
    }
}

/// A loop that reads and writes the same array (its adjoint updates can't wait to the end of
/// the iteration): a recurrence over a local copy.
#[differentiable]
fn recurrence(x: &[f64]) -> f64 {
    let mut u = x.to_vec();
    for i in 1..u.len() {
        u[i] = u[i] * u[i - 1] + u[i].sin();
    }
    let mut s = 0.0;
    for i in 0..u.len() {
        s += u[i] * u[i];
    }
    s
}

/// The same element read several times in one iteration, neighbours of a stencil, and a
/// result array: the loop forms `f_grad` specializes.
#[differentiable]
fn stencil(x: &[f64], c: f64) -> Vec<f64> {
    let n = x.len();
    let mut out = vec![0.0; n];
    for i in 0..n {
        let im = if i == 0 { n - 1 } else { i - 1 };
        let ip = if i == n - 1 { 0 } else { i + 1 };
        out[i] = x[i] * x[i] * c + x[im] * x[i] - x[ip] + x[i].cos() * x[ip];
    }
    out
}

#[differentiable]
fn rosen(x: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in 0..x.len() - 1 {
        s += 100.0 * (x[i + 1] - x[i] * x[i]).powi(2) + (1.0 - x[i]).powi(2);
    }
    s
}

#[test]
fn loop_forms_match_finite_differences() {
    let g = recurrence_grad(&X);
    assert_all_close("recurrence", &g, &fd_grad(&|x| recurrence(x), &X), FD_TOL);
    let g = rosen_grad(&X);
    let want: Vec<f64> = (0..X.len())
        .map(|i| {
            let mut d = 0.0;
            if i + 1 < X.len() {
                d += -400.0 * X[i] * (X[i + 1] - X[i] * X[i]) - 2.0 * (1.0 - X[i]);
            }
            if i > 0 {
                d += 200.0 * (X[i] - X[i - 1] * X[i - 1]);
            }
            d
        })
        .collect();
    assert_all_close("rosenbrock (analytic)", &g, &want, 1e-13);
    let (_, pb) = rosen_vjp(&X);
    assert_all_close("rosen_vjp vs rosen_grad", &pb(1.0), &g, 1e-15);
    // Vector result: each output's gradient by its pullback, against finite differences.
    let c = 0.7;
    let (_, pb) = stencil_vjp(&X, c);
    let (jx, _) = pb(vec![0.3, -1.0, 0.5, 2.0, 0.1]);
    let w = [0.3, -1.0, 0.5, 2.0, 0.1];
    let fd = fd_grad(
        &|x| stencil(x, c).iter().zip(&w).map(|(a, b)| a * b).sum(),
        &X,
    );
    assert_all_close("stencil pullback", &jx, &fd, FD_TOL);
}

/// An array no derivative flows into, passed where the callee differentiates: its tangent is a
/// zero array in forward mode, and its cotangent is dropped in reverse mode.
#[differentiable]
fn constant_weights(x: &[f64]) -> f64 {
    let w = [0.5, -1.0, 2.0];
    dot(&w, x) * x[0]
}

#[test]
fn a_constant_array_passed_to_a_differentiated_parameter() {
    let x = [0.3, 0.9, -0.4];
    // f = (w·x) x₀: ∂f/∂xᵢ = wᵢ x₀ + δᵢ₀ (w·x)
    let wx = 0.5 * x[0] - x[1] + 2.0 * x[2];
    let want = [0.5 * x[0] + wx, -x[0], 2.0 * x[0]];
    assert_all_close("gradient", &constant_weights_grad(&x), &want, 1e-15);
    let v = [0.2, -0.7, 1.1];
    let (_, t) = constant_weights_jvp(&x, &v);
    let dot_v: f64 = want.iter().zip(&v).map(|(a, b)| a * b).sum();
    assert_close("jvp", t, dot_v, 1e-14);
    // Through the dual twin (the constant array is lifted for `dot`'s twin):
    // H = w e₀ᵀ + e₀ wᵀ, so H v = w v₀ + e₀ (w·v).
    let w = [0.5, -1.0, 2.0];
    let wv: f64 = w.iter().zip(&v).map(|(a, b)| a * b).sum();
    let want_hv = [w[0] * v[0] + wv, w[1] * v[0], w[2] * v[0]];
    assert_all_close("hvp", &constant_weights_hvp(&x, &v), &want_hv, 1e-14);
    // And where the callee keeps it plain (`#[no_grad]`): H = diag(4 wᵢ e^{2xᵢ} + 2 wᵢ).
    let hv = caller_no_grad_hvp(&x, &v);
    for i in 0..3 {
        let wi = (i + 1) as f64;
        let want = (4.0 * wi * (2.0 * x[i]).exp() + 2.0 * wi) * v[i];
        assert_close("hvp (no_grad callee)", hv[i], want, 1e-13);
    }
}

/// A time step that updates its state in place and returns nothing.
#[differentiable]
fn step<T: Real>(u: &mut [T], c: T) {
    let n = u.len();
    let mut prev = u[n - 1];
    for i in 0..n {
        let cur = u[i];
        u[i] = cur + c * (prev - cur).sin();
        prev = cur;
    }
}

/// An in-place update with a result.
#[differentiable]
fn damp(u: &mut [f64], a: f64) -> f64 {
    let mut s = 0.0;
    for i in 0..u.len() {
        u[i] *= a;
        s += u[i] * u[i];
    }
    s
}

/// A caller that reads its state nonlinearly before and after each in-place call (so the
/// pullback must see the state as it was before each call).
#[differentiable]
fn simulate(u0: &[f64], c: f64, steps: usize) -> f64 {
    let n = u0.len();
    let mut u = u0.to_vec();
    let mut e = 0.0;
    for k in 0..steps {
        e += u[k % n].powi(2) * c;
        step(&mut u, c);
        let d = damp(&mut u[..], 0.95);
        e += 0.1 * d + u[(k + 1) % n].exp();
    }
    e + chain(&u)
}

/// A function updating its own `&mut` argument through calls.
#[differentiable]
fn two_steps(u: &mut [f64], c: f64) {
    step(u, c);
    step(&mut u[..], c * 0.5);
}

#[test]
fn in_place_calls_match_finite_differences() {
    let (c, steps) = (0.4, 5);
    let (v, (gu, gc)) = simulate_value_and_grad(&X, c, steps);
    assert_close("value", v, simulate(&X, c, steps), 1e-15);
    let fd_u = fd_grad(&|x| simulate(x, c, steps), &X);
    assert_all_close("d simulate / du0", &gu, &fd_u, FD_TOL);
    let fd_c = (simulate(&X, c + H, steps) - simulate(&X, c - H, steps)) / (2.0 * H);
    assert_close("d simulate / dc", gc, fd_c, FD_TOL);
    // Forward against reverse.
    let (du, dc) = ([0.3, -0.2, 0.5, 0.1, -0.6], 0.7);
    let (_, t) = simulate_jvp(&X, c, steps, &du, dc);
    let rhs: f64 = du.iter().zip(&gu).map(|(a, b)| a * b).sum::<f64>() + dc * gc;
    assert_close("<jvp(v), 1> vs <v, grad>", t, rhs, DOT_TOL);
}

#[test]
fn in_place_calls_through_an_in_place_argument() {
    let c = 0.3;
    let w = [1.0, -2.0, 0.5, 3.0, 0.25];
    let loss = |u0: &[f64], c: f64| {
        let mut u = u0.to_vec();
        two_steps(&mut u, c);
        u.iter().zip(&w).map(|(a, b)| a * b).sum::<f64>()
    };
    let mut u = X.to_vec();
    let ((), pb) = two_steps_vjp(&mut u, c);
    let mut expect = X.to_vec();
    two_steps(&mut expect, c);
    assert_eq!(
        u, expect,
        "the forward pass updates the argument as the function does"
    );
    let mut buf = w.to_vec();
    let gc = pb((), &mut buf);
    assert_all_close("d loss / du0", &buf, &fd_grad(&|x| loss(x, c), &X), FD_TOL);
    let fd_c = (loss(&X, c + H) - loss(&X, c - H)) / (2.0 * H);
    assert_close("d loss / dc", gc, fd_c, FD_TOL);
    // Forward: the tangent buffer is updated with the value.
    let v = [0.2, 0.4, -0.1, 0.3, -0.5];
    let mut u = X.to_vec();
    let mut du = v.to_vec();
    two_steps_jvp(&mut u, c, &mut du, 0.0);
    let t: f64 = du.iter().zip(&w).map(|(a, b)| a * b).sum();
    let rhs: f64 = v.iter().zip(&buf).map(|(a, b)| a * b).sum();
    assert_close("<J v, w> vs <v, Jᵀ w>", t, rhs, DOT_TOL);
}

#[test]
fn second_order_through_in_place_calls() {
    // The callees' dual twins take the array's adjoint as a buffer of dual numbers.
    let (c, steps) = (0.4, 3);
    let (vu, vc) = ([0.3, -0.2, 0.5, 0.1, -0.6], 0.7);
    let (hu, hc) = simulate_hvp(&X, c, steps, &vu, vc);
    let e = 1e-5;
    let xp: Vec<f64> = X.iter().zip(&vu).map(|(a, b)| a + e * b).collect();
    let xm: Vec<f64> = X.iter().zip(&vu).map(|(a, b)| a - e * b).collect();
    let (gp, gcp) = simulate_grad(&xp, c + e * vc, steps);
    let (gm, gcm) = simulate_grad(&xm, c - e * vc, steps);
    let fd: Vec<f64> = gp
        .iter()
        .zip(&gm)
        .map(|(a, b)| (a - b) / (2.0 * e))
        .collect();
    assert_all_close("hvp u0", &hu, &fd, 1e-6);
    assert_close("hvp c", hc, (gcp - gcm) / (2.0 * e), 1e-6);
}

// ---------------------------------------------------------------------------------------------
// A differentiable helper called in a condition: the second-order code evaluates conditions on
// plain values, so the helper gets the arrays' plain values there.

#[differentiable]
fn norm2(v: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in 0..v.len() {
        s += v[i] * v[i];
    }
    s
}

#[differentiable(check(len = 2))]
fn branch_on_norm(x: &[f64]) -> f64 {
    if norm2(x) > 1.0 {
        x[0] * x[0] * x[1]
    } else {
        x[1] * x[1]
    }
}

/// Halves the state until its squared norm drops below a tolerance: a residual loop.
#[differentiable]
fn shrink(x: &[f64]) -> f64 {
    let mut u = x.to_vec();
    while norm2(&u) > 1e-3 {
        u[0] *= 0.5;
        u[1] *= 0.5;
    }
    u[0] * u[1]
}

#[test]
fn helpers_in_conditions() {
    let x = [1.0, 2.0];
    let h = branch_on_norm_hessian(&x);
    assert_all_close("branch row 0", &h[0], &[4.0, 2.0], 1e-14);
    assert_all_close("branch row 1", &h[1], &[2.0, 0.0], 1e-14);
    // |x|² = 5 needs 7 halvings (5 / 4^7 < 1e-3 < 5 / 4^6): u = x / 2^7, value x0 x1 / 4^7.
    let s = 1.0 / 16384.0;
    let g = shrink_grad(&x);
    assert_all_close("shrink grad", &g, &[2.0 * s, 1.0 * s], 1e-14);
    let h = shrink_hessian(&x);
    assert_all_close("shrink hessian row 0", &h[0], &[0.0, s], 1e-14);
    let fd = fd_grad(&|p| shrink(p), &x);
    assert_all_close("shrink vs fd", &g, &fd, FD_TOL);
}

// ---------------------------------------------------------------------------------------------
// Helpers that return a `Vec`, bound with `let` and indexed (an ODE's right-hand side called
// at each stage): the callee's pullback gets the array's adjoint, taken whole; inside a loop
// each iteration's array replaces the previous one, which the pullback puts back.

#[differentiable]
fn rhs_vec(y: &[f64], k: f64) -> Vec<f64> {
    let n = y.len();
    let mut d = vec![0.0; n];
    for i in 0..n {
        let ip = if i + 1 == n { 0 } else { i + 1 };
        d[i] = -k * y[i] + y[ip] * y[i];
    }
    d
}

/// Heun's method over a `Vec`-returning right-hand side; its last stage as a `Vec<f64>`-typed
/// local passed on to a helper. Without and with `#[checkpoint]` on the time loop, from one
/// body.
macro_rules! heun_vec_fn {
    ($name:ident, [$($opts:tt)*] $(, #[$cp:meta])?) => {
        #[differentiable($($opts)*)]
        fn $name(y0: &[f64], k: f64, steps: usize) -> f64 {
            let n = y0.len();
            let dt = 0.1;
            let mut y = y0.to_vec();
            $(#[$cp])?
            for _ in 0..steps {
                let k1 = rhs_vec(&y, k);
                let mut pred = y.to_vec();
                for i in 0..n {
                    pred[i] = y[i] + dt * k1[i];
                }
                let k2 = rhs_vec(&pred, k);
                for i in 0..n {
                    y[i] += 0.5 * dt * (k1[i] + k2[i]);
                }
            }
            let last: Vec<f64> = rhs_vec(&y, k);
            norm2(&y) + 0.1 * norm2(&last)
        }
    };
}

heun_vec_fn!(heun_vec, [check(len = 3, args(steps = 3))]);
heun_vec_fn!(heun_vec_checkpointed, [], #[checkpoint(every = 2)]);

#[test]
fn vec_returning_helpers() {
    let y0 = [0.3, -0.2, 0.5];
    let k = 0.7;
    for steps in [0, 1, 4] {
        let (gy, gk) = heun_vec_grad(&y0, k, steps);
        let fd = fd_grad(&|y| heun_vec(y, k, steps), &y0);
        assert_all_close("heun d/dy0", &gy, &fd, FD_TOL);
        let fdk = (heun_vec(&y0, k + H, steps) - heun_vec(&y0, k - H, steps)) / (2.0 * H);
        assert_close("heun d/dk", gk, fdk, FD_TOL);
        // Forward mode and the 'static pullback agree with the gradient.
        let (_, dy) = heun_vec_jvp(&y0, k, steps, &[1.0, 0.0, 0.0], 0.0);
        assert_close("heun jvp", dy, gy[0], 1e-12);
        let (_, pb) = heun_vec_vjp(&y0, k, steps);
        let (vy, vk) = pb(1.0);
        assert_all_close("heun vjp", &vy, &gy, 1e-12);
        assert_close("heun vjp k", vk, gk, 1e-12);
        // Checkpointed: the same gradient.
        let (cy, ck) = heun_vec_checkpointed_grad(&y0, k, steps);
        assert_all_close("checkpointed d/dy0", &cy, &gy, 1e-12);
        assert_close("checkpointed d/dk", ck, gk, 1e-12);
        // Hessian against central differences of the gradient.
        let h = heun_vec_hessian(&y0, k, steps);
        for j in 0..4 {
            let shift = |s: f64| {
                let (mut y, mut kk) = (y0, k);
                if j < 3 {
                    y[j] += s;
                } else {
                    kk += s;
                }
                let (g, gk) = heun_vec_grad(&y, kk, steps);
                [g[0], g[1], g[2], gk]
            };
            let (a, b) = (shift(1e-5), shift(-1e-5));
            for i in 0..4 {
                let fd = (a[i] - b[i]) / 2e-5;
                assert_close("heun hessian", h[i][j], fd, 1e-6);
            }
        }
    }
}

#[differentiable]
fn damp_vec(u: &[f64], dt: f64) -> Vec<f64> {
    let mut v = u.to_vec();
    for i in 0..u.len() {
        v[i] = u[i] * (1.0 - dt) + dt * u[i] * u[i];
    }
    v
}

/// A helper's `Vec` copied back into the state each step (`copy_from_slice`).
#[differentiable(check(len = 3, lo = 0.1, hi = 0.9))]
fn damp_steps(u0: &[f64], dt: f64) -> f64 {
    let mut u = u0.to_vec();
    for _ in 0..3 {
        let next = damp_vec(&u, dt);
        u.copy_from_slice(&next);
    }
    norm2(&u)
}

/// A stage bound mutably and changed, inside a `#[checkpoint]` loop.
#[differentiable(check(len = 3))]
fn mutated_stage(x: &[f64]) -> f64 {
    let n = x.len();
    let mut y = x.to_vec();
    #[checkpoint]
    for _ in 0..3 {
        let mut k = rhs_vec(&y, 0.2);
        k[0] *= 0.5;
        for i in 0..n {
            y[i] += 0.1 * k[i];
        }
    }
    norm2(&y)
}

/// A function over `f64` passing a float literal to a generic helper: its second-order code
/// gave the literal where the helper's twin, instantiated at dual numbers, wanted one.
#[differentiable]
fn gen_scale<T: Real>(y: T, a: T) -> T {
    y * y * a
}

#[differentiable]
fn literal_to_generic(x: &[f64]) -> f64 {
    gen_scale(x[0], 0.6) + gen_scale(x[1], x[0])
}

#[test]
fn literals_to_generic_helpers() {
    // f = 0.6 x0² + x1² x0.
    let x = [0.5, 2.0];
    assert_all_close("grad", &literal_to_generic_grad(&x), &[4.6, 2.0], 1e-14);
    let h = literal_to_generic_hessian(&x);
    assert_all_close("hessian row 0", &h[0], &[1.2, 4.0], 1e-14);
    assert_all_close("hessian row 1", &h[1], &[4.0, 1.0], 1e-14);
}
