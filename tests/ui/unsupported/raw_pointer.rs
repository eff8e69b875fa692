use oxidiff::differentiable;

#[differentiable]
fn f(x: f64) -> f64 {
    let p = &x as *const f64;
    x
}

#[differentiable]
fn g(x: f64) -> f64 {
    let p = &raw const x;
    x
}

fn main() {}
