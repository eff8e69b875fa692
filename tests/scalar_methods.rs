//! Every supported float method, in method and path form (`x.sin()`, `f64::sin(x)`), each
//! against its analytic derivative, central finite differences (h = 1e-6, tolerance 1e-6
//! relative, `common::close`) and the dot-product test between forward and reverse (1e-12).

#[macro_use]
mod common;

use common::{assert_all_close, assert_close, Flat};
use oxidiff::differentiable;

#[differentiable]
fn trig(x: f64) -> f64 {
    x.sin() + 2.0 * x.cos() + 0.5 * x.tan()
}

#[differentiable]
fn inv_trig(x: f64) -> f64 {
    x.asin() - 3.0 * x.acos() + x.atan() * x
}

#[differentiable]
fn hyperbolic(x: f64) -> f64 {
    x.sinh() * 0.5 + x.cosh() - x.tanh() * x
}

#[differentiable]
fn inv_hyperbolic(x: f64) -> f64 {
    x.asinh() + (x + 2.0).acosh() + (0.5 * x).atanh()
}

#[differentiable]
fn exps(x: f64) -> f64 {
    x.exp() - 2.0 * x.exp2() + x.exp_m1() * x
}

#[differentiable]
fn logs(x: f64, b: f64) -> f64 {
    x.ln() + x.log(b) - x.log2() * 3.0 + x.log10() + x.ln_1p()
}

#[differentiable]
fn roots(x: f64) -> f64 {
    x.sqrt() + 2.0 * x.cbrt() - x.recip()
}

#[differentiable]
fn powers(x: f64, y: f64) -> f64 {
    x.powi(3) + x.powi(-2) + x.powi(0) + x.powf(y) + x.hypot(y)
}

#[differentiable]
fn angle(y: f64, x: f64) -> f64 {
    y.atan2(x)
}

#[differentiable]
fn minmax(x: f64, y: f64) -> f64 {
    x.max(y) * 2.0 + x.min(y) - x.max(0.5) + y.min(-0.25)
}

#[differentiable]
fn clamped(x: f64, lo: f64, hi: f64) -> f64 {
    x.clamp(lo, hi) + (2.0 * x).clamp(-1.0, 1.0)
}

#[differentiable]
fn fused(a: f64, b: f64, c: f64) -> f64 {
    a.mul_add(b, c) + b.mul_add(2.0, a * c)
}

#[differentiable]
fn piecewise_flat(x: f64) -> f64 {
    x.floor() * x + x.ceil() - x.round() * x.trunc() + x.signum() * x + x.fract() * 3.0 + x.abs()
}

#[differentiable]
fn degrees(x: f64) -> f64 {
    x.to_degrees() + 3.0 * x.to_radians() * x
}

#[differentiable]
fn path_forms(x: f64, y: f64) -> f64 {
    f64::sin(x) * f64::max(x, y) + f64::powi(y, 2) + f64::hypot(x, y) - f64::mul_add(x, y, 1.0)
        + f64::exp(f64::min(x, y))
        + f64::atan2(y, x)
        + f64::sqrt(f64::abs(y))
}

#[test]
fn trigonometric() {
    let ad = ad!(trig, trig_jvp, trig_vjp, [x]);
    ad.check(&[&[0.0], &[0.7], &[-1.2], &[3.0]]);
    for x in [-1.0f64, 0.3, 1.4] {
        let t = x.tan();
        let want = x.cos() - 2.0 * x.sin() + 0.5 * (1.0 + t * t);
        assert_close(&format!("trig' at {x}"), trig_grad(x), want, 1e-14);
    }
}

#[test]
fn inverse_trigonometric() {
    let ad = ad!(inv_trig, inv_trig_jvp, inv_trig_vjp, [x]);
    ad.check(&[&[0.0], &[0.5], &[-0.8]]);
    for x in [-0.9f64, 0.0, 0.6] {
        let s = (1.0 - x * x).sqrt();
        let want = 1.0 / s + 3.0 / s + x / (1.0 + x * x) + x.atan();
        assert_close(&format!("inv_trig' at {x}"), inv_trig_grad(x), want, 1e-14);
    }
}

#[test]
fn hyperbolic_functions() {
    let ad = ad!(hyperbolic, hyperbolic_jvp, hyperbolic_vjp, [x]);
    ad.check(&[&[0.0], &[1.1], &[-2.0]]);
    for x in [-1.5f64, 0.2, 2.5] {
        let th = x.tanh();
        let want = 0.5 * x.cosh() + x.sinh() - (1.0 - th * th) * x - th;
        assert_close(
            &format!("hyperbolic' at {x}"),
            hyperbolic_grad(x),
            want,
            1e-14,
        );
    }
}

