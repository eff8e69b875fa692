//! Control flow: `if` / `else if` / `else` (statement and expression), `if let`, `match` on
//! integers, bools, enums and `x.floor() as i32`, `for` over ranges (`a..b`, `a..=b`, `.rev()`,
//! `.step_by(k)`, zero-trip), `while` with float conditions (Newton's square root), `loop` with
//! `break`, `break value`, `continue` and labels, early `return`, and a 1000-step RK4 integrator.
//!
//! Unless a test says otherwise: reverse mode against central finite differences (h = 1e-6,
//! tolerance 1e-6 relative, `common::close`), forward against reverse by the dot-product test
//! (1e-12 relative), and exact primal values from `_jvp` / `_vjp`. Finite-difference points are
//! chosen away from branch switches.

#[macro_use]
mod common;

use common::{assert_all_close, assert_close, assert_exact, fd1, Ad, Flat};
use oxidiff::differentiable;

/// An [`Ad`] for `f(x, n)` with one active `f64` and one inactive integer.
macro_rules! ad_n {
    ($f:ident, $jvp:ident, $vjp:ident, $n:expr) => {{
        let n = $n;
        Ad::new(
            stringify!($f),
            move |p: &[f64]| vec![$f(p[0], n)],
            move |p: &[f64], t: &[f64]| {
                let (y, dy) = $jvp(p[0], n, t[0]);
                (vec![y], vec![dy])
            },
            move |p: &[f64], w: &[f64]| {
                let (y, pb) = $vjp(p[0], n);
                (vec![y], vec![pb(w[0])])
            },
        )
    }};
}

// ----- if -----

#[differentiable]
fn branches(x: f64, y: f64) -> f64 {
    let mut s = 0.0;
    if x > 1.0 {
        s += x * y;
    } else if x > -1.0 {
        s -= y.sin() * x;
    } else {
        s = x * x;
    }
    let t = if y > x {
        y.exp()
    } else if y > 0.0 {
        y * 3.0
    } else {
        -y
    };
    if s > 100.0 {
        s = 100.0;
    }
    s + t
}

#[test]
fn if_else_chains() {
    let ad = ad!(branches, branches_jvp, branches_vjp, [x, y]);
    // One point per combination of arms.
    ad.check(&[
        &[2.0, 3.0],
        &[2.0, 0.5],
        &[0.5, 1.0],
        &[0.5, -0.2],
        &[-2.0, 0.7],
        &[-2.0, -3.0],
    ]);
    // s capped at 100 (constant); t = 3y.
    assert_all_close(
        "branches cap",
        &branches_grad(20.0, 10.0).flat(),
        &[0.0, 3.0],
        0.0,
    );
    let (x, y) = (0.5f64, 1.0f64);
    // s = -sin(y)·x, t = e^y.
    assert_all_close(
        "branches grad",
        &branches_grad(x, y).flat(),
        &[-y.sin(), -y.cos() * x + y.exp()],
        1e-15,
    );
}

#[differentiable]
fn if_let(x: f64, k: i32) -> f64 {
    let opt = if k > 0 { Some(k) } else { None };
    if let Some(m) = opt {
        x.powi(m)
    } else {
        x.cos()
    }
}

#[test]
fn if_let_on_inactive_option() {
    for k in [-1, 0, 1, 3] {
        let ad = ad_n!(if_let, if_let_jvp, if_let_vjp, k);
        ad.check(&[&[0.4], &[1.3]]);
    }
    assert_close("if_let k=3", if_let_grad(2.0, 3), 12.0, 0.0);
    assert_close("if_let k=0", if_let_grad(2.0, 0), -(2f64.sin()), 0.0);
}

// ----- match -----

#[differentiable]
fn match_int(x: f64, n: i32) -> f64 {
    let a = match n {
        0 => x,
        1 | 2 => x * x,
        3..=5 => x.sin() * (n as f64),
        _ if n < 0 => -x,
        _ => x.exp(),
    };
    a * 2.0
}

