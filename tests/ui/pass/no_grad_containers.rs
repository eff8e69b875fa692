// The signature error for float containers recommends `#[no_grad]`: a `#[no_grad]` slice,
// array, `Vec` or `&str` parameter compiles.
#![deny(warnings)]

use oxidiff::differentiable;

#[differentiable]
fn weighted(x: f64, #[no_grad] w: &[f64]) -> f64 {
    let mut s = 0.0;
    for &wi in w {
        s += wi * x;
    }
    s
}

#[differentiable]
fn arr(x: f64, #[no_grad] w: [f64; 2]) -> f64 {
    x * w[0] + w[1]
}

#[differentiable]
fn named(x: f64, #[no_grad] label: &str) -> f64 {
    if label.is_empty() { x } else { 2.0 * x }
}

fn main() {
    assert_eq!(weighted_grad(2.0, &[1.0, 2.0]), 3.0);
    assert_eq!(arr_grad(2.0, [3.0, 1.0]), 3.0);
    assert_eq!(named_grad(2.0, "a"), 2.0);
}
