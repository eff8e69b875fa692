use oxidiff::differentiable;

#[differentiable]
fn f(x: f64) -> f64 {
    let r = &x;
    x
}

fn main() {}
