use oxidiff::differentiable;

#[differentiable]
fn f(x: f64) -> f64 {
    let _ = async { 1 };
    let n: i32 = std::future::ready(2).await;
    x * n as f64
}

fn main() {}
