use oxidiff::{differentiable, Differentiable};

#[derive(Clone, Differentiable)]
struct P {
    w: f64,
}

// Struct arguments are read-only.
#[differentiable]
fn set(mut p: P, x: f64) -> f64 {
    p.w = x;
    p.w * x
}

fn main() {}
