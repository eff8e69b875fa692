use oxidiff::differentiable;

#[differentiable]
fn f(x: f64, k: Option<i32>) -> f64 {
    let Some(n) = k else { return x };
    x * n as f64
}

fn main() {}
