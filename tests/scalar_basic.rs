//! Straight-line scalar code: arithmetic, literals, constants, bindings (shadowing, reassignment,
//! compound assignment, tuple destructuring and tuple reassignment), inactive and `#[no_grad]`
//! arguments, `stop_gradient`, tuple results, f32, and chains of differentiable helpers.
//!
//! Unless a test says otherwise: reverse mode is checked against central finite differences with
//! step h = 1e-6 and tolerance 1e-6 relative (`common::close`), forward against reverse with the
//! dot-product test at tolerance 1e-12 relative, and the values returned by `_jvp` / `_vjp` must
//! equal the primal function's bit for bit.

#[macro_use]
mod common;

use common::{assert_all_close, assert_close, assert_exact, fd1, Ad, Flat};
use oxidiff::{differentiable, stop_gradient};

const SCALE: f64 = 2.5;
const OFFSET: f64 = -0.75;

// ----- arithmetic, literals, constants -----

#[differentiable(check)]
fn poly(x: f64, y: f64) -> f64 {
    let a = 3.0 * x * x - 2f64 * x * y + -y / 4.0_f64;
    let b = -(a - 1.) * 0.5 + 1e-1 * y * y * y;
    b / (1.0 + x * x) - 7.0
}

#[differentiable(check)]
fn sin_x2(x: f64) -> f64 {
    x.sin() * x * x
}

#[differentiable(check)]
fn consts(x: f64) -> f64 {
    let pi = std::f64::consts::PI;
    SCALE * x * x + OFFSET * x + pi * core::f64::consts::E + f64::EPSILON * x
}

#[test]
fn arithmetic_and_literals() {
    let ad = ad!(poly, poly_jvp, poly_vjp, [x, y]);
    ad.check(&[&[0.3, -1.2], &[1.7, 0.4], &[-2.0, 3.0], &[0.0, 0.0]]);
    // Analytic: with a = 3x² - 2xy - y/4, b = -(a-1)/2 + y³/10, f = b/(1+x²) - 7.
    let (x, y) = (0.8, -0.6);
    let a = 3.0 * x * x - 2.0 * x * y - y / 4.0;
    let b = -(a - 1.0) * 0.5 + 0.1 * y * y * y;
    let (da_dx, da_dy) = (6.0 * x - 2.0 * y, -2.0 * x - 0.25);
    let q = 1.0 + x * x;
    let dfx = (-0.5 * da_dx) / q - b * 2.0 * x / (q * q);
    let dfy = (-0.5 * da_dy + 0.3 * y * y) / q;
    let (gx, gy) = poly_grad(x, y);
    assert_close("d poly/dx analytic", gx, dfx, 1e-14);
    assert_close("d poly/dy analytic", gy, dfy, 1e-14);
}

#[test]
fn sin_times_square_is_analytic() {
    let ad = ad!(sin_x2, sin_x2_jvp, sin_x2_vjp, [x]);
    ad.check(&[&[0.0], &[0.5], &[-1.3], &[4.0]]);
    for x in [-2.0f64, -0.1, 0.0, 0.9, 3.3] {
        let want = x.cos() * x * x + 2.0 * x * x.sin();
        assert_close(&format!("sin_x2' at {x}"), sin_x2_grad(x), want, 1e-14);
        assert_close(
            &format!("sin_x2 jvp at {x}"),
            sin_x2_jvp(x, 1.0).1,
            want,
            1e-14,
        );
        let (v, g) = sin_x2_value_and_grad(x);
        assert_exact("sin_x2_value_and_grad value", v, sin_x2(x));
        assert_exact("sin_x2_value_and_grad grad", g, sin_x2_grad(x));
    }
}

#[test]
fn constants_have_no_derivative() {
    let ad = ad!(consts, consts_jvp, consts_vjp, [x]);
    ad.check(&[&[0.0], &[1.5], &[-3.0]]);
    for x in [-1.0, 0.25, 2.0] {
        assert_close(
            "consts'",
            consts_grad(x),
            2.0 * SCALE * x + OFFSET + f64::EPSILON,
            1e-15,
        );
    }
}

