use oxidiff::differentiable;

fn sq(x: f64) -> f64 {
    x * x
}

#[differentiable]
fn f(x: f64) -> f64 {
    let fs = [sq as fn(f64) -> f64];
    let y = fs[0](x);
    let z = (sq)(x);
    y + z
}

fn main() {}
