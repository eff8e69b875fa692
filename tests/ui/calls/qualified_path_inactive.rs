// A qualified call on inactive values only.
use oxidiff::differentiable;

#[differentiable]
fn f(x: f64) -> f64 {
    let z = <f64 as Default>::default();
    x + z
}

fn main() {}
