use oxidiff::differentiable;

#[differentiable]
fn f(x: f64) -> f64 {
    let t = (x, 1.0);
    x
}

fn main() {}
