// A closure passed to an opaque method and capturing an active value.
use oxidiff::differentiable;

#[differentiable]
fn f(x: f64, n: usize) -> f64 {
    let s = Some(n).map(|k| x * k as f64).unwrap_or(0.0);
    s
}

fn main() {}