#[test]
fn match_on_integers() {
    for n in [-3, 0, 1, 2, 4, 9] {
        let ad = ad_n!(match_int, match_int_jvp, match_int_vjp, n);
        ad.check(&[&[0.3], &[-1.1]]);
        let x = 0.3f64;
        let want = 2.0
            * match n {
                0 => 1.0,
                1 | 2 => 2.0 * x,
                3..=5 => x.cos() * n as f64,
                _ if n < 0 => -1.0,
                _ => x.exp(),
            };
        assert_close(
            &format!("match_int' n={n}"),
            match_int_grad(x, n),
            want,
            1e-15,
        );
    }
}

#[differentiable]
fn match_bool(x: f64, y: f64, flip: bool) -> f64 {
    match flip {
        true => x * y.exp(),
        false => {
            let z = x + y;
            z * z
        }
    }
}

#[test]
fn match_on_bool() {
    for flip in [true, false] {
        let ad = Ad::new(
            "match_bool",
            move |p| vec![match_bool(p[0], p[1], flip)],
            move |p, t| {
                let (y, dy) = match_bool_jvp(p[0], p[1], flip, t[0], t[1]);
                (vec![y], vec![dy])
            },
            move |p, w| {
                let (y, pb) = match_bool_vjp(p[0], p[1], flip);
                (vec![y], pb(w[0]).flat())
            },
        );
        ad.check(&[&[0.5, -0.5], &[2.0, 1.0]]);
    }
    assert_eq!(match_bool_grad(2.0, 0.0, true), (1.0, 2.0));
    assert_eq!(match_bool_grad(2.0, 1.0, false), (6.0, 6.0));
}

#[derive(Clone, Copy, Debug)]
enum Shape {
    Circle,
    Square,
    Polygon(i32),
}

// A discrete argument type needs the trivial tangent space to be passed to a differentiable
// function (integers and bools have it built in).
impl oxidiff::Tangent for Shape {
    type Tangent = ();
    fn zero_tangent(&self) {}
    fn add_assign_tangent(_: &mut (), _: ()) {}
}

#[differentiable]
fn area(r: f64, shape: Shape) -> f64 {
    match shape {
        Shape::Circle => std::f64::consts::PI * r * r,
        Shape::Square => 4.0 * r * r,
        Shape::Polygon(n) => {
            let nf = n as f64;
            0.5 * nf * r * r * (2.0 * std::f64::consts::PI / nf).sin()
        }
    }
}

/// The enum built inside the function from an integer argument.
#[differentiable]
fn area_of_kind(r: f64, kind: i32) -> f64 {
    let shape = match kind {
        0 => Shape::Circle,
        1 => Shape::Square,
        n => Shape::Polygon(n),
    };
    let a = area(r, shape);
    match shape {
        Shape::Polygon(_) => a + r,
        _ => a,
    }
}

#[test]
fn match_on_enum_with_float_arms() {
    use std::f64::consts::PI;
    for shape in [
        Shape::Circle,
        Shape::Square,
        Shape::Polygon(3),
        Shape::Polygon(12),
    ] {
        let ad = Ad::new(
            "area",
            move |p| vec![area(p[0], shape)],
            move |p, t| {
                let (y, dy) = area_jvp(p[0], shape, t[0]);
                (vec![y], vec![dy])
            },
            move |p, w| {
                let (y, pb) = area_vjp(p[0], shape);
                (vec![y], vec![pb(w[0])])
            },
        );
        ad.check(&[&[0.5], &[2.0]]);
        // Area is c·r², so d/dr = 2·area/r.
        let r = 1.5;
        assert_close(
            &format!("area' {shape:?}"),
            area_grad(r, shape),
            2.0 * area(r, shape) / r,
            1e-14,
        );
    }
    assert_close("circle'", area_grad(1.0, Shape::Circle), 2.0 * PI, 1e-15);
    for kind in [0, 1, 5] {
        ad_n!(area_of_kind, area_of_kind_jvp, area_of_kind_vjp, kind).check(&[&[0.5], &[2.0]]);
    }
    assert_close(
        "area_of_kind(.., 0)'",
        area_of_kind_grad(1.0, 0),
        2.0 * PI,
        1e-15,
    );
    assert_close(
        "area_of_kind(.., 1)'",
        area_of_kind_grad(1.0, 1),
        8.0,
        1e-15,
    );
    assert_close(
        "area_of_kind(.., 4)'",
        area_of_kind_grad(1.0, 4),
        4.0 + 1.0,
        1e-14,
    );
}

