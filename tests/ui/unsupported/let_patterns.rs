use oxidiff::differentiable;

#[differentiable]
fn f(x: f64) -> f64 {
    let [a, b] = [1.0, 2.0];
    let ref r = x;
    x
}

fn main() {}