#[test]
fn inverse_hyperbolic() {
    let ad = ad!(inv_hyperbolic, inv_hyperbolic_jvp, inv_hyperbolic_vjp, [x]);
    ad.check(&[&[0.0], &[0.9], &[-0.5]]);
    for x in [-0.7f64, 0.1, 1.5] {
        let u = x + 2.0;
        let want =
            1.0 / (x * x + 1.0).sqrt() + 1.0 / (u * u - 1.0).sqrt() + 0.5 / (1.0 - 0.25 * x * x);
        assert_close(
            &format!("inv_hyperbolic' at {x}"),
            inv_hyperbolic_grad(x),
            want,
            1e-13,
        );
    }
}

#[test]
fn exponentials() {
    let ad = ad!(exps, exps_jvp, exps_vjp, [x]);
    ad.check(&[&[0.0], &[1.3], &[-2.2]]);
    for x in [-1.0f64, 0.0, 2.0] {
        let want = x.exp() - 2.0 * x.exp2() * std::f64::consts::LN_2 + x.exp() * x + x.exp_m1();
        assert_close(&format!("exps' at {x}"), exps_grad(x), want, 1e-14);
    }
}

#[test]
fn logarithms() {
    let ad = ad!(logs, logs_jvp, logs_vjp, [x, b]);
    ad.check(&[&[0.5, 3.0], &[2.0, 10.0], &[7.5, 1.5]]);
    for (x, b) in [(0.5f64, 3.0f64), (4.0, 2.5)] {
        let (ln2, ln10, lb) = (std::f64::consts::LN_2, std::f64::consts::LN_10, b.ln());
        let gx = 1.0 / x + 1.0 / (x * lb) - 3.0 / (x * ln2) + 1.0 / (x * ln10) + 1.0 / (1.0 + x);
        let gb = -x.ln() / (b * lb * lb);
        assert_all_close(
            &format!("logs grad at ({x}, {b})"),
            &logs_grad(x, b).flat(),
            &[gx, gb],
            1e-14,
        );
    }
}

#[test]
fn roots_and_reciprocal() {
    let ad = ad!(roots, roots_jvp, roots_vjp, [x]);
    ad.check(&[&[0.3], &[2.0], &[11.0]]);
    for x in [0.25f64, 1.0, 8.0] {
        let want = 0.5 / x.sqrt() + 2.0 / (3.0 * x.cbrt() * x.cbrt()) + 1.0 / (x * x);
        assert_close(&format!("roots' at {x}"), roots_grad(x), want, 1e-14);
    }
}

#[test]
fn powers_and_hypot() {
    let ad = ad!(powers, powers_jvp, powers_vjp, [x, y]);
    ad.check(&[&[0.7, 1.3], &[2.0, -0.5], &[1.5, 2.5]]);
    for (x, y) in [(0.7f64, 1.3f64), (2.0, -0.5)] {
        let h = x.hypot(y);
        let gx = 3.0 * x * x - 2.0 / (x * x * x) + y * x.powf(y - 1.0) + x / h;
        let gy = x.powf(y) * x.ln() + y / h;
        assert_all_close(
            &format!("powers grad at ({x}, {y})"),
            &powers_grad(x, y).flat(),
            &[gx, gy],
            1e-14,
        );
    }
}

#[test]
fn atan2_all_quadrants() {
    let ad = ad!(angle, angle_jvp, angle_vjp, [y, x]);
    // Away from the branch cut on the negative x axis (FD would straddle the jump there).
    ad.check(&[&[0.5, 1.0], &[1.0, -0.5], &[-2.0, -1.0], &[-0.3, 0.7]]);
    for (y, x) in [(0.5f64, 1.0f64), (-2.0, -1.0)] {
        let r2 = x * x + y * y;
        assert_all_close(
            "atan2 grad",
            &angle_grad(y, x).flat(),
            &[x / r2, -y / r2],
            1e-15,
        );
    }
}

#[test]
fn min_and_max() {
    let ad = ad!(minmax, minmax_jvp, minmax_vjp, [x, y]);
    // Points with no ties (x ≠ y, x ≠ 0.5, y ≠ -0.25).
    ad.check(&[&[1.0, 0.0], &[-1.0, 2.0], &[0.2, -3.0]]);
    // x > y, x > 0.5, y < -0.25: f = 2x + y - x + y.
    assert_all_close(
        "minmax grad (x>y)",
        &minmax_grad(1.0, -1.0).flat(),
        &[1.0, 2.0],
        0.0,
    );
    // x < y, x < 0.5, y > -0.25: f = 2y + x - 0.5 - 0.25.
    assert_all_close(
        "minmax grad (x<y)",
        &minmax_grad(0.0, 1.0).flat(),
        &[1.0, 2.0],
        0.0,
    );
    // x > y, x < 0.5, y > -0.25: f = 2x + y - 0.5 - 0.25.
    assert_all_close(
        "minmax grad (x>y, small)",
        &minmax_grad(0.3, 0.1).flat(),
        &[2.0, 1.0],
        0.0,
    );
}

