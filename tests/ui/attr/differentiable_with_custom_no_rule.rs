// Under `#[differentiable]`, a `#[custom_vjp]` wins; without a rule it is an error.
use oxidiff::{custom_vjp, differentiable};

#[differentiable]
#[custom_vjp]
fn f(x: f64) -> f64 {
    x.sin()
}

fn main() {
    let _ = f(1.0);
}
