use oxidiff::differentiable;

struct P {
    v: f64,
}

#[differentiable]
fn f(x: f64) -> f64 {
    let p = P { v: x };
    x
}

fn main() {}
