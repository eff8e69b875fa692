use oxidiff::differentiable;

#[differentiable]
fn f(x: f64) -> (f64, i32, bool) {
    (x, 1, true)
}

fn main() {}
