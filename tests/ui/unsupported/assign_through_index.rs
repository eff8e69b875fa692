use oxidiff::differentiable;

#[differentiable]
fn f(x: f64) -> f64 {
    let mut a = [0.0; 2];
    a[0] = x * 2.0;
    a[1] += x;
    x
}

fn main() {}
