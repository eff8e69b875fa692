//! Custom derivative rules: `#[custom_vjp]` (a fixed-point solver differentiated by the implicit
//! function theorem, with its forward mode derived from the pullback) and `#[custom_jvp]` (with
//! reverse mode derived from Jacobian columns), alone and called from `#[differentiable]` code.
//!
//! Unless a test says otherwise: reverse mode against central finite differences of the primal
//! (h = 1e-6, tolerance 1e-6 relative, `common::close`) and the dot-product test between forward
//! and reverse (1e-12 relative).

#[macro_use]
mod common;

use common::{assert_all_close, assert_close, assert_exact, fd1, Ad, Flat};
use oxidiff::{custom_jvp, custom_vjp, differentiable};

// ----- fixed point x = cos(θx), implicit function theorem -----

/// Solves `x = cos(θ x)` by iteration until the step is below 1e-15 (at most 10 000 steps).
#[custom_vjp(fixed_point_bwd)]
fn fixed_point(theta: f64) -> f64 {
    let mut x = 0.5;
    for _ in 0..10_000 {
        let next = (theta * x).cos();
        let done = (next - x).abs() < 1e-15;
        x = next;
        if done {
            break;
        }
    }
    x
}

/// With g(x, θ) = cos(θx): dx/dθ = ∂g/∂θ / (1 - ∂g/∂x) = -x sin(θx) / (1 + θ sin(θx)).
fn fixed_point_bwd(theta: f64, x: f64, g: f64) -> f64 {
    let s = (theta * x).sin();
    g * (-x * s) / (1.0 + theta * s)
}

#[test]
fn fixed_point_custom_vjp_implicit_function_theorem() {
    for theta in [0.3f64, 0.8, 1.0, 1.3] {
        let x = fixed_point(theta);
        assert_close(
            &format!("fixed point residual at θ={theta}"),
            (theta * x).cos(),
            x,
            1e-14,
        );
        let g = fixed_point_grad(theta);
        assert_close(
            &format!("dx/dθ at θ={theta} vs fd"),
            g,
            fd1(fixed_point, theta, 1e-6),
            1e-6,
        );
        // Forward mode is derived from the pullback: dx = bwd(.., 1)·dθ.
        let (v, t) = fixed_point_jvp(theta, 2.0);
        assert_exact("fixed_point jvp value", v, x);
        assert_close(&format!("fixed_point jvp at θ={theta}"), t, 2.0 * g, 1e-15);
    }
    ad!(fixed_point, fixed_point_jvp, fixed_point_vjp, [theta]).check(&[&[0.3], &[0.8], &[1.3]]);
}

/// `x = a cos(b x)`, with an inactive iteration cap between the active arguments.
#[custom_vjp(fixed2_bwd)]
fn fixed2(a: f64, iters: usize, b: f64) -> f64 {
    let mut x = 0.0;
    for _ in 0..iters {
        x = a * (b * x).cos();
    }
    x
}

fn fixed2_bwd(a: f64, _iters: usize, b: f64, x: f64, g: f64) -> (f64, f64) {
    // G(x; a, b) = a cos(bx): ∂G/∂x = -ab sin(bx), ∂G/∂a = cos(bx), ∂G/∂b = -ax sin(bx).
    let s = (b * x).sin();
    let k = g / (1.0 + a * b * s);
    (k * (b * x).cos(), k * (-a * x * s))
}

#[test]
fn custom_vjp_with_two_active_and_one_inactive_argument() {
    let n = 400;
    let ad = Ad::new(
        "fixed2",
        move |p| vec![fixed2(p[0], n, p[1])],
        move |p, t| {
            let (y, dy) = fixed2_jvp(p[0], n, p[1], t[0], t[1]);
            (vec![y], vec![dy])
        },
        move |p, w| {
            let (y, pb) = fixed2_vjp(p[0], n, p[1]);
            (vec![y], pb(w[0]).flat())
        },
    );
    ad.check(&[&[0.7, 1.1], &[1.0, 0.5], &[0.4, 2.0]]);
}

