use oxidiff::differentiable;

#[differentiable]
fn f(x: f64, #[no_grad] mut w: (f64, f64)) -> f64 {
    w.0 = x * 2.0;
    w.1 += x;
    w.0
}

fn main() {}
