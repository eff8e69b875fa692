use oxidiff::differentiable;

#[differentiable(crate = oxidiff)]
fn f(x: f64) -> f64 {
    x * x
}

fn main() {}