// ----- bindings -----

#[differentiable(check)]
fn shadow(x: f64) -> f64 {
    let y = x * 2.0;
    let y = y.sin() + x;
    let inner = {
        // Shadows `x` inside the block only; the outer `x` is used again below.
        let x = x * 3.0;
        let x = x + y;
        x * x
    };
    let x = x * 2.0;
    inner + x * y
}

fn shadow_manual(x: f64) -> f64 {
    let y = (2.0 * x).sin() + x;
    let inner = (3.0 * x + y) * (3.0 * x + y);
    inner + 2.0 * x * y
}

#[test]
fn shadowing_in_inner_block_keeps_outer_binding() {
    let ad = ad!(shadow, shadow_jvp, shadow_vjp, [x]);
    ad.check(&[&[0.0], &[0.4], &[-1.1], &[2.5]]);
    for x in [-0.7, 0.3, 1.9] {
        assert_exact("shadow primal vs hand-inlined", shadow(x), shadow_manual(x));
        // Analytic: y' = 2cos(2x) + 1, inner' = 2(3x+y)(3+y'), (2xy)' = 2y + 2xy'.
        let y = (2.0 * x).sin() + x;
        let dy = 2.0 * (2.0 * x).cos() + 1.0;
        let want = 2.0 * (3.0 * x + y) * (3.0 + dy) + 2.0 * y + 2.0 * x * dy;
        assert_close("shadow' analytic", shadow_grad(x), want, 1e-13);
    }
}

#[differentiable(check)]
fn compound(x: f64, y: f64) -> f64 {
    let mut a = x;
    a += y;
    a *= x;
    a -= 2.0 * y;
    a /= y * y + 3.0;
    a += 1.0;
    a *= a;
    let mut b = 10.0 * x + 0.25;
    b %= 3.0; // `%` by a constant: derivative 1 in `b` away from the jumps
    a + b
}

#[test]
fn compound_assignment() {
    let ad = ad!(compound, compound_jvp, compound_vjp, [x, y]);
    ad.check(&[&[0.31, 0.7], &[1.23, -0.4], &[-0.52, 2.0]]);
    // Analytic at a point: a0 = ((x+y)x - 2y)/(y²+3) + 1, f = a0² + (10x + 1/4) mod 3.
    let (x, y) = (0.31, 0.7);
    let n = (x + y) * x - 2.0 * y;
    let d = y * y + 3.0;
    let a0 = n / d + 1.0;
    let dx = 2.0 * a0 * (2.0 * x + y) / d + 10.0;
    let dy = 2.0 * a0 * ((x - 2.0) / d - n * 2.0 * y / (d * d));
    let (gx, gy) = compound_grad(x, y);
    assert_close("compound d/dx", gx, dx, 1e-13);
    assert_close("compound d/dy", gy, dy, 1e-13);
}

#[differentiable(check)]
fn reassign(x: f64) -> f64 {
    let mut a = x;
    a = a * a + 1.0;
    a = a.ln();
    let mut b;
    b = a * x;
    b = 2.0 * b - a;
    b
}

#[test]
fn reassignment() {
    let ad = ad!(reassign, reassign_jvp, reassign_vjp, [x]);
    ad.check(&[&[0.0], &[0.7], &[-2.0]]);
    for x in [-1.5f64, 0.2, 3.0] {
        // f = ln(x²+1)(2x-1), f' = 2x(2x-1)/(x²+1) + 2 ln(x²+1)
        let want = 2.0 * x * (2.0 * x - 1.0) / (x * x + 1.0) + 2.0 * (x * x + 1.0).ln();
        assert_close("reassign'", reassign_grad(x), want, 1e-14);
    }
}

#[differentiable(check)]
fn destructure(x: f64, y: f64) -> f64 {
    let (a, b) = (x * y, x + y);
    let (c, _) = (a * b, x.exp());
    let (mut p, q) = (c, b - a);
    p += q * q;
    p
}

