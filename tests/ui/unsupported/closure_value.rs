use oxidiff::differentiable;

#[differentiable]
fn f(x: f64) -> f64 {
    let g = |a: f64| a * x;
    g(x)
}

fn main() {}
