//! Derivatives at non-differentiable points follow JAX. Each convention is its own test, with
//! the exact expected value, in reverse mode (`_grad`) and forward mode (`_jvp` with tangent 1).

// Most functions here are only called through their generated derivatives.
#![allow(dead_code)]

#[macro_use]
mod common;

use common::assert_exact;
use oxidiff::differentiable;

#[differentiable]
fn abs_of(x: f64) -> f64 {
    x.abs()
}

#[differentiable]
fn max_of(x: f64, y: f64) -> f64 {
    x.max(y)
}

#[differentiable]
fn min_of(x: f64, y: f64) -> f64 {
    x.min(y)
}

#[differentiable]
fn relu(x: f64) -> f64 {
    x.max(0.0)
}

#[differentiable]
fn min_const(x: f64) -> f64 {
    f64::min(x, 1.0)
}

#[differentiable]
fn clamp01(x: f64) -> f64 {
    x.clamp(0.0, 1.0)
}

#[differentiable]
fn clamp_all(x: f64, lo: f64, hi: f64) -> f64 {
    x.clamp(lo, hi)
}

#[differentiable]
fn sqrt_of(x: f64) -> f64 {
    x.sqrt()
}

#[differentiable]
fn pow_of(x: f64, y: f64) -> f64 {
    x.powf(y)
}

#[differentiable]
fn rounding(x: f64, which: i32) -> f64 {
    match which {
        0 => x.floor(),
        1 => x.ceil(),
        2 => x.round(),
        3 => x.trunc(),
        _ => x.signum(),
    }
}

#[differentiable]
fn guarded_sqrt(x: f64) -> f64 {
    if x > 0.0 {
        x.sqrt()
    } else {
        0.0
    }
}

#[differentiable]
fn guarded_ln(x: f64) -> f64 {
    let mut r = x;
    if x <= 0.0 {
        r *= 2.0;
    } else {
        r = x.ln() * x;
    }
    r
}

#[differentiable]
fn hypot_of(x: f64, y: f64) -> f64 {
    x.hypot(y)
}

#[differentiable]
fn atan2_of(y: f64, x: f64) -> f64 {
    y.atan2(x)
}

#[differentiable]
fn sqrt_of_square(x: f64) -> f64 {
    (x * x).sqrt()
}

#[test]
fn abs_derivative_is_one_at_zero_and_negative_zero() {
    for x in [0.0, -0.0] {
        assert_exact(&format!("|x|' at {x:?} (reverse)"), abs_of_grad(x), 1.0);
        assert_exact(
            &format!("|x|' at {x:?} (forward)"),
            abs_of_jvp(x, 1.0).1,
            1.0,
        );
    }
    assert_exact("|x|' at -2", abs_of_grad(-2.0), -1.0);
    assert_exact("|x|' at 3", abs_of_jvp(3.0, 1.0).1, 1.0);
}

#[test]
fn max_min_tie_splits_evenly() {
    for v in [0.0, 1.5, -2.0] {
        assert_eq!(max_of_grad(v, v), (0.5, 0.5), "max tie at {v} (reverse)");
        assert_eq!(min_of_grad(v, v), (0.5, 0.5), "min tie at {v} (reverse)");
        assert_exact("max tie (forward, dx)", max_of_jvp(v, v, 1.0, 0.0).1, 0.5);
        assert_exact("max tie (forward, dy)", max_of_jvp(v, v, 0.0, 1.0).1, 0.5);
        assert_exact("min tie (forward, dx)", min_of_jvp(v, v, 1.0, 0.0).1, 0.5);
    }
    assert_eq!(max_of_grad(2.0, 1.0), (1.0, 0.0));
    assert_eq!(min_of_grad(2.0, 1.0), (0.0, 1.0));
}

#[test]
fn max_min_tie_against_a_constant() {
    assert_exact("relu'(0) (reverse)", relu_grad(0.0), 0.5);
    assert_exact("relu'(0) (forward)", relu_jvp(0.0, 1.0).1, 0.5);
    assert_exact("relu'(-0.0)", relu_grad(-0.0), 0.5);
    assert_exact("relu'(1)", relu_grad(1.0), 1.0);
    assert_exact("relu'(-1)", relu_grad(-1.0), 0.0);
    assert_exact("min(1, x)' at 1 (reverse)", min_const_grad(1.0), 0.5);
    assert_exact("min(1, x)' at 1 (forward)", min_const_jvp(1.0, 1.0).1, 0.5);
}

#[test]
fn clamp_at_a_bound_gives_half() {
    for b in [0.0, 1.0] {
        assert_exact(&format!("clamp01' at {b} (reverse)"), clamp01_grad(b), 0.5);
        assert_exact(
            &format!("clamp01' at {b} (forward)"),
            clamp01_jvp(b, 1.0).1,
            0.5,
        );
    }
    assert_exact("clamp01' inside", clamp01_grad(0.5), 1.0);
    assert_exact("clamp01' outside", clamp01_grad(1.5), 0.0);
    // All operands active: at the lower bound 1/2 to x and 1/2 to lo, at the upper 1/2 to x and hi.
    assert_eq!(
        clamp_all_grad(0.0, 0.0, 1.0),
        (0.5, 0.5, 0.0),
        "clamp at lo"
    );
    assert_eq!(
        clamp_all_grad(1.0, 0.0, 1.0),
        (0.5, 0.0, 0.5),
        "clamp at hi"
    );
    let (_, t) = clamp_all_jvp(1.0, 0.0, 1.0, 1.0, 10.0, 100.0);
    assert_exact("clamp at hi (forward)", t, 0.5 + 50.0);
}

