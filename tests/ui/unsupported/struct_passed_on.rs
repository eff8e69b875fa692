// A struct argument can't be passed on to another differentiated function or method yet:
// an error at the call, not errors from generated code.
use oxidiff::{differentiable, Differentiable};

#[derive(Clone, Differentiable)]
struct Layer {
    w: Vec<f64>,
    b: f64,
}

#[differentiable]
fn layer_fwd(l: &Layer, h: f64) -> f64 {
    l.w[0] * h + l.b
}

#[differentiable]
fn two_layers(p: &Layer, x: f64) -> f64 {
    let h = layer_fwd(p, x);
    layer_fwd(&p, h)
}

impl Layer {
    #[differentiable]
    fn energy(&self, x: f64) -> f64 {
        self.b * x
    }

    #[differentiable]
    fn twice(&self, x: f64) -> f64 {
        2.0 * self.energy(x)
    }
}

fn main() {}
