use oxidiff::differentiable;

#[differentiable]
fn f(x: f64) -> f64 {
    let (a, b);
    (a, b) = (x, x);
    a * b
}

fn main() {}
