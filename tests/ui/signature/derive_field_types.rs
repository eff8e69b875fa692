// Fields that can never be tangents get one error each, at the field, and nothing else.
use std::collections::HashMap;

use oxidiff::{differentiable, Differentiable};

#[derive(Clone, Differentiable)]
struct Model {
    w: Vec<f64>,
    names: HashMap<String, f64>,
    maybe: Option<f64>,
    pair: (f64, f64),
}

#[differentiable]
fn loss(p: &Model, x: f64) -> f64 {
    p.w[0] * x
}

fn main() {}