/// Uses the solver inside ordinary differentiable code: the chain rule meets the custom rule.
/// (Arguments of `fixed_point` stay in (0, 1.3], where the iteration contracts.)
#[differentiable]
fn uses_fixed_point(theta: f64, y: f64) -> f64 {
    let x = fixed_point(theta * y);
    x * y + fixed_point(0.5 * theta + 0.2).sin()
}

#[test]
fn custom_vjp_inside_differentiable_function() {
    let ad = ad!(
        uses_fixed_point,
        uses_fixed_point_jvp,
        uses_fixed_point_vjp,
        [theta, y]
    );
    ad.check(&[&[0.8, 1.1], &[0.5, 0.6], &[1.2, 0.9]]);
    let (theta, y) = (0.8, 1.1);
    let (x, d) = (fixed_point(theta * y), fixed_point_grad(theta * y));
    let (x2, d2) = (
        fixed_point(0.5 * theta + 0.2),
        fixed_point_grad(0.5 * theta + 0.2),
    );
    let want = [d * y * y + 0.5 * x2.cos() * d2, d * theta * y + x];
    assert_all_close(
        "uses_fixed_point grad",
        &uses_fixed_point_grad(theta, y).flat(),
        &want,
        1e-14,
    );
}

/// The custom rule replaces the body's derivative: a straight-through `round` (gradient 1
/// where the automatic derivative would be 0).
#[custom_vjp(straight_through_bwd)]
fn straight_through_round(x: f64) -> f64 {
    x.round()
}

fn straight_through_bwd(_x: f64, _y: f64, g: f64) -> f64 {
    g
}

#[differentiable]
fn quantized_loss(x: f64) -> f64 {
    let q = straight_through_round(3.0 * x);
    (q - 1.0) * (q - 1.0)
}

#[test]
fn custom_vjp_overrides_body_derivative() {
    assert_exact(
        "straight-through round'",
        straight_through_round_grad(2.3),
        1.0,
    );
    assert_exact(
        "straight-through round jvp",
        straight_through_round_jvp(2.3, 4.0).1,
        4.0,
    );
    // d/dx (round(3x) - 1)² with the straight-through rule: 2(round(3x) - 1)·3.
    for x in [0.1f64, 0.7, -0.4] {
        let q = (3.0 * x).round();
        assert_exact(
            "quantized_loss value",
            quantized_loss(x),
            (q - 1.0) * (q - 1.0),
        );
        assert_exact(
            &format!("quantized_loss' at {x}"),
            quantized_loss_grad(x),
            2.0 * (q - 1.0) * 3.0,
        );
        assert_exact(
            &format!("quantized_loss jvp at {x}"),
            quantized_loss_jvp(x, 1.0).1,
            2.0 * (q - 1.0) * 3.0,
        );
    }
}

/// A tuple result with a custom VJP: the JVP is derived from one pullback per output.
#[custom_vjp(sincos_bwd)]
fn sincos(x: f64) -> (f64, f64) {
    (x.sin(), x.cos())
}

fn sincos_bwd(_x: f64, y: (f64, f64), g: (f64, f64)) -> f64 {
    let (s, c) = y;
    g.0 * c - g.1 * s
}

#[differentiable]
fn uses_sincos(x: f64, y: f64) -> f64 {
    let (s, c) = sincos(x * y);
    s * y + c * c
}

#[test]
fn custom_vjp_with_tuple_result() {
    ad!(sincos, sincos_jvp, sincos_vjp, [x]).check(&[&[0.3], &[2.0]]);
    let x = 0.6f64;
    let (_, (ds, dc)) = sincos_jvp(x, 1.0);
    assert_all_close("sincos jvp", &[ds, dc], &[x.cos(), -x.sin()], 1e-15);
    ad!(uses_sincos, uses_sincos_jvp, uses_sincos_vjp, [x, y]).check(&[&[0.3, 1.2], &[-1.0, 0.5]]);
}

// ----- custom JVP -----

/// softplus(x) = ln(1 + eˣ), computed stably, with the tangent σ(x)·dx.
#[custom_jvp(softplus_tan)]
fn softplus(x: f64) -> f64 {
    if x > 30.0 {
        x
    } else {
        x.exp().ln_1p()
    }
}

fn softplus_tan(x: f64, _y: f64, dx: f64) -> f64 {
    dx / (1.0 + (-x).exp())
}

