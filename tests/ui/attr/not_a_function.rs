use oxidiff::{custom_vjp, differentiable};

#[differentiable]
struct S {
    x: f64,
}

#[custom_vjp(bwd)]
const C: f64 = 1.0;

fn main() {}