#[test]
fn tuple_destructuring() {
    let ad = ad!(destructure, destructure_jvp, destructure_vjp, [x, y]);
    ad.check(&[&[0.5, 1.5], &[-1.0, 0.3], &[2.0, -2.0]]);
    let (x, y) = (0.5, 1.5);
    // f = xy(x+y) + (x+y-xy)²
    let r = x + y - x * y;
    let gx = 2.0 * x * y + y * y + 2.0 * r * (1.0 - y);
    let gy = x * x + 2.0 * x * y + 2.0 * r * (1.0 - x);
    assert_all_close(
        "destructure grad",
        &destructure_grad(x, y).flat(),
        &[gx, gy],
        1e-14,
    );
}

#[differentiable]
fn fib_swap(x: f64, y: f64, n: usize) -> f64 {
    let (mut u, mut v) = (x, y);
    for _ in 0..n {
        (u, v) = (v, u + v);
    }
    u
}

#[test]
fn tuple_reassignment_fibonacci() {
    // u_n = F(n-1)·x + F(n)·y with F(-1) = 1, F(0) = 0: the gradient is exactly (F(n-1), F(n)).
    let fib = |k: i64| -> f64 {
        assert!(k >= 0);
        let (mut a, mut b) = (1.0, 0.0); // F(-1), F(0)
        for _ in 0..k {
            (a, b) = (b, a + b);
        }
        b
    };
    for n in [0usize, 1, 2, 5, 10, 30] {
        let g = fib_swap_grad(0.3, -1.7, n);
        let want_x = if n == 0 { 1.0 } else { fib(n as i64 - 1) }; // F(-1) = 1
        assert_exact(&format!("fib_swap d/dx, n={n}"), g.0, want_x);
        assert_exact(&format!("fib_swap d/dy, n={n}"), g.1, fib(n as i64));
        let (_, t) = fib_swap_jvp(0.3, -1.7, n, 2.0, -1.0);
        assert_exact(
            &format!("fib_swap jvp, n={n}"),
            t,
            2.0 * want_x - fib(n as i64),
        );
    }
    let ad = Ad::new(
        "fib_swap(.., 7)",
        |p| vec![fib_swap(p[0], p[1], 7)],
        |p, t| {
            let (y, dy) = fib_swap_jvp(p[0], p[1], 7, t[0], t[1]);
            (vec![y], vec![dy])
        },
        |p, w| {
            let (y, pb) = fib_swap_vjp(p[0], p[1], 7);
            (vec![y], pb(w[0]).flat())
        },
    );
    ad.check(&[&[0.3, -1.7], &[2.0, 5.0]]);
}

// ----- inactive arguments -----

#[differentiable]
fn int_mix(x: f64, n: i32, y: f64, flag: bool, k: usize) -> f64 {
    let m = n * 2 + 1;
    let kk = k as i32 - m;
    let mut s = x * (m as f64) + y * (kk as f64);
    if flag {
        s *= x;
    } else {
        s -= y * y;
    }
    s + (k as f64) * y.sin()
}

#[test]
fn integer_and_bool_arguments_are_inactive_and_keep_their_place() {
    for (n, flag, k) in [(0, true, 0usize), (2, false, 7), (-1, true, 3)] {
        let ad = Ad::new(
            "int_mix",
            move |p| vec![int_mix(p[0], n, p[1], flag, k)],
            move |p, t| {
                let (y, dy) = int_mix_jvp(p[0], n, p[1], flag, k, t[0], t[1]);
                (vec![y], vec![dy])
            },
            move |p, w| {
                let (y, pb) = int_mix_vjp(p[0], n, p[1], flag, k);
                (vec![y], pb(w[0]).flat())
            },
        );
        ad.check(&[&[0.4, 1.3], &[-2.0, 0.1]]);
        let (x, y) = (0.4, 1.3);
        let m = (2 * n + 1) as f64;
        let kk = k as f64 - m;
        let (gx, gy) = int_mix_grad(x, n, y, flag, k);
        let (wx, wy) = if flag {
            (2.0 * x * m + y * kk, x * kk + k as f64 * y.cos())
        } else {
            (m, kk - 2.0 * y + k as f64 * y.cos())
        };
        assert_close(
            &format!("int_mix d/dx (n={n}, flag={flag}, k={k})"),
            gx,
            wx,
            1e-14,
        );
        assert_close(
            &format!("int_mix d/dy (n={n}, flag={flag}, k={k})"),
            gy,
            wy,
            1e-14,
        );
    }
}