#[differentiable]
fn floor_select(x: f64) -> f64 {
    match x.floor() as i32 {
        0 => x * x,
        1 => 2.0 * x - 1.0,
        2 | 3 => x.sqrt() + 3.0 - 2f64.sqrt(),
        _ => -x,
    }
}

#[test]
fn floor_as_int_selects_match_arm() {
    let ad = ad!(floor_select, floor_select_jvp, floor_select_vjp, [x]);
    ad.check(&[&[0.5], &[1.5], &[2.5], &[3.7], &[-0.5], &[4.2]]);
    assert_exact("arm 0", floor_select_grad(0.5), 1.0);
    assert_exact("arm 1", floor_select_grad(1.25), 2.0);
    assert_exact("arm 2|3", floor_select_grad(2.25), 0.5 / 1.5);
    assert_exact("arm _", floor_select_grad(-0.5), -1.0);
}

// ----- for -----

#[differentiable]
fn geometric(x: f64, n: i32) -> f64 {
    let mut s = 0.0;
    let mut p = 1.0;
    for _ in 0..n {
        s += p;
        p *= x;
    }
    s
}

#[test]
fn geometric_series_in_a_loop() {
    // s = (1 - xⁿ)/(1 - x), s' = (-n xⁿ⁻¹(1-x) + 1 - xⁿ)/(1-x)².
    for n in [0, 1, 2, 7, 25] {
        for x in [0.5f64, -0.3, 1.2] {
            let xn = x.powi(n);
            let want = if n == 0 {
                0.0
            } else {
                (-(n as f64) * x.powi(n - 1) * (1.0 - x) + 1.0 - xn) / ((1.0 - x) * (1.0 - x))
            };
            assert_close(
                &format!("geometric' x={x} n={n}"),
                geometric_grad(x, n),
                want,
                1e-12,
            );
            assert_close(
                &format!("geometric jvp x={x} n={n}"),
                geometric_jvp(x, n, 1.0).1,
                want,
                1e-12,
            );
        }
        ad_n!(geometric, geometric_jvp, geometric_vjp, n).check(&[&[0.5], &[-0.3]]);
    }
}

#[differentiable]
fn ranges(x: f64, n: i32) -> f64 {
    let mut s = 0.0;
    // Horner in reverse: s = Σ_{i=0}^{n} (i+1) xⁱ evaluated from the top.
    for i in (0..=n).rev() {
        s = s * x + (i + 1) as f64;
    }
    let mut t = 0.0;
    for i in (1..n).step_by(2) {
        t += x.powi(i);
    }
    let mut u = x;
    for i in (0..6).rev().step_by(3) {
        u = u * x + i as f64;
    }
    s + t + u
}

fn ranges_manual_grad(x: f64, n: i32) -> f64 {
    let mut ds = 0.0;
    for i in 1..=n {
        ds += ((i + 1) * i) as f64 * x.powi(i - 1);
    }
    let mut dt = 0.0;
    let mut i = 1;
    while i < n {
        dt += i as f64 * x.powi(i - 1);
        i += 2;
    }
    // u = (x·x + 5)·x + 2 = x³ + 5x + 2
    ds + dt + 3.0 * x * x + 5.0
}