#[differentiable]
fn uses_softplus(x: f64, y: f64) -> f64 {
    let a = softplus(x * y);
    a * a + softplus(y) - x
}

#[test]
fn custom_jvp_alone_and_inside_differentiable_function() {
    for x in [-3.0f64, 0.0, 2.0, 40.0] {
        let sig = 1.0 / (1.0 + (-x).exp());
        assert_close(
            &format!("softplus' at {x} (forward)"),
            softplus_jvp(x, 1.0).1,
            sig,
            1e-15,
        );
        // Reverse mode is derived from the forward rule (one Jacobian column).
        assert_close(
            &format!("softplus' at {x} (reverse)"),
            softplus_grad(x),
            sig,
            1e-15,
        );
    }
    ad!(softplus, softplus_jvp, softplus_vjp, [x]).check(&[&[-3.0], &[0.5], &[5.0]]);
    let ad = ad!(uses_softplus, uses_softplus_jvp, uses_softplus_vjp, [x, y]);
    ad.check(&[&[0.5, -1.0], &[1.5, 2.0], &[-0.3, 0.4]]);
    let (x, y) = (0.5f64, -1.0f64);
    let sp = |t: f64| (1.0 + t.exp()).ln();
    let sg = |t: f64| 1.0 / (1.0 + (-t).exp());
    let a = sp(x * y);
    let want = [
        2.0 * a * sg(x * y) * y - 1.0,
        2.0 * a * sg(x * y) * x + sg(y),
    ];
    assert_all_close(
        "uses_softplus grad",
        &uses_softplus_grad(x, y).flat(),
        &want,
        1e-14,
    );
}

/// A custom JVP that clips sqrt's infinite slope at 0: checks the rule (not the body) is used
/// in both modes.
#[custom_jvp(safe_sqrt_tan)]
fn safe_sqrt(x: f64) -> f64 {
    x.sqrt()
}

fn safe_sqrt_tan(_x: f64, y: f64, dx: f64) -> f64 {
    0.5 / y.max(1e-3) * dx
}

#[differentiable]
fn uses_safe_sqrt(x: f64) -> f64 {
    safe_sqrt(x * x) + x
}

#[test]
fn custom_jvp_overrides_body_derivative() {
    assert_exact("safe_sqrt'(0) forward", safe_sqrt_jvp(0.0, 1.0).1, 500.0);
    assert_exact("safe_sqrt'(0) reverse", safe_sqrt_grad(0.0), 500.0);
    // Without the rule this is NaN at 0 (inf·0); with it, 500·0 + 1.
    assert_exact("uses_safe_sqrt'(0) reverse", uses_safe_sqrt_grad(0.0), 1.0);
    assert_exact(
        "uses_safe_sqrt'(0) forward",
        uses_safe_sqrt_jvp(0.0, 1.0).1,
        1.0,
    );
    assert_close("uses_safe_sqrt'(-2)", uses_safe_sqrt_grad(-2.0), 0.0, 1e-15);
    ad!(uses_safe_sqrt, uses_safe_sqrt_jvp, uses_safe_sqrt_vjp, [x]).check(&[&[0.7], &[-2.0]]);
}

/// Two active arguments and a tuple result with a custom JVP: the reverse mode is assembled
/// from one forward pass per active argument.
#[custom_jvp(to_polar_tan)]
fn to_polar(x: f64, y: f64) -> (f64, f64) {
    (x.hypot(y), y.atan2(x))
}

fn to_polar_tan(x: f64, y: f64, out: (f64, f64), dx: f64, dy: f64) -> (f64, f64) {
    let r = out.0;
    ((x * dx + y * dy) / r, (x * dy - y * dx) / (r * r))
}

#[test]
fn custom_jvp_with_tuple_result_and_two_inputs() {
    let ad = ad!(to_polar, to_polar_jvp, to_polar_vjp, [x, y]);
    ad.check(&[&[1.0, 2.0], &[-0.5, 0.3], &[3.0, -4.0]]);
    let (_, pb) = to_polar_vjp(3.0, 4.0);
    assert_all_close(
        "to_polar row of r",
        &pb((1.0, 0.0)).flat(),
        &[0.6, 0.8],
        1e-15,
    );
}
