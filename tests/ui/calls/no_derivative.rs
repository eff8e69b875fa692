// Calling a function without `#[differentiable]` on an active value: rustc reports the
// missing generated derivative at the call.
use oxidiff::differentiable;

fn g(x: f64) -> f64 {
    x * x
}

#[differentiable]
fn f(x: f64) -> f64 {
    g(x) + 1.0
}

fn main() {}
