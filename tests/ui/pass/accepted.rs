// Code that #[differentiable] must accept, and whose generated items must be warning-free.
#![deny(warnings)]

use oxidiff::{custom_jvp, custom_vjp, differentiable, stop_gradient};

fn observe(v: &f64) -> bool {
    *v > 0.0
}

#[differentiable]
fn f(x: f64, y: f64) -> f64 {
    let a = x * y;
    // A statement observing an active value by shared reference.
    let _ = observe(&a);
    // Constants, conversions of inactive values, piecewise-constant methods.
    let c = f64::from(2i32) + 2.0f64.sqrt();
    let k = x.floor();
    let s = stop_gradient(y) * a;
    if x.is_finite() {
        s + c * k
    } else {
        a
    }
}

#[differentiable]
fn generic<T: oxidiff::Real>(x: T, n: i32) -> T {
    let mut acc = T::zero();
    for i in 0..n {
        acc += x.powi(i) / T::from_f64((i + 1) as f64);
    }
    acc
}

fn plain(a: f64) -> f64 {
    a * 10.0
}

#[differentiable(crate = "oxidiff")]
fn with_root(x: f64, #[no_grad] scale: f64) -> f64 {
    // Constant data in locals, and a plain function called on inactive values only.
    let data = [1.0, 2.0];
    let mut s = 0.0;
    for d in data {
        s += d * x * scale;
    }
    s + plain(2.0) + data.len() as f64
}

#[differentiable]
fn pair(x: f64, y: f64) -> (f64, f64) {
    let (u, v) = (x * y, x + y);
    (u, v.sin())
}

fn my_sin_bwd(x: f64, _y: f64, g: f64) -> f64 {
    g * x.cos()
}

#[custom_vjp(my_sin_bwd)]
fn my_sin(x: f64) -> f64 {
    x.sin()
}

fn my_sq_tan(x: f64, _y: f64, dx: f64) -> f64 {
    2.0 * x * dx
}

#[custom_jvp(my_sq_tan)]
fn my_sq(x: f64) -> f64 {
    x * x
}

#[differentiable]
fn uses_custom(x: f64) -> f64 {
    my_sin(x) * my_sq(x) + with_root(x, 1.0)
}

fn main() {
    let (v, (dx, dy)) = f_value_and_grad(0.5, 3.0);
    assert!(v.is_finite() && dx.is_finite() && dy.is_finite());
    assert!((generic_grad(0.5f64, 3) - (0.5 + 2.0 * 0.5 / 3.0)).abs() < 1e-12);
    assert_eq!(with_root_grad(2.0, 2.0), 6.0);
    let ((u, v), _) = pair_jvp(1.0, 2.0, 1.0, 0.0);
    assert_eq!((u, v), (2.0, 3.0f64.sin()));
    let g = uses_custom_grad(0.7);
    let want = 0.7f64.cos() * 0.49 + 0.7f64.sin() * 1.4 + 3.0;
    assert!((g - want).abs() < 1e-12, "{g} vs {want}");
}
