use oxidiff::differentiable;

#[differentiable]
fn f(x: f64) -> f64 {
    let a = [x, 2.0 * x];
    let r = [x; 4];
    let y = a[0];
    y
}

fn main() {}
