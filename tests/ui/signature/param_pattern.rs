use oxidiff::differentiable;

#[differentiable]
fn f((a, b): (f64, f64)) -> f64 {
    a * b
}

#[differentiable]
fn g(ref x: f64) -> f64 {
    *x
}

fn main() {}
