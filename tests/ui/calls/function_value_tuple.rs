use oxidiff::differentiable;

fn pair(x: f64) -> (f64, f64) {
    (x, x)
}

#[differentiable]
fn f(x: f64) -> (f64, f64) {
    (pair)(x)
}

fn main() {}