#[test]
fn clamp_inside_and_outside() {
    let ad = ad!(clamped, clamped_jvp, clamped_vjp, [x, lo, hi]);
    ad.check(&[
        &[0.3, -1.0, 1.0],
        &[-2.0, -1.0, 1.0],
        &[2.0, -1.0, 1.0],
        &[0.7, 0.0, 0.5],
    ]);
    // Inside: d/dx = 1 + 2 (the second clamp is inside too for |2x| < 1).
    assert_all_close(
        "clamp inside",
        &clamped_grad(0.3, -1.0, 1.0).flat(),
        &[3.0, 0.0, 0.0],
        0.0,
    );
    // Below: the value is `lo`, and 2x is below -1.
    assert_all_close(
        "clamp below",
        &clamped_grad(-2.0, -1.0, 1.0).flat(),
        &[0.0, 1.0, 0.0],
        0.0,
    );
    // Above: the value is `hi`, 2x above 1.
    assert_all_close(
        "clamp above",
        &clamped_grad(2.0, -1.0, 1.0).flat(),
        &[0.0, 0.0, 1.0],
        0.0,
    );
}

#[test]
fn mul_add() {
    let ad = ad!(fused, fused_jvp, fused_vjp, [a, b, c]);
    ad.check(&[&[0.5, -1.5, 2.0], &[3.0, 0.25, -1.0]]);
    let (a, b, c) = (0.5, -1.5, 2.0);
    // f = ab + c + 2b + ac
    assert_all_close(
        "fused grad",
        &fused_grad(a, b, c).flat(),
        &[b + c, a + 2.0, 1.0 + a],
        1e-15,
    );
}

#[test]
fn piecewise_constant_methods_have_zero_derivative() {
    let ad = ad!(piecewise_flat, piecewise_flat_jvp, piecewise_flat_vjp, [x]);
    // Away from integers and half-integers (jumps of floor, ceil, round, trunc, fract).
    ad.check(&[&[0.3], &[1.7], &[-2.2], &[-0.6]]);
    for x in [0.3f64, 1.7, -2.2, -0.6] {
        // Only `floor(x)·x`, `signum(x)·x`, `3·fract(x)` and `|x|` carry derivatives.
        let want = x.floor() + x.signum() + 3.0 + x.signum();
        assert_close(
            &format!("piecewise_flat' at {x}"),
            piecewise_flat_grad(x),
            want,
            1e-15,
        );
    }
}

#[test]
fn degree_conversions() {
    let ad = ad!(degrees, degrees_jvp, degrees_vjp, [x]);
    ad.check(&[&[0.0], &[1.0], &[-4.0]]);
    let x = 1.3;
    let want = 180.0 / std::f64::consts::PI + 6.0 * x * std::f64::consts::PI / 180.0;
    assert_close("degrees'", degrees_grad(x), want, 1e-15);
}

#[test]
fn path_form_calls() {
    let ad = ad!(path_forms, path_forms_jvp, path_forms_vjp, [x, y]);
    ad.check(&[&[0.4, 1.1], &[1.2, 0.3], &[0.8, -0.6]]);
    // At x < y: f = sin(x)·y + y² + hypot - (xy + 1) + e^x + atan2(y, x) + √y.
    let (x, y) = (0.4f64, 1.1f64);
    let (h, r2) = (x.hypot(y), x * x + y * y);
    let gx = x.cos() * y + x / h - y + x.exp() - y / r2;
    let gy = x.sin() + 2.0 * y + y / h - x + x / r2 + 0.5 / y.sqrt();
    assert_all_close(
        "path_forms grad",
        &path_forms_grad(x, y).flat(),
        &[gx, gy],
        1e-14,
    );
}

// ----- path form with an unsuffixed literal as first argument -----
//
// `f64::min(1.0, x)`: the generated code spells primitives as `<f64>::min(1.0, x)`, so the
// literal's type is known.

#[differentiable]
fn literal_receiver(x: f64) -> f64 {
    f64::min(1.0, x) + f64::powf(2.0, x)
}

#[test]
fn path_form_with_literal_first_argument() {
    let ad = ad!(
        literal_receiver,
        literal_receiver_jvp,
        literal_receiver_vjp,
        [x]
    );
    ad.check(&[&[0.5], &[2.0]]);
    let x = 0.5f64;
    assert_close(
        "literal_receiver'",
        literal_receiver_grad(x),
        1.0 + 2f64.powf(x) * 2f64.ln(),
        1e-15,
    );
}
