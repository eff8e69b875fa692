// A closure in value position is rejected even when it captures no active value (over-strict:
// in statement or argument position only closures capturing active values are errors).
use oxidiff::differentiable;

#[differentiable]
fn f(x: f64, n: usize) -> f64 {
    let double = |i: usize| i * 2;
    x * double(n) as f64
}

fn main() {}