#[differentiable(check(args(c = 1.3)))]
fn with_no_grad(x: f64, #[no_grad] c: f64) -> f64 {
    (c * x).sin() + c * c * x
}

#[test]
fn no_grad_parameter_is_constant() {
    for c in [0.0, 0.5, -2.0] {
        let x = 0.9;
        // One active argument: the gradient is a bare f64 and the JVP takes one tangent.
        let g: f64 = with_no_grad_grad(x, c);
        let want = c * (c * x).cos() + c * c;
        assert_close(&format!("with_no_grad d/dx (c={c})"), g, want, 1e-15);
        let (v, t) = with_no_grad_jvp(x, c, 1.0);
        assert_exact("with_no_grad jvp value", v, with_no_grad(x, c));
        assert_close("with_no_grad jvp", t, want, 1e-15);
        assert_close(
            "with_no_grad vs fd",
            g,
            fd1(|x| with_no_grad(x, c), x, 1e-6),
            1e-6,
        );
    }
}

// `stop_gradient` changes the derivative but not the value, so finite differences
// disagree with it by design: no `check` here.
#[differentiable]
fn stopped(x: f64, y: f64) -> f64 {
    let s = stop_gradient(x * y);
    let t = oxidiff::stop_gradient(x).exp();
    x * s + t * y
}

#[test]
fn stop_gradient_blocks_flow() {
    for (x, y) in [(0.5, 2.0), (-1.0, 0.3)] {
        // Only the explicit `x` and `y` factors carry derivatives.
        let (gx, gy) = stopped_grad(x, y);
        assert_close("stopped d/dx", gx, x * y, 1e-15);
        assert_close("stopped d/dy", gy, x.exp(), 1e-15);
        let (_, t) = stopped_jvp(x, y, 0.7, -0.2);
        assert_close("stopped jvp", t, 0.7 * x * y - 0.2 * x.exp(), 1e-15);
        // And it really differs from the full derivative (2xy + e^x y).
        assert!(
            (gx - fd1(|x| stopped(x, y), x, 1e-6)).abs() > 0.1,
            "stop_gradient had no effect"
        );
    }
}

// ----- tuple results -----

#[differentiable(check)]
fn polar(r: f64, th: f64) -> (f64, f64) {
    let c = th.cos();
    (r * c, r * th.sin())
}

#[differentiable(check)]
fn triple(x: f64) -> (f64, f64, f64) {
    let a = x * x;
    (a, x.exp(), a * x - 1.0)
}

#[test]
fn tuple_results() {
    let ad = ad!(polar, polar_jvp, polar_vjp, [r, th]);
    ad.check(&[&[1.0, 0.3], &[2.5, -2.0], &[0.0, 1.0]]);
    // Jacobian [[cos, -r sin], [sin, r cos]].
    let (r, th) = (1.5, 0.4);
    let (_, (dx, dy)) = polar_jvp(r, th, 1.0, 0.0);
    assert_all_close("polar d/dr", &[dx, dy], &[th.cos(), th.sin()], 1e-15);
    let (_, pb) = polar_vjp(r, th);
    let (cr, cth) = pb((0.0, 1.0));
    assert_all_close(
        "polar row of y",
        &[cr, cth],
        &[th.sin(), r * th.cos()],
        1e-15,
    );

    let ad = ad!(triple, triple_jvp, triple_vjp, [x]);
    ad.check(&[&[0.2], &[-1.4]]);
    let x = 0.7;
    let (v, t) = triple_jvp(x, 1.0);
    assert_all_close("triple value", &v.flat(), &triple(x).flat(), 0.0);
    assert_all_close(
        "triple tangent",
        &t.flat(),
        &[2.0 * x, x.exp(), 3.0 * x * x],
        1e-15,
    );
    let (_, pb) = triple_vjp(x);
    let c: f64 = pb((1.0, -1.0, 2.0));
    assert_close(
        "triple cotangent",
        c,
        2.0 * x - x.exp() + 6.0 * x * x,
        1e-15,
    );
}