#[test]
fn inclusive_reversed_and_stepped_ranges() {
    for n in [0, 1, 4, 7] {
        for x in [0.7, -1.3] {
            assert_close(
                &format!("ranges' x={x} n={n}"),
                ranges_grad(x, n),
                ranges_manual_grad(x, n),
                1e-13,
            );
        }
        ad_n!(ranges, ranges_jvp, ranges_vjp, n).check(&[&[0.7], &[-1.3]]);
    }
}

#[differentiable]
fn zero_trip(x: f64, n: usize) -> f64 {
    let mut y = x;
    for _ in 0..n {
        y = y.sin() * 2.0;
    }
    for _ in n..n {
        y *= 1000.0;
    }
    for _ in (n + 5..n + 2).rev() {
        y *= 1000.0;
    }
    let mut k = 0;
    while k < 0 {
        y = y.exp();
        k += 1;
    }
    y * y
}

#[test]
fn zero_trip_loops() {
    for x in [0.3f64, -2.0] {
        // n = 0: every loop runs zero times, f = x².
        assert_exact("zero_trip n=0", zero_trip_grad(x, 0), 2.0 * x);
        assert_exact("zero_trip n=0 fwd", zero_trip_jvp(x, 0, 1.0).1, 2.0 * x);
        // n = 1: f = (2 sin x)², f' = 8 sin x cos x.
        assert_close(
            "zero_trip n=1",
            zero_trip_grad(x, 1),
            8.0 * x.sin() * x.cos(),
            1e-15,
        );
    }
    for n in [0, 1, 3] {
        ad_n!(zero_trip, zero_trip_jvp, zero_trip_vjp, n).check(&[&[0.3], &[-2.0]]);
    }
}

#[differentiable]
fn nested_labeled(x: f64, n: i32) -> f64 {
    let mut s = 0.0;
    'outer: for i in 0..n {
        for j in 0..n {
            if j > i {
                continue 'outer;
            }
            s += x.powi(i + j) / ((1 + i * j) as f64);
            if s > 50.0 {
                break 'outer;
            }
        }
    }
    s
}

fn nested_labeled_ref(x: f64, n: i32) -> (f64, f64) {
    let (mut s, mut ds) = (0.0, 0.0);
    'outer: for i in 0..n {
        for j in 0..=i {
            let c = 1.0 / (1 + i * j) as f64;
            s += x.powi(i + j) * c;
            if i + j > 0 {
                ds += (i + j) as f64 * x.powi(i + j - 1) * c;
            }
            if s > 50.0 {
                break 'outer;
            }
        }
    }
    (s, ds)
}

#[test]
fn nested_loops_with_labeled_break_and_continue() {
    for n in [0, 1, 3, 6] {
        for x in [0.5f64, 1.1, 2.3] {
            let (s, ds) = nested_labeled_ref(x, n);
            assert_exact(
                &format!("nested_labeled value x={x} n={n}"),
                nested_labeled(x, n),
                s,
            );
            assert_close(
                &format!("nested_labeled' x={x} n={n}"),
                nested_labeled_grad(x, n),
                ds,
                1e-13,
            );
        }
        ad_n!(nested_labeled, nested_labeled_jvp, nested_labeled_vjp, n).check(&[&[0.5], &[1.1]]);
    }
    // The break fires at x = 2.3, n = 6 (the value stops below the full sum).
    let full: f64 = (0..6)
        .flat_map(|i| (0..=i).map(move |j| (i, j)))
        .map(|(i, j)| 2.3f64.powi(i + j) / (1 + i * j) as f64)
        .sum();
    assert!(nested_labeled(2.3, 6) < full, "labeled break did not fire");
}

// ----- while and loop -----

#[differentiable]
fn newton_sqrt(a: f64) -> f64 {
    let mut y = if a > 1.0 { a } else { 1.0 };
    while (y * y - a).abs() > 1e-15 * a {
        y = 0.5 * (y + a / y);
    }
    y
}

