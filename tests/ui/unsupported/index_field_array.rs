use oxidiff::differentiable;

struct P {
    v: f64,
}

#[differentiable]
fn f(x: f64, #[no_grad] p: (f64, f64)) -> f64 {
    let q = (x, p.0);
    let s = P { v: x };
    q.0 + s.v
}

fn main() {}
