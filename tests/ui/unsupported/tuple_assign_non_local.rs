use oxidiff::differentiable;

#[differentiable]
fn f(x: f64) -> f64 {
    let mut a = [0.0; 2];
    let mut y = 0.0;
    (a[0], y) = (x, x);
    y
}

fn main() {}
