// A closure passed to an opaque method and capturing an active value.
use oxidiff::differentiable;

#[differentiable]
fn f(x: f64, n: usize) -> f64 {
    let s = (0..n).map(|i| x * i as f64).sum::<f64>();
    s
}

fn main() {}
