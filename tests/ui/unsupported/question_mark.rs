use oxidiff::differentiable;

#[differentiable]
fn f(x: f64, s: &str) -> f64 {
    let n: i32 = s.parse().ok()?;
    x * n as f64
}

fn main() {}
