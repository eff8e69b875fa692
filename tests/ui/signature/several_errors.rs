// Every problem of the signature is reported at once.
use oxidiff::differentiable;

#[differentiable]
async unsafe fn f(x: f64, y: f32, v: &[f64]) -> (f64, usize) {
    (x, v.len())
}

fn main() {}