#[test]
fn sqrt_derivative_at_zero_is_infinite() {
    assert_exact("sqrt'(0) (reverse)", sqrt_of_grad(0.0), f64::INFINITY);
    assert_exact("sqrt'(0) (forward)", sqrt_of_jvp(0.0, 1.0).1, f64::INFINITY);
}

#[test]
fn powf_exponent_derivative_at_zero_base_is_zero() {
    for y in [2.0, 0.5, 3.0, -1.0] {
        let (_, gy) = pow_of_grad(0.0, y);
        assert_exact(&format!("d/dy 0^y at y={y} (reverse)"), gy, 0.0);
    }
    for y in [2.0, 3.0] {
        assert_exact(
            &format!("d/dy 0^y at y={y} (forward)"),
            pow_of_jvp(0.0, y, 0.0, 1.0).1,
            0.0,
        );
    }
    // Forward mode sums both partials: with y < 1 the x-partial is inf and the (concrete) zero
    // x-tangent gives inf·0 = NaN, as in JAX's `jvp` with a zero tangent.
    assert_exact(
        "0^0.5 forward with dx = 0",
        pow_of_jvp(0.0, 0.5, 0.0, 1.0).1,
        f64::NAN,
    );
    assert_eq!(pow_of_grad(0.0, 2.0), (0.0, 0.0), "0^2");
    assert_eq!(pow_of_grad(0.0, 1.0), (1.0, 0.0), "0^1");
    assert_exact("d/dx x^0.5 at 0", pow_of_grad(0.0, 0.5).0, f64::INFINITY);
}

#[test]
fn rounding_functions_have_zero_derivative() {
    for which in 0..5 {
        for x in [-1.5, -0.3, 0.0, 0.5, 2.7] {
            assert_exact(
                &format!("rounding #{which}' at {x} (reverse)"),
                rounding_grad(x, which),
                0.0,
            );
            assert_exact(
                &format!("rounding #{which}' at {x} (forward)"),
                rounding_jvp(x, which, 1.0).1,
                0.0,
            );
        }
    }
}

#[test]
fn untaken_branch_contributes_nothing() {
    // The `sqrt` branch is not taken at x <= 0: no NaN or inf leaks from it.
    for x in [-1.0, -0.0, 0.0] {
        assert_exact(
            &format!("guarded_sqrt' at {x} (reverse)"),
            guarded_sqrt_grad(x),
            0.0,
        );
        assert_exact(
            &format!("guarded_sqrt' at {x} (forward)"),
            guarded_sqrt_jvp(x, 1.0).1,
            0.0,
        );
        assert_exact(
            &format!("guarded_ln' at {x} (reverse)"),
            guarded_ln_grad(x),
            2.0,
        );
        assert_exact(
            &format!("guarded_ln' at {x} (forward)"),
            guarded_ln_jvp(x, 1.0).1,
            2.0,
        );
    }
    assert_exact("guarded_sqrt'(4)", guarded_sqrt_grad(4.0), 0.25);
    assert_exact("guarded_ln'(1)", guarded_ln_grad(1.0), 1.0);
}

#[test]
fn hypot_at_origin_is_half_half() {
    assert_eq!(
        hypot_of_grad(0.0, 0.0),
        (0.5, 0.5),
        "hypot at (0,0) (reverse)"
    );
    assert_exact(
        "hypot at (0,0) (forward)",
        hypot_of_jvp(0.0, 0.0, 1.0, 1.0).1,
        1.0,
    );
    assert_eq!(hypot_of_grad(3.0, 4.0), (0.6, 0.8));
}

#[test]
fn atan2_at_origin_is_nan() {
    let (gy, gx) = atan2_of_grad(0.0, 0.0);
    assert!(
        gy.is_nan() && gx.is_nan(),
        "atan2 at (0,0): expected (NaN, NaN), got ({gy}, {gx})"
    );
    assert!(
        atan2_of_jvp(0.0, 0.0, 1.0, 0.0).1.is_nan(),
        "atan2 forward at (0,0)"
    );
}

#[test]
fn sqrt_of_square_at_zero_is_nan() {
    // inf · 0, as JAX.
    assert_exact(
        "sqrt(x²)' at 0 (reverse)",
        sqrt_of_square_grad(0.0),
        f64::NAN,
    );
    assert_exact(
        "sqrt(x²)' at 0 (forward)",
        sqrt_of_square_jvp(0.0, 1.0).1,
        f64::NAN,
    );
    assert_exact("sqrt(x²)' at -2", sqrt_of_square_grad(-2.0), -1.0);
}

#[test]
fn conventions_agree_between_modes_elsewhere() {
    // Away from the special points the functions are smooth: the usual checks.
    ad!(max_of, max_of_jvp, max_of_vjp, [x, y]).check(&[&[1.0, 2.0], &[3.0, -1.0]]);
    ad!(clamp_all, clamp_all_jvp, clamp_all_vjp, [x, lo, hi]).check(&[&[0.5, 0.0, 1.0]]);
    ad!(hypot_of, hypot_of_jvp, hypot_of_vjp, [x, y]).check(&[&[3.0, -4.0], &[0.1, 0.2]]);
    ad!(pow_of, pow_of_jvp, pow_of_vjp, [x, y]).check(&[&[1.5, 2.5], &[0.3, -1.0]]);
    ad!(min_of, min_of_jvp, min_of_vjp, [x, y]).check(&[&[1.0, 2.0], &[3.0, -1.0]]);
}