#[test]
fn newton_sqrt_in_data_dependent_while() {
    // Reverse mode through a while loop whose trip count depends on the input.
    for a in [0.01f64, 0.5, 2.0, 10.0, 1234.5] {
        let want = 0.5 / a.sqrt();
        assert_close(
            &format!("newton_sqrt value at {a}"),
            newton_sqrt(a),
            a.sqrt(),
            1e-15,
        );
        // Differentiating the iterations gives the derivative of the converged iterate, which
        // equals 1/(2√a) up to the convergence tolerance.
        assert_close(
            &format!("newton_sqrt' at {a} (reverse)"),
            newton_sqrt_grad(a),
            want,
            1e-10,
        );
        assert_close(
            &format!("newton_sqrt' at {a} (forward)"),
            newton_sqrt_jvp(a, 1.0).1,
            want,
            1e-10,
        );
    }
    ad!(newton_sqrt, newton_sqrt_jvp, newton_sqrt_vjp, [a]).check(&[&[0.5], &[2.0], &[77.0]]);
}

#[differentiable]
fn loop_break_value(x: f64) -> f64 {
    let mut y = x;
    let mut k = 0;
    let r = loop {
        y = y * 1.5 + 0.1;
        k += 1;
        if y > 10.0 {
            break y * (k as f64);
        }
        if k >= 50 {
            break -y;
        }
    };
    r + x
}

#[test]
fn loop_with_break_value() {
    // k steps of y ← 1.5y + 0.1 give dy/dx = 1.5^k; the result is k·y + x.
    for x in [1.0f64, 3.0, 0.2] {
        let mut y = x;
        let mut k = 0;
        while y <= 10.0 {
            y = y * 1.5 + 0.1;
            k += 1;
        }
        let want = (k as f64) * 1.5f64.powi(k) + 1.0;
        assert_close(
            &format!("loop_break_value' at {x}"),
            loop_break_value_grad(x),
            want,
            1e-14,
        );
    }
    // The second exit (never above 10 within 50 steps) at a negative start.
    assert_close(
        "loop_break_value' via `break -y`",
        loop_break_value_grad(-1.0),
        -(1.5f64.powi(50)) + 1.0,
        1e-14,
    );
    ad!(
        loop_break_value,
        loop_break_value_jvp,
        loop_break_value_vjp,
        [x]
    )
    .check(&[&[1.0], &[3.0], &[-1.0]]);
}

#[differentiable]
fn loop_continue(x: f64, n: i32) -> f64 {
    let mut s = 0.0;
    let mut i = 0;
    loop {
        i += 1;
        if i > n {
            break;
        }
        if i % 3 == 0 {
            continue;
        }
        s += (x * i as f64).sin();
    }
    s
}

#[test]
fn loop_with_continue() {
    for n in [0, 2, 10] {
        let x = 0.37f64;
        let want: f64 = (1..=n)
            .filter(|i| i % 3 != 0)
            .map(|i| i as f64 * (x * i as f64).cos())
            .sum();
        assert_close(
            &format!("loop_continue' n={n}"),
            loop_continue_grad(x, n),
            want,
            1e-14,
        );
        ad_n!(loop_continue, loop_continue_jvp, loop_continue_vjp, n).check(&[&[0.37], &[-1.2]]);
    }
}

#[differentiable]
fn early_return(x: f64, n: i32) -> f64 {
    let mut acc = x;
    for i in 0..n {
        acc = acc * x + 1.0;
        if acc > 20.0 {
            return acc * (i as f64 + 1.0);
        }
    }
    if acc < -5.0 {
        return -acc;
    }
    acc.sin()
}

fn early_return_ref(x: f64, n: i32) -> f64 {
    // Same recurrence with forward-mode carried by hand: (acc, dacc).
    let (mut a, mut da) = (x, 1.0);
    for i in 0..n {
        (a, da) = (a * x + 1.0, da * x + a);
        if a > 20.0 {
            return da * (i as f64 + 1.0);
        }
    }
    if a < -5.0 {
        return -da;
    }
    a.cos() * da
}