// ----- f32 -----

#[differentiable]
fn single(x: f32, y: f32) -> f32 {
    let a = x * y + 0.5f32 * x.powi(2);
    a.sin() / (1.0 + y * y)
}

fn single64(x: f64, y: f64) -> f64 {
    let a = x * y + 0.5 * x.powi(2);
    a.sin() / (1.0 + y * y)
}

#[test]
fn f32_function() {
    // f32: finite differences with h = 1e-2 against tolerance 1e-2, and an exact f64 reference
    // of the analytic gradient at tolerance 1e-5.
    for (x, y) in [(0.3f32, 0.8f32), (-1.0, 0.2), (1.2, -0.5)] {
        let (gx, gy) = single_grad(x, y);
        let (xd, yd) = (x as f64, y as f64);
        let fx = fd1(|x| single64(x, yd), xd, 1e-2);
        let fy = fd1(|y| single64(xd, y), yd, 1e-2);
        assert_close("single d/dx vs fd", gx as f64, fx, 1e-2);
        assert_close("single d/dy vs fd", gy as f64, fy, 1e-2);
        let a = xd * yd + 0.5 * xd * xd;
        let q = 1.0 + yd * yd;
        let wx = a.cos() * (yd + xd) / q;
        let wy = a.cos() * xd / q - a.sin() * 2.0 * yd / (q * q);
        assert_close("single d/dx analytic", gx as f64, wx, 1e-5);
        assert_close("single d/dy analytic", gy as f64, wy, 1e-5);
        let (v, t) = single_jvp(x, y, 0.5, -2.0);
        assert_eq!(v, single(x, y));
        assert_close(
            "single jvp vs grad",
            t as f64,
            (0.5 * gx - 2.0 * gy) as f64,
            1e-5,
        );
    }
}

// ----- chains of differentiable helpers -----

mod m {
    use oxidiff::differentiable;

    #[differentiable]
    pub fn h(x: f64) -> f64 {
        x.exp() - x
    }

    pub mod deeper {
        use oxidiff::differentiable;

        #[differentiable]
        pub fn k(x: f64, y: f64) -> f64 {
            x * y.cos()
        }
    }
}

#[differentiable(check)]
fn g_mid(x: f64, y: f64) -> f64 {
    let a = m::h(x * y);
    a + m::deeper::k(a, y) + crate::m::h(y)
}

#[differentiable(check)]
fn f_outer(x: f64) -> f64 {
    let u = g_mid(x, 2.0);
    let v = g_mid(0.5, x);
    u * v + m::h(x)
}

#[test]
fn helper_chain_through_module_paths() {
    let ad = ad!(g_mid, g_mid_jvp, g_mid_vjp, [x, y]);
    ad.check(&[&[0.3, 0.7], &[-0.5, 1.2], &[0.0, 0.0]]);
    let ad = ad!(f_outer, f_outer_jvp, f_outer_vjp, [x]);
    ad.check(&[&[0.1], &[0.6], &[-0.9]]);
    // Analytic for g_mid: a = e^{xy} - xy, g = a + a cos y + h(y).
    let (x, y): (f64, f64) = (0.3, 0.7);
    let a_s = (x * y).exp() - 1.0; // da/ds for s = xy
    let a = (x * y).exp() - x * y;
    let gx = a_s * y * (1.0 + y.cos());
    let gy = a_s * x * (1.0 + y.cos()) - a * y.sin() + y.exp() - 1.0;
    assert_all_close(
        "g_mid grad analytic",
        &g_mid_grad(x, y).flat(),
        &[gx, gy],
        1e-14,
    );
    assert_close("m::h_grad", m::h_grad(1.3), 1.3f64.exp() - 1.0, 1e-15);
}