#[test]
fn early_return_from_inside_a_loop() {
    for n in [0, 3, 10] {
        for x in [0.5f64, 1.7, 2.5, -3.0] {
            assert_close(
                &format!("early_return' x={x} n={n}"),
                early_return_grad(x, n),
                early_return_ref(x, n),
                1e-14,
            );
        }
        ad_n!(early_return, early_return_jvp, early_return_vjp, n).check(&[
            &[0.5],
            &[1.7],
            &[2.5],
            &[-3.0],
        ]);
    }
    // The in-loop return fires at x = 2.5 within 10 steps.
    assert!(early_return(2.5, 10) > 20.0, "early return did not fire");
}

// ----- a 1000-step ODE integrator -----

#[differentiable]
fn damped_oscillator(k: f64, c: f64, x0: f64) -> f64 {
    // x'' = -k x - c x', RK4 with dt = 0.01 over 1000 steps (t = 10); returns x(10)² + v(10).
    let dt = 0.01;
    let mut x = x0;
    let mut v = 0.0;
    for _ in 0..1000 {
        let (k1x, k1v) = (v, -k * x - c * v);
        let (x2, v2) = (x + 0.5 * dt * k1x, v + 0.5 * dt * k1v);
        let (k2x, k2v) = (v2, -k * x2 - c * v2);
        let (x3, v3) = (x + 0.5 * dt * k2x, v + 0.5 * dt * k2v);
        let (k3x, k3v) = (v3, -k * x3 - c * v3);
        let (x4, v4) = (x + dt * k3x, v + dt * k3v);
        let (k4x, k4v) = (v4, -k * x4 - c * v4);
        x += dt / 6.0 * (k1x + 2.0 * k2x + 2.0 * k3x + k4x);
        v += dt / 6.0 * (k1v + 2.0 * k2v + 2.0 * k3v + k4v);
    }
    x * x + v
}

#[test]
fn ode_integrator_gradient_wrt_parameters() {
    let ad = ad!(
        damped_oscillator,
        damped_oscillator_jvp,
        damped_oscillator_vjp,
        [k, c, x0]
    );
    // h = 1e-6 central differences; tolerance 1e-6 relative. The dot-product test runs at 1e-11
    // (1000 steps of rounding in different orders in the two modes).
    let pts: &[&[f64]] = &[&[4.0, 0.3, 1.0], &[1.0, 0.1, -0.5], &[9.0, 1.0, 2.0]];
    ad.check_values(pts);
    ad.check_fd(pts, 1e-6, 1e-6);
    ad.check_dot(pts, 1e-11);
    // Against the exact solution of the ODE (RK4 error ~1e-9 at dt = 0.01): for an underdamped
    // oscillator x(t) = x0 e^{-ct/2}(cos ωt + c/(2ω) sin ωt), linear in x0.
    let (k, c, x0) = (4.0f64, 0.3f64, 1.0f64);
    let w = (k - c * c / 4.0).sqrt();
    let t = 10.0;
    let e = (-c * t / 2.0).exp();
    let xs = e * ((w * t).cos() + c / (2.0 * w) * (w * t).sin());
    let vs = -e * (k / w) * (w * t).sin();
    // f = x0² xs² + x0 vs, so df/dx0 = 2 x0 xs² + vs.
    let (_, _, gx0) = damped_oscillator_grad(k, c, x0);
    assert_close(
        "oscillator df/dx0 vs exact solution",
        gx0,
        2.0 * x0 * xs * xs + vs,
        1e-6,
    );
    let fdk = fd1(|k| damped_oscillator(k, c, x0), k, 1e-6);
    assert_close(
        "oscillator df/dk vs fd",
        damped_oscillator_grad(k, c, x0).0,
        fdk,
        1e-6,
    );
}
